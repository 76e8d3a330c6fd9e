//! Reading inputs named on the command line.
//!
//! Every file argument that holds a design or a CSV accepts `-` for standard input.
//! Standard input can be read once, so at most one argument of a command may be `-`.
//! A design on standard input is told from a flat post CSV by its first character:
//! a JSON design starts with `{`.

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use harkje::Design;
use harkje::format::{self, LoadError};
use harkje::graph::LineTable;
use harkje::model::DayError;
use jiff::civil::Date;

/// An input that could not be used. Printed as `error: …` with exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        CliError(e.to_string())
    }
}

/// What a design argument held.
pub enum Loaded {
    /// A JSON design.
    Design(Box<Design>),
    /// A flat post CSV: only the line.
    Flat(Box<LineTable>),
}

/// The name standard input goes by in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether a file argument is `-`: standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Refuses a command line that names standard input (`-`) more than once.
pub fn at_most_one_stdin(paths: &[&Path]) -> Result<(), CliError> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(CliError("standard input (`-`) can be read only once; name a file for the other inputs".into()));
    }
    Ok(())
}

/// The name of an input in messages: its path, or `<stdin>`.
pub fn name(path: &Path) -> String {
    if is_stdin(path) { STDIN_NAME.to_owned() } else { path.display().to_string() }
}

/// All of standard input.
pub fn read_stdin() -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| CliError(format!("cannot read standard input: {e}")))?;
    Ok(bytes)
}

/// Whether a path names a CSV file, by its extension.
pub fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Whether bytes read from standard input look like a JSON design: their first
/// character (after a byte-order mark and white space) is `{`.
fn looks_like_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Loads a JSON design, or a flat post CSV when the extension is `.csv`.
/// `-` reads standard input, a design when it starts with `{`, else a flat post CSV.
pub fn load(path: &Path) -> Result<Loaded, CliError> {
    let stdin_name = Path::new(STDIN_NAME);
    if is_stdin(path) {
        let bytes = read_stdin()?;
        return if looks_like_json(&bytes) {
            format::from_json_vec(bytes)
                .map(|d| Loaded::Design(Box::new(d)))
                .map_err(|e| CliError(e.in_file(stdin_name).to_string()))
        } else {
            format::flat_csv::from_csv(&bytes)
                .map(|t| Loaded::Flat(Box::new(t)))
                .map_err(|e: LoadError| CliError(e.in_file(stdin_name).to_string()))
        };
    }
    if is_csv(path) {
        Ok(Loaded::Flat(Box::new(format::flat_csv::from_csv_file(path)?)))
    } else {
        Ok(Loaded::Design(Box::new(format::from_json_file(path)?)))
    }
}

/// Loads a JSON design from a file, or from standard input for `-`.
pub fn load_design(path: &Path) -> Result<Design, CliError> {
    if is_stdin(path) {
        let bytes = read_stdin()?;
        return format::from_json_vec(bytes).map_err(|e| CliError(e.in_file(Path::new(STDIN_NAME)).to_string()));
    }
    Ok(format::from_json_file(path)?)
}

/// Parses a day given as `YYYY-MM-DD` with the library's day reader, so
/// that a date with a time is refused rather than cut to its day.
pub fn parse_date(s: &str) -> Result<Date, String> {
    harkje::model::parse_day(s).map_err(|e| match e {
        DayError::Invalid(reason) => format!("`{s}` is not a date like 2024-01-31 ({reason})"),
        other => other.to_string(),
    })
}

/// Prints, on stderr, the references `--as-of` cleared: their targets were
/// not valid on that day, so the design on that day lacks them.
pub fn note_cleared(day: Date, cleared: &[harkje::ClearedReference]) {
    if cleared.is_empty() {
        return;
    }
    use std::fmt::Write as _;
    let n = cleared.len();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "note: on {day}, {n} reference{} point{} to something not valid that day and {} left out:",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" },
        if n == 1 { "is" } else { "are" }
    );
    for c in cleared.iter().take(5) {
        let _ = writeln!(s, "  {} {} {}", c.holder, c.field, c.target);
    }
    if n > 5 {
        let _ = writeln!(s, "  … and {} more", n - 5);
    }
    crate::output::to_stderr(&s);
}

/// Prints, on stderr, that a design with dated fields read without a day
/// shows each dated field's last value.
pub fn note_dated(design: &Design, what: &str) {
    if design.has_dated_values() {
        crate::output::to_stderr(&format!(
            "note: `{}` has dated values; without --as-of, {what} each dated field's last value\n",
            harkje::text::escape_controls(design.name())
        ));
    }
}

/// `--old-as-of` and `--new-as-of`: the days two designs are taken on.
#[derive(Debug, clap::Args)]
pub struct Days {
    /// Take the old design as it stands on this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, value_name = "DAY")]
    old_as_of: Option<Date>,
    /// Take the new design as it stands on this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, value_name = "DAY")]
    new_as_of: Option<Date>,
}

impl Days {
    /// Whether both days are given.
    pub fn both(&self) -> bool {
        self.old_as_of.is_some() && self.new_as_of.is_some()
    }

    /// The old design's name, with its day.
    pub fn old_name(&self, design: &Design) -> String {
        named(design, self.old_as_of)
    }

    /// The new design's name, with its day.
    pub fn new_name(&self, design: &Design) -> String {
        named(design, self.new_as_of)
    }

    /// Both designs as they stand on their days (noting on stderr what that
    /// leaves out), or as given.
    pub fn apply(&self, old: Design, new: Design) -> (Design, Design) {
        (on(old, self.old_as_of), on(new, self.new_as_of))
    }
}

/// The design as it stands on `day` (noting what that leaves out), or as given.
fn on(design: Design, day: Option<Date>) -> Design {
    match day {
        Some(day) => on_day(design, day),
        None => design,
    }
}

/// The design as it stands on `day`, noting what that leaves out; the design
/// itself, not a copy, when nothing in it changes that day.
pub fn on_day(design: Design, day: Date) -> Design {
    if design.unchanged_on(day) {
        return design;
    }
    let (then, cleared) = design.as_of_with_notes(day);
    note_cleared(day, &cleared);
    then
}

/// A design's name, with the day it is taken on.
fn named(design: &Design, day: Option<Date>) -> String {
    match day {
        Some(day) => format!("{} on {day}", design.name()),
        None => design.name().to_owned(),
    }
}

/// Leaves a large value to the operating system instead of freeing it: the
/// command ends right after, and freeing a design of a million posts element
/// by element takes a tenth of the whole run.
pub fn leave<T>(value: T) {
    std::mem::forget(value);
}
