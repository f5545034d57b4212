use clap::Parser;
use nianbao::cli::{self, Cli};

fn main() {
    #[cfg(feature = "gui")]
    nianbao::app::startup_timing::process_started();
    let cli = Cli::parse();
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
            eprintln!("nianbao: 无法启动窗口：{e}");
            cli::EXIT_UNREADABLE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> i32 {
    eprintln!("nianbao: 此版本未包含桌面界面，请使用 check / dump / convert / rollover 子命令");
    cli::EXIT_UNREADABLE
}
