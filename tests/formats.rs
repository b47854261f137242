//! The CI-gate formats (SARIF, GitHub annotations, summary), baselines, and .docx / .html
//! inputs giving the same findings as the plain-text reports.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use common::{root, seeds};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    common::fzlint().args(args).current_dir(dir).output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn finding_count() -> usize {
    json(&run(&["check", "seeds", "--format", "json"]))["findings"].as_array().unwrap().len()
}

/// The SARIF document of a run, validated against the official 2.1.0 schema.
fn valid_sarif(o: &std::process::Output) -> serde_json::Value {
    let sarif = json(o);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    sarif
}

#[test]
fn sarif_validates_and_has_one_result_per_finding() {
    let o = run(&["check", "seeds", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let sarif = valid_sarif(&o);
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), finding_count());
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "fzlint");
    assert!(driver["version"].is_string() && driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 25);
    for r in rules {
        assert!(r["id"].is_string() && r["shortDescription"]["text"].is_string());
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    // Every result's rule is described.
    for res in results {
        assert!(rules.iter().any(|r| r["id"] == res["ruleId"]), "{res}");
        let uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("seeds/"), "relative to the working folder: {uri}");
    }
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
}

#[test]
fn sarif_names_rules_carries_related_spans_and_notes_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join("seeds/002_95c6190906e8dcd1.txt"), d.join("002.txt")).unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    let o = run_in(d, &["check", ".", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stderr.windows(b"empty file".len()).any(|w| w == b"empty file"), "told on stderr too");
    let sarif = valid_sarif(&o);
    let run0 = &sarif["runs"][0];
    let inv = &run0["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "./empty.txt");
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains("empty"));
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let rate_rule = rules.iter().find(|r| r["id"] == "stated-rate").unwrap();
    assert_eq!(rate_rule["name"], "比率与所依据数字相符");
    let rate = run0["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "stated-rate").unwrap();
    let related = rate["relatedLocations"].as_array().unwrap();
    let labels: Vec<&str> = related.iter().map(|r| r["message"]["text"].as_str().unwrap()).collect();
    assert_eq!(labels, vec!["分子 2036件", "分母 2093件"]);
    let primary = &rate["locations"][0]["physicalLocation"]["region"];
    for r in related {
        let region = &r["physicalLocation"]["region"];
        assert_eq!(region["startLine"], primary["startLine"]);
        assert!(region["startColumn"].as_u64() < primary["startColumn"].as_u64());
        assert_eq!(region["endColumn"].as_u64().unwrap() - region["startColumn"].as_u64().unwrap(), 5, "2036件");
    }
    // A clean run says so.
    let clean = json(&run(&["check", "seeds/000_d55f31c2f4864f7a.txt", "--format", "sarif"]));
    assert_eq!(clean["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_columns_are_utf16_on_a_line_with_chinese_before_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    // An astral character (2 UTF-16 units) and Chinese text before the rate.
    let text = "××县2022年度法治政府建设情况报告\n𠀀𠀀全县回访满意率107%。\n";
    std::fs::write(dir.path().join("r.txt"), text).unwrap();
    let sarif = json(&run_in(dir.path(), &["check", "r.txt", "--format", "sarif"]));
    let res = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "rate-at-most-100")
        .cloned()
        .unwrap();
    let region = &res["locations"][0]["physicalLocation"]["region"];
    let line = text.lines().nth(1).unwrap();
    let before = &line[..line.find("107%").unwrap()];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"].as_u64().unwrap() as usize, before.encode_utf16().count() + 1);
    assert_eq!(region["endColumn"].as_u64().unwrap() as usize, before.encode_utf16().count() + 1 + 4);
    // JSON counts characters instead: 2 fewer (each astral character is one).
    let j = json(&run_in(dir.path(), &["check", "r.txt", "--format", "json"]));
    let f = j["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "rate-at-most-100").cloned().unwrap();
    assert_eq!(f["column"].as_u64().unwrap() as usize, before.chars().count() + 1);
}

#[test]
fn github_lines_are_well_formed_one_per_finding() {
    let o = run(&["check", "seeds", "--format", "github"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let pattern = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::[^\r\n]+$",
    )
    .unwrap();
    for line in out.lines() {
        assert!(pattern.is_match(line), "{line}");
    }
    assert_eq!(out.lines().count(), finding_count());
    // Escaping of the workflow-command format.
    assert_eq!(fzlint::render::github::escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    assert_eq!(fzlint::render::github::escape_data("50%\r\n"), "50%25%0D%0A");
}

#[test]
fn summary_has_a_row_per_report() {
    let o = run(&["check", "seeds", "--format", "summary"]);
    let out = String::from_utf8(o.stdout).unwrap();
    for (name, _) in seeds() {
        let row = out.lines().find(|l| l.contains(&name)).unwrap_or_else(|| panic!("{name}: {out}"));
        assert!(row.contains("不足部分分析了原因"), "rules by name: {row}");
    }
    let row002 = out.lines().find(|l| l.contains("002_")).unwrap();
    let counts: Vec<&str> = row002.split_whitespace().take(3).collect();
    assert_eq!(counts, vec!["2", "2", "1"], "{row002}");
    assert!(row002.contains("比率与所依据数字相符") && row002.contains("标题写明年度"));
    // The title as the report names it.
    let row000 = out.lines().find(|l| l.contains("000_")).unwrap();
    assert!(row000.contains("濮阳市人民政府关于2022年度法治政府建设情况的报告"), "{row000}");
    assert!(out.lines().last().unwrap().contains("total: 5 files"));
    // Columns line up by display width: the rules column starts at one display column on
    // every row, Chinese titles of different lengths included.
    use unicode_width::UnicodeWidthStr;
    let starts: Vec<usize> =
        out.lines().skip(1).filter(|l| l.contains("seeds/")).map(|l| l[..l.find('[').unwrap()].width()).collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn baseline_hides_old_findings_and_keeps_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("seeds")).unwrap();
    for (name, text) in seeds() {
        std::fs::write(d.join("seeds").join(&name), text).unwrap();
    }
    let o = run_in(d, &["check", "seeds", "--write-baseline", "baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run_in(d, &["check", "seeds", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["findings"].as_array().unwrap().len(), 0);

    // A line added at the top of one report, and one new defect further down.
    let p = d.join("seeds/003_5990ac397e3d3cbe.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    let text = format!("(内部审阅稿)\n{}", text.replace("回访率100%", "回访率107%"));
    std::fs::write(&p, text).unwrap();
    let o = run_in(d, &["check", "seeds", "--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["rate-at-most-100"], "only the new finding");
    // --max-warnings fails a run above the count.
    assert_eq!(run_in(d, &["check", "seeds/000_d55f31c2f4864f7a.txt", "--max-warnings", "2"]).status.code(), Some(1));
    assert_eq!(run_in(d, &["check", "seeds/000_d55f31c2f4864f7a.txt", "--max-warnings", "3"]).status.code(), Some(0));
    // A broken baseline is a usage error.
    std::fs::write(d.join("bad.json"), "{}").unwrap();
    assert_eq!(run_in(d, &["check", "seeds", "--baseline", "bad.json"]).status.code(), Some(2));
}

fn rule_counts(v: &serde_json::Value, suffix: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        if f["path"].as_str().unwrap().ends_with(suffix) {
            *m.entry(f["rule"].as_str().unwrap().to_string()).or_default() += 1;
        }
    }
    m
}

#[test]
fn docx_and_html_give_the_same_rules_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, text) in seeds() {
        let stem = name.trim_end_matches(".txt");
        std::fs::write(d.join(format!("{stem}.txt")), &text).unwrap();
        std::fs::write(d.join(format!("{stem}.docx")), common::docx_of(&text)).unwrap();
        std::fs::write(d.join(format!("{stem}.html")), common::html_of(&text, "utf-8")).unwrap();
    }
    let v = json(&run_in(d, &["check", ".", "--format", "json"]));
    assert_eq!(v["summary"]["files"], 15);
    assert_eq!(v["summary"]["failed"], 0, "{}", v["errors"]);
    for (name, _) in seeds() {
        let stem = name.trim_end_matches(".txt");
        let txt = rule_counts(&v, &format!("{stem}.txt"));
        assert!(!txt.is_empty());
        assert_eq!(rule_counts(&v, &format!("{stem}.docx")), txt, "{stem}.docx");
        assert_eq!(rule_counts(&v, &format!("{stem}.html")), txt, "{stem}.html: the <script> numbers are not checked");
    }
    // In .docx, a finding's line is the paragraph.
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("002_95c6190906e8dcd1.docx") && f["rule"] == "stated-rate")
        .unwrap();
    assert_eq!(f["line"], 8, "the eighth paragraph");
}

#[test]
fn gbk_web_page_and_word_heading_styles() {
    let (_, text) = common::seed("002");
    let html = common::html_of(&text, "gbk");
    let (bytes, _, _) = encoding_rs::GBK.encode(&html);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.htm"), &bytes).unwrap();
    let v = json(&run_in(dir.path(), &["check", "p.htm", "--format", "json"]));
    assert!(rule_counts(&v, "p.htm").contains_key("stated-rate"), "{v}");

    let paras = fzlint::source::docx::paragraphs(&common::docx_of(&text)).unwrap();
    let headings: Vec<(u8, String)> =
        paras.iter().filter_map(|p| p.heading.map(|l| (l, p.text.chars().take(6).collect()))).take(3).collect();
    assert_eq!(
        headings,
        vec![(1, "一、主要做法".to_string()), (2, "(一)全面提".to_string()), (2, "(二)积极完".to_string())]
    );
}

#[test]
fn broken_docx_and_zip_limits_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.docx"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(dir.path().join("b.docx"), b"plain text, not a docx").unwrap();
    let v = json(&run_in(dir.path(), &["check", ".", "--format", "json"]));
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{v}");
    for e in errors {
        assert!(e["message"].as_str().unwrap().contains("Word document"), "{e}");
    }
}

#[test]
fn zip_bomb_is_refused() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..=(fzlint::source::docx::MAX_PART_BYTES >> 20) {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 1 << 20, "small on disk: {} bytes", bytes.len());
    let err = fzlint::source::docx::extract(&bytes).unwrap_err();
    assert!(err.to_string().contains("over the limit") || err.to_string().contains("more than"), "{err}");
}

#[test]
fn word_heading_styles_numbered_by_word_are_headings() {
    // Word numbers these headings itself: the text has no 一、 or (一).
    let text = "××县2022年度法治政府建设情况报告\n主要做法和成效\n加强领导。一是建立机制。二是压实责任。\n存在的问题和原因\n执法不规范,原因是培训不足。\n2023年工作打算\n2023年,将继续努力。";
    let mut docx_text = String::new();
    for (i, line) in text.lines().enumerate() {
        // Lines 1, 3 and 5 get a heading style through a leading marker the helper understands,
        // which is then removed from the XML below.
        if [1, 3, 5].contains(&i) {
            docx_text.push_str(&format!("一、{line}\n"));
        } else {
            docx_text.push_str(&format!("{line}\n"));
        }
    }
    let docx = common::docx_of(&docx_text);
    // Strip the visible numbering, keeping the Heading1 style: as if Word numbered them.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        use std::io::{Read, Write};
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut data = String::new();
            f.read_to_string(&mut data).unwrap();
            let data = data.replace(">一、", ">");
            let name = f.name().unwrap().to_string();
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(data.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    let bytes = out.into_inner();
    let (plain, headings) = fzlint::source::docx::extract_with_headings(&bytes).unwrap();
    assert!(!plain.contains("一、"));
    assert_eq!(headings, vec![(1, 1), (3, 1), (5, 1)]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.docx"), &bytes).unwrap();
    let v = json(&run_in(dir.path(), &["check", "r.docx", "--format", "json"]));
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    // The parts are found as headings (no "only in prose", no "missing"); numbering is Word's.
    for r in ["section-results", "section-problems", "section-plans", "problems-causes", "heading-numbering", "title"] {
        assert!(!rules.contains(&r), "{r} in {rules:?}");
    }
    // The same text as plain .txt has no headings: there the parts are only prose or missing.
    std::fs::write(dir.path().join("r.txt"), &plain).unwrap();
    let v = json(&run_in(dir.path(), &["check", "r.txt", "--format", "json"]));
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"section-problems") || rules.contains(&"section-plans"), "{rules:?}");
}

// ---- PDF, Word 97–2003 (.doc) and OFD ----

fn fixtures() -> std::path::PathBuf {
    root().join("tests/fixtures/formats")
}

/// An OFD laid out the way OFD writers lay out a report: A4 in millimetres, one `TextObject`
/// per text line (a 16 pt font is 5.6 mm; Latin characters half as wide), a first-line indent
/// of two characters, a page number "- N -" in each page's foot, and the running head in a page
/// template.
fn ofd_of(text: &str) -> Vec<u8> {
    use std::io::Write;
    const SIZE: f64 = 5.6;
    const LEFT: f64 = 28.0;
    const WIDTH: f64 = 156.8; // 28 Chinese characters
    const LINES_PER_PAGE: usize = 22;
    let advance = |c: char| if c.is_ascii() { SIZE / 2.0 } else { SIZE };
    // Lines of (indent, text).
    let mut lines: Vec<(f64, String)> = Vec::new();
    for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (mut line, mut width, mut indent) = (String::new(), 2.0 * SIZE, 2.0 * SIZE);
        for c in para.chars() {
            if width + advance(c) > WIDTH + 0.01 {
                lines.push((indent, std::mem::take(&mut line)));
                (width, indent) = (0.0, 0.0);
            }
            line.push(c);
            width += advance(c);
        }
        lines.push((indent, line));
    }
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let text_object = |id: usize, x: f64, y: f64, s: &str| {
        // DeltaX: the step from each character to the next, the width of the one before.
        let n = s.chars().count();
        let deltas: Vec<String> = s.chars().take(n.saturating_sub(1)).map(|c| advance(c).to_string()).collect();
        let width: f64 = s.chars().map(advance).sum();
        format!(
            "<ofd:TextObject ID=\"{id}\" Boundary=\"{x:.2} {y:.2} {width:.2} 7\" Font=\"3\" Size=\"{SIZE}\"><ofd:FillColor Value=\"0 0 0\"/><ofd:TextCode X=\"0\" Y=\"5.6\" DeltaX=\"{}\">{}</ofd:TextCode></ofd:TextObject>",
            deltas.join(" "),
            escape(s)
        )
    };
    let ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    let put = |zip: &mut zip::ZipWriter<&mut std::io::Cursor<Vec<u8>>>, name: &str, body: String| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{body}").as_bytes()).unwrap();
    };
    put(&mut zip, "OFD.xml", format!("<ofd:OFD {ns} Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"));
    let pages: Vec<&[(f64, String)]> = lines.chunks(LINES_PER_PAGE).collect();
    let list: String = (0..pages.len())
        .map(|i| format!("<ofd:Page ID=\"{}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>", 10 + i))
        .collect();
    put(&mut zip, "Doc_0/Document.xml", format!("<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:TemplatePage ID=\"2\" BaseLoc=\"Tpls/Tpl_0/Content.xml\"/></ofd:CommonData><ofd:Pages>{list}</ofd:Pages></ofd:Document>"));
    put(
        &mut zip,
        "Doc_0/Tpls/Tpl_0/Content.xml",
        format!(
            "<ofd:Page {ns}><ofd:Content><ofd:Layer ID=\"3\">{}</ofd:Layer></ofd:Content></ofd:Page>",
            text_object(4, 80.0, 15.0, "某某市人民政府")
        ),
    );
    let mut id = 1000;
    for (n, page) in pages.iter().enumerate() {
        let mut body = String::new();
        for (i, (indent, line)) in page.iter().enumerate() {
            id += 1;
            body.push_str(&text_object(id, LEFT + indent, 37.0 + 10.0 * i as f64, line));
        }
        id += 1;
        body.push_str(&text_object(id, 98.0, 280.0, &format!("- {} -", n + 1)));
        put(&mut zip, &format!("Doc_0/Pages/Page_{n}/Content.xml"), format!("<ofd:Page {ns}><ofd:Template TemplateID=\"2\" ZOrder=\"Background\"/><ofd:Content><ofd:Layer ID=\"{}\">{body}</ofd:Layer></ofd:Content></ofd:Page>", 5000 + n));
    }
    zip.finish().unwrap();
    buf.into_inner()
}

/// The decoded text of a file, as fzlint reads it.
fn text_of(path: &Path) -> String {
    fzlint::source::read(&fzlint::source::Input::File(path.to_path_buf())).unwrap().text
}

/// The seeds as .txt with their .pdf, .doc and .ofd fixtures, the report-layout PDFs in gov/,
/// the PDFs in a non-embedded UniGB-UCS2-H font in unigb/, a PyMuPDF PDF (CID fonts, Identity-H)
/// in mupdf/ and the OFDs made here in made/, all checked in one run.
fn formats_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("made")).unwrap();
    for (name, text) in seeds() {
        let stem = name.trim_end_matches(".txt");
        std::fs::write(d.join(&name), &text).unwrap();
        for ext in ["pdf", "doc", "ofd"] {
            let f = format!("{stem}.{ext}");
            std::fs::copy(fixtures().join(&f), d.join(&f)).unwrap();
        }
        for sub in ["gov", "unigb", "mupdf"] {
            let pdf = fixtures().join(format!("{sub}/{stem}.pdf"));
            if pdf.exists() {
                std::fs::create_dir_all(d.join(sub)).unwrap();
                std::fs::copy(pdf, d.join(format!("{sub}/{stem}.pdf"))).unwrap();
            }
        }
        std::fs::write(d.join(format!("made/{stem}.ofd")), ofd_of(&text)).unwrap();
    }
    dir
}

