//! `ratio` with `mode: share`: a stated share (`占比X%`, `占X%`, `占…的X%`) agrees with its part over the whole.
//!
//! The part is the count just before the share (`婚姻家庭纠纷160件,占18.4%`). Explain before
//! flagging: the share is consistent when some count of the part's family in scope — before it,
//! or later in its sentence — reproduces it as a base (rounded or truncated at the stated
//! precision). Only when none does, and the words name the whole, is it flagged: the total of
//! the list the part belongs to (`总评价515684条,其中非常满意469918条,占比91.13%`), a count named
//! as a whole before it (`bases:` 共, 总, 合计 …), or the base its sibling shares agree on
//! (`1590件,占14.23%;1485件,占13.29%;…` all give about 11171).

use regex::Regex;

use super::explain::{families, fits, fits_loosely, iv, optional_regex, should_be, stated_interval};
use super::rate::LOOK_BACK;
use super::{cap, compile_metric, fmt_value, words, Metric};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::relation::{ledger, Families, List, Mention, Relations};
use crate::report::{Report, Span};
use crate::rules::search::Searcher;
use crate::rules::{compile_searcher, RuleError, RuleMeta, RuleSource};

#[derive(Debug)]
pub struct ShareRule {
    rate: Metric,
    opens: Option<Searcher>,
    bases: Option<Regex>,
    exempt: Option<Regex>,
    families: Families,
}

/// Counts after a share in its sentence that may be its whole.
const LATER: usize = 12;
/// Shares on either side of one compared with it.
const SIBLINGS: usize = 16;

/// Counts before a part, in its paragraph, that may be its whole without being named as one.
const NEAR: usize = 40;

/// Characters allowed between a part and its share.
const PART_GAP: usize = 24;

/// A share found: the percentage and its part (indices into the mentions), and the words that
/// name its whole (`全省新收行政复议申请总数` of `占全省新收行政复议申请总数的40.94%`).
#[derive(Debug, Clone, Copy)]
struct Stated {
    share: usize,
    part: usize,
    whole_words: Span,
}

