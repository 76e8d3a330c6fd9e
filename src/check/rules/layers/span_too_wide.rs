use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};
use crate::number::num;

declare_rule! {
    SpanTooWide {
        code: "HK0202",
        name: "span-too-wide",
        area: Layers,
        severity: Warning,
        summary: "a manager has more direct reports than the maximum span",
        options: &[SpanTooWide::MAX.spec()],
    }
    docs: r#"## What it checks

The span of control of every manager: the posts that report to it directly.
A span above `max` is reported, with the FTE of those reports as data.
A self-steering team counts as **one** report of the post it answers to (its
FTE counts in full), and a member of a collective leadership does not count
its fellow members: the spans are those of `harkje metrics`.

## Why it matters

A manager with too many direct reports has no time for each of them. Dutch
benchmarks put the municipal average near 1:16 (2012) and the cross-sector
average near 1:21 (Berenschot); one municipal guideline (Maasgouw) uses 15 to
25 FTE per manager. The 2024 case turned its 3 domains into 5 departments
for exactly this reason: each manager had too many people to lead.

## Example

`teammanager` has 30 medewerkers reporting to it: above the default of 25.

## Options

```toml
[rules.span-too-wide]
max = 25   # the most direct line reports (1 to 100000)
```

## Complexity

O(n): spans come from the measures.
"#
}

impl SpanTooWide {
    /// The option `max`: the most direct line reports a manager may have.
    pub const MAX: IntOption = IntOption {
        name: "max",
        default: 25,
        min: 1,
        max: 100_000,
        doc: "the most direct line reports a manager may have",
    };
}

impl Rule for SpanTooWide {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX);
        let per = &cx.rule_measures().per_post;
        for (i, &span) in per.span.iter().enumerate() {
            let span = i64::from(span);
            if span <= max {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            let fte = per.span_fte.get(i).copied().unwrap_or(0.0);
            let d = out
                .finding(
                    post_path(&p.key),
                    format!("`{}` has {span} direct reports ({} FTE), more than the limit of {max}", p.key, num(fte)),
                )
                .help("split the posts under it over more managers, or move some to another team")
                .data("actual", span)
                .data("limit", max)
                .data("fte", crate::measures::round(fte, 3));
            out.push(d);
        }
    }
}
