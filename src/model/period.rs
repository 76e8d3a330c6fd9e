//! Validity periods.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

/// A closed range of days in which an element is valid.
///
/// Both ends are inclusive and optional: an open start means "since always",
/// an open end means "until further notice". `until` is the last day on which
/// the element still exists, so a kwartiermaker who leaves at the end of 2019
/// has `until = 2019-12-31`.
///
/// ```
/// use harkje::Period;
/// use harkje::date;
///
/// let p = Period::new(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)));
/// assert!(p.contains(date(2019, 12, 31)));
/// assert!(!p.contains(date(2020, 1, 1)));
/// assert!(Period::ALWAYS.contains(date(1900, 1, 1)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// The first day, or `None` for an open start.
    #[serde(default, deserialize_with = "optional_day")]
    pub from: Option<Date>,
    /// The last day, or `None` for an open end.
    #[serde(default, deserialize_with = "optional_day")]
    pub until: Option<Date>,
}

impl Period {
    /// A period without bounds.
    pub const ALWAYS: Period = Period { from: None, until: None };

    /// A period from `from` to `until`, both inclusive.
    pub fn new(from: Option<Date>, until: Option<Date>) -> Self {
        Period { from, until }
    }

    /// A period that starts on `from` and has no end.
    pub fn starting(from: Date) -> Self {
        Period { from: Some(from), until: None }
    }

    /// Whether `day` lies within the period.
    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// Whether the period is empty (its end lies before its start).
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.until), (Some(f), Some(u)) if u < f)
    }

    /// The length in whole months from start to end, if both are known.
    ///
    /// A period from 2018-01-01 to 2019-12-31 lasts 24 months: the end day is
    /// included, so the count runs to the day after it.
    pub fn months(&self) -> Option<i32> {
        let (from, until) = (self.from?, self.until?);
        let after = until.tomorrow().ok()?;
        let span = from.until((jiff::Unit::Month, after)).ok()?;
        Some(span.get_months())
    }
}

/// Reads a day written like `2018-06-01`.
///
/// A date with a time or an offset (`2018-06-01T09:00`, `2018-06-01 09:00+02:00`)
/// is refused rather than cut to its day: the time says something the day
/// cannot hold, and dropping it silently can move an element by a day.
///
/// Design files, policies, statutes, transition inputs, HR imports and the
/// command line's `--as-of` all read days with it.
///
/// ```
/// use harkje::model::{DayError, parse_day};
///
/// assert_eq!(parse_day("2018-06-01")?, harkje::date(2018, 6, 1));
/// assert!(matches!(parse_day("2018-06-01T09:00"), Err(DayError::Time(_))));
/// assert_eq!(
///     parse_day("2018-06-01T09:00").unwrap_err().to_string(),
///     "`2018-06-01T09:00` is a date and time; give the day alone, like 2018-06-01"
/// );
/// # Ok::<(), DayError>(())
/// ```
///
/// # Errors
/// [`DayError::Time`] for a date with more than the day, else
/// [`DayError::Invalid`] with the date parser's reason.
pub fn parse_day(text: &str) -> Result<Date, DayError> {
    match text.parse::<Date>() {
        // A plain day is digits, `-` and a leading sign (a wide year); the
        // date parser also takes a date-time and keeps its day.
        Ok(d) if text.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+') => Ok(d),
        Ok(_) => Err(DayError::Time(text.to_owned())),
        Err(e) => Err(DayError::Invalid(e.to_string())),
    }
}

/// Why a text is not a day; see [`parse_day`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DayError {
    /// A date with a time, an offset or an annotation: the text.
    Time(String),
    /// Not a date at all: the date parser's reason.
    Invalid(String),
}

impl std::fmt::Display for DayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DayError::Time(t) => write!(f, "`{t}` is a date and time; give the day alone, like 2018-06-01"),
            DayError::Invalid(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for DayError {}

/// Deserialises an optional day with [`parse_day`]: a date-time is an error.
pub(crate) fn optional_day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    struct Day;
    impl<'de> serde::de::Visitor<'de> for Day {
        type Value = Option<Date>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date like 2018-06-01")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_day(v).map(Some).map_err(E::custom)
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_str(self)
        }
    }
    d.deserialize_option(Day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_read_and_a_date_time_refused() {
        assert_eq!(parse_day("2018-06-01"), Ok(jiff::civil::date(2018, 6, 1)));
        for t in ["2018-06-01T09:00", "2018-06-01T00:00:00+02:00", "2018-06-01 09:00", "20180601T0900"] {
            let e = parse_day(t).unwrap_err();
            assert_eq!(e.to_string(), format!("`{t}` is a date and time; give the day alone, like 2018-06-01"));
        }
        assert!(matches!(parse_day("2018-13-01"), Err(DayError::Invalid(_))));
        assert!(matches!(parse_day("gisteren"), Err(DayError::Invalid(_))));
    }

    #[test]
    fn a_period_with_a_date_time_does_not_deserialise() {
        let p: Period = serde_json::from_str(r#"{"from": "2018-01-01", "until": null}"#).unwrap();
        assert_eq!(p, Period::starting(jiff::civil::date(2018, 1, 1)));
        let p: Period = serde_json::from_str("{}").unwrap();
        assert_eq!(p, Period::ALWAYS);
        let e = serde_json::from_str::<Period>(r#"{"from": "2018-01-01T23:30:00+01:00"}"#).unwrap_err();
        assert!(e.to_string().contains("is a date and time"), "{e}");
    }
}
