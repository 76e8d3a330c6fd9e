//! Horizontal steering assignments and community memberships.

use serde::{Deserialize, Serialize};

use super::{AssignmentId, MembershipId, Period, PostId, Target, UnitId};

/// The kind of a horizontal steering line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SteeringKind {
    /// Programmasturing: a multi-year programme across units.
    Programme,
    /// Wijk- of gebiedssturing: a district or area assignment.
    Area,
    /// Process ownership across the execution units.
    Process,
    /// Development of a unit by a kwartiermaker.
    Development,
    /// An area agenda (gebiedsagenda) kept with partners.
    AreaAgenda,
    /// Coaching of a team toward self-steering.
    Coaching,
    /// Any other horizontal link (a dotted line, a matrix or project link).
    Other,
}

impl SteeringKind {
    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SteeringKind::Programme => "programme",
            SteeringKind::Area => "area",
            SteeringKind::Process => "process",
            SteeringKind::Development => "development",
            SteeringKind::AreaAgenda => "area-agenda",
            SteeringKind::Coaching => "coaching",
            SteeringKind::Other => "other",
        }
    }
}

/// A horizontal steering assignment: a post steers a unit (or post) across the line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assignment {
    /// The stable id, derived from the key.
    pub id: AssignmentId,
    /// The readable key used in files.
    pub key: String,
    /// The kind of steering.
    pub kind: SteeringKind,
    /// The steering post (opdrachtnemer, the agent).
    pub agent: PostId,
    /// What is steered: a unit or a post.
    pub target: Target,
    /// Who commissions it (opdrachtgever, the principal): the first link of
    /// the chain of principals, such as the college. See
    /// [`Assignment::delegated_principals`] for the links after it.
    pub principal: Option<Target>,
    /// The goal in plain words.
    pub goal: Option<String>,
    /// Where a conflict with the line is decided (opschalen).
    pub escalation: Option<Target>,
    /// What the agent may decide.
    pub mandate: Option<String>,
    /// The budget in euros.
    pub budget: Option<f64>,
    /// The capacity, in FTE of the agent's time.
    pub capacity: Option<f64>,
    /// When the assignment runs.
    pub valid: Period,
    /// The principals the commission was passed on to after `principal`, in
    /// order, down to the one the agent works with: Almelo's bestuurlijk
    /// opdrachtgever (the college, `principal`) gives it to an ambtelijk
    /// opdrachtgever, who delegates it to a gedelegeerd opdrachtgever. Empty
    /// for a single principal; never set without `principal`
    /// ([`Design::add_assignment`](crate::Design::add_assignment) refuses
    /// that, and a repeat within the chain).
    pub delegated_principals: Vec<Target>,
}

impl Assignment {
    /// The whole chain of principals in order: `principal`, then the
    /// delegated ones. The last is the principal the agent works with.
    pub fn principals(&self) -> impl Iterator<Item = Target> + '_ {
        self.principal.into_iter().chain(self.delegated_principals.iter().copied())
    }

    /// A steering assignment with its key, kind, agent and target, and nothing
    /// else set; valid always.
    pub fn new(key: impl Into<String>, kind: SteeringKind, agent: PostId, target: Target) -> Self {
        let key = key.into();
        Assignment {
            id: AssignmentId::from_key(&key),
            key,
            kind,
            agent,
            target,
            principal: None,
            goal: None,
            escalation: None,
            mandate: None,
            budget: None,
            capacity: None,
            valid: Period::ALWAYS,
            delegated_principals: Vec::new(),
        }
    }
}

/// A post's membership of a community (vakgroep, star-role network) or collective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Membership {
    /// The stable id, derived from the community key, the post key and the start.
    pub id: MembershipId,
    /// The member post.
    pub post: PostId,
    /// The community or collective unit.
    pub community: UnitId,
    /// When the membership holds.
    pub valid: Period,
}

impl Membership {
    /// A post's membership of a community, valid always. Its id is set when it
    /// is added to a design.
    pub fn new(post: PostId, community: UnitId) -> Self {
        Membership { id: MembershipId::from_key(""), post, community, valid: Period::ALWAYS }
    }
}
