//! The unit-skipping searcher against the plain regex: the first line of the input is a
//! pattern (alternatives split by `\u{1}` make a list), the rest is text cut into lines as
//! units. Both must find the same matches.
#![no_main]

use fzlint::report::Span;
use fzlint::rules::search::Searcher;
use libfuzzer_sys::fuzz_target;
use regex::{Regex, RegexBuilder};

fn compile(p: &str) -> Option<Regex> {
    RegexBuilder::new(p).size_limit(1 << 20).build().ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let Some((pattern, text)) = input.split_once('\n') else { return };
    let mut units = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        units.push(Span::new(start, start + line.len()));
        start += line.len() + 1;
    }
    let alternatives: Vec<&str> = pattern.split('\u{1}').collect();
    let joined = alternatives.iter().map(|a| format!("(?:{a})")).collect::<Vec<_>>().join("|");
    let Some(regex) = compile(&joined) else { return };
    let searcher = if alternatives.len() > 1 {
        let Some(alts) = alternatives.iter().map(|a| compile(a)).collect::<Option<Vec<_>>>() else { return };
        Searcher::list(regex.clone(), alts)
    } else {
        Searcher::new(regex.clone(), &joined)
    };
    let plain: Vec<(usize, Span)> = units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| {
            regex
                .find_iter(&text[u.start..u.end])
                .map(move |m| (i, Span::new(u.start + m.start(), u.start + m.end())))
                .collect::<Vec<_>>()
        })
        .collect();
    let skipped: Vec<(usize, Span)> = searcher.find_iter(text, &units).collect();
    assert_eq!(plain, skipped, "pattern {joined:?}");
    assert_eq!(searcher.is_match(text, &units), !plain.is_empty());
});
