//! Policies: which rules run, how serious their findings are, and their thresholds.
//!
//! A policy is a small TOML file. It may start from a preset or from another
//! policy file (`extends`, a path relative to the file), sets
//! the day the design is judged on (`as_of`), and has one table per rule:
//!
//! ```toml
//! extends = "almelo-2018"
//! as_of = 2018-03-27
//!
//! [rules.span-too-wide]
//! severity = "error"   # error, warning, info or off
//! max = 20
//!
//! [rules.vacant-post]
//! severity = "off"
//! ```
//!
//! Reading a policy checks every key against the rule catalogue: an unknown
//! rule, an unknown option, a value of the wrong type or a threshold out of
//! range is an error that names the key and the accepted values. Nothing runs
//! on a policy that did not read cleanly. The defaults of every rule and option
//! are listed in the `generic` preset (`presets/policy/generic.toml`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::Severity;
use crate::model::Period;
use crate::problem::toml::TomlDoc;
use crate::problem::{LoadError, Position, Problem, ProblemKind};

use super::rules::BUILTIN;
use super::{Rule, RuleMeta};

/// The presets that ship with harkje, as `(name, TOML text)`.
pub const PRESETS: &[(&str, &str)] = &[
    ("almelo-2018", include_str!("../../presets/policy/almelo-2018.toml")),
    ("de-bilt-2018", include_str!("../../presets/policy/de-bilt-2018.toml")),
    ("generic", include_str!("../../presets/policy/generic.toml")),
    ("hengelo-2021", include_str!("../../presets/policy/hengelo-2021.toml")),
];

/// The roles whose posts count as top posts by default (see [`Policy::top_roles`]).
pub const DEFAULT_TOP_ROLES: &[&str] = &["algemeen-directeur", "directeur", "gemeentesecretaris"];

/// How far `extends` may chain before harkje assumes a loop.
const MAX_EXTENDS: usize = 8;

/// The type, default and accepted range of one rule option.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptionKind {
    /// A whole number from `min` to `max`, both included.
    Integer {
        /// The default.
        default: i64,
        /// The smallest accepted value.
        min: i64,
        /// The largest accepted value.
        max: i64,
    },
    /// A number from `min` to `max`, both included.
    Number {
        /// The default.
        default: f64,
        /// The smallest accepted value.
        min: f64,
        /// The largest accepted value.
        max: f64,
    },
    /// `true` or `false`.
    Boolean {
        /// The default.
        default: bool,
    },
    /// A list of strings, such as role keys.
    Strings {
        /// The default.
        default: &'static [&'static str],
    },
    /// A list of values each in force for a period (see [`DatedOption`]);
    /// empty by default.
    Dated {
        /// The numbers an entry may give besides `from` and `until`.
        fields: &'static [NumberOption],
        /// The plain options of the same rule that give the value for every day instead.
        every_day: &'static [&'static str],
    },
}

impl OptionKind {
    /// The default as a value.
    pub fn default_value(&self) -> OptionValue {
        match *self {
            OptionKind::Integer { default, .. } => OptionValue::Integer(default),
            OptionKind::Number { default, .. } => OptionValue::Number(default),
            OptionKind::Boolean { default } => OptionValue::Boolean(default),
            OptionKind::Strings { default } => OptionValue::Strings(default.iter().map(|s| (*s).to_owned()).collect()),
            OptionKind::Dated { .. } => OptionValue::Dated(DatedValues::default()),
        }
    }

    /// The accepted values in words, for error messages and `harkje rules`.
    pub fn accepted(&self) -> String {
        match *self {
            OptionKind::Integer { min, max, .. } => format!("a whole number from {min} to {max}"),
            OptionKind::Number { min, max, .. } => format!("a number from {min} to {max}"),
            OptionKind::Boolean { .. } => "`true` or `false`".to_owned(),
            OptionKind::Strings { .. } => "a list of strings".to_owned(),
            OptionKind::Dated { fields, .. } => {
                let names: Vec<String> = fields.iter().map(|f| format!("`{}`", f.name)).collect();
                let gives = match names.split_last() {
                    None => String::new(),
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("at least one of {} and {last}", rest.join(", ")),
                };
                format!(
                    "a list of tables, each with `from` and `until` (days, inclusive, either may be left out) and {gives}"
                )
            }
        }
    }
}

/// One option of a rule: its name, type, range, default and meaning.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptionSpec {
    /// The key in the rule's policy table, such as `max`.
    pub name: &'static str,
    /// Type, default and range.
    pub kind: OptionKind,
    /// What it means, in one line.
    pub doc: &'static str,
}

/// A whole-number option of a rule, declared once as a constant of the rule
/// (`SpanTooWide::MAX`). The rule reads it with [`RuleOptions::int`], so a
/// misspelt option is a compile error, and lists it in its
/// [`RuleMeta::options`] with [`IntOption::spec`], so policies, the
/// `generic` preset and `harkje rules` know its range, default and meaning.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IntOption {
    /// The key in the rule's policy table.
    pub name: &'static str,
    /// The default.
    pub default: i64,
    /// The smallest accepted value.
    pub min: i64,
    /// The largest accepted value.
    pub max: i64,
    /// What it means, in one line.
    pub doc: &'static str,
}

impl IntOption {
    /// The option's entry in [`RuleMeta::options`].
    pub const fn spec(&self) -> OptionSpec {
        OptionSpec {
            name: self.name,
            kind: OptionKind::Integer { default: self.default, min: self.min, max: self.max },
            doc: self.doc,
        }
    }
}

/// A number option of a rule; see [`IntOption`]. Read with [`RuleOptions::num`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberOption {
    /// The key in the rule's policy table.
    pub name: &'static str,
    /// The default.
    pub default: f64,
    /// The smallest accepted value.
    pub min: f64,
    /// The largest accepted value.
    pub max: f64,
    /// What it means, in one line.
    pub doc: &'static str,
}

impl NumberOption {
    /// The option's entry in [`RuleMeta::options`].
    pub const fn spec(&self) -> OptionSpec {
        OptionSpec {
            name: self.name,
            kind: OptionKind::Number { default: self.default, min: self.min, max: self.max },
            doc: self.doc,
        }
    }
}

/// A `true`/`false` option of a rule; see [`IntOption`]. Read with [`RuleOptions::flag`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlagOption {
    /// The key in the rule's policy table.
    pub name: &'static str,
    /// The default.
    pub default: bool,
    /// What it means, in one line.
    pub doc: &'static str,
}

