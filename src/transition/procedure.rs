//! Procedure checks: the order of the WOR steps and the legal basis of a redundancy.
//!
//! A reorganisation needs the advice of the works council (OR) before the
//! decision (WOR art. 25). Nothing may be carried out before the decision, and
//! when the decision departs from the advice, nothing for one month after it
//! (art. 25 lid 6). A boventalligverklaring needs a formal decision that
//! abolishes the function (CAR-UWO 10d:2 sub d; CRvB 2016:1284, 2018:895).
//! Each finding is a [`Diagnostic`] with a
//! stable code in the `HK09xx` range; [`codes`] is their catalogue, with the
//! docs that `harkje rules` prints.

use jiff::ToSpan;

use super::input::TransitionInput;
use super::lang::Language;
use super::placement::{Outcome, Placement};
use crate::diagnostic::{Diagnostic, Severity};

mod catalogue;

pub use catalogue::{ProcedureCode, codes, find};

fn diag(code: ProcedureCode, severity: Severity, subject: String, message: String) -> Diagnostic {
    Diagnostic::new(code.code, code.name, severity, subject, message)
}

/// Whether the transition input gives any procedure step to check: a date of
/// the advice, the decision or the placements, or an abolition.
pub(crate) fn has_dates(p: &super::input::Procedure) -> bool {
    p.advice_requested.is_some()
        || p.advice_given.is_some()
        || p.decision.is_some()
        || p.placement_date.is_some()
        || !p.abolished_functions.is_empty()
        || !p.abolished_posts.is_empty()
        || !p.abolished_post_fte.is_empty()
}

