//! The transition input: what belongs to the reorganisation itself rather than to either design.
//!
//! The old and the new design describe two organisations. What connects them
//! is decided by people and written in a separate TOML file (`--functions` on
//! the command line): key renames, function mappings with an overlap that
//! people agreed on, groups of uitwisselbare functies, the belangstellings-
//! registratie, geschikte functies with consent or training, procedure dates,
//! and the savings target. Every field is optional.
//!
//! The format, every key with its default, is on [`TransitionInput`] and in
//! `docs/transition-input.md`.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Side;
use crate::problem::toml::{self, Lenient, Located, TomlDoc};
use crate::problem::{LoadError, Position, Problem, ProblemKind};

/// An explicit mapping of an old function to its successor, agreed by people.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionMapping {
    /// The old function's code.
    pub old: String,
    /// The new function's code; `None` when the function lapses.
    pub new: Option<String>,
    /// The share (0 to 1) of the old task weight that recurs in the new function.
    pub overlap: f64,
    /// Why, in people's words.
    pub reason: Option<String>,
}

/// A group of old functions that are uitwisselbaar (interchangeable): their holders compete together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InterchangeableGroup {
    /// The group's name.
    pub name: String,
    /// The old function codes.
    pub functions: Vec<String>,
}

/// A geschikte functie agreed for one employee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suitability {
    /// The person's key.
    pub person: String,
    /// The new function's code.
    pub function: String,
    /// Whether the employee consents.
    pub consent: bool,
    /// The training the employee needs, in months, if any.
    pub training_months: Option<u32>,
}

/// The procedure dates under the WOR, all optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Procedure {
    /// The day the advice of the works council (OR) was asked (WOR art. 25).
    pub advice_requested: Option<Date>,
    /// The day the OR gave its advice.
    pub advice_given: Option<Date>,
    /// The day of the decision on the reorganisation.
    pub decision: Option<Date>,
    /// Whether the decision follows the OR advice; `false` starts the 1-month suspension (WOR art. 25 lid 6).
    pub follows_advice: Option<bool>,
    /// The date of the placement decisions, unless a person has their own.
    pub placement_date: Option<Date>,
    /// Old function codes that the decision formally abolishes.
    pub abolished_functions: Vec<String>,
    /// Old post keys that the decision formally abolishes.
    pub abolished_posts: Vec<String>,
    /// Old posts that the decision shrinks: post key → the FTE abolished (a post
    /// of 1.0 FTE that goes on at 0.5 abolishes 0.5). Counted with
    /// `abolished_posts` per function against the redundancies.
    pub abolished_post_fte: BTreeMap<String, f64>,
}

