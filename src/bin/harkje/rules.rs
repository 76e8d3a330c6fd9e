//! `harkje rules`: the rule catalogues and each rule's docs: the design rules
//! that `harkje check` runs, and the transition procedure findings that
//! `harkje transition` reports.

use std::fmt::Write as _;
use std::process::ExitCode;

use harkje::check::RuleMeta;
use harkje::check::rules::BUILTIN;
use harkje::transition::procedure::{self, ProcedureCode};
use serde::Serialize;

use crate::input::CliError;
use crate::output::{Destination, Format, OutputArg};

/// Arguments of `harkje rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule's name (such as `span-too-wide`) or code (such as `HK0202`, or
    /// `HK0903` for a transition procedure finding): print its docs.
    name: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

/// The kinds of entry: a design rule or a transition procedure finding.
const CHECK: &str = "check";
const PROCEDURE: &str = "transition-procedure";

/// An entry of either catalogue.
#[derive(Clone, Copy)]
enum Entry {
    /// A design rule, run by `harkje check` and configured by a policy.
    Check(&'static RuleMeta),
    /// A transition procedure finding, reported by `harkje transition`.
    Procedure(ProcedureCode),
}

impl Entry {
    fn code(self) -> &'static str {
        match self {
            Entry::Check(m) => m.code,
            Entry::Procedure(c) => c.code,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Entry::Check(m) => m.name,
            Entry::Procedure(c) => c.name,
        }
    }
    fn severity(self) -> &'static str {
        match self {
            Entry::Check(m) => m.severity.as_str(),
            Entry::Procedure(c) => c.severity.as_str(),
        }
    }
    fn summary(self) -> &'static str {
        match self {
            Entry::Check(m) => m.summary,
            Entry::Procedure(c) => c.summary,
        }
    }
    fn docs(self) -> &'static str {
        match self {
            Entry::Check(m) => m.docs,
            Entry::Procedure(c) => c.docs,
        }
    }
    fn kind(self) -> &'static str {
        match self {
            Entry::Check(_) => CHECK,
            Entry::Procedure(_) => PROCEDURE,
        }
    }
}

/// Every entry: the design rules, then the procedure findings, each in code order.
fn all() -> impl Iterator<Item = Entry> {
    BUILTIN.iter().map(|r| Entry::Check(r.meta())).chain(procedure::codes::ALL.iter().map(|c| Entry::Procedure(*c)))
}

/// A rule in the JSON output.
#[derive(Serialize)]
struct Rule<'a> {
    /// `check` (a design rule; its name is what a policy configures) or
    /// `transition-procedure` (a finding of `harkje transition`).
    kind: &'a str,
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    docs: Option<&'a str>,
}

/// The JSON output (version 1): every rule, or the one named with its docs.
#[derive(Serialize)]
struct Catalogue<'a> {
    version: u32,
    rules: Vec<Rule<'a>>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let out = Destination::new(args.output.output.as_deref(), &[])?;
    let entries: Vec<Entry> = match &args.name {
        None => all().collect(),
        Some(name) => vec![find(name)?],
    };
    let text = match (args.format, &args.name) {
        (Format::Text, None) => list(&entries),
        (Format::Text, Some(_)) => entries.iter().map(|e| docs(*e)).collect(),
        (Format::Json, name) => {
            let rules = entries
                .iter()
                .map(|e| Rule {
                    kind: e.kind(),
                    code: e.code(),
                    name: e.name(),
                    severity: e.severity(),
                    summary: e.summary(),
                    docs: name.as_ref().map(|_| e.docs().trim_end()),
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&Catalogue { version: 1, rules })
                .map_err(|e| CliError(format!("cannot write the catalogue: {e}")))?;
            s.push('\n');
            s
        }
    };
    out.write(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn find(name: &str) -> Result<Entry, CliError> {
    all().find(|e| e.name() == name || e.code().eq_ignore_ascii_case(name)).ok_or_else(|| {
        let hint = harkje::suggest::did_you_mean(name, all().map(Entry::name));
        CliError(format!("there is no rule `{name}`; `harkje rules` lists them all{hint}"))
    })
}

fn list(entries: &[Entry]) -> String {
    let width = entries.iter().map(|e| e.name().len()).max().unwrap_or(10);
    let mut s = String::new();
    let mut heading = None;
    for e in entries {
        if heading != Some(e.kind()) {
            if e.kind() == PROCEDURE {
                let _ = writeln!(s, "\ntransition procedure (reported by `harkje transition`; not set by a policy)");
            }
            heading = Some(e.kind());
        }
        let _ = writeln!(s, "{}  {:<width$}  {:<7}  {}", e.code(), e.name(), e.severity(), e.summary());
    }
    let checks = entries.iter().filter(|e| e.kind() == CHECK).count();
    let findings = entries.len() - checks;
    let _ = writeln!(
        s,
        "\n{checks} rules and {findings} transition procedure findings; `harkje rules NAME` prints one's docs"
    );
    s
}

fn docs(e: Entry) -> String {
    let mut s = format!("{} {}\n\n{}\n\n", e.code(), e.name(), e.summary());
    match e {
        Entry::Check(m) => {
            let _ = write!(s, "Default severity: {}.\n\n", m.severity);
        }
        Entry::Procedure(c) => {
            let _ = write!(
                s,
                "Severity: {}. A transition procedure finding: `harkje transition` reports it; a policy does not set it.\n\n",
                c.severity
            );
        }
    }
    s.push_str(e.docs().trim_end());
    s.push('\n');
    s
}
