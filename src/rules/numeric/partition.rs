//! `sum`: the parts of a total add up to at most the total, and to exactly the total when
//! the text gives one after the list (`……,合计965条`).
//!
//! `主动公开政府信息496条,其中工作动态信息420条,重点工作6条……` (parts after `parts:` words,
//! also across a sentence end and inside `(含……)`), and `非常满意802条,满意163条,合计965条`
//! (parts before `totals:` words). Before flagging, the readings under which the text holds are
//! tried: a part that is the subtotal of the parts after it (`A 100件, A1 60件, A2 40件`) is not
//! added twice, a part's own breakdown stays nested (see [`crate::relation::lists`]), and a
//! larger count earlier in the total's sentence (not across a `;`, not broken down by a list of
//! its own) may be the whole the parts belong to. Parts in a parenthesis right after a count,
//! with no opening word (`85件(交通支队47件,区公安分局38件)`), are a list too.

use regex::Regex;

use super::explain::{families, optional_regex, sum_fits};
use super::{cap, fmt_value, words};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::relation::{ledger, Families, List, ListKind, Mention, Relations};
use crate::report::{Report, Span};
use crate::rules::search::Searcher;
use crate::rules::{compile_searcher, RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct PartitionRule {
    opens: Option<Searcher>,
    totals: Option<Searcher>,
    families: Families,
    /// Words of a count that is an outcome of the count before it (维持, 撤销, 办结 …).
    outcomes: Option<Regex>,
    /// The parts after `parts:` words must add up to exactly the total, not only at most.
    exact: bool,
}

/// Numbers before a `totals:` word looked at as its parts.
const MAX_RUN: usize = 32;

/// Words that make a count the total of what its sentence goes on to count.
static IMPLICIT_TOTAL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new("^[^,。;、]{0,12}?(?:^|[年内度,])(?:共|总计|合计|累计|共计)").expect("valid regex")
});
/// A year in a parenthesis: `85件(2020年42件)` compares periods, it does not break down.
static YEAR: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new("[0-9]{4}年|[一二〇零][〇零一二三四五六七八九]{3}年").expect("valid regex"));
/// Words of another period or a comparison: such a count is no part of the total.
static OTHER_PERIOD: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new("较|比|上年|去年|同期|结转|旧存|增加|减少|增长|下降|以来|历年|此外|另").expect("valid regex")
});

