//! Numbers as people read them: FTE, counts, shares and euros, in English and in Dutch.
//!
//! Every report of harkje (checks, metrics, diffs, the personele-gevolgen report) writes its
//! numbers through this module, so that a number looks the same wherever it is shown. The free
//! functions give the English form, the one every text report uses; [`Style`] chooses the form
//! explicitly, and its [`Style::Dutch`] form writes `€ 492.000,00` and `28,6%`.
//!
//! | value | [`num`] | [`percent`] | [`euros`] | [`whole_euros`] |
//! |---|---|---|---|---|
//! | `0.5` | `0.5` | `50%` | `€ 0.50` | `€ 1` |
//! | `2.0` | `2` | `200%` | `€ 2.00` | `€ 2` |
//! | `492000.0` | `492000` | `49200000%` | `€ 492,000.00` | `€ 492,000` |
//! | `1.5e20` | `1.5e20` | `1.5e22%` | `€ 1.5e20` | `€ 1.5e20` |
//! | NaN, ±∞ | `not computable` | `not computable` | `not computable` | `not computable` |
//!
//! The rules, the same in every form:
//!
//! - A number is rounded half away from zero to the decimals its form shows (three for
//!   [`num`], one for [`percent`], cents for [`euros`], none for [`whole_euros`]), and
//!   trailing zeros after the decimal mark are dropped, except the cents of [`euros`].
//!   A value that rounds to zero is written `0`, never `-0`.
//! - Plain numbers have no thousands separators (they are FTE and counts, and a script
//!   reads them back); euros group their digits by three.
//! - From 10¹⁵ on (more than a design can hold: its budget is at most 10¹², see
//!   [`MAX_BUDGET`](crate::MAX_BUDGET)), a number is written in scientific notation with
//!   at most three decimals (`1.5e15`), because its last digits carry no information
//!   and a value of 1e308 would otherwise print 309 digits.
//! - A value that is not finite (NaN or an infinity) is written `not computable`
//!   (`niet te berekenen` in Dutch). harkje bounds every number it reads, so such a
//!   value can only come from a computation that overflowed; printing `inf` or `0`
//!   would pass it off as a quantity.
//!
//! ```
//! use harkje::number::{self, Style};
//!
//! assert_eq!(number::num(0.6666), "0.667");
//! assert_eq!(number::percent(0.2857), "28.6%");
//! assert_eq!(number::euros(492_000.0), "€ 492,000.00");
//! assert_eq!(Style::Dutch.euros(492_000.0), "€ 492.000,00");
//! assert_eq!(Style::Dutch.num(2.5), "2,5");
//! assert_eq!(number::num(1e308), "1e308");
//! assert_eq!(number::percent(1.5e20), "1.5e22%");
//! assert_eq!(number::whole_euros(0.5), "€ 1");
//! assert_eq!(number::euros(f64::NAN), "not computable");
//! ```

use std::fmt::Write as _;

/// Magnitudes from here on are written in scientific notation.
const SCIENTIFIC_FROM: f64 = 1e15;

/// Which conventions a number is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// Decimal point, thousands comma, `-€ 1,234.50`: what every text report shows.
    #[default]
    English,
    /// Decimal comma, thousands dot, `€ -1.234,50`: as Dutch texts and Dutch Excel write them.
    Dutch,
}

impl Style {
    fn decimal_mark(self) -> char {
        match self {
            Style::English => '.',
            Style::Dutch => ',',
        }
    }

    fn thousands_mark(self) -> char {
        match self {
            Style::English => ',',
            Style::Dutch => '.',
        }
    }

