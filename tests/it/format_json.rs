//! The JSON design format: loading, canonical saving, located errors.

use harkje::format::{from_json, to_json};

use crate::support::{fixture, read};

#[test]
fn small_design_loads_and_round_trips_to_the_same_bytes() {
    let text = read(&fixture("designs/small.json"));
    let design = from_json(text.as_bytes()).unwrap();
    assert_eq!(design.posts().len(), 4);
    let saved = to_json(&design);
    let again = from_json(saved.as_bytes()).unwrap();
    assert_eq!(design, again);
    assert_eq!(saved, to_json(&again));
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
    let err = from_json(text.as_bytes()).unwrap_err();
    let shown: Vec<String> = err.problems.iter().map(|p| p.to_string()).collect();
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn the_published_schema_is_up_to_date() {
    let path = crate::support::root().join("schema/design.schema.json");
    let generated = harkje::format::json_schema();
    if std::env::var_os("HARKJE_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == generated,
        "schema/design.schema.json is out of date; regenerate it with `HARKJE_UPDATE_SCHEMA=1 cargo test the_published_schema_is_up_to_date`"
    );
}

fn problems(text: &[u8]) -> Vec<String> {
    from_json(text).unwrap_err().problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn an_unsupported_version_is_named() {
    assert_eq!(
        problems(br#"{"version": 7, "name": "x"}"#),
        ["1:13: /version: unsupported version 7; this harkje reads version 1"]
    );
    assert_eq!(problems(br#"{"name": "x"}"#), ["1:1: the field `version` is missing; this harkje reads version 1"]);
}

#[test]
fn garbage_bytes_and_bad_syntax_are_placed() {
    assert_eq!(
        problems(b"{\"version\": 1,\n \"name\": \"\xff\"}"),
        ["2:11: the file is not valid UTF-8: byte 0xff cannot start or continue a character"]
    );
    assert_eq!(problems(b"{\"version\": 1,\n \"name\": }"), ["2:10: invalid JSON: expected value"]);
    assert_eq!(problems(b""), ["1: invalid JSON: EOF while parsing a value"]);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{{\"version\": 1, \"name\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let p = problems(deep.as_bytes());
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("nested more than 128 levels"), "{p:?}");
}

#[test]
fn a_member_given_twice_is_not_silently_dropped() {
    let p = problems(b"{\"version\": 1, \"name\": \"a\",\n \"name\": \"b\"}");
    assert_eq!(p, ["2:2: /name: `name` is given twice in one object; give it once"]);
}

#[test]
fn units_placed_in_each_other_are_a_cycle() {
    let p = problems(
        br#"{"version": 1, "name": "x", "units": [
  {"key": "a", "name": "A", "kind": "eenheid", "parent": "b"},
  {"key": "b", "name": "B", "kind": "eenheid", "parent": "a"}
]}"#,
    );
    assert_eq!(p, ["2:58: /units/0/parent: units are placed in each other in a cycle: `a` in `b` in `a`"]);
}

#[test]
fn line_cycles_load_and_are_measured() {
    let d = from_json(
        br#"{"version": 1, "name": "x", "posts": [
  {"key": "a", "title": "A", "reports_to": "b"},
  {"key": "b", "title": "B", "reports_to": "a"},
  {"key": "c", "title": "C", "reports_to": "c"}
]}"#,
    )
    .unwrap();
    let m = harkje::measures::compute(&harkje::graph::LineTable::from_design(&d));
    assert_eq!(m.cycles, [vec!["a".to_owned(), "b".to_owned()], vec!["c".to_owned()]]);
}

#[test]
fn a_bad_element_does_not_make_its_references_dangle() {
    let p = problems(
        br#"{"version": 1, "name": "x", "posts": [
  {"key": "top"},
  {"key": "a", "title": "A", "reports_to": "top"}
]}"#,
    );
    assert_eq!(p, ["2:3: /posts/0: missing field `title`"]);
}

#[test]
fn empty_keys_and_control_characters_are_refused() {
    let p = problems(
        br#"{"version": 1, "name": "x", "posts": [{"key": " ", "title": "A"}, {"key": "a\u0007", "title": "B"}]}"#,
    );
    assert_eq!(
        p,
        [
            "1:47: /posts/0/key: a key may not be empty or only spaces",
            "1:75: /posts/1/key: the key \"a\\u{7}\" holds a control character; keys are names people type"
        ]
    );
    let mut d = harkje::Design::new("d");
    assert!(d.add_post(harkje::Post::new("", "A", "medewerker")).is_err());
}

