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
started) loses that reference: a post whose unit has closed, a unit whose head
post has ended, an assignment whose escalation point is gone. An element that
still runs but joins something gone is left out of the day altogether, and is
reported as well: an appointment to a post that has ended (held by the person),
an assignment carried by or aimed at a post or unit that has ended (fields
`agent` and `target`), a membership of a community that has closed, a
portfolio (aandachtsgebied) whose unit or post has ended (fields `portfolio`
and `portfolio_holder`). A party outside the organisation that has ended
counts the same: a post `accountable_to` it, or an assignment naming it as a
principal (a link of a chain of principals included) or escalation point.
Every such reference is a finding, naming the field and the target.

One fact, one finding: a post whose line manager's post has ended is reported
by `missing-line-manager`, which names the ended post; this rule reports that
`reports_to` only when the post is a top post, which `missing-line-manager`
leaves alone.

## Why it matters

Periods are how a design shows its future: kwartiermakers leave, temporary
teams close (De Bilt; Almelo 6.1 and 8.2). When one element ends, what depends
on it has to be rearranged on the same day, or the line has a hole, someone is
appointed to nothing, or an assignment runs without anyone to carry it.

## Example

`kwartiermaker` ends on 2019-12-31, `jan` is still appointed to it and the
assignment `wijkaanpak` it carries still runs. Checked as of 2020-01-01, the
`appointment` of `jan` and the `agent` of `wijkaanpak` point to a post that no
longer exists: two findings.

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
            if c.field == "reports_to" && reported_as_unmanaged(cx, &c.holder) {
                continue;
            }
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

/// Whether `missing-line-manager` reports the post at `holder` for the line
/// manager it lost: it does for every post that is not a top post.
fn reported_as_unmanaged(cx: &Context<'_>, holder: &str) -> bool {
    let Some(key) = holder.strip_prefix("posts/") else { return false };
    cx.post(crate::model::PostId::from_key(key)).is_some_and(|p| p.reports_to.is_none() && !cx.is_top_post(p))
}
