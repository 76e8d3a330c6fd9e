//! Almelo, "Voor Stad en Resultaat" (seed: `almelo-2018-voor-stad-en-resultaat.txt`).
//!
//! Three files: the old sector organisation with a synthetic staff list
//! (`old.json`), the new organisation of the plan with its functieboek and
//! vacant posts (`new.json`), and a what-if variant with a fifth management
//! layer (`new-five-layers.json`).
//!
//! The functieboek is built so that a transition shows every status: most
//! functions return unchanged (some with a small change under the 30%
//! threshold), a few change by more than 30%, the sector functions lapse, and
//! the new management and steering functions are new.

use harkje::{Date, date};
use harkje::{Design, DesignBuilder, SteeringKind, TargetKey, UnitKind};

use super::{Result, Rng, appoint, employee, salary};

const INDEX: f64 = 1.0;

/// The day the new organisation starts (synthetic: the plan gives no date).
pub const START: Date = date(2018, 7, 1);
/// The day the old organisation is measured and its staff list is drawn.
pub const OLD_DAY: Date = date(2018, 3, 27);

fn unit(k: &str) -> TargetKey {
    TargetKey::Unit(k.to_owned())
}

/// One function of the functieboek: key, title, scale and tasks with weights.
struct F {
    key: &'static str,
    title: &'static str,
    scale: u8,
    tasks: &'static [(&'static str, f64)],
}

const fn f(key: &'static str, title: &'static str, scale: u8, tasks: &'static [(&'static str, f64)]) -> F {
    F { key, title, scale, tasks }
}

/// Functions in both functieboeken with the same tasks: they stay unchanged.
const BOTH: &[F] = &[
    f(
        "F-GS",
        "Gemeentesecretaris / algemeen directeur",
        17,
        &[("college adviseren", 4.0), ("directie voorzitten", 3.0), ("bestuur en organisatie verbinden", 3.0)],
    ),
    f(
        "F-CTRL",
        "Concerncontroller",
        14,
        &[
            ("concerncontrol uitvoeren", 5.0),
            ("directie onafhankelijk adviseren", 3.0),
            ("controlstatuut bewaken", 2.0),
        ],
    ),
    f(
        "F-CTRL-ADV",
        "Controller",
        11,
        &[
            ("managementrapportages opstellen", 4.0),
            ("interne controle uitvoeren", 4.0),
            ("budgethouders adviseren", 2.0),
        ],
    ),
    f(
        "F-CISO",
        "Chief information security officer",
        11,
        &[
            ("informatiebeveiliging toetsen", 5.0),
            ("beveiligingsincidenten afhandelen", 3.0),
            ("directie over risico's adviseren", 2.0),
        ],
    ),
    f(
        "F-FADM",
        "Medewerker financiële administratie",
        7,
        &[("boekingen verwerken", 5.0), ("facturen controleren", 3.0), ("jaarrekening voorbereiden", 2.0)],
    ),
    f(
        "F-FADV",
        "Adviseur financiën",
        10,
        &[("begroting opstellen", 4.0), ("budgethouders adviseren", 3.0), ("financiële analyses maken", 3.0)],
    ),
    f(
        "F-HRM",
        "Adviseur HRM",
        10,
        &[
            ("leidinggevenden adviseren over personeel", 5.0),
            ("HR-instrumenten ontwikkelen", 3.0),
            ("formatie en werving begeleiden", 2.0),
        ],
    ),
    f(
        "F-PADM",
        "Medewerker personeelsadministratie",
        7,
        &[("salarisadministratie verwerken", 5.0), ("personeelsdossiers bijhouden", 5.0)],
    ),
    f(
        "F-APPL",
        "Applicatiebeheerder",
        8,
        &[("applicaties beheren", 5.0), ("gebruikers ondersteunen", 3.0), ("wijzigingen testen", 2.0)],
    ),
    f("F-NETW", "Netwerkbeheerder", 8, &[("netwerk en servers beheren", 6.0), ("storingen oplossen", 4.0)]),
    f(
        "F-INFO",
        "Medewerker informatiebeheer",
        8,
        &[("archief en dossiers beheren", 5.0), ("documentaire informatievoorziening", 5.0)],
    ),
    f("F-BI", "Business-intelligenceanalist", 10, &[("dashboards bouwen", 5.0), ("data analyseren", 5.0)]),
    f(
        "F-GEO",
        "Medewerker geo-informatie",
        8,
        &[("basisregistraties bijhouden", 5.0), ("kaarten en geodata leveren", 5.0)],
    ),
    f(
        "F-FAC",
        "Medewerker facilitaire zaken",
        5,
        &[("gebouwen en ruimtes beheren", 5.0), ("post en bodediensten", 5.0)],
    ),
    f(
        "F-BSEC",
        "Bestuurssecretaresse",
        7,
        &[("agenda's van bestuurders beheren", 5.0), ("bestuursstukken voorbereiden", 5.0)],
    ),
    f(
        "F-BZ",
        "Medewerker burgerzaken",
        7,
        &[("reisdocumenten en rijbewijzen verstrekken", 5.0), ("basisregistratie personen bijhouden", 5.0)],
    ),
    f("F-WMO", "Consulent Wmo", 8, &[("keukentafelgesprekken voeren", 5.0), ("maatwerkvoorzieningen indiceren", 5.0)]),
    f(
        "F-WI",
        "Consulent werk en inkomen",
        8,
        &[("uitkeringsaanvragen beoordelen", 5.0), ("re-integratie begeleiden", 5.0)],
    ),
    f("F-WGD", "Adviseur werkgeversdienstverlening", 9, &[("werkgevers bezoeken", 5.0), ("kandidaten plaatsen", 5.0)]),
    f(
        "F-ADM-SOC",
        "Administratief medewerker sociaal domein",
        6,
        &[("cliëntdossiers bijhouden", 6.0), ("beschikkingen verzenden", 4.0)],
    ),
    f("F-INK", "Inkoopadviseur", 10, &[("aanbestedingen begeleiden", 6.0), ("contracten beheren", 4.0)]),
    f("F-SUB", "Medewerker subsidies", 8, &[("subsidieaanvragen beoordelen", 6.0), ("subsidies verantwoorden", 4.0)]),
    f("F-BOND", "Beleidsondersteuner", 7, &[("beleidsstukken ondersteunen", 6.0), ("gegevens verzamelen", 4.0)]),
    f("F-CPL", "Concernprojectleider", 11, &[("concernprojecten leiden", 6.0), ("projectrisico's beheersen", 4.0)]),
    f("F-VGB", "Vastgoedbeheerder", 9, &[("gemeentelijk vastgoed beheren", 6.0), ("huurcontracten beheren", 4.0)]),
    f(
        "F-GREX",
        "Adviseur grondexploitatie",
        10,
        &[("grondexploitaties doorrekenen", 6.0), ("grondverkoop voorbereiden", 4.0)],
    ),
    f("F-ONTW", "Ontwerper openbare ruimte", 10, &[("openbare ruimte ontwerpen", 6.0), ("bestekken maken", 4.0)]),
    f(
        "F-BOR",
        "Medewerker beheer openbare ruimte",
        6,
        &[("meldingen openbare ruimte afhandelen", 5.0), ("onderhoud plannen", 5.0)],
    ),
    f(
        "F-ING",
        "Ingenieur civiele techniek",
        10,
        &[("civiele projecten voorbereiden", 6.0), ("uitvoering begeleiden", 4.0)],
    ),
    f("F-TEK", "Tekenaar", 7, &[("tekeningen maken", 7.0), ("revisies verwerken", 3.0)]),
    f("F-GROEN", "Medewerker groen", 5, &[("groen onderhouden", 7.0), ("bomen verzorgen", 3.0)]),
    f("F-VOORM", "Voorman buitendienst", 7, &[("ploeg aansturen", 5.0), ("werk verdelen en controleren", 5.0)]),
    f(
        "F-BOA",
        "Buitengewoon opsporingsambtenaar",
        8,
        &[("toezicht houden op straat", 6.0), ("processen-verbaal opmaken", 4.0)],
    ),
    f("F-JUR", "Juridisch adviseur", 11, &[("bezwaarschriften behandelen", 5.0), ("juridisch adviseren", 5.0)]),
    f(
        "F-AFVAL",
        "Medewerker afvalbeheer",
        6,
        &[("afvalinzameling regisseren", 6.0), ("afvalmeldingen afhandelen", 4.0)],
    ),
    f(
        "F-VERK",
        "Verkeerskundige",
        10,
        &[("verkeersbesluiten voorbereiden", 5.0), ("verkeersveiligheid adviseren", 5.0)],
    ),
    f(
        "F-ACCM",
        "Accountmanager bedrijven",
        10,
        &[
            ("ondernemers bedienen", 5.0),
            ("bedrijfsbezoeken afleggen", 3.0),
            ("vacatures en werkzoekenden verbinden", 2.0),
        ],
    ),
    f("F-COMM", "Communicatieadviseur", 10, &[("communicatie adviseren", 6.0), ("persberichten schrijven", 4.0)]),
    f(
        "F-BZK",
        "Adviseur bestuurszaken",
        10,
        &[("bestuurlijke processen bewaken", 6.0), ("raadsvoorstellen toetsen", 4.0)],
    ),
    f(
        "F-OOV",
        "Adviseur openbare orde en veiligheid",
        11,
        &[("burgemeester adviseren over veiligheid", 6.0), ("crisisbeheersing voorbereiden", 4.0)],
    ),
    f(
        "F-STRAT",
        "Strategisch adviseur",
        11,
        &[
            ("strategische verkenningen maken", 5.0),
            ("concernstrategie ontwikkelen", 3.0),
            ("lobby en profilering voorbereiden", 2.0),
        ],
    ),
];

