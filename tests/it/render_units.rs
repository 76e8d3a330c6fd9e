//! The unit-level organogram (`--level units`): DOT and Mermaid snapshots,
//! an SVG that parses and paints, the unit tree's `--unit` and `--depth`, the CLI.

use harkje::format::from_json;
use harkje::render::{self, Level, RenderError, RenderOptions};

use crate::support::{fixture, harkje, read, root, stderr, stdout};

fn de_bilt_bodies() -> harkje::Design {
    from_json(read(&fixture("bodies/de-bilt.json")).as_bytes()).unwrap()
}

fn de_bilt_seed() -> harkje::Design {
    from_json(read(&root().join("examples/data/de-bilt-2018/design.json")).as_bytes()).unwrap()
}

fn units() -> RenderOptions {
    RenderOptions::default().with_level(Level::Units)
}

#[test]
fn dot_of_de_bilts_collective_and_self_steering_teams() {
    let dot = render::to_dot(&de_bilt_bodies(), &units()).unwrap();
    // The collective leadership is one body with a double outline.
    assert!(
        dot.contains(r#""directie" [label="Team directie\nled together by 3\n4 posts · 4 FTE\ndirectie""#),
        "{dot}"
    );
    assert!(dot.contains("peripheries=2"), "{dot}");
    // A self-steering team says so and names its coach.
    assert!(dot.contains("self-steering, coach: Teamcoach"), "{dot}");
    assert!(dot.contains(r#""inwonerplein" -> "gemeentewinkel";"#), "{dot}");
    insta::assert_snapshot!(dot);
}

#[test]
fn mermaid_of_de_bilts_collective_and_self_steering_teams() {
    let m = render::to_mermaid(&de_bilt_bodies(), &units()).unwrap();
    assert!(m.contains("<b>Team directie</b><br/>led together by 3"), "{m}");
    assert!(m.contains("classDef body"), "{m}");
    insta::assert_snapshot!(m);
}

#[test]
fn dot_of_the_de_bilt_seed_names_every_unit_and_draws_steering_between_units() {
    let d = de_bilt_seed();
    let dot = render::to_dot(&d, &units()).unwrap();
    for u in d.units() {
        assert!(dot.contains(&format!("[label=\"{}\\n", u.name)), "{} not drawn", u.key);
    }
    // The development line of the seed runs from the temporary social-domain team
    // (its kwartiermaker's unit) to Eenheid Gebieden, where its work is embedded.
    assert!(
        dot.contains(r#""sociaal-domein" -> "gebieden" [style=dashed"#) && dot.contains(r#"label="development""#),
        "{dot}"
    );
    // No post key is a node.
    for p in d.posts() {
        assert!(!dot.contains(&format!("\n  \"{}\" [label", p.key)), "post {} drawn as a box", p.key);
    }
    insta::assert_snapshot!(dot);
}

/// The boxes of the SVG, each as its tooltip and its outer rectangle.
fn boxes(doc: &roxmltree::Document<'_>) -> Vec<(String, [f64; 4], usize)> {
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    let num = |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    posts
        .children()
        .filter(|n| n.is_element())
        .map(|g| {
            let tip = g.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or("").to_owned();
            let rects: Vec<_> = g.children().filter(|c| c.has_tag_name("rect")).collect();
            let r = rects[0];
            (tip, [num(r, "x"), num(r, "y"), num(r, "width"), num(r, "height")], rects.len())
        })
        .collect()
}

#[test]
fn svg_at_unit_level_is_well_formed_paints_and_keeps_boxes_apart() {
    for d in [de_bilt_bodies(), de_bilt_seed()] {
        let svg = render::to_svg(&d, &units()).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        let inked = pixmap.pixels().iter().filter(|p| (p.red(), p.green(), p.blue()) != (255, 255, 255)).count();
        assert!(inked > 1000, "only {inked} pixels painted");
        let b = boxes(&doc);
        assert_eq!(b.len(), d.units().len());
        for (i, (_, r, _)) in b.iter().enumerate() {
            for (_, s, _) in &b[i + 1..] {
                let apart = r[0] + r[2] <= s[0] || s[0] + s[2] <= r[0] || r[1] + r[3] <= s[1] || s[1] + s[3] <= r[1];
                assert!(apart, "{r:?} overlaps {s:?}");
            }
        }
        // The unit's name is on its box; the legend names the placement.
        for u in d.units() {
            assert!(b.iter().any(|(tip, ..)| tip.starts_with(&format!("{} ({})", u.name, u.key))), "{}", u.key);
        }
        assert!(svg.contains(">placed in</text>"), "{svg}");
    }
    // The collective leadership has a double outline; the other boxes one.
    let svg = render::to_svg(&de_bilt_bodies(), &units()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let outlines: Vec<(String, usize)> = boxes(&doc).into_iter().map(|(t, _, n)| (t, n)).collect();
    for (tip, n) in outlines {
        assert_eq!(n, if tip.starts_with("Team directie (directie)") { 2 } else { 1 }, "{tip}");
    }
}

#[test]
fn unit_and_depth_select_in_the_unit_tree() {
    let d = de_bilt_seed();
    let dot = render::to_dot(&d, &units().with_unit(Some("gebieden".into()))).unwrap();
    assert!(
        dot.contains("label=\"De Bilt 2018 (structure from the seed document; staffing synthetic): Eenheid Gebieden\"")
    );
    assert!(dot.contains(r#""gebied-bilthoven" -> "gebied-bilthoven-ml";"#), "{dot}");
    assert!(!dot.contains(r#""directie" [label"#), "{dot}");
    assert!(!dot.contains(r#""inwonerplein" [label"#), "{dot}");

    let dot = render::to_dot(&d, &units().with_unit(Some("gebieden".into())).with_depth(Some(1))).unwrap();
    assert!(dot.contains(r#""gebied-bilthoven" [label"#), "{dot}");
    assert!(!dot.contains(r#""gebied-bilthoven-ml" [label"#), "{dot}");
    assert!(dot.contains("unit(s) placed below the depth limit are not drawn"), "{dot}");

    let dot = render::to_dot(&d, &units().with_depth(Some(0))).unwrap();
    assert!(dot.contains(r#""directie" [label"#) && !dot.contains(r#""gebieden" [label"#), "{dot}");

    let err = render::to_dot(&d, &units().with_unit(Some("nope".into()))).unwrap_err();
    assert_eq!(err, RenderError::UnknownUnit { key: "nope".into(), as_of: None });
}

#[test]
fn as_of_applies_at_unit_level() {
    let d = de_bilt_seed();
    let day = units().with_as_of(Some(harkje::date(2018, 6, 1)));
    let dot = render::to_dot(&d, &day).unwrap();
    assert!(dot.contains("(as of 2018-06-01)"), "{dot}");
}

#[test]
fn cli_draws_units_with_level_units() {
    let o = harkje(&["render", "examples/data/de-bilt-2018/design.json", "--format", "mermaid", "--level", "units"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("<b>Eenheid Gebieden</b>"), "{out}");
    let o = harkje(&["render", "examples/data/de-bilt-2018/design.json", "--format", "dot", "--level", "posts"]);
    assert!(!stdout(&o).contains("<b>Eenheid Gebieden</b>") && !stdout(&o).contains("Eenheid Gebieden\\nDirectielid"));
    assert!(!stderr(&o).contains("drawing the units"), "{}", stderr(&o));
    // 179 posts: above the size where the unit level is the default, and stderr says so.
    let o = harkje(&["render", "examples/data/de-bilt-2018/design.json", "--format", "dot"]);
    assert!(stdout(&o).contains("Eenheid Gebieden\\nDirectielid"), "{}", stdout(&o));
    assert!(stderr(&o).contains("note: 179 posts (more than 150): drawing the units"), "{}", stderr(&o));
    // The tutorial's 7 posts stay posts.
    let o = harkje(&["render", "examples/data/tutorial/design.json", "--format", "dot"]);
    assert!(!stderr(&o).contains("drawing the units"), "{}", stderr(&o));
    assert!(!stdout(&o).contains("posten · ") && !stdout(&o).contains("post · "), "{}", stdout(&o));
    let o = harkje(&["render", "examples/data/de-bilt-2018/design.json", "--format", "dot", "--level", "teams"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("teams"), "{}", stderr(&o));
}

#[test]
fn the_unit_level_example_picture_matches_the_code() {
    // `cargo run --example picture` writes exactly this, in Dutch as `harkje render` draws it;
    // run it when this fails.
    let svg = render::to_svg(&de_bilt_seed(), &units().with_language(harkje::Language::Dutch)).unwrap();
    let committed = read(&root().join("docs/de-bilt-units.svg"));
    assert!(committed == svg, "docs/de-bilt-units.svg is stale: run `cargo run --example picture`");
}

#[test]
fn each_kind_of_line_has_its_own_dash_pattern_in_the_legend() {
    let svg = render::to_svg(&de_bilt_seed(), &units()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend = doc.descendants().find(|n| n.attribute("id") == Some("legend")).unwrap();
    let dashes: Vec<&str> = legend
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.attribute("stroke-dasharray"))
        .collect();
    // accountable to, development, coaching
    assert_eq!(dashes.len(), 3, "{dashes:?}");
    let distinct: std::collections::BTreeSet<&str> = dashes.iter().copied().collect();
    assert_eq!(distinct.len(), dashes.len(), "{dashes:?}");
}

#[test]
fn a_chain_of_20_000_units_renders_without_overflowing_the_stack() {
    let n = 20_000;
    let mut s = String::from(r#"{"version":1,"name":"keten","units":["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let parent = if i == 0 { String::new() } else { format!(r#","parent":"u{}""#, i - 1) };
        s.push_str(&format!(r#"{{"key":"u{i}","name":"Eenheid {i}","kind":"eenheid"{parent}}}"#));
    }
    s.push_str(r#"],"posts":[{"key":"p0","title":"Top","role":"directeur","unit":"u0"}]}"#);
    let d = from_json(s.as_bytes()).unwrap();
    // Run on a thread with a small stack: recursion would overflow it.
    let (svg, dot) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || (render::to_svg(&d, &units()).unwrap(), render::to_dot(&d, &units()).unwrap()))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(svg.matches("<g><title>").count(), n);
    assert!(dot.contains(r#""u19998" -> "u19999";"#));
    assert!(dot.contains(r#""u0" [label="Eenheid 0\nTop\n1 post · 1 FTE\nu0""#), "{}", &dot[..600]);
}

#[test]
fn parties_and_portfolios_are_drawn_between_units_when_asked() {
    let d = harkje::format::from_json_file(fixture("designs/almelo-parties.json")).unwrap();
    let dot = render::to_dot(&d, &units().with_parties(true)).unwrap();
    assert!(dot.contains(r#""parties/college" -> "directie" [style=dashed"#), "{dot}");
    assert!(dot.contains(r#""directie" -> "parties/college" [style=dotted"#), "{dot}");
    assert!(!render::to_dot(&d, &units()).unwrap().contains("parties/college"));
    let d = harkje::format::from_json_file(fixture("designs/hengelo-portfolios.json")).unwrap();
    let with = render::to_dot(&d, &units().with_portfolios(true)).unwrap();
    // Three portfolios of concernmanagers in the directie, each to its opgave.
    assert_eq!(with.matches("label=\"aandachtsgebied\"").count(), 3, "{with}");
    assert!(with.contains(r#""directie" -> "opgave-omgevingswet""#), "{with}");
    assert!(!render::to_dot(&d, &units()).unwrap().contains("label=\"aandachtsgebied\""));
}

#[test]
fn unit_boxes_show_filled_and_vacant_fte_and_open_findings() {
    let d = de_bilt_seed();
    let dot = render::to_dot(&d, &units()).unwrap();
    // De Bilt says who holds its posts: each box says what is vacant, or that all is filled.
    assert!(dot.contains("14 posts · 12.53 FTE, "), "{dot}");
    assert!(dot.contains("all filled") || dot.contains(" vacant"), "{dot}");
    // Almelo's new design has no appointments: no claim about vacancies.
    let almelo = harkje::format::from_json_file(root().join("examples/data/almelo-2018/new.json")).unwrap();
    let dot = render::to_dot(&almelo, &units()).unwrap();
    assert!(!dot.contains("vacant") && !dot.contains("all filled"), "{dot}");
    // A finding about a post is counted on the box of its unit, at the unit level only.
    let report = harkje::check::check(&almelo, &harkje::check::Policy::preset("almelo-2018").unwrap());
    let open = report.diagnostics().iter().filter(|f| f.severity >= harkje::diagnostic::Severity::Warning).count();
    assert!(open > 0, "the almelo preset finds something in the new design");
    let options = units().with_findings(&report);
    let dot = render::to_dot(&almelo, &options).unwrap();
    assert!(dot.contains("open finding"), "{dot}");
    let svg = render::to_svg(&almelo, &options).unwrap();
    assert!(svg.contains(r#"<g class="findings">"#) && svg.contains("open findings</text>"), "{svg}");
    let o = harkje(&["render", "examples/data/almelo-2018/new.json", "--format", "dot", "--policy", "almelo-2018"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The command line draws in Dutch.
    assert!(stdout(&o).contains("open bevinding"), "{}", stdout(&o));
}

/// The pages of a PDF: `/Type /Page` objects, not the `/Type /Pages` tree.
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

const SEEDS: [&str; 5] = [
    "examples/data/almelo-2018/new.json",
    "examples/data/amersfoort-2015/new.json",
    "examples/data/de-bilt-2018/design.json",
    "examples/data/hengelo-2021/new.json",
    "examples/data/gemeente-2024/new.json",
];

#[test]
fn each_seed_on_a3_names_every_unit_and_fits_the_page() {
    let a3 = units().with_page(Some(render::Page::A3));
    for file in SEEDS {
        let d = harkje::format::from_json_file(root().join(file)).unwrap();
        let svg = render::to_svg(&d, &a3).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let top = doc.root_element();
        assert_eq!((top.attribute("width"), top.attribute("height")), (Some("420mm"), Some("297mm")), "{file}");
        // The view box has the page's shape and holds every box.
        let vb: Vec<f64> = top.attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
        assert!(((vb[2] / vb[3]) - 420.0 / 297.0).abs() < 0.01, "{file}: {vb:?}");
        // Text no smaller than 6 pt on paper: the 12 px text scaled by the page.
        let pt_per_px = 420.0 / 25.4 * 72.0 / vb[2];
        assert!(12.0 * pt_per_px >= 6.0, "{file}: 12 px text prints at {:.1} pt", 12.0 * pt_per_px);
        let boxes = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
        for rect in boxes.descendants().filter(|n| n.has_tag_name("rect")) {
            let x: f64 = rect.attribute("x").unwrap().parse().unwrap();
            let y: f64 = rect.attribute("y").unwrap().parse().unwrap();
            let w: f64 = rect.attribute("width").unwrap().parse().unwrap();
            let h: f64 = rect.attribute("height").unwrap().parse().unwrap();
            assert!(x >= 0.0 && y >= 0.0 && x + w <= vb[2] && y + h <= vb[3], "{file}: a box off the page");
        }
        // Every unit is named: the tooltip of its box carries the whole name.
        let titles: Vec<&str> =
            boxes.descendants().filter(|n| n.has_tag_name("title")).filter_map(|t| t.text()).collect();
        for u in d.units() {
            let tip = format!("{} ({})", u.name, u.key);
            assert!(titles.iter().any(|t| t.starts_with(&tip)), "{file}: no box for {tip}");
        }
    }
}

#[test]
fn cli_page_fits_svg_and_refuses_dot() {
    let o = harkje(&["render", SEEDS[0], "--format", "svg", "--level", "units", "--page", "a4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm""#));
    let o = harkje(&["render", SEEDS[0], "--format", "svg", "--level", "units"]);
    assert!(!stdout(&o).contains("mm\""), "no page unless asked");
    let o = harkje(&["render", SEEDS[0], "--format", "dot", "--page", "a3"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--page fits the pictures harkje lays out"), "{}", stderr(&o));
}

#[test]
fn cli_pdf_has_one_page_or_one_per_unit() {
    let dir = crate::support::temp_dir("render-pdf");
    let one = dir.join("almelo.pdf");
    let o = harkje(&["render", SEEDS[0], "--format", "pdf", "--level", "units", "-o", one.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(&one).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pdf_pages(&pdf), 1);
    // A3 landscape in points.
    assert!(String::from_utf8_lossy(&pdf).contains("/MediaBox [0 0 1190.55"), "A3 landscape");
    // Almelo: the overview, then each eenheid that has teams of its own.
    let d = harkje::format::from_json_file(root().join(SEEDS[0])).unwrap();
    let top = d.units().find(|u| u.parent.is_none() && d.units().any(|c| c.parent == Some(u.id))).unwrap();
    let with_units =
        d.units().filter(|u| u.parent == Some(top.id) && d.units().any(|c| c.parent == Some(u.id))).count();
    assert!(with_units >= 4, "{with_units}");
    let many = dir.join("almelo-pages.pdf");
    let o = harkje(&[
        "render",
        SEEDS[0],
        "--format",
        "pdf",
        "--level",
        "units",
        "--page",
        "a4",
        "--page-per-unit",
        "-o",
        many.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(&many).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pdf_pages(&pdf), 1 + with_units);
    assert!(String::from_utf8_lossy(&pdf).contains("/MediaBox [0 0 841.8"), "A4 landscape");
    // As SVG: numbered files beside -o, and standard output is refused.
    let svg = dir.join("almelo.svg");
    let o = harkje(&[
        "render",
        SEEDS[0],
        "--format",
        "svg",
        "--level",
        "units",
        "--page-per-unit",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for k in 1..=1 + with_units {
        let page = read(&dir.join(format!("almelo-{k}.svg")));
        assert!(page.starts_with("<svg"), "page {k}");
    }
    assert!(!dir.join(format!("almelo-{}.svg", 2 + with_units)).exists());
    let o = harkje(&["render", SEEDS[0], "--format", "svg", "--level", "units", "--page-per-unit"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("give `-o FILE`"), "{}", stderr(&o));
}

/// A routed line: the points of its polyline.
type Polyline = Vec<(f64, f64)>;

/// The boxes (x, y, width, height) and the routed lines of an SVG.
fn boxes_and_routes(svg: &str) -> (Vec<[f64; 4]>, Vec<Polyline>) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let f = |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    // The box of each unit: the first rectangle of its group.
    let boxes: Vec<[f64; 4]> = posts
        .children()
        .filter(|g| g.is_element())
        .filter_map(|g| g.children().find(|c| c.has_tag_name("rect")))
        .map(|r| [f(r, "x"), f(r, "y"), f(r, "width"), f(r, "height")])
        .collect();
    let routes = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("steering"))
        .map(|g| {
            g.children()
                .filter(|p| p.has_tag_name("path"))
                .map(|p| {
                    let d = p.attribute("d").unwrap();
                    assert!(!d.contains('Q'), "a routed line is straight segments: {d}");
                    d.split(['M', 'L'])
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| {
                            let v: Vec<f64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();
                            (v[0], v[1])
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    (boxes, routes)
}

/// Whether an axis-parallel segment passes through the inside of a box.
fn crosses(a: (f64, f64), b: (f64, f64), r: [f64; 4]) -> bool {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    x1 > r[0] + 0.5 && x0 < r[0] + r[2] - 0.5 && y1 > r[1] + 0.5 && y0 < r[1] + r[3] - 0.5
}

/// A design of `parents.len()` units, unit i placed in unit `parents[i]`
/// (when that is an earlier unit), a head post in each, and an assignment
/// for each (agent unit, target unit, kind) of `lines`.
fn random_units(parents: &[usize], lines: &[(usize, usize, usize)]) -> harkje::Design {
    use harkje::model::TargetKey;
    let kinds = [
        harkje::SteeringKind::Programme,
        harkje::SteeringKind::Area,
        harkje::SteeringKind::Process,
        harkje::SteeringKind::Development,
    ];
    let mut b = harkje::DesignBuilder::new("Willekeurig");
    for (i, &p) in parents.iter().enumerate() {
        let kind = if i == 0 { harkje::UnitKind::Directie } else { harkje::UnitKind::Team };
        let u = b.unit(&format!("u{i}"), &format!("Eenheid {i}"), kind);
        if p < i {
            u.parent(&format!("u{p}"));
        }
        let post = b.post(&format!("h{i}"), &format!("Hoofd {i}"), "hoofd");
        post.unit(&format!("u{i}"));
        if p < i {
            post.reports_to(&format!("h{p}"));
        }
    }
    for (k, &(from, to, kind)) in lines.iter().enumerate() {
        let (from, to) = (from % parents.len(), to % parents.len());
        b.assignment(&format!("a{k}"), kinds[kind % 4], &format!("h{from}"), TargetKey::Unit(format!("u{to}")));
    }
    b.build().unwrap()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// No routed segment crosses the inside of a box, with or without a page,
    /// and every line is routed, bundled, or drawn as a curve behind the
    /// boxes with a note saying so.
    #[test]
    fn no_routed_segment_crosses_a_box(
        raw in proptest::collection::vec(0usize..40, 2..40),
        lines in proptest::collection::vec((0usize..40, 0usize..40, 0usize..4), 0..30),
        page in proptest::bool::ANY,
    ) {
        let parents: Vec<usize> = raw.iter().enumerate().map(|(i, &p)| if i == 0 { 0 } else { p % (i + 1) }).collect();
        let d = random_units(&parents, &lines);
        let options = units().with_page(page.then_some(render::Page::A4));
        let svg = render::to_svg(&d, &options).unwrap();
        let (boxes, routes) = boxes_and_routes(&svg);
        proptest::prop_assert_eq!(boxes.len(), parents.len());
        for path in &routes {
            proptest::prop_assert!(path.len() >= 2);
            for w in path.windows(2) {
                proptest::prop_assert!(w[0].0 == w[1].0 || w[0].1 == w[1].1, "not orthogonal: {:?}", w);
                for r in &boxes {
                    proptest::prop_assert!(!crosses(w[0], w[1], *r), "segment {:?} crosses box {:?}", w, r);
                }
            }
        }
        if svg.contains(r#"id="unrouted""#) {
            proptest::prop_assert!(svg.contains("found no route around the boxes"));
        }
    }
}

#[test]
fn the_seeds_route_every_line_around_the_boxes() {
    for file in SEEDS {
        let d = harkje::format::from_json_file(root().join(file)).unwrap();
        for page in [None, Some(render::Page::A3)] {
            let svg = render::to_svg(&d, &units().with_page(page)).unwrap();
            assert!(!svg.contains(r#"id="unrouted""#), "{file} {page:?}: a line found no route");
            let (boxes, routes) = boxes_and_routes(&svg);
            for w in routes.iter().flat_map(|p| p.windows(2)) {
                assert!(boxes.iter().all(|r| !crosses(w[0], w[1], *r)), "{file}: {w:?}");
            }
        }
    }
}

#[test]
fn a_fan_of_coaching_lines_becomes_badges() {
    // De Bilt: the teamcoaches in Team directie coach the self-steering teams.
    let svg = render::to_svg(&de_bilt_seed(), &units()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let badges = doc.descendants().find(|n| n.attribute("id") == Some("bundles")).unwrap();
    let texts: Vec<&str> = badges.descendants().filter(|n| n.has_tag_name("text")).filter_map(|t| t.text()).collect();
    let fan = texts.iter().find(|t| t.starts_with("coaching → ")).unwrap();
    let count: usize = fan.trim_start_matches("coaching → ").parse().unwrap();
    assert!(count >= 12, "{fan}");
    assert_eq!(texts.iter().filter(|t| **t == "coaching").count(), count, "{texts:?}");
    // The legend says where they come from; no coaching line is drawn.
    assert!(svg.contains(&format!("{count} lines from Team directie to the {count} units marked")), "{svg}");
    let steering = doc.descendants().find(|n| n.attribute("id") == Some("steering")).unwrap();
    assert!(
        !steering
            .descendants()
            .any(|p| p.has_tag_name("path") && p.attribute("marker-end") == Some("url(#arrow-coaching)"))
    );
}

#[test]
fn svg_structure_of_a_small_unit_design() {
    // Four lines of one kind from one unit (badges), one of another (routed).
    let d = random_units(&[0, 0, 0, 0, 0, 1], &[(1, 2, 0), (1, 3, 0), (1, 4, 0), (1, 5, 0), (2, 3, 1)]);
    let svg = render::to_svg(&d, &units().with_page(Some(render::Page::A4))).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // The outline: each element with its id, class or the text it shows.
    let mut outline = String::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let depth = n.ancestors().filter(|a| a.is_element()).count() - 1;
        let what = n
            .attribute("id")
            .map(|i| format!("#{i}"))
            .or_else(|| n.attribute("class").map(|c| format!(".{c}")))
            .or_else(|| n.text().filter(|t| !t.trim().is_empty()).map(|t| format!("{t:?}")))
            .or_else(|| n.attribute("d").map(|d| format!("d={d}")))
            .unwrap_or_default();
        outline.push_str(&format!("{}{} {what}\n", "  ".repeat(depth), n.tag_name().name()));
    }
    insta::assert_snapshot!(outline);
}

/// English phrases of the pictures that a Dutch picture must not show.
const ENGLISH: [&str; 16] = [
    "posts ·",
    " FTE",
    "all filled",
    "led together",
    "leads together",
    "self-steering",
    "no head",
    "placed in<",
    "placed elsewhere",
    "accountable",
    "open finding",
    "note:",
    "programme",
    "development",
    "not drawn",
    "as of",
];

#[test]
fn pictures_speak_dutch_when_asked() {
    use harkje::Language;
    let nl = units().with_language(Language::Dutch);
    let bodies = de_bilt_bodies();
    let dot = render::to_dot(&bodies, &nl).unwrap();
    assert!(
        dot.contains(r#""directie" [label="Team directie\nsamen geleid door 3\n4 posten · 4 fte\ndirectie""#),
        "{dot}"
    );
    assert!(dot.contains("zelfsturend, coach: Teamcoach"), "{dot}");
    let mermaid = render::to_mermaid(&bodies, &nl).unwrap();
    insta::assert_snapshot!("mermaid_of_de_bilts_bodies_in_dutch", mermaid);
    // The seeds at both levels, in every format, with findings, parties,
    // portfolios, a day and a depth limit: no English word of harkje's own.
    let almelo = harkje::format::from_json_file(root().join("examples/data/almelo-2018/new.json")).unwrap();
    let report = harkje::check::check(&almelo, &harkje::check::Policy::preset("almelo-2018").unwrap());
    for (design, options) in [
        (&almelo, nl.clone().with_findings(&report).with_parties(true).with_portfolios(true)),
        (&almelo, nl.clone().with_level(Level::Posts).with_depth(Some(2)).with_parties(true)),
        (&de_bilt_seed(), nl.clone().with_as_of(Some(harkje::date(2018, 6, 1))).with_depth(Some(1))),
        (&de_bilt_seed(), nl.clone().with_level(Level::Posts).with_as_of(Some(harkje::date(2019, 6, 1)))),
    ] {
        for text in [
            render::to_svg(design, &options).unwrap(),
            render::to_dot(design, &options).unwrap(),
            render::to_mermaid(design, &options).unwrap(),
        ] {
            // The SVG's marker ids and Mermaid's class names name the kinds
            // in English; no one reads them.
            let mut seen: String =
                text.lines().filter(|l| !l.trim_start().starts_with("class")).collect::<Vec<_>>().join("\n");
            for kind in ["accountable", "commissions", "escalates", "programme", "development"] {
                seen = seen.replace(&format!("arrow-{kind}"), "arrow");
            }
            for word in ENGLISH {
                assert!(!seen.contains(word), "`{word}` in a Dutch picture:\n{text}");
            }
        }
    }
    // Numbers with a decimal comma; the same pictures in English say it in English.
    let svg = render::to_svg(&de_bilt_seed(), &nl).unwrap();
    assert!(svg.contains("14 posten · 12,53 fte"), "{svg}");
    assert!(svg.contains(">geplaatst in</text>") && svg.contains("verantwoording aan"), "{svg}");
    let en = render::to_svg(&de_bilt_seed(), &units()).unwrap();
    assert!(en.contains("14 posts · 12.53 FTE") && en.contains(">placed in</text>"), "{en}");
    // The command line: Dutch by default, English on request.
    let o = harkje(&["render", "examples/data/de-bilt-2018/design.json", "--format", "svg", "--level", "units"]);
    assert_eq!(stdout(&o), svg);
    let o = harkje(&[
        "render",
        "examples/data/de-bilt-2018/design.json",
        "--format",
        "svg",
        "--level",
        "units",
        "--lang",
        "en",
    ]);
    assert_eq!(stdout(&o), en);
    let o = harkje(&["render", "examples/data/de-bilt-2018/design.json", "--format", "svg", "--lang", "de"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("[possible values: nl, en]"), "{}", stderr(&o));
    // The interactive view follows `--lang` too: Dutch by default, its
    // script's words included, English on request.
    let html = |lang: &[&str]| {
        let mut args = vec!["render", "tests/fixtures/bodies/de-bilt.json", "--format", "html", "--level", "units"];
        args.extend_from_slice(lang);
        let o = harkje(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stderr(&o), "", "no note about the language");
        stdout(&o)
    };
    let nl = html(&[]);
    assert!(nl.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(nl.contains("samen geleid door 3") && !nl.contains("led together"));
    assert!(nl.contains(r#""locale":"nl-NL""#) && nl.contains(r#""below":"Eronder: ""#));
    assert!(nl.contains(">Alles inklappen</button>"));
    let en = html(&["--lang", "en"]);
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("led together by 3") && !en.contains("samen geleid"));
    assert!(en.contains(r#""locale":"en-GB""#) && en.contains(r#""below":"Below: ""#));
    assert!(en.contains(">Collapse all</button>") && en.contains("Organogram of the units"));
    assert_eq!(html(&["--lang", "nl"]), nl);
}

#[test]
fn with_parties_the_raad_and_the_college_stand_above_the_directie_with_their_lines() {
    let d = from_json(read(&fixture("designs/almelo-parties.json")).as_bytes()).unwrap();
    let options = units().with_parties(true);
    let svg = render::to_svg(&d, &options).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let posts = doc.descendants().find(|n| n.attribute("id") == Some("posts")).unwrap();
    let at = |key: &str| {
        let g = posts
            .children()
            .find(|g| {
                g.children()
                    .any(|c| c.has_tag_name("title") && c.text().is_some_and(|t| t.contains(&format!("({key})"))))
            })
            .unwrap_or_else(|| panic!("no box {key}"));
        let r = g.children().find(|c| c.has_tag_name("rect")).unwrap();
        let f = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
        (f("x"), f("y"))
    };
    let (raad, griffie, college, directie) =
        (at("parties/raad"), at("parties/griffie"), at("parties/college"), at("directie"));
    // The raad on top with its griffie beside it, the college under it, the directie under that.
    assert!(raad.1 < college.1 && college.1 < directie.1, "{raad:?} {college:?} {directie:?}");
    assert_eq!(raad.1, griffie.1);
    assert!(griffie.0 > raad.0);
    // Centred over the directie.
    assert_eq!(raad.0, directie.0);
    assert_eq!(college.0, directie.0);
    // Every box above the top of the organisation is a party.
    for g in posts.children().filter(|n| n.is_element()) {
        let r = g.children().find(|c| c.has_tag_name("rect")).unwrap();
        let y: f64 = r.attribute("y").unwrap().parse().unwrap();
        let tip = g.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap();
        assert!(y >= directie.1 || tip.contains("(parties/"), "{tip} above the directie");
    }
    // The directie answers to the college, the college to the raad: both drawn, routed.
    let steering = doc.descendants().find(|n| n.attribute("id") == Some("steering")).unwrap();
    let labels: Vec<&str> =
        steering.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
    assert_eq!(labels.iter().filter(|l| **l == "accountable to").count(), 3, "{labels:?}");
    assert!(svg.contains("<title>College van B&amp;W (parties/college)"), "{svg}");

    let dot = render::to_dot(&d, &options).unwrap();
    assert!(dot.contains(r#"{ rank=min; "parties/griffie"; "parties/raad"; }"#), "{dot}");
    assert!(dot.contains(r#""parties/raad" -> "parties/college" [style=invis];"#), "{dot}");
    assert!(dot.contains(r#""parties/college" -> "directie" [style=invis];"#), "{dot}");
    assert!(dot.contains(r#""parties/college" -> "parties/raad" [style=dotted"#), "{dot}");
    let mermaid = render::to_mermaid(&d, &options).unwrap();
    assert!(mermaid.contains("~~~"), "{mermaid}");
    insta::assert_snapshot!("units_parties_mermaid", mermaid);
}
