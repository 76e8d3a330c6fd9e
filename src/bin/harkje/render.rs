//! `harkje render`: pictures of the harkje.

use std::path::PathBuf;
use std::process::ExitCode;

use harkje::render::{self, Language, Level, Page, PictureFormat, RenderOptions};
use jiff::civil::Date;

use crate::input::{self, CliError};
use crate::output::{self, Destination, OutputArg};

/// The picture format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// A standalone SVG picture, laid out by harkje.
    Svg,
    /// One self-contained interactive HTML page: pan and zoom, collapse and
    /// expand, search, the date switch and the check's findings on the boxes.
    Html,
    /// A PDF (A3 landscape unless `--page` says otherwise), the SVG picture
    /// converted with its text embedded; with `--page-per-unit` a page per unit.
    Pdf,
}

/// A paper size, landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PageArg {
    /// A4 landscape (297 × 210 mm).
    A4,
    /// A3 landscape (420 × 297 mm).
    A3,
}

/// What a box stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LevelArg {
    /// One box per post, the line between them.
    #[default]
    Posts,
    /// One box per unit (eenheid, team, pool…), the unit placement tree between them.
    Units,
}

/// The language of the picture's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Dutch: `3 posten · 2,8 fte`, `programma`, `samen geleid door 3`.
    Nl,
    /// English: `3 posts · 2.8 FTE`, `programme`, `led together by 3`.
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Nl => Language::Dutch,
            Lang::En => Language::English,
        }
    }
}

/// Arguments of `harkje render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design (JSON; `-`: standard input).
    file: PathBuf,
    /// The picture format. Without it, told from the extension of `-o FILE`
    /// (`.dot` or `.gv`, `.mmd` or `.mermaid`, `.svg`, `.html` or `.htm`, `.pdf`).
    #[arg(long = "format", alias = "to", value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    output: OutputArg,
    /// Draw only this unit (by key) and the units placed in it.
    #[arg(long, value_name = "KEY")]
    unit: Option<String>,
    /// Draw this many layers below the top of what is drawn (0: only the top
    /// posts, or with `--level units` the top units).
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Draw the design as it stands on this day (YYYY-MM-DD).
    #[arg(long, value_parser = input::parse_date)]
    as_of: Option<Date>,
    /// Also draw the parties outside the organisation (the college, partners)
    /// with the chains of principals, escalations and accountability that reach them.
    #[arg(long)]
    parties: bool,
    /// Also draw the portfolios (aandachtsgebieden): a dashed line from a post to each unit it follows.
    #[arg(long)]
    portfolios: bool,
    /// What a box stands for: a post, or a unit (the organogram of eenheden and
    /// teams). Default: units for a design of more than 150 posts, else posts.
    #[arg(long, value_enum)]
    level: Option<LevelArg>,
    /// Check the design with this policy (a TOML file or a preset) and count
    /// the open findings (errors and warnings) on each unit's box. The design
    /// file names no policy, so none is run unless asked; `--format html`
    /// shows the findings of `generic` when none is given.
    #[arg(long, value_name = "POLICY")]
    policy: Option<String>,
    /// Fit the picture to this page, landscape (SVG and PDF): wide rows are
    /// folded into columns and the picture is scaled down to the page.
    #[arg(long, value_enum)]
    page: Option<PageArg>,
    /// One page per unit: an overview of the top and the units below it, then
    /// each unit placed in a top unit with everything placed in it. With
    /// `--format pdf` one file of pages; with SVG, DOT or Mermaid, numbered
    /// files beside `-o FILE` (`FILE-1.svg`, `FILE-2.svg`…).
    #[arg(long)]
    page_per_unit: bool,
    /// The language of the picture's own words (legend, box lines, badges,
    /// notes, and the html view's labels); the names and titles of the design
    /// are drawn as written.
    #[arg(long, value_enum, default_value_t = Lang::Nl)]
    lang: Lang,
}

impl Format {
    /// The format a file name's extension says, if it says one.
    fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "dot" | "gv" => Format::Dot,
            "mmd" | "mermaid" => Format::Mermaid,
            "svg" => Format::Svg,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }
}

