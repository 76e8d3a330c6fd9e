//! The HR CSV import: one export, its columns named by a TOML mapping.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::table::{self, Encoding, Row, Table};
use crate::model::{BuildError, Design, DesignBuilder, EditError, ElementKind, UnitKind, builtin_role};
use crate::problem::toml::TomlDoc;
use crate::problem::{LoadError, Problem, ProblemKind};

/// Which columns of an HR export hold what. Read from TOML with [`Mapping::from_toml`].
///
/// ```toml
/// name = "Gemeente Voorbeeld"      # the design's name (default: the file name)
/// separator = ";"                  # `,`, `;` or `tab`; found from the header when absent
/// unit_separator = "/"             # splits `columns.unit_path`
/// default_role = "medewerker"      # for rows without a role
/// decimal = ","                    # `,` or `.`: the decimal separator of numbers
/// encoding = "auto"                # `utf-8`, `windows-1252` or `auto` (the default)
///
/// [columns]
/// post = "Formatieplaats"          # required: the post key
/// title = "Functienaam"
/// unit_path = "Organisatiepad"     # or `unit = "Afdeling"` for a flat unit name
/// reports_to = "Leidinggevende formatieplaats"
/// fte = "Formatie fte"
/// scale = "Schaal"
/// salary = "Salaris"
/// role = "Rol"
///
/// [person]                         # optional: the appointment on the row
/// key = "Personeelsnummer"
/// name = "Naam"
/// birth_date = "Geboortedatum"
/// service_start = "Datum in dienst"
/// fte = "Fte aanstelling"
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The design's name; the CSV file's name when absent.
    pub name: Option<String>,
    /// The field separator: `,`, `;` or `tab`. When absent, the most frequent
    /// of the three in the header line.
    pub separator: Option<String>,
    /// The separator between the levels of `columns.unit_path`; `/` when absent.
    pub unit_separator: Option<String>,
    /// The role of posts whose row has no role; `medewerker` when absent.
    pub default_role: Option<String>,
    /// The character encoding of the CSV: `utf-8`, `windows-1252` or `auto`
    /// (the default). A byte-order mark decides first: UTF-8, or UTF-16 (little or
    /// big endian). Without one, `auto` reads UTF-8 when the bytes are UTF-8,
    /// and Windows-1252 (what Excel on Windows writes as "CSV") when they are
    /// not UTF-8 and hold no UTF-8 character beyond ASCII; a file with both is
    /// a damaged UTF-8 file, and its bad bytes are errors by row. `utf-8`
    /// never falls back; `windows-1252` reads every byte as Windows-1252.
    pub encoding: Option<String>,
    /// The decimal separator of numbers: `,` (Dutch: `118.500,50`) or `.`
    /// (English: `118,500.50`). The other one may then separate thousands in
    /// groups of three. When absent, each number is read by its own look, and a
    /// number whose one separator is followed by exactly three digits (`118.500`,
    /// `61,800`) is an error, since it could be either.
    pub decimal: Option<String>,
    /// The post columns.
    pub columns: Columns,
    /// The person columns of an appointment, if the export has them.
    pub person: Option<PersonColumns>,
}

/// The post columns of a [`Mapping`]. Only `post` is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// The post key (formatieplaatsnummer).
    pub post: String,
    /// The post's title; the key when absent.
    pub title: Option<String>,
    /// The unit's name; the unit's key is the name.
    pub unit: Option<String>,
    /// The unit as a path from the top, such as `Gemeente/Sociaal domein/Team Wmo`.
    pub unit_path: Option<String>,
    /// The key of the post this one reports to; empty for a top post.
    pub reports_to: Option<String>,
    /// The establishment in FTE; 1.0 when absent or empty.
    pub fte: Option<String>,
    /// The salary scale (a whole number).
    pub scale: Option<String>,
    /// The annual full-time salary.
    pub salary: Option<String>,
    /// The role key: a built-in role such as `teammanager`.
    pub role: Option<String>,
}

/// The person columns of a [`Mapping`]: who holds the post on the row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonColumns {
    /// The person key (employee number); an empty cell means the post is vacant.
    pub key: String,
    /// The person's name: personal data, copied only when mapped.
    pub name: Option<String>,
    /// The birth date: personal data, copied only when mapped.
    pub birth_date: Option<String>,
    /// The first day of service.
    pub service_start: Option<String>,
    /// The FTE the person holds the post for; the post's FTE when absent or empty.
    pub fte: Option<String>,
}

