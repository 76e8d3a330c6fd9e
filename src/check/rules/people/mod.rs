//! Rules about people, posts, functions and cost (`HK05..`).

mod person_over_allocated;
mod post_overfilled;
mod savings_target_missed;
mod single_person_function;
mod vacant_post;

pub use person_over_allocated::PersonOverAllocated;
pub use post_overfilled::PostOverfilled;
pub use savings_target_missed::SavingsTargetMissed;
pub use single_person_function::SinglePersonFunction;
pub use vacant_post::VacantPost;
