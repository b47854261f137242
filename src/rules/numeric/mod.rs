//! Numeric rules: the kinds that check that numbers in the prose agree (`compare`, `sum`,
//! `ratio`, `bound`, `count`, `year`, `assert`). This module holds what they share: the number
//! grammar `{n}`, metrics (named patterns that capture one number), and scope units.
//!
//! Precision first: a quantity that is a bound (`1万余人`) is never treated as a value. A check
//! fails only when no value the bound allows could satisfy it, and such a finding is never more
//! than a warning.

mod assert;
mod bound;
mod compare;
mod count;
mod explain;
mod growth;
mod pair;
mod partition;
mod rate;
mod ratio;
mod share;
mod year;

use serde_saphyr::Spanned;

use super::search::Searcher;
use super::{compile_regex, RuleError, RuleMeta, RuleSource};
use crate::config::{Kind, RatioMode, RuleSpec, Scope};
use crate::finding::{Finding, Severity};
use crate::quantity::Quantity;
use crate::report::{Report, Span};

/// The number grammar, as a regex: digits (with thousands separators and decimals) or Chinese
/// numerals, an optional scale, `余`/`多`; bound words before it are allowed.
const NUMBER: &str =
    r"(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千万亿]+)(?:[ \t]*[万亿])?(?:余|多)?";
const BOUND_WORDS: &str = r"(?:超过|多达|不少于|不低于|不到|不足|不超过|将近|接近|近|约|超|逾|上)?";

/// Expand `{n}` in a pattern written in a rule. In a metric (`capture`), `{n}` becomes the
/// group named `n`; elsewhere a plain group.
pub fn expand(pattern: &str, capture: bool) -> String {
    let group = if capture { format!("(?P<n>{NUMBER})") } else { format!("(?:{NUMBER})") };
    pattern.replace("{n}", &format!("[ \\t]*{BOUND_WORDS}{group}[ \\t]*"))
}

/// A named pattern that captures one number.
#[derive(Debug, Clone)]
pub struct Metric {
    pub name: String,
    pub search: Searcher,
}

/// A metric found: the quantity and the span of the whole match.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'r> {
    pub quantity: &'r Quantity,
    pub matched: Span,
}

/// Compile a pattern that must hold exactly one `{n}`.
pub fn compile_metric(src: &RuleSource, name: &str, pattern: &Spanned<String>) -> Result<Metric, RuleError> {
    let count = pattern.value.matches("{n}").count();
    if count != 1 {
        return Err(src.error(
            pattern.referenced,
            format!("`{name}` must contain `{{n}}` exactly once, where the number stands (found {count})"),
            "pattern",
        ));
    }
    let expanded = expand(&pattern.value, true);
    let regex = compile_regex(src, &Spanned { value: expanded.clone(), ..pattern.clone() })?;
    Ok(Metric { name: name.to_string(), search: Searcher::new(regex, &expanded) })
}

impl Metric {
    /// Every hit of this metric within one paragraph of `region`, in order.
    pub fn hits<'r>(&self, report: &'r Report, region: Span) -> Vec<Hit<'r>> {
        self.hits_in_units(report, &report.paragraph_spans(region)).into_iter().map(|(_, h)| h).collect()
    }

    /// Every hit within one of `units` (sorted, disjoint), each with the index of its unit.
    /// A hit never crosses a line: a unit of several lines is searched line by line. Hits may
    /// overlap: after each one the search goes on right after its number, so
    /// `6件,其中4件……分别是` yields both numbers.
    pub fn hits_in_units<'r>(&self, report: &'r Report, units: &[Span]) -> Vec<(usize, Hit<'r>)> {
        let mut out = Vec::new();
        let all = report.text();
        for i in self.search.candidates(all, units) {
            let unit = units[i];
            let mut start = unit.start;
            for line in all[unit.start..unit.end].split('\n') {
                let piece = Span::new(start, start + line.trim_end_matches('\r').len());
                start += line.len() + 1;
                self.hits_in(report, piece, &mut |h| out.push((i, h)));
            }
        }
        out
    }

    /// The hits within one line's `piece` of the text.
    fn hits_in<'r>(&self, report: &'r Report, piece: Span, found: &mut dyn FnMut(Hit<'r>)) {
        let regex = &self.search.regex;
        let text = &report.text()[piece.start..piece.end];
        let mut at = 0;
        while at <= text.len() {
            // The DFA finds where a match is. When exactly one quantity lies inside the match,
            // it is the `{n}`; only otherwise does the slower capturing search run.
            let Some(m) = regex.find_at(text, at) else { break };
            let (ms, me) = (piece.start + m.start(), piece.start + m.end());
            let first = report.quantities.partition_point(|q| q.span.start < ms);
            let inside = report.quantities[first..].iter().take_while(|q| q.span.start < me).count();
            let single = report.quantities.get(first).filter(|_| inside == 1);
            let (quantity, n_end) = match single {
                Some(q) => (Some(q), q.span.start + 1 - piece.start),
                None => {
                    let Some(c) = regex.captures_at(text, m.start()) else { break };
                    let Some(n) = c.name("n") else { break };
                    (report.quantity_at(piece.start + n.start()), n.end())
                }
            };
            if let Some(quantity) = quantity {
                found(Hit { quantity, matched: Span::new(ms, me) });
            }
            at = crate::text::ceil_boundary(text, n_end.max(m.start() + 1));
        }
    }
}

/// The first hit in each of `n` units.
pub fn first_per_unit<'r>(hits: &[(usize, Hit<'r>)], n: usize) -> Vec<Option<Hit<'r>>> {
    let mut out = vec![None; n];
    for &(i, h) in hits {
        if out[i].is_none() {
            out[i] = Some(h);
        }
    }
    out
}

