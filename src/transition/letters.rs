//! The letters of a transition: per employee a voornemen or a plaatsingsbesluit, from
//! templates a municipality can change.
//!
//! Three templates, one per outcome: `functievolger.md`, `herplaatsingskandidaat.md` (a
//! passende or geschikte functie offered) and `boventallig.md` (with the
//! van-werk-naar-werk period and its end). Dutch defaults are built into harkje
//! ([`Templates::dutch`]); [`Templates::with_dir`] replaces each one a folder holds. The
//! templates are [MiniJinja](https://docs.rs/minijinja) (Jinja2) text; every variable is
//! listed in `docs/sharing-the-report.md`, and a variable a template names that does not
//! exist is an error, not an empty spot in a letter. A hired-in person (extern) gets no
//! letter.
//!
//! ```
//! use harkje::transition::{LetterStage, Templates};
//! # use harkje::format::from_json;
//! # use harkje::transition::{transition, Statute, TransitionInput};
//! # let old = from_json(br#"{"version": 1, "name": "oud",
//! #   "functions": [{"key": "F", "title": "Consulent", "scale_max": 9, "tasks": [{"name": "a", "weight": 1}]}],
//! #   "posts": [{"key": "c1", "title": "Consulent", "function": "F", "scale": 9}],
//! #   "people": [{"key": "p1", "name": "An", "scale": 9}],
//! #   "appointments": [{"person": "p1", "post": "c1"}]}"#)?;
//! # let new = from_json(br#"{"version": 1, "name": "nieuw",
//! #   "functions": [{"key": "F", "title": "Consulent", "scale_max": 9, "tasks": [{"name": "a", "weight": 1}]}],
//! #   "posts": [{"key": "c1", "title": "Consulent", "function": "F", "scale": 9}]}"#)?;
//! # let report = transition(&old, &new, &Statute::preset("almelo-2018").unwrap(), &TransitionInput::default())?;
//! let letters = Templates::dutch().letters(&report, LetterStage::Voornemen)?;
//! assert_eq!(letters[0].file_name, "p1.md");
//! assert!(letters[0].text.contains("Voornemen tot plaatsing"));
//! assert!(letters[0].text.contains("functievolger"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::transition::fx::HashMap;

use super::lang::Language;
use super::placement::{Outcome, Placement};
use super::report::TransitionReport;

/// The names of the templates, one per kind of letter.
pub const TEMPLATE_NAMES: [&str; 3] = ["functievolger.md", "herplaatsingskandidaat.md", "boventallig.md"];

const DUTCH: [&str; 3] = [
    include_str!("../../presets/letters/functievolger.md"),
    include_str!("../../presets/letters/herplaatsingskandidaat.md"),
    include_str!("../../presets/letters/boventallig.md"),
];

const ENGLISH: [&str; 3] = [
    include_str!("../../presets/letters/en/functievolger.md"),
    include_str!("../../presets/letters/en/herplaatsingskandidaat.md"),
    include_str!("../../presets/letters/en/boventallig.md"),
];

/// Whether a letter announces an intention (voornemen, before the employee's reaction) or
/// the decision (plaatsingsbesluit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LetterStage {
    /// The voornemen: the employee may react before the decision.
    #[default]
    Voornemen,
    /// The besluit.
    Besluit,
}

/// One letter.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Letter {
    /// The person's key (a pseudonym in a pseudonymised report).
    pub person: String,
    /// The outcome the letter is about.
    pub outcome: Outcome,
    /// A file name from the person's key: letters, digits, `-`, `_` and `.` kept, anything
    /// else `_`, and `.md`; unique among the letters.
    pub file_name: String,
    /// The letter.
    pub text: String,
}

