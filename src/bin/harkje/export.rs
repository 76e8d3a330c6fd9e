//! `harkje export`: publish a design as linked open data.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use harkje::export::{self, ExportOptions};

use crate::input::CliError;

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
    /// The design (JSON).
    file: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    to: Target,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
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
    let design = harkje::format::load_json_file(&args.file)?;
    let old = match &args.changed_from {
        Some(path) => Some(harkje::format::load_json_file(path)?),
        None => None,
    };
    let options = ExportOptions {
        base: args.base.clone(),
        appointments: args.appointments,
        changed_from: old.as_ref(),
        changed_from_base: args.old_base.clone(),
    };
    let out = match args.to {
        Target::OrgTurtle => export::org_turtle(&design, &options),
        Target::OrgJsonld => export::org_jsonld(&design, &options),
        Target::Popolo => export::popolo(&design, &options),
    }
    .map_err(|e| CliError(e.to_string()))?;
    write_out(args.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to a file, or to standard output when no file is named.
///
/// Any write error is an error (`cannot write …`, exit 2), except a closed
/// pipe on standard output (as with `| head`): the reader has all it wants.
pub fn write_out(path: Option<&std::path::Path>, text: &str) -> Result<(), CliError> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| CliError(format!("cannot write `{}`: {e}", p.display()))),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(CliError(format!("cannot write to standard output: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}
