//! The reasons of a placement as facts with their numbers, rendered in Dutch or English.
//!
//! A [`Fact`] holds what a step decided and the numbers it used; [`Fact::text_in`]
//! says it in a [`Language`]. The facts are one enum rather than strings in
//! two tables, so that a new reason cannot be added without its Dutch text: the
//! compiler asks for both arms of the match.

use jiff::civil::Date;
use serde::Serialize;

use crate::transition::compare::FunctionStatus;
use crate::transition::lang::Language;
use crate::transition::statute::Regime;

/// Where a post continues an employee's own work.
/// The new functions of a pool: shared, since every follower in it gets them.
pub type Pool = std::sync::Arc<[String]>;

/// Writes a shared list as a list.
fn shared_list<S: serde::Serializer>(list: &Pool, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter())
}

/// Writes shared text as a string.
fn shared_str<S: serde::Serializer>(text: &std::sync::Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(text)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Place {
    /// Their own post, under its own key.
    OwnPost {
        /// The post.
        post: String,
    },
    /// The post that continues the work of their old post under another key.
    SuccessorPost {
        /// The new post.
        post: String,
        /// The old post.
        old_post: String,
    },
    /// A post in the unit where the work of their old unit goes on.
    InUnit {
        /// The new post.
        post: String,
        /// The successor unit.
        unit: String,
    },
}

/// Why no post continuing the employee's own work was taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
#[allow(clippy::enum_variant_names)]
pub enum NotOwn {
    /// The old post has no unit.
    NoUnit,
    /// The old unit has no successor.
    NoSuccessor {
        /// The old unit.
        unit: String,
    },
    /// No post of the pool with room in the successor unit (a follower).
    NoFollowPost {
        /// The pool's new functions.
        #[serde(serialize_with = "shared_list")]
        pool: Pool,
        /// The FTE needed.
        #[serde(serialize_with = "crate::number::json::fte")]
        fte: f64,
        /// The successor unit.
        unit: String,
    },
    /// No passende post with room in the successor unit (a herplaatsingskandidaat).
    NoPassendPost {
        /// The successor unit.
        unit: String,
    },
}

/// Why a function is passend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Fit {
    /// The employee stated a preference for it.
    Preference,
    /// It shares tasks with the old function.
    SharedTasks,
    /// It is at the employee's scale (or within the drop the statute allows).
    Scale,
}

/// Why a follower leaves a pool.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Leaving {
    /// A fixed-term contract ends first.
    FixedTerm {
        /// Their service start.
        since: Option<Date>,
    },
    /// They have reached the AOW age.
    Aow,
    /// Anciënniteit: the shortest service leaves.
    Service {
        /// Their service start.
        since: Option<Date>,
    },
    /// Afspiegeling: their age band gives up places in proportion.
    Band {
        /// The rounding method's name.
        method: String,
        /// The places given up below the AOW age.
        places: usize,
        /// The followers below the AOW age.
        total: usize,
        /// The age band.
        band: String,
        /// The followers in the band.
        size: usize,
        /// The band's quota: size × places ÷ total.
        #[serde(serialize_with = "crate::number::json::fte")]
        quota: f64,
        /// The places the band gives up after rounding.
        given: usize,
        /// Their service start.
        since: Option<Date>,
    },
}

/// The tie rule that decided between a leaver and a colleague with the same service start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Tie {
    /// `true`: the younger leaves; `false`: same birth date too, the lower key leaves.
    pub by_birth: bool,
}

