//! Parties outside the organisation, chains of principals and portfolios
//! (aandachtsgebieden): loading, saving, the model's edits, the day's view,
//! checks, measures, pictures and exports.

use harkje::check::{Policy, check};
use harkje::export::{self, ExportOptions};
use harkje::format::{from_json, to_json};
use harkje::render::{self, RenderOptions};
use harkje::{
    Assignment, Design, DesignBuilder, EditError, Party, PartyKind, Portfolio, Post, SteeringKind, Target, TargetKey,
    Unit, UnitKind, date,
};

use crate::support::{fixture, harkje, stderr, stdout};

fn almelo() -> Design {
    harkje::format::from_json_file(fixture("designs/almelo-parties.json")).unwrap()
}

fn hengelo() -> Design {
    harkje::format::from_json_file(fixture("designs/hengelo-portfolios.json")).unwrap()
}

fn problems(text: &str) -> Vec<String> {
    from_json(text.as_bytes()).unwrap_err().problems.iter().map(|p| p.to_string()).collect()
}

/// The design with its file form edited.
fn edited(d: &Design, edit: impl FnOnce(&mut serde_json::Value)) -> Design {
    let mut v: serde_json::Value = serde_json::from_str(&to_json(d)).unwrap();
    edit(&mut v);
    from_json(v.to_string().as_bytes()).unwrap()
}

fn key(d: &Design, t: Target) -> String {
    d.target_path(t)
}

#[test]
fn the_fixtures_load_save_and_load_the_same() {
    for d in [almelo(), hengelo()] {
        let saved = to_json(&d);
        let again = from_json(saved.as_bytes()).unwrap();
        assert_eq!(d, again);
        assert_eq!(saved, to_json(&again));
    }
}

#[test]
fn a_chain_of_principals_keeps_its_order_and_saves_as_a_list() {
    let d = almelo();
    let a = d.assignment_by_key("omgevingswet").unwrap();
    let chain: Vec<String> = a.principals().map(|t| key(&d, t)).collect();
    assert_eq!(chain, ["parties/college", "units/directie", "posts/adjunct-directeur-2"]);
    assert_eq!(a.principal.map(|t| key(&d, t)).as_deref(), Some("parties/college"));
    let saved: serde_json::Value = serde_json::from_str(&to_json(&d)).unwrap();
    let assignments = saved["assignments"].as_array().unwrap();
    let omgevingswet = assignments.iter().find(|a| a["key"] == "omgevingswet").unwrap();
    assert_eq!(
        omgevingswet["principal"],
        serde_json::json!([{"party": "college"}, {"unit": "directie"}, {"post": "adjunct-directeur-2"}])
    );
    // A single principal is written as before: one target, not a list of one.
    let wijk = assignments.iter().find(|a| a["key"] == "wijkopgave-oost").unwrap();
    assert_eq!(wijk["principal"], serde_json::json!({"party": "college"}));
    let gs = saved["posts"].as_array().unwrap().iter().find(|p| p["key"] == "algemeen-directeur").unwrap();
    assert_eq!(gs["accountable_to"], serde_json::json!({"party": "college"}));
}

#[test]
fn a_list_of_one_principal_loads_as_the_single_principal() {
    let text = r#"{"version": 1, "name": "x",
 "posts": [{"key": "pm", "title": "PM"}],
 "units": [{"key": "u", "name": "U", "kind": "team"}],
 "parties": [{"key": "college", "name": "College", "kind": "college"}],
 "assignments": [{"key": "a", "kind": "programme", "agent": "pm", "target": {"unit": "u"}, "principal": [{"party": "college"}]}]}"#;
    let d = from_json(text.as_bytes()).unwrap();
    let a = d.assignment_by_key("a").unwrap();
    assert_eq!(a.principals().count(), 1);
    assert!(to_json(&d).contains("\"principal\": {\n        \"party\": \"college\"\n      }"), "{}", to_json(&d));
}

