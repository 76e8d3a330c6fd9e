use crate::check::rules::{declare_rule, post_path, unit_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    SelfSteeringMemberHasLineManager {
        code: "HK0106",
        name: "self-steering-member-has-line-manager",
        area: Structure,
        severity: Error,
        summary: "a post in a self-steering team has a line manager of its own",
        options: &[],
    }
    docs: r#"## What it checks

Every member of a self-steering team (a post placed in a unit with
`self_steering`, other than the team's coach and the post it answers to) that
has a line manager (`reports_to`). The finding is placed on the post's key in
the design file and names the team and the manager.

## Why it matters

A self-steering team has no line manager: it answers as a whole to the post
it names (De Bilt's teams steer their own work, coached by teamcoaches who
are not their managers). A member with a manager of its own says two things at once: the
measures hang the member under that manager, not under the team's
accountable post, and the manager's span counts the member. Either the team
is not self-steering, or the line is left over from before.

## Example

In a team `team-bilthoven-sociaal` with `"self_steering": {"accountable_to":
"directeur-2"}`, a post `adviseur-3` with `"reports_to": "teammanager-1"` is
reported.

## Options

None.

## Complexity

O(m) over the teams' members, found once in O(n).
"#
}

impl Rule for SelfSteeringMemberHasLineManager {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for team in cx.bodies().teams() {
            let Some(unit) = cx.unit(team.unit) else { continue };
            for &i in &team.members {
                let Some(p) = cx.post_at(i) else { continue };
                let Some(m) = p.reports_to else { continue };
                let manager = cx.post_key(m);
                let d = out
                    .finding(
                        post_path(&p.key),
                        format!(
                            "`{}` is in self-steering team `{}` but reports to `{manager}`: a self-steering team has no line manager",
                            p.key, unit.key
                        ),
                    )
                    .help("remove `reports_to` (the team answers to the post it names as a whole), or place the post outside the team")
                    .related(unit_path(&unit.key))
                    .related(post_path(&manager));
                out.push(d);
            }
        }
    }
}
