//! Data-driven transition cases: a folder per case, with the JSON report as its snapshot.
//!
//! Every folder under `tests/fixtures/transition/cases/<name>/` holds:
//!
//! - `old.json` and `new.json`, the two designs;
//! - `input.toml`, the transition input (may be just `version = 1`);
//! - the statute: `statute.toml`, or a one-line `preset` file naming a preset,
//!   or neither for `cao-gemeenten-2020`;
//! - optionally a `README.md` saying what the case shows.
//!
//! The case runs the whole transition, and its JSON report is the snapshot
//! `snapshots/transition_cases/<name>.snap`. Add a case by adding a folder and
//! running `INSTA_UPDATE=always cargo test --test it transition_cases`; review
//! the new snapshot before you accept it.
//!
//! The folders under `tests/fixtures/transition/procedure/<rule-name>/` are the
//! same kind of case, one per procedure finding (`HK09xx`): each must give its
//! finding, and the catalogue's meta-test checks that every code has one.

use std::path::{Path, PathBuf};

use harkje::transition::procedure::codes;
use harkje::transition::{Statute, TransitionInput, TransitionReport, transition};

use crate::support::{fixture, read};

/// The statute of a case when its folder names none.
pub(crate) const DEFAULT_PRESET: &str = "cao-gemeenten-2020";

