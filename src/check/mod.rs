//! Policy checks: judge a design against the principles a council and its management agreed.
//!
//! Checking never fails: [`check`] returns a [`Report`] with every finding,
//! sorted. Only reading a [`Policy`] can fail, and then nothing runs.
//!
//! The rules live one per file under `rules/<area>/`, and the one list
//! [`rules::BUILTIN`] registers them. Each has a stable code (`HK0201`) and a
//! kebab-case name (`too-many-management-layers`) that policy files use, docs
//! with fixed headings (print them with `harkje rules NAME`), a default
//! severity and typed options.
//!
//! Every rule sees the same [`Context`], built once per check: the design as
//! it stands on the policy's day, its reporting line as arrays, the
//! structural measures and the unit heads. Rules cost time linear in the
//! design, or n log n where they sort.
//!
//! ```
//! use harkje::check::{check, Policy};
//!
//! let design = harkje::format::from_json(br#"{
//!   "version": 1, "name": "Voorbeeld",
//!   "units": [{ "key": "directie", "name": "Directie", "kind": "directie", "kernopdracht": "leidt" }],
//!   "posts": [
//!     { "key": "gs", "title": "Gemeentesecretaris", "role": "gemeentesecretaris", "unit": "directie" },
//!     { "key": "cc", "title": "Concerncontroller", "role": "concerncontroller", "reports_to": "gs", "unit": "directie" }
//!   ]
//! }"#)?;
//! let policy = Policy::preset("almelo-2018")?.with_as_of(harkje::date(2018, 3, 27));
//! let report = check(&design, &policy);
//! assert_eq!(report.errors(), 0);
//! report.assert_no_errors();
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Custom rules
//!
//! Implement [`Rule`] and hand it to a [`Checker`]; it runs with the built-in
//! rules and its findings land in the same report. Its name and code must be
//! its own ([`RuleClash`] otherwise). A policy file configures it when read
//! with [`Policy::from_toml_file_with`], and may `extends` another policy file by a
//! path relative to itself. See `examples/custom_rule.rs`.

pub mod baseline;
mod context;
mod policy;
mod report;
pub mod rules;

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Design, Post};

pub use baseline::{Accepted, Baseline, BaselineError};
pub use context::Context;
pub use policy::{
    DEFAULT_TOP_ROLES, DatedEntry, DatedOption, DatedValues, FlagOption, IntOption, Level, ListOption, NumberOption,
    OptionKind, OptionSpec, OptionValue, PRESETS, PeriodsOverlap, Policy, RuleOptions, RuleSetting,
};
pub use report::{REPORT_VERSION, Report, SourceFile};

/// The area a rule belongs to; the first two digits of its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Area {
    /// The reporting line itself (`HK01..`).
    Structure,
    /// Management layers and spans of control (`HK02..`).
    Layers,
    /// Horizontal steering, accountability and communities (`HK03..`).
    Governance,
    /// Temporary roles and terms (`HK04..`).
    Time,
    /// People, posts, functions and cost (`HK05..`).
    People,
    /// A rule a user added (any code outside `HK`).
    Custom,
}

impl Area {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Structure => "structure",
            Area::Layers => "layers",
            Area::Governance => "governance",
            Area::Time => "time",
            Area::People => "people",
            Area::Custom => "custom",
        }
    }
}

/// What a rule is: its code, name, default severity, docs and options.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    /// The stable code, such as `HK0201`. Built-in codes are never reused.
    pub code: &'static str,
    /// The stable kebab-case name used in policy files.
    pub name: &'static str,
    /// The area.
    pub area: Area,
    /// The severity when the policy does not set one.
    pub severity: Severity,
    /// One line: what it checks.
    pub summary: &'static str,
    /// The full docs in Markdown, with the headings *What it checks*, *Why it
    /// matters*, *Example*, *Options* and *Complexity*.
    pub docs: &'static str,
    /// The options and their defaults.
    pub options: &'static [OptionSpec],
}

