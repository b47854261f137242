//! The relation layer: what each number of a report counts and where it stands, so that numeric
//! rules can find totals, parts, bases and rates from the structure of the text instead of
//! pairing one fixed word with the number after it.
//!
//! Every quantity becomes a [`Mention`]: its *stem* (the words before it in its clause, back to
//! the previous number: `调解成功` in `调解成功2036件`), its unit family (件, 起, 宗 count cases; 人,
//! 人次, 名 count people — see [`Families`]), the clause, sentence and paragraph it lies in, the
//! parenthesis around it (`(含旧存1436件)`), whether it is in a table row, and whether it belongs
//! to a list opened by `其中` / `(含` / a colon. Built once per rule run, in one pass over the
//! quantities (linear in the text).

mod families;
pub mod ledger;
mod lists;

pub use families::{Families, Family};
pub use lists::{List, ListKind};

use crate::quantity::Quantity;
use crate::report::{Report, Span};

/// One quantity with what it counts and where it stands.
#[derive(Debug, Clone, Copy)]
pub struct Mention<'r> {
    /// Index into `report.quantities`.
    pub index: usize,
    pub q: &'r Quantity,
    pub family: Family,
    /// The words before the number in its clause, back to the previous number of the clause.
    pub stem: Span,
    pub clause: Span,
    /// Index of the sentence (into `report.sentences`), or `usize::MAX` outside any sentence.
    pub sentence: usize,
    pub paragraph: usize,
    /// The innermost parenthesis around the number, brackets included.
    pub paren: Option<Span>,
    /// The number stands in a table row (a line with `|` cells).
    pub table: bool,
}

impl Mention<'_> {
    pub fn is_percent(&self) -> bool {
        self.q.is_percent()
    }
    /// A count of something (not a percentage, not percentage points, with a unit).
    pub fn is_count(&self) -> bool {
        !self.q.unit.is_empty() && !self.q.is_percent() && self.q.unit != "个百分点" && self.q.unit != "‰"
    }
    pub fn lo(&self) -> f64 {
        self.q.interval().0
    }
    pub fn hi(&self) -> f64 {
        self.q.interval().1
    }
}

/// The mentions of a report, in text order, with the lists they form.
pub struct Relations<'r> {
    pub report: &'r Report,
    pub mentions: Vec<Mention<'r>>,
}

/// Deepest parenthesis nesting tracked; deeper brackets count as text.
const MAX_PAREN_DEPTH: usize = 16;

impl<'r> Relations<'r> {
    /// One pass over the quantities of `report`, with `families` to group units.
    pub fn build(report: &'r Report, families: &Families) -> Relations<'r> {
        let text = report.text();
        let parens = parens(text);
        let clauses = report.clauses();
        let sentences = report.sentence_spans();
        let (mut ci, mut si, mut pi, mut bi) = (0usize, 0usize, 0usize, 0usize);
        let mut open: Vec<Span> = Vec::new();
        let mut mentions = Vec::with_capacity(report.quantities.len());
        let mut prev_end = 0usize;
        // The line of the current quantity and whether it holds table cells; each line is
        // looked at once.
        let mut line = (0usize, 0usize, false);
        for (index, q) in report.quantities.iter().enumerate() {
            let at = q.span.start;
            while ci < clauses.len() && clauses[ci].end <= at {
                ci += 1;
            }
            while si < sentences.len() && sentences[si].end <= at {
                si += 1;
            }
            while pi + 1 < report.paragraphs.len() && report.paragraphs[pi].span.end < at {
                pi += 1;
            }
            if index == 0 || at > line.1 {
                let start =
                    if index == 0 { text[..at].rfind('\n').map_or(0, |i| i + 1) } else { next_line(text, line.1, at) };
                let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                line = (start, end, memchr::memchr(b'|', &text.as_bytes()[start..end]).is_some());
            }
            // Parentheses that closed before `at` are dropped; those opening before it pushed.
            open.retain(|p| p.end > at);
            while bi < parens.len() && parens[bi].start < at {
                if parens[bi].end > at {
                    open.push(parens[bi]);
                }
                bi += 1;
            }
            let clause = clauses.get(ci).copied().filter(|c| c.start <= at).unwrap_or(Span::new(at, at));
            let sentence = sentences.get(si).filter(|s| s.start <= at).map_or(usize::MAX, |_| si);
            let mut stem = Span::new(clause.start.max(prev_end).min(at), at);
            // A number alone in its clause (`收到信件,183条`) is named by the clause before it.
            if text[stem.start..stem.end].trim().is_empty() && ci > 0 {
                let before = clauses[ci - 1];
                if before.end <= at
                    && before.start >= prev_end
                    && sentences.get(si).is_some_and(|s| s.start <= before.start)
                {
                    stem = Span::new(before.start, at);
                }
            }
            mentions.push(Mention {
                index,
                q,
                family: families.of(q.unit),
                stem,
                clause,
                sentence,
                paragraph: pi,
                paren: open.iter().filter(|p| p.start < at && p.end > at).min_by_key(|p| p.end - p.start).copied(),
                table: line.2,
            });
            prev_end = q.span.end;
        }
        Relations { report, mentions }
    }

    pub fn text(&self) -> &'r str {
        self.report.text()
    }

    /// The words of a mention's stem.
    pub fn stem(&self, m: &Mention<'_>) -> &'r str {
        &self.report.text()[m.stem.start..m.stem.end]
    }

    /// Index of the first mention starting at or after `offset`.
    pub fn first_at(&self, offset: usize) -> usize {
        self.mentions.partition_point(|m| m.q.span.start < offset)
    }
}

/// The start of the line holding `at`, searching back no further than `floor` (the end of the
/// previous line looked at), so that lines are scanned once in all.
fn next_line(text: &str, floor: usize, at: usize) -> usize {
    text[floor..at].rfind('\n').map_or(floor, |i| floor + i + 1)
}

/// Every balanced `(…)` of `text` (folded, so full-width brackets are ASCII), sorted by start.
/// Unbalanced brackets are ignored; nesting deeper than [`MAX_PAREN_DEPTH`] is not tracked.
fn parens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' if stack.len() < MAX_PAREN_DEPTH => stack.push(i),
            b')' => {
                if let Some(s) = stack.pop() {
                    out.push(Span::new(s, i + 1));
                }
            }
            b'\n' => stack.clear(),
            _ => {}
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parentheses_are_paired_per_line() {
        let t = "a(b(c)d)e(f\n)g(h)";
        let p = parens(t);
        let got: Vec<&str> = p.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(got, vec!["(b(c)d)", "(c)", "(h)"]);
    }
}
