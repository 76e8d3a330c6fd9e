//! Shell completions and the man page, generated from the clap definitions.

use crate::support::{harkje, stderr, stdout, temp_dir};

const COMMANDS: &[&str] =
    &["metrics", "check", "rules", "transition", "diff", "import", "export", "render", "completions", "man"];

#[test]
fn completions_are_written_for_bash_zsh_and_fish() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef harkje"), ("fish", "complete -c harkje")] {
        let o = harkje(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for c in COMMANDS {
            assert!(script.contains(c), "{shell}: the completions lack `{c}`");
        }
        // Options of subcommands are completed too.
        assert!(script.contains("fail-on"), "{shell}: no `--fail-on`");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = harkje(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_man_page_names_every_subcommand() {
    let o = harkje(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.starts_with(".ie") || page.contains(".TH harkje 1"), "{}", &page[..200.min(page.len())]);
    for c in COMMANDS {
        // roff escapes the hyphen: `harkje\-check(1)`.
        assert!(page.contains(&format!("harkje\\-{c}(1)")), "the man page does not name `{c}`");
    }
}

#[test]
fn the_man_pages_of_every_command_are_written_into_a_directory() {
    let dir = temp_dir("man-pages");
    let o = harkje(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for c in COMMANDS {
        let page = std::fs::read_to_string(dir.join(format!("harkje-{c}.1"))).unwrap();
        assert!(page.contains(".TH"), "{c}");
    }
    assert!(dir.join("harkje.1").is_file());
    assert!(dir.join("harkje-import-uk-organogram.1").is_file());
}
