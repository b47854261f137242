//! The title of a report and the year it names: looked for among the opening lines, after a
//! site's metadata block, in traditional characters or run into the body; else the year of the
//! opening paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::{Heading, Paragraph, Span};

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
pub(super) static DOCUMENT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[报報]告|白皮[书書]|[蓝藍]皮[书書])\s*(?:[(\[【][^)\]】]{0,20}[)\]】])?$").unwrap()
});
static OPENING_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})[ \t]*年").unwrap());

/// How many opening paragraphs may hold the title, and how long a title line may be.
pub(super) const TITLE_WINDOW: usize = 12;
pub(super) const TITLE_MAX_CHARS: usize = 80;

pub(super) fn find_title(text: &str, paragraphs: &[Paragraph], headings: &[Heading]) -> Option<Title> {
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

pub(super) fn opening_year(text: &str, paragraphs: &[Paragraph]) -> Option<ReportYear> {
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
