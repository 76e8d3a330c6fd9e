//! Gather: who is placed, from which post, with which preferences; and the
//! check of every reference in the transition input.

use jiff::civil::Date;

use super::{Ctx, Outcome, Placement, Reason, SortKey, Step};
use crate::model::{ContractKind, Design, PostId, UnitId, natural_cmp};
use crate::problem::Problem;
use crate::transition::Side;
use crate::transition::fx::HashMap;
use crate::transition::input::TransitionInput;

/// The employees to place and the externals, placed at once.
pub(super) struct Gathered<'a> {
    /// The employees, in the natural order of their keys.
    pub(super) employees: Vec<Employee<'a>>,
    /// Hired-in people: not placed under the statute.
    pub(super) externals: Vec<Placement>,
    /// Per employee: how many preferences they stated, before the statute's limit.
    pub(super) preferences_stated: Vec<usize>,
}

/// A held appointment, with its post once found.
struct Held<'a> {
    person: crate::PersonId,
    /// Its place among the held appointments in the design's order.
    order: u32,
    post_id: PostId,
    /// The post, and its place in the design's order.
    post: Option<(&'a crate::Post, usize)>,
    fte: f64,
}

/// One employee to place, with what every step needs to know.
pub(super) struct Employee<'a> {
    pub(super) key: &'a str,
    /// The key's natural sort key, computed once.
    pub(super) nkey: SortKey<'a>,
    pub(super) person: &'a crate::Person,
    pub(super) fte: f64,
    pub(super) old_post: &'a crate::Post,
    pub(super) old_unit: Option<&'a str>,
    /// The successor of the old unit: the new unit where its work goes on.
    pub(super) new_unit: Option<UnitId>,
    /// The successor unit's key.
    pub(super) new_unit_key: Option<&'a str>,
    /// The successor of the old post: the new post that continues its work.
    pub(super) own_key: Option<&'a str>,
    /// That post's number in the new design.
    pub(super) own: Option<u32>,
    /// The old function's index in the comparison.
    pub(super) old_function: Option<usize>,
    pub(super) scale: Option<u8>,
    pub(super) prefs: Vec<usize>,
    pub(super) age_months: Option<i64>,
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

/// The index of an age band below the AOW age (0 is 15–25, 4 is 55+).
pub(super) fn band_index(months: i64) -> usize {
    match months / 12 {
        ..25 => 0,
        25..35 => 1,
        35..45 => 2,
        45..55 => 3,
        _ => 4,
    }
}

