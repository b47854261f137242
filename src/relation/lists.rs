//! Lists of parts: a total followed by the numbers that break it down —
//! `主动公开政府信息73条,其中:统计数据12条,工作动态信息21条……`, `受理2203件(含旧存245件)`,
//! `共计46家:其中……`, across a sentence end (`……8769条。其中,……`). The rule gives where a list
//! opens (its `parts:` words); this module finds the total in front of it, where it ends, and
//! which numbers are its parts. A part's own breakdown (`网站公开225条(包括工作动态125条……)`, or
//! a second `其中`) stays nested: it is not summed with its siblings.

use super::{Mention, Relations};
use crate::report::Span;

/// How a list is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `其中`, `包括` and the like, in running text.
    Open,
    /// Inside a parenthesis opened right before the words: `(含旧存245件)`.
    Paren,
}

/// A total and its parts, as indices into `Relations::mentions`.
#[derive(Debug, Clone)]
pub struct List {
    pub kind: ListKind,
    pub total: usize,
    pub marker: Span,
    pub parts: Vec<usize>,
}

/// Parts of one list looked at, and numbers scanned for them: a list longer than this is cut.
const MAX_PARTS: usize = 64;
const MAX_SCAN: usize = 256;

/// Bytes within which a parenthesis opened before a list must close.
const PAREN_REACH: usize = 4_096;

/// Characters allowed between a total and the words that open its list (`8769条。其中`).
const TOTAL_GAP: usize = 8;

impl List {
    /// The list opened by the words at `marker`, when a total stands right before them.
    pub fn at(rel: &Relations<'_>, marker: Span) -> Option<List> {
        let text = rel.text();
        let n = rel.first_at(marker.start);
        let total_i = n.checked_sub(1)?;
        let total = &rel.mentions[total_i];
        if !total.is_count() || total.table || total.q.span.end > marker.start {
            return None;
        }
        let gap = &text[total.q.span.end..marker.start];
        if gap.chars().count() > TOTAL_GAP || gap.contains('\n') || gap.contains(';') {
            return None;
        }
        let paren = gap.trim_end().ends_with('(');
        let kind = if paren { ListKind::Paren } else { ListKind::Open };
        let end = match kind {
            ListKind::Paren => close_of(text, marker.end)?,
            ListKind::Open => sentence_end(rel, marker.end),
        };
        let parts = parts(rel, total, n, marker, end);
        (!parts.is_empty()).then_some(List { kind, total: total_i, marker, parts })
    }
}

/// The numbers of the list: those of the total's family between the marker and `end`, leaving
/// out a part's own breakdown (a parenthesis opened inside the list, or what follows a second
/// opening word up to the next `;`).
fn parts(rel: &Relations<'_>, total: &Mention<'_>, from: usize, marker: Span, end: usize) -> Vec<usize> {
    let text = rel.text();
    let mut out = Vec::new();
    let mut nested_until = 0usize;
    // Bounded, so that a paragraph of ten thousand `其中` stays linear: the numbers scanned, and
    // the text searched for the `;` closing a breakdown (no further than the last number scanned).
    let scan_end = rel.mentions.get(from + MAX_SCAN).map_or(end, |m| m.q.span.start.clamp(marker.end, end));
    for (i, m) in rel.mentions.iter().enumerate().skip(from).take(MAX_SCAN) {
        let at = m.q.span.start;
        if at >= end || out.len() >= MAX_PARTS {
            break;
        }
        if at < marker.end || m.family != total.family || !m.is_count() {
            continue;
        }
        // A parenthesis that opened inside the list holds a breakdown of one part.
        let nested_paren = m.paren.is_some_and(|p| p.start >= marker.end);
        if nested_paren || at < nested_until {
            continue;
        }
        // A second `其中` in the stem opens the breakdown of the part before it.
        let stem = rel.stem(m);
        if !out.is_empty() && stem.contains("其中") {
            let until = scan_end.max(at);
            nested_until = text[at..until].find(';').map_or(until, |k| at + k);
            continue;
        }
        out.push(i);
    }
    out
}

/// The `)` closing the parenthesis that is open at `from`, on the same line.
fn close_of(text: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    // A parenthesis holding a list closes within a paragraph's length: bounded, so that a line
    // of ten thousand unclosed `(其中` stays linear.
    let reach = (from + PAREN_REACH).min(text.len());
    for (i, b) in text.as_bytes()[from..reach].iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(from + i),
            b')' => depth -= 1,
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// The end of the sentence holding `at`.
fn sentence_end(rel: &Relations<'_>, at: usize) -> usize {
    let s = rel.report.sentence_spans();
    let i = s.partition_point(|s| s.end <= at);
    s.get(i).map_or(rel.text().len(), |s| s.end)
}
