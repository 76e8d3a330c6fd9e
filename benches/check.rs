//! Checking every rule on a generated design of a million posts.
//!
//! Run with `cargo bench --bench check`. The design is built once, outside the
//! timing: a gemeentesecretaris, 20 adjunct-directeuren, 2,500 hoofden (one
//! eenheid each), 50,000 teammanagers (one team each) and their medewerkers,
//! for 1,000,000 posts; 2,000 temporary programmamanagers with 10,000
//! horizontal assignments into teams, 500 temporary kwartiermakers, and a
//! person appointed to every post.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::LazyLock;

use harkje::check::{Checker, Policy};
use harkje::model::Dated;
use harkje::{
    Appointment, Assignment, Design, Period, Person, Post, PostId, SteeringKind, Target, Unit, UnitId, UnitKind,
};
use jiff::civil::date;

const POSTS: usize = 1_000_000;

fn main() {
    divan::main();
}

fn build() -> Design {
    build_with(false)
}

/// The design; with `history`, one medewerker post in a hundred (9,475
/// posts) and its appointment ended on 2024-12-31 and kept in the design.
fn build_with(history: bool) -> Design {
    let ended = Period::new(None, Some(date(2024, 12, 31)));
    let mut gone: HashSet<PostId> = HashSet::new();
    let mut d = Design::new("generated");
    let directie = d.add_unit(with_kern(Unit::new("directie", "Directie", UnitKind::Directie))).unwrap();
    let mut posts: Vec<PostId> = Vec::with_capacity(POSTS);
    let mut add = |d: &mut Design, key: String, role: &str, unit: UnitId, manager: Option<PostId>| {
        let mut p = Post::new(key, "post", role);
        p.unit = Some(unit);
        p.reports_to = manager;
        p.salary = Some(60_000.0);
        let id = d.add_post(p).unwrap();
        posts.push(id);
        id
    };
    let gs = add(&mut d, "gs".into(), "gemeentesecretaris", directie, None);
    let adjuncts: Vec<PostId> =
        (0..20).map(|i| add(&mut d, format!("adjunct-{i}"), "adjunct-directeur", directie, Some(gs))).collect();
    let mut hoofden = Vec::with_capacity(2_500);
    for h in 0..2_500 {
        let mut u = with_kern(Unit::new(format!("eenheid-{h}"), "Eenheid", UnitKind::Eenheid));
        u.parent = Some(directie);
        let unit = d.add_unit(u).unwrap();
        hoofden.push((add(&mut d, format!("hoofd-{h}"), "hoofd", unit, Some(adjuncts[h % 20])), unit));
    }
    let mut teams = Vec::with_capacity(50_000);
    for t in 0..50_000 {
        let (hoofd, eenheid) = hoofden[t % 2_500];
        let mut u = Unit::new(format!("team-{t}"), "Team", UnitKind::Team);
        u.parent = Some(eenheid);
        if t % 10 != 0 {
            u = with_kern(u);
        }
        let unit = d.add_unit(u).unwrap();
        teams.push((add(&mut d, format!("tm-{t}"), "teammanager", unit, Some(hoofd)), unit));
    }
    let term = Period::new(Some(date(2024, 1, 1)), Some(date(2026, 12, 31)));
    let mut pms = Vec::with_capacity(2_000);
    for (i, &(hoofd, eenheid)) in hoofden.iter().enumerate().take(2_500) {
        let role = if i < 2_000 { "programmamanager" } else { "kwartiermaker" };
        let mut p = Post::new(format!("{role}-{i}"), "post", role);
        p.unit = Some(eenheid);
        p.reports_to = Some(hoofd);
        p.accountable_to = Some(Target::Unit(directie));
        p.valid = term;
        let id = d.add_post(p).unwrap();
        posts.push(id);
        if i < 2_000 {
            pms.push(id);
        }
    }
    let mut m = 0;
    while posts.len() < POSTS {
        let (tm, team) = teams[m % 50_000];
        posts.push(
            d.add_post({
                let mut p = Post::new(format!("m-{m}"), "post", "medewerker");
                p.unit = Some(team);
                p.reports_to = Some(tm);
                p.salary = Some(50_000.0);
                if history && m % 100 == 0 {
                    p.valid = ended;
                    gone.insert(p.id);
                }
                p
            })
            .unwrap(),
        );
        m += 1;
    }
    for a in 0..10_000 {
        let (_, team) = teams[(a * 37) % 50_000];
        let mut s =
            Assignment::new(format!("opdracht-{a}"), SteeringKind::Programme, pms[a % 2_000], Target::Unit(team));
        s.principal = Some(Target::Post(gs));
        s.goal = Some("doel".into());
        s.escalation = Some(Target::Unit(directie));
        s.capacity = Some(0.1);
        s.valid = term;
        d.add_assignment(s).unwrap();
    }
    for (i, post) in posts.iter().enumerate() {
        let person = d.add_person(Person::new(format!("p{i}"))).unwrap();
        let mut a = Appointment::new(person, *post, 1.0);
        if gone.contains(post) {
            a.valid = ended;
        }
        d.add_appointment(a).unwrap();
    }
    d
}

