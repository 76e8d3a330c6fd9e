//! Boventallig: no place, so the van-werk-naar-werk consequence of the statute's regime.

use jiff::civil::Date;

use super::gather::months_between;
use super::reason::{AowEnd, Fact, VwnwFact};
use super::{Reason, Step, Vwnw};
use crate::transition::lang::Language;
use crate::transition::statute::{Regime, Statute};

/// Declares an employee boventallig: the van-werk-naar-werk consequence and its reason.
///
/// The traject starts on `start` (the placement decision, else the reference
/// date) and never runs past the day the employee reaches the AOW age: when it
/// would, it ends on that day, and the note says so.
pub(super) fn declare(
    statute: &Statute,
    person: &crate::Person,
    reference: Option<Date>,
    start: Option<Date>,
    aow: i64,
) -> (Vwnw, Reason) {
    let (fact, mut v) = consequence(statute, person.service_start, reference);
    let mut aow_end = None;
    if let (Some(months), Some(start)) = (v.months, start) {
        let end = start.checked_add(jiff::Span::new().months(i64::from(months))).ok();
        let aow_day = person.birth_date.and_then(|b| b.checked_add(jiff::Span::new().months(aow)).ok());
        match (end, aow_day) {
            (Some(_), Some(day)) if day <= start => aow_end = Some(AowEnd { day, months: 0, full: months }),
            (Some(end), Some(day)) if day < end => {
                let capped = u32::try_from(months_between(start, day).max(0)).unwrap_or(0);
                aow_end = Some(AowEnd { day, months: capped, full: months });
            }
            (end, _) => v.ends = end,
        }
    }
    let fact = Fact::Boventallig { vwnw: fact, aow: aow_end };
    if let Fact::Boventallig { aow: Some(a), .. } = &fact {
        v.months = Some(a.months);
        v.ends = Some(a.day);
    }
    let reason = Reason::new(Step::Boventallig, statute.regime.as_str(), fact);
    v.note = reason.text.strip_prefix("boventallig: ").unwrap_or(&reason.text).to_owned();
    (v, reason)
}

/// The van-werk-naar-werk consequence under the statute's regime.
#[cfg(test)]
pub(crate) fn vwnw(statute: &Statute, service_start: Option<Date>, reference: Option<Date>) -> Vwnw {
    consequence(statute, service_start, reference).1
}

/// The van-werk-naar-werk consequence as a fact, and as the report's data.
fn consequence(statute: &Statute, service_start: Option<Date>, reference: Option<Date>) -> (VwnwFact, Vwnw) {
    let regime = statute.regime;
    let (fact, eligible, months) = match (service_start, reference) {
        (Some(s), Some(r)) => {
            let years = months_between(s, r) / 12;
            if years >= i64::from(statute.vwnw_min_service_years) {
                (
                    VwnwFact::Traject { regime, months: statute.vwnw_months, years },
                    Some(true),
                    Some(statute.vwnw_months),
                )
            } else {
                let notice = match regime {
                    Regime::CarUwo => None,
                    Regime::CaoGemeenten => Some(match years {
                        ..5 => 1,
                        5..10 => 2,
                        10..15 => 3,
                        _ => 4,
                    }),
                };
                let fact = VwnwFact::NoTraject { regime, years, required: statute.vwnw_min_service_years, notice };
                (fact, Some(false), notice)
            }
        }
        _ => (VwnwFact::Unknown, None, None),
    };
    let note = fact.text_in(Language::English);
    (fact, Vwnw { regime, eligible, months, note, ends: None })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::vwnw;
    use crate::transition::Statute;

    #[test]
    fn vwnw_by_regime_and_service() -> Result<(), Box<dyn std::error::Error>> {
        let car = Statute::preset("almelo-2018").ok_or("no preset")?;
        let cao = Statute::preset("cao-gemeenten-2020").ok_or("no preset")?;
        let reference = Some(date(2020, 1, 1));
        let long = vwnw(&car, Some(date(2000, 1, 1)), reference);
        assert_eq!((long.eligible, long.months), (Some(true), Some(car.vwnw_months)));
        let unknown = vwnw(&car, None, reference);
        assert_eq!((unknown.eligible, unknown.months), (None, None));
        // Under the Cao a short service gets the notice period: 1 month under 5 years.
        let short = vwnw(&cao, Some(date(2019, 6, 1)), reference);
        if cao.vwnw_min_service_years > 0 {
            assert_eq!((short.eligible, short.months), (Some(false), Some(1)));
            assert!(short.note.contains("notice period of 1 month"), "{}", short.note);
        }
        Ok(())
    }
}
