//! `harkje check`: judge a design against a policy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use harkje::check::{Checker, Policy};
use jiff::civil::Date;

use crate::input::{self, CliError, Loaded};
use crate::output::{Destination, Format, OutputArg};

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
    /// The output format: text is grouped by rule, with a one-line summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

/// Reads `--policy`: an existing file, else a preset by name.
pub fn load_policy(arg: &str) -> Result<Policy, CliError> {
    let path = Path::new(arg);
    if path.is_file() {
        return Policy::from_file(path).map_err(|e| CliError(e.to_string()));
    }
    if Policy::preset_names().any(|n| n == arg) {
        return Policy::preset(arg).map_err(|e| CliError(e.to_string()));
    }
    let names: Vec<String> = Policy::preset_names().map(|n| format!("`{n}`")).collect();
    Err(CliError(format!("`{arg}` is neither a policy file nor a preset; the presets are {}", names.join(", "))))
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let policy_path = Path::new(&args.policy);
    let mut inputs = vec![args.design.as_path()];
    if policy_path.is_file() {
        inputs.push(policy_path);
    }
    let out = Destination::new(args.output.output.as_deref(), &inputs)?;
    let policy = load_policy(&args.policy)?;
    let design = match input::load(&args.design)? {
        Loaded::Design(d) => d,
        Loaded::Flat(_) => {
            return Err(CliError(format!(
                "`{}` is a flat post CSV; checks need a JSON design with units, roles and steering",
                input::name(&args.design)
            )));
        }
    };
    let policy = match args.as_of {
        Some(day) => policy.with_as_of(day),
        None => policy,
    };
    let report = Checker::new(policy).check(&design);
    out.write(&match args.format {
        Format::Text => report.render_text(),
        Format::Json => report.to_json(),
    })?;
    Ok(if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
