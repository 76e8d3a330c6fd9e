//! Importing designs from outside data: UK government organograms and HR exports.
//!
//! Two importers turn CSV files into a [`Design`](crate::Design):
//!
//! - [`read_uk_organogram`] reads a senior/junior pair in the data.gov.uk organogram
//!   format. Real open data has faults (self-reports, references to missing
//!   posts, job shares, several top posts); the import keeps going and lists
//!   them in an [`ImportReport`], each with its file and line.
//! - [`read_hr_csv`] reads one HR export whose columns a [`Mapping`] names. An HR
//!   export is the source of truth for a municipality, so every bad row is an
//!   error naming its line and column, and no design is made until all rows
//!   are good.
//!
//! Both return a [`LoadError`] (every problem, each with file, line and
//! column) when the input cannot be read: a missing file, wrong headers, an
//! empty file.

mod hr;
mod table;
mod uk;

use std::fmt;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::problem::{LoadError, Problem};

pub use hr::{Columns, Mapping, PersonColumns, from_hr_csv_file, read_hr_csv};
pub use uk::{JUNIOR_ROLE, SENIOR_ROLE, UkSummary, from_uk_organogram_files, read_uk_organogram};

/// The error of an import: every problem, each naming its file, sorted by file and place.
pub(crate) fn error(problems: Vec<Problem>) -> LoadError {
    LoadError::about("the import", problems)
}

/// An import error with one problem in `file` at a line and column (either may be 0).
pub(crate) fn single(file: &str, line: usize, column: usize, message: String) -> LoadError {
    error(vec![Problem::in_file(file, line, column, message)])
}

/// The kind of a fault an import found in its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FaultKind {
    /// A row that could not be read (wrong number of fields, bytes that are
    /// not UTF-8, no post reference); it is not in the design.
    UnreadableRow,
    /// A value that could not be read, such as an FTE that is not a number or a
    /// pay floor above its ceiling; the row was imported with the default named
    /// in the message.
    UnreadableValue,
    /// A post that reports to itself.
    SelfReport,
    /// Posts whose reporting line runs in a circle (two posts or more).
    Cycle,
    /// A post that reports to a post that does not exist.
    DanglingReference,
    /// A post that reports to an eliminated post.
    ReportsToEliminated,
    /// One of several top posts.
    SeveralTopPosts,
    /// Rows of a job share merged into one post.
    JobShareMerged,
    /// Rows of one post that disagree on the post it reports to; the first row wins.
    ReportsToConflict,
    /// Rows of one post (a job share) that disagree on its title, unit or pay;
    /// the first row's value is kept.
    JobShareConflict,
    /// An eliminated post, left out of the design.
    Eliminated,
}

impl FaultKind {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::UnreadableRow => "unreadable-row",
            FaultKind::UnreadableValue => "unreadable-value",
            FaultKind::SelfReport => "self-report",
            FaultKind::Cycle => "cycle",
            FaultKind::DanglingReference => "dangling-reference",
            FaultKind::ReportsToEliminated => "reports-to-eliminated",
            FaultKind::SeveralTopPosts => "several-top-posts",
            FaultKind::JobShareMerged => "job-share-merged",
            FaultKind::ReportsToConflict => "reports-to-conflict",
            FaultKind::JobShareConflict => "job-share-conflict",
            FaultKind::Eliminated => "eliminated",
        }
    }

    /// How serious a fault of this kind is. Merged job shares and eliminated
    /// posts are information: the data says what it means. The rest are warnings,
    /// except unreadable rows, which lose data and are errors.
    pub fn severity(self) -> Severity {
        match self {
            FaultKind::JobShareMerged | FaultKind::Eliminated => Severity::Info,
            FaultKind::UnreadableRow => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fault found in the input of an import, with its place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Fault {
    /// The file, as it was named to the import.
    pub file: String,
    /// The line of the row, from 1.
    pub line: usize,
    /// What kind of fault.
    pub kind: FaultKind,
    /// How serious it is (see [`FaultKind::severity`]).
    pub severity: Severity,
    /// The post concerned, as a path such as `posts/141691`; empty for a row that made no post.
    pub subject: String,
    /// What was found, in plain words.
    pub message: String,
}

impl Fault {
    pub(crate) fn new(kind: FaultKind, file: &str, line: usize, subject: String, message: String) -> Self {
        Fault { file: file.to_owned(), line, kind, severity: kind.severity(), subject, message }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}[{}]: {}", self.file, self.line, self.severity, self.kind, self.message)
    }
}

/// What an import found: its faults, counts and the measures of the imported line.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ImportReport {
    /// Every fault, sorted by file, line and kind.
    pub faults: Vec<Fault>,
    /// Counts of what was read and made.
    pub summary: UkSummary,
    /// The measures of the imported line, computed on [`ImportReport::line`], where
    /// a reference that could not be resolved stays dangling.
    pub measures: crate::measures::Measures,
    /// The imported line, with dangling references kept (the design cannot hold them).
    #[serde(skip)]
    pub line: crate::graph::LineTable,
}

impl ImportReport {
    /// Whether a fault of warning or error severity was found.
    pub fn has_faults(&self) -> bool {
        self.faults.iter().any(|f| f.severity >= Severity::Warning)
    }

    /// The number of faults of each kind.
    pub fn counts(&self) -> std::collections::BTreeMap<FaultKind, usize> {
        let mut m = std::collections::BTreeMap::new();
        for f in &self.faults {
            *m.entry(f.kind).or_insert(0) += 1;
        }
        m
    }
}

/// A readable, stable key made from a name: lowercase letters and digits with
/// single hyphens between words. Empty when the name has no letters or digits.
pub(crate) fn slug(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    s
}
