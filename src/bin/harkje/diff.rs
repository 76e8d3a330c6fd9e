//! `harkje diff`: what happens to every post and unit between two designs.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use harkje::transition::{Action, DesignDiff, diff};

use crate::input::CliError;

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// JSON (version 1).
    Json,
}

/// Arguments of `harkje diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old design (JSON).
    old: PathBuf,
    /// The new design (JSON).
    new: PathBuf,
    /// A transition input (TOML) whose `[renames]` map old keys to new ones.
    #[arg(long = "functions", visible_alias = "mapping", value_name = "MAPPING")]
    functions: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(serde::Serialize)]
struct Out<'a> {
    version: u32,
    #[serde(flatten)]
    diff: &'a DesignDiff,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let old = harkje::format::load_json_file(&args.old)?;
    let new = harkje::format::load_json_file(&args.new)?;
    let input = crate::transition::load_input(args.functions.as_deref())?;
    let d = diff(&old, &new, &input.key_mapping());
    let out = match args.format {
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&Out { version: 1, diff: &d }).map_err(|e| CliError(e.to_string()))?;
            s.push('\n');
            s
        }
        Format::Text => text(old.name(), new.name(), &d),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    Ok(ExitCode::SUCCESS)
}

fn num(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    format!("{}", if r == 0.0 { 0.0 } else { r })
}

fn text(old: &str, new: &str, d: &DesignDiff) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{old} → {new}");
    let counts = |m: &std::collections::BTreeMap<Action, usize>| {
        m.iter().map(|(a, n)| format!("{n} {}", a.as_str())).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(s, "  posts: {}", counts(&d.post_actions));
    let _ = writeln!(s, "  units: {}", counts(&d.unit_actions));
    let _ = writeln!(s, "\nPosts");
    for p in &d.posts {
        let key = match (&p.old_key, &p.new_key) {
            (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
            (Some(k), _) | (None, Some(k)) => k.clone(),
            (None, None) => String::new(),
        };
        let _ = write!(s, "  {:<9} {key}", p.action.as_str());
        let changes: Vec<String> = p
            .changes
            .iter()
            .map(|c| format!("{}: {} → {}", c.field.as_str(), or_none(&c.old), or_none(&c.new)))
            .collect();
        if !changes.is_empty() {
            let _ = write!(s, " ({})", changes.join("; "));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "\nUnits (FTE total / occupied / vacant, old → new)");
    for u in &d.units {
        let key = match (&u.old_key, &u.new_key) {
            (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
            (Some(k), _) | (None, Some(k)) => k.clone(),
            (None, None) => u.name.clone(),
        };
        let e = &u.establishment;
        let _ = write!(
            s,
            "  {:<9} {key}: {} / {} / {} → {} / {} / {}",
            u.action.as_str(),
            num(e.old_fte),
            num(e.old_occupied),
            num(e.old_vacant),
            num(e.new_fte),
            num(e.new_occupied),
            num(e.new_vacant)
        );
        let changes: Vec<String> = u
            .changes
            .iter()
            .map(|c| format!("{}: {} → {}", c.field.as_str(), or_none(&c.old), or_none(&c.new)))
            .collect();
        if !changes.is_empty() {
            let _ = write!(s, " ({})", changes.join("; "));
        }
        s.push('\n');
    }
    let e = &d.total;
    let _ = writeln!(
        s,
        "  total: {} / {} / {} → {} / {} / {}",
        num(e.old_fte),
        num(e.old_occupied),
        num(e.old_vacant),
        num(e.new_fte),
        num(e.new_occupied),
        num(e.new_vacant)
    );
    s
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}
