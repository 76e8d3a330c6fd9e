//! The personele-gevolgen report and its renderers.
//!
//! The JSON form is a versioned contract (`version: 2`): the fields of
//! [`TransitionReport`] with snake_case names, enums in lowercase Dutch or
//! kebab-case, dates as `YYYY-MM-DD`, shares from 0 to 1, money in euros per
//! year. New fields may be added in a minor release; renaming or removing one
//! raises the version.

use std::collections::{BTreeMap, HashSet};

use super::fx::HashMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::committee::{self, CommitteeVacancy};
use super::compare::{Basis, Comparison, FunctionStatus};
use super::diff::{Action, Establishment, UnitDiff};
use super::disclosure;
use super::input::{Procedure, TransitionInput};
use super::lang::Language;
use super::placement::{Outcome, Placed, Placement, Vacancy};
use super::privacy::{self, Privacy, PseudonymKey};
use super::procedure;
use super::statute::Statute;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Design;
use crate::text::Shown;

/// The version of the JSON contract.
pub const REPORT_VERSION: u32 = 2;

/// The establishment of one unit, old → new.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UnitRow {
    /// The unit's key in the new design, or in the old one when it closes.
    pub unit: String,
    /// The unit's key in the old design, when it was there under another key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_unit: Option<String>,
    /// Its name.
    pub name: String,
    /// What happens to it.
    pub action: Action,
    /// FTE old → new; new occupied FTE comes from the placements.
    pub establishment: Establishment,
    /// For a unit that closes while its work goes on in a new unit that also
    /// takes the work of others (several teams into one pool): that unit, from
    /// the successor map. The report then says *opgegaan in*, not *opgeheven*.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

impl UnitRow {
    /// The unit's key, as `old → new` when it was there under another key.
    fn label(&self) -> String {
        super::diff::renamed(self.old_unit.as_deref(), Some(&self.unit), "")
    }

    /// What happens to it, in words: `opgegaan in `adviespool`` for a unit merged
    /// into another, else the action.
    fn action_in(&self, lang: Language) -> String {
        match (&self.merged_into, lang) {
            (Some(k), Language::Dutch) => format!("opgegaan in `{k}`"),
            (Some(k), Language::English) => format!("merged into `{k}`"),
            (None, _) => lang.action(self.action).to_owned(),
        }
    }
}

/// Count and FTE of one outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OutcomeTotal {
    /// Employees.
    pub count: usize,
    /// Their FTE.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub fte: f64,
}

/// Totals over the employees.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Totals {
    /// Everyone in the old design.
    pub employees: usize,
    /// Per outcome (every outcome is listed, also with zero).
    pub outcomes: BTreeMap<Outcome, OutcomeTotal>,
    /// Employees placed in a lower scale who need a salary guarantee.
    pub salary_guarantees: usize,
    /// Vacant FTE after placement.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub vacant_fte: f64,
    /// Whether nobody is boventallig ("niemand verliest zijn baan", Almelo).
    pub nobody_redundant: bool,
}

/// Payroll old → new: the yearly cost of the establishment (salary × FTE of every post).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Payroll {
    /// The old establishment's cost.
    #[serde(serialize_with = "crate::number::json::money")]
    pub old: f64,
    /// The new establishment's cost.
    #[serde(serialize_with = "crate::number::json::money")]
    pub new: f64,
    /// `old − new`: positive is a saving.
    #[serde(serialize_with = "crate::number::json::money")]
    pub savings: f64,
    /// Old posts without a salary (not counted).
    pub old_unknown_salaries: usize,
    /// New posts without a salary (not counted).
    pub new_unknown_salaries: usize,
    /// The savings target as a share of the old payroll, if set.
    #[serde(serialize_with = "crate::number::json::share_opt")]
    pub target_share: Option<f64>,
    /// The target in euros.
    #[serde(serialize_with = "crate::number::json::money_opt")]
    pub target: Option<f64>,
    /// Whether the savings meet the target.
    pub target_met: Option<bool>,
}

/// The personele-gevolgen report.
///
/// Its JSON form ([`TransitionReport::to_json`]) is a versioned contract
/// (`version: 2`): the fields below with their snake_case names; enums as
/// lowercase Dutch words (`functievolger`, `ongewijzigd`) or kebab-case
/// (`car-uwo`, `line-manager`); dates as `YYYY-MM-DD`; shares (overlap, change,
/// threshold, savings target) from 0 to 1; FTE as numbers; money in euros per
/// year. Optional values are `null` or left out. Fields may be added in a
/// minor release; renaming or removing one raises `version`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TransitionReport {
    /// The version of the JSON contract: 2 (1 until the disclosure control of shared reports and the structured facts).
    pub version: u32,
    /// The old design's name.
    pub old_design: String,
    /// The new design's name.
    pub new_design: String,
    /// The statute used.
    pub statute: Statute,
    /// The reference date for ages and service.
    pub reference_date: Option<Date>,
    /// Whether names and birth dates were replaced.
    pub pseudonymised: bool,
    /// The establishment per unit.
    pub establishment: Vec<UnitRow>,
    /// The whole establishment.
    pub establishment_total: Establishment,
    /// Was → wordt per function.
    pub functions: Comparison,
    /// Every employee, by key.
    pub employees: Vec<Placement>,
    /// Vacancies left, per new function, with the people interested.
    pub vacancies: Vec<Vacancy>,
    /// Totals per outcome.
    pub totals: Totals,
    /// Payroll and savings target.
    pub payroll: Payroll,
    /// Procedure findings and warnings, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the procedure was checked: `false` when the transition input
    /// gives no procedure dates, so that "no findings" is never said of a
    /// procedure nobody looked at.
    pub procedure_checked: bool,
    /// The procedure as the transition input gives it (the timeline the report echoes).
    pub procedure: Procedure,
    /// The garantietoelage of everyone placed in a lower scale, by person.
    pub salary_guarantees: Vec<SalaryGuarantee>,
    /// The full cost of the transition: payroll change, salary guarantees and
    /// van-werk-naar-werk.
    pub costs: Costs,
    /// For a pseudonymised report: the k-anonymity check and the service bands; `null`
    /// otherwise.
    pub privacy: Option<Privacy>,
    /// The overview for the plaatsingsadviescommissie: per vacancy the candidates in order.
    pub committee: Vec<CommitteeVacancy>,
    /// Where the work of every old unit and post goes on (mens volgt werk), given or derived.
    pub successors: super::Successors,
    /// The unit trees of the old and new design, for the disclosure control of a shared report.
    #[serde(skip)]
    pub(crate) unit_trees: disclosure::UnitTrees,
}

/// The salary guarantee (garantietoelage) of someone placed in a lower scale: the
/// difference between the yearly salary of the old post and of the new one, for the
/// person's FTE.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SalaryGuarantee {
    /// The person's key (a pseudonym in a pseudonymised report).
    pub person: String,
    /// The old post's yearly full-time salary, if known.
    #[serde(serialize_with = "crate::number::json::money_opt")]
    pub old_salary: Option<f64>,
    /// The new post's yearly full-time salary, if known.
    #[serde(serialize_with = "crate::number::json::money_opt")]
    pub new_salary: Option<f64>,
    /// The garantietoelage per year: `(old − new) × FTE`; `null` when a salary is unknown.
    #[serde(serialize_with = "crate::number::json::money_opt")]
    pub per_year: Option<f64>,
}

/// The full cost of the transition, in euros.
///
/// A payroll that goes down is not the whole story: a person placed in a lower scale keeps
/// a garantietoelage, and a boventallige is paid through the van-werk-naar-werk period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Costs {
    /// The payroll change per year, `new − old`: positive is more cost.
    #[serde(serialize_with = "crate::number::json::money")]
    pub payroll_change: f64,
    /// The salary guarantees per year (the sum of [`SalaryGuarantee::per_year`]).
    #[serde(serialize_with = "crate::number::json::money")]
    pub salary_guarantees: f64,
    /// Salary guarantees whose amount is unknown (a salary is missing; not counted).
    pub salary_guarantees_unknown: usize,
    /// The salary of every boventallige through their van-werk-naar-werk months, once:
    /// old post's salary × FTE × months / 12.
    #[serde(serialize_with = "crate::number::json::money")]
    pub vwnw: f64,
    /// Boventalligen whose van-werk-naar-werk cost is unknown (no salary or no months; not counted).
    pub vwnw_unknown: usize,
    /// The first year: `payroll_change + salary_guarantees + vwnw`; positive is more cost.
    #[serde(serialize_with = "crate::number::json::money")]
    pub first_year: f64,
}

