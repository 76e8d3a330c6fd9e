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
