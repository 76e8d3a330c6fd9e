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
pub fn read(reader: impl Read) -> Result<LineTable, LoadError> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(reader);
    let mut problems = Vec::new();
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(LoadError::single(csv_problem(&e, 1))),
    };
    let col = |name: &str| headers.iter().position(|h| strip_bom(h) == name.as_bytes());
    for name in REQUIRED {
        if col(name).is_none() {
            problems.push(Problem {
                path: name.to_owned(),
                line: 1,
                column: 0,
                message: format!(
                    "the header has no column `{name}`; a flat post CSV needs `id` and `parent_id`, and may have `unit`, `is_manager`, `fte` and `salary`"
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(LoadError { file: None, problems });
    }
    let (id_c, parent_c) = (col("id").unwrap_or(0), col("parent_id").unwrap_or(1));
    let (unit_c, mgr_c, fte_c, salary_c) = (col("unit"), col("is_manager"), col("fte"), col("salary"));
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
        let mut row: Vec<Problem> = Vec::new();
        let mut field = |c: Option<usize>, name: &str| -> Option<&str> {
            let c = c?;
            match record.get(c).map(std::str::from_utf8) {
                Some(Ok(s)) => Some(s.trim()),
                Some(Err(_)) => {
                    row.push(Problem {
                        path: name.to_owned(),
                        line,
                        column: c + 1,
                        message: format!("`{name}` is not valid UTF-8"),
                    });
                    None
                }
                None => None,
            }
        };
        let id = field(Some(id_c), "id");
        let parent = field(Some(parent_c), "parent_id");
        let unit = field(unit_c, "unit").filter(|s| !s.is_empty());
        let mgr = field(mgr_c, "is_manager");
        let fte = field(fte_c, "fte");
        let salary = field(salary_c, "salary");
        let had_bad_bytes = !row.is_empty();
        problems.append(&mut row);
        if had_bad_bytes {
            continue;
        }
        let mut bad = |column: usize, name: &str, msg: String| {
            problems.push(Problem { path: name.to_owned(), line, column: column + 1, message: msg });
        };
        let Some(id) = id.filter(|s| !s.is_empty()) else {
            bad(id_c, "id", "the post has no `id`".to_owned());
            continue;
        };
        let parent = parent.filter(|s| !s.is_empty());
        let manager = match mgr.filter(|s| !s.is_empty()) {
            None | Some("0") | Some("false") | Some("False") => false,
            Some("1") | Some("true") | Some("True") => true,
            Some(other) => {
                bad(mgr_c.unwrap_or(0), "is_manager", format!("`is_manager` is `{other}`; expected 0 or 1"));
                continue;
            }
        };
        let fte = match fte.filter(|s| !s.is_empty()) {
            None => 1.0,
            Some(s) => match parse_number(s) {
                Some(v) if v >= 0.0 => v,
                _ => {
                    bad(fte_c.unwrap_or(0), "fte", format!("`fte` is `{s}`; expected a number of zero or more"));
                    continue;
                }
            },
        };
        let salary = match salary.filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match parse_number(s) {
                Some(v) if v >= 0.0 => Some(v),
                _ => {
                    bad(
                        salary_c.unwrap_or(0),
                        "salary",
                        format!("`salary` is `{s}`; expected a number of zero or more"),
                    );
                    continue;
                }
            },
        };
        b.push(id, parent, unit, fte, salary, manager);
    }
    let (table, duplicates) = b.finish();
    for d in duplicates {
        problems.push(Problem {
            path: "id".to_owned(),
            line: 0,
            column: id_c + 1,
            message: format!("the id `{d}` occurs on more than one row"),
        });
    }
    if problems.is_empty() { Ok(table) } else { Err(LoadError { file: None, problems }) }
}

/// Parses a number, accepting a decimal comma as Dutch spreadsheets write it.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let v: f64 = match s.parse() {
        Ok(v) => v,
        Err(_) if s.contains(',') && !s.contains('.') => s.replacen(',', ".", 1).parse().ok()?,
        Err(_) => return None,
    };
    v.is_finite().then_some(v)
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
