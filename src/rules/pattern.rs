//! `pattern`: words that must not appear (`forbid`) or must appear (`require`) in a scope: the
//! whole document, the title, a named section, everything outside a named section, each
//! paragraph or each sentence. Used for web-page leftovers, for `原因` in the problems section,
//! and for the 第一责任人 duty reported in the account of the year, not only in the plans.

use super::search::Searcher;
use super::section::{Found, SectionMatcher};
use super::{compile_list, compile_searcher, RuleError, RuleMeta, RuleSource};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::report::{Report, Span};

#[derive(Debug)]
pub struct PatternRule {
    forbid: Option<Searcher>,
    require: Option<Searcher>,
    scope: Scope,
    section: Option<SectionMatcher>,
}

/// The region of the report a named section covers: the heading's section, or the rest of the
/// paragraph that states it in prose, from the words that state it (`……存在的问题及下一步建议
/// 如下` does not make the start of its paragraph the plans).
pub fn section_region(report: &Report, matcher: &SectionMatcher) -> Option<(Span, Span)> {
    match matcher.find(report) {
        Found::Heading(i) => Some((report.headings[i].section, report.headings[i].title)),
        Found::Prose(s) => {
            let n = report.paragraphs.partition_point(|p| p.span.start <= s.start);
            let p = report.paragraphs.get(n.checked_sub(1)?)?;
            Some((Span::new(s.start, p.span.end), s))
        }
        Found::Missing => None,
    }
}

/// Compile `section:` / `section_prose:` into a matcher, when given.
pub fn compile_section(src: &RuleSource, spec: &RuleSpec) -> Result<Option<SectionMatcher>, RuleError> {
    let Some(section) = &spec.section else {
        return Ok(None);
    };
    Ok(Some(SectionMatcher::new(
        compile_searcher(src, section)?,
        None,
        spec.section_prose.as_ref().map(|p| compile_searcher(src, p)).transpose()?,
        Default::default(),
    )))
}

impl PatternRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<PatternRule, RuleError> {
        let forbid = spec.forbid.as_ref().map(|l| compile_list(src, "forbid", l)).transpose()?;
        let require = spec.require.as_ref().map(|l| compile_list(src, "require", l)).transpose()?;
        if forbid.is_none() && require.is_none() {
            return Err(src.error(
                spec.kind.referenced,
                "a `pattern` rule needs `forbid` or `require`",
                "kind pattern",
            ));
        }
        let scope = spec.scope.as_ref().map_or(Scope::Document, |s| s.value);
        let section = compile_section(src, spec)?;
        match (scope, &section) {
            (Scope::Section | Scope::OutsideSection, None) => {
                let at = spec.scope.as_ref().map_or(spec.kind.referenced, |s| s.referenced);
                return Err(src.error(at, "this scope needs `section`: a pattern for the section's heading", "scope"));
            }
            (Scope::Paragraph | Scope::Sentence | Scope::Clause, _) if require.is_some() => {
                let at = spec.require.as_ref().map_or(spec.kind.referenced, |s| s.referenced);
                return Err(src.error(
                    at,
                    "`require` works on document, title, section and outside_section scopes",
                    "require",
                ));
            }
            _ => {}
        }
        Ok(PatternRule { forbid, require, scope, section })
    }

    /// The units this rule looks in (each paragraph of the scope, or each sentence), the place
    /// a "missing" finding points at, and for `outside_section` the section left out (searched
    /// once, used again in `check`).
    fn units(&self, report: &Report) -> Option<(Vec<Span>, Span, Option<Span>)> {
        let whole = Span::new(0, report.text().len());
        Some(match self.scope {
            Scope::Document | Scope::Paragraph => (report.paragraph_spans(whole), report.anchor(), None),
            Scope::Title => {
                let t = report.title.as_ref()?.span;
                (vec![t], t, None)
            }
            Scope::Section => {
                let matcher = self.section.as_ref()?;
                let (region, mut at) = section_region(report, matcher)?;
                // A section stated only in prose: the `section` rule already points at the words
                // that state it; a missing requirement points at what the section then says
                // (the shortcomings listed after `还存在一些不足`), one finding per place.
                if matches!(matcher.find(report), Found::Prose(_)) {
                    let next = report.sentence_at(at.start).map(|s| s.span.end).and_then(|end| {
                        report.sentences.iter().find(|s| s.span.start >= end && region.contains(s.span))
                    });
                    if let Some(next) = next {
                        at = next.span;
                    }
                }
                (report.paragraph_spans(region), at, None)
            }
            Scope::OutsideSection => match section_region(report, self.section.as_ref()?) {
                Some((r, _)) => {
                    let mut units = report.paragraph_spans(Span::new(0, r.start));
                    units.extend(report.paragraph_spans(Span::new(r.end, whole.end)));
                    (units, report.anchor(), Some(r))
                }
                None => (report.paragraph_spans(whole), report.anchor(), None),
            },
            Scope::Sentence | Scope::Clause => {
                (report.sentences.iter().map(|s| s.span).collect(), report.anchor(), None)
            }
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let Some((units, anchor, left_out)) = self.units(report) else {
            return;
        };
        let text = report.text();
        if let Some(forbid) = &self.forbid {
            // Matches in one unit and on one line make one finding, from the first to the last;
            // so do matches on adjacent lines with nothing else between them (`字号:` over
            // `大 中 小`: one block of the page).
            let mut current: Option<(usize, Span)> = None;
            for (unit, span) in forbid.find_iter(text, &units) {
                if span.is_empty() {
                    continue;
                }
                let same = current.is_some_and(|(u, c)| {
                    let between = &text[c.end..span.start];
                    (u == unit && !between.contains('\n')) || (u + 1 == unit && between.trim().is_empty())
                });
                match &mut current {
                    Some((_, s)) if same => s.end = span.end,
                    _ => {
                        if let Some((_, s)) = current.take() {
                            out.push(meta.finding(s, "不应出现在报告中"));
                        }
                        current = Some((unit, span));
                    }
                }
            }
            if let Some((_, s)) = current {
                out.push(meta.finding(s, "不应出现在报告中"));
            }
        }
        if let Some(require) = &self.require {
            if require.is_match(text, &units) {
                return;
            }
            // Present only inside the section left out: point at it there.
            if let Some(r) = left_out {
                if let Some(span) = require.find(text, &report.paragraph_spans(r)) {
                    out.push(meta.finding(span, "只在这一部分出现"));
                    return;
                }
            }
            out.push(meta.finding(anchor, "这里没有要求的内容"));
        }
    }
}
