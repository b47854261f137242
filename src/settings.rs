//! The project configuration file `fzlint.yaml`: extra rule folders, the built-in pack on or
//! off, per-rule severities, the failing severity, and which files to check. Found in the
//! current folder or a parent, or named with `--config`. Command-line flags win over it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::config::Level;
use crate::finding::Severity;
use crate::rules::{RuleError, RuleSource};

/// The name fzlint looks for.
pub const FILE_NAME: &str = "fzlint.yaml";

/// `fzlint.yaml` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Folders of rule files added to the built-in pack, relative to this file.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub rule_dirs: Vec<Spanned<String>>,
    /// `false`: use only `rule_dirs`, not the built-in pack.
    #[serde(default = "yes")]
    pub builtin: bool,
    /// Per-rule severity: error | warning | info | off.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    pub severity: BTreeMap<String, Spanned<Level>>,
    /// The exit-code threshold, as `--fail-on`.
    #[schemars(with = "Option<Severity>")]
    pub fail_on: Option<Spanned<Severity>>,
    /// Globs of files to check when walking folders (default: every extension fzlint reads:
    /// `.txt`, `.md`, `.docx`, `.html`, `.htm`, `.doc`, `.pdf`, `.ofd`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
    /// Globs of files to leave out when walking folders.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// Publication deadline (MM-DD) by folder glob, replacing the rules' own for the files it
    /// matches; the longest matching glob wins. E.g. `{"部门/**": "03-01"}`. 按文件夹设定公开截止日期。
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub deadlines: BTreeMap<String, Spanned<String>>,
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rule_dirs: Vec::new(),
            builtin: true,
            severity: BTreeMap::new(),
            fail_on: None,
            include: Vec::new(),
            exclude: Vec::new(),
            deadlines: BTreeMap::new(),
        }
    }
}

/// Settings read and checked, with paths resolved against the file's folder.
#[derive(Debug, Default)]
pub struct Loaded {
    pub path: Option<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    pub builtin: bool,
    pub severity: BTreeMap<String, Level>,
    pub fail_on: Option<Severity>,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub deadlines: Vec<crate::rules::FolderDeadline>,
}

impl Loaded {
    /// No file: the built-in pack and defaults.
    pub fn none() -> Loaded {
        Loaded { builtin: true, ..Loaded::default() }
    }

    /// Whether a file found while walking a folder is to be checked.
    pub fn wants(&self, path: &Path) -> bool {
        let shown = path.to_string_lossy().replace('\\', "/");
        let shown = shown.trim_start_matches("./");
        let included = match &self.include {
            Some(set) => set.is_match(shown),
            None => crate::source::has_extension(path, crate::source::EXTENSIONS),
        };
        included && !self.exclude.as_ref().is_some_and(|set| set.is_match(shown))
    }
}

/// Look for `fzlint.yaml` in `start` and its parents, up to the root of the repository `start`
/// is in (a folder holding `.git`): a settings file above the checkout is someone else's.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Read and check a settings file.
pub fn load(path: &Path) -> Result<Loaded, Vec<RuleError>> {
    let shown = path.to_string_lossy().replace('\\', "/");
    let text = crate::source::read_named_text(path)
        .map_err(|e| vec![RuleError::Io { path: shown.clone(), message: e.to_string() }])?;
    let src = RuleSource { path: shown, text: Arc::new(text) };
    let settings: Settings = if src.text.trim().is_empty() {
        Settings::default()
    } else {
        serde_saphyr::from_str(&src.text).map_err(|e| vec![crate::rules::yaml_error(&src, &e)])?
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let mut errors = Vec::new();
    let rule_dirs = settings
        .rule_dirs
        .iter()
        .filter_map(|d| {
            let dir = base.join(&d.value);
            if dir.is_dir() {
                Some(dir)
            } else {
                errors.push(src.error(d.referenced, format!("rule folder `{}` does not exist", dir.display()), "here"));
                None
            }
        })
        .collect();
    let mut globs = |field: &str, list: &[Spanned<String>]| -> Option<GlobSet> {
        let first = list.first()?;
        let mut b = GlobSetBuilder::new();
        for g in list {
            match Glob::new(&g.value) {
                Ok(glob) => {
                    b.add(glob);
                }
                Err(e) => errors.push(src.error(g.referenced, format!("invalid glob: {e}"), "glob")),
            }
        }
        match b.build() {
            Ok(set) => Some(set),
            Err(e) => {
                // Dropping the set would check what `exclude` leaves out: an error instead.
                let why = e.to_string();
                let chars: Vec<char> = why.chars().collect();
                let why = if chars.len() > 200 {
                    // The compiled pattern in the middle can be megabytes; the cause is at the end.
                    let head: String = chars[..60].iter().collect();
                    let tail: String = chars[chars.len() - 120..].iter().collect();
                    format!("{head}…{tail}")
                } else {
                    why
                };
                errors.push(src.error(first.referenced, format!("`{field}` globs cannot be compiled: {why}"), "glob"));
                None
            }
        }
    };
    let include = globs("include", &settings.include);
    let exclude = globs("exclude", &settings.exclude);
    let mut deadlines = Vec::new();
    for (glob, date) in &settings.deadlines {
        let month_day = crate::rules::parse_month_day(&date.value);
        match (Glob::new(glob), month_day) {
            (Ok(g), Some(month_day)) => deadlines.push(crate::rules::FolderDeadline {
                glob: glob.clone(),
                matcher: g.compile_matcher(),
                month_day,
            }),
            (Err(e), _) => errors.push(src.error(date.referenced, format!("invalid glob `{glob}`: {e}"), "glob")),
            (_, None) => errors.push(src.error(
                date.referenced,
                format!("invalid deadline `{}`: write month and day as MM-DD, e.g. 03-01", date.value),
                "deadline",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Loaded {
        path: Some(path.to_path_buf()),
        rule_dirs,
        builtin: settings.builtin,
        severity: settings.severity.into_iter().map(|(k, v)| (k, v.value)).collect(),
        fail_on: settings.fail_on.map(|f| f.value),
        include,
        exclude,
        deadlines,
    })
}

/// The commented starter written by `fzlint init`.
pub fn starter(copied_rules: bool) -> String {
    let (dirs, builtin) = if copied_rules {
        (
            "rule_dirs: [rules]          # the copy of the built-in pack made by `fzlint init --copy-rules`",
            "builtin: false              # the copy in rules/ replaces the built-in pack",
        )
    } else {
        (
            "rule_dirs: []               # folders of your own rule files (*.yaml), relative to this file",
            "builtin: true               # false: use only the rules in rule_dirs",
        )
    };
    // Every extension fzlint reads, so that the file as written checks what a folder holds.
    let include: Vec<String> = crate::source::EXTENSIONS.iter().map(|e| format!("\"**/*.{e}\"")).collect();
    let include = include.join(", ");
    format!(
        "# fzlint 配置文件 / fzlint configuration. See README.md and docs/RULES.md.\n\
         {dirs}\n\
         {builtin}\n\
         severity: {{}}                # per-rule severity: error | warning | info | off, e.g.\n\
         # severity: {{publish-date-missing: off, web-leftover: info}}\n\
         fail_on: error              # lowest severity that makes the exit code 1 (as --fail-on)\n\
         include: [{include}]   # files checked when a folder is given\n\
         exclude: []                 # e.g. [\"drafts/**\"]\n"
    )
}
