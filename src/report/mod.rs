//! The report model: built once per file from the decoded text, then read by every rule.
//!
//! A [`Report`] knows its title and year, its publication and signature dates, its headings at
//! four levels (`一、` / `(一)` / `1.` / `(1)`) with the section tree, and its paragraphs and
//! sentences. Every part carries a [`Span`] of byte offsets into the *folded* text
//! ([`Report::text`]); [`Report::to_original`] maps them back to the decoded source.

use std::sync::{LazyLock, Mutex, OnceLock};

use regex::Regex;

mod headings;

pub use crate::span::Span;
pub use headings::{heading_marker, malformed_marker, Heading};

use crate::numerals;
use crate::quantity::{self, Quantity};
use crate::text::Folded;

/// The line naming the report, e.g. `濮阳市人民政府关于2022年度法治政府建设情况的报告`.
#[derive(Debug, Clone)]
pub struct Title {
    pub span: Span,
    /// The year the title names, with its span (`2022`).
    pub year: Option<(i32, Span)>,
}

/// Where the report year was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    /// The opening paragraph (`2024年,凯里市…`), when there is no title.
    Opening,
}

#[derive(Debug, Clone, Copy)]
pub struct ReportYear {
    pub value: i32,
    pub span: Span,
    pub source: YearSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date found in the report: the publication date of the web page (`网站发布:2023-03-07`)
/// or the date under the signature (`2024年2月27日`).
#[derive(Debug, Clone, Copy)]
pub struct DateMark {
    pub date: Date,
    pub span: Span,
}

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

#[derive(Debug, Clone)]
pub struct Report {
    pub path: String,
    folded: Folded,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub headings: Vec<Heading>,
    /// The numbered rows of tables (`一、本年新收… | 0 |`), a tree of their own: not headings.
    pub table_rows: Vec<Heading>,
    /// Markers of pages copied out of a longer document (`Page 8 - …`, `- 8 -`).
    pub page_marks: Vec<Span>,
    pub title: Option<Title>,
    pub year: Option<ReportYear>,
    pub published: Option<DateMark>,
    pub signed: Option<DateMark>,
    /// Every number in the prose, in order (see [`crate::quantity`]).
    pub quantities: Vec<Quantity>,
    /// What rules ask for again and again, worked out once.
    memo: Memo,
}

/// Where a section of the report was found.
#[derive(Debug, Clone, Copy)]
pub enum Found {
    /// Under heading number `i` of the report.
    Heading(usize),
    /// Only as words in the body, at this span.
    Prose(Span),
    Missing,
}

impl Found {
    pub fn position(&self, report: &Report) -> Option<usize> {
        match *self {
            Found::Heading(i) => Some(report.headings[i].marker.start),
            Found::Prose(s) => Some(s.start),
            Found::Missing => None,
        }
    }
}

/// Per-report answers shared by rules: the sentence and clause spans, the stretches between
/// headings, and sections already looked for (the plans are looked for by four rules).
#[derive(Debug, Default)]
struct Memo {
    sentences: OnceLock<Vec<Span>>,
    clauses: OnceLock<Vec<Span>>,
    between_headings: OnceLock<Vec<Span>>,
    sections: Mutex<Vec<(String, Found)>>,
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

/// The words of a title, in simplified or traditional characters (`建設`, `報告`).
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:法治政府建[设設]|依法行政|法治建[设設]|法治政府)[^。]{0,30}?[报報]告").unwrap());
/// A line of the metadata block a government site puts above a document (`[ 索引号 ] …`,
/// `发布机构:…`): not the title, and not counted in the lines the title is looked for in.
static METADATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[【]?\s*(索引号|索 引 号|发文字号|文号|主题分类|体裁分类|组配分类|所属主题|发布机构|发文机关|有效性|成文日期|发布日期|发布时间|生效日期|来源|信息来源|序号|公开方式|公开形式|公开时限|关键词|浏览次数|点击率)\s*[\]】:]").unwrap()
});
/// The end of a line that names a document: a report, a white or blue paper, with perhaps a
/// year or a note in brackets after it.
static DOCUMENT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[报報]告|白皮[书書]|[蓝藍]皮[书書])\s*(?:[(\[【][^)\]】]{0,20}[)\]】])?$").unwrap()
});
static OPENING_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})[ \t]*年").unwrap());
/// A date in digits: `2023-03-07`, `2023/3/7`, `2023.03.07`, `2023年3月7日`.
const DIGIT_DATE: &str = r"((\d{4})[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})日?)";
/// The labels of a publication date, the page's own first.
const PUBLISHED_LABELS: &str = r"(发布时间|发布日期|网站发布|发文日期|成文日期|时间|日期)";
/// A label and its date: after `:`, in the next cell of a table row (`成文日期 | 2026-02-10`), or
/// after a bracketed label (`[ 发布日期 ] 2026-02-10`).
static PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{PUBLISHED_LABELS}[ \t]*[\]】]?[ \t]*[:|]?[ \t]*{DIGIT_DATE}")).unwrap());
/// A label alone at the end of its line: the date opens the next line.
static PUBLISHED_LABEL_LAST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{PUBLISHED_LABELS}[ \t]*[\]】]?[ \t]*[:|]?$")).unwrap());
static DATE_FIRST: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("^{DIGIT_DATE}")).unwrap());
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?((\d{4}|[〇零一二三四五六七八九]{4})[ \t]*年[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*日)\)?$").unwrap()
});