impl ShareRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<ShareRule, RuleError> {
        let Some(rate) = &spec.rate else {
            return Err(src.error(
                spec.kind.referenced,
                "a `ratio` rule with `mode: share` needs `rate`: how the share reads, with `{n}`",
                "kind",
            ));
        };
        Ok(ShareRule {
            rate: compile_metric(src, "rate", rate)?,
            opens: spec.parts.as_ref().map(|p| compile_searcher(src, p)).transpose()?,
            bases: optional_regex(src, &spec.bases)?,
            exempt: optional_regex(src, &spec.exempt)?,
            families: families(spec),
        })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let units = super::units(report, Scope::Sentence);
        let hits = self.rate.hits_in_units(report, &units);
        if hits.is_empty() {
            return;
        }
        let rel = Relations::build(report, &self.families);
        let text = report.text();
        let mut stated = Vec::new();
        for (_, hit) in hits {
            if !hit.quantity.is_percent() {
                continue;
            }
            let window = super::ratio::window_before(text, hit.matched.start, 8);
            if self.exempt.as_ref().is_some_and(|e| e.is_match(window) || e.is_match(report.slice(hit.matched))) {
                continue;
            }
            let share = rel.first_at(hit.quantity.span.start);
            if let Some(part) = part_of(&rel, share, hit.matched.start) {
                let words = report.slice(hit.matched);
                let from = hit.matched.start + words.find('占').map_or(0, |i| i + '占'.len_utf8());
                let to = hit.matched.start + words.rfind('的').unwrap_or(words.len()).max(from - hit.matched.start);
                stated.push(Stated { share, part, whole_words: Span::new(from, to.min(hit.quantity.span.start)) });
            }
        }
        // Totals of lists, by part.
        let mut list_total: Vec<(usize, usize)> = Vec::new();
        if let Some(opens) = &self.opens {
            for (_, m) in opens.find_iter(text, &report.paragraphs) {
                if let Some(list) = List::at(&rel, Span::new(m.start, m.end)) {
                    list_total.extend(list.parts.iter().map(|&p| (p, list.total)));
                }
            }
        }
        list_total.sort_unstable();
        let mut flagged = vec![false; stated.len()];
        for (k, flag) in flagged.iter_mut().enumerate() {
            if let Some(f) = self.judge(&rel, &stated, k, &list_total, meta) {
                out.push(f);
                *flag = true;
            }
        }
        over_hundred(&rel, &stated, &flagged, meta, out);
    }

    fn judge(
        &self,
        rel: &Relations<'_>,
        stated: &[Stated],
        k: usize,
        list_total: &[(usize, usize)],
        meta: &RuleMeta,
    ) -> Option<Finding> {
        let s = stated[k];
        let (pm, part) = (&rel.mentions[s.share], &rel.mentions[s.part]);
        let p = pm.q;
        // Every whole in scope that gives the share explains it. In scope: a count of the
        // part's paragraph that the words could mean — in the part's sentence or the one before,
        // later in the share's sentence, the total of the part's list, or one named as a whole.
        // Not every count of a long page: with a hundred candidates, some quotient lands within
        // an integer percentage by chance and would explain any share away.
        let from = s.part.saturating_sub(LOOK_BACK);
        let list_whole = list_total.binary_search_by_key(&s.part, |&(p, _)| p).ok().map(|i| list_total[i].1);
        let by_words = whole_by_words(rel, &s);
        let in_scope = |m: &Mention<'_>| {
            Some(m.index) == by_words.map(|w| rel.mentions[w].index)
                || Some(m.index) == list_whole.map(|w| rel.mentions[w].index)
                || (m.paragraph == part.paragraph && s.part - m.index <= NEAR)
                || (self.bases.as_ref().is_some_and(|b| b.is_match(rel.stem(m))))
        };
        let later = rel.mentions[s.share..].iter().take(LATER).take_while(|m| m.sentence == pm.sentence);
        let explained = rel.mentions[from..s.part]
            .iter()
            .filter(|m| in_scope(m))
            .chain(later)
            .filter(|m| m.is_count() && m.family == part.family && m.hi() >= part.lo() && m.hi().is_finite())
            .find(|m| fits(p, iv(part), iv(m)));
        if let Some(w) = explained {
            let arithmetic =
                || format!("{}/{} ≈ {}", words(rel.report, part.q), words(rel.report, w.q), words(rel.report, p));
            ledger::record(&meta.id, p.span, true, arithmetic);
            return None;
        }
        if p.value == 100.0 && p.is_exact() {
            return None;
        }
        // Shares of one breakdown whose whole is not given (`排名前五的类别……占全市总量的X%`):
        // when two or more siblings agree on a base with this one, that base explains it.
        let siblings = sibling_base(rel, stated, k).filter(|b| b.n >= 2);
        if let Some(b) = siblings.filter(|b| b.mine_fits) {
            let base = fmt_value(((b.lo + b.hi) / 2.0).round(), 0);
            ledger::record(&meta.id, p.span, true, || {
                format!("{}/约{base} ≈ {}(同段其他占比的总数)", words(rel.report, part.q), words(rel.report, p))
            });
            return None;
        }
        // The whole the words name.
        let whole = list_total
            .binary_search_by_key(&s.part, |&(p, _)| p)
            .ok()
            .map(|i| list_total[i].1)
            .or(by_words)
            .or_else(|| self.named_whole(rel, s.part));
        let exact = |m: &Mention<'_>| m.q.is_exact() && part.q.is_exact() && p.is_exact();
        // A named whole that the agreeing siblings rule out is not the whole they share.
        let whole = whole.filter(|&w| siblings.is_none_or(|b| b.holds(rel.mentions[w].q.value)));
        // A whole smaller than the part (`日均办理4300余件,其中即办件81万件`) is not its whole: the
        // larger count before it in the sentence is.
        let whole = whole.and_then(|w| {
            if rel.mentions[w].hi() >= part.lo() {
                return Some(w);
            }
            let text = rel.text();
            (s.part.saturating_sub(NEAR)..w).rev().take_while(|&i| rel.mentions[i].sentence == part.sentence).find(
                |&i| {
                    let m = &rel.mentions[i];
                    m.is_count()
                        && m.family == part.family
                        && m.hi() >= part.lo()
                        && !text[m.q.span.end..part.q.span.start].contains(';')
                },
            )
        });
        if let Some(w) = whole {
            let w = &rel.mentions[w];
            if w.hi() < part.lo() {
                return None;
            }
            let shown = should_be(p, part.q.value, w.q.value);
            // Off by one in the last digit: adjusted so that the shares add up to 100%
            // (`1/224 = 0.446%` written `0.5%`). That reading explains it.
            if fits_loosely(p, iv(part), iv(w)) {
                ledger::record(&meta.id, p.span, true, || {
                    format!(
                        "{}/{} ≈ {}(末位调整)",
                        words(rel.report, part.q),
                        words(rel.report, w.q),
                        words(rel.report, p)
                    )
                });
                return None;
            }
            let severity = cap(meta.severity, exact(w));
            let (pw, ww, rw) = (words(rel.report, part.q), words(rel.report, w.q), words(rel.report, p));
            let (nv, dv) = (fmt_value(part.q.value, part.q.decimals), fmt_value(w.q.value, w.q.decimals));
            ledger::record(&meta.id, p.span, false, || format!("{nv}/{dv} = {shown}%,报告写作 {rw}"));
            return Some(
                meta.finding(p.span, format!("应为 {shown}%"))
                    .with_message(format!("{}:应为 {shown}%({nv}/{dv}),报告写作 {rw}", meta.message))
                    .with_severity(severity)
                    .with_related(part.q.span, format!("该项 {pw}"))
                    .with_related(w.q.span, format!("总数 {ww}")),
            );
        }
        // No whole named: the base the sibling shares of the paragraph agree on.
        let Siblings { lo, hi, n, .. } = siblings?;
        let mid = (lo + hi) / 2.0;
        let shown = should_be(p, part.q.value, mid);
        let (pw, rw) = (words(rel.report, part.q), words(rel.report, p));
        ledger::record(&meta.id, p.span, false, || {
            format!("{pw}/约{} = {shown}%,报告写作 {rw}", fmt_value(mid.round(), 0))
        });
        Some(
            meta.finding(p.span, format!("约应为 {shown}%"))
                .with_message(format!(
                    "{}:同一段中其他 {n} 项的占比都对应约 {} 的总数,按此 {pw} 约占 {shown}%,报告写作 {rw}",
                    meta.message,
                    fmt_value(mid.round(), 0)
                ))
                .with_severity(cap(meta.severity, false))
                .with_related(part.q.span, format!("该项 {pw}")),
        )
    }

    /// The nearest count before `part` in its paragraph, of its family and larger, named as a
    /// whole (`bases:`).
    fn named_whole(&self, rel: &Relations<'_>, part: usize) -> Option<usize> {
        let bases = self.bases.as_ref()?;
        let pm = &rel.mentions[part];
        (part.saturating_sub(LOOK_BACK)..part).rev().take_while(|&i| rel.mentions[i].paragraph == pm.paragraph).find(
            |&i| {
                let m = &rel.mentions[i];
                m.is_count() && m.family == pm.family && m.hi() >= pm.lo() && bases.is_match(rel.stem(m))
            },
        )
    }
}

