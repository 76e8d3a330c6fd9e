//! Statistical disclosure control of a shared report: generalise the published fields step
//! by step until every combination is shared by at least k people, and suppress (as a marked
//! cell) what is still unique.
//!
//! The published fields a colleague may know of a person are the old post (unit and
//! function), the new post (unit and function, `—` for nobody placed), the age band, the
//! service band and the FTE band. The outcome (functievolger, passend, …) is what the report
//! is for: it is never generalised, so every row stays in the report and the totals per
//! outcome add up.
//!
//! The steps, the same for everyone who shares a published post:
//!
//! 1. **The posts.** People are grouped by their pair of post labels. A group of at least k
//!    keeps its labels. The people of a smaller group are lifted one step and grouped again
//!    with everyone else lifted that far: `unit / function` → `unit` (the function and the
//!    scales withheld) → `parent/*` (somewhere in the parent unit) → the grandparent → … up
//!    to the top unit. Whoever is still in a group smaller than k at the top is suppressed:
//!    post labels `■`, every band withheld.
//! 2. **The bands**, per group that kept or reached a post label: the first step in which
//!    every combination of the bands inside the group is shared by at least k. Each band is
//!    exact (age `35–45`, service `5–10`, FTE `50–80%`), wide (age `35–55`, service `5–20`,
//!    FTE `< 100%`) or withheld; the steps go from all exact, through exact age and service
//!    without FTE, the exact age band alone (what afspiegeling turns on), all wide, and wide
//!    age and service, to one wide band, to none.
//!
//! Both steps are deterministic (they depend on the labels alone, not on any order) and
//! linear: one hash map per round, and a round per level of the unit tree.

use serde::Serialize;

use super::fx::HashMap;

/// The mark of a suppressed cell.
pub const SUPPRESSED: &str = "■";

/// How much of a person's posts a shared report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PostDetail {
    /// Unit and function: `financien / F-FIN`.
    UnitAndFunction,
    /// The unit only: `financien`; function and scale withheld.
    Unit,
    /// A unit above it: `bedrijfsvoering/*`, somewhere in that unit or below.
    WiderUnit,
    /// Suppressed: `■`.
    Suppressed,
}

/// How much of a band a shared report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BandDetail {
    /// The band as it is.
    Exact,
    /// A wider band.
    Wide,
    /// Withheld (a marked cell).
    Withheld,
}

/// The FTE band of an FTE, as a share of full time: `0–50%`, `50–80%`, `80–100%`, `100%`.
pub fn fte_band(fte: f64) -> &'static str {
    if fte < 0.5 - 1e-9 {
        "0–50%"
    } else if fte < 0.8 - 1e-9 {
        "50–80%"
    } else if fte < 1.0 - 1e-9 {
        "80–100%"
    } else {
        "100%"
    }
}

/// The wide form of an age band: `15–35`, `35–55`, `55+`.
fn wide_age(band: &str) -> &'static str {
    match band {
        "15–25" | "25–35" => "15–35",
        "35–45" | "45–55" => "35–55",
        _ => "55+",
    }
}

/// The wide form of a service band: `0–5`, `5–20`, `20+`.
fn wide_service(band: &str) -> &'static str {
    match band {
        "0–2" | "2–5" => "0–5",
        "5–10" | "10–20" => "5–20",
        _ => "20+",
    }
}

/// The wide form of an FTE band: part time (`< 100%`) or full time.
fn wide_fte(band: &str) -> &'static str {
    if band == "100%" { "100%" } else { "< 100%" }
}

/// What is known of one row before disclosure control.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row<'a> {
    pub old_unit: Option<&'a str>,
    pub old_function: Option<&'a str>,
    /// `None` when the person is not placed.
    pub new_post: Option<(Option<&'a str>, Option<&'a str>)>,
    pub age: Option<&'a str>,
    pub service: Option<&'a str>,
    pub fte: Option<&'static str>,
}

/// What a shared report publishes of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Published {
    pub detail: PostDetail,
    pub old_post: String,
    /// `None` when the person is not placed.
    pub new_post: Option<String>,
    /// The units as published (`None` when withheld, or suppressed).
    pub old_unit: Option<String>,
    pub new_unit: Option<String>,
    pub age: Option<String>,
    pub service: Option<String>,
    pub fte: Option<String>,
    pub age_detail: BandDetail,
    pub service_detail: BandDetail,
    pub fte_detail: BandDetail,
}

