//! The measures on hand-made lines and designs.

use harkje::graph::LineTable;
use harkje::measures::compute;

#[test]
fn a_chain_of_100_000_posts_does_not_overflow_the_stack() {
    let mut b = LineTable::builder();
    b.push("0", None, None, 1.0, Some(1.0), false);
    for i in 1..100_000 {
        let parent = (i - 1).to_string();
        b.push(&i.to_string(), Some(&parent), None, 1.0, Some(1.0), false);
    }
    let (line, dups) = b.finish();
    assert!(dups.is_empty());
    let m = compute(&line);
    assert_eq!(m.layers, 100_000);
    assert_eq!(m.management_layers, 99_999);
    assert_eq!(m.per_post.headcount_under.iter().max(), Some(&100_000));
}

#[test]
fn a_ring_of_100_000_posts_is_one_cycle() {
    let mut b = LineTable::builder();
    for i in 0..100_000u32 {
        let parent = ((i + 1) % 100_000).to_string();
        b.push(&i.to_string(), Some(&parent), None, 1.0, None, false);
    }
    let (line, _) = b.finish();
    let m = compute(&line);
    assert_eq!(m.cycles.len(), 1);
    assert_eq!(m.cycles[0].len(), 100_000);
    assert_eq!(m.unreachable_posts.len(), 100_000);
    assert_eq!(m.layers, 0);
    assert_eq!(m.totals.unknown_salary, 100_000);
}
