//! File formats: the JSON design file and the flat post CSV.
//!
//! The JSON file goes through its own versioned types ([`v1`]), with
//! references written as keys. Loading checks everything and reports every
//! problem at once, each with its place: the JSON pointer of the value and its
//! line and column. Saving writes a canonical form, so that a design kept in
//! git has stable, reviewable diffs. Problems are
//! [`crate::problem::Problem`]s in a [`LoadError`], like those of every reader.

#[cfg(feature = "csv")]
#[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
pub mod flat_csv;
mod json;
mod locate;
pub mod v1;

use std::path::Path;

pub use crate::problem::{LoadError, Position, Problem, ProblemKind};
pub use json::{from_json, from_json_vec, to_json, to_v1};

use crate::model::Design;

/// Reads and loads a JSON design file.
///
/// A regular file is read once when it loads, and its text is freed as
/// soon as its posts are read; only a file with problems to report is read
/// again, from the same open file, for their places. A pipe or other
/// stream is read once and kept whole.
///
/// # Errors
/// A [`LoadError`] naming the file: one problem of kind
/// [`ProblemKind::Io`] (with the `io::Error` as its source) when the file
/// cannot be read, else every problem in it, as [`from_json`] reports them.
pub fn from_json_file(path: impl AsRef<Path>) -> Result<Design, LoadError> {
    use std::io::{Read as _, Seek as _};
    let path = path.as_ref();
    let io = |source| LoadError::io("read", path, source);
    let mut file = std::fs::File::open(path).map_err(io)?;
    let read_all = |file: &mut std::fs::File| {
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map(|_| bytes)
    };
    let bytes = read_all(&mut file).map_err(io)?;
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    let design = if regular {
        json::from_json_rereadable(bytes, || file.rewind().and_then(|()| read_all(&mut file)).map_err(io))
    } else {
        from_json_vec(bytes)
    };
    // A problem reading the file names it already.
    design.map_err(|e| if e.is_io() { e } else { e.in_file(path) })
}

/// Writes a design as canonical JSON ([`to_json`]) to a file.
///
/// # Errors
/// A [`LoadError`] of kind [`ProblemKind::Io`] when the file cannot be
/// written, with the `io::Error` as its source.
pub fn write_json_file(design: &Design, path: impl AsRef<Path>) -> Result<(), LoadError> {
    let path = path.as_ref();
    std::fs::write(path, to_json(design)).map_err(|source| LoadError::io("write", path, source))
}

/// Reads and loads a JSON design file.
///
/// # Errors
/// As [`from_json_file`].
#[deprecated(since = "0.2.0", note = "renamed to `from_json_file`")]
pub fn load_json_file(path: impl AsRef<Path>) -> Result<Design, LoadError> {
    from_json_file(path)
}

/// The JSON Schema of the design file, as pretty JSON with a final newline.
/// It is published at `schema/design.schema.json`.
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(v1::DesignFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
