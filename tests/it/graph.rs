//! The graph index: every query of `OrgGraph`, and its use by the measures.

use std::collections::BTreeSet;

use harkje::graph::{LineTable, OrgGraph};
use harkje::measures;
use harkje::{AssignmentId, Design, DesignBuilder, PostId, SteeringKind, Target, TargetKey, UnitId, UnitKind};

fn post(key: &str) -> PostId {
    PostId::from_key(key)
}

fn unit(key: &str) -> UnitId {
    UnitId::from_key(key)
}

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

/// gs (directie) ── hoofd-a (afdeling-a) ── tm (team) ── m1, m2 (team)
///              └── hoofd-b (afdeling-b) ── pm (afdeling-b)
/// with a programme from pm into the team, a job from hoofd-b into m2, and a
/// second programme from hoofd-a into the team.
fn design() -> Design {
    let mut b = DesignBuilder::new("graph");
    b.unit("directie", "Directie", UnitKind::Directie);
    b.unit("afdeling-a", "Afdeling A", UnitKind::Eenheid).parent("directie");
    b.unit("afdeling-b", "Afdeling B", UnitKind::Eenheid).parent("directie");
    b.unit("team", "Team", UnitKind::Team).parent("afdeling-a");
    b.unit("vakgroep", "Vakgroep", UnitKind::Community);
    b.post("gs", "Gs", "gemeentesecretaris").unit("directie");
    b.post("hoofd-a", "Hoofd A", "hoofd").unit("afdeling-a").reports_to("gs");
    b.post("hoofd-b", "Hoofd B", "hoofd").unit("afdeling-b").reports_to("gs");
    b.post("tm", "Tm", "teammanager").unit("team").reports_to("hoofd-a");
    b.post("m1", "M1", "medewerker").unit("team").reports_to("tm");
    b.post("m2", "M2", "medewerker").unit("team").reports_to("tm");
    b.post("pm", "Pm", "programmamanager").unit("afdeling-b").reports_to("hoofd-b");
    b.assignment("wonen", SteeringKind::Programme, "pm", TargetKey::Unit("team".into()));
    b.assignment("klus", SteeringKind::Programme, "hoofd-b", TargetKey::Post("m2".into()));
    b.assignment("zorg", SteeringKind::Programme, "hoofd-a", TargetKey::Unit("team".into()));
    b.member("m1", "vakgroep");
    b.build().unwrap()
}

#[test]
fn reports_are_the_direct_reports() {
    let g = OrgGraph::new(&design());
    assert_eq!(set(g.reports(post("gs"))), set([post("hoofd-a"), post("hoofd-b")]));
    assert_eq!(set(g.reports(post("tm"))), set([post("m1"), post("m2")]));
    assert_eq!(g.reports(post("m1")).count(), 0);
    assert_eq!(g.reports(post("not-there")).count(), 0);
}

#[test]
fn posts_in_are_the_posts_placed_directly() {
    let g = OrgGraph::new(&design());
    assert_eq!(set(g.posts_in(unit("team"))), set([post("tm"), post("m1"), post("m2")]));
    // Placement is not inherited, and community membership is not placement.
    assert_eq!(set(g.posts_in(unit("afdeling-a"))), set([post("hoofd-a")]));
    assert_eq!(g.posts_in(unit("vakgroep")).count(), 0);
    assert_eq!(g.posts_in(unit("not-there")).count(), 0);
}

#[test]
fn steering_into_is_the_assignments_with_their_agents() {
    let g = OrgGraph::new(&design());
    let a = |k: &str| AssignmentId::from_key(k);
    assert_eq!(
        set(g.steering_into(Target::Unit(unit("team")))),
        set([(a("wonen"), post("pm")), (a("zorg"), post("hoofd-a"))])
    );
    assert_eq!(set(g.steering_into(Target::Post(post("m2")))), set([(a("klus"), post("hoofd-b"))]));
    assert_eq!(g.steering_into(Target::Post(post("m1"))).count(), 0);
}

#[test]
fn coordination_load_counts_the_unit_and_its_posts_once_per_agent() {
    let mut b = DesignBuilder::new("load");
    b.unit("team", "Team", UnitKind::Team);
    b.post("m", "M", "medewerker").unit("team");
    b.post("pm", "Pm", "programmamanager");
    b.post("wm", "Wm", "wijkmanager");
    b.assignment("a", SteeringKind::Programme, "pm", TargetKey::Unit("team".into()));
    b.assignment("b", SteeringKind::Programme, "pm", TargetKey::Post("m".into()));
    b.assignment("c", SteeringKind::Programme, "wm", TargetKey::Post("m".into()));
    let d = b.build().unwrap();
    assert_eq!(measures::coordination_load(&d).into_iter().collect::<Vec<_>>(), [("team".to_owned(), 2)]);
    let d = design();
    assert_eq!(measures::coordination_load(&d).into_iter().collect::<Vec<_>>(), [("team".to_owned(), 3)]);
}

