//! Collective leadership and self-steering teams, end to end: the seed
//! fixture (De Bilt's directieteam of three and two self-steering teams of
//! the Eenheid Inwonerplein with their teamcoach), measured, checked, drawn,
//! saved and loaded, and the bad input around them.

use harkje::check::{Checker, Policy, Report};
use harkje::format::{from_json, to_json};
use harkje::graph::{Bodies, LineTable};
use harkje::measures;
use harkje::render::{self, RenderOptions};
use harkje::{Design, Post, SelfSteering, Unit, UnitKind};
use jiff::civil::date;

use crate::support::{fixture, harkje, read, stderr, stdout, temp_dir};

const SEED: &str = "bodies/de-bilt.json";
const TREE: &str = "bodies/de-bilt-as-a-tree.json";

fn design(rel: &str) -> Design {
    from_json(read(&fixture(rel)).as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn check(d: &Design) -> Report {
    Checker::new(Policy::default()).check_on(d, date(2018, 6, 1))
}

/// The per-post span of a post, by key.
fn span(d: &Design, m: &measures::Measures, key: &str) -> u32 {
    let line = LineTable::from_design(d);
    let i = (0..line.len()).find(|&i| line.key(i) == key).unwrap();
    m.per_post.span[i]
}

#[test]
fn the_seed_round_trips_with_its_bodies() {
    let text = read(&fixture(SEED));
    let d = from_json(text.as_bytes()).unwrap();
    let saved = to_json(&d);
    let again = from_json(saved.as_bytes()).unwrap();
    assert_eq!(d, again);
    assert_eq!(saved, to_json(&again));
    let directie = d.unit_by_key("directie").unwrap();
    assert!(directie.collective_leadership);
    let team = d.unit_by_key("klantenservice").unwrap().self_steering.unwrap();
    assert_eq!(team.accountable_to, Some(harkje::PostId::from_key("directeur-1")));
    assert_eq!(team.coach, Some(harkje::PostId::from_key("teamcoach-1")));
    assert!(saved.contains("\"collective_leadership\": true"), "{saved}");
    assert!(saved.contains("\"self_steering\": {\n"), "{saved}");
}

#[test]
fn the_collective_is_one_layer_and_a_team_one_report() {
    let d = design(SEED);
    let m = measures::of_design(&d);
    // The three members share the top layer; a fellow member is not a report.
    assert_eq!(m.top_posts, ["directeur-1", "directeur-2", "gemeentesecretaris"]);
    assert_eq!(m.layers, 2);
    assert_eq!(m.management_layers, 1);
    assert_eq!(span(&d, &m, "gemeentesecretaris"), 1, "only the directiesecretaris");
    // The teamcoach and the two teams: three reports, the teams' FTE in full.
    assert_eq!(span(&d, &m, "directeur-1"), 3);
    let i = LineTable::from_design(&d).post_ids().iter().position(|p| *p == harkje::PostId::from_key("directeur-1"));
    assert!((m.per_post.span_fte[i.unwrap()] - 10.2).abs() < 1e-9);
    assert_eq!(m.per_post.headcount_under[i.unwrap()], 12);
    // The same organisation drawn as a tree: one more layer, and the teams'
    // eleven staff all count in the span of directeur-1.
    let t = design(TREE);
    let tm = measures::of_design(&t);
    assert_eq!(tm.layers, 3);
    assert_eq!(span(&t, &tm, "directeur-1"), 11);
    assert_eq!(tm.totals, m.totals);
}

#[test]
fn a_design_without_bodies_measures_exactly_as_before() {
    let d = design(TREE);
    let line = LineTable::from_design(&d);
    assert!(Bodies::new(d.units(), &line).is_empty());
    assert_eq!(measures::of_design(&d), measures::compute(&line));
    // And the check gives the same report as before the bodies existed:
    // through the context, which measures with its bodies.
    let plain = check(&d);
    assert_eq!(plain.of_rule("span-too-wide").count(), 0);
    assert_eq!(plain.of_rule("multiple-top-posts").count(), 0);
}

#[test]
fn metrics_of_the_seed() {
    let o = harkje(&["metrics", &format!("tests/fixtures/{SEED}")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("meet at the collective directie"), "{text}");
    insta::assert_snapshot!(text);
    let o = harkje(&["metrics", &format!("tests/fixtures/{SEED}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["layers"], 2);
    assert_eq!(v["escalations"][0]["collective"], "directie");
    assert_eq!(v["escalations"][0]["steered"], "directeur-1", "a team is steered through the post it answers to");
    assert!(v["escalations"][0]["computed"].is_null());
}

#[test]
fn check_of_the_seed() {
    let d = design(SEED);
    let r = check(&d);
    assert_eq!(r.of_rule("multiple-top-posts").count(), 0, "{}", r.to_text());
    assert_eq!(r.of_rule("missing-line-manager").count(), 0, "{}", r.to_text());
    assert_eq!(r.of_rule("self-steering-without-accountable").count(), 0);
    assert_eq!(r.of_rule("self-steering-member-has-line-manager").count(), 0);
    insta::assert_snapshot!(r.to_text());
}

#[test]
fn without_the_marks_the_same_file_has_three_tops_and_ten_unmanaged_posts() {
    // The marks are what makes the difference: take them out and the
    // directie is three separate tops and the teams' staff have no manager.
    let text = read(&fixture(SEED)).replace("\"collective_leadership\": true,", "");
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for u in v["units"].as_array_mut().unwrap() {
        u.as_object_mut().unwrap().remove("self_steering");
        u.as_object_mut().unwrap().remove("collective_leadership");
    }
    let d = from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    let r = check(&d);
    let tops: Vec<_> = r.of_rule("multiple-top-posts").collect();
    assert_eq!(tops.len(), 1);
    assert!(tops[0].message.contains("3 top posts"), "{}", tops[0].message);
    assert_eq!(r.of_rule("missing-line-manager").count(), 10);
}

#[test]
fn a_collective_among_other_tops_counts_once() {
    // A collective top and a second, separate top post: two tops, and the
    // finding names the collective's unit.
    let mut d = design(SEED);
    let mut other = Post::new("burgemeester-staf", "Stafmedewerker", "gemeentesecretaris");
    other.unit = d.unit_by_key("directie").map(|u| u.id);
    other.role = "algemeen-directeur".into();
    // Not a member: placed outside the collective unit.
    other.unit = d.unit_by_key("inwonerplein").map(|u| u.id);
    d.add_post(other).unwrap();
    let r = check(&d);
    let tops: Vec<_> = r.of_rule("multiple-top-posts").collect();
    assert_eq!(tops.len(), 1, "{}", r.to_text());
    assert!(tops[0].message.contains("2 top posts (`burgemeester-staf` and `directie`)"), "{}", tops[0].message);
}

#[test]
fn pictures_of_the_seed() {
    let d = design(SEED);
    let o = RenderOptions::default();
    let dot = render::to_dot(&d, &o).unwrap();
    assert!(dot.contains("peripheries=2"), "{dot}");
    assert!(dot.contains("[style=dashed]"), "{dot}");
    insta::assert_snapshot!("bodies_dot", dot);
    insta::assert_snapshot!("bodies_mermaid", render::to_mermaid(&d, &o).unwrap());
    let svg = render::to_svg(&d, &o).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // One box for the three members, not three.
    let titles: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text().map(str::to_owned)).collect();
    assert!(titles.iter().any(|t| t.contains("Team directie (directie), leading together")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.starts_with("Directeur (directeur-2)")), "{titles:?}");
    assert!(svg.contains("Team Klantenservice, self-steering"), "the team's box is listed");
    // Paint it, to look at and to know it renders.
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let dir = temp_dir("bodies-picture");
    pixmap.save_png(dir.join("de-bilt.png")).unwrap();
    std::fs::write(dir.join("de-bilt.svg"), &svg).unwrap();
}

fn load_error(name: &str, text: &str) -> String {
    let dir = temp_dir(&format!("bodies-bad-input-{name}"));
    let f = dir.join("bad.json");
    std::fs::write(&f, text).unwrap();
    let o = harkje(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    stderr(&o)
}

const UNITS_HEAD: &str = "{\"version\": 1, \"name\": \"x\",\n\"posts\": [{\"key\": \"gs\", \"title\": \"Gs\", \"role\": \"gemeentesecretaris\"}],\n\"units\": [\n";

#[test]
fn a_team_answering_to_an_unknown_post_names_file_line_and_key() {
    let unit = r#"{"key": "t", "name": "T", "kind": "team",
 "self_steering": {"accountable_to": "dir"}}]}"#;
    let err = load_error("unknown", &format!("{UNITS_HEAD}{unit}"));
    assert!(
        err.contains("bad.json:5:38: /units/0/self_steering/accountable_to: `accountable_to` refers to post `dir`, which is not in the design"),
        "{err}"
    );
}

#[test]
fn a_unit_both_collective_and_self_steering_is_refused() {
    let unit = r#"{"key": "t", "name": "T", "kind": "team", "collective_leadership": true,
 "self_steering": {"accountable_to": "gs"}}]}"#;
    let err = load_error("both", &format!("{UNITS_HEAD}{unit}"));
    assert!(
        err.contains("bad.json:5:19: /units/0/self_steering: unit `t` is both led collectively and self-steering: a self-steering team has no leaders"),
        "{err}"
    );
}