/// The format asked for, else the one the output file's extension says.
fn format_of(args: &Args) -> Result<Format, CliError> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let output = args.output.output.as_deref().filter(|p| p.as_os_str() != "-");
    match output {
        Some(path) => Format::of_path(path).ok_or_else(|| {
            CliError(format!(
                "cannot tell the picture format from `{}`: give --format dot, mermaid, svg, html or pdf",
                harkje::text::escape_controls(&path.display().to_string())
            ))
        }),
        None => Err(CliError(
            "give --format dot, mermaid, svg, html or pdf, or `-o FILE` with one of their extensions".into(),
        )),
    }
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let chosen = format_of(&args)?;
    let out = Destination::new(args.output.output.as_deref(), &[&args.file])?;
    let design = input::load_design(&args.file)?;
    // The interactive view has a date switch; the pictures draw one day.
    if args.as_of.is_none() && chosen != Format::Html {
        input::note_dated(&design, "the picture draws");
    }
    let level = match args.level {
        Some(LevelArg::Posts) => Level::Posts,
        Some(LevelArg::Units) => Level::Units,
        // The interactive view opens collapsed, so every post can be in it.
        None if chosen == Format::Html => Level::Posts,
        None => {
            let level = Level::for_design(&design);
            if level == Level::Units {
                output::to_stderr(&format!(
                    "note: {} posts (more than {}): drawing the units; `--level posts` draws every post\n",
                    design.posts().len(),
                    Level::UNITS_ABOVE
                ));
            }
            level
        }
    };
    let mut options = RenderOptions::default()
        .with_unit(args.unit)
        .with_depth(args.depth)
        .with_as_of(args.as_of)
        .with_parties(args.parties)
        .with_portfolios(args.portfolios)
        .with_level(level)
        .with_language(args.lang.into());
    if chosen == Format::Html {
        if args.page.is_some() || args.page_per_unit {
            return Err(CliError("--page and --page-per-unit fit printed pictures: the html view has none".into()));
        }
        let policy = crate::check::load_policy(args.policy.as_deref().unwrap_or("generic"))?;
        let checker = harkje::check::Checker::new(policy);
        let page = render::to_html(&design, &options, Some(&checker)).map_err(|e| CliError(e.to_string()))?;
        out.write(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(policy) = &args.policy {
        let policy = crate::check::load_policy(policy)?;
        let policy = match args.as_of {
            Some(day) => policy.with_as_of(day),
            None => policy,
        };
        let report = harkje::check::Checker::new(policy).check(&design);
        if level == Level::Posts {
            output::to_stderr("note: open findings are counted on the boxes of `--level units` only\n");
        }
        options = options.with_findings(&report);
    }
    let page = args.page.map(|p| match p {
        PageArg::A4 => Page::A4,
        PageArg::A3 => Page::A3,
    });
    if page.is_some() && matches!(chosen, Format::Dot | Format::Mermaid) {
        return Err(CliError(
            "--page fits the pictures harkje lays out: use it with `--format svg` or `--format pdf`".into(),
        ));
    }
    let options = options.with_page(match chosen {
        Format::Pdf => Some(page.unwrap_or(Page::A3)),
        _ => page,
    });
    let format = match chosen {
        Format::Dot => PictureFormat::Dot,
        Format::Mermaid => PictureFormat::Mermaid,
        Format::Svg | Format::Pdf | Format::Html => PictureFormat::Svg,
    };
    let fail = |e: render::RenderError| CliError(e.to_string());
    let pictures = if args.page_per_unit {
        render::unit_pages(&design, format, &options).map_err(fail)?
    } else {
        vec![render::picture(&design, format, &options).map_err(fail)?]
    };
    // The day changed the line: say so, as the picture does.
    if let Some(note) = pictures.first().and_then(|p| p.cleared_note()) {
        output::to_stderr(&format!("note: {note}\n"));
    }
    if chosen == Format::Pdf {
        let pdf = render::pdf_of_pages(&pictures, design.name()).map_err(fail)?;
        out.write_with(|w| w.write_all(&pdf))?;
    } else if let [picture] = pictures.as_slice() {
        out.write(&picture.text)?;
    } else {
        let Destination::File(path) = &out else {
            return Err(CliError(format!(
                "--page-per-unit draws {} pages: give `-o FILE` for numbered files, or use `--format pdf`",
                pictures.len()
            )));
        };
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
        for (k, picture) in pictures.iter().enumerate() {
            let file = path.with_file_name(format!("{stem}-{}{ext}", k + 1));
            Destination::new(Some(&file), &[&args.file])?.write(&picture.text)?;
        }
        output::to_stderr(&format!(
            "wrote {} pages: {}\n",
            pictures.len(),
            path.with_file_name(format!("{stem}-1..{}{ext}", pictures.len())).display()
        ));
    }
    input::leave(design);
    Ok(ExitCode::SUCCESS)
}
