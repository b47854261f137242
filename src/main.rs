//! The `fzlint` binary: parse arguments, load the rule pack, run the engine, print, and exit
//! with 0 (clean), 1 (findings at or above `--fail-on`) or 2 (usage, rule or input errors).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use fzlint::engine::{self, FileOutcome, Summary};
use fzlint::finding::Severity;
use fzlint::render::{self, human::HumanOptions, Format};
use fzlint::rules::{self, PackOptions, PackSource, RuleError, RulePack};
use fzlint::source::{self, Input};

const EXAMPLES: &str = "\
Examples:
  fzlint check seeds/                      lint every .txt/.md report under seeds/
  fzlint check report.txt --format json    machine-readable findings
  fzlint check drafts/ --rules my-rules/   add the rules in my-rules/*.yaml to the built-in pack
  fzlint check a.txt --fail-on warning     exit 1 on warnings too
  cat a.txt | fzlint check -               read one report from standard input

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
            2 usage, rule-file or input errors (other files are still checked).";

#[derive(Parser)]
#[command(name = "fzlint", version, about = "法治政府建设年度报告检查工具 — a linter for annual rule-of-law government reports", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (files, folders, or - for stdin) against the rule pack.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders to check; folders are searched recursively for .txt and .md files.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// A folder of extra rule files (*.yaml), added to the built-in pack. Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Use only the rules given with --rules, not the built-in pack.
    #[arg(long)]
    no_builtin: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    fail_on: SeverityArg,
    /// Number of threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
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
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
    };
    ExitCode::from(code)
}

fn print_rule_errors(errors: &[RuleError]) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for e in errors {
        let _ = handler.render_report(&mut out, e);
        out.push('\n');
    }
    out.push_str(&format!(
        "error: {} problem(s) in rule files; nothing was checked\n",
        errors.len()
    ));
    let _ = std::io::stderr().write_all(out.as_bytes());
}

fn load(args: &CheckArgs) -> Result<RulePack, Vec<RuleError>> {
    let mut sources = Vec::new();
    if !args.no_builtin {
        sources.push(PackSource::Embedded(fzlint::builtin::PACK));
    }
    for d in &args.rules {
        sources.push(PackSource::Dir(d));
    }
    rules::load_pack(&sources, &PackOptions::default())
}

fn check(args: CheckArgs) -> u8 {
    let pack = match load(&args) {
        Ok(p) => p,
        Err(errors) => {
            print_rule_errors(&errors);
            return 2;
        }
    };
    let (inputs, missing) = source::collect_inputs(&args.paths, source::EXTENSIONS);
    if inputs.is_empty() && missing.is_empty() {
        eprintln!("error: no .txt or .md files found under the given paths");
        return 2;
    }
    let run = |inputs: &[Input]| engine::run(inputs, &pack);
    let mut outcomes: Vec<FileOutcome> = match args.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(|| run(&inputs)),
            Err(e) => {
                eprintln!("error: cannot start {n} threads: {e}");
                return 2;
            }
        },
        None => run(&inputs),
    };
    outcomes.extend(missing.into_iter().map(|(path, e)| FileOutcome {
        path,
        result: Err(e),
    }));
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));

    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
    };
    let text = render::render(format, &outcomes, &HumanOptions { color, width: 100 });
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return 2;
    }
    for o in &outcomes {
        if let Err(e) = &o.result {
            eprintln!("error: {}: {e}", o.path);
        }
    }
    let summary = Summary::of(&outcomes);
    let threshold = match args.fail_on {
        SeverityArg::Error => Severity::Error,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Info => Severity::Info,
    };
    if summary.failed > 0 {
        2
    } else if summary.at_or_above(threshold) > 0 {
        1
    } else {
        0
    }
}
