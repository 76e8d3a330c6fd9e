//! Herplaatsing: passende functies first, for every candidate in the order of
//! service, and only then geschikte functies.

use super::gather::Employee;
use super::reason::{Fact, Fit, GeschiktRefusal, NotOwn, Refusal};
use super::{Ctx, FIT, Outcome, Reason, State, Step};
use crate::number::num;
use crate::transition::compare::FunctionStatus;
use crate::transition::fx::HashMap;

/// Passend: every herplaatsingskandidaat, longest service first, gets a passende
/// functie where one has room. Returns those still without a place.
pub(super) fn passend(
    cx: &Ctx<'_>,
    employees: &[Employee<'_>],
    st: &mut State<'_>,
    mut candidates: Vec<usize>,
) -> Vec<usize> {
    let Ctx { statute, ix, .. } = *cx;
    let cmp = &ix.comparison;
    let State { cap, outcome, reasons, filled, .. } = st;
    // Longest service first (an unknown start last), then the older (likewise), then by key:
    // the order's key made once per candidate, so that no comparison reads a person.
    let mut keyed: Vec<_> = candidates
        .iter()
        .map(|&e| {
            let (emp, p) = (&employees[e], employees[e].person);
            ((p.service_start.is_none(), p.service_start, p.birth_date.is_none(), p.birth_date, emp.nkey), e)
        })
        .collect();
    // Keys differ between employees (their keys do), so an unstable sort gives the one order.
    keyed.sort_unstable();
    candidates = keyed.into_iter().map(|(_, e)| e).collect();
    candidates.dedup();
    let is_nieuw: Vec<bool> = cmp.new.iter().map(|f| f.status == FunctionStatus::Nieuw).collect();
    let rule: std::sync::Arc<str> = format!("max scale drop {}", statute.max_scale_drop).into();
    let mut unplaced: Vec<usize> = Vec::new();
    const EXPLAINED: usize = 5;
    // First: a passende post that continues the candidate's own work, for every candidate.
    // Per old function, built when first needed: its related functions by index, for lookups.
    let mut related_of: Vec<Option<Vec<(usize, f64)>>> = vec![None; ix.related.len()];
    // Posts that share tasks (or are preferred) first, for everyone; then, when the statute's
    // passend is the scale alone, any post at their scale.
    let mut rest: Vec<usize> = candidates.clone();
    for by_scale in [false, true] {
        if by_scale && statute.passend_requires_shared_tasks {
            break;
        }
        let mut left: Vec<usize> = Vec::with_capacity(rest.len());
        for &e in &rest {
            let emp = &employees[e];
            let Some(own) = emp.scale.filter(|_| emp.new_unit.is_some() || emp.own_key.is_some()) else {
                left.push(e);
                continue;
            };
            let lo = own.saturating_sub(statute.max_scale_drop);
            // The successor of their post first, then the open posts of their unit's successor.
            let mut posts: Vec<usize> =
                emp.own.and_then(|n| cap.post_numbered(n)).map(|(i, _)| i).into_iter().collect();
            if let Some(u) = emp.new_unit {
                let first = posts.first().copied();
                posts.extend(cap.open_in_unit(u).iter().copied().filter(|&i| Some(i) != first));
            }
            let related = emp.old_function.map(|f| {
                &*related_of[f].get_or_insert_with(|| {
                    let mut v = ix.related[f].clone();
                    v.sort_unstable_by_key(|r| r.0);
                    v
                })
            });
            let mut got = None;
            for i in posts {
                let j = cap.post_function[i];
                if is_nieuw[j] || cap.room[i] + FIT < emp.fte || !cap.post_scale[i].is_some_and(|s| s >= lo && s <= own)
                {
                    continue;
                }
                let overlap = related.and_then(|r| r.binary_search_by_key(&j, |x| x.0).ok().map(|k| r[k].1));
                let why = if emp.prefs.contains(&j) {
                    Fit::Preference
                } else if overlap.is_some() {
                    Fit::SharedTasks
                } else if by_scale {
                    Fit::Scale
                } else {
                    continue;
                };
                got = Some((j, i, why, overlap));
                break;
            }
            let Some((j, i, why, overlap)) = got else {
                left.push(e);
                continue;
            };
            cap.take(i, emp.fte);
            filled[cap.number[i] as usize] += emp.fte;
            outcome[e] = Some((Outcome::Passend, i));
            let post = &cap.posts[i];
            let fact = Fact::PassendOwnWork {
                function: cmp.new[j].function.clone(),
                place: super::follow::place_of(emp, &post.key, cap.number[i]),
                scale: post.scale.or(cmp.new[j].scale),
                fit: why,
                overlap: overlap.unwrap_or(0.0),
            };
            reasons[e].push(Reason::new(Step::Passend, rule.clone(), fact));
        }
        rest = left;
    }

    // Places a candidate, or records that none of the passende functies had room.
    macro_rules! settle {
        ($e:expr, $emp:expr, $got:expr, $refused:expr, $related:expr) => {{
            let (e, emp, got, refused, related): (usize, &Employee<'_>, Option<(usize, usize, Fit)>, Vec<Refusal>, &[(usize, f64)]) =
                ($e, $emp, $got, $refused, $related);
            match got {
                Some((j, i, fit)) => {
                    cap.take(i, emp.fte);
                    filled[cap.number[i] as usize] += emp.fte;
                    outcome[e] = Some((Outcome::Passend, i));
                    let not_own = match emp.new_unit_key {
                        Some(u) => NotOwn::NoPassendPost { unit: u.to_owned() },
                        None => super::follow::no_successor(emp),
                    };
                    let fact = Fact::PassendElsewhere {
                        not_own,
                        function: cmp.new[j].function.clone(),
                        post: cap.posts[i].key.to_string(),
                        scale: cap.posts[i].scale.or(cmp.new[j].scale),
                        fit,
                        overlap: related.iter().find(|r| r.0 == j).map(|r| r.1).unwrap_or(0.0),
                    };
                    reasons[e].push(Reason::new(Step::Passend, rule.clone(), fact));
                }
                None => {
                    let fact = Fact::NoPassend { refused, shared_required: statute.passend_requires_shared_tasks };
                    reasons[e].push(Reason::new(Step::Passend, rule.clone(), fact));
                    unplaced.push(e);
                }
            }
        }};
    }
    let mut deferred: Vec<(usize, u8, u8, Vec<Refusal>)> = Vec::new();
    let mut refused_before: HashMap<(Option<usize>, u8, u8, u64), usize> = HashMap::default();
    for &e in &rest {
        let emp = &employees[e];
        let Some(own) = emp.scale else {
            reasons[e].push(Reason::new(Step::Passend, rule.clone(), Fact::ScaleUnknown));
            unplaced.push(e);
            continue;
        };
        let lo = own.saturating_sub(statute.max_scale_drop);
        let related: &[(usize, f64)] = emp.old_function.and_then(|f| ix.related.get(f)).map_or(&[], Vec::as_slice);
        let options = emp
            .prefs
            .iter()
            .map(|&j| (j, Fit::Preference))
            .chain(related.iter().filter(|r| !emp.prefs.contains(&r.0)).map(|r| (r.0, Fit::SharedTasks)));
        let mut got = None;
        let mut refused: Vec<Refusal> = Vec::new();
        let mut more = 0usize;
        // Only the first few refusals are explained; formatting thousands would cost more than placing.
        let mut refuse = |text: &dyn Fn() -> Refusal| {
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
                refuse(&|| Refusal::Nieuw { function: f.function.clone() });
                continue;
            }
            if cap.free[j] + FIT < emp.fte && !cap.by_function[j].is_empty() {
                refuse(&|| Refusal::NoRoom { function: f.function.clone(), fte: emp.fte });
                continue;
            }
            if cap.by_function[j].is_empty() {
                refuse(&|| Refusal::NoPosts { function: f.function.clone() });
                continue;
            }
            if let Some((a, b)) = cap.scales[j]
                && (b < lo || a > own)
            {
                refuse(&|| Refusal::OutsideScale { function: f.function.clone(), low: a, high: b, lo, own });
                continue;
            }
            let scale_of = |p: &crate::Post| p.scale.or(f.scale);
            let ok = |p: &crate::Post| scale_of(p).is_some_and(|s| s >= lo && s <= own);
            if let Some(i) = cap.find(j, emp.fte, None, emp.new_unit, &ok) {
                got = Some((j, i, why));
                break;
            }
            refuse(&|| Refusal::NoPostAtScale { function: f.function.clone(), lo, own, fte: emp.fte });
        }
        if use_cursor {
            // On success `pos` counts the placing option too: the next candidate starts there.
            refused_before.insert(cursor_key, if got.is_some() { pos - 1 } else { pos });
        }
        more += skipped;
        if more > 0 {
            refused.push(Refusal::More { count: more });
        }
        if got.is_none() && !statute.passend_requires_shared_tasks {
            // The statute's passend, the scale alone: after every candidate had the posts
            // that share tasks with their work.
            deferred.push((e, lo, own, refused));
            continue;
        }
        settle!(e, emp, got, refused, related);
    }
    for (e, lo, own, mut refused) in deferred {
        let emp = &employees[e];
        let got = cap.find_at_scale(lo, own, emp.fte, &|j| !is_nieuw[j]).map(|i| (cap.post_function[i], i, Fit::Scale));
        if got.is_none() {
            refused.push(Refusal::NoOtherAtScale { lo, own, fte: emp.fte });
        }
        let related = emp.old_function.and_then(|f| ix.related.get(f)).map_or(&[][..], Vec::as_slice);
        settle!(e, emp, got, refused, related);
    }
    unplaced
}

/// Geschikt: those without a passende functie get a geschikte functie agreed in
/// the input (consent, or training within the statute's months), where one has room.
pub(super) fn geschikt(cx: &Ctx<'_>, employees: &[Employee<'_>], st: &mut State<'_>, unplaced: &[usize]) {
    let Ctx { statute, input, ix, .. } = *cx;
    let cmp = &ix.comparison;
    let State { cap, outcome, reasons, filled, .. } = st;
    let mut redundant: Vec<usize> = Vec::new();
    for &e in unplaced {
        let emp = &employees[e];
        let rule = if statute.geschikt_requires_consent {
            format!("consent needed; training at most {} months", statute.training_months)
        } else {
            format!("consent or training at most {} months", statute.training_months)
        };
        let mut options: Vec<&crate::transition::input::Suitability> =
            input.suitability.iter().filter(|s| s.person == emp.key).collect();
        // Stated preferences first, then the order of the input.
        options.sort_by_key(|s| {
            ix.new_index.get(&s.function).and_then(|j| emp.prefs.iter().position(|p| p == j)).unwrap_or(usize::MAX)
        });
        let mut got = None;
        let mut refused: Vec<GeschiktRefusal> = Vec::new();
        for s in &options {
            let training_ok = s.training_months.is_none_or(|m| m <= statute.training_months);
            let eligible = if statute.geschikt_requires_consent {
                s.consent && training_ok
            } else {
                s.consent || s.training_months.is_some_and(|m| m <= statute.training_months)
            };
            if !eligible {
                refused.push(GeschiktRefusal::NotEligible {
                    function: s.function.clone(),
                    consent: s.consent,
                    training_months: s.training_months,
                });
                continue;
            }
            let Some(&j) = ix.new_index.get(&s.function) else { continue };
            if let Some(i) = cap.find(j, emp.fte, None, emp.new_unit, &|_| true) {
                got = Some((j, i, s));
                break;
            }
            refused.push(GeschiktRefusal::NoRoom { function: s.function.clone(), fte: emp.fte });
        }
        match got {
            Some((j, i, s)) => {
                cap.take(i, emp.fte);
                filled[cap.number[i] as usize] += emp.fte;
                outcome[e] = Some((Outcome::Geschikt, i));
                let fact = Fact::Geschikt {
                    function: cmp.new[j].function.clone(),
                    post: cap.posts[i].key.to_string(),
                    consent: s.consent,
                    training_months: s.training_months,
                };
                reasons[e].push(Reason::new(Step::Geschikt, rule, fact));
            }
            None => {
                let fact = if options.is_empty() { Fact::NoGeschiktAgreed } else { Fact::NoGeschikt { refused } };
                reasons[e].push(Reason::new(Step::Geschikt, rule, fact));
                redundant.push(e);
            }
        }
    }
}

