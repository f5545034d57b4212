//! The report: everything a 《政府信息公开工作年度报告》 holds.
//!
//! Only inputs are stored. Totals (表三 总计 column and （七）总计 row, 表四 总计)
//! are derived (`compute.rs`, which also gives any cell's value); an imported report keeps the totals it
//! *published* in [`Report::published`] only so that rules B1/B2/B5 can report
//! disagreements.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

use crate::cell::Cell;
use crate::template::{
    self, CellKey, PART1_SECTIONS, R24, T2_FIELDS, T3_INPUT_COLS, T3_ROWS, T4_INPUT_COLS,
};

/// Which national format the report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum FormatVersion {
    /// 国办公开办函〔2021〕30号 (reports for 2021 and later).
    #[default]
    #[serde(rename = "V2021")]
    F2021,
    /// The 2019 trial format (国办公开办函〔2019〕60号).
    #[serde(rename = "V2019")]
    F2019,
    /// Pre-2019 reports: imported as text only.
    #[serde(rename = "Legacy")]
    Legacy,
}

impl FormatVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            FormatVersion::F2021 => "2021",
            FormatVersion::F2019 => "2019",
            FormatVersion::Legacy => "legacy",
        }
    }
}

/// Whose data the report gives (FORMAT.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Scope {
    /// 本机关: the agency's own work.
    #[default]
    Agency,
    /// 本级政府汇总: a government's report summing its departments.
    GovernmentTotal,
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::Agency => "本机关",
            Scope::GovernmentTotal => "本级政府汇总",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Meta {
    /// 编制机关, e.g. 洛龙区司法局.
    pub agency: String,
    /// The reporting year.
    pub year: Option<i32>,
    pub format: FormatVersion,
    pub scope: Scope,
    /// 落款日期 as typed or imported (imports write ISO `YYYY-MM-DD`; any form
    /// `dates::parse` reads is accepted), or empty.
    pub date: String,
}

/// A block of free text. `carried` holds the text as rollover copied it from
/// last year's report; while the text is unchanged, rule S3 warns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Narrative {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<String>,
}

