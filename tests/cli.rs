//! The command line: exit codes, determinism across thread counts, and bad input.

mod common;

use std::process::Output;

use common::root;

fn run(args: &[&str]) -> Output {
    common::fzlint().args(args).current_dir(root()).output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn seeds_exit_codes_follow_fail_on() {
    // 002 has no title (an error): exit 1 by default.
    let o = run(&["check", "seeds", "--color", "never"]);
    assert_eq!(code(&o), 1, "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("could not be checked; ") && out.ends_with(" inconsistent\n"), "closing line: {out}");
    assert!(out.contains("numeric relations checked, 1 inconsistent"), "closing line: {out}");
    assert!(out.contains("5 files checked"));
    // A report with warnings only: 0 by default, 1 with --fail-on warning.
    assert_eq!(code(&run(&["check", "seeds/003_5990ac397e3d3cbe.txt"])), 0);
    assert_eq!(code(&run(&["check", "seeds/003_5990ac397e3d3cbe.txt", "--fail-on", "warning"])), 1);
}

#[test]
fn json_is_as_specified_and_identical_across_thread_counts() {
    let one = run(&["check", "seeds", "--format", "json", "-j", "1"]);
    let two = run(&["check", "seeds", "--format", "json", "-j", "2"]);
    let eight = run(&["check", "seeds", "--format", "json", "-j", "8"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, eight.stdout);
    let v = json(&one);
    assert_eq!(v["version"], 1);
    let s = &v["summary"];
    for k in ["files", "errors", "warnings", "infos", "failed"] {
        assert!(s[k].is_u64(), "summary.{k}");
    }
    assert_eq!(s["files"], 5);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(
        findings.len() as u64,
        s["errors"].as_u64().unwrap() + s["warnings"].as_u64().unwrap() + s["infos"].as_u64().unwrap()
    );
    let keys = [
        "path",
        "rule",
        "kind",
        "severity",
        "message",
        "help",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "related",
    ];
    for f in findings {
        let obj = f.as_object().unwrap();
        let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
        got.sort();
        let mut want = keys.to_vec();
        want.sort();
        assert_eq!(got, want);
        // start/end are byte offsets into the file; line/column (characters) agree with them.
        let path = f["path"].as_str().unwrap();
        let text = std::fs::read_to_string(root().join(path)).unwrap();
        let start = f["start"].as_u64().unwrap() as usize;
        let end = f["end"].as_u64().unwrap() as usize;
        assert!(start < end && end <= text.len(), "{f}");
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!((f["line"].as_u64().unwrap() as usize, f["column"].as_u64().unwrap() as usize), (line, column));
    }
    // Sorted by path, then start.
    let order: Vec<(String, u64)> =
        findings.iter().map(|f| (f["path"].as_str().unwrap().to_string(), f["start"].as_u64().unwrap())).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn rule_file_syntax_error_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "rules:\n  - id: x\n    kind: \"pattern\n    severity: error\n")
        .unwrap();
    let o = run(&["check", "seeds", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("broken.yaml:3:"), "{err}");
    assert!(o.stdout.is_empty(), "nothing checked");
}

#[test]
fn rule_file_errors_point_into_the_yaml() {
    let cases = [
        ("rules:\n  - id: x\n    kind: pattern\n    severity: fatal\n    message: m\n    forbid: [a]\n", ":4:", "unknown variant `fatal`"),
        ("rules:\n  - id: x\n    kind: pattern\n    severity: error\n    message: m\n    forbid: [\"a(b\"]\n", ":6:", "invalid regular expression"),
        ("rules:\n  - id: x\n    kind: pattern\n    severity: error\n    message: m\n    forbid: [a]\n    colour: red\n", ":7:", "unknown field `colour`"),
        ("rules:\n  - id: x\n    kind: spelling\n    severity: error\n    message: m\n", ":3:", "unknown variant `spelling`"),
        ("rules:\n  - id: x\n    kind: title\n    severity: error\n    message: m\n    forbid: [a]\n", ":6:", "does not apply"),
        ("rules:\n  - id: title\n    kind: title\n    severity: error\n    message: m\n", ":2:", "duplicate rule id `title`"),
    ];
    for (yaml, at, what) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
        let o = run(&["check", "seeds", "--rules", dir.path().to_str().unwrap()]);
        assert_eq!(code(&o), 2, "{yaml}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(&format!("r.yaml{at}")) && err.contains(what), "{what}: {err}");
    }
}

#[test]
fn bad_inputs_are_reported_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seed = std::fs::read_to_string(root().join("seeds/002_95c6190906e8dcd1.txt")).unwrap();
    std::fs::write(d.join("a_empty.txt"), "").unwrap();
    std::fs::write(d.join("b_binary.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let mut invalid = "报告".as_bytes().to_vec();
    invalid.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1, 0xFF]);
    std::fs::write(d.join("c_invalid.txt"), invalid).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&seed);
    std::fs::write(d.join("d_gb18030.txt"), gb).unwrap();
    std::fs::write(d.join("e_utf8.txt"), &seed).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("f_dangling.txt")).unwrap();
    let o = run(&["check", d.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&o), 2, "an input could not be checked");
    let v = json(&o);
    let errors: Vec<(String, String)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let p = e["path"].as_str().unwrap();
            (p.rsplit('/').next().unwrap().to_string(), e["message"].as_str().unwrap().to_string())
        })
        .collect();
    let msg = |name: &str| errors.iter().find(|(p, _)| p == name).map(|(_, m)| m.clone()).unwrap_or_default();
    assert!(msg("a_empty.txt").contains("empty"), "{errors:?}");
    assert!(msg("b_binary.txt").contains("binary"), "{errors:?}");
    assert!(msg("c_invalid.txt").contains("not valid UTF-8"), "{errors:?}");
    // A link inside a folder is not followed (as ripgrep without -L); with -L a dangling one is an error.
    assert!(msg("f_dangling.txt").is_empty(), "{errors:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(v["summary"]["failed"], 3);
    let followed = json(&run(&["check", d.to_str().unwrap(), "-L", "--format", "json"]));
    assert_eq!(followed["summary"]["failed"], 4);
    // The GB18030 copy gives exactly the findings of the UTF-8 one (by rule and line).
    let of = |name: &str| -> Vec<(String, u64, u64)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| {
                (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
            })
            .collect()
    };
    assert!(!of("e_utf8.txt").is_empty());
    assert_eq!(of("d_gb18030.txt"), of("e_utf8.txt"));
    // stderr names each bad file too.
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("a_empty.txt") && err.contains("b_binary.txt"), "{err}");
}

