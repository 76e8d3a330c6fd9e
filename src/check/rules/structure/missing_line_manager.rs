use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    MissingLineManager {
        code: "HK0102",
        name: "missing-line-manager",
        area: Structure,
        severity: Error,
        summary: "a post that is not a top post has no line manager",
        options: &[],
    }
    docs: r#"## What it checks

A post without a line manager (`reports_to`) that is not a top post. A **top
post** is a post without a line manager that is placed in a unit of kind
`directie`, or whose role is one of the policy's `top_roles` (by default
`algemeen-directeur`, `directeur` and `gemeentesecretaris`). When the line
manager's post has ended before the check day, or starts after it, the
message says so and names that post as related; `reference-ended` does not
report the same reference again.

A member of a self-steering team (a unit with `self_steering`) has no line
manager by design: the team answers as a whole to the post it names, and is
not reported here (`self-steering-without-accountable` reports a team that
names none). Nor is a member of a collective leadership whose line is given by
another member: the members lead together, so the collective has one line
above it, that of its first member (by key) that names a manager outside it.

## Why it matters

Every post except the top has exactly one line manager: that is integral line
responsibility (Almelo 4.4). A post outside the line has nobody to answer to,
and falls outside every count of layers and spans.

## Example

`adviseur-1` sits in unit `sociaal` with no `reports_to`: it is reported. The
gemeentesecretaris `gs` in the `directie` unit is a top post and is not.

## Options

None at the rule. The top roles are the policy's top-level `top_roles` list:

```toml
top_roles = ["gemeentesecretaris", "algemeen-directeur", "directeur"]
```

## Complexity

O(n) over the posts.
"#
}

impl Rule for MissingLineManager {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        let ended: std::collections::HashMap<&str, &crate::model::ClearedReference> =
            cx.cleared().iter().filter(|c| c.field == "reports_to").map(|c| (c.holder.as_str(), c)).collect();
        for i in cx.posts_without_manager() {
            let Some(p) = cx.post_at(i) else { continue };
            let in_body = cx.self_steering_team_of(p).is_some()
                || cx.collective_of(p).is_some_and(|c| c.above != crate::graph::Parent::Top);
            if p.reports_to.is_some() || cx.is_top_post(p) || in_body {
                continue;
            }
            let path = post_path(&p.key);
            let mut d = match ended.get(path.as_str()) {
                Some(c) => {
                    let key = c.target.strip_prefix("posts/").unwrap_or(&c.target);
                    out.finding(
                        path.clone(),
                        format!(
                            "`{}` has no line manager on {}: its line manager `{key}` {}",
                            p.key,
                            cx.day(),
                            c.absence.describe()
                        ),
                    )
                    .related(c.target.clone())
                }
                None => out.finding(path.clone(), format!("`{}` has no line manager and is not a top post", p.key)),
            };
            d = d.help(
                "set `reports_to` to its line manager's post, or place it in the `directie` unit if it is a top post",
            );
            out.push(d);
        }
    }
}
