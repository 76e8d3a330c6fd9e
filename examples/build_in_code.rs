//! Builds a small municipality in Rust code, De Bilt's units from 2018, and
//! prints its measures.
//!
//! Run it with `cargo run --example build_in_code`.

use harkje::date;
use harkje::graph::LineTable;
use harkje::{DesignBuilder, SteeringKind, TargetKey, UnitKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut b = DesignBuilder::new("De Bilt (units only)");
    b.unit("directie", "Team directie", UnitKind::Directie).kernopdracht("steers the organisation as one team");
    for (key, name, parent) in [
        ("inwonerplein", "Eenheid Inwonerplein", "directie"),
        ("centrale-ondersteuning", "Eenheid centrale ondersteuning", "directie"),
    ] {
        b.unit(key, name, UnitKind::Eenheid).parent(parent);
    }
    // Nobody sits in Eenheid Gebieden itself: the directeur who carries it heads it.
    b.unit("gebieden", "Eenheid Gebieden", UnitKind::Eenheid).parent("directie").head("directeur-2");
    b.unit("strategie", "Team strategie", UnitKind::Team).parent("directie");
    for (key, name, parent) in [
        ("klantenservice", "Team Klantenservice", "inwonerplein"),
        ("gemeentewinkel", "Team Gemeentewinkel", "inwonerplein"),
        ("gebied-de-bilt", "Gebiedsteam De Bilt", "gebieden"),
        ("gebied-bilthoven", "Gebiedsteam Bilthoven", "gebieden"),
        ("gebied-groene-kernen", "Gebiedsteam Groene Kernen", "gebieden"),
        ("ondersteuning-gebieden", "Team ondersteuning", "gebieden"),
        ("diensten", "Team Diensten", "centrale-ondersteuning"),
        ("advies", "Team Advies", "centrale-ondersteuning"),
    ] {
        b.unit(key, name, UnitKind::Team).parent(parent);
    }
    b.unit("vakgroep-juridisch", "Vakgroep juridisch", UnitKind::Community);

    // A directie of three, with the gemeentesecretaris on top.
    b.post("gs", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris").unit("directie").salary(118_000.0);
    for d in ["directeur-1", "directeur-2"] {
        b.post(d, "Directeur", "directeur").unit("directie").reports_to("gs").salary(105_000.0);
    }
    // One teamcoach and a few employees per team; synthetic figures.
    let teams = [
        ("klantenservice", "directeur-1"),
        ("gemeentewinkel", "directeur-1"),
        ("gebied-de-bilt", "directeur-2"),
        ("gebied-bilthoven", "directeur-2"),
        ("gebied-groene-kernen", "directeur-2"),
        ("diensten", "gs"),
        ("advies", "gs"),
    ];
    for (team, director) in teams {
        for i in 1..=4 {
            b.post(&format!("{team}-{i}"), "Medewerker", "medewerker")
                .unit(team)
                .reports_to(director)
                .fte(if i == 4 { 0.8 } else { 1.0 })
                .salary(58_000.0);
        }
        b.post(&format!("{team}-coach"), "Teamcoach", "teamcoach").unit(team).reports_to(director).salary(66_000.0);
    }
    b.post("km-gebieden", "Kwartiermaker Gebieden", "kwartiermaker")
        .unit("directie")
        .reports_to("gs")
        .temporary()
        .valid(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)))
        .salary(95_000.0);
    b.assignment("ontwikkeling-gebieden", SteeringKind::Development, "km-gebieden", TargetKey::Unit("gebieden".into()))
        .principal(TargetKey::Post("gs".into()))
        .goal("set up the three area teams")
        .escalation(TargetKey::Unit("directie".into()))
        .valid(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)));
    b.member("advies-1", "vakgroep-juridisch").member("diensten-2", "vakgroep-juridisch");

    let design = b.build()?;
    let line = LineTable::from_design(&design);
    let m = harkje::measures::compute(&line);
    println!("{}: {} units, {} posts", design.name(), design.units().len(), m.posts);
    println!("layers {}, management layers {}", m.layers, m.management_layers);
    println!(
        "span of control: {} managers, min {}, median {}, max {}",
        m.span.managers, m.span.min, m.span.median, m.span.max
    );
    println!("FTE {}, cost € {:.0}", m.totals.fte, m.totals.cost);
    for e in harkje::measures::escalation_points(&design, &line, &m.per_post) {
        println!("assignment {} escalates to {}", e.assignment, e.computed.as_deref().unwrap_or("nobody"));
    }
    let later = design.as_of(date(2020, 1, 1));
    println!("on 2020-01-01: {} posts (the kwartiermaker has left)", later.posts().len());
    Ok(())
}
