//! The tables as a spreadsheet (issue 18), driven through the real widgets:
//! a click selects and typing replaces, F2 and a double click edit in place,
//! Esc restores, Delete clears a block, paste skips computed cells, Ctrl+C
//! copies tab-separated text, and every key of a frame lands in order.

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::state::AppState;
use nianbao::cell::Cell;
use nianbao::model::Report;
use nianbao::template::CellKey;

fn harness(dir: &std::path::Path, report: Report) -> Harness<'static, AppState> {
    crate::common::table_window(crate::common::on_table_three(dir, report), [1500.0, 2200.0])
}

fn name(key: &str) -> String {
    format!("（{key}）")
}

fn key(k: &str) -> CellKey {
    CellKey::parse(k).unwrap()
}

fn value(h: &Harness<'static, AppState>, k: &str) -> Cell {
    h.state().doc.report.input(key(k)).cloned().unwrap()
}

/// A report whose 表三 r05 row holds `0`, `3` and blank in its first three columns.
fn report() -> Report {
    let mut r = Report::new("测试局", 2025);
    *r.input_mut(key("t3.r05.natural")).unwrap() = Cell::Int(0);
    *r.input_mut(key("t3.r05.commercial")).unwrap() = Cell::Int(3);
    r
}

/// The three starting values of the cases: `0`, a number, blank.
const CASES: [(&str, Cell); 3] = [
    ("t3.r05.natural", Cell::Int(0)),
    ("t3.r05.commercial", Cell::Int(3)),
    ("t3.r05.research", Cell::Blank),
];

fn click_at(h: &Harness<'static, AppState>, pos: Pos2, modifiers: Modifiers) {
    h.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
}

/// Two clicks in quick succession.
fn double_click(h: &mut Harness<'static, AppState>, k: &str) {
    let pos = h.get_by_label_contains(&name(k)).rect().center();
    click_at(h, pos, Modifiers::NONE);
    click_at(h, pos, Modifiers::NONE);
    h.run();
}

/// Clicks cell `k` and lets the frame run.
fn click(h: &mut Harness<'static, AppState>, k: &str) {
    h.get_by_label_contains(&name(k)).click();
    h.run();
}

/// Types `text` while cell `k` has the keyboard and lets the frame run.
fn type_text(h: &mut Harness<'static, AppState>, k: &str, text: &str) {
    h.get_by_label_contains(&name(k)).type_text(text);
    h.run();
}

fn focused(h: &Harness<'static, AppState>, k: &str) -> bool {
    h.get_by_label_contains(&name(k)).is_focused()
}

#[test]
fn click_then_type_replaces_the_value_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    for (k, before) in CASES {
        let mut h = harness(dir.path(), report());
        let depth = h.state().doc.undo_depth();
        click(&mut h, k);
        type_text(&mut h, k, "7");
        type_text(&mut h, k, "2");
        assert_eq!(value(&h, k), Cell::Int(72), "{k} held {before:?}");
        assert_eq!(h.state().doc.undo_depth(), depth + 1, "{k}: one undo step");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(value(&h, k), before, "{k}: undo restores");
    }
}

#[test]
fn a_click_anywhere_in_the_cell_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let k = "t3.r05.commercial";
    let r = {
        let h = harness(dir.path(), report());
        h.get_by_label_contains(&name(k)).rect()
    };
    // On the right-aligned digit, left of it, in the empty middle.
    for x in [r.max.x - 8.0, r.min.x + 4.0, r.center().x] {
        let mut h = harness(dir.path(), report());
        click_at(&h, Pos2::new(x, r.center().y), Modifiers::NONE);
        h.run();
        type_text(&mut h, k, "9");
        assert_eq!(value(&h, k), Cell::Int(9), "click at x = {x} of {r:?}");
    }
}