    fn not_computable(self) -> &'static str {
        match self {
            Style::English => "not computable",
            Style::Dutch => "niet te berekenen",
        }
    }

    /// A number with at most three decimals and no needless zeros: `1`, `0.5`, `1.25`,
    /// `0.333`. Used for FTE and other measured quantities.
    pub fn num(self, x: f64) -> String {
        self.decimals(x, 3)
    }

    /// A number with at most `decimals` decimals (at most 9), without needless zeros.
    pub fn decimals(self, x: f64, decimals: u8) -> String {
        let mut s = String::new();
        self.write_plain(&mut s, x, decimals.min(9));
        s
    }

    /// A share as a percentage with at most one decimal: `0.2857` → `28.6%`.
    pub fn percent(self, share: f64) -> String {
        let mut s = String::new();
        if self.write_plain(&mut s, share * 100.0, 1) {
            s.push('%');
        }
        s
    }

    /// Euros with cents and thousands separators: `€ 492,000.00` (Dutch `€ 492.000,00`).
    pub fn euros(self, x: f64) -> String {
        self.money(x, 2)
    }

    /// Euros rounded to the euro, with thousands separators: `€ 41,160,000`
    /// (Dutch `€ 41.160.000`).
    pub fn whole_euros(self, x: f64) -> String {
        self.money(x, 0)
    }

    fn money(self, x: f64, cents: u8) -> String {
        let mut s = String::new();
        if !x.is_finite() {
            s.push_str(self.not_computable());
            return s;
        }
        let negative = round_to(x, cents) < 0.0;
        let (sign, euro) = match (self, negative) {
            (_, false) => ("", "€ "),
            (Style::English, true) => ("-", "€ "),
            (Style::Dutch, true) => ("", "€ -"),
        };
        s.push_str(sign);
        s.push_str(euro);
        let magnitude = x.abs();
        if round_to(magnitude, cents) >= SCIENTIFIC_FROM {
            self.write_scientific(&mut s, magnitude);
            return s;
        }
        // The euros and the cents are rounded apart, so that the cents stay
        // exact where `x * 100` would no longer be.
        let (whole, frac) = if cents == 2 {
            let whole = magnitude.trunc();
            let frac = ((magnitude - whole) * 100.0).round();
            if frac >= 100.0 { (whole + 1.0, 0.0) } else { (whole, frac) }
        } else {
            (magnitude.round(), 0.0)
        };
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0 ≤ whole ≤ 10^15 and 0 ≤ frac < 100 after the checks above"
        )]
        let (whole, frac) = (whole as u64, frac as u8);
        self.write_grouped(&mut s, whole);
        if cents == 2 {
            let _ = write!(s, "{}{frac:02}", self.decimal_mark());
        }
        s
    }

    /// Writes `x` rounded to `decimals`, trimmed; returns false when it wrote
    /// the not-computable text instead of a number.
    fn write_plain(self, s: &mut String, x: f64, decimals: u8) -> bool {
        if !x.is_finite() {
            s.push_str(self.not_computable());
            return false;
        }
        let r = round_to(x, decimals);
        if !r.is_finite() || r.abs() >= SCIENTIFIC_FROM {
            if x < 0.0 {
                s.push('-');
            }
            self.write_scientific(s, x.abs());
            return true;
        }
        let start = s.len();
        let _ = write!(s, "{r:.prec$}", prec = usize::from(decimals));
        if decimals > 0 {
            let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
            s.truncate(trimmed);
        }
        if &s[start..] == "-0" {
            s.truncate(start);
            s.push('0');
        }
        if self.decimal_mark() != '.'
            && let Some(dot) = s[start..].find('.')
        {
            s.replace_range(start + dot..start + dot + 1, &self.decimal_mark().to_string());
        }
        true
    }

    /// Writes a non-negative finite value as `1.5e15`: three decimals at most.
    fn write_scientific(self, s: &mut String, x: f64) {
        let text = format!("{x:.3e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        s.push_str(&mantissa.replace('.', &self.decimal_mark().to_string()));
        s.push('e');
        s.push_str(exponent);
    }

    /// Writes a whole number with its digits grouped by three.
    fn write_grouped(self, s: &mut String, whole: u64) {
        let digits = whole.to_string();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                s.push(self.thousands_mark());
            }
            s.push(c);
        }
    }
}

/// Rounds half away from zero to `decimals` decimals, as the text shows it.
fn round_to(x: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals));
    (x * f).round() / f
}

/// A value exactly as it reads back, for echoing what a user wrote: the shortest text that
/// parses to the same number (`0.1`, `1`, `-3.25`), in scientific notation from 10¹⁵ on and
/// below 10⁻⁵ (`1e308`, `1.5e-7`). A value that is not finite is written as TOML and
/// JSON5 readers accept it, `inf`, `-inf` or `nan`, since it is what the user wrote.
/// Unlike [`num`] it never rounds: an error message about `0.0001` must not say `0`.
///
/// ```
/// assert_eq!(harkje::number::exact(1e308), "1e308");
/// assert_eq!(harkje::number::exact(0.0001), "0.0001");
/// assert_eq!(harkje::number::exact(-3.0), "-3");
/// ```
pub fn exact(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let magnitude = x.abs();
    if !(1e-5..SCIENTIFIC_FROM).contains(&magnitude) { format!("{x:e}") } else { format!("{x}") }
}

