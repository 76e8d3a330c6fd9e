//! Pictures of the harkje: Graphviz DOT, Mermaid and SVG.
//!
//! All three draw the same *scene*: the reporting line as a tree from the top
//! down, horizontal steering as dashed edges labelled with their kind,
//! accountability outside the line as dotted edges, and communities (vakgroepen
//! and other units outside the line) as groups. Boxes are coloured by the kind
//! of the unit the post is placed in. On request ([`RenderOptions::parties`],
//! [`RenderOptions::portfolios`]) the parties outside the organisation are
//! grey dashed boxes (the raad and the college above the top), with the chains of principals and
//! escalations that reach them, and portfolios are dashed lines from a post
//! to the unit it follows.
//!
//! DOT and Mermaid leave the layout to Graphviz or Mermaid. The SVG is laid out
//! here, in pure Rust, with a tidy-tree layout (Buchheim, Jünger and Leipert's
//! linear version of Reingold–Tilford, written without recursion), so that a
//! municipality of a thousand posts draws in milliseconds and a chain of a
//! hundred thousand posts does not overflow the stack.
//!
//! ```
//! use harkje::render::{self, RenderOptions};
//! use harkje::{DesignBuilder, UnitKind};
//!
//! let mut b = DesignBuilder::new("Voorbeeld");
//! b.unit("directie", "Directie", UnitKind::Directie);
//! b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
//! b.post("hoofd", "Hoofd", "hoofd").reports_to("gs");
//! let design = b.build()?;
//!
//! let dot = render::to_dot(&design, &RenderOptions::default())?;
//! assert!(dot.contains("\"gs\" -> \"hoofd\""));
//! let svg = render::to_svg(&design, &RenderOptions::default())?;
//! assert!(svg.starts_with("<svg"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dot;
mod html;
mod layout;
mod mermaid;
mod page;
#[cfg(feature = "pdf")]
mod pdf;
mod route;
mod scene;
mod svg;
mod units;
mod words;

#[cfg(feature = "export")] // the Woo page (`publish`) needs both `export` and `render`
pub(crate) use svg::esc as xml_escape;

use jiff::civil::Date;
use thiserror::Error;

use crate::model::{ClearedReference, Design};
pub use crate::transition::Language;

/// What to draw.
///
/// Start from [`RenderOptions::default`] (everything, as it stands) and narrow
/// it with the `with_` methods; the type may gain options.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Draw only this unit (by key): the posts placed in it and in its sub-units.
    pub unit: Option<String>,
    /// Draw this many layers below the top of what is drawn: `Some(0)` draws
    /// only the top posts, `Some(1)` also their direct reports. `None` draws all.
    pub depth: Option<usize>,
    /// Draw the design as it stands on this day (see [`Design::as_of`]).
    /// References cleared that day are reported by [`picture`] and marked in
    /// the picture.
    pub as_of: Option<Date>,
    /// Draw the parties outside the organisation (the college, partners) as
    /// boxes, with the lines of the chains of principals that name one,
    /// escalations to them, accountability to them and assignments aimed at
    /// them. The raad (and griffie) and the college (and wethouders) stand in
    /// rows above the top of the organisation, the college answering to the
    /// raad; other parties beside the top.
    pub parties: bool,
    /// Draw every portfolio (aandachtsgebied) as a dashed line from the post
    /// to the unit it follows.
    pub portfolios: bool,
    /// What a box stands for: a post (the default) or a unit. See [`Level`].
    pub level: Level,
    /// The subjects (such as `posts/gs` or `units/ict`) of the open findings
    /// of a check (errors and warnings), set by [`RenderOptions::with_findings`].
    /// At the unit level each box counts the findings about the unit and the
    /// posts placed in it. `None`: no check was run, and no count is shown.
    pub findings: Option<Vec<String>>,
    /// Fit the SVG (and the PDF) to this page, landscape: the layout folds
    /// wide rows and the picture is scaled down to the page. See [`Page`].
    pub page: Option<Page>,
    /// The language of the picture's own words (legend, box lines, badges,
    /// notes), set by [`RenderOptions::with_language`]. English by default in
    /// the library, so that existing callers get the pictures they had;
    /// `harkje render` draws in Dutch unless `--lang en` is given. The names,
    /// titles and keys from the design are never translated.
    pub language: Language,
}

