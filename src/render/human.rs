//! `--format human`: each finding drawn by miette, pointing at the words in an excerpt of its
//! line, with the rule id as code, then a closing line with the counts.
//!
//! miette is given only the excerpt (about one sentence), never a whole 800-character
//! paragraph, through a [`SourceCode`] that reports the real line and the column in characters.

use std::fmt::Write as _;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use crate::engine::{Excerpt, FileOutcome, Located, Summary};
use crate::finding::Severity;

#[derive(Debug, Clone)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions { color: false, width: 100 }
    }
}

/// The excerpt as miette's source: offsets are relative to the excerpt's start.
struct ExcerptSource<'a> {
    path: &'a str,
    excerpt: &'a Excerpt,
}

impl SourceCode for ExcerptSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.excerpt.text.as_str();
        let at = span.offset().min(text.len());
        let column = self.excerpt.column - 1 + text[..at].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.path.to_string(),
            text.as_bytes(),
            SourceSpan::new(0.into(), text.len()),
            self.excerpt.line - 1,
            column,
            1,
        )))
    }
}

struct FindingView<'a> {
    located: &'a Located,
    source: ExcerptSource<'a>,
    help: Option<String>,
}

impl std::fmt::Debug for FindingView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.located.finding.message)
    }
}

impl std::fmt::Display for FindingView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.located.finding.message)
    }
}

impl std::error::Error for FindingView<'_> {}

impl FindingView<'_> {
    /// A span of the source as an offset into the excerpt, if it lies inside it.
    fn local(&self, start: usize, end: usize) -> Option<SourceSpan> {
        let e = &self.located.excerpt;
        let (lo, hi) = (e.offset, e.offset + e.text.len());
        if start < lo || start > hi {
            return None;
        }
        let end = end.clamp(start, hi);
        Some(SourceSpan::new((start - lo).into(), end - start))
    }
}

impl Diagnostic for FindingView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.located.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.located.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = &self.located.finding;
        let mut labels = Vec::new();
        if let Some(s) = self.local(f.span.start, f.span.end) {
            labels.push(LabeledSpan::new_primary_with_span(Some(f.label.clone()), s));
        }
        for r in &f.related {
            if let Some(s) = self.local(r.span.start, r.span.end) {
                labels.push(LabeledSpan::new_with_span(Some(r.label.clone()), s));
            }
        }
        Some(Box::new(labels.into_iter()))
    }
}

fn help_text(located: &Located) -> Option<String> {
    let f = &located.finding;
    let e = &located.excerpt;
    let mut parts: Vec<String> = Vec::new();
    if let Some(page) = located.page {
        parts.push(format!("在第 {page} 页 / on page {page}"));
    }
    if let Some(h) = &f.help {
        parts.push(h.clone());
    }
    for (r, pos) in f.related.iter().zip(&located.related) {
        let inside = r.span.start >= e.offset && r.span.start <= e.offset + e.text.len();
        if !inside {
            parts.push(format!("{}:第 {} 行第 {} 列", r.label, pos.line, pos.column));
        }
    }
    if let Some(u) = &f.url {
        parts.push(format!("依据:{u}"));
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

pub fn render(outcomes: &[FileOutcome], summary: &Summary, options: &HumanOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false);
    let mut out = String::new();
    for o in outcomes {
        match &o.result {
            Err(e) => {
                let _ = writeln!(out, "error: {}: {e}\n", o.path);
            }
            Ok(found) => {
                for l in found {
                    let view = FindingView {
                        located: l,
                        source: ExcerptSource { path: &o.path, excerpt: &l.excerpt },
                        help: help_text(l),
                    };
                    let _ = handler.render_report(&mut out, &view);
                    out.push('\n');
                }
            }
        }
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "{} checked: {}, {}, {}; {} could not be checked; {} checked, {} inconsistent",
        plural(summary.files, "file", "files"),
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.infos, "info", "infos"),
        plural(summary.failed, "file", "files"),
        plural(summary.relations, "numeric relation", "numeric relations"),
        summary.inconsistent,
    );
    out
}
