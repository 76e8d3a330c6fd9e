//! harkje: design, check and reorganise organisations.
//!
//! *Harkje* is Dutch for the little rake of boxes and lines people draw as an
//! org chart. This crate models an organisation design as typed data (units,
//! posts, roles, people, the reporting line and the horizontal steering lines
//! across it), measures it, and reads and writes it as JSON. It is built first
//! for Dutch municipalities, so domain words stay Dutch where English has no
//! exact one, with a gloss in every doc comment.
//!
//! ```
//! use harkje::{DesignBuilder, UnitKind};
//! use harkje::graph::LineTable;
//!
//! let mut b = DesignBuilder::new("Voorbeeld");
//! b.unit("directie", "Directie", UnitKind::Directie);
//! b.unit("sociaal", "Sociaal Domein", UnitKind::Eenheid).parent("directie");
//! b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
//! b.post("hoofd", "Hoofd Sociaal Domein", "hoofd").unit("sociaal").reports_to("gs");
//! for i in 0..3 {
//!     b.post(&format!("adviseur-{i}"), "Adviseur", "medewerker").unit("sociaal").reports_to("hoofd");
//! }
//! let design = b.build()?;
//!
//! let m = harkje::measures::compute(&LineTable::from_design(&design));
//! assert_eq!(m.layers, 3);
//! assert_eq!(m.management_layers, 2);
//! assert_eq!(m.span.max, 3);
//!
//! // Save and load: the same design comes back.
//! let json = harkje::format::to_json(&design);
//! assert_eq!(harkje::format::from_json(json.as_bytes())?, design);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The parts:
//! - [`model`]: the plain-data types and [`Design`] with checked edits (re-exported at the
//!   root, with [`Date`] and [`date`] for the dates every dated part takes);
//! - [`graph`]: the petgraph index ([`graph::OrgGraph`]: meeting points, steering queries)
//!   and the line as arrays ([`graph::LineTable`]);
//! - [`measures`]: layers, spans, totals, cycles, unit heads, escalation points;
//! - [`check`]: judge a design against a policy of rules, built-in or your own;
//! - [`transition`]: a reorganisation, employee by employee, under a sociaal statuut,
//!   and the difference between two designs;
//! - [`format`](mod@format): the JSON design file (and its schema) and the flat post CSV;
//! - [`import`]: UK government organograms and HR exports into a design, with a located fault
//!   report (feature `import`);
//! - [`export`]: the design as linked open data, W3C ORG in Turtle or JSON-LD and Popolo
//!   (feature `export`);
//! - [`render`]: pictures of the design, Graphviz DOT, Mermaid and SVG (feature `render`);
//! - [`problem`]: the one error every reader returns, each problem with its file, line and column;
//! - [`diagnostic`]: the finding type shared by checks and transitions;
//! - [`number`]: numbers, shares and euros as the reports write them, in English and Dutch;
//! - [`suggest`] and [`text`]: "did you mean" for misspelt names, and user text made safe to print.
//!
//! # Features
//!
//! The default feature `cli` builds the `harkje` program and turns on every part
//! below. A library that only builds, measures and checks designs can depend on
//! `harkje` with `default-features = false` and compile none of the heavy
//! dependencies (no clap, csv, oxrdf, oxttl or schemars); then turn on what it needs:
//!
//! | feature  | what it adds                                                          | pulls in       |
//! |----------|-----------------------------------------------------------------------|----------------|
//! | `csv`    | `format::flat_csv` and `TransitionReport::to_csv`                     | csv            |
//! | `import` | the `import` module (UK organograms, HR exports); implies `csv`       | csv            |
//! | `export` | the `export` module (W3C ORG, Popolo)                                 | oxrdf, oxttl   |
//! | `render` | the `render` module (DOT, Mermaid, SVG)                               |                |
//! | `schema` | `format::json_schema` and `JsonSchema` on the file and model types    | schemars       |
//! | `cli`    | the command-line program and all of the above (default)               | clap           |
//!
//! # Naming
//!
//! Reading is `from_<format>` for input in memory (`format::from_json(bytes)`,
//! `Policy::from_toml(text)`), `read_<format>` for a reader
//! (`import::read_hr_csv`), and `from_<format>_file` for a path
//! (`format::from_json_file`). Writing is `to_<format>` for a `String`
//! (`format::to_json`, `Report::to_text`, `TransitionReport::to_markdown`,
//! `render::to_svg`) and `write_<format>_file` for a path. `_file` always means
//! a path on disk.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The list of parts links the optional modules, which exist only with their features.
#![cfg_attr(
    not(all(feature = "import", feature = "export", feature = "render")),
    allow(rustdoc::broken_intra_doc_links)
)]

pub mod check;
mod cycles;
pub mod diagnostic;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
pub mod format;
pub mod graph;
#[cfg(feature = "import")]
#[cfg_attr(docsrs, doc(cfg(feature = "import")))]
pub mod import;
pub mod measures;
pub mod model;
pub mod number;
mod par;
mod permute;
pub mod problem;
#[cfg(all(feature = "export", feature = "render"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "export", feature = "render"))))]
pub mod publish;
#[cfg(feature = "render")]
#[cfg_attr(docsrs, doc(cfg(feature = "render")))]
pub mod render;
pub mod suggest;
pub mod text;

pub use model::*;

/// The date and time crate harkje uses, for what [`Date`] and [`date`] do not cover.
pub use jiff;
/// Calendar dates, as every dated part of the API takes them: `harkje::date(2025, 6, 1)`.
pub use jiff::civil::{Date, date};
pub mod transition;

/// The language of the words harkje writes for people: reports and pictures.
pub use transition::{Language, UnknownLanguage};