impl Default for RenderOptions {
    /// Everything, as it stands, with post boxes and English words.
    fn default() -> Self {
        RenderOptions {
            unit: None,
            depth: None,
            as_of: None,
            parties: false,
            portfolios: false,
            level: Level::default(),
            findings: None,
            page: None,
            language: Language::English,
        }
    }
}

/// A paper size to fit a picture to, landscape.
///
/// The SVG is given the page's size in millimetres and a view box of the
/// page's shape, so that it prints on one sheet. The layout is folded to fit
/// at the largest scale it can: a manager's leaves stacked in columns from
/// two of them, rows of columns wrapped after two to twelve, or rows kept
/// wide for a tall picture; each fold is laid out in O(n) and the best
/// kept. A small picture is enlarged at most one and a half times.
///
/// ```
/// use harkje::render::{self, Level, Page, RenderOptions};
/// use harkje::{DesignBuilder, UnitKind};
///
/// let mut b = DesignBuilder::new("Voorbeeld");
/// b.unit("directie", "Directie", UnitKind::Directie);
/// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
/// let design = b.build()?;
/// let svg = render::to_svg(&design, &RenderOptions::default().with_page(Some(Page::A3)))?;
/// assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="420mm" height="297mm""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Page {
    /// A4 landscape: 297 × 210 mm.
    A4,
    /// A3 landscape: 420 × 297 mm.
    A3,
}

impl Page {
    /// Width and height in millimetres, landscape.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Page::A4 => (297.0, 210.0),
            Page::A3 => (420.0, 297.0),
        }
    }

    /// Width and height in CSS pixels (96 to the inch), landscape.
    pub fn size_px(self) -> (f64, f64) {
        let (w, h) = self.size_mm();
        (w * 96.0 / 25.4, h * 96.0 / 25.4)
    }

    /// The page as the CLI names it: `a4` or `a3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Page::A4 => "a4",
            Page::A3 => "a3",
        }
    }
}

/// What a box of the picture stands for.
///
/// At [`Level::Units`] the picture is the organogram a municipality draws:
/// one box per unit (eenheid, team, pool, programme, collective…), placed by
/// the unit placement tree ([`Unit::parent`](crate::model::Unit::parent)),
/// titled with the unit's name and showing its head's title (the named head,
/// else the head [`unit_heads`](crate::measures::unit_heads) finds), the
/// number of posts placed in it and their FTE. A collective leadership is one
/// body with a double outline; a self-steering team says so and names its
/// coach. Horizontal steering runs from the unit of the agent's post to the
/// unit steered (or the unit of the post steered); a line within one unit is
/// not drawn. [`RenderOptions::unit`] and [`RenderOptions::depth`] select in
/// the unit tree: a unit and the units placed in it, and the layers of units
/// below the top.
///
/// ```
/// use harkje::render::{self, Level, RenderOptions};
/// use harkje::{DesignBuilder, UnitKind};
///
/// let mut b = DesignBuilder::new("Voorbeeld");
/// b.unit("directie", "Directie", UnitKind::Directie);
/// b.unit("burgerzaken", "Burgerzaken", UnitKind::Team).parent("directie");
/// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
/// b.post("tm", "Teammanager Burgerzaken", "teammanager").unit("burgerzaken").reports_to("gs");
/// b.post("b1", "Medewerker", "medewerker").unit("burgerzaken").reports_to("tm").fte(0.8);
/// let design = b.build()?;
///
/// let options = RenderOptions::default().with_level(Level::Units);
/// let dot = render::to_dot(&design, &options)?;
/// assert!(dot.contains("\"directie\" -> \"burgerzaken\""));
/// assert!(dot.contains("Teammanager Burgerzaken"));
/// assert!(dot.contains("2 posts · 1.8 FTE"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Level {
    /// One box per post, the line between them (the default).
    #[default]
    Posts,
    /// One box per unit, the unit placement tree between them.
    Units,
}

impl Level {
    /// Designs with more posts than this are drawn at [`Level::Units`] by
    /// `harkje render` unless `--level` says otherwise: an A3 page holds
    /// about 150 post boxes with 6 pt text, and a municipality of that size
    /// draws its organogram as units.
    pub const UNITS_ABOVE: usize = 150;

