//! The measures on hand-made lines and designs.

use std::collections::HashSet;

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
    let line = harkje::format::flat_csv::from_csv(b"id,parent_id,unit,is_manager\n1,,U,1\n2,1,U,1\n3,2,U,1\n").unwrap();
    let m = compute(&line);
    assert_eq!(m.management_layers, 3);
    assert_eq!(m.span.managers, 2);
}

#[test]
fn keys_cannot_be_crafted_to_share_an_appointment_id() {
    assert_ne!(harkje::appointment_id("a\u{1f}b", "c", None), harkje::appointment_id("a", "b\u{1f}c", None));
    assert_ne!(harkje::appointment_id("ab", "c", None), harkje::appointment_id("a", "bc", None));
}

/// Rows of (key, manager key) in many shapes: numbered rows, numbers with
/// gaps and below the first, text keys, managers that are missing, written
/// as text, or repeated keys.
fn row_shapes() -> Vec<Vec<(String, Option<String>)>> {
    let numbered: Vec<_> =
        (0..40).map(|i| ((i + 5).to_string(), (i > 0).then(|| ((i - 1) / 3 + 5).to_string()))).collect();
    let mut gaps = numbered.clone();
    gaps[7].0 = "900".into();
    gaps[9].1 = Some("3".into());
    gaps[12].1 = Some("4294967999".into());
    let mut text = numbered.clone();
    text[3].0 = "P-3".into();
    text[20].1 = Some("P-3".into());
    text[21].1 = Some("007".into());
    let mut repeated = numbered.clone();
    repeated[30].0 = "12".into();
    vec![numbered, gaps, text, repeated]
}

/// The summary of a line's measures: everything but the per-post arrays,
/// which follow the row order.
fn summary(rows: &[(String, Option<String>)]) -> harkje::measures::Measures {
    let mut b = LineTable::builder();
    for (k, p) in rows {
        b.push(k, p.as_deref(), Some("U"), 0.8, Some(1000.0), false);
    }
    let mut m = harkje::measures::compute(&b.finish().0);
    m.per_post = Default::default();
    m
}

#[test]
fn the_order_of_the_rows_changes_no_measure() {
    // Without repeated keys: with them, the first row of a key takes its
    // references, so the order matters.
    for rows in row_shapes().into_iter().filter(|r| r.iter().map(|(k, _)| k).collect::<HashSet<_>>().len() == r.len()) {
        let expected = summary(&rows);
        let mut reversed = rows.clone();
        reversed.reverse();
        assert_eq!(summary(&reversed), expected, "reversed {:?}", rows.first());
        for turn in [1, 7, 20] {
            let mut rotated = rows.clone();
            rotated.rotate_left(turn);
            assert_eq!(summary(&rotated), expected, "rotated by {turn}: {:?}", rows.first());
        }
    }
}
