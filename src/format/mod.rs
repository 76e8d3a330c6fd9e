//! File formats: the JSON design file and the flat post CSV.
//!
//! The JSON file goes through its own versioned types ([`v1`]), with
//! references written as keys. Loading checks everything and reports every
//! problem at once, each with its place: the JSON pointer of the value and its
//! line and column. Saving writes a canonical form, so that a design kept in
//! git has stable, reviewable diffs.

pub mod flat_csv;
mod json;
mod locate;
pub mod v1;

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use json::{load_json, save_json, to_file};
pub use locate::Position;

use crate::model::Design;

/// One problem found while loading a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// Where in the document: a JSON pointer such as `/posts/3/fte`, or for
    /// CSV files the column name. Empty for the whole document.
    pub path: String,
    /// The line, from 1; 0 when unknown.
    pub line: usize,
    /// The column, from 1; 0 when unknown.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    pub(crate) fn at(path: impl Into<String>, pos: Position, message: impl Into<String>) -> Self {
        Problem { path: path.into(), line: pos.line, column: pos.column, message: message.into() }
    }

    pub(crate) fn unplaced(path: String, message: String) -> Self {
        Problem { path, line: 0, column: 0, message }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in one file. Loading never stops at the first.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub struct LoadError {
    /// The file, when loaded from one.
    pub file: Option<PathBuf>,
    /// The problems, sorted by place.
    pub problems: Vec<Problem>,
}

impl LoadError {
    pub(crate) fn single(p: Problem) -> Self {
        LoadError { file: None, problems: vec![p] }
    }

    /// Names the file the problems are in.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_owned());
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.as_ref().map(|p| p.display().to_string());
        let n = self.problems.len();
        write!(f, "{} has {} problem{}", file.as_deref().unwrap_or("the design"), n, if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            f.write_str("\n  ")?;
            if let Some(file) = &file {
                // `file:3:7: …` with a place, `file: …` without one.
                write!(f, "{file}:{}", if p.line > 0 { "" } else { " " })?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// An error reading or writing a file.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or written.
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file was read but its content has problems.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// Reads and loads a JSON design file.
pub fn load_json_file(path: impl AsRef<Path>) -> Result<Design, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { action: "read", path: path.to_owned(), source })?;
    load_json(&bytes).map_err(|e| Error::Load(e.in_file(path)))
}

/// Saves a design as canonical JSON to a file.
pub fn save_json_file(design: &Design, path: impl AsRef<Path>) -> Result<(), Error> {
    let path = path.as_ref();
    std::fs::write(path, save_json(design)).map_err(|source| Error::Io {
        action: "write",
        path: path.to_owned(),
        source,
    })
}

/// The JSON Schema of the design file, as pretty JSON with a final newline.
/// It is published at `schema/design.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(v1::DesignFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
