//! Reading sources: walk the paths given on the command line, read each file's bytes and decode
//! them (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK or Big5 by detection).
//!
//! Nothing here knows about reports. A file that cannot be read or decoded becomes a
//! [`SourceError`] for that file; the run goes on with the others.

use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

pub mod doc;
pub mod docx;
pub mod html;
pub mod layout;
mod message;
pub mod ofd;
pub mod pdf;
pub mod pieces;

/// File extensions checked when walking a folder. Files named explicitly are read whatever
/// their extension (`.docx`, `.doc`, `.pdf`, `.ofd` and `.html`/`.htm` by their own readers,
/// a PDF or an OLE `.doc` also when recognised by its first bytes, anything else as text).
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "html", "htm", "doc", "pdf", "ofd"];

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// One decoded input.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown to people (as given, with `/` separators), or `-` for stdin.
    pub path: String,
    pub text: String,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// Lines (0-based) that the document itself marks as headings, with their level: Word
    /// paragraphs in heading styles. Empty for plain text.
    pub heading_lines: Vec<(usize, u8)>,
    /// For paged formats (PDF, OFD): (byte offset in `text`, 1-based page) where each page's
    /// text begins. Empty for the others.
    pub page_starts: Vec<(usize, u32)>,
}

impl Source {
    /// The page (1-based) of a byte offset of the text, for paged formats.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let i = self.page_starts.partition_point(|&(start, _)| start <= offset);
        i.checked_sub(1).map(|i| self.page_starts[i].1)
    }
}

/// Where an input comes from: a file found on disk, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => display(p),
        }
    }
}

/// Why one input could not be checked.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SourceError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file: nothing to check")]
    Empty,
    #[error("binary file (NUL byte at offset {0}): not a text report")]
    Binary(usize),
    #[error("file is {0} bytes, larger than the limit of {MAX_FILE_BYTES} bytes")]
    TooLarge(u64),
    #[error("cannot decode: not valid UTF-8 (first invalid byte at offset {offset}) and not GB18030/GBK or Big5 text")]
    Undecodable { offset: usize },
    #[error("cannot decode as {encoding}: malformed byte sequence")]
    Malformed { encoding: &'static str },
    #[error("cannot read Word document: {0}")]
    Docx(String),
    #[error("cannot read web page: {0}")]
    Html(String),
    #[error("无法读取 Word 97–2003 文档 / cannot read Word 97-2003 (.doc) document: {0}")]
    Doc(String),
    #[error("无法读取 PDF / cannot read PDF: {0}")]
    Pdf(String),
    #[error("扫描版 PDF:没有可检查的文字(请先做文字识别)/ scanned PDF: no text to check (OCR first)")]
    ScannedPdf,
    #[error("无法读取 OFD / cannot read OFD document: {0}")]
    Ofd(String),
    #[error("{0} 文件已加密,没有密码无法读取 / encrypted {0} file: cannot be read without its password")]
    Encrypted(&'static str),
    #[error("internal error, this file was not fully checked (please report it): {0}")]
    Internal(String),
}

/// The message a caught panic carries (empty when it carries none).
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// Follow symbolic links found inside a folder (`-L`). Off by default, as in ripgrep: a link
    /// may lead out of the tree (`leak.txt -> /etc/passwd`). Paths named explicitly are always read.
    pub follow_links: bool,
}

/// What a walk found: the inputs to check (sorted), paths that could not be visited, and
/// files the filter wanted but that are not regular files (a FIFO would block, a device never
/// ends) — skipped, with the reason.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub errors: Vec<(String, SourceError)>,
    pub skipped: Vec<(String, &'static str)>,
}