/// A check of one principle.
///
/// A rule reads the shared [`Context`] and pushes its findings. It never
/// fails: a design it cannot judge (say, without dates) yields no findings.
///
/// ```
/// use harkje::check::{Area, Checker, Context, Findings, Policy, Rule, RuleMeta, RuleOptions};
/// use harkje::diagnostic::Severity;
///
/// /// Every post has a title.
/// struct PostHasTitle;
///
/// static META: RuleMeta = RuleMeta {
///     code: "XX0001",
///     name: "post-without-title",
///     area: Area::Custom,
///     severity: Severity::Warning,
///     summary: "a post without a title",
///     docs: "## What it checks\nA post whose title is empty.",
///     options: &[],
/// };
///
/// impl Rule for PostHasTitle {
///     fn meta(&self) -> &RuleMeta {
///         &META
///     }
///     fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
///         for p in cx.posts().iter().filter(|p| p.title.trim().is_empty()) {
///             out.push(out.finding(format!("posts/{}", p.key), format!("`{}` has no title", p.key)));
///         }
///     }
/// }
///
/// let checker = Checker::new(Policy::default()).with_rule(Box::new(PostHasTitle))?;
/// let report = checker.check(&harkje::Design::new("leeg"));
/// assert!(report.diagnostics().is_empty());
/// # Ok::<(), harkje::check::RuleClash>(())
/// ```
pub trait Rule: Send + Sync {
    /// What the rule is.
    fn meta(&self) -> &RuleMeta;
    /// Checks the design in the context and pushes findings to `out`.
    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings);
}

/// Where a rule puts its findings. It fills in the rule's code, name and the
/// severity the policy gives it.
#[derive(Debug)]
pub struct Findings {
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    out: Vec<Diagnostic>,
}

impl Findings {
    fn new(meta: &RuleMeta, severity: Severity) -> Self {
        Findings { code: meta.code, rule: meta.name, severity, out: Vec::new() }
    }

    /// A new finding of this rule about `subject` (a path such as `posts/gs`).
    /// Add help, related items and data, then [`push`](Findings::push) it.
    pub fn finding(&self, subject: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.rule, self.severity, subject, message)
    }

    /// Adds a finding. Its code, rule name and severity are set to this rule's.
    pub fn push(&mut self, mut d: Diagnostic) {
        self.code.clone_into(&mut d.code);
        self.rule.clone_into(&mut d.rule);
        d.severity = self.severity;
        self.out.push(d);
    }

    /// Adds a finding at `info`, whatever the rule's severity: for what the
    /// rule could not judge and says so (a day without a dated target, say),
    /// which is worth knowing but breaks nothing.
    pub fn push_info(&mut self, d: Diagnostic) {
        self.push(d);
        if let Some(last) = self.out.last_mut() {
            last.severity = Severity::Info;
        }
    }

    /// The severity this rule reports at under the policy.
    pub fn severity(&self) -> Severity {
        self.severity
    }
}

/// Runs the built-in rules, and any custom ones, under a policy.
pub struct Checker {
    policy: Policy,
    custom: Vec<Box<dyn Rule>>,
    only: Option<Vec<String>>,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("policy", &self.policy)
            .field("custom", &self.custom.iter().map(|r| r.meta().name).collect::<Vec<_>>())
            .field("only", &self.only)
            .finish()
    }
}

impl Checker {
    /// A checker with every built-in rule.
    pub fn new(policy: Policy) -> Self {
        Checker { policy, custom: Vec::new(), only: None }
    }

    /// Adds a custom rule. It runs at its default severity with its default
    /// options unless the policy (read with [`Policy::from_toml_with`] or
    /// [`Policy::from_toml_file_with`]) sets them.
    ///
    /// # Errors
    /// A [`RuleClash`] when the rule's name or code is already a built-in
    /// rule's or another custom rule's: a policy could not tell them apart.
    pub fn with_rule(mut self, rule: Box<dyn Rule>) -> Result<Self, RuleClash> {
        check_custom_rules(self.custom.iter().map(|r| r.as_ref()).chain([rule.as_ref()]))?;
        self.custom.push(rule);
        Ok(self)
    }

