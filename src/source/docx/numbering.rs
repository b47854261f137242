//! Word's automatic numbering (`word/numbering.xml`): the number Word shows before a paragraph
//! with `numPr` (set on the paragraph or on its style), computed as Word does — counters per
//! list and level, deeper levels restarting when a higher one moves on, `w:start` and
//! `w:startOverride`, the level text (`%1、`, `(%2)`, `%1.%2`) and the number format
//! (`chineseCounting`, `decimal`, `decimalEnclosedCircle`, …).

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::attr;
use crate::numerals;

/// Levels Word has in one list.
const LEVELS: usize = 9;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u64,
    format: String,
    text: String,
    /// What follows the number: a tab (Word's default), a space or nothing.
    suffix: &'static str,
    /// `isLgl`: every level's number in decimal (`1.2`, not `一.2`).
    legal: bool,
}

/// The list definitions of a document and the counters of its list instances.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `abstractNumId` → its levels.
    abstract_levels: BTreeMap<String, Vec<Level>>,
    /// `numId` → (`abstractNumId`, start overrides by level).
    instances: BTreeMap<String, (String, BTreeMap<usize, u64>)>,
    /// Counters by `abstractNumId`, as Word continues a list across instances of one definition.
    counters: BTreeMap<String, [Option<u64>; LEVELS]>,
    /// The instances used so far: one with a `startOverride` starts its list again when first used.
    used: std::collections::BTreeSet<String>,
}

impl Numbering {
    /// Read `numbering.xml`; an unreadable part gives no numbering rather than an error.
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num_id: Option<String> = None;
        let mut override_level: Option<usize> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let val = || attr(&e, "val");
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                        "lvl" if abstract_id.is_some() => {
                            let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((ilvl, Level { start: 1, suffix: "\t", ..Level::default() }));
                        }
                        "start" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), val().and_then(|v| v.parse().ok())) {
                                l.start = v;
                            }
                        }
                        "numFmt" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), val()) {
                                l.format = v;
                            }
                        }
                        "lvlText" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), val()) {
                                l.text = v;
                            }
                        }
                        "isLgl" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.legal = val().is_none_or(|v| v != "0" && v != "false");
                            }
                        }
                        "suff" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.suffix = match val().as_deref() {
                                    Some("space") => " ",
                                    Some("nothing") => "",
                                    _ => "\t",
                                };
                            }
                        }
                        "num" => num_id = attr(&e, "numId"),
                        "abstractNumId" => {
                            if let (Some(id), Some(v)) = (&num_id, val()) {
                                n.instances.entry(id.clone()).or_default().0 = v;
                            }
                        }
                        "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                        "startOverride" => {
                            if let (Some(id), Some(l), Some(v)) =
                                (&num_id, override_level, val().and_then(|v| v.parse().ok()))
                            {
                                n.instances.entry(id.clone()).or_default().1.insert(l, v);
                            }
                        }
                        _ => {}
                    }
                }
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            let levels = n.abstract_levels.entry(id.clone()).or_default();
                            if ilvl < LEVELS {
                                if levels.len() <= ilvl {
                                    levels.resize(ilvl + 1, Level::default());
                                }
                                levels[ilvl] = l;
                            }
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        n
    }

    /// The number Word shows for the next paragraph of list `num_id` at level `ilvl`, with
    /// what follows it; `None` for no numbering (`numId` 0, an unknown list, a bullet).
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abstract_id, overrides) = self.instances.get(num_id)?;
        let levels = self.abstract_levels.get(abstract_id)?;
        let ilvl = ilvl.min(LEVELS - 1);
        let level = levels.get(ilvl)?;
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let start = |l: usize| overrides.get(&l).copied().or(levels.get(l).map(|x| x.start)).unwrap_or(1);
        if self.used.insert(num_id.to_string()) && !overrides.is_empty() {
            self.counters.remove(abstract_id);
        }
        let counters = self.counters.entry(abstract_id.clone()).or_insert([None; LEVELS]);
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| c + 1));
        for c in &mut counters[ilvl + 1..] {
            *c = None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l].unwrap_or_else(|| start(l));
                    let format = match levels.get(l) {
                        Some(x) if !level.legal || x.format == "decimal" => x.format.as_str(),
                        _ => "decimal",
                    };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        out.push_str(level.suffix);
        Some(out)
    }
}

/// A counter value in Word's number format.
fn format_number(n: u64, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => numerals::format(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => u32::try_from(n)
            .ok()
            .filter(|n| (1..=20).contains(n))
            .and_then(|n| char::from_u32('①' as u32 + n - 1))
            .map_or_else(|| n.to_string(), String::from),
        "decimalEnclosedParen" => format!("({n})"),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().filter_map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32)).collect()
        }
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let k = ((n.max(1) - 1) % 26) as u8;
            String::from(char::from(base + k)).repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u64) -> String {
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v && out.len() < 64 {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:suff w:val="space"/></w:lvl>
        <w:lvl w:ilvl="4"><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%5"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn numbers_as_word_shows_them() {
        let mut n = Numbering::parse(XML);
        let got: Vec<Option<String>> =
            [("1", 0), ("1", 1), ("1", 2), ("1", 2), ("1", 1), ("1", 0), ("1", 1), ("1", 3), ("1", 4)]
                .iter()
                .map(|&(id, l)| n.next(id, l))
                .collect();
        // `%1` in a deeper level keeps level 1's format (no `isLgl`).
        let want = ["一、", "(一)", "1.\t", "2.\t", "(二)", "二、", "(一)", "二.1 ", "2.1\t"];
        assert_eq!(got, want.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>());
        assert_eq!(n.next("2", 0), None, "a bullet is no number");
        assert_eq!(n.next("0", 0), None);
        assert_eq!(n.next("9", 0), None);
        assert_eq!(n.next("3", 0).as_deref(), Some("四、"));
    }

    #[test]
    fn formats() {
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }
}
