//! The relations real reports state, each on a short real phrasing (clauses quoted from
//! published reports): silent as written, and found — on the changed number — once one number
//! is changed. The variant proves the relation was checked at all.

mod common;

use common::check;
use fzlint::engine::{judge_text, Located};
use fzlint::finding::Severity;

/// Findings of `rule` at warning or above.
fn loud<'a>(found: &'a [Located], rule: &str) -> Vec<&'a Located> {
    found.iter().filter(|l| l.finding.rule == rule && l.finding.severity >= Severity::Warning).collect()
}

/// `text` holds for `rule`; with `from` replaced by `to`, one finding of `rule` points at `flag`.
fn checked(text: &str, rule: &str, from: &str, to: &str, flag: &str) -> Located {
    let found = check("t.txt", text);
    let quiet = loud(&found, rule);
    assert!(
        quiet.is_empty(),
        "{rule} on the text as written: {:#?}",
        quiet.iter().map(|l| &l.finding.message).collect::<Vec<_>>()
    );
    assert!(text.contains(from), "{from} not in {text}");
    let variant = text.replacen(from, to, 1);
    let found = check("t.txt", &variant);
    let f = loud(&found, rule);
    assert_eq!(
        f.len(),
        1,
        "{rule} after `{from}` → `{to}`: {:#?}",
        found.iter().map(|l| (&l.finding.rule, &l.finding.message)).collect::<Vec<_>>()
    );
    let at = &variant[f[0].finding.span.start..f[0].finding.span.end];
    assert_eq!(at, flag, "{rule}: {}", f[0].finding.message);
    f[0].clone()
}

#[test]
fn a_rate_of_any_stem_over_its_base() {
    // 办结率 over 收集; 接通率 over 呼入; 综合办结率 named by 综合办结数.
    checked("多渠道收集企业诉求341件,累计办结336件,办结率98.53%。", "stated-rate", "98.53%", "68.53%", "68.53%");
    checked("共呼入来电19668个,接通18851个,接通率95.84%。", "stated-rate", "95.84%", "65.84%", "65.84%");
    let f = checked(
        "形成有效工单11171件,转派各成员单位4898件,在线办结数6273件,综合办结数为11163件,综合办结率达99.93%。",
        "stated-rate",
        "99.93%",
        "69.93%",
        "69.93%",
    );
    assert!(f.finding.message.contains("应为 99.93%(11163/11171)"), "{}", f.finding.message);
    // 受理率 over 新收: the whole stem names the numerator.
    checked(
        "新收行政复议申请5422件,受理行政复议案件3129件,受理率为57.71%。",
        "stated-rate",
        "57.71%",
        "27.71%",
        "27.71%",
    );
}

#[test]
fn a_rate_is_explained_by_a_sum_of_listed_counts() {
    // (56 + 51) / 262 = 40.8%, written truncated.
    let text = "审结的262件行政复议案件中,直接纠错56件,以调解、和解等方式结案51件,综合化解率达到40%。";
    assert!(loud(&check("t.txt", text), "stated-rate").is_empty());
    // 3112 / (3112 + 344) = 90.05%.
    assert!(loud(&check("t.txt", "已解决3112件,未解决344件,解决率90.05%。"), "stated-rate").is_empty());
}

#[test]
fn a_rate_no_whole_count_can_give() {
    let f = checked("调解84起,调解成功率97.6%。", "stated-rate", "97.6%", "98.4%", "98.4%");
    assert!(f.finding.message.contains("没有哪个整数"), "{}", f.finding.message);
}

#[test]
fn shares_in_their_forms() {
    // 占比X%
    checked(
        "2020年县直单位评价总量为24793条,其中县政务服务大厅其他终端9958条,占比40.16%;移动服务端6358条,占比25.64%。",
        "share-of-total",
        "占比25.64%",
        "占比55.64%",
        "55.64%",
    );
    // 占X%
    checked(
        "共受理纠纷869件,调解成功842件;主动调解455件,占52.4%;申请调解378件,占43.5%。",
        "share-of-total",
        "占43.5%",
        "占73.5%",
        "73.5%",
    );
    // 占…的X%
    checked(
        "全市现有调委会2599个,其中规范化调委会2180个,占调委会总数的83.9%。",
        "share-of-total",
        "83.9%",
        "53.9%",
        "53.9%",
    );
    // The whole named by its words, sentences away.
    checked(
        "全省新收行政复议申请5422件。武汉市收到行政复议申请2220件,占全省新收行政复议申请总数的40.94%。",
        "share-of-total",
        "40.94%",
        "10.94%",
        "10.94%",
    );
}

