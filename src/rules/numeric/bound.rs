//! `bound`: rates and shares (满意率, 办结率, 出庭应诉率, 占比 …) are never above `max` (100 by
//! default). Growth rates (`增长142.4%`, `同比`) are `exempt`. A bound (`95%以上`) fails only
//! when its lowest value is already above the maximum.

use regex::Regex;

use super::{cap, compile_metric, fmt_value, scope_of, units, words, Metric};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::report::Report;
use crate::rules::{compile_regex, RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct BoundRule {
    rate: Metric,
    max: f64,
    exempt: Option<Regex>,
    scope: Scope,
}

impl BoundRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<BoundRule, RuleError> {
        let Some(rate) = &spec.rate else {
            return Err(src.error(spec.kind.referenced, "a `bound` rule needs `rate`: the rate with `{n}`", "kind"));
        };
        Ok(BoundRule {
            rate: compile_metric(src, "rate", rate)?,
            max: spec.max.as_ref().map_or(100.0, |m| m.value),
            exempt: spec.exempt.as_ref().map(|e| compile_regex(src, e)).transpose()?,
            scope: scope_of(spec, Scope::Clause),
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        // Only a percentage above the bound can fail it: most reports have none.
        if !report.quantities.iter().any(|q| q.is_percent() && q.interval().0 > self.max) {
            return;
        }
        let units = units(report, self.scope);
        for (i, hit) in self.rate.hits_in_units(report, &units) {
            let q = hit.quantity;
            if !q.is_percent() || q.interval().0 <= self.max {
                continue;
            }
            let before = &report.text()[units[i].start..hit.matched.end];
            if self.exempt.as_ref().is_some_and(|e| e.is_match(before)) {
                continue;
            }
            let w = words(report, q);
            let max = fmt_value(self.max, 0);
            let what = report.slice(hit.matched).trim_end_matches(w.as_str()).trim().to_string();
            out.push(
                meta.finding(q.span, format!("超过 {max}%"))
                    .with_message(format!("{}:{what} 写作 {w},超过 {max}%", meta.message))
                    .with_severity(cap(meta.severity, q.is_exact())),
            );
        }
    }
}
