//! Linked open data: W3C ORG in Turtle and JSON-LD parsed back with real RDF parsers, and Popolo JSON.

use std::collections::BTreeSet;

use harkje::export::{self, ExportError, ExportOptions};
use harkje::format::from_json;
use harkje::{DesignBuilder, UnitKind};
use jiff::civil::date;

use crate::support::{fixture, harkje, read, stderr, stdout, temp_dir};

const ORG: &str = "http://www.w3.org/ns/org#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const HK: &str = "urn:harkje:vocab#";
const BASE: &str = "urn:harkje:Gemeente%20Voorbeeld";

fn design(rel: &str) -> harkje::Design {
    from_json(read(&fixture(rel)).as_bytes()).unwrap()
}

/// Triples as N-Triples lines, for easy comparison.
pub(crate) fn from_turtle(ttl: &str) -> BTreeSet<String> {
    oxttl::TurtleParser::new().for_slice(ttl).map(|t| t.unwrap().to_string()).collect()
}

pub(crate) fn from_jsonld(json: &str) -> BTreeSet<String> {
    oxjsonld::JsonLdParser::new()
        .for_slice(json)
        .map(|q| {
            let q = q.unwrap();
            assert!(q.graph_name.is_default_graph());
            oxrdf::Triple::new(q.subject, q.predicate, q.object).to_string()
        })
        .collect()
}

fn iri(s: &str) -> String {
    format!("<{s}>")
}

fn has(set: &BTreeSet<String>, s: &str, p: &str, o: &str) -> bool {
    set.contains(&format!("{s} {p} {o}"))
}

#[test]
fn org_turtle_parses_back_with_the_mapping() {
    let ttl = export::to_org_turtle(&design("render/harkje.json"), &ExportOptions::default()).unwrap();
    let t = from_turtle(&ttl);
    let (org, ty) = (|l: &str| iri(&format!("{ORG}{l}")), iri(RDF_TYPE));
    let unit = |k: &str| iri(&format!("{BASE}/units/{k}"));
    let post = |k: &str| iri(&format!("{BASE}/posts/{k}"));
    let top = iri(BASE);
    assert!(has(&t, &top, &ty, &org("FormalOrganization")));
    assert!(has(&t, &top, &org("hasUnit"), &unit("directie")));
    assert!(has(&t, &unit("gebieden"), &ty, &org("OrganizationalUnit")));
    assert!(has(&t, &unit("gebieden"), &org("unitOf"), &unit("directie")));
    assert!(has(&t, &unit("directie"), &org("hasUnit"), &unit("gebieden")));
    assert!(has(&t, &unit("directie"), &org("purpose"), "\"leidt de organisatie\""));
    assert!(has(&t, &post("tm-noord"), &ty, &org("Post")));
    assert!(has(&t, &post("tm-noord"), &org("postIn"), &unit("team-noord")));
    assert!(has(&t, &post("tm-noord"), &org("reportsTo"), &post("hoofd-gebieden")));
    assert!(!t.iter().any(|l| l.starts_with(&post("gs")) && l.contains("reportsTo")));
    let role = iri(&format!("{BASE}/roles/teammanager"));
    assert!(has(&t, &post("tm-noord"), &org("role"), &role));
    assert!(has(&t, &role, &ty, &org("Role")));
    assert!(has(
        &t,
        &post("noord-1"),
        &iri("http://www.w3.org/2004/02/skos/core#prefLabel"),
        "\"Consulent \\\"Wmo\\\"\""
    ));
    // Steering: a documented sub-property of org:linkedTo, between units.
    assert!(has(&t, &unit("adviespool"), &iri(&format!("{HK}developmentSteering")), &unit("gebieden")));
    assert!(has(
        &t,
        &iri(&format!("{HK}developmentSteering")),
        &iri("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"),
        &iri(&format!("{HK}steers"))
    ));
    assert!(has(
        &t,
        &iri(&format!("{HK}steers")),
        &iri("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"),
        &org("linkedTo")
    ));
    let a = iri(&format!("{BASE}/assignments/ontwikkeling-gebieden"));
    assert!(has(&t, &a, &iri(&format!("{HK}agent")), &post("km-gebieden")));
    assert!(has(&t, &a, &iri(&format!("{HK}kind")), "\"development\""));
    assert!(has(&t, &post("controller"), &iri(&format!("{HK}accountableTo")), &unit("directie")));
    // A community membership with a dated period.
    assert!(has(&t, &unit("vakgroep-juristen"), &org("hasMember"), &post("zuid-2")));
    let dated: Vec<&String> = t.iter().filter(|l| l.contains(&org("memberDuring"))).collect();
    assert_eq!(dated.len(), 1, "{dated:?}");
    assert!(t.iter().any(|l| l.ends_with("\"2019-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>")));
}

