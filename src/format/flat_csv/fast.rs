//! The fast path for flat post CSVs: no quotes, no old-Mac line ends, UTF-8.
//!
//! A body over 4 MiB is cut at a line break near the middle; two threads
//! first count the lines of each half (and make sure the fast path applies),
//! then parse them, each writing its posts straight into its own stretch of
//! the table's columns; the halves are then joined. A smaller body is one
//! stretch on one thread. The result is the same as a single pass, and the
//! same as the general path's.
//!
//! The text can be in memory ([`parse_bytes`]) or read from a file in blocks
//! ([`super::file`]); both feed lines through [`Part::parse_lines`].

use super::{Columns, Fields, Roles, no_header, read_row};
use crate::format::{LoadError, Problem};
use crate::graph::LineTable;
use crate::graph::fxhash::FxHashMap;
use crate::graph::line::{Consecutive, KeyList, NO_UNIT, ParentRefs, canonical_number};
use crate::par::both;

/// Bodies above this many bytes are parsed on two threads.
pub(super) const PARALLEL_FROM: usize = 4 << 20;

/// The fast path for a file held in memory (after any byte-order mark);
/// `None` sends the file to the general parser.
pub(super) fn parse_bytes(bytes: &[u8]) -> Option<Result<LineTable, LoadError>> {
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    let (cols, roles) = match header(&bytes[..header_end], bytes.is_empty())? {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    let body = (header_end + 1).min(bytes.len());
    let mid = if bytes.len() - body > PARALLEL_FROM {
        let half = body + (bytes.len() - body) / 2;
        bytes[half..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| half + p + 1)
    } else {
        bytes.len()
    };
    let (first_half, second_half) = (&bytes[body..mid], &bytes[mid..]);
    let parallel = !second_half.is_empty();
    let scan = |half: &[u8]| {
        let mut s = Scanner::default();
        s.feed(half);
        s
    };
    let (first_scan, second_scan) = both(|| scan(first_half), || scan(second_half), parallel);
    let second_scan = second_scan?;
    let first_lines = first_scan.lines()?;
    let second_lines = second_scan.lines()?;
    if let Err(e) = super::within_limit(first_lines + second_lines) {
        return Some(Err(e));
    }
    let (first_text, second_text) = (std::str::from_utf8(first_half).ok()?, std::str::from_utf8(second_half).ok()?);
    let base = first_key(first_text, &cols);
    let mut posts = Posts::zeroed(first_lines + second_lines);
    let (mut out1, mut out2) = posts.split_at(first_lines);
    let parse = |text: &str, out: &mut PostsOut<'_>| {
        let mut part = Part::new(text.len() / 4, base);
        part.parse_lines(text, &cols, &roles, out);
        part
    };
    let (first, second) = both(|| parse(first_text, &mut out1), || parse(second_text, &mut out2), parallel);
    let second = second?;
    // The text was counted, so no post can overflow; should one, the general
    // parser reads the file rather than lose a row.
    if first.overflowed() || second.overflowed() {
        return None;
    }
    Some(join_parts(posts, first_lines, first, second, cols.id))
}

/// The number in the id column of the first line of `body`, or 0: manager
/// references count from it (see [`ParentRefs`]), so that when the ids are
/// numbered rows, each reference is the manager's row.
pub(super) fn first_key(body: &str, cols: &Columns) -> u64 {
    let line = body.split('\n').next().unwrap_or("");
    let id = line.split(',').nth(cols.id).unwrap_or("").trim_ascii();
    canonical_number(id).unwrap_or(0)
}

/// The columns a header line names, or what is wrong with it; `None` when
/// the line needs the general parser. `empty` says the whole file is empty.
pub(super) fn header(line: &[u8], empty: bool) -> Option<Result<(Columns, Roles), LoadError>> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut scan = Scanner::default();
    scan.feed(line);
    scan.lines()?;
    let header = std::str::from_utf8(line).ok()?;
    if header.trim_ascii().is_empty() {
        return Some(Err(LoadError::single(no_header(empty))));
    }
    let headers: Vec<&str> = header.split(',').map(str::trim_ascii).collect();
    Some(Columns::named(&headers).map(|cols| {
        let roles = cols.roles(headers.len());
        (cols, roles)
    }))
}