#[test]
fn a_design_without_parties_saves_without_the_new_fields() {
    let text = std::fs::read_to_string(fixture("designs/small.json")).unwrap();
    let saved = to_json(&from_json(text.as_bytes()).unwrap());
    assert!(!saved.contains("parties") && !saved.contains("portfolios"), "{saved}");
}

#[test]
fn bad_input_is_reported_with_its_place() {
    let text = r#"{
  "version": 1,
  "name": "Kapot",
  "units": [{"key": "directie", "name": "Directie", "kind": "directie"}],
  "posts": [
    {"key": "gs", "title": "GS", "role": "gemeentesecretaris", "unit": "directie"},
    {"key": "ad", "title": "AD", "reports_to": "college", "unit": "directie"},
    {"key": "pm", "title": "PM", "reports_to": "gs", "accountable_to": {"party": "bestuur"}}
  ],
  "assignments": [
    {"key": "rond", "kind": "programme", "agent": "pm", "target": {"unit": "directie"},
     "principal": [{"party": "college"}, {"post": "gs"}, {"party": "college"}]},
    {"key": "zelf", "kind": "programme", "agent": "pm", "target": {"unit": "directie"},
     "principal": [{"party": "college"}, {"post": "pm"}]},
    {"key": "leeg", "kind": "programme", "agent": "pm", "target": {"unit": "directie"}, "principal": []}
  ],
  "parties": [
    {"key": "college", "name": "College", "kind": "college"},
    {"key": "college", "name": "College twee", "kind": "college"},
    {"key": "raad", "name": "Raad", "kind": "raad", "from": "2022-01-01", "until": "2021-12-31"},
    {"key": "odt", "name": "Omgevingsdienst", "kind": "omgevingsdienst"}
  ],
  "portfolios": [
    {"post": "ad", "unit": "college"},
    {"post": "ad", "unit": "directie"},
    {"post": "ad", "unit": "directie"}
  ]
}"#;
    insta::assert_snapshot!(problems(text).join("\n"));
}

#[test]
fn a_party_named_as_line_manager_is_called_a_party() {
    let text = r#"{"version": 1, "name": "x",
 "posts": [{"key": "gs", "title": "GS", "reports_to": "college"}],
 "parties": [{"key": "college", "name": "College", "kind": "college"}]}"#;
    assert_eq!(
        problems(text),
        ["2:55: /posts/0/reports_to: `reports_to` names `college`, which is a party, not a post; \
          a party is never a line manager: name it in `accountable_to` instead"]
    );
}

#[test]
fn the_command_line_names_the_file_line_and_key() {
    let dir = crate::support::temp_dir("parties-bad");
    let f = dir.join("chain.json");
    std::fs::write(
        &f,
        "{\"version\": 1, \"name\": \"x\",\n \"posts\": [{\"key\": \"pm\", \"title\": \"PM\"}],\n \
         \"parties\": [{\"key\": \"college\", \"name\": \"College\", \"kind\": \"college\"}],\n \
         \"assignments\": [{\"key\": \"a\", \"kind\": \"programme\", \"agent\": \"pm\", \"target\": {\"post\": \"pm\"},\n  \
         \"principal\": [{\"party\": \"college\"}, {\"party\": \"college\"}]}]}",
    )
    .unwrap();
    let o = harkje(&["metrics", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "chain.json:5:39: /assignments/0/principal/1: the chain of principals names party `college` twice"
        ),
        "{err}"
    );
}

