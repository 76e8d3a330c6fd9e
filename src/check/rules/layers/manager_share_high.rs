use crate::check::rules::declare_rule;
use crate::check::{Context, Findings, NumberOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::number::{num, percent};

declare_rule! {
    ManagerShareHigh {
        code: "HK0204",
        name: "manager-share-high",
        area: Layers,
        severity: Info,
        summary: "management posts take a larger share of the establishment than the benchmark",
        options: &[ManagerShareHigh::MAX_SHARE.spec()],
    }
    docs: r#"## What it checks

The FTE of all management posts (posts with line reports or a
line-management role) as a share of the FTE of all posts. A share above
`max_share` is one finding about the whole design (subject `design`).

## Why it matters

A benchmark, not a law: municipalities had 6.1 managers per 100 staff in 2012
(about 1:16), and across 19 sectors managers are about 4.6% of the
establishment (Berenschot). A design far above that spends on steering what
it could spend on work.

## Example

A design of 20 FTE with 3 FTE of managers has a share of 15%, above the
default of 6.1%.

## Options

```toml
[rules.manager-share-high]
max_share = 0.061   # 6.1 per 100, the municipal benchmark of 2012 (0 to 1)
```

## Complexity

O(n).
"#
}

impl ManagerShareHigh {
    /// The option `max_share`: the largest share of the establishment's FTE in management posts.
    pub const MAX_SHARE: NumberOption = NumberOption {
        name: "max_share",
        default: 0.061,
        min: 0.0,
        max: 1.0,
        doc: "the largest share of the establishment's FTE in management posts",
    };
}

impl Rule for ManagerShareHigh {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.num(&Self::MAX_SHARE);
        let per = &cx.rule_measures().per_post;
        let line = cx.line();
        let (mut total, mut managers, mut count) = (0.0, 0.0, 0usize);
        for i in 0..line.len() {
            let fte = line.fte(i);
            total += fte;
            if per.span.get(i).copied().unwrap_or(0) > 0 || line.manager_role(i) {
                managers += fte;
                count += 1;
            }
        }
        if total <= 0.0 {
            return;
        }
        let share = managers / total;
        if share <= max + 1e-12 {
            return;
        }
        let d = out
            .finding(
                "design",
                format!(
                    "management posts hold {} of the establishment ({} of {} FTE), above the benchmark of {}",
                    percent(share),
                    num(managers),
                    num(total),
                    percent(max)
                ),
            )
            .help("widen spans of control so that fewer management posts are needed")
            .data("actual", crate::number::rounded(share, 3))
            .data("limit", max)
            .data("manager_posts", count)
            .data("manager_fte", round(managers, 3))
            .data("total_fte", round(total, 3));
        out.push(d);
    }
}
