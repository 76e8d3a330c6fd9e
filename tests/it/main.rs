//! All integration tests, in one binary (one link step instead of one per file).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

mod check_policy;
mod check_rules;
mod cli_check;
mod cli_metrics;
mod format_json;
mod measures;
