//! `harkje check` and `harkje rules` through the real binary.

use crate::support::{harkje, stderr, stdout, temp_dir};

#[test]
fn a_design_without_errors_exits_0() {
    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--as-of", "2024-06-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Kleine gemeente: checked as of 2024-06-01 with policy generic"), "{out}");
    assert!(out.trim_end().ends_with("0 errors, 1 warning, 5 infos from 29 rules"), "{out}");
}

#[test]
fn an_error_exits_1_and_json_is_the_contract() {
    let o = harkje(&[
        "check",
        "tests/fixtures/rules/too-many-management-layers/triggers.json",
        "--policy",
        "almelo-2018",
        "--as-of",
        "2018-03-27",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["policy"], "almelo-2018");
    assert_eq!(v["as_of"], "2018-03-27");
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
    let layers: Vec<&serde_json::Value> =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == "too-many-management-layers").collect();
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0]["code"], "HK0201");
    assert_eq!(layers[0]["subject"], "posts/l5");
    assert_eq!(layers[0]["data"]["actual"], 5);
    assert_eq!(layers[0]["data"]["limit"], 4);
}

#[test]
fn a_policy_file_can_extend_a_preset() {
    let dir = temp_dir("cli-check-policy");
    let policy = dir.join("beleid.toml");
    std::fs::write(
        &policy,
        "extends = \"almelo-2018\"\nas_of = 2018-03-27\n[rules.too-many-management-layers]\nmax = 5\n",
    )
    .unwrap();
    let o = harkje(&[
        "check",
        "tests/fixtures/rules/too-many-management-layers/triggers.json",
        "--policy",
        policy.to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert!(!out.contains("too-many-management-layers"), "{out}");
    assert!(out.contains("checked as of 2018-03-27 with policy beleid.toml"), "{out}");
}

#[test]
fn unreadable_inputs_exit_2() {
    let o = harkje(&["check", "tests/fixtures/does-not-exist.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));

    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--policy", "utrecht-2030"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`utrecht-2030` is neither a policy file nor a preset"), "{}", stderr(&o));

    let dir = temp_dir("cli-check-bad-policy");
    let policy = dir.join("fout.toml");
    std::fs::write(&policy, "[rules.span-too-wide]\nmax = \"veel\"\n").unwrap();
    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--policy", policy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("`rules.span-too-wide.max` is a string, but must be a whole number from 1 to 100000"),
        "{err}"
    );
    assert!(stdout(&o).is_empty(), "nothing runs on a bad policy");
    assert!(!err.contains("panicked"));
}

#[test]
fn rules_lists_the_catalogue_and_prints_docs() {
    let o = harkje(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.lines().any(|l| l.starts_with("HK0201  too-many-management-layers") && l.contains("error")), "{out}");
    assert!(out.contains("29 rules"));

    let o = harkje(&["rules", "kwartiermaker-term-too-long"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("HK0402 kwartiermaker-term-too-long"), "{out}");
    for h in ["## What it checks", "## Why it matters", "## Example", "## Options", "max_months = 24"] {
        assert!(out.contains(h), "{h} missing:\n{out}");
    }
    assert_eq!(stdout(&harkje(&["rules", "hk0402"])), out, "a code works as well as a name");

    let o = harkje(&["rules", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no rule `no-such-rule`"));
}

#[test]
fn the_readme_shows_the_real_output() {
    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--policy", "almelo-2018", "--as-of", "2024-06-01"]);
    let readme = crate::support::read(&crate::support::root().join("README.md"));
    assert!(readme.contains(&stdout(&o)), "README.md's `harkje check` example is out of date:\n{}", stdout(&o));
}

#[test]
fn a_huge_option_is_shown_short() {
    let dir = temp_dir("cli-check-huge-option");
    let policy = dir.join("huge.toml");
    std::fs::write(&policy, "extends = \"generic\"\n[rules.savings-target-missed]\nbaseline_payroll = 1e308\n")
        .unwrap();
    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--policy", policy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("baseline_payroll` is 1e308, but must be"), "{}", stderr(&o));
    assert!(stderr(&o).len() < 300, "{}", stderr(&o));
}

#[test]
fn as_of_notes_the_appointments_and_assignments_left_out() {
    let o = harkje(&["metrics", "tests/fixtures/rules/reference-ended/triggers.json", "--as-of", "2024-06-01"]);
    let err = stderr(&o);
    assert!(err.contains("note: on 2024-06-01, 6 references point to something not valid that day"), "{err}");
    for line in [
        "  assignments/begeleiding target posts/km",
        "  assignments/opdracht escalation units/oud",
        "  assignments/wijkaanpak agent posts/km",
        "  people/jan appointment posts/km",
        "  posts/m3 unit units/oud",
    ] {
        assert!(err.contains(line), "{line} missing in\n{err}");
    }
    // The line manager that ended is reported once, by `missing-line-manager`.
    let o = harkje(&["check", "tests/fixtures/rules/reference-ended/triggers.json", "--as-of", "2024-06-01"]);
    let out = stdout(&o);
    assert!(
        out.contains("posts/m4: `m4` has no line manager on 2024-06-01: its line manager `km` ended on 2020-12-31"),
        "{out}"
    );
    assert!(!out.contains("the `reports_to` of `m4`"), "{out}");
}