impl FlagOption {
    /// The option's entry in [`RuleMeta::options`].
    pub const fn spec(&self) -> OptionSpec {
        OptionSpec { name: self.name, kind: OptionKind::Boolean { default: self.default }, doc: self.doc }
    }
}

/// A list-of-strings option of a rule (role keys, say); see [`IntOption`].
/// Read with [`RuleOptions::list`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListOption {
    /// The key in the rule's policy table.
    pub name: &'static str,
    /// The default.
    pub default: &'static [&'static str],
    /// What it means, in one line.
    pub doc: &'static str,
}

impl ListOption {
    /// The option's entry in [`RuleMeta::options`].
    pub const fn spec(&self) -> OptionSpec {
        OptionSpec { name: self.name, kind: OptionKind::Strings { default: self.default }, doc: self.doc }
    }
}

/// An option of a rule whose value changes over time: a list of entries,
/// each in force from its `from` to its `until` (both days, inclusive,
/// either left out for an open end), with the numbers of its `fields`. See
/// [`IntOption`]; read with [`RuleOptions::dated`].
///
/// In a policy it is an array of tables:
///
/// ```toml
/// [[rules.savings-target-missed.targets]]
/// from = 2020-01-01
/// until = 2020-12-31
/// amount = 400_000.0
/// ```
///
/// Reading refuses entries whose periods overlap (a day has one value at
/// most), an `until` before its `from`, a date with a time, and an entry
/// that gives none of the fields. A day that no entry covers has no value:
/// the rule says so rather than take a neighbour's. A plain option listed
/// in `every_day` gives the value for every day instead; a policy gives one
/// form or the other, and a policy that extends another replaces the
/// other's form with its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DatedOption {
    /// The key in the rule's policy table, such as `targets`.
    pub name: &'static str,
    /// The numbers an entry may give besides `from` and `until`; an entry
    /// gives at least one, and one it leaves out reads as its default.
    pub fields: &'static [NumberOption],
    /// Plain options of the same rule that give the value for every day
    /// instead (they are read when the list is empty).
    pub every_day: &'static [&'static str],
    /// What it means, in one line.
    pub doc: &'static str,
}

impl DatedOption {
    /// The option's entry in [`RuleMeta::options`].
    pub const fn spec(&self) -> OptionSpec {
        OptionSpec {
            name: self.name,
            kind: OptionKind::Dated { fields: self.fields, every_day: self.every_day },
            doc: self.doc,
        }
    }
}

/// One entry of a [`DatedOption`]: a period and the numbers in force in it.
#[derive(Clone, Debug, PartialEq)]
pub struct DatedEntry {
    period: Period,
    values: Vec<(&'static str, f64)>,
}

impl DatedEntry {
    /// An entry in force over `period` with these values, by field name.
    pub fn new(period: Period, values: Vec<(&'static str, f64)>) -> Self {
        DatedEntry { period, values }
    }

    /// The days the entry is in force.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The entry's value of a field, or the field's default when the entry
    /// does not give it.
    pub fn get(&self, field: &NumberOption) -> f64 {
        self.values.iter().find(|(n, _)| *n == field.name).map_or(field.default, |(_, x)| *x)
    }

    /// The period in words: `from 2022-01-01`, `from 2020-01-01 to
    /// 2020-12-31`, `until 2020-12-31` or `on every day`.
    pub fn period_words(&self) -> String {
        period_words(self.period)
    }
}

/// The period in words: `from 2022-01-01`, `from 2020-01-01 to 2020-12-31`,
/// `until 2020-12-31` or `on every day`.
pub(crate) fn period_words(p: Period) -> String {
    match (p.from, p.until) {
        (Some(f), Some(u)) => format!("from {f} to {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => "on every day".to_owned(),
    }
}

/// The entries of a [`DatedOption`], in the order of their periods, which
/// do not overlap: a day has one entry in force at most.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DatedValues {
    entries: Vec<DatedEntry>,
}

impl DatedValues {
    /// The entries in order of their periods. O(n log n).
    ///
    /// # Errors
    /// [`PeriodsOverlap`] naming the first two entries (by their positions
    /// in `entries`) that share a day, or one whose period ends before it
    /// starts.
    pub fn new(entries: Vec<DatedEntry>) -> Result<Self, PeriodsOverlap> {
        if let Some((first, second)) = first_overlap(&entries.iter().map(|e| e.period).collect::<Vec<_>>()) {
            return Err(PeriodsOverlap { first, second });
        }
        let mut entries = entries;
        entries.sort_by_key(|e| e.period.from);
        Ok(DatedValues { entries })
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order of their periods.
    pub fn iter(&self) -> impl Iterator<Item = &DatedEntry> {
        self.entries.iter()
    }

    /// The entry in force on `day`, if any. O(log n).
    pub fn on(&self, day: Date) -> Option<&DatedEntry> {
        let i = self.entries.partition_point(|e| e.period.from.is_none_or(|f| f <= day));
        i.checked_sub(1).and_then(|i| self.entries.get(i)).filter(|e| e.period.contains(day))
    }

    /// The last entry that ended before `day`.
    pub fn before(&self, day: Date) -> Option<&DatedEntry> {
        self.entries.iter().rev().find(|e| e.period.until.is_some_and(|u| u < day))
    }

    /// The first entry that starts after `day`.
    pub fn after(&self, day: Date) -> Option<&DatedEntry> {
        self.entries.iter().find(|e| e.period.from.is_some_and(|f| f > day))
    }
}

/// Two entries of a [`DatedValues`] that share a day, by their positions in
/// the list given; `first == second` when that entry ends before it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("entries {first} and {second} share a day")]
pub struct PeriodsOverlap {
    /// The entry given first.
    pub first: usize,
    /// The entry given later.
    pub second: usize,
}

/// The first two periods (positions in `periods`) that share a day, the
/// later of the two in `periods` second, or an empty period as `(i, i)`.
/// Sorts a copy by start: O(n log n).
fn first_overlap(periods: &[Period]) -> Option<(usize, usize)> {
    if let Some(i) = periods.iter().position(Period::is_empty) {
        return Some((i, i));
    }
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by_key(|&i| (periods[i].from, i));
    // The period seen so far that reaches furthest.
    let mut reach: Option<usize> = None;
    for i in order {
        if let Some(j) = reach {
            let ends_before = periods[j].until.is_some_and(|u| periods[i].from.is_some_and(|f| u < f));
            if !ends_before {
                return Some((j.min(i), j.max(i)));
            }
        }
        let further = reach.is_none_or(|j| match (periods[j].until, periods[i].until) {
            (None, _) => false,
            (_, None) => true,
            (Some(a), Some(b)) => b > a,
        });
        if further {
            reach = Some(i);
        }
    }
    None
}

impl fmt::Display for DatedValues {
    /// As an inline TOML array of tables, as a policy could give it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, e) in self.entries.iter().enumerate() {
            let mut parts = Vec::new();
            if let Some(d) = e.period.from {
                parts.push(format!("from = {d}"));
            }
            if let Some(d) = e.period.until {
                parts.push(format!("until = {d}"));
            }
            parts.extend(e.values.iter().map(|(n, x)| format!("{n} = {}", toml_number(*x))));
            write!(f, "{}{{ {} }}", if i > 0 { ", " } else { "" }, parts.join(", "))?;
        }
        f.write_str("]")
    }
}

/// A number as TOML writes a float: `400000.0`, `0.02`.
fn toml_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{x:.1}") } else { crate::number::exact(x) }
}

