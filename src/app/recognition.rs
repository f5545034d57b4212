//! Opening a scan: recognition takes seconds a page, so it runs on a thread
//! of its own while the window shows how far it has come, with a 取消
//! button; its result goes back to the workflow that asked for it
//! ([`Then`]), as if the file had been read at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};

use crate::import::{Go, Imported, Progress};
use crate::project::FileError;

/// What the file was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    Open,
    NewFromLast,
    LastYear,
}

/// A recognition under way.
pub struct Recognition {
    pub path: PathBuf,
    pub then: Then,
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<Imported, FileError>>,
}

impl Recognition {
    /// Starts reading `path` on a thread (the window polls [`poll`](Self::poll)
    /// while it shows the progress, repainting a few times a second).
    pub fn start(path: &Path, then: Then) -> Recognition {
        let progress = Arc::new(Mutex::new(Progress { done: 0, pages: 0 }));
        let cancel = Arc::new(AtomicBool::new(false));
        let (send, result) = channel();
        let (p, c, file) = (progress.clone(), cancel.clone(), path.to_path_buf());
        std::thread::spawn(move || {
            let mut watch = |now: Progress| {
                *p.lock().unwrap_or_else(|e| e.into_inner()) = now;
                if c.load(Ordering::Relaxed) {
                    Go::Stop
                } else {
                    Go::On
                }
            };
            let read = crate::open::open_report_watched(&file, &mut watch);
            let _ = send.send(read);
        });
        Recognition {
            path: path.to_path_buf(),
            then,
            progress,
            cancel,
            result,
        }
    }

    /// The result, once the thread has one.
    pub fn poll(&self) -> Option<Result<Imported, FileError>> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(FileError::new(
                &self.path,
                "文字识别意外中止".to_string(),
            ))),
        }
    }

    pub fn progress(&self) -> Progress {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// The progress window; returns whether 取消 was pressed.
pub fn show(ctx: &egui::Context, r: &Recognition) -> bool {
    let p = r.progress();
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("nianbao-recognition")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("正在识别图片中的文字");
        ui.label(crate::path_name::shown(&r.path));
        ui.add_space(6.0);
        let (fraction, text) = if p.pages == 0 {
            (0.0, "正在读取页面……".to_string())
        } else {
            (
                p.done as f32 / p.pages as f32,
                format!("第 {} 页，共 {} 页", (p.done + 1).min(p.pages), p.pages),
            )
        };
        ui.add(egui::ProgressBar::new(fraction).text(text).animate(true));
        ui.add_space(6.0);
        ui.label("识别出的数字都会标出识别把握，请对照原件核对。");
        ui.add_space(6.0);
        if r.cancelling() {
            ui.label("正在取消……");
        } else if ui.button("取消").clicked() {
            cancel = true;
        }
    });
    cancel
}
