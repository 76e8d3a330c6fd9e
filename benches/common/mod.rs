//! Timing whole commands, shared by the end-to-end benches.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One run of a command: its wall time and, with GNU time, its peak RSS in MB.
pub fn run_once(program: impl AsRef<OsStr>, args: &[&str]) -> (Duration, Option<f64>) {
    let gnu_time = Path::new("/usr/bin/time");
    let start = Instant::now();
    let out = if gnu_time.exists() {
        Command::new(gnu_time).arg("-f").arg("%M").arg(program).args(args).output()
    } else {
        Command::new(program).args(args).output()
    }
    .expect("run command");
    let wall = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    let rss = gnu_time
        .exists()
        .then(|| err.lines().last().and_then(|l| l.trim().parse::<f64>().ok()))
        .flatten()
        .map(|kb| kb / 1024.0);
    (wall, rss)
}

/// The median wall time and the largest peak RSS of some runs.
#[derive(Default)]
pub struct Runs {
    walls: Vec<Duration>,
    /// The largest peak RSS in MB, when GNU time measured it.
    pub peak: Option<f64>,
}

impl Runs {
    /// Adds one run.
    pub fn add(&mut self, (wall, rss): (Duration, Option<f64>)) {
        self.walls.push(wall);
        if let Some(r) = rss {
            self.peak = Some(self.peak.unwrap_or(0.0).max(r));
        }
    }

    /// The median wall time (zero without runs).
    pub fn median(&mut self) -> Duration {
        self.walls.sort();
        self.walls.get(self.walls.len() / 2).copied().unwrap_or_default()
    }
}
