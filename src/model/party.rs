//! Parties outside the organisation: the college, the raad, the griffie,
//! partner organisations and companies.
//!
//! A party is not a post or a unit: it has no place in the line, no FTE and
//! no cost. It can commission an assignment (the college gives Almelo's
//! programmes), receive its results, be the point a conflict is escalated to
//! (the bestuur), and be what a post is accountable to (the
//! gemeentesecretaris to the college). A party can never be a line manager.

use serde::{Deserialize, Serialize};

use super::{PartyId, Period};

/// The kind of a party outside the organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PartyKind {
    /// The college van burgemeester en wethouders: the daily board.
    College,
    /// One wethouder (alderman) or the burgemeester, as portefeuillehouder.
    Wethouder,
    /// The gemeenteraad: the elected council.
    Raad,
    /// The griffie: the raad's own office.
    Griffie,
    /// A partner organisation: a foundation, an omgevingsdienst, another government.
    Partner,
    /// A company, such as the employers an account manager works for.
    Company,
    /// Any other party.
    Other,
}

impl PartyKind {
    /// All kinds, in declaration order.
    pub const ALL: [PartyKind; 7] = [
        PartyKind::College,
        PartyKind::Wethouder,
        PartyKind::Raad,
        PartyKind::Griffie,
        PartyKind::Partner,
        PartyKind::Company,
        PartyKind::Other,
    ];

    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::College => "college",
            PartyKind::Wethouder => "wethouder",
            PartyKind::Raad => "raad",
            PartyKind::Griffie => "griffie",
            PartyKind::Partner => "partner",
            PartyKind::Company => "company",
            PartyKind::Other => "other",
        }
    }

    /// Whether the party is the bestuur (college, wethouder or raad): the
    /// political level above the directie. An escalation to the bestuur goes
    /// above the directie, not around it.
    pub fn is_bestuur(self) -> bool {
        matches!(self, PartyKind::College | PartyKind::Wethouder | PartyKind::Raad)
    }
}

/// A party outside the organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Party {
    /// The stable id, derived from the key.
    pub id: PartyId,
    /// The readable key used in files.
    pub key: String,
    /// The display name.
    pub name: String,
    /// The kind of party.
    pub kind: PartyKind,
    /// When the party plays its part.
    pub valid: Period,
}

impl Party {
    /// A party with this key, name and kind, valid always.
    pub fn new(key: impl Into<String>, name: impl Into<String>, kind: PartyKind) -> Self {
        let key = key.into();
        Party { id: PartyId::from_key(&key), key, name: name.into(), kind, valid: Period::ALWAYS }
    }
}
