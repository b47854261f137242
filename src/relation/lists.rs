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

/// Words that make a count an attribute of the part before it, not a part of its own.
const ATTRIBUTE: [&str; 5] = ["涉及", "惠及", "涉案", "挽回", "金额"];

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

impl List {
    /// The list in a parenthesis right after a count, without an opening word:
    /// `行政处罚类案件85件(交通支队47件,区公安分局38件)`, `已办理法律援助案件245件(刑事189件,民事55件,
    /// 行政1件)`. At least two parts of the total's family; the caller leaves out parentheses of
    /// another period or a comparison.
    pub fn paren_after(rel: &Relations<'_>, total_i: usize) -> Option<List> {
        let text = rel.text();
        let total = &rel.mentions[total_i];
        if !total.is_count() || total.table {
            return None;
        }
        let rest = &text[total.q.span.end..];
        let open = total.q.span.end + (rest.len() - rest.trim_start_matches(' ').len());
        if !text[open..].starts_with('(') {
            return None;
        }
        let marker = Span::new(open, open + 1);
        let end = close_of(text, marker.end)?;
        let parts = parts(rel, total, total_i + 1, marker, end);
        (parts.len() >= 2).then_some(List { kind: ListKind::Paren, total: total_i, marker, parts })
    }

    /// The words of the list, from its opening word to its last part.
    pub fn words<'t>(&self, rel: &Relations<'t>) -> &'t str {
        let last = self.parts.last().map_or(self.marker.end, |&i| rel.mentions[i].q.span.end);
        &rel.text()[self.marker.start..last]
    }
}

/// The numbers of the list: those of the total's family between the marker and `end`, leaving
/// out a part's own breakdown (a parenthesis opened inside the list, or what follows a second
/// opening word up to the next `;`).
fn parts(rel: &Relations<'_>, total: &Mention<'_>, from: usize, marker: Span, end: usize) -> Vec<usize> {
    let text = rel.text();
    let mut out = Vec::new();
    let mut nested_until = 0usize;
    // Bounded, so that a paragraph of ten thousand `其中` stays linear.
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
        // `案件1332件,涉及农民工10万余人`: a count that describes the part before it.
        if ATTRIBUTE.iter().any(|w| stem.contains(w)) {
            continue;
        }
        if !out.is_empty() && stem.contains("其中") {
            nested_until = text[at..end].find(';').map_or(end, |k| at + k);
            continue;
        }
        out.push(i);
    }
    out
}

/// The `)` closing the parenthesis that is open at `from`, on the same line.
fn close_of(text: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.as_bytes()[from..].iter().enumerate() {
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
