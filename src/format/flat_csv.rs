//! The flat post CSV: one row per post, with the post it reports to.
//!
//! The columns are `id,parent_id,unit,is_manager,fte,salary`, as written by
//! `shared/bench/gen_org.py`. This is also the simplest shape of an HR export.
//! Columns are found by name, so their order is free and extra columns are
//! ignored. An empty `parent_id` marks a top post. `unit`, `is_manager`, `fte`
//! and `salary` may be missing: then a post has no unit, is not a manager by
//! role, has 1.0 FTE and an unknown salary.

use std::io::Read;

use super::{LoadError, Problem};
use crate::graph::LineTable;
use crate::model::{MAX_FTE, MAX_SALARY, out_of_range};

const REQUIRED: [&str; 2] = ["id", "parent_id"];

/// Reads a flat post CSV into a line table, reporting every bad row with its line.
///
/// Duplicate ids are an error: a flat file cannot say which row is meant.
///
/// ```
/// let csv = "id,parent_id,unit,is_manager,fte,salary\n1,,U0,1,1.0,90000\n2,1,U0,0,0.8,50000\n";
/// let line = harkje::format::flat_csv::read(csv.as_bytes())?;
/// assert_eq!(line.len(), 2);
/// # Ok::<(), harkje::format::LoadError>(())
/// ```
pub fn read(mut reader: impl Read) -> Result<LineTable, LoadError> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Err(LoadError::single(Problem {
            path: String::new(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        }));
    }
    parse(&bytes)
}

/// Parses a flat post CSV held in memory. See [`read`].
///
/// Files without quotes take a fast path that splits lines and fields
/// directly; any file with a quote character goes through the `csv` crate's
/// full parser. Both give the same table and the same problems.
pub fn parse(bytes: &[u8]) -> Result<LineTable, LoadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A carriage return not followed by a line feed ends lines on old Macs;
    // only the general parser reads those.
    let lone_cr = body.iter().enumerate().any(|(i, &b)| b == b'\r' && body.get(i + 1) != Some(&b'\n'));
    if !lone_cr
        && !body.contains(&b'"')
        && let Ok(text) = std::str::from_utf8(body)
    {
        return parse_simple(text);
    }
    parse_general(bytes)
}

/// The fast path: no quoting, valid UTF-8.
fn parse_simple(text: &str) -> Result<LineTable, LoadError> {
    let header = text.split('\n').next().map(|h| h.strip_suffix('\r').unwrap_or(h));
    let Some(header) = header.filter(|h| !h.trim_ascii().is_empty()) else {
        return Err(LoadError::single(no_header(text.is_empty())));
    };
    let headers: Vec<&str> = header.split(',').map(str::trim_ascii).collect();
    let col = |name: &str| headers.iter().position(|h| *h == name);
    let mut missing = missing_columns(&col);
    missing.extend(repeated_columns(&headers));
    if !missing.is_empty() {
        return Err(LoadError { file: None, problems: missing });
    }
    let cols = Columns {
        id: col("id").unwrap_or(0),
        parent: col("parent_id").unwrap_or(1),
        unit: col("unit"),
        manager: col("is_manager"),
        fte: col("fte"),
        salary: col("salary"),
    };
    let width = headers.len();
    let bytes = text.as_bytes();
    let mut body = header.len() + 1;
    if bytes.get(header.len()) == Some(&b'\r') {
        body += 1;
    }
    let body = body.min(bytes.len());
    // Large files are split at a line break near the middle and the halves
    // parsed on two threads; the halves are joined in order, so the result is
    // the same as a single pass.
    let mid = if bytes.len() - body > PARALLEL_FROM {
        let half = body + (bytes.len() - body) / 2;
        bytes[half..].iter().position(|&b| b == b'\n').map(|p| half + p + 1)
    } else {
        None
    };
    let chunk = match mid {
        None => parse_lines(text, body, bytes.len(), &cols, width),
        Some(mid) => {
            let (first, second) = std::thread::scope(|scope| {
                let handle = std::thread::Builder::new()
                    .spawn_scoped(scope, || parse_lines(text, mid, bytes.len(), &cols, width))
                    .ok();
                let first = parse_lines(text, body, mid, &cols, width);
                (first, handle.and_then(|h| h.join().ok()))
            });
            // The thread could not start: parse the second half here.
            let second = second.unwrap_or_else(|| parse_lines(text, mid, bytes.len(), &cols, width));
            let mut joined = first;
            let offset = joined.lines;
            joined.builder.append(second.builder);
            joined.problems.extend(second.problems.into_iter().map(|mut q| {
                q.line += offset;
                q
            }));
            joined.row_lines.extend(second.row_lines.into_iter().map(|l| l + offset));
            joined.lines += second.lines;
            joined
        }
    };
    // Line numbers so far count from the first line after the header.
    let Chunk { builder, mut problems, row_lines, .. } = chunk;
    for q in &mut problems {
        q.line += 1;
    }
    let row_lines: Vec<usize> = row_lines.into_iter().map(|l| l + 1).collect();
    finish(builder, problems, &row_lines, cols.id)
}

