//! Reading a CSV file into rows with their line numbers, for the importers.

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
