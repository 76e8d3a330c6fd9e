//! Follow and select: "mens volgt werk" for the holders of ongewijzigde functions,
//! and the selection when a function continues with fewer posts.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::gather::Employee;
use super::reason::{Fact, NotOwn, Place, Tie};
use super::select::leavers;
use super::{Ctx, FIT, Outcome, Reason, State, Step};
use crate::number::percent;
use crate::problem::Problem;
use crate::transition::Side;
use crate::transition::compare::FunctionStatus;
use crate::transition::fx::HashMap;
use crate::transition::statute::SelectionRule;

/// The comparison, as the first reason of everyone (one text per old function).
pub(super) fn comparison_reasons(cx: &Ctx<'_>, employees: &[Employee<'_>], st: &mut State<'_>) {
    let Ctx { statute, ix, .. } = *cx;
    let cmp = &ix.comparison;
    let reasons = &mut st.reasons;
    let threshold_rule = format!("threshold {}", percent(statute.threshold));
    let comparison: Vec<Reason> = cmp
        .old
        .iter()
        .map(|row| {
            let fact = match &row.successor {
                Some(succ) => Fact::Compared {
                    function: row.function.as_str().into(),
                    status: row.status,
                    overlap: row.overlap,
                    successor: succ.as_str().into(),
                    mapping: row.basis == crate::transition::compare::Basis::Mapping,
                    change: row.change,
                    threshold: statute.threshold,
                },
                None => Fact::Vervallen { function: row.function.clone() },
            };
            Reason::new(Step::Comparison, threshold_rule.clone(), fact)
        })
        .collect();
    for (e, emp) in employees.iter().enumerate() {
        if let Some(f) = emp.old_function {
            reasons[e].push(comparison[f].clone());
        }
    }
}

