//! Amersfoort, from sector steering (2014) to a smaller directie (placement in 2015)
//! (seed: `amersfoort-2014-raadsinformatiebrief.txt`).
//!
//! `old.json` is the organisation before the change: a directie of the
//! gemeentesecretaris and three sector directors, each heading a sector of
//! afdelingen. `new.json` is the organisation the letter works toward: a
//! directie of the gemeentesecretaris and one director who steer the content
//! together (a collective leadership), afdelingen answering to them without
//! sectors in between. In both, the Flexportaal is no unit: it is how staff of
//! the afdelingen take on work that belongs to no single afdeling, through
//! assignments with a capacity. The Amersfoorts Bedrijventeam is a collective
//! of account managers and policy staff, the account managers linked to
//! companies. The sectors, the afdelingen (except Onderzoek & Statistiek), the
//! staff and every number are synthetic.

use harkje::{Date, date};
use harkje::{Design, DesignBuilder, PartyKind, Period, SteeringKind, TargetKey, UnitKind};

use super::{Result, Rng, add_memberships, appoint, employee, salary};

const INDEX: f64 = 1.05;

fn unit(k: &str) -> TargetKey {
    TargetKey::Unit(k.to_owned())
}

fn post(k: &str) -> TargetKey {
    TargetKey::Post(k.to_owned())
}

/// The sectors of the old organisation (synthetic): key, name, the directie post that heads it.
const SECTORS: &[(&str, &str, &str)] = &[
    ("syn-sector-stad", "Sector Stad (synthetisch)", "directeur"),
    ("syn-sector-samenleving", "Sector Samenleving (synthetisch)", "syn-sectordirecteur-samenleving"),
    ("syn-sector-middelen", "Sector Middelen (synthetisch)", "syn-sectordirecteur-middelen"),
];

/// Afdelingen: key, name, old sector, the directie member it answers to from 2015, kernopdracht,
/// staff (function, title, scale, count).
type Afdeling = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, u8, usize)],
);

const AFDELINGEN: &[Afdeling] = &[
    (
        "syn-ruimte",
        "Afdeling Ruimte (synthetisch)",
        "syn-sector-stad",
        "directeur",
        "plans and projects for the city's spatial development",
        &[("F-BELEID", "Beleidsmedewerker ruimte", 10, 8), ("F-PL", "Projectleider", 11, 4)],
    ),
    (
        "syn-economie",
        "Afdeling Economie (synthetisch)",
        "syn-sector-stad",
        "directeur",
        "the city's economy and its businesses",
        &[("F-BELEID", "Beleidsmedewerker economie", 10, 4), ("F-AM-BEDR", "Accountmanager bedrijven", 10, 4)],
    ),
    (
        "syn-samenleving",
        "Afdeling Samenleving (synthetisch)",
        "syn-sector-samenleving",
        "directeur",
        "social policy and support for residents",
        &[("F-BELEID", "Beleidsmedewerker sociaal domein", 10, 8), ("F-CONS", "Consulent", 8, 10)],
    ),
    (
        "syn-dienstverlening",
        "Afdeling Dienstverlening (synthetisch)",
        "syn-sector-samenleving",
        "gemeentesecretaris",
        "contact with residents and businesses, and permits",
        &[("F-KLANT", "Klantadviseur", 6, 10), ("F-VERG", "Vergunningverlener", 9, 5)],
    ),
    (
        "syn-bedrijfsvoering",
        "Afdeling Bedrijfsvoering (synthetisch)",
        "syn-sector-middelen",
        "gemeentesecretaris",
        "finance, personnel, information and facilities for the organisation",
        &[("F-ADV-BV", "Adviseur bedrijfsvoering", 10, 8), ("F-MW-BV", "Medewerker bedrijfsvoering", 7, 8)],
    ),
    (
        "onderzoek-en-statistiek",
        "Afdeling Onderzoek & Statistiek",
        "syn-sector-middelen",
        "gemeentesecretaris",
        "research and statistics about the city, including evaluations for the directie",
        &[("F-ONDZ", "Onderzoeker", 11, 5)],
    ),
];

