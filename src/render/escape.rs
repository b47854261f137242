//! Text that reaches a terminal or a CI log: report text and file names are data, never
//! commands. Control characters (ESC, CSI, OSC's BEL, carriage return, line breaks in a file
//! name) and bidirectional overrides are shown as `\u{1b}`, so nothing a report or a file name
//! holds can colour, move, hide or rewrite what fzlint prints.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is. Tab is kept: it only moves to a column.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `s` with every unsafe character written as `\u{…}` (hex), the rest unchanged.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push(&mut out, c);
    }
    Cow::Owned(out)
}

/// Like [`text`], keeping line breaks (`\n`): for multi-line output made by fzlint itself
/// around text from rule files (`rules explain`, `rules list`).
pub fn lines(s: &str) -> String {
    s.split('\n').map(text).collect::<Vec<_>>().join("\n")
}

/// Append `c` to `out`, escaped if it is unsafe.
pub fn push(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// How many bytes `c` takes once escaped.
pub fn escaped_len(c: char) -> usize {
    if is_unsafe(c) {
        format!("\\u{{{:x}}}", c as u32).len()
    } else {
        c.len_utf8()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_escaped() {
        assert_eq!(text("受理\u{1b}[31m5件"), "受理\\u{1b}[31m5件");
        assert_eq!(text("a\u{1b}]8;;http://x\u{7}b"), "a\\u{1b}]8;;http://x\\u{7}b");
        assert_eq!(text("a\rb\nc\u{9b}d\u{202e}e"), "a\\u{d}b\\u{a}c\\u{9b}d\\u{202e}e");
        assert_eq!(text("制\t度 a\\b"), "制\t度 a\\b");
        assert!(matches!(text("普通文字"), Cow::Borrowed(_)));
        assert_eq!(lines("a\n\u{1b}b\n"), "a\n\\u{1b}b\n");
        for c in ['\u{1b}', '\u{9b}', '受', 'a'] {
            let mut s = String::new();
            push(&mut s, c);
            assert_eq!(s.len(), escaped_len(c));
        }
    }
}
