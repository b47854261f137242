//! Paragraphs (non-empty lines) and sentences of a report, and the paragraphs a document marks
//! as headings.

use super::Span;

/// A non-empty line of the report, trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Paragraph {
    pub span: Span,
}

/// A sentence: split on `。!?;` (either width) and on line ends; the terminator is included.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

pub(super) fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            let s = start + lead;
            out.push(Paragraph { span: Span::new(s, s + trimmed.len()) });
        }
        start = end;
    }
    out
}

pub(super) fn split_sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    // Where sentences end, over the whole text at once: after `!?;` (ASCII after folding) and
    // after `。` (searched whole: its lead byte E3 opens every CJK punctuation mark).
    let bytes = text.as_bytes();
    let mut ends: Vec<usize> = memchr::memchr3_iter(b'!', b'?', b';', bytes).map(|i| i + 1).collect();
    ends.extend(memchr::memmem::find_iter(bytes, "。").map(|i| i + "。".len()));
    ends.sort_unstable();
    let mut ends = ends.into_iter().peekable();
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let body = &text[p.span.start..p.span.end];
        let mut start = 0;
        while let Some(&end) = ends.peek() {
            if end > p.span.end {
                break;
            }
            ends.next();
            if end > p.span.start {
                push_sentence(&mut out, body, p.span.start, start, end - p.span.start, pi);
                start = end - p.span.start;
            }
        }
        push_sentence(&mut out, body, p.span.start, start, body.len(), pi);
    }
    out
}

fn push_sentence(out: &mut Vec<Sentence>, body: &str, base: usize, start: usize, end: usize, pi: usize) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Sentence { span: Span::new(s, s + trimmed.len()), paragraph: pi });
    }
}

/// Paragraph index → level, for the lines (0-based) a document marks as headings, in
/// paragraph order. One pass over both: the lines are sorted first.
pub(super) fn styled_paragraphs(
    text: &str,
    paragraphs: &[Paragraph],
    heading_lines: &[(usize, u8)],
) -> Vec<(usize, u8)> {
    if heading_lines.is_empty() {
        return Vec::new();
    }
    let mut lines = heading_lines.to_vec();
    lines.sort_unstable();
    let mut lines = lines.into_iter().peekable();
    let mut out = Vec::new();
    let (mut line, mut at) = (0usize, 0usize);
    for (pi, p) in paragraphs.iter().enumerate() {
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[at..p.span.start]).count();
        at = p.span.start;
        while lines.next_if(|(l, _)| *l < line).is_some() {}
        if let Some((_, level)) = lines.next_if(|(l, _)| *l == line) {
            out.push((pi, level));
        }
    }
    out
}
