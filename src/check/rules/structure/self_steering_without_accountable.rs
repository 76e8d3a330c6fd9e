use crate::check::rules::{declare_rule, unit_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    SelfSteeringWithoutAccountable {
        code: "HK0105",
        name: "self-steering-without-accountable",
        area: Structure,
        severity: Error,
        summary: "a self-steering team answers to no post",
        options: &[],
    }
    docs: r#"## What it checks

Every self-steering team (a unit with `self_steering`) that names no post in
`self_steering.accountable_to`. When it names a post that has ended before the
check day, or starts after it, `reference-ended` reports that reference and
this rule does not report it again.

## Why it matters

A self-steering team has no line manager: its members steer their own work
together. It still answers for its results to someone, as a team. De Bilt's
teams grow toward self-steering with a teamcoach beside them, and the coach is
not that someone: the team answers to a member of the directie. Without an
accountable post the team's members hang nowhere in the line; they count in
no span and no layer, and a problem in the team has nowhere to go.

## Example

```json
{"key": "team-klantenservice", "name": "Team Klantenservice", "kind": "team",
 "self_steering": {"coach": "teamcoach-1"}}
```

is reported; with `"accountable_to": "directeur-2"` it is not.

## Options

None.

## Complexity

O(u) over the units, O(n) once to find the teams' members.
"#
}

impl Rule for SelfSteeringWithoutAccountable {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for team in cx.bodies().teams() {
            let Some(unit) = cx.unit(team.unit) else { continue };
            let path = unit_path(&unit.key);
            let named = unit.self_steering.and_then(|s| s.accountable_to).is_some();
            let ended = cx.cleared().iter().any(|c| c.holder == path && c.field == "self_steering/accountable_to");
            if named || ended {
                continue;
            }
            let d = out
                .finding(
                    path,
                    format!(
                        "self-steering team `{}` answers to no post: its {} hang outside the line",
                        unit.key,
                        crate::check::rules::count(team.members.len(), "member", "members")
                    ),
                )
                .help("set `self_steering.accountable_to` to the post the team answers to, such as a directeur")
                .data("members", team.members.len());
            out.push(d);
        }
    }
}
