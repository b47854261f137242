//! The structure and content rules of the built-in pack on the five seeds and on variants of
//! them with one defect each (issue: core, "Must show").

mod common;

use common::{check, flagged, replace_once, rule_ids, seed, seeds};

#[test]
fn seeds_findings_match_what_a_reviewer_finds() {
    let by_seed: Vec<(String, String, Vec<String>)> = seeds()
        .into_iter()
        .map(|(n, t)| {
            let ids = rule_ids(&check(&n, &t)).into_iter().map(String::from).collect();
            (n, t, ids)
        })
        .collect();
    let has = |prefix: &str, rule: &str| {
        by_seed.iter().find(|(n, _, _)| n.starts_with(prefix)).unwrap().2.iter().any(|r| r == rule)
    };
    // 002 has no title.
    assert!(has("002", "title"));
    for p in ["000", "001", "003", "004"] {
        assert!(!has(p, "title"), "{p} has a title");
    }
    // 001 states problems and plans only in prose: the weaker finding, a warning.
    let (n, t) = seed("001");
    let found = check(&n, &t);
    for rule in ["section-problems", "section-plans"] {
        let f = found.iter().find(|l| l.finding.rule == rule).unwrap_or_else(|| panic!("{rule}"));
        assert_eq!(f.finding.severity, fzlint::finding::Severity::Warning, "{rule}");
        assert!(f.finding.message.contains("只在正文中提及"), "{}", f.finding.message);
    }
    assert!(flagged(&t, found.iter().find(|l| l.finding.rule == "section-plans").unwrap()).contains("下一步"));
    for p in ["000", "002", "003", "004"] {
        assert!(!has(p, "section-problems") && !has(p, "section-plans"), "{p}");
    }
    // Web-page leftovers in 000, 001, 003, 004, not in 002.
    for p in ["000", "001", "003", "004"] {
        assert!(has(p, "web-leftover"), "{p}");
    }
    assert!(!has("002", "web-leftover"));
    // 002 reports the 第一责任人 duty only in its plans; the others in the account of the year.
    assert!(has("002", "first-responsible-duty"));
    for p in ["000", "001", "003", "004"] {
        assert!(!has(p, "first-responsible-duty"), "{p}");
    }
    // No seed names the causes of its shortcomings.
    for p in ["000", "001", "002", "003", "004"] {
        assert!(has(p, "problems-causes"), "{p}");
    }
    // Their numbering is consistent: no heading and no enumeration finding.
    for (n, _, ids) in &by_seed {
        assert!(!ids.iter().any(|r| r == "heading-numbering" || r == "enumeration"), "{n}: {ids:?}");
        assert!(!ids.iter().any(|r| r == "publish-deadline"), "{n}: all five were published in time");
    }
}

#[test]
fn leftovers_point_at_the_leftover_words() {
    let expected = [
        ("000", vec!["<<返回主站", "序号:1000005294发布机构:"]),
        ("001", vec!["当前位置: 首页>", "信息来源:"]),
        // `字号:` over `大 中 小`: one block of the page, one finding.
        ("003", vec!["字号:\n大 中 小", "扫码使用手机浏览"]),
        ("004", vec!["【年度报告】", "分享到:"]),
    ];
    for (p, words) in expected {
        let (n, t) = seed(p);
        let got: Vec<&str> = check(&n, &t)
            .iter()
            .filter(|l| l.finding.rule == "web-leftover")
            .map(|l| flagged(&t, l))
            .collect::<Vec<_>>();
        assert_eq!(got, words, "{n}");
    }
}

fn only(found: &[fzlint::engine::Located], rule: &str) -> Vec<fzlint::engine::Located> {
    found.iter().filter(|l| l.finding.rule == rule).cloned().collect()
}

#[test]
fn renumbered_heading_is_found_at_the_heading() {
    let (n, t) = seed("003");
    let v = replace_once(&t, "(五)切实加强", "(六)切实加强");
    let f = only(&check(&n, &v), "heading-numbering");
    // (七) follows, so this is one slip: one finding, not one per later sibling.
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(flagged(&v, &f[0]), "(六)");
    assert!(f[0].finding.message.contains("应为 (五)"), "{}", f[0].finding.message);
    assert_eq!(f[0].start.line, v[..f[0].finding.span.start].matches('\n').count() + 1);
}

