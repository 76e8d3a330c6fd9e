//! De Bilt, the organisation from 1 January 2018 (seed: `de-bilt-onze-organisatie.txt`).
//!
//! One dated design from 2018 to 2020, as the document tells it: a directieteam of
//! three that leads as a collective; teams that steer their own work, each with a
//! teamcoach and answering to the directielid who carries its eenheid; four
//! kwartiermakers for the first two years (the Kwartiermaker Sociaal Domein leads the
//! temporary social-domain team, whose people move into the area teams in three
//! steps, the last on 1 January 2020); the teamcoaches coaching the kwartiermakers at the start; the six
//! gebiedsmakelaars as a group; a pop-up team; and a functieboek with a few
//! eenmansfuncties whose holders sit in an area team. `Design::as_of` shows any day.

use harkje::date;
use harkje::{Design, DesignBuilder, Period, SteeringKind, TargetKey, UnitKind};

use super::{Result, Rng, add_memberships, employee, salary};

const INDEX: f64 = 1.0;

fn unit(k: &str) -> TargetKey {
    TargetKey::Unit(k.to_owned())
}

fn post(k: &str) -> TargetKey {
    TargetKey::Post(k.to_owned())
}

/// The three area teams: key part and display name.
pub const AREAS: [(&str, &str); 3] =
    [("de-bilt", "De Bilt"), ("bilthoven", "Bilthoven"), ("groene-kernen", "Groene Kernen")];

/// The self-steering teams: unit key, the post the team answers to, its teamcoach.
/// Which directielid carries which eenheid, and which coach has which team, is synthetic.
pub const TEAMS: [(&str, &str, &str); 12] = [
    ("klantenservice", "directielid-2", "syn-teamcoach-1"),
    ("gemeentewinkel", "directielid-2", "syn-teamcoach-1"),
    ("diensten", "directielid-2", "syn-teamcoach-1"),
    ("gebied-de-bilt-sro", "directielid-1", "syn-teamcoach-2"),
    ("gebied-de-bilt-ml", "directielid-1", "syn-teamcoach-2"),
    ("advies", "directielid-2", "syn-teamcoach-2"),
    ("gebied-bilthoven-sro", "directielid-1", "syn-teamcoach-3"),
    ("gebied-bilthoven-ml", "directielid-1", "syn-teamcoach-3"),
    ("ondersteuning", "directielid-1", "syn-teamcoach-3"),
    ("gebied-groene-kernen-sro", "directielid-1", "syn-teamcoach-4"),
    ("gebied-groene-kernen-ml", "directielid-1", "syn-teamcoach-4"),
    ("strategie", "gemeentesecretaris", "syn-teamcoach-4"),
];

/// The days on which the temporary social-domain team's people move into the
/// area teams, per area in the order of [`AREAS`] (synthetic: the document says
/// the work is embedded gradually, within the kwartiermakers' two years).
pub const SOCIAL_DOMAIN_MOVES: [harkje::Date; 3] = [date(2019, 1, 1), date(2019, 7, 1), date(2020, 1, 1)];

/// The post a self-steering team answers to.
fn accountable(team: &str) -> Option<&'static str> {
    TEAMS.iter().find(|t| t.0 == team).map(|t| t.1)
}

/// The teamcoach of a self-steering team.
fn coach(team: &str) -> Option<&'static str> {
    TEAMS.iter().find(|t| t.0 == team).map(|t| t.2)
}

/// The eenmansfuncties (synthetic: the document says there are some, and that their
/// holders have a place in an area team, but not which): function key, title, the
/// subteam of its one holder.
pub const EENMANSFUNCTIES: [(&str, &str, &str); 3] = [
    ("syn-F-ECOLOGIE", "Adviseur ecologie", "gebied-de-bilt-sro"),
    ("syn-F-ERFGOED", "Adviseur cultureel erfgoed", "gebied-bilthoven-sro"),
    ("syn-F-GELUID", "Adviseur geluid en bodem", "gebied-groene-kernen-sro"),
];

