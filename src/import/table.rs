//! Reading a CSV file into rows with their line numbers, for the importers.

use std::borrow::Cow;
use std::io::Read;

use crate::problem::{LoadError, Problem};

/// One data row and the line it starts on.
pub(crate) struct Row {
    pub line: usize,
    /// The fields, trimmed.
    pub fields: csv::StringRecord,
}

/// A row that could not be read, with its place.
pub(crate) struct BadRow {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A CSV file: its header and its rows.
pub(crate) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Rows whose fields are all empty.
    pub blank_rows: usize,
    /// Rows that could not be read: wrong number of fields or bytes that are not UTF-8.
    pub bad: Vec<BadRow>,
}

impl Table {
    /// The index of the column whose name matches `name` (see [`normalise`]).
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = normalise(name);
        self.headers.iter().position(|h| normalise(h) == want)
    }

    /// The columns named `name`: those with exactly that header, or else
    /// those that match it after [`normalise`]. More than one means the
    /// header is ambiguous.
    pub fn columns_named(&self, name: &str) -> Vec<usize> {
        let exact: Vec<usize> = (0..self.headers.len()).filter(|&i| self.headers[i] == name).collect();
        if !exact.is_empty() {
            return exact;
        }
        let want = normalise(name);
        (0..self.headers.len()).filter(|&i| normalise(&self.headers[i]) == want).collect()
    }

    /// The headers as a readable list, for messages.
    pub fn header_list(&self) -> String {
        self.headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
    }
}

/// A header name reduced to lowercase letters and digits, so that `Actual Pay
/// Floor (£)`, `actual pay floor` and `Actual_Pay_Floor` match.
pub(crate) fn normalise(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The character encoding of a CSV file: the HR mapping's `encoding`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8, unless the bytes are not UTF-8 and have no UTF-8 character
    /// beyond ASCII at all: then Windows-1252.
    #[default]
    Auto,
    /// UTF-8 only: bytes that are not UTF-8 are errors.
    Utf8,
    /// Windows-1252, what Excel writes as "CSV" on a Dutch or English Windows.
    Windows1252,
}

impl Encoding {
    /// The setting as the mapping writes it.
    pub fn from_setting(s: &str) -> Option<Encoding> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Some(Encoding::Auto),
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "cp1252" => Some(Encoding::Windows1252),
            _ => None,
        }
    }
}

/// The CSV bytes as UTF-8 (invalid UTF-8 left in place for [`parse`] to
/// report by row). A UTF-8 byte-order mark says UTF-8 and a UTF-16 one says
/// UTF-16, whatever the setting. Without a mark, [`Encoding::Auto`] takes
/// valid UTF-8 as UTF-8; bytes that are not UTF-8 and hold no UTF-8 character
/// beyond ASCII are Windows-1252 (an accented letter in Windows-1252 is a
/// single byte that UTF-8 does not allow on its own); a mix of both is a UTF-8
/// file with damaged bytes, reported row by row.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8], encoding: Encoding) -> Result<Cow<'a, [u8]>, LoadError> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return Ok(Cow::Borrowed(rest));
    }
    for (bom, enc, name) in
        [(b"\xFF\xFE", encoding_rs::UTF_16LE, "UTF-16LE"), (b"\xFE\xFF", encoding_rs::UTF_16BE, "UTF-16BE")]
    {
        if let Some(rest) = bytes.strip_prefix(bom.as_slice()) {
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(text) => Ok(Cow::Owned(text.into_owned().into_bytes())),
                None => Err(super::single(
                    file,
                    0,
                    0,
                    format!("the file starts with a {name} byte-order mark, but is not valid {name}"),
                )),
            };
        }
    }
    let windows_1252 = match encoding {
        Encoding::Utf8 => false,
        Encoding::Windows1252 => true,
        Encoding::Auto => std::str::from_utf8(bytes).is_err() && !has_non_ascii_utf8(bytes),
    };
    if windows_1252 {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        return Ok(match text {
            Cow::Borrowed(t) => Cow::Borrowed(t.as_bytes()),
            Cow::Owned(t) => Cow::Owned(t.into_bytes()),
        });
    }
    Ok(Cow::Borrowed(bytes))
}

/// Whether the bytes hold a valid UTF-8 character beyond ASCII.
fn has_non_ascii_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// Reads all of `reader`, naming `file` in every problem.
pub(crate) fn read_all(file: &str, mut reader: impl Read) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| LoadError::io_in(file, "cannot read the file", e))?;
    Ok(bytes)
}

/// Guesses the field separator from the header line: the most frequent of
/// `,`, `;` and tab outside quotes; `,` when none occurs.
pub(crate) fn detect_separator(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    seps[best]
}

/// Parses CSV bytes. A byte-order mark is skipped. Header problems stop the
/// import; row problems are collected in [`Table::bad`].
pub(crate) fn parse(file: &str, bytes: &[u8], separator: u8) -> Result<Table, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(separator)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    let mut blank_rows = 0;
    loop {
        let at = rdr.position().line() as usize;
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // Reading from memory fails only on malformed input; name the place.
                let line = e.position().map_or(at, |p| p.line() as usize);
                return Err(super::single(file, line, 0, format!("cannot read the CSV: {e}")));
            }
        }
        // The reader counts the position of a record before the empty lines
        // it skips; step over them so that the line is where the row is.
        let line = record.position().map_or(at, |p| {
            let mut line = p.line() as usize;
            let mut b = p.byte() as usize;
            while let Some(&c) = bytes.get(b) {
                match c {
                    b'\n' => line += 1,
                    b'\r' => {}
                    _ => break,
                }
                b += 1;
            }
            line
        });
        let (fields, not_utf8) = match csv::StringRecord::from_byte_record(std::mem::take(&mut record)) {
            Ok(f) => (f, None),
            Err(e) => {
                let column = e.utf8_error().field() + 1;
                let raw = e.into_byte_record();
                let lossy: Vec<String> = raw.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
                (csv::StringRecord::from(lossy), Some(column))
            }
        };
        let Some(h) = &headers else {
            if let Some(column) = not_utf8 {
                return Err(super::single(
                    file,
                    line,
                    column,
                    "the header has bytes that are not UTF-8; save the file as UTF-8".to_owned(),
                ));
            }
            headers = Some(fields.iter().map(str::to_owned).collect::<Vec<_>>());
            continue;
        };
        if fields.iter().all(str::is_empty) {
            blank_rows += 1;
            continue;
        }
        if let Some(column) = not_utf8 {
            bad.push(BadRow {
                line,
                column,
                message: format!("field {column} has bytes that are not UTF-8; save the file as UTF-8"),
            });
            continue;
        }
        if fields.len() != h.len() {
            bad.push(BadRow {
                line,
                column: 0,
                message: format!(
                    "the row has {} field{}, but the header has {}{}",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" },
                    h.len(),
                    if fields.len() < h.len() { " (is the file cut short?)" } else { "" }
                ),
            });
            continue;
        }
        rows.push(Row { line, fields });
    }
    let Some(headers) = headers else {
        return Err(super::single(file, 1, 0, "the file is empty; expected a header row".to_owned()));
    };
    Ok(Table { headers, rows, blank_rows, bad })
}

/// The problem for a required column that the header lacks.
pub(crate) fn missing_column(file: &str, table: &Table, what: &str, name: &str) -> Problem {
    Problem {
        file: Some(file.to_owned()),
        line: 1,
        column: 0,
        message: format!("the header has no column `{name}` ({what}); the columns found are {}", table.header_list()),
        ..Problem::default()
    }
}