#[test]
fn pdf_doc_and_ofd_give_the_same_rules_as_text() {
    let dir = formats_dir();
    let v = json(&run_in(dir.path(), &["check", ".", "--format", "json"]));
    assert_eq!(v["summary"]["failed"], 0, "{}", v["errors"]);
    assert_eq!(v["summary"]["files"], 30, "5 × (txt, pdf, doc, ofd, made ofd), 2 gov, 2 unigb, 1 mupdf pdf");
    for (name, _) in seeds() {
        let stem = name.trim_end_matches(".txt");
        let txt = rule_counts(&v, &format!("./{stem}.txt"));
        assert!(!txt.is_empty());
        for other in [".pdf", ".doc", ".ofd"].map(|e| format!("./{stem}{e}")).into_iter().chain([
            format!("made/{stem}.ofd"),
            format!("gov/{stem}.pdf"),
            format!("unigb/{stem}.pdf"),
            format!("mupdf/{stem}.pdf"),
        ]) {
            if !dir.path().join(&other).exists() {
                continue;
            }
            assert_eq!(rule_counts(&v, &other), txt, "{other}");
        }
    }
}

/// Each finding in a converted file points at the same words as in the .txt, on the line that
/// holds them.
#[test]
fn findings_in_pdf_doc_and_ofd_point_at_the_right_sentence() {
    let dir = formats_dir();
    let d = dir.path();
    let v = json(&run_in(d, &["check", ".", "--format", "json"]));
    let findings = v["findings"].as_array().unwrap();
    let of = |path: &str| -> Vec<&serde_json::Value> { findings.iter().filter(|f| f["path"] == path).collect() };
    let mut compared = 0;
    for (name, _) in seeds() {
        let stem = name.trim_end_matches(".txt");
        let txt_text = text_of(&d.join(&name));
        let txt = of(&format!("./{name}"));
        for other in
            ["{stem}.pdf", "{stem}.doc", "made/{stem}.ofd", "gov/{stem}.pdf", "unigb/{stem}.pdf", "mupdf/{stem}.pdf"]
                .map(|p| format!("./{}", p.replace("{stem}", stem)))
        {
            if !d.join(&other).exists() {
                continue;
            }
            let text = text_of(&d.join(&other));
            let found = of(&other);
            assert_eq!(found.len(), txt.len(), "{other}");
            for (f, t) in found.iter().zip(&txt) {
                assert_eq!(f["rule"], t["rule"], "{other}");
                let words = |text: &str, f: &serde_json::Value| -> String {
                    text[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize].to_string()
                };
                let (here, there) = (words(&text, f), words(&txt_text, t));
                assert!(here == there, "{other} {}: {here:?} vs {there:?}", f["rule"]);
                let line = text.lines().nth(f["line"].as_u64().unwrap() as usize - 1).unwrap();
                // A finding over several lines (one block of page leftovers) starts on its line.
                let first = here.lines().next().unwrap_or_default();
                assert!(line.contains(first), "{other} line {} does not hold {here:?}", f["line"]);
                compared += 1;
            }
        }
    }
    assert!(compared >= 75, "{compared}");
}

