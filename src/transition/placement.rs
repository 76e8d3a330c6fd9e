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

use std::collections::BTreeMap;

use super::fx::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::Side;
use super::compare::{FunctionStatus, Indexed};
use super::diff::KeyMapping;
use super::input::TransitionInput;
use super::statute::{Regime, SelectionRule, Statute};
use crate::model::{ContractKind, Design, PostId, UnitId};
use crate::model::{NaturalKey, natural_cmp};
use crate::number::{num, percent};
use crate::problem::Problem;

const FIT: f64 = 1e-9;

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

/// One reason behind an outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Reason {
    /// The step that gave it.
    pub step: Step,
    /// The rule applied, such as `threshold 30%`, `afspiegeling` or `max scale drop 1`.
    pub rule: String,
    /// The explanation.
    pub text: String,
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
    /// The FTE the person holds in the old design.
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
    /// FTE placed per new post.
    pub filled: HashMap<PostId, f64>,
    /// Warnings found on the way (such as too many preferences).
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

struct Employee<'a> {
    key: &'a str,
    /// The key's natural sort key, computed once.
    nkey: NaturalKey<'a>,
    person: &'a crate::Person,
    fte: f64,
    old_post: &'a crate::Post,
    old_unit: Option<String>,
    /// The unit of the new design with the old unit's (renamed) key.
    new_unit: Option<UnitId>,
    /// The old post's (renamed) key in the new design.
    own_key: &'a str,
    /// The old function's index in the comparison.
    old_function: Option<usize>,
    scale: Option<u8>,
    prefs: Vec<usize>,
    age_months: Option<i64>,
}

/// Whole months from `a` to `b` (negative when `b` is earlier).
pub(crate) fn months_between(a: Date, b: Date) -> i64 {
    let mut m = (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b.day() < a.day() {
        m -= 1;
    }
    m
}

/// The age band label of an age in months.
pub(crate) fn age_band(months: i64, aow: i64) -> &'static str {
    let y = months / 12;
    if months >= aow {
        "AOW"
    } else if y < 25 {
        "15–25"
    } else if y < 35 {
        "25–35"
    } else if y < 45 {
        "35–45"
    } else if y < 55 {
        "45–55"
    } else {
        "55+"
    }
}

fn band_index(months: i64) -> usize {
    match months / 12 {
        ..25 => 0,
        25..35 => 1,
        35..45 => 2,
        45..55 => 3,
        _ => 4,
    }
}

/// Free FTE per new post, with per-function post lists for first-fit search.
struct Capacity<'a> {
    posts: Vec<&'a crate::Post>,
    room: Vec<f64>,
    /// Per new function index: post indices in key order.
    by_function: Vec<Vec<usize>>,
    /// Per new function index: the first post in `by_function` that may have room.
    cursor: Vec<usize>,
    /// Per (new function, unit): post indices in key order.
    by_unit: HashMap<(usize, UnitId), Vec<usize>>,
    /// Post key → post index.
    by_key: HashMap<&'a str, usize>,
    /// Per post: its new function index.
    post_function: Vec<usize>,
    /// Per new function: the free FTE in all its posts.
    free: Vec<f64>,
    /// Per new function: the lowest and highest scale of its posts, when all are known.
    scales: Vec<Option<(u8, u8)>>,
}

impl<'a> Capacity<'a> {
    fn new(new: &'a Design, ix: &Indexed) -> Self {
        let posts: Vec<&crate::Post> = new.posts().filter(|p| p.function.is_some()).collect();
        let room = posts.iter().map(|p| p.fte).collect();
        let n = ix.comparison.new.len();
        let mut by_function = vec![Vec::new(); n];
        let mut by_unit: HashMap<(usize, UnitId), Vec<usize>> = HashMap::default();
        let by_key: HashMap<&str, usize> = posts.iter().enumerate().map(|(i, p)| (p.key.as_str(), i)).collect();
        let mut post_function = vec![usize::MAX; posts.len()];
        let mut free = vec![0.0; n];
        let mut scales: Vec<Option<(u8, u8)>> = vec![None; n];
        let mut unknown = vec![false; n];
        for (i, p) in posts.iter().enumerate() {
            let Some(f) = p.function.and_then(|f| new.function(f)) else { continue };
            let Some(&j) = ix.new_index.get(&f.key) else { continue };
            by_function[j].push(i);
            post_function[i] = j;
            free[j] += p.fte;
            match p.scale.or(ix.comparison.new[j].scale) {
                Some(sc) => scales[j] = Some(scales[j].map_or((sc, sc), |(lo, hi)| (lo.min(sc), hi.max(sc)))),
                None => unknown[j] = true,
            }
            if let Some(u) = p.unit.and_then(|u| new.unit(u)) {
                by_unit.entry((j, u.id)).or_default().push(i);
            }
        }
        for j in 0..n {
            if unknown[j] {
                scales[j] = None;
            }
        }
        // Posts are searched in natural key order.
        let nkeys: Vec<NaturalKey<'_>> = posts.iter().map(|p| NaturalKey::new(&p.key)).collect();
        for list in by_function.iter_mut().chain(by_unit.values_mut()) {
            list.sort_by(|&a, &b| nkeys[a].cmp(&nkeys[b]));
        }
        let cursor = vec![0; n];
        Capacity { posts, room, by_function, cursor, by_unit, by_key, post_function, free, scales }
    }

    /// Fills `fte` of post `i`.
    fn take(&mut self, i: usize, fte: f64) {
        self.room[i] -= fte;
        if let Some(f) = self.free.get_mut(self.post_function[i]) {
            *f -= fte;
        }
    }

