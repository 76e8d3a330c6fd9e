//! The pages `docs/transition-input.md` and `docs/statute.md` cannot drift from
//! the readers: every key a reader accepts is in the page's table and nothing
//! else is, the statute's preset columns are the presets' values, the examples
//! load (the complete transition input runs on Klein-Oord and shows every key),
//! and the commands shown print what the page says.
//!
//! The keys come from the readers themselves: an unknown key in a table makes
//! the reader list the keys it accepts there, so a key added to a reader and
//! not to its page fails here by name.

use std::collections::BTreeSet;

use harkje::format::from_json;
use harkje::problem::LoadError;
use harkje::transition::{PRESETS, Statute, TransitionInput, transition};

use crate::support::{fixture, harkje, read, root, stderr, stdout};

const PROBE: &str = "zz_probe";

/// The keys a reader accepts in the table that `header` opens (empty: the top
/// level), from its error on an unknown key; `None` when the table takes any key.
fn accepted(parse: &dyn Fn(&str) -> Result<(), LoadError>, prefix: &str, header: &str) -> Option<Vec<String>> {
    let text = format!("{prefix}{header}\n{PROBE} = 1\n");
    let message = parse(&text).err()?.to_string();
    let line = message.lines().find(|l| l.contains(&format!("unknown field `{PROBE}`")))?;
    let (_, expected) = line.split_once("expected")?;
    Some(expected.split('`').skip(1).step_by(2).map(str::to_owned).collect())
}

/// Every key a reader accepts, as dotted paths (`procedure.decision`,
/// `mapping.old`); a table that takes any key (`placement_dates`) is one path.
fn leaf_keys(parse: &dyn Fn(&str) -> Result<(), LoadError>, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo: Vec<String> = accepted(parse, prefix, "").expect("the top level lists its keys");
    while let Some(key) = todo.pop() {
        let sub =
            accepted(parse, prefix, &format!("[{key}]")).or_else(|| accepted(parse, prefix, &format!("[[{key}]]")));
        match sub {
            Some(keys) if !keys.is_empty() => todo.extend(keys.into_iter().map(|k| format!("{key}.{k}"))),
            _ => {
                out.insert(key);
            }
        }
    }
    out
}

fn input_keys() -> BTreeSet<String> {
    leaf_keys(&|t: &str| TransitionInput::from_toml(t).map(|_| ()), "version = 1\n")
}

fn statute_keys() -> BTreeSet<String> {
    leaf_keys(&|t: &str| Statute::from_toml(t).map(|_| ()), "")
}

/// The rows of the Markdown tables of a page whose first header cell is `key`,
/// each as its cells (trimmed), with the header row first.
fn key_table(page: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in page.lines() {
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<String> = line.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect();
        if !in_table {
            in_table = cells.first().is_some_and(|c| c == "key");
            if in_table && rows.is_empty() {
                rows.push(cells);
            }
            continue;
        }
        if line.chars().all(|ch| matches!(ch, '|' | '-' | ':' | ' ')) {
            continue;
        }
        rows.push(cells);
    }
    assert!(rows.len() > 1, "the page has no table of keys");
    rows
}

/// A cell that is one value in backticks, without them.
fn literal(cell: &str) -> Option<&str> {
    let inner = cell.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.contains('`')).then_some(inner)
}

fn documented(rows: &[Vec<String>]) -> BTreeSet<String> {
    rows[1..]
        .iter()
        .map(|r| literal(&r[0]).unwrap_or_else(|| panic!("the key `{}` is not in backticks", r[0])).to_owned())
        .collect()
}

fn assert_same_keys(page: &str, documented: &BTreeSet<String>, accepted: &BTreeSet<String>) {
    let missing: Vec<&String> = accepted.difference(documented).collect();
    let unknown: Vec<&String> = documented.difference(accepted).collect();
    assert!(missing.is_empty(), "{page} does not document the keys {missing:?}");
    assert!(unknown.is_empty(), "{page} documents keys the reader does not accept: {unknown:?}");
}

