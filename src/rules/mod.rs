//! Compiled rules: from the YAML types of [`crate::config`] to rules that run on a
//! [`Report`]. Each kind lives in its own module; this one loads rule files, checks the fields
//! each kind accepts, compiles patterns with their YAML locations, and links rules that refer
//! to one another.

pub mod applies;
mod date;
pub mod enumeration;
pub mod examples;
mod heading;
pub mod numeric;
pub mod pattern;
pub mod search;
pub mod section;
mod title;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use regex::Regex;
use serde_saphyr::{Location, Spanned};

use crate::config::{self, Examples, Kind, RuleSpec};
use crate::finding::{Finding, Severity};
use crate::report::{Report, Span};
use search::Searcher;

/// What every rule has, whatever its kind.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    /// A short name for tables (`办结数不多于受理数`).
    pub name: Option<String>,
    pub help: Option<String>,
    pub url: Option<String>,
    /// Replaces the kind's default label at the flagged words.
    pub label: Option<String>,
    pub examples: Examples,
    /// The rule file it came from, for messages.
    pub origin: String,
}

/// The longest rule `name`, in characters.
pub const MAX_NAME_CHARS: usize = 24;

impl RuleMeta {
    /// The rule's name, or its id when it has none.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

    /// A finding of this rule at `span`, with the rule's message and severity.
    pub fn finding(&self, span: Span, label: impl Into<String>) -> Finding {
        Finding {
            rule: self.id.clone(),
            kind: self.kind.as_str(),
            severity: self.severity,
            message: self.message.clone(),
            help: self.help.clone(),
            url: self.url.clone(),
            span,
            label: self.label.clone().unwrap_or_else(|| label.into()),
            related: Vec::new(),
        }
    }
}

/// The runnable part of a rule, one variant per kind.
#[derive(Debug)]
pub enum Check {
    Title(title::TitleRule),
    Section(section::SectionRule),
    Heading(heading::HeadingRule),
    Enumeration(enumeration::EnumerationRule),
    Pattern(pattern::PatternRule),
    Date(date::DateRule),
    Numeric(numeric::NumericRule),
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
    /// The kind of document the rule applies to (an index into [`RulePack::kinds`]), from its
    /// file's `applies_to:`; every document when `None`.
    pub applies_to: Option<usize>,
}

impl Rule {
    /// Run this rule on one report, appending its findings.
    pub fn run(&self, report: &Report, out: &mut Vec<Finding>) {
        let m = &self.meta;
        match &self.check {
            Check::Title(r) => r.check(report, m, out),
            Check::Section(r) => r.check(report, m, out),
            Check::Heading(r) => r.check(report, m, out),
            Check::Enumeration(r) => r.check(report, m, out),
            Check::Pattern(r) => r.check(report, m, out),
            Check::Date(r) => r.check(report, m, out),
            Check::Numeric(r) => r.check(report, m, out),
        }
    }
}

/// The set of rules a run applies, sorted by id.
#[derive(Debug, Default)]
pub struct RulePack {
    pub rules: Vec<Rule>,
    /// The kinds of document some rules apply to, by name.
    pub kinds: Vec<applies::DocumentKind>,
}

impl RulePack {
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }
}

/// An error in a rule file, pointing at its line and column.
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
pub enum RuleError {
    #[error("{path}: cannot read rule file: {message}")]
    #[diagnostic(code(fzlint::rules::io))]
    Io { path: String, message: String },

    #[error("{path}:{line}:{column}: {message}")]
    #[diagnostic(code(fzlint::rules::invalid))]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
        #[source_code]
        src: NamedSource<Arc<String>>,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        #[related]
        others: Vec<RuleError>,
        #[help]
        help: Option<String>,
    },
}

impl RuleError {
    pub fn path(&self) -> &str {
        match self {
            RuleError::Io { path, .. } | RuleError::Invalid { path, .. } => path,
        }
    }
}

/// A rule file's text with its name, to turn YAML locations into errors.
#[derive(Clone)]
pub struct RuleSource {
    pub path: String,
    pub text: Arc<String>,
}

impl RuleSource {
    /// An error at `loc` (a position reported by the YAML parser).
    pub fn error(&self, loc: Location, message: impl Into<String>, label: impl Into<String>) -> RuleError {
        let (offset, len) = self.byte_range(loc);
        let (line, column) = if loc.line() > 0 {
            (loc.line() as usize, loc.column() as usize)
        } else {
            let idx = crate::text::LineIndex::new(&self.text);
            let p = idx.position(&self.text, offset);
            (p.line, p.column)
        };
        RuleError::Invalid {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
            src: NamedSource::new(&self.path, self.text.clone()),
            span: SourceSpan::new(offset.into(), len),
            label: label.into(),
            others: Vec::new(),
            help: None,
        }
    }

