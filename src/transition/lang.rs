//! The languages of the personele-gevolgen report and its message catalogue.
//!
//! The report's text, Markdown and CSV are written in Dutch by default (the works council,
//! the unions and every employee read Dutch) and in English on request; the JSON contract
//! is language-neutral. Every fixed word of the report lives here, once per language, in a
//! [`Words`] value: a struct with one field per phrase, so a phrase added for one language
//! and forgotten for the other does not compile. Numbers and money go through
//! [`number::Style`](crate::number::Style), the crate's one number formatter; dates through
//! [`Language::date`].
//!
//! ```
//! use harkje::transition::Language;
//!
//! assert_eq!("nl".parse::<Language>(), Ok(Language::Dutch));
//! assert_eq!(Language::default(), Language::Dutch);
//! assert_eq!(Language::Dutch.style().euros(492_000.0), "€ 492.000,00");
//! assert_eq!(Language::English.style().euros(492_000.0), "€ 492,000.00");
//! assert_eq!(Language::Dutch.date(jiff::civil::date(2018, 7, 1)), "1 juli 2018");
//! assert_eq!(Language::English.date(jiff::civil::date(2018, 7, 1)), "2018-07-01");
//! ```

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

use super::diff::Action;
use super::statute::Statute;
use crate::number::Style;

/// The language of a report written for people (text, Markdown, CSV).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Dutch (`nl`): decimal comma, `€ 492.000,00`, `1 juli 2018`; the CSV for Dutch Excel
    /// (`;`, a byte-order mark). The default.
    #[default]
    Dutch,
    /// English (`en`): decimal point, `€ 492,000.00`, ISO dates; the CSV with commas, for
    /// programs.
    English,
}

impl Language {
    /// Every language, in the order of their codes' documentation.
    pub const ALL: [Language; 2] = [Language::Dutch, Language::English];

