//! Amersfoort after the 2014 changes, placed in 2015 (seed: `amersfoort-2014-raadsinformatiebrief.txt`).
//!
//! Sector steering is gone: a smaller directie of the gemeentesecretaris and
//! one director steers content, afdelingen answer to them, the Flexportaal
//! pool takes work that belongs to no single afdeling, and the Amersfoorts
//! Bedrijventeam links account managers to companies. The afdelingen and all
//! headcounts are synthetic; only Onderzoek & Statistiek is named in the seed.

use harkje::date;
use harkje::{Design, DesignBuilder, Period, SteeringKind, TargetKey, UnitKind};

use super::{Result, Rng, add_memberships, fte, salary};

const INDEX: f64 = 1.05;

fn unit(k: &str) -> TargetKey {
    TargetKey::Unit(k.to_owned())
}

/// Afdelingen: key, name, the directie member they answer to, kernopdracht, staff (title, scale, count).
type Afdeling = (&'static str, &'static str, &'static str, &'static str, &'static [(&'static str, u8, usize)]);

const AFDELINGEN: &[Afdeling] = &[
    (
        "syn-ruimte",
        "Afdeling Ruimtelijke Ontwikkeling (synthetisch)",
        "directeur",
        "plans and projects for the city's spatial development",
        &[("Beleidsmedewerker ruimte", 10, 10), ("Projectleider", 11, 5), ("Jurist ruimtelijke ordening", 11, 3)],
    ),
    (
        "syn-samenleving",
        "Afdeling Samenleving (synthetisch)",
        "directeur",
        "social policy and support for residents",
        &[("Beleidsmedewerker sociaal domein", 10, 10), ("Consulent", 8, 14)],
    ),
    (
        "syn-stadsbeheer",
        "Afdeling Stadsbeheer (synthetisch)",
        "directeur",
        "maintenance of public space",
        &[("Medewerker beheer", 7, 16), ("Toezichthouder", 8, 6)],
    ),
    (
        "syn-economie",
        "Afdeling Economie (synthetisch)",
        "directeur",
        "the city's economy and its businesses",
        &[("Beleidsmedewerker economie", 10, 4), ("Accountmanager bedrijven", 10, 4)],
    ),
    (
        "syn-dienstverlening",
        "Afdeling Dienstverlening (synthetisch)",
        "gemeentesecretaris",
        "contact with residents and businesses, and permits",
        &[("Klantadviseur", 6, 14), ("Vergunningverlener", 9, 6)],
    ),
    (
        "syn-bedrijfsvoering",
        "Afdeling Bedrijfsvoering (synthetisch)",
        "gemeentesecretaris",
        "finance, personnel, information and facilities for the organisation",
        &[
            ("Adviseur financiën", 10, 6),
            ("Adviseur HRM", 10, 4),
            ("Medewerker ICT", 8, 6),
            ("Medewerker facilitair", 5, 5),
        ],
    ),
    (
        "onderzoek-en-statistiek",
        "Afdeling Onderzoek & Statistiek",
        "gemeentesecretaris",
        "research and statistics about the city, including evaluations for the directie",
        &[("Onderzoeker", 11, 5)],
    ),
];

/// The Flexportaal's jobs: pool post number, afdeling, goal, months from 2015-01-01, capacity.
/// A job: pool post number, afdeling, goal, first and last month, capacity.
type FlexJob = (usize, &'static str, &'static str, (i8, i8), f64);

const FLEX_JOBS: &[FlexJob] = &[
    (1, "syn-ruimte", "help draft the environmental vision for the city centre", (1, 6), 0.5),
    (1, "syn-economie", "organise the business breakfast series", (4, 9), 0.4),
    (2, "syn-samenleving", "support the start of the new youth-care contracts", (1, 12), 0.8),
    (3, "syn-stadsbeheer", "map the backlog in public-lighting reports", (2, 5), 1.0),
    (4, "syn-dienstverlening", "cover peak demand for passports before the summer", (3, 7), 0.6),
    (4, "onderzoek-en-statistiek", "run the interviews for the residents' panel", (9, 12), 0.4),
    (5, "syn-bedrijfsvoering", "move files to the new document system", (1, 4), 1.0),
    (5, "syn-ruimte", "prepare the participation evenings for a neighbourhood plan", (6, 11), 0.6),
    (6, "syn-samenleving", "write the evaluation of the first year of participation projects", (5, 10), 0.5),
];

/// Business parks the account managers serve (names of real Amersfoort parks; the link is synthetic).
const PARKS: &[(&str, &str)] = &[
    ("syn-bedrijven-de-hoef", "Bedrijventerrein De Hoef"),
    ("syn-bedrijven-calveen", "Bedrijventerrein Calveen"),
    ("syn-bedrijven-vathorst", "Bedrijvenpark Vathorst"),
    ("syn-bedrijven-centrum", "Binnenstad en Ondernemersplaza"),
];

