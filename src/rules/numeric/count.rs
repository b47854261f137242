//! `count`: an announced count agrees with what follows. `items: enumeration` — `以下四个方面`
//! then `一是……四是`, up to the next heading; `items: titles` — `6件……分别是:《…》、《…》…`, the
//! titles in `《》` up to the end of the sentence.

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
            let nearer = report.quantities.iter().any(|o| o.span.start >= q.span.end && o.span.end <= hit.matched.end);
            if nearer {
                continue;
            }
            let announced = q.value as u64;
            let Some((found, last)) = (match self.items {
                Items::Enumeration => enumerated(report, hit.matched.end),
                Items::Titles => titles(report, hit.matched.end),
            }) else {
                continue;
            };
            if found != announced {
                let what = match self.items {
                    Items::Enumeration => {
                        format!("后面列了{}项(到“{}”)", found, report.slice(last))
                    }
                    Items::Titles => format!("后面列出{found}个书名号"),
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

/// The `一是……X是` run that follows `from`, up to the next heading: (count, last marker).
fn enumerated(report: &Report, from: usize) -> Option<(u64, Span)> {
    let next_heading =
        report.headings.iter().map(|h| h.marker.start).find(|&s| s > from).unwrap_or(report.text().len());
    let ms = markers(report, Span::new(from, next_heading));
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