    fn byte_range(&self, loc: Location) -> (usize, usize) {
        let text = self.text.as_str();
        let span = loc.span();
        if let (Some(off), Some(len)) = (span.byte_offset(), span.byte_len()) {
            let off = crate::text::floor_boundary(text, off as usize);
            let end = crate::text::ceil_boundary(text, off + len as usize);
            return (off, end - off);
        }
        if loc.line() == 0 {
            return (0, 0);
        }
        // Fall back to line and (character) column.
        let line_start = text.split_inclusive('\n').take(loc.line() as usize - 1).map(str::len).sum::<usize>();
        let col = loc.column().saturating_sub(1) as usize;
        let off = text[line_start..].char_indices().nth(col).map_or(text.len(), |(i, _)| line_start + i);
        let len = text[off..].chars().next().map_or(0, char::len_utf8);
        (off, len)
    }
}

fn with_help(mut e: RuleError, h: impl Into<String>) -> RuleError {
    if let RuleError::Invalid { help, .. } = &mut e {
        *help = Some(h.into());
    }
    e
}

/// Compile a regex written in a rule, expanding `{n}` to the number grammar.
pub fn compile_regex(src: &RuleSource, pattern: &Spanned<String>) -> Result<Regex, RuleError> {
    let expanded = numeric::expand(&pattern.value, false);
    Regex::new(&expanded).map_err(|e| {
        let detail = match &e {
            regex::Error::Syntax(s) => {
                let last = s.lines().last().unwrap_or(s).trim();
                last.strip_prefix("error: ").unwrap_or(last).to_string()
            }
            other => other.to_string(),
        };
        with_help(
            src.error(pattern.referenced, format!("invalid regular expression: {detail}"), "this pattern"),
            "patterns use Rust regex syntax: https://docs.rs/regex/latest/regex/#syntax",
        )
    })
}

/// Compile a pattern for searching a report unit by unit (see [`search`]).
pub fn compile_searcher(src: &RuleSource, pattern: &Spanned<String>) -> Result<Searcher, RuleError> {
    let regex = compile_regex(src, pattern)?;
    Ok(Searcher::new(regex, &numeric::expand(&pattern.value, false)))
}

/// Compile a list of alternatives into one regex (`a|b|c`), keeping each one's location for
/// errors.
pub fn compile_list(
    src: &RuleSource,
    field: &str,
    list: &Spanned<Vec<Spanned<String>>>,
) -> Result<Searcher, RuleError> {
    if list.value.is_empty() {
        return Err(src.error(list.referenced, format!("`{field}` is empty: give at least one pattern"), "empty list"));
    }
    // Each alternative on its own first, so that an error points at the one that is wrong;
    // the compiled alternatives are kept for searching (see `Searcher::list`).
    let parts = list.value.iter().map(|p| compile_regex(src, p)).collect::<Result<Vec<Regex>, _>>()?;
    let joined = parts.iter().map(|r| format!("(?:{})", r.as_str())).collect::<Vec<_>>().join("|");
    Regex::new(&joined)
        .map(|r| Searcher::list(r, parts))
        .map_err(|e| src.error(list.referenced, format!("invalid pattern list: {e}"), "here"))
}

/// A compiled rule with where its id was written and the severity level it was given.
pub struct Compiled {
    pub rule: Rule,
    pub id_at: Location,
    pub level: config::Level,
}

/// Lenient view of a rule, to learn the id of a rule that does not deserialise.
#[derive(serde::Deserialize)]
struct IdOnly {
    id: Spanned<String>,
}

#[derive(serde::Deserialize)]
struct IdsFile {
    rules: Vec<IdOnly>,
}

/// The rules of one file, compiled, with the kind of document they apply to.
pub struct CompiledFile {
    pub rules: Vec<Compiled>,
    pub errors: Vec<RuleError>,
    /// The ids (with locations) of rules that failed, so that a duplicate id is reported even
    /// when one copy has another error.
    pub failed_ids: Vec<(String, Location)>,
    /// The file's `applies_to:`.
    pub kind: Option<applies::DocumentKind>,
}

