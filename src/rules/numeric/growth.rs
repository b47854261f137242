//! `ratio` with `mode: growth`: a stated change agrees with the figures of both periods —
//! `收到申请281件,较2020年172件增加109件,增长了63%` (281 − 172 = 109, 109/172 = 63%), or
//! `新收5422件,比2019年增加842件,增幅为18.38%` (842/(5422 − 842)).
//!
//! Within one sentence: the current figure, the earlier one (its words say 较, 比, 上年, 同期 …),
//! the difference (增加/减少 N) and the rate (增长/下降/增幅 X%). Each relation is checked only
//! when both its sides are written; a rate is consistent when any reading of the figures gives
//! it (the difference over the earlier figure, however that is obtained).

use regex::Regex;

use super::explain::{families, fits, fits_loosely, iv, optional_regex, should_be};
use super::{cap, fmt_value, words};
use crate::config::RuleSpec;
use crate::finding::{Finding, Severity};
use crate::relation::{ledger, Families, Mention, Relations};
use crate::report::Report;
use crate::rules::{RuleError, RuleMeta, RuleSource};

/// A reading of a change: (change, earlier figure, the mention of each for messages).
type Reading<'a, 'r> = ((f64, f64), (f64, f64), &'a Mention<'r>, &'a Mention<'r>);

#[derive(Debug)]
pub struct GrowthRule {
    exempt: Option<Regex>,
    families: Families,
    up: Regex,
    down: Regex,
    earlier: Regex,
}

impl GrowthRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<GrowthRule, RuleError> {
        let re = |p: &str| Regex::new(p).map_err(|e| src.error(spec.kind.referenced, e.to_string(), "kind"));
        Ok(GrowthRule {
            exempt: optional_regex(src, &spec.exempt)?,
            families: families(spec),
            up: re("增长|增加|上升|提高|提升|增幅|多出|多了")?,
            down: re("下降|减少|降低|降幅|少了|回落")?,
            earlier: re("较|比|同期|上年|去年|前年|上期|上月|上季度")?,
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        if !report.quantities.iter().any(|q| q.is_percent()) && report.quantities.len() < 3 {
            return;
        }
        let rel = Relations::build(report, &self.families);
        let ms = &rel.mentions;
        let mut start = 0;
        while start < ms.len() {
            let s = ms[start].sentence;
            let end = start + ms[start..].iter().take_while(|m| m.sentence == s).count();
            if s != usize::MAX && end - start >= 2 {
                self.sentence(&rel, start, end, meta, out);
            }
            start = end;
        }
    }

    /// One sentence's mentions `ms[from..to]`.
    fn sentence(&self, rel: &Relations<'_>, from: usize, to: usize, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let ms = &rel.mentions[from..to];
        let stem = |m: &Mention<'_>| rel.stem(m);
        let sign = |m: &Mention<'_>| {
            let s = stem(m);
            if self.down.is_match(s) {
                Some(-1.0)
            } else if self.up.is_match(s) {
                Some(1.0)
            } else {
                None
            }
        };
        let Some(rate) = ms.iter().find(|m| m.is_percent() && sign(m).is_some()) else {
            return self.difference(rel, ms, meta, out, &sign);
        };
        if self.exempt.as_ref().is_some_and(|e| e.is_match(stem(rate))) {
            return;
        }
        let before: Vec<&Mention<'_>> =
            ms.iter().filter(|m| m.q.span.start < rate.q.span.start && m.is_count()).collect();
        let delta = before.iter().rev().find(|m| sign(m).is_some()).copied();
        let prev = before.iter().rev().find(|m| self.earlier.is_match(stem(m)) && sign(m).is_none()).copied();
        let cur = before
            .iter()
            .find(|m| {
                sign(m).is_none() && !self.earlier.is_match(stem(m)) && delta.is_none_or(|d| d.family == m.family)
            })
            .copied();
        self.difference(rel, ms, meta, out, &sign);
        // Readings of (change, earlier figure).
        let mut readings: Vec<Reading<'_, '_>> = Vec::new();
        if let (Some(d), Some(p)) = (delta, prev) {
            readings.push((iv(d), iv(p), d, p));
        }
        if let (Some(c), Some(p)) = (cur, prev) {
            let (c, pv) = (iv(c), iv(p));
            readings.push(((c.0 - pv.1, c.1 - pv.0), pv, cur.unwrap_or(p), p));
        }
        if let (Some(c), Some(d)) = (cur, delta) {
            let sg = sign(d).unwrap_or(1.0);
            let (cv, dv) = (iv(c), iv(d));
            let base = if sg > 0.0 { (cv.0 - dv.1, cv.1 - dv.0) } else { (cv.0 + dv.0, cv.1 + dv.1) };
            readings.push((dv, base, d, c));
        }
        if readings.is_empty() || !rate.q.is_exact() {
            return;
        }
        let magnitude = |x: (f64, f64)| if x.0 < 0.0 && x.1 <= 0.0 { (-x.1, -x.0) } else { x };
        if let Some((n, b, _, _)) = readings.iter().find(|(n, b, _, _)| b.0 > 0.0 && fits(rate.q, magnitude(*n), *b)) {
            let arithmetic =
                || format!("{}/{} ≈ {}", fmt_value(magnitude(*n).0, 2), fmt_value(b.0, 2), words(rel.report, rate.q));
            ledger::record(&meta.id, rate.q.span, true, arithmetic);
            return;
        }
        let (n, b, nm, bm) = readings[0];
        let n = magnitude(n);
        if b.0 <= 0.0 {
            return;
        }
        let shown = should_be(rate.q, n.0, b.0);
        let severity = if fits_loosely(rate.q, n, b) {
            Severity::Info
        } else {
            cap(meta.severity, nm.q.is_exact() && bm.q.is_exact())
        };
        let rw = words(rel.report, rate.q);
        ledger::record(&meta.id, rate.q.span, false, || {
            format!("{}/{} = {shown}%,报告写作 {rw}", fmt_value(n.0, 0), fmt_value(b.0, 0))
        });
        out.push(
            meta.finding(rate.q.span, format!("应为 {shown}%"))
                .with_message(format!(
                    "{}:按变化 {} 和上期 {} 计算应为 {shown}%,报告写作 {rw}",
                    meta.message,
                    fmt_value(n.0, 0),
                    fmt_value(b.0, 0)
                ))
                .with_severity(severity)
                .with_related(nm.q.span, words(rel.report, nm.q))
                .with_related(bm.q.span, words(rel.report, bm.q)),
        );
    }

