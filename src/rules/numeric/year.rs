//! `year`: years in the report agree with the report year. `expect: next_year` — the plans
//! (found by `section` / `section_prose`) speak of the year after the report year;
//! `expect: not_after_publication` — the body reports no year later than its publication.
//! Years inside titles `《…》` and ranges (`2021-2025年`) are not counted, nor points of
//! reference (`2012年以来`) and targets (`力争到2025年基本建成`).

use std::sync::LazyLock;

use regex::Regex;

use crate::config::{Expect, RuleSpec};
use crate::finding::Finding;
use crate::report::{Report, Span};
use crate::rules::pattern::{compile_section, section_region};
use crate::rules::section::SectionMatcher;
use crate::rules::{RuleError, RuleMeta, RuleSource};

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})[ \t]*年").unwrap());

#[derive(Debug)]
pub struct YearRule {
    section: Option<SectionMatcher>,
    expect: Expect,
}

impl YearRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<YearRule, RuleError> {
        let expect = spec.expect.as_ref().map_or(Expect::NextYear, |e| e.value);
        let section = compile_section(src, spec)?;
        if expect == Expect::NextYear && section.is_none() {
            return Err(src.error(
                spec.kind.referenced,
                "`expect: next_year` needs `section`: the heading of the plans",
                "kind",
            ));
        }
        Ok(YearRule { section, expect })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let Some(year) = report.year else { return };
        match self.expect {
            Expect::NextYear => {
                let Some((region, _)) = self.section.as_ref().and_then(|s| section_region(report, s)) else {
                    return;
                };
                let Some((y, span)) = years(report, region).into_iter().next() else {
                    return;
                };
                if y <= year.value {
                    out.push(
                        meta.finding(span, format!("应为 {} 年", year.value + 1))
                            .with_message(format!(
                                "{}:{}年度报告的工作安排应针对{}年,这里写作{}年",
                                meta.message,
                                year.value,
                                year.value + 1,
                                y
                            ))
                            .with_related(year.span, "报告年度"),
                    );
                }
            }
            Expect::NotAfterPublication => {
                let Some(published) = report.publication() else {
                    return;
                };
                let whole = Span::new(0, report.text().len());
                let plans = self.section.as_ref().and_then(|s| section_region(report, s)).map(|(r, _)| r);
                for (y, span) in years(report, whole) {
                    if y > published.date.year && !plans.is_some_and(|p| p.contains(span)) {
                        out.push(
                            meta.finding(span, format!("晚于发布年份 {}", published.date.year))
                                .with_message(format!("{}:{y}年晚于报告发布时间 {}", meta.message, published.date))
                                .with_related(published.span, "发布时间"),
                        );
                    }
                }
            }
        }
    }
}

/// A year that is not the year a passage is about: a point things run from or up to
/// (`2012年以来`, `2019年以前`, `2025年底前`), or a target (`力争到2025年基本建成`, `预计2026年`).
fn is_reference(before: &str, after: &str) -> bool {
    const AFTER: [&str; 8] = ["以来", "以前", "之前", "前", "至今", "起", "底前", "年底前"];
    const BEFORE: [&str; 9] = ["到", "至", "截至", "截止", "自", "从", "力争", "争取", "预计"];
    let before = before.trim_end_matches([' ', '\t']);
    let after = after.strip_prefix('度').unwrap_or(after);
    AFTER.iter().any(|w| after.starts_with(w)) || BEFORE.iter().any(|w| before.ends_with(w))
}

/// Years written `YYYY年` in `region`, outside `《》` titles and ranges, and not points of
/// reference or targets (see [`is_reference`]).
fn years(report: &Report, region: Span) -> Vec<(i32, Span)> {
    let text = &report.text()[region.start..region.end];
    let mut depth = 0i32;
    let mut last = 0;
    let mut out = Vec::new();
    for c in YEAR.captures_iter(text) {
        let m = c.get(1).unwrap();
        // `《` is E3 80 8A and `》` E3 80 8B.
        let seg = &text.as_bytes()[last..m.start()];
        for i in memchr::memchr_iter(0xE3, seg) {
            match seg.get(i + 1..i + 3) {
                Some([0x80, 0x8A]) => depth += 1,
                Some([0x80, 0x8B]) => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        last = m.start();
        let before = text[..m.start()].chars().next_back();
        let in_range = matches!(before, Some('-' | '~' | '—' | '至')) || text[m.end()..].starts_with(['-', '~', '—']);
        let glued = before.is_some_and(|b| b.is_ascii_digit());
        let after = &text[c.get(0).unwrap().end()..];
        if depth > 0 || in_range || glued || is_reference(&text[..m.start()], after) {
            continue;
        }
        if let Ok(y) = m.as_str().parse::<i32>() {
            if (1990..=2100).contains(&y) {
                out.push((y, Span::new(region.start + m.start(), region.start + c.get(0).unwrap().end())));
            }
        }
    }
    out
}