#[test]
fn org_jsonld_holds_the_same_triples_as_the_turtle() {
    for rel in ["designs/small.json", "render/harkje.json", "bodies/de-bilt.json"] {
        let d = design(rel);
        let o = ExportOptions::default().with_appointments(true);
        let ttl = from_turtle(&export::to_org_turtle(&d, &o).unwrap());
        let json = from_jsonld(&export::to_org_jsonld(&d, &o).unwrap());
        assert!(ttl.len() > 50);
        assert_eq!(ttl, json, "{rel}");
    }
}

#[test]
fn appointments_are_memberships_during_an_interval_and_opt_in() {
    let mut b = DesignBuilder::new("Test");
    b.unit("team", "Team", UnitKind::Team);
    b.post("tm", "Teammanager", "teammanager").unit("team");
    b.person("e123").name("Geheime Naam");
    b.appoint("e123", "tm").valid(Some(date(2021, 7, 1)), Some(date(2023, 6, 30)));
    let d = b.build().unwrap();
    let plain = export::to_org_turtle(&d, &ExportOptions::default()).unwrap();
    assert!(!plain.contains("e123") && !plain.contains(" a org:Membership"));
    let o = ExportOptions::default().with_appointments(true);
    let ttl = export::to_org_turtle(&d, &o).unwrap();
    assert!(!ttl.contains("Geheime Naam"));
    let t = from_turtle(&ttl);
    let person = iri("urn:harkje:Test/people/e123");
    assert!(has(&t, &person, &iri(&format!("{ORG}holds")), &iri("urn:harkje:Test/posts/tm")));
    let membership = t
        .iter()
        .find(|l| l.contains(&iri(&format!("{ORG}member"))) && l.ends_with(&person))
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .unwrap();
    assert!(has(&t, &membership, &iri(RDF_TYPE), &iri(&format!("{ORG}Membership"))));
    assert!(has(&t, &membership, &iri(&format!("{ORG}organization")), &iri("urn:harkje:Test/units/team")));
    let interval = format!("<{}/period>", &membership[1..membership.len() - 1]);
    assert!(has(&t, &membership, &iri(&format!("{ORG}memberDuring")), &interval));
    assert!(has(&t, &interval, &iri(RDF_TYPE), "<http://www.w3.org/2006/time#Interval>"));
    assert!(t.iter().any(|l| l.contains("\"2023-06-30\"^^")));
    let popolo = export::to_popolo(&d, &o).unwrap();
    assert!(!popolo.contains("Geheime Naam"));
}

#[test]
fn keys_are_percent_encoded_and_the_base_is_checked() {
    let mut b = DesignBuilder::new("Gemeente Ñ");
    b.unit("team a/b?#", "Team", UnitKind::Team);
    let d = b.build().unwrap();
    let o = ExportOptions::default().with_base("https://data.example.nl/org/");
    let t = from_turtle(&export::to_org_turtle(&d, &o).unwrap());
    assert!(
        t.iter().any(|l| l.starts_with("<https://data.example.nl/org/Gemeente%20%C3%91/units/team%20a%2Fb%3F%23>"))
    );
    let bad = ExportOptions::default().with_base("no base");
    assert!(matches!(export::to_org_turtle(&d, &bad), Err(ExportError::BadBase { .. })));
}

