//! `sum`: the parts listed after `其中` add up to at most the total before it
//! (`受理14件。其中不予受理3件,撤销2件……` → 3+2+… ≤ 14); with `exact: true`, to exactly the total.
//! Parts count only when they have the total's unit, so `占比91.13%` or `共有调解员1246名` after
//! `调委会228个,其中……` are not parts.

use super::{cap, fmt_value, total_before, words};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::quantity::Quantity;
use crate::report::Report;
use crate::rules::search::Searcher;
use crate::rules::{compile_searcher, RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct SumRule {
    marker: Searcher,
    exact: bool,
}

impl SumRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<SumRule, RuleError> {
        let Some(parts) = &spec.parts else {
            return Err(src.error(
                spec.kind.referenced,
                "a `sum` rule needs `parts`: the words that open the list, e.g. `其中`",
                "kind",
            ));
        };
        Ok(SumRule { marker: compile_searcher(src, parts)?, exact: spec.exact.as_ref().is_some_and(|e| e.value) })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let text = report.text();
        for (_, m) in self.marker.find_iter(text, &report.paragraphs) {
            let Some(total) = total_before(report, m.start) else {
                continue;
            };
            let end = list_end(report, m.start, m.end);
            let first = report.quantities.partition_point(|q| q.span.start < m.end);
            let parts: Vec<&Quantity> = report.quantities[first..]
                .iter()
                .take_while(|q| q.span.end <= end)
                .filter(|q| q.unit == total.unit)
                .collect();
            if parts.is_empty() {
                continue;
            }
            let lo: f64 = parts.iter().map(|q| q.interval().0).sum();
            let hi: f64 = parts.iter().map(|q| q.interval().1).sum();
            let (tlo, thi) = total.interval();
            let over = lo > thi + 1e-9;
            let under = self.exact && hi < tlo - 1e-9;
            if !(over || under) {
                continue;
            }
            let exact = total.is_exact() && parts.iter().all(|q| q.is_exact());
            let sum_words = parts.iter().map(|q| fmt_value(q.value, q.decimals)).collect::<Vec<_>>().join("+");
            let tw = words(report, total);
            let relation = if over { "超过" } else { "少于" };
            let message = format!(
                "{}:其中各项之和 {}{}({sum_words}){relation}总数 {tw}",
                meta.message,
                fmt_value(lo, 0),
                total.unit
            );
            // A part larger than the whole is surely the wrong number; otherwise any of them may
            // be, and the finding points at the total the parts were checked against.
            let culprit =
                parts.iter().copied().filter(|q| q.interval().0 > thi).max_by(|a, b| a.value.total_cmp(&b.value));
            let label = format!("各项之和 {} {relation}总数", fmt_value(lo, 0));
            let mut f = match culprit {
                Some(c) => meta.finding(c.span, format!("一项就{relation}总数 {tw}")).with_related(total.span, "总数"),
                None => meta.finding(total.span, label),
            };
            f = f.with_message(message).with_severity(cap(meta.severity, exact));
            for q in parts.iter().filter(|q| culprit.is_none_or(|c| c.span != q.span)) {
                f = f.with_related(q.span, "其中一项");
            }
            out.push(f);
        }
    }
}

/// Where the list opened at `marker` ends: the closing bracket when it opens inside `(`, else
/// the end of the sentence.
fn list_end(report: &Report, marker: usize, after: usize) -> usize {
    let text = report.text();
    let sentence_end = report.sentence_at(after.min(text.len().saturating_sub(1))).map_or(text.len(), |s| s.span.end);
    if text[..marker].ends_with('(') {
        if let Some(close) = text[after..sentence_end].find(')') {
            return after + close;
        }
    }
    sentence_end
}
