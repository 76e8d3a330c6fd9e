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
//! - [`model`]: the plain-data types and [`Design`] with checked edits;
//! - [`graph`]: the petgraph index ([`graph::OrgGraph`]) and the line as arrays ([`graph::LineTable`]);
//! - [`measures`]: layers, spans, totals, cycles, escalation points;
//! - [`format`](mod@format): the JSON design file and the flat post CSV;
//! - [`import`]: UK government organograms and HR exports into a design, with a located fault report;
//! - [`problem`]: the one error every reader returns, each problem with its file, line and column;
//! - [`diagnostic`]: the finding type shared by checks and transitions;
//! - [`number`]: numbers, shares and euros as the reports write them, in English and Dutch.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod check;
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
pub mod problem;
#[cfg(feature = "render")]
#[cfg_attr(docsrs, doc(cfg(feature = "render")))]
pub mod render;
pub mod suggest;
pub mod text;

pub use model::*;

/// Calendar dates, as every dated part of the API takes them: `harkje::date(2025, 6, 1)`.
pub use jiff::civil::{Date, date};
/// The date and time crate harkje uses, for what [`Date`] and [`date`] do not cover.
pub use jiff;
pub mod transition;
