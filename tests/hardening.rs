//! Hostile and merely odd inputs: Chinese numerals with several scales, folders with links
//! and pipes, oversized settings, forged terminal output, baselines named differently.

mod common;

use common::{check, rule_ids};

#[test]
fn yi_then_wan_is_not_multiplied_twice() {
    // 二亿五千万 is 250,000,000, below 三亿: no "concluded more than received".
    let ok = check("t.txt", "全年收到三亿件,审结二亿五千万件。");
    assert!(!rule_ids(&ok).contains(&"closed-le-accepted"), "{:?}", rule_ids(&ok));
    let bad = check("t.txt", "全年收到二亿件,审结二亿五千万件。");
    assert!(rule_ids(&bad).contains(&"closed-le-accepted"), "{:?}", rule_ids(&bad));
}

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A report with one error finding (closed-le-accepted) whose words are `body`.
fn report(body: &str) -> String {
    format!("某县2023年法治政府建设年度报告\n一、主要成效\n{body}\n")
}

/// Run fzlint with `args` in `dir`; kill it and fail after 20 s.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = common::fzlint()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained while waiting, so a long output cannot block the child on a full pipe.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            r.read_to_end(&mut buf).unwrap();
            buf
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("fzlint {args:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(unix)]
#[test]
fn walking_does_not_follow_links_out_of_the_tree() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, report("机密行一号:全年收到2件,审结5件。")).unwrap();
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("a.txt"), report("全年收到5件,审结2件。")).unwrap();
    std::os::unix::fs::symlink(&secret, tree.path().join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tree.path().join("elsewhere")).unwrap();

    let o = run_in(tree.path(), &["check", ".", "--color", "never"]);
    let out = text(&o.stdout);
    assert!(!out.contains("机密行一号"), "{out}");
    assert!(out.contains("1 file checked"), "{out}");
    // -L follows, and a link named explicitly is read.
    let o = run_in(tree.path(), &["check", ".", "-L", "--color", "never"]);
    assert!(text(&o.stdout).contains("机密行一号"), "{}", text(&o.stdout));
    let o = run_in(tree.path(), &["check", "leak.txt", "--color", "never"]);
    assert!(text(&o.stdout).contains("机密行一号"), "{}", text(&o.stdout));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_skipped_not_waited_on() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("a.txt"), report("全年收到5件,审结2件。")).unwrap();
    let made = Command::new("mkfifo").arg(tree.path().join("pipe.txt")).status().unwrap();
    assert!(made.success());
    let o = run_in(tree.path(), &["check", ".", "--format", "summary"]);
    let err = text(&o.stderr);
    assert_ne!(o.status.code(), Some(2), "{err}");
    assert!(text(&o.stdout).contains("1 file"), "{}", text(&o.stdout));
    assert!(err.contains("skipped") && err.contains("pipe.txt") && err.contains("FIFO"), "{err}");
}

#[test]
fn settings_and_baseline_obey_the_size_limit() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("a.txt"), report("全年收到5件,审结2件。")).unwrap();
    for name in ["big.yaml", "big.json"] {
        let f = std::fs::File::create(tree.path().join(name)).unwrap();
        f.set_len(fzlint::source::MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    }
    let started = Instant::now();
    let o = run_in(tree.path(), &["--config", "big.yaml", "check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("larger than the limit"), "{}", text(&o.stderr));
    let o = run_in(tree.path(), &["check", "a.txt", "--baseline", "big.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("larger than the limit"), "{}", text(&o.stderr));
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[test]
fn threads_are_capped() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("a.txt"), report("全年收到5件,审结2件。")).unwrap();
    let o = run_in(tree.path(), &["check", "a.txt", "-j", "100000000", "--format", "summary"]);
    assert_ne!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("using 256 threads"), "{}", text(&o.stderr));
}

const ESCAPES: &str = "\u{1b}[2J\u{1b}]8;;http://x.invalid\u{7}链接\u{1b}]8;;\u{7}\u{9b}31m";

#[test]
fn escape_sequences_in_reports_are_shown_not_obeyed() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("a.txt"), report(&format!("全年收到2件,审结5件{ESCAPES}。"))).unwrap();
    for format in ["human", "summary", "github"] {
        let o = run_in(tree.path(), &["check", "a.txt", "--color", "never", "--format", format]);
        let out = text(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{format}: {out}");
        // The summary names rules by their names, the others by id.
        let rule = if format == "summary" { "办结数不多于受理数" } else { "closed-le-accepted" };
        assert!(out.contains(rule), "{format}: {out}");
        assert!(!out.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{format}: {out:?}");
        if format == "human" {
            assert!(out.contains("\\u{1b}[2J"), "{format}: {out}");
        }
    }
}

#[cfg(unix)]
#[test]
fn odd_file_names_cannot_forge_rows_and_stay_distinct() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let tree = tempfile::tempdir().unwrap();
    let names: [&[u8]; 4] =
        [b"a\xff.txt", b"a\xfe.txt", b"b\\c.txt", b"d\n     9        9     9  forged.txt\x1b[8m.txt"];
    for name in names {
        std::fs::write(tree.path().join(OsStr::from_bytes(name)), report("全年收到5件,审结2件。")).unwrap();
    }
    let o = run_in(tree.path(), &["check", ".", "--format", "summary"]);
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 1 + names.len() + 1, "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    for shown in ["a\\xFF.txt", "a\\xFE.txt", "b\\c.txt", "d\\u{a}     9"] {
        assert!(out.contains(shown), "{shown} in {out}");
    }
    let o = run_in(tree.path(), &["check", ".", "--format", "github"]);
    let out = text(&o.stdout);
    assert!(!out.contains('\u{1b}') && out.contains("d%0A"), "{out:?}");
}

