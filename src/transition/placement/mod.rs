//! Placement: every employee of the old design gets exactly one outcome.
//!
//! The order follows the voorkeursvolgorde of a sociaal statuut:
//!
//! 1. **Functievolger** ("mens volgt werk"). The holder of an ongewijzigde
//!    function follows it. Followers whose functions have the same successor,
//!    or whose functions are in one uitwisselbaar group, form a *pool* that
//!    competes for the posts of the pool's new functions. A follower goes to
//!    the post with their own (renamed) key if it has room, else to a post in
//!    their own (renamed) unit, else to the first post with room by key.
//! 2. **Selection.** When a pool's followers hold more FTE than its posts,
//!    the statute's rule picks who leaves: *afspiegeling* (those past the AOW
//!    age first; then the age bands 15–25, 25–35, 35–45, 45–55 and 55+ give up
//!    places in proportion to their size, by the Sainte-Laguë sequence, and
//!    within a band the shortest service leaves first) or *anciënniteit*
//!    (shortest service first). Ties: the younger first, then the lower key.
//! 3. **Herplaatsing.** Those who leave, and the holders of gewijzigde and
//!    vervallen functions, are herplaatsingskandidaten. In the order longest
//!    service first (then older first, then key), each gets a *passende
//!    functie* where one has room: a post at their own scale or at most the
//!    statute's scale drop lower, in a function they prefer or one that shares
//!    tasks with their old function (a nieuwe functie is never passend: it is
//!    filled by selection on quality). Only when every candidate has had the
//!    chance of a passende functie do the others get a *geschikte functie*
//!    agreed in the input (consent, or training within the statute's months).
//! 4. **Boventallig.** Otherwise the employee is redundant, with the
//!    van-werk-naar-werk period of the statute's regime.

//!
//! Each step is a module of its own, in the order of the statute:
//! [`gather`] (who is placed, from which post, with which preferences),
//! [`follow`] (functievolgers, with the selection of [`select`] when a
//! function continues with fewer posts), [`herplaatsing`] (passende, then
//! geschikte functies), [`boventallig`] (the van-werk-naar-werk consequence)
//! and [`assemble`] (one [`Placement`] per person, the vacancies). They share
//! the free posts in [`capacity::Capacity`] and what was decided so far in
//! [`State`].

mod assemble;
mod boventallig;
mod capacity;
mod follow;
mod gather;
mod herplaatsing;
pub mod reason;
mod select;

use jiff::civil::Date;
use serde::Serialize;

use super::compare::{FunctionStatus, Indexed};
use super::fx::HashMap;
use super::input::TransitionInput;
use super::lang::Language;
use super::statute::{Regime, Statute};
use super::successor::{NewPosts, Successors};
use crate::model::{ContractKind, Design, NaturalKey};
use crate::problem::Problem;
pub use reason::Fact;

pub(crate) use gather::validate_input;

use capacity::Capacity;

/// The tolerance of FTE arithmetic.
const FIT: f64 = 1e-9;

/// A key in its natural order ([`NaturalKey`]), with a head that decides most
/// comparisons without reading the key's text: its value for a whole-number key,
/// else its first eight bytes. Sorting 100,000 keys then seldom follows a pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SortKey<'a> {
    /// Whether the key is not a whole number, and its value or its first eight bytes.
    head: (bool, u64),
    key: NaturalKey<'a>,
}

impl<'a> SortKey<'a> {
    pub(super) fn new(key: &'a str) -> Self {
        // As `NaturalKey`: a whole number that fits 64 bits sorts by value, before the rest.
        let head = match key.parse::<u64>() {
            Ok(n) => (false, n),
            Err(_) => {
                let mut first = [0u8; 8];
                let bytes = key.as_bytes();
                let n = bytes.len().min(8);
                first[..n].copy_from_slice(&bytes[..n]);
                (true, u64::from_be_bytes(first))
            }
        };
        SortKey { head, key: NaturalKey::new(key) }
    }
}

impl Ord for SortKey<'_> {
    /// The heads order as the keys do (by value, or by the first eight bytes, a shorter
    /// key padded with zero bytes), so equal heads leave the order to the whole keys.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.head.cmp(&other.head).then_with(|| self.key.cmp(&other.key))
    }
}

impl PartialOrd for SortKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The outcome for one employee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Outcome {
    /// Follows their ongewijzigde function into the new design.
    Functievolger,
    /// Placed in a passende functie.
    Passend,
    /// Placed in a geschikte functie.
    Geschikt,
    /// Redundant: no place; van-werk-naar-werk.
    Boventallig,
    /// Hired in (inhuur): not an employee, so not placed under the statute.
    Extern,
}

