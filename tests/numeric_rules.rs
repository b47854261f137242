//! Numeric rules on the seeds: the one real inconsistency is found, every consistent relation
//! and trap of DOMAIN.md stays silent, and a variant with one number changed is found with the
//! primary label on the changed number — which also proves the relation was checked at all.

mod common;

use common::{check, flagged, replace_once, seed, seeds};
use fzlint::engine::Located;
use fzlint::finding::Severity;

const NUMERIC: &[&str] = &["compare", "sum", "ratio", "bound", "count", "year", "assert"];

fn numeric(found: &[Located]) -> Vec<&Located> {
    found.iter().filter(|l| NUMERIC.contains(&l.finding.kind)).collect()
}

#[test]
fn kaili_mediation_rate_is_found_on_the_stated_rate() {
    let (n, t) = seed("002");
    let found = check(&n, &t);
    let f: Vec<_> = found.iter().filter(|l| l.finding.rule == "stated-rate").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(flagged(&t, f[0]), "97.26%");
    assert!(f[0].finding.message.contains("应为 97.28%(2036/2093),报告写作 97.26%"), "{}", f[0].finding.message);
    let related: Vec<&str> = f[0].finding.related.iter().map(|r| &t[r.span.start..r.span.end]).collect();
    assert_eq!(related, vec!["2036件", "2093件"]);
}

#[test]
fn silence_on_every_consistent_relation_of_the_seeds() {
    for (n, t) in seeds() {
        let found = check(&n, &t);
        let loud: Vec<String> = numeric(&found)
            .into_iter()
            .filter(|l| l.finding.severity >= Severity::Warning && l.finding.rule != "stated-rate")
            .map(|l| format!("{} {} {}", l.finding.rule, flagged(&t, l), l.finding.message))
            .collect();
        assert!(loud.is_empty(), "{n}: {loud:#?}");
    }
}

/// Change one number in a seed; exactly one numeric finding of `rule` must point at `flag`.
fn found_at(prefix: &str, from: &str, to: &str, rule: &str, flag: &str) -> Located {
    let (n, t) = seed(prefix);
    // The unchanged seed is silent for this rule …
    assert!(check(&n, &t).iter().all(|l| l.finding.rule != rule || rule == "stated-rate"), "{rule} on {n}");
    // … and the variant is not.
    let v = replace_once(&t, from, to);
    let found = check(&n, &v);
    let f: Vec<&Located> = found.iter().filter(|l| l.finding.rule == rule).collect();
    assert_eq!(f.len(), 1, "{rule} after `{from}` → `{to}`: {f:#?}");
    assert_eq!(flagged(&v, f[0]), flag, "{rule}: {}", f[0].finding.message);
    f[0].clone()
}

#[test]
fn closed_above_accepted() {
    let f = found_at("000", "办结168件", "办结268件", "closed-le-accepted", "268件");
    assert!(f.finding.message.contains("办结268件 多于年内共受理行政复议案件224件"), "{}", f.finding.message);
    assert_eq!(f.finding.severity, Severity::Error);
}

#[test]
fn replied_and_reply_rate() {
    found_at("000", "答复53件", "答复58件", "closed-le-accepted", "58件");
    let f = found_at("000", "答复53件", "答复50件", "stated-rate", "100%");
    assert!(f.finding.message.contains("应为 94.34%(50/53)"), "{}", f.finding.message);
}

#[test]
fn suggestions_closed_above_received() {
    found_at("002", "办结84份", "办结94份", "closed-le-accepted", "94份");
}

#[test]
fn claimed_comparison_in_words() {
    // 164 > 59 holds; make it false.
    found_at("002", "数量(59件)", "数量(259件)", "claimed-greater-than", "164件");
}

#[test]
fn part_after_qizhong_above_its_total() {
    found_at("002", "镇和街道共755个", "镇和街道共2755个", "parts-le-total", "2755个");
    // One finding per number: 受理 above 收到 is named by the more specific rule.
    found_at("003", "其中受理97件", "其中受理107件", "accepted-le-received", "107件");
    // No single part above the total: any may be wrong, so the finding is on the total, with
    // every part as a related label.
    let f = found_at("001", "不予受理3件", "不予受理13件", "parts-le-total", "14件");
    assert_eq!(f.finding.related.len(), 7);
    assert!(f.finding.message.contains("各项之和 24(13+2+2+3+2+1+1)超过总数 14件"), "{}", f.finding.message);
    found_at("002", "刑事320件", "刑事420件", "parts-le-total", "620件");
    found_at("002", "基本满意14条", "基本满意50014条", "parts-le-total", "515684 条");
    found_at("003", "村居调委会200个", "村居调委会210个", "parts-le-total", "228个");
    found_at("003", "法院诉前委派225件", "法院诉前委派226件", "parts-le-total", "227件");
}

