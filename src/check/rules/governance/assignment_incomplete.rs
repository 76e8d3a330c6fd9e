use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, FlagOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    AssignmentIncomplete {
        code: "HK0302",
        name: "assignment-incomplete",
        area: Governance,
        severity: Error,
        summary: "a horizontal assignment misses its principal, goal, period or escalation point",
        options: &[AssignmentIncomplete::REQUIRE_END.spec()],
    }
    docs: r#"## What it checks

Every horizontal steering assignment names its principal (`principal`, the
opdrachtgever), its `goal`, its period (`from`, and `until` unless
`require_end` is false) and its escalation point (`escalation`). One finding
per assignment lists what is missing.

## Why it matters

Almelo (section 4.4) steers across the line with programmes, districts and
process owners, and asks that every such assignment be clear: who commissions
it, what it must achieve, for how long, and where a conflict with the line is
decided. Without those, horizontal steering becomes a second, unclear line.

## Example

`programma-wonen` has a goal and a period but no `principal` and no
`escalation`: it is reported with `missing = ["principal", "escalation point"]`.

## Options

```toml
[rules.assignment-incomplete]
require_end = true   # the period needs an end date too
```

## Complexity

O(a) over the assignments.
"#
}

impl AssignmentIncomplete {
    /// The option `require_end`: whether the period must have an end date as well as a start date.
    pub const REQUIRE_END: FlagOption = FlagOption {
        name: "require_end",
        default: true,
        doc: "whether the period must have an end date as well as a start date",
    };
}

impl Rule for AssignmentIncomplete {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let require_end = options.flag(&Self::REQUIRE_END);
        for a in cx.assignments() {
            let mut missing = Vec::new();
            if a.principal.is_none() {
                missing.push("principal");
            }
            if a.goal.as_deref().is_none_or(|g| g.trim().is_empty()) {
                missing.push("goal");
            }
            if a.valid.from.is_none() {
                missing.push("start date");
            }
            if require_end && a.valid.until.is_none() {
                missing.push("end date");
            }
            if a.escalation.is_none() {
                missing.push("escalation point");
            }
            if missing.is_empty() {
                continue;
            }
            let names = match missing.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => missing.join(""),
            };
            let d = out
                .finding(format!("assignments/{}", a.key), format!("assignment `{}` names no {names}", a.key))
                .related(post_path(&cx.post_key(a.agent)))
                .help("fill in `principal`, `goal`, `from`, `until` and `escalation` of the assignment")
                .data("missing", missing);
            out.push(d);
        }
    }
}
