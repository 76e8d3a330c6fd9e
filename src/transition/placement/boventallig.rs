//! Boventallig: no place, so the van-werk-naar-werk consequence of the statute's regime.

use jiff::civil::Date;

use super::gather::months_between;
use super::{Reason, Step, Vwnw};
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
    let mut v = vwnw(statute, person.service_start, reference);
    if let (Some(months), Some(start)) = (v.months, start) {
        let end = start.checked_add(jiff::Span::new().months(i64::from(months))).ok();
        let aow_day = person.birth_date.and_then(|b| b.checked_add(jiff::Span::new().months(aow)).ok());
        match (end, aow_day) {
            (Some(_), Some(day)) if day <= start => {
                v.note =
                    format!("{}; but they reached the AOW age on {day}, before it starts, so it does not run", v.note);
                v.months = Some(0);
                v.ends = Some(day);
            }
            (Some(end), Some(day)) if day < end => {
                let capped = u32::try_from(months_between(start, day).max(0)).unwrap_or(0);
                v.note = format!(
                    "{}; it ends on {day}, the day they reach the AOW age, after {capped} month{} instead of {months}",
                    v.note,
                    if capped == 1 { "" } else { "s" }
                );
                v.months = Some(capped);
                v.ends = Some(day);
            }
            (end, _) => v.ends = end,
        }
    }
    let reason = Reason {
        step: Step::Boventallig,
        rule: statute.regime.as_str().to_owned(),
        text: format!("boventallig: {}", v.note),
    };
    (v, reason)
}

/// The van-werk-naar-werk consequence under the statute's regime.
pub(crate) fn vwnw(statute: &Statute, service_start: Option<Date>, reference: Option<Date>) -> Vwnw {
    let months = match (service_start, reference) {
        (Some(s), Some(r)) => Some(months_between(s, r)),
        _ => None,
    };
    let Some(m) = months else {
        return Vwnw {
            regime: statute.regime,
            eligible: None,
            months: None,
            note: "the service start or the reference date is unknown, so the right to a van-werk-naar-werk traject cannot be determined".into(),
            ends: None,
        };
    };
    let years = m / 12;
    let eligible = years >= i64::from(statute.vwnw_min_service_years);
    if eligible {
        let source = match statute.regime {
            Regime::CarUwo => "CAR-UWO 10d:11 and 10d:14",
            Regime::CaoGemeenten => "Cao Gemeenten chapter 9",
        };
        return Vwnw {
            regime: statute.regime,
            eligible: Some(true),
            months: Some(statute.vwnw_months),
            note: format!(
                "van-werk-naar-werk traject of {} months after {years} years of service ({source})",
                statute.vwnw_months
            ),
            ends: None,
        };
    }
    match statute.regime {
        Regime::CarUwo => Vwnw {
            regime: statute.regime,
            eligible: Some(false),
            months: None,
            note: format!(
                "no van-werk-naar-werk traject: {years} year{} of service, less than the {} required (CAR-UWO 10d:11)",
                if years == 1 { "" } else { "s" },
                statute.vwnw_min_service_years
            ),
            ends: None,
        },
        Regime::CaoGemeenten => {
            let notice = match years {
                ..5 => 1,
                5..10 => 2,
                10..15 => 3,
                _ => 4,
            };
            Vwnw {
                regime: statute.regime,
                eligible: Some(false),
                months: Some(notice),
                note: format!(
                    "no van-werk-naar-werk traject: {years} year{} of service, less than the {} required; herplaatsing during the notice period of {notice} month{} (BW 7:672, Ontslagregeling art. 10)",
                    if years == 1 { "" } else { "s" },
                    statute.vwnw_min_service_years,
                    if notice == 1 { "" } else { "s" }
                ),
                ends: None,
            }
        }
    }
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
