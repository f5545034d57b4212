//! The national template (国办公开办函〔2021〕30号) as data.
//!
//! This module is the single source of truth for every label, row, column and
//! merged cell of tables 二, 三 and 四. The editor grid, the exporters, the
//! importer's label matching and the rules all read it; no other list of
//! labels exists anywhere in the code base.

use std::fmt;
use std::sync::OnceLock;

/// The six part headings, verbatim.
pub const PART_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// What a part holds besides its heading, in the order it is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartBody {
    /// 一: an opening text, then the sub-sections （一）… ([`PART1_SECTIONS`]).
    TextAndSections,
    /// 二–四: a text, then the part's table.
    TextAndTable(Table),
    /// 五: a text.
    Text,
    /// 六: the fee statement （一）, a text, then the sub-sections （二）… ([`PART6_SECTIONS`]).
    FeesTextAndSections,
}

/// One of the six parts: its heading and what it holds.
#[derive(Clone, Copy, Debug)]
pub struct Part {
    pub heading: &'static str,
    pub body: PartBody,
}

/// The six parts in their order: the one order every exporter writes.
pub const PARTS: [Part; 6] = [
    Part {
        heading: PART_HEADINGS[0],
        body: PartBody::TextAndSections,
    },
    Part {
        heading: PART_HEADINGS[1],
        body: PartBody::TextAndTable(Table::T2),
    },
    Part {
        heading: PART_HEADINGS[2],
        body: PartBody::TextAndTable(Table::T3),
    },
    Part {
        heading: PART_HEADINGS[3],
        body: PartBody::TextAndTable(Table::T4),
    },
    Part {
        heading: PART_HEADINGS[4],
        body: PartBody::Text,
    },
    Part {
        heading: PART_HEADINGS[5],
        body: PartBody::FeesTextAndSections,
    },
];

/// Canonical sub-section titles of part 一 (numbering is added when rendered).
pub const PART1_SECTIONS: [&str; 5] = [
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
];

/// Optional sub-sections of part 六, after （一） which is the fee statement.
pub const PART6_SECTIONS: [&str; 5] = [
    "收取信息处理费情况",
    "落实上级年度政务公开工作要点情况",
    "人大代表建议和政协提案办理结果公开情况",
    "政务公开工作创新情况",
    "其他",
];

/// Suffix of every report title: 机关 + 年份 + this.
pub const TITLE_SUFFIX: &str = "政府信息公开工作年度报告";

/// Chinese numerals used for headings （一）…（十）.
pub const CN_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A Chinese numeral 一…十 as 1…10.
pub fn cn_digit(c: char) -> Option<usize> {
    CN_NUMERALS
        .iter()
        .position(|d| d.starts_with(c))
        .map(|i| i + 1)
}

/// What a value cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole number of items (件, 个).
    Count,
    /// An amount with up to four decimals (万元 in 表二, 元 in part 六).
    Amount,
}

// ---------------------------------------------------------------- 表二

/// One input field of 表二.
#[derive(Debug)]
pub struct T2Field {
    pub key: &'static str,
    pub row_label: &'static str,
    pub col_label: &'static str,
    pub kind: ValueKind,
}

/// One of the four stacked blocks of 表二 (caption row, header row, data rows).
#[derive(Debug)]
pub struct T2Block {
    pub caption: &'static str,
    /// Column headers after 信息内容; a block with one header spans all three value columns.
    pub columns: &'static [&'static str],
    /// Row label and the indices into [`T2_FIELDS`] of that row's inputs.
    pub rows: &'static [(&'static str, &'static [usize])],
}

pub const T2_INFO_HEADER: &str = "信息内容";

