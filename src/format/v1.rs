//! Version 1 of the JSON design file.
//!
//! These types are the file format, kept apart from the model so that the
//! format can change between versions while the API stays, and the API can
//! change without breaking files. References are written as keys. Optional
//! fields are left out when empty, and `false` flags are left out, so a file
//! is short enough to write by hand.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{ContractKind, PartyKind, Role, RoleFlags, SteeringKind, UnitKind};

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

fn one_timeline() -> Timeline<f64, DatedFteV1> {
    Timeline::Plain(1.0)
}

fn is_one_timeline(t: &Timeline<f64, DatedFteV1>) -> bool {
    matches!(t, Timeline::Plain(x) if *x == 1.0)
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
    /// Parties outside the organisation: the college, the raad, partners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyV1>,
    /// Portfolios (aandachtsgebieden): units a post follows without line authority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub portfolios: Vec<PortfolioV1>,
    /// The organisation's identifier: its TOOI URI, such as
    /// `https://identifier.overheid.nl/tooi/id/gemeente/gm0344`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("pattern" = "^https://identifier\\.overheid\\.nl/tooi/id/[a-z_]+/[a-z]+[0-9]+$")))]
    pub identifier: Option<String>,
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

/// A reference to a post, a unit or a party: `{"post": "key"}`,
/// `{"unit": "key"}` or `{"party": "key"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum TargetV1 {
    /// A post key.
    Post(String),
    /// A unit key.
    Unit(String),
    /// A party key: a party outside the organisation.
    Party(String),
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
    /// The kind, or dated kinds.
    pub kind: Timeline<UnitKind, DatedKindV1>,
    /// The key of the unit it is placed in, or dated units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Timeline<String, DatedUnitV1>>,
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
    /// The unit's own contact details (bereikbaarheidsgegevens): a unit
    /// with them is an organisatieonderdeel the Woo publication describes
    /// separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactV1>,
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
    /// The function code, or dated function codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<Timeline<String, DatedFunctionV1>>,
    /// The establishment in FTE (1.0 when left out), or dated values.
    #[serde(default = "one_timeline", skip_serializing_if = "is_one_timeline")]
    pub fte: Timeline<f64, DatedFteV1>,
    /// The salary scale, or dated scales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Timeline<u8, DatedScaleV1>>,
    /// The annual full-time salary, or dated salaries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<Timeline<f64, DatedSalaryV1>>,
    /// The key of the unit it is placed in, or dated units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Timeline<String, DatedUnitV1>>,
    /// The key of the line manager's post (left out for a top post), or
    /// dated line managers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<Timeline<String, DatedPostV1>>,
    /// Accountability outside the line, or dated accountability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accountable_to: Option<Timeline<TargetV1, DatedTargetV1>>,
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
    /// Who commissions it (opdrachtgever): one target, or a chain of them in
    /// order, from the one who gives the commission to the one the agent
    /// works with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<PrincipalV1>,
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

/// The principal of an assignment: one target, or a list of targets when the
/// commission passes down a chain (Almelo's bestuurlijk, ambtelijk and
/// gedelegeerd opdrachtgever), first the one who gives it. A chain of one is
/// saved as the single target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum PrincipalV1 {
    /// One principal.
    One(TargetV1),
    /// A chain of principals, in order.
    Chain(#[cfg_attr(feature = "schema", schemars(length(min = 1)))] Vec<TargetV1>),
}

impl PrincipalV1 {
    /// The principals in order.
    pub fn targets(&self) -> &[TargetV1] {
        match self {
            PrincipalV1::One(t) => std::slice::from_ref(t),
            PrincipalV1::Chain(c) => c,
        }
    }
}

// Read by hand rather than as an untagged enum, so that a mistake inside a
// target is reported at its place with the target's own message.
impl<'de> Deserialize<'de> for PrincipalV1 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Principal;
        impl<'de> serde::de::Visitor<'de> for Principal {
            type Value = PrincipalV1;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a target such as {\"post\": \"key\"} or a list of targets")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PrincipalV1, A::Error> {
                TargetV1::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(PrincipalV1::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<PrincipalV1, A::Error> {
                let mut chain = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
                while let Some(t) = seq.next_element::<TargetV1>()? {
                    chain.push(t);
                }
                Ok(PrincipalV1::Chain(chain))
            }
        }
        d.deserialize_any(Principal)
    }
}

/// A party outside the organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartyV1 {
    /// The party's key.
    pub key: String,
    /// The display name.
    pub name: String,
    /// The kind of party.
    pub kind: PartyKind,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}

