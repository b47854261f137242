//! Chinese numerals: `一` … `十一` … `一百二十` … `两万`, and the reverse for messages.

/// Value of a Chinese numeral string made of digits (`〇零一二两三四五六七八九`) and units
/// (`十百千万亿`). Returns `None` for anything else or an empty string.
pub fn parse(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0; // completed 亿 / 万 groups
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut plain_digits = true; // a run like 二〇二四 (digit by digit)
    let mut plain: u64 = 0;
    for c in s.chars() {
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
                section += d * unit;
            }
            _ => {
                let group = section + digit.take().unwrap_or(0);
                let group = if group == 0 { 1 } else { group };
                total = (total + group).checked_mul(unit)?;
                section = 0;
            }
        }
    }
    if plain_digits {
        return Some(plain);
    }
    Some(total + section + digit.unwrap_or(0))
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
    fn formats_round_trip() {
        for n in 1..=300 {
            assert_eq!(parse(&format(n)), Some(n), "{n} -> {}", format(n));
        }
        assert_eq!(format(11), "十一");
        assert_eq!(format(20), "二十");
    }
}
