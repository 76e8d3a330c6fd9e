//! The one output convention of every command: a full disk exits 2, a closed pipe is quiet,
//! a closed stderr does not panic, `-o` never overwrites an input or leaves half a file,
//! and `-o -` is standard output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{harkje, read, root, stderr, stdout, temp_dir};

const SMALL: &str = "tests/fixtures/designs/small.json";
const OLD: &str = "examples/data/almelo-2018/old.json";
const NEW: &str = "examples/data/almelo-2018/new.json";
const FUNCTIONS: &str = "examples/data/almelo-2018/transition.toml";
const SENIOR: &str = "examples/data/uk-organogram/appointments_commission-2011-03-31-senior.csv";
const JUNIOR: &str = "examples/data/uk-organogram/appointments_commission-2011-03-31-junior.csv";
const HR_CSV: &str = "examples/data/hr-export/formatie.csv";
const HR_MAPPING: &str = "examples/data/hr-export/mapping.toml";

/// Every command, writing its output to standard output.
fn every_command() -> Vec<Vec<&'static str>> {
    vec![
        vec!["metrics", SMALL],
        vec!["metrics", SMALL, "--format", "json"],
        vec!["check", SMALL],
        vec!["check", SMALL, "--format", "json"],
        vec!["rules"],
        vec!["rules", "span-too-wide"],
        vec!["rules", "--format", "json"],
        vec!["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", FUNCTIONS],
        vec!["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", FUNCTIONS, "--format", "csv"],
        vec!["diff", OLD, NEW],
        vec!["diff", OLD, NEW, "--format", "json"],
        vec!["import", "uk-organogram", SENIOR, JUNIOR, "-o", "-"],
        vec!["import", "csv", HR_CSV, "--mapping", HR_MAPPING, "-o", "-"],
        vec!["export", SMALL, "--format", "org-turtle"],
        vec!["export", SMALL, "--to", "popolo"],
        vec!["render", SMALL, "--format", "svg"],
        vec!["render", SMALL, "--to", "dot"],
    ]
}

fn run_with(args: &[&str], stdout: impl Into<Stdio>, stderr: impl Into<Stdio>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(args)
        .current_dir(root())
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .unwrap()
}

/// What the command exits with when all goes well.
fn normal_exit(args: &[&str]) -> Option<i32> {
    harkje(args).status.code()
}