/// How many opening paragraphs may hold the title, and how far from either end the dates are
/// looked for.
const TITLE_WINDOW: usize = 12;
const DATE_WINDOW: usize = 12;
const TITLE_MAX_CHARS: usize = 80;
/// A last line this short that ends without punctuation is taken for a signature or a page's
/// button line (`扫码使用手机浏览本页内容`), not for a sentence cut off.
const CUT_OFF_MIN_CHARS: usize = 15;
/// Length of the span a document-level finding points at when there is no title.
const ANCHOR_CHARS: usize = 20;

impl Report {
    /// Build the model of one decoded report.
    pub fn build(path: &str, original: &str) -> Report {
        Report::build_with(path, original, &[])
    }

    /// Build the model, also taking as headings the lines (0-based) the document marks as such
    /// (Word heading styles), even when their numbering is Word's and not in the text.
    pub fn build_with(path: &str, original: &str, heading_lines: &[(usize, u8)]) -> Report {
        let folded = Folded::new(original);
        let text = folded.text.as_str();
        let paragraphs = split_paragraphs(text);
        let sentences = split_sentences(text, &paragraphs);
        let styled = styled_paragraphs(text, &paragraphs, heading_lines);
        let headings::Found { headings, table_rows, page_marks } = headings::find_headings(text, &paragraphs, &styled);
        let title = find_title(text, &paragraphs, &headings);
        let year = title
            .as_ref()
            .and_then(|t| t.year)
            .map(|(value, span)| ReportYear { value, span, source: YearSource::Title })
            .or_else(|| opening_year(text, &paragraphs));
        let (published, signed) = find_dates(text, &paragraphs);
        let quantities = quantity::scan(text);
        Report {
            path: path.to_string(),
            folded,
            paragraphs,
            sentences,
            headings,
            table_rows,
            page_marks,
            title,
            year,
            published,
            signed,
            quantities,
            memo: Memo::default(),
        }
    }

