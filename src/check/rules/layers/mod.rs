//! Rules about management layers and spans of control (`HK02..`).

mod manager_share_high;
mod self_steering_team_too_large;
mod span_too_narrow;
mod span_too_wide;
mod too_many_management_layers;

pub use manager_share_high::ManagerShareHigh;
pub use self_steering_team_too_large::SelfSteeringTeamTooLarge;
pub use span_too_narrow::SpanTooNarrow;
pub use span_too_wide::SpanTooWide;
pub use too_many_management_layers::TooManyManagementLayers;
