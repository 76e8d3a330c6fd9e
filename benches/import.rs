//! Import benchmarks: the largest UK organogram pair and the whole corpus.
//!
//! ```text
//! cargo bench --bench import
//! ```
//!
//! The files are read into memory first, so the figures are parsing, rules,
//! measures and design building, without disk reads.

use std::path::PathBuf;

fn main() {
    divan::main();
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/uk-organograms")
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
    match harkje::import::uk_organogram(name, ("senior.csv", s), j.map(|j| ("junior.csv", j))) {
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
fn all_336_pairs(bencher: divan::Bencher) {
    let all = pairs();
    bencher.bench(|| all.iter().map(|(n, s, j)| import(n, s, j.as_deref())).sum::<usize>());
}
