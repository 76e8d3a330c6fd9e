//! Portfolios (aandachtsgebieden): a post's attention for a unit without line
//! authority.
//!
//! Almelo's directieleden and Hengelo's concernmanagers each hold a few
//! units as aandachtsgebied: they are the unit's contact in the directie and
//! follow its work, but the unit's staff do not report to them. A portfolio
//! is therefore no part of the line: it counts in no span and no layer, and
//! a post holding it does not become the unit's head.

use serde::{Deserialize, Serialize};

use super::{Period, PortfolioId, PostId, UnitId};

/// A post's aandachtsgebied: a unit it follows without line authority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Portfolio {
    /// The stable id, derived from the post key, the unit key and the start.
    pub id: PortfolioId,
    /// The post that holds the aandachtsgebied.
    pub post: PostId,
    /// The unit it covers.
    pub unit: UnitId,
    /// When the post holds it.
    pub valid: Period,
}

impl Portfolio {
    /// A post's portfolio over a unit, valid always. Its id is set when it is
    /// added to a design.
    pub fn new(post: PostId, unit: UnitId) -> Self {
        Portfolio { id: PortfolioId::from_key(""), post, unit, valid: Period::ALWAYS }
    }
}

/// Derives a portfolio id from the keys it joins and its start.
pub fn portfolio_id(post_key: &str, unit_key: &str, from: Option<jiff::civil::Date>) -> PortfolioId {
    let from = from.map(|d| d.to_string()).unwrap_or_default();
    PortfolioId::from_key(&super::person::joined_key(&[post_key, unit_key, &from]))
}
