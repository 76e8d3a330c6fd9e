use crate::check::rules::{declare_rule, post_path, unit_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};
use crate::model::Period;
use crate::model::dated;

declare_rule! {
    DatedValueGap {
        code: "HK0404",
        name: "dated-value-gap",
        area: Time,
        severity: Warning,
        summary: "a dated field leaves days of its element's life without a value",
        options: &[],
    }
    docs: r#"## What it checks

A post's or unit's field can be dated: a list of values, each for a period
(`"reports_to": [{"post": "teammanager", "until": "2020-06-30"}, {"post":
"hoofd", "from": "2020-07-01"}]`). Each stretch of days within the element's
own period that no value covers is reported: on those days the post has no
line manager, no unit, no FTE (counted as 0), no function, scale or salary, or
the unit no parent. A unit's kind keeps the last period's kind in a gap.

The whole life of the element is looked at, not only the check day. A gap in
`reports_to` that contains the check day is left to `missing-line-manager`,
which reports the post that day: one fact, one finding.

## Why it matters

Municipal plans move work and people step by step: De Bilt embeds the social
domain's work in the area teams over time, Almelo's Adviespool advisers move
from two temporary teammanagers to the hoofd after two years. A gap between
two steps is nearly always a slip in the dates (an `until` of 2020-06-29 where
2020-06-30 was meant); when it is meant, accept it in a baseline.

## Example

A post is placed in `sociaal-domein` until 2019-06-30 and in
`gebiedsteam-de-bilt` from 2019-08-01: the days from 2019-07-01 to 2019-07-31
are reported for `unit`.

## Options

None.

## Complexity

O(n + k) over the elements and their dated values.
"#
}

impl Rule for DatedValueGap {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        let design = cx.full_design();
        for p in cx.full_dated_posts() {
            let Some(d) = p.dated.as_deref() else { continue };
            let path = post_path(&p.key);
            let mut report = |field: &'static str, gaps: Vec<Period>| {
                for gap in gaps {
                    if field == "reports_to" && gap.contains(cx.day()) {
                        continue;
                    }
                    push(out, &path, "post", &p.key, field, gap);
                }
            };
            report("reports_to", dated::gaps(&d.reports_to, p.valid));
            report("unit", dated::gaps(&d.unit, p.valid));
            report("accountable_to", dated::gaps(&d.accountable_to, p.valid));
            report("function", dated::gaps(&d.function, p.valid));
            report("fte", dated::gaps(&d.fte, p.valid));
            report("scale", dated::gaps(&d.scale, p.valid));
            report("salary", dated::gaps(&d.salary, p.valid));
        }
        for u in design.units() {
            let Some(d) = u.dated.as_deref() else { continue };
            let path = unit_path(&u.key);
            for (field, gaps) in [("parent", dated::gaps(&d.parent, u.valid)), ("kind", dated::gaps(&d.kind, u.valid))]
            {
                for gap in gaps {
                    push(out, &path, "unit", &u.key, field, gap);
                }
            }
        }
    }
}

fn push(out: &mut Findings, path: &str, what: &str, key: &str, field: &str, gap: Period) {
    let days = dated::describe(gap);
    let f = out
        .finding(path.to_owned(), format!("{what} `{key}` has no `{field}` {days}: no dated value covers those days"))
        .help("make the periods meet (the next `from` is the day after the previous `until`), or accept the gap in a baseline")
        .data("field", field.to_owned())
        .data("gap", days);
    out.push(f);
}
