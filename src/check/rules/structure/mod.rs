//! Rules about the reporting line itself (`HK01..`).

mod missing_line_manager;
mod multiple_top_posts;
mod reference_ended;
mod reporting_cycle;

pub use missing_line_manager::MissingLineManager;
pub use multiple_top_posts::MultipleTopPosts;
pub use reference_ended::ReferenceEnded;
pub use reporting_cycle::ReportingCycle;
