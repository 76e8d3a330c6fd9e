//! Rules about the reporting line itself (`HK01..`).

mod missing_line_manager;
mod multiple_top_posts;
mod reference_ended;
mod reporting_cycle;
mod self_steering_member_has_line_manager;
mod self_steering_without_accountable;

pub use missing_line_manager::MissingLineManager;
pub use multiple_top_posts::MultipleTopPosts;
pub use reference_ended::ReferenceEnded;
pub use reporting_cycle::ReportingCycle;
pub use self_steering_member_has_line_manager::SelfSteeringMemberHasLineManager;
pub use self_steering_without_accountable::SelfSteeringWithoutAccountable;
