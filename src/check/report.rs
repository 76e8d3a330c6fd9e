//! The result of a check: sorted findings, counts, text and JSON.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::NaturalKey;
use crate::text::Shown;

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
/// | `summary` | object | `errors`, `warnings`, `infos`: counts; `suppressed`: findings a baseline accepted (left out when 0) |
/// | `diagnostics` | array | the findings, in report order |
///
/// Each finding has `code`, `rule`, `severity` (`error`, `warning`, `info`),
/// `message` and `subject`, and when they apply `related` (paths), `help`
/// and `data` (an object, such as `{"actual": 5, "limit": 4}`). New keys may
/// be added within a version.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
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
    /// Findings a baseline accepted; left out of the report.
    #[serde(skip_serializing_if = "is_zero")]
    suppressed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn ser_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// The order of findings: the most serious first, then by code, by subject
/// (its collection, then its key in natural order) and by message. Taken
/// apart once per finding: a report of a million posts may hold a hundred
/// thousand findings.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct OrderKey<'a> {
    severity: std::cmp::Reverse<Severity>,
    code: &'a str,
    collection: &'a str,
    key: NaturalKey<'a>,
    message: &'a str,
}

impl<'a> OrderKey<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        let (collection, key) = d.subject.split_once('/').unwrap_or(("", &d.subject));
        OrderKey {
            severity: std::cmp::Reverse(d.severity),
            code: &d.code,
            collection,
            key: NaturalKey::new(key),
            message: &d.message,
        }
    }
}

/// The findings in their order ([`OrderKey`]), equal ones as they came; each finding's key
/// is taken apart once, and each finding swapped straight to its place ([`crate::permute::into_order`]).
pub(crate) fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let order: Vec<u32> = {
        let mut keys: Vec<(OrderKey<'_>, u32)> =
            diagnostics.iter().enumerate().map(|(i, d)| (OrderKey::of(d), i as u32)).collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, from)| from).collect()
    };
    crate::permute::into_order(&mut diagnostics, order);
    diagnostics
}

impl Report {
    /// A report of these findings; sorts them. O(k log k) for k findings.
    pub fn new(design: String, as_of: Date, policy: String, rules_run: usize, diagnostics: Vec<Diagnostic>) -> Self {
        let diagnostics = sorted(diagnostics);
        let summary = count(&diagnostics, 0);
        Report { version: REPORT_VERSION, design, as_of, policy, rules_run, summary, diagnostics }
    }

    /// A report of findings already in their order ([`sorted`]).
    pub(crate) fn of_sorted(
        design: String,
        as_of: Date,
        policy: String,
        rules_run: usize,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        debug_assert!(diagnostics.windows(2).all(|w| OrderKey::of(&w[0]) <= OrderKey::of(&w[1])));
        let summary = count(&diagnostics, 0);
        Report { version: REPORT_VERSION, design, as_of, policy, rules_run, summary, diagnostics }
    }

    /// The same report with other findings (sorted and counted anew), of which
    /// `suppressed` more were taken out by a baseline.
    pub(crate) fn with_findings(mut self, diagnostics: Vec<Diagnostic>, suppressed: usize) -> Self {
        let diagnostics = sorted(diagnostics);
        self.summary = count(&diagnostics, self.summary.suppressed + suppressed);
        self.diagnostics = diagnostics;
        self
    }

    /// How many findings a baseline accepted and took out of the report.
    pub fn suppressed(&self) -> usize {
        self.summary.suppressed
    }

    /// Whether a finding at `at_least` or more serious is left: the check fails.
    /// `fails_at(Severity::Error)` is [`has_errors`](Report::has_errors).
    pub fn fails_at(&self, at_least: Severity) -> bool {
        let s = self.summary;
        match at_least {
            Severity::Error => s.errors > 0,
            Severity::Warning => s.errors + s.warnings > 0,
            Severity::Info => s.errors + s.warnings + s.infos > 0,
        }
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

    /// The one-line summary, such as `2 errors, 1 warning, 0 infos from 24 rules`,
    /// followed by `; 3 accepted by the baseline` when a baseline took findings out.
    pub fn summary_line(&self) -> String {
        let s = self.summary;
        let accepted =
            if s.suppressed > 0 { format!("; {} accepted by the baseline", s.suppressed) } else { String::new() };
        format!(
            "{} {}, {} {}, {} {} from {} {}{accepted}",
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
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ =
            writeln!(s, "{}: checked as of {} with policy {}", Shown(&self.design), self.as_of, Shown(&self.policy));
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
                let _ = writeln!(s, "  {}: {}", Shown(&d.subject), Shown(&d.message));
                if !d.related.is_empty() {
                    let _ = writeln!(s, "    related: {}", Shown(&d.related.join(", ")));
                }
                if let Some(h) = &d.help {
                    let _ = writeln!(s, "    help: {}", Shown(h));
                }
            }
            i = j;
        }
        let _ = writeln!(s, "\n{}", self.summary_line());
        s
    }

