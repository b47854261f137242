//! `date`: the report is published before the deadline, by default 1 April of the year after
//! the report year (厅字〔2019〕28号 第二十四条). With `require_date: true` the rule instead
//! asks that a publication or signature date be present at all. `deadlines:` in `fzlint.yaml`
//! sets another deadline for the files of a folder.

use super::{FolderDeadline, RuleError, RuleMeta, RuleSource};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::report::{Date, Report};

#[derive(Debug)]
pub struct DateRule {
    /// Month and day of the deadline in the year after the report year; a report dated on
    /// or after it is late.
    deadline: (u32, u32),
    require_date: bool,
    /// Deadlines by folder, the longest glob first.
    by_folder: Vec<FolderDeadline>,
}

impl DateRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<DateRule, RuleError> {
        let deadline = match &spec.deadline {
            None => (4, 1),
            Some(d) => parse_month_day(&d.value).ok_or_else(|| {
                src.error(
                    d.referenced,
                    format!("invalid deadline `{}`: write month and day as MM-DD, e.g. 04-01", d.value),
                    "deadline",
                )
            })?,
        };
        Ok(DateRule {
            deadline,
            require_date: spec.require_date.as_ref().is_some_and(|b| b.value),
            by_folder: Vec::new(),
        })
    }

    /// Take the deadlines set by folder in `fzlint.yaml`.
    pub fn set_folder_deadlines(&mut self, deadlines: &[FolderDeadline]) {
        self.by_folder = deadlines.to_vec();
        self.by_folder.sort_by_key(|d| std::cmp::Reverse(d.glob.len()));
    }

    /// The deadline for the file at `path`.
    fn deadline_for(&self, path: &str) -> (u32, u32) {
        let shown = path.replace('\\', "/");
        let shown = shown.trim_start_matches("./");
        self.by_folder.iter().find(|d| d.matcher.is_match(shown)).map_or(self.deadline, |d| d.month_day)
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let date = report.publication();
        if self.require_date {
            if date.is_none() {
                // Where the signature date belongs: the end of the report (the title or the
                // opening carry the document's other findings).
                // The last sentence of the body (ending in 。), not a leftover line of the page.
                let last = report.sentences.iter().rev().find(|s| report.slice(s.span).ends_with('。'));
                let at = last.or(report.sentences.last()).map_or_else(
                    || report.anchor(),
                    |s| {
                        // Its last words, at most twenty characters.
                        let text = report.slice(s.span);
                        let from = text.char_indices().rev().nth(19).map_or(0, |(i, _)| i);
                        crate::report::Span::new(s.span.start + from, s.span.end)
                    },
                );
                out.push(meta.finding(at, "全文没有发布日期或落款日期,落款处应写明日期"));
            }
            return;
        }
        let (Some(date), Some(year)) = (date, report.year) else {
            return;
        };
        let (month, day) = self.deadline_for(&report.path);
        let deadline = Date { year: year.value + 1, month, day };
        if date.date >= deadline {
            out.push(
                meta.finding(date.span, format!("{} 不早于截止日期 {deadline}", date.date))
                    .with_message(format!(
                        "{}:{}年度报告应在 {deadline} 之前公开,实际为 {}",
                        meta.message, year.value, date.date
                    ))
                    .with_related(year.span, "报告年度"),
            );
        }
    }
}

/// `MM-DD` as month and day.
pub fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}
