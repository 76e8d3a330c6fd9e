//! Dated relations and values: a post's line, unit and FTE, a unit's parent
//! and kind, each given for periods.

use harkje::check::{Checker, Policy};
use harkje::format::{from_json, from_json_file, to_json};
use harkje::model::{Dated, PostDated};
use harkje::{Design, EditError, Period, Post, PostId, UnitKind, date};

use crate::support::{fixture, harkje, read, stderr, stdout};

fn almelo() -> Design {
    from_json_file(fixture("dated/almelo-adviespool.json")).unwrap()
}

fn manager(d: &Design, post: &str) -> Option<String> {
    let p = d.post_by_key(post).unwrap();
    p.reports_to.and_then(|m| d.post(m)).map(|m| m.key.to_string())
}

#[test]
fn the_line_moves_on_its_day() {
    let d = almelo();
    let before = d.as_of(date(2020, 6, 30));
    let after = d.as_of(date(2020, 7, 1));
    assert_eq!(manager(&before, "adviseur-1-2").as_deref(), Some("teammanager-adviespool-1"));
    assert_eq!(manager(&after, "adviseur-1-2").as_deref(), Some("hoofd-adviespool"));
    // The design as of a day has no dated fields left.
    assert!(!after.has_dated_values());
    // Read without a day, a dated field holds the value of its last period.
    assert_eq!(manager(&d, "adviseur-1-2").as_deref(), Some("hoofd-adviespool"));
    // Values and a unit's parent and kind change too.
    let h = |d: &Design| d.post_by_key("handhaver-1").map(|p| (p.fte, p.scale)).unwrap();
    assert_eq!(h(&d.as_of(date(2019, 12, 31))), (0.8, Some(9 - 1)));
    assert_eq!(h(&d.as_of(date(2020, 1, 1))), (1.0, Some(9)));
    let vth = |d: &Design| {
        let u = d.unit_by_key("regelgeving-handhaving").unwrap();
        (u.kind, u.parent.and_then(|p| d.unit(p)).map(|p| p.key.clone()))
    };
    assert_eq!(vth(&d.as_of(date(2019, 6, 1))), (UnitKind::Team, Some("kcc".to_owned())));
    assert_eq!(vth(&d.as_of(date(2020, 6, 1))), (UnitKind::Pool, Some("directie".to_owned())));
}

#[test]
fn checked_after_the_teammanagers_leave_nobody_is_unmanaged() {
    let d = almelo();
    let policy = Policy::preset("almelo-2018").unwrap();
    for day in [date(2019, 1, 1), date(2020, 7, 1)] {
        let r = Checker::new(policy.clone()).check_on(&d, day);
        assert_eq!(r.of_rule("missing-line-manager").count(), 0, "{}", r.to_text());
        assert_eq!(r.of_rule("reference-ended").count(), 0, "{}", r.to_text());
        assert_eq!(r.of_rule("dated-value-gap").count(), 0, "{}", r.to_text());
    }
    let r = Checker::new(policy).check_on(&d, date(2020, 7, 1));
    insta::assert_snapshot!(r.to_text());
}

#[test]
fn a_dated_design_saves_and_loads_to_the_same_bytes() {
    let text = read(&fixture("dated/almelo-adviespool.json"));
    let d = from_json(text.as_bytes()).unwrap();
    let saved = to_json(&d);
    assert_eq!(saved, text, "the fixture is in canonical form");
    assert_eq!(from_json(saved.as_bytes()).unwrap(), d);
}

#[test]
fn dated_values_given_out_of_order_are_kept_in_order() {
    let text = r#"{"version": 1, "name": "x", "posts": [
  {"key": "a", "title": "A"}, {"key": "b", "title": "B"},
  {"key": "p", "title": "P", "reports_to": [{"post": "b", "from": "2021-01-01"}, {"post": "a", "until": "2020-12-31"}]}
]}"#;
    let d = from_json(text.as_bytes()).unwrap();
    let saved = to_json(&d);
    assert!(saved.find("\"a\"").unwrap() < saved.find("\"b\"").unwrap(), "{saved}");
    let p = d.post_by_key("p").unwrap();
    assert_eq!(p.reports_to, Some(PostId::from_key("b")));
}