/// The synthetic function code of a job title.
fn function_key(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| match c {
            'ë' => 'E',
            c if c.is_ascii_alphanumeric() => c.to_ascii_uppercase(),
            _ => '-',
        })
        .collect();
    let mut out = String::from("syn-F-");
    for part in slug.split('-').filter(|p| !p.is_empty()) {
        if !out.ends_with('-') {
            out.push('-');
        }
        out.push_str(part);
    }
    out
}

/// Makes the synthetic people who hold the posts, numbered in order.
struct Staffing<'a> {
    rng: &'a mut Rng,
    n: usize,
}

impl Staffing<'_> {
    /// A new synthetic person, part-time or not; returns the person key and their FTE.
    fn person(&mut self, b: &mut DesignBuilder, scale: u8, on: harkje::Date) -> (String, f64) {
        self.n += 1;
        let e = employee(self.rng, format!("syn-{:04}", self.n), on);
        add_person(b, &e, scale);
        (e.key, e.fte)
    }

    /// A new synthetic person working full time (the management and steering posts).
    fn full_time(&mut self, b: &mut DesignBuilder, scale: u8, on: harkje::Date) -> String {
        self.n += 1;
        let mut e = employee(self.rng, format!("syn-{:04}", self.n), on);
        e.fte = 1.0;
        add_person(b, &e, scale);
        e.key
    }
}

/// Adds the person of an employee without appointing them.
fn add_person(b: &mut DesignBuilder, e: &super::Employee, scale: u8) {
    b.person(&e.key)
        .name(&format!("Synthetisch {}", e.key.trim_start_matches("syn-")))
        .birth_date(e.birth)
        .service_start(e.service_start)
        .contract(e.contract)
        .scale(scale)
        .fte(e.fte);
}

