//! Which documents a rule file applies to (`applies_to:` in the file): a kind of document,
//! known by words its title or opening names. A document not of a file's kind is not checked
//! by that file's rules, so a folder mixing report types gets each checked by the pack for its
//! kind; a document of none of the kinds gets one info finding saying so, instead of a cascade
//! of "missing section" errors. Rules of files without `applies_to:` apply to every document.

use regex::Regex;
use serde_saphyr::Spanned;

use crate::config::AppliesTo;
use crate::finding::{Finding, Severity};
use crate::report::Report;

use super::{compile_regex, RuleError, RuleSource};

/// Rule id of the finding given to a document that is not of a kind some rules apply to.
pub const UNRECOGNISED: &str = "unrecognised-document";

/// How far into a document its opening is looked for the words of its kind, in characters.
pub const OPENING_CHARS: usize = 300;

/// A kind of document, from the `applies_to:` of one or more rule files.
#[derive(Debug)]
pub struct DocumentKind {
    pub name: String,
    /// Any of these in the title or the opening makes a document of this kind.
    pub opening: Vec<Regex>,
    /// The rule files that declare it.
    pub origins: Vec<String>,
}

impl DocumentKind {
    pub fn compile(src: &RuleSource, spec: &AppliesTo) -> Result<DocumentKind, RuleError> {
        let name = spec.name.value.trim();
        if name.is_empty() {
            return Err(src.error(spec.name.referenced, "`applies_to.name` is empty", "name"));
        }
        if spec.opening.value.is_empty() {
            return Err(src.error(
                spec.opening.referenced,
                "`applies_to.opening` is empty: give at least one pattern",
                "empty list",
            ));
        }
        let opening =
            spec.opening.value.iter().map(|p: &Spanned<String>| compile_regex(src, p)).collect::<Result<_, _>>()?;
        Ok(DocumentKind { name: name.to_string(), opening, origins: vec![src.path.clone()] })
    }

    /// Another file's declaration of the same kind: its patterns join these.
    pub fn merge(&mut self, other: DocumentKind) {
        for r in other.opening {
            if !self.opening.iter().any(|o| o.as_str() == r.as_str()) {
                self.opening.push(r);
            }
        }
        self.origins.extend(other.origins);
    }

    /// Whether the report names this kind: its title does, or, when no line of its opening names
    /// a document, its first [`OPENING_CHARS`] characters do. A text titled as another document
    /// (`××县政府信息公开工作年度报告`) is not of this kind for mentioning its words.
    pub fn recognises(&self, report: &Report) -> bool {
        let named = report.title.as_ref().map(|t| t.span).or_else(|| report.named_document());
        let words = report.slice(named.unwrap_or_else(|| report.opening(OPENING_CHARS)));
        self.opening.iter().any(|r| r.is_match(words))
    }
}

/// The one finding for a report of none of the kinds some rules apply to; `skipped` are the ids
/// of the rules not run on it.
pub fn unrecognised(report: &Report, kinds: &[&DocumentKind], skipped: &[&str]) -> Finding {
    let name = kinds.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join("或");
    Finding {
        rule: UNRECOGNISED.to_string(),
        kind: "document",
        severity: Severity::Info,
        message: format!("未识别为{name}:只检查了网页残留、编号、数字等适用于所有文件的规则"),
        help: Some(format!(
            "标题(没有标题时开头的{OPENING_CHARS}字)没有表明这是{name},以下规则没有检查:{}。\
             如果它是{name},请在开头加上写明报告名称的标题。",
            skipped.join("、")
        )),
        url: None,
        span: report.anchor(),
        label: format!("开头没有表明这是{name}"),
        related: Vec::new(),
    }
}
