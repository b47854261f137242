//! `enumeration`: in-paragraph lists `一是……二是……三是……` run without gap or repeat. A list
//! may start again at `一是`; the count resets at every heading. A list whose first item is
//! not written `一是` (`首先……二是……`) is counted from its first marker.

use super::{RuleError, RuleMeta, RuleSource};
use crate::config::RuleSpec;
use crate::finding::Finding;
use crate::numerals;
use crate::report::{Report, Span};

#[derive(Debug)]
pub struct EnumerationRule;

/// `一是` … `十二是`: what the regex `[一二三四五六七八九十]{1,3}是` matches, found from each `是`
/// (one `memmem` pass) by looking back over at most three numerals. It counts only at the
/// start of a paragraph or after punctuation (checked by the caller).
fn marker_matches(text: &str) -> impl Iterator<Item = Span> + '_ {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    memchr::memmem::find_iter(text.as_bytes(), "是").filter_map(move |at| {
        let mut start = at;
        for _ in 0..3 {
            match text[..start].chars().next_back() {
                Some(c) if NUMERALS.contains(&c) => start -= c.len_utf8(),
                _ => break,
            }
        }
        (start < at).then(|| Span::new(start, at + "是".len()))
    })
}

fn opens_item(before: &str) -> bool {
    match before.trim_end_matches([' ', '\t']).chars().next_back() {
        None => true,
        Some(c) => matches!(c, '。' | ';' | ':' | ',' | '!' | '?' | '、' | ')' | '\n' | '\r'),
    }
}

/// One `X是` marker.
#[derive(Debug, Clone, Copy)]
pub struct Marker {
    pub number: u64,
    pub span: Span,
}

/// The enumeration markers of a region of the report, in order.
pub fn markers(report: &Report, region: Span) -> Vec<Marker> {
    let text = &report.text()[region.start..region.end];
    marker_matches(text)
        .filter_map(|m| {
            let mut start = m.start;
            // `统一是`: a longer numeral run than the marker's own is not a marker.
            if !opens_item(&text[..start]) {
                // The regex takes the longest run: `十二是` may sit after `统`; try its tail.
                let tail = text[start..m.end].char_indices().skip(1).find(|&(k, _)| opens_item(&text[..start + k]));
                start += tail?.0;
            }
            let number = numerals::parse(text[start..m.end].trim_end_matches('是'))?;
            Some(Marker { number, span: Span::new(region.start + start, region.start + m.end) })
        })
        .collect()
}

impl EnumerationRule {
    pub fn compile(_src: &RuleSource, _spec: &RuleSpec) -> Result<EnumerationRule, RuleError> {
        Ok(EnumerationRule)
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        for region in report.between_headings() {
            let ms = markers(report, *region);
            let mut prev: Option<Marker> = None;
            for (k, m) in ms.iter().enumerate() {
                // A list starts at 一是, or at any number when no 一是 came before: its first
                // item is often put otherwise (`首先`, `一方面`, `一个是`).
                if m.number == 1 || prev.is_none() {
                    prev = Some(*m);
                    continue;
                }
                let expected = prev.map_or(1, |p| p.number + 1);
                if m.number != expected {
                    let want = format!("{}是", numerals::format(expected));
                    let what = match prev {
                        Some(p) if p.number == m.number => "重复",
                        _ if m.number > expected => "跳号",
                        _ => "顺序错误",
                    };
                    let mut f = meta.finding(m.span, format!("应为 {want}")).with_message(format!(
                        "{}:{what},{} 应为 {want}",
                        meta.message,
                        report.slice(m.span)
                    ));
                    if let Some(p) = prev {
                        f = f.with_related(p.span, "上一项");
                    }
                    out.push(f);
                    let next_follows = ms.get(k + 1).is_some_and(|n| n.number == expected + 1);
                    if next_follows {
                        prev = Some(Marker { number: expected, span: m.span });
                        continue;
                    }
                }
                prev = Some(*m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand search finds what the regex it replaces finds.
    #[test]
    fn marker_matches_are_the_regex_matches() {
        let regex = regex::Regex::new(r"[一二三四五六七八九十]{1,3}是").unwrap();
        for text in
            ["一是加强;二是落实", "统一是", "一二三四五是", "十二是,十一是", "是是一是", "二十是。三是", "甲是一二是是"]
        {
            let want: Vec<Span> = regex.find_iter(text).map(|m| Span::new(m.start(), m.end())).collect();
            let got: Vec<Span> = marker_matches(text).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