/// For every boventallige: the posts still open at their scale (or at most the
/// statute's drop below), and why none was offered; at most [`OPEN_LISTED`] each,
/// with the count of the others.
pub(super) fn open_posts(cx: &Ctx<'_>, employees: &[Employee<'_>], st: &mut State<'_>) {
    let Ctx { statute, ix, .. } = *cx;
    let cmp = &ix.comparison;
    let State { cap, outcome, open, .. } = st;
    cap.freeze_open();
    for (e, emp) in employees.iter().enumerate() {
        if outcome[e].is_some() {
            continue;
        }
        let Some(own) = emp.scale else { continue };
        let lo = own.saturating_sub(statute.max_scale_drop);
        let related = emp.old_function.and_then(|f| ix.related.get(f)).map_or(&[][..], Vec::as_slice);
        let mut listed = Vec::new();
        let (posts, all) = cap.open_at_scale(lo, own);
        for i in posts.take(OPEN_LISTED) {
            let j = cap.post_function[i];
            let f = &cmp.new[j];
            let room = cap.room[i];
            let why_not = if f.status == FunctionStatus::Nieuw {
                format!("`{}` is nieuw: filled by selection on quality", f.function)
            } else if room + FIT < emp.fte {
                format!("only {} FTE free, {} needed", num(room), num(emp.fte))
            } else if statute.passend_requires_shared_tasks
                && !emp.prefs.contains(&j)
                && !related.iter().any(|r| r.0 == j)
            {
                format!(
                    "`{}` shares no task with the old function and is no stated preference, and the statute asks for shared tasks",
                    f.function
                )
            } else {
                "free only after this employee's turn".to_owned()
            };
            listed.push(super::OpenPost {
                post: cap.posts[i].key.to_string(),
                function: f.function.clone(),
                scale: cap.post_scale[i],
                fte: room,
                why_not,
            });
        }
        let more = all.saturating_sub(listed.len());
        open.insert(e, (listed, more));
    }
}

