//! HTML export: one self-contained UTF-8 page with the title, preamble, parts,
//! sub-sections and the three tables with the official merges (rowspan and
//! colspan straight from the template grid), print CSS for A4 portrait and
//! font families that fall back sensibly (仿宋/宋体 names, then generic).

use super::{cell_text, chinese_date, fee_sentence, numbered};
use crate::compute::Totals;
use crate::model::{Narrative, Report, Section};
use crate::template::{Content, Grid, PART_HEADINGS, PART6_SECTIONS, t2_grid, t3_grid, t4_grid};

const STYLE: &str = r#"
@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
       font-size: 16pt; line-height: 1.6; max-width: 170mm; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Noto Serif CJK SC", serif;
     font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 1em 0 .3em; }
h3 { font-family: "KaiTi", "楷体", "楷体_GB2312", "STKaiti", serif; font-size: 16pt; font-weight: normal; margin: .6em 0 .2em; }
p { text-indent: 2em; margin: 0; }
p.sign { text-align: right; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 10.5pt; line-height: 1.3; page-break-inside: auto; }
td, th { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
td.label { text-align: left; }
td.num { text-align: right; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
h2, h3 { page-break-after: avoid; break-after: avoid; }
@media print { body { margin: 0; max-width: none; } }
"#;

pub fn render(r: &Report) -> String {
    let totals = Totals::of(r);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&r.title())
    ));
    h.push_str(&format!("<h1>{}</h1>\n", esc(&r.title())));
    paras(&mut h, &r.preamble);
    heading(&mut h, 2, PART_HEADINGS[0]);
    paras(&mut h, &r.part1.intro);
    sections(&mut h, &r.part1.sections, 0);
    heading(&mut h, 2, PART_HEADINGS[1]);
    paras(&mut h, &r.part2_text);
    table(&mut h, r, &totals, t2_grid());
    heading(&mut h, 2, PART_HEADINGS[2]);
    paras(&mut h, &r.part3_text);
    table(&mut h, r, &totals, t3_grid());
    heading(&mut h, 2, PART_HEADINGS[3]);
    paras(&mut h, &r.part4_text);
    table(&mut h, r, &totals, t4_grid());
    heading(&mut h, 2, PART_HEADINGS[4]);
    paras(&mut h, &r.part5);
    heading(&mut h, 2, PART_HEADINGS[5]);
    if r.part6.sections.iter().any(|s| !s.body.is_empty()) {
        heading(&mut h, 3, &format!("{}{}", numbered(0), PART6_SECTIONS[0]));
    }
    if let Some(f) = fee_sentence(r) {
        h.push_str(&format!("<p>{}</p>\n", esc(&f)));
    }
    paras(&mut h, &r.part6.text);
    sections(&mut h, &r.part6.sections, 1);
    if !r.meta.agency.is_empty() {
        h.push_str(&format!("<p class=\"sign\">{}</p>\n", esc(&r.meta.agency)));
    }
    if !r.meta.date.is_empty() {
        h.push_str(&format!(
            "<p class=\"sign\">{}</p>\n",
            esc(&chinese_date(&r.meta.date))
        ));
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn heading(h: &mut String, level: usize, text: &str) {
    h.push_str(&format!("<h{level}>{}</h{level}>\n", esc(text)));
}

fn paras(h: &mut String, n: &Narrative) {
    for line in n.text.lines().filter(|l| !l.trim().is_empty()) {
        h.push_str(&format!("<p>{}</p>\n", esc(line.trim())));
    }
}

fn sections(h: &mut String, sections: &[Section], first: usize) {
    for (i, s) in sections.iter().filter(|s| !s.body.is_empty()).enumerate() {
        heading(h, 3, &format!("{}{}", numbered(i + first), s.title));
        paras(h, &s.body);
    }
}

/// Each cell's own border (see [`table`]).
const CELL_BORDER: &str = "border: 1px solid #000";

fn table(h: &mut String, r: &Report, totals: &Totals, grid: &Grid) {
    // Header rows in <thead>, which a browser repeats on each printed page.
    // Borders on the table and its cells themselves as well as in the
    // <style> block: LibreOffice and many site editors drop the style block
    // when the page is pasted or opened, and the table would have no lines.
    h.push_str("<table border=\"1\" cellspacing=\"0\" style=\"border-collapse: collapse\">\n");
    for row in 0..grid.rows {
        if row == 0 && grid.header_rows > 0 {
            h.push_str("<thead>\n");
        }
        if row == grid.header_rows {
            if row > 0 {
                h.push_str("</thead>\n");
            }
            h.push_str("<tbody>\n");
        }
        h.push_str("<tr>");
        let mut cells: Vec<_> = grid.cells.iter().filter(|c| c.row == row).collect();
        cells.sort_by_key(|c| c.col);
        for c in cells {
            let tag = if c.header { "th" } else { "td" };
            let class = match c.content {
                Content::Value(_) => " class=\"num\"",
                Content::Label(_) if !c.header && c.rowspan == 1 => " class=\"label\"",
                _ => "",
            };
            let span = |n: usize, a: &str| {
                if n > 1 {
                    format!(" {a}=\"{n}\"")
                } else {
                    String::new()
                }
            };
            h.push_str(&format!(
                "<{tag}{class}{}{} style=\"{CELL_BORDER}\">{}</{tag}>",
                span(c.rowspan, "rowspan"),
                span(c.colspan, "colspan"),
                esc(&cell_text(r, totals, c))
            ));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}
