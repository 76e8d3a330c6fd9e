//! An unnamed municipality in 2024 (seed: `gemeente-2024-dienstverlening-organisatievorm.txt`).
//!
//! Three domains with self-organising teams and very wide spans become five
//! afdelingen, each with a head and a teamregisseur who supports the head; the
//! three business consultants (one per former domain) stay. Teams, headcounts,
//! functions and the staff list are synthetic.

use harkje::date;
use harkje::{Design, DesignBuilder, SteeringKind, TargetKey, UnitKind};

use super::{Employee, Result, Rng, appoint, employee, salary};

const INDEX: f64 = 1.25;

/// Teams: key, name, staff function, scale, headcount, old domain, new afdeling.
const TEAMS: &[(&str, &str, &str, u8, usize, &str, &str)] = &[
    ("werk-en-inkomen", "Werk en Inkomen", "F-CONS-WI", 8, 9, "samenleving", "sociaal"),
    ("zorg", "Zorg", "F-CONS-WMO", 8, 8, "samenleving", "sociaal"),
    ("jeugd", "Jeugd", "F-CONS-JEUGD", 9, 6, "samenleving", "sociaal"),
    ("klantcontact", "Klantcontact", "F-KLANT", 6, 10, "samenleving", "dienstverlening"),
    ("burgerzaken", "Burgerzaken", "F-BZ", 7, 7, "samenleving", "dienstverlening"),
    ("ruimte", "Ruimtelijke Ontwikkeling", "F-RO", 10, 9, "ruimte", "ruimte"),
    ("vth", "Vergunningen, Toezicht en Handhaving", "F-VTH", 9, 9, "ruimte", "ruimte"),
    ("openbare-ruimte", "Openbare Ruimte", "F-OR", 6, 20, "ruimte", "openbare-ruimte"),
    ("financien", "Financiën", "F-FIN", 9, 8, "bedrijfsvoering", "bedrijfsvoering"),
    ("personeel", "Personeel en Organisatie", "F-PO", 9, 6, "bedrijfsvoering", "bedrijfsvoering"),
    ("informatie", "Informatievoorziening", "F-IV", 9, 8, "bedrijfsvoering", "bedrijfsvoering"),
];

/// The three old domains (synthetic names): key, name, kernopdracht.
pub const DOMAINS: &[(&str, &str, &str)] = &[
    ("samenleving", "Domein Samenleving", "service to residents and the social domain"),
    ("ruimte", "Domein Ruimte", "spatial development, permits and public space"),
    ("bedrijfsvoering", "Domein Bedrijfsvoering", "business operations for the whole organisation"),
];

/// The five new afdelingen (synthetic names): key, name, kernopdracht.
pub const AFDELINGEN: &[(&str, &str, &str)] = &[
    ("sociaal", "Afdeling Sociaal", "work, income, care and youth"),
    (
        "dienstverlening",
        "Afdeling Dienstverlening",
        "contact with residents and civil affairs, the heart of the service vision",
    ),
    ("ruimte", "Afdeling Ruimte", "spatial development and permits"),
    ("openbare-ruimte", "Afdeling Openbare Ruimte", "maintenance of public space"),
    ("bedrijfsvoering", "Afdeling Bedrijfsvoering", "finance, personnel and information"),
];

