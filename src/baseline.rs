//! Baselines: record today's findings (`--write-baseline FILE`) and later hide them
//! (`--baseline FILE`), so a CI gate fails only on new problems. An entry is keyed by path,
//! rule and a fingerprint of the flagged words and their neighbourhood on the line — not by line
//! number — so adding a line above does not bring old findings back.
//!
//! Paths are stored relative to the baseline file's folder ([`Anchor`]), so `r.txt`, `./r.txt`
//! and `/abs/path/r.txt` are one entry, and a baseline still applies when the run starts from
//! another folder.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::{FileOutcome, Located};

/// Characters of context on each side that go into a fingerprint.
const CONTEXT: usize = 12;

/// A stable fingerprint of a finding: its rule, the flagged words and up to `CONTEXT`
/// characters around them on the same line.
pub fn fingerprint(l: &Located) -> String {
    let e = &l.excerpt;
    let f = &l.finding;
    let lo = f.span.start.saturating_sub(e.offset).min(e.text.len());
    let hi = f.span.end.saturating_sub(e.offset).clamp(lo, e.text.len());
    let (lo, hi) = (crate::text::floor_boundary(&e.text, lo), crate::text::ceil_boundary(&e.text, hi));
    let before: String = e.text[..lo].chars().rev().take(CONTEXT).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = e.text[hi..].chars().take(CONTEXT).collect();
    let mut h = Sha256::new();
    for part in [f.rule.as_str(), &before, &e.text[lo..hi], &after] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The folder baseline paths are relative to, and the folder the run's paths are relative to.
#[derive(Debug, Clone)]
pub struct Anchor {
    folder: PathBuf,
    cwd: PathBuf,
}

impl Anchor {
    /// Paths relative to the folder of the baseline file `baseline` (which need not exist yet).
    pub fn of_file(baseline: &Path) -> Anchor {
        let cwd = std::env::current_dir().unwrap_or_default();
        let folder = match baseline.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Anchor { folder: resolve(&cwd, &folder), cwd }
    }

    /// Anchored at `folder`, with the run's relative paths taken from `cwd`.
    pub fn new(folder: &Path, cwd: &Path) -> Anchor {
        Anchor { folder: resolve(cwd, folder), cwd: cwd.to_path_buf() }
    }

    /// The key of a file as shown in a run (`FileOutcome::path`): relative to the anchor, with
    /// `/` separators; `-` (standard input) stays `-`.
    pub fn key(&self, shown: &str) -> String {
        if shown == "-" {
            return shown.to_string();
        }
        let file = resolve(&self.cwd, Path::new(shown));
        match pathdiff::diff_paths(&file, &self.folder) {
            Some(rel) => crate::source::display(&rel),
            None => crate::source::display(&file),
        }
    }
}

/// `path` made absolute against `cwd`, with links resolved when it exists and `.`/`..`
/// removed by hand when it does not.
fn resolve(cwd: &Path, path: &Path) -> PathBuf {
    let joined = cwd.join(path);
    if let Ok(real) = std::fs::canonicalize(&joined) {
        return real;
    }
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// How many identical findings (same words, same neighbourhood) the file had.
    pub count: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// The baseline of a run's findings, paths relative to `anchor`.
    pub fn of(outcomes: &[FileOutcome], anchor: &Anchor) -> Baseline {
        let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for o in outcomes {
            let Ok(found) = &o.result else { continue };
            let key = anchor.key(&o.path);
            for l in found {
                *counts.entry((key.clone(), l.finding.rule.clone(), fingerprint(l))).or_default() += 1;
            }
        }
        let entries = counts
            .into_iter()
            .map(|((path, rule, fingerprint), count)| Entry { path, rule, fingerprint, count })
            .collect();
        Baseline { version: 1, entries }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| format!("not a fzlint baseline: {e}"))?;
        if b.version != 1 {
            return Err(format!("baseline version {} is not supported (expected 1)", b.version));
        }
        Ok(b)
    }

    /// Remove the findings the baseline knows (paths taken relative to `anchor`); returns how
    /// many were hidden.
    pub fn apply(&self, outcomes: &mut [FileOutcome], anchor: &Anchor) -> usize {
        let mut left: BTreeMap<(String, String, String), usize> =
            self.entries.iter().map(|e| ((e.path.clone(), e.rule.clone(), e.fingerprint.clone()), e.count)).collect();
        let mut hidden = 0;
        for o in outcomes.iter_mut() {
            let path = anchor.key(&o.path);
            let Ok(found) = &mut o.result else { continue };
            found.retain(|l| {
                let fp = fingerprint(l);
                match left.get_mut(&(path.clone(), l.finding.rule.clone(), fp)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        hidden += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        hidden
    }
}
