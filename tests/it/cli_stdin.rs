//! `-` reads standard input wherever a command reads a design or a CSV.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use crate::support::{harkje, root, stderr, stdout};

const SMALL: &str = "tests/fixtures/designs/small.json";
const OLD: &str = "examples/data/almelo-2018/old.json";
const NEW: &str = "examples/data/almelo-2018/new.json";
const SENIOR: &str = "examples/data/uk-organogram/appointments_commission-2011-03-31-senior.csv";
const JUNIOR: &str = "examples/data/uk-organogram/appointments_commission-2011-03-31-junior.csv";
const HR_CSV: &str = "examples/data/hr-export/formatie.csv";
const HR_MAPPING: &str = "examples/data/hr-export/mapping.toml";

/// Runs the real binary with `input` on standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // A command that refuses early may close its end first; that is no failure of the test.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn file(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap()
}

#[test]
fn every_design_argument_reads_standard_input() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["metrics", "-"], SMALL),
        (vec!["metrics", "-", "--format", "json"], SMALL),
        (vec!["check", "-"], SMALL),
        (vec!["render", "-", "--format", "dot"], SMALL),
        (vec!["export", "-", "--format", "popolo"], SMALL),
        (vec!["diff", "-", NEW], OLD),
        (vec!["diff", OLD, "-", "--format", "json"], NEW),
        (vec!["transition", "-", NEW, "--statute", "almelo-2018"], OLD),
    ];
    for (args, input) in cases {
        let mut from_file = args.clone();
        let at = from_file.iter().position(|a| *a == "-").unwrap();
        from_file[at] = input;
        let expected = harkje(&from_file);
        let got = with_stdin(&args, &file(input));
        assert_eq!(got.status.code(), expected.status.code(), "{args:?}: {}", stderr(&got));
        // The text of `metrics` names its input; everything else is the same.
        let shown = stdout(&expected).replace(input, "<stdin>");
        assert_eq!(stdout(&got), shown, "{args:?}");
    }
}

#[test]
fn a_flat_csv_on_standard_input_is_told_from_a_design() {
    let o = with_stdin(&["metrics", "-", "--format", "json"], b"id,parent_id,fte\n1,,1\n2,1,1\n3,1,0.5\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["posts"], 3);
    assert_eq!(v["layers"], 2);
}

#[test]
fn a_bad_design_on_standard_input_is_named_stdin() {
    let o = with_stdin(&["check", "-"], b"{\n  \"version\": 1,\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<stdin>:"), "{}", stderr(&o));
}

#[test]
fn imports_read_standard_input() {
    let o = with_stdin(&["import", "csv", "-", "--mapping", HR_MAPPING], &file(HR_CSV));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let from_file = harkje(&["import", "csv", HR_CSV, "--mapping", HR_MAPPING]);
    // The design is named after the file when it has one.
    let design: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&stdout(&from_file)).unwrap();
    assert_eq!(design["posts"], expected["posts"]);

    let o = with_stdin(&["import", "uk-organogram", SENIOR, "-"], &file(JUNIOR));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let from_file = harkje(&["import", "uk-organogram", SENIOR, JUNIOR]);
    assert_eq!(stdout(&o), stdout(&from_file));
}

#[test]
fn standard_input_is_read_once() {
    for args in [vec!["diff", "-", "-"], vec!["import", "uk-organogram", "-", "-"]] {
        let o = with_stdin(&args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("can be read only once"), "{}", stderr(&o));
    }
}
