//! `--format json`: one object with a summary, every finding, and every file that could not be
//! checked. Field names are a contract with other tools; see README.

use serde::Serialize;

use crate::engine::{FileOutcome, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    kind: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

pub fn render(outcomes: &[FileOutcome], summary: &Summary) -> String {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for o in outcomes {
        match &o.result {
            Err(e) => errors.push(JsonError { path: o.path.clone(), message: e.to_string() }),
            Ok(found) => findings.extend(found.iter().map(|l| {
                let f = &l.finding;
                JsonFinding {
                    path: &o.path,
                    rule: &f.rule,
                    kind: f.kind,
                    severity: f.severity.as_str(),
                    message: &f.message,
                    help: f.help.as_deref(),
                    start: f.span.start,
                    end: f.span.end,
                    line: l.start.line,
                    column: l.start.column,
                    end_line: l.end.line,
                    end_column: l.end.column,
                    related: f
                        .related
                        .iter()
                        .map(|r| JsonRelated { start: r.span.start, end: r.span.end, label: &r.label })
                        .collect(),
                }
            })),
        }
    }
    let out = Output {
        version: 1,
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            failed: summary.failed,
        },
        findings,
        errors,
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
