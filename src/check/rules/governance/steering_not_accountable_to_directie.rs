use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, ListOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    SteeringNotAccountableToDirectie {
        code: "HK0301",
        name: "steering-not-accountable-to-directie",
        area: Governance,
        severity: Error,
        summary: "a horizontal steering post is not accountable directly to the directie",
        options: &[SteeringNotAccountableToDirectie::ROLES.spec()],
    }
    docs: r#"## What it checks

Every post whose role is in `roles` must answer directly to the directie: its
`accountable_to` is a `directie` unit or a post in one (or a post with a top
role), or its line manager is such a post.

## Why it matters

Almelo's programmamanagers and wijkmanagers belong to the Adviespool on
paper, while they answer to the directie itself (section 4.2): their work
cuts through units, so no one unit head can be their principal. De Bilt's six
gebiedsmakelaars report to the directie for the same reason.

## Example

`pm-wonen` (programmamanager) reports to `hoofd-sociaal` and names no
`accountable_to`: it is reported. With `accountable_to = {"unit": "directie"}`
it passes.

## Options

```toml
[rules.steering-not-accountable-to-directie]
roles = ["gebiedsmakelaar", "programmamanager", "wijkmanager"]
```

## Complexity

O(n) over the posts.
"#
}

impl SteeringNotAccountableToDirectie {
    /// The option `roles`: the roles that must be accountable directly to the directie.
    pub const ROLES: ListOption = ListOption {
        name: "roles",
        default: &["gebiedsmakelaar", "programmamanager", "wijkmanager"],
        doc: "the roles that must be accountable directly to the directie",
    };
}

impl Rule for SteeringNotAccountableToDirectie {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let roles = options.list(&Self::ROLES);
        for i in cx.posts_with_role(roles) {
            let Some(p) = cx.post_at(i) else { continue };
            if cx.answers_to_directie(p) {
                continue;
            }
            let mut message = format!("`{}` ({}) is not accountable directly to the directie", p.key, p.role);
            let mut d_related = Vec::new();
            if let Some(t) = p.accountable_to {
                message.push_str(&format!(": it answers to `{}`", cx.target_key(t)));
                d_related.push(cx.target_path(t));
            } else if let Some(m) = p.reports_to {
                message.push_str(&format!(": it reports to `{}`", cx.post_key(m)));
                d_related.push(post_path(&cx.post_key(m)));
            }
            let mut d = out
                .finding(post_path(&p.key), message)
                .help("set `accountable_to` to the `directie` unit, or let it report to a directie post")
                .data("role", p.role.to_string());
            for r in d_related {
                d = d.related(r);
            }
            out.push(d);
        }
    }
}
