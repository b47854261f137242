//! Text of a Word `.docx` file: body paragraphs and table cells in document order, one line per
//! paragraph, read with `zip` and `quick-xml`, each numbered paragraph starting with the number
//! Word shows for it (see [`numbering`]). Findings point into this text (line = paragraph).
//! Limits guard against zip bombs.

mod numbering;

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::SourceError;

/// At most this many entries in the archive.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes of uncompressed XML per part.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

fn bad(msg: impl std::fmt::Display) -> SourceError {
    SourceError::Docx(msg.to_string())
}

fn read_part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<Option<String>, SourceError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(e)),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(bad(format!("{name} unpacks to {} bytes, over the limit of {MAX_PART_BYTES}", file.size())));
    }
    let mut text = String::new();
    // The declared size can lie: never read more than the limit.
    file.take(MAX_PART_BYTES + 1).read_to_string(&mut text).map_err(|e| bad(format!("{name}: {e}")))?;
    if text.len() as u64 > MAX_PART_BYTES {
        return Err(bad(format!("{name} unpacks to more than {MAX_PART_BYTES} bytes")));
    }
    Ok(Some(text))
}

/// What a paragraph style gives its paragraphs: a heading level (`heading 1` …) and Word
/// numbering (`numId`, level).
#[derive(Debug, Default, Clone)]
struct Style {
    heading: Option<u8>,
    num: Option<(String, usize)>,
}

/// The paragraph styles of `styles.xml`, by style id.
fn paragraph_styles(styles: &str) -> BTreeMap<String, Style> {
    let mut out: BTreeMap<String, Style> = BTreeMap::new();
    let mut reader = Reader::from_str(styles);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "style" => current = attr(&e, "styleId"),
                "name" => {
                    if let (Some(id), Some(name)) = (&current, attr(&e, "val")) {
                        let name = name.to_lowercase();
                        let level = name
                            .strip_prefix("heading ")
                            .or_else(|| name.strip_prefix("标题 "))
                            .and_then(|n| n.trim().parse::<u8>().ok());
                        if let Some(l) = level {
                            out.entry(id.clone()).or_default().heading = Some(l);
                        }
                    }
                }
                "numId" => {
                    if let (Some(id), Some(num)) = (&current, attr(&e, "val")) {
                        let style = out.entry(id.clone()).or_default();
                        style.num = Some((num, style.num.as_ref().map_or(0, |n| n.1)));
                    }
                }
                "ilvl" => {
                    if let (Some(id), Some(l)) = (&current, attr(&e, "val").and_then(|v| v.parse().ok())) {
                        let style = out.entry(id.clone()).or_default();
                        style.num = Some((style.num.take().map_or_else(String::new, |n| n.0), l));
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::default()).ok())
        .map(|v| v.into_owned())
}

/// A paragraph of the document: its text and, for Word heading styles, the level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxParagraph {
    pub text: String,
    pub heading: Option<u8>,
}

/// The paragraphs of a `.docx`, in document order (table cells included).
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<DocxParagraph>, SourceError> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(format!("not a .docx (zip) file: {e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(format!("{} entries in the archive, over the limit of {MAX_ENTRIES}", zip.len())));
    }
    let styles = read_part(&mut zip, "word/styles.xml")?.map(|s| paragraph_styles(&s)).unwrap_or_default();
    let mut numbering =
        read_part(&mut zip, "word/numbering.xml")?.map(|s| numbering::Numbering::parse(&s)).unwrap_or_default();
    let document =
        read_part(&mut zip, "word/document.xml")?.ok_or_else(|| bad("no word/document.xml: not a Word document"))?;
    let mut reader = Reader::from_str(&document);
    let mut out = Vec::new();
    let mut para: Option<DocxParagraph> = None;
    // The paragraph's style and its own numbering (`numPr`), read from its properties; a
    // revision's record of old properties (`pPrChange`) is not what Word shows.
    let mut style: Option<String> = None;
    let (mut num_id, mut ilvl): (Option<String>, Option<usize>) = (None, None);
    let mut in_change = 0usize;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| bad(format!("word/document.xml: {e}")))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    para = Some(DocxParagraph { text: String::new(), heading: None });
                    (style, num_id, ilvl) = (None, None, None);
                }
                "t" => in_text = true,
                "pPrChange" | "numberingChange" => in_change += 1,
                _ => {}
            },
            Event::Empty(e) if in_change == 0 => match e.local_name().as_ref() {
                "pStyle" => {
                    if let (Some(p), Some(id)) = (para.as_mut(), attr(&e, "val")) {
                        p.heading = styles
                            .get(&id)
                            .and_then(|s| s.heading)
                            .or_else(|| id.strip_prefix("Heading").and_then(|n| n.parse().ok()));
                        style = Some(id);
                    }
                }
                "numId" if para.is_some() => num_id = attr(&e, "val"),
                "ilvl" if para.is_some() => ilvl = attr(&e, "val").and_then(|v| v.parse().ok()),
                "tab" => {
                    if let Some(p) = para.as_mut() {
                        p.text.push('\t');
                    }
                }
                "br" | "cr" => {
                    if let Some(p) = para.as_mut() {
                        p.text.push('\n');
                    }
                }
                "p" => out.push(DocxParagraph { text: String::new(), heading: None }),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "pPrChange" | "numberingChange" => in_change = in_change.saturating_sub(1),
                "p" => {
                    if let Some(mut p) = para.take() {
                        let by_style = style.as_ref().and_then(|s| styles.get(s)).and_then(|s| s.num.clone());
                        let num = num_id.take().or_else(|| by_style.as_ref().map(|n| n.0.clone()));
                        let level = ilvl.take().or_else(|| by_style.as_ref().map(|n| n.1)).unwrap_or(0);
                        if let Some(number) = num.and_then(|id| numbering.next(&id, level)) {
                            if !p.text.trim().is_empty() {
                                p.text.insert_str(0, &number);
                            }
                        }
                        out.push(p);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = para.as_mut() {
                    super::push_xml_ref(&mut p.text, &r);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The text of a `.docx`: one line per paragraph.
pub fn extract(bytes: &[u8]) -> Result<String, SourceError> {
    extract_with_headings(bytes).map(|(text, _)| text)
}

/// The text of a `.docx` and the lines (0-based) in Word heading styles, with their level.
pub fn extract_with_headings(bytes: &[u8]) -> Result<(String, Vec<(usize, u8)>), SourceError> {
    let paras = paragraphs(bytes)?;
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut line = 0;
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if let Some(level) = p.heading.filter(|l| (1..=4).contains(l)) {
            headings.push((line, level));
        }
        text.push_str(&p.text);
        line += 1 + p.text.matches('\n').count();
    }
    if text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    Ok((text, headings))
}
