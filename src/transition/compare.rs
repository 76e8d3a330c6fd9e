//! Function comparison: how much of each old function recurs in the new functieboek.
//!
//! A function is a set of tasks with weights. For an old function *o* and a new
//! function *n*, the **overlap** is the share of *o*'s total task weight that
//! sits in tasks that *n* also has (tasks match by name), and the **change** is
//! `1 − overlap`: 0% when every task recurs, 100% when none does. The weight a
//! task has in *n* does not matter for the overlap: the question the statute
//! asks is how much of the *old* work returns.
//!
//! Worked example. The old function *Medewerker Wmo* has three tasks:
//! `intake` (weight 4), `indicatie` (4) and `archief` (2), 10 in all. The new
//! function *Consulent Sociaal* has `intake`, `indicatie` and `huisbezoek`.
//! The tasks that recur weigh 4 + 4 = 8, so the overlap is 8 / 10 = 80% and
//! the change 20%. Under Almelo's threshold of 30% the old function is
//! **ongewijzigd**, and its holders follow it. Had `indicatie` weighed 6, the
//! total would be 12, the overlap 8 / 12 = 67% and the change 33%: above 30%,
//! so **gewijzigd**.
//!
//! The **best successor** of an old function is the new function with the
//! highest overlap. Ties go to the new function in which the recurring tasks
//! weigh most (the one with the least new work), then to the lowest code. To
//! find it without comparing every function with every other, an inverted
//! index maps each task name to the new functions that have it; only new
//! functions sharing at least one task with the old one are looked at.
//!
//! Status of an old function: **ongewijzigd** when its best successor changes
//! it by at most the threshold; **gewijzigd** when by more; **vervallen** when
//! no new function shares a task with it. A new function is **ongewijzigd**
//! when some old function follows into it, **gewijzigd** when it shares tasks
//! with the old functieboek but nobody follows into it, and **nieuw** when none
//! of its tasks existed before: a vacancy filled by selection on quality. An
//! explicit mapping in the transition input overrides the computed successor
//! and overlap, and the report says so.

use std::collections::BTreeMap;

use super::fx::HashMap;

use serde::Serialize;

use super::Side;
use super::input::TransitionInput;
use super::statute::Statute;
use crate::diagnostic::natural_cmp;
use crate::model::{Design, Function};
use crate::problem::{LoadError, Problem};

/// Changes this close to the threshold count as equal to it, so that 7/10 is
/// exactly 70% and not 69.999…%.
pub(crate) const EPSILON: f64 = 1e-9;

/// The status of a function in the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum FunctionStatus {
    /// Unchanged: changed by at most the threshold. Its holders are functievolgers.
    Ongewijzigd,
    /// Changed by more than the threshold. Its holders are herplaatsingskandidaten.
    Gewijzigd,
    /// Lapsed: no new function shares a task with it.
    Vervallen,
    /// New: none of its tasks existed in the old functieboek. A vacancy, filled by selection on quality.
    Nieuw,
}

impl FunctionStatus {
    /// The Dutch name.
    pub fn as_str(self) -> &'static str {
        match self {
            FunctionStatus::Ongewijzigd => "ongewijzigd",
            FunctionStatus::Gewijzigd => "gewijzigd",
            FunctionStatus::Vervallen => "vervallen",
            FunctionStatus::Nieuw => "nieuw",
        }
    }
}

/// Where a successor and overlap came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Basis {
    /// Computed from the task weights.
    Computed,
    /// Given by people in an explicit mapping.
    Mapping,
}

/// One old function: was → wordt.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OldFunction {
    /// The old function's code.
    pub function: String,
    /// Its title.
    pub title: String,
    /// Its (highest) scale.
    pub scale: Option<u8>,
    /// The successor's code, if any.
    pub successor: Option<String>,
    /// The successor's title.
    pub successor_title: Option<String>,
    /// The share (0 to 1) of the old task weight that recurs in the successor.
    #[serde(serialize_with = "crate::number::json::share")]
    pub overlap: f64,
    /// `1 − overlap`.
    #[serde(serialize_with = "crate::number::json::share")]
    pub change: f64,
    /// The status.
    pub status: FunctionStatus,
    /// Whether the successor and overlap were computed or given.
    pub basis: Basis,
    /// The reason given with an explicit mapping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When a mapping was used: what harkje computed, for comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Computed>,
    /// Tasks that recur in the successor.
    pub recurring_tasks: Vec<String>,
    /// Tasks that do not recur in the successor.
    pub lapsed_tasks: Vec<String>,
    /// The uitwisselbaar group the function belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// The computed successor of an old function, shown next to an explicit mapping.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Computed {
    /// The computed best successor.
    pub successor: Option<String>,
    /// Its overlap.
    #[serde(serialize_with = "crate::number::json::share")]
    pub overlap: f64,
}

