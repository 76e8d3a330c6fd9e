//! Selection: when a function continues with fewer posts, who leaves the pool of its followers.
//!
//! In the statute's order: fixed-term contracts first (when the statute says
//! so), then, under afspiegeling, those past the AOW age, then each age band
//! in proportion to its size, rounded by the statute's method; under
//! anciënniteit, the shortest service. Within a list the shortest service
//! leaves first; on the same service start the younger, and on the same birth
//! date too the lower key. Every leaver's reason says which rule decided, the
//! tie rule included when a colleague with the same service stays.

use super::FIT;
use super::gather::{Employee, band_index};
use super::reason::{Leaving, Tie};
use crate::model::ContractKind;
use crate::transition::statute::{Rounding, SelectionRule, Statute};

const LABELS: [&str; 5] = ["15–25", "25–35", "35–45", "45–55", "55+"];

/// Who leaves first: shortest service (latest start) first, then the younger, then by key.
pub(super) fn leaves_before(a: &Employee, b: &Employee) -> std::cmp::Ordering {
    b.person
        .service_start
        .cmp(&a.person.service_start)
        .then(b.person.birth_date.cmp(&a.person.birth_date))
        .then_with(|| a.nkey.cmp(&b.nkey))
}

/// Selects who leaves a pool whose followers hold `excess` FTE more than its
/// posts: each leaver with the reason of the rule that decided.
pub(super) fn leavers(
    employees: &[Employee],
    followers: &[usize],
    statute: &Statute,
    aow: i64,
    excess: f64,
) -> Vec<(usize, Leaving, Option<Tie>)> {
    let by_service = |list: &mut Vec<usize>| list.sort_by(|&a, &b| leaves_before(&employees[a], &employees[b]));
    let since = |e: usize| employees[e].person.service_start;
    let mut need = excess;
    let mut out: Vec<(usize, Leaving, Option<Tie>)> = Vec::new();
    // Takes leavers from the front of a sorted list while FTE is still needed.
    let take = |list: &[usize],
                need: &mut f64,
                why: &dyn Fn(usize) -> Leaving,
                out: &mut Vec<(usize, Leaving, Option<Tie>)>| {
        let mut n = 0;
        for &e in list {
            if *need <= FIT {
                break;
            }
            *need -= employees[e].fte;
            out.push((e, why(e), None));
            n += 1;
        }
        with_ties(employees, list, n, out);
    };

    let mut rest: Vec<usize> = followers.to_vec();
    if statute.fixed_term_first {
        let mut temporary: Vec<usize> =
            rest.iter().copied().filter(|&e| employees[e].person.contract == Some(ContractKind::Temporary)).collect();
        if !temporary.is_empty() {
            by_service(&mut temporary);
            rest.retain(|&e| employees[e].person.contract != Some(ContractKind::Temporary));
            take(&temporary, &mut need, &|e| Leaving::FixedTerm { since: since(e) }, &mut out);
        }
    }
    match statute.selection {
        SelectionRule::Ancienniteit => {
            by_service(&mut rest);
            take(&rest, &mut need, &|e| Leaving::Service { since: since(e) }, &mut out);
        }
        SelectionRule::Afspiegeling => {
            let mut aow_list: Vec<usize> =
                rest.iter().copied().filter(|&e| employees[e].age_months.is_some_and(|m| m >= aow)).collect();
            by_service(&mut aow_list);
            take(&aow_list, &mut need, &|_| Leaving::Aow, &mut out);
            if need > FIT {
                let mut bands: [Vec<usize>; 5] = Default::default();
                for &e in &rest {
                    if let Some(m) = employees[e].age_months.filter(|&m| m < aow) {
                        bands[band_index(m)].push(e);
                    }
                }
                for b in &mut bands {
                    by_service(b);
                }
                let given = match statute.afspiegeling_rounding {
                    Rounding::LargestRemainder => largest_remainder(employees, &bands, need),
                    Rounding::SainteLague => sainte_lague(employees, &bands, need),
                };
                let sizes: Vec<usize> = bands.iter().map(Vec::len).collect();
                let total: usize = sizes.iter().sum();
                let places: usize = given.iter().sum();
                let method = statute.afspiegeling_rounding.as_str();
                for (b, band) in bands.iter().enumerate() {
                    let quota = if total == 0 { 0.0 } else { sizes[b] as f64 * places as f64 / total as f64 };
                    for &e in &band[..given[b]] {
                        let why = Leaving::Band {
                            method: method.to_owned(),
                            places,
                            total,
                            band: LABELS[b].to_owned(),
                            size: sizes[b],
                            quota,
                            given: given[b],
                            since: since(e),
                        };
                        out.push((e, why, None));
                    }
                    with_ties(employees, band, given[b], &mut out);
                }
            }
        }
    }
    out
}

