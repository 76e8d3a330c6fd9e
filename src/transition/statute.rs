//! The statute: the rules of a sociaal statuut (or sociaal plan) that drive a reorganisation.
//!
//! The 30% rule, the selection rule and the definitions of a passende and a
//! geschikte functie are not national law: each municipality sets them in its
//! own statute. So they are data, read from a small TOML file, and harkje ships
//! presets for the statutes in the seeds. Every value a source does not confirm
//! carries a comment saying so in the preset file.

use serde::{Deserialize, Serialize};

use super::toml_util::{self, Located};
use crate::format::{LoadError, Problem};

/// The legal regime the reorganisation falls under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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
/// # Ok::<(), harkje::format::LoadError>(())
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
    threshold: Located<f64>,
    regime: Located<String>,
    selection: Located<String>,
    #[serde(default = "one")]
    max_scale_drop: u8,
    #[serde(default = "twelve")]
    training_months: u32,
    #[serde(default = "yes")]
    geschikt_requires_consent: bool,
    #[serde(default = "three")]
    max_preferences: usize,
    #[serde(default = "twenty_four")]
    vwnw_months: u32,
    #[serde(default = "two")]
    vwnw_min_service_years: u32,
    #[serde(default = "sixty_seven")]
    aow_age_years: u32,
    #[serde(default)]
    aow_age_months: u32,
}

fn one() -> u8 {
    1
}
fn two() -> u32 {
    2
}
fn three() -> usize {
    3
}
fn twelve() -> u32 {
    12
}
fn twenty_four() -> u32 {
    24
}
fn sixty_seven() -> u32 {
    67
}
fn yes() -> bool {
    true
}

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
    /// `selection` (`afspiegeling` or `anciënniteit`). The others have defaults:
    /// `max_scale_drop = 1`, `training_months = 12`, `geschikt_requires_consent = true`,
    /// `max_preferences = 3`, `vwnw_months = 24`, `vwnw_min_service_years = 2`,
    /// `aow_age_years = 67`, `aow_age_months = 0`.
    pub fn from_toml(text: &str) -> Result<Statute, LoadError> {
        let file: StatuteFile = toml_util::parse(text, "the statute")?;
        let mut problems = Vec::new();
        let threshold = *file.threshold.get_ref();
        if !(threshold.is_finite() && (0.0..1.0).contains(&threshold)) {
            problems.push(toml_util::problem(
                text,
                &file.threshold,
                "/threshold",
                format!(
                    "`threshold` is {threshold}, but it must be a share from 0 up to (not including) 1, such as 0.30"
                ),
            ));
        }
        let regime = match file.regime.get_ref().as_str() {
            "car-uwo" => Some(Regime::CarUwo),
            "cao-gemeenten" => Some(Regime::CaoGemeenten),
            other => {
                problems.push(toml_util::problem(
                    text,
                    &file.regime,
                    "/regime",
                    format!("unknown regime `{other}` in `regime`; expected `car-uwo` or `cao-gemeenten`"),
                ));
                None
            }
        };
        let selection = match file.selection.get_ref().as_str() {
            "afspiegeling" => Some(SelectionRule::Afspiegeling),
            "anciënniteit" | "ancienniteit" => Some(SelectionRule::Ancienniteit),
            other => {
                problems.push(toml_util::problem(
                    text,
                    &file.selection,
                    "/selection",
                    format!(
                        "unknown selection rule `{other}` in `selection`; expected `afspiegeling` or `anciënniteit`"
                    ),
                ));
                None
            }
        };
        if file.aow_age_months > 11 {
            problems.push(Problem {
                path: "/aow_age_months".into(),
                line: 0,
                column: 0,
                message: format!("`aow_age_months` is {}, but it must be 0 to 11", file.aow_age_months),
            });
        }
        match (regime, selection) {
            (Some(regime), Some(selection)) if problems.is_empty() => Ok(Statute {
                name: file.name.unwrap_or_else(|| "custom".into()),
                title: file.title.unwrap_or_default(),
                source: file.source.unwrap_or_default(),
                threshold,
                regime,
                selection,
                max_scale_drop: file.max_scale_drop,
                training_months: file.training_months,
                geschikt_requires_consent: file.geschikt_requires_consent,
                max_preferences: file.max_preferences,
                vwnw_months: file.vwnw_months,
                vwnw_min_service_years: file.vwnw_min_service_years,
                aow_age_years: file.aow_age_years,
                aow_age_months: file.aow_age_months,
            }),
            _ => Err(toml_util::load_error("the statute", problems)),
        }
    }

    /// The AOW age in months.
    pub fn aow_age_in_months(&self) -> u32 {
        self.aow_age_years * 12 + self.aow_age_months
    }
}