/// [`Style::num`] in English: `1`, `0.5`, `0.333`.
pub fn num(x: f64) -> String {
    Style::English.num(x)
}

/// [`Style::decimals`] in English.
pub fn decimals(x: f64, decimals: u8) -> String {
    Style::English.decimals(x, decimals)
}

/// [`Style::percent`] in English: `28.6%`.
pub fn percent(share: f64) -> String {
    Style::English.percent(share)
}

/// [`Style::euros`] in English: `€ 492,000.00`.
pub fn euros(x: f64) -> String {
    Style::English.euros(x)
}

/// [`Style::whole_euros`] in English: `€ 41,160,000`.
pub fn whole_euros(x: f64) -> String {
    Style::English.whole_euros(x)
}

/// `x` as the text shows it with at most `decimals` decimals, as a number: rounded half away
/// from zero, `-0` made `0`, and scientific from 10¹⁵ on (its last digits dropped, as the
/// text drops them). Not a number for NaN and the infinities, which JSON writes as `null`.
/// The JSON outputs round their numbers with this, so that JSON and text agree.
///
/// ```
/// assert_eq!(harkje::number::rounded(15.070000000000002, 3), 15.07);
/// assert_eq!(harkje::number::rounded(0.28571, 3), 0.286);
/// assert_eq!(harkje::number::rounded(-0.0001, 3), 0.0);
/// ```
pub fn rounded(x: f64, decimals: u8) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    Style::English.decimals(x, decimals).parse().unwrap_or(f64::NAN)
}

/// Serialisers for `#[serde(serialize_with = …)]` that write a number as the text shows it
/// (see [`rounded`]): FTE and quantities with three decimals, shares with three (`0.286`,
/// shown as `28.6%`), money in cents.
///
/// # Errors
/// Each returns the serializer's error, and adds none of its own.
pub mod json {
    use serde::Serializer;

    use super::rounded;

