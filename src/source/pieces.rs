//! The piece table of a Word 97–2003 (`.doc`) file: where each run of the document's characters
//! lies in the `WordDocument` stream, and whether it is stored one byte per character
//! ("compressed", Windows-1252) or as UTF-16LE. Read from the `Clx` in the table stream
//! ([MS-DOC] 2.9.38 Clx, 2.9.177 PlcPcd, 2.9.178 Pcd, 2.9.73 FcCompressed).

use encoding_rs::WINDOWS_1252;

/// At most this many pieces: a long, much-edited document has a few thousand.
pub const MAX_PIECES: usize = 1_000_000;

/// One piece: the characters `cp_start..cp_end` of the document, stored from byte `offset` of
/// the `WordDocument` stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub cp_start: u32,
    pub cp_end: u32,
    pub offset: u32,
    /// One byte per character (Windows-1252) instead of two (UTF-16LE).
    pub compressed: bool,
}

/// Why the piece table could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PieceError {
    #[error("文本片段表(piece table)不完整 / the piece table is cut short")]
    Truncated,
    #[error("文本片段表中有未知的记录类型 {0:#04x} / unknown record in the piece table")]
    UnknownRecord(u8),
    #[error("文本片段表有 {0} 个片段,超过上限 {MAX_PIECES} / too many pieces")]
    TooMany(usize),
    #[error("文本片段表的字符位置不是递增的 / character positions out of order")]
    OutOfOrder,
    #[error("文本片段超出了 WordDocument 流的末尾 / a piece lies beyond the end of the text stream")]
    OutOfBounds,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The pieces of a `Clx`: any number of `Prc` records (0x01, formatting, skipped), then one
/// `Pcdt` (0x02) holding the `PlcPcd`.
pub fn parse_clx(clx: &[u8]) -> Result<Vec<Piece>, PieceError> {
    let mut at = 0;
    loop {
        match clx.get(at) {
            None => return Err(PieceError::Truncated),
            Some(0x01) => {
                let size = u16_at(clx, at + 1).ok_or(PieceError::Truncated)? as i16;
                at += 3 + usize::try_from(size).map_err(|_| PieceError::Truncated)?;
            }
            Some(0x02) => {
                let size = u32_at(clx, at + 1).ok_or(PieceError::Truncated)? as usize;
                let plc = clx.get(at + 5..).and_then(|rest| rest.get(..size)).ok_or(PieceError::Truncated)?;
                return parse_plc_pcd(plc);
            }
            Some(&other) => return Err(PieceError::UnknownRecord(other)),
        }
    }
}

/// A `PlcPcd`: n + 1 character positions, then n 8-byte piece descriptors.
fn parse_plc_pcd(plc: &[u8]) -> Result<Vec<Piece>, PieceError> {
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(PieceError::Truncated);
    }
    let n = (plc.len() - 4) / 12;
    if n > MAX_PIECES {
        return Err(PieceError::TooMany(n));
    }
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp_start = u32_at(plc, 4 * i).ok_or(PieceError::Truncated)?;
        let cp_end = u32_at(plc, 4 * (i + 1)).ok_or(PieceError::Truncated)?;
        if cp_end < cp_start || pieces.last().is_some_and(|p: &Piece| p.cp_end > cp_start) {
            return Err(PieceError::OutOfOrder);
        }
        // Pcd: 2 bytes of flags, the 4-byte FcCompressed, 2 bytes of Prm.
        let fc = u32_at(plc, 4 * (n + 1) + 8 * i + 2).ok_or(PieceError::Truncated)?;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        let offset = if compressed { fc / 2 } else { fc };
        pieces.push(Piece { cp_start, cp_end, offset, compressed });
    }
    Ok(pieces)
}

/// The characters `0..cp_limit` of the document, as stored (control characters included).
pub fn text(pieces: &[Piece], stream: &[u8], cp_limit: u32) -> Result<String, PieceError> {
    let mut out = String::new();
    let mut units: Vec<u16> = Vec::new();
    for p in pieces {
        if p.cp_start >= cp_limit {
            break;
        }
        let count = (p.cp_end.min(cp_limit) - p.cp_start) as usize;
        let start = p.offset as usize;
        let bytes = if p.compressed { count } else { 2 * count };
        let data = stream.get(start..start + bytes).ok_or(PieceError::OutOfBounds)?;
        if p.compressed {
            let (s, _) = WINDOWS_1252.decode_without_bom_handling(data);
            out.push_str(&s);
        } else {
            units.clear();
            units.extend(data.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])));
            out.extend(char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Clx of one Prc (skipped) and a PlcPcd for `pieces` given as (cp_start, cp_end, fc).
    fn clx(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut plc = Vec::new();
        for (s, _, _) in pieces {
            plc.extend_from_slice(&s.to_le_bytes());
        }
        plc.extend_from_slice(&pieces.last().unwrap().1.to_le_bytes());
        for (_, _, fc) in pieces {
            plc.extend_from_slice(&[0, 0]);
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&[0, 0]);
        }
        let mut out = vec![0x01, 3, 0, 0xAA, 0xBB, 0xCC, 0x02];
        out.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        out.extend_from_slice(&plc);
        out
    }

    #[test]
    fn unicode_and_compressed_pieces_in_cp_order() {
        // Stream: "Hello\r" compressed at byte 0; "法治政府\r" UTF-16LE at byte 16.
        let mut stream = b"Hello\r".to_vec();
        stream.resize(16, 0);
        for u in "法治政府\r".encode_utf16() {
            stream.extend_from_slice(&u.to_le_bytes());
        }
        // The compressed piece's fc is twice its byte offset, with bit 30 set.
        let pieces = parse_clx(&clx(&[(0, 6, 0x4000_0000), (6, 11, 16)])).unwrap();
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].compressed && !pieces[1].compressed);
        assert_eq!(pieces[1].offset, 16);
        assert_eq!(text(&pieces, &stream, 11).unwrap(), "Hello\r法治政府\r");
        // Only the main document: characters past `cp_limit` (footnotes, headers) are left out.
        assert_eq!(text(&pieces, &stream, 8).unwrap(), "Hello\r法治");
    }

    #[test]
    fn compressed_bytes_are_windows_1252() {
        // 0x93/0x94 are curly quotes in Windows-1252, 0x85 an ellipsis.
        let stream = [0x93, b'a', 0x94, 0x85];
        let pieces = parse_clx(&clx(&[(0, 4, 0x4000_0000)])).unwrap();
        assert_eq!(text(&pieces, &stream, 4).unwrap(), "\u{201C}a\u{201D}\u{2026}");
    }

    #[test]
    fn damaged_tables_are_errors() {
        assert_eq!(parse_clx(&[]), Err(PieceError::Truncated));
        assert_eq!(parse_clx(&[0x07]), Err(PieceError::UnknownRecord(7)));
        let good = clx(&[(0, 6, 0x4000_0000)]);
        assert_eq!(parse_clx(&good[..good.len() - 1]), Err(PieceError::Truncated));
        assert_eq!(parse_clx(&clx(&[(0, 6, 0), (6, 3, 20)])), Err(PieceError::OutOfOrder));
        // A piece that points past the end of the stream.
        let pieces = parse_clx(&clx(&[(0, 6, 1000)])).unwrap();
        assert_eq!(text(&pieces, b"short", 6), Err(PieceError::OutOfBounds));
    }
}