/// Compile the rules of one file. All errors found are returned, not only the first: when the
/// file does not deserialise as a whole, each rule of its `rules:` list is read again on its own
/// (the rest of the file blanked out, so lines and columns stay those of the file), so that one
/// broken rule does not hide the errors of the others.
pub fn compile_file(src: &RuleSource) -> CompiledFile {
    let mut failed_ids = Vec::new();
    let mut kind = None;
    let mut errors = Vec::new();
    let specs: Vec<Result<RuleSpec, RuleError>> = match config::parse(&src.text) {
        Ok(file) => {
            match file.applies_to.as_ref().map(|a| applies::DocumentKind::compile(src, a)) {
                Some(Ok(k)) => kind = Some(k),
                Some(Err(e)) => errors.push(e),
                None => {}
            }
            file.rules.into_iter().map(Ok).collect()
        }
        Err(whole) => {
            let items = rule_items(&src.text);
            let per_item: Vec<Result<RuleSpec, RuleError>> = items
                .iter()
                .map(|&(start, end)| {
                    let masked = mask_outside(&src.text, start, end);
                    match config::parse(&masked) {
                        Ok(mut f) if f.rules.len() == 1 => Ok(f.rules.remove(0)),
                        Ok(_) => Err(yaml_error(src, &whole)),
                        Err(e) => {
                            if let Ok(ids) = serde_saphyr::from_str::<IdsFile>(&masked) {
                                failed_ids.extend(ids.rules.into_iter().map(|r| (r.id.value, r.id.referenced)));
                            }
                            Err(yaml_error(src, &e))
                        }
                    }
                })
                .collect();
            if per_item.iter().all(Result::is_ok) {
                // The error is outside the rules (or the file is not laid out as a list).
                return CompiledFile {
                    rules: Vec::new(),
                    errors: vec![yaml_error(src, &whole)],
                    failed_ids: Vec::new(),
                    kind: None,
                };
            }
            per_item
        }
    };
    let mut rules = Vec::new();
    // Rules compile on the rayon pool (their regexes are most of a short run's time); results
    // are taken in file order.
    use rayon::prelude::*;
    let compiled: Vec<_> =
        specs.into_par_iter().map(|spec| spec.map(|spec| (compile_rule(src, &spec), spec))).collect();
    for item in compiled {
        let (result, spec) = match item {
            Ok(pair) => pair,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match result {
            Ok(rule) => rules.push(Compiled { rule, id_at: spec.id.referenced, level: spec.severity.value }),
            Err(e) => {
                failed_ids.push((spec.id.value.clone(), spec.id.referenced));
                errors.push(e);
            }
        }
    }
    CompiledFile { rules, errors, failed_ids, kind }
}

/// Byte ranges of the items of the top-level `rules:` block list, found by indentation.
fn rule_items(text: &str) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut in_rules = false;
    let mut indent: Option<usize> = None;
    let mut current: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let lead = body.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if lead == 0 && !trimmed.starts_with('-') {
            if let Some(s) = current.take() {
                items.push((s, start));
            }
            in_rules = trimmed.starts_with("rules:");
            indent = None;
            continue;
        }
        if !in_rules {
            continue;
        }
        if trimmed.starts_with("- ") || trimmed == "-" {
            let i = *indent.get_or_insert(lead);
            if lead == i {
                if let Some(s) = current.take() {
                    items.push((s, start));
                }
                current = Some(start);
            }
        }
    }
    if let Some(s) = current {
        items.push((s, text.len()));
    }
    items
}

