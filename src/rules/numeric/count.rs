//! `count`: an announced count agrees with what follows. `items: enumeration` — `以下四个方面`
//! then `一是……四是`, up to the next heading; `items: titles` — `6件……分别是:《…》、《…》…`, the
//! titles in `《》` up to the end of the sentence; `items: listed` — `立法、执法、司法、守法四个
//! 法治环节`, the items joined by `、` (or quoted: `“A”“B”“C”三向发力`) right before the count;
//! `items: named` — `10个,分别是北京、上海……`, the items joined by `、` after the count.
//! `等` before a count means "at least": fewer items listed is no finding. A last item joined by
//! 和/及/与 may be one item or two (`对策及建议`, `乌鲁木齐和周口`): either reading holds.

use super::{compile_metric, Metric};
use crate::config::{Items, RuleSpec};
use crate::finding::Finding;
use crate::numerals;
use crate::report::{Report, Span};
use crate::rules::enumeration::markers;
use crate::rules::{RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct CountRule {
    announce: Metric,
    items: Items,
}

impl CountRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<CountRule, RuleError> {
        let Some(announce) = &spec.announce else {
            return Err(src.error(
                spec.kind.referenced,
                "a `count` rule needs `announce`: the words that announce the count, with `{n}`",
                "kind",
            ));
        };
        Ok(CountRule {
            announce: compile_metric(src, "announce", announce)?,
            items: spec.items.as_ref().map_or(Items::Enumeration, |i| i.value),
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let whole = Span::new(0, report.text().len());
        for hit in self.announce.hits(report, whole) {
            let q = hit.quantity;
            if !q.is_exact() || q.value.fract() != 0.0 {
                continue;
            }
            // `6件,其中4件……分别是`: the list belongs to the nearer number.
            // Quantities are in order: the first after this one is the only candidate (a binary
            // search, so that thousands of announcements stay linear).
            let next = report.quantities.partition_point(|o| o.span.start < q.span.end);
            let nearer = report.quantities.get(next).is_some_and(|o| o.span.end <= hit.matched.end);
            if nearer {
                continue;
            }
            let announced = q.value as u64;
            if matches!(self.items, Items::Listed | Items::Named) && announced <= MAX_LISTED {
                let list = match self.items {
                    Items::Listed => listed_before(report, q.span.start),
                    _ => listed_after(report, hit.matched.end),
                };
                let Some(list) = list else { continue };
                // `等`: the items listed are some of those counted.
                let holds = announced >= list.min && (list.at_least || announced <= list.max);
                crate::relation::ledger::record(&meta.id, q.span, holds, || {
                    format!("列出 {} 项,宣布 {announced} 项", list.min)
                });
                if holds {
                    continue;
                }
                let counted =
                    if list.max > list.min { format!("{}至{}", list.min, list.max) } else { list.min.to_string() };
                out.push(
                    meta.finding(q.span, format!("宣布 {announced} 项"))
                        .with_message(format!(
                            "{}:宣布{}项,前后列出的是{counted}项",
                            meta.message,
                            numerals::format(announced)
                        ))
                        .with_related(list.span, "列出的各项"),
                );
                continue;
            }
            if matches!(self.items, Items::Listed | Items::Named) {
                continue;
            }
            let Some((found, last)) = (match self.items {
                Items::Enumeration => enumerated(report, hit.matched.end),
                Items::Titles => titles(report, hit.matched.end),
                Items::Listed | Items::Named => None,
            }) else {
                continue;
            };
            if found != announced {
                let what = match self.items {
                    Items::Enumeration => {
                        format!("后面列了{}项(到“{}”)", found, report.slice(last))
                    }
                    Items::Titles => format!("后面列出{found}个书名号"),
                    Items::Listed | Items::Named => String::new(),
                };
                out.push(
                    meta.finding(q.span, format!("宣布 {announced} 项"))
                        .with_message(format!("{}:宣布{}项,{what}", meta.message, numerals::format(announced)))
                        .with_related(last, "最后一项"),
                );
            }
        }
    }
}

/// How far after an announcement its `一是……` items are looked for (bytes).
const ENUMERATION_REACH: usize = 20_000;

/// The `一是……X是` run that follows `from`, up to the next heading: (count, last marker).
fn enumerated(report: &Report, from: usize) -> Option<(u64, Span)> {
    let text = report.text();
    let h = report.headings.partition_point(|h| h.marker.start <= from);
    let next_heading = report.headings.get(h).map_or(text.len(), |h| h.marker.start);
    // An announced list follows within a few pages: bounded, so that thousands of
    // announcements in one section stay linear.
    let end = next_heading.min(crate::text::ceil_boundary(text, (from + ENUMERATION_REACH).min(text.len())));
    let ms = markers(report, Span::new(from, end));
    let first = ms.first()?;
    if first.number != 1 {
        return None;
    }
    let mut last = *first;
    for m in &ms[1..] {
        if m.number != last.number + 1 {
            break;
        }
        last = *m;
    }
    Some((last.number, last.span))
}

/// The titles `《…》` from `from` to the end of its sentence, counted at the outer level.
fn titles(report: &Report, from: usize) -> Option<(u64, Span)> {
    let text = report.text();
    let end = report.sentence_at(from).map_or(text.len(), |s| s.span.end);
    let mut depth = 0usize;
    let mut count = 0u64;
    let mut last = None;
    let mut open = 0;
    for (i, c) in text[from..end].char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open = from + i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    count += 1;
                    last = Some(Span::new(open, from + i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    last.map(|l| (count, l))
}

/// Items joined by `、`: how many they may be, where they are, and whether `等` made the count
/// a lower bound.
struct Listed {
    min: u64,
    max: u64,
    span: Span,
    at_least: bool,
}

/// Characters one item may take up.
const MAX_ITEM_CHARS: usize = 24;
/// The largest count a list is checked against: larger numbers count things, not the items.
const MAX_LISTED: u64 = 20;

/// Characters a list may take up.
const LIST_CHARS: usize = 200;
/// What ends a list on its left or right.
const LIST_BREAK: &[char] = &[',', '。', ';', ':', '!', '?', '\n', '(', ')', '《', '》', '【', '】'];

/// The items right before the count at `at`: `立法、执法、司法、守法四个`, `“A”“B”“C”三向`.
fn listed_before(report: &Report, at: usize) -> Option<Listed> {
    let text = report.text();
    // `生态补偿“六项机制”。`: the count opens a quote after the list (not a slogan of a list of
    // slogans: `增强“四个意识”、坚定“四个自信”`).
    let closes_clause = || {
        let rest = &text[at..];
        rest.char_indices().take_while(|&(i, _)| i <= 12).find(|&(_, c)| c == '”').is_some_and(|(i, _)| {
            rest[i + '”'.len_utf8()..].chars().next().is_none_or(|c| matches!(c, '。' | ',' | ';' | '\n'))
        })
    };
    let at = if text[..at].ends_with('“') && closes_clause() { at - '“'.len_utf8() } else { at };
    let mut end = at;
    let mut at_least = false;
    for w in ["等共", "等", "共", "这", "此"] {
        if text[..at].ends_with(w) {
            at_least |= w.starts_with('等');
            end = at - w.len();
            break;
        }
    }
    if text[..end].ends_with('”') {
        return quoted_before(text, end, at_least);
    }
    let from = text[..end]
        .char_indices()
        .rev()
        .take(LIST_CHARS)
        .find(|&(_, c)| LIST_BREAK.contains(&c) || c == '“' || c == '”')
        .map_or(text[..end].char_indices().rev().take(LIST_CHARS).last().map_or(end, |(i, _)| i), |(i, c)| {
            i + c.len_utf8()
        });
    let seg = &text[from..end];
    // `省、市专项整治方案中5大方面`, `…的4个`: the count belongs to what the list qualifies.
    if seg.ends_with(['中', '里', '内', '的', '之']) {
        return None;
    }
    // `A、B等海岛帮办点7个`: examples of what is counted, not all of it.
    at_least |= seg.contains('等');
    count_items(seg, Span::new(from, end), at_least)
}

/// Quoted items right before `end`, adjacent or joined by `、`: `“A”“B”“C”三向发力`.
fn quoted_before(text: &str, end: usize, at_least: bool) -> Option<Listed> {
    let mut n = 0u64;
    let mut at = end;
    while text[..at].ends_with('”') {
        let close = at - '”'.len_utf8();
        let open = text[..close].rfind('“')?;
        if text[open..close].contains(['”', '\n']) || close - open > MAX_ITEM_CHARS * 3 {
            return None;
        }
        n += 1;
        at = open;
        if text[..at].ends_with('、') {
            at -= '、'.len_utf8();
        }
    }
    (n >= 2).then_some(Listed { min: n, max: n, span: Span::new(at, end), at_least })
}

/// The items after `分别是` up to the end of the clause list: `北京、上海、广州`.
fn listed_after(report: &Report, from: usize) -> Option<Listed> {
    let text = report.text();
    let end = text[from..].char_indices().take(LIST_CHARS).find(|&(_, c)| LIST_BREAK.contains(&c)).map_or(
        text[from..].char_indices().take(LIST_CHARS).last().map_or(from, |(i, c)| from + i + c.len_utf8()),
        |(i, _)| from + i,
    );
    let seg = &text[from..end];
    if seg.contains('《') {
        return None;
    }
    count_items(seg, Span::new(from, end), seg.ends_with('等'))
}

/// At least two items joined by `、`; a last item (or any item) joined by 和/及/与 may be two.
/// Items with figures of their own (`查封、扣押案件4836件`) are not a list of kinds.
fn count_items(seg: &str, span: Span, at_least: bool) -> Option<Listed> {
    let items: Vec<&str> = seg.split('、').collect();
    if items.len() < 2
        || items.iter().any(|i| i.trim().is_empty() || i.chars().count() > MAX_ITEM_CHARS)
        || seg.contains(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let joined = items.iter().filter(|i| i.contains('和') || i.contains('及') || i.contains('与')).count() as u64;
    let min = items.len() as u64;
    Some(Listed { min, max: min + joined, span, at_least })
}
