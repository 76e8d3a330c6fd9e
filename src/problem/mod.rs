//! Problems with their place, and the one error every loader returns.
//!
//! Every reader in harkje (the JSON design file, the flat post CSV, the HR and
//! UK imports, policies, statutes and the transition input) reports what is
//! wrong as a [`LoadError`]: a list of [`Problem`]s, each with the file it is
//! in, the line and column, the path of the value (a JSON pointer such as
//! `/posts/3/fte`, a CSV column, or a TOML key), a [`ProblemKind`] and a
//! message in plain words. Readers never stop at the first problem they can
//! get past, so one run shows everything to fix.
//!
//! When a file cannot be read at all, the error keeps the
//! [`std::io::Error`] as its [`source`](std::error::Error::source).
//!
//! Byte offsets become lines and columns through one [`LineIndex`], built
//! once per text, so placing many values costs a binary search each.

pub(crate) mod toml;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A line and column, both 1-based. Columns count characters, not bytes.
/// A column of 0 means the whole line; a line of 0 means the whole file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

/// The start of every line of a text, to turn byte offsets into a
/// [`Position`] in O(log lines) each. Build it once per text.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a [u8],
    /// The byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of a text (bytes, which need not be UTF-8), in one pass.
    pub fn new(text: &'a [u8]) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(text.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The line and column of a byte offset (clamped to the text's end).
    /// The column counts the characters before the offset on its line;
    /// bytes that are not UTF-8 count one each.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        // The last line start at or before the offset; `starts[0] == 0` so there is one.
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let before = self.text.get(start..offset).unwrap_or_default();
        // UTF-8 continuation bytes do not start a character.
        let column = before.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
        Position { line, column }
    }
}

/// What kind of problem, for code that reacts to some of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file could not be read (or written); the error's
    /// [`source`](std::error::Error::source) is the `io::Error`.
    Io,
    /// The text is not valid UTF-8, JSON, TOML or CSV.
    Syntax,
    /// A key or column that is not known here; the message lists the accepted ones.
    UnknownKey,
    /// A required key or column that is missing.
    Missing,
    /// A value of the wrong type; the message says what is accepted.
    WrongType,
    /// A number outside its accepted range; the message gives the range.
    OutOfRange,
    /// A name (a preset, an enum value, a reference) that names nothing; the
    /// message lists the accepted names where there are few.
    UnknownName,
    /// Anything else that makes the input wrong: a duplicate, a cycle, a
    /// value that contradicts another.
    #[default]
    Invalid,
}