pub const T2_FIELDS: [T2Field; 10] = [
    T2Field {
        key: "t2.regulations.issued",
        row_label: "规章",
        col_label: "本年制发件数",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.regulations.repealed",
        row_label: "规章",
        col_label: "本年废止件数",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.regulations.in_force",
        row_label: "规章",
        col_label: "现行有效件数",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.normative_docs.issued",
        row_label: "行政规范性文件",
        col_label: "本年制发件数",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.normative_docs.repealed",
        row_label: "行政规范性文件",
        col_label: "本年废止件数",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.normative_docs.in_force",
        row_label: "行政规范性文件",
        col_label: "现行有效件数",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.licensing",
        row_label: "行政许可",
        col_label: "本年处理决定数量",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.penalty",
        row_label: "行政处罚",
        col_label: "本年处理决定数量",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.coercion",
        row_label: "行政强制",
        col_label: "本年处理决定数量",
        kind: ValueKind::Count,
    },
    T2Field {
        key: "t2.fees",
        row_label: "行政事业性收费",
        col_label: "本年收费金额（单位：万元）",
        kind: ValueKind::Amount,
    },
];

/// Indices into [`T2_FIELDS`] of the 规章 / 行政规范性文件 stock-and-flow rows:
/// (issued, repealed, in_force).
pub const T2_STOCK_ROWS: [[usize; 3]; 2] = [[0, 1, 2], [3, 4, 5]];
/// Index of the fee amount in [`T2_FIELDS`].
pub const T2_FEES: usize = 9;

pub const T2_BLOCKS: [T2Block; 4] = [
    T2Block {
        caption: "第二十条第（一）项",
        columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[("规章", &[0, 1, 2]), ("行政规范性文件", &[3, 4, 5])],
    },
    T2Block {
        caption: "第二十条第（五）项",
        columns: &["本年处理决定数量"],
        rows: &[("行政许可", &[6])],
    },
    T2Block {
        caption: "第二十条第（六）项",
        columns: &["本年处理决定数量"],
        rows: &[("行政处罚", &[7]), ("行政强制", &[8])],
    },
    T2Block {
        caption: "第二十条第（八）项",
        columns: &["本年收费金额（单位：万元）"],
        rows: &[("行政事业性收费", &[9])],
    },
];

// ---------------------------------------------------------------- 表三

pub const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const T3_APPLICANTS: &str = "申请人情况";
pub const T3_ORGS: &str = "法人或其他组织";

/// A value column of 表三.
#[derive(Debug)]
pub struct T3Col {
    pub key: &'static str,
    pub label: &'static str,
}

/// The seven value columns; the last (总计) is computed.
pub const T3_COLS: [T3Col; 7] = [
    T3Col {
        key: "natural",
        label: "自然人",
    },
    T3Col {
        key: "commercial",
        label: "商业企业",
    },
    T3Col {
        key: "research",
        label: "科研机构",
    },
    T3Col {
        key: "public_interest",
        label: "社会公益组织",
    },
    T3Col {
        key: "legal_service",
        label: "法律服务机构",
    },
    T3Col {
        key: "other_org",
        label: "其他",
    },
    T3Col {
        key: "total",
        label: "总计",
    },
];
/// Number of input (applicant) columns.
pub const T3_INPUT_COLS: usize = 6;
/// Index of the computed 总计 column.
pub const T3_TOTAL_COL: usize = 6;

/// A row of 表三.
#[derive(Debug)]
pub struct T3Row {
    pub key: &'static str,
    pub label: &'static str,
    /// 0: 一、二、四、 rows; 1: （一）…（七）; 2: numbered items under a group.
    pub level: u8,
    /// Index into [`T3_GROUPS`] for level-2 rows.
    pub group: Option<usize>,
    /// A short name used in messages (e.g. 本年新收).
    pub short: &'static str,
}

/// A label-only group of 表三 spanning several rows.
#[derive(Debug)]
pub struct T3Group {
    pub label: &'static str,
    pub first_row: usize,
    pub last_row: usize,
}