/// Old versions of functions that return with a small change (at most 30%).
const OLD_MINOR: &[F] = &[
    // New version drops the archiving (20% of the weight): ongewijzigd.
    f(
        "F-VERG",
        "Vergunningverlener",
        9,
        &[("vergunningen beoordelen", 6.0), ("vooroverleg met aanvragers", 2.0), ("dossiers archiveren", 2.0)],
    ),
    // New version drops minute taking (25%): ongewijzigd.
    f(
        "F-SEC",
        "Secretaresse",
        6,
        &[
            ("agenda's beheren", 4.0),
            ("correspondentie verzorgen", 3.0),
            ("vergaderingen notuleren", 2.5),
            ("teams ondersteunen", 0.5),
        ],
    ),
    // New version only adds a task: 0% of the old weight is lost.
    f("F-KCC", "Medewerker klantcontact", 6, &[("klantvragen beantwoorden", 6.0), ("afspraken plannen", 4.0)]),
];

/// New versions of the same functions.
const NEW_MINOR: &[F] = &[
    f(
        "F-VERG",
        "Vergunningverlener",
        9,
        &[("vergunningen beoordelen", 6.0), ("vooroverleg met aanvragers", 2.0), ("omgevingswet voorbereiden", 1.0)],
    ),
    f(
        "F-SEC",
        "Secretaresse",
        6,
        &[("agenda's beheren", 4.0), ("correspondentie verzorgen", 3.0), ("teams ondersteunen", 2.0)],
    ),
    f(
        "F-KCC",
        "Medewerker klantcontact",
        6,
        &[("klantvragen beantwoorden", 6.0), ("afspraken plannen", 4.0), ("regie op meervoudige vragen", 2.0)],
    ),
];

