//! The UK government organogram import (data.gov.uk senior/junior CSV pairs).
//!
//! The rules are written out in `docs/uk-organograms.md`; the comments here
//! name them where they are applied.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::table::{self, Table};
use super::{Fault, FaultKind, ImportReport, slug};
use crate::graph::LineTable;
use crate::model::{
    Design, Element, MAX_FTE, MAX_SALARY, Post, PostId, Role, Text, Unit, UnitId, UnitKind, key_problem,
};
use crate::problem::LoadError;

/// The role of a senior post in an imported organogram.
pub const SENIOR_ROLE: &str = "uk-senior-post";
/// The role of a group of junior posts in an imported organogram.
pub const JUNIOR_ROLE: &str = "uk-junior-posts";

/// Counts of what a UK organogram import read and made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UkSummary {
    /// Data rows in the senior file (blank rows not counted).
    pub senior_rows: usize,
    /// Data rows in the junior file (blank rows not counted).
    pub junior_rows: usize,
    /// Rows whose fields are all empty, in both files; they hold nothing to import.
    pub blank_rows: usize,
    /// Rows that could not be read and are not in the design (each is a fault).
    pub unreadable_rows: usize,
    /// The distinct `source_file` values of the senior file (0 when the column is absent).
    pub source_files: usize,
    /// Senior posts in the design.
    pub senior_posts: usize,
    /// Junior posts (one per junior row) in the design.
    pub junior_posts: usize,
    /// Extra rows of job shares merged into their post.
    pub job_share_rows: usize,
    /// Posts left out because every row of them is marked eliminated.
    pub eliminated_posts: usize,
    /// Senior rows marked eliminated (left out, each reported).
    pub eliminated_rows: usize,
    /// Posts whose salary is not disclosed (unknown, not zero).
    pub undisclosed_salaries: usize,
    /// Senior rows without an FTE, counted as 1.0.
    pub fte_not_given: usize,
    /// Units made from Organisation and Unit.
    pub units: usize,
}

/// One post being imported.
struct Draft {
    key: String,
    /// The index of the post's source file (0 when the file is not merged).
    scope: u32,
    reports: String,
    title: String,
    unit: Option<String>,
    /// The Organisation and Unit cells as written, to compare the rows of a job share.
    unit_cells: (String, String),
    fte: f64,
    salary: Option<f64>,
    /// The line the salary was taken from.
    salary_line: usize,
    file: u8,
    line: usize,
}

/// A pay range as published.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pay {
    /// Not disclosed: an end is not a number, or both are 0.
    Unknown,
    /// The midpoint of the range.
    Midpoint(f64),
    /// The floor is above the ceiling.
    Inverted,
    /// An end or the midpoint is above the largest salary harkje accepts
    /// (an end that overflows to infinity included).
    TooLarge,
}

/// Where a post's reference leads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Top,
    Post(usize),
    Missing,
}

/// Imports a UK government organogram: a senior CSV and, optionally, its junior CSV.
///
/// Each input is a pair of a name (used in every fault and error, usually the
/// file's path) and a reader. The result is the design and a report of every
/// fault found, each with its file and line. The rules are in
/// `docs/uk-organograms.md`: posts by "Post Unique Reference" (per
/// `source_file` in merged files), job shares merged, `XX` for top posts,
/// eliminated posts left out, one post per junior row, salaries as midpoints
/// (unknown when not disclosed), and Organisation → Unit as units. No name or
/// contact detail is copied.
///
/// References that lead nowhere cannot be stored in a design: such a post is a
/// top post in the design, and [`ImportReport::line`] and
/// [`ImportReport::measures`] keep the reference dangling.
///
/// # Errors
/// A [`LoadError`] when a file cannot be read, is empty, or lacks a
/// required column. Bad rows are faults in the report, never errors.
///
/// ```
/// let senior = "\"Post Unique Reference\",\"Name\",\"Job Title\",\"Organisation\",\"Unit\",\"Reports to Senior Post\",\"FTE\",\"Actual Pay Floor (£)\",\"Actual Pay Ceiling (£)\"\n\
///               1,N/D,Permanent Secretary,Dept,Office,XX,1,180000,184999\n\
///               2,N/D,Director,Dept,Policy,1,1,N/D,N/D\n";
/// let junior = "\"Reporting Senior Post\",\"Generic Job Title\",\"Organisation\",\"Unit\",\"Number of Posts in FTE\",\"Payscale Minimum (£)\",\"Payscale Maximum (£)\"\n\
///               2,Policy Adviser,Dept,Policy,3.5,30000,40000\n";
/// let (design, report) =
///     harkje::import::read_uk_organogram("Dept", ("senior.csv", senior.as_bytes()), Some(("junior.csv", junior.as_bytes())))?;
/// assert_eq!(design.posts().len(), 3);
/// assert_eq!(report.measures.layers, 3);
/// assert_eq!(report.summary.undisclosed_salaries, 1);
/// assert!(!report.has_faults());
/// # Ok::<(), harkje::problem::LoadError>(())
/// ```
pub fn read_uk_organogram<S: Read, J: Read>(
    design_name: &str,
    senior: (&str, S),
    junior: Option<(&str, J)>,
) -> Result<(Design, ImportReport), LoadError> {
    let (sname, sreader) = senior;
    let sbytes = table::read_all(sname, sreader)?;
    let st = table::parse(sname, &sbytes, b',')?;
    let jt = match junior {
        Some((jname, jreader)) => {
            let jbytes = table::read_all(jname, jreader)?;
            Some((jname, table::parse(jname, &jbytes, b',')?))
        }
        None => None,
    };
    Import::run(design_name, sname, &st, jt.as_ref().map(|(n, t)| (*n, t)))
}