/// 三、本年度办理结果 spans rows r03..=r24.
pub const T3_RESULTS_GROUP: T3Group = T3Group {
    label: "三、本年度办理结果",
    first_row: 2,
    last_row: 23,
};

pub const T3_GROUPS: [T3Group; 4] = [
    T3Group {
        label: "（三）不予公开",
        first_row: 4,
        last_row: 11,
    },
    T3Group {
        label: "（四）无法提供",
        first_row: 12,
        last_row: 14,
    },
    T3Group {
        label: "（五）不予处理",
        first_row: 15,
        last_row: 19,
    },
    T3Group {
        label: "（六）其他处理",
        first_row: 20,
        last_row: 22,
    },
];

macro_rules! t3row {
    ($key:literal, $label:literal, $level:literal, $group:expr, $short:literal) => {
        T3Row {
            key: $key,
            label: $label,
            level: $level,
            group: $group,
            short: $short,
        }
    };
}

pub const T3_ROWS: [T3Row; 25] = [
    t3row!(
        "r01",
        "一、本年新收政府信息公开申请数量",
        0,
        None,
        "本年新收"
    ),
    t3row!(
        "r02",
        "二、上年结转政府信息公开申请数量",
        0,
        None,
        "上年结转"
    ),
    t3row!("r03", "（一）予以公开", 1, None, "予以公开"),
    t3row!(
        "r04",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        1,
        None,
        "部分公开"
    ),
    t3row!("r05", "1.属于国家秘密", 2, Some(0), "属于国家秘密"),
    t3row!(
        "r06",
        "2.其他法律行政法规禁止公开",
        2,
        Some(0),
        "其他法律行政法规禁止公开"
    ),
    t3row!(
        "r07",
        "3.危及“三安全一稳定”",
        2,
        Some(0),
        "危及“三安全一稳定”"
    ),
    t3row!(
        "r08",
        "4.保护第三方合法权益",
        2,
        Some(0),
        "保护第三方合法权益"
    ),
    t3row!(
        "r09",
        "5.属于三类内部事务信息",
        2,
        Some(0),
        "属于三类内部事务信息"
    ),
    t3row!(
        "r10",
        "6.属于四类过程性信息",
        2,
        Some(0),
        "属于四类过程性信息"
    ),
    t3row!("r11", "7.属于行政执法案卷", 2, Some(0), "属于行政执法案卷"),
    t3row!("r12", "8.属于行政查询事项", 2, Some(0), "属于行政查询事项"),
    t3row!(
        "r13",
        "1.本机关不掌握相关政府信息",
        2,
        Some(1),
        "本机关不掌握相关政府信息"
    ),
    t3row!(
        "r14",
        "2.没有现成信息需要另行制作",
        2,
        Some(1),
        "没有现成信息需要另行制作"
    ),
    t3row!(
        "r15",
        "3.补正后申请内容仍不明确",
        2,
        Some(1),
        "补正后申请内容仍不明确"
    ),
    t3row!(
        "r16",
        "1.信访举报投诉类申请",
        2,
        Some(2),
        "信访举报投诉类申请"
    ),
    t3row!("r17", "2.重复申请", 2, Some(2), "重复申请"),
    t3row!(
        "r18",
        "3.要求提供公开出版物",
        2,
        Some(2),
        "要求提供公开出版物"
    ),
    t3row!(
        "r19",
        "4.无正当理由大量反复申请",
        2,
        Some(2),
        "无正当理由大量反复申请"
    ),
    t3row!(
        "r20",
        "5.要求行政机关确认或重新出具已获取信息",
        2,
        Some(2),
        "要求行政机关确认或重新出具已获取信息"
    ),
    t3row!(
        "r21",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        2,
        Some(3),
        "逾期不补正"
    ),
    t3row!(
        "r22",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        2,
        Some(3),
        "逾期未缴费"
    ),
    t3row!("r23", "3.其他", 2, Some(3), "其他处理·其他"),
    t3row!("r24", "（七）总计", 1, None, "办理结果总计"),
    t3row!("r25", "四、结转下年度继续办理", 0, None, "结转下年度"),
];
pub const R01: usize = 0;
pub const R02: usize = 1;
/// First outcome row (（一）予以公开).
pub const R03: usize = 2;
/// 1.申请人无正当理由逾期不补正…, the first of （六）其他处理's sub-rows.
pub const R21: usize = 20;
/// 2.申请人逾期未按收费通知要求缴纳费用…
pub const R22: usize = 21;
/// Last outcome leaf row (（六）3.其他).
pub const R23: usize = 22;
/// （七）总计, computed.
pub const R24: usize = 23;
pub const R25: usize = 24;