#[test]
fn double_click_or_f2_edits_in_place_with_the_caret_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    for (k, before) in CASES {
        let want = match &before {
            Cell::Int(n) => Cell::Int(n * 10 + 5),
            _ => Cell::Int(5),
        };
        let mut h = harness(dir.path(), report());
        let depth = h.state().doc.undo_depth();
        double_click(&mut h, k);
        type_text(&mut h, k, "5");
        assert_eq!(value(&h, k), want, "double click on {k} holding {before:?}");
        assert_eq!(h.state().doc.undo_depth(), depth + 1);

        let mut h = harness(dir.path(), report());
        click(&mut h, k);
        h.key_press(Key::F2);
        h.run();
        type_text(&mut h, k, "5");
        assert_eq!(value(&h, k), want, "F2 on {k} holding {before:?}");
        // ← moves the caret while editing in place, it does not leave the cell.
        h.key_press(Key::ArrowLeft);
        h.run();
        type_text(&mut h, k, "1");
        assert!(focused(&h, k), "← stays in the cell edited in place");
        h.key_press(Key::Enter);
        h.run();
        assert!(
            focused(&h, &k.replace("r05", "r06")),
            "Enter commits and moves down"
        );
        assert_eq!(
            h.state().doc.undo_depth(),
            depth + 1,
            "one step for the edit"
        );
    }
}

#[test]
fn escape_restores_the_value_from_before_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    for (k, before) in CASES {
        let mut h = harness(dir.path(), report());
        let depth = h.state().doc.undo_depth();
        click(&mut h, k);
        type_text(&mut h, k, "98");
        assert_eq!(value(&h, k), Cell::Int(98));
        h.key_press(Key::Escape);
        h.run();
        assert_eq!(value(&h, k), before, "Esc on {k}");
        assert_eq!(h.state().doc.undo_depth(), depth, "Esc leaves no undo step");
        assert!(focused(&h, k), "the cell stays selected");
        // A double click then Esc restores too.
        double_click(&mut h, k);
        type_text(&mut h, k, "4");
        h.key_press(Key::Escape);
        h.run();
        assert_eq!(value(&h, k), before, "Esc after a double click on {k}");
        assert_eq!(h.state().doc.undo_depth(), depth);
    }
}