#[test]
fn a_share_against_the_base_its_siblings_agree_on() {
    // No total written: 1590/14.23% ≈ 1485/13.29% ≈ 1152/10.31% ≈ 11 170.
    let text = "群众来电诉求主要集中在农林畜牧水利1590件,占诉求量的14.23%;社会保障1485件,占诉求量的13.29%;公安执法1152件,占诉求量的10.31%;生活公用1050件,占诉求量的9.4%。";
    checked(text, "share-of-total", "9.4%", "39.4%", "39.4%");
}

#[test]
fn shares_of_one_list_add_up_to_at_most_100() {
    let text = "从律师类别看,专职律师50.47万多人,占77.46%,兼职律师1.43万多人,占2.19%,公职律师9.59万多人,占14.73%,公司律师2.99万多人,占4.6%。";
    // Changed, the share disagrees with its siblings' base, and the list adds up to 119.25%:
    // one finding, on the share.
    let found = check("t.txt", &text.replace("占77.46%", "占97.46%"));
    let f = loud(&found, "share-of-total");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(loud(&check("t.txt", text), "share-of-total").is_empty());
}

#[test]
fn parts_with_and_without_qizhong() {
    // 其中, across a sentence end, with 余 parts: 2100 + 5469 + 1600余 + 600余 > 8769.
    let text = "主动公开政府信息8769条。其中,通过市政府网站公开信息2100条,通过县政府门户网站发布政府信息5469条,通过新闻媒体公开信息1600余条、通过其他形式公开信息600余条。";
    let found = check("t.txt", text);
    let f = loud(&found, "parts-le-total");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].finding.severity, Severity::Warning, "a sum with bounds is at most a warning");
    // Parenthesised breakdowns stay nested.
    checked(
        "主动公开信息392条,其中,网站公开信息225条(包括工作动态125条,政策解读5条,规范性文件3条),微信公众号公开信息167条。",
        "parts-le-total",
        "工作动态125条",
        "工作动态325条",
        "325条",
    );
    // (含…)
    checked("受理各类行政案件2203件(含旧存245件)。", "parts-le-total", "245件", "2245件", "2245件");
    // A sentence-opening total and its parts without 其中.
    checked("共梳理排查相关文件268件,废止60件、拟修改9件。", "parts-le-total", "60件", "269件", "269件");
    // Parts before 合计.
    checked("“好差评”非常满意802条,满意163条,合计965条。", "parts-le-total", "802条", "966条", "965条");
}

#[test]
fn the_total_of_a_list_may_be_the_counts_before_it() {
    // 317 new + 3 carried over = 320 = 184 + 18 + 8 + 57 + 18 + 22 + 13.
    let text = "新收政府信息公开申请数量317件,上年结转政府信息公开申请数量3件。其中,予以公开184件,部分公开18件,不予公开8件,本机关无法提供57件,不予处理18件,其他处理22件,结转下年度继续办理13件。";
    assert!(loud(&check("t.txt", text), "parts-le-total").is_empty());
}

#[test]
fn closed_never_exceeds_opened_for_the_pairs_reports_use() {
    checked("共受理一审行政案件1990件,审结1983件。", "closed-le-accepted", "1983件", "1991件", "1991件");
    checked("各类诉求277件,受理277件,办结272件。", "closed-le-accepted", "272件", "278件", "278件");
    checked("排查矛盾纠纷1221件,调处1005件。", "closed-le-accepted", "1005件", "1300件", "1300件");
    // 新收 and 收案 count only what came in this year: more may be closed.
    assert!(loud(&check("t.txt", "提起行政诉讼的新收一审案件有73件,结案118件。"), "closed-le-accepted").is_empty());
    assert!(loud(&check("t.txt", "刑事案件收案174.98万件,结案176.32万件。"), "closed-le-accepted").is_empty());
}

#[test]
fn growth_against_both_periods() {
    checked(
        "收到行政复议申请281件,较2020年172件增加109件,增长了63%。",
        "growth-rate",
        "增加109件",
        "增加119件",
        "119件",
    );
    checked("新收行政复议申请5422件,比2019年增加842件,增幅为18.38%。", "growth-rate", "18.38%", "48.38%", "48.38%");
    checked("市民工单3656件,较上期相比减少41件,环比下降1.11%。", "growth-rate", "1.11%", "4.11%", "4.11%");
}