#[test]
fn pdf_findings_give_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixtures().join("gov/002_95c6190906e8dcd1.pdf")).unwrap();
    std::fs::write(dir.path().join("r.pdf"), &bytes).unwrap();
    // Each page's characters, straight from the PDF, without the paragraphs rebuilt.
    let pages: Vec<String> = fzlint::source::pdf::pages(&bytes)
        .unwrap()
        .iter()
        .map(|p| p.glyphs.iter().map(|g| g.text.as_str()).filter(|t| !t.trim().is_empty()).collect())
        .collect();
    let text = text_of(&dir.path().join("r.pdf"));
    let v = json(&run_in(dir.path(), &["check", "r.pdf", "--format", "json"]));
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 3);
    let mut later = 0;
    for f in findings {
        let page = f["page"].as_u64().unwrap_or_else(|| panic!("no page: {f}")) as usize;
        let start = f["start"].as_u64().unwrap() as usize;
        // The first characters of the flagged words are on that page.
        let words: String = text[start..].chars().filter(|c| !c.is_whitespace()).take(6).collect();
        assert!(pages[page - 1].contains(&words), "{words:?} is not on page {page}");
        later += usize::from(page > 1);
    }
    assert!(later > 0, "findings after the first page");
    let o = run_in(dir.path(), &["check", "r.pdf"]);
    let human = String::from_utf8(o.stdout).unwrap();
    let page = findings.last().unwrap()["page"].as_u64().unwrap();
    assert!(human.contains(&format!("在第 {page} 页 / on page {page}")), "{human}");
    // Plain text has no pages: no `page` field.
    let v = json(&run(&["check", "seeds/002_95c6190906e8dcd1.txt", "--format", "json"]));
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f.get("page").is_none()));
}

