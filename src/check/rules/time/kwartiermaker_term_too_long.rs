use crate::check::rules::{declare_rule, post_path};
use crate::check::{Context, Findings, IntOption, ListOption, Rule, RuleMeta, RuleOptions};

declare_rule! {
    KwartiermakerTermTooLong {
        code: "HK0402",
        name: "kwartiermaker-term-too-long",
        area: Time,
        severity: Warning,
        summary: "a kwartiermaker's term is longer than allowed",
        options: &[KwartiermakerTermTooLong::MAX_MONTHS.spec(), KwartiermakerTermTooLong::ROLES.spec()],
    }
    docs: r#"## What it checks

The term of every post whose role is in `roles`: the whole months from its
`from` to its `until`, the last day included (2018-01-01 to 2019-12-31 is 24
months). A term above `max_months` is reported. A post without a start or an
end is left to `temporary-role-without-end`. A post that is past its end on
the check day is judged by `temporary-role-expired`.

## Why it matters

A kwartiermaker sets up or develops a unit and then leaves; De Bilt gives its
four kwartiermakers a horizon of two years. A longer term turns the change
lead into a permanent manager outside the line.

## Example

`kwartiermaker-gebieden` runs from 2018-01-01 to 2020-06-30: 30 months, above
the default of 24.

## Options

```toml
[rules.kwartiermaker-term-too-long]
max_months = 24            # the longest term (1 to 600 months)
roles = ["kwartiermaker"]  # the roles whose term is limited
```

## Complexity

O(n) over the posts.
"#
}

impl KwartiermakerTermTooLong {
    /// The option `max_months`: the longest term in whole months, counting the last day.
    pub const MAX_MONTHS: IntOption = IntOption {
        name: "max_months",
        default: 24,
        min: 1,
        max: 600,
        doc: "the longest term in whole months, counting the last day",
    };
    /// The option `roles`: the roles whose term is limited.
    pub const ROLES: ListOption =
        ListOption { name: "roles", default: &["kwartiermaker"], doc: "the roles whose term is limited" };
}

impl Rule for KwartiermakerTermTooLong {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&Self::MAX_MONTHS);
        let roles = options.list(&Self::ROLES);
        for i in cx.posts_with_role(roles) {
            let Some(p) = cx.post_at(i) else { continue };
            let (Some(months), Some(from), Some(until)) = (p.valid.months(), p.valid.from, p.valid.until) else {
                continue;
            };
            if i64::from(months) <= max {
                continue;
            }
            let f = out
                .finding(
                    post_path(&p.key),
                    format!(
                        "{} `{}` has a term of {months} months ({from} to {until}), longer than the limit of {max}",
                        p.role, p.key
                    ),
                )
                .help("end the term earlier, or hand the work to the line when the unit stands")
                .data("actual", months)
                .data("limit", max)
                .data("from", from.to_string())
                .data("until", until.to_string());
            out.push(f);
        }
    }
}
