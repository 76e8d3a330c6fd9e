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

#[test]
fn a_manager_by_role_alone_adds_a_management_layer_where_the_peers_count_reports() {
    // `is_manager = 1` on a post without reports: harkje follows DOMAIN.md §4
    // (a line-management role makes a management post); org_np.py counts
    // only posts with reports and would say 2 here.
    let line = harkje::format::flat_csv::parse(b"id,parent_id,unit,is_manager\n1,,U,1\n2,1,U,1\n3,2,U,1\n").unwrap();
    let m = compute(&line);
    assert_eq!(m.management_layers, 3);
    assert_eq!(m.span.managers, 2);
}

#[test]
fn keys_cannot_be_crafted_to_share_an_appointment_id() {
    assert_ne!(harkje::appointment_id("a\u{1f}b", "c", None), harkje::appointment_id("a", "b\u{1f}c", None));
    assert_ne!(harkje::appointment_id("ab", "c", None), harkje::appointment_id("a", "bc", None));
}
