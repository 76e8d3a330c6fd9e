use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    TemporaryRoleWithoutEnd {
        code: "HK0401",
        name: "temporary-role-without-end",
        area: Time,
        severity: Error,
        summary: "a temporary post has no end date",
        options: &[],
    }
    docs: r#"## What it checks

Every temporary post has an end date (`until`). A post is temporary when it is
marked `temporary`, or when its role is temporary by nature: `kwartiermaker`,
`programmamanager`, `teammanager-tijdelijk`, or a custom role marked so.

## Why it matters

De Bilt's kwartiermakers build a unit and are meant to work themselves out of
a job, normally in two years. Almelo runs programmes for a fixed time and
gives its Adviespool temporary teammanagers for the first two years (sections
6.1 and 8.2). Without an end date, a temporary post quietly turns permanent.

## Example

`kwartiermaker-gebieden` starts on 2018-01-01 and has no `until`: it is
reported.

## Options

None.

## Complexity

O(n) over the posts.
"#
}

impl Rule for TemporaryRoleWithoutEnd {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for i in 0..cx.post_count() {
            if !cx.flags(i).temporary {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            if p.valid.until.is_some() {
                continue;
            }
            let f = out
                .finding(post_path(&p.key), format!("temporary post `{}` ({}) has no end date", p.key, p.role))
                .help("set `until` to the last day of its term")
                .data("role", p.role.to_string());
            out.push(f);
        }
    }
}