/// Imports a UK organogram from files; see [`read_uk_organogram`]. Faults and errors
/// name the files as given. The design is named after the senior file (its name
/// without `-senior.csv`).
///
/// # Errors
/// A [`LoadError`] when a file cannot be opened or read; see [`read_uk_organogram`].
pub fn from_uk_organogram_files(senior: &Path, junior: Option<&Path>) -> Result<(Design, ImportReport), LoadError> {
    let open = |p: &Path| {
        std::fs::File::open(p).map_err(|e| LoadError::io_in(&p.display().to_string(), "cannot open the file", e))
    };
    let sname = senior.display().to_string();
    let file_name = senior.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let design_name = file_name
        .strip_suffix("-senior.csv")
        .or_else(|| file_name.strip_suffix(".csv"))
        .unwrap_or(&file_name)
        .to_owned();
    let s = open(senior)?;
    match junior {
        Some(j) => {
            let jname = j.display().to_string();
            let jf = open(j)?;
            read_uk_organogram(&design_name, (&sname, s), Some((&jname, jf)))
        }
        None => read_uk_organogram(&design_name, (&sname, s), None::<(&str, std::fs::File)>),
    }
}

/// Whether a Name marks an eliminated post: `Eliminated` with any case, quotes,
/// full stops and spaces, and the misspelling `Elminated` found in the corpus.
fn is_eliminated(name: &str) -> bool {
    let s: String = name.chars().filter(|c| !matches!(c, '\'' | '"' | '.') && !c.is_whitespace()).collect();
    s.eq_ignore_ascii_case("eliminated") || s.eq_ignore_ascii_case("elminated")
}

/// Reads a pay or FTE figure: an optional `£`, thousands separated by commas.
/// `None` for anything else (`N/D`, `N/A`, blank, a grade name, `NaN`); a
/// figure too large for a float (`1e400`, `inf`) is infinite.
fn figure(s: &str) -> Option<f64> {
    let s = s.trim().trim_start_matches('£').trim();
    if s.is_empty() {
        return None;
    }
    let v: f64 = if s.contains(',') { s.replace(',', "").parse().ok()? } else { s.parse().ok()? };
    (!v.is_nan()).then_some(v)
}

/// A finite figure; see [`figure`].
fn number(s: &str) -> Option<f64> {
    figure(s).filter(|v| v.is_finite())
}

/// The midpoint of a pay range; unknown when it is not disclosed (either end
/// not a number, or both ends zero, how withheld pay is published),
/// [`Pay::Inverted`] when the floor is above the ceiling and [`Pay::TooLarge`]
/// when the midpoint is above [`MAX_SALARY`] or an end overflows.
fn midpoint(lo: &str, hi: &str) -> Pay {
    let (Some(lo), Some(hi)) = (figure(lo), figure(hi)) else { return Pay::Unknown };
    if lo < 0.0 || hi < 0.0 || (lo == 0.0 && hi == 0.0) {
        return Pay::Unknown;
    }
    if lo > hi {
        return Pay::Inverted;
    }
    // Halved first, so that two large finite ends cannot overflow.
    let mid = lo / 2.0 + hi / 2.0;
    if !mid.is_finite() || mid > MAX_SALARY {
        return Pay::TooLarge;
    }
    Pay::Midpoint(mid)
}

