//! Selection: when a function continues with fewer posts, who leaves the pool of its followers.

use jiff::civil::Date;

use super::FIT;
use super::gather::{Employee, band_index};
use crate::transition::statute::{SelectionRule, Statute};

/// Earlier dates first; unknown dates last.
pub(super) fn cmp_opt_date(a: Option<Date>, b: Option<Date>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Who leaves first: shortest service (latest start) first, then the younger, then by key.
pub(super) fn leaves_before(a: &Employee, b: &Employee) -> std::cmp::Ordering {
    b.person
        .service_start
        .cmp(&a.person.service_start)
        .then(b.person.birth_date.cmp(&a.person.birth_date))
        .then_with(|| a.nkey.cmp(&b.nkey))
}

/// The order in which followers leave a pool, with the reason of each.
pub(super) fn leave_order(
    employees: &[Employee],
    followers: &[usize],
    statute: &Statute,
    aow: i64,
) -> Vec<(usize, String)> {
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

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use crate::transition::placement::fixture::run;
    use crate::transition::{Outcome, TransitionInput};

    /// Two followers for one post, same service start: the younger leaves.
    #[test]
    fn the_younger_leaves_on_equal_service() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "posts": [{"key": "p1", "title": "P", "function": "F"}, {"key": "p2", "title": "P", "function": "F"}],
          "people": [{"key": "a", "scale": 8, "service_start": "2010-01-01", "birth_date": "1980-01-01"},
                     {"key": "b", "scale": 8, "service_start": "2010-01-01", "birth_date": "1985-01-01"}],
          "appointments": [{"person": "a", "post": "p1"}, {"person": "b", "post": "p2"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
          "posts": [{"key": "p1", "title": "P", "function": "F"}]}"#;
        let input = TransitionInput { reference_date: Some(date(2020, 1, 1)), ..TransitionInput::default() };
        let r = run(old, new, &input)?;
        assert_eq!(r.employees[0].outcome, Outcome::Functievolger);
        assert_ne!(r.employees[1].outcome, Outcome::Functievolger);
        Ok(())
    }
}
