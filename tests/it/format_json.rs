//! The JSON design format: loading, canonical saving, located errors.

use harkje::format::{load_json, save_json};

use crate::support::{fixture, read};

#[test]
fn small_design_loads_and_round_trips_to_the_same_bytes() {
    let text = read(&fixture("designs/small.json"));
    let design = load_json(text.as_bytes()).unwrap();
    assert_eq!(design.posts().len(), 4);
    let saved = save_json(&design);
    let again = load_json(saved.as_bytes()).unwrap();
    assert_eq!(design, again);
    assert_eq!(saved, save_json(&again));
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let text = r#"{
  "version": 1,
  "name": "Kapot",
  "units": [
    { "key": "a", "name": "A", "kind": "eenheid", "parent": "nergens" },
    { "key": "a", "name": "A twee", "kind": "eenheid" }
  ],
  "posts": [
    { "key": "p", "title": "P", "fte": -1.0, "unit": "a", "reports_to": "q", "colour": "red" },
    { "key": "r", "title": "R", "from": "2024-13-01" }
  ]
}"#;
    let err = load_json(text.as_bytes()).unwrap_err();
    let shown: Vec<String> = err.problems.iter().map(|p| p.to_string()).collect();
    insta::assert_snapshot!(shown.join("\n"));
}
