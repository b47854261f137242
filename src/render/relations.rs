//! `fzlint check --explain-numbers`: every numeric relation judged, file by file — where, by
//! which rule, the numbers used, and whether it held. For rule authors, and for a reviewer who
//! wants to see the arithmetic behind a finding (or behind the silence).

use std::fmt::Write as _;

use crate::engine::{FileOutcome, Summary};

pub fn render(outcomes: &[FileOutcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        if let Err(e) = &o.result {
            let _ = writeln!(out, "{}: 无法检查:{e}", o.path);
            continue;
        }
        for j in &o.relations.details {
            let verdict = if j.held { "成立  " } else { "不成立" };
            let _ = writeln!(out, "{}:{}:{}: {verdict} {}: {}", o.path, j.line, j.column, j.rule, j.arithmetic);
        }
    }
    let s = Summary::of(outcomes);
    let _ = writeln!(out, "核对数字关系 {} 处,其中 {} 处不成立({} 个文件)", s.relations, s.inconsistent, s.files);
    out
}
