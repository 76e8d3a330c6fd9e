//! Hengelo, reorganised from 1 July 2021 (seed: `hengelo-2021-organisatie.txt`).
//!
//! `old.json` is the organisation of 2020 with its former management functions
//! (directeur, afdelingshoofd, teamleider); `new.json` has the new ones
//! (concernmanager, afdelingsmanager, teammanager), opgaven with a principal
//! and an agent next to the line, and a regisseur dienstverlening. Posts here
//! are formatieplaatsen per function and team, so many carry more than 1 FTE.
//!
//! The report says the efficiency target (EUR 400k in 2020, rising to EUR 840k,
//! 2% of the gross payroll, structurally from 2022) is already filled
//! structurally; it does not say how. So the July 2021 design keeps the
//! formatie of 2020: the new management functions get the scales of the ones
//! they replace, and the regisseur and the opgavemanagers each take the FTE of
//! a staff row they come from. The synthetic payroll is sized so that both
//! designs stay within the structural target against a EUR 42 million
//! baseline (EUR 840k is 2% of it).

use harkje::date;
use harkje::{Design, DesignBuilder, PartyKind, SteeringKind, TargetKey, UnitKind};

use super::{Result, Rng, appoint, employee, salary};

/// Salaries of 2020-2021 are about 6% above the 2018 table.
const INDEX: f64 = 1.06;

/// The formatie rows below are relative sizes; each is multiplied by this
/// factor (and rounded to 0.1 FTE) so that the payroll lands just under EUR
/// 41.16 million: EUR 840k (2%) below the EUR 42 million baseline, the target
/// the report says is filled.
const SIZE: f64 = 1.55;

/// A formatie row's FTE in the 2020 organisation.
fn row_fte(relative: f64) -> f64 {
    (relative * SIZE * 10.0).round() / 10.0
}

/// The savings target as a share of gross payroll.
pub const TARGET_SHARE: f64 = 0.02;
/// The structural savings target from 2022, in euros.
pub const TARGET_EUR: f64 = 840_000.0;

fn unit(k: &str) -> TargetKey {
    TargetKey::Unit(k.to_owned())
}

/// Domains (one per concernmanager): key, name, kernopdracht.
const DOMAINS: &[(&str, &str, &str)] = &[
    ("sociaal", "Sociaal", "work, income, care and youth for the people of Hengelo"),
    ("fysiek", "Fysieke keten", "the physical living environment, from plan to permit to maintenance"),
    (
        "bedrijfsvoering",
        "Bedrijfsvoering en Dienstverlening",
        "service to residents and the business operations of the organisation",
    ),
];

