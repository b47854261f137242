//! Usage errors in the user's language. clap words its errors in English; in Chinese each kind
//! of error is said again from the error's context (the argument, the value, what would do),
//! followed by the usage line and where to find help.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use fzlint::lang::Lang;

fn context(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What went wrong, in Chinese.
fn describe_zh(e: &Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数 “{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("没有命令 “{}”", context(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidValue => match context(e, ContextKind::ValidValue) {
            Some(valid) => format!("{arg} 的值 “{value}” 无效;可用的值:{valid}"),
            None => format!("{arg} 需要一个值"),
        },
        ErrorKind::ValueValidation => format!("{arg} 的值 “{value}” 无效"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数:{arg}"),
        ErrorKind::ArgumentConflict => {
            format!("{arg} 不能与 {} 同时使用", context(e, ContextKind::PriorArg).unwrap_or_default())
        }
        ErrorKind::TooManyValues => format!("{arg} 的值 “{value}” 是多余的"),
        ErrorKind::NoEquals => format!("{arg} 的值要用 = 连接"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        _ => format!("参数有误({})", e.kind()),
    };
    if let Some(s) = context(e, ContextKind::SuggestedArg).or_else(|| context(e, ContextKind::SuggestedSubcommand)) {
        text.push_str(&format!(";也许是 “{s}”?"));
    }
    text
}

/// The text to print for a usage error in `lang`, and the exit code (2; 0 for help and version).
pub fn render(e: &Error, lang: Lang) -> (String, i32) {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) || lang == Lang::En {
        return (e.render().to_string(), e.exit_code());
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return (e.render().to_string(), 2);
    }
    let usage = context(e, ContextKind::Usage).unwrap_or_default();
    let usage = usage.trim().trim_start_matches("Usage:").trim_start_matches("用法:").trim();
    let mut out = format!("错误:{}\n", describe_zh(e));
    if !usage.is_empty() {
        out.push_str(&format!("\n用法:{usage}\n"));
    }
    out.push_str("\n运行 “fzlint --help” 查看帮助。\n");
    (out, 2)
}
