//! Renderers: each turns the engine's outcomes into bytes for one audience. They read the same
//! plain data and write into a buffer; only the binary prints.

pub mod csv;
pub mod escape;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod relations;
pub mod sarif;
pub mod summary;

use crate::engine::{FileOutcome, Summary};
use crate::rules::RulePack;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Summary,
    Csv,
    Html,
}

/// Render all outcomes in `format`. `pack` describes the rules (SARIF lists them all).
/// Write the output in `format` to `out` (JSON is written file by file, not built whole first).
pub fn write(
    out: &mut dyn std::io::Write,
    format: Format,
    outcomes: &[FileOutcome],
    pack: &RulePack,
    options: &human::HumanOptions,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(out, outcomes, &Summary::of(outcomes)),
        _ => out.write_all(render(format, outcomes, pack, options).as_bytes()),
    }
}

pub fn render(format: Format, outcomes: &[FileOutcome], pack: &RulePack, options: &human::HumanOptions) -> String {
    let summary = Summary::of(outcomes);
    match format {
        Format::Human => human::render(outcomes, &summary, options),
        Format::Json => json::render(outcomes, &summary),
        Format::Sarif => sarif::render(outcomes, pack),
        Format::Github => github::render(outcomes),
        Format::Summary => summary::render(outcomes, &summary, pack, options.lang),
        Format::Csv => csv::render(outcomes, pack),
        Format::Html => html::render(outcomes, pack),
    }
}
