//! Values that change over time: a post's line manager, unit or FTE, a unit's
//! parent or kind, each given for a period.
//!
//! A relation or value of a post or unit is either **plain** (one value for
//! the element's whole life: the field on [`Post`] or
//! [`Unit`]) or **dated**: a list of values, each valid in a
//! [`Period`], held in the element's `dated` block ([`PostDated`],
//! [`UnitDated`]). The periods of one list never overlap and are kept in
//! order of their start; a day that no period covers has no value (a *gap*:
//! no line manager, no unit, no FTE on that day).
//!
//! When a field is dated, its plain field holds the value of the last period,
//! the arrangement the design ends in, so that code reading a design without
//! a day sees one consistent organisation. [`Design::as_of`](crate::Design::as_of)
//! sets every dated field to its value on the day, so everything that judges
//! a day (the measures, the checks, the pictures, the comparison) reads the
//! plain fields of the design as of that day.
//!
//! ```
//! use harkje::model::{Dated, PostDated};
//! use harkje::{Design, Period, Post, PostId, date};
//!
//! let mut d = Design::new("Almelo");
//! let hoofd = d.add_post(Post::new("hoofd", "Hoofd Adviespool", "hoofd"))?;
//! let mut tm = Post::new("teammanager", "Teammanager", "teammanager");
//! tm.reports_to = Some(hoofd);
//! tm.valid = Period::new(None, Some(date(2020, 6, 30)));
//! let tm = d.add_post(tm)?;
//! let mut adviseur = Post::new("adviseur", "Adviseur", "medewerker");
//! adviseur.dated = Some(Box::new(PostDated::default().with_reports_to(vec![
//!     Dated::new(tm, Period::new(None, Some(date(2020, 6, 30)))),
//!     Dated::new(hoofd, Period::starting(date(2020, 7, 1))),
//! ])));
//! let adviseur = d.add_post(adviseur)?;
//!
//! let before = d.as_of(date(2020, 6, 1));
//! assert_eq!(before.post(adviseur).and_then(|p| p.reports_to), Some(tm));
//! let after = d.as_of(date(2020, 7, 1));
//! assert_eq!(after.post(adviseur).and_then(|p| p.reports_to), Some(hoofd));
//! # Ok::<(), harkje::EditError>(())
//! ```

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{FunctionId, Period, Post, PostId, Target, Unit, UnitId, UnitKind};

/// A value that holds for a period (both ends inclusive, either open).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dated<T> {
    /// The value.
    pub value: T,
    /// When it holds.
    pub valid: Period,
}

impl<T> Dated<T> {
    /// A value valid in `valid`.
    pub fn new(value: T, valid: Period) -> Self {
        Dated { value, valid }
    }
}

/// The value of a dated list on `day`: the value whose period contains it,
/// or `None` in a gap. The list is short; a linear scan is the fastest way.
pub fn value_on<T>(list: &[Dated<T>], day: Date) -> Option<&T> {
    list.iter().find(|d| d.valid.contains(day)).map(|d| &d.value)
}

/// The value of the last period of a dated list: what a plain field holds
/// while its dated form is set.
pub fn last_value<T: Copy>(list: &[Dated<T>]) -> Option<T> {
    list.last().map(|d| d.value)
}

/// Sorts a dated list by the start of its periods (an open start first).
pub(crate) fn sort_by_start<T>(list: &mut [Dated<T>]) {
    list.sort_by_key(|d| d.valid.from);
}

/// What is wrong with the periods of one dated list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodProblem {
    /// Value `index` ends before it starts.
    Empty {
        /// The position of the value in the list as given.
        index: usize,
    },
    /// Value `index` overlaps value `other` (positions in the list as given).
    Overlap {
        /// The later of the two positions.
        index: usize,
        /// The other position.
        other: usize,
        /// The first day both cover.
        day: Option<Date>,
    },
    /// Value `index` lies (partly) outside the element's own period.
    Outside {
        /// The position of the value in the list.
        index: usize,
    },
}

impl PeriodProblem {
    /// The position in the list the problem is placed at.
    pub fn index(&self) -> usize {
        match *self {
            PeriodProblem::Empty { index }
            | PeriodProblem::Overlap { index, .. }
            | PeriodProblem::Outside { index } => index,
        }
    }

    /// The problem in words, for a list in field `field`.
    pub fn message(&self, field: &str, own: Period) -> String {
        match *self {
            PeriodProblem::Empty { .. } => "this period ends before it starts".to_owned(),
            PeriodProblem::Overlap { other, day, .. } => {
                let on = day.map_or_else(String::new, |d| format!(" on {d}"));
                format!("this period overlaps value {other} of `{field}`{on}; a field has one value a day")
            }
            PeriodProblem::Outside { .. } => {
                format!("this period lies outside the element's own period ({})", describe(own))
            }
        }
    }
}

