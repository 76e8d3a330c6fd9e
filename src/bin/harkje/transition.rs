//! `harkje transition`: the personele-gevolgen report of a reorganisation.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use harkje::transition::{
    self, Language, LetterStage, PRESETS, PseudonymKey, Side, Statute, Templates, TransitionInput, TransitionReport,
};

use crate::input::CliError;
use crate::output::{Destination, OutputArg};

/// The formats of the personele-gevolgen report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Readable text.
    Text,
    /// The JSON contract (version 2; see the README).
    Json,
    /// The placement list, one row per employee.
    Csv,
    /// Markdown tables.
    Md,
    /// The overview for the plaatsingsadviescommissie (Markdown): per vacancy the candidates in order.
    Committee,
}

/// The languages of the report's text, Markdown and CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Dutch: `€ 492.000,00`, `0,8 fte`; the CSV for Dutch Excel (`;`, decimal comma, byte-order mark).
    Nl,
    /// English: `€ 492,000.00`, `0.8 FTE`; the CSV with commas and decimal points, for programs.
    En,
}

/// The stage of the letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Stage {
    /// Voornemen: the intention, before the employee reacts.
    Voornemen,
    /// Besluit: the placement decision.
    Besluit,
}

impl From<Stage> for LetterStage {
    fn from(s: Stage) -> LetterStage {
        match s {
            Stage::Voornemen => LetterStage::Voornemen,
            Stage::Besluit => LetterStage::Besluit,
        }
    }
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Nl => Language::Dutch,
            Lang::En => Language::English,
        }
    }
}

/// Arguments of `harkje transition`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old design (JSON; `-`: standard input), with people and appointments.
    old: PathBuf,
    /// The new design (JSON; `-`: standard input).
    new: PathBuf,
    /// The statute: a TOML file, or a preset (`almelo-2018`, `cao-gemeenten-2020`).
    #[arg(long)]
    statute: String,
    /// The transition input (TOML): renames, function mappings, interest, procedure dates.
    #[arg(long = "functions", visible_alias = "mapping", value_name = "MAPPING")]
    functions: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// The language of the text, Markdown and CSV report and of the letters (the JSON has none).
    #[arg(long, value_enum, default_value_t = Lang::Nl)]
    lang: Lang,
    #[command(flatten)]
    output: OutputArg,
    /// Make the report shareable under the AVG: keyed pseudonyms, age and service bands,
    /// posts as unit / function, and a k-anonymity warning.
    #[arg(long)]
    pseudonymise: bool,
    /// The key file of the pseudonyms, made with a random key on first use (mode 0600);
    /// HR keeps it, it is never in the report. Default: `pseudonym.key` next to the old design.
    #[arg(long, value_name = "FILE", requires = "pseudonymise")]
    key_file: Option<PathBuf>,
    /// Write one letter per employee (a voornemen or plaatsingsbesluit per outcome) into this
    /// folder, made when missing; file names from the person keys, or the pseudonyms.
    #[arg(long, value_name = "DIR")]
    letters: Option<PathBuf>,
    /// A folder with templates that replace the built-in Dutch ones: `functievolger.md`,
    /// `herplaatsingskandidaat.md`, `boventallig.md` (each optional).
    #[arg(long, value_name = "DIR", requires = "letters")]
    templates: Option<PathBuf>,
    /// Whether the letters announce the intention or the decision.
    #[arg(long, value_enum, default_value_t = Stage::Voornemen, requires = "letters")]
    stage: Stage,
    /// Overwrite letters that already exist in the `--letters` folder.
    #[arg(long, requires = "letters")]
    force: bool,
    #[command(flatten)]
    days: crate::input::Days,
}

/// Reads a statute from a preset name or a file.
pub fn load_statute(arg: &str) -> Result<Statute, CliError> {
    if let Some(s) = Statute::preset(arg) {
        return Ok(s);
    }
    let path = Path::new(arg);
    let text = std::fs::read(path).map_err(|e| {
        CliError(format!(
            "cannot read statute `{arg}`: {e}; give a TOML file or a preset ({})",
            PRESETS.map(|p| format!("`{p}`")).join(", ")
        ))
    })?;
    Statute::from_toml_bytes(&text).map_err(|e| CliError(e.in_file(path).to_string()))
}

/// Reads a transition input file, or gives the empty input.
pub fn load_input(path: Option<&Path>) -> Result<TransitionInput, CliError> {
    let Some(path) = path else { return Ok(TransitionInput::default()) };
    let text = std::fs::read(path).map_err(|e| CliError(format!("cannot read `{}`: {e}", path.display())))?;
    TransitionInput::from_toml_bytes(&text).map_err(|e| CliError(e.in_file(path).to_string()))
}