/// Adds the tie rule to the reasons of the last `n` leavers in `out`, taken from the
/// front of `list`, when someone in `list` with the same service start stays.
fn with_ties(employees: &[Employee], list: &[usize], n: usize, out: &mut [(usize, Leaving, Option<Tie>)]) {
    if n == 0 || n >= list.len() {
        return;
    }
    let start = out.len() - n;
    let first_stayer = &employees[list[n]];
    for (e, _, tie) in &mut out[start..] {
        let leaver = &employees[*e];
        if leaver.person.service_start != first_stayer.person.service_start {
            continue;
        }
        *tie = Some(Tie { by_birth: leaver.person.birth_date != first_stayer.person.birth_date });
    }
}

/// Largest remainder: the fewest places whose leavers free `need` FTE, shared
/// by quota, whole parts first, then by the largest remainders (a tie goes to
/// the larger band, then the younger band).
fn largest_remainder(employees: &[Employee], bands: &[Vec<usize>; 5], need: f64) -> [usize; 5] {
    let sizes: Vec<usize> = bands.iter().map(Vec::len).collect();
    let total: usize = sizes.iter().sum();
    // FTE of the first k leavers of each band.
    let prefix: Vec<Vec<f64>> = bands
        .iter()
        .map(|b| {
            let mut p = vec![0.0];
            for &e in b {
                p.push(p[p.len() - 1] + employees[e].fte);
            }
            p
        })
        .collect();
    let max_fte = bands.iter().flatten().map(|&e| employees[e].fte).fold(0.0, f64::max);
    let lowest = if max_fte > 0.0 { ((need - FIT) / max_fte).ceil().max(1.0) as usize } else { 1 };
    let mut last = [0usize; 5];
    for places in lowest.min(total)..=total {
        let mut given = [0usize; 5];
        let mut rems: Vec<(u64, usize, usize)> = Vec::with_capacity(5);
        let mut left = places;
        for b in 0..5 {
            let whole = sizes[b] * places / total.max(1);
            given[b] = whole;
            left -= whole;
            // The remainder as an exact fraction of `total`.
            let rem = (sizes[b] * places % total.max(1)) as u64;
            rems.push((rem, sizes[b], b));
        }
        rems.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for &(rem, _, b) in rems.iter().take(left) {
            if rem > 0 {
                given[b] += 1;
            }
        }
        let freed: f64 = (0..5).map(|b| prefix[b][given[b]]).sum();
        last = given;
        if freed + FIT >= need {
            break;
        }
    }
    last
}

/// Sainte-Laguë: place by place, the band with the highest size ÷ (2 × given + 1)
/// gives up the next place, until the leavers free `need` FTE.
fn sainte_lague(employees: &[Employee], bands: &[Vec<usize>; 5], need: f64) -> [usize; 5] {
    let sizes: Vec<usize> = bands.iter().map(Vec::len).collect();
    let mut taken = [0usize; 5];
    let mut need = need;
    while need > FIT {
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
        need -= employees[bands[b][taken[b]]].fte;
        taken[b] += 1;
    }
    taken
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use crate::transition::placement::fixture::run;
    use crate::transition::{Outcome, TransitionInput};

    /// Two followers for one post, same service start: the younger leaves, and says why.
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
        let text = &r.employees[1].reasons[1].text;
        assert!(text.contains("a colleague in service since the same day stays: the younger leaves first"), "{text}");
        Ok(())
    }
}
