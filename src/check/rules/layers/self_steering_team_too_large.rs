use crate::check::rules::{declare_rule, unit_path};
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    SelfSteeringTeamTooLarge {
        code: "HK0205",
        name: "self-steering-team-too-large",
        area: Layers,
        severity: Warning,
        summary: "a self-steering team has more members than the policy allows",
        options: &[SelfSteeringTeamTooLarge::MAX.spec()],
    }
    docs: r#"## What it checks

The members of every self-steering team (the posts placed in a unit with
`self_steering`, other than its coach and the post it answers to). A team of
more than `max` members is reported.

## Why it matters

The post a self-steering team answers to counts the team as one report, so
`span-too-wide` does not see its size. But a team that steers itself has to
agree among its members on the work, the planning and the roles, and that
stops working once the group is too large to meet as one: it splits into
sub-groups that need coordinating, which is a manager's work again. De Bilt
gives its teams teamcoaches to grow into self-steering; the default of 15
takes the low end of the municipal guideline of 15 to 25 per manager (see
`span-too-wide`) as the most a team can carry without one. Set your own
figure in the policy.

## Example

`team-klantenservice` is self-steering with 18 members: above the default
of 15.

## Options

```toml
[rules.self-steering-team-too-large]
max = 15   # the most members a self-steering team may have (1 to 100000)
```

## Complexity

O(t) over the teams, whose members are found once in O(n).
"#
}

impl SelfSteeringTeamTooLarge {
    /// The option `max`: the most members a self-steering team may have.
    pub const MAX: IntOption = IntOption {
        name: "max",
        default: 15,
        min: 1,
        max: 100_000,
        doc: "the most members a self-steering team may have",
    };
}

impl Rule for SelfSteeringTeamTooLarge {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX);
        for team in cx.bodies().teams() {
            let size = team.members.len() as i64;
            if size <= max {
                continue;
            }
            let Some(unit) = cx.unit(team.unit) else { continue };
            let d = out
                .finding(
                    unit_path(&unit.key),
                    format!("self-steering team `{}` has {size} members, more than the limit of {max}", unit.key),
                )
                .help("split the team into smaller self-steering teams")
                .data("actual", size)
                .data("limit", max);
            out.push(d);
        }
    }
}
