//! Windows of a report's text around its findings, kept for the HTML page: the lines that hold
//! a finding or one of its related places, cut to a reach either side when a line is long, and
//! merged where they touch. The page then grows with the findings, not with the reports.

use crate::report::Span;
use crate::text::{ceil_boundary, floor_boundary, LineIndex};

/// Characters kept on either side of a span when its line is longer.
const REACH: usize = 300;

/// A piece of the decoded source shown on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Byte offset of `text` in the decoded source.
    pub offset: usize,
    /// 1-based line the window starts on.
    pub line: usize,
    pub text: String,
}

/// The windows of `text` that show every span of `spans`, in text order, not overlapping.
pub fn windows(text: &str, index: &LineIndex, spans: impl IntoIterator<Item = Span>) -> Vec<Window> {
    let mut ranges: Vec<(usize, usize)> = spans
        .into_iter()
        .map(|s| {
            let start = floor_boundary(text, s.start);
            let end = ceil_boundary(text, s.end.max(start));
            let (line_start, _) = index.line_range(text, index.line_of(start));
            let last_line = index.line_of(if end > start { end - 1 } else { end });
            let (_, line_end) = index.line_range(text, last_line);
            (back(text, line_start, start), forward(text, line_end.max(end), end))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (from, to) in ranges {
        match merged.last_mut() {
            // Touching, or apart only by a line break: one window.
            Some(last) if from <= last.1 + 2 && text[last.1.min(from)..from].trim().is_empty() => {
                last.1 = last.1.max(to)
            }
            _ => merged.push((from, to)),
        }
    }
    merged
        .into_iter()
        .map(|(from, to)| Window { offset: from, line: index.line_of(from) + 1, text: text[from..to].to_string() })
        .collect()
}

/// At most `REACH` characters back from `at`, not before `floor`.
fn back(text: &str, floor: usize, at: usize) -> usize {
    text[floor..at].char_indices().rev().nth(REACH - 1).map_or(floor, |(i, _)| floor + i)
}

/// At most `REACH` characters on from `at`, not after `ceil`.
fn forward(text: &str, ceil: usize, at: usize) -> usize {
    text[at..ceil].char_indices().nth(REACH).map_or(ceil, |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, words: &str) -> Span {
        let start = text.find(words).unwrap();
        Span { start, end: start + words.len() }
    }

    #[test]
    fn lines_with_findings_only_merged_when_they_touch() {
        let text = "标题\n第一段受理5件。\n第二段办结6件。\n无关的一段。\n第四段。\n";
        let index = LineIndex::new(text);
        let w = windows(text, &index, [span(text, "6件"), span(text, "5件"), span(text, "第四段")]);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].text, "第一段受理5件。\n第二段办结6件。");
        assert_eq!(w[0].line, 2);
        assert_eq!(&text[w[0].offset..w[0].offset + w[0].text.len()], w[0].text);
        assert_eq!(w[1].text, "第四段。");
        assert_eq!(w[1].line, 5);
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!("{}受理5件{}", "甲".repeat(1000), "乙".repeat(1000));
        let index = LineIndex::new(&text);
        let w = windows(&text, &index, [span(&text, "受理5件")]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text.chars().count(), REACH + 4 + REACH);
        assert_eq!(w[0].line, 1);
    }

    #[test]
    fn an_empty_span_at_the_end_is_shown() {
        let text = "一行。";
        let index = LineIndex::new(text);
        let w = windows(text, &index, [Span { start: text.len(), end: text.len() }]);
        assert_eq!(w[0].text, "一行。");
    }
}
