//! `harkje publish`: what a municipality publishes about its organisation.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use harkje::check::Checker;
use harkje::publish::{self as lib, WooOptions};
use jiff::civil::Date;

use crate::check::load_policy;
use crate::input::{self, CliError};
use crate::output;

/// Arguments of `harkje publish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// The Woo publication of the organisation: the unit-level organogram (SVG), its text
    /// description (HTML, in Dutch) and the open data (JSON-LD, W3C ORG with the TOOI
    /// identifier), from a design that passes `harkje check`.
    Woo(WooArgs),
}

/// Arguments of `harkje publish woo`.
#[derive(Debug, clap::Args)]
struct WooArgs {
    /// The design (JSON; `-`: standard input).
    design: PathBuf,
    /// The folder to write the bundle to; it is made when missing.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into a folder that is not empty (the bundle's files are replaced, others kept).
    #[arg(long)]
    force: bool,
    /// Publish even when the check finds errors.
    #[arg(long)]
    allow_findings: bool,
    /// The policy the check runs with: a TOML file, or the name of a preset.
    #[arg(long, default_value = "generic")]
    policy: String,
    /// Publish the design as it stands on this day (YYYY-MM-DD), and check it as of that day.
    #[arg(long, value_parser = input::parse_date)]
    as_of: Option<Date>,
    /// The public address the bundle will be published at, ending in `/`: the base of the
    /// open data's addresses, and (with `index.html`) the address to enter in the Register.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.what {
        What::Woo(a) => woo(a),
    }
}

fn woo(args: WooArgs) -> Result<ExitCode, CliError> {
    refuse_non_empty(&args.out, args.force)?;
    let design = input::load_design(&args.design)?;
    let policy = load_policy(&args.policy)?;
    let policy = match args.as_of {
        Some(day) => policy.with_as_of(day),
        None => policy,
    };
    let report = Checker::new(policy).check(&design);
    let name = input::name(&args.design);
    if report.errors() > 0 {
        let counts = format!(
            "the check finds {} error{} in `{name}` (`harkje check {name}` lists them)",
            report.errors(),
            if report.errors() == 1 { "" } else { "s" }
        );
        if !args.allow_findings {
            output::to_stderr(&format!(
                "error: {counts}; nothing is published from a design that fails its check (--allow-findings publishes anyway)\n"
            ));
            return Ok(ExitCode::from(1));
        }
        output::to_stderr(&format!("warning: {counts}; publishing anyway, as --allow-findings asks\n"));
    } else if report.warnings() > 0 {
        output::to_stderr(&format!(
            "note: the check finds {} warning{} in `{name}`; warnings do not stop the publication\n",
            report.warnings(),
            if report.warnings() == 1 { "" } else { "s" }
        ));
    }
    let design = match args.as_of {
        Some(day) => input::on_day(design, day),
        None => {
            input::note_dated(&design, "the publication shows");
            design
        }
    };
    if design.identifier().is_none() {
        output::to_stderr(
            "note: the design has no `identifier`; the open data names the organisation by harkje's own address, not its TOOI URI\n",
        );
    }
    let bundle =
        lib::woo_bundle(&design, &WooOptions::default().with_url(args.url)).map_err(|e| CliError(e.to_string()))?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| CliError(format!("cannot make the folder `{}`: {e}", args.out.display())))?;
    for (file, text) in bundle.files() {
        let path = args.out.join(file);
        std::fs::write(&path, text).map_err(|e| CliError(format!("cannot write `{}`: {e}", path.display())))?;
    }
    let units = design.units().count();
    let reachable = design.units().filter(|u| u.contact.is_some()).count();
    output::to_stderr(&format!(
        "wrote the Woo publication of {units} unit{} ({reachable} with contact details of their own) to `{}`\n",
        if units == 1 { "" } else { "s" },
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Refuses a folder that holds anything, unless `force`.
fn refuse_non_empty(dir: &Path, force: bool) -> Result<(), CliError> {
    if force {
        return Ok(());
    }
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(CliError(format!(
            "the folder `{}` is not empty; choose an empty one, or --force to replace the bundle's files in it",
            dir.display()
        ))),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Err(CliError(format!("`{}` is a file, not a folder", dir.display())))
        }
        Err(e) => Err(CliError(format!("cannot read the folder `{}`: {e}", dir.display()))),
    }
}
