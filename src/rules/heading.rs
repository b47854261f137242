//! `heading`: numbering of headings (GB/T 9704: `一、` → `(一)` → `1.` → `(1)`) runs 1, 2, 3 …
//! within each parent, with no gap and no repeat, and each marker is written whole (`一、`, not
//! `—、`; `(一)`, not `一)`). Numbering that runs on across parents (`(一)1.2.(二)3.`) is a
//! convention of its own and accepted; so is a first number other than 1 right after a
//! page-chunk marker (the pages before are not in the text). The numbered rows of tables are
//! checked the same way, as a tree of their own. With `level_skips: true` the rule
//! instead reports a heading more than one level below its parent (`一、` followed by `1.`),
//! which is common practice: a matter of style, not numbering.

use super::{RuleError, RuleMeta, RuleSource};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::numerals;
use crate::report::{Heading, Report};

#[derive(Debug)]
pub struct HeadingRule {
    level_skips: bool,
}

/// The numbering as written at `level`, for messages.
pub fn marker_text(level: u8, n: u64) -> String {
    match level {
        0 => format!("第{}部分", numerals::format(n)),
        1 => format!("{}、", numerals::format(n)),
        2 => format!("({})", numerals::format(n)),
        3 => format!("{n}."),
        4 => format!("({n})"),
        _ => u32::try_from(n)
            .ok()
            .filter(|n| (1..=20).contains(n))
            .and_then(|n| char::from_u32('①' as u32 + n - 1))
            .map_or_else(|| format!("({n})"), String::from),
    }
}

/// The numbering `n` in the form `written` uses: `3、` for `2、`, `3.` for `2.`.
fn marker_like(written: &str, level: u8, n: u64) -> String {
    if level == 3 && written.trim_end().ends_with('、') {
        return format!("{n}、");
    }
    marker_text(level, n)
}

impl HeadingRule {
    pub fn compile(_src: &RuleSource, spec: &RuleSpec) -> Result<HeadingRule, RuleError> {
        Ok(HeadingRule { level_skips: spec.level_skips.as_ref().is_some_and(|b| b.value) })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        if self.level_skips {
            level_skips(report, meta, out);
        } else {
            malformed(report, meta, out);
            numbering(report, &report.headings, meta, out);
            numbering(report, &report.table_rows, meta, out);
        }
    }
}

fn malformed(report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
    for h in report.headings.iter().filter(|h| h.malformed) {
        let want = marker_text(h.level, h.number);
        out.push(meta.finding(h.marker, format!("应为 {want}")).with_message(format!(
            "{}:编号写法有误,{} 应为 {want}",
            meta.message,
            report.slice(h.marker)
        )));
    }
}

/// Gaps and repeats among the siblings of one tree: the headings, or the numbered rows of
/// tables.
fn numbering(report: &Report, hs: &[Heading], meta: &RuleMeta, out: &mut Vec<Finding>) {
    // Siblings: same level, same parent, in order.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut key_of: std::collections::BTreeMap<(Option<usize>, u8), usize> = Default::default();
    for (i, h) in hs.iter().enumerate() {
        // Headings numbered by Word (number 0) have no numbering in the text to check.
        if h.number == 0 {
            continue;
        }
        let g = *key_of.entry((h.parent, h.level)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    for group in &groups {
        let first = &hs[group[0]];
        let start = if first.number > 1 && (runs_on(hs, group[0]) || after_page_mark(report, hs, first)) {
            first.number
        } else {
            1
        };
        check_siblings(report, hs, group, start, meta, out);
    }
}

/// Numbering that runs on across parents: the heading before `i` at its level, under another
/// parent, carries the number just before it.
fn runs_on(hs: &[Heading], i: usize) -> bool {
    let h = &hs[i];
    hs[..i]
        .iter()
        .rev()
        .find(|o| o.level == h.level && o.number != 0)
        .is_some_and(|o| o.parent != h.parent && o.number + 1 == h.number)
}

/// A page-chunk marker stands between the heading and its parent (or the start of the text).
fn after_page_mark(report: &Report, hs: &[Heading], h: &Heading) -> bool {
    let from = h.parent.map_or(0, |p| hs[p].marker.start);
    report.page_marks.iter().any(|m| from <= m.start && m.start < h.marker.start)
}

fn check_siblings(
    report: &Report,
    hs: &[Heading],
    group: &[usize],
    start: u64,
    meta: &RuleMeta,
    out: &mut Vec<Finding>,
) {
    let mut expected = start;
    for (k, &i) in group.iter().enumerate() {
        let h = &hs[i];
        if h.number != expected {
            let want = marker_like(report.slice(h.marker), h.level, expected);
            let what = if k > 0 && h.number == hs[group[k - 1]].number {
                "编号重复"
            } else if h.number > expected {
                "编号跳号"
            } else {
                "编号顺序错误"
            };
            let mut f = meta.finding(h.marker, format!("应为 {want}")).with_message(format!(
                "{}:{what},{} 应为 {want}",
                meta.message,
                report.slice(h.marker)
            ));
            if k > 0 {
                f = f.with_related(hs[group[k - 1]].marker, "上一个同级标题");
            }
            out.push(f);
            // A lone slip (the next sibling carries on from the expected number) does not
            // shift the count; otherwise follow the numbering as written.
            let next_follows = group.get(k + 1).is_some_and(|&j| hs[j].number == expected + 1);
            if !next_follows {
                expected = h.number;
            }
        }
        expected += 1;
    }
}

/// A heading more than one level below its parent (or the top), once per run of siblings.
/// `第一部分` sits above the levels and `①` may stand at any depth: neither is counted.
fn level_skips(report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
    let hs = &report.headings;
    let mut seen = std::collections::BTreeSet::new();
    for h in hs.iter().filter(|h| h.number != 0 && (1..=4).contains(&h.level)) {
        let parent_level = h.parent.map_or(0, |p| hs[p].level);
        if h.level > parent_level + 1 && seen.insert((h.parent, h.level)) {
            let expected = marker_text(parent_level + 1, 1);
            let mut f = meta.finding(h.marker, format!("这里越过了 {expected} 一级")).with_message(format!(
                "{}:{} 之上没有 {expected} 一级",
                meta.message,
                report.slice(h.marker)
            ));
            if let Some(p) = h.parent {
                f = f.with_related(hs[p].marker, "上级标题");
            }
            out.push(f);
        }
    }
}
