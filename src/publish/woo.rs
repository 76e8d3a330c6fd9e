//! The Woo publication bundle: organogram, text description, open data.

use std::collections::HashMap;
use std::fmt::Write as _;

use thiserror::Error;

use crate::export::{DEFAULT_BASE, ExportError, WooUnit, design_iri, write_woo_jsonld};
use crate::graph::LineTable;
use crate::model::{Contact, Design, Unit, UnitId, UnitKind, natural_cmp};
use crate::render::{self, Language, Level, RenderOptions};

/// The file names of the bundle.
const SVG_FILE: &str = "organogram.svg";
const HTML_FILE: &str = "index.html";
const JSONLD_FILE: &str = "organisatie.jsonld";
const MANIFEST_FILE: &str = "manifest.json";

/// Where the Register van Overheidsorganisaties takes the address of the publication.
const REGISTER: &str = "https://organisaties.overheid.nl";

/// How to make the bundle: the defaults, changed with the `with_*` methods.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WooOptions {
    /// The public address the bundle will be published at, ending in `/`
    /// (`https://www.voorbeeld.nl/organisatie/`). It is the base of the
    /// JSON-LD's IRIs, and the manifest names `index.html` under it as the
    /// address to enter in the Register. Without it the IRIs are harkje's
    /// `urn:harkje:` ones and the manifest leaves the address open.
    pub url: Option<String>,
}

impl WooOptions {
    /// Sets the public address of the bundle (see [`WooOptions::url`]).
    #[must_use]
    pub fn with_url(mut self, url: Option<String>) -> Self {
        self.url = url;
        self
    }
}

/// A bundle that cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PublishError {
    /// The public address is not an absolute `https` or `http` address ending in `/`.
    #[error(
        "the address `{url}` is not an absolute web address ending in `/`, such as `https://www.voorbeeld.nl/organisatie/`"
    )]
    BadUrl {
        /// The address given.
        url: String,
    },
    /// The organogram could not be drawn.
    #[error("{0}")]
    Render(String),
    /// The open data could not be made.
    #[error("{0}")]
    Export(#[from] ExportError),
}

/// The four files of the Woo publication, as text. [`WooBundle::files`]
/// names them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WooBundle {
    /// `organogram.svg`: the unit-level organogram with a title and
    /// description per box.
    pub svg: String,
    /// `index.html`: the text description in Dutch.
    pub html: String,
    /// `organisatie.jsonld`: the organisation in W3C ORG.
    pub jsonld: String,
    /// `manifest.json`: what was published and where to register it.
    pub manifest: String,
}

impl WooBundle {
    /// Each file's name with its text, in the order they link to each other.
    pub fn files(&self) -> [(&'static str, &str); 4] {
        [(HTML_FILE, &self.html), (SVG_FILE, &self.svg), (JSONLD_FILE, &self.jsonld), (MANIFEST_FILE, &self.manifest)]
    }
}

/// One unit as published: its place in the outline and what is said of it.
struct Entry<'a> {
    unit: &'a Unit,
    parent: Option<usize>,
    children: Vec<usize>,
    head: Option<(&'a str, &'a str)>,
    posts: usize,
}

/// Makes the Woo publication of a design: see the [module docs](crate::publish).
///
/// Every unit of the design is published, placed as the design places it;
/// its head is the named head, else the post [`unit_heads`](crate::measures::unit_heads)
/// finds, shown by the post's title. The output depends on nothing but the
/// design and the options (no date, no clock), so that a bundle kept in git
/// changes only when the organisation does.
///
/// Complexity: O(n log n) in the units and posts (the sort by key; the rest
/// is linear).
///
/// # Errors
/// [`PublishError::BadUrl`] for a [`WooOptions::url`] that is not a web
/// address ending in `/`; a render or export error otherwise.
pub fn woo_bundle(design: &Design, options: &WooOptions) -> Result<WooBundle, PublishError> {
    if let Some(url) = &options.url {
        let scheme = url.starts_with("https://") || url.starts_with("http://");
        if !scheme || !url.ends_with('/') || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<') {
            return Err(PublishError::BadUrl { url: url.clone() });
        }
    }
    let entries = entries(design);
    let roots = roots(&entries);
    let svg = svg(design, &entries)?;
    let html = html(design, &entries, &roots);
    // Under a public address the units are `<url>units/<key>`; else under harkje's own base.
    let design_iri = match &options.url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => design_iri(DEFAULT_BASE, design)?,
    };
    let org_iri = design.identifier().map_or_else(|| design_iri.clone(), str::to_owned);
    let woo_units: Vec<WooUnit<'_>> = entries
        .iter()
        .map(|e| WooUnit {
            unit: e.unit,
            parent: e.parent.map(|p| entries[p].unit.key.as_str()),
            children: e.children.iter().map(|&c| entries[c].unit.key.as_str()).collect(),
            head: e.head,
        })
        .collect();
    let mut jsonld = Vec::new();
    write_woo_jsonld(&mut jsonld, design.name(), &org_iri, &design_iri, &woo_units)
        .map_err(|e| ExportError::Write(e.to_string()))?;
    let jsonld = String::from_utf8(jsonld).map_err(|e| ExportError::Write(e.to_string()))?;
    let manifest = manifest(design, &entries, options);
    Ok(WooBundle { svg, html, jsonld, manifest })
}

