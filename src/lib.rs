//! harkje: design, check and reorganise organisations.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod diagnostic;
pub mod graph;
pub mod measures;
pub mod model;

pub use model::*;
pub mod format;
pub mod transition;
