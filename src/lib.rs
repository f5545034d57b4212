//! nianbao (年报): the core of an editor, checker and converter for China's
//! annual 《政府信息公开工作年度报告》 in the national format of
//! 国办公开办函〔2021〕30号.
//!
//! Everything here is free of GUI code and tested directly: the template as
//! data ([`template`]), the report model ([`model`]), derived totals
//! ([`compute`]), the balance rules ([`rules`]), project files ([`project`]),
//! rollover ([`rollover`]), import ([`import`]) and export ([`export`]).
//! The desktop app lives in [`app`] (feature `gui`).

// Tables are 2-D grids addressed by row and column; index loops read
// clearer there than iterator chains.
#![allow(clippy::needless_range_loop)]

pub mod bundled_font;
pub mod cell;
pub mod cli;
pub mod compute;
pub mod dates;
pub mod diff;

pub mod export;
pub mod find;
pub mod import;
pub mod merge;

pub mod model;
pub mod ocr;
pub mod open;
pub mod path_name;
pub mod place;
pub mod project;
pub mod rollover;
pub mod rules;
pub mod template;

#[cfg(feature = "gui")]
pub mod app;
