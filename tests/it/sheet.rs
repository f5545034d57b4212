//! The tables' state machine (`app/sheet.rs`) on its own: what each key and
//! click does to the selection and the edit, as effects.

use nianbao::app::sheet::*;
use nianbao::template::{CellKey, t3_grid};

fn k(s: &str) -> CellKey {
    CellKey::parse(s).unwrap()
}

fn matrix() -> Vec<Vec<Option<CellKey>>> {
    nianbao::app::sheet_moves::value_matrix(t3_grid())
}

fn run(sheet: &mut Sheet, inputs: Vec<Input>) -> Vec<Effect> {
    let m = matrix();
    let shown = |key: CellKey| {
        if key == k("t3.r01.natural") {
            "3".into()
        } else {
            String::new()
        }
    };
    inputs
        .into_iter()
        .flat_map(|i| sheet.apply(&m, i, &shown))
        .collect()
}

fn text(t: &str) -> Input {
    Input::Text(t.into())
}

fn key(key: SheetKey) -> Input {
    Input::Key(key, Held::Nothing)
}

#[test]
fn typing_over_a_selection_replaces_and_enter_moves_on() {
    let mut s = Sheet::at(k("t3.r01.natural"));
    let e = run(
        &mut s,
        vec![text("1"), text("0"), key(SheetKey::Enter), text("5")],
    );
    let a = k("t3.r01.natural");
    let b = k("t3.r02.natural");
    assert_eq!(
        e,
        vec![
            Effect::Begin(a),
            Effect::Write(a, "1".into()),
            Effect::Write(a, "10".into()),
            Effect::Commit(a),
            Effect::Confirm(a),
            Effect::Reveal(b),
            Effect::Begin(b),
            Effect::Write(b, "5".into()),
        ]
    );
}

#[test]
fn enter_vouches_for_the_cell_it_leaves_and_other_moves_do_not() {
    // Enter on a selected cell: confirmed (a recognised cell is checked), then down.
    let mut s = Sheet::at(k("t3.r01.natural"));
    let e = run(&mut s, vec![key(SheetKey::Enter)]);
    assert_eq!(
        e,
        vec![
            Effect::Confirm(k("t3.r01.natural")),
            Effect::Reveal(k("t3.r02.natural"))
        ]
    );
    // Tab, the arrows and Shift+Enter only move.
    for input in [
        key(SheetKey::Tab),
        key(SheetKey::Down),
        Input::Key(SheetKey::Enter, Held::Shift),
    ] {
        let mut s = Sheet::at(k("t3.r02.natural"));
        let e = run(&mut s, vec![input.clone()]);
        assert!(
            !e.iter().any(|e| matches!(e, Effect::Confirm(_))),
            "{input:?}: {e:?}"
        );
    }
}

#[test]
fn f2_edits_at_the_end_and_the_arrows_move_the_caret() {
    let mut s = Sheet::at(k("t3.r01.natural"));
    run(
        &mut s,
        vec![key(SheetKey::F2), key(SheetKey::Left), text("7")],
    );
    assert_eq!(s.editing().map(|e| e.text.as_str()), Some("73"));
    // In a typed-over cell → commits and moves right instead.
    let mut s = Sheet::at(k("t3.r02.natural"));
    run(&mut s, vec![text("4"), key(SheetKey::Right)]);
    assert_eq!(s.active, k("t3.r02.commercial"));
    assert!(s.editing().is_none());
}

#[test]
fn escape_cancels_and_delete_clears_the_block_without_computed_cells() {
    let mut s = Sheet::at(k("t3.r01.natural"));
    let e = run(&mut s, vec![text("9"), key(SheetKey::Escape)]);
    assert_eq!(e.last(), Some(&Effect::Cancel(k("t3.r01.natural"))));
    let mut s = Sheet::at(k("t3.r05.other_org"));
    let e = run(
        &mut s,
        vec![
            Input::Key(SheetKey::Right, Held::Shift),
            Input::Key(SheetKey::Down, Held::Shift),
            key(SheetKey::Delete),
        ],
    );
    assert_eq!(
        e,
        vec![Effect::Clear(vec![
            k("t3.r05.other_org"),
            k("t3.r06.other_org")
        ])],
        "the 总计 column is in the block but not cleared"
    );
}

#[test]
fn movement_skips_computed_cells_and_tab_wraps_into_the_next_row() {
    let mut s = Sheet::at(k("t3.r23.natural"));
    run(&mut s, vec![key(SheetKey::Enter)]);
    assert_eq!(s.active, k("t3.r25.natural"), "Enter skips （七）总计");
    let mut s = Sheet::at(k("t3.r01.other_org"));
    run(&mut s, vec![key(SheetKey::Tab)]);
    assert_eq!(s.active, k("t3.r02.natural"), "Tab skips 总计 and wraps");
    run(&mut s, vec![Input::Key(SheetKey::Tab, Held::Shift)]);
    assert_eq!(s.active, k("t3.r01.other_org"));
    run(&mut s, vec![Input::Key(SheetKey::End, Held::Ctrl)]);
    assert_eq!(s.active, k("t3.r25.other_org"));
    run(&mut s, vec![Input::Key(SheetKey::Home, Held::Ctrl)]);
    assert_eq!(s.active, k("t3.r01.natural"));
}

#[test]
fn typing_into_a_computed_cell_is_refused() {
    let mut s = Sheet::at(k("t3.r01.total"));
    let e = run(&mut s, vec![text("5")]);
    assert_eq!(e, vec![Effect::Refused(k("t3.r01.total"))]);
    assert!(s.editing().is_none());
}