/// The value of a rule option.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// A whole number.
    Integer(i64),
    /// A number.
    Number(f64),
    /// A flag.
    Boolean(bool),
    /// A list of strings.
    Strings(Vec<String>),
    /// A list of values, each in force for a period.
    Dated(DatedValues),
}

impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::Integer(i) => write!(f, "{i}"),
            OptionValue::Number(x) => write!(f, "{x}"),
            OptionValue::Boolean(b) => write!(f, "{b}"),
            OptionValue::Strings(v) => {
                let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
                write!(f, "[{}]", items.join(", "))
            }
            OptionValue::Dated(d) => d.fmt(f),
        }
    }
}

/// The options of one rule for one check: the policy's values over the defaults.
///
/// The policy has checked every value against the rule's [`OptionSpec`]s
/// when it was read, so a rule reads its options without handling errors,
/// through its typed option constants: [`int`](RuleOptions::int),
/// [`num`](RuleOptions::num), [`flag`](RuleOptions::flag) and
/// [`list`](RuleOptions::list); code outside a rule reads them the same way
/// (`policy.options(&SpanTooWide::META).int(&SpanTooWide::MAX)`), or lists
/// them all with [`iter`](RuleOptions::iter). There is no reader by name, so
/// a misspelt option cannot silently read as zero.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleOptions {
    values: BTreeMap<&'static str, OptionValue>,
}

impl RuleOptions {
    /// The defaults of a rule, overlaid with the values set in a policy.
    pub fn resolve(specs: &'static [OptionSpec], set: Option<&BTreeMap<String, OptionValue>>) -> Self {
        let values = specs
            .iter()
            .map(|s| (s.name, set.and_then(|m| m.get(s.name)).cloned().unwrap_or_else(|| s.kind.default_value())))
            .collect();
        RuleOptions { values }
    }

    /// A whole-number option of the rule, by its constant.
    pub fn int(&self, option: &IntOption) -> i64 {
        match self.values.get(option.name) {
            Some(OptionValue::Integer(i)) => *i,
            _ => option.default,
        }
    }

    /// A number option of the rule, by its constant.
    pub fn num(&self, option: &NumberOption) -> f64 {
        match self.values.get(option.name) {
            Some(OptionValue::Number(x)) => *x,
            Some(OptionValue::Integer(i)) => *i as f64,
            _ => option.default,
        }
    }

    /// A flag option of the rule, by its constant.
    pub fn flag(&self, option: &FlagOption) -> bool {
        match self.values.get(option.name) {
            Some(OptionValue::Boolean(b)) => *b,
            _ => option.default,
        }
    }

    /// A list option of the rule, by its constant. The defaults of a
    /// declared option are always present; an undeclared one gives the empty list.
    pub fn list(&self, option: &ListOption) -> &[String] {
        match self.values.get(option.name) {
            Some(OptionValue::Strings(v)) => v,
            _ => &[],
        }
    }

    /// A dated option of the rule, by its constant: the entries in the
    /// order of their periods, none when the policy gives none.
    pub fn dated(&self, option: &DatedOption) -> &DatedValues {
        static NONE: DatedValues = DatedValues { entries: Vec::new() };
        match self.values.get(option.name) {
            Some(OptionValue::Dated(d)) => d,
            _ => &NONE,
        }
    }

    /// Every option with its value, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &OptionValue)> {
        self.values.iter().map(|(k, v)| (*k, v))
    }
}

/// How a policy sets a rule's severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule runs and reports at this severity.
    On(Severity),
}

impl Level {
    /// The name used in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        }
    }
}

/// What a policy sets for one rule. Unset parts fall back to the rule's defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSetting {
    /// The severity, or `off`.
    pub level: Option<Level>,
    /// Option values, by option name.
    pub options: BTreeMap<String, OptionValue>,
}

/// A policy: the rules' severities and thresholds, and the day to judge on.
///
/// ```
/// use harkje::check::Policy;
///
/// let policy = Policy::from_toml(r#"
///     extends = "almelo-2018"
///     [rules.span-too-wide]
///     max = 12
/// "#)?;
/// assert_eq!(policy.extends(), Some("almelo-2018"));
///
/// let bad = Policy::from_toml("[rules.span-too-wide]\nmax = -3").unwrap_err();
/// assert_eq!(
///     bad.to_string(),
///     "policy has 1 problem\n  policy:2:7: `rules.span-too-wide.max` is -3, but must be a whole number from 1 to 100000"
/// );
/// # Ok::<(), harkje::problem::LoadError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    name: String,
    extends: Option<String>,
    as_of: Option<Date>,
    top_roles: Vec<String>,
    rules: BTreeMap<String, RuleSetting>,
}

impl Default for Policy {
    /// Every rule at its default severity and thresholds, judged today.
    fn default() -> Self {
        Policy {
            name: "defaults".to_owned(),
            extends: None,
            as_of: None,
            top_roles: DEFAULT_TOP_ROLES.iter().map(|s| (*s).to_owned()).collect(),
            rules: BTreeMap::new(),
        }
    }
}

