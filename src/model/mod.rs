//! The organisation model: plain data with typed ids.
//!
//! Everything here is ordinary Rust data. The relations between elements are
//! stored as typed ids on the elements themselves (a post knows its unit and
//! its line manager); the [`graph`](crate::graph) module indexes them for
//! fast traversal. Keeping the two apart means the model can be built,
//! compared and serialised without a graph, and the graph can be rebuilt
//! from the model at any time.

mod builder;
mod contact;
pub mod dated;
mod design;
mod error;
mod function;
mod ids;
mod key;
mod limits;
mod party;
mod period;
mod person;
mod portfolio;
mod post;
mod post_store;
mod role;
mod steering;
mod text;
mod unit;

pub use builder::{
    AppointmentDraft, AssignmentDraft, BuildError, DesignBuilder, PersonDraft, PostDraft, TargetKey, UnitDraft,
};
pub(crate) use contact::contact_problems;
pub use contact::{Address, Contact, TOOI_PREFIX, tooi_problem};
pub use dated::{Dated, PostDated, UnitDated};
pub use design::{Absence, ClearedReference, Design, membership_id};
pub(crate) use design::{Element, insert_many};
pub use error::{EditError, ElementKind};
pub use function::{Function, Task};
pub use ids::{
    AppointmentId, AssignmentId, FunctionId, MembershipId, NAMESPACE, PartyId, PersonId, PortfolioId, PostId, UnitId,
};
pub use key::{NaturalKey, natural_cmp};
pub use limits::{MAX_BUDGET, MAX_FTE, MAX_SALARY};
pub(crate) use limits::{key_problem, out_of_range};
pub use party::{Party, PartyKind};
pub(crate) use period::optional_day;
pub use period::{DayError, Period, parse_day};
pub use person::{Appointment, ContractKind, Person, appointment_id};
pub use portfolio::{Portfolio, portfolio_id};
pub use post::{Post, Target};
pub(crate) use post_store::{Buckets, sort_by_id_unstable, sorted_runs};
pub(crate) use role::with_role_flags;
pub use role::{BUILTIN_ROLES, Role, RoleFlags, builtin_role};
pub use steering::{Assignment, Membership, SteeringKind};
pub use text::Text;
pub use unit::{SelfSteering, Unit, UnitKind};
