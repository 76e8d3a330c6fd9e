//! What the seed examples print: the measures of each municipality's designs.
//!
//! Each example program (`cargo run --example <name>`) prints one function's
//! text; the integration tests in `tests/it/seeds.rs` call the same functions
//! and the same fact helpers, so an example cannot quietly stop showing what it
//! is for.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use harkje::check::{Policy, Report};
use harkje::graph::LineTable;
use harkje::measures::{self, Measures};
use harkje::render::{self, PictureFormat, RenderOptions};
use harkje::transition::{Statute, TransitionInput, TransitionReport};
use harkje::{Date, date};
use harkje::{Design, SteeringKind, Target, UnitKind};

/// Errors while loading the data.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The directory with the example data.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data")
}

/// Loads a data file by its path under `examples/data/`.
pub fn load(rel: &str) -> Result<Design> {
    Ok(harkje::format::from_json_file(data_dir().join(rel))?)
}

/// The structural measures of a design, with its collective leaderships and
/// self-steering teams resolved (the same numbers as `harkje metrics`).
pub fn measure(d: &Design) -> Measures {
    measures::of_design(d)
}

/// The number of posts with a role.
pub fn count_role(d: &Design, role: &str) -> usize {
    d.posts().filter(|p| p.role == role).count()
}

/// Temporary posts with their end dates (`None` when missing), sorted by key.
pub fn temporary_posts(d: &Design) -> Vec<(String, Option<Date>)> {
    let mut v: Vec<(String, Option<Date>)> =
        d.posts().filter(|p| p.temporary).map(|p| (p.key.to_string(), p.valid.until)).collect();
    v.sort();
    v
}

/// The keys of the posts in the directie unit(s).
pub fn directie_posts(d: &Design) -> Vec<String> {
    let mut v: Vec<String> = d
        .posts()
        .filter(|p| p.unit.and_then(|u| d.unit(u)).is_some_and(|u| u.kind == UnitKind::Directie))
        .map(|p| p.key.to_string())
        .collect();
    v.sort();
    v
}

/// The number of members of a community or collective.
pub fn members(d: &Design, community: &str) -> usize {
    let Some(c) = d.unit_by_key(community) else { return 0 };
    d.memberships().filter(|m| m.community == c.id).count()
}

/// Assignments counted by kind.
pub fn assignments_by_kind(d: &Design) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for a in d.assignments() {
        *out.entry(a.kind.as_str()).or_insert(0) += 1;
    }
    out
}

/// Assignments of a kind that name a principal, a goal, a start and an escalation into the directie.
pub fn complete_assignments(d: &Design, kind: SteeringKind) -> (usize, usize) {
    let all: Vec<_> = d.assignments().filter(|a| a.kind == kind).collect();
    let directie = |t: Option<Target>| match t {
        Some(Target::Unit(u)) => d.unit(u).is_some_and(|u| u.kind == UnitKind::Directie),
        Some(Target::Post(p)) => {
            d.post(p).and_then(|p| p.unit).and_then(|u| d.unit(u)).is_some_and(|u| u.kind == UnitKind::Directie)
        }
        // A party (the college) is outside the directie; this count asks for the directie.
        _ => false,
    };
    let complete = all
        .iter()
        .filter(|a| a.principal.is_some() && a.goal.is_some() && a.valid.from.is_some() && directie(a.escalation))
        .count();
    (complete, all.len())
}

/// The line manager's key of a post.
pub fn manager_of(d: &Design, post: &str) -> Option<String> {
    d.post_by_key(post).and_then(|p| p.reports_to).and_then(|m| d.post(m)).map(|m| m.key.to_string())
}

/// The unit key a post is placed in.
pub fn unit_of(d: &Design, post: &str) -> Option<String> {
    d.post_by_key(post).and_then(|p| p.unit).and_then(|u| d.unit(u)).map(|u| u.key.clone())
}

/// The spans of the posts with a role, by key.
pub fn spans_of_role(d: &Design, role: &str) -> BTreeMap<String, u32> {
    let line = LineTable::from_design(d);
    let m = measures::compute(&line);
    (0..line.len())
        .filter(|&i| d.post_by_key(line.key(i)).is_some_and(|p| p.role == role))
        .map(|i| (line.key(i).to_owned(), m.per_post.span[i]))
        .collect()
}