/// Checks every reference of the transition input against the designs.
pub(crate) fn validate_input(old: &Design, new: &Design, input: &TransitionInput) -> Vec<Problem> {
    let mut problems = Vec::new();
    let keys = input.key_mapping();
    let keys = &keys;
    let post_old = &(|k: &str| old.post_by_key(k).is_some()) as &dyn Fn(&str) -> bool;
    let post_new = &(|k: &str| new.post_by_key(k).is_some()) as &dyn Fn(&str) -> bool;
    let unit_old = &(|k: &str| old.unit_by_key(k).is_some()) as &dyn Fn(&str) -> bool;
    let unit_new = &(|k: &str| new.unit_by_key(k).is_some()) as &dyn Fn(&str) -> bool;
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
    for (p, fte) in &input.procedure.abolished_post_fte {
        match old.post_by_key(p) {
            None => problems.push(input.problem_at(
                format!("/procedure/abolished_post_fte/{p}"),
                format!("post `{p}` shrinks by {} FTE, but it is not in the old design", crate::number::num(*fte)),
            )),
            Some(post) if *fte > post.fte + 1e-9 => problems.push(input.problem_at(
                format!("/procedure/abolished_post_fte/{p}"),
                format!(
                    "post `{p}` shrinks by {} FTE, but it has only {} FTE",
                    crate::number::num(*fte),
                    crate::number::num(post.fte)
                ),
            )),
            Some(_) => {}
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
    for (table, kind, map, has_old, has_new) in [
        ("renames", "posts", &keys.posts, post_old, post_new),
        ("renames", "units", &keys.units, unit_old, unit_new),
        ("successors", "posts", &input.post_successors, post_old, post_new),
        ("successors", "units", &input.unit_successors, unit_old, unit_new),
    ] {
        for (o, n) in map {
            if !has_old(o) {
                problems.push(input.problem_at(
                    format!("/{table}/{kind}/{o}"),
                    if table == "renames" {
                        format!("`{o}` is renamed, but it is not in the old design's {kind}")
                    } else {
                        format!("`{o}` has a successor, but it is not in the old design's {kind}")
                    },
                ));
            }
            if !has_new(n) {
                problems.push(input.problem_at(
                    format!("/{table}/{kind}/{o}/new"),
                    if table == "renames" {
                        format!("`{o}` is renamed to `{n}`, which is not in the new design's {kind}")
                    } else {
                        format!("the successor of `{o}` is `{n}`, which is not in the new design's {kind}")
                    },
                ));
            }
        }
    }

    problems
}

/// Gathers the employees of the old design, each with their main appointment, and
/// the externals, placed at once. Returns problems when an employee cannot be placed
/// from what the designs say.
pub(super) fn gather<'a>(cx: &Ctx<'a>) -> Result<Gathered<'a>, Vec<Problem>> {
    let Ctx { old, new, statute, input, succ, new_posts, continued_by, ix, reference, aow } = *cx;
    let mut problems = Vec::new();
    let mut preferences_stated = Vec::new();

    // The employees, with their main appointment. Sorted lists walked side by side
    // rather than hash maps by id: 100,000 lookups of random ids each miss the cache.
    // The held appointments (not acting), in the design's order, each with its post:
    // sorted by post and walked beside the posts sorted by id.
    let mut held: Vec<Held<'_>> = old
        .appointments()
        .filter(|a| !a.acting)
        .zip(0u32..)
        .map(|(a, order)| Held { person: a.person, order, post_id: a.post, post: None, fte: a.fte })
        .collect();
    held.sort_unstable_by_key(|h| h.post_id);
    // The posts with their place in the design's order, by id.
    let mut old_posts: Vec<(&crate::Post, usize)> = old.posts().zip(0..).collect();
    // The design lists them by id already: then this sort is one pass.
    old_posts.sort_unstable_by_key(|p| p.0.id);
    let mut next = old_posts.iter().peekable();
    for h in &mut held {
        while next.next_if(|p| p.0.id < h.post_id).is_some() {}
        h.post = next.peek().filter(|p| p.0.id == h.post_id).map(|p| **p);
    }
    // Then by person (in the design's order per person): each person's appointments are a
    // slice of this one list, found by a walk beside the people sorted by id.
    held.sort_unstable_by_key(|h| (h.person, h.order));
    let mut by_id: Vec<&crate::Person> = old.people().collect();
    by_id.sort_unstable_by_key(|p| p.id);
    let mut at = 0;
    // People in key order, the order of the report, so that the placements are built
    // by walking the arrays once; every other ordering breaks its ties on the key.
    let mut people: Vec<(SortKey<'_>, &crate::Person, std::ops::Range<usize>)> = by_id
        .into_iter()
        .map(|p| {
            while held.get(at).is_some_and(|h| h.person < p.id) {
                at += 1;
            }
            let start = at;
            while held.get(at).is_some_and(|h| h.person == p.id) {
                at += 1;
            }
            (SortKey::new(&p.key), p, start..at)
        })
        .collect();
    people.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut unit_in_new: HashMap<UnitId, Option<(UnitId, &str)>> = HashMap::default();
    // The old functions and units by id: small maps, looked up once per employee.
    let old_functions: HashMap<crate::FunctionId, &crate::Function> = old.functions().map(|f| (f.id, f)).collect();
    let old_units: HashMap<UnitId, &crate::Unit> = old.units().map(|u| (u.id, u)).collect();
    // Each old function's row in the comparison, by id rather than by its key's text.
    let old_rows: HashMap<crate::FunctionId, usize> =
        old.functions().filter_map(|f| Some((f.id, *ix.old_index.get(&f.key)?))).collect();
    let mut employees: Vec<Employee> = Vec::with_capacity(people.len());
    let mut externals: Vec<Placement> = Vec::new();
    for (nkey, person, range) in people {
        let list = &held[range];
        if list.is_empty() {
            problems.push(Side::Old.problem(
                format!("people/{}", person.key),
                format!(
                    "employee `{}` holds no post in the old design, so there is nothing to place them from",
                    person.key
                ),
            ));
            continue;
        }
        let Some(post) = list
            .iter()
            .filter_map(|h| h.post.map(|p| (h.fte, p)))
            .max_by(|(a, (p, _)), (b, (q, _))| a.total_cmp(b).then_with(|| natural_cmp(&q.key, &p.key)))
            .map(|(_, p)| p)
        else {
            continue;
        };
        let (post, at) = post;
        let fte_held: f64 = list.iter().map(|h| h.fte).sum();
        let old_fn = post.function.and_then(|f| old_functions.get(&f).copied());
        let old_unit_ref = post.unit.and_then(|u| old_units.get(&u).copied());
        let old_unit = old_unit_ref.map(|u| &*u.key);
        let successor_unit = old_unit_ref.and_then(|u| {
            *unit_in_new.entry(u.id).or_insert_with(|| {
                let s = succ.unit(&u.key)?.new.as_deref()?;
                new.unit_by_key(s).map(|n| (n.id, n.key.as_str()))
            })
        });
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
                old_post: post.key.to_string(),
                old_unit: old_unit.map(str::to_owned),
                old_function: old_fn.map(|f| f.key.to_string()),
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
                reasons: vec![Reason::new(Step::Extern, "contract external", super::Fact::Extern)],
                successor_unit: None,
                successor_post: None,
                continues_work: None,
                preferences_stated: 0,
                preferences_allowed: statute.max_preferences,
                open_posts: Vec::new(),
                open_posts_more: 0,
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
                // The keys as the design file names them (they may be functions of the new
                // functieboek); for a person built in code, their own functions' keys.
                let keys: Vec<String> = if person.preference_keys.is_empty() {
                    person.preferences.iter().filter_map(|f| old.function(*f)).map(|f| f.key.clone()).collect()
                } else {
                    person.preference_keys.clone()
                };
                for (i, k) in keys.iter().enumerate() {
                    if ix.new_index.contains_key(k) {
                        continue;
                    }
                    let message = if old.function_by_key(k).is_some() {
                        format!("`{}` prefers function `{k}`, which is not in the new design", person.key)
                    } else {
                        format!(
                            "`{}` prefers function `{k}`, which is in neither the old nor the new design",
                            person.key
                        )
                    };
                    problems.push(Side::Old.problem(format!("people/{}/preferences/{i}", person.key), message));
                }
                keys
            }
        };
        for k in stated.iter().take(statute.max_preferences) {
            if let Some(&j) = ix.new_index.get(k)
                && !prefs.contains(&j)
            {
                prefs.push(j);
            }
        }
        preferences_stated.push(stated.len());
        let own = continued_by.get(at).copied().flatten();
        employees.push(Employee {
            key: &person.key,
            nkey,
            person,
            fte: fte_held,
            old_post: post,
            old_unit,
            new_unit: successor_unit.map(|u| u.0),
            new_unit_key: successor_unit.map(|u| u.1),
            own_key: own.and_then(|n| new_posts.get(n)).map(|p| &*p.key),
            own,
            old_function: old_rows.get(&old_fn.id).copied(),
            scale,
            prefs,
            age_months,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Gathered { employees, externals, preferences_stated })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{age_band, band_index, months_between};
    use crate::transition::placement::fixture::run;
    use crate::transition::{Outcome, TransitionInput};

    #[test]
    fn months_and_age_bands() {
        assert_eq!(months_between(date(2000, 3, 15), date(2001, 3, 14)), 11);
        assert_eq!(months_between(date(2000, 3, 15), date(2001, 3, 15)), 12);
        assert_eq!(months_between(date(2001, 3, 15), date(2000, 3, 15)), -12);
        let aow = 67 * 12 + 3;
        assert_eq!(age_band(25 * 12 - 1, aow), "15–25");
        assert_eq!(age_band(25 * 12, aow), "25–35");
        assert_eq!(age_band(aow - 1, aow), "55+");
        assert_eq!(age_band(aow, aow), "AOW");
        assert_eq!((band_index(24 * 12), band_index(54 * 12 + 11), band_index(60 * 12)), (0, 3, 4));
    }

    /// The main appointment is the one with the most FTE; an external is placed at once.
    #[test]
    fn the_main_appointment_and_externals() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "posts": [{"key": "klein", "title": "P", "function": "F"}, {"key": "groot", "title": "P", "function": "F"},
                    {"key": "x", "title": "P", "function": "F"}],
          "people": [{"key": "e1", "scale": 8}, {"key": "ext", "contract": "external"}],
          "appointments": [{"person": "e1", "post": "klein", "fte": 0.2}, {"person": "e1", "post": "groot", "fte": 0.6},
                           {"person": "ext", "post": "x"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "posts": [{"key": "groot", "title": "P", "function": "F"}]}"#;
        let r = run(old, new, &TransitionInput::default())?;
        let e1 = &r.employees[0];
        assert_eq!((e1.person.as_str(), e1.old_post.as_str()), ("e1", "groot"));
        assert!((e1.fte - 0.8).abs() < 1e-9, "{}", e1.fte);
        assert_eq!(r.employees[1].outcome, Outcome::Extern);
        Ok(())
    }
}