impl Mapping {
    /// Reads a mapping from TOML. `file` names it in errors.
    ///
    /// # Errors
    /// A [`LoadError`] listing every problem with its line and column: TOML
    /// syntax, an unknown key (with the accepted keys), a value of the wrong
    /// type, a bad separator or decimal mark (with the accepted ones), an
    /// empty unit separator, an unknown default role.
    pub fn from_toml(file: &str, text: &str) -> Result<Mapping, LoadError> {
        let doc = TomlDoc::new(text.as_bytes(), file)?;
        let m: Mapping = doc.parse()?;
        let mut problems = Vec::new();
        let mut bad = |keys: &[&str], kind: ProblemKind, message: String| {
            let pos = doc.span_of(keys).map(|s| doc.position(s.start)).unwrap_or_default();
            problems.push(Problem::at("", pos, message).kind(kind));
        };
        if let Some(s) = &m.separator
            && separator_byte(s).is_none()
        {
            bad(&["separator"], ProblemKind::UnknownName, format!("`separator` is `{s}`; expected `,`, `;` or `tab`"));
        }
        if let Some(e) = &m.encoding
            && Encoding::from_setting(e).is_none()
        {
            bad(
                &["encoding"],
                ProblemKind::UnknownName,
                format!("`encoding` is `{e}`; expected `utf-8`, `windows-1252` or `auto`"),
            );
        }
        if let Some(d) = &m.decimal
            && Decimal::from_setting(d).is_none()
        {
            bad(&["decimal"], ProblemKind::UnknownName, format!("`decimal` is `{d}`; expected `,` or `.`"));
        }
        if m.unit_separator.as_deref() == Some("") {
            bad(
                &["unit_separator"],
                ProblemKind::Invalid,
                "`unit_separator` is empty; give the text between unit names in a path, such as `/`".to_owned(),
            );
        }
        if m.columns.unit.is_some() && m.columns.unit_path.is_some() {
            bad(
                &["columns", "unit_path"],
                ProblemKind::Invalid,
                "`columns.unit` and `columns.unit_path` are both set; name one".to_owned(),
            );
        }
        if let Some(r) = &m.default_role
            && builtin_role(r).is_none()
        {
            bad(
                &["default_role"],
                ProblemKind::UnknownName,
                format!("`default_role` is `{r}`, which is not a built-in role"),
            );
        }
        if problems.is_empty() { Ok(m) } else { Err(doc.error(problems)) }
    }
}

fn separator_byte(s: &str) -> Option<u8> {
    match s {
        "," => Some(b','),
        ";" => Some(b';'),
        "tab" | "\t" => Some(b'\t'),
        _ => None,
    }
}

/// Imports an HR export with a mapping. `file` names the CSV in errors.
///
/// A byte-order mark is skipped, the separator is found from the header unless
/// the mapping names it, and numbers may use a decimal comma (`0,8`, `4.321,50`).
/// Set [`Mapping::decimal`] when a number can be read two ways: without it,
/// `118.500` is an error, never silently 118.5.
/// Rows that share a post key are one post (with one appointment per row) and
/// must agree on the post's columns. Units get the kind `eenheid`; with
/// `unit_path`, each level is a unit inside the one before, keyed by its path.
/// Every bad row is an error naming its line and column; no row is skipped.
///
/// # Errors
/// A [`LoadError`] with every problem: a mapped column missing from the
/// header (naming the headers found), a bad value, an unknown role, a
/// reference to a post not in the file, or a cycle in the line.
///
/// ```
/// use harkje::import::{Mapping, read_hr_csv};
///
/// let mapping = Mapping::from_toml("mapping.toml", r#"
///     [columns]
///     post = "Plaats"
///     reports_to = "Chef"
///     fte = "Fte"
/// "#)?;
/// let csv = "\u{feff}Plaats;Chef;Fte\ngs;;1\nhoofd;gs;0,8\n";
/// let design = read_hr_csv(&mapping, "export.csv", csv.as_bytes())?;
/// assert_eq!(design.post_by_key("hoofd").map(|p| p.fte), Some(0.8));
/// # Ok::<(), harkje::problem::LoadError>(())
/// ```
pub fn read_hr_csv(mapping: &Mapping, file: &str, reader: impl Read) -> Result<Design, LoadError> {
    let raw = table::read_all(file, reader)?;
    let encoding = mapping.encoding.as_deref().and_then(Encoding::from_setting).unwrap_or_default();
    let bytes = table::decode(file, &raw, encoding)?;
    let sep = match &mapping.separator {
        Some(s) => separator_byte(s).unwrap_or(b','),
        None => table::detect_separator(&bytes),
    };
    let t = table::parse(file, &bytes, sep)?;
    Hr::new(mapping, file, &t)?.run()
}