/// One new function.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NewFunction {
    /// The code.
    pub function: String,
    /// The title.
    pub title: String,
    /// Its (highest) scale.
    pub scale: Option<u8>,
    /// Ongewijzigd (someone follows into it), gewijzigd, or nieuw.
    pub status: FunctionStatus,
    /// The old functions whose successor it is, in code order.
    pub predecessors: Vec<String>,
}

/// The function comparison of a reorganisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Comparison {
    /// The threshold used.
    #[serde(serialize_with = "crate::number::json::share")]
    pub threshold: f64,
    /// Old functions, by code.
    pub old: Vec<OldFunction>,
    /// New functions, by code.
    pub new: Vec<NewFunction>,
}

/// The comparison plus the indices placement needs.
pub(crate) struct Indexed {
    pub comparison: Comparison,
    /// Old function key → index in `comparison.old`.
    pub old_index: HashMap<String, usize>,
    /// New function key → index in `comparison.new`.
    pub new_index: HashMap<String, usize>,
    /// Per old function: the new functions sharing a task with it, with the overlap, best first.
    pub related: Vec<Vec<(usize, f64)>>,
    /// Per old function: its uitwisselbaar group index.
    pub group_of: Vec<Option<usize>>,
}

struct Prepared<'a> {
    f: &'a Function,
    /// Tasks merged by name: (name, weight), in first-seen order.
    tasks: Vec<(&'a str, f64)>,
    total: f64,
}

fn prepare<'a>(
    design: &'a Design,
    side: Side,
    exempt: &dyn Fn(&str) -> bool,
    problems: &mut Vec<Problem>,
) -> Vec<Prepared<'a>> {
    let mut out: Vec<Prepared<'a>> = Vec::with_capacity(design.functions().len());
    for f in design.functions() {
        let mut tasks: Vec<(&str, f64)> = Vec::with_capacity(f.tasks.len());
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for (i, t) in f.tasks.iter().enumerate() {
            if !(t.weight.is_finite() && t.weight > 0.0) {
                problems.push(side.problem(
                    format!("functions/{}/tasks/{i}", f.key),
                    format!(
                        "task `{}` of function `{}` has weight {}, but weights must be positive",
                        t.name, f.key, t.weight
                    ),
                ));
                continue;
            }
            match seen.get(t.name.as_str()) {
                Some(&j) => tasks[j].1 += t.weight,
                None => {
                    seen.insert(t.name.as_str(), tasks.len());
                    tasks.push((t.name.as_str(), t.weight));
                }
            }
        }
        if f.tasks.is_empty() && !exempt(&f.key) {
            problems.push(side.problem(format!("functions/{}", f.key),
                format!(
                    "function `{}` has no tasks, so it cannot be compared; give its tasks with weights, or map it in the transition input",
                    f.key
                ),
            ));
        }
        let total = tasks.iter().map(|t| t.1).sum();
        out.push(Prepared { f, tasks, total });
    }
    out.sort_by(|a, b| natural_cmp(&a.f.key, &b.f.key));
    out
}

/// Compares the functieboeken of two designs under a statute.
///
/// # Errors
/// A function without tasks (unless an explicit mapping covers it), a task
/// weight that is not positive, or a mapping or group that names a function
/// that does not exist.
///
/// # Complexity
/// Linear in the number of (old task, new function having that task) pairs,
/// through an inverted index over task names.
pub fn compare(
    old: &Design,
    new: &Design,
    statute: &Statute,
    input: &TransitionInput,
) -> Result<Comparison, LoadError> {
    compare_indexed(old, new, statute, input).map(|i| i.comparison)
}