/// A template that cannot be read or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LetterError {
    /// A file in the templates folder cannot be read.
    #[error("cannot read template `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error of the system.
        source: std::io::Error,
    },
    /// A `.md` file in the templates folder that is not a template harkje knows.
    #[error("unknown template `{0}`; expected `functievolger.md`, `herplaatsingskandidaat.md` or `boventallig.md`")]
    Unknown(PathBuf),
    /// A template with a syntax error, or one that fails for a letter.
    #[error("template `{template}`{line}: {message}")]
    Template {
        /// The template's file (or built-in name).
        template: String,
        /// ` line N`, when known.
        line: String,
        /// What is wrong.
        message: String,
    },
}

/// The three templates, ready to render.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from, for errors: a file, or the built-in name.
    origin: [String; 3],
    /// The language of the dates, amounts and reasons the letters fill in.
    lang: Language,
}

impl Templates {
    /// The Dutch templates built into harkje.
    pub fn dutch() -> Templates {
        Templates::built_in(Language::Dutch)
    }

    /// The templates built into harkje in a language: Dutch (`presets/letters/`), or
    /// English (`presets/letters/en/`) for an employee who reads no Dutch. The letters fill
    /// in dates, amounts and reasons in the same language.
    pub fn built_in(lang: Language) -> Templates {
        let (texts, folder) = match lang {
            Language::Dutch => (DUTCH, ""),
            Language::English => (ENGLISH, "en/"),
        };
        let mut env = environment();
        for (name, text) in TEMPLATE_NAMES.iter().zip(texts) {
            // The built-in templates are tested to compile; a failure here leaves the
            // template out and `letters` reports it.
            let _ = env.add_template(name, text);
        }
        Templates { env, origin: TEMPLATE_NAMES.map(|n| format!("built-in {folder}{n}")), lang }
    }

    /// The Dutch templates, each replaced by the file of the same name in `dir` when there
    /// is one.
    ///
    /// # Errors
    /// A [`LetterError`] when the folder or a template cannot be read, a `.md` file has a
    /// name harkje does not know (a misspelt template would otherwise be ignored), or a
    /// template has a syntax error (with its line).
    pub fn with_dir(dir: &Path) -> Result<Templates, LetterError> {
        Templates::with_dir_in(dir, Language::Dutch)
    }

    /// The built-in templates of a language ([`Templates::built_in`]), each replaced by the
    /// file of the same name in `dir` when there is one.
    ///
    /// # Errors
    /// As [`Templates::with_dir`].
    pub fn with_dir_in(dir: &Path, lang: Language) -> Result<Templates, LetterError> {
        let mut t = Templates::built_in(lang);
        let io = |path: &Path, source| LetterError::Io { path: path.to_owned(), source };
        let entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in entries {
            files.push(entry.map_err(|e| io(dir, e))?.path());
        }
        files.sort();
        for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let Some(i) = TEMPLATE_NAMES.iter().position(|n| *n == name) else {
                return Err(LetterError::Unknown(path));
            };
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            let origin = path.display().to_string();
            t.env.add_template_owned(TEMPLATE_NAMES[i], text).map_err(|e| template_error(&origin, &e))?;
            t.origin[i] = origin;
        }
        Ok(t)
    }

    /// One letter per employee of the report, in the report's order; none for a hired-in
    /// person. For a pseudonymised report the letters and their file names carry the
    /// pseudonyms and no names.
    ///
    /// # Errors
    /// A [`LetterError::Template`] when a template fails, such as for a variable that
    /// does not exist.
    pub fn letters(&self, report: &TransitionReport, stage: LetterStage) -> Result<Vec<Letter>, LetterError> {
        let mut out = Vec::with_capacity(report.employees.len());
        let mut used = std::collections::HashSet::new();
        let lookup = Lookup::of(report);
        for p in &report.employees {
            let Some(i) = template_of(p.outcome) else { continue };
            let origin = &self.origin[i];
            let template = self.env.get_template(TEMPLATE_NAMES[i]).map_err(|e| template_error(origin, &e))?;
            let context = Context::new(report, &lookup, p, stage, self.lang);
            let text = template.render(minijinja::value::Serde(&context)).map_err(|e| template_error(origin, &e))?;
            let base = file_stem(&p.person);
            let mut file_name = format!("{base}.md");
            let mut n = 2;
            while !used.insert(file_name.clone()) {
                file_name = format!("{base}-{n}.md");
                n += 1;
            }
            out.push(Letter { person: p.person.clone(), outcome: p.outcome, file_name, text });
        }
        Ok(out)
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let mut syntax = minijinja::syntax::SyntaxConfig::builder();
    syntax.trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true);
    if let Ok(s) = syntax.build() {
        env.set_syntax(s);
    }
    env
}