/// The yearly payroll (salary × FTE over all posts).
pub fn payroll(d: &Design) -> f64 {
    measure(d).totals.cost
}

/// Formats euros with thousands separators, no cents.
pub fn euro(x: f64) -> String {
    let whole = x.round() as i64;
    let digits = whole.abs().to_string();
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push('.');
        }
        s.push(c);
    }
    format!("{}EUR {s}", if whole < 0 { "-" } else { "" })
}

/// The common block: posts, layers, spans, totals.
pub fn summary(title: &str, d: &Design) -> String {
    let m = measure(d);
    let mut s = String::new();
    let _ = writeln!(s, "{title}");
    let _ = writeln!(s, "  design               {}", d.name());
    let _ = writeln!(s, "  units                {}", d.units().len());
    let _ = writeln!(s, "  posts                {} ({} FTE)", m.posts, m.totals.fte);
    let _ = writeln!(s, "  top posts            {}", m.top_posts.join(", "));
    let _ = writeln!(s, "  layers               {}", m.layers);
    let _ = writeln!(s, "  management layers    {}", m.management_layers);
    let _ = writeln!(
        s,
        "  span of control      {} managers; min {}, median {}, mean {}, max {} posts",
        m.span.managers, m.span.min, m.span.median, m.span.mean, m.span.max
    );
    let _ = writeln!(s, "  payroll              {}", euro(m.totals.cost));
    if d.people().len() > 0 {
        let _ = writeln!(s, "  people               {} ({} appointments)", d.people().len(), d.appointments().len());
    }
    if d.functions().len() > 0 {
        let _ = writeln!(s, "  functieboek          {} functions", d.functions().len());
    }
    let kinds = assignments_by_kind(d);
    if !kinds.is_empty() {
        let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(s, "  steering             {}", list.join(", "));
    }
    let temp = temporary_posts(d);
    if !temp.is_empty() {
        let list: Vec<String> = temp
            .iter()
            .map(|(k, u)| format!("{k} until {}", u.map_or_else(|| "(no end)".to_owned(), |u| u.to_string())))
            .collect();
        let _ = writeln!(s, "  temporary posts      {}", list.join("; "));
    }
    s
}

/// De Bilt: the design on 1 January 2018, in the pop-up team's months of 2019 and on 1 January 2020.
pub fn de_bilt_2018() -> Result<String> {
    let d = load("de-bilt-2018/design.json")?;
    let mut s = String::new();
    for day in [date(2018, 1, 1), date(2019, 6, 1), date(2020, 1, 1)] {
        let on = d.as_of(day);
        s.push_str(&summary(&format!("De Bilt as of {day}"), &on));
        let _ = writeln!(s, "  kwartiermakers       {}", count_role(&on, "kwartiermaker"));
        let _ = writeln!(s, "  gebiedsmakelaars     {}", count_role(&on, "gebiedsmakelaar"));
        let _ = writeln!(s, "  teamcoaches          {}", count_role(&on, "teamcoach"));
        let _ = writeln!(s, "  managementcollectief {} members", members(&on, "managementcollectief"));
        let _ = writeln!(s, "  gebiedsmakelaars as a team: {} members", members(&on, "gebiedsmakelaars"));
        let teams: Vec<&str> = on.units().filter(|u| u.self_steering.is_some()).map(|u| u.key.as_str()).collect();
        let _ = writeln!(s, "  self-steering teams  {}", teams.len());
        let popups: Vec<String> = on
            .units()
            .filter(|u| u.kind == UnitKind::PopUp)
            .map(|u| format!("{} ({})", u.key, members(&on, &u.key)))
            .collect();
        if !popups.is_empty() {
            let _ = writeln!(s, "  pop-up teams         {}", popups.join(", "));
        }
        let communities: Vec<String> = on
            .units()
            .filter(|u| u.kind == UnitKind::Community)
            .map(|u| format!("{} ({})", u.key, members(&on, &u.key)))
            .collect();
        let _ = writeln!(s, "  communities          {}", communities.join(", "));
        s.push('\n');
    }
    Ok(s)
}