#[test]
fn a_transition_is_an_org_change_event() {
    let old = design("render/old.json");
    let new = design("render/harkje.json");
    let o = ExportOptions::default().with_changed_from(&old, None);
    let t = from_turtle(&export::to_org_turtle(&new, &o).unwrap());
    let old_iri = iri("urn:harkje:Gemeente%20Voorbeeld%202017");
    let event = iri(&format!("{BASE}/change-from/Gemeente%20Voorbeeld%202017"));
    assert!(has(&t, &event, &iri(RDF_TYPE), &iri(&format!("{ORG}ChangeEvent"))));
    assert!(has(&t, &event, &iri(&format!("{ORG}originalOrganization")), &old_iri));
    assert!(has(&t, &event, &iri(&format!("{ORG}resultingOrganization")), &iri(BASE)));
    assert!(has(&t, &old_iri, &iri(&format!("{ORG}changedBy")), &event));
    assert!(has(&t, &iri(BASE), &iri(&format!("{ORG}resultedFrom")), &event));
    // A unit that is gone, and one that is new.
    let gone = iri("urn:harkje:Gemeente%20Voorbeeld%202017/units/sector-samenleving");
    assert!(has(&t, &gone, &iri(&format!("{ORG}changedBy")), &event));
    assert!(has(&t, &iri(&format!("{BASE}/units/gebieden")), &iri(&format!("{ORG}resultedFrom")), &event));
    // The old design is exported too.
    assert!(has(&t, &gone, &iri(RDF_TYPE), &iri(&format!("{ORG}OrganizationalUnit"))));
    // The same design twice would get one IRI: refused.
    let same = ExportOptions::default().with_changed_from(&new, None);
    assert!(matches!(export::to_org_turtle(&new, &same), Err(ExportError::SameIri { .. })));
    let apart = ExportOptions::default().with_changed_from(&new, Some("urn:old:"));
    assert!(export::to_org_jsonld(&new, &apart).is_ok());
    assert_eq!(export::to_popolo(&new, &o), Err(ExportError::NoTransition));
}

/// The properties the Popolo schemas define (organization.json, post.json, membership.json, person.json).
const POPOLO_ORGANIZATION: &[&str] = &[
    "id",
    "name",
    "other_names",
    "identifiers",
    "classification",
    "parent_id",
    "parent",
    "area_id",
    "area",
    "abstract",
    "description",
    "founding_date",
    "dissolution_date",
    "image",
    "contact_details",
    "links",
    "memberships",
    "posts",
    "created_at",
    "updated_at",
    "sources",
];
const POPOLO_POST: &[&str] = &[
    "id",
    "label",
    "other_label",
    "role",
    "organization_id",
    "organization",
    "area_id",
    "area",
    "start_date",
    "end_date",
    "contact_details",
    "links",
    "memberships",
    "created_at",
    "updated_at",
    "sources",
];
const POPOLO_MEMBERSHIP: &[&str] = &[
    "id",
    "label",
    "role",
    "member",
    "person_id",
    "person",
    "organization_id",
    "organization",
    "post_id",
    "post",
    "on_behalf_of_id",
    "on_behalf_of",
    "area_id",
    "area",
    "start_date",
    "end_date",
    "contact_details",
    "links",
    "created_at",
    "updated_at",
    "sources",
];