/// Functions only in the old functieboek: changed (a successor shares part of
/// the tasks) or lapsed (no new function shares a task).
const OLD_ONLY: &[F] = &[
    // Changed into F-HOOFD (80% changed): the sectors disappear, integral management stays.
    f(
        "F-SECDIR",
        "Sectordirecteur",
        15,
        &[("sector aansturen", 5.0), ("sectorplan opstellen", 3.0), ("integraal management voeren", 2.0)],
    ),
    // Lapsed: minutes are no longer taken by a dedicated function.
    f("F-NOT", "Notulist", 6, &[("raadsvergaderingen notuleren", 6.0), ("besluitenlijsten bijhouden", 4.0)]),
    // Lapsed: the team is split up and its coordinating tasks disappear.
    f(
        "F-KRO",
        "Medewerker kaders, regie en ondersteuning",
        8,
        &[("beheerkaders opstellen", 4.0), ("sectorstaf ondersteunen", 3.0), ("kadernota's coördineren", 3.0)],
    ),
    // Changed into F-TM: the teammanager becomes a people manager (60% changed).
    f(
        "F-TM-2017",
        "Teammanager (oud)",
        12,
        &[
            ("vakinhoudelijk sturen", 4.0),
            ("personeelszaken", 3.0),
            ("teambudget beheren", 2.0),
            ("bestuurlijke advisering", 1.0),
        ],
    ),
    // Changed into F-ADVP (70% changed).
    f(
        "F-BELEID-SOC",
        "Beleidsmedewerker sociaal domein",
        10,
        &[("beleid sociaal domein schrijven", 5.0), ("bestuur adviseren", 3.0), ("subsidieregels opstellen", 2.0)],
    ),
    f(
        "F-BELEID-FYS",
        "Beleidsmedewerker ruimte",
        10,
        &[("beleid ruimte schrijven", 5.0), ("bestuur adviseren", 3.0), ("ruimtelijke plannen toetsen", 2.0)],
    ),
    // Changed into F-WIJKM (40% changed).
    f(
        "F-SDC",
        "Stadsdeelcoördinator",
        10,
        &[
            ("stadsdeel coördineren", 4.0),
            ("bewonersinitiatieven ondersteunen", 3.0),
            ("netwerk in de wijk onderhouden", 3.0),
        ],
    ),
];

/// Functions only in the new functieboek.
const NEW_ONLY: &[F] = &[
    // Successors of changed functions.
    f(
        "F-TM",
        "Teammanager",
        12,
        &[
            ("people management", 4.0),
            ("talentontwikkeling", 2.0),
            ("personeelszaken", 2.0),
            ("teambudget beheren", 2.0),
        ],
    ),
    f(
        "F-ADVP",
        "Adviseur Adviespool",
        10,
        &[
            ("opdrachten voor programma's en wijken uitvoeren", 4.0),
            ("bestuur adviseren", 3.0),
            ("beleid ontwikkelen met partners", 2.0),
            ("netwerk in de stad onderhouden", 1.0),
        ],
    ),
    f(
        "F-WIJKM",
        "Wijkmanager",
        10,
        &[
            ("wijkopgave opstellen", 2.0),
            ("wijkopgave met mandaat uitvoeren", 2.0),
            ("bewonersinitiatieven ondersteunen", 3.0),
            ("netwerk in de wijk onderhouden", 3.0),
        ],
    ),
    // New functions, vacancies filled by selection on quality; except F-HOOFD, the
    // successor of the sector director (changed by 80%).
    f(
        "F-ADJ",
        "Adjunct-directeur",
        16,
        &[
            ("concern mee besturen", 4.0),
            ("eenheden collegiaal aansturen", 3.0),
            ("aandachtsgebieden in de directie dragen", 3.0),
        ],
    ),
    f(
        "F-HOOFD",
        "Hoofd eenheid",
        14,
        &[
            ("integraal management voeren", 4.0),
            ("koers van de eenheid uitzetten", 3.0),
            ("resultaten van de eenheid bewaken", 3.0),
        ],
    ),
    f(
        "F-PM",
        "Programmamanager",
        13,
        &[
            ("programmadoelen realiseren", 4.0),
            ("partners in het programma verbinden", 2.0),
            ("college strategisch adviseren", 2.0),
            ("resultaat overdragen", 2.0),
        ],
    ),
    f(
        "F-PE",
        "Proceseigenaar",
        12,
        &[
            ("keten over eenheden sturen", 4.0),
            ("kwaliteit van het proces bewaken", 3.0),
            ("klanten bij verbetering betrekken", 3.0),
        ],
    ),
    f(
        "F-KM",
        "Kwartiermaker",
        13,
        &[("nieuwe eenheid inrichten", 5.0), ("vernieuwing in gang zetten", 3.0), ("werkprocessen optimaliseren", 2.0)],
    ),
];

fn add_functions(b: &mut DesignBuilder, sets: &[&[F]]) {
    for set in sets {
        for x in *set {
            b.function(x.key, x.title, Some(x.scale), x.tasks);
        }
    }
}

/// The functions holders of an old function would like in the new design
/// (synthetic). They matter where a function lapses, or returns with fewer
/// posts than holders: a preference makes a same-scale function passend.
fn preferences(function: &str) -> &'static [&'static str] {
    match function {
        "F-KRO" => &["F-INFO", "F-GEO"],
        "F-SEC" | "F-GROEN" | "F-NOT" => &["F-FAC"],
        "F-KCC" => &["F-ADM-SOC"],
        _ => &[],
    }
}

fn scale_of(key: &str, sets: &[&[F]]) -> u8 {
    sets.iter().flat_map(|s| s.iter()).find(|x| x.key == key).map_or(8, |x| x.scale)
}

/// A team of the old organisation: key, name, sector, kernopdracht, staff (function, count).
type Team = (&'static str, &'static str, &'static str, &'static str, &'static [(&'static str, usize)]);

const OLD_SECTORS: &[(&str, &str, &str)] = &[
    ("sector-samenleving", "Sector Samenleving", "social policy and the social services for residents"),
    ("sector-stad-en-economie", "Sector Stad en Economie", "the physical city, its public space and its economy"),
    (
        "syn-sector-bedrijfsvoering",
        "Sector Bedrijfsvoering en Dienstverlening (synthetisch)",
        "internal services, customer contact and the executive support",
    ),
];

