//! Text of a PDF: `lopdf` parses the file (and opens those encrypted with an empty user
//! password, i.e. only restricted from copying or printing), `pdf-extract` runs each page's
//! content and hands over every glyph with its position, decoded through the font's ToUnicode
//! map; [`super::layout`] turns the glyphs into lines and paragraphs.
//!
//! A PDF without any text (a scan) is an error of its own; so is one that needs a password.
//! Limits: pages, glyphs, the unpacked size of each stream, and how deep forms nest. The PDF
//! library panics on some malformed fonts; such a panic is caught and becomes this file's error.

use std::cell::Cell;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::layout::{self, Glyph, Page, Paged};
use super::SourceError;

/// At most this many pages.
pub const MAX_PAGES: usize = 5_000;
/// At most this many glyphs in all.
pub const MAX_GLYPHS: usize = 10_000_000;
/// At most this many bytes in a stream once unpacked.
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Forms (XObjects) drawn inside forms at most this deep.
pub const MAX_FORM_DEPTH: usize = 32;

fn bad(msg: impl std::fmt::Display) -> SourceError {
    SourceError::Pdf(msg.to_string())
}

/// The glyphs of every page, as `pdf-extract` shows them.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// Glyphs of the current page set at an angle (watermarks, stamps): dropped unless they
    /// are most of the page.
    rotated: Vec<Glyph>,
    top: f64,
    left: f64,
    glyphs: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.left = media_box.llx;
        let height = (media_box.ury - media_box.lly).abs();
        let width = (media_box.urx - media_box.llx).abs();
        self.pages.push(Page { number: page_num, width, height, in_reading_order: false, glyphs: Vec::new() });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let rotated = std::mem::take(&mut self.rotated);
        if let Some(page) = self.pages.last_mut() {
            if rotated.len() > page.glyphs.len() {
                page.glyphs = rotated;
            }
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text rendering matrix scales the font size (its determinant, for rotated text).
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let glyph =
            Glyph { x: trm.m31 - self.left, y: self.top - trm.m32, width: width * size, size, text: text.to_string() };
        if trm.m12.abs() > 0.01 * scale || trm.m21.abs() > 0.01 * scale {
            self.rotated.push(glyph);
        } else if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

thread_local! {
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Panics inside the PDF library are this file's error, not a message on the terminal: a
/// panic hook that stays quiet while a PDF is being read on this thread and otherwise hands
/// over to the hook that was there before.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

fn unpacked_size_ok(stream: &lopdf::Stream) -> Result<(), SourceError> {
    let flate = match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => a.iter().any(|f| matches!(f, Object::Name(n) if n == b"FlateDecode")),
        _ => false,
    };
    if !flate {
        return Ok(());
    }
    let mut sink = std::io::sink();
    let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
    // A damaged stream is left to the reader; only its size is checked here.
    let size = std::io::copy(&mut decoder.take(MAX_STREAM_BYTES + 1), &mut sink).unwrap_or(0);
    if size > MAX_STREAM_BYTES {
        return Err(bad(format!(
            "有数据流解压后超过 {MAX_STREAM_BYTES} 字节 / a stream unpacks to more than the limit"
        )));
    }
    Ok(())
}

fn is_image(stream: &lopdf::Stream) -> bool {
    matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image")
}

/// How deep forms nest below `resources` (a cycle counts as too deep).
fn form_depth(doc: &Document, resources: &Dictionary, depth: usize) -> usize {
    if depth > MAX_FORM_DEPTH {
        return depth;
    }
    let xobjects = match resources.get(b"XObject").map(|o| doc.dereference(o)) {
        Ok(Ok((_, Object::Dictionary(d)))) => d,
        _ => return depth,
    };
    let mut deepest = depth;
    for (_, o) in xobjects.iter() {
        if let Ok((_, Object::Stream(s))) = doc.dereference(o) {
            if is_image(s) {
                continue;
            }
            let inner = match s.dict.get(b"Resources").map(|o| doc.dereference(o)) {
                Ok(Ok((_, Object::Dictionary(d)))) => form_depth(doc, d, depth + 1),
                _ => depth + 1,
            };
            deepest = deepest.max(inner);
            if deepest > MAX_FORM_DEPTH {
                break;
            }
        }
    }
    deepest
}

/// Check the limits before the content is run.
fn check_limits(doc: &Document) -> Result<(), SourceError> {
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(bad("没有页面,文件可能已损坏或被截断 / no pages: damaged or truncated"));
    }
    if pages.len() > MAX_PAGES {
        return Err(bad(format!("{} 页,超过上限 {MAX_PAGES} / too many pages", pages.len())));
    }
    for obj in doc.objects.values() {
        if let Object::Stream(s) = obj {
            if !is_image(s) {
                unpacked_size_ok(s)?;
            }
        }
    }
    for id in pages.values() {
        let Ok((resources, _)) = doc.get_page_resources(*id) else { continue };
        if let Some(r) = resources {
            if form_depth(doc, r, 0) > MAX_FORM_DEPTH {
                return Err(bad(format!("表单对象嵌套超过 {MAX_FORM_DEPTH} 层 / forms nested too deep")));
            }
        }
    }
    Ok(())
}

