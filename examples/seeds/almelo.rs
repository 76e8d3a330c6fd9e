//! Almelo, "Voor Stad en Resultaat" (seed: `almelo-2018-voor-stad-en-resultaat.txt`).
//!
//! Three files: the old sector organisation with a synthetic staff list
//! (`old.json`), the new organisation of the plan with its functieboek and
//! vacant posts (`new.json`), and a what-if variant with a fifth management
//! layer (`new-five-layers.json`).
//!
//! Mens volgt werk, as the plan says (7.3): every current function returns
//! (three with a small change under the 30% threshold), every staff post goes
//! on under its own key and FTE in the unit that takes over its work, and only
//! the sector director's function changes (into the hoofd's). The new functions
//! are the plan's: adjunct-directeur, programmamanager, wijkmanager, and the
//! kwartiermakers and process owners.

use harkje::{Date, date};
use harkje::{Design, DesignBuilder, PartyKind, SteeringKind, TargetKey, UnitKind};

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
    f(
        "F-TM",
        "Teammanager",
        12,
        &[
            ("team integraal leiden", 4.0),
            ("medewerkers coachen en ontwikkelen", 2.0),
            ("personeelszaken", 2.0),
            ("teambudget beheren", 2.0),
        ],
    ),
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
    f(
        "F-KRO",
        "Medewerker kaders, regie en ondersteuning",
        8,
        &[("beheerkaders opstellen", 4.0), ("beheerplanning ondersteunen", 3.0), ("kadernota's coördineren", 3.0)],
    ),
    f("F-NOT", "Notulist", 6, &[("raadsvergaderingen notuleren", 6.0), ("besluitenlijsten bijhouden", 4.0)]),
    f(
        "F-SDC",
        "Stadsdeelcoördinator",
        10,
        &[
            ("stadsdeel coördineren", 4.0),
            ("bewonersinitiatieven ondersteunen", 3.0),
            ("netwerk in het stadsdeel onderhouden", 3.0),
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

/// Functions only in the old functieboek: the sector director's, which changes
/// into the hoofd's (80% changed: the sectors go, integral management stays).
const OLD_ONLY: &[F] = &[f(
    "F-SECDIR",
    "Sectordirecteur",
    15,
    &[("sector aansturen", 5.0), ("sectorplan opstellen", 3.0), ("integraal management voeren", 2.0)],
)];

/// Functions only in the new functieboek.
const NEW_ONLY: &[F] = &[
    // Plan 8.2: a new function, none of whose tasks existed before (the
    // stadsdeelcoördinator keeps their own function).
    f(
        "F-WIJKM",
        "Wijkmanager",
        11,
        &[
            ("wijkopgaven aan het college voorleggen", 2.0),
            ("wijkopgaven met mandaat uitvoeren", 3.0),
            ("wijkontwikkelingen lokaliseren en regisseren", 3.0),
            ("opdrachtgever voor wijkprojecten", 2.0),
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
        "Sector Dienstverlening en Bedrijfsvoering (synthetisch)",
        "customer contact, internal services and the executive support",
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
        "Economische Zaken (accountmanagers)",
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

/// Old units led by their sector director, without a teammanager of their own.
const SECTOR_LED: &[&str] = &["stadsdeelcoordinatie", "economische-zaken"];

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
        if matches!(function, "F-GS" | "F-SECDIR" | "F-CTRL" | "F-TM") {
            e.fte = 1.0;
        }
        if rng.below(40) != 0 {
            appoint(b, &e, post, scale, &[]);
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
        // Stadsdeelcoördinatie stands beside the line (plan 1, 4.2) and the
        // account managers form no team of their own: their sector director
        // leads them (a synthetic choice).
        let own_manager = !SECTOR_LED.contains(key);
        let tm = if own_manager { format!("teammanager-{key}") } else { format!("directeur-{sector}") };
        b.unit(key, name, UnitKind::Team).parent(sector).head(&tm).kernopdracht(work);
        if own_manager {
            let fte = fill(&mut b, &mut rng, &tm, "F-TM");
            b.post(&tm, &format!("Teammanager {}", name.trim_start_matches("Team ")), "teammanager")
                .unit(key)
                .reports_to(&format!("directeur-{sector}"))
                .function("F-TM")
                .scale(12)
                .salary(salary(12, INDEX))
                .fte(fte);
        }
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

/// Who leads a team of the new organisation in the line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// A teammanager of its own (`teammanager-<key>`).
    Teammanager,
    /// The hoofd of its eenheid: the plan names no teammanager (the Ondernemersteam).
    Hoofd,
    /// SVC's two parts: the teammanager SVC (the Strategie part answers to the
    /// kwartiermaker SVC until the end of its term).
    Svc,
}

/// A team of the new organisation: key, name, parent, kernopdracht, who leads it.
struct NewTeam {
    key: &'static str,
    name: &'static str,
    parent: &'static str,
    work: &'static str,
    lead: Lead,
}

const fn nt(key: &'static str, name: &'static str, parent: &'static str, work: &'static str, lead: Lead) -> NewTeam {
    NewTeam { key, name, parent, work, lead }
}

/// The four eenheden under a hoofd (plan 5): key, name, the adjunct-directeur it
/// answers to, kernopdracht. Bedrijfsvoering and SVC get a kwartiermaker instead.
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
];

const NEW_TEAMS: &[NewTeam] = &[
    nt(
        "ondernemersteam",
        "Ondernemersteam",
        "adviespool",
        "front office for businesses: directs the whole range of work-related services",
        Lead::Hoofd,
    ),
    nt("klantcontact", "Team Klantcontact", "kcc", "answers residents' questions on every channel", Lead::Teammanager),
    nt(
        "burgerzaken",
        "Team Burgerzaken",
        "kcc",
        "travel documents, licences and the population register",
        Lead::Teammanager,
    ),
    nt(
        "inwoners-en-zorg",
        "Team Inwoners en Zorg",
        "kcc",
        "the Wmo counter: first contact for care questions",
        Lead::Teammanager,
    ),
    nt(
        "vth",
        "Team Vergunningverlening, Toezicht en Handhaving",
        "kcc",
        "permits, supervision and enforcement until the regional service takes over",
        Lead::Teammanager,
    ),
    nt("werk", "Team Werk", "uitvoering-sociaal", "reintegration and service to employers", Lead::Teammanager),
    nt("inkomen", "Team Inkomen", "uitvoering-sociaal", "benefits and their administration", Lead::Teammanager),
    nt("zorg", "Team Zorg", "uitvoering-sociaal", "care and support under the Wmo", Lead::Teammanager),
    nt(
        "sociale-wijkteams",
        "Sociale Wijkteams",
        "uitvoering-sociaal",
        "the social district teams of the Stichting Sociale Wijkteams Almelo, brought inside the organisation (plan 6.5); their staff come from the foundation, not from this staff list",
        Lead::Hoofd,
    ),
    nt(
        "beheer-openbare-ruimte",
        "Team Beheer Openbare Ruimte",
        "uitvoering-fysiek",
        "maintenance and design of streets and public space",
        Lead::Teammanager,
    ),
    nt(
        "ingenieursdiensten",
        "Team Ingenieursdiensten",
        "uitvoering-fysiek",
        "civil engineering projects",
        Lead::Teammanager,
    ),
    nt(
        "groen-noord",
        "Team Groen Noord",
        "uitvoering-fysiek",
        "hands-on care of parks and trees, northern half",
        Lead::Teammanager,
    ),
    nt(
        "groen-zuid",
        "Team Groen Zuid",
        "uitvoering-fysiek",
        "hands-on care of parks and trees, southern half",
        Lead::Teammanager,
    ),
    nt(
        "afval-verkeer-boa",
        "Team Afval, Verkeer en BOA's",
        "uitvoering-fysiek",
        "waste, traffic expertise and enforcement officers on the street",
        Lead::Teammanager,
    ),
    nt("financien", "Team Financiën", "bedrijfsvoering", "budget, accounts and financial advice", Lead::Teammanager),
    nt(
        "control-en-audit",
        "Team Control en Audit",
        "bedrijfsvoering",
        "management reporting and internal control",
        Lead::Teammanager,
    ),
    nt(
        "csi",
        "Team CSI (contracten, subsidies en inkoop)",
        "bedrijfsvoering",
        "contracts, grants and purchasing",
        Lead::Teammanager,
    ),
    nt("hrm", "Team HRM", "bedrijfsvoering", "personnel advice and administration", Lead::Teammanager),
    nt("ict", "Team ICT", "bedrijfsvoering", "applications, networks and information security", Lead::Teammanager),
    nt(
        "informatiebeheer-bi-geo",
        "Team Informatiebeheer/Business Intelligence/Geo",
        "bedrijfsvoering",
        "records, dashboards and geo-information",
        Lead::Teammanager,
    ),
    nt(
        "facilities",
        "Team Facilities/Secretaresses/Bestuurssecretariaat",
        "bedrijfsvoering",
        "buildings, rooms, post, secretaries for the teams and executive support",
        Lead::Teammanager,
    ),
    nt(
        "vastgoed-en-grondexploitatie",
        "Team Vastgoed en Grondexploitatie",
        "bedrijfsvoering",
        "municipal property and land development",
        Lead::Teammanager,
    ),
    nt(
        "bestuursondersteuning-en-veiligheid",
        "Bestuursondersteuning en Veiligheid",
        "svc",
        "advice and support for the executive: communication, safety, executive and legal affairs",
        Lead::Svc,
    ),
    nt(
        "strategie",
        "Strategie",
        "svc",
        "strategy: trends, the corporate course, planning and control direction and partnerships",
        Lead::Svc,
    ),
];

/// Where an old staff post's work goes on (plan 6.1 to 6.6): the new unit for a
/// post of `function` in `old_team`, numbered `n` within that team. The plan's
/// words decide where it has them (the pool's advisers, the executing staff of
/// its feeder teams landing in the execution units, the concernprojectleiders in
/// the pool, KCC taking in permits, BOA's to Uitvoering Fysiek); the splits of
/// one old team over two new ones (Werkplein, KCC, Zorg, the green tasks) are ours.
fn landing(old_team: &str, function: &str, n: usize) -> &'static str {
    match (old_team, function) {
        ("strategie-en-advies", _) | ("stadsdeelcoordinatie", _) => "adviespool",
        ("kaders-regie-ondersteuning" | "advies-en-ontwerp", "F-BELEID-FYS") => "adviespool",
        ("kaders-regie-ondersteuning", _) => "beheer-openbare-ruimte",
        ("advies-en-ontwerp", _) => "ingenieursdiensten",
        ("vastgoed-en-exploitatie", "F-CPL") => "adviespool",
        ("vastgoed-en-exploitatie", _) => "vastgoed-en-grondexploitatie",
        ("zorg", "F-WMO") if n <= 6 => "inwoners-en-zorg",
        ("zorg", _) => "zorg",
        ("werkplein", "F-WGD") => "werk",
        ("werkplein", "F-WI") if n <= 12 => "werk",
        ("werkplein", _) => "inkomen",
        ("uitvoering-groen", "F-GROEN") if n <= 13 => "groen-noord",
        ("uitvoering-groen", "F-VOORM") if n <= 28 => "groen-noord",
        ("uitvoering-groen", _) => "groen-zuid",
        ("syn-afval-en-verkeer", _) | ("regelgeving-en-handhaving", "F-BOA") => "afval-verkeer-boa",
        ("regelgeving-en-handhaving", "F-JUR") => "bestuursondersteuning-en-veiligheid",
        ("regelgeving-en-handhaving", _) => "vth",
        ("economische-zaken", _) => "ondernemersteam",
        ("kcc", "F-BZ") => "burgerzaken",
        ("kcc", _) => "klantcontact",
        ("syn-bestuurszaken", "F-STRAT") => "strategie",
        ("syn-bestuurszaken", _) => "bestuursondersteuning-en-veiligheid",
        ("csvi-csi", _) => "csi",
        ("beheer-openbare-ruimte", _) => "beheer-openbare-ruimte",
        ("ingenieursdiensten", _) => "ingenieursdiensten",
        ("financien", _) => "financien",
        ("control-en-audit", _) => "control-en-audit",
        ("hrm", _) => "hrm",
        ("ict", _) => "ict",
        ("informatiebeheer-bi-geo", _) => "informatiebeheer-bi-geo",
        _ => "facilities",
    }
}

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
/// three of its teammanagers, a fifth management layer the plan rules out.
pub fn new_five_layers() -> Result<Design> {
    Ok(build_new(true)?.build()?)
}

/// The line manager of a staff post in a new unit (the Adviespool's advisers
/// have a dated line instead, see `build_new`).
fn lead_of(unit: &str) -> String {
    match NEW_TEAMS.iter().find(|t| t.key == unit).map(|t| (t.lead, t.parent)) {
        Some((Lead::Teammanager, _)) => format!("teammanager-{unit}"),
        Some((Lead::Hoofd, parent)) => format!("hoofd-{parent}"),
        Some((Lead::Svc, _)) => "teammanager-svc".to_owned(),
        None => format!("hoofd-{unit}"),
    }
}

fn build_new(fifth_layer: bool) -> Result<DesignBuilder> {
    // Mens volgt werk: every staff post of the old design goes on under its own
    // key, function, scale and FTE in the unit that takes over its work.
    let before = old()?;
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
    let old_fte = |key: &str| before.post_by_key(key).map_or(1.0, |p| p.fte);

    b.unit("directie", "Directie", UnitKind::Directie).head("algemeen-directeur").kernopdracht(
        "steers the whole organisation as one team on the tasks the council and college set, guards coherence and gives clear assignments to programmes, districts and the line",
    );
    // The college, outside the line: the algemeen directeur is its adviser and the
    // link between bestuur and organisation (plan 8.1); programmes and district
    // assignments come from it (4.2, 8.2).
    b.party("college", "College van B&W", PartyKind::College);
    b.post("algemeen-directeur", "Gemeentesecretaris / algemeen directeur", "algemeen-directeur")
        .unit("directie")
        .accountable_to(TargetKey::Party("college".to_owned()))
        .function("F-GS")
        .scale(17)
        .salary(sal(17))
        .fte(old_fte("gemeentesecretaris"));
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
    // Bedrijfsvoering and SVC get no hoofd: a kwartiermaker sets each up (plan 6.2,
    // 6.3, 9.2). Their teams answer to the kwartiermaker for its term.
    b.unit("bedrijfsvoering", "Bedrijfsvoering", UnitKind::Eenheid).parent("directie").kernopdracht(
        "one cooperating column for all business operations and control, including municipal property and land development; set up by a kwartiermaker",
    );
    b.unit("svc", "Strategie, Veiligheid en Communicatie", UnitKind::Eenheid)
        .parent("directie")
        .kernopdracht("the strategic unit: reads trends, sets priority themes, develops the corporate course and supports the executive, directly under the directie; set up by a kwartiermaker, then led by a teammanager");
    // SVC's teammanager: the kwartiermaker sets up the unit and builds its new
    // Strategie part first; "in the near future" (plan 6.3) a teammanager leads
    // the unit, directly under the directie. Dated lines say it: the teammanager
    // leads Bestuursondersteuning en Veiligheid (the former Bestuurszaken) from
    // the start and the Strategie part too from the end of the kwartiermaker's term.
    b.post("teammanager-svc", "Teammanager Strategie, Veiligheid en Communicatie", "teammanager")
        .unit("svc")
        .reports_to("adjunct-directeur-1")
        .function("F-TM")
        .scale(12)
        .salary(sal(12));

    // Kwartiermakers for Bedrijfsvoering, SVC and the Adviespool (plan 6.2, 6.3, 9.1, 9.2).
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
        (
            "adviespool",
            "Adviespool",
            "adjunct-directeur-1",
            "with team HRM, a development and training plan for the pool's advisers and the development of principal and agent roles, from the third quarter of 2018",
        ),
    ] {
        let key = format!("kwartiermaker-{unit_key}");
        // The kwartiermaker SVC works in the part it builds.
        let at = if unit_key == "svc" { "strategie" } else { unit_key };
        b.post(&key, &format!("Kwartiermaker {name}"), "kwartiermaker")
            .unit(at)
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
        .salary(sal(14))
        .fte(old_fte("concerncontroller"));
    // The CISO: placed in ICT, a direct line to the directie as well.
    b.post("ciso", "CISO", "medewerker")
        .unit("ict")
        .reports_to("adjunct-directeur-2")
        .function("F-CISO")
        .independent()
        .scale(11)
        .salary(sal(11))
        .fte(old_fte("ciso"));

    // Adviespool: two temporary teammanagers for the first two years (plan 6.1).
    for i in 1..=2 {
        b.post(
            &format!("teammanager-adviespool-{i}"),
            &format!("Teammanager Adviespool {i} (tijdelijk)"),
            "teammanager-tijdelijk",
        )
        .unit("adviespool")
        .reports_to("hoofd-adviespool")
        .function("F-TM")
        .scale(12)
        .salary(sal(12))
        .temporary()
        .valid(Some(START), Some(end2));
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
            // The college gives the programme; the directie is its ambtelijk
            // opdrachtgever (plan 4.2, 8.2). The Omgevingswet has a gedelegeerd
            // opdrachtgever as well (9.1; which adjunct-directeur is ours).
            let a = b.assignment(&format!("{key}-{t}"), SteeringKind::Programme, pm, unit(t));
            a.principal(TargetKey::Party("college".to_owned())).delegated_to(unit("directie"));
            if *key == "programma-omgevingswet" {
                a.delegated_to(TargetKey::Post("adjunct-directeur-2".to_owned()));
            }
            a.escalation(unit("directie"))
                .goal(goal)
                .mandate("asks capacity of the unit within the programme plan the directie approved")
                .valid(Some(START), Some(*end));
        }
    }
    // The pool deploys its advisers on programmes (plan 6.1: on a job, process,
    // project or programme, by the hour, project or programme). One deployment
    // per programme, half of an adviser's time; who and how much are synthetic.
    for (key, adviser, programme, pm, end) in [
        ("syn-inzet-werk", "syn-strategie-en-advies-02", "programma-werk", "programmamanager-werk", date(2021, 6, 30)),
        (
            "syn-inzet-omgevingswet",
            "syn-advies-en-ontwerp-01",
            "programma-omgevingswet",
            "programmamanager-omgevingswet",
            date(2020, 12, 31),
        ),
        (
            "syn-inzet-toegang",
            "syn-strategie-en-advies-01",
            "programma-toegang-sociaal-domein",
            "programmamanager-toegang",
            date(2020, 6, 30),
        ),
    ] {
        b.assignment(key, SteeringKind::Other, adviser, unit(programme))
            .principal(TargetKey::Post(pm.to_owned()))
            .escalation(unit("directie"))
            .goal("advise the programme from the Adviespool, as its agent on a programme basis")
            .capacity(0.5)
            .valid(Some(START), Some(end));
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
            .scale(11)
            .salary(sal(11));
        for t in ["uitvoering-fysiek", "uitvoering-sociaal"] {
            // The wijkmanager presents the district assignment to the college and
            // then has the mandate (plan 8.2); the directie stays its principal in the line.
            b.assignment(&format!("wijkopgave-{}-{t}", key.trim_start_matches("syn-wijk-")), SteeringKind::Area, &wm, unit(t))
                .principal(TargetKey::Party("college".to_owned()))
                .delegated_to(unit("directie"))
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

    // Teams with their teammanagers.
    if fifth_layer {
        b.post("clustermanager-buitendienst", "Clustermanager Buitendienst (what-if)", "teammanager")
            .unit("uitvoering-fysiek")
            .reports_to("hoofd-uitvoering-fysiek")
            .function("F-TM")
            .scale(13)
            .salary(sal(13));
    }
    for t in NEW_TEAMS {
        let unit_draft = b.unit(t.key, t.name, UnitKind::Team);
        unit_draft.parent(t.parent).kernopdracht(t.work);
        match t.lead {
            Lead::Teammanager => {
                unit_draft.head(&format!("teammanager-{}", t.key));
            }
            Lead::Hoofd => {
                unit_draft.head(&format!("hoofd-{}", t.parent));
            }
            Lead::Svc => {}
        }
        if t.lead != Lead::Teammanager {
            continue;
        }
        let tm = format!("teammanager-{}", t.key);
        let post = b.post(&tm, &format!("Teammanager {}", t.name.trim_start_matches("Team ")), "teammanager");
        post.unit(t.key).function("F-TM").scale(12).salary(sal(12));
        if t.parent == "bedrijfsvoering" {
            // The kwartiermaker leads the set-up; after the term the teams answer
            // to the adjunct-directeur (the plan does not say who: ours).
            post.reports_to_during("kwartiermaker-bedrijfsvoering", None, Some(km_end)).reports_to_during(
                "adjunct-directeur-2",
                km_end.tomorrow().ok(),
                None,
            );
        } else if fifth_layer && matches!(t.key, "beheer-openbare-ruimte" | "groen-noord" | "groen-zuid") {
            post.reports_to("clustermanager-buitendienst");
        } else {
            post.reports_to(&format!("hoofd-{}", t.parent));
        }
    }

    // The staff posts of the old design, each in the unit that takes over its work.
    let mut pool_turn = 0usize;
    for p in before.posts().filter(|p| p.key.starts_with("syn-")) {
        let old_team = p.unit.and_then(|u| before.unit(u)).map_or("", |u| u.key.as_str());
        let function = p.function.and_then(|f| before.function(f)).map_or("", |f| f.key.as_str());
        let n: usize = p.key.rsplit('-').next().and_then(|x| x.parse().ok()).unwrap_or(0);
        let to = landing(old_team, function, n);
        let role = match (to, function) {
            (_, "F-ACCM") => "accountmanager",
            ("adviespool", _) => "adviseur",
            _ => "medewerker",
        };
        let post = b.post(&p.key, &p.title, role);
        post.unit(to).function(function).scale(p.scale.unwrap_or(8)).salary(p.salary.unwrap_or(0.0)).fte(p.fte);
        if to == "adviespool" && function != "F-CPL" {
            // The pool's advisers are shared over its two temporary teammanagers;
            // after their two years the hoofd leads the pool (plan 6.1).
            pool_turn += 1;
            let tm = format!("teammanager-adviespool-{}", 1 + pool_turn % 2);
            post.reports_to_during(&tm, None, Some(end2)).reports_to_during(
                "hoofd-adviespool",
                end2.tomorrow().ok(),
                None,
            );
        } else if to == "strategie" {
            // SVC's new strategy part is built by the kwartiermaker; after the
            // term the teammanager leads the whole unit (plan 6.3).
            post.reports_to_during("kwartiermaker-svc", None, Some(km_end)).reports_to_during(
                "teammanager-svc",
                km_end.tomorrow().ok(),
                None,
            );
        } else {
            // The concernprojectleiders answer to the hoofd of the pool.
            post.reports_to(&lead_of(to));
        }
    }
    Ok(b)
}
