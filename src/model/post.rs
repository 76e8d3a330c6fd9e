//! Posts (formatieplaatsen).

use serde::{Deserialize, Serialize};

use super::{FunctionId, PartyId, Period, PostDated, PostId, Text, UnitId};

/// Where a post is accountable to, next to (or instead of) its line manager.
///
/// A programmamanager is placed in a pool but accountable to the directie:
/// that is `Target::Unit(directie)`. A gemeentesecretaris is accountable to
/// the college, a party outside the organisation: `Target::Party(college)`.
///
/// The same type names what an assignment steers, who commissions it and
/// where a conflict is escalated to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Target {
    /// A post.
    Post(PostId),
    /// A unit.
    Unit(UnitId),
    /// A party outside the organisation. It is never a line manager.
    Party(PartyId),
}

/// A post: a position that exists independently of who holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Post {
    /// The stable id, derived from the key.
    pub id: PostId,
    /// The readable key used in files.
    pub key: Text,
    /// The title of the post.
    pub title: Text,
    /// The role key: a built-in role (see [`BUILTIN_ROLES`](crate::BUILTIN_ROLES))
    /// or a custom role of the design.
    pub role: Text,
    /// The function (job description) in the functieboek, if assigned.
    pub function: Option<FunctionId>,
    /// The establishment of the post in FTE (1.0 is full time).
    pub fte: f64,
    /// The salary scale, if known.
    pub scale: Option<u8>,
    /// The annual full-time salary, if known. Cost is salary × FTE.
    pub salary: Option<f64>,
    /// The unit the post is placed in.
    pub unit: Option<UnitId>,
    /// The line manager's post. `None` marks a top post.
    pub reports_to: Option<PostId>,
    /// Accountability outside the line (for example a programmamanager to the directie).
    pub accountable_to: Option<Target>,
    /// Whether the post is temporary; its end date is `valid.until`.
    pub temporary: bool,
    /// Marked independent (like the concerncontroller), on top of what the role says.
    pub independent: bool,
    /// When the post exists.
    pub valid: Period,
    /// The fields that change over time, or `None` when every field is
    /// plain. A field given here overrides the plain field above, which then
    /// holds the value of its last period (see [`crate::model::dated`]).
    pub dated: Option<Box<PostDated>>,
}

impl Post {
    /// A full-time post with this key, title and role, and no other data.
    pub fn new(key: impl Into<String>, title: impl Into<String>, role: impl Into<String>) -> Self {
        let key = Text::from(key.into());
        Post {
            id: PostId::from_key(&key),
            key,
            title: Text::from(title.into()),
            role: Text::from(role.into()),
            function: None,
            fte: 1.0,
            scale: None,
            salary: None,
            unit: None,
            reports_to: None,
            accountable_to: None,
            temporary: false,
            independent: false,
            valid: Period::ALWAYS,
            dated: None,
        }
    }

    /// The yearly cost (salary × FTE), if the salary is known.
    pub fn cost(&self) -> Option<f64> {
        self.salary.map(|s| s * self.fte)
    }
}
