//! `harkje metrics`: the structural measures.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use harkje::graph::LineTable;
use harkje::measures::{self, Escalation, Measures, PostPortfolio};
use harkje::number::{decimals, euros, num};
use harkje::text::{Shown, escape_controls};
use jiff::civil::Date;
use serde::Serialize;

use crate::input::{self, CliError, Loaded};
use crate::output::{Destination, Format, OutputArg};

/// Arguments of `harkje metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A design: a JSON design file, or a flat post CSV (`.csv`). `-` reads standard input:
    /// a design when it starts with `{`, else a flat post CSV.
    file: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
    /// Measure the design as it stands on this day (YYYY-MM-DD). JSON designs only.
    #[arg(long, value_parser = input::parse_date)]
    as_of: Option<Date>,
    /// Also write per-post results (key, layer, span, headcount under) to this CSV file
    /// (`-`: standard output); posts that reach no top post have no layer and are left out.
    #[arg(long)]
    per_post: Option<PathBuf>,
}

/// The JSON output: the measures, plus the steering measures of a JSON design.
#[derive(Serialize)]
struct Report<'a> {
    /// The version of this JSON contract.
    version: u32,
    #[serde(flatten)]
    measures: &'a Measures,
    #[serde(skip_serializing_if = "Option::is_none")]
    coordination_load: Option<BTreeMap<String, usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    escalations: Option<Vec<Escalation>>,
    /// Every post's aandachtsgebieden, when the design has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    portfolios: Vec<PostPortfolio>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let out = Destination::new(args.output.output.as_deref(), &[&args.file])?;
    let per_post = args
        .per_post
        .as_deref()
        .map(|p| Destination::beside(p, "--per-post", (&out, "the measures"), &[&args.file]))
        .transpose()?;
    let (name, line, design) = match input::load(&args.file)? {
        Loaded::Flat(line) => {
            if args.as_of.is_some() {
                return Err(CliError("--as-of needs a JSON design: a flat CSV has no dates".into()));
            }
            (input::name(&args.file), *line, None)
        }
        Loaded::Design(d) => {
            let d = match args.as_of {
                Some(day) => input::on_day(*d, day),
                None => {
                    input::note_dated(&d, "the measures take");
                    *d
                }
            };
            (format!("{} ({})", d.name(), input::name(&args.file)), LineTable::from_design(&d), Some(d))
        }
    };
    let m = match &design {
        Some(d) => measures::compute_with(&line, &harkje::graph::Bodies::new(d.units(), &line)),
        None => measures::compute(&line),
    };
    let (load, escalations) = match &design {
        Some(d) if d.assignments().len() > 0 => {
            (Some(measures::coordination_load(d)), Some(measures::escalation_points(d, &line, &m.per_post)))
        }
        _ => (None, None),
    };
    let portfolios = design.as_ref().map(measures::portfolios).unwrap_or_default();
    if let Some(dest) = &per_post {
        write_per_post(dest, &line, &m)?;
    }
    let text = match args.format {
        Format::Json => {
            let report = Report { version: 1, measures: &m, coordination_load: load, escalations, portfolios };
            let mut s = serde_json::to_string_pretty(&report).map_err(|e| CliError(e.to_string()))?;
            s.push('\n');
            s
        }
        Format::Text => {
            let mut s = text(&name, &m, load.as_ref(), escalations.as_deref());
            portfolios_text(&mut s, &portfolios);
            s
        }
    };
    out.write(&text)?;
    let faults = m.has_faults();
    input::leave((design, line, m));
    Ok(if faults { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Writes per-post results for the posts that reach a top post (the others
/// have no layer), as `org_np.py --per-position` does.
fn write_per_post(dest: &Destination, line: &LineTable, m: &Measures) -> Result<(), CliError> {
    let mut rows: Vec<usize> = (0..line.len()).filter(|&i| m.per_post.layer[i] > 0).collect();
    rows.sort_by_cached_key(|&i| harkje::model::NaturalKey::new(line.key(i)));
    dest.write_with(|out| {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(["id", "layer", "span", "headcount_under"])?;
        // Three number buffers reused for every row, instead of three strings per row.
        let (mut layer, mut span, mut under) = (String::new(), String::new(), String::new());
        let pp = &m.per_post;
        for i in rows {
            for (buf, value) in [(&mut layer, u64::from(pp.layer[i])), (&mut span, u64::from(pp.span[i]))] {
                buf.clear();
                let _ = write!(buf, "{value}");
            }
            under.clear();
            let _ = write!(under, "{}", pp.headcount_under[i]);
            w.write_record([line.key(i), &layer, &span, &under])?;
        }
        w.flush()
    })
}

fn list(items: &[String], limit: usize) -> String {
    if items.is_empty() {
        return "none".into();
    }
    let shown: Vec<String> = items.iter().take(limit).map(|i| escape_controls(i).into_owned()).collect();
    let more = items.len().saturating_sub(limit);
    if more > 0 { format!("{} … and {more} more", shown.join(", ")) } else { shown.join(", ") }
}

fn text(name: &str, m: &Measures, load: Option<&BTreeMap<String, usize>>, esc: Option<&[Escalation]>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", Shown(name));
    let _ = writeln!(s, "  posts              {}", m.posts);
    let _ = writeln!(s, "  top posts          {} ({})", m.top_posts.len(), list(&m.top_posts, 5));
    let _ = writeln!(s, "  layers             {} (management layers: {})", m.layers, m.management_layers);
    let per_layer: Vec<String> = m.posts_per_layer.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    let _ =
        writeln!(s, "  posts per layer    {}", if per_layer.is_empty() { "none".into() } else { per_layer.join(", ") });
    let sp = &m.span;
    let _ = writeln!(
        s,
        "  span of control    {} managers; min {}, median {}, mean {}, max {} posts",
        sp.managers,
        sp.min,
        decimals(sp.median, 4),
        decimals(sp.mean, 4),
        sp.max
    );
    let _ = writeln!(
        s,
        "                     in FTE: min {}, median {}, mean {}, max {}",
        decimals(sp.fte.min, 4),
        decimals(sp.fte.median, 4),
        decimals(sp.fte.mean, 4),
        decimals(sp.fte.max, 4)
    );
    let t = &m.totals;
    let _ = write!(s, "  totals             {} posts, {} FTE, cost {}", t.headcount, num(t.fte), euros(t.cost));
    if t.unknown_salary > 0 {
        let _ = write!(s, " ({} posts with unknown salary)", t.unknown_salary);
    }
    s.push('\n');
    let cycles: Vec<String> = m.cycles.iter().map(|c| format!("[{}]", c.join(", "))).collect();
    let _ = writeln!(
        s,
        "  cycles             {}",
        if cycles.is_empty() { "none".into() } else { format!("{}: {}", cycles.len(), list(&cycles, 5)) }
    );
    let dangling: Vec<String> =
        m.dangling_references.iter().map(|d| format!("{} → {} (missing)", d.post, d.reports_to)).collect();
    let _ = writeln!(s, "  dangling           {}", list(&dangling, 5));
    let _ = writeln!(
        s,
        "  unreachable posts  {}",
        if m.unreachable_posts.is_empty() {
            "none".into()
        } else {
            format!("{}: {}", m.unreachable_posts.len(), list(&m.unreachable_posts, 5))
        }
    );
    if !m.units.is_empty() {
        let width = m.units.keys().map(|k| escape_controls(k).chars().count()).max().unwrap_or(4).clamp(4, 40);
        let _ = writeln!(s, "\n  {:<width$}  {:>8}  {:>10}  {:>16}", "unit", "posts", "FTE", "cost");
        for (k, u) in m.units.iter().take(50) {
            let _ =
                writeln!(s, "  {:<width$}  {:>8}  {:>10}  {:>16}", Shown(k), u.headcount, num(u.fte), euros(u.cost));
        }
        if m.units.len() > 50 {
            let _ = writeln!(s, "  … and {} more units (use --format json for all)", m.units.len() - 50);
        }
    }
    if let Some(load) = load {
        let _ = writeln!(s, "\n  coordination load (steering posts into each unit)");
        for (k, n) in load {
            let _ = writeln!(s, "    {}: {n}", Shown(k));
        }
    }
    if let Some(esc) = esc {
        let _ = writeln!(s, "\n  escalation points (lowest common line superior)");
        for e in esc {
            let at = match &e.collective {
                Some(c) => format!("the collective {}", Shown(c)),
                None => Shown(e.computed.as_deref().unwrap_or("no common superior")).to_string(),
            };
            let _ = writeln!(
                s,
                "    {}: {} and {} meet at {at}",
                Shown(&e.assignment),
                Shown(&e.agent),
                Shown(e.steered.as_deref().unwrap_or("(no head)")),
            );
        }
    }
    s
}

/// The portfolios section of the text output: each post with the units it
/// follows as aandachtsgebied. Nothing when there are none.
fn portfolios_text(s: &mut String, portfolios: &[PostPortfolio]) {
    if portfolios.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n  portfolios (aandachtsgebieden, no line authority)");
    for p in portfolios {
        let units: Vec<String> = p.units.iter().map(|u| Shown(u).to_string()).collect();
        let _ = writeln!(s, "    {}: {}", Shown(&p.post), units.join(", "));
    }
}
