//! The Woo publication: the design file's contact details and TOOI
//! identifier, and the bundle `harkje publish woo` writes.

use harkje::format::{from_json, to_json};
use harkje::model::tooi_problem;
use harkje::publish::WooOptions;

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

fn voorbeeld() -> harkje::Design {
    from_json(read(&fixture("publish/voorbeeld.json")).as_bytes()).unwrap()
}

#[test]
fn the_bundle_of_the_example_is_as_reviewed() {
    let bundle = harkje::publish::woo_bundle(&voorbeeld(), &WooOptions::default()).unwrap();
    insta::assert_snapshot!("woo_index_html", bundle.html);
    insta::assert_snapshot!("woo_organogram_svg", bundle.svg);
    insta::assert_snapshot!("woo_organisatie_jsonld", bundle.jsonld);
    insta::assert_snapshot!("woo_manifest_json", bundle.manifest);
}

#[test]
fn every_unit_is_described_in_the_picture_the_page_and_the_open_data() {
    let design = voorbeeld();
    let bundle = harkje::publish::woo_bundle(&design, &WooOptions::default()).unwrap();
    let jsonld: serde_json::Value = serde_json::from_str(&bundle.jsonld).unwrap();
    let graph = jsonld["@graph"].as_array().unwrap();
    for u in design.units() {
        let id = format!("eenheid-{}", u.key);
        assert!(bundle.svg.contains(&format!("<g id=\"{id}\"><title>")), "no box for {id}");
        let desc_at = bundle.svg.find(&format!("<g id=\"{id}\">")).unwrap();
        assert!(bundle.svg[desc_at..].lines().next().unwrap().contains("<desc>"), "no desc for {id}");
        assert!(bundle.html.contains(&format!("id=\"{id}\">{}</h", u.name)), "no heading for {id}");
        assert!(graph.iter().any(|n| n["skos:notation"][0] == u.key.as_str()), "no node for {id}");
    }
    // The picture as a whole is named and described.
    assert!(bundle.svg.contains(r#"aria-labelledby="organogram-titel organogram-beschrijving""#));
    // The picture speaks Dutch like the page, with a decimal comma.
    assert!(bundle.svg.contains(">3 posten · 2,8 fte</text>") && bundle.svg.contains(">geplaatst in</text>"));
    assert!(!bundle.svg.contains("posts ·") && !bundle.svg.contains(" FTE"), "{}", bundle.svg);
    // The organisation is named by its TOOI URI, and units hang under it.
    let top = &graph[0];
    assert_eq!(top["@id"], "https://identifier.overheid.nl/tooi/id/gemeente/gm9999");
    assert_eq!(top["@type"][0], "org:FormalOrganization");
    // No person is named: the page shows the head's post title.
    assert!(bundle.html.contains("<dt>Leiding</dt><dd>Teamleider Sociaal Wijkteam</dd>"));
    // Headings go one level deeper per level of placement.
    assert!(bundle.html.contains("<h3 id=\"eenheid-directie\">"));
    assert!(bundle.html.contains("<h4 id=\"eenheid-sociaal\">"));
    assert!(bundle.html.contains("<h5 id=\"eenheid-wijkteam\">"));
}

#[test]
fn a_public_address_is_the_base_and_the_address_to_register() {
    let options = WooOptions::default().with_url(Some("https://www.voorbeeld.example/organisatie/".into()));
    let bundle = harkje::publish::woo_bundle(&voorbeeld(), &options).unwrap();
    assert!(bundle.jsonld.contains("\"@id\": \"https://www.voorbeeld.example/organisatie/units/burgerzaken\""));
    let manifest: serde_json::Value = serde_json::from_str(&bundle.manifest).unwrap();
    assert_eq!(manifest["register"]["enter"], "https://www.voorbeeld.example/organisatie/index.html");
    let bad = WooOptions::default().with_url(Some("www.voorbeeld.example".into()));
    assert_eq!(
        harkje::publish::woo_bundle(&voorbeeld(), &bad).unwrap_err().to_string(),
        "the address `www.voorbeeld.example` is not an absolute web address ending in `/`, such as `https://www.voorbeeld.nl/organisatie/`"
    );
}

#[test]
fn a_deep_placement_is_published_without_recursion() {
    // 20,000 units each placed in the one before: the outline is written
    // with a stack of its own, and headings stop at h6.
    let mut b = harkje::DesignBuilder::new("Diep");
    for i in 0..20_000 {
        let u = b.unit(&format!("u{i}"), &format!("Eenheid {i}"), harkje::UnitKind::Eenheid);
        if i > 0 {
            u.parent(&format!("u{}", i - 1));
        }
    }
    let design = b.build().unwrap();
    let start = std::time::Instant::now();
    let bundle = harkje::publish::woo_bundle(&design, &WooOptions::default()).unwrap();
    assert!(bundle.html.contains("<h6 id=\"eenheid-u19999\">Eenheid 19999</h6>"));
    assert_eq!(bundle.html.matches("<li>\n<h").count(), 20_000);
    assert_eq!(bundle.html.matches("</li>").count(), 20_002, "every unit and the two links of the page's contents");
    eprintln!("woo bundle of 20,000 nested units: {:?}", start.elapsed());
}

#[test]
fn publish_writes_the_bundle_and_refuses_a_folder_in_use() {
    let dir = crate::support::temp_dir("publish-woo-cli");
    let out = dir.join("woo");
    let design = fixture("publish/voorbeeld.json");
    let run = |extra: &[&str]| {
        let mut args = vec!["publish", "woo", design.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        harkje(&args)
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    for file in ["index.html", "organogram.svg", "organisatie.jsonld", "manifest.json"] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    assert!(stderr(&first).contains("wrote the Woo publication of 6 units (3 with contact details of their own)"));
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is not empty; choose an empty one, or --force"), "{}", stderr(&again));
    let forced = run(&["--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    // The files are exactly what the library makes: a bundle kept in git changes only with the design.
    let bundle = harkje::publish::woo_bundle(&voorbeeld(), &WooOptions::default()).unwrap();
    assert_eq!(read(&out.join("index.html")), bundle.html);
}

#[test]
fn publish_refuses_a_design_that_fails_its_check() {
    let dir = crate::support::temp_dir("publish-woo-findings");
    let design = dir.join("kapot.json");
    // A line cycle is an error of the check, not of loading.
    std::fs::write(
        &design,
        r#"{"version": 1, "name": "Kapot", "units": [{"key": "a", "name": "A", "kind": "eenheid"}],
  "posts": [{"key": "p", "title": "P", "unit": "a", "reports_to": "q"}, {"key": "q", "title": "Q", "unit": "a", "reports_to": "p"}]}"#,
    )
    .unwrap();
    let out = dir.join("woo");
    let refused = harkje(&["publish", "woo", design.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused)
            .contains("nothing is published from a design that fails its check (--allow-findings publishes anyway)"),
        "{}",
        stderr(&refused)
    );
    assert!(!out.exists());
    let allowed =
        harkje(&["publish", "woo", design.to_str().unwrap(), "--out", out.to_str().unwrap(), "--allow-findings"]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
    assert!(stderr(&allowed).contains("publishing anyway, as --allow-findings asks"));
    assert!(stderr(&allowed).contains("the design has no `identifier`"));
    assert!(out.join("index.html").is_file());
}

// ----- accessibility: axe-core in headless Chromium -----------------------

/// The vendored axe-core (see `tests/vendor/axe-core/README.md`).
const AXE_VERSION: &str = "4.10.3";

/// The WCAG 2.1 AA rules axe can test: levels A and AA of WCAG 2.0 and 2.1.
const AXE_TAGS: &str = r#"["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]"#;

/// The Chromium to drive: `HARKJE_CHROMIUM` (none when it names no file),
/// else the first of Debian's and the usual names on the `PATH`.
fn chromium() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("HARKJE_CHROMIUM") {
        let p = std::path::PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Chromium, or `None` after a printed note when it is missing; a failure
/// when `HARKJE_BROWSER_TESTS=1` asks for the browser tests.
fn browser_or_skip(test: &str) -> Option<std::path::PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var("HARKJE_BROWSER_TESTS").as_deref() != Ok("1"),
            "HARKJE_BROWSER_TESTS=1 but no Chromium was found (install `chromium`, or name it in HARKJE_CHROMIUM)"
        );
        eprintln!("note: {test} skipped: no Chromium found (install `chromium`, or name it in HARKJE_CHROMIUM)");
    }
    found
}

/// Runs axe on a page in headless Chromium and returns its violations as
/// `rule: target, target…` lines (empty when there are none).
///
/// The page is copied beside the vendored axe with two scripts added at the
/// end of its body: one loads axe, the other runs it on the document and,
/// when it is done, writes the result into a `<pre id="axe-result">`
/// appended to the root element. `--dump-dom` prints the document once the
/// page and its promises have settled (`--virtual-time-budget`), so the
/// result is read back from the printed DOM. The scripts and the result sit
/// outside what axe has checked when it runs.
fn axe_violations(browser: &std::path::Path, dir: &std::path::Path, page: &str) -> Vec<String> {
    std::fs::copy(crate::support::root().join("tests/vendor/axe-core/axe.min.js"), dir.join("axe.min.js")).unwrap();
    let runner = format!(
        r#"<script src="axe.min.js"></script>
<script>
function report(value) {{
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(value);
  document.documentElement.appendChild(out);
}}
axe.run(document, {{ runOnly: {{ type: "tag", values: {AXE_TAGS} }}, resultTypes: ["violations"] }})
  .then(function (r) {{
    report({{ version: axe.version, passes: r.passes.length, violations: r.violations.map(function (v) {{
      return v.id + ": " + v.nodes.map(function (n) {{ return n.target.join(" "); }}).join(", ");
    }}) }});
  }})
  .catch(function (e) {{ report({{ error: String(e) }}); }});
</script>
</body>"#
    );
    assert!(page.contains("</body>"), "the page has no end of body");
    let checked = dir.join("axe-check.html");
    std::fs::write(&checked, page.replacen("</body>", &runner, 1)).unwrap();
    let profile = dir.join("chromium-profile");
    let mut child = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--virtual-time-budget=30000",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
        ])
        .arg(format!("file://{}", checked.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // A hung browser fails the test instead of hanging it.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(120) {
            let _ = child.kill();
            panic!("headless Chromium did not finish within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start =
        dom.find("<pre id=\"axe-result\">").unwrap_or_else(|| panic!("axe wrote no result; the DOM was:\n{dom}"));
    let rest = &dom[start + "<pre id=\"axe-result\">".len()..];
    let json = rest[..rest.find("</pre>").unwrap()]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let result: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(result.get("error").is_none(), "axe failed: {result}");
    assert_eq!(result["version"], AXE_VERSION, "the vendored axe is not the version the test names");
    assert!(result["passes"].as_u64().unwrap() > 0, "axe passed no rule at all: {result}");
    result["violations"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_woo_page_passes_axe_in_headless_chromium() {
    let Some(browser) = browser_or_skip("the_woo_page_passes_axe_in_headless_chromium") else { return };
    let almelo =
        from_json(read(&crate::support::root().join("examples/data/almelo-2018/new.json")).as_bytes()).unwrap();
    for (name, design) in [("voorbeeld", voorbeeld()), ("almelo-2018", almelo)] {
        let dir = crate::support::temp_dir(&format!("publish-axe-{name}"));
        let bundle = harkje::publish::woo_bundle(&design, &WooOptions::default()).unwrap();
        for (file, text) in bundle.files() {
            std::fs::write(dir.join(file), text).unwrap();
        }
        let violations = axe_violations(&browser, &dir, &bundle.html);
        assert!(violations.is_empty(), "the Woo page of {name} violates WCAG 2.1 AA rules:\n{}", violations.join("\n"));
    }
}

#[test]
fn the_axe_check_finds_what_a_broken_page_breaks() {
    // The same harness on a page without a language, with an image without
    // a text and a link without a name: axe must report each, or the test
    // above could not fail.
    let Some(browser) = browser_or_skip("the_axe_check_finds_what_a_broken_page_breaks") else { return };
    let dir = crate::support::temp_dir("publish-axe-broken");
    let page = "<!DOCTYPE html>\n<html>\n<head><title>Kapot</title></head>\n<body>\n<main>\n<img src=\"x.svg\">\n<a href=\"#\"></a>\n</main>\n</body>\n</html>\n";
    let violations = axe_violations(&browser, &dir, page);
    let rules: Vec<&str> = violations.iter().map(|v| v.split(':').next().unwrap()).collect();
    assert_eq!(rules, ["html-has-lang", "image-alt", "link-name"], "{violations:?}");
}
