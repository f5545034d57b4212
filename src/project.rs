//! The project file (`.ron`): a schema version and the report.
//!
//! Saving never leaves a half-written file: the text goes to a temporary file
//! in the same folder, is synced, and is renamed over the target; the previous
//! file is kept as `NAME.ron.bak`, replaced the same way (never a half `.bak`).
//! Loading a corrupt file reports the line and
//! column and leaves the file alone.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Report;

/// The schema this build writes and the newest it reads.
pub const SCHEMA: u32 = 1;

/// Files larger than this are refused before reading (a report is a few KB).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// A file that could not be read or written, with a message for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub path: PathBuf,
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::path_name::shown(&self.path),
            self.message
        )
    }
}

impl std::error::Error for FileError {}

#[derive(Serialize)]
struct FileOut<'a> {
    schema: u32,
    report: &'a Report,
}

#[derive(Deserialize)]
struct FileIn {
    schema: u32,
    report: Report,
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// The report as project-file text.
pub fn to_ron(report: &Report) -> String {
    let cfg = ron::ser::PrettyConfig::new()
        .depth_limit(6)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(
        &FileOut {
            schema: SCHEMA,
            report,
        },
        cfg,
    )
    .expect("a report always serialises")
}

/// Parses project-file text; `path` is only used in messages.
pub fn from_ron(text: &str, path: &Path) -> Result<Report, FileError> {
    let position = |e: &ron::error::SpannedError| {
        format!(
            "第 {} 行第 {} 列：{}",
            e.span.start.line, e.span.start.col, e.code
        )
    };
    match ron::from_str::<SchemaProbe>(text) {
        Ok(p) if p.schema > SCHEMA => {
            return Err(FileError::new(
                path,
                format!(
                    "此文件由较新版本的 nianbao 保存（文件格式版本 {}，本程序只支持到 {SCHEMA}），请升级 nianbao 后再打开",
                    p.schema
                ),
            ));
        }
        Ok(_) => {}
        Err(e) => {
            return Err(FileError::new(
                path,
                format!("不是有效的 nianbao 项目文件，{}", position(&e)),
            ));
        }
    }
    match ron::from_str::<FileIn>(text) {
        Ok(f) if f.schema == 0 => Err(FileError::new(path, "文件格式版本为 0，无法识别")),
        Ok(f) => match f.report.ill_formed_decimal() {
            Some(what) => Err(FileError::new(
                path,
                format!("项目文件内容有误：{what} 的小数位数超过 4 位"),
            )),
            None => Ok(f.report),
        },
        Err(e) => Err(FileError::new(
            path,
            format!("项目文件内容有误，{}", position(&e)),
        )),
    }
}

/// Reads a project file.
pub fn load(path: &Path) -> Result<Report, FileError> {
    let bytes = read_limited(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        FileError::new(
            path,
            format!(
                "不是 UTF-8 文本（第 {} 字节处），不是 nianbao 项目文件",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    from_ron(text.trim_start_matches('\u{feff}'), path)
}

/// Reads a whole file, refusing files over [`MAX_FILE_BYTES`] and anything
/// that is not a regular file: a FIFO, a socket or a device (`/dev/zero`
/// named `.txt`) reports a length of 0 and would hang or never end.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    let meta = fs::metadata(path).map_err(|e| FileError::new(path, io_message(&e)))?;
    if meta.is_dir() {
        return Err(FileError::new(path, "这是一个文件夹，不是文件"));
    }
    if !meta.is_file() {
        return Err(FileError::new(
            path,
            "这不是普通文件（可能是管道、设备或套接字），不能作为报告读取",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(FileError::new(path, too_large(meta.len())));
    }
    // The length may change under us: read at most one byte past the cap.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| FileError::new(path, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::new(path, too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// The refusal of a file over the cap, with the file's real size.
pub fn too_large(len: u64) -> String {
    format!(
        "文件过大（{:.1} MB），超过 {} MB 上限，不是年度报告",
        len as f64 / (1024.0 * 1024.0),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Saves the report as a project file, safely (see the module docs).
pub fn save(report: &Report, path: &Path) -> Result<(), FileError> {
    write_file(path, to_ron(report).as_bytes(), Backup::Keep)
}

/// Whether a save keeps the previous file as `NAME.bak`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    /// Project files: the previous good copy is kept.
    Keep,
    /// Exports, settings, summaries: a `.bak` beside them would only be
    /// something a clerk uploads by mistake.
    None,
}

/// Writes `bytes` to `path` atomically, without a backup (see [`write_file`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_file(path, bytes, Backup::None)
}

/// Writes `bytes` to `path` through a synced temporary file and a rename. The
/// backup, if kept, is replaced the same way (a synced copy renamed into
/// place), so a full disk, a kill or a concurrent save leaves either the old
/// good `.bak` or the new whole one. On any error the target is untouched.
pub fn write_file(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), FileError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| FileError::new(path, "没有文件名"))?;
    if path.is_dir() {
        return Err(FileError::new(
            path,
            "保存失败：这是一个文件夹，请给出要保存的文件名",
        ));
    }
    remove_stale_temps(&dir, name);
    let tmp = temp_beside(&dir, name);
    let mut bak_tmp: Option<PathBuf> = None;
    let result = (|| -> std::io::Result<()> {
        write_synced(&tmp, bytes)?;
        if backup == Backup::Keep && path.is_file() {
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            let bak = PathBuf::from(bak);
            let bt = temp_beside(&dir, bak.file_name().unwrap_or(name));
            bak_tmp = Some(bt.clone());
            write_synced(&bt, &fs::read(path)?)?;
            fs::rename(&bt, &bak)?;
        }
        fs::rename(&tmp, path)?;
        #[cfg(unix)]
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        if let Some(bt) = bak_tmp {
            let _ = fs::remove_file(bt);
        }
        return Err(FileError::new(
            path,
            format!("保存失败：{}（原文件未改动）", io_message(&e)),
        ));
    }
    Ok(())
}

/// A new file with normal permissions (a copy of a read-only file must not
/// make every later save fail), written and synced.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// `.NAME.PID.N.tmp` in `dir`: unique per process and call, so concurrent
/// saves never write into one temporary file.
fn temp_beside(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let mut t = std::ffi::OsString::from(".");
    t.push(name);
    t.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    dir.join(t)
}

/// Temporary files a killed save left behind: those of a process that no
/// longer runs, or (where that cannot be told) older than a minute, as a
/// save in progress elsewhere is younger.
fn remove_stale_temps(dir: &Path, name: &std::ffi::OsStr) {
    let Some(name) = name.to_str() else { return };
    let prefixes = [format!(".{name}."), format!(".{name}.bak.")];
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let f = e.file_name();
        let Some(f) = f.to_str() else { continue };
        let ours = f.ends_with(".tmp") && prefixes.iter().any(|p| f.starts_with(p.as_str()));
        if !ours {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|d| d.as_secs() > 60);
        if old || writer_is_gone(f) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether the process that named temp file `f` (`.NAME.PID.N.tmp`) has
/// ended. Only Linux can tell cheaply (`/proc`); elsewhere the age decides.
fn writer_is_gone(f: &str) -> bool {
    let mut parts = f.rsplit('.');
    let (_tmp, _n, pid) = (parts.next(), parts.next(), parts.next());
    let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    cfg!(target_os = "linux")
        && Path::new("/proc/self").exists()
        && !Path::new(&format!("/proc/{pid}")).exists()
}

/// A short Chinese explanation of an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在".to_string(),
        PermissionDenied => "没有权限（文件夹或文件只读？）".to_string(),
        AlreadyExists => "文件已存在".to_string(),
        StorageFull | QuotaExceeded => "磁盘已满（或超出配额）".to_string(),
        IsADirectory => "这是一个文件夹，不是文件".to_string(),
        NotADirectory => "路径中的某一级不是文件夹".to_string(),
        ReadOnlyFilesystem => "磁盘或分区是只读的".to_string(),
        FileTooLarge => "文件超出文件系统允许的大小".to_string(),
        InvalidFilename => "文件名无效（过长或含有不允许的字符）".to_string(),
        ResourceBusy | ExecutableFileBusy => "文件正被其他程序使用".to_string(),
        Interrupted | TimedOut | WouldBlock => "读写被中断，请重试".to_string(),
        UnexpectedEof => "文件被截断（读到意外的结尾）".to_string(),
        CrossesDevices => "不能跨磁盘移动文件".to_string(),
        // The OS's own words stay in brackets for a technician.
        _ => match e.raw_os_error() {
            Some(code) => format!("读写错误（系统错误代码 {code}：{e}）"),
            None => format!("读写错误（{e}）"),
        },
    }
}
