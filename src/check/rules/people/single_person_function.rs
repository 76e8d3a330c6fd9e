use std::collections::HashMap;

use crate::check::rules::declare_rule;
use crate::check::{Context, Findings, IntOption, Rule, RuleMeta, RuleOptions};
use crate::model::{FunctionId, PersonId};

declare_rule! {
    SinglePersonFunction {
        code: "HK0503",
        name: "single-person-function",
        area: People,
        severity: Info,
        summary: "a function is held by fewer people than the minimum (an eenmansfunctie)",
        options: &[SinglePersonFunction::MIN_HOLDERS.spec()],
    }
    docs: r#"## What it checks

For every function of the functieboek: the distinct people who, on the check
day, hold a post with that function. A function held by at least one person
but fewer than `min_holders` is reported. Functions nobody holds are not.

## Why it matters

An eenmansfunctie is a vulnerability: when its one holder is ill or leaves, the
work stops and the knowledge goes (Almelo 5.1; De Bilt's star roles exist to
share such knowledge across teams).

## Example

Function `F-JUR` is on two posts, both held by `p3`: one person, fewer than 2.

## Options

```toml
[rules.single-person-function]
min_holders = 2   # the fewest people per held function (2 to 1000)
```

## Complexity

O(n + p) expected, over the posts and appointments.
"#
}

impl SinglePersonFunction {
    /// The option `min_holders`: the fewest distinct people who should hold a function that is held at all.
    pub const MIN_HOLDERS: IntOption = IntOption {
        name: "min_holders",
        default: 2,
        min: 2,
        max: 1000,
        doc: "the fewest distinct people who should hold a function that is held at all",
    };
}

impl Rule for SinglePersonFunction {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let min = options.int(&Self::MIN_HOLDERS);
        let mut people: HashMap<FunctionId, Vec<PersonId>> = HashMap::new();
        if cx.functions().len() == 0 {
            return;
        }
        for (k, a) in cx.appointments().iter().enumerate() {
            if let Some(f) = cx.appointment_post(k).and_then(|i| cx.post_at(i)).and_then(|p| p.function) {
                people.entry(f).or_default().push(a.person);
            }
        }
        for f in cx.functions() {
            let Some(ps) = people.get_mut(&f.id) else { continue };
            ps.sort_unstable();
            ps.dedup();
            let n = ps.len() as i64;
            if n == 0 || n >= min {
                continue;
            }
            let holders: Vec<String> =
                ps.iter().map(|p| cx.person(*p).map_or_else(|| p.to_string(), |p| p.key.clone())).collect();
            let who = if n == 1 { "one person".to_owned() } else { format!("{n} people") };
            let mut x = out
                .finding(
                    format!("functions/{}", f.key),
                    format!("function `{}` ({}) is held by {who}, fewer than {min}", f.key, f.title),
                )
                .help("share the work with a second holder, or document it so that others can take over")
                .data("actual", n)
                .data("limit", min);
            for h in holders {
                x = x.related(format!("people/{h}"));
            }
            out.push(x);
        }
    }
}
