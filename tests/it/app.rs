//! The real UI driven headlessly with egui_kittest.

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::document::Document;
use nianbao::app::files::Storage;
use nianbao::app::state::{AppState, Page};
use nianbao::cell::Cell;
use nianbao::model::Report;
use nianbao::rules::RuleId;

fn harness(st: AppState) -> Harness<'static, AppState> {
    Harness::builder()
        .with_size([1500.0, 2200.0])
        .with_context_setup(nianbao::app::setup_context)
        .build_ui_state(|ui, st: &mut AppState| st.ui(ui), st)
}

fn state(dir: &std::path::Path, report: Report, page: Page) -> AppState {
    let mut st = AppState::new(Storage::at(dir));
    st.doc = Document::new(report, None);
    st.page = page;
    st
}

/// Clicks the field whose accessible name contains `name` and types `text` into it.
fn type_into(h: &mut Harness<'static, AppState>, name: &str, text: &str) {
    h.get_by_label_contains(name).click();
    h.run();
    h.get_by_label_contains(name).type_text(text);
    h.run();
}

fn cell(key: &str) -> String {
    format!("（{key}）")
}

#[test]
fn typing_updates_totals_and_flags_the_balance() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(
        dir.path(),
        Report::new("测试局", 2025),
        Page::Part(2),
    ));
    h.run();
    type_into(&mut h, &cell("t3.r01.natural"), "5");
    type_into(&mut h, &cell("t3.r03.natural"), "3");
    type_into(&mut h, &cell("t3.r03.commercial"), "２");
    assert_eq!(h.state().doc.report.t3.0[0][0], Cell::Int(5));
    assert_eq!(
        h.state().doc.report.t3.0[2][1],
        Cell::Int(2),
        "full-width digits are accepted"
    );
    assert_eq!(
        h.get_by_label_contains(&cell("t3.r01.total"))
            .value()
            .as_deref(),
        Some("5")
    );
    assert_eq!(
        h.get_by_label_contains(&cell("t3.r03.total"))
            .value()
            .as_deref(),
        Some("5")
    );
    assert_eq!(
        h.get_by_label_contains(&cell("t3.r24.natural"))
            .value()
            .as_deref(),
        Some("3")
    );
    assert_eq!(
        h.get_by_label_contains(&cell("t3.r24.total"))
            .value()
            .as_deref(),
        Some("5")
    );
    // 一+二 (5) ≠ （七）+四 (3): the finding is listed…
    let findings = h.state_mut().doc.findings().to_vec();
    let b3 = findings
        .iter()
        .find(|f| f.id == RuleId::B3 && f.cells[0] == "t3.r01.natural")
        .expect("B3 for 自然人");
    assert!(
        b3.message
            .contains("本年新收 5 + 上年结转 0 = 5，但办理结果总计 3 + 结转下年度 0 = 3")
    );
    // …and clicking it focuses the first cell involved.
    h.get_by_label_contains(&cell("t3.r25.natural")).click();
    h.run();
    h.get_by_label_contains("表三“自然人”列：本年新收 5")
        .click();
    h.run();
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r01.natural"))
            .is_focused()
    );
}

#[test]
fn block_paste_fills_cells_and_undo_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(
        dir.path(),
        Report::new("测试局", 2025),
        Page::Part(2),
    ));
    h.run();
    h.get_by_label_contains(&cell("t3.r05.natural")).click();
    h.run();
    h.event(egui::Event::Paste(
        "1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n".into(),
    ));
    h.run();
    let t3 = &h.state().doc.report.t3.0;
    let got: Vec<Vec<i64>> = (4..7)
        .map(|r| (0..4).map(|c| t3[r][c].int_value()).collect())
        .collect();
    assert_eq!(
        got,
        vec![vec![1, 2, 3, 4], vec![5, 6, 7, 8], vec![9, 10, 11, 12]]
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let t3 = &h.state().doc.report.t3.0;
    assert!(
        (4..7).all(|r| (0..4).all(|c| t3[r][c] == Cell::Blank)),
        "one undo restores the 12 cells"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().doc.report.t3.0[6][3], Cell::Int(12));
    // A block that does not fit is refused and nothing is pasted.
    h.get_by_label_contains(&cell("t3.r25.natural")).click();
    h.run();
    h.event(egui::Event::Paste("1\t2\n3\t4\n".into()));
    h.run();
    assert_eq!(h.state().doc.report.t3.0[24][0], Cell::Blank);
    assert!(h.query_by_label_contains("超出了表格范围").is_some());
}

