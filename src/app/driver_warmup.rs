//! Loading the graphics driver early, on a second thread.
//!
//! Before the first frame, almost all of the start-up time is not the app's
//! own (`NIANBAO_MEASURE_STARTUP=1` shows its phases): the main thread
//! connects to the display and opens the window, then the renderer starts and
//! the system loads its graphics drivers — on Linux the Vulkan loader opens
//! every installed driver, and Mesa's software one pulls in LLVM. Neither
//! needs the other, so a second thread asks the drivers for their adapters
//! while the main thread opens the window; when the renderer starts, the
//! libraries are loaded already. The thread keeps its instance until the
//! renderer has started: dropping it sooner would unload them again.
//!
//! Runs only when wgpu is the first renderer tried (Windows and macOS; on
//! Linux the window opens with OpenGL, see `run_with_fallback`).
//!
//! Only the system's own interface (Vulkan, DirectX 12, Metal) is warmed:
//! wgpu's OpenGL backend opens display connections of its own, which are
//! better not opened from a second thread at the same time.
//! `NIANBAO_NO_WARMUP=1` turns the warm-up off, to compare start-up times or
//! should a driver misbehave with two instances.

use eframe::wgpu;
use std::sync::mpsc::{Sender, channel};

/// Keeps the warm-up thread's driver instance alive; drop it once the
/// renderer has started.
pub struct Warmup {
    _keep: Sender<()>,
}

/// Starts loading the drivers; `None` when there is nothing to warm (when
/// `WGPU_BACKEND` names only OpenGL, or the thread could not start).
pub fn start() -> Option<Warmup> {
    let backends =
        wgpu::Backends::from_env().unwrap_or(wgpu::Backends::PRIMARY) & wgpu::Backends::PRIMARY;
    if backends.is_empty() || std::env::var_os("NIANBAO_NO_WARMUP").is_some() {
        return None;
    }
    let (keep, dropped) = channel::<()>();
    let spawned = std::thread::Builder::new()
        .name("driver-warmup".into())
        .spawn(move || {
            let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
            desc.backends = backends;
            let instance = wgpu::Instance::new(desc);
            let adapters = block_on(instance.enumerate_adapters(backends));
            // Returns when the Warmup is dropped.
            let _ = dropped.recv();
            drop(adapters);
            drop(instance);
        });
    spawned.ok().map(|_| Warmup { _keep: keep })
}

/// Runs a future to its end on this thread. wgpu's native futures are ready
/// at once; this only avoids a dependency for one call.
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::yield_now();
    }
}
