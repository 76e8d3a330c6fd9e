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

#[test]
fn as_of_refuses_a_date_with_a_time() {
    for (command, day) in
        [("metrics", "2026-01-01T12:00"), ("check", "2026-01-01 09:00+02:00"), ("render", "2026-01-01T00:00")]
    {
        let o = harkje(&[command, "tests/fixtures/designs/small.json", "--as-of", day]);
        assert_eq!(o.status.code(), Some(2), "{command}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("`{day}` is a date and time; give the day alone, like 2018-06-01")),
            "{command}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_failed_write_exits_2() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(["metrics", "tests/fixtures/designs/small.json"])
        .current_dir(crate::support::root())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write to standard output"), "{}", stderr(&o));
}

#[test]
fn per_post_csv_quotes_awkward_keys() {
    let dir = crate::support::temp_dir("cli-metrics-per-post");
    let f = dir.join("d.json");
    std::fs::write(
        &f,
        r#"{"version": 1, "name": "x", "posts": [
  {"key": "a,b", "title": "A"},
  {"key": "c\"d", "title": "C", "reports_to": "a,b"},
  {"key": "x", "title": "X", "reports_to": "y"},
  {"key": "y", "title": "Y", "reports_to": "x"}
]}"#,
    )
    .unwrap();
    let pp = dir.join("pp.csv");
    let o = harkje(&["metrics", f.to_str().unwrap(), "--per-post", pp.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "the cycle is a finding");
    assert_eq!(crate::support::read(&pp), "id,layer,span,headcount_under\n\"a,b\",1,1,2\n\"c\"\"d\",2,0,1\n");
}

#[test]
fn as_of_says_which_references_it_cleared() {
    let dir = crate::support::temp_dir("cli-metrics-as-of-notes");
    let f = dir.join("d.json");
    std::fs::write(
        &f,
        r#"{"version": 1, "name": "x", "posts": [
  {"key": "top", "title": "Top"},
  {"key": "km", "title": "Kwartiermaker", "role": "kwartiermaker", "reports_to": "top", "temporary": true, "until": "2024-12-31"},
  {"key": "x", "title": "X", "reports_to": "km"}
]}"#,
    )
    .unwrap();
    let o = harkje(&["metrics", f.to_str().unwrap(), "--as-of", "2025-06-01"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("top posts          2 (top, x)"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("note: on 2025-06-01, 1 reference points to something not valid that day and is left out:\n  posts/x reports_to posts/km"),
        "{}",
        stderr(&o)
    );
}