impl Outcome {
    /// All outcomes, in report order.
    pub const ALL: [Outcome; 5] =
        [Outcome::Functievolger, Outcome::Passend, Outcome::Geschikt, Outcome::Boventallig, Outcome::Extern];

    /// The Dutch name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Functievolger => "functievolger",
            Outcome::Passend => "passend",
            Outcome::Geschikt => "geschikt",
            Outcome::Boventallig => "boventallig",
            Outcome::Extern => "extern",
        }
    }
}

/// A step of the placement order, used in reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Step {
    /// The function comparison.
    Comparison,
    /// Following the function.
    Follow,
    /// Selection among too many followers.
    Selection,
    /// Placement in a passende functie.
    Passend,
    /// Placement in a geschikte functie.
    Geschikt,
    /// Redundancy.
    Boventallig,
    /// Not placed: hired in.
    Extern,
}

/// One reason behind an outcome: the step, the rule, and the fact with its numbers.
///
/// In the JSON report: `step`, `rule`, `text` (English) and `fact`, the structured fact with
/// its numbers rounded as the text shows them (`{"fact": "compared", "overlap": 0.8, …}`);
/// a shared (pseudonymised) report leaves `fact` out, since it holds the keys and dates
/// the redacted text drops.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Reason {
    /// The step that gave it.
    pub step: Step,
    /// The rule applied, such as `threshold 30%`, `afspiegeling` or `max scale drop 1`.
    /// Shared text: the same reason given to many people is one copy.
    pub rule: std::sync::Arc<str>,
    /// The explanation in English (the JSON report's language). Shared text, as `rule`.
    pub text: std::sync::Arc<str>,
    /// What was decided, with its numbers; [`Reason::text_in`] says it in a language.
    pub fact: Fact,
    /// In a shared (pseudonymised) report: the texts with keys, dates and years of
    /// service taken out, English then Dutch; they replace what the fact says.
    shared: Option<Box<[String; 2]>>,
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let shared = self.shared.is_some();
        let mut st = s.serialize_struct("Reason", if shared { 3 } else { 4 })?;
        st.serialize_field("step", &self.step)?;
        st.serialize_field("rule", &*self.rule)?;
        st.serialize_field("text", &*self.text)?;
        if !shared {
            st.serialize_field("fact", &self.fact)?;
        }
        st.end()
    }
}

impl Reason {
    /// A reason of a step, under a rule, for a fact. A rule given to many people is best
    /// made an `Arc<str>` once and cloned: one copy of its text.
    pub(crate) fn new(step: Step, rule: impl Into<std::sync::Arc<str>>, fact: Fact) -> Self {
        Reason { step, rule: rule.into(), text: fact.text_in(Language::English).into(), fact, shared: None }
    }

    /// The explanation in a language. In a pseudonymised report it is the
    /// redacted text: the fact itself still holds the keys and dates.
    pub fn text_in(&self, lang: Language) -> String {
        match (&self.shared, lang) {
            (Some(t), Language::English) => t[0].clone(),
            (Some(t), Language::Dutch) => t[1].clone(),
            (None, _) => self.fact.text_in(lang),
        }
    }

    /// Redacts the reason for a shared report: `redact` rewrites the text in each
    /// language, and the result replaces what the fact says, in `text` too.
    pub(crate) fn redact(&mut self, redact: impl Fn(&str) -> String) {
        let [en, nl] = [Language::English, Language::Dutch].map(|l| redact(&self.text_in(l)));
        self.text = en.as_str().into();
        self.shared = Some(Box::new([en, nl]));
    }
}

/// The van-werk-naar-werk consequence of a redundancy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Vwnw {
    /// The regime.
    pub regime: Regime,
    /// Whether a van-werk-naar-werk traject applies; `None` when the service is unknown.
    pub eligible: Option<bool>,
    /// The length of the traject, or of the herplaatsing term, in months.
    pub months: Option<u32>,
    /// The explanation with its source.
    pub note: String,
    /// The day the traject (or the notice period) ends: its start (the
    /// placement decision, else the reference date) plus `months`, or the day the
    /// employee reaches the AOW age when that comes first; `None` when unknown.
    pub ends: Option<Date>,
}

