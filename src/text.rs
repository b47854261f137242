//! Text utilities shared by every stage: width folding with an offset map back to the
//! decoded source, and a line index that turns byte offsets into line and character column.
//!
//! Reports mix full-width and half-width forms (`(一)` and `（一）`, `1.` and `１．`). Matching
//! runs on a folded copy in which full-width ASCII forms are their half-width twins; every span
//! found there is mapped back to the original text before it leaves the engine.

/// Fold one character: full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space become
/// their ASCII equivalents; everything else is kept.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Characters written only in traditional script, common in reports (們 這 為 與 …), sorted.
const TRADITIONAL_ONLY: &[char] = &[
    '來', '個', '們', '務', '區', '國', '報', '實', '審', '專', '對', '後', '從', '復', '應', '據', '數', '於', '時',
    '書', '會', '條', '權', '為', '營', '現', '環', '發', '監', '結', '統', '經', '網', '縣', '與', '處', '計', '訟',
    '訴', '說', '調', '證', '議', '辦', '這', '進', '運', '過', '達', '還', '長', '門', '關', '項', '頭', '類', '體',
    '黨',
];
/// Traditional characters in the first part of a text that make it a traditional text.
const TRADITIONAL_HITS: usize = 3;
/// Bytes looked at to decide.
const TRADITIONAL_PROBE: usize = 4 * 1024;

/// Whether a text is written in traditional script (a mirror site's conversion, a Hong Kong or
/// Taiwan copy): a few of the commonest traditional-only characters near its start.
fn is_traditional(text: &str) -> bool {
    let probe = &text[..crate::text::floor_boundary(text, TRADITIONAL_PROBE.min(text.len()))];
    probe
        .chars()
        .filter(|c| *c as u32 >= 0x4E00 && TRADITIONAL_ONLY.binary_search(c).is_ok())
        .take(TRADITIONAL_HITS)
        .count()
        >= TRADITIONAL_HITS
}

/// Text folded for matching, with a map from folded byte offsets back to the original.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// Checkpoints `(folded, original)` recorded after every folded character whose byte
    /// length changed. Empty when folding changed nothing (the common case).
    points: Vec<(usize, usize)>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        // Most reports have no full-width forms: every such character starts with byte 0xEF
        // (U+FF01–U+FF5E) or 0xE3 (U+3000), so a byte search decides whether to fold at all.
        let bytes = original.as_bytes();
        let needs_folding = memchr::memchr2_iter(0xEF, 0xE3, bytes).any(|i| {
            matches!(
                (bytes[i], bytes.get(i + 1), bytes.get(i + 2)),
                (0xEF, Some(0xBC | 0xBD), _) | (0xE3, Some(0x80), Some(0x80))
            )
        });
        let traditional = is_traditional(original);
        if !needs_folding && !traditional {
            return Folded { text: original.to_string(), points: Vec::new() };
        }
        let width_folded: String = original.chars().map(fold_char).collect();
        // Traditional characters become simplified ones, one character for one, so that the
        // rules' words (审结, 办结率为) match a mirror's 審結, 辦結率為.
        let converted = if traditional { fast2s::convert(&width_folded) } else { width_folded };
        let mut text = String::with_capacity(original.len());
        let mut points = Vec::new();
        for ((i, c), f) in original.char_indices().zip(converted.chars()) {
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                points.push((text.len(), i + c.len_utf8()));
            }
        }
        Folded { text, points }
    }

    /// Map a byte offset in the folded text to the original text.
    pub fn to_original(&self, folded: usize) -> usize {
        match self.points.partition_point(|&(f, _)| f <= folded) {
            0 => folded,
            n => {
                let (f, o) = self.points[n - 1];
                o + (folded - f)
            }
        }
    }
}

/// Line starts of a text, for turning byte offsets into 1-based line and character column.
///
/// A column is counted from the start of its line. On a very long line (a 50 MB file of one
/// line) it is counted from checkpoints every [`CHECKPOINT`] bytes instead, made the first
/// time they are needed, so that thousands of findings cost no more than a few kilobytes of
/// counting each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters before it, UTF-16 units before it)`, every `CHECKPOINT` bytes
    /// (on char boundaries).
    checkpoints: std::sync::OnceLock<Vec<(usize, usize, usize)>>,
}

const CHECKPOINT: usize = 512;
/// Up to this many bytes, a column is counted directly.
const DIRECT: usize = 8 * CHECKPOINT;

