//! `assert` rules: rhai expressions over Chinese metric names, compiled at load, sandboxed,
//! with errors pointing into the YAML.

mod common;

use std::process::Command;

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
    let o = Command::new(common::bin())
        .args(["check", "seeds", "--rules", dir.path().to_str().unwrap()])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("a.yaml:9:") && err.contains("unknown metric `x`"), "{err}");
}
