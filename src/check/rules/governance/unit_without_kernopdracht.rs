use crate::check::rules::{declare_rule, unit_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    UnitWithoutKernopdracht {
        code: "HK0307",
        name: "unit-without-kernopdracht",
        area: Governance,
        severity: Warning,
        summary: "a formal unit has no kernopdracht",
        options: &[],
    }
    docs: r#"## What it checks

Every formal unit in the line (kind `directie`, `eenheid`, `team`, `subteam`
or `pool`) has a `kernopdracht`, its core assignment, that is not blank.
Programmes, areas, communities, collectives and pop-up teams are not checked.

## Why it matters

De Bilt gives every unit and team a kernopdracht: a short statement of what it
is for. Without one, teams cannot steer themselves toward a goal, and overlap
between units goes unnoticed.

## Example

Unit `team-diensten` has no `kernopdracht`: it is reported.

## Options

None.

## Complexity

O(u) over the units.
"#
}

impl Rule for UnitWithoutKernopdracht {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for u in cx.units() {
            if !u.kind.in_line() || u.kernopdracht.as_deref().is_some_and(|k| !k.trim().is_empty()) {
                continue;
            }
            let d = out
                .finding(unit_path(&u.key), format!("unit `{}` ({}) has no kernopdracht", u.key, u.name))
                .help("write the unit's core assignment in its `kernopdracht`")
                .data("kind", u.kind.as_str());
            out.push(d);
        }
    }
}
