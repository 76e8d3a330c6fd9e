//! harkje agrees with the baseline peer `shared/bench/org_np.py` on the
//! synthetic organisations of `gen_org.py`, number for number.
//!
//! The expected files in tests/fixtures/synthetic/ were made by
//! `scripts/make-synthetic-expectations.sh`, which runs the peer itself.

use serde_json::Value;

use crate::support::{fixture, harkje, read, stderr, stdout, temp_dir};

fn sorted_rows(text: &str) -> Vec<Vec<u64>> {
    let mut rows: Vec<Vec<u64>> =
        text.lines().skip(1).map(|l| l.split(',').map(|f| f.parse::<u64>().unwrap()).collect()).collect();
    rows.sort();
    rows
}

fn ints(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().map_or_else(|| x.as_u64().unwrap(), |s| s.parse().unwrap()))
        .collect()
}

fn check(name: &str) {
    let csv = fixture(&format!("synthetic/{name}.csv"));
    let expected: Value = serde_json::from_str(&read(&fixture(&format!("synthetic/{name}.org_np.json")))).unwrap();
    let dir = temp_dir(&format!("peers-{name}"));
    let per_post = dir.join("per_post.csv");
    let o = harkje(&["metrics", csv.to_str().unwrap(), "--format", "json", "--per-post", per_post.to_str().unwrap()]);
    let faults =
        expected["cycle_count"].as_u64().unwrap() > 0 || expected["dangling_parent_refs"].as_u64().unwrap() > 0;
    assert_eq!(o.status.code(), Some(if faults { 1 } else { 0 }), "{}", stderr(&o));
    let got: Value = serde_json::from_str(&stdout(&o)).unwrap();

    assert_eq!(got["posts"], expected["positions"], "{name}: posts");
    assert_eq!(ints(&got["top_posts"]), ints(&expected["roots"]), "{name}: top posts");
    assert_eq!(got["layers"], expected["org_layers"], "{name}: layers");
    assert_eq!(got["management_layers"], expected["management_layers"], "{name}: management layers");
    assert_eq!(got["posts_per_layer"], expected["positions_per_layer"], "{name}: posts per layer");
    for k in ["managers", "min", "max", "mean", "median"] {
        assert_eq!(got["span"][k].as_f64(), expected["span"][k].as_f64(), "{name}: span {k}");
    }
    assert_eq!(got["totals"]["headcount"], expected["totals"]["headcount"], "{name}: headcount");
    assert_eq!(got["totals"]["fte"].as_f64(), expected["totals"]["fte"].as_f64(), "{name}: fte");
    assert_eq!(got["totals"]["cost"].as_f64(), expected["totals"]["salary_cost"].as_f64(), "{name}: cost");
    let units = expected["units"].as_object().unwrap();
    assert_eq!(got["units"].as_object().unwrap().len(), units.len(), "{name}: unit count");
    for (k, u) in units {
        assert_eq!(got["units"][k]["headcount"], u["headcount"], "{name}: unit {k} headcount");
        assert_eq!(got["units"][k]["fte"].as_f64(), u["fte"].as_f64(), "{name}: unit {k} fte");
        assert_eq!(got["units"][k]["cost"].as_f64(), u["salary_cost"].as_f64(), "{name}: unit {k} cost");
    }
    let cycles: Vec<Vec<u64>> = got["cycles"].as_array().unwrap().iter().map(ints).collect();
    let expected_cycles: Vec<Vec<u64>> = expected["cycles"].as_array().unwrap().iter().map(ints).collect();
    assert_eq!(cycles.len() as u64, expected["cycle_count"].as_u64().unwrap(), "{name}: cycle count");
    assert_eq!(cycles, expected_cycles, "{name}: cycles");
    assert_eq!(
        got["dangling_references"].as_array().unwrap().len() as u64,
        expected["dangling_parent_refs"].as_u64().unwrap(),
        "{name}: dangling"
    );
    assert_eq!(
        got["unreachable_posts"].as_array().unwrap().len() as u64,
        expected["unreachable_positions"].as_u64().unwrap(),
        "{name}: unreachable"
    );
    let want = sorted_rows(&read(&fixture(&format!("synthetic/{name}.per_position.csv"))));
    let have = sorted_rows(&read(&per_post));
    assert_eq!(have.len(), want.len(), "{name}: per-post rows");
    assert!(have == want, "{name}: per-post layer, span and headcount under differ from org_np");
}

#[test]
fn measures_agree_with_org_np_at_1k() {
    check("org_1000");
}

#[test]
fn measures_agree_with_org_np_at_10k() {
    check("org_10000");
}

#[test]
fn measures_agree_with_org_np_at_1k_with_cycles() {
    check("org_1000_cycles");
}

#[test]
fn measures_agree_with_org_np_at_10k_with_cycles() {
    check("org_10000_cycles");
}

#[test]
fn measures_agree_with_org_np_at_1k_with_bad_spans() {
    check("org_1000_bad_spans");
}