/// The De Bilt design from 2018 to 2020, dated.
pub fn design() -> Result<Design> {
    let start = date(2018, 1, 1);
    let km_end = date(2019, 12, 31);
    let first_years = Period::new(Some(start), Some(km_end));
    let mut rng = Rng::new(0xDE_B117_2018);
    let mut b = DesignBuilder::new("De Bilt 2018 (structure from the seed document; staffing synthetic)");

    // Units. Kernopdrachten are summaries in our own words.
    b.unit("directie", "Team directie", UnitKind::Directie)
        .head("gemeentesecretaris")
        .collective_leadership()
        .kernopdracht(
            "carries together the final responsibility for the organisation, its renewal and the long-term course of \
             the municipality; commissions the work of the units, links civil service and council, and is where \
             conflicts are escalated and the griffie's first contact",
        );
    b.unit("inwonerplein", "Eenheid Inwonerplein", UnitKind::Eenheid)
        .parent("directie")
        .head("directielid-2")
        .kernopdracht("front door for residents and businesses, online and in the town hall: answers questions, delivers standard products and hands complex cases to Gebieden");
    b.unit("klantenservice", "Team Klantenservice", UnitKind::Team)
        .parent("inwonerplein")
        .self_steering(accountable("klantenservice"), coach("klantenservice"))
        .kernopdracht("welcomes every question on every channel and guides people to the answer or service they need");
    b.unit("gemeentewinkel", "Team Gemeentewinkel", UnitKind::Team)
        .parent("inwonerplein")
        .self_steering(accountable("gemeentewinkel"), coach("gemeentewinkel"))
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
        .self_steering(accountable(&format!("gebied-{k}-sro")), coach(&format!("gebied-{k}-sro")))
        .kernopdracht(&format!("develops {name} socially and spatially: plans, projects and policy for the area"));
        b.unit(&format!("gebied-{k}-ml"), &format!("Team mens en leefomgeving {name}"), UnitKind::Subteam)
            .parent(&format!("gebied-{k}"))
            .self_steering(accountable(&format!("gebied-{k}-ml")), coach(&format!("gebied-{k}-ml")))
            .kernopdracht(&format!("supports the residents of {name} and looks after their daily surroundings"));
    }
    b.unit("ondersteuning", "Team ondersteuning", UnitKind::Team)
        .parent("gebieden")
        .self_steering(accountable("ondersteuning"), coach("ondersteuning"))
        .kernopdracht("does the shared work behind the area teams: assets and contracts, base registers and geo data, applications, crisis organisation and HR support");
    b.unit("sociaal-domein", "Tijdelijk team Sociaal Domein", UnitKind::Team)
        .parent("gebieden")
        .head("kwartiermaker-sociaal-domein")
        .kernopdracht("holds social-domain work for a while, until it is embedded in the area teams")
        .valid(Some(start), Some(km_end));
    b.unit("centrale-ondersteuning", "Eenheid centrale ondersteuning", UnitKind::Eenheid)
        .parent("directie")
        .head("directielid-2")
        .kernopdracht("supports Inwonerplein, the areas and the directie, mostly in administrative processes, and supplies management information");
    b.unit("diensten", "Team Diensten", UnitKind::Team)
        .parent("centrale-ondersteuning")
        .self_steering(accountable("diensten"), coach("diensten"))
        .kernopdracht("keeps the administrations in order (staff, finance, executive secretariat) and hosts meetings and events in the municipal buildings");
    b.unit("advies", "Team Advies", UnitKind::Team)
        .parent("centrale-ondersteuning")
        .self_steering(accountable("advies"), coach("advies"))
        .kernopdracht("brings specialist knowledge of business operations to the other teams and deals with outside partners on operations");
    b.unit("strategie", "Team strategie", UnitKind::Team)
        .parent("directie")
        .self_steering(accountable("strategie"), coach("strategie"))
        .kernopdracht("spots long-term developments, turns them into a strategic course with the directie, and keeps the regional network");
    b.unit("managementcollectief", "Managementcollectief", UnitKind::Collective)
        .kernopdracht("the directie and the kwartiermakers together, answerable for developing the organisation");
    b.unit("gebiedsmakelaars", "Gebiedsmakelaars (als team)", UnitKind::Collective).kernopdracht(
        "the six gebiedsmakelaars together: coordinate the shared policy on themes that cross the areas, calling on \
         specialists, vakgroepen or pop-up teams where needed",
    );
    b.unit("syn-popup-wateroverlast", "Pop-up team wateroverlast", UnitKind::PopUp)
        .kernopdracht(
            "a theme that crosses the three areas, worked on for a few months at the gebiedsmakelaars' request",
        )
        .valid(Some(date(2019, 3, 1)), Some(date(2019, 9, 30)));
    b.unit("syn-vakgroep-juridisch", "Vakgroep juridische zaken", UnitKind::Community);
    b.unit("syn-vakgroep-geo", "Vakgroep geo-informatie", UnitKind::Community);
    b.unit("syn-sterrol-jeugd", "Sterrol jeugd (netwerk van de gebiedsteams)", UnitKind::Community);
    for (f, title, _) in EENMANSFUNCTIES {
        let topic = title.trim_start_matches("Adviseur ");
        b.unit(
            &format!("syn-vakgroep-{}", f.trim_start_matches("syn-F-").to_ascii_lowercase()),
            &format!("Gemeentebrede vakgroep {topic}"),
            UnitKind::Community,
        );
    }
    let mut staff = Staffing { rng: &mut rng, n: 0 };
    let mut functions: Vec<(String, String, u8)> = Vec::new();
    let mut function_for = |title: &str, scale: u8| {
        let key = function_key(title);
        if !functions.iter().any(|f| f.0 == key) {
            functions.push((key.clone(), title.to_owned(), scale));
        }
        key
    };

    // The directieteam: the gemeentesecretaris as algemeen directeur and two
    // directieleden, leading together (no line between them). No function code:
    // the functieboek covers the posts below the directie.
    b.post("gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris")
        .unit("directie")
        .scale(17)
        .salary(salary(17, INDEX));
    for i in 1..=2 {
        b.post(&format!("directielid-{i}"), &format!("Directielid {i}"), "directeur")
            .unit("directie")
            .scale(16)
            .salary(salary(16, INDEX));
    }
    for (key, scale) in [("gemeentesecretaris", 17), ("directielid-1", 16), ("directielid-2", 16)] {
        let person = staff.full_time(&mut b, scale, start);
        b.appoint(&person, key);
    }

    // Four kwartiermakers for the first two years, each with its own assignment.
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
            "sociaal-domein",
            "directielid-1",
            "gebieden",
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
    let km_function = function_for("Kwartiermaker", 13);
    for (key, title, at, manager, target, goal) in kwartiermakers {
        b.post(key, title, "kwartiermaker")
            .unit(at)
            .reports_to(manager)
            .accountable_to(unit("directie"))
            .function(&km_function)
            .scale(13)
            .salary(salary(13, INDEX))
            .temporary()
            .valid(Some(start), Some(km_end));
        let person = staff.full_time(&mut b, 13, start);
        b.appoint(&person, key).valid(Some(start), Some(km_end));
        b.assignment(&format!("ontwikkeling-{}", key.trim_start_matches("kwartiermaker-")), SteeringKind::Development, key, unit(target))
            .principal(unit("directie"))
            .escalation(unit("directie"))
            .goal(&format!("{goal}; lead the units and teams toward autonomy and self-steering and make the role redundant within two years"))
            .valid(Some(start), Some(km_end));
    }

    // Six gebiedsmakelaars, two per area (the split is synthetic), reporting to the
    // directie: each to directielid-1 in the line (synthetic; the document leaves the
    // exact lines to them and the directie) and accountable to the directie as a whole.
    let gm_function = function_for("Gebiedsmakelaar", 11);
    let mut makelaars = Vec::new();
    for (k, name) in AREAS {
        for i in 1..=2 {
            let key = format!("gebiedsmakelaar-{k}-{i}");
            b.post(&key, &format!("Gebiedsmakelaar {name}"), "gebiedsmakelaar")
                .unit(&format!("gebied-{k}"))
                .reports_to("directielid-1")
                .accountable_to(unit("directie"))
                .function(&gm_function)
                .scale(11)
                .salary(salary(11, INDEX));
            let person = staff.full_time(&mut b, 11, start);
            b.appoint(&person, &key);
            b.assignment(&format!("gebiedsagenda-{k}-{i}"), SteeringKind::AreaAgenda, &key, unit(&format!("gebied-{k}")))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal(&format!(
                    "keep the area agenda of {name} current and carry it out with partners in the area and colleagues inside; \
                     coordinate themes that cross the areas with the other gebiedsmakelaars"
                ))
                .valid(Some(start), Some(date(2021, 12, 31)));
            makelaars.push(key);
        }
    }

    // Teamcoaches (how many, where they sit and who they report to is not in the
    // seed: four, with the directie, under the gemeentesecretaris). Each coaches its
    // teams, and at the start one kwartiermaker each.
    let tc_function = function_for("Teamcoach", 11);
    let coached_kwartiermakers = [
        "kwartiermaker-inwonerplein",
        "kwartiermaker-gebieden",
        "kwartiermaker-sociaal-domein",
        "kwartiermaker-centrale-support",
    ];
    for (i, kwartiermaker) in coached_kwartiermakers.iter().enumerate() {
        let key = format!("syn-teamcoach-{}", i + 1);
        b.post(&key, "Teamcoach", "teamcoach")
            .unit("directie")
            .reports_to("gemeentesecretaris")
            .function(&tc_function)
            .scale(11)
            .salary(salary(11, INDEX));
        let person = staff.full_time(&mut b, 11, start);
        b.appoint(&person, &key);
        for (team, _, _) in TEAMS.iter().filter(|t| t.2 == key) {
            b.assignment(&format!("coaching-{team}"), SteeringKind::Coaching, &key, unit(team))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal("help the team grow from a group of individuals into an open team that steers itself")
                .valid(Some(start), Some(date(2020, 12, 31)));
        }
        b.assignment(&format!("coaching-{kwartiermaker}"), SteeringKind::Coaching, &key, post(kwartiermaker))
            .principal(unit("directie"))
            .escalation(unit("directie"))
            .goal("guide the kwartiermaker at the start of the new organisation")
            .valid(Some(start), Some(date(2018, 12, 31)));
    }

    // Staff of the teams (synthetic): members of self-steering teams have no line
    // manager; the temporary social-domain team is led by its kwartiermaker.
    let mut members: Vec<(String, String, Period)> = Vec::new();
    let mut add_staff = |b: &mut DesignBuilder,
                         staff: &mut Staffing,
                         function_for: &mut dyn FnMut(&str, u8) -> String,
                         unit_key: &str,
                         manager: Option<&str>,
                         jobs: &[(&str, u8, usize)],
                         valid: Period,
                         tag: &str|
     -> Vec<String> {
        let mut n = 0;
        let mut keys = Vec::new();
        for &(title, scale, count) in jobs {
            let f = function_for(title, scale);
            for _ in 0..count {
                n += 1;
                let key = format!("syn-{unit_key}{tag}-{n:02}");
                let (person, fte) = staff.person(b, scale, valid.from.unwrap_or(start));
                let p = b
                    .post(&key, title, "medewerker")
                    .unit(unit_key)
                    .function(&f)
                    .scale(scale)
                    .salary(salary(scale, INDEX))
                    .fte(fte)
                    .valid(valid.from, valid.until);
                if let Some(m) = manager {
                    p.reports_to(m);
                }
                b.appoint(&person, &key).fte(fte).valid(valid.from, valid.until);
                if title.contains("jurid") {
                    members.push((key.clone(), "syn-vakgroep-juridisch".to_owned(), valid));
                } else if title.contains("geo") {
                    members.push((key.clone(), "syn-vakgroep-geo".to_owned(), valid));
                } else if title.contains("jeugd") {
                    members.push((key.clone(), "syn-sterrol-jeugd".to_owned(), valid));
                }
                keys.push(key);
            }
        }
        keys
    };
    let always = Period::ALWAYS;
    let ff = &mut function_for;
    add_staff(
        &mut b,
        &mut staff,
        ff,
        "klantenservice",
        None,
        &[("Klantadviseur", 6, 11), ("Senior klantadviseur", 7, 2)],
        always,
        "",
    );
    add_staff(
        &mut b,
        &mut staff,
        ff,
        "gemeentewinkel",
        None,
        &[("Medewerker burgerzaken", 7, 9), ("Medewerker vergunningen", 8, 3)],
        always,
        "",
    );
    let mut sro_colleagues = Vec::new();
    for (k, _) in AREAS {
        let sro = add_staff(
            &mut b,
            &mut staff,
            ff,
            &format!("gebied-{k}-sro"),
            None,
            &[
                ("Adviseur ruimtelijke ontwikkeling", 10, 4),
                ("Projectleider", 11, 2),
                ("Beleidsadviseur sociaal", 10, 3),
                ("Medewerker geo-informatie", 8, 1),
            ],
            always,
            "",
        );
        sro_colleagues.push(sro[0].clone());
        add_staff(
            &mut b,
            &mut staff,
            ff,
            &format!("gebied-{k}-ml"),
            None,
            &[
                ("Consulent Wmo", 8, 5),
                ("Medewerker openbare ruimte", 7, 4),
                ("Toezichthouder", 8, 2),
                ("Consulent jeugd (sterrol)", 9, 1),
            ],
            always,
            "",
        );
    }
    add_staff(
        &mut b,
        &mut staff,
        ff,
        "ondersteuning",
        None,
        &[
            ("Contractmanager", 10, 3),
            ("Medewerker geo-informatie en BAG/BGT", 8, 3),
            ("Applicatiebeheerder", 8, 3),
            ("Adviseur crisisbeheersing", 10, 2),
            ("Adviseur juridische zaken", 11, 1),
            ("Medewerker personeelszaken", 8, 2),
        ],
        always,
        "",
    );
    add_staff(
        &mut b,
        &mut staff,
        ff,
        "diensten",
        None,
        &[
            ("Medewerker personeelsadministratie", 7, 3),
            ("Medewerker financiële administratie", 7, 6),
            ("Bode", 4, 2),
            ("Bestuurssecretaresse", 7, 4),
        ],
        always,
        "",
    );
    add_staff(
        &mut b,
        &mut staff,
        ff,
        "advies",
        None,
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
    add_staff(
        &mut b,
        &mut staff,
        ff,
        "strategie",
        None,
        &[("Strategisch adviseur", 12, 5), ("Adviseur regionale samenwerking", 11, 2)],
        always,
        "",
    );

    // The temporary social-domain team, led by its kwartiermaker. Its work moves
    // into the area teams step by step (the document: gradually; the three dates
    // are synthetic): each area's Team mens en leefomgeving, which steers itself,
    // takes three of its people, the last on 1 January 2020, when the team ends.
    let sd_function = ff("Consulent sociaal domein", 8);
    for i in 1..=9 {
        let old = format!("syn-sociaal-domein-{i:02}");
        let (area, _) = AREAS[(i - 1) / 3];
        let moves = SOCIAL_DOMAIN_MOVES[(i - 1) / 3];
        let new = format!("syn-gebied-{area}-ml-sd-{:02}", (i - 1) % 3 + 1);
        let (person, fte) = staff.person(&mut b, 8, start);
        let last = moves.yesterday()?;
        b.post(&old, "Consulent sociaal domein", "medewerker")
            .unit("sociaal-domein")
            .reports_to("kwartiermaker-sociaal-domein")
            .function(&sd_function)
            .scale(8)
            .salary(salary(8, INDEX))
            .fte(fte)
            .valid(Some(start), Some(last));
        b.post(&new, "Consulent sociaal domein", "medewerker")
            .unit(&format!("gebied-{area}-ml"))
            .function(&sd_function)
            .scale(8)
            .salary(salary(8, INDEX))
            .fte(fte)
            .valid(Some(moves), None);
        b.appoint(&person, &old).fte(fte).valid(Some(start), Some(last));
        b.appoint(&person, &new).fte(fte).valid(Some(moves), None);
    }

    // The eenmansfuncties: one holder each, placed in an area team, who forms a
    // municipality-wide vakgroep with a colleague of each other area team.
    for (f, title, team) in EENMANSFUNCTIES {
        b.function(f, title, Some(11), &[(title, 1.0)]);
        let key = format!("syn-{team}-eenmans");
        let (person, fte) = staff.person(&mut b, 11, start);
        b.post(&key, title, "medewerker").unit(team).function(f).scale(11).salary(salary(11, INDEX)).fte(fte);
        b.appoint(&person, &key).fte(fte);
        let vakgroep = format!("syn-vakgroep-{}", f.trim_start_matches("syn-F-").to_ascii_lowercase());
        members.push((key.clone(), vakgroep.clone(), always));
        for colleague in sro_colleagues.iter().filter(|c| !c.starts_with(&format!("syn-{team}"))) {
            members.push((colleague.clone(), vakgroep.clone(), always));
        }
    }
    for (key, title, scale) in &functions {
        b.function(key, title, Some(*scale), &[(title.as_str(), 1.0)]);
    }

    let mut design = b.build()?;

    // The managementcollectief: the directie for good, the kwartiermakers for their term.
    let mut list: Vec<(&str, &str, Period)> = vec![
        ("gemeentesecretaris", "managementcollectief", Period::starting(start)),
        ("directielid-1", "managementcollectief", Period::starting(start)),
        ("directielid-2", "managementcollectief", Period::starting(start)),
    ];
    for (key, ..) in kwartiermakers {
        list.push((key, "managementcollectief", first_years));
    }
    // The gebiedsmakelaars as a team.
    for key in &makelaars {
        list.push((key.as_str(), "gebiedsmakelaars", Period::starting(start)));
    }
    // The pop-up team: a gebiedsmakelaar of each area and a colleague of each
    // Team sociale en ruimtelijke ontwikkeling, for its months.
    let popup = Period::new(Some(date(2019, 3, 1)), Some(date(2019, 9, 30)));
    for key in makelaars.iter().filter(|k| k.ends_with("-1")).chain(sro_colleagues.iter()) {
        list.push((key.as_str(), "syn-popup-wateroverlast", popup));
    }
    for (post, community, valid) in &members {
        list.push((post.as_str(), community.as_str(), *valid));
    }
    add_memberships(&mut design, &list)?;
    Ok(design)
}