/// Expand the paths given by the user into a sorted list of inputs, not following links inside
/// folders. See [`collect`].
pub fn collect_inputs(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> (Vec<Input>, Vec<(String, SourceError)>) {
    let c = collect(paths, wanted, Walk::default());
    (c.inputs, c.errors)
}

/// Expand the paths given by the user into a sorted list of inputs. Folders are walked
/// recursively, keeping the regular files `wanted` accepts; files named explicitly are kept as
/// they are, whatever they are. Paths that do not exist are returned as errors, in the order given.
pub fn collect(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool, walk: Walk) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        if path.as_os_str() == "-" {
            out.inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => out.errors.push((display(path), SourceError::Io(e.to_string()))),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                for entry in walkdir::WalkDir::new(path).follow_links(walk.follow_links).sort_by_file_name() {
                    match entry {
                        Err(e) => {
                            let p = e.path().map(display).unwrap_or_else(|| display(path));
                            out.errors.push((p, SourceError::Io(e.to_string())));
                        }
                        Ok(e) if e.file_type().is_dir() || e.file_type().is_symlink() => {}
                        Ok(e) if !wanted(e.path()) => {}
                        Ok(e) if e.file_type().is_file() => found.push(Input::File(e.into_path())),
                        Ok(e) => out.skipped.push((display(e.path()), special_kind(&e.file_type()))),
                    }
                }
                out.inputs.extend(found);
            }
            Ok(_) => out.inputs.push(Input::File(path.clone())),
        }
    }
    out.inputs.sort();
    out.inputs.dedup();
    out
}

/// What a file that is neither a folder, a link nor a regular file is, in words.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "命名管道(FIFO),不是普通文件";
        }
        if t.is_socket() {
            return "套接字,不是普通文件";
        }
        if t.is_block_device() || t.is_char_device() {
            return "设备文件,不是普通文件";
        }
    }
    let _ = t;
    "不是普通文件"
}

/// Read at most `limit` bytes from `reader`; more is [`SourceError::TooLarge`] (with the
/// count read so far, which is all that is known of a stream's size).
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, SourceError> {
    let mut buf = Vec::new();
    reader.take(limit + 1).read_to_end(&mut buf).map_err(|e| SourceError::Io(e.to_string()))?;
    if buf.len() as u64 > limit {
        return Err(SourceError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// Read a small file the user named (settings, baseline) as UTF-8, refusing one larger than
/// [`MAX_FILE_BYTES`] before reading it.
pub fn read_named_text(path: &Path) -> Result<String, SourceError> {
    let io = |e: std::io::Error| SourceError::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge(len));
    }
    let bytes = read_limited(file, MAX_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| SourceError::Undecodable { offset: e.utf8_error().valid_up_to() })
}

/// A path as shown to people, losslessly: bytes that are not UTF-8 become `\xNN`, and a
/// backslash that could be read as the start of such an escape (before `x`, `u` or another
/// backslash) is doubled, so two different names never look the same. Other backslashes stay
/// (on Unix they are part of the name); on Windows they are separators and shown as `/`.
pub fn display(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            let mut chars = chunk.valid().chars().peekable();
            while let Some(c) = chars.next() {
                out.push(c);
                if c == '\\' {
                    let next_is_escape = match chars.peek() {
                        Some(n) => matches!(n, 'x' | 'u' | '\\'),
                        None => !chunk.invalid().is_empty(),
                    };
                    if next_is_escape {
                        out.push('\\');
                    }
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().replace('\\', "/")
    }
}

/// Whether `path` ends in one of `extensions` (the default filter: [`EXTENSIONS`]).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Read and decode one input.
pub fn read(input: &Input) -> Result<Source, SourceError> {
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin().lock(), MAX_FILE_BYTES)?,
        Input::File(path) => {
            // One open, one fstat for the size, one read of exactly that size.
            let io = |e: std::io::Error| SourceError::Io(e.to_string());
            let mut file = std::fs::File::open(path).map_err(io)?;
            let meta = file.metadata().map_err(io)?;
            let len = meta.len();
            if len > MAX_FILE_BYTES {
                return Err(SourceError::TooLarge(len));
            }
            if meta.is_file() {
                let mut buf = vec![0; usize::try_from(len).map_err(|_| SourceError::TooLarge(len))?];
                file.read_exact(&mut buf).map_err(io)?;
                buf
            } else {
                // A pipe or a device (`<(…)`, `/dev/stdin`): no size to trust, read to the limit.
                read_limited(file, MAX_FILE_BYTES)?
            }
        }
    };
    let extension = match input {
        Input::File(p) => p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase),
        Input::Stdin => None,
    };
    let plain = |text: String, encoding: &'static str| Source {
        path: input.display(),
        text,
        encoding,
        heading_lines: Vec::new(),
        page_starts: Vec::new(),
    };
    match Kind::of(extension.as_deref(), &bytes) {
        Kind::Docx => {
            let (text, heading_lines) = docx::extract_with_headings(&bytes)?;
            Ok(Source { heading_lines, ..plain(text, "docx") })
        }
        Kind::Doc => Ok(plain(doc::extract(&bytes)?, "doc")),
        Kind::Pdf => {
            let paged = pdf::extract(&bytes)?;
            Ok(Source { page_starts: paged.page_starts, ..plain(paged.text, "pdf") })
        }
        Kind::Ofd => {
            let paged = ofd::extract(&bytes)?;
            Ok(Source { page_starts: paged.page_starts, ..plain(paged.text, "ofd") })
        }
        Kind::Html => Ok(plain(html::extract(&bytes)?, "html")),
        Kind::Text => {
            let (text, encoding) = decode(&bytes)?;
            Ok(plain(text, encoding))
        }
    }
}