#[test]
fn popolo_follows_the_schemas_and_its_references_resolve() {
    let d = design("render/harkje.json");
    let v: serde_json::Value =
        serde_json::from_str(&export::to_popolo(&d, &ExportOptions::default()).unwrap()).unwrap();
    let list = |k: &str| v[k].as_array().unwrap().clone();
    let (orgs, posts, ms) = (list("organizations"), list("posts"), list("memberships"));
    assert_eq!(orgs.len(), 1 + d.units().len());
    assert_eq!(posts.len(), d.posts().len());
    assert_eq!(ms.len(), 3);
    let date = |s: &serde_json::Value| s.as_str().is_none_or(|s| s.len() == 10 && s.as_bytes()[4] == b'-');
    let org_ids: BTreeSet<&str> = orgs.iter().map(|o| o["id"].as_str().unwrap()).collect();
    let post_ids: BTreeSet<&str> = posts.iter().map(|o| o["id"].as_str().unwrap()).collect();
    for (items, allowed) in [(&orgs, POPOLO_ORGANIZATION), (&posts, POPOLO_POST), (&ms, POPOLO_MEMBERSHIP)] {
        for item in items {
            for key in item.as_object().unwrap().keys() {
                assert!(allowed.contains(&key.as_str()), "`{key}` is not a Popolo property");
            }
            for k in ["start_date", "end_date", "founding_date", "dissolution_date"] {
                assert!(date(&item[k]), "{item}");
            }
        }
    }
    for o in &orgs[1..] {
        assert!(org_ids.contains(o["parent_id"].as_str().unwrap()));
    }
    for p in &posts {
        assert!(org_ids.contains(p["organization_id"].as_str().unwrap()));
        assert!(p["label"].is_string() && p["role"].is_string());
    }
    for m in &ms {
        assert!(org_ids.contains(m["organization_id"].as_str().unwrap()));
        assert!(post_ids.contains(m["post_id"].as_str().unwrap()));
    }
    let km = posts.iter().find(|p| p["label"] == "Kwartiermaker Gebieden").unwrap();
    assert_eq!(km["start_date"], "2018-01-01");
    assert_eq!(km["end_date"], "2019-12-31");
    assert_eq!(km["role"], "kwartiermaker");
}

