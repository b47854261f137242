//! The headings of a report: the numbering a line starts with (`第一部分`, `一、`, `(一)`, `1.`,
//! `(1)`, `①`), the numbered lines that are not headings (table rows, notes after `说明:`, list
//! items inside a sentence, a list that starts again at 1 inside a section), and the tree the
//! rest hangs from.

use super::{Paragraph, Span};
use crate::numerals;

/// A numbered heading.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 0 = `第一部分`, 1 = `一、`, 2 = `(一)`, 3 = `1.` / `1、`, 4 = `(1)`, 5 = `①`.
    pub level: u8,
    pub number: u64,
    /// The numbering as written, e.g. `(一)` or `十一、`.
    pub marker: Span,
    /// The heading's words after the marker, up to the first `。`, a run-in `一是`, or the
    /// line end.
    pub title: Span,
    /// Index of the paragraph (line) the heading starts.
    pub paragraph: usize,
    /// The nearest preceding heading of a higher level (smaller number).
    pub parent: Option<usize>,
    /// From the heading to the next heading of the same or a higher level.
    pub section: Span,
    /// The numbering is written wrongly (`—、` for `一、`, `一)` for `(一)`).
    pub malformed: bool,
}

const CN: &str = "〇零一二三四五六七八九十百";

fn blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// Characters and bytes of the run of `f` that `s` starts with.
fn run(s: &str, f: &dyn Fn(char) -> bool) -> (usize, usize) {
    s.char_indices().take_while(|&(_, c)| f(c)).fold((0, 0), |(n, _), (i, c)| (n + 1, i + c.len_utf8()))
}

/// Recognise the numbering at the start of a paragraph: `(level, number, marker length)`.
pub fn heading_marker(line: &str) -> Option<(u8, u64, usize)> {
    // What `^([〇零一二三四五六七八九十百]{1,4})[ \t]*、` (1), `^\([ \t]*([一二…百]{1,4})[ \t]*\)`
    // (2), `^\([ \t]*(\d{1,3})[ \t]*\)` (4) and `^(\d{1,3})[ \t]*[.、]` (3) match, read by hand:
    // this runs on every paragraph.
    if let Some(rest) = line.strip_prefix('(') {
        let lead = 1 + blanks(rest);
        let body = &line[lead..];
        let close = |len: usize| {
            let after = &body[len..];
            let b = blanks(after);
            after[b..].starts_with(')').then_some(lead + len + b + 1)
        };
        let (n, len) = run(body, &|c| CN.contains(c) && c != '〇' && c != '零');
        if (1..=4).contains(&n) {
            if let Some(end) = close(len) {
                return Some((2, numerals::parse(&body[..len])?, end));
            }
        }
        let (n, len) = run(body, &|c| c.is_ascii_digit());
        if (1..=3).contains(&n) {
            if let Some(end) = close(len) {
                return Some((4, body[..len].parse().ok()?, end));
            }
        }
        return None;
    }
    if let Some(c) = line.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        return Some((5, u64::from(c as u32 - '①' as u32 + 1), c.len_utf8()));
    }
    if let Some(part) = part_marker(line) {
        return Some(part);
    }
    let (n, len) = run(line, &|c| CN.contains(c));
    if (1..=4).contains(&n) {
        let b = blanks(&line[len..]);
        if line[len + b..].starts_with('、') {
            return Some((1, numerals::parse(&line[..len])?, len + b + '、'.len_utf8()));
        }
        return None;
    }
    let (n, len) = run(line, &|c| c.is_ascii_digit());
    if (1..=3).contains(&n) {
        let b = blanks(&line[len..]);
        let sep = line[len + b..].chars().next().filter(|&c| c == '.' || c == '、')?;
        let end = len + b + sep.len_utf8();
        // `1.5万` or `2.63亿` opening a line is a number, not a heading; `1.2022年` is item 1
        // about the year 2022.
        if line[end..].starts_with(|ch: char| ch.is_ascii_digit()) && !starts_with_year(&line[end..]) {
            return None;
        }
        return Some((3, line[..len].parse().ok()?, end));
    }
    None
}

