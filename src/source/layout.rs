//! From text placed on pages (PDF, OFD) to the lines of a report: glyphs grouped into text
//! lines by baseline, running heads and page numbers dropped, and lines joined into paragraphs
//! where they were only wrapped. One paragraph becomes one line of the result, and the page
//! each part of the text came from is kept for findings.
//!
//! A page is read as one column, top to bottom. A text line ends its paragraph when it stops
//! short of the right margin, when the next line starts indented (the first-line indent of
//! Chinese documents), changes size or leaves a blank line's gap; where the document has no
//! first-line indents at all, a line ending in `。` ends its paragraph too. A title set larger
//! than the body goes on over its lines.

use std::collections::BTreeMap;

/// One glyph (or a short run) placed on a page. Coordinates grow rightwards and downwards;
/// `y` is the baseline; `size` the font size, in the same unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// One page's glyphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    /// The glyphs come in reading order along each line (as OFD writers put them), so a line is
    /// read in that order; otherwise (PDF) it is read left to right.
    pub in_reading_order: bool,
    pub glyphs: Vec<Glyph>,
}

/// The text of a paged document and where each page's text begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paged {
    pub text: String,
    /// (byte offset in `text`, page number), ascending: the page of any offset is that of the
    /// last entry at or before it.
    pub page_starts: Vec<(usize, u32)>,
}

/// A text line on a page.
#[derive(Debug, Clone)]
struct Line {
    page: u32,
    y: f64,
    left: f64,
    right: f64,
    size: f64,
    /// Width of the line's first unbreakable unit: a run of Latin letters and digits, or one
    /// character. Had the line before room for it, the line before was not wrapped.
    first_unit: f64,
    text: String,
}

/// Glyphs within this fraction of a font size of a line's baseline are on that line.
const SAME_LINE: f64 = 0.4;
/// A gap wider than this many font sizes between two glyphs is a space. Narrower gaps are the
/// spacing a layout puts between Chinese and Latin text, not a typed space.
const SPACE_GAP: f64 = 0.6;
/// Heads and feet are looked for in this fraction of the page at the top and at the bottom.
const MARGIN_ZONE: f64 = 0.12;

fn lines_of(page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<(usize, &Glyph)> =
        page.glyphs.iter().enumerate().filter(|(_, g)| g.size > 0.0 && !g.text.is_empty()).collect();
    glyphs.sort_by(|(_, a), (_, b)| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<(usize, &Glyph)>> = Vec::new();
    for (i, g) in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].1.y).abs() <= SAME_LINE * row[0].1.size.max(g.size) => row.push((i, g)),
            _ => rows.push(vec![(i, g)]),
        }
    }
    rows.into_iter()
        .filter_map(|mut row| {
            if page.in_reading_order {
                row.sort_by_key(|(i, _)| *i);
            } else {
                row.sort_by(|(_, a), (_, b)| a.x.total_cmp(&b.x));
            }
            let row: Vec<&Glyph> = row.into_iter().map(|(_, g)| g).collect();
            line_of(page.number, &row)
        })
        .collect()
}

/// One text line from its glyphs, in reading order.
fn line_of(page: u32, row: &[&Glyph]) -> Option<Line> {
    let mut text = String::new();
    let mut end: Option<f64> = None;
    let mut last: Option<&Glyph> = None;
    for g in row.iter() {
        // A glyph drawn twice at (almost) the same place: fake bold.
        if last.is_some_and(|l| l.text == g.text && (l.x - g.x).abs() < 0.2 * g.size) {
            continue;
        }
        if let Some(e) = end {
            if g.x - e > SPACE_GAP * g.size && !text.ends_with(' ') && !g.text.starts_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        end = Some(end.map_or(g.x + g.width, |e: f64| e.max(g.x + g.width)));
        last = Some(g);
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let first = row.iter().find(|g| !g.text.trim().is_empty())?;
    let last = row.iter().rev().find(|g| !g.text.trim().is_empty())?;
    let visible: Vec<&&Glyph> = row.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let latin = |g: &Glyph| g.text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%'));
    // The unit, and the punctuation that may not begin a line and so moved down with it.
    let closing = |g: &Glyph| g.text.chars().all(|c| "，。、；：？！）》」』】〉”’％,.;:?!)%…".contains(c));
    let unit = if latin(first) { visible.iter().take_while(|g| latin(g)).count() } else { 1 };
    let unit = unit + visible[unit.min(visible.len())..].iter().take_while(|g| closing(g)).count();
    let unit_end = visible.get(unit.max(1) - 1).map_or(first.x + first.width, |g| g.x + g.width);
    let mut sizes: Vec<f64> = row.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    Some(Line {
        page,
        y: row[0].y,
        left: visible.iter().map(|g| g.x).fold(first.x, f64::min),
        right: visible.iter().map(|g| g.x + g.width).fold(last.x + last.width, f64::max),
        size: sizes[sizes.len() / 2],
        first_unit: unit_end - first.x,
        text: trimmed.to_string(),
    })
}

/// A page number as printed in a head or foot: `5`, `- 5 -`, `— 5 —`, `第5页`, `第 5 页 共 9 页`,
/// `5/9`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let Some(rest) = t.strip_prefix('第') else { return false };
    let (number, rest) = rest.split_once('页').unwrap_or((rest, "x"));
    digits(number)
        && (rest.is_empty() || rest.strip_prefix('共').and_then(|r| r.strip_suffix('页')).is_some_and(digits))
}

/// The line with its digits blanked, to recognise a running head that carries a page number.
fn shape(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).filter(|c| !c.is_whitespace()).collect()
}

