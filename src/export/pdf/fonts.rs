//! The faces of a 公文 (GB/T 9704) and where the machine has them: 仿宋 for
//! the body, 黑体 for 一、 headings, 楷体 for （一） headings, a 小标宋 or 宋体
//! for the title. Found by their usual file names in the system's font
//! folders (Windows' own files, the fonts 信创 desktops and Linux
//! distributions ship); any role without one, and any character a face
//! lacks, falls back to the bundled font. The export says what it used.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::bundled_font;

/// What a face is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    Body,
    PartHeading,
    SectionHeading,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Title,
        Role::Body,
        Role::PartHeading,
        Role::SectionHeading,
    ];

    fn label(self) -> &'static str {
        match self {
            Role::Title => "标题",
            Role::Body => "正文和表格",
            Role::PartHeading => "一级标题",
            Role::SectionHeading => "二级标题",
        }
    }

    /// Font file names (lower case; `*` ends a prefix), the 公文 face first,
    /// then look-alikes: Windows, 方正 (信创 desktops), Apple, free fonts.
    fn files(self) -> &'static [&'static str] {
        match self {
            Role::Title => &[
                "fzxbsk.ttf",
                "fzxbsjw*",
                "方正小标宋*",
                "simsun.ttc",
                "simsun.ttf",
                "stsong.ttf",
                "uming.ttc",
                "notoserifcjk-regular.ttc",
                "notoserifcjksc-regular.otf",
                "sourcehanserifsc-regular.otf",
            ],
            Role::Body => &[
                "simfang.ttf",
                "仿宋_gb2312*",
                "仿宋*",
                "fzfsk.ttf",
                "fzfsjw*",
                "stfangso.ttf",
                "fangsong*",
                "simsun.ttc",
                "uming.ttc",
                "notoserifcjk-regular.ttc",
                "notoserifcjksc-regular.otf",
            ],
            Role::PartHeading => &[
                "simhei.ttf",
                "fzhtk.ttf",
                "黑体*",
                "stheiti*",
                "wqy-zenhei.ttc",
                "wqy-microhei.ttc",
                "notosanscjk-regular.ttc",
                "notosanscjksc-regular.otf",
                "sourcehansanssc-regular.otf",
            ],
            Role::SectionHeading => &[
                "simkai.ttf",
                "楷体_gb2312*",
                "楷体*",
                "fzktk.ttf",
                "stkaiti.ttf",
                "ukai.ttc",
            ],
        }
    }
}

/// One face: its bytes for the PDF writer and its advances for the layout.
pub struct Face {
    /// As the export names it: the file, or the bundled font.
    pub name: String,
    pub font: krilla::text::Font,
    data: Vec<u8>,
    /// Advance of each character measured so far, in em (None: not in the face).
    advances: RefCell<HashMap<char, Option<f32>>>,
}

impl Face {
    fn new(name: String, data: Vec<u8>) -> Option<Face> {
        // Refuse a file the font reader cannot read before the writer sees it.
        FontRef::from_index(&data, 0).ok()?;
        let font = krilla::text::Font::new(data.clone().into(), 0)?;
        Some(Face {
            name,
            font,
            data,
            advances: RefCell::new(HashMap::new()),
        })
    }

    fn bundled() -> Face {
        Face::new(
            bundled_font::NAME.to_string(),
            bundled_font::NOTO_SC.to_vec(),
        )
        .expect("the bundled font is a valid OpenType font")
    }

    /// The advance of `c` in em, if the face has it.
    pub fn advance(&self, c: char) -> Option<f32> {
        *self.advances.borrow_mut().entry(c).or_insert_with(|| {
            let font = FontRef::from_index(&self.data, 0).ok()?;
            let gid = font.charmap().map(c)?;
            let upem = f32::from(
                font.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em,
            )
            .max(1.0);
            let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
            metrics.advance_width(gid).map(|w| w / upem)
        })
    }
}

