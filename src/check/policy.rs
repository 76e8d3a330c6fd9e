//! Policies: which rules run, how serious their findings are, and their thresholds.
//!
//! A policy is a small TOML file. It may start from a preset (`extends`), sets
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
use std::path::Path;

use jiff::civil::Date;

use crate::diagnostic::Severity;

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
}

impl OptionKind {
    /// The default as a value.
    pub fn default_value(&self) -> OptionValue {
        match *self {
            OptionKind::Integer { default, .. } => OptionValue::Integer(default),
            OptionKind::Number { default, .. } => OptionValue::Number(default),
            OptionKind::Boolean { default } => OptionValue::Boolean(default),
            OptionKind::Strings { default } => OptionValue::Strings(default.iter().map(|s| (*s).to_owned()).collect()),
        }
    }

    /// The accepted values in words, for error messages and `harkje rules`.
    pub fn accepted(&self) -> String {
        match *self {
            OptionKind::Integer { min, max, .. } => format!("a whole number from {min} to {max}"),
            OptionKind::Number { min, max, .. } => format!("a number from {min} to {max}"),
            OptionKind::Boolean { .. } => "`true` or `false`".to_owned(),
            OptionKind::Strings { .. } => "a list of strings".to_owned(),
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
        }
    }
}

/// The options of one rule for one check: the policy's values over the defaults.
///
/// The policy has checked every value against the rule's [`OptionSpec`]s, so
/// a rule can read its options without handling errors. Asking for an option
/// the rule does not declare gives zero, `false` or an empty list.
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

    /// A whole-number option.
    pub fn integer(&self, name: &str) -> i64 {
        match self.values.get(name) {
            Some(OptionValue::Integer(i)) => *i,
            _ => 0,
        }
    }

    /// A number option (a whole number given for it also counts).
    pub fn number(&self, name: &str) -> f64 {
        match self.values.get(name) {
            Some(OptionValue::Number(x)) => *x,
            Some(OptionValue::Integer(i)) => *i as f64,
            _ => 0.0,
        }
    }

    /// A flag option.
    pub fn boolean(&self, name: &str) -> bool {
        matches!(self.values.get(name), Some(OptionValue::Boolean(true)))
    }

    /// A list option.
    pub fn strings(&self, name: &str) -> &[String] {
        match self.values.get(name) {
            Some(OptionValue::Strings(v)) => v,
            _ => &[],
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
/// let policy = Policy::from_toml_str(r#"
///     extends = "almelo-2018"
///     [rules.span-too-wide]
///     max = 12
/// "#)?;
/// assert_eq!(policy.extends(), Some("almelo-2018"));
///
/// let bad = Policy::from_toml_str("[rules.span-too-wide]\nmax = -3").unwrap_err();
/// assert_eq!(
///     bad.to_string(),
///     "policy: `rules.span-too-wide.max` is -3, but must be a whole number from 1 to 100000"
/// );
/// # Ok::<(), harkje::check::PolicyError>(())
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

/// What went wrong reading a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyErrorKind {
    /// The file could not be read.
    Io,
    /// The text is not valid TOML.
    Syntax,
    /// A key that policies do not have (a rule, option or top-level key).
    UnknownKey,
    /// A value of the wrong type.
    WrongType,
    /// A value outside the accepted range.
    OutOfRange,
    /// `extends` names a preset that does not exist, or presets extend each other in a loop.
    UnknownPreset,
}

/// An error reading a policy: it names the key and the accepted values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// What kind of problem.
    pub kind: PolicyErrorKind,
    /// Where: the file, or the preset's name, or `policy` for a string.
    pub source: String,
    /// The dotted key, such as `rules.span-too-wide.max`; empty for the whole file.
    pub key: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}: `{}` {}", self.source, self.key, self.message)
        }
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// A preset by name: `generic`, `almelo-2018`, `de-bilt-2018` or `hengelo-2021`.
    ///
    /// ```
    /// let p = harkje::check::Policy::preset("de-bilt-2018")?;
    /// assert_eq!(p.name(), "de-bilt-2018");
    /// # Ok::<(), harkje::check::PolicyError>(())
    /// ```
    pub fn preset(name: &str) -> Result<Policy, PolicyError> {
        let text = preset_text(name).ok_or_else(|| unknown_preset("policy", name))?;
        let mut p = parse(text, name, &builtin_metas(), 0)?;
        p.name = name.to_owned();
        Ok(p)
    }

    /// The names of the presets that ship with harkje.
    pub fn preset_names() -> impl Iterator<Item = &'static str> {
        PRESETS.iter().map(|(n, _)| *n)
    }

    /// Reads a policy from TOML text, checked against the built-in rules.
    pub fn from_toml_str(text: &str) -> Result<Policy, PolicyError> {
        parse(text, "policy", &builtin_metas(), 0)
    }

    /// Reads a policy from TOML text that may also configure custom rules.
    pub fn from_toml_str_with(text: &str, custom: &[&dyn Rule]) -> Result<Policy, PolicyError> {
        let mut metas = builtin_metas();
        metas.extend(custom.iter().map(|r| r.meta()));
        parse(text, "policy", &metas, 0)
    }

    /// Reads a policy file, checked against the built-in rules.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let path = path.as_ref();
        let source = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PolicyError {
            kind: PolicyErrorKind::Io,
            source: source.clone(),
            key: String::new(),
            message: format!("cannot be read: {e}"),
        })?;
        let mut p = parse(&text, &source, &builtin_metas(), 0)?;
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

fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

fn unknown_preset(source: &str, name: &str) -> PolicyError {
    let names: Vec<String> = PRESETS.iter().map(|(n, _)| format!("`{n}`")).collect();
    PolicyError {
        kind: PolicyErrorKind::UnknownPreset,
        source: source.to_owned(),
        key: "extends".to_owned(),
        message: format!("names `{name}`, which is not a preset; the presets are {}", names.join(", ")),
    }
}

struct Ctx<'a> {
    source: &'a str,
}

impl Ctx<'_> {
    fn err(&self, kind: PolicyErrorKind, key: impl Into<String>, message: impl Into<String>) -> PolicyError {
        PolicyError { kind, source: self.source.to_owned(), key: key.into(), message: message.into() }
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

fn parse(text: &str, source: &str, metas: &[&RuleMeta], depth: usize) -> Result<Policy, PolicyError> {
    let cx = Ctx { source };
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let place = e.span().map(|s| line_col(text, s.start)).map(|(l, c)| format!(" at {l}:{c}")).unwrap_or_default();
        cx.err(PolicyErrorKind::Syntax, "", format!("is not valid TOML{place}: {}", e.message().trim_end_matches('.')))
    })?;

    // Start from the preset it extends, or from the defaults.
    let mut policy = match table.get("extends") {
        None => Policy { name: "inline".to_owned(), ..Policy::default() },
        Some(toml::Value::String(name)) => {
            if depth >= MAX_EXTENDS {
                return Err(cx.err(PolicyErrorKind::UnknownPreset, "extends", "chains presets in a loop"));
            }
            let base = preset_text(name).ok_or_else(|| unknown_preset(source, name))?;
            let mut p = parse(base, name, metas, depth + 1)?;
            p.extends = Some(name.clone());
            p.name = "inline".to_owned();
            p
        }
        Some(v) => {
            return Err(cx.err(
                PolicyErrorKind::WrongType,
                "extends",
                format!("is {}, but must be the name of a preset as a string", type_name(v)),
            ));
        }
    };

    for (key, value) in &table {
        match key.as_str() {
            "extends" => {}
            "name" | "description" => {
                let toml::Value::String(s) = value else {
                    return Err(cx.err(
                        PolicyErrorKind::WrongType,
                        key.as_str(),
                        format!("is {}, but must be a string", type_name(value)),
                    ));
                };
                if key == "name" {
                    policy.name = s.clone();
                }
            }
            "as_of" => policy.as_of = Some(parse_date(&cx, value)?),
            "top_roles" => policy.top_roles = parse_strings(&cx, "top_roles", value)?,
            "rules" => {
                let toml::Value::Table(rules) = value else {
                    return Err(cx.err(
                        PolicyErrorKind::WrongType,
                        "rules",
                        format!("is {}, but must be a table of rule tables", type_name(value)),
                    ));
                };
                for (name, body) in rules {
                    let meta = metas.iter().find(|m| m.name == name.as_str()).ok_or_else(|| {
                        cx.err(
                            PolicyErrorKind::UnknownKey,
                            format!("rules.{name}"),
                            format!("is not a rule; the rules are {}", accepted_rules(metas)),
                        )
                    })?;
                    let setting = policy.rules.entry(name.clone()).or_default();
                    parse_rule(&cx, meta, body, setting)?;
                }
            }
            other => {
                return Err(cx.err(
                    PolicyErrorKind::UnknownKey,
                    other,
                    "is not a policy key; the keys are `extends`, `name`, `description`, `as_of`, `top_roles` and `rules`",
                ));
            }
        }
    }
    Ok(policy)
}

