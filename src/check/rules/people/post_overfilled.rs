use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, FlagOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::number::num;

declare_rule! {
    PostOverfilled {
        code: "HK0502",
        name: "post-overfilled",
        area: People,
        severity: Error,
        summary: "a post holds more people's FTE than its establishment",
        options: &[PostOverfilled::COUNT_ACTING.spec()],
    }
    docs: r#"## What it checks

The FTE of the appointments to a post valid on the check day, summed, against
the post's own `fte` (its establishment). More is reported. Acting appointments
count only when `count_acting` is true, since someone acting usually stands in
for an absent holder.

An appointment without `fte` in the design file counts as 1.0 FTE (full
time): that is the file format's default, and the writer leaves `fte` out of
an appointment of exactly 1.0, so a missing `fte` and a written 1.0 are the
same value once loaded. Give `fte` on every part-time appointment.

## Why it matters

A post is a place in the establishment (formatie) with a budget. Filling it
beyond its FTE spends money the design does not have. No seed states the rule
in so many words; it is the invariant of every placement plan, whose
formation overview sets occupied FTE against the establishment per unit
(`reference/dutch-reorg-rules.md`, section 7).

## Example

`adviseur-1` has 0.8 FTE; `p1` holds it for 0.8 and `p2` for 0.4: 1.2 FTE,
more than 0.8.

## Options

```toml
[rules.post-overfilled]
count_acting = false   # count acting (waarnemend) appointments
```

## Complexity

O(n + p) over the posts and appointments.
"#
}

impl PostOverfilled {
    /// The option `count_acting`: whether acting (waarnemend) appointments count toward the filled FTE.
    pub const COUNT_ACTING: FlagOption = FlagOption {
        name: "count_acting",
        default: false,
        doc: "whether acting (waarnemend) appointments count toward the filled FTE",
    };
}

impl Rule for PostOverfilled {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let count_acting = options.flag(&Self::COUNT_ACTING);
        if cx.appointments().is_empty() {
            return;
        }
        let filled = cx.filled_fte(count_acting);
        let holders = cx.holders(count_acting);
        for (i, &fte) in cx.line().ftes().iter().enumerate() {
            if filled[i] <= fte + 1e-9 {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            let f = out
                .finding(
                    post_path(&p.key),
                    format!("post `{}` is filled for {} FTE, more than its {} FTE", p.key, num(filled[i]), num(p.fte)),
                )
                .help("lower the FTE of its appointments, or raise the post's establishment")
                .data("actual", round(filled[i], 3))
                .data("limit", p.fte)
                .data("holders", holders[i]);
            out.push(f);
        }
    }
}