const OLD_TEAMS: &[Team] = &[
    (
        "strategie-en-advies",
        "Team Strategie en Advies",
        "sector-samenleving",
        "policy and advice for the social domain",
        &[("F-BELEID-SOC", 12), ("F-BOND", 3)],
    ),
    (
        "csvi-csi",
        "Team CSVI en CSI (contracten, subsidies en inkoop)",
        "sector-samenleving",
        "contracts, grants and purchasing",
        &[("F-INK", 5), ("F-SUB", 6)],
    ),
    (
        "zorg",
        "Team Zorg",
        "sector-samenleving",
        "care and support for residents under the Wmo",
        &[("F-WMO", 18), ("F-ADM-SOC", 5)],
    ),
    (
        "werkplein",
        "Team Werkplein",
        "sector-samenleving",
        "work and income: benefits, reintegration and employers",
        &[("F-WI", 24), ("F-WGD", 5), ("F-ADM-SOC", 4)],
    ),
    (
        "kaders-regie-ondersteuning",
        "Team Kaders, Regie & Ondersteuning",
        "sector-stad-en-economie",
        "frameworks and direction for the physical domain",
        &[("F-BELEID-FYS", 8), ("F-KRO", 6)],
    ),
    (
        "advies-en-ontwerp",
        "Team Advies & Ontwerp",
        "sector-stad-en-economie",
        "advice on and design of the public space",
        &[("F-BELEID-FYS", 4), ("F-ONTW", 8)],
    ),
    (
        "vastgoed-en-exploitatie",
        "Team Vastgoed en Exploitatie",
        "sector-stad-en-economie",
        "municipal property, land development and corporate projects",
        &[("F-CPL", 4), ("F-VGB", 5), ("F-GREX", 3)],
    ),
    (
        "beheer-openbare-ruimte",
        "Team Beheer Openbare Ruimte",
        "sector-stad-en-economie",
        "maintenance of streets, sewers and public space",
        &[("F-BOR", 16)],
    ),
    (
        "ingenieursdiensten",
        "Team Ingenieursdiensten",
        "sector-stad-en-economie",
        "civil engineering projects",
        &[("F-ING", 10), ("F-TEK", 4)],
    ),
    (
        "uitvoering-groen",
        "Team Uitvoerende (groen)taken",
        "sector-stad-en-economie",
        "hands-on care of parks, trees and green space",
        &[("F-GROEN", 26), ("F-VOORM", 4)],
    ),
    (
        "syn-afval-en-verkeer",
        "Team Afval en Verkeer (synthetisch)",
        "sector-stad-en-economie",
        "waste collection and traffic",
        &[("F-AFVAL", 5), ("F-VERK", 3)],
    ),
    (
        "regelgeving-en-handhaving",
        "Team Regelgeving en Handhaving",
        "sector-stad-en-economie",
        "permits, supervision and enforcement",
        &[("F-VERG", 10), ("F-BOA", 8), ("F-JUR", 3)],
    ),
    (
        "economische-zaken",
        "Team Economische Zaken (synthetisch)",
        "sector-stad-en-economie",
        "service to businesses through account managers",
        &[("F-ACCM", 5)],
    ),
    (
        "stadsdeelcoordinatie",
        "Stadsdeelcoördinatie",
        "sector-stad-en-economie",
        "coordination of work in the city districts",
        &[("F-SDC", 4)],
    ),
    (
        "financien",
        "Team Financiën",
        "syn-sector-bedrijfsvoering",
        "budget, accounts and financial advice",
        &[("F-FADM", 10), ("F-FADV", 6)],
    ),
    (
        "control-en-audit",
        "Team Control en Audit",
        "syn-sector-bedrijfsvoering",
        "management reporting and internal control",
        &[("F-CTRL-ADV", 4)],
    ),
    (
        "hrm",
        "Team HRM",
        "syn-sector-bedrijfsvoering",
        "personnel advice and administration",
        &[("F-HRM", 6), ("F-PADM", 4)],
    ),
    (
        "ict",
        "Team ICT",
        "syn-sector-bedrijfsvoering",
        "applications, networks and information security",
        &[("F-APPL", 8), ("F-NETW", 5)],
    ),
    (
        "informatiebeheer-bi-geo",
        "Team Informatiebeheer/Business Intelligence/Geo",
        "syn-sector-bedrijfsvoering",
        "records, data analysis and geo-information",
        &[("F-INFO", 7), ("F-BI", 3), ("F-GEO", 4)],
    ),
    (
        "facilities",
        "Team Facilities/Secretaresses/Bestuurssecretariaat",
        "syn-sector-bedrijfsvoering",
        "buildings, secretaries and executive support",
        &[("F-FAC", 8), ("F-SEC", 12), ("F-BSEC", 4)],
    ),
    (
        "kcc",
        "Team KCC (klantcontactcentrum)",
        "syn-sector-bedrijfsvoering",
        "the first contact for residents and civil affairs",
        &[("F-KCC", 22), ("F-BZ", 10)],
    ),
    (
        "syn-bestuurszaken",
        "Team Bestuurszaken en Communicatie (synthetisch)",
        "syn-sector-bedrijfsvoering",
        "executive affairs, communication, safety and legal advice",
        &[("F-COMM", 6), ("F-BZK", 3), ("F-OOV", 3), ("F-JUR", 4), ("F-STRAT", 3), ("F-NOT", 2)],
    ),
];