#[test]
fn edits_keep_parties_and_chains_valid() {
    let mut d = Design::new("x");
    let college = d.add_party(Party::new("college", "College", PartyKind::College)).unwrap();
    assert!(matches!(
        d.add_party(Party::new("college", "Nog een", PartyKind::Raad)),
        Err(EditError::DuplicateKey { .. })
    ));
    let mut late = Party::new("raad", "Raad", PartyKind::Raad);
    late.valid = harkje::Period::new(Some(date(2022, 1, 1)), Some(date(2021, 1, 1)));
    let e = d.add_party(late).unwrap_err();
    assert_eq!(e.to_string(), "party `raad`: until 2021-01-01 lies before `from` 2022-01-01");
    let u = d.add_unit(Unit::new("u", "U", UnitKind::Team)).unwrap();
    let mut gs = Post::new("gs", "GS", "gemeentesecretaris");
    gs.accountable_to = Some(Target::Party(college));
    let gs = d.add_post(gs).unwrap();
    let pm = d.add_post(Post::new("pm", "PM", "programmamanager")).unwrap();

    let mut a = Assignment::new("a", SteeringKind::Programme, pm, Target::Unit(u));
    a.delegated_principals = vec![Target::Post(gs)];
    let e = d.add_assignment(a.clone()).unwrap_err();
    assert!(e.to_string().contains("the chain starts at `principal`"), "{e}");
    a.principal = Some(Target::Party(college));
    a.delegated_principals = vec![Target::Post(gs), Target::Party(college)];
    let e = d.add_assignment(a.clone()).unwrap_err();
    assert_eq!(e.to_string(), "assignment `a`: principal names `parties/college` twice in its chain of principals");
    a.delegated_principals = vec![Target::Post(pm)];
    let e = d.add_assignment(a.clone()).unwrap_err();
    assert_eq!(e.to_string(), "assignment `a`: principal names the agent `posts/pm` in its chain of principals");
    a.delegated_principals = vec![Target::Post(gs)];
    d.add_assignment(a).unwrap();
    // A single principal may be the agent, as it always could.
    let mut own = Assignment::new("own", SteeringKind::Process, pm, Target::Unit(u));
    own.principal = Some(Target::Post(pm));
    d.add_assignment(own).unwrap();

    // A party that something names cannot be removed; one that nothing names can.
    let e = d.remove_party(college).unwrap_err();
    assert!(matches!(e, EditError::StillReferenced { .. }), "{e}");
    assert_eq!(d.references_to(Target::Party(college)), ["assignments/a", "posts/gs"]);
    let griffie = d.add_party(Party::new("griffie", "Griffie", PartyKind::Griffie)).unwrap();
    assert_eq!(d.remove_party(griffie).unwrap().key, "griffie");
    assert!(d.party_by_key("griffie").is_none());

    let f = d.add_portfolio(Portfolio::new(gs, u)).unwrap();
    assert!(d.portfolio(f).is_some());
    assert!(matches!(d.add_portfolio(Portfolio::new(gs, u)), Err(EditError::DuplicateKey { .. })));
    assert!(matches!(d.remove_unit(u), Err(EditError::StillReferenced { .. })));
}

#[test]
fn the_builder_names_parties_chains_and_portfolios() {
    let mut b = DesignBuilder::new("Almelo");
    b.party("college", "College van B&W", PartyKind::College);
    b.unit("directie", "Directie", UnitKind::Directie);
    b.unit("pool", "Adviespool", UnitKind::Pool);
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    b.post("ad", "Adjunct-directeur", "directeur").unit("directie").reports_to("gs");
    b.post("pm", "Programmamanager", "programmamanager").unit("pool").reports_to("gs");
    b.assignment("p", SteeringKind::Programme, "pm", TargetKey::Unit("pool".into()))
        .principal(TargetKey::Party("college".into()))
        .delegated_to(TargetKey::Unit("directie".into()))
        .delegated_to(TargetKey::Post("ad".into()));
    b.portfolio("ad", "pool");
    let d = b.build().unwrap();
    let a = d.assignment_by_key("p").unwrap();
    assert_eq!(a.principals().count(), 3);
    assert_eq!(d.portfolios().len(), 1);

    let mut b = DesignBuilder::new("x");
    b.post("pm", "PM", "programmamanager");
    b.assignment("p", SteeringKind::Programme, "pm", TargetKey::Post("pm".into()))
        .principal(TargetKey::Party("bestuur".into()));
    b.portfolio("pm", "nergens");
    let e = b.build().unwrap_err();
    let shown: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "assignment `p`: principal refers to party `bestuur`, which is not in the design",
            "portfolio `pm`: unit refers to unit `nergens`, which is not in the design",
        ]
    );
}

