//! The model's checked edits and the builder.

use harkje::{
    Absence, Appointment, Assignment, Design, DesignBuilder, EditError, ElementKind, Membership, Period, Person, Post,
    PostId, SteeringKind, Target, Unit, UnitId, UnitKind, builtin_role,
};
use jiff::civil::date;

#[test]
fn the_builder_reports_every_error_at_once() {
    let mut b = DesignBuilder::new("kapot");
    b.unit("a", "A", UnitKind::Eenheid).parent("nergens");
    b.unit("a", "A twee", UnitKind::Eenheid);
    b.post("p", "P", "medewerker").reports_to("q");
    b.post("x", "X", "geen-rol");
    b.post("y", "Y", "medewerker").reports_to("z");
    b.post("z", "Z", "medewerker").reports_to("y");
    let err = b.build().unwrap_err();
    let shown: Vec<String> = err.errors.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn keys_give_the_same_ids_everywhere() {
    assert_eq!(PostId::from_key("gs"), PostId::from_key("gs"));
    assert_ne!(PostId::from_key("gs").as_uuid(), UnitId::from_key("gs").as_uuid());
    assert_eq!(PostId::from_key("gs").as_uuid().get_version_num(), 5);
}

#[test]
fn removing_a_post_that_others_refer_to_is_refused() {
    let mut d = Design::new("d");
    let top = d.add_post(Post::new("top", "Top", "gemeentesecretaris")).unwrap();
    let mut p = Post::new("p", "P", "medewerker");
    p.reports_to = Some(top);
    let p = d.add_post(p).unwrap();
    let before = d.clone();
    assert!(matches!(d.remove_post(top), Err(EditError::StillReferenced { kind: ElementKind::Post, .. })));
    assert_eq!(d, before);
    d.remove_post(p).unwrap();
    d.remove_post(top).unwrap();
    assert!(d.is_empty());
}

#[test]
fn negative_fte_and_unknown_roles_are_refused() {
    let mut d = Design::new("d");
    let mut p = Post::new("p", "P", "medewerker");
    p.fte = -0.5;
    assert_eq!(d.add_post(p).unwrap_err().to_string(), "post `p`: fte is -0.5, but must be between 0 and 100000");
    assert!(d.add_post(Post::new("q", "Q", "astronaut")).is_err());
    assert!(d.is_empty());
}

#[test]
fn as_of_drops_expired_posts_and_names_the_cleared_references() {
    let mut d = Design::new("d");
    let u = d.add_unit(Unit::new("u", "U", UnitKind::Eenheid)).unwrap();
    let mut km = Post::new("km", "Kwartiermaker", "kwartiermaker");
    km.valid = Period::new(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)));
    km.temporary = true;
    km.unit = Some(u);
    let km = d.add_post(km).unwrap();
    let mut m = Post::new("m", "Medewerker", "medewerker");
    m.reports_to = Some(km);
    m.accountable_to = Some(Target::Unit(u));
    d.add_post(m).unwrap();
    assert_eq!(d.as_of(date(2019, 12, 31)).posts().len(), 2);
    let (later, notes) = d.as_of_with_notes(date(2020, 1, 1));
    assert_eq!(later.posts().len(), 1);
    assert_eq!(later.post_by_key("m").unwrap().reports_to, None);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].holder.as_str(), notes[0].field, notes[0].target.as_str()),
        ("posts/m", "reports_to", "posts/km")
    );
}

