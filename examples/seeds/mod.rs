//! The deterministic generator of the seed example data in `examples/data/`.
//!
//! Each module models one municipality from the seed documents: what the
//! document says is written out by hand, and what it leaves open (headcounts,
//! staff, tasks, salaries) is filled in by [`Rng`], a small seeded generator,
//! so the same code always writes the same files. Keys that start with `syn-`
//! mark invented elements; everything else is named in the seed document (see
//! each `examples/data/<name>/README.md`).
//!
//! `cargo run --example seed_data` writes the files; the integration test
//! `seeds::committed_data_equals_the_generator` checks that the committed
//! files equal what this code produces.
#![allow(dead_code)]

pub mod almelo;
pub mod amersfoort;
pub mod de_bilt;
pub mod gemeente_2024;
pub mod hengelo;
pub mod tutorial;

use std::collections::BTreeMap;
use std::error::Error;

use harkje::{ContractKind, Design, DesignBuilder, Membership, Period, PostId, UnitId};
use harkje::{Date, date};

/// Errors of the generator (a builder or edit error means a bug in the generator).
pub type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Every data file, as a path under `examples/data/` and the design it holds.
pub fn all() -> Result<Vec<(&'static str, Design)>> {
    Ok(vec![
        ("de-bilt-2018/design.json", de_bilt::design()?),
        ("almelo-2018/old.json", almelo::old()?),
        ("almelo-2018/new.json", almelo::new()?),
        ("almelo-2018/new-five-layers.json", almelo::new_five_layers()?),
        ("amersfoort-2015/old.json", amersfoort::old()?),
        ("amersfoort-2015/new.json", amersfoort::new()?),
        ("hengelo-2021/old.json", hengelo::old()?),
        ("hengelo-2021/new.json", hengelo::new()?),
        ("gemeente-2024/old.json", gemeente_2024::old()?),
        ("gemeente-2024/new.json", gemeente_2024::new()?),
        ("tutorial/design.json", tutorial::design()?),
        ("tutorial/new.json", tutorial::new()?),
    ])
}

/// SplitMix64: a tiny, well-known generator. Seeded by hand, never by the OS.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i64
    }

    /// Picks from weighted choices.
    pub fn weighted<T: Copy>(&mut self, choices: &[(T, u64)]) -> T {
        let total: u64 = choices.iter().map(|c| c.1).sum();
        let mut roll = self.below(total);
        for &(v, w) in choices {
            if roll < w {
                return v;
            }
            roll -= w;
        }
        choices[choices.len() - 1].0
    }
}

/// A synthetic annual gross full-time salary for a scale, in euros.
///
/// Rounded figures near the top of each municipal scale around 2018,
/// including holiday pay and the year-end bonus; `index` scales them for
/// other years (1.0 for 2018). Synthetic: no seed document gives salaries.
pub fn salary(scale: u8, index: f64) -> f64 {
    let base = match scale {
        0..=4 => 33_000.0,
        5 => 36_000.0,
        6 => 39_500.0,
        7 => 43_000.0,
        8 => 48_000.0,
        9 => 53_500.0,
        10 => 60_000.0,
        11 => 67_500.0,
        12 => 76_000.0,
        13 => 85_000.0,
        14 => 95_000.0,
        15 => 106_000.0,
        16 => 118_000.0,
        _ => 130_000.0,
    };
    (base * index / 100.0).round() * 100.0
}

/// A synthetic part-time factor: most staff full time, some 36, 32, 24 or 20 hours.
pub fn fte(rng: &mut Rng) -> f64 {
    rng.weighted(&[(1.0, 55), (0.9, 18), (0.8, 12), (0.67, 8), (0.56, 7)])
}

/// A synthetic employee: birth date, start of service, contract and working time.
#[derive(Clone, Debug)]
pub struct Employee {
    /// The person key.
    pub key: String,
    /// Birth date.
    pub birth: Date,
    /// First day of service.
    pub service_start: Date,
    /// Contract kind.
    pub contract: ContractKind,
    /// Working time in FTE.
    pub fte: f64,
}

/// Draws an employee in service on `on`: born between 1953 and 1996,
/// started at 19 or later (not before 1978), mostly on a permanent contract.
pub fn employee(rng: &mut Rng, key: String, on: Date) -> Employee {
    let year = on.year() as i64;
    let birth = date(rng.between(year - 64, year - 22) as i16, rng.between(1, 12) as i8, rng.between(1, 28) as i8);
    let first = (birth.year() as i64 + 19).max(1978);
    let last = year - 1;
    let service_start = date(rng.between(first.min(last), last) as i16, rng.between(1, 12) as i8, 1);
    let contract = rng.weighted(&[(ContractKind::Permanent, 94), (ContractKind::Temporary, 6)]);
    let fte = fte(rng);
    Employee { key, birth, service_start, contract, fte }
}

/// Adds an employee to a builder, with the functions they would like in a
/// reorganisation, and appoints them to a post for their FTE.
pub fn appoint(b: &mut DesignBuilder, e: &Employee, post: &str, scale: u8, preferences: &[&str]) {
    let person = b
        .person(&e.key)
        .name(&format!("Synthetisch {}", e.key.trim_start_matches("syn-")))
        .birth_date(e.birth)
        .service_start(e.service_start)
        .contract(e.contract)
        .scale(scale)
        .fte(e.fte);
    for f in preferences {
        person.prefers(f);
    }
    b.appoint(&e.key, post).fte(e.fte);
}

/// Adds memberships with a validity period (the builder only makes open-ended ones).
pub fn add_memberships(design: &mut Design, members: &[(&str, &str, Period)]) -> Result<()> {
    for (post, community, valid) in members {
        let mut m = Membership::new(PostId::from_key(post), UnitId::from_key(community));
        m.valid = *valid;
        design.add_membership(m)?;
    }
    Ok(())
}

/// The roles of the posts of a design, counted, for printing and tests.
pub fn role_counts(design: &Design) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for p in design.posts() {
        *out.entry(p.role.to_string()).or_insert(0) += 1;
    }
    out
}
