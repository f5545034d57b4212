// On Windows the app is a GUI-subsystem program, so double-clicking it opens
// no console window. The command line keeps its output and exit code through
// `nianbao.com` (src/console_launcher.rs), which cmd.exe runs first.
#![cfg_attr(all(windows, feature = "gui"), windows_subsystem = "windows")]

use clap::Parser;
use nianbao::cli::{self, Cli};

fn main() {
    #[cfg(feature = "gui")]
    nianbao::app::startup_timing::process_started();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            console::attach();
            e.exit()
        }
    };
    if cli.command.is_some() {
        console::attach();
    }
    let code = match cli.command {
        Some(cmd) => cli::run(cmd),
        None => open_app(cli.file),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) -> i32 {
    match nianbao::app::run(file) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("nianbao: {e}");
            console::tell_if_unseen(&e);
            cli::EXIT_UNREADABLE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> i32 {
    eprintln!("nianbao: 此版本未包含桌面界面，请使用 check / dump / convert / rollover 子命令");
    cli::EXIT_UNREADABLE
}

/// The Windows GUI program and the console. Elsewhere these do nothing.
mod console {
    #[cfg(all(windows, feature = "gui"))]
    mod win {
        use std::ffi::c_void;
        const STD_ERROR_HANDLE: u32 = -12i32 as u32;
        const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
        unsafe extern "system" {
            fn GetStdHandle(which: u32) -> *mut c_void;
            fn AttachConsole(process: u32) -> i32;
        }
        /// Whether stderr goes anywhere: a GUI program started by Explorer
        /// has no standard handles; one started by `nianbao.com` or with a
        /// redirection has them.
        pub fn has_stderr() -> bool {
            // SAFETY: plain Win32 query without pointers.
            let h = unsafe { GetStdHandle(STD_ERROR_HANDLE) };
            !h.is_null() && h as isize != -1
        }
        pub fn attach_parent() {
            // SAFETY: plain Win32 call; fails harmlessly without a parent console.
            unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
        }
    }

    /// `nianbao.exe check …` typed as such (bypassing `nianbao.com`): write
    /// into the console it was typed in. cmd.exe does not wait for a GUI
    /// program, so the prompt comes back first, but the output is there.
    pub fn attach() {
        #[cfg(all(windows, feature = "gui"))]
        if !win::has_stderr() {
            win::attach_parent();
        }
    }

    /// A start-up error nobody would read on stderr (a program started
    /// from the menu or by a double click) is shown in a message box:
    /// Windows' own, or on Linux zenity's (which rfd runs; the .deb
    /// recommends it). A Linux program started from a terminal has its
    /// stderr there and shows no box.
    #[cfg(feature = "gui")]
    pub fn tell_if_unseen(message: &str) {
        #[cfg(windows)]
        let unseen = !win::has_stderr();
        #[cfg(not(windows))]
        let unseen = {
            use std::io::IsTerminal;
            !std::io::stderr().is_terminal()
                && (std::env::var_os("DISPLAY").is_some()
                    || std::env::var_os("WAYLAND_DISPLAY").is_some())
        };
        if unseen {
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("年报")
                .set_description(message)
                .show();
        }
    }
}
