//! `heading`: numbering of headings (GB/T 9704: `一、` → `(一)` → `1.` → `(1)`) runs 1, 2, 3 …
//! within each parent, with no gap, no repeat, and no level skipped.

use super::{RuleError, RuleMeta, RuleSource};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::numerals;
use crate::report::{Heading, Report};

#[derive(Debug)]
pub struct HeadingRule;

/// The numbering as written at `level`, for messages.
pub fn marker_text(level: u8, n: u64) -> String {
    match level {
        1 => format!("{}、", numerals::format(n)),
        2 => format!("({})", numerals::format(n)),
        3 => format!("{n}."),
        _ => format!("({n})"),
    }
}

impl HeadingRule {
    pub fn compile(_src: &RuleSource, _spec: &RuleSpec) -> Result<HeadingRule, RuleError> {
        Ok(HeadingRule)
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let hs = &report.headings;
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
            check_siblings(report, hs, group, meta, out);
        }
        // Level jumps: a heading more than one level below its parent (or the top).
        for h in hs.iter().filter(|h| h.number != 0) {
            let parent_level = h.parent.map_or(0, |p| hs[p].level);
            if h.level > parent_level + 1 {
                let expected = marker_text(parent_level + 1, 1);
                let mut f = meta.finding(h.marker, format!("跳过了一级标题:这里应先有 {expected} 一级")).with_message(
                    format!("{}:标题层级跳级,{} 之上缺少 {expected} 一级", meta.message, report.slice(h.marker)),
                );
                if let Some(p) = h.parent {
                    f = f.with_related(hs[p].marker, "上级标题");
                }
                out.push(f);
            }
        }
    }
}

fn check_siblings(report: &Report, hs: &[Heading], group: &[usize], meta: &RuleMeta, out: &mut Vec<Finding>) {
    let mut expected = 1u64;
    for (k, &i) in group.iter().enumerate() {
        let h = &hs[i];
        if h.number != expected {
            let want = marker_text(h.level, expected);
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