/// Files above this many bytes are parsed on two threads.
const PARALLEL_FROM: usize = 4 << 20;

/// Parses the lines in `text[from..to]` (whole lines). Line numbers in the
/// problems count from 1 at `from`; also returns the number of lines seen.
fn parse_lines(text: &str, from: usize, to: usize, cols: &Columns, width: usize) -> Chunk {
    // One post per line: count the lines first so no array grows while pushing.
    let rows = text.as_bytes().get(from..to).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
    let key_bytes = (to - from) / (width.max(1) * 2);
    let mut b = LineTable::builder_with_capacity(rows, key_bytes);
    let mut row_lines: Vec<usize> = Vec::with_capacity(rows);
    let mut problems = Vec::new();
    // One pass over the bytes: commas and newlines are ASCII, so slicing at
    // them keeps every field valid UTF-8. Lines are short, so a plain loop
    // beats a searching split here.
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = Vec::with_capacity(width + 1);
    let mut line_no = 0usize;
    let mut pos = from;
    while pos < to {
        line_no += 1;
        let line_start = pos;
        starts.clear();
        starts.push(pos);
        let mut end = to;
        while pos < to {
            match bytes[pos] {
                b',' => starts.push(pos + 1),
                b'\n' => {
                    end = pos;
                    break;
                }
                _ => {}
            }
            pos += 1;
        }
        pos = end + 1;
        let line_end = if end > line_start && bytes[end - 1] == b'\r' { end - 1 } else { end };
        if line_end == line_start {
            continue;
        }
        if starts.len() != width {
            problems.push(Problem {
                path: String::new(),
                line: line_no,
                column: 0,
                message: format!("the row has {} fields, but the header has {width}", starts.len()),
            });
            continue;
        }
        let field = |c: usize| -> &str {
            let a = starts[c];
            let z = starts.get(c + 1).map_or(line_end, |&next| next - 1);
            text.get(a..z).unwrap_or("")
        };
        let get = |c: Option<usize>| c.map(|c| field(c).trim_ascii());
        let before = b.len();
        row(&mut b, &mut problems, line_no, cols, get);
        if b.len() > before {
            row_lines.push(line_no);
        }
    }
    Chunk { builder: b, problems, lines: line_no, row_lines }
}

/// What one run of [`parse_lines`] found.
struct Chunk {
    builder: crate::graph::LineTableBuilder,
    problems: Vec<Problem>,
    /// The number of lines seen.
    lines: usize,
    /// The line of each post pushed, in order.
    row_lines: Vec<usize>,
}

struct Columns {
    id: usize,
    parent: usize,
    unit: Option<usize>,
    manager: Option<usize>,
    fte: Option<usize>,
    salary: Option<usize>,
}

fn missing_columns(col: &dyn Fn(&str) -> Option<usize>) -> Vec<Problem> {
    REQUIRED
        .iter()
        .filter(|name| col(name).is_none())
        .map(|name| Problem {
            path: (*name).to_owned(),
            line: 1,
            column: 0,
            message: format!(
                "the header has no column `{name}`; a flat post CSV needs `id` and `parent_id`, and may have `unit`, `is_manager`, `fte` and `salary`"
            ),
        })
        .collect()
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
        })
        .collect()
}

