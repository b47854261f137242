//! `ratio`: a stated rate agrees with numerator / denominator, e.g. `调解成功率97.26%` against
//! `调解成功2036件` / `调解矛盾纠纷2093件`. Consistent when the stated value equals the true ratio
//! rounded *or truncated* at the stated precision (reports often truncate: 2003/2006 = 99.85%
//! is written `99.8%`). `exempt` words before the rate (`法定期限内办结率`) skip it: that rate has
//! another denominator.
//!
//! Without `numerator` and `denominator` the rule checks shares: `总评价515684条,其中非常满意
//! 469918条,占比91.13%` — the part is the quantity just before the rate, the whole is the total
//! before `其中`.

use regex::Regex;

use super::{compile_metric, first_per_unit, fmt_value, scope_of, total_before, units, words, Metric};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::quantity::{Exactness, Quantity};
use crate::report::{Report, Span};
use crate::rules::{compile_regex, RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct RatioRule {
    rate: Metric,
    parts: Option<(Metric, Metric)>,
    exempt: Option<Regex>,
    scope: Scope,
}

/// Characters before a rate searched for `exempt` words.
const EXEMPT_WINDOW: usize = 12;
/// Characters between `其中` and a share's rate.
const SHARE_WINDOW: usize = 80;

impl RatioRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<RatioRule, RuleError> {
        let Some(rate) = &spec.rate else {
            return Err(src.error(
                spec.kind.referenced,
                "a `ratio` rule needs `rate`: the stated rate with `{n}`",
                "kind",
            ));
        };
        let parts = match (&spec.numerator, &spec.denominator) {
            (Some(n), Some(d)) => Some((compile_metric(src, "numerator", n)?, compile_metric(src, "denominator", d)?)),
            (None, None) => None,
            (Some(x), None) | (None, Some(x)) => {
                return Err(src.error(
                    x.referenced,
                    "give both `numerator` and `denominator`, or neither (shares of the total before 其中)",
                    "here",
                ))
            }
        };
        Ok(RatioRule {
            rate: compile_metric(src, "rate", rate)?,
            parts,
            exempt: spec.exempt.as_ref().map(|e| compile_regex(src, e)).transpose()?,
            scope: scope_of(spec, Scope::Sentence),
        })
    }

    fn exempted(&self, report: &Report, rate: Span) -> bool {
        let Some(ex) = &self.exempt else { return false };
        ex.is_match(&format!(
            "{}{}",
            window_before(report.text(), rate.start, EXEMPT_WINDOW),
            &report.text()[rate.start..rate.end]
        ))
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let units = units(report, self.scope);
        let rates = self.rate.hits_in_units(report, &units);
        if rates.is_empty() {
            return;
        }
        let parts = self.parts.as_ref().map(|(n, d)| {
            (
                first_per_unit(&n.hits_in_units(report, &units), units.len()),
                first_per_unit(&d.hits_in_units(report, &units), units.len()),
            )
        });
        for (i, hit) in rates {
            let rate = hit.quantity;
            if !rate.is_percent() || self.exempted(report, hit.matched) {
                continue;
            }
            let pair = match &parts {
                Some((n, d)) => n[i].zip(d[i]).map(|(n, d)| (n.quantity, d.quantity)),
                None => share_parts(report, rate),
            };
            let Some((num, den)) = pair else { continue };
            if let Some(f) = judge(report, meta, rate, num, den) {
                out.push(f);
            }
        }
    }
}

/// Up to `chars` characters before `at`, on its own line only.
pub fn window_before(text: &str, at: usize, chars: usize) -> &str {
    let from = text[..at].char_indices().rev().nth(chars - 1).map_or(0, |(i, _)| i);
    let window = &text[from..at];
    window.rfind('\n').map_or(window, |i| &window[i + 1..])
}

/// For a share `占比x%`: the part just before it and the total before the nearest `其中`.
fn share_parts<'r>(report: &'r Report, rate: &Quantity) -> Option<(&'r Quantity, &'r Quantity)> {
    let text = report.text();
    let from = text[..rate.span.start].char_indices().rev().nth(SHARE_WINDOW).map_or(0, |(i, _)| i);
    let marker = from + text[from..rate.span.start].rfind("其中")?;
    let total = total_before(report, marker)?;
    let n = report.quantities.partition_point(|q| q.span.end <= rate.span.start);
    let part =
        report.quantities[..n].iter().rev().take_while(|q| q.span.start > marker).find(|q| q.unit == total.unit)?;
    Some((part, total))
}

/// The true percentage `num / den`, and whether `stated` agrees with it.
pub fn agrees(stated: &Quantity, num: f64, den: f64) -> (f64, bool) {
    let truth = num / den * 100.0;
    let scale = 10f64.powi(i32::from(stated.decimals));
    let rounded = (truth * scale).round() / scale;
    let truncated = (truth * scale + 1e-9).floor() / scale;
    let ok = match stated.exactness {
        Exactness::Exact => (stated.value - rounded).abs() < 1e-9 || (stated.value - truncated).abs() < 1e-9,
        Exactness::AtLeast => truth + 1e-9 >= stated.value,
        Exactness::AtMost => truth <= stated.value + 1e-9,
        Exactness::About => (truth - stated.value).abs() <= 1.0,
    };
    (truth, ok)
}

fn judge(report: &Report, meta: &RuleMeta, rate: &Quantity, num: &Quantity, den: &Quantity) -> Option<Finding> {
    // Only exact counts give a ratio; a bound (`1万余人`) never does.
    if !num.is_exact() || !den.is_exact() || den.value <= 0.0 || num.unit != den.unit {
        return None;
    }
    let (truth, ok) = agrees(rate, num.value, den.value);
    if ok {
        return None;
    }
    let scale = 10f64.powi(i32::from(rate.decimals.max(2)));
    let shown = fmt_value((truth * scale).round() / scale, rate.decimals);
    let (nw, dw, rw) = (words(report, num), words(report, den), words(report, rate));
    let (nv, dv) = (fmt_value(num.value, num.decimals), fmt_value(den.value, den.decimals));
    Some(
        meta.finding(rate.span, format!("应为 {shown}%"))
            .with_message(format!("{}:应为 {shown}%({nv}/{dv}),报告写作 {rw}", meta.message))
            .with_related(num.span, format!("分子 {nw}"))
            .with_related(den.span, format!("分母 {dw}")),
    )
}
