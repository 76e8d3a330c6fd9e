use crate::check::rules::declare_rule;
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};

declare_rule! {
    ReferenceEnded {
        code: "HK0104",
        name: "reference-ended",
        area: Structure,
        severity: Warning,
        summary: "an element refers to a post or unit that does not exist on the check day",
        options: &[],
    }
    docs: r#"## What it checks

Judging the design as of a day keeps only the elements valid that day. An
element that is still valid but refers to one that has ended (or not yet
started) loses that reference: a post whose line manager's post has ended, a
post whose unit has closed, an assignment whose escalation point is gone.
Every such reference is a finding, naming the field and the target.

## Why it matters

Periods are how a design shows its future: kwartiermakers leave, temporary
teams close (De Bilt; Almelo 6.1 and 8.2). When one element ends, what depends
on it has to be rearranged on the same day, or the line has a hole.

## Example

`kwartiermaker` ends on 2019-12-31 and `medewerker-1` still reports to it.
Checked as of 2020-01-01, the `reports_to` of `medewerker-1` points to a post
that no longer exists.

## Options

None.

## Complexity

O(n): the references come from building the design as of the day.
"#
}

impl Rule for ReferenceEnded {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        for c in cx.cleared() {
            let holder = c.holder.split_once('/').map_or(c.holder.as_str(), |(_, k)| k);
            let target = c.target.split_once('/').map_or(c.target.as_str(), |(_, k)| k);
            let d = out
                .finding(
                    c.holder.clone(),
                    format!(
                        "the `{}` of `{holder}` points to `{target}`, which does not exist on {}",
                        c.field,
                        cx.day()
                    ),
                )
                .related(c.target.clone())
                .help("point it to an element that exists on that day, or end it on the same day")
                .data("field", c.field);
            out.push(d);
        }
    }
}