#[test]
fn renumbered_top_level_section_is_found() {
    let (n, t) = seed("004");
    let v = replace_once(&t, "七、规范对行政权力", "九、规范对行政权力");
    let f = only(&check(&n, &v), "heading-numbering");
    assert!(!f.is_empty());
    assert_eq!(flagged(&v, &f[0]), "九、");
    assert!(f[0].finding.message.contains("应为 七、"), "{}", f[0].finding.message);
    // A lone slip: 八、 after it carries on, so only one finding.
    let lone = replace_once(&t, "七、规范对行政权力", "五、规范对行政权力");
    let f = only(&check(&n, &lone), "heading-numbering");
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn skipped_heading_level_is_a_style_info_not_a_numbering_error() {
    let (n, t) = seed("004");
    let v = replace_once(&t, "一、优化政府机构职能\n\n全面梳理", "一、优化政府机构职能\n\n(1)全面梳理");
    let found = check(&n, &v);
    assert!(only(&found, "heading-numbering").is_empty());
    let f = only(&found, "heading-level");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(flagged(&v, &f[0]), "(1)");
    assert_eq!(f[0].finding.severity, fzlint::finding::Severity::Info);
    assert!(f[0].finding.message.contains("(1) 之上没有 (一) 一级"), "{}", f[0].finding.message);
    // Once per run of siblings, not once per heading.
    let v = replace_once(&t, "一、优化政府机构职能\n\n全面梳理", "一、优化政府机构职能\n\n1.甲\n2.乙\n3.丙\n全面梳理");
    assert_eq!(only(&check(&n, &v), "heading-level").len(), 1);
}

/// Heading findings of `text` under a title.
fn heading_findings(text: &str) -> Vec<(String, String)> {
    let text = format!("××县2022年度法治政府建设情况报告\n{text}");
    check("t.txt", &text)
        .into_iter()
        .filter(|l| l.finding.rule == "heading-numbering")
        .map(|l| (flagged(&text, &l).to_string(), l.finding.message.clone()))
        .collect()
}

#[test]
fn numbered_lines_that_are_not_headings() {
    // Rows of a table: pipe rows, and rows that carry on their numbering after a copy lost the `|`.
    let table = "一、总体情况\n二、主动公开情况\n三、收到和处理申请情况\n一、本年新收申请数量 | 0 | 0 |\n二、上年结转申请数量 | 0 |\n三、本年度办理结果 | (一)予以公开 | 0 |\n(二)部分公开\n四、行政复议情况";
    assert!(heading_findings(table).is_empty(), "{:?}", heading_findings(table));
    // The rows are numbered among themselves: a gap there is found, at the row.
    let gap = table.replace("(二)部分公开", "(三)部分公开");
    let f = heading_findings(&gap);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "(三)");
    // The same row labels one cell per line: a list started again at 1 inside a section.
    let cells = "一、总体情况\n二、主动公开情况\n三、收到和处理申请情况\n自然人\n一、本年新收申请数量\n二、上年结转申请数量\n三、本年度办理结果\n(一)予以公开\n四、结转下年度继续办理\n四、行政复议情况\n五、存在的问题";
    assert!(heading_findings(cells).is_empty(), "{:?}", heading_findings(cells));
    // Notes after 说明: / 填表说明: and a list opened inside a line.
    for notes in [
        "一、总体情况\n(一)甲\n说明:\n1.统计范围为全年。\n2.数据截至年底。\n(二)乙",
        "一、总体情况\n(一)甲\n填表说明: 1.统计范围为全年。\n2.数据截至年底。\n(二)乙",
        "一、总体情况\n其中:1.当面申请数\n2.传真申请数\n3.网上申请数\n二、办理情况",
        "一、总体情况\n主要有以下几类:\n(1)咨询类;\n(2)投诉类;\n(3)建议类。\n二、办理情况",
    ] {
        assert!(heading_findings(notes).is_empty(), "{notes}: {:?}", heading_findings(notes));
    }
    // A page copied out of a longer document starts where it starts.
    let page = "Page 8 - ××县2022年政府信息公开工作年度报告\nP. 8\n四、行政复议情况\n五、存在的问题";
    assert!(heading_findings(page).is_empty(), "{:?}", heading_findings(page));
    // Item 1 about a year is a heading: `2.` after it is no gap.
    let year = "一、总体情况\n1.2022年发布信息25条。\n2.全年办理来电12件。";
    assert!(heading_findings(year).is_empty(), "{:?}", heading_findings(year));
}