/// Why a function was not passend for a herplaatsingskandidaat.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Refusal {
    /// A nieuwe functie, filled by selection on quality.
    Nieuw {
        /// The function.
        function: String,
    },
    /// No post with enough FTE free.
    NoRoom {
        /// The function.
        function: String,
        /// The FTE needed.
        #[serde(serialize_with = "crate::number::json::fte")]
        fte: f64,
    },
    /// The function has no posts.
    NoPosts {
        /// The function.
        function: String,
    },
    /// The function's posts are outside the scale window.
    OutsideScale {
        /// The function.
        function: String,
        /// Its lowest scale.
        low: u8,
        /// Its highest scale.
        high: u8,
        /// The lowest passende scale.
        lo: u8,
        /// The employee's scale.
        own: u8,
    },
    /// No post of the function in the scale window with enough FTE free.
    NoPostAtScale {
        /// The function.
        function: String,
        /// The lowest passende scale.
        lo: u8,
        /// The employee's scale.
        own: u8,
        /// The FTE needed.
        #[serde(serialize_with = "crate::number::json::fte")]
        fte: f64,
    },
    /// More related functions without a passende post, counted.
    More {
        /// How many.
        count: usize,
    },
    /// No other post in the scale window with enough FTE free.
    NoOtherAtScale {
        /// The lowest passende scale.
        lo: u8,
        /// The employee's scale.
        own: u8,
        /// The FTE needed.
        #[serde(serialize_with = "crate::number::json::fte")]
        fte: f64,
    },
}

/// Why an agreed geschikte functie was not given.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum GeschiktRefusal {
    /// The agreement does not meet the statute (consent, training).
    NotEligible {
        /// The function.
        function: String,
        /// Whether the employee consents.
        consent: bool,
        /// The training, in months.
        training_months: Option<u32>,
    },
    /// No post with enough FTE free.
    NoRoom {
        /// The function.
        function: String,
        /// The FTE needed.
        #[serde(serialize_with = "crate::number::json::fte")]
        fte: f64,
    },
}

/// The van-werk-naar-werk consequence, as a fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum VwnwFact {
    /// The service or the reference date is unknown.
    Unknown,
    /// A traject of `months` after `years` of service.
    Traject {
        /// The regime.
        regime: Regime,
        /// The months of the statute.
        months: u32,
        /// The whole years of service.
        years: i64,
    },
    /// Too short a service for a traject.
    NoTraject {
        /// The regime.
        regime: Regime,
        /// The whole years of service.
        years: i64,
        /// The years required.
        required: u32,
        /// Under the Cao Gemeenten: the notice period in months.
        notice: Option<u32>,
    },
}

/// The AOW date that ends a van-werk-naar-werk traject early.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AowEnd {
    /// The day they reach the AOW age.
    pub day: Date,
    /// The months left of the traject; 0 when the day lies before its start.
    pub months: u32,
    /// The months the statute gives.
    pub full: u32,
}

