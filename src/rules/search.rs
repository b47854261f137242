//! Searching a report with a rule's regex, one unit (paragraph, sentence, clause …) at a time,
//! without running the regex over units that cannot match.
//!
//! A match never crosses a unit: a pattern written for a sentence is matched within a
//! sentence, and a pattern searched "in the whole report" is matched within one paragraph, as
//! grep matches within a line. Which units to search is decided cheaply:
//!
//! - **needles**: literals of which every match must contain one (`分别是`/`分别为` in
//!   `{n}件……分别是`), read from the regex's syntax tree. One pass of a literal searcher
//!   (`memmem`, ranked for Chinese text, for one; Teddy for several) over the text finds the
//!   few units that hold one; the regex runs only on those. Other literals every match holds
//!   (`%` besides `率` in `率{n}%`) are checked in the unit before the regex runs.
//! - a **list** of alternatives (`forbid: [a, b, c]`) whose alternatives all have needles runs,
//!   in a unit, only the alternatives whose needles the unit holds;
//! - otherwise, for a regex without anchors or word boundaries, one search over the whole text
//!   finds the next unit where a match starts (the regex's own literal prefilter does the work);
//! - otherwise every unit is searched.
//!
//! All of these give the same matches as searching every unit with the whole regex: only
//! units (and alternatives) that cannot match are skipped. The tests below check it.

use memchr::memmem;
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::report::{Paragraph, Sentence, Span};

/// What a report is searched in: paragraphs, sentences, or any sorted, disjoint spans.
pub trait Unit {
    fn span(&self) -> Span;
}

impl Unit for Span {
    fn span(&self) -> Span {
        *self
    }
}

impl Unit for Paragraph {
    fn span(&self) -> Span {
        self.span
    }
}

impl Unit for Sentence {
    fn span(&self) -> Span {
        self.span
    }
}

/// A regex with what lets a search skip units.
#[derive(Debug, Clone)]
pub struct Searcher {
    pub regex: Regex,
    /// Boxed: a searcher for one needle is a few hundred bytes.
    needles: Option<Box<Needles>>,
    /// No `^`, `$`, `\b`: a match in a unit is a match in the whole text, at the same place.
    look_free: bool,
    /// For a list of alternatives that each have needles: the alternatives on their own, so
    /// that a unit is searched only with those whose needles it holds.
    parts: Option<Box<Parts>>,
    /// Other literals every match holds (`%` of `率{n}%`): a unit with a needle but without
    /// one of these is not searched.
    also: Vec<memmem::Finder<'static>>,
}

#[derive(Debug, Clone)]
struct Parts {
    regexes: Vec<Regex>,
    /// For each needle, the alternatives (as bits) that a match of it stands for: its own and
    /// those of the needles it starts with (found at the same place, only the longest is
    /// reported).
    owners: Vec<u64>,
}

#[derive(Debug, Clone)]
enum Needles {
    One(memmem::Finder<'static>),
    /// Teddy (SIMD) when the machine has it, else Rabin-Karp.
    Many(aho_corasick::packed::Searcher),
}

impl Needles {
    fn new(set: &[Vec<u8>]) -> Option<Needles> {
        if let [one] = set {
            return Some(Needles::One(finder(one)));
        }
        let mut config = aho_corasick::packed::Config::new();
        config.match_kind(aho_corasick::packed::MatchKind::LeftmostLongest);
        config.builder().extend(set).build().map(Needles::Many)
    }

    /// Start and index of the leftmost (then longest) needle at or after `from`.
    fn find(&self, text: &[u8], from: usize) -> Option<(usize, usize)> {
        match self {
            Needles::One(f) => f.find(&text[from..]).map(|i| (from + i, 0)),
            Needles::Many(p) => {
                p.find_in(text, aho_corasick::Span::from(from..text.len())).map(|m| (m.start(), m.pattern().as_usize()))
            }
        }
    }
}

/// A `memmem` searcher for `needle` that looks first for its bytes rarest in Chinese text.
fn finder(needle: &[u8]) -> memmem::Finder<'static> {
    memmem::FinderBuilder::new().build_forward_with_ranker(ChineseText, needle).into_owned()
}

