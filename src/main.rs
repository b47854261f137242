//! The `fzlint` binary: parse arguments, load settings and the rule pack, run the engine, print,
//! and exit with 0 (clean), 1 (findings at or above `--fail-on`, or failing rule examples) or
//! 2 (usage, settings, rule or input errors).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use fzlint::config::Level;
use fzlint::engine::{self, FileOutcome, Summary};
use fzlint::finding::Severity;
use fzlint::lang::Lang;
use fzlint::render::{self, human::HumanOptions, Format};
use fzlint::rules::{self, PackOptions, PackSource, RuleError, RulePack};
use fzlint::settings::{self, Loaded};
use fzlint::source::{self, Input};

#[path = "cli/help.rs"]
mod help;
#[path = "cli/usage.rs"]
mod usage;

/// The language of everything fzlint says, chosen before the arguments are parsed.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// The Chinese or the English form, by [`lang`].
macro_rules! tr {
    ($zh:expr, $en:expr $(,)?) => {
        if lang() == Lang::Zh {
            $zh
        } else {
            $en
        }
    };
}

/// A message for people on stderr.
fn say(text: String) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

const EXAMPLES: &str = "\
Examples:
  fzlint check seeds/                      lint every .txt/.md report under seeds/
  fzlint check report.txt --format json    machine-readable findings
  fzlint check reports/ --format html > review.html   a page to open in the browser
  fzlint check reports/ --format csv > findings.csv   a table for Excel or WPS
  fzlint check drafts/ --rules my-rules/   add the rules in my-rules/*.yaml to the built-in pack
  fzlint check a.txt --fail-on warning     exit 1 on warnings too
  cat a.txt | fzlint check -               read one report from standard input
  fzlint rules test my-rules/              run the examples written in each rule
  fzlint rules explain stated-rate         what a rule checks and why
  fzlint init                              write a starter fzlint.yaml

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it (or, for
`rules test`, an example that fails); 2 usage, settings, rule-file or input errors.
Language: --lang zh|en, or else from the locale (LC_ALL, LC_MESSAGES, LANG).";

#[derive(Parser)]
#[command(name = "fzlint", version, about = "法治政府建设年度报告检查工具 — a linter for annual rule-of-law government reports", after_help = EXAMPLES)]
struct Cli {
    /// A settings file to use instead of the fzlint.yaml found in this folder or a parent.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Language of the interface: zh (Chinese) or en (English) [default: from the locale].
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (files, folders, or - for stdin) against the rule pack.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// Work on rules: test their examples, validate, list, explain, print the schema.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write a commented starter fzlint.yaml in this folder.
    Init {
        /// Also copy the built-in rule pack into ./rules for editing (and use it instead).
        #[arg(long)]
        copy_rules: bool,
        /// Overwrite an existing fzlint.yaml.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run every rule's examples: valid texts must pass, invalid ones must be found.
    Test {
        /// Rule folders to test (default: the built-in pack). A folder is loaded on its own.
        dirs: Vec<PathBuf>,
    },
    /// Validate rule files without linting; report every error.
    Check {
        /// Rule folders to validate (default: the built-in pack).
        dirs: Vec<PathBuf>,
    },
    /// One line per rule: id, kind, severity, message.
    List,
    /// A rule's message, help, reference and examples.
    Explain { id: String },
    /// The JSON schema of rule files.
    Schema,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders to check; folders are searched recursively for .txt and .md files.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// A folder of extra rule files (*.yaml), added to the pack. Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Use only the rules given with --rules or in the settings, not the built-in pack.
    #[arg(long)]
    no_builtin: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Lowest severity that makes the exit code 1 [default: error, or fail_on in fzlint.yaml].
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Number of threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Hide the findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings of this run in a baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Fail (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Instead of the findings, list every numeric relation judged — the numbers used and
    /// whether it held. 列出核对过的每一处数字关系及其算式。
    #[arg(long)]
    explain_numbers: bool,
    /// Follow symbolic links inside folders (off by default: a link may lead out of the tree).
    #[arg(short = 'L', long = "follow")]
    follow: bool,
}

/// The most threads `-j` starts: beyond the cores nothing is gained, and each thread costs a stack.
const MAX_THREADS: usize = 256;

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Findings drawn on the source, for people.
    Human,
    /// One JSON object (see README).
    Json,
    /// SARIF 2.1.0, for code-scanning views.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// One line per report: counts and failing rules.
    Summary,
    /// One row per finding, for Excel and WPS (UTF-8 with BOM).
    Csv,
    /// One self-contained page for the browser: overview, findings on the text, print sheet.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = match Lang::of_args(&args) {
        Some(Ok(l)) => l,
        Some(Err(v)) => {
            let l = Lang::of_environment(|k| std::env::var(k).ok());
            let _ = LANG.set(l);
            say(tr!(
                format!("错误:--lang 的值 “{v}” 无效;可用的值:zh、en"),
                format!("error: invalid value '{v}' for '--lang': use zh or en")
            ));
            return ExitCode::from(2);
        }
        None => Lang::of_environment(|k| std::env::var(k).ok()),
    };
    let _ = LANG.set(lang);
    let matches = match help::localize(Cli::command(), lang).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let (text, code) = usage::render(&e, lang);
            let to_stdout = code == 0;
            let _ = if to_stdout {
                std::io::stdout().lock().write_all(text.as_bytes())
            } else {
                std::io::stderr().lock().write_all(text.as_bytes())
            };
            return ExitCode::from(code as u8);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = std::io::stderr().lock().write_all(usage::render(&e, lang).0.as_bytes());
            return ExitCode::from(2);
        }
    };
    let code = match cli.command {
        Command::Check(args) => with_settings(cli.config.as_deref(), |s| check(args, s)),
        Command::Rules(cmd) => with_settings(cli.config.as_deref(), |s| rules_command(cmd, s)),
        Command::Init { copy_rules, force } => init(copy_rules, force),
    };
    ExitCode::from(code)
}

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Print rule or settings errors, then one line counting them: `zh` and `en` say it, `{n}` the count.
fn print_errors(errors: &[RuleError], zh: &str, en: &str) {
    let theme =
        if stderr_color() { miette::GraphicalTheme::unicode() } else { miette::GraphicalTheme::unicode_nocolor() };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for e in errors {
        let _ = handler.render_report(&mut out, e);
        out.push('\n');
    }
    let n = errors.len().to_string();
    out.push_str(&tr!(format!("错误:{}\n", zh.replace("{n}", &n)), format!("error: {}\n", en.replace("{n}", &n))));
    let _ = std::io::stderr().write_all(out.as_bytes());
}

/// Load fzlint.yaml (named, or found from the current folder up) and run `f` with it.
fn with_settings(explicit: Option<&Path>, f: impl FnOnce(&Loaded) -> u8) -> u8 {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| {
            let found = settings::discover(&d)?;
            // One found in a parent folder is named, so its effect is never a surprise.
            if found.parent() != Some(d.as_path()) {
                let shown = render::escape::text(&source::display(&found)).into_owned();
                say(tr!(format!("提示:使用设置文件 {shown}"), format!("note: using settings {shown}")));
            }
            Some(found)
        }),
    };
    let loaded = match path {
        None => Loaded::none(),
        Some(p) => match settings::load(&p) {
            Ok(l) => l,
            Err(errors) => {
                print_errors(
                    &errors,
                    "设置文件中有 {n} 处问题,未做任何检查",
                    "{n} problem(s) in the settings file; nothing was checked",
                );
                return 2;
            }
        },
    };
    f(&loaded)
}

fn load_pack(
    builtin: bool,
    dirs: &[PathBuf],
    severity: &std::collections::BTreeMap<String, Level>,
    deadlines: &[rules::FolderDeadline],
) -> Result<RulePack, Vec<RuleError>> {
    let mut sources = Vec::new();
    if builtin {
        sources.push(PackSource::Embedded(fzlint::builtin::PACK));
    }
    for d in dirs {
        sources.push(PackSource::Dir(d));
    }
    rules::load_pack(&sources, &PackOptions { severity: severity.clone(), deadlines: deadlines.to_vec() })
}

fn check(args: CheckArgs, settings: &Loaded) -> u8 {
    let mut dirs = settings.rule_dirs.clone();
    dirs.extend(args.rules.iter().cloned());
    let pack = match load_pack(settings.builtin && !args.no_builtin, &dirs, &settings.severity, &settings.deadlines) {
        Ok(p) => p,
        Err(errors) => {
            print_errors(
                &errors,
                "规则文件中有 {n} 处问题,未做任何检查",
                "{n} problem(s) in rule files; nothing was checked",
            );
            return 2;
        }
    };
    if pack.rules.is_empty() {
        say(tr!(
            "错误:规则包是空的(没有规则文件,或所有规则都已停用),没有可检查的内容".to_string(),
            "error: the rule pack is empty (no rule file, or every rule is off); nothing would be checked".to_string()
        ));
        return 2;
    }
    let walk = source::Walk { follow_links: args.follow };
    let source::Collected { inputs, errors: missing, skipped } =
        source::collect(&args.paths, &|p| settings.wants(p), walk);
    for (path, why) in &skipped {
        let path = render::escape::text(path);
        say(tr!(format!("提示:已跳过 {path}:{why}"), format!("note: skipped {path}: {why}")));
    }
    if inputs.is_empty() && missing.is_empty() {
        let exts = source::EXTENSIONS.join(", ");
        say(tr!(
            format!("错误:给出的路径下没有报告({exts})"),
            format!("error: no reports ({exts}) found under the given paths")
        ));
        return 2;
    }
    let options = engine::RunOptions {
        details: args.explain_numbers,
        windows: matches!(args.format, FormatArg::Html) && !args.explain_numbers,
    };
    let run = |inputs: &[Input]| engine::run_opts(inputs, &pack, options);
    let threads = args.threads.map(|n| {
        if n > MAX_THREADS {
            say(tr!(
                format!("提示:-j {n} 超过 {MAX_THREADS},按 {MAX_THREADS} 个线程运行"),
                format!("note: -j {n} is more than {MAX_THREADS}; using {MAX_THREADS} threads")
            ));
        }
        n.clamp(1, MAX_THREADS)
    });
    let mut outcomes: Vec<FileOutcome> = match threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build() {
            Ok(pool) => pool.install(|| run(&inputs)),
            Err(e) => {
                say(tr!(format!("错误:无法启动 {n} 个线程:{e}"), format!("error: cannot start {n} threads: {e}")));
                return 2;
            }
        },
        None => run(&inputs),
    };
    outcomes.extend(missing.into_iter().map(|(path, e)| FileOutcome {
        path,
        result: Err(e),
        relations: Default::default(),
        facts: Default::default(),
    }));
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));

    if let Some(path) = &args.write_baseline {
        let baseline = fzlint::baseline::Baseline::of(&outcomes, &fzlint::baseline::Anchor::of_file(path));
        if let Err(e) = std::fs::write(path, baseline.to_json()) {
            let shown = path.display();
            say(tr!(
                format!("错误:无法写入基线文件 {shown}:{e}"),
                format!("error: cannot write baseline {shown}: {e}")
            ));
            return 2;
        }
        let n: usize = baseline.entries.iter().map(|e| e.count).sum();
        let shown = render::escape::text(&source::display(path)).into_owned();
        say(tr!(format!("已写入 {shown}(问题 {n} 处)"), format!("wrote {shown} ({n} findings)")));
        return if outcomes.iter().any(|o| o.result.is_err()) { 2 } else { 0 };
    }
    if let Some(path) = &args.baseline {
        let baseline = match source::read_named_text(path)
            .map_err(|e| e.message(lang()))
            .and_then(|t| fzlint::baseline::Baseline::from_json(&t))
        {
            Ok(b) => b,
            Err(e) => {
                let shown = path.display();
                say(tr!(
                    format!("错误:无法使用基线文件 {shown}:{e}"),
                    format!("error: cannot use baseline {shown}: {e}")
                ));
                return 2;
            }
        };
        let hidden = baseline.apply(&mut outcomes, &fzlint::baseline::Anchor::of_file(path));
        if hidden == 0 && !baseline.entries.is_empty() {
            let (n, shown) = (baseline.entries.len(), render::escape::text(&source::display(path)).into_owned());
            say(tr!(
                format!("提示:基线文件 {shown} 的 {n} 条记录都没有对上任何问题(其中的路径相对于基线文件所在的文件夹)"),
                format!("note: no finding matched any of the {n} entries of baseline {shown} (its paths are relative to its own folder)")
            ));
        }
    }

    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
        FormatArg::Summary => Format::Summary,
        FormatArg::Csv => Format::Csv,
        FormatArg::Html => Format::Html,
    };
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let options = HumanOptions { color, width: 100, lang: lang() };
    let written = if args.explain_numbers {
        use std::io::Write as _;
        stdout.write_all(render::relations::render(&outcomes).as_bytes())
    } else {
        render::write(&mut stdout, format, &outcomes, &pack, &options)
    };
    if written.and_then(|_| stdout.flush()).is_err() {
        return 2;
    }
    drop(stdout);
    // An unreadable file is told once: the human, summary and GitHub outputs show it in place;
    // under a document format (JSON, SARIF, CSV, HTML) it is in the document and told here.
    let shown_in_place = matches!(format, Format::Human | Format::Summary | Format::Github) && !args.explain_numbers;
    for o in outcomes.iter().filter(|_| !shown_in_place) {
        if let Err(e) = &o.result {
            let (path, e) = (render::escape::text(&o.path), render::escape::text(&e.message(lang())).into_owned());
            say(tr!(format!("错误:{path}:{e}"), format!("error: {path}: {e}")));
        }
    }
    let summary = Summary::of(&outcomes);
    let threshold = match args.fail_on {
        Some(SeverityArg::Error) => Severity::Error,
        Some(SeverityArg::Warning) => Severity::Warning,
        Some(SeverityArg::Info) => Severity::Info,
        None => settings.fail_on.unwrap_or(Severity::Error),
    };
    let too_many_warnings = args.max_warnings.is_some_and(|n| summary.warnings > n);
    if too_many_warnings {
        let (n, max) = (summary.warnings, args.max_warnings.unwrap_or(0));
        say(tr!(
            format!("错误:警告 {n} 处,超过 --max-warnings {max}"),
            format!("error: {n} warnings, more than --max-warnings {max}")
        ));
    }
    let code = if summary.failed > 0 {
        2
    } else if summary.at_or_above(threshold) > 0 || too_many_warnings {
        1
    } else {
        0
    };
    // The process ends here: freeing a hundred thousand findings one by one, on one thread,
    // costs more than the exit that returns all memory at once.
    std::mem::forget(outcomes);
    std::mem::forget(pack);
    code
}

/// Print text that may hold words from rule files, control characters escaped.
fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(render::escape::lines(text).as_bytes());
}

fn rules_command(cmd: RulesCommand, settings: &Loaded) -> u8 {
    // The pack a command looks at: the folders named, or else what `check` would use.
    let pack_of = |dirs: &[PathBuf]| {
        if dirs.is_empty() {
            load_pack(settings.builtin, &settings.rule_dirs, &Default::default(), &[])
        } else {
            load_pack(false, dirs, &Default::default(), &[])
        }
    };
    match cmd {
        RulesCommand::Schema => {
            out(&fzlint::config::schema());
            0
        }
        RulesCommand::Check { dirs } => match pack_of(&dirs) {
            Ok(pack) if pack.rules.is_empty() => {
                say(tr!(
                    "错误:没有找到规则,规则包是空的".to_string(),
                    "error: no rules found: the rule pack is empty".to_string()
                ));
                2
            }
            Ok(pack) => {
                let n = pack.rules.len();
                out(&tr!(format!("正常:{n} 条规则加载无误\n"), format!("ok: {n} rules load without errors\n")));
                0
            }
            Err(errors) => {
                print_errors(&errors, "规则文件中有 {n} 处问题", "{n} problem(s) in rule files");
                2
            }
        },
        RulesCommand::Test { dirs } => {
            let pack = match pack_of(&dirs) {
                Ok(p) => p,
                Err(errors) => {
                    print_errors(
                        &errors,
                        "规则文件中有 {n} 处问题,未运行任何样例",
                        "{n} problem(s) in rule files; no example was run",
                    );
                    return 2;
                }
            };
            let outcomes = rules::examples::test_pack(&pack);
            let mut text = String::new();
            let mut failed = 0;
            for o in &outcomes {
                if o.failures.is_empty() {
                    text.push_str(&format!("ok    {}  ({} valid, {} invalid)\n", o.id, o.valid, o.invalid));
                } else {
                    failed += 1;
                    text.push_str(&format!("FAIL  {}\n", o.id));
                    for f in &o.failures {
                        text.push_str(&format!("      {f}\n"));
                    }
                }
            }
            let (n, passed) = (outcomes.len(), outcomes.len() - failed);
            text.push_str(&tr!(
                format!("{n} 条规则:{passed} 条通过,{failed} 条未通过\n"),
                format!("{n} rules: {passed} passed, {failed} failed\n")
            ));
            out(&text);
            u8::from(failed > 0)
        }
        RulesCommand::List => match pack_of(&[]) {
            Ok(pack) => {
                let width = pack.rules.iter().map(|r| r.meta.id.len()).max().unwrap_or(0);
                let mut text = String::new();
                for r in &pack.rules {
                    let m = &r.meta;
                    text.push_str(&format!(
                        "{:<width$}  {:<11}  {:<7}  {}\n",
                        m.id,
                        m.kind.as_str(),
                        m.severity.as_str(),
                        m.message
                    ));
                }
                out(&text);
                0
            }
            Err(errors) => {
                print_errors(&errors, "规则文件中有 {n} 处问题", "{n} problem(s) in rule files");
                2
            }
        },
        RulesCommand::Explain { id } => match pack_of(&[]) {
            Ok(pack) => match pack.get(&id) {
                Some(r) => {
                    out(&explain(r));
                    0
                }
                None if id == rules::applies::UNRECOGNISED && !pack.kinds.is_empty() => {
                    out(&explain_unrecognised(&pack));
                    0
                }
                None => {
                    say(tr!(
                        format!("错误:没有规则 `{id}`;`fzlint rules list` 列出全部规则"),
                        format!("error: no rule `{id}`; `fzlint rules list` shows them all")
                    ));
                    2
                }
            },
            Err(errors) => {
                print_errors(&errors, "规则文件中有 {n} 处问题", "{n} problem(s) in rule files");
                2
            }
        },
    }
}

fn explain(r: &rules::Rule) -> String {
    let m = &r.meta;
    let mut t = format!("{}  ({}, {})\n\n{}\n", m.id, m.kind.as_str(), m.severity, m.message);
    if let Some(n) = &m.name {
        t.push_str(&format!("\n名称 / name: {n}\n"));
    }
    if let Some(h) = &m.help {
        t.push_str(&format!("\n修改建议 / help:\n  {h}\n"));
    }
    if let Some(u) = &m.url {
        t.push_str(&format!("\n依据 / reference:\n  {u}\n"));
    }
    t.push_str(&format!("\n来源 / defined in: {}\n", m.origin));
    if !m.examples.valid.is_empty() {
        t.push_str("\n不报错的例子 / valid:\n");
        for v in &m.examples.valid {
            t.push_str(&format!("  - {}\n", v.replace('\n', "\n    ")));
        }
    }
    if !m.examples.invalid.is_empty() {
        t.push_str("\n报错的例子 / invalid:\n");
        for v in &m.examples.invalid {
            t.push_str(&format!("  - {}\n", v.text().replace('\n', "\n    ")));
            if let Some(f) = v.flag() {
                t.push_str(&format!("    (指向 / points at: 「{f}」)\n"));
            }
        }
    }
    t
}

/// The finding given to a document of none of the kinds the pack's `applies_to:` declare.
fn explain_unrecognised(pack: &rules::RulePack) -> String {
    let mut t = format!(
        "{}  (document, info)\n\n文件不属于规则包声明的任何一类(applies_to),只按适用于所有文件的规则检查。\n\
         A document of none of the kinds the rule files declare with `applies_to:` is checked only by the\n\
         rules that apply to every document; it gets this one finding instead.\n\n类别 / kinds:\n",
        rules::applies::UNRECOGNISED
    );
    for k in &pack.kinds {
        let words: Vec<&str> = k.opening.iter().map(|r| r.as_str()).collect();
        t.push_str(&format!("  - {}: {}  ({})\n", k.name, words.join(" | "), k.origins.join(", ")));
    }
    t
}

fn init(copy_rules: bool, force: bool) -> u8 {
    let target = Path::new(settings::FILE_NAME);
    if target.exists() && !force {
        let f = settings::FILE_NAME;
        say(tr!(format!("错误:{f} 已存在;用 --force 覆盖"), format!("error: {f} exists; use --force to overwrite it")));
        return 2;
    }
    if copy_rules {
        if let Err(e) = std::fs::create_dir_all("rules") {
            say(tr!(format!("错误:无法创建 rules/:{e}"), format!("error: cannot create rules/: {e}")));
            return 2;
        }
        let mut files: Vec<(&str, &str)> = fzlint::builtin::PACK.to_vec();
        let schema = fzlint::config::schema();
        files.push(("rules/schema.json", schema.as_str()));
        for (name, text) in files {
            let dest = Path::new("rules").join(Path::new(name).file_name().unwrap_or_default());
            if dest.exists() && !force {
                let f = dest.display();
                say(tr!(
                    format!("错误:{f} 已存在;用 --force 覆盖"),
                    format!("error: {f} exists; use --force to overwrite it")
                ));
                return 2;
            }
            if let Err(e) = std::fs::write(&dest, text) {
                let f = dest.display();
                say(tr!(format!("错误:无法写入 {f}:{e}"), format!("error: cannot write {f}: {e}")));
                return 2;
            }
            let f = dest.display();
            out(&tr!(format!("已写入 {f}\n"), format!("wrote {f}\n")));
        }
    }
    if let Err(e) = std::fs::write(target, settings::starter(copy_rules)) {
        let f = target.display();
        say(tr!(format!("错误:无法写入 {f}:{e}"), format!("error: cannot write {f}: {e}")));
        return 2;
    }
    let f = settings::FILE_NAME;
    out(&tr!(format!("已写入 {f}\n"), format!("wrote {f}\n")));
    0
}
