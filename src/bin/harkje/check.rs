//! `harkje check`: judge a design against a policy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use harkje::check::{Baseline, Checker, Policy, Report, RuleMeta, SourceFile};
use harkje::diagnostic::Severity;
use jiff::civil::Date;

use crate::input::{self, CliError, Loaded};
use crate::output::{Destination, OutputArg};

/// The output formats of `harkje check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Readable text, grouped by rule, with a one-line summary.
    #[default]
    Text,
    /// The versioned JSON contract (docs/json-outputs.md).
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
}

/// The least serious finding that fails the check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Errors fail the check (the default).
    #[default]
    Error,
    /// Warnings and errors fail the check.
    Warning,
    /// Every finding fails the check (`note` is SARIF's name for info).
    #[value(alias = "note")]
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Arguments of `harkje check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSON design file (`-`: standard input).
    design: PathBuf,
    /// A policy: a TOML file, or the name of a preset (generic, almelo-2018, de-bilt-2018, hengelo-2021).
    #[arg(long, default_value = "generic")]
    policy: String,
    /// Judge the design as it stands on this day (YYYY-MM-DD); overrides the policy's `as_of`.
    /// Without either, the design is judged as of today.
    #[arg(long, value_parser = input::parse_date)]
    as_of: Option<Date>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    #[command(flatten)]
    output: OutputArg,
    /// Exit 1 when a finding this serious or more is left (after the baseline).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// A baseline (JSON): accepted findings, each with a reason and an end date. Accepted
    /// findings are left out; an expired entry is reported and suppresses nothing.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write a baseline that accepts every finding that would fail the check (see
    /// --fail-on); entries of --baseline that still match keep their reason and end date.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// The reason new entries of --write-baseline get. Replace it with the real one per entry.
    #[arg(long, value_name = "TEXT", requires = "write_baseline")]
    reason: Option<String>,
    /// The end date new entries of --write-baseline get (default: 90 days from today).
    #[arg(long, value_name = "DATE", value_parser = input::parse_date, requires = "write_baseline")]
    until: Option<Date>,
}

/// Reads `--policy`: an existing file, else a preset by name.
pub fn load_policy(arg: &str) -> Result<Policy, CliError> {
    let path = Path::new(arg);
    if path.is_file() {
        return Policy::from_toml_file(path).map_err(|e| CliError(e.to_string()));
    }
    if Policy::preset_names().any(|n| n == arg) {
        return Policy::preset(arg).map_err(|e| CliError(e.to_string()));
    }
    let names: Vec<String> = Policy::preset_names().map(|n| format!("`{n}`")).collect();
    let hint = harkje::suggest::did_you_mean(arg, Policy::preset_names());
    Err(CliError(format!("`{arg}` is neither a policy file nor a preset; the presets are {}{hint}", names.join(", "))))
}

/// Reads a baseline file against the rules of the checker.
fn load_baseline(path: &Path, checker: &Checker) -> Result<Baseline, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| CliError(format!("cannot read `{}`: {e}", path.display())))?;
    Baseline::from_json(&text, checker.rules().map(|r| r.meta()))
        .map_err(|e| CliError(format!("{}:{}{e}", path.display(), if e.line > 0 { "" } else { " " })))
}

fn today() -> Date {
    jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::now()).date()
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let policy_path = Path::new(&args.policy);
    let mut inputs = vec![args.design.as_path()];
    if policy_path.is_file() {
        inputs.push(policy_path);
    }
    let out = Destination::new(args.output.output.as_deref(), &inputs)?;
    // The baseline may be rewritten in place, but never over the design or the policy.
    let baseline_out = args
        .write_baseline
        .as_deref()
        .map(|p| Destination::beside(p, "--write-baseline", (&out, "the report"), &inputs))
        .transpose()?;
    if let Some(b) = &args.baseline
        && input::is_stdin(b)
    {
        return Err(CliError("--baseline needs a file; `-` is not read for it".into()));
    }
    let policy = load_policy(&args.policy)?;
    let policy = match args.as_of {
        Some(day) => policy.with_as_of(day),
        None => policy,
    };
    let checker = Checker::new(policy);
    let baseline = args.baseline.as_deref().map(|p| load_baseline(p, &checker)).transpose()?;
    let locate = matches!(args.format, CheckFormat::Sarif | CheckFormat::Github);
    let (design, source) = load_design(&args.design, locate)?;
    let today = today();
    let report = checker.check(&design);
    let baseline = match &baseline_out {
        Some(dest) => {
            let until = args.until.unwrap_or_else(|| today.saturating_add(jiff::Span::new().days(90)));
            let reason =
                args.reason.clone().unwrap_or_else(|| format!("accepted when the baseline was written on {today}"));
            let written = Baseline::from_report(&report, args.fail_on.severity(), &reason, until, baseline.as_ref());
            dest.write(&written.to_json())?;
            Some(written)
        }
        None => baseline,
    };
    let report = match &baseline {
        Some(b) => b.apply(report, today),
        None => report,
    };
    let rules: Vec<&RuleMeta> = checker.rules().map(|r| r.meta()).collect();
    out.write(&render(&report, args.format, &rules, &source))?;
    let fails = report.fails_at(args.fail_on.severity());
    input::leave((design, report));
    Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn render(report: &Report, format: CheckFormat, rules: &[&RuleMeta], source: &SourceFile) -> String {
    match format {
        CheckFormat::Text => report.to_text(),
        CheckFormat::Json => report.to_json(),
        CheckFormat::Sarif => report.to_sarif(rules.iter().copied(), source),
        CheckFormat::Github => report.to_github(source),
    }
}

/// The design, and (for the CI formats, `locate`) where its elements are in its file.
fn load_design(path: &Path, locate: bool) -> Result<(harkje::Design, SourceFile), CliError> {
    let flat = || {
        CliError(format!(
            "`{}` is a flat post CSV; checks need a JSON design with units, roles and steering",
            input::name(path)
        ))
    };
    if input::is_stdin(path) {
        let bytes = input::read_stdin()?;
        let design = harkje::format::from_json(&bytes)
            .map_err(|e| CliError(e.in_file(Path::new(input::STDIN_NAME)).to_string()))?;
        let source =
            if locate { SourceFile::locate(None, &String::from_utf8_lossy(&bytes)) } else { SourceFile::default() };
        return Ok((design, source));
    }
    match input::load(path)? {
        Loaded::Design(d) => {
            let name = Some(path.display().to_string());
            if !locate {
                return Ok((*d, SourceFile { path: name, ..SourceFile::default() }));
            }
            // Reading the text again costs a fraction of loading it.
            let text = std::fs::read_to_string(path).unwrap_or_default();
            Ok((*d, SourceFile::locate(name, &text)))
        }
        Loaded::Flat(_) => Err(flat()),
    }
}
