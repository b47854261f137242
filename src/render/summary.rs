//! `--format summary`: the reviewer's overview of a folder — one row per report with its counts
//! per severity, the file, the report's title as it names itself, and the rules it fails by
//! name; then the totals. Columns are lined up by display width (a Chinese character takes two),
//! whatever the counts. Paths, titles and names are escaped, so a line break in a file name
//! cannot start a row of its own.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::escape;
use crate::engine::{FileOutcome, Summary};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::rules::RulePack;

/// A title wider than this is not padded further (the rules column then starts later).
const MAX_TITLE_WIDTH: usize = 60;

struct Row {
    counts: [String; 3],
    path: String,
    title: String,
    rules: String,
}

/// `s` padded with spaces to `width` display columns (left-aligned).
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// `s` right-aligned in `width` display columns.
fn right(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

pub fn render(outcomes: &[FileOutcome], summary: &Summary, pack: &RulePack, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut rows = Vec::new();
    for o in outcomes {
        let path = escape::text(&o.path).into_owned();
        let title = escape::text(o.facts.title.as_deref().unwrap_or("-")).into_owned();
        match &o.result {
            Err(e) => {
                let why = escape::text(&e.message(lang)).into_owned();
                let rules = if zh { format!("[无法检查:{why}]") } else { format!("[could not be checked: {why}]") };
                rows.push(Row { counts: ["-".into(), "-".into(), "-".into()], path, title: "-".into(), rules });
            }
            Ok(found) => {
                let count = |s: Severity| found.iter().filter(|l| l.finding.severity == s).count().to_string();
                let ids: BTreeSet<&str> = found.iter().map(|l| l.finding.rule.as_str()).collect();
                let names: Vec<&str> =
                    ids.into_iter().map(|id| pack.get(id).map_or(id, |r| r.meta.display_name())).collect();
                let rules = escape::text(&names.join(if zh { "、" } else { ", " })).into_owned();
                let counts = [count(Severity::Error), count(Severity::Warning), count(Severity::Info)];
                rows.push(Row { counts, path, title, rules: format!("[{rules}]") });
            }
        }
    }
    let head: [&str; 6] = if zh {
        ["错误", "警告", "提示", "文件", "标题", "[未通过的规则]"]
    } else {
        ["errors", "warnings", "infos", "file", "title", "[rules that fail]"]
    };
    let totals = [summary.errors.to_string(), summary.warnings.to_string(), summary.infos.to_string()];
    let mut widths = [0usize; 5];
    for (i, w) in widths.iter_mut().enumerate().take(3) {
        *w = rows.iter().map(|r| r.counts[i].width()).chain([head[i].width(), totals[i].width()]).max().unwrap_or(0);
    }
    widths[3] = rows.iter().map(|r| r.path.width()).chain([head[3].width()]).max().unwrap_or(0);
    widths[4] = rows.iter().map(|r| r.title.width()).chain([head[4].width()]).max().unwrap_or(0).min(MAX_TITLE_WIDTH);
    let mut out = String::new();
    let line = |out: &mut String, c: [&str; 3], path: &str, title: &str, rules: &str| {
        let text = format!(
            "{} {} {}  {}  {}  {}",
            right(c[0], widths[0]),
            right(c[1], widths[1]),
            right(c[2], widths[2]),
            pad(path, widths[3]),
            pad(title, widths[4]),
            rules
        );
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(&mut out, [head[0], head[1], head[2]], head[3], head[4], head[5]);
    for r in &rows {
        line(&mut out, [&r.counts[0], &r.counts[1], &r.counts[2]], &r.path, &r.title, &r.rules);
    }
    let total = if zh {
        format!("合计:{} 个文件,{} 个无法检查", summary.files, summary.failed)
    } else {
        format!(
            "total: {} {}, {} could not be checked",
            summary.files,
            if summary.files == 1 { "file" } else { "files" },
            summary.failed
        )
    };
    let _ = writeln!(
        out,
        "{} {} {}  {total}",
        right(&totals[0], widths[0]),
        right(&totals[1], widths[1]),
        right(&totals[2], widths[2])
    );
    out
}
