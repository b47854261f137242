//! Rule files as written in YAML: the serde types that mirror them, and loading them from text
//! with locations. Compiling these into runnable rules is `rules::compile`.
//!
//! One flat rule type carries the fields of every kind; which fields a kind accepts is checked
//! when compiling, so that a wrong field is reported at its own line and column.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::finding::Severity;

/// A rule file: `rules:` followed by a list of rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub rules: Vec<RuleSpec>,
}

/// The kinds of rule fzlint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Title,
    Section,
    Heading,
    Enumeration,
    Pattern,
    Date,
    Compare,
    Sum,
    Ratio,
    Bound,
    Count,
    Year,
    Assert,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::Section => "section",
            Kind::Heading => "heading",
            Kind::Enumeration => "enumeration",
            Kind::Pattern => "pattern",
            Kind::Date => "date",
            Kind::Compare => "compare",
            Kind::Sum => "sum",
            Kind::Ratio => "ratio",
            Kind::Bound => "bound",
            Kind::Count => "count",
            Kind::Year => "year",
            Kind::Assert => "assert",
        }
    }
}

/// `severity:` in a rule: a finding severity, or `off` to disable the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// Where a `pattern` or numeric rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Document,
    Title,
    Section,
    OutsideSection,
    Paragraph,
    Sentence,
    Clause,
}

/// Which mention in prose counts when a section has no heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProsePosition {
    First,
    /// Problems and plans close a report: the last mention is the one that counts.
    #[default]
    Last,
}

/// What a `count` rule counts after the announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Items {
    /// `一是……二是……`, up to the next heading.
    Enumeration,
    /// Titles in `《》`, up to the end of the sentence.
    Titles,
}

/// What a `year` rule expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// The plans speak of the year after the report year.
    NextYear,
    /// No year in the body is later than the publication date.
    NotAfterPublication,
}

/// Example texts a rule must stay silent on (`valid`) and must fire on (`invalid`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub valid: Vec<String>,
    #[serde(default)]
    pub invalid: Vec<String>,
}

/// One rule as written. Fields after `examples` belong to particular kinds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<Kind>,
    pub severity: Spanned<Level>,
    pub message: Spanned<String>,
    pub help: Option<String>,
    pub url: Option<String>,
    /// What the underline at the flagged words says (each kind has its own default).
    pub label: Option<String>,
    pub examples: Option<Examples>,

    // section
    pub headings: Option<Spanned<Vec<Spanned<String>>>>,
    pub prose: Option<Spanned<Vec<Spanned<String>>>>,
    pub prose_severity: Option<Spanned<Level>>,
    pub prose_message: Option<Spanned<String>>,
    pub prose_position: Option<Spanned<ProsePosition>>,
    pub level: Option<Spanned<u8>>,
    pub after: Option<Spanned<String>>,

    // pattern
    pub forbid: Option<Spanned<Vec<Spanned<String>>>>,
    pub require: Option<Spanned<Vec<Spanned<String>>>>,
    pub scope: Option<Spanned<Scope>>,
    pub section: Option<Spanned<String>>,
    pub section_prose: Option<Spanned<String>>,

    // date
    pub deadline: Option<Spanned<String>>,
    pub require_date: Option<Spanned<bool>>,

    // numeric kinds
    pub metrics: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    pub check: Option<Spanned<String>>,
    pub rate: Option<Spanned<String>>,
    pub numerator: Option<Spanned<String>>,
    pub denominator: Option<Spanned<String>>,
    pub parts: Option<Spanned<String>>,
    pub exact: Option<Spanned<bool>>,
    pub max: Option<Spanned<f64>>,
    pub exempt: Option<Spanned<String>>,
    pub announce: Option<Spanned<String>>,
    pub items: Option<Spanned<Items>>,
    pub expect: Option<Spanned<Expect>>,
}

impl RuleSpec {
    /// The kind-specific fields that are set, with where they were written.
    pub fn set_fields(&self) -> Vec<(&'static str, Location)> {
        let mut out = Vec::new();
        macro_rules! field {
            ($($name:ident),*) => {$(
                if let Some(v) = &self.$name { out.push((stringify!($name), v.referenced)); }
            )*};
        }
        field!(
            headings,
            prose,
            prose_severity,
            prose_message,
            level,
            after,
            forbid,
            require,
            scope,
            section,
            section_prose,
            deadline,
            require_date,
            metrics,
            check,
            rate,
            numerator,
            denominator,
            parts,
            exact,
            max,
            exempt,
            announce,
            items,
            expect
        );
        out
    }
}

/// Fields each kind accepts besides the common ones.
pub fn fields_of(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Title => &[],
        Kind::Section => &[
            "headings",
            "prose",
            "prose_severity",
            "prose_message",
            "level",
            "after",
        ],
        Kind::Heading => &[],
        Kind::Enumeration => &[],
        Kind::Pattern => &["forbid", "require", "scope", "section", "section_prose"],
        Kind::Date => &["deadline", "require_date"],
        Kind::Compare => &["metrics", "check", "scope"],
        Kind::Sum => &["parts", "exact"],
        Kind::Ratio => &[
            "metrics",
            "rate",
            "numerator",
            "denominator",
            "scope",
            "exempt",
        ],
        Kind::Bound => &["rate", "max", "exempt", "scope"],
        Kind::Count => &["announce", "items"],
        Kind::Year => &["section", "section_prose", "expect"],
        Kind::Assert => &["metrics", "check", "scope"],
    }
}

/// Parse a rule file's text.
pub fn parse(yaml: &str) -> Result<RuleFile, serde_saphyr::Error> {
    serde_saphyr::from_str(yaml)
}
