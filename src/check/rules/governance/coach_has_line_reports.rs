use crate::check::rules::{count, declare_rule, post_path};
use crate::check::{Context, Findings, ListOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    CoachHasLineReports {
        code: "HK0306",
        name: "coach-has-line-reports",
        area: Governance,
        severity: Warning,
        summary: "a teamcoach has posts reporting to it in the line",
        options: &[CoachHasLineReports::ROLES.spec()],
    }
    docs: r#"## What it checks

A post whose role is in `roles` (by default `teamcoach`) with posts reporting
to it in the line. The reports are listed as related items.

## Why it matters

De Bilt gives its teams coaches to grow into self-steering teams, and keeps
those coaches out of the line on purpose. A coach who is also the line manager judges the people it
coaches, and the team is not self-steering.

## Example

`coach-klantenservice` has `medewerker-1` and `medewerker-2` reporting to it:
it is reported with a span of 2.

## Options

```toml
[rules.coach-has-line-reports]
roles = ["teamcoach"]
```

## Complexity

O(n): one pass over the posts; the reports of a coach come from the graph index.
"#
}

impl CoachHasLineReports {
    /// The option `roles`: the coaching roles that should have no line reports.
    pub const ROLES: ListOption = ListOption {
        name: "roles",
        default: &["teamcoach"],
        doc: "the coaching roles that should have no line reports",
    };
}

impl Rule for CoachHasLineReports {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let roles = options.list(&Self::ROLES);
        let span = &cx.rule_measures().per_post.span;
        let n = cx.post_count();
        let mut flagged = vec![false; n];
        let mut any = false;
        for i in cx.posts_with_role(roles) {
            if span.get(i).copied().unwrap_or(0) > 0 {
                flagged[i] = true;
                any = true;
            }
        }
        if !any {
            return;
        }
        let graph = cx.graph();
        for (i, p) in cx.posts().iter().enumerate() {
            if !flagged[i] {
                continue;
            }
            let mut rs: Vec<String> = graph.reports(p.id).map(|r| cx.post_key(r)).collect();
            rs.sort_by(|a, b| crate::diagnostic::natural_cmp(a, b));
            // The measured span also counts a self-steering team the coach
            // answers for; only posts that name the coach are line reports.
            if rs.is_empty() {
                continue;
            }
            let mut d = out
                .finding(
                    post_path(&p.key),
                    format!(
                        "{} `{}` has {} in the line",
                        p.role,
                        p.key,
                        count(rs.len(), "direct report", "direct reports")
                    ),
                )
                .help("let the team report to its line manager; the coach supports it from outside the line")
                .data("actual", rs.len());
            for r in &rs {
                d = d.related(post_path(r));
            }
            out.push(d);
        }
    }
}
