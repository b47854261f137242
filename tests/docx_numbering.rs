//! Word's automatic numbering: a .docx whose headings are numbered by Word (`numPr` with
//! `chineseCounting`, on the paragraph or through its style) gives the findings of the same
//! report written with literal `一、`; a gap in Word's numbering is found; and many styled
//! paragraphs are read in linear time.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use common::seed;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One list definition in the style of Chinese reports: `一、` `(一)` `1.` `(1)`; instance 1
/// counts on, instance 2 starts the top level again at 4 (as a list pasted from elsewhere does).
fn numbering_xml() -> String {
    let lvl = |i: usize, fmt: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:suff w:val=\"nothing\"/></w:lvl>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"7\">{}{}{}{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num></w:numbering>",
        lvl(0, "chineseCounting", "%1、"),
        lvl(1, "chineseCounting", "(%2)"),
        lvl(2, "decimal", "%3."),
        lvl(3, "decimal", "(%4)"),
    )
}

/// How the numbering reaches a heading paragraph.
#[derive(Clone, Copy, PartialEq)]
enum Via {
    /// `numPr` on the paragraph.
    Direct,
    /// `numPr` on its heading style.
    Style,
}

fn zip_docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// A .docx of a plain-text report whose numbered headings lose their written numbering and are
/// numbered by Word instead. `restart_at`: the top-level heading (1-based) that uses list
/// instance 2 (starting at 4).
fn word_numbered(text: &str, via: Via, restart_at: Option<u64>) -> Vec<u8> {
    let mut body = String::new();
    let mut top = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let folded = fzlint::text::Folded::new(line).text;
        let (props, words) = match fzlint::report::heading_marker(&folded) {
            Some((level @ 1..=4, _, len)) => {
                top += u64::from(level == 1);
                let num = if level == 1 && restart_at == Some(top) { 2 } else { 1 };
                // The marker is cut from the folded line; the rest of the line as written.
                let rest = &line[fzlint::text::Folded::new(line).to_original(len)..];
                let props = match via {
                    Via::Direct => format!(
                        "<w:pPr><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>",
                        level - 1
                    ),
                    Via::Style if num == 2 => format!(
                        "<w:pPr><w:pStyle w:val=\"H{level}\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
                    ),
                    Via::Style => format!("<w:pPr><w:pStyle w:val=\"H{level}\"/></w:pPr>"),
                };
                (props, rest.to_string())
            }
            _ => (String::new(), line.to_string()),
        };
        body.push_str(&format!(
            "<w:p>{props}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_escape(&words)
        ));
    }
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>");
    let mut styles = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\">");
    for l in 1..=4 {
        styles.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"H{l}\"><w:name w:val=\"heading {l}\"/><w:pPr><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>",
            l - 1
        ));
    }
    styles.push_str("</w:styles>");
    zip_docx(&[("word/document.xml", document), ("word/styles.xml", styles), ("word/numbering.xml", numbering_xml())])
}

/// Rule → number of findings, for one file checked alone.
fn rule_counts(dir: &Path, name: &str) -> BTreeMap<String, usize> {
    let o = common::fzlint().args(["check", name, "--format", "json"]).current_dir(dir).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut out = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        *out.entry(f["rule"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    out
}

#[test]
fn word_numbered_headings_give_the_findings_of_written_numbering() {
    let dir = tempfile::tempdir().unwrap();
    // 000: 一、(一)…(六) 二、; 002: three levels of sections under 一、二、三、.
    for prefix in ["000", "002", "004"] {
        let (_, text) = seed(prefix);
        std::fs::write(dir.path().join("r.txt"), &text).unwrap();
        let want = rule_counts(dir.path(), "r.txt");
        for via in [Via::Direct, Via::Style] {
            let bytes = word_numbered(&text, via, None);
            let plain = fzlint::source::docx::extract(&bytes).unwrap();
            assert!(plain.contains("二、"), "Word's number is in the text");
            std::fs::write(dir.path().join("r.docx"), &bytes).unwrap();
            assert_eq!(rule_counts(dir.path(), "r.docx"), want, "{prefix}");
        }
    }
}

#[test]
fn a_gap_in_word_numbering_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = seed("004");
    // The third top-level heading is numbered by a list instance that starts at 4: Word shows
    // 一、二、四、五、…, and the gap is found as in the same text written out.
    for via in [Via::Direct, Via::Style] {
        let bytes = word_numbered(&text, via, Some(3));
        let plain = fzlint::source::docx::extract(&bytes).unwrap();
        assert!(plain.contains("\n四、") && !plain.contains("\n三、"), "{plain}");
        std::fs::write(dir.path().join("gap.docx"), &bytes).unwrap();
        let got = rule_counts(dir.path(), "gap.docx");
        assert_eq!(got.get("heading-numbering"), Some(&1), "{got:?}");
        std::fs::write(dir.path().join("gap.txt"), &plain).unwrap();
        assert_eq!(rule_counts(dir.path(), "gap.txt"), got);
    }
}

/// Ten times the 100,000 styled paragraphs that took 23 s when every paragraph was looked up
/// among the styled lines: a quadratic reading would not finish here.
#[test]
fn a_million_styled_paragraphs_are_read_in_one_pass() {
    const N: usize = 1_000_000;
    let mut body = String::with_capacity(N * 56);
    for _ in 0..N {
        body.push_str("<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:t>甲</w:t></w:p>");
    }
    let document = format!("<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>");
    let styles = format!(
        "<w:styles xmlns:w=\"{W}\"><w:style w:styleId=\"H1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
    );
    let bytes = zip_docx(&[("word/document.xml", document), ("word/styles.xml", styles)]);
    let (text, headings) = fzlint::source::docx::extract_with_headings(&bytes).unwrap();
    assert_eq!(headings.len(), N);
    let report = fzlint::report::Report::build_with("big.docx", &text, &headings);
    assert_eq!(report.headings.len(), N);
    assert!(report.headings.iter().all(|h| h.level == 1 && h.number == 0));
}
