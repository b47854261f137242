//! `--format human`: each finding drawn by miette, pointing at the words in an excerpt of its
//! line, with the rule id as code, then a closing line with the counts.
//!
//! miette is given only the excerpt (about one sentence), never a whole 800-character
//! paragraph, through a [`SourceCode`] that reports the real line and the column in characters.
//! The excerpt, the messages and the path are escaped ([`super::escape`]) first: a report that
//! holds terminal escape sequences is shown, not obeyed.

use std::fmt::Write as _;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::escape;
use crate::engine::{Excerpt, FileOutcome, Located, Summary};
use crate::finding::Severity;
use crate::lang::Lang;

#[derive(Debug, Clone)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// The language of the closing line and of fzlint's own words.
    pub lang: Lang,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions { color: false, width: 100, lang: Lang::En }
    }
}

/// The excerpt as miette's source, escaped: offsets are relative to the escaped text's start.
struct ExcerptSource<'a> {
    path: String,
    excerpt: &'a Excerpt,
    escaped: String,
}

impl<'a> ExcerptSource<'a> {
    fn new(path: &str, excerpt: &'a Excerpt) -> ExcerptSource<'a> {
        ExcerptSource {
            path: escape::text(path).into_owned(),
            excerpt,
            escaped: escape::text(&excerpt.text).into_owned(),
        }
    }

    /// Offset in the escaped text of byte `local` of the excerpt.
    fn to_escaped(&self, local: usize) -> usize {
        self.excerpt.text.char_indices().take_while(|&(i, _)| i < local).map(|(_, c)| escape::escaped_len(c)).sum()
    }

    /// Characters of the excerpt before offset `at` of the escaped text.
    fn chars_before(&self, at: usize) -> usize {
        let mut escaped = 0;
        let mut count = 0;
        for c in self.excerpt.text.chars() {
            if escaped >= at {
                break;
            }
            escaped += escape::escaped_len(c);
            count += 1;
        }
        count
    }
}

impl SourceCode for ExcerptSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.escaped.as_str();
        let at = span.offset().min(text.len());
        let column = self.excerpt.column - 1 + self.chars_before(at);
        Ok(Box::new(MietteSpanContents::new_named(
            self.path.clone(),
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
    message: String,
    help: Option<String>,
}

impl std::fmt::Debug for FindingView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::fmt::Display for FindingView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
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
        let (from, to) = (self.source.to_escaped(start - lo), self.source.to_escaped(end - lo));
        Some(SourceSpan::new(from.into(), to - from))
    }
}

impl Diagnostic for FindingView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(escape::text(&self.located.finding.rule)))
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
            labels.push(LabeledSpan::new_primary_with_span(Some(escape::text(&f.label).into_owned()), s));
        }
        for r in &f.related {
            if let Some(s) = self.local(r.span.start, r.span.end) {
                labels.push(LabeledSpan::new_with_span(Some(escape::text(&r.label).into_owned()), s));
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
    (!parts.is_empty()).then(|| parts.iter().map(|p| escape::text(p)).collect::<Vec<_>>().join("\n"))
}

pub fn render(outcomes: &[FileOutcome], summary: &Summary, options: &HumanOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false);
    let mut out = String::new();
    for o in outcomes {
        match &o.result {
            Err(e) => {
                let (path, why) = (escape::text(&o.path), escape::text(&e.message(options.lang)).into_owned());
                let _ = match options.lang {
                    Lang::Zh => writeln!(out, "错误:{path}:{why}\n"),
                    Lang::En => writeln!(out, "error: {path}: {why}\n"),
                };
            }
            Ok(found) => {
                for l in found {
                    let view = FindingView {
                        located: l,
                        source: ExcerptSource::new(&o.path, &l.excerpt),
                        message: escape::text(&l.finding.message).into_owned(),
                        help: help_text(l),
                    };
                    let _ = handler.render_report(&mut out, &view);
                    out.push('\n');
                }
            }
        }
    }
    out.push_str(&closing_line(summary, options.lang));
    out.push('\n');
    out
}

/// The last line of the human output: what was checked and found.
pub fn closing_line(summary: &Summary, lang: Lang) -> String {
    if lang == Lang::Zh {
        return format!(
            "检查了 {} 个文件:错误 {} 处,警告 {} 处,提示 {} 处;{} 个文件无法检查;核对数字关系 {} 处,不一致 {} 处",
            summary.files,
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.failed,
            summary.relations,
            summary.inconsistent
        );
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} checked: {}, {}, {}; {} could not be checked; {} checked, {} inconsistent",
        plural(summary.files, "file", "files"),
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.infos, "info", "infos"),
        plural(summary.failed, "file", "files"),
        plural(summary.relations, "numeric relation", "numeric relations"),
        summary.inconsistent,
    )
}