// ---------------------------------------------------------------- 表四

pub const T4_REVIEW: &str = "行政复议";
pub const T4_SUIT: &str = "行政诉讼";

/// A group of five columns of 表四.
#[derive(Debug)]
pub struct T4Group {
    pub key: &'static str,
    pub label: &'static str,
    /// Full name for messages.
    pub long: &'static str,
}

pub const T4_GROUPS: [T4Group; 3] = [
    T4Group {
        key: "review",
        label: "行政复议",
        long: "行政复议",
    },
    T4Group {
        key: "suit_direct",
        label: "未经复议直接起诉",
        long: "行政诉讼·未经复议直接起诉",
    },
    T4Group {
        key: "suit_after_review",
        label: "复议后起诉",
        long: "行政诉讼·复议后起诉",
    },
];

pub const T4_COLS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];
pub const T4_INPUT_COLS: usize = 4;
pub const T4_TOTAL_COL: usize = 4;

// ---------------------------------------------------------------- keys

/// A stable address of one number in the three tables (CONTRACT.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellKey {
    T2(usize),
    T3 { row: usize, col: usize },
    T4 { group: usize, col: usize },
}

/// One of the three statistical tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    T2,
    T3,
    T4,
}

impl Table {
    /// The table in its official layout.
    pub fn grid(self) -> &'static Grid {
        match self {
            Table::T2 => t2_grid(),
            Table::T3 => t3_grid(),
            Table::T4 => t4_grid(),
        }
    }

    /// 表二, 表三, 表四.
    pub fn name(self) -> &'static str {
        match self {
            Table::T2 => "表二",
            Table::T3 => "表三",
            Table::T4 => "表四",
        }
    }
}

impl CellKey {
    /// The table the cell belongs to.
    pub fn table(self) -> Table {
        match self {
            CellKey::T2(_) => Table::T2,
            CellKey::T3 { .. } => Table::T3,
            CellKey::T4 { .. } => Table::T4,
        }
    }

    /// Whether the value is derived from other cells.
    pub fn is_computed(self) -> bool {
        match self {
            CellKey::T2(_) => false,
            CellKey::T3 { row, col } => row == R24 || col == T3_TOTAL_COL,
            CellKey::T4 { col, .. } => col == T4_TOTAL_COL,
        }
    }

    pub fn kind(self) -> ValueKind {
        match self {
            CellKey::T2(i) => T2_FIELDS[i].kind,
            _ => ValueKind::Count,
        }
    }

    /// A human label naming the cell, e.g. 表三“自然人”列“一、本年新收…”行.
    pub fn label(self) -> String {
        match self {
            CellKey::T2(i) => format!(
                "表二“{}”·“{}”",
                T2_FIELDS[i].row_label, T2_FIELDS[i].col_label
            ),
            CellKey::T3 { row, col } => {
                format!("表三“{}”行“{}”列", T3_ROWS[row].label, T3_COLS[col].label)
            }
            CellKey::T4 { group, col } => {
                format!("表四“{}”·“{}”", T4_GROUPS[group].long, T4_COLS[col].1)
            }
        }
    }

