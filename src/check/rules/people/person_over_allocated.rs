use std::collections::HashMap;

use crate::check::rules::{declare_rule, num, post_path};
use crate::check::{Context, Findings, IdMap, OptionKind, OptionSpec, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::model::{PersonId, PostId};

declare_rule! {
    PersonOverAllocated {
        code: "HK0501",
        name: "person-over-allocated",
        area: People,
        severity: Error,
        summary: "a person is allocated more than their working time across posts and assignments",
        options: &[
            OptionSpec {
                name: "max_share",
                kind: OptionKind::Number { default: 1.0, min: 0.0, max: 10.0 },
                doc: "the allocation allowed, as a share of the person's contract FTE",
            },
            OptionSpec {
                name: "count_acting",
                kind: OptionKind::Boolean { default: false },
                doc: "whether acting (waarnemend) appointments count toward the allocation",
            },
        ],
    }
    docs: r#"## What it checks

A person's allocation on the check day against their working time: the
person's `fte` (1.0 when not given) times `max_share`. The allocation is:

- the FTE of every appointment of the person valid that day (acting
  appointments only when `count_acting` is true), plus
- the `capacity` of every assignment carried by a post the person holds,
  when that post's role does not steer horizontally by nature. A
  programmamanager's programme *is* its post's work, so it adds nothing; a
  hoofd who is also a proceseigenaar through an assignment does extra work.
  When several people hold the post, the capacity is shared in proportion
  to their appointment FTE.

## Why it matters

Pool work (Almelo's Adviespool, Amersfoort's Flexportaal) and horizontal
assignments next to a line post make it easy to plan one person for more
hours than they have. The plan then fails on the first day.

## Example

`p1` works 0.8 FTE and holds `adviseur-1` for 0.8 and `adviseur-2` for 0.4:
1.2 FTE allocated, more than 0.8.

## Options

```toml
[rules.person-over-allocated]
max_share = 1.0        # allocation allowed as a share of contract FTE (0 to 10)
count_acting = false   # count acting (waarnemend) appointments
```

## Complexity

O(p + a) over the appointments and assignments, expected, plus
O(log n) per person allocated above the smallest contract.
"#
}

impl Rule for PersonOverAllocated {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max_share = options.number("max_share");
        let count_acting = options.boolean("count_acting");
        let d = cx.design();
        if cx.appointments().is_empty() {
            return;
        }
        // Extra capacity per post, from assignments of posts whose role is not horizontal.
        let mut extra: HashMap<PostId, (f64, Vec<String>)> = HashMap::new();
        for a in d.assignments() {
            let Some(c) = a.capacity.filter(|c| *c > 0.0) else { continue };
            let Some(agent) = cx.post(a.agent) else { continue };
            if d.role_flags(&agent.role).horizontal {
                continue;
            }
            let e = extra.entry(a.agent).or_default();
            e.0 += c;
            e.1.push(a.key.clone());
        }
        let mut held: HashMap<PostId, f64> = HashMap::new();
        if !extra.is_empty() {
            for a in cx.appointments() {
                if extra.contains_key(&a.post) {
                    *held.entry(a.post).or_default() += a.fte;
                }
            }
        }
        // First the allocation per person, without allocating per appointment;
        // the related items are gathered only for the people over their limit.
        let share = |a: &crate::model::Appointment| -> f64 {
            let mut fte = a.fte;
            if let Some((cap, _)) = extra.get(&a.post) {
                let total = held.get(&a.post).copied().unwrap_or(0.0);
                if total > 0.0 {
                    fte += cap * a.fte / total;
                }
            }
            fte
        };
        let mut per: IdMap<PersonId, f64> = IdMap::with_capacity_and_hasher(d.people().len(), Default::default());
        for a in cx.appointments() {
            if a.acting && !count_acting {
                continue;
            }
            *per.entry(a.person).or_default() += share(a);
        }
        // Nobody's limit is below the smallest contract times the share, so
        // only allocations above that need their person looked up.
        let floor = d.people().map(|p| p.fte.unwrap_or(1.0)).fold(f64::INFINITY, f64::min) * max_share;
        let mut over: IdMap<PersonId, (f64, f64, Vec<String>)> = IdMap::default();
        for (id, &fte) in &per {
            if fte <= floor + 1e-9 {
                continue;
            }
            let Some(person) = d.person(*id) else { continue };
            let limit = person.fte.unwrap_or(1.0) * max_share;
            if fte > limit + 1e-9 {
                over.insert(*id, (fte, limit, Vec::new()));
            }
        }
        if over.is_empty() {
            return;
        }
        for a in cx.appointments() {
            if a.acting && !count_acting {
                continue;
            }
            if let Some((_, _, related)) = over.get_mut(&a.person) {
                related.push(post_path(&cx.post_key(a.post)));
                if let Some((_, keys)) = extra.get(&a.post) {
                    related.extend(keys.iter().map(|k| format!("assignments/{k}")));
                }
            }
        }
        for person in d.people() {
            let Some((fte, limit, related)) = over.get_mut(&person.id) else { continue };
            related.sort();
            related.dedup();
            let mut f = out
                .finding(
                    format!("people/{}", person.key),
                    format!(
                        "person `{}` is allocated {} FTE, more than the {} FTE allowed",
                        person.key,
                        num(*fte),
                        num(*limit)
                    ),
                )
                .help("lower the FTE of an appointment or an assignment, or raise the person's contract")
                .data("actual", round(*fte, 3))
                .data("limit", round(*limit, 3));
            for r in related.iter() {
                f = f.related(r.clone());
            }
            out.push(f);
        }
    }
}