/// How often a published field was shown as it is, generalised or withheld.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FieldDisclosure {
    /// The field: `post`, `age_band`, `service_band` or `fte_band`.
    pub field: String,
    /// Rows that show it as it is.
    pub exact: usize,
    /// Rows that show it generalised (a wider band; for the post the unit alone or a unit
    /// above it).
    pub generalised: usize,
    /// Rows where it is withheld: a marked cell (`■`), or a field that was unknown.
    pub withheld: usize,
}

/// The unit trees: unit key → parent unit key, of the old and the new design.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct UnitTrees {
    pub old: HashMap<String, String>,
    pub new: HashMap<String, String>,
}

/// The label of a side's post at a lift level: 0 unit / function, 1 unit, n ≥ 2 the
/// (n − 1)th unit above, clamped at the top. Returns the label and the unit key shown.
fn label(
    unit: Option<&str>,
    function: Option<&str>,
    level: usize,
    parents: &HashMap<String, String>,
) -> (String, Option<String>) {
    let u = unit.unwrap_or("-");
    match level {
        0 => (format!("{u} / {}", function.unwrap_or("-")), unit.map(str::to_owned)),
        1 => (u.to_owned(), unit.map(str::to_owned)),
        _ => {
            let mut at = u;
            for _ in 1..level {
                match parents.get(at) {
                    Some(p) => at = p,
                    None => break,
                }
            }
            (format!("{at}/*"), unit.map(|_| at.to_owned()))
        }
    }
}

/// How many units are above `unit`: the levels a row can be lifted before it is suppressed.
fn depth(unit: Option<&str>, parents: &HashMap<String, String>) -> usize {
    let Some(mut at) = unit else { return 0 };
    let mut n = 0;
    // The tree has no cycles (the design refuses them); the bound keeps a bad map finite.
    while let Some(p) = parents.get(at) {
        n += 1;
        at = p;
        if n > parents.len() {
            break;
        }
    }
    n
}

/// The published labels of a row at a level.
fn labels(row: &Row<'_>, level: usize, trees: &UnitTrees) -> (String, Option<String>, Option<String>, Option<String>) {
    let (old, old_unit) = label(row.old_unit, row.old_function, level, &trees.old);
    let (new, new_unit) = match row.new_post {
        Some((u, f)) => {
            let (l, unit) = label(u, f, level, &trees.new);
            (Some(l), unit)
        }
        None => (None, None),
    };
    (old, new, old_unit, new_unit)
}

/// The band steps, finest first: for age, service and FTE, each exact, wide or withheld.
/// Age and service (what afspiegeling and anciënniteit turn on) are kept longest.
const STEPS: [[BandDetail; 3]; 9] = {
    use BandDetail::{Exact as E, Wide as W, Withheld as N};
    [[E, E, E], [E, E, N], [E, N, N], [W, W, W], [W, W, N], [W, N, N], [N, W, N], [N, N, W], [N, N, N]]
};

/// The bands of one row under a band step (an index into [`STEPS`]).
fn bands(row: &Row<'_>, step: usize) -> [Option<&'static str>; 3] {
    let [a, s, f] = STEPS[step.min(STEPS.len() - 1)];
    let pick = |value: Option<&str>, detail: BandDetail, wide: fn(&str) -> &'static str| match detail {
        BandDetail::Exact => value.map(leak),
        BandDetail::Wide => value.map(wide),
        BandDetail::Withheld => None,
    };
    [pick(row.age, a, wide_age), pick(row.service, s, wide_service), pick(row.fte, f, wide_fte)]
}

/// The exact bands as `'static` words: every band harkje writes is one of these.
fn leak(band: &str) -> &'static str {
    const ALL: [&str; 15] = [
        "15–25",
        "25–35",
        "35–45",
        "45–55",
        "55+",
        "AOW",
        "0–2",
        "2–5",
        "5–10",
        "10–20",
        "20+",
        "0–50%",
        "50–80%",
        "80–100%",
        "100%",
    ];
    ALL.iter().find(|b| **b == band).copied().unwrap_or(SUPPRESSED)
}