fn payroll(design: &Design) -> (f64, usize) {
    let mut total = 0.0;
    let mut unknown = 0;
    for p in design.posts() {
        match p.cost() {
            Some(c) => total += c,
            None => unknown += 1,
        }
    }
    (total, unknown)
}

#[allow(clippy::too_many_arguments, reason = "the parts of a transition, each made by its own step")]
pub(crate) fn build(
    old: &Design,
    new: &Design,
    new_posts: &super::successor::NewPosts<'_>,
    statute: &Statute,
    input: &TransitionInput,
    units: Vec<UnitDiff>,
    functions: Comparison,
    placed: Placed,
) -> TransitionReport {
    let Placed { placements, vacancies, filled } = placed;
    let mut diags = Vec::new();
    // New occupied FTE per unit from the placements.
    // Summed per unit id first: a key per unit, not a copy of it per post.
    let mut by_unit: HashMap<Option<crate::UnitId>, f64> = HashMap::default();
    // In the design's order, as the posts are numbered; a post nobody was placed in adds nothing.
    for (p, &f) in new_posts.posts.iter().zip(&filled) {
        if f != 0.0 {
            *by_unit.entry(p.unit).or_insert(0.0) += f;
        }
    }
    let mut occ: HashMap<String, f64> = HashMap::default();
    for (u, f) in by_unit {
        let k = u.and_then(|u| new.unit(u)).map_or_else(|| super::diff::NO_UNIT.to_owned(), |u| u.key.clone());
        *occ.entry(k).or_insert(0.0) += f;
    }
    let mut total = Establishment::default();
    let establishment: Vec<UnitRow> = units
        .into_iter()
        .map(|u| {
            let key = u.new_key.clone().or(u.old_key.clone()).unwrap_or_else(|| u.name.clone());
            let mut e = u.establishment;
            e.new_occupied =
                if u.new_key.is_some() || u.old_key.is_none() { occ.get(&key).copied().unwrap_or(0.0) } else { 0.0 };
            e.new_vacant = e.new_fte - e.new_occupied;
            total.add(&e);
            let old_unit = u.old_key.filter(|o| u.new_key.as_ref().is_some_and(|n| n != o));
            UnitRow { unit: key, old_unit, name: u.name, action: u.action, establishment: e, merged_into: None }
        })
        .collect();

    let mut outcomes: BTreeMap<Outcome, OutcomeTotal> =
        Outcome::ALL.iter().map(|o| (*o, OutcomeTotal::default())).collect();
    for p in &placements {
        let t = outcomes.entry(p.outcome).or_default();
        t.count += 1;
        t.fte += p.fte;
    }
    let totals = Totals {
        employees: placements.len(),
        salary_guarantees: placements.iter().filter(|p| p.salary_guarantee).count(),
        vacant_fte: vacancies.iter().map(|v| v.vacant_fte).sum(),
        nobody_redundant: outcomes.get(&Outcome::Boventallig).is_none_or(|t| t.count == 0),
        outcomes,
    };
    let (po, uo) = payroll(old);
    let (pn, un) = payroll(new);
    let target = input.savings_target.map(|s| s * po);
    let pay = Payroll {
        old: po,
        new: pn,
        savings: po - pn,
        old_unknown_salaries: uo,
        new_unknown_salaries: un,
        target_share: input.savings_target,
        target,
        target_met: target.map(|t| po - pn + 0.005 >= t),
    };
    diags.extend(procedure::check(input, &placements));
    diags.sort_by(Diagnostic::report_order);
    let (salary_guarantees, costs) = costs(old, new, &placements, pn - po);
    let committee = committee::overview(&functions, &placements, &vacancies);
    TransitionReport {
        version: REPORT_VERSION,
        old_design: old.name().to_owned(),
        new_design: new.name().to_owned(),
        statute: statute.clone(),
        reference_date: input.effective_reference_date(),
        pseudonymised: false,
        establishment,
        establishment_total: total,
        functions,
        employees: placements,
        vacancies,
        totals,
        payroll: pay,
        diagnostics: diags,
        procedure_checked: procedure::has_dates(&input.procedure),
        procedure: input.procedure.clone(),
        salary_guarantees,
        costs,
        privacy: None,
        committee,
        successors: super::Successors::default(),
        unit_trees: unit_trees(old, new),
    }
}

/// Marks every closing unit whose work goes on in a new unit (by the successor
/// map) as merged into it. Linear.
pub(crate) fn mark_merged(rows: &mut [UnitRow], succ: &super::Successors) {
    let to: HashMap<&str, &str> = succ.units.iter().filter_map(|s| Some((s.old.as_str(), s.new.as_deref()?))).collect();
    for row in rows.iter_mut().filter(|r| r.action == Action::Closed) {
        row.merged_into = to.get(row.unit.as_str()).map(|k| (*k).to_owned());
    }
}

/// Unit key → parent unit key, of both designs. Linear.
fn unit_trees(old: &Design, new: &Design) -> disclosure::UnitTrees {
    let parents = |d: &Design| -> HashMap<String, String> {
        d.units().filter_map(|u| Some((u.key.clone(), d.unit(u.parent?)?.key.clone()))).collect()
    };
    disclosure::UnitTrees { old: parents(old), new: parents(new) }
}

/// The salary guarantees and the full cost. Linear: one pass, a key lookup per guarantee or redundancy.
fn costs(old: &Design, new: &Design, placements: &[Placement], payroll_change: f64) -> (Vec<SalaryGuarantee>, Costs) {
    // Only the few people with a guarantee or a redundancy need a salary: a lookup each,
    // rather than an index of every post of both designs.
    let salary = |d: &Design, key: &str| d.post_by_key(key).and_then(|p| p.salary).filter(|s| s.is_finite());
    let mut c = Costs { payroll_change, ..Costs::default() };
    let mut guarantees = Vec::new();
    for p in placements {
        if !p.salary_guarantee && p.outcome != Outcome::Boventallig {
            continue;
        }
        let was = salary(old, &p.old_post);
        if p.salary_guarantee {
            let now = p.new_post.as_deref().and_then(|k| salary(new, k));
            let per_year = match (was, now) {
                (Some(a), Some(b)) => Some(((a - b) * p.fte).max(0.0)),
                _ => None,
            };
            match per_year {
                Some(x) => c.salary_guarantees += x,
                None => c.salary_guarantees_unknown += 1,
            }
            guarantees.push(SalaryGuarantee { person: p.person.clone(), old_salary: was, new_salary: now, per_year });
        }
        if p.outcome == Outcome::Boventallig {
            let vwnw = p.vwnw.as_ref();
            // No right to a traject is no cost; a right of unknown length is unknown.
            if vwnw.and_then(|v| v.eligible) == Some(false) {
                continue;
            }
            match (was, vwnw.and_then(|v| v.months)) {
                (Some(salary), Some(months)) => c.vwnw += salary * p.fte * f64::from(months) / 12.0,
                _ => c.vwnw_unknown += 1,
            }
        }
    }
    c.first_year = c.payroll_change + c.salary_guarantees + c.vwnw;
    (guarantees, c)
}