/// Imports an HR export from files: the CSV and its TOML mapping. See
/// [`read_hr_csv`]. When the mapping names no design, the design is named
/// after the CSV file.
///
/// # Errors
/// A [`LoadError`] of kind [`ProblemKind::Io`](crate::problem::ProblemKind::Io)
/// naming the file when a file cannot be read, a problem of the mapping, or
/// what [`read_hr_csv`] reports.
pub fn from_hr_csv_file(csv: impl AsRef<Path>, mapping: impl AsRef<Path>) -> Result<Design, LoadError> {
    let (csv, mapping) = (csv.as_ref(), mapping.as_ref());
    let mname = mapping.display().to_string();
    let text = std::fs::read_to_string(mapping).map_err(|e| LoadError::io_in(&mname, "cannot read the mapping", e))?;
    let mut m = Mapping::from_toml(&mname, &text)?;
    if m.name.is_none() {
        m.name = csv.file_stem().map(|s| s.to_string_lossy().into_owned());
    }
    let cname = csv.display().to_string();
    let f = std::fs::File::open(csv).map_err(|e| LoadError::io_in(&cname, "cannot open the file", e))?;
    read_hr_csv(&m, &cname, f)
}

/// Column indexes of the mapped columns.
struct Cols {
    post: usize,
    title: Option<usize>,
    unit: Option<usize>,
    unit_path: Option<usize>,
    reports_to: Option<usize>,
    fte: Option<usize>,
    scale: Option<usize>,
    salary: Option<usize>,
    role: Option<usize>,
    person: Option<usize>,
    name: Option<usize>,
    birth_date: Option<usize>,
    service_start: Option<usize>,
    appointment_fte: Option<usize>,
}

/// The post columns of one row, compared between rows of the same post.
#[derive(Clone, PartialEq)]
struct PostRow {
    title: String,
    unit: Vec<String>,
    reports_to: String,
    fte: f64,
    scale: Option<u8>,
    salary: Option<f64>,
    role: String,
}

#[derive(Clone, PartialEq)]
struct PersonRow {
    name: Option<String>,
    birth_date: Option<Date>,
    service_start: Option<Date>,
}

struct Hr<'a> {
    mapping: &'a Mapping,
    file: &'a str,
    t: &'a Table,
    c: Cols,
    decimal: Decimal,
    problems: Vec<Problem>,
}

impl<'a> Hr<'a> {
    fn new(mapping: &'a Mapping, file: &'a str, t: &'a Table) -> Result<Self, LoadError> {
        let mut problems = Vec::new();
        let mut col = |what: &str, name: Option<&String>| -> Option<usize> {
            let name = name?;
            let found = t.columns_named(name);
            if let [first, second, ..] = found.as_slice() {
                problems.push(Problem {
                    file: Some(file.to_owned()),
                    line: 1,
                    column: second + 1,
                    message: format!(
                        "the mapping names column `{name}` for {what}, but the header has it twice, as columns {} and {}; rename one of them",
                        first + 1,
                        second + 1
                    ),
                    ..Problem::default()
                });
                return None;
            }
            let c = found.first().copied();
            if c.is_none() {
                problems.push(Problem {
                    file: Some(file.to_owned()),
                    line: 1,
                    column: 0,
                    message: format!(
                        "the mapping names column `{name}` for {what}, but the header has no such column; the columns found are {}",
                        t.header_list()
                    ),
                    ..Problem::default()
                });
            }
            c
        };
        let m = &mapping.columns;
        let p = mapping.person.as_ref();
        let c = Cols {
            post: col("`columns.post`", Some(&m.post)).unwrap_or(0),
            title: col("`columns.title`", m.title.as_ref()),
            unit: col("`columns.unit`", m.unit.as_ref()),
            unit_path: col("`columns.unit_path`", m.unit_path.as_ref()),
            reports_to: col("`columns.reports_to`", m.reports_to.as_ref()),
            fte: col("`columns.fte`", m.fte.as_ref()),
            scale: col("`columns.scale`", m.scale.as_ref()),
            salary: col("`columns.salary`", m.salary.as_ref()),
            role: col("`columns.role`", m.role.as_ref()),
            person: col("`person.key`", p.map(|p| &p.key)),
            name: col("`person.name`", p.and_then(|p| p.name.as_ref())),
            birth_date: col("`person.birth_date`", p.and_then(|p| p.birth_date.as_ref())),
            service_start: col("`person.service_start`", p.and_then(|p| p.service_start.as_ref())),
            appointment_fte: col("`person.fte`", p.and_then(|p| p.fte.as_ref())),
        };
        if !problems.is_empty() {
            return Err(super::error(problems));
        }
        let decimal = mapping.decimal.as_deref().and_then(Decimal::from_setting).unwrap_or(Decimal::Auto);
        Ok(Hr { mapping, file, t, c, decimal, problems })
    }

    fn problem(&mut self, line: usize, column: Option<usize>, message: String) {
        self.problems.push(Problem {
            file: Some(self.file.to_owned()),
            line,
            column: column.map_or(0, |c| c + 1),
            message,
            ..Problem::default()
        });
    }