/// Which reader a file goes to: PDF and OLE files by their first bytes (a report saved as
/// `.txt` or without extension is still read); otherwise by extension, where a `.doc` that is
/// really a `.docx` or a web page (as offices often send) goes to that reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Docx,
    Doc,
    Pdf,
    Ofd,
}

impl Kind {
    fn of(extension: Option<&str>, bytes: &[u8]) -> Kind {
        let head = &bytes[..bytes.len().min(1024)];
        if bytes.starts_with(b"%PDF-") || (extension == Some("pdf") && memchr::memmem::find(head, b"%PDF-").is_some()) {
            return Kind::Pdf;
        }
        if bytes.starts_with(&doc::OLE_MAGIC) {
            return Kind::Doc;
        }
        let zip = bytes.starts_with(b"PK\x03\x04");
        match extension {
            Some("docx") => Kind::Docx,
            Some("ofd") => Kind::Ofd,
            Some("pdf") => Kind::Pdf,
            Some("doc") if zip => Kind::Docx,
            Some("doc") if looks_like_html(head) => Kind::Html,
            Some("doc") if !bytes.contains(&0) && !bytes.starts_with(b"{\\rtf") => Kind::Text,
            Some("doc") => Kind::Doc,
            Some("html" | "htm") => Kind::Html,
            _ => Kind::Text,
        }
    }
}

fn looks_like_html(head: &[u8]) -> bool {
    let lower = head.to_ascii_lowercase();
    memchr::memmem::find(&lower, b"<html").is_some() || memchr::memmem::find(&lower, b"<!doctype html").is_some()
}

/// Decode the bytes of a report. Order of trust: a BOM; valid UTF-8; a NUL byte means binary;
/// otherwise the detector's guess, accepted only for the Chinese legacy encodings and only when
/// the bytes decode without error.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(SourceError::Malformed { encoding: enc.name() });
        }
        return finish(text.into_owned(), enc);
    }
    if let Some(nul) = memchr::memchr(0, bytes) {
        if let Some((text, enc)) = utf16_without_bom(bytes) {
            return finish(text, enc);
        }
        return Err(SourceError::Binary(nul));
    }
    // Validated with SIMD, several times faster than `std` on Chinese text.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return finish(s.to_string(), UTF_8);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_string(), UTF_8),
        Err(e) => {
            // Reports are Chinese: GB18030 that decodes cleanly into mostly common ideographs
            // needs no detector (which costs more than the rest of the file's checking).
            if let Some(text) = clean_gb18030(bytes) {
                return finish(text, GB18030);
            }
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
            let enc = if guess == GBK || guess == GB18030 {
                GB18030
            } else if guess == BIG5 {
                BIG5
            } else {
                return Err(SourceError::Undecodable { offset: e.valid_up_to() });
            };
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(SourceError::Undecodable { offset: e.valid_up_to() });
            }
            finish(text.into_owned(), enc)
        }
    }
}

