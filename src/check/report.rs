//! The result of a check: sorted findings, counts, text and JSON.

use std::cmp::Ordering;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::natural_cmp;

/// The version of the JSON contract of [`Report::to_json`].
pub const REPORT_VERSION: u32 = 1;

/// The findings of one check, sorted: errors first, then by rule code, then
/// by subject (keys in natural order), then by message.
///
/// # JSON contract (version 1)
///
/// [`Report::to_json`] writes one object:
///
/// | key | type | meaning |
/// |---|---|---|
/// | `version` | number | `1`; raised when a key changes meaning or goes away |
/// | `design` | string | the design's name |
/// | `as_of` | string | the day judged, `YYYY-MM-DD` |
/// | `policy` | string | the policy's name |
/// | `rules_run` | number | how many rules ran |
/// | `summary` | object | `errors`, `warnings`, `infos`: counts |
/// | `diagnostics` | array | the findings, in report order |
///
/// Each finding has `code`, `rule`, `severity` (`error`, `warning`, `info`),
/// `message` and `subject`, and when they apply `related` (paths), `help`
/// and `data` (an object, such as `{"actual": 5, "limit": 4}`). New keys may
/// be added within a version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    version: u32,
    design: String,
    #[serde(serialize_with = "ser_date")]
    as_of: Date,
    policy: String,
    rules_run: usize,
    summary: Summary,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn ser_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn order(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    b.severity
        .cmp(&a.severity)
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| cmp_path(&a.subject, &b.subject))
        .then_with(|| a.message.cmp(&b.message))
}

/// Paths compare by collection, then by key in natural order.
fn cmp_path(a: &str, b: &str) -> Ordering {
    let (ca, ka) = a.split_once('/').unwrap_or(("", a));
    let (cb, kb) = b.split_once('/').unwrap_or(("", b));
    ca.cmp(cb).then_with(|| natural_cmp(ka, kb))
}

impl Report {
    /// A report of these findings; sorts them. O(k log k) for k findings.
    pub fn new(
        design: String,
        as_of: Date,
        policy: String,
        rules_run: usize,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Self {
        diagnostics.sort_by(order);
        let mut summary = Summary::default();
        for d in &diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        Report { version: REPORT_VERSION, design, as_of, policy, rules_run, summary, diagnostics }
    }

    /// The findings, sorted.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The findings of one rule, by name.
    pub fn of_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.rule == rule)
    }

    /// The day the design was judged on.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.summary.errors
    }

    /// The number of warnings.
    pub fn warnings(&self) -> usize {
        self.summary.warnings
    }

    /// The number of infos.
    pub fn infos(&self) -> usize {
        self.summary.infos
    }

    /// How many rules ran.
    pub fn rules_run(&self) -> usize {
        self.rules_run
    }

    /// Whether any finding is an error: the design breaks a principle.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The one-line summary, such as `2 errors, 1 warning, 0 infos from 24 rules`.
    pub fn summary_line(&self) -> String {
        let s = self.summary;
        format!(
            "{} {}, {} {}, {} {} from {} {}",
            s.errors,
            plural(s.errors, "error", "errors"),
            s.warnings,
            plural(s.warnings, "warning", "warnings"),
            s.infos,
            plural(s.infos, "info", "infos"),
            self.rules_run,
            plural(self.rules_run, "rule", "rules"),
        )
    }

    /// The report as readable text: a header, the findings grouped by rule,
    /// and the one-line summary.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}: checked as of {} with policy {}", self.design, self.as_of, self.policy);
        let mut i = 0;
        while i < self.diagnostics.len() {
            let first = &self.diagnostics[i];
            let mut j = i;
            while j < self.diagnostics.len()
                && self.diagnostics[j].code == first.code
                && self.diagnostics[j].severity == first.severity
            {
                j += 1;
            }
            let _ = writeln!(s, "\n{}[{}] {} ({})", first.severity, first.code, first.rule, j - i);
            for d in &self.diagnostics[i..j] {
                let _ = writeln!(s, "  {}: {}", d.subject, d.message);
                if !d.related.is_empty() {
                    let _ = writeln!(s, "    related: {}", d.related.join(", "));
                }
                if let Some(h) = &d.help {
                    let _ = writeln!(s, "    help: {h}");
                }
            }
            i = j;
        }
        let _ = writeln!(s, "\n{}", self.summary_line());
        s
    }

    /// The report as pretty JSON with a final newline: the versioned contract
    /// described on [`Report`].
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Panics when the report has an error, with every finding in the message.
    /// For policy tests; see [`assert_design_follows`](super::assert_design_follows).
    ///
    /// # Panics
    ///
    /// When [`Report::has_errors`].
    #[allow(clippy::panic, reason = "an assertion for tests: panicking is how it reports")]
    pub fn assert_no_errors(&self) {
        if self.has_errors() {
            panic!("the design `{}` breaks its policy\n\n{}", self.design, self.render_text());
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
