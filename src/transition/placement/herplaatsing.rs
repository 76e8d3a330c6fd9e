//! Herplaatsing: passende functies first, for every candidate in the order of
//! service, and only then geschikte functies.

use super::gather::Employee;
use super::select::cmp_opt_date;
use super::{Ctx, FIT, Outcome, Reason, State, Step};
use crate::number::{num, percent};
use crate::transition::compare::FunctionStatus;
use crate::transition::fx::HashMap;

/// Why a function is passend when it is neither a preference nor shares tasks.
const AT_SCALE: &str = "at their scale, which makes it passend by the statute";

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
    // First: a passende post that continues the candidate's own work, for every candidate.
    let mut related_of: Vec<Option<HashMap<usize, f64>>> = vec![None; ix.related.len()];
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
            let mut js: Vec<usize> = emp.own_key.and_then(|k| cap.post_by_key(k)).map(|(_, j)| j).into_iter().collect();
            if let Some(u) = emp.new_unit {
                let first = js.first().copied();
                js.extend(cap.functions_in(u).iter().copied().filter(|&j| Some(j) != first));
            }
            let related = emp.old_function.map(|f| {
                &*related_of[f].get_or_insert_with(|| ix.related[f].iter().copied().collect::<HashMap<usize, f64>>())
            });
            let mut got = None;
            for j in js {
                if is_nieuw[j] {
                    continue;
                }
                let overlap = related.and_then(|r| r.get(&j)).copied();
                let why = if emp.prefs.contains(&j) {
                    "a stated preference"
                } else if overlap.is_some() {
                    "shares tasks with the old function"
                } else if by_scale {
                    AT_SCALE
                } else {
                    continue;
                };
                let f = &cmp.new[j];
                let ok = |p: &crate::Post| p.scale.or(f.scale).is_some_and(|s| s >= lo && s <= own);
                if let Some(i) = cap.find_own(j, emp.fte, emp.own_key, emp.new_unit, &ok) {
                    got = Some((j, i, why, overlap.unwrap_or(0.0)));
                    break;
                }
            }
            let Some((j, i, why, overlap)) = got else {
                left.push(e);
                continue;
            };
            cap.take(i, emp.fte);
            *filled.entry(cap.posts[i].id).or_insert(0.0) += emp.fte;
            outcome[e] = Some((Outcome::Passend, i));
            let post = &cap.posts[i];
            let place = if Some(post.key.as_str()) == emp.own_key {
                format!("`{}`, the post that continues the work of their post `{}`", post.key, emp.old_post.key)
            } else {
                format!("`{}` in `{}`, where the work of their unit goes on", post.key, emp.new_unit_key.unwrap_or("?"))
            };
            reasons[e].push(Reason {
            step: Step::Passend,
            rule: format!("max scale drop {}", statute.max_scale_drop),
            text: format!(
                "herplaatsingskandidaat; placed first on a post that continues their own work: passende functie `{}` at {place} (scale {}): {why}, {} of the old task weight recurs",
                cmp.new[j].function,
                post.scale.or(cmp.new[j].scale).map_or("?".into(), |s| s.to_string()),
                percent(overlap)
            ),
        });
        }
        rest = left;
    }

    // Places a candidate, or records that none of the passende functies had room.
    macro_rules! settle {
        ($e:expr, $emp:expr, $got:expr, $refused:expr, $related:expr) => {{
            let (e, emp, got, refused, related): (usize, &Employee<'_>, Option<(usize, usize, &str)>, Vec<String>, &[(usize, f64)]) =
                ($e, $emp, $got, $refused, $related);
        match got {
                Some((j, i, why)) => {
                    cap.take(i, emp.fte);
                    *filled.entry(cap.posts[i].id).or_insert(0.0) += emp.fte;
                    outcome[e] = Some((Outcome::Passend, i));
                    let overlap = related.iter().find(|r| r.0 == j).map(|r| r.1).unwrap_or(0.0);
                    let elsewhere = match emp.new_unit_key {
                        Some(u) => format!("no passende post is free in `{u}`, where the work of their unit goes on"),
                        None => super::follow::no_successor(emp),
                    };
                    reasons[e].push(Reason {
                        step: Step::Passend,
                        rule: format!("max scale drop {}", statute.max_scale_drop),
                        text: format!(
                            "herplaatsingskandidaat; {elsewhere}, so by the statute's order elsewhere: placed in passende functie `{}` (post `{}`, scale {}): {why}, {} of the old task weight recurs; {priority}",
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
                            if statute.passend_requires_shared_tasks {
                                "herplaatsingskandidaat; no passende functie: no new function shares a task with the old one, and no preference was stated (the statute asks for shared tasks)".to_owned()
                            } else {
                                "herplaatsingskandidaat; no passende functie".to_owned()
                            }
                        } else {
                            format!("herplaatsingskandidaat; no passende functie: {}", refused.join("; "))
                        },
                    });
                    unplaced.push(e);
                }
            }
        }};
    }
    let mut deferred: Vec<(usize, u8, u8, Vec<String>)> = Vec::new();
    let mut refused_before: HashMap<(Option<usize>, u8, u8, u64), usize> = HashMap::default();
    for &e in &rest {
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
        let got = cap.find_at_scale(lo, own, emp.fte, &|j| !is_nieuw[j]).map(|i| (cap.post_function[i], i, AT_SCALE));
        if got.is_none() {
            refused.push(format!("no other post at scale {lo} to {own} has {} FTE free", num(emp.fte)));
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
}

/// For every boventallige: the posts still open at their scale (or at most the
/// statute's drop below), and why none was offered; at most [`OPEN_LISTED`] each,
/// with the count of the others.
pub(super) fn open_posts(cx: &Ctx<'_>, employees: &[Employee<'_>], st: &mut State<'_>) {
    let Ctx { statute, ix, .. } = *cx;
    let cmp = &ix.comparison;
    let State { cap, outcome, open, .. } = st;
    let mut open_count = vec![0usize; usize::from(u8::MAX) + 1];
    for i in (0..=u8::MAX).flat_map(|s| cap.open_at_scale(s, s)) {
        if let Some(s) = cap.post_scale[i] {
            open_count[usize::from(s)] += 1;
        }
    }
    for (e, emp) in employees.iter().enumerate() {
        if outcome[e].is_some() {
            continue;
        }
        let Some(own) = emp.scale else { continue };
        let lo = own.saturating_sub(statute.max_scale_drop);
        let related = emp.old_function.and_then(|f| ix.related.get(f)).map_or(&[][..], Vec::as_slice);
        let mut listed = Vec::new();
        for i in cap.open_at_scale(lo, own).take(OPEN_LISTED) {
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
                post: cap.posts[i].key.clone(),
                function: f.function.clone(),
                scale: cap.post_scale[i],
                fte: room,
                why_not,
            });
        }
        let all: usize = (lo..=own).map(|s| open_count[usize::from(s)]).sum();
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
