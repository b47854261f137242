//! Numeric rules (placeholder until the quantity model lands).

use super::{RuleError, RuleMeta, RuleSource};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::report::Report;

pub fn expand_placeholders(p: &str) -> String {
    p.to_string()
}

#[derive(Debug)]
pub struct NumericRule;

impl NumericRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<NumericRule, RuleError> {
        Err(src.error(
            spec.kind.referenced,
            "numeric kinds are not available yet",
            "kind",
        ))
    }
    pub fn check(&self, _report: &Report, _meta: &RuleMeta, _out: &mut Vec<Finding>) {}
}
