//! Rules about horizontal steering, accountability and communities (`HK03..`).

mod assignment_incomplete;
mod coach_has_line_reports;
mod community_has_line_manager;
mod escalation_outside_directie;
mod independence_breached;
mod steering_not_accountable_to_directie;
mod too_many_steering_lines;
mod unit_without_kernopdracht;

pub use assignment_incomplete::AssignmentIncomplete;
pub use coach_has_line_reports::CoachHasLineReports;
pub use community_has_line_manager::CommunityHasLineManager;
pub use escalation_outside_directie::EscalationOutsideDirectie;
pub use independence_breached::IndependenceBreached;
pub use steering_not_accountable_to_directie::SteeringNotAccountableToDirectie;
pub use too_many_steering_lines::TooManySteeringLines;
pub use unit_without_kernopdracht::UnitWithoutKernopdracht;
