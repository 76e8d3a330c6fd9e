//! Units: directie, eenheden, teams, and the units outside the line.

use serde::{Deserialize, Serialize};

use super::{Contact, Period, PostId, UnitDated, UnitId};

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
    /// A collective such as the managementcollectief: a body next to the
    /// line whose members meet through memberships. It leads nobody; a unit
    /// in the line whose leaders lead together is marked with
    /// [`Unit::collective_leadership`] instead.
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
    /// Whether the unit is led collectively: the posts placed in it whose role
    /// is a line-management role lead together, as one body (De Bilt's
    /// directieteam of three). See [`collective leadership`](crate::graph::Bodies).
    pub collective_leadership: bool,
    /// Set when the unit is a self-steering team: its posts have no line
    /// manager of their own, and the team answers as a whole to a post.
    pub self_steering: Option<SelfSteering>,
    /// The unit's own contact details (bereikbaarheidsgegevens), if it can
    /// be reached on its own: then it is an organisatieonderdeel that the Woo
    /// publication describes separately (see [`Contact`]).
    pub contact: Option<Box<Contact>>,
}

/// How a self-steering team is held to account: the post it answers to as a
/// whole, and its coach (a teamcoach, who is not a line manager).
///
/// The accountable post may be left out, so that a design can be written
/// before the choice is made; the `self-steering-without-accountable` rule
/// reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SelfSteering {
    /// The post the team answers to as a whole.
    pub accountable_to: Option<PostId>,
    /// The team's coach, if it has one.
    pub coach: Option<PostId>,
}

impl SelfSteering {
    /// A self-steering team answering to `accountable_to`, coached by `coach`.
    pub fn new(accountable_to: Option<PostId>, coach: Option<PostId>) -> Self {
        SelfSteering { accountable_to, coach }
    }

    /// The posts it names: the accountable post, then the coach.
    pub fn posts(&self) -> impl Iterator<Item = (&'static str, PostId)> {
        [("accountable_to", self.accountable_to), ("coach", self.coach)].into_iter().filter_map(|(f, p)| Some((f, p?)))
    }
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
            collective_leadership: false,
            self_steering: None,
            contact: None,
        }
    }
}