    fn total(&self, j: usize) -> f64 {
        self.by_function[j].iter().map(|&i| self.room[i]).sum()
    }

    /// The first post of function `j` with room for `need` FTE whose scale passes `ok`:
    /// the post with key `own` first, then posts in unit `unit`, then any.
    fn find(
        &mut self,
        j: usize,
        need: f64,
        own: Option<&str>,
        unit: Option<UnitId>,
        ok: &dyn Fn(&crate::Post) -> bool,
    ) -> Option<usize> {
        let fits = |i: usize, room: &[f64]| room[i] + FIT >= need;
        if self.free[j] + FIT < need {
            return None;
        }
        if let Some(own) = own
            && let Some(&i) = self.by_key.get(own)
            && self.post_function[i] == j
            && fits(i, &self.room)
            && ok(self.posts[i])
        {
            return Some(i);
        }
        if let Some(u) = unit
            && let Some(list) = self.by_unit.get(&(j, u))
            && let Some(&i) = list.iter().find(|&&i| fits(i, &self.room) && ok(self.posts[i]))
        {
            return Some(i);
        }
        let list = &self.by_function[j];
        while self.cursor[j] < list.len() && self.room[list[self.cursor[j]]] <= FIT {
            self.cursor[j] += 1;
        }
        list[self.cursor[j]..].iter().copied().find(|&i| fits(i, &self.room) && ok(self.posts[i]))
    }
}

/// Checks every reference of the transition input against the designs.
pub(crate) fn validate_input(old: &Design, new: &Design, input: &TransitionInput) -> Vec<Problem> {
    let mut problems = Vec::new();
    let keys = input.key_mapping();
    let keys = &keys;
    for (i, (person, functions)) in input.interest.iter().enumerate() {
        let idx = input.origin.interest_index.get(person).copied().unwrap_or(i);
        if old.person_by_key(person).is_none() {
            problems.push(input.problem_at(
                format!("/interest/{idx}/person"),
                format!("`{person}` states interest but is not a person in the old design"),
            ));
        }
        for (j, f) in functions.iter().enumerate() {
            if new.function_by_key(f).is_none() {
                problems.push(input.problem_at(
                    format!("/interest/{idx}/functions/{j}"),
                    format!("`{person}` prefers function `{f}`, which is not in the new design"),
                ));
            }
        }
    }
    for (i, g) in input.suitability.iter().enumerate() {
        if old.person_by_key(&g.person).is_none() {
            problems.push(input.problem_at(
                format!("/geschikt/{i}/person"),
                format!("`{}` is not a person in the old design", g.person),
            ));
        }
        if new.function_by_key(&g.function).is_none() {
            problems.push(input.problem_at(
                format!("/geschikt/{i}/function"),
                format!("function `{}` is not in the new design", g.function),
            ));
        }
    }
    for p in input.placement_dates.keys() {
        if old.person_by_key(p).is_none() {
            problems.push(input.problem_at(
                format!("/placement_dates/{p}"),
                format!("`{p}` has a placement date but is not a person in the old design"),
            ));
        }
    }
    for (j, f) in input.procedure.abolished_functions.iter().enumerate() {
        if old.function_by_key(f).is_none() {
            problems.push(input.problem_at(
                format!("/procedure/abolished_functions/{j}"),
                format!("abolished function `{f}` is not in the old design"),
            ));
        }
    }
    for (j, p) in input.procedure.abolished_posts.iter().enumerate() {
        if old.post_by_key(p).is_none() {
            problems.push(input.problem_at(
                format!("/procedure/abolished_posts/{j}"),
                format!("abolished post `{p}` is not in the old design"),
            ));
        }
    }
    for (kind, map, has_old, has_new) in [
        (
            "posts",
            &keys.posts,
            &(|k: &str| old.post_by_key(k).is_some()) as &dyn Fn(&str) -> bool,
            &(|k: &str| new.post_by_key(k).is_some()) as &dyn Fn(&str) -> bool,
        ),
        (
            "units",
            &keys.units,
            &(|k: &str| old.unit_by_key(k).is_some()) as &dyn Fn(&str) -> bool,
            &(|k: &str| new.unit_by_key(k).is_some()) as &dyn Fn(&str) -> bool,
        ),
    ] {
        for (o, n) in map {
            if !has_old(o) {
                problems.push(input.problem_at(
                    format!("/renames/{kind}/{o}"),
                    format!("`{o}` is renamed, but it is not in the old design's {kind}"),
                ));
            }
            if !has_new(n) {
                problems.push(input.problem_at(
                    format!("/renames/{kind}/{o}/new"),
                    format!("`{o}` is renamed to `{n}`, which is not in the new design's {kind}"),
                ));
            }
        }
    }

    problems
}