/// Checks the procedure dates and the redundancies of a placement.
pub fn check(input: &TransitionInput, placements: &[Placement]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let p = &input.procedure;
    if let Some(decision) = p.decision {
        match p.advice_requested {
            None => out.push(
                diag(
                    codes::NO_ADVICE_REQUEST,
                    Severity::Warning,
                    "procedure".into(),
                    format!("the decision of {decision} has no recorded request for OR advice (WOR art. 25)"),
                )
                .help("set `procedure.advice_requested` to the day the advice was asked")
                .data("decision", decision.to_string()),
            ),
            Some(r) if r > decision => out.push(
                diag(
                    codes::DECISION_BEFORE_ADVICE,
                    Severity::Error,
                    "procedure".into(),
                    format!("the decision of {decision} lies before the OR advice was asked on {r} (WOR art. 25)"),
                )
                .help("ask the OR for advice before the decision, or correct `procedure.advice_requested` or `procedure.decision`")
                .data("decision", decision.to_string())
                .data("advice_requested", r.to_string()),
            ),
            Some(_) => {}
        }
        if let Some(a) = p.advice_given
            && a > decision
        {
            out.push(
                diag(
                    codes::DECISION_BEFORE_ADVICE,
                    Severity::Error,
                    "procedure".into(),
                    format!("the decision of {decision} lies before the OR gave its advice on {a} (WOR art. 25)"),
                )
                .help("decide after the OR has given its advice, or correct `procedure.advice_given` or `procedure.decision`")
                .data("decision", decision.to_string())
                .data("advice_given", a.to_string()),
            );
        }
        let suspension_end = if p.follows_advice == Some(false) { decision.checked_add(1.month()).ok() } else { None };
        for pl in placements {
            let Some(date) = pl.placement_date else { continue };
            if pl.outcome == Outcome::Extern {
                continue;
            }
            let subject = format!("people/{}", pl.person);
            if date < decision {
                out.push(
                    diag(
                        codes::PLACEMENT_BEFORE_DECISION,
                        Severity::Error,
                        subject,
                        format!(
                            "the placement decision for `{}` of {date} lies before the decision of {decision}",
                            pl.person
                        ),
                    )
                    .help("no placement may be decided before the reorganisation itself is decided")
                    .data("person", pl.person.clone())
                    .data("placement_date", date.to_string())
                    .data("decision", decision.to_string()),
                );
            } else if let Some(end) = suspension_end
                && date < end
            {
                out.push(
                    diag(
                        codes::PLACEMENT_DURING_SUSPENSION,
                        Severity::Error,
                        subject,
                        format!(
                            "the placement decision for `{}` of {date} lies within a month of the decision of {decision}, which departs from the OR advice (WOR art. 25 lid 6)",
                            pl.person
                        ),
                    )
                    .help(format!("date it on or after {end}"))
                    .data("person", pl.person.clone())
                    .data("placement_date", date.to_string())
                    .data("decision", decision.to_string())
                    .data("earliest", end.to_string()),
                );
            }
        }
    }
    out.extend(too_many_preferences(placements));
    let (abolished, redundant, group) = abolished_per_function(input, placements);
    for pl in placements {
        if pl.outcome != Outcome::Boventallig {
            continue;
        }
        let subject = format!("people/{}", pl.person);
        let by_function = pl.old_function.as_ref().is_some_and(|f| p.abolished_functions.contains(f));
        // A krimp: enough FTE of the function's (or its uitwisselbaar group's) posts is abolished.
        let key = pl.old_function.as_deref().map(&group);
        let (cut, needed) = key.as_ref().map_or((0.0, 0.0), |k| {
            (abolished.get(k).copied().unwrap_or(0.0), redundant.get(k).copied().unwrap_or(0.0))
        });
        let by_posts = cut > 0.0 && cut + 1e-9 >= needed;
        if !by_function && !by_posts {
            out.push(
                diag(
                    codes::REDUNDANCY_WITHOUT_ABOLITION,
                    Severity::Error,
                    subject.clone(),
                    if cut > 0.0 {
                        format!(
                            "`{}` is boventallig, but the decision abolishes only {} FTE of the posts of {} for {} FTE boventallig, and not the function itself (CAR-UWO 10d:2 sub d)",
                            pl.person,
                            crate::number::num(cut),
                            key.as_deref().map_or("?".to_owned(), |k| format!("`{k}`")),
                            crate::number::num(needed)
                        )
                    } else {
                        format!(
                            "`{}` is boventallig, but no decision formally abolishes function `{}` or enough of its posts (CAR-UWO 10d:2 sub d)",
                            pl.person,
                            pl.old_function.as_deref().unwrap_or("?")
                        )
                    },
                )
                .help("list the function under `procedure.abolished_functions` (or the post under `procedure.abolished_posts`) once the decision abolishes it")
                .data("person", pl.person.clone())
                .data("function", pl.old_function.clone().unwrap_or_default())
                .data("pool", key.clone().unwrap_or_default())
                .data("abolished_fte", crate::number::rounded(cut, 3))
                .data("redundant_fte", crate::number::rounded(needed, 3)),
            );
        }
        if pl.vwnw.as_ref().is_some_and(|v| v.eligible.is_none()) {
            out.push(
                diag(
                    codes::VWNW_UNDETERMINED,
                    Severity::Warning,
                    subject,
                    format!("the van-werk-naar-werk right of `{}` cannot be determined", pl.person),
                )
                .help("give the person's `service_start` and a `reference_date`")
                .data("person", pl.person.clone()),
            );
        }
    }
    out
}

/// HK0905: a person stated more preferences than the statute lets count.
fn too_many_preferences(placements: &[Placement]) -> Vec<Diagnostic> {
    let code = codes::TOO_MANY_PREFERENCES;
    placements
        .iter()
        .filter(|pl| pl.preferences_stated > pl.preferences_allowed)
        .map(|pl| {
            diag(
                code,
                Severity::Warning,
                format!("people/{}", pl.person),
                format!(
                    "`{}` states {} preferences, but the statute allows {}; only the first {} are used",
                    pl.person, pl.preferences_stated, pl.preferences_allowed, pl.preferences_allowed
                ),
            )
            .data("person", pl.person.clone())
            .data("actual", pl.preferences_stated)
            .data("limit", pl.preferences_allowed)
        })
        .collect()
}