/// `2022年`: four digits from 1900 to 2099 and `年`.
fn starts_with_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4 + "年".len()
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(&b[..2], b"19" | b"20")
        && s[4..].starts_with('年')
}

/// `第一部分` opening a line, alone or followed by its name (level 0).
fn part_marker(line: &str) -> Option<(u8, u64, usize)> {
    let rest = line.strip_prefix('第')?;
    let (n, len) = run(rest, &|c| CN.contains(c) && c != '〇' && c != '零');
    if !(1..=3).contains(&n) {
        return None;
    }
    let after = rest[len..].strip_prefix("部分")?;
    let number = numerals::parse(&rest[..len])?;
    let end = '第'.len_utf8() + len + "部分".len();
    // `第一部分梳理了……`: a sentence about the parts, not a heading.
    let separated = after.is_empty() || after.starts_with([':', ' ', '\t', '、']);
    let short_name = after.chars().count() <= 30 && !after.contains([',', '。', ';']);
    (separated || short_name).then_some((0, number, end))
}

/// Numbering written wrongly but plainly meant as a heading: `—、` for `一、` and `一)` for
/// `(一)`. `(level, number, marker length)`.
pub fn malformed_marker(line: &str) -> Option<(u8, u64, usize)> {
    let first = line.chars().next()?;
    if matches!(first, '—' | '―' | '─') {
        let rest = &line[first.len_utf8()..];
        let b = blanks(rest);
        let body = rest[b..].strip_prefix('、')?;
        return (!body.trim().is_empty()).then_some((1, 1, first.len_utf8() + b + '、'.len_utf8()));
    }
    let (n, len) = run(line, &|c| CN.contains(c) && c != '〇' && c != '零');
    if (1..=3).contains(&n) && line[len..].starts_with(')') && !line[len + 1..].trim().is_empty() {
        return Some((2, numerals::parse(&line[..len])?, len + 1));
    }
    None
}

/// A marker of a page copied out of a longer document (`Page 8 - …`, `P. 8`, `第 8 页`,
/// `- 8 -`): the numbering before it is not in the text.
fn is_page_mark(line: &str) -> bool {
    fn digits_then(s: &str) -> Option<&str> {
        let s = s.trim_start();
        let (n, len) = run(s, &|c| c.is_ascii_digit());
        (n > 0).then(|| &s[len..])
    }
    if let Some(rest) = line.strip_prefix("Page").or_else(|| line.strip_prefix("P.")) {
        return digits_then(rest).is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with('-'));
    }
    if let Some(rest) = line.strip_prefix('第') {
        return digits_then(rest).is_some_and(|r| r.trim() == "页");
    }
    if let Some(rest) = line.strip_prefix('-') {
        return digits_then(rest).is_some_and(|r| r.trim() == "-");
    }
    false
}

/// The label of notes (`说明:`, `注:`, `填表说明:`), with nothing after the colon.
fn is_notes_label(line: &str) -> bool {
    let Some(label) = line.trim_end().strip_suffix(':') else {
        return false;
    };
    let label = label.trim_end();
    label.chars().count() <= 6
        && ["说明", "說明", "注", "备注", "備註", "注释", "注釋"].iter().any(|w| label.ends_with(w))
}

/// A list that has started inside a paragraph or under a notes label: its next items are not
/// headings although they open lines.
#[derive(Debug, Clone, Copy)]
struct ListRun {
    /// The items' level, once the first item is seen.
    level: Option<u8>,
    next: u64,
    /// The list is the numbered rows of a table.
    table: bool,
}

/// A list opened inside `line` (after a colon, with item 1 on the same line: `其中:1.当面申请数`,
/// `填表说明: 1.统计范围…`) or by a notes label alone on its line.
fn list_opened_in(line: &str) -> Option<ListRun> {
    if is_notes_label(line) {
        return Some(ListRun { level: None, next: 1, table: false });
    }
    line.match_indices(':').find_map(|(at, _)| {
        let after = line[at + 1..].trim_start();
        match heading_marker(after) {
            Some((level, 1, _)) if level >= 2 => Some(ListRun { level: Some(level), next: 2, table: false }),
            _ => None,
        }
    })
}

