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
//!   successors, mappings, interest, procedure dates);
//! - [`successors()`] says where the work of every old unit and post goes on
//!   (*mens volgt werk*), given or derived, for placement and the diff alike.
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
pub mod disclosure;
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
mod successor;

pub use committee::{Candidate, CommitteeVacancy};
pub use compare::{Basis, Comparison, Computed, FunctionStatus, NewFunction, OldFunction, compare};
pub use diff::{Action, Change, DesignDiff, Establishment, Field, KeyMapping, PostDiff, UnitDiff, diff};
pub use disclosure::{BandDetail, FieldDisclosure, PostDetail};
pub use input::{FunctionMapping, InterchangeableGroup, Origin, Procedure, Suitability, TransitionInput};
pub use lang::{Language, UnknownLanguage};
#[cfg(feature = "letters")]
pub use letters::{Letter, LetterError, LetterStage, Templates};
pub use placement::{Interested, OpenPost, Outcome, Placement, Reason, Step, Vacancy, VacantPost, Vwnw};
pub use privacy::{KeyFileError, Privacy, PseudonymKey, SmallGroup, service_band};
pub use report::{Costs, OutcomeTotal, Payroll, SalaryGuarantee, Totals, TransitionReport, UnitRow};
pub use statute::{PRESETS, Regime, Rounding, SelectionRule, Statute};
pub use successor::{Successor, SuccessorBasis, Successors};

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
    let mut problems = placement::validate_input(old, new, input);
    let indexed = match compare::compare_indexed(old, new, statute, input) {
        Ok(ix) if problems.is_empty() => ix,
        Ok(_) => return Err(error(problems)),
        Err(e) => {
            problems.extend(e.problems);
            return Err(error(problems));
        }
    };
    let new_posts = successor::NewPosts::of(new);
    let (succ, continued_by) =
        successor::derive_with(old, new, &new_posts, input, &|f| function_successor(&indexed, f));
    let numbered = placement::Numbered { new_posts: &new_posts, continued_by: &continued_by };
    let placed = placement::place(old, new, statute, input, &succ, numbered, &indexed).map_err(error)?;
    // The report needs only the units of the diff, matched through the same successors.
    let units = diff::unit_diffs(old, new, &succ.key_mapping());
    let mut report = report::build(old, new, &new_posts, statute, input, units, indexed.comparison, placed);
    report::mark_merged(&mut report.establishment, &succ);
    report.successors = succ;
    Ok(report)
}

/// The new function the work of an old function goes on in, by the comparison.
fn function_successor(ix: &compare::Indexed, old: &str) -> Option<String> {
    ix.old_index.get(old).and_then(|&i| ix.comparison.old[i].successor.clone())
}

/// Where the work of every old unit and post goes on in the new design (*mens
/// volgt werk*): given in the input's `[successors]` or `[renames]`, else
/// derived where the designs leave one answer (see [`Successors`]). The same
/// map places the employees in [`transition`] and matches posts and units in
/// [`diff()`] through [`Successors::key_mapping`].
///
/// The functions' successors come from the function comparison under the
/// Cao Gemeenten preset (the successor of a function does not depend on the
/// threshold); when the comparison cannot be made (a function without tasks),
/// a function goes on in the new function with its key.
///
/// ```
/// use harkje::format::from_json;
/// use harkje::transition::{SuccessorBasis, TransitionInput, diff, successors};
///
/// let f = r#"{"key": "F-CONS", "title": "Consulent", "tasks": [{"name": "intake", "weight": 1}]}"#;
/// let old = from_json(format!(r#"{{"version": 1, "name": "oud", "functions": [{f}],
///   "units": [{{"key": "wmo", "name": "Wmo", "kind": "team"}}],
///   "posts": [{{"key": "consulent-wmo", "title": "Consulent", "unit": "wmo", "function": "F-CONS"}}]}}"#).as_bytes())?;
/// let new = from_json(format!(r#"{{"version": 1, "name": "nieuw", "functions": [{f}],
///   "units": [{{"key": "sociaal", "name": "Sociaal", "kind": "team"}}],
///   "posts": [{{"key": "consulent-sociaal", "title": "Consulent", "unit": "sociaal", "function": "F-CONS"}}]}}"#).as_bytes())?;
/// let input = TransitionInput::from_toml("version = 1\n[successors.units]\nwmo = \"sociaal\"\n")?;
/// let map = successors(&old, &new, &input);
/// assert_eq!(map.unit("wmo").and_then(|s| s.basis), Some(SuccessorBasis::Given));
/// // The only post in the successor unit continues the old post's work.
/// assert_eq!(map.posts[0].new.as_deref(), Some("consulent-sociaal"));
/// let d = diff(&old, &new, &map.key_mapping());
/// assert_eq!(d.posts.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn successors(old: &Design, new: &Design, input: &TransitionInput) -> Successors {
    let indexed =
        Statute::preset("cao-gemeenten-2020").and_then(|s| compare::compare_indexed(old, new, &s, input).ok());
    match indexed {
        Some(ix) => successor::derive(old, new, input, &|f| function_successor(&ix, f)),
        None => successor::derive(old, new, input, &|f| new.function_by_key(f).map(|_| f.to_owned())),
    }
}

/// The engine's internal maps use the crate's fast hasher: the keys are the
/// designs' own keys and ids, not attacker-chosen, and SipHash cost more than
/// the rest of the diff.
pub(crate) mod fx {
    /// A hash map with the crate's fast hasher; build it with `HashMap::default()`.
    pub(crate) type HashMap<K, V> = crate::graph::fxhash::FastHashMap<K, V>;
}
