//! `assert`: a `rhai` expression over the metrics found in one scope unit, e.g.
//! `办结 <= 受理` or `调解成功 * 100 >= 调解 * 90`. Names may be Chinese. The expression is
//! compiled once when the rule loads; a name that is not a metric is an error pointing into the
//! YAML. Evaluation is sandboxed twice over: the expression may only hold metric names,
//! numbers, arithmetic, comparisons, `&& || !` and parentheses (checked here, before rhai sees
//! it, so `rules check` refuses everything the engine would), and the engine itself has `eval`,
//! closures, blocks and loops switched off and caps on operations, depth, strings and arrays.

use std::sync::LazyLock;

use regex::Regex;
use rhai::{Engine, Scope as RhaiScope, AST};

use super::{compile_metrics, first_per_unit, scope_of, units, words, Hit, Metric};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::report::Report;
use crate::rules::{RuleError, RuleMeta, RuleSource};

/// Limits on one evaluation.
const MAX_OPERATIONS: u64 = 10_000;
const MAX_DEPTH: usize = 32;
/// Longest `check` accepted, in characters: with only operators and names, an expression this
/// long stays far below `MAX_OPERATIONS` whatever the values.
pub const MAX_CHECK_CHARS: usize = 500;
/// Keywords and functions an expression never needs, refused by the engine as well.
const DISABLED: &[&str] = &[
    "eval",
    "Fn",
    "call",
    "curry",
    "is_def_var",
    "is_def_fn",
    "is_shared",
    "type_of",
    "print",
    "debug",
    "this",
    "let",
    "const",
    "if",
    "else",
    "switch",
    "while",
    "loop",
    "do",
    "until",
    "for",
    "in",
    "fn",
    "return",
    "throw",
    "try",
    "catch",
    "break",
    "continue",
    "import",
    "export",
    "as",
    "global",
    "private",
    "shared",
    "sync",
    "spawn",
    "thread",
    "go",
    "await",
    "async",
    "exit",
];

static IDENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}_][\p{L}\p{N}_]*").unwrap());

#[derive(Debug)]
pub struct AssertRule {
    metrics: Vec<Metric>,
    /// Indices into `metrics` of the names the expression uses, in order of first use.
    used: Vec<usize>,
    expression: String,
    ast: AST,
    scope: Scope,
}

fn engine() -> Engine {
    let mut e = Engine::new_raw();
    e.register_global_module(rhai::packages::Package::as_shared_module(&rhai::packages::ArithmeticPackage::new()));
    e.register_global_module(rhai::packages::Package::as_shared_module(&rhai::packages::LogicPackage::new()));
    for symbol in DISABLED {
        e.disable_symbol(*symbol);
    }
    e.set_allow_if_expression(false)
        .set_allow_switch_expression(false)
        .set_allow_loop_expressions(false)
        .set_allow_statement_expression(false)
        .set_allow_anonymous_fn(false)
        .set_allow_looping(false)
        .set_allow_shadowing(false);
    e.set_max_operations(MAX_OPERATIONS);
    e.set_max_expr_depths(MAX_DEPTH, MAX_DEPTH);
    e.set_max_call_levels(8);
    e.set_max_string_size(256);
    e.set_max_array_size(64);
    e.set_max_map_size(64);
    e.set_max_variables(64);
    e.set_strict_variables(true);
    e
}

/// What an expression may be made of: names, numbers (`90`, `0.5`), white space, parentheses,
/// `+ - * / %`, comparisons and `&& || !`. Returns the first thing that is none of those, and
/// a name directly followed by `(` (a function call).
fn refused_part(check: &str) -> Option<String> {
    const OPERATORS: &[&str] = &["&&", "||", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!", "(", ")"];
    if check.chars().count() > MAX_CHECK_CHARS {
        return Some(format!("`check` is longer than {MAX_CHECK_CHARS} characters"));
    }
    let mut rest = check;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c.is_ascii_digit() {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '_')).unwrap_or(rest.len());
            rest = &rest[end..];
            // A decimal point only between digits: `0.5`, never `x.len`.
            if let Some(frac) = rest.strip_prefix('.') {
                let end = frac.find(|c: char| !c.is_ascii_digit()).unwrap_or(frac.len());
                if end == 0 {
                    return Some("`.` outside a decimal number".to_string());
                }
                rest = &frac[end..];
            }
        } else if c.is_alphabetic() || c == '_' {
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            let (word, after) = rest.split_at(end);
            if after.trim_start().starts_with('(') {
                return Some(format!("a function call `{word}(…)`"));
            }
            rest = after;
        } else if let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) {
            rest = &rest[op.len()..];
        } else {
            return Some(format!("`{}`", c.escape_debug()));
        }
    }
    None
}