/// The placement of one employee.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Placement {
    /// The person's key.
    pub person: String,
    /// The name: personal data, removed by pseudonymisation.
    pub name: Option<String>,
    /// The birth date: personal data, removed by pseudonymisation.
    pub birth_date: Option<Date>,
    /// The age band on the reference date (`15–25` … `55+`, or `AOW`).
    pub age_band: Option<String>,
    /// The first day of service.
    pub service_start: Option<Date>,
    /// The contract kind.
    pub contract: Option<ContractKind>,
    /// The FTE the person holds in the old design. A shared (pseudonymised) report does
    /// not publish it: there it is `f64::INFINITY`, `null` in the JSON, and the person's
    /// FTE band is in [`Privacy::fte_bands`](super::Privacy::fte_bands).
    #[serde(serialize_with = "crate::number::json::fte")]
    pub fte: f64,
    /// The old post.
    pub old_post: String,
    /// The old unit.
    pub old_unit: Option<String>,
    /// The old function.
    pub old_function: Option<String>,
    /// The person's scale in the old design.
    pub old_scale: Option<u8>,
    /// The status of the old function.
    pub function_status: Option<FunctionStatus>,
    /// The overlap of the old function with its successor.
    #[serde(serialize_with = "crate::number::json::share_opt")]
    pub overlap: Option<f64>,
    /// The outcome.
    pub outcome: Outcome,
    /// The new post.
    pub new_post: Option<String>,
    /// The new unit.
    pub new_unit: Option<String>,
    /// The new function.
    pub new_function: Option<String>,
    /// The scale of the new post.
    pub new_scale: Option<u8>,
    /// New scale minus old scale, when both are known.
    pub scale_change: Option<i16>,
    /// Whether a salary guarantee is needed (placed in a lower scale).
    pub salary_guarantee: bool,
    /// The van-werk-naar-werk consequence, for a redundancy.
    pub vwnw: Option<Vwnw>,
    /// The date of the placement decision, if given.
    pub placement_date: Option<Date>,
    /// The functions the person stated a preference for, most wanted first.
    pub preferences: Vec<String>,
    /// Why, step by step.
    pub reasons: Vec<Reason>,
    /// The new unit where the work of the old unit goes on (mens volgt werk), if any.
    pub successor_unit: Option<String>,
    /// The new post that continues the work of the old post, if any.
    pub successor_post: Option<String>,
    /// For a placed employee: whether the new post continues their own work (it is
    /// the successor post, or in the successor unit); `None` when not placed.
    pub continues_work: Option<bool>,
    /// How many preferences the person stated (in the transition input, else the
    /// design), before the statute's limit.
    pub preferences_stated: usize,
    /// How many preferences the statute lets count (`max_preferences`); the
    /// procedure check warns when more were stated.
    pub preferences_allowed: usize,
    /// For a boventallige: the posts still open at their scale (or at most the
    /// statute's drop below), each with why it was not offered; at most ten.
    pub open_posts: Vec<OpenPost>,
    /// For a boventallige: how many more posts are open at their scale than listed.
    pub open_posts_more: usize,
}

/// A post still open at a boventallige's scale, and why it was not offered.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OpenPost {
    /// The post's key.
    pub post: String,
    /// Its function.
    pub function: String,
    /// Its scale.
    pub scale: Option<u8>,
    /// Its free FTE.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub fte: f64,
    /// Why it was not offered.
    pub why_not: String,
}

/// A vacancy left after placement.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Vacancy {
    /// The new function.
    pub function: String,
    /// Its title.
    pub title: String,
    /// Its status (a nieuwe functie is filled by selection on quality).
    pub status: FunctionStatus,
    /// The vacant FTE in all its posts.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub vacant_fte: f64,
    /// The posts with vacant FTE, and how much.
    pub posts: Vec<VacantPost>,
    /// People who stated interest, with their outcome.
    pub interested: Vec<Interested>,
}

/// A post with vacant FTE.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct VacantPost {
    /// The post's key.
    pub post: String,
    /// Its vacant FTE.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub fte: f64,
}

/// Someone who stated interest in a function (belangstellingsregistratie).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Interested {
    /// The person's key.
    pub person: String,
    /// Their outcome in this placement.
    pub outcome: Outcome,
}

/// The result of placement.
pub(crate) struct Placed {
    pub placements: Vec<Placement>,
    pub vacancies: Vec<Vacancy>,
    /// FTE placed per new post, by its number in the new design ([`NewPosts`]).
    pub filled: Vec<f64>,
}

/// What every step reads: the designs, the statute, the input and the comparison.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    old: &'a Design,
    new: &'a Design,
    statute: &'a Statute,
    input: &'a TransitionInput,
    /// Where the work of every old unit and post goes on.
    succ: &'a Successors,
    /// The new design's posts, numbered.
    new_posts: &'a NewPosts<'a>,
    /// Per old post (in the order of `old.posts()`): the number of the new post that continues its work.
    continued_by: &'a [Option<u32>],
    ix: &'a Indexed,
    /// The reference date (peildatum), if any.
    reference: Option<Date>,
    /// The AOW age in months.
    aow: i64,
}

