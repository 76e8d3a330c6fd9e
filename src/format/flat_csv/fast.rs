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
use crate::graph::line::{Half, HalfRows, canonical_number};
use crate::graph::{LineTable, LineTableBuilder};
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
    let first_lines = first_scan.lines()?;
    let second_lines = second_scan.lines()?;
    if let Err(e) = super::within_limit(first_lines + second_lines) {
        return Some(Err(e));
    }
    let (first_text, second_text) = (std::str::from_utf8(first_half).ok()?, std::str::from_utf8(second_half).ok()?);
    let mut table = LineTableBuilder::with_rows(first_lines + second_lines);
    let (mut out1, mut out2) = table.halves(first_lines, first_key(first_text, &cols));
    let parse = |text: &str, out: &mut Half<'_>| {
        out.reserve_keys(text.len() / 4);
        let mut part = Part::default();
        part.parse_lines(text, &cols, &roles, out);
        part
    };
    let (first, second) = both(|| parse(first_text, &mut out1), || parse(second_text, &mut out2), parallel);
    // The text was counted, so no post can overflow; should one, the general
    // parser reads the file rather than lose a row.
    if first.overflowed() || second.overflowed() {
        return None;
    }
    let (rows1, rows2) = (out1.done(), out2.done());
    Some(join_parts(table, (rows1, first), (rows2, second), cols.id))
}

/// The number in the id column of the first line of `body`, or 0: manager
/// references count from it (see [`LineTableBuilder::halves`]), so that when the ids are
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

/// What one thread found in its stretch of lines, besides the posts it
/// wrote into its half of the table.
#[derive(Default)]
pub(super) struct Part {
    /// The lines seen.
    lines: usize,
    /// A post did not fit in the stretch: the text changed since it was counted.
    overflow: bool,
    /// Lines that hold no post (blank or wrong), counted from 1 at the stretch's start.
    skipped: Vec<usize>,
    /// Problems, with lines counted from 1 at the stretch's start.
    problems: Vec<Problem>,
}

impl Part {
    /// Whether a post did not fit in the stretch it was given.
    pub(super) fn overflowed(&self) -> bool {
        self.overflow
    }

    /// Parses whole lines into `out`, numbering them on from the lines seen
    /// before. The last line need not end in a line break.
    pub(super) fn parse_lines(&mut self, text: &str, cols: &Columns, roles: &Roles, out: &mut Half<'_>) {
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
                Ok(p) => {
                    if !out.push(p.id, p.parent, p.unit, p.fte, p.salary, p.manager) {
                        self.overflow = true;
                    }
                }
                Err(problem) => {
                    self.skipped.push(line_no);
                    self.problems.push(problem);
                }
            }
        }
        self.lines = line_no;
    }
}

/// Puts the two halves together: the table joins its halves and resolves
/// the line managers; the lines of problems and repeated ids are numbered
/// across the file.
pub(super) fn join_parts(
    mut table: LineTableBuilder,
    (rows1, first): (HalfRows, Part),
    (rows2, second): (HalfRows, Part),
    id_column: usize,
) -> Result<LineTable, LoadError> {
    table.join(rows1, rows2);
    let (table, duplicates) = table.finish_with_rows();

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
