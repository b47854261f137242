//! `--format csv`: one row per finding for Excel and WPS — the report's title, the file, the
//! place, the rule (id and name), the severity, the message and the flagged words — and one row
//! per file that could not be read. UTF-8 with a byte-order mark (without it Excel reads the
//! Chinese as the local code page), fields quoted by RFC 4180 where needed.
//!
//! Report text is untrusted: a field that would start with `=`, `+`, `-`, `@` or a control
//! character is written with a leading `'`, so a spreadsheet shows it instead of running it as a
//! formula.

use crate::engine::{FileOutcome, Located};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::rules::RulePack;

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

const HEADER: [&str; 11] =
    ["报告标题", "文件", "行", "列", "页", "规则编号", "规则名称", "严重程度", "问题", "标出的文字", "说明"];

/// The severity as a reviewer reads it in a table.
pub fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// `s` made safe for a spreadsheet cell: no formula, no leading control character.
fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if s != "-" => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// The words a finding underlines, from its excerpt.
pub fn flagged(l: &Located) -> &str {
    let e = &l.excerpt;
    let span = l.finding.span;
    let lo = span.start.saturating_sub(e.offset).min(e.text.len());
    let hi = span.end.saturating_sub(e.offset).clamp(lo, e.text.len());
    let (lo, hi) = (crate::text::floor_boundary(&e.text, lo), crate::text::ceil_boundary(&e.text, hi));
    &e.text[lo..hi]
}

pub fn render(outcomes: &[FileOutcome], pack: &RulePack) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for o in outcomes {
        let title = cell(o.facts.title.as_deref().unwrap_or_default());
        let path = cell(&o.path);
        match &o.result {
            Err(e) => {
                let message = cell(&format!("无法读取:{}", e.message(Lang::Zh)));
                let _ = w.write_record([&title, &path, "", "", "", "", "", "无法读取", &message, "", ""]);
            }
            Ok(found) => {
                for l in found {
                    let f = &l.finding;
                    let name = pack.get(&f.rule).map_or(f.rule.as_str(), |r| r.meta.display_name());
                    let page = l.page.map(|p| p.to_string()).unwrap_or_default();
                    let _ = w.write_record([
                        title.as_str(),
                        &path,
                        &l.start.line.to_string(),
                        &l.start.column.to_string(),
                        &page,
                        &f.rule,
                        &cell(name),
                        severity_zh(f.severity),
                        &cell(&f.message),
                        &cell(flagged(l)),
                        &cell(&f.label),
                    ]);
                }
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8(bytes).unwrap_or_default())
}