/// Everything that belongs to the transition itself: what connects the old
/// design to the new one, decided by people rather than by either design.
///
/// It is read from a TOML file (`--functions` on the command line) with
/// [`from_toml`](TransitionInput::from_toml). Every key but `version` is
/// optional; `docs/transition-input.md` in the repository lists every key with
/// its type, its default and what it does. The whole format:
///
/// ```
/// use harkje::transition::TransitionInput;
///
/// let input = TransitionInput::from_toml(r#"
/// version = 1
/// reference_date = 2018-10-01      # peildatum for ages and service; else procedure.decision
/// savings_target = 0.02            # share of the old payroll (Hengelo: 2%)
///
/// [renames.posts]                  # old post key = new post key
/// "wmo-1" = "soc-1"
/// [renames.units]                  # old unit key = new unit key
/// "publiek" = "kcc"
///
/// [[mapping]]                      # overrides the computed comparison
/// old = "F-BELEID"
/// new = "F-ADV"                    # leave out: the function lapses (overlap 0)
/// overlap = 0.75                   # share of the old task weight that recurs
/// reason = "agreed with the OR on 2018-05-02"
///
/// [[uitwisselbaar]]                # old functions whose holders compete together
/// name = "klantcontact"
/// functions = ["F-BALIE", "F-TEL"]
///
/// [[interest]]                     # belangstellingsregistratie: new functions, most wanted first
/// person = "p08"
/// functions = ["F-KCC", "F-DATA"]
///
/// [[geschikt]]                     # a geschikte functie, agreed per person
/// person = "p04"
/// function = "F-KCC"
/// consent = true
/// training_months = 3
///
/// [procedure]
/// advice_requested = 2018-04-03
/// advice_given = 2018-05-15
/// decision = 2018-06-01
/// follows_advice = true
/// placement_date = 2018-07-02      # the date of every placement decision
/// abolished_functions = ["F-ARCH"] # functions formally abolished by the decision
/// abolished_posts = ["archief-3"]  # posts formally abolished by the decision
///
/// [placement_dates]                # per-person exceptions to `placement_date`
/// p11 = 2018-07-16
/// "#)?;
/// assert_eq!(input.mappings[0].overlap, 0.75);
/// assert_eq!(input.procedure.abolished_posts, ["archief-3"]);
/// assert_eq!(input.effective_reference_date(), input.reference_date);
/// # Ok::<(), harkje::problem::LoadError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TransitionInput {
    /// The reference date (peildatum) for ages and service; the decision date when left out.
    pub reference_date: Option<Date>,
    /// The savings target as a share of the old payroll (0.02 is 2%).
    pub savings_target: Option<f64>,
    /// No longer used: pseudonyms come from a key file ([`PseudonymKey`](super::PseudonymKey));
    /// the CLI refuses `--pseudonymise` while it is set, so nobody relies on it unknowingly.
    #[serde(skip)]
    pub pseudonym_salt: Option<String>,
    /// Post keys renamed from the old design to the new one.
    pub post_renames: BTreeMap<String, String>,
    /// Unit keys renamed from the old design to the new one.
    pub unit_renames: BTreeMap<String, String>,
    /// Explicit function mappings, which override the computed comparison.
    pub mappings: Vec<FunctionMapping>,
    /// Groups of uitwisselbare old functions.
    pub interchangeable: Vec<InterchangeableGroup>,
    /// Preferences per person: new function codes, most wanted first. They
    /// replace the preferences in the old design for that person.
    pub interest: BTreeMap<String, Vec<String>>,
    /// Geschikte functies agreed per person.
    pub suitability: Vec<Suitability>,
    /// Procedure dates.
    pub procedure: Procedure,
    /// Placement decision dates per person, overriding `procedure.placement_date`.
    pub placement_dates: BTreeMap<String, Date>,
    /// Where the input was written, when it was read from a file.
    #[serde(skip)]
    pub origin: Origin,
    /// Mens volgt werk: old unit key → the new unit where its work goes on
    /// (`[successors.units]`). Several old units may go on in one new unit.
    /// Units not listed get a successor derived by
    /// [`successors`](super::successors()): their renamed or same key, or the one
    /// new unit where all their posts' functions recur.
    pub unit_successors: BTreeMap<String, String>,
    /// Mens volgt werk: old post key → the new post that continues its work
    /// (`[successors.posts]`). Posts not listed get their renamed or same key,
    /// or the only post of their function's successor in their unit's successor.
    pub post_successors: BTreeMap<String, String>,
}

/// Where the values of a transition input were written, so that problems found
/// later can name their line. Empty for an input built in code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origin {
    /// Where each reference was written, by path such as `/interest/0/person`.
    places: BTreeMap<String, Position>,
    /// The index of each person's `interest` entry in the file.
    pub(crate) interest_index: BTreeMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    version: Located<Lenient<i64>>,
    #[serde(default, deserialize_with = "toml::date")]
    reference_date: Option<Date>,
    #[serde(default)]
    savings_target: Option<Located<Lenient<f64>>>,
    #[serde(default)]
    pseudonym_salt: Option<String>,
    #[serde(default)]
    renames: Renames,
    #[serde(default)]
    successors: Renames,
    #[serde(default)]
    mapping: Vec<MappingV1>,
    #[serde(default)]
    uitwisselbaar: Vec<GroupV1>,
    #[serde(default)]
    interest: Vec<InterestV1>,
    #[serde(default)]
    geschikt: Vec<GeschiktV1>,
    #[serde(default)]
    procedure: Option<ProcedureV1>,
    #[serde(default)]
    placement_dates: BTreeMap<Located<String>, DateV1>,
}

