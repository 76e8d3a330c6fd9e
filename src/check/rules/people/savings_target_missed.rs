use crate::check::rules::declare_rule;
use crate::check::rules::people::{around, design_cost, money_for};
use crate::check::{Context, DatedOption, Findings, NumberOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::model::Period;
use crate::number::{percent, whole_euros};

declare_rule! {
    SavingsTargetMissed {
        code: "HK0505",
        name: "savings-target-missed",
        area: People,
        severity: Error,
        summary: "the design costs more than the savings target allows",
        options: &[
            SavingsTargetMissed::BASELINE_PAYROLL.spec(),
            SavingsTargetMissed::TARGET_SHARE.spec(),
            SavingsTargetMissed::TARGET_AMOUNT.spec(),
            SavingsTargetMissed::TARGETS.spec(),
        ],
    }
    docs: r#"## What it checks

The yearly cost of the design on the check day (salary × FTE of every post)
against the savings target (taakstelling) in force on that day: the limit is
`baseline_payroll × (1 − share) − amount`. A cost above the limit (by more
than half a cent) is one finding about the whole design (subject `design`),
naming the target and the period it is in force, with the shortfall as data.
The message gives whole euros, or euros and cents when the design is less
than a euro over, so a € 0.50 overshoot reads `€ 0.50 above`, not `€ 1
above`. The FTE is the post's establishment (`fte`), which the design file
sets to 1.0 when it leaves `fte` out; the people appointed to the post do not
change the cost. Posts without a salary add nothing to the cost, so the cost
is then a lower bound; the finding says how many there are. With
`baseline_payroll = 0` (the default) there is no target and nothing is
checked; a policy that gives a target without a baseline is refused.

The target is given in one of two forms. `target_share` and `target_amount`
hold on every day. `targets` gives a target per period, as a list of tables
with `from` and `until` (days, inclusive; either may be left out for an open
end) and an `amount` and/or a `share`; the target in force on the check day
(the policy's `as_of`, `--as-of`, or today) is used. Periods may not overlap.
A day that no period covers has no target: the rule then reports, at `info`,
that none is in force, with the targets before and after it, and judges
nothing. It does not take a neighbour's target. A policy gives one of the
two forms; one that extends another replaces the other's form with its own.

## Why it matters

Hengelo's reorganisation of 2021 came with a taakstelling that rose in steps
to 2% of the gross payroll: EUR 400k in 2020, then EUR 840k a year from 2022,
which puts the payroll near EUR 42 million. The document gives no figure for
2021, so a policy leaves that year out rather than guess. A design that does
not meet its target cannot be adopted as is.

## Example

Baseline € 42,000,000 and the target of € 840,000 in force from 2022-01-01
give a limit of € 41,160,000; a design costing € 41,500,000 on 2023-01-01
misses it by € 340,000. The same design checked on 2020-06-01 is judged
against € 400,000 (limit € 41,600,000) and passes; on 2021-06-01 no target is
in force.

## Options

```toml
[rules.savings-target-missed]
baseline_payroll = 42_000_000.0   # euros a year; 0 means no target
target_share = 0.0                # every day: the share to save (0 to 1)
target_amount = 0.0               # every day: euros a year, on top of the share

# or, instead of target_share and target_amount, a target per period:
[[rules.savings-target-missed.targets]]
from = 2020-01-01
until = 2020-12-31
amount = 400_000.0                # euros a year to save (and/or share = 0.02)

[[rules.savings-target-missed.targets]]
from = 2022-01-01
amount = 840_000.0
```

## Complexity

O(n) over the posts, and O(log t) to find the target in force among t.
"#
}

impl SavingsTargetMissed {
    /// The option `baseline_payroll`: the gross payroll the target is measured against, in euros a year; 0 means no target.
    pub const BASELINE_PAYROLL: NumberOption = NumberOption {
        name: "baseline_payroll",
        default: 0.0,
        min: 0.0,
        max: 1.0e12,
        doc: "the gross payroll the target is measured against, in euros a year; 0 means no target",
    };
    /// The option `target_share`: the share of the baseline to save (0.02 is 2%), on every day.
    pub const TARGET_SHARE: NumberOption = NumberOption {
        name: "target_share",
        default: 0.0,
        min: 0.0,
        max: 1.0,
        doc: "the share of the baseline to save (0.02 is 2%), on every day",
    };
    /// The option `target_amount`: an amount to save in euros a year, on top of the share, on every day.
    pub const TARGET_AMOUNT: NumberOption = NumberOption {
        name: "target_amount",
        default: 0.0,
        min: 0.0,
        max: 1.0e12,
        doc: "an amount to save in euros a year, on top of the share, on every day",
    };
    /// A field of [`TARGETS`](Self::TARGETS): the amount to save in euros a year.
    pub const AMOUNT: NumberOption =
        NumberOption { name: "amount", default: 0.0, min: 0.0, max: 1.0e12, doc: "the amount to save in euros a year" };
    /// A field of [`TARGETS`](Self::TARGETS): the share of the baseline to save, on top of the amount.
    pub const SHARE: NumberOption = NumberOption {
        name: "share",
        default: 0.0,
        min: 0.0,
        max: 1.0,
        doc: "the share of the baseline to save (0.02 is 2%)",
    };
    /// The option `targets`: the savings target per period, instead of `target_share` and `target_amount`.
    pub const TARGETS: DatedOption = DatedOption {
        name: "targets",
        fields: &[SavingsTargetMissed::AMOUNT, SavingsTargetMissed::SHARE],
        every_day: &["target_share", "target_amount"],
        doc: "the savings target per period, instead of `target_share` and `target_amount`; a day no period covers has no target",
    };
}

impl Rule for SavingsTargetMissed {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let baseline = options.num(&Self::BASELINE_PAYROLL);
        if baseline <= 0.0 {
            return;
        }
        let day = cx.day();
        let dated = options.dated(&Self::TARGETS);
        // The target in force: its share, amount and period (none: every day).
        let (share, amount, period) = if dated.is_empty() {
            (options.num(&Self::TARGET_SHARE), options.num(&Self::TARGET_AMOUNT), None)
        } else {
            match dated.on(day) {
                Some(e) => (e.get(&Self::SHARE), e.get(&Self::AMOUNT), Some(e.period())),
                None => {
                    let (cost, _) = design_cost(cx);
                    let target = |e: &crate::check::DatedEntry| {
                        whole_euros(baseline * e.get(&Self::SHARE) + e.get(&Self::AMOUNT))
                    };
                    let message = format!(
                        "no savings target is in force on {day}, so the design's cost of {} a year is not judged: {}",
                        whole_euros(cost),
                        around(dated, day, target)
                    );
                    let f = out
                        .finding("design", message)
                        .help("add the target of this period to the policy's `targets` if there is one")
                        .data("actual", round(cost, 2))
                        .data("in_force", false);
                    out.push_info(f);
                    return;
                }
            }
        };
        let limit = baseline * (1.0 - share) - amount;
        let (cost, unknown) = design_cost(cx);
        if cost <= limit + 0.005 {
            return;
        }
        let money = money_for(cost - limit);
        let mut message = format!(
            "the design costs {} a year, {} above the savings target of {} (",
            money(cost),
            money(cost - limit),
            money(limit)
        );
        if share == 0.0 && amount > 0.0 {
            message.push_str(&format!("{} off {}", whole_euros(amount), whole_euros(baseline)));
        } else {
            message.push_str(&format!("{} off {}", percent(share), whole_euros(baseline)));
            if amount > 0.0 {
                message.push_str(&format!(" and {} more", whole_euros(amount)));
            }
        }
        if let Some(p) = period {
            message.push_str(&format!(", in force {}", crate::check::policy::period_words(p)));
        }
        message.push(')');
        let mut f = out
            .finding("design", message)
            .help("lower the design's cost: fewer posts or FTE, or lower scales")
            .data("actual", round(cost, 2))
            .data("limit", round(limit, 2))
            .data("baseline", baseline)
            .data("target", round(baseline * share + amount, 2))
            .data("shortfall", round(cost - limit, 2))
            .data("unknown_salary", unknown);
        if let Some(Period { from, until }) = period {
            f = f.data("from", from.map(|d| d.to_string())).data("until", until.map(|d| d.to_string()));
        }
        if unknown > 0 {
            f.help = Some(format!(
                "lower the design's cost: fewer posts or FTE, or lower scales; the cost leaves out {} without a salary",
                crate::check::rules::count(unknown, "post", "posts")
            ));
        }
        out.push(f);
    }
}