/// The shares of one list — consecutive in one sentence, each right after its part, parts of
/// one family — add up to at most 100% (plus what rounding allows).
/// A list with a share already flagged on its own is not flagged again as a whole.
fn over_hundred(rel: &Relations<'_>, stated: &[Stated], flagged: &[bool], meta: &RuleMeta, out: &mut Vec<Finding>) {
    let mut i = 0;
    while i < stated.len() {
        let first = &rel.mentions[stated[i].part];
        let mut j = i + 1;
        while j < stated.len() {
            let (prev, next) = (&stated[j - 1], &stated[j]);
            let np = &rel.mentions[next.part];
            // The next share's part comes right after the previous share: nothing in between.
            if np.sentence != first.sentence || np.family != first.family || next.part != prev.share + 1 {
                break;
            }
            j += 1;
        }
        let group = &stated[i..j];
        if group.len() >= 2 {
            let total: f64 = group.iter().map(|s| rel.mentions[s.share].q.value).sum();
            let slack: f64 = group.iter().map(|s| 10f64.powi(-i32::from(rel.mentions[s.share].q.decimals))).sum();
            let exact = group.iter().all(|s| rel.mentions[s.share].q.is_exact());
            let last = rel.mentions[group[group.len() - 1].share].q;
            let held = total <= 100.0 + slack + 1e-9;
            if exact {
                ledger::record(&meta.id, last.span, held, || format!("各项占比合计 {}%", fmt_value(total, 2)));
            }
            if exact && !held && !flagged[i..j].iter().any(|f| *f) {
                let mut f = meta.finding(last.span, format!("各项占比合计 {}%", fmt_value(total, 2))).with_message(
                    format!("{}:同一组 {} 项的占比合计 {}%,超过 100%", meta.message, group.len(), fmt_value(total, 2)),
                );
                for s in &group[..group.len() - 1] {
                    f = f.with_related(rel.mentions[s.share].q.span, "占比");
                }
                out.push(f);
            }
        }
        i = j;
    }
}

