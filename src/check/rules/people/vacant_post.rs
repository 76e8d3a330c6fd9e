use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, FlagOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::number::num;

declare_rule! {
    VacantPost {
        code: "HK0504",
        name: "vacant-post",
        area: People,
        severity: Info,
        summary: "a post is wholly or partly vacant",
        options: &[VacantPost::COUNT_ACTING.spec()],
    }
    docs: r#"## What it checks

A post with an establishment above zero whose appointments on the check day
add up to less than its FTE: vacant when nobody holds it, partly vacant
otherwise. The rule runs only when the design has people at all (at least one
appointment, on any day): a design without people is a formation plan, where
every post is open by design.

An appointment without `fte` in the design file counts as 1.0 FTE (full
time): that is the file format's default, and the writer leaves `fte` out of
an appointment of exactly 1.0, so a missing `fte` and a written 1.0 are the
same value once loaded. A part-time holder without `fte` hides a partial
vacancy: give `fte` on every part-time appointment.

## Why it matters

Vacancies are the room a reorganisation has. In Almelo's placement under the
Sociaal Statuut (section 7.3) a new function is a vacancy filled by selection,
and candidates for placement are offered open posts. Knowing them is the
start of the placement plan.

## Example

`adviseur-2` (1 FTE) has no appointment on the check day: it is vacant.

## Options

```toml
[rules.vacant-post]
count_acting = true   # an acting (waarnemend) holder fills the post
```

## Complexity

O(n + p) over the posts and appointments.
"#
}

impl VacantPost {
    /// The option `count_acting`: whether acting (waarnemend) appointments fill a post.
    pub const COUNT_ACTING: FlagOption =
        FlagOption { name: "count_acting", default: true, doc: "whether acting (waarnemend) appointments fill a post" };
}

impl Rule for VacantPost {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        if cx.full_design().appointments().len() == 0 {
            return;
        }
        let count_acting = options.flag(&Self::COUNT_ACTING);
        let filled = cx.filled_fte(count_acting);
        for (i, &fte) in cx.line().ftes().iter().enumerate() {
            let open = fte - filled[i];
            if fte <= 0.0 || open <= 1e-9 {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            let message = if filled[i] <= 1e-9 {
                format!("post `{}` ({} FTE) is vacant", p.key, num(p.fte))
            } else {
                format!("post `{}` has {} of its {} FTE vacant", p.key, num(open), num(p.fte))
            };
            let f = out
                .finding(post_path(&p.key), message)
                .help("appoint someone, or lower the post's FTE if it is not needed")
                .data("vacant_fte", round(open, 3))
                .data("fte", p.fte);
            out.push(f);
        }
    }
}
