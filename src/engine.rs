//! The engine: every rule on every report, files in parallel with rayon. Each file is read,
//! modelled and checked on its own; its findings leave with positions for people and a short
//! excerpt around each, so nothing of the file needs keeping afterwards. Results are returned
//! in path order and findings sorted by (start, rule), so the output is the same bytes whatever
//! the thread count.
//!
//! Whatever a rule does, one file gives at most [`MAX_FINDINGS_PER_RULE`] findings per rule (then
//! one finding says how many more there were) and a finding at most [`MAX_RELATED`] related
//! places, so a pathological file cannot produce gigabytes of output.

use rayon::prelude::*;

use crate::finding::{Finding, Related, Severity};
use crate::relation::ledger::{self, Tally};
use crate::report::{Report, Span};
use crate::rules::{applies, RuleMeta, RulePack};
use crate::source::{self, Input, SourceError};
use crate::text::{LineIndex, Position};
use crate::window::{self, Window};

/// A short piece of one line of the source around a finding, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Byte offset of the excerpt in the decoded source.
    pub offset: usize,
    /// 1-based line of the excerpt, and the character column where it starts.
    pub line: usize,
    pub column: usize,
}

/// A finding with positions for people (1-based line, column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub finding: Finding,
    pub start: Position,
    pub end: Position,
    /// Start and end columns in UTF-16 code units, for SARIF.
    pub utf16_columns: (usize, usize),
    pub related: Vec<Position>,
    /// Where each related span ends, and its start and end columns in UTF-16 code units.
    pub related_ends: Vec<(Position, (usize, usize))>,
    pub excerpt: Excerpt,
    /// The page the finding starts on, for paged formats (PDF, OFD).
    pub page: Option<u32>,
}

/// What happened to one input.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: String,
    pub result: Result<Vec<Located>, SourceError>,
    /// The numeric relations judged on this file, and how many held.
    pub relations: Tally,
    /// What the report says of itself (title, year, date), and the windows of its text kept
    /// for the page.
    pub facts: Facts,
}

/// What a report says of itself, for overviews: its title as written, the year it reports on,
/// the date it was published or signed; and, when asked for ([`RunOptions::windows`]), the
/// windows of its text around the findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub title: Option<String>,
    pub year: Option<i32>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub windows: Vec<Window>,
}

/// What a run keeps besides the findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// The arithmetic of every numeric relation (`--explain-numbers`).
    pub details: bool,
    /// The text around each finding (`--format html`).
    pub windows: bool,
}

/// Characters of context kept on either side of a finding in its excerpt.
const CONTEXT_CHARS: usize = 40;
/// An excerpt grows to show related spans on the same line up to this many characters.
const EXCERPT_MAX_CHARS: usize = 160;

/// Findings one rule may give in one file; beyond, one finding counts the rest.
pub const MAX_FINDINGS_PER_RULE: usize = 100;
/// Related places one finding may list; beyond, one more place counts the rest.
pub const MAX_RELATED: usize = 20;

/// Check decoded text as if it were the file `path`.
pub fn check_text(path: &str, text: &str, pack: &RulePack) -> Vec<Located> {
    check_text_with(path, text, &[], pack)
}

/// Like [`check_text`], with lines the document marks as headings (Word heading styles).
pub fn check_text_with(path: &str, text: &str, heading_lines: &[(usize, u8)], pack: &RulePack) -> Vec<Located> {
    judge_text(path, text, heading_lines, pack, false).0
}

/// Like [`check_text_with`], also returning the numeric relations judged (with their
/// arithmetic when `details`).
pub fn judge_text(
    path: &str,
    text: &str,
    heading_lines: &[(usize, u8)],
    pack: &RulePack,
    details: bool,
) -> (Vec<Located>, Tally) {
    let (found, tally, _) = judge(path, text, heading_lines, pack, RunOptions { details, windows: false });
    (found, tally)
}

