//! Chinese numerals: `一` … `十一` … `一百二十` … `两万`, and the reverse for messages.

/// Value of a Chinese numeral string made of digits (`〇零一二两三四五六七八九`) and units
/// (`十百千万亿`). Returns `None` for anything else or an empty string.
///
/// Grammar: a *section* below 万 (`三千五百二十`); a 万 group is a section times 万; everything
/// before 亿 (万 groups and a section, `一万二千`) is multiplied by 亿 once. So `二亿五千万` is
/// 250,000,000, `三万亿` 3×10¹², `一千二百万` 12,000,000. A second 亿, a 万 twice below one 亿,
/// or a unit with nothing before it after a larger unit (`二亿万`) is not a numeral we read.
pub fn parse(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut above_yi: Option<u64> = None; // the part times 亿, once 亿 is seen
    let mut wan: Option<u64> = None; // the 万 group below 亿, once 万 is seen
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut plain_digits = true; // a run like 二〇二四 (digit by digit)
    let mut plain: u64 = 0;
    let mut first = true;
    for c in s.chars() {
        let at_start = std::mem::replace(&mut first, false);
        if let Some(d) = digit_value(c) {
            if d == 0 && !plain_digits {
                continue; // 一百零一: 零 only holds a place
            }
            if digit.is_some() && !plain_digits {
                return None;
            }
            plain = plain.checked_mul(10)?.checked_add(d)?;
            digit = Some(digit.map_or(d, |p| p * 10 + d));
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if digit.is_some_and(|d| d >= 10) {
            return None; // 二三十: not a numeral we read
        }
        plain_digits = false;
        match unit {
            10 | 100 | 1000 => {
                let d = digit.take().unwrap_or(1);
                section = section.checked_add(d * unit)?;
            }
            10_000 => {
                let group = section + digit.take().unwrap_or(0);
                if wan.is_some() || (group == 0 && !at_start) {
                    return None; // 万万, 二亿万
                }
                wan = Some(group.max(1).checked_mul(unit)?);
                section = 0;
            }
            _ => {
                let group = wan.take().unwrap_or(0).checked_add(section + digit.take().unwrap_or(0))?;
                if above_yi.is_some() || (group == 0 && !at_start) {
                    return None; // 亿亿
                }
                above_yi = Some(group.max(1).checked_mul(unit)?);
                section = 0;
            }
        }
    }
    if plain_digits {
        return Some(plain);
    }
    above_yi.unwrap_or(0).checked_add(wan.unwrap_or(0))?.checked_add(section + digit.unwrap_or(0))
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Write `n` (1–99 and beyond) the way headings number it: `一`, `十`, `十一`, `二十`, `一百零一`.
pub fn format(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], if n % 10 == 0 { "" } else { D[(n % 10) as usize] }),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                10..=19 => format!("一{}", format(rest)),
                _ => format(rest),
            };
            format!("{}百{}", D[(n / 100) as usize], tail)
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_heading_and_quantity_numerals() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十三", 23),
            ("一百二十", 120),
            ("一百零一", 101),
            ("两万", 20_000),
            ("三千五百", 3_500),
            ("一万二千", 12_000),
            ("二〇二四", 2024),
            ("五亿", 500_000_000),
        ] {
            assert_eq!(parse(s), Some(v), "{s}");
        }
        assert_eq!(parse(""), None);
        assert_eq!(parse("是"), None);
        assert_eq!(parse("二三十"), None);
    }

    #[test]
    fn scales_combine_once() {
        for (s, v) in [
            // 亿 then 万: the 万 group is below 亿, not multiplied by it.
            ("二亿五千万", 250_000_000),
            ("三亿", 300_000_000),
            ("一亿零五万", 100_050_000),
            ("一亿二千三百四十五万六千七百八十九", 123_456_789),
            ("十亿", 1_000_000_000),
            ("二十五亿三千万", 2_530_000_000),
            // 万 then 亿: all before 亿 is multiplied by it.
            ("三万亿", 3_000_000_000_000),
            ("一万二千亿", 1_200_000_000_000),
            ("一万二千亿五千万", 1_200_050_000_000),
            // 千万 and 百万.
            ("三千万", 30_000_000),
            ("三千五百万", 35_000_000),
            ("一千二百万", 12_000_000),
            ("五百万", 5_000_000),
            ("两百三十万", 2_300_000),
            ("十万", 100_000),
            ("十五万", 150_000),
            ("万", 10_000),
            ("亿", 100_000_000),
        ] {
            assert_eq!(parse(s), Some(v), "{s}");
        }
        for s in ["二亿万", "三万万", "二亿三亿", "亿亿"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for n in 1..=300 {
            assert_eq!(parse(&format(n)), Some(n), "{n} -> {}", format(n));
        }
        assert_eq!(format(11), "十一");
        assert_eq!(format(20), "二十");
    }
}
