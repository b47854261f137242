//! `title`: the report opens with a title that names the year and the report type, e.g.
//! `濮阳市人民政府关于2022年度法治政府建设情况的报告`.

use super::{RuleError, RuleMeta, RuleSource};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::report::Report;

#[derive(Debug)]
pub struct TitleRule;

impl TitleRule {
    pub fn compile(_src: &RuleSource, _spec: &RuleSpec) -> Result<TitleRule, RuleError> {
        Ok(TitleRule)
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        match &report.title {
            None => out.push(meta.finding(report.anchor(), "报告从这里开始,前面没有标题")),
            Some(t) if t.year.is_none() => out.push(meta.finding(t.span, "标题没有写明年度")),
            Some(_) => {}
        }
    }
}