impl PartitionRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<PartitionRule, RuleError> {
        if spec.parts.is_none() && spec.totals.is_none() {
            return Err(src.error(
                spec.kind.referenced,
                "a `sum` rule needs `parts` (words that open a list, e.g. `其中`) or `totals` (e.g. `合计`)",
                "kind",
            ));
        }
        Ok(PartitionRule {
            opens: spec.parts.as_ref().map(|p| compile_searcher(src, p)).transpose()?,
            totals: spec.totals.as_ref().map(|p| compile_searcher(src, p)).transpose()?,
            families: families(spec),
            outcomes: optional_regex(src, &spec.outcomes)?,
            exact: spec.exact.as_ref().is_some_and(|e| e.value),
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let rel = Relations::build(report, &self.families);
        // Mentions already judged in a list: the implicit reading leaves them alone.
        let mut listed = Vec::new();
        if let Some(opens) = &self.opens {
            let mut lists: Vec<List> = opens
                .find_iter(report.text(), &report.paragraphs)
                .filter_map(|(_, m)| List::at(&rel, Span::new(m.start, m.end)))
                .collect();
            // Parts in a parenthesis right after their total, with no opening word.
            let mut opened: Vec<usize> = lists.iter().map(|l| l.total).collect();
            opened.sort_unstable();
            let bare: Vec<List> = (0..rel.mentions.len())
                .filter(|i| opened.binary_search(i).is_err())
                .filter_map(|i| List::paren_after(&rel, i))
                .filter(|l| {
                    let words = l.words(&rel);
                    !OTHER_PERIOD.is_match(words) && !YEAR.is_match(words)
                })
                .collect();
            lists.extend(bare);
            lists.sort_by_key(|l| l.marker.start);
            let mut totals: Vec<usize> = lists.iter().map(|l| l.total).collect();
            totals.sort_unstable();
            for list in &lists {
                self.judge_list(&rel, list, &totals, meta, out);
                listed.push(list.total);
                listed.extend_from_slice(&list.parts);
            }
        }
        listed.sort_unstable();
        self.judge_implicit(&rel, &listed, meta, out);
        if let Some(totals) = &self.totals {
            for (_, m) in totals.find_iter(report.text(), &report.paragraphs) {
                self.judge_run(&rel, Span::new(m.start, m.end), meta, out);
            }
        }
    }

    /// Parts after `其中`: their sum must not exceed the total.
    fn judge_list(&self, rel: &Relations<'_>, list: &List, totals: &[usize], meta: &RuleMeta, out: &mut Vec<Finding>) {
        let total = &rel.mentions[list.total];
        let parts = &list.parts;
        let lo: f64 = parts.iter().map(|&i| rel.mentions[i].lo()).sum();
        let sum_words = || parts.iter().map(|&i| words(rel.report, rel.mentions[i].q)).collect::<Vec<_>>().join("+");
        if lo <= total.hi() + 1e-6 {
            ledger::record(&meta.id, total.q.span, true, || {
                format!("{} ≤ {}", sum_words(), words(rel.report, total.q))
            });
            let hi: f64 = parts.iter().map(|&i| rel.mentions[i].hi()).sum();
            if self.exact && hi + 1e-6 < total.lo() {
                let tw = words(rel.report, total.q);
                let message = format!("{}:各项之和 {} 少于总数 {tw}", meta.message, fmt_value(hi, 2));
                let mut f =
                    meta.finding(total.q.span, format!("各项之和 {} 少于总数", fmt_value(hi, 2))).with_message(message);
                for &i in parts {
                    f = f.with_related(rel.mentions[i].q.span, "其中一项");
                }
                out.push(f.with_severity(cap(meta.severity, total.q.is_exact())));
            }
            return;
        }
        // A part that is the subtotal of the parts after it is not added twice.
        let flat: f64 = without_subtotals(rel, parts).iter().map(|&i| rel.mentions[i].lo()).sum();
        if flat <= total.hi() + 1e-6 {
            ledger::record(&meta.id, total.q.span, true, || {
                format!("{} ≤ {}(含小计)", sum_words(), words(rel.report, total.q))
            });
            return;
        }
        // A larger whole named earlier in the paragraph may be what the parts break down —
        // not when they stand in a parenthesis right after their total.
        if list.kind == ListKind::Open && self.earlier_whole(rel, list.total, lo, totals) {
            ledger::record(&meta.id, total.q.span, true, || format!("{} 属于前面更大的总数", sum_words()));
            return;
        }
        ledger::record(&meta.id, total.q.span, false, || format!("{} > {}", sum_words(), words(rel.report, total.q)));
        let exact = total.q.is_exact() && parts.iter().all(|&i| rel.mentions[i].q.is_exact());
        let report = rel.report;
        let tw = words(report, total.q);
        let sum_words = parts
            .iter()
            .map(|&i| fmt_value(rel.mentions[i].q.value, rel.mentions[i].q.decimals))
            .collect::<Vec<_>>()
            .join("+");
        let message = format!("{}:各项之和 {}({sum_words})超过总数 {tw}", meta.message, fmt_value(lo, 2));
        // A part larger than the whole is surely the wrong number; otherwise any may be.
        let culprit = parts
            .iter()
            .copied()
            .filter(|&i| rel.mentions[i].lo() > total.hi() + 1e-6)
            .max_by(|&a, &b| rel.mentions[a].q.value.total_cmp(&rel.mentions[b].q.value));
        let mut f = match culprit {
            Some(c) => {
                meta.finding(rel.mentions[c].q.span, format!("一项就超过总数 {tw}")).with_related(total.q.span, "总数")
            }
            None => meta.finding(total.q.span, format!("各项之和 {} 超过总数", fmt_value(lo, 2))),
        };
        f = f.with_message(message).with_severity(cap(meta.severity, exact));
        for &i in parts.iter().filter(|&&i| Some(i) != culprit) {
            f = f.with_related(rel.mentions[i].q.span, "其中一项");
        }
        out.push(f);
    }

    /// A total named as such (`共`, `总计`) followed in its sentence by counts of its family
    /// with no `其中`, or any count followed by its outcomes (`outcomes:` words):
    /// `梳理排查相关文件268件,废止60件、拟修改9件`.
    /// Without the opening word the counts may overlap or be siblings, so only a single count
    /// larger than the total is flagged, and counts of another period or a comparison
    /// (较, 上年, 结转, 增加 …) are not parts.
    fn judge_implicit(&self, rel: &Relations<'_>, listed: &[usize], meta: &RuleMeta, out: &mut Vec<Finding>) {
        let ms = &rel.mentions;
        let outcome = |stem: &str| self.outcomes.as_ref().is_some_and(|o| o.is_match(stem));
        for (ti, t) in ms.iter().enumerate() {
            let first_of_sentence = ti == 0 || ms[ti - 1].sentence != t.sentence;
            if !t.is_count() || t.paren.is_some() || listed.binary_search(&ti).is_ok() {
                continue;
            }
            // Named as a total and first in its sentence: any later count is a part. Otherwise
            // only the outcomes right after it (`有行政复议案件4件,撤销1件,维持3件`,
            // `各类诉求277件,办结272件`), up to a count that is no outcome.
            let named = first_of_sentence && IMPLICIT_TOTAL.is_match(rel.stem(t).trim_start());
            if !named && (outcome(rel.stem(t)) || OTHER_PERIOD.is_match(rel.stem(t))) {
                continue;
            }
            for (mi, m) in
                ms.iter().enumerate().skip(ti + 1).take(MAX_RUN).take_while(|(_, m)| m.sentence == t.sentence)
            {
                if listed.binary_search(&mi).is_ok() {
                    break;
                }
                if !m.is_count() || m.family != t.family {
                    continue;
                }
                let stem = rel.stem(m);
                if IMPLICIT_TOTAL.is_match(stem)
                    || stem.contains('共')
                    || OTHER_PERIOD.is_match(stem)
                    || stem.contains(';')
                {
                    break;
                }
                // An outcome many times the count before it has another scope (`转送607件积案,
                // 带动各地化解积案9.1万件`): a slip of the pen makes it a little larger, not twice.
                if !named && (!outcome(stem) || m.lo() > 2.0 * t.hi()) {
                    break;
                }
                let held = m.lo() <= t.hi() + 1e-6;
                ledger::record(&meta.id, m.q.span, held, || {
                    format!("{} ≤ {}", words(rel.report, m.q), words(rel.report, t.q))
                });
                if !held {
                    let tw = words(rel.report, t.q);
                    out.push(
                        meta.finding(m.q.span, format!("超过总数 {tw}"))
                            .with_message(format!("{}:{} 超过前面的总数 {tw}", meta.message, words(rel.report, m.q)))
                            .with_severity(cap(meta.severity, false))
                            .with_related(t.q.span, "总数"),
                    );
                    break;
                }
            }
        }
    }

    /// A whole before `total` that can hold `sum`: the counts of its sentence right before it
    /// together (`新收317件,上年结转3件。其中……`: the parts break down 320), or a larger count
    /// earlier in its sentence.
    fn earlier_whole(&self, rel: &Relations<'_>, total: usize, sum: f64, totals: &[usize]) -> bool {
        let t = &rel.mentions[total];
        let before = || rel.mentions[..total].iter().rev().take(64).take_while(|m| m.paragraph == t.paragraph);
        let text = rel.text();
        let mut run = t.hi();
        // The counts of the total's own sentence right before it, up to a `;`.
        for m in before().filter(|m| !m.is_percent()) {
            if m.family != t.family
                || !m.is_count()
                || m.sentence != t.sentence
                || text[m.q.span.end..t.q.span.start].contains(';')
            {
                break;
            }
            run += m.hi();
            if run + 1e-6 >= sum {
                return true;
            }
        }
        // A larger count earlier in the sentence, in the same run of clauses (no `;` between),
        // that is not already broken down by a list of its own: `共受理50件,审结45件,其中维持30件,
        // ……尚未审结5件` lists what was received. A count of an earlier sentence or across a `;`
        // is another topic: `全市办件30751件,其中……;市本级办件9651件,其中……`.
        before().any(|m| {
            m.family == t.family
                && m.is_count()
                && m.hi() + 1e-6 >= sum
                && m.sentence == t.sentence
                && !text[m.q.span.end..t.q.span.start].contains(';')
                && totals.binary_search(&m.index).is_err()
        })
    }

    /// Parts before `合计`: some run of them right before it must add up to the total given.
    fn judge_run(&self, rel: &Relations<'_>, marker: Span, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let text = rel.text();
        let ti = rel.first_at(marker.end);
        let Some(total) = rel.mentions.get(ti) else { return };
        let gap = &text[marker.end..total.q.span.start];
        if !total.is_count() || gap.chars().count() > 4 || gap.contains(['\n', ',', ';']) {
            return;
        }
        // The counts of the total's family before it in its sentence, nearest first, stopping
        // at a count of another family.
        let mut run: Vec<&Mention<'_>> = Vec::new();
        for m in rel.mentions[..ti].iter().rev().take(MAX_RUN) {
            if m.sentence != total.sentence || m.q.span.end > marker.start {
                break;
            }
            if m.is_percent() {
                continue;
            }
            if m.family != total.family || m.paren.is_some() {
                break;
            }
            run.push(m);
        }
        if run.len() < 2 {
            return;
        }
        let t = total.q.interval();
        let mut acc = Vec::new();
        for (k, m) in run.iter().enumerate() {
            acc.push(m.q.interval());
            if sum_fits(&acc, t) {
                ledger::record(&meta.id, total.q.span, true, || {
                    let parts: Vec<String> = run[..=k].iter().rev().map(|m| words(rel.report, m.q)).collect();
                    format!("{} = {}", parts.join("+"), words(rel.report, total.q))
                });
                return;
            }
        }
        let lo: f64 = run.iter().map(|m| m.lo()).sum();
        if lo <= total.hi() + 1e-6 {
            return;
        }
        let exact = total.q.is_exact() && run.iter().all(|m| m.q.is_exact());
        run.reverse();
        ledger::record(&meta.id, total.q.span, false, || {
            format!("各项之和 {} ≠ {}", fmt_value(lo, 2), words(rel.report, total.q))
        });
        let tw = words(rel.report, total.q);
        let sum_words = run.iter().map(|m| fmt_value(m.q.value, m.q.decimals)).collect::<Vec<_>>().join("+");
        let message = format!("{}:各项之和 {}({sum_words})与合计 {tw} 不符", meta.message, fmt_value(lo, 2));
        let mut f = meta
            .finding(total.q.span, format!("各项之和为 {}", fmt_value(lo, 2)))
            .with_message(message)
            .with_severity(cap(meta.severity, exact));
        for m in &run {
            f = f.with_related(m.q.span, "分项");
        }
        out.push(f);
    }
}

/// The parts with every run that a part before it adds up to left out (that part is their
/// subtotal): `其中A类100件,A1 60件,A2 40件,B类20件` sums to 120.
fn without_subtotals(rel: &Relations<'_>, parts: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        out.push(parts[i]);
        let whole = rel.mentions[parts[i]].q.interval();
        let mut acc = Vec::new();
        let mut skip = 0;
        for (k, &j) in parts[i + 1..].iter().enumerate() {
            acc.push(rel.mentions[j].q.interval());
            if acc.len() >= 2 && sum_fits(&acc, whole) {
                skip = k + 1;
                break;
            }
            if acc.iter().map(|a| a.0).sum::<f64>() > whole.1 {
                break;
            }
        }
        i += 1 + skip;
    }
    out
}
