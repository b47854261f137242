//! The page's data: one JSON document (rules, reports with their windows and findings,
//! unreadable files), with every `<`, `>` and `&` escaped so it cannot end its `<script>`.
//! Positions inside windows are UTF-16 code units, as the page's script counts them.

use serde::Serialize;

use crate::baseline::{self, Anchor};
use crate::config::Kind;
use crate::engine::{FileOutcome, Located};
use crate::lang::Lang;
use crate::report::Span;
use crate::rules::RulePack;
use crate::window::Window;

#[derive(Serialize)]
struct Data<'a> {
    version: &'static str,
    rules: Vec<RuleData<'a>>,
    reports: Vec<ReportData<'a>>,
    errors: Vec<ErrorData>,
}

#[derive(Serialize)]
struct RuleData<'a> {
    id: &'a str,
    name: &'a str,
    message: &'a str,
    /// A rule over the numbers of the text (the "numbers only" filter).
    numeric: bool,
}

#[derive(Serialize)]
struct ReportData<'a> {
    path: &'a str,
    /// The path as a baseline written in the current folder keys it.
    key: String,
    title: Option<&'a str>,
    year: Option<i32>,
    published: Option<&'a str>,
    windows: Vec<WindowData<'a>>,
    findings: Vec<FindingData<'a>>,
}

#[derive(Serialize)]
struct WindowData<'a> {
    line: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct FindingData<'a> {
    rule: &'a str,
    kind: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    url: Option<&'a str>,
    label: &'a str,
    line: usize,
    column: usize,
    page: Option<u32>,
    fingerprint: String,
    /// Window, start and end (UTF-16 units in the window's text); `None` if not in a window.
    at: Option<(usize, usize, usize)>,
    related: Vec<RelatedData<'a>>,
}

#[derive(Serialize)]
struct RelatedData<'a> {
    label: &'a str,
    at: Option<(usize, usize, usize)>,
}

#[derive(Serialize)]
struct ErrorData {
    path: String,
    message: String,
}

fn is_numeric(kind: Kind) -> bool {
    matches!(kind, Kind::Compare | Kind::Sum | Kind::Ratio | Kind::Bound | Kind::Count | Kind::Year | Kind::Assert)
}

/// Where `span` lies in `windows`: (window, start, end) in UTF-16 units of its text.
fn place(windows: &[Window], span: Span) -> Option<(usize, usize, usize)> {
    let i = windows.partition_point(|w| w.offset <= span.start).checked_sub(1)?;
    let w = &windows[i];
    let len = w.text.len();
    let lo = span.start - w.offset;
    if lo > len {
        return None;
    }
    let hi = span.end.saturating_sub(w.offset).clamp(lo, len);
    let (lo, hi) = (crate::text::floor_boundary(&w.text, lo), crate::text::ceil_boundary(&w.text, hi));
    let units = |s: &str| s.encode_utf16().count();
    Some((i, units(&w.text[..lo]), units(&w.text[..hi])))
}

fn finding<'a>(l: &'a Located, windows: &[Window]) -> FindingData<'a> {
    let f = &l.finding;
    FindingData {
        rule: &f.rule,
        kind: f.kind,
        severity: f.severity.as_str(),
        message: &f.message,
        help: f.help.as_deref(),
        url: f.url.as_deref(),
        label: &f.label,
        line: l.start.line,
        column: l.start.column,
        page: l.page,
        fingerprint: baseline::fingerprint(l),
        at: place(windows, f.span),
        related: f.related.iter().map(|r| RelatedData { label: &r.label, at: place(windows, r.span) }).collect(),
    }
}

/// The data as JSON safe to put inside a `<script>` element.
pub fn json(outcomes: &[FileOutcome], pack: &RulePack) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let anchor = Anchor::new(&cwd, &cwd);
    let rules = pack
        .rules
        .iter()
        .map(|r| RuleData {
            id: &r.meta.id,
            name: r.meta.display_name(),
            message: &r.meta.message,
            numeric: is_numeric(r.meta.kind),
        })
        .collect();
    let mut reports = Vec::new();
    let mut errors = Vec::new();
    for o in outcomes {
        match &o.result {
            Err(e) => errors.push(ErrorData { path: o.path.clone(), message: e.message(Lang::Zh) }),
            Ok(found) => {
                let windows = &o.facts.windows;
                reports.push(ReportData {
                    path: &o.path,
                    key: anchor.key(&o.path),
                    title: o.facts.title.as_deref(),
                    year: o.facts.year,
                    published: o.facts.published.as_deref(),
                    windows: windows.iter().map(|w| WindowData { line: w.line, text: &w.text }).collect(),
                    findings: found.iter().map(|l| finding(l, windows)).collect(),
                })
            }
        }
    }
    let data = Data { version: env!("CARGO_PKG_VERSION"), rules, reports, errors };
    let text = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string());
    script_safe(&text)
}

/// JSON with `<`, `>`, `&` and the line separators written as escapes: the same value, but
/// nothing in it can close the `<script>` element or open a comment.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_keeps_the_value_and_hides_tags() {
        let v = serde_json::json!({"t": "</script><!-- & \u{2028}"});
        let s = script_safe(&serde_json::to_string(&v).unwrap());
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }

    #[test]
    fn places_are_utf16_units_in_their_window() {
        let w = vec![
            Window { offset: 10, line: 2, text: "𠀀受理5件".to_string() },
            Window { offset: 100, line: 9, text: "办结6件".to_string() },
        ];
        let start = 10 + "𠀀受理".len();
        // 𠀀 is two UTF-16 units, 受 and 理 one each.
        assert_eq!(place(&w, Span::new(start, start + 4)), Some((0, 4, 6)));
        assert_eq!(place(&w, Span::new(100, 106)), Some((1, 0, 2)));
        assert_eq!(place(&w, Span::new(0, 3)), None);
        assert_eq!(place(&w, Span::new(60, 63)), None);
    }
}
