//! Invariants of the transition engine on generated reorganisations.

use std::collections::{BTreeMap, BTreeSet};

use harkje::transition::{FunctionStatus, Outcome, Statute, Step, TransitionInput, transition};
use harkje::{Appointment, ContractKind, Design, Function, FunctionId, Person, Post, Task, Unit, UnitId, UnitKind};
use jiff::civil::date;
use proptest::prelude::*;

/// A generated employee: old post, birth year offset, service year offset, scale,
/// external, half time, preferred new functions.
type GenPerson = (usize, i16, i16, u8, bool, bool, Vec<usize>);

#[derive(Clone, Debug)]
struct Reorg {
    old_functions: Vec<Vec<(u8, u8)>>,
    new_functions: Vec<Vec<(u8, u8)>>,
    old_posts: Vec<(usize, u8, bool)>,
    new_posts: Vec<(usize, u8, bool)>,
    people: Vec<GenPerson>,
    ancienniteit: bool,
    threshold: u8,
}

fn tasks() -> impl Strategy<Value = Vec<(u8, u8)>> {
    prop::collection::vec((0u8..8, 1u8..6), 1..5)
}

fn reorg() -> impl Strategy<Value = Reorg> {
    (
        prop::collection::vec(tasks(), 1..6),
        prop::collection::vec(tasks(), 1..6),
        prop::collection::vec((0usize..100, 5u8..11, any::<bool>()), 1..12),
        prop::collection::vec((0usize..100, 5u8..11, any::<bool>()), 0..14),
        prop::collection::vec(
            (
                0usize..100,
                0i16..50,
                0i16..45,
                5u8..11,
                prop::bool::weighted(0.1),
                any::<bool>(),
                prop::collection::vec(0usize..100, 0..4),
            ),
            1..16,
        ),
        any::<bool>(),
        10u8..50,
    )
        .prop_map(|(old_functions, new_functions, old_posts, new_posts, people, ancienniteit, threshold)| Reorg {
            old_functions,
            new_functions,
            old_posts,
            new_posts,
            people,
            ancienniteit,
            threshold,
        })
}

fn function(key: String, scale: u8, tasks: &[(u8, u8)]) -> Function {
    let mut f = Function::new(key.clone(), key);
    f.scale_max = Some(scale);
    f.tasks = tasks.iter().map(|(t, w)| Task::new(format!("t{t}"), f64::from(*w))).collect();
    f
}

fn build(r: &Reorg) -> (Design, Design, Statute) {
    let mut old = Design::new("oud");
    let mut new = Design::new("nieuw");
    for (i, t) in r.old_functions.iter().enumerate() {
        old.add_function(function(format!("O{i}"), 8, t)).unwrap();
    }
    for (i, t) in r.new_functions.iter().enumerate() {
        new.add_function(function(format!("N{i}"), 8, t)).unwrap();
    }
    // Units: the old design has u0 to u2, the new one u0 to u3; a post's unit follows from
    // its generated values, so that units hold mixed functions and some work moves.
    for k in 0..3 {
        old.add_unit(Unit::new(format!("u{k}"), format!("Oud {k}"), UnitKind::Team)).unwrap();
    }
    for k in 0..4 {
        new.add_unit(Unit::new(format!("u{k}"), format!("Nieuw {k}"), UnitKind::Team)).unwrap();
    }
    for (i, (f, scale, half)) in r.old_posts.iter().enumerate() {
        let mut p = Post::new(format!("post-{i}"), "P", "medewerker");
        p.function = Some(FunctionId::from_key(&format!("O{}", f % r.old_functions.len())));
        p.scale = Some(*scale);
        p.fte = if *half { 0.5 } else { 1.0 };
        p.unit = Some(UnitId::from_key(&format!("u{}", (i + usize::from(*scale)) % 3)));
        old.add_post(p).unwrap();
    }
    for (i, (f, scale, half)) in r.new_posts.iter().enumerate() {
        // Some new posts keep an old key, so that "own post" placement is exercised.
        let mut p = Post::new(format!("post-{}", i * 2), "P", "medewerker");
        p.function = Some(FunctionId::from_key(&format!("N{}", f % r.new_functions.len())));
        p.scale = Some(*scale);
        p.fte = if *half { 0.5 } else { 1.0 };
        p.unit = Some(UnitId::from_key(&format!("u{}", (i + usize::from(*scale) + usize::from(*half)) % 4)));
        new.add_post(p).unwrap();
    }
    for (i, (post, age, service, scale, external, half, prefs)) in r.people.iter().enumerate() {
        let key = format!("m{i}");
        let mut p = Person::new(key.clone());
        p.birth_date = Some(date(1950 + age, 6, 1));
        p.service_start = Some(date(1975 + service.min(&44), 3, 1));
        p.scale = Some(*scale);
        p.contract = Some(if *external { ContractKind::External } else { ContractKind::Permanent });
        let person = old.add_person(p).unwrap();
        let post_key = format!("post-{}", post % r.old_posts.len());
        let _ = prefs;
        old.add_appointment(Appointment::new(
            person,
            harkje::PostId::from_key(&post_key),
            if *half { 0.5 } else { 1.0 },
        ))
        .unwrap();
    }
    let toml = format!(
        "threshold = {}\nregime = \"cao-gemeenten\"\nselection = \"{}\"\n",
        f64::from(r.threshold) / 100.0,
        if r.ancienniteit { "anciënniteit" } else { "afspiegeling" }
    );
    (old, new, Statute::from_toml(&toml).unwrap())
}

