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
use serde_json::Value;

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
    #[serde(default, skip_serializing_if = "Data::is_empty")]
    pub data: Data,
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
            data: Data::new(),
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
        self.data.insert(key, value);
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

/// The machine-readable data of a finding: values by name, each name once,
/// in the order of the names (bytewise, as a `BTreeMap<String, Value>` has
/// them), and written as a JSON object in that order.
///
/// A finding has a few data at most, so they are kept in one short list:
/// a report of a hundred thousand findings holds them in a tenth of the
/// memory a map would take.
///
/// ```
/// use harkje::diagnostic::Data;
/// let mut data = Data::new();
/// data.insert("limit", 25);
/// data.insert("actual", 31);
/// assert_eq!(data["actual"], 31);
/// assert!(data["missing"].is_null());
/// assert_eq!(serde_json::to_string(&data)?, r#"{"actual":31,"limit":25}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Data(Vec<(String, Value)>);

impl Data {
    /// No data.
    pub fn new() -> Self {
        Data(Vec::new())
    }

    /// Sets the value of a name, and returns the value it had.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let key = key.into();
        match self.place(&key) {
            Ok(i) => self.0.get_mut(i).map(|(_, v)| std::mem::replace(v, value.into())),
            Err(i) => {
                // Room for one more only: a finding has few data.
                self.0.reserve_exact(1);
                self.0.insert(i, (key, value.into()));
                None
            }
        }
    }

    /// The value of a name.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.place(key).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    /// The value of a name, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.place(key).ok().and_then(|i| self.0.get_mut(i)).map(|(_, v)| v)
    }

    /// Takes out the value of a name.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.place(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Whether the name has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.place(key).is_ok()
    }

    /// How many names have a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no data.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names and their values, in the order of the names.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The values, in the order of their names.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The values, to change, in the order of their names.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut Value> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// Where the name is in the list, or where it would go.
    fn place(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

/// The value of a name, or `null` when it has none (as `serde_json::Value`
/// indexes an object).
impl std::ops::Index<&str> for Data {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Data {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut data = Data::new();
        data.extend(iter);
        data
    }
}

impl<K: Into<String>, V: Into<Value>> Extend<(K, V)> for Data {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl From<BTreeMap<String, Value>> for Data {
    fn from(map: BTreeMap<String, Value>) -> Self {
        // A map is already in the order of its names.
        Data(map.into_iter().collect())
    }
}

/// Shown as a map, `{"actual": Number(31), "limit": Number(25)}`.
impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Data {
    type Item = (&'a str, &'a Value);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a str, &'a Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl IntoIterator for Data {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Serialize for Data {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// Read as a JSON object; a name given twice keeps its last value, as a map would.
impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<String, Value>::deserialize(d).map(Data::from)
    }
}

/// Compares keys in their natural order; defined with the keys, as [`crate::model::natural_cmp`].
pub use crate::model::natural_cmp;

#[cfg(test)]
mod tests {
    use super::*;

    /// The data behave as the map they replace: the same values after the
    /// same inserts, removals and replacements, written as the same JSON,
    /// and read back from it.
    #[test]
    fn data_behave_as_a_map() {
        let names = ["limit", "actual", "fte", "Actual", "a", "zz", "limit_fte", ""];
        let mut data = Data::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        for (step, name) in names.iter().cycle().take(40).enumerate() {
            let value = Value::from(step);
            match step % 5 {
                3 => assert_eq!(data.remove(name), map.remove(*name), "step {step}"),
                _ => {
                    assert_eq!(data.insert(*name, value.clone()), map.insert((*name).to_owned(), value), "step {step}")
                }
            }
            assert_eq!(serde_json::to_string(&data).ok(), serde_json::to_string(&map).ok(), "step {step}");
            assert_eq!(data.len(), map.len());
            for name in names {
                assert_eq!(data.get(name), map.get(name), "step {step}, {name}");
                assert_eq!(data.contains_key(name), map.contains_key(name));
            }
            assert!(data.keys().eq(map.keys().map(String::as_str)));
        }
        let mut by_ref = Vec::new();
        for (name, value) in &data {
            by_ref.push((name, value));
        }
        assert!(by_ref.into_iter().eq(map.iter().map(|(k, v)| (k.as_str(), v))));
        assert_eq!(format!("{data:?}"), format!("{map:?}"));
        let text = serde_json::to_string(&data).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Data>(&text).ok(), Some(data.clone()));
        assert_eq!(Data::from(map), data);
        // A name given twice in a file keeps its last value, as in a map.
        let twice: Data = serde_json::from_str(r#"{"b": 1, "a": 2, "b": 3}"#).unwrap_or_default();
        assert_eq!(twice.iter().collect::<Vec<_>>(), [("a", &Value::from(2)), ("b", &Value::from(3))]);
    }
}
