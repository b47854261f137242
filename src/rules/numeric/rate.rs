//! `ratio` with `mode: stem`: a stated rate agrees with the counts it is computed from, whatever its stem —
//! `调解成功率` ↔ `调解成功2036件` over `调解矛盾纠纷2093件`, `办结率` ↔ `办结N件`, `接通率` ↔
//! `接通N个`, `纠错率` ↔ `纠错N件`.
//!
//! Explain before flagging: the rate is consistent when *some* count (or the sum of a few
//! neighbouring counts) over *some* count of the same family in scope reproduces it, rounded or
//! truncated at the stated precision. Only when no such reading exists, and the words name the
//! intended one — a count whose words end like the rate's stem (its numerator) and a count
//! before it named as a base (`bases:` 受理, 收到, 共 …, or the rate's own head word: 调解 for
//! 调解成功率) — is it flagged, with the numbers used and the value they give. A base without a
//! numerator is still checked when no whole count over it can give the rate (`调解84起,调解成功率
//! 98.4%`). `exempt` words before the rate (`法定期限内`, `按期`, `同比`) skip it: that rate has
//! another base.

use regex::Regex;

use super::explain::{families, fits, fits_loosely, impossible_over, iv, optional_regex, should_be};
use super::{cap, compile_metric, fmt_value, words, Metric};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::relation::{ledger, Families, Mention, Relations};
use crate::report::Report;
use crate::rules::{RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct RateRule {
    rate: Metric,
    bases: Option<Regex>,
    exempt: Option<Regex>,
    families: Families,
}

/// Counts looked at before a rate, as numerators and bases.
pub const LOOK_BACK: usize = 120;
/// Numerators tried: the nearest ones only.
const NEAREST: usize = 12;
/// Counts right before a named numerator, in its sentence, that may be its base unnamed
/// (`收集企业诉求341件,累计办结336件`).
const NEAR_NUMERATOR: usize = 2;
/// Characters before a rate that make up its stem (`综合办结` of `综合办结率`).
const STEM_CHARS: usize = 6;

impl RateRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<RateRule, RuleError> {
        let Some(rate) = &spec.rate else {
            return Err(src.error(
                spec.kind.referenced,
                "a `ratio` rule with `mode: stem` needs `rate`: how the rate reads, with `{n}`",
                "kind",
            ));
        };
        Ok(RateRule {
            rate: compile_metric(src, "rate", rate)?,
            bases: optional_regex(src, &spec.bases)?,
            exempt: optional_regex(src, &spec.exempt)?,
            families: families(spec),
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let units = super::units(report, Scope::Clause);
        let hits = self.rate.hits_in_units(report, &units);
        if hits.is_empty() {
            return;
        }
        let rel = Relations::build(report, &self.families);
        let text = report.text();
        for (_, hit) in hits {
            let p = hit.quantity;
            if !p.is_percent() {
                continue;
            }
            let stem = stem_before(text, hit.matched.start);
            if stem.chars().count() < 2 {
                continue;
            }
            let window = super::ratio::window_before(text, hit.matched.start, 12);
            if self.exempt.as_ref().is_some_and(|e| e.is_match(window) || e.is_match(stem)) {
                continue;
            }
            let pi = rel.first_at(p.span.start);
            if let Some(f) = self.judge(&rel, pi, stem, meta) {
                out.push(f);
            }
        }
    }

    fn judge(&self, rel: &Relations<'_>, pi: usize, stem: &str, meta: &RuleMeta) -> Option<Finding> {
        let pm = rel.mentions.get(pi)?;
        let p = pm.q;
        let core: String = stem.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
        let head: String = stem.chars().take(stem.chars().count() - 2).collect();
        // Bounds open on one side (`超过1万人`) can give any rate: they explain nothing.
        let before: Vec<&Mention<'_>> = rel.mentions[pi.saturating_sub(LOOK_BACK)..pi]
            .iter()
            .filter(|m| m.is_count() && m.hi().is_finite())
            .collect();
        // Numerators: the counts named like the rate; when none is, the counts of the rate's
        // sentence and the one before it (and after it in its own sentence), with sums of
        // neighbours. Bases: any count in scope.
        let close = |m: &&Mention<'_>| m.sentence == pm.sentence || m.sentence.wrapping_add(1) == pm.sentence;
        let after = rel.mentions[pi + 1..]
            .iter()
            .take(NEAREST)
            .take_while(|m| m.sentence == pm.sentence)
            .filter(|m| m.is_count() && m.hi().is_finite());
        let mut named: Vec<&Mention<'_>> =
            before.iter().rev().copied().filter(|m| names(rel.stem(m), stem, &core)).take(NEAREST).collect();
        let any_named = !named.is_empty();
        let nums: Vec<&Mention<'_>> = if named.is_empty() {
            let mut near: Vec<&Mention<'_>> = before.iter().rev().copied().filter(close).take(NEAREST).collect();
            near.reverse();
            near.into_iter().chain(after.clone().take(NEAREST)).collect()
        } else {
            named.reverse();
            named
        };
        let is_base = |m: &Mention<'_>| {
            let s = rel.stem(m);
            !s.contains(core.as_str())
                && (self.bases.as_ref().is_some_and(|b| b.is_match(s))
                    || (head.chars().count() >= 2 && s.contains(head.as_str())))
        };
        // Bases in scope: with numerators named like the rate, the counts of the rate's
        // paragraph right before a numerator in its sentence (or the numerators themselves, whose
        // sum may be the base: `已解决3112件,未解决344件`) or named as a base; not
        // every count of the page, among which some quotient lands on an integer percentage by
        // chance. Without a named numerator, any count (nothing will be flagged but an
        // impossible base).
        let near_num = |m: &&Mention<'_>| {
            !any_named
                || (m.paragraph == pm.paragraph
                    && (is_base(m)
                        || nums.iter().any(|n| {
                            m.sentence == n.sentence && m.index <= n.index && n.index - m.index <= NEAR_NUMERATOR
                        })))
        };
        let bases: Vec<&Mention<'_>> = before.iter().copied().filter(near_num).chain(after).collect();
        if let Some((n, d)) = explained(p, &nums, &bases) {
            ledger::record(&meta.id, p.span, true, || {
                format!("{}/{} ≈ {}", fmt_value(n, 2), fmt_value(d, 2), words(rel.report, p))
            });
            return None;
        }
        // The reading the words name: the nearest count like the stem, in this paragraph …
        let near = || before.iter().rev().take_while(|m| m.paragraph == pm.paragraph);
        let num = near().find(|m| names(rel.stem(m), stem, &core)).copied();
        // … over the nearest base before it.
        match num {
            Some(n) => {
                // A count named as a base; failing that, the count just before the numerator
                // in its sentence (`收集企业诉求341件,累计办结336件,办结率…`).
                let candidates =
                    || near().filter(|m| m.q.span.start < n.q.span.start && m.family == n.family && m.hi() >= n.lo());
                let den = candidates()
                    .find(|m| is_base(m))
                    .or_else(|| candidates().take_while(|m| m.sentence == n.sentence).find(|m| !m.stem.is_empty()))?;
                if fits(p, iv(n), iv(den)) {
                    ledger::record(&meta.id, p.span, true, || {
                        format!("{}/{} ≈ {}", words(rel.report, n.q), words(rel.report, den.q), words(rel.report, p))
                    });
                    return None;
                }
                let exact = n.q.is_exact() && den.q.is_exact() && p.is_exact();
                let severity = if fits_loosely(p, iv(n), iv(den)) {
                    crate::finding::Severity::Info
                } else {
                    cap(meta.severity, exact)
                };
                let shown = should_be(p, n.q.value, den.q.value);
                let (nw, dw, rw) = (words(rel.report, n.q), words(rel.report, den.q), words(rel.report, p));
                let (nv, dv) = (fmt_value(n.q.value, n.q.decimals), fmt_value(den.q.value, den.q.decimals));
                ledger::record(&meta.id, p.span, false, || format!("{nv}/{dv} = {shown}%,报告写作 {rw}"));
                Some(
                    meta.finding(p.span, format!("应为 {shown}%"))
                        .with_message(format!("{}:{stem}率应为 {shown}%({nv}/{dv}),报告写作 {rw}", meta.message))
                        .with_severity(severity)
                        .with_related(n.q.span, format!("分子 {nw}"))
                        .with_related(den.q.span, format!("分母 {dw}")),
                )
            }
            None => {
                // No numerator given: the base alone, in the rate's sentence, can rule it out.
                let den = near().take_while(|m| m.sentence == pm.sentence).find(|m| is_base(m))?;
                if !den.q.is_exact() || !impossible_over(p, den.q.value) {
                    return None;
                }
                let (dw, rw) = (words(rel.report, den.q), words(rel.report, p));
                ledger::record(&meta.id, p.span, false, || format!("k/{dw} ≠ {rw}(k 为整数)"));
                Some(
                    meta.finding(p.span, "没有整数能得出这个比率")
                        .with_message(format!("{}:以 {dw} 为基数,没有哪个整数能得出{stem}率 {rw}", meta.message))
                        .with_related(den.q.span, format!("基数 {dw}")),
                )
            }
        }
    }
}

