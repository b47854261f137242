//! The language fzlint speaks to people: Chinese under a Chinese locale or with `--lang zh`,
//! English otherwise. Chosen once, before the arguments are parsed, so that `--help` itself is
//! in that language.
//!
//! The locale is read the way the platform does: on Unix the first set of `LC_ALL`,
//! `LC_MESSAGES`, `LANG` (POSIX order); where none is set (Windows, a macOS app), the system's
//! user locale through `sys-locale`.

use std::ffi::OsString;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh_CN.UTF-8`, `zh-Hans-CN` … are Chinese; anything else is English.
    pub fn of_locale(tag: &str) -> Lang {
        let t = tag.trim().to_ascii_lowercase();
        if t == "zh" || t.starts_with("zh_") || t.starts_with("zh-") || t.starts_with("zh.") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The value of `--lang`: `zh` or `en` (a locale name like `zh_CN` is accepted too).
    pub fn parse(value: &str) -> Option<Lang> {
        let v = value.trim().to_ascii_lowercase();
        if v.starts_with("zh") {
            Some(Lang::Zh)
        } else if v.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The locale's language, from `var` (the environment) or else the system.
    pub fn of_environment(var: impl Fn(&str) -> Option<String>) -> Lang {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = var(name).filter(|v| !v.is_empty()) {
                return Lang::of_locale(&v);
            }
        }
        sys_locale::get_locale().map_or(Lang::En, |l| Lang::of_locale(&l))
    }

    /// `--lang X` or `--lang=X` among `args` (before a `--`); `Err` with the value when it is
    /// neither language.
    pub fn of_args(args: &[OsString]) -> Option<Result<Lang, String>> {
        let mut it = args.iter().skip(1);
        while let Some(a) = it.next() {
            let a = a.to_string_lossy();
            if a == "--" {
                break;
            }
            let value = if a == "--lang" {
                it.next().map(|v| v.to_string_lossy().into_owned()).unwrap_or_default()
            } else if let Some(v) = a.strip_prefix("--lang=") {
                v.to_string()
            } else {
                continue;
            };
            return Some(Lang::parse(&value).ok_or(value));
        }
        None
    }

    /// `zh` in Chinese, `en` otherwise.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_and_arguments() {
        assert_eq!(Lang::of_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::of_locale("zh-Hans-CN"), Lang::Zh);
        assert_eq!(Lang::of_locale("C"), Lang::En);
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        // LC_ALL wins over LC_MESSAGES over LANG; an empty one is skipped.
        assert_eq!(Lang::of_environment(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])), Lang::En);
        assert_eq!(Lang::of_environment(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")])), Lang::Zh);
        assert_eq!(Lang::of_environment(env(&[("LANG", "zh_CN.GB18030")])), Lang::Zh);
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(Lang::of_args(&args(&["fzlint", "check", "--lang", "zh"])), Some(Ok(Lang::Zh)));
        assert_eq!(Lang::of_args(&args(&["fzlint", "--lang=en", "check"])), Some(Ok(Lang::En)));
        assert_eq!(Lang::of_args(&args(&["fzlint", "--lang", "fr"])), Some(Err("fr".into())));
        assert_eq!(Lang::of_args(&args(&["fzlint", "check", "--", "--lang"])), None);
    }
}