/// Almelo: the old sector organisation, the new design and the five-layer what-if.
pub fn almelo_2018() -> Result<String> {
    let old = load("almelo-2018/old.json")?;
    let new = load("almelo-2018/new.json")?;
    let five = load("almelo-2018/new-five-layers.json")?;
    let mut s = summary("Almelo before the reorganisation", &old);
    s.push('\n');
    // The new design as it stands on the (synthetic) implementation day: the
    // Adviespool's advisers under their two temporary teammanagers.
    s.push_str(&summary("Almelo, Voor Stad en Resultaat, on 2018-07-01", &new.as_of(date(2018, 7, 1))));
    let cc = manager_of(&new, "concerncontroller").unwrap_or_default();
    let _ = writeln!(
        s,
        "  concerncontroller    placed in {}, reports to {}",
        unit_of(&new, "concerncontroller").unwrap_or_default(),
        cc
    );
    for role in ["hoofd", "programmamanager", "wijkmanager", "proceseigenaar", "kwartiermaker", "teammanager-tijdelijk"]
    {
        let _ = writeln!(s, "  {:<20} {}", role, count_role(&new, role));
    }
    let heads: Vec<String> = new
        .units()
        .filter(|u| u.kind == harkje::UnitKind::Eenheid || u.kind == harkje::UnitKind::Pool)
        .map(|u| {
            let head = u.head.and_then(|h| new.post(h)).map_or("no hoofd", |p| p.key.as_str());
            format!("{} ({head})", u.key)
        })
        .collect();
    let _ = writeln!(s, "  eenheden             {}", heads.join(", "));
    let deployed: Vec<String> = new
        .assignments()
        .filter_map(|a| a.capacity.map(|c| format!("{} {c} FTE", new.target_path(a.target))))
        .collect();
    let _ = writeln!(s, "  pool deployments     {}", deployed.join(", "));
    let line = LineTable::from_design(&new);
    let m = measures::compute(&line);
    let esc = measures::escalation_points(&new, &line, &m.per_post);
    let named = esc.iter().filter(|e| e.named.as_deref() == Some("units/directie")).count();
    let _ = writeln!(s, "  escalation           {named} of {} assignments name the directie", esc.len());
    let old_keys: Vec<String> = old.functions().map(|f| f.key.clone()).collect();
    let kept = new.functions().filter(|f| old_keys.contains(&f.key)).count();
    let _ = writeln!(
        s,
        "  functieboek          {} old, {} new, {} codes in both",
        old.functions().len(),
        new.functions().len(),
        kept
    );
    s.push('\n');
    s.push_str(&summary("Almelo what-if: a fifth management layer", &five));
    Ok(s)
}

/// Amersfoort: sector steering (2014) and the smaller directie (2015), the
/// Flexportaal's jobs taken by staff of the afdelingen, and the Bedrijventeam.
pub fn amersfoort_2015() -> Result<String> {
    let old = load("amersfoort-2015/old.json")?;
    let new = load("amersfoort-2015/new.json")?;
    let mut s = summary("Amersfoort 2014, sector steering", &old);
    let _ = writeln!(s, "  directie             {}", directie_posts(&old).join(", "));
    s.push('\n');
    s.push_str(&summary("Amersfoort 2015, the smaller directie", &new));
    let collective = new.unit_by_key("directie").is_some_and(|u| u.collective_leadership);
    let _ = writeln!(
        s,
        "  directie             {}{}",
        directie_posts(&new).join(", "),
        if collective { " (steering together)" } else { "" }
    );
    let jobs: Vec<_> = new.assignments().filter(|a| a.key.starts_with("flexportaal-")).collect();
    let takers: std::collections::BTreeSet<_> =
        jobs.iter().filter_map(|a| new.post(a.agent)).filter_map(|p| unit_of(&new, &p.key)).collect();
    let _ = writeln!(
        s,
        "  flexportaal          {} jobs taken by staff of {} afdelingen; no unit of its own: {}",
        jobs.len(),
        takers.len(),
        if new.unit_by_key("flexportaal").is_none() { "yes" } else { "no" }
    );
    let _ = writeln!(
        s,
        "  bedrijventeam        {} members, {} account managers",
        members(&new, "amersfoorts-bedrijventeam"),
        count_role(&new, "accountmanager")
    );
    Ok(s)
}