    /// The ISO 639-1 code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Dutch => "nl",
            Language::English => "en",
        }
    }

    /// The number conventions of the language.
    pub fn style(self) -> Style {
        match self {
            Language::Dutch => Style::Dutch,
            Language::English => Style::English,
        }
    }

    /// A finding's severity as the report writes it: `fout`, `waarschuwing`, `info` in
    /// Dutch; `error`, `warning`, `info` in English.
    pub fn severity(self, severity: crate::diagnostic::Severity) -> String {
        match self {
            Language::English => severity.to_string(),
            Language::Dutch => match severity {
                crate::diagnostic::Severity::Error => "fout".to_owned(),
                crate::diagnostic::Severity::Warning => "waarschuwing".to_owned(),
                other => other.to_string(),
            },
        }
    }

    /// A day as the language writes it in prose: `1 juli 2018`, or `2018-07-01` in English
    /// (unambiguous for every English reader).
    pub fn date(self, d: Date) -> String {
        const MONTHS: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        match self {
            Language::English => d.to_string(),
            Language::Dutch => {
                let month = usize::try_from(d.month()).ok().and_then(|m| MONTHS.get(m.wrapping_sub(1)));
                format!("{} {} {}", d.day(), month.copied().unwrap_or_default(), d.year())
            }
        }
    }

    /// The fixed words of the report.
    pub(crate) fn words(self) -> &'static Words {
        match self {
            Language::Dutch => &DUTCH,
            Language::English => &ENGLISH,
        }
    }

    /// What happens to a unit, as the language says it.
    pub(crate) fn action(self, a: Action) -> &'static str {
        match self {
            Language::English => a.as_str(),
            Language::Dutch => match a {
                Action::Unchanged => "ongewijzigd",
                Action::New => "nieuw",
                Action::Changed => "gewijzigd",
                Action::Moved => "verplaatst",
                Action::Closed => "opgeheven",
            },
        }
    }

    /// The statute's parameters as a list: `drempel 30%, car-uwo, afspiegeling, ...`.
    pub(crate) fn statute_terms(self, st: &Statute) -> String {
        let w = self.words();
        let s = self.style();
        let mut terms = match self {
            Language::Dutch => format!(
                "{} {}, {}, {}, ten hoogste {} {} lager, scholing ten hoogste {} maanden",
                w.threshold,
                s.percent(st.threshold),
                st.regime.as_str(),
                st.selection.as_str(),
                st.max_scale_drop,
                if st.max_scale_drop == 1 { "schaal" } else { "schalen" },
                st.training_months
            ),
            Language::English => format!(
                "{} {}, {}, {}, max scale drop {}, training {} months",
                w.threshold,
                s.percent(st.threshold),
                st.regime.as_str(),
                st.selection.as_str(),
                st.max_scale_drop,
                st.training_months
            ),
        };
        if st.geschikt_requires_consent {
            terms.push_str(", ");
            terms.push_str(w.geschikt_needs_consent);
        }
        terms
    }

    /// `yes` or `no`.
    pub(crate) fn yes_no(self, b: bool) -> &'static str {
        let w = self.words();
        if b { w.yes } else { w.no }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not `nl` or `en`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`; expected `nl` or `en`")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownLanguage(s.to_owned()))
    }
}

/// The fixed words of the report in one language. One field per phrase; the renderers in
/// `report.rs` put numbers, keys and names between them.
pub(crate) struct Words {
    pub statute: &'static str,
    pub threshold: &'static str,
    pub geschikt_needs_consent: &'static str,
    pub reference_date: &'static str,
    pub not_set: &'static str,
    pub pseudonymised: &'static str,
    pub establishment_heading: &'static str,
    pub establishment_legend: &'static str,
    pub total: &'static str,
    pub functions_heading: &'static str,
    pub functions_legend: &'static str,
    pub change: &'static str,
    pub none: &'static str,
    pub computed: &'static str,
    pub mapping: &'static str,
    pub employees_heading: &'static str,
    pub scale: &'static str,
    /// Before the new function of a passend or geschikt employee's line: `als F-HRA`.
    pub as_function: &'static str,
    pub salary_guarantee: &'static str,
    pub vacancies_heading: &'static str,
    pub vacancies_none: &'static str,
    pub vacant_in: &'static str,
    pub interested: &'static str,
    pub nobody: &'static str,
    pub totals_heading: &'static str,
    pub employees: &'static str,
    pub employee: &'static str,
    pub salary_guarantees: &'static str,
    pub nobody_redundant: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub payroll_heading: &'static str,
    pub payroll_legend: &'static str,
    pub old: &'static str,
    pub new: &'static str,
    pub savings: &'static str,
    pub extra_cost: &'static str,
    pub without_salary: &'static str,
    pub savings_target: &'static str,
    pub of_old_payroll: &'static str,
    pub met: &'static str,
    pub missed: &'static str,
    pub procedure_heading: &'static str,
    /// Said instead of "no findings" when the input gives no procedure dates.
    pub procedure_not_checked: &'static str,
    pub no_findings: &'static str,
    // Markdown column headings.
    pub md_unit: &'static str,
    pub md_action: &'static str,
    pub md_establishment: [&'static str; 6],
    pub md_functions: [&'static str; 6],
    pub md_employees: [&'static str; 8],
    pub md_vacancies: [&'static str; 5],
    pub md_totals: [&'static str; 3],
    /// The CSV header, one name per column of `TransitionReport::to_csv`
    /// (read only with the `csv` feature).
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub csv_header: [&'static str; 22],
    /// The columns added at the end of the CSV: service band and garantietoelage per year.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub csv_extra: [&'static str; 2],
    pub age: &'static str,
    pub service_years: &'static str,
    pub years: &'static str,
    pub privacy_heading: &'static str,
    pub privacy_key: &'static str,
    pub privacy_fields: &'static str,
    pub privacy_passes: &'static str,
    pub disclosure_legend: &'static str,
    pub disclosure_fields: [&'static str; 4],
    pub disclosure_counts: [&'static str; 3],
    pub cells_suppressed: &'static str,
    pub rows_suppressed: &'static str,
    pub fte_band: &'static str,
    pub help: &'static str,
    pub privacy_warning: &'static str,
    pub people: &'static str,
    pub person: &'static str,
    pub timeline: [&'static str; 4],
    pub follows_advice: &'static str,
    pub against_advice: &'static str,
    pub abolished_functions: &'static str,
    pub abolished_posts: &'static str,
    pub costs_heading: &'static str,
    pub costs_legend: &'static str,
    pub payroll_change: &'static str,
    pub guarantees_line: &'static str,
    pub per_year: &'static str,
    pub vwnw_line: &'static str,
    pub once: &'static str,
    pub unknown_not_counted: &'static str,
    pub first_year: &'static str,
    pub committee_heading: &'static str,
    pub committee_intro: &'static str,
    pub committee_none: &'static str,
    pub vacant_fte: &'static str,
    pub no_candidates: &'static str,
    pub md_committee: [&'static str; 5],
    pub md_privacy: [&'static str; 6],
    pub placed_here: &'static str,
    pub placed_elsewhere: &'static str,
    pub not_placed: &'static str,
}

const DUTCH: Words = Words {
    statute: "sociaal statuut",
    threshold: "drempel",
    geschikt_needs_consent: "geschikt alleen met instemming",
    reference_date: "peildatum",
    not_set: "niet opgegeven",
    pseudonymised: "gepseudonimiseerd",
    establishment_heading: "Formatie",
    establishment_legend: "fte: totaal / bezet / vacant, oud → nieuw",
    total: "totaal",
    functions_heading: "Functies, was → wordt",
    functions_legend: "wijziging = deel van het oude takengewicht dat niet terugkomt",
    change: "wijziging",
    none: "geen",
    computed: "berekend",
    mapping: "vastgesteld",
    employees_heading: "Medewerkers",
    scale: "schaal",
    as_function: "als",
    salary_guarantee: "salarisgarantie",
    vacancies_heading: "Vacatures",
    vacancies_none: "geen",
    vacant_in: "fte vacant in",
    interested: "belangstelling",
    nobody: "niemand",
    totals_heading: "Totalen",
    employees: "medewerkers",
    employee: "medewerker",
    salary_guarantees: "salarisgaranties",
    nobody_redundant: "niemand boventallig",
    yes: "ja",
    no: "nee",
    payroll_heading: "Loonsom",
    payroll_legend: "salaris × fte van de formatie, per jaar",
    old: "oud",
    new: "nieuw",
    savings: "besparing",
    extra_cost: "meerkosten",
    without_salary: "formatieplaatsen zonder salaris, niet meegeteld",
    savings_target: "besparingsdoel",
    of_old_payroll: "van de oude loonsom",
    met: "gehaald",
    missed: "niet gehaald",
    procedure_heading: "Procedure",
    procedure_not_checked: "niet getoetst: het transitiebestand geeft geen procedurestappen ([procedure]: adviesaanvraag, advies, besluit, plaatsingsdatum)",
    no_findings: "geen bevindingen",
    md_unit: "eenheid",
    md_action: "wat er gebeurt",
    md_establishment: ["fte oud", "bezet oud", "vacant oud", "fte nieuw", "bezet nieuw", "vacant nieuw"],
    md_functions: ["oude functie", "nieuwe functie", "overlap", "wijziging", "status", "grondslag"],
    md_employees: [
        "medewerker",
        "leeftijdscategorie",
        "oude formatieplaats",
        "uitkomst",
        "nieuwe formatieplaats",
        "schaal",
        "salarisgarantie",
        "redenen",
    ],
    md_vacancies: ["functie", "status", "vacant fte", "formatieplaatsen", "belangstelling"],
    md_totals: ["uitkomst", "medewerkers", "fte"],
    csv_header: [
        "medewerker",
        "naam",
        "geboortedatum",
        "leeftijdscategorie",
        "in dienst sinds",
        "fte",
        "oude formatieplaats",
        "oude eenheid",
        "oude functie",
        "oude schaal",
        "functiestatus",
        "overlap",
        "uitkomst",
        "nieuwe formatieplaats",
        "nieuwe eenheid",
        "nieuwe functie",
        "nieuwe schaal",
        "schaalverschil",
        "salarisgarantie",
        "vwnw maanden",
        "plaatsingsdatum",
        "redenen",
    ],
    csv_extra: ["diensttijd (jaren)", "garantietoelage per jaar"],
    age: "leeftijd",
    service_years: "diensttijd",
    years: "jaar",
    privacy_heading: "Privacy (AVG)",
    privacy_key: "pseudoniemen met een geheime sleutel die HR bewaart; geen namen, geboortedata, datum van indiensttreding of exacte fte; formatieplaatsen als eenheid / functie, of ruimer waar dat iemand herkenbaar zou maken",
    privacy_fields: "getoetste gepubliceerde velden: oude plaats, nieuwe plaats, leeftijdscategorie, diensttijd, deeltijdfactor",
    privacy_passes: "elke combinatie wordt gedeeld door ten minste",
    disclosure_legend: "`eenheid`: functie en schaal weggelaten; `eenheid/*`: ergens in die eenheid of daaronder; ■: afgeschermd, omdat het iemand herkenbaar zou maken. De uitkomst staat bij iedereen, dus de totalen per uitkomst kloppen",
    disclosure_fields: ["formatieplaats", "leeftijdscategorie", "diensttijd", "deeltijdfactor"],
    disclosure_counts: ["zoals het is", "verruimd", "afgeschermd"],
    cells_suppressed: "afgeschermde cellen (■)",
    rows_suppressed: "rijen met formatieplaats en categorieën geheel afgeschermd (de uitkomst blijft staan)",
    fte_band: "deeltijd",
    help: "wat te doen",
    privacy_warning: "waarschuwing: deze combinaties worden gedeeld door minder dan",
    people: "personen",
    person: "persoon",
    timeline: ["adviesaanvraag OR", "advies OR", "besluit", "plaatsingsdatum"],
    follows_advice: "volgt het advies",
    against_advice: "wijkt af van het advies",
    abolished_functions: "opgeheven functies",
    abolished_posts: "opgeheven formatieplaatsen",
    costs_heading: "Kosten",
    costs_legend: "alles wat de reorganisatie kost, niet alleen de loonsom",
    payroll_change: "loonsom",
    guarantees_line: "garantietoelagen",
    per_year: "per jaar",
    vwnw_line: "van werk naar werk (salaris tijdens de periode)",
    once: "eenmalig",
    unknown_not_counted: "onbekend, niet meegeteld",
    first_year: "totaal in het eerste jaar",
    committee_heading: "Plaatsingsadviescommissie",
    committee_intro: "Per vacature de kandidaten in de volgorde van het sociaal statuut (langste diensttijd eerst, dan de oudste, dan op sleutel), met de plaats van de functie in hun voorkeuren en waarom zij de functie wel of niet kregen. Functievolgers volgen hun eigen werk en zijn geen kandidaat.",
    committee_none: "geen vacatures: niemand is herplaatst en geen formatieplaats is vacant",
    vacant_fte: "fte vacant",
    no_candidates: "vacatures zonder kandidaten (niemand die herplaatst moest worden is daar geplaatst of heeft erom gevraagd)",
    md_committee: ["#", "kandidaat", "voorkeur", "uitkomst", "waarom"],
    md_privacy: [
        "oude plaats",
        "nieuwe plaats",
        "leeftijdscategorie",
        "diensttijd (jaren)",
        "deeltijdfactor",
        "personen",
    ],
    placed_here: "hier geplaatst",
    placed_elsewhere: "elders geplaatst, in",
    not_placed: "niet geplaatst",
};

const ENGLISH: Words = Words {
    statute: "statute",
    threshold: "threshold",
    geschikt_needs_consent: "geschikt needs consent",
    reference_date: "reference date",
    not_set: "not set",
    pseudonymised: "pseudonymised",
    establishment_heading: "Establishment",
    establishment_legend: "FTE: total / occupied / vacant",
    total: "total",
    functions_heading: "Functions, was → wordt",
    functions_legend: "change = share of the old task weight that does not recur",
    change: "change",
    none: "none",
    computed: "computed",
    mapping: "mapping",
    employees_heading: "Employees",
    scale: "scale",
    as_function: "as",
    salary_guarantee: "salary guarantee",
    vacancies_heading: "Vacancies",
    vacancies_none: "none",
    vacant_in: "FTE vacant in",
    interested: "interested",
    nobody: "nobody",
    totals_heading: "Totals",
    employees: "employees",
    employee: "employee",
    salary_guarantees: "salary guarantees",
    nobody_redundant: "nobody redundant",
    yes: "yes",
    no: "no",
    payroll_heading: "Payroll",
    payroll_legend: "salary × FTE of the establishment, per year",
    old: "old",
    new: "new",
    savings: "savings",
    extra_cost: "extra cost",
    without_salary: "posts without a salary, not counted",
    savings_target: "savings target",
    of_old_payroll: "of the old payroll",
    met: "met",
    missed: "missed",
    procedure_heading: "Procedure",
    procedure_not_checked: "not checked: the transition input gives no procedure steps ([procedure]: advice requested, advice given, decision, placement date)",
    no_findings: "no findings",
    md_unit: "unit",
    md_action: "action",
    md_establishment: ["old FTE", "old occupied", "old vacant", "new FTE", "new occupied", "new vacant"],
    md_functions: ["old function", "new function", "overlap", "change", "status", "basis"],
    md_employees: ["person", "age band", "old post", "outcome", "new post", "scale", "salary guarantee", "reasons"],
    md_vacancies: ["function", "status", "vacant FTE", "posts", "interested"],
    md_totals: ["outcome", "employees", "FTE"],
    csv_header: [
        "person",
        "name",
        "birth_date",
        "age_band",
        "service_start",
        "fte",
        "old_post",
        "old_unit",
        "old_function",
        "old_scale",
        "function_status",
        "overlap",
        "outcome",
        "new_post",
        "new_unit",
        "new_function",
        "new_scale",
        "scale_change",
        "salary_guarantee",
        "vwnw_months",
        "placement_date",
        "reasons",
    ],
    csv_extra: ["service_band", "salary_guarantee_per_year"],
    age: "age",
    service_years: "service",
    years: "years",
    privacy_heading: "Privacy (GDPR)",
    privacy_key: "pseudonyms keyed with a secret key that HR keeps; no names, birth dates, first days of service or exact FTE; posts as unit / function, or wider where that would single someone out",
    privacy_fields: "published fields checked: old post, new post, age band, service band, FTE band",
    privacy_passes: "every combination is shared by at least",
    disclosure_legend: "`unit`: function and scale withheld; `unit/*`: somewhere in that unit or below; ■: withheld, since it would single someone out. Everyone's outcome is shown, so the totals per outcome add up",
    disclosure_fields: ["post", "age band", "service band", "FTE band"],
    disclosure_counts: ["as they are", "generalised", "withheld"],
    cells_suppressed: "cells withheld (■)",
    rows_suppressed: "rows with post and bands all withheld (the outcome stays)",
    fte_band: "FTE",
    help: "help",
    privacy_warning: "warning: these combinations are shared by fewer than",
    people: "people",
    person: "person",
    timeline: ["OR advice requested", "OR advice given", "decision", "placement date"],
    follows_advice: "follows the advice",
    against_advice: "departs from the advice",
    abolished_functions: "functions abolished",
    abolished_posts: "posts abolished",
    costs_heading: "Cost",
    costs_legend: "everything the transition costs, not only the payroll",
    payroll_change: "payroll",
    guarantees_line: "salary guarantees",
    per_year: "per year",
    vwnw_line: "van-werk-naar-werk (salary during the period)",
    once: "once",
    unknown_not_counted: "unknown, not counted",
    first_year: "total in the first year",
    committee_heading: "Placement advisory committee",
    committee_intro: "Per vacancy the candidates in the statute's order (longest service first, then the older, then by key), with the rank of the function in their preferences and why they did or did not get it. Functievolgers follow their own work and are not candidates.",
    committee_none: "no vacancies: nobody was re-placed and no post is vacant",
    vacant_fte: "FTE vacant",
    no_candidates: "vacancies without candidates (nobody to re-place was placed there or asked for them)",
    md_committee: ["#", "candidate", "preference", "outcome", "why"],
    md_privacy: ["old post", "new post", "age band", "service (years)", "FTE band", "people"],
    placed_here: "placed here",
    placed_elsewhere: "placed elsewhere, in",
    not_placed: "not placed",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for l in Language::ALL {
            assert_eq!(l.code().parse::<Language>(), Ok(l));
            assert_eq!(l.to_string(), l.code());
        }
        assert_eq!("NL".parse::<Language>(), Ok(Language::Dutch));
        assert_eq!(
            "de".parse::<Language>().map_err(|e| e.to_string()),
            Err("unknown language `de`; expected `nl` or `en`".into())
        );
    }

    #[test]
    fn dutch_dates_name_the_month() {
        assert_eq!(Language::Dutch.date(jiff::civil::date(2024, 1, 31)), "31 januari 2024");
        assert_eq!(Language::Dutch.date(jiff::civil::date(2024, 12, 1)), "1 december 2024");
    }
}
