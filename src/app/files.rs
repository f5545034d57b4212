//! Where the app keeps its settings, recent files and the recovery copy, and
//! how it asks for a path: the native dialog through rfd, or — when none can
//! be shown (no portal, no zenity: rfd then returns as if cancelled) — the
//! built-in path dialog.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::document::Document;
use super::i18n::Lang;
use crate::export::Format;
use crate::model::Report;
use crate::project::FileError;

/// What a path is being chosen for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Open,
    SaveAs,
    Export(Format),
    /// Last year's report, to start this year's from.
    NewFromLast,
    /// Last year's report, for the year-over-year view.
    LastYear,
    /// One more report for the 汇总 window.
    MergeInput,
}

impl Purpose {
    pub fn title(&self) -> &'static str {
        match self {
            Purpose::Open => "打开报告",
            Purpose::SaveAs => "另存为",
            Purpose::Export(_) => "导出",
            Purpose::NewFromLast => "选择上年报告（新建本年报告）",
            Purpose::LastYear => "选择上年报告（逐年对比）",
            Purpose::MergeInput => "选择要汇总的报告",
        }
    }
    pub fn saves(&self) -> bool {
        matches!(self, Purpose::SaveAs | Purpose::Export(_))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub recent: Vec<PathBuf>,
    /// Agency and year of each recent file, as it was when last opened or
    /// saved (the start page lists them without reading every file again).
    pub recent_reports: Vec<RecentReport>,
    /// Always use the built-in path dialog.
    pub builtin_dialogs: bool,
    /// Open the most recent file at start instead of the start page.
    pub reopen_last: bool,
    /// Where the window was when the app was last closed.
    pub window: Option<WindowPlace>,
    /// 视图 → show last year's figures under this year's (kept across
    /// starts and recoveries: the clerk chose it once).
    pub year_over_year: bool,
}

/// What the start page says about a recent file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RecentReport {
    pub path: PathBuf,
    pub agency: String,
    pub year: Option<i32>,
}

/// How many recent files are remembered.
const RECENT_MAX: usize = 10;

impl Settings {
    pub fn add_recent(&mut self, path: &Path, report: &Report) {
        let p = canonical(path);
        self.recent.retain(|r| r != &p);
        self.recent.insert(0, p.clone());
        self.recent.truncate(RECENT_MAX);
        self.recent_reports.retain(|r| r.path != p);
        self.recent_reports.insert(
            0,
            RecentReport {
                path: p,
                agency: report.meta.agency.clone(),
                year: report.meta.year,
            },
        );
        self.recent_reports.truncate(RECENT_MAX);
    }

    /// The recent files with what is known of them, most recent first.
    pub fn recent_files(&self) -> Vec<RecentReport> {
        self.recent
            .iter()
            .map(|p| {
                self.recent_reports
                    .iter()
                    .find(|r| &r.path == p)
                    .cloned()
                    .unwrap_or_else(|| RecentReport {
                        path: p.clone(),
                        ..RecentReport::default()
                    })
            })
            .collect()
    }
}

/// `path` made absolute for the recent list. On Windows `canonicalize`
/// answers `\\?\C:\…`, which the clerk would see in 最近打开: a drive-letter
/// path loses that prefix (paths that need it, e.g. over 260 characters, keep it).
fn canonical(path: &Path) -> PathBuf {
    let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let text = p.to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest)
            if rest.len() < 260
                && rest.as_bytes().get(1) == Some(&b':')
                && !text.contains('\u{FFFD}') =>
        {
            PathBuf::from(rest)
        }
        _ => p,
    }
}

/// The window's place on the screen and its size, in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub maximized: bool,
}

impl WindowPlace {
    /// The place of the window described by `v`, in the points of zoom 1
    /// (`v` measures in the points of the current `zoom`).
    pub fn of(v: &egui::ViewportInfo, zoom: f32) -> Option<WindowPlace> {
        let inner = v.inner_rect?;
        let at = v.outer_rect.map(|r| r.min).unwrap_or(inner.min);
        Some(WindowPlace {
            x: at.x * zoom,
            y: at.y * zoom,
            width: inner.width() * zoom,
            height: inner.height() * zoom,
            maximized: v.maximized.unwrap_or(false),
        })
    }
}

/// The smallest window the app is usable in.
pub const MIN_WINDOW: egui::Vec2 = egui::vec2(960.0, 600.0);
/// The window's size at the first start, before it is maximised (fits a 1366×768 screen).
pub const FIRST_WINDOW: egui::Vec2 = egui::vec2(1280.0, 720.0);

/// `size` shrunk to fit a screen of `monitor` (leaving room for a taskbar),
/// never below [`MIN_WINDOW`].
pub fn fit_to_screen(size: egui::Vec2, monitor: egui::Vec2) -> egui::Vec2 {
    let room = egui::vec2(monitor.x, monitor.y - 40.0);
    egui::vec2(
        size.x.min(room.x).max(MIN_WINDOW.x.min(room.x)),
        size.y.min(room.y).max(MIN_WINDOW.y.min(room.y)),
    )
}

