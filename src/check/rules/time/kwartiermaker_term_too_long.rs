use jiff::civil::{Date, DateDifference};
use jiff::{Span, Unit};

use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, IntOption, ListOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    KwartiermakerTermTooLong {
        code: "HK0402",
        name: "kwartiermaker-term-too-long",
        area: Time,
        severity: Warning,
        summary: "a kwartiermaker's term is longer than allowed",
        options: &[KwartiermakerTermTooLong::MAX_MONTHS.spec(), KwartiermakerTermTooLong::ROLES.spec()],
    }
    docs: r#"## What it checks

The term of every post whose role is in `roles`, from its `from` to its
`until`, the last day included. The term is compared by date, not by a count
of whole months: it may run until the day before `from` plus `max_months`
(from 2018-01-01 with the default of 24, the last allowed `until` is
2019-12-31). One day more is over the limit: 2018-01-01 to 2020-01-01 is 24
months and a day and is reported, although it holds only 24 whole months. The
message gives the term in months and days. A post without a start or an
end is left to `temporary-role-without-end`. A post that is past its end on
the check day is judged by `temporary-role-expired`.

## Why it matters

A kwartiermaker sets up or develops a unit and then leaves; De Bilt gives its
four kwartiermakers a horizon of two years. A longer term turns the change
lead into a permanent manager outside the line.

## Example

`kwartiermaker-gebieden` runs from 2018-01-01 to 2020-06-30: 30 months, above
the default of 24. Ending on 2020-01-01 instead, it runs 24 months and 1 day,
and is reported too: De Bilt's "within two years" is over after two years to
the day.

## Options

```toml
[rules.kwartiermaker-term-too-long]
max_months = 24            # the longest term (1 to 600 months), compared by date
roles = ["kwartiermaker"]  # the roles whose term is limited
```

## Complexity

O(n) over the posts.
"#
}

impl KwartiermakerTermTooLong {
    /// The option `max_months`: the longest term in months, counting the last
    /// day; a term may end at most on the day before `from` plus this many months.
    pub const MAX_MONTHS: IntOption = IntOption {
        name: "max_months",
        default: 24,
        min: 1,
        max: 600,
        doc: "the longest term in months, counting the last day, compared by date",
    };
    /// The option `roles`: the roles whose term is limited.
    pub const ROLES: ListOption =
        ListOption { name: "roles", default: &["kwartiermaker"], doc: "the roles whose term is limited" };
}

impl Rule for KwartiermakerTermTooLong {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX_MONTHS);
        let roles = options.list(&Self::ROLES);
        for i in cx.posts_with_role(roles) {
            let Some(p) = cx.post_at(i) else { continue };
            let (Some(from), Some(until)) = (p.valid.from, p.valid.until) else { continue };
            let Some((months, days)) = over_limit(from, until, max) else { continue };
            let term = match days {
                0 => format!("{months} months"),
                1 => format!("{months} months and 1 day"),
                _ => format!("{months} months and {days} days"),
            };
            let f = out
                .finding(
                    post_path(&p.key),
                    format!(
                        "{} `{}` has a term of {term} ({from} to {until}), longer than the limit of {max}",
                        p.role, p.key
                    ),
                )
                .help("end the term earlier, or hand the work to the line when the unit stands")
                .data("actual", months)
                .data("limit", max)
                .data("from", from.to_string())
                .data("until", until.to_string());
            // `actual` stays whole months; the days past them, when there are any.
            let f = if days > 0 { f.data("days", days) } else { f };
            out.push(f);
        }
    }
}

/// The term from `from` to `until` (the last day included) as whole months and
/// the days left over, when it runs past the limit: when `until` is on or
/// after `from` plus `max` months. `None` when it keeps to the limit, or when
/// a date falls outside the calendar.
fn over_limit(from: Date, until: Date, max: i64) -> Option<(i32, i32)> {
    let after = until.tomorrow().ok()?;
    let end = from.checked_add(Span::new().try_months(max).ok()?).ok()?;
    if after <= end {
        return None;
    }
    let span = from.until(DateDifference::new(after).largest(Unit::Month)).ok()?;
    Some((span.get_months(), span.get_days()))
}
