//! Rule files as written in YAML: the serde types that mirror them, and loading them from text
//! with locations. Compiling these into runnable rules is `rules::compile`.
//!
//! One flat rule type carries the fields of every kind; which fields a kind accepts is checked
//! when compiling, so that a wrong field is reported at its own line and column.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::finding::Severity;

/// A rule file: `rules:` followed by a list of rules, optionally after `applies_to:`. 规则文件。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The documents the rules of this file apply to; every document when absent.
    /// 本文件规则适用的文件;不写则适用于所有文件。
    pub applies_to: Option<AppliesTo>,
    /// The rules of this file. 本文件中的规则。
    pub rules: Vec<RuleSpec>,
}

/// A kind of document, known by words its title or opening names. A document whose title and
/// opening name none of them is not checked by the file's rules; it gets one info finding
/// instead. Files naming the same kind share it: their patterns are joined.
/// 文件类别:标题或开头出现这些写法之一的文件才按本文件的规则检查。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// What such a document is called, e.g. `法治政府建设年度报告`. 文件类别的名称。
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Patterns, any of which the title or the opening (the first 300 characters) names.
    /// 标题或开头(前300字)应当出现的写法,出现其一即可。
    #[schemars(with = "Vec<String>")]
    pub opening: Spanned<Vec<Spanned<String>>>,
}

/// The kinds of rule fzlint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProsePosition {
    First,
    /// Problems and plans close a report: the last mention is the one that counts.
    #[default]
    Last,
}

/// What a `count` rule counts after the announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Items {
    /// `一是……二是……`, up to the next heading.
    Enumeration,
    /// Titles in `《》`, up to the end of the sentence.
    Titles,
    /// Items joined by `、` (or quoted) right before the count: `立法、执法、司法、守法四个环节`.
    Listed,
    /// Items joined by `、` after `分别是`: `10个,分别是北京、上海……`.
    Named,
}

/// What a `year` rule expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// The plans speak of the year after the report year.
    NextYear,
    /// No year in the body is later than the publication date.
    NotAfterPublication,
}

/// How a `ratio` rule finds the figures of a stated rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RatioMode {
    /// A count named like the rate (`办结N件` for `办结率`), over a base before it.
    Stem,
    /// The count just before the share (`160件,占18.4%`), over the whole it is a part of.
    Share,
    /// A change (`增长X%`) over the figures of two periods in its sentence.
    Growth,
}

/// Example texts a rule must stay silent on (`valid`) and must fire on (`invalid`).
/// 规则自带的样例:`valid` 不应报错,`invalid` 应当报错。
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts on which the rule must find nothing. 规则不应报错的文本。
    #[serde(default)]
    pub valid: Vec<String>,
    /// Texts on which the rule must find something. 规则应当报错的文本。
    #[serde(default)]
    pub invalid: Vec<InvalidExample>,
}

/// An invalid example: the text alone, or the text and the words the finding must point at.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum InvalidExample {
    Text(String),
    Pointed {
        /// The example text. 样例文本。
        text: String,
        /// The words a finding must underline. 报错应当指向的文字。
        flag: String,
    },
}

impl InvalidExample {
    pub fn text(&self) -> &str {
        match self {
            InvalidExample::Text(t) | InvalidExample::Pointed { text: t, .. } => t,
        }
    }
    pub fn flag(&self) -> Option<&str> {
        match self {
            InvalidExample::Text(_) => None,
            InvalidExample::Pointed { flag, .. } => Some(flag),
        }
    }
}

