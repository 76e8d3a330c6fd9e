//! `cargo bench --bench design_json`: the JSON design file at 100k and 1M
//! posts, the path users take, end to end, side by side with Python's
//! `json.load` of the same file in the same run.
//!
//! It writes the files into `target/design-bench/` when they are missing
//! (`design_100000.json`, `design_1000000.json`): one directie over the
//! units, eenheden under it and teams under those; every post with key,
//! title, unit, reports_to, FTE and salary, and the managers with a role. Then, for
//! each size, in turns run by run, it times the release binary's
//! `harkje metrics FILE`, `harkje check FILE --policy generic`,
//! `harkje render FILE --level units --format svg` and
//! `python3 -c 'json.load(…)'`, each with its peak RSS from `/usr/bin/time`;
//! also `harkje check --as-of 2025-06-01` on the same file with one
//! medewerker post in a hundred ended on 2024-12-31 (`history_{n}.json`,
//! written beside it), which the check reads as a view of the design on the
//! day;
//! and in this process the load ([`harkje::format::from_json`]) and the save
//! ([`harkje::format::to_json`]) of the file read into memory.
//!
//! `HARKJE_BENCH_SIZES` picks the sizes (default `100000,1000000`),
//! `HARKJE_BENCH_RUNS` the runs per size (default 5). Only `cargo bench` runs
//! it (cargo passes `--bench`); under `cargo test --all-targets` the binary
//! starts and returns at once.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, reason = "a benchmark may stop on a broken setup")]

use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;
use common::{Runs, generate_design as generate, run_once};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The resident set of this process in bytes, from `/proc/self/status`
/// (`None` where there is none).
fn rss() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0)
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v.get(v.len() / 2).map_or(f64::NAN, Duration::as_secs_f64)
}

fn main() {
    if !std::env::args().skip(1).any(|a| a == "--bench") {
        eprintln!("benches/design_json.rs runs under `cargo bench --bench design_json` only; nothing to do");
        return;
    }
    let sizes: Vec<usize> = std::env::var("HARKJE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    let runs: usize = std::env::var("HARKJE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let harkje = env!("CARGO_BIN_EXE_harkje");
    eprintln!(
        "a post in the design: {} bytes in the list (and no index while the posts are in id order); its key, title and role ({} bytes each) inline up to 24 bytes",
        std::mem::size_of::<harkje::Post>(),
        std::mem::size_of::<harkje::Text>()
    );
    let mut table = String::from(
        "| posts | file | `harkje metrics` | `harkje check --policy generic` | `harkje render --level units` | `json.load` | `json.load` ÷ check | `check --as-of`, 1% ended | load, in process | save, in process | peak RSS: metrics, check, render, `json.load`, `check --as-of` | design in memory, per post |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for n in sizes {
        let file = root().join(format!("target/design-bench/design_{n}.json"));
        if !file.exists() {
            eprintln!("writing {} …", file.display());
            generate(n, &file);
        }
        let f = file.to_str().expect("utf-8 path");
        let history = root().join(format!("target/design-bench/history_{n}.json"));
        if !history.exists() {
            write_history(&file, &history);
        }
        let h = history.to_str().expect("utf-8 path");
        let size_mb = std::fs::metadata(&file).map_or(0.0, |m| m.len() as f64 / 1e6);
        let py = "import json,sys\nwith open(sys.argv[1], 'rb') as f: json.load(f)";
        let (mut metrics, mut check, mut python) = (Runs::default(), Runs::default(), Runs::default());
        let (mut render, mut as_of) = (Runs::default(), Runs::default());
        let svg = root().join(format!("target/design-bench/units_{n}.svg"));
        let svg = svg.to_str().expect("utf-8 path");
        // Taking turns, so that a machine that slows down or speeds up during
        // the run weighs on all three alike.
        for _ in 0..runs {
            metrics.add(run_once(harkje, &["metrics", f]));
            check.add(run_once(harkje, &["check", f, "--policy", "generic"]));
            render.add(run_once(harkje, &["render", f, "--level", "units", "--format", "svg", "-o", svg]));
            python.add(run_once("python3", &["-c", py, f]));
            as_of.add(run_once(harkje, &["check", h, "--policy", "generic", "--as-of", "2025-06-01"]));
        }
        let bytes = std::fs::read(&file).expect("read the design file");
        // What the loaded design holds, measured as the growth of this
        // process's resident set while the first one is loaded and kept.
        let before = rss();
        let kept = harkje::format::from_json(&bytes).expect("the generated design loads");
        let per_post = before.zip(rss()).map(|(b, a)| (a - b) / n as f64);
        drop(kept);
        let (mut loads, mut saves) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let start = Instant::now();
            let design = harkje::format::from_json(&bytes).expect("the generated design loads");
            loads.push(start.elapsed());
            let start = Instant::now();
            let out = harkje::format::to_json(&design);
            saves.push(start.elapsed());
            std::hint::black_box(&out);
        }
        let mb = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| format!("{v:.0} MB"));
        let (tm, tc, tp) =
            (metrics.median().as_secs_f64(), check.median().as_secs_f64(), python.median().as_secs_f64());
        let tr = render.median().as_secs_f64();
        let row = format!(
            "| {n} | {size_mb:.0} MB | {tm:.3} s | {tc:.3} s | {tr:.3} s | {tp:.3} s | {:.2}× | {:.3} s | {:.3} s | {:.3} s | {}, {}, {}, {}, {} | {} |\n",
            tp / tc,
            as_of.median().as_secs_f64(),
            median(loads),
            median(saves),
            mb(metrics.peak),
            mb(check.peak),
            mb(render.peak),
            mb(python.peak),
            mb(as_of.peak),
            per_post.map_or("n/a".to_owned(), |b| format!("{b:.0} B")),
        );
        eprint!("{row}");
        table.push_str(&row);
    }
    println!("\n{table}");
    let _ = std::fs::write(root().join("target/bench-design-json.md"), &table);
}

/// Writes `history` as `file` with every hundredth medewerker post ended on
/// 2024-12-31 (the generated file has one post a line, its key first).
fn write_history(file: &std::path::Path, history: &std::path::Path) {
    let text = std::fs::read_to_string(file).expect("read the design file");
    let mut out = String::with_capacity(text.len() + text.len() / 400);
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("{\"key\": \"p") && line.contains("\"title\": \"Medewerker") {
            n += 1;
            if n % 100 == 0 {
                out.push_str(&line.replacen("{\"key\": \"p", "{\"until\": \"2024-12-31\", \"key\": \"p", 1));
                continue;
            }
        }
        out.push_str(line);
    }
    assert!(n >= 100, "no medewerker posts found in {}", file.display());
    std::fs::write(history, out).expect("write the design file with history");
}
