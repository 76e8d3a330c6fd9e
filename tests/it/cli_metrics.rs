//! `harkje metrics` through the real binary.

use crate::support::{harkje, stderr, stdout};

#[test]
fn metrics_of_a_json_design() {
    let o = harkje(&["metrics", "tests/fixtures/designs/small.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["posts"], 4);
    assert_eq!(v["layers"], 3);
    assert_eq!(v["top_posts"], serde_json::json!(["gs"]));
}

#[test]
fn an_unreadable_file_exits_2_with_a_message() {
    let o = harkje(&["metrics", "tests/fixtures/does-not-exist.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn metrics_text_is_readable() {
    let o = harkje(&["metrics", "tests/fixtures/designs/small.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn a_flat_csv_with_cycles_exits_1() {
    let o = harkje(&["metrics", "tests/fixtures/synthetic/org_1000_cycles.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("cycles             5: [52, 865]"), "{}", stdout(&o));
}

#[test]
fn a_broken_design_exits_2_naming_file_line_and_key() {
    let dir = crate::support::temp_dir("cli-metrics-broken");
    let f = dir.join("broken.json");
    std::fs::write(
        &f,
        "{\"version\": 1, \"name\": \"x\",\n \"posts\": [{\"key\": \"a\", \"title\": \"A\", \"reports_to\": \"b\"}]}",
    )
    .unwrap();
    let o = harkje(&["metrics", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("broken.json:2:53: /posts/0/reports_to: `reports_to` refers to post `b`"), "{err}");
}

#[test]
fn as_of_measures_the_design_on_that_day() {
    let o = harkje(&["metrics", "tests/fixtures/designs/small.json", "--as-of", "2026-01-01", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["posts"], 3, "the programme manager's post ended in 2025");
    let o = harkje(&["metrics", "tests/fixtures/designs/small.json", "--as-of", "31-12-2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a date like 2024-01-31"), "{}", stderr(&o));
}
