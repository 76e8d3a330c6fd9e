use crate::check::rules::{count, declare_rule, post_path};
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    SpanTooNarrow {
        code: "HK0203",
        name: "span-too-narrow",
        area: Layers,
        severity: Warning,
        summary: "a manager has fewer direct reports than the minimum span",
        options: &[SpanTooNarrow::MIN.spec()],
    }
    docs: r#"## What it checks

Every management post (a post with line reports, or with a line-management
role such as `teammanager`) whose span of control is below `min`. With the
default of 2 it finds the "one over one": a manager with a single report, and
a manager post without any reports.

## Why it matters

A manager with one report adds a layer without adding steering: the pair does
the work of one post. Benchmarks (1:16 in municipalities in 2012, about 1:21
across sectors) and the 15–25 FTE guideline of one municipality all describe
spans far wider; the 2024 case regrouped its domains to get spans workable.

## Example

`hoofd` manages only `teammanager`: its span is 1, below the default of 2.

## Options

```toml
[rules.span-too-narrow]
min = 2   # the fewest direct line reports (1 to 100000)
```

## Complexity

O(n): spans come from the measures.
"#
}

impl SpanTooNarrow {
    /// The option `min`: the fewest direct line reports a management post should have.
    pub const MIN: IntOption = IntOption {
        name: "min",
        default: 2,
        min: 1,
        max: 100_000,
        doc: "the fewest direct line reports a management post should have",
    };
}

impl Rule for SpanTooNarrow {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let min = options.int(&Self::MIN);
        let per = &cx.rule_measures().per_post;
        let line = cx.line();
        for (i, &span) in per.span.iter().enumerate() {
            let manager = span > 0 || line.manager_role(i);
            if !manager || i64::from(span) >= min {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            let d = out
                .finding(
                    post_path(&p.key),
                    format!(
                        "`{}` manages {} directly, fewer than the minimum of {min}",
                        p.key,
                        count(span as usize, "post", "posts")
                    ),
                )
                .help("merge it with the post above or beside it, or give it a wider team")
                .data("actual", span)
                .data("limit", min);
            out.push(d);
        }
    }
}