fn with_kern(mut u: Unit) -> Unit {
    u.kernopdracht = Some("kern".into());
    u
}

static DESIGN: LazyLock<Design> = LazyLock::new(build);

/// The same design with the line of 10,000 medewerkers dated: each reports to
/// its teammanager until 2024-12-31 and to the next team's from 2025-01-01
/// (a reorganisation moving one post in a hundred).
static DATED: LazyLock<Design> = LazyLock::new(|| {
    let mut d = build();
    let split = date(2024, 12, 31);
    for m in (0..900_000).step_by(90) {
        let post = PostId::from_key(&format!("m-{m}"));
        let now = PostId::from_key(&format!("tm-{}", m % 50_000));
        let next = PostId::from_key(&format!("tm-{}", (m + 1) % 50_000));
        let list = vec![
            Dated::new(now, Period::new(None, Some(split))),
            Dated::new(next, Period::new(split.tomorrow().ok(), None)),
        ];
        d.set_reports_to_dated(post, list).unwrap();
    }
    d
});

/// The design with history: posts and appointments that ended before the
/// day of the check are kept in it.
static HISTORY: LazyLock<Design> = LazyLock::new(|| build_with(true));

#[divan::bench(sample_count = 5, sample_size = 1)]
fn all_rules_1m_posts(bencher: divan::Bencher) {
    let design = &*DESIGN;
    assert_eq!(design.posts().len(), POSTS);
    let checker = Checker::new(Policy::default().with_as_of(date(2025, 6, 1)));
    bencher.bench(|| {
        let report = checker.check(divan::black_box(design));
        divan::black_box(report.diagnostics().len())
    });
}

/// The check of [`all_rules_1m_posts`] on a design with 10,000 dated lines:
/// the design is read as of the day first.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn all_rules_1m_posts_dated(bencher: divan::Bencher) {
    let design = &*DATED;
    assert!(design.has_dated_values());
    let checker = Checker::new(Policy::default().with_as_of(date(2025, 6, 1)));
    bencher.bench(|| {
        let report = checker.check(divan::black_box(design));
        divan::black_box(report.diagnostics().len())
    });
}

/// The check of [`all_rules_1m_posts`] on the design with history: 9,475
/// posts and their appointments ended before the day, so the check reads
/// the design as it stands on the day (a view; only changed posts copied).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn all_rules_1m_posts_history(bencher: divan::Bencher) {
    let design = &*HISTORY;
    let checker = Checker::new(Policy::default().with_as_of(date(2025, 6, 1)));
    let report = checker.check(design);
    assert_eq!(report.as_of(), date(2025, 6, 1));
    bencher.bench(|| {
        let report = checker.check(divan::black_box(design));
        divan::black_box(report.diagnostics().len())
    });
}