/// Whether some numerator — a count named like the rate, or else a count of the rate's sentence
/// (or the sum of two or three neighbours there) — over some base in scope (a count, or the sum of two
/// neighbours: `已解决3112件,未解决344件`) gives `p`. A count is never its own base.
fn explained(p: &crate::quantity::Quantity, nums: &[&Mention<'_>], bases: &[&Mention<'_>]) -> Option<(f64, f64)> {
    // Each reading: its interval, family, and the first mention it is made of.
    let with_sums = |list: &[&Mention<'_>], width: usize| {
        let mut out: Vec<((f64, f64), crate::relation::Family, usize, bool)> = Vec::new();
        for (k, m) in list.iter().enumerate() {
            out.push((iv(m), m.family, m.index, true));
            let mut acc = iv(m);
            for n in list[k + 1..].iter().take(width) {
                if n.family != m.family || n.sentence != m.sentence {
                    break;
                }
                acc = (acc.0 + n.lo(), acc.1 + n.hi());
                out.push((acc, m.family, m.index, false));
            }
        }
        out
    };
    let numerators = with_sums(nums, 2);
    let denominators = with_sums(bases, 1);
    // A count is not its own base.
    numerators.iter().find_map(|&(n, fam, ni, single)| {
        denominators
            .iter()
            .find(|&&(d, df, di, dsingle)| df == fam && !(single && dsingle && ni == di) && d.1 >= n.0 && fits(p, n, d))
            .map(|&(d, ..)| (n.0, d.0))
    })
}

/// Whether a count's words name what the rate counts: they hold the rate's whole stem
/// (`受理行政复议案件` for `受理率`, `综合办结数为` for `综合办结率`), or end with its last word
/// (`累计办结` for `办结率`, `已解决` for `解决率`).
fn names(count_stem: &str, rate_stem: &str, core: &str) -> bool {
    let s = count_stem.trim_end_matches(|c: char| c.is_whitespace() || "数为是达共计了的量总有".contains(c));
    s.ends_with(core) || count_stem.contains(rate_stem)
}

/// The words of a rate's stem: up to [`STEM_CHARS`] characters before `率`, back to punctuation,
/// a digit or a space.
fn stem_before(text: &str, rate_start: usize) -> &str {
    let head = &text[..rate_start];
    let mut start = rate_start;
    for (i, c) in head.char_indices().rev().take(STEM_CHARS) {
        if c.is_ascii_punctuation() || c.is_ascii_digit() || c.is_whitespace() || "、。的和及与".contains(c) {
            break;
        }
        start = i;
    }
    &text[start..rate_start]
}
