//! `compare`: two metrics in one scope unit stand in a relation, e.g. `办结 <= 受理`
//! (closed ≤ accepted), `审结 <= 收到`, `答复 <= 申请`.

use super::{cap, compile_metrics, first_per_unit, scope_of, units, words, Hit, Metric};
use crate::config::{RuleSpec, Scope};
use crate::finding::Finding;
use crate::report::Report;
use crate::rules::{RuleError, RuleMeta, RuleSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Le,
    Lt,
    Ge,
    Gt,
    Eq,
    Ne,
}

impl Op {
    pub fn parse(s: &str) -> Option<Op> {
        Some(match s {
            "<=" | "≤" => Op::Le,
            "<" => Op::Lt,
            ">=" | "≥" => Op::Ge,
            ">" => Op::Gt,
            "==" | "=" => Op::Eq,
            "!=" | "≠" => Op::Ne,
            _ => return None,
        })
    }

    /// How a reviewer says the relation that should hold.
    pub fn words(self) -> &'static str {
        match self {
            Op::Le => "不应多于",
            Op::Lt => "应少于",
            Op::Ge => "不应少于",
            Op::Gt => "应多于",
            Op::Eq => "应等于",
            Op::Ne => "不应等于",
        }
    }

    /// Whether the relation certainly fails for every pair of values in the two intervals.
    pub fn surely_fails(self, (alo, ahi): (f64, f64), (blo, bhi): (f64, f64)) -> bool {
        match self {
            Op::Le => alo > bhi,
            Op::Lt => alo >= bhi,
            Op::Ge => ahi < blo,
            Op::Gt => ahi <= blo,
            Op::Eq => ahi < blo || alo > bhi,
            Op::Ne => alo == ahi && blo == bhi && alo == blo,
        }
    }
}

#[derive(Debug)]
pub struct CompareRule {
    left: Metric,
    op: Op,
    right: Metric,
    scope: Scope,
}

impl CompareRule {
    pub fn compile(src: &RuleSource, spec: &RuleSpec) -> Result<CompareRule, RuleError> {
        let metrics = compile_metrics(src, spec)?;
        let Some(check) = &spec.check else {
            return Err(src.error(spec.kind.referenced, "a `compare` rule needs `check`, e.g. `办结 <= 受理`", "kind"));
        };
        let parts: Vec<&str> = check.value.split_whitespace().collect();
        let bad = || {
            src.error(
                check.referenced,
                "`check` is `LEFT OP RIGHT` with OP one of <= < >= > == !=, e.g. `办结 <= 受理`",
                "check",
            )
        };
        let [l, op, r] = parts[..] else {
            return Err(bad());
        };
        let op = Op::parse(op).ok_or_else(bad)?;
        let take = |name: &str| -> Result<Metric, RuleError> {
            let known: Vec<&str> = metrics.iter().map(|m| m.name.as_str()).collect();
            metrics.iter().position(|m| m.name == name).map(|i| metrics[i].clone()).ok_or_else(|| {
                src.error(
                    check.referenced,
                    format!(
                        "`check` names `{name}`, which is not a metric of this rule (metrics: {})",
                        known.join(", ")
                    ),
                    "unknown metric",
                )
            })
        };
        Ok(CompareRule { left: take(l)?, op, right: take(r)?, scope: scope_of(spec, Scope::Sentence) })
    }

    pub fn check(&self, report: &Report, meta: &RuleMeta, out: &mut Vec<Finding>) {
        let units = units(report, self.scope);
        let left = self.left.hits_in_units(report, &units);
        if left.is_empty() {
            return;
        }
        let left = first_per_unit(&left, units.len());
        let right = first_per_unit(&self.right.hits_in_units(report, &units), units.len());
        for (a, b) in left.into_iter().zip(right) {
            let (Some(a), Some(b)) = (a, b) else { continue };
            if let Some(f) = judge(report, meta, (&self.left.name, a), self.op, (&self.right.name, b)) {
                out.push(f);
            }
        }
    }
}

/// The finding for `a op b`, if it surely fails. The primary label is on `a`.
pub fn judge(report: &Report, meta: &RuleMeta, (an, a): (&str, Hit), op: Op, (bn, b): (&str, Hit)) -> Option<Finding> {
    if a.quantity.span == b.quantity.span || a.quantity.unit != b.quantity.unit {
        return None;
    }
    if !op.surely_fails(a.quantity.interval(), b.quantity.interval()) {
        return None;
    }
    let exact = a.quantity.is_exact() && b.quantity.is_exact();
    let (aw, bw) = (words(report, a.quantity), words(report, b.quantity));
    Some(
        meta.finding(a.quantity.span, format!("{an} {aw}"))
            .with_message(format!("{}:{an} {aw} {}{bn} {bw}", meta.message, op.words()))
            .with_severity(cap(meta.severity, exact))
            .with_related(b.quantity.span, format!("{bn} {bw}")),
    )
}
