//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fzlint::engine::{self, Located};
use fzlint::rules::{self, PackOptions, PackSource, RulePack};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The five seed reports: (file name, text), in name order.
pub fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "five seeds expected");
    out
}

pub fn seed(prefix: &str) -> (String, String) {
    seeds().into_iter().find(|(n, _)| n.starts_with(prefix)).unwrap()
}

pub fn builtin() -> RulePack {
    rules::load_pack(&[PackSource::Embedded(fzlint::builtin::PACK)], &PackOptions::default())
        .unwrap_or_else(|e| panic!("built-in pack does not load: {e:?}"))
}

pub fn check(name: &str, text: &str) -> Vec<Located> {
    engine::check_text(name, text, &builtin())
}

pub fn rule_ids(found: &[Located]) -> Vec<&str> {
    found.iter().map(|l| l.finding.rule.as_str()).collect()
}

/// The text a finding points at.
pub fn flagged<'a>(text: &'a str, l: &Located) -> &'a str {
    &text[l.finding.span.start..l.finding.span.end]
}

pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fzlint"))
}

/// The fzlint binary under the C locale: tests that read its English words pass whatever the
/// locale of the machine (the interface in Chinese is tested in tests/interface_lang.rs).
pub fn fzlint() -> std::process::Command {
    let mut c = std::process::Command::new(bin());
    c.env("LC_ALL", "C");
    c
}

/// Replace exactly one occurrence of `from` with `to`.
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur exactly once");
    text.replacen(from, to, 1)
}

/// Escape text for XML.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A `.docx` made from a plain-text report: one Word paragraph per non-empty line, numbered
/// headings in Word heading styles (Heading1 … Heading4).
pub fn docx_of(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let folded = fzlint::text::Folded::new(line).text;
        let style = fzlint::report::heading_marker(&folded)
            .map(|(level, _, _)| format!("<w:pPr><w:pStyle w:val=\"Heading{level}\"/></w:pPr>"))
            .unwrap_or_default();
        body.push_str(&format!("<w:p>{style}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", xml_escape(line)));
    }
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{w}\"><w:body>{body}<w:sectPr/></w:body></w:document>");
    let mut styles = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{w}\">");
    for l in 1..=4 {
        styles.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{l}\"><w:name w:val=\"heading {l}\"/></w:style>"
        ));
    }
    styles.push_str("</w:styles>");
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("[Content_Types].xml", content_types.to_string()),
            ("_rels/.rels", rels.to_string()),
            ("word/document.xml", document),
            ("word/styles.xml", styles),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// A saved web page made from a plain-text report: one `<p>` per line, with a `<script>` and a
/// `<style>` holding numbers that must not be checked.
pub fn html_of(text: &str, charset: &str) -> String {
    let mut body = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        body.push_str(&format!("<p>{}</p>\n", xml_escape(line)));
    }
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>法治政府建设年度报告</title>\n\
         <style>.x{{width:107%}} /* 调解成功率107% */</style>\n\
         <script>var s = '共受理行政复议案件224件,办结368件,满意率107%'; document.title = s;</script>\n\
         </head><body>\n{body}<script>console.log('其中受理5000件');</script></body></html>\n"
    )
}
