//! The overview for the plaatsingsadviescommissie: per vacancy, the candidates in order.
//!
//! The placement advisory committee checks the herplaatsing: for every new function that
//! a herplaatsingskandidaat was placed in, or that is still vacant, who could have had it,
//! in the statute's order (longest service first, then the older, then by key), with the
//! rank the function had in each candidate's preferences and why they did or did not get
//! it. Functievolgers are not candidates: they follow their own work.
//!
//! The overview is built with the report, before pseudonymisation (the order needs the
//! dates a shared report drops), and a pseudonymised report carries it with pseudonyms.

use std::collections::BTreeMap;

use serde::Serialize;

use super::compare::Comparison;
use super::lang::Language;
use super::placement::{Outcome, Placement, Reason, Step, Vacancy};
use crate::model::NaturalKey;

/// One vacancy (a new function open to herplaatsing) and its candidates.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CommitteeVacancy {
    /// The new function.
    pub function: String,
    /// Its title.
    pub title: String,
    /// Its scale.
    pub scale: Option<u8>,
    /// FTE still vacant after placement.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub vacant_fte: f64,
    /// The candidates in the statute's order.
    pub candidates: Vec<Candidate>,
}

/// A candidate for a vacancy.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Candidate {
    /// The person's key (a pseudonym in a pseudonymised report).
    pub person: String,
    /// The place of the function in the person's preferences (1 is most wanted); `null`
    /// when it is not among them.
    pub preference_rank: Option<usize>,
    /// Whether the person was placed in this function.
    pub placed_here: bool,
    /// The person's outcome.
    pub outcome: Outcome,
    /// Where the person was placed instead, if elsewhere.
    pub placed_in: Option<String>,
    /// For a person placed here, the reason of the placement; for another, the reason that
    /// names this function (such as why it was not passend), if any; in English, as
    /// the JSON report writes every reason ([`Candidate::reason_in`] says it in a language).
    pub reason: Option<String>,
    /// The reason itself, to say it in the report's language.
    #[serde(skip)]
    pub(crate) said: Option<Reason>,
}

impl Candidate {
    /// The reason in a language.
    pub fn reason_in(&self, lang: Language) -> Option<String> {
        self.said.as_ref().map(|r| r.text_in(lang)).or_else(|| self.reason.clone())
    }

    /// Redacts the reason for a shared report (see [`Reason::redact`]).
    pub(crate) fn redact(&mut self, redact: impl Fn(&str) -> String) {
        if let Some(r) = &mut self.said {
            r.redact(redact);
            self.reason = Some(r.text.to_string());
        } else if let Some(text) = &mut self.reason {
            *text = redact(text);
        }
    }
}

fn is_candidate(o: Outcome) -> bool {
    matches!(o, Outcome::Passend | Outcome::Geschikt | Outcome::Boventallig)
}

/// The overview: the vacancies in function order, each with its candidates. Linear in the
/// employees and their preferences, plus sorting.
pub(crate) fn overview(
    functions: &Comparison,
    placements: &[Placement],
    vacancies: &[Vacancy],
) -> Vec<CommitteeVacancy> {
    // The functions that count as vacancies: placed into by herplaatsing, or still vacant.
    let mut open: BTreeMap<NaturalKey<'_>, (&str, f64)> = BTreeMap::new();
    for v in vacancies {
        open.insert(NaturalKey::new(&v.function), (v.function.as_str(), v.vacant_fte));
    }
    for p in placements.iter().filter(|p| matches!(p.outcome, Outcome::Passend | Outcome::Geschikt)) {
        if let Some(f) = &p.new_function {
            open.entry(NaturalKey::new(f)).or_insert((f.as_str(), 0.0));
        }
    }
    // The candidates of every open function, in one pass over the employees.
    let mut by_function: BTreeMap<&str, Vec<(usize, Candidate)>> = BTreeMap::new();
    for (i, p) in placements.iter().enumerate().filter(|(_, p)| is_candidate(p.outcome)) {
        let mut seen: Vec<&str> = Vec::new();
        let here = p.new_function.as_deref().filter(|_| p.outcome != Outcome::Boventallig);
        let wanted = p.preferences.iter().map(String::as_str);
        for f in here.into_iter().chain(wanted) {
            if seen.contains(&f) || !open.contains_key(&NaturalKey::new(f)) {
                continue;
            }
            seen.push(f);
            let placed_here = here == Some(f);
            // Placed here: the reason of the placement. Not placed here: the reason that
            // names this function, when there is one (such as its scale).
            let named = if placed_here { String::new() } else { format!("`{f}`") };
            let said = p
                .reasons
                .iter()
                .rev()
                .filter(|r| matches!(r.step, Step::Passend | Step::Geschikt))
                .find(|r| placed_here || r.text.contains(&named))
                .cloned();
            let reason = said.as_ref().map(|r| r.text.to_string());
            by_function.entry(f).or_default().push((
                i,
                Candidate {
                    person: p.person.clone(),
                    preference_rank: p.preferences.iter().position(|x| x == f).map(|r| r + 1),
                    placed_here,
                    outcome: p.outcome,
                    placed_in: if placed_here { None } else { p.new_function.clone() },
                    reason,
                    said,
                },
            ));
        }
    }
    let new_functions: crate::transition::fx::HashMap<&str, &super::compare::NewFunction> =
        functions.new.iter().map(|n| (n.function.as_str(), n)).collect();
    let new_function = |f: &str| new_functions.get(f).copied();
    open.into_values()
        .map(|(function, vacant_fte)| {
            let mut cands = by_function.remove(function).unwrap_or_default();
            // The statute's order of herplaatsing: longest service first, then the older, then by key.
            cands.sort_by(|(a, _), (b, _)| {
                let (pa, pb) = (&placements[*a], &placements[*b]);
                let service = |p: &Placement| (p.service_start.is_none(), p.service_start);
                let birth = |p: &Placement| (p.birth_date.is_none(), p.birth_date);
                service(pa)
                    .cmp(&service(pb))
                    .then_with(|| birth(pa).cmp(&birth(pb)))
                    .then_with(|| NaturalKey::new(&pa.person).cmp(&NaturalKey::new(&pb.person)))
            });
            let nf = new_function(function);
            CommitteeVacancy {
                function: function.to_owned(),
                title: nf.map(|n| n.title.clone()).unwrap_or_default(),
                scale: nf.and_then(|n| n.scale),
                vacant_fte,
                candidates: cands.into_iter().map(|(_, c)| c).collect(),
            }
        })
        .collect()
}