/// A post's portfolio (aandachtsgebied): a unit it follows without line authority.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PortfolioV1 {
    /// The key of the post that holds it.
    pub post: String,
    /// The key of the unit it covers.
    pub unit: String,
    /// First valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}

/// A field given plainly, one value for the element's whole life (`"reports_to":
/// "hoofd"`), or as a list of values each for a period (`"reports_to": [{"post":
/// "teammanager", "until": "2020-06-30"}, {"post": "hoofd", "from": "2020-07-01"}]`).
///
/// The periods of one list must not overlap; a day no period covers has no
/// value. Both ends are inclusive and optional, as for elements.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "PlainOr{D}"))]
#[serde(untagged)]
pub enum Timeline<P, D> {
    /// One value for the element's whole life.
    Plain(P),
    /// Values for periods.
    Dated(Vec<D>),
}

// A list is a dated field, anything else the plain value: serde's untagged
// enums would hide the plain value's own error ("expected a number") behind
// "data did not match any variant".
impl<'de, P: Deserialize<'de>, D: Deserialize<'de>> Deserialize<'de> for Timeline<P, D> {
    fn deserialize<De: serde::Deserializer<'de>>(d: De) -> Result<Self, De::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        use serde::de::{IntoDeserializer, MapAccess, SeqAccess, Visitor};
        use std::marker::PhantomData;

        struct V<P, D>(PhantomData<(P, D)>);
        macro_rules! plain {
            ($($method:ident($ty:ty)),*) => {$(
                fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                    P::deserialize(v.into_deserializer()).map(Timeline::Plain)
                }
            )*};
        }
        impl<'de, P: Deserialize<'de>, D: Deserialize<'de>> Visitor<'de> for V<P, D> {
            type Value = Timeline<P, D>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value or a list of dated values")
            }
            plain!(visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_string(String));
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                P::deserialize(v.into_deserializer()).map(Timeline::Plain)
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                P::deserialize(serde::de::value::BorrowedStrDeserializer::new(v)).map(Timeline::Plain)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                P::deserialize(().into_deserializer()).map(Timeline::Plain)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                P::deserialize(MapAccessDeserializer::new(map)).map(Timeline::Plain)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<D>::deserialize(SeqAccessDeserializer::new(seq)).map(Timeline::Dated)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// An entry of a dated list: its value and its period.
pub trait DatedEntry {
    /// The value's plain form.
    type Value;
    /// The name of the entry's value (`post` in `{"post": "hoofd"}`); empty
    /// when the value's own keys sit in the entry (a target).
    const FIELD: &'static str;
    /// What is wrong with an entry whose value cannot be read.
    const MISSING: &'static str;
    /// The value, when the entry names one.
    fn value(&self) -> Option<Self::Value>;
    /// The entry for `value` from `from` until `until`.
    fn make(value: Self::Value, from: Option<Date>, until: Option<Date>) -> Self;
    /// The first day, if any.
    fn from(&self) -> Option<Date>;
    /// The last day, if any.
    fn until(&self) -> Option<Date>;
}

