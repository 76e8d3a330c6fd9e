//! harkje: design, check and reorganise organisations.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod model;

pub use model::*;