#[test]
fn shares_of_the_total() {
    let f = found_at("002", "占比91.13%", "占比94.13%", "share-of-total", "94.13%");
    assert!(f.finding.message.contains("应为 91.13%(469918/515684)"), "{}", f.finding.message);
    found_at("002", "占比8.87%", "占比8.97%", "share-of-total", "8.97%");
}

#[test]
fn rate_three_points_off() {
    let f = found_at("003", "调解成功率为99.8%", "调解成功率为96.8%", "stated-rate", "96.8%");
    assert!(f.finding.message.contains("应为 99.85%"), "{}", f.finding.message);
    // A last digit off in the direction of truncation is consistent: 99.8 for 99.85.
    let (n, t) = seed("003");
    assert!(check(&n, &t).iter().all(|l| l.finding.rule != "stated-rate"));
}

#[test]
fn rate_above_100() {
    let f = found_at("002", "回访满意率100%", "回访满意率107%", "rate-at-most-100", "107%");
    assert!(f.finding.message.contains("107%"));
    // Growth rates are exempt: 004 has 增长142.4%.
    let (n, t) = seed("004");
    assert!(t.contains("增长142.4%"));
    assert!(check(&n, &t).iter().all(|l| l.finding.rule != "rate-at-most-100"));
}

#[test]
fn announced_count_against_the_items() {
    let f = found_at("000", "以下四个方面", "以下五个方面", "announced-count", "五个");
    assert!(f.finding.message.contains("宣布五项"), "{}", f.finding.message);
    found_at("001", "6件重大行政决策", "7件重大行政决策", "announced-titles", "7件");
    found_at("001", "其中4件予以集体讨论通过", "其中5件予以集体讨论通过", "announced-titles", "5件");
}

#[test]
fn plans_dated_the_report_year() {
    let f = found_at("003", "三、2023年法治政府建设工作打算", "三、2022年法治政府建设工作打算", "plans-year", "2022年");
    assert!(f.finding.message.contains("应针对2023年"), "{}", f.finding.message);
    found_at("000", "2023年,将重点做好", "2022年,将重点做好", "plans-year", "2022年");
    found_at("004", "2024年,平房区将继续", "2023年,平房区将继续", "plans-year", "2023年");
}

#[test]
fn body_year_after_publication() {
    found_at("000", "2022年,我市46家政府网站", "2024年,我市46家政府网站", "year-after-publication", "2024年");
}

#[test]
fn bounds_never_make_an_error() {
    // `超过300件` cannot be fewer than 224: a finding, but only a warning.
    let text = "年内共受理行政复议案件224件,办结超过300件。";
    let found = check("t.txt", text);
    let f: Vec<_> = found.iter().filter(|l| l.finding.rule == "closed-le-accepted").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].finding.severity, Severity::Warning);
    // `近300件` may be fewer than 224? No: 近300 allows 0..300, so it may hold: silent.
    let found = check("t.txt", "年内共受理行政复议案件224件,办结近300件。");
    assert!(found.iter().all(|l| l.finding.rule != "closed-le-accepted"));
    // A ratio on a bound (2000余 is 2000 … 3000) is at most a warning: 1900/3000 is still 63%.
    let found = check("t.txt", "调解矛盾纠纷2000余件,调解成功1900件,调解成功率50%。");
    assert!(found.iter().filter(|l| l.finding.rule == "stated-rate").all(|l| l.finding.severity == Severity::Warning));
    let found = check("t.txt", "调解矛盾纠纷2000余件,调解成功1900件,调解成功率70%。");
    assert!(found.iter().all(|l| l.finding.rule != "stated-rate"));
}

#[test]
fn traps_stay_silent() {
    for text in [
        "年内共受理行政复议案件224件,办结168件,法定期限内办结率100%。",
        "年内办理一审行政诉讼案件21件,全市行政机关负责人出庭应诉率达到98.6%。",
        "2022年共收到行政复议申请100件,其中受理97件,现已全部审结。",
        "行政机关行政诉讼败诉率8.45%,较2023年度下降9.2个百分点。",
        "培训班80余期,培训人员1万余人,累计培训2000余人,其中领导干部1000余人。",
        "已审结案件胜诉率95%以上。",
        "案件数量较去年同期增长142.4%。",
    ] {
        let found = check("t.txt", text);
        let n: Vec<_> = numeric(&found).iter().map(|l| l.finding.message.clone()).collect();
        assert!(n.is_empty(), "{text}: {n:?}");
    }
}
