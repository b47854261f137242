//! Dates of a report: the publication date of the web page (after its label, on the next line,
//! in a table cell, bracketed) and the date under the signature (in digits or Chinese numerals).

use std::sync::LazyLock;

use regex::Regex;

use super::{Paragraph, Span};
use crate::numerals;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date found in the report: the publication date of the web page (`网站发布:2023-03-07`)
/// or the date under the signature (`2024年2月27日`).
#[derive(Debug, Clone, Copy)]
pub struct DateMark {
    pub date: Date,
    pub span: Span,
}

/// A date in digits: `2023-03-07`, `2023/3/7`, `2023.03.07`, `2023年3月7日`.
const DIGIT_DATE: &str = r"((\d{4})[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})日?)";
/// The labels of a publication date, the page's own first.
const PUBLISHED_LABELS: &str = r"(发布时间|发布日期|网站发布|发文日期|成文日期|时间|日期)";
/// A label and its date: after `:`, in the next cell of a table row (`成文日期 | 2026-02-10`), or
/// after a bracketed label (`[ 发布日期 ] 2026-02-10`).
static PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{PUBLISHED_LABELS}[ \t]*[\]】]?[ \t]*[:|]?[ \t]*{DIGIT_DATE}")).unwrap());
/// A label alone at the end of its line: the date opens the next line.
static PUBLISHED_LABEL_LAST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{PUBLISHED_LABELS}[ \t]*[\]】]?[ \t]*[:|]?$")).unwrap());
static DATE_FIRST: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("^{DIGIT_DATE}")).unwrap());
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?((\d{4}|[〇零一二三四五六七八九]{4})[ \t]*年[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*日)\)?$").unwrap()
});

/// How far from either end of the report the dates are looked for.
const DATE_WINDOW: usize = 12;

fn number(s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| numerals::parse(s).and_then(|v| u32::try_from(v).ok()))
}

fn make_date(y: &str, m: &str, d: &str) -> Option<Date> {
    let date = Date { year: i32::try_from(number(y)?).ok()?, month: number(m)?, day: number(d)? };
    ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
}

/// Whether a label names a date of the document itself (`发布日期`, `成文日期`) rather than any
/// `时间:` or `日期:`.
fn label_rank(label: &str) -> u8 {
    match label {
        "时间" | "日期" => 1,
        _ => 0,
    }
}

pub(super) fn find_dates(text: &str, paragraphs: &[Paragraph]) -> (Option<DateMark>, Option<DateMark>) {
    let n = paragraphs.len();
    let near_ends = |i: usize| i < DATE_WINDOW || i + DATE_WINDOW >= n;
    let mut published: Option<(u8, DateMark)> = None;
    let mut signed = None;
    let mut offer = |rank: u8, date: Option<Date>, span: Span| {
        if let Some(date) = date {
            // A document is published on or after each of its dates: the latest one named
            // by a document label counts; a bare `时间:` only when there is none.
            let better = |(r, d): (u8, DateMark)| rank < r || (rank == r && rank == 0 && date > d.date);
            if published.is_none_or(better) {
                published = Some((rank, DateMark { date, span }));
            }
        }
    };
    for (i, p) in paragraphs.iter().enumerate() {
        if !near_ends(i) {
            continue;
        }
        let line = &text[p.span.start..p.span.end];
        for c in PUBLISHED.captures_iter(line) {
            let m = c.get(2).unwrap();
            offer(
                label_rank(&c[1]),
                make_date(&c[3], &c[4], &c[5]),
                Span::new(p.span.start + m.start(), p.span.start + m.end()),
            );
        }
        // `发布日期:` at the end of one line, the date on the next.
        if let (Some(c), Some(next)) = (PUBLISHED_LABEL_LAST.captures(line), paragraphs.get(i + 1)) {
            let next_line = &text[next.span.start..next.span.end];
            if let Some(d) = DATE_FIRST.captures(next_line) {
                let m = d.get(1).unwrap();
                offer(
                    label_rank(&c[1]),
                    make_date(&d[2], &d[3], &d[4]),
                    Span::new(next.span.start + m.start(), next.span.start + m.end()),
                );
            }
        }
        if i + DATE_WINDOW >= n {
            if let Some(c) = SIGNED.captures(line) {
                if let Some(date) = make_date(&c[2], &c[3], &c[4]) {
                    let m = c.get(1).unwrap();
                    signed = Some(DateMark { date, span: Span::new(p.span.start + m.start(), p.span.start + m.end()) });
                }
            }
        }
    }
    (published.map(|(_, d)| d), signed)
}
