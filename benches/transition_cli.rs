//! `cargo bench --bench transition_cli`: `harkje transition` end to end on two design files
//! of 100,000 employees, the path an HR adviser takes.
//!
//! It writes the generated reorganisation of `benches/transition.rs` (100,000 employees,
//! 2,000 functions, 500 units) as files into `target/transition-bench/` when they are
//! missing: `old.json` (with the people and appointments), `new.json` and
//! `transition.toml` (the reference date). Then, in turns run by run, it times the release
//! binary's
//!
//! - `harkje transition old.json new.json --statute almelo-2018 --functions transition.toml`
//!   (the Dutch text report),
//! - the same with `--format json`,
//! - the same with `--pseudonymise --format csv` (the OR version, with its disclosure control),
//!
//! each written to a file, with the peak RSS from `/usr/bin/time`, and prints a Markdown table
//! (also written to `target/bench-transition-cli.md`).
//!
//! `HARKJE_BENCH_RUNS` sets the runs (default 5). Only `cargo bench` runs it (cargo passes
//! `--bench`); under `cargo test --all-targets` the binary starts and returns at once.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, reason = "a benchmark may stop on a broken setup")]

use std::path::{Path, PathBuf};

mod common;
mod transition_data;
use common::{Runs, run_once};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes the two designs and the transition input, through a temporary name so that an
/// interrupted run leaves no half file.
fn write_files(dir: &Path) {
    std::fs::create_dir_all(dir).expect("make the bench directory");
    let r = transition_data::generate();
    for (name, text) in [
        ("old.json", harkje::format::to_json(&r.old)),
        ("new.json", harkje::format::to_json(&r.new)),
        ("transition.toml", "version = 1\nreference_date = 2020-01-01\n".to_owned()),
    ] {
        let tmp = dir.join(format!("{name}.part"));
        std::fs::write(&tmp, text).expect("write a bench file");
        std::fs::rename(&tmp, dir.join(name)).expect("rename a bench file");
    }
}

fn main() {
    if !std::env::args().skip(1).any(|a| a == "--bench") {
        eprintln!("benches/transition_cli.rs runs under `cargo bench --bench transition_cli` only; nothing to do");
        return;
    }
    let runs: usize = std::env::var("HARKJE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let dir = root().join("target/transition-bench");
    let (old, new, input) = (dir.join("old.json"), dir.join("new.json"), dir.join("transition.toml"));
    if !(old.exists() && new.exists() && input.exists()) {
        eprintln!("writing {} …", dir.display());
        write_files(&dir);
    }
    let path = |p: &Path| p.to_str().expect("utf-8 path").to_owned();
    let (old, new, input) = (path(&old), path(&new), path(&input));
    let size = |p: &str| std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6);
    let harkje = env!("CARGO_BIN_EXE_harkje");
    let out = |name: &str| path(&dir.join(name));
    let key = out("pseudonym.key");
    let base = ["transition", old.as_str(), new.as_str(), "--statute", "almelo-2018", "--functions", input.as_str()];
    let text_out = out("report.txt");
    let json_out = out("report.json");
    let csv_out = out("report-or.csv");
    let commands: [(&str, Vec<&str>); 3] = [
        ("text", vec!["-o", text_out.as_str()]),
        ("JSON", vec!["--format", "json", "-o", json_out.as_str()]),
        (
            "OR version (CSV, `--pseudonymise`)",
            vec!["--format", "csv", "--pseudonymise", "--key-file", key.as_str(), "-o", csv_out.as_str()],
        ),
    ];
    let mut results: Vec<Runs> = commands.iter().map(|_| Runs::default()).collect();
    // Taking turns, so that a machine that slows down or speeds up weighs on all alike.
    for _ in 0..runs {
        for ((_, extra), runs) in commands.iter().zip(&mut results) {
            let args: Vec<&str> = base.iter().copied().chain(extra.iter().copied()).collect();
            let (wall, rss) = run_once(harkje, &args);
            runs.add((wall, rss));
        }
    }
    let mut table = format!(
        "`harkje transition` on `old.json` ({:.0} MB, 100,000 employees) and `new.json` ({:.0} MB), {runs} runs each\n\n| output | median wall time | peak RSS | output size |\n|---|---|---|---|\n",
        size(&old),
        size(&new)
    );
    for ((name, _), (mut r, file)) in commands.iter().zip(results.into_iter().zip([&text_out, &json_out, &csv_out])) {
        let rss = r.peak.map_or("n/a".to_owned(), |v| format!("{v:.0} MB"));
        table.push_str(&format!("| {name} | {:.2} s | {rss} | {:.0} MB |\n", r.median().as_secs_f64(), size(file)));
    }
    println!("\n{table}");
    let _ = std::fs::write(root().join("target/bench-transition-cli.md"), &table);
}