/// The units in natural key order, each with its parent and children
/// (indices into the list, children in natural key order), head and
/// number of posts.
fn entries(design: &Design) -> Vec<Entry<'_>> {
    let mut units: Vec<&Unit> = design.units().collect();
    units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let index: HashMap<UnitId, usize> = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    let line = LineTable::from_design(design);
    let per_post = crate::measures::compute(&line).per_post;
    let heads = crate::measures::unit_heads(design, &line, &per_post);
    let mut posts = vec![0usize; units.len()];
    for p in design.posts() {
        if let Some(&i) = p.unit.and_then(|u| index.get(&u)) {
            posts[i] += 1;
        }
    }
    let mut entries: Vec<Entry<'_>> = units
        .iter()
        .zip(posts)
        .map(|(u, posts)| Entry {
            unit: u,
            parent: u.parent.and_then(|p| index.get(&p).copied()),
            children: Vec::new(),
            head: heads.get(&u.id).and_then(|h| design.post(*h)).map(|p| (p.key.as_str(), p.title.as_str())),
            posts,
        })
        .collect();
    // In key order, so each list of children is in key order too.
    for i in 0..entries.len() {
        if let Some(p) = entries[i].parent {
            entries[p].children.push(i);
        }
    }
    entries
}

/// The units placed in no unit, the units of the line first.
fn roots(entries: &[Entry<'_>]) -> Vec<usize> {
    let mut roots: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].parent.is_none()).collect();
    roots.sort_by_key(|&i| !entries[i].unit.kind.in_line());
    roots
}

/// A unit's kind in Dutch, as the page names it.
fn kind_nl(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Directie => "Directie",
        UnitKind::Eenheid => "Eenheid",
        UnitKind::Team => "Team",
        UnitKind::Subteam => "Subteam",
        UnitKind::Pool => "Pool",
        UnitKind::Programme => "Programma",
        UnitKind::Area => "Gebied",
        UnitKind::Community => "Netwerk of vakgroep",
        UnitKind::Collective => "Collectief",
        UnitKind::PopUp => "Pop-upteam",
    }
}

use crate::render::xml_escape as esc;

/// The id of a unit's part of the page and box of the picture: `eenheid-`
/// and the key, every byte outside letters, digits, `-` and `_` written as
/// `.` and two hex digits, so that two keys never share an id.
fn anchor(key: &str) -> String {
    let mut out = String::from("eenheid-");
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            let _ = write!(out, ".{b:02x}");
        }
    }
    out
}

/// An address on one line: `Voorbeeldplein 1, 9999 AA Voorbeeld`.
fn address_line(a: &crate::model::Address) -> String {
    format!("{}, {} {}", a.street, a.postcode, a.city)
}

/// The description of a unit: kind, kernopdracht, head's role, contact, in one text.
fn description(e: &Entry<'_>) -> String {
    let u = e.unit;
    let mut d = kind_nl(u.kind).to_owned();
    if let Some(k) = &u.kernopdracht {
        let _ = write!(d, ". Kernopdracht: {}", k.trim_end_matches('.'));
    }
    if let Some((_, title)) = e.head {
        let _ = write!(d, ". Leiding: {title}");
    }
    if let Some(c) = u.contact.as_deref() {
        let mut parts = Vec::new();
        if let Some(a) = &c.visiting_address {
            parts.push(format!("bezoekadres {}", address_line(a)));
        }
        if let Some(a) = &c.postal_address {
            parts.push(format!("postadres {}", address_line(a)));
        }
        if let Some(p) = &c.phone {
            parts.push(format!("telefoon {p}"));
        }
        if let Some(m) = &c.email {
            parts.push(format!("e-mail {m}"));
        }
        if let Some(w) = &c.website {
            parts.push(format!("website {w}"));
        }
        let _ = write!(d, ". Bereikbaar via {}", parts.join(", "));
    }
    d.push('.');
    d
}