#[test]
fn meeting_points_are_the_lowest_common_line_superiors() {
    let d = design();
    let g = OrgGraph::new(&d);
    // The team's head is tm (its manager sits outside the team).
    let head = |u: UnitId| (u == unit("team")).then(|| post("tm"));
    let mut got: Vec<_> = g
        .meeting_points(head)
        .into_iter()
        .map(|m| (d.assignment(m.assignment).unwrap().key.clone(), m.agent, m.steered, m.superior))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("klus".to_owned(), post("hoofd-b"), Some(post("m2")), Some(post("gs"))),
            ("wonen".to_owned(), post("pm"), Some(post("tm")), Some(post("gs"))),
            // A post is its own superior: hoofd-a manages tm.
            ("zorg".to_owned(), post("hoofd-a"), Some(post("tm")), Some(post("hoofd-a"))),
        ]
    );
    // A unit without a head steers no one, and so meets no one.
    let none = g.meeting_points(|_| None);
    assert!(none.iter().filter(|m| m.steered.is_none()).all(|m| m.superior.is_none()));
    assert_eq!(none.iter().filter(|m| m.steered.is_none()).count(), 2);
    // The measure reads the same answer.
    let line = LineTable::from_design(&d);
    let m = measures::compute(&line);
    let esc = measures::escalation_points(&d, &line, &m.per_post);
    let computed: Vec<_> = esc.iter().map(|e| (e.assignment.as_str(), e.computed.as_deref())).collect();
    assert_eq!(computed, [("klus", Some("gs")), ("wonen", Some("gs")), ("zorg", Some("hoofd-a"))]);
}

#[test]
fn meeting_points_skip_cycles_and_separate_trees() {
    // a and b report to each other; c is a top post of its own; d reports to c.
    let text = r#"{"version": 1, "name": "loops",
      "posts": [
        {"key": "a", "title": "A", "reports_to": "b"},
        {"key": "b", "title": "B", "reports_to": "a"},
        {"key": "c", "title": "C"},
        {"key": "d", "title": "D", "reports_to": "c"},
        {"key": "e", "title": "E"}
      ],
      "assignments": [
        {"key": "in-cycle", "kind": "programme", "agent": "d", "target": {"post": "a"}},
        {"key": "apart", "kind": "programme", "agent": "d", "target": {"post": "e"}},
        {"key": "self", "kind": "programme", "agent": "d", "target": {"post": "d"}},
        {"key": "up", "kind": "programme", "agent": "d", "target": {"post": "c"}}
      ]}"#;
    let d = harkje::format::from_json(text.as_bytes()).unwrap();
    let g = OrgGraph::new(&d);
    let mut got: Vec<_> = g
        .meeting_points(|_| None)
        .into_iter()
        .map(|m| (d.assignment(m.assignment).unwrap().key.clone(), m.superior))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("apart".to_owned(), None),
            ("in-cycle".to_owned(), None),
            ("self".to_owned(), Some(post("d"))),
            ("up".to_owned(), Some(post("c"))),
        ]
    );
}

#[test]
fn meeting_points_walk_a_chain_of_100_000_posts_without_recursion() {
    const N: usize = 100_000;
    let mut b = DesignBuilder::new("chain");
    b.post("p0", "P", "medewerker");
    for i in 1..N {
        b.post(&format!("p{i}"), "P", "medewerker").reports_to(&format!("p{}", i - 1));
    }
    b.assignment("down", SteeringKind::Programme, &format!("p{}", N - 1), TargetKey::Post("p1".into()));
    b.assignment("side", SteeringKind::Programme, "p7", TargetKey::Post(format!("p{}", N - 2)));
    let d = b.build().unwrap();
    // Run on a small stack: the walk must not recurse.
    let meets = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let g = OrgGraph::new(&d);
            let mut m: Vec<_> = g.meeting_points(|_| None).into_iter().map(|m| (m.agent, m.superior)).collect();
            m.sort();
            m
        })
        .unwrap()
        .join()
        .unwrap();
    let mut want = vec![(post(&format!("p{}", N - 1)), Some(post("p1"))), (post("p7"), Some(post("p7")))];
    want.sort();
    assert_eq!(meets, want);
}
