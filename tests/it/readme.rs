//! The README cannot rot: every command in its ```sh blocks runs here through
//! the real binary, in order, with the exit code it states (0 unless the line
//! says `# exits N`), and every ```text block right after a ```sh block must
//! match the output of that block's last command, standard output then
//! standard error (`…` lines skip any output).
//! Paths under `target/` are moved into a scratch directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use harkje::format::{from_json, to_json};

use crate::support::{read, root, temp_dir};

/// The fenced code blocks of a Markdown text, as (info string, content).
fn code_blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The commands of a ```sh block: continuation lines joined, as (words, expected exit code).
fn commands(block: &str) -> Vec<(Vec<String>, i32)> {
    let joined = block.replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines() {
        let (command, comment) = line.split_once('#').unwrap_or((line, ""));
        if command.trim().is_empty() {
            continue;
        }
        assert!(!command.contains(['"', '\'', '|', '>', '$']), "keep README commands plain: `{line}`");
        let code = comment.trim().strip_prefix("exits ").map_or(0, |n| n.trim().parse().unwrap());
        out.push((command.split_whitespace().map(str::to_owned).collect(), code));
    }
    out
}

/// Moves a `target/…` path into the scratch directory.
fn place(arg: &str, scratch: &Path) -> String {
    match arg.strip_prefix("target/") {
        Some(rest) => scratch.join(rest).display().to_string(),
        None => arg.to_owned(),
    }
}

/// Checks that the shown output's pieces (split at `…` lines) appear in the actual output, in order.
fn assert_shows(shown: &str, actual: &str, command: &str) {
    let mut rest = actual;
    for piece in shown.split("…\n") {
        let piece = piece.trim_start_matches('\n');
        if piece.is_empty() {
            continue;
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => {
                panic!("the README shows output of `{command}` that it does not print:\n{piece}\n--- actual:\n{actual}")
            }
        }
    }
}

/// Applies the README's edit to a file: the fragment's lines but the last,
/// without the comma that the edit adds, are replaced by the whole fragment.
fn apply_edit(path: &Path, fragment: &str) {
    let lines: Vec<&str> = fragment.lines().collect();
    let (added, kept) = lines.split_last().expect("an edit has lines");
    assert!(!kept.is_empty(), "an edit shows the lines it extends");
    let mut old = kept.join("\n");
    old = old.strip_suffix(',').unwrap_or(&old).to_owned();
    let new = format!("{}\n{added}", kept.join("\n"));
    let text = read(path);
    assert_eq!(text.matches(&old).count(), 1, "the README's edit must match one place in {}:\n{old}", path.display());
    std::fs::write(path, text.replacen(&old, &new, 1)).unwrap();
}

fn example_names() -> Vec<String> {
    let manifest = read(&root().join("Cargo.toml"));
    let mut names: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".rs").map(str::to_owned))
        .collect();
    names.extend(manifest.lines().filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"').map(str::to_owned)));
    names
}

#[test]
fn every_readme_command_runs_as_shown() {
    let readme = read(&root().join("README.md"));
    let scratch = temp_dir("readme");
    let scratch_text = format!("{}/", scratch.display());
    let examples = example_names();
    let mut last: Option<(String, String)> = None; // (command, output) of the last sh block
    let mut ran = 0;
    let mut edits = 0;
    for (info, body) in code_blocks(&readme) {
        match info.as_str() {
            "sh" => {
                last = None;
                for (words, code) in commands(&body) {
                    let line = words.join(" ");
                    let w: Vec<&str> = words.iter().map(String::as_str).collect();
                    match w.as_slice() {
                        ["mkdir", "-p", dir] => std::fs::create_dir_all(place(dir, &scratch)).unwrap(),
                        ["cp", from, to] => {
                            std::fs::copy(root().join(place(from, &scratch)), place(to, &scratch)).unwrap();
                        }
                        ["cargo", "test"] => {}
                        ["cargo", "run", "--example", name] => {
                            assert!(examples.iter().any(|e| e == name), "the README runs an unknown example `{name}`");
                        }
                        ["cargo", "run", "--", args @ ..] => {
                            let args: Vec<String> = args.iter().map(|a| place(a, &scratch)).collect();
                            let o: Output = Command::new(env!("CARGO_BIN_EXE_harkje"))
                                .args(&args)
                                .current_dir(root())
                                .output()
                                .unwrap();
                            // What a terminal shows: standard output, then standard error.
                            let out =
                                format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
                                    .replace(&scratch_text, "target/");
                            assert_eq!(
                                o.status.code(),
                                Some(code),
                                "`{line}` exits {:?}, the README says {code}\n{out}",
                                o.status.code()
                            );
                            for a in args.iter().filter(|a| a.starts_with(&scratch_text)) {
                                if w.contains(&"-o") && Some(a) == args.last() {
                                    assert!(PathBuf::from(a).exists(), "`{line}` did not write {a}");
                                }
                            }
                            ran += 1;
                            last = Some((line, out));
                        }
                        _ => panic!("the README command `{line}` is not covered by this test: add it here"),
                    }
                }
            }
            "text" => {
                if let Some((command, out)) = last.take() {
                    assert_shows(&body, &out, &command);
                }
            }
            "json" if body.starts_with('{') => {
                // Step 1: the design shown is the shipped tutorial design.
                let design = from_json(body.as_bytes()).unwrap();
                assert_eq!(to_json(&design), read(&root().join("examples/data/tutorial/design.json")));
            }
            "json" => {
                // Step 3: the fix, applied to the copy the tutorial works on.
                apply_edit(&scratch.join("tutorial/voorbeeldstad.json"), &body);
                edits += 1;
            }
            "rust,no_run" if body.starts_with("use harkje") => {
                let example = read(&root().join("examples/embed.rs"));
                assert!(example.ends_with(&body), "the README's Rust example is not examples/embed.rs");
            }
            _ => last = None,
        }
    }
    assert_eq!(edits, 1, "the tutorial's fix");
    assert!(ran >= 15, "only {ran} commands ran");
    // Step 5 drew the fixed design.
    assert!(read(&scratch.join("tutorial/voorbeeldstad.svg")).contains("<svg"));
}

/// Every command the program has appears in the README's command-line section.
#[test]
fn the_readme_lists_every_command() {
    let readme = read(&root().join("README.md"));
    let section = &readme[readme.find("## Command line").expect("a Command line section")..];
    for command in
        ["metrics", "check", "rules", "transition", "diff", "import uk-organogram", "import csv", "export", "render"]
    {
        assert!(section.contains(&format!("**`{command}`**")), "`{command}` has no entry");
        assert!(section.contains(&format!("cargo run -- {command} ")), "`{command}` has no example");
    }
    for example in ["de-bilt-2018", "almelo-2018", "amersfoort-2015", "hengelo-2021", "gemeente-2024"] {
        assert!(readme.contains(&format!("- `{example}`: ")), "the README does not describe the example `{example}`");
    }
}