static ENGINE: LazyLock<Engine> = LazyLock::new(engine);

impl AssertRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<AssertRule, RuleError> {
        let metrics = compile_metrics(src, spec)?;
        let Some(check) = &spec.check else {
            return Err(src.error(
                spec.kind.referenced,
                "an `assert` rule needs `check`: an expression over the metrics",
                "kind",
            ));
        };
        if let Some(part) = refused_part(&check.value) {
            return Err(src.error(
                check.referenced,
                format!(
                    "not allowed in `check`: {part}; an expression may only use metric names, numbers, \
                     + - * / %, comparisons (< <= > >= == !=), && || ! and parentheses"
                ),
                "expression",
            ));
        }
        let names: Vec<&str> = metrics.iter().map(|m| m.name.as_str()).collect();
        let mut used = Vec::new();
        for m in IDENT.find_iter(&check.value) {
            let word = m.as_str();
            if matches!(word, "true" | "false") {
                continue;
            }
            match names.iter().position(|n| *n == word) {
                Some(i) if !used.contains(&i) => used.push(i),
                Some(_) => {}
                None => {
                    return Err(src.error(
                        check.referenced,
                        format!("unknown metric `{word}` in `check`; this rule's metrics are: {}", names.join(", ")),
                        "unknown metric",
                    ))
                }
            }
        }
        // Plain variables, not constants: with constants the optimiser would fold the whole
        // expression into its value for these placeholder numbers.
        let mut scope = RhaiScope::new();
        for n in &names {
            scope.push(n.to_string(), 1.0_f64);
        }
        let ast = ENGINE
            .compile_expression_with_scope(&scope, &check.value)
            .map_err(|e| src.error(check.referenced, format!("invalid expression: {e}"), "expression"))?;
        // Try it once, so a type error shows now and not on some report.
        match ENGINE.eval_ast_with_scope::<bool>(&mut scope.clone(), &ast) {
            Ok(_) => {}
            Err(e) => {
                return Err(src.error(
                    check.referenced,
                    format!("expression does not give true/false: {e}"),
                    "expression",
                ))
            }
        }
        Ok(AssertRule { metrics, used, expression: check.value.clone(), ast, scope: scope_of(spec, Scope::Sentence) })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let units = units(report, self.scope);
        let firsts: Vec<Vec<Option<Hit>>> = self
            .used
            .iter()
            .map(|&i| first_per_unit(&self.metrics[i].hits_in_units(report, &units), units.len()))
            .collect();
        for u in 0..units.len() {
            let hits: Option<Vec<(usize, Hit)>> =
                self.used.iter().zip(&firsts).map(|(&i, f)| f[u].map(|h| (i, h))).collect();
            let Some(hits) = hits else { continue };
            if hits.iter().any(|(_, h)| !h.quantity.is_exact()) {
                continue; // a bound is not a value
            }
            let mut scope = RhaiScope::new();
            for (i, h) in &hits {
                scope.push_constant(self.metrics[*i].name.clone(), h.quantity.value);
            }
            // Metrics the expression does not use still need a value to compile against.
            for m in &self.metrics {
                if !scope.contains(&m.name) {
                    scope.push_constant(m.name.clone(), 0.0_f64);
                }
            }
            if let Ok(false) = ENGINE.eval_ast_with_scope::<bool>(&mut scope, &self.ast) {
                let values: Vec<String> = hits
                    .iter()
                    .map(|(i, h)| format!("{}={}", self.metrics[*i].name, words(report, h.quantity)))
                    .collect();
                let (_, first) = hits[0];
                let mut f = meta
                    .finding(first.quantity.span, format!("不满足 {}", self.expression))
                    .with_message(format!("{}:{}({})", meta.message, self.expression, values.join(",")));
                for (i, h) in &hits[1..] {
                    f = f.with_related(h.quantity.span, self.metrics[*i].name.clone());
                }
                out.push(f);
            }
        }
    }
}
