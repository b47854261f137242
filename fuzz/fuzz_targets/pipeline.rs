//! Any bytes, decoded as a report file would be, checked with the built-in pack and rendered
//! in every format: no panic, no hang.
#![no_main]

use std::sync::LazyLock;

use fzlint::engine::{check_text, FileOutcome};
use fzlint::render::{self, human::HumanOptions, Format};
use fzlint::rules::{load_pack, PackOptions, PackSource, RulePack};
use libfuzzer_sys::fuzz_target;

static PACK: LazyLock<RulePack> = LazyLock::new(|| {
    load_pack(&[PackSource::Embedded(fzlint::builtin::PACK)], &PackOptions::default()).expect("built-in pack")
});

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = fzlint::source::decode(data) else { return };
    let found = check_text("fuzz.txt", &text, &PACK);
    for l in &found {
        assert!(l.finding.span.start <= l.finding.span.end && l.finding.span.end <= text.len());
        assert!(text.is_char_boundary(l.finding.span.start) && text.is_char_boundary(l.finding.span.end));
    }
    let outcomes = vec![FileOutcome { path: "fuzz.txt".into(), result: Ok(found), relations: Default::default(), facts: Default::default() }];
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Summary] {
        let out = render::render(format, &outcomes, &PACK, &HumanOptions::default());
        if format != Format::Json && format != Format::Sarif {
            assert!(!out.contains('\u{1b}'), "escape sequence reached {format:?} output");
        }
    }
});