/// The key file: the one given, or `pseudonym.key` in the folder of the old design.
fn key_file_path(given: Option<&Path>, old: &Path) -> Result<PathBuf, CliError> {
    if let Some(path) = given {
        return Ok(path.to_owned());
    }
    if old == Path::new("-") {
        return Err(CliError(
            "`--pseudonymise` with the old design on standard input needs `--key-file`: there is no folder to keep the key in"
                .into(),
        ));
    }
    let dir = old.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Ok(dir.join(transition::privacy::DEFAULT_KEY_FILE))
}

/// Writes one letter per employee into `dir`. Every file is checked before any is written, so
/// a refusal leaves the folder as it was.
fn write_letters(
    report: &TransitionReport,
    dir: &Path,
    templates: Option<&Path>,
    stage: LetterStage,
    force: bool,
    lang: Language,
) -> Result<(), CliError> {
    let templates = match templates {
        Some(t) => Templates::with_dir_in(t, lang).map_err(|e| CliError(e.to_string()))?,
        None => Templates::built_in(lang),
    };
    let letters = templates.letters(report, stage).map_err(|e| CliError(e.to_string()))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError(format!("cannot make letters folder `{}`: {e}", dir.display())))?;
    if !force {
        let existing: Vec<String> =
            letters.iter().filter(|l| dir.join(&l.file_name).exists()).map(|l| format!("`{}`", l.file_name)).collect();
        if let Some(first) = existing.first() {
            return Err(CliError(format!(
                "letter {first} already exists in `{}` ({} of {} letters exist); give `--force` to overwrite them",
                dir.display(),
                existing.len(),
                letters.len()
            )));
        }
    }
    for l in &letters {
        let path = dir.join(&l.file_name);
        std::fs::write(&path, &l.text)
            .map_err(|e| CliError(format!("cannot write letter `{}`: {e}", path.display())))?;
    }
    eprintln!("wrote {} letters to `{}`", letters.len(), dir.display());
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let statute_path = Path::new(&args.statute);
    let mut inputs = vec![args.old.as_path(), args.new.as_path()];
    inputs.extend(args.functions.as_deref());
    if statute_path.is_file() {
        inputs.push(statute_path);
    }
    let out = Destination::new(args.output.output.as_deref(), &inputs)?;
    // Where the key lives is known before anything is read, so a missing `--key-file` is
    // said first.
    let key_file = if args.pseudonymise { Some(key_file_path(args.key_file.as_deref(), &args.old)?) } else { None };
    let statute = load_statute(&args.statute)?;
    crate::input::at_most_one_stdin(&inputs)?;
    let old = crate::input::load_design(&args.old)?;
    let new = crate::input::load_design(&args.new)?;
    let (old, new) = args.days.apply(old, new);
    let input = load_input(args.functions.as_deref())?;
    let report = transition::transition(&old, &new, &statute, &input).map_err(|e| {
        let label = |p: &Path| crate::input::name(p);
        let e = e.rename_file(Side::Old.label(), &label(&args.old)).rename_file(Side::New.label(), &label(&args.new));
        let e = match args.functions.as_deref() {
            Some(f) => e.rename_file(Side::Input.label(), &label(f)),
            None => e,
        };
        CliError(e.to_string())
    })?;
    // The report as computed, kept beside its pseudonymised copy until the end.
    let mut computed = None;
    let report = if let Some(key_file) = key_file {
        if input.pseudonym_salt.is_some() {
            let file = args.functions.as_deref().map_or_else(String::new, |f| format!(" in `{}`", f.display()));
            return Err(CliError(format!(
                "`pseudonym_salt`{file} is no longer used: pseudonyms now come from a key file (`--key-file`, \
                 default `{}` next to the old design); remove `pseudonym_salt` and keep the key file instead \
                 (the pseudonyms change once)",
                transition::privacy::DEFAULT_KEY_FILE
            )));
        }
        let (key, made) = PseudonymKey::load_or_create(&key_file).map_err(|e| CliError(e.to_string()))?;
        if made {
            eprintln!(
                "made key file `{}`: keep it with the staff data and never share it; the same key gives the same pseudonyms next time",
                key_file.display()
            );
        }
        let shared = report.pseudonymised(&key);
        computed = Some(report);
        shared
    } else {
        report
    };
    if let Some(dir) = &args.letters {
        write_letters(
            &report,
            dir,
            args.templates.as_deref(),
            args.stage.into(),
            args.force,
            Language::from(args.lang),
        )?;
    }
    let lang = Language::from(args.lang);
    out.write(&match args.format {
        ReportFormat::Text => report.to_text_in(lang),
        ReportFormat::Json => report.to_json(),
        ReportFormat::Csv => report.to_csv_in(lang),
        ReportFormat::Md => report.to_markdown_in(lang),
        ReportFormat::Committee => report.to_committee_markdown_in(lang),
    })?;
    let code = if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS };
    crate::input::leave((old, new, input, report, computed));
    Ok(code)
}