    /// The report as readable text.
    #[deprecated(since = "0.2.0", note = "renamed to `to_text`")]
    pub fn render_text(&self) -> String {
        self.to_text()
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
            panic!("the design `{}` breaks its policy\n\n{}", self.design, self.to_text());
        }
    }
}

fn count(diagnostics: &[Diagnostic], suppressed: usize) -> Summary {
    let mut summary = Summary { suppressed, ..Summary::default() };
    for d in diagnostics {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    summary
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Where a report's findings are in the design file, for the outputs CI systems annotate.
#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    /// The design file as the CI system knows it (a path relative to the repository);
    /// `None` when the design came from standard input.
    pub path: Option<String>,
    /// The line of each subject (`posts/gs`) in the file; see [`SourceFile::locate`].
    pub lines: std::collections::HashMap<String, usize>,
}

impl SourceFile {
    /// The file at `path` with the line of every element found in `text`: each line that
    /// holds `"key": "…"` places the element of the innermost array opened above it
    /// (`"posts": [`) with less indentation, so `posts/gs` is the line of its key. This
    /// reads the layout harkje saves (and most hand-written files); a subject it does not
    /// place is reported on the file as a whole. One pass over the text.
    pub fn locate(path: Option<String>, text: &str) -> SourceFile {
        let mut lines = std::collections::HashMap::new();
        let mut arrays: Vec<(usize, String)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let Some(rest) = trimmed.strip_prefix('"') else { continue };
            let Some((name, value)) = rest.split_once("\":") else { continue };
            let value = value.trim();
            if value.starts_with('[') {
                while arrays.last().is_some_and(|(d, _)| *d >= indent) {
                    arrays.pop();
                }
                arrays.push((indent, name.to_owned()));
            } else if name == "key" {
                let value = value.strip_suffix(',').unwrap_or(value);
                let Ok(key) = serde_json::from_str::<String>(value) else { continue };
                if let Some((_, collection)) = arrays.iter().rev().find(|(d, _)| *d < indent) {
                    lines.entry(format!("{collection}/{key}")).or_insert(i + 1);
                }
            }
        }
        SourceFile { path, lines }
    }
}