/// The numbering a table row carries on: that of its last numbered cell (`三、本年度办理结果 |
/// (一)予以公开 | 0 |` is carried on by `(二)…`).
fn table_row_list(row: &str) -> Option<ListRun> {
    row.rsplit('|').find_map(|cell| heading_marker(cell.trim())).map(|(level, number, _)| ListRun {
        level: Some(level),
        next: number + 1,
        table: true,
    })
}

/// The numbered cells of a table row starting at byte `at`, as candidates of the table's own
/// numbering.
fn row_cells(row: &str, at: usize, paragraph: usize, out: &mut Vec<Candidate>) {
    let mut offset = 0;
    for cell in row.split('|') {
        let lead = cell.len() - cell.trim_start().len();
        if let Some((level, number, len)) = heading_marker(cell.trim()) {
            out.push(Candidate { paragraph, start: at + offset + lead, level, number, len, malformed: false });
        }
        offset += cell.len() + 1;
    }
}

/// A numbered line that is an item of a list inside a sentence: it ends with `;`, or it is
/// short and ends with `,` or `、`.
fn is_list_item(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(';') || (line.chars().count() <= 20 && line.ends_with([',', '、']))
}

/// A numbered line kept as a heading candidate.
struct Candidate {
    paragraph: usize,
    /// Where the marker starts in the text.
    start: usize,
    level: u8,
    number: u64,
    len: usize,
    malformed: bool,
}

/// What [`find_headings`] finds.
pub(super) struct Found {
    pub headings: Vec<Heading>,
    /// The numbered rows of tables, as a tree of their own.
    pub table_rows: Vec<Heading>,
    pub page_marks: Vec<Span>,
}

/// The headings, the numbered table rows and the page-chunk markers of a report. `styled` maps
/// paragraph index to the level of a Word heading style (sorted by index).
pub(super) fn find_headings(text: &str, paragraphs: &[Paragraph], styled: &[(usize, u8)]) -> Found {
    let mut page_marks = Vec::new();
    let mut candidates = Vec::new();
    let mut rows = Vec::new();
    let mut list: Option<ListRun> = None;
    let mut styled = styled.iter().peekable();
    for (pi, p) in paragraphs.iter().enumerate() {
        let line = &text[p.span.start..p.span.end];
        while styled.next_if(|(i, _)| *i < pi).is_some() {}
        let style = styled.next_if(|(i, _)| *i == pi).map(|&(_, level)| level);
        if is_page_mark(line) {
            page_marks.push(p.span);
            continue;
        }
        let marker = heading_marker(line).map(|m| (m, false)).or_else(|| malformed_marker(line).map(|m| (m, true)));
        let Some(((level, number, len), malformed)) = marker else {
            // Numbered by Word (number 0: unknown).
            if let Some(level) = style {
                candidates.push(Candidate {
                    paragraph: pi,
                    start: p.span.start,
                    level,
                    number: 0,
                    len: 0,
                    malformed: false,
                });
            }
            if let Some(opened) = list_opened_in(line) {
                list = Some(opened);
            }
            continue;
        };
        if let Some(run) = list.as_mut() {
            let continues = match run.level {
                None => number == 1,
                Some(l) => l == level && number == run.next,
            };
            if continues {
                *run = ListRun { level: Some(level), next: number + 1, table: run.table };
                if line.contains('|') {
                    row_cells(line, p.span.start, pi, &mut rows);
                    list = table_row_list(line);
                } else if run.table {
                    rows.push(Candidate { paragraph: pi, start: p.span.start, level, number, len, malformed });
                }
                continue;
            }
            list = None;
        }
        if line.contains('|') {
            // A row of a table: the rows after it that carry on its numbering are rows too,
            // even where a copy lost their `|`.
            row_cells(line, p.span.start, pi, &mut rows);
            list = table_row_list(line);
            continue;
        }
        if is_list_item(line) {
            list = Some(ListRun { level: Some(level), next: number + 1, table: false });
            continue;
        }
        candidates.push(Candidate { paragraph: pi, start: p.span.start, level, number, len, malformed });
        if let Some(opened) = list_opened_in(&line[len..]) {
            list = Some(opened);
        }
    }
    Found {
        headings: build_tree(text, paragraphs, &drop_restarted_lists(candidates)),
        table_rows: build_tree(text, paragraphs, &drop_restarted_lists(rows)),
        page_marks,
    }
}