impl Policy {
    /// A preset by name: `generic`, `almelo-2018`, `de-bilt-2018` or `hengelo-2021`.
    ///
    /// ```
    /// let p = harkje::check::Policy::preset("de-bilt-2018")?;
    /// assert_eq!(p.name(), "de-bilt-2018");
    /// # Ok::<(), harkje::problem::LoadError>(())
    /// ```
    ///
    /// # Errors
    /// A [`LoadError`] of kind [`ProblemKind::UnknownName`] listing the
    /// presets, when `name` is not one.
    pub fn preset(name: &str) -> Result<Policy, LoadError> {
        let Some(text) = preset_text(name) else {
            let p = Problem::at("", Position::default(), unknown_preset(name)).kind(ProblemKind::UnknownName);
            return Err(LoadError::about("policy", vec![p]).named("policy"));
        };
        let mut p = parse(text.as_bytes(), name, &builtin_metas(), 0, Origin::TEXT)?;
        p.name = name.to_owned();
        Ok(p)
    }

    /// The names of the presets that ship with harkje.
    pub fn preset_names() -> impl Iterator<Item = &'static str> {
        PRESETS.iter().map(|(n, _)| *n)
    }

    /// Reads a policy from TOML text, checked against the built-in rules.
    ///
    /// # Errors
    /// A [`LoadError`] named `policy` with every problem, each with its line,
    /// column and key: TOML syntax, an unknown key, rule or option (with the
    /// accepted ones), a value of the wrong type or out of range (with the
    /// accepted values), an unknown preset, a minimum span above the maximum.
    pub fn from_toml(text: &str) -> Result<Policy, LoadError> {
        parse(text.as_bytes(), "policy", &builtin_metas(), 0, Origin::TEXT)
    }

    /// Reads a policy from TOML text that may also configure custom rules.
    /// An `extends` path is relative to the current directory.
    ///
    /// # Errors
    /// As [`from_toml`](Policy::from_toml), and a problem for a
    /// custom rule whose name or code is a built-in rule's or another custom
    /// rule's (see [`check_custom_rules`](super::check_custom_rules)).
    pub fn from_toml_with(text: &str, custom: &[&dyn Rule]) -> Result<Policy, LoadError> {
        let metas = all_metas(custom, "policy")?;
        parse(text.as_bytes(), "policy", &metas, 0, Origin::TEXT)
    }

    /// Reads a policy file, checked against the built-in rules.
    ///
    /// # Errors
    /// A [`LoadError`] named after the file: of kind [`ProblemKind::Io`] with
    /// the `io::Error` as its source when the file cannot be read, else as
    /// [`from_toml`](Policy::from_toml) (bytes that are not UTF-8 are
    /// a problem with their place).
    ///
    /// `extends` names a preset, or another policy file by a path relative to
    /// this one (a name with a `/` or ending in `.toml`); a chain of files
    /// that comes back to one of its files is refused.
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Policy, LoadError> {
        Policy::from_toml_file_with(path, &[])
    }

    /// Reads a policy file that may also configure a crate's own custom
    /// rules, as [`from_toml_file`](Policy::from_toml_file) does for the built-in ones.
    /// The files it extends may configure them too.
    ///
    /// ```no_run
    /// # use harkje::check::{Checker, Policy, Rule};
    /// # fn our_rules() -> Vec<Box<dyn Rule>> { Vec::new() }
    /// let rules = our_rules();
    /// let custom: Vec<&dyn Rule> = rules.iter().map(|r| r.as_ref()).collect();
    /// let policy = Policy::from_toml_file_with("policy/ci.toml", &custom)?;
    /// let mut checker = Checker::new(policy);
    /// for rule in rules {
    ///     checker = checker.with_rule(rule)?;
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_toml_file`](Policy::from_toml_file) and
    /// [`from_toml_with`](Policy::from_toml_with).
    pub fn from_toml_file_with(path: impl AsRef<Path>, custom: &[&dyn Rule]) -> Result<Policy, LoadError> {
        let path = path.as_ref();
        let source = path.display().to_string();
        let metas = all_metas(custom, &source)?;
        let text = std::fs::read(path).map_err(|e| LoadError::io("read", path, e))?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let chain = [canonical];
        let origin = Origin { dir: path.parent(), chain: &chain };
        let mut p = parse(&text, &source, &metas, 0, origin)?;
        p.name = file_name(path);
        Ok(p)
    }

    /// The policy's name: the preset's name, the file's name, or `inline` for text.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The preset this policy extends, if any.
    pub fn extends(&self) -> Option<&str> {
        self.extends.as_deref()
    }

    /// The day the design is judged on, if the policy sets one. Without it
    /// the check judges the design as it stands today.
    pub fn as_of(&self) -> Option<Date> {
        self.as_of
    }

    /// Sets the day to judge on (the CLI's `--as-of`).
    pub fn with_as_of(mut self, day: Date) -> Self {
        self.as_of = Some(day);
        self
    }

    /// The roles whose posts are top posts when they have no line manager,
    /// next to every post placed in a `directie` unit. Policy key `top_roles`;
    /// default `["algemeen-directeur", "directeur", "gemeentesecretaris"]`.
    pub fn top_roles(&self) -> &[String] {
        &self.top_roles
    }

    /// What the policy sets for a rule, if anything.
    pub fn setting(&self, rule: &str) -> Option<&RuleSetting> {
        self.rules.get(rule)
    }

    /// Sets a rule's severity, or turns it off, in code.
    pub fn set_level(mut self, rule: &str, level: Level) -> Self {
        self.rules.entry(rule.to_owned()).or_default().level = Some(level);
        self
    }

    /// The level a rule runs at under this policy.
    pub fn level(&self, meta: &RuleMeta) -> Level {
        self.rules.get(meta.name).and_then(|s| s.level).unwrap_or(Level::On(meta.severity))
    }

    /// The options a rule runs with under this policy.
    pub fn options(&self, meta: &RuleMeta) -> RuleOptions {
        RuleOptions::resolve(meta.options, self.rules.get(meta.name).map(|s| &s.options))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn builtin_metas() -> Vec<&'static RuleMeta> {
    BUILTIN.iter().map(|r| r.meta()).collect()
}

/// The built-in rules' metadata and the custom rules', refused when a
/// custom rule takes a name or code that is already taken.
fn all_metas<'r>(custom: &[&'r dyn Rule], what: &str) -> Result<Vec<&'r RuleMeta>, LoadError> {
    if let Err(e) = super::check_custom_rules(custom.iter().copied()) {
        let p = Problem::at("", Position::default(), e.to_string()).kind(ProblemKind::Invalid);
        return Err(LoadError::about(what, vec![p]).named(what));
    }
    let mut metas = builtin_metas();
    metas.extend(custom.iter().map(|r| r.meta()));
    Ok(metas)
}

fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

fn unknown_preset(name: &str) -> String {
    let names: Vec<String> = PRESETS.iter().map(|(n, _)| format!("`{n}`")).collect();
    format!("`extends` names `{name}`, which is not a preset; the presets are {}", names.join(", "))
}

/// Reads one policy text, collecting every problem with its place.
struct Reader<'a> {
    doc: TomlDoc<'a>,
}

impl Reader<'_> {
    /// A problem at the value of a dotted key (or the key's table when the value has no place).
    fn problem(&mut self, keys: &[&str], kind: ProblemKind, message: String) {
        let pos = self.doc.span_of(keys).map(|s| self.doc.position(s.start)).unwrap_or_default();
        self.doc.problems.push(Problem::at("", pos, message).kind(kind));
    }

    /// A problem in entry `index` of the array at a dotted key, at the value
    /// of its `field` (or at the entry, or the array, when that has no place).
    fn problem_in(&mut self, keys: &[&str], index: usize, field: Option<&str>, kind: ProblemKind, message: String) {
        let span = item_span(self.doc.text, keys, index, field).or_else(|| self.doc.span_of(keys));
        let pos = span.map(|s| self.doc.position(s.start)).unwrap_or_default();
        self.doc.problems.push(Problem::at("", pos, message).kind(kind));
    }
}

/// The byte range of entry `index` of the array at a dotted key, or of the
/// value of its `field`, if the text parses.
fn item_span(text: &str, keys: &[&str], index: usize, field: Option<&str>) -> Option<std::ops::Range<usize>> {
    use toml::de::DeValue;
    let doc = toml::de::DeTable::parse(text).ok()?;
    let (last, path) = keys.split_last()?;
    let mut table = doc.get_ref();
    for key in path {
        match table.iter().find(|(k, _)| k.get_ref() == key)?.1.get_ref() {
            DeValue::Table(t) => table = t,
            _ => return None,
        }
    }
    let DeValue::Array(items) = table.iter().find(|(k, _)| k.get_ref() == last)?.1.get_ref() else { return None };
    let item = items.get(index)?;
    match (field, item.get_ref()) {
        (Some(field), DeValue::Table(t)) => t.iter().find(|(k, _)| k.get_ref() == field).map(|(_, v)| v.span()),
        _ => Some(item.span()),
    }
}

fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "a whole number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
}

/// Where a policy text comes from, for `extends` with a path.
#[derive(Clone, Copy)]
struct Origin<'a> {
    /// The directory a relative `extends` path starts from: the including
    /// file's, or the current directory for text.
    dir: Option<&'a Path>,
    /// The policy files being read, outermost first, to find a loop.
    chain: &'a [PathBuf],
}

impl Origin<'_> {
    const TEXT: Origin<'static> = Origin { dir: None, chain: &[] };
}

/// Whether `extends` names a policy file rather than a preset: a preset name
/// has no path separator and no `.toml` ending.
fn names_a_file(extends: &str) -> bool {
    extends.ends_with(".toml") || extends.contains('/') || extends.contains(std::path::MAIN_SEPARATOR)
}

fn parse(
    bytes: &[u8],
    source: &str,
    metas: &[&RuleMeta],
    depth: usize,
    origin: Origin<'_>,
) -> Result<Policy, LoadError> {
    let doc = TomlDoc::new(bytes, source)?;
    let table: toml::Table = doc.parse()?;
    let mut r = Reader { doc };

    // Start from the preset or file it extends, or from the defaults.
    let mut policy = Policy { name: "inline".to_owned(), ..Policy::default() };
    match table.get("extends") {
        None => {}
        Some(toml::Value::String(name)) if names_a_file(name) => {
            if let Some(p) = extend_file(&mut r, name, metas, depth, origin)? {
                policy = p;
            }
        }
        Some(toml::Value::String(name)) => match preset_text(name) {
            _ if depth >= MAX_EXTENDS => {
                r.problem(&["extends"], ProblemKind::UnknownName, "`extends` chains presets in a loop".to_owned());
            }
            None => r.problem(&["extends"], ProblemKind::UnknownName, unknown_preset(name)),
            Some(base) => {
                let mut p = parse(base.as_bytes(), name, metas, depth + 1, Origin::TEXT)?;
                p.extends = Some(name.clone());
                p.name = "inline".to_owned();
                policy = p;
            }
        },
        Some(v) => r.problem(
            &["extends"],
            ProblemKind::WrongType,
            format!(
                "`extends` is {}, but must be the name of a preset or the path of a policy file, as a string",
                type_name(v)
            ),
        ),
    }

    for (key, value) in &table {
        match key.as_str() {
            "extends" => {}
            "name" | "description" => match value {
                toml::Value::String(s) if key == "name" => policy.name = s.clone(),
                toml::Value::String(_) => {}
                _ => r.problem(
                    &[key],
                    ProblemKind::WrongType,
                    format!("`{key}` is {}, but must be a string", type_name(value)),
                ),
            },
            "as_of" => {
                if let Some(d) = parse_date(&mut r, value) {
                    policy.as_of = Some(d);
                }
            }
            "top_roles" => {
                if let Some(roles) = parse_strings(&mut r, &["top_roles"], value) {
                    policy.top_roles = roles;
                }
            }
            "rules" => {
                let toml::Value::Table(rules) = value else {
                    r.problem(
                        &["rules"],
                        ProblemKind::WrongType,
                        format!("`rules` is {}, but must be a table of rule tables", type_name(value)),
                    );
                    continue;
                };
                for (name, body) in rules {
                    let Some(meta) = metas.iter().find(|m| m.name == name.as_str()) else {
                        r.problem(
                            &["rules", name],
                            ProblemKind::UnknownKey,
                            format!("`rules.{name}` is not a rule; the rules are {}", accepted_rules(metas)),
                        );
                        continue;
                    };
                    let setting = policy.rules.entry(name.clone()).or_default();
                    parse_rule(&mut r, meta, body, setting);
                }
            }
            other => r.problem(
                &[other],
                ProblemKind::UnknownKey,
                format!(
                    "`{other}` is not a policy key; the keys are `extends`, `name`, `description`, `as_of`, `top_roles` and `rules`"
                ),
            ),
        }
    }
    check_spans(&mut r, &policy, metas);
    check_baselines(&mut r, &policy, metas);
    r.doc.finish(policy)
}

/// Reads the policy file that `extends` names, relative to the including
/// file. A file that cannot be read, or that is already being read (a loop),
/// is a problem at `extends`; the problems inside the file are its own.
fn extend_file(
    r: &mut Reader<'_>,
    name: &str,
    metas: &[&RuleMeta],
    depth: usize,
    origin: Origin<'_>,
) -> Result<Option<Policy>, LoadError> {
    let path = origin.dir.map_or_else(|| PathBuf::from(name), |d| d.join(name));
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            let shown = path.display();
            r.problem(&["extends"], ProblemKind::Io, format!("`extends` names `{shown}`, which cannot be read: {e}"));
            return Ok(None);
        }
    };
    let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if depth >= MAX_EXTENDS || origin.chain.contains(&canonical) {
        let mut files: Vec<String> = origin.chain.iter().map(|p| format!("`{}`", file_name(p))).collect();
        files.push(format!("`{}`", file_name(&canonical)));
        r.problem(
            &["extends"],
            ProblemKind::Invalid,
            format!("`extends` chains policy files in a loop: {}", files.join(" extends ")),
        );
        return Ok(None);
    }
    let mut chain = origin.chain.to_vec();
    chain.push(canonical);
    let source = path.display().to_string();
    let next = Origin { dir: path.parent(), chain: &chain };
    let mut p = parse(&bytes, &source, metas, depth + 1, next)?;
    p.extends = Some(name.to_owned());
    p.name = "inline".to_owned();
    Ok(Some(p))
}

/// A minimum span above the maximum span finds a fault in every manager.
fn check_spans(r: &mut Reader<'_>, policy: &Policy, metas: &[&RuleMeta]) {
    use crate::check::rules::layers::{SpanTooNarrow, SpanTooWide};
    if !metas.iter().any(|m| m.name == SpanTooNarrow::META.name) {
        return;
    }
    let off = |m: &RuleMeta| policy.level(m) == Level::Off;
    if off(&SpanTooNarrow::META) || off(&SpanTooWide::META) {
        return;
    }
    let min = policy.options(&SpanTooNarrow::META).int(&SpanTooNarrow::MIN);
    let max = policy.options(&SpanTooWide::META).int(&SpanTooWide::MAX);
    if min > max {
        let (narrow, wide) = (SpanTooNarrow::META.name, SpanTooWide::META.name);
        // Place it at whichever of the two this text sets.
        let keys: [&str; 3] = if r.doc.span_of(&["rules", narrow, "min"]).is_some() {
            ["rules", narrow, "min"]
        } else {
            ["rules", wide, "max"]
        };
        r.problem(
            &keys,
            ProblemKind::OutOfRange,
            format!(
                "`rules.{narrow}.min` is {min}, above `rules.{wide}.max` of {max}; every manager would break one of the two"
            ),
        );
    }
}

fn accepted_rules(metas: &[&RuleMeta]) -> String {
    let mut names: Vec<&str> = metas.iter().map(|m| m.name).collect();
    names.sort_unstable();
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn parse_rule(r: &mut Reader<'_>, meta: &RuleMeta, body: &toml::Value, setting: &mut RuleSetting) {
    let name = meta.name;
    let toml::Value::Table(body) = body else {
        r.problem(
            &["rules", name],
            ProblemKind::WrongType,
            format!("`rules.{name}` is {}, but must be a table such as `[rules.{name}]`", type_name(body)),
        );
        return;
    };
    for (key, value) in body {
        let full = format!("rules.{name}.{key}");
        let keys = ["rules", name, key.as_str()];
        if key == "severity" {
            let level = match value {
                toml::Value::String(s) => match s.as_str() {
                    "error" => Some(Level::On(Severity::Error)),
                    "warning" => Some(Level::On(Severity::Warning)),
                    "info" => Some(Level::On(Severity::Info)),
                    "off" => Some(Level::Off),
                    _ => None,
                },
                _ => None,
            };
            match level {
                Some(level) => setting.level = Some(level),
                None => r.problem(
                    &keys,
                    ProblemKind::WrongType,
                    format!("`{full}` is {}, but must be `error`, `warning`, `info` or `off`", shown(value)),
                ),
            }
            continue;
        }
        let Some(spec) = meta.options.iter().find(|o| o.name == key.as_str()) else {
            let mut accepted = vec!["`severity`".to_owned()];
            accepted.extend(meta.options.iter().map(|o| format!("`{}`", o.name)));
            r.problem(
                &keys,
                ProblemKind::UnknownKey,
                format!("`{full}` is not an option of `{name}`; its keys are {}", accepted.join(", ")),
            );
            continue;
        };
        if let Some(v) = parse_option(r, &keys, &full, spec, value) {
            setting.options.insert(key.clone(), v);
        }
    }
    one_form_of_dated(r, meta, body, setting);
}

/// A dated option and the plain options that give its value for every day
/// are two forms of one setting: a text gives one of them (a plain option of
/// 0 gives nothing, and is allowed beside the list), and the form a text
/// gives replaces the other form inherited through `extends`.
fn one_form_of_dated(r: &mut Reader<'_>, meta: &RuleMeta, body: &toml::Table, setting: &mut RuleSetting) {
    let name = meta.name;
    for spec in meta.options {
        let OptionKind::Dated { every_day, .. } = spec.kind else { continue };
        let dated_here = body.contains_key(spec.name);
        let plain_here: Vec<&str> = every_day.iter().copied().filter(|k| body.contains_key(*k)).collect();
        if dated_here {
            let listed = matches!(setting.options.get(spec.name), Some(OptionValue::Dated(d)) if !d.is_empty());
            for key in &plain_here {
                let nonzero = match setting.options.get(*key) {
                    Some(OptionValue::Number(x)) => *x != 0.0,
                    Some(OptionValue::Integer(i)) => *i != 0,
                    _ => false,
                };
                if listed && nonzero {
                    r.problem(
                        &["rules", name, key],
                        ProblemKind::Invalid,
                        format!(
                            "`rules.{name}.{key}` holds on every day, and `rules.{name}.{}` gives values per period; give one of the two",
                            spec.name
                        ),
                    );
                }
            }
            for key in every_day {
                if !body.contains_key(*key) {
                    setting.options.remove(*key);
                }
            }
        } else if !plain_here.is_empty() {
            setting.options.remove(spec.name);
        }
    }
}

/// Targets and caps are measured from a baseline payroll: one given without
/// it would check nothing, silently.
fn check_baselines(r: &mut Reader<'_>, policy: &Policy, metas: &[&RuleMeta]) {
    use crate::check::rules::people::{ExtraStaffCostOverCap, SavingsTargetMissed};
    let on = |m: &RuleMeta| metas.iter().any(|k| k.name == m.name) && policy.level(m) != Level::Off;
    let positive = |x: f64| x > 0.0;
    if on(&SavingsTargetMissed::META) {
        let o = policy.options(&SavingsTargetMissed::META);
        let given = !o.dated(&SavingsTargetMissed::TARGETS).is_empty()
            || positive(o.num(&SavingsTargetMissed::TARGET_SHARE))
            || positive(o.num(&SavingsTargetMissed::TARGET_AMOUNT));
        if given && !positive(o.num(&SavingsTargetMissed::BASELINE_PAYROLL)) {
            let keys = [
                SavingsTargetMissed::TARGETS.name,
                SavingsTargetMissed::TARGET_SHARE.name,
                SavingsTargetMissed::TARGET_AMOUNT.name,
                SavingsTargetMissed::BASELINE_PAYROLL.name,
            ];
            no_baseline(r, SavingsTargetMissed::META.name, &keys, "a savings target");
        }
    }
    if on(&ExtraStaffCostOverCap::META) {
        let o = policy.options(&ExtraStaffCostOverCap::META);
        if !o.dated(&ExtraStaffCostOverCap::CAPS).is_empty()
            && !positive(o.num(&ExtraStaffCostOverCap::BASELINE_PAYROLL))
        {
            let keys = [ExtraStaffCostOverCap::CAPS.name, ExtraStaffCostOverCap::BASELINE_PAYROLL.name];
            no_baseline(r, ExtraStaffCostOverCap::META.name, &keys, "a cap on extra staff cost");
        }
    }
}

/// The problem of a target or cap without a baseline, at the first of `keys`
/// this text sets (none: a text it extends had the problem already).
fn no_baseline(r: &mut Reader<'_>, rule: &str, keys: &[&str], what: &str) {
    let Some(key) = keys.iter().find(|k| r.doc.span_of(&["rules", rule, k]).is_some()) else { return };
    r.problem(
        &["rules", rule, key],
        ProblemKind::Missing,
        format!(
            "`rules.{rule}` gives {what} but no `baseline_payroll`, the payroll it is measured from; set it in euros a year"
        ),
    );
}

fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("`{s}`"),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(x) => crate::number::exact(*x),
        toml::Value::Boolean(b) => b.to_string(),
        other => type_name(other).to_owned(),
    }
}

fn parse_option(
    r: &mut Reader<'_>,
    keys: &[&str],
    full: &str,
    spec: &OptionSpec,
    value: &toml::Value,
) -> Option<OptionValue> {
    let accepted = spec.kind.accepted();
    let range = |r: &mut Reader<'_>, shown: String| {
        r.problem(keys, ProblemKind::OutOfRange, format!("`{full}` is {shown}, but must be {accepted}"));
        None
    };
    match (spec.kind, value) {
        (OptionKind::Integer { min, max, .. }, toml::Value::Integer(i)) => {
            if *i < min || *i > max {
                return range(r, i.to_string());
            }
            Some(OptionValue::Integer(*i))
        }
        (OptionKind::Number { min, max, .. }, toml::Value::Integer(_) | toml::Value::Float(_)) => {
            let x = match value {
                toml::Value::Integer(i) => *i as f64,
                toml::Value::Float(x) => *x,
                _ => f64::NAN,
            };
            if !x.is_finite() || x < min || x > max {
                return range(r, crate::number::exact(x));
            }
            Some(OptionValue::Number(x))
        }
        (OptionKind::Boolean { .. }, toml::Value::Boolean(b)) => Some(OptionValue::Boolean(*b)),
        (OptionKind::Strings { .. }, _) => parse_strings(r, keys, value).map(OptionValue::Strings),
        (OptionKind::Dated { fields, .. }, _) => parse_dated(r, keys, full, fields, &accepted, value),
        _ => {
            r.problem(
                keys,
                ProblemKind::WrongType,
                format!("`{full}` is {}, but must be {}", type_name(value), spec.kind.accepted()),
            );
            None
        }
    }
}

/// A dated option: an array of tables, each with `from`, `until` and the
/// option's fields. Every problem is placed at its entry and key.
fn parse_dated(
    r: &mut Reader<'_>,
    keys: &[&str],
    full: &str,
    fields: &[NumberOption],
    accepted: &str,
    value: &toml::Value,
) -> Option<OptionValue> {
    let toml::Value::Array(items) = value else {
        r.problem(keys, ProblemKind::WrongType, format!("`{full}` is {}, but must be {accepted}", type_name(value)));
        return None;
    };
    let mut entries = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let at = format!("{full}[{i}]");
        let toml::Value::Table(table) = item else {
            r.problem_in(
                keys,
                i,
                None,
                ProblemKind::WrongType,
                format!("`{at}` is {}, but must be a table", type_name(item)),
            );
            ok = false;
            continue;
        };
        match parse_entry(r, keys, i, &at, fields, table) {
            Some(e) => entries.push(e),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    match DatedValues::new(entries.clone()) {
        Ok(values) => Some(OptionValue::Dated(values)),
        Err(PeriodsOverlap { first: a, second: b }) => {
            let words = |i: usize| entries.get(i).map(|e| e.period_words()).unwrap_or_default();
            let name = keys.last().copied().unwrap_or_default();
            let message = if a == b {
                format!("`{full}[{a}]` ends before it starts")
            } else {
                format!(
                    "`{full}[{b}]` ({}) overlaps `{name}[{a}]` ({}); a day can fall in one period only",
                    words(b),
                    words(a)
                )
            };
            let place = match items.get(b) {
                Some(toml::Value::Table(t)) => first_key(t),
                _ => None,
            };
            r.problem_in(keys, b, place, ProblemKind::Invalid, message);
            None
        }
    }
}

/// The key an entry's problem is placed at when it is about the whole entry:
/// `from`, else `until`, else its first key.
fn first_key(table: &toml::Table) -> Option<&str> {
    ["from", "until"].into_iter().find(|k| table.contains_key(*k)).or_else(|| table.keys().next().map(String::as_str))
}

/// One entry of a dated option, or `None` with its problems added.
fn parse_entry(
    r: &mut Reader<'_>,
    keys: &[&str],
    i: usize,
    at: &str,
    fields: &[NumberOption],
    table: &toml::Table,
) -> Option<DatedEntry> {
    let mut ok = true;
    let mut period = Period::ALWAYS;
    let mut values = Vec::new();
    for (key, value) in table {
        let full = format!("{at}.{key}");
        match key.as_str() {
            "from" | "until" => match read_day(value) {
                Ok(day) if key == "from" => period.from = Some(day),
                Ok(day) => period.until = Some(day),
                Err(why) => {
                    r.problem_in(keys, i, Some(key), ProblemKind::WrongType, format!("`{full}` {why}"));
                    ok = false;
                }
            },
            name => match fields.iter().find(|f| f.name == name) {
                Some(field) => match check_number(field.min, field.max, value) {
                    Ok(x) => values.push((field.name, x)),
                    Err((kind, shown)) => {
                        let accepted = field.spec().kind.accepted();
                        r.problem_in(keys, i, Some(key), kind, format!("`{full}` is {shown}, but must be {accepted}"));
                        ok = false;
                    }
                },
                None => {
                    let mut names = vec!["`from`".to_owned(), "`until`".to_owned()];
                    names.extend(fields.iter().map(|f| format!("`{}`", f.name)));
                    r.problem_in(
                        keys,
                        i,
                        Some(key),
                        ProblemKind::UnknownKey,
                        format!("`{full}` is not a key of `{at}`; its keys are {}", names.join(", ")),
                    );
                    ok = false;
                }
            },
        }
    }
    if let (Some(f), Some(u)) = (period.from, period.until)
        && u < f
    {
        r.problem_in(
            keys,
            i,
            Some("until"),
            ProblemKind::OutOfRange,
            format!("`{at}.until` is {u}, before its `from` of {f}"),
        );
        ok = false;
    }
    if ok && values.is_empty() {
        let names: Vec<String> = fields.iter().map(|f| format!("`{}`", f.name)).collect();
        let message = match names.as_slice() {
            [one] => format!("`{at}` has no {one}"),
            _ => format!("`{at}` gives none of {}", names.join(", ")),
        };
        r.problem_in(keys, i, first_key(table), ProblemKind::Missing, message);
        ok = false;
    }
    ok.then(|| DatedEntry::new(period, values))
}

/// A day read from a TOML date or a string, through [`crate::model::parse_day`],
/// or the rest of a message saying why not (`is a whole number, but …`).
fn read_day(value: &toml::Value) -> Result<Date, String> {
    let like = "must be a day like 2020-01-01";
    let with_time = |text: &str| format!("is {text}, a date with a time; give the day alone, like 2020-01-01");
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.date.is_some() && (d.time.is_some() || d.offset.is_some()) => {
            return Err(with_time(&d.to_string()));
        }
        toml::Value::Datetime(d) => d.to_string(),
        other => return Err(format!("is {}, but {like}", type_name(other))),
    };
    crate::model::parse_day(&text).map_err(|e| match e {
        crate::model::DayError::Time(_) => with_time(&format!("`{text}`")),
        _ => format!("is `{text}`, but {like}"),
    })
}

/// A number in `min..=max`, or the kind of problem and the value as shown.
fn check_number(min: f64, max: f64, value: &toml::Value) -> Result<f64, (ProblemKind, String)> {
    let x = match value {
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(x) => *x,
        other => return Err((ProblemKind::WrongType, type_name(other).to_owned())),
    };
    if !x.is_finite() || x < min || x > max {
        return Err((ProblemKind::OutOfRange, crate::number::exact(x)));
    }
    Ok(x)
}

fn parse_strings(r: &mut Reader<'_>, keys: &[&str], value: &toml::Value) -> Option<Vec<String>> {
    let items = match value {
        toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => items,
        _ => {
            r.problem(
                keys,
                ProblemKind::WrongType,
                format!("`{}` is {}, but must be a list of strings", keys.join("."), type_name(value)),
            );
            return None;
        }
    };
    Some(items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
}

fn parse_date(r: &mut Reader<'_>, value: &toml::Value) -> Option<Date> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        _ => String::new(),
    };
    let date = crate::model::parse_day(&text).ok();
    if date.is_none() {
        r.problem(
            &["as_of"],
            ProblemKind::WrongType,
            format!("`as_of` is {}, but must be a date like 2018-03-27", shown(value)),
        );
    }
    date
}

/// The readers' names before the crate's naming scheme (ARCHITECTURE.md,
/// "Naming"), kept for code written against them.
impl Policy {
    /// Renamed to [`from_toml`](Policy::from_toml).
    ///
    /// # Errors
    /// As [`from_toml`](Policy::from_toml).
    #[deprecated(since = "0.2.0", note = "renamed to `from_toml`")]
    pub fn from_toml_str(text: &str) -> Result<Policy, LoadError> {
        Policy::from_toml(text)
    }

    /// Renamed to [`from_toml_with`](Policy::from_toml_with).
    ///
    /// # Errors
    /// As [`from_toml_with`](Policy::from_toml_with).
    #[deprecated(since = "0.2.0", note = "renamed to `from_toml_with`")]
    pub fn from_toml_str_with(text: &str, custom: &[&dyn Rule]) -> Result<Policy, LoadError> {
        Policy::from_toml_with(text, custom)
    }

    /// Renamed to [`from_toml_file`](Policy::from_toml_file).
    ///
    /// # Errors
    /// As [`from_toml_file`](Policy::from_toml_file).
    #[deprecated(since = "0.2.0", note = "renamed to `from_toml_file`")]
    pub fn from_file(path: impl AsRef<Path>) -> Result<Policy, LoadError> {
        Policy::from_toml_file(path)
    }
}