#[test]
fn the_day_keeps_what_runs_and_lists_what_it_drops() {
    let mut d = hengelo();
    // After 2022 the Omgevingswet portfolio has ended; before mid 2021 no post exists.
    assert_eq!(d.as_of(date(2023, 1, 1)).portfolios().len(), 2);
    assert_eq!(d.as_of(date(2021, 7, 1)).portfolios().len(), 3);
    // A portfolio over a unit that has closed is dropped with a note.
    d = edited(&d, |v| {
        let units = v["units"].as_array_mut().unwrap();
        let u = units.iter_mut().find(|u| u["key"] == "opgave-pc-sturing").unwrap();
        u["until"] = "2021-12-31".into();
    });
    let (then, notes) = d.as_of_with_notes(date(2022, 6, 1));
    assert_eq!(then.portfolios().len(), 2);
    let notes: Vec<String> =
        notes.iter().map(|n| format!("{} {} {} {}", n.holder, n.field, n.target, n.absence.describe())).collect();
    assert_eq!(notes, ["posts/concernmanager-bedrijfsvoering portfolio units/opgave-pc-sturing ended on 2021-12-31"]);

    // A delegated principal that has ended leaves the chain; the rest keeps its order.
    let d = edited(&almelo(), |v| {
        let parties = v["parties"].as_array_mut().unwrap();
        let college = parties.iter_mut().find(|p| p["key"] == "college").unwrap();
        college["until"] = "2018-12-31".into();
    });
    let (then, notes) = d.as_of_with_notes(date(2019, 7, 1));
    assert!(then.party_by_key("college").is_none());
    let a = then.assignment_by_key("omgevingswet").unwrap();
    let chain: Vec<String> = a.principals().map(|t| key(&then, t)).collect();
    assert_eq!(chain, ["units/directie", "posts/adjunct-directeur-2"]);
    assert!(notes.iter().any(|n| n.holder == "assignments/omgevingswet" && n.field == "principal"), "{notes:?}");
    assert!(notes.iter().any(|n| n.holder == "posts/algemeen-directeur" && n.field == "accountable_to"), "{notes:?}");
}

#[test]
fn checks_treat_the_bestuur_as_above_the_directie() {
    let report = check(&almelo(), &Policy::default().with_as_of(date(2019, 7, 1)));
    insta::assert_snapshot!(report.to_text());
    let escalations: Vec<&str> = report.of_rule("escalation-outside-directie").map(|d| d.subject.as_str()).collect();
    // The college passes; the griffie does not.
    assert_eq!(escalations, ["assignments/verantwoording-wijkopgaven"]);
    // A principal that is a party is a principal.
    assert!(!report.of_rule("assignment-incomplete").any(|d| d.message.contains("principal")), "{}", report.to_text());
}

#[test]
fn portfolios_count_in_no_span_and_are_listed_in_the_measures() {
    let d = hengelo();
    let without = {
        let text = to_json(&d);
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v.as_object_mut().unwrap().remove("portfolios");
        from_json(v.to_string().as_bytes()).unwrap()
    };
    let line = harkje::graph::LineTable::from_design(&d);
    let m = harkje::measures::compute(&line);
    let m0 = harkje::measures::compute(&harkje::graph::LineTable::from_design(&without));
    assert_eq!(m.per_post.span, m0.per_post.span);
    assert_eq!(m.layers, m0.layers);
    assert_eq!(harkje::measures::coordination_load(&d), harkje::measures::coordination_load(&without));
    let listed = harkje::measures::portfolios(&d);
    let listed: Vec<(String, Vec<String>)> = listed.into_iter().map(|p| (p.post, p.units)).collect();
    assert_eq!(
        listed,
        [
            ("concernmanager-bedrijfsvoering".to_owned(), vec!["opgave-pc-sturing".to_owned()]),
            ("concernmanager-fysiek".to_owned(), vec!["opgave-omgevingswet".to_owned()]),
            ("concernmanager-sociaal".to_owned(), vec!["opgave-sociaal-domein".to_owned()]),
        ]
    );
}

