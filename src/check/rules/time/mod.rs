//! Rules about temporary roles and terms (`HK04..`).

mod dated_value_gap;
mod kwartiermaker_term_too_long;
mod temporary_role_expired;
mod temporary_role_without_end;

pub use dated_value_gap::DatedValueGap;
pub use kwartiermaker_term_too_long::KwartiermakerTermTooLong;
pub use temporary_role_expired::TemporaryRoleExpired;
pub use temporary_role_without_end::TemporaryRoleWithoutEnd;
