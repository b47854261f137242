//! Rule authoring without a compiler: `rules test`, `rules check`, `rules list`, `rules explain`,
//! `rules schema`, `fzlint.yaml`, and `init`.

mod common;

use std::path::Path;
use std::process::Output;

use common::root;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    common::fzlint().args(args).current_dir(dir).output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_default_pack_passes_its_own_examples() {
    let o = run(&["rules", "test", "rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    let rules = out.lines().filter(|l| l.starts_with("ok ")).count();
    assert!(rules >= 25, "{out}");
    assert!(out.ends_with(&format!("{rules} rules: {rules} passed, 0 failed\n")), "{out}");
    // Each has at least one valid and one invalid example (else the line would be FAIL).
    for line in out.lines().filter(|l| l.starts_with("ok ")) {
        assert!(!line.contains("(0 valid") && !line.contains(" 0 invalid)"), "{line}");
    }
    // The built-in pack, embedded, is the same.
    assert_eq!(stdout(&run(&["rules", "test"])), out);
}

#[test]
fn swapped_examples_fail_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["structure.yaml", "content.yaml", "numbering.yaml", "numbers.yaml", "placeholders.yaml"] {
        let mut text = std::fs::read_to_string(root().join("rules").join(f)).unwrap();
        if f == "numbers.yaml" {
            let start = text.find("  - id: announced-count").unwrap();
            let end = start + text[start..].find("\n  - id: ").unwrap();
            let block = text[start..end]
                .replace("      valid:", "      SWAP:")
                .replace("      invalid:", "      valid:")
                .replace("      SWAP:", "      invalid:");
            text.replace_range(start..end, &block);
        }
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let o = run(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL  announced-count"), "{out}");
    assert!(out.contains("valid example 1: expected no finding, found 「五个」"), "{out}");
    assert!(out.contains("invalid example 1: expected a finding, found none"), "{out}");
    assert_eq!(out.matches("FAIL").count(), 1, "only that rule fails: {out}");
}

#[test]
fn pointed_example_must_be_found_at_its_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        "rules:\n  - id: leftover\n    kind: pattern\n    severity: warning\n    message: 网页残留\n    forbid: ['分享到:']\n    examples:\n      valid: [正文。]\n      invalid:\n        - text: \"正文。\\n分享到:\"\n          flag: \"正文\"\n",
    )
    .unwrap();
    let o = run(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("expected a finding at 「正文」, found 「分享到:」"), "{}", stdout(&o));
}

#[test]
fn rules_check_reports_every_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "rules:\n  - id: one\n    kind: pattern\n    severity: error\n    message: 一\n    forbid: [甲]\n    colour: red\n\n  - id: two\n    kind: pattern\n    severity: fatal\n    message: 二\n    forbid: [乙]\n\n  - id: one\n    kind: pattern\n    severity: warning\n    message: 三\n    forbid: [丙]\n",
    )
    .unwrap();
    let o = run(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.yaml:7:5: unknown field `colour`"), "{err}");
    assert!(err.contains("bad.yaml:11:15: unknown variant `fatal`"), "{err}");
    assert!(err.contains("bad.yaml:15:9: duplicate rule id `one`"), "{err}");
    assert!(err.contains("bad.yaml:2:9: first definition of `one`"), "both definitions: {err}");
    assert!(err.contains("3 problem(s)"), "{err}");
    // A clean pack: exit 0.
    assert_eq!(run(&["rules", "check", "rules"]).status.code(), Some(0));
}