impl Narrative {
    pub fn new(text: impl Into<String>) -> Self {
        Narrative {
            text: text.into(),
            carried: None,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
    /// Still exactly what was carried over from last year.
    pub fn is_carried_unedited(&self) -> bool {
        matches!(&self.carried, Some(c) if !c.trim().is_empty() && c.trim() == self.text.trim())
    }

    /// How much of the text is still last year's: the share of its
    /// characters that lie in a run of [`CARRIED_RUN`] characters found in
    /// the carried-over text, digits counted as one (so 2024→2025 alone
    /// changes nothing). `None` when nothing was carried over or the text is
    /// empty.
    pub fn carried_share(&self) -> Option<f64> {
        let carried = self.carried.as_deref().filter(|c| !c.trim().is_empty())?;
        let norm = |s: &str| -> Vec<char> {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect()
        };
        let (old, new) = (norm(carried), norm(&self.text));
        if new.is_empty() {
            return None;
        }
        if new.len() < CARRIED_RUN {
            return Some(if old == new { 1.0 } else { 0.0 });
        }
        let runs: std::collections::HashSet<&[char]> = old.windows(CARRIED_RUN).collect();
        let mut covered = vec![false; new.len()];
        for (i, w) in new.windows(CARRIED_RUN).enumerate() {
            if runs.contains(w) {
                covered[i..i + CARRIED_RUN]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
        Some(covered.iter().filter(|c| **c).count() as f64 / new.len() as f64)
    }
}

/// The length of the runs [`Narrative::carried_share`] looks for: long
/// enough that common phrases of two reports (依申请公开, 政府信息) do not
/// count, short enough that a changed word leaves the rest of its sentence counted.
pub const CARRIED_RUN: usize = 8;

/// A titled sub-section, e.g. （一）主动公开. The title is stored without its numbering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Section {
    pub title: String,
    pub body: Narrative,
}

/// 一、总体情况: an optional opening paragraph and the sub-sections.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Part1 {
    pub intro: Narrative,
    pub sections: Vec<Section>,
}

impl Part1 {
    pub fn canonical() -> Self {
        Part1 {
            intro: Narrative::default(),
            sections: PART1_SECTIONS
                .iter()
                .map(|t| Section {
                    title: t.to_string(),
                    body: Narrative::default(),
                })
                .collect(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.intro.is_empty() && self.sections.iter().all(|s| s.body.is_empty())
    }
}

/// The information-processing fee statement of part 六 (amounts in 元).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct FeeStatement {
    /// 发出收费通知的件数.
    pub notices: Cell,
    /// 收费通知的总金额 (元).
    pub notified_yuan: Cell,
    /// 实际收取的总金额 (元).
    pub collected_yuan: Cell,
}

impl FeeStatement {
    pub fn is_empty(&self) -> bool {
        Fee::ALL.iter().all(|&f| *self.get(f) == Cell::Blank)
    }

    pub fn get(&self, fee: Fee) -> &Cell {
        match fee {
            Fee::Notices => &self.notices,
            Fee::NotifiedYuan => &self.notified_yuan,
            Fee::CollectedYuan => &self.collected_yuan,
        }
    }

    pub fn get_mut(&mut self, fee: Fee) -> &mut Cell {
        match fee {
            Fee::Notices => &mut self.notices,
            Fee::NotifiedYuan => &mut self.notified_yuan,
            Fee::CollectedYuan => &mut self.collected_yuan,
        }
    }
}

/// One figure of part 六's fee statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fee {
    Notices,
    NotifiedYuan,
    CollectedYuan,
}

impl Fee {
    pub const ALL: [Fee; 3] = [Fee::Notices, Fee::NotifiedYuan, Fee::CollectedYuan];

    /// The field's name in findings (`check --json`).
    pub fn name(self) -> &'static str {
        match self {
            Fee::Notices => "p6.fees.notices",
            Fee::NotifiedYuan => "p6.fees.notified_yuan",
            Fee::CollectedYuan => "p6.fees.collected_yuan",
        }
    }

    /// The field's label, on the page and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Fee::Notices => "发出收费通知（件）",
            Fee::NotifiedYuan => "收费通知总金额（元）",
            Fee::CollectedYuan => "实际收取金额（元）",
        }
    }

    pub fn kind(self) -> template::ValueKind {
        match self {
            Fee::Notices => template::ValueKind::Count,
            _ => template::ValueKind::Amount,
        }
    }
}

/// 六、其他需要报告的事项.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Part6 {
    pub fees: FeeStatement,
    pub text: Narrative,
    pub sections: Vec<Section>,
}

impl Part6 {
    pub fn is_empty(&self) -> bool {
        self.fees.is_empty()
            && self.text.is_empty()
            && self.sections.iter().all(|s| s.body.is_empty())
    }
}

/// Last year's figures that this year's are checked against (W1, W2).
/// Rollover fills it, so the old file is not needed later.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Baseline {
    pub year: Option<i32>,
    /// 现行有效件数 of 规章 and 行政规范性文件.
    pub t2_in_force: [Cell; 2],
    /// 四、结转下年度继续办理, per applicant column.
    pub t3_r25: [Cell; T3_INPUT_COLS],
    /// Every cell of last year's tables (totals included), by cell key, so
    /// the year-over-year view needs no second look at last year's file.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "known_keys"
    )]
    pub values: BTreeMap<CellKey, Cell>,
    /// What the importer said when last year's report was read from a
    /// published file: its doubts about last year's figures stay in view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_from: Option<ImportInfo>,
}

/// Something the importer could not place, had to infer, or left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ImportNote {
    /// 1-based line (or paragraph) number in the source file.
    pub line: Option<usize>,
    pub message: String,
    /// The cells concerned (saved by their CONTRACT.md names).
    #[serde(deserialize_with = "known_only")]
    pub cells: Vec<CellKey>,
    pub kind: NoteKind,
}