/// How many open posts are listed per boventallige.
const OPEN_LISTED: usize = 10;

#[cfg(test)]
mod tests {
    use crate::format::from_json;
    use crate::transition::placement::Step;
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
        let text = &e1.reasons.iter().find(|r| r.step == Step::Passend).ok_or("no passend reason")?.text;
        assert!(text.contains("`G1` is at scale 3, outside 7 to 8"), "{text}");
        assert!(text.contains("and 4 more related functions without a passende post"), "{text}");
        Ok(())
    }

    /// Passende functies go to the longest service first; a geschikte functie only to
    /// those left, and only with consent.
    #[test]
    fn passend_by_service_then_geschikt_with_consent() -> Result<(), Box<dyn std::error::Error>> {
        let old = r#"{"version": 1, "name": "oud",
          "functions": [{"key": "F", "title": "Oud", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}, {"name": "x", "weight": 3}]}],
          "posts": [{"key": "p1", "title": "P", "function": "F", "scale": 8},
                    {"key": "p2", "title": "P", "function": "F", "scale": 8}],
          "people": [{"key": "jong", "scale": 8, "service_start": "2015-01-01"},
                     {"key": "oud", "scale": 8, "service_start": "1995-01-01"}],
          "appointments": [{"person": "jong", "post": "p1"}, {"person": "oud", "post": "p2"}]}"#;
        let new = r#"{"version": 1, "name": "nieuw",
          "functions": [{"key": "G", "title": "Nieuw", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}, {"name": "b", "weight": 3}]},
                        {"key": "H", "title": "Anders", "scale_max": 6, "tasks": [{"name": "c", "weight": 1}]}],
          "posts": [{"key": "q1", "title": "Q", "function": "G", "scale": 8},
                    {"key": "h1", "title": "H", "function": "H", "scale": 6}]}"#;
        let mut input = TransitionInput::default();
        input.suitability.push(crate::transition::Suitability {
            person: "jong".into(),
            function: "H".into(),
            consent: true,
            training_months: None,
        });
        let r = super::super::fixture::run(old, new, &input)?;
        let get = |k: &str| r.employees.iter().find(|p| p.person == k).ok_or("missing");
        assert_eq!((get("oud")?.outcome, get("oud")?.new_post.as_deref()), (Outcome::Passend, Some("q1")));
        assert_eq!((get("jong")?.outcome, get("jong")?.new_post.as_deref()), (Outcome::Geschikt, Some("h1")));
        Ok(())
    }
}