#[test]
fn more_authoring_errors() {
    let cases = [
        ("    forbid: []\n", "`forbid` is empty"),
        ("    forbid: ['(未闭合']\n", "invalid regular expression"),
        ("    scope: section\n    forbid: [甲]\n", "needs `section`"),
        ("    name: 这个名称写得太长了超过了二十四个字的上限所以不能用\n    forbid: [甲]\n", "invalid rule name"),
        ("    name: ' '\n    forbid: [甲]\n", "invalid rule name"),
    ];
    for (tail, what) in cases {
        let dir = tempfile::tempdir().unwrap();
        let yaml = format!("rules:\n  - id: x\n    kind: pattern\n    severity: error\n    message: m\n{tail}");
        std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
        let o = run(&["rules", "check", dir.path().to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{what}");
        assert!(stderr(&o).contains(what) && stderr(&o).contains("r.yaml:6:"), "{what}: {}", stderr(&o));
    }
}

#[test]
fn every_builtin_rule_has_a_short_name() {
    let pack = common::builtin();
    for r in &pack.rules {
        let name = r.meta.name.as_deref().unwrap_or_else(|| panic!("{} has no name", r.meta.id));
        assert!(name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}: {name}", r.meta.id);
    }
}

#[test]
fn schema_is_committed_and_current() {
    let o = run(&["rules", "schema"]);
    assert_eq!(o.status.code(), Some(0));
    let committed = std::fs::read_to_string(root().join("rules/schema.json")).unwrap();
    assert_eq!(stdout(&o), committed, "run `cargo run -- rules schema > rules/schema.json`");
    let v: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert!(v["$defs"]["RuleSpec"]["properties"]["metrics"]["description"].is_string());
    // Every rule file tells editors where the schema is.
    for f in ["structure.yaml", "content.yaml", "numbering.yaml", "numbers.yaml", "placeholders.yaml"] {
        let text = std::fs::read_to_string(root().join("rules").join(f)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=schema.json\n"), "{f}");
    }
}

#[test]
fn list_and_explain() {
    let o = run(&["rules", "list"]);
    let out = stdout(&o);
    let line = out.lines().find(|l| l.starts_with("stated-rate")).unwrap();
    assert!(line.contains("ratio") && line.contains("error") && line.contains("比率"), "{line}");
    let o = run(&["rules", "explain", "publish-deadline"]);
    let out = stdout(&o);
    assert!(out.contains("第二十四条") && out.contains("2023-04-12"), "{out}");
    assert_eq!(run(&["rules", "explain", "no-such-rule"]).status.code(), Some(2));
}

fn project_with_config(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::copy(root().join("seeds/003_5990ac397e3d3cbe.txt"), dir.path().join("reports/003.txt")).unwrap();
    std::fs::write(dir.path().join("fzlint.yaml"), config).unwrap();
    dir
}

fn rules_found(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn config_file_severity_fail_on_and_rule_dirs() {
    // Without settings, 003 has web-leftover warnings and exits 0.
    let plain = project_with_config("");
    let o = run_in(plain.path(), &["check", "reports", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(rules_found(&o).iter().any(|r| r == "web-leftover"));

    // severity: off silences the rule.
    let d = project_with_config("severity:\n  web-leftover: off\n");
    let o = run_in(d.path(), &["check", "reports", "--format", "json"]);
    assert!(!rules_found(&o).iter().any(|r| r == "web-leftover"), "{:?}", rules_found(&o));

    // fail_on: warning makes a report with only warnings exit 1; the flag wins over the file.
    let d = project_with_config("fail_on: warning\n");
    assert_eq!(run_in(d.path(), &["check", "reports"]).status.code(), Some(1));
    assert_eq!(run_in(d.path(), &["check", "reports", "--fail-on", "error"]).status.code(), Some(0));

    // rule_dirs adds rules found there, with no rebuild; found from a subfolder too.
    let d = project_with_config("rule_dirs: [extra]\n");
    std::fs::create_dir(d.path().join("extra")).unwrap();
    std::fs::write(
        d.path().join("extra/local.yaml"),
        "rules:\n  - id: local-mediation\n    kind: pattern\n    severity: error\n    message: 本地规则\n    forbid: ['槐荫区']\n",
    )
    .unwrap();
    let o = run_in(&d.path().join("reports"), &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(rules_found(&o).iter().any(|r| r == "local-mediation"));

    // A mistake in the settings is an error at its line.
    let d = project_with_config("fail_on: warning\nseverty:\n  x: off\n");
    let o = run_in(d.path(), &["check", "reports"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("fzlint.yaml:2:1: unknown field `severty`"), "{}", stderr(&o));
    let d = project_with_config("severity:\n  no-such-rule: off\n");
    let o = run_in(d.path(), &["check", "reports"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `no-such-rule`"), "{}", stderr(&o));
}

#[test]
fn include_and_exclude() {
    let d = project_with_config("exclude: [\"drafts/**\"]\ninclude: [\"**/*.txt\", \"**/*.report\"]\n");
    std::fs::create_dir(d.path().join("drafts")).unwrap();
    std::fs::write(d.path().join("drafts/x.txt"), "草稿").unwrap();
    std::fs::write(d.path().join("reports/y.report"), "槐荫区2022年度法治政府建设情况报告\n正文。").unwrap();
    let o = run_in(d.path(), &["check", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 2, "{v}");
    let paths: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.iter().any(|p| p.ends_with("y.report")) && !paths.iter().any(|p| p.contains("drafts")));
}

#[test]
fn init_writes_a_working_config_and_copies_the_pack() {
    let d = tempfile::tempdir().unwrap();
    let o = run_in(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(d.path().join("fzlint.yaml")).unwrap();
    assert!(text.contains("fail_on: error"));
    assert_eq!(run_in(d.path(), &["init"]).status.code(), Some(2), "does not overwrite");
    // The starter config loads.
    assert_eq!(run_in(d.path(), &["rules", "check"]).status.code(), Some(0));

    let d = tempfile::tempdir().unwrap();
    let o = run_in(d.path(), &["init", "--copy-rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(d.path().join("rules/numbers.yaml").is_file() && d.path().join("rules/schema.json").is_file());
    // The copy replaces the built-in pack: same findings, no duplicate ids.
    std::fs::copy(root().join("seeds/002_95c6190906e8dcd1.txt"), d.path().join("002.txt")).unwrap();
    let copied = run_in(d.path(), &["check", "002.txt", "--format", "json"]);
    let builtin = run(&["check", "seeds/002_95c6190906e8dcd1.txt", "--format", "json"]);
    assert_eq!(rules_found(&copied), rules_found(&builtin), "{}", stderr(&copied));
    assert_eq!(run_in(d.path(), &["rules", "test", "rules"]).status.code(), Some(0));
}
