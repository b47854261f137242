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

/// Words that open a statement of its own after a `;`, not one more part of a list.
const NEW_STATEMENT: [&str; 9] = ["收到", "受理", "接到", "共", "另", "此外", "还", "全年", "累计"];

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
        if total.table || total.q.span.end > marker.start {
            return None;
        }
        let gap = &text[total.q.span.end..marker.start];
        if !total.is_count() || gap.chars().count() > TOTAL_GAP || gap.contains('\n') || gap.contains(';') {
            // `共受理14916件,同比上升46.5%,办结率均为100%。其中:……`: a sentence opened by the
            // list's word breaks down the total of the sentence before it.
            let total_i = total_of_previous_sentence(rel, marker)?;
            let end = semicolon_list_end(rel, &rel.mentions[total_i], n, marker, sentence_end(rel, marker.end));
            let parts = parts(rel, &rel.mentions[total_i], n, marker, end);
            return (!parts.is_empty()).then_some(List { kind: ListKind::Open, total: total_i, marker, parts });
        }
        let paren = gap.trim_end().ends_with('(');
        // A parenthesis left open (`195条信息,(其中:……`) runs to the end of the sentence.
        let close = if paren { close_of(text, marker.end) } else { None };
        let kind = if close.is_some() { ListKind::Paren } else { ListKind::Open };
        let end = match close {
            Some(c) => c,
            None => semicolon_list_end(rel, total, n, marker, sentence_end(rel, marker.end)),
        };
        let parts = parts(rel, total, n, marker, end);
        (!parts.is_empty()).then_some(List { kind, total: total_i, marker, parts })
    }
}

impl List {
    /// The list in a parenthesis right after a count, without an opening word:
    /// `行政处罚类案件85件(交通支队47件,区公安分局38件)`, `已办理法律援助案件245件(刑事189件,民事55件,
    /// 行政1件)`, `共3456件(限期内200件工单至下月办结)`. The caller leaves out parentheses of another
    /// period or a comparison.
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
        (!parts.is_empty()).then_some(List { kind: ListKind::Paren, total: total_i, marker, parts })
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
    // Bounded, so that a paragraph of ten thousand `其中` stays linear: the numbers scanned, and
    // the text searched for the `;` closing a breakdown (no further than the last number scanned).
    let scan_end = rel.mentions.get(from + MAX_SCAN).map_or(end, |m| m.q.span.start.clamp(marker.end, end));
    // The end of the number before, for the gap to the next one.
    let mut prev_end = marker.end;
    for (i, m) in rel.mentions.iter().enumerate().skip(from).take(MAX_SCAN) {
        let at = m.q.span.start;
        if at >= end || out.len() >= MAX_PARTS {
            break;
        }
        if at < marker.end {
            continue;
        }
        // A clause with no number between two ends the list (`其中网络申请5件,信函申请5件,已按时
        // 办理,发生行政复议1件`): the parts follow each other clause by clause.
        let gap = &text[prev_end.min(at)..at];
        prev_end = m.q.span.end;
        if !out.is_empty() && gap.matches([',', ';', '。']).count() >= 2 {
            break;
        }
        if m.family != total.family || !m.is_count() {
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
            let until = scan_end.max(at);
            nested_until = text[at..until].find(';').map_or(until, |k| at + k);
            continue;
        }
        out.push(i);
    }
    out
}

/// The total a sentence-opening `其中` breaks down: the only count of the sentence before it,
/// or its first count when named as a total (`共`, `总`, `累计`, `合计`).
fn total_of_previous_sentence(rel: &Relations<'_>, marker: Span) -> Option<usize> {
    let text = rel.text();
    let before = text[..marker.start].trim_end_matches([' ', ',', ':']);
    if !before.ends_with('。') {
        return None;
    }
    let n = rel.first_at(marker.start);
    // The last sentence with a count, one or two sentences back (`224条,较去年下降7.8%。全文电子化率
    // 达100%。其中,……`), in the list's paragraph.
    let last = rel.mentions[..n].iter().rev().take(MAX_SCAN).find(|m| m.is_count())?;
    let sentences = rel.report.sentence_spans();
    let here = sentences.partition_point(|s| s.end <= marker.start);
    if last.sentence == usize::MAX || here.saturating_sub(last.sentence) > 2 {
        return None;
    }
    let sentence = last.sentence;
    let para = last.paragraph;
    if rel.report.paragraphs.get(para).is_none_or(|p| p.span.end < marker.start) {
        return None;
    }
    let counts: Vec<usize> = (n.saturating_sub(MAX_SCAN)..=last.index.min(n.saturating_sub(1)))
        .rev()
        .skip_while(|&i| rel.mentions[i].sentence != sentence)
        .take_while(|&i| rel.mentions[i].sentence == sentence && rel.mentions[i].paragraph == para)
        .filter(|&i| rel.mentions[i].is_count() && rel.mentions[i].paren.is_none() && !rel.mentions[i].table)
        .collect();
    match counts.as_slice() {
        [only] => Some(*only),
        [.., first] => {
            let stem = rel.stem(&rel.mentions[*first]);
            ["共", "总", "累计", "合计"].iter().any(|w| stem.contains(w)).then_some(*first)
        }
        [] => None,
    }
}

/// Where a list after `其中` ends when its parts are set off by `;` (`其中,A 199件,罚款金额…;
/// B 8897件;C 1093件`): past each `;` while every segment holds exactly one count of the
/// total's family; otherwise at the first `;` (`end`, the sentence end).
fn semicolon_list_end(rel: &Relations<'_>, total: &Mention<'_>, from: usize, marker: Span, end: usize) -> usize {
    let text = rel.text();
    if !text[..end].ends_with(';') {
        return end;
    }
    let of_family = |a: usize, b: usize| {
        rel.mentions[from..]
            .iter()
            .take(MAX_SCAN)
            .take_while(|m| m.q.span.start < b)
            .filter(|m| m.q.span.start >= a && m.is_count() && m.family == total.family)
            .count()
    };
    if of_family(marker.end, end) != 1 {
        return end;
    }
    let mut end = end;
    let para_end = rel.report.paragraphs.get(total.paragraph).map_or(text.len(), |p| p.span.end);
    for _ in 0..MAX_PARTS {
        if !text[..end].ends_with(';') {
            break;
        }
        let next = sentence_end(rel, end).min(para_end);
        if next <= end {
            break;
        }
        // A segment that opens with a verb of its own (`;收到群众表扬信29件`) is a new statement.
        let segment = text[end..next].trim_start();
        if of_family(end, next) != 1 || segment.contains("其中") || NEW_STATEMENT.iter().any(|w| segment.starts_with(w))
        {
            break;
        }
        end = next;
    }
    end
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