    fn header(&self, c: usize) -> &str {
        self.t.headers.get(c).map_or("", String::as_str)
    }

    fn run(mut self) -> Result<Design, LoadError> {
        for b in &self.t.bad {
            self.problems.push(Problem {
                file: Some(self.file.to_owned()),
                line: b.line,
                column: b.column,
                message: b.message.clone(),
                ..Problem::default()
            });
        }
        if self.t.rows.is_empty() && self.t.bad.is_empty() {
            self.problem(1, None, "the file has a header but no rows".to_owned());
        }
        let unit_sep = self.mapping.unit_separator.clone().unwrap_or_else(|| "/".to_owned());
        let default_role = self.mapping.default_role.clone().unwrap_or_else(|| "medewerker".to_owned());
        // Posts in file order, with the line of their first row.
        let mut posts: Vec<(String, usize, PostRow)> = Vec::new();
        let mut post_index: HashMap<String, usize> = HashMap::new();
        // Posts whose rows all had problems: reported once, not again as missing.
        let mut bad_posts: HashSet<String> = HashSet::new();
        let mut people: Vec<(String, usize, PersonRow)> = Vec::new();
        let mut person_index: HashMap<String, usize> = HashMap::new();
        let mut appointments: Vec<(String, String, f64, usize)> = Vec::new();
        let mut seen_appointments: HashMap<(String, String), usize> = HashMap::new();
        let t = self.t;
        for row in &t.rows {
            let before = self.problems.len();
            let key = self.text(row, Some(self.c.post));
            if key.is_empty() {
                let h = self.header(self.c.post).to_owned();
                self.problem(row.line, Some(self.c.post), format!("the post key `{h}` is empty"));
                continue;
            }
            let unit = match (self.c.unit, self.c.unit_path) {
                (Some(c), _) => {
                    let u = self.text(row, Some(c));
                    if u.is_empty() { Vec::new() } else { vec![u] }
                }
                (None, Some(c)) => self
                    .text(row, Some(c))
                    .split(unit_sep.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                (None, None) => Vec::new(),
            };
            let title = self.text(row, self.c.title);
            let fte = self.number(row, self.c.fte).unwrap_or(1.0);
            let salary = self.number(row, self.c.salary);
            let scale = self.scale(row);
            // `Teammanager` and `team manager` are written `teammanager` by HR
            // systems as often as not: compare lowercase, spaces as hyphens.
            let role = match self.text(row, self.c.role) {
                r if r.is_empty() => default_role.clone(),
                r if builtin_role(&r).is_some() => r,
                r if builtin_role(&role_key(&r)).is_some() => role_key(&r),
                r if builtin_role(&role_key(&r).replace('-', "")).is_some() => role_key(&r).replace('-', ""),
                r => {
                    let h = self.header(self.c.role.unwrap_or(0)).to_owned();
                    self.problem(
                        row.line,
                        self.c.role,
                        format!("`{h}` is `{r}`, which is not a built-in role such as `medewerker` or `teammanager`"),
                    );
                    r
                }
            };
            let pr = PostRow {
                title: if title.is_empty() { key.clone() } else { title },
                unit,
                reports_to: self.text(row, self.c.reports_to),
                fte,
                scale,
                salary,
                role,
            };
            if let Some(&i) = post_index.get(&key) {
                let (_, first, old) = &posts[i];
                let first = *first;
                if let Some((what, col)) = differ(old, &pr, &self.c) {
                    let h = self.header(col).to_owned();
                    self.problem(
                        row.line,
                        Some(col),
                        format!("post `{key}` is also on line {first}, with another {what} (column `{h}`)"),
                    );
                }
            } else if self.problems.len() == before {
                post_index.insert(key.clone(), posts.len());
                posts.push((key.clone(), row.line, pr));
                bad_posts.remove(&key);
            } else {
                bad_posts.insert(key.clone());
            }
            // The appointment on the row, if any.
            if let Some(pc) = self.c.person {
                let pkey = self.text(row, Some(pc));
                if pkey.is_empty() {
                    continue;
                }
                let person = PersonRow {
                    name: Some(self.text(row, self.c.name)).filter(|s| !s.is_empty()),
                    birth_date: self.date(row, self.c.birth_date),
                    service_start: self.date(row, self.c.service_start),
                };
                let afte = self.number(row, self.c.appointment_fte).unwrap_or(fte);
                if let Some(&i) = person_index.get(&pkey) {
                    if people[i].2 != person {
                        let first = people[i].1;
                        self.problem(
                            row.line,
                            Some(pc),
                            format!("person `{pkey}` is also on line {first}, with another name or dates"),
                        );
                    }
                } else {
                    person_index.insert(pkey.clone(), people.len());
                    people.push((pkey.clone(), row.line, person));
                }
                if let Some(first) = seen_appointments.insert((pkey.clone(), key.clone()), row.line) {
                    self.problem(
                        row.line,
                        Some(pc),
                        format!("person `{pkey}` holds post `{key}` on line {first} already"),
                    );
                } else {
                    appointments.push((pkey, key, afte, row.line));
                }
            }
        }
        self.check_line(&posts, &post_index, &bad_posts);
        if !self.problems.is_empty() {
            return Err(super::error(std::mem::take(&mut self.problems)));
        }
        build(self.mapping, &posts, &people, &appointments)
            .map_err(|e| super::error(self.build_problems(&e, &posts, &people, &appointments)))
    }

    /// The design builder's errors as problems on the CSV line of the row
    /// that made the element, without the errors that only follow from
    /// another: a reference to an element the builder refused.
    fn build_problems(
        &self,
        e: &BuildError,
        posts: &[(String, usize, PostRow)],
        people: &[(String, usize, PersonRow)],
        appointments: &[(String, String, f64, usize)],
    ) -> Vec<Problem> {
        let sep = self.mapping.unit_separator.as_deref().unwrap_or("/");
        let mut units: HashMap<String, usize> = HashMap::new();
        for (_, line, p) in posts {
            for key in unit_keys(self.mapping, &p.unit, sep) {
                units.entry(key).or_insert(*line);
            }
        }
        let post_lines: HashMap<&str, usize> = posts.iter().map(|(k, line, _)| (k.as_str(), *line)).collect();
        let person_lines: HashMap<&str, usize> = people.iter().map(|(k, line, _)| (k.as_str(), *line)).collect();
        let appointment_lines: HashMap<String, usize> =
            appointments.iter().map(|(person, post, _, line)| (format!("{person} in {post}"), *line)).collect();
        let c = &self.c;
        // The line and the column of an element's field.
        let place = |kind: ElementKind, key: &str, field: &str, reference: Option<&str>| -> (usize, Option<usize>) {
            match kind {
                ElementKind::Unit => (units.get(key).copied().unwrap_or(0), c.unit.or(c.unit_path)),
                ElementKind::Post => {
                    let column = match field {
                        "fte" => c.fte,
                        "salary" => c.salary,
                        "scale" => c.scale,
                        "role" => c.role,
                        "unit" => c.unit.or(c.unit_path),
                        "reports_to" => c.reports_to,
                        "title" => c.title,
                        _ => Some(c.post),
                    };
                    (post_lines.get(key).copied().unwrap_or(0), column)
                }
                ElementKind::Person => (person_lines.get(key).copied().unwrap_or(0), c.person),
                ElementKind::Appointment => {
                    let label = match reference {
                        Some(post) => format!("{key} in {post}"),
                        None => key.to_owned(),
                    };
                    let column = if field == "fte" { c.appointment_fte.or(c.fte) } else { c.person };
                    (appointment_lines.get(&label).copied().unwrap_or(0), column)
                }
                _ => (0, None),
            }
        };
        let mut refused: HashSet<(ElementKind, &str)> = HashSet::new();
        let mut out = Vec::new();
        for err in &e.errors {
            let (line, column) = match err {
                EditError::MissingReference { kind, key, field, target, reference } => {
                    let follows = refused.contains(&(*target, reference.as_str()));
                    refused.insert((*kind, key.as_str()));
                    if follows {
                        continue;
                    }
                    let appointment_post = (*kind == ElementKind::Appointment).then_some(reference.as_str());
                    place(*kind, key, field, appointment_post)
                }
                EditError::InvalidValue { kind, key, field, .. } => {
                    refused.insert((*kind, key.as_str()));
                    place(*kind, key, field, None)
                }
                EditError::DuplicateKey { kind, key } => {
                    refused.insert((*kind, key.as_str()));
                    place(*kind, key, "key", None)
                }
                // An edit that names an element the builder refused (an
                // appointment of a refused person) follows from that refusal.
                EditError::NotFound { kind, key } if refused.contains(&(*kind, key.as_str())) => continue,
                EditError::NotFound { kind, key } => place(*kind, key, "key", None),
                _ => (0, None),
            };
            out.push(Problem {
                file: Some(self.file.to_owned()),
                line,
                column: column.map_or(0, |c| c + 1),
                message: err.to_string(),
                ..Problem::default()
            });
        }
        out
    }

    /// Every reports-to must name a post of the file, and the line must have no cycle.
    fn check_line(
        &mut self,
        posts: &[(String, usize, PostRow)],
        index: &HashMap<String, usize>,
        bad: &HashSet<String>,
    ) {
        let n = posts.len();
        let mut parent = vec![usize::MAX; n];
        for (i, (key, line, p)) in posts.iter().enumerate() {
            if p.reports_to.is_empty() {
                continue;
            }
            match index.get(&p.reports_to) {
                Some(&j) if j == i => {
                    self.problem(*line, self.c.reports_to, format!("post `{key}` reports to itself"));
                }
                Some(&j) => parent[i] = j,
                None if bad.contains(&p.reports_to) => {}
                None => {
                    let r = p.reports_to.clone();
                    self.problem(
                        *line,
                        self.c.reports_to,
                        format!("post `{key}` reports to `{r}`, which is not a post in the file"),
                    );
                }
            }
        }
        for cycle in crate::cycles::cycles(0..n, |i| parent.get(i).copied().filter(|&p| p < n)) {
            let keys: Vec<String> = cycle.iter().map(|&x| format!("`{}`", posts[x].0)).collect();
            let line = cycle.first().map_or(0, |&x| posts[x].1);
            self.problem(
                line,
                self.c.reports_to,
                format!("posts {} report to each other in a circle", keys.join(", ")),
            );
        }
    }

    fn text(&self, row: &Row, c: Option<usize>) -> String {
        c.and_then(|c| row.fields.get(c)).map(str::to_owned).unwrap_or_default()
    }

    fn number(&mut self, row: &Row, c: Option<usize>) -> Option<f64> {
        let s = self.text(row, c);
        if s.is_empty() {
            return None;
        }
        match parse_number(&s, self.decimal) {
            Ok(v) if v >= 0.0 => Some(v),
            Err(NumberError::Ambiguous) => {
                let h = self.header(c.unwrap_or(0)).to_owned();
                self.problem(row.line, c, ambiguous(&h, &s));
                None
            }
            _ => {
                let h = self.header(c.unwrap_or(0)).to_owned();
                let with = self.decimal.described();
                self.problem(row.line, c, format!("`{h}` is `{s}`; expected a number of zero or more{with}"));
                None
            }
        }
    }

    fn scale(&mut self, row: &Row) -> Option<u8> {
        let s = self.text(row, self.c.scale);
        if s.is_empty() {
            return None;
        }
        match parse_number(&s, self.decimal) {
            Ok(v) if v.fract() == 0.0 && (0.0..=255.0).contains(&v) => Some(v as u8),
            Err(NumberError::Ambiguous) => {
                let h = self.header(self.c.scale.unwrap_or(0)).to_owned();
                self.problem(row.line, self.c.scale, ambiguous(&h, &s));
                None
            }
            _ => {
                let h = self.header(self.c.scale.unwrap_or(0)).to_owned();
                self.problem(
                    row.line,
                    self.c.scale,
                    format!("`{h}` is `{s}`; expected a whole scale number such as 10"),
                );
                None
            }
        }
    }

    fn date(&mut self, row: &Row, c: Option<usize>) -> Option<Date> {
        let s = self.text(row, c);
        if s.is_empty() {
            return None;
        }
        let d = parse_date(&s);
        if d.is_none() {
            let h = self.header(c.unwrap_or(0)).to_owned();
            self.problem(row.line, c, format!("`{h}` is `{s}`; expected a date like 2024-01-31 or 31-01-2024"));
        }
        d
    }
}

/// A role as a key: lowercase, with hyphens for spaces.
fn role_key(s: &str) -> String {
    s.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")
}

/// The first post column in which two rows of one post differ.
fn differ(a: &PostRow, b: &PostRow, c: &Cols) -> Option<(&'static str, usize)> {
    let checks: [(bool, &'static str, Option<usize>); 7] = [
        (a.title != b.title, "title", c.title),
        (a.unit != b.unit, "unit", c.unit.or(c.unit_path)),
        (a.reports_to != b.reports_to, "line manager", c.reports_to),
        (a.fte != b.fte, "FTE", c.fte),
        (a.scale != b.scale, "scale", c.scale),
        (a.salary != b.salary, "salary", c.salary),
        (a.role != b.role, "role", c.role),
    ];
    checks.iter().find(|(d, _, _)| *d).map(|(_, w, col)| (*w, col.unwrap_or(0)))
}

/// The decimal separator of the numbers in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decimal {
    /// Read each number by its look; refuse one that reads two ways.
    Auto,
    /// `,` is the decimal separator, `.` may group thousands.
    Comma,
    /// `.` is the decimal separator, `,` may group thousands.
    Dot,
}

impl Decimal {
    fn from_setting(s: &str) -> Option<Decimal> {
        match s {
            "," => Some(Decimal::Comma),
            "." => Some(Decimal::Dot),
            _ => None,
        }
    }