#[test]
fn an_unknown_field_in_self_steering_is_named() {
    let unit = r#"{"key": "t", "name": "T", "kind": "team",
 "self_steering": {"manager": "gs"}}]}"#;
    let err = load_error("field", &format!("{UNITS_HEAD}{unit}"));
    assert!(err.contains("bad.json:5:") && err.contains("/units/0/self_steering") && err.contains("manager"), "{err}");
}

#[test]
fn a_member_with_a_line_manager_is_a_finding_on_its_line() {
    let o = harkje(&[
        "check",
        "tests/fixtures/rules/self-steering-member-has-line-manager/triggers.json",
        "--format",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("::error file=tests/fixtures/rules/self-steering-member-has-line-manager/triggers.json,line=43,title=HK0106 self-steering-member-has-line-manager::posts/m2: `m2` is in self-steering team `team-a` but reports to `gs`"),
        "{out}"
    );
}

#[test]
fn edits_keep_the_references_of_a_team() {
    let mut d = Design::new("t");
    let gs = d.add_post(Post::new("gs", "Gs", "gemeentesecretaris")).unwrap();
    let mut team = Unit::new("team", "Team", UnitKind::Team);
    team.self_steering = Some(SelfSteering::new(Some(harkje::PostId::from_key("nobody")), None));
    let e = d.add_unit(team.clone()).unwrap_err();
    assert!(e.to_string().contains("accountable_to"), "{e}");
    team.self_steering = Some(SelfSteering::new(Some(gs), None));
    let t = d.add_unit(team).unwrap();
    // The accountable post cannot be removed while the team names it.
    assert_eq!(d.references_to(harkje::Target::Post(gs)), ["units/team"]);
    assert!(d.remove_post(gs).is_err());
    d.set_unit_self_steering(t, None).unwrap();
    assert!(d.remove_post(gs).is_ok());
}

#[test]
fn the_builder_makes_both() {
    let mut b = harkje::DesignBuilder::new("De Bilt");
    b.unit("directie", "Team directie", UnitKind::Directie).collective_leadership();
    b.unit("klantenservice", "Team Klantenservice", UnitKind::Team)
        .parent("directie")
        .self_steering(Some("directeur-1"), Some("coach"));
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    b.post("directeur-1", "Directeur", "directeur").unit("directie");
    b.post("coach", "Teamcoach", "teamcoach").unit("directie").reports_to("gs");
    b.post("k1", "Medewerker", "medewerker").unit("klantenservice");
    let d = b.build().unwrap();
    assert!(d.unit_by_key("directie").unwrap().collective_leadership);
    let m = measures::of_design(&d);
    assert_eq!(m.layers, 2);
    assert_eq!(m.top_posts, ["directeur-1", "gs"]);
    // An unknown coach is refused by key.
    let mut b = harkje::DesignBuilder::new("x");
    b.unit("t", "T", UnitKind::Team).self_steering(None, Some("nobody"));
    let e = b.build().unwrap_err();
    assert!(format!("{e:?}").contains("nobody"), "{e:?}");
}

#[test]
fn diff_names_the_change_of_leadership() {
    let o = harkje(&["diff", &format!("tests/fixtures/{TREE}"), &format!("tests/fixtures/{SEED}")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "leadership: (none) → collective",
        "leadership: (none) → self-steering, answers to directeur-1, coach teamcoach-1",
    ] {
        assert!(out.contains(line), "{line} missing:\n{out}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_collective_below_the_top_hangs_where_its_members_say() {
    // Two teammanagers lead a team together; one names the hoofd as its line
    // manager, the other names none. Neither is unmanaged, and they share a
    // layer under the hoofd.
    let mut b = harkje::DesignBuilder::new("Teamleiding");
    b.unit("directie", "Directie", UnitKind::Directie);
    b.unit("team", "Team", UnitKind::Team).parent("directie").collective_leadership();
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    b.post("tm-a", "Teammanager", "teammanager").unit("team").reports_to("gs");
    b.post("tm-b", "Teammanager", "teammanager").unit("team");
    b.post("m1", "Medewerker", "medewerker").unit("team").reports_to("tm-b");
    let d = b.build().unwrap();
    let r = check(&d);
    assert_eq!(r.of_rule("missing-line-manager").count(), 0, "{}", r.to_text());
    let m = measures::of_design(&d);
    assert_eq!(m.top_posts, ["gs"]);
    assert_eq!(m.layers, 3);
    assert_eq!(span(&d, &m, "gs"), 2, "both members hang under the gemeentesecretaris");
    // Without the mark, tm-b is unmanaged.
    let mut plain = d.clone();
    let team = plain.unit_by_key("team").unwrap().id;
    plain.set_unit_collective_leadership(team, false).unwrap();
    let r = check(&plain);
    let found: Vec<_> = r.of_rule("missing-line-manager").map(|f| f.subject.clone()).collect();
    assert_eq!(found, ["posts/tm-b"]);
}