#[test]
fn a_full_disk_exits_2_on_every_command() {
    for args in every_command() {
        let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let o = run_with(&args, full, Stdio::piped());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("error: cannot write to standard output"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_closed_pipe_is_quiet_on_every_command() {
    for args in every_command() {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = run_with(&args, writer, Stdio::piped());
        assert_eq!(o.status.code(), normal_exit(&args), "{args:?}: {}", stderr(&o));
        // The import writes its summary on stderr; nothing else may be said.
        if args[0] != "import" {
            assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
        }
    }
}

#[test]
fn a_closed_stderr_does_not_panic() {
    for args in [
        vec!["metrics", "tests/fixtures/no-such-design.json"],
        vec!["check", SMALL, "--policy", "no-such-policy"],
        vec!["import", "csv", HR_CSV, "--mapping", HR_MAPPING, "-o", "-"],
        vec!["import", "uk-organogram", SENIOR, JUNIOR, "-o", "-"],
        vec!["render", "--format", "nope", SMALL],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = run_with(&args, Stdio::null(), writer);
        assert_ne!(o.status.code(), Some(101), "{args:?} panicked");
        assert_eq!(o.status.code(), normal_exit(&args), "{args:?}");
    }
}

#[test]
fn output_dash_is_standard_output() {
    let dir = temp_dir("cli-output-dash");
    let o = Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(["render", &root().join(SMALL).display().to_string(), "--format", "mermaid", "-o", "-"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("---\ntitle:") || stdout(&o).contains("flowchart"), "{}", stdout(&o));
    assert!(!dir.join("-").exists(), "`-o -` made a file named `-`");
}

#[test]
fn every_command_writes_a_file_with_o() {
    let dir = temp_dir("cli-output-file");
    for args in every_command() {
        let out = dir.join("out");
        let _ = fs::remove_file(&out);
        let mut args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        match args.iter().position(|a| a == "-o") {
            Some(i) => args[i + 1] = out.display().to_string(),
            None => args.extend(["-o".to_owned(), out.display().to_string()]),
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = harkje(&args);
        assert_eq!(o.status.code(), normal_exit(&args), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?} wrote to stdout as well");
        assert!(!read(&out).is_empty(), "{args:?}");
        let leftovers: Vec<PathBuf> =
            fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p != &out).collect();
        assert!(leftovers.is_empty(), "{args:?} left {leftovers:?}");
    }
}

#[test]
fn replacing_a_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("cli-output-permissions");
    let out = dir.join("small.ttl");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    let o = harkje(&["export", SMALL, "--format", "org-turtle", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&out).contains("org:Organization"));
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
}

/// A copy of a fixture in a scratch directory, so that a test may try to overwrite it.
fn copy(dir: &Path, from: &str) -> PathBuf {
    let to = dir.join(Path::new(from).file_name().unwrap());
    fs::copy(root().join(from), &to).unwrap();
    to
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = temp_dir("cli-output-is-input");
    let design = copy(&dir, SMALL);
    let old = copy(&dir, OLD);
    let senior = copy(&dir, SENIOR);
    let csv = copy(&dir, HR_CSV);
    let mapping = copy(&dir, HR_MAPPING);
    let flat = dir.join("flat.csv");
    fs::write(&flat, "id,manager\n1,\n2,1\n").unwrap();
    fs::create_dir_all(dir.join("sub")).unwrap();
    let d = design.display().to_string();
    let other_spelling = dir.join("sub/../small.json").display().to_string();
    let link = dir.join("link.json");
    std::os::unix::fs::symlink(&design, &link).unwrap();
    let link = link.display().to_string();
    let (o, s, c, m, f) = (
        old.display().to_string(),
        senior.display().to_string(),
        csv.display().to_string(),
        mapping.display().to_string(),
        flat.display().to_string(),
    );
    let cases: Vec<(Vec<&str>, &Path)> = vec![
        (vec!["render", &d, "--format", "svg", "-o", &d], &design),
        (vec!["render", &d, "--format", "svg", "-o", &other_spelling], &design),
        (vec!["render", &d, "--format", "svg", "-o", &link], &design),
        (vec!["export", &d, "--format", "popolo", "-o", &d], &design),
        (vec!["metrics", &d, "-o", &d], &design),
        (vec!["metrics", &f, "--per-post", &f], &flat),
        (vec!["check", &d, "-o", &d], &design),
        (vec!["diff", &o, NEW, "-o", &o], &old),
        (vec!["transition", &o, NEW, "--statute", "almelo-2018", "-o", &o], &old),
        (vec!["import", "uk-organogram", &s, JUNIOR, "-o", &s], &senior),
        (vec!["import", "csv", &c, "--mapping", &m, "-o", &m], &mapping),
        (vec!["import", "csv", &c, "--mapping", &m, "-o", &c], &csv),
    ];
    for (args, input) in cases {
        let before = fs::read(input).unwrap();
        let out = harkje(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("is also an input"), "{args:?}: {}", stderr(&out));
        assert_eq!(fs::read(input).unwrap(), before, "{args:?} changed its input");
    }
    // The per-post file may not be the -o file either.
    let pp = dir.join("pp.csv").display().to_string();
    let out = harkje(&["metrics", &f, "--per-post", &pp, "-o", &pp]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--per-post and -o both name"), "{}", stderr(&out));
}

/// Runs harkje with a file size limit of `blocks` 512-byte blocks, through `sh`.
fn with_file_size_limit(blocks: u32, ignore_signal: bool, args: &[&str]) -> Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    Command::new("sh")
        .arg("-c")
        .arg(format!("{trap}ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_harkje"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn an_interrupted_write_leaves_the_old_file() {
    let dir = temp_dir("cli-output-interrupted");
    let out = dir.join("de-bilt.svg");
    let old = "<svg>the complete picture of yesterday</svg>\n";
    fs::write(&out, old).unwrap();
    let args = ["render", "examples/data/de-bilt-2018/design.json", "--format", "svg", "-o", out.to_str().unwrap()];
    // Killed half-way (the file size limit's signal stops the process as Ctrl-C would).
    let o = with_file_size_limit(8, false, &args);
    assert_eq!(o.status.code(), None, "the write was meant to be cut off: {}", stderr(&o));
    assert_eq!(read(&out), old);
    // A killed process cannot clean up: its temporary file stays beside the target, named for it.
    for e in fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name != "de-bilt.svg" {
            assert!(name.starts_with(".de-bilt.svg.harkje-") && name.ends_with(".tmp"), "{name}");
            fs::remove_file(path).unwrap();
        }
    }
    // The write fails half-way (as on a full disk): exit 2, the old file, no leftovers.
    let o = with_file_size_limit(8, true, &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write `"), "{}", stderr(&o));
    assert_eq!(read(&out), old);
    let names: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, ["de-bilt.svg"]);
    // And without the limit, the whole picture replaces it.
    let o = harkje(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&out).len() > 8 * 512 && read(&out).ends_with("</svg>\n"));
}

#[test]
fn a_device_is_written_in_place() {
    let o = harkje(&["render", SMALL, "--format", "dot", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = harkje(&["render", SMALL, "--format", "dot", "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write `/dev/full`"), "{}", stderr(&o));
}

#[test]
fn the_old_flags_still_work() {
    let a = harkje(&["render", SMALL, "--to", "mermaid"]);
    let b = harkje(&["render", SMALL, "--format", "mermaid"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    let dir = temp_dir("cli-output-report-alias");
    let out = dir.join("d.json").display().to_string();
    let a = harkje(&["import", "uk-organogram", SENIOR, JUNIOR, "-o", &out, "--report", "json"]);
    let b = harkje(&["import", "uk-organogram", SENIOR, JUNIOR, "-o", &out, "--format", "json"]);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("\"faults\""), "{}", stdout(&a));
    // Hidden: the help names --format only.
    let help = stdout(&harkje(&["render", "--help"]));
    assert!(help.contains("--format") && !help.contains("--to"), "{help}");
}

#[test]
fn rules_as_json() {
    let o = harkje(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let rules = v["rules"].as_array().unwrap();
    // The design rules, then the transition procedure findings.
    let checks = rules.iter().filter(|r| r["kind"] == "check").count();
    assert_eq!(checks, harkje::check::rules::BUILTIN.len());
    assert_eq!(rules.len(), checks + harkje::transition::procedure::codes::ALL.len());
    assert!(rules.iter().all(|r| r.get("docs").is_none()));
    let o = harkje(&["rules", "HK0202", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rules"][0]["code"], "HK0202");
    assert!(v["rules"][0]["docs"].as_str().unwrap().contains("Complexity"));
}

#[test]
fn an_import_without_o_writes_the_design_to_standard_output() {
    let o = harkje(&["import", "csv", HR_CSV, "--mapping", HR_MAPPING]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(harkje::format::from_json(&o.stdout).is_ok());
    assert!(stderr(&o).contains("into standard output"), "{}", stderr(&o));
    let o = harkje(&["import", "uk-organogram", SENIOR, JUNIOR, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}
