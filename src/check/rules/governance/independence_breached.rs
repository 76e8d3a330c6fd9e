use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};
use crate::model::Target;

declare_rule! {
    IndependenceBreached {
        code: "HK0304",
        name: "independence-breached",
        area: Governance,
        severity: Error,
        summary: "an independent post has no direct line to the directie",
        options: &[],
    }
    docs: r#"## What it checks

Every post marked independent (its `independent` flag, or a role such as
`concerncontroller` that is independent by nature) must have a direct line to
the directie: it reports to a directie post, or its `accountable_to` is the
directie or a directie post. A line that reaches the directie only through
the head of its own unit is reported, naming that head.

## Why it matters

Almelo's concerncontroller sits organically in Bedrijfsvoering, but answers
straight to the directie (sections 5 and 6.2): a controller whose reports pass
the desk of the unit head it has to check is not independent. The same
holds for a CISO or a privacy officer.

## Example

`concerncontroller` sits in `bedrijfsvoering` and reports to `hoofd-bv`, the
unit's head, with no `accountable_to`: it is reported. Adding
`accountable_to = {"unit": "directie"}` makes it pass.

## Options

None.

## Complexity

O(n) over the posts.
"#
}

impl Rule for IndependenceBreached {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for i in 0..cx.post_count() {
            if !cx.flags(i).independent {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            if cx.answers_to_directie(p) {
                continue;
            }
            let head = p.unit.and_then(|u| cx.unit_head(u).map(|h| (u, h)));
            let message = match (p.reports_to, head) {
                (Some(m), Some((u, h))) if m == h => format!(
                    "independent post `{}` reaches the directie only through `{}`, the head of its unit `{}`",
                    p.key,
                    cx.post_key(h),
                    cx.target_key(Target::Unit(u))
                ),
                (Some(m), _) => format!(
                    "independent post `{}` has no direct line to the directie: it reports to `{}`",
                    p.key,
                    cx.post_key(m)
                ),
                (None, _) => format!("independent post `{}` has no direct line to the directie", p.key),
            };
            let mut f = out
                .finding(post_path(&p.key), message)
                .help("let it report to a directie post, or set `accountable_to` to the `directie` unit");
            if let Some(m) = p.reports_to {
                f = f.related(post_path(&cx.post_key(m)));
            }
            out.push(f);
        }
    }
}