/// One rule. 一条规则。Fields after `examples` belong to particular kinds (see docs/RULES.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id: ASCII letters, digits, `-`, `_`. 规则编号,唯一。
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What the rule checks. 规则种类。
    #[schemars(with = "Kind")]
    pub kind: Spanned<Kind>,
    /// error | warning | info | off. 严重程度;off 表示停用。
    #[schemars(with = "Level")]
    pub severity: Spanned<Level>,
    /// What a reviewer would say, in Chinese. 报错时显示的话。
    #[schemars(with = "String")]
    pub message: Spanned<String>,
    /// A short name for tables and the HTML page, in Chinese, e.g. `办结数不多于受理数` (at most
    /// 24 characters, one line). 规则的简短名称,用于汇总表、网页报告、CSV 和 SARIF。
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// How to fix it. 如何修改。
    pub help: Option<String>,
    /// The article or standard the rule rests on. 依据(条款、标准)。
    pub url: Option<String>,
    /// What the underline at the flagged words says (each kind has its own default). 下划线处的说明。
    pub label: Option<String>,
    /// Texts the rule must pass and fail; run by `fzlint rules test`. 样例。
    pub examples: Option<Examples>,

    /// section: patterns for the heading that names the section. 章节标题的写法。
    #[schemars(with = "Option<Vec<String>>")]
    pub headings: Option<Spanned<Vec<Spanned<String>>>>,
    /// section: patterns that show the section exists only in prose. 只在正文中提及的写法。
    #[schemars(with = "Option<Vec<String>>")]
    pub prose: Option<Spanned<Vec<Spanned<String>>>>,
    /// section: severity of the weaker "only in prose" finding (default: off). 只在正文中提及时的严重程度。
    #[schemars(with = "Option<Level>")]
    pub prose_severity: Option<Spanned<Level>>,
    /// section: message of the weaker finding. 只在正文中提及时的说法。
    #[schemars(with = "Option<String>")]
    pub prose_message: Option<Spanned<String>>,
    /// section: which prose mention counts, `first` or `last` (default). 取第一处还是最后一处。
    #[schemars(with = "Option<ProsePosition>")]
    pub prose_position: Option<Spanned<ProsePosition>>,
    /// section: heading level 1 (一、) to 4 ((1)); any level when absent. 标题层级。
    #[schemars(with = "Option<u8>")]
    pub level: Option<Spanned<u8>>,
    /// section: id of a section rule this section must come after. 应排在哪个部分之后。
    #[schemars(with = "Option<String>")]
    pub after: Option<Spanned<String>>,

    /// pattern: words that must not appear. 不应出现的写法。
    #[schemars(with = "Option<Vec<String>>")]
    pub forbid: Option<Spanned<Vec<Spanned<String>>>>,
    /// pattern: words that must appear. 必须出现的写法。
    #[schemars(with = "Option<Vec<String>>")]
    pub require: Option<Spanned<Vec<Spanned<String>>>>,
    /// Where to look: document, title, section, outside_section, paragraph, sentence, clause. 检查范围。
    #[schemars(with = "Option<Scope>")]
    pub scope: Option<Spanned<Scope>>,
    /// pattern, year: the heading of the named section. 所指章节的标题写法。
    #[schemars(with = "Option<String>")]
    pub section: Option<Spanned<String>>,
    /// pattern, year: how the section reads in prose when it has no heading. 无标题时的正文写法。
    #[schemars(with = "Option<String>")]
    pub section_prose: Option<Spanned<String>>,

    /// date: MM-DD in the year after the report year (default 04-01). 公开截止日期。
    #[schemars(with = "Option<String>")]
    pub deadline: Option<Spanned<String>>,
    /// date: check that a date exists instead of the deadline. 只检查是否有日期。
    #[schemars(with = "Option<bool>")]
    pub require_date: Option<Spanned<bool>>,

    /// compare, assert: names for numbers, each a pattern with `{n}`. 指标:名称和带 {n} 的写法。
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub metrics: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    /// compare: `A <= B`; assert: an expression over metrics. 比较式或表达式。
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// ratio, bound: the stated rate, with `{n}`. 比率的写法。
    #[schemars(with = "Option<String>")]
    pub rate: Option<Spanned<String>>,
    /// ratio: the numerator, with `{n}`. 分子。
    #[schemars(with = "Option<String>")]
    pub numerator: Option<Spanned<String>>,
    /// ratio: the denominator, with `{n}`. 分母。
    #[schemars(with = "Option<String>")]
    pub denominator: Option<Spanned<String>>,
    /// sum: the words that open the list of parts, e.g. `其中`. 引出分项的词。
    #[schemars(with = "Option<String>")]
    pub parts: Option<Spanned<String>>,
    /// sum: the parts must add up to exactly the total. 分项之和必须等于总数。
    #[schemars(with = "Option<bool>")]
    pub exact: Option<Spanned<bool>>,
    /// bound: the largest value allowed (default 100). 上限。
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    /// ratio, bound: words before the rate that exempt it. 出现这些词时不检查。
    #[schemars(with = "Option<String>")]
    pub exempt: Option<Spanned<String>>,
    /// count: the words that announce a count, with `{n}`. 宣布数目的写法。
    #[schemars(with = "Option<String>")]
    pub announce: Option<Spanned<String>>,
    /// count: what is counted, `enumeration` (一是……) or `titles` (《…》). 数什么。
    #[schemars(with = "Option<Items>")]
    pub items: Option<Spanned<Items>>,
    /// year: `next_year` or `not_after_publication`. 对年份的要求。
    #[schemars(with = "Option<Expect>")]
    pub expect: Option<Spanned<Expect>>,

    /// ratio without numerator and denominator: how its figures are found — `growth`, the two periods of a change; `stem`, a count
    /// named like the rate (`办结N件` for `办结率`), or `share`, the count just before it over a
    /// whole. 比率的分子怎样找:stem 按比率的名称找同名的数,share 取紧挨在前面的分项。
    #[schemars(with = "Option<RatioMode>")]
    pub mode: Option<Spanned<RatioMode>>,
    /// compare (with pairs), sum, ratio: unit families, each a name and the units that count
    /// the same things (件, 起, 宗 are all cases). 计量单位的类别:同类单位的数字才能相加、相除。
    #[schemars(with = "Option<BTreeMap<String, Vec<String>>>")]
    pub families: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    /// ratio: words in front of a number that make it a base or a total
    /// (受理|收到|共|总计 …). 表示总数、基数的词。
    #[schemars(with = "Option<String>")]
    pub bases: Option<Spanned<String>>,
    /// compare: pairs of words, the first counting what came in, the second what was closed
    /// (`[受理|收案, 办结|审结]`): the second number never exceeds the first. 成对的词:后者不多于前者。
    #[schemars(with = "Option<Vec<Vec<String>>>")]
    pub pairs: Option<Spanned<Vec<Spanned<Vec<String>>>>>,
    /// compare (with pairs): words that bring cases from another period (旧存|上年结转), so more may be closed
    /// than came in. 结转、旧存等词:出现时不比较。
    #[schemars(with = "Option<String>")]
    pub carry: Option<Spanned<String>>,
    /// sum: words of a count that is an outcome of the count before it in its sentence
    /// (维持|撤销|驳回|办结 …): it never exceeds that count, even without `其中`.
    /// 表示处理结果的词:这样的数字不超过它前面的总数。
    #[schemars(with = "Option<String>")]
    pub outcomes: Option<Spanned<String>>,
    /// sum: words after a list that give its exact total (合计|共计). 列举之后给出合计的词。
    #[schemars(with = "Option<String>")]
    pub totals: Option<Spanned<String>>,
    /// heading: report level skips (`一、` followed by `1.`) instead of gaps and repeats. 检查标题越级,而不是跳号、重号。
    #[schemars(with = "Option<bool>")]
    pub level_skips: Option<Spanned<bool>>,
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
            expect,
            mode,
            families,
            bases,
            pairs,
            carry,
            totals,
            outcomes,
            level_skips
        );
        out
    }
}

/// Fields each kind accepts besides the common ones.
pub fn fields_of(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Title => &[],
        Kind::Section => &["headings", "prose", "prose_severity", "prose_message", "level", "after"],
        Kind::Heading => &["level_skips"],
        Kind::Enumeration => &[],
        Kind::Pattern => &["forbid", "require", "scope", "section", "section_prose"],
        Kind::Date => &["deadline", "require_date"],
        Kind::Compare => &["metrics", "check", "scope", "families", "pairs", "carry"],
        Kind::Sum => &["parts", "exact", "families", "totals", "outcomes"],
        Kind::Ratio => {
            &["metrics", "rate", "numerator", "denominator", "scope", "exempt", "families", "bases", "parts", "mode"]
        }
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

/// The JSON schema of rule files, as committed in `rules/schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(RuleFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
