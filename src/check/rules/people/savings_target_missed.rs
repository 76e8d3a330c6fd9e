use crate::check::rules::declare_rule;
use crate::check::{Context, Findings, NumberOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::number::{euros, percent, whole_euros};

declare_rule! {
    SavingsTargetMissed {
        code: "HK0505",
        name: "savings-target-missed",
        area: People,
        severity: Error,
        summary: "the design costs more than the savings target allows",
        options: &[SavingsTargetMissed::BASELINE_PAYROLL.spec(), SavingsTargetMissed::TARGET_SHARE.spec(), SavingsTargetMissed::TARGET_AMOUNT.spec()],
    }
    docs: r#"## What it checks

The yearly cost of the design on the check day (salary × FTE of every post)
against the savings target (taakstelling): the limit is
`baseline_payroll × (1 − target_share) − target_amount`. A cost above the
limit (by more than half a cent) is one finding about the whole design
(subject `design`), with the shortfall as data. The message gives whole
euros, or euros and cents when the design is less than a euro over, so a
€ 0.50 overshoot reads `€ 0.50 above`, not `€ 1 above`. The FTE is the post's
establishment (`fte`), which the design file sets to 1.0 when it leaves `fte`
out; the people appointed to the post do not change the cost. Posts without a salary add nothing to the cost, so the
cost is then a lower bound; the finding says how many there are. With
`baseline_payroll = 0` (the default) there is no target and nothing is checked.

## Why it matters

Hengelo's reorganisation of 2021 came with a taakstelling that rose in steps
to 2% of the gross payroll: EUR 400k in 2020, then EUR 840k a year from 2022,
which puts the payroll near EUR 42 million. A design that does not meet it cannot be adopted as is.

## Example

Baseline € 42,000,000 and a share of 0.02 give a limit of € 41,160,000; a
design costing € 41,500,000 misses it by € 340,000.

## Options

```toml
[rules.savings-target-missed]
baseline_payroll = 42_000_000.0   # euros a year; 0 means no target
target_share = 0.02               # the share to save (0 to 1)
target_amount = 0.0               # euros a year, on top of the share
```

## Complexity

O(n) over the posts.
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
    /// The option `target_share`: the share of the baseline to save (0.02 is 2%).
    pub const TARGET_SHARE: NumberOption = NumberOption {
        name: "target_share",
        default: 0.0,
        min: 0.0,
        max: 1.0,
        doc: "the share of the baseline to save (0.02 is 2%)",
    };
    /// The option `target_amount`: an amount to save in euros a year, on top of the share.
    pub const TARGET_AMOUNT: NumberOption = NumberOption {
        name: "target_amount",
        default: 0.0,
        min: 0.0,
        max: 1.0e12,
        doc: "an amount to save in euros a year, on top of the share",
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
        let share = options.num(&Self::TARGET_SHARE);
        let amount = options.num(&Self::TARGET_AMOUNT);
        let limit = baseline * (1.0 - share) - amount;
        let mut cost = 0.0;
        let mut unknown = 0usize;
        let line = cx.line();
        for i in 0..line.len() {
            match line.salary(i) {
                None => unknown += 1,
                Some(salary) => cost += salary * line.fte(i),
            }
        }
        if cost <= limit + 0.005 {
            return;
        }
        // Under a euro too much, whole euros would round the overshoot to
        // `€ 1` or `€ 0`: then the amounts are given with their cents.
        let money: fn(f64) -> String = if cost - limit < 1.0 { euros } else { whole_euros };
        let mut message = format!(
            "the design costs {} a year, {} above the savings target of {} ({} off {}",
            money(cost),
            money(cost - limit),
            money(limit),
            percent(share),
            whole_euros(baseline)
        );
        if amount > 0.0 {
            message.push_str(&format!(" and {} more", whole_euros(amount)));
        }
        message.push(')');
        let mut f = out
            .finding("design", message)
            .help("lower the design's cost: fewer posts or FTE, or lower scales")
            .data("actual", round(cost, 2))
            .data("limit", round(limit, 2))
            .data("baseline", baseline)
            .data("shortfall", round(cost - limit, 2))
            .data("unknown_salary", unknown);
        if unknown > 0 {
            f.help = Some(format!(
                "lower the design's cost: fewer posts or FTE, or lower scales; the cost leaves out {} without a salary",
                crate::check::rules::count(unknown, "post", "posts")
            ));
        }
        out.push(f);
    }
}