/// The file with everything outside `[start, end)` and the `rules:` line blanked: newlines
/// kept and other characters turned into spaces, so positions do not move.
fn mask_outside(text: &str, start: usize, end: usize) -> String {
    let rules_line = text.lines().scan(0usize, |off, l| {
        let s = *off;
        *off += l.len() + 1;
        Some((s, l))
    });
    let keep_line = rules_line.filter(|(_, l)| l.starts_with("rules:")).map(|(s, l)| (s, s + l.len())).next();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let keep = (start..end).contains(&i) || keep_line.is_some_and(|(a, b)| (a..b).contains(&i)) || c == '\n';
        if keep {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

pub fn yaml_error(src: &RuleSource, e: &serde_saphyr::Error) -> RuleError {
    let message = e.to_string();
    // The parser's own text may end with its location; ours is in the prefix already.
    let first = message.lines().next().unwrap_or(&message);
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // Drop the parser's own "line L column C: " prefix; the error carries the location.
    let message = match first.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") && head.contains(" column ") => rest.to_string(),
        _ => first.to_string(),
    };
    match e.location() {
        Some(loc) => src.error(loc, message, "here"),
        None => RuleError::Io { path: src.path.clone(), message },
    }
}

fn compile_rule(src: &RuleSource, spec: &RuleSpec) -> Result<Rule, RuleError> {
    let kind = spec.kind.value;
    let allowed = config::fields_of(kind);
    for (name, loc) in spec.set_fields() {
        if !allowed.contains(&name) {
            let list = if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") };
            return Err(with_help(
                src.error(
                    loc,
                    format!("field `{name}` does not apply to rules of kind `{}`", kind.as_str()),
                    "not for this kind",
                ),
                format!("fields of kind `{}`: {list}", kind.as_str()),
            ));
        }
    }
    let id = &spec.id.value;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(with_help(
            src.error(spec.id.referenced, format!("invalid rule id `{id}`"), "rule id"),
            "ids use ASCII letters, digits, `-` and `_`, e.g. `section-problems`",
        ));
    }
    if id == applies::UNRECOGNISED {
        return Err(src.error(
            spec.id.referenced,
            format!("rule id `{id}` is reserved for documents no `applies_to:` recognises"),
            "rule id",
        ));
    }
    if spec.message.value.trim().is_empty() {
        return Err(src.error(spec.message.referenced, "`message` is empty", "message"));
    }
    let name = match &spec.name {
        None => None,
        Some(n) => {
            let v = n.value.trim();
            if v.is_empty() || v.contains(['\n', '\r']) || v.chars().count() > MAX_NAME_CHARS {
                return Err(with_help(
                    src.error(n.referenced, format!("invalid rule name `{}`", n.value), "name"),
                    format!("a name is one line of 1 to {MAX_NAME_CHARS} characters, e.g. `办结数不多于受理数`"),
                ));
            }
            Some(v.to_string())
        }
    };
    let meta = RuleMeta {
        id: id.clone(),
        name,
        kind,
        severity: spec.severity.value.severity().unwrap_or(Severity::Info),
        message: spec.message.value.trim().to_string(),
        help: spec.help.as_ref().map(|h| h.trim().to_string()),
        url: spec.url.clone(),
        label: spec.label.clone(),
        examples: spec.examples.clone().unwrap_or_default(),
        origin: src.path.clone(),
    };
    let check = match kind {
        Kind::Title => Check::Title(title::TitleRule::compile(src, spec)?),
        Kind::Section => Check::Section(section::SectionRule::compile(src, spec)?),
        Kind::Heading => Check::Heading(heading::HeadingRule::compile(src, spec)?),
        Kind::Enumeration => Check::Enumeration(enumeration::EnumerationRule::compile(src, spec)?),
        Kind::Pattern => Check::Pattern(pattern::PatternRule::compile(src, spec)?),
        Kind::Date => Check::Date(date::DateRule::compile(src, spec)?),
        Kind::Compare | Kind::Sum | Kind::Ratio | Kind::Bound | Kind::Count | Kind::Year | Kind::Assert => {
            Check::Numeric(numeric::NumericRule::compile(src, spec)?)
        }
    };
    Ok(Rule { meta, check, applies_to: None })
}