/// Whether an import note only informs, or says that cells could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum NoteKind {
    /// Something inferred or deliberately left out.
    #[default]
    Note,
    /// Cells the importer could not read: they are empty in the report, and
    /// arithmetic over them says nothing about the publisher.
    Unread,
    /// Cells whose values were placed by position (no label next to them):
    /// read, but a sum that fails over them may be the importer's mistake.
    Placed,
    /// Cells read by text recognition below its confidence bar: read, shown
    /// for the clerk to check, and a sum that fails over them is an IMPORT
    /// finding, never a B one.
    Recognised,
}

/// Where an imported report came from and what the importer said about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ImportInfo {
    /// The source file's name.
    pub source: String,
    /// The layout the importer recognised (e.g. "pipe", "tab", "html").
    pub layout: String,
    pub notes: Vec<ImportNote>,
    /// The T2 fee was published with a 元 unit and converted to 万元 (W5).
    pub fee_unit_yuan: bool,
    /// Cells read by text recognition from pictures of the report: the box
    /// each was read from and how sure the recogniser was.
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "known_only")]
    pub recognised: Vec<RecognisedCell>,
}

/// A saved map of cells read without the cell names this version does not
/// know: last year's figures only inform the year-over-year view, as notes do.
fn known_keys<'de, D>(d: D) -> Result<BTreeMap<CellKey, Cell>, D::Error>
where
    D: Deserializer<'de>,
{
    let all = BTreeMap::<String, Known<Cell>>::deserialize(d)?;
    Ok(all
        .into_iter()
        .filter_map(|(name, cell)| match (CellKey::parse(&name), cell) {
            (Some(key), Known::Yes(cell)) => Some((key, cell)),
            _ => None,
        })
        .collect())
}

/// An entry this version can read, or one it skips (a later version's).
#[derive(Deserialize)]
#[serde(untagged)]
enum Known<T> {
    Yes(T),
    No(serde::de::IgnoredAny),
}

/// A saved list read without the entries this version cannot read — a cell
/// name it does not know, in a hand-edited file or one from a later version.
/// Notes and recognition boxes only inform; one stale name must not keep the
/// clerk's whole project from opening.
fn known_only<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let all = Vec::<Known<T>>::deserialize(d)?;
    Ok(all
        .into_iter()
        .filter_map(|k| match k {
            Known::Yes(t) => Some(t),
            Known::No(_) => None,
        })
        .collect())
}

/// One cell read from a picture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecognisedCell {
    pub cell: CellKey,
    /// 1-based page (picture) it was read from.
    pub page: usize,
    /// Left, top, right, bottom, in pixels of that page's image.
    pub bbox: [f32; 4],
    /// The recogniser's confidence, 0–1.
    pub confidence: f32,
    /// The clerk has checked it against the original (Enter on the cell,
    /// or typed a value of their own into it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
}

impl ImportInfo {
    /// The cells the importer could not read.
    pub fn unread_cells(&self) -> BTreeSet<CellKey> {
        self.cells_of(NoteKind::Unread)
    }

    /// The cells whose values were placed by position, unless the
    /// clerk has since confirmed them against the page (seeing their row).
    pub fn placed_cells(&self) -> BTreeSet<CellKey> {
        let mut cells = self.cells_of(NoteKind::Placed);
        cells.retain(|&k| !self.confirmed(k));
        cells
    }

    /// The cells read by text recognition below its confidence bar
    /// that the clerk has not confirmed yet.
    pub fn recognised_cells(&self) -> BTreeSet<CellKey> {
        let mut cells = self.cells_of(NoteKind::Recognised);
        cells.retain(|&k| !self.confirmed(k));
        cells
    }

    /// Whether the clerk confirmed the recognised cell `key`.
    pub fn confirmed(&self, key: CellKey) -> bool {
        self.recognised.iter().any(|c| c.cell == key && c.confirmed)
    }

    /// Whether `key` was recognised and the clerk has still to confirm it.
    pub fn awaits(&self, key: CellKey) -> bool {
        self.recognised
            .iter()
            .any(|c| !c.confirmed && c.cell == key)
    }

