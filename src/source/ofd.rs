//! Text of an OFD file (GB/T 33190, the fixed-layout format of Chinese electronic documents):
//! a zip package whose `OFD.xml` names the document, whose `Document.xml` lists the pages, and
//! whose pages hold `TextObject`s with `TextCode`s placed in millimetres. Each character's
//! place comes from `X`, `Y`, `DeltaX`/`DeltaY`, the object's `Boundary` and `CTM`;
//! [`super::layout`] turns them into lines and paragraphs as for PDF. Page templates (where
//! running heads usually live), annotations and signatures are not read.
//!
//! Limits guard against zip bombs: entries, the unpacked size of each part and of all parts,
//! pages, and characters.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::layout::{self, Glyph, Page, Paged};
use super::SourceError;

/// At most this many entries in the package.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes of one unpacked XML part.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many bytes unpacked in all.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// At most this many pages.
pub const MAX_PAGES: usize = 5_000;
/// At most this many characters in all.
pub const MAX_GLYPHS: usize = 10_000_000;

fn bad(msg: impl std::fmt::Display) -> SourceError {
    SourceError::Ofd(msg.to_string())
}

type Zip<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

struct Package<'a> {
    zip: Zip<'a>,
    unpacked: u64,
}

impl Package<'_> {
    /// An XML part by its path in the package (leading `/` or not).
    fn part(&mut self, name: &str) -> Result<String, SourceError> {
        let name = name.trim_start_matches('/');
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(bad(format!("缺少 {name},文件可能已损坏 / {name} is missing")))
            }
            Err(e) => return Err(bad(format!("{name}: {e}"))),
        };
        let limit = MAX_PART_BYTES.min(MAX_TOTAL_BYTES - self.unpacked);
        if file.size() > limit {
            return Err(bad(format!("{name} 解压后 {} 字节,超过上限 / unpacks to over the limit", file.size())));
        }
        let mut bytes = Vec::new();
        // The declared size can lie: never read more than the limit.
        file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| bad(format!("{name}: {e}")))?;
        if bytes.len() as u64 > limit {
            return Err(bad(format!("{name} 解压后超过上限 {limit} 字节 / unpacks to over the limit")));
        }
        self.unpacked += bytes.len() as u64;
        String::from_utf8(bytes).map_err(|_| bad(format!("{name} 不是 UTF-8 编码的 XML / not UTF-8 XML")))
    }
}

/// An attribute by local name; the case of the name is not checked (some writers put `size`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::default()).ok())
        .map(|v| v.into_owned())
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace().filter_map(|n| n.parse().ok()).collect()
}

/// `DeltaX`/`DeltaY`: numbers, where `g N D` stands for N times D.
fn deltas(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut it = s.split_whitespace();
    while let Some(tok) = it.next() {
        if tok == "g" {
            let n: usize = it.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let d: f64 = it.next().and_then(|d| d.parse().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(d, n.min(MAX_GLYPHS)));
        } else if let Ok(d) = tok.parse() {
            out.push(d);
        }
        if out.len() > MAX_GLYPHS {
            break;
        }
    }
    out
}

