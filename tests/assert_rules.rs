//! `assert` rules: rhai expressions over Chinese metric names, compiled at load, sandboxed,
//! with errors pointing into the YAML.

mod common;

use fzlint::engine;
use fzlint::rules::{self, PackOptions, PackSource, RuleError};

fn load(yaml: &str) -> Result<rules::RulePack, Vec<RuleError>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), yaml).unwrap();
    rules::load_pack(&[PackSource::Dir(dir.path())], &PackOptions::default())
}

const RULE: &str = r#"rules:
  - id: closed-share
    kind: assert
    severity: error
    message: 办结数与受理数不合
    metrics:
      受理: '受理(?:行政复议)?(?:案件)?{n}件'
      办结: '办结{n}件'
    check: 办结 <= 受理 && 办结 * 2 >= 受理
"#;

#[test]
fn chinese_names_evaluate_per_sentence() {
    let pack = load(RULE).unwrap();
    let ok = engine::check_text("t", "年内共受理行政复议案件224件,办结168件。", &pack);
    assert!(ok.is_empty(), "{ok:?}");
    let bad = engine::check_text("t", "年内共受理行政复议案件224件,办结100件。", &pack);
    assert_eq!(bad.len(), 1);
    let f = &bad[0].finding;
    assert_eq!(f.kind, "assert");
    assert!(f.message.contains("受理=224件") && f.message.contains("办结=100件"), "{}", f.message);
    let too_many = engine::check_text("t", "年内共受理行政复议案件224件,办结268件。", &pack);
    assert_eq!(too_many.len(), 1);
    // A bound is not a value: no finding rests on it.
    let bound = engine::check_text("t", "年内共受理行政复议案件224件,办结100余件。", &pack);
    assert!(bound.is_empty());
}

fn error_text(errors: &[RuleError]) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn unknown_metric_points_at_the_check() {
    let yaml = RULE.replace("办结 * 2 >= 受理", "办结 * 2 >= 收到");
    let errors = load(&yaml).unwrap_err();
    let text = error_text(&errors);
    assert!(text.contains("a.yaml:9:") && text.contains("unknown metric `收到`"), "{text}");
}

#[test]
fn expression_errors_point_at_the_check() {
    for (bad, what) in [("办结 <= ", "invalid expression"), ("办结 + 受理", "true/false"), ("{ let x = 1; x }", "")]
    {
        let yaml = RULE.replace("办结 <= 受理 && 办结 * 2 >= 受理", bad);
        let errors = load(&yaml).expect_err(bad);
        let text = error_text(&errors);
        assert!(text.contains("a.yaml:9:") && text.contains(what), "{bad}: {text}");
    }
}

#[test]
fn metric_without_placeholder_is_an_error() {
    let yaml = RULE.replace("办结: '办结{n}件'", "办结: '办结\\d+件'");
    let text = error_text(&load(&yaml).unwrap_err());
    assert!(text.contains("a.yaml:8:") && text.contains("exactly once"), "{text}");
}

#[test]
fn cli_exit_code_2_with_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), RULE.replace("办结 * 2 >= 受理", "x > 1")).unwrap();
    let o = common::fzlint()
        .args(["check", "seeds", "--rules", dir.path().to_str().unwrap()])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("a.yaml:9:") && err.contains("unknown metric `x`"), "{err}");
}

/// A rule whose `check` is `check` and whose metrics are named after every word in it (so the
/// metric-name check alone would let it through), plus `受理`.
fn hostile(check: &str) -> String {
    let mut names: Vec<String> = vec!["受理".to_string()];
    let mut word = String::new();
    for c in check.chars().chain([' ']) {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if !word.is_empty() {
            if !word.starts_with(|c: char| c.is_ascii_digit()) && !names.contains(&word) && word != "true" {
                names.push(word.clone());
            }
            word.clear();
        }
    }
    let metrics: String = names.iter().map(|n| format!("      {n}: '{n}{{n}}件'\n")).collect();
    format!(
        "rules:\n  - id: bomb\n    kind: assert\n    severity: error\n    message: 炸弹\n    metrics:\n{metrics}    check: '{}'\n",
        check.replace('\'', "''")
    )
}

#[test]
fn script_bombs_are_refused_at_load_quickly() {
    let bombs = [
        r#"eval("let s = \"a\"; loop { s += s; }")"#,
        r#"受理 <= 1 || eval("let s = \"a\"; loop { s += s; }")"#,
        r#"受理 <= 1 || eval(s)"#,
        r#"受理 <= 1 || ("a" + "a") == "b""#,
        r#"受理 <= 1 || [受理, 受理, 受理] == [受理]"#,
        r#"受理 <= 1 || 受理.len() > 1"#,
        r#"受理 <= 1 || Fn("f").call(1)"#,
        r#"受理 <= 1 || (|x| x + 1)(受理) > 0"#,
        r#"受理 <= 1 || { while true {} ; true }"#,
        r#"受理 <= 1 || if 受理 > 1 { true } else { false }"#,
        r#"受理 <= 1 || abs(受理) > 0"#,
        r#"受理 <= 1 || #{a: 1}.a == 1"#,
        r#"受理 <= 1; loop {}"#,
        "受理 <= 1 || 受理 == `a`",
        "受理 <= 1 || 受理 = 2",
    ];
    for bomb in bombs {
        let started = std::time::Instant::now();
        let errors = load(&hostile(bomb)).expect_err(bomb);
        let text = error_text(&errors);
        assert!(started.elapsed().as_millis() < 1000, "{bomb}: {:?}", started.elapsed());
        assert!(text.contains("a.yaml:") && text.contains("not allowed in `check`"), "{bomb}: {text}");
    }
}

#[test]
fn over_deep_or_over_long_expressions_are_refused_at_load() {
    let deep = format!("{}受理{} > 1", "(".repeat(200), ")".repeat(200));
    let text = error_text(&load(&hostile(&deep)).unwrap_err());
    assert!(text.contains("a.yaml:") && text.contains("invalid expression"), "{text}");
    let long = format!("{} > 1", vec!["受理"; 300].join(" + "));
    let text = error_text(&load(&hostile(&long)).unwrap_err());
    assert!(text.contains("longer than 500 characters"), "{text}");
}

#[test]
fn ordinary_arithmetic_still_loads() {
    for check in ["办结 * 100 >= 受理 * 90.5", "'!(办结 > 受理)'", "受理 % 2 == 0 || 办结 - 受理 != 1 && true"]
    {
        let yaml = RULE.replace("办结 <= 受理 && 办结 * 2 >= 受理", check);
        load(&yaml).unwrap_or_else(|e| panic!("{check}: {}", error_text(&e)));
    }
}

#[test]
fn rules_check_refuses_the_eval_bomb_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), hostile(r#"受理 <= 1 || eval("let s = \"a\"; loop { s += s; }")"#))
        .unwrap();
    let started = std::time::Instant::now();
    let o = common::fzlint().args(["rules", "check", dir.path().to_str().unwrap()]).output().unwrap();
    assert!(started.elapsed().as_millis() < 1000, "{:?}", started.elapsed());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("a.yaml:") && err.contains("not allowed in `check`"), "{err}");
}