/// The unit-level organogram with a description for the picture and for
/// every box. The boxes are found by the title the picture gives them
/// (`Name (key)…`); each gets an id and a `<desc>`.
fn svg(design: &Design, entries: &[Entry<'_>]) -> Result<String, PublishError> {
    // The picture's own words in Dutch, as the rest of the page.
    let options = RenderOptions::default().with_level(Level::Units).with_language(Language::Dutch);
    let picture = render::to_svg(design, &options).map_err(|e| PublishError::Render(e.to_string()))?;
    let by_title: HashMap<String, usize> =
        entries.iter().enumerate().map(|(i, e)| (format!("{} ({})", esc(&e.unit.name), esc(&e.unit.key)), i)).collect();
    let mut out = String::with_capacity(picture.len() + entries.len() * 200);
    let mut described = false;
    for line in picture.lines() {
        if !described && line.starts_with("<svg ") {
            out.push_str(&line.replacen(
                "<svg ",
                r#"<svg role="img" aria-labelledby="organogram-titel organogram-beschrijving" "#,
                1,
            ));
            out.push('\n');
            continue;
        }
        if !described && line.starts_with("<title>") {
            described = true;
            out.push_str(&line.replacen("<title>", r#"<title id="organogram-titel">"#, 1));
            out.push('\n');
            let _ = writeln!(
                out,
                r#"<desc id="organogram-beschrijving">Organogram van {} op het niveau van eenheden en teams: {} onderdelen. Elk vak noemt de eenheid, de functie van wie haar leidt, het aantal formatieplaatsen en de fte. De tekstbeschrijving in {HTML_FILE} beschrijft dezelfde organisatie.</desc>"#,
                esc(design.name()),
                entries.len()
            );
            continue;
        }
        if let Some(title) = line.strip_prefix("<g><title>").and_then(|t| t.strip_suffix("</title>"))
            && let Some(&i) = box_of(title, &by_title)
        {
            let e = &entries[i];
            let _ = writeln!(
                out,
                r#"<g id="{}"><title>{title}</title><desc>{}</desc>"#,
                anchor(&e.unit.key),
                esc(&description(e))
            );
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// The unit a box's title is of: the longest prefix ending in `)` that is
/// some unit's `Name (key)`.
fn box_of<'m>(title: &str, by_title: &'m HashMap<String, usize>) -> Option<&'m usize> {
    title
        .char_indices()
        .rev()
        .filter(|(_, c)| *c == ')')
        .filter_map(|(i, _)| title.get(..=i))
        .find_map(|p| by_title.get(p))
}

/// The page's style: readable text, visible focus, a skip link that shows
/// when focused; colours with a contrast of at least 4.5:1.
const STYLE: &str = "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;padding:0 1rem}\
a{color:#0b4f9c}a:focus{outline:3px solid #b35900;outline-offset:2px}\
.skip{position:absolute;left:-9999px;top:0}.skip:focus{left:1rem;background:#fff;padding:.5rem}\
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #767676}\
ul.eenheden{list-style:none;padding-left:1.25rem;border-left:2px solid #d0d0d0}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}\
address{font-style:normal}";

/// The text description: an accessible page in Dutch.
fn html(design: &Design, entries: &[Entry<'_>], roots: &[usize]) -> String {
    let name = esc(design.name());
    let mut h = String::with_capacity(4096 + entries.len() * 600);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Organisatie van {name}</title>\n\
         <link rel=\"alternate\" type=\"application/ld+json\" href=\"{JSONLD_FILE}\">\n\
         <style>{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#inhoud\">Direct naar de inhoud</a>\n\
         <header>\n<p>{name}</p>\n</header>\n"
    );
    let with_contact: Vec<&Entry<'_>> = entries.iter().filter(|e| e.unit.contact.is_some()).collect();
    h.push_str("<nav aria-label=\"Op deze pagina\">\n<ul>\n<li><a href=\"#organogram\">Organogram</a></li>\n<li><a href=\"#onderdelen\">De onderdelen van de organisatie</a></li>\n");
    if !with_contact.is_empty() {
        h.push_str("<li><a href=\"#bereikbaarheid\">Onderdelen met eigen bereikbaarheidsgegevens</a></li>\n");
    }
    h.push_str("</ul>\n</nav>\n");
    let _ = write!(
        h,
        "<main id=\"inhoud\">\n<h1>Organisatie van {name}</h1>\n\
         <p>Deze pagina beschrijft hoe de ambtelijke organisatie is ingericht: de onderdelen, hun kernopdracht, \
         de functie van wie elk onderdeel leidt en, waar een onderdeel eigen bereikbaarheidsgegevens heeft, \
         hoe het te bereiken is. Zij is de tekstbeschrijving bij het organogram, zoals de Regeling actieve \
         openbaarmaking Woo (artikel 2.2.2) vraagt.</p>\n\
         <section aria-labelledby=\"organogram\">\n<h2 id=\"organogram\">Organogram</h2>\n\
         <figure>\n<img src=\"{SVG_FILE}\" alt=\"Organogram van {name} met {} onderdelen; de tekst hieronder beschrijft elk onderdeel.\">\n\
         <figcaption><a href=\"{SVG_FILE}\">Het organogram als afbeelding openen (SVG)</a>. \
         Dezelfde gegevens als open data: <a href=\"{JSONLD_FILE}\">organisatie.jsonld</a> (JSON-LD, W3C Organization Ontology).</figcaption>\n\
         </figure>\n</section>\n",
        entries.len()
    );
    if !with_contact.is_empty() {
        h.push_str(
            "<section aria-labelledby=\"bereikbaarheid\">\n<h2 id=\"bereikbaarheid\">Onderdelen met eigen bereikbaarheidsgegevens</h2>\n<ul>\n",
        );
        for e in &with_contact {
            let _ = writeln!(h, "<li><a href=\"#{}\">{}</a></li>", anchor(&e.unit.key), esc(&e.unit.name));
        }
        h.push_str("</ul>\n</section>\n");
    }
    h.push_str(
        "<section aria-labelledby=\"onderdelen\">\n<h2 id=\"onderdelen\">De onderdelen van de organisatie</h2>\n",
    );
    outline(&mut h, entries, roots);
    h.push_str("</section>\n</main>\n");
    let _ = write!(
        h,
        "<footer>\n<p>Gemaakt met harkje uit het ontwerpbestand van de organisatie. Namen van medewerkers staan \
         niet op deze pagina; elk onderdeel noemt de functie van wie het leidt.</p>\n</footer>\n</body>\n</html>\n"
    );
    h
}

/// The units as a nested outline: each a list item with a heading (`h3`
/// for the units placed in no unit, one level deeper per level of
/// placement, at most `h6`), its details, and the list of the units placed
/// in it. Written with an explicit stack: no recursion.
fn outline(h: &mut String, entries: &[Entry<'_>], roots: &[usize]) {
    enum Step {
        Open(usize, usize),
        Close,
    }
    let mut seen = vec![false; entries.len()];
    h.push_str("<ul class=\"eenheden\">\n");
    let mut stack: Vec<Step> = roots.iter().rev().map(|&r| Step::Open(r, 0)).collect();
    // Units in a placement cycle are under no root: they come last, at the top level.
    let mut leftovers = (0..entries.len()).rev();
    loop {
        let step = match stack.pop() {
            Some(s) => s,
            None => match leftovers.by_ref().find(|&i| !seen[i]) {
                Some(i) => Step::Open(i, 0),
                None => break,
            },
        };
        match step {
            Step::Close => h.push_str("</ul>\n</li>\n"),
            Step::Open(i, depth) => {
                if seen[i] {
                    continue;
                }
                seen[i] = true;
                let e = &entries[i];
                unit_item(h, e, entries, depth);
                let children: Vec<usize> = e.children.iter().copied().filter(|&c| !seen[c]).collect();
                if children.is_empty() {
                    h.push_str("</li>\n");
                } else {
                    h.push_str("<ul class=\"eenheden\">\n");
                    stack.push(Step::Close);
                    stack.extend(children.iter().rev().map(|&c| Step::Open(c, depth + 1)));
                }
            }
        }
    }
    h.push_str("</ul>\n");
}

/// One unit of the outline, up to the list of the units placed in it.
fn unit_item(h: &mut String, e: &Entry<'_>, entries: &[Entry<'_>], depth: usize) {
    let u = e.unit;
    let level = (depth + 3).min(6);
    let id = anchor(&u.key);
    let _ = write!(h, "<li>\n<h{level} id=\"{id}\">{}</h{level}>\n<dl>\n", esc(&u.name));
    let _ = writeln!(h, "<dt>Soort</dt><dd>{}</dd>", kind_nl(u.kind));
    if let Some(p) = e.parent {
        let parent = entries[p].unit;
        let _ = writeln!(
            h,
            "<dt>Onderdeel van</dt><dd><a href=\"#{}\">{}</a></dd>",
            anchor(&parent.key),
            esc(&parent.name)
        );
    }
    if let Some(k) = &u.kernopdracht {
        let _ = writeln!(h, "<dt>Kernopdracht</dt><dd>{}</dd>", esc(k));
    }
    match (e.head, u.collective_leadership, &u.self_steering) {
        (_, _, Some(_)) => {
            h.push_str("<dt>Leiding</dt><dd>Zelfsturend team: het team legt als geheel verantwoording af</dd>\n");
        }
        (Some((_, title)), true, None) => {
            let _ = writeln!(h, "<dt>Leiding</dt><dd>Gezamenlijk (collectief), onder meer {}</dd>", esc(title));
        }
        (Some((_, title)), false, None) => {
            let _ = writeln!(h, "<dt>Leiding</dt><dd>{}</dd>", esc(title));
        }
        (None, _, None) => {}
    }
    if e.posts > 0 {
        let _ = writeln!(
            h,
            "<dt>Formatie</dt><dd>{} {}</dd>",
            e.posts,
            if e.posts == 1 { "formatieplaats" } else { "formatieplaatsen" }
        );
    }
    h.push_str("</dl>\n");
    if let Some(c) = u.contact.as_deref() {
        contact(h, &u.name, c);
    }
}

/// A unit's contact details as an `<address>`.
fn contact(h: &mut String, name: &str, c: &Contact) {
    let _ = write!(h, "<address aria-label=\"Bereikbaarheid van {}\">\n<dl>\n", esc(name));
    if let Some(a) = &c.visiting_address {
        let _ = writeln!(h, "<dt>Bezoekadres</dt><dd>{}<br>{} {}</dd>", esc(&a.street), esc(&a.postcode), esc(&a.city));
    }
    if let Some(a) = &c.postal_address {
        let _ = writeln!(h, "<dt>Postadres</dt><dd>{}<br>{} {}</dd>", esc(&a.street), esc(&a.postcode), esc(&a.city));
    }
    if let Some(p) = &c.phone {
        let tel: String = p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        let _ = writeln!(h, "<dt>Telefoon</dt><dd><a href=\"tel:{}\">{}</a></dd>", esc(&tel), esc(p));
    }
    if let Some(m) = &c.email {
        let _ = writeln!(h, "<dt>E-mail</dt><dd><a href=\"mailto:{}\">{}</a></dd>", esc(m), esc(m));
    }
    if let Some(w) = &c.website {
        let _ = writeln!(h, "<dt>Website</dt><dd><a href=\"{}\">{}</a></dd>", esc(w), esc(w));
    }
    h.push_str("</dl>\n</address>\n");
}

/// What was published, and the address to enter in the Register.
fn manifest(design: &Design, entries: &[Entry<'_>], options: &WooOptions) -> String {
    let register = options.url.as_ref().map(|u| format!("{u}{HTML_FILE}"));
    let value = serde_json::json!({
        "publication": "Woo 1d: organisatie en werkwijze (Regeling actieve openbaarmaking Woo, art. 2.2.2)",
        "organisation": design.name(),
        "identifier": design.identifier(),
        "files": {
            "text": HTML_FILE,
            "organogram": SVG_FILE,
            "open_data": JSONLD_FILE,
        },
        "units": entries.len(),
        "units_with_contact": entries.iter().filter(|e| e.unit.contact.is_some()).count(),
        "register": {
            "enter": register,
            "at": REGISTER,
            "note": "enter the address of the text description in the Register van Overheidsorganisaties",
        },
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
