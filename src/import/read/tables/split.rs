//! Digits of several cells printed with no separator (`21710000218`): the
//! table's arithmetic is the only way to tell where one cell ends.
//!
//! A 表三 row is six counts and their 总计; a 表四 group is four counts and
//! their 总计. A run is split only when exactly one cutting into numbers
//! (without leading zeros) satisfies every sum; otherwise it stays unread.

/// A group of `parts` values followed by their total.
#[derive(Clone, Copy, Debug)]
pub struct Sum {
    pub parts: usize,
}

#[derive(Debug, PartialEq)]
pub enum Split {
    One(Vec<i64>),
    None,
    /// More than one reading: all of them when there are few (the rest of
    /// the table's arithmetic may still choose), else none.
    Many(Vec<Vec<i64>>),
}

/// Readings kept for the table's other sums to choose from.
const MAX_READINGS: usize = 64;

/// The work a split may take, whatever the input: long runs of digits are
/// refused rather than searched.
const MAX_DIGITS: usize = 64;
const MAX_STEPS: usize = 200_000;

/// Splits `digits` into `n` numbers. `sums` describes the numbers from the
/// start: each group's values and then their total; numbers after the
/// groups are free (no sum constrains them).
pub fn split_runs(digits: &str, n: usize, sums: &[Sum]) -> Split {
    let d: Vec<u8> = digits.bytes().collect();
    if n == 0 || d.len() < n || d.len() > MAX_DIGITS || !d.iter().all(u8::is_ascii_digit) {
        return Split::None;
    }
    let constrained: usize = sums.iter().map(|s| s.parts + 1).sum();
    if constrained > n {
        return Split::None;
    }
    let mut found: Vec<Vec<i64>> = Vec::new();
    let mut steps = 0usize;
    let mut cur = Vec::with_capacity(n);
    groups(
        &d,
        0,
        sums,
        n - constrained,
        &mut cur,
        &mut found,
        &mut steps,
    );
    if steps >= MAX_STEPS || found.len() > MAX_READINGS {
        return Split::Many(Vec::new());
    }
    match found.len() {
        0 => Split::None,
        1 => Split::One(found.pop().unwrap_or_default()),
        _ => Split::Many(found),
    }
}

/// A number of up to 12 digits starting at `at` with length `len`, no leading zero.
fn number(d: &[u8], at: usize, len: usize) -> Option<i64> {
    if len == 0 || at + len > d.len() || len > 12 || (len > 1 && d[at] == b'0') {
        return None;
    }
    Some(
        d[at..at + len]
            .iter()
            .fold(0i64, |a, b| a * 10 + (b - b'0') as i64),
    )
}

fn groups(
    d: &[u8],
    at: usize,
    sums: &[Sum],
    free: usize,
    cur: &mut Vec<i64>,
    found: &mut Vec<Vec<i64>>,
    steps: &mut usize,
) {
    if *steps >= MAX_STEPS || found.len() > MAX_READINGS {
        return;
    }
    let Some((first, rest)) = sums.split_first() else {
        free_parts(d, at, free, cur, found, steps);
        return;
    };
    parts(d, at, first.parts, 0, rest, free, cur, found, steps);
}

/// Chooses the `left` remaining values of a group, then checks its total.
#[allow(clippy::too_many_arguments)]
fn parts(
    d: &[u8],
    at: usize,
    left: usize,
    sum: i64,
    rest: &[Sum],
    free: usize,
    cur: &mut Vec<i64>,
    found: &mut Vec<Vec<i64>>,
    steps: &mut usize,
) {
    *steps += 1;
    if *steps >= MAX_STEPS || found.len() > MAX_READINGS {
        return;
    }
    if left == 0 {
        // The total's digits are determined by the sum.
        let s = sum.to_string();
        if d[at..].starts_with(s.as_bytes()) {
            cur.push(sum);
            groups(d, at + s.len(), rest, free, cur, found, steps);
            cur.pop();
        }
        return;
    }
    for len in 1..=12.min(d.len().saturating_sub(at)) {
        let Some(v) = number(d, at, len) else { break };
        cur.push(v);
        parts(
            d,
            at + len,
            left - 1,
            sum + v,
            rest,
            free,
            cur,
            found,
            steps,
        );
        cur.pop();
    }
}

/// The values no sum constrains: every cutting of the rest counts.
fn free_parts(
    d: &[u8],
    at: usize,
    left: usize,
    cur: &mut Vec<i64>,
    found: &mut Vec<Vec<i64>>,
    steps: &mut usize,
) {
    *steps += 1;
    if *steps >= MAX_STEPS || found.len() > MAX_READINGS {
        return;
    }
    if left == 0 {
        if at == d.len() {
            found.push(cur.clone());
        }
        return;
    }
    let remaining = d.len() - at;
    if remaining < left {
        return;
    }
    for len in 1..=12.min(remaining - (left - 1)) {
        let Some(v) = number(d, at, len) else { break };
        cur.push(v);
        free_parts(d, at + len, left - 1, cur, found, steps);
        cur.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t3_row_splits_where_the_sum_holds() {
        assert_eq!(
            split_runs("21710000218", 7, &[Sum { parts: 6 }]),
            Split::One(vec![217, 1, 0, 0, 0, 0, 218])
        );
        assert_eq!(
            split_runs("710000071", 7, &[Sum { parts: 6 }]),
            Split::One(vec![71, 0, 0, 0, 0, 0, 71])
        );
        assert_eq!(
            split_runs("0000000", 7, &[Sum { parts: 6 }]),
            Split::One(vec![0; 7])
        );
    }

    #[test]
    fn t4_splits_three_groups() {
        let sums = [Sum { parts: 4 }; 3];
        assert_eq!(
            split_runs("21317000001324019", 15, &sums),
            Split::One(vec![2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19])
        );
    }

    #[test]
    fn free_values_split_only_when_unique() {
        assert_eq!(split_runs("000", 3, &[]), Split::One(vec![0, 0, 0]));
        assert!(matches!(split_runs("6233440", 3, &[]), Split::Many(v) if v.len() > 1));
        assert_eq!(split_runs("4529", 1, &[]), Split::One(vec![4529]));
    }

    #[test]
    fn ambiguous_rows_keep_their_readings() {
        let Split::Many(v) = split_runs("286012138", 7, &[Sum { parts: 6 }]) else {
            panic!()
        };
        assert!(v.contains(&vec![28, 6, 0, 1, 2, 1, 38]));
        assert!(v.contains(&vec![2, 8, 6, 0, 1, 21, 38]));
    }

    #[test]
    fn long_runs_are_bounded() {
        let long = "1".repeat(60);
        assert!(!matches!(
            split_runs(&long, 7, &[Sum { parts: 6 }]),
            Split::One(_)
        ));
        assert_eq!(split_runs(&"1".repeat(500), 7, &[]), Split::None);
    }
}
