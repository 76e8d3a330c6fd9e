//! `harkje check` in CI: a baseline of accepted findings, SARIF and GitHub outputs,
//! `--fail-on`; and user text that cannot act on the terminal, and "did you mean".

use std::fs;

use serde_json::Value;

use crate::support::{harkje, read, root, stderr, stdout, temp_dir};

/// A design with 28 errors, 30 warnings and an info under the Almelo policy.
const DESIGN: &str = "examples/data/almelo-2018/new.json";
const POLICY: &str = "almelo-2018";

fn check(extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", DESIGN, "--policy", POLICY, "--as-of", "2018-03-27"];
    args.extend_from_slice(extra);
    harkje(&args)
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn fail_on_chooses_the_least_serious_finding_that_fails() {
    let report = json(&check(&["--format", "json"]));
    let s = &report["summary"];
    let (errors, warnings) = (s["errors"].as_u64().unwrap(), s["warnings"].as_u64().unwrap());
    let fails = |level: &str| check(&["--fail-on", level]).status.code();
    assert_eq!(fails("error"), Some(if errors > 0 { 1 } else { 0 }));
    assert_eq!(fails("warning"), Some(if errors + warnings > 0 { 1 } else { 0 }));
    assert_eq!(fails("note"), fails("info"));

    // A design with warnings and infos only: error passes, warning fails.
    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--format", "json"]);
    let r = json(&o);
    assert_eq!(r["summary"]["errors"], 0);
    assert!(r["summary"]["warnings"].as_u64().unwrap() > 0);
    assert_eq!(o.status.code(), Some(0));
    let o = harkje(&["check", "tests/fixtures/designs/small.json", "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_written_baseline_accepts_every_failing_finding_and_expires() {
    let dir = temp_dir("ci-baseline");
    let baseline = dir.join("baseline.json");
    let b = baseline.to_str().unwrap();
    let o = check(&[
        "--write-baseline",
        b,
        "--fail-on",
        "warning",
        "--reason",
        "known since the 2018 design",
        "--until",
        "2999-12-31",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written: Value = serde_json::from_str(&read(&baseline)).unwrap();
    assert_eq!(written["version"], 1);
    let entries = written["accepted"].as_array().unwrap();
    assert!(!entries.is_empty());
    for e in entries {
        assert_eq!(e["reason"], "known since the 2018 design");
        assert_eq!(e["until"], "2999-12-31");
        assert!(e["subject"].as_str().unwrap().contains('/') || e["subject"] == "design");
    }

    // With the baseline, nothing fails, and the report says how much was accepted.
    let o = check(&["--baseline", b, "--fail-on", "warning", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let r = json(&o);
    assert_eq!(r["summary"]["errors"], 0);
    assert_eq!(r["summary"]["warnings"], 0);
    assert!(r["summary"]["suppressed"].as_u64().unwrap() >= entries.len() as u64);
    let text = stdout(&check(&["--baseline", b]));
    assert!(text.contains("accepted by the baseline"), "{text}");

    // An expired entry suppresses nothing and is itself reported.
    let mut expired = written.clone();
    let first = expired["accepted"][0].clone();
    expired["accepted"][0]["until"] = "2001-01-01".into();
    let old = dir.join("expired.json");
    fs::write(&old, serde_json::to_string_pretty(&expired).unwrap()).unwrap();
    let o = check(&["--baseline", old.to_str().unwrap(), "--format", "json"]);
    let r = json(&o);
    let ds = r["diagnostics"].as_array().unwrap();
    let expired_finding = ds.iter().find(|d| d["rule"] == "baseline-entry-expired").unwrap();
    assert_eq!(expired_finding["code"], "HK0001");
    assert_eq!(expired_finding["severity"], "warning");
    assert_eq!(expired_finding["subject"], first["subject"]);
    assert!(ds.iter().any(|d| d["rule"] == first["rule"] && d["subject"] == first["subject"]), "not reported again");
    assert_eq!(o.status.code(), Some(if first_is_error(&r, &first) { 1 } else { 0 }));

    // An entry that matches nothing is reported as unused.
    let mut unused = written.clone();
    unused["accepted"].as_array_mut().unwrap().push(serde_json::json!({
        "rule": "span-too-wide", "subject": "posts/nobody", "reason": "r", "until": "2999-01-01"
    }));
    let path = dir.join("unused.json");
    fs::write(&path, serde_json::to_string(&unused).unwrap()).unwrap();
    let r = json(&check(&["--baseline", path.to_str().unwrap(), "--format", "json"]));
    assert!(
        r["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "HK0002" && d["subject"] == "posts/nobody")
    );

    // Rewriting the baseline keeps the reasons and end dates it had, also an expired one.
    let again = dir.join("again.json");
    let o = check(&[
        "--baseline",
        old.to_str().unwrap(),
        "--write-baseline",
        again.to_str().unwrap(),
        "--fail-on",
        "warning",
    ]);
    assert!(o.status.code().is_some());
    let rewritten: Value = serde_json::from_str(&read(&again)).unwrap();
    assert_eq!(rewritten["accepted"][0]["until"], "2001-01-01");
}

fn first_is_error(report: &Value, entry: &Value) -> bool {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == entry["rule"] && d["subject"] == entry["subject"] && d["severity"] == "error")
}

#[test]
fn a_wildcard_entry_accepts_every_subject_of_a_rule() {
    let dir = temp_dir("ci-wildcard");
    let path = dir.join("b.json");
    fs::write(
        &path,
        r#"{"version": 1, "accepted": [{"rule": "HK0102", "subject": "*", "reason": "the line is filled in next", "until": "2999-01-01"}]}"#,
    )
    .unwrap();
    let r = json(&check(&["--baseline", path.to_str().unwrap(), "--format", "json"]));
    assert!(r["diagnostics"].as_array().unwrap().iter().all(|d| d["code"] != "HK0102"));
    assert!(r["summary"]["suppressed"].as_u64().unwrap() > 0);
}

#[test]
fn a_bad_baseline_is_refused_with_its_place() {
    let dir = temp_dir("ci-bad-baseline");
    let cases = [
        (
            r#"{"version": 1, "accepted": [{"rule": "span-to-wide", "subject": "posts/a", "reason": "r", "until": "2030-01-01"}]}"#,
            "did you mean `span-too-wide`?",
        ),
        (
            r#"{"version": 1, "accepted": [{"rule": "span-too-wide", "subject": "posts/a", "reason": "", "until": "2030-01-01"}]}"#,
            "the reason is empty",
        ),
        (
            r#"{"version": 1, "accepted": [{"rule": "span-too-wide", "subject": "posts/a", "reason": "r", "until": "2030-01-01T12:00"}]}"#,
            "is not a date like",
        ),
        (
            "{\"version\": 1,\n \"accepted\": [{\"rule\": \"span-too-wide\", \"subject\": \"posts/a\", \"reason\": \"r\"}]}",
            ":2:",
        ),
        (r#"{"version": 2, "accepted": []}"#, "version 2 is not supported"),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let path = dir.join(format!("b{i}.json"));
        fs::write(&path, text).unwrap();
        let o = check(&["--baseline", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    }
}

#[test]
fn sarif_is_a_2_1_0_log_with_rules_results_and_lines() {
    let o = check(&["--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let log = json(&o);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "harkje");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "HK0202" && r["name"] == "span-too-wide"));
    let results = run["results"].as_array().unwrap();
    let report = json(&check(&["--format", "json"]));
    assert_eq!(results.len(), report["diagnostics"].as_array().unwrap().len());
    for r in results {
        let level = r["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let loc = &r["locations"][0];
        assert_eq!(loc["physicalLocation"]["artifactLocation"]["uri"], DESIGN);
        assert!(loc["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(r["partialFingerprints"].as_object().unwrap().len() == 1);
    }
    // A post's finding points at the line of its key.
    let design = read(&root().join(DESIGN));
    let post = results
        .iter()
        .find(|r| {
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].as_str().unwrap().starts_with("posts/")
        })
        .unwrap();
    let subject = post["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].as_str().unwrap();
    let line = post["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() as usize;
    let key = subject.strip_prefix("posts/").unwrap();
    assert!(design.lines().nth(line - 1).unwrap().contains(&format!("\"key\": \"{key}\"")));
}

#[test]
fn github_annotations_are_one_workflow_command_per_finding() {
    let o = check(&["--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let report = json(&check(&["--format", "json"]));
    let n = report["diagnostics"].as_array().unwrap().len();
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), n);
    for c in &commands {
        assert!(
            c.starts_with("::error file=") || c.starts_with("::warning file=") || c.starts_with("::notice file="),
            "{c}"
        );
        assert!(c.contains(&format!("file={DESIGN},")), "{c}");
        // A post is annotated at the line of its key; the design as a whole has no line.
        assert_eq!(c.contains("::posts/"), c.contains(",line="), "{c}");
        assert!(c.contains(",title=HK"), "{c}");
        // A workflow command is one line: newlines in the message are escaped.
        assert!(!c.contains('\r'));
    }
    assert!(out.lines().last().unwrap().contains("errors"), "{out}");
}

#[test]
fn control_characters_in_keys_are_escaped_in_text() {
    let dir = temp_dir("ci-control");
    let csv = dir.join("posts.csv");
    fs::write(&csv, "id,parent_id\n\"a\x1b[2Jb\",\nc,\"a\x1b[2Jb\"\nd,\"x\x07y\"\n").unwrap();
    let o = harkje(&["metrics", csv.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("a\\u{1b}[2Jb"), "{text}");
    assert!(text.contains("x\\u{7}y"), "{text}");
    // Error messages quote user input the same way.
    let o = harkje(&["rules", "span\x1b[2J"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains('\x1b') && stderr(&o).contains("span\\u{1b}[2J"), "{:?}", stderr(&o));
    // JSON keeps the key as it is, escaped as JSON escapes it.
    let o = harkje(&["metrics", csv.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["top_posts"][0], "a\x1b[2Jb");
}

#[test]
fn misspelt_names_get_a_suggestion() {
    let o = harkje(&["rules", "span-to-wide"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `span-too-wide`?"), "{}", stderr(&o));
    let o = harkje(&["check", DESIGN, "--policy", "almelo-2108"]);
    assert!(stderr(&o).contains("did you mean `almelo-2018`?"), "{}", stderr(&o));
    let dir = temp_dir("ci-hooft");
    let design = dir.join("d.json");
    fs::write(&design, read(&root().join(DESIGN)).replacen("\"role\": \"hoofd\"", "\"role\": \"hooft\"", 1)).unwrap();
    let o = harkje(&["check", design.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("role `hooft`, which is neither a built-in role nor in `roles`; did you mean `hoofd`?"),
        "{}",
        stderr(&o)
    );
}