/// One problem in an input, with its place.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct Problem {
    /// The file it is in, when it is not the file of the whole error
    /// (an import reads several files; a transition has three inputs).
    pub file: Option<String>,
    /// The line, from 1; 0 when the problem concerns the whole file.
    pub line: usize,
    /// The column, from 1; 0 when the problem concerns the whole line.
    pub column: usize,
    /// Where in the document: a JSON pointer such as `/posts/3/fte`, a CSV
    /// column name or a design path such as `people/p1`. Empty when the
    /// message names the place itself.
    pub path: String,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    /// A problem at a position, with a path (may be empty).
    pub(crate) fn at(path: impl Into<String>, pos: Position, message: impl Into<String>) -> Self {
        Problem { path: path.into(), line: pos.line, column: pos.column, message: message.into(), ..Problem::default() }
    }

    /// A problem without a position yet.
    pub(crate) fn unplaced(path: String, message: String) -> Self {
        Problem { path, message, ..Problem::default() }
    }

    /// A problem in a named file at a line and column (either may be 0).
    #[cfg_attr(not(feature = "import"), allow(dead_code))]
    pub(crate) fn in_file(file: &str, line: usize, column: usize, message: String) -> Self {
        Problem { file: Some(file.to_owned()), line, column, message, ..Problem::default() }
    }

    /// Sets the kind.
    pub(crate) fn kind(mut self, kind: ProblemKind) -> Self {
        self.kind = kind;
        self
    }

    /// Writes the problem, naming `file` when the problem does not name its own.
    fn write(&self, f: &mut fmt::Formatter<'_>, file: Option<&str>) -> fmt::Result {
        if let Some(file) = self.file.as_deref().or(file) {
            // `file:3:7: …` with a place, `file: …` without one.
            f.write_str(file)?;
            f.write_str(if self.line > 0 { ":" } else { ": " })?;
        }
        if self.line > 0 {
            write!(f, "{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
            f.write_str(": ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl fmt::Display for Problem {
    /// `file:line:column: path: message`, leaving out the parts that are unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, None)
    }
}

/// An input that could not be read or used: every problem found, each with its place.
///
/// Its `Display` is a heading (`design.json has 2 problems`) and one indented
/// line per problem (`design.json:3:7: /posts/0/fte: …`); an input that could
/// not be read at all shows as the one line `cannot read `x.toml`: …`.
#[derive(Clone, Debug)]
pub struct LoadError {
    /// The file every problem is in unless it names its own; `None` when the
    /// input was not read from a file, or when the problems name their files.
    pub file: Option<String>,
    /// What was read, for the heading when there is no file: `the design`,
    /// `the import`, `the transition`.
    pub subject: String,
    /// The problems, sorted by file and place.
    pub problems: Vec<Problem>,
    io: Option<Arc<std::io::Error>>,
}

impl PartialEq for LoadError {
    /// Equal when they name the same file and problems (the `io::Error`s are not compared).
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.subject == other.subject && self.problems == other.problems
    }
}

impl Eq for LoadError {}

impl LoadError {
    /// The problems of a design file (heading `the design` until a file is
    /// named), in the order given: the design loaders sort their own.
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        LoadError { file: None, subject: "the design".to_owned(), problems, io: None }
    }

    /// The problems of `subject` (such as `the import`), sorted by file and place.
    pub(crate) fn about(subject: &str, mut problems: Vec<Problem>) -> Self {
        problems.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.path, &a.message).cmp(&(&b.file, b.line, b.column, &b.path, &b.message))
        });
        problems.dedup();
        LoadError { file: None, subject: subject.to_owned(), problems, io: None }
    }

    /// The problems of `subject` in the order given (duplicates dropped).
    pub(crate) fn listed(subject: &str, mut problems: Vec<Problem>) -> Self {
        problems.dedup();
        LoadError { file: None, subject: subject.to_owned(), problems, io: None }
    }

    /// One problem of a design file.
    pub(crate) fn single(p: Problem) -> Self {
        LoadError::new(vec![p])
    }

    /// A file that could not be read (`action` is `read`, `open` or `write`),
    /// keeping the `io::Error` as the source.
    pub fn io(action: &str, path: &Path, source: std::io::Error) -> Self {
        let message = format!("cannot {action} `{}`: {source}", path.display());
        LoadError::io_problem(Problem { message, ..Problem::default() }, source)
    }

    /// An input that could not be read, before its file is named.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub(crate) fn unnamed_io(action: &str, source: std::io::Error) -> Self {
        let message = format!("cannot {action}: {source}");
        LoadError::io_problem(Problem { message, ..Problem::default() }, source)
    }

    /// A named file that could not be read; `what` says what it is (`cannot
    /// read the mapping`).
    #[cfg_attr(not(feature = "import"), allow(dead_code))]
    pub(crate) fn io_in(file: &str, what: &str, source: std::io::Error) -> Self {
        let message = format!("{what}: {source}");
        LoadError::io_problem(Problem { file: Some(file.to_owned()), message, ..Problem::default() }, source)
    }

    fn io_problem(problem: Problem, source: std::io::Error) -> Self {
        LoadError {
            file: None,
            subject: "the input".to_owned(),
            problems: vec![problem.kind(ProblemKind::Io)],
            io: Some(Arc::new(source)),
        }
    }

    /// Names the file the problems are in (the CLI names the file it read).
    pub fn in_file(self, file: &Path) -> Self {
        self.named(&file.display().to_string())
    }

    /// Names the input the problems are in, such as a file name.
    pub fn named(mut self, file: &str) -> Self {
        self.file = Some(file.to_owned());
        self
    }

    /// Renames the file `from` to `to` in every problem, such as
    /// `the old design` to the name of the file it was read from.
    pub fn rename_file(mut self, from: &str, to: &str) -> Self {
        for p in &mut self.problems {
            if p.file.as_deref() == Some(from) {
                p.file = Some(to.to_owned());
            }
        }
        self
    }

    /// Whether the input could not be read at all (its source is an `io::Error`).
    pub fn is_io(&self) -> bool {
        self.io.is_some()
    }

    /// The kind of the first problem; [`ProblemKind::Invalid`] when there is none.
    pub fn kind(&self) -> ProblemKind {
        self.problems.first().map_or(ProblemKind::Invalid, |p| p.kind)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.io.is_some()
            && let [only] = self.problems.as_slice()
        {
            return only.write(f, self.file.as_deref());
        }
        let n = self.problems.len();
        let heading = self.file.as_deref().unwrap_or(&self.subject);
        write!(f, "{heading} has {n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            f.write_str("\n  ")?;
            p.write(f, self.file.as_deref())?;
        }
        Ok(())
    }
}

