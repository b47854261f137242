//! Searching a report with a rule's regex, one unit (paragraph, sentence, clause …) at a time,
//! without running the regex over units that cannot match.
//!
//! A match never crosses a unit: a pattern written for a sentence is matched within a
//! sentence, and a pattern searched "in the whole report" is matched within one paragraph, as
//! grep matches within a line. Which units to search is decided cheaply:
//!
//! - **needles**: literals of which every match must contain one (`分别是`/`分别为` in
//!   `{n}件……分别是`, the thirteen words of the web-leftover list), read from the regex's syntax
//!   tree. One pass of a literal searcher (`memmem` for one, Aho-Corasick/Teddy for several)
//!   over the text finds the few units that hold one; the regex runs only on those.
//! - otherwise, for a regex without anchors or word boundaries, one search over the whole text
//!   finds the next unit where a match starts (the regex's own literal prefilter does the work);
//! - otherwise every unit is searched.
//!
//! All three give the same matches: only units that cannot match are skipped.

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
            return Some(Needles::One(
                memmem::FinderBuilder::new().build_forward_with_ranker(ChineseText, one).into_owned(),
            ));
        }
        let mut config = aho_corasick::packed::Config::new();
        config.match_kind(aho_corasick::packed::MatchKind::LeftmostFirst);
        config.builder().extend(set).build().map(Needles::Many)
    }

    /// Start of the leftmost needle at or after `from`.
    fn find(&self, text: &str, from: usize) -> Option<usize> {
        match self {
            Needles::One(f) => f.find(&text.as_bytes()[from..]).map(|i| from + i),
            Needles::Many(p) => p.find_in(text, aho_corasick::Span::from(from..text.len())).map(|m| m.start()),
        }
    }
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
        let needles = hir.as_ref().and_then(required).and_then(|lits| Needles::new(&lits.set)).map(Box::new);
        Searcher { regex, needles, look_free }
    }

    /// Indexes of the units (sorted, disjoint spans of `text`) that may hold a match, in order.
    pub fn candidates<'a, U: Unit>(&'a self, text: &'a str, units: &'a [U]) -> Candidates<'a, U> {
        Candidates { searcher: self, text, units, pos: units.first().map_or(0, |u| u.span().start), next: 0 }
    }

    /// Every match, each within one unit: `(unit index, span)`, in order.
    pub fn find_iter<'a, U: Unit>(&'a self, text: &'a str, units: &'a [U]) -> impl Iterator<Item = (usize, Span)> + 'a {
        self.candidates(text, units).flat_map(move |i| {
            let u = units[i].span();
            self.regex
                .find_iter(&text[u.start..u.end])
                .map(move |m| (i, Span::new(u.start + m.start(), u.start + m.end())))
        })
    }

    /// The first match in any unit.
    pub fn find<U: Unit>(&self, text: &str, units: &[U]) -> Option<Span> {
        self.find_iter(text, units).next().map(|(_, s)| s)
    }

    /// Whether any unit holds a match.
    pub fn is_match<U: Unit>(&self, text: &str, units: &[U]) -> bool {
        self.candidates(text, units).any(|i| {
            let u = units[i].span();
            self.regex.is_match(&text[u.start..u.end])
        })
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
            if self.pos >= last_end {
                return None;
            }
            // Where the next needle, or match, starts; no unit before it can match.
            let at = match &s.needles {
                Some(n) => n.find(&self.text[..last_end], self.pos)?,
                None => s.regex.find_at(&self.text[..last_end], self.pos)?.start(),
            };
            let i = self.next + units[self.next..].partition_point(|u| u.span().end <= at);
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
            self.pos = units[i].span().end;
            return Some(i);
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

    /// Whatever the strategy, the matches are those of searching every unit.
    #[test]
    fn skipping_finds_what_searching_every_unit_finds() {
        let text = "共受理12件,分别是甲\n\n无关的一行\n办结3件\n分别是\n其中5件分别为乙;6件\n^字号:大";
        let units = spans(text);
        for p in [r"[0-9]+件[^。\n]*?分别(?:是|为)", r"[0-9]+件", r"^字号", r"分别", r"件$", r"(?m)^.", "无关"]
        {
            let regex = Regex::new(p).unwrap();
            let s = Searcher::new(regex.clone(), p);
            let every: Vec<(usize, Span)> = units
                .iter()
                .enumerate()
                .flat_map(|(i, u)| {
                    regex
                        .find_iter(&text[u.start..u.end])
                        .map(move |m| (i, Span::new(u.start + m.start(), u.start + m.end())))
                })
                .collect();
            let found: Vec<(usize, Span)> = s.find_iter(text, &units).collect();
            assert_eq!(found, every, "{p}");
            assert_eq!(s.is_match(text, &units), !every.is_empty(), "{p}");
        }
    }
}
