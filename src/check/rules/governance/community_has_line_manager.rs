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
  or a role in `steering_roles`. An assignment steers the community when its
  target is the community itself or a post placed in it (`unit` is the
  community): steering a vakgroep's member post is steering the vakgroep's
  work. This is the reading of the coordination load (`steering_lines` in the
  measures) and of `too-many-steering-lines`, so a vakgroep counted as steered
  there is judged as steered here. Members only linked by a `membership` are
  not placed in the community, and an assignment into them steers their own
  unit, not the vakgroep.

## Why it matters

De Bilt's vakgroepen join specialists from different teams. De Bilt keeps
them out of the formal structure on purpose: the professionals run them
themselves, so a manager or kwartiermaker in charge would undo the idea.

## Example

`vakgroep-juristen` names `hoofd-juridisch` as its head: it is reported. A
kwartiermaker with a development assignment into the vakgroep is reported too,
and so is one whose assignment targets `specialist`, a post placed in the
vakgroep.

## Options

```toml
[rules.community-has-line-manager]
steering_roles = ["kwartiermaker"]
```

## Complexity

O(u + c): over the units, and the posts in the communities and the assignments
into them and into those posts, from the graph index.
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
        for u in cx.units().filter(|u| u.kind == UnitKind::Community) {
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
        let communities: Vec<&Unit> = cx.units().filter(|u| u.kind == UnitKind::Community).collect();
        if communities.is_empty() {
            return;
        }
        let per = &cx.rule_measures().per_post;
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
            // Into the community itself, then into each post placed in it.
            let into_posts =
                graph.posts_in(u.id).flat_map(|p| graph.steering_into(Target::Post(p)).map(move |s| (s, Some(p))));
            for ((a, agent), via) in graph.steering_into(Target::Unit(u.id)).map(|s| (s, None)).chain(into_posts) {
                let (Some(a), Some(agent)) = (cx.assignment(a), cx.post(agent)) else { continue };
                let barred = cx.full_design().role_flags(&agent.role).line_management
                    || steering.iter().any(|r| *r == agent.role);
                if !barred {
                    continue;
                }
                let through = format!("through assignment `{}`", a.key);
                let via = via.and_then(|p| cx.post(p)).map(|p| &p.key[..]);
                let message = match via {
                    None => format!("community `{key}` is steered by `{}` ({}) {through}", agent.key, agent.role),
                    Some(post) => format!(
                        "community `{key}` is steered by `{}` ({}) {through} into `{post}`, a post placed in it",
                        agent.key, agent.role
                    ),
                };
                let mut f = out
                    .finding(unit_path(key), message)
                    .related(post_path(&agent.key))
                    .related(format!("assignments/{}", a.key));
                if let Some(post) = via {
                    f = f.related(post_path(post));
                }
                let f = f.help("end the assignment: a community steers itself").data("role", agent.role.to_string());
                out.push(f);
            }
        }
    }
}
