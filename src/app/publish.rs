//! The report on its way out: 复制到网站编辑器 (the whole report, or the
//! table on the page, as HTML with the official merges and as plain text,
//! for a website's editor, WPS or Word) and 打印 (the PDF export opened in
//! the system's viewer or print dialog, never a blank page).

use std::path::{Path, PathBuf};

use super::state::AppState;

impl AppState {
    pub fn copy_for_web(&mut self) {
        let table = self.page_table();
        let (html, text) = crate::export::html::for_clipboard(&self.doc.report, table);
        let what = match table {
            Some(t) => t.name(),
            None => "整份报告",
        };
        let copied = match self.clipboard.as_mut() {
            Some(c) => c.set_html(html.clone(), Some(text.clone())),
            None => arboard::Clipboard::new().and_then(|mut c| {
                let r = c.set_html(html.clone(), Some(text.clone()));
                self.clipboard = Some(c);
                r
            }),
        };
        self.status = match copied {
            Ok(()) => format!("已复制{what}（带表格格式），可粘贴到网站编辑器、WPS 或 Word"),
            Err(e) => format!("复制失败：{e}"),
        };
    }

    /// Exports the PDF next to the other temporary files and hands it to the
    /// system: the print verb on Windows, the default viewer elsewhere.
    pub fn print(&mut self) {
        let path = print_path(&self.doc.report);
        if let Err(e) = crate::export::write(&self.doc.report, &path) {
            self.status = format!("打印失败：{e}");
            return;
        }
        self.status = match open_for_print(&path) {
            Ok(()) => format!(
                "已生成 PDF 并交给系统打印：{}",
                crate::path_name::shown(&path)
            ),
            Err(why) => format!(
                "已生成 PDF：{}（{why}，请用 PDF 阅读器打开后打印）",
                crate::path_name::shown(&path)
            ),
        };
    }
}

/// Where the PDF to print goes: the temporary folder, a new name each time
/// (a viewer may still hold the last one open), of safe characters only.
fn print_path(r: &crate::model::Report) -> PathBuf {
    let year = r.meta.year.map(|y| y.to_string()).unwrap_or_default();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    std::env::temp_dir().join(format!("nianbao-{year}-print-{stamp}.pdf"))
}

fn open_for_print(path: &Path) -> Result<(), String> {
    let mut cmd = if cfg!(windows) {
        // The path goes in through the environment, never into the script's
        // text: no quoting to get wrong, nothing in it is run.
        let mut c = std::process::Command::new("powershell");
        c.args([
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            "Start-Process -Verb Print -LiteralPath $env:NIANBAO_PRINT",
        ])
        .env("NIANBAO_PRINT", path);
        no_console(&mut c);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    // Started, not waited for here: the viewer may stay open as long as it
    // likes and the window must not freeze meanwhile. A thread reaps it.
    match cmd.spawn() {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(_) => Err("没有找到打开文件的系统命令".to_string()),
    }
}

/// No console window flashing up for PowerShell on Windows.
fn no_console(c: &mut std::process::Command) {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        c.creation_flags(CREATE_NO_WINDOW);
    }
    #[cfg(not(windows))]
    let _ = c;
}