#[test]
fn an_exclude_set_that_cannot_compile_is_an_error() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::create_dir(tree.path().join("drafts")).unwrap();
    std::fs::write(tree.path().join("drafts/a.txt"), report("全年收到5件,审结2件。")).unwrap();
    // Each glob alone is valid; together their regex is over the size limit.
    let huge = format!("**/{}.txt", "?".repeat(200_000));
    std::fs::write(tree.path().join("fzlint.yaml"), format!("exclude: [\"drafts/**\", \"{huge}\"]\n")).unwrap();
    let o = run_in(tree.path(), &["check", ".", "--format", "summary"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("`exclude` globs cannot be compiled"), "{}", text(&o.stderr));
    assert!(!text(&o.stdout).contains("a.txt"), "{}", text(&o.stdout));
}

#[test]
fn settings_from_a_parent_are_named_and_discovery_stops_at_the_repository() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("fzlint.yaml"), "severity: {closed-le-accepted: off}\n").unwrap();
    let sub = outer.path().join("reports");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), report("全年收到2件,审结5件。")).unwrap();
    let o = run_in(&sub, &["check", "a.txt", "--format", "summary"]);
    assert!(text(&o.stderr).contains("note: using settings") && text(&o.stderr).contains("fzlint.yaml"));
    assert!(!text(&o.stdout).contains("办结数不多于受理数"), "{}", text(&o.stdout));
    // In the current folder: nothing to say.
    let o = run_in(outer.path(), &["check", "reports/a.txt", "--format", "summary"]);
    assert!(!text(&o.stderr).contains("note: using settings"), "{}", text(&o.stderr));
    // A repository inside: the file above it is not used.
    std::fs::create_dir(sub.join(".git")).unwrap();
    let o = run_in(&sub, &["check", "a.txt", "--format", "summary"]);
    assert!(!text(&o.stderr).contains("note: using settings"), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("办结数不多于受理数"), "{}", text(&o.stdout));
}