#[test]
fn invalid_entry_is_kept_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(
        dir.path(),
        Report::new("测试局", 2025),
        Page::Part(2),
    ));
    h.run();
    type_into(&mut h, &cell("t3.r01.commercial"), "约3");
    h.get_by_label_contains(&cell("t3.r02.commercial")).click();
    h.run();
    assert_eq!(h.state().doc.report.t3.0[0][1], Cell::Invalid("约3".into()));
    assert_eq!(
        h.get_by_label_contains(&cell("t3.r01.commercial"))
            .value()
            .as_deref(),
        Some("约3")
    );
    let findings = h.state_mut().doc.findings().to_vec();
    assert!(
        findings
            .iter()
            .any(|f| f.id == RuleId::B4 && f.cells == ["t3.r01.commercial"])
    );
}

#[test]
fn save_and_reopen_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    let mut h = harness(state(dir.path(), common::violations_report(), Page::Cover));
    h.run();
    type_into(&mut h, "编制机关", "（改）");
    assert!(h.state().doc.is_dirty());
    assert!(h.state_mut().save_to(&path));
    h.run();
    assert!(!h.state().doc.is_dirty());
    let saved = h.state().doc.report.clone();
    let mut h2 = harness(state(dir.path(), Report::default(), Page::Cover));
    h2.state_mut().open_path(&path);
    h2.run();
    assert_eq!(h2.state().doc.report, saved);
    assert!(saved.meta.agency.ends_with("（改）"));
}

#[test]
fn close_prompt_appears_with_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(dir.path(), common::clean_report(), Page::Cover));
    h.run();
    type_into(&mut h, "编制机关", "X");
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_some());
    assert!(!h.state().allow_close);
    h.get_by_label("取消").click();
    h.run();
    assert!(h.query_by_label("有未保存的修改").is_none());
}

#[test]
fn unsaved_work_is_recovered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(dir.path(), common::clean_report(), Page::Cover));
    h.run();
    type_into(&mut h, "编制机关", "（草稿）");
    h.state_mut().autosave();
    let edited = h.state().doc.report.clone();
    drop(h); // the process dies here: no save, no close
    let mut st = AppState::new(Storage::at(dir.path()));
    st.startup(None);
    let mut h = harness(st);
    h.run();
    assert!(h.query_by_label("恢复未保存的工作").is_some());
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(h.state().doc.report, edited);
    assert!(h.state().doc.is_dirty(), "recovered work is still unsaved");
}

#[test]
fn chinese_input_method_commits_into_text_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(dir.path(), Report::new("", 2025), Page::Cover));
    h.run();
    h.get_by_label("编制机关").click();
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "pingan".into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Commit(
        "平安县民政局".into(),
    )));
    h.run();
    assert_eq!(h.state().doc.report.meta.agency, "平安县民政局");
}

#[test]
fn english_switch_translates_the_chrome_not_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = state(dir.path(), common::violations_report(), Page::Part(2));
    st.settings.lang = nianbao::app::i18n::Lang::En;
    let mut h = harness(st);
    h.run();
    assert!(h.query_by_label("Findings").is_some());
    assert!(h.query_by_label("File").is_some());
    assert!(h.query_by_label("1 errors, 2 warnings").is_some());
    // Template labels stay verbatim.
    assert!(h.query_by_label_contains("（t3.r01.natural）").is_some());
}

#[test]
fn spreadsheet_keys_move_between_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(
        dir.path(),
        Report::new("测试局", 2025),
        Page::Part(2),
    ));
    h.run();
    h.get_by_label_contains(&cell("t3.r01.natural")).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r02.natural"))
            .is_focused(),
        "Enter moves down"
    );
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r02.commercial"))
            .is_focused(),
        "Tab moves right"
    );
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r03.commercial"))
            .is_focused(),
        "↓ moves down"
    );
    h.key_press(Key::ArrowUp);
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r02.commercial"))
            .is_focused(),
        "↑ moves up"
    );
}