macro_rules! dated_v1 {
    ($($(#[doc = $doc:literal])* $name:ident { $field:ident: $ty:ty })*) => {$(
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The value in this period.
            pub $field: $ty,
            /// First day of the period.
            #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
            pub from: Option<Date>,
            /// Last day of the period.
            #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
            pub until: Option<Date>,
        }

        impl DatedEntry for $name {
            type Value = $ty;
            const FIELD: &'static str = stringify!($field);
            const MISSING: &'static str = "";
            fn value(&self) -> Option<$ty> {
                Some(self.$field.clone())
            }
            fn make($field: $ty, from: Option<Date>, until: Option<Date>) -> Self {
                $name { $field, from, until }
            }
            fn from(&self) -> Option<Date> {
                self.from
            }
            fn until(&self) -> Option<Date> {
                self.until
            }
        }
    )*};
}

dated_v1! {
    /// A line manager for a period: `{"post": "hoofd", "from": "2020-07-01"}`.
    DatedPostV1 { post: String }
    /// A unit for a period: `{"unit": "kcc", "until": "2021-12-31"}`.
    DatedUnitV1 { unit: String }
    /// A function for a period: `{"function": "ADV-1", "from": "2022-01-01"}`.
    DatedFunctionV1 { function: String }
    /// An establishment for a period: `{"fte": 0.8, "until": "2020-12-31"}`.
    DatedFteV1 { fte: f64 }
    /// A salary scale for a period: `{"scale": 11, "from": "2021-01-01"}`.
    DatedScaleV1 { scale: u8 }
    /// An annual full-time salary for a period: `{"salary": 61000, "from": "2021-01-01"}`.
    DatedSalaryV1 { salary: f64 }
    /// A unit kind for a period: `{"kind": "team", "from": "2022-01-01"}`.
    DatedKindV1 { kind: UnitKind }
}

/// Accountability outside the line for a period: exactly one of `post`,
/// `unit` and `party`, as in [`TargetV1`], with the period's ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatedTargetV1 {
    /// A post key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// A unit key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A party key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// First day of the period.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub from: Option<Date>,
    /// Last day of the period.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::optional_day")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub until: Option<Date>,
}

impl DatedEntry for DatedTargetV1 {
    type Value = TargetV1;
    // The target's keys sit in the entry itself: `{"post": "…", "from": …}`.
    const FIELD: &'static str = "";
    const MISSING: &'static str = "give exactly one of `post`, `unit` and `party`";
    /// The target named, when exactly one of `post`, `unit` and `party` is given.
    fn value(&self) -> Option<TargetV1> {
        match (&self.post, &self.unit, &self.party) {
            (Some(p), None, None) => Some(TargetV1::Post(p.clone())),
            (None, Some(u), None) => Some(TargetV1::Unit(u.clone())),
            (None, None, Some(p)) => Some(TargetV1::Party(p.clone())),
            _ => None,
        }
    }
    fn make(target: TargetV1, from: Option<Date>, until: Option<Date>) -> Self {
        let (mut post, mut unit, mut party) = (None, None, None);
        match target {
            TargetV1::Post(k) => post = Some(k),
            TargetV1::Unit(k) => unit = Some(k),
            TargetV1::Party(k) => party = Some(k),
        }
        DatedTargetV1 { post, unit, party, from, until }
    }
    fn from(&self) -> Option<Date> {
        self.from
    }
    fn until(&self) -> Option<Date> {
        self.until
    }
}

/// A unit's contact details. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactV1 {
    /// The visiting address (bezoekadres).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visiting_address: Option<AddressV1>,
    /// The postal address (postadres), such as a Postbus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_address: Option<AddressV1>,
    /// The telephone number as it is to be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The web page: an `https` address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("format" = "uri")))]
    pub website: Option<String>,
}

/// An address in the Netherlands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AddressV1 {
    /// The street and number, or the Postbus.
    pub street: String,
    /// The postcode: four digits, a space and two capitals (`7607 EW`).
    #[cfg_attr(feature = "schema", schemars(extend("pattern" = "^[1-9][0-9]{3} [A-Z]{2}$")))]
    pub postcode: String,
    /// The town.
    pub city: String,
}