/// The fenced blocks of a page with the given info string.
fn blocks(page: &str, info: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in page.lines() {
        match (open.as_mut(), line.strip_prefix("```")) {
            (None, Some(i)) => open = Some((i.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => {
                if let Some((i, body)) = open.take()
                    && i == info
                {
                    out.push(body);
                }
            }
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// Runs the `harkje` commands of a page's console blocks and compares what
/// they print (standard output, then standard error) and `echo $?`.
fn assert_console_blocks_run_as_shown(page_name: &str, page: &str) {
    let mut ran = 0;
    for block in blocks(page, "console") {
        let joined = block.replace("\\\n", " ");
        let mut lines = joined.lines().peekable();
        let mut last_code = None;
        while let Some(line) = lines.next() {
            let command = line.strip_prefix("$ ").unwrap_or_else(|| panic!("{page_name}: not a command: {line}"));
            let mut shown = String::new();
            while let Some(next) = lines.peek().filter(|l| !l.starts_with("$ ")) {
                shown.push_str(next);
                shown.push('\n');
                lines.next();
            }
            if command == "echo $?" {
                assert_eq!(Some(shown.trim().parse::<i32>().unwrap()), last_code, "{page_name}: the exit code");
                continue;
            }
            let args: Vec<&str> =
                command.strip_prefix("harkje ").expect("a harkje command").split_whitespace().collect();
            let o = harkje(&args);
            assert_eq!(format!("{}{}", stdout(&o), stderr(&o)), shown, "{page_name}: `{command}` prints otherwise");
            last_code = o.status.code();
            ran += 1;
        }
    }
    assert!(ran > 0, "{page_name} runs no command");
}

// ----- the transition input --------------------------------------------------

#[test]
fn the_transition_input_page_lists_every_key_and_no_other() {
    let page = read(&root().join("docs/transition-input.md"));
    let rows = key_table(&page);
    assert_eq!(rows[0], ["key", "type", "default", "meaning"]);
    let keys = input_keys();
    assert!(keys.contains("procedure.decision") && keys.contains("mapping.overlap"), "{keys:?}");
    assert!(keys.contains("placement_dates") && keys.contains("renames.posts"), "{keys:?}");
    assert_same_keys("docs/transition-input.md", &documented(&rows), &keys);
    for r in &rows[1..] {
        assert!(r.len() == 4 && r.iter().all(|c| !c.is_empty()), "a row with an empty cell: {r:?}");
    }
}

#[test]
fn the_complete_transition_input_runs_and_shows_every_key() {
    let page = read(&root().join("docs/transition-input.md"));
    let example = &page[page.find("## A complete example").unwrap()..];
    let text = blocks(example, "toml").into_iter().next().expect("a toml block");
    let input = TransitionInput::from_toml(&text).unwrap_or_else(|e| panic!("the complete example: {e}"));
    // Every key of the table is written in the example: `key =` in its table.
    let mut table = String::new();
    let mut written = BTreeSet::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(h) = line.strip_prefix('[') {
            table = h.trim_matches(['[', ']']).to_owned();
            written.insert(table.clone());
        } else if let Some((k, _)) = line.split_once('=') {
            let k = k.trim().trim_matches('"');
            written.insert(if table.is_empty() { k.to_owned() } else { format!("{table}.{k}") });
        }
    }
    // `pseudonym_salt` is still read, only to refuse it with a migration note: the page's table
    // says so, and the example does not teach it.
    let missing: Vec<String> =
        input_keys().into_iter().filter(|k| k != "pseudonym_salt" && !written.contains(k)).collect();
    assert!(missing.is_empty(), "the complete example does not show {missing:?}");
    // Its references hold on Klein-Oord, whose input it is.
    let design = |name: &str| from_json(read(&fixture(&format!("transition/{name}"))).as_bytes()).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let report = transition(&design("old.json"), &design("new.json"), &statute, &input)
        .unwrap_or_else(|e| panic!("the complete example on Klein-Oord: {e}"));
    assert!(report.procedure_checked);
}

#[test]
fn the_transition_input_is_documented_in_rustdoc_and_points_to_the_page() {
    let source = read(&root().join("src/transition/input.rs"));
    let docs = &source[..source.find("pub struct TransitionInput").unwrap()];
    let docs = &docs[docs.rfind("\n\n").unwrap()..];
    assert!(docs.contains("docs/transition-input.md"), "the rustdoc of `TransitionInput` does not name the page");
    assert!(docs.contains("TransitionInput::from_toml"), "the rustdoc of `TransitionInput` shows no file");
}

#[test]
fn the_transition_input_page_shows_real_output() {
    assert_console_blocks_run_as_shown("docs/transition-input.md", &read(&root().join("docs/transition-input.md")));
}

// ----- the statute ------------------------------------------------------------

/// A statute with only the required keys.
const MINIMAL: &str = "threshold = 0.3\nregime = \"car-uwo\"\nselection = \"afspiegeling\"\n";

/// Whether a cell states a value: numbers by value, anything else as text.
fn same_value(cell: &str, value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Number(n) => cell.parse::<f64>().ok() == n.as_f64(),
        serde_json::Value::Bool(b) => cell == b.to_string(),
        serde_json::Value::String(s) => cell == s,
        _ => false,
    }
}

#[test]
fn the_statute_page_lists_every_parameter_with_each_preset_value() {
    let page = read(&root().join("docs/statute.md"));
    let rows = key_table(&page);
    let header = &rows[0];
    assert_eq!(&header[..3], ["key", "type and range", "default"]);
    assert_eq!(header.last().map(String::as_str), Some("where it comes from"));
    assert_same_keys("docs/statute.md", &documented(&rows), &statute_keys());

    // One column per preset, each value the preset's own.
    let columns: Vec<&str> = header[3..header.len() - 1].iter().map(|c| literal(c).unwrap()).collect();
    assert_eq!(columns, PRESETS, "one column per statute preset, in order");
    let minimal = serde_json::to_value(Statute::from_toml(MINIMAL).unwrap()).unwrap();
    let required: Vec<&str> = MINIMAL.lines().filter_map(|l| l.split_once(" =").map(|(k, _)| k)).collect();
    let mut compared = 0;
    for r in &rows[1..] {
        assert_eq!(r.len(), header.len(), "{r:?}");
        assert!(r.iter().all(|c| !c.is_empty()), "a row with an empty cell: {r:?}");
        let key = literal(&r[0]).unwrap();
        // The default: `required` for the required keys, else the value a statute gets without the key.
        if r[2] == "required" {
            assert!(required.contains(&key), "`{key}` is not required");
            let without: String = MINIMAL.lines().filter(|l| !l.starts_with(key)).map(|l| format!("{l}\n")).collect();
            assert!(Statute::from_toml(&without).is_err(), "a statute without `{key}` loads");
        } else if let Some(v) = literal(&r[2]) {
            assert!(same_value(v, &minimal[key]), "the default of `{key}` is {}, not {v}", minimal[key]);
            compared += 1;
        }
        for (preset, cell) in columns.iter().zip(&r[3..]) {
            let value = serde_json::to_value(Statute::preset(preset).unwrap()).unwrap();
            if let Some(v) = literal(cell) {
                assert!(same_value(v, &value[key]), "`{preset}` has `{key}` = {}, the page says {v}", value[key]);
                compared += 1;
            }
        }
    }
    assert!(compared >= 30, "only {compared} values compared");
}

#[test]
fn the_statute_page_examples_load_and_its_command_prints_what_it_shows() {
    let page = read(&root().join("docs/statute.md"));
    let examples = blocks(&page, "toml");
    assert!(!examples.is_empty());
    for text in examples {
        Statute::from_toml(&text).unwrap_or_else(|e| panic!("docs/statute.md example: {e}\n{text}"));
    }
    assert_console_blocks_run_as_shown("docs/statute.md", &page);
}

#[test]
fn the_reorganisation_page_links_both_pages_at_its_top() {
    let page = read(&root().join("docs/reorganisation.md"));
    let top: String = page.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(top.contains("(transition-input.md)") && top.contains("(statute.md)"), "{top}");
}