    /// The setting, for messages: empty for `Auto`.
    fn described(self) -> &'static str {
        match self {
            Decimal::Auto => "",
            Decimal::Comma => " written with decimal `,` (the mapping's `decimal`)",
            Decimal::Dot => " written with decimal `.` (the mapping's `decimal`)",
        }
    }
}

/// Why a number could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberError {
    /// Not a number in the expected notation.
    Invalid,
    /// One separator followed by exactly three digits: a thousands separator or
    /// a decimal one, and the mapping does not say which.
    Ambiguous,
}

/// The message for a number that reads two ways.
fn ambiguous(header: &str, s: &str) -> String {
    format!(
        "`{header}` is `{s}`, which reads two ways (thousands or decimals); \
         set `decimal = \",\"` or `decimal = \".\"` in the mapping to say which separator is the decimal one"
    )
}

/// Parses a number written the English or the Dutch way: `1234.5`, `1234,5`,
/// `1,234.50`, `1.234,50`, with an optional leading `€`. Thousands come in
/// groups of three. With [`Decimal::Auto`], the last of two different
/// separators is the decimal one, a separator used twice groups thousands, and
/// a single separator followed by exactly three digits is
/// [`NumberError::Ambiguous`] unless the whole part is zero (`0,800`).
fn parse_number(s: &str, decimal: Decimal) -> Result<f64, NumberError> {
    let s = s.trim();
    let s = s.strip_prefix('€').unwrap_or(s).trim();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return Err(NumberError::Invalid);
    }
    let (point, group) = match decimal {
        Decimal::Comma => (',', '.'),
        Decimal::Dot => ('.', ','),
        Decimal::Auto => {
            let (dots, commas) = (body.matches('.').count(), body.matches(',').count());
            let last_dot = body.rfind('.');
            let last_comma = body.rfind(',');
            match (last_dot, last_comma) {
                (None, None) => ('.', ','),
                (Some(d), Some(c)) => {
                    if d > c {
                        ('.', ',')
                    } else {
                        (',', '.')
                    }
                }
                (Some(at), None) | (None, Some(at)) => {
                    let sep = if dots > 0 { '.' } else { ',' };
                    let other = if sep == '.' { ',' } else { '.' };
                    if dots + commas > 1 {
                        // `1.234.567`: only thousands.
                        (other, sep)
                    } else {
                        let (whole, frac) = (&body[..at], &body[at + 1..]);
                        // `1000.000` cannot group thousands, and `0,800` has no thousands.
                        if frac.len() == 3 && (1..=3).contains(&whole.len()) && whole.bytes().any(|b| b != b'0') {
                            return Err(NumberError::Ambiguous);
                        }
                        (sep, other)
                    }
                }
            }
        }
    };
    let (whole, frac) = match body.split_once(point) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !frac_ok || (whole.is_empty() && frac.is_none()) {
        return Err(NumberError::Invalid);
    }
    let mut digits = String::with_capacity(body.len() + 1);
    if negative {
        digits.push('-');
    }
    if whole.contains(group) {
        for (i, g) in whole.split(group).enumerate() {
            let ok =
                g.bytes().all(|b| b.is_ascii_digit()) && if i == 0 { (1..=3).contains(&g.len()) } else { g.len() == 3 };
            if !ok {
                return Err(NumberError::Invalid);
            }
            digits.push_str(g);
        }
    } else if whole.bytes().all(|b| b.is_ascii_digit()) {
        digits.push_str(if whole.is_empty() { "0" } else { whole });
    } else {
        return Err(NumberError::Invalid);
    }
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(NumberError::Invalid)
}

