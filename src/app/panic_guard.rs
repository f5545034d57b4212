//! A panic never loses typing: the last state of an unsaved document is
//! kept aside after every change, and a panic hook writes it as the
//! recovery file before the process ends, so the next start offers to
//! restore it — the same file autosave writes, the same dialog.

use std::path::PathBuf;
use std::sync::Mutex;

use super::document::Document;
use super::files::{Recovery, Storage};

/// The copy the hook writes: where, and what.
static LAST: Mutex<Option<(Storage, Recovery)>> = Mutex::new(None);

/// Wraps the process's panic hook once (the previous hook still runs).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            write_now();
            previous(info);
        }));
    });
}

/// Keeps the document aside if it has unsaved changes (call after each change).
pub fn remember(storage: &Storage, doc: &Document) {
    let copy = doc.is_dirty().then(|| (storage.clone(), Recovery::of(doc)));
    if let Ok(mut last) = LAST.lock() {
        *last = copy;
    }
}

/// Writes the kept copy as the recovery file. `try_lock`: a panic while the
/// copy is being replaced must not deadlock the hook.
fn write_now() {
    let Ok(last) = LAST.try_lock() else { return };
    if let Some((storage, rec)) = last.as_ref() {
        let _ = storage.write_recovery_copy(rec);
    }
}

/// Where the hook would write (for tests).
pub fn recovery_path(storage: &Storage) -> PathBuf {
    storage.recovery_path()
}