/// Checks one row's values and adds the post, or records what is wrong with it.
fn row<'a>(
    b: &mut crate::graph::LineTableBuilder,
    problems: &mut Vec<Problem>,
    line: usize,
    cols: &Columns,
    get: impl Fn(Option<usize>) -> Option<&'a str>,
) {
    let mut bad = |column: usize, name: &str, msg: String| {
        problems.push(Problem { path: name.to_owned(), line, column: column + 1, message: msg });
    };
    let Some(id) = get(Some(cols.id)).filter(|s| !s.is_empty()) else {
        bad(cols.id, "id", "the post has no `id`".to_owned());
        return;
    };
    let parent = get(Some(cols.parent)).filter(|s| !s.is_empty());
    let unit = get(cols.unit).filter(|s| !s.is_empty());
    let manager = match get(cols.manager).filter(|s| !s.is_empty()) {
        None | Some("0") | Some("false") | Some("False") => false,
        Some("1") | Some("true") | Some("True") => true,
        Some(other) => {
            bad(cols.manager.unwrap_or(0), "is_manager", format!("`is_manager` is `{other}`; expected 0 or 1"));
            return;
        }
    };
    let fte = match get(cols.fte).filter(|s| !s.is_empty()) {
        None => 1.0,
        Some(s) => match parse_number(s) {
            Some(v) if out_of_range(v, MAX_FTE).is_none() => v,
            _ => {
                bad(cols.fte.unwrap_or(0), "fte", format!("`fte` is `{s}`; expected a number from 0 to {MAX_FTE}"));
                return;
            }
        },
    };
    let salary = match get(cols.salary).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match parse_number(s) {
            Some(v) if out_of_range(v, MAX_SALARY).is_none() => Some(v),
            _ => {
                bad(
                    cols.salary.unwrap_or(0),
                    "salary",
                    format!("`salary` is `{s}`; expected a number from 0 to {MAX_SALARY}"),
                );
                return;
            }
        },
    };
    b.push(id, parent, unit, fte, salary, manager);
}

fn finish(
    b: crate::graph::LineTableBuilder,
    mut problems: Vec<Problem>,
    row_lines: &[usize],
    id_c: usize,
) -> Result<LineTable, LoadError> {
    let (table, duplicates) = b.finish_with_rows();
    for (row, first) in duplicates {
        let line = row_lines.get(row).copied().unwrap_or(0);
        let first_line = row_lines.get(first).copied().unwrap_or(0);
        problems.push(Problem {
            path: "id".to_owned(),
            line,
            column: id_c + 1,
            message: format!("the id `{}` is used again (first on line {first_line})", table.key(row)),
        });
    }
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() { Ok(table) } else { Err(LoadError { file: None, problems }) }
}

/// The general path: quoted fields, invalid UTF-8 reported per field.
fn parse_general(bytes: &[u8]) -> Result<LineTable, LoadError> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(bytes);
    let mut problems = Vec::new();
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(LoadError::single(csv_problem(&e, 1))),
    };
    let names: Vec<&str> =
        headers.iter().map(|h| std::str::from_utf8(strip_bom(h)).unwrap_or("").trim_ascii()).collect();
    if names.iter().all(|n| n.is_empty()) {
        return Err(LoadError::single(no_header(bytes.is_empty())));
    }
    let col = |name: &str| names.iter().position(|h| *h == name);
    let mut missing = missing_columns(&col);
    missing.extend(repeated_columns(&names));
    if !missing.is_empty() {
        return Err(LoadError { file: None, problems: missing });
    }
    let cols = Columns {
        id: col("id").unwrap_or(0),
        parent: col("parent_id").unwrap_or(1),
        unit: col("unit"),
        manager: col("is_manager"),
        fte: col("fte"),
        salary: col("salary"),
    };
    let mut row_lines: Vec<usize> = Vec::new();
    let mut b = LineTable::builder();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line() as usize;
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(csv_problem(&e, line));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        let mut bad_bytes = false;
        for (c, name) in [
            (Some(cols.id), "id"),
            (Some(cols.parent), "parent_id"),
            (cols.unit, "unit"),
            (cols.manager, "is_manager"),
            (cols.fte, "fte"),
            (cols.salary, "salary"),
        ] {
            if let Some(c) = c
                && record.get(c).is_some_and(|f| std::str::from_utf8(f).is_err())
            {
                bad_bytes = true;
                problems.push(Problem {
                    path: name.to_owned(),
                    line,
                    column: c + 1,
                    message: format!("`{name}` is not valid UTF-8"),
                });
            }
        }
        if bad_bytes {
            continue;
        }
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c)).and_then(|f| std::str::from_utf8(f).ok()).map(str::trim_ascii)
        };
        let before = b.len();
        row(&mut b, &mut problems, line, &cols, get);
        if b.len() > before {
            row_lines.push(line);
        }
    }
    finish(b, problems, &row_lines, cols.id)
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

fn strip_bom(h: &[u8]) -> &[u8] {
    h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h)
}

fn csv_problem(e: &csv::Error, line: usize) -> Problem {
    let (line, msg) = match e.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => (
            pos.as_ref().map_or(line, |p| p.line() as usize),
            format!("the row has {len} fields, but the header has {expected_len}"),
        ),
        csv::ErrorKind::Io(err) => (line, format!("cannot read: {err}")),
        _ => (line, e.to_string()),
    };
    Problem { path: String::new(), line, column: 0, message: msg }
}