/// The old sector organisation with a synthetic staff list of several hundred people.
pub fn old() -> Result<Design> {
    let sets: [&[F]; 3] = [BOTH, OLD_MINOR, OLD_ONLY];
    let mut b = DesignBuilder::new("Almelo before 2018: sector organisation (teams from the seed; staffing synthetic)");
    add_functions(&mut b, &sets);
    let mut rng = Rng::new(0xA1_3E10_2017);
    let mut n = 0usize;
    // Draws the holder of a post. The post's FTE follows its holder (the
    // establishment of a staff list); one post in forty is vacant, at 1 FTE.
    let mut fill = |b: &mut DesignBuilder, rng: &mut Rng, post: &str, function: &str| {
        n += 1;
        let scale = scale_of(function, &sets);
        let mut e = employee(rng, format!("syn-{n:04}"), OLD_DAY);
        // Managers and the controller work full time.
        if matches!(function, "F-GS" | "F-SECDIR" | "F-CTRL" | "F-TM-2017") {
            e.fte = 1.0;
        }
        if rng.below(40) != 0 {
            appoint(b, &e, post, scale, preferences(function));
            e.fte
        } else {
            1.0
        }
    };

    b.unit("directie", "Directie", UnitKind::Directie)
        .head("gemeentesecretaris")
        .kernopdracht("the gemeentesecretaris and the sector directors steer the organisation by sector");
    let fte = fill(&mut b, &mut rng, "gemeentesecretaris", "F-GS");
    b.post("gemeentesecretaris", "Gemeentesecretaris / algemeen directeur", "gemeentesecretaris")
        .unit("directie")
        .function("F-GS")
        .scale(17)
        .salary(salary(17, INDEX))
        .fte(fte);
    for (key, name, work) in OLD_SECTORS {
        let dir = format!("directeur-{key}");
        b.unit(key, name, UnitKind::Eenheid).parent("directie").head(&dir).kernopdracht(&format!("sector for {work}"));
        let fte = fill(&mut b, &mut rng, &dir, "F-SECDIR");
        b.post(&dir, &format!("Sectordirecteur {}", name.trim_start_matches("Sector ")), "directeur")
            .unit(key)
            .reports_to("gemeentesecretaris")
            .function("F-SECDIR")
            .scale(15)
            .salary(salary(15, INDEX))
            .fte(fte);
    }
    // The concerncontroller: placed with control, with a direct line to the top.
    let fte = fill(&mut b, &mut rng, "concerncontroller", "F-CTRL");
    b.post("concerncontroller", "Concerncontroller", "concerncontroller")
        .unit("control-en-audit")
        .reports_to("gemeentesecretaris")
        .function("F-CTRL")
        .independent()
        .scale(14)
        .salary(salary(14, INDEX))
        .fte(fte);
    for (key, name, sector, work, staff) in OLD_TEAMS {
        let tm = format!("teammanager-{key}");
        b.unit(key, name, UnitKind::Team).parent(sector).head(&tm).kernopdracht(work);
        let fte = fill(&mut b, &mut rng, &tm, "F-TM-2017");
        b.post(&tm, &format!("Teammanager {}", name.trim_start_matches("Team ")), "teammanager")
            .unit(key)
            .reports_to(&format!("directeur-{sector}"))
            .function("F-TM-2017")
            .scale(12)
            .salary(salary(12, INDEX))
            .fte(fte);
        let mut i = 0;
        for (function, count) in *staff {
            let scale = scale_of(function, &sets);
            let title =
                sets.iter().flat_map(|s| s.iter()).find(|x| x.key == *function).map_or("Medewerker", |x| x.title);
            for _ in 0..*count {
                i += 1;
                let post = format!("syn-{key}-{i:02}");
                let fte = fill(&mut b, &mut rng, &post, function);
                b.post(&post, title, "medewerker")
                    .unit(key)
                    .reports_to(&tm)
                    .function(function)
                    .scale(scale)
                    .salary(salary(scale, INDEX))
                    .fte(fte);
            }
        }
    }
    // The CISO sits in ICT with a direct line to the top.
    let fte = fill(&mut b, &mut rng, "ciso", "F-CISO");
    b.post("ciso", "CISO", "medewerker")
        .unit("ict")
        .reports_to("gemeentesecretaris")
        .function("F-CISO")
        .independent()
        .scale(11)
        .salary(salary(11, INDEX))
        .fte(fte);
    Ok(b.build()?)
}

/// A unit of the new organisation: key, name, kind, parent, line manager of its
/// head, kernopdracht, and staff (function, count).
struct NewTeam {
    key: &'static str,
    name: &'static str,
    parent: &'static str,
    work: &'static str,
    staff: &'static [(&'static str, usize)],
}

const fn nt(
    key: &'static str,
    name: &'static str,
    parent: &'static str,
    work: &'static str,
    staff: &'static [(&'static str, usize)],
) -> NewTeam {
    NewTeam { key, name, parent, work, staff }
}

/// The eenheden under a hoofd: key, name, the adjunct-directeur it answers to, kernopdracht.
const NEW_EENHEDEN: &[(&str, &str, &str, &str)] = &[
    (
        "adviespool",
        "Adviespool",
        "adjunct-directeur-1",
        "a demand-driven pool of broadly deployable advisers who work on jobs, projects, programmes and districts for the directie and the units",
    ),
    (
        "kcc",
        "KCC - Klantcontactcentrum",
        "adjunct-directeur-1",
        "the first entrance for residents and businesses: quick, correct answers on every channel, and direction of follow-up for complex questions",
    ),
    (
        "uitvoering-sociaal",
        "Uitvoering Sociaal",
        "adjunct-directeur-2",
        "carries out work, income and care for residents, with the social district teams brought in-house",
    ),
    (
        "uitvoering-fysiek",
        "Uitvoering Fysiek",
        "adjunct-directeur-2",
        "an enterprising internal company responsible for the whole public space: maintenance, engineering, green, waste, traffic and enforcement officers",
    ),
    (
        "bedrijfsvoering",
        "Bedrijfsvoering",
        "adjunct-directeur-2",
        "one cooperating column for all business operations and control, including municipal property and land development",
    ),
];