    /// Runs only the rules with these names (the others are skipped).
    pub fn only<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every rule this checker knows, built-in first.
    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        rules::BUILTIN.iter().copied().chain(self.custom.iter().map(|r| r.as_ref()))
    }

    /// Checks a design as of the policy's day (today when it sets none).
    pub fn check(&self, design: &Design) -> Report {
        let day = self.policy.as_of().unwrap_or_else(today);
        self.check_on(design, day)
    }

    /// Checks a design as it stands on `day`, whatever the policy says.
    pub fn check_on(&self, design: &Design, day: Date) -> Report {
        let selected = self.selected();
        let run = selected.len();
        let diagnostics = self.findings_on(design, day, &selected);
        let policy = match self.policy.extends() {
            Some(base) if base != self.policy.name() => format!("{}, based on {base}", self.policy.name()),
            _ => self.policy.name().to_owned(),
        };
        Report::of_sorted(design.name().to_owned(), day, policy, run, diagnostics)
    }

    /// The findings of the selected rules on the design as it stands on
    /// `day`, sorted as a report has them. The context, with its tables,
    /// measures and copies, is freed while they are sorted.
    fn findings_on(
        &self,
        design: &Design,
        day: Date,
        selected: &[(&dyn Rule, Severity, RuleOptions)],
    ) -> Vec<Diagnostic> {
        // `person-over-allocated` finds people by number: the context numbers
        // them beside its longer pass over the appointments.
        let people = selected.iter().any(|(r, _, _)| r.meta().name == rules::people::PersonOverAllocated::META.name);
        // Mostly every element is valid on the day, and the context borrows
        // the design itself, reading the few posts with dated fields as
        // copies resolved to the day. Else it reads the design as it stands
        // on the day, leaving out what is not valid and copying only the
        // posts that change: a view, not a copy of the design.
        let top_roles = self.policy.top_roles();
        let mut copies: Vec<Post> = Vec::new();
        let mut read =
            if context::others_valid(design, day) { Context::read_valid(design, day, top_roles, people) } else { None };
        if let Some(read) = read.as_mut() {
            copies = read.take_copies();
        }
        let (others, changed): (Design, Vec<Post>);
        let mut cx = match read.and_then(|read| read.finish_valid(&copies)) {
            Some(cx) => cx,
            None => {
                let cleared;
                (others, cleared) = design.others_as_of(day);
                let mut read = Context::read_on_day(design, &others, cleared, day, top_roles, people);
                changed = read.take_copies();
                read.finish_on_day(&changed)
            }
        };
        cx.custom_rules = selected.iter().any(|(r, _, _)| r.meta().area == Area::Custom);
        let found = run_rules(&cx, selected);
        // Many findings are sorted while the context is freed on a second thread.
        let many = found.len() >= 1 << 12;
        let (found, ()) = crate::par::both(|| report::sorted(found), move || drop(cx), many);
        found
    }

    /// The rules to run, with the severity and options the policy gives them.
    fn selected(&self) -> Vec<(&dyn Rule, Severity, RuleOptions)> {
        let mut selected = Vec::new();
        for rule in self.rules() {
            let meta = rule.meta();
            if let Some(only) = &self.only
                && !only.iter().any(|n| n == meta.name)
            {
                continue;
            }
            let Level::On(severity) = self.policy.level(meta) else { continue };
            selected.push((rule, severity, self.policy.options(meta)));
        }
        selected
    }
}

/// A custom rule whose name or code is already taken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleClash {
    /// The name is a built-in rule's or an earlier custom rule's.
    #[error(
        "the custom rule `{name}` ({code}) has the name of {taken_by}; give it a name of its own, such as one with your crate's prefix"
    )]
    Name {
        /// The name both have.
        name: String,
        /// The custom rule's code.
        code: String,
        /// The rule that has the name, such as `the built-in rule HK0201`.
        taken_by: String,
    },
    /// The code is a built-in rule's or an earlier custom rule's.
    #[error("the custom rule `{name}` has the code {code} of {taken_by}; give it a code of its own")]
    Code {
        /// The custom rule's name.
        name: String,
        /// The code both have.
        code: String,
        /// The rule that has the code, such as the built-in rule `span-too-wide`.
        taken_by: String,
    },
}

