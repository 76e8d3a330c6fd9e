use crate::check::rules::declare_rule;
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    EscalationOutsideDirectie {
        code: "HK0303",
        name: "escalation-outside-directie",
        area: Governance,
        severity: Error,
        summary: "a horizontal assignment escalates to a point outside the directie",
        options: &[],
    }
    docs: r#"## What it checks

The escalation point an assignment names must lie in the directie: a unit of
kind `directie`, a post placed in one, or a post with a top role. The bestuur
above the directie (a party of kind `college`, `wethouder` or `raad`) passes
too: a conflict taken to the college goes over the directie, not around it.
Any other party (the griffie, a partner, a company) is reported: it is
outside the organisation and cannot decide between its line and its
steering. An assignment that names no escalation point is left to
`assignment-incomplete`.

## Why it matters

When the line and a horizontal steering line disagree, someone above both
has to decide. Almelo (section 4.4) asks for a known route that ends at the
directie: a unit head who is one of the two parties cannot be the judge.

## Example

`programma-wonen` escalates to `hoofd-sociaal`, the head of the unit it
steers: it is reported. Escalating to the unit `directie` passes, and so
does escalating to the party `college` (Almelo lets a wijkopgave go to the
bestuur). Escalating to `omgevingsdienst`, a partner, is reported.

## Options

None.

## Complexity

O(a) over the assignments.
"#
}

impl Rule for EscalationOutsideDirectie {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for a in cx.assignments() {
            let Some(e) = a.escalation else { continue };
            if cx.is_directie(e) || cx.is_bestuur(e) {
                continue;
            }
            let outside = if matches!(e, crate::Target::Party(_)) { ", a party outside the organisation" } else { "" };
            let d = out
                .finding(
                    format!("assignments/{}", a.key),
                    format!(
                        "assignment `{}` escalates to `{}`{outside}, which is not in the directie",
                        a.key,
                        cx.target_key(e)
                    ),
                )
                .related(cx.target_path(e))
                .help("set `escalation` to the `directie` unit or a directie post")
                .data("escalation", cx.target_path(e));
            out.push(d);
        }
    }
}
