//! Diagnostics: findings about a design, shared by the checks and the transition engine.
//!
//! A diagnostic is a value, not an error: checking a design never fails, it
//! reports. Each diagnostic names the rule that found it with a stable code
//! and a kebab-case name, says what is wrong in plain words that name the
//! units and posts, points at its subject as a path in the design (such as
//! `posts/kwartiermaker-gebieden`), and carries machine-readable data such as
//! the actual value and the limit.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing to fix.
    Info,
    /// Should be looked at; does not fail a check.
    Warning,
    /// Breaks a principle; fails a check.
    Error,
}

impl Severity {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule's stable code, such as `HK0301`. Codes are never reused.
    pub code: String,
    /// The rule's stable kebab-case name, such as `too-many-management-layers`.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in plain words: lowercase start, no final period,
    /// names of units and posts in backticks.
    pub message: String,
    /// The element the finding is about, as a path such as `posts/gs`.
    pub subject: String,
    /// Other elements involved, as paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Machine-readable data, such as `actual` and `limit`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, serde_json::Value>,
}

impl Diagnostic {
    /// A diagnostic with the required fields and nothing else.
    pub fn new(
        code: impl Into<String>,
        rule: impl Into<String>,
        severity: Severity,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.into(),
            rule: rule.into(),
            severity,
            message: message.into(),
            subject: subject.into(),
            related: Vec::new(),
            help: None,
            data: BTreeMap::new(),
        }
    }

    /// Adds a related element.
    pub fn related(mut self, path: impl Into<String>) -> Self {
        self.related.push(path.into());
        self
    }

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a machine-readable datum.
    pub fn data(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.data.insert(key.to_owned(), value.into());
        self
    }

    /// The order that makes reports deterministic: severity (errors first),
    /// then code, subject and message. Sort findings with
    /// `findings.sort_by(Diagnostic::report_order)`.
    pub fn report_order(&self, other: &Diagnostic) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }

    /// The key behind [`Diagnostic::report_order`].
    pub(crate) fn sort_key(&self) -> (std::cmp::Reverse<Severity>, &str, &str, &str) {
        (std::cmp::Reverse(self.severity), &self.code, &self.subject, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}] {}: {}: {}", self.severity, self.code, self.rule, self.subject, self.message)
    }
}

/// Compares keys in their natural order; defined with the keys, as [`crate::model::natural_cmp`].
pub use crate::model::natural_cmp;
