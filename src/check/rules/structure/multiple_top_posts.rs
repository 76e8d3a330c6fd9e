use crate::check::rules::{declare_rule, list, post_path};
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
algemeen directeur. A directie can be a collective (De Bilt has three members,
Almelo an algemeen directeur and two adjunct-directeuren), but its members
still report to one of them. Several tops split the line in separate trees,
and dilemmas between them have nowhere to go (Almelo 4.4).

## Example

`gs` and `directeur-2` both sit in the directie without `reports_to`: with
`max = 1` the line has two top posts, one too many.

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
        let mut tops: Vec<&str> = cx
            .posts_without_manager()
            .filter_map(|i| cx.post_at(i))
            .filter(|p| cx.is_top_post(p))
            .map(|p| p.key.as_str())
            .collect();
        if tops.len() as i64 <= max {
            return;
        }
        tops.sort_by(|a, b| natural_cmp(a, b));
        let mut d = out
            .finding(
                post_path(tops[0]),
                format!("the line has {} top posts ({}), more than the limit of {max}", tops.len(), list(&tops)),
            )
            .help("let the other top posts report to one of them, such as the algemeen directeur")
            .data("actual", tops.len())
            .data("limit", max);
        for k in &tops[1..] {
            d = d.related(post_path(k));
        }
        out.push(d);
    }
}