/// Drop heads and feet: lines in the top or bottom margin zone of their page that are a page
/// number, or whose text (digits aside) recurs in that zone on at least half of the pages
/// (and on at least two).
fn drop_heads_and_feet(pages: &[Page], mut lines: Vec<Line>) -> Vec<Line> {
    let height: BTreeMap<u32, f64> = pages.iter().map(|p| (p.number, p.height)).collect();
    let zone = |l: &Line| {
        let h = height.get(&l.page).copied().unwrap_or(0.0);
        h > 0.0 && (l.y < h * MARGIN_ZONE || l.y > h * (1.0 - MARGIN_ZONE))
    };
    // Of each page, only the first two and last two lines can be heads or feet.
    let mut edge = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let page = lines[i].page;
        let j = lines[i..].iter().position(|l| l.page != page).map_or(lines.len(), |k| i + k);
        for k in (i..j).take(2).chain((i..j).rev().take(2)) {
            edge[k] = zone(&lines[k]);
        }
        i = j;
    }
    let mut seen: BTreeMap<String, std::collections::BTreeSet<u32>> = BTreeMap::new();
    for (l, _) in lines.iter().zip(&edge).filter(|(_, &e)| e) {
        seen.entry(shape(&l.text)).or_default().insert(l.page);
    }
    let page_count = pages.len();
    let running = |l: &Line| seen.get(&shape(&l.text)).is_some_and(|p| p.len() >= 2 && p.len() * 2 >= page_count);
    let mut keep = edge.iter();
    lines.retain(|l| {
        let at_edge = *keep.next().unwrap_or(&false);
        !(at_edge && (is_page_number(&l.text) || running(l)))
    });
    lines
}

/// Margins per page: the leftmost start of its lines, and the right edge most lines reach (the
/// fifth-highest end: a line or two may run past the margin where glyph widths are off). A page
/// of short lines (a heading, a table) reaches no margin: there the right edge is taken as far
/// from the page's right side as the text is from its left, within the widest line.
fn margins(pages: &[Page], lines: &[Line]) -> BTreeMap<u32, (f64, f64)> {
    let width: BTreeMap<u32, f64> = pages.iter().map(|p| (p.number, p.width)).collect();
    let mut found: BTreeMap<u32, (f64, Vec<f64>)> = BTreeMap::new();
    for l in lines {
        let m = found.entry(l.page).or_insert((l.left, Vec::new()));
        m.0 = m.0.min(l.left);
        m.1.push(l.right);
    }
    found
        .into_iter()
        .map(|(page, (left, mut rights))| {
            rights.sort_by(|a, b| b.total_cmp(a));
            let most = rights.get(4.min(rights.len() / 4)).copied().unwrap_or(left);
            let mirrored = width.get(&page).map_or(most, |w| w - left).min(rights[0]);
            (page, (left, most.max(mirrored)))
        })
        .collect()
}