impl TransitionReport {
    /// Whether any diagnostic is an error (the CLI exits with 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// A copy that can be shared under the AVG (see the [`privacy`](super::privacy) notes):
    ///
    /// - every person key becomes a pseudonym keyed by `key` ([`PseudonymKey::pseudonym`]),
    ///   in the report, its reasons, vacancies, salary guarantees and findings;
    /// - names, birth dates, first days of service and the exact FTE are removed; service
    ///   and FTE are published as bands ([`Privacy::service_bands`],
    ///   [`Privacy::fte_bands`]) next to the age band;
    /// - posts are named as unit and function (`financien / F-FIN`), never by their key;
    /// - the disclosure control ([`disclosure`](super::disclosure)) then generalises what
    ///   would single people out: posts to the unit or a unit above it, bands to wider
    ///   bands or none, and suppresses (`■`) what is still unique, the outcome kept
    ///   ([`Privacy::disclosure`]);
    /// - [`Privacy::small_groups`] lists every combination of the published fields still
    ///   shared by fewer than the statute's `k_anonymity` people (none, after the control).
    ///
    /// The same key always gives the same pseudonyms, so two runs can be compared; without
    /// the key nobody can recompute them from the staff list.
    pub fn pseudonymised(&self, key: &PseudonymKey) -> TransitionReport {
        // A thread pays for itself from a few thousand rows (a row takes some microseconds).
        self.pseudonymised_on(key, self.employees.len() >= 2_000)
    }

    /// [`TransitionReport::pseudonymised`], with the rows' reasons redacted on two threads
    /// or on one.
    fn pseudonymised_on(&self, key: &PseudonymKey, two_threads: bool) -> TransitionReport {
        let mut r = self.clone();
        let reference = r.reference_date;
        let k = r.statute.k_anonymity;
        // The disclosure control first: what each row may publish of its posts and bands.
        let exact_service: Vec<Option<&'static str>> = r
            .employees
            .iter()
            .map(|p| match (p.service_start, reference) {
                (Some(start), Some(day)) => Some(privacy::service_band(start, day)),
                _ => None,
            })
            .collect();
        let rows: Vec<disclosure::Row<'_>> = self
            .employees
            .iter()
            .zip(&exact_service)
            .map(|(p, service)| disclosure::Row {
                old_unit: p.old_unit.as_deref(),
                old_function: p.old_function.as_deref(),
                new_post: p.new_post.as_ref().map(|_| (p.new_unit.as_deref(), p.new_function.as_deref())),
                age: p.age_band.as_deref(),
                service: *service,
                fte: Some(disclosure::fte_band(p.fte)),
            })
            .collect();
        let published = disclosure::protect(&rows, &self.unit_trees, k);
        // Every key that is replaced in free text: people and the posts they hold. A new post
        // several people share takes the coarsest label any of them publishes.
        let mut words: HashMap<String, String> = HashMap::default();
        let mut post_words: HashMap<String, (disclosure::PostDetail, String)> = HashMap::default();
        let mut people: HashMap<String, String> = HashMap::default();
        let mut used: HashSet<String> = HashSet::new();
        for (p, shown) in r.employees.iter().zip(&published) {
            let base = key.pseudonym(&p.person);
            let mut ps = base.clone();
            let mut n = 2;
            while used.contains(&ps) {
                ps = format!("{base}-{n}");
                n += 1;
            }
            used.insert(ps.clone());
            people.insert(p.person.clone(), ps.clone());
            words.insert(p.person.clone(), ps);
            // Old and new post keys may be the same words: the coarsest label wins.
            let new_label = shown.new_post.clone().unwrap_or_else(|| disclosure::SUPPRESSED.to_owned());
            for (post, label) in [(Some(&p.old_post), &shown.old_post), (p.new_post.as_ref(), &new_label)] {
                let Some(post) = post else { continue };
                if post_words.get(post).is_none_or(|(d, _)| *d < shown.detail) {
                    post_words.insert(post.clone(), (shown.detail, label.clone()));
                }
            }
        }
        words.extend(post_words.into_iter().map(|(post, (_, label))| (post, label)));
        // Every birth date and first day of service, and the day a van-werk-naar-werk
        // period ends (it can be the AOW day, which gives the birth date away), in every
        // form a reason writes them, to scrub from the reasons.
        let dates: HashSet<String> = r
            .employees
            .iter()
            .flat_map(|p| [p.birth_date, p.service_start, p.vwnw.as_ref().and_then(|v| v.ends)])
            .flatten()
            .flat_map(privacy::day_forms)
            .collect();
        let mut service_bands = Vec::new();
        let mut fte_bands = Vec::new();
        let mut post_detail = Vec::new();
        // Per row, the words of its own that a generalised post must not give away, and
        // whether its age is published exactly; `None` for a row left as it is.
        let mut owns: Vec<Option<(HashMap<String, String>, bool)>> = Vec::with_capacity(r.employees.len());
        for (p, shown) in r.employees.iter_mut().zip(&published) {
            let Some(ps) = people.get(&p.person) else {
                owns.push(None);
                continue;
            };
            if let Some(b) = &shown.service {
                service_bands.push((ps.clone(), b.clone()));
            }
            if let Some(b) = &shown.fte {
                fte_bands.push((ps.clone(), b.clone()));
            }
            post_detail.push((ps.clone(), shown.detail));
            let own = own_words(p, shown);
            p.person = ps.clone();
            publish_fields(p, shown);
            owns.push(Some((own, shown.age_detail == disclosure::BandDetail::Exact)));
        }
        // The maps are built at once from their lists (a key given twice keeps its last
        // value, as inserting one after another would).
        fn at_once<V>(list: Vec<(String, V)>) -> BTreeMap<String, V> {
            let mut map = BTreeMap::new();
            crate::model::insert_many(&mut map, list.into_iter());
            map
        }
        let (service_bands, fte_bands, post_detail) =
            (at_once(service_bands), at_once(fte_bands), at_once(post_detail));
        // The statute's threshold as the reasons spell it, in every language.
        let threshold: Vec<String> = Language::ALL.iter().map(|l| l.style().percent(r.statute.threshold)).collect();
        redact_rows(&mut r.employees, &owns, &words, &dates, &threshold, two_threads);
        // Per person, the words of their own row that a generalised post must not give away.
        let hidden: HashMap<String, HashMap<String, String>> =
            r.employees.iter().zip(owns).filter_map(|(p, own)| Some((p.person.clone(), own?.0))).collect();
        sort_by_person(&mut r.employees);
        // Who is interested in a vacancy names a function too: a generalised row is `■` there.
        let generalised = |ps: &str| hidden.get(ps).is_some_and(|o| !o.is_empty());
        for v in &mut r.vacancies {
            for i in &mut v.interested {
                if let Some(ps) = people.get(&i.person) {
                    i.person = if generalised(ps) { disclosure::SUPPRESSED.to_owned() } else { ps.clone() };
                }
            }
            v.interested.sort();
        }
        for g in &mut r.salary_guarantees {
            if let Some(ps) = people.get(&g.person) {
                g.person = ps.clone();
            }
            // The amounts give the scales away: published only with the post's function.
            if post_detail.get(&g.person).is_none_or(|d| *d != disclosure::PostDetail::UnitAndFunction) {
                g.old_salary = None;
                g.new_salary = None;
                g.per_year = None;
            }
        }
        r.salary_guarantees.sort_by(|a, b| a.person.cmp(&b.person));
        for v in &mut r.committee {
            for c in &mut v.candidates {
                if let Some(ps) = people.get(&c.person) {
                    c.person = ps.clone();
                }
                let own = hidden.get(&c.person);
                if own.is_some_and(|o| !o.is_empty()) {
                    // The vacancy names the function the generalised row withholds: the
                    // candidate keeps their place in the order, not their pseudonym.
                    c.person = disclosure::SUPPRESSED.to_owned();
                    c.placed_in = c.placed_in.as_ref().map(|_| "…".to_owned());
                }
                c.redact(|text| {
                    let text = privacy::rewrite_ticked_with(text, |w| {
                        own.and_then(|o| o.get(w)).or_else(|| words.get(w)).map(String::as_str)
                    });
                    let text = if own.is_some_and(|o| !o.is_empty()) {
                        privacy::scrub_function_numbers(&text, &threshold)
                    } else {
                        text
                    };
                    privacy::scrub_service_years(&privacy::scrub_dates(&text, &dates))
                });
            }
        }
        for d in &mut r.diagnostics {
            // A finding about a person whose post is generalised must not name their function.
            let own =
                d.data.get("person").and_then(|v| v.as_str()).and_then(|k| people.get(k)).and_then(|ps| hidden.get(ps));
            if let Some(own) = own {
                for v in d.data.values_mut() {
                    if let Some(w) = v.as_str().and_then(|k| own.get(k)) {
                        *v = w.clone().into();
                    }
                }
            }
            let message = privacy::rewrite_ticked_with(&d.message, |w| {
                own.and_then(|o| o.get(w)).or_else(|| words.get(w)).map(String::as_str)
            });
            d.message = privacy::scrub_service_years(&privacy::scrub_dates(&message, &dates));
            if let Some(help) = &mut d.help {
                *help = privacy::scrub_dates(&privacy::rewrite_ticked(help, &words), &dates);
            }
            for (prefix, map) in [("people/", &people), ("posts/", &words)] {
                for path in std::iter::once(&mut d.subject).chain(d.related.iter_mut()) {
                    if let Some(k) = path.strip_prefix(prefix).and_then(|k| map.get(k)) {
                        *path = format!("{prefix}{k}");
                    }
                }
            }
            for v in d.data.values_mut() {
                if let Some(w) = v.as_str().and_then(|k| words.get(k)) {
                    *v = w.clone().into();
                }
            }
        }
        r.diagnostics.sort_by(Diagnostic::report_order);
        for post in &mut r.procedure.abolished_posts {
            if let Some(w) = words.get(post.as_str()) {
                *post = w.clone();
            }
        }
        let disclosure = disclosure::summary(&published);
        r.privacy = Some(Privacy {
            k,
            fields: privacy::PUBLISHED_FIELDS.iter().map(|f| (*f).to_owned()).collect(),
            service_bands,
            fte_bands,
            post_detail,
            rows_suppressed: disclosure.first().map_or(0, |f| f.withheld),
            cells_suppressed: disclosure.iter().map(|f| f.withheld).sum(),
            disclosure,
            small_groups: privacy::small_groups(&published, k),
        });
        r.pseudonymised = true;
        r
    }

