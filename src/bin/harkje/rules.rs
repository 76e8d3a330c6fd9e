//! `harkje rules`: the rule catalogue and each rule's docs.

use std::fmt::Write as _;
use std::process::ExitCode;

use harkje::check::RuleMeta;
use harkje::check::rules::BUILTIN;
use serde::Serialize;

use crate::input::CliError;
use crate::output::{Destination, Format, OutputArg};

/// Arguments of `harkje rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule's name (such as `span-too-wide`) or code (such as `HK0202`): print its docs.
    name: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

/// A rule in the JSON output.
#[derive(Serialize)]
struct Rule<'a> {
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
    let metas: Vec<&RuleMeta> = match &args.name {
        None => BUILTIN.iter().map(|r| r.meta()).collect(),
        Some(name) => vec![find(name)?],
    };
    let text = match (args.format, &args.name) {
        (Format::Text, None) => list(&metas),
        (Format::Text, Some(_)) => metas.iter().map(|m| docs(m)).collect(),
        (Format::Json, name) => {
            let rules = metas
                .iter()
                .map(|m| Rule {
                    code: m.code,
                    name: m.name,
                    severity: m.severity.as_str(),
                    summary: m.summary,
                    docs: name.as_ref().map(|_| m.docs.trim_end()),
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

fn find(name: &str) -> Result<&'static RuleMeta, CliError> {
    BUILTIN.iter().map(|r| r.meta()).find(|m| m.name == name || m.code.eq_ignore_ascii_case(name)).ok_or_else(|| {
        let hint = harkje::suggest::did_you_mean(name, BUILTIN.iter().map(|r| r.meta().name));
        CliError(format!("there is no rule `{name}`; `harkje rules` lists them all{hint}"))
    })
}

fn list(metas: &[&RuleMeta]) -> String {
    let width = metas.iter().map(|m| m.name.len()).max().unwrap_or(10);
    let mut s = String::new();
    for m in metas {
        let _ = writeln!(s, "{}  {:<width$}  {:<7}  {}", m.code, m.name, m.severity.as_str(), m.summary);
    }
    let _ = writeln!(s, "\n{} rules; `harkje rules NAME` prints one rule's docs", metas.len());
    s
}

fn docs(m: &RuleMeta) -> String {
    let mut s = format!("{} {}\n\n{}\n\nDefault severity: {}.\n\n", m.code, m.name, m.summary, m.severity);
    s.push_str(m.docs.trim_end());
    s.push('\n');
    s
}