/// One fact behind an outcome, with its numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "fact", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Fact {
    /// The function comparison: the share of the old task weight that recurs.
    Compared {
        /// The old function. Shared text: every holder of the function gets this fact.
        #[serde(serialize_with = "shared_str")]
        function: std::sync::Arc<str>,
        /// Its status.
        status: FunctionStatus,
        /// The share that recurs.
        #[serde(serialize_with = "crate::number::json::share")]
        overlap: f64,
        /// The successor. Shared text, as `function`.
        #[serde(serialize_with = "shared_str")]
        successor: std::sync::Arc<str>,
        /// Whether the overlap was given in a mapping.
        mapping: bool,
        /// The change (1 − overlap).
        #[serde(serialize_with = "crate::number::json::share")]
        change: f64,
        /// The statute's threshold.
        #[serde(serialize_with = "crate::number::json::share")]
        threshold: f64,
    },
    /// The function lapses: no new function has any of its tasks.
    Vervallen {
        /// The old function.
        function: String,
    },
    /// Hired in: not placed.
    Extern,
    /// The pool's functions have no free posts.
    NoPostsInPool {
        /// The pool's new functions.
        #[serde(serialize_with = "shared_list")]
        pool: Pool,
    },
    /// Follows the function onto a post continuing their own work.
    Follows {
        /// Where.
        place: Place,
        /// An uitwisselbare function of the pool, when not their own successor.
        uitwisselbaar: Option<String>,
    },
    /// Follows the function elsewhere, by key order.
    FollowsElsewhere {
        /// Why not in their own work.
        not_own: NotOwn,
        /// The post.
        post: String,
        /// An uitwisselbare function of the pool, when not their own successor.
        uitwisselbaar: Option<String>,
    },
    /// No post of the pool has room for their FTE.
    CannotFollow {
        /// The pool's new functions.
        #[serde(serialize_with = "shared_list")]
        pool: Pool,
        /// The FTE needed.
        #[serde(serialize_with = "crate::number::json::fte")]
        fte: f64,
    },
    /// Selection: stays.
    Stays {
        /// The followers in the pool.
        followers: usize,
        /// Their FTE.
        #[serde(serialize_with = "crate::number::json::fte")]
        demand: f64,
        /// The pool's free FTE.
        #[serde(serialize_with = "crate::number::json::fte")]
        capacity: f64,
        /// The pool's new functions.
        #[serde(serialize_with = "shared_list")]
        pool: Pool,
        /// How many leave.
        leave: usize,
    },
    /// Selection: leaves.
    Leaves {
        /// The followers in the pool.
        followers: usize,
        /// Their FTE.
        #[serde(serialize_with = "crate::number::json::fte")]
        demand: f64,
        /// The pool's free FTE.
        #[serde(serialize_with = "crate::number::json::fte")]
        capacity: f64,
        /// The pool's new functions.
        #[serde(serialize_with = "shared_list")]
        pool: Pool,
        /// The rule that decided.
        why: Leaving,
        /// The tie rule, when it decided.
        tie: Option<Tie>,
    },
    /// The employee's scale is unknown.
    ScaleUnknown,
    /// Placed in a passende functie on a post continuing their own work.
    PassendOwnWork {
        /// The new function.
        function: String,
        /// Where.
        place: Place,
        /// The post's scale.
        scale: Option<u8>,
        /// Why passend.
        fit: Fit,
        /// The share of the old task weight that recurs.
        #[serde(serialize_with = "crate::number::json::share")]
        overlap: f64,
    },
    /// Placed in a passende functie elsewhere, in the statute's order.
    PassendElsewhere {
        /// Why not in their own work.
        not_own: NotOwn,
        /// The new function.
        function: String,
        /// The post.
        post: String,
        /// The post's scale.
        scale: Option<u8>,
        /// Why passend.
        fit: Fit,
        /// The share of the old task weight that recurs.
        #[serde(serialize_with = "crate::number::json::share")]
        overlap: f64,
    },
    /// No passende functie.
    NoPassend {
        /// Why each function was refused.
        refused: Vec<Refusal>,
        /// Whether the statute asks for shared tasks.
        shared_required: bool,
    },
    /// Placed in an agreed geschikte functie.
    Geschikt {
        /// The new function.
        function: String,
        /// The post.
        post: String,
        /// Whether the employee consents.
        consent: bool,
        /// The training, in months.
        training_months: Option<u32>,
    },
    /// No geschikte functie agreed in the input.
    NoGeschiktAgreed,
    /// No agreed geschikte functie available.
    NoGeschikt {
        /// Why each was refused.
        refused: Vec<GeschiktRefusal>,
    },
    /// Boventallig, with the van-werk-naar-werk consequence.
    Boventallig {
        /// The consequence.
        vwnw: VwnwFact,
        /// The AOW date, when it ends the traject early.
        aow: Option<AowEnd>,
    },
}

fn quoted(list: &[String]) -> String {
    list.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

fn plural(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn window(lo: u8, own: u8, lang: Language) -> String {
    match lang {
        Language::English => format!("{lo} to {own}"),
        Language::Dutch => format!("{lo} tot en met {own}"),
    }
}

impl Place {
    /// In words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        match (self, lang) {
            (Place::OwnPost { post }, Language::English) => format!("their own post `{post}`"),
            (Place::OwnPost { post }, Language::Dutch) => format!("de eigen formatieplaats `{post}`"),
            (Place::SuccessorPost { post, old_post }, Language::English) => {
                format!("`{post}`, the post that continues the work of their post `{old_post}`")
            }
            (Place::SuccessorPost { post, old_post }, Language::Dutch) => {
                format!("`{post}`, de formatieplaats die het werk van de eigen plaats `{old_post}` voortzet")
            }
            (Place::InUnit { post, unit }, Language::English) => {
                format!("`{post}` in `{unit}`, where the work of their unit goes on")
            }
            (Place::InUnit { post, unit }, Language::Dutch) => {
                format!("`{post}` in `{unit}`, waar het werk van de eigen eenheid verdergaat")
            }
        }
    }
}