/// A run of numbers that starts again at 1 after the second or a later sibling, inside a section,
/// is a list of its own (the row labels `一、本年新收…` of a table whose cells stand one per line,
/// a quoted list, a table of contents read twice): its items are not headings, and the outer
/// numbering carries on after it.
fn drop_restarted_lists(candidates: Vec<Candidate>) -> Vec<Candidate> {
    const LEVELS: usize = 6;
    // The last number at each level in the current context, and the list being skipped.
    let mut last = [0u64; LEVELS];
    let mut inner: Option<(u8, u64)> = None;
    let mut out = Vec::with_capacity(candidates.len());
    for c in candidates {
        let level = usize::from(c.level).min(LEVELS - 1);
        if c.number != 0 {
            if let Some((l, next)) = inner {
                if l == c.level && c.number == next {
                    inner = Some((l, next + 1));
                    continue;
                }
                if c.level <= l {
                    inner = None;
                }
            }
            if c.number == 1 && last[level] >= 2 && inner.is_none() {
                inner = Some((c.level, 2));
                continue;
            }
            last[level] = c.number;
        }
        for l in &mut last[level + 1..] {
            *l = 0;
        }
        out.push(c);
    }
    out
}

/// Where a heading's title ends in `rest` (the line after the marker): at the first `。`, or
/// where an enumeration `一是` is run into the heading line.
fn title_len(rest: &str) -> usize {
    let mut end = rest.find('。').unwrap_or(rest.len());
    if let Some(at) = rest[..end].find("一是") {
        let before = rest[..at].chars().next_back();
        // `统一是`, `唯一是`: a word ending in 一, not the first item.
        if at > 0
            && before.is_some_and(|c| !matches!(c, '统' | '唯' | '同' | '万' | '单' | '第' | '之') && !CN.contains(c))
        {
            end = rest[..at].trim_end_matches([',', ':', ';', ' ', '\t']).len();
        }
    }
    end
}

