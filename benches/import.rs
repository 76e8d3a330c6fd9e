//! Import benchmarks: the largest UK organogram pair and the whole corpus,
//! and many unit names that share one slug.
//!
//! ```text
//! HARKJE_UK_CORPUS=../shared/data/uk-organograms cargo bench --bench import
//! ```
//!
//! Without `HARKJE_UK_CORPUS` the pairs are the few shipped in
//! `tests/fixtures/uk-organograms/`. The files are read into memory first, so
//! the figures are parsing, rules, measures and design building, without disk
//! reads.

use std::path::PathBuf;

fn main() {
    divan::main();
}

fn corpus() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    match std::env::var_os("HARKJE_UK_CORPUS").filter(|d| !d.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("tests/fixtures/uk-organograms"),
    }
}

/// Every pair as (name, senior bytes, junior bytes if any), sorted by name.
fn pairs() -> Vec<(String, Vec<u8>, Option<Vec<u8>>)> {
    let dir = corpus();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix("-senior.csv")).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let s = std::fs::read(dir.join(format!("{n}-senior.csv"))).unwrap_or_default();
            let j = std::fs::read(dir.join(format!("{n}-junior.csv"))).ok();
            (n, s, j)
        })
        .collect()
}

fn import(name: &str, s: &[u8], j: Option<&[u8]>) -> usize {
    match harkje::import::read_uk_organogram(name, ("senior.csv", s), j.map(|j| ("junior.csv", j))) {
        Ok((d, r)) => d.posts().len() + r.faults.len(),
        Err(_) => 0,
    }
}

#[divan::bench(sample_count = 20)]
fn ministry_of_defence_2016_03_31(bencher: divan::Bencher) {
    let all = pairs();
    let Some((n, s, j)) = all.iter().find(|(n, _, _)| n == "ministry_of_defence-2016-03-31") else {
        return;
    };
    bencher.bench(|| import(n, s, j.as_deref()));
}

#[divan::bench(sample_count = 5)]
fn all_pairs(bencher: divan::Bencher) {
    let all = pairs();
    bencher.bench(|| all.iter().map(|(n, s, j)| import(n, s, j.as_deref())).sum::<usize>());
}

/// A senior file of `n` posts in units whose names differ only in case and
/// punctuation, so that they all share one slug.
fn shared_slugs(n: usize) -> String {
    let mut s = String::from("Post Unique Reference,Name,Job Title,Organisation,Unit,Reports to Senior Post\n");
    s.push_str("0,N/D,Head,Dept,Office,XX\n");
    for i in 1..n {
        let name: String =
            format!("{i:016b}").chars().map(|c| if c == '1' { 'A' } else { 'a' }).chain("-Team".chars()).collect();
        s.push_str(&format!("{i},N/D,Officer,Dept,{name},0\n"));
    }
    s
}

#[divan::bench(args = [4_000, 32_000], sample_count = 5)]
fn units_sharing_a_slug(bencher: divan::Bencher, n: usize) {
    let senior = shared_slugs(n);
    bencher.bench(|| import("slugs", senior.as_bytes(), None));
}
