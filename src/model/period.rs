//! Validity periods.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A closed range of days in which an element is valid.
///
/// Both ends are inclusive and optional: an open start means "since always",
/// an open end means "until further notice". `until` is the last day on which
/// the element still exists, so a kwartiermaker who leaves at the end of 2019
/// has `until = 2019-12-31`.
///
/// ```
/// use harkje::Period;
/// use jiff::civil::date;
///
/// let p = Period::new(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)));
/// assert!(p.contains(date(2019, 12, 31)));
/// assert!(!p.contains(date(2020, 1, 1)));
/// assert!(Period::ALWAYS.contains(date(1900, 1, 1)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// The first day, or `None` for an open start.
    pub from: Option<Date>,
    /// The last day, or `None` for an open end.
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