fn functions(b: &mut DesignBuilder, new: bool) {
    b.function(
        "F-GS",
        "Gemeentesecretaris / algemeen directeur",
        Some(16),
        &[("college adviseren", 5.0), ("organisatie leiden", 5.0)],
    );
    b.function(
        "F-BC",
        "Business consultant",
        Some(11),
        &[("processen optimaliseren", 5.0), ("klantgerichte aanpak stimuleren", 5.0)],
    );
    let staff: &[(&str, &str, u8, &str)] = &[
        ("F-CONS-WI", "Consulent werk en inkomen", 8, "uitkeringen en re-integratie"),
        ("F-CONS-WMO", "Consulent Wmo", 8, "ondersteuning thuis"),
        ("F-CONS-JEUGD", "Consulent jeugd", 9, "jeugdhulp"),
        ("F-KLANT", "Klantadviseur", 6, "klantvragen"),
        ("F-BZ", "Medewerker burgerzaken", 7, "burgerzaken"),
        ("F-RO", "Adviseur ruimtelijke ontwikkeling", 10, "ruimtelijke plannen"),
        ("F-VTH", "Medewerker vergunningen en toezicht", 9, "vergunningen en toezicht"),
        ("F-OR", "Medewerker openbare ruimte", 6, "beheer openbare ruimte"),
        ("F-FIN", "Adviseur financiën", 9, "financiën"),
        ("F-PO", "Adviseur personeel en organisatie", 9, "personeel"),
        ("F-IV", "Medewerker informatievoorziening", 9, "informatie"),
    ];
    for (key, title, scale, work) in staff {
        b.function(
            key,
            title,
            Some(*scale),
            &[(&format!("{work}: uitvoeren"), 6.0), (&format!("{work}: samenwerken in het team"), 4.0)],
        );
    }
    if new {
        b.function(
            "F-AH",
            "Afdelingshoofd",
            Some(13),
            &[
                ("afdeling leiden binnen heldere kaders", 5.0),
                ("medewerkers aansturen", 3.0),
                ("resultaten bewaken", 2.0),
            ],
        );
        b.function(
            "F-TR",
            "Teamregisseur",
            Some(11),
            &[
                ("afdelingshoofd ondersteunen", 4.0),
                ("teams in primaire processen regisseren", 4.0),
                ("planning en bezetting", 2.0),
            ],
        );
        b.function(
            "F-PL",
            "Projectleider dienstverlening",
            Some(12),
            &[("dienstverleningsopdracht uitvoeren", 6.0), ("leidinggevenden en business consultants verbinden", 4.0)],
        );
    } else {
        b.function(
            "F-DM",
            "Domeinmanager",
            Some(14),
            &[
                ("domein integraal leiden", 5.0),
                ("zelforganiserende teams faciliteren", 3.0),
                ("medewerkers aansturen", 2.0),
            ],
        );
    }
}

/// The staff list of the old organisation, drawn once: (post key, holder), in the
/// order the posts are made. The new design gives each staff post that returns the
/// FTE of its holder, so that the cost of old and new compares like with like.
fn staff() -> Vec<(String, Employee)> {
    let mut rng = Rng::new(0x2024_0001);
    let on = date(2024, 1, 1);
    let mut out = Vec::new();
    let mut draw = |rng: &mut Rng, post: String, scale: u8| {
        let mut e = employee(rng, format!("syn-{:04}", out.len() + 1), on);
        // Managers work full time.
        if scale >= 14 {
            e.fte = 1.0;
        }
        out.push((post, e));
    };
    draw(&mut rng, "gemeentesecretaris".to_owned(), 16);
    for (key, _, _) in DOMAINS {
        draw(&mut rng, format!("domeinmanager-{key}"), 14);
        draw(&mut rng, format!("business-consultant-{key}"), 11);
    }
    for (key, _, _, scale, count, _, _) in TEAMS {
        for i in 1..=*count {
            draw(&mut rng, format!("syn-{key}-{i:02}"), *scale);
        }
    }
    out
}

/// The FTE of the old holder of a post (1 for a post the old design did not have).
fn fte_of(staff: &[(String, Employee)], post: &str) -> f64 {
    staff.iter().find(|(p, _)| p == post).map_or(1.0, |(_, e)| e.fte)
}

/// The old organisation: three domains with self-organising teams, with staff.
pub fn old() -> Result<Design> {
    let mut b =
        DesignBuilder::new("Gemeente 2024, before: three domains with self-organising teams (staffing synthetic)");
    functions(&mut b, false);
    let staff = staff();
    // Appoints the drawn holder of a post; the post's FTE follows its holder.
    let fill = |b: &mut DesignBuilder, post: &str, scale: u8| {
        let (_, e) = staff.iter().find(|(p, _)| p == post).ok_or_else(|| format!("no holder drawn for `{post}`"))?;
        appoint(b, e, post, scale, &[]);
        Ok::<f64, String>(e.fte)
    };
    b.unit("directie", "Directie", UnitKind::Directie)
        .head("gemeentesecretaris")
        .kernopdracht("the gemeentesecretaris and the domain managers lead the organisation");
    let fte = fill(&mut b, "gemeentesecretaris", 16)?;
    b.post("gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris")
        .unit("directie")
        .function("F-GS")
        .scale(16)
        .salary(salary(16, INDEX))
        .fte(fte);
    mt(&mut b, "domeinmanager", DOMAINS);
    for (key, name, work) in DOMAINS {
        let dm = format!("domeinmanager-{key}");
        b.unit(&format!("domein-{key}"), name, UnitKind::Eenheid).parent("directie").head(&dm).kernopdracht(work);
        let fte = fill(&mut b, &dm, 14)?;
        b.post(&dm, &format!("Domeinmanager {}", name.trim_start_matches("Domein ")), "hoofd")
            .unit(&format!("domein-{key}"))
            .reports_to("gemeentesecretaris")
            .function("F-DM")
            .scale(14)
            .salary(salary(14, INDEX))
            .fte(fte);
        let bc = format!("business-consultant-{key}");
        let fte = fill(&mut b, &bc, 11)?;
        b.post(&bc, &format!("Business consultant {}", name.trim_start_matches("Domein ")), "business-consultant")
            .unit(&format!("domein-{key}"))
            .reports_to(&dm)
            .function("F-BC")
            .scale(11)
            .salary(salary(11, INDEX))
            .fte(fte);
    }
    for (key, name, function, scale, count, domain, _) in TEAMS {
        b.unit(key, &format!("Team {name}"), UnitKind::Team)
            .parent(&format!("domein-{domain}"))
            .head(&format!("domeinmanager-{domain}"))
            .kernopdracht(&format!("self-organising team for {}", name.to_lowercase()));
        for i in 1..=*count {
            let post = format!("syn-{key}-{i:02}");
            let fte = fill(&mut b, &post, *scale)?;
            b.post(&post, title_of(function), "medewerker")
                .unit(key)
                .reports_to(&format!("domeinmanager-{domain}"))
                .function(function)
                .scale(*scale)
                .salary(salary(*scale, INDEX))
                .fte(fte);
        }
    }
    // Fact 8: the MT member who steers on service delivery follows the teams
    // that serve residents outside their own domain (who it is: synthetic).
    for team in ["vth", "openbare-ruimte"] {
        b.portfolio("domeinmanager-samenleving", team);
    }
    Ok(b.build()?)
}

