//! What the relation rules (ratio by stem or share, sum, compare by pairs) share: reading the
//! vocabularies of a rule, and deciding whether a stated percentage can come from two numbers.
//! A relation is judged only after every reading under which it holds has been tried; these
//! helpers answer "does this reading hold".

use regex::Regex;

use crate::config::RuleSpec;
use crate::quantity::{Exactness, Quantity};
use crate::relation::{Families, Mention};
use crate::rules::{compile_regex, RuleError, RuleSource};

/// The `families:` of a rule (none: every unit is its own family).
pub fn families(spec: &RuleSpec) -> Families {
    spec.families.as_ref().map(|f| Families::new(&f.value)).unwrap_or_default()
}

/// An optional regex field.
pub fn optional_regex(
    src: &RuleSource,
    field: &Option<serde_saphyr::Spanned<String>>,
) -> Result<Option<Regex>, RuleError> {
    field.as_ref().map(|p| compile_regex(src, p)).transpose()
}

/// The interval of true percentages a stated one allows: rounded or truncated at its
/// precision (`49.66%` may be 49.655 … 49.67), or its bound (`95%以上`).
pub fn stated_interval(p: &Quantity) -> (f64, f64) {
    let ulp = 10f64.powi(-i32::from(p.decimals));
    match p.exactness {
        Exactness::Exact => (p.value - ulp / 2.0 - 1e-9, p.value + ulp - 1e-9),
        Exactness::AtLeast => (p.value - 1e-9, f64::INFINITY),
        Exactness::AtMost => (f64::NEG_INFINITY, p.value + 1e-9),
        Exactness::About => (p.value - 1.0 - ulp, p.value + 1.0 + ulp),
    }
}

/// Whether `num / den` (each an interval) can give the stated percentage `p`.
pub fn fits(p: &Quantity, num: (f64, f64), den: (f64, f64)) -> bool {
    let (lo, hi) = stated_interval(p);
    within(lo, hi, num, den)
}

/// Whether `num / den` is off from the stated percentage by no more than one unit of its last
/// digit beyond rounding: `1/224 = 0.446%` written `0.5%`. Such a share may have been adjusted
/// so that a list adds up to 100%: reported, but only as information.
/// The rounded value may be one unit off either way: the truth lies within 1.5 units.
pub fn fits_loosely(p: &Quantity, num: (f64, f64), den: (f64, f64)) -> bool {
    let ulp = 10f64.powi(-i32::from(p.decimals));
    p.is_exact() && within(p.value - 1.5 * ulp, p.value + 1.5 * ulp, num, den)
}

fn within(lo: f64, hi: f64, num: (f64, f64), den: (f64, f64)) -> bool {
    if den.1 <= 0.0 {
        return false;
    }
    let rlo = num.0 / den.1 * 100.0;
    let rhi = if den.0 <= 0.0 { f64::INFINITY } else { num.1 / den.0 * 100.0 };
    rlo < hi && rhi >= lo
}

/// The interval of a mention's value.
pub fn iv(m: &Mention<'_>) -> (f64, f64) {
    m.q.interval()
}

/// Whether the sum of `parts` (intervals) can equal `total`.
pub fn sum_fits(parts: &[(f64, f64)], total: (f64, f64)) -> bool {
    let lo: f64 = parts.iter().map(|p| p.0).sum();
    let hi: f64 = parts.iter().map(|p| p.1).sum();
    lo <= total.1 + 1e-6 && hi + 1e-6 >= total.0
}

/// The stated rate written as in the report and the value it should be, for messages:
/// `num / den` rounded to two places, or to the stated precision if finer.
pub fn should_be(p: &Quantity, num: f64, den: f64) -> String {
    let truth = num / den * 100.0;
    let d = i32::from(p.decimals.max(2));
    let scale = 10f64.powi(d);
    super::fmt_value((truth * scale).round() / scale, p.decimals)
}

/// Whether no whole number `k` (0 ≤ k ≤ `den`) gives the stated percentage over `den`:
/// `调解84起,调解成功率98.4%` — 82/84 = 97.6%, 83/84 = 98.8%.
pub fn impossible_over(p: &Quantity, den: f64) -> bool {
    if p.exactness != Exactness::Exact || den <= 0.0 || den.fract() != 0.0 || den > 1e6 || p.value > 100.0 {
        return false;
    }
    let guess = (p.value / 100.0 * den).floor();
    !(-2..=2).map(|d| guess + f64::from(d)).filter(|k| *k >= 0.0 && *k <= den).any(|k| fits(p, (k, k), (den, den)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Span;

    fn pct(value: f64, decimals: u8) -> Quantity {
        Quantity { span: Span::new(0, 0), value, unit: "%", exactness: Exactness::Exact, decimals, step: 0.0 }
    }

    #[test]
    fn rounded_or_truncated_fits_and_further_does_not() {
        assert!(fits(&pct(97.28, 2), (2036.0, 2036.0), (2093.0, 2093.0)));
        assert!(!fits(&pct(97.26, 2), (2036.0, 2036.0), (2093.0, 2093.0)));
        // 75/151 = 49.668: written truncated as 49.66.
        assert!(fits(&pct(49.66, 2), (75.0, 75.0), (151.0, 151.0)));
        assert!(fits(&pct(49.67, 2), (75.0, 75.0), (151.0, 151.0)));
        assert!(!fits(&pct(49.65, 2), (75.0, 75.0), (151.0, 151.0)));
        // 2003/2006 = 99.85 → 99.8 truncated.
        assert!(fits(&pct(99.8, 1), (2003.0, 2003.0), (2006.0, 2006.0)));
    }

    #[test]
    fn one_unit_off_is_loose_two_are_not() {
        // 1/224 = 0.446%: written 0.5% is one unit off the rounding.
        assert!(!fits(&pct(0.5, 1), (1.0, 1.0), (224.0, 224.0)));
        assert!(fits_loosely(&pct(0.5, 1), (1.0, 1.0), (224.0, 224.0)));
        // 2036/2093 = 97.2766%: written 97.26% is two units off the rounding 97.28.
        assert!(!fits_loosely(&pct(97.26, 2), (2036.0, 2036.0), (2093.0, 2093.0)));
    }

    #[test]
    fn no_whole_count_gives_98_4_percent_of_84() {
        assert!(impossible_over(&pct(98.4, 1), 84.0));
        assert!(!impossible_over(&pct(97.6, 1), 84.0));
        assert!(!impossible_over(&pct(100.0, 0), 84.0));
    }
}