    /// Position in [`all_keys`] (CONTRACT.md order).
    pub fn index(self) -> usize {
        match self {
            CellKey::T2(i) => i,
            CellKey::T3 { row, col } => T2_FIELDS.len() + row * T3_COLS.len() + col,
            CellKey::T4 { group, col } => {
                T2_FIELDS.len() + T3_ROWS.len() * T3_COLS.len() + group * T4_COLS.len() + col
            }
        }
    }

    /// The contract name (`t3.r01.natural`) without allocating.
    pub fn name(self) -> &'static str {
        static NAMES: OnceLock<Vec<String>> = OnceLock::new();
        &NAMES.get_or_init(|| all_keys().iter().map(|k| k.to_string()).collect())[self.index()]
    }

    /// Parses a key of CONTRACT.md §1 (`t3.r01.natural`).
    pub fn parse(s: &str) -> Option<CellKey> {
        all_keys().iter().copied().find(|k| k.name() == s)
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CellKey::T2(i) => f.write_str(T2_FIELDS[i].key),
            CellKey::T3 { row, col } => write!(f, "t3.{}.{}", T3_ROWS[row].key, T3_COLS[col].key),
            CellKey::T4 { group, col } => {
                write!(f, "t4.{}.{}", T4_GROUPS[group].key, T4_COLS[col].0)
            }
        }
    }
}

/// A key compared with its CONTRACT name.
impl PartialEq<&str> for CellKey {
    fn eq(&self, name: &&str) -> bool {
        self.name() == *name
    }
}

/// A key is saved by its CONTRACT name, as a project file names cells.
impl serde::Serialize for CellKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for CellKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        CellKey::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("未知的单元格键“{name}”")))
    }
}

/// Every table cell key in CONTRACT.md order: T2, T3 row by row, T4.
pub fn all_keys() -> &'static [CellKey] {
    static KEYS: OnceLock<Vec<CellKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut v: Vec<CellKey> = (0..T2_FIELDS.len()).map(CellKey::T2).collect();
        for row in 0..T3_ROWS.len() {
            for col in 0..T3_COLS.len() {
                v.push(CellKey::T3 { row, col });
            }
        }
        for group in 0..T4_GROUPS.len() {
            for col in 0..T4_COLS.len() {
                v.push(CellKey::T4 { group, col });
            }
        }
        v
    })
}

// ---------------------------------------------------------------- grids

/// What one anchored grid cell shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// A header or label text, verbatim.
    Label(&'static str),
    /// A number cell (input or computed, see [`CellKey::is_computed`]).
    Value(CellKey),
}

/// A cell of the official layout, anchored at (row, col) with its spans.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub content: Content,
    /// Header cells (as opposed to body labels and values).
    pub header: bool,
}

/// One table in its official layout, merges included.
#[derive(Debug)]
pub struct Grid {
    pub rows: usize,
    pub cols: usize,
    /// Number of header rows at the top.
    pub header_rows: usize,
    pub cells: Vec<GridCell>,
}