#[test]
fn as_of_names_what_still_runs_but_joins_an_element_that_is_gone() {
    let mut d = Design::new("d");
    let u = d.add_unit(Unit::new("u", "U", UnitKind::Eenheid)).unwrap();
    let mut vakgroep = Unit::new("vakgroep", "Vakgroep", UnitKind::Community);
    vakgroep.valid = Period::new(None, Some(date(2019, 6, 30)));
    let vakgroep = d.add_unit(vakgroep).unwrap();
    let mut km = Post::new("km", "Kwartiermaker", "kwartiermaker");
    km.valid = Period::new(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)));
    km.temporary = true;
    let km = d.add_post(km).unwrap();
    let mut nieuw = Post::new("nieuw", "Nieuw", "medewerker");
    nieuw.valid = Period::starting(date(2021, 1, 1));
    let nieuw = d.add_post(nieuw).unwrap();
    let hoofd = d.add_post(Post::new("hoofd", "Hoofd", "hoofd")).unwrap();
    let jan = d.add_person(Person::new("jan")).unwrap();
    d.add_appointment(Appointment::new(jan, km, 1.0)).unwrap();
    d.add_assignment(Assignment::new("draagt", SteeringKind::Programme, km, Target::Unit(u))).unwrap();
    d.add_assignment(Assignment::new("gericht", SteeringKind::Programme, hoofd, Target::Post(nieuw))).unwrap();
    d.add_membership(Membership::new(hoofd, vakgroep)).unwrap();

    let (then, notes) = d.as_of_with_notes(date(2020, 1, 1));
    assert_eq!(then.appointments().len(), 0);
    assert_eq!(then.assignments().len(), 0);
    assert_eq!(then.memberships().len(), 0);
    let seen: Vec<(&str, &str, &str, Absence)> =
        notes.iter().map(|c| (c.holder.as_str(), c.field, c.target.as_str(), c.absence)).collect();
    assert_eq!(
        seen,
        [
            ("assignments/draagt", "agent", "posts/km", Absence::Ended(date(2019, 12, 31))),
            ("assignments/gericht", "target", "posts/nieuw", Absence::NotStarted(date(2021, 1, 1))),
            ("people/jan", "appointment", "posts/km", Absence::Ended(date(2019, 12, 31))),
            ("posts/hoofd", "membership", "units/vakgroep", Absence::Ended(date(2019, 6, 30))),
        ]
    );
}

#[test]
fn a_period_counts_whole_months() {
    assert_eq!(Period::new(Some(date(2018, 1, 1)), Some(date(2019, 12, 31))).months(), Some(24));
    assert_eq!(Period::new(Some(date(2018, 1, 1)), Some(date(2020, 1, 1))).months(), Some(24));
    assert_eq!(Period::new(Some(date(2018, 1, 1)), None).months(), None);
}

#[test]
fn the_role_catalogue_knows_the_municipal_roles() {
    for key in ["kwartiermaker", "gebiedsmakelaar", "programmamanager", "teamcoach", "concerncontroller", "teammanager"]
    {
        assert!(builtin_role(key).is_some(), "{key}");
    }
    assert!(builtin_role("concerncontroller").unwrap().flags.independent);
    assert!(builtin_role("teammanager").unwrap().flags.line_management);
    assert!(!builtin_role("teamcoach").unwrap().flags.line_management);
}

#[test]
fn the_builder_is_linear_on_a_100_000_deep_chain() {
    let mut b = DesignBuilder::new("chain");
    b.post("p0", "P", "medewerker");
    for i in 1..100_000 {
        b.post(&format!("p{i}"), "P", "medewerker").reports_to(&format!("p{}", i - 1));
    }
    let d = b.build().unwrap();
    let m = harkje::measures::compute(&harkje::graph::LineTable::from_design(&d));
    assert_eq!(m.layers, 100_000);
}

#[test]
fn the_builder_undoes_the_last_link_of_every_cycle() {
    let mut b = DesignBuilder::new("rings");
    b.post("a", "A", "medewerker").reports_to("b");
    b.post("b", "B", "medewerker").reports_to("a");
    b.post("c", "C", "medewerker").reports_to("c");
    b.unit("u", "U", UnitKind::Eenheid).parent("v");
    b.unit("v", "V", UnitKind::Eenheid).parent("u");
    let shown: Vec<String> = b.build().unwrap_err().errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "unit `v` cannot be placed in `u`: `u` already lies within `v`",
            "post `b` cannot report to `a`: `a` already reports to `b`, directly or indirectly, so the line would form a cycle",
            "post `c` cannot report to itself",
        ]
    );
}