const NEW_TEAMS: &[NewTeam] = &[
    nt(
        "ondernemersteam",
        "Ondernemersteam",
        "adviespool",
        "front office for businesses: directs the whole range of work-related services",
        &[("F-ACCM", 5)],
    ),
    nt("klantcontact", "Team Klantcontact", "kcc", "answers residents' questions on every channel", &[("F-KCC", 20)]),
    nt(
        "burgerzaken",
        "Team Burgerzaken",
        "kcc",
        "travel documents, licences and the population register",
        &[("F-BZ", 10)],
    ),
    nt(
        "inwoners-en-zorg",
        "Team Inwoners en Zorg",
        "kcc",
        "the Wmo counter: first contact for care questions",
        &[("F-WMO", 6)],
    ),
    nt(
        "vth",
        "Team Vergunningverlening, Toezicht en Handhaving",
        "kcc",
        "permits, supervision and enforcement until the regional service takes over",
        &[("F-VERG", 10)],
    ),
    nt(
        "werk",
        "Team Werk",
        "uitvoering-sociaal",
        "reintegration and service to employers",
        &[("F-WI", 12), ("F-WGD", 5)],
    ),
    nt(
        "inkomen",
        "Team Inkomen",
        "uitvoering-sociaal",
        "benefits and their administration",
        &[("F-WI", 12), ("F-ADM-SOC", 6)],
    ),
    nt("zorg", "Team Zorg", "uitvoering-sociaal", "care and support under the Wmo", &[("F-WMO", 12), ("F-ADM-SOC", 5)]),
    nt(
        "beheer-openbare-ruimte",
        "Team Beheer Openbare Ruimte",
        "uitvoering-fysiek",
        "maintenance and design of streets and public space",
        &[("F-BOR", 16), ("F-ONTW", 8)],
    ),
    nt(
        "ingenieursdiensten",
        "Team Ingenieursdiensten",
        "uitvoering-fysiek",
        "civil engineering projects",
        &[("F-ING", 10), ("F-TEK", 4)],
    ),
    nt(
        "groen-noord",
        "Team Groen Noord",
        "uitvoering-fysiek",
        "hands-on care of parks and trees, northern half",
        &[("F-GROEN", 12), ("F-VOORM", 2)],
    ),
    nt(
        "groen-zuid",
        "Team Groen Zuid",
        "uitvoering-fysiek",
        "hands-on care of parks and trees, southern half",
        &[("F-GROEN", 12), ("F-VOORM", 2)],
    ),
    nt(
        "afval-verkeer-boa",
        "Team Afval, Verkeer en BOA's",
        "uitvoering-fysiek",
        "waste, traffic expertise and enforcement officers on the street",
        &[("F-AFVAL", 5), ("F-VERK", 3), ("F-BOA", 8)],
    ),
    nt(
        "financien",
        "Team Financiën",
        "bedrijfsvoering",
        "budget, accounts and financial advice",
        &[("F-FADM", 10), ("F-FADV", 6)],
    ),
    nt(
        "control-en-audit",
        "Team Control en Audit",
        "bedrijfsvoering",
        "management reporting and internal control",
        &[("F-CTRL-ADV", 4)],
    ),
    nt(
        "csi",
        "Team CSI (contracten, subsidies en inkoop)",
        "bedrijfsvoering",
        "contracts, grants and purchasing",
        &[("F-INK", 5), ("F-SUB", 6)],
    ),
    nt("hrm", "Team HRM", "bedrijfsvoering", "personnel advice and administration", &[("F-HRM", 6), ("F-PADM", 4)]),
    nt(
        "ict",
        "Team ICT",
        "bedrijfsvoering",
        "applications, networks and information security",
        &[("F-APPL", 9), ("F-NETW", 5)],
    ),
    nt(
        "informatiebeheer-bi-geo",
        "Team Informatiebeheer/Business Intelligence/Geo",
        "bedrijfsvoering",
        "records, dashboards and geo-information",
        &[("F-INFO", 12), ("F-BI", 4), ("F-GEO", 6)],
    ),
    nt("facilities", "Team Facilities", "bedrijfsvoering", "buildings, rooms, post and messengers", &[("F-FAC", 14)]),
    nt(
        "secretariaat",
        "Team Secretaresses en Bestuurssecretariaat",
        "bedrijfsvoering",
        "secretaries for the teams and executive support",
        &[("F-SEC", 10), ("F-BSEC", 4)],
    ),
    nt(
        "vastgoed-en-grondexploitatie",
        "Team Vastgoed en Grondexploitatie",
        "bedrijfsvoering",
        "municipal property and land development",
        &[("F-VGB", 5), ("F-GREX", 3)],
    ),
    nt(
        "bestuursondersteuning-en-veiligheid",
        "Bestuursondersteuning en Veiligheid",
        "svc",
        "advice and support for the executive: communication, safety, executive and legal affairs",
        &[("F-COMM", 6), ("F-BZK", 3), ("F-OOV", 3), ("F-JUR", 7)],
    ),
    nt(
        "strategie",
        "Strategie",
        "svc",
        "strategy: trends, the corporate course, planning and control direction and partnerships",
        &[("F-STRAT", 4)],
    ),
];

/// Adviespool staff: (function, count) under each of the two temporary teammanagers.
const POOL: &[(&str, usize)] = &[("F-ADVP", 12), ("F-BOND", 2)];

