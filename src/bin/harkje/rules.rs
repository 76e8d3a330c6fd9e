//! `harkje rules`: the rule catalogue and each rule's docs.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use harkje::check::rules::BUILTIN;

use crate::input::CliError;

/// Arguments of `harkje rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule's name (such as `span-too-wide`) or code (such as `HK0202`): print its docs.
    name: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let out = match &args.name {
        None => list(),
        Some(name) => docs(name)?,
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    Ok(ExitCode::SUCCESS)
}

fn list() -> String {
    let width = BUILTIN.iter().map(|r| r.meta().name.len()).max().unwrap_or(10);
    let mut s = String::new();
    for r in BUILTIN {
        let m = r.meta();
        let _ = writeln!(s, "{}  {:<width$}  {:<7}  {}", m.code, m.name, m.severity.as_str(), m.summary);
    }
    let _ = writeln!(s, "\n{} rules; `harkje rules NAME` prints one rule's docs", BUILTIN.len());
    s
}

fn docs(name: &str) -> Result<String, CliError> {
    let rule = BUILTIN
        .iter()
        .find(|r| r.meta().name == name || r.meta().code.eq_ignore_ascii_case(name))
        .ok_or_else(|| CliError(format!("there is no rule `{name}`; `harkje rules` lists them all")))?;
    let m = rule.meta();
    let mut s = format!("{} {}\n\n{}\n\nDefault severity: {}.\n\n", m.code, m.name, m.summary, m.severity);
    s.push_str(m.docs.trim_end());
    s.push('\n');
    Ok(s)
}