#[test]
fn numbering_that_runs_on_across_parents_is_accepted() {
    assert!(heading_findings("一、甲\n1、乙\n二、丙\n2、丁\n3、戊").is_empty());
    assert!(heading_findings("一、甲\n(一)乙\n1.丙\n2.丁\n(二)戊\n3.己").is_empty());
    // But a gap inside the run-on numbering is still one.
    let f = heading_findings("一、甲\n1、乙\n二、丙\n2、丁\n4、戊");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].1.contains("4、 应为 3、"), "{f:?}");
}

#[test]
fn gaps_and_repeats_within_a_level_stay_errors() {
    let f = heading_findings("一、甲\n(一)乙\n(二)丙\n(四)丁\n二、戊");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "(四)");
    // `一、` written twice where `(一)` was meant (a repeat at 1 is no restarted list).
    let f = heading_findings("一、2022年主要措施\n一、强化领导责任\n二、存在的问题");
    assert!(f.iter().any(|(at, m)| at == "一、" && m.contains("编号重复")), "{f:?}");
    // ①②③ are a level of their own; 第一部分 sits above 一、.
    let f = heading_findings("一、甲\n①乙\n②丙\n④丁");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].1.contains("应为 ③"), "{f:?}");
    let f = heading_findings("第一部分 总体情况\n一、甲\n二、乙\n第三部分 下步打算\n一、丙");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].1.contains("应为 第二部分"), "{f:?}");
}

#[test]
fn malformed_markers_are_found() {
    let f = heading_findings("—、总体情况\n(一)主动公开\n(二)依申请公开");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "—、");
    assert!(f[0].1.contains("应为 一、"), "{f:?}");
    let f = heading_findings("一、主要举措和成效\n一)纵深推进学习\n(二)强化文件监督");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "一)");
    assert!(f[0].1.contains("应为 (一)"), "{f:?}");
}

#[test]
fn enumeration_gap_is_found_at_the_marker() {
    let (n, t) = seed("002");
    let v = replace_once(&t, "二是实现企业注销登记", "四是实现企业注销登记");
    let f = only(&check(&n, &v), "enumeration");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(flagged(&v, &f[0]), "四是");
    assert!(f[0].finding.message.contains("应为 二是"));
    assert_eq!(f[0].finding.related.len(), 1, "points back at 一是");
    // A repeat as well.
    let v = replace_once(&t, "三是深化行政审批制度改革", "二是深化行政审批制度改革");
    let f = only(&check(&n, &v), "enumeration");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].finding.message.contains("重复"));
}

#[test]
fn deleted_section_is_missing() {
    let (n, t) = seed("002");
    let start = t.find("二、存在问题").unwrap();
    let end = t.find("三、下步工作打算").unwrap();
    let v = format!("{}{}", &t[..start], &t[end..]).replace("三、下步工作打算", "二、下步工作打算");
    let found = check(&n, &v);
    let f = only(&found, "section-problems");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].finding.severity, fzlint::finding::Severity::Error);
    assert!(!f[0].finding.message.contains("只在正文"));
    assert!(only(&found, "heading-numbering").is_empty(), "renumbered consistently");
}

#[test]
fn deleted_title_is_found() {
    let (n, t) = seed("003");
    let v = replace_once(&t, "槐荫区2022年度法治政府建设情况报告\n", "");
    let f = only(&check(&n, &v), "title");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].start.line, 1);
}