#[test]
fn an_empty_rule_pack_is_an_error() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("a.txt"), report("全年收到2件,审结5件。")).unwrap();
    std::fs::create_dir(tree.path().join("rules")).unwrap();
    std::fs::write(tree.path().join("fzlint.yaml"), "builtin: false\nrule_dirs: [rules]\n").unwrap();
    let o = run_in(tree.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("rule pack is empty"), "{}", text(&o.stderr));
    let o = run_in(tree.path(), &["rules", "check", "rules"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
}

fn findings_in(o: &Output) -> u64 {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v["summary"];
    s["errors"].as_u64().unwrap() + s["warnings"].as_u64().unwrap() + s["infos"].as_u64().unwrap()
}

#[test]
fn baselines_match_by_file_not_by_spelling() {
    let tree = tempfile::tempdir().unwrap();
    let d = tree.path();
    std::fs::write(d.join("r.txt"), report("全年收到2件,审结5件。")).unwrap();
    std::fs::create_dir(d.join("ci")).unwrap();
    let o = run_in(d, &["check", "r.txt", "--write-baseline", "ci/base.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let written = std::fs::read_to_string(d.join("ci/base.json")).unwrap();
    assert!(written.contains("\"path\": \"../r.txt\""), "{written}");
    assert!(findings_in(&run_in(d, &["check", "r.txt", "--format", "json"])) > 0);
    let absolute = d.join("r.txt").to_str().unwrap().to_string();
    for (cwd, file, base) in [
        (d.to_path_buf(), "r.txt", "ci/base.json"),
        (d.to_path_buf(), "./r.txt", "ci/base.json"),
        (d.to_path_buf(), absolute.as_str(), "ci/base.json"),
        (d.join("ci"), "../r.txt", "base.json"),
        (d.join("ci"), "./../ci/../r.txt", "./base.json"),
    ] {
        let o = run_in(&cwd, &["check", file, "--baseline", base, "--format", "json"]);
        assert_eq!(findings_in(&o), 0, "{file} with {base}: {}", text(&o.stdout));
        assert!(!text(&o.stderr).contains("no finding matched"), "{}", text(&o.stderr));
    }
    // A baseline of another file hides nothing, and says so.
    std::fs::write(d.join("other.txt"), report("全年收到3件,审结7件。")).unwrap();
    let o = run_in(d, &["check", "other.txt", "--baseline", "ci/base.json", "--format", "json"]);
    assert!(findings_in(&o) > 0);
    assert!(text(&o.stderr).contains("no finding matched any of the"), "{}", text(&o.stderr));
}

#[test]
fn findings_per_rule_per_file_are_capped() {
    use fzlint::engine::{self, MAX_FINDINGS_PER_RULE};
    use fzlint::rules::{self, PackOptions, PackSource};
    let dir = tempfile::tempdir().unwrap();
    let rule = "rules:\n  - id: banned-word\n    kind: pattern\n    severity: warning\n    message: 出现禁用词\n    scope: sentence\n    forbid: ['禁用词']\n";
    std::fs::write(dir.path().join("a.yaml"), rule).unwrap();
    let pack = rules::load_pack(&[PackSource::Dir(dir.path())], &PackOptions::default()).unwrap();
    let text = format!("某县2023年法治政府建设年度报告\n{}\n", "出现禁用词。".repeat(1000));
    let found = engine::check_text("t.txt", &text, &pack);
    assert_eq!(found.len(), MAX_FINDINGS_PER_RULE + 1);
    let last = &found.last().unwrap().finding;
    assert!(last.message.contains("另有 900 处"), "{}", last.message);
    // The kept ones are the first in the text.
    assert_eq!(found[0].start.column, 3);
    assert!(found.windows(2).all(|w| w[0].finding.span.start < w[1].finding.span.start));
    // Under the cap nothing changes.
    let few = format!("某县2023年法治政府建设年度报告\n{}\n", "出现禁用词。".repeat(MAX_FINDINGS_PER_RULE));
    let found = engine::check_text("t.txt", &few, &pack);
    assert_eq!(found.len(), MAX_FINDINGS_PER_RULE);
    assert!(found.iter().all(|l| l.finding.message == "出现禁用词"));
}

#[test]
fn related_places_per_finding_are_capped() {
    use fzlint::engine::{cap, MAX_RELATED};
    use fzlint::report::Span;
    let pack = common::builtin();
    let meta = &pack.rules[0].meta;
    let mut f = meta.finding(Span { start: 0, end: 1 }, "这里");
    for i in 0..1000 {
        f = f.with_related(Span { start: i + 1, end: i + 2 }, "相关");
    }
    let mut findings = vec![f];
    cap(&mut findings, 0, meta);
    let related = &findings[0].related;
    assert_eq!(related.len(), MAX_RELATED + 1);
    assert_eq!(related[MAX_RELATED].label, format!("另有 {} 处相关位置未列出", 1000 - MAX_RELATED));
    assert_eq!(related[MAX_RELATED].span.start, MAX_RELATED + 1);
}

#[test]
fn rule_texts_are_escaped_in_rules_list_and_explain() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::create_dir(tree.path().join("rules")).unwrap();
    let rule = "rules:\n  - id: shared-rule\n    kind: pattern\n    severity: warning\n    message: \"消息\\e[2J\\e]0;标题\\a\"\n    forbid: ['禁用词']\n";
    std::fs::write(tree.path().join("rules/a.yaml"), rule).unwrap();
    std::fs::write(tree.path().join("fzlint.yaml"), "builtin: false\nrule_dirs: [rules]\n").unwrap();
    for args in [&["rules", "list"][..], &["rules", "explain", "shared-rule"]] {
        let o = run_in(tree.path(), args);
        let out = text(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(out.contains("消息\\u{1b}[2J") && !out.contains(['\u{1b}', '\u{7}']), "{out:?}");
    }
}
