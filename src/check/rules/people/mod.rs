//! Rules about people, posts, functions and cost (`HK05..`).

mod extra_staff_cost_over_cap;
mod person_over_allocated;
mod post_overfilled;
mod savings_target_missed;
mod single_person_function;
mod vacant_post;

pub use extra_staff_cost_over_cap::ExtraStaffCostOverCap;
pub use person_over_allocated::PersonOverAllocated;
pub use post_overfilled::PostOverfilled;
pub use savings_target_missed::SavingsTargetMissed;
pub use single_person_function::SinglePersonFunction;
pub use vacant_post::VacantPost;

/// The yearly cost of the design on the check day (salary × FTE of every
/// post), and the number of posts without a salary, which add nothing: the
/// one definition of cost of `savings-target-missed` and
/// `extra-staff-cost-over-cap`. O(n) over the posts.
pub(crate) fn design_cost(cx: &crate::check::Context<'_>) -> (f64, usize) {
    let mut cost = 0.0;
    let mut unknown = 0usize;
    let line = cx.line();
    for i in 0..line.len() {
        match line.salary(i) {
            None => unknown += 1,
            Some(salary) => cost += salary * line.fte(i),
        }
    }
    (cost, unknown)
}

/// Euros for a message: whole euros, or with cents when `gap` (the amount
/// over a limit) is under a euro, so that € 0.50 over does not read `€ 1`.
pub(crate) fn money_for(gap: f64) -> fn(f64) -> String {
    if gap < 1.0 { crate::number::euros } else { crate::number::whole_euros }
}

/// What the message of a day without a dated value adds: the value that
/// ended before the day and the one that starts after it, in words.
pub(crate) fn around(
    values: &crate::check::DatedValues,
    day: jiff::civil::Date,
    amount: impl Fn(&crate::check::DatedEntry) -> String,
) -> String {
    match (values.before(day), values.after(day)) {
        (Some(b), Some(a)) => format!(
            "the one of {} ended on {} and the next, of {}, starts on {}",
            amount(b),
            b.period().until.map(|d| d.to_string()).unwrap_or_default(),
            amount(a),
            a.period().from.map(|d| d.to_string()).unwrap_or_default()
        ),
        (Some(b), None) => format!(
            "the last, of {}, ended on {}",
            amount(b),
            b.period().until.map(|d| d.to_string()).unwrap_or_default()
        ),
        (None, Some(a)) => format!(
            "the first, of {}, starts on {}",
            amount(a),
            a.period().from.map(|d| d.to_string()).unwrap_or_default()
        ),
        (None, None) => "the policy gives none".to_owned(),
    }
}