impl NotOwn {
    /// In words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        match (self, lang) {
            (NotOwn::NoUnit, Language::English) => {
                "their old post has no unit, so no post in the new design continues its work".into()
            }
            (NotOwn::NoUnit, Language::Dutch) => {
                "de oude formatieplaats hoort bij geen eenheid, dus geen plaats in het nieuwe ontwerp zet het werk voort"
                    .into()
            }
            (NotOwn::NoSuccessor { unit }, Language::English) => {
                format!("their unit `{unit}` has no successor in the new design")
            }
            (NotOwn::NoSuccessor { unit }, Language::Dutch) => {
                format!("de eenheid `{unit}` heeft geen opvolger in het nieuwe ontwerp")
            }
            (NotOwn::NoFollowPost { pool, fte, unit }, Language::English) => format!(
                "no post of {} with {} FTE is free in `{unit}`, where the work of their unit goes on",
                quoted(pool),
                lang.style().num(*fte)
            ),
            (NotOwn::NoFollowPost { pool, fte, unit }, Language::Dutch) => format!(
                "in `{unit}`, waar het werk van de eigen eenheid verdergaat, is geen plaats van {} met {} fte vrij",
                quoted(pool),
                lang.style().num(*fte)
            ),
            (NotOwn::NoPassendPost { unit }, Language::English) => {
                format!("no passende post is free in `{unit}`, where the work of their unit goes on")
            }
            (NotOwn::NoPassendPost { unit }, Language::Dutch) => {
                format!("in `{unit}`, waar het werk van de eigen eenheid verdergaat, is geen passende plaats vrij")
            }
        }
    }
}

impl Fit {
    /// In words, in a language.
    pub fn text_in(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Fit::Preference, Language::English) => "a stated preference",
            (Fit::Preference, Language::Dutch) => "een opgegeven voorkeur",
            (Fit::SharedTasks, Language::English) => "shares tasks with the old function",
            (Fit::SharedTasks, Language::Dutch) => "deelt taken met de oude functie",
            (Fit::Scale, Language::English) => "at their scale, which makes it passend by the statute",
            (Fit::Scale, Language::Dutch) => "op de eigen schaal, en daarmee passend volgens het statuut",
        }
    }
}

impl Refusal {
    /// In words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        let en = lang == Language::English;
        let fte = |f: &f64| lang.style().num(*f);
        match self {
            Refusal::Nieuw { function } if en => format!("`{function}` is nieuw (filled by selection on quality)"),
            Refusal::Nieuw { function } => format!("`{function}` is nieuw (vervuld door selectie op kwaliteit)"),
            Refusal::NoRoom { function, fte: f } if en => format!("`{function}` has no post with {} FTE free", fte(f)),
            Refusal::NoRoom { function, fte: f } => format!("`{function}` heeft geen plaats met {} fte vrij", fte(f)),
            Refusal::NoPosts { function } if en => format!("`{function}` has no posts"),
            Refusal::NoPosts { function } => format!("`{function}` heeft geen formatieplaatsen"),
            Refusal::OutsideScale { function, low, high, lo, own } => {
                let shown = if low == high { low.to_string() } else { window(*low, *high, lang) };
                if en {
                    format!("`{function}` is at scale {shown}, outside {}", window(*lo, *own, lang))
                } else {
                    format!("`{function}` is schaal {shown}, buiten {}", window(*lo, *own, lang))
                }
            }
            Refusal::NoPostAtScale { function, lo, own, fte: f } if en => {
                format!("`{function}` has no post at scale {} with {} FTE free", window(*lo, *own, lang), fte(f))
            }
            Refusal::NoPostAtScale { function, lo, own, fte: f } => {
                format!("`{function}` heeft geen plaats op schaal {} met {} fte vrij", window(*lo, *own, lang), fte(f))
            }
            Refusal::More { count } if en => format!("and {count} more related functions without a passende post"),
            Refusal::More { count } => format!("en nog {count} verwante functies zonder passende plaats"),
            Refusal::NoOtherAtScale { lo, own, fte: f } if en => {
                format!("no other post at scale {} has {} FTE free", window(*lo, *own, lang), fte(f))
            }
            Refusal::NoOtherAtScale { lo, own, fte: f } => {
                format!("geen andere plaats op schaal {} heeft {} fte vrij", window(*lo, *own, lang), fte(f))
            }
        }
    }
}