/// A key the design file accepts: each control character written as its
/// escape (`\u{7}`, `\n`), so keys stay apart and readable.
fn clean_key(key: &str) -> String {
    crate::text::escape_controls(key).into_owned()
}

struct Cols {
    reference: usize,
    reports: usize,
    name: Option<usize>,
    title: Option<usize>,
    grade: Option<usize>,
    org: Option<usize>,
    unit: Option<usize>,
    fte: Option<usize>,
    pay_lo: Option<usize>,
    pay_hi: Option<usize>,
    source: Option<usize>,
}

fn get(row: &table::Row, c: Option<usize>) -> &str {
    c.and_then(|c| row.fields.get(c)).unwrap_or("")
}

struct Import<'a> {
    files: [&'a str; 2],
    faults: Vec<Fault>,
    summary: UkSummary,
    drafts: Vec<Draft>,
    keys: HashSet<String>,
    units: Vec<Unit>,
    /// Every unit key in use.
    unit_keys: HashSet<String>,
    /// The key of each unit by its parent's key and its name as written.
    unit_by_name: HashMap<(Option<String>, String), String>,
    /// For each unit key made from a slug, the next `~n` suffix to try, so
    /// that many names with one slug are keyed in linear time.
    unit_suffix: HashMap<String, usize>,
    /// For each post key that clashed, the next `~n` suffix to try.
    key_suffix: HashMap<String, usize>,
    last_unit: Option<(String, String, Option<String>)>,
}

