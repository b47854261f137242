//! The interface in two languages: under a Chinese locale (or `--lang zh`) `--help` of every
//! command, the closing line, the summary and usage errors are in Chinese; under `LANG=C` in
//! English. Snapshots of both, in snapshots/.

mod common;

use std::process::{Command, Output};

use common::{bin, root};

/// fzlint run in the repository with only `LANG` set among the locale variables.
fn run(lang: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .env("COLUMNS", "100")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn snap(name: &str, value: String) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name, value);
    });
}

#[test]
fn help_closing_line_and_usage_error_in_both_languages() {
    for (tag, lang) in [("zh", "zh_CN.UTF-8"), ("en", "C")] {
        let help = run(lang, &["--help"]);
        assert_eq!(help.status.code(), Some(0));
        snap(&format!("lang_{tag}_help"), text(&help));
        let check_help = run(lang, &["check", "--help"]);
        assert_eq!(check_help.status.code(), Some(0));
        snap(&format!("lang_{tag}_check_help"), text(&check_help));
        let closing = run(lang, &["check", "seeds/000_d55f31c2f4864f7a.txt"]);
        let last = String::from_utf8(closing.stdout).unwrap().lines().last().unwrap().to_string();
        snap(&format!("lang_{tag}_closing_line"), last);
        let usage = run(lang, &["check", "--formt", "json"]);
        assert_eq!(usage.status.code(), Some(2));
        assert!(usage.stdout.is_empty(), "usage errors go to stderr");
        snap(&format!("lang_{tag}_usage_error"), text(&usage));
    }
}

#[test]
fn chinese_words_where_chinese_is_asked_for() {
    let zh = |args: &[&str]| text(&run("zh_CN.UTF-8", args));
    assert!(zh(&["--help"]).contains("用法:fzlint [选项] <命令>"));
    assert!(zh(&["check", "--format", "jsn"]).contains("错误:--format <格式> 的值 “jsn” 无效"));
    assert!(zh(&["chek"]).contains("没有命令 “chek”;也许是 “check”?"));
    assert!(zh(&["check", "seeds", "--format", "summary"]).contains("合计:5 个文件,0 个无法检查"));
    assert!(zh(&["check", "no-such-folder"]).contains("错误:"));
    // Why a file could not be read, in Chinese too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let empty = dir.path().join("empty.txt");
    let o = run("zh_CN.UTF-8", &["check", empty.to_str().unwrap()]);
    assert!(text(&o).contains("空文件,没有可检查的内容") && !text(&o).contains("empty file"), "{}", text(&o));
    // --lang wins over the locale, either way.
    assert!(text(&run("C", &["--lang", "zh", "--help"])).contains("用法:"));
    assert!(text(&run("zh_CN.UTF-8", &["check", "--help", "--lang=en"])).contains("Usage:"));
    // LC_ALL wins over LANG.
    let o = Command::new(bin()).args(["--help"]).env("LC_ALL", "C").env("LANG", "zh_CN.UTF-8").output().unwrap();
    assert!(text(&o).contains("Usage:"));
    let bad = run("C", &["--lang", "fr", "--help"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("use zh or en"));
    // Every command's help builds in both languages (clap checks its definition as it builds).
    for lang in ["zh_CN.UTF-8", "C"] {
        for args in [
            &["rules", "--help"][..],
            &["rules", "test", "--help"],
            &["rules", "check", "--help"],
            &["rules", "list", "--help"],
            &["rules", "explain", "--help"],
            &["rules", "schema", "--help"],
            &["init", "--help"],
        ] {
            let o = run(lang, args);
            assert_eq!(o.status.code(), Some(0), "{args:?} {lang}: {}", text(&o));
            if lang != "C" {
                assert!(text(&o).contains("显示帮助"), "{args:?}: {}", text(&o));
            }
        }
    }
}

#[test]
fn an_unreadable_file_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    for format in ["human", "summary", "github", "json", "csv"] {
        let o = Command::new(bin())
            .args(["check", ".", "--format", format])
            .current_dir(dir.path())
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        // In place in the outputs for people; in the document and once on stderr otherwise.
        let in_place = ["human", "summary", "github"].contains(&format);
        let told = if in_place { text(&o) } else { String::from_utf8_lossy(&o.stderr).into_owned() };
        assert_eq!(told.matches("empty file").count(), 1, "{format}: {}", text(&o));
    }
}
