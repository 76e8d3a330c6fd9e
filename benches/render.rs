//! Rendering benchmarks: pictures of a municipality of 1,000 posts; the
//! unit-level picture of the largest UK organogram of the corpus; PDF pages.
//!
//! ```sh
//! cargo bench --bench render
//! HARKJE_UK_CORPUS=../shared/data/uk-organograms cargo bench --bench render
//! ```
//!
//! Without `HARKJE_UK_CORPUS` the largest UK pair is the largest of the few
//! shipped in `tests/fixtures/uk-organograms/`. The PDF benchmarks need the
//! `pdf` feature (on by default through `cli`).

#![allow(clippy::panic, missing_docs, reason = "a benchmark: a broken generator should stop it loudly")]

use std::path::PathBuf;

use harkje::render::{self, Level, Page, RenderOptions};
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

/// The largest UK organogram pair of the corpus (by the size of its two
/// files), imported: its name and design.
#[cfg(feature = "import")]
fn largest_uk_organogram() -> (String, Design) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = match std::env::var_os("HARKJE_UK_CORPUS").filter(|d| !d.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("tests/fixtures/uk-organograms"),
    };
    let size = |p: &PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut best: Option<(u64, String)> = None;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pair) = name.strip_suffix("-senior.csv") else { continue };
        let bytes = size(&entry.path()) + size(&dir.join(format!("{pair}-junior.csv")));
        if best.as_ref().is_none_or(|(b, _)| bytes > *b) {
            best = Some((bytes, pair.to_owned()));
        }
    }
    let (_, pair) = best.unwrap_or_else(|| panic!("no UK organogram pair in {}", dir.display()));
    let senior = std::fs::read(dir.join(format!("{pair}-senior.csv"))).unwrap_or_default();
    let junior = std::fs::read(dir.join(format!("{pair}-junior.csv"))).ok();
    let (design, _) = harkje::import::read_uk_organogram(
        &pair,
        ("senior.csv", senior.as_slice()),
        junior.as_deref().map(|j| ("junior.csv", j)),
    )
    .unwrap_or_else(|e| panic!("{pair}: {e}"));
    (pair, design)
}

#[cfg(feature = "import")]
#[divan::bench(sample_count = 20)]
fn svg_units_of_the_largest_uk_organogram(bencher: divan::Bencher) {
    let (_, d) = largest_uk_organogram();
    let options = RenderOptions::default().with_level(Level::Units);
    bencher.bench(|| render::to_svg(divan::black_box(&d), &options));
}

#[cfg(feature = "import")]
#[divan::bench(sample_count = 20)]
fn svg_units_a3_of_the_largest_uk_organogram(bencher: divan::Bencher) {
    let (_, d) = largest_uk_organogram();
    let options = RenderOptions::default().with_level(Level::Units).with_page(Some(Page::A3));
    bencher.bench(|| render::to_svg(divan::black_box(&d), &options));
}

#[cfg(all(feature = "import", feature = "pdf"))]
#[divan::bench(sample_count = 10)]
fn pdf_units_a3_of_the_largest_uk_organogram(bencher: divan::Bencher) {
    let (_, d) = largest_uk_organogram();
    let options = RenderOptions::default().with_level(Level::Units);
    bencher.bench(|| render::to_pdf(divan::black_box(&d), &options));
}

/// A seed municipality's design file from `examples/data/`.
fn seed(file: &str) -> Design {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data").join(file);
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    harkje::format::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[divan::bench(sample_count = 20)]
fn svg_units_a3_almelo(bencher: divan::Bencher) {
    let d = seed("almelo-2018/new.json");
    let options = RenderOptions::default().with_level(Level::Units).with_page(Some(Page::A3));
    bencher.bench(|| render::to_svg(divan::black_box(&d), &options));
}

#[cfg(feature = "pdf")]
#[divan::bench(sample_count = 10)]
fn pdf_units_a3_almelo(bencher: divan::Bencher) {
    let d = seed("almelo-2018/new.json");
    let options = RenderOptions::default().with_level(Level::Units);
    bencher.bench(|| render::to_pdf(divan::black_box(&d), &options));
}

#[cfg(feature = "pdf")]
#[divan::bench(sample_count = 10)]
fn pdf_units_a3_de_bilt(bencher: divan::Bencher) {
    let d = seed("de-bilt-2018/design.json");
    let options = RenderOptions::default().with_level(Level::Units);
    bencher.bench(|| render::to_pdf(divan::black_box(&d), &options));
}

#[cfg(feature = "pdf")]
#[divan::bench(sample_count = 10)]
fn pdf_page_per_unit_a4_almelo(bencher: divan::Bencher) {
    let d = seed("almelo-2018/new.json");
    let options = RenderOptions::default().with_level(Level::Units).with_page(Some(Page::A4));
    bencher.bench(|| {
        let pages = render::unit_pages(divan::black_box(&d), render::PictureFormat::Svg, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        render::pdf_of_pages(&pages, d.name())
    });
}