/// Runs both steps over `rows` with threshold `k`: the published form of every row, in the
/// order of `rows`.
pub(crate) fn protect(rows: &[Row<'_>], trees: &UnitTrees, k: u32) -> Vec<Published> {
    let k = usize::try_from(k).unwrap_or(usize::MAX).max(1);
    let mut out: Vec<Option<Published>> = vec![None; rows.len()];
    let max_level: Vec<usize> = rows
        .iter()
        .map(|r| {
            let new_depth = r.new_post.map_or(0, |(u, _)| depth(u, &trees.new));
            // Unit and function, the unit, then `unit/*` for the unit itself and each above it.
            2 + depth(r.old_unit, &trees.old).max(new_depth)
        })
        .collect();
    let mut active: Vec<usize> = (0..rows.len()).collect();
    let mut level = 0;
    // A row is lifted one level per round until it reaches the top of its tree; there it
    // waits, so that rows from deeper units that reach the same top later join its group.
    let at = |i: usize, level: usize| level.min(max_level[i]);
    while !active.is_empty() {
        let mut groups: HashMap<(String, Option<String>), Vec<usize>> = HashMap::default();
        for &i in &active {
            let (old, new, _, _) = labels(&rows[i], at(i, level), trees);
            groups.entry((old, new)).or_default().push(i);
        }
        let mut next = Vec::new();
        let mut moved = false;
        for members in groups.into_values() {
            if members.len() < k {
                moved |= members.iter().any(|&i| level < max_level[i]);
                next.extend(members);
                continue;
            }
            let step = (0..STEPS.len() - 1).find(|&s| bands_ok(rows, &members, s, k)).unwrap_or(STEPS.len() - 1);
            for i in members {
                let (old_post, new_post, old_unit, new_unit) = labels(&rows[i], at(i, level), trees);
                let [age, service, fte] = bands(&rows[i], step);
                let detail_of =
                    |shown: Option<&str>, d: BandDetail| if shown.is_some() { d } else { BandDetail::Withheld };
                let [da, ds, df] = STEPS[step];
                out[i] = Some(Published {
                    detail: match at(i, level) {
                        0 => PostDetail::UnitAndFunction,
                        1 => PostDetail::Unit,
                        _ => PostDetail::WiderUnit,
                    },
                    old_post,
                    new_post,
                    old_unit,
                    new_unit,
                    age_detail: detail_of(age, da),
                    service_detail: detail_of(service, ds),
                    fte_detail: detail_of(fte, df),
                    age: age.map(str::to_owned),
                    service: service.map(str::to_owned),
                    fte: fte.map(str::to_owned),
                });
            }
        }
        if !moved {
            // Nobody left can be lifted further: what is still in a small group is suppressed.
            for i in next {
                out[i] = Some(suppressed());
            }
            break;
        }
        // Sorted so that the next round's groups fill in the same order every run.
        next.sort_unstable();
        active = next;
        level += 1;
    }
    out.into_iter().map(|p| p.unwrap_or_else(suppressed)).collect()
}

/// Whether every combination of the bands under `step` inside a group is shared by k.
fn bands_ok(rows: &[Row<'_>], members: &[usize], step: usize, k: usize) -> bool {
    let mut counts: HashMap<[Option<&'static str>; 3], usize> = HashMap::default();
    for &i in members {
        *counts.entry(bands(&rows[i], step)).or_default() += 1;
    }
    counts.values().all(|n| *n >= k)
}

fn suppressed() -> Published {
    Published {
        detail: PostDetail::Suppressed,
        old_post: SUPPRESSED.to_owned(),
        new_post: None,
        old_unit: None,
        new_unit: None,
        age: None,
        service: None,
        fte: None,
        age_detail: BandDetail::Withheld,
        service_detail: BandDetail::Withheld,
        fte_detail: BandDetail::Withheld,
    }
}

/// How often each published field was shown, generalised or withheld.
pub(crate) fn summary(published: &[Published]) -> Vec<FieldDisclosure> {
    let mut post = FieldDisclosure { field: "post".into(), ..FieldDisclosure::default() };
    let mut fields: [FieldDisclosure; 3] = ["age_band", "service_band", "fte_band"]
        .map(|f| FieldDisclosure { field: f.into(), ..FieldDisclosure::default() });
    for p in published {
        match p.detail {
            PostDetail::UnitAndFunction => post.exact += 1,
            PostDetail::Unit | PostDetail::WiderUnit => post.generalised += 1,
            PostDetail::Suppressed => post.withheld += 1,
        }
        for (f, d) in fields.iter_mut().zip([p.age_detail, p.service_detail, p.fte_detail]) {
            match d {
                BandDetail::Exact => f.exact += 1,
                BandDetail::Wide => f.generalised += 1,
                BandDetail::Withheld => f.withheld += 1,
            }
        }
    }
    let [a, s, f] = fields;
    vec![post, a, s, f]
}

/// The published tuple of a row as [`super::privacy::SmallGroup::fields`] lists it; `None`
/// for a suppressed row (it publishes nothing to single anyone out by).
pub(crate) fn tuple(p: &Published) -> Option<[String; 5]> {
    if p.detail == PostDetail::Suppressed {
        return None;
    }
    let o = |x: &Option<String>| x.clone().unwrap_or_else(|| SUPPRESSED.to_owned());
    Some([
        p.old_post.clone(),
        p.new_post.clone().unwrap_or_else(|| "—".to_owned()),
        o(&p.age),
        o(&p.service),
        o(&p.fte),
    ])
}

/// Counts of rows per published combination (the tests check them).
#[cfg(test)]
pub(crate) fn counts<'a>(
    published: impl Iterator<Item = &'a Published>,
) -> std::collections::BTreeMap<[String; 5], usize> {
    let mut m = std::collections::BTreeMap::new();
    for t in published.filter_map(tuple) {
        *m.entry(t).or_default() += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn trees() -> UnitTrees {
        let mut t = UnitTrees::default();
        for (u, p) in [("a1", "a"), ("a2", "a"), ("a", "top"), ("b", "top")] {
            t.old.insert(u.into(), p.into());
            t.new.insert(u.into(), p.into());
        }
        t
    }

    const UNITS: [&str; 5] = ["a1", "a2", "a", "b", "top"];
    const FUNCTIONS: [&str; 3] = ["F-1", "F-2", "F-TM"];
    const AGES: [&str; 5] = ["15–25", "25–35", "35–45", "45–55", "55+"];
    const SERVICE: [&str; 5] = ["0–2", "2–5", "5–10", "10–20", "20+"];
    const FTES: [f64; 4] = [0.4, 0.6, 0.9, 1.0];

    fn row(spec: &(usize, usize, Option<(usize, usize)>, usize, usize, usize)) -> Row<'static> {
        let (u, f, new, a, s, x) = *spec;
        Row {
            old_unit: Some(UNITS[u]),
            old_function: Some(FUNCTIONS[f]),
            new_post: new.map(|(u, f)| (Some(UNITS[u]), Some(FUNCTIONS[f]))),
            age: Some(AGES[a]),
            service: Some(SERVICE[s]),
            fte: Some(fte_band(FTES[x])),
        }
    }

    proptest! {
        /// After disclosure control every combination of the published fields is shared by
        /// at least k people or suppressed; every row is published once; the result does not
        /// depend on the order of the rows.
        #[test]
        fn every_published_combination_is_shared_by_k(
            specs in proptest::collection::vec(
                (0..5usize, 0..3usize, proptest::option::of((0..5usize, 0..3usize)), 0..5usize, 0..5usize, 0..4usize),
                0..60,
            ),
            k in 1u32..6,
        ) {
            let rows: Vec<Row<'_>> = specs.iter().map(row).collect();
            let t = trees();
            let published = protect(&rows, &t, k);
            prop_assert_eq!(published.len(), rows.len());
            for (tuple, n) in counts(published.iter()) {
                prop_assert!(n >= k as usize, "{:?} shared by {}", tuple, n);
            }
            let s = summary(&published);
            for f in &s {
                prop_assert_eq!(f.exact + f.generalised + f.withheld, rows.len());
            }
            let mut reversed = rows.clone();
            reversed.reverse();
            let mut back = protect(&reversed, &t, k);
            back.reverse();
            prop_assert_eq!(back, published);
        }
    }

    #[test]
    fn a_unique_manager_is_lifted_and_the_team_keeps_its_function() {
        let t = trees();
        let mut rows: Vec<Row<'_>> = (0..4).map(|_| row(&(0, 0, Some((0, 0)), 2, 2, 3))).collect();
        rows.push(row(&(0, 2, Some((0, 2)), 3, 4, 3)));
        rows.push(row(&(1, 2, Some((1, 2)), 3, 4, 3)));
        rows.push(row(&(3, 2, Some((3, 2)), 3, 4, 3)));
        let p = protect(&rows, &t, 3);
        assert_eq!(p[0].old_post, "a1 / F-1");
        assert_eq!(p[0].age.as_deref(), Some("35–45"));
        // The three managers: alone in their units, alone under `a`, together under `top`.
        assert_eq!(p[4].old_post, "top/*");
        assert_eq!(p[4].detail, PostDetail::WiderUnit);
        assert_eq!(p[6].new_post.as_deref(), Some("top/*"));
        // The three share their bands, so the bands stay exact.
        assert_eq!(p[4].age.as_deref(), Some("45–55"));
        // One alone in every way is suppressed.
        let p = protect(&[row(&(3, 0, None, 0, 0, 0))], &t, 3);
        assert_eq!(p[0].detail, PostDetail::Suppressed);
        assert_eq!(p[0].old_post, SUPPRESSED);
    }

    #[test]
    fn fte_bands_split_part_time() {
        assert_eq!(fte_band(0.4999999999), "50–80%");
        assert_eq!(fte_band(0.3), "0–50%");
        assert_eq!(fte_band(0.8), "80–100%");
        assert_eq!(fte_band(1.0), "100%");
    }
}