    /// The JSON contract, pretty, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The placement list as CSV for Dutch Excel: see [`TransitionReport::to_csv_in`].
    #[cfg(feature = "csv")]
    #[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
    pub fn to_csv(&self) -> String {
        self.to_csv_in(Language::default())
    }

    /// The placement list as CSV: one row per employee, with a header.
    ///
    /// [`Language::Dutch`] gives the file Dutch Excel opens as it is: a UTF-8 byte-order
    /// mark (so `–` and `ë` are not read as Windows-1252), `;` between fields, a decimal
    /// comma (`0,8`), `ja`/`nee` and Dutch column names. [`Language::English`] gives the
    /// form for programs: no byte-order mark, `,` between fields, a decimal point,
    /// `yes`/`no` and snake_case column names (`person`, `old_post`, …). Both quote a
    /// field that holds the separator, a quote or a line break; dates are `YYYY-MM-DD`.
    #[cfg(feature = "csv")]
    #[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
    pub fn to_csv_in(&self, lang: Language) -> String {
        let st = lang.style();
        let (separator, bom) = match lang {
            Language::Dutch => (b';', "\u{feff}"),
            Language::English => (b',', ""),
        };
        let mut w = csv::WriterBuilder::new().delimiter(separator).from_writer(Vec::new());
        let words = lang.words();
        let _ = w.write_record(words.csv_header.iter().chain(&words.csv_extra));
        let guarantees: HashMap<&str, f64> =
            self.salary_guarantees.iter().filter_map(|g| Some((g.person.as_str(), g.per_year?))).collect();
        let shared = self.privacy.is_some();
        for p in &self.employees {
            let bands = self.published_bands(p);
            let o = |x: Option<String>| x.unwrap_or_default();
            let reasons: Vec<String> = p.reasons.iter().map(|r| r.text_in(lang)).collect();
            let _ = w.write_record([
                p.person.clone(),
                o(p.name.clone()),
                o(p.birth_date.map(|d| d.to_string())),
                if shared { bands[0].unwrap_or(disclosure::SUPPRESSED).to_owned() } else { o(p.age_band.clone()) },
                o(p.service_start.map(|d| d.to_string())),
                if shared { bands[2].unwrap_or(disclosure::SUPPRESSED).to_owned() } else { st.num(p.fte) },
                p.old_post.clone(),
                o(p.old_unit.clone()),
                o(p.old_function.clone()),
                o(p.old_scale.map(|s| s.to_string())),
                o(p.function_status.map(|s| s.as_str().to_owned())),
                o(p.overlap.map(|x| st.percent(x))),
                p.outcome.as_str().to_owned(),
                o(p.new_post.clone()),
                o(p.new_unit.clone()),
                o(p.new_function.clone()),
                o(p.new_scale.map(|s| s.to_string())),
                o(p.scale_change.map(|s| s.to_string())),
                lang.yes_no(p.salary_guarantee).to_owned(),
                o(p.vwnw.as_ref().and_then(|v| v.months).map(|m| m.to_string())),
                o(p.placement_date.map(|d| d.to_string())),
                reasons.join(" | "),
                if shared { bands[1].unwrap_or(disclosure::SUPPRESSED).to_owned() } else { String::new() },
                o(guarantees.get(p.person.as_str()).map(|x| st.decimals(*x, 2))),
            ]);
        }
        let body = w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        format!("{bom}{body}")
    }

    /// The names of the employees by person key, for the text report's lists of the
    /// interested (empty when no one is interested, and in a shared report, which has no
    /// names).
    fn names(&self) -> std::collections::HashMap<&str, &str> {
        if self.privacy.is_some() || self.vacancies.iter().all(|v| v.interested.is_empty()) {
            return std::collections::HashMap::new();
        }
        self.employees.iter().filter_map(|p| Some((p.person.as_str(), p.name.as_deref()?))).collect()
    }

    /// The new function of a passend or geschikt employee, whose line would else not show
    /// what they are placed in: ` als F-HRA`. Nothing for the other outcomes (a
    /// functievolger keeps their function), nor in a shared report, whose posts name their
    /// function where it may be shown (`kcc / F-KCC`).
    fn new_function_note(&self, lang: Language, p: &Placement) -> String {
        match (&p.new_function, p.outcome) {
            (Some(f), Outcome::Passend | Outcome::Geschikt) if self.privacy.is_none() => {
                format!(" {} {}", lang.words().as_function, Shown(f))
            }
            _ => String::new(),
        }
    }

    /// A post as an employee's line shows it: `unit/post` when it has a unit,
    /// so that a reader sees where someone goes without looking the post up.
    /// A shared report shows its posts as the disclosure control made them
    /// (a unit, `unit/*`), as they are.
    fn post_in_unit(&self, post: &str, unit: Option<&str>) -> String {
        match unit {
            Some(unit) if self.privacy.is_none() => format!("{unit}/{post}"),
            _ => post.to_owned(),
        }
    }

    /// Readable text, in Dutch: see [`TransitionReport::to_text_in`].
    pub fn to_text(&self) -> String {
        self.to_text_in(Language::default())
    }