    /// `281件,较2020年172件增加109件`: the change written must be the difference.
    fn difference(
        &self,
        rel: &Relations<'_>,
        ms: &[Mention<'_>],
        meta: &RuleMeta,
        out: &mut Vec<Finding>,
        sign: &dyn Fn(&Mention<'_>) -> Option<f64>,
    ) {
        let Some(pi) = ms.iter().position(|m| m.is_count() && sign(m).is_none() && self.earlier.is_match(rel.stem(m)))
        else {
            return;
        };
        let p = &ms[pi];
        let Some(c) = ms[..pi].iter().rev().find(|m| m.is_count() && m.family == p.family && sign(m).is_none()) else {
            return;
        };
        let Some(d) = ms[pi + 1..].iter().find(|m| m.is_count() && m.family == p.family) else { return };
        let Some(sg) = sign(d) else { return };
        let (cv, pv, dv) = (iv(c), iv(p), iv(d));
        let diff = if sg > 0.0 { (cv.0 - pv.1, cv.1 - pv.0) } else { (pv.0 - cv.1, pv.1 - cv.0) };
        let held = diff.0 <= dv.1 + 1e-6 && diff.1 + 1e-6 >= dv.0;
        let arithmetic =
            || format!("{} − {} = {}", words(rel.report, c.q), words(rel.report, p.q), words(rel.report, d.q));
        ledger::record(&meta.id, d.q.span, held, arithmetic);
        if held {
            return;
        }
        let exact = c.q.is_exact() && p.q.is_exact() && d.q.is_exact();
        let (cw, pw, dw) = (words(rel.report, c.q), words(rel.report, p.q), words(rel.report, d.q));
        out.push(
            meta.finding(d.q.span, format!("应为 {}", fmt_value(diff.0.abs(), d.q.decimals)))
                .with_message(format!(
                    "{}:{cw} 与上期 {pw} 相差 {},报告写作 {dw}",
                    meta.message,
                    fmt_value(diff.0.abs(), d.q.decimals)
                ))
                .with_severity(cap(meta.severity, exact))
                .with_related(c.q.span, "本期")
                .with_related(p.q.span, "上期"),
        );
    }
}
