//! `--format json`: one object with a summary, every finding, and every file that could not be
//! checked. Field names are a contract with other tools; see README.

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{FileOutcome, Summary};

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed: usize,
    /// Numeric relations judged, and how many did not hold.
    relations: JsonRelations,
}

#[derive(Serialize)]
struct JsonRelations {
    checked: usize,
    inconsistent: usize,
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
    /// The page, for PDF and OFD files only.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
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

/// The JSON document, as `serde_json` would print it pretty.
pub fn render(outcomes: &[FileOutcome], summary: &Summary) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out, outcomes, summary);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the JSON document to `out`. The findings of each file are printed on the rayon
/// pool, one file per task, and written in path order: with tens of thousands of files,
/// printing them one after the other on one thread took a fifth of the run.
pub fn write(out: &mut dyn std::io::Write, outcomes: &[FileOutcome], summary: &Summary) -> std::io::Result<()> {
    let summary = JsonSummary {
        files: summary.files,
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
        failed: summary.failed,
        relations: JsonRelations { checked: summary.relations, inconsistent: summary.inconsistent },
    };
    let findings: Vec<String> = outcomes.par_iter().map(findings_of).filter(|s| !s.is_empty()).collect();
    let errors: Vec<JsonError> = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().err().map(|e| JsonError { path: o.path.clone(), message: e.to_string() }))
        .collect();
    write!(out, "{{\n  \"version\": 1,\n  \"summary\": {},\n  \"findings\": ", indented(&pretty(&summary), 2))?;
    if findings.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[\n")?;
        for (i, f) in findings.iter().enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(f.as_bytes())?;
        }
        out.write_all(b"\n  ]")?;
    }
    writeln!(out, ",\n  \"errors\": {}\n}}", indented(&pretty(&errors), 2))
}

/// The findings of one file, each printed at the depth of the `findings` array.
fn findings_of(o: &FileOutcome) -> String {
    let Ok(found) = &o.result else { return String::new() };
    if found.is_empty() {
        return String::new();
    }
    let items: Vec<JsonFinding> = found
        .iter()
        .map(|l| {
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
                page: l.page,
                related: f
                    .related
                    .iter()
                    .map(|r| JsonRelated { start: r.span.start, end: r.span.end, label: &r.label })
                    .collect(),
            }
        })
        .collect();
    // The file's findings as one array, `[` and `]` taken off, two levels deeper.
    let array = pretty(&items);
    let inner = array.strip_prefix("[\n").and_then(|a| a.strip_suffix("\n]")).unwrap_or(&array);
    format!("  {}", indented(inner, 2))
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// `json` with every line after the first indented by `by` spaces. A JSON string holds no raw
/// line break (it is escaped as `\n`), so this cannot change a value.
fn indented(json: &str, by: usize) -> String {
    json.replace('\n', &format!("\n{}", " ".repeat(by)))
}
