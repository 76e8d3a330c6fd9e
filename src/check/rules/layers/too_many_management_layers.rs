use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    TooManyManagementLayers {
        code: "HK0201",
        name: "too-many-management-layers",
        area: Layers,
        severity: Error,
        summary: "a management post lies deeper than the allowed number of management layers",
        options: &[TooManyManagementLayers::MAX.spec()],
    }
    docs: r#"## What it checks

The management layer of a management post is the number of management posts
on its line up to the top, itself included (a management post has line
reports or a line-management role; staff posts such as the concerncontroller
add no layer). Every management post in layer `max + 1` is reported: it is
where the line first gets too deep. Its managers are listed as related items.
The members of a collective leadership (a unit marked
`collective_leadership`) are one layer together, even when one of them is
written as the others' line manager; a self-steering team adds the one layer
of its members under the post it answers to.

## Why it matters

Almelo's plan (sections 5 and 8) allows at most four management layers:
algemeen directeur, adjunct-directeuren, hoofden and teammanagers. Fewer
layers is the main reason municipalities restructure (Leeuwendaal 2007); there
is no legal norm, so the limit is the policy's.

## Example

`gs` → `adjunct` → `hoofd` → `teammanager` → `coordinator`, where the
coordinator has reports of its own: `coordinator` is in management layer 5.

## Options

```toml
[rules.too-many-management-layers]
max = 4   # the most management layers allowed (1 to 100)
```

## Complexity

O(n + f·max) for f findings: the layers come from the measures.
"#
}

impl TooManyManagementLayers {
    /// The option `max`: the most management layers allowed.
    pub const MAX: IntOption =
        IntOption { name: "max", default: 4, min: 1, max: 100, doc: "the most management layers allowed" };
}

impl Rule for TooManyManagementLayers {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX);
        let mlayer = &cx.rule_measures().per_post.management_layer;
        for (i, &l) in mlayer.iter().enumerate() {
            let l = i64::from(l);
            if l != max + 1 {
                continue;
            }
            let Some(p) = cx.post_at(i) else { continue };
            let mut d = out
                .finding(post_path(&p.key), format!("`{}` is in management layer {l}, above the limit of {max}", p.key))
                .help("take a management layer out of the line above it, or let it report one level higher")
                .data("actual", l)
                .data("limit", max);
            let mut chain = Vec::new();
            let mut cur = i;
            while let Some(m) = cx.manager_of(cur) {
                if chain.len() > max as usize + 1 {
                    break;
                }
                chain.push(cx.line().key(m).to_owned());
                cur = m;
            }
            for k in chain.iter().rev() {
                d = d.related(post_path(k));
            }
            out.push(d);
        }
    }
}
