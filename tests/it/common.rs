//! Reports built in code for tests and for `saved_examples/`.
#![allow(dead_code)]

use nianbao::cell::{Cell, Decimal};
use nianbao::model::{Baseline, Narrative, Report};
use nianbao::template::*;

fn n(v: i64) -> Cell {
    Cell::Int(v)
}

/// A complete, realistic county-department report where every rule holds.
pub fn clean_report() -> Report {
    let mut r = Report::new("平安县市场监督管理局", 2025);
    r.meta.date = "2026-01-20".into();
    r.preamble = Narrative::new(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据统计期限为2025年1月1日至2025年12月31日。本报告电子版可在平安县人民政府门户网站下载。如对本报告有疑问，请与平安县市场监督管理局办公室联系（地址：平安县人民路18号，电话：0000-1234567）。",
    );
    r.part1.intro = Narrative::new(
        "2025年，平安县市场监督管理局深入贯彻落实《条例》，以公开为常态、不公开为例外，持续推进政务公开标准化规范化。",
    );
    let bodies = [
        "全年通过县政府门户网站主动公开信息612条，其中行政许可信息1845件、行政处罚信息326件，政策解读材料18篇。",
        "全年共收到政府信息公开申请38件，上年结转3件，均在法定期限内答复，结转下年度继续办理4件。",
        "严格执行信息发布“三审三校”制度，动态调整主动公开目录，全年清理规范性文件12件。",
        "优化县政府网站部门专栏，整合“平安市场监管”微信公众号，确保信息同步发布。",
        "将政务公开纳入年度绩效考核，全年组织业务培训2次；被申请行政复议4件，提起行政诉讼2件，未发生责任追究情形。",
    ];
    for (s, b) in r.part1.sections.iter_mut().zip(bodies) {
        s.body = Narrative::new(b);
    }
    r.part2_text = Narrative::default();
    r.t2 = [
        n(0),
        n(0),
        n(0),
        n(3),
        n(1),
        n(12),
        n(1845),
        n(326),
        n(41),
        Cell::Dec(Decimal {
            units: 125,
            scale: 1,
        }),
    ];
    let mut set = |row: usize, vals: [i64; 6]| r.t3.0[row] = vals.map(n);
    set(0, [28, 6, 0, 1, 2, 1]);
    set(1, [2, 1, 0, 0, 0, 0]);
    set(2, [12, 3, 0, 1, 1, 0]);
    set(3, [4, 1, 0, 0, 0, 0]);
    for row in 4..=22 {
        set(row, [0; 6]);
    }
    set(7, [1, 0, 0, 0, 0, 0]);
    set(9, [1, 0, 0, 0, 0, 0]);
    set(10, [0, 0, 0, 0, 1, 0]);
    set(12, [5, 1, 0, 0, 0, 0]);
    set(13, [1, 0, 0, 0, 0, 0]);
    set(14, [0, 0, 0, 0, 0, 1]);
    set(15, [1, 0, 0, 0, 0, 0]);
    set(16, [1, 0, 0, 0, 0, 0]);
    set(20, [1, 0, 0, 0, 0, 0]);
    set(21, [0, 1, 0, 0, 0, 0]);
    set(24, [3, 1, 0, 0, 0, 0]);
    r.t4 = [
        [n(2), n(1), n(0), n(1)],
        [n(1), n(0), n(0), n(1)],
        [n(0), n(0), n(0), n(0)],
    ];
    r.part5 = Narrative::new(
        "（一）存在的主要问题\n一是政策解读形式较为单一，图解、视频解读占比不高；二是基层市场监管所信息报送不够及时。\n（二）改进情况\n一是丰富解读形式，2026年图解、视频解读占比提高到三成以上；二是建立月度通报制度，督促市场监管所按时报送信息。",
    );
    r.part6.fees.notices = n(2);
    r.part6.fees.notified_yuan = n(300);
    r.part6.fees.collected_yuan = n(150);

    r.part6.text = Narrative::new("本年度无其他需要报告的事项。");
    r.baseline = Some(Baseline {
        year: Some(2024),
        t2_in_force: [n(0), n(10)],
        t3_r25: [n(2), n(1), n(0), n(0), n(0), n(0)],
        ..Baseline::default()
    });
    r
}

/// The clean report with three deliberate violations: one B3, one W1 (through
/// the previous-year baseline), one S1.
pub fn violations_report() -> Report {
    let mut r = clean_report();
    // B3: one fewer 予以公开 for 自然人 (28 + 2 ≠ 26 + 3).
    r.t3.0[R03][0] = n(11);
    // W1: last year carried 2 commercial applications forward, this year says 1.
    r.baseline.as_mut().unwrap().t3_r25[1] = n(2);
    // S1: part 五 without substance.
    r.part5 = Narrative::new("无。");
    r
}

/// What a round trip through an export must keep: cells, meta, part texts
/// (whitespace aside) and the fee statement.
pub fn essence(r: &Report) -> (Vec<String>, String, Vec<String>, String) {
    let cells = all_keys()
        .iter()
        .map(|&k| format!("{k}={}", r.value(k).dump()))
        .collect();
    let meta = format!(
        "{}|{:?}|{}|{}",
        r.meta.agency,
        r.meta.year,
        r.meta.format.as_str(),
        r.meta.date
    );
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut texts = vec![squash(&r.preamble.text), squash(&r.part1.intro.text)];
    for s in r.part1.sections.iter().filter(|s| !s.body.is_empty()) {
        texts.push(format!("{}:{}", s.title, squash(&s.body.text)));
    }
    for n in [
        &r.part2_text,
        &r.part3_text,
        &r.part4_text,
        &r.part5,
        &r.part6.text,
    ] {
        texts.push(squash(&n.text));
    }
    (cells, meta, texts, format!("{:?}", r.part6.fees))
}

/// The five real published reports in tests/seeds, in name order.
pub fn seed_paths() -> Vec<std::path::PathBuf> {
    files_in("seeds")
}

/// What a folder under tests/ holds, in name order.
pub fn files_in(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
}

/// A .docx holding only `word/document.xml`: enough for the Word reader.
pub fn docx(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(document).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// The printed figures of a real report, read by hand into
/// `tests/real/NAME.published`, less the totals (dump shows computed
/// totals, not the printed ones: those are B1/B2/B5's).
pub fn published(name: &str) -> std::collections::BTreeMap<String, String> {
    let text = std::fs::read_to_string(format!("tests/real/{name}.published")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| !k.ends_with(".total") && !k.contains(".r24."))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The whole window on `report`'s 表三 page, `size` points large, after its
/// first frame, with frames 1/30 s apart as a PC gives them (the default
/// 0.25 s is longer than egui's double-click delay once a click is split
/// over frames).
pub fn table_window(
    st: nianbao::app::state::AppState,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, nianbao::app::state::AppState> {
    use nianbao::app::state::AppState;
    let mut h = egui_kittest::Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 30.0)
        .with_context_setup(nianbao::app::setup_context)
        .build_ui_state(|ui, st: &mut AppState| st.ui(ui), st);
    h.run();
    h
}

/// An app in `dir` with `report` open on the 表三 page.
pub fn on_table_three(dir: &std::path::Path, report: Report) -> nianbao::app::state::AppState {
    let mut st = nianbao::app::state::AppState::new(nianbao::app::files::Storage::at(dir));
    st.doc = nianbao::app::document::Document::new(report, None);
    st.page = nianbao::app::state::Page::Part(2);
    st
}