/// Where a set of rule files comes from.
pub enum PackSource<'a> {
    /// Files given as (name, text), e.g. the built-in pack.
    Embedded(&'a [(&'a str, &'a str)]),
    /// A folder of `.yaml` / `.yml` files, read in sorted order.
    Dir(&'a Path),
}

/// Options applied while assembling a pack.
#[derive(Debug, Default, Clone)]
pub struct PackOptions {
    /// Per-rule severity overrides (`off` drops the rule).
    pub severity: BTreeMap<String, config::Level>,
    /// Publication deadlines by folder (`deadlines:` in `fzlint.yaml`), for the `date` rules.
    pub deadlines: Vec<FolderDeadline>,
}

/// A publication deadline for the files a glob matches (departments report to their government
/// by 1 March in several provinces).
#[derive(Debug, Clone)]
pub struct FolderDeadline {
    pub glob: String,
    pub matcher: globset::GlobMatcher,
    pub month_day: (u32, u32),
}

pub use date::parse_month_day;

/// Load and compile rule files from several places into one pack. Every error of every file is
/// returned; duplicate ids are errors pointing at both definitions.
pub fn load_pack(sources: &[PackSource<'_>], options: &PackOptions) -> Result<RulePack, Vec<RuleError>> {
    let mut files: Vec<RuleSource> = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match s {
            PackSource::Embedded(list) => files.extend(
                list.iter()
                    .map(|(name, text)| RuleSource { path: (*name).to_string(), text: Arc::new((*text).to_string()) }),
            ),
            PackSource::Dir(dir) => match read_dir(dir) {
                Ok(found) => files.extend(found),
                Err(e) => errors.push(e),
            },
        }
    }
    let mut compiled: Vec<(Compiled, RuleSource)> = Vec::new();
    // Every id written, compiled or not: (id, where, file).
    let mut ids: Vec<(String, Location, RuleSource)> = Vec::new();
    // Kinds of document, one per name: files naming the same kind join their patterns.
    let mut kinds: Vec<applies::DocumentKind> = Vec::new();
    for f in &files {
        let CompiledFile { mut rules, errors: mut errs, failed_ids, kind } = compile_file(f);
        errors.append(&mut errs);
        if let Some(kind) = kind {
            let at = match kinds.iter().position(|k| k.name == kind.name) {
                Some(i) => {
                    kinds[i].merge(kind);
                    i
                }
                None => {
                    kinds.push(kind);
                    kinds.len() - 1
                }
            };
            for c in &mut rules {
                c.rule.applies_to = Some(at);
            }
        }
        ids.extend(rules.iter().map(|c| (c.rule.meta.id.clone(), c.id_at, f.clone())));
        ids.extend(failed_ids.into_iter().map(|(id, loc)| (id, loc, f.clone())));
        compiled.extend(rules.into_iter().map(|c| (c, f.clone())));
    }
    // Duplicate ids, pointing at both definitions. Files keep their order; within a file,
    // the order of writing.
    let file_order = |p: &str| files.iter().position(|f| f.path == p).unwrap_or(usize::MAX);
    ids.sort_by_key(|(_, loc, src)| (file_order(&src.path), loc.line(), loc.column()));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (id, loc, src)) in ids.iter().enumerate() {
        if let Some(&first) = seen.get(id) {
            let (_, first_loc, first_src) = &ids[first];
            let earlier = first_src.error(*first_loc, format!("first definition of `{id}`"), "first defined here");
            let mut e = src.error(*loc, format!("duplicate rule id `{id}`"), "defined again here");
            if let RuleError::Invalid { others, help, .. } = &mut e {
                others.push(earlier);
                *help = Some("each rule needs its own id; rename one of them".to_string());
            }
            errors.push(e);
        } else {
            seen.insert(id.clone(), i);
        }
    }
    // Links between rules (a section that must come after another).
    let sections: BTreeMap<String, Arc<section::SectionMatcher>> = compiled
        .iter()
        .filter_map(|(c, _)| match &c.rule.check {
            Check::Section(s) => Some((c.rule.meta.id.clone(), s.matcher.clone())),
            _ => None,
        })
        .collect();
    for (c, src) in compiled.iter_mut() {
        if let Check::Section(s) = &mut c.rule.check {
            if let Err(e) = s.link(src, &sections) {
                errors.push(e);
            }
        }
    }
    for id in options.severity.keys() {
        if !seen.contains_key(id) {
            errors.push(RuleError::Io {
                path: "configuration".to_string(),
                message: format!("severity override names unknown rule `{id}`"),
            });
        }
    }
    if !errors.is_empty() {
        let key = |e: &RuleError| match e {
            RuleError::Io { path, .. } => (path.clone(), 0, 0),
            RuleError::Invalid { path, line, column, .. } => (path.clone(), *line, *column),
        };
        errors.sort_by_key(key);
        return Err(errors);
    }
    let mut rules: Vec<Rule> = Vec::new();
    for (c, _) in compiled {
        let mut rule = c.rule;
        let level = options.severity.get(&rule.meta.id).copied().unwrap_or(c.level);
        if let Check::Date(d) = &mut rule.check {
            d.set_folder_deadlines(&options.deadlines);
        }
        if let Some(sev) = level.severity() {
            rule.meta.severity = sev;
            rules.push(rule);
        }
    }
    rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    Ok(RulePack { rules, kinds })
}

fn read_dir(dir: &Path) -> Result<Vec<RuleSource>, RuleError> {
    let io = |e: std::io::Error| RuleError::Io { path: dir.display().to_string(), message: e.to_string() };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let path = p.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&p)
                .map_err(|e| RuleError::Io { path: path.clone(), message: e.to_string() })?;
            Ok(RuleSource { path, text: Arc::new(text) })
        })
        .collect()
}
