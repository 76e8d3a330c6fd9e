//! `cargo bench --bench html`: the interactive view (`harkje render --format
//! html`) at 1,000, 10,000 and 240,000 posts: the size of the page, the time
//! to write it, and in headless Chromium the time to first contentful paint
//! and to the first tree drawn.
//!
//! It writes the designs into `target/html-bench/` when they are missing
//! (`design_N.json`: a directie, eenheden of 20 teams, teams of 20 posts,
//! every post with title, role or unit, FTE and salary), then, for each size,
//! times the release binary's `harkje render FILE --format html -o page.html`
//! (which also runs the checks of the generic policy for the findings) and
//! opens the page in Chromium, reading from the page's Performance API
//! `first-contentful-paint` and the `harkje-ready` mark (set in the first
//! animation frame after the first layers are in the document).
//!
//! `HARKJE_BENCH_SIZES` picks the sizes (default `1000,10000,240000`),
//! `HARKJE_BENCH_RUNS` the runs per size (default 5). Chromium comes from
//! Debian (`apt-get install chromium`) or `CHROME`. Only `cargo bench` runs it
//! (cargo passes `--bench`); under `cargo test --all-targets` the binary
//! starts and returns at once.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, reason = "a benchmark may stop on a broken setup")]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions};

mod common;
use common::{Runs, generate_design as generate, run_once};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    if !std::env::args().skip(1).any(|a| a == "--bench") {
        eprintln!("benches/html.rs runs under `cargo bench --bench html` only; nothing to do");
        return;
    }
    let sizes: Vec<usize> = std::env::var("HARKJE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 240_000]);
    let runs: usize = std::env::var("HARKJE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let harkje = env!("CARGO_BIN_EXE_harkje");
    let chrome =
        headless_chrome::browser::default_executable().expect("Chromium (apt-get install chromium, or set CHROME)");
    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some(chrome))
            .headless(true)
            .sandbox(false)
            .window_size(Some((1400, 900)))
            .idle_browser_timeout(Duration::from_secs(300))
            .build()
            .unwrap(),
    )
    .expect("start Chromium");
    let mut table = String::from(
        "| posts | page | `harkje render --format html` | first contentful paint | first tree drawn | navigation to tree, wall | peak RSS of render |\n|---|---|---|---|---|---|---|\n",
    );
    for n in sizes {
        let file = root().join(format!("target/html-bench/design_{n}.json"));
        if !file.exists() {
            eprintln!("writing {} …", file.display());
            generate(n, &file);
        }
        let page = root().join(format!("target/html-bench/page_{n}.html"));
        let (f, p) = (file.to_str().unwrap(), page.to_str().unwrap());
        let mut render = Runs::default();
        for _ in 0..runs {
            render.add(run_once(harkje, &["render", f, "--format", "html", "-o", p]));
        }
        let size_mb = std::fs::metadata(&page).map_or(0.0, |m| m.len() as f64 / 1e6);
        let (mut fcp, mut ready, mut wall) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let tab = browser.new_tab().unwrap();
            let start = Instant::now();
            tab.navigate_to(&format!("file://{p}")).unwrap();
            tab.wait_for_element_with_custom_timeout("html[data-ready]", Duration::from_secs(120)).unwrap();
            wall.push(start.elapsed().as_secs_f64());
            let read = |expr: &str| -> f64 {
                let v = tab.evaluate(expr, false).unwrap().value;
                v.and_then(|v| v.as_f64()).unwrap_or(f64::NAN)
            };
            fcp.push(
                read("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime") / 1e3,
            );
            ready.push(read("performance.getEntriesByName('harkje-ready')[0].startTime") / 1e3);
            let boxes = read("document.querySelectorAll('.box').length");
            assert!(boxes > 0.0, "no box drawn at {n} posts");
            tab.close(true).unwrap();
        }
        let _ = writeln!(
            table,
            "| {n} | {size_mb:.1} MB | {:.2} s | {:.2} s | {:.2} s | {:.2} s | {} |",
            render.median().as_secs_f64(),
            median(fcp),
            median(ready),
            median(wall),
            render.peak.map_or("–".to_owned(), |m| format!("{m:.0} MB")),
        );
        eprintln!("{n} posts done");
    }
    println!("{table}");
}
