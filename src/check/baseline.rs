//! Baselines: findings a team has accepted, each with a reason and an end date.
//!
//! A policy says what the principles are; a baseline says which known departures from them
//! are accepted for now, so that a check in CI fails only on what is new. It is a small
//! JSON file, kept in git beside the design:
//!
//! ```json
//! {
//!   "version": 1,
//!   "accepted": [
//!     {
//!       "rule": "span-too-wide",
//!       "subject": "posts/teamleider-wijkzaken",
//!       "reason": "the team is split when the new unit starts",
//!       "until": "2027-03-31"
//!     }
//!   ]
//! }
//! ```
//!
//! Each entry names a rule (by name, such as `span-too-wide`, or code, such as `HK0202`),
//! the subject of the finding (a path such as `posts/gs`, or `*` for every subject of that
//! rule), why it is accepted, and the last day it is accepted on (`YYYY-MM-DD`). Every
//! field is required: an acceptance without a reason or an end is how a baseline rots.
//!
//! Applying a baseline ([`Baseline::apply`]) takes out the findings it accepts and adds
//! findings about the baseline itself:
//!
//! - `HK0001 baseline-entry-expired` (warning): an entry whose end date has passed. It no
//!   longer suppresses anything, so the finding it accepted is reported again beside it.
//! - `HK0002 baseline-entry-unused` (info): an entry that matched no finding; the problem
//!   was fixed, or the entry has a typo. Remove it.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};

use super::{Report, RuleMeta};

/// The version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// The code and name of the finding about an expired baseline entry.
pub const EXPIRED: (&str, &str) = ("HK0001", "baseline-entry-expired");

/// The code and name of the finding about a baseline entry that matched nothing.
pub const UNUSED: (&str, &str) = ("HK0002", "baseline-entry-unused");

/// A set of accepted findings. See the [module docs](self).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The file format's version: 1.
    pub version: u32,
    /// The accepted findings.
    pub accepted: Vec<Accepted>,
}

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// The rule's name or code.
    pub rule: String,
    /// The finding's subject, such as `posts/gs`; `*` for every subject.
    pub subject: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// The last day the finding is accepted on.
    #[serde(with = "strict_date")]
    pub until: Date,
}

