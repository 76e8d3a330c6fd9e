use std::collections::{BTreeMap, HashMap};

use crate::check::context::People;
use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, FlagOption, NumberOption, Rule, RuleMeta, RuleOptions};
use crate::measures::round;
use crate::model::Appointment;
use crate::number::num;

declare_rule! {
    PersonOverAllocated {
        code: "HK0501",
        name: "person-over-allocated",
        area: People,
        severity: Error,
        summary: "a person is allocated more than their working time across posts and assignments",
        options: &[PersonOverAllocated::MAX_SHARE.spec(), PersonOverAllocated::COUNT_ACTING.spec()],
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

An appointment without `fte` in the design file counts as 1.0 FTE (full
time): that is the file format's default, and the writer leaves `fte` out of
an appointment of exactly 1.0, so a missing `fte` and a written 1.0 are the
same value once loaded. Give `fte` on every part-time appointment.

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

O(n + p + a) over the people, appointments and assignments, expected:
people are found by their id in the design's sorted list of people.
"#
}

impl PersonOverAllocated {
    /// The option `max_share`: the allocation allowed, as a share of the person's contract FTE.
    pub const MAX_SHARE: NumberOption = NumberOption {
        name: "max_share",
        default: 1.0,
        min: 0.0,
        max: 10.0,
        doc: "the allocation allowed, as a share of the person's contract FTE",
    };
    /// The option `count_acting`: whether acting (waarnemend) appointments count toward the allocation.
    pub const COUNT_ACTING: FlagOption = FlagOption {
        name: "count_acting",
        default: false,
        doc: "whether acting (waarnemend) appointments count toward the allocation",
    };
}

impl Rule for PersonOverAllocated {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max_share = options.num(&Self::MAX_SHARE);
        let count_acting = options.flag(&Self::COUNT_ACTING);
        if cx.appointments().is_empty() {
            return;
        }
        // Extra capacity per post number, from assignments of posts whose role is not horizontal.
        let mut extra: HashMap<usize, (f64, Vec<String>)> = HashMap::new();
        for a in cx.assignments() {
            let Some(c) = a.capacity.filter(|c| *c > 0.0) else { continue };
            let Some(i) = cx.index_of(a.agent) else { continue };
            if cx.flags(i).horizontal {
                continue;
            }
            let e = extra.entry(i).or_default();
            e.0 += c;
            e.1.push(a.key.clone());
        }
        // The FTE held in each post, acting appointments included.
        let held = cx.filled_fte(true);
        let share = |a: &Appointment, post: Option<usize>| -> f64 {
            let mut fte = a.fte;
            if let Some((cap, _)) = post.and_then(|i| extra.get(&i)) {
                let total = post.and_then(|i| held.get(i)).copied().unwrap_or(0.0);
                if total > 0.0 {
                    fte += cap * a.fte / total;
                }
            }
            fte
        };
        // People by number: the design lists them sorted by id. The context
        // numbers them while it is built, when the checker runs this rule.
        let numbered;
        let people = match cx.numbered_people() {
            Some(people) => people,
            None => {
                numbered = People::of(cx.full_design());
                &numbered
            }
        };
        let n = people.ids.len();
        let limit: Vec<f64> = people.fte.iter().map(|fte| fte * max_share).collect();
        // The allocation per person, summed in appointment order; `counted`
        // marks the people with at least one appointment that counts.
        let mut per = vec![0.0f64; n];
        let mut counted = vec![false; n];
        // The people are found a chunk of appointments at a time, so that
        // the cache misses of a million lookups overlap; an appointment that
        // does not count has no person to find.
        people.index.find_each(
            &people.ids,
            cx.appointments().iter().enumerate(),
            |(_, a)| (count_acting || !a.acting).then_some(a.person),
            |(k, a), j| {
                if let Some(j) = j {
                    per[j] += share(a, cx.appointment_post(k));
                    counted[j] = true;
                }
            },
        );
        let mut over: BTreeMap<usize, (f64, f64, Vec<String>)> = BTreeMap::new();
        for j in 0..n {
            if counted[j] && per[j] > limit[j] + 1e-9 {
                over.insert(j, (per[j], limit[j], Vec::new()));
            }
        }
        if over.is_empty() {
            return;
        }
        for (k, a) in cx.appointments().iter().enumerate() {
            if a.acting && !count_acting {
                continue;
            }
            let Some(j) = people.index.find(&people.ids, a.person) else { continue };
            if let Some((_, _, related)) = over.get_mut(&j) {
                related.push(post_path(&cx.post_key(a.post)));
                if let Some((_, keys)) = cx.appointment_post(k).and_then(|i| extra.get(&i)) {
                    related.extend(keys.iter().map(|k| format!("assignments/{k}")));
                }
            }
        }
        for (person, (fte, limit, mut related)) in
            cx.people().enumerate().filter_map(|(j, p)| Some((p, over.remove(&j)?)))
        {
            related.sort();
            related.dedup();
            let mut f = out
                .finding(
                    format!("people/{}", person.key),
                    format!(
                        "person `{}` is allocated {} FTE, more than the {} FTE allowed",
                        person.key,
                        num(fte),
                        num(limit)
                    ),
                )
                .help("lower the FTE of an appointment or an assignment, or raise the person's contract")
                .data("actual", round(fte, 3))
                .data("limit", round(limit, 3));
            for r in related {
                f = f.related(r);
            }
            out.push(f);
        }
    }
}
