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
use crate::graph::fxhash::FxHashMap;
use crate::graph::line::{Consecutive, KeyList, NO_UNIT, ParentRefs};
use crate::model::{MAX_FTE, MAX_SALARY, out_of_range};
use crate::par::both;

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
    parse_simple(body).unwrap_or_else(|| parse_general(bytes))
}

/// The fast path, for files without quotes or old-Mac line ends, in UTF-8;
/// `None` sends any other file to the general parser.
///
/// The body is cut at a line break near the middle. Two threads first check
/// and count the lines of each half, then parse them, each writing its posts
/// straight into its own stretch of the table's columns. The result is the
/// same as a single pass.
fn parse_simple(bytes: &[u8]) -> Option<Result<LineTable, LoadError>> {
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    let header_bytes = &bytes[..header_end];
    let header_bytes = header_bytes.strip_suffix(b"\r").unwrap_or(header_bytes);
    if !scan(header_bytes).simple {
        return None;
    }
    let header = std::str::from_utf8(header_bytes).ok()?;
    if header.trim_ascii().is_empty() {
        return Some(Err(LoadError::single(no_header(bytes.is_empty()))));
    }
    let headers: Vec<&str> = header.split(',').map(str::trim_ascii).collect();
    let col = |name: &str| headers.iter().position(|h| *h == name);
    let mut missing = missing_columns(&col);
    missing.extend(repeated_columns(&headers));
    if !missing.is_empty() {
        return Some(Err(LoadError { file: None, problems: missing }));
    }
    let cols = Columns {
        id: col("id").unwrap_or(0),
        parent: col("parent_id").unwrap_or(1),
        unit: col("unit"),
        manager: col("is_manager"),
        fte: col("fte"),
        salary: col("salary"),
    };
    let roles = cols.roles(headers.len());
    let body = (header_end + 1).min(bytes.len());
    let mid = if bytes.len() - body > PARALLEL_FROM {
        let half = body + (bytes.len() - body) / 2;
        bytes[half..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| half + p + 1)
    } else {
        bytes.len()
    };
    let (first_half, second_half) = (&bytes[body..mid], &bytes[mid..]);
    // Each line holds at most one post, so the line counts bound the rows.
    let (first_scan, second_scan) = both(|| scan(first_half), || scan(second_half), !second_half.is_empty());
    let second_scan = second_scan?;
    if !(first_scan.simple && second_scan.simple) {
        return None;
    }
    let (first_text, second_text) = (std::str::from_utf8(first_half).ok()?, std::str::from_utf8(second_half).ok()?);
    let first_lines = first_scan.lines;
    let mut posts = Posts::zeroed(first_lines + second_scan.lines);
    let (out1, out2) = posts.split_at(first_lines);
    let (first, second) = both(
        || parse_part(first_text, &cols, &roles, out1),
        || parse_part(second_text, &cols, &roles, out2),
        !second_half.is_empty(),
    );
    Some(join_parts(posts, first_lines, first, second?, cols.id))
}

/// Files above this many bytes are parsed on two threads.
const PARALLEL_FROM: usize = 4 << 20;

/// What a first look at a stretch of whole lines found.
#[derive(Clone, Copy, Debug)]
struct Scan {
    /// The number of lines.
    lines: usize,
    /// No quote and no carriage return but before a line feed.
    simple: bool,
}

/// Counts the lines and looks for quotes and lone carriage returns, in
/// blocks the compiler can turn into vector instructions.
fn scan(bytes: &[u8]) -> Scan {
    let (mut breaks, mut quotes, mut returns) = (0usize, false, false);
    for block in bytes.chunks(255) {
        let (mut n, mut q, mut r) = (0u8, 0u8, 0u8);
        for &b in block {
            n += u8::from(b == b'\n');
            q |= u8::from(b == b'"');
            r |= u8::from(b == b'\r');
        }
        breaks += usize::from(n);
        quotes |= q != 0;
        returns |= r != 0;
    }
    // A carriage return not followed by a line feed ends lines on old Macs;
    // only the general parser reads those.
    let lone_return = returns
        && bytes.iter().enumerate().any(|(i, &b)| b == b'\r' && bytes.get(i + 1).is_some_and(|&n| n != b'\n'))
        || bytes.last() == Some(&b'\r');
    let lines = breaks + usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
    Scan { lines, simple: !quotes && !lone_return }
}