pub(crate) fn compare_indexed(
    old: &Design,
    new: &Design,
    statute: &Statute,
    input: &TransitionInput,
) -> Result<Indexed, LoadError> {
    let mut problems = Vec::new();
    // Validate the explicit mappings and groups.
    let mut mapping: HashMap<&str, usize> = HashMap::default();
    let mut mapped_new: HashMap<&str, ()> = HashMap::default();
    for (i, m) in input.mappings.iter().enumerate() {
        if old.function_by_key(&m.old).is_none() {
            problems.push(input.problem_at(
                format!("/mapping/{i}/old"),
                format!("the mapping names old function `{}`, which is not in the old design", m.old),
            ));
        } else {
            mapping.insert(m.old.as_str(), i);
        }
        if let Some(n) = &m.new {
            if new.function_by_key(n).is_none() {
                problems.push(input.problem_at(
                    format!("/mapping/{i}/new"),
                    format!("the mapping names new function `{n}`, which is not in the new design"),
                ));
            } else {
                mapped_new.insert(n.as_str(), ());
            }
        }
    }
    let mut group_by_key: HashMap<&str, usize> = HashMap::default();
    for (g, group) in input.interchangeable.iter().enumerate() {
        for (j, f) in group.functions.iter().enumerate() {
            if old.function_by_key(f).is_none() {
                problems.push(input.problem_at(
                    format!("/uitwisselbaar/{g}/functions/{j}"),
                    format!("group `{}` names old function `{f}`, which is not in the old design", group.name),
                ));
            } else if let Some(other) = group_by_key.insert(f.as_str(), g)
                && other != g
            {
                problems.push(input.problem_at(
                    format!("/uitwisselbaar/{g}/functions/{j}"),
                    format!(
                        "function `{f}` is in two uitwisselbaar groups, `{}` and `{}`",
                        input.interchangeable[other].name, group.name
                    ),
                ));
            }
        }
    }
    let olds = prepare(old, Side::Old, &|k| mapping.contains_key(k), &mut problems);
    let news = prepare(new, Side::New, &|k| mapped_new.contains_key(k), &mut problems);
    if !problems.is_empty() {
        return Err(super::error(problems));
    }

    // The inverted index: task name → (new function, weight of the task in it).
    let mut index: HashMap<&str, Vec<(usize, f64)>> = HashMap::default();
    let mut old_tasks: HashMap<&str, ()> = HashMap::default();
    for (j, n) in news.iter().enumerate() {
        for &(name, w) in &n.tasks {
            index.entry(name).or_default().push((j, w));
        }
    }
    for o in &olds {
        for &(name, _) in &o.tasks {
            old_tasks.insert(name, ());
        }
    }
    let new_index: HashMap<String, usize> = news.iter().enumerate().map(|(j, n)| (n.f.key.clone(), j)).collect();

    let mut rows = Vec::with_capacity(olds.len());
    let mut related_all = Vec::with_capacity(olds.len());
    let mut group_of = Vec::with_capacity(olds.len());
    // Per new function: recurring weight in it, from the current old function.
    let mut rec_old: Vec<f64> = vec![0.0; news.len()];
    let mut rec_new: Vec<f64> = vec![0.0; news.len()];
    let mut touched: Vec<usize> = Vec::new();
    for o in &olds {
        for &(name, w) in &o.tasks {
            if let Some(hits) = index.get(name) {
                for &(j, wn) in hits {
                    if rec_old[j] == 0.0 && rec_new[j] == 0.0 {
                        touched.push(j);
                    }
                    rec_old[j] += w;
                    rec_new[j] += wn;
                }
            }
        }
        let mut related: Vec<(usize, f64, f64)> = touched
            .iter()
            .map(|&j| {
                let ov = if o.total > 0.0 { rec_old[j] / o.total } else { 0.0 };
                let cov = if news[j].total > 0.0 { rec_new[j] / news[j].total } else { 0.0 };
                (j, ov, cov)
            })
            .collect();
        for &j in &touched {
            rec_old[j] = 0.0;
            rec_new[j] = 0.0;
        }
        touched.clear();
        // `news` is in natural code order, so the index breaks the last tie by code.
        related.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
        let best = related.first().map(|&(j, ov, _)| (j, ov));
        let (successor, overlap, basis, reason, computed) = match mapping.get(o.f.key.as_str()) {
            Some(&i) => {
                let m = &input.mappings[i];
                let succ = m.new.as_ref().and_then(|k| new_index.get(k).copied());
                let computed = Computed {
                    successor: best.map(|(j, _)| news[j].f.key.clone()),
                    overlap: best.map_or(0.0, |b| b.1),
                };
                (succ, m.overlap, Basis::Mapping, m.reason.clone(), Some(computed))
            }
            None => (best.map(|b| b.0), best.map_or(0.0, |b| b.1), Basis::Computed, None, None),
        };
        let change = 1.0 - overlap;
        let status = match successor {
            None => FunctionStatus::Vervallen,
            Some(_) if basis == Basis::Computed && overlap <= 0.0 => FunctionStatus::Vervallen,
            Some(_) if change <= statute.threshold + EPSILON => FunctionStatus::Ongewijzigd,
            Some(_) => FunctionStatus::Gewijzigd,
        };
        let (recurring_tasks, lapsed_tasks) = match successor {
            Some(j) => {
                let names: HashMap<&str, ()> = news[j].tasks.iter().map(|t| (t.0, ())).collect();
                type Tasks<'t> = Vec<&'t (&'t str, f64)>;
                let (r, l): (Tasks, Tasks) = o.tasks.iter().partition(|t| names.contains_key(t.0));
                (r.into_iter().map(|t| t.0.to_owned()).collect(), l.into_iter().map(|t| t.0.to_owned()).collect())
            }
            None => (Vec::new(), o.tasks.iter().map(|t| t.0.to_owned()).collect()),
        };
        let group = group_by_key.get(o.f.key.as_str()).copied();
        group_of.push(group);
        rows.push(OldFunction {
            function: o.f.key.clone(),
            title: o.f.title.clone(),
            scale: o.f.scale_max.or(o.f.scale_min),
            successor: successor.map(|j| news[j].f.key.clone()),
            successor_title: successor.map(|j| news[j].f.title.clone()),
            overlap,
            change,
            status,
            basis,
            reason,
            computed,
            recurring_tasks,
            lapsed_tasks,
            group: group.map(|g| input.interchangeable[g].name.clone()),
        });
        let mut rel: Vec<(usize, f64)> = related.into_iter().map(|(j, ov, _)| (j, ov)).collect();
        if let (Basis::Mapping, Some(j)) = (basis, successor) {
            rel.retain(|r| r.0 != j);
            rel.insert(0, (j, overlap));
        }
        related_all.push(rel);
    }

    let mut predecessors: Vec<Vec<String>> = vec![Vec::new(); news.len()];
    let mut followed: Vec<bool> = vec![false; news.len()];
    for r in &rows {
        if let Some(j) = r.successor.as_ref().and_then(|k| new_index.get(k)) {
            predecessors[*j].push(r.function.clone());
            if r.status == FunctionStatus::Ongewijzigd {
                followed[*j] = true;
            }
        }
    }
    let new_rows: Vec<NewFunction> = news
        .iter()
        .enumerate()
        .map(|(j, n)| {
            let existed =
                n.tasks.iter().any(|t| old_tasks.contains_key(t.0)) || mapped_new.contains_key(n.f.key.as_str());
            NewFunction {
                function: n.f.key.clone(),
                title: n.f.title.clone(),
                scale: n.f.scale_max.or(n.f.scale_min),
                status: if followed[j] {
                    FunctionStatus::Ongewijzigd
                } else if existed {
                    FunctionStatus::Gewijzigd
                } else {
                    FunctionStatus::Nieuw
                },
                predecessors: std::mem::take(&mut predecessors[j]),
            }
        })
        .collect();
    let old_index = rows.iter().enumerate().map(|(i, r)| (r.function.clone(), i)).collect();
    Ok(Indexed {
        comparison: Comparison { threshold: statute.threshold, old: rows, new: new_rows },
        old_index,
        new_index,
        related: related_all,
        group_of,
    })
}

/// Counts old functions per status, for summaries.
pub fn status_counts(c: &Comparison) -> BTreeMap<FunctionStatus, usize> {
    let mut m = BTreeMap::new();
    for r in &c.old {
        *m.entry(r.status).or_insert(0) += 1;
    }
    for r in &c.new {
        if r.status == FunctionStatus::Nieuw {
            *m.entry(r.status).or_insert(0) += 1;
        }
    }
    m
}
