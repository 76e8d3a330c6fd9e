use std::collections::HashMap;

use crate::check::rules::{count, declare_rule, list, post_path};
use crate::check::{Context, Findings, Rule, RuleMeta, RuleOptions};
use crate::graph::Parent;

declare_rule! {
    ReportingCycle {
        code: "HK0101",
        name: "reporting-cycle",
        area: Structure,
        severity: Error,
        summary: "the reporting line runs in a circle",
        options: &[],
    }
    docs: r#"## What it checks

Finds every circle in the reporting line (a post that, following its line
managers upward, comes back to itself) and every post cut off from the top
by one: posts whose chain of line managers runs into the circle. One finding
per circle; the cut-off posts are listed as related items.

## Why it matters

The line gives every post exactly one chain of responsibility up to the top
(Almelo's integral line responsibility, section 4.4). In a circle nobody is
finally responsible, and every measure of layers and spans breaks down for
the posts under it. Every peer tool and the UK organogram validator reject it.

## Example

`a` reports to `b`, `b` to `c` and `c` back to `a`; `d` reports to `a`. The
finding names the circle `a`, `b`, `c` and lists `d` as cut off.

## Options

None.

## Complexity

O(n): the circles come from the measures, and one walk with memo labels
every cut-off post once.
"#
}

impl Rule for ReportingCycle {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, _options: &RuleOptions, out: &mut Findings) {
        let m = cx.rule_measures();
        if m.cycles.is_empty() {
            return;
        }
        let line = cx.line();
        let layer = &m.per_post.layer;
        let mut member: HashMap<&str, usize> = HashMap::new();
        for (c, cycle) in m.cycles.iter().enumerate() {
            for k in cycle {
                member.insert(k.as_str(), c);
            }
        }
        const NONE: usize = usize::MAX;
        let mut label = vec![NONE; line.len()];
        for i in 0..line.len() {
            if layer[i] == 0
                && let Some(&c) = member.get(line.key(i))
            {
                label[i] = c;
            }
        }
        // Walk up from every unlabelled unreachable post until a labelled one,
        // then label the whole walk: each post is walked once.
        let mut cut: Vec<Vec<String>> = vec![Vec::new(); m.cycles.len()];
        let mut path = Vec::new();
        for s in 0..line.len() {
            if layer[s] != 0 || label[s] != NONE {
                continue;
            }
            path.clear();
            let mut cur = s;
            let found = loop {
                if label[cur] != NONE {
                    break label[cur];
                }
                path.push(cur);
                match line.parent(cur) {
                    Parent::Post(p) if path.len() <= line.len() => cur = p,
                    _ => break NONE,
                }
            };
            for &x in &path {
                label[x] = found;
                if let Some(list) = cut.get_mut(found) {
                    list.push(line.key(x).to_owned());
                }
            }
        }
        for (cycle, mut cut_off) in m.cycles.iter().zip(cut) {
            let Some(first) = cycle.first() else { continue };
            cut_off.sort_by(|a, b| crate::diagnostic::natural_cmp(a, b));
            let mut message = format!("the reporting line runs in a circle through {}", list(cycle));
            if !cut_off.is_empty() {
                message.push_str(&format!(
                    ", which cuts {} off from the top",
                    count(cut_off.len(), "more post", "more posts")
                ));
            }
            let mut d = out
                .finding(post_path(first), message)
                .help("let one post in the circle report to a post outside it, or make it a top post")
                .data("posts", cycle.clone())
                .data("cut_off", cut_off.len());
            for k in cycle.iter().skip(1).chain(&cut_off) {
                d = d.related(post_path(k));
            }
            out.push(d);
        }
    }
}
