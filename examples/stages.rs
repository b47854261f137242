//! Where the time goes, stage by stage, on one thread:
//! `cargo run --release --example stages -- DIR_OR_FILES…`
//!
//! Prints the time spent reading and decoding, building the report model, running each rule
//! kind (and the twelve slowest rules), and locating and rendering findings as JSON (the time of
//! a whole check less the model and rules measured before it). A measurement, not a test.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fzlint::engine::{FileOutcome, Located};
use fzlint::report::Report;
use fzlint::rules::{load_pack, PackSource};
use fzlint::source::{collect_inputs, has_extension, read, EXTENSIONS};

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let (inputs, _) = collect_inputs(&paths, &|p| has_extension(p, EXTENSIONS));
    let pack = load_pack(&[PackSource::Embedded(fzlint::builtin::PACK)], &Default::default()).expect("pack");
    let mut t_read = Duration::ZERO;
    let mut t_model = Duration::ZERO;
    let mut t_kind: BTreeMap<&str, Duration> = BTreeMap::new();
    let mut t_rule: BTreeMap<&str, Duration> = BTreeMap::new();
    let mut t_out = Duration::ZERO;
    let mut bytes = 0usize;
    let mut findings = 0usize;
    for input in &inputs {
        let t = Instant::now();
        let Ok(src) = read(input) else { continue };
        t_read += t.elapsed();
        bytes += src.text.len();
        let t = Instant::now();
        let report = Report::build(&src.path, &src.text);
        let t_model_this = t.elapsed();
        t_model += t_model_this;
        let mut out = Vec::new();
        let mut t_rules_this = Duration::ZERO;
        for rule in &pack.rules {
            let t = Instant::now();
            rule.run(&report, &mut out);
            let d = t.elapsed();
            t_rules_this += d;
            *t_kind.entry(rule.meta.kind.as_str()).or_default() += d;
            *t_rule.entry(rule.meta.id.as_str()).or_default() += d;
        }
        findings += out.len();
        // Positions, excerpts and JSON: the whole check minus the model and the rules timed above.
        let t = Instant::now();
        let located: Vec<Located> = fzlint::engine::check_text(&src.path, &src.text, &pack);
        let outcome = vec![FileOutcome {
            path: src.path.clone(),
            result: Ok(located),
            relations: Default::default(),
            facts: Default::default(),
        }];
        let _ = fzlint::render::json::render(&outcome, &fzlint::engine::Summary::of(&outcome));
        t_out += t.elapsed().saturating_sub(t_model_this + t_rules_this);
    }
    let rules: Duration = t_kind.values().sum();
    let total = t_read + t_model + rules + t_out;
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!("{} files, {:.1} MB, {findings} findings, one thread", inputs.len(), bytes as f64 / 1e6);
    println!("{:<22}{:>10.3} s {:>6.1}%", "read + decode", t_read.as_secs_f64(), pct(t_read));
    println!("{:<22}{:>10.3} s {:>6.1}%", "report model", t_model.as_secs_f64(), pct(t_model));
    for (k, d) in &t_kind {
        println!("  rules: {:<14}{:>10.3} s {:>6.1}%", k, d.as_secs_f64(), pct(*d));
    }
    let mut slowest: Vec<_> = t_rule.iter().collect();
    slowest.sort_by(|a, b| b.1.cmp(a.1));
    for (id, d) in slowest.iter().take(12) {
        println!("  slowest rule: {:<30}{:>8.3} s", id, d.as_secs_f64());
    }
    println!("{:<22}{:>10.3} s {:>6.1}%", "all rules", rules.as_secs_f64(), pct(rules));
    println!("{:<22}{:>10.3} s {:>6.1}%", "locate + JSON", t_out.as_secs_f64(), pct(t_out));
}
