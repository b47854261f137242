//! The CI-gate formats (SARIF, GitHub annotations, summary), baselines, and .docx / .html
//! inputs giving the same findings as the plain-text reports.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::{bin, root, seeds};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin()).args(args).current_dir(dir).output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn finding_count() -> usize {
    json(&run(&["check", "seeds", "--format", "json"]))["findings"].as_array().unwrap().len()
}

#[test]
fn sarif_validates_and_has_one_result_per_finding() {
    let o = run(&["check", "seeds", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let sarif = json(&o);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), finding_count());
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "fzlint");
    assert!(driver["version"].is_string() && driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 25);
    for r in rules {
        assert!(r["id"].is_string() && r["shortDescription"]["text"].is_string());
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    // Every result's rule is described.
    for res in results {
        assert!(rules.iter().any(|r| r["id"] == res["ruleId"]), "{res}");
        let uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("seeds/"), "relative to the working folder: {uri}");
    }
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
}

#[test]
fn sarif_columns_are_utf16_on_a_line_with_chinese_before_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    // An astral character (2 UTF-16 units) and Chinese text before the rate.
    let text = "××县2022年度法治政府建设情况报告\n𠀀𠀀全县回访满意率107%。\n";
    std::fs::write(dir.path().join("r.txt"), text).unwrap();
    let sarif = json(&run_in(dir.path(), &["check", "r.txt", "--format", "sarif"]));
    let res = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "rate-at-most-100")
        .cloned()
        .unwrap();
    let region = &res["locations"][0]["physicalLocation"]["region"];
    let line = text.lines().nth(1).unwrap();
    let before = &line[..line.find("107%").unwrap()];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"].as_u64().unwrap() as usize, before.encode_utf16().count() + 1);
    assert_eq!(region["endColumn"].as_u64().unwrap() as usize, before.encode_utf16().count() + 1 + 4);
    // JSON counts characters instead: 2 fewer (each astral character is one).
    let j = json(&run_in(dir.path(), &["check", "r.txt", "--format", "json"]));
    let f = j["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "rate-at-most-100").cloned().unwrap();
    assert_eq!(f["column"].as_u64().unwrap() as usize, before.chars().count() + 1);
}

#[test]
fn github_lines_are_well_formed_one_per_finding() {
    let o = run(&["check", "seeds", "--format", "github"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let pattern = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::[^\r\n]+$",
    )
    .unwrap();
    for line in out.lines() {
        assert!(pattern.is_match(line), "{line}");
    }
    assert_eq!(out.lines().count(), finding_count());
    // Escaping of the workflow-command format.
    assert_eq!(fzlint::render::github::escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    assert_eq!(fzlint::render::github::escape_data("50%\r\n"), "50%25%0D%0A");
}

#[test]
fn summary_has_a_row_per_report() {
    let o = run(&["check", "seeds", "--format", "summary"]);
    let out = String::from_utf8(o.stdout).unwrap();
    for (name, _) in seeds() {
        let row = out.lines().find(|l| l.contains(&name)).unwrap_or_else(|| panic!("{name}: {out}"));
        assert!(row.contains("problems-causes"), "{row}");
    }
    let row002 = out.lines().find(|l| l.contains("002_")).unwrap();
    let counts: Vec<&str> = row002.split_whitespace().take(3).collect();
    assert_eq!(counts, vec!["2", "2", "1"], "{row002}");
    assert!(row002.contains("stated-rate") && row002.contains("title"));
    assert!(out.lines().last().unwrap().contains("total: 5 files"));
}

#[test]
fn baseline_hides_old_findings_and_keeps_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("seeds")).unwrap();
    for (name, text) in seeds() {
        std::fs::write(d.join("seeds").join(&name), text).unwrap();
    }
    let o = run_in(d, &["check", "seeds", "--write-baseline", "baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run_in(d, &["check", "seeds", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["findings"].as_array().unwrap().len(), 0);

    // A line added at the top of one report, and one new defect further down.
    let p = d.join("seeds/003_5990ac397e3d3cbe.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    let text = format!("(内部审阅稿)\n{}", text.replace("回访率100%", "回访率107%"));
    std::fs::write(&p, text).unwrap();
    let o = run_in(d, &["check", "seeds", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["rate-at-most-100"], "only the new finding");
    // --max-warnings fails a run above the count.
    assert_eq!(run_in(d, &["check", "seeds/000_d55f31c2f4864f7a.txt", "--max-warnings", "2"]).status.code(), Some(1));
    assert_eq!(run_in(d, &["check", "seeds/000_d55f31c2f4864f7a.txt", "--max-warnings", "3"]).status.code(), Some(0));
    // A broken baseline is a usage error.
    std::fs::write(d.join("bad.json"), "{}").unwrap();
    assert_eq!(run_in(d, &["check", "seeds", "--baseline", "bad.json"]).status.code(), Some(2));
}

fn rule_counts(v: &serde_json::Value, suffix: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        if f["path"].as_str().unwrap().ends_with(suffix) {
            *m.entry(f["rule"].as_str().unwrap().to_string()).or_default() += 1;
        }
    }
    m
}

#[test]
fn docx_and_html_give_the_same_rules_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, text) in seeds() {
        let stem = name.trim_end_matches(".txt");
        std::fs::write(d.join(format!("{stem}.txt")), &text).unwrap();
        std::fs::write(d.join(format!("{stem}.docx")), common::docx_of(&text)).unwrap();
        std::fs::write(d.join(format!("{stem}.html")), common::html_of(&text, "utf-8")).unwrap();
    }
    let v = json(&run_in(d, &["check", ".", "--format", "json"]));
    assert_eq!(v["summary"]["files"], 15);
    assert_eq!(v["summary"]["failed"], 0, "{}", v["errors"]);
    for (name, _) in seeds() {
        let stem = name.trim_end_matches(".txt");
        let txt = rule_counts(&v, &format!("{stem}.txt"));
        assert!(!txt.is_empty());
        assert_eq!(rule_counts(&v, &format!("{stem}.docx")), txt, "{stem}.docx");
        assert_eq!(rule_counts(&v, &format!("{stem}.html")), txt, "{stem}.html: the <script> numbers are not checked");
    }
    // In .docx, a finding's line is the paragraph.
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("002_95c6190906e8dcd1.docx") && f["rule"] == "stated-rate")
        .unwrap();
    assert_eq!(f["line"], 8, "the eighth paragraph");
}

