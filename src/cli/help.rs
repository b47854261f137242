//! The command line in Chinese: about and help texts of every command and option, headings,
//! usage lines and clap's own flags, put on the `clap::Command` the derive builds before any
//! argument is parsed. In English the derive's doc comments stand as they are.

use clap::{Arg, ArgAction, Command};
use fzlint::lang::Lang;

const EXAMPLES_ZH: &str = "\
示例:
  fzlint check seeds/                      检查 seeds/ 下的每一份报告
  fzlint check report.txt --format json    机器可读的结果
  fzlint check reports/ --format html > 审查结果.html   在浏览器中打开的审查结果
  fzlint check reports/ --format csv > 问题清单.csv     用 Excel 或 WPS 打开的问题清单
  fzlint check drafts/ --rules my-rules/   在内置规则之外加上 my-rules/*.yaml 中的规则
  fzlint check a.txt --fail-on warning     有警告时也以 1 退出
  cat a.txt | fzlint check -               从标准输入读取一份报告
  fzlint rules test my-rules/              运行每条规则自带的样例
  fzlint rules explain stated-rate         一条规则检查什么、依据是什么
  fzlint init                              写一个带说明的 fzlint.yaml

退出码:0 没有达到 --fail-on 的问题;1 有达到 --fail-on 的问题(或 `rules test` 中有样例未通过);
2 用法、设置、规则文件或输入文件有错误。
界面语言:--lang zh|en,默认按系统区域设置(LC_ALL、LC_MESSAGES、LANG)。";

const TEMPLATE_ZH: &str = "{before-help}{about-with-newline}\n用法:{usage}\n\n{all-args}{after-help}";

/// Chinese help for the arguments of one command, by argument id.
fn arg_help(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        (_, "config") => "使用这个设置文件,而不是在当前文件夹或上级文件夹中找到的 fzlint.yaml",
        (_, "lang") => "界面语言:zh(中文)或 en(英文);默认按系统区域设置",
        ("check", "paths") => "要检查的文件或文件夹(文件夹中的报告逐层查找);- 表示标准输入 [默认:.]",
        ("check", "rules") => "另加一个规则文件夹(*.yaml),可重复",
        ("check", "no_builtin") => "不用内置规则,只用 --rules 或设置文件中给出的规则",
        ("check", "format") => {
            "输出格式:human(在原文上标出问题,默认)、json、sarif、github、summary(每份报告一行)、\
             csv(Excel/WPS 表格)、html(在浏览器中查看的审查结果)"
        }
        ("check", "fail_on") => {
            "达到这一严重程度(error、warning、info)就以 1 退出 [默认:error,或 fzlint.yaml 中的 fail_on]"
        }
        ("check", "threads") => "线程数(默认:全部核心)",
        ("check", "color") => "human 输出何时着色:auto(默认)、always、never",
        ("check", "baseline") => "不再报告这个基线文件中记录过的问题,只报告新的",
        ("check", "write_baseline") => "把本次的问题记入基线文件(并以 0 退出)",
        ("check", "max_warnings") => "警告超过 N 处时以 1 退出",
        ("check", "explain_numbers") => "不列问题,改为列出核对过的每一处数字关系及其算式",
        ("check", "follow") => "跟随文件夹中的符号链接(默认不跟随:链接可能指向别处)",
        ("test", "dirs") => "要测试的规则文件夹(默认:内置规则);每个文件夹单独加载",
        ("check-rules", "dirs") => "要校验的规则文件夹(默认:内置规则)",
        ("explain", "id") => "规则编号,例如 stated-rate",
        ("init", "copy_rules") => "同时把内置规则复制到 ./rules 以便修改(并改用它们)",
        ("init", "force") => "覆盖已有的 fzlint.yaml",
        _ => return None,
    })
}

/// Value names as the help shows them (`<FILE>` → `<文件>`).
fn value_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "PATHS" => "路径",
        "DIRS" => "规则文件夹",
        "ID" => "规则编号",
        "FILE" => "文件",
        "DIR" => "文件夹",
        "FORMAT" => "格式",
        "FAIL_ON" => "级别",
        "COLOR" => "何时",
        "LANG" => "语言",
        _ => return None,
    })
}

fn about(command: &str) -> Option<&'static str> {
    Some(match command {
        "fzlint" => "法治政府建设年度报告检查工具",
        "check" => "按规则检查报告(文件、文件夹,或 - 表示标准输入)",
        "rules" => "编写规则:运行样例、校验、列出、解释、输出 JSON schema",
        "init" => "在当前文件夹写一个带说明的 fzlint.yaml",
        "test" => "运行每条规则的样例:valid 不应报错,invalid 应当报错",
        "check-rules" => "只校验规则文件,不检查报告;列出每一处错误",
        "list" => "每条规则一行:编号、种类、严重程度、说明",
        "explain" => "一条规则的说明、修改建议、依据和样例",
        "schema" => "规则文件的 JSON schema",
        _ => return None,
    })
}

fn usage(command: &str) -> Option<&'static str> {
    Some(match command {
        "fzlint" => "fzlint [选项] <命令>",
        "check" => "fzlint check [选项] [路径]...",
        "rules" => "fzlint rules <命令>",
        "init" => "fzlint init [选项]",
        "test" => "fzlint rules test [选项] [规则文件夹]...",
        "check-rules" => "fzlint rules check [选项] [规则文件夹]...",
        "list" => "fzlint rules list [选项]",
        "explain" => "fzlint rules explain [选项] <规则编号>",
        "schema" => "fzlint rules schema [选项]",
        _ => return None,
    })
}

/// `cmd` with its words in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let cmd = cmd
                .disable_version_flag(true)
                .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本"))
                .after_help(EXAMPLES_ZH);
            zh(cmd, "fzlint")
        }
    }
}

fn zh(cmd: Command, key: &str) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE_ZH)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if let Some(a) = about(key) {
        cmd = cmd.about(a).long_about(None);
    }
    if let Some(u) = usage(key) {
        cmd = cmd.override_usage(u);
    }
    if key == "check" {
        cmd = cmd.after_help(EXAMPLES_ZH);
    }
    let ids: Vec<(String, bool)> = cmd.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
    for (id, positional) in ids {
        let help = arg_help(key, &id);
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let shown = a.get_value_names().and_then(|v| v.first()).map(|v| v.to_string());
            let shown = shown.unwrap_or_else(|| id.to_ascii_uppercase());
            let a = match value_name(&shown) {
                Some(v) if a.get_action().takes_values() => a.value_name(v),
                _ => a,
            };
            let a = a.help_heading(if positional { "参数" } else { "选项" });
            match help {
                Some(h) if a.get_action().takes_values() => {
                    a.help(h).long_help(None).hide_possible_values(true).hide_default_value(true)
                }
                Some(h) => a.help(h).long_help(None),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        // `rules check` and `check` are different commands with one name.
        let sub_key = if key == "rules" && name == "check" { "check-rules".to_string() } else { name.clone() };
        cmd = cmd.mut_subcommand(name.as_str(), |s| zh(s, &sub_key));
    }
    cmd
}
