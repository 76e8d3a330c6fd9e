//! Pictures of the harkje: Graphviz DOT, Mermaid and SVG.
//!
//! All three draw the same *scene*: the reporting line as a tree from the top
//! down, horizontal steering as dashed edges labelled with their kind,
//! accountability outside the line as dotted edges, and communities (vakgroepen
//! and other units outside the line) as groups. Boxes are coloured by the kind
//! of the unit the post is placed in.
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
//! let dot = render::dot(&design, &RenderOptions::default())?;
//! assert!(dot.contains("\"gs\" -> \"hoofd\""));
//! let svg = render::svg(&design, &RenderOptions::default())?;
//! assert!(svg.starts_with("<svg"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dot;
mod layout;
mod mermaid;
mod scene;
mod svg;

use jiff::civil::Date;
use thiserror::Error;

use crate::model::Design;

pub use layout::{TidyTree, tidy_tree};

/// What to draw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Draw only this unit (by key): the posts placed in it and in its sub-units.
    pub unit: Option<String>,
    /// Draw this many layers below the top of what is drawn: `Some(0)` draws
    /// only the top posts, `Some(1)` also their direct reports. `None` draws all.
    pub depth: Option<usize>,
    /// Draw the design as it stands on this day (see [`Design::as_of`]).
    pub as_of: Option<Date>,
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
}

/// The design as a Graphviz DOT graph.
///
/// Posts are nodes named by key; line edges run from manager to report;
/// steering is dashed and labelled with its kind; each community is a
/// `cluster_` subgraph. Render it with `dot -Tsvg`.
pub fn dot(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    Ok(dot::write(&scene::Scene::build(design, options)?))
}

/// The design as a Mermaid flowchart (`flowchart TB`), for Markdown viewers.
///
/// Communities are `subgraph`s; steering and accountability are dotted edges
/// with their kind as label; unit kinds are `classDef` colours.
pub fn mermaid(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    Ok(mermaid::write(&scene::Scene::build(design, options)?))
}

/// The design as a standalone SVG picture, laid out here.
///
/// Complexity: O(n) in the posts and steering lines drawn.
pub fn svg(design: &Design, options: &RenderOptions) -> Result<String, RenderError> {
    Ok(svg::write(&scene::Scene::build(design, options)?))
}