/// How common each byte is in Chinese text in UTF-8, so that `memmem` looks first for the
/// rarer bytes of a needle (its default ranking, made for English, takes every byte above
/// 0x7F to be rare, when the lead bytes of CJK characters are the commonest of all).
#[derive(Clone, Copy)]
struct ChineseText;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for ChineseText {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            // Lead bytes of the CJK ideographs (U+4E00–U+9FFF).
            0xE4..=0xE9 => 255,
            // Lead bytes of CJK punctuation and of full-width forms.
            0xE3 | 0xEF | 0xE2 => 200,
            b' ' | b'\n' | b',' | b'.' | b':' | b';' | b'(' | b')' | b'0'..=b'9' => 180,
            // Continuation bytes: two per character, spread over 64 values.
            0x80..=0xBF => 120,
            0x00..=0x7F => 60,
            _ => 5,
        }
    }
}

impl Searcher {
    /// Wrap a compiled regex; `pattern` is its source (after `{n}` expansion).
    pub fn new(regex: Regex, pattern: &str) -> Searcher {
        let hir = regex_syntax::Parser::new().parse(pattern).ok();
        let look_free = hir.as_ref().is_some_and(|h| h.properties().look_set().is_empty());
        let lits = hir.as_ref().and_then(required);
        let also = match (&hir, &lits) {
            (Some(h), Some(l)) => also_required(h, l).iter().map(|a| finder(a)).collect(),
            _ => Vec::new(),
        };
        let needles = lits.and_then(|l| Needles::new(&l.set)).map(Box::new);
        Searcher { regex, needles, look_free, parts: None, also }
    }

    /// Wrap the regex of a list of alternatives (`a|b|c`), given each alternative compiled on
    /// its own. When every alternative has needles (and none matches the empty string), a
    /// unit is searched only with the alternatives whose needles it holds: one common word
    /// (`大` of `大 中 小`) then costs one short search, not the whole list's.
    pub fn list(regex: Regex, alternatives: Vec<Regex>) -> Searcher {
        let joined = regex.as_str().to_string();
        let whole = Searcher::new(regex, &joined);
        if alternatives.len() < 2 || alternatives.len() > 64 {
            return whole;
        }
        let mut set: Vec<Vec<u8>> = Vec::new();
        let mut owner: Vec<u64> = Vec::new();
        for (k, alt) in alternatives.iter().enumerate() {
            let Ok(hir) = regex_syntax::Parser::new().parse(alt.as_str()) else { return whole };
            let Some(lits) = required(&hir) else { return whole };
            if hir.properties().minimum_len() == Some(0) {
                return whole;
            }
            for l in lits.set {
                match set.iter().position(|n| *n == l) {
                    Some(i) => owner[i] |= 1 << k,
                    None => {
                        set.push(l);
                        owner.push(1 << k);
                    }
                }
            }
        }
        let Some(needles) = Needles::new(&set) else { return whole };
        // A needle found stands also for the needles it starts with.
        let owners = set
            .iter()
            .map(|n| set.iter().zip(&owner).filter(|(m, _)| n.starts_with(m)).fold(0, |a, (_, o)| a | o))
            .collect();
        let parts = Parts { regexes: alternatives, owners };
        Searcher { needles: Some(Box::new(needles)), parts: Some(Box::new(parts)), ..whole }
    }