    /// Readable text in a language: its headings, words, numbers (`0,8 fte`,
    /// `€ 492.000,00`) and dates (`1 juli 2018`). Keys, the statute's terms
    /// (`functievolger`, `gewijzigd`, `afspiegeling`) and the reasons of each
    /// placement are the same in every language.
    pub fn to_text_in(&self, lang: Language) -> String {
        let w = lang.words();
        let n = lang.style();
        let mut s = String::new();
        let st = &self.statute;
        let _ = writeln!(s, "Personele gevolgen: {} → {}", Shown(&self.old_design), Shown(&self.new_design));
        let _ = writeln!(s, "{} {} ({})", w.statute, st.name, lang.statute_terms(st));
        let _ = writeln!(
            s,
            "{} {}{}",
            w.reference_date,
            self.reference_date.map_or(w.not_set.into(), |d| lang.date(d)),
            if self.pseudonymised { format!("; {}", w.pseudonymised) } else { String::new() }
        );
        let _ = writeln!(s, "\n{} ({})", w.establishment_heading, w.establishment_legend);
        let actions = self.establishment.iter().map(|u| u.action_in(lang).chars().count()).max().unwrap_or(0);
        let aw = actions.max(9);
        let width = self.establishment.iter().map(|u| u.label().chars().count()).max().unwrap_or(4).clamp(5, 40);
        let row = |s: &mut String, label: &str, action: &str, e: &Establishment| {
            let [old_fte, old_occupied, old_vacant, new_fte, new_occupied, new_vacant] = e.figures_in(n);
            let _ = writeln!(
                s,
                "  {label:<width$}  {action:<aw$}  {old_fte:>8} / {old_occupied:>8} / {old_vacant:>8}  →  \
                 {new_fte:>8} / {new_occupied:>8} / {new_vacant:>8}"
            );
        };
        for u in &self.establishment {
            row(&mut s, &u.label(), &u.action_in(lang), &u.establishment);
        }
        row(&mut s, w.total, "", &self.establishment_total);
        let _ = writeln!(s, "\n{} ({})", w.functions_heading, w.functions_legend);
        let none = format!("({})", w.none);
        for f in &self.functions.old {
            let _ = writeln!(
                s,
                "  {} → {}  overlap {}, {} {}: {}{}",
                f.function,
                f.successor.as_deref().unwrap_or(&none),
                n.percent(f.overlap),
                w.change,
                n.percent(f.change),
                f.status.as_str(),
                basis_note(lang, f.basis, f.reason.as_deref(), f.computed.as_ref()),
            );
        }
        for f in self.functions.new.iter().filter(|f| f.status == FunctionStatus::Nieuw) {
            let _ = writeln!(s, "  {none} → {}: nieuw", f.function);
        }
        let _ = writeln!(s, "\n{}", w.employees_heading);
        for p in &self.employees {
            let _ = writeln!(
                s,
                "  {}{}{}: {} {} → {}{}",
                Shown(&p.person),
                p.name.as_ref().map_or(String::new(), |n| format!(" ({})", Shown(n))),
                self.bands_note(lang, p),
                p.outcome.as_str(),
                self.post_in_unit(&p.old_post, p.old_unit.as_deref()),
                p.new_post.as_deref().map_or("-".into(), |post| self.post_in_unit(post, p.new_unit.as_deref())),
                self.new_function_note(lang, p) + &scale_note(lang, p)
            );
            for r in &p.reasons {
                let _ = writeln!(s, "      - {}", Shown(&r.text_in(lang)));
            }
        }
        let _ = writeln!(s, "\n{}", w.vacancies_heading);
        if self.vacancies.is_empty() {
            let _ = writeln!(s, "  {}", w.vacancies_none);
        }
        let names = self.names();
        for v in &self.vacancies {
            let interested: Vec<String> =
                v.interested.iter().map(|i| interested_named(&i.person, i.outcome.as_str(), &names)).collect();
            let _ = writeln!(
                s,
                "  {} ({}): {} {} {}; {}: {}",
                v.function,
                v.status.as_str(),
                n.num(v.vacant_fte),
                w.vacant_in,
                v.posts.iter().map(|p| p.post.as_str()).collect::<Vec<_>>().join(", "),
                w.interested,
                if interested.is_empty() { w.nobody.into() } else { interested.join(", ") }
            );
        }
        let _ = writeln!(s, "\n{}", w.totals_heading);
        let fte = w.md_totals[2];
        for (o, t) in &self.totals.outcomes {
            let _ = writeln!(
                s,
                "  {:<14} {:>6} {}, {:>8} {fte}",
                o.as_str(),
                t.count,
                if t.count == 1 { w.employee } else { w.employees },
                n.num(t.fte)
            );
        }
        let _ = writeln!(s, "  {}: {}", w.salary_guarantees, self.totals.salary_guarantees);
        let _ = writeln!(s, "  {}: {}", w.nobody_redundant, lang.yes_no(self.totals.nobody_redundant));
        let p = &self.payroll;
        let _ = writeln!(s, "\n{} ({})", w.payroll_heading, w.payroll_legend);
        let _ =
            writeln!(s, "  {} {}  {} {}  {}", w.old, n.euros(p.old), w.new, n.euros(p.new), savings(lang, p.savings));
        if p.old_unknown_salaries + p.new_unknown_salaries > 0 {
            let _ = writeln!(
                s,
                "  {}: {} {}, {} {}",
                w.without_salary, p.old_unknown_salaries, w.old, p.new_unknown_salaries, w.new
            );
        }
        if let (Some(share), Some(t), Some(met)) = (p.target_share, p.target, p.target_met) {
            let _ = writeln!(
                s,
                "  {} {} {} = {}: {}",
                w.savings_target,
                n.percent(share),
                w.of_old_payroll,
                n.euros(t),
                if met { w.met } else { w.missed }
            );
        }
        let _ = writeln!(s, "\n{} ({})", w.costs_heading, w.costs_legend);
        for line in self.cost_lines(lang) {
            let _ = writeln!(s, "  {line}");
        }
        let _ = writeln!(s, "\n{}", w.procedure_heading);
        for line in self.timeline_lines(lang) {
            let _ = writeln!(s, "  {line}");
        }
        if !self.procedure_checked {
            let _ = writeln!(s, "  {}", w.procedure_not_checked);
        } else if self.diagnostics.is_empty() {
            let _ = writeln!(s, "  {}", w.no_findings);
        }
        for d in &self.diagnostics {
            let _ = writeln!(
                s,
                "  {}[{}] {}: {}: {}",
                lang.severity(d.severity),
                d.code,
                d.rule,
                d.subject,
                procedure::message_in(d, lang)
            );
            if let Some(help) = procedure::help_in(d, lang) {
                let _ = writeln!(s, "      {}: {help}", w.help);
            }
        }
        if let Some(lines) = self.privacy_lines(lang) {
            let _ = writeln!(s, "\n{}", w.privacy_heading);
            for line in lines {
                let _ = writeln!(s, "  {line}");
            }
        }
        s
    }

    /// Markdown in Dutch: see [`TransitionReport::to_markdown_in`].
    pub fn to_markdown(&self) -> String {
        self.to_markdown_in(Language::default())
    }