#[test]
fn serde_messages_put_user_input_in_backticks() {
    let p = problems(br#"{"version": 1, "name": "x", "posts": [{"key": "a", "title": "A", "fte": "NaN"}]}"#);
    assert_eq!(p, ["1:73: /posts/0/fte: wrong value: invalid type: string `NaN`, expected a number"]);
}

/// The duplicate-member scan keeps a set per object: an object with many
/// members loads in linear time (160,000 members took 23 s when it searched a
/// list; this test would then run for minutes).
#[test]
fn an_object_with_many_members_is_scanned_in_linear_time() {
    let n = 120_000;
    let mut text = String::from(r#"{"version": 1, "name": "x", "posts": [{"key": "p", "title": "P""#);
    for i in 0..n {
        text.push_str(&format!(", \"m{i}\": 1"));
    }
    text.push_str(", \"m7\": 2}]}");
    let shown = problems(text.as_bytes());
    assert_eq!(shown.len(), n + 1);
    assert!(
        shown.iter().any(|p| p.ends_with("/posts/0/m7: `m7` is given twice in one object; give it once")),
        "{:?}",
        &shown[..3]
    );
}

/// Windows tools write a UTF-8 byte-order mark; it is skipped, and saving
/// does not write one, so save → load → save stays byte-identical.
#[test]
fn a_file_starting_with_a_byte_order_mark_loads() {
    let text = read(&fixture("designs/small.json"));
    let with_bom = format!("\u{feff}{text}");
    let design = from_json(with_bom.as_bytes()).unwrap();
    assert_eq!(design, from_json(text.as_bytes()).unwrap());
    let saved = to_json(&design);
    assert!(!saved.starts_with('\u{feff}'));
    assert_eq!(saved, to_json(&from_json(saved.as_bytes()).unwrap()));
    // Places are counted after the mark, as an editor shows them.
    assert_eq!(
        problems("\u{feff}{\"version\": 7, \"name\": \"x\"}".as_bytes()),
        ["1:13: /version: unsupported version 7; this harkje reads version 1"]
    );
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "{\"version\": 1}".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    assert_eq!(
        problems(&bytes),
        ["1:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"]
    );
}

/// Editors use `"$schema"` for completion: it is accepted, kept on save
/// (first, where editors put it) and allowed by the published schema.
#[test]
fn a_schema_address_is_kept_on_save() {
    let text =
        "{\n  \"$schema\": \"https://example.org/design.schema.json\",\n  \"version\": 1,\n  \"name\": \"x\"\n}\n";
    let design = from_json(text.as_bytes()).unwrap();
    assert_eq!(design.schema(), Some("https://example.org/design.schema.json"));
    assert_eq!(to_json(&design), text);
    assert_eq!(
        problems(br#"{"$schema": 3, "version": 1, "name": "x"}"#),
        ["1:13: /$schema: `$schema` must be a string: the address of a JSON Schema"]
    );
    let schema: serde_json::Value = serde_json::from_str(&harkje::format::json_schema()).unwrap();
    assert_eq!(schema["properties"]["$schema"]["type"], serde_json::json!(["string", "null"]));
}

/// A file of 4 MiB or more is read in two halves at once: it loads as its
/// bytes do, good or broken (a reference at its end to a post that is not
/// there is found, with its place), whatever its length.
#[test]
fn a_large_file_read_in_halves_loads_as_its_bytes() {
    let dir = std::env::temp_dir().join(format!("harkje-halves-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let posts: Vec<String> = (0..50_001)
        .map(|i| format!(r#"    {{"key": "p{i:06}", "title": "Medewerker {i}", "reports_to": "p000000", "fte": 0.8}}"#))
        .collect();
    let good = format!("{{\n  \"version\": 1,\n  \"name\": \"d\",\n  \"posts\": [\n{}\n  ]\n}}\n", posts.join(",\n"));
    let broken = good.replacen(
        r#""p050000", "title": "Medewerker 50000", "reports_to": "p000000""#,
        r#""p050000", "title": "Medewerker 50000", "reports_to": "nobody""#,
        1,
    );
    assert!(good.len() > 4 << 20 && broken != good);
    for (name, text) in [("good", good.clone()), ("odd", format!("{good} ")), ("broken", broken)] {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, &text).unwrap();
        match (harkje::format::from_json_file(&path), from_json(text.as_bytes())) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.problems, b.problems);
                assert!(a.to_string().contains("/posts/50000/reports_to"), "{a}");
            }
            (a, b) => panic!("{name}: {:?} against {:?}", a.is_ok(), b.is_ok()),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A design read through a named pipe cannot be read twice: a broken one is
/// reported from the bytes read once, with the place of its problem, and a
/// good one loads, as from a regular file.
#[cfg(unix)]
#[test]
fn a_design_through_a_pipe_is_read_once() {
    let dir = std::env::temp_dir().join(format!("harkje-fifo-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let broken = r#"{"version": 1, "name": "d", "posts": [{"key": "p", "title": "P", "reports_to": "nobody"}]}"#;
    let good = r#"{"version": 1, "name": "d", "posts": [{"key": "p", "title": "P"}]}"#;
    for (name, text) in [("broken", broken), ("good", good)] {
        let fifo = dir.join(name);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("no mkfifo here; skipped");
            return;
        }
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, text))
        };
        let loaded = harkje::format::from_json_file(&fifo);
        assert!(writer.join().is_ok_and(|w| w.is_ok()));
        let at_once = from_json(text.as_bytes());
        match (loaded, at_once) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => {
                assert_eq!(a.problems, b.problems);
                assert!(a.to_string().contains("/posts/0/reports_to"), "{a}");
            }
            (a, b) => panic!("{name}: {:?} against {:?}", a.is_ok(), b.is_ok()),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every appointment that names something missing is reported, person first, then post, in
/// file order, with a party named as the person called a party; an appointment given twice
/// is named; the good appointment is kept with the ids of its person and post.
#[test]
fn appointments_name_what_they_miss() {
    let text = br#"{
  "version": 1,
  "name": "Afspraken",
  "posts": [{"key": "gs", "title": "GS", "role": "gemeentesecretaris"}],
  "people": [{"key": "p1"}, {"key": "p2"}],
  "appointments": [
    {"person": "p1", "post": "gs"},
    {"person": "p9", "post": "gs"},
    {"person": "p2", "post": "nergens"},
    {"person": "niemand", "post": "ook-niet"},
    {"person": "college", "post": "gs"},
    {"person": "p1", "post": "gs"}
  ],
  "parties": [{"key": "college", "name": "College", "kind": "college"}]
}"#;
    insta::assert_snapshot!(problems(text).join("\n"));
    // Without the broken ones the design loads, the appointment to its person and post.
    let good = br#"{"version": 1, "name": "x", "posts": [{"key": "gs", "title": "GS"}],
 "people": [{"key": "p2"}, {"key": "p1"}], "appointments": [{"person": "p1", "post": "gs", "fte": 0.8}]}"#;
    let d = from_json(good).unwrap();
    let a = d.appointments().next().unwrap();
    assert_eq!((a.person, a.post, a.fte), (harkje::PersonId::from_key("p1"), harkje::PostId::from_key("gs"), 0.8));
    assert_eq!(d.people().map(|p| p.key.as_str()).collect::<Vec<_>>().len(), 2);
}

/// A file large enough to have its posts read in a pass of their own (over a megabyte)
/// reports an appointment to a missing post as a small file does.
#[test]
fn a_large_file_names_an_appointment_to_a_missing_post() {
    let mut text = String::from("{\"version\": 1, \"name\": \"groot\", \"posts\": [\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  {{\"key\": \"post-{i:05}\", \"title\": \"Medewerker\", \"role\": \"medewerker\"}}{}\n",
            if i + 1 < 20_000 { "," } else { "" }
        ));
    }
    text.push_str(
        "], \"people\": [{\"key\": \"p1\"}],\n \"appointments\": [{\"person\": \"p1\", \"post\": \"weg\"}]}\n",
    );
    assert!(text.len() > 1 << 20);
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with("/appointments/0/post: `post` refers to post `weg`, which is not in the design"),
        "{found:?}"
    );
}