/// The count whose words share the most with the words naming the whole (at least three
/// characters in a row: `新收行政复议申请` in `新收行政复议申请5422件`), nearest first.
fn whole_by_words(rel: &Relations<'_>, s: &Stated) -> Option<usize> {
    let named: Vec<char> = rel.report.slice(s.whole_words).chars().collect();
    if named.len() < 3 {
        return None;
    }
    let part = &rel.mentions[s.part];
    let mut best: Option<(usize, usize)> = None;
    for i in (s.part.saturating_sub(LOOK_BACK)..s.part).rev() {
        let m = &rel.mentions[i];
        if !m.is_count() || m.family != part.family || m.hi() < part.lo() {
            continue;
        }
        let stem: Vec<char> = rel.stem(m).chars().collect();
        let common = longest_common_run(&named, &stem);
        if common >= 3 && best.is_none_or(|(c, _)| common > c) {
            best = Some((common, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The length of the longest run of characters two texts share (both short).
fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let (a, b) = (&a[..a.len().min(40)], &b[b.len().saturating_sub(40)..]);
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// The part of the share at `share`: the nearest count before it, in its sentence, at most
/// [`PART_GAP`] characters before the share's words.
fn part_of(rel: &Relations<'_>, share: usize, words_start: usize) -> Option<usize> {
    let pm = rel.mentions.get(share)?;
    let i = (0..share).rev().find(|&i| rel.mentions[i].is_count() || rel.mentions[i].is_percent())?;
    let m = &rel.mentions[i];
    if !m.is_count() || m.sentence != pm.sentence || m.q.span.end > words_start {
        return None;
    }
    let gap = &rel.text()[m.q.span.end..words_start];
    (gap.chars().count() <= PART_GAP).then_some(i)
}

/// The interval of bases that the other shares of the paragraph (parts of the same family)
/// agree on, with how many agree and whether this share agrees too; `None` when they do not
/// agree on one base.
fn sibling_base(rel: &Relations<'_>, stated: &[Stated], k: usize) -> Option<Siblings> {
    let me = stated[k];
    let (pm, part) = (&rel.mentions[me.share], &rel.mentions[me.part]);
    let implied = |s: &Stated| -> Option<(f64, f64)> {
        let (p, n) = (rel.mentions[s.share].q, &rel.mentions[s.part]);
        let (lo, hi) = stated_interval(p);
        (lo > 0.0 && hi.is_finite()).then(|| (n.lo() * 100.0 / hi, n.hi() * 100.0 / lo))
    };
    let mine = implied(&me)?;
    let mut acc: Option<(f64, f64)> = None;
    let mut n = 0;
    // The nearest siblings only, so that a paragraph of thousands of shares stays linear.
    let window = k.saturating_sub(SIBLINGS)..(k + SIBLINGS + 1).min(stated.len());
    for (j, s) in stated.iter().enumerate().take(window.end).skip(window.start) {
        let (sm, sp) = (&rel.mentions[s.share], &rel.mentions[s.part]);
        if j == k || sm.paragraph != pm.paragraph || sp.family != part.family {
            continue;
        }
        let Some(iv) = implied(s) else { continue };
        let next = match acc {
            None => iv,
            Some(a) => (a.0.max(iv.0), a.1.min(iv.1)),
        };
        if next.0 > next.1 {
            // The siblings do not agree on one base: nothing to compare with.
            return None;
        }
        acc = Some(next);
        n += 1;
    }
    let (lo, hi) = acc?;
    Some(Siblings { lo, hi, n, mine_fits: !(mine.1 < lo || mine.0 > hi) })
}

/// The base the other shares of a paragraph agree on.
#[derive(Debug, Clone, Copy)]
struct Siblings {
    lo: f64,
    hi: f64,
    /// How many shares agree.
    n: usize,
    /// Whether this share agrees too.
    mine_fits: bool,
}

impl Siblings {
    fn holds(&self, base: f64) -> bool {
        self.lo <= base + 1e-6 && base <= self.hi + 1e-6
    }
}
