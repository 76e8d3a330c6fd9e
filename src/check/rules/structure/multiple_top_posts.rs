use crate::check::rules::{declare_rule, list, post_path, unit_path};
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};
use crate::diagnostic::natural_cmp;

declare_rule! {
    MultipleTopPosts {
        code: "HK0103",
        name: "multiple-top-posts",
        area: Structure,
        severity: Warning,
        summary: "the line has more top posts than allowed",
        options: &[MultipleTopPosts::MAX.spec()],
    }
    docs: r#"## What it checks

Counts the top posts: posts without a line manager that sit in a `directie`
unit or play a top role (see `missing-line-manager`). More than `max` gives one
finding about the first, with the others as related items.

## Why it matters

One line ends in one place: the gemeentesecretaris, who is usually also the
algemeen directeur. Several tops split the line in separate trees, and
dilemmas between them have nowhere to go (Almelo 4.4).

A directie can lead collectively (De Bilt's directieteam of three carries
final responsibility together). Mark its unit `"collective_leadership": true`:
its members (the posts in it with a line-management role) then count as
**one** top, whether they report to one another or to no one, and the
message names the unit. Dilemmas between their lines go to the collective.

## Example

`gs` and `directeur-2` both sit in the directie without `reports_to`: with
`max = 1` the line has two top posts, one too many. With the directie marked
`collective_leadership`, the two are one top and nothing is reported.

## Options

```toml
[rules.multiple-top-posts]
max = 1   # the most top posts the line may have (1 to 1000)
```

## Complexity

O(n) to find them, O(t log t) to sort t top posts.
"#
}

impl MultipleTopPosts {
    /// The option `max`: the most top posts the line may have.
    pub const MAX: IntOption =
        IntOption { name: "max", default: 1, min: 1, max: 1000, doc: "the most top posts the line may have" };
}

impl Rule for MultipleTopPosts {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX);
        // Each top as (key, path): a post, or the unit of a collective
        // leadership whose members are tops, once.
        let mut tops: Vec<(&str, String)> = cx
            .posts_without_manager()
            .filter_map(|i| cx.post_at(i))
            .filter(|p| cx.is_top_post(p))
            .map(|p| match cx.collective_of(p).and_then(|c| cx.unit(c.unit)) {
                Some(u) => (u.key.as_str(), unit_path(&u.key)),
                None => (&p.key[..], post_path(&p.key)),
            })
            .collect();
        tops.sort_by(|a, b| natural_cmp(a.0, b.0).then_with(|| a.1.cmp(&b.1)));
        tops.dedup();
        if tops.len() as i64 <= max {
            return;
        }
        let keys: Vec<&str> = tops.iter().map(|t| t.0).collect();
        let Some(((_, first), rest)) = tops.split_first() else { return };
        let mut d = out
            .finding(
                first.clone(),
                format!("the line has {} top posts ({}), more than the limit of {max}", tops.len(), list(&keys)),
            )
            .help(
                "let the other top posts report to one of them, such as the algemeen directeur; a directie whose members lead together can be marked `collective_leadership`",
            )
            .data("actual", tops.len())
            .data("limit", max);
        for (_, path) in rest {
            d = d.related(path.clone());
        }
        out.push(d);
    }
}