/// Hengelo: the new management layers, Hengelo's Werken and the payroll,
/// which the reorganisation keeps (the report says the savings target is
/// already filled structurally, not how).
pub fn hengelo_2021() -> Result<String> {
    let old = load("hengelo-2021/old.json")?;
    let new = load("hengelo-2021/new.json")?;
    let mut s = summary("Hengelo 2020", &old);
    s.push('\n');
    s.push_str(&summary("Hengelo from 1 July 2021", &new));
    for role in ["concernmanager", "afdelingsmanager", "teammanager", "regisseur", "programmamanager"] {
        let _ = writeln!(s, "  {:<20} {}", role, count_role(&new, role));
    }
    let lines: Vec<&str> = new
        .units()
        .filter(|u| u.parent.and_then(|p| new.unit(p)).is_some_and(|p| p.key == "hengelos-werken"))
        .map(|u| u.key.as_str())
        .collect();
    let _ = writeln!(s, "  hengelo's werken     {} programme lines: {}", lines.len(), lines.join(", "));
    let (p_old, p_new) = (payroll(&old), payroll(&new));
    let _ = writeln!(
        s,
        "  payroll              {} -> {} ({:+.2}%); the formatie is kept, the target is checked by the policy",
        euro(p_old),
        euro(p_new),
        (p_new - p_old) / p_old * 100.0
    );
    Ok(s)
}

/// The 2024 case: three domains become five afdelingen; the span of control before and after.
pub fn gemeente_2024() -> Result<String> {
    let old = load("gemeente-2024/old.json")?;
    let new = load("gemeente-2024/new.json")?;
    let mut s = summary("Gemeente 2024, before", &old);
    s.push('\n');
    s.push_str(&summary("Gemeente 2024, after", &new));
    let _ = writeln!(s, "  teamregisseurs       {}", count_role(&new, "teamregisseur"));
    let _ = writeln!(s, "  business consultants {}", count_role(&new, "business-consultant"));
    // Each teamregisseur follows the primary-process teams it strengthens (portfolios).
    for p in new.posts().filter(|p| p.role == "teamregisseur") {
        let teams: Vec<String> = new
            .portfolios()
            .filter(|f| f.post == p.id)
            .filter_map(|f| new.unit(f.unit).map(|u| u.key.clone()))
            .collect();
        let _ = writeln!(s, "  teamregisseur        {} strengthens {}", p.key, teams.join(", "));
    }
    let (p_old, p_new) = (payroll(&old), payroll(&new));
    let _ = writeln!(
        s,
        "  payroll              {} -> {} ({:+.2}%): two more heads, five teamregisseurs and the project leader",
        euro(p_old),
        euro(p_new),
        (p_new - p_old) / p_old * 100.0
    );
    let (mo, mn) = (measure(&old), measure(&new));
    let _ = writeln!(s, "\nSpan of control of the line managers below the top, old -> new");
    let spans = |d: &Design| {
        let mut v: Vec<(String, u32)> = spans_of_role(d, "hoofd").into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(s, "  before  {}", spans(&old));
    let _ = writeln!(s, "  after   {}", spans(&new));
    let _ = writeln!(
        s,
        "  widest span {} -> {} posts; mean span {} -> {}",
        mo.span.max, mn.span.max, mo.span.mean, mn.span.mean
    );
    Ok(s)
}

// ---------------------------------------------------------------------------
// Checks, transitions and pictures: what each example runs and the tests assert.

/// What one example run produced: the text it prints, the check reports, the
/// transition reports and the pictures it wrote.
#[derive(Debug)]
pub struct Run {
    /// Everything the example prints.
    pub text: String,
    /// The check reports, by label (such as `new 2018-07-01`).
    pub checks: BTreeMap<String, Report>,
    /// The personele-gevolgen reports, by label.
    pub transitions: BTreeMap<String, TransitionReport>,
    /// The files written (pictures and full reports), in order.
    pub written: Vec<PathBuf>,
}

impl Run {
    fn new(text: String) -> Run {
        Run { text, checks: BTreeMap::new(), transitions: BTreeMap::new(), written: Vec::new() }
    }

    /// The check report with this label.
    pub fn check(&self, label: &str) -> &Report {
        &self.checks[label]
    }

    /// The transition report with this label.
    pub fn transition(&self, label: &str) -> &TransitionReport {
        &self.transitions[label]
    }

    /// Checks a design against a preset on a fixed day, prints the report and keeps it.
    fn run_check(&mut self, label: &str, d: &Design, preset: &str, day: Date) -> Result<()> {
        let policy = Policy::preset(preset)?.with_as_of(day);
        let report = harkje::check::check(d, &policy);
        let _ = writeln!(self.text, "Check `{label}` against policy {preset} as of {day}");
        self.text.push_str(&report.to_text());
        self.text.push('\n');
        self.checks.insert(label.to_owned(), report);
        Ok(())
    }

    /// Checks a design against a policy file as of a day, prints and keeps the report.
    fn run_check_file(&mut self, label: &str, d: &Design, policy: &Path, day: Date) -> Result<()> {
        let p = Policy::from_toml_file(policy)?.with_as_of(day);
        let report = harkje::check::check(d, &p);
        let name = policy.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(self.text, "Check `{label}` against policy {name} as of {day}");
        self.text.push_str(&report.to_text());
        self.text.push('\n');
        self.checks.insert(label.to_owned(), report);
        Ok(())
    }

    /// Draws a design as SVG into `out`, prints the path and keeps it.
    fn write_svg(&mut self, out: &Path, file: &str, d: &Design, day: Option<Date>) -> Result<()> {
        let options = RenderOptions::default().with_as_of(day);
        let picture = render::picture(d, PictureFormat::Svg, &options)?;
        std::fs::create_dir_all(out)?;
        let path = out.join(file);
        std::fs::write(&path, &picture.text)?;
        let _ = writeln!(self.text, "picture written to {}", path.display());
        if let Some(note) = picture.cleared_note() {
            let _ = writeln!(self.text, "  {note}");
        }
        self.written.push(path);
        Ok(())
    }

    /// Runs a transition, prints the short form of its report, writes the
    /// full text report into `out` and keeps it.
    fn run_transition(
        &mut self,
        out: &Path,
        label: &str,
        dir: &str,
        old: &Design,
        new: &Design,
        statute: &str,
    ) -> Result<()> {
        let statute = Statute::preset(statute).ok_or_else(|| format!("no statute preset `{statute}`"))?;
        let text = std::fs::read_to_string(data_dir().join(dir).join("transition.toml"))?;
        let input = TransitionInput::from_toml(&text)?;
        let report = harkje::transition::transition(old, new, &statute, &input)?;
        let full = report.to_text_in(harkje::transition::Language::English);
        std::fs::create_dir_all(out)?;
        let path = out.join(format!("{label}-transition.txt"));
        std::fs::write(&path, &full)?;
        self.text.push_str(&short_transition_text(&full, report.employees.len()));
        let _ = writeln!(self.text, "full personele-gevolgen report written to {}\n", path.display());
        self.written.push(path);
        self.transitions.insert(label.to_owned(), report);
        Ok(())
    }
}

/// Where the examples write their pictures and reports: `target/examples/`
/// (under `CARGO_TARGET_DIR` when that is set).
pub fn out_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("examples")
}