#[test]
fn every_bad_timeline_is_an_error_with_its_place() {
    let err = from_json_file(fixture("dated/bad.json")).unwrap_err();
    let shown: Vec<String> = err.problems.iter().map(|p| p.to_string()).collect();
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn edits_refuse_bad_timelines() {
    let mut d = Design::new("x");
    let a = d.add_post(Post::new("a", "A", "hoofd")).unwrap();
    let b = d.add_post(Post::new("b", "B", "hoofd")).unwrap();
    let mut p = Post::new("p", "P", "medewerker");
    p.valid = Period::new(Some(date(2020, 1, 1)), None);
    let dated = PostDated::default().with_reports_to(vec![
        Dated::new(a, Period::new(None, Some(date(2020, 6, 30)))),
        Dated::new(b, Period::new(Some(date(2020, 6, 1)), None)),
    ]);
    p.dated = Some(Box::new(dated));
    let e = d.add_post(p.clone()).unwrap_err();
    assert!(matches!(e, EditError::InvalidValue { field: "reports_to", .. }), "{e}");
    assert!(e.to_string().contains("overlaps value 0"), "{e}");
    // A dated manager below the post is a cycle.
    let p = d.add_post(Post::new("p", "P", "medewerker")).unwrap();
    d.set_reports_to(a, Some(p)).unwrap();
    let list = vec![Dated::new(a, Period::starting(date(2021, 1, 1)))];
    let e = d.set_reports_to_dated(p, list).unwrap_err();
    assert!(matches!(e, EditError::LineCycle { .. }), "{e}");
    // A dated reference keeps its target from being removed.
    d.set_reports_to(a, None).unwrap();
    d.set_reports_to_dated(p, vec![Dated::new(b, Period::starting(date(2021, 1, 1)))]).unwrap();
    let e = d.remove_post(b).unwrap_err();
    assert!(matches!(e, EditError::StillReferenced { .. }), "{e}");
}

#[test]
fn diff_compares_one_design_on_two_days() {
    let file = fixture("dated/almelo-adviespool.json");
    let path = file.to_str().unwrap();
    let o = harkje(&["diff", path, "--old-as-of", "2020-06-30", "--new-as-of", "2020-07-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("adviseur-1-1 (line-manager: teammanager-adviespool-1 → hoofd-adviespool)"), "{out}");
    assert!(out.contains("closed    teammanager-adviespool-1"), "{out}");
    let o = harkje(&["diff", path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--old-as-of and --new-as-of"), "{}", stderr(&o));
}

#[test]
fn measuring_without_a_day_says_which_values_it_takes() {
    let file = fixture("dated/almelo-adviespool.json");
    let o = harkje(&["metrics", file.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("has dated values; without --as-of, the measures take each dated field's last value"));
    let o = harkje(&["metrics", file.to_str().unwrap(), "--as-of", "2020-01-01"]);
    assert!(!stderr(&o).contains("dated values"), "{}", stderr(&o));
}

#[test]
fn dated_values_are_exported_with_their_periods() {
    use harkje::export::{self, ExportOptions};
    let d = almelo();
    let o = ExportOptions::default();
    let ttl = export::to_org_turtle(&d, &o).unwrap();
    let t = crate::export::from_turtle(&ttl);
    assert_eq!(t, crate::export::from_jsonld(&export::to_org_jsonld(&d, &o).unwrap()));
    let base = "<urn:harkje:Almelo%202018%3A%20the%20Adviespool%27s%20line%20after%20two%20years%20%28from%20the%20seed%2C%20section%206.1%3B%20dates%20and%20staffing%20synthetic%29";
    let spell = format!("{base}/posts/adviseur-1-1/dated/1>");
    let has = |s: &str, p: &str, o: &str| t.contains(&format!("{s} {p} {o}"));
    assert!(has(&format!("{base}/posts/adviseur-1-1>"), "<urn:harkje:vocab#dated>", &spell));
    assert!(has(&spell, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<urn:harkje:vocab#DatedValue>"));
    assert!(has(&spell, "<urn:harkje:vocab#field>", "\"reports_to\""));
    assert!(has(
        &spell,
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>",
        &format!("{base}/posts/hoofd-adviespool>")
    ));
    let start = format!("{base}/posts/adviseur-1-1/dated/1/period/start>");
    assert!(has(
        &start,
        "<http://www.w3.org/2006/time#inXSDDate>",
        "\"2020-07-01\"^^<http://www.w3.org/2001/XMLSchema#date>"
    ));
    // Popolo: a unit's dated kind stays out, a post's dated unit is a membership per period.
    let popolo: serde_json::Value = serde_json::from_str(&export::to_popolo(&d, &o).unwrap()).unwrap();
    let spells: Vec<&serde_json::Value> =
        popolo["memberships"].as_array().unwrap().iter().filter(|m| m["role"] == "post in unit").collect();
    assert_eq!(spells.len(), 2, "{spells:?}");
    assert_eq!(spells[0]["organization_id"], format!("{}/units/kcc", &base[1..]));
    assert_eq!(spells[0]["end_date"], "2019-12-31");
    assert_eq!(spells[1]["start_date"], "2020-01-01");
}

#[test]
fn diff_names_parties_accountability_and_aandachtsgebieden() {
    // Hengelo on two days: the concernmanager Fysiek's aandachtsgebied ends on 2022-12-31.
    let hengelo = from_json_file(fixture("designs/hengelo-portfolios.json")).unwrap();
    let d = harkje::transition::diff(
        &hengelo.as_of(date(2022, 12, 31)),
        &hengelo.as_of(date(2023, 1, 1)),
        &Default::default(),
    );
    let fysiek = d.posts.iter().find(|p| p.new_key.as_deref() == Some("concernmanager-fysiek")).unwrap();
    assert_eq!(fysiek.changes.len(), 1, "{:?}", fysiek.changes);
    assert_eq!((fysiek.changes[0].old.as_str(), fysiek.changes[0].new.as_str()), ("opgave-omgevingswet", ""));
    assert!(d.to_text("2022", "2023").contains("(aandachtsgebieden: opgave-omgevingswet → (none))"));
    // Almelo: the griffie renamed, an omgevingsdienst added, a foundation gone.
    let text = read(&fixture("designs/almelo-parties.json"));
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let parties = v["parties"].as_array_mut().unwrap();
    parties.push(serde_json::json!({"key": "stichting-wijkwerk", "name": "Stichting Wijkwerk", "kind": "partner"}));
    let old = from_json(v.to_string().as_bytes()).unwrap();
    let parties = v["parties"].as_array_mut().unwrap();
    parties.retain(|p| p["key"] != "stichting-wijkwerk");
    parties.iter_mut().filter(|p| p["key"] == "griffie").for_each(|p| p["name"] = "Raadsgriffie".into());
    parties.push(serde_json::json!({"key": "odt", "name": "Omgevingsdienst Twente", "kind": "partner"}));
    let new = from_json(v.to_string().as_bytes()).unwrap();
    let d = harkje::transition::diff(&old, &new, &Default::default());
    let shown: Vec<String> = d
        .parties
        .iter()
        .map(|p| format!("{} {:?} {:?} {}", p.action.as_str(), p.old_key, p.new_key, p.changes.len()))
        .collect();
    assert_eq!(
        shown,
        [
            "unchanged Some(\"college\") Some(\"college\") 0",
            "changed Some(\"griffie\") Some(\"griffie\") 1",
            "unchanged Some(\"raad\") Some(\"raad\") 0",
            "closed Some(\"stichting-wijkwerk\") None 0",
            "new None Some(\"odt\") 0",
        ]
    );
    assert!(d.to_json().contains("\"parties\""));
}
