//! `nianbao.com`, the console half of the Windows program.
//!
//! `nianbao.exe` is a GUI-subsystem program, so double-clicking it opens no
//! console window; but then cmd.exe neither waits for it nor reports its exit
//! code. This small console program sits beside it as `nianbao.com`: cmd.exe
//! tries `.COM` before `.EXE` (PATHEXT), so `nianbao check …` typed at a prompt
//! lands here. It starts `nianbao.exe` with the same arguments, relays its
//! output through pipes (the GUI process never has to touch a console) and
//! exits with its exit code. Visual Studio's `devenv.com` works the same way.
//!
//! Built on every platform so that `cargo build`/`clippy` see it, but it only
//! does something on Windows.

#[cfg(windows)]
fn main() {
    // The child's code passes through whole (Windows codes are 32-bit).
    std::process::exit(windows::main())
}

#[cfg(not(windows))]
fn main() {
    eprintln!("nianbao-console is the Windows console launcher (nianbao.com); run nianbao here");
    std::process::exit(2)
}

#[cfg(windows)]
mod windows {
    use std::ffi::c_void;
    use std::io::{self, Read, Write};
    use std::os::windows::io::AsRawHandle;
    use std::process::{Command, Stdio};
    use std::sync::atomic::{AtomicIsize, Ordering};

    /// The child's process handle, for the Ctrl+C handler (which runs on its
    /// own thread). 0 = no child yet.
    static CHILD: AtomicIsize = AtomicIsize::new(0);

    unsafe extern "system" {
        fn SetConsoleCtrlHandler(
            handler: Option<unsafe extern "system" fn(u32) -> i32>,
            add: i32,
        ) -> i32;
        fn TerminateProcess(process: *mut c_void, exit_code: u32) -> i32;
    }

    /// Ctrl+C, Ctrl+Break or closing the console reach only processes
    /// attached to the console, which the GUI child is not: end it too, so a
    /// long `check DIR` stops when the user asks.
    unsafe extern "system" fn on_ctrl(_event: u32) -> i32 {
        let h = CHILD.load(Ordering::SeqCst);
        if h != 0 {
            // SAFETY: the handle belongs to the live `Child` in `main`, which
            // is only dropped after the process has ended.
            unsafe { TerminateProcess(h as *mut c_void, 130) };
        }
        0 // not handled: the default handler then ends this process too
    }

    pub fn main() -> i32 {
        let exe = match std::env::current_exe() {
            Ok(p) => p.with_extension("exe"),
            Err(e) => {
                eprintln!("nianbao: 无法确定程序位置：{e}");
                return 2;
            }
        };
        let mut child = match Command::new(&exe)
            .args(std::env::args_os().skip(1))
            .stdin(Stdio::inherit())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!(
                    "nianbao: 无法启动 {}（nianbao.com 须与 nianbao.exe 在同一文件夹）：{e}",
                    exe.display()
                );
                return 2;
            }
        };
        CHILD.store(child.as_raw_handle() as isize, Ordering::SeqCst);
        // SAFETY: `on_ctrl` is a plain function valid for the whole process.
        unsafe { SetConsoleCtrlHandler(Some(on_ctrl), 1) };

        let out = child.stdout.take().map(|s| relay(s, io::stdout()));
        let err = child.stderr.take().map(|s| relay(s, io::stderr()));
        let status = child.wait();
        for t in [out, err].into_iter().flatten() {
            let _ = t.join();
        }
        match status {
            Ok(s) => s.code().unwrap_or(2),
            Err(e) => {
                eprintln!("nianbao: {e}");
                2
            }
        }
    }

    /// Copies one pipe to this process's stdout or stderr as it arrives (so
    /// progress shows live). Rust's console writer turns the child's UTF-8
    /// into UTF-16 for the console, carrying a character split between reads
    /// over to the next write.
    fn relay(
        mut from: impl Read + Send + 'static,
        to: impl Write + Send + 'static,
    ) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            let mut to = to;
            let mut buf = [0u8; 8192];
            loop {
                match from.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if to.write_all(&buf[..n]).and_then(|()| to.flush()).is_err() {
                            break;
                        }
                    }
                }
            }
        })
    }
}
