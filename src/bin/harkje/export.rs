//! `harkje export`: publish a design as linked open data.

use std::path::PathBuf;
use std::process::ExitCode;

use harkje::export::{self, ExportOptions, OrgExport, PopoloExport};

use crate::input::CliError;
use crate::output::{Destination, OutputArg};

/// The export target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// W3C ORG in Turtle.
    OrgTurtle,
    /// W3C ORG in JSON-LD.
    OrgJsonld,
    /// Popolo JSON (organizations, posts, memberships).
    Popolo,
}

/// Arguments of `harkje export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design (JSON; `-`: standard input).
    file: PathBuf,
    /// What to write.
    #[arg(long = "format", alias = "to", value_enum)]
    format: Target,
    #[command(flatten)]
    output: OutputArg,
    /// The base IRI: the design's IRI is this followed by its percent-encoded name.
    #[arg(long, default_value = export::DEFAULT_BASE)]
    base: String,
    /// Export a transition from this original design (JSON) as an org:ChangeEvent.
    #[arg(long, value_name = "OLD")]
    changed_from: Option<PathBuf>,
    /// The base IRI of the original design (default: --base).
    #[arg(long, requires = "changed_from")]
    old_base: Option<String>,
    /// Also export appointments: people by key and the posts they hold (personal data).
    #[arg(long)]
    appointments: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut inputs = vec![args.file.as_path()];
    inputs.extend(args.changed_from.as_deref());
    let out = Destination::new(args.output.output.as_deref(), &inputs)?;
    crate::input::at_most_one_stdin(&inputs)?;
    let design = crate::input::load_design(&args.file)?;
    let old = match &args.changed_from {
        Some(path) => Some(crate::input::load_design(path)?),
        None => None,
    };
    let mut options = ExportOptions::default().with_base(args.base.clone()).with_appointments(args.appointments);
    if let Some(old) = &old {
        options = options.with_changed_from(old, args.old_base.as_deref());
    }
    // Refusals come before any byte is written; then the export streams
    // into the destination, which replaces a file only once it is complete.
    let refused = |e: export::ExportError| CliError(e.to_string());
    match args.format {
        Target::OrgTurtle => {
            let org = OrgExport::new(&design, &options).map_err(refused)?;
            out.write_with(|w| org.write_turtle(w))?;
        }
        Target::OrgJsonld => {
            let org = OrgExport::new(&design, &options).map_err(refused)?;
            out.write_with(|w| org.write_jsonld(w))?;
        }
        Target::Popolo => {
            let popolo = PopoloExport::new(&design, &options).map_err(refused)?;
            out.write_with(|w| popolo.write(w))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