fn accepted_rules(metas: &[&RuleMeta]) -> String {
    let mut names: Vec<&str> = metas.iter().map(|m| m.name).collect();
    names.sort_unstable();
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn parse_rule(cx: &Ctx<'_>, meta: &RuleMeta, body: &toml::Value, setting: &mut RuleSetting) -> Result<(), PolicyError> {
    let name = meta.name;
    let toml::Value::Table(body) = body else {
        return Err(cx.err(
            PolicyErrorKind::WrongType,
            format!("rules.{name}"),
            format!("is {}, but must be a table such as `[rules.{name}]`", type_name(body)),
        ));
    };
    for (key, value) in body {
        let full = format!("rules.{name}.{key}");
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
            let Some(level) = level else {
                return Err(cx.err(
                    PolicyErrorKind::WrongType,
                    full,
                    format!("is {}, but must be `error`, `warning`, `info` or `off`", shown(value)),
                ));
            };
            setting.level = Some(level);
            continue;
        }
        let Some(spec) = meta.options.iter().find(|o| o.name == key.as_str()) else {
            let mut keys = vec!["`severity`".to_owned()];
            keys.extend(meta.options.iter().map(|o| format!("`{}`", o.name)));
            return Err(cx.err(
                PolicyErrorKind::UnknownKey,
                full,
                format!("is not an option of `{name}`; its keys are {}", keys.join(", ")),
            ));
        };
        let v = parse_option(cx, &full, spec, value)?;
        setting.options.insert(key.clone(), v);
    }
    Ok(())
}

fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("`{s}`"),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(x) => x.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        other => type_name(other).to_owned(),
    }
}

fn parse_option(cx: &Ctx<'_>, key: &str, spec: &OptionSpec, value: &toml::Value) -> Result<OptionValue, PolicyError> {
    let wrong = || {
        cx.err(
            PolicyErrorKind::WrongType,
            key,
            format!("is {}, but must be {}", type_name(value), spec.kind.accepted()),
        )
    };
    let range = |shown: String| {
        cx.err(PolicyErrorKind::OutOfRange, key, format!("is {shown}, but must be {}", spec.kind.accepted()))
    };
    match (spec.kind, value) {
        (OptionKind::Integer { min, max, .. }, toml::Value::Integer(i)) => {
            if *i < min || *i > max {
                return Err(range(i.to_string()));
            }
            Ok(OptionValue::Integer(*i))
        }
        (OptionKind::Number { min, max, .. }, toml::Value::Integer(_) | toml::Value::Float(_)) => {
            let x = match value {
                toml::Value::Integer(i) => *i as f64,
                toml::Value::Float(x) => *x,
                _ => return Err(wrong()),
            };
            if !x.is_finite() || x < min || x > max {
                return Err(range(x.to_string()));
            }
            Ok(OptionValue::Number(x))
        }
        (OptionKind::Boolean { .. }, toml::Value::Boolean(b)) => Ok(OptionValue::Boolean(*b)),
        (OptionKind::Strings { .. }, _) => parse_strings(cx, key, value).map(OptionValue::Strings),
        _ => Err(wrong()),
    }
}

fn parse_strings(cx: &Ctx<'_>, key: &str, value: &toml::Value) -> Result<Vec<String>, PolicyError> {
    let err =
        || cx.err(PolicyErrorKind::WrongType, key, format!("is {}, but must be a list of strings", type_name(value)));
    let toml::Value::Array(items) = value else { return Err(err()) };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            toml::Value::String(s) => out.push(s.clone()),
            _ => return Err(err()),
        }
    }
    Ok(out)
}

fn parse_date(cx: &Ctx<'_>, value: &toml::Value) -> Result<Date, PolicyError> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        _ => String::new(),
    };
    crate::model::parse_day(&text).map_err(|_| {
        cx.err(PolicyErrorKind::WrongType, "as_of", format!("is {}, but must be a date like 2018-03-27", shown(value)))
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