#[test]
fn missing_path_and_no_files() {
    let o = run(&["check", "does/not/exist.txt"]);
    assert_eq!(code(&o), 2);
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no reports ("));
    let o = run(&["check", "seeds", "--format", "xml"]);
    assert_eq!(code(&o), 2, "usage error");
}

/// Run fzlint with `args`, seed 002 written to its standard input.
fn run_with_seed_on_stdin(args: &[&str]) -> Output {
    let seed = std::fs::read(root().join("seeds/002_95c6190906e8dcd1.txt")).unwrap();
    let mut child = common::fzlint()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&seed).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn stdin_is_read_with_dash() {
    let v = json(&run_with_seed_on_stdin(&["check", "-", "--format", "json"]));
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["path"] == "-"));
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "title"));
}

/// A path that is a pipe, not a file (`<(…)`, `/dev/stdin`): read to its end, not by its size.
#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_path_is_read_to_its_end() {
    let v = json(&run_with_seed_on_stdin(&["check", "/dev/stdin", "--format", "json"]));
    assert_eq!(v["summary"]["failed"], 0, "{v}");
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "title"));
}

#[test]
fn a_50_mb_single_line_file_finishes_with_bounded_output() {
    // One paragraph of 50 MB: no line breaks at all. It must be read, modelled and checked,
    // and the human output must show a window around each finding, not the line.
    let dir = tempfile::tempdir().unwrap();
    let unit = "共受理行政复议案件224件,办结168件,法定期限内办结率100%。一是加强领导;二是压实责任。";
    let mut text = String::with_capacity(52 << 20);
    text.push_str("当前位置: 首页>法治政府建设 ");
    while text.len() < 50 << 20 {
        text.push_str(unit);
    }
    let path = dir.path().join("huge.txt");
    std::fs::write(&path, &text).unwrap();
    let o = run(&["check", path.to_str().unwrap(), "--color", "never"]);
    assert_ne!(code(&o), 2, "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("web-leftover"));
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "no line of output shows the whole paragraph ({longest} chars)");
}