/// What each column of a row is for: an index into [`Fields`], or unused.
type Roles = Vec<Option<usize>>;

/// The fields of one row harkje reads, trimmed, in the order id, parent_id,
/// unit, is_manager, fte, salary; `None` for a column the file lacks.
type Fields<'a> = [Option<&'a str>; 6];

impl Columns {
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

/// The table's columns, one entry per line of the body, filled in place.
struct Posts {
    key_ends: Vec<usize>,
    parent: Vec<u64>,
    fte: Vec<f64>,
    salary: Vec<f64>,
    unit: Vec<u32>,
    manager: Vec<bool>,
}

/// A stretch of [`Posts`] that one thread writes.
struct PostsOut<'o> {
    key_ends: &'o mut [usize],
    parent: &'o mut [u64],
    fte: &'o mut [f64],
    salary: &'o mut [f64],
    unit: &'o mut [u32],
    manager: &'o mut [bool],
}

impl Posts {
    /// Columns of zeros: the allocator hands these out untouched, so each
    /// thread pays for the pages it writes.
    fn zeroed(n: usize) -> Self {
        Posts {
            key_ends: vec![0; n],
            parent: vec![0; n],
            fte: vec![0.0; n],
            salary: vec![0.0; n],
            unit: vec![0; n],
            manager: vec![false; n],
        }
    }

    fn split_at(&mut self, at: usize) -> (PostsOut<'_>, PostsOut<'_>) {
        let at = at.min(self.parent.len());
        let (k1, k2) = self.key_ends.split_at_mut(at);
        let (p1, p2) = self.parent.split_at_mut(at);
        let (f1, f2) = self.fte.split_at_mut(at);
        let (s1, s2) = self.salary.split_at_mut(at);
        let (u1, u2) = self.unit.split_at_mut(at);
        let (m1, m2) = self.manager.split_at_mut(at);
        (
            PostsOut { key_ends: k1, parent: p1, fte: f1, salary: s1, unit: u1, manager: m1 },
            PostsOut { key_ends: k2, parent: p2, fte: f2, salary: s2, unit: u2, manager: m2 },
        )
    }

    /// Moves rows `from..from + len` to start at `to` (`to <= from`).
    fn shift(&mut self, from: usize, len: usize, to: usize) {
        let r = from..from + len;
        self.key_ends.copy_within(r.clone(), to);
        self.parent.copy_within(r.clone(), to);
        self.fte.copy_within(r.clone(), to);
        self.salary.copy_within(r.clone(), to);
        self.unit.copy_within(r.clone(), to);
        self.manager.copy_within(r, to);
    }

    fn truncate(&mut self, n: usize) {
        self.key_ends.truncate(n);
        self.parent.truncate(n);
        self.fte.truncate(n);
        self.salary.truncate(n);
        self.unit.truncate(n);
        self.manager.truncate(n);
    }
}

/// What one thread found in its stretch of lines.
#[derive(Default)]
struct Part<'a> {
    /// The posts written, from the start of the stretch.
    rows: usize,
    /// The lines seen.
    lines: usize,
    /// The keys, one after another; the stretch's key ends point into this.
    keys: String,
    parents: ParentRefs,
    consecutive: Consecutive,
    units: UnitIndex<'a>,
    /// Lines that hold no post (blank or wrong), counted from 1 at the stretch's start.
    skipped: Vec<usize>,
    /// Problems, with lines counted from 1 at the stretch's start.
    problems: Vec<Problem>,
}