#[test]
fn importing_a_report_with_unread_cells_says_so_and_outlines_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no_tables.txt");
    std::fs::write(
        &file,
        "某县司法局2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n（见附件）\n三、收到和处理政府信息公开申请情况\n（见附件）\n四、政府信息公开行政复议、行政诉讼情况\n（见附件）\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n",
    )
    .unwrap();
    let mut st = AppState::new(Storage::at(dir.path()));
    st.open_path(&file);
    match &st.modal {
        Some(nianbao::app::dialogs::Modal::Message(m)) => {
            assert!(m.contains("未能读取") && m.contains("红色"), "{m}")
        }
        _ => panic!("no message after importing unread cells"),
    }
    // The unread cells carry an error mark, so the grid outlines them.
    let unread = st
        .doc
        .findings()
        .iter()
        .filter(|f| f.id == RuleId::Import && f.severity == nianbao::rules::Severity::Error)
        .flat_map(|f| f.cells.clone())
        .collect::<Vec<_>>();
    assert!(unread.iter().any(|c| *c == "t3.r01.natural"), "{unread:?}");
}

#[test]
fn deleting_a_subsection_that_is_not_the_last_keeps_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let report = common::clean_report();
    let titles: Vec<String> = report
        .part1
        .sections
        .iter()
        .map(|s| s.title.clone())
        .collect();
    assert!(titles.len() >= 3);
    let mut h = harness(state(dir.path(), report, Page::Part(0)));
    h.run();
    h.get_all_by_label("删除").next().unwrap().click();
    h.run();
    h.run();
    let left: Vec<String> = h
        .state()
        .doc
        .report
        .part1
        .sections
        .iter()
        .map(|s| s.title.clone())
        .collect();
    assert_eq!(left, titles[1..].to_vec());
}

#[test]
fn fill_blanks_with_zero_is_one_undo_step_and_keeps_typed_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Report::new("测试局", 2025);
    r.t3.0[0][0] = Cell::Int(7);
    r.t3.0[1][0] = Cell::Invalid("约三件".into());
    r.t2[0] = Cell::Na;
    let blanks = r.blank_inputs().len();
    assert!(blanks > 100, "{blanks}");
    let mut h = harness(state(dir.path(), r, Page::Part(2)));
    h.run();
    // Offered in the findings panel while blanks remain.
    h.get_by_label("将空白单元格填为 0").click();
    h.run();
    let rep = &h.state().doc.report;
    use nianbao::template::Table;
    assert!(rep.blank_inputs_in(Some(Table::T3)).is_empty());
    // Only the table on the page: 表二 and 表四 may not have been reached yet.
    assert_eq!(rep.t2[1], Cell::Blank);
    assert!(!rep.blank_inputs_in(Some(Table::T4)).is_empty());
    assert_eq!(rep.t3.0[0][0], Cell::Int(7));
    assert_eq!(rep.t3.0[1][0], Cell::Invalid("约三件".into()));
    assert_eq!(rep.t2[0], Cell::Na);
    assert_eq!(rep.t3.0[2][0], Cell::Int(0));
    assert!(h.query_by_label_contains("已将表三中").is_some());
    // Gone from the panel once nothing on the page is blank; one undo brings every blank back.
    assert!(h.query_by_label("将空白单元格填为 0").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.report.blank_inputs().len(), blanks);
}

#[test]
fn export_lists_the_reminders_last_years_text_first() {
    use nianbao::app::actions::Action;
    use nianbao::export::Format;
    let dir = tempfile::tempdir().unwrap();
    let (next, _) = nianbao::rollover::rollover(&common::clean_report());
    let mut h = harness(state(dir.path(), next, Page::Cover));
    h.run();
    h.state_mut().perform(Action::Export(Format::Html));
    h.run();
    assert!(h.query_by_label_contains("个提醒").is_some());
    assert!(
        // The dialog's five lines are S3's, first (the findings panel has
        // two spaces after the id).
        h.query_all_by_label_contains("S3 “").count() == 5,
        "S3 is listed first"
    );
}