    /// The section a matcher with this `key` finds, found once per report: `find` runs only
    /// the first time a key is asked for.
    pub fn section(&self, key: &str, find: impl FnOnce() -> Found) -> Found {
        let lock = || self.memo.sections.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&(_, found)) = lock().iter().find(|(k, _)| k == key) {
            return found;
        }
        let found = find();
        lock().push((key.to_string(), found));
        found
    }

    /// The spans of the sentences.
    pub fn sentence_spans(&self) -> &[Span] {
        self.memo.sentences.get_or_init(|| self.sentences.iter().map(|s| s.span).collect())
    }

    /// The clauses: sentences cut at `,` `:` `、` (the text is folded, so full-width forms are
    /// ASCII).
    pub fn clauses(&self) -> &[Span] {
        self.memo.clauses.get_or_init(|| {
            // One pass over the whole text for the breaks, handed to the sentences in order.
            // `、` is E3 80 81: searched as a whole, since E3 opens every CJK punctuation mark.
            let bytes = self.text().as_bytes();
            let mut cuts: Vec<(usize, usize)> = memchr::memchr2_iter(b',', b':', bytes).map(|at| (at, 1)).collect();
            cuts.extend(memchr::memmem::find_iter(bytes, "、").map(|at| (at, 3)));
            cuts.sort_unstable();
            let mut breaks = cuts.into_iter().peekable();
            let mut out = Vec::new();
            for s in &self.sentences {
                let mut start = s.span.start;
                while let Some(&(at, width)) = breaks.peek() {
                    if at >= s.span.end {
                        break;
                    }
                    breaks.next();
                    if at < start {
                        continue;
                    }
                    if at > start {
                        out.push(Span::new(start, at));
                    }
                    start = at + width;
                }
                if s.span.end > start {
                    out.push(Span::new(start, s.span.end));
                }
            }
            out
        })
    }

    /// The quantity that starts at `offset`, or whose span contains it.
    pub fn quantity_at(&self, offset: usize) -> Option<&Quantity> {
        let n = self.quantities.partition_point(|q| q.span.start <= offset);
        let q = self.quantities.get(n.checked_sub(1)?)?;
        (offset < q.span.end).then_some(q)
    }

    /// Index of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let n = self.paragraphs.partition_point(|p| p.span.start <= offset);
        let i = n.checked_sub(1)?;
        (offset <= self.paragraphs[i].span.end).then_some(i)
    }

    /// The paragraphs that overlap `region`, cut to it: the units a search "in a region" looks
    /// in, so that no match crosses a line.
    pub fn paragraph_spans(&self, region: Span) -> Vec<Span> {
        let first = self.paragraphs.partition_point(|p| p.span.end <= region.start);
        self.paragraphs[first..]
            .iter()
            .take_while(|p| p.span.start < region.end)
            .map(|p| Span::new(p.span.start.max(region.start), p.span.end.min(region.end)))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The folded text every span points into.
    pub fn text(&self) -> &str {
        &self.folded.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.folded.text[span.start..span.end]
    }

    /// Map a span of the folded text to byte offsets in the decoded source.
    pub fn to_original(&self, span: Span) -> Span {
        Span::new(self.folded.to_original(span.start), self.folded.to_original(span.end))
    }

    /// The opening of the report: its first `chars` characters (fewer in a shorter text).
    pub fn opening(&self, chars: usize) -> Span {
        let text = self.text();
        Span::new(0, text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i))
    }

    /// The place a finding about the whole document points at: the title, or else the start
    /// of the first sentence (at most `ANCHOR_CHARS` characters of it).
    pub fn anchor(&self) -> Span {
        if let Some(t) = &self.title {
            return t.span;
        }
        let Some(first) = self.sentences.first() else {
            return Span::default();
        };
        let text = self.slice(first.span);
        let end = text.char_indices().nth(ANCHOR_CHARS).map_or(text.len(), |(i, _)| i);
        Span::new(first.span.start, first.span.start + end)
    }

    /// The stretches of text between consecutive headings (and before the first): each runs
    /// from a heading to the next heading of any level.
    pub fn between_headings(&self) -> &[Span] {
        self.memo.between_headings.get_or_init(|| {
            let mut out = Vec::new();
            let mut start = 0;
            for cut in self.headings.iter().map(|h| h.marker.start).chain([self.text().len()]) {
                if cut > start {
                    out.push(Span::new(start, cut));
                }
                start = cut;
            }
            out
        })
    }

    /// The innermost heading whose section contains `offset`.
    pub fn heading_at(&self, offset: usize) -> Option<usize> {
        let n = self.headings.partition_point(|h| h.marker.start <= offset);
        let mut i = n.checked_sub(1)?;
        loop {
            if self.headings[i].section.start <= offset && offset < self.headings[i].section.end {
                return Some(i);
            }
            i = self.headings[i].parent?;
        }
    }

    /// The first short line of the opening that names a document (`××县2020年政府信息公开工作
    /// 年度报告`, `…白皮书`), whatever document it names: the title of a text that has no title
    /// of the report kind the model knows. A title broken over two lines is taken whole.
    pub fn named_document(&self) -> Option<Span> {
        let first_heading = self.headings.iter().find(|h| h.number != 0).map_or(usize::MAX, |h| h.paragraph);
        let short = |span: Span| {
            let line = self.slice(span);
            line.chars().count() <= TITLE_MAX_CHARS && !line.contains("当前位置") && !line.contains('>')
        };
        let window = &self.paragraphs[..first_heading.min(TITLE_WINDOW).min(self.paragraphs.len())];
        let i = window.iter().position(|p| short(p.span) && DOCUMENT_NAME.is_match(self.slice(p.span)))?;
        let span = window[i].span;
        match i.checked_sub(1).map(|j| window[j].span) {
            Some(before) if short(before) && !self.slice(before).ends_with(['。', ':']) => {
                Some(Span::new(before.start, span.end))
            }
            _ => Some(span),
        }
    }

    /// Where the text stops before its end, as a copy cut off in mid-report does: on a heading
    /// with nothing under it, or inside a sentence (the last line runs on to a character or a
    /// comma, not a stop, and is longer than a signature or a page's button line). The span is
    /// the unfinished line. A report cut off cannot be told to lack the parts after the cut.
    pub fn cut_off(&self) -> Option<Span> {
        let (i, last) = self.paragraphs.iter().enumerate().next_back()?;
        let heading_alone = |h: &Heading| {
            h.paragraph == i && self.slice(Span::new(h.title.end.min(last.span.end), last.span.end)).trim().is_empty()
        };
        if self.headings.last().is_some_and(heading_alone) {
            return Some(last.span);
        }
        let text = self.slice(last.span);
        // `……打造“皖舟通办”`: a closing quote or bracket ends a sentence only after its stop.
        let open_end = text.trim_end_matches(['”', '’', '》', ')', '」', '』', '】']);
        let runs_on = open_end.chars().next_back().is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '、'));
        (runs_on && text.chars().count() > CUT_OFF_MIN_CHARS).then_some(last.span)
    }

    /// The publication date, or the signature date when the page gives none.
    pub fn publication(&self) -> Option<DateMark> {
        self.published.or(self.signed)
    }

    /// The sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let n = self.sentences.partition_point(|s| s.span.start <= offset);
        let s = self.sentences.get(n.checked_sub(1)?)?;
        (offset < s.span.end.max(s.span.start + 1)).then_some(s)
    }
}

