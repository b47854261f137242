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
        ("000", vec!["<<返回主站"]),
        ("001", vec!["当前位置: 首页>"]),
        ("003", vec!["字号:", "大 中 小", "扫码使用手机浏览"]),
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
fn skipped_heading_level_is_found() {
    let (n, t) = seed("004");
    let v = replace_once(&t, "一、优化政府机构职能\n\n全面梳理", "一、优化政府机构职能\n\n(1)全面梳理");
    let f = only(&check(&n, &v), "heading-numbering");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(flagged(&v, &f[0]), "(1)");
    assert!(f[0].finding.message.contains("跳级"), "{}", f[0].finding.message);
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