/// Checks that custom rules take no name or code of a built-in rule or of
/// each other. [`Checker::with_rule`] and the policy readers that take custom
/// rules call it.
///
/// # Errors
/// The first [`RuleClash`], in the order given.
pub fn check_custom_rules<'r>(custom: impl IntoIterator<Item = &'r dyn Rule>) -> Result<(), RuleClash> {
    let mut names: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut codes: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for r in rules::BUILTIN {
        let m = r.meta();
        names.insert(m.name, format!("the built-in rule {}", m.code));
        codes.insert(m.code, format!("the built-in rule `{}`", m.name));
    }
    for r in custom {
        let m = r.meta();
        if let Some(taken_by) = names.get(m.name) {
            return Err(RuleClash::Name {
                name: m.name.to_owned(),
                code: m.code.to_owned(),
                taken_by: taken_by.clone(),
            });
        }
        if let Some(taken_by) = codes.get(m.code) {
            return Err(RuleClash::Code {
                name: m.name.to_owned(),
                code: m.code.to_owned(),
                taken_by: taken_by.clone(),
            });
        }
        names.insert(m.name, format!("the custom rule {}", m.code));
        codes.insert(m.code, format!("the custom rule `{}`", m.name));
    }
    Ok(())
}

/// Checks a design against a policy with the built-in rules.
///
/// Never fails and never panics; see [`Report`] for the result.
pub fn check(design: &Design, policy: &Policy) -> Report {
    Checker::new(policy.clone()).check(design)
}

/// Checks a design and panics with a readable list of the findings when any
/// of them is an error. Made for a policy test in your own crate:
///
/// ```no_run
/// // In `tests/policy.rs` of your crate, marked `#[test]`:
/// fn our_design_follows_our_principles() {
///     let design = harkje::format::from_json_file("organisation.json").unwrap();
///     let policy = harkje::check::Policy::from_toml_file("policy.toml").unwrap();
///     harkje::check::assert_design_follows(&design, &policy);
/// }
/// ```
///
/// # Panics
///
/// When the report has an error; the message lists every finding.
pub fn assert_design_follows(design: &Design, policy: &Policy) {
    check(design, policy).assert_no_errors();
}

/// Built-in rules that read the measures or the unit heads: when one of them
/// (or a custom rule, which may) is selected, the second thread computes the
/// measures first while the first thread runs the rules that need none.
/// Only the speed depends on this list: the measures are computed on first
/// use in any case.
const USE_MEASURES: &[&str] = &[
    "reporting-cycle",
    "too-many-management-layers",
    "span-too-wide",
    "span-too-narrow",
    "manager-share-high",
    "coach-has-line-reports",
    "community-has-line-manager",
    "independence-breached",
];

/// Runs the rules on two threads and returns their findings in rule order.
///
/// The rules only read the context. Each thread takes the next rule not yet
/// taken, the heavy ones over the people first; the second thread first
/// computes the measures when a rule needs them. Each rule's findings are kept
/// apart and joined in the order of `selected`, so the result does not depend
/// on which thread ran what.
fn run_rules(cx: &Context<'_>, selected: &[(&dyn Rule, Severity, RuleOptions)]) -> Vec<Diagnostic> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Rules over people and appointments need no measures and cost the most.
    let mut queue: Vec<usize> = (0..selected.len()).collect();
    queue.sort_by_key(|&i| selected[i].0.meta().area != Area::People);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut found: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
        while let Some(&i) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
            let (rule, severity, options) = &selected[i];
            let mut out = Findings::new(rule.meta(), *severity);
            rule.check(cx, options, &mut out);
            found.push((i, out.out));
        }
        found
    };
    // A custom rule may read every measure; the built-in ones read all but
    // the subtree sums, or all of them when a custom rule runs
    // ([`Context::rule_measures`]).
    let measured =
        selected.iter().any(|(r, _, _)| r.meta().area == Area::Custom || USE_MEASURES.contains(&r.meta().name));
    let (mut found, more) = crate::par::both(
        work,
        || {
            if measured {
                cx.rule_measures();
            }
            work()
        },
        true,
    );
    found.extend(more);
    found.sort_unstable_by_key(|(i, _)| *i);
    concatenated(found.into_iter().map(|(_, d)| d).collect())
}