#[test]
fn announced_counts_of_listed_items() {
    checked("围绕立法、执法、司法、守法四个法治环节开展普法。", "listed-count", "四个", "五个", "五个");
    checked(
        "严格落实专项督查、问题曝光、销号管理、预警约谈、考核问责、生态补偿“六项机制”。",
        "listed-count",
        "六项",
        "七项",
        "七项",
    );
    checked("聚焦“法律保障”“经济创新”“助企服务”三个方向发力。", "listed-count", "三个", "四个", "四个");
    checked(
        "排名始终在前二十名的城市有10个,分别是北京、上海、广州、深圳、杭州、南京、合肥、厦门、长沙、成都。",
        "named-count",
        "10个",
        "11个",
        "11个",
    );
    // 等 before the count: the items listed are some of those counted.
    assert!(loud(
        &check("t.txt", "开展作风整顿行动、优质服务提升行动、改革成果巩固行动等六个专项行动。"),
        "listed-count"
    )
    .is_empty());
}

#[test]
fn blanks_and_garbled_figures() {
    for (text, rule) in [
        ("共受理承办各类法律援助案件 xxx 件。", "placeholder-number"),
        ("依据20xx年度xx县法治政府建设考评指标。", "placeholder-number"),
        ("****年,古城街道在市委的正确领导下。", "placeholder-number"),
        ("共有行政应诉案件2件,件案件分别是。", "placeholder-number"),
        ("办理法律援助案件件,挽回经济损失.44万余元。", "placeholder-number"),
        ("12020年,省政府新收行政复议申请188件。", "garbled-number"),
        ("(皖政办秘〔202066号)", "garbled-number"),
        ("20i3年1月26日至27日", "garbled-number"),
        ("全市办案补贴发放比例到达20230%。", "rate-at-most-100"),
    ] {
        let found = check("t.txt", text);
        assert!(found.iter().any(|l| l.finding.rule == rule), "{rule} on {text}: {found:#?}");
    }
    for text in ["其余人员已妥善安置。", "提供法律咨询 240 余人次。", "(国办发〔2020〕17号)", "接入全区业务系统15个。"]
    {
        let found = check("t.txt", text);
        let odd: Vec<_> = found
            .iter()
            .filter(|l| l.finding.rule.contains("placeholder") || l.finding.rule.contains("garbled"))
            .collect();
        assert!(odd.is_empty(), "{text}: {odd:#?}");
    }
}

#[test]
fn the_ledger_says_what_was_verified() {
    let text = "调解矛盾纠纷2093件,调解成功2036件,调解成功率97.26%。共调解2006起,调解成功2003起,调解成功率为99.8%。";
    let pack = fzlint::rules::load_pack(
        &[fzlint::rules::PackSource::Embedded(fzlint::builtin::PACK)],
        &fzlint::rules::PackOptions::default(),
    )
    .unwrap();
    let (_, tally) = judge_text("t.txt", text, &[], &pack, true);
    assert!(tally.checked >= 4, "{tally:#?}");
    let failed: Vec<_> = tally.details.iter().filter(|j| !j.held).collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert!(failed[0].arithmetic.contains("2036/2093 = 97.28%"), "{}", failed[0].arithmetic);
    assert_eq!(&text[failed[0].span.start..failed[0].span.end], "97.26%");
}

#[test]
fn a_megabyte_paragraph_of_numbers_stays_linear() {
    // Every relation rule on one long paragraph (200 KB here; 1 MB takes well under a second
    // in a release build): quadratic work would take minutes. No timing is asserted.
    let unit = "受理100件,其中办结1件,占1%,较上年99件增加1件,增长1.01%;";
    let text = unit.repeat(200_000 / unit.len());
    let found = check("t.txt", &text);
    assert!(found.len() < 1_000_000);
}

#[test]
fn thousands_of_announcements_in_one_section_stay_linear() {
    // Each `以下两个方面` looks for its items within a bounded reach, not to the next heading.
    let unit = "将重点做好以下两个方面工作:一是加强领导;二是压实责任。";
    let text = format!("一、总体情况\n{}", unit.repeat(5_000));
    let found = check("t.txt", &text);
    assert!(found.iter().all(|l| l.finding.rule != "announced-count"), "every announcement holds");
}