    /// Indexes of the units (sorted, disjoint spans of `text`) that may hold a match, in order.
    pub fn candidates<'a, U: Unit>(&'a self, text: &'a str, units: &'a [U]) -> Candidates<'a, U> {
        Candidates { searcher: self, text, units, pos: units.first().map_or(0, |u| u.span().start), next: 0 }
    }

    /// Every match, each within one unit: `(unit index, span)`, in order.
    pub fn find_iter<'a, U: Unit>(&'a self, text: &'a str, units: &'a [U]) -> impl Iterator<Item = (usize, Span)> + 'a {
        self.candidates(text, units)
            .flat_map(move |i| self.matches_in(text, units[i].span()).into_iter().map(move |s| (i, s)))
    }

    /// The first match in any unit.
    pub fn find<U: Unit>(&self, text: &str, units: &[U]) -> Option<Span> {
        self.find_iter(text, units).next().map(|(_, s)| s)
    }

    /// Whether any unit holds a match.
    pub fn is_match<U: Unit>(&self, text: &str, units: &[U]) -> bool {
        self.candidates(text, units).any(|i| self.is_match_in(text, units[i].span()))
    }

    /// Whether `unit` holds a match (its needles looked for first).
    pub fn is_match_in(&self, text: &str, unit: Span) -> bool {
        let hay = &text[unit.start..unit.end];
        match &self.parts {
            None if self
                .needles
                .as_ref()
                .is_some_and(|n| n.find(&text.as_bytes()[..unit.end], unit.start).is_none()) =>
            {
                false
            }
            None => self.regex.is_match(hay),
            Some(parts) => {
                let flagged = self.flagged(text, unit, parts);
                parts.regexes.iter().enumerate().any(|(k, r)| flagged >> k & 1 == 1 && r.is_match(hay))
            }
        }
    }

    /// The alternatives whose needles lie in `unit`.
    fn flagged(&self, text: &str, unit: Span, parts: &Parts) -> u64 {
        let Some(needles) = &self.needles else { return u64::MAX };
        let hay = &text.as_bytes()[..unit.end];
        let mut mask = 0;
        let mut from = unit.start;
        while let Some((at, n)) = needles.find(hay, from) {
            mask |= parts.owners[n];
            from = at + 1;
        }
        mask
    }

    /// The matches in one unit, as the whole regex finds them (leftmost first, then by the
    /// order of the alternatives; not overlapping).
    fn matches_in(&self, text: &str, unit: Span) -> Vec<Span> {
        let hay = &text[unit.start..unit.end];
        let at = |m: regex::Match| Span::new(unit.start + m.start(), unit.start + m.end());
        let Some(parts) = &self.parts else {
            return self.regex.find_iter(hay).map(at).collect();
        };
        let flagged = self.flagged(text, unit, parts);
        let alts: Vec<&Regex> =
            parts.regexes.iter().enumerate().filter(|(k, _)| flagged >> k & 1 == 1).map(|(_, r)| r).collect();
        let mut next: Vec<Option<regex::Match>> = alts.iter().map(|r| r.find(hay)).collect();
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            for (k, r) in alts.iter().enumerate() {
                if next[k].is_some_and(|m| m.start() < pos) {
                    next[k] = r.find_at(hay, pos);
                }
            }
            // No alternative matches the empty string, so every match moves `pos` on.
            let Some(m) = next.iter().flatten().min_by_key(|m| m.start()).copied() else { break };
            out.push(at(m));
            pos = m.end();
        }
        out
    }
}

/// The units a [`Searcher`] has to look at.
pub struct Candidates<'a, U> {
    searcher: &'a Searcher,
    text: &'a str,
    units: &'a [U],
    /// Nothing before this offset is looked at again.
    pos: usize,
    /// Units before this index are done.
    next: usize,
}

impl<U: Unit> Iterator for Candidates<'_, U> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let units = self.units;
        let s = self.searcher;
        loop {
            if self.next >= units.len() {
                return None;
            }
            if s.needles.is_none() && !s.look_free {
                self.next += 1;
                return Some(self.next - 1);
            }
            let last_end = units[units.len() - 1].span().end;
            // (`>`: an empty unit may sit at the very end.)
            if self.pos > last_end {
                return None;
            }
            // Where the next needle, or match, starts; no unit before it can match.
            let at = match &s.needles {
                Some(n) => n.find(&self.text.as_bytes()[..last_end], self.pos)?.0,
                None => s.regex.find_at(&self.text[..last_end], self.pos)?.start(),
            };
            // The first unit that holds `at` (an empty unit holds the position it is at).
            let i = self.next
                + units[self.next..].partition_point(|u| {
                    let u = u.span();
                    u.end < at || (u.end == at && u.start < at)
                });
            if i >= units.len() {
                return None;
            }
            if units[i].span().start > at {
                // Between units (a line break, or text outside the units): look further on.
                self.next = i;
                self.pos = at + 1;
                while !self.text.is_char_boundary(self.pos) {
                    self.pos += 1;
                }
                continue;
            }
            self.next = i + 1;
            let u = units[i].span();
            self.pos = u.end;
            let hay = &self.text.as_bytes()[u.start..u.end];
            if s.also.iter().all(|f| f.find(hay).is_some()) {
                return Some(i);
            }
        }
    }
}

/// Literals of which every match contains one; `exact` when they are all the strings the
/// expression can match.
struct Literals {
    set: Vec<Vec<u8>>,
    exact: bool,
}

/// A literal set larger than this is not worth searching for.
const MAX_NEEDLES: usize = 24;
/// A class of more characters than this is not turned into literals.
const MAX_CLASS: usize = 8;
/// Needles shorter than this (one CJK character) find too much to help.
const MIN_NEEDLE: usize = 3;