#[test]
fn cli_exports_every_target_and_refuses_bad_ones() {
    let dir = temp_dir("export-cli");
    for (to, check) in [("org-turtle", "org:Post"), ("org-jsonld", "\"@context\""), ("popolo", "\"organizations\"")] {
        let out = dir.join(format!("out.{to}"));
        let o = harkje(&["export", "tests/fixtures/designs/small.json", "--to", to, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = read(&out);
        assert!(text.contains(check), "{to}");
        assert!(!text.contains("A. de Vries"), "{to} leaks a name");
    }
    let o = harkje(&["export", "tests/fixtures/designs/small.json", "--to", "rdf-xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'rdf-xml'"), "{}", stderr(&o));
    assert!(stderr(&o).contains("[possible values: org-turtle, org-jsonld, popolo]"), "{}", stderr(&o));
    let o = harkje(&["export", "tests/fixtures/designs/small.json", "--to", "org-turtle", "--base", "geen iri"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: the base `geen iri` is not an absolute IRI"), "{}", stderr(&o));
    let o = harkje(&[
        "export",
        "tests/fixtures/render/harkje.json",
        "--to",
        "org-turtle",
        "--changed-from",
        "tests/fixtures/render/old.json",
        "--base",
        "https://data.example.nl/org/",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("org:ChangeEvent"));
    let o = harkje(&[
        "export",
        "tests/fixtures/render/harkje.json",
        "--to",
        "popolo",
        "--changed-from",
        "tests/fixtures/render/old.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("popolo cannot express a transition"));
}

/// A design with the shapes whose triples come in several places: a person
/// holding two posts, a post held by two people, steering by a post without a
/// unit, a community with two members, a transition with units gone and new.
fn edge_designs() -> (harkje::Design, harkje::Design) {
    (design("designs/export-edges.json"), design("designs/export-edges-old.json"))
}

/// The exports stream into a writer; the bytes are those of the functions
/// that return a string, and those are frozen here (they did not change when
/// the exports began to stream).
#[test]
fn the_writers_stream_the_same_bytes_as_the_strings() {
    let (new, old) = edge_designs();
    let plain = ExportOptions::default().with_appointments(true);
    let transition = ExportOptions::default().with_appointments(true).with_changed_from(&old, Some("urn:old:"));
    for (name, options) in [("plain", &plain), ("transition", &transition)] {
        let ttl = export::to_org_turtle(&new, options).unwrap();
        let jsonld = export::to_org_jsonld(&new, options).unwrap();
        let (mut t, mut j) = (Vec::new(), Vec::new());
        export::write_org_turtle(&mut t, &new, options).unwrap();
        export::write_org_jsonld(&mut j, &new, options).unwrap();
        assert_eq!(String::from_utf8(t).unwrap(), ttl);
        assert_eq!(String::from_utf8(j).unwrap(), jsonld);
        // Every subject's triples gathered in one node object, wherever the
        // generator makes them: the same triples as the Turtle.
        assert_eq!(from_jsonld(&jsonld), from_turtle(&ttl));
        insta::assert_snapshot!(format!("export_edges_{name}_turtle"), ttl);
        insta::assert_snapshot!(format!("export_edges_{name}_jsonld"), jsonld);
    }
    let popolo = export::to_popolo(&new, &plain).unwrap();
    let mut p = Vec::new();
    export::write_popolo(&mut p, &new, &plain).unwrap();
    assert_eq!(String::from_utf8(p).unwrap(), popolo);
    insta::assert_snapshot!("export_edges_popolo", popolo);
}

/// A writer that fails after some bytes: the export stops with its error,
/// and a refused export writes nothing at all.
#[test]
fn a_failing_writer_stops_the_export_and_a_refusal_writes_nothing() {
    struct Full(usize);
    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 < buf.len() {
                return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let (new, _) = edge_designs();
    let options = ExportOptions::default().with_appointments(true);
    let org = export::OrgExport::new(&new, &options).unwrap();
    for result in [org.write_turtle(Full(1000)), org.write_jsonld(Full(1000))] {
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
    }
    let popolo = export::PopoloExport::new(&new, &options).unwrap();
    assert_eq!(popolo.write(Full(1000)).unwrap_err().kind(), std::io::ErrorKind::StorageFull);
    assert!(matches!(
        export::write_org_jsonld(Full(10), &new, &options),
        Err(ExportError::Write(m)) if m == "disk full"
    ));
    let bad = ExportOptions::default().with_base("no base");
    let mut out = Vec::new();
    assert!(matches!(export::write_org_turtle(&mut out, &new, &bad), Err(ExportError::BadBase { .. })));
    assert!(matches!(export::write_popolo(&mut out, &new, &bad), Err(ExportError::BadBase { .. })));
    assert!(out.is_empty());
}

#[test]
fn keys_in_iris_are_percent_encoded_outside_the_unreserved_characters() {
    let mut b = DesignBuilder::new("Gemeente Voorbeeld");
    b.unit("team a/b é", "Team", UnitKind::Team);
    let d = b.build().unwrap();
    let ttl = export::to_org_turtle(&d, &ExportOptions::default()).unwrap();
    assert!(ttl.contains("/units/team%20a%2Fb%20%C3%A9>"), "{ttl}");
    assert!(!ttl.contains("units/team a"), "{ttl}");
}

#[test]
fn a_collective_and_a_self_steering_team_are_exported() {
    let d = design("bodies/de-bilt.json");
    let ttl = from_turtle(&export::to_org_turtle(&d, &ExportOptions::default()).unwrap());
    let base = "urn:harkje:De%20Bilt%3A%20directieteam%20en%20zelfsturende%20teams";
    let unit = |k: &str| iri(&format!("{base}/units/{k}"));
    let post = |k: &str| iri(&format!("{base}/posts/{k}"));
    let has = |s: String, p: &str, o: String| {
        let t = format!("{s} {} {o}", iri(&format!("{HK}{p}")));
        assert!(ttl.contains(&t), "missing {t}");
    };
    has(unit("directie"), "collectiveLeadership", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>".into());
    has(unit("klantenservice"), "selfSteeringAccountableTo", post("directeur-1"));
    has(unit("klantenservice"), "teamCoach", post("teamcoach-1"));
}
