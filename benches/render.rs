//! Rendering benchmarks: pictures of a municipality of 1,000 posts.
//!
//! ```sh
//! cargo bench --bench render
//! ```

#![allow(clippy::panic, missing_docs, reason = "a benchmark: a broken generator should stop it loudly")]

use harkje::render::{self, RenderOptions};
use harkje::{Design, DesignBuilder, SteeringKind, TargetKey, UnitKind};

fn main() {
    divan::main();
}

/// A municipality of about 200 units and 1,000 posts: a directie of four, four
/// sectors, twenty departments, 170 teams, five vakgroepen, 802 staff posts in
/// the teams, and thirty horizontal steering lines.
fn municipality() -> Design {
    let mut b = DesignBuilder::new("Gemeente Benchmark");
    b.unit("directie", "Directie", UnitKind::Directie);
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    for d in 1..=3 {
        b.post(&format!("dir-{d}"), &format!("Directeur {d}"), "directeur").unit("directie").reports_to("gs");
    }
    let mut teams = Vec::new();
    for s in 1..=4 {
        let sector = format!("sector-{s}");
        b.unit(&sector, &format!("Sector {s}"), UnitKind::Eenheid).parent("directie");
        b.post(&format!("hoofd-{sector}"), &format!("Sectorhoofd {s}"), "hoofd")
            .unit(&sector)
            .reports_to(&format!("dir-{}", 1 + (s - 1) % 3));
        for a in 1..=5 {
            let afd = format!("afd-{s}-{a}");
            b.unit(&afd, &format!("Afdeling {s}.{a}"), UnitKind::Eenheid).parent(&sector);
            b.post(&format!("hoofd-{afd}"), &format!("Afdelingshoofd {s}.{a}"), "hoofd")
                .unit(&afd)
                .reports_to(&format!("hoofd-{sector}"));
        }
    }
    for t in 0..170 {
        let (s, a) = (1 + t % 4, 1 + (t / 4) % 5);
        let team = format!("team-{t}");
        b.unit(&team, &format!("Team {t}"), UnitKind::Team).parent(&format!("afd-{s}-{a}"));
        b.post(&format!("tm-{t}"), &format!("Teammanager team {t}"), "teammanager")
            .unit(&team)
            .reports_to(&format!("hoofd-afd-{s}-{a}"));
        teams.push(t);
    }
    for v in 0..5 {
        b.unit(&format!("vakgroep-{v}"), &format!("Vakgroep {v}"), UnitKind::Community);
    }
    for i in 0..802 {
        let t = i % 170;
        let key = format!("mw-{i}");
        b.post(&key, &format!("Beleidsmedewerker {i}"), "medewerker")
            .unit(&format!("team-{t}"))
            .reports_to(&format!("tm-{t}"));
        if i % 9 == 0 {
            b.member(&key, &format!("vakgroep-{}", i % 5));
        }
    }
    for k in 0..30 {
        let agent = format!("mw-{}", k * 7);
        b.assignment(
            &format!("opdracht-{k}"),
            SteeringKind::Programme,
            &agent,
            TargetKey::Unit(format!("team-{}", (k * 37) % 170)),
        );
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

#[divan::bench]
fn svg_1000_posts(bencher: divan::Bencher) {
    let d = municipality();
    assert_eq!(d.posts().len(), 1000);
    bencher.bench(|| render::to_svg(divan::black_box(&d), &RenderOptions::default()));
}

#[divan::bench]
fn dot_1000_posts(bencher: divan::Bencher) {
    let d = municipality();
    bencher.bench(|| render::to_dot(divan::black_box(&d), &RenderOptions::default()));
}

#[divan::bench]
fn mermaid_1000_posts(bencher: divan::Bencher) {
    let d = municipality();
    bencher.bench(|| render::to_mermaid(divan::black_box(&d), &RenderOptions::default()));
}