/// A position for people: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts, checkpoints: std::sync::OnceLock::new() }
    }

    fn checkpoints(&self, text: &str) -> &[(usize, usize, usize)] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = vec![(0, 0, 0)];
            let (mut chars, mut units) = (0, 0);
            let mut at = 0;
            while at < text.len() {
                let next = crate::text::ceil_boundary(text, (at + CHECKPOINT).min(text.len()));
                let (c, u) = count(&text.as_bytes()[at..next]);
                chars += c;
                units += u;
                at = next;
                checkpoints.push((at, chars, units));
            }
            checkpoints
        })
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of line `line` (0-based), without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// Characters and UTF-16 code units of `text` from byte `from` to byte `to`.
    fn between(&self, text: &str, from: usize, to: usize) -> (usize, usize) {
        if to - from <= DIRECT {
            return count(&text.as_bytes()[from..to]);
        }
        let before = |offset: usize| {
            let cp = self.checkpoints(text);
            let k = cp.partition_point(|&(b, _, _)| b <= offset) - 1;
            let (b, c, u) = cp[k];
            let (c2, u2) = count(&text.as_bytes()[b..offset]);
            (c + c2, u + u2)
        };
        let ((c1, u1), (c2, u2)) = (before(from), before(to));
        (c2 - c1, u2 - u1)
    }

    /// 1-based column of `offset` counted in UTF-16 code units (SARIF's default).
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let line = self.line_of(offset);
        self.between(text, self.starts[line], offset).1 + 1
    }

    /// Line and character column of `offset` (which must lie on a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        Position { line: line + 1, column: self.between(text, self.starts[line], offset).0 + 1 }
    }
}

/// Characters and UTF-16 code units in a slice of valid UTF-8: every byte that is not a
/// continuation byte starts a character; a 4-byte lead (0xF0..) makes a surrogate pair.
fn count(bytes: &[u8]) -> (usize, usize) {
    let (mut chars, mut astral) = (0usize, 0usize);
    for &b in bytes {
        chars += usize::from((b as i8) >= -0x40);
        astral += usize::from(b >= 0xF0);
    }
    (chars, chars + astral)
}

/// Move `offset` back to the nearest char boundary of `text`.
pub fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Move `offset` forward to the nearest char boundary of `text`.
pub fn ceil_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_back_to_original_offsets() {
        let original = "（一）受理１２件，办结";
        let f = Folded::new(original);
        assert_eq!(f.text, "(一)受理12件,办结");
        let pos = f.text.find("12").unwrap();
        let back = f.to_original(pos);
        assert!(original[back..].starts_with("１２"));
        let end = f.to_original(pos + 2);
        assert_eq!(&original[back..end], "１２");
        assert_eq!(f.to_original(f.text.len()), original.len());
    }

    #[test]
    fn identity_when_nothing_folds() {
        let f = Folded::new("(一)受理12件");
        assert_eq!(f.to_original(5), 5);
    }

    #[test]
    fn columns_on_a_long_line_cross_checkpoints() {
        let text = format!("{}\n{}受理", "甲".repeat(5000), "乙".repeat(3000));
        let idx = LineIndex::new(&text);
        let off = text.find("受理").unwrap();
        assert_eq!(idx.position(&text, off), Position { line: 2, column: 3001 });
        assert_eq!(idx.position(&text, 3 * 4000), Position { line: 1, column: 4001 });
        assert_eq!(idx.utf16_column(&text, off), 3001);
        let astral = "𠀀𠀀受理";
        let idx = LineIndex::new(astral);
        let off = astral.find("受理").unwrap();
        assert_eq!(idx.position(astral, off).column, 3);
        assert_eq!(idx.utf16_column(astral, off), 5);
        // Long enough to be counted from checkpoints: the same answer.
        let long = format!("前\n{}受理", "𠀀".repeat(2000));
        let idx = LineIndex::new(&long);
        let off = long.find("受理").unwrap();
        assert_eq!(idx.position(&long, off), Position { line: 2, column: 2001 });
        assert_eq!(idx.utf16_column(&long, off), 4001);
    }

    #[test]
    fn columns_are_characters() {
        let text = "第一行\n受理224件,办结168件";
        let idx = LineIndex::new(text);
        let off = text.find("168").unwrap();
        assert_eq!(idx.position(text, off), Position { line: 2, column: 10 });
    }
}

#[cfg(test)]
mod traditional {
    use super::*;

    #[test]
    fn traditional_text_is_matched_as_simplified_and_maps_back() {
        let original = "受理3246件,辦結3086件,審結率為95.07%。";
        let f = Folded::new(original);
        assert_eq!(f.text, "受理3246件,办结3086件,审结率为95.07%。");
        let at = f.text.find("审结率").unwrap();
        assert_eq!(&original[f.to_original(at)..], &original[original.find("審結率").unwrap()..]);
        // A simplified text with one traditional-looking character is left alone.
        assert_eq!(Folded::new("国务院關于").text, "国务院關于");
    }
}
