//! `--format github`: one GitHub Actions workflow command per finding, so each shows as an
//! annotation on the report: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=ID::message`.

use std::fmt::Write as _;

use crate::engine::FileOutcome;
use crate::finding::Severity;

/// Escape the message part of a workflow command. Control characters (ESC, which GitHub's log
/// view obeys as colour, and the like) are shown as `\u{1b}` first.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => super::escape::push(&mut out, c),
        }
    }
    out
}

/// Escape a property value (file, title) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(outcomes: &[FileOutcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        match &o.result {
            Err(e) => {
                let _ = writeln!(
                    out,
                    "::error file={},title=fzlint::{}",
                    escape_property(&o.path),
                    escape_data(&e.to_string())
                );
            }
            Ok(found) => {
                for l in found {
                    let f = &l.finding;
                    let level = match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let _ = writeln!(
                        out,
                        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                        escape_property(&o.path),
                        l.start.line,
                        l.start.column,
                        l.end.line,
                        l.end.column,
                        escape_property(&f.rule),
                        escape_data(&f.message)
                    );
                }
            }
        }
    }
    out
}