    /// The recognised cells the clerk has still to confirm, each once, in
    /// the order they were read (page, then line).
    pub fn to_confirm(&self) -> Vec<&RecognisedCell> {
        let mut seen = std::collections::BTreeSet::new();
        self.recognised
            .iter()
            .filter(|c| !c.confirmed && seen.insert(c.cell))
            .collect()
    }

    /// Where the recognised cell `key` was read, if it was: a box that
    /// names it alone before one shared with other cells (a box matched by
    /// its text names every cell printing that text on its line), then the
    /// least sure.
    pub fn recognised(&self, key: CellKey) -> Option<&RecognisedCell> {
        let shared = |c: &RecognisedCell| {
            self.recognised
                .iter()
                .any(|o| o.cell != c.cell && o.page == c.page && o.bbox == c.bbox)
        };
        self.recognised
            .iter()
            .filter(|c| c.cell == key)
            .min_by(|a, b| {
                shared(a)
                    .cmp(&shared(b))
                    .then(a.confidence.total_cmp(&b.confidence))
            })
    }

    /// Marks the recognised cell `key` as checked by the clerk; whether it
    /// was one still to check.
    pub fn confirm(&mut self, key: CellKey) -> bool {
        let mut changed = false;
        for c in self.recognised.iter_mut().filter(|c| c.cell == key) {
            changed |= !c.confirmed;
            c.confirmed = true;
        }
        changed
    }

    fn cells_of(&self, kind: NoteKind) -> BTreeSet<CellKey> {
        self.notes
            .iter()
            .filter(|n| n.kind == kind)
            .flat_map(|n| n.cells.iter().copied())
            .collect()
    }
}

/// Maps in a project file refuse a key written twice: serde's own map reading
/// keeps the last one silently, so a hand-edited or merged file would lose a
/// row without a word.
mod unique_keys {
    use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
    use std::collections::BTreeMap;
    use std::marker::PhantomData;

    pub fn deserialize<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
    where
        D: Deserializer<'de>,
        V: Deserialize<'de>,
    {
        struct Unique<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
            type Value = BTreeMap<String, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map with unique keys")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(k) = m.next_key::<String>()? {
                    if out.contains_key(&k) {
                        return Err(A::Error::custom(format!("“{k}”出现了两次")));
                    }
                    let v = m.next_value()?;
                    out.insert(k, v);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Unique(PhantomData))
    }
}

/// 表三's inputs: 25 rows × 6 applicant columns. Row r24 (（七）总计) is computed
/// and always blank here; it is not written to files.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct T3Inputs(pub [[Cell; T3_INPUT_COLS]; 25]);

impl Serialize for T3Inputs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let map: BTreeMap<&str, &[Cell; T3_INPUT_COLS]> = T3_ROWS
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != R24)
            .map(|(i, r)| (r.key, &self.0[i]))
            .collect();
        map.serialize(s)
    }
}