#[test]
fn late_publication_is_found_at_the_date() {
    let (n, t) = seed("000");
    let v = replace_once(&t, "网站发布:2023-03-07", "网站发布:2023-04-12");
    let f = only(&check(&n, &v), "publish-deadline");
    assert_eq!(f.len(), 1);
    assert_eq!(flagged(&v, &f[0]), "2023-04-12");
    assert!(f[0].finding.message.contains("2023-04-01"), "{}", f[0].finding.message);
    // The signature date counts when the page gives no publication date.
    let (n, t) = seed("004");
    let v = replace_once(&t, "来源:平房区司法局时间:2024-02-28", "来源:平房区司法局");
    let v = replace_once(&v, "2024年2月27日", "2024年4月2日");
    let f = only(&check(&n, &v), "publish-deadline");
    assert_eq!(f.len(), 1);
    assert_eq!(flagged(&v, &f[0]), "2024年4月2日");
}

#[test]
fn added_leftover_line_is_found() {
    let (n, t) = seed("002");
    let v = format!("{t}\n【打印本页】  【关闭窗口】\n");
    let f = only(&check(&n, &v), "web-leftover");
    assert_eq!(f.len(), 1);
    assert_eq!(flagged(&v, &f[0]), "【打印本页】  【关闭窗口】");
}

#[test]
fn plans_before_problems_is_found() {
    let (n, t) = seed("003");
    let v = t
        .replace("二、法治政府建设存在的主要问题", "二、2023年法治政府建设工作打算X")
        .replace("三、2023年法治政府建设工作打算", "三、法治政府建设存在的主要问题");
    let f = only(&check(&n, &v), "section-plans");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(flagged(&v, &f[0]).contains("工作打算"));
}

#[test]
fn target_years_and_points_of_reference_are_not_the_years_reported() {
    let rules_of = |text: &str| -> Vec<String> {
        check("t.txt", text)
            .into_iter()
            .filter(|l| l.finding.kind == "year")
            .map(|l| format!("{} {}", l.finding.rule, flagged(text, &l)))
            .collect()
    };
    let head = "××县2022年度法治政府建设情况报告\n发布时间:2023-03-01\n一、主要做法\n二、存在问题\n三、下步打算\n";
    for body in ["力争到2025年基本建成法治政府。", "2023年,全面梳理总结2012年以来的经验,确保2024年底前完成。"]
    {
        let text = format!("{head}{body}");
        assert!(rules_of(&text).is_empty(), "{body}: {:?}", rules_of(&text));
    }
    // Still found: the plans written for the report year, a year after publication.
    let text = format!("{head}2022年,将继续努力。");
    assert_eq!(rules_of(&text), ["plans-year 2022年"]);
    let text = "××县2022年度法治政府建设情况报告\n发布时间:2023-03-01\n2024年,全县完成各项工作。";
    assert_eq!(rules_of(text), ["year-after-publication 2024年"]);
    // `下一步` in the opening paragraph makes the plans start there, not at the paragraph start.
    let text = "××县2022年度法治政府建设情况报告\n现将2022年度工作情况、存在的问题及下一步打算报告如下:\n一、主要做法";
    assert!(rules_of(text).is_empty(), "{:?}", rules_of(text));
}

#[test]
fn the_deadline_is_set_per_folder_in_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let report = "××局2022年度法治政府建设情况报告\n发布时间:2023-03-15\n正文。";
    for folder in ["部门", "县区"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("r.txt"), report).unwrap();
    }
    std::fs::write(dir.path().join("fzlint.yaml"), "deadlines:\n  \"部门/**\": \"03-01\"\n").unwrap();
    let o = common::fzlint().args(["check", ".", "--format", "json"]).current_dir(dir.path()).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let late: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "publish-deadline")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // Departments report by 1 March; the counties by 1 April.
    assert_eq!(late.len(), 1, "{v}");
    assert!(late[0].contains("部门"), "{late:?}");
    // A deadline that is no date is a configuration error.
    std::fs::write(dir.path().join("fzlint.yaml"), "deadlines:\n  \"部门/**\": \"3月1日\"\n").unwrap();
    let o = common::fzlint().args(["check", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("MM-DD"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn no_two_findings_on_the_same_words_of_a_seed() {
    for (n, t) in seeds() {
        let found = check(&n, &t);
        for (i, a) in found.iter().enumerate() {
            for b in &found[i + 1..] {
                assert!(
                    a.finding.span != b.finding.span,
                    "{n}: {} and {} both on {:?}",
                    a.finding.rule,
                    b.finding.rule,
                    flagged(&t, a)
                );
            }
        }
    }
}
