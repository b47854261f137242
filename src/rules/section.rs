//! `section`: a required part of the report (problems, plans …) exists under a heading that
//! matches one of `headings`, optionally at a given `level`, and comes `after` another section.
//! When no heading matches but the body says it in prose (`还存在一些不足`, `下一步,我们将`),
//! the finding is the weaker "present only as prose", with its own severity.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_saphyr::Spanned;

use super::search::Searcher;
use super::{compile_list, RuleError, RuleMeta, RuleSource};
use crate::config::{ProsePosition, RuleSpec};
use crate::finding::{Finding, Severity};
pub use crate::report::Found;
use crate::report::Report;

/// How a section is recognised.
#[derive(Debug)]
pub struct SectionMatcher {
    headings: Searcher,
    level: Option<u8>,
    prose: Option<Searcher>,
    prose_position: ProsePosition,
    /// The patterns, as the key under which a report remembers where the section is: several
    /// rules look for the same section.
    key: String,
}

impl SectionMatcher {
    pub fn new(headings: Searcher, level: Option<u8>, prose: Option<Searcher>, prose_position: ProsePosition) -> Self {
        let key = format!(
            "{}\u{0}{level:?}\u{0}{:?}\u{0}{prose_position:?}",
            headings.regex.as_str(),
            prose.as_ref().map(|p| p.regex.as_str())
        );
        SectionMatcher { headings, level, prose, prose_position, key }
    }

    /// Where the section is in `report` (looked for once per report and key).
    pub fn find(&self, report: &Report) -> Found {
        report.section(&self.key, || self.search(report))
    }

    fn search(&self, report: &Report) -> Found {
        let heading = report
            .headings
            .iter()
            .position(|h| self.level.is_none_or(|l| l == h.level) && self.headings.is_match_in(report.text(), h.title));
        if let Some(i) = heading {
            return Found::Heading(i);
        }
        if let Some(p) = &self.prose {
            let m = match self.prose_position {
                ProsePosition::First => p.find(report.text(), &report.paragraphs),
                ProsePosition::Last => p.find_iter(report.text(), &report.paragraphs).last().map(|(_, s)| s),
            };
            if let Some(m) = m {
                return Found::Prose(m);
            }
        }
        Found::Missing
    }
}

#[derive(Debug)]
pub struct SectionRule {
    pub matcher: Arc<SectionMatcher>,
    prose_severity: Option<Severity>,
    prose_message: Option<String>,
    after_id: Option<Spanned<String>>,
    after: Option<(String, Arc<SectionMatcher>)>,
}

impl SectionRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<SectionRule, RuleError> {
        let Some(headings) = &spec.headings else {
            return Err(src.error(
                spec.kind.referenced,
                "a `section` rule needs `headings`: the heading words that name the section",
                "kind section",
            ));
        };
        let level = match &spec.level {
            Some(l) if !(1..=4).contains(&l.value) => {
                return Err(src.error(l.referenced, "`level` is 1 (一、), 2 ((一)), 3 (1.) or 4 ((1))", "level"))
            }
            l => l.as_ref().map(|l| l.value),
        };
        let prose = spec.prose.as_ref().map(|p| compile_list(src, "prose", p)).transpose()?;
        Ok(SectionRule {
            matcher: Arc::new(SectionMatcher::new(
                compile_list(src, "headings", headings)?,
                level,
                prose,
                spec.prose_position.as_ref().map(|p| p.value).unwrap_or_default(),
            )),
            prose_severity: spec.prose_severity.as_ref().and_then(|s| s.value.severity()),
            prose_message: spec.prose_message.as_ref().map(|m| m.value.trim().to_string()),
            after_id: spec.after.clone(),
            after: None,
        })
    }

    /// Resolve `after:` to the other section rule.
    pub fn link(
        &mut self,
        src: &RuleSource,
        sections: &BTreeMap<String, Arc<SectionMatcher>>,
    ) -> Result<(), RuleError> {
        if let Some(id) = &self.after_id {
            match sections.get(&id.value) {
                Some(m) => self.after = Some((id.value.clone(), m.clone())),
                None => {
                    return Err(src.error(
                        id.referenced,
                        format!("`after` names `{}`, which is not a section rule", id.value),
                        "unknown section",
                    ))
                }
            }
        }
        Ok(())
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let found = self.matcher.find(report);
        match found {
            Found::Missing => {
                let missing = meta.finding(report.anchor(), "全文没有这一部分");
                // A text cut off in mid-report may have the part after the cut: said, not charged.
                out.push(match report.cut_off() {
                    Some(cut) => missing
                        .with_message(format!(
                            "{}(文本在句子中间或标题处中断,这一部分可能在缺失的后文中)",
                            meta.message
                        ))
                        .with_severity(Severity::Info)
                        .with_related(cut, "文本在这里中断"),
                    None => missing,
                });
                return;
            }
            Found::Prose(span) => {
                if let Some(sev) = self.prose_severity {
                    let message = self
                        .prose_message
                        .clone()
                        .unwrap_or_else(|| format!("{}(只在正文中提及,没有单独的标题)", meta.message));
                    out.push(meta.finding(span, "只在正文中出现,没有标题").with_message(message).with_severity(sev));
                }
            }
            Found::Heading(_) => {}
        }
        if let Some((other_id, other)) = &self.after {
            let theirs = other.find(report);
            if let (Some(mine), Some(before)) = (found.position(report), theirs.position(report)) {
                if mine < before {
                    let span = match found {
                        Found::Heading(i) => report.headings[i].title,
                        Found::Prose(s) => s,
                        Found::Missing => unreachable!(),
                    };
                    let related = match theirs {
                        Found::Heading(i) => report.headings[i].title,
                        Found::Prose(s) => s,
                        Found::Missing => unreachable!(),
                    };
                    out.push(
                        meta.finding(span, "这一部分出现得太早")
                            .with_message(format!("{}:应在 `{other_id}` 所指部分之后", meta.message))
                            .with_related(related, "应在这一部分之后"),
                    );
                }
            }
        }
    }
}