/// Per old function, or per uitwisselbaar group when the function is in one:
/// the FTE the decision abolishes among the posts the employees held (whole
/// posts and shrunk ones), and the FTE declared boventallig; with the key of a
/// function's group. A vacant post frees nobody, so it does not count.
#[allow(clippy::type_complexity)]
fn abolished_per_function<'a>(
    input: &'a TransitionInput,
    placements: &'a [Placement],
) -> (std::collections::HashMap<String, f64>, std::collections::HashMap<String, f64>, impl Fn(&str) -> String + 'a) {
    use std::collections::HashMap;
    let groups: HashMap<&str, &str> = input
        .interchangeable
        .iter()
        .flat_map(|g| g.functions.iter().map(move |f| (f.as_str(), g.name.as_str())))
        .collect();
    let group = move |f: &str| groups.get(f).map_or_else(|| f.to_owned(), |g| format!("uitwisselbaar group {g}"));
    let p = &input.procedure;
    // The FTE held per post matters only for the posts a decision abolishes.
    let abolishes_posts = !p.abolished_posts.is_empty() || !p.abolished_post_fte.is_empty();
    let mut held: HashMap<&str, (f64, &str)> = HashMap::new();
    let mut redundant: HashMap<String, f64> = HashMap::new();
    for pl in placements {
        let Some(f) = pl.old_function.as_deref() else { continue };
        if pl.outcome == Outcome::Extern {
            continue;
        }
        if abolishes_posts {
            let e = held.entry(pl.old_post.as_str()).or_insert((0.0, f));
            e.0 += pl.fte;
        }
        if pl.outcome == Outcome::Boventallig {
            *redundant.entry(group(f)).or_default() += pl.fte;
        }
    }
    let mut abolished: HashMap<String, f64> = HashMap::new();
    let whole: std::collections::HashSet<&str> = p.abolished_posts.iter().map(String::as_str).collect();
    for post in &p.abolished_posts {
        if let Some(&(fte, f)) = held.get(post.as_str()) {
            *abolished.entry(group(f)).or_default() += fte;
        }
    }
    for (post, cut) in &p.abolished_post_fte {
        if whole.contains(post.as_str()) {
            continue;
        }
        if let Some(&(fte, f)) = held.get(post.as_str()) {
            *abolished.entry(group(f)).or_default() += cut.min(fte);
        }
    }
    (abolished, redundant, group)
}