fn training(months: Option<u32>, lang: Language) -> String {
    match (months, lang) {
        (None, Language::English) => "none".into(),
        (None, Language::Dutch) => "geen".into(),
        (Some(m), Language::English) => format!("{m} months"),
        (Some(m), Language::Dutch) => format!("{m} maanden"),
    }
}

fn since(d: Option<Date>, lang: Language) -> String {
    d.map_or("?".into(), |d| lang.date(d))
}

impl Leaving {
    /// In words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        let en = lang == Language::English;
        match self {
            Leaving::FixedTerm { since: s } if en => format!(
                "fixed-term contract, so leaves before permanent staff (statute: fixed-term contracts end first, the practice under the Cao Gemeenten); shortest service first (since {})",
                since(*s, lang)
            ),
            Leaving::FixedTerm { since: s } => format!(
                "tijdelijk contract, dus gaat vóór vaste medewerkers (statuut: tijdelijke contracten eindigen eerst, de praktijk onder de Cao Gemeenten); kortste diensttijd eerst (in dienst sinds {})",
                since(*s, lang)
            ),
            Leaving::Aow if en => "has reached the AOW age, so leaves first".into(),
            Leaving::Aow => "heeft de AOW-leeftijd bereikt, dus gaat als eerste".into(),
            Leaving::Service { since: s } if en => {
                format!("shortest service first (in service since {})", since(*s, lang))
            }
            Leaving::Service { since: s } => format!("kortste diensttijd eerst (in dienst sinds {})", since(*s, lang)),
            Leaving::Band { method, places, total, band, size, quota, given, since: s } => {
                let q = lang.style().num(*quota);
                if en {
                    format!(
                        "afspiegeling ({method}): {places} of the {total} followers below the AOW age leave; age band {band} holds {size}, a quota of {q} ({size} × {places} ÷ {total}), so {given} leave from it; shortest service in the band (since {})",
                        since(*s, lang)
                    )
                } else {
                    let method = if method == "largest-remainder" { "grootste overschotten" } else { "Sainte-Laguë" };
                    format!(
                        "afspiegeling ({method}): {places} van de {total} functievolgers onder de AOW-leeftijd {}; leeftijdsgroep {band} telt er {size}, een quotum van {q} ({size} × {places} ÷ {total}), dus {given} {}; kortste diensttijd in de groep (in dienst sinds {})",
                        if *places == 1 { "valt af" } else { "vallen af" },
                        if *given == 1 { "valt er af" } else { "vallen er af" },
                        since(*s, lang)
                    )
                }
            }
        }
    }
}

impl VwnwFact {
    /// In words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        let en = lang == Language::English;
        match self {
            VwnwFact::Unknown if en => "the service start or the reference date is unknown, so the right to a van-werk-naar-werk traject cannot be determined".into(),
            VwnwFact::Unknown => "de datum van indiensttreding of de peildatum ontbreekt, dus het recht op een van-werk-naar-werktraject is niet te bepalen".into(),
            VwnwFact::Traject { regime, months, years } => {
                let source = match regime {
                    Regime::CarUwo => if en { "CAR-UWO 10d:11 and 10d:14" } else { "CAR-UWO 10d:11 en 10d:14" },
                    Regime::CaoGemeenten => if en { "Cao Gemeenten chapter 9" } else { "Cao Gemeenten hoofdstuk 9" },
                };
                if en {
                    format!("van-werk-naar-werk traject of {months} months after {years} years of service ({source})")
                } else {
                    format!("van-werk-naar-werktraject van {months} maanden na {} ({source})", plural(*years, "dienstjaar", "dienstjaren"))
                }
            }
            VwnwFact::NoTraject { regime: Regime::CarUwo, years, required, .. } if en => format!(
                "no van-werk-naar-werk traject: {} of service, less than the {required} required (CAR-UWO 10d:11)",
                plural(*years, "year", "years")
            ),
            VwnwFact::NoTraject { regime: Regime::CarUwo, years, required, .. } => format!(
                "geen van-werk-naar-werktraject: {}, minder dan de vereiste {required} (CAR-UWO 10d:11)",
                plural(*years, "dienstjaar", "dienstjaren")
            ),
            VwnwFact::NoTraject { years, required, notice, .. } if en => format!(
                "no van-werk-naar-werk traject: {} of service, less than the {required} required; herplaatsing during the notice period of {} (BW 7:672, Ontslagregeling art. 10)",
                plural(*years, "year", "years"),
                plural(notice.unwrap_or(0), "month", "months")
            ),
            VwnwFact::NoTraject { years, required, notice, .. } => format!(
                "geen van-werk-naar-werktraject: {}, minder dan de vereiste {required}; herplaatsing tijdens de opzegtermijn van {} (BW 7:672, Ontslagregeling art. 10)",
                plural(*years, "dienstjaar", "dienstjaren"),
                plural(notice.unwrap_or(0), "maand", "maanden")
            ),
        }
    }
}

