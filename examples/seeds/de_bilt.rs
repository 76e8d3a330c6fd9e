//! De Bilt, the organisation from 1 January 2018 (seed: `de-bilt-onze-organisatie.txt`).
//!
//! One file with validity periods: the kwartiermakers, their assignments, the
//! temporary social-domain team and the kwartiermakers' places in the
//! managementcollectief all end on 2019-12-31, so `Design::as_of` shows the
//! organisation before and after they have made themselves redundant.

use harkje::date;
use harkje::{Design, DesignBuilder, Period, SteeringKind, TargetKey, UnitKind};

use super::{Result, Rng, add_memberships, fte, salary};

const INDEX: f64 = 1.0;

fn unit(k: &str) -> TargetKey {
    TargetKey::Unit(k.to_owned())
}

/// The three area teams: key part and display name.
pub const AREAS: [(&str, &str); 3] =
    [("de-bilt", "De Bilt"), ("bilthoven", "Bilthoven"), ("groene-kernen", "Groene Kernen")];

/// The De Bilt design with its periods.
pub fn design() -> Result<Design> {
    let start = date(2018, 1, 1);
    let km_end = date(2019, 12, 31);
    let after = date(2020, 1, 1);
    let mut rng = Rng::new(0xDE_B117_2018);
    let mut b = DesignBuilder::new("De Bilt 2018 (structure from the seed document; staffing synthetic)");

    // Units. Kernopdrachten are summaries in our own words.
    b.unit("directie", "Team directie", UnitKind::Directie).head("gemeentesecretaris").kernopdracht(
        "carries joint final responsibility for the organisation, its renewal and the long-term course of the \
         municipality; commissions the work of the units and is where conflicts are escalated",
    );
    b.unit("inwonerplein", "Eenheid Inwonerplein", UnitKind::Eenheid)
        .parent("directie")
        .head("directielid-2")
        .kernopdracht("front door for residents and businesses, online and in the town hall: answers questions, delivers standard products and hands complex cases to Gebieden");
    b.unit("klantenservice", "Team Klantenservice", UnitKind::Team)
        .parent("inwonerplein")
        .head("directielid-2")
        .kernopdracht("welcomes every question on every channel and guides people to the answer or service they need");
    b.unit("gemeentewinkel", "Team Gemeentewinkel", UnitKind::Team)
        .parent("inwonerplein")
        .head("directielid-2")
        .kernopdracht("delivers standard products and services fast, at a fixed price and of dependable quality");
    b.unit("gebieden", "Eenheid Gebieden", UnitKind::Eenheid).parent("directie").head("directielid-1").kernopdracht(
        "works with residents and partners on the social questions of three areas, guided by each area's agenda",
    );
    for (k, name) in AREAS {
        b.unit(&format!("gebied-{k}"), &format!("Gebiedsteam {name}"), UnitKind::Team)
            .parent("gebieden")
            .head("directielid-1")
            .kernopdracht(&format!(
                "keeps and improves the quality of life in {name} as a whole, working from its area agenda"
            ));
        b.unit(
            &format!("gebied-{k}-sro"),
            &format!("Team sociale en ruimtelijke ontwikkeling {name}"),
            UnitKind::Subteam,
        )
        .parent(&format!("gebied-{k}"))
        .head("directielid-1")
        .kernopdracht(&format!("develops {name} socially and spatially: plans, projects and policy for the area"));
        b.unit(&format!("gebied-{k}-ml"), &format!("Team mens en leefomgeving {name}"), UnitKind::Subteam)
            .parent(&format!("gebied-{k}"))
            .head("directielid-1")
            .kernopdracht(&format!("supports the residents of {name} and looks after their daily surroundings"));
    }
    b.unit("ondersteuning", "Team ondersteuning", UnitKind::Team)
        .parent("gebieden")
        .head("directielid-1")
        .kernopdracht("does the shared work behind the area teams: assets and contracts, base registers and geo data, applications, crisis organisation and HR support");
    b.unit("sociaal-domein", "Tijdelijk team Sociaal Domein", UnitKind::Team)
        .parent("gebieden")
        .head("directielid-1")
        .kernopdracht("holds social-domain work for a while, until it is embedded in the area teams")
        .valid(Some(start), Some(km_end));
    b.unit("centrale-ondersteuning", "Eenheid centrale ondersteuning", UnitKind::Eenheid)
        .parent("directie")
        .head("directielid-2")
        .kernopdracht("supports Inwonerplein, the areas and the directie, mostly in administrative processes, and supplies management information");
    b.unit("diensten", "Team Diensten", UnitKind::Team)
        .parent("centrale-ondersteuning")
        .head("directielid-2")
        .kernopdracht("keeps the administrations in order (staff, finance, executive secretariat) and hosts meetings and events in the municipal buildings");
    b.unit("advies", "Team Advies", UnitKind::Team)
        .parent("centrale-ondersteuning")
        .head("directielid-2")
        .kernopdracht("brings specialist knowledge of business operations to the other teams and deals with outside partners on operations");
    b.unit("strategie", "Team strategie", UnitKind::Team)
        .parent("directie")
        .head("gemeentesecretaris")
        .kernopdracht("spots long-term developments, turns them into a strategic course with the directie, and keeps the regional network");
    b.unit("managementcollectief", "Managementcollectief", UnitKind::Collective)
        .kernopdracht("the directie and the kwartiermakers together, answerable for developing the organisation");
    b.unit("syn-vakgroep-juridisch", "Vakgroep juridische zaken", UnitKind::Community);
    b.unit("syn-vakgroep-geo", "Vakgroep geo-informatie", UnitKind::Community);
    b.unit("syn-sterrol-jeugd", "Sterrol jeugd (netwerk van de gebiedsteams)", UnitKind::Community);

    // The directie: the gemeentesecretaris as algemeen directeur and two members.
    b.post("gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris")
        .unit("directie")
        .scale(17)
        .salary(salary(17, INDEX));
    for i in 1..=2 {
        b.post(&format!("directielid-{i}"), &format!("Directielid {i}"), "directeur")
            .unit("directie")
            .reports_to("gemeentesecretaris")
            .scale(16)
            .salary(salary(16, INDEX));
    }

    // Four kwartiermakers, each with its own assignment and a two-year horizon.
    let kwartiermakers = [
        (
            "kwartiermaker-gebieden",
            "Kwartiermaker gebieden",
            "gebieden",
            "directielid-1",
            "gebieden",
            "embed social-domain work in the area teams together with the social-domain kwartiermaker, shape the star roles in the teams and connect equal star roles across teams",
        ),
        (
            "kwartiermaker-sociaal-domein",
            "Kwartiermaker Sociaal Domein",
            "gebieden",
            "directielid-1",
            "sociaal-domein",
            "move the work of the temporary social-domain team step by step into the area teams, in step with the area kwartiermaker",
        ),
        (
            "kwartiermaker-centrale-support",
            "Kwartiermaker Centrale Support",
            "centrale-ondersteuning",
            "directielid-2",
            "centrale-ondersteuning",
            "make support work executable by the executing teams, and move part of it into Gebieden and Inwonerplein",
        ),
        (
            "kwartiermaker-inwonerplein",
            "Kwartiermaker Inwonerplein",
            "inwonerplein",
            "directielid-2",
            "inwonerplein",
            "carry out the unit's (digital) development task",
        ),
    ];
    for (key, title, at, manager, target, goal) in kwartiermakers {
        b.post(key, title, "kwartiermaker")
            .unit(at)
            .reports_to(manager)
            .accountable_to(unit("directie"))
            .scale(13)
            .salary(salary(13, INDEX))
            .temporary()
            .valid(Some(start), Some(km_end));
        b.assignment(&format!("ontwikkeling-{target}"), SteeringKind::Development, key, unit(target))
            .principal(unit("directie"))
            .escalation(unit("directie"))
            .goal(&format!("{goal}; lead the teams toward self-steering and make the role redundant within two years"))
            .valid(Some(start), Some(km_end));
    }

    // Six gebiedsmakelaars, two per area, reporting to the directie.
    for (k, name) in AREAS {
        for i in 1..=2 {
            let key = format!("gebiedsmakelaar-{k}-{i}");
            b.post(&key, &format!("Gebiedsmakelaar {name}"), "gebiedsmakelaar")
                .unit(&format!("gebied-{k}"))
                .reports_to("directielid-1")
                .accountable_to(unit("directie"))
                .scale(11)
                .salary(salary(11, INDEX));
            b.assignment(&format!("gebiedsagenda-{k}-{i}"), SteeringKind::AreaAgenda, &key, unit(&format!("gebied-{k}")))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal(&format!(
                    "keep the area agenda of {name} current and carry it out with partners in the area and colleagues inside; \
                     coordinate themes that cross the areas with the other gebiedsmakelaars"
                ))
                .valid(Some(start), Some(date(2021, 12, 31)));
        }
    }

    // Teamcoaches (how many is not in the seed: four, synthetic).
    let coached: [&[&str]; 4] = [
        &["klantenservice", "gemeentewinkel", "diensten"],
        &["gebied-de-bilt-sro", "gebied-de-bilt-ml", "advies"],
        &["gebied-bilthoven-sro", "gebied-bilthoven-ml", "ondersteuning"],
        &["gebied-groene-kernen-sro", "gebied-groene-kernen-ml", "strategie"],
    ];
    for (i, teams) in coached.iter().enumerate() {
        let key = format!("syn-teamcoach-{}", i + 1);
        // Placed with the specialists of Team Advies (a synthetic choice: the seed gives no place).
        b.post(&key, "Teamcoach", "teamcoach")
            .unit("advies")
            .reports_to("directielid-2")
            .scale(11)
            .salary(salary(11, INDEX));
        for team in *teams {
            b.assignment(&format!("coaching-{team}"), SteeringKind::Coaching, &key, unit(team))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal("help the team grow from a group of individuals into an open team that steers itself")
                .valid(Some(start), Some(date(2020, 12, 31)));
        }
    }

    // Staff of the teams (synthetic): (unit, line manager, [(title, scale, count)]).
    let mut members: Vec<(String, &str, Period)> = Vec::new();
    let mut staff = |b: &mut DesignBuilder,
                     rng: &mut Rng,
                     unit_key: &str,
                     manager: &str,
                     jobs: &[(&str, u8, usize)],
                     valid: Period,
                     tag: &str| {
        let mut n = 0;
        for &(title, scale, count) in jobs {
            for _ in 0..count {
                n += 1;
                let key = format!("syn-{unit_key}{tag}-{n:02}");
                b.post(&key, title, "medewerker")
                    .unit(unit_key)
                    .reports_to(manager)
                    .scale(scale)
                    .salary(salary(scale, INDEX))
                    .fte(fte(rng))
                    .valid(valid.from, valid.until);
                if title.contains("jurid") {
                    members.push((key.clone(), "syn-vakgroep-juridisch", valid));
                } else if title.contains("geo") {
                    members.push((key.clone(), "syn-vakgroep-geo", valid));
                } else if title.contains("jeugd") {
                    members.push((key.clone(), "syn-sterrol-jeugd", valid));
                }
            }
        }
    };
    let always = Period::ALWAYS;
    staff(
        &mut b,
        &mut rng,
        "klantenservice",
        "directielid-2",
        &[("Klantadviseur", 6, 12), ("Senior klantadviseur", 7, 2)],
        always,
        "",
    );
    staff(
        &mut b,
        &mut rng,
        "gemeentewinkel",
        "directielid-2",
        &[("Medewerker burgerzaken", 7, 9), ("Medewerker vergunningen", 8, 3)],
        always,
        "",
    );
    for (k, _) in AREAS {
        staff(
            &mut b,
            &mut rng,
            &format!("gebied-{k}-sro"),
            "directielid-1",
            &[
                ("Adviseur ruimtelijke ontwikkeling", 10, 4),
                ("Projectleider", 11, 2),
                ("Beleidsadviseur sociaal", 10, 3),
                ("Medewerker geo-informatie", 8, 1),
            ],
            always,
            "",
        );
        staff(
            &mut b,
            &mut rng,
            &format!("gebied-{k}-ml"),
            "directielid-1",
            &[
                ("Consulent Wmo", 8, 5),
                ("Medewerker openbare ruimte", 7, 4),
                ("Toezichthouder", 8, 2),
                ("Consulent jeugd (sterrol)", 9, 1),
            ],
            always,
            "",
        );
        // Work of the temporary social-domain team lands in the teams in 2020.
        staff(
            &mut b,
            &mut rng,
            &format!("gebied-{k}-ml"),
            "directielid-1",
            &[("Consulent sociaal domein", 8, 3)],
            Period::starting(after),
            "-sd",
        );
    }
    staff(
        &mut b,
        &mut rng,
        "ondersteuning",
        "directielid-1",
        &[
            ("Contractmanager", 10, 3),
            ("Medewerker geo-informatie en BAG/BGT", 8, 4),
            ("Applicatiebeheerder", 8, 3),
            ("Adviseur crisisbeheersing", 10, 1),
            ("Adviseur juridische zaken", 11, 1),
            ("Medewerker personeelszaken", 8, 2),
        ],
        always,
        "",
    );
    staff(
        &mut b,
        &mut rng,
        "sociaal-domein",
        "directielid-1",
        &[("Consulent sociaal domein", 8, 9)],
        Period::new(Some(start), Some(km_end)),
        "",
    );
    staff(
        &mut b,
        &mut rng,
        "diensten",
        "directielid-2",
        &[
            ("Medewerker personeelsadministratie", 7, 4),
            ("Medewerker financiële administratie", 7, 8),
            ("Bode", 4, 4),
            ("Bestuurssecretaresse", 7, 6),
        ],
        always,
        "",
    );
    staff(
        &mut b,
        &mut rng,
        "advies",
        "directielid-2",
        &[
            ("Adviseur financiën", 10, 4),
            ("Adviseur HRM", 10, 3),
            ("Adviseur informatievoorziening", 10, 3),
            ("Adviseur juridische zaken", 11, 2),
            ("Adviseur inkoop", 10, 2),
        ],
        always,
        "",
    );
    staff(
        &mut b,
        &mut rng,
        "strategie",
        "gemeentesecretaris",
        &[("Strategisch adviseur", 12, 5), ("Adviseur regionale samenwerking", 11, 2)],
        always,
        "",
    );

    let mut design = b.build()?;

    // The managementcollectief: the directie for good, the kwartiermakers for their term.
    let mut collective: Vec<(&str, &str, Period)> = vec![
        ("gemeentesecretaris", "managementcollectief", Period::starting(start)),
        ("directielid-1", "managementcollectief", Period::starting(start)),
        ("directielid-2", "managementcollectief", Period::starting(start)),
    ];
    for (key, ..) in kwartiermakers {
        collective.push((key, "managementcollectief", Period::new(Some(start), Some(km_end))));
    }
    for (post, community, valid) in &members {
        collective.push((post.as_str(), community, *valid));
    }
    add_memberships(&mut design, &collective)?;
    Ok(design)
}
