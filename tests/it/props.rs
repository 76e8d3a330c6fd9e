//! Property tests of the invariants: save → load is the identity, loading
//! never panics, edits never make a line cycle.

use harkje::format::v1::{
    AppointmentV1, AssignmentV1, DatedFteV1, DatedPostV1, DatedUnitV1, DesignFile, FunctionV1, MembershipV1, PersonV1,
    PostV1, SelfSteeringV1, TargetV1, TaskV1, Timeline, UnitV1,
};
use harkje::format::v1::{PartyV1, PortfolioV1, PrincipalV1};
use harkje::format::{from_json, to_json};
use harkje::graph::LineTable;
use harkje::{Design, PartyKind, Post, PostId, SteeringKind, UnitKind};
use jiff::civil::Date;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![Just(None), (1990i16..2040, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).ok())]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z ]{1,12}", "\\PC{0,8}"]
}

/// The two ends of a period as written in a file.
type Ends = (Option<Date>, Option<Date>);

/// Splits a period at `split` into two that meet, when `split` lies inside
/// it after its first day: the periods of a field dated in two steps.
fn split((from, until): Ends, split: Option<Date>) -> Option<(Ends, Ends)> {
    let s = split?;
    let before = s.yesterday().ok()?;
    if from.is_some_and(|f| f > before) || until.is_some_and(|u| u < s) {
        return None;
    }
    Some(((from, Some(before)), (Some(s), until)))
}

fn period() -> impl Strategy<Value = (Option<Date>, Option<Date>)> {
    (date(), date()).prop_map(|(a, b)| match (a, b) {
        (Some(a), Some(b)) if b < a => (Some(b), Some(a)),
        other => other,
    })
}