    /// Markdown in a language, with tables that render in an editor; the same words and
    /// numbers as [`TransitionReport::to_text_in`].
    pub fn to_markdown_in(&self, lang: Language) -> String {
        let w = lang.words();
        let n = lang.style();
        let mut s = String::new();
        let st = &self.statute;
        let _ = writeln!(s, "# Personele gevolgen: {} → {}\n", md(&self.old_design), md(&self.new_design));
        let _ = writeln!(
            s,
            "{} **{}**: {}. {} {}.{}\n",
            capitalised(w.statute),
            md(&st.name),
            lang.statute_terms(st),
            capitalised(w.reference_date),
            self.reference_date.map_or(w.not_set.into(), |d| lang.date(d)),
            if self.pseudonymised { format!(" {}.", capitalised(w.pseudonymised)) } else { String::new() }
        );
        let _ = writeln!(s, "## {}\n", w.establishment_heading);
        let _ = writeln!(s, "| {} | {} | {} |", w.md_unit, w.md_action, w.md_establishment.join(" | "));
        let _ = writeln!(s, "|---|---|--:|--:|--:|--:|--:|--:|");
        let row = |s: &mut String, name: &str, action: &str, e: &Establishment| {
            let _ = writeln!(s, "| {} | {action} | {} |", md(name), e.figures_in(n).join(" | "));
        };
        for u in &self.establishment {
            row(&mut s, &u.label(), &u.action_in(lang), &u.establishment);
        }
        row(&mut s, &format!("**{}**", w.total), "", &self.establishment_total);
        let _ = writeln!(s, "\n## {}\n", w.functions_heading);
        let _ = writeln!(s, "| {} |", w.md_functions.join(" | "));
        let _ = writeln!(s, "|---|---|--:|--:|---|---|");
        for f in &self.functions.old {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                md(&f.function),
                md(f.successor.as_deref().unwrap_or("—")),
                n.percent(f.overlap),
                n.percent(f.change),
                f.status.as_str(),
                md(basis_note(lang, f.basis, f.reason.as_deref(), f.computed.as_ref()).trim_start_matches(" ("))
                    .trim_end_matches(')'),
            );
        }
        for f in self.functions.new.iter().filter(|f| f.status == FunctionStatus::Nieuw) {
            let _ = writeln!(s, "| — | {} | | | nieuw | |", md(&f.function));
        }
        let _ = writeln!(s, "\n## {}\n", w.employees_heading);
        let _ = writeln!(s, "| {} |", w.md_employees.join(" | "));
        let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
        let scale_prefix = format!("({} ", w.scale);
        for p in &self.employees {
            let reasons: Vec<String> = p.reasons.iter().map(|r| md(&r.text_in(lang))).collect();
            let _ = writeln!(
                s,
                "| {}{} | {} | {} | {} | {} | {} | {} | {} |",
                md(&p.person),
                if self.privacy.is_some() {
                    let [_, service, fte] = self.published_bands(p).map(|b| b.unwrap_or(disclosure::SUPPRESSED));
                    let years = if service == disclosure::SUPPRESSED { String::new() } else { format!(" {}", w.years) };
                    format!(" ({} {service}{years}, {} {fte})", w.service_years, w.fte_band)
                } else {
                    String::new()
                },
                if self.privacy.is_some() {
                    p.age_band.as_deref().unwrap_or(disclosure::SUPPRESSED)
                } else {
                    p.age_band.as_deref().unwrap_or("")
                },
                md(&self.post_in_unit(&p.old_post, p.old_unit.as_deref())),
                p.outcome.as_str(),
                md(&p.new_post.as_deref().map_or("—".into(), |post| self.post_in_unit(post, p.new_unit.as_deref()))),
                scale_note(lang, p).trim().trim_start_matches(scale_prefix.as_str()).trim_end_matches(')'),
                lang.yes_no(p.salary_guarantee),
                reasons.join("<br>")
            );
        }
        let _ = writeln!(s, "\n## {}\n", w.vacancies_heading);
        if self.vacancies.is_empty() {
            let _ = writeln!(s, "{}.", capitalised(w.vacancies_none));
        } else {
            let _ = writeln!(s, "| {} |", w.md_vacancies.join(" | "));
            let _ = writeln!(s, "|---|---|--:|---|---|");
            for v in &self.vacancies {
                let interested: Vec<String> =
                    v.interested.iter().map(|i| format!("{} ({})", md(&i.person), i.outcome.as_str())).collect();
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} |",
                    md(&v.function),
                    v.status.as_str(),
                    n.num(v.vacant_fte),
                    v.posts.iter().map(|p| md(&p.post)).collect::<Vec<_>>().join(", "),
                    interested.join(", ")
                );
            }
        }
        let _ = writeln!(s, "\n## {}\n", w.totals_heading);
        let _ = writeln!(s, "| {} |", w.md_totals.join(" | "));
        let _ = writeln!(s, "|---|--:|--:|");
        for (o, t) in &self.totals.outcomes {
            let _ = writeln!(s, "| {} | {} | {} |", o.as_str(), t.count, n.num(t.fte));
        }
        let _ = writeln!(
            s,
            "\n{}: {}. {}: {}.",
            capitalised(w.salary_guarantees),
            self.totals.salary_guarantees,
            capitalised(w.nobody_redundant),
            lang.yes_no(self.totals.nobody_redundant)
        );
        let p = &self.payroll;
        let _ = writeln!(s, "\n## {}\n", w.payroll_heading);
        let _ = writeln!(
            s,
            "{} {}, {} {}, {}.",
            capitalised(w.old),
            n.euros(p.old),
            w.new,
            n.euros(p.new),
            savings(lang, p.savings)
        );
        if let (Some(share), Some(t), Some(met)) = (p.target_share, p.target, p.target_met) {
            let _ = writeln!(
                s,
                "{} {} {} = {}: **{}**.",
                capitalised(w.savings_target),
                n.percent(share),
                w.of_old_payroll,
                n.euros(t),
                if met { w.met } else { w.missed }
            );
        }
        let _ = writeln!(s, "\n## {}\n", w.costs_heading);
        let _ = writeln!(s, "{}.\n", capitalised(w.costs_legend));
        for line in self.cost_lines(lang) {
            let _ = writeln!(s, "- {}", md(&line));
        }
        let _ = writeln!(s, "\n## {}\n", w.procedure_heading);
        let timeline = self.timeline_lines(lang);
        for line in &timeline {
            let _ = writeln!(s, "- {}", md(line));
        }
        if !timeline.is_empty() {
            s.push('\n');
        }
        if !self.procedure_checked {
            let _ = writeln!(s, "{}.\n", capitalised(w.procedure_not_checked));
        } else if self.diagnostics.is_empty() {
            let _ = writeln!(s, "{}.", capitalised(w.no_findings));
        }
        for d in &self.diagnostics {
            let _ = writeln!(
                s,
                "- **{}** `{}` {}: {}",
                lang.severity(d.severity),
                d.code,
                md(&d.subject),
                md(&procedure::message_in(d, lang))
            );
        }
        if let Some(privacy) = &self.privacy {
            let _ = writeln!(s, "\n## {}\n", w.privacy_heading);
            let lines = self.privacy_lines(lang).unwrap_or_default();
            let (head, _) = lines.split_at(lines.len().min(5));
            for line in head {
                let _ = writeln!(s, "- {}", md(line));
            }
            if privacy.small_groups.is_empty() {
                let _ = writeln!(s, "- {} {} {}", w.privacy_passes, privacy.k, w.people);
            } else {
                let _ = writeln!(s, "\n**{} {} {}:**\n", capitalised(w.privacy_warning), privacy.k, w.people);
                let _ = writeln!(s, "| {} |", w.md_privacy.join(" | "));
                let _ = writeln!(s, "|---|---|---|---|---|--:|");
                for g in &privacy.small_groups {
                    let cells: Vec<String> = g.fields.iter().map(|f| md(f)).collect();
                    let _ = writeln!(s, "| {} | {} |", cells.join(" | "), g.people);
                }
            }
        }
        s
    }

    /// The overview for the plaatsingsadviescommissie in Dutch: see
    /// [`TransitionReport::to_committee_markdown_in`].
    pub fn to_committee_markdown(&self) -> String {
        self.to_committee_markdown_in(Language::default())
    }

    /// The overview for the plaatsingsadviescommissie as Markdown in a language: per
    /// vacancy (a new function a herplaatsingskandidaat was placed in, or still vacant) the
    /// candidates in the statute's order, with the function's rank in their preferences,
    /// their outcome and why.
    pub fn to_committee_markdown_in(&self, lang: Language) -> String {
        let w = lang.words();
        let n = lang.style();
        let mut s = String::new();
        let _ = writeln!(s, "# {}: {} → {}\n", w.committee_heading, md(&self.old_design), md(&self.new_design));
        let _ = writeln!(s, "{}\n", w.committee_intro);
        if self.committee.is_empty() {
            let _ = writeln!(s, "{}.", capitalised(w.committee_none));
        }
        let (with, without): (Vec<_>, Vec<_>) = self.committee.iter().partition(|v| !v.candidates.is_empty());
        for v in with {
            let scale = v.scale.map_or(String::new(), |x| format!(", {} {x}", w.scale));
            let _ = writeln!(
                s,
                "## {} {}{scale}: {} {}\n",
                md(&v.function),
                md(&v.title),
                n.num(v.vacant_fte),
                w.vacant_fte
            );
            let _ = writeln!(s, "| {} |", w.md_committee.join(" | "));
            let _ = writeln!(s, "|--:|---|--:|---|---|");
            for (i, c) in v.candidates.iter().enumerate() {
                let why = if c.placed_here {
                    format!("{}: {}", w.placed_here, c.reason_in(lang).as_deref().map_or(String::new(), md))
                } else {
                    let base = match &c.placed_in {
                        Some(f) => format!("{} `{}`", w.placed_elsewhere, md(f)),
                        None => w.not_placed.to_owned(),
                    };
                    match c.reason_in(lang) {
                        Some(r) => format!("{base}; {}", md(&r)),
                        None => base,
                    }
                };
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} |",
                    i + 1,
                    md(&c.person),
                    c.preference_rank.map_or("—".to_owned(), |r| r.to_string()),
                    c.outcome.as_str(),
                    why
                );
            }
            s.push('\n');
        }
        if !without.is_empty() {
            let _ = writeln!(s, "## {}\n", capitalised(w.no_candidates));
            for v in without {
                let _ = writeln!(s, "- {} {}: {} {}", md(&v.function), md(&v.title), n.num(v.vacant_fte), w.vacant_fte);
            }
        }
        s
    }

    /// For a pseudonymised report, the published bands of a person: ` (leeftijd 35–45,
    /// diensttijd 10–20 jaar)`; empty otherwise.
    fn bands_note(&self, lang: Language, p: &Placement) -> String {
        if self.privacy.is_none() {
            return String::new();
        }
        let w = lang.words();
        let [age, service, fte] = self.published_bands(p).map(|b| b.unwrap_or(disclosure::SUPPRESSED));
        let years = if service == disclosure::SUPPRESSED { String::new() } else { format!(" {}", w.years) };
        format!(" ({} {age}, {} {service}{years}, {} {fte})", w.age, w.service_years, w.fte_band)
    }

    /// The published age, service and FTE bands of a person in a pseudonymised report
    /// (`None`: withheld, shown as `■`).
    fn published_bands<'a>(&'a self, p: &'a Placement) -> [Option<&'a str>; 3] {
        let Some(privacy) = &self.privacy else { return [p.age_band.as_deref(), None, None] };
        [
            p.age_band.as_deref(),
            privacy.service_bands.get(&p.person).map(String::as_str),
            privacy.fte_bands.get(&p.person).map(String::as_str),
        ]
    }

    /// The full cost, one line per part.
    fn cost_lines(&self, lang: Language) -> Vec<String> {
        let w = lang.words();
        let n = lang.style();
        let c = &self.costs;
        let unknown = |count: usize| {
            if count == 0 { String::new() } else { format!(" ({count} {})", w.unknown_not_counted) }
        };
        vec![
            format!("{}: {} {}", w.payroll_change, savings(lang, -c.payroll_change), w.per_year),
            format!(
                "{}: {} {} ({}: {}){}",
                w.guarantees_line,
                n.euros(c.salary_guarantees),
                w.per_year,
                w.employees,
                self.salary_guarantees.len(),
                unknown(c.salary_guarantees_unknown)
            ),
            format!("{}: {} {}{}", w.vwnw_line, n.euros(c.vwnw), w.once, unknown(c.vwnw_unknown)),
            format!("{}: {}", w.first_year, savings(lang, -c.first_year)),
        ]
    }

    /// The procedure's dates as given, in order; empty when none is given.
    fn timeline_lines(&self, lang: Language) -> Vec<String> {
        let w = lang.words();
        let p = &self.procedure;
        let mut out = Vec::new();
        for (label, day) in w.timeline.iter().zip([p.advice_requested, p.advice_given, p.decision, p.placement_date]) {
            let Some(day) = day else { continue };
            let mut line = format!("{label}: {}", lang.date(day));
            if std::ptr::eq(label, &w.timeline[2])
                && let Some(follows) = p.follows_advice
            {
                line.push_str(&format!(" ({})", if follows { w.follows_advice } else { w.against_advice }));
            }
            out.push(line);
        }
        if !p.abolished_functions.is_empty() {
            out.push(format!("{}: {}", w.abolished_functions, p.abolished_functions.join(", ")));
        }
        if !p.abolished_posts.is_empty() && !self.pseudonymised {
            out.push(format!("{}: {}", w.abolished_posts, p.abolished_posts.join(", ")));
        }
        out
    }

    /// The privacy section of a pseudonymised report; `None` otherwise. The first five
    /// lines are the key, the fields, the legend, the disclosure per field and the
    /// suppressed cells; then whether the report passes, or the small groups.
    fn privacy_lines(&self, lang: Language) -> Option<Vec<String>> {
        let privacy = self.privacy.as_ref()?;
        let w = lang.words();
        let [exact, wide, withheld] = w.disclosure_counts;
        let per_field: Vec<String> = privacy
            .disclosure
            .iter()
            .zip(w.disclosure_fields)
            .map(|(f, name)| format!("{name} {} {exact}, {} {wide}, {} {withheld}", f.exact, f.generalised, f.withheld))
            .collect();
        let mut out = vec![
            w.privacy_key.to_owned(),
            format!("{} (k = {})", w.privacy_fields, privacy.k),
            w.disclosure_legend.to_owned(),
            per_field.join("; "),
            format!(
                "{}: {}; {}: {}",
                w.cells_suppressed, privacy.cells_suppressed, w.rows_suppressed, privacy.rows_suppressed
            ),
        ];
        if privacy.small_groups.is_empty() {
            out.push(format!("{} {} {}", w.privacy_passes, privacy.k, w.people));
        } else {
            out.push(format!("{} {} {}:", w.privacy_warning, privacy.k, w.people));
            for g in &privacy.small_groups {
                out.push(format!(
                    "  {}: {} {}",
                    g.fields.join(" · "),
                    g.people,
                    if g.people == 1 { w.person } else { w.people }
                ));
            }
        }
        Some(out)
    }
}

