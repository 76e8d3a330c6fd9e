//! The ranges harkje accepts for numbers.
//!
//! The bounds are far beyond any real organisation; they exist so that sums
//! over a million posts stay finite and exact to the cent, and a typing
//! mistake such as `1e308` is refused where it is made instead of turning
//! into `NaN` in a report.

/// The largest FTE of one post, person or appointment (a post can stand for
/// a group, as the junior rows of UK organograms do).
pub const MAX_FTE: f64 = 100_000.0;
/// The largest annual full-time salary, in euros.
pub const MAX_SALARY: f64 = 1_000_000_000.0;
/// The largest budget of one assignment, in euros.
pub const MAX_BUDGET: f64 = 1_000_000_000_000.0;

/// `None` when `value` lies in `0..=max`, else what is wrong, in words that
/// follow the field name: `is -1, but must be between 0 and 100000`.
pub fn out_of_range(value: f64, max: f64) -> Option<String> {
    if value.is_finite() && (0.0..=max).contains(&value) {
        None
    } else {
        Some(format!("is {}, but must be between 0 and {}", crate::number::exact(value), crate::number::exact(max)))
    }
}

/// What is wrong with a key, if anything. Keys name elements in files, paths
/// and IRIs, so they may not be empty, only spaces, or hold control characters.
pub fn key_problem(key: &str) -> Option<String> {
    if key.trim().is_empty() {
        Some("a key may not be empty or only spaces".to_owned())
    } else if key.chars().any(char::is_control) {
        Some(format!("the key {key:?} holds a control character; keys are names people type"))
    } else {
        None
    }
}