fn split_paragraphs(text: &str) -> Vec<Paragraph> {
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

fn split_sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
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
fn styled_paragraphs(text: &str, paragraphs: &[Paragraph], heading_lines: &[(usize, u8)]) -> Vec<(usize, u8)> {
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

fn find_title(text: &str, paragraphs: &[Paragraph], headings: &[Heading]) -> Option<Title> {
    // A title may itself be in a Word heading style (number 0); numbered headings end the search.
    let first_heading = headings.iter().find(|h| h.number != 0).map_or(usize::MAX, |h| h.paragraph);
    let lines = paragraphs
        .iter()
        .take(first_heading)
        .map(|p| (p.span, &text[p.span.start..p.span.end]))
        .filter(|(_, line)| !METADATA.is_match(line))
        .take(TITLE_WINDOW);
    for (span, line) in lines {
        if line.contains("当前位置") || line.contains('>') {
            continue;
        }
        let span = if line.chars().count() > TITLE_MAX_CHARS || line.ends_with(['。', ':', ',']) {
            // A title run into the body on one line: `××县2022年度法治政府建设情况报告2022年,我县……`.
            match TITLE.find(line) {
                Some(m) if m.start() <= 120 && !line[..m.end()].contains([',', '。', ';', ':', '《']) => {
                    Span::new(span.start, span.start + m.end())
                }
                _ => continue,
            }
        } else if TITLE.is_match(line) {
            span
        } else {
            continue;
        };
        let line = &text[span.start..span.end];
        let year = OPENING_YEAR.captures(line).and_then(|c| {
            let m = c.get(1)?;
            let y: i32 = m.as_str().parse().ok()?;
            Some((y, Span::new(span.start + m.start(), span.start + m.end())))
        });
        return Some(Title { span, year });
    }
    None
}

fn opening_year(text: &str, paragraphs: &[Paragraph]) -> Option<ReportYear> {
    for p in paragraphs.iter().take(3) {
        let line = &text[p.span.start..p.span.end];
        if let Some(c) = OPENING_YEAR.captures(line) {
            let m = c.get(1)?;
            let value: i32 = m.as_str().parse().ok()?;
            if (1990..=2100).contains(&value) {
                let span = Span::new(p.span.start + m.start(), p.span.start + m.end());
                return Some(ReportYear { value, span, source: YearSource::Opening });
            }
        }
    }
    None
}

fn number(s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| numerals::parse(s).and_then(|v| u32::try_from(v).ok()))
}

fn make_date(y: &str, m: &str, d: &str) -> Option<Date> {
    let date = Date { year: i32::try_from(number(y)?).ok()?, month: number(m)?, day: number(d)? };
    ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
}

/// Whether a label names a date of the document itself (`发布日期`, `成文日期`) rather than any
/// `时间:` or `日期:`.
fn label_rank(label: &str) -> u8 {
    match label {
        "时间" | "日期" => 1,
        _ => 0,
    }
}

fn find_dates(text: &str, paragraphs: &[Paragraph]) -> (Option<DateMark>, Option<DateMark>) {
    let n = paragraphs.len();
    let near_ends = |i: usize| i < DATE_WINDOW || i + DATE_WINDOW >= n;
    let mut published: Option<(u8, DateMark)> = None;
    let mut signed = None;
    let mut offer = |rank: u8, date: Option<Date>, span: Span| {
        if let Some(date) = date {
            // A document is published on or after each of its dates: the latest one named
            // by a document label counts; a bare `时间:` only when there is none.
            let better = |(r, d): (u8, DateMark)| rank < r || (rank == r && rank == 0 && date > d.date);
            if published.is_none_or(better) {
                published = Some((rank, DateMark { date, span }));
            }
        }
    };
    for (i, p) in paragraphs.iter().enumerate() {
        if !near_ends(i) {
            continue;
        }
        let line = &text[p.span.start..p.span.end];
        for c in PUBLISHED.captures_iter(line) {
            let m = c.get(2).unwrap();
            offer(
                label_rank(&c[1]),
                make_date(&c[3], &c[4], &c[5]),
                Span::new(p.span.start + m.start(), p.span.start + m.end()),
            );
        }
        // `发布日期:` at the end of one line, the date on the next.
        if let (Some(c), Some(next)) = (PUBLISHED_LABEL_LAST.captures(line), paragraphs.get(i + 1)) {
            let next_line = &text[next.span.start..next.span.end];
            if let Some(d) = DATE_FIRST.captures(next_line) {
                let m = d.get(1).unwrap();
                offer(
                    label_rank(&c[1]),
                    make_date(&d[2], &d[3], &d[4]),
                    Span::new(next.span.start + m.start(), next.span.start + m.end()),
                );
            }
        }
        if i + DATE_WINDOW >= n {
            if let Some(c) = SIGNED.captures(line) {
                if let Some(date) = make_date(&c[2], &c[3], &c[4]) {
                    let m = c.get(1).unwrap();
                    signed = Some(DateMark { date, span: Span::new(p.span.start + m.start(), p.span.start + m.end()) });
                }
            }
        }
    }
    (published.map(|(_, d)| d), signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_every_terminator_in_both_widths() {
        let r = Report::build("t", "问一?问二?答。好!再;末尾\n？全角？！第二段。");
        let got: Vec<&str> = r.sentences.iter().map(|s| r.slice(s.span)).collect();
        assert_eq!(got, ["问一?", "问二?", "答。", "好!", "再;", "末尾", "?", "全角?", "!", "第二段。"]);
        assert_eq!(r.sentences[6].paragraph, 1);
        // Clauses cut sentences at `,` `:` `、`.
        let r = Report::build("t", "甲、乙,丙:丁。");
        let clauses: Vec<&str> = r.clauses().iter().map(|s| r.slice(*s)).collect();
        assert_eq!(clauses, ["甲", "乙", "丙", "丁。"]);
    }

    #[test]
    fn headings_in_both_widths() {
        for (line, level, number) in [
            ("一、主要做法", 1, 1),
            ("十一、下一步工作打算", 1, 11),
            ("(三)聚焦", 2, 3),
            ("（三）聚焦", 2, 3),
            ("1.持续提升", 3, 1),
            ("１．持续提升", 3, 1),
            ("12、推行", 3, 12),
            ("(2)细化", 4, 2),
            ("（２）细化", 4, 2),
        ] {
            let folded = Folded::new(line);
            let got = heading_marker(&folded.text).map(|(l, n, _)| (l, n));
            assert_eq!(got, Some((level, number)), "{line}");
        }
        for line in ["2021年 7月,召开", "2.63亿元", "一是加强组织领导", "统一、规范", "12345热线"]
        {
            assert_eq!(heading_marker(line), None, "{line}");
        }
    }

    #[test]
    fn title_year_and_dates() {
        let r = Report::build(
            "t.txt",
            "<<返回主站\n\n濮阳市人民政府关于2022年度法治政府建设情况的报告\n\n网站发布:2023-03-07\n\n一、做法\n正文。\n\n哈尔滨市平房区人民政府\n\n2024年2月27日\n",
        );
        let t = r.title.as_ref().unwrap();
        assert_eq!(r.slice(t.span), "濮阳市人民政府关于2022年度法治政府建设情况的报告");
        assert_eq!(r.year.unwrap().value, 2022);
        assert_eq!(r.published.unwrap().date, Date { year: 2023, month: 3, day: 7 });
        assert_eq!(r.signed.unwrap().date, Date { year: 2024, month: 2, day: 27 });
    }

    #[test]
    fn titles_under_metadata_in_traditional_characters_or_run_into_the_body() {
        let mut meta = String::new();
        for label in ["索引号", "发文字号", "主题分类", "体裁分类", "发布机构", "有效性", "成文日期", "发布日期"]
        {
            meta.push_str(&format!("[ {label} ] 甲\n"));
        }
        let text = format!("首页\n{meta}{meta}\n丰都县栗子乡人民政府2025年法治政府建设情况报告\n\n2025年,全乡……");
        let r = Report::build("t", &text);
        assert_eq!(r.slice(r.title.as_ref().unwrap().span), "丰都县栗子乡人民政府2025年法治政府建设情况报告");
        let r = Report::build("t", "麻陽縣2022年度法治政府建設情況報告\n正文。");
        assert_eq!(r.year.unwrap().value, 2022);
        assert_eq!(r.year.unwrap().source, YearSource::Title);
        let r = Report::build("t", "××县2022年度法治政府建设情况报告2022年,我县坚持以习近平法治思想为指导,全面推进法治政府建设,取得了明显成效,现将有关情况报告如下。");
        assert_eq!(r.slice(r.title.as_ref().unwrap().span), "××县2022年度法治政府建设情况报告");
    }

    #[test]
    fn dates_where_pages_put_them() {
        let published = |text: &str| Report::build("t", text).published.map(|d| d.date.to_string());
        assert_eq!(published("标题\n发布日期:\n2023-03-07\n正文。").as_deref(), Some("2023-03-07"));
        assert_eq!(published("标题\n成文日期 | 2026-02-10 |\n正文。").as_deref(), Some("2026-02-10"));
        assert_eq!(published("[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10\n正文。").as_deref(), Some("2026-02-10"));
        // Published on or after each of its dates: the latest counts.
        assert_eq!(published("成文日期:2023-05-18\n公开发布日期:2023-01-10\n正文。").as_deref(), Some("2023-05-18"));
        let signed = |text: &str| Report::build("t", text).signed.map(|d| d.date.to_string());
        assert_eq!(signed("正文。\n××县人民政府\n(2024年2月27日)").as_deref(), Some("2024-02-27"));
        assert_eq!(signed("正文。\n××县人民政府\n二〇二四年二月二十七日").as_deref(), Some("2024-02-27"));
    }

    #[test]
    fn sections_nest() {
        let r = Report::build("t", "一、甲\n(一)乙\n1.丙\n2.丁\n(二)戊\n二、己\n");
        let levels: Vec<_> = r.headings.iter().map(|h| (h.level, h.number, h.parent)).collect();
        assert_eq!(
            levels,
            vec![(1, 1, None), (2, 1, Some(0)), (3, 1, Some(1)), (3, 2, Some(1)), (2, 2, Some(0)), (1, 2, None)]
        );
        assert_eq!(r.slice(r.headings[1].section), "(一)乙\n1.丙\n2.丁\n");
        let off = r.text().find("丁").unwrap();
        assert_eq!(r.heading_at(off), Some(3));
    }

    #[test]
    fn sentences_split_on_both_widths() {
        let r = Report::build("t", "甲。乙;丙!丁？戊；\n己");
        let s: Vec<_> = r.sentences.iter().map(|s| r.slice(s.span)).collect();
        assert_eq!(s, vec!["甲。", "乙;", "丙!", "丁?", "戊;", "己"]);
    }
}
