//! `--format html` opened in headless Chromium (Debian's `chromium`): the page shows as many
//! reports and findings as `--format json` gives, its filters hide what they should, and a
//! report holding `<script>` and `</style>` shows them as text and runs nothing.
//!
//! Without Chromium the tests say so and pass — except under CI (`CI` set), where `.ci/run`
//! installs it and its absence is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::root;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    common::fzlint().args(args).current_dir(dir).output().unwrap()
}

fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
    });
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "chromium is missing under CI: .ci/run should install it");
        eprintln!("SKIPPED: no chromium on PATH (apt-get install chromium); the page was not opened");
    }
    found
}

fn chromium_args(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// The DOM of `page` after its script ran, opened at `#hash`.
fn dom(browser: &Path, page: &Path, hash: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = chromium_args(browser, profile.path())
        .arg("--dump-dom")
        .arg(format!("file://{}#{hash}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not finish: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    dom
}

fn attr(dom: &str, name: &str) -> usize {
    let re = regex::Regex::new(&format!(r#"id="totals"[^>]*\b{name}="(\d+)""#)).unwrap();
    re.captures(dom).unwrap_or_else(|| panic!("{name} missing")).get(1).unwrap().as_str().parse().unwrap()
}

fn count(dom: &str, needle: &str) -> usize {
    dom.matches(needle).count()
}

fn page_of(dir: &Path, args: &[&str], out: &Path) -> Output {
    let o = run_in(dir, args);
    std::fs::write(out, &o.stdout).unwrap();
    o
}

fn json_of(dir: &Path, paths: &str) -> serde_json::Value {
    serde_json::from_slice(&run_in(dir, &["check", paths, "--format", "json"]).stdout).unwrap()
}

#[test]
fn seeds_page_shows_what_json_finds_and_filters_hide_the_rest() {
    let Some(browser) = chromium() else { return };
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("seeds.html");
    let o = page_of(&root(), &["check", "seeds", "--format", "html"], &page);
    assert_eq!(o.status.code(), Some(1));
    let json = json_of(&root(), "seeds");
    let findings = json["findings"].as_array().unwrap();
    let files = json["summary"]["files"].as_u64().unwrap() as usize;

    let all = dom(&browser, &page, "view=all");
    assert_eq!(attr(&all, "data-reports"), files);
    assert_eq!(attr(&all, "data-findings"), findings.len());
    assert_eq!(attr(&all, "data-shown-findings"), findings.len());
    assert_eq!(count(&all, "<tr class=\"report"), files, "one overview row per report");
    assert_eq!(count(&all, "<li class=\"card "), findings.len(), "one card per finding");
    assert_eq!(count(&all, "<article class=\"report-sheet\""), files);
    // Every finding is highlighted at its span in the text.
    assert!(
        count(&all, "<mark class=\"error") + count(&all, "<mark class=\"warning") + count(&all, "<mark class=\"info")
            >= findings.len()
    );
    assert!(all.contains("比率与所依据数字相符(stated-rate)"), "rule name and id on the card");

    // Severity filter: only errors remain, and only the reports that have them.
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let with_errors: std::collections::BTreeSet<&str> =
        findings.iter().filter(|f| f["severity"] == "error").map(|f| f["path"].as_str().unwrap()).collect();
    let e = dom(&browser, &page, "view=all&severity=error");
    assert!(errors > 0 && errors < findings.len());
    assert_eq!(count(&e, "<li class=\"card "), errors);
    assert_eq!(count(&e, "<li class=\"card warning"), 0);
    assert_eq!(count(&e, "<tr class=\"report"), with_errors.len());
    assert_eq!(attr(&e, "data-shown-findings"), errors);

    // Rule filter and "numbers only".
    let r = dom(&browser, &page, "view=all&rule=web-leftover");
    let web = findings.iter().filter(|f| f["rule"] == "web-leftover").count();
    assert_eq!(count(&r, "<li class=\"card "), web);
    let n = dom(&browser, &page, "view=all&numbers=1");
    assert!(n.contains("规则:比率与所依据数字相符(stated-rate)") && !n.contains("规则:无网页残留(web-leftover)"));

    // The search box reads words of the title.
    let q = dom(&browser, &page, "view=all&q=%E6%B2%81%E6%B0%B4"); // 沁水
    assert_eq!(count(&q, "<tr class=\"report"), 1);
}

#[test]
fn hostile_report_shows_as_text_runs_nothing_and_unreadable_files_are_listed() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let hostile = "××县2022年度法治政府建设情况报告\n\
                   全县回访满意率107%。<script>alert(1);document.documentElement.setAttribute('data-pwned','1')</script></style>\
                   <img src=x onerror=\"document.title='pwned'\">\n";
    std::fs::write(d.join("hostile.txt"), hostile).unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("<b>name<b>.txt"), "××县2022年度法治政府建设情况报告\n满意率108%。\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("page.html");
    let o = page_of(d, &["check", ".", "--format", "html"], &page);
    assert_eq!(o.status.code(), Some(2), "an unreadable file: exit 2");
    let raw = String::from_utf8(std::fs::read(&page).unwrap()).unwrap();
    assert!(!raw.contains("alert(1)</script>") && !raw.contains("</style><img"), "report text never raw in the page");
    assert!(raw.contains("Content-Security-Policy") && raw.contains("default-src 'none'"));

    let dom = dom(&browser, &page, "view=all");
    assert!(!dom.contains("data-pwned=\"1\""), "the report's script ran");
    assert!(dom.contains("<title>法治政府建设年度报告审查结果</title>"));
    assert_eq!(count(&dom, "<script"), 2, "only the page's own data and script");
    assert!(!dom.contains("<img"));
    assert!(dom.contains("&lt;script&gt;alert(1);"), "shown as text");
    assert!(dom.contains("&lt;/style&gt;"));
    assert!(dom.contains("&lt;b&gt;name&lt;b&gt;.txt"), "file names too");
    assert_eq!(attr(&dom, "data-failed"), 1);
    assert_eq!(count(&dom, "<tr class=\"unreadable-file\""), 1);
    let json = json_of(d, ".");
    assert_eq!(attr(&dom, "data-findings"), json["findings"].as_array().unwrap().len());
    assert_eq!(count(&dom, "<li class=\"card "), json["findings"].as_array().unwrap().len());

    // A screenshot, kept for people to look at.
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-page.png");
    let profile = tempfile::tempdir().unwrap();
    let o = chromium_args(&browser, profile.path())
        .arg("--window-size=1280,1000")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}#view=all", page.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a screenshot of the page: {}", shot.display());
    eprintln!("screenshot: {}", shot.display());
}

/// The page's embedded data, as its script reads it.
fn page_data(page: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"fzlint-data\">";
    let from = page.find(open).unwrap() + open.len();
    let to = from + page[from..].find("</script>").unwrap();
    serde_json::from_str(&page[from..to]).unwrap()
}

#[test]
fn what_the_page_exports_is_the_baseline_fzlint_writes() {
    // The page's export groups dismissed findings by (key, rule, fingerprint); with every finding
    // dismissed it must equal `--write-baseline` in the folder fzlint ran in, and hide them all.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("reports")).unwrap();
    for (name, text) in common::seeds() {
        std::fs::write(d.join("reports").join(name), text).unwrap();
    }
    let page = String::from_utf8(run_in(d, &["check", "./reports", "--format", "html"]).stdout).unwrap();
    let data = page_data(&page);
    let mut counts: std::collections::BTreeMap<(String, String, String), usize> = Default::default();
    for r in data["reports"].as_array().unwrap() {
        for f in r["findings"].as_array().unwrap() {
            let k = (
                r["key"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["fingerprint"].as_str().unwrap().to_string(),
            );
            *counts.entry(k).or_default() += 1;
        }
    }
    let entries: Vec<serde_json::Value> = counts
        .into_iter()
        .map(|((path, rule, fingerprint), count)| serde_json::json!({"path": path, "rule": rule, "fingerprint": fingerprint, "count": count}))
        .collect();
    let exported = serde_json::json!({"version": 1, "entries": entries});
    assert_eq!(run_in(d, &["check", "reports", "--write-baseline", "written.json"]).status.code(), Some(0));
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("written.json")).unwrap()).unwrap();
    assert_eq!(exported, written);
    std::fs::write(d.join("exported.json"), serde_json::to_string_pretty(&exported).unwrap()).unwrap();
    let o = run_in(d, &["check", "reports", "--baseline", "exported.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!json_of(d, "reports")["findings"].as_array().unwrap().is_empty());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["findings"].as_array().unwrap().is_empty());
}
