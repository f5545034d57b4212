//! The desktop app: the template as forms and grids, live totals and
//! highlighted rules, files that never lose work.
//!
//! State is kept apart from drawing: [`state::AppState`] owns the open
//! [`document::Document`] and the UI state; `frame.rs` lays out one frame;
//! each other file under `app/` draws one panel, page or dialog and returns
//! the [`actions::Action`]s the clerk asked for, which `actions.rs` carries
//! out in one place (file work in `workflows.rs`). The egui layer only draws
//! the model and turns clicks and keystrokes into edits; all checking,
//! import and export is done by the library core.

use std::path::PathBuf;

pub mod action;
pub mod actions;
pub mod cell_input;
pub mod commands;
pub mod cover_page;
pub mod dialogs;
pub mod document;
pub mod driver_warmup;
pub mod files;
pub mod find_dialog;
pub mod findings_panel;
pub mod fonts;
pub mod frame;
pub mod grid_keys;
pub mod grid_paint;
pub mod grid_paste;
pub mod grid_view;
pub mod i18n;
pub mod merge_window;
pub mod modal;
pub mod nav;
pub mod page;
pub mod pages;
pub mod palette;
pub mod panic_guard;
pub mod path_dialog;
pub mod publish;
pub mod recognition;
pub mod scan_check;
pub mod sheet;
pub mod sheet_moves;
pub mod start_page;
pub mod startup_timing;
pub mod state;
pub mod text_fields;
pub mod workflows;

pub use state::AppState;

/// The eframe application: a thin wrapper around [`AppState`].
pub struct NianbaoApp {
    pub state: AppState,
}

impl NianbaoApp {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        storage: files::Storage,
    ) -> Self {
        setup_context(&cc.egui_ctx);
        let mut state = AppState::new(storage);
        state.startup(file);
        NianbaoApp { state }
    }
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.state.ui(ui);
    }
}

/// Fonts and style of every context the app draws in (also the tests').
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    // A blinking cursor repaints the whole window twice a second, which costs
    // a software-rendered office PC a fifth of a core while the clerk reads.
    ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = false);
}

/// The window as it was last closed, or maximised (at a size that fits a
/// 1366×768 screen until the window manager maximises it) on the first start.
fn viewport(storage: &files::Storage) -> egui::ViewportBuilder {
    let v = egui::ViewportBuilder::default()
        .with_title("nianbao 年报")
        .with_app_id("nianbao")
        .with_min_inner_size(files::MIN_WINDOW);
    match storage.load_settings().window {
        Some(w) => v
            .with_inner_size([w.width, w.height])
            .with_position([w.x, w.y])
            .with_maximized(w.maximized),
        None => v.with_inner_size(files::FIRST_WINDOW).with_maximized(true),
    }
}

/// Opens the main window (blocking until it closes).
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    panic_guard::install();
    let storage = files::Storage::default_location();
    let options = eframe::NativeOptions {
        viewport: viewport(&storage),
        ..Default::default()
    };
    run_with_fallback(options, file, storage)
}

/// Opens the window with the renderer that suits the system, and with the
/// other one if that cannot start. Both attempts fail before the app is
/// created, so the second one starts from scratch. `NIANBAO_RENDERER=glow`
/// (or `wgpu`) forces one renderer, for a machine where the first starts but
/// draws badly.
///
/// - Windows, macOS: wgpu first (DirectX 12 — with Windows' own software
///   adapter when there is no GPU driver — or Metal); glow (desktop OpenGL)
///   when wgpu cannot start: seen under Wine ("Parent device is lost") and to
///   be expected on office PCs with broken drivers and some remote desktops.
/// - Linux: glow first. OpenGL is what every Linux desktop has working
///   (Mesa, also in virtual machines and remote desktops); wgpu would load
///   every installed Vulkan driver as well, for nothing an office app needs.
///   Measured under Xvfb with Mesa (`tests/gui/startup.sh`, 30 starts each,
///   alternated): median 148 ms to the first frame against 157 ms, and
///   97 MB resident against 111 MB. wgpu stays as the fallback.
fn run_with_fallback(
    mut options: eframe::NativeOptions,
    file: Option<PathBuf>,
    storage: files::Storage,
) -> Result<(), String> {
    use eframe::Renderer;
    use std::{cell::Cell, rc::Rc};

    // Without it the title bar and taskbar show egui's logo.
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/nianbao-64.png"))
    {
        options.viewport = options.viewport.with_icon(icon);
    }
    let forced = std::env::var("NIANBAO_RENDERER").ok();
    let order: &[Renderer] = match forced.as_deref() {
        Some("glow") => &[Renderer::Glow],
        Some("wgpu") => &[Renderer::Wgpu],
        _ if cfg!(target_os = "linux") => &[Renderer::Glow, Renderer::Wgpu],
        _ => &[Renderer::Wgpu, Renderer::Glow],
    };
    let mut errors = Vec::new();
    let mut warmup = if order[0] == Renderer::Wgpu {
        driver_warmup::start()
    } else {
        None
    };
    startup_timing::mark("opening the window");
    for &renderer in order {
        let created = Rc::new(Cell::new(false));
        let (flag, file, storage) = (Rc::clone(&created), file.clone(), storage.clone());
        let warm = warmup.take();
        let result = eframe::run_native(
            "nianbao",
            eframe::NativeOptions {
                renderer,
                ..options.clone()
            },
            Box::new(move |cc| {
                flag.set(true);
                startup_timing::mark("window and renderer ready");
                drop(warm);
                let app = NianbaoApp::new(cc, file, storage);
                startup_timing::mark("app created (fonts, settings, file)");
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => return Ok(()),
            // Failed after the app ran: not a start-up problem, so no retry.
            Err(e) if created.get() => return Err(format!("窗口出错：{e}")),
            Err(e) => {
                eprintln!("nianbao: {renderer} 渲染器无法启动：{e}");
                errors.push(format!("{renderer}: {e}"));
            }
        }
    }
    // The first attempt says why: the second only finds the event loop gone.
    let why = if errors
        .first()
        .is_some_and(|e| e.to_lowercase().contains("connection"))
    {
        NO_DISPLAY
    } else {
        NO_RENDERER
    };
    Err(format!("{why}\n详细信息：{}", errors.join("；")))
}

/// When the desktop's display server cannot be reached (no X11 or Wayland
/// session, a wrong DISPLAY, a session over ssh).
const NO_DISPLAY: &str = "无法打开窗口：连接不到桌面的显示服务（X11 或 Wayland）。\
    请在桌面里启动年报；通过远程终端登录时没有图形界面。\
    命令行功能不受影响，例如 nianbao check 报告.ron（nianbao help 列出全部命令）。";

/// What the clerk reads when neither renderer starts (Linux: a machine
/// without a working OpenGL 2.1 or Vulkan driver, or a remote session
/// without GL): what is wrong, what to install, and that the command line
/// still works.
const NO_RENDERER: &str = "无法打开窗口：本机的图形驱动不能用（需要 OpenGL 2.1 以上或 Vulkan）。\
    请安装或更新显卡驱动；远程桌面、虚拟机可安装 Mesa 软件渲染（软件包 libgl1-mesa-dri）。\
    命令行功能不受影响，例如 nianbao check 报告.ron（nianbao help 列出全部命令）。";