/// A baseline file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineError {
    /// The line, from 1; 0 when unknown.
    pub line: usize,
    /// The column, from 1; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// Reads a baseline from its JSON text, and checks that every entry names a rule in
    /// `rules` (the rules of the checker it is used with).
    ///
    /// # Errors
    /// A [`BaselineError`] with line and column for a syntax error, a missing or unknown
    /// field, a date that is not `YYYY-MM-DD`, another version, an empty reason or an
    /// unknown rule (with the nearest rule name as a suggestion).
    pub fn from_json<'a>(text: &str, rules: impl IntoIterator<Item = &'a RuleMeta>) -> Result<Baseline, BaselineError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let b: Baseline = serde_json::from_str(text).map_err(|e| BaselineError {
            line: e.line(),
            column: e.column(),
            message: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
        })?;
        if b.version != BASELINE_VERSION {
            return Err(BaselineError {
                line: 0,
                column: 0,
                message: format!(
                    "version {} is not supported; this harkje reads version {BASELINE_VERSION}",
                    b.version
                ),
            });
        }
        let rules: Vec<&RuleMeta> = rules.into_iter().collect();
        for (i, a) in b.accepted.iter().enumerate() {
            let at =
                |message: String| BaselineError { line: 0, column: 0, message: format!("/accepted/{i}: {message}") };
            if a.reason.trim().is_empty() {
                return Err(at("the reason is empty; say why the finding is accepted".into()));
            }
            if a.subject.trim().is_empty() {
                return Err(at("the subject is empty; give a path such as `posts/gs`, or `*`".into()));
            }
            let known = rules.iter().any(|m| m.name == a.rule || m.code.eq_ignore_ascii_case(&a.rule));
            if !known {
                let hint = crate::suggest::did_you_mean(&a.rule, rules.iter().map(|m| m.name));
                return Err(at(format!("there is no rule `{}`{hint}", a.rule)));
            }
        }
        Ok(b)
    }

    /// A baseline that accepts every finding of `report` at or above `at_least`, one entry
    /// per rule and subject, until `until` and for `reason`. An entry of `previous` that
    /// matches a finding is kept with its reason and end date (an expired one stays
    /// expired: writing a baseline renews nothing). Linear in findings and entries.
    pub fn from_report(
        report: &Report,
        at_least: Severity,
        reason: &str,
        until: Date,
        previous: Option<&Baseline>,
    ) -> Baseline {
        use std::collections::{HashMap, HashSet};
        let mut exact: HashMap<(String, &str), &Accepted> = HashMap::new();
        let mut wildcard: HashMap<String, (usize, &Accepted)> = HashMap::new();
        for (i, a) in previous.map_or(&[][..], |p| &p.accepted[..]).iter().enumerate() {
            let rule = a.rule.to_ascii_lowercase();
            if a.subject == "*" {
                wildcard.entry(rule).or_insert((i, a));
            } else {
                exact.entry((rule, a.subject.as_str())).or_insert(a);
            }
        }
        let mut accepted: Vec<Accepted> = Vec::new();
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut wildcards_kept: HashSet<usize> = HashSet::new();
        for d in report.diagnostics() {
            if d.severity < at_least || d.code == EXPIRED.0 || d.code == UNUSED.0 {
                continue;
            }
            let keys = [d.rule.to_ascii_lowercase(), d.code.to_ascii_lowercase()];
            // A previous `*` entry for the rule goes on covering it, as one entry.
            if let Some((i, a)) = keys.iter().find_map(|k| wildcard.get(k)) {
                if wildcards_kept.insert(*i) {
                    accepted.push((*a).clone());
                }
                continue;
            }
            if !seen.insert((d.rule.as_str(), d.subject.as_str())) {
                continue;
            }
            let kept = keys.iter().find_map(|k| exact.get(&(k.clone(), d.subject.as_str())));
            accepted.push(match kept {
                // An expired entry keeps its end date: writing a baseline renews nothing.
                Some(a) => Accepted { rule: d.rule.clone(), subject: d.subject.clone(), ..(*a).clone() },
                None => Accepted { rule: d.rule.clone(), subject: d.subject.clone(), reason: reason.to_owned(), until },
            });
        }
        Baseline { version: BASELINE_VERSION, accepted }
    }

    /// The baseline as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report without the findings this baseline accepts on `today`, plus a finding
    /// for each entry that has expired (`HK0001`, warning) or matched nothing (`HK0002`,
    /// info). The report counts what was suppressed ([`Report::suppressed`]).
    ///
    /// Linear in the findings and the entries.
    pub fn apply(&self, report: Report, today: Date) -> Report {
        use std::collections::HashMap;
        // Entries by (rule, subject), the rule lowercased: names are lowercase, and codes
        // may be written in any case.
        let mut exact: HashMap<(String, &str), Vec<usize>> = HashMap::new();
        let mut wildcard: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in self.accepted.iter().enumerate() {
            let rule = a.rule.to_ascii_lowercase();
            if a.subject == "*" {
                wildcard.entry(rule).or_default().push(i);
            } else {
                exact.entry((rule, a.subject.as_str())).or_default().push(i);
            }
        }
        let mut used = vec![false; self.accepted.len()];
        let mut kept = Vec::with_capacity(report.diagnostics().len());
        let mut suppressed = 0;
        for d in report.diagnostics() {
            let mut suppress = false;
            for rule in [d.rule.to_ascii_lowercase(), d.code.to_ascii_lowercase()] {
                let hits = exact.get(&(rule.clone(), d.subject.as_str())).into_iter().flatten();
                for &i in hits.chain(wildcard.get(&rule).into_iter().flatten()) {
                    used[i] = true;
                    suppress |= self.accepted[i].until >= today;
                }
            }
            if suppress {
                suppressed += 1;
            } else {
                kept.push(d.clone());
            }
        }
        let mut out = kept;
        for (i, a) in self.accepted.iter().enumerate() {
            if a.until < today {
                out.push(
                    Diagnostic::new(
                        EXPIRED.0,
                        EXPIRED.1,
                        Severity::Warning,
                        a.subject.clone(),
                        format!(
                            "the acceptance of `{}` for `{}` ended on {} (it was accepted because: {})",
                            a.rule, a.subject, a.until, a.reason
                        ),
                    )
                    .help("fix the finding, or extend `until` in the baseline with a reason that still holds")
                    .data("entry", i)
                    .data("until", a.until.to_string()),
                );
            } else if !used[i] {
                out.push(
                    Diagnostic::new(
                        UNUSED.0,
                        UNUSED.1,
                        Severity::Info,
                        a.subject.clone(),
                        format!("the baseline accepts `{}` for `{}`, but there is no such finding", a.rule, a.subject),
                    )
                    .help("remove the entry: the finding was fixed, or the entry names the wrong rule or subject")
                    .data("entry", i),
                );
            }
        }
        report.with_findings(out, suppressed)
    }
}