    /// A quantity such as FTE, with at most three decimals.
    pub fn fte<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(rounded(*x, 3))
    }

    /// A share from 0 to 1, with at most three decimals (a percentage with one).
    pub fn share<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(rounded(*x, 3))
    }

    /// Euros, to the cent.
    pub fn money<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(rounded(*x, 2))
    }

    /// An optional share; `null` when absent.
    pub fn share_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(x) => share(x, s),
            None => s.serialize_none(),
        }
    }

    /// Optional euros; `null` when absent.
    pub fn money_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(x) => money(x, s),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers() {
        for (x, want) in [
            (0.0, "0"),
            (-0.0, "0"),
            (-0.0001, "0"),
            (1.0, "1"),
            (0.5, "0.5"),
            (1.25, "1.25"),
            (2.0 / 3.0, "0.667"),
            (-1.5, "-1.5"),
            (0.0005, "0.001"),
            (123_456.789, "123456.789"),
            (999_999_999_999.999, "999999999999.999"),
        ] {
            assert_eq!(num(x), want, "{x}");
        }
        assert_eq!(Style::Dutch.num(-1.25), "-1,25");
        assert_eq!(decimals(7.0 / 3.0, 4), "2.3333");
        assert_eq!(decimals(2.5, 0), "3");
    }

    #[test]
    fn huge_numbers_are_scientific() {
        assert_eq!(num(1e308), "1e308");
        assert_eq!(num(-1.5e15), "-1.5e15");
        assert_eq!(num(f64::MAX), "1.798e308");
        assert_eq!(Style::Dutch.num(1.5e20), "1,5e20");
        assert_eq!(euros(1e308), "€ 1e308");
        assert_eq!(euros(-2.5e16), "-€ 2.5e16");
        assert_eq!(Style::Dutch.euros(-2.5e16), "€ -2,5e16");
        assert_eq!(whole_euros(1e300), "€ 1e300");
        assert_eq!(percent(1e306), "1e308%");
        // Just below the switch, digits.
        assert_eq!(euros(999_999_999_999_999.0), "€ 999,999,999,999,999.00");
    }

    #[test]
    fn non_finite_values_are_named() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(num(x), "not computable");
            assert_eq!(percent(x), "not computable");
            assert_eq!(euros(x), "not computable");
            assert_eq!(whole_euros(x), "not computable");
            assert_eq!(Style::Dutch.euros(x), "niet te berekenen");
        }
        // Finite, but no percentage of it is.
        assert_eq!(percent(f64::MAX), "not computable");
    }

    #[test]
    fn exact_values() {
        for (x, want) in [
            (1e308, "1e308"),
            (-1e300, "-1e300"),
            (1.5e15, "1.5e15"),
            (999_999_999_999_999.0, "999999999999999"),
            (0.1, "0.1"),
            (0.00001, "0.00001"),
            (1.5e-7, "1.5e-7"),
            (-0.0, "0"),
            (100_000.0, "100000"),
        ] {
            assert_eq!(exact(x), want, "{x}");
        }
        assert_eq!(exact(f64::NAN), "nan");
        assert_eq!(exact(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.2857), "28.6%");
        assert_eq!(percent(0.061), "6.1%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(-0.00001), "0%");
        assert_eq!(Style::Dutch.percent(0.2857), "28,6%");
    }

    #[test]
    fn money() {
        assert_eq!(euros(492_000.0), "€ 492,000.00");
        assert_eq!(euros(1234.567), "€ 1,234.57");
        assert_eq!(euros(-1234.5), "-€ 1,234.50");
        assert_eq!(euros(-0.004), "€ 0.00");
        assert_eq!(euros(0.0), "€ 0.00");
        assert_eq!(Style::Dutch.euros(492_000.0), "€ 492.000,00");
        assert_eq!(Style::Dutch.euros(-1234.5), "€ -1.234,50");
        assert_eq!(whole_euros(41_160_000.0), "€ 41,160,000");
        assert_eq!(whole_euros(999.5), "€ 1,000");
        assert_eq!(whole_euros(-0.5), "-€ 1");
        assert_eq!(whole_euros(-0.4), "€ 0");
        assert_eq!(Style::Dutch.whole_euros(41_160_000.0), "€ 41.160.000");
    }

    proptest::proptest! {
        #[test]
        fn a_plain_number_reads_back_within_its_rounding(x in -1e12f64..1e12) {
            let s = num(x);
            let back: f64 = s.parse().map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{s}: {e}")))?;
            proptest::prop_assert!((back - x).abs() <= 0.0005 + x.abs() * 1e-15, "{x} → {s}");
            proptest::prop_assert!(!s.contains('e') && s != "-0");
        }

        #[test]
        fn dutch_swaps_the_marks_of_english(x in -1e14f64..1e14) {
            let swap = |s: String| s.chars().map(|c| match c { '.' => ',', ',' => '.', c => c }).collect::<String>();
            proptest::prop_assert_eq!(Style::Dutch.num(x), swap(num(x)));
            proptest::prop_assert_eq!(Style::Dutch.percent(x), swap(percent(x)));
            let english = euros(x);
            let dutch = english.strip_prefix("-€ ").map_or_else(|| swap(english.clone()), |rest| format!("€ -{}", swap(rest.to_owned())));
            proptest::prop_assert_eq!(Style::Dutch.euros(x), dutch);
        }

        #[test]
        fn every_value_is_short(bits in proptest::num::u64::ANY) {
            let x = f64::from_bits(bits);
            for s in [num(x), percent(x), euros(x), whole_euros(x), Style::Dutch.euros(x), exact(x)] {
                proptest::prop_assert!(s.chars().count() <= 32, "{x:e} → {s}");
            }
        }

        #[test]
        fn an_exact_value_reads_back(bits in proptest::num::u64::ANY) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                proptest::prop_assert_eq!(exact(x).parse::<f64>().ok(), Some(if x == 0.0 { 0.0 } else { x }));
            }
        }

        #[test]
        fn euros_group_the_cents_of_the_value(cents in -100_000_000_000_000i64..100_000_000_000_000) {
            #[expect(clippy::cast_precision_loss, reason = "below 2^53")]
            let x = cents as f64 / 100.0;
            let s = euros(x);
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            proptest::prop_assert_eq!(digits.parse::<i64>().ok(), Some(cents.abs()), "{}", s);
        }
    }
}