/// The text of the first element named `name` (local name).
fn first_text(xml: &str, name: &str) -> Result<Option<String>, SourceError> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().map_err(|e| bad(format!("XML: {e}")))? {
            Event::Start(e) if e.local_name().as_ref() == name => inside = true,
            Event::Text(t) if inside => return Ok(Some(t.xml10_content().trim().to_string())),
            Event::End(e) if e.local_name().as_ref() == name => inside = false,
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// The page parts listed in `Document.xml` (paths relative to its folder), in order.
fn page_locations(document: &str) -> Result<Vec<String>, SourceError> {
    let mut reader = Reader::from_str(document);
    let mut out = Vec::new();
    let mut in_pages = false;
    loop {
        match reader.read_event().map_err(|e| bad(format!("Document.xml: {e}")))? {
            Event::Start(e) if e.local_name().as_ref() == "Pages" => in_pages = true,
            Event::End(e) if e.local_name().as_ref() == "Pages" => in_pages = false,
            Event::Start(e) | Event::Empty(e) if in_pages && e.local_name().as_ref() == "Page" => {
                if let Some(loc) = attr(&e, "BaseLoc") {
                    out.push(loc);
                    if out.len() > MAX_PAGES {
                        return Err(bad(format!("超过 {MAX_PAGES} 页 / too many pages")));
                    }
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A text object's placement: its boundary's origin and its transformation.
#[derive(Clone, Copy)]
struct Placement {
    x: f64,
    y: f64,
    ctm: [f64; 6],
    size: f64,
}

impl Placement {
    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.ctm;
        (self.x + a * x + c * y + e, self.y + b * x + d * y + f)
    }

    fn is_rotated(&self) -> bool {
        let [_, b, c, _, _, _] = self.ctm;
        b.abs() > 0.01 * self.scale() || c.abs() > 0.01 * self.scale()
    }

    fn scale(&self) -> f64 {
        let [a, b, c, d, _, _] = self.ctm;
        (a * d - b * c).abs().sqrt()
    }
}

/// The characters of one page's `TextCode`s, placed.
fn page_glyphs(xml: &str, glyphs: &mut usize) -> Result<Vec<Glyph>, SourceError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // Text set at an angle (watermarks, stamps): dropped unless it is most of the page.
    let mut rotated = Vec::new();
    let mut object: Option<Placement> = None;
    let mut code: Option<TextCode> = None;
    // Where a TextCode without X or Y starts: after the last one.
    let mut pen = (0.0, 0.0);
    loop {
        match reader.read_event().map_err(|e| bad(format!("页面 XML 无法解析 / page XML: {e}")))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "TextObject" => {
                    let boundary = attr(&e, "Boundary").map(|b| numbers(&b)).unwrap_or_default();
                    let ctm = attr(&e, "CTM").map(|c| numbers(&c)).filter(|c| c.len() == 6);
                    let ctm = ctm.map_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], |c| [c[0], c[1], c[2], c[3], c[4], c[5]]);
                    let size = attr(&e, "Size").and_then(|s| s.trim().parse().ok()).unwrap_or(0.0);
                    object = Some(Placement {
                        x: boundary.first().copied().unwrap_or(0.0),
                        y: boundary.get(1).copied().unwrap_or(0.0),
                        ctm,
                        size,
                    });
                    pen = (0.0, 0.0);
                }
                "TextCode" => {
                    let x = attr(&e, "X").and_then(|v| v.trim().parse().ok()).unwrap_or(pen.0);
                    let y = attr(&e, "Y").and_then(|v| v.trim().parse().ok()).unwrap_or(pen.1);
                    let dx = attr(&e, "DeltaX").map(|d| deltas(&d)).unwrap_or_default();
                    let dy = attr(&e, "DeltaY").map(|d| deltas(&d)).unwrap_or_default();
                    code = Some(TextCode { start: (x, y), dx, dy, text: String::new() });
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = code.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = code.as_mut() {
                    super::push_xml_ref(&mut c.text, &r);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "TextObject" => object = None,
                "TextCode" => {
                    if let (Some(p), Some(c)) = (object, code.take()) {
                        let to = if p.is_rotated() { &mut rotated } else { &mut out };
                        pen = place(&p, &c, glyphs, to)?;
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(if rotated.len() > out.len() { rotated } else { out }),
            _ => {}
        }
    }
}

/// A `TextCode` as read: where it starts, the steps between its characters, its text.
struct TextCode {
    start: (f64, f64),
    dx: Vec<f64>,
    dy: Vec<f64>,
    text: String,
}

/// Place the characters of one `TextCode`, each `DeltaX`/`DeltaY` after the last; returns where
/// the next character would go.
fn place(p: &Placement, code: &TextCode, glyphs: &mut usize, out: &mut Vec<Glyph>) -> Result<(f64, f64), SourceError> {
    let TextCode { start, dx, dy, text } = code;
    let (mut cx, mut cy) = *start;
    let size = p.size * p.scale();
    for (i, c) in text.chars().enumerate() {
        *glyphs += 1;
        if *glyphs > MAX_GLYPHS {
            return Err(bad(format!("字符超过 {MAX_GLYPHS} 个 / more characters than the limit")));
        }
        let step_x = dx.get(i).copied().unwrap_or(p.size);
        let (gx, gy) = p.point(cx, cy);
        // The width of a character is the step to the next, at most a little over the size.
        out.push(Glyph { x: gx, y: gy, width: (step_x * p.scale()).min(size * 1.2), size, text: c.to_string() });
        cx += step_x;
        cy += dy.get(i).copied().unwrap_or(0.0);
    }
    Ok((cx, cy))
}

/// The folder part of a path in the package, with a trailing `/` (or empty).
fn folder(path: &str) -> &str {
    path.trim_start_matches('/').rfind('/').map_or("", |i| &path.trim_start_matches('/')[..=i])
}

/// The pages of an OFD with their characters.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, SourceError> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("不是 OFD(zip)文件,或文件被截断 / not an OFD (zip) file: {e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(format!("包内有 {} 个条目,超过上限 {MAX_ENTRIES} / too many entries", zip.len())));
    }
    let encrypted =
        zip.file_names().flatten().any(|n| n.trim_start_matches('/').eq_ignore_ascii_case("Encryptions.xml"));
    let mut package = Package { zip, unpacked: 0 };
    let ofd = package.part("OFD.xml")?;
    if encrypted || ofd.contains("Encryptions") {
        return Err(SourceError::Encrypted("OFD"));
    }
    let root = first_text(&ofd, "DocRoot")?.ok_or_else(|| bad("OFD.xml 没有 DocRoot / no DocRoot in OFD.xml"))?;
    let document = package.part(&root)?;
    let base = folder(&root).to_string();
    let bounds = |xml: &str| -> Result<Option<(f64, f64)>, SourceError> {
        let b = first_text(xml, "PhysicalBox")?.map(|b| numbers(&b)).unwrap_or_default();
        Ok((b.len() == 4).then(|| (b[2], b[3])))
    };
    let size = bounds(&document)?;
    let mut pages = Vec::new();
    let mut glyphs = 0;
    for (i, loc) in page_locations(&document)?.iter().enumerate() {
        let path = if loc.starts_with('/') { loc.clone() } else { format!("{base}{loc}") };
        let xml = package.part(&path)?;
        let (width, height) = bounds(&xml)?.or(size).unwrap_or((210.0, 297.0));
        let placed = page_glyphs(&xml, &mut glyphs)?;
        pages.push(Page { number: i as u32 + 1, width, height, in_reading_order: true, glyphs: placed });
    }
    if pages.is_empty() {
        return Err(bad("没有页面 / no pages"));
    }
    Ok(pages)
}

/// The text of an OFD: one line per paragraph, and the page each part is on.
pub fn extract(bytes: &[u8]) -> Result<Paged, SourceError> {
    let paged = layout::paragraphs(&pages(bytes)?);
    if paged.text.trim().is_empty() {
        return Err(bad("没有文字(可能是扫描件,请先做文字识别)/ no text: a scan? (OCR first)"));
    }
    Ok(paged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypted_and_broken_packages_are_errors() {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            zip.start_file("OFD.xml", opts).unwrap();
            zip.write_all(
                b"<ofd:OFD><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            )
            .unwrap();
            zip.start_file("Encryptions.xml", opts).unwrap();
            zip.write_all(b"<ofd:Encryptions/>").unwrap();
            zip.finish().unwrap();
        }
        assert_eq!(pages(&buf.into_inner()), Err(SourceError::Encrypted("OFD")));
        assert!(matches!(pages(b"PK\x03\x04 cut short"), Err(SourceError::Ofd(_))));
    }

    #[test]
    fn deltas_expand_g() {
        assert_eq!(deltas("g 3 5.5 2 1"), vec![5.5, 5.5, 5.5, 2.0, 1.0]);
        assert_eq!(deltas(""), Vec::<f64>::new());
    }

    #[test]
    fn text_codes_are_placed_by_boundary_ctm_and_deltas() {
        let xml = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
            <ofd:TextObject ID="1" Boundary="20 30 100 10" Size="5" CTM="1 0 0 1 0 0">
              <ofd:TextCode X="0" Y="4" DeltaX="g 2 5">受理了</ofd:TextCode>
              <ofd:TextCode DeltaX="3">14</ofd:TextCode>
            </ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#;
        let mut n = 0;
        let g = page_glyphs(xml, &mut n).unwrap();
        let placed: Vec<(String, f64, f64)> = g.iter().map(|g| (g.text.clone(), g.x, g.y)).collect();
        assert_eq!(
            placed,
            vec![
                ("受".into(), 20.0, 34.0),
                ("理".into(), 25.0, 34.0),
                ("了".into(), 30.0, 34.0),
                ("1".into(), 35.0, 34.0),
                ("4".into(), 38.0, 34.0)
            ]
        );
        // A watermark set at 45° on the same page is left out.
        let marked = xml.replace(
            "</ofd:Layer>",
            r#"<ofd:TextObject ID="9" Boundary="50 50 80 80" Size="20" CTM="0.7071 0.7071 -0.7071 0.7071 0 0"><ofd:TextCode X="0" Y="20">内部资料</ofd:TextCode></ofd:TextObject></ofd:Layer>"#,
        );
        assert_eq!(page_glyphs(&marked, &mut n).unwrap(), g);
        assert_eq!(folder("/Doc_0/Document.xml"), "Doc_0/");
        assert_eq!(folder("Document.xml"), "");
    }
}