/// The management team (MT): the gemeentesecretaris and the heads of the
/// units, a collective beside the line (fact 8 speaks of steering "from the MT").
fn mt(b: &mut DesignBuilder, head_role: &str, units: &[(&str, &str, &str)]) {
    b.unit("mt", "Managementteam (MT)", UnitKind::Collective).kernopdracht(
        "the gemeentesecretaris and the heads of the units steer the organisation together; one member steers on service delivery",
    );
    b.member("gemeentesecretaris", "mt");
    for (key, _, _) in units {
        b.member(&format!("{head_role}-{key}"), "mt");
    }
}

fn title_of(function: &str) -> &'static str {
    match function {
        "F-CONS-WI" => "Consulent werk en inkomen",
        "F-CONS-WMO" => "Consulent Wmo",
        "F-CONS-JEUGD" => "Consulent jeugd",
        "F-KLANT" => "Klantadviseur",
        "F-BZ" => "Medewerker burgerzaken",
        "F-RO" => "Adviseur ruimtelijke ontwikkeling",
        "F-VTH" => "Medewerker vergunningen en toezicht",
        "F-OR" => "Medewerker openbare ruimte",
        "F-FIN" => "Adviseur financiën",
        "F-PO" => "Adviseur personeel en organisatie",
        _ => "Medewerker informatievoorziening",
    }
}

/// The five teamregisseurs (fact 5): key, afdeling, the teams whose steering each
/// strengthens. Only teams that mainly run primary processes (products and
/// services to residents) get one, so Bedrijfsvoering has none; Sociaal, the
/// largest primary-process afdeling, has two. The split is synthetic.
pub const TEAMREGISSEURS: &[(&str, &str, &[&str])] = &[
    ("teamregisseur-werk-en-inkomen", "sociaal", &["werk-en-inkomen"]),
    ("teamregisseur-zorg-en-jeugd", "sociaal", &["zorg", "jeugd"]),
    ("teamregisseur-dienstverlening", "dienstverlening", &["klantcontact", "burgerzaken"]),
    ("teamregisseur-vth", "ruimte", &["vth"]),
    ("teamregisseur-openbare-ruimte", "openbare-ruimte", &["openbare-ruimte"]),
];

