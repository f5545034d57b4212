//! Summing reports (汇总): a government's report that adds up its
//! departments' 表二 counts and fees, 表三 and 表四, and part 六's fee figures.

use crate::cell::{Cell, Decimal};
use crate::model::{Narrative, Report, Scope};
use crate::template::{ValueKind, all_keys};

/// Adds two cells: blank and `na` stay out of the sum, invalid text counts as
/// 0 (the input's own check reports it); two empties stay blank.
fn add(a: &Cell, b: &Cell, kind: ValueKind) -> Cell {
    match (a.as_decimal(), b.as_decimal()) {
        (None, None) => {
            if *a == Cell::Blank && *b == Cell::Blank {
                Cell::Blank
            } else if a.is_blank_or_na() && b.is_blank_or_na() {
                Cell::Na
            } else {
                Cell::Int(0)
            }
        }
        (x, y) => {
            let s = x
                .unwrap_or(Decimal::from_int(0))
                .plus(y.unwrap_or(Decimal::from_int(0)));
            if s.scale == 0 || kind == ValueKind::Count {
                Cell::Int(s.units)
            } else {
                Cell::Dec(s)
            }
        }
    }
}

/// Why reports cannot be summed.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("没有要汇总的报告")]
    NoInputs,
    #[error("报告年度不一致：{first} 为 {first_year} 年，{other} 为 {other_year} 年")]
    YearsDiffer {
        first: String,
        first_year: String,
        other: String,
        other_year: String,
    },
    #[error(
        "报告格式不一致：{first} 为 {first_format} 版，{other} 为 {other_format} 版，不能逐格相加"
    )]
    FormatsDiffer {
        first: String,
        first_format: &'static str,
        other: String,
        other_format: &'static str,
    },
    #[error(transparent)]
    Unreadable(#[from] crate::project::FileError),
}

/// A sum of report files, with what was wrong in its inputs.
pub struct Merged {
    pub report: Report,
    /// The inputs' error findings, one line each, naming the file (they are
    /// shown, never hidden: a sum of wrong figures is wrong).
    pub input_errors: Vec<String>,
}

/// Reads and checks each file, then sums them: the 汇总 of the app and of `nianbao merge`.
pub fn merge_files(files: &[std::path::PathBuf], agency: &str) -> Result<Merged, MergeError> {
    use crate::rules::Severity;
    let mut inputs = Vec::new();
    let mut input_errors = Vec::new();
    for f in files {
        let r = crate::open::open_report(f)?;
        let name = crate::path_name::shown(f);
        for finding in crate::rules::check(&r, None)
            .iter()
            .filter(|x| x.severity == Severity::Error)
        {
            input_errors.push(format!(
                "{name}: {} {}",
                finding.id.as_str(),
                finding.message
            ));
        }
        inputs.push((name, r));
    }
    Ok(Merged {
        report: merge(agency, &inputs)?,
        input_errors,
    })
}

/// Sums `inputs` (name, report) into a new report with scope 本级政府汇总.
pub fn merge(agency: &str, inputs: &[(String, Report)]) -> Result<Report, MergeError> {
    let Some((_, first)) = inputs.first() else {
        return Err(MergeError::NoInputs);
    };
    let year = first.meta.year;
    if let Some((name, r)) = inputs.iter().find(|(_, r)| r.meta.year != year) {
        return Err(MergeError::YearsDiffer {
            first: inputs[0].0.clone(),
            first_year: year.map(|y| y.to_string()).unwrap_or_default(),
            other: name.clone(),
            other_year: r.meta.year.map(|y| y.to_string()).unwrap_or_default(),
        });
    }
    let format = first.meta.format;
    if let Some((name, r)) = inputs.iter().find(|(_, r)| r.meta.format != format) {
        return Err(MergeError::FormatsDiffer {
            first: inputs[0].0.clone(),
            first_format: format.as_str(),
            other: name.clone(),
            other_format: r.meta.format.as_str(),
        });
    }
    let mut out = Report::new(agency, year.unwrap_or_default());
    out.meta.format = format;
    if inputs.iter().any(|(_, r)| r.t3_2019_other.is_some()) {
        // The 2019 format's single （六）其他处理 row is summed too, or （七）总计 would not balance.
        let mut other: [Cell; crate::template::T3_INPUT_COLS] = Default::default();
        for (_, r) in inputs {
            if let Some(o) = &r.t3_2019_other {
                for (acc, c) in other.iter_mut().zip(o) {
                    *acc = add(acc, c, ValueKind::Count);
                }
            }
        }
        out.t3_2019_other = Some(other);
    }
    out.meta.year = year;
    out.meta.scope = Scope::GovernmentTotal;
    for &k in all_keys() {
        if out.input(k).is_none() {
            continue;
        }
        let mut acc = Cell::Blank;
        for (_, r) in inputs {
            acc = add(&acc, r.input(k).unwrap_or(&Cell::Blank), k.kind());
        }
        *out.input_mut(k).expect("input cell") = acc;
    }
    let fees = |get: fn(&Report) -> &Cell, kind| {
        inputs
            .iter()
            .fold(Cell::Blank, |acc, (_, r)| add(&acc, get(r), kind))
    };
    out.part6.fees.notices = fees(|r| &r.part6.fees.notices, ValueKind::Count);
    out.part6.fees.notified_yuan = fees(|r| &r.part6.fees.notified_yuan, ValueKind::Amount);
    out.part6.fees.collected_yuan = fees(|r| &r.part6.fees.collected_yuan, ValueKind::Amount);
    let names: Vec<String> = inputs
        .iter()
        .map(|(n, r)| {
            if r.meta.agency.is_empty() {
                n.clone()
            } else {
                format!("{}（{}）", r.meta.agency, n)
            }
        })
        .collect();
    out.part1.intro = Narrative::new(format!(
        "本报告表格数据由以下 {} 份报告汇总：{}。",
        inputs.len(),
        names.join("、")
    ));
    out.sources = inputs.iter().map(|(n, _)| n.clone()).collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_cells() {
        use ValueKind::*;
        assert_eq!(add(&Cell::Int(2), &Cell::Int(3), Count), Cell::Int(5));
        assert_eq!(add(&Cell::Blank, &Cell::Blank, Count), Cell::Blank);
        assert_eq!(add(&Cell::Na, &Cell::Blank, Count), Cell::Na);
        assert_eq!(add(&Cell::Na, &Cell::Int(1), Count), Cell::Int(1));
        let d = |s| Cell::Dec(Decimal::parse(s).unwrap());
        assert_eq!(add(&d("0.35"), &Cell::Int(2), Amount), d("2.35"));
    }
}
