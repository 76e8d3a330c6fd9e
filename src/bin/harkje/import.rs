//! `harkje import`: make a design from outside data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use harkje::Design;
use harkje::import::{self, ImportReport};
use harkje::text::{Shown, escape_controls};

use crate::input::{self, CliError};
use crate::output::{self, Destination, Format, OutputArg};

/// The version of the JSON contract of the import report.
const IMPORT_REPORT_VERSION: u32 = 1;

/// Arguments of `harkje import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(Debug, clap::Subcommand)]
enum Source {
    /// Import a UK government organogram: a senior CSV and its junior CSV.
    ///
    /// Prints the faults found (each with file and line) and writes the design.
    /// Exits 0 when clean, 1 when faults were found, 2 when an input could not be read.
    UkOrganogram {
        /// The senior posts file (`<body>-<date>-senior.csv`; `-`: standard input).
        senior: PathBuf,
        /// The junior posts file (`<body>-<date>-junior.csv`; `-`: standard input); leave it out
        /// when the body published none.
        junior: Option<PathBuf>,
        #[command(flatten)]
        output: OutputArg,
        /// How to print the fault report: text on standard error, or JSON (faults, summary
        /// and measures) on standard output.
        #[arg(long = "format", alias = "report", value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Import an HR export (CSV) whose columns a TOML mapping names.
    ///
    /// Every bad row is an error naming its line and column; then no design is written (exit 2).
    Csv {
        /// The HR export (`-`: standard input).
        file: PathBuf,
        /// The mapping (TOML): which column holds the post key, title, unit, line manager and so on.
        #[arg(long)]
        mapping: PathBuf,
        #[command(flatten)]
        output: OutputArg,
    },
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.source {
        Source::UkOrganogram { senior, junior, output, format } => {
            let mut inputs = vec![senior.as_path()];
            inputs.extend(junior.as_deref());
            input::at_most_one_stdin(&inputs)?;
            let dest = Destination::new(output.output.as_deref(), &inputs)?;
            if dest.is_stdout() && format == Format::Json {
                return Err(CliError(
                    "the design and the JSON report would both go to standard output; name a file for the design with -o".into(),
                ));
            }
            uk(&senior, junior.as_deref(), &dest, format)
        }
        Source::Csv { file, mapping, output } => {
            let dest = Destination::new(output.output.as_deref(), &[&file, &mapping])?;
            let design = hr_csv(&file, &mapping)?;
            dest.write(&harkje::format::to_json(&design))?;
            output::to_stderr(&format!(
                "imported {} posts, {} units, {} people and {} appointments into {}\n",
                design.posts().len(),
                design.units().len(),
                design.people().len(),
                design.appointments().len(),
                shown(&dest)
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Imports an HR export from a file or standard input.
fn hr_csv(file: &Path, mapping: &Path) -> Result<Design, CliError> {
    if !input::is_stdin(file) {
        return import::from_hr_csv_file(file, mapping).map_err(|e| CliError(e.to_string()));
    }
    let mname = mapping.display().to_string();
    let text = std::fs::read_to_string(mapping).map_err(|e| CliError(format!("cannot read `{mname}`: {e}")))?;
    let m = import::Mapping::from_toml(&mname, &text).map_err(|e| CliError(e.to_string()))?;
    let bytes = input::read_stdin()?;
    import::read_hr_csv(&m, input::STDIN_NAME, bytes.as_slice()).map_err(|e| CliError(e.to_string()))
}

/// The design name of a UK organogram: the senior file's name without `-senior.csv`
/// (`organogram` when it comes from standard input).
fn uk_design_name(senior: &Path) -> String {
    if input::is_stdin(senior) {
        return "organogram".to_owned();
    }
    let file_name = senior.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    file_name.strip_suffix("-senior.csv").or_else(|| file_name.strip_suffix(".csv")).unwrap_or(&file_name).to_owned()
}

/// Reads one UK organogram file, or standard input for `-`.
fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    if input::is_stdin(path) {
        input::read_stdin()
    } else {
        std::fs::read(path).map_err(|e| CliError(format!("cannot read `{}`: {e}", path.display())))
    }
}

fn uk(senior: &Path, junior: Option<&Path>, dest: &Destination, format: Format) -> Result<ExitCode, CliError> {
    let (design, report) = if input::is_stdin(senior) || junior.is_some_and(input::is_stdin) {
        let s = read_input(senior)?;
        let j = junior.map(read_input).transpose()?;
        let (sname, jname) = (input::name(senior), junior.map(input::name));
        import::read_uk_organogram(
            &uk_design_name(senior),
            (sname.as_str(), s.as_slice()),
            jname.as_deref().zip(j.as_deref()),
        )
    } else {
        import::from_uk_organogram_files(senior, junior)
    }
    .map_err(|e| CliError(e.to_string()))?;
    dest.write(&harkje::format::to_json(&design))?;
    match format {
        Format::Json => {
            /// The JSON report of `import uk-organogram --format json`: a versioned contract
            /// (docs/json-outputs.md).
            #[derive(serde::Serialize)]
            struct Versioned<'a> {
                version: u32,
                design: &'a str,
                #[serde(flatten)]
                report: &'a ImportReport,
            }
            let versioned = Versioned { version: IMPORT_REPORT_VERSION, design: design.name(), report: &report };
            let mut s = serde_json::to_string_pretty(&versioned)
                .map_err(|e| CliError(format!("cannot write the report: {e}")))?;
            s.push('\n');
            Destination::Stdout.write(&s)?;
        }
        Format::Text => output::to_stderr(&text(&design, &report, &shown(dest))),
    }
    Ok(if report.has_faults() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn text(design: &Design, r: &ImportReport, output: &str) -> String {
    use std::fmt::Write as _;
    let s = &r.summary;
    let m = &r.measures;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "imported `{}` into {}: {} post{} ({} senior, {} junior) in {} units",
        Shown(design.name()),
        output,
        m.posts,
        plural(m.posts),
        s.senior_posts,
        s.junior_posts,
        s.units
    );
    let _ = writeln!(
        out,
        "line: {} top post{}, {} layers, largest span {}, {} cycle{}, {} dangling reference{}",
        m.top_posts.len(),
        plural(m.top_posts.len()),
        m.layers,
        m.span.max,
        m.cycles.len(),
        plural(m.cycles.len()),
        m.dangling_references.len(),
        plural(m.dangling_references.len())
    );
    let _ = writeln!(
        out,
        "rows: {} senior, {} junior, {} blank, {} unreadable; {} job-share rows merged, {} posts eliminated, {} salaries not disclosed",
        s.senior_rows,
        s.junior_rows,
        s.blank_rows,
        s.unreadable_rows,
        s.job_share_rows,
        s.eliminated_posts,
        s.undisclosed_salaries
    );
    let counts = r.counts();
    if counts.is_empty() {
        out.push_str("no faults\n");
        return out;
    }
    let list: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let _ = writeln!(out, "faults: {}", list.join(", "));
    for f in &r.faults {
        let _ = writeln!(out, "{}", Shown(&f.to_string()));
    }
    out
}

/// Where the design went, for the summary: `` `file` `` or standard output.
fn shown(dest: &Destination) -> String {
    match dest {
        Destination::Stdout => "standard output".to_owned(),
        // A path may hold control characters: they are shown, not run.
        Destination::File(p) => format!("`{}`", escape_controls(&p.display().to_string())),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