/// The transition report without its two long sections (the establishment
/// per unit and the list of employees), which go to the file.
fn short_transition_text(full: &str, employees: usize) -> String {
    let mut s = String::new();
    for section in full.split("\n\n") {
        let head = section.lines().next().unwrap_or_default();
        if head.starts_with("Establishment") || head == "Employees" {
            let _ = writeln!(s, "{head}: {} lines, in the full report\n", section.lines().count() - 1);
            continue;
        }
        s.push_str(section.trim_end());
        s.push_str("\n\n");
    }
    let _ = writeln!(s, "({employees} employees placed)");
    s
}

/// The number of findings per rule name in a report.
pub fn rule_counts(report: &Report) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for d in report.diagnostics() {
        *out.entry(d.rule.clone()).or_insert(0) += 1;
    }
    out
}

/// The number of employees per outcome (by its Dutch name) in a transition report.
pub fn outcome_counts(report: &TransitionReport) -> BTreeMap<&'static str, usize> {
    report.totals.outcomes.iter().map(|(o, t)| (o.as_str(), t.count)).collect()
}

/// De Bilt: the design on 1 January 2018 and on 1 January 2020, each checked and drawn.
pub fn run_de_bilt_2018(out: &Path) -> Result<Run> {
    let d = load("de-bilt-2018/design.json")?;
    let mut run = Run::new(de_bilt_2018()?);
    for day in [date(2018, 1, 1), date(2020, 1, 1)] {
        run.run_check(&day.to_string(), &d, "de-bilt-2018", day)?;
        run.write_svg(out, &format!("de-bilt-2018-{day}.svg"), &d, Some(day))?;
    }
    Ok(run)
}