/// The lines of the pages as paragraphs, one per line of the result.
pub fn paragraphs(pages: &[Page]) -> Paged {
    let lines: Vec<Line> = pages.iter().flat_map(lines_of).collect();
    let lines = drop_heads_and_feet(pages, lines);
    let margins = margins(pages, &lines);
    let indented = |l: &Line| margins.get(&l.page).is_some_and(|m| l.left > m.0 + 1.5 * l.size);
    // Whether paragraphs here begin with an indent: then a full line ending in 。 may go on.
    let indents = lines.iter().filter(|l| indented(l)).count();
    let uses_indents = indents * 20 >= lines.len() && indents > 0;
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let body_size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);

    let mut out = Paged::default();
    let mut open = false;
    for (i, l) in lines.iter().enumerate() {
        if open {
            let prev = &lines[i - 1];
            let joins_words = prev.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && l.text.starts_with(|c: char| c.is_ascii_alphanumeric());
            if joins_words && !prev.text.ends_with(|c: char| c.is_ascii_digit()) {
                out.text.push(' ');
            }
        } else if i > 0 {
            out.text.push('\n');
        }
        if out.page_starts.last().is_none_or(|&(_, p)| p != l.page) {
            out.page_starts.push((out.text.len(), l.page));
        }
        out.text.push_str(&l.text);
        let next = lines.get(i + 1);
        let right = margins.get(&l.page).map_or(l.right, |m| m.1);
        // Short: the next line's first word (and a character kept off the line start) would
        // have fitted.
        let room = next.map_or(0.0, |n| n.first_unit) + 1.2 * l.size;
        let short = l.right < right - room;
        let full_stop = !uses_indents && l.text.ends_with('。');
        let next_starts = next.is_some_and(|n| {
            indented(n) || (n.size - l.size).abs() > 0.15 * l.size || (n.page == l.page && n.y - l.y > 2.5 * l.size)
        });
        // A title set larger than the body and wrapped (centred, so each line looks indented).
        let title_goes_on = next.is_some_and(|n| {
            l.size > 1.15 * body_size
                && (n.size - l.size).abs() <= 0.15 * l.size
                && n.page == l.page
                && n.y - l.y <= 2.0 * l.size
        });
        open = title_goes_on || next.is_some() && !short && !full_stop && !next_starts;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of lines given as (x of the first glyph, text); glyphs are 10 wide, lines 20 apart,
    /// the body 40 characters wide from x = 50.
    fn page(number: u32, lines: &[(f64, &str)]) -> Page {
        let mut glyphs = Vec::new();
        for (i, (x, text)) in lines.iter().enumerate() {
            let y = 100.0 + 20.0 * i as f64;
            for (k, c) in text.chars().enumerate() {
                glyphs.push(Glyph { x: x + 10.0 * k as f64, y, width: 10.0, size: 10.0, text: c.to_string() });
            }
        }
        Page { number, width: 500.0, height: 1000.0, in_reading_order: false, glyphs }
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_end_paragraphs() {
        let full = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        let p = page(1, &[(50.0, full), (50.0, "续完。"), (50.0, full), (50.0, "下一段")]);
        let out = paragraphs(&[p]);
        assert_eq!(out.text, format!("{full}续完。\n{full}下一段"));
        assert_eq!(out.page_starts, vec![(0, 1)]);
    }

    #[test]
    fn a_page_of_short_lines_keeps_them_apart() {
        // No line reaches the margin: a heading, a sentence, a small table, a heading.
        let lines = [
            (50.0, "一、行政复议情况"),
            (50.0, "全年受理行政复议案件十四件,见下表。"),
            (52.0, "类别件数"),
            (52.0, "受理十四"),
            (52.0, "办结十二"),
            (50.0, "二、存在问题"),
            (50.0, "脚注在此。"),
        ];
        let out = paragraphs(&[page(1, &lines)]);
        let expected: Vec<&str> = lines.iter().map(|l| l.1).collect();
        assert_eq!(out.text, expected.join("\n"));
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped() {
        let mut pages = Vec::new();
        for (n, body) in (1..=3u32).zip(["甲项工作。", "乙项工作。", "丙项工作。"]) {
            let mut p = page(n, &[(50.0, body)]);
            p.glyphs.push(Glyph { x: 50.0, y: 40.0, width: 60.0, size: 10.0, text: "某某市人民政府".into() });
            p.glyphs.push(Glyph { x: 300.0, y: 960.0, width: 40.0, size: 10.0, text: format!("— {n} —") });
            pages.push(p);
        }
        let out = paragraphs(&pages);
        assert_eq!(out.text, "甲项工作。\n乙项工作。\n丙项工作。");
        let starts: Vec<u32> = out.page_starts.iter().map(|p| p.1).collect();
        assert_eq!(starts, vec![1, 2, 3]);
        assert!(is_page_number("第 2 页 共 9 页") && is_page_number("- 12 -") && is_page_number("3/9"));
        assert!(!is_page_number("第一责任人") && !is_page_number("12345"));
    }

    #[test]
    fn indents_start_paragraphs_and_gaps_become_spaces() {
        let full = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        // First-line indents: a full line ending in 。 does not end the paragraph.
        let body = &full[..full.len() - 3 * 3];
        let p = page(1, &[(70.0, &format!("{body}。")), (50.0, "接上。"), (70.0, "新段落")]);
        let out = paragraphs(&[p]);
        assert_eq!(out.text, format!("{body}。接上。\n新段落"));
        let mut p = page(1, &[(50.0, "共")]);
        p.glyphs.push(Glyph { x: 70.0, y: 100.0, width: 10.0, size: 10.0, text: "1".into() });
        p.glyphs.push(Glyph { x: 83.0, y: 100.0, width: 10.0, size: 10.0, text: "件".into() });
        assert_eq!(paragraphs(&[p]).text, "共 1件", "a 10-wide gap is a space, a 3-wide one is not");
    }
}