fn build_tree(text: &str, paragraphs: &[Paragraph], candidates: &[Candidate]) -> Vec<Heading> {
    let mut headings: Vec<Heading> = Vec::with_capacity(candidates.len());
    for c in candidates {
        let p = paragraphs[c.paragraph];
        let marker = Span::new(c.start, c.start + c.len);
        let rest = &text[marker.end..p.span.end];
        let rest = &rest[..rest.find('|').unwrap_or(rest.len())];
        let title_len = title_len(rest);
        let lead = rest.len() - rest.trim_start().len();
        let title = Span::new(marker.end + lead.min(title_len), marker.end + title_len);
        let mut parent = headings.len().checked_sub(1);
        while let Some(i) = parent {
            if headings[i].level < c.level {
                break;
            }
            parent = headings[i].parent;
        }
        headings.push(Heading {
            level: c.level,
            number: c.number,
            marker,
            title,
            paragraph: c.paragraph,
            parent,
            section: Span::new(marker.start, text.len()),
            malformed: c.malformed,
        });
    }
    // Close each section at the next heading of the same or a higher level: a stack of the
    // headings still open, in one pass.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let (level, start) = (headings[i].level, headings[i].marker.start);
        while let Some(&j) = open.last() {
            if headings[j].level < level {
                break;
            }
            headings[j].section.end = start;
            open.pop();
        }
        open.push(i);
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The hand-read markers are what the regexes they replace find (besides the levels the
    /// regexes did not know: `第一部分`, `①`).
    #[test]
    fn heading_markers_as_the_regexes_read_them() {
        let l1 = Regex::new(r"^([〇零一二三四五六七八九十百]{1,4})[ \t]*、").unwrap();
        let l2 = Regex::new(r"^\([ \t]*([一二三四五六七八九十百]{1,4})[ \t]*\)").unwrap();
        let l3 = Regex::new(r"^(\d{1,3})[ \t]*[.、]").unwrap();
        let l4 = Regex::new(r"^\([ \t]*(\d{1,3})[ \t]*\)").unwrap();
        let year = Regex::new(r"^(19|20)\d\d年").unwrap();
        let by_regex = |line: &str| -> Option<(u8, u64, usize)> {
            if let Some(c) = l1.captures(line) {
                return Some((1, numerals::parse(&c[1])?, c[0].len()));
            }
            if let Some(c) = l2.captures(line) {
                return Some((2, numerals::parse(&c[1])?, c[0].len()));
            }
            if let Some(c) = l4.captures(line) {
                return Some((4, c[1].parse().ok()?, c[0].len()));
            }
            let c = l3.captures(line)?;
            let m = c.get(0)?;
            if line[m.end()..].starts_with(|ch: char| ch.is_ascii_digit()) && !year.is_match(&line[m.end()..]) {
                return None;
            }
            Some((3, c[1].parse().ok()?, m.len()))
        };
        for line in [
            "一、主要做法",
            "十一 、下一步",
            "一二三四五、",
            "〇、",
            "(一)聚焦",
            "( 十二 )",
            "(一〇)",
            "(零)",
            "(1)",
            "( 12 )",
            "(1234)",
            "1.持续",
            "12、推行",
            "123 . 甲",
            "1234.",
            "1.5万",
            "2.63亿元",
            "2023年",
            "(一",
            "一是",
            "(a)",
            "1",
            "十",
            "(",
            "百、",
            "(百)",
            "1\t.x",
            "一\t、",
            "1.2022年通过",
            "1.20221年",
            "1.1980年",
        ] {
            assert_eq!(heading_marker(line), by_regex(line), "{line}");
        }
    }

    #[test]
    fn parts_and_circled_numbers_are_levels() {
        assert_eq!(heading_marker("第一部分"), Some((0, 1, "第一部分".len())));
        assert_eq!(heading_marker("第二部分:总体情况"), Some((0, 2, "第二部分".len())));
        assert_eq!(heading_marker("第三部分 下一步打算"), Some((0, 3, "第三部分".len())));
        assert_eq!(heading_marker("第一部分梳理了总体情况,第二部分分析了原因。"), None);
        assert_eq!(heading_marker("③规范执法"), Some((5, 3, "③".len())));
    }

    #[test]
    fn malformed_markers() {
        assert_eq!(malformed_marker("—、总体情况"), Some((1, 1, "—、".len())));
        assert_eq!(malformed_marker("一)纵深推进"), Some((2, 1, "一)".len())));
        assert_eq!(malformed_marker("十二)强化"), Some((2, 12, "十二)".len())));
        for line in ["—、", "——总体情况", "一)", "统一)", "(一)加强", "1)加强"] {
            assert_eq!(malformed_marker(line), None, "{line}");
        }
    }

    #[test]
    fn page_marks() {
        for line in ["Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告", "P. 8", "第 3 页", "- 12 -"]
        {
            assert!(is_page_mark(line), "{line}");
        }
        for line in ["Page", "P. 8 件", "第3页显示", "-12", "第三页"] {
            assert!(!is_page_mark(line), "{line}");
        }
    }

    #[test]
    fn titles_stop_at_a_run_in_enumeration() {
        assert_eq!(title_len("加强组织领导。一是"), "加强组织领导".len());
        assert_eq!(title_len("工作开展情况一是成立领导小组"), "工作开展情况".len());
        assert_eq!(title_len("坚持统一是关键"), "坚持统一是关键".len());
        assert_eq!(title_len("一是"), "一是".len());
    }
}
