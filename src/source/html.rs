//! Visible text of a saved web page (`.html`, `.htm`), parsed with `scraper` (html5ever): block
//! elements and `<br>` end lines, `<script>`, `<style>` and the like are dropped. Page chrome
//! (breadcrumbs, 字号 大 中 小, 打印本页) is kept on purpose, for the web-leftover rule to flag.
//! The charset comes from a BOM, valid UTF-8, the page's `<meta>` declaration, or detection.
//!
//! html5ever's tree builder looks through the stack of open elements at each tag, so a page of
//! 100,000 nested `<div>` takes minutes. A linear scan before parsing ([`shape`]) refuses pages
//! nested deeper than [`MAX_DEPTH`] or with more than [`MAX_ELEMENTS`] elements; saved report
//! pages stay far below both.

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

/// Deepest element nesting accepted (elements whose end tag may be left out do not count).
pub const MAX_DEPTH: usize = 1_000;
/// Most start tags accepted in one page.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Elements with no end tag, or whose end tag may be left out (closed by the parser).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "tbody", "thead",
    "tfoot", "colgroup", "caption", "html", "head", "body",
];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Nesting depth and number of start tags of a page, from a scan of its tags (comments and
/// raw text skipped, attributes not read). Linear in the length of the page; stops as soon as
/// either passes its limit.
pub fn shape(page: &str) -> (usize, usize) {
    let b = page.as_bytes();
    let find = |from: usize, needle: &[u8]| memchr::memmem::find(&b[from.min(b.len())..], needle).map(|i| from + i);
    let (mut depth, mut deepest, mut elements) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &b[at..]).map(|i| at + i) {
        let rest = &b[i + 1..];
        if rest.starts_with(b"!--") {
            at = find(i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let tag_end = memchr::memchr(b'>', &b[name_start..]).map_or(b.len(), |e| name_start + e);
        at = (tag_end + 1).min(b.len());
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue; // `<!DOCTYPE>`, `<?xml?>`, a lone `<`
        }
        let name = &b[name_start..name_start + name_len];
        let listed = |list: &[&str]| list.iter().any(|x| x.as_bytes().eq_ignore_ascii_case(name));
        if closing {
            if !listed(NOT_NESTING) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        elements += 1;
        if listed(RAW_TEXT) {
            // Skip to the end tag (`</script`, any case), so `<` inside is not read as a tag.
            let from = at;
            at = b[from..]
                .windows(name_len + 2)
                .position(|w| w.starts_with(b"</") && w[2..].eq_ignore_ascii_case(name))
                .map_or(b.len(), |p| from + p);
            continue;
        }
        let self_closing = tag_end > name_start && b[tag_end - 1] == b'/';
        if !self_closing && !listed(NOT_NESTING) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        if deepest > MAX_DEPTH || elements > MAX_ELEMENTS {
            break;
        }
    }
    (deepest, elements)
}

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
    let (depth, elements) = shape(&source);
    if depth > MAX_DEPTH {
        return Err(SourceError::Html(format!("elements nested more than {MAX_DEPTH} deep")));
    }
    if elements > MAX_ELEMENTS {
        return Err(SourceError::Html(format!("more than {MAX_ELEMENTS} elements")));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_counts_nesting_not_optional_or_void_elements() {
        assert_eq!(shape("<div><div><p>a<p>b<br><img src=x/></div></div>"), (2, 6));
        assert_eq!(shape("<ul><li>a<li>b</ul><span/><!-- <div><div> -->"), (1, 4));
        assert_eq!(shape("<script>if (a<b) { x = '<div>'; }</SCRIPT><div></div>"), (1, 2));
        assert_eq!(shape(&"<div>".repeat(50)), (50, 50));
        assert_eq!(shape(&"<div></div>".repeat(50)), (1, 50));
        assert_eq!(shape("a < b <"), (0, 0));
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let page =
            format!("<html><body>{}受理5件{}</body></html>", "<div>".repeat(1_000_000), "</div>".repeat(1_000_000));
        let started = std::time::Instant::now();
        let e = extract(page.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("nested more than 1000 deep"), "{e}");
        assert!(started.elapsed().as_secs_f64() < 2.0, "{:?}", started.elapsed());
        let ok = format!(
            "<html><body>{}受理5件{}</body></html>",
            "<div>".repeat(MAX_DEPTH - 1),
            "</div>".repeat(MAX_DEPTH - 1)
        );
        assert_eq!(extract(ok.as_bytes()).unwrap(), "受理5件");
        let flat = format!("<p>受理5件</p>{}", "<i></i>".repeat(MAX_ELEMENTS));
        assert!(extract(flat.as_bytes()).unwrap_err().to_string().contains("more than 1000000 elements"));
    }
}