#[test]
fn export_with_errors_asks_first_and_never_overwrites_silently() {
    use nianbao::app::actions::Action;
    use nianbao::export::Format;
    let dir = tempfile::tempdir().unwrap();
    let mut st = state(dir.path(), common::violations_report(), Page::Cover);
    // The dialog starts in the document's folder: the temporary one.
    st.doc = Document::new(common::violations_report(), Some(dir.path().join("r.ron")));
    st.settings.builtin_dialogs = true;
    let mut h = harness(st);
    h.run();
    h.state_mut().perform(Action::Export(Format::Html));
    h.run();
    assert!(h.query_by_label_contains("报告还有问题").is_some());
    assert!(h.query_by_label_contains("个错误").is_some());
    h.get_by_label("返回修改").click();
    h.run();
    assert!(h.query_by_label_contains("报告还有问题").is_none());

    // 仍然导出 goes on to the (built-in) dialog; the file is written.
    h.state_mut().perform(Action::Export(Format::Html));
    h.run();
    h.get_by_label("仍然导出").click();
    h.run_steps(8);
    h.get_by_label("保存").click();
    h.run_steps(8);
    h.run_steps(8);
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        written
            .iter()
            .any(|n| n.to_string_lossy().ends_with(".html")),
        "{written:?}"
    );
    let (name, before) = written
        .iter()
        .find(|n| n.to_string_lossy().ends_with(".html"))
        .map(|n| (n.clone(), std::fs::read(dir.path().join(n)).unwrap()))
        .unwrap();

    // The same name again: the dialog says it exists; Enter confirms the overwrite.
    std::fs::write(dir.path().join(&name), "old").unwrap();
    h.state_mut().perform(Action::Export(Format::Html));
    h.run_steps(8);
    h.get_by_label("仍然导出").click();
    h.run_steps(8);
    h.get_by_label("文件名或完整路径").click();
    h.run_steps(8);
    h.key_press(Key::Enter);
    h.run_steps(8);
    h.run_steps(8);
    assert!(h.query_by_label_contains("已存在").is_some());
    assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), b"old");
    h.get_by_label("文件名或完整路径").click();
    h.run_steps(8);
    h.key_press(Key::Enter);
    h.run_steps(8);
    h.run_steps(8);
    assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), before);
}

fn key_events(key: Key, n: usize) -> Vec<egui::Event> {
    (0..n)
        .map(|i| egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: i > 0,
            modifiers: Modifiers::NONE,
        })
        .collect()
}

#[test]
fn key_repeat_presses_all_land_even_within_one_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(
        dir.path(),
        Report::new("测试局", 2025),
        Page::Part(2),
    ));
    h.run();
    h.get_by_label_contains(&cell("t3.r05.natural")).click();
    h.run();
    // Eight ↓ from key repeat arriving within one frame (a slow frame on a
    // software-rendered PC) move eight rows, not fewer.
    h.input_mut().events.extend(key_events(Key::ArrowDown, 8));
    h.run();
    let focused: Vec<String> = (1..=25)
        .map(|r| format!("t3.r{r:02}.natural"))
        .filter(|k| {
            h.query_by_label_contains(&cell(k))
                .is_some_and(|n| n.is_focused())
        })
        .collect();
    assert_eq!(focused, ["t3.r13.natural"], "8 ↓ in one frame move 8 rows");
    // And one per frame, as fast as frames come.
    for _ in 0..3 {
        h.key_press(Key::ArrowUp);
        h.step();
    }
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r10.natural"))
            .is_focused(),
        "3 ↑ in 3 frames move 3 rows"
    );
    // Enter skips the computed （七）总计 row.
    h.get_by_label_contains(&cell("t3.r23.natural")).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.get_by_label_contains(&cell("t3.r25.natural"))
            .is_focused(),
        "Enter skips the computed row"
    );
}