    /// The level a design is drawn at when none is asked for:
    /// [`Level::Units`] above [`Level::UNITS_ABOVE`] posts, else [`Level::Posts`].
    pub fn for_design(design: &Design) -> Level {
        if design.posts().len() > Level::UNITS_ABOVE { Level::Units } else { Level::Posts }
    }

    /// The level as the CLI names it: `posts` or `units`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Posts => "posts",
            Level::Units => "units",
        }
    }
}

impl RenderOptions {
    /// Draws only this unit (by key) and its sub-units, or everything with `None`.
    #[must_use]
    pub fn with_unit(mut self, unit: Option<String>) -> Self {
        self.unit = unit;
        self
    }

    /// Draws this many layers below the top of what is drawn, or all with `None`.
    #[must_use]
    pub fn with_depth(mut self, depth: Option<usize>) -> Self {
        self.depth = depth;
        self
    }

    /// Draws the design as it stands on this day, or as given with `None`.
    #[must_use]
    pub fn with_as_of(mut self, as_of: Option<Date>) -> Self {
        self.as_of = as_of;
        self
    }

    /// Draws the parties outside the organisation, or not (the default).
    #[must_use]
    pub fn with_parties(mut self, parties: bool) -> Self {
        self.parties = parties;
        self
    }

    /// Draws the portfolios (aandachtsgebieden), or not (the default).
    #[must_use]
    pub fn with_portfolios(mut self, portfolios: bool) -> Self {
        self.portfolios = portfolios;
        self
    }

    /// Draws a box per post (the default) or per unit.
    #[must_use]
    pub fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Fits the SVG and PDF to a page (landscape), or not (the default).
    #[must_use]
    pub fn with_page(mut self, page: Option<Page>) -> Self {
        self.page = page;
        self
    }

    /// Writes the picture's own words in this language: Dutch (`nl`, with a
    /// decimal comma, `programma`, `samen geleid door 3`) or English (the
    /// library's default).
    ///
    /// ```
    /// use harkje::render::{self, Language, Level, RenderOptions};
    /// use harkje::{DesignBuilder, UnitKind};
    ///
    /// let mut b = DesignBuilder::new("Voorbeeld");
    /// b.unit("directie", "Directie", UnitKind::Directie);
    /// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie").fte(0.8);
    /// let design = b.build()?;
    /// let options = RenderOptions::default().with_level(Level::Units);
    /// assert!(render::to_dot(&design, &options)?.contains("1 post · 0.8 FTE"));
    /// let dutch = options.with_language(Language::Dutch);
    /// assert!(render::to_dot(&design, &dutch)?.contains("1 post · 0,8 fte"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Counts the open findings (errors and warnings) of `report` on the
    /// boxes of the unit level: a unit's box says how many are about the
    /// unit or a post placed in it. Infos are not counted.
    ///
    /// ```
    /// use harkje::render::{self, Level, RenderOptions};
    /// use harkje::{DesignBuilder, UnitKind};
    ///
    /// let mut b = DesignBuilder::new("Voorbeeld");
    /// b.unit("directie", "Directie", UnitKind::Directie);
    /// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    /// let design = b.build()?;
    /// let report = harkje::check::check(&design, &harkje::check::Policy::default());
    /// let options = RenderOptions::default().with_level(Level::Units).with_findings(&report);
    /// assert!(render::to_dot(&design, &options)?.contains("open finding"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_findings(mut self, report: &crate::check::Report) -> Self {
        self.findings = Some(
            report
                .diagnostics()
                .iter()
                .filter(|d| d.severity >= crate::diagnostic::Severity::Warning)
                .map(|d| d.subject.clone())
                .collect(),
        );
        self
    }
}

/// A picture that cannot be drawn as asked.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RenderError {
    /// `--unit` names a unit that is not in the design (on the day drawn).
    #[error("unit `{key}` is not in the design{}", .as_of.map(|d| format!(" on {d}")).unwrap_or_default())]
    UnknownUnit {
        /// The key asked for.
        key: String,
        /// The day drawn, if any.
        as_of: Option<Date>,
    },
    /// The PDF could not be written (no fonts to embed, or an SVG the
    /// converter rejects).
    #[error("cannot write the pdf: {reason}")]
    Pdf {
        /// What went wrong.
        reason: String,
    },
}

