//! The Woo publication: the design file's contact details and TOOI
//! identifier, and the bundle `harkje publish woo` writes.

use harkje::format::{from_json, to_json};
use harkje::model::tooi_problem;

use crate::support::{fixture, harkje, read, stderr};

fn problems(text: &str) -> Vec<String> {
    from_json(text.as_bytes()).unwrap_err().problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn contact_details_and_identifier_round_trip_to_the_same_bytes() {
    let text = read(&fixture("publish/voorbeeld.json"));
    let design = from_json(text.as_bytes()).unwrap();
    assert_eq!(design.identifier(), Some("https://identifier.overheid.nl/tooi/id/gemeente/gm9999"));
    let kcc = design.units().find(|u| u.key == "burgerzaken").unwrap();
    let contact = kcc.contact.as_deref().unwrap();
    assert_eq!(contact.email.as_deref(), Some("burgerzaken@voorbeeld.example"));
    assert_eq!(contact.visiting_address.as_ref().unwrap().postcode, "9999 AA");
    assert!(design.units().find(|u| u.key == "sociaal").unwrap().contact.is_none());
    assert_eq!(to_json(&design), text, "the fixture is the canonical form");
    let again = from_json(to_json(&design).as_bytes()).unwrap();
    assert_eq!(design, again);
}

#[test]
fn a_malformed_identifier_is_named_with_its_line() {
    let text = "{\n  \"version\": 1,\n  \"name\": \"x\",\n  \"identifier\": \"https://identifier.overheid.nl/tooi/id/gemeente/gm141\"\n}";
    assert_eq!(
        problems(text),
        [
            "4:17: /identifier: `identifier` `https://identifier.overheid.nl/tooi/id/gemeente/gm141` is not a TOOI URI: a gemeente code is `gm` and 4 digits (the CBS code), not `gm141`"
        ]
    );
    let text = "{\"version\": 1, \"name\": \"x\", \"identifier\": 344}";
    assert_eq!(problems(text), ["1:43: /identifier: `identifier` must be a string: the organisation's TOOI URI"]);
}

#[test]
fn tooi_identifiers_are_checked_by_scheme() {
    for good in [
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0344",
        "https://identifier.overheid.nl/tooi/id/provincie/pv26",
        "https://identifier.overheid.nl/tooi/id/waterschap/ws0155",
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1018",
        "https://identifier.overheid.nl/tooi/id/oorg/oorg10103",
    ] {
        assert_eq!(tooi_problem(good), None, "{good}");
    }
    let bad = [
        ("gm0344", "it does not start with `https://identifier.overheid.nl/tooi/id/`"),
        (
            "http://identifier.overheid.nl/tooi/id/gemeente/gm0344",
            "TOOI identifiers use `https`: `https://identifier.overheid.nl/tooi/id/gemeente/gm0344`",
        ),
        (
            "https://identifier.overheid.nl/tooi/id/gemeente",
            "it needs a scheme and a code after the prefix, as in `gemeente/gm0344`",
        ),
        (
            "https://identifier.overheid.nl/tooi/id/Gemeente/gm0344",
            "the scheme `Gemeente` is not a word in lowercase letters, such as `gemeente`",
        ),
        ("https://identifier.overheid.nl/tooi/id/provincie/pv2", "a provincie code is `pv` and 2 digits, not `pv2`"),
        (
            "https://identifier.overheid.nl/tooi/id/oorg/oorg",
            "the code `oorg` is not lowercase letters followed by digits, as in `gm0344`",
        ),
        (
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0344/",
            "a gemeente code is `gm` and 4 digits (the CBS code), not `gm0344/`",
        ),
    ];
    for (uri, message) in bad {
        assert_eq!(tooi_problem(uri).as_deref(), Some(message), "{uri}");
    }
}

#[test]
fn bad_contact_details_are_each_placed_at_their_key() {
    let text = r#"{
  "version": 1,
  "name": "x",
  "units": [
    {
      "key": "kcc",
      "name": "KCC",
      "kind": "eenheid",
      "contact": {
        "visiting_address": { "street": "", "postcode": "7607EW", "city": "Almelo" },
        "phone": "bel ons",
        "email": "info.almelo.nl",
        "website": "www.almelo.nl"
      }
    }
  ]
}"#;
    insta::assert_snapshot!(problems(text).join("\n"), @r"
    10:41: /units/0/contact/visiting_address/street: `street` is empty
    10:57: /units/0/contact/visiting_address/postcode: `7607EW` is not a Dutch postcode: four digits, a space and two capitals, as in `7607 EW`
    11:18: /units/0/contact/phone: `bel ons` is not a telephone number: digits, spaces, `+`, `-` and brackets only
    12:18: /units/0/contact/email: `info.almelo.nl` is not an e-mail address such as `info@almelo.nl`
    13:20: /units/0/contact/website: `www.almelo.nl` is not a web address: it must start with `https://` and name a host
    ");
    let unknown =
        r#"{"version": 1, "name": "x", "units": [{"key": "a", "name": "A", "kind": "team", "contact": {"fax": "1"}}]}"#;
    assert!(problems(unknown)[0].contains("unknown field `fax`"), "{:?}", problems(unknown));
}

#[test]
fn the_cli_names_the_file_of_a_bad_identifier() {
    let dir = crate::support::temp_dir("publish-bad-identifier");
    let path = dir.join("bad.json");
    std::fs::write(&path, "{\n  \"version\": 1,\n  \"name\": \"x\",\n  \"identifier\": \"gm0344\"\n}\n").unwrap();
    let out = harkje(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.json:4:17: /identifier: `identifier` `gm0344` is not a TOOI URI"), "{err}");
}