#[test]
fn start_page_offers_last_years_report_first_and_lists_recent_files() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2024.ron");
    nianbao::project::save(&common::clean_report(), &last).unwrap();
    // Opened once: the start page then lists it with agency and year.
    let mut st = AppState::new(Storage::at(dir.path()));
    st.open_path(&last);
    st.storage.save_settings(&st.settings);
    let mut st = AppState::new(Storage::at(dir.path()));
    st.settings.builtin_dialogs = true;
    assert!(st.on_start_page());
    let mut h = harness(st);
    h.run();
    assert!(
        h.query_by_label_contains("编制机关").is_none(),
        "no form yet"
    );
    let recent = h.get_by_label_contains("平安县市场监督管理局 2025年");
    recent.click();
    h.run();
    assert!(!h.state().on_start_page());
    assert_eq!(h.state().doc.report.meta.agency, "平安县市场监督管理局");
    // 关闭 goes back; 根据上年报告新建 asks for a file (the built-in dialog here).
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(h.state().on_start_page());
    h.get_by_label("根据上年报告新建…").click();
    h.run();
    match &h.state().modal {
        Some(nianbao::app::dialogs::Modal::Path(d)) => {
            assert_eq!(d.purpose, nianbao::app::files::Purpose::NewFromLast)
        }
        _ => panic!("根据上年报告新建 did not ask for a file"),
    }
    let mut st = AppState::new(Storage::at(dir.path()));
    st.new_from_last(&last);
    assert!(!st.on_start_page());
    assert_eq!(st.doc.report.meta.year, Some(2026));
    assert!(
        st.year_over_year(),
        "last year's figures are shown from the rollover"
    );
}

#[test]
fn in_force_count_follows_issued_and_repealed_until_typed_over() {
    use nianbao::template::T2_STOCK_ROWS;
    let dir = tempfile::tempdir().unwrap();
    let last = common::clean_report();
    let [issued, repealed, in_force] = T2_STOCK_ROWS[1];
    let before = last.t2[in_force].int_value();
    let (next, _) = nianbao::rollover::rollover(&last);
    assert_eq!(next.t2[in_force], Cell::Int(before), "proposed at rollover");
    let mut h = harness(state(dir.path(), next, Page::Part(1)));
    h.run();
    type_into(&mut h, &format!("（t2.{}）", key_name(issued)), "5");
    type_into(&mut h, &format!("（t2.{}）", key_name(repealed)), "2");
    assert_eq!(h.state().doc.report.t2[in_force], Cell::Int(before + 3));
    // Typed over: it stays the clerk's.
    h.get_by_label_contains(&format!("（t2.{}）", key_name(in_force)))
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label_contains(&format!("（t2.{}）", key_name(in_force)))
        .type_text("40");
    h.run();
    type_into(&mut h, &format!("（t2.{}）", key_name(issued)), "1");
    assert_eq!(h.state().doc.report.t2[in_force], Cell::Int(40));
}

fn key_name(t2_index: usize) -> String {
    nianbao::template::CellKey::T2(t2_index)
        .to_string()
        .trim_start_matches("t2.")
        .to_string()
}

#[test]
fn a_narrative_finding_shows_and_focuses_its_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = common::clean_report();
    r.part5 = nianbao::model::Narrative::new("无");
    let mut h = harness(state(dir.path(), r, Page::Cover));
    h.run();
    h.get_by_label_contains("只写了“无”").click();
    h.run();
    h.run();
    assert_eq!(h.state().page, Page::Part(4));
    assert!(
        h.get_by_label("存在的主要问题及改进情况（先写问题，再写改进措施）")
            .is_focused()
    );
}

#[test]
fn status_bar_says_one_thing_about_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(dir.path(), Report::new("测试局", 2025), Page::Cover));
    h.run();
    assert!(h.query_by_label_contains("已保存").is_none());
    type_into(&mut h, "编制机关", "X");
    assert!(h.query_by_label_contains("尚未保存到文件").is_some());
    assert!(h.query_by_label_contains("已保存").is_none());
    let path = dir.path().join("r.ron");
    assert!(h.state_mut().save_to(&path));
    h.run();
    assert!(h.query_by_label_contains("已保存：").is_some());
    assert!(h.query_by_label_contains("未保存").is_none());
}