/// Parses `2024-01-31`, `31-01-2024`, `31/01/2024` or `31.01.2024`.
fn parse_date(s: &str) -> Option<Date> {
    if let Ok(d) = crate::model::parse_day(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, y) = (d.parse::<i8>().ok()?, m.parse::<i8>().ok()?, y.parse::<i16>().ok()?);
    if y < 1000 {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// The keys of the units of a post's unit column, from the top: with
/// `unit_path`, each level is keyed by its path.
fn unit_keys(mapping: &Mapping, unit: &[String], sep: &str) -> Vec<String> {
    if mapping.columns.unit_path.is_some() {
        let mut key = String::new();
        unit.iter()
            .map(|name| {
                if !key.is_empty() {
                    key.push_str(sep);
                }
                key.push_str(name);
                key.clone()
            })
            .collect()
    } else {
        unit.first().cloned().into_iter().collect()
    }
}

fn build(
    mapping: &Mapping,
    posts: &[(String, usize, PostRow)],
    people: &[(String, usize, PersonRow)],
    appointments: &[(String, String, f64, usize)],
) -> Result<Design, BuildError> {
    let mut b = DesignBuilder::new(mapping.name.as_deref().unwrap_or("import"));
    let sep = mapping.unit_separator.as_deref().unwrap_or("/");
    let mut units: HashSet<String> = HashSet::new();
    for (_, _, p) in posts {
        let mut parent: Option<String> = None;
        for (key, name) in unit_keys(mapping, &p.unit, sep).into_iter().zip(&p.unit) {
            if units.insert(key.clone()) {
                let u = b.unit(&key, name, UnitKind::Eenheid);
                if let Some(par) = &parent {
                    u.parent(par);
                }
            }
            parent = Some(key);
        }
    }
    for (key, _, p) in posts {
        let unit_key =
            if mapping.columns.unit_path.is_some() { Some(p.unit.join(sep)) } else { p.unit.first().cloned() };
        let d = b.post(key, &p.title, &p.role);
        d.fte(p.fte);
        if let Some(u) = unit_key.filter(|u| !u.is_empty()) {
            d.unit(&u);
        }
        if !p.reports_to.is_empty() {
            d.reports_to(&p.reports_to);
        }
        if let Some(s) = p.scale {
            d.scale(s);
        }
        if let Some(s) = p.salary {
            d.salary(s);
        }
    }
    for (key, _, p) in people {
        let d = b.person(key);
        if let Some(n) = &p.name {
            d.name(n);
        }
        if let Some(x) = p.birth_date {
            d.birth_date(x);
        }
        if let Some(x) = p.service_start {
            d.service_start(x);
        }
    }
    for (person, post, fte, _) in appointments {
        b.appoint(person, post).fte(*fte);
    }
    b.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_the_dutch_and_the_english_way() {
        let auto = |s| parse_number(s, Decimal::Auto);
        assert_eq!(auto("0,8"), Ok(0.8));
        assert_eq!(auto("4.321,50"), Ok(4321.5));
        assert_eq!(auto("4,321.50"), Ok(4321.5));
        assert_eq!(auto("€ 3.000,00"), Ok(3000.0));
        assert_eq!(auto("1.234.567"), Ok(1234567.0));
        assert_eq!(auto("61800"), Ok(61800.0));
        assert_eq!(auto("0,889"), Ok(0.889));
        assert_eq!(auto("-2"), Ok(-2.0));
        assert_eq!(auto("abc"), Err(NumberError::Invalid));
        assert_eq!(auto("1e3"), Err(NumberError::Invalid));
        assert_eq!(auto("1,2,3.5"), Err(NumberError::Invalid));
        assert_eq!(auto("5,"), Err(NumberError::Invalid));
        assert_eq!(auto(","), Err(NumberError::Invalid));
    }

    #[test]
    fn one_separator_before_three_digits_reads_two_ways() {
        let auto = |s| parse_number(s, Decimal::Auto);
        assert_eq!(auto("118.500"), Err(NumberError::Ambiguous));
        assert_eq!(auto("61,800"), Err(NumberError::Ambiguous));
        assert_eq!(auto("€ 1.000"), Err(NumberError::Ambiguous));
        assert_eq!(auto("118.50"), Ok(118.5));
        assert_eq!(auto("118.5000"), Ok(118.5));
        assert_eq!(auto("1000.000"), Ok(1000.0));
    }

    #[test]
    fn a_set_decimal_separator_is_read_strictly() {
        let comma = |s| parse_number(s, Decimal::Comma);
        let dot = |s| parse_number(s, Decimal::Dot);
        assert_eq!(comma("118.500"), Ok(118500.0));
        assert_eq!(comma("61,800"), Ok(61.8));
        assert_eq!(comma("1.234.567,5"), Ok(1234567.5));
        assert_eq!(comma("0,8"), Ok(0.8));
        assert_eq!(comma("1.5"), Err(NumberError::Invalid));
        assert_eq!(comma("1,234.50"), Err(NumberError::Invalid));
        assert_eq!(comma("1,2,3"), Err(NumberError::Invalid));
        assert_eq!(dot("118.500"), Ok(118.5));
        assert_eq!(dot("61,800"), Ok(61800.0));
        assert_eq!(dot("1,234.50"), Ok(1234.5));
        assert_eq!(dot("12,34"), Err(NumberError::Invalid));
        assert_eq!(dot("1.234,50"), Err(NumberError::Invalid));
    }

    #[test]
    fn roles_are_found_whatever_their_case_and_spacing() {
        assert_eq!(role_key(" Algemeen Directeur "), "algemeen-directeur");
        assert!(builtin_role(&role_key("Teammanager")).is_some());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-01-31"), Some(jiff::civil::date(2024, 1, 31)));
        assert_eq!(parse_date("31-01-2024"), Some(jiff::civil::date(2024, 1, 31)));
        assert_eq!(parse_date("1/2/1970"), Some(jiff::civil::date(1970, 2, 1)));
        assert_eq!(parse_date("31-02-2024"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn separator_detection() {
        assert_eq!(table::detect_separator(b"a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(table::detect_separator(b"a,b\n"), b',');
        assert_eq!(table::detect_separator(b"\"a;b\",c\n"), b',');
    }
}