impl From<crate::model::BuildError> for LoadError {
    /// The builder's errors as problems of `the design`, in the order found.
    fn from(e: crate::model::BuildError) -> Self {
        use crate::model::EditError;
        let problems = e
            .errors
            .iter()
            .map(|e| {
                let kind = match e {
                    EditError::MissingReference { .. } | EditError::NotFound { .. } => ProblemKind::UnknownName,
                    EditError::InvalidValue { .. } => ProblemKind::OutOfRange,
                    _ => ProblemKind::Invalid,
                };
                Problem { message: e.to_string(), kind, ..Problem::default() }
            })
            .collect();
        LoadError::new(problems)
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.io.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A serde message in the house style: lowercase, no final period, user
/// input in backticks, and the words a reader knows instead of Rust type
/// names (`expected u8` reads `expected a whole number`).
pub(crate) fn serde_words(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut s: String = match message.chars().next() {
        Some(c) if c.is_uppercase() => c.to_lowercase().chain(message.chars().skip(1)).collect(),
        _ => message.to_owned(),
    };
    for (rust, words) in [
        ("expected u8", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i8", "expected a whole number"),
        ("expected i16", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table"),
        ("invalid type: integer", "invalid type: whole number"),
        ("invalid type: floating point", "invalid type: number"),
        ("invalid type: sequence", "invalid type: list"),
        ("invalid type: map", "invalid type: table"),
        ("invalid value: integer", "invalid value: whole number"),
    ] {
        if let Some(at) = s.find(rust) {
            let end = at + rust.len();
            // Whole words only: `expected u8` but not `expected u8x`.
            if !s[end..].starts_with(|c: char| c.is_alphanumeric()) {
                s.replace_range(at..end, words);
            }
        }
    }
    // `string "veel"` becomes `string `veel``.
    if let Some(at) = s.find("string \"") {
        let open = at + "string ".len();
        if let Some(len) = s[open + 1..].find('"') {
            s.replace_range(open + 1 + len..open + 2 + len, "`");
            s.replace_range(open..open + 1, "`");
        }
    }
    if let Some(at) = s.find("expected struct ") {
        let end = s[at..].find([',', ';']).map_or(s.len(), |e| at + e);
        s.replace_range(at..end, "expected a table");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé\n\nx";
        let ix = LineIndex::new(text.as_bytes());
        assert_eq!(ix.position(0), Position { line: 1, column: 1 });
        assert_eq!(ix.position(2), Position { line: 1, column: 3 });
        assert_eq!(ix.position(3), Position { line: 2, column: 1 });
        // After `cé`: 2 characters, 3 bytes.
        assert_eq!(ix.position(6), Position { line: 2, column: 3 });
        assert_eq!(ix.position(7), Position { line: 3, column: 1 });
        assert_eq!(ix.position(8), Position { line: 4, column: 1 });
        assert_eq!(ix.position(100), Position { line: 4, column: 2 });
    }

    #[test]
    fn many_places_in_one_text_are_found_each_by_a_search() {
        let text: String = (0..50_000).map(|i| format!("k{i} = {i}\n")).collect();
        let ix = LineIndex::new(text.as_bytes());
        let mut offset = 0;
        for (i, line) in text.lines().enumerate() {
            assert_eq!(ix.position(offset + 1), Position { line: i + 1, column: 2 });
            offset += line.len() + 1;
        }
    }

    #[test]
    fn builder_errors_read_like_every_other_list_of_problems() {
        let mut b = crate::DesignBuilder::new("x");
        b.post("a", "A", "medewerker").reports_to("zz");
        let e = b.build().err();
        let shown = e.as_ref().map(ToString::to_string);
        let load = e.map(LoadError::from);
        assert_eq!(load.as_ref().map(ToString::to_string), shown);
        assert_eq!(load.map(|l| l.kind()), Some(ProblemKind::UnknownName));
    }

    #[test]
    fn an_io_error_keeps_its_source_and_shows_as_one_line() {
        let e = LoadError::io("read", Path::new("x.toml"), std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(std::error::Error::source(&e).is_some());
        assert!(e.to_string().starts_with("cannot read `x.toml`: "), "{e}");
        assert_eq!(e.kind(), ProblemKind::Io);
    }
}
