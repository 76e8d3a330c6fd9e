use crate::check::rules::{declare_rule, post_path, unit_path};
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};
use crate::diagnostic::natural_cmp;
use crate::measures::steering_lines;

declare_rule! {
    TooManySteeringLines {
        code: "HK0308",
        name: "too-many-steering-lines",
        area: Governance,
        severity: Warning,
        summary: "a unit is steered by more horizontal lines than allowed",
        options: &[TooManySteeringLines::MAX.spec()],
    }
    docs: r#"## What it checks

The coordination load of every unit: the number of distinct steering posts
with an assignment into the unit or into a post placed in it (the same measure
as `harkje metrics`). A load above `max` is reported, with the steering posts
as related items.

## Why it matters

Almelo (section 4.4) names the tension between steering lines: a team that
serves a programme, a district and two process owners at once, next to its
own line manager, spends its time coordinating. The limit makes that load
visible before it hurts.

## Example

Unit `uitvoering-fysiek` receives assignments from a programmamanager, two
wijkmanagers and a proceseigenaar: 4 lines, above the default of 3.

## Options

```toml
[rules.too-many-steering-lines]
max = 3   # the most distinct steering posts into one unit (1 to 10000)
```

## Complexity

O(a log a) over the assignments.
"#
}

impl TooManySteeringLines {
    /// The option `max`: the most distinct steering posts with an assignment into one unit.
    pub const MAX: IntOption = IntOption {
        name: "max",
        default: 3,
        min: 1,
        max: 10_000,
        doc: "the most distinct steering posts with an assignment into one unit",
    };
}

impl Rule for TooManySteeringLines {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX);
        // The same lines as the coordination load of `harkje metrics`, a group per unit.
        let lines = steering_lines(cx.assignments(), |p| cx.post(p).and_then(|p| p.unit));
        for group in lines.chunk_by(|a, b| a.0 == b.0) {
            if group.len() as i64 <= max {
                continue;
            }
            let Some(unit) = group.first().and_then(|&(u, _)| cx.unit(u)).map(|u| u.key.as_str()) else {
                continue;
            };
            // Agents' keys are looked up only for the units over the limit.
            let mut agents: Vec<String> = group.iter().map(|&(_, agent)| cx.post_key(agent)).collect();
            agents.sort_by(|a, b| natural_cmp(a, b));
            let mut d = out
                .finding(
                    unit_path(unit),
                    format!(
                        "unit `{unit}` is steered by {} horizontal lines, more than the limit of {max}",
                        agents.len()
                    ),
                )
                .help("bundle the assignments into this unit under fewer steering posts")
                .data("actual", agents.len())
                .data("limit", max);
            for a in &agents {
                d = d.related(post_path(a));
            }
            out.push(d);
        }
    }
}