/// Single literals of the pattern's top-level sequence that every match holds besides one of
/// `chosen` (at most three).
fn also_required(hir: &Hir, chosen: &Literals) -> Vec<Vec<u8>> {
    let HirKind::Concat(parts) = hir.kind() else { return Vec::new() };
    let mut out: Vec<Vec<u8>> = Vec::new();
    for p in parts {
        if let Some(Literals { set, .. }) = literals(p) {
            if let [one] = set.as_slice() {
                if !chosen.set.contains(one) && !out.contains(one) && out.len() < 3 {
                    out.push(one.clone());
                }
            }
        }
    }
    out
}

/// The best set of required literals of a pattern, if one is worth searching for.
fn required(hir: &Hir) -> Option<Literals> {
    literals(hir).filter(|l| shortest(l) >= MIN_NEEDLE)
}

fn shortest(l: &Literals) -> usize {
    l.set.iter().map(Vec::len).min().unwrap_or(0)
}

/// Longer needles first, then fewer of them.
fn better(a: &Literals, b: &Literals) -> bool {
    (shortest(a), std::cmp::Reverse(a.set.len())) > (shortest(b), std::cmp::Reverse(b.set.len()))
}

fn literals(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Literal(l) => Some(Literals { set: vec![l.0.to_vec()], exact: true }),
        HirKind::Class(Class::Unicode(c)) => {
            let n: usize = c.ranges().iter().map(|r| (r.end() as usize) - (r.start() as usize) + 1).sum();
            (n <= MAX_CLASS).then(|| Literals {
                set: c
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|ch| ch.to_string().into_bytes())
                    .collect(),
                exact: true,
            })
        }
        HirKind::Class(Class::Bytes(c)) => {
            let n: usize = c.ranges().iter().map(|r| usize::from(r.end() - r.start()) + 1).sum();
            (n <= MAX_CLASS).then(|| Literals {
                set: c.ranges().iter().flat_map(|r| r.start()..=r.end()).map(|b| vec![b]).collect(),
                exact: true,
            })
        }
        HirKind::Capture(c) => literals(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => {
            let inner = literals(&r.sub)?;
            Some(Literals { exact: inner.exact && r.min == 1 && r.max == Some(1), set: inner.set })
        }
        HirKind::Alternation(alts) => {
            let mut set = Vec::new();
            let mut exact = true;
            for a in alts {
                let l = literals(a)?;
                exact &= l.exact;
                set.extend(l.set);
                if set.len() > MAX_NEEDLES {
                    return None;
                }
            }
            set.sort();
            set.dedup();
            Some(Literals { set, exact })
        }
        HirKind::Concat(parts) => {
            // Runs of adjacent exact parts combine (`分别` + `[是为]` → `分别是`, `分别为`); the
            // best run or inexact part is what every match must contain.
            let mut best: Option<Literals> = None;
            let mut run: Option<Literals> = None;
            let mut exact = true;
            let keep = |l: Literals, best: &mut Option<Literals>| {
                if best.as_ref().is_none_or(|b| better(&l, b)) {
                    *best = Some(l);
                }
            };
            for p in parts {
                match literals(p) {
                    Some(l) if l.exact => {
                        run = Some(match run.take() {
                            None => l,
                            Some(r) => match product(&r, &l) {
                                Some(x) => x,
                                None => {
                                    exact = false;
                                    keep(r, &mut best);
                                    l
                                }
                            },
                        });
                    }
                    other => {
                        exact = false;
                        if let Some(r) = run.take() {
                            keep(r, &mut best);
                        }
                        if let Some(l) = other {
                            keep(l, &mut best);
                        }
                    }
                }
            }
            if let Some(r) = run {
                keep(r, &mut best);
            }
            best.map(|b| Literals { exact: exact && b.exact, set: b.set })
        }
        _ => None,
    }
}

