//! Pictures: DOT and Mermaid snapshots, SVG that parses and renders, deep chains, cycles, options.

use harkje::format::from_json;
use harkje::render::{self, RenderError, RenderOptions};

use crate::support::{fixture, harkje, read, stderr, stdout, temp_dir};

fn design(rel: &str) -> harkje::Design {
    from_json(read(&fixture(rel)).as_bytes()).unwrap()
}

fn all() -> RenderOptions {
    RenderOptions::default()
}

/// Parses the SVG, renders it with resvg and returns the number of pixels
/// that are not the white background.
fn paint(svg: &str) -> (roxmltree::Document<'_>, usize) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = pixmap.encode_png().unwrap();
    assert!(png.len() > 100);
    let inked = pixmap.pixels().iter().filter(|p| (p.red(), p.green(), p.blue()) != (255, 255, 255)).count();
    (doc, inked)
}

fn post_boxes(doc: &roxmltree::Document<'_>) -> Vec<String> {
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    posts
        .children()
        .filter(|n| n.is_element())
        .map(|g| g.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or("").to_owned())
        .collect()
}

#[test]
fn dot_of_the_small_design() {
    insta::assert_snapshot!(render::to_dot(&design("designs/small.json"), &all()).unwrap());
}

#[test]
fn mermaid_of_the_small_design() {
    insta::assert_snapshot!(render::to_mermaid(&design("designs/small.json"), &all()).unwrap());
}