impl Grid {
    /// The anchored cell at (row, col), if a cell starts there.
    pub fn anchor(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// A dense matrix: `Some(cell)` where a cell is anchored, `None` where covered by a merge.
    pub fn matrix(&self) -> Vec<Vec<Option<&GridCell>>> {
        let mut m = vec![vec![None; self.cols]; self.rows];
        for c in &self.cells {
            m[c.row][c.col] = Some(c);
        }
        m
    }
}

struct GridBuilder {
    cells: Vec<GridCell>,
    header: bool,
}

impl GridBuilder {
    fn put(&mut self, row: usize, col: usize, rowspan: usize, colspan: usize, content: Content) {
        self.cells.push(GridCell {
            row,
            col,
            rowspan,
            colspan,
            content,
            header: self.header,
        });
    }
    fn label(
        &mut self,
        row: usize,
        col: usize,
        rowspan: usize,
        colspan: usize,
        text: &'static str,
    ) {
        self.put(row, col, rowspan, colspan, Content::Label(text));
    }
}

/// 表二: 4 columns, 14 rows, four stacked blocks.
pub fn t2_grid() -> &'static Grid {
    static G: OnceLock<Grid> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = GridBuilder {
            cells: Vec::new(),
            header: true,
        };
        let mut r = 0;
        for block in &T2_BLOCKS {
            b.header = true;
            b.label(r, 0, 1, 4, block.caption);
            b.label(r + 1, 0, 1, 1, T2_INFO_HEADER);
            if block.columns.len() == 3 {
                for (i, c) in block.columns.iter().enumerate() {
                    b.label(r + 1, 1 + i, 1, 1, c);
                }
            } else {
                b.label(r + 1, 1, 1, 3, block.columns[0]);
            }
            r += 2;
            b.header = false;
            for (label, fields) in block.rows {
                b.label(r, 0, 1, 1, label);
                if fields.len() == 3 {
                    for (i, f) in fields.iter().enumerate() {
                        b.put(r, 1 + i, 1, 1, Content::Value(CellKey::T2(*f)));
                    }
                } else {
                    b.put(r, 1, 1, 3, Content::Value(CellKey::T2(fields[0])));
                }
                r += 1;
            }
        }
        Grid {
            rows: r,
            cols: 4,
            header_rows: 0,
            cells: b.cells,
        }
    })
}

/// 表三: 10 columns (3 label + 7 value), 3 header rows + 25 body rows.
pub fn t3_grid() -> &'static Grid {
    static G: OnceLock<Grid> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = GridBuilder {
            cells: Vec::new(),
            header: true,
        };
        b.label(0, 0, 3, 3, T3_NOTE);
        b.label(0, 3, 1, 7, T3_APPLICANTS);
        b.label(1, 3, 2, 1, T3_COLS[0].label);
        b.label(1, 4, 1, 5, T3_ORGS);
        b.label(1, 9, 2, 1, T3_COLS[6].label);
        for c in 1..6 {
            b.label(2, 3 + c, 1, 1, T3_COLS[c].label);
        }
        b.header = false;
        for (i, row) in T3_ROWS.iter().enumerate() {
            let r = 3 + i;
            if i == T3_RESULTS_GROUP.first_row {
                let span = T3_RESULTS_GROUP.last_row - T3_RESULTS_GROUP.first_row + 1;
                b.label(r, 0, span, 1, T3_RESULTS_GROUP.label);
            }
            match row.level {
                0 => b.label(r, 0, 1, 3, row.label),
                1 => b.label(r, 1, 1, 2, row.label),
                _ => {
                    let g = &T3_GROUPS[row.group.expect("level-2 rows have a group")];
                    if g.first_row == i {
                        b.label(r, 1, g.last_row - g.first_row + 1, 1, g.label);
                    }
                    b.label(r, 2, 1, 1, row.label);
                }
            }
            for col in 0..T3_COLS.len() {
                b.put(
                    r,
                    3 + col,
                    1,
                    1,
                    Content::Value(CellKey::T3 { row: i, col }),
                );
            }
        }
        Grid {
            rows: 3 + T3_ROWS.len(),
            cols: 10,
            header_rows: 3,
            cells: b.cells,
        }
    })
}

/// 表四: 15 columns, 3 header rows + 1 value row.
pub fn t4_grid() -> &'static Grid {
    static G: OnceLock<Grid> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = GridBuilder {
            cells: Vec::new(),
            header: true,
        };
        b.label(0, 0, 1, 5, T4_REVIEW);
        b.label(0, 5, 1, 10, T4_SUIT);
        for (c, (_, label)) in T4_COLS.iter().enumerate() {
            b.label(1, c, 2, 1, label);
        }
        b.label(1, 5, 1, 5, T4_GROUPS[1].label);
        b.label(1, 10, 1, 5, T4_GROUPS[2].label);
        for g in 1..3 {
            for (c, (_, label)) in T4_COLS.iter().enumerate() {
                b.label(2, g * 5 + c, 1, 1, label);
            }
        }
        b.header = false;
        for group in 0..3 {
            for col in 0..5 {
                b.put(
                    3,
                    group * 5 + col,
                    1,
                    1,
                    Content::Value(CellKey::T4 { group, col }),
                );
            }
        }
        Grid {
            rows: 4,
            cols: 15,
            header_rows: 3,
            cells: b.cells,
        }
    })
}

