//! HTML export: one self-contained UTF-8 page with the title, preamble, parts,
//! sub-sections and the three tables with the official merges (rowspan and
//! colspan straight from the template grid), print CSS for A4 portrait and
//! font families that fall back sensibly (仿宋/宋体 names, then generic).

use super::walk::{Filled, Level, Sink, walk};
use crate::model::Report;
use crate::template::{Content, Table};

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
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&r.title())
    ));
    walk(r, &mut Page(&mut h));
    h.push_str("</body>\n</html>\n");
    h
}

/// What 复制到网站编辑器 puts on the clipboard — the whole report, or one
/// table under its part's heading — as HTML that a site's editor, WPS or
/// Word pastes as real tables (the merges, and the borders on the cells
/// themselves: editors drop a page's style block), and as plain text: the
/// text export, or the table's rows with tabs for a spreadsheet.
pub fn for_clipboard(r: &Report, only: Option<Table>) -> (String, String) {
    let mut html = String::new();
    match only {
        None => {
            walk(r, &mut Page(&mut html));
            (html, super::text::render(r, super::text::Flavor::Plain))
        }
        Some(table) => {
            let mut one = OneTable {
                want: table,
                heading: String::new(),
                html: &mut html,
                text: String::new(),
            };
            walk(r, &mut one);
            let text = one.text;
            (html, text)
        }
    }
}

/// The walk, keeping one table and the heading of its part.
struct OneTable<'a> {
    want: Table,
    heading: String,
    html: &'a mut String,
    text: String,
}

impl Sink for OneTable<'_> {
    fn title(&mut self, _: &str) {}
    fn heading(&mut self, level: Level, text: &str) {
        if level == Level::Part {
            self.heading = text.to_string();
        }
    }
    fn paragraph(&mut self, _: &str) {}
    fn signature(&mut self, _: &str) {}
    fn table(&mut self, table: &Filled) {
        if table.table != self.want {
            return;
        }
        Page(self.html).heading(Level::Part, &self.heading);
        write_table(self.html, table);
        for row in table.rows() {
            self.text.push_str(&row.join("\t"));
            self.text.push('\n');
        }
    }
}

struct Page<'a>(&'a mut String);

impl Sink for Page<'_> {
    fn title(&mut self, text: &str) {
        self.0.push_str(&format!("<h1>{}</h1>\n", esc(text)));
    }
    fn heading(&mut self, level: Level, text: &str) {
        let n = match level {
            Level::Part => 2,
            Level::Section => 3,
        };
        self.0.push_str(&format!("<h{n}>{}</h{n}>\n", esc(text)));
    }
    fn paragraph(&mut self, text: &str) {
        self.0.push_str(&format!("<p>{}</p>\n", esc(text)));
    }
    fn signature(&mut self, line: &str) {
        self.0
            .push_str(&format!("<p class=\"sign\">{}</p>\n", esc(line)));
    }
    fn table(&mut self, table: &Filled) {
        write_table(self.0, table);
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Each cell's own border (see [`write_table`]).
const CELL_BORDER: &str = "border: 1px solid #000";

fn write_table(h: &mut String, table: &Filled) {
    let grid = table.grid;
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
                esc(&table.text(c))
            ));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}