/// The unsaved work written every 30 s and when the window loses focus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    pub path: Option<PathBuf>,
    pub saved_at: String,
    pub report: Report,
}

impl Recovery {
    /// `doc` as it is now, stamped with the time.
    pub fn of(doc: &Document) -> Recovery {
        Recovery {
            path: doc.path.clone(),
            saved_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            report: doc.report.clone(),
        }
    }
}

/// The app's own folder (settings, recent files, recovery copy).
#[derive(Clone, Debug)]
pub struct Storage {
    pub dir: PathBuf,
}

impl Storage {
    /// `$NIANBAO_DATA_DIR`, else the platform's data folder + `nianbao`.
    pub fn default_location() -> Storage {
        if let Some(d) = std::env::var_os("NIANBAO_DATA_DIR") {
            return Storage {
                dir: PathBuf::from(d),
            };
        }
        let base = if cfg!(windows) {
            std::env::var_os("APPDATA").map(PathBuf::from)
        } else {
            std::env::var_os("XDG_DATA_HOME")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
                })
        };
        Storage {
            dir: base.unwrap_or_else(std::env::temp_dir).join("nianbao"),
        }
    }

    pub fn at(dir: &Path) -> Storage {
        Storage {
            dir: dir.to_path_buf(),
        }
    }

    fn settings_path(&self) -> PathBuf {
        self.dir.join("settings.ron")
    }

    pub fn recovery_path(&self) -> PathBuf {
        self.dir.join("recovery.ron")
    }

    pub fn load_settings(&self) -> Settings {
        std::fs::read_to_string(self.settings_path())
            .ok()
            .and_then(|s| ron::from_str(&s).ok())
            .unwrap_or_default()
    }

    pub fn save_settings(&self, s: &Settings) {
        let _ = std::fs::create_dir_all(&self.dir);
        if let Ok(text) = ron::ser::to_string_pretty(s, ron::ser::PrettyConfig::default()) {
            let _ = crate::project::write_atomic(&self.settings_path(), text.as_bytes());
        }
    }

    pub fn write_recovery(&self, doc: &Document) -> Result<(), FileError> {
        self.write_recovery_copy(&Recovery::of(doc))
    }

    /// Writes `rec` as the recovery file (also from the panic hook).
    pub fn write_recovery_copy(&self, rec: &Recovery) -> Result<(), FileError> {
        let path = self.recovery_path();
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| FileError::new(&self.dir, crate::project::io_message(&e)))?;
        let text = ron::ser::to_string_pretty(rec, ron::ser::PrettyConfig::default())
            .map_err(|e| FileError::new(&path, e.to_string()))?;
        crate::project::write_atomic(&path, text.as_bytes())
    }

    pub fn read_recovery(&self) -> Option<Recovery> {
        let text = std::fs::read_to_string(self.recovery_path()).ok()?;
        ron::from_str(&text).ok()
    }

    pub fn clear_recovery(&self) {
        let _ = std::fs::remove_file(self.recovery_path());
        let mut bak = self.recovery_path().into_os_string();
        bak.push(".bak");
        let _ = std::fs::remove_file(PathBuf::from(bak));
    }
}

/// The outcome of asking for a path.
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No native dialog could be shown.
    Unavailable,
}

/// Where a file dialog opens when no file says where: the user's documents
/// folder (文档 on a Chinese desktop, Documents elsewhere), else home.
pub fn documents_dir() -> Option<PathBuf> {
    let home = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .map(PathBuf::from)
        .filter(|h| h.is_dir())?;
    ["文档", "Documents"]
        .iter()
        .map(|d| home.join(d))
        .find(|d| d.is_dir())
        .or(Some(home))
}

/// A dialog that returns "cancelled" faster than this was never shown.
const INSTANT_CANCEL: Duration = Duration::from_millis(250);

/// Shows the native file dialog for `purpose`.
pub fn native_dialog(
    purpose: &Purpose,
    dir: Option<&Path>,
    file_name: &str,
    settings: &Settings,
) -> Picked {
    if settings.builtin_dialogs || !native_dialogs_possible() {
        return Picked::Unavailable;
    }
    let mut d = rfd::FileDialog::new().set_title(purpose.title());
    if let Some(dir) = dir {
        d = d.set_directory(dir);
    }
    d = match purpose {
        Purpose::SaveAs => d
            .add_filter(
                "nianbao 项目文件",
                &[crate::open::FileKind::Project.extension()],
            )
            .set_file_name(file_name),
        Purpose::Export(f) => d
            .add_filter("导出格式", &[f.extension()])
            .set_file_name(file_name),
        _ => d
            .add_filter("年度报告", &crate::open::extensions())
            .add_filter("所有文件", &["*"]),
    };
    let started = Instant::now();
    let result = if purpose.saves() {
        d.save_file()
    } else {
        d.pick_file()
    };
    match result {
        Some(p) => Picked::Path(p),
        None if started.elapsed() < INSTANT_CANCEL => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// On Linux rfd needs a desktop portal (over D-Bus) or zenity.
fn native_dialogs_possible() -> bool {
    if cfg!(not(target_os = "linux")) {
        return true;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()));
    has_bus || has_zenity
}