/// A valid design file: references point to existing keys; the line may have cycles.
fn design_file() -> impl Strategy<Value = DesignFile> {
    (1usize..6, 1usize..25, 0usize..5, 0usize..8)
        .prop_flat_map(|(nu, np, nf, npeople)| {
            let kinds = prop::sample::select(UnitKind::ALL.to_vec());
            let roles =
                prop::sample::select(vec!["medewerker", "teammanager", "kwartiermaker", "hoofd", "concerncontroller"]);
            let steering =
                prop::sample::select(vec![SteeringKind::Programme, SteeringKind::Area, SteeringKind::Process]);
            // A unit is plain (0), led collectively (1) or self-steering (2),
            // with an accountable post and a coach when self-steering.
            let body = (
                0u8..3,
                prop::option::of(any::<prop::sample::Index>()),
                prop::option::of(any::<prop::sample::Index>()),
            );
            let units = prop::collection::vec(
                (
                    kinds,
                    text(),
                    any::<prop::sample::Index>(),
                    any::<bool>(),
                    period(),
                    (date(), any::<prop::sample::Index>()),
                    body,
                ),
                nu,
            );
            let posts = prop::collection::vec(
                (
                    text(),
                    roles,
                    (0u32..400).prop_map(|x| f64::from(x) / 100.0),
                    prop::option::of(20_000u32..150_000),
                    any::<prop::sample::Index>(),
                    prop::option::of(any::<prop::sample::Index>()),
                    prop::option::of(any::<prop::sample::Index>()),
                    any::<bool>(),
                    period(),
                    (date(), any::<prop::sample::Index>(), (0u32..400).prop_map(|x| f64::from(x) / 100.0)),
                ),
                np,
            );
            let functions = prop::collection::vec(prop::collection::vec(("[a-z]{1,6}", 1u32..10), 0..4), nf);
            let people =
                prop::collection::vec((prop::option::of(text()), date(), date(), prop::option::of(1u8..18)), npeople);
            let appointments =
                prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..6);
            let assignments = prop::collection::vec(
                (steering, any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop::option::of(text())),
                0..4,
            );
            let memberships = prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..4);
            (Just((nu, np)), units, posts, functions, people, appointments, assignments, memberships)
        })
        .prop_map(|((nu, np), units, posts, functions, people, appointments, assignments, memberships)| {
            let uk = |i: usize| format!("u{i}");
            let pk = |i: usize| format!("p{i}");
            let units: Vec<UnitV1> = units
                .into_iter()
                .enumerate()
                .map(|(i, (kind, name, parent, has_parent, (from, until), (at, other), (body, accountable, coach)))| {
                    UnitV1 {
                        key: uk(i),
                        name,
                        kind: Timeline::Plain(kind),
                        // Parents only among earlier units: no placement cycle,
                        // whatever the dates. Some units move to another parent.
                        parent: (has_parent && i > 0).then(|| match split((from, until), at) {
                            Some(((f1, u1), (f2, u2))) => Timeline::Dated(vec![
                                DatedUnitV1 { unit: uk(parent.index(i)), from: f1, until: u1 },
                                DatedUnitV1 { unit: uk(other.index(i)), from: f2, until: u2 },
                            ]),
                            None => Timeline::Plain(uk(parent.index(i))),
                        }),
                        head: None,
                        kernopdracht: None,
                        from,
                        until,
                        collective_leadership: body == 1,
                        self_steering: (body == 2).then(|| SelfSteeringV1 {
                            accountable_to: accountable.map(|a| pk(a.index(np))),
                            coach: coach.map(|c| pk(c.index(np))),
                        }),
                        // Every third unit can be reached on its own.
                        contact: (i % 3 == 0).then(|| harkje::format::v1::ContactV1 {
                            visiting_address: Some(harkje::format::v1::AddressV1 {
                                street: format!("Straat {i}"),
                                postcode: format!("{} AB", 1000 + i % 9000),
                                city: "Plaats".into(),
                            }),
                            phone: has_parent.then(|| format!("+31 99 {i:07}")),
                            email: Some(format!("{}@voorbeeld.example", uk(i))),
                            ..Default::default()
                        }),
                    }
                })
                .collect();
            let functions: Vec<FunctionV1> = functions
                .into_iter()
                .enumerate()
                .map(|(i, tasks)| FunctionV1 {
                    key: format!("F{i}"),
                    title: format!("functie {i}"),
                    scale_min: Some(8),
                    scale_max: Some(9),
                    hr21: None,
                    tasks: tasks.into_iter().map(|(name, w)| TaskV1 { name, weight: f64::from(w) / 2.0 }).collect(),
                })
                .collect();
            let nf = functions.len();
            let posts: Vec<PostV1> = posts
                .into_iter()
                .enumerate()
                .map(|(i, (title, role, fte, salary, unit, reports_to, function, temporary, (from, until), dated))| {
                    // Some posts change line manager (or become a top post)
                    // and FTE on a day inside their period.
                    let (at, other, fte2) = dated;
                    let halves = split((from, until), at);
                    let reports_to = match (halves, reports_to) {
                        (Some(((f1, u1), (f2, u2))), Some(r)) => Some(Timeline::Dated(vec![
                            DatedPostV1 { post: pk(r.index(np)), from: f1, until: u1 },
                            DatedPostV1 { post: pk(other.index(np)), from: f2, until: u2 },
                        ])),
                        (_, r) => r.map(|r| Timeline::Plain(pk(r.index(np)))),
                    };
                    let fte = match halves {
                        Some(((f1, u1), (f2, u2))) if fte2 != fte => Timeline::Dated(vec![
                            DatedFteV1 { fte, from: f1, until: u1 },
                            DatedFteV1 { fte: fte2, from: f2, until: u2 },
                        ]),
                        _ => Timeline::Plain(fte),
                    };
                    PostV1 {
                        key: pk(i),
                        title,
                        role: role.to_owned(),
                        function: function.filter(|_| nf > 0).map(|f| Timeline::Plain(format!("F{}", f.index(nf)))),
                        fte,
                        scale: None,
                        salary: salary.map(|s| Timeline::Plain(f64::from(s))),
                        unit: Some(Timeline::Plain(uk(unit.index(nu)))),
                        reports_to,
                        accountable_to: None,
                        temporary,
                        independent: false,
                        from,
                        until,
                    }
                })
                .collect();
            let people: Vec<PersonV1> = people
                .into_iter()
                .enumerate()
                .map(|(i, (name, birth_date, service_start, scale))| PersonV1 {
                    key: format!("m{i}"),
                    name,
                    birth_date,
                    service_start,
                    contract: None,
                    scale,
                    fte: None,
                    preferences: Vec::new(),
                })
                .collect();
            let mut appointments: Vec<AppointmentV1> = if people.is_empty() {
                Vec::new()
            } else {
                appointments
                    .into_iter()
                    .map(|(who, post)| AppointmentV1 {
                        person: format!("m{}", who.index(people.len())),
                        post: pk(post.index(np)),
                        fte: 1.0,
                        acting: false,
                        from: None,
                        until: None,
                    })
                    .collect()
            };
            appointments.sort_by(|a, b| (&a.person, &a.post).cmp(&(&b.person, &b.post)));
            appointments.dedup_by(|a, b| a.person == b.person && a.post == b.post);
            let assignments = assignments
                .into_iter()
                .enumerate()
                .map(|(i, (kind, agent, target, goal))| AssignmentV1 {
                    key: format!("a{i}"),
                    kind,
                    agent: pk(agent.index(np)),
                    target: TargetV1::Unit(uk(target.index(nu))),
                    principal: None,
                    goal,
                    escalation: Some(TargetV1::Post(pk(0))),
                    mandate: None,
                    budget: None,
                    capacity: None,
                    from: None,
                    until: None,
                })
                .collect();
            let mut memberships: Vec<MembershipV1> = memberships
                .into_iter()
                .map(|(post, unit)| MembershipV1 {
                    post: pk(post.index(np)),
                    community: uk(unit.index(nu)),
                    from: None,
                    until: None,
                })
                .collect();
            memberships.sort_by(|a, b| (&a.community, &a.post).cmp(&(&b.community, &b.post)));
            memberships.dedup_by(|a, b| a.community == b.community && a.post == b.post);
            DesignFile {
                schema: None,
                version: 1,
                name: "generated".into(),
                roles: Vec::new(),
                functions,
                units,
                posts,
                people,
                appointments,
                assignments,
                memberships,
                parties: Vec::new(),
                portfolios: Vec::new(),
                identifier: Some(format!("https://identifier.overheid.nl/tooi/id/gemeente/gm{:04}", nu)),
            }
        })
}