/// Like [`judge_text`], also returning what the report says of itself.
pub fn judge(
    path: &str,
    text: &str,
    heading_lines: &[(usize, u8)],
    pack: &RulePack,
    options: RunOptions,
) -> (Vec<Located>, Tally, Facts) {
    let details = options.details;
    let report = Report::build_with(path, text, heading_lines);
    let mut findings = Vec::new();
    ledger::open(details);
    // Rules for a kind of document run only on documents of that kind; a document of none of the
    // kinds gets one finding saying which rules were left out.
    let recognised: Vec<bool> = pack.kinds.iter().map(|k| k.recognises(&report)).collect();
    let mut skipped: Vec<&str> = Vec::new();
    for rule in &pack.rules {
        if rule.applies_to.is_some_and(|k| !recognised[k]) {
            skipped.push(&rule.meta.id);
            continue;
        }
        let from = findings.len();
        rule.run(&report, &mut findings);
        cap(&mut findings, from, &rule.meta);
    }
    if !skipped.is_empty() && !recognised.contains(&true) {
        let kinds: Vec<_> = pack.kinds.iter().collect();
        findings.push(applies::unrecognised(&report, &kinds, &skipped));
    }
    let mut tally = ledger::close();
    for j in &mut tally.details {
        j.span = report.to_original(j.span);
    }
    for f in &mut findings {
        f.span = report.to_original(f.span);
        for r in &mut f.related {
            r.span = report.to_original(r.span);
        }
    }
    findings.sort_by(order);
    findings.dedup();
    one_relation_finding_per_number(&mut findings);
    let index = LineIndex::new(text);
    for j in &mut tally.details {
        let p = index.position(text, j.span.start);
        (j.line, j.column) = (p.line, p.column);
    }
    tally.details.sort_by(|a, b| (a.span.start, &a.rule, &a.arithmetic).cmp(&(b.span.start, &b.rule, &b.arithmetic)));
    let mut facts = Facts {
        title: report.title.as_ref().map(|t| {
            let s = report.to_original(t.span);
            text.get(s.start..s.end).unwrap_or_default().trim().to_string()
        }),
        year: report.year.map(|y| y.value),
        published: report.publication().map(|d| d.date.to_string()),
        windows: Vec::new(),
    };
    if options.windows {
        let spans = findings.iter().flat_map(|f| std::iter::once(f.span).chain(f.related.iter().map(|r| r.span)));
        facts.windows = window::windows(text, &index, spans);
    }
    (findings.into_iter().map(|f| locate(text, &index, f)).collect(), tally, facts)
}

/// Two relation rules that judge the same number (`受理224件,办结268件`: closed ≤ accepted, and
/// an outcome ≤ the count before it) say one thing: the more severe finding is kept (the first
/// in order among equals). Findings are sorted by start.
fn one_relation_finding_per_number(findings: &mut Vec<Finding>) {
    const RELATION: [&str; 3] = ["compare", "sum", "ratio"];
    let mut keep = vec![true; findings.len()];
    let mut i = 0;
    while i < findings.len() {
        let mut j = i + 1;
        while j < findings.len() && findings[j].span.start == findings[i].span.start {
            j += 1;
        }
        let group: Vec<usize> = (i..j).filter(|&k| RELATION.contains(&findings[k].kind)).collect();
        if let Some(&best) = group.iter().max_by_key(|&&k| (findings[k].severity, std::cmp::Reverse(k))) {
            for &k in &group {
                keep[k] = k == best || findings[k].span != findings[best].span;
            }
        }
        i = j;
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (a.span.start, &a.rule, a.span.end, &a.message).cmp(&(b.span.start, &b.rule, b.span.end, &b.message))
}

/// Hold the findings one rule appended (from `from` on) to the caps: related places first,
/// then the number of findings, keeping the first ones in the text.
pub fn cap(findings: &mut Vec<Finding>, from: usize, meta: &RuleMeta) {
    for f in &mut findings[from..] {
        if f.related.len() > MAX_RELATED {
            let more = f.related.len() - MAX_RELATED;
            let span = f.related[MAX_RELATED].span;
            f.related.truncate(MAX_RELATED);
            f.related.push(Related { span, label: format!("另有 {more} 处相关位置未列出") });
        }
    }
    if findings.len() - from <= MAX_FINDINGS_PER_RULE {
        return;
    }
    let mut mine = findings.split_off(from);
    mine.sort_by(order);
    mine.dedup();
    if mine.len() > MAX_FINDINGS_PER_RULE {
        let more = mine.len() - MAX_FINDINGS_PER_RULE;
        let span = mine[MAX_FINDINGS_PER_RULE].span;
        mine.truncate(MAX_FINDINGS_PER_RULE);
        mine.push(
            meta.finding(span, "此后同类问题不再列出")
                .with_message(format!("{}(本文件另有 {more} 处同类问题未列出)", meta.message)),
        );
    }
    findings.extend(mine);
}

/// Read, model and check one input.
pub fn check_input(input: &Input, pack: &RulePack) -> FileOutcome {
    check_input_with(input, pack, false)
}

/// Like [`check_input`]; with `details`, each relation's arithmetic is kept.
pub fn check_input_with(input: &Input, pack: &RulePack, details: bool) -> FileOutcome {
    check_input_opts(input, pack, RunOptions { details, windows: false })
}

/// Like [`check_input`], keeping what `options` asks for.
pub fn check_input_opts(input: &Input, pack: &RulePack, options: RunOptions) -> FileOutcome {
    let path = input.display();
    let mut relations = Tally::default();
    let mut facts = Facts::default();
    let result = source::read(input).and_then(|s| {
        // A bug in one rule stops this file, not the run: the other files are still checked.
        let judged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            judge(&s.path, &s.text, &s.heading_lines, pack, options)
        }));
        let (mut found, tally, f) =
            judged.map_err(|panic| source::SourceError::Internal(source::panic_message(&*panic)))?;
        relations = tally;
        facts = f;
        if !s.page_starts.is_empty() {
            for l in &mut found {
                l.page = s.page_at(l.finding.span.start);
            }
        }
        Ok(found)
    });
    FileOutcome { path, result, relations, facts }
}

