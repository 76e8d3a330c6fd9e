//! The tiny design of the README tutorial (the README section "Ten minutes with harkje").
//!
//! `design.json` has one deliberate fault for the tutorial to find and fix:
//! the programmamanager is temporary but has no end date. `new.json` is the
//! same organisation after a small reorganisation, for the transition step.

use harkje::date;
use harkje::{ContractKind, Design, DesignBuilder, SteeringKind, TargetKey, UnitKind};

use super::Result;

fn functions(b: &mut DesignBuilder, new: bool) {
    b.function("F-HOOFD", "Hoofd", Some(13), &[("afdeling leiden", 6.0), ("bestuur adviseren", 4.0)]);
    b.function("F-CONS", "Consulent", Some(8), &[("inwoners helpen", 7.0), ("dossiers bijhouden", 3.0)]);
    b.function("F-PM", "Programmamanager", Some(12), &[("programma leiden", 6.0), ("partners verbinden", 4.0)]);
    if new {
        b.function(
            "F-ADVW",
            "Adviseur wijkopgaven",
            Some(10),
            &[("opgaven in de wijk trekken", 6.0), ("bestuur adviseren", 4.0)],
        );
        b.function("F-TM", "Teammanager", Some(11), &[("team leiden", 6.0), ("medewerkers coachen", 4.0)]);
    } else {
        b.function("F-ADV", "Adviseur", Some(10), &[("beleid schrijven", 6.0), ("bestuur adviseren", 4.0)]);
    }
}

fn people(b: &mut DesignBuilder) {
    let staff = [
        ("p1", "A. Visser", date(1968, 3, 12), date(1995, 9, 1), 13, "hoofd-sociaal"),
        ("p2", "B. Smit", date(1980, 7, 2), date(2008, 2, 1), 10, "adviseur-1"),
        ("p3", "C. Bakker", date(1991, 11, 23), date(2017, 5, 1), 10, "adviseur-2"),
        ("p4", "D. Jansen", date(1975, 1, 30), date(2001, 4, 1), 8, "consulent-1"),
        ("p5", "E. de Boer", date(1988, 6, 14), date(2015, 10, 1), 8, "consulent-2"),
        ("p6", "F. Mulder", date(1972, 9, 8), date(1999, 1, 1), 12, "programmamanager"),
    ];
    for (key, name, birth, start, scale, post) in staff {
        b.person(key).name(name).birth_date(birth).service_start(start).contract(ContractKind::Permanent).scale(scale);
        b.appoint(key, post);
    }
}

/// The tutorial design, with its one fault.
pub fn design() -> Result<Design> {
    let mut b = DesignBuilder::new("Voorbeeldstad (tutorial)");
    functions(&mut b, false);
    b.unit("directie", "Directie", UnitKind::Directie).kernopdracht("leads the organisation");
    b.unit("sociaal", "Sociaal Domein", UnitKind::Eenheid)
        .parent("directie")
        .kernopdracht("helps residents with care, work and income");
    b.post("gemeentesecretaris", "Gemeentesecretaris", "gemeentesecretaris")
        .unit("directie")
        .scale(16)
        .salary(115_000.0);
    b.post("hoofd-sociaal", "Hoofd Sociaal Domein", "hoofd")
        .unit("sociaal")
        .reports_to("gemeentesecretaris")
        .function("F-HOOFD")
        .scale(13)
        .salary(85_000.0);
    for i in 1..=2 {
        b.post(&format!("adviseur-{i}"), "Adviseur", "adviseur")
            .unit("sociaal")
            .reports_to("hoofd-sociaal")
            .function("F-ADV")
            .scale(10)
            .salary(60_000.0);
        b.post(&format!("consulent-{i}"), "Consulent", "medewerker")
            .unit("sociaal")
            .reports_to("hoofd-sociaal")
            .function("F-CONS")
            .scale(8)
            .salary(48_000.0);
    }
    // The fault: temporary, but without an end date (`until`).
    b.post("programmamanager", "Programmamanager Wonen", "programmamanager")
        .unit("sociaal")
        .reports_to("gemeentesecretaris")
        .accountable_to(TargetKey::Unit("directie".to_owned()))
        .function("F-PM")
        .scale(12)
        .salary(76_000.0)
        .temporary()
        .valid(Some(date(2025, 1, 1)), None);
    b.assignment("programma-wonen", SteeringKind::Programme, "programmamanager", TargetKey::Unit("sociaal".to_owned()))
        .principal(TargetKey::Unit("directie".to_owned()))
        .escalation(TargetKey::Unit("directie".to_owned()))
        .goal("build 500 affordable homes with the housing corporations")
        .valid(Some(date(2025, 1, 1)), Some(date(2026, 12, 31)));
    people(&mut b);
    Ok(b.build()?)
}

/// The tutorial organisation after a small reorganisation: the advisers now
/// lead district work instead of writing policy (their function changes by more than 30%), and a
/// second team gets its own teammanager.
pub fn new() -> Result<Design> {
    let mut b = DesignBuilder::new("Voorbeeldstad, new (tutorial)");
    functions(&mut b, true);
    b.unit("directie", "Directie", UnitKind::Directie).kernopdracht("leads the organisation");
    b.unit("sociaal", "Sociaal Domein", UnitKind::Eenheid)
        .parent("directie")
        .kernopdracht("helps residents with care, work and income");
    b.unit("wijkteam", "Wijkteam", UnitKind::Team).parent("sociaal").kernopdracht("helps residents close to home");
    b.post("gemeentesecretaris", "Gemeentesecretaris", "gemeentesecretaris")
        .unit("directie")
        .scale(16)
        .salary(115_000.0);
    b.post("hoofd-sociaal", "Hoofd Sociaal Domein", "hoofd")
        .unit("sociaal")
        .reports_to("gemeentesecretaris")
        .function("F-HOOFD")
        .scale(13)
        .salary(85_000.0);
    b.post("teammanager-wijkteam", "Teammanager Wijkteam", "teammanager")
        .unit("wijkteam")
        .reports_to("hoofd-sociaal")
        .function("F-TM")
        .scale(11)
        .salary(68_000.0);
    for i in 1..=2 {
        b.post(&format!("adviseur-{i}"), "Adviseur wijkopgaven", "adviseur")
            .unit("sociaal")
            .reports_to("hoofd-sociaal")
            .function("F-ADVW")
            .scale(10)
            .salary(60_000.0);
    }
    for i in 1..=3 {
        b.post(&format!("consulent-{i}"), "Consulent", "medewerker")
            .unit("wijkteam")
            .reports_to("teammanager-wijkteam")
            .function("F-CONS")
            .scale(8)
            .salary(48_000.0);
    }
    b.post("programmamanager", "Programmamanager Wonen", "programmamanager")
        .unit("sociaal")
        .reports_to("gemeentesecretaris")
        .accountable_to(TargetKey::Unit("directie".to_owned()))
        .function("F-PM")
        .scale(12)
        .salary(76_000.0)
        .temporary()
        .valid(Some(date(2025, 1, 1)), Some(date(2026, 12, 31)));
    b.assignment("programma-wonen", SteeringKind::Programme, "programmamanager", TargetKey::Unit("sociaal".to_owned()))
        .principal(TargetKey::Unit("directie".to_owned()))
        .escalation(TargetKey::Unit("directie".to_owned()))
        .goal("build 500 affordable homes with the housing corporations")
        .valid(Some(date(2025, 1, 1)), Some(date(2026, 12, 31)));
    Ok(b.build()?)
}
