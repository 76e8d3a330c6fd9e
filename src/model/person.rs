//! People and their appointments.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{AppointmentId, FunctionId, Period, PersonId, PostId};

/// The kind of employment contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ContractKind {
    /// Permanent employment (vast dienstverband).
    Permanent,
    /// Fixed-term employment (tijdelijk dienstverband).
    Temporary,
    /// Hired in from outside (inhuur); not part of the establishment's staff.
    External,
}

/// A person. Every personal field is optional.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Person {
    /// The stable id, derived from the key.
    pub id: PersonId,
    /// The readable key used in files (an employee number, for example).
    pub key: String,
    /// The person's name: personal data.
    pub name: Option<String>,
    /// Birth date: personal data, used by afspiegeling in a reorganisation.
    #[serde(default, deserialize_with = "super::optional_day")]
    pub birth_date: Option<Date>,
    /// The first day of service, used for seniority.
    #[serde(default, deserialize_with = "super::optional_day")]
    pub service_start: Option<Date>,
    /// The kind of contract.
    pub contract: Option<ContractKind>,
    /// The person's own salary scale.
    pub scale: Option<u8>,
    /// The person's working time in FTE under their contract; `None` counts as 1.0.
    pub fte: Option<f64>,
    /// Functions the person would like in a reorganisation, in order of preference.
    pub preferences: Vec<FunctionId>,
    /// The preferences as the design file names them, by function key, most
    /// wanted first. In a reorganisation they name functions of the new
    /// functieboek, which this design need not have; `preferences` holds those
    /// that are this design's own. The transition checks every key against the
    /// new design. Empty when every preference is one of this design's own
    /// functions (then `preferences` is all of them), as for a person built in code.
    #[serde(default)]
    pub preference_keys: Vec<String>,
}

impl Person {
    /// A person with only a key.
    pub fn new(key: impl Into<String>) -> Self {
        let key = key.into();
        Person {
            id: PersonId::from_key(&key),
            key,
            name: None,
            birth_date: None,
            service_start: None,
            contract: None,
            scale: None,
            fte: None,
            preferences: Vec::new(),
            preference_keys: Vec::new(),
        }
    }
}

/// A person holding a post, for some FTE and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Appointment {
    /// The stable id, derived from person key, post key and start date.
    pub id: AppointmentId,
    /// The person.
    pub person: PersonId,
    /// The post.
    pub post: PostId,
    /// The FTE the person holds the post for.
    pub fte: f64,
    /// Acting (waarnemend): holds the post temporarily on top of their own.
    pub acting: bool,
    /// When the appointment holds.
    pub valid: Period,
}

impl Appointment {
    /// A person's appointment to a post for `fte`, not acting, always valid.
    /// Its id is set when it is added to a design.
    pub fn new(person: PersonId, post: PostId, fte: f64) -> Self {
        Appointment { id: appointment_id("", "", None), person, post, fte, acting: false, valid: Period::ALWAYS }
    }
}

/// Derives an appointment id from the keys it joins and its start.
///
/// Each part is written with its length in front, so no choice of keys can
/// make two different appointments share an id.
pub fn appointment_id(person_key: &str, post_key: &str, from: Option<Date>) -> AppointmentId {
    AppointmentId::from_key(&joined_key(&[person_key, post_key, &from.map(|d| d.to_string()).unwrap_or_default()]))
}

/// Joins parts into one unambiguous key: `len:part` for each part.
pub(crate) fn joined_key(parts: &[&str]) -> String {
    let mut s = String::new();
    for p in parts {
        s.push_str(&p.len().to_string());
        s.push(':');
        s.push_str(p);
    }
    s
}