/// The picture formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PictureFormat {
    /// Graphviz DOT, as [`to_dot`] writes it.
    Dot,
    /// A Mermaid flowchart, as [`to_mermaid`] writes it.
    Mermaid,
    /// A standalone SVG picture, as [`to_svg`] writes it.
    Svg,
    /// The interactive view, as [`to_html`] writes it without findings.
    Html,
}

/// A picture, and what drawing it on a day changed in the design.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Picture {
    /// The picture: DOT, Mermaid or SVG text.
    pub text: String,
    /// The day drawn ([`RenderOptions::as_of`]).
    pub as_of: Option<Date>,
    /// The references [`Design::as_of_with_notes`] cleared because their
    /// target was not valid on the day drawn, sorted. A post whose manager's
    /// post had ended is drawn as a top post; the picture marks such posts
    /// with a dashed orange outline and says so in a note. Empty without
    /// [`RenderOptions::as_of`].
    pub cleared: Vec<ClearedReference>,
}

impl Picture {
    /// The cleared references in one line, naming the first few, such as
    /// `on 2025-06-01, 1 reference points to something not valid that day:
    /// posts/x reports_to posts/km`. `None` when nothing was cleared. In
    /// English whatever [`RenderOptions::language`] says: it is a message for
    /// the one who draws (the CLI's messages are English), not the picture's
    /// own note, which follows the language.
    pub fn cleared_note(&self) -> Option<String> {
        scene::cleared_note(words::words(Language::English), self.as_of?, &self.cleared, "")
    }
}

/// Draws the design in one format, and reports what `as_of` cleared.
///
/// # Errors
/// A [`RenderError`] when the design cannot be drawn (see its variants).
///
/// ```
/// use harkje::render::{self, PictureFormat, RenderOptions};
/// use harkje::{DesignBuilder, UnitKind};
///
/// let mut b = DesignBuilder::new("Voorbeeld");
/// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris");
/// b.post("km", "Kwartiermaker", "kwartiermaker").reports_to("gs").valid(None, Some(harkje::date(2024, 12, 31)));
/// b.post("x", "Adviseur", "adviseur").reports_to("km");
/// let design = b.build()?;
///
/// let options = RenderOptions::default().with_as_of(Some(harkje::date(2025, 6, 1)));
/// let picture = render::picture(&design, PictureFormat::Svg, &options)?;
/// assert_eq!(picture.cleared.len(), 1);
/// assert_eq!(
///     picture.cleared_note().as_deref(),
///     Some("on 2025-06-01, 1 reference points to something not valid that day: posts/x reports_to posts/km")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn picture(design: &Design, format: PictureFormat, options: &RenderOptions) -> Result<Picture, RenderError> {
    let mut scene = match options.level {
        Level::Posts => scene::Scene::build(design, options)?,
        Level::Units => units::build(design, options)?,
    };
    let text = match format {
        PictureFormat::Dot => dot::write(&scene),
        PictureFormat::Mermaid => mermaid::write(&scene),
        PictureFormat::Svg => svg::write(&scene, options.page),
        PictureFormat::Html => html::write(design, options, None)?,
    };
    Ok(Picture { text, as_of: options.as_of, cleared: std::mem::take(&mut scene.cleared) })
}

/// The design as a Graphviz DOT graph.
///
/// Posts are nodes named by key; line edges run from manager to report;
/// steering is dashed and labelled with its kind; each community is a
/// `cluster_` subgraph. Render it with `dot -Tsvg`.
///
/// # Errors
/// A [`RenderError`] when the design cannot be drawn (see its variants).
pub fn to_dot(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    picture(design, PictureFormat::Dot, options).map(|p| p.text)
}

/// The design as a Mermaid flowchart (`flowchart TB`), for Markdown viewers.
///
/// Communities are `subgraph`s; steering and accountability are dotted edges
/// with their kind as label; unit kinds are `classDef` colours.
///
/// # Errors
/// A [`RenderError`] when the design cannot be drawn (see its variants).
pub fn to_mermaid(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    picture(design, PictureFormat::Mermaid, options).map(|p| p.text)
}

