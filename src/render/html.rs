//! The interactive view: one self-contained HTML page (see [`super::to_html`]).
//!
//! The page carries its data as compact JSON (one column per field, strings
//! interned), one block per day of the date switch, and its own script and
//! style (`html/view.js`, `html/view.css`, embedded with `include_str!`). The
//! script parses only the day shown, sums each subtree once, and puts in the
//! document only the boxes of expanded nodes.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::scene::{Node, Scene, kind_colour};
use super::words::{ScriptWords, Words, page_words};
use super::{Level, RenderError, RenderOptions};
use crate::check::{Checker, Report};
use crate::diagnostic::Severity;
use crate::model::{Design, UnitKind};

/// The script of the page.
const SCRIPT: &str = include_str!("html/view.js");
/// The style sheet of the page.
const STYLE: &str = include_str!("html/view.css");

/// How many days the date switch offers at most: the latest change days.
pub(crate) const MAX_DAYS: usize = 24;

/// The days the page can show: `None` for the design as given, else days.
/// The second value is the index of the day the page opens on.
fn view_days(design: &Design, options: &RenderOptions) -> (Vec<Option<Date>>, usize) {
    let mut days = change_days(design);
    if days.is_empty() {
        return (vec![options.as_of], 0);
    }
    while days.len() > MAX_DAYS {
        days.pop_first();
    }
    if let Some(day) = options.as_of {
        days.insert(day);
    }
    let days: Vec<Option<Date>> = days.into_iter().map(Some).collect();
    // Opens on the day asked for, else on the last day on which something changes.
    let open = options.as_of.and_then(|d| days.iter().position(|x| *x == Some(d))).unwrap_or(days.len() - 1);
    (days, open)
}

