//! The general path: quoted fields, old-Mac line ends, and bytes that are
//! not UTF-8 (reported per field), through the `csv` crate's full parser.

use super::{Columns, no_header, read_row};
use crate::format::{LoadError, Problem};
use crate::graph::LineTable;

fn finish(
    b: crate::graph::LineTableBuilder,
    mut problems: Vec<Problem>,
    row_lines: &[usize],
    id_c: usize,
) -> Result<LineTable, LoadError> {
    super::within_limit(b.len())?;
    let (table, duplicates) = b.finish_with_rows();
    for (row, first) in duplicates {
        let line = row_lines.get(row).copied().unwrap_or(0);
        let first_line = row_lines.get(first).copied().unwrap_or(0);
        problems.push(Problem {
            path: "id".to_owned(),
            line,
            column: id_c + 1,
            message: format!("the id `{}` is used again (first on line {first_line})", table.key(row)),
            ..Problem::default()
        });
    }
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() { Ok(table) } else { Err(LoadError::new(problems)) }
}

/// The general path: quoted fields, invalid UTF-8 reported per field.
pub(super) fn parse_general(bytes: &[u8]) -> Result<LineTable, LoadError> {
    // A blank first line is refused as the fast path refuses it (the `csv`
    // crate would skip it and take the next line as the header).
    let body = bytes.strip_prefix(super::BOM).unwrap_or(bytes);
    let first_line = body.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
    if first_line.trim_ascii().is_empty() {
        return Err(LoadError::single(no_header(bytes.is_empty())));
    }
    let mut lines = LineCounter::new(bytes);
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(bytes);
    let mut problems = Vec::new();
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(LoadError::single(csv_problem(&e, 1))),
    };
    let names: Vec<&str> =
        // Only the file's first name can carry the byte-order mark (the `csv`
        // crate may leave it there); one inside the header is a character of
        // its column's name, as the fast path reads it.
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| std::str::from_utf8(if i == 0 { strip_bom(h) } else { h }).unwrap_or("").trim_ascii())
            .collect();
    let cols = Columns::named(&names)?;
    let mut row_lines: Vec<usize> = Vec::new();
    let mut b = LineTable::builder();
    let mut record = csv::ByteRecord::new();
    loop {
        let start = rdr.position().byte();
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = match e.kind() {
                    csv::ErrorKind::UnequalLengths { pos: Some(pos), .. } => pos.byte(),
                    _ => start,
                };
                problems.push(csv_problem(&e, lines.record_line(at)));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = lines.record_line(record.position().map_or(start, csv::Position::byte));
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
                    ..Problem::default()
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

fn strip_bom(h: &[u8]) -> &[u8] {
    h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h)
}

fn csv_problem(e: &csv::Error, line: usize) -> Problem {
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("the row has {len} fields, but the header has {expected_len}")
        }
        csv::ErrorKind::Io(err) => format!("cannot read: {err}"),
        _ => e.to_string(),
    };
    Problem { path: String::new(), line, column: 0, message, ..Problem::default() }
}

/// Line numbers from byte offsets, counted the way the fast path counts them:
/// a line ends at `\n`, `\r\n` or a lone `\r`. Offsets only move forward,
/// so counting is linear over the file.
struct LineCounter<'a> {
    bytes: &'a [u8],
    /// The offset counted up to, and the line (from 1) it is on.
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter { bytes, at: 0, line: 1 }
    }

    /// The line of a record that starts at `offset`: the `csv` crate may
    /// place a record before the blank lines it skipped, so those are
    /// passed over first.
    fn record_line(&mut self, offset: u64) -> usize {
        let mut start = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len()).max(self.at);
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.advance(start);
        self.line
    }

    fn advance(&mut self, to: usize) {
        let to = to.min(self.bytes.len());
        for i in self.at..to {
            match self.bytes[i] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.at = self.at.max(to);
    }
}
