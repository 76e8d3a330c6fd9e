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
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    let bytes = if regular { read_file_in_two(&mut file) } else { read_all(&mut file) }.map_err(io)?;
    let design = if regular {
        json::from_json_rereadable(bytes, || file.rewind().and_then(|()| read_all(&mut file)).map_err(io))
    } else {
        from_json_vec(bytes)
    };
    // A problem reading the file names it already.
    design.map_err(|e| if e.is_io() { e } else { e.in_file(path) })
}

/// Reads a regular file from its start to its end: one of 4 MiB or more
/// in two halves at once ([`read_halves`]), else as one.
fn read_file_in_two(file: &mut std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    const IN_TWO_FROM: u64 = 4 << 20;
    let len = file.metadata()?.len();
    if len >= IN_TWO_FROM
        && let Some(read) = read_halves(file, len)
    {
        return read;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the `len` bytes of a file in two halves, each on its own thread
/// into its half of the room: the memory the kernel hands over page by
/// page, and the copy from its cache, are then shared by two cores.
/// Whatever follows, should the file have grown since its size was read,
/// is read after them. `None` (the file rewound, to be read as one) when
/// it has shrunk meanwhile, or where there is no reading at an offset.
#[cfg(unix)]
fn read_halves(file: &mut std::fs::File, len: u64) -> Option<std::io::Result<Vec<u8>>> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    use std::os::unix::fs::FileExt as _;
    // Zeroed room comes from the kernel already zeroed, page by page.
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    let half = bytes.len() / 2;
    let (first, second) = bytes.split_at_mut(half);
    let f: &std::fs::File = file;
    let (a, b) = crate::par::both(|| f.read_exact_at(first, 0), || f.read_exact_at(second, half as u64), true);
    match a.and(b) {
        Ok(()) => Some(file.seek(SeekFrom::Start(len)).and_then(|_| file.read_to_end(&mut bytes)).map(|_| bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => file.rewind().err().map(Err),
        Err(e) => Some(Err(e)),
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
            let read = super::read_file_in_two(&mut file).expect("the file read");
            assert!(read == bytes, "{len} bytes");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