/// The faces of one export: one per role, and the bundled font.
pub struct Fonts {
    faces: Vec<Face>,
    /// Index into `faces` for each role of [`Role::ALL`].
    roles: [usize; 4],
}

impl Fonts {
    /// The bundled font for every role: the same output on every machine.
    pub fn bundled() -> Fonts {
        Fonts {
            faces: vec![Face::bundled()],
            roles: [0; 4],
        }
    }

    /// The 公文 faces this machine has, the bundled font for the rest.
    pub fn system() -> Fonts {
        Fonts::from_dirs(&font_dirs())
    }

    /// The faces found in `dirs` (and their sub-folders).
    pub fn from_dirs(dirs: &[PathBuf]) -> Fonts {
        let files = font_files(dirs);
        let mut fonts = Fonts::bundled();
        for (k, role) in Role::ALL.iter().enumerate() {
            let Some(path) = pick(&files, role.files()) else {
                continue;
            };
            if let Some(i) = fonts.faces.iter().position(|f| f.name == shown(path)) {
                fonts.roles[k] = i;
                continue;
            }
            let face = std::fs::read(path)
                .ok()
                .and_then(|data| Face::new(shown(path), data));
            if let Some(face) = face {
                fonts.faces.push(face);
                fonts.roles[k] = fonts.faces.len() - 1;
            }
        }
        fonts
    }

    pub fn face(&self, role: Role) -> &Face {
        let k = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        &self.faces[self.roles[k]]
    }

    /// The face that draws `c` in `role`: the role's face, else the bundled one.
    pub fn for_char(&self, role: Role, c: char) -> &Face {
        let face = self.face(role);
        if face.advance(c).is_some() {
            face
        } else {
            &self.faces[0]
        }
    }

    /// Which font each role used, in the clerk's words.
    pub fn describe(&self) -> String {
        Role::ALL
            .iter()
            .map(|r| format!("{}：{}", r.label(), self.face(*r).name))
            .collect::<Vec<_>>()
            .join("；")
    }
}

fn shown(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first of `wanted` (in its order) among `files`.
fn pick<'a>(files: &'a [PathBuf], wanted: &[&str]) -> Option<&'a PathBuf> {
    wanted.iter().find_map(|w| {
        files.iter().find(|f| {
            let name = shown(f).to_lowercase();
            match w.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == *w,
            }
        })
    })
}

/// The system's font folders: Windows' own and the user's; on other systems
/// the XDG and distribution folders.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let env = |k: &str| std::env::var_os(k).map(PathBuf::from);
    if cfg!(windows) {
        dirs.push(
            env("WINDIR")
                .unwrap_or_else(|| PathBuf::from(r"C:\Windows"))
                .join("Fonts"),
        );
        if let Some(local) = env("LOCALAPPDATA") {
            dirs.push(local.join(r"Microsoft\Windows\Fonts"));
        }
    } else {
        dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        if let Some(home) = env("HOME") {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
        if cfg!(target_os = "macos") {
            dirs.extend(["/System/Library/Fonts", "/Library/Fonts"].map(PathBuf::from));
        }
    }
    dirs
}

/// Font files under `dirs`, a few levels deep.
fn font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let font_ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "ttc" | "otf"))
    };
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(d).max_depth(4).into_iter().flatten())
        .map(|e| e.into_path())
        .filter(|p| font_ext(p))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_measures_chinese_and_digits() {
        let f = Fonts::bundled();
        let face = f.face(Role::Body);
        assert_eq!(face.advance('政'), Some(1.0));
        let digit = face.advance('2').unwrap();
        assert!(digit > 0.3 && digit < 0.7, "{digit}");
        assert!(f.describe().contains(bundled_font::NAME));
    }

    #[test]
    fn a_folder_without_the_faces_leaves_the_bundled_font() {
        let dir = std::env::temp_dir().join("nianbao-no-fonts");
        let f = Fonts::from_dirs(&[dir]);
        assert_eq!(f.face(Role::Title).name, bundled_font::NAME);
    }
}