/// The unit keys of a stretch, numbered in the order first seen. A key of up
/// to 15 bytes is looked up as one 128-bit number, so that the short unit
/// codes of most files cost no string comparison.
#[derive(Default)]
struct UnitIndex<'a> {
    keys: Vec<&'a str>,
    short: FxHashMap<u128, u32>,
    long: FxHashMap<&'a str, u32>,
    /// The last short key looked up and its number: files sorted by unit
    /// ask for the same one many times in a row.
    last: Option<(u128, u32)>,
}

impl<'a> UnitIndex<'a> {
    /// The number of a unit key, new keys taking the next number.
    fn number(&mut self, key: &'a str) -> u32 {
        let next = self.keys.len() as u32;
        let i = match pack(key) {
            Some(packed) => match self.last {
                Some((k, i)) if k == packed => i,
                _ => {
                    let i = *self.short.entry(packed).or_insert(next);
                    self.last = Some((packed, i));
                    i
                }
            },
            None => *self.long.entry(key).or_insert(next),
        };
        if i == next {
            self.keys.push(key);
        }
        i
    }
}

/// A string of up to 15 bytes as one number: its bytes, then its length.
fn pack(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    let mut buf = [0u8; 16];
    buf.get_mut(..b.len()).filter(|_| b.len() < 16)?.copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

impl<'a> Part<'a> {
    /// Writes a post into row `self.rows` of `out`.
    fn push(&mut self, out: &mut PostsOut<'_>, p: Post<'a>) {
        let row = self.rows;
        if row >= out.parent.len() {
            return;
        }
        self.consecutive.see(row, p.id);
        self.keys.push_str(p.id);
        out.key_ends[row] = self.keys.len();
        out.parent[row] = self.parents.encode(row, p.parent);
        out.fte[row] = p.fte;
        out.salary[row] = p.salary.unwrap_or(f64::NAN);
        out.manager[row] = p.manager;
        out.unit[row] = p.unit.map_or(NO_UNIT, |u| self.units.number(u));
        self.rows += 1;
    }
}

/// Parses whole lines into `out`.
fn parse_part<'a>(text: &'a str, cols: &Columns, roles: &Roles, mut out: PostsOut<'_>) -> Part<'a> {
    let (from, to) = (0, text.len());
    let mut part = Part { keys: String::with_capacity(to / 4), ..Part::default() };
    let width = roles.len();
    // One pass over the bytes: commas and newlines are ASCII, so slicing at
    // them keeps every field valid UTF-8. Lines are short, so a plain loop
    // beats a searching split here.
    let bytes = text.as_bytes();
    let mut line_no = 0usize;
    let mut pos = from;
    while pos < to {
        line_no += 1;
        let line_start = pos;
        let mut fields: Fields<'a> = [None; 6];
        let mut column = 0usize;
        let mut field_start = pos;
        let mut end = to;
        while pos < to {
            let b = bytes[pos];
            if b == b',' || b == b'\n' {
                if let Some(Some(role)) = roles.get(column) {
                    fields[*role] = Some(text.get(field_start..pos).unwrap_or(""));
                }
                column += 1;
                field_start = pos + 1;
                if b == b'\n' {
                    end = pos;
                    break;
                }
            }
            pos += 1;
        }
        if end == to {
            // The last line has no line break.
            if let Some(Some(role)) = roles.get(column) {
                fields[*role] = Some(text.get(field_start..to).unwrap_or(""));
            }
            column += 1;
        }
        pos = end + 1;
        let line_end = if end > line_start && bytes[end - 1] == b'\r' { end - 1 } else { end };
        if line_end == line_start {
            part.skipped.push(line_no);
            continue;
        }
        if column != width {
            part.skipped.push(line_no);
            part.problems.push(Problem {
                path: String::new(),
                line: line_no,
                column: 0,
                message: format!("the row has {column} fields, but the header has {width}"),
            });
            continue;
        }
        // Trimming also drops the carriage return of a CRLF line.
        for f in fields.iter_mut().flatten() {
            *f = f.trim_ascii();
        }
        match read_row(&fields, line_no, cols) {
            Ok(post) => part.push(&mut out, post),
            Err(problem) => {
                part.skipped.push(line_no);
                part.problems.push(problem);
            }
        }
    }
    part.lines = line_no;
    part
}

/// Puts the two halves together: closes the gap the first half's skipped
/// lines left, numbers the units and lines across the file, and resolves the
/// line managers.
fn join_parts(
    mut posts: Posts,
    first_lines: usize,
    first: Part<'_>,
    second: Part<'_>,
    id_column: usize,
) -> Result<LineTable, LoadError> {
    let rows = first.rows + second.rows;
    if first.rows < first_lines {
        posts.shift(first_lines, second.rows, first.rows);
    }
    posts.truncate(rows);

    let base = first.keys.len();
    let mut buf = first.keys;
    buf.push_str(&second.keys);
    for end in posts.key_ends.get_mut(first.rows..).unwrap_or_default() {
        *end += base;
    }
    let Some(keys) = KeyList::from_parts(buf, posts.key_ends) else {
        return Err(LoadError::single(Problem {
            path: String::new(),
            line: 0,
            column: 0,
            message: "internal error: the keys read do not line up; please report this file".to_owned(),
        }));
    };

    let mut units = first.units;
    let remap: Vec<u32> = second.units.keys.iter().map(|&k| units.number(k)).collect();
    if remap.iter().enumerate().any(|(i, &j)| i as u32 != j) {
        for u in posts.unit.get_mut(first.rows..).unwrap_or_default() {
            if let Some(&j) = remap.get(*u as usize) {
                *u = j;
            }
        }
    }

    let mut parents = first.parents;
    parents.num = posts.parent;
    parents.append_texts(&second.parents, first.rows);
    let consecutive = first.consecutive.then(first.rows, second.consecutive);
    let mut table = LineTable {
        keys,
        parent: Vec::new(),
        dangling: Vec::new(),
        fte: posts.fte,
        salary: posts.salary,
        unit: posts.unit,
        unit_keys: units.keys.into_iter().map(str::to_owned).collect(),
        manager_role: posts.manager,
        post_ids: Vec::new(),
    };
    let duplicates = table.resolve(&parents, consecutive);

    // Lines so far count from 1 at the first line after the header.
    let offset = first.lines;
    let mut problems = first.problems;
    problems.extend(second.problems.into_iter().map(|mut q| {
        q.line += offset;
        q
    }));
    for q in &mut problems {
        q.line += 1;
    }
    if !duplicates.is_empty() {
        let mut skipped = first.skipped;
        skipped.extend(second.skipped.into_iter().map(|l| l + offset));
        let line_of = |row: usize| body_line_of_row(&skipped, row) + 1;
        for (row, first_row) in duplicates {
            problems.push(Problem {
                path: "id".to_owned(),
                line: line_of(row),
                column: id_column + 1,
                message: format!("the id `{}` is used again (first on line {})", table.key(row), line_of(first_row)),
            });
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() { Ok(table) } else { Err(LoadError { file: None, problems }) }
}

/// The body line (from 1) of post `row` (from 0), given the body lines that
/// hold no post, ascending: the smallest line with `row + 1` posts up to it.
fn body_line_of_row(skipped: &[usize], row: usize) -> usize {
    let posts_up_to = |line: usize| line - skipped.partition_point(|&s| s <= line);
    let (mut lo, mut hi) = (row + 1, row + 1 + skipped.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if posts_up_to(mid) > row { hi = mid } else { lo = mid + 1 }
    }
    lo
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
        let fields = [Some(cols.id), Some(cols.parent), cols.unit, cols.manager, cols.fte, cols.salary].map(get);
        match read_row(&fields, line, &cols) {
            Ok(p) => {
                b.push(p.id, p.parent, p.unit, p.fte, p.salary, p.manager);
                row_lines.push(line);
            }
            Err(problem) => problems.push(problem),
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
