//! Visible text of a saved web page (`.html`, `.htm`), parsed with `scraper` (html5ever): block
//! elements and `<br>` end lines, `<script>`, `<style>` and the like are dropped. Page chrome
//! (breadcrumbs, 字号 大 中 小, 打印本页) is kept on purpose, for the web-leftover rule to flag.
//! The charset comes from a BOM, valid UTF-8, the page's `<meta>` declaration, or detection.

use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{Html, Node};

use super::SourceError;

const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "head", "iframe", "object", "svg"];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "dd",
    "dt",
    "dl",
    "blockquote",
    "pre",
    "hr",
    "form",
    "body",
    "center",
    "address",
    "figure",
    "figcaption",
    "caption",
    "tbody",
    "thead",
];

/// The encoding a page declares in its first bytes (`<meta charset=gbk>` or
/// `content="text/html; charset=gb2312"`), as browsers prescan.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')).unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    if Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return super::decode(bytes).map(|(t, _)| t);
    }
    if let Some(enc) = declared(bytes) {
        let enc = if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 { encoding_rs::GB18030 } else { enc };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok(text.into_owned());
        }
    }
    super::decode(bytes).map(|(t, _)| t)
}

/// The visible text of a page, one line per block.
pub fn extract(bytes: &[u8]) -> Result<String, SourceError> {
    let source = decode(bytes)?;
    let doc = Html::parse_document(&source);
    let mut out = String::new();
    let mut hidden_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if HIDDEN.contains(&name) {
                        hidden_depth += 1;
                    } else if hidden_depth == 0 && BLOCKS.contains(&name) {
                        out.push('\n');
                    } else if hidden_depth == 0 && matches!(name, "td" | "th") {
                        out.push('\t');
                    }
                }
                Node::Text(t) if hidden_depth == 0 => {
                    // Collapse runs of white space as a browser does.
                    let mut last_space = out.ends_with([' ', '\n', '\t']);
                    for c in t.chars() {
                        if c.is_whitespace() && c != '\u{3000}' {
                            if !last_space {
                                out.push(' ');
                                last_space = true;
                            }
                        } else {
                            out.push(c);
                            last_space = false;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if HIDDEN.contains(&name) {
                        hidden_depth = hidden_depth.saturating_sub(1);
                    } else if hidden_depth == 0 && BLOCKS.contains(&name) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    let lines: Vec<&str> = out.lines().map(|l| l.trim_matches([' ', '\t'])).filter(|l| !l.is_empty()).collect();
    let text = lines.join("\n");
    if text.is_empty() {
        return Err(SourceError::Empty);
    }
    Ok(text)
}