/// Functievolgers and selection: the holders of ongewijzigde functions follow
/// them, pooled per successor (and uitwisselbaar group); when a pool has more
/// followers than posts, the statute's rule selects who leaves. Returns the
/// herplaatsingskandidaten: those who leave, those who cannot follow, and the
/// holders of gewijzigde and vervallen functions.
pub(super) fn follow(cx: &Ctx<'_>, employees: &[Employee<'_>], st: &mut State<'_>) -> Result<Vec<usize>, Vec<Problem>> {
    let Ctx { statute, input, ix, reference, aow, .. } = *cx;
    let State { cap, outcome, reasons, filled, .. } = st;
    let cmp = &ix.comparison;
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
    let follow_rule: Arc<str> = "mens volgt werk".into();
    for (functions, followers) in pools.values() {
        if followers.is_empty() {
            continue;
        }
        let capacity: f64 = functions.iter().map(|&j| cap.total(j)).sum();
        let demand: f64 = followers.iter().map(|&e| employees[e].fte).sum();
        let names: Vec<&str> = functions.iter().map(|&j| cmp.new[j].function.as_str()).collect();
        let pool_name = names.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let pool: super::reason::Pool = names.iter().map(|k| (*k).to_owned()).collect();
        let mut stay: Vec<usize> = followers.clone();
        if capacity <= FIT {
            // The function returns without posts: nobody can follow, and there is nothing to select.
            for &e in followers {
                reasons[e].push(Reason::new(
                    Step::Follow,
                    follow_rule.clone(),
                    Fact::NoPostsInPool { pool: pool.clone() },
                ));
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
            let mut leaving: HashMap<usize, (super::reason::Leaving, Option<Tie>)> =
                leavers(employees, followers, statute, aow, demand - capacity)
                    .into_iter()
                    .map(|(e, why, tie)| (e, (why, tie)))
                    .collect();
            stay.retain(|e| !leaving.contains_key(e));
            let leave = followers.len() - stay.len();
            let rule: Arc<str> = statute.selection.as_str().into();
            for &e in followers {
                let rule = rule.clone();
                let (followers, pool) = (followers.len(), pool.clone());
                match leaving.remove(&e) {
                    Some((why, tie)) => {
                        let fact = Fact::Leaves { followers, demand, capacity, pool, why, tie };
                        reasons[e].push(Reason::new(Step::Selection, rule, fact));
                        candidates.push(e);
                    }
                    None => {
                        let fact = Fact::Stays { followers, demand, capacity, pool, leave };
                        reasons[e].push(Reason::new(Step::Selection, rule, fact));
                    }
                }
            }
        }
        // Place the stayers: first on a post that continues their own work (the
        // successor of their post, then a post in the successor of their unit),
        // everyone of the pool; only then anywhere in the pool, by key.
        let mut order = stay.clone();
        order.sort_by(|&a, &b| employees[a].nkey.cmp(&employees[b].nkey));
        // The functions to try: their own successor first, then the pool's others.
        let tries = |emp: &Employee<'_>| {
            let own_succ = emp.old_function.and_then(successor_of);
            let others = functions.iter().copied().filter(move |&j| Some(j) != own_succ);
            (own_succ, own_succ.into_iter().chain(others))
        };
        // Two rounds, so that nobody takes a colleague's own post as merely a post
        // in their unit's successor: first everyone whose own post goes on, then
        // the rest in their unit's successor.
        let mut in_unit = Vec::new();
        let mut elsewhere = Vec::new();
        for round in 0..2 {
            let people = if round == 0 { std::mem::take(&mut order) } else { std::mem::take(&mut in_unit) };
            for e in people {
                let emp = &employees[e];
                let (own_succ, mut tries) = tries(emp);
                let got = tries.find_map(|j| {
                    let i = if round == 0 {
                        cap.find_own_post(j, emp.fte, emp.own, &|_| true)
                    } else {
                        cap.find_own(j, emp.fte, None, emp.new_unit, &|_| true)
                    };
                    i.map(|i| (j, i))
                });
                let Some((j, i)) = got else {
                    if round == 0 {
                        in_unit.push(e)
                    } else {
                        elsewhere.push(e)
                    }
                    continue;
                };
                cap.take(i, emp.fte);
                filled[cap.number[i] as usize] += emp.fte;
                outcome[e] = Some((Outcome::Functievolger, i));
                let place = place_of(emp, &cap.posts[i].key, cap.number[i]);
                let uitwisselbaar = (Some(j) != own_succ).then(|| cmp.new[j].function.clone());
                reasons[e].push(Reason::new(Step::Follow, follow_rule.clone(), Fact::Follows { place, uitwisselbaar }));
            }
        }
        for e in elsewhere {
            let emp = &employees[e];
            let (own_succ, mut tries) = tries(emp);
            let got = tries.find_map(|j| cap.find_any(j, emp.fte, &|_| true).map(|i| (j, i)));
            let not_own = match emp.new_unit_key {
                Some(u) => NotOwn::NoFollowPost { pool: pool.clone(), fte: emp.fte, unit: u.to_owned() },
                None => no_successor(emp),
            };
            match got {
                Some((j, i)) => {
                    cap.take(i, emp.fte);
                    filled[cap.number[i] as usize] += emp.fte;
                    outcome[e] = Some((Outcome::Functievolger, i));
                    let uitwisselbaar = (Some(j) != own_succ).then(|| cmp.new[j].function.clone());
                    let post = cap.posts[i].key.to_string();
                    let fact = Fact::FollowsElsewhere { not_own, post, uitwisselbaar };
                    reasons[e].push(Reason::new(Step::Follow, follow_rule.clone(), fact));
                }
                None => {
                    let fact = Fact::CannotFollow { pool: pool.clone(), fte: emp.fte };
                    reasons[e].push(Reason::new(Step::Follow, follow_rule.clone(), fact));
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
    Ok(candidates)
}

/// Why no post continues an employee's own work: their post has no unit, or
/// their unit has no successor.
pub(super) fn no_successor(emp: &Employee<'_>) -> NotOwn {
    match emp.old_unit {
        None => NotOwn::NoUnit,
        Some(u) => NotOwn::NoSuccessor { unit: u.to_owned() },
    }
}

/// Where a post continues an employee's own work: their own post, the successor
/// of their post, or a post in the successor of their unit. `number` is the
/// post's number in the new design.
pub(super) fn place_of(emp: &Employee<'_>, post: &str, number: u32) -> Place {
    if Some(number) == emp.own {
        if post == emp.old_post.key {
            Place::OwnPost { post: post.to_owned() }
        } else {
            Place::SuccessorPost { post: post.to_owned(), old_post: emp.old_post.key.to_string() }
        }
    } else {
        Place::InUnit { post: post.to_owned(), unit: emp.new_unit_key.unwrap_or("?").to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use crate::transition::placement::fixture::run;
    use crate::transition::{Outcome, TransitionInput};

    /// A follower goes to the post with their own key, then to a post in their own unit.
    #[test]
    fn a_follower_takes_their_own_post_then_their_own_unit() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "units": [{"key": "u1", "name": "Een", "kind": "team"}, {"key": "u2", "name": "Twee", "kind": "team"}],
          "posts": [{"key": "p9", "title": "P", "function": "F", "unit": "u1"},
                    {"key": "p5", "title": "P", "function": "F", "unit": "u2"}],
          "people": [{"key": "a", "scale": 8}, {"key": "b", "scale": 8}],
          "appointments": [{"person": "a", "post": "p9"}, {"person": "b", "post": "p5"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "units": [{"key": "u1", "name": "Een", "kind": "team"}, {"key": "u2", "name": "Twee", "kind": "team"}],
          "posts": [{"key": "n1", "title": "P", "function": "F", "unit": "u1"},
                    {"key": "n2", "title": "P", "function": "F", "unit": "u2"},
                    {"key": "p9", "title": "P", "function": "F", "unit": "u1"}]}"#;
        let r = run(old, new, &TransitionInput::default())?;
        let (a, b) = (&r.employees[0], &r.employees[1]);
        assert_eq!((a.outcome, a.new_post.as_deref()), (Outcome::Functievolger, Some("p9")));
        assert_eq!((b.outcome, b.new_post.as_deref()), (Outcome::Functievolger, Some("n2")));
        Ok(())
    }

    /// A colleague whose own post is gone, and whose unit's work went to the unit of
    /// someone whose post goes on, does not take that post: own posts are taken first.
    #[test]
    fn nobody_takes_a_colleagues_own_post() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "units": [{"key": "u1", "name": "Een", "kind": "team"}, {"key": "u2", "name": "Twee", "kind": "team"}],
          "posts": [{"key": "a-post", "title": "P", "function": "F", "unit": "u1"},
                    {"key": "z-post", "title": "P", "function": "F", "unit": "u2"}],
          "people": [{"key": "a", "scale": 8}, {"key": "z", "scale": 8}],
          "appointments": [{"person": "a", "post": "a-post"}, {"person": "z", "post": "z-post"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "units": [{"key": "u2", "name": "Twee", "kind": "team"}],
          "posts": [{"key": "z-post", "title": "P", "function": "F", "unit": "u2"},
                    {"key": "zz-extra", "title": "P", "function": "F", "unit": "u2"},
                    {"key": "zzz-extra", "title": "P", "function": "F", "unit": "u2"}]}"#;
        let mut input = TransitionInput::default();
        input.unit_successors.insert("u1".into(), "u2".into());
        let r = run(old, new, &input)?;
        let (a, z) = (&r.employees[0], &r.employees[1]);
        assert_eq!((z.outcome, z.new_post.as_deref()), (Outcome::Functievolger, Some("z-post")));
        assert_eq!((a.outcome, a.new_post.as_deref()), (Outcome::Functievolger, Some("zz-extra")));
        Ok(())
    }

    /// A post of the new design that starts after the placement date is not offered
    /// on it: the follower takes the post that exists on the day.
    #[test]
    fn a_post_that_starts_later_is_not_offered() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "units": [{"key": "u1", "name": "Een", "kind": "team"}],
          "posts": [{"key": "p1", "title": "P", "function": "F", "unit": "u1"}],
          "people": [{"key": "a", "scale": 8}],
          "appointments": [{"person": "a", "post": "p1"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "units": [{"key": "u1", "name": "Een", "kind": "team"}],
          "posts": [{"key": "p1", "title": "P", "function": "F", "unit": "u1", "from": "2020-04-01"},
                    {"key": "p2", "title": "P", "function": "F", "unit": "u1"}]}"#;
        let mut input = TransitionInput::default();
        input.procedure.placement_date = Some("2018-07-02".parse()?);
        let r = run(old, new, &input)?;
        assert_eq!((r.employees[0].outcome, r.employees[0].new_post.as_deref()), (Outcome::Functievolger, Some("p2")));
        input.procedure.placement_date = Some("2020-04-01".parse()?);
        let r = run(old, new, &input)?;
        assert_eq!((r.employees[0].outcome, r.employees[0].new_post.as_deref()), (Outcome::Functievolger, Some("p1")));
        Ok(())
    }
}