/// Almelo: measures, the check of the new design on 1 July 2018 and after the
/// temporary teammanagers leave, the five-layer what-if, the transition and a picture.
pub fn run_almelo_2018(out: &Path) -> Result<Run> {
    let old = load("almelo-2018/old.json")?;
    let new = load("almelo-2018/new.json")?;
    let five = load("almelo-2018/new-five-layers.json")?;
    let mut run = Run::new(almelo_2018()?);
    let start = date(2018, 7, 1);
    run.run_check("new", &new, "almelo-2018", start)?;
    run.run_check("new-five-layers", &five, "almelo-2018", start)?;
    // The temporary teammanagers of the Adviespool end on 2020-06-30; their
    // advisers' dated line then runs to the hoofd of the pool.
    run.run_check("new 2020-07-01", &new, "almelo-2018", date(2020, 7, 1))?;
    run.run_transition(out, "almelo-2018", "almelo-2018", &old, &new, "almelo-2018")?;
    run.write_svg(out, "almelo-2018.svg", &new, Some(start))?;
    Ok(run)
}

/// Amersfoort: measures, both designs checked against the generic policy
/// (the old one on the letter's day), the transition of 2015 and a picture of each.
pub fn run_amersfoort_2015(out: &Path) -> Result<Run> {
    let old = load("amersfoort-2015/old.json")?;
    let new = load("amersfoort-2015/new.json")?;
    let mut run = Run::new(amersfoort_2015()?);
    let (before, after) = (date(2014, 9, 9), date(2015, 7, 1));
    run.run_check("old", &old, "generic", before)?;
    run.run_check("new", &new, "generic", after)?;
    run.run_transition(out, "amersfoort-2015", "amersfoort-2015", &old, &new, "cao-gemeenten-2020")?;
    run.write_svg(out, "amersfoort-2014.svg", &old, Some(before))?;
    run.write_svg(out, "amersfoort-2015.svg", &new, Some(after))?;
    Ok(run)
}

/// Hengelo: measures, both designs checked against the example's policy
/// with the phased savings target (EUR 400k in 2020, none given for 2021,
/// EUR 840k from 2022) on a day of each period, the transition of 1 July 2021
/// and a picture.
pub fn run_hengelo_2021(out: &Path) -> Result<Run> {
    let old = load("hengelo-2021/old.json")?;
    let new = load("hengelo-2021/new.json")?;
    let mut run = Run::new(hengelo_2021()?);
    let policy = data_dir().join("hengelo-2021/policy.toml");
    run.run_check_file("old 2020-07-01", &old, &policy, date(2020, 7, 1))?;
    run.run_check_file("new 2021-07-01", &new, &policy, date(2021, 7, 1))?;
    run.run_check_file("new 2022-01-01", &new, &policy, date(2022, 1, 1))?;
    run.run_transition(out, "hengelo-2021", "hengelo-2021", &old, &new, "cao-gemeenten-2020")?;
    run.write_svg(out, "hengelo-2021.svg", &new, Some(date(2021, 7, 1)))?;
    Ok(run)
}

/// Gemeente 2024: the span of control old → new, both checked with the
/// example's policy (the generic one plus the EUR 100k cap on extra staff of
/// the 2024 budget), the transition and a picture of each.
pub fn run_gemeente_2024(out: &Path) -> Result<Run> {
    let old = load("gemeente-2024/old.json")?;
    let new = load("gemeente-2024/new.json")?;
    let mut run = Run::new(gemeente_2024()?);
    let day = date(2024, 9, 1);
    let policy = data_dir().join("gemeente-2024/policy.toml");
    run.run_check_file("old", &old, &policy, day)?;
    run.run_check_file("new", &new, &policy, day)?;
    run.run_transition(out, "gemeente-2024", "gemeente-2024", &old, &new, "cao-gemeenten-2020")?;
    run.write_svg(out, "gemeente-2024-old.svg", &old, Some(day))?;
    run.write_svg(out, "gemeente-2024-new.svg", &new, Some(day))?;
    Ok(run)
}
