//! Assemble: one placement per person, and the vacancies with the interest in them.

use super::gather::{Gathered, age_band};
use super::{Ctx, FIT, Interested, Outcome, Placed, Placement, SortKey, State, Vacancy, VacantPost, boventallig};
use crate::transition::fx::HashMap;

/// Builds one placement per person, in the natural order of the keys, and the vacancies left.
pub(super) fn assemble(cx: &Ctx<'_>, gathered: Gathered<'_>, st: State<'_>) -> Placed {
    let Ctx { new, statute, input, ix, reference, aow, .. } = *cx;
    let cmp = &ix.comparison;
    let Gathered { employees, externals, preferences_stated } = gathered;
    let State { cap, outcome, mut reasons, filled, mut open } = st;
    let n = employees.len();
    // The new functions and units by id: small maps, looked up once per placement.
    let functions: HashMap<crate::FunctionId, &crate::Function> = new.functions().map(|f| (f.id, f)).collect();
    let units: HashMap<crate::UnitId, &str> = new.units().map(|u| (u.id, u.key.as_str())).collect();
    // Gather walked the people in natural key order, so the employees (`0..n`) and the
    // externals (`n..`) are each in that order: one merge, and every placement is built
    // once, in person order.
    let mut order: Vec<usize> = Vec::with_capacity(n + externals.len());
    let (mut a, mut b) = (0, 0);
    while a < n || b < externals.len() {
        let take_employee = match (employees.get(a), externals.get(b)) {
            (Some(e), Some(x)) => e.nkey <= SortKey::new(&x.person),
            (Some(_), None) => true,
            _ => false,
        };
        if take_employee {
            order.push(a);
            a += 1;
        } else {
            order.push(n + b);
            b += 1;
        }
    }
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
            old_post: emp.old_post.key.to_string(),
            old_unit: emp.old_unit.map(str::to_owned),
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
            successor_unit: emp.new_unit_key.map(str::to_owned),
            successor_post: emp.own_key.map(str::to_owned),
            continues_work: outcome[e].map(|(_, i)| {
                let post = cap.posts[i];
                emp.own == Some(cap.number[i]) || (emp.new_unit.is_some() && post.unit == emp.new_unit)
            }),
            preferences_stated: preferences_stated[e],
            preferences_allowed: statute.max_preferences,
            open_posts: Vec::new(),
            open_posts_more: 0,
        };
        if let Some((list, more)) = open.remove(&e) {
            pl.open_posts = list;
            pl.open_posts_more = more;
        }
        match outcome[e] {
            Some((o, i)) => {
                let post = cap.posts[i];
                let f = post.function.and_then(|f| functions.get(&f).copied());
                pl.outcome = o;
                pl.new_post = Some(post.key.to_string());
                pl.new_unit = post.unit.and_then(|u| units.get(&u)).map(|u| (*u).to_owned());
                pl.new_function = f.map(|f| f.key.clone());
                pl.new_scale = post.scale.or(f.and_then(|f| f.scale_max.or(f.scale_min)));
                if let (Some(a), Some(b)) = (pl.old_scale, pl.new_scale) {
                    pl.scale_change = Some(i16::from(b) - i16::from(a));
                    pl.salary_guarantee = b < a;
                }
            }
            None => {
                let start = pl.placement_date.or(reference);
                let (v, reason) = boventallig::declare(statute, p, reference, start, aow);
                pl.reasons.push(reason);
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
            .map(|&i| VacantPost { post: cap.posts[i].key.to_string(), fte: cap.room[i] })
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
    Placed { placements, vacancies, filled }
}

#[cfg(test)]
mod tests {
    use crate::transition::placement::fixture::run;
    use crate::transition::{FunctionStatus, TransitionInput};

    /// Placements come in the natural order of the keys; what is left is a vacancy.
    #[test]
    fn natural_order_and_vacancies() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "posts": [{"key": "p1", "title": "P", "function": "F"}, {"key": "p2", "title": "P", "function": "F"}],
          "people": [{"key": "10", "scale": 8}, {"key": "2", "scale": 8}],
          "appointments": [{"person": "10", "post": "p1"}, {"person": "2", "post": "p2"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]},
                        {"key": "N", "title": "Nieuw", "scale_max": 8, "tasks": [{"name": "z", "weight": 1}]}],
          "posts": [{"key": "p1", "title": "P", "function": "F"}, {"key": "p2", "title": "P", "function": "F"},
                    {"key": "n1", "title": "N", "function": "N", "fte": 0.5}]}"#;
        let r = run(old, new, &TransitionInput::default())?;
        let keys: Vec<&str> = r.employees.iter().map(|p| p.person.as_str()).collect();
        assert_eq!(keys, ["2", "10"], "numbers by value");
        assert_eq!(r.vacancies.len(), 1);
        assert_eq!((r.vacancies[0].function.as_str(), r.vacancies[0].status), ("N", FunctionStatus::Nieuw));
        assert!((r.vacancies[0].vacant_fte - 0.5).abs() < 1e-9);
        Ok(())
    }
}