/// The case folders under a fixture folder, in name order.
pub(crate) fn case_dirs(under: &str) -> Vec<PathBuf> {
    let root = fixture(under);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("read {}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The folder's name.
pub(crate) fn case_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// The statute of a case: `statute.toml`, else the preset named in `preset`, else the default.
fn statute(dir: &Path) -> Statute {
    let file = dir.join("statute.toml");
    let preset = dir.join("preset");
    assert!(!(file.exists() && preset.exists()), "{}: give `statute.toml` or `preset`, not both", dir.display());
    if file.exists() {
        return Statute::from_toml(&read(&file)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    let name = if preset.exists() { read(&preset).trim().to_owned() } else { DEFAULT_PRESET.to_owned() };
    Statute::preset(&name).unwrap_or_else(|| panic!("{}: no statute preset `{name}`", preset.display()))
}

/// Runs one case folder's transition.
pub(crate) fn run(dir: &Path) -> TransitionReport {
    let design = |name: &str| {
        let path = dir.join(name);
        harkje::format::from_json_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let input_path = dir.join("input.toml");
    let input =
        TransitionInput::from_toml(&read(&input_path)).unwrap_or_else(|e| panic!("{}: {e}", input_path.display()));
    transition(&design("old.json"), &design("new.json"), &statute(dir), &input)
        .unwrap_or_else(|e| panic!("{}: the transition is refused: {e}", dir.display()))
}

/// Runs every case under a fixture folder and snapshots its JSON report as
/// `<prefix><name>`; returns each case's name and report for further checks.
pub(crate) fn snapshot_all(under: &str, prefix: &str) -> Vec<(String, TransitionReport)> {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/transition_cases");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        case_dirs(under)
            .into_iter()
            .map(|dir| {
                let name = case_name(&dir);
                let report = run(&dir);
                insta::assert_snapshot!(format!("{prefix}{name}"), report.to_json());
                (name, report)
            })
            .collect()
    })
}

#[test]
fn every_transition_case_matches_its_snapshot() {
    let cases = snapshot_all("transition/cases", "");
    assert!(!cases.is_empty(), "no case folders under tests/fixtures/transition/cases");
}

#[test]
fn every_case_folder_has_its_files_and_nothing_unknown() {
    let known = ["old.json", "new.json", "input.toml", "statute.toml", "preset", "README.md"];
    for under in ["transition/cases", "transition/procedure"] {
        for dir in case_dirs(under) {
            for required in ["old.json", "new.json", "input.toml"] {
                assert!(dir.join(required).exists(), "{}: no `{required}`", dir.display());
            }
            for entry in std::fs::read_dir(&dir).unwrap() {
                let file = entry.unwrap().file_name().to_string_lossy().into_owned();
                assert!(known.contains(&file.as_str()), "{}: unknown file `{file}`; known: {known:?}", dir.display());
            }
        }
    }
}

/// The style of a procedure finding (STYLE.md): as for the design rules, except
/// that the help is optional.
fn assert_procedure_style(d: &harkje::diagnostic::Diagnostic) {
    let m = &d.message;
    assert!(!m.starts_with(char::is_uppercase) && !m.ends_with('.'), "{}: message style: {m}", d.code);
    for bad in ["Some(", "None", "::", "Option<", "Vec<"] {
        assert!(!m.contains(bad), "{}: message shows a Rust name `{bad}`: {m}", d.code);
    }
    if let Some((_, key)) = d.subject.split_once('/') {
        assert!(m.contains(&format!("`{key}`")), "{}: message does not name `{key}` in backticks: {m}", d.code);
    }
    assert_eq!(m.matches('`').count() % 2, 0, "{}: unbalanced backticks: {m}", d.code);
    if let Some(help) = &d.help {
        assert!(!help.starts_with(char::is_uppercase) && !help.ends_with('.'), "{}: help style: {help}", d.code);
    }
}

#[test]
fn every_procedure_code_fires_on_its_own_case_and_nothing_else() {
    let cases = snapshot_all("transition/procedure", "procedure__");
    let names: Vec<&str> = cases.iter().map(|(name, _)| name.as_str()).collect();
    let expected: Vec<&str> = {
        let mut v: Vec<&str> = codes::ALL.iter().map(|c| c.name).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(names, expected, "one case folder per procedure code, named after it");
    for (name, report) in &cases {
        let code = codes::ALL.iter().find(|c| c.name == name).unwrap();
        assert!(!report.diagnostics.is_empty(), "{name}: finds nothing");
        for d in &report.diagnostics {
            assert_eq!((d.code.as_str(), d.rule.as_str()), (code.code, code.name), "{name}: found {d}");
            assert_eq!(d.severity, code.severity, "{name}: the catalogue says {}: {d}", code.severity);
            assert_procedure_style(d);
        }
        assert_eq!(report.has_errors(), code.severity == harkje::diagnostic::Severity::Error, "{name}");
        assert!(report.procedure_checked, "{name}: every case gives procedure dates");
    }
}

/// Every procedure finding is Dutch in the Dutch report (its message and its help, written
/// from the finding's facts) and English in the English one; the Dutch procedure sections
/// of all procedure cases are one snapshot.
#[test]
fn procedure_findings_speak_the_language_of_the_report() {
    use harkje::transition::Language;
    use harkje::transition::procedure::{help_in, message_in};
    let mut all = String::new();
    for dir in case_dirs("transition/procedure") {
        let report = run(&dir);
        assert!(!report.diagnostics.is_empty(), "{}", dir.display());
        for d in &report.diagnostics {
            let nl = message_in(d, Language::Dutch);
            assert_ne!(nl, d.message, "{}: `{}` has no Dutch message", dir.display(), d.code);
            assert!(!nl.contains('?'), "{}: a fact is missing from `{}`: {nl}", dir.display(), d.code);
            assert_eq!(message_in(d, Language::English), d.message);
            if let Some(help) = &d.help {
                assert_ne!(help_in(d, Language::Dutch).as_deref(), Some(help.as_str()), "{}", d.code);
            }
        }
        let text = report.to_text();
        let section = &text[text.find("\nProcedure\n").unwrap()..];
        for d in &report.diagnostics {
            assert!(section.contains(&message_in(d, Language::Dutch)), "{section}");
            assert!(!section.contains(&d.message), "English in the Dutch report: {section}");
        }
        let english = report.to_text_in(Language::English);
        assert!(report.diagnostics.iter().all(|d| english.contains(&d.message)), "{english}");
        all.push_str(&format!("== {}\n{}\n", case_name(&dir), section.trim()));
    }
    insta::assert_snapshot!("procedure_findings_in_dutch", all);
}