/// The units a scope divides a report into.
pub fn units(report: &Report, scope: Scope) -> std::borrow::Cow<'_, [Span]> {
    use std::borrow::Cow;
    match scope {
        Scope::Document => Cow::Owned(vec![Span::new(0, report.text().len())]),
        Scope::Title => Cow::Owned(report.title.iter().map(|t| t.span).collect()),
        Scope::Paragraph => Cow::Owned(report.paragraphs.iter().map(|p| p.span).collect()),
        Scope::Sentence => Cow::Borrowed(report.sentence_spans()),
        Scope::Clause => Cow::Borrowed(report.clauses()),
        Scope::Section | Scope::OutsideSection => Cow::Borrowed(report.between_headings()),
    }
}

/// A finding that rests on a bound is at most a warning.
pub fn cap(severity: Severity, exact: bool) -> Severity {
    if exact {
        severity
    } else {
        severity.min(Severity::Warning)
    }
}

/// The words of a quantity as written.
pub fn words(report: &Report, q: &Quantity) -> String {
    report.slice(q.span).trim().to_string()
}

/// Format a computed value for a message: as many decimals as `decimals` (at least two when the
/// value is not whole), trailing zeros removed.
pub fn fmt_value(v: f64, decimals: u8) -> String {
    let d = if v.fract().abs() < 1e-9 { decimals as usize } else { (decimals as usize).max(2) };
    let s = format!("{v:.d$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The total a list after `其中` refers to: the last quantity with a unit (not a percentage)
/// that ends at most `TOTAL_GAP` characters before `marker` in the same paragraph.
pub fn total_before(report: &Report, marker: usize) -> Option<&Quantity> {
    const TOTAL_GAP: usize = 8;
    let para = report.paragraph_at(marker)?;
    let p = report.paragraphs[para].span;
    let n = report.quantities.partition_point(|q| q.span.end <= marker);
    // Only quantities close enough to be the total are looked at (the gap is in characters,
    // at most 4 bytes each).
    let q = report.quantities[..n]
        .iter()
        .rev()
        .take_while(|q| q.span.start >= p.start && marker - q.span.end <= TOTAL_GAP * 4)
        .find(|q| !q.unit.is_empty() && !q.is_percent() && q.unit != "个百分点")?;
    let gap = &report.text()[q.span.end..marker];
    (gap.chars().count() <= TOTAL_GAP).then_some(q)
}

/// The runnable part of a numeric rule.
#[derive(Debug)]
pub enum NumericRule {
    Compare(compare::CompareRule),
    Ratio(ratio::RatioRule),
    Bound(bound::BoundRule),
    Count(count::CountRule),
    Year(year::YearRule),
    Assert(assert::AssertRule),
    Rate(rate::RateRule),
    Share(share::ShareRule),
    Partition(partition::PartitionRule),
    Pair(pair::PairRule),
    Growth(growth::GrowthRule),
}

impl NumericRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<NumericRule, RuleError> {
        Ok(match spec.kind.value {
            Kind::Compare if spec.pairs.is_some() => NumericRule::Pair(pair::PairRule::compile(src, spec)?),
            Kind::Compare => NumericRule::Compare(compare::CompareRule::compile(src, spec)?),
            Kind::Sum => NumericRule::Partition(partition::PartitionRule::compile(src, spec)?),
            Kind::Ratio => match spec.mode.as_ref().map(|m| m.value) {
                Some(RatioMode::Stem) => NumericRule::Rate(rate::RateRule::compile(src, spec)?),
                Some(RatioMode::Share) => NumericRule::Share(share::ShareRule::compile(src, spec)?),
                Some(RatioMode::Growth) => NumericRule::Growth(growth::GrowthRule::compile(src, spec)?),
                None => NumericRule::Ratio(ratio::RatioRule::compile(src, spec)?),
            },
            Kind::Bound => NumericRule::Bound(bound::BoundRule::compile(src, spec)?),
            Kind::Count => NumericRule::Count(count::CountRule::compile(src, spec)?),
            Kind::Year => NumericRule::Year(year::YearRule::compile(src, spec)?),
            Kind::Assert => NumericRule::Assert(assert::AssertRule::compile(src, spec)?),
            other => unreachable!("{} is not numeric", other.as_str()),
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        match self {
            NumericRule::Compare(r) => r.check(report, meta, out),
            NumericRule::Ratio(r) => r.check(report, meta, out),
            NumericRule::Bound(r) => r.check(report, meta, out),
            NumericRule::Count(r) => r.check(report, meta, out),
            NumericRule::Year(r) => r.check(report, meta, out),
            NumericRule::Assert(r) => r.check(report, meta, out),
            NumericRule::Rate(r) => r.check(report, meta, out),
            NumericRule::Share(r) => r.check(report, meta, out),
            NumericRule::Partition(r) => r.check(report, meta, out),
            NumericRule::Pair(r) => r.check(report, meta, out),
            NumericRule::Growth(r) => r.check(report, meta, out),
        }
    }
}

/// Compile the `metrics:` map of a rule, in name order.
pub fn compile_metrics(src: &RuleSource, spec: &RuleSpec) -> Result<Vec<Metric>, RuleError> {
    let Some(metrics) = &spec.metrics else {
        return Err(src.error(
            spec.kind.referenced,
            "this kind needs `metrics`: names for the numbers it relates",
            "kind",
        ));
    };
    if metrics.value.is_empty() {
        return Err(src.error(metrics.referenced, "`metrics` is empty", "metrics"));
    }
    metrics.value.iter().map(|(name, p)| compile_metric(src, name, p)).collect()
}

/// The scope a rule gives, or `default`.
pub fn scope_of(spec: &RuleSpec, default: Scope) -> Scope {
    spec.scope.as_ref().map_or(default, |s| s.value)
}
