//! Text of a Word 97–2003 `.doc` file: the OLE compound file is opened with `cfb`, the File
//! Information Block (FIB) of the `WordDocument` stream says where the piece table lies in the
//! table stream, and [`super::pieces`] reads the main document's characters through it.
//! Paragraph marks, cell marks and manual line breaks end lines; of a field only its shown
//! result is kept. Headings are what the text shows (`一、`): Word styles are not read.

use std::io::{Cursor, Read};

use super::pieces;
use super::SourceError;

/// At most this many entries in the compound file.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes in one stream.
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Fields nested deeper than this are refused.
pub const MAX_FIELD_DEPTH: usize = 64;

/// The signature of an OLE compound file.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn bad(msg: impl std::fmt::Display) -> SourceError {
    SourceError::Doc(msg.to_string())
}

fn read_stream(cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, SourceError> {
    let stream = cfb.open_stream(name).map_err(|e| bad(format!("缺少 {name} 流 / no {name} stream: {e}")))?;
    let len = stream.len();
    if len > MAX_STREAM_BYTES {
        return Err(bad(format!("{name} 流有 {len} 字节,超过上限 {MAX_STREAM_BYTES} / stream too large")));
    }
    let mut buf = Vec::with_capacity(len as usize);
    stream
        .take(MAX_STREAM_BYTES)
        .read_to_end(&mut buf)
        .map_err(|e| bad(format!("{name} 流读取失败,文件可能已损坏 / cannot read the {name} stream: {e}")))?;
    if (buf.len() as u64) < len {
        return Err(bad(format!("{name} 流不完整,文件可能被截断 / the {name} stream is cut short")));
    }
    Ok(buf)
}

/// What the FIB says about the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fib {
    encrypted: bool,
    table_1: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Read the FIB at the start of the `WordDocument` stream ([MS-DOC] 2.5.1).
fn fib(word: &[u8]) -> Result<Fib, SourceError> {
    let short = || bad("文件信息块(FIB)不完整 / the File Information Block is cut short");
    if u16_at(word, 0) != Some(0xA5EC) {
        return Err(bad("不是 Word 97–2003 文档(WordDocument 流的标识不对) / not a Word 97-2003 document"));
    }
    let n_fib = u16_at(word, 2).ok_or_else(short)?;
    if n_fib < 0x00C1 {
        return Err(bad(format!(
            "Word 6.0/95 格式(nFib {n_fib}),请用 Word 另存为 .docx / Word 6.0/95 format is not read"
        )));
    }
    let flags = u16_at(word, 0x0A).ok_or_else(short)?;
    // FibBase is 32 bytes; then csw and FibRgW97, cslw and FibRgLw97, cbRgFcLcb and the pairs.
    let csw = u16_at(word, 32).ok_or_else(short)? as usize;
    let lw = 34 + 2 * csw;
    let cslw = u16_at(word, lw).ok_or_else(short)? as usize;
    let ccp_text = u32_at(word, lw + 2 + 12).ok_or_else(short)?;
    let fc_lcb = lw + 2 + 4 * cslw;
    let pairs = u16_at(word, fc_lcb).ok_or_else(short)? as usize;
    // fcClx / lcbClx are pair 33 of FibRgFcLcb97.
    if pairs <= 33 {
        return Err(short());
    }
    let clx = fc_lcb + 2 + 33 * 8;
    Ok(Fib {
        encrypted: flags & 0x0100 != 0 || flags & 0x8000 != 0,
        table_1: flags & 0x0200 != 0,
        ccp_text,
        fc_clx: u32_at(word, clx).ok_or_else(short)?,
        lcb_clx: u32_at(word, clx + 4).ok_or_else(short)?,
    })
}

/// The raw characters of the main document (control characters included).
pub fn raw_text(bytes: &[u8]) -> Result<String, SourceError> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| bad(format!("复合文档结构损坏或文件被截断 / damaged or truncated compound file: {e}")))?;
    let entries = cfb.walk().take(MAX_ENTRIES + 1).count();
    if entries > MAX_ENTRIES {
        return Err(bad(format!("复合文档条目超过上限 {MAX_ENTRIES} / too many entries")));
    }
    let word = read_stream(&mut cfb, "WordDocument")?;
    let fib = fib(&word)?;
    if fib.encrypted {
        return Err(SourceError::Encrypted("Word"));
    }
    let table = read_stream(&mut cfb, if fib.table_1 { "1Table" } else { "0Table" })?;
    let clx = table
        .get(fib.fc_clx as usize..)
        .and_then(|t| t.get(..fib.lcb_clx as usize))
        .ok_or_else(|| bad("文本片段表超出表流末尾,文件可能被截断 / the piece table lies beyond the table stream"))?;
    let pieces = pieces::parse_clx(clx).map_err(bad)?;
    pieces::text(&pieces, &word, fib.ccp_text).map_err(bad)
}

/// The document's characters as lines: paragraph (0x0D), cell (0x07), line (0x0B), page and
/// section (0x0C) breaks end a line; a field (0x13 code 0x14 result 0x15) keeps its result;
/// other control characters (pictures, footnote marks) are dropped.
pub fn lines_of(raw: &str) -> Result<String, SourceError> {
    let mut out = String::with_capacity(raw.len());
    // For each open field: whether its code is still being read (true until 0x14).
    let mut fields: Vec<bool> = Vec::new();
    for c in raw.chars() {
        match c {
            '\u{13}' => {
                if fields.len() >= MAX_FIELD_DEPTH {
                    return Err(bad(format!("域嵌套超过 {MAX_FIELD_DEPTH} 层 / fields nested too deep")));
                }
                fields.push(true);
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            '\r' | '\u{07}' | '\u{0B}' | '\u{0C}' | '\u{0E}' => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{1E}' => out.push('-'),
            '\u{A0}' => out.push(' '),
            c if c.is_control() || c == '\u{1F}' => {}
            c => out.push(c),
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    if out.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    Ok(out)
}

/// The text of a `.doc`: one line per paragraph.
pub fn extract(bytes: &[u8]) -> Result<String, SourceError> {
    if !bytes.starts_with(&OLE_MAGIC) {
        return Err(bad(
            "不是 Word 97–2003 (OLE) 文件;若是 RTF 或网页另存的 .doc,请用 Word 另存为 .docx / not an OLE compound file",
        ));
    }
    lines_of(&raw_text(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_end_lines_and_fields_keep_their_result() {
        let raw = "一、总体情况\r受理\u{13} PAGE \u{14}14\u{15}件。\u{07}\u{07}第二行\u{0B}续\u{01}\r\r";
        assert_eq!(lines_of(raw).unwrap(), "一、总体情况\n受理14件。\n\n第二行\n续");
        // A field without a result shows nothing; nested fields too.
        assert_eq!(lines_of("a\u{13}X\u{13}Y\u{15}\u{15}b").unwrap(), "ab");
    }

    #[test]
    fn deep_fields_and_empty_text_are_errors() {
        assert!(lines_of(&"\u{13}".repeat(MAX_FIELD_DEPTH + 1)).is_err());
        assert_eq!(lines_of("\r\r\u{07}"), Err(SourceError::Empty));
    }

    #[test]
    fn not_ole_is_an_error() {
        let e = extract(b"{\\rtf1 hello}").unwrap_err();
        assert!(e.to_string().contains("RTF"), "{e}");
    }
}