#[test]
fn gbk_web_page_and_word_heading_styles() {
    let (_, text) = common::seed("002");
    let html = common::html_of(&text, "gbk");
    let (bytes, _, _) = encoding_rs::GBK.encode(&html);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.htm"), &bytes).unwrap();
    let v = json(&run_in(dir.path(), &["check", "p.htm", "--format", "json"]));
    assert!(rule_counts(&v, "p.htm").contains_key("stated-rate"), "{v}");

    let paras = fzlint::source::docx::paragraphs(&common::docx_of(&text)).unwrap();
    let headings: Vec<(u8, String)> =
        paras.iter().filter_map(|p| p.heading.map(|l| (l, p.text.chars().take(6).collect()))).take(3).collect();
    assert_eq!(
        headings,
        vec![(1, "一、主要做法".to_string()), (2, "(一)全面提".to_string()), (2, "(二)积极完".to_string())]
    );
}

#[test]
fn broken_docx_and_zip_limits_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.docx"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(dir.path().join("b.docx"), b"plain text, not a docx").unwrap();
    let v = json(&run_in(dir.path(), &["check", ".", "--format", "json"]));
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{v}");
    for e in errors {
        assert!(e["message"].as_str().unwrap().contains("Word document"), "{e}");
    }
}

#[test]
fn zip_bomb_is_refused() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..=(fzlint::source::docx::MAX_PART_BYTES >> 20) {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 1 << 20, "small on disk: {} bytes", bytes.len());
    let err = fzlint::source::docx::extract(&bytes).unwrap_err();
    assert!(err.to_string().contains("over the limit") || err.to_string().contains("more than"), "{err}");
}

#[test]
fn word_heading_styles_numbered_by_word_are_headings() {
    // Word numbers these headings itself: the text has no 一、 or (一).
    let text = "××县2022年度法治政府建设情况报告\n主要做法和成效\n加强领导。一是建立机制。二是压实责任。\n存在的问题和原因\n执法不规范,原因是培训不足。\n2023年工作打算\n2023年,将继续努力。";
    let mut docx_text = String::new();
    for (i, line) in text.lines().enumerate() {
        // Lines 1, 3 and 5 get a heading style through a leading marker the helper understands,
        // which is then removed from the XML below.
        if [1, 3, 5].contains(&i) {
            docx_text.push_str(&format!("一、{line}\n"));
        } else {
            docx_text.push_str(&format!("{line}\n"));
        }
    }
    let docx = common::docx_of(&docx_text);
    // Strip the visible numbering, keeping the Heading1 style: as if Word numbered them.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        use std::io::{Read, Write};
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut data = String::new();
            f.read_to_string(&mut data).unwrap();
            let data = data.replace(">一、", ">");
            let name = f.name().unwrap().to_string();
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(data.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    let bytes = out.into_inner();
    let (plain, headings) = fzlint::source::docx::extract_with_headings(&bytes).unwrap();
    assert!(!plain.contains("一、"));
    assert_eq!(headings, vec![(1, 1), (3, 1), (5, 1)]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.docx"), &bytes).unwrap();
    let v = json(&run_in(dir.path(), &["check", "r.docx", "--format", "json"]));
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    // The parts are found as headings (no "only in prose", no "missing"); numbering is Word's.
    for r in ["section-results", "section-problems", "section-plans", "problems-causes", "heading-numbering", "title"] {
        assert!(!rules.contains(&r), "{r} in {rules:?}");
    }
    // The same text as plain .txt has no headings: there the parts are only prose or missing.
    std::fs::write(dir.path().join("r.txt"), &plain).unwrap();
    let v = json(&run_in(dir.path(), &["check", "r.txt", "--format", "json"]));
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"section-problems") || rules.contains(&"section-plans"), "{rules:?}");
}