/// The design as a standalone SVG picture, laid out here.
///
/// Complexity: O(n) in the posts and steering lines drawn.
///
/// # Errors
/// A [`RenderError`] when the design cannot be drawn (see its variants).
pub fn to_svg(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    picture(design, PictureFormat::Svg, options).map(|p| p.text)
}

/// The design as one self-contained interactive HTML page.
///
/// The page needs no network: its data, script and style are in the file.
/// It shows the tree ([`Level::Posts`]: the line; [`Level::Units`]: the
/// unit placement tree) as boxes that expand and collapse, with pan and zoom
/// (drag, wheel, arrow keys, `+`, `-`, `0`), a search by name, key or role,
/// and, when the design has dated values, a date switch. A collapsed box sums
/// what is below it: posts, FTE, cost and findings. Only expanded boxes are
/// put in the document, so a design of 240,000 posts opens in about a second.
///
/// Each day of the switch is the design as it stands that day
/// ([`Design::as_of`]): the days on which a post or unit starts or ends or a
/// dated field changes, at most the latest 24, and [`RenderOptions::as_of`],
/// which is the day the page opens on (else the last). Without dated values
/// there is one view, of [`RenderOptions::as_of`] or of the design as given.
/// [`RenderOptions::depth`] is the number of layers open at first (else as
/// many as keep about 120 boxes in view); the page holds every layer.
///
/// With a `checker`, each day is checked ([`Checker::check_on`]) and every box
/// shows its errors and warnings (a unit's box also those of the posts placed
/// in it). The labels, the script's included, are in
/// [`RenderOptions::language`]: English (`lang="en"`) by default, Dutch
/// (`lang="nl"`) with `with_language(Language::Dutch)`, as `harkje render`
/// writes it unless `--lang en`.
///
/// Complexity: O(d · n log n) for d days and n posts.
///
/// # Errors
/// A [`RenderError`] when the design cannot be drawn (see its variants).
///
/// ```
/// use harkje::check::{Checker, Policy};
/// use harkje::render::{self, RenderOptions};
/// use harkje::DesignBuilder;
///
/// let mut b = DesignBuilder::new("Voorbeeld");
/// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris");
/// b.post("hoofd", "Hoofd", "hoofd").reports_to("gs");
/// let design = b.build()?;
///
/// let checker = Checker::new(Policy::default());
/// let dutch = RenderOptions::default().with_language(render::Language::Dutch);
/// let html = render::to_html(&design, &dutch, Some(&checker))?;
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<html lang=\"nl\">"));
/// assert!(!html.contains("http://") && !html.contains("https://"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// [`Checker::check_on`]: crate::check::Checker::check_on
pub fn to_html(
    design: &Design,
    options: &RenderOptions,
    checker: Option<&crate::check::Checker>,
) -> Result<String, RenderError> {
    html::write(design, options, checker)
}

pub use page::unit_pages;

/// The design as a PDF of one page: the SVG picture, fitted to
/// [`RenderOptions::page`] (A3 landscape when none is set), converted by
/// svg2pdf with the text embedded from the system's fonts.
///
/// # Errors
/// A [`RenderError`] when the design cannot be drawn, or
/// [`RenderError::Pdf`] when no font is found or the converter fails.
#[cfg(feature = "pdf")]
pub fn to_pdf(design: &Design, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let options = options.clone().with_page(Some(options.page.unwrap_or(Page::A3)));
    let picture = picture(design, PictureFormat::Svg, &options)?;
    pdf::pages(&[picture.text.as_str()], design.name())
}

/// SVG pictures (as [`to_svg`] or [`unit_pages`] write them) as one PDF, a
/// page per picture, each page the size of its picture.
///
/// # Errors
/// [`RenderError::Pdf`] when no font is found or the converter fails.
#[cfg(feature = "pdf")]
pub fn pdf_of_pages(pictures: &[Picture], title: &str) -> Result<Vec<u8>, RenderError> {
    let svgs: Vec<&str> = pictures.iter().map(|p| p.text.as_str()).collect();
    pdf::pages(&svgs, title)
}

/// The design as a standalone SVG picture.
///
/// # Errors
/// As [`to_svg`].
#[deprecated(since = "0.2.0", note = "renamed to `to_svg`")]
pub fn svg(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    to_svg(design, options)
}
