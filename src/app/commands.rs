//! The menu commands as data: each action a menu offers, its label in both
//! languages and its shortcuts. The menu bar draws them and the frame listens
//! for their shortcuts from this one table (as rerun's `UICommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::action::Action;
use super::i18n::{Lang, t};

/// A menu command: its label in both languages and its shortcuts (the first is shown).
pub struct Command {
    pub action: Action,
    pub zh: &'static str,
    pub en: &'static str,
    pub shortcuts: &'static [KeyboardShortcut],
}

impl Command {
    pub fn label(&self, lang: Lang) -> &'static str {
        t(lang, self.zh, self.en)
    }
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn shift_cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// Every menu command. Shortcuts are consumed before any widget runs, so a
/// focused text field does not undo on its own.
pub static COMMANDS: [Command; 20] = [
    Command {
        action: Action::New,
        zh: "新建空白报告…",
        en: "New blank report…",
        shortcuts: &[cmd(Key::N)],
    },
    Command {
        action: Action::NewFromLast,
        zh: "根据上年报告新建…",
        en: "New from last year's report…",
        shortcuts: &[shift_cmd(Key::N)],
    },
    Command {
        action: Action::Open,
        zh: "打开或导入…",
        en: "Open or import…",
        shortcuts: &[cmd(Key::O)],
    },
    Command {
        action: Action::Save,
        zh: "保存",
        en: "Save",
        shortcuts: &[cmd(Key::S)],
    },
    Command {
        action: Action::SaveAs,
        zh: "另存为…",
        en: "Save as…",
        shortcuts: &[shift_cmd(Key::S)],
    },
    Command {
        action: Action::Print,
        zh: "打印…",
        en: "Print…",
        shortcuts: &[cmd(Key::P)],
    },
    Command {
        action: Action::CopyForWeb,
        zh: "复制到网站编辑器",
        en: "Copy for the website editor",
        shortcuts: &[shift_cmd(Key::C)],
    },
    Command {
        action: Action::Merge,
        zh: "汇总多份报告…",
        en: "Sum several reports…",
        shortcuts: &[],
    },
    Command {
        action: Action::Close,
        zh: "关闭报告（回到起始页）",
        en: "Close report",
        shortcuts: &[cmd(Key::W)],
    },
    Command {
        action: Action::Quit,
        zh: "退出",
        en: "Quit",
        shortcuts: &[cmd(Key::Q)],
    },
    Command {
        action: Action::Undo,
        zh: "撤销",
        en: "Undo",
        shortcuts: &[cmd(Key::Z)],
    },
    Command {
        action: Action::Redo,
        zh: "重做",
        en: "Redo",
        shortcuts: &[cmd(Key::Y), shift_cmd(Key::Z)],
    },
    Command {
        action: Action::FindReplace,
        zh: "查找和替换…",
        en: "Find and replace…",
        shortcuts: &[cmd(Key::H), cmd(Key::F)],
    },
    Command {
        action: Action::FillBlanks,
        zh: "将空白单元格填为 0",
        en: "Fill blank cells with 0",
        shortcuts: &[],
    },
    Command {
        action: Action::ToggleYearOverYear,
        zh: "显示上年数值和变化",
        en: "Show last year and change",
        shortcuts: &[],
    },
    Command {
        action: Action::PickLastYear,
        zh: "选择上年报告用于对比…",
        en: "Compare with last year's report…",
        shortcuts: &[],
    },
    Command {
        action: Action::ZoomIn,
        zh: "放大",
        en: "Zoom in",
        shortcuts: &[cmd(Key::Equals), cmd(Key::Plus)],
    },
    Command {
        action: Action::ZoomOut,
        zh: "缩小",
        en: "Zoom out",
        shortcuts: &[cmd(Key::Minus)],
    },
    Command {
        action: Action::ZoomReset,
        zh: "实际大小",
        en: "Actual size",
        shortcuts: &[cmd(Key::Num0)],
    },
    Command {
        action: Action::ShowGuide,
        zh: "使用说明",
        en: "User guide",
        shortcuts: &[KeyboardShortcut::new(Modifiers::NONE, Key::F1)],
    },
];

/// The menu command that performs `action`.
pub fn command(action: &Action) -> &'static Command {
    COMMANDS
        .iter()
        .find(|c| c.action == *action)
        .expect("every menu action is in COMMANDS")
}
