//! The catalogue of procedure findings: one entry per `HK09xx` code, with the
//! same fixed doc headings as the design rules (*What it checks*, *Why it
//! matters*, *Example*, *Options*, *Complexity*).
//!
//! The design rules of [`check`](crate::check) judge one design against a
//! policy; these findings judge a reorganisation (the old design, the new one,
//! the statute and the transition input), so a policy does not configure them:
//! their severity is fixed, and the statute and the transition input hold
//! their parameters. `harkje rules` lists both catalogues, and `harkje rules
//! HK0903` prints one entry's docs.

use crate::diagnostic::Severity;

/// A procedure finding: its stable code, its name, its severity and its docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ProcedureCode {
    /// The stable code, such as `HK0901`. A code is never reused.
    pub code: &'static str,
    /// The stable kebab-case name, such as `decision-before-advice`.
    pub name: &'static str,
    /// What the finding means, in the words of the rule summaries.
    pub summary: &'static str,
    /// The severity of every finding with this code.
    pub severity: Severity,
    /// The full docs in Markdown, with the headings *What it checks*, *Why it
    /// matters*, *Example*, *Options* and *Complexity*.
    pub docs: &'static str,
}

/// Declares a code's constant with its docs, so the docs that `harkje rules
/// CODE` prints and the rustdoc are the same text.
macro_rules! declare_code {
    (
        $(#[$attr:meta])*
        $const:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $sev:ident,
            summary: $summary:literal,
        }
        docs: $docs:literal
    ) => {
        #[doc = concat!("`", $code, " ", $name, "`: ", $summary, ".")]
        #[doc = ""]
        #[doc = $docs]
        $(#[$attr])*
        pub const $const: ProcedureCode = ProcedureCode {
            code: $code,
            name: $name,
            summary: $summary,
            severity: $crate::diagnostic::Severity::$sev,
            docs: $docs,
        };
    };
}

/// The stable codes and names of the procedure findings.
pub mod codes {
    use super::ProcedureCode;

    declare_code! {
        DECISION_BEFORE_ADVICE {
            code: "HK0901",
            name: "decision-before-advice",
            severity: Error,
            summary: "the decision lies before the OR advice or its request",
        }
        docs: r#"## What it checks

The day of the decision on the reorganisation (`procedure.decision`) against
the day the works council (OR) was asked for advice
(`procedure.advice_requested`) and the day it gave its advice
(`procedure.advice_given`). Each of the two that lies after the decision is
one finding on the subject `procedure`. A decision on the same day as the
advice is allowed. Without a decision date nothing is checked; a decision
without a recorded request is `HK0907 no-advice-request` instead.

## Why it matters

An important change in the organisation needs the OR's advice (WOR art. 25
lid 1 sub e), asked early enough that the advice can still change the
decision (lid 2), with the reasons, the consequences for the staff and the
planned measures (lid 3). A decision taken before the advice was asked or
given has skipped that step: the OR can take it to the Ondernemingskamer
(art. 26), which can order the decision withdrawn and its effects undone
(`reference/dutch-reorg-rules.md`, section 4).

## Example

```toml
[procedure]
advice_requested = 2020-03-02
advice_given = 2020-06-15
decision = 2020-06-01
```

gives

```text
error[HK0901] decision-before-advice: procedure: the decision of 2020-06-01 lies before the OR gave its advice on 2020-06-15 (WOR art. 25)
```

The fixture is
`tests/fixtures/transition/procedure/decision-before-advice/`.

## Options

Not configurable by a policy. It reads the transition input's
`procedure.decision`, `procedure.advice_requested` and
`procedure.advice_given`.

## Complexity

O(1): two comparisons of dates.
"#
    }

    declare_code! {
        PLACEMENT_BEFORE_DECISION {
            code: "HK0902",
            name: "placement-before-decision",
            severity: Error,
            summary: "a placement decision lies before the decision on the reorganisation",
        }
        docs: r#"## What it checks

The day of each employee's placement decision against the day of the
decision on the reorganisation (`procedure.decision`). An employee's day is
their entry in `[placement_dates]`, or else `procedure.placement_date`; an
employee with neither, or hired in (`contract = "external"`, whom the statute
does not place), is not checked. Each placement dated before the decision is
one finding on the employee (`people/<key>`). Without a decision date nothing
is checked.

## Why it matters

No step of a reorganisation may be carried out before it is decided (WOR
art. 25): a placement letter carries it out, and telling staff they are
boventallig already counts as carrying it out, even "subject to advice"
(`reference/dutch-reorg-rules.md`, section 4, uitvoeringshandelingen). A
placement decided too early can be undone by the Ondernemingskamer with the
decision itself.

## Example

```toml
[procedure]
decision = 2020-06-01
placement_date = 2020-07-01

[placement_dates]
p1 = 2020-05-20
```

gives

```text
error[HK0902] placement-before-decision: people/p1: the placement decision for `p1` of 2020-05-20 lies before the decision of 2020-06-01
```

The fixture is
`tests/fixtures/transition/procedure/placement-before-decision/`.

## Options

Not configurable by a policy. It reads the transition input's
`procedure.decision`, `procedure.placement_date` and `placement_dates`.

## Complexity

O(n) for n employees.
"#
    }

    declare_code! {
        PLACEMENT_DURING_SUSPENSION {
            code: "HK0903",
            name: "placement-during-suspension",
            severity: Error,
            summary: "a placement decision lies within the 1-month suspension after a decision that departs from the advice",
        }
        docs: r#"## What it checks

When the decision departs from the OR's advice (`procedure.follows_advice =
false`), every placement decision dated on or after the decision, but before
the same day one calendar month later, is one finding on the employee
(`people/<key>`); the help names the first allowed day. The placement days
are read as for `HK0902 placement-before-decision`, which reports a placement
before the decision instead (never both). When the decision follows the
advice, or `follows_advice` is not given, nothing is checked.

## Why it matters

A decision that departs from the OR's advice may not be carried out for one
month (WOR art. 25 lid 6), the time the OR has to appeal to the
Ondernemingskamer (art. 26, one month from the written notice with reasons).
Placing staff in that month carries the decision out
(`reference/dutch-reorg-rules.md`, section 4).

## Example

```toml
[procedure]
advice_requested = 2020-03-02
advice_given = 2020-04-15
decision = 2020-06-01
follows_advice = false
placement_date = 2020-07-01

[placement_dates]
p1 = 2020-06-15
```

gives, for `p1` (the others are placed on the first day allowed),

```text
error[HK0903] placement-during-suspension: people/p1: the placement decision for `p1` of 2020-06-15 lies within a month of the decision of 2020-06-01, which departs from the OR advice (WOR art. 25 lid 6)
```

with the help `date it on or after 2020-07-01`. The fixture is
`tests/fixtures/transition/procedure/placement-during-suspension/`.

## Options

Not configurable by a policy. It reads the transition input's
`procedure.decision`, `procedure.follows_advice`, `procedure.placement_date`
and `placement_dates`.

## Complexity

O(n) for n employees.
"#
    }

    declare_code! {
        REDUNDANCY_WITHOUT_ABOLITION {
            code: "HK0904",
            name: "redundancy-without-abolition",
            severity: Error,
            summary: "a redundancy without a formal abolition of the function or post",
        }
        docs: r#"## What it checks

Every employee the placement makes boventallig needs a decision that
formally abolishes their work: their old function listed in
`procedure.abolished_functions`, or enough of its posts. Posts are counted per
old function, or per uitwisselbaar group when the function is in one: the FTE
of the listed `procedure.abolished_posts` the employees held, plus the FTE cut
from posts that shrink (`procedure.abolished_post_fte`), must reach the FTE
declared boventallig in that function or group. Which post is abolished does
not matter, so a krimp decision that abolishes two of five posts covers the two
people selection makes boventallig, whichever posts they held. A boventallige
not covered is one finding on the employee (`people/<key>`), naming the
function and, when some posts were abolished, the FTE abolished against the
FTE boventallig. It is checked whether or not the transition input gives
procedure dates.

## Why it matters

Boventalligheid has two elements: the function was abolished by a decision,
and the employee could not be placed (CAR-UWO art. 10d:2 aanhef en onder d).
Without the decision, the boventalligverklaring and a dismissal on it fail
(CRvB 2016:1284 and 2018:895; `reference/dutch-reorg-rules.md`, section 2.3).

## Example

Function `F-ARCH` lapses in the new design, so its holder `p2` is
boventallig; the transition input lists no abolition:

```toml
[procedure]
decision = 2020-06-01
```

gives

```text
error[HK0904] redundancy-without-abolition: people/p2: `p2` is boventallig, but no decision formally abolishes function `F-ARCH` or enough of its posts (CAR-UWO 10d:2 sub d)
```

Adding
`abolished_functions = ["F-ARCH"]` clears it. The fixture is
`tests/fixtures/transition/procedure/redundancy-without-abolition/`.

## Options

Not configurable by a policy. It reads the transition input's
`procedure.abolished_functions`, `procedure.abolished_posts`,
`procedure.abolished_post_fte` and `[[uitwisselbaar]]`.

## Complexity

O(n · f + a) for n employees, f abolished functions and a abolished posts.
"#
    }

    declare_code! {
        TOO_MANY_PREFERENCES {
            code: "HK0905",
            name: "too-many-preferences",
            severity: Warning,
            summary: "more preferences than the statute allows",
        }
        docs: r#"## What it checks

The preferences an employee states (the belangstellingsregistratie): their
`[[interest]]` entry in the transition input, or else `preferences` in the
old design. More than the statute's `max_preferences` is one finding on the
employee (`people/<key>`), with the number stated and the limit; only the
first `max_preferences`, in the order given, are used.

## Why it matters

A sociaal statuut limits how many functions an employee may register
interest in, so that the plaatsingsadviescommissie weighs a real choice:
Vlaardingen allows 3 (`reference/dutch-reorg-rules.md`, section 3.3), and a
placement list typically records at most 3 preferences (section 7). A
preference past the limit is not one the statute lets the employer honour,
so the report says which ones were ignored rather than using them silently.

## Example

With `max_preferences = 3` (both presets):

```toml
[[interest]]
person = "p1"
functions = ["F-DATA", "F-KCC", "F-HRA", "F-FIN"]
```

gives

```text
warning[HK0905] too-many-preferences: people/p1: `p1` states 4 preferences, but the statute allows 3; only the first 3 are used
```

The fixture is
`tests/fixtures/transition/procedure/too-many-preferences/`.

## Options

Not configurable by a policy. It reads the statute's `max_preferences`
(default 3, from 0 to 100), the transition input's `[[interest]]` and the old
design's `people[].preferences`.

## Complexity

O(n) for n employees.
"#
    }

    declare_code! {
        VWNW_UNDETERMINED {
            code: "HK0906",
            name: "vwnw-undetermined",
            severity: Warning,
            summary: "the van-werk-naar-werk right of a redundant employee cannot be determined",
        }
        docs: r#"## What it checks

For every boventallige, whether their right to a van-werk-naar-werk traject
can be worked out: it needs the employee's `service_start` in the old design
and a reference date (the transition input's `reference_date`, or else
`procedure.decision`). When either is missing, the right is unknown and the
report says so; that is one finding on the employee (`people/<key>`).

## Why it matters

Under the CAR-UWO an employee declared boventallig with at least 2 years of
service gets a van-werk-naar-werk traject of 2 years from the day the
boventalligverklaring takes effect (art. 10d:11 and 10d:14); under the Cao
Gemeenten a shorter service gives a herplaatsing period of the notice
period, 1 to 4 months by years of service (BW 7:672, Ontslagregeling art.
10; `reference/dutch-reorg-rules.md`, section 3.4). The letter to the
employee and the cost of the plan both depend on it, so an unknown right is
a gap in the report, not a detail.

## Example

Function `F-ARCH` is abolished and lapses; its holder `p2` has no
`service_start`, so the report gives

```text
warning[HK0906] vwnw-undetermined: people/p2: the van-werk-naar-werk right of `p2` cannot be determined
```

with the help to give the service start and a reference date. The fixture is
`tests/fixtures/transition/procedure/vwnw-undetermined/`.

## Options

Not configurable by a policy. It reads the old design's
`people[].service_start`, the transition input's `reference_date` and
`procedure.decision`, and the statute's `vwnw_min_service_years` and
`vwnw_months`.

## Complexity

O(n) for n employees.
"#
    }

    declare_code! {
        NO_ADVICE_REQUEST {
            code: "HK0907",
            name: "no-advice-request",
            severity: Warning,
            summary: "the decision has no recorded OR advice request",
        }
        docs: r#"## What it checks

A decision on the reorganisation (`procedure.decision`) without the day the
works council was asked for advice (`procedure.advice_requested`) is one
finding on the subject `procedure`. It is a warning, not an error: the
request may simply not be recorded in the transition input. Without a
decision date nothing is checked.

## Why it matters

An important change in the organisation needs the OR's advice before the
decision (WOR art. 25 lid 1 sub e and lid 2). The report goes to the OR, so
it should show when the advice was asked; without that day harkje cannot
check `HK0901 decision-before-advice` either
(`reference/dutch-reorg-rules.md`, section 4).

## Example

```toml
[procedure]
decision = 2020-06-01
```

gives

```text
warning[HK0907] no-advice-request: procedure: the decision of 2020-06-01 has no recorded request for OR advice (WOR art. 25)
```

with the help to set `procedure.advice_requested`. The fixture is
`tests/fixtures/transition/procedure/no-advice-request/`.

## Options

Not configurable by a policy. It reads the transition input's
`procedure.decision` and `procedure.advice_requested`.

## Complexity

O(1).
"#
    }

    /// Every procedure finding, in code order. This is the one registry.
    pub const ALL: [ProcedureCode; 7] = [
        DECISION_BEFORE_ADVICE,
        PLACEMENT_BEFORE_DECISION,
        PLACEMENT_DURING_SUSPENSION,
        REDUNDANCY_WITHOUT_ABOLITION,
        TOO_MANY_PREFERENCES,
        VWNW_UNDETERMINED,
        NO_ADVICE_REQUEST,
    ];
}

/// A procedure finding by its name (`placement-during-suspension`) or its code
/// (`HK0903`, in any case).
///
/// ```
/// use harkje::transition::procedure::{codes, find};
///
/// assert_eq!(find("hk0903"), Some(codes::PLACEMENT_DURING_SUSPENSION));
/// assert_eq!(find("no-advice-request").map(|c| c.code), Some("HK0907"));
/// assert_eq!(find("span-too-wide"), None);
/// ```
pub fn find(name: &str) -> Option<ProcedureCode> {
    codes::ALL.iter().copied().find(|c| c.name == name || c.code.eq_ignore_ascii_case(name))
}