/// Every `a` followed by every `b`, if not too many.
fn product(a: &Literals, b: &Literals) -> Option<Literals> {
    if a.set.len() * b.set.len() > MAX_NEEDLES {
        return None;
    }
    let set = a.set.iter().flat_map(|x| b.set.iter().map(move |y| [x.as_slice(), y.as_slice()].concat())).collect();
    Some(Literals { set, exact: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(p: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(p).unwrap();
        required(&hir).map(|l| l.set.into_iter().map(|b| String::from_utf8(b).unwrap()).collect())
    }

    #[test]
    fn needles_from_the_syntax_tree() {
        assert_eq!(needles("分别(?:是|为)"), Some(vec!["分别为".into(), "分别是".into()]));
        assert_eq!(needles(r"[0-9]+件[^。]*?分别(?:是|为)"), Some(vec!["分别为".into(), "分别是".into()]));
        assert_eq!(needles("返回(首页|顶部)|字号"), Some(vec!["字号".into(), "返回顶部".into(), "返回首页".into()]));
        // One alternative without a literal: nothing every match must contain.
        assert_eq!(needles(r"返回|\d+"), None);
        // Optional parts are not required.
        assert_eq!(needles("(?:办理)?[0-9]+件"), Some(vec!["件".into()]));
        assert_eq!(needles(r"[0-9]+%"), None);
    }

    fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end_matches('\n');
            if !t.is_empty() {
                out.push(Span::new(start, start + t.len()));
            }
            start += line.len();
        }
        out
    }

    /// The matches of `regex` searched in every unit: what a searcher must find.
    fn every_unit(regex: &Regex, text: &str, units: &[Span]) -> Vec<(usize, Span)> {
        units
            .iter()
            .enumerate()
            .flat_map(|(i, u)| {
                regex
                    .find_iter(&text[u.start..u.end])
                    .map(move |m| (i, Span::new(u.start + m.start(), u.start + m.end())))
            })
            .collect()
    }

    /// Whatever the strategy, the matches are those of searching every unit.
    #[test]
    fn skipping_finds_what_searching_every_unit_finds() {
        let text = "共受理12件,分别是甲\n\n无关的一行\n办结3件\n分别是\n其中5件分别为乙;6件\n^字号:大\n办结率100,满意率98%\n%率";
        let units = spans(text);
        for p in [
            r"[0-9]+件[^。\n]*?分别(?:是|为)",
            r"[0-9]+件",
            r"^字号",
            r"分别",
            r"件$",
            r"(?m)^.",
            "无关",
            r"(?:率|占比)[0-9]+%",
            r"率[0-9]+%$",
        ] {
            let regex = Regex::new(p).unwrap();
            let s = Searcher::new(regex.clone(), p);
            let every = every_unit(&regex, text, &units);
            let found: Vec<(usize, Span)> = s.find_iter(text, &units).collect();
            if p.contains('%') {
                assert_eq!(s.also.len(), 1, "{p}: % is also required");
            }
            assert_eq!(found, every, "{p}");
            assert_eq!(s.is_match(text, &units), !every.is_empty(), "{p}");
        }
    }

    /// An empty unit (a heading with no words) is searched too, by a regex that matches
    /// nothing.
    #[test]
    fn empty_units_are_searched() {
        let text = "一、\n二、计划";
        let units = [Span::new(3, 3), Span::new(10, 16)];
        for p in [r".*", r"(?:计划)?", r"^$"] {
            let s = Searcher::new(Regex::new(p).unwrap(), p);
            assert_eq!(s.candidates(text, &units).next(), Some(0), "{p}");
            assert!(s.is_match(text, &units[..1]), "{p}");
        }
    }

    /// A list searched alternative by alternative finds what the joined regex finds.
    #[test]
    fn lists_find_what_the_joined_regex_finds() {
        let text = "返回首页>当前位置:首页>\n大 中 小\n重大项目字号:小\n打印本页首页 关闭窗口\n中小企业大力发展";
        let units = spans(text);
        let lists: [&[&str]; 4] = [
            &[r"返回(首页|顶部)", r"首页\s*>", r"当前位置\s*:"],
            &[r"首页\s*>", r"返回首页>当"],
            &[r"^\s*大\s+中\s+小\s*$", r"字号\s*:", "【?打印(本页|此页)】?", "【?关闭(窗口|本页)】?"],
            &["首页", "首页 关闭", "页"],
        ];
        for list in lists {
            let alts: Vec<Regex> = list.iter().map(|s| Regex::new(s).unwrap()).collect();
            let joined = list.iter().map(|a| format!("(?:{a})")).collect::<Vec<_>>().join("|");
            let regex = Regex::new(&joined).unwrap();
            let s = Searcher::list(regex.clone(), alts);
            assert!(s.parts.is_some(), "{joined}");
            let every = every_unit(&regex, text, &units);
            assert!(!every.is_empty());
            assert_eq!(s.find_iter(text, &units).collect::<Vec<_>>(), every, "{joined}");
            assert!(s.is_match(text, &units));
        }
    }
}
