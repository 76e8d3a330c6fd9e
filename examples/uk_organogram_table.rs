//! Prints the measures of every UK organogram pair in a directory as a TSV
//! table, to compare with `scripts/uk_organogram_check.py`:
//!
//! ```text
//! cargo run --release --example uk_organogram_table -- ../shared/data/uk-organograms > harkje.tsv
//! python3 scripts/uk_organogram_check.py ../shared/data/uk-organograms --compare harkje.tsv
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: uk_organogram_table DIR");
        return ExitCode::from(2);
    };
    let mut seniors: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with("-senior.csv"))
            .collect(),
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    seniors.sort();
    println!("pair\tposts\ttop_posts\tlayers\tmax_span\tcycles\tdangling");
    for senior in seniors {
        let s = senior.to_string_lossy();
        let pair = s.trim_end_matches("-senior.csv").rsplit('/').next().unwrap_or_default().to_owned();
        let junior = PathBuf::from(format!("{}-junior.csv", s.trim_end_matches("-senior.csv")));
        let junior = junior.exists().then_some(junior);
        match harkje::import::from_uk_organogram_files(&senior, junior.as_deref()) {
            Ok((_, r)) => {
                let m = &r.measures;
                println!(
                    "{pair}\t{}\t{}\t{}\t{}\t{}\t{}",
                    m.posts,
                    m.top_posts.len(),
                    m.layers,
                    m.span.max,
                    m.cycles.len(),
                    m.dangling_references.len()
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
