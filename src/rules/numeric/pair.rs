//! `compare` with `pairs:`: what was closed never exceeds what came in — `受理224件,办结168件`, `收案…结案`,
//! `新收…审结`, `发出…采纳`, `排查…调处` — for the word pairs the rule declares (`pairs:`).
//!
//! A closed count (a number whose words match the second word of a pair) is compared with the
//! nearest count before it in its paragraph, of its unit family, whose words match the first.
//! Explain before flagging: any count of the first kind in the paragraph large enough makes it
//! consistent (`新收88件,受理59件……结案86件`), and words of another period (`carry:` 旧存, 上年
//! 结转) anywhere before it in the paragraph (found once per paragraph) silence it: more may be closed than came in.

use regex::Regex;

use super::explain::{families, optional_regex};
use super::{cap, words};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::relation::{ledger, Families, Mention, Relations};
use crate::report::{Report, Span};
use crate::rules::{compile_regex, RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct PairRule {
    pairs: Vec<(Regex, Regex)>,
    carry: Option<Regex>,
    families: Families,
}

/// Counts looked at before a closed count.
const LOOK_BACK: usize = 40;

impl PairRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<PairRule, RuleError> {
        let Some(pairs) = &spec.pairs else {
            return Err(src.error(
                spec.kind.referenced,
                "a `compare` rule with pairs needs `pairs`: a list of [opened, closed] word pairs, e.g. `[受理|收案, 办结|审结]`",
                "kind",
            ));
        };
        let mut out = Vec::new();
        for p in &pairs.value {
            if p.value.len() != 2 {
                return Err(src.error(p.referenced, "each pair has two entries: [opened, closed]", "pair"));
            }
            let re = |s: &str| {
                compile_regex(
                    src,
                    &serde_saphyr::Spanned { value: s.to_string(), referenced: p.referenced, defined: p.defined },
                )
            };
            out.push((re(&p.value[0])?, re(&p.value[1])?));
        }
        Ok(PairRule { pairs: out, carry: optional_regex(src, &spec.carry)?, families: families(spec) })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        if report.quantities.len() < 2 {
            return;
        }
        let rel = Relations::build(report, &self.families);
        // Where each paragraph first names another period (searched once per paragraph).
        let mut carry_at: Vec<Option<Option<usize>>> = vec![None; report.paragraphs.len()];
        for (ci, closed) in rel.mentions.iter().enumerate() {
            if !closed.is_count() || closed.table {
                continue;
            }
            let stem = rel.stem(closed);
            for (opened_re, closed_re) in &self.pairs {
                let Some(cm) = closed_re.find(stem) else { continue };
                // `受理并办结` names both: not a closed count alone.
                if opened_re.is_match(&stem[cm.end()..]) {
                    continue;
                }
                let first_carry =
                    *carry_at.get_mut(closed.paragraph).map_or(&mut None, |c| c).get_or_insert_with(|| {
                        let p = report.paragraphs.get(closed.paragraph).map_or(Span::new(0, 0), |p| p.span);
                        self.carry
                            .as_ref()
                            .and_then(|c| c.find(&report.text()[p.start..p.end]))
                            .map(|m| p.start + m.end())
                    });
                if first_carry.is_some_and(|end| end <= closed.q.span.end) {
                    continue;
                }
                if let Some(f) = self.judge(&rel, ci, opened_re, closed_re, meta) {
                    out.push(f);
                    break;
                }
            }
        }
    }

    fn judge(
        &self,
        rel: &Relations<'_>,
        ci: usize,
        opened_re: &Regex,
        closed_re: &Regex,
        meta: &RuleMeta,
    ) -> Option<Finding> {
        let closed = &rel.mentions[ci];
        let is_opened = |m: &&Mention<'_>| {
            let s = rel.stem(m);
            m.is_count()
                && m.family == closed.family
                && opened_re.is_match(s)
                && !closed_re.is_match(s)
                && m.paren.is_none()
        };
        let before = || {
            rel.mentions[ci.saturating_sub(LOOK_BACK)..ci].iter().rev().take_while(|m| m.paragraph == closed.paragraph)
        };
        let opened = before().find(is_opened)?;
        let held = closed.lo() <= opened.hi() || before().filter(is_opened).any(|m| closed.lo() <= m.hi());
        let arithmetic = || format!("{} ≤ {}", words(rel.report, closed.q), words(rel.report, opened.q));
        ledger::record(&meta.id, closed.q.span, held, arithmetic);
        if held {
            return None;
        }
        let exact = closed.q.is_exact() && opened.q.is_exact();
        let (cw, ow) = (words(rel.report, closed.q), words(rel.report, opened.q));
        let (cs, os) = (rel.stem(closed).trim(), rel.stem(opened).trim());
        Some(
            meta.finding(closed.q.span, format!("多于 {ow}"))
                .with_message(format!("{}:{cs}{cw} 多于{os}{ow}", meta.message))
                .with_severity(cap(meta.severity, exact))
                .with_related(opened.q.span, format!("{os}{ow}")),
        )
    }
}