/// Labels specific to the 2019 trial format (FORMAT.md §8.2), used to detect it.
pub const FORMAT_2019_MARKERS: [&str; 9] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "上一年项目数量",
    "本年增/减",
    "第二十条第（九）项",
    "政府集中采购",
    "采购总金额",
];

/// A row of the 2019 trial format's 表二 (FORMAT.md §8.1).
#[derive(Debug)]
pub struct T2Row2019 {
    pub label: &'static str,
    /// Number of value columns in the 2019 layout.
    pub values: usize,
    /// The 2021 field that the row's last column (处理决定数量) means the same as.
    pub decisions: Option<usize>,
}

/// 表二 of the 2019 format. Only 处理决定数量 has a 2021 equivalent
/// (本年处理决定数量); the other columns mean something else and are never mapped.
pub const T2_ROWS_2019: [T2Row2019; 8] = [
    T2Row2019 {
        label: "规章",
        values: 3,
        decisions: None,
    },
    T2Row2019 {
        label: "规范性文件",
        values: 3,
        decisions: None,
    },
    T2Row2019 {
        label: "行政许可",
        values: 3,
        decisions: Some(6),
    },
    T2Row2019 {
        label: "其他对外管理服务事项",
        values: 3,
        decisions: None,
    },
    T2Row2019 {
        label: "行政处罚",
        values: 3,
        decisions: Some(7),
    },
    T2Row2019 {
        label: "行政强制",
        values: 3,
        decisions: Some(8),
    },
    T2Row2019 {
        label: "行政事业性收费",
        values: 2,
        decisions: None,
    },
    T2Row2019 {
        label: "政府集中采购",
        values: 2,
        decisions: None,
    },
];

/// Labels that only the 2021 format has (FORMAT.md §8.2).
pub const FORMAT_2021_MARKERS: [&str; 5] = [
    "本年制发件数",
    "现行有效件数",
    "本年收费金额",
    "逾期不补正",
    "逾期未按收费通知",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_counts_match_contract() {
        let keys = all_keys();
        assert_eq!(keys.len(), 10 + 175 + 15);
        assert_eq!(keys.iter().filter(|k| k.is_computed()).count(), 31 + 3);
        assert_eq!(keys[10].to_string(), "t3.r01.natural");
        assert_eq!(keys[199].to_string(), "t4.suit_after_review.total");
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(CellKey::parse(&k.to_string()), Some(*k));
            assert_eq!(k.index(), i);
            assert_eq!(k.name(), k.to_string());
        }
    }

    #[test]
    fn grids_cover_every_slot_exactly_once() {
        for g in [t2_grid(), t3_grid(), t4_grid()] {
            let mut seen = vec![vec![0; g.cols]; g.rows];
            for c in &g.cells {
                for r in c.row..c.row + c.rowspan {
                    for k in c.col..c.col + c.colspan {
                        seen[r][k] += 1;
                    }
                }
            }
            assert!(seen.iter().flatten().all(|&n| n == 1), "{seen:?}");
        }
    }

    #[test]
    fn t3_results_label_spans_22_rows() {
        let g = t3_grid();
        let c = g
            .cells
            .iter()
            .find(|c| c.content == Content::Label(T3_RESULTS_GROUP.label))
            .unwrap();
        assert_eq!(c.rowspan, 22);
    }
}
