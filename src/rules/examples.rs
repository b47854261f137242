//! Running the examples written in each rule (`fzlint rules test`): every `valid` text must give
//! no finding of that rule, every `invalid` text at least one — at the given words when the
//! example says which.

use super::{Rule, RulePack};
use crate::finding::Finding;
use crate::report::Report;

/// What went wrong with one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleFailure {
    /// A valid example raised findings: (example number from 1, what was found).
    Raised { index: usize, found: Vec<String> },
    /// An invalid example raised nothing.
    Silent { index: usize },
    /// An invalid example raised findings, but none at the expected words.
    Elsewhere { index: usize, expected: String, found: Vec<String> },
    /// The rule has no valid or no invalid example.
    Missing { valid: usize, invalid: usize },
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExampleFailure::Raised { index, found } => {
                write!(f, "valid example {index}: expected no finding, found {}", found.join("; "))
            }
            ExampleFailure::Silent { index } => write!(f, "invalid example {index}: expected a finding, found none"),
            ExampleFailure::Elsewhere { index, expected, found } => {
                write!(f, "invalid example {index}: expected a finding at 「{expected}」, found {}", found.join("; "))
            }
            ExampleFailure::Missing { valid, invalid } => {
                write!(f, "needs at least one valid and one invalid example (has {valid} valid, {invalid} invalid)")
            }
        }
    }
}

/// The outcome of one rule's examples.
#[derive(Debug, Clone)]
pub struct RuleOutcome {
    pub id: String,
    pub valid: usize,
    pub invalid: usize,
    pub failures: Vec<ExampleFailure>,
}

fn run(rule: &Rule, text: &str) -> (Report, Vec<Finding>) {
    let report = Report::build("example", text);
    let mut found = Vec::new();
    rule.run(&report, &mut found);
    (report, found)
}

fn describe(report: &Report, found: &[Finding]) -> Vec<String> {
    found.iter().map(|f| format!("「{}」 {}", report.slice(f.span), f.message)).collect()
}

/// Run the examples of one rule.
pub fn test_rule(rule: &Rule) -> RuleOutcome {
    let ex = &rule.meta.examples;
    let mut failures = Vec::new();
    if ex.valid.is_empty() || ex.invalid.is_empty() {
        failures.push(ExampleFailure::Missing { valid: ex.valid.len(), invalid: ex.invalid.len() });
    }
    for (i, text) in ex.valid.iter().enumerate() {
        let (report, found) = run(rule, text);
        if !found.is_empty() {
            failures.push(ExampleFailure::Raised { index: i + 1, found: describe(&report, &found) });
        }
    }
    for (i, example) in ex.invalid.iter().enumerate() {
        let (report, found) = run(rule, example.text());
        if found.is_empty() {
            failures.push(ExampleFailure::Silent { index: i + 1 });
        } else if let Some(flag) = example.flag() {
            let folded = crate::text::Folded::new(flag).text;
            if !found.iter().any(|f| report.slice(f.span) == folded) {
                failures.push(ExampleFailure::Elsewhere {
                    index: i + 1,
                    expected: flag.to_string(),
                    found: describe(&report, &found),
                });
            }
        }
    }
    RuleOutcome { id: rule.meta.id.clone(), valid: ex.valid.len(), invalid: ex.invalid.len(), failures }
}

/// Run the examples of every rule of a pack, in id order.
pub fn test_pack(pack: &RulePack) -> Vec<RuleOutcome> {
    pack.rules.iter().map(test_rule).collect()
}