/// A first look at a stretch of whole lines, fed in blocks: it counts the
/// lines and looks for what only the general parser reads, quotes and
/// carriage returns that do not end a CRLF.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Scanner {
    breaks: usize,
    quotes: bool,
    lone_return: bool,
    /// The last byte fed was a carriage return.
    after_return: bool,
    /// The last byte fed, if any.
    last: Option<u8>,
}

impl Scanner {
    /// Takes the next bytes, in sub-blocks the compiler turns into vector
    /// instructions.
    pub(super) fn feed(&mut self, bytes: &[u8]) {
        let Some((&last, _)) = bytes.split_last() else {
            return;
        };
        if self.after_return && bytes.first() != Some(&b'\n') {
            self.lone_return = true;
        }
        // Each byte but the last, beside the byte after it.
        let heads = &bytes[..bytes.len() - 1];
        let tails = &bytes[1..];
        for (h, t) in heads.chunks(255).zip(tails.chunks(255)) {
            let (mut n, mut q, mut r) = (0u8, 0u8, 0u8);
            for (&x, &y) in h.iter().zip(t) {
                n += u8::from(x == b'\n');
                q |= u8::from(x == b'"');
                r |= u8::from(x == b'\r') & u8::from(y != b'\n');
            }
            self.breaks += usize::from(n);
            self.quotes |= q != 0;
            self.lone_return |= r != 0;
        }
        self.breaks += usize::from(last == b'\n');
        self.quotes |= last == b'"';
        self.after_return = last == b'\r';
        self.last = Some(last);
    }

    /// The number of lines, or `None` when the general parser must read them.
    pub(super) fn lines(&self) -> Option<usize> {
        if self.quotes || self.lone_return || self.after_return {
            return None;
        }
        Some(self.breaks + usize::from(self.last.is_some_and(|b| b != b'\n')))
    }
}

/// The table's columns, one entry per line of the body, filled in place.
pub(super) struct Posts {
    key_ends: Vec<usize>,
    parent: Vec<u32>,
    fte: Vec<f64>,
    salary: Vec<f64>,
    unit: Vec<u32>,
    manager: Vec<bool>,
}

/// A stretch of [`Posts`] that one thread writes.
pub(super) struct PostsOut<'o> {
    key_ends: &'o mut [usize],
    parent: &'o mut [u32],
    fte: &'o mut [f64],
    salary: &'o mut [f64],
    unit: &'o mut [u32],
    manager: &'o mut [bool],
}

impl Posts {
    /// Columns of zeros: the allocator hands these out untouched, so each
    /// thread pays for the pages it writes.
    pub(super) fn zeroed(n: usize) -> Self {
        Posts {
            key_ends: vec![0; n],
            parent: vec![0; n],
            fte: vec![0.0; n],
            salary: vec![0.0; n],
            unit: vec![0; n],
            manager: vec![false; n],
        }
    }