#[test]
fn zoom_is_a_view_command_with_its_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(dir.path(), common::clean_report(), Page::Cover));
    h.run();
    let before = h.ctx.zoom_factor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(h.ctx.zoom_factor() > before);
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label_contains("实际大小").click();
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

#[test]
fn invalid_cell_tooltip_says_it_once() {
    let key = nianbao::template::CellKey::parse("t3.r01.natural").unwrap();
    let marks: nianbao::app::state::CellMarks = [(
        nianbao::place::Place::Cell(key),
        nianbao::app::state::Mark {
            severity: nianbao::rules::Severity::Error,
            findings: vec![(RuleId::B4, "应填写数字".to_string())],
        },
    )]
    .into_iter()
    .collect();
    let typed = nianbao::cell::Cell::Invalid("abc".into());
    let tip = nianbao::app::cell_input::input_tooltip(&marks, key, &typed).unwrap();
    assert_eq!(tip.matches("B4").count(), 1, "{tip}");
    // Without the finding, the invalid text still says why.
    let tip = nianbao::app::cell_input::input_tooltip(&Default::default(), key, &typed).unwrap();
    assert_eq!(tip.matches("B4").count(), 1, "{tip}");
}

#[test]
fn a_large_default_window_is_shrunk_to_fit_a_small_screen() {
    use nianbao::app::files::fit_to_screen;
    let fit = fit_to_screen(egui::vec2(1280.0, 800.0), egui::vec2(1366.0, 768.0));
    assert!(fit.y <= 768.0 - 40.0 && fit.x == 1280.0, "{fit:?}");
    let same = fit_to_screen(egui::vec2(1200.0, 700.0), egui::vec2(1920.0, 1080.0));
    assert_eq!(same, egui::vec2(1200.0, 700.0));
}

#[test]
fn a_recovery_offer_is_never_pushed_aside_by_the_file_opened_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage::at(dir.path());
    // Unsaved work from before a crash…
    let mut crashed = AppState::new(storage.clone());
    crashed.doc = Document::unsaved(common::clean_report(), None);
    crashed.storage.write_recovery(&crashed.doc).unwrap();
    // …and a file that opens with a message of its own (unread cells).
    let file = dir.path().join("no_tables.txt");
    std::fs::write(
        &file,
        "某县司法局2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n（见附件）\n三、收到和处理政府信息公开申请情况\n（见附件）\n四、政府信息公开行政复议、行政诉讼情况\n（见附件）\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n",
    )
    .unwrap();
    let mut st = AppState::new(storage.clone());
    st.startup(Some(file.clone()));
    assert!(matches!(
        st.modal,
        Some(nianbao::app::dialogs::Modal::Recovery(_))
    ));
    // Declined: the file opens then.
    st.modal = None;
    st.perform(nianbao::app::actions::Action::DiscardRecovery);
    assert!(storage.read_recovery().is_none());
    assert_eq!(st.doc.report.meta.agency, "某县司法局");
}

#[test]
fn commands_that_cannot_run_do_nothing_from_their_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = AppState::new(Storage::at(dir.path()));
    st.settings.builtin_dialogs = true;
    let mut h = harness(st);
    h.run();
    assert!(h.state().on_start_page());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state().modal.is_none(),
        "Ctrl+S on the start page saves nothing"
    );
}

#[test]
fn saving_from_the_unsaved_prompt_then_carries_on() {
    use nianbao::app::actions::Action;
    let dir = tempfile::tempdir().unwrap();
    let mut st = state(dir.path(), common::clean_report(), Page::Cover);
    st.doc = Document::unsaved(common::clean_report(), None);
    st.settings.builtin_dialogs = true;
    st.request(Action::Close);
    // 保存 in the prompt opens the built-in Save As dialog…
    st.modal = None;
    st.perform(Action::SaveThen(Box::new(Action::Close)));
    assert!(matches!(
        st.modal,
        Some(nianbao::app::dialogs::Modal::Path(_))
    ));
    // …and once it has saved, the report closes as asked.
    st.modal = None;
    let path = dir.path().join("r.ron");
    st.perform(Action::Picked(
        nianbao::app::files::Purpose::SaveAs,
        path.clone(),
    ));
    assert!(path.is_file());
    assert!(st.on_start_page());
}

