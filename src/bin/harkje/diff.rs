//! `harkje diff`: what happens to every post and unit between two designs.

use std::path::PathBuf;
use std::process::ExitCode;

use harkje::transition::diff;

use crate::input::{CliError, Days};
use crate::output::{Destination, Format, OutputArg};

/// Arguments of `harkje diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old design (JSON; `-`: standard input).
    old: PathBuf,
    /// The new design (JSON; `-`: standard input). Left out, the old design is
    /// compared with itself on the two days `--old-as-of` and `--new-as-of`.
    new: Option<PathBuf>,
    #[command(flatten)]
    days: Days,
    /// A transition input (TOML) whose `[renames]` and `[successors]` map old keys
    /// to new ones; successors the designs leave unambiguous are derived as well.
    #[arg(long = "functions", visible_alias = "mapping", value_name = "MAPPING")]
    functions: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut inputs = vec![args.old.as_path()];
    inputs.extend(args.new.as_deref());
    inputs.extend(args.functions.as_deref());
    let out = Destination::new(args.output.output.as_deref(), &inputs)?;
    crate::input::at_most_one_stdin(&inputs)?;
    let old = crate::input::load_design(&args.old)?;
    let new = match &args.new {
        Some(path) => crate::input::load_design(path)?,
        None if args.days.both() => old.clone(),
        None => {
            return Err(CliError(
                "give a new design, or compare one design on two days with --old-as-of and --new-as-of".into(),
            ));
        }
    };
    let (old_name, new_name) = (args.days.old_name(&old), args.days.new_name(&new));
    let (old, new) = args.days.apply(old, new);
    let input = crate::transition::load_input(args.functions.as_deref())?;
    let d = diff(&old, &new, &harkje::transition::successors(&old, &new, &input).key_mapping());
    out.write(&match args.format {
        Format::Json => d.to_json(),
        Format::Text => d.to_text(&old_name, &new_name),
    })?;
    Ok(ExitCode::SUCCESS)
}
