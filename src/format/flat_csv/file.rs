//! Reading a flat post CSV file in blocks on two threads, so that a large
//! file is never held whole: each thread reads its half twice through a small
//! buffer, once to count the lines and once to parse them.
//!
//! Any surprise (a quote, an old-Mac line end, bytes that are not UTF-8, a
//! file whose length or modification time changes while it is read, a
//! platform without positional reads) sends the file to [`super::read_csv`],
//! which reads it whole and picks its path.

use std::fs::File;
use std::io::{self, Seek, SeekFrom};

use super::fast::{self, PARALLEL_FROM, Part, Scanner};
use super::{BOM, Columns, Roles};
use crate::format::LoadError;
use crate::graph::line::Half;
use crate::graph::{LineTable, LineTableBuilder};
use crate::par::both;

/// The size of each thread's read buffer.
const BLOCK: usize = 256 << 10;

/// Reads a flat post CSV file. See [`super::from_csv_file`].
pub(super) fn read_file(file: &File) -> Result<LineTable, LoadError> {
    match in_blocks(file) {
        Ok(Some(result)) => result,
        Ok(None) => {
            let mut f = file;
            f.seek(SeekFrom::Start(0)).map_err(cannot_read)?;
            super::read_csv(f)
        }
        Err(e) => Err(cannot_read(e)),
    }
}

fn cannot_read(e: io::Error) -> LoadError {
    LoadError::unnamed_io("read", e)
}

/// The fast path over a file in blocks; `None` when the whole-file path must
/// read it instead.
fn in_blocks(file: &File) -> io::Result<Option<Result<LineTable, LoadError>>> {
    let before = file.metadata()?;
    let Ok(len) = usize::try_from(before.len()) else {
        return Ok(None);
    };
    if !POSITIONAL || len <= PARALLEL_FROM {
        return Ok(None);
    }
    let mut buf = vec![0u8; BLOCK];
    let got = read_full(file, &mut buf, 0)?;
    let head = &buf[..got];
    let start = if head.starts_with(BOM) { BOM.len() } else { 0 };
    let Some(header_end) = head.iter().skip(start).position(|&b| b == b'\n').map(|p| start + p) else {
        return Ok(None);
    };
    let (cols, roles) = match fast::header(&head[start..header_end], false) {
        None => return Ok(None),
        Some(Err(e)) => return Ok(Some(Err(e))),
        Some(Ok(h)) => h,
    };
    let body = header_end + 1;
    let base = std::str::from_utf8(head.get(body..).unwrap_or_default())
        .or_else(|e| std::str::from_utf8(head.get(body..body + e.valid_up_to()).unwrap_or_default()))
        .map_or(0, |rest| fast::first_key(rest, &cols));
    let mid = next_line(file, body + (len - body) / 2, len, &mut buf)?;

    let (first, second) = both(|| count(file, body, mid), || count(file, mid, len), true);
    let (Some(first_lines), Some(second_lines)) = (first?, second?) else {
        return Ok(None);
    };
    if let Err(e) = super::within_limit(first_lines + second_lines) {
        return Ok(Some(Err(e)));
    }
    let mut table = LineTableBuilder::with_rows(first_lines + second_lines);
    let (mut out1, mut out2) = table.halves(first_lines, base);
    let (first, second) = both(
        || parse(file, body, mid, &cols, &roles, &mut out1),
        || parse(file, mid, len, &cols, &roles, &mut out2),
        true,
    );
    let (Some(first), Some(second)) = (first?, second?) else {
        return Ok(None);
    };
    // A file rewritten while it was read may have given torn lines.
    let after = file.metadata()?;
    if after.len() != before.len() || after.modified().ok() != before.modified().ok() {
        return Ok(None);
    }
    let (rows1, rows2) = (out1.done(), out2.done());
    Ok(Some(fast::join_parts(table, (rows1, first), (rows2, second), cols.id)))
}

/// The offset just after the first line break at or after `from`, or `len`.
fn next_line(file: &File, from: usize, len: usize, buf: &mut [u8]) -> io::Result<usize> {
    let mut pos = from;
    while pos < len {
        let want = buf.len().min(len - pos);
        let got = read_full(file, &mut buf[..want], pos)?;
        if let Some(p) = buf[..got].iter().position(|&b| b == b'\n') {
            return Ok(pos + p + 1);
        }
        if got < want {
            break;
        }
        pos += got;
    }
    Ok(len)
}

/// The lines in `from..to`, or `None` when the fast path does not apply.
fn count(file: &File, from: usize, to: usize) -> io::Result<Option<usize>> {
    let mut buf = vec![0u8; BLOCK];
    let mut scan = Scanner::default();
    let mut pos = from;
    while pos < to {
        let want = BLOCK.min(to - pos);
        if read_full(file, &mut buf[..want], pos)? < want {
            return Ok(None);
        }
        scan.feed(&buf[..want]);
        pos += want;
    }
    Ok(scan.lines())
}

/// Parses the lines in `from..to` into `out`, a block at a time; a line cut
/// by the end of a block waits at the front of the buffer for the rest.
fn parse(
    file: &File,
    from: usize,
    to: usize,
    cols: &Columns,
    roles: &Roles,
    out: &mut Half<'_>,
) -> io::Result<Option<Part>> {
    out.reserve_keys((to - from) / 4);
    let mut part = Part::default();
    let mut buf = vec![0u8; BLOCK];
    let mut carried = 0;
    let mut pos = from;
    while pos < to {
        if carried == buf.len() {
            // A line longer than the buffer.
            buf.resize(buf.len() * 2, 0);
        }
        let want = (buf.len() - carried).min(to - pos);
        if read_full(file, &mut buf[carried..carried + want], pos)? < want {
            return Ok(None);
        }
        pos += want;
        let filled = carried + want;
        let cut = if pos >= to {
            filled
        } else {
            match buf[..filled].iter().rposition(|&b| b == b'\n') {
                Some(p) => p + 1,
                None => {
                    carried = filled;
                    continue;
                }
            }
        };
        let Ok(text) = std::str::from_utf8(&buf[..cut]) else {
            return Ok(None);
        };
        part.parse_lines(text, cols, roles, out);
        if part.overflowed() {
            return Ok(None);
        }
        buf.copy_within(cut..filled, 0);
        carried = filled - cut;
    }
    Ok(Some(part))
}

/// Reads at `offset` until `buf` is full or the file ends; the bytes read.
fn read_full(file: &File, buf: &mut [u8], offset: usize) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match read_at(file, &mut buf[done..], (offset + done) as u64) {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// Whether this platform reads at an offset without a shared cursor.
const POSITIONAL: bool = cfg!(any(unix, windows));

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<usize> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "positional reads"))
}
