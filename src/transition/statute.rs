//! The statute: the rules of a sociaal statuut (or sociaal plan) that drive a reorganisation.
//!
//! The 30% rule, the selection rule and the definitions of a passende and a
//! geschikte functie are not national law: each municipality sets them in its
//! own statute. So they are data, read from a small TOML file, and harkje ships
//! presets for the statutes in the seeds. Every value a source does not confirm
//! carries a comment saying so in the preset file.

use serde::{Deserialize, Serialize};

use crate::problem::toml::{Lenient, Located, TomlDoc};
use crate::problem::{LoadError, ProblemKind};

/// The legal regime the reorganisation falls under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Regime {
    /// CAR-UWO with its chapter 10d: municipal staff before 1 January 2020.
    CarUwo,
    /// The Cao Gemeenten under the BW: municipal staff from 1 January 2020 (Wnra).
    CaoGemeenten,
}

impl Regime {
    /// The name used in statute files.
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::CarUwo => "car-uwo",
            Regime::CaoGemeenten => "cao-gemeenten",
        }
    }
}

/// How to choose who stays when a function returns with fewer posts than followers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SelectionRule {
    /// Afspiegeling (Ontslagregeling art. 11): those past the AOW age leave
    /// first; then the cut is spread over the age bands 15–25, 25–35, 35–45,
    /// 45–55 and 55+ in proportion to their size; within a band the shortest
    /// service leaves first.
    Afspiegeling,
    /// Anciënniteit (seniority, last in first out): the shortest service leaves first.
    #[serde(rename = "anciënniteit")]
    Ancienniteit,
}

impl SelectionRule {
    /// The name used in statute files.
    pub fn as_str(self) -> &'static str {
        match self {
            SelectionRule::Afspiegeling => "afspiegeling",
            SelectionRule::Ancienniteit => "anciënniteit",
        }
    }
}

/// How afspiegeling rounds each age band's share of the places to give up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rounding {
    /// Largest remainder (Hamilton): every band first gives up the whole part of
    /// its quota (its share of the pool × the places to give up), then the bands
    /// with the largest remainders give up one more. The UWV's worked examples
    /// round this way, so it is the default.
    #[default]
    LargestRemainder,
    /// Sainte-Laguë: place by place, the band with the highest size ÷ (2 × given up + 1).
    SainteLague,
}

impl Rounding {
    /// The name in a statute file: `largest-remainder` or `sainte-lague`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::LargestRemainder => "largest-remainder",
            Rounding::SainteLague => "sainte-lague",
        }
    }
}

/// The names of the statute presets that ship with harkje.
pub const PRESETS: [&str; 2] = ["almelo-2018", "cao-gemeenten-2020"];

const ALMELO_2018: &str = include_str!("../../presets/statute/almelo-2018.toml");
const CAO_GEMEENTEN_2020: &str = include_str!("../../presets/statute/cao-gemeenten-2020.toml");

/// The parameters of a sociaal statuut that the transition engine uses.
///
/// ```
/// use harkje::transition::{Regime, SelectionRule, Statute};
///
/// let almelo = Statute::preset("almelo-2018").unwrap();
/// assert_eq!(almelo.threshold, 0.30);
/// assert_eq!(almelo.regime, Regime::CarUwo);
///
/// let own = Statute::from_toml("threshold = 0.35\nregime = \"cao-gemeenten\"\nselection = \"anciënniteit\"\n")?;
/// assert_eq!(own.selection, SelectionRule::Ancienniteit);
/// # Ok::<(), harkje::problem::LoadError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statute {
    /// A short name, such as `almelo-2018`.
    pub name: String,
    /// A readable title.
    pub title: String,
    /// Where the rules come from.
    pub source: String,
    /// A function whose change is above this share (0 to 1) is gewijzigd; at or below, ongewijzigd.
    pub threshold: f64,
    /// The legal regime.
    pub regime: Regime,
    /// The selection rule when a function returns with too few posts.
    pub selection: SelectionRule,
    /// How many scales below the employee's own scale a passende functie may lie.
    pub max_scale_drop: u8,
    /// The longest training, in months, that still makes a function geschikt.
    pub training_months: u32,
    /// Whether a geschikte functie needs the employee's consent (otherwise
    /// consent or training within `training_months` is enough).
    pub geschikt_requires_consent: bool,
    /// The most preferences (belangstellingsregistratie) an employee may state; more are ignored with a warning.
    pub max_preferences: usize,
    /// The length of the van-werk-naar-werk traject in months.
    pub vwnw_months: u32,
    /// The service, in whole years on the reference date, needed for a van-werk-naar-werk traject.
    pub vwnw_min_service_years: u32,
    /// The AOW age: whole years.
    pub aow_age_years: u32,
    /// The AOW age: months on top of the years.
    pub aow_age_months: u32,
    /// The k of k-anonymity for a shared (pseudonymised) report: every combination of
    /// the published fields must be shared by at least this many people, or the report
    /// lists it in a warning (TOML `k_anonymity`, 1 to 100, default 3; 1 turns the
    /// warning off).
    pub k_anonymity: u32,
    /// How afspiegeling rounds the age bands' quotas (`afspiegeling_rounding`).
    pub afspiegeling_rounding: Rounding,
    /// Whether fixed-term contracts (tijdelijk) leave a pool of followers before
    /// permanent ones (`fixed_term_first`, default `true`, the practice under the
    /// Cao Gemeenten): a contract that ends anyway is not renewed before a
    /// permanent employee is made boventallig.
    pub fixed_term_first: bool,
    /// Whether a passende functie must share tasks with the old function or be a
    /// stated preference (`passend_requires_shared_tasks`, default `false`). The
    /// statutes define passend by the scale (and the employee's capacities); set
    /// this only when the statute asks for shared tasks.
    pub passend_requires_shared_tasks: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatuteFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    threshold: Located<Lenient<f64>>,
    regime: Located<Lenient<String>>,
    selection: Located<Lenient<String>>,
    #[serde(default)]
    max_scale_drop: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    training_months: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    geschikt_requires_consent: Option<Located<Lenient<bool>>>,
    #[serde(default)]
    max_preferences: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    vwnw_months: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    vwnw_min_service_years: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    aow_age_years: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    aow_age_months: Option<Located<Lenient<i64>>>,
    #[serde(default)]
    k_anonymity: Option<Located<Lenient<i64>>>,
    afspiegeling_rounding: Option<Located<Lenient<String>>>,
    #[serde(default)]
    fixed_term_first: Option<Located<Lenient<bool>>>,
    #[serde(default)]
    passend_requires_shared_tasks: Option<Located<Lenient<bool>>>,
}