/// Check all inputs on the current rayon pool; results in input order.
pub fn run(inputs: &[Input], pack: &RulePack) -> Vec<FileOutcome> {
    run_with(inputs, pack, false)
}

/// Like [`run`]; with `details`, each relation's arithmetic is kept.
pub fn run_with(inputs: &[Input], pack: &RulePack, details: bool) -> Vec<FileOutcome> {
    run_opts(inputs, pack, RunOptions { details, windows: false })
}

/// Like [`run`], keeping what `options` asks for.
pub fn run_opts(inputs: &[Input], pack: &RulePack, options: RunOptions) -> Vec<FileOutcome> {
    inputs.par_iter().map(|i| check_input_opts(i, pack, options)).collect()
}

fn locate(text: &str, index: &LineIndex, f: Finding) -> Located {
    let start = index.position(text, f.span.start);
    let end = index.position(text, f.span.end);
    let related = f.related.iter().map(|r| index.position(text, r.span.start)).collect();
    let related_ends = f
        .related
        .iter()
        .map(|r| {
            let columns = (index.utf16_column(text, r.span.start), index.utf16_column(text, r.span.end));
            (index.position(text, r.span.end), columns)
        })
        .collect();
    let excerpt = excerpt(text, index, f.span, &f.related);
    let utf16_columns = (index.utf16_column(text, f.span.start), index.utf16_column(text, f.span.end));
    Located { finding: f, start, end, utf16_columns, related, related_ends, excerpt, page: None }
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\u{FF01}' | '\u{FF1F}' | '\u{FF1B}')
}

/// The part of the finding's line to show: the sentence around it, at most `CONTEXT_CHARS`
/// characters either side, widened to related spans on the same line when that stays short.
fn excerpt(text: &str, index: &LineIndex, span: Span, related: &[Related]) -> Excerpt {
    let line = index.line_of(span.start);
    let (ls, le) = index.line_range(text, line);
    let end = span.end.clamp(span.start, le.max(span.start));
    let mut from = back(text, ls, span.start, CONTEXT_CHARS);
    let mut to = forward(text, le, end, CONTEXT_CHARS);
    for r in related {
        if index.line_of(r.span.start) != line || r.span.end > le {
            continue;
        }
        let (nf, nt) = (from.min(r.span.start), to.max(r.span.end));
        if text[nf..nt].chars().count() <= EXCERPT_MAX_CHARS {
            from = nf;
            to = nt;
        }
    }
    let column = index.position(text, from).column;
    Excerpt { text: text[from..to].to_string(), offset: from, line: line + 1, column }
}

/// Walk back from `at` at most `n` characters, stopping after a sentence end or at `floor`.
fn back(text: &str, floor: usize, at: usize, n: usize) -> usize {
    let mut pos = at;
    for (count, (i, c)) in text[floor..at].char_indices().rev().enumerate() {
        if count >= n || is_stop(c) {
            break;
        }
        pos = floor + i;
    }
    pos
}

/// Walk forward from `at` at most `n` characters, stopping after a sentence end or at `ceil`.
fn forward(text: &str, ceil: usize, at: usize, n: usize) -> usize {
    let start = at.min(ceil);
    let mut pos = start;
    for (count, (i, c)) in text[start..ceil].char_indices().enumerate() {
        if count >= n {
            break;
        }
        pos = start + i + c.len_utf8();
        if is_stop(c) {
            break;
        }
    }
    pos
}

/// Counts for the closing line and the JSON summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub failed: usize,
    /// Numeric relations judged, and how many did not hold.
    pub relations: usize,
    pub inconsistent: usize,
}

impl Summary {
    pub fn of(outcomes: &[FileOutcome]) -> Summary {
        let mut s = Summary { files: outcomes.len(), ..Summary::default() };
        for o in outcomes {
            s.relations += o.relations.checked;
            s.inconsistent += o.relations.checked - o.relations.held;
            match &o.result {
                Err(_) => s.failed += 1,
                Ok(found) => {
                    for l in found {
                        match l.finding.severity {
                            Severity::Error => s.errors += 1,
                            Severity::Warning => s.warnings += 1,
                            Severity::Info => s.infos += 1,
                        }
                    }
                }
            }
        }
        s
    }

    /// Findings at or above `threshold`.
    pub fn at_or_above(&self, threshold: Severity) -> usize {
        match threshold {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.errors + self.warnings + self.infos,
        }
    }
}
