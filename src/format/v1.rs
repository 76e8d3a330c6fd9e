//! Version 1 of the JSON design file.
//!
//! These types are the file format, kept apart from the model so that the
//! format can change between versions while the API stays, and the API can
//! change without breaking files. References are written as keys. Optional
//! fields are left out when empty, and `false` flags are left out, so a file
//! is short enough to write by hand.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{ContractKind, Role, RoleFlags, SteeringKind, UnitKind};

/// The version this module reads and writes.
pub const VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_one(x: &f64) -> bool {
    *x == 1.0
}

fn one() -> f64 {
    1.0
}

fn default_role() -> String {
    "medewerker".to_owned()
}

fn is_default_role(r: &String) -> bool {
    r == "medewerker"
}

/// A whole design file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "schema",
    schemars(title = "harkje design", description = "An organisation design for harkje, format version 1.")
)]
pub struct DesignFile {
    /// The address of a JSON Schema for editors (such as this format's
    /// `design.schema.json`); kept on save, otherwise not read.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The format version: 1.
    pub version: u32,
    /// The design's name.
    pub name: String,
    /// Custom roles, next to the built-in catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleV1>,
    /// The functieboek.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<FunctionV1>,
    /// Units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitV1>,
    /// Posts (formatieplaatsen).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<PostV1>,
    /// People.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonV1>,
    /// Appointments of people to posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appointments: Vec<AppointmentV1>,
    /// Horizontal steering assignments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<AssignmentV1>,
    /// Community memberships.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<MembershipV1>,
}

macro_rules! role_v1 {
    ($($(#[doc = $doc:literal])* $flag:ident,)*) => {
        // The flags are the model's `RoleFlags`, from the one list in
        // `model::role`.
        /// A custom role. Its flags are left out when `false`.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct RoleV1 {
            /// The key posts use to name the role.
            pub key: String,
            /// The Dutch name.
            pub name: String,
            /// An English gloss.
            #[serde(default, skip_serializing_if = "String::is_empty")]
            pub gloss: String,
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "is_false")]
                pub $flag: bool,
            )*
        }

        impl From<&Role> for RoleV1 {
            fn from(r: &Role) -> RoleV1 {
                RoleV1 {
                    key: r.key.to_string(),
                    name: r.name.to_string(),
                    gloss: r.gloss.to_string(),
                    $($flag: r.flags.$flag,)*
                }
            }
        }

        impl From<&RoleV1> for Role {
            fn from(r: &RoleV1) -> Role {
                Role::new(r.key.clone(), r.name.clone(), r.gloss.clone())
                    .with_flags(RoleFlags { $($flag: r.$flag,)* })
            }
        }
    };
}
crate::model::with_role_flags!(role_v1);

/// A task of a function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskV1 {
    /// The task's name.
    pub name: String,
    /// Its weight, positive.
    pub weight: f64,
}

/// A function in the functieboek.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FunctionV1 {
    /// The function code.
    pub key: String,
    /// The title.
    pub title: String,
    /// The lowest salary scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_min: Option<u8>,
    /// The highest salary scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_max: Option<u8>,
    /// The HR21 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hr21: Option<String>,
    /// The tasks and their weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskV1>,
}

/// A reference to a post or a unit: `{"post": "key"}` or `{"unit": "key"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum TargetV1 {
    /// A post key.
    Post(String),
    /// A unit key.
    Unit(String),
}

/// A unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitV1 {
    /// The unit's key.
    pub key: String,
    /// The display name.
    pub name: String,
    /// The kind.
    pub kind: UnitKind,
    /// The key of the unit it is placed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The key of the post that heads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// The core assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernopdracht: Option<String>,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
    /// Led collectively: the posts placed in the unit with a line-management
    /// role lead together as one body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collective_leadership: bool,
    /// A self-steering team: its posts have no line manager and the team
    /// answers as a whole to a post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_steering: Option<SelfSteeringV1>,
}

/// How a self-steering team is held to account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SelfSteeringV1 {
    /// The key of the post the team answers to as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accountable_to: Option<String>,
    /// The key of the team's coach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coach: Option<String>,
}

/// A post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PostV1 {
    /// The post's key.
    pub key: String,
    /// The title.
    pub title: String,
    /// The role key; `medewerker` when left out.
    #[serde(default = "default_role", skip_serializing_if = "is_default_role")]
    pub role: String,
    /// The function code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// The establishment in FTE; 1.0 when left out.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub fte: f64,
    /// The salary scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u8>,
    /// The annual full-time salary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<f64>,
    /// The key of the unit it is placed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The key of the line manager's post; left out for a top post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    /// Accountability outside the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accountable_to: Option<TargetV1>,
    /// A temporary post; its end date is `until`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub temporary: bool,
    /// Marked independent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub independent: bool,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonV1 {
    /// The person's key (an employee number, for example).
    pub key: String,
    /// The name: personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The birth date: personal data.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub birth_date: Option<Date>,
    /// The first day of service.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub service_start: Option<Date>,
    /// The contract kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractKind>,
    /// The person's salary scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u8>,
    /// The person's contract working time in FTE; 1.0 when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fte: Option<f64>,
    /// Preferred functions in a reorganisation, by code, most wanted first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferences: Vec<String>,
}

/// An appointment of a person to a post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentV1 {
    /// The person's key.
    pub person: String,
    /// The post's key.
    pub post: String,
    /// The FTE; 1.0 when left out.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub fte: f64,
    /// Acting (waarnemend).
    #[serde(default, skip_serializing_if = "is_false")]
    pub acting: bool,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}

/// A horizontal steering assignment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentV1 {
    /// The assignment's key.
    pub key: String,
    /// The kind of steering.
    pub kind: SteeringKind,
    /// The steering post's key (opdrachtnemer).
    pub agent: String,
    /// What is steered.
    pub target: TargetV1,
    /// Who commissions it (opdrachtgever).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<TargetV1>,
    /// The goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// The escalation point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<TargetV1>,
    /// The mandate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate: Option<String>,
    /// The budget in euros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// The capacity in FTE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}

/// A post's membership of a community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MembershipV1 {
    /// The member post's key.
    pub post: String,
    /// The community unit's key.
    pub community: String,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}