/// A period in words: `from 2018-01-01 to 2019-12-31`, `on 2019-06-30`,
/// `from 2018-01-01`, `until 2019-12-31` or `always`.
pub fn describe(p: Period) -> String {
    match (p.from, p.until) {
        (Some(f), Some(u)) if f == u => format!("on {f}"),
        (Some(f), Some(u)) => format!("from {f} to {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => "always".to_owned(),
    }
}

/// Checks the periods of a dated list against each other and against the
/// element's own period `own`. Returns every problem, placed by position in
/// the list as given. O(k log k) for k values.
pub fn period_problems<T>(list: &[Dated<T>], own: Period) -> Vec<PeriodProblem> {
    let mut problems = Vec::new();
    let mut order: Vec<usize> = Vec::with_capacity(list.len());
    for (i, d) in list.iter().enumerate() {
        if d.valid.is_empty() {
            problems.push(PeriodProblem::Empty { index: i });
            continue;
        }
        let before = matches!((d.valid.from, own.from), (Some(f), Some(o)) if f < o);
        let after = matches!((d.valid.until, own.until), (Some(u), Some(o)) if u > o);
        let starts_late = matches!((d.valid.from, own.until), (Some(f), Some(o)) if f > o);
        let ends_early = matches!((d.valid.until, own.from), (Some(u), Some(o)) if u < o);
        if before || after || starts_late || ends_early {
            problems.push(PeriodProblem::Outside { index: i });
        }
        order.push(i);
    }
    order.sort_by(|&a, &b| list[a].valid.from.cmp(&list[b].valid.from).then(a.cmp(&b)));
    // In order of start, each period must start after the latest end so far.
    let mut reach: Option<(usize, Option<Date>)> = None;
    for &i in &order {
        let p = list[i].valid;
        if let Some((j, end)) = reach {
            let overlaps = match (end, p.from) {
                (None, _) | (_, None) => true,
                (Some(e), Some(f)) => f <= e,
            };
            if overlaps {
                let day = p.from.or(list[j].valid.from);
                problems.push(PeriodProblem::Overlap { index: i.max(j), other: i.min(j), day });
            }
            let later = match (end, p.until) {
                (None, _) | (_, None) => None,
                (Some(e), Some(u)) => Some(e.max(u)),
            };
            if later.is_none() || later > end {
                reach = Some((i, later));
            }
        } else {
            reach = Some((i, p.until));
        }
    }
    problems.sort_by_key(PeriodProblem::index);
    problems
}

/// The gaps of a dated list within the element's own period `own`: the
/// stretches of days no value covers. The list must be sorted by start and
/// free of overlaps (as a design keeps it). O(k).
pub fn gaps<T>(list: &[Dated<T>], own: Period) -> Vec<Period> {
    let mut out = Vec::new();
    if list.is_empty() {
        return out;
    }
    // `next` is the first day not yet covered; `None` means "since always".
    let mut next: Option<Date> = own.from;
    let mut open_start = own.from.is_none();
    for d in list {
        match d.valid.from {
            None => {}
            Some(f) => {
                let gap_start = next;
                let uncovered = match gap_start {
                    None => open_start,
                    Some(n) => n < f,
                };
                if uncovered && let Ok(end) = f.yesterday() {
                    out.push(Period::new(gap_start, Some(end)));
                }
            }
        }
        open_start = false;
        match d.valid.until {
            None => return out,
            Some(u) => next = u.tomorrow().ok(),
        }
        if next.is_none() {
            return out;
        }
    }
    let ends_inside = match (next, own.until) {
        (Some(n), Some(o)) => n <= o,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if ends_inside {
        out.push(Period::new(next, own.until));
    }
    out
}

/// The dated relations and values of a post. Each list is empty when the
/// field is plain (one value for the post's whole life, in the field on
/// [`Post`]); otherwise it holds the values in order of their
/// start, without overlaps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct PostDated {
    /// The line manager over time.
    pub reports_to: Vec<Dated<PostId>>,
    /// The unit the post is placed in over time.
    pub unit: Vec<Dated<UnitId>>,
    /// Accountability outside the line over time.
    pub accountable_to: Vec<Dated<Target>>,
    /// The function over time.
    pub function: Vec<Dated<FunctionId>>,
    /// The establishment in FTE over time.
    pub fte: Vec<Dated<f64>>,
    /// The salary scale over time.
    pub scale: Vec<Dated<u8>>,
    /// The annual full-time salary over time.
    pub salary: Vec<Dated<f64>>,
}

impl PostDated {
    /// Sets the dated line manager.
    pub fn with_reports_to(mut self, list: Vec<Dated<PostId>>) -> Self {
        self.reports_to = list;
        self
    }

    /// Sets the dated unit.
    pub fn with_unit(mut self, list: Vec<Dated<UnitId>>) -> Self {
        self.unit = list;
        self
    }

    /// Sets the dated accountability outside the line.
    pub fn with_accountable_to(mut self, list: Vec<Dated<Target>>) -> Self {
        self.accountable_to = list;
        self
    }

    /// Sets the dated function.
    pub fn with_function(mut self, list: Vec<Dated<FunctionId>>) -> Self {
        self.function = list;
        self
    }

    /// Sets the dated establishment in FTE.
    pub fn with_fte(mut self, list: Vec<Dated<f64>>) -> Self {
        self.fte = list;
        self
    }

    /// Sets the dated salary scale.
    pub fn with_scale(mut self, list: Vec<Dated<u8>>) -> Self {
        self.scale = list;
        self
    }

    /// Sets the dated annual full-time salary.
    pub fn with_salary(mut self, list: Vec<Dated<f64>>) -> Self {
        self.salary = list;
        self
    }

    /// Whether no field is dated.
    pub fn is_empty(&self) -> bool {
        self.reports_to.is_empty()
            && self.unit.is_empty()
            && self.accountable_to.is_empty()
            && self.function.is_empty()
            && self.fte.is_empty()
            && self.scale.is_empty()
            && self.salary.is_empty()
    }

    /// Sorts every list by start.
    pub(crate) fn sort(&mut self) {
        sort_by_start(&mut self.reports_to);
        sort_by_start(&mut self.unit);
        sort_by_start(&mut self.accountable_to);
        sort_by_start(&mut self.function);
        sort_by_start(&mut self.fte);
        sort_by_start(&mut self.scale);
        sort_by_start(&mut self.salary);
    }

    /// The periods of every dated field, by field name, for checks that
    /// treat the fields alike.
    pub fn periods(&self) -> [(&'static str, Vec<Period>); 7] {
        fn of<T>(list: &[Dated<T>]) -> Vec<Period> {
            list.iter().map(|d| d.valid).collect()
        }
        [
            ("reports_to", of(&self.reports_to)),
            ("unit", of(&self.unit)),
            ("accountable_to", of(&self.accountable_to)),
            ("function", of(&self.function)),
            ("fte", of(&self.fte)),
            ("scale", of(&self.scale)),
            ("salary", of(&self.salary)),
        ]
    }
}

/// The dated relations and values of a unit (see [`PostDated`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct UnitDated {
    /// The unit it is placed in over time.
    pub parent: Vec<Dated<UnitId>>,
    /// The kind over time.
    pub kind: Vec<Dated<UnitKind>>,
}

impl UnitDated {
    /// Sets the dated parent unit.
    pub fn with_parent(mut self, list: Vec<Dated<UnitId>>) -> Self {
        self.parent = list;
        self
    }

    /// Sets the dated kind.
    pub fn with_kind(mut self, list: Vec<Dated<UnitKind>>) -> Self {
        self.kind = list;
        self
    }

    /// Whether no field is dated.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty() && self.kind.is_empty()
    }

    /// Sorts every list by start.
    pub(crate) fn sort(&mut self) {
        sort_by_start(&mut self.parent);
        sort_by_start(&mut self.kind);
    }

    /// The periods of every dated field, by field name.
    pub fn periods(&self) -> [(&'static str, Vec<Period>); 2] {
        [
            ("parent", self.parent.iter().map(|d| d.valid).collect()),
            ("kind", self.kind.iter().map(|d| d.valid).collect()),
        ]
    }
}

/// Puts a post's dated block in its kept form: every list sorted by start,
/// each dated field's plain field set to the value of its last period, and
/// no block at all when nothing is dated.
pub(crate) fn normalise_post(post: &mut Post) {
    let Some(d) = post.dated.as_deref_mut() else { return };
    d.sort();
    if let Some(v) = last_value(&d.reports_to) {
        post.reports_to = Some(v);
    }
    if let Some(v) = last_value(&d.unit) {
        post.unit = Some(v);
    }
    if let Some(v) = last_value(&d.accountable_to) {
        post.accountable_to = Some(v);
    }
    if let Some(v) = last_value(&d.function) {
        post.function = Some(v);
    }
    if let Some(v) = last_value(&d.fte) {
        post.fte = v;
    }
    if let Some(v) = last_value(&d.scale) {
        post.scale = Some(v);
    }
    if let Some(v) = last_value(&d.salary) {
        post.salary = Some(v);
    }
    if d.is_empty() {
        post.dated = None;
    }
}

/// Like [`normalise_post`], for a unit.
pub(crate) fn normalise_unit(unit: &mut Unit) {
    let Some(d) = unit.dated.as_deref_mut() else { return };
    d.sort();
    if let Some(v) = last_value(&d.parent) {
        unit.parent = Some(v);
    }
    if let Some(v) = last_value(&d.kind) {
        unit.kind = v;
    }
    if d.is_empty() {
        unit.dated = None;
    }
}

/// A post's line manager on `day`: the dated value then (none in a gap),
/// else the plain one. [`resolve_post`] gives every field so.
pub(crate) fn reports_to_on(post: &Post, day: Date) -> Option<PostId> {
    match post.dated.as_deref() {
        Some(d) if !d.reports_to.is_empty() => value_on(&d.reports_to, day).copied(),
        _ => post.reports_to,
    }
}

/// Sets every dated field of a post to its value on `day` and drops the
/// dated block: the post as it stands that day. A day in a gap leaves the
/// field empty (no FTE is `0`).
pub(crate) fn resolve_post(post: &mut Post, day: Date) {
    let Some(d) = post.dated.take() else { return };
    if !d.reports_to.is_empty() {
        post.reports_to = value_on(&d.reports_to, day).copied();
    }
    if !d.unit.is_empty() {
        post.unit = value_on(&d.unit, day).copied();
    }
    if !d.accountable_to.is_empty() {
        post.accountable_to = value_on(&d.accountable_to, day).copied();
    }
    if !d.function.is_empty() {
        post.function = value_on(&d.function, day).copied();
    }
    if !d.fte.is_empty() {
        post.fte = value_on(&d.fte, day).copied().unwrap_or(0.0);
    }
    if !d.scale.is_empty() {
        post.scale = value_on(&d.scale, day).copied();
    }
    if !d.salary.is_empty() {
        post.salary = value_on(&d.salary, day).copied();
    }
}

/// Like [`resolve_post`], for a unit. A unit's kind has no gap: a day no
/// period covers keeps the kind of the last period.
pub(crate) fn resolve_unit(unit: &mut Unit, day: Date) {
    let Some(d) = unit.dated.take() else { return };
    if !d.parent.is_empty() {
        unit.parent = value_on(&d.parent, day).copied();
    }
    if let Some(k) = value_on(&d.kind, day) {
        unit.kind = *k;
    }
}

/// The first problem with the periods of a post's or unit's dated fields,
/// as the field and a message.
pub(crate) fn first_period_problem(
    fields: &[(&'static str, Vec<Period>)],
    own: Period,
) -> Option<(&'static str, String)> {
    fields.iter().find_map(|(field, periods)| {
        let list: Vec<Dated<()>> = periods.iter().map(|&p| Dated::new((), p)).collect();
        period_problems(&list, own).first().map(|p| (*field, format!("value {}: {}", p.index(), p.message(field, own))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date;

    fn p(from: Option<Date>, until: Option<Date>) -> Dated<u8> {
        Dated::new(0, Period::new(from, until))
    }

    #[test]
    fn overlaps_are_found_in_any_order() {
        let list = [p(Some(date(2020, 7, 1)), None), p(None, Some(date(2020, 7, 1)))];
        let found = period_problems(&list, Period::ALWAYS);
        assert_eq!(found, vec![PeriodProblem::Overlap { index: 1, other: 0, day: Some(date(2020, 7, 1)) }]);
        let fine = [p(None, Some(date(2020, 6, 30))), p(Some(date(2020, 7, 1)), None)];
        assert!(period_problems(&fine, Period::ALWAYS).is_empty());
    }

    #[test]
    fn a_period_outside_the_element_is_refused() {
        let own = Period::new(Some(date(2020, 1, 1)), Some(date(2021, 12, 31)));
        let list = [p(Some(date(2019, 1, 1)), Some(date(2020, 6, 30))), p(Some(date(2020, 7, 1)), None)];
        assert_eq!(period_problems(&list, own), vec![PeriodProblem::Outside { index: 0 }]);
    }

    #[test]
    fn gaps_inside_the_element_are_listed() {
        let own = Period::new(Some(date(2020, 1, 1)), Some(date(2021, 12, 31)));
        let list =
            [p(Some(date(2020, 3, 1)), Some(date(2020, 6, 30))), p(Some(date(2020, 8, 1)), Some(date(2021, 6, 30)))];
        assert_eq!(
            gaps(&list, own),
            vec![
                Period::new(Some(date(2020, 1, 1)), Some(date(2020, 2, 29))),
                Period::new(Some(date(2020, 7, 1)), Some(date(2020, 7, 31))),
                Period::new(Some(date(2021, 7, 1)), Some(date(2021, 12, 31))),
            ]
        );
        let whole = [p(None, Some(date(2020, 6, 30))), p(Some(date(2020, 7, 1)), None)];
        assert!(gaps(&whole, Period::ALWAYS).is_empty());
        assert_eq!(
            gaps(&[p(Some(date(2020, 1, 1)), None)], Period::ALWAYS),
            vec![Period::new(None, Some(date(2019, 12, 31)))]
        );
    }
}
