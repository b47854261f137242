//! Which rules apply to which document (issue 11, item 4): the structure and content packs
//! declare the report kind they are for; a text of no such kind gets one info finding instead
//! of missing-section errors, and is still checked for leftovers, numbering and numbers. A
//! report cut off in mid-sentence is not charged with the parts after the cut.

mod common;

use common::{bin, check, rule_ids, seed, seeds};
use fzlint::finding::Severity;

const UNRECOGNISED: &str = "unrecognised-document";

#[test]
fn a_text_that_is_no_such_report_gets_one_info_instead_of_missing_parts() {
    let found = check("t.txt", "今天天气很好,我们去公园散步。");
    assert_eq!(rule_ids(&found), [UNRECOGNISED], "{found:?}");
    let f = &found[0].finding;
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message.contains("未识别为法治政府建设年度报告"), "{}", f.message);
    let help = f.help.as_deref().unwrap();
    for id in ["title", "section-problems", "section-plans", "publish-date-missing"] {
        assert!(help.contains(id), "{help}");
    }
}

#[test]
fn leftovers_numbering_and_numbers_are_checked_in_every_text() {
    let text = "当前位置: 首页>通知公告\n一、总体情况\n共受理申请10件,办结12件。\n三、其他情况\n分享到:";
    let found = check("t.txt", text);
    let ids = rule_ids(&found);
    for id in [UNRECOGNISED, "web-leftover", "closed-le-accepted", "heading-numbering"] {
        assert!(ids.contains(&id), "{id}: {ids:?}");
    }
    assert!(!ids.iter().any(|r| r.starts_with("section-") || *r == "title"), "{ids:?}");
}

#[test]
fn a_text_titled_as_another_report_is_not_checked_as_this_one() {
    // Its opening names 依法行政, but its title names another report.
    let text = "蒲纺工业园区2020年政府信息公开工作年度报告\n一、总体情况\n不断推进依法行政工作,增强政府工作透明度。\n二、主动公开政府信息情况";
    let ids: Vec<String> = rule_ids(&check("t.txt", text)).into_iter().map(String::from).collect();
    assert_eq!(ids, [UNRECOGNISED]);
}

#[test]
fn reports_are_recognised_by_title_by_a_title_on_two_lines_or_by_the_opening() {
    for text in [
        "沁水县2021年度法治政府建设情况的报告\n\n2021年,全县法治政府建设稳步推进。",
        "丽水市生态环境局2022年法治政府建设\n工作情况的报告\n2022年,我局扎实开展法治建设各项工作。",
        "2024年,凯里市持续推进法治政府建设工作再上新台阶。现将有关情况报告如下。",
        "某县2019年度依法行政工作报告\n2019年,我县依法行政工作稳步推进。",
    ] {
        let found = check("t.txt", text);
        assert!(!rule_ids(&found).contains(&UNRECOGNISED), "{text}");
        // Checked as a report: the problems part is missing.
        assert!(rule_ids(&found).contains(&"section-problems"), "{text}");
    }
    for (n, t) in seeds() {
        assert!(!rule_ids(&check(&n, &t)).contains(&UNRECOGNISED), "{n}");
    }
}

