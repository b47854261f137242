//! The report model on the five real reports: every heading at the right level, titles, years,
//! dates, and sentence spans.

mod common;

use fzlint::report::{Report, YearSource};

fn outline(r: &Report) -> Vec<String> {
    r.headings
        .iter()
        .map(|h| format!("{}{}", "  ".repeat((h.level as usize).saturating_sub(1)), r.slice(h.marker)))
        .collect()
}

#[test]
fn headings_of_every_seed() {
    let expected: [(&str, &str); 5] = [
        ("000", "一、|  (一)|  (二)|  (三)|  (四)|  (五)|  (六)|二、"),
        ("001", "一、|二、|  (一)|  (二)|  (三)|    1.|    2.|    3.|    4.|三、|四、|五、|六、"),
        (
            "002",
            "一、|  (一)|  (二)|  (三)|  (四)|  (五)|  (六)|  (七)|  (八)|  (九)|二、|  (一)|  (二)|三、|  (一)|  (二)|  (三)",
        ),
        ("003", "一、|  (一)|  (二)|  (三)|  (四)|  (五)|  (六)|  (七)|  (八)|二、|三、|  (一)|  (二)|  (三)"),
        ("004", "一、|二、|三、|四、|五、|六、|七、|八、|九、|十、|十一、"),
    ];
    for (prefix, want) in expected {
        let (name, text) = common::seed(prefix);
        let r = Report::build(&name, &text);
        assert_eq!(outline(&r).join("|"), want, "{name}");
        // Numbers run 1, 2, 3 within each parent.
        for (i, h) in r.headings.iter().enumerate() {
            let before = r.headings[..i].iter().filter(|o| o.parent == h.parent && o.level == h.level).count();
            assert_eq!(h.number as usize, before + 1, "{name}: {}", r.slice(h.marker));
        }
    }
}

#[test]
fn heading_titles_and_sections() {
    let (name, text) = common::seed("004");
    let r = Report::build(&name, &text);
    let last = r.headings.last().unwrap();
    assert_eq!(r.slice(last.marker), "十一、");
    assert_eq!(last.number, 11);
    assert_eq!(r.slice(last.title), "下一步工作打算");
    assert_eq!(r.headings[9].number, 10);
    assert!(r.slice(r.headings[9].section).contains("仍存在一些不足"));
    assert!(!r.slice(r.headings[9].section).contains("下一步工作打算"));

    let (name, text) = common::seed("000");
    let r = Report::build(&name, &text);
    // A level-2 heading's title stops at the first 。; its section runs to the next (二).
    assert_eq!(r.slice(r.headings[1].title), "统筹规划,高位推进,深化法治政府创建");
    assert!(r.slice(r.headings[1].section).ends_with("宣传报道了我市经验做法。\n\n"));
}

#[test]
fn titles_years_and_dates() {
    let cases = [
        ("000", Some("濮阳市人民政府关于2022年度法治政府建设情况的报告"), 2022, Some("2023-03-07"), None),
        ("001", Some("沁水县2021年度法治政府建设情况的报告"), 2021, Some("2022-03-29"), None),
        ("002", None, 2024, None, None),
        ("003", Some("槐荫区2022年度法治政府建设情况报告"), 2022, None, None),
        ("004", Some("【年度报告】平房区2023年法治政府建设情况报告"), 2023, Some("2024-02-28"), Some("2024-02-27")),
    ];
    for (prefix, title, year, published, signed) in cases {
        let (name, text) = common::seed(prefix);
        let r = Report::build(&name, &text);
        assert_eq!(r.title.as_ref().map(|t| r.slice(t.span)), title, "{name}");
        let y = r.year.unwrap();
        assert_eq!(y.value, year, "{name}");
        assert_eq!(y.source, if title.is_some() { YearSource::Title } else { YearSource::Opening }, "{name}");
        assert_eq!(r.published.map(|d| d.date.to_string()).as_deref(), published, "{name}");
        assert_eq!(r.signed.map(|d| d.date.to_string()).as_deref(), signed, "{name}");
    }
}

#[test]
fn sentence_spans_cover_the_text() {
    for (name, text) in common::seeds() {
        let r = Report::build(&name, &text);
        assert!(r.sentences.len() > 50, "{name}");
        let mut prev_end = 0;
        for s in &r.sentences {
            assert!(s.span.start >= prev_end, "{name}: sentences overlap");
            let body = r.slice(s.span);
            assert!(!body.is_empty() && body.trim() == body, "{name}: {body:?}");
            // A sentence ends at a terminator or at its paragraph's end, and holds none inside.
            let inner = body.trim_end_matches(['。', '!', '?', ';']);
            assert!(!inner.contains(['。', '!', '?', ';']), "{name}: {body}");
            assert!(r.paragraphs[s.paragraph].span.contains(s.span));
            prev_end = s.span.end;
        }
    }
    // A known sentence of 002, exactly.
    let (name, text) = common::seed("002");
    let r = Report::build(&name, &text);
    let s = r.sentences.iter().find(|s| r.slice(s.span).contains("调解成功率97.26%")).unwrap();
    assert_eq!(
        r.slice(s.span),
        "全市各级人民调解组织共调解矛盾纠纷2093件,调解成功2036件,调解成功率97.26%,调解金额2.63亿元。"
    );
    assert_eq!(&text[s.span.start..s.span.end], r.slice(s.span));
}

#[test]
fn full_width_text_gives_the_same_model() {
    let (name, text) = common::seed("001");
    let wide: String = text
        .chars()
        .map(|c| match c {
            '(' => '\u{FF08}',
            ')' => '\u{FF09}',
            ',' => '\u{FF0C}',
            ':' => '\u{FF1A}',
            ';' => '\u{FF1B}',
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
            c => c,
        })
        .collect();
    assert_ne!(wide, text);
    let a = Report::build(&name, &text);
    let b = Report::build(&name, &wide);
    assert_eq!(outline(&a), outline(&b));
    assert_eq!(a.sentences.len(), b.sentences.len());
    assert_eq!(a.year.unwrap().value, b.year.unwrap().value);
    // Spans map back onto the same words in the wide text.
    let h = &b.headings[2];
    let orig = b.to_original(h.marker);
    assert_eq!(&wide[orig.start..orig.end], "\u{FF08}一\u{FF09}");
}
