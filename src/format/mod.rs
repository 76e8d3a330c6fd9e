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
    // A regular file's length; none for a pipe or other stream.
    let len = file.metadata().ok().filter(std::fs::Metadata::is_file).map(|m| m.len());
    let regular = len.is_some();
    let bytes = match len.and_then(|len| read_halves(&mut file, len)) {
        Some(read) => read,
        None => read_all(&mut file),
    }
    .map_err(io)?;
    let design = if regular {
        json::from_json_rereadable(bytes, || file.rewind().and_then(|()| read_all(&mut file)).map_err(io))
    } else {
        from_json_vec(bytes)
    };
    // A problem reading the file names it already.
    design.map_err(|e| if e.is_io() { e } else { e.in_file(path) })
}

/// Files of this many bytes or more are read in two halves at once
/// ([`read_halves`]).
const HALVES_FROM: u64 = 4 << 20;

/// Reads the `len` bytes of a regular file of [`HALVES_FROM`] bytes or
/// more in two halves, each on its own thread into its half of the room:
/// the memory the kernel hands over page by page, and the copy from its
/// cache, are then shared by two cores. Whatever follows, should the file
/// have grown since its length was read, is read after them. `None`, with
/// the file rewound to be read as one, for a shorter file, one that has
/// shrunk meanwhile, one whose reading at an offset fails, or one too long
/// for the room a list can have.
#[cfg(unix)]
fn read_halves(file: &mut std::fs::File, len: u64) -> Option<std::io::Result<Vec<u8>>> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    use std::os::unix::fs::FileExt as _;
    if len < HALVES_FROM || len > isize::MAX as u64 {
        return None;
    }
    // Zeroed room comes from the kernel already zeroed, page by page.
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    let half = bytes.len() / 2;
    let (first, second) = bytes.split_at_mut(half);
    let f: &std::fs::File = file;
    let (a, b) = crate::par::both(|| f.read_exact_at(first, 0), || f.read_exact_at(second, half as u64), true);
    match a.and(b) {
        Ok(()) => Some(file.seek(SeekFrom::Start(len)).and_then(|_| file.read_to_end(&mut bytes)).map(|_| bytes)),
        Err(_) => file.rewind().err().map(Err),
    }
}

#[cfg(not(unix))]
fn read_halves(_: &mut std::fs::File, _: u64) -> Option<std::io::Result<Vec<u8>>> {
    None
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

#[cfg(test)]
mod tests {
    /// Files on either side of the size read in halves, of odd and even
    /// lengths, read to the same bytes, every byte in its place.
    #[test]
    fn a_file_read_in_halves_is_its_bytes() {
        let dir = std::env::temp_dir().join(format!("harkje-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        for len in [0, 1, (4 << 20) - 1, 4 << 20, (4 << 20) + 3, (5 << 20) + 1] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let path = dir.join(format!("{len}.bin"));
            std::fs::write(&path, &bytes).expect("a file written");
            let mut file = std::fs::File::open(&path).expect("the file opened");
            let read = match super::read_halves(&mut file, len as u64) {
                Some(read) => read.expect("the file read"),
                None => {
                    let mut read = Vec::new();
                    std::io::Read::read_to_end(&mut file, &mut read).expect("the file read");
                    read
                }
            };
            assert!(read == bytes, "{len} bytes");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A file longer than the length first read is read on to its end; a
    /// shorter one is left to be read as one, from its start.
    #[cfg(unix)]
    #[test]
    fn a_file_that_grew_or_shrank_is_read_whole() {
        use std::io::Read as _;
        let dir = std::env::temp_dir().join(format!("harkje-resized-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let len = (4 << 20) + 20;
        let bytes: Vec<u8> = (0..len).map(|i| (i % 253) as u8).collect();
        let path = dir.join("file.bin");
        std::fs::write(&path, &bytes).expect("a file written");
        let mut file = std::fs::File::open(&path).expect("the file opened");
        let grown = super::read_halves(&mut file, len as u64 - 10).expect("read in halves").expect("the file read");
        assert!(grown == bytes, "a file that grew");
        let mut file = std::fs::File::open(&path).expect("the file opened");
        assert!(super::read_halves(&mut file, len as u64 + 10).is_none(), "a file that shrank");
        let mut rest = Vec::new();
        file.read_to_end(&mut rest).expect("the file read as one");
        assert!(rest == bytes, "read from its start");
        let mut file = std::fs::File::open(&path).expect("the file opened");
        assert!(super::read_halves(&mut file, len as u64 - 21).is_none(), "a short file is read as one");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