/// The 2015 design.
pub fn design() -> Result<Design> {
    let start = date(2015, 1, 1);
    let mut rng = Rng::new(0xA3E5_F007_2015);
    let mut b = DesignBuilder::new(
        "Amersfoort 2015: a smaller directie after sector steering (afdelingen and staffing synthetic)",
    );
    let sal = |s: u8| salary(s, INDEX);

    b.unit("directie", "Directie", UnitKind::Directie).head("gemeentesecretaris").kernopdracht(
        "the gemeentesecretaris and one director steer the content of the whole organisation together, toward closer internal cooperation for the executive and the city",
    );
    b.post("gemeentesecretaris", "Gemeentesecretaris", "gemeentesecretaris").unit("directie").scale(17).salary(sal(17));
    b.post("directeur", "Directeur", "directeur")
        .unit("directie")
        .reports_to("gemeentesecretaris")
        .scale(16)
        .salary(sal(16));

    for (key, name, boss, work, staff) in AFDELINGEN {
        let am = format!("afdelingsmanager-{}", key.trim_start_matches("syn-"));
        b.unit(key, name, UnitKind::Eenheid).parent("directie").head(&am).kernopdracht(work);
        b.post(&am, &format!("Afdelingsmanager {}", name.trim_start_matches("Afdeling ")), "afdelingsmanager")
            .unit(key)
            .reports_to(boss)
            .scale(14)
            .salary(sal(14));
        let mut n = 0;
        for (title, scale, count) in *staff {
            let role = if title.starts_with("Accountmanager") { "accountmanager" } else { "medewerker" };
            for _ in 0..*count {
                n += 1;
                b.post(&format!("syn-{}-{n:02}", key.trim_start_matches("syn-")), title, role)
                    .unit(key)
                    .reports_to(&am)
                    .scale(*scale)
                    .salary(sal(*scale))
                    .fte(fte(&mut rng));
            }
        }
    }

    // The Flexportaal: a pool for work that is not specific to one afdeling.
    b.unit("flexportaal", "Flexportaal", UnitKind::Pool)
        .parent("directie")
        .head("syn-coordinator-flexportaal")
        .kernopdracht("matches work that belongs to no single afdeling with the right colleague, so the city and the executive are served faster");
    b.post("syn-coordinator-flexportaal", "Coördinator Flexportaal", "teammanager")
        .unit("flexportaal")
        .reports_to("directeur")
        .scale(12)
        .salary(sal(12));
    for i in 1..=6 {
        b.post(&format!("syn-flex-{i}"), "Flexadviseur", "adviseur")
            .unit("flexportaal")
            .reports_to("syn-coordinator-flexportaal")
            .scale(10)
            .salary(sal(10));
    }
    for (n, (post, afdeling, goal, (from, until), capacity)) in FLEX_JOBS.iter().enumerate() {
        let am = format!("afdelingsmanager-{}", afdeling.trim_start_matches("syn-"));
        let last = if *until == 12 { date(2015, 12, 31) } else { date(2015, until + 1, 1).yesterday()? };
        b.assignment(
            &format!("flexklus-{:02}", n + 1),
            SteeringKind::Other,
            &format!("syn-flex-{post}"),
            unit(afdeling),
        )
        .principal(TargetKey::Post(am))
        .escalation(unit("directie"))
        .goal(goal)
        .capacity(*capacity)
        .valid(Some(date(2015, *from, 1)), Some(last));
    }

    // The Amersfoorts Bedrijventeam: policy staff and account managers from several afdelingen.
    b.unit("amersfoorts-bedrijventeam", "Amersfoorts Bedrijventeam", UnitKind::Collective).kernopdracht(
        "a single, obvious entrance for businesses: account managers and policy staff who find the right people in the organisation quickly",
    );
    for (i, (key, name)) in PARKS.iter().enumerate() {
        b.unit(key, name, UnitKind::Area);
        let agent = format!("syn-economie-{:02}", 5 + i);
        b.assignment(&format!("accountmanagement-{}", key.trim_start_matches("syn-bedrijven-")), SteeringKind::Other, &agent, unit(key))
            .principal(TargetKey::Post("afdelingsmanager-economie".to_owned()))
            .escalation(unit("directie"))
            .goal(&format!("be the first contact for the companies of {name}, find the right lines into the organisation for them and pass on the bottlenecks they meet"))
            .valid(Some(start), Some(date(2015, 12, 31)));
    }
    let mut design = b.build()?;
    let mut members: Vec<(String, &str, Period)> = Vec::new();
    for i in 1..=8 {
        members.push((format!("syn-economie-{i:02}"), "amersfoorts-bedrijventeam", Period::starting(start)));
    }
    for key in ["syn-ruimte-01", "syn-dienstverlening-15", "syn-dienstverlening-16"] {
        members.push((key.to_owned(), "amersfoorts-bedrijventeam", Period::starting(start)));
    }
    let refs: Vec<(&str, &str, Period)> = members.iter().map(|(p, c, v)| (p.as_str(), *c, *v)).collect();
    add_memberships(&mut design, &refs)?;
    Ok(design)
}
