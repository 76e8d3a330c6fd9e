//! The transition engine on a generated reorganisation of 100,000 employees,
//! 2,000 functions and 500 units: diff, function comparison and placement.
//!
//! Run with `cargo bench --bench transition`.

use std::sync::LazyLock;

use harkje::transition::{KeyMapping, compare, diff, transition};

fn main() {
    divan::main();
}

mod transition_data;
use transition_data::{Reorg, generate};

static REORG: LazyLock<Reorg> = LazyLock::new(generate);

#[divan::bench(sample_count = 5, sample_size = 1)]
fn transition_100k() -> usize {
    let r = &*REORG;
    let report = transition(&r.old, &r.new, &r.statute, &r.input).unwrap_or_else(|e| unreachable!("{e}"));
    report.employees.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn diff_100k() -> usize {
    let r = &*REORG;
    diff(&r.old, &r.new, &KeyMapping::default()).posts.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn compare_2000_functions() -> usize {
    let r = &*REORG;
    compare(&r.old, &r.new, &r.statute, &r.input).map(|c| c.old.len()).unwrap_or(0)
}
