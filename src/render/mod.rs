//! Renderers: each turns the engine's outcomes into bytes for one audience. They read the same
//! plain data and write into a buffer; only the binary prints.

pub mod human;
pub mod json;

use crate::engine::FileOutcome;
use crate::engine::Summary;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Render all outcomes in `format`.
pub fn render(format: Format, outcomes: &[FileOutcome], options: &human::HumanOptions) -> String {
    let summary = Summary::of(outcomes);
    match format {
        Format::Human => human::render(outcomes, &summary, options),
        Format::Json => json::render(outcomes, &summary),
    }
}
