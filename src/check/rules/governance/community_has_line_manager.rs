use crate::check::rules::{declare_rule, post_path, unit_path};
use crate::check::{Context, Findings, ListOption, Rule, RuleMeta, RuleOptions};
use crate::model::{Target, Unit, UnitKind};

declare_rule! {
    CommunityHasLineManager {
        code: "HK0305",
        name: "community-has-line-manager",
        area: Governance,
        severity: Error,
        summary: "a community (vakgroep) has a line manager or is steered by a manager or kwartiermaker",
        options: &[CommunityHasLineManager::STEERING_ROLES.spec()],
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

O(u + c): over the units, and the posts in and assignments into the
communities, from the graph index.
"#
}

impl CommunityHasLineManager {
    /// The option `steering_roles`: roles that may not steer a community, next to every line-management role.
    pub const STEERING_ROLES: ListOption = ListOption {
        name: "steering_roles",
        default: &["kwartiermaker"],
        doc: "roles that may not steer a community, next to every line-management role",
    };
}

impl Rule for CommunityHasLineManager {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let d = cx.design();
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
        let communities: Vec<&Unit> = d.units().filter(|u| u.kind == UnitKind::Community).collect();
        if communities.is_empty() {
            return;
        }
        let per = &cx.measures().per_post;
        let graph = cx.graph();
        let steering = options.list(&Self::STEERING_ROLES);
        for u in communities {
            let key = u.key.as_str();
            for i in graph.posts_in(u.id).filter_map(|p| cx.index_of(p)) {
                let Some(p) = cx.post_at(i) else { continue };
                let manages = per.span.get(i).copied().unwrap_or(0) > 0 || cx.flags(i).line_management;
                if manages {
                    let f = out
                        .finding(
                            unit_path(key),
                            format!("community `{key}` holds `{}`, a post that manages other posts", p.key),
                        )
                        .related(post_path(&p.key))
                        .help(
                            "place the managing post in a line unit; members of a community keep their own line \
                             managers",
                        );
                    out.push(f);
                }
            }
            for (a, agent) in graph.steering_into(Target::Unit(u.id)) {
                let (Some(a), Some(agent)) = (d.assignment(a), cx.post(agent)) else { continue };
                let barred = d.role_flags(&agent.role).line_management || steering.contains(&agent.role);
                if !barred {
                    continue;
                }
                let f = out
                    .finding(
                        unit_path(key),
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
}
