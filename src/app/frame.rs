//! One frame of the app: the panels, then the chores every frame does —
//! shortcuts, the close request, autosave, the window title and size.

use std::time::Duration;

use super::actions::{Action, COMMANDS, Command};
use super::dialogs::{self, Modal};
use super::state::AppState;
use super::state::Zoom;
use super::{findings_panel, merge_window, nav, pages, start_page};
use egui::KeyboardShortcut;

/// Autosave period in seconds.
pub const AUTOSAVE_SECS: f64 = 30.0;

/// The autosave period; `NIANBAO_AUTOSAVE_SECS` overrides it (used by the crash test script).
fn autosave_secs() -> f64 {
    std::env::var("NIANBAO_AUTOSAVE_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .unwrap_or(AUTOSAVE_SECS)
}

/// Every (command, shortcut) pair in the order they are tried, built once:
/// Ctrl+N would also match Ctrl+Shift+N, so shortcuts with more modifiers come first.
static SHORTCUT_ORDER: std::sync::LazyLock<Vec<(&Command, &KeyboardShortcut)>> =
    std::sync::LazyLock::new(|| {
        let mut pairs: Vec<_> = COMMANDS
            .iter()
            .flat_map(|c| c.shortcuts.iter().map(move |s| (c, s)))
            .collect();
        pairs.sort_by_key(|(_, s)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8)
        });
        pairs
    });

/// Width of the navigation list: the longest part heading fits on two lines.
const NAV_WIDTH: f32 = 230.0;

impl AppState {
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        super::startup_timing::frame_begins();
        let mut actions = Vec::new();
        self.fit_window(ui);
        if let Some(mut m) = self.merge.take() {
            let (open, a) = merge_window::show(ui.ctx(), &mut m);
            if open {
                self.merge = Some(m);
            }
            actions.extend(a);
        }
        actions.extend(self.shortcuts(ui));
        self.close_request(ui);
        self.autosave_tick(ui);
        self.update_title(ui);

        egui::Panel::top("menu").show(ui, |ui| actions.extend(nav::menu_bar(ui, self)));
        egui::Panel::bottom("status").show(ui, |ui| nav::status_bar(ui, self));
        if self.on_start_page() {
            egui::CentralPanel::default().show(ui, |ui| {
                actions.extend(start_page::show(ui, self));
            });
        } else {
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(120.0)
                .show(ui, |ui| actions.extend(findings_panel::show(ui, self)));
            egui::Panel::left("nav")
                .resizable(false)
                .exact_size(NAV_WIDTH)
                .show(ui, |ui| actions.extend(nav::navigation(ui, self)));
            if super::scan_check::shown_for(self) {
                egui::Panel::top("scan-check")
                    .show(ui, |ui| actions.extend(super::scan_check::strip(ui, self)));
            }
            egui::CentralPanel::default().show(ui, |ui| pages::show(ui, self));
        }