fn template_error(origin: &str, e: &minijinja::Error) -> LetterError {
    LetterError::Template {
        template: origin.to_owned(),
        line: e.line().map_or(String::new(), |l| format!(" line {l}")),
        message: e.detail().map_or_else(|| e.kind().to_string(), str::to_owned),
    }
}

fn template_of(o: Outcome) -> Option<usize> {
    match o {
        Outcome::Functievolger => Some(0),
        Outcome::Passend | Outcome::Geschikt => Some(1),
        Outcome::Boventallig => Some(2),
        Outcome::Extern => None,
    }
}

fn file_stem(key: &str) -> String {
    let s: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    let s = s.trim_start_matches('.');
    if s.is_empty() { "_".to_owned() } else { s.to_owned() }
}

/// The variables of a letter (documented in docs/sharing-the-report.md).
#[derive(Serialize)]
struct Context {
    besluit: bool,
    stage: &'static str,
    organisation: String,
    statute: String,
    threshold: String,
    training_months: u32,
    decision_date: Option<String>,
    placement_date: Option<String>,
    person: PersonVars,
    outcome: &'static str,
    function_kind: &'static str,
    function_status: Option<&'static str>,
    selection: &'static str,
    overlap: Option<String>,
    change: Option<String>,
    old: PostVars,
    new: PostVars,
    salary_guarantee: bool,
    guarantee_per_year: Option<String>,
    vwnw: VwnwVars,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct PersonVars {
    key: String,
    name: Option<String>,
    /// The name, or the key when there is no name (a pseudonymised report).
    salutation: String,
}

#[derive(Serialize, Default)]
struct PostVars {
    post: Option<String>,
    unit: Option<String>,
    unit_key: Option<String>,
    function: Option<String>,
    function_title: Option<String>,
    scale: Option<u8>,
}

#[derive(Serialize, Default)]
struct VwnwVars {
    eligible: Option<bool>,
    months: Option<u32>,
    start: Option<String>,
    end: Option<String>,
    note: Option<String>,
}

/// The last day of a period of `months` months from `start`.
fn period_end(start: Date, months: u32) -> Option<Date> {
    let span = jiff::Span::new().try_months(i64::from(months)).ok()?;
    start.checked_add(span).ok()?.checked_sub(jiff::Span::new().days(1)).ok()
}

/// The report's units and functions by key, made once for all letters.
struct Lookup<'r> {
    unit_names: HashMap<&'r str, &'r str>,
    old_functions: HashMap<&'r str, &'r crate::transition::OldFunction>,
    new_titles: HashMap<&'r str, &'r str>,
    guarantees: HashMap<&'r str, Option<f64>>,
}

impl<'r> Lookup<'r> {
    fn of(r: &'r TransitionReport) -> Self {
        Lookup {
            unit_names: r.establishment.iter().map(|u| (u.unit.as_str(), u.name.as_str())).collect(),
            old_functions: r.functions.old.iter().map(|o| (o.function.as_str(), o)).collect(),
            new_titles: r.functions.new.iter().map(|o| (o.function.as_str(), o.title.as_str())).collect(),
            guarantees: r.salary_guarantees.iter().map(|g| (g.person.as_str(), g.per_year)).collect(),
        }
    }
}

