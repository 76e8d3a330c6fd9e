//! Timing whole commands, shared by the end-to-end benches.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Write as _;
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

/// Posts per team, teams per eenheid: a span of about 20 under each manager.
const TEAM: usize = 20;
const TEAMS_PER_EENHEID: usize = 20;

/// Writes a design file of `n` posts (n ≥ 1,000) to `path`. Deterministic:
/// the same `n` gives the same bytes.
// Not every bench that shares this module generates a design file.
#[allow(dead_code)]
pub fn generate_design(n: usize, path: &Path) {
    let teams = n.div_ceil(TEAM);
    let eenheden = teams.div_ceil(TEAMS_PER_EENHEID);
    let mut s = String::with_capacity(n * 128);
    s.push_str("{\n  \"version\": 1,\n");
    let _ = writeln!(s, "  \"name\": \"Gemeente met {n} posten\",");
    s.push_str("  \"units\": [\n    {\"key\": \"directie\", \"name\": \"Directie\", \"kind\": \"directie\"}");
    for e in 0..eenheden {
        let _ = write!(
            s,
            ",\n    {{\"key\": \"e{e:05}\", \"name\": \"Eenheid {e}\", \"kind\": \"eenheid\", \"parent\": \"directie\", \"head\": \"h{e:05}\"}}"
        );
    }
    for t in 0..teams {
        let _ = write!(
            s,
            ",\n    {{\"key\": \"t{t:06}\", \"name\": \"Team {t}\", \"kind\": \"team\", \"parent\": \"e{:05}\", \"head\": \"m{t:06}\"}}",
            t / TEAMS_PER_EENHEID
        );
    }
    s.push_str("\n  ],\n  \"posts\": [\n");
    s.push_str(
        "    {\"key\": \"gs\", \"title\": \"Gemeentesecretaris\", \"role\": \"gemeentesecretaris\", \"unit\": \"directie\", \"fte\": 1.0, \"salary\": 142000}",
    );
    let mut posts = 1;
    for e in 0..eenheden {
        let _ = write!(
            s,
            ",\n    {{\"key\": \"h{e:05}\", \"title\": \"Hoofd eenheid {e}\", \"role\": \"hoofd\", \"unit\": \"e{e:05}\", \"reports_to\": \"gs\", \"fte\": 1.0, \"salary\": 98000}}"
        );
        posts += 1;
    }
    for t in 0..teams {
        let _ = write!(
            s,
            ",\n    {{\"key\": \"m{t:06}\", \"title\": \"Teammanager {t}\", \"role\": \"teammanager\", \"unit\": \"t{t:06}\", \"reports_to\": \"h{:05}\", \"fte\": 1.0, \"salary\": 76000}}",
            t / TEAMS_PER_EENHEID
        );
        posts += 1;
    }
    let mut i = 0usize;
    while posts < n {
        let t = i % teams;
        let fte = [1.0, 0.8, 0.9, 0.6, 1.0][i % 5];
        let salary = 42_000 + (i * 7_919) % 30_000;
        let _ = write!(
            s,
            ",\n    {{\"key\": \"p{i:07}\", \"title\": \"Medewerker {}\", \"unit\": \"t{t:06}\", \"reports_to\": \"m{t:06}\", \"fte\": {fte:?}, \"salary\": {salary}}}",
            i % 97
        );
        posts += 1;
        i += 1;
    }
    s.push_str("\n  ]\n}\n");
    std::fs::create_dir_all(path.parent().expect("a directory")).expect("make the bench directory");
    let tmp = path.with_extension("json.part");
    std::fs::File::create(&tmp).and_then(|mut f| f.write_all(s.as_bytes())).expect("write the design file");
    std::fs::rename(&tmp, path).expect("rename the design file");
}