        self.recognition_frame(ui.ctx());
        if let Some(mut modal) = self.modal.take() {
            let (keep, a) = dialogs::show(ui.ctx(), &mut modal, self);
            if keep && self.modal.is_none() {
                self.modal = Some(modal);
            }
            actions.extend(a);
        }
        for a in actions {
            self.request(a);
        }
        self.apply_zoom(ui.ctx());
        if self.doc.generation() != self.guarded {
            // After every change: what a panic would otherwise take with it.
            super::panic_guard::remember(&self.storage, &self.doc);
            self.guarded = self.doc.generation();
        }
        super::startup_timing::first_frame_done();
    }

    /// A scan being recognised: its progress window, its result when it
    /// comes, 取消 passed on to its thread.
    fn recognition_frame(&mut self, ctx: &egui::Context) {
        let Some(r) = &self.recognition else { return };
        if let Some(read) = r.poll() {
            let (path, then, cancelled) = (r.path.clone(), r.then, r.cancelling());
            self.recognition = None;
            match read {
                Err(_) if cancelled => {
                    self.status = format!("已取消识别 {}", crate::path_name::shown(&path));
                }
                read => self.recognised(&path, then, read),
            }
            // The panels of this frame were drawn before the report came.
            ctx.request_repaint();
            return;
        }
        if super::recognition::show(ctx, r) {
            r.cancel();
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(150));
    }

    /// The menu commands' shortcuts, consumed before any widget sees them.
    fn shortcuts(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut out = Vec::new();
        ui.input_mut(|i| {
            for (c, s) in SHORTCUT_ORDER.iter() {
                if i.consume_shortcut(s) && !out.contains(&c.action) {
                    out.push(c.action.clone());
                }
            }
        });
        if self.modal.is_some() || self.recognition.is_some() {
            return Vec::new();
        }
        if out.iter().any(|a| matches!(a, Action::Undo | Action::Redo)) {
            // Drop the focused cell's typing buffer so it shows the restored value.
            if let Some(id) = ui.memory(|m| m.focused()) {
                ui.memory_mut(|m| m.surrender_focus(id));
            }
        }
        out
    }

    fn apply_zoom(&mut self, ctx: &egui::Context) {
        match self.zoom.take() {
            Some(Zoom::In) => egui::gui_zoom::zoom_in(ctx),
            Some(Zoom::Out) => egui::gui_zoom::zoom_out(ctx),
            Some(Zoom::Reset) => ctx.set_zoom_factor(1.0),
            None => {}
        }
    }

    fn close_request(&mut self, ui: &mut egui::Ui) {
        if self.close_now {
            self.close_now = false;
            self.allow_close = true;
            self.remember_window(ui);
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if ui.input(|i| i.viewport().close_requested()) {
            if self.doc.is_dirty() && !self.allow_close {
                ui.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Action::Quit));
            } else {
                // An unanswered recovery offer keeps its file for the next start.
                let offering = matches!(self.modal, Some(Modal::Recovery(_)));
                if !self.doc.is_dirty() && !offering {
                    self.storage.clear_recovery();
                }
                self.remember_window(ui);
            }
        }
    }

    /// Keeps the window's place and size for the next start (in unzoomed
    /// points: the next start opens at zoom 1). A maximised window keeps the
    /// size it had before, so that un-maximising gives a normal window back.
    fn remember_window(&mut self, ui: &egui::Ui) {
        let zoom = ui.ctx().zoom_factor();
        let Some(now) = ui.input(|i| super::files::WindowPlace::of(i.viewport(), zoom)) else {
            return;
        };
        let place = match (now.maximized, self.settings.window) {
            (true, Some(before)) => super::files::WindowPlace {
                maximized: true,
                ..before
            },
            _ => now,
        };
        if Some(place) != self.settings.window {
            self.settings.window = Some(place);
            self.storage.save_settings(&self.settings);
        }
    }

    /// On the first frames: a window larger than the screen (a fixed default
    /// size on a 1366×768 office screen) is shrunk to fit it, and one placed
    /// off the screen (a monitor since unplugged) is brought back.
    fn fit_window(&mut self, ui: &egui::Ui) {
        if self.window_checked {
            return;
        }
        let (monitor, inner, outer, maximized) = ui.input(|i| {
            let v = i.viewport();
            (v.monitor_size, v.inner_rect, v.outer_rect, v.maximized)
        });
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        self.window_checked = true;
        if maximized == Some(true) || monitor.x < 100.0 || monitor.y < 100.0 {
            return;
        }
        let fit = super::files::fit_to_screen(inner.size(), monitor);
        let at = outer.map(|r| r.min).unwrap_or(inner.min);
        let off_screen =
            at.x < -50.0 || at.y < -50.0 || at.x > monitor.x - 100.0 || at.y > monitor.y - 100.0;
        if fit != inner.size() {
            ui.send_viewport_cmd(egui::ViewportCommand::InnerSize(fit));
        }
        if fit != inner.size() || off_screen {
            ui.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
        }
    }

    fn autosave_tick(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let focused = ui.input(|i| i.viewport().focused.unwrap_or(true));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if lost_focus || now - self.last_autosave >= autosave_secs() {
            self.last_autosave = now;
            self.autosave();
        }
        if self.doc.is_dirty() {
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(autosave_secs()));
        }
    }

    fn update_title(&mut self, ui: &mut egui::Ui) {
        let title = if self.on_start_page() {
            "nianbao 年报".to_string()
        } else {
            let r = &self.doc.report;
            let year = r.meta.year.map(|y| format!(" {y}年")).unwrap_or_default();
            let dirty = if self.doc.is_dirty() { "● " } else { "" };
            let agency = if r.meta.agency.is_empty() {
                "（未填写机关）"
            } else {
                &r.meta.agency
            };
            format!(
                "{dirty}{} — {agency}{year} — nianbao 年报",
                self.doc.display_name()
            )
        };
        if title != self.title_sent {
            ui.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}