/// Afdelingen: key, name, domain, teams (key, name, formatie rows (title, scale, fte)).
type Row = (&'static str, u8, f64);
type Team = (&'static str, &'static str, &'static [Row]);
const AFDELINGEN: &[(&str, &str, &str, &[Team])] = &[
    (
        "werk-en-inkomen",
        "Werk en Inkomen",
        "sociaal",
        &[
            (
                "uitkeringen",
                "Uitkeringen",
                &[("Consulent inkomen", 8, 22.0), ("Medewerker uitkeringsadministratie", 6, 8.0)],
            ),
            ("participatie", "Participatie", &[("Consulent werk", 8, 18.0), ("Jobcoach", 8, 6.0)]),
            ("schuldhulp", "Schuldhulpverlening", &[("Schuldhulpverlener", 8, 7.0), ("Budgetcoach", 7, 2.0)]),
        ],
    ),
    (
        "zorg-en-jeugd",
        "Zorg en Jeugd",
        "sociaal",
        &[
            ("wmo", "Wmo", &[("Consulent Wmo", 8, 20.0), ("Medewerker administratie Wmo", 6, 5.0)]),
            ("jeugd", "Jeugd", &[("Consulent jeugd", 9, 16.0), ("Gedragswetenschapper jeugd", 11, 2.0)]),
        ],
    ),
    (
        "maatschappelijke-ontwikkeling",
        "Maatschappelijke Ontwikkeling",
        "sociaal",
        &[
            (
                "beleid-sociaal",
                "Beleid Sociaal",
                &[("Beleidsadviseur sociaal domein", 11, 12.0), ("Beleidsmedewerker sociaal domein", 9, 3.0)],
            ),
            (
                "sport-en-cultuur",
                "Sport en Cultuur",
                &[("Beleidsadviseur sport en cultuur", 10, 6.0), ("Medewerker sportaccommodaties", 6, 14.0)],
            ),
        ],
    ),
    (
        "ruimtelijke-ontwikkeling",
        "Ruimtelijke Ontwikkeling",
        "fysiek",
        &[
            (
                "planvorming",
                "Planvorming",
                &[("Adviseur ruimtelijke ordening", 11, 12.0), ("Stedenbouwkundige", 11, 5.0)],
            ),
            ("projecten", "Projecten", &[("Projectleider", 11, 10.0), ("Projectondersteuner", 7, 4.0)]),
        ],
    ),
    (
        "openbare-ruimte",
        "Openbare Ruimte",
        "fysiek",
        &[
            ("beheer", "Beheer", &[("Beheerder openbare ruimte", 9, 14.0), ("Medewerker meldingen", 6, 6.0)]),
            ("uitvoering", "Uitvoering", &[("Medewerker buitendienst", 5, 58.0), ("Voorman", 7, 8.0)]),
            ("ingenieursbureau", "Ingenieursbureau", &[("Civiel technicus", 9, 14.0), ("Tekenaar", 7, 5.0)]),
        ],
    ),
    (
        "vergunningen-en-handhaving",
        "Vergunningen en Handhaving",
        "fysiek",
        &[
            ("vergunningen", "Vergunningen", &[("Vergunningverlener", 9, 16.0), ("Medewerker omgevingsloket", 7, 6.0)]),
            ("handhaving", "Handhaving", &[("Toezichthouder", 8, 12.0), ("Boa", 7, 14.0)]),
        ],
    ),
    (
        "dienstverlening",
        "Dienstverlening",
        "bedrijfsvoering",
        &[
            (
                "klantcontact",
                "Klantcontactcentrum",
                &[("Klantadviseur", 6, 24.0), ("Coördinator klantcontact", 8, 2.0)],
            ),
            (
                "burgerzaken",
                "Burgerzaken",
                &[("Medewerker burgerzaken", 7, 16.0), ("Medewerker basisregistratie personen", 8, 3.0)],
            ),
        ],
    ),
    (
        "financien-en-control",
        "Financiën en Control",
        "bedrijfsvoering",
        &[
            (
                "financien",
                "Financiën",
                &[("Adviseur financiën", 10, 12.0), ("Medewerker financiële administratie", 7, 12.0)],
            ),
            ("control", "Control", &[("Controller", 11, 5.0), ("Medewerker planning en control", 9, 2.0)]),
        ],
    ),
    (
        "personeel-en-organisatie",
        "Personeel en Organisatie",
        "bedrijfsvoering",
        &[
            ("hrm", "HRM", &[("Adviseur HRM", 10, 10.0), ("Medewerker personeelsadministratie", 7, 6.0)]),
            ("facilitair", "Facilitaire Zaken", &[("Medewerker facilitair", 5, 16.0), ("Secretaresse", 6, 14.0)]),
        ],
    ),
    (
        "informatievoorziening",
        "Informatievoorziening",
        "bedrijfsvoering",
        &[
            ("ict", "ICT", &[("Applicatiebeheerder", 8, 14.0), ("Netwerkbeheerder", 8, 8.0)]),
            (
                "informatiebeheer",
                "Informatiebeheer",
                &[("Medewerker informatiebeheer", 7, 12.0), ("Data-analist", 10, 4.0)],
            ),
        ],
    ),
];

/// The 2020 organisation (before 1 July 2021), with the former management functions.
pub fn old() -> Result<Design> {
    Ok(build(false)?.build()?)
}

/// The organisation from 1 July 2021.
pub fn new() -> Result<Design> {
    Ok(build(true)?.build()?)
}

/// A staff function's key, from the row's title.
fn function_key(title: &str) -> String {
    let slug: String = title
        .replace('ë', "e")
        .replace('ö', "o")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '-' })
        .collect();
    format!("F-{slug}")
}

