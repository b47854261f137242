//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fzlint::engine::{self, Located};
use fzlint::rules::{self, PackOptions, PackSource, RulePack};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The five seed reports: (file name, text), in name order.
pub fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "five seeds expected");
    out
}

pub fn seed(prefix: &str) -> (String, String) {
    seeds().into_iter().find(|(n, _)| n.starts_with(prefix)).unwrap()
}

pub fn builtin() -> RulePack {
    rules::load_pack(&[PackSource::Embedded(fzlint::builtin::PACK)], &PackOptions::default())
        .unwrap_or_else(|e| panic!("built-in pack does not load: {e:?}"))
}

pub fn check(name: &str, text: &str) -> Vec<Located> {
    engine::check_text(name, text, &builtin())
}

pub fn rule_ids(found: &[Located]) -> Vec<&str> {
    found.iter().map(|l| l.finding.rule.as_str()).collect()
}

/// The text a finding points at.
pub fn flagged<'a>(text: &'a str, l: &Located) -> &'a str {
    &text[l.finding.span.start..l.finding.span.end]
}

pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fzlint"))
}

/// Replace exactly one occurrence of `from` with `to`.
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur exactly once");
    text.replacen(from, to, 1)
}