/// Programmes (key, name, manager key, end, targets, goal). A programme steers
/// units outside the Adviespool only, so that its line and the steered line
/// meet in the directie.
/// A programme: key, name, manager key, end, steered units, goal.
type Programme = (&'static str, &'static str, &'static str, Date, &'static [&'static str], &'static str);

const PROGRAMMES: &[Programme] = &[
    (
        "programma-werk",
        "Programma Werk en Bedrijven",
        "programmamanager-werk",
        date(2021, 6, 30),
        &["uitvoering-sociaal", "kcc"],
        "bring everything on work and businesses together and help as many residents as possible into a job",
    ),
    (
        "programma-omgevingswet",
        "Programma Omgevingswet",
        "programmamanager-omgevingswet",
        date(2020, 12, 31),
        &["kcc", "uitvoering-fysiek", "bedrijfsvoering"],
        "prepare for the environment act: one permit, one counter, one vision, with partners in and outside the organisation",
    ),
    (
        "programma-toegang-sociaal-domein",
        "Programma Toegang Sociaal Domein",
        "programmamanager-toegang",
        date(2020, 6, 30),
        &["uitvoering-sociaal", "kcc"],
        "merge the entrances to the social domain so that a family gets one plan, watched over by one regisseur",
    ),
];

/// Districts (synthetic names: the plan names none).
const DISTRICTS: &[(&str, &str)] =
    &[("syn-wijk-noord", "Noord"), ("syn-wijk-oost", "Oost"), ("syn-wijk-zuid", "Zuid"), ("syn-wijk-west", "West")];

/// Process owners: key, title, unit, line manager, steered units, goal.
/// A process owner: key, title, unit, line manager, steered units, goal.
type ProcessOwner = (&'static str, &'static str, &'static str, &'static str, &'static [&'static str], &'static str);

const PROCESS_OWNERS: &[ProcessOwner] = &[
    (
        "proceseigenaar-vergunningen",
        "Proceseigenaar vergunningen",
        "kcc",
        "adjunct-directeur-1",
        &["kcc", "uitvoering-fysiek"],
        "one smooth chain from permit application to enforcement, measured by the applicant's experience",
    ),
    (
        "proceseigenaar-meldingen",
        "Proceseigenaar meldingen openbare ruimte",
        "uitvoering-fysiek",
        "adjunct-directeur-2",
        &["kcc", "uitvoering-fysiek"],
        "reports about the public space are taken in once and fixed quickly, with feedback to the resident",
    ),
    (
        "proceseigenaar-werk-en-inkomen",
        "Proceseigenaar werk en inkomen",
        "uitvoering-sociaal",
        "adjunct-directeur-2",
        &["kcc", "uitvoering-sociaal"],
        "from first question to benefit or job in one chain, with the client and employers involved",
    ),
];

/// The new organisation of the plan, with vacant posts and the new functieboek.
pub fn new() -> Result<Design> {
    Ok(build_new(false)?.build()?)
}

/// The what-if variant: a clustermanager between the hoofd Uitvoering Fysiek and
/// two of its teammanagers, a fifth management layer the plan rules out.
pub fn new_five_layers() -> Result<Design> {
    Ok(build_new(true)?.build()?)
}

fn build_new(fifth_layer: bool) -> Result<DesignBuilder> {
    let sets: [&[F]; 3] = [BOTH, NEW_MINOR, NEW_ONLY];
    let name = if fifth_layer {
        "Almelo 2018, what-if: a fifth management layer in Uitvoering Fysiek (structure from the seed; staffing synthetic)"
    } else {
        "Almelo 2018: Voor Stad en Resultaat (structure from the seed; staffing synthetic)"
    };
    let mut b = DesignBuilder::new(name);
    add_functions(&mut b, &sets);
    let end2 = date(2020, 6, 30);
    let km_from = date(2018, 4, 1);
    let km_end = date(2020, 3, 31);
    let sal = |s: u8| salary(s, INDEX);

    b.unit("directie", "Directie", UnitKind::Directie).head("algemeen-directeur").kernopdracht(
        "steers the whole organisation as one team on the tasks the council and college set, guards coherence and gives clear assignments to programmes, districts and the line",
    );
    b.post("algemeen-directeur", "Gemeentesecretaris / algemeen directeur", "algemeen-directeur")
        .unit("directie")
        .function("F-GS")
        .scale(17)
        .salary(sal(17));
    for i in 1..=2 {
        b.post(&format!("adjunct-directeur-{i}"), "Adjunct-directeur", "adjunct-directeur")
            .unit("directie")
            .reports_to("algemeen-directeur")
            .function("F-ADJ")
            .scale(16)
            .salary(sal(16));
    }
    for (key, name, adjunct, work) in NEW_EENHEDEN {
        let head = format!("hoofd-{key}");
        let kind = if *key == "adviespool" { UnitKind::Pool } else { UnitKind::Eenheid };
        b.unit(key, name, kind).parent("directie").head(&head).kernopdracht(work);
        b.post(&head, &format!("Hoofd {name}"), "hoofd")
            .unit(key)
            .reports_to(adjunct)
            .function("F-HOOFD")
            .scale(14)
            .salary(sal(14));
    }
    // SVC is steered by a teammanager directly under the directie.
    b.unit("svc", "Strategie, Veiligheid en Communicatie", UnitKind::Eenheid)
        .parent("directie")
        .head("teammanager-svc")
        .kernopdracht("the strategic unit: reads trends, sets priority themes, develops the corporate course and supports the executive, directly under the directie");
    b.post("teammanager-svc", "Teammanager Strategie, Veiligheid en Communicatie", "teammanager")
        .unit("svc")
        .reports_to("adjunct-directeur-1")
        .function("F-TM")
        .scale(12)
        .salary(sal(12));

    // Kwartiermakers for Bedrijfsvoering and SVC.
    for (unit_key, name, manager, goal) in [
        (
            "bedrijfsvoering",
            "Bedrijfsvoering",
            "adjunct-directeur-2",
            "design the set-up and working methods of the new business-operations unit and start its renewal, drawing on the 2017 review of information management",
        ),
        (
            "svc",
            "Strategie, Veiligheid en Communicatie",
            "adjunct-directeur-1",
            "design the set-up and working methods of the new strategic unit and start the renewal of its work processes",
        ),
    ] {
        let key = format!("kwartiermaker-{unit_key}");
        b.post(&key, &format!("Kwartiermaker {name}"), "kwartiermaker")
            .unit(unit_key)
            .reports_to(manager)
            .accountable_to(unit("directie"))
            .function("F-KM")
            .scale(13)
            .salary(sal(13))
            .temporary()
            .valid(Some(km_from), Some(km_end));
        b.assignment(&format!("inrichting-{unit_key}"), SteeringKind::Development, &key, unit(unit_key))
            .principal(unit("directie"))
            .escalation(unit("directie"))
            .goal(goal)
            .valid(Some(km_from), Some(km_end));
    }

    // The independent concerncontroller: placed in Bedrijfsvoering, direct line to the top.
    b.post("concerncontroller", "Concerncontroller", "concerncontroller")
        .unit("bedrijfsvoering")
        .reports_to("algemeen-directeur")
        .function("F-CTRL")
        .independent()
        .scale(14)
        .salary(sal(14));
    // The CISO: placed in ICT, a direct line to the directie as well.
    b.post("ciso", "CISO", "medewerker")
        .unit("ict")
        .reports_to("adjunct-directeur-2")
        .function("F-CISO")
        .independent()
        .scale(11)
        .salary(sal(11));

    // Adviespool: two temporary teammanagers for the first two years, advisers under them.
    for i in 1..=2 {
        let tm = format!("teammanager-adviespool-{i}");
        b.post(&tm, &format!("Teammanager Adviespool {i} (tijdelijk)"), "teammanager-tijdelijk")
            .unit("adviespool")
            .reports_to("hoofd-adviespool")
            .function("F-TM")
            .scale(12)
            .salary(sal(12))
            .temporary()
            .valid(Some(START), Some(end2));
        let mut n = 0;
        for (function, count) in POOL {
            let scale = scale_of(function, &sets);
            let title = if *function == "F-ADVP" { "Adviseur Adviespool" } else { "Beleidsondersteuner" };
            for _ in 0..*count {
                n += 1;
                // After the teammanagers' two years the hoofd leads the pool
                // (plan 6.1: the pool gets a hoofd; the teammanagers are for
                // the first two years only).
                b.post(&format!("syn-adviespool-{i}-{n:02}"), title, "adviseur")
                    .unit("adviespool")
                    .reports_to_during(&tm, None, Some(end2))
                    .reports_to_during("hoofd-adviespool", end2.tomorrow().ok(), None)
                    .function(function)
                    .scale(scale)
                    .salary(sal(scale));
            }
        }
    }
    for i in 1..=4 {
        b.post(&format!("syn-concernprojectleider-{i}"), "Concernprojectleider", "adviseur")
            .unit("adviespool")
            .reports_to("hoofd-adviespool")
            .function("F-CPL")
            .scale(11)
            .salary(sal(11));
    }

    // Programmes: the directie is principal, the programmamanager in the pool the agent.
    for (key, name, pm, end, targets, goal) in PROGRAMMES {
        b.unit(key, name, UnitKind::Programme).head(pm).valid(Some(START), Some(*end));
        b.post(pm, &format!("Programmamanager {}", name.trim_start_matches("Programma ")), "programmamanager")
            .unit("adviespool")
            .reports_to("hoofd-adviespool")
            .accountable_to(unit("directie"))
            .function("F-PM")
            .scale(13)
            .salary(sal(13))
            .temporary()
            .valid(Some(START), Some(*end));
        for t in *targets {
            b.assignment(&format!("{key}-{t}"), SteeringKind::Programme, pm, unit(t))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal(goal)
                .mandate("asks capacity of the unit within the programme plan the directie approved")
                .valid(Some(START), Some(*end));
        }
    }
    // Districts: a wijkmanager per district with a yearly district assignment.
    for (key, name) in DISTRICTS {
        let wm = format!("wijkmanager-{}", key.trim_start_matches("syn-wijk-"));
        b.unit(key, &format!("Stadsdeel {name} (synthetisch)"), UnitKind::Area).head(&wm);
        b.post(&wm, &format!("Wijkmanager {name}"), "wijkmanager")
            .unit("adviespool")
            .reports_to("hoofd-adviespool")
            .accountable_to(unit("directie"))
            .function("F-WIJKM")
            .scale(10)
            .salary(sal(10));
        for t in ["uitvoering-fysiek", "uitvoering-sociaal"] {
            b.assignment(&format!("wijkopgave-{}-{t}", key.trim_start_matches("syn-wijk-")), SteeringKind::Area, &wm, unit(t))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal(&format!("carry out the first yearly district assignment for {name}, built on a factual analysis of the district and the residents' own initiatives"))
                .mandate("commissions district projects and the yearly tasks of the line in the district")
                .valid(Some(START), Some(date(2019, 6, 30)));
        }
    }
    // Process owners across the three execution units. They answer to an
    // adjunct-directeur rather than to the hoofd of their own unit, so that a
    // conflict between a process and a line meets in the directie (a choice:
    // the plan does not say whom they report to).
    for (key, title, at, manager, targets, goal) in PROCESS_OWNERS {
        b.post(key, title, "proceseigenaar")
            .unit(at)
            .reports_to(manager)
            .accountable_to(unit("directie"))
            .function("F-PE")
            .scale(12)
            .salary(sal(12));
        for t in *targets {
            b.assignment(&format!("{key}-{t}"), SteeringKind::Process, key, unit(t))
                .principal(unit("directie"))
                .escalation(unit("directie"))
                .goal(goal)
                .valid(Some(START), Some(date(2020, 6, 30)));
        }
    }

    // Teams with their teammanagers and staff posts (vacant: the transition fills them).
    if fifth_layer {
        b.post("clustermanager-buitendienst", "Clustermanager Buitendienst (what-if)", "teammanager")
            .unit("uitvoering-fysiek")
            .reports_to("hoofd-uitvoering-fysiek")
            .function("F-TM")
            .scale(13)
            .salary(sal(13));
    }
    for t in NEW_TEAMS {
        let in_svc = t.parent == "svc";
        // SVC's two parts have no teammanager of their own: the SVC teammanager leads both.
        let lead = if in_svc { "teammanager-svc".to_owned() } else { format!("teammanager-{}", t.key) };
        b.unit(t.key, t.name, UnitKind::Team).parent(t.parent).head(&lead).kernopdracht(t.work);
        if !in_svc {
            let manager = if fifth_layer && matches!(t.key, "beheer-openbare-ruimte" | "groen-noord" | "groen-zuid") {
                "clustermanager-buitendienst".to_owned()
            } else {
                format!("hoofd-{}", t.parent)
            };
            b.post(&lead, &format!("Teammanager {}", t.name.trim_start_matches("Team ")), "teammanager")
                .unit(t.key)
                .reports_to(&manager)
                .function("F-TM")
                .scale(12)
                .salary(sal(12));
        }
        let mut n = 0;
        for (function, count) in t.staff {
            let scale = scale_of(function, &sets);
            let title =
                sets.iter().flat_map(|s| s.iter()).find(|x| x.key == *function).map_or("Medewerker", |x| x.title);
            let role = if *function == "F-ACCM" { "accountmanager" } else { "medewerker" };
            for _ in 0..*count {
                n += 1;
                b.post(&format!("syn-{}-{n:02}", t.key), title, role)
                    .unit(t.key)
                    .reports_to(&lead)
                    .function(function)
                    .scale(scale)
                    .salary(sal(scale));
            }
        }
    }
    Ok(b)
}