/// The SARIF level of a severity.
fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Report {
    /// The report as a SARIF 2.1.0 log (pretty JSON with a final newline), the format code
    /// scanning tools read (GitHub code scanning, GitLab, Azure DevOps).
    ///
    /// One run of the tool `harkje`, whose driver lists `rules` (code as `id`, name,
    /// summary, docs as help, default level). Each finding is a result with its rule's
    /// code as `ruleId`, `level` `error`, `warning` or `note` (for info), its message
    /// (with the help after it), the design file and the line of its subject when
    /// `source` knows them, the subject as a logical location, and a partial fingerprint
    /// made of rule, subject and message, so that a finding keeps its identity between runs.
    pub fn to_sarif<'a>(&self, rules: impl IntoIterator<Item = &'a super::RuleMeta>, source: &SourceFile) -> String {
        use serde_json::{Value, json};
        let rules: Vec<&super::RuleMeta> = rules.into_iter().collect();
        let driver_rules: Vec<Value> = rules
            .iter()
            .map(|m| {
                json!({
                    "id": m.code,
                    "name": m.name,
                    "shortDescription": { "text": m.summary },
                    "help": { "text": m.docs.trim_end(), "markdown": m.docs.trim_end() },
                    "defaultConfiguration": { "level": sarif_level(m.severity) },
                })
            })
            .collect();
        let results: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|d| {
                let mut text = d.message.clone();
                if let Some(h) = &d.help {
                    text.push_str("\nhelp: ");
                    text.push_str(h);
                }
                let mut location = serde_json::Map::new();
                if let Some(path) = &source.path {
                    let mut physical = json!({ "artifactLocation": { "uri": sarif_uri(path) } });
                    let line = source.lines.get(&d.subject).copied().unwrap_or(1);
                    physical["region"] = json!({ "startLine": line });
                    location.insert("physicalLocation".into(), physical);
                }
                location
                    .insert("logicalLocations".into(), json!([{ "fullyQualifiedName": d.subject, "kind": "element" }]));
                let mut result = json!({
                    "ruleId": d.code,
                    "level": sarif_level(d.severity),
                    "message": { "text": text },
                    "locations": [Value::Object(location)],
                    "partialFingerprints": { "harkjeFinding/v1": fingerprint(d) },
                });
                if let Some(i) = rules.iter().position(|m| m.code == d.code) {
                    result["ruleIndex"] = json!(i);
                }
                if !d.related.is_empty() {
                    result["relatedLocations"] = Value::Array(
                        d.related
                            .iter()
                            .enumerate()
                            .map(|(i, r)| json!({ "id": i, "logicalLocations": [{ "fullyQualifiedName": r }] }))
                            .collect(),
                    );
                }
                if !d.data.is_empty() {
                    result["properties"] = json!({ "data": d.data, "rule": d.rule });
                }
                result
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "harkje",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": driver_rules,
                } },
                "properties": {
                    "design": self.design,
                    "asOf": self.as_of.to_string(),
                    "policy": self.policy,
                    "suppressed": self.summary.suppressed,
                },
                "results": results,
            }],
        });
        let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report as GitHub Actions workflow commands: one `::error`, `::warning` or
    /// `::notice` line per finding, which GitHub shows as an annotation on the design file
    /// (at the line of the subject when `source` knows it), then the summary line.
    pub fn to_github(&self, source: &SourceFile) -> String {
        let mut s = String::new();
        for d in &self.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = Vec::new();
            if let Some(path) = &source.path {
                props.push(format!("file={}", github_property(path)));
                if let Some(line) = source.lines.get(&d.subject) {
                    props.push(format!("line={line}"));
                }
            }
            props.push(format!("title={}", github_property(&format!("{} {}", d.code, d.rule))));
            let shown = crate::text::escape_controls;
            let mut message = format!("{}: {}", shown(&d.subject), shown(&d.message));
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(&shown(h));
            }
            let _ = writeln!(s, "::{command} {}::{}", props.join(","), github_data(&message));
        }
        let _ = writeln!(s, "{}: {}", crate::text::escape_controls(&self.design), self.summary_line());
        s
    }
}

/// A path as a SARIF URI: forward slashes, spaces and `%` escaped.
fn sarif_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

/// A stable fingerprint of a finding: FNV-1a over rule, subject and message, in hex.
fn fingerprint(d: &Diagnostic) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [d.rule.as_bytes(), b"\0", d.subject.as_bytes(), b"\0", d.message.as_bytes()] {
        for b in part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The message of a workflow command, escaped as GitHub reads it.
fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property of a workflow command, escaped as GitHub reads it.
fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_escapes_control_characters_in_user_text() {
        let d = Diagnostic::new(
            "HK0102",
            "missing-line-manager",
            Severity::Error,
            "posts/a\u{1b}[2J",
            "`a\u{1b}[2J` has no line manager",
        );
        let r = Report::new("Gemeente\r".into(), jiff::civil::date(2024, 1, 1), "generic".into(), 1, vec![d]);
        let text = r.to_text();
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(text.contains("posts/a\\u{1b}[2J: `a\\u{1b}[2J` has no line manager"), "{text}");
        assert!(text.starts_with("Gemeente\\r: checked"), "{text}");
        let gh = r.to_github(&SourceFile::default());
        assert!(!gh.contains('\u{1b}'), "{gh:?}");
    }

    #[test]
    fn subjects_are_placed_on_the_line_of_their_key() {
        let text = "{\n  \"name\": \"x\",\n  \"units\": [\n    {\n      \"key\": \"u\",\n      \"tasks\": [\n        { \"key\": \"t\" }\n      ]\n    }\n  ],\n  \"posts\": [\n    {\n      \"key\": \"gs\"\n    }\n  ]\n}\n";
        let s = SourceFile::locate(Some("d.json".into()), text);
        assert_eq!(s.lines.get("units/u"), Some(&5));
        assert_eq!(s.lines.get("posts/gs"), Some(&13));
    }
}