/// Sorts the rows by person, equal ones as they came: the keys are sorted apart, and each
/// row swapped straight to its place ([`crate::permute::into_order`]).
fn sort_by_person(rows: &mut [Placement]) {
    let order: Vec<u32> = {
        let mut keys: Vec<(&str, u32)> = rows.iter().enumerate().map(|(i, p)| (p.person.as_str(), i as u32)).collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, from)| from).collect()
    };
    crate::permute::into_order(rows, order);
}

/// Sets what a shared report publishes of one row: no name, birth date, first day or exact
/// FTE; the age band, posts and units as the disclosure control shows them; and, for a post
/// shown without its function, nothing that names the function.
fn publish_fields(p: &mut Placement, shown: &disclosure::Published) {
    p.name = None;
    p.birth_date = None;
    p.service_start = None;
    // The exact FTE is published as a band only: infinite here, `null` in the JSON.
    p.fte = f64::INFINITY;
    p.age_band = shown.age.clone();
    p.old_post = shown.old_post.clone();
    p.new_post =
        p.new_post.as_ref().map(|_| shown.new_post.clone().unwrap_or_else(|| disclosure::SUPPRESSED.to_owned()));
    if shown.detail != disclosure::PostDetail::UnitAndFunction {
        p.old_unit = shown.old_unit.clone();
        p.new_unit = shown.new_unit.clone();
        p.old_function = None;
        p.new_function = None;
        p.old_scale = None;
        p.new_scale = None;
        p.scale_change = None;
        // The overlap is the function's (the function table lists it): it would name it.
        p.overlap = None;
        p.successor_post = None;
        p.preferences.clear();
        p.open_posts_more += p.open_posts.len();
        p.open_posts.clear();
        if shown.detail != disclosure::PostDetail::Unit {
            p.successor_unit = None;
        }
    }
}

/// Redacts the reasons and the van-werk-naar-werk note of every row that `owns` gives its
/// own words and age detail for (see [`redact_row`]); rows with `None` are left as they
/// are. With `two_threads`, the two halves of the rows are redacted at once.
fn redact_rows(
    rows: &mut [Placement],
    owns: &[Option<(HashMap<String, String>, bool)>],
    words: &HashMap<String, String>,
    dates: &HashSet<String>,
    threshold: &[String],
    two_threads: bool,
) {
    let each = |p: &mut Placement, own: &Option<(HashMap<String, String>, bool)>| {
        if let Some((own, exact_age)) = own {
            redact_row(p, own, *exact_age, words, dates, threshold);
        }
    };
    if two_threads {
        crate::par::each_in_halves(rows, owns, each, true);
    } else {
        for (p, own) in rows.iter_mut().zip(owns) {
            each(p, own);
        }
    }
}