impl AowEnd {
    /// In words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        let day = lang.date(self.day);
        match (lang, self.months) {
            (Language::English, 0) => {
                format!("; but they reached the AOW age on {day}, before it starts, so it does not run")
            }
            (Language::Dutch, 0) => {
                format!("; maar de AOW-leeftijd is bereikt op {day}, vóór de start, dus het loopt niet")
            }
            (Language::English, m) => format!(
                "; it ends on {day}, the day they reach the AOW age, after {} instead of {}",
                plural(m, "month", "months"),
                self.full
            ),
            (Language::Dutch, m) => format!(
                "; het eindigt op {day}, de dag waarop de AOW-leeftijd wordt bereikt, na {} in plaats van {}",
                plural(m, "maand", "maanden"),
                self.full
            ),
        }
    }
}

impl Fact {
    /// The fact in words, in a language.
    pub fn text_in(&self, lang: Language) -> String {
        let en = lang == Language::English;
        let pct = |x: f64| lang.style().percent(x);
        let fte = |f: &f64| lang.style().num(*f);
        let scale = |s: &Option<u8>| s.map_or("?".into(), |s| s.to_string());
        match self {
            Fact::Compared { function, status, overlap, successor, mapping, change, threshold } => {
                if en {
                    format!(
                        "function `{function}` is {}: {} of its task weight recurs in `{successor}` ({}; change {} against {})",
                        status.as_str(),
                        pct(*overlap),
                        if *mapping { "given in the mapping" } else { "computed from the tasks" },
                        pct(*change),
                        pct(*threshold)
                    )
                } else {
                    format!(
                        "functie `{function}` is {}: {} van het takengewicht komt terug in `{successor}` ({}; wijziging {} tegen een drempel van {})",
                        status.as_str(),
                        pct(*overlap),
                        if *mapping { "vastgelegd in de koppeling" } else { "berekend uit de taken" },
                        pct(*change),
                        pct(*threshold)
                    )
                }
            }
            Fact::Vervallen { function } if en => {
                format!("function `{function}` is vervallen: no new function has any of its tasks")
            }
            Fact::Vervallen { function } => {
                format!("functie `{function}` is vervallen: geen nieuwe functie heeft een van haar taken")
            }
            Fact::Extern if en => "hired in (inhuur): not an employee, so the statute does not place them".into(),
            Fact::Extern => "inhuur: geen medewerker, dus het statuut plaatst niet".into(),
            Fact::NoPostsInPool { pool } if en => format!(
                "{} has no posts with free FTE in the new design, so the function cannot be followed",
                quoted(pool)
            ),
            Fact::NoPostsInPool { pool } => format!(
                "{} heeft geen plaatsen met vrije fte in het nieuwe ontwerp, dus de functie is niet te volgen",
                quoted(pool)
            ),
            Fact::Follows { place, uitwisselbaar } => {
                let extra = match (uitwisselbaar, en) {
                    (None, _) => String::new(),
                    (Some(f), true) => format!(" (a post of uitwisselbare function `{f}`)"),
                    (Some(f), false) => format!(" (een plaats van uitwisselbare functie `{f}`)"),
                };
                if en {
                    format!("follows the function into {}{extra}", place.text_in(lang))
                } else {
                    format!("volgt de functie naar {}{extra}", place.text_in(lang))
                }
            }
            Fact::FollowsElsewhere { not_own, post, uitwisselbaar } => {
                let which = match (uitwisselbaar, en) {
                    (None, true) => "a post of the successor function".to_owned(),
                    (None, false) => "een plaats van de opvolgende functie".to_owned(),
                    (Some(f), true) => format!("a post of uitwisselbare function `{f}`"),
                    (Some(f), false) => format!("een plaats van uitwisselbare functie `{f}`"),
                };
                if en {
                    format!(
                        "{}, so follows the function elsewhere, by key order: into {which}, `{post}`",
                        not_own.text_in(lang)
                    )
                } else {
                    format!(
                        "{}, dus volgt de functie elders, op volgorde van de sleutels: naar {which}, `{post}`",
                        not_own.text_in(lang)
                    )
                }
            }
            Fact::CannotFollow { pool, fte: f } if en => {
                format!("no post of {} has {} FTE free, so the function cannot be followed", quoted(pool), fte(f))
            }
            Fact::CannotFollow { pool, fte: f } => {
                format!("geen plaats van {} heeft {} fte vrij, dus de functie is niet te volgen", quoted(pool), fte(f))
            }
            Fact::Stays { followers, demand, capacity, pool, leave } => {
                if en {
                    format!(
                        "{followers} followers ({} FTE) for {} FTE in {}: stays ({leave} leave)",
                        fte(demand),
                        fte(capacity),
                        quoted(pool)
                    )
                } else {
                    format!(
                        "{followers} functievolgers ({} fte) voor {} fte in {}: blijft ({leave} {} af)",
                        fte(demand),
                        fte(capacity),
                        quoted(pool),
                        if *leave == 1 { "valt" } else { "vallen" }
                    )
                }
            }
            Fact::Leaves { followers, demand, capacity, pool, why, tie } => {
                let tie = match (tie, en) {
                    (None, _) => String::new(),
                    (Some(t), true) => format!(
                        "; a colleague in service since the same day stays: {}",
                        if t.by_birth {
                            "the younger leaves first"
                        } else {
                            "with the same birth date too, the lower key leaves first (the statute leaves such ties to the employer)"
                        }
                    ),
                    (Some(t), false) => format!(
                        "; een collega met dezelfde datum van indiensttreding blijft: {}",
                        if t.by_birth {
                            "de jongste gaat eerst"
                        } else {
                            "bij ook gelijke geboortedatum gaat de laagste sleutel eerst (het statuut laat dit aan de werkgever)"
                        }
                    ),
                };
                if en {
                    format!(
                        "{followers} followers ({} FTE) for {} FTE in {}: leaves, {}{tie}",
                        fte(demand),
                        fte(capacity),
                        quoted(pool),
                        why.text_in(lang)
                    )
                } else {
                    format!(
                        "{followers} functievolgers ({} fte) voor {} fte in {}: valt af, {}{tie}",
                        fte(demand),
                        fte(capacity),
                        quoted(pool),
                        why.text_in(lang)
                    )
                }
            }
            Fact::ScaleUnknown if en => "the employee's scale is unknown, so no function can be judged passend".into(),
            Fact::ScaleUnknown => {
                "de schaal van de medewerker is onbekend, dus geen functie is als passend te beoordelen".into()
            }
            Fact::PassendOwnWork { function, place, scale: s, fit, overlap } => {
                if en {
                    format!(
                        "herplaatsingskandidaat; placed first on a post that continues their own work: passende functie `{function}` at {} (scale {}): {}, {} of the old task weight recurs",
                        place.text_in(lang),
                        scale(s),
                        fit.text_in(lang),
                        pct(*overlap)
                    )
                } else {
                    format!(
                        "herplaatsingskandidaat; eerst geplaatst op een plaats die het eigen werk voortzet: passende functie `{function}` op {} (schaal {}): {}, {} van het oude takengewicht komt terug",
                        place.text_in(lang),
                        scale(s),
                        fit.text_in(lang),
                        pct(*overlap)
                    )
                }
            }
            Fact::PassendElsewhere { not_own, function, post, scale: s, fit, overlap } => {
                if en {
                    format!(
                        "herplaatsingskandidaat; {}, so by the statute's order elsewhere: placed in passende functie `{function}` (post `{post}`, scale {}): {}, {} of the old task weight recurs; herplaatsingskandidaten choose in the order longest service first, then the older, then by key",
                        not_own.text_in(lang),
                        scale(s),
                        fit.text_in(lang),
                        pct(*overlap)
                    )
                } else {
                    format!(
                        "herplaatsingskandidaat; {}, dus elders in de volgorde van het statuut: geplaatst in passende functie `{function}` (plaats `{post}`, schaal {}): {}, {} van het oude takengewicht komt terug; herplaatsingskandidaten kiezen op volgorde van langste diensttijd, dan de oudste, dan de sleutel",
                        not_own.text_in(lang),
                        scale(s),
                        fit.text_in(lang),
                        pct(*overlap)
                    )
                }
            }
            Fact::NoPassend { refused, shared_required } => {
                let list = refused.iter().map(|r| r.text_in(lang)).collect::<Vec<_>>().join("; ");
                match (refused.is_empty(), *shared_required, en) {
                    (true, true, true) => "herplaatsingskandidaat; no passende functie: no new function shares a task with the old one, and no preference was stated (the statute asks for shared tasks)".into(),
                    (true, true, false) => "herplaatsingskandidaat; geen passende functie: geen nieuwe functie deelt een taak met de oude, en er is geen voorkeur opgegeven (het statuut vraagt gedeelde taken)".into(),
                    (true, false, true) => "herplaatsingskandidaat; no passende functie".into(),
                    (true, false, false) => "herplaatsingskandidaat; geen passende functie".into(),
                    (false, _, true) => format!("herplaatsingskandidaat; no passende functie: {list}"),
                    (false, _, false) => format!("herplaatsingskandidaat; geen passende functie: {list}"),
                }
            }
            Fact::Geschikt { function, post, consent, training_months } => {
                if en {
                    format!(
                        "placed in geschikte functie `{function}` (post `{post}`): consent {}, training {}",
                        if *consent { "given" } else { "not given" },
                        training(*training_months, lang)
                    )
                } else {
                    format!(
                        "geplaatst in geschikte functie `{function}` (plaats `{post}`): instemming {}, scholing {}",
                        if *consent { "gegeven" } else { "niet gegeven" },
                        training(*training_months, lang)
                    )
                }
            }
            Fact::NoGeschiktAgreed if en => "no geschikte functie agreed in the input".into(),
            Fact::NoGeschiktAgreed => "geen geschikte functie afgesproken in de invoer".into(),
            Fact::NoGeschikt { refused } => {
                let list = refused
                    .iter()
                    .map(|r| match (r, en) {
                        (GeschiktRefusal::NotEligible { function, consent, training_months }, true) => {
                            format!("`{function}` (consent {consent}, training {})", training(*training_months, lang))
                        }
                        (GeschiktRefusal::NotEligible { function, consent, training_months }, false) => format!(
                            "`{function}` (instemming {}, scholing {})",
                            if *consent { "ja" } else { "nee" },
                            training(*training_months, lang)
                        ),
                        (GeschiktRefusal::NoRoom { function, fte: f }, true) => {
                            format!("`{function}` (no post with {} FTE free)", fte(f))
                        }
                        (GeschiktRefusal::NoRoom { function, fte: f }, false) => {
                            format!("`{function}` (geen plaats met {} fte vrij)", fte(f))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                if en {
                    format!("no geschikte functie available: {list}")
                } else {
                    format!("geen geschikte functie beschikbaar: {list}")
                }
            }
            Fact::Boventallig { vwnw, aow } => {
                let end = aow.as_ref().map(|a| a.text_in(lang)).unwrap_or_default();
                // The Dutch term is the term in both languages.
                format!("boventallig: {}{end}", vwnw.text_in(lang))
            }
        }
    }
}