#[test]
fn delete_clears_the_selected_cell_or_block_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    for (k, before) in CASES {
        let mut h = harness(dir.path(), report());
        click(&mut h, k);
        h.key_press(Key::Delete);
        h.run();
        assert_eq!(
            value(&h, k),
            Cell::Blank,
            "Delete on {k} holding {before:?}"
        );
        let mut h = harness(dir.path(), report());
        click(&mut h, k);
        h.key_press(Key::Backspace);
        h.run();
        assert_eq!(value(&h, k), Cell::Blank, "Backspace on {k}");
    }
    // A block chosen with Shift+click: r05 natural…research, r06 too.
    let mut r = report();
    *r.input_mut(key("t3.r06.natural")).unwrap() = Cell::Int(4);
    *r.input_mut(key("t3.r06.research")).unwrap() = Cell::Int(6);
    let mut h = harness(dir.path(), r.clone());
    let depth = h.state().doc.undo_depth();
    h.get_by_label_contains(&name("t3.r05.natural")).click();
    h.run();
    h.get_by_label_contains(&name("t3.r06.research"))
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    for k in [
        "t3.r05.natural",
        "t3.r05.commercial",
        "t3.r06.natural",
        "t3.r06.research",
    ] {
        assert_eq!(value(&h, k), Cell::Blank, "{k} cleared");
    }
    assert_eq!(
        h.state().doc.undo_depth(),
        depth + 1,
        "one step for the block"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(value(&h, "t3.r06.research"), Cell::Int(6));
    assert_eq!(value(&h, "t3.r05.commercial"), Cell::Int(3));

    // The same block chosen by dragging over it.
    let mut h = harness(dir.path(), r);
    let far = h
        .get_by_label_contains(&name("t3.r06.research"))
        .rect()
        .center();
    let from = h
        .get_by_label_contains(&name("t3.r05.natural"))
        .rect()
        .center();
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run();
    for i in 1..=10 {
        let p = from + (far - from) * (i as f32 / 10.0);
        h.event(Event::PointerMoved(p));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: far,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    h.key_press(Key::Delete);
    h.run();
    for k in [
        "t3.r05.natural",
        "t3.r05.commercial",
        "t3.r06.natural",
        "t3.r06.research",
    ] {
        assert_eq!(value(&h, k), Cell::Blank, "{k} cleared after a drag");
    }
    assert_eq!(value(&h, "t3.r07.natural"), Cell::Blank);
}

#[test]
fn paste_over_a_block_skips_the_computed_cells_and_names_them() {
    let dir = tempfile::tempdir().unwrap();
    for (k, before) in CASES {
        // A single value pasted over a selected cell replaces it.
        let mut h = harness(dir.path(), report());
        click(&mut h, k);
        h.event(Event::Paste("41".into()));
        h.run();
        assert_eq!(
            value(&h, k),
            Cell::Int(41),
            "paste on {k} holding {before:?}"
        );
    }
    // Rows 二十三 and 二十五 around the computed （七）总计 (r24): pasted
    // from a spreadsheet with its total, the total is skipped.
    let mut h = harness(dir.path(), report());
    let depth = h.state().doc.undo_depth();
    h.get_by_label_contains(&name("t3.r23.natural")).click();
    h.run();
    h.event(Event::Paste("1\t2\n99\t99\n3\t4\n".into()));
    h.run();
    assert_eq!(value(&h, "t3.r23.natural"), Cell::Int(1));
    assert_eq!(value(&h, "t3.r23.commercial"), Cell::Int(2));
    assert_eq!(value(&h, "t3.r25.natural"), Cell::Int(3));
    assert_eq!(value(&h, "t3.r25.commercial"), Cell::Int(4));
    assert_eq!(h.state().doc.undo_depth(), depth + 1);
    assert!(
        h.query_by_label_contains("跳过 2 个自动计算的单元格")
            .is_some(),
        "the status says which cells were skipped"
    );
}

#[test]
fn every_key_of_one_frame_lands_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Report::new("测试局", 2025));
    h.get_by_label_contains(&name("t3.r01.natural")).click();
    h.run();
    let press = |key| Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let text = |t: &str| Event::Text(t.into());
    h.input_mut().events.extend([
        text("1"),
        text("0"),
        press(Key::Enter),
        text("5"),
        press(Key::Enter),
        text("2"),
        press(Key::Tab),
        text("8"),
    ]);
    h.run();
    assert_eq!(value(&h, "t3.r01.natural"), Cell::Int(10));
    assert_eq!(value(&h, "t3.r02.natural"), Cell::Int(5));
    assert_eq!(value(&h, "t3.r03.natural"), Cell::Int(2));
    assert_eq!(value(&h, "t3.r03.commercial"), Cell::Int(8));
    assert_eq!(value(&h, "t3.r04.natural"), Cell::Blank);
    // Twenty cells typed in one frame each with its Enter: nothing lost, nothing twice.
    let mut h = harness(dir.path(), Report::new("测试局", 2025));
    h.get_by_label_contains(&name("t3.r01.research")).click();
    h.run();
    for n in 1..=20 {
        for d in n.to_string().chars() {
            h.input_mut().events.push(text(&d.to_string()));
        }
        h.input_mut().events.push(press(Key::Enter));
    }
    h.run();
    let rows: Vec<Cell> = (1..=21)
        .map(|r| value(&h, &format!("t3.r{r:02}.research")))
        .collect();
    let want: Vec<Cell> = (1..=20).map(Cell::Int).chain([Cell::Blank]).collect();
    assert_eq!(rows, want);
}

#[test]
fn ctrl_c_copies_the_block_as_tab_separated_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = report();
    *r.input_mut(key("t3.r06.natural")).unwrap() = Cell::Int(4);
    let mut h = harness(dir.path(), r);
    h.get_by_label_contains(&name("t3.r05.natural")).click();
    h.run();
    h.get_by_label_contains(&name("t3.r06.research"))
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    h.event(Event::Copy);
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, ["0\t3\t\n4\t\t"]);
}

#[test]
fn a_computed_cell_refuses_typing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), report());
    h.get_by_label_contains(&name("t3.r05.total")).click();
    h.run();
    h.get_by_label_contains(&name("t3.r05.total"))
        .type_text("5");
    h.run();
    assert_eq!(
        h.get_by_label_contains(&name("t3.r05.total"))
            .value()
            .as_deref(),
        Some("3")
    );
    assert!(
        h.query_by_label_contains("自动计算，不能直接修改")
            .is_some()
    );
}
