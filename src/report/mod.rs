//! The report model: built once per file from the decoded text, then read by every rule.
//!
//! A [`Report`] knows its title and year, its publication and signature dates, its headings at
//! four levels (`一、` / `(一)` / `1.` / `(1)`) with the section tree, and its paragraphs and
//! sentences. Every part carries a [`Span`] of byte offsets into the *folded* text
//! ([`Report::text`]); [`Report::to_original`] maps them back to the decoded source.

use std::sync::{Mutex, OnceLock};

mod dates;
mod headings;
mod paragraphs;
mod title;

pub use crate::span::Span;
pub use dates::{Date, DateMark};
pub use headings::{heading_marker, malformed_marker, Heading};
pub use paragraphs::{Paragraph, Sentence};
pub use title::{ReportYear, Title, YearSource};

use dates::find_dates;
use paragraphs::{split_paragraphs, split_sentences, styled_paragraphs};
use title::{find_title, opening_year, DOCUMENT_NAME, TITLE_MAX_CHARS, TITLE_WINDOW};

use crate::quantity::{self, Quantity};
use crate::text::Folded;

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
