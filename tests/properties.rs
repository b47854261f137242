//! Property tests on generated input, bounded so they stay quick: the pipeline on report-like
//! text and on raw bytes, and the rule loader on rule files assembled from real fragments.
//! (The unbounded versions are the cargo-fuzz targets in fuzz/.)

mod common;

use fzlint::engine::{check_text, FileOutcome};
use fzlint::render::{self, human::HumanOptions, Format};
use fzlint::rules::{load_pack, PackOptions, PackSource};
use proptest::prelude::*;
use proptest::test_runner::Config;

static PACK: std::sync::LazyLock<fzlint::rules::RulePack> = std::sync::LazyLock::new(common::builtin);

/// Pieces of reports, odd characters among them, to be strung together.
const PIECES: &[&str] = &[
    "某县2023年法治政府建设年度报告",
    "\n",
    "\n一、",
    "\n（二）",
    "\n3.",
    "主要成效",
    "存在的不足",
    "下一步工作安排",
    "受理",
    "行政复议案件",
    "办结",
    "其中",
    "收到",
    "审结",
    "分别是",
    "调解成功率",
    "败诉率",
    "224",
    "1",
    "0",
    "100",
    "98.5",
    "三亿",
    "二亿五千万",
    "十余",
    "两万",
    "件",
    "%",
    "个",
    "人次",
    ",",
    "、",
    "。",
    ";",
    "《",
    "》",
    "2024年3月1日",
    "\u{1b}[31m",
    "\r",
    "\u{3000}",
    "１２",
    "\u{202e}",
];

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn render_all(text: &str, pack: &fzlint::rules::RulePack) {
    let found = check_text("p.txt", text, pack);
    for l in &found {
        let s = l.finding.span;
        assert!(s.start <= s.end && s.end <= text.len(), "{s:?} outside the text");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    let outcomes = vec![FileOutcome {
        path: "p\u{1b}.txt".into(),
        result: Ok(found),
        relations: Default::default(),
        facts: Default::default(),
    }];
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Summary] {
        let out = render::render(format, &outcomes, pack, &HumanOptions::default());
        assert!(!out.contains('\u{1b}'), "{format:?} let an escape sequence through");
    }
}

proptest! {
    #![proptest_config(Config { cases: 48, failure_persistence: None, ..Config::default() })]

    #[test]
    fn pipeline_on_report_like_text(text in report()) {
        render_all(&text, &PACK);
    }

    #[test]
    fn pipeline_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok((text, _)) = fzlint::source::decode(&bytes) {
            render_all(&text, &PACK);
        }
        let _ = fzlint::source::html::extract(&bytes);
        let _ = fzlint::source::docx::extract(&bytes);
    }
}

/// Lines of rule files, valid and not, to be strung together.
const RULE_LINES: &[&str] = &[
    "rules:\n",
    "  - id: r1\n",
    "  - id: r2\n",
    "    kind: assert\n",
    "    kind: pattern\n",
    "    kind: compare\n",
    "    kind: sum\n",
    "    severity: error\n",
    "    severity: warning\n",
    "    message: 消息\n",
    "    scope: sentence\n",
    "    metrics:\n",
    "      受理: '受理{n}件'\n",
    "      办结: '办结{n}件'\n",
    "    check: 办结 <= 受理\n",
    "    check: 'eval(\"1\")'\n",
    "    check: 受理 <= 1 || 办结(1)\n",
    "    check: ((((受理))))\n",
    "    forbid: ['当前位置\\s*:']\n",
    "    forbid: ['(']\n",
    "    require: ['原因']\n",
    "    examples:\n",
    "      valid: ['受理5件,办结4件。']\n",
    "      invalid: ['受理5件,办结6件。']\n",
    "\t",
    "  ",
    ": [",
];

proptest! {
    #![proptest_config(Config { cases: 64, failure_persistence: None, ..Config::default() })]

    #[test]
    fn rule_loader_on_assembled_files(lines in prop::collection::vec(prop::sample::select(RULE_LINES), 0..24)) {
        let yaml = lines.concat();
        let files = [("p.yaml", yaml.as_str())];
        let started = std::time::Instant::now();
        if let Ok(pack) = load_pack(&[PackSource::Embedded(&files)], &PackOptions::default()) {
            let _ = check_text("r.txt", "某县报告\n一、主要成效\n受理5件,办结6件。\n", &pack);
        }
        prop_assert!(started.elapsed().as_secs() < 2, "{yaml}");
    }
}