/// A valid design file with parties outside the organisation, accountability
/// to them, chains of principals (of posts, units and parties, no repeats)
/// and portfolios.
fn design_file_with_parties() -> impl Strategy<Value = DesignFile> {
    let kinds = prop::sample::select(PartyKind::ALL.to_vec());
    let parties = prop::collection::vec((kinds, text(), period()), 1..4);
    let picks = || prop::collection::vec((0u8..3, any::<prop::sample::Index>()), 0..4);
    let accountable = prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..3);
    let portfolios =
        prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), period()), 0..4);
    (design_file(), parties, prop::collection::vec((picks(), any::<bool>()), 4), accountable, portfolios).prop_map(
        |(mut file, parties, chains, accountable, portfolios)| {
            let (nu, np, nq) = (file.units.len(), file.posts.len(), parties.len());
            file.parties = parties
                .into_iter()
                .enumerate()
                .map(|(i, (kind, name, (from, until)))| PartyV1 { key: format!("q{i}"), name, kind, from, until })
                .collect();
            let target = |(what, at): (u8, prop::sample::Index)| match what {
                0 => TargetV1::Post(format!("p{}", at.index(np))),
                1 => TargetV1::Unit(format!("u{}", at.index(nu))),
                _ => TargetV1::Party(format!("q{}", at.index(nq))),
            };
            for (a, (picks, escalate_to_party)) in file.assignments.iter_mut().zip(chains) {
                let mut chain: Vec<TargetV1> = Vec::new();
                for t in picks.into_iter().map(target) {
                    if !chain.contains(&t) && t != TargetV1::Post(a.agent.clone()) {
                        chain.push(t);
                    }
                }
                a.principal = match chain.len() {
                    0 => None,
                    1 => chain.pop().map(PrincipalV1::One),
                    _ => Some(PrincipalV1::Chain(chain)),
                };
                if escalate_to_party {
                    a.escalation = Some(TargetV1::Party("q0".into()));
                }
            }
            for (post, party) in accountable {
                file.posts[post.index(np)].accountable_to =
                    Some(Timeline::Plain(TargetV1::Party(format!("q{}", party.index(nq)))));
            }
            let mut portfolios: Vec<PortfolioV1> = portfolios
                .into_iter()
                .map(|(post, unit, (from, until))| PortfolioV1 {
                    post: format!("p{}", post.index(np)),
                    unit: format!("u{}", unit.index(nu)),
                    from,
                    until,
                })
                .collect();
            portfolios.sort_by(|a, b| (&a.post, &a.unit, a.from).cmp(&(&b.post, &b.unit, b.from)));
            portfolios.dedup_by(|a, b| a.post == b.post && a.unit == b.unit && a.from == b.from);
            file.portfolios = portfolios;
            file
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn save_load_save_gives_the_same_bytes_and_design(file in design_file()) {
        let bytes = serde_json::to_vec(&file).unwrap();
        let design = from_json(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let saved = to_json(&design);
        let again = from_json(saved.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&design, &again);
        prop_assert_eq!(saved, to_json(&again));
    }

    #[test]
    fn parties_chains_and_portfolios_survive_save_and_load(file in design_file_with_parties()) {
        let bytes = serde_json::to_vec(&file).unwrap();
        let design = from_json(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(design.parties().len(), file.parties.len());
        prop_assert_eq!(design.portfolios().len(), file.portfolios.len());
        let saved = to_json(&design);
        let again = from_json(saved.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&design, &again);
        prop_assert_eq!(&saved, &to_json(&again));
        // The chains keep their order: the file read back names the same principals.
        let mut want: Vec<_> = file.assignments.iter().map(|a| (a.key.clone(), a.principal.clone())).collect();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        let reread: DesignFile = serde_json::from_str(&saved).unwrap();
        let got: Vec<_> = reread.assignments.iter().map(|a| (a.key.clone(), a.principal.clone())).collect();
        prop_assert_eq!(want, got);
        // Every day's view keeps its chains free of repeats, and checking never panics.
        for day in [Date::constant(1995, 1, 1), Date::constant(2020, 7, 1)] {
            let then = design.as_of(day);
            for a in then.assignments() {
                let chain: Vec<_> = a.principals().collect();
                let mut unique = chain.clone();
                unique.sort();
                unique.dedup();
                prop_assert_eq!(unique.len(), chain.len());
            }
        }
        let _ = harkje::check::check(&design, &harkje::check::Policy::default());
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = from_json(&bytes);
        let _ = harkje::format::flat_csv::from_csv(&bytes);
    }

    #[test]
    fn loading_a_damaged_design_never_panics(file in design_file(), cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let mut bytes = serde_json::to_vec_pretty(&file).unwrap();
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Err(e) = from_json(&bytes) {
            prop_assert!(!e.problems.is_empty());
            for p in &e.problems {
                prop_assert!(!p.message.is_empty());
            }
        }
    }

    #[test]
    fn measures_never_panic_and_account_for_every_post(file in design_file()) {
        let design = from_json(&serde_json::to_vec(&file).unwrap()).unwrap();
        let line = LineTable::from_design(&design);
        let m = harkje::measures::compute(&line);
        let reached: usize = m.posts_per_layer.values().sum();
        prop_assert_eq!(reached + m.unreachable_posts.len(), m.posts);
        let in_cycles: usize = m.cycles.iter().map(Vec::len).sum();
        prop_assert!(in_cycles <= m.unreachable_posts.len());
        prop_assert_eq!(m.cycles.is_empty() && m.dangling_references.is_empty(), m.unreachable_posts.is_empty());
    }

    #[test]
    fn a_design_without_bodies_measures_as_before(file in design_file()) {
        // The same design with every collective leadership and self-steering
        // team taken out: the measures of the design are those of its plain
        // line, number for number.
        let mut file = file;
        for u in &mut file.units {
            u.collective_leadership = false;
            u.self_steering = None;
        }
        let design = from_json(&serde_json::to_vec(&file).unwrap()).unwrap();
        let plain = harkje::measures::compute(&LineTable::from_design(&design));
        prop_assert_eq!(harkje::measures::of_design(&design), plain);
    }

    #[test]
    fn bodies_move_no_post_and_lose_no_cost(file in design_file()) {
        // Collectives and self-steering teams change where posts hang, never
        // what is counted: every post is reached or unreachable, and the
        // totals are those of the plain line.
        let design = from_json(&serde_json::to_vec(&file).unwrap()).unwrap();
        let plain = harkje::measures::compute(&LineTable::from_design(&design));
        let m = harkje::measures::of_design(&design);
        let reached: usize = m.posts_per_layer.values().sum();
        prop_assert_eq!(reached + m.unreachable_posts.len(), m.posts);
        prop_assert_eq!(&m.totals, &plain.totals);
        prop_assert_eq!(&m.units, &plain.units);
        let spans: u64 = m.per_post.span.iter().map(|&s| u64::from(s)).sum();
        let plain_spans: u64 = plain.per_post.span.iter().map(|&s| u64::from(s)).sum();
        // Only members move: spans grow by at most one per member (a team
        // member hung under its accountable post, a collective member under
        // the line above its collective), and a team of k counts once.
        let bodies = harkje::graph::Bodies::new(design.units(), &LineTable::from_design(&design));
        let members = bodies.teams().iter().map(|t| t.members.len() as u64).sum::<u64>()
            + bodies.collectives().iter().map(|c| c.members.len() as u64).sum::<u64>();
        prop_assert!(spans <= plain_spans + members);
        // The members of a team hang under its accountable post as one
        // report: a post gains at most one per team it answers for (and one
        // per collective member, which may hang under it too).
        let mut teams_of = vec![0u32; m.posts];
        for t in bodies.teams() {
            if let Some(a) = t.accountable {
                teams_of[a] += 1;
            }
        }
        let collective_members = bodies.collectives().iter().map(|c| c.members.len() as u32).sum::<u32>();
        for (a, &teams) in teams_of.iter().enumerate() {
            if teams > 0 {
                prop_assert!(m.per_post.span[a] <= plain.per_post.span[a] + teams + collective_members);
            }
        }
    }

    #[test]
    fn edits_never_make_a_line_cycle(edits in prop::collection::vec((0usize..30, prop::option::of(0usize..30)), 0..80)) {
        let mut d = Design::new("edits");
        for i in 0..30 {
            d.add_post(Post::new(format!("p{i}"), "post", "medewerker")).unwrap();
        }
        for (post, manager) in edits {
            let _ = d.set_reports_to(PostId::from_key(&format!("p{post}")), manager.map(|m| PostId::from_key(&format!("p{m}"))));
        }
        let m = harkje::measures::compute(&LineTable::from_design(&d));
        prop_assert!(m.cycles.is_empty());
        prop_assert!(m.unreachable_posts.is_empty());
    }

    #[test]
    fn as_of_keeps_exactly_the_posts_valid_that_day(file in design_file(), y in 1990i16..2040) {
        let design = from_json(&serde_json::to_vec(&file).unwrap()).unwrap();
        let day = Date::new(y, 6, 15).unwrap();
        let (then, _) = design.as_of_with_notes(day);
        for p in design.posts() {
            prop_assert_eq!(then.post(p.id).is_some(), p.valid.contains(day));
        }
        // Every reference in the view still points inside it.
        for p in then.posts() {
            if let Some(m) = p.reports_to { prop_assert!(then.post(m).is_some()); }
            if let Some(u) = p.unit { prop_assert!(then.unit(u).is_some()); }
        }
    }
}