/// A finding's message in a language. English is the message as the check wrote it (the
/// JSON report's language); Dutch is written from the finding's code and its `data`, the
/// structured fact the JSON report carries too. A finding harkje does not know (from
/// another catalogue) keeps its message.
pub fn message_in(d: &Diagnostic, lang: Language) -> String {
    if lang == Language::English {
        return d.message.clone();
    }
    let text = |k: &str| d.data.get(k).and_then(|v| v.as_str()).unwrap_or("?").to_owned();
    let day = |k: &str| {
        let t = text(k);
        t.parse::<jiff::civil::Date>().map_or(t, |d| lang.date(d))
    };
    let number = |k: &str| d.data.get(k).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
    let count = |k: &str| d.data.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
    let fte = |k: &str| lang.style().num(number(k));
    let person = text("person");
    match d.code.as_str() {
        c if c == codes::NO_ADVICE_REQUEST.code => {
            format!("bij het besluit van {} is geen adviesaanvraag aan de OR vastgelegd (WOR art. 25)", day("decision"))
        }
        c if c == codes::DECISION_BEFORE_ADVICE.code => {
            if d.data.contains_key("advice_given") {
                format!(
                    "het besluit van {} ligt vóór het advies van de OR van {} (WOR art. 25)",
                    day("decision"),
                    day("advice_given")
                )
            } else {
                format!(
                    "het besluit van {} ligt vóór de adviesaanvraag aan de OR van {} (WOR art. 25)",
                    day("decision"),
                    day("advice_requested")
                )
            }
        }
        c if c == codes::PLACEMENT_BEFORE_DECISION.code => format!(
            "het plaatsingsbesluit voor `{person}` van {} ligt vóór het reorganisatiebesluit van {}",
            day("placement_date"),
            day("decision")
        ),
        c if c == codes::PLACEMENT_DURING_SUSPENSION.code => format!(
            "het plaatsingsbesluit voor `{person}` van {} valt binnen een maand na het besluit van {}, dat afwijkt van het advies van de OR (WOR art. 25 lid 6)",
            day("placement_date"),
            day("decision")
        ),
        c if c == codes::REDUNDANCY_WITHOUT_ABOLITION.code => {
            if number("abolished_fte") > 0.0 {
                let pool = text("pool");
                let pool = match pool.strip_prefix("uitwisselbaar group ") {
                    Some(g) => format!("uitwisselbare groep `{g}`"),
                    None => format!("`{pool}`"),
                };
                format!(
                    "`{person}` is boventallig, maar het besluit heft van de formatieplaatsen van {pool} maar {} fte op voor {} fte boventallig, en de functie zelf niet (CAR-UWO 10d:2 sub d)",
                    fte("abolished_fte"),
                    fte("redundant_fte")
                )
            } else {
                format!(
                    "`{person}` is boventallig, maar geen besluit heft functie `{}` of genoeg van haar formatieplaatsen formeel op (CAR-UWO 10d:2 sub d)",
                    text("function")
                )
            }
        }
        c if c == codes::TOO_MANY_PREFERENCES.code => format!(
            "`{person}` geeft {} voorkeuren op, maar het statuut staat er {} toe; alleen de eerste {} tellen",
            count("actual"),
            count("limit"),
            count("limit")
        ),
        c if c == codes::VWNW_UNDETERMINED.code => {
            format!("het recht op een van-werk-naar-werktraject van `{person}` is niet te bepalen")
        }
        _ => d.message.clone(),
    }
}

/// A finding's help in a language: what to change in the transition input.
pub fn help_in(d: &Diagnostic, lang: Language) -> Option<String> {
    let help = d.help.clone()?;
    if lang == Language::English {
        return Some(help);
    }
    let text = |k: &str| d.data.get(k).and_then(|v| v.as_str()).unwrap_or("?").to_owned();
    Some(match d.code.as_str() {
        c if c == codes::NO_ADVICE_REQUEST.code => {
            "zet `procedure.advice_requested` op de dag waarop het advies is gevraagd".to_owned()
        }
        c if c == codes::DECISION_BEFORE_ADVICE.code => {
            if d.data.contains_key("advice_given") {
                "besluit nadat de OR advies heeft gegeven, of verbeter `procedure.advice_given` of `procedure.decision`"
                    .to_owned()
            } else {
                "vraag de OR om advies vóór het besluit, of verbeter `procedure.advice_requested` of `procedure.decision`"
                    .to_owned()
            }
        }
        c if c == codes::PLACEMENT_BEFORE_DECISION.code => {
            "geen plaatsingsbesluit vóór het besluit over de reorganisatie zelf".to_owned()
        }
        c if c == codes::PLACEMENT_DURING_SUSPENSION.code => {
            let t = text("earliest");
            let day = t.parse::<jiff::civil::Date>().map_or(t, |d| lang.date(d));
            format!("dateer het op of na {day}")
        }
        c if c == codes::REDUNDANCY_WITHOUT_ABOLITION.code => {
            "zet de functie onder `procedure.abolished_functions` (of de formatieplaats onder `procedure.abolished_posts`) zodra het besluit haar opheft".to_owned()
        }
        c if c == codes::VWNW_UNDETERMINED.code => {
            "geef de `service_start` van de medewerker en een `reference_date`".to_owned()
        }
        _ => help,
    })
}
