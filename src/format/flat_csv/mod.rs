//! The flat post CSV: one row per post, with the post it reports to.
//!
//! The columns are `id,parent_id,unit,is_manager,fte,salary`, as written by
//! `shared/bench/gen_org.py`. This is also the simplest shape of an HR export.
//! Columns are found by name, so their order is free and extra columns are
//! ignored. An empty `parent_id` marks a top post. `unit`, `is_manager`, `fte`
//! and `salary` may be missing: then a post has no unit, is not a manager by
//! role, has 1.0 FTE and an unknown salary.

mod fast;
mod file;
mod general;

use std::io::Read;
use std::path::Path;

use super::{LoadError, Problem};
use crate::graph::LineTable;
use crate::model::{MAX_FTE, MAX_SALARY, out_of_range};

const REQUIRED: [&str; 2] = ["id", "parent_id"];

/// Reads a flat post CSV from a reader into a line table, reporting every
/// bad row with its line. See [`from_csv`].
///
/// Duplicate ids are an error: a flat file cannot say which row is meant.
///
/// ```
/// let csv = "id,parent_id,unit,is_manager,fte,salary\n1,,U0,1,1.0,90000\n2,1,U0,0,0.8,50000\n";
/// let line = harkje::format::flat_csv::read_csv(csv.as_bytes())?;
/// assert_eq!(line.len(), 2);
/// # Ok::<(), harkje::format::LoadError>(())
/// ```
///
/// # Errors
/// A [`LoadError`] of kind [`ProblemKind::Io`](super::ProblemKind::Io), with
/// the `io::Error` as its source, when the reader fails; else every problem
/// in the file, as [`from_csv`] reports them.
pub fn read_csv(mut reader: impl Read) -> Result<LineTable, LoadError> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Err(LoadError::unnamed_io("read", e));
    }
    from_csv(&bytes)
}

/// Reads a flat post CSV held in memory into a line table, reporting every
/// bad row with its line.
///
/// Duplicate ids are an error: a flat file cannot say which row is meant.
/// Files without quotes or old-Mac line ends, in UTF-8, take a fast path that
/// splits lines and fields directly; any other file goes through the `csv`
/// crate's full parser. Both give the same table and the same problems, and
/// both refuse a blank first line.
///
/// ```
/// let line = harkje::format::flat_csv::from_csv(b"id,parent_id\n1,\n2,1\n")?;
/// assert_eq!(line.key(1), "2");
/// # Ok::<(), harkje::format::LoadError>(())
/// ```
///
/// # Errors
/// A [`LoadError`] with every problem, each with its line and column: a file
/// in UTF-16, an empty file or a blank first line, a header without `id` or
/// `parent_id` or with a column twice, a row without an id, a value of
/// `is_manager`, `fte` or `salary` that is not a number in range, a quote
/// that is not closed, ids that repeat, and more rows than a line table holds.
pub fn from_csv(bytes: &[u8]) -> Result<LineTable, LoadError> {
    if let Some(e) = utf16_problem(bytes) {
        return Err(e);
    }
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    fast::parse_bytes(body).unwrap_or_else(|| general::parse_general(bytes))
}

/// Reads a flat post CSV file into a line table, like [`from_csv`].
///
/// A file over 4 MiB is read in blocks by two threads, each taking half of
/// it, so the file is never held whole in memory and the reading is shared.
/// Files the fast path cannot take (quotes, old-Mac line ends, bytes that are
/// not UTF-8), smaller files, and files whose length or modification time
/// changes while they are read are read whole instead, as [`read_csv`] does.
/// Either way the table and the problems are the same.
///
/// ```no_run
/// let line = harkje::format::flat_csv::from_csv_file("org.csv")?;
/// println!("{} posts", line.len());
/// # Ok::<(), harkje::format::LoadError>(())
/// ```
///
/// # Errors
/// A [`LoadError`] naming the file: one problem of kind
/// [`ProblemKind::Io`](super::ProblemKind::Io) (with the `io::Error` as its
/// source) when the file cannot be opened or read, else every problem in it,
/// as [`from_csv`] reports them.
pub fn from_csv_file(path: impl AsRef<Path>) -> Result<LineTable, LoadError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| LoadError::io("read", path, source))?;
    file::read_file(&file).map_err(|e| e.in_file(path))
}