#[test]
fn scanned_encrypted_truncated_and_bombed_files_are_errors_and_the_rest_is_checked() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(fixtures().join("scanned.pdf"), d.join("a_scanned.pdf")).unwrap();
    std::fs::copy(fixtures().join("encrypted.pdf"), d.join("b_encrypted.pdf")).unwrap();
    let doc = std::fs::read(fixtures().join("002_95c6190906e8dcd1.doc")).unwrap();
    std::fs::write(d.join("c_truncated.doc"), &doc[..doc.len() / 2]).unwrap();
    let pdf = std::fs::read(fixtures().join("002_95c6190906e8dcd1.pdf")).unwrap();
    std::fs::write(d.join("d_truncated.pdf"), &pdf[..pdf.len() / 2]).unwrap();
    // An OFD whose page unpacks to more than the limit, small on disk.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("OFD.xml", opts).unwrap();
        zip.write_all(b"<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").unwrap();
        zip.start_file("Doc_0/Document.xml", opts).unwrap();
        zip.write_all(b"<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>").unwrap();
        zip.start_file("Doc_0/Pages/Page_0/Content.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..=(fzlint::source::ofd::MAX_PART_BYTES >> 20) {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    let bomb = buf.into_inner();
    assert!(bomb.len() < 1 << 20, "small on disk: {} bytes", bomb.len());
    std::fs::write(d.join("e_bomb.ofd"), bomb).unwrap();
    // The FIB's fEncrypted bit set in the fixture: the FIB starts the WordDocument stream, at a
    // sector boundary, with wIdent 0xA5EC.
    let mut encrypted = doc.clone();
    let fib = (0..encrypted.len()).step_by(512).find(|&i| encrypted[i..].starts_with(&[0xEC, 0xA5])).unwrap();
    encrypted[fib + 0x0B] |= 0x01;
    std::fs::write(d.join("g_encrypted.doc"), encrypted).unwrap();
    let (_, text) = common::seed("002");
    std::fs::write(d.join("f_good.txt"), text).unwrap();
    let o = run_in(d, &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "a file that could not be checked");
    let v = json(&o);
    let errors: BTreeMap<String, String> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap().to_string(), e["message"].as_str().unwrap().to_string()))
        .collect();
    let expect = [
        ("./a_scanned.pdf", "scanned PDF: no text to check (OCR first)"),
        ("./b_encrypted.pdf", "encrypted PDF"),
        ("./c_truncated.doc", "Word 97-2003"),
        ("./d_truncated.pdf", "cannot read PDF"),
        ("./e_bomb.ofd", "over the limit"),
        ("./g_encrypted.doc", "encrypted Word"),
    ];
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    for (path, words) in expect {
        let message = &errors[path];
        assert!(message.contains(words), "{path}: {message}");
        assert!(message.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "in Chinese too: {message}");
    }
    assert!(!rule_counts(&v, "f_good.txt").is_empty(), "the other file is checked");
}