/// The functieboek. The management functions' tasks are our own: the report
/// only says that each new function has its own aandachtsgebieden and focus,
/// so about half of each old management function's weight recurs in the new one.
fn functions(b: &mut DesignBuilder, new: bool) {
    b.function(
        "F-GS",
        "Gemeentesecretaris / algemeen directeur",
        Some(17),
        &[("college adviseren", 5.0), ("organisatie leiden", 5.0)],
    );
    if new {
        b.function(
            "F-CM",
            "Concernmanager",
            Some(15),
            &[("domein leiden", 5.0), ("concernsturing en koers", 3.0), ("opdrachtgever van opgaven", 2.0)],
        );
        b.function(
            "F-AFDM",
            "Afdelingsmanager",
            Some(13),
            &[
                ("afdeling leiden", 5.0),
                ("integraal samenwerken tussen afdelingen", 3.0),
                ("opgaven in de lijn beleggen", 2.0),
            ],
        );
        b.function(
            "F-TM",
            "Teammanager",
            Some(11),
            &[("team leiden", 5.0), ("medewerkers ontwikkelen", 3.0), ("leidende motieven in het werk", 2.0)],
        );
        b.function(
            "F-REG",
            "Regisseur dienstverlening",
            Some(12),
            &[("programmalijn leidende motieven trekken", 6.0), ("dienstverlening verbeteren", 4.0)],
        );
        b.function(
            "F-OPG",
            "Opgavemanager",
            Some(13),
            &[("strategische opgave uitvoeren", 6.0), ("afdelingen verbinden", 4.0)],
        );
    } else {
        b.function(
            "F-DIR",
            "Directeur",
            Some(15),
            &[("domein leiden", 5.0), ("afdelingshoofden aansturen", 3.0), ("bedrijfsvoering van het domein", 2.0)],
        );
        b.function(
            "F-AH",
            "Afdelingshoofd",
            Some(13),
            &[("afdeling leiden", 5.0), ("teamleiders aansturen", 3.0), ("afdelingsplan opstellen", 2.0)],
        );
        b.function(
            "F-TL",
            "Teamleider",
            Some(11),
            &[("team leiden", 5.0), ("werk verdelen", 3.0), ("productie bewaken", 2.0)],
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for (title, scale, _) in AFDELINGEN.iter().flat_map(|a| a.3.iter()).flat_map(|t| t.2.iter()) {
        if seen.insert(*title) {
            b.function(
                &function_key(title),
                title,
                Some(*scale),
                &[(&format!("{}: uitvoeren", title.to_lowercase()), 7.0), ("werken voor de Hengeloër", 3.0)],
            );
        }
    }
}

fn build(new: bool) -> Result<DesignBuilder> {
    let name = if new {
        "Hengelo from 1 July 2021: concernmanagers, afdelingsmanagers, teammanagers (formatie and salaries synthetic)"
    } else {
        "Hengelo 2020, before the redesign (structure and formatie synthetic)"
    };
    let mut b = DesignBuilder::new(name);
    functions(&mut b, new);
    let sal = |s: u8| salary(s, INDEX);
    // People: drawn in the old design only (the new one is vacant; the
    // transition fills it), in the same order in both so that nothing else changes.
    let mut rng = Rng::new(0x4E6E_1020);
    let on = date(2021, 1, 1);
    let mut n = 0usize;
    // Appoints people to a post until its FTE is filled; managers work full time.
    let mut staff = |b: &mut DesignBuilder, rng: &mut Rng, post: &str, scale: u8, total: f64| {
        let mut left = total;
        while left > 1e-9 {
            n += 1;
            let mut e = employee(rng, format!("syn-{n:04}"), on);
            if scale >= 11 && total <= 1.0 {
                e.fte = 1.0;
            }
            e.fte = (e.fte.min(left) * 100.0).round() / 100.0;
            if e.fte <= 0.0 {
                break;
            }
            left -= e.fte;
            if !new {
                appoint(b, &e, post, scale, &[]);
            }
        }
    };
    let (dom_fn, afd_fn, team_fn) = if new { ("F-CM", "F-AFDM", "F-TM") } else { ("F-DIR", "F-AH", "F-TL") };
    let (dom_role, dom_title, dom_scale) =
        if new { ("concernmanager", "Concernmanager", 15) } else { ("directeur", "Directeur", 15) };
    // The report gives no scales: each new management function keeps the scale of the one it replaces.
    let (afd_role, afd_title, afd_scale) =
        if new { ("afdelingsmanager", "Afdelingsmanager", 13) } else { ("hoofd", "Afdelingshoofd", 13) };
    let (team_role, team_title, team_scale) =
        if new { ("teammanager", "Teammanager", 11) } else { ("teammanager", "Teamleider", 11) };

    b.unit("directie", "Directie", UnitKind::Directie).head("gemeentesecretaris").kernopdracht(if new {
        "the gemeentesecretaris and the concernmanagers steer the organisation as one concern, with a clear course and an eye on integrality and efficiency"
    } else {
        "the gemeentesecretaris and the domain directors lead the organisation"
    });
    // The college, which the report says commits to cooperation, renewal and transparency.
    b.party("college", "College van burgemeester en wethouders", PartyKind::College);
    staff(&mut b, &mut rng, "gemeentesecretaris", 17, 1.0);
    b.post("gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris")
        .unit("directie")
        .function("F-GS")
        .accountable_to(TargetKey::Party("college".to_owned()))
        .scale(17)
        .salary(sal(17));
    for (key, name, work) in DOMAINS {
        let dm = format!("{dom_role}-{key}");
        b.unit(&format!("domein-{key}"), &format!("Domein {name}"), UnitKind::Eenheid)
            .parent("directie")
            .head(&dm)
            .kernopdracht(work);
        staff(&mut b, &mut rng, &dm, dom_scale, 1.0);
        b.post(&dm, &format!("{dom_title} {name}"), dom_role)
            .unit("directie")
            .function(dom_fn)
            .reports_to("gemeentesecretaris")
            .scale(dom_scale)
            .salary(sal(dom_scale));
    }
    // Hengelo's Werken: the programme started in 2020 to decide where the
    // organisation goes, its opgaven and the structure that fits them.
    b.unit("hengelos-werken", "Programma Hengelo's Werken", UnitKind::Programme)
        .valid(Some(date(2020, 1, 1)), None)
        .kernopdracht("find where the organisation wants to go, its opgaven and the structure that serves them best; from 2021 three programme lines for two years");
    for (key, name, domain, teams) in AFDELINGEN {
        let am = format!("{afd_role}-{key}");
        b.unit(key, &format!("Afdeling {name}"), UnitKind::Eenheid)
            .parent(&format!("domein-{domain}"))
            .head(&am)
            .kernopdracht(&format!("the afdeling for {}", name.to_lowercase()));
        staff(&mut b, &mut rng, &am, afd_scale, 1.0);
        b.post(&am, &format!("{afd_title} {name}"), afd_role)
            .unit(key)
            .function(afd_fn)
            .reports_to(&format!("{dom_role}-{domain}"))
            .scale(afd_scale)
            .salary(sal(afd_scale));
        for (tkey, tname, rows) in *teams {
            let tm = format!("{team_role}-{tkey}");
            let tm = if new { tm } else { format!("teamleider-{tkey}") };
            b.unit(tkey, &format!("Team {tname}"), UnitKind::Team)
                .parent(key)
                .head(&tm)
                .kernopdracht(&format!("the team for {}", tname.to_lowercase()));
            staff(&mut b, &mut rng, &tm, team_scale, 1.0);
            b.post(&tm, &format!("{team_title} {tname}"), team_role)
                .unit(tkey)
                .function(team_fn)
                .reports_to(&am)
                .scale(team_scale)
                .salary(sal(team_scale));
            for (i, (title, scale, fte)) in rows.iter().enumerate() {
                let key = format!("syn-{tkey}-{}", i + 1);
                staff(&mut b, &mut rng, &key, *scale, row_fte(*fte));
                b.post(&key, title, "medewerker")
                    .unit(tkey)
                    .reports_to(&tm)
                    .scale(*scale)
                    .salary(sal(*scale))
                    .function(&function_key(title))
                    .fte(row_fte(*fte));
            }
        }
    }
    if new {
        let from = date(2021, 7, 1);
        let until = date(2023, 6, 30);
        // From 2021, for two years, three programme lines; the regisseur
        // dienstverlening leads (is de trekker van) the one on the guiding motives.
        let lines: [(&str, &str, Option<&str>, &str); 3] = [
            (
                "hw-opgavegericht-werken",
                "Programmalijn opgavegericht werken",
                None,
                "really work with strategic opgaven and programmatically, shape principal and agent roles, and make clear what is steered through opgaven and what through the line",
            ),
            (
                "hw-md-traject",
                "Programmalijn MD-traject / leiderschapsontwikkeling",
                None,
                "a tailored programme in which managers learn together, grow their qualities, cooperate and lead in a serving way",
            ),
            (
                "hw-leidende-motieven",
                "Programmalijn leidende motieven",
                Some("regisseur-dienstverlening"),
                "make the guiding motives (personal, respectful, clear, reliable) visible in how the teams serve residents and work together",
            ),
        ];
        for (key, name, head, work) in lines {
            let line = b.unit(key, name, UnitKind::Programme);
            line.parent("hengelos-werken").valid(Some(from), Some(until)).kernopdracht(work);
            if let Some(h) = head {
                line.head(h);
            }
        }
        // The regisseur dienstverlening leads the programme line on the guiding motives.
        b.post("regisseur-dienstverlening", "Regisseur dienstverlening", "regisseur")
            .unit("dienstverlening")
            .function("F-REG")
            .reports_to("concernmanager-bedrijfsvoering")
            .accountable_to(unit("directie"))
            .scale(12)
            .salary(sal(12));
        for t in ["dienstverlening", "werk-en-inkomen", "vergunningen-en-handhaving"] {
            b.assignment(&format!("leidende-motieven-{t}"), SteeringKind::Programme, "regisseur-dienstverlening", unit(t))
                .principal(TargetKey::Post("concernmanager-bedrijfsvoering".to_owned()))
                .escalation(unit("directie"))
                .goal("make the four guiding motives for service (reliable, personal, clear, respectful) visible in how the teams work with residents")
                .valid(Some(from), Some(until));
        }
        // Opgaven: a concernmanager commissions, an opgavemanager delivers, next to the line.
        let opgaven: [(&str, &str, &str, &[&str], &str); 3] = [
            (
                "opgave-sociaal-domein",
                "Opgave sociaal domein",
                "concernmanager-sociaal",
                &["werk-en-inkomen", "zorg-en-jeugd", "maatschappelijke-ontwikkeling"],
                "transform the social domain with partners and residents: work together differently and make bold choices",
            ),
            (
                "opgave-omgevingswet",
                "Opgave Omgevingswet",
                "concernmanager-fysiek",
                &["ruimtelijke-ontwikkeling", "vergunningen-en-handhaving", "dienstverlening"],
                "introduce the environment act from an open, cooperative attitude inside and outside the organisation",
            ),
            (
                "opgave-pc-sturing",
                "Opgave P&C als sturingsinstrument",
                "concernmanager-bedrijfsvoering",
                &["financien-en-control", "werk-en-inkomen", "openbare-ruimte"],
                "improve the planning and control products and connect them to internal steering",
            ),
        ];
        for (key, name, principal, targets, goal) in opgaven {
            let agent = format!("opgavemanager-{}", key.trim_start_matches("opgave-"));
            b.unit(key, name, UnitKind::Programme)
                .parent("hw-opgavegericht-werken")
                .head(&agent)
                .valid(Some(from), Some(until));
            b.post(&agent, &format!("Opgavemanager {}", name.trim_start_matches("Opgave ")), "programmamanager")
                .unit(&format!("domein-{}", principal.trim_start_matches("concernmanager-")))
                .reports_to(principal)
                .function("F-OPG")
                .accountable_to(unit("directie"))
                .scale(13)
                .salary(sal(13))
                .temporary()
                .valid(Some(from), Some(until));
            for t in targets {
                b.assignment(&format!("{key}-{t}"), SteeringKind::Programme, &agent, unit(t))
                    .principal(TargetKey::Post(principal.to_owned()))
                    .escalation(unit("directie"))
                    .goal(goal)
                    .valid(Some(from), Some(until));
            }
        }
    }
    Ok(b)
}
