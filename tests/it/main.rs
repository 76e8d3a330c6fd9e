//! All integration tests, in one binary (one link step instead of one per file).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

mod cli_metrics;
mod format_json;
mod measures;
mod transition;
mod transition_props;
