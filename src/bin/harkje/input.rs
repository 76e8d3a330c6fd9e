//! Reading inputs named on the command line.

use std::fmt;
use std::path::Path;

use harkje::Design;
use harkje::format::{self, LoadError};
use harkje::graph::LineTable;
use jiff::civil::Date;

/// An input that could not be used. Printed as `error: …` with exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        CliError(e.to_string())
    }
}

/// What a design argument held.
pub enum Loaded {
    /// A JSON design.
    Design(Box<Design>),
    /// A flat post CSV: only the line.
    Flat(Box<LineTable>),
}

/// Whether a path names a CSV file, by its extension.
pub fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Loads a JSON design, or a flat post CSV when the extension is `.csv`.
pub fn load(path: &Path) -> Result<Loaded, CliError> {
    if is_csv(path) {
        let file = std::fs::File::open(path).map_err(|e| CliError(format!("cannot read `{}`: {e}", path.display())))?;
        harkje::format::flat_csv::read_file(&file)
            .map(|t| Loaded::Flat(Box::new(t)))
            .map_err(|e: LoadError| CliError(e.in_file(path).to_string()))
    } else {
        Ok(Loaded::Design(Box::new(format::load_json_file(path)?)))
    }
}

/// Parses a date given as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| format!("`{s}` is not a date like 2024-01-31 ({e})"))
}

/// Prints, on stderr, the references `--as-of` cleared: their targets were
/// not valid on that day, so the design on that day lacks them.
pub fn note_cleared(day: Date, cleared: &[harkje::ClearedReference]) {
    if cleared.is_empty() {
        return;
    }
    use std::fmt::Write as _;
    let n = cleared.len();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "note: on {day}, {n} reference{} point{} to something not valid that day and {} left out:",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" },
        if n == 1 { "is" } else { "are" }
    );
    for c in cleared.iter().take(5) {
        let _ = writeln!(s, "  {} {} {}", c.holder, c.field, c.target);
    }
    if n > 5 {
        let _ = writeln!(s, "  … and {} more", n - 5);
    }
    crate::output::to_stderr(&s);
}
