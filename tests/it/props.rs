//! Property tests of the invariants: save → load is the identity, loading
//! never panics, edits never make a line cycle.

use harkje::format::v1::{
    AppointmentV1, AssignmentV1, DesignFile, FunctionV1, MembershipV1, PersonV1, PostV1, SelfSteeringV1, TargetV1,
    TaskV1, UnitV1,
};
use harkje::format::{from_json, to_json};
use harkje::graph::LineTable;
use harkje::{Design, Post, PostId, SteeringKind, UnitKind};
use jiff::civil::Date;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![Just(None), (1990i16..2040, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).ok())]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z ]{1,12}", "\\PC{0,8}"]
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
            let units =
                prop::collection::vec((kinds, text(), any::<prop::sample::Index>(), any::<bool>(), period(), body), nu);
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
                .map(|(i, (kind, name, parent, has_parent, (from, until), (body, accountable, coach)))| UnitV1 {
                    key: uk(i),
                    name,
                    kind,
                    // Parents only among earlier units: no placement cycle.
                    parent: (has_parent && i > 0).then(|| uk(parent.index(i))),
                    head: None,
                    kernopdracht: None,
                    from,
                    until,
                    collective_leadership: body == 1,
                    self_steering: (body == 2).then(|| SelfSteeringV1 {
                        accountable_to: accountable.map(|a| pk(a.index(np))),
                        coach: coach.map(|c| pk(c.index(np))),
                    }),
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
                .map(|(i, (title, role, fte, salary, unit, reports_to, function, temporary, (from, until)))| PostV1 {
                    key: pk(i),
                    title,
                    role: role.to_owned(),
                    function: function.filter(|_| nf > 0).map(|f| format!("F{}", f.index(nf))),
                    fte,
                    scale: None,
                    salary: salary.map(f64::from),
                    unit: Some(uk(unit.index(nu))),
                    reports_to: reports_to.map(|r| pk(r.index(np))),
                    accountable_to: None,
                    temporary,
                    independent: false,
                    from,
                    until,
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
            }
        })
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