/// Redacts one row's reasons: age bands (unless the age is published exactly), keys of
/// people and posts (`own` first, then `words`), function numbers when the row has words
/// of its own to hide (but the statute's `threshold`), the dates in `dates` and years of service; and the years of service
/// in its van-werk-naar-werk note.
fn redact_row(
    p: &mut Placement,
    own: &HashMap<String, String>,
    exact_age: bool,
    words: &HashMap<String, String>,
    dates: &HashSet<String>,
    threshold: &[String],
) {
    for reason in &mut p.reasons {
        reason.redact(|text| {
            let text = if exact_age { text.to_owned() } else { privacy::scrub_age_bands(text) };
            let text = privacy::rewrite_ticked_with(&text, |w| own.get(w).or_else(|| words.get(w)).map(String::as_str));
            let text = if own.is_empty() { text } else { privacy::scrub_function_numbers(&text, threshold) };
            privacy::scrub_service_years(&privacy::scrub_dates(&text, dates))
        });
    }
    if let Some(v) = &mut p.vwnw {
        v.note = privacy::scrub_service_years(&v.note);
    }
}

/// `besparing € 1.000,00`, or for a cost increase `meerkosten € 1.000,00`: never a
/// negative saving. The sign is decided on the amount as shown, in cents, so a change
/// below half a cent is a saving of `€ 0,00`.
/// The words of a person's own row that their published post withholds, each with what
/// the shared report says instead: the functions once the post is generalised, the units
/// too once it is lifted above them.
fn own_words(p: &Placement, shown: &disclosure::Published) -> HashMap<String, String> {
    use disclosure::PostDetail;
    let mut own = HashMap::default();
    if shown.detail == PostDetail::UnitAndFunction {
        return own;
    }
    let hide = if shown.detail == PostDetail::Suppressed { disclosure::SUPPRESSED } else { "…" };
    for f in [&p.old_function, &p.new_function].into_iter().flatten() {
        own.insert(f.clone(), hide.to_owned());
    }
    for f in &p.preferences {
        own.insert(f.clone(), hide.to_owned());
    }
    for o in &p.open_posts {
        own.insert(o.post.clone(), hide.to_owned());
        own.insert(o.function.clone(), hide.to_owned());
    }
    if let Some(sp) = &p.successor_post {
        own.insert(sp.clone(), hide.to_owned());
    }
    if shown.detail != PostDetail::Unit {
        let old = shown.old_unit.clone().unwrap_or_else(|| disclosure::SUPPRESSED.to_owned());
        let new = shown.new_unit.clone().unwrap_or_else(|| disclosure::SUPPRESSED.to_owned());
        for (u, to) in [(&p.old_unit, &old), (&p.new_unit, &new), (&p.successor_unit, &new)] {
            if let Some(u) = u {
                own.insert(u.clone(), format!("{to}/*"));
            }
        }
        if shown.detail == PostDetail::Suppressed {
            for u in [&p.old_unit, &p.new_unit, &p.successor_unit].into_iter().flatten() {
                own.insert(u.clone(), disclosure::SUPPRESSED.to_owned());
            }
        }
    }
    own
}

fn savings(lang: Language, savings: f64) -> String {
    let w = lang.words();
    let n = lang.style();
    if crate::number::rounded(savings, 2) < 0.0 {
        format!("{} {}", w.extra_cost, n.euros(-savings))
    } else {
        format!("{} {}", w.savings, n.euros(savings))
    }
}

/// The first letter in upper case: a word of the catalogue at the start of a sentence.
fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn basis_note(
    lang: Language,
    basis: Basis,
    reason: Option<&str>,
    computed: Option<&super::compare::Computed>,
) -> String {
    let w = lang.words();
    match basis {
        Basis::Computed => format!(" ({})", w.computed),
        Basis::Mapping => {
            let c = computed.map_or(String::new(), |c| {
                format!(
                    "; {}: {} {}",
                    w.computed,
                    c.successor.as_deref().unwrap_or(&format!("({})", w.none)),
                    lang.style().percent(c.overlap)
                )
            });
            format!(" ({}{}{c})", w.mapping, reason.map_or(String::new(), |r| format!(": {r}")))
        }
    }
}

/// One of the interested in a vacancy, in the text report: the key and the name as the
/// employee's own line gives them, with the outcome, `p08 (Hanneke Jansen, boventallig)`;
/// the key and the outcome when there is no name (a shared report has only pseudonyms).
fn interested_named(person: &str, outcome: &str, names: &std::collections::HashMap<&str, &str>) -> String {
    match names.get(person) {
        Some(name) => format!("{} ({}, {outcome})", Shown(person), Shown(name)),
        None => format!("{} ({outcome})", Shown(person)),
    }
}

fn scale_note(lang: Language, p: &Placement) -> String {
    let w = lang.words();
    match (p.old_scale, p.new_scale) {
        (Some(a), Some(b)) if a != b => {
            format!(
                " ({} {a} → {b}{})",
                w.scale,
                if p.salary_guarantee { format!(", {}", w.salary_guarantee) } else { String::new() }
            )
        }
        (Some(a), Some(_)) => format!(" ({} {a})", w.scale),
        _ => String::new(),
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the payroll does, the line names a saving or an extra cost with an
        /// amount that is not negative, and the amount is the change as shown in cents.
        #[test]
        fn a_saving_or_extra_cost_is_never_negative(x in -1e12f64..1e12) {
            for lang in Language::ALL {
                let line = savings(lang, x);
                let w = lang.words();
                let shown = lang.style().euros(x.abs());
                prop_assert!(!line.contains('-'), "{line}");
                if crate::number::rounded(x, 2) < 0.0 {
                    prop_assert_eq!(line, format!("{} {shown}", w.extra_cost));
                } else {
                    prop_assert_eq!(line, format!("{} {shown}", w.savings));
                }
            }
        }
    }

    /// The shared reports of the transition fixture and two examples, their rows redacted on
    /// one thread and on two, and once more with the rows repeated under other person keys
    /// (so that both halves hold rows of every kind): the same report each time.
    #[test]
    fn rows_redacted_on_two_threads_are_as_on_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |path: std::path::PathBuf| std::fs::read_to_string(path).unwrap();
        let key = PseudonymKey::from_bytes([7; 32]);
        for (dir, input, statute) in [
            ("tests/fixtures/transition", "mapping.toml", "almelo-2018"),
            ("examples/data/almelo-2018", "transition.toml", "almelo-2018"),
            ("examples/data/gemeente-2024", "transition.toml", "cao-gemeenten-2020"),
        ] {
            let dir = root.join(dir);
            let design = |name: &str| crate::format::from_json(read(dir.join(name)).as_bytes()).unwrap();
            let input = TransitionInput::from_toml(&read(dir.join(input))).unwrap();
            let statute = Statute::preset(statute).unwrap();
            let report = super::super::transition(&design("old.json"), &design("new.json"), &statute, &input).unwrap();
            let mut repeated = report.clone();
            for copy in 1..4 {
                repeated.employees.extend(report.employees.iter().cloned().map(|mut p| {
                    p.person = format!("{}-copy{copy}", p.person);
                    p
                }));
            }
            for r in [&report, &repeated] {
                let one = r.pseudonymised_on(&key, false);
                assert_eq!(r.pseudonymised_on(&key, true), one, "{}", dir.display());
                assert_eq!(r.pseudonymised(&key), one);
            }
        }
    }

    #[test]
    fn less_than_half_a_cent_more_is_no_extra_cost() {
        assert_eq!(savings(Language::Dutch, -0.004), "besparing € 0,00");
        assert_eq!(savings(Language::Dutch, -0.005), "meerkosten € 0,01");
        assert_eq!(savings(Language::English, -116_000.0), "extra cost € 116,000.00");
        assert_eq!(savings(Language::Dutch, f64::NAN), "besparing niet te berekenen");
    }
}