/// A job taken on through the Flexportaal: the staff post that takes it, the
/// principal (a directie post or an afdelingsmanager), what it serves (a unit
/// or a party), the goal, the first and last month, and the share of the
/// taker's time. The jobs, takers and figures are synthetic.
type FlexJob = (&'static str, &'static str, TargetSpec, &'static str, (i8, i8), f64);

/// What a job serves.
#[derive(Clone, Copy)]
enum TargetSpec {
    Unit(&'static str),
    Party(&'static str),
}

/// The jobs of 2015, during placement.
const FLEX_JOBS_2015: &[FlexJob] = &[
    (
        "syn-ruimte-02",
        "afdelingsmanager-economie",
        TargetSpec::Unit("syn-economie"),
        "organise the business breakfast series with the Bedrijventeam",
        (1, 6),
        0.3,
    ),
    (
        "syn-samenleving-03",
        "gemeentesecretaris",
        TargetSpec::Party("raad"),
        "prepare the work sessions where raad members and civil servants learn each other's work",
        (1, 6),
        0.5,
    ),
    (
        "syn-bedrijfsvoering-02",
        "afdelingsmanager-dienstverlening",
        TargetSpec::Unit("syn-dienstverlening"),
        "cover peak demand for passports before the summer",
        (3, 7),
        0.5,
    ),
    (
        "onderzoek-en-statistiek-02",
        "directeur",
        TargetSpec::Unit("syn-samenleving"),
        "run the interviews for the residents' panel on the new social-domain tasks",
        (9, 12),
        0.4,
    ),
    (
        "syn-dienstverlening-12",
        "afdelingsmanager-bedrijfsvoering",
        TargetSpec::Unit("syn-bedrijfsvoering"),
        "move files to the new document system",
        (2, 5),
        0.6,
    ),
];

/// The business parks whose companies the account managers serve (names of real
/// Amersfoort parks; the companies as one party per park and the links are synthetic).
const PARKS: &[(&str, &str)] = &[
    ("syn-bedrijven-de-hoef", "Bedrijven op De Hoef"),
    ("syn-bedrijven-calveen", "Bedrijven op Calveen"),
    ("syn-bedrijven-vathorst", "Bedrijven in Bedrijvenpark Vathorst"),
    ("syn-bedrijven-binnenstad", "Ondernemers in de binnenstad"),
];

fn last_day(year: i16, month: i8) -> Result<Date> {
    Ok(if month == 12 { date(year, 12, 31) } else { date(year, month + 1, 1).yesterday()? })
}

fn functions(b: &mut DesignBuilder, new: bool) {
    b.function(
        "F-GS",
        "Gemeentesecretaris",
        Some(17),
        &[("college adviseren", 4.0), ("organisatie inhoudelijk sturen", 4.0), ("directie voorzitten", 2.0)],
    );
    b.function(
        "F-DIR",
        "Directeur",
        Some(16),
        &[("organisatie inhoudelijk sturen", 5.0), ("afdelingsmanagers aansturen", 3.0), ("college adviseren", 2.0)],
    );
    if !new {
        b.function(
            "F-SD",
            "Sectordirecteur",
            Some(16),
            &[("sector leiden", 5.0), ("afdelingsmanagers aansturen", 3.0), ("college adviseren", 2.0)],
        );
    }
    b.function(
        "F-AFDM",
        "Afdelingsmanager",
        Some(14),
        &[("afdeling leiden", 5.0), ("medewerkers aansturen", 3.0), ("samenwerking tussen afdelingen", 2.0)],
    );
    let staff: &[(&str, &str, u8, &str)] = &[
        ("F-BELEID", "Beleidsmedewerker", 10, "beleid"),
        ("F-PL", "Projectleider", 11, "projecten"),
        ("F-AM-BEDR", "Accountmanager bedrijven", 10, "contact met bedrijven"),
        ("F-CONS", "Consulent", 8, "ondersteuning van inwoners"),
        ("F-KLANT", "Klantadviseur", 6, "klantvragen"),
        ("F-VERG", "Vergunningverlener", 9, "vergunningen"),
        ("F-ADV-BV", "Adviseur bedrijfsvoering", 10, "bedrijfsvoering adviseren"),
        ("F-MW-BV", "Medewerker bedrijfsvoering", 7, "bedrijfsvoering uitvoeren"),
        ("F-ONDZ", "Onderzoeker", 11, "onderzoek en statistiek"),
    ];
    for (key, title, scale, work) in staff {
        b.function(key, title, Some(*scale), &[(&format!("{work}: uitvoeren"), 7.0), ("werken voor de stad", 3.0)]);
    }
}

/// The organisation before the change (2014): sector steering.
pub fn old() -> Result<Design> {
    build(false)
}

/// The organisation after the change (2015): the smaller directie, no sectors.
pub fn new() -> Result<Design> {
    build(true)
}

fn build(new: bool) -> Result<Design> {
    let (year, name) = if new {
        (2015, "Amersfoort 2015: a smaller directie of two after sector steering (afdelingen and staffing synthetic)")
    } else {
        (2014, "Amersfoort 2014: sector steering before the change (sectors, afdelingen and staffing synthetic)")
    };
    let mut b = DesignBuilder::new(name);
    functions(&mut b, new);
    let sal = |s: u8| salary(s, INDEX);
    // Outside parties: the college the directie works for, and the raad.
    b.party("college", "College van burgemeester en wethouders", PartyKind::College);
    b.party("raad", "Gemeenteraad", PartyKind::Raad);
    b.party("wethouder-organisatie", "Wethouder, portefeuillehouder algemeen bestuur", PartyKind::Wethouder);

    // People: drawn in the old design; the new one is vacant, the transition fills it.
    let mut rng = Rng::new(0xA3E5_F007_2014);
    let on = date(2014, 6, 1);
    let mut n = 0usize;
    let mut fill = |b: &mut DesignBuilder, rng: &mut Rng, post: &str, scale: u8| -> f64 {
        n += 1;
        let mut e = employee(rng, format!("syn-{n:04}"), on);
        if scale >= 14 {
            e.fte = 1.0;
        }
        if new {
            return e.fte;
        }
        appoint(b, &e, post, scale, &[]);
        e.fte
    };

    let directie = b.unit("directie", "Directie", UnitKind::Directie);
    directie.head("gemeentesecretaris");
    if new {
        directie.collective_leadership().kernopdracht(
            "the gemeentesecretaris and one director steer the content of the whole organisation together, for closer internal cohesion and cooperation in the work for the executive and the city",
        );
    } else {
        directie.kernopdracht(
            "the gemeentesecretaris and the sector directors lead the organisation, each director a sector",
        );
    }
    let f = fill(&mut b, &mut rng, "gemeentesecretaris", 17);
    b.post("gemeentesecretaris", "Gemeentesecretaris", "gemeentesecretaris")
        .unit("directie")
        .function("F-GS")
        .accountable_to(TargetKey::Party("college".to_owned()))
        .scale(17)
        .salary(sal(17))
        .fte(f);
    let f = fill(&mut b, &mut rng, "directeur", 16);
    b.post("directeur", "Directeur", "directeur")
        .unit("directie")
        .reports_to("gemeentesecretaris")
        .function("F-DIR")
        .scale(16)
        .salary(sal(16))
        .fte(f);
    for (key, sector_name, head) in SECTORS {
        // Drawn in both designs, so that every other post gets the same FTE in both.
        let f = if *head == "directeur" { 1.0 } else { fill(&mut b, &mut rng, head, 16) };
        if !new {
            b.unit(key, sector_name, UnitKind::Eenheid)
                .parent("directie")
                .head(head)
                .kernopdracht("a sector of afdelingen, steered by its own director");
            if *head != "directeur" {
                b.post(head, &format!("Sectordirecteur {}", sector_name.trim_start_matches("Sector ")), "directeur")
                    .unit("directie")
                    .reports_to("gemeentesecretaris")
                    .function("F-SD")
                    .scale(16)
                    .salary(sal(16))
                    .fte(f);
            }
        }
    }

    for (key, afd_name, sector, boss, work, staff) in AFDELINGEN {
        let short = key.trim_start_matches("syn-");
        let am = format!("afdelingsmanager-{short}");
        let (parent, boss) = if new {
            ("directie", *boss)
        } else {
            (*sector, SECTORS.iter().find(|s| s.0 == *sector).map_or("gemeentesecretaris", |s| s.2))
        };
        b.unit(key, afd_name, UnitKind::Eenheid).parent(parent).head(&am).kernopdracht(work);
        let f = fill(&mut b, &mut rng, &am, 14);
        b.post(&am, &format!("Afdelingsmanager {}", afd_name.trim_start_matches("Afdeling ")), "afdelingsmanager")
            .unit(key)
            .reports_to(boss)
            .function("F-AFDM")
            .scale(14)
            .salary(sal(14))
            .fte(f);
        let mut i = 0;
        for (function, title, scale, count) in *staff {
            let role = if *function == "F-AM-BEDR" { "accountmanager" } else { "medewerker" };
            for _ in 0..*count {
                i += 1;
                let key_post = format!("{key}-{i:02}");
                let key_post = if key.starts_with("syn-") { key_post } else { format!("syn-{key_post}") };
                let f = fill(&mut b, &mut rng, &key_post, *scale);
                b.post(&key_post, title, role)
                    .unit(key)
                    .reports_to(&am)
                    .function(function)
                    .scale(*scale)
                    .salary(sal(*scale))
                    .fte(f);
            }
        }
    }

    // The Flexportaal: staff of the afdelingen take on work that belongs to no
    // single afdeling, for part of their time. No unit, no manager of its own.
    // Only in the new design: the old one is the organisation of sector steering
    // before the Flexportaal's start, with its people, and harkje counts a job's
    // capacity on top of the taker's appointment (see the README).
    let jobs: &[FlexJob] = if new { FLEX_JOBS_2015 } else { &[] };
    for (i, (taker, principal, serves, goal, (from, until), capacity)) in jobs.iter().enumerate() {
        let taker = if taker.starts_with("syn-") { (*taker).to_owned() } else { format!("syn-{taker}") };
        let target = match serves {
            TargetSpec::Unit(u) => unit(u),
            TargetSpec::Party(p) => TargetKey::Party((*p).to_owned()),
        };
        b.assignment(&format!("flexportaal-{year}-{:02}", i + 1), SteeringKind::Other, &taker, target)
            .principal(post(principal))
            .escalation(unit("directie"))
            .goal(goal)
            .capacity(*capacity)
            .valid(Some(date(year as i16, *from, 1)), Some(last_day(year as i16, *until)?));
    }

    // The Amersfoorts Bedrijventeam: policy staff and account managers from several afdelingen.
    b.unit("amersfoorts-bedrijventeam", "Amersfoorts Bedrijventeam", UnitKind::Collective).kernopdracht(
        "one obvious entrance for the city's companies: account managers and policy staff who find the right people in the organisation quickly",
    );
    let am_economie = "afdelingsmanager-economie";
    for (i, (key, park)) in PARKS.iter().enumerate() {
        b.party(key, park, PartyKind::Company);
        let agent = format!("syn-economie-{:02}", 5 + i);
        b.assignment(
            &format!("accountmanagement-{}", key.trim_start_matches("syn-bedrijven-")),
            SteeringKind::Other,
            &agent,
            TargetKey::Party((*key).to_owned()),
        )
        .principal(post(am_economie))
        .escalation(unit("directie"))
        .goal(&format!(
            "be the first contact for {}, find the right lines into the organisation for them and pass on the bottlenecks they meet",
            park.to_lowercase()
        ))
        .valid(Some(date(year as i16, 1, 1)), Some(date(year as i16, 12, 31)));
    }
    let mut design = b.build()?;
    let mut members: Vec<String> = (1..=8).map(|i| format!("syn-economie-{i:02}")).collect();
    members.extend(["syn-ruimte-01", "syn-dienstverlening-11", "syn-dienstverlening-12"].map(str::to_owned));
    let refs: Vec<(&str, &str, Period)> =
        members.iter().map(|p| (p.as_str(), "amersfoorts-bedrijventeam", Period::ALWAYS)).collect();
    add_memberships(&mut design, &refs)?;
    Ok(design)
}
