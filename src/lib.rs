//! fzlint: a linter for 法治政府建设年度报告 (annual reports on rule-of-law government).
//!
//! The pipeline, one module per stage: [`source`] reads and decodes files → [`report`] builds
//! the report model, [`relation`] what its numbers count → [`config`] reads rule files → [`rules`] compiles them → [`engine`] runs
//! every rule on every report in parallel → [`finding`]s, plain data → [`render`] prints them.
#![deny(clippy::print_stdout, clippy::print_stderr)]
// Rule errors carry their YAML source for miette; they occur once, at load time, so their size
// costs nothing where it matters.
#![allow(clippy::result_large_err)]

pub mod baseline;
pub mod builtin;
pub mod config;
pub mod engine;
pub mod finding;
pub mod lang;
pub mod numerals;
pub mod quantity;
pub mod relation;
pub mod render;
pub mod report;
pub mod rules;
pub mod settings;
pub mod source;
pub mod span;
pub mod text;
pub mod window;