impl<'de> Deserialize<'de> for T3Inputs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map: BTreeMap<String, [Cell; T3_INPUT_COLS]> = unique_keys::deserialize(d)?;
        let mut out = T3Inputs::default();
        for (k, v) in map {
            let Some(i) = T3_ROWS.iter().position(|r| r.key == k) else {
                return Err(serde::de::Error::custom(format!("表三没有“{k}”这一行")));
            };
            if i == R24 {
                return Err(serde::de::Error::custom(
                    "表三（七）总计是计算值，不能作为输入保存",
                ));
            }
            out.0[i] = v;
        }
        Ok(out)
    }
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Report {
    pub meta: Meta,
    /// The opening paragraph before 一 (legal basis, statistics period, contacts).
    pub preamble: Narrative,
    pub part1: Part1,
    /// Optional prose under 二, before the table.
    pub part2_text: Narrative,
    pub t2: [Cell; 10],
    /// Optional prose under 三.
    pub part3_text: Narrative,
    pub t3: T3Inputs,
    /// Optional prose under 四.
    pub part4_text: Narrative,
    /// 表四 inputs: 3 groups × (结果维持, 结果纠正, 其他结果, 尚未审结).
    pub t4: [[Cell; T4_INPUT_COLS]; 3],
    pub part5: Narrative,
    pub part6: Part6,
    /// Totals as published in an imported report, by cell key. Never used as values.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys::deserialize"
    )]
    pub published: BTreeMap<String, Cell>,
    /// Last year's figures, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Set for a report read from a published file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportInfo>,
    /// A 2019-format report's single （六）其他处理 row (no 2021 equivalent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t3_2019_other: Option<[Cell; T3_INPUT_COLS]>,
    /// For a summed report (汇总): the files it was summed from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Report {
    /// A blank report for `agency` and `year`, with the canonical sub-sections
    /// and a prefilled preamble naming the statistics period.
    pub fn new(agency: &str, year: i32) -> Self {
        Report {
            meta: Meta {
                agency: agency.to_string(),
                year: Some(year),
                ..Meta::default()
            },
            preamble: Narrative::new(default_preamble(year)),
            part1: Part1::canonical(),
            ..Report::default()
        }
    }

    /// The title: 机关 + 年份 + 政府信息公开工作年度报告.
    pub fn title(&self) -> String {
        let year = self.meta.year.map(|y| format!("{y}年")).unwrap_or_default();
        format!("{}{}{}", self.meta.agency, year, template::TITLE_SUFFIX)
    }

    /// Recognised cells whose value changed since `before` become the
    /// clerk's: a value typed over a reading was checked by whoever typed it.
    pub fn confirm_edited(&mut self, before: &Report) {
        let Some(info) = &self.import else {
            return;
        };
        let changed: Vec<CellKey> = info
            .to_confirm()
            .into_iter()
            .map(|c| c.cell)
            .filter(|&key| !key.is_computed() && self.input(key) != before.input(key))
            .collect();
        if let Some(info) = &mut self.import {
            for key in changed {
                info.confirm(key);
            }
        }
    }

    /// The input cell behind `key`, or `None` for a computed cell.
    pub fn input(&self, key: CellKey) -> Option<&Cell> {
        if key.is_computed() {
            return None;
        }
        Some(match key {
            CellKey::T2(i) => &self.t2[i],
            CellKey::T3 { row, col } => &self.t3.0[row][col],
            CellKey::T4 { group, col } => &self.t4[group][col],
        })
    }

    /// Mutable access to an input cell; `None` for a computed cell.
    pub fn input_mut(&mut self, key: CellKey) -> Option<&mut Cell> {
        if key.is_computed() {
            return None;
        }
        Some(match key {
            CellKey::T2(i) => &mut self.t2[i],
            CellKey::T3 { row, col } => &mut self.t3.0[row][col],
            CellKey::T4 { group, col } => &mut self.t4[group][col],
        })
    }

    /// The table cells a clerk could still fill: inputs that hold nothing.
    /// (A cell holding text, `/` or a number is never counted.)
    pub fn blank_inputs(&self) -> Vec<CellKey> {
        self.blank_inputs_in(None)
    }

    /// Like [`Report::blank_inputs`], of one table only (`None`: all three).
    pub fn blank_inputs_in(&self, table: Option<template::Table>) -> Vec<CellKey> {
        template::all_keys()
            .iter()
            .copied()
            .filter(|k| table.is_none_or(|t| k.table() == t))
            .filter(|k| self.input(*k).is_some_and(|c| *c == Cell::Blank))
            .collect()
    }

    /// 将空白单元格填为 0: sets every blank table input to 0 and returns how
    /// many. Most blanks in a finished report mean "none"; the template wants
    /// 0 written there. Cells holding anything, even invalid text, are kept.
    ///
    /// `table` limits it to one table: the one the clerk is working in, not
    /// the tables not reached yet.
    pub fn fill_blanks_with_zero(&mut self, table: Option<template::Table>) -> usize {
        let blanks = self.blank_inputs_in(table);
        for k in &blanks {
            if let Some(c) = self.input_mut(*k) {
                *c = Cell::parse("0", k.kind());
            }
        }
        blanks.len()
    }

    /// The published value of a computed cell in an imported report.
    pub fn published(&self, key: CellKey) -> Option<&Cell> {
        self.published.get(key.name())
    }

    /// Every narrative block with a short name, in document order (used by S3 and the editor).
    pub fn narratives(&self) -> Vec<(String, &Narrative)> {
        use paragraph_names as n;
        let mut v = vec![
            (n::PREAMBLE.to_string(), &self.preamble),
            (n::PART1_INTRO.to_string(), &self.part1.intro),
        ];
        for (i, s) in self.part1.sections.iter().enumerate() {
            v.push((n::section(n::PART1, i, &s.title), &s.body));
        }
        v.push((n::PART2_TEXT.to_string(), &self.part2_text));
        v.push((n::PART3_TEXT.to_string(), &self.part3_text));
        v.push((n::PART4_TEXT.to_string(), &self.part4_text));
        v.push((n::PART5.to_string(), &self.part5));
        v.push((n::PART6_TEXT.to_string(), &self.part6.text));
        for (i, s) in self.part6.sections.iter().enumerate() {
            v.push((n::section(n::PART6, i + 1, &s.title), &s.body));
        }
        v
    }

    /// Mutable access to every narrative block, in the order of [`Report::narratives`].
    pub fn narratives_mut(&mut self) -> Vec<&mut Narrative> {
        let mut v = vec![&mut self.preamble, &mut self.part1.intro];
        v.extend(self.part1.sections.iter_mut().map(|s| &mut s.body));
        v.push(&mut self.part2_text);
        v.push(&mut self.part3_text);
        v.push(&mut self.part4_text);
        v.push(&mut self.part5);
        v.push(&mut self.part6.text);
        v.extend(self.part6.sections.iter_mut().map(|s| &mut s.body));
        v
    }

    /// The first decimal with more places than the format allows (only a
    /// hand-edited file can have one); arithmetic on it would overflow.
    pub fn ill_formed_decimal(&self) -> Option<String> {
        let bad = |c: &Cell| matches!(c, Cell::Dec(d) if !d.is_well_formed());
        for &k in template::all_keys() {
            if self.input(k).is_some_and(bad) || self.published(k).is_some_and(bad) {
                return Some(k.to_string());
            }
        }
        Fee::ALL
            .iter()
            .any(|&f| bad(self.part6.fees.get(f)))
            .then(|| "第六部分收费金额".to_string())
    }

    /// Whether this report was read from a published file (B6 applies then).
    pub fn is_imported(&self) -> bool {
        self.import.is_some()
    }
}

