//! Build script. On Windows targets it gives both programs (`nianbao.exe`
//! and its console launcher, shipped as `nianbao.com`) the icon and version
//! information Explorer shows; on every other target it does nothing.
//!
//! The resource is compiled with mingw's `windres` into a COFF object that is
//! handed to the linker directly (an object inside a static library would be
//! dropped, since no symbol refers to it). No build dependency needed.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=src/build.rs");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    let icon = manifest.join("assets/icon/nianbao.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    println!("cargo:rerun-if-env-changed=WINDRES");

    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        println!(
            "cargo:warning=icon and version information are only embedded for the -gnu target"
        );
        return;
    }
    // Cross-building from Linux: Debian's mingw-w64 names it by target; a
    // native MSYS2 toolchain calls it plain `windres`. WINDRES overrides both.
    let windres = env::var("WINDRES").unwrap_or_else(|_| {
        if cfg!(windows) {
            "windres".to_string()
        } else {
            let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
            format!("{arch}-w64-mingw32-windres")
        }
    });

    for (bin, file, description) in [
        ("nianbao", "nianbao.exe", "年报 — 政府信息公开工作年度报告"),
        (
            "nianbao-console",
            "nianbao.com",
            "年报（命令行）— 政府信息公开工作年度报告",
        ),
    ] {
        let rc = out.join(format!("{bin}.rc"));
        let obj = out.join(format!("{bin}-res.o"));
        std::fs::write(&rc, resource_script(&icon, file, description)).expect("write .rc");
        let status = Command::new(&windres)
            .args(["-O", "coff", "-i"])
            .arg(&rc)
            .arg("-o")
            .arg(&obj)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {windres} (install mingw-w64): {e}"));
        assert!(status.success(), "{windres} failed on {}", rc.display());
        println!("cargo:rustc-link-arg-bin={bin}={}", obj.display());
    }
}

/// The icon and a VERSIONINFO block in zh-CN (0x0804, UTF-16 strings).
fn resource_script(icon: &Path, original_name: &str, description: &str) -> String {
    let v = |k: &str| {
        env::var(k)
            .ok()
            .and_then(|s| s.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let (major, minor, patch) = (
        v("CARGO_PKG_VERSION_MAJOR"),
        v("CARGO_PKG_VERSION_MINOR"),
        v("CARGO_PKG_VERSION_PATCH"),
    );
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    // windres reads paths with forward slashes on every host.
    let icon = icon.display().to_string().replace('\\', "/");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "FileDescription", "{description}"
      VALUE "FileVersion", "{version}"
      VALUE "ProductName", "年报 nianbao"
      VALUE "ProductVersion", "{version}"
      VALUE "OriginalFilename", "{original_name}"
      VALUE "InternalName", "nianbao"
      VALUE "LegalCopyright", "MIT 许可证"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#
    )
}