impl Context {
    fn new(r: &TransitionReport, lookup: &Lookup<'_>, p: &Placement, stage: LetterStage, lang: Language) -> Context {
        let nl = lang;
        let n = nl.style();
        let unit_name = |key: &Option<String>| {
            key.as_ref().map(|k| lookup.unit_names.get(k.as_str()).map_or_else(|| k.clone(), |name| (*name).to_owned()))
        };
        let old_f = p.old_function.as_ref().and_then(|f| lookup.old_functions.get(f.as_str()).copied());
        let new_title =
            p.new_function.as_ref().and_then(|f| lookup.new_titles.get(f.as_str())).map(|t| (*t).to_owned());
        let placement_date = p.placement_date.or(r.procedure.placement_date);
        let start = placement_date.or(r.procedure.decision).or(r.reference_date);
        let vwnw = p.vwnw.as_ref().map_or_else(VwnwVars::default, |v| VwnwVars {
            eligible: v.eligible,
            months: v.months,
            start: v.months.and(start).map(|d| nl.date(d)),
            end: v.months.zip(start).and_then(|(m, d)| period_end(d, m)).map(|d| nl.date(d)),
            note: Some(v.note.clone()),
        });
        Context {
            besluit: stage == LetterStage::Besluit,
            stage: match stage {
                LetterStage::Voornemen => "voornemen",
                LetterStage::Besluit => "besluit",
            },
            organisation: r.new_design.clone(),
            statute: if r.statute.title.is_empty() { r.statute.name.clone() } else { r.statute.title.clone() },
            threshold: n.percent(r.statute.threshold),
            training_months: r.statute.training_months,
            decision_date: r.procedure.decision.map(|d| nl.date(d)),
            placement_date: placement_date.map(|d| nl.date(d)),
            person: PersonVars {
                key: p.person.clone(),
                name: p.name.clone(),
                salutation: p.name.clone().unwrap_or_else(|| p.person.clone()),
            },
            outcome: p.outcome.as_str(),
            function_status: p.function_status.map(|f| f.as_str()),
            selection: r.statute.selection.as_str(),
            function_kind: match p.outcome {
                Outcome::Geschikt => "geschikte",
                _ => "passende",
            },
            overlap: old_f.map(|f| n.percent(f.overlap)),
            change: old_f.map(|f| n.percent(f.change)),
            old: PostVars {
                post: Some(p.old_post.clone()),
                unit: unit_name(&p.old_unit),
                unit_key: p.old_unit.clone(),
                function: p.old_function.clone(),
                function_title: old_f.map(|f| f.title.clone()),
                scale: p.old_scale,
            },
            new: match &p.new_post {
                None => PostVars::default(),
                Some(post) => PostVars {
                    post: Some(post.clone()),
                    unit: unit_name(&p.new_unit),
                    unit_key: p.new_unit.clone(),
                    function: p.new_function.clone(),
                    function_title: new_title,
                    scale: p.new_scale,
                },
            },
            salary_guarantee: p.salary_guarantee,
            guarantee_per_year: lookup.guarantees.get(p.person.as_str()).copied().flatten().map(|x| n.euros(x)),
            vwnw,
            reasons: p.reasons.iter().map(|x| x.text_in(lang)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_compile() {
        for lang in Language::ALL {
            let t = Templates::built_in(lang);
            for name in TEMPLATE_NAMES {
                assert!(t.env.get_template(name).is_ok(), "{lang:?} {name}");
            }
        }
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_stem("p-01"), "p-01");
        assert_eq!(file_stem("../etc/passwd"), "_etc_passwd");
        assert_eq!(file_stem("Ånna Bakker"), "_nna_Bakker");
        assert_eq!(file_stem(""), "_");
    }

    #[test]
    fn a_period_ends_the_day_before_its_months_are_full() {
        let d = jiff::civil::date;
        assert_eq!(period_end(d(2024, 9, 1), 24), Some(d(2026, 8, 31)));
        assert_eq!(period_end(d(2024, 1, 31), 1), Some(d(2024, 2, 28)));
    }
}
