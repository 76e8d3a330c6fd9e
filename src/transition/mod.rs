//! Reorganisation: from the old design to the new one, employee by employee.
//!
//! A reorganisation in a Dutch municipality runs on a sociaal statuut: compare
//! every old function with the new functieboek, let the holders of unchanged
//! functions follow their work, select when there are too few posts, re-place
//! the others in passende or geschikte functies, and declare the rest
//! boventallig. The result, the *personele gevolgen*, goes to the works council
//! and the unions, so every outcome here carries its reasons.
//!
//! - [`diff`] compares two designs post by post and unit by unit;
//! - [`compare()`] compares the functieboeken (the 30% rule; the [`compare`](mod@compare) module explains the computation);
//! - [`transition`] places every employee and builds the [`TransitionReport`];
//! - [`Statute`] holds the statute's parameters, with presets;
//! - [`TransitionInput`] holds what belongs to the transition itself (renames,
//!   mappings, interest, procedure dates).
//!
//! ```
//! use harkje::format::from_json;
//! use harkje::transition::{transition, Outcome, Statute, TransitionInput};
//!
//! let old = from_json(br#"{"version": 1, "name": "oud",
//!   "functions": [{"key": "F-WMO", "title": "Consulent Wmo", "scale_max": 9,
//!                  "tasks": [{"name": "intake", "weight": 4}, {"name": "indicatie", "weight": 4},
//!                            {"name": "archief", "weight": 2}]}],
//!   "posts": [{"key": "c1", "title": "Consulent", "function": "F-WMO", "scale": 9}],
//!   "people": [{"key": "p1", "scale": 9}],
//!   "appointments": [{"person": "p1", "post": "c1"}]}"#)?;
//! let new = from_json(br#"{"version": 1, "name": "nieuw",
//!   "functions": [{"key": "F-SOC", "title": "Consulent Sociaal", "scale_max": 9,
//!                  "tasks": [{"name": "intake", "weight": 5}, {"name": "indicatie", "weight": 3},
//!                            {"name": "huisbezoek", "weight": 2}]}],
//!   "posts": [{"key": "c1", "title": "Consulent", "function": "F-SOC", "scale": 9}]}"#)?;
//!
//! let statute = Statute::preset("almelo-2018").unwrap();
//! let report = transition(&old, &new, &statute, &TransitionInput::default())?;
//! // 8 of 10 weight recurs: 20% change, within Almelo's 30%.
//! assert_eq!(report.employees[0].outcome, Outcome::Functievolger);
//! assert_eq!(report.employees[0].new_post.as_deref(), Some("c1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod committee;
pub mod compare;
mod diff;
mod input;
mod lang;
#[cfg(feature = "letters")]
#[cfg_attr(docsrs, doc(cfg(feature = "letters")))]
pub mod letters;
mod placement;
pub mod privacy;
pub mod procedure;
mod report;
mod statute;

pub use committee::{Candidate, CommitteeVacancy};
pub use compare::{Basis, Comparison, Computed, FunctionStatus, NewFunction, OldFunction, compare};
pub use diff::{Action, Change, DesignDiff, Establishment, Field, KeyMapping, PostDiff, UnitDiff, diff};
pub use input::{FunctionMapping, InterchangeableGroup, Origin, Procedure, Suitability, TransitionInput};
pub use lang::{Language, UnknownLanguage};
#[cfg(feature = "letters")]
pub use letters::{Letter, LetterError, LetterStage, Templates};
pub use placement::{Interested, Outcome, Placement, Reason, Step, Vacancy, VacantPost, Vwnw};
pub use privacy::{KeyFileError, Privacy, PseudonymKey, SmallGroup, service_band};
pub use report::{Costs, OutcomeTotal, Payroll, SalaryGuarantee, Totals, TransitionReport, UnitRow};
pub use statute::{PRESETS, Regime, SelectionRule, Statute};

use crate::model::Design;
use crate::problem::{LoadError, Problem};

/// Which input a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The old design.
    Old,
    /// The new design.
    New,
    /// The transition input.
    Input,
}

impl Side {
    /// A label: `the old design`, `the new design` or `the transition input`.
    pub fn label(self) -> &'static str {
        match self {
            Side::Old => "the old design",
            Side::New => "the new design",
            Side::Input => "the transition input",
        }
    }
}

impl Side {
    /// A problem in this input at a path (`people/p1` in a design, a key
    /// path such as `/interest/0/person` in the transition input).
    pub(crate) fn problem(self, path: String, message: String) -> Problem {
        Problem { file: Some(self.label().to_owned()), path, message, ..Problem::default() }
    }

    fn rank(label: Option<&str>) -> usize {
        [Side::Old, Side::New, Side::Input].iter().position(|s| Some(s.label()) == label).unwrap_or(3)
    }
}

/// The error of a transition: every problem, sorted by input (old, new, the
/// transition input) and place. Each problem names its input with
/// [`Side::label`]; the CLI renames the labels to the files with
/// [`LoadError::rename_file`].
pub(crate) fn error(mut problems: Vec<Problem>) -> LoadError {
    problems.sort_by(|a, b| {
        let key = |p: &Problem| (Side::rank(p.file.as_deref()), p.line, p.column, p.path.clone());
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
    LoadError::listed("the transition", problems)
}

impl TransitionInput {
    /// The key renames as a [`KeyMapping`].
    pub fn key_mapping(&self) -> KeyMapping {
        KeyMapping { posts: self.post_renames.clone(), units: self.unit_renames.clone() }
    }
}

/// Runs the whole transition: diff, function comparison, placement, procedure checks and the report.
///
/// # Errors
/// A [`LoadError`] listing every problem that would make the report
/// wrong: an employee without a post, a held post without a function, a
/// function without tasks or with a weight that is not positive, a reference
/// in the transition input to something that does not exist, a preference for
/// a function not in the new design, or data that a selection needs (a
/// reference date, birth dates, service starts).
///
/// # Complexity
/// About linear in the size of the designs: the comparison goes through an
/// inverted index over task names, and placement searches posts per function.
pub fn transition(
    old: &Design,
    new: &Design,
    statute: &Statute,
    input: &TransitionInput,
) -> Result<TransitionReport, LoadError> {
    let keys = input.key_mapping();
    let mut problems = placement::validate_input(old, new, input);
    let indexed = match compare::compare_indexed(old, new, statute, input) {
        Ok(ix) if problems.is_empty() => ix,
        Ok(_) => return Err(error(problems)),
        Err(e) => {
            problems.extend(e.problems);
            return Err(error(problems));
        }
    };
    let placed = placement::place(old, new, statute, input, &keys, &indexed).map_err(error)?;
    // The report needs only the units of the diff.
    let units = diff::unit_diffs(old, new, &keys);
    Ok(report::build(old, new, statute, input, units, indexed.comparison, placed))
}

/// The engine's internal maps use the crate's fast hasher: the keys are the
/// designs' own keys and ids, not attacker-chosen, and SipHash cost more than
/// the rest of the diff.
pub(crate) mod fx {
    /// A hash map with the crate's fast hasher; build it with `HashMap::default()`.
    pub(crate) type HashMap<K, V> = crate::graph::fxhash::FastHashMap<K, V>;
}