#[test]
fn metrics_list_the_portfolios() {
    let f = fixture("designs/hengelo-portfolios.json");
    let o = harkje(&["metrics", f.to_str().unwrap(), "--as-of", "2023-01-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("metrics_portfolios_text", stdout(&o).replace(f.to_str().unwrap(), "FIXTURE"));
    let o = harkje(&["metrics", f.to_str().unwrap(), "--as-of", "2022-01-01", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    insta::assert_json_snapshot!("metrics_portfolios_json", v["portfolios"]);
}

#[test]
fn pictures_draw_parties_and_portfolios_only_when_asked() {
    let d = almelo();
    let plain = RenderOptions::default().with_as_of(Some(date(2019, 7, 1)));
    let asked = plain.clone().with_parties(true).with_portfolios(true);
    let dot = render::to_dot(&d, &plain).unwrap();
    assert!(!dot.contains("parties/") && !dot.contains("aandachtsgebied"), "{dot}");
    insta::assert_snapshot!("render_parties_dot", render::to_dot(&d, &asked).unwrap());
    insta::assert_snapshot!("render_parties_mermaid", render::to_mermaid(&d, &asked).unwrap());
    let svg = render::to_svg(&d, &asked).unwrap();
    for want in ["College van B&amp;W", "commissions", "escalates to", "aandachtsgebied", "stroke-dasharray=\"4 3\""] {
        assert!(svg.contains(want), "{want} missing");
    }
    // Through the command line.
    let f = fixture("designs/almelo-parties.json");
    let o = harkje(&[
        "render",
        f.to_str().unwrap(),
        "--format",
        "dot",
        "--as-of",
        "2019-07-01",
        "--parties",
        "--portfolios",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The command line draws in Dutch: the same picture as the library's in Dutch.
    assert_eq!(stdout(&o), render::to_dot(&d, &asked.clone().with_language(harkje::Language::Dutch)).unwrap());
}

#[test]
fn exports_name_parties_chains_and_portfolios() {
    let d = almelo();
    let options = ExportOptions::default();
    let ttl = export::to_org_turtle(&d, &options).unwrap();
    // The design's own triples, after the vocabulary every export declares.
    let ours: Vec<&str> = ttl.lines().skip_while(|l| !l.starts_with("<urn:harkje:")).collect();
    assert!(ttl.contains("org:linkedTo <urn:harkje:Almelo"), "{ttl}");
    insta::assert_snapshot!("export_parties_turtle", ours.join("\n"));
    let popolo = export::to_popolo(&d, &options).unwrap();
    insta::assert_snapshot!("export_parties_popolo", popolo);
    let jsonld = export::to_org_jsonld(&d, &options).unwrap();
    assert!(jsonld.contains("harkje:partyKind") || jsonld.contains("vocab#partyKind"), "{jsonld}");
    let _: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
}

#[test]
fn a_reference_to_a_party_that_has_ended_is_a_finding() {
    let d = edited(&almelo(), |v| {
        let parties = v["parties"].as_array_mut().unwrap();
        let griffie = parties.iter_mut().find(|p| p["key"] == "griffie").unwrap();
        griffie["until"] = "2018-12-31".into();
        let portfolios = v["portfolios"].as_array_mut().unwrap();
        portfolios[0]["until"] = "2019-06-30".into();
    });
    let report = check(&d, &Policy::default().with_as_of(date(2019, 7, 1)));
    let ended: Vec<String> =
        report.of_rule("reference-ended").map(|f| format!("{}: {}", f.subject, f.message)).collect();
    assert_eq!(ended.len(), 1, "{ended:?}");
    assert!(ended[0].starts_with("assignments/verantwoording-wijkopgaven: "), "{ended:?}");
    assert!(ended[0].contains("griffie"), "{ended:?}");
    // Only posts and appointments were checked while read; a party alone ending still counts.
    assert_eq!(report.of_rule("escalation-outside-directie").count(), 0);
}
