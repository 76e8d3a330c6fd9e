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

impl From<format::Error> for CliError {
    fn from(e: format::Error) -> Self {
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
        let bytes = std::fs::read(path).map_err(|e| CliError(format!("cannot read `{}`: {e}", path.display())))?;
        harkje::format::flat_csv::parse(&bytes)
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
