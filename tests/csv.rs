//! `--format csv`: what a reviewer opens in Excel or WPS — UTF-8 with a BOM, one row per
//! finding, one per unreadable file, fields quoted by RFC 4180, no formula from a report.

mod common;

use std::path::Path;
use std::process::Output;

use common::root;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    common::fzlint().args(args).current_dir(dir).output().unwrap()
}

fn rows(csv_text: &str) -> Vec<Vec<String>> {
    let body = csv_text.strip_prefix('\u{FEFF}').expect("a BOM first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn seeds_give_one_row_per_finding_with_titles_and_rule_names() {
    let o = run_in(&root(), &["check", "seeds", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let rows = rows(&text);
    let json: serde_json::Value =
        serde_json::from_slice(&run_in(&root(), &["check", "seeds", "--format", "json"]).stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(rows[0][0], "报告标题");
    assert_eq!(rows.len(), 1 + findings.len());
    for (row, f) in rows[1..].iter().zip(findings) {
        assert_eq!(row.len(), 11);
        assert_eq!(row[1], f["path"].as_str().unwrap());
        assert_eq!(row[2], f["line"].to_string());
        assert_eq!(row[3], f["column"].to_string());
        assert_eq!(row[5], f["rule"].as_str().unwrap());
        assert_eq!(row[8], f["message"].as_str().unwrap());
        assert!(!row[6].is_empty() && row[6] != row[5], "every built-in rule has a name: {row:?}");
    }
    // The title as the report names it, not the file name.
    let r = rows.iter().find(|r| r[1].contains("000_")).unwrap();
    assert!(r[0].contains("法治政府建设") && !r[0].contains(".txt"), "{r:?}");
    let rate = rows.iter().find(|r| r[5] == "stated-rate").unwrap();
    assert_eq!(rate[6], "比率与所依据数字相符");
    assert_eq!(rate[7], "错误");
    assert!(!rate[9].is_empty(), "flagged words: {rate:?}");
}

#[cfg(unix)]
#[test]
fn awkward_names_are_quoted_formulas_defused_and_unreadable_files_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = "××县2022年度法治政府建设情况报告\n全县回访满意率107%。\n";
    let awkward = "a,\"b\"\nc.txt";
    std::fs::write(d.join(awkward), report).unwrap();
    std::fs::write(d.join("=1+1.txt"), report).unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    let o = run_in(d, &["check", ".", "--format", "csv"]);
    let text = String::from_utf8(o.stdout).unwrap();
    // RFC 4180: the field is quoted and its quotes doubled.
    assert!(text.contains("\"./a,\"\"b\"\"\nc.txt\""), "{text}");
    let rows = rows(&text);
    assert!(rows.iter().any(|r| r[1] == "./a,\"b\"\nc.txt" && r[5] == "rate-at-most-100"), "{rows:?}");
    assert!(rows.iter().any(|r| r[1] == "./=1+1.txt"), "a leading dot is no formula: {rows:?}");
    let unreadable: Vec<_> = rows.iter().filter(|r| r[7] == "无法读取").collect();
    assert_eq!(unreadable.len(), 1, "{rows:?}");
    assert!(unreadable[0][1].ends_with("empty.txt") && unreadable[0][8].starts_with("无法读取"));
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_field_that_would_be_a_formula_starts_with_a_quote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("=HYPERLINK(1).txt"), "××县2022年度法治政府建设情况报告\n全县回访满意率107%。\n")
        .unwrap();
    let o = run_in(dir.path(), &["check", "=HYPERLINK(1).txt", "--format", "csv"]);
    let rows = rows(&String::from_utf8(o.stdout).unwrap());
    assert!(rows[1..].iter().all(|r| r[1] == "'=HYPERLINK(1).txt"), "{rows:?}");
}