/// What the steps decided so far: free FTE, each employee's outcome and post, and the reasons.
struct State<'a> {
    cap: Capacity<'a>,
    /// Per employee: the outcome and the index of the new post in `cap`.
    outcome: Vec<Option<(Outcome, usize)>>,
    /// Per employee: the reasons so far.
    reasons: Vec<Vec<Reason>>,
    /// FTE placed per new post, by its number in the new design.
    filled: Vec<f64>,
    /// Per boventallige: the open posts at their scale, and how many more.
    open: HashMap<usize, (Vec<OpenPost>, usize)>,
}

impl<'a> State<'a> {
    fn new(cap: Capacity<'a>, n: usize, new_posts: usize) -> Self {
        State {
            cap,
            outcome: vec![None; n],
            reasons: vec![Vec::new(); n],
            filled: vec![0.0; new_posts],
            open: HashMap::default(),
        }
    }
}

/// The new design's posts numbered once, and per old post (in the order of
/// `old.posts()`) the number of the new post that continues its work.
#[derive(Clone, Copy)]
pub(crate) struct Numbered<'a> {
    pub(crate) new_posts: &'a NewPosts<'a>,
    pub(crate) continued_by: &'a [Option<u32>],
}

/// Places every employee. Returns problems when the input cannot give a right answer.
pub(crate) fn place(
    old: &Design,
    new: &Design,
    statute: &Statute,
    input: &TransitionInput,
    succ: &Successors,
    numbered: Numbered<'_>,
    ix: &Indexed,
) -> Result<Placed, Vec<Problem>> {
    let Numbered { new_posts, continued_by } = numbered;
    let cx = Ctx {
        old,
        new,
        statute,
        input,
        succ,
        new_posts,
        continued_by,
        ix,
        reference: input.effective_reference_date(),
        aow: i64::from(statute.aow_age_in_months()),
    };
    let gathered = gather::gather(&cx)?;
    let employees = &gathered.employees;
    let day = input.procedure.placement_date.or(cx.reference);
    let mut st = State::new(Capacity::new(new_posts, new, ix, day), employees.len(), new_posts.posts.len());
    follow::comparison_reasons(&cx, employees, &mut st);
    let candidates = follow::follow(&cx, employees, &mut st)?;
    let unplaced = herplaatsing::passend(&cx, employees, &mut st, candidates);
    herplaatsing::geschikt(&cx, employees, &mut st, &unplaced);
    herplaatsing::open_posts(&cx, employees, &mut st);
    Ok(assemble::assemble(&cx, gathered, st))
}
#[cfg(test)]
pub(super) mod fixture {
    //! Small designs for the steps' unit tests.
    use crate::format::from_json;
    use crate::model::Design;
    use crate::transition::{Statute, TransitionInput, TransitionReport, transition};

    /// A design from JSON text.
    pub(crate) fn design(json: &str) -> Result<Design, Box<dyn std::error::Error>> {
        Ok(from_json(json.as_bytes())?)
    }

    /// The Almelo statute.
    pub(crate) fn almelo() -> Result<Statute, Box<dyn std::error::Error>> {
        Ok(Statute::preset("almelo-2018").ok_or("no preset")?)
    }

    /// The whole transition of two designs under Almelo's statute and an input.
    pub(crate) fn run(
        old: &str,
        new: &str,
        input: &TransitionInput,
    ) -> Result<TransitionReport, Box<dyn std::error::Error>> {
        Ok(transition(&design(old)?, &design(new)?, &almelo()?, input)?)
    }
}

#[cfg(test)]
mod tests {
    use super::SortKey;
    use crate::model::NaturalKey;

    #[test]
    fn sort_key_heads() {
        let mut keys = vec!["p10", "p9", "10", "2", "007", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefg", ""];
        keys.sort_by_key(|k| SortKey::new(k));
        assert_eq!(keys, ["2", "007", "10", "", "abcdefg", "abcdefgh", "abcdefgh\0", "abcdefghi", "p10", "p9"]);
    }

    proptest::proptest! {
        /// The head never disagrees with the natural order: keys of up to twelve bytes,
        /// so that both the head and the rest decide.
        #[test]
        fn sort_key_orders_as_the_natural_key(a in "[0-9a-c\u{0}]{0,12}", b in "[0-9a-c\u{0}]{0,12}") {
            let (x, y) = (SortKey::new(&a), SortKey::new(&b));
            proptest::prop_assert_eq!(x.cmp(&y), NaturalKey::new(&a).cmp(&NaturalKey::new(&b)));
        }
    }
}
