//! Units: directie, eenheden, teams, and the units outside the line.

use serde::{Deserialize, Serialize};

use super::{Period, PostId, UnitDated, UnitId};

/// The kind of a unit.
///
/// The first five kinds are formal units in the line structure. The others
/// (programme, area, community, collective, pop-up team) exist next to the
/// line: they are places where work is steered or people meet, not places
/// where posts report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum UnitKind {
    /// The board of directors (directie, directieteam).
    Directie,
    /// A unit or department (eenheid, afdeling, domein, sector).
    Eenheid,
    /// A team at the bottom of the line.
    Team,
    /// A sub-team within a team.
    Subteam,
    /// A pool of staff deployed across the organisation (Adviespool, Flexportaal).
    Pool,
    /// A programme: multi-year work steered across units.
    Programme,
    /// An area or district (gebied, wijk) steered across units.
    Area,
    /// A community such as a vakgroep or a star-role network: no manager.
    Community,
    /// A collective such as the managementcollectief.
    Collective,
    /// A temporary pop-up team formed for one question.
    PopUp,
}

impl UnitKind {
    /// All kinds, in declaration order.
    pub const ALL: [UnitKind; 10] = [
        UnitKind::Directie,
        UnitKind::Eenheid,
        UnitKind::Team,
        UnitKind::Subteam,
        UnitKind::Pool,
        UnitKind::Programme,
        UnitKind::Area,
        UnitKind::Community,
        UnitKind::Collective,
        UnitKind::PopUp,
    ];

    /// Whether units of this kind are formal units in the line structure.
    pub fn in_line(self) -> bool {
        matches!(self, UnitKind::Directie | UnitKind::Eenheid | UnitKind::Team | UnitKind::Subteam | UnitKind::Pool)
    }

    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Directie => "directie",
            UnitKind::Eenheid => "eenheid",
            UnitKind::Team => "team",
            UnitKind::Subteam => "subteam",
            UnitKind::Pool => "pool",
            UnitKind::Programme => "programme",
            UnitKind::Area => "area",
            UnitKind::Community => "community",
            UnitKind::Collective => "collective",
            UnitKind::PopUp => "pop-up",
        }
    }
}

/// An organisational unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unit {
    /// The stable id, derived from the key.
    pub id: UnitId,
    /// The readable key used in files.
    pub key: String,
    /// The display name.
    pub name: String,
    /// The kind of unit.
    pub kind: UnitKind,
    /// The unit this one is placed in (organic placement), if any.
    pub parent: Option<UnitId>,
    /// The post that heads the unit, if named. When absent, harkje takes the
    /// post in the unit whose line manager sits outside it.
    pub head: Option<PostId>,
    /// The unit's core assignment (kernopdracht).
    pub kernopdracht: Option<String>,
    /// When the unit exists.
    pub valid: Period,
    /// The fields that change over time, or `None` when every field is
    /// plain (see [`crate::model::dated`]).
    pub dated: Option<Box<UnitDated>>,
}

impl Unit {
    /// A unit with this key, name and kind, and no parent.
    pub fn new(key: impl Into<String>, name: impl Into<String>, kind: UnitKind) -> Self {
        let key = key.into();
        Unit {
            id: UnitId::from_key(&key),
            key,
            name: name.into(),
            kind,
            parent: None,
            head: None,
            kernopdracht: None,
            valid: Period::ALWAYS,
            dated: None,
        }
    }
}