/// The most posts a line table holds.
const MAX_POSTS: usize = LineTable::MAX_POSTS;

/// Refuses a file with more lines (an upper bound on its posts) than a
/// line table can number, rather than number them wrongly.
fn within_limit(lines: usize) -> Result<(), LoadError> {
    if lines <= MAX_POSTS {
        return Ok(());
    }
    Err(LoadError::single(Problem {
        path: String::new(),
        line: 0,
        column: 0,
        message: format!("the file has {lines} lines; a flat post CSV can hold at most {MAX_POSTS} posts"),
        ..Problem::default()
    }))
}

/// The UTF-8 byte-order mark some spreadsheets write first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

struct Columns {
    id: usize,
    parent: usize,
    unit: Option<usize>,
    manager: Option<usize>,
    fte: Option<usize>,
    salary: Option<usize>,
}

impl Columns {
    /// The columns a header names (trimmed), or what is wrong with it.
    fn named(headers: &[&str]) -> Result<Columns, LoadError> {
        let col = |name: &str| headers.iter().position(|h| *h == name);
        let mut missing = missing_columns(&col, headers);
        missing.extend(repeated_columns(headers));
        if !missing.is_empty() {
            return Err(LoadError::new(missing));
        }
        Ok(Columns {
            id: col("id").unwrap_or(0),
            parent: col("parent_id").unwrap_or(1),
            unit: col("unit"),
            manager: col("is_manager"),
            fte: col("fte"),
            salary: col("salary"),
        })
    }

    /// What each of `width` columns is for.
    fn roles(&self, width: usize) -> Roles {
        let mut roles = vec![None; width];
        let known = [Some(self.id), Some(self.parent), self.unit, self.manager, self.fte, self.salary];
        for (role, c) in known.into_iter().enumerate() {
            if let Some(slot) = c.and_then(|c| roles.get_mut(c)) {
                *slot = Some(role);
            }
        }
        roles
    }
}

/// What each column of a row is for: an index into [`Fields`], or unused.
type Roles = Vec<Option<usize>>;

/// The fields of one row harkje reads, trimmed, in the order id, parent_id,
/// unit, is_manager, fte, salary; `None` for a column the file lacks.
type Fields<'a> = [Option<&'a str>; 6];

fn missing_columns(col: &dyn Fn(&str) -> Option<usize>, headers: &[&str]) -> Vec<Problem> {
    let hint = header_hint(headers);
    REQUIRED
        .iter()
        .filter(|name| col(name).is_none())
        .map(|name| Problem {
            path: (*name).to_owned(),
            line: 1,
            column: 0,
            message: format!(
                "the header has no column `{name}`{hint}; a flat post CSV needs `id` and `parent_id`, and may have `unit`, `is_manager`, `fte` and `salary`"
            ),
            ..Problem::default()
        })
        .collect()
}

/// Why a header that lacks a required column may look right to its author:
/// another separator, or an invisible character in a column name. Empty when
/// neither applies.
fn header_hint(headers: &[&str]) -> String {
    const INVISIBLE: [char; 4] = ['\u{feff}', '\u{200b}', '\u{a0}', '\u{2060}'];
    if let [only] = headers {
        for sep in [';', '\t', '|'] {
            if only.split(sep).any(|h| h.trim() == "id") {
                let shown = if sep == '\t' { "a tab".to_owned() } else { format!("`{sep}`") };
                return format!(" (its names are separated by {shown}; a flat post CSV separates them by `,`)");
            }
        }
    }
    for (i, h) in headers.iter().enumerate() {
        let visible: String = h.chars().filter(|c| !INVISIBLE.contains(c)).collect();
        if visible.len() != h.len() && REQUIRED.contains(&visible.trim()) {
            return format!(
                " (column {} reads `{}` with an invisible character such as a byte-order mark in it; remove it)",
                i + 1,
                visible.trim()
            );
        }
    }
    String::new()
}

/// A file in UTF-16 (with its byte-order mark, or ASCII with a zero byte
/// after every letter): harkje reads UTF-8 only, and the bytes would
/// otherwise be reported as a header without `id`.
fn utf16_problem(bytes: &[u8]) -> Option<LoadError> {
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || first_line.contains(&0);
    utf16.then(|| {
        LoadError::single(Problem {
            path: String::new(),
            line: 1,
            column: 0,
            message: "the file is not UTF-8 (it looks like UTF-16); save it as CSV in UTF-8".to_owned(),
            ..Problem::default()
        })
    })
}

