//! `--format summary`: the reviewer's overview of a folder — one row per report with its counts
//! per severity and the rules it fails, then the totals. Paths and rule ids are escaped, so a
//! line break in a file name cannot start a row of its own.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::escape;
use crate::engine::{FileOutcome, Summary};
use crate::finding::Severity;

pub fn render(outcomes: &[FileOutcome], summary: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:>6} {:>8} {:>5}  file  [rules that fail]", "errors", "warnings", "infos");
    for o in outcomes {
        match &o.result {
            Err(e) => {
                let _ = writeln!(
                    out,
                    "{:>6} {:>8} {:>5}  {}  [could not be checked: {}]",
                    "-",
                    "-",
                    "-",
                    escape::text(&o.path),
                    escape::text(&e.to_string())
                );
            }
            Ok(found) => {
                let count = |s: Severity| found.iter().filter(|l| l.finding.severity == s).count();
                let rules: BTreeSet<&str> = found.iter().map(|l| l.finding.rule.as_str()).collect();
                let rules = escape::text(&rules.into_iter().collect::<Vec<_>>().join(", ")).into_owned();
                let _ = writeln!(
                    out,
                    "{:>6} {:>8} {:>5}  {}  [{}]",
                    count(Severity::Error),
                    count(Severity::Warning),
                    count(Severity::Info),
                    escape::text(&o.path),
                    rules
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "{:>6} {:>8} {:>5}  total: {} {}, {} could not be checked",
        summary.errors,
        summary.warnings,
        summary.infos,
        summary.files,
        if summary.files == 1 { "file" } else { "files" },
        summary.failed
    );
    out
}