#[derive(Deserialize)]
#[serde(transparent)]
struct DateV1(#[serde(deserialize_with = "toml::date")] Option<Date>);

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Renames {
    #[serde(default)]
    posts: BTreeMap<Located<String>, Located<String>>,
    #[serde(default)]
    units: BTreeMap<Located<String>, Located<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingV1 {
    old: Located<String>,
    #[serde(default)]
    new: Option<Located<String>>,
    overlap: Located<Lenient<f64>>,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupV1 {
    name: String,
    functions: Vec<Located<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InterestV1 {
    person: Located<String>,
    functions: Vec<Located<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeschiktV1 {
    person: Located<String>,
    function: Located<String>,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    training_months: Option<Located<Lenient<i64>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureV1 {
    #[serde(default, deserialize_with = "toml::date")]
    advice_requested: Option<Date>,
    #[serde(default, deserialize_with = "toml::date")]
    advice_given: Option<Date>,
    #[serde(default, deserialize_with = "toml::date")]
    decision: Option<Date>,
    #[serde(default)]
    follows_advice: Option<bool>,
    #[serde(default, deserialize_with = "toml::date")]
    placement_date: Option<Date>,
    #[serde(default)]
    abolished_functions: Vec<Located<String>>,
    #[serde(default)]
    abolished_posts: Vec<Located<String>>,
    #[serde(default)]
    abolished_post_fte: BTreeMap<Located<String>, Located<Lenient<f64>>>,
}

/// The most FTE a partial abolition may name: more than any post holds.
const MAX_ABOLISHED_FTE: f64 = 10.0;

/// The longest training a `geschikt` entry may name, in months (ten years).
const TRAINING_MONTHS_MAX: i64 = 120;

impl TransitionInput {
    /// Reads a transition input file (TOML, version 1). Syntax errors, unknown
    /// keys and values out of range are reported with their line and key;
    /// references to people, posts and functions are checked against the designs
    /// by [`transition`](super::transition), which reports them at the same places.
    ///
    /// # Errors
    /// A [`LoadError`] with every problem, each with its line, column and key:
    /// TOML syntax, an unknown key, a value of the wrong type or out of range.
    pub fn from_toml(text: &str) -> Result<TransitionInput, LoadError> {
        TransitionInput::from_toml_bytes(text.as_bytes())
    }

    /// Reads a transition input from the bytes of a TOML file; like
    /// [`from_toml`](TransitionInput::from_toml), and bytes that are not UTF-8
    /// are a problem with their place.
    ///
    /// # Errors
    /// As [`from_toml`](TransitionInput::from_toml).
    ///
    /// # Complexity
    /// Linear in the text plus n log n in the located values: every place is
    /// found by a binary search in one index of line starts.
    pub fn from_toml_bytes(bytes: &[u8]) -> Result<TransitionInput, LoadError> {
        let doc = TomlDoc::new(bytes, "the transition input")?;
        let file: FileV1 = doc.parse()?;
        let mut problems = Vec::new();
        let mut input = TransitionInput::default();
        let place = |input: &mut TransitionInput, path: String, span: std::ops::Range<usize>| {
            input.origin.places.insert(path, doc.position(span.start));
        };
        match doc.check(&file.version, "/version") {
            Ok(v) if *v.get_ref() == 1 => {}
            Ok(v) => problems.push(doc.at(
                &v,
                "/version",
                ProblemKind::Invalid,
                format!("unsupported version {}; this harkje reads version 1", v.get_ref()),
            )),
            Err(p) => problems.push(p),
        }
        input.reference_date = file.reference_date;
        if let Some(t) = &file.savings_target {
            let t = match doc.check(t, "/savings_target") {
                Ok(t) => t,
                Err(p) => {
                    problems.push(p);
                    Located::new(t.span(), 0.0)
                }
            };
            let t = &t;
            let v = *t.get_ref();
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                problems.push(doc.at(
                    t,
                    "/savings_target",
                    ProblemKind::OutOfRange,
                    format!("`savings_target` is {v}, but it must be a share from 0 to 1, such as 0.02"),
                ));
            }
            input.savings_target = Some(v);
        }
        input.pseudonym_salt = file.pseudonym_salt;
        for (kind, map, out) in [
            ("posts", &file.renames.posts, &mut input.post_renames),
            ("units", &file.renames.units, &mut input.unit_renames),
        ] {
            let mut targets: BTreeMap<&str, &str> = BTreeMap::new();
            for (old, new) in map {
                if let Some(first) = targets.insert(new.get_ref(), old.get_ref()) {
                    problems.push(doc.at(
                        new,
                        &format!("/renames/{kind}/{}", old.get_ref()),
                        ProblemKind::Invalid,
                        format!("`{first}` and `{}` are both renamed to `{}`", old.get_ref(), new.get_ref()),
                    ));
                }
                out.insert(old.get_ref().clone(), new.get_ref().clone());
            }
        }
        for (kind, map) in [("posts", &file.renames.posts), ("units", &file.renames.units)] {
            for (old, new) in map {
                place(&mut input, format!("/renames/{kind}/{}", old.get_ref()), old.span());
                place(&mut input, format!("/renames/{kind}/{}/new", old.get_ref()), new.span());
            }
        }
        // Successors may merge: several old units (or posts) may go on in one new one.
        for (map, out) in
            [(&file.successors.posts, &mut input.post_successors), (&file.successors.units, &mut input.unit_successors)]
        {
            for (old, new) in map {
                out.insert(old.get_ref().clone(), new.get_ref().clone());
            }
        }
        for (kind, map) in [("posts", &file.successors.posts), ("units", &file.successors.units)] {
            for (old, new) in map {
                place(&mut input, format!("/successors/{kind}/{}", old.get_ref()), old.span());
                place(&mut input, format!("/successors/{kind}/{}/new", old.get_ref()), new.span());
            }
        }
        let mut mapped_old: BTreeMap<String, usize> = BTreeMap::new();
        for (i, m) in file.mapping.iter().enumerate() {
            let overlap = match doc.check(&m.overlap, &format!("/mapping/{i}/overlap")) {
                Ok(o) => *o.get_ref(),
                Err(p) => {
                    problems.push(p);
                    0.0
                }
            };
            if !(overlap.is_finite() && (0.0..=1.0).contains(&overlap)) {
                problems.push(doc.at(
                    &m.overlap,
                    &format!("/mapping/{i}/overlap"),
                    ProblemKind::OutOfRange,
                    format!("`overlap` is {overlap}, but it must be a share from 0 to 1"),
                ));
            }
            if let Some(first) = mapped_old.insert(m.old.get_ref().clone(), i) {
                problems.push(doc.at(
                    &m.old,
                    &format!("/mapping/{i}/old"),
                    ProblemKind::Invalid,
                    format!("function `{}` is mapped twice (first at /mapping/{first})", m.old.get_ref()),
                ));
            }
            if m.new.is_none() && overlap > 0.0 {
                problems.push(doc.at(
                    &m.overlap,
                    &format!("/mapping/{i}/overlap"),
                    ProblemKind::Invalid,
                    format!(
                        "function `{}` lapses (no `new`), so its `overlap` must be 0, not {overlap}",
                        m.old.get_ref()
                    ),
                ));
            }
            place(&mut input, format!("/mapping/{i}/old"), m.old.span());
            if let Some(n) = &m.new {
                place(&mut input, format!("/mapping/{i}/new"), n.span());
            }
            input.mappings.push(FunctionMapping {
                old: m.old.get_ref().clone(),
                new: m.new.as_ref().map(|n| n.get_ref().clone()),
                overlap,
                reason: m.reason.clone(),
            });
        }
        for (i, g) in file.uitwisselbaar.iter().enumerate() {
            for (j, f) in g.functions.iter().enumerate() {
                place(&mut input, format!("/uitwisselbaar/{i}/functions/{j}"), f.span());
            }
            input.interchangeable.push(InterchangeableGroup {
                name: g.name.clone(),
                functions: g.functions.iter().map(|f| f.get_ref().clone()).collect(),
            });
        }
        for (i, r) in file.interest.iter().enumerate() {
            place(&mut input, format!("/interest/{i}/person"), r.person.span());
            for (j, f) in r.functions.iter().enumerate() {
                place(&mut input, format!("/interest/{i}/functions/{j}"), f.span());
            }
            if input.interest.contains_key(r.person.get_ref()) {
                problems.push(doc.at(
                    &r.person,
                    &format!("/interest/{i}/person"),
                    ProblemKind::Invalid,
                    format!("`{}` has two `interest` entries; give one list per person", r.person.get_ref()),
                ));
            }
            input.origin.interest_index.entry(r.person.get_ref().clone()).or_insert(i);
            input
                .interest
                .insert(r.person.get_ref().clone(), r.functions.iter().map(|f| f.get_ref().clone()).collect());
        }
        for (i, g) in file.geschikt.iter().enumerate() {
            place(&mut input, format!("/geschikt/{i}/person"), g.person.span());
            place(&mut input, format!("/geschikt/{i}/function"), g.function.span());
            input.suitability.push(Suitability {
                person: g.person.get_ref().clone(),
                function: g.function.get_ref().clone(),
                consent: g.consent,
                training_months: g.training_months.as_ref().and_then(|t| {
                    let path = format!("/geschikt/{i}/training_months");
                    let t = doc.check(t, &path).map_err(|p| problems.push(p)).ok()?;
                    let t = &t;
                    let range = 0..=TRAINING_MONTHS_MAX;
                    let n = *t.get_ref();
                    if range.contains(&n) {
                        u32::try_from(n).ok()
                    } else {
                        problems.push(doc.at(
                            t,
                            &path,
                            ProblemKind::OutOfRange,
                            format!("`training_months` is {n}, but it must be a whole number from 0 to {TRAINING_MONTHS_MAX} months"),
                        ));
                        None
                    }
                }),
            });
        }
        if let Some(p) = &file.procedure {
            for (j, f) in p.abolished_functions.iter().enumerate() {
                place(&mut input, format!("/procedure/abolished_functions/{j}"), f.span());
            }
            for (j, f) in p.abolished_posts.iter().enumerate() {
                place(&mut input, format!("/procedure/abolished_posts/{j}"), f.span());
            }
            let mut shrunk = BTreeMap::new();
            for (post, fte) in &p.abolished_post_fte {
                let path = format!("/procedure/abolished_post_fte/{}", post.get_ref());
                place(&mut input, path.clone(), post.span());
                let v = match doc.check(fte, &path) {
                    Ok(v) => *v.get_ref(),
                    Err(e) => {
                        problems.push(e);
                        continue;
                    }
                };
                if !(v.is_finite() && v > 0.0 && v <= MAX_ABOLISHED_FTE) {
                    problems.push(doc.at(
                        fte,
                        &path,
                        ProblemKind::OutOfRange,
                        format!(
                            "the abolished FTE of `{}` is {v}, but it must be more than 0 and at most {MAX_ABOLISHED_FTE}",
                            post.get_ref()
                        ),
                    ));
                }
                shrunk.insert(post.get_ref().clone(), v);
            }
            input.procedure = Procedure {
                advice_requested: p.advice_requested,
                advice_given: p.advice_given,
                decision: p.decision,
                follows_advice: p.follows_advice,
                placement_date: p.placement_date,
                abolished_functions: p.abolished_functions.iter().map(|f| f.get_ref().clone()).collect(),
                abolished_posts: p.abolished_posts.iter().map(|f| f.get_ref().clone()).collect(),
                abolished_post_fte: shrunk,
            };
        }
        for (person, date) in &file.placement_dates {
            place(&mut input, format!("/placement_dates/{}", person.get_ref()), person.span());
            match date.0 {
                Some(d) => {
                    input.placement_dates.insert(person.get_ref().clone(), d);
                }
                None => problems.push(doc.at(
                    person,
                    &format!("/placement_dates/{}", person.get_ref()),
                    ProblemKind::Missing,
                    format!("the placement date of `{}` is missing", person.get_ref()),
                )),
            }
        }
        if problems.is_empty() { Ok(input) } else { Err(doc.error(problems)) }
    }

    /// A problem at a path of the input file, with its place when the input was read from a file.
    pub(crate) fn problem_at(&self, path: String, message: String) -> Problem {
        let pos = self.origin.places.get(&path).copied().unwrap_or_default();
        Problem {
            file: Some(Side::Input.label().to_owned()),
            path,
            line: pos.line,
            column: pos.column,
            message,
            ..Problem::default()
        }
    }

    /// The reference date: the one given, else the decision date.
    pub fn effective_reference_date(&self) -> Option<Date> {
        self.reference_date.or(self.procedure.decision)
    }
}