impl<'a> Import<'a> {
    fn run(
        design_name: &str,
        sname: &'a str,
        st: &Table,
        jt: Option<(&'a str, &Table)>,
    ) -> Result<(Design, ImportReport), LoadError> {
        let mut problems = Vec::new();
        let mut need = |file: &str, t: &Table, name: &str, what: &str| {
            let c = t.column(name);
            if c.is_none() {
                problems.push(table::missing_column(file, t, what, name));
            }
            c.unwrap_or(0)
        };
        let scols = Cols {
            reference: need(sname, st, "Post Unique Reference", "the post's reference"),
            reports: need(sname, st, "Reports to Senior Post", "the post it reports to"),
            name: st.column("Name"),
            title: st.column("Job Title"),
            grade: st.column("Grade (or equivalent)").or_else(|| st.column("Grade")),
            org: st.column("Organisation"),
            unit: st.column("Unit"),
            fte: st.column("FTE"),
            pay_lo: st.column("Actual Pay Floor (£)"),
            pay_hi: st.column("Actual Pay Ceiling (£)"),
            source: st.column("source_file"),
        };
        let jcols = jt.map(|(jname, t)| Cols {
            reference: 0,
            reports: need(jname, t, "Reporting Senior Post", "the senior post the junior posts report to"),
            name: None,
            title: t.column("Generic Job Title"),
            grade: t.column("Grade"),
            org: t.column("Organisation"),
            unit: t.column("Unit"),
            fte: t.column("Number of Posts in FTE"),
            pay_lo: t.column("Payscale Minimum (£)"),
            pay_hi: t.column("Payscale Maximum (£)"),
            source: t.column("source_file"),
        });
        if !problems.is_empty() {
            return Err(super::error(problems));
        }
        let mut im = Import {
            files: [sname, jt.map_or("", |(n, _)| n)],
            faults: Vec::new(),
            summary: UkSummary::default(),
            drafts: Vec::new(),
            keys: HashSet::new(),
            units: Vec::new(),
            unit_keys: HashSet::new(),
            unit_by_name: HashMap::new(),
            unit_suffix: HashMap::new(),
            key_suffix: HashMap::new(),
            last_unit: None,
        };
        im.unreadable(0, st);
        if let Some((_, t)) = jt {
            im.unreadable(1, t);
        }

        // Senior rows with a reference; the scope of a reference is its source
        // file when the file merges more than one.
        let mut senior_rows = Vec::with_capacity(st.rows.len());
        for row in &st.rows {
            if get(row, Some(scols.reference)).trim().is_empty() {
                im.fault(
                    FaultKind::UnreadableRow,
                    0,
                    row.line,
                    String::new(),
                    "the row has no `Post Unique Reference`, so it cannot be a post; it is left out".to_owned(),
                );
                im.summary.unreadable_rows += 1;
            } else {
                senior_rows.push(row);
            }
        }
        im.summary.senior_rows = st.rows.len();
        let mut sources: HashMap<&str, u32> = HashMap::new();
        let mut source_names: Vec<&str> = Vec::new();
        for row in &senior_rows {
            let s = get(row, scols.source);
            if !sources.contains_key(s) {
                sources.insert(s, source_names.len() as u32);
                source_names.push(s);
            }
        }
        let merged = scols.source.is_some() && source_names.len() > 1;
        im.summary.source_files = if scols.source.is_some() { source_names.len() } else { 0 };
        let labels = source_labels(&source_names);
        let scope_of = |row: &table::Row, c: Option<usize>| -> u32 {
            if merged { sources.get(get(row, c)).copied().unwrap_or(u32::MAX) } else { 0 }
        };

        let mut index: HashMap<(u32, &str), usize> = HashMap::with_capacity(senior_rows.len());
        let mut by_ref: HashMap<&str, Vec<usize>> = HashMap::with_capacity(senior_rows.len());
        let mut eliminated: HashMap<(u32, &str), usize> = HashMap::new();
        let mut eliminated_refs: HashSet<&str> = HashSet::new();
        let mut eliminated_rows: Vec<(u32, &str, usize)> = Vec::new();
        for row in &senior_rows {
            let reference = get(row, Some(scols.reference));
            let scope = scope_of(row, scols.source);
            if is_eliminated(get(row, scols.name)) {
                eliminated.entry((scope, reference)).or_insert(row.line);
                eliminated_refs.insert(reference);
                eliminated_rows.push((scope, reference, row.line));
                continue;
            }
            let key = if merged {
                format!("{}:{reference}", labels.get(scope as usize).map_or("", String::as_str))
            } else {
                reference.to_owned()
            };
            let fte = im.fte(0, row, scols.fte, 1.0, &key);
            let salary = im.salary(0, row, (scols.pay_lo, scols.pay_hi), &key);
            let reports = get(row, Some(scols.reports));
            let title = first_non_empty(get(row, scols.title), get(row, scols.grade));
            let (org, unit) = (get(row, scols.org), get(row, scols.unit));
            if let Some(&i) = index.get(&(scope, reference)) {
                // A job share: one post, FTE summed, the first row's line,
                // title and unit kept, the first disclosed pay kept.
                let d = &mut im.drafts[i];
                let summed = d.fte + fte;
                let mut too_much = None;
                if summed > MAX_FTE {
                    too_much = Some(format!(
                        "the FTE of post `{reference}` adds up to {summed} with this row, above {MAX_FTE}, the largest harkje accepts; this row's FTE is left out"
                    ));
                } else {
                    d.fte = summed;
                }
                let mut conflicts = Vec::new();
                if title != d.title {
                    conflicts.push(format!("the title `{title}`, but line {} says `{}`", d.line, d.title));
                }
                if (org, unit) != (d.unit_cells.0.as_str(), d.unit_cells.1.as_str()) {
                    conflicts.push(format!(
                        "the Organisation and Unit `{org}` / `{unit}`, but line {} says `{}` / `{}`",
                        d.line, d.unit_cells.0, d.unit_cells.1
                    ));
                }
                match (d.salary, salary) {
                    (None, Some(_)) => {
                        d.salary = salary;
                        d.salary_line = row.line;
                    }
                    (Some(a), Some(b)) if a != b => {
                        conflicts.push(format!("pay with the midpoint {b}, but line {} gives {a}", d.salary_line));
                    }
                    _ => {}
                }
                let (key, first_line, first_reports) = (d.key.clone(), d.line, d.reports.clone());
                if let Some(m) = too_much {
                    im.fault(FaultKind::UnreadableValue, 0, row.line, format!("posts/{key}"), m);
                }
                for c in conflicts {
                    im.fault(
                        FaultKind::JobShareConflict,
                        0,
                        row.line,
                        format!("posts/{key}"),
                        format!("this row of post `{reference}` has {c}; the first is kept"),
                    );
                }
                im.summary.job_share_rows += 1;
                im.fault(
                    FaultKind::JobShareMerged,
                    0,
                    row.line,
                    format!("posts/{key}"),
                    format!("this row shares post `{reference}` with line {first_line}; the FTE is summed"),
                );
                if reports != first_reports {
                    im.fault(
                        FaultKind::ReportsToConflict,
                        0,
                        row.line,
                        format!("posts/{key}"),
                        format!(
                            "this row of post `{reference}` reports to `{reports}`, but line {first_line} says `{first_reports}`; the first is kept"
                        ),
                    );
                }
                continue;
            }
            let unit_key = im.unit(org, unit);
            let i = im.push(key, scope, reports, title, (unit_key, org, unit), fte, salary, 0, row.line);
            index.insert((scope, reference), i);
            by_ref.entry(reference).or_default().push(i);
        }
        im.summary.senior_posts = im.drafts.len();
        im.summary.eliminated_rows = eliminated_rows.len();
        for (scope, reference, line) in &eliminated_rows {
            if let Some(&i) = index.get(&(*scope, *reference)) {
                let key = im.drafts[i].key.clone();
                im.fault(
                    FaultKind::Eliminated,
                    0,
                    *line,
                    format!("posts/{key}"),
                    format!(
                        "this row marks post `{reference}` eliminated, but other rows keep it; the row is left out"
                    ),
                );
            } else if eliminated.get(&(*scope, *reference)) == Some(line) {
                im.summary.eliminated_posts += 1;
                im.fault(
                    FaultKind::Eliminated,
                    0,
                    *line,
                    String::new(),
                    format!("post `{reference}` is eliminated and left out of the design"),
                );
            } else {
                im.fault(
                    FaultKind::Eliminated,
                    0,
                    *line,
                    String::new(),
                    format!("this row, too, marks post `{reference}` eliminated; it is left out"),
                );
            }
        }

        // Junior rows: one post each.
        if let (Some((_, t)), Some(jc)) = (jt, &jcols) {
            im.summary.junior_rows = t.rows.len();
            for row in &t.rows {
                let key = format!("junior-{}", row.line);
                let scope = scope_of(row, jc.source);
                let fte = im.fte(1, row, jc.fte, 0.0, &key);
                let salary = im.salary(1, row, (jc.pay_lo, jc.pay_hi), &key);
                let title = first_non_empty(get(row, jc.title), get(row, jc.grade));
                let (org, unit) = (get(row, jc.org), get(row, jc.unit));
                let unit_key = im.unit(org, unit);
                let reports = get(row, Some(jc.reports));
                im.push(key, scope, reports, title, (unit_key, org, unit), fte, salary, 1, row.line);
            }
            im.summary.junior_posts = im.drafts.len() - im.summary.senior_posts;
        }
        im.summary.blank_rows = st.blank_rows + jt.map_or(0, |(_, t)| t.blank_rows);

        // The line: `XX` is a top post; a reference resolves in its own source
        // file first, then across the file when exactly one post carries it.
        let mut links = Vec::with_capacity(im.drafts.len());
        let mut line_faults = Vec::new();
        for (i, d) in im.drafts.iter().enumerate() {
            let r = d.reports.as_str();
            let link = if r.eq_ignore_ascii_case("XX") {
                Link::Top
            } else if let Some(&j) = index.get(&(d.scope, r)) {
                Link::Post(j)
            } else {
                match by_ref.get(r).map(Vec::as_slice) {
                    Some([j]) => Link::Post(*j),
                    _ => Link::Missing,
                }
            };
            links.push(link);
            let subject = format!("posts/{}", d.key);
            let (what, verb) = if d.file == 0 { ("post", "reports") } else { ("junior posts", "report") };
            let (kind, message) = match link {
                Link::Post(j) if j == i => (FaultKind::SelfReport, format!("{what} `{}` {verb} to itself", d.key)),
                Link::Top | Link::Post(_) => continue,
                Link::Missing if r.is_empty() => (
                    FaultKind::DanglingReference,
                    format!("{what} `{}` {} no post to report to", d.key, if d.file == 0 { "names" } else { "name" }),
                ),
                Link::Missing if eliminated.contains_key(&(d.scope, r)) || eliminated_refs.contains(r) => {
                    (FaultKind::ReportsToEliminated, format!("{what} `{}` {verb} to `{r}`, which is eliminated", d.key))
                }
                Link::Missing => match by_ref.get(r).map_or(0, Vec::len) {
                    0 => {
                        (FaultKind::DanglingReference, format!("{what} `{}` {verb} to `{r}`, which is no post", d.key))
                    }
                    n => (
                        FaultKind::DanglingReference,
                        format!(
                            "{what} `{}` {verb} to `{r}`, which is not in its source file and is carried by {n} posts in others",
                            d.key
                        ),
                    ),
                },
            };
            line_faults.push(Fault::new(kind, im.files[usize::from(d.file)], d.line, subject, message));
        }
        im.faults.append(&mut line_faults);

        // The import's own line table keeps dangling references.
        // A missing reference that is also a post's key (in another source
        // file) is written with `?` before it until it is no key; each
        // reference is worked out once, so crafted keys cannot make it quadratic.
        let mut missing: HashMap<&str, String> = HashMap::new();
        let mut b = LineTable::builder();
        for (d, link) in im.drafts.iter().zip(&links) {
            let parent = match link {
                Link::Top => None,
                Link::Post(j) => Some(im.drafts[*j].key.clone()),
                Link::Missing => Some(
                    missing
                        .entry(d.reports.as_str())
                        .or_insert_with(|| {
                            let mut k = d.reports.clone();
                            while im.keys.contains(&k) {
                                k.insert(0, '?');
                            }
                            k
                        })
                        .clone(),
                ),
            };
            b.push(&d.key, parent.as_deref(), d.unit.as_deref(), d.fte, d.salary, false);
        }
        let (line, _) = b.finish();
        let measures = crate::measures::compute(&line);
        let at: HashMap<&str, usize> = im.drafts.iter().enumerate().map(|(i, d)| (d.key.as_str(), i)).collect();
        let mut extra = Vec::new();
        for cycle in measures.cycles.iter().filter(|c| c.len() > 1) {
            if let Some(&i) = cycle.first().and_then(|k| at.get(k.as_str())) {
                let d = &im.drafts[i];
                let list = cycle.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                extra.push(Fault::new(
                    FaultKind::Cycle,
                    im.files[usize::from(d.file)],
                    d.line,
                    format!("posts/{}", d.key),
                    format!("posts {list} report to each other in a circle"),
                ));
            }
        }
        let tops = measures.top_posts.len();
        if tops > 1 {
            for k in &measures.top_posts {
                if let Some(&i) = at.get(k.as_str()) {
                    let d = &im.drafts[i];
                    extra.push(Fault::new(
                        FaultKind::SeveralTopPosts,
                        im.files[usize::from(d.file)],
                        d.line,
                        format!("posts/{k}"),
                        format!("post `{k}` is one of {tops} top posts (`XX`)"),
                    ));
                }
            }
        }
        drop(at);
        im.faults.append(&mut extra);
        im.summary.undisclosed_salaries = im.drafts.iter().filter(|d| d.salary.is_none()).count();
        im.summary.units = im.units.len();

        let design = im.design(design_name, &links);
        let mut faults = im.faults;
        faults.sort();
        let report = ImportReport { faults, summary: im.summary, measures, line };
        Ok((design, report))
    }

    fn fault(&mut self, kind: FaultKind, file: u8, line: usize, subject: String, message: String) {
        self.faults.push(Fault::new(kind, self.files[usize::from(file)], line, subject, message));
    }

    fn unreadable(&mut self, file: u8, t: &Table) {
        for b in &t.bad {
            let message = format!("{}; the row is left out", b.message);
            self.fault(FaultKind::UnreadableRow, file, b.line, String::new(), message);
            self.summary.unreadable_rows += 1;
        }
    }

    /// The FTE of a row: `default` (counted) when blank, `default` with a fault when unreadable.
    fn fte(&mut self, file: u8, row: &table::Row, c: Option<usize>, default: f64, key: &str) -> f64 {
        let s = get(row, c);
        if s.is_empty() {
            if file == 0 {
                self.summary.fte_not_given += 1;
            } else {
                self.fault(
                    FaultKind::UnreadableValue,
                    file,
                    row.line,
                    format!("posts/{key}"),
                    format!("the FTE is blank; {default} is used"),
                );
            }
            return default;
        }
        match number(s) {
            Some(v) if (0.0..=MAX_FTE).contains(&v) => v,
            Some(v) if v > MAX_FTE => {
                self.fault(
                    FaultKind::UnreadableValue,
                    file,
                    row.line,
                    format!("posts/{key}"),
                    format!("the FTE `{s}` is above {MAX_FTE}, the largest harkje accepts; {default} is used"),
                );
                default
            }
            _ => {
                self.fault(
                    FaultKind::UnreadableValue,
                    file,
                    row.line,
                    format!("posts/{key}"),
                    format!("the FTE `{s}` is not a number of zero or more; {default} is used"),
                );
                default
            }
        }
    }

    /// The key of the unit for Organisation and Unit, made on first sight.
    fn unit(&mut self, org: &str, unit: &str) -> Option<String> {
        // Rows come grouped by unit: the last answer is usually the right one.
        if let Some((o, u, k)) = &self.last_unit
            && o == org
            && u == unit
        {
            return k.clone();
        }
        let k = self.make_unit(org, unit);
        self.last_unit = Some((org.to_owned(), unit.to_owned(), k.clone()));
        k
    }

    /// The units for Organisation and Unit: the Organisation a unit, the Unit a
    /// unit inside it. Blank cells make no unit.
    fn make_unit(&mut self, org: &str, unit: &str) -> Option<String> {
        let org_key = if org.is_empty() { None } else { Some(self.unit_key(None, org)) };
        if unit.is_empty() {
            return org_key;
        }
        Some(self.unit_key(org_key, unit))
    }

    /// The key of the unit `name` inside `parent`, made on first sight: the
    /// parent's key, `/` and the name as a slug. Names are told apart exactly as
    /// written, so two names with one slug (`Finance & HR`, `FINANCE-HR`) are
    /// two units, the second keyed `…/finance-hr~2`; a name without letters or
    /// digits is keyed `unit`.
    fn unit_key(&mut self, parent: Option<String>, name: &str) -> String {
        let id = (parent, name.to_owned());
        if let Some(k) = self.unit_by_name.get(&id) {
            return k.clone();
        }
        let s = slug(name);
        let s = if s.is_empty() { "unit".to_owned() } else { s };
        let base = match &id.0 {
            Some(p) => format!("{p}/{s}"),
            None => s,
        };
        // A slug holds no `~`, so `base~n` is only ever made here, from `base`:
        // the next free suffix is remembered, not searched from 2.
        let mut key = base.clone();
        if self.unit_keys.contains(&key) {
            let n = self.unit_suffix.entry(base.clone()).or_insert(2);
            loop {
                key = format!("{base}~{n}");
                *n += 1;
                if !self.unit_keys.contains(&key) {
                    break;
                }
            }
        }
        let mut u = Unit::new(key.clone(), name, UnitKind::Eenheid);
        u.parent = id.0.as_deref().map(UnitId::from_key);
        self.units.push(u);
        self.unit_keys.insert(key.clone());
        self.unit_by_name.insert(id, key.clone());
        key
    }

    /// The salary of a row: the midpoint of its pay range, unknown when not
    /// disclosed, and unknown with a fault when the floor is above the ceiling.
    fn salary(&mut self, file: u8, row: &table::Row, c: (Option<usize>, Option<usize>), key: &str) -> Option<f64> {
        let (lo, hi) = (get(row, c.0), get(row, c.1));
        match midpoint(lo, hi) {
            Pay::Midpoint(v) => Some(v),
            Pay::Unknown => None,
            Pay::Inverted => {
                let what = if file == 0 { "pay floor" } else { "payscale minimum" };
                let other = if file == 0 { "ceiling" } else { "maximum" };
                self.fault(
                    FaultKind::UnreadableValue,
                    file,
                    row.line,
                    format!("posts/{key}"),
                    format!("the {what} `{lo}` is above the {other} `{hi}`; the salary is unknown"),
                );
                None
            }
            Pay::TooLarge => {
                let what = if file == 0 { "pay range" } else { "payscale" };
                self.fault(
                    FaultKind::UnreadableValue,
                    file,
                    row.line,
                    format!("posts/{key}"),
                    format!(
                        "the {what} `{lo}` to `{hi}` has a midpoint above {MAX_SALARY}, the largest salary harkje accepts; the salary is unknown"
                    ),
                );
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        key: String,
        scope: u32,
        reports: &str,
        title: &str,
        unit: (Option<String>, &str, &str),
        fte: f64,
        salary: Option<f64>,
        file: u8,
        line: usize,
    ) -> usize {
        // A key the design file would refuse (a control character in a
        // reference or a source file's name) is written with escapes.
        let mut key = key;
        if key_problem(&key).is_some() {
            let clean = clean_key(&key);
            self.fault(
                FaultKind::UnreadableValue,
                file,
                line,
                format!("posts/{clean}"),
                format!("the reference `{clean}` holds a control character; the post is keyed with it escaped"),
            );
            key = clean;
        }
        // Keys are unique by construction; a clash (a reference that looks like
        // `junior-7`) gets a suffix rather than overwriting a post.
        if self.keys.contains(&key) {
            let base = key.clone();
            let n = self.key_suffix.entry(base.clone()).or_insert(2);
            loop {
                key = format!("{base}~{n}");
                *n += 1;
                if !self.keys.contains(&key) {
                    break;
                }
            }
        }
        self.keys.insert(key.clone());
        self.drafts.push(Draft {
            key,
            scope,
            reports: reports.to_owned(),
            title: title.to_owned(),
            unit: unit.0,
            unit_cells: (unit.1.to_owned(), unit.2.to_owned()),
            fte,
            salary,
            salary_line: line,
            file,
            line,
        });
        self.drafts.len() - 1
    }

    fn design(&self, name: &str, links: &[Link]) -> Design {
        let mut design = Design::new(name);
        design.insert_unchecked(Element::Role(Role::new(
            SENIOR_ROLE,
            "senior post",
            "a senior post of a UK government organogram",
        )));
        design.insert_unchecked(Element::Role(Role::new(
            JUNIOR_ROLE,
            "junior posts",
            "a group of junior posts of one grade and title under a senior post",
        )));
        // Ids are name-based hashes: derive each once.
        let unit_ids: HashMap<&str, UnitId> = self.units.iter().map(|u| (u.key.as_str(), u.id)).collect();
        design.insert_units_unchecked(self.units.clone());
        let post_ids: Vec<PostId> = self.drafts.iter().map(|d| PostId::from_key(&d.key)).collect();
        for ((d, link), id) in self.drafts.iter().zip(links).zip(&post_ids) {
            let role = if d.file == 0 { SENIOR_ROLE } else { JUNIOR_ROLE };
            let p = Post {
                id: *id,
                key: Text::from(&d.key),
                title: Text::from(&d.title),
                role: Text::from(role),
                function: None,
                fte: d.fte,
                scale: None,
                salary: d.salary,
                unit: d.unit.as_deref().and_then(|k| unit_ids.get(k).copied()),
                reports_to: match link {
                    Link::Post(j) => post_ids.get(*j).copied(),
                    Link::Top | Link::Missing => None,
                },
                accountable_to: None,
                temporary: false,
                independent: false,
                valid: crate::model::Period::ALWAYS,
                dated: None,
            };
            design.insert_unchecked(Element::Post(p));
        }
        design
    }
}

fn first_non_empty<'s>(a: &'s str, b: &'s str) -> &'s str {
    if a.is_empty() { b } else { a }
}

/// Short labels for source files, used in post keys of merged files: the file
/// name without directory and extension, or the whole value when two files
/// share a name.
fn source_labels(sources: &[&str]) -> Vec<String> {
    let stem = |s: &str| {
        let name = s.rsplit(['/', '\\']).next().unwrap_or(s);
        let name = name.rsplit_once('.').map_or(name, |(a, _)| a);
        if name.is_empty() { "source".to_owned() } else { name.to_owned() }
    };
    let stems: Vec<String> = sources.iter().map(|s| stem(s)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &stems {
        *count.entry(s.as_str()).or_insert(0) += 1;
    }
    stems
        .iter()
        .zip(sources)
        .map(|(st, full)| if count.get(st.as_str()) == Some(&1) { st.clone() } else { (*full).to_owned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eliminated_variants() {
        for n in ["Eliminated", "'Eliminated'", "Eliminated.", "ELIMINATED", "Elminated", " eliminated' "] {
            assert!(is_eliminated(n), "{n}");
        }
        for n in ["N/D", "Vacant", "", "Named person"] {
            assert!(!is_eliminated(n), "{n}");
        }
    }

    #[test]
    fn numbers_and_midpoints() {
        assert_eq!(number("£1,234.5"), Some(1234.5));
        assert_eq!(number("N/D"), None);
        assert_eq!(number("band-2"), None);
        assert_eq!(midpoint("60000", "64999"), Pay::Midpoint(62499.5));
        assert_eq!(midpoint("70000", "70000"), Pay::Midpoint(70000.0));
        assert_eq!(midpoint("0", "0"), Pay::Unknown);
        assert_eq!(midpoint("N/A", "50000"), Pay::Unknown);
        assert_eq!(midpoint("", ""), Pay::Unknown);
        assert_eq!(midpoint("65000", "60000"), Pay::Inverted);
    }

    #[test]
    fn labels_fall_back_to_the_full_value_on_a_clash() {
        let l = source_labels(&["/a/x.xls", "/b/x.xls", "/c/y.csv"]);
        assert_eq!(l, vec!["/a/x.xls", "/b/x.xls", "y"]);
    }
}
