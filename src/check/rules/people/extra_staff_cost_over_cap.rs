use crate::check::rules::declare_rule;
use crate::check::rules::people::{around, design_cost, money_for};
use crate::check::{Context, DatedOption, Findings, NumberOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::number::whole_euros;

declare_rule! {
    ExtraStaffCostOverCap {
        code: "HK0506",
        name: "extra-staff-cost-over-cap",
        area: People,
        severity: Error,
        summary: "the design costs more above the baseline payroll than the cap on extra staff allows",
        options: &[ExtraStaffCostOverCap::BASELINE_PAYROLL.spec(), ExtraStaffCostOverCap::CAPS.spec()],
    }
    docs: r#"## What it checks

The extra cost of staff: the yearly cost of the design on the check day
(salary × FTE of every post, as `savings-target-missed` counts it) above
`baseline_payroll`, the payroll before the extra staff, against the cap in
force on the check day (the policy's `as_of`, `--as-of`, or today). Extra
cost above the cap (by more than half a cent) is one finding about the whole
design (subject `design`), naming the cap and its period, with the excess as
data. The caps are a list of tables with `from` and `until` (days,
inclusive; either may be left out for an open end) and an `amount` in euros
a year; periods may not overlap. A day that no cap covers has no cap: the
rule reports, at `info`, that none is in force and judges nothing. Without
caps (the default) nothing is checked; caps without a baseline are refused.

The baseline is a number the policy gives, not a design: take it from the
budget (the begroting's loonsom for the staff the cap adds to), or from
`harkje metrics` of the design before the extra posts (the cost on its
`totals` line). It is separate from `savings-target-missed`'s baseline because the
two come from different decisions and years: a taakstelling is measured
from the payroll when it was set, a cap from the payroll the extra staff
join.

## Why it matters

The 2024 case spends EUR 100k of a EUR 150k budget for its service
programme on extra staff (*extra menskracht*; the document does not say which
posts). A design whose extra posts cost more than that needs a new budget
decision first.

## Example

Baseline € 20,000,000 and the cap of € 100,000 in force from 2024-01-01 to
2024-12-31: a design costing € 20,150,000 on 2024-06-01 is € 150,000 above the
baseline, € 50,000 over the cap. Checked on 2025-06-01 no cap is in force.

## Options

```toml
[rules.extra-staff-cost-over-cap]
baseline_payroll = 20_000_000.0   # euros a year, before the extra staff

[[rules.extra-staff-cost-over-cap.caps]]
from = 2024-01-01
until = 2024-12-31
amount = 100_000.0                # euros a year the extra staff may cost
```

## Complexity

O(n) over the posts, and O(log c) to find the cap in force among c.
"#
}

impl ExtraStaffCostOverCap {
    /// The option `baseline_payroll`: the payroll before the extra staff, in euros a year.
    pub const BASELINE_PAYROLL: NumberOption = NumberOption {
        name: "baseline_payroll",
        default: 0.0,
        min: 0.0,
        max: 1.0e12,
        doc: "the payroll before the extra staff, in euros a year",
    };
    /// A field of [`CAPS`](Self::CAPS): what the extra staff may cost, in euros a year.
    pub const AMOUNT: NumberOption = NumberOption {
        name: "amount",
        default: 0.0,
        min: 0.0,
        max: 1.0e12,
        doc: "what the extra staff may cost, in euros a year",
    };
    /// The option `caps`: the cap on extra staff cost per period.
    pub const CAPS: DatedOption = DatedOption {
        name: "caps",
        fields: &[ExtraStaffCostOverCap::AMOUNT],
        every_day: &[],
        doc: "the cap on extra staff cost per period; a day no period covers has no cap",
    };
}

impl Rule for ExtraStaffCostOverCap {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let caps = options.dated(&Self::CAPS);
        let baseline = options.num(&Self::BASELINE_PAYROLL);
        if caps.is_empty() || baseline <= 0.0 {
            return;
        }
        let day = cx.day();
        let (cost, unknown) = design_cost(cx);
        let Some(entry) = caps.on(day) else {
            let cap = |e: &crate::check::DatedEntry| whole_euros(e.get(&Self::AMOUNT));
            let message = format!(
                "no cap on extra staff cost is in force on {day}, so the design's cost of {} a year is not judged: {}",
                whole_euros(cost),
                around(caps, day, cap)
            );
            let f = out
                .finding("design", message)
                .help("add the cap of this period to the policy's `caps` if there is one")
                .data("actual", round(cost, 2))
                .data("in_force", false);
            out.push_info(f);
            return;
        };
        let cap = entry.get(&Self::AMOUNT);
        let extra = cost - baseline;
        if extra <= cap + 0.005 {
            return;
        }
        let money = money_for(extra - cap);
        let message = format!(
            "the design costs {} a year, {} above the baseline payroll of {}: {} over the cap of {} on extra staff cost in force {}",
            money(cost),
            money(extra),
            whole_euros(baseline),
            money(extra - cap),
            whole_euros(cap),
            entry.period_words()
        );
        let period = entry.period();
        let mut help =
            "keep the extra posts within the cap: fewer or smaller extra posts, or savings elsewhere in the design"
                .to_owned();
        if unknown > 0 {
            help.push_str(&format!(
                "; the cost leaves out {} without a salary",
                crate::check::rules::count(unknown, "post", "posts")
            ));
        }
        let f = out
            .finding("design", message)
            .help(help)
            .data("actual", round(cost, 2))
            .data("baseline", baseline)
            .data("extra", round(extra, 2))
            .data("cap", cap)
            .data("excess", round(extra - cap, 2))
            .data("from", period.from.map(|d| d.to_string()))
            .data("until", period.until.map(|d| d.to_string()))
            .data("unknown_salary", unknown);
        out.push(f);
    }
}