/// UTF-16 without a BOM (as some Windows tools save "Unicode" text): the NUL bytes of ASCII
/// characters would otherwise make it look binary. Accepted when the bytes decode cleanly in
/// one byte order into text that is nearly all Chinese, ASCII and Chinese punctuation, with no
/// NUL character.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find_map(|enc| {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors || text.contains('\0') {
            return None;
        }
        let (mut all, mut plausible) = (0usize, 0usize);
        for c in text.chars() {
            all += 1;
            let ok = matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
                || matches!(c, '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{2014}' | '\u{00B7}')
                || c.is_ascii_graphic()
                || matches!(c, ' ' | '\t' | '\n' | '\r');
            plausible += usize::from(ok);
        }
        (all > 0 && plausible * 100 >= all * 95).then(|| (text.into_owned(), enc))
    })
}

/// The bytes decoded as GB18030, if that gives no error and at least 80% of the non-ASCII
/// characters are CJK ideographs or Chinese punctuation.
fn clean_gb18030(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let (mut wide, mut chinese) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        wide += 1;
        if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}')
        {
            chinese += 1;
        }
    }
    (wide > 0 && chinese * 5 >= wide * 4).then(|| text.into_owned())
}

fn finish(text: String, enc: &'static Encoding) -> Result<(String, &'static str), SourceError> {
    if text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    let name = if enc == UTF_16LE || enc == UTF_16BE { "UTF-16" } else { enc.name() };
    Ok((text, name))
}

/// Append the text of an XML character or entity reference (`&#20013;`, `&amp;`) met while
/// reading a Word or OFD part; an unknown entity adds nothing.
pub(crate) fn push_xml_ref(out: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    match r.resolve_char_ref() {
        Ok(Some(ch)) => out.push(ch),
        _ => out.push_str(match r.as_ref() {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            _ => "",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "沁水县2021年度法治政府建设情况的报告\n共受理行政复议案件14件,均已办结。";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap().0, SAMPLE);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&with_bom).unwrap().0, SAMPLE);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in SAMPLE.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, SAMPLE);
        assert_eq!(enc, "UTF-16");
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let le: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let (text, enc) = decode(&bytes).unwrap();
            assert_eq!(text, SAMPLE);
            assert_eq!(enc, "UTF-16");
        }
        // Binary data with NUL bytes is still binary.
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Err(SourceError::Binary(8)));
        let noise: Vec<u8> = (0u32..4000).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&[&noise[..], &[0, 0]].concat()), Err(SourceError::Binary(_))));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, SAMPLE);
        assert_eq!(enc, "gb18030");
    }

    #[cfg(unix)]
    #[test]
    fn paths_are_shown_losslessly_and_distinctly() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let show = |b: &[u8]| display(Path::new(OsStr::from_bytes(b)));
        assert_eq!(show(b"dir/a\\b.txt"), "dir/a\\b.txt");
        assert_eq!(show(b"a\xff.txt"), "a\\xFF.txt");
        assert_eq!(show(b"a\\xff.txt"), "a\\\\xff.txt");
        assert_eq!(show(b"a\xfe.txt"), "a\\xFE.txt");
        assert_eq!(show(b"a\\\xff"), "a\\\\\\xFF");
        assert_eq!(show("报告.txt".as_bytes()), "报告.txt");
    }

    #[test]
    fn streams_are_read_up_to_the_limit() {
        assert_eq!(read_limited(&b"abcd"[..], 4).unwrap(), b"abcd");
        assert_eq!(read_limited(&b"abcde"[..], 4), Err(SourceError::TooLarge(5)));
        // An endless stream stops one byte past the limit.
        assert_eq!(read_limited(std::io::repeat(b'a'), 1000), Err(SourceError::TooLarge(1001)));
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_eq!(decode(b""), Err(SourceError::Empty));
        assert_eq!(decode(b" \n\n "), Err(SourceError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00abc"), Err(SourceError::Binary(4)));
        let mut invalid = "受理".as_bytes().to_vec();
        invalid.extend_from_slice(&[0xFF, 0xFE, 0xFD, 0x80, b'a']);
        assert!(matches!(decode(&invalid), Err(SourceError::Undecodable { offset: 6 })));
    }
}