#[test]
fn a_pdf_only_restricted_from_copying_is_read() {
    // Encrypted with an empty user password (printing and copying forbidden): common for
    // published reports, and readable without a password.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("restricted.pdf"), dir.path().join("r.pdf")).unwrap();
    std::fs::copy(fixtures().join("004_f5c466d3cd50af3f.pdf"), dir.path().join("plain.pdf")).unwrap();
    let v = json(&run_in(dir.path(), &["check", ".", "--format", "json"]));
    assert_eq!(v["summary"]["failed"], 0, "{}", v["errors"]);
    assert_eq!(rule_counts(&v, "r.pdf"), rule_counts(&v, "plain.pdf"));
}

#[test]
fn a_pdf_the_library_cannot_read_is_this_files_error_not_a_crash() {
    // A font in a predefined CMap other than a Unicode one (GBK-EUC-H): pdf-extract panics.
    let mut doc = lopdf::Document::load(fixtures().join("unigb/002_95c6190906e8dcd1.pdf")).unwrap();
    for obj in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = obj {
            if d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type0".as_slice()) {
                d.set("Encoding", lopdf::Object::Name(b"GBK-EUC-H".to_vec()));
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    doc.save(dir.path().join("a.pdf")).unwrap();
    let (_, text) = common::seed("002");
    std::fs::write(dir.path().join("b.txt"), text).unwrap();
    let o = run_in(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let v = json(&o);
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("unsupported font or structure") && message.contains("GBK-EUC-H"), "{message}");
    assert!(!rule_counts(&v, "b.txt").is_empty());
}

#[test]
fn a_diagonal_watermark_is_not_read_into_the_text() {
    let plain = fzlint::source::pdf::extract(&std::fs::read(fixtures().join("002_95c6190906e8dcd1.pdf")).unwrap());
    let marked = fzlint::source::pdf::extract(&std::fs::read(fixtures().join("watermarked.pdf")).unwrap());
    assert_eq!(marked.unwrap().text, plain.unwrap().text);
}

#[test]
fn files_are_recognised_by_their_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A PDF saved as .txt, and a .docx sent as .doc.
    std::fs::copy(fixtures().join("002_95c6190906e8dcd1.pdf"), d.join("a.txt")).unwrap();
    let (_, text) = common::seed("002");
    std::fs::write(d.join("b.doc"), common::docx_of(&text)).unwrap();
    let v = json(&run_in(d, &["check", ".", "--format", "json"]));
    assert_eq!(v["summary"]["failed"], 0, "{}", v["errors"]);
    std::fs::write(d.join("c.text"), &text).unwrap();
    let v2 = json(&run_in(d, &["check", "c.text", "--format", "json"]));
    let expected = rule_counts(&v2, "c.text");
    assert!(!expected.is_empty());
    assert_eq!(rule_counts(&v, "a.txt"), expected);
    assert_eq!(rule_counts(&v, "b.doc"), expected);
}

#[test]
fn init_includes_every_extension_fzlint_reads() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0));
    let yaml = std::fs::read_to_string(dir.path().join("fzlint.yaml")).unwrap();
    let include = yaml.lines().find(|l| l.starts_with("include:")).unwrap();
    for ext in fzlint::source::EXTENSIONS {
        assert!(include.contains(&format!("\"**/*.{ext}\"")), "{ext}: {include}");
    }
    // The file as written finds the new formats when a folder is checked.
    std::fs::copy(fixtures().join("002_95c6190906e8dcd1.doc"), dir.path().join("r.doc")).unwrap();
    let v = json(&run_in(dir.path(), &["check", ".", "--format", "json"]));
    assert_eq!(v["summary"]["failed"], 0, "{v}");
    assert!(!rule_counts(&v, "r.doc").is_empty(), "{v}");
}