/// The names findings give the narrative paragraphs ([`Report::narratives`]);
/// the app finds a paragraph by the same name when a finding is clicked.
pub mod paragraph_names {
    use super::cn_numeral;

    pub const PREAMBLE: &str = "说明（前言）";
    pub const PART1_INTRO: &str = "一、总体情况·开头";
    pub const PART2_TEXT: &str = "二、说明文字";
    pub const PART3_TEXT: &str = "三、说明文字";
    pub const PART4_TEXT: &str = "四、说明文字";
    pub const PART5: &str = "五、存在的主要问题及改进情况";
    pub const PART6_TEXT: &str = "六、其他需要报告的事项";
    /// Prefixes of the numbered sub-sections of parts 一 and 六.
    pub const PART1: &str = "一、";
    pub const PART6: &str = "六、";

    /// Sub-section `n` (0-based numeral: 0 → （一）) of a part.
    pub fn section(part: &str, n: usize, title: &str) -> String {
        format!("{part}（{}）{title}", cn_numeral(n))
    }
}

/// The customary opening paragraph (FORMAT.md §2.0), prefilled for `year`.
pub fn default_preamble(year: i32) -> String {
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据统计期限为{year}年1月1日至{year}年12月31日。"
    )
}

/// （一）…（十）numbering for 0-based index `i`.
pub fn cn_numeral(i: usize) -> &'static str {
    template::CN_NUMERALS.get(i).copied().unwrap_or("十")
}

/// The T2 field index for a key name (used by the importer and tests).
pub fn t2_index(key: &str) -> Option<usize> {
    T2_FIELDS.iter().position(|f| f.key == key)
}