/// The new organisation: five afdelingen, five teamregisseurs, three business consultants.
///
/// Staff posts that return carry the FTE of their old holder; the posts the
/// document adds (two more heads, five teamregisseurs, the project leader) are
/// one FTE each, so the cost difference with `old.json` is theirs alone.
pub fn new() -> Result<Design> {
    let mut b = DesignBuilder::new("Gemeente 2024, after: five afdelingen with teamregisseurs (staffing synthetic)");
    functions(&mut b, true);
    let staff = staff();
    b.unit("directie", "Directie", UnitKind::Directie)
        .head("gemeentesecretaris")
        .kernopdracht("the gemeentesecretaris leads the heads of department and steers within clear frameworks that leave room for ownership");
    b.post("gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris")
        .unit("directie")
        .function("F-GS")
        .scale(16)
        .salary(salary(16, INDEX))
        .fte(fte_of(&staff, "gemeentesecretaris"));
    mt(&mut b, "afdelingshoofd", AFDELINGEN);
    for (key, name, work) in AFDELINGEN {
        let head = format!("afdelingshoofd-{key}");
        let unit_key = format!("afdeling-{key}");
        b.unit(&unit_key, name, UnitKind::Eenheid).parent("directie").head(&head).kernopdracht(work);
        b.post(&head, &format!("Afdelingshoofd {}", name.trim_start_matches("Afdeling ")), "hoofd")
            .unit(&unit_key)
            .reports_to("gemeentesecretaris")
            .function("F-AH")
            .scale(13)
            .salary(salary(13, INDEX));
    }
    // Facts 5 and 14: each teamregisseur supports the afdelingshoofd and follows
    // the teams it strengthens (a portfolio: no line authority, no reports).
    for (key, afdeling, teams) in TEAMREGISSEURS {
        let teams_named: Vec<&str> =
            teams.iter().map(|t| TEAMS.iter().find(|x| x.0 == *t).map_or(*t, |x| x.1)).collect();
        b.post(key, &format!("Teamregisseur {}", teams_named.join(" en ")), "teamregisseur")
            .unit(&format!("afdeling-{afdeling}"))
            .reports_to(&format!("afdelingshoofd-{afdeling}"))
            .function("F-TR")
            .scale(11)
            .salary(salary(11, INDEX));
        for t in *teams {
            b.portfolio(key, t);
        }
    }
    // One business consultant per former domain; Samenleving's goes to Dienstverlening, the
    // heart of the customer-focused approach it promotes (a synthetic choice).
    for (domain, afdeling) in
        [("samenleving", "dienstverlening"), ("ruimte", "ruimte"), ("bedrijfsvoering", "bedrijfsvoering")]
    {
        let name = DOMAINS.iter().find(|d| d.0 == domain).map_or(domain, |d| d.1.trim_start_matches("Domein "));
        let key = format!("business-consultant-{domain}");
        b.post(&key, &format!("Business consultant {name}"), "business-consultant")
            .unit(&format!("afdeling-{afdeling}"))
            .reports_to(&format!("afdelingshoofd-{afdeling}"))
            .function("F-BC")
            .scale(11)
            .salary(salary(11, INDEX))
            .fte(fte_of(&staff, &key));
    }
    for (key, name, function, scale, count, _, afdeling) in TEAMS {
        b.unit(key, &format!("Team {name}"), UnitKind::Team)
            .parent(&format!("afdeling-{afdeling}"))
            .head(&format!("afdelingshoofd-{afdeling}"))
            .kernopdracht(&format!("the team for {}", name.to_lowercase()));
        for i in 1..=*count {
            let post = format!("syn-{key}-{i:02}");
            b.post(&post, title_of(function), "medewerker")
                .unit(key)
                .reports_to(&format!("afdelingshoofd-{afdeling}"))
                .function(function)
                .scale(*scale)
                .salary(salary(*scale, INDEX))
                .fte(fte_of(&staff, &post));
        }
    }
    // Fact 8: the MT member who steers on service delivery, here the head of
    // Dienstverlening (a synthetic choice), follows the teams that serve
    // residents in the other afdelingen.
    for team in ["werk-en-inkomen", "zorg", "jeugd", "vth", "openbare-ruimte"] {
        b.portfolio("afdelingshoofd-dienstverlening", team);
    }
    // The service-delivery project: one year from August 2024.
    let from = date(2024, 8, 1);
    let until = date(2025, 7, 31);
    b.post("projectleider-dienstverlening", "Projectleider dienstverlening", "adviseur")
        .unit("afdeling-dienstverlening")
        .reports_to("gemeentesecretaris")
        .function("F-PL")
        .scale(12)
        .salary(salary(12, INDEX))
        .temporary()
        .valid(Some(from), Some(until));
    for afdeling in ["dienstverlening", "sociaal"] {
        b.assignment(
            &format!("dienstverleningsopdracht-{afdeling}"),
            SteeringKind::Other,
            "projectleider-dienstverlening",
            TargetKey::Unit(format!("afdeling-{afdeling}")),
        )
        .principal(TargetKey::Post("gemeentesecretaris".to_owned()))
        .escalation(TargetKey::Unit("directie".to_owned()))
        .goal("sharpen service delivery within the existing service vision, together with the managers and the business consultants")
        .valid(Some(from), Some(until));
    }
    Ok(b.build()?)
}