#[test]
fn dot_with_steering_communities_and_escaping() {
    let dot = render::to_dot(&design("render/harkje.json"), &all()).unwrap();
    // Quotes in a title are escaped, steering is dashed with its kind, communities are clusters.
    assert!(dot.contains(r#"label="Consulent \"Wmo\"\nnoord-1""#), "{dot}");
    assert!(dot.contains(r#""km-gebieden" -> "hoofd-gebieden" [style=dashed"#), "{dot}");
    assert!(dot.contains(r#"subgraph "cluster_vakgroep-juristen""#));
    insta::assert_snapshot!(dot);
}

#[test]
fn mermaid_with_steering_communities_and_escaping() {
    let m = render::to_mermaid(&design("render/harkje.json"), &all()).unwrap();
    assert!(m.contains("Consulent #lt;Wmo#gt; #amp; jeugd"), "{m}");
    assert!(m.contains("-.->|\"development\"|"), "{m}");
    assert!(m.contains("subgraph c1[\"Vakgroep juristen (community)<br/>also: noord-10\"]"), "{m}");
    insta::assert_snapshot!(m);
}

#[test]
fn svg_is_well_formed_and_paints_something() {
    for rel in ["designs/small.json", "render/harkje.json", "render/cycle.json"] {
        let d = design(rel);
        let svg = render::to_svg(&d, &all()).unwrap();
        let (doc, inked) = paint(&svg);
        assert!(inked > 1000, "{rel}: only {inked} pixels painted");
        assert_eq!(post_boxes(&doc).len(), d.posts().len(), "{rel}");
    }
}

#[test]
fn svg_escapes_titles_and_draws_steering_dashed() {
    let svg = render::to_svg(&design("render/harkje.json"), &all()).unwrap();
    assert!(svg.contains("Consulent &lt;Wmo&gt; &amp; jeugd"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let steering = doc.descendants().find(|n| n.attribute("id") == Some("steering")).unwrap();
    // Each kind of line has its own dash pattern, so grey print keeps them apart.
    let dashes: Vec<&str> = steering
        .children()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.attribute("stroke-dasharray"))
        .collect();
    assert_eq!(dashes.len(), 4, "{dashes:?}");
    let distinct: std::collections::BTreeSet<&str> = dashes.iter().copied().collect();
    assert_eq!(distinct.len(), 4, "{dashes:?}");
    assert!(dashes.contains(&"2 3"), "accountability is dotted: {dashes:?}");
    let labels: Vec<&str> =
        steering.descendants().filter_map(|n| if n.has_tag_name("text") { n.text() } else { None }).collect();
    assert_eq!(labels, ["accountable to", "area-agenda", "development", "process"]);
    // Both communities are in the legend, with their members.
    assert!(svg.contains("Vakgroep juristen (community, 2 members): noord-10, zuid-2"), "{svg}");
}

/// The post boxes of an SVG; panics when two overlap.
fn boxes_apart(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    let rects: Vec<(f64, f64, f64, f64)> = posts
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|r| {
            let f = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
            (f("x"), f("y"), f("width"), f("height"))
        })
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    rects.len()
}

#[test]
fn no_two_boxes_overlap() {
    let svg = render::to_svg(&design("render/harkje.json"), &all()).unwrap();
    assert_eq!(boxes_apart(&svg), 16);
}

#[test]
fn teams_are_stacked_and_a_wide_row_of_teams_is_wrapped() {
    use harkje::{DesignBuilder, UnitKind};
    let mut b = DesignBuilder::new("Breed");
    b.unit("afd", "Afdeling", UnitKind::Eenheid);
    b.post("hoofd", "Hoofd", "hoofd").unit("afd");
    for t in 0..9 {
        b.post(&format!("tm-{t}"), "Teammanager", "teammanager").unit("afd").reports_to("hoofd");
        for m in 0..(4 + t % 3) {
            b.post(&format!("mw-{t}-{m}"), "Medewerker", "medewerker").unit("afd").reports_to(&format!("tm-{t}"));
        }
    }
    b.post("tm-9", "Teammanager zonder team", "teammanager").unit("afd").reports_to("hoofd");
    let d = b.build().unwrap();
    let svg = render::to_svg(&d, &all()).unwrap();
    assert_eq!(boxes_apart(&svg), d.posts().len());
    // Ten columns wrapped into rows of five: about five slots wide, not ten.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let width: f64 = doc.root_element().attribute("width").unwrap().parse().unwrap();
    assert!(width < 6.0 * 206.0, "{width}");
    // Every post is reached by a line: one path per report, plus one rail per stack.
    let line = doc.descendants().find(|n| n.attribute("id") == Some("line")).unwrap();
    assert_eq!(line.children().filter(|n| n.is_element()).count(), d.posts().len() - 1 + 9);
}

#[test]
fn a_stack_holds_whether_its_leaves_sort_before_or_after_their_manager() {
    use harkje::{DesignBuilder, UnitKind};
    for (manager, leaf) in [("a-hoofd", "z"), ("z-hoofd", "a")] {
        let mut b = DesignBuilder::new("Stapel");
        b.unit("afd", "Afdeling", UnitKind::Eenheid);
        b.post("m-top", "Directeur", "directeur").unit("afd");
        b.post(manager, "Hoofd", "hoofd").unit("afd").reports_to("m-top");
        b.post("m-buur", "Buurman", "hoofd").unit("afd").reports_to("m-top");
        for i in 0..5 {
            b.post(&format!("{leaf}-{i}"), "Medewerker", "medewerker").unit("afd").reports_to(manager);
        }
        let svg = render::to_svg(&b.build().unwrap(), &all()).unwrap();
        assert_eq!(boxes_apart(&svg), 8, "{manager}");
    }
}

#[test]
fn a_line_cycle_is_drawn_apart_and_noted() {
    let d = design("render/cycle.json");
    let svg = render::to_svg(&d, &all()).unwrap();
    assert!(svg.contains("not reachable from a top post"));
    assert!(svg.contains("note: 3 post(s) not reachable from a top post (in or below a line cycle)"));
    let dot = render::to_dot(&d, &all()).unwrap();
    assert!(dot.contains("\"a\" -> \"b\";") && dot.contains("\"b\" -> \"a\";"));
    // With a depth limit, the cycle is left out and the note says why.
    let svg = render::to_svg(&d, &all().with_depth(Some(1))).unwrap();
    assert_eq!(post_boxes(&roxmltree::Document::parse(&svg).unwrap()).len(), 3);
    assert!(svg.contains("left out because --depth counts from a top post"));
}

#[test]
fn unit_depth_and_date_select_what_is_drawn() {
    let d = design("render/harkje.json");
    let unit = all().with_unit(Some("gebieden".into()));
    let dot = render::to_dot(&d, &unit).unwrap();
    assert!(dot.contains("\"hoofd-gebieden\" ->") && dot.contains("\"zuid-2\""));
    assert!(!dot.contains("\"gs\""), "{dot}");
    assert!(dot.contains("label=\"Gemeente Voorbeeld: Eenheid Gebieden\""));

    let top = all().with_depth(Some(1));
    let svg = render::to_svg(&d, &top).unwrap();
    let boxes = post_boxes(&roxmltree::Document::parse(&svg).unwrap());
    assert_eq!(boxes.len(), 5, "{boxes:?}");
    assert!(svg.contains("dir-2 · +2 below"));

    let dated = all().with_as_of(Some(jiff::civil::date(2020, 6, 1)));
    let dot = render::to_dot(&d, &dated).unwrap();
    assert!(!dot.contains("km-gebieden"));
    assert!(dot.contains("(as of 2020-06-01)"));

    let err = render::to_svg(&d, &all().with_unit(Some("nope".into()))).unwrap_err();
    assert_eq!(err, RenderError::UnknownUnit { key: "nope".into(), as_of: None });
    assert_eq!(err.to_string(), "unit `nope` is not in the design");
}

fn chain_json(n: usize) -> String {
    let mut s = String::from(r#"{"version":1,"name":"keten","posts":["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        if i == 0 {
            s.push_str(r#"{"key":"p0","title":"Top","role":"directeur"}"#);
        } else {
            s.push_str(&format!(r#"{{"key":"p{i}","title":"Post {i}","role":"hoofd","reports_to":"p{}"}}"#, i - 1));
        }
    }
    s.push_str("]}");
    s
}

#[test]
fn a_chain_of_100_000_posts_renders_without_overflowing_the_stack() {
    let d = from_json(chain_json(100_000).as_bytes()).unwrap();
    // Run on a thread with a small stack: recursion would overflow it.
    let svg = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let svg = render::to_svg(&d, &RenderOptions::default()).unwrap();
            let dot = render::to_dot(&d, &RenderOptions::default()).unwrap();
            let mermaid = render::to_mermaid(&d, &RenderOptions::default()).unwrap();
            assert!(dot.contains("\"p99998\" -> \"p99999\";"));
            assert_eq!(mermaid.matches(" --> ").count(), 99_999);
            svg
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(svg.matches("<g><title>").count(), 100_000);
}

#[test]
fn cli_renders_to_a_file_and_to_stdout() {
    let dir = temp_dir("render-cli");
    let out = dir.join("harkje.svg");
    let o = harkje(&["render", "tests/fixtures/render/harkje.json", "--to", "svg", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&out).starts_with("<svg"));
    let o = harkje(&[
        "render",
        "tests/fixtures/render/harkje.json",
        "--to",
        "mermaid",
        "--unit",
        "gebieden",
        "--depth",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("---\ntitle: \"Gemeente Voorbeeld: Eenheid Gebieden\""));
    // The command line draws in Dutch unless asked otherwise.
    assert!(stdout(&o).contains("+2 niet getekend"), "{}", stdout(&o));
    let o = harkje(&[
        "render",
        "tests/fixtures/render/harkje.json",
        "--to",
        "mermaid",
        "--unit",
        "gebieden",
        "--depth",
        "1",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("+2 not drawn"), "{}", stdout(&o));
}

/// Without `--format`, the format is the one the output file's extension names; with
/// neither, or an extension that names none, the command says what to give.
#[test]
fn cli_tells_the_format_from_the_output_file() {
    let dir = temp_dir("render-by-extension");
    let design = "tests/fixtures/render/harkje.json";
    for (name, start) in [
        ("p.svg", "<svg"),
        ("p.SVG", "<svg"),
        ("p.dot", "digraph"),
        ("p.gv", "digraph"),
        ("p.mmd", "---\ntitle:"),
        ("p.mermaid", "---\ntitle:"),
        ("p.html", "<!DOCTYPE html>"),
        ("p.htm", "<!DOCTYPE html>"),
        ("p.pdf", "%PDF-"),
    ] {
        let out = dir.join(name);
        let o = harkje(&["render", design, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let written = std::fs::read(&out).unwrap();
        assert!(written.starts_with(start.as_bytes()), "{name}: {}", String::from_utf8_lossy(&written));
    }
    // `--format` wins over the extension.
    let out = dir.join("named.svg");
    let o = harkje(&["render", design, "--format", "dot", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&out).starts_with("digraph"));
    let out = dir.join("p.txt");
    let o = harkje(&["render", design, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot tell the picture format from"), "{}", stderr(&o));
    assert!(!out.exists());
    for args in [&["render", design][..], &["render", design, "-o", "-"][..]] {
        let o = harkje(args);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(
            stderr(&o),
            "error: give --format dot, mermaid, svg, html or pdf, or `-o FILE` with one of their extensions\n"
        );
    }
}

#[test]
fn cli_refuses_bad_input_with_exit_2() {
    let o = harkje(&["render", "tests/fixtures/render/harkje.json", "--to", "svg", "--unit", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: unit `nope` is not in the design\n");
    let o = harkje(&["render", "tests/fixtures/render/harkje.json", "--to", "png"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[possible values: dot, mermaid, svg, html, pdf]"), "{}", stderr(&o));
    let o = harkje(&["render", "tests/fixtures/render/harkje.json", "--to", "svg", "--as-of", "2020-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`2020-13-01` is not a date"), "{}", stderr(&o));
    let o = harkje(&["render", "tests/fixtures/does-not-exist.json", "--to", "dot"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"));
}

/// The rectangles (x, y, width, height) drawn directly in the group `id`.
fn rects_in(doc: &roxmltree::Document<'_>, id: &str) -> Vec<(f64, f64, f64, f64)> {
    let group = doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap();
    group
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|r| {
            let f = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
            (f("x"), f("y"), f("width"), f("height"))
        })
        .collect()
}

#[test]
fn steering_labels_do_not_cover_post_boxes_or_each_other() {
    for rel in ["render/harkje.json", "render/crowded.json"] {
        let svg = render::to_svg(&design(rel), &all()).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let boxes = rects_in(&doc, "posts");
        let labels = rects_in(&doc, "steering");
        assert!(labels.len() >= 4, "{rel}");
        let apart = |a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)| {
            a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1
        };
        let width: f64 = doc.root_element().attribute("width").unwrap().parse().unwrap();
        let top = boxes.iter().map(|b| b.1).fold(f64::INFINITY, f64::min);
        for (i, l) in labels.iter().enumerate() {
            assert!(l.0 >= 0.0 && l.0 + l.2 <= width && l.1 >= top - 12.0, "{rel}: label {l:?} outside the tree");
            for b in &boxes {
                assert!(apart(l, b), "{rel}: label {l:?} covers box {b:?}");
            }
            for m in &labels[i + 1..] {
                assert!(apart(l, m), "{rel}: label {l:?} covers label {m:?}");
            }
        }
    }
}

#[test]
fn the_example_picture_matches_the_code() {
    // `cargo run --example picture` writes exactly this, in Dutch as `harkje render` draws it;
    // run it when this fails.
    let svg = render::to_svg(&design("render/harkje.json"), &all().with_language(harkje::Language::Dutch)).unwrap();
    let committed = read(&crate::support::root().join("docs/harkje.svg"));
    assert!(committed == svg, "docs/harkje.svg is stale: run `cargo run --example picture`");
}

#[test]
fn as_of_reports_and_marks_the_references_it_cleared() {
    let d = design("render/ended.json");
    let day = all().with_as_of(Some(jiff::civil::date(2025, 6, 1)));
    let note = "on 2025-06-01, 1 reference points to something not valid that day: posts/x reports_to posts/km";

    let picture = render::picture(&d, render::PictureFormat::Svg, &day).unwrap();
    assert_eq!(picture.cleared.len(), 1);
    assert_eq!((picture.cleared[0].holder.as_str(), picture.cleared[0].field), ("posts/x", "reports_to"));
    assert_eq!(picture.cleared_note().as_deref(), Some(note));
    // In the picture: x is a second top post, outlined dashed orange, and the legend says why.
    let doc = roxmltree::Document::parse(&picture.text).unwrap();
    let marked: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#b9770e"))
        .filter_map(|r| r.parent()?.children().find(|c| c.has_tag_name("title"))?.text())
        .collect();
    assert_eq!(marked, ["Adviseur (x); not valid that day: reports_to posts/km"]);
    assert!(picture.text.contains(
        "note: on 2025-06-01, 1 reference points to something not valid that day \
         (posts drawn with a dashed orange outline): posts/x reports_to posts/km"
    ));

    let dot = render::picture(&d, render::PictureFormat::Dot, &day).unwrap().text;
    assert!(
        dot.contains(
            r##""x" [label="Adviseur\nx", fillcolor="#ffffff", style="rounded,filled,dashed", color="#b9770e""##
        ),
        "{dot}"
    );
    let mermaid = render::picture(&d, render::PictureFormat::Mermaid, &day).unwrap().text;
    assert!(mermaid.contains("class p1 cleared"), "{mermaid}");

    // Without a day, or on a day when nothing ended, nothing is cleared or marked.
    let before = all().with_as_of(Some(jiff::civil::date(2024, 6, 1)));
    for options in [all(), before] {
        let p = render::picture(&d, render::PictureFormat::Svg, &options).unwrap();
        assert!(p.cleared.is_empty() && p.cleared_note().is_none());
        assert!(!p.text.contains("#b9770e"));
    }

    // The CLI says it on stderr and still draws.
    let o = harkje(&["render", "tests/fixtures/render/ended.json", "--to", "dot", "--as-of", "2025-06-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), format!("note: {note}\n"));
    assert!(stdout(&o).contains("digraph"));
    let o = harkje(&["render", "tests/fixtures/render/ended.json", "--to", "dot", "--as-of", "2024-06-01"]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn the_mermaid_title_escapes_quotes_for_yaml() {
    let m = render::to_mermaid(&design("render/ended.json"), &all()).unwrap();
    assert!(m.starts_with("---\ntitle: \"Gemeente \\\"Einde\\\"\"\n---\n"), "{m}");
    assert!(!m.lines().nth(1).unwrap().contains("#quot;"), "{m}");
}

/// Runs harkje with standard output sent to `out`.
fn harkje_to(args: &[&str], out: std::process::Stdio) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(args)
        .current_dir(crate::support::root())
        .stdout(out)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn write_errors_exit_2_with_a_message() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap().into();
    let fixture = "tests/fixtures/render/harkje.json";
    for args in [
        &["render", fixture, "--to", "dot"][..],
        &["render", fixture, "--to", "svg"],
        &["export", fixture, "--to", "popolo"],
        &["export", fixture, "--to", "org-turtle"],
    ] {
        let o = harkje_to(args, full());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("error: cannot write to standard output: "), "{args:?}: {}", stderr(&o));
    }
    for command in ["render", "export"] {
        let to = if command == "render" { "svg" } else { "popolo" };
        let o = harkje(&[command, fixture, "--to", to, "-o", "/dev/full"]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(stderr(&o).starts_with("error: cannot write `/dev/full`: "), "{command}: {}", stderr(&o));
    }
}

#[test]
fn a_closed_pipe_on_stdout_is_silent() {
    for args in [
        &["render", "tests/fixtures/render/harkje.json", "--to", "svg"][..],
        &["export", "tests/fixtures/render/harkje.json", "--to", "org-turtle"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_harkje"))
            .args(args)
            .current_dir(crate::support::root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before harkje writes: every write is a broken pipe.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// A design as JSON: posts with any line (forests, cycles), titles with
    /// characters every output format must escape, some in a community,
    /// some of a staff role (drawn beside their manager when they have no reports).
    fn design_json(parents: &[Option<usize>], titles: &[String]) -> String {
        let posts: Vec<serde_json::Value> = parents
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut v = serde_json::json!({
                    "key": format!("p{i}"),
                    "title": titles[i % titles.len()],
                    "role": if i % 5 == 2 { "concerncontroller" } else { "medewerker" },
                    "unit": if i % 3 == 0 { "team" } else { "eenheid" },
                });
                if let Some(p) = p {
                    v["reports_to"] = format!("p{p}").into();
                }
                v
            })
            .collect();
        let memberships: Vec<serde_json::Value> = (0..parents.len())
            .step_by(4)
            .map(|i| serde_json::json!({ "post": format!("p{i}"), "community": "vakgroep" }))
            .collect();
        serde_json::json!({
            "version": 1,
            "name": "<eigen> & \"vreemd\"",
            "units": [
                { "key": "eenheid", "name": "Eenheid", "kind": "eenheid" },
                { "key": "team", "name": "Team & co", "kind": "team", "parent": "eenheid" },
                { "key": "vakgroep", "name": "Vakgroep <x>", "kind": "community" }
            ],
            "posts": posts,
            "memberships": memberships,
        })
        .to_string()
    }

    fn forest() -> impl Strategy<Value = Vec<Option<usize>>> {
        (1usize..40).prop_flat_map(|n| {
            proptest::collection::vec(proptest::option::weighted(0.85, 0..n), n).prop_map(move |mut v| {
                for (i, p) in v.iter_mut().enumerate() {
                    if *p == Some(i) {
                        *p = None;
                    }
                }
                v
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_line_renders_to_well_formed_pictures(
            parents in forest(),
            titles in proptest::collection::vec("[a-zA-Z<>&\"' ]{0,40}", 1..4),
            depth in proptest::option::of(0usize..4),
        ) {
            let d = from_json(design_json(&parents, &titles).as_bytes()).unwrap();
            let options = RenderOptions::default().with_depth(depth);
            let svg = render::to_svg(&d, &options).unwrap();
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let boxes = post_boxes(&doc).len();
            prop_assert_eq!(boxes_apart(&svg), boxes);
            if depth.is_none() {
                prop_assert_eq!(boxes, parents.len());
            } else {
                prop_assert!(boxes <= parents.len());
            }
            let dot = render::to_dot(&d, &options).unwrap();
            prop_assert_eq!(dot.matches(" [label=").count(), boxes);
            let mermaid = render::to_mermaid(&d, &options).unwrap();
            prop_assert!(mermaid.starts_with("---\ntitle: \"<eigen> & \\\"vreemd\\\"\"\n---\n"));
        }
    }
}

/// The boxes of an SVG by their tooltip's key: `(x, y)` of the top-left corner.
fn box_at(doc: &roxmltree::Document<'_>) -> std::collections::HashMap<String, (f64, f64)> {
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    posts
        .children()
        .filter(|n| n.is_element())
        .map(|g| {
            let tip = g.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap();
            let key = tip.rsplit_once('(').unwrap().1.split(')').next().unwrap().to_owned();
            let rect = g.children().find(|c| c.has_tag_name("rect")).unwrap();
            let f = |a: &str| rect.attribute(a).unwrap().parse::<f64>().unwrap();
            (key, (f("x"), f("y")))
        })
        .collect()
}

#[test]
fn staff_posts_sit_beside_their_manager_above_its_reports() {
    let d = design("render/staff.json");
    let svg = render::to_svg(&d, &all()).unwrap();
    let (doc, inked) = paint(&svg);
    assert!(inked > 1000);
    assert_eq!(boxes_apart(&svg), d.posts().len());
    let at = box_at(&doc);
    let below = |staff: &str, manager: &str, report: &str| {
        let (s, m, r) = (at[staff], at[manager], at[report]);
        // Between the manager and its reports, and beside the manager's trunk.
        assert!(m.1 < s.1 && s.1 < r.1, "{staff}: {s:?}, {manager}: {m:?}, {report}: {r:?}");
        assert!((s.0 - m.0).abs() >= 184.0, "{staff} is not beside {manager}: {s:?} {m:?}");
    };
    // The built-in concerncontroller and the design's own staff roles.
    below("concerncontroller", "algemeen-directeur", "adjunct-directeur-1");
    below("bestuursadviseur", "algemeen-directeur", "adjunct-directeur-1");
    below("managementassistent", "algemeen-directeur", "adjunct-directeur-2");
    below("ciso", "adjunct-directeur-2", "hoofd-ict");
    below("bz-secretaris", "hoofd-burgerzaken", "bz-1");
    // Two staff posts of one manager: one on either side, the third under the first.
    assert!(at["bestuursadviseur"].0 > at["algemeen-directeur"].0);
    assert!(at["concerncontroller"].0 < at["algemeen-directeur"].0);
    assert_eq!(at["managementassistent"].0, at["bestuursadviseur"].0);
    // The line into a staff post comes from the side: a horizontal segment
    // ending at the box's left edge.
    let ciso = at["ciso"];
    let line = doc.descendants().find(|n| n.attribute("id") == Some("line")).unwrap();
    let ends: Vec<&str> = line.children().filter_map(|p| p.attribute("d")).collect();
    let tail = format!("V{} H{}", ciso.1 + 29.0, ciso.0);
    assert!(ends.iter().any(|e| e.ends_with(&tail)), "no line into the side of the CISO ({tail}): {ends:?}");

    let dot = render::to_dot(&d, &all()).unwrap();
    assert!(dot.contains(r#"{ rank=same; "adjunct-directeur-2"; "ciso"; }"#), "{dot}");
    insta::assert_snapshot!("staff_dot", dot);
    let mermaid = render::to_mermaid(&d, &all()).unwrap();
    // Mermaid has no rank=same: the staff take the rank under the manager,
    // its other reports a longer link.
    insta::assert_snapshot!("staff_mermaid", mermaid);
}

#[test]
fn a_staff_post_with_reports_stays_in_the_line() {
    use harkje::{DesignBuilder, UnitKind};
    let mut b = DesignBuilder::new("Staf met team");
    b.unit("directie", "Directie", UnitKind::Directie);
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    b.post("cc", "Concerncontroller", "concerncontroller").unit("directie").reports_to("gs");
    b.post("c1", "Controller", "medewerker").unit("directie").reports_to("cc");
    let d = b.build().unwrap();
    let dot = render::to_dot(&d, &all()).unwrap();
    assert!(!dot.contains("rank=same"), "{dot}");
    // At depth 0 the controller's report is not drawn, but it has one: still in the line.
    let dot = render::to_dot(&d, &all().with_depth(Some(1))).unwrap();
    assert!(!dot.contains("rank=same"), "{dot}");
}

#[test]
fn a_long_title_widens_the_picture() {
    let d = design("dated/almelo-adviespool.json");
    let svg = render::to_svg(&d, &RenderOptions::default().with_as_of(Some(harkje::date(2019, 6, 1)))).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let width: f64 = doc.root_element().attribute("width").unwrap().parse().unwrap();
    // 106 characters of 18 px bold Helvetica need about 1,070 px, beyond the
    // boxes' 1,030 px; before, the title ran off the right edge.
    let title = doc.descendants().find(|n| n.attribute("font-size") == Some("18")).unwrap().text().unwrap();
    assert!(width >= 20.0 + 10.0 * title.chars().count() as f64, "{width} for {} characters", title.chars().count());
}

/// The texts of the box whose tooltip starts with `title`, in order.
fn box_texts(svg: &str, title: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    let g = posts
        .children()
        .find(|g| g.children().any(|c| c.has_tag_name("title") && c.text().is_some_and(|t| t.starts_with(title))))
        .unwrap_or_else(|| panic!("no box for {title}"));
    g.children().filter(|c| c.has_tag_name("text")).filter_map(|t| t.text()).map(str::to_owned).collect()
}

#[test]
fn a_long_title_is_wrapped_whole_and_cut_only_past_three_lines_with_the_name_in_the_tooltip() {
    use harkje::{DesignBuilder, UnitKind};
    let whole = "Beleidsmedewerker wonen en ruimtelijke ontwikkeling in de kernen";
    let svg = render::to_svg(&design("render/harkje.json"), &all()).unwrap();
    let texts = box_texts(&svg, whole);
    // Three lines of title in smaller type, then the key: nothing cut.
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[..3].join(" "), whole);
    assert!(svg.contains(r#"font-size="10.5">Beleidsmedewerker wonen en</text>"#), "{texts:?}");

    // A unit's name on three lines beside its details; a name longer than
    // that ends in an ellipsis, and the tooltip has it whole.
    let long =
        "Eenheid Vergunningen, Toezicht en Handhaving voor de kernen Bilthoven, De Bilt, Maartensdijk en Westbroek";
    let mid = "Team Vergunningen, Toezicht en Handhaving Bilthoven en Maartensdijk";
    let mut b = DesignBuilder::new("Lange namen");
    b.unit("vth", long, UnitKind::Eenheid);
    b.unit("vth-b", mid, UnitKind::Team).parent("vth");
    b.post("hoofd", "Hoofd", "hoofd").unit("vth");
    b.post("tm", "Teammanager", "teammanager").unit("vth-b").reports_to("hoofd");
    // A short name leaves room for a long head's title on two lines.
    b.unit("ict", "ICT", UnitKind::Team).parent("vth");
    let head = "Afdelingsmanager Informatievoorziening en ICT";
    b.post("tm-ict", head, "teammanager").unit("ict").reports_to("hoofd");
    let d = b.build().unwrap();
    let svg = render::to_svg(&d, &all().with_level(render::Level::Units)).unwrap();
    let texts = box_texts(&svg, mid);
    assert_eq!(texts[..3].join(" "), mid, "{texts:?}");
    assert_eq!(texts[3], "Teammanager");
    let texts = box_texts(&svg, long);
    assert_eq!(texts.len(), 5, "{texts:?}");
    assert!(texts[2].ends_with('…'), "{texts:?}");
    assert!(svg.contains(&format!("<title>{long} (vth)")), "the tooltip has the whole name");
    let texts = box_texts(&svg, "ICT (ict)");
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[1..3].join(" "), head);
    let (doc, _) = paint(&svg);
    assert_eq!(post_boxes(&doc).len(), 3);
}

#[test]
fn a_legend_counts_every_member_and_says_how_many_are_drawn() {
    let file = crate::support::root().join("examples/data/de-bilt-2018/design.json");
    let d = from_json(read(&file).as_bytes()).unwrap();
    let svg = render::to_svg(&d, &all().with_unit(Some("gebieden".into()))).unwrap();
    let legend: Vec<&str> = svg.lines().filter(|l| l.contains("members")).collect();
    assert!(legend.iter().any(|l| l.contains("(collective, 7 members, 2 drawn)")), "{legend:#?}");
    let svg = render::to_svg(&d, &all()).unwrap();
    assert!(svg.contains("(collective, 7 members)"), "everything drawn: no count of the drawn");
}

#[test]
fn a_roles_staff_flag_is_read_saved_and_read_back() {
    let d = design("render/staff.json");
    assert!(d.role_flags("concerncontroller").staff, "the built-in concerncontroller is a staff role");
    assert!(d.role_flags("ciso").staff && d.role_flags("ciso").independent);
    assert!(!d.role_flags("teammanager").staff && !d.role_flags("medewerker").staff);
    let saved = harkje::format::to_json(&d);
    assert!(saved.contains(r#""staff": true"#), "{saved}");
    let again = from_json(saved.as_bytes()).unwrap();
    assert_eq!(d, again);
    assert_eq!(saved, harkje::format::to_json(&again));
    // A role without the flag leaves it out of the file.
    let plain = from_json(read(&fixture("render/harkje.json")).as_bytes()).unwrap();
    assert!(!harkje::format::to_json(&plain).contains("\"staff\""));
}