/// The key, accepted range, default and unit of every whole number of a
/// statute. Scales run from 1 to 18 in the municipal salary tables; the AOW
/// age has been 65 to 67 years and is set by law for years ahead.
const NUMBERS: [(&str, i64, i64, u32, &str); 7] = [
    ("max_scale_drop", 0, 17, 1, "scales"),
    ("training_months", 0, 120, 12, "months"),
    ("max_preferences", 0, 100, 3, ""),
    ("vwnw_months", 0, 120, 24, "months"),
    ("vwnw_min_service_years", 0, 60, 2, "years"),
    ("aow_age_years", 60, 80, 67, "years"),
    ("aow_age_months", 0, 11, 0, "months"),
];

impl Statute {
    /// A preset by name (see [`PRESETS`]), or `None` for an unknown name.
    pub fn preset(name: &str) -> Option<Statute> {
        let text = match name {
            "almelo-2018" => ALMELO_2018,
            "cao-gemeenten-2020" => CAO_GEMEENTEN_2020,
            _ => return None,
        };
        Statute::from_toml(text).ok()
    }

    /// The TOML text of a preset, comments included.
    pub fn preset_text(name: &str) -> Option<&'static str> {
        match name {
            "almelo-2018" => Some(ALMELO_2018),
            "cao-gemeenten-2020" => Some(CAO_GEMEENTEN_2020),
            _ => None,
        }
    }

    /// Reads a statute from TOML text. Every problem is reported with its line and key.
    ///
    /// Required keys: `threshold`, `regime` (`car-uwo` or `cao-gemeenten`) and
    /// `selection` (`afspiegeling` or `anciënniteit`). The others have defaults
    /// and accepted ranges: `max_scale_drop = 1` (0 to 17), `training_months = 12`
    /// (0 to 120), `geschikt_requires_consent = true`, `max_preferences = 3` (0 to
    /// 100), `vwnw_months = 24` (0 to 120), `vwnw_min_service_years = 2` (0 to 60),
    /// `aow_age_years = 67` (60 to 80), `aow_age_months = 0` (0 to 11),
    /// `afspiegeling_rounding = "largest-remainder"` (or `"sainte-lague"`),
    /// `fixed_term_first = true`, `passend_requires_shared_tasks = false`.
    ///
    /// # Errors
    /// A [`LoadError`] listing every problem: TOML syntax, an unknown key (with
    /// the accepted keys), a value of the wrong type, an unknown regime or
    /// selection rule (with the accepted names), and a number out of its range
    /// (with the range).
    pub fn from_toml(text: &str) -> Result<Statute, LoadError> {
        Statute::from_toml_bytes(text.as_bytes())
    }

    /// Reads a statute from the bytes of a TOML file; like
    /// [`from_toml`](Statute::from_toml), and bytes that are not UTF-8 are a
    /// problem with their place.
    ///
    /// # Errors
    /// As [`from_toml`](Statute::from_toml).
    pub fn from_toml_bytes(bytes: &[u8]) -> Result<Statute, LoadError> {
        let mut doc = TomlDoc::new(bytes, "the statute")?;
        let file: StatuteFile = doc.parse()?;
        let threshold = doc.take(&file.threshold, "/threshold");
        if let Some(t) = &threshold {
            let x = *t.get_ref();
            if !(x.is_finite() && (0.0..1.0).contains(&x)) {
                doc.push(
                    t,
                    "/threshold",
                    ProblemKind::OutOfRange,
                    format!("`threshold` is {x}, but it must be a share from 0 up to (not including) 1, such as 0.30"),
                );
            }
        }
        let regime_text = doc.take(&file.regime, "/regime");
        let selection_text = doc.take(&file.selection, "/selection");
        let consent = match &file.geschikt_requires_consent {
            Some(v) => doc.take(v, "/geschikt_requires_consent").map(|v| *v.get_ref()),
            None => Some(true),
        };
        let flag = |doc: &mut TomlDoc<'_>, v: &Option<Located<Lenient<bool>>>, path: &str, default: bool| match v {
            Some(v) => doc.take(v, path).map_or(default, |v| *v.get_ref()),
            None => default,
        };
        let fixed_term_first = flag(&mut doc, &file.fixed_term_first, "/fixed_term_first", true);
        let passend_requires_shared_tasks =
            flag(&mut doc, &file.passend_requires_shared_tasks, "/passend_requires_shared_tasks", false);
        let rounding_text = file.afspiegeling_rounding.as_ref().and_then(|r| doc.take(r, "/afspiegeling_rounding"));
        let afspiegeling_rounding = match rounding_text.as_ref().map(|r| (r, r.get_ref().as_str())) {
            None => Rounding::default(),
            Some((_, "largest-remainder")) => Rounding::LargestRemainder,
            Some((_, "sainte-lague" | "sainte-laguë")) => Rounding::SainteLague,
            Some((at, other)) => {
                doc.push(
                    at,
                    "/afspiegeling_rounding",
                    ProblemKind::UnknownName,
                    format!(
                        "unknown rounding `{other}` in `afspiegeling_rounding`; expected `largest-remainder` or `sainte-lague`"
                    ),
                );
                Rounding::default()
            }
        };
        let regime = match regime_text.as_ref().map(|r| (r, r.get_ref().as_str())) {
            None => None,
            Some((_, "car-uwo")) => Some(Regime::CarUwo),
            Some((_, "cao-gemeenten")) => Some(Regime::CaoGemeenten),
            Some((at, other)) => {
                doc.push(
                    at,
                    "/regime",
                    ProblemKind::UnknownName,
                    format!("unknown regime `{other}` in `regime`; expected `car-uwo` or `cao-gemeenten`"),
                );
                None
            }
        };
        let selection = match selection_text.as_ref().map(|s| (s, s.get_ref().as_str())) {
            None => None,
            Some((_, "afspiegeling")) => Some(SelectionRule::Afspiegeling),
            Some((_, "anciënniteit" | "ancienniteit")) => Some(SelectionRule::Ancienniteit),
            Some((at, other)) => {
                doc.push(
                    at,
                    "/selection",
                    ProblemKind::UnknownName,
                    format!(
                        "unknown selection rule `{other}` in `selection`; expected `afspiegeling` or `anciënniteit`"
                    ),
                );
                None
            }
        };
        let given = [
            &file.max_scale_drop,
            &file.training_months,
            &file.max_preferences,
            &file.vwnw_months,
            &file.vwnw_min_service_years,
            &file.aow_age_years,
            &file.aow_age_months,
        ];
        let mut numbers = [0u32; 7];
        for (&(key, min, max, default, unit), (value, out)) in NUMBERS.iter().zip(given.into_iter().zip(&mut numbers)) {
            let path = format!("/{key}");
            *out = match value.as_ref().and_then(|v| doc.take(v, &path)) {
                None => default,
                Some(v) => doc.whole(&v, &path, key, min..=max, unit).unwrap_or(default),
            };
        }
        let [
            max_scale_drop,
            training_months,
            max_preferences,
            vwnw_months,
            vwnw_min_service_years,
            aow_age_years,
            aow_age_months,
        ] = numbers;
        let k_anonymity = match file.k_anonymity.as_ref().and_then(|v| doc.take(v, "/k_anonymity")) {
            None => 3,
            Some(v) => doc.whole(&v, "/k_anonymity", "k_anonymity", 1..=100, "people").unwrap_or(3),
        };
        let (Some(threshold), Some(regime), Some(selection), Some(consent)) = (threshold, regime, selection, consent)
        else {
            return Err(doc.into_error());
        };
        doc.finish(Statute {
            name: file.name.unwrap_or_else(|| "custom".into()),
            title: file.title.unwrap_or_default(),
            source: file.source.unwrap_or_default(),
            threshold: *threshold.get_ref(),
            regime,
            selection,
            max_scale_drop: u8::try_from(max_scale_drop).unwrap_or(u8::MAX),
            training_months,
            geschikt_requires_consent: consent,
            max_preferences: max_preferences as usize,
            vwnw_months,
            vwnw_min_service_years,
            aow_age_years,
            aow_age_months,
            k_anonymity,
            afspiegeling_rounding,
            fixed_term_first,
            passend_requires_shared_tasks,
        })
    }

    /// The AOW age in months.
    ///
    /// A statute read from a file has at most 80 years and 11 months; one
    /// built in code with larger numbers saturates instead of overflowing.
    pub fn aow_age_in_months(&self) -> u32 {
        self.aow_age_years.saturating_mul(12).saturating_add(self.aow_age_months)
    }
}