/// The findings of every rule in one list, in the order of the rules. The
/// longest list is kept and the others are moved into it, so that the
/// findings are never held twice over.
fn concatenated(mut lists: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let Some((longest, _)) = lists.iter().enumerate().max_by_key(|(_, l)| l.len()) else { return Vec::new() };
    let mut all = std::mem::take(&mut lists[longest]);
    all.reserve(lists.iter().map(Vec::len).sum());
    let (before, after) = lists.split_at_mut(longest);
    let mut moved = 0;
    for list in before {
        moved += list.len();
        all.append(list);
    }
    // The lists before the longest were appended after it: turned to the front.
    all.rotate_right(moved);
    for list in after {
        all.append(list);
    }
    all
}

fn today() -> Date {
    jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::now()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_of_all_rules_keep_the_order_of_the_rules() {
        let d = |n: usize| Diagnostic::new("HK0000", "r", Severity::Info, format!("posts/{n}"), "m");
        let list = |ns: std::ops::Range<usize>| ns.map(d).collect::<Vec<_>>();
        for lists in [
            vec![list(0..2), list(2..7), list(7..8), list(8..8), list(8..11)],
            vec![list(0..5), list(5..6)],
            vec![list(0..0), list(0..3)],
            vec![list(0..1)],
            Vec::new(),
        ] {
            let expected: Vec<Diagnostic> = lists.iter().flatten().cloned().collect();
            assert_eq!(concatenated(lists), expected);
        }
    }

    /// Every design file among the test fixtures and the examples.
    fn design_files() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests/fixtures"), root.join("examples/data")];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "json") {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    /// The days each design is checked on: the day before, on and after
    /// every start and end in it, so that elements end and start around them.
    fn days_of(d: &Design) -> Vec<Date> {
        let mut ends: Vec<crate::model::Period> = d.posts().map(|p| p.valid).collect();
        ends.extend(d.units().map(|u| u.valid));
        ends.extend(d.appointments().map(|a| a.valid));
        ends.extend(d.assignments().map(|a| a.valid));
        ends.extend(d.memberships().map(|m| m.valid));
        ends.extend(d.parties().map(|p| p.valid));
        ends.extend(d.portfolios().map(|f| f.valid));
        let mut days = vec![jiff::civil::date(2024, 6, 1)];
        // Around the days the random designs' dated values change.
        for (y, m, dd) in [(2021, 6, 1), (2022, 6, 1), (2023, 6, 1), (2025, 1, 1)] {
            let day = jiff::civil::date(y, m, dd);
            days.extend([Some(day), day.tomorrow().ok()].into_iter().flatten());
        }
        for day in ends.iter().flat_map(|p| [p.from, p.until]).flatten() {
            days.extend([day.yesterday().ok(), Some(day), day.tomorrow().ok()].into_iter().flatten());
        }
        days.sort();
        days.dedup();
        days
    }

    /// Checks that the view of `d` on `day` is what the copy cut to the day
    /// gives: its cleared references, posts, units, appointments, line,
    /// measures, unit heads, graph, findings rule by rule, and the design it
    /// cuts when asked; and that the checker's own choice of path agrees.
    fn assert_view_is_copy(checker: &Checker, d: &Design, day: Date, at: &str) {
        let (selected, top) = (checker.selected(), checker.policy.top_roles());
        let (cut, cleared) = d.as_of_with_notes(day);
        let copy = Context::new(d, &cut, day, cleared, top, true);
        let (others, cleared) = d.others_as_of(day);
        let mut read = Context::read_on_day(d, &others, cleared, day, top, true);
        let copies = read.take_copies();
        let view = read.finish_on_day(&copies);
        assert_eq!(view.cleared(), copy.cleared(), "{at}");
        assert_eq!(view.posts(), copy.posts(), "{at}");
        assert!(view.units().eq(copy.units()), "{at}");
        assert_eq!(view.appointments(), copy.appointments(), "{at}");
        assert_eq!(view.line(), copy.line(), "{at}");
        assert_eq!(view.rule_measures(), copy.rule_measures(), "{at}");
        assert_eq!(view.measures(), copy.measures(), "{at}");
        for p in d.posts() {
            let reports = |cx: &Context<'_>| cx.graph().reports(p.id).collect::<Vec<_>>();
            assert_eq!(reports(&view), reports(&copy), "{at}: reports of {}", p.key);
        }
        for u in d.units() {
            assert_eq!(view.unit_head(u.id), copy.unit_head(u.id), "{at}: head of {}", u.key);
        }
        let found = run_rules(&copy, &selected);
        assert_eq!(run_rules(&view, &selected), found, "{at}");
        assert!(view.design() == &cut, "{at}");
        // A design that changes nothing on the day is its own cut.
        if d.unchanged_on(day) {
            assert!(&cut == d && view.cleared().is_empty(), "{at}: unchanged, yet cut");
            assert!(matches!(d.on_day(day).0, std::borrow::Cow::Borrowed(_)), "{at}");
        }
        let report = Report::new(d.name().to_owned(), day, String::new(), 0, found);
        assert_eq!(checker.check_on(d, day).diagnostics(), report.diagnostics(), "{at}");
    }

    /// The view of the design on a day finds what the copy of the design cut
    /// to the day finds, on every fixture and example design and one where
    /// only a unit and an assignment lose a reference.
    #[test]
    fn the_view_on_a_day_finds_what_the_cut_copy_finds() {
        let checker = Checker::new(Policy::default());
        let mut compared = 0;
        let files = design_files().into_iter().filter_map(|f| Some((f.display().to_string(), std::fs::read(&f).ok()?)));
        // A design where only a unit and an assignment lose a reference.
        let few = r#"{"version": 1, "name": "weinig", "units": [
            {"key": "oud", "name": "Oud", "kind": "eenheid", "until": "2020-12-31"},
            {"key": "team", "name": "Team", "kind": "team", "parent": "oud"}],
          "posts": [{"key": "pm", "title": "PM", "role": "programmamanager", "unit": "team"}],
          "parties": [{"key": "college", "name": "College", "kind": "college", "until": "2020-12-31"}],
          "assignments": [{"key": "opdracht", "kind": "programme", "agent": "pm", "target": {"unit": "team"},
            "principal": {"party": "college"}}]}"#;
        for (file, bytes) in files.chain([("weinig".to_owned(), few.as_bytes().to_vec())]) {
            // Fixtures of bad files are not designs.
            let Ok(d) = crate::format::from_json(&bytes) else {
                assert_ne!(file, "weinig");
                continue;
            };
            for day in days_of(&d) {
                assert_view_is_copy(&checker, &d, day, &format!("{file} on {day}"));
                compared += 1;
            }
        }
        assert!(compared > 100, "only {compared} designs and days compared");
    }

    /// The same on designs made at random through the edits: units, posts,
    /// appointments, assignments (with chains of principals), memberships,
    /// parties and portfolios with periods, dated lines, units, FTE and
    /// parents, heads and self-steering teams.
    #[test]
    fn the_view_on_a_day_finds_what_the_cut_copy_finds_on_random_designs() {
        let checker = Checker::new(Policy::default());
        for seed in 1..300u64 {
            let d = random::design(seed);
            for day in days_of(&d) {
                assert_view_is_copy(&checker, &d, day, &format!("seed {seed} on {day}"));
            }
        }
    }

    /// Designs made at random, for the tests above.
    mod random {
        use crate::model::dated::{Dated, PostDated, UnitDated};
        use crate::model::*;
        use jiff::civil::date;

        /// A xorshift generator: the same designs on every run.
        struct Rng(u64);

        impl Rng {
            fn below(&mut self, n: usize) -> usize {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0 % n.max(1) as u64) as usize
            }
            fn chance(&mut self, percent: usize) -> bool {
                self.below(100) < percent
            }
            fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
                if items.is_empty() { None } else { items.get(self.below(items.len())).copied() }
            }
        }

        /// Half the time always valid, else between two of four days.
        fn period(r: &mut Rng) -> Period {
            const DAYS: [(i16, i8, i8); 4] = [(2020, 1, 1), (2022, 1, 1), (2024, 1, 1), (2026, 1, 1)];
            if r.chance(50) {
                return Period::ALWAYS;
            }
            let (i, j) = (r.below(5), r.below(5));
            let day = |k: usize| DAYS.get(k).map(|&(y, m, d)| date(y, m, d));
            let from = day(i.min(j)).filter(|_| r.chance(70));
            let until = day(i.max(j)).filter(|_| r.chance(70));
            Period::new(from, until)
        }

        fn target(r: &mut Rng, posts: &[PostId], units: &[UnitId], parties: &[PartyId]) -> Option<Target> {
            match r.below(3) {
                0 => r.pick(posts).map(Target::Post),
                1 if !parties.is_empty() => r.pick(parties).map(Target::Party),
                _ => r.pick(units).map(Target::Unit),
            }
        }

        /// A design from `seed`; an edit the design refuses is left out.
        pub(super) fn design(seed: u64) -> Design {
            let r = &mut Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut d = Design::new("random");
            let mut parties = Vec::new();
            for k in 0..r.below(3) {
                let kind = if r.chance(50) { PartyKind::College } else { PartyKind::Raad };
                let mut p = Party::new(format!("party{k}"), "P", kind);
                p.valid = period(r);
                parties.extend(d.add_party(p).ok());
            }
            let units = units(r, &mut d);
            let posts = posts(r, &mut d, &units, &parties);
            for &u in &units {
                if r.chance(30) {
                    let _ = d.set_unit_head(u, r.pick(&posts));
                }
                if r.chance(15) {
                    let coach = r.pick(&posts).filter(|_| r.chance(50));
                    let _ = d.set_unit_self_steering(u, Some(SelfSteering::new(r.pick(&posts), coach)));
                }
            }
            let mut people = Vec::new();
            for k in 0..1 + r.below(8) {
                let mut person = Person::new(format!("person{k}"));
                person.fte = r.chance(30).then_some(0.5);
                people.extend(d.add_person(person).ok());
            }
            for _ in 0..r.below(12) {
                let (Some(person), Some(post)) = (r.pick(&people), r.pick(&posts)) else { continue };
                let mut a = Appointment::new(person, post, if r.chance(50) { 1.0 } else { 0.6 });
                a.valid = period(r);
                a.acting = r.chance(15);
                let _ = d.add_appointment(a);
            }
            steering(r, &mut d, &posts, &units, &parties);
            d
        }

        fn units(r: &mut Rng, d: &mut Design) -> Vec<UnitId> {
            let kinds = [UnitKind::Directie, UnitKind::Eenheid, UnitKind::Team, UnitKind::Community];
            let mut units: Vec<UnitId> = Vec::new();
            for k in 0..2 + r.below(5) {
                let mut u = Unit::new(format!("u{k}"), format!("U{k}"), kinds[r.below(kinds.len())]);
                u.valid = period(r);
                u.parent = r.pick(&units).filter(|_| r.chance(60));
                u.kernopdracht = r.chance(40).then(|| "werk".into());
                if let (Some(a), Some(b)) = (r.pick(&units), r.pick(&units))
                    && u.valid == Period::ALWAYS
                    && r.chance(25)
                {
                    let parents = vec![
                        Dated::new(a, Period::new(None, Some(date(2022, 6, 1)))),
                        Dated::new(b, Period::new(Some(date(2022, 6, 2)), None)),
                    ];
                    u.dated = Some(Box::new(UnitDated::default().with_parent(parents)));
                }
                units.extend(d.add_unit(u).ok());
            }
            units
        }

        fn posts(r: &mut Rng, d: &mut Design, units: &[UnitId], parties: &[PartyId]) -> Vec<PostId> {
            let roles = ["medewerker", "teammanager", "directeur", "kwartiermaker", "adviseur", "gemeentesecretaris"];
            let mut posts: Vec<PostId> = Vec::new();
            for k in 0..3 + r.below(12) {
                let mut p = Post::new(format!("p{k}"), format!("P{k}"), roles[r.below(roles.len())]);
                p.valid = period(r);
                p.temporary = r.chance(10);
                p.unit = r.pick(units).filter(|_| r.chance(70));
                p.reports_to = r.pick(&posts).filter(|_| r.chance(70));
                if r.chance(25) {
                    p.accountable_to = target(r, &posts, units, parties);
                }
                p.salary = r.chance(50).then_some(50_000.0);
                if let (Some(a), Some(b), Some(ua), Some(ub)) =
                    (r.pick(&posts), r.pick(&posts), r.pick(units), r.pick(units))
                    && p.valid == Period::ALWAYS
                    && r.chance(30)
                {
                    let accountable = Dated::new(Target::Unit(ua), Period::new(Some(date(2020, 6, 1)), None));
                    let dated = PostDated {
                        reports_to: vec![
                            Dated::new(a, Period::new(None, Some(date(2023, 6, 1)))),
                            Dated::new(b, Period::new(Some(date(2023, 6, 2)), None)),
                        ],
                        unit: vec![
                            Dated::new(ua, Period::new(None, Some(date(2021, 6, 1)))),
                            Dated::new(ub, Period::new(Some(date(2021, 6, 2)), Some(date(2025, 1, 1)))),
                        ],
                        fte: vec![Dated::new(0.5, Period::new(None, Some(date(2023, 1, 1))))],
                        accountable_to: if r.chance(50) { vec![accountable] } else { Vec::new() },
                        ..PostDated::default()
                    };
                    p.reports_to = None;
                    p.dated = Some(Box::new(dated));
                }
                posts.extend(d.add_post(p).ok());
            }
            posts
        }

        fn steering(r: &mut Rng, d: &mut Design, posts: &[PostId], units: &[UnitId], parties: &[PartyId]) {
            for k in 0..r.below(6) {
                let (Some(agent), Some(aim)) = (r.pick(posts), target(r, posts, units, parties)) else { continue };
                let mut a = Assignment::new(format!("a{k}"), SteeringKind::Programme, agent, aim);
                a.valid = period(r);
                a.principal = target(r, posts, units, parties).filter(|_| r.chance(70));
                if a.principal.is_some() && r.chance(40) {
                    for _ in 0..1 + r.below(3) {
                        a.delegated_principals.extend(target(r, posts, units, parties));
                    }
                }
                a.escalation = target(r, posts, units, parties).filter(|_| r.chance(50));
                a.capacity = r.chance(40).then_some(0.3);
                let _ = d.add_assignment(a);
            }
            for _ in 0..r.below(6) {
                let (Some(post), Some(unit)) = (r.pick(posts), r.pick(units)) else { continue };
                let mut m = Membership::new(post, unit);
                m.valid = period(r);
                let _ = d.add_membership(m);
            }
            for _ in 0..r.below(5) {
                let (Some(post), Some(unit)) = (r.pick(posts), r.pick(units)) else { continue };
                let mut f = Portfolio::new(post, unit);
                f.valid = period(r);
                let _ = d.add_portfolio(f);
            }
        }
    }
}