/// The days on which a post or unit starts, ends (the day after its last) or
/// a dated field of one takes a new value. O(n log n).
pub(crate) fn change_days(design: &Design) -> BTreeSet<Date> {
    let mut days = BTreeSet::new();
    let mut period = |from: Option<Date>, until: Option<Date>| {
        if let Some(d) = from {
            days.insert(d);
        }
        if let Some(d) = until.and_then(|d| d.tomorrow().ok()) {
            days.insert(d);
        }
    };
    for p in design.posts() {
        period(p.valid.from, p.valid.until);
        if let Some(dated) = &p.dated {
            for v in &dated.reports_to {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.unit {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.accountable_to {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.function {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.fte {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.scale {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.salary {
                period(v.valid.from, v.valid.until);
            }
        }
    }
    for u in design.units() {
        period(u.valid.from, u.valid.until);
        if let Some(dated) = &u.dated {
            for v in &dated.parent {
                period(v.valid.from, v.valid.until);
            }
            for v in &dated.kind {
                period(v.valid.from, v.valid.until);
            }
        }
    }
    days
}

/// What the page knows before it parses a day: the title, the level, the days.
#[derive(Serialize)]
struct Meta {
    title: String,
    level: &'static str,
    /// The days of the switch as `YYYY-MM-DD`; empty without one.
    days: Vec<String>,
    /// The index of the day the page opens on.
    open: usize,
    /// The layers expanded when the page opens (`--depth`); `null`: as many
    /// as keep the page short.
    depth: Option<usize>,
    /// Whether findings were counted (a checker was given).
    checked: bool,
    /// The fill colour of each unit kind, by the kind's name.
    colours: Vec<(String, String)>,
    /// The script's words, in the page's language.
    words: &'static ScriptWords,
}

/// One day's tree, column by column; node `i` is the `i`-th entry of every
/// column, and a node's parent comes before it.
#[derive(Serialize, Default)]
struct View {
    /// The strings the `t`, `r`, `u` and `g` columns point into.
    s: Vec<String>,
    /// Keys.
    k: Vec<String>,
    /// Titles (a post's title, a unit's name).
    t: Vec<u32>,
    /// Roles (posts), or the head's title or how the unit is led (units).
    r: Vec<u32>,
    /// The unit a post is placed in (posts), or the unit kind (units); `0`: none.
    u: Vec<u32>,
    /// The kind of the unit, for the colour; `0`: none.
    g: Vec<u32>,
    /// The parent, or `-1` for a top of the tree.
    p: Vec<i64>,
    /// Posts counted in the box (1 for a post, the members of a collective
    /// body, the posts placed directly in a unit).
    h: Vec<u32>,
    /// FTE × 100, rounded.
    f: Vec<u64>,
    /// Yearly cost in whole euros, `-1` when no salary is known.
    c: Vec<i64>,
    /// Errors found on the element (and, for a unit, on its posts).
    e: Vec<u32>,
    /// Warnings found likewise.
    w: Vec<u32>,
    /// Marks: 1 in a line cycle, 2 lost a reference on the day, 4 a party,
    /// 8 a collective body, 16 a member of a self-steering team, 32 a staff
    /// post drawn beside its manager (the scene's [`Node::staff`]).
    m: Vec<u8>,
    /// Notes on what the day left out or changed, in plain words.
    notes: Vec<String>,
}

/// Interns strings for [`View::s`]; index 0 is the empty string.
struct Strings {
    list: Vec<String>,
    index: HashMap<String, u32>,
}

impl Strings {
    fn new() -> Self {
        let mut index = HashMap::new();
        index.insert(String::new(), 0);
        Strings { list: vec![String::new()], index }
    }

    fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.list.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        i
    }
}

/// Findings per element path (`posts/gs`): errors and warnings.
fn findings(report: Option<&Report>) -> HashMap<&str, (u32, u32)> {
    let mut map: HashMap<&str, (u32, u32)> = HashMap::new();
    for d in report.map(Report::diagnostics).unwrap_or_default() {
        let e = map.entry(d.subject.as_str()).or_default();
        match d.severity {
            Severity::Error => e.0 += 1,
            Severity::Warning => e.1 += 1,
            Severity::Info => {}
        }
    }
    map
}

/// How a unit is led, from the scene's line under its name, in the words `w`
/// the scene is drawn in.
fn led(node: &Node, w: &Words) -> String {
    if !node.members.is_empty() {
        return w.led_together(node.members.len());
    }
    node.details.first().filter(|_| node.details.len() > 1).cloned().unwrap_or_default()
}

/// The order the page lists nodes in: breadth first from the tops, so that a
/// parent comes before its children; nodes no top reaches follow as tops.
fn bfs_order(scene: &Scene) -> (Vec<usize>, Vec<Option<usize>>) {
    let n = scene.nodes.len();
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut parent = vec![None; n];
    let mut queue = VecDeque::new();
    let tops = scene.roots.iter().chain(&scene.unreachable).copied().chain(0..n);
    for top in tops {
        if seen[top] {
            continue;
        }
        seen[top] = true;
        queue.push_back(top);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &c in &scene.children[v] {
                if !seen[c] {
                    seen[c] = true;
                    parent[c] = Some(v);
                    queue.push_back(c);
                }
            }
        }
    }
    (order, parent)
}

/// One day's view: the scene of the day, with the numbers of each box.
fn view(
    design: &Design,
    options: &RenderOptions,
    day: Option<Date>,
    checker: Option<&Checker>,
) -> Result<View, RenderError> {
    // The scene's words are the page's (and its script's): those of the language asked for.
    let mut opts = options.clone().with_as_of(day).with_depth(None);
    opts.level = options.level;
    let mut scene = match options.level {
        Level::Posts => Scene::build(design, &opts)?,
        Level::Units => super::units::build(design, &opts)?,
    };
    let resolved = day.map(|day| design.on_day(day).0);
    let d = resolved.as_deref().unwrap_or(design);
    let report = checker.map(|c| match day {
        Some(day) => c.check_on(design, day),
        None => c.check(design),
    });
    let found = findings(report.as_ref());
    let found_of = |path: &str| found.get(path).copied().unwrap_or_default();

    // At the unit level: each unit's own posts, FTE, cost and findings.
    let mut per_unit: HashMap<&str, (u32, f64, Option<f64>, u32, u32)> = HashMap::new();
    if options.level == Level::Units {
        for p in d.posts() {
            let Some(u) = p.unit.and_then(|u| d.unit(u)) else { continue };
            let e = per_unit.entry(u.key.as_str()).or_insert((0, 0.0, None, 0, 0));
            e.0 += 1;
            e.1 += p.fte;
            if let Some(c) = p.cost() {
                e.2 = Some(e.2.unwrap_or(0.0) + c);
            }
            let (fe, fw) = found_of(&format!("posts/{}", p.key));
            e.3 += fe;
            e.4 += fw;
        }
    }

    let (order, parent) = bfs_order(&scene);
    let mut position = vec![0i64; scene.nodes.len()];
    for (i, &v) in order.iter().enumerate() {
        position[v] = i64::try_from(i).unwrap_or(i64::MAX);
    }
    let mut in_cycle = vec![false; scene.nodes.len()];
    for &i in &scene.unreachable {
        in_cycle[i] = true;
    }
    let mut v = View::default();
    let mut strings = Strings::new();
    for &i in &order {
        let node = &scene.nodes[i];
        let mut mark = 0u8;
        if in_cycle[i] {
            mark |= 1;
        }
        if !node.cleared.is_empty() {
            mark |= 2;
        }
        if node.party.is_some() {
            mark |= 4;
        }
        if !node.members.is_empty() {
            mark |= 8;
        }
        if node.in_team {
            mark |= 16;
        }
        if node.staff {
            mark |= 32;
        }
        let kind = strings.get(node.kind.map_or("", UnitKind::as_str));
        let (role, unit, heads, fte, cost, (fe, fw)) = if node.party.is_some() {
            let role = strings.get(node.party.map_or("", |p| p.as_str()));
            (role, 0, 0, 0.0, None, (0, 0))
        } else if options.level == Level::Units {
            let (h, f, c, ue, uw) = per_unit.get(node.key.as_str()).copied().unwrap_or((0, 0.0, None, 0, 0));
            let (oe, ow) = found_of(&format!("units/{}", node.key));
            let led = strings.get(&led(node, scene.words));
            (led, kind, h, f, c, (ue + oe, uw + ow))
        } else if !node.members.is_empty() {
            // A collective leadership drawn as one body: its members together.
            let (mut h, mut f, mut c, mut fe, mut fw) = (0, 0.0, None, 0, 0);
            for (_, key) in &node.members {
                if let Some(p) = d.post_by_key(key) {
                    h += 1;
                    f += p.fte;
                    if let Some(x) = p.cost() {
                        c = Some(c.unwrap_or(0.0) + x);
                    }
                }
                let (e, w) = found_of(&format!("posts/{key}"));
                fe += e;
                fw += w;
            }
            let (oe, ow) = found_of(&format!("units/{}", node.key));
            let role = strings.get("collectieve leiding");
            (role, strings.get(&node.title), h, f, c, (fe + oe, fw + ow))
        } else {
            match d.post_by_key(&node.key) {
                Some(p) => {
                    let role = strings.get(&p.role);
                    let unit = p.unit.and_then(|u| d.unit(u)).map_or(0, |u| strings.get(&u.name));
                    (role, unit, 1, p.fte, p.cost(), found_of(&format!("posts/{}", p.key)))
                }
                None => (0, 0, 0, 0.0, None, (0, 0)),
            }
        };
        v.k.push(node.key.clone());
        v.t.push(strings.get(&node.title));
        v.r.push(role);
        v.u.push(unit);
        v.g.push(kind);
        v.p.push(parent[i].map_or(-1, |p| position[p]));
        v.h.push(heads);
        v.f.push(if fte.is_finite() && fte > 0.0 { (fte * 100.0).round() as u64 } else { 0 });
        v.c.push(cost.filter(|c| c.is_finite()).map_or(-1, |c| c.round() as i64));
        v.e.push(fe);
        v.w.push(fw);
        v.m.push(mark);
    }
    v.s = strings.list;
    v.notes = std::mem::take(&mut scene.notes);
    Ok(v)
}

/// JSON for a `<script type="application/json">` block: `<` escaped, so that
/// no text in the design can close the block.
fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()).replace('<', "\\u003c")
}

/// Writes the page. See [`super::to_html`].
pub(super) fn write(
    design: &Design,
    options: &RenderOptions,
    checker: Option<&Checker>,
) -> Result<String, RenderError> {
    let (days, open) = view_days(design, options);
    let mut views = Vec::with_capacity(days.len());
    for &day in &days {
        views.push(view(design, options, day, checker)?);
    }
    let title = match &options.unit {
        Some(key) => match design.unit_by_key(key) {
            Some(u) => format!("{}: {}", design.name(), u.name),
            None => design.name().to_owned(),
        },
        None => design.name().to_owned(),
    };
    let kinds = UnitKind::ALL;
    let pw = page_words(options.language);
    let meta = Meta {
        title: title.clone(),
        level: options.level.as_str(),
        days: days.iter().flatten().map(Date::to_string).collect(),
        open,
        depth: options.depth,
        checked: checker.is_some(),
        colours: kinds.iter().map(|&k| (k.as_str().to_owned(), kind_colour(Some(k)).to_owned())).collect(),
        words: &pw.script,
    };
    let sub = match options.level {
        Level::Posts => pw.sub_posts,
        Level::Units => pw.sub_units,
    };
    let mut out = String::with_capacity(64 * 1024 + views.iter().map(|v| v.k.len() * 48).sum::<usize>());
    let t = super::svg::esc(&title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"generator\" content=\"harkje {version}\">\n\
<title>{t} – organogram</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
<header>\n<h1>{t}</h1>\n<p class=\"sub\">{sub}</p>\n\
<div class=\"bar\" role=\"toolbar\" aria-label=\"{toolbar}\">\n\
<label class=\"search\">{search} <input type=\"search\" id=\"q\" autocomplete=\"off\" placeholder=\"{placeholder}\" aria-describedby=\"hits\"></label>\n\
<label id=\"day-label\" hidden>{day} <select id=\"day\"></select></label>\n\
<button type=\"button\" id=\"zoom-in\" aria-label=\"{zoom_in}\">+</button>\n\
<button type=\"button\" id=\"zoom-out\" aria-label=\"{zoom_out}\">−</button>\n\
<button type=\"button\" id=\"fit\">{fit}</button>\n\
<button type=\"button\" id=\"collapse-all\">{collapse_all}</button>\n\
</div>\n<p id=\"hits\" class=\"hits\" aria-live=\"polite\"></p>\n<ul id=\"results\" class=\"results\"></ul>\n\
<div id=\"notes\" class=\"notes\"></div>\n</header>\n\
<main id=\"view\" tabindex=\"0\" aria-label=\"{chart}\">\n\
<div id=\"canvas\"><p class=\"loading\">{loading}</p></div>\n</main>\n\
<noscript><p>{noscript}</p></noscript>\n",
        lang = pw.lang,
        toolbar = pw.toolbar,
        search = pw.search,
        placeholder = pw.placeholder,
        day = pw.day,
        zoom_in = pw.zoom_in,
        zoom_out = pw.zoom_out,
        fit = pw.fit,
        collapse_all = pw.collapse_all,
        chart = pw.chart,
        loading = pw.loading,
        noscript = pw.noscript,
        version = env!("CARGO_PKG_VERSION"),
    );
    let _ = writeln!(out, "<script type=\"application/json\" id=\"harkje-meta\">{}</script>", script_json(&meta));
    for (i, v) in views.iter().enumerate() {
        let _ = writeln!(out, "<script type=\"application/json\" id=\"harkje-view-{i}\">{}</script>", script_json(v));
    }
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    Ok(out)
}
