use crate::check::rules::{declare_rule, post_path, unit_path};
use crate::check::{Context, Findings, OptionKind, OptionSpec, Rule, RuleMeta, RuleOptions};
use crate::model::{Target, UnitKind};

declare_rule! {
    CommunityHasLineManager {
        code: "HK0305",
        name: "community-has-line-manager",
        area: Governance,
        severity: Error,
        summary: "a community (vakgroep) has a line manager or is steered by a manager or kwartiermaker",
        options: &[OptionSpec {
            name: "steering_roles",
            kind: OptionKind::Strings { default: &["kwartiermaker"] },
            doc: "roles that may not steer a community, next to every line-management role",
        }],
    }
    docs: r#"## What it checks

A unit of kind `community` (a vakgroep, a star-role network) stays outside the
line. It is reported when:

- it names a `head`;
- a post placed in it manages other posts (it has line reports or a
  line-management role);
- an assignment steers it, and the steering post has a line-management role
  or a role in `steering_roles`.

## Why it matters

De Bilt's vakgroepen join specialists from different teams. De Bilt keeps
them out of the formal structure on purpose: the professionals run them
themselves, so a manager or kwartiermaker in charge would undo the idea.

## Example

`vakgroep-juristen` names `hoofd-juridisch` as its head: it is reported. A
kwartiermaker with a development assignment into the vakgroep is reported too.

## Options

```toml
[rules.community-has-line-manager]
steering_roles = ["kwartiermaker"]
```

## Complexity

O(n + a) over the posts and assignments.
"#
}

impl Rule for CommunityHasLineManager {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let d = cx.design();
        let is_community = |t: Target| match t {
            Target::Unit(u) => cx.unit(u).is_some_and(|u| u.kind == UnitKind::Community),
            Target::Post(_) => false,
        };
        for u in d.units().filter(|u| u.kind == UnitKind::Community) {
            if let Some(h) = u.head {
                let f = out
                    .finding(
                        unit_path(&u.key),
                        format!(
                            "community `{}` has a head, `{}`, but a community has no line manager",
                            u.key,
                            cx.post_key(h)
                        ),
                    )
                    .related(post_path(&cx.post_key(h)))
                    .help("remove the `head` of the community; its members keep their own line managers");
                out.push(f);
            }
        }
        let per = &cx.measures().per_post;
        let line = cx.line();
        // Community flags by unit number, so the pass over the posts needs no lookups.
        let community: Vec<bool> = d.units().map(|u| u.kind == UnitKind::Community).collect();
        if !community.contains(&true) {
            return;
        }
        for (i, p) in cx.posts().iter().enumerate() {
            let Some(u) = p.unit else { continue };
            if !line.unit_number(i).and_then(|u| community.get(u)).copied().unwrap_or(false) {
                continue;
            }
            let manages = per.span.get(i).copied().unwrap_or(0) > 0 || cx.flags(i).line_management;
            if manages {
                let key = cx.target_key(Target::Unit(u));
                let f = out
                    .finding(
                        unit_path(&key),
                        format!("community `{key}` holds `{}`, a post that manages other posts", p.key),
                    )
                    .related(post_path(&p.key))
                    .help(
                        "place the managing post in a line unit; members of a community keep their own line managers",
                    );
                out.push(f);
            }
        }
        let steering = options.strings("steering_roles");
        for a in d.assignments() {
            if !is_community(a.target) {
                continue;
            }
            let Some(agent) = cx.post(a.agent) else { continue };
            let barred = d.role_flags(&agent.role).line_management || steering.contains(&agent.role);
            if !barred {
                continue;
            }
            let key = cx.target_key(a.target);
            let f = out
                .finding(
                    unit_path(&key),
                    format!(
                        "community `{key}` is steered by `{}` ({}) through assignment `{}`",
                        agent.key, agent.role, a.key
                    ),
                )
                .related(post_path(&agent.key))
                .related(format!("assignments/{}", a.key))
                .help("end the assignment: a community steers itself")
                .data("role", agent.role.clone());
            out.push(f);
        }
    }
}