/// Places every employee. Returns problems when the input cannot give a right answer.
pub(crate) fn place(
    old: &Design,
    new: &Design,
    statute: &Statute,
    input: &TransitionInput,
    keys: &KeyMapping,
    ix: &Indexed,
) -> Result<Placed, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut diagnostics = Vec::new();
    let reference = input.effective_reference_date();
    let aow = i64::from(statute.aow_age_in_months());
    let cmp = &ix.comparison;

    // The employees, with their main appointment.
    // A hash map: looking 100,000 posts up in the design's ordered map costs more than building it.
    let old_posts: HashMap<PostId, &crate::Post> = old.posts().map(|p| (p.id, p)).collect();
    let mut appointments: HashMap<crate::PersonId, Vec<&crate::Appointment>> = HashMap::default();
    for a in old.appointments() {
        if !a.acting {
            appointments.entry(a.person).or_default().push(a);
        }
    }
    // People in key order, the order of the report, so that the placements are built
    // by walking the arrays once; every other ordering breaks its ties on the key.
    let mut people: Vec<(NaturalKey<'_>, &crate::Person)> =
        old.people().map(|p| (NaturalKey::new(&p.key), p)).collect();
    people.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let people: Vec<&crate::Person> = people.into_iter().map(|(_, p)| p).collect();
    let mut unit_in_new: HashMap<UnitId, Option<UnitId>> = HashMap::default();
    let mut employees: Vec<Employee> = Vec::with_capacity(people.len());
    let mut externals: Vec<Placement> = Vec::new();
    for person in people {
        let Some(list) = appointments.get(&person.id) else {
            problems.push(Side::Old.problem(
                format!("people/{}", person.key),
                format!(
                    "employee `{}` holds no post in the old design, so there is nothing to place them from",
                    person.key
                ),
            ));
            continue;
        };
        let Some(main) = list
            .iter()
            .filter_map(|a| old_posts.get(&a.post).map(|p| (a, *p)))
            .max_by(|(a, p), (b, q)| a.fte.total_cmp(&b.fte).then_with(|| natural_cmp(&q.key, &p.key)))
        else {
            continue;
        };
        let post = main.1;
        let fte_held: f64 = list.iter().map(|a| a.fte).sum();
        let old_fn = post.function.and_then(|f| old.function(f));
        let old_unit_ref = post.unit.and_then(|u| old.unit(u));
        let old_unit = old_unit_ref.map(|u| u.key.clone());
        let new_unit = old_unit_ref
            .and_then(|u| *unit_in_new.entry(u.id).or_insert_with(|| new.unit_by_key(keys.unit(&u.key)).map(|n| n.id)));
        let age_months = match (reference, person.birth_date) {
            (Some(r), Some(b)) => Some(months_between(b, r)),
            _ => None,
        };
        if person.contract == Some(ContractKind::External) {
            externals.push(Placement {
                person: person.key.clone(),
                name: person.name.clone(),
                birth_date: person.birth_date,
                age_band: age_months.map(|m| age_band(m, aow).to_owned()),
                service_start: person.service_start,
                contract: person.contract,
                fte: fte_held,
                old_post: post.key.clone(),
                old_unit,
                old_function: old_fn.map(|f| f.key.clone()),
                old_scale: person.scale.or(post.scale),
                function_status: None,
                overlap: None,
                outcome: Outcome::Extern,
                new_post: None,
                new_unit: None,
                new_function: None,
                new_scale: None,
                scale_change: None,
                salary_guarantee: false,
                vwnw: None,
                placement_date: None,
                preferences: vec![],
                reasons: vec![Reason {
                    step: Step::Extern,
                    rule: "contract external".into(),
                    text: "hired in (inhuur): not an employee, so the statute does not place them".into(),
                }],
            });
            continue;
        }
        let Some(old_fn) = old_fn else {
            problems.push(Side::Old.problem(format!("posts/{}", post.key),
                format!(
                    "post `{}`, held by `{}`, has no function, so the function comparison cannot say what happens to it",
                    post.key, person.key
                ),
            ));
            continue;
        };
        let scale = person.scale.or(post.scale).or(old_fn.scale_max).or(old_fn.scale_min);
        // Preferences: the transition input wins over the old design.
        let mut prefs: Vec<usize> = Vec::new();
        let stated: Vec<String> = match input.interest.get(&person.key) {
            Some(list) => list.clone(),
            None => {
                let mut out = Vec::new();
                for (i, f) in person.preferences.iter().enumerate() {
                    let k = old.function(*f).map(|f| f.key.clone()).unwrap_or_default();
                    if !ix.new_index.contains_key(&k) {
                        problems.push(Side::Old.problem(
                            format!("people/{}/preferences/{i}", person.key),
                            format!("`{}` prefers function `{k}`, which is not in the new design", person.key),
                        ));
                    }
                    out.push(k);
                }
                out
            }
        };
        if stated.len() > statute.max_preferences {
            diagnostics.push(
                crate::diagnostic::Diagnostic::new(
                    super::procedure::codes::TOO_MANY_PREFERENCES.code,
                    super::procedure::codes::TOO_MANY_PREFERENCES.name,
                    crate::diagnostic::Severity::Warning,
                    format!("people/{}", person.key),
                    format!(
                        "`{}` states {} preferences, but the statute allows {}; only the first {} are used",
                        person.key,
                        stated.len(),
                        statute.max_preferences,
                        statute.max_preferences
                    ),
                )
                .data("person", person.key.clone())
                .data("actual", stated.len())
                .data("limit", statute.max_preferences),
            );
        }
        for k in stated.iter().take(statute.max_preferences) {
            if let Some(&j) = ix.new_index.get(k)
                && !prefs.contains(&j)
            {
                prefs.push(j);
            }
        }
        employees.push(Employee {
            key: &person.key,
            nkey: NaturalKey::new(&person.key),
            person,
            fte: fte_held,
            old_post: post,
            old_unit,
            new_unit,
            own_key: keys.post(&post.key),
            old_function: ix.old_index.get(&old_fn.key).copied(),
            scale,
            prefs,
            age_months,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let threshold_rule = format!("threshold {}", percent(statute.threshold));
    let mut cap = Capacity::new(new, ix);
    let n = employees.len();
    let mut outcome: Vec<Option<(Outcome, usize)>> = vec![None; n];
    let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); n];
    let mut filled: HashMap<PostId, f64> = HashMap::default();

    // Step 0: the comparison, as the first reason of everyone (one text per old function).
    let comparison_text: Vec<String> = cmp
        .old
        .iter()
        .map(|row| match &row.successor {
            Some(succ) => format!(
                "function `{}` is {}: {} of its task weight recurs in `{succ}` ({}; change {} against {})",
                row.function,
                row.status.as_str(),
                percent(row.overlap),
                match row.basis {
                    super::compare::Basis::Computed => "computed from the tasks",
                    super::compare::Basis::Mapping => "given in the mapping",
                },
                percent(row.change),
                percent(statute.threshold)
            ),
            None => format!("function `{}` is vervallen: no new function has any of its tasks", row.function),
        })
        .collect();
    for (e, emp) in employees.iter().enumerate() {
        if let Some(f) = emp.old_function {
            reasons[e].push(Reason {
                step: Step::Comparison,
                rule: threshold_rule.clone(),
                text: comparison_text[f].clone(),
            });
        }
    }

    // Step 1 and 2: pools of followers.
    let new_len = cmp.new.len();
    let mut parent: Vec<usize> = (0..new_len).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let successor_of = |f: usize| -> Option<usize> {
        let row = &cmp.old[f];
        if row.status != FunctionStatus::Ongewijzigd {
            return None;
        }
        row.successor.as_ref().and_then(|k| ix.new_index.get(k).copied())
    };
    let mut group_root: HashMap<usize, usize> = HashMap::default();
    for (f, g) in ix.group_of.iter().enumerate() {
        if let (Some(g), Some(s)) = (g, successor_of(f)) {
            match group_root.get(g) {
                Some(&r) => {
                    let (a, b) = (find(&mut parent, r), find(&mut parent, s));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    group_root.insert(*g, s);
                }
            }
        }
    }
    let mut pools: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for j in 0..new_len {
        let r = find(&mut parent, j);
        pools.entry(r).or_default().0.push(j);
    }
    for (e, emp) in employees.iter().enumerate() {
        if let Some(s) = emp.old_function.and_then(successor_of) {
            let r = find(&mut parent, s);
            pools.entry(r).or_default().1.push(e);
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    let mut missing: Vec<Problem> = Vec::new();
    for (functions, followers) in pools.values() {
        if followers.is_empty() {
            continue;
        }
        let capacity: f64 = functions.iter().map(|&j| cap.total(j)).sum();
        let demand: f64 = followers.iter().map(|&e| employees[e].fte).sum();
        let names: Vec<&str> = functions.iter().map(|&j| cmp.new[j].function.as_str()).collect();
        let pool_name = names.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let mut stay: Vec<usize> = followers.clone();
        if capacity <= FIT {
            // The function returns without posts: nobody can follow, and there is nothing to select.
            for &e in followers {
                reasons[e].push(Reason {
                    step: Step::Follow,
                    rule: "mens volgt werk".into(),
                    text: format!(
                        "{pool_name} has no posts with free FTE in the new design, so the function cannot be followed"
                    ),
                });
                candidates.push(e);
            }
            continue;
        }
        if demand > capacity + FIT {
            // Selection is needed: check the data it uses.
            if reference.is_none() {
                missing.push(input.problem_at(
                    "/reference_date".into(),
                    format!(
                        "selection among the followers of {pool_name} needs a reference date; set `reference_date` or `procedure.decision`"
                    ),
                ));
                continue;
            }
            let mut ok = true;
            for &e in followers {
                let p = employees[e].person;
                if p.service_start.is_none() {
                    ok = false;
                    missing.push(Side::Old.problem(
                        format!("people/{}/service_start", p.key),
                        format!("selection among the followers of {pool_name} needs the service start of `{}`", p.key),
                    ));
                }
                if statute.selection == SelectionRule::Afspiegeling && p.birth_date.is_none() {
                    ok = false;
                    missing.push(Side::Old.problem(
                        format!("people/{}/birth_date", p.key),
                        format!("afspiegeling among the followers of {pool_name} needs the birth date of `{}`", p.key),
                    ));
                }
            }
            if !ok {
                continue;
            }
            let order = leave_order(&employees, followers, statute, aow);
            let mut remaining = demand;
            let mut leaving: HashMap<usize, String> = HashMap::default();
            for (e, why) in order {
                if remaining <= capacity + FIT {
                    break;
                }
                remaining -= employees[e].fte;
                leaving.insert(e, why);
            }
            let head =
                format!("{} followers ({} FTE) for {} FTE in {pool_name}", followers.len(), num(demand), num(capacity));
            stay.retain(|e| !leaving.contains_key(e));
            let stays = format!("{head}: stays ({} leave)", followers.len() - stay.len());
            for &e in followers {
                let rule = statute.selection.as_str().to_owned();
                match leaving.remove(&e) {
                    Some(why) => {
                        reasons[e].push(Reason { step: Step::Selection, rule, text: format!("{head}: leaves, {why}") });
                        candidates.push(e);
                    }
                    None => reasons[e].push(Reason { step: Step::Selection, rule, text: stays.clone() }),
                }
            }
        }
        // Place the stayers: own post first, then own unit, then any post of the pool.
        let mut order = stay.clone();
        order.sort_by(|&a, &b| employees[a].nkey.cmp(&employees[b].nkey));
        for e in order {
            let emp = &employees[e];
            let own_succ = emp.old_function.and_then(successor_of);
            let own_key = emp.own_key;
            let mut tries: Vec<usize> = own_succ.into_iter().collect();
            tries.extend(functions.iter().copied().filter(|&j| Some(j) != own_succ));
            let mut got = None;
            for &j in &tries {
                if let Some(i) = cap.find(j, emp.fte, Some(own_key), emp.new_unit, &|_| true) {
                    got = Some((j, i));
                    break;
                }
            }
            match got {
                Some((j, i)) => {
                    cap.take(i, emp.fte);
                    *filled.entry(cap.posts[i].id).or_insert(0.0) += emp.fte;
                    outcome[e] = Some((Outcome::Functievolger, i));
                    let how = if cap.posts[i].key == own_key {
                        "their own post".to_owned()
                    } else if Some(j) != own_succ {
                        format!("a post of uitwisselbare function `{}`", cmp.new[j].function)
                    } else {
                        "a post of the successor function".to_owned()
                    };
                    reasons[e].push(Reason {
                        step: Step::Follow,
                        rule: "mens volgt werk".into(),
                        text: format!("follows the function into {how}, `{}`", cap.posts[i].key),
                    });
                }
                None => {
                    reasons[e].push(Reason {
                        step: Step::Follow,
                        rule: "mens volgt werk".into(),
                        text: format!(
                            "no post of {pool_name} has {} FTE free, so the function cannot be followed",
                            num(emp.fte)
                        ),
                    });
                    candidates.push(e);
                }
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    for (e, emp) in employees.iter().enumerate() {
        let follows = emp.old_function.and_then(successor_of).is_some();
        if !follows {
            candidates.push(e);
        }
    }

    // Step 3: herplaatsing, longest service first.
    candidates.sort_by(|&a, &b| {
        let (pa, pb) = (employees[a].person, employees[b].person);
        cmp_opt_date(pa.service_start, pb.service_start)
            .then(cmp_opt_date(pa.birth_date, pb.birth_date))
            .then_with(|| employees[a].nkey.cmp(&employees[b].nkey))
    });
    candidates.dedup();
    let is_nieuw: Vec<bool> = cmp.new.iter().map(|f| f.status == FunctionStatus::Nieuw).collect();
    let priority = "herplaatsingskandidaten choose in the order longest service first, then the older, then by key";
    let mut unplaced: Vec<usize> = Vec::new();
    const EXPLAINED: usize = 5;
    let mut refused_before: HashMap<(Option<usize>, u8, u8, u64), usize> = HashMap::default();
    for &e in &candidates {
        let emp = &employees[e];
        let Some(own) = emp.scale else {
            reasons[e].push(Reason {
                step: Step::Passend,
                rule: format!("max scale drop {}", statute.max_scale_drop),
                text: "the employee's scale is unknown, so no function can be judged passend".into(),
            });
            unplaced.push(e);
            continue;
        };
        let lo = own.saturating_sub(statute.max_scale_drop);
        let related: &[(usize, f64)] = emp.old_function.and_then(|f| ix.related.get(f)).map_or(&[], Vec::as_slice);
        let options = emp.prefs.iter().map(|&j| (j, "a stated preference")).chain(
            related.iter().filter(|r| !emp.prefs.contains(&r.0)).map(|r| (r.0, "shares tasks with the old function")),
        );
        let mut got = None;
        let mut refused: Vec<String> = Vec::new();
        let mut more = 0usize;
        // Only the first few refusals are explained; formatting thousands would cost more than placing.
        let mut refuse = |text: &dyn Fn() -> String| {
            if refused.len() < EXPLAINED {
                refused.push(text());
            } else {
                more += 1;
            }
        };
        // Free FTE only shrinks during herplaatsing, so an option refused to an earlier
        // candidate with the same old function, scale window and FTE is refused again:
        // past the five explained refusals, such options are counted, not re-examined.
        let cursor_key = (emp.old_function, lo, own, emp.fte.to_bits());
        let use_cursor = emp.prefs.is_empty() && emp.old_function.is_some();
        let start = if use_cursor { refused_before.get(&cursor_key).copied().unwrap_or(0) } else { 0 };
        let mut options = options;
        let mut pos = 0usize;
        let mut skipped = 0usize;
        loop {
            if pos == EXPLAINED && start > EXPLAINED {
                skipped = start - EXPLAINED;
                options.nth(skipped - 1);
                pos = start;
            }
            let Some((j, why)) = options.next() else { break };
            pos += 1;
            let f = &cmp.new[j];
            // Dense checks first: a candidate may look at thousands of related functions.
            if is_nieuw[j] {
                refuse(&|| format!("`{}` is nieuw (filled by selection on quality)", f.function));
                continue;
            }
            if cap.free[j] + FIT < emp.fte && !cap.by_function[j].is_empty() {
                refuse(&|| format!("`{}` has no post with {} FTE free", f.function, num(emp.fte)));
                continue;
            }
            if cap.by_function[j].is_empty() {
                refuse(&|| format!("`{}` has no posts", f.function));
                continue;
            }
            if let Some((a, b)) = cap.scales[j]
                && (b < lo || a > own)
            {
                refuse(&|| {
                    let shown = if a == b { a.to_string() } else { format!("{a} to {b}") };
                    format!("`{}` is at scale {shown}, outside {lo} to {own}", f.function)
                });
                continue;
            }
            let scale_of = |p: &crate::Post| p.scale.or(f.scale);
            let ok = |p: &crate::Post| scale_of(p).is_some_and(|s| s >= lo && s <= own);
            if let Some(i) = cap.find(j, emp.fte, None, emp.new_unit, &ok) {
                got = Some((j, i, why));
                break;
            }
            refuse(&|| format!("`{}` has no post at scale {lo} to {own} with {} FTE free", f.function, num(emp.fte)));
        }
        if use_cursor {
            // On success `pos` counts the placing option too: the next candidate starts there.
            refused_before.insert(cursor_key, if got.is_some() { pos - 1 } else { pos });
        }
        more += skipped;
        if more > 0 {
            refused.push(format!("and {more} more related functions without a passende post"));
        }
        match got {
            Some((j, i, why)) => {
                cap.take(i, emp.fte);
                *filled.entry(cap.posts[i].id).or_insert(0.0) += emp.fte;
                outcome[e] = Some((Outcome::Passend, i));
                let overlap = related.iter().find(|r| r.0 == j).map(|r| r.1).unwrap_or(0.0);
                reasons[e].push(Reason {
                    step: Step::Passend,
                    rule: format!("max scale drop {}", statute.max_scale_drop),
                    text: format!(
                        "herplaatsingskandidaat; placed in passende functie `{}` (post `{}`, scale {}): {why}, {} of the old task weight recurs; {priority}",
                        cmp.new[j].function,
                        cap.posts[i].key,
                        cap.posts[i].scale.or(cmp.new[j].scale).map_or("?".into(), |s| s.to_string()),
                        percent(overlap)
                    ),
                });
            }
            None => {
                reasons[e].push(Reason {
                    step: Step::Passend,
                    rule: format!("max scale drop {}", statute.max_scale_drop),
                    text: if refused.is_empty() {
                        "herplaatsingskandidaat; no passende functie: no new function shares a task with the old one, and no preference was stated".to_owned()
                    } else {
                        format!("herplaatsingskandidaat; no passende functie: {}", refused.join("; "))
                    },
                });
                unplaced.push(e);
            }
        }
    }
    let mut redundant: Vec<usize> = Vec::new();
    for &e in &unplaced {
        let emp = &employees[e];
        let rule = if statute.geschikt_requires_consent {
            format!("consent needed; training at most {} months", statute.training_months)
        } else {
            format!("consent or training at most {} months", statute.training_months)
        };
        let mut options: Vec<&super::input::Suitability> =
            input.suitability.iter().filter(|s| s.person == emp.key).collect();
        // Stated preferences first, then the order of the input.
        options.sort_by_key(|s| {
            ix.new_index.get(&s.function).and_then(|j| emp.prefs.iter().position(|p| p == j)).unwrap_or(usize::MAX)
        });
        let mut got = None;
        let mut refused: Vec<String> = Vec::new();
        for s in &options {
            let training_ok = s.training_months.is_none_or(|m| m <= statute.training_months);
            let eligible = if statute.geschikt_requires_consent {
                s.consent && training_ok
            } else {
                s.consent || s.training_months.is_some_and(|m| m <= statute.training_months)
            };
            if !eligible {
                refused.push(format!(
                    "`{}` (consent {}, training {})",
                    s.function,
                    s.consent,
                    s.training_months.map_or("none".into(), |m| format!("{m} months"))
                ));
                continue;
            }
            let Some(&j) = ix.new_index.get(&s.function) else { continue };
            if let Some(i) = cap.find(j, emp.fte, None, emp.new_unit, &|_| true) {
                got = Some((j, i, s));
                break;
            }
            refused.push(format!("`{}` (no post with {} FTE free)", s.function, num(emp.fte)));
        }
        match got {
            Some((j, i, s)) => {
                cap.take(i, emp.fte);
                *filled.entry(cap.posts[i].id).or_insert(0.0) += emp.fte;
                outcome[e] = Some((Outcome::Geschikt, i));
                reasons[e].push(Reason {
                    step: Step::Geschikt,
                    rule,
                    text: format!(
                        "placed in geschikte functie `{}` (post `{}`): consent {}, training {}",
                        cmp.new[j].function,
                        cap.posts[i].key,
                        if s.consent { "given" } else { "not given" },
                        s.training_months.map_or("none".into(), |m| format!("{m} months"))
                    ),
                });
            }
            None => {
                let text = if options.is_empty() {
                    "no geschikte functie agreed in the input".to_owned()
                } else {
                    format!("no geschikte functie available: {}", refused.join(", "))
                };
                reasons[e].push(Reason { step: Step::Geschikt, rule, text });
                redundant.push(e);
            }
        }
    }
    for &e in &redundant {
        outcome[e] = None;
    }

    // Assemble.
    // Sort indices rather than the (large) placements themselves: employees are
    // `0..n`, externals follow; every placement is built once, in person order.
    let mut order: Vec<(NaturalKey<'_>, usize)> = employees
        .iter()
        .map(|emp| emp.key)
        .chain(externals.iter().map(|p| p.person.as_str()))
        .enumerate()
        .map(|(i, k)| (NaturalKey::new(k), i))
        .collect();
    order.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    let mut externals: Vec<Option<Placement>> = externals.into_iter().map(Some).collect();
    let mut placements: Vec<Placement> = Vec::with_capacity(order.len());
    for i in order {
        if i >= n {
            if let Some(pl) = externals.get_mut(i - n).and_then(Option::take) {
                placements.push(pl);
            }
            continue;
        }
        let (e, emp) = (i, &employees[i]);
        let p = emp.person;
        let row = emp.old_function.map(|f| &cmp.old[f]);
        let mut pl = Placement {
            person: p.key.clone(),
            name: p.name.clone(),
            birth_date: p.birth_date,
            age_band: emp.age_months.map(|m| age_band(m, aow).to_owned()),
            service_start: p.service_start,
            contract: p.contract,
            fte: emp.fte,
            old_post: emp.old_post.key.clone(),
            old_unit: emp.old_unit.clone(),
            old_function: row.map(|r| r.function.clone()),
            old_scale: emp.scale,
            function_status: row.map(|r| r.status),
            overlap: row.map(|r| r.overlap),
            outcome: Outcome::Boventallig,
            new_post: None,
            new_unit: None,
            new_function: None,
            new_scale: None,
            scale_change: None,
            salary_guarantee: false,
            vwnw: None,
            placement_date: input.placement_dates.get(&p.key).copied().or(input.procedure.placement_date),
            preferences: emp.prefs.iter().map(|&j| cmp.new[j].function.clone()).collect(),
            reasons: std::mem::take(&mut reasons[e]),
        };
        match outcome[e] {
            Some((o, i)) => {
                let post = cap.posts[i];
                let f = post.function.and_then(|f| new.function(f));
                pl.outcome = o;
                pl.new_post = Some(post.key.clone());
                pl.new_unit = post.unit.and_then(|u| new.unit(u)).map(|u| u.key.clone());
                pl.new_function = f.map(|f| f.key.clone());
                pl.new_scale = post.scale.or(f.and_then(|f| f.scale_max.or(f.scale_min)));
                if let (Some(a), Some(b)) = (pl.old_scale, pl.new_scale) {
                    pl.scale_change = Some(i16::from(b) - i16::from(a));
                    pl.salary_guarantee = b < a;
                }
            }
            None => {
                let v = vwnw(statute, p.service_start, reference);
                pl.reasons.push(Reason {
                    step: Step::Boventallig,
                    rule: statute.regime.as_str().to_owned(),
                    text: format!("boventallig: {}", v.note),
                });
                pl.vwnw = Some(v);
            }
        }
        placements.push(pl);
    }

    // Vacancies, with interest.
    let mut interest: HashMap<&str, Vec<Interested>> = HashMap::default();
    for pl in &placements {
        for f in &pl.preferences {
            interest.entry(f.as_str()).or_default().push(Interested { person: pl.person.clone(), outcome: pl.outcome });
        }
    }
    let mut vacancies = Vec::new();
    for (j, row) in cmp.new.iter().enumerate() {
        let posts: Vec<VacantPost> = cap.by_function[j]
            .iter()
            .filter(|&&i| cap.room[i] > FIT)
            .map(|&i| VacantPost { post: cap.posts[i].key.clone(), fte: cap.room[i] })
            .collect();
        if posts.is_empty() {
            continue;
        }
        vacancies.push(Vacancy {
            function: row.function.clone(),
            title: row.title.clone(),
            status: row.status,
            vacant_fte: posts.iter().map(|p| p.fte).sum(),
            posts,
            interested: interest.remove(row.function.as_str()).unwrap_or_default(),
        });
    }
    Ok(Placed { placements, vacancies, filled, diagnostics })
}

/// Earlier dates first; unknown dates last.
fn cmp_opt_date(a: Option<Date>, b: Option<Date>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Who leaves first: shortest service (latest start) first, then the younger, then by key.
fn leaves_before(a: &Employee, b: &Employee) -> std::cmp::Ordering {
    b.person
        .service_start
        .cmp(&a.person.service_start)
        .then(b.person.birth_date.cmp(&a.person.birth_date))
        .then_with(|| a.nkey.cmp(&b.nkey))
}

/// The order in which followers leave a pool, with the reason of each.
fn leave_order(employees: &[Employee], followers: &[usize], statute: &Statute, aow: i64) -> Vec<(usize, String)> {
    let by_service = |list: &mut Vec<usize>| list.sort_by(|&a, &b| leaves_before(&employees[a], &employees[b]));
    let since = |e: usize| employees[e].person.service_start.map_or("?".into(), |d| d.to_string());
    match statute.selection {
        SelectionRule::Ancienniteit => {
            let mut all = followers.to_vec();
            by_service(&mut all);
            all.into_iter().map(|e| (e, format!("shortest service first (in service since {})", since(e)))).collect()
        }
        SelectionRule::Afspiegeling => {
            let mut out = Vec::new();
            let mut aow_list: Vec<usize> =
                followers.iter().copied().filter(|&e| employees[e].age_months.is_some_and(|m| m >= aow)).collect();
            by_service(&mut aow_list);
            for e in aow_list {
                out.push((e, "has reached the AOW age, so leaves first".to_owned()));
            }
            let mut bands: [Vec<usize>; 5] = Default::default();
            for &e in followers {
                if let Some(m) = employees[e].age_months.filter(|&m| m < aow) {
                    bands[band_index(m)].push(e);
                }
            }
            for b in &mut bands {
                by_service(b);
            }
            let sizes: Vec<usize> = bands.iter().map(Vec::len).collect();
            let total: usize = sizes.iter().sum();
            let mut taken = [0usize; 5];
            const LABELS: [&str; 5] = ["15–25", "25–35", "35–45", "45–55", "55+"];
            for _ in 0..total {
                // Sainte-Laguë: the band with the highest size / (2 × taken + 1) gives up the next place.
                let mut best: Option<usize> = None;
                for b in 0..5 {
                    if taken[b] >= sizes[b] {
                        continue;
                    }
                    best = match best {
                        None => Some(b),
                        Some(c) => {
                            let qb = sizes[b] as f64 / (2 * taken[b] + 1) as f64;
                            let qc = sizes[c] as f64 / (2 * taken[c] + 1) as f64;
                            let higher = qb > qc + FIT;
                            let tie_goes_to_b = (qb - qc).abs() <= FIT
                                && leaves_before(&employees[bands[b][taken[b]]], &employees[bands[c][taken[c]]])
                                    == std::cmp::Ordering::Less;
                            if higher || tie_goes_to_b { Some(b) } else { Some(c) }
                        }
                    };
                }
                let Some(b) = best else { break };
                let e = bands[b][taken[b]];
                taken[b] += 1;
                out.push((
                    e,
                    format!(
                        "age band {} ({} of {} in the pool) gives up place {} by proportion; shortest service in the band (since {})",
                        LABELS[b], sizes[b], total, taken[b], since(e)
                    ),
                ));
            }
            out
        }
    }
}

/// The van-werk-naar-werk consequence under the statute's regime.
pub(crate) fn vwnw(statute: &Statute, service_start: Option<Date>, reference: Option<Date>) -> Vwnw {
    let months = match (service_start, reference) {
        (Some(s), Some(r)) => Some(months_between(s, r)),
        _ => None,
    };
    let Some(m) = months else {
        return Vwnw {
            regime: statute.regime,
            eligible: None,
            months: None,
            note: "the service start or the reference date is unknown, so the right to a van-werk-naar-werk traject cannot be determined".into(),
        };
    };
    let years = m / 12;
    let eligible = years >= i64::from(statute.vwnw_min_service_years);
    if eligible {
        let source = match statute.regime {
            Regime::CarUwo => "CAR-UWO 10d:11 and 10d:14",
            Regime::CaoGemeenten => "Cao Gemeenten chapter 9",
        };
        return Vwnw {
            regime: statute.regime,
            eligible: Some(true),
            months: Some(statute.vwnw_months),
            note: format!(
                "van-werk-naar-werk traject of {} months after {years} years of service ({source})",
                statute.vwnw_months
            ),
        };
    }
    match statute.regime {
        Regime::CarUwo => Vwnw {
            regime: statute.regime,
            eligible: Some(false),
            months: None,
            note: format!(
                "no van-werk-naar-werk traject: {years} year{} of service, less than the {} required (CAR-UWO 10d:11)",
                if years == 1 { "" } else { "s" },
                statute.vwnw_min_service_years
            ),
        },
        Regime::CaoGemeenten => {
            let notice = match years {
                ..5 => 1,
                5..10 => 2,
                10..15 => 3,
                _ => 4,
            };
            Vwnw {
                regime: statute.regime,
                eligible: Some(false),
                months: Some(notice),
                note: format!(
                    "no van-werk-naar-werk traject: {years} year{} of service, less than the {} required; herplaatsing during the notice period of {notice} month{} (BW 7:672, Ontslagregeling art. 10)",
                    if years == 1 { "" } else { "s" },
                    statute.vwnw_min_service_years,
                    if notice == 1 { "" } else { "s" }
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::format::from_json;
    use crate::transition::{Outcome, Statute, TransitionInput, transition};

    /// Two herplaatsingskandidaten from one old function: the second skips the related
    /// functions the first was refused, yet both explain and count the same refusals.
    #[test]
    fn a_later_candidate_counts_the_refusals_it_skips() -> Result<(), Box<dyn std::error::Error>> {
        let old = from_json(
            br#"{"version": 1, "name": "oud",
              "functions": [{"key": "F", "title": "Oud", "scale_max": 8,
                             "tasks": [{"name": "a", "weight": 4}, {"name": "overleg", "weight": 1}]}],
              "posts": [{"key": "p0", "title": "P", "function": "F", "scale": 8},
                        {"key": "p1", "title": "P", "function": "F", "scale": 8}],
              "people": [{"key": "e0", "scale": 8, "service_start": "1990-01-01"},
                         {"key": "e1", "scale": 8, "service_start": "2000-01-01"}],
              "appointments": [{"person": "e0", "post": "p0"}, {"person": "e1", "post": "p1"}]}"#,
        )?;
        let mut functions = Vec::new();
        let mut posts = Vec::new();
        for k in 1..=9 {
            let scale = if k == 9 { 8 } else { 3 };
            functions.push(format!(
                r#"{{"key": "G{k}", "title": "Nieuw {k}", "scale_max": {scale},
                    "tasks": [{{"name": "overleg", "weight": 1}}, {{"name": "x{k}", "weight": 4}}]}}"#
            ));
            posts.push(format!(r#"{{"key": "q{k}", "title": "Q", "function": "G{k}", "scale": {scale}}}"#));
        }
        let new = from_json(
            format!(
                r#"{{"version": 1, "name": "nieuw", "functions": [{}], "posts": [{}]}}"#,
                functions.join(","),
                posts.join(",")
            )
            .as_bytes(),
        )?;
        let statute = Statute::preset("almelo-2018").ok_or("no preset")?;
        let report = transition(&old, &new, &statute, &TransitionInput::default())?;
        let (e0, e1) = (&report.employees[0], &report.employees[1]);
        assert_eq!((e0.person.as_str(), e0.outcome), ("e0", Outcome::Passend));
        assert_eq!(e0.new_post.as_deref(), Some("q9"));
        assert_eq!(e1.outcome, Outcome::Boventallig);
        let text = &e1.reasons.iter().find(|r| r.step == super::Step::Passend).ok_or("no passend reason")?.text;
        assert!(text.contains("`G1` is at scale 3, outside 7 to 8"), "{text}");
        assert!(text.contains("and 4 more related functions without a passende post"), "{text}");
        Ok(())
    }
}
