use std::collections::{BTreeMap, HashMap};

use crate::check::rules::{count, declare_rule, list, post_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};
use crate::diagnostic::natural_cmp;
use crate::model::PostId;

declare_rule! {
    TemporaryRoleExpired {
        code: "HK0403",
        name: "temporary-role-expired",
        area: Time,
        severity: Warning,
        summary: "a temporary post has passed its end date but is still in use",
        options: &[],
    }
    docs: r#"## What it checks

A temporary post (marked `temporary`, or with a temporary role such as
`kwartiermaker`) whose end date lies before the check day, while on that day
something still depends on it: a person still holds it, an assignment it
carries still runs, or a post still reports to it. A temporary post that
ended cleanly is not reported.

## Why it matters

De Bilt's kwartiermakers are meant to be gone when their term ends, and
Almelo plans the end of its temporary teammanagers and programmes (sections
6.1 and 8.2). When the term has passed but people, assignments or reports still hang
on the post, the temporary structure has become permanent by default.

## Example

`kwartiermaker-gebieden` ends on 2019-12-31; checked as of 2020-03-01, person
`p7` still holds it and `team-gebieden` still reports to it.

## Options

None.

## Complexity

O(n) over the whole design, with every period.
"#
}

impl Rule for TemporaryRoleExpired {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        let full = cx.full_design();
        let day = cx.day();
        // When every element is valid on the day, the context borrows the
        // design itself, and no post can have ended before the day.
        if cx.reads_full_design() {
            return;
        }
        let expired: HashMap<PostId, &crate::model::Post> = full
            .posts()
            .filter(|p| p.valid.until.is_some_and(|u| u < day) && (p.temporary || full.role_flags(&p.role).temporary))
            .map(|p| (p.id, p))
            .collect();
        if expired.is_empty() {
            return;
        }
        #[derive(Default)]
        struct Uses {
            holders: Vec<String>,
            assignments: Vec<String>,
            reports: Vec<String>,
        }
        let mut uses: BTreeMap<PostId, Uses> = BTreeMap::new();
        for a in full.appointments().filter(|a| a.valid.contains(day) && expired.contains_key(&a.post)) {
            let key = full.person(a.person).map_or_else(|| a.person.to_string(), |p| p.key.clone());
            uses.entry(a.post).or_default().holders.push(key);
        }
        for a in full.assignments().filter(|a| a.valid.contains(day) && expired.contains_key(&a.agent)) {
            uses.entry(a.agent).or_default().assignments.push(a.key.clone());
        }
        for p in full.posts().filter(|p| p.valid.contains(day)) {
            if let Some(m) = crate::model::dated::reports_to_on(p, day).filter(|m| expired.contains_key(m)) {
                uses.entry(m).or_default().reports.push(p.key.to_string());
            }
        }
        for (id, mut u) in uses {
            let Some(p) = expired.get(&id) else { continue };
            let until = p.valid.until.map(|d| d.to_string()).unwrap_or_default();
            for v in [&mut u.holders, &mut u.assignments, &mut u.reports] {
                v.sort_by(|a, b| natural_cmp(a, b));
            }
            let mut what = Vec::new();
            if !u.holders.is_empty() {
                what.push(format!("it is still held by {}", list(&u.holders)));
            }
            if !u.assignments.is_empty() {
                what.push(format!("it still carries {}", list(&u.assignments)));
            }
            if !u.reports.is_empty() {
                let verb = if u.reports.len() == 1 { "reports" } else { "report" };
                what.push(format!("{} still {verb} to it", count(u.reports.len(), "post", "posts")));
            }
            let mut f = out
                .finding(
                    post_path(&p.key),
                    format!("temporary post `{}` ended on {until}, but on {day} {}", p.key, what.join("; ")),
                )
                .help("end the appointments and assignments with the post, and move its reports to the line")
                .data("until", until.clone());
            for h in &u.holders {
                f = f.related(format!("people/{h}"));
            }
            for a in &u.assignments {
                f = f.related(format!("assignments/{a}"));
            }
            for r in &u.reports {
                f = f.related(post_path(r));
            }
            out.push(f);
        }
    }
}