#[test]
fn a_report_cut_off_mid_sentence_is_not_charged_with_the_parts_after_the_cut() {
    let (n, t) = seed("002");
    let cut = &t[..t.find("二、存在问题").unwrap()];
    // Cut inside a sentence: the parts after it may exist.
    let mid = &cut[..cut.rfind('。').unwrap()];
    let found = check(&n, mid);
    for rule in ["section-problems", "section-plans"] {
        let f = found.iter().find(|l| l.finding.rule == rule).unwrap_or_else(|| panic!("{rule}"));
        assert_eq!(f.finding.severity, Severity::Info, "{rule}");
        assert!(f.finding.message.contains("中断"), "{}", f.finding.message);
        assert_eq!(f.finding.related.len(), 1, "the cut is shown");
        assert_eq!(f.finding.related[0].span.end, mid.len(), "the cut is at the end");
    }
    // Cut after a comma, or inside a quote: the same.
    for end in ["落实行政执法责任制,加强行政执法监督,", "探索政务服务跨省通办模式,打造“皖舟通办”"]
    {
        let f = check(&n, &format!("{cut}{end}"));
        let plans = f.iter().find(|l| l.finding.rule == "section-plans").unwrap();
        assert_eq!(plans.finding.severity, Severity::Info, "{end}");
    }
    // Cut on a heading with nothing under it: the same.
    let on_heading = format!("{cut}二、存在问题\n");
    let f = check(&n, &on_heading);
    let plans = f.iter().find(|l| l.finding.rule == "section-plans").unwrap();
    assert_eq!(plans.finding.severity, Severity::Info);
    // Ending on a full sentence, the text is taken as whole: the parts are missing.
    let whole = check(&n, cut);
    for rule in ["section-problems", "section-plans"] {
        let f = whole.iter().find(|l| l.finding.rule == rule).unwrap_or_else(|| panic!("{rule}"));
        assert_eq!(f.finding.severity, Severity::Error, "{rule}");
    }
}

#[test]
fn a_folder_mixing_report_kinds_gets_each_checked_by_its_own_pack() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("gongkai.yaml"),
        r#"applies_to:
  name: 政府信息公开工作年度报告
  opening: ['政府信息公开工作年度报告']
rules:
  - id: gongkai-overview
    kind: pattern
    severity: warning
    message: 缺少“总体情况”部分
    require: ['总体情况']
"#,
    )
    .unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("a.txt"), "某县2020年政府信息公开工作年度报告\n一、主动公开政府信息情况\n正文。\n")
        .unwrap();
    std::fs::write(reports.join("b.txt"), "某县2020年度法治政府建设情况报告\n正文。\n").unwrap();
    std::fs::write(reports.join("c.txt"), "通知\n正文。\n").unwrap();
    let o = std::process::Command::new(bin())
        .args(["check", "--format", "json", "--rules"])
        .arg(&rules)
        .arg(&reports)
        .output()
        .unwrap();
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids = |file: &str| -> Vec<String> {
        out["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(file))
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let a = ids("a.txt");
    assert!(a.contains(&"gongkai-overview".to_string()), "{a:?}");
    assert!(!a.iter().any(|r| r == UNRECOGNISED || r.starts_with("section-")), "{a:?}");
    let b = ids("b.txt");
    assert!(b.contains(&"section-problems".to_string()) && !b.contains(&"gongkai-overview".to_string()), "{b:?}");
    assert!(!b.contains(&UNRECOGNISED.to_string()), "{b:?}");
    let c = ids("c.txt");
    assert_eq!(c, [UNRECOGNISED]);
    let c_help =
        out["findings"].as_array().unwrap().iter().find(|f| f["path"].as_str().unwrap().ends_with("c.txt")).unwrap()
            ["message"]
            .as_str()
            .unwrap()
            .to_string();
    assert!(c_help.contains("法治政府建设年度报告或政府信息公开工作年度报告"), "{c_help}");
}

#[test]
fn applies_to_errors_point_at_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "applies_to:\n  name: 某类报告\n  opening: ['(未闭合']\nrules:\n  - id: x\n    kind: pattern\n    severity: info\n    message: 甲\n    require: ['乙']\n",
    )
    .unwrap();
    let o = std::process::Command::new(bin()).args(["rules", "check"]).arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.yaml:3:"), "{err}");
    std::fs::write(
        dir.path().join("bad.yaml"),
        "rules:\n  - id: unrecognised-document\n    kind: pattern\n    severity: info\n    message: 甲\n    require: ['乙']\n",
    )
    .unwrap();
    let o = std::process::Command::new(bin()).args(["rules", "check"]).arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("reserved"));
}

#[test]
fn the_unrecognised_finding_is_explained() {
    let o = std::process::Command::new(bin()).args(["rules", "explain", UNRECOGNISED]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("法治政府建设年度报告") && text.contains("rules/structure.yaml"), "{text}");
}