    pub(super) fn split_at(&mut self, at: usize) -> (PostsOut<'_>, PostsOut<'_>) {
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
pub(super) struct Part {
    /// The posts written, from the start of the stretch.
    rows: usize,
    /// The lines seen.
    lines: usize,
    /// A post did not fit in the stretch: the text changed since it was counted.
    overflow: bool,
    /// The keys, one after another; the stretch's key ends point into this.
    keys: String,
    /// The base and the side keys; the distances go straight into the
    /// stretch's parent column.
    parents: ParentRefs,
    consecutive: Consecutive,
    units: UnitIndex,
    /// Lines that hold no post (blank or wrong), counted from 1 at the stretch's start.
    skipped: Vec<usize>,
    /// Problems, with lines counted from 1 at the stretch's start.
    problems: Vec<Problem>,
}

/// The unit keys of a stretch, numbered in the order first seen. A key of up
/// to 15 bytes is looked up as one 128-bit number, so that the short unit
/// codes of most files cost no string comparison.
#[derive(Default)]
struct UnitIndex {
    keys: Vec<String>,
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
    /// The last short key looked up and its number: files sorted by unit
    /// ask for the same one many times in a row.
    last: Option<(u128, u32)>,
}

impl UnitIndex {
    /// The number of a unit key, new keys taking the next number.
    fn number(&mut self, key: &str) -> u32 {
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
            None => match self.long.get(key) {
                Some(&i) => i,
                None => {
                    self.long.insert(key.to_owned(), next);
                    next
                }
            },
        };
        if i == next {
            self.keys.push(key.to_owned());
        }
        i
    }
}

/// A string of up to 15 bytes as one number: its bytes from the lowest,
/// then its length. Built in registers: copying the bytes into a buffer and
/// loading it back would stall on the store.
fn pack(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    Some(b.iter().rev().fold(b.len() as u128, |v, &c| (v << 8) | u128::from(c)))
}

impl Part {
    /// An empty part whose keys are expected to take about `key_bytes`, and
    /// whose manager numbers count from `base` (see [`ParentRefs`]).
    pub(super) fn new(key_bytes: usize, base: u64) -> Self {
        Part {
            rows: 0,
            lines: 0,
            overflow: false,
            keys: String::with_capacity(key_bytes),
            parents: ParentRefs::from_base(base),
            consecutive: Consecutive::default(),
            units: UnitIndex::default(),
            skipped: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Whether a post did not fit in the stretch it was given.
    pub(super) fn overflowed(&self) -> bool {
        self.overflow
    }

    /// Parses whole lines into `out`, numbering them on from the lines seen
    /// before. The last line need not end in a line break.
    pub(super) fn parse_lines(&mut self, text: &str, cols: &Columns, roles: &Roles, out: &mut PostsOut<'_>) {
        let width = roles.len();
        // One pass over the bytes: commas and newlines are ASCII, so slicing at
        // them keeps every field valid UTF-8. Lines are short, so a plain loop
        // beats a searching split here.
        let bytes = text.as_bytes();
        let to = bytes.len();
        let mut line_no = self.lines;
        let mut pos = 0;
        while pos < to {
            line_no += 1;
            let line_start = pos;
            let mut fields: Fields<'_> = [None; 6];
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
                self.skipped.push(line_no);
                continue;
            }
            if column != width {
                self.skipped.push(line_no);
                self.problems.push(Problem {
                    path: String::new(),
                    line: line_no,
                    column: 0,
                    message: format!("the row has {column} fields, but the header has {width}"),
                    ..Problem::default()
                });
                continue;
            }
            // Trimming also drops the carriage return of a CRLF line.
            for f in fields.iter_mut().flatten() {
                *f = f.trim_ascii();
            }
            match read_row(&fields, line_no, cols) {
                Ok(post) => self.push(out, post),
                Err(problem) => {
                    self.skipped.push(line_no);
                    self.problems.push(problem);
                }
            }
        }
        self.lines = line_no;
    }

    /// Writes a post into row `self.rows` of `out`.
    fn push(&mut self, out: &mut PostsOut<'_>, p: super::Post<'_>) {
        let row = self.rows;
        if row >= out.parent.len() {
            self.overflow = true;
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

/// Puts the two halves together: closes the gap the first half's skipped
/// lines left, numbers the units and lines across the file, and resolves the
/// line managers.
pub(super) fn join_parts(
    mut posts: Posts,
    first_lines: usize,
    first: Part,
    second: Part,
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
            ..Problem::default()
        }));
    };

    let mut units = first.units;
    let remap: Vec<u32> = second.units.keys.iter().map(|k| units.number(k)).collect();
    if remap.iter().enumerate().any(|(i, &j)| i as u32 != j) {
        for u in posts.unit.get_mut(first.rows..).unwrap_or_default() {
            if let Some(&j) = remap.get(*u as usize) {
                *u = j;
            }
        }
    }

    let mut parents = first.parents;
    parents.dist = posts.parent;
    parents.append_side(&second.parents, first.rows);
    let consecutive = first.consecutive.then(first.rows, second.consecutive);
    let mut table = LineTable {
        keys,
        parent: Vec::new(),
        dangling: Vec::new(),
        fte: posts.fte,
        salary: posts.salary,
        unit: posts.unit,
        unit_keys: units.keys,
        manager_role: posts.manager,
        post_ids: Vec::new(),
    };
    let duplicates = table.resolve(parents, consecutive);

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
                ..Problem::default()
            });
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() { Ok(table) } else { Err(LoadError::new(problems)) }
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
