//! All integration tests, in one binary (one link step instead of one per file).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

mod bodies;
mod check_policy;
mod check_rules;
mod check_targets;
mod cli_check;
mod cli_ci;
mod cli_generate;
mod cli_metrics;
mod cli_output;
mod cli_stdin;
mod dates;
mod export;
mod format_csv;
mod format_json;
mod fuzz;
mod graph;
mod import_hr;
mod import_uk;
mod measures;
mod model;
mod parties;
mod peers;
mod props;
mod publish;
mod readme;
mod render;
mod render_html;
mod render_units;
mod seeds;
mod timeline;
mod transition;
mod transition_cases;
mod transition_docs;
mod transition_props;
mod transition_report;
