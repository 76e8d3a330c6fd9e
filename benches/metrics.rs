//! `cargo bench --bench metrics`: reading the flat post CSV and computing every
//! measure, at 10k, 100k and 1M posts, side by side with the baselines in
//! `../shared/bench/` measured in the same run on the same files.
//!
//! Needs the synthetic files of `gen_org.py` in `target/synth/` and a Python
//! with numpy, pandas and networkx in `.bl/` (see BENCHMARKS.md); it makes
//! both when they are missing. Set `HARKJE_BENCH_SIZES=10000,100000` to pick
//! sizes, and `HARKJE_BENCH_RUNS` for the number of runs (default 5).
//!
//! Only `cargo bench` runs it (cargo passes `--bench`); under
//! `cargo test --all-targets` the binary starts and returns at once.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, reason = "a benchmark may stop on a broken setup")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::{Runs, run_once};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> Option<PathBuf> {
    let py = root().join(".bl/bin/python");
    if py.exists() {
        return Some(py);
    }
    eprintln!("making .bl/ with the baseline's pinned numpy, pandas and networkx …");
    let ok = Command::new("python3").args(["-m", "venv", ".bl"]).current_dir(root()).status().ok()?.success()
        && Command::new(root().join(".bl/bin/pip"))
            .args(["install", "-q", "numpy==2.4.6", "pandas==3.1.1", "networkx==3.6.1"])
            .status()
            .ok()?
            .success();
    ok.then_some(py)
}

fn synth(py: &Path, n: usize) -> PathBuf {
    let dir = root().join("target/synth");
    let file = dir.join(format!("org_{n}.csv"));
    if !file.exists() {
        let gen_org = root().join("../shared/bench/gen_org.py");
        let status = Command::new(py).arg(gen_org).arg(n.to_string()).arg("--out").arg(&dir).status();
        assert!(status.is_ok_and(|s| s.success()), "gen_org.py failed for {n}");
    }
    file
}

fn in_process(runs: usize, file: &Path) -> Duration {
    let mut walls = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let line = harkje::format::flat_csv::from_csv_file(file).expect("parse");
        let m = harkje::measures::compute(&line);
        std::hint::black_box(&m);
        walls.push(start.elapsed());
    }
    walls.sort();
    walls[walls.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench` to every bench target, harness or not;
    // `cargo test --all-targets` (or `--benches`) runs the same binary
    // without it, to check that it starts. The whole peer benchmark (a Python
    // environment, files of a million posts, minutes of runs) belongs to
    // `cargo bench` alone, so without `--bench` this only says so.
    if !std::env::args().skip(1).any(|a| a == "--bench") {
        eprintln!("benches/metrics.rs runs under `cargo bench --bench metrics` only; nothing to do");
        return;
    }
    let sizes: Vec<usize> = std::env::var("HARKJE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    let runs: usize = std::env::var("HARKJE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let Some(py) = python() else {
        eprintln!("no Python for the baselines; see BENCHMARKS.md");
        return;
    };
    let harkje = PathBuf::from(env!("CARGO_BIN_EXE_harkje"));
    let np = root().join("../shared/bench/org_np.py");
    let nx = root().join("../shared/bench/org_nx.py");
    let mut table = String::from(
        "| posts | harkje in-process | harkje end to end | org_np.py | org_nx.py | vs org_np | vs org_nx | harkje peak RSS | org_np peak RSS |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for n in sizes {
        let file = synth(&py, n);
        let f = file.to_str().expect("utf-8 path");
        let inproc = in_process(runs, &file);
        // harkje and org_np take turns, so that a machine that slows down or
        // speeds up during the run weighs on both alike.
        let (mut ours, mut np_runs, mut nx_runs) = (Runs::default(), Runs::default(), Runs::default());
        for i in 0..runs {
            ours.add(run_once(&harkje, &["metrics", f, "--format", "json"]));
            np_runs.add(run_once(&py, &[np.to_str().expect("path"), f]));
            if i < if n >= 1_000_000 { 1 } else { 3 } {
                nx_runs.add(run_once(&py, &[nx.to_str().expect("path"), f]));
            }
        }
        let (e2e, h_rss) = (ours.median(), ours.peak);
        let (t_np, np_rss) = (np_runs.median(), np_runs.peak);
        let t_nx = nx_runs.median();
        let ratio = |base: Duration| base.as_secs_f64() / e2e.as_secs_f64();
        let mb = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{v:.0} MB"));
        let row = format!(
            "| {n} | {:.3} s | {:.3} s | {:.3} s | {:.3} s | {:.1}× | {:.0}× | {} | {} |\n",
            inproc.as_secs_f64(),
            e2e.as_secs_f64(),
            t_np.as_secs_f64(),
            t_nx.as_secs_f64(),
            ratio(t_np),
            ratio(t_nx),
            mb(h_rss),
            mb(np_rss)
        );
        eprint!("{row}");
        table.push_str(&row);
    }
    println!("\n{table}");
    let _ = std::fs::write(root().join("target/bench-metrics.md"), &table);
}