#[test]
fn f1_shows_the_user_guide_inside_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(dir.path(), Report::new("测试局", 2025), Page::Cover));
    h.run();
    h.key_press(Key::F1);
    h.run();
    let first_heading = include_str!("../../assets/docs/使用说明.md")
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap();
    assert!(
        h.query_by_label(first_heading.trim()).is_some(),
        "{first_heading}"
    );
    // The modal settles its size over a few frames (the window grows to its text).
    h.run_steps(10);
    h.get_by_label("关闭").click();
    h.run();
    assert!(h.state().modal.is_none(), "closed");
}

#[test]
fn find_and_replace_changes_every_text_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = common::clean_report();
    r.preamble.text = r.preamble.text.replace("2025年", "2024年");
    r.part5.text = "2024年的问题。".into();
    let mut h = harness(state(dir.path(), r, Page::Cover));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::H);
    h.run();
    h.get_by_label("查找内容").type_text("2024年");
    h.run();
    h.get_by_label("替换为").click();
    h.run();
    h.get_by_label("替换为").type_text("2025年");
    h.run();
    // Where it occurs, before anything changes.
    assert!(
        h.query_by_label_contains("找到 3 处，在 2 段文字中")
            .is_some()
    );
    h.get_by_label("全部替换").click();
    h.run();
    let rep = &h.state().doc.report;
    assert!(!rep.preamble.text.contains("2024年") && rep.part5.text == "2025年的问题。");
    assert!(h.query_by_label_contains("没有找到").is_some());
    h.get_by_label("关闭").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.report.part5.text, "2024年的问题。");
    assert_eq!(
        h.state().doc.report.preamble.text.matches("2024年").count(),
        2
    );
}

#[test]
fn export_to_pdf_from_the_menu_writes_the_file_and_names_its_fonts() {
    use nianbao::app::actions::Action;
    use nianbao::export::Format;
    let dir = tempfile::tempdir().unwrap();
    let mut st = state(dir.path(), common::clean_report(), Page::Cover);
    st.doc = Document::new(common::clean_report(), Some(dir.path().join("r.ron")));
    st.settings.builtin_dialogs = true;
    let mut h = harness(st);
    h.run();
    // 文件 › 导出 offers PDF.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label_contains("导出").hover();
    h.run_steps(4);
    assert!(h.query_by_label("PDF（.pdf）").is_some());
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().perform(Action::Export(Format::Pdf));
    h.run_steps(8);
    h.get_by_label("保存").click();
    h.run_steps(8);
    let pdf = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF was written");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert!(
        h.state().status.contains("PDF 所用字体"),
        "{}",
        h.state().status
    );
    let back = nianbao::import::import_file(&pdf).unwrap();
    assert_eq!(
        common::essence(&back).0,
        common::essence(&common::clean_report()).0
    );
}

#[test]
fn a_finding_on_a_paragraph_or_a_part_brings_its_text_into_focus() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = common::clean_report();
    r.preamble =
        nianbao::model::Narrative::new("本报告中所列数据统计期限为2024年1月1日至2024年12月31日。");
    r.part5 = Default::default();
    r.meta.date = "2028-01-10".into();
    let findings = nianbao::rules::check(&r, None);
    let place = |id: RuleId| {
        findings
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.cells.first().cloned())
            .unwrap_or_else(|| panic!("no {id:?} in {findings:#?}"))
    };
    let date = findings
        .iter()
        .find(|f| f.message.contains("落款日期"))
        .and_then(|f| f.cells.first().cloned())
        .unwrap();
    for (what, place, page) in [
        ("S2 preamble", place(RuleId::S2), Page::Cover),
        ("S1 part 五", place(RuleId::S1), Page::Part(4)),
        ("S2 date", date, Page::Cover),
    ] {
        let mut h = harness(state(dir.path(), r.clone(), Page::Part(2)));
        h.run();
        h.state_mut()
            .perform(nianbao::app::actions::Action::Reveal(place));
        h.run();
        assert_eq!(h.state().page, page, "{what}");
        // The text field took the focus it was asked for.
        assert_eq!(h.state().focus, None, "{what}");
    }
}
