//! `harkje diff`: what happens to every post and unit between two designs.

use std::path::PathBuf;
use std::process::ExitCode;

use harkje::transition::diff;

use crate::input::CliError;
use crate::output::{Destination, Format, OutputArg};

/// Arguments of `harkje diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old design (JSON; `-`: standard input).
    old: PathBuf,
    /// The new design (JSON; `-`: standard input).
    new: PathBuf,
    /// A transition input (TOML) whose `[renames]` map old keys to new ones.
    #[arg(long = "functions", visible_alias = "mapping", value_name = "MAPPING")]
    functions: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut inputs = vec![args.old.as_path(), args.new.as_path()];
    inputs.extend(args.functions.as_deref());
    let out = Destination::new(args.output.output.as_deref(), &inputs)?;
    crate::input::at_most_one_stdin(&inputs)?;
    let old = crate::input::load_design(&args.old)?;
    let new = crate::input::load_design(&args.new)?;
    let input = crate::transition::load_input(args.functions.as_deref())?;
    let d = diff(&old, &new, &input.key_mapping());
    out.write(&match args.format {
        Format::Json => d.to_json(),
        Format::Text => d.to_text(old.name(), new.name()),
    })?;
    Ok(ExitCode::SUCCESS)
}