/// A date written exactly as `YYYY-MM-DD`: a date-time is refused, not cut to its day.
mod strict_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        let shaped = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        let bad = || serde::de::Error::custom(format!("`{s}` is not a date like 2027-03-31"));
        if !shaped {
            return Err(bad());
        }
        s.parse::<Date>().map_err(|_| bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::BUILTIN;

    fn report() -> Report {
        let d = |code: &str, rule: &str, subject: &str| {
            Diagnostic::new(code, rule, Severity::Error, subject, format!("`{subject}` is wrong"))
        };
        let findings = vec![
            d("HK0202", "span-too-wide", "posts/a"),
            d("HK0202", "span-too-wide", "posts/b"),
            d("HK0102", "missing-line-manager", "posts/c"),
        ];
        Report::new("d".into(), jiff::civil::date(2024, 1, 1), "generic".into(), 24, findings)
    }

    fn read(text: &str) -> Baseline {
        Baseline::from_json(text, BUILTIN.iter().map(|r| r.meta())).unwrap()
    }

    #[test]
    fn live_entries_suppress_by_name_or_code_and_expired_ones_are_reported() {
        let b = read(
            r#"{"version": 1, "accepted": [
                {"rule": "span-too-wide", "subject": "posts/a", "reason": "r", "until": "2024-06-30"},
                {"rule": "hk0202", "subject": "posts/b", "reason": "r", "until": "2023-12-31"},
                {"rule": "HK0102", "subject": "*", "reason": "r", "until": "2024-06-30"},
                {"rule": "span-too-wide", "subject": "posts/z", "reason": "r", "until": "2024-06-30"}
            ]}"#,
        );
        let r = b.apply(report(), jiff::civil::date(2024, 6, 30));
        assert_eq!(r.suppressed(), 2);
        let shown: Vec<(&str, &str)> = r.diagnostics().iter().map(|d| (d.code.as_str(), d.subject.as_str())).collect();
        assert_eq!(shown, [("HK0202", "posts/b"), ("HK0001", "posts/b"), ("HK0002", "posts/z")]);
        assert!(r.fails_at(Severity::Error));
    }

    #[test]
    fn a_written_baseline_accepts_everything_once_and_keeps_old_reasons() {
        let old = read(
            r#"{"version": 1, "accepted": [{"rule": "span-too-wide", "subject": "posts/a", "reason": "old", "until": "2020-01-01"}]}"#,
        );
        let b = Baseline::from_report(&report(), Severity::Error, "new", jiff::civil::date(2025, 1, 1), Some(&old));
        assert_eq!(b.accepted.len(), 3);
        assert_eq!((b.accepted[1].reason.as_str(), b.accepted[1].until.year()), ("old", 2020));
        assert_eq!(b.accepted[0].reason, "new");
        let again = read(&b.to_json());
        assert_eq!(again, b);
        // The kept entry is still expired: its finding comes back, with the expiry beside it.
        let r = b.apply(report(), jiff::civil::date(2024, 1, 1));
        assert_eq!(r.suppressed(), 2);
        let shown: Vec<(&str, &str)> = r.diagnostics().iter().map(|d| (d.code.as_str(), d.subject.as_str())).collect();
        assert_eq!(shown, [("HK0202", "posts/a"), ("HK0001", "posts/a")]);
    }
}