fn no_header(empty: bool) -> Problem {
    let what = if empty { "the file is empty" } else { "the first line is blank" };
    Problem {
        path: String::new(),
        line: 1,
        column: 0,
        message: format!(
            "{what}; a flat post CSV starts with a header line such as `id,parent_id,unit,is_manager,fte,salary`"
        ),
        ..Problem::default()
    }
}

/// A column harkje reads may appear only once: which one would it take?
fn repeated_columns(headers: &[&str]) -> Vec<Problem> {
    let known = ["id", "parent_id", "unit", "is_manager", "fte", "salary"];
    known
        .iter()
        .filter(|name| headers.iter().filter(|h| *h == *name).count() > 1)
        .map(|name| Problem {
            path: (*name).to_owned(),
            line: 1,
            column: 0,
            message: format!("the header has the column `{name}` more than once; keep one"),
            ..Problem::default()
        })
        .collect()
}

/// One post as a row gives it.
struct Post<'a> {
    id: &'a str,
    parent: Option<&'a str>,
    unit: Option<&'a str>,
    fte: f64,
    salary: Option<f64>,
    manager: bool,
}

/// Checks one row's values: the post, or what is wrong with the row.
fn read_row<'a>(fields: &Fields<'a>, line: usize, cols: &Columns) -> Result<Post<'a>, Problem> {
    let bad = |column: usize, name: &str, message: String| Problem {
        path: name.to_owned(),
        line,
        column: column + 1,
        message,
        ..Problem::default()
    };
    let given = |f: Option<&'a str>| f.filter(|s| !s.is_empty());
    let [id, parent, unit, manager, fte, salary] = *fields;
    let Some(id) = given(id) else {
        return Err(bad(cols.id, "id", "the post has no `id`".to_owned()));
    };
    let manager = match given(manager) {
        None | Some("0") | Some("false") | Some("False") => false,
        Some("1") | Some("true") | Some("True") => true,
        Some(other) => {
            return Err(bad(
                cols.manager.unwrap_or(0),
                "is_manager",
                format!("`is_manager` is `{other}`; expected 0 or 1"),
            ));
        }
    };
    let fte = match given(fte) {
        None => 1.0,
        Some(s) => match parse_number(s) {
            Some(v) if out_of_range(v, MAX_FTE).is_none() => v,
            _ => {
                return Err(bad(
                    cols.fte.unwrap_or(0),
                    "fte",
                    format!("`fte` is `{s}`; expected a number from 0 to {MAX_FTE}"),
                ));
            }
        },
    };
    let salary = match given(salary) {
        None => None,
        Some(s) => match parse_number(s) {
            Some(v) if out_of_range(v, MAX_SALARY).is_none() => Some(v),
            _ => {
                return Err(bad(
                    cols.salary.unwrap_or(0),
                    "salary",
                    format!("`salary` is `{s}`; expected a number from 0 to {MAX_SALARY}"),
                ));
            }
        },
    };
    Ok(Post { id, parent: given(parent), unit: given(unit), fte, salary, manager })
}

/// Parses a number, accepting a decimal comma as Dutch spreadsheets write it.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    if let Some(v) = parse_plain_decimal(s) {
        return Some(v);
    }
    let v: f64 = match s.parse() {
        Ok(v) => v,
        Err(_) if s.contains(',') && !s.contains('.') => s.replacen(',', ".", 1).parse().ok()?,
        Err(_) => return None,
    };
    v.is_finite().then_some(v)
}

/// Parses plain decimals like `61800` or `0.8` exactly and quickly: a whole
/// number below 2^53 divided by a power of ten up to 10^22 is one correctly
/// rounded division (Clinger's fast path), so the result equals `str::parse`.
/// Returns `None` for anything else, which then takes the general parser.
fn parse_plain_decimal(s: &str) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let (mut m, mut frac, mut dot, mut digits) = (0u64, 0usize, false, 0usize);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
                if dot {
                    frac += 1;
                }
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if digits == 0 || m >= (1u64 << 53) {
        return None;
    }
    Some(m as f64 / POW10.get(frac).copied()?)
}