fn input(r: &Reorg) -> TransitionInput {
    let mut input = TransitionInput { reference_date: Some(date(2020, 1, 1)), ..TransitionInput::default() };
    // Now and then the work of u2 goes on in the new unit u3.
    if r.threshold % 2 == 1 {
        input.unit_successors.insert("u2".into(), "u3".into());
    }
    for (i, person) in r.people.iter().enumerate() {
        let prefs: Vec<String> = person.6.iter().map(|f| format!("N{}", f % r.new_functions.len())).collect();
        if !prefs.is_empty() {
            input.interest.insert(format!("m{i}"), prefs);
        }
    }
    input
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn placement_invariants(r in reorg()) {
        let (old, new, statute) = build(&r);
        let input = input(&r);
        let report = transition(&old, &new, &statute, &input).unwrap();

        // Every employee gets exactly one outcome.
        let keys: Vec<&str> = report.employees.iter().map(|p| p.person.as_str()).collect();
        let unique: BTreeSet<&str> = keys.iter().copied().collect();
        prop_assert_eq!(keys.len(), unique.len());
        let people: BTreeSet<&str> = old.people().map(|p| p.key.as_str()).collect();
        prop_assert_eq!(unique, people);
        let counted: usize = report.totals.outcomes.values().map(|t| t.count).sum();
        prop_assert_eq!(counted, report.employees.len());

        // No post is filled beyond its FTE.
        let mut filled: BTreeMap<&str, f64> = BTreeMap::new();
        for p in &report.employees {
            if let Some(k) = &p.new_post {
                *filled.entry(k.as_str()).or_insert(0.0) += p.fte;
            }
        }
        for (k, f) in &filled {
            let post = new.post_by_key(k).unwrap();
            prop_assert!(*f <= post.fte + 1e-9, "post {} holds {} of {}", k, f, post.fte);
        }
        for u in &report.establishment {
            prop_assert!(u.establishment.new_occupied <= u.establishment.new_fte + 1e-9);
        }

        // Every outcome carries its reasons: function, overlap, rule, step.
        for p in &report.employees {
            prop_assert!(!p.reasons.is_empty());
            prop_assert!(p.reasons.iter().all(|r| !r.rule.is_empty() && !r.text.is_empty()));
            let last = p.reasons.last().unwrap().step;
            match p.outcome {
                Outcome::Extern => prop_assert_eq!(last, Step::Extern),
                o => {
                    prop_assert_eq!(p.reasons[0].step, Step::Comparison);
                    prop_assert!(p.old_function.is_some() && p.overlap.is_some() && p.function_status.is_some());
                    let expected = match o {
                        Outcome::Functievolger => Step::Follow,
                        Outcome::Passend => Step::Passend,
                        Outcome::Geschikt => Step::Geschikt,
                        _ => Step::Boventallig,
                    };
                    prop_assert_eq!(last, expected);
                }
            }
            match p.outcome {
                Outcome::Functievolger => {
                    prop_assert_eq!(p.function_status, Some(FunctionStatus::Ongewijzigd));
                    prop_assert!(p.new_post.is_some());
                }
                Outcome::Passend => {
                    let (own, got) = (p.old_scale.unwrap(), p.new_scale.unwrap());
                    prop_assert!(got <= own && got + statute.max_scale_drop >= own, "{} → {}", own, got);
                }
                Outcome::Boventallig => {
                    prop_assert!(p.new_post.is_none() && p.vwnw.is_some());
                }
                _ => {}
            }
            if p.reasons.iter().any(|r| r.step == Step::Selection) {
                prop_assert!(p.reasons.iter().any(|r| &*r.rule == statute.selection.as_str()));
            }
        }

        // Mens volgt werk: nobody is placed outside their work's successor while a
        // post there that fits them (same function, same scale, room for their FTE)
        // is still free after placement (free FTE only shrinks, so it was free then).
        let mut room: BTreeMap<&str, f64> = new.posts().map(|p| (p.key.as_str(), p.fte)).collect();
        for (k, f) in &filled {
            if let Some(r) = room.get_mut(k) {
                *r -= f;
            }
        }
        for p in &report.employees {
            let (Some(unit), Some(false)) = (&p.successor_unit, p.continues_work) else { continue };
            for post in new.posts() {
                let in_unit = post.unit.and_then(|u| new.unit(u)).is_some_and(|u| &u.key == unit);
                let same = post.function.and_then(|f| new.function(f)).map(|f| &f.key) == p.new_function.as_ref()
                    && post.scale == p.new_scale;
                let free = room.get(post.key.as_str()).copied().unwrap_or(0.0) + 1e-9 >= p.fte;
                prop_assert!(
                    !(in_unit && same && free),
                    "{} placed on {:?} outside {}, while {} there fits and is free",
                    p.person, p.new_post, unit, post.key
                );
            }
        }
        // Every placed employee says whether the post continues their own work.
        for p in &report.employees {
            prop_assert_eq!(p.continues_work.is_some(), p.new_post.is_some());
        }

        // The same input gives the same output.
        let again = transition(&old, &new, &statute, &input).unwrap();
        prop_assert_eq!(&again, &report);
        prop_assert_eq!(again.to_json(), report.to_json());
        prop_assert_eq!(again.pseudonymised(&harkje::transition::PseudonymKey::from_bytes([1; 32])), report.pseudonymised(&harkje::transition::PseudonymKey::from_bytes([1; 32])));
    }
}