/// The ToUnicode map of a font whose character codes are Unicode (UCS-2) themselves: every
/// two-byte code to the same code point, surrogates left out.
fn identity_to_unicode() -> Vec<u8> {
    let ranges: Vec<String> = (0u32..=0xFF)
        .filter(|hi| !(0xD8..=0xDF).contains(hi))
        .map(|hi| format!("<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>"))
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in ranges.chunks(100) {
        cmap.push_str(&format!("{} beginbfrange\n{}\nendbfrange\n", block.len(), block.join("\n")));
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

/// Chinese PDFs often use a font that is not embedded, in a predefined Unicode CMap
/// (`UniGB-UCS2-H`, `UniCNS-UCS2-H` …) and without a ToUnicode map: the codes are UCS-2. The PDF
/// library reads only `Identity-H` CMaps, so such fonts are given `Identity-H` and a ToUnicode
/// map from each code to itself, which reads the same text.
fn read_unicode_cmaps_as_identity(doc: &mut Document) {
    let fonts: Vec<(ObjectId, &'static str)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            if d.get(b"Subtype").ok()?.as_name().ok()? != b"Type0" || d.get(b"ToUnicode").is_ok() {
                return None;
            }
            let encoding = d.get(b"Encoding").ok()?.as_name().ok()?;
            let ucs2 =
                encoding.starts_with(b"Uni") && (encoding.ends_with(b"-UCS2-H") || encoding.ends_with(b"-UCS2-V"));
            ucs2.then(|| (*id, if encoding.ends_with(b"V") { "Identity-V" } else { "Identity-H" }))
        })
        .collect();
    if fonts.is_empty() {
        return;
    }
    let map = doc.add_object(Stream::new(Dictionary::new(), identity_to_unicode()));
    for (id, identity) in fonts {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("Encoding", Object::Name(identity.as_bytes().to_vec()));
            d.set("ToUnicode", Object::Reference(map));
        }
        // Widths are by CID; the codes are now read as CIDs. In the Chinese, Japanese and
        // Korean character collections CIDs 1–95 are ASCII 0x20–0x7E: move their widths there.
        let descendant = match doc.get_dictionary(id).and_then(|d| d.get(b"DescendantFonts")) {
            Ok(Object::Array(a)) => a.first().cloned(),
            _ => None,
        };
        let fix = |d: &mut Dictionary| {
            if let Ok(w) = d.get(b"W") {
                let widths = ascii_widths(w);
                d.set("W", Object::Array(vec![Object::Integer(0x20), Object::Array(widths)]));
            }
        };
        match descendant {
            Some(Object::Reference(r)) => {
                if let Ok(Object::Dictionary(d)) = doc.get_object_mut(r) {
                    fix(d);
                }
            }
            Some(Object::Dictionary(_)) => {
                if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
                    if let Ok(Object::Array(a)) = font.get_mut(b"DescendantFonts") {
                        if let Some(Object::Dictionary(d)) = a.first_mut() {
                            fix(d);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The widths of CIDs 1–95 in a `W` array (`c [w …]` and `first last w` entries), in order;
/// 500 (half of the usual em) where none is given.
fn ascii_widths(w: &Object) -> Vec<Object> {
    let mut out = vec![500.0f32; 95];
    let Ok(items) = w.as_array() else { return out.into_iter().map(Object::Real).collect() };
    let num = |o: &Object| o.as_float().ok().or_else(|| o.as_i64().ok().map(|i| i as f32));
    let mut put = |cid: i64, width: f32| {
        if (1..=95).contains(&cid) {
            out[cid as usize - 1] = width;
        }
    };
    let mut i = 0;
    while i + 1 < items.len() {
        let Some(first) = items[i].as_i64().ok() else { break };
        match &items[i + 1] {
            Object::Array(list) => {
                for (k, o) in list.iter().enumerate().take(95) {
                    if let Some(width) = num(o) {
                        put(first + k as i64, width);
                    }
                }
                i += 2;
            }
            other => {
                let (Some(last), Some(width)) = (other.as_i64().ok(), items.get(i + 2).and_then(num)) else { break };
                for cid in first.max(1)..=last.min(95) {
                    put(cid, width);
                }
                i += 3;
            }
        }
    }
    out.into_iter().map(Object::Real).collect()
}

/// pdf-extract reads the `first last width` entries of a CID font's `W` array wrongly (it takes
/// the range as empty), so every glyph they cover gets the default width — a Latin digit a whole
/// em wide, which pushes the rest of its string to the right, past the next Chinese character.
/// The ranges are written out as `first [width …]` lists, which it reads right (at most this
/// many widths per font; longer ranges are left as they are).
const MAX_EXPANDED_WIDTHS: i64 = 100_000;

fn write_out_width_ranges(w: &mut Vec<Object>) {
    let mut out = Vec::with_capacity(w.len());
    let mut budget = MAX_EXPANDED_WIDTHS;
    let mut i = 0;
    while i < w.len() {
        match (w.get(i), w.get(i + 1), w.get(i + 2)) {
            (Some(Object::Integer(first)), Some(Object::Integer(last)), Some(width))
                if last >= first && last - first < budget && !matches!(width, Object::Array(_)) =>
            {
                budget -= last - first + 1;
                out.push(Object::Integer(*first));
                out.push(Object::Array(vec![width.clone(); (last - first + 1) as usize]));
                i += 3;
            }
            (Some(first), Some(Object::Array(list)), _) => {
                out.push(first.clone());
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            _ => {
                out.extend(w[i..].iter().cloned());
                break;
            }
        }
    }
    *w = out;
}

fn is_cid_font(d: &Dictionary) -> bool {
    matches!(d.get(b"Subtype"), Ok(Object::Name(n)) if n == b"CIDFontType0" || n == b"CIDFontType2")
}

fn write_out_all_width_ranges(doc: &mut Document) {
    // `W` arrays kept as objects of their own, to fix after the fonts.
    let mut referenced: Vec<ObjectId> = Vec::new();
    let mut fix = |d: &mut Dictionary| {
        if is_cid_font(d) {
            match d.get_mut(b"W") {
                Ok(Object::Array(w)) => write_out_width_ranges(w),
                Ok(Object::Reference(id)) => referenced.push(*id),
                _ => {}
            }
        }
    };
    for obj in doc.objects.values_mut() {
        if let Object::Dictionary(d) = obj {
            fix(d);
            // A descendant font written inside its Type0 font.
            if let Ok(Object::Array(list)) = d.get_mut(b"DescendantFonts") {
                for o in list.iter_mut() {
                    if let Object::Dictionary(inner) = o {
                        fix(inner);
                    }
                }
            }
        }
    }
    for id in referenced {
        if let Ok(Object::Array(w)) = doc.get_object_mut(id) {
            write_out_width_ranges(w);
        }
    }
}

/// The pages of a PDF with their glyphs.
pub fn pages(bytes: &[u8]) -> Result<Vec<Page>, SourceError> {
    quiet_panics();
    READING.with(|r| r.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Vec<Page>, SourceError> {
        let mut doc =
            Document::load_mem(bytes).map_err(|e| bad(format!("文件已损坏或被截断 / damaged or truncated: {e}")))?;
        if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
            return Err(SourceError::Encrypted("PDF"));
        }
        check_limits(&doc)?;
        write_out_all_width_ranges(&mut doc);
        read_unicode_cmaps_as_identity(&mut doc);
        let mut collector = Collector::default();
        pdf_extract::output_doc(&doc, &mut collector).map_err(|e| {
            if collector.glyphs > MAX_GLYPHS {
                bad(format!("字符超过 {MAX_GLYPHS} 个 / more glyphs than the limit"))
            } else {
                bad(format!("页面内容无法解析 / cannot run the page content: {e}"))
            }
        })?;
        Ok(collector.pages)
    }));
    READING.with(|r| r.set(false));
    result.unwrap_or_else(|panic| {
        let why = super::panic_message(&*panic);
        Err(bad(format!("PDF 库无法处理此文件(字体或结构不受支持)/ unsupported font or structure: {why}")))
    })
}

/// The text of a PDF: one line per paragraph, and the page each part is on.
pub fn extract(bytes: &[u8]) -> Result<Paged, SourceError> {
    let pages = pages(bytes)?;
    let paged = layout::paragraphs(&pages);
    if paged.text.trim().is_empty() {
        return Err(SourceError::ScannedPdf);
    }
    Ok(paged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_ranges_are_written_out_as_lists() {
        let mut w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(207), Object::Integer(270)]),
            Object::Integer(17),
            Object::Integer(19),
            Object::Integer(562),
            Object::Integer(1),
            Object::Integer(1_000_000),
            Object::Integer(1000),
        ];
        write_out_width_ranges(&mut w);
        assert_eq!(w[2], Object::Integer(17));
        assert_eq!(w[3], Object::Array(vec![Object::Integer(562); 3]));
        // A range too long to write out stays a range.
        assert_eq!(&w[4..], &[Object::Integer(1), Object::Integer(1_000_000), Object::Integer(1000)]);
    }
}