/// Lists real reports write without the usual shape: parts in a bare parenthesis, parts set off
/// by `;`, a sentence opened by `其中` after a sentence that ends with rates, outcomes without
/// `其中`, thousands set off by spaces. Each holds as written and is found, on the changed
/// number, with one number changed.
#[test]
fn lists_without_the_usual_shape_are_checked() {
    let r = "parts-le-total";
    checked("行政处罚类案件85件(交通支队及其大队47件,区公安分局及派出所38件)。", r, "47件", "87件", "87件");
    checked(
        "全国五类案件总数为15454件。其中,按日连续处罚案件数量为199件,罚款金额为18580.62万元;适用查封、扣押案件数量为8897件;适用限产、停产案件数量为1093件;移送拘留案件数量为3397件。",
        r,
        "8897件",
        "18897件",
        "18897件",
    );
    checked(
        "共受理网络理政办理件14916件,同比上升46.5%,办结率均为100%。其中:市委书记信箱52件,同比下降61.7%;市长公开电话8346件,同比上升57.8%;市长信箱908件,同比下降6.7%。",
        r,
        "8346件",
        "18346件",
        "18346件",
    );
    checked("有行政复议案件4件,撤销1件,维持3件。", r, "撤销1件", "撤销5件", "5件");
    checked(
        "行政判决书45 317份,行政裁定书59 643份,共计104 960份行政裁判文书。",
        r,
        "45 317份",
        "45 318份",
        "104 960份",
    );
    // Not parts: other years in a parenthesis, an outcome many times its count, a new
    // statement after `;`.
    for text in [
        "行政处罚类案件85件(2020年142件,2019年98件)。",
        "国家信访局向各地集中转送607件积案,带动各地梳理化解信访积案9.1万件。",
        "共受理诉求100件。其中:来信52件,同比下降1%;来电40件,同比上升5%;收到群众表扬信29件。",
    ] {
        let found = check("t.txt", text);
        assert!(loud(&found, r).is_empty(), "{text}");
    }
}

/// A traditional-script copy is checked like the simplified text.
#[test]
fn traditional_script_is_checked() {
    checked("受理3246件,辦結3086件,審結率為95.07%。", "stated-rate", "95.07%", "65.07%", "65.07%");
}

/// Seconds for `rule` alone to check `unit` repeated `n` times after `prefix`, best of two.
fn seconds(rule: &str, prefix: &str, unit: &str, n: usize) -> f64 {
    let all = common::builtin();
    let mut options = fzlint::rules::PackOptions::default();
    for r in all.rules.iter().filter(|r| r.meta.id != rule) {
        options.severity.insert(r.meta.id.clone(), fzlint::config::Level::Off);
    }
    let pack =
        fzlint::rules::load_pack(&[fzlint::rules::PackSource::Embedded(fzlint::builtin::PACK)], &options).unwrap();
    let text = format!("某县2024年度法治政府建设情况报告\n{prefix}{}。", unit.repeat(n));
    (0..2)
        .map(|_| {
            let started = std::time::Instant::now();
            fzlint::engine::check_text("t.txt", &text, &pack);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// Four times the text takes about four times as long, not sixteen: an unclosed `(其中` looked
/// for its `)` to the end of the line.
#[test]
fn a_line_of_unclosed_parenthesised_lists_stays_linear() {
    // The `;` of a list and the announcements are covered by the release measurements in the
    // issue note: in a debug build the rest of the work hides them at any size a test affords.
    let cases = [("parts-le-total", "", "受理100件(其中办结1件,", 2_000)];
    for (rule, prefix, unit, n) in cases {
        let (small, large) = (seconds(rule, prefix, unit, n), seconds(rule, prefix, unit, 4 * n));
        assert!(large < small * 8.0 + 0.2, "{rule} on {unit}: {small:.2} s, four times as long: {large:.2} s");
    }
}

/// Random runs of the pieces lists are made of (brackets, `;`, `其中`, numbers, sentence ends,
/// traditional characters) never make a rule fail: a segment after `;` past the paragraph's end
/// once sliced backwards and stopped the whole run.
#[test]
fn list_pieces_in_any_order_check_without_failing() {
    let pieces = [
        "共受理",
        "件",
        "其中",
        "(",
        ")",
        ";",
        "。",
        ",",
        "、",
        "占",
        "%",
        "率为",
        "办结",
        "维持",
        "收到",
        "受理",
        "新收",
        "2093",
        "12",
        "45 317",
        "1.5万",
        "余",
        "辦結",
        "審結率為",
        "其中:",
        "涉及",
        "人",
        "条",
        "份",
        "通",
        "大类",
        "七",
        "日均",
        "\n",
        "|",
        " ",
        "合计",
        "同比增长",
        "2021年",
        "“",
        "”",
        "等",
        "分别是",
        "\n\n",
    ];
    let mut seed = 7u64;
    for _ in 0..400 {
        let mut text = String::new();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        for _ in 0..(5 + (seed >> 33) % 200) {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(pieces[((seed >> 33) % pieces.len() as u64) as usize]);
        }
        let _ = check("t.txt", &text);
    }
}
