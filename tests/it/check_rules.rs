//! The rule catalogue: fixture designs per rule, with snapshots of the
//! rendered report, and meta-tests that keep the catalogue honest.

use std::collections::BTreeSet;

use harkje::check::rules::BUILTIN;
use harkje::check::{Checker, Policy, Report};
use harkje::transition::procedure::codes;
use jiff::civil::{Date, date};

use crate::support::fixture;

/// The day fixtures are judged on unless their `policy.toml` says otherwise.
const DAY: Date = date(2024, 6, 1);
const CASES: [&str; 3] = ["triggers", "passes", "threshold"];

fn policy_for(rule: &str) -> Policy {
    let path = fixture(&format!("rules/{rule}/policy.toml"));
    if path.exists() { Policy::from_toml_file(&path).unwrap() } else { Policy::default() }
}

/// Checks one fixture with only its rule on.
fn run(rule: &str, case: &str) -> Report {
    let design = harkje::format::from_json_file(fixture(&format!("rules/{rule}/{case}.json")))
        .unwrap_or_else(|e| panic!("{rule}/{case}: {e}"));
    let policy = policy_for(rule);
    let day = policy.as_of().unwrap_or(DAY);
    Checker::new(policy).only([rule]).check_on(&design, day)
}

#[test]
fn every_rule_on_its_fixtures() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/rules");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for rule in BUILTIN {
            let name = rule.meta().name;
            for case in CASES {
                let report = run(name, case);
                let found = report.of_rule(name).count();
                match case {
                    "triggers" => assert!(found > 0, "{name}/triggers.json finds nothing"),
                    "passes" => assert_eq!(found, 0, "{name}/passes.json:\n{}", report.to_text()),
                    _ => {}
                }
                insta::assert_snapshot!(format!("{name}__{case}"), report.to_text());
            }
        }
    });
}

/// Fixtures beyond the three of every rule, each for a defect a rule once
/// had, with the number of findings it must give.
const EXTRA: [(&str, &str, usize); 4] = [
    // Compared by date: 24 months and a day, and 24 months and 30 days, are
    // over a limit of 24 months; 2018-01-01 to 2019-12-31 is not.
    ("kwartiermaker-term-too-long", "days-over", 2),
    // An assignment into a post placed in a vakgroep steers the vakgroep, as
    // in the coordination load; the coach's assignment is allowed.
    ("community-has-line-manager", "steered-through-post", 1),
    // Half a euro over the target reads `€ 0.50 above`, not `€ 1 above`.
    ("savings-target-missed", "half-euro-over", 1),
    // A post whose dated line runs to the ended kwartiermaker on the day
    // still reports to it (and to the hoofd only later).
    ("temporary-role-expired", "dated-report", 1),
];

#[test]
fn every_extra_fixture_finds_what_it_should() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/rules");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, case, expected) in EXTRA {
            let report = run(name, case);
            assert_eq!(report.of_rule(name).count(), expected, "{name}/{case}.json:\n{}", report.to_text());
            for d in report.diagnostics() {
                assert_style(d);
            }
            insta::assert_snapshot!(format!("{name}__{case}"), report.to_text());
        }
    });
}

#[test]
fn a_vakgroep_steered_through_a_post_counts_in_the_load_and_the_rule() {
    let design =
        harkje::format::from_json_file(fixture("rules/community-has-line-manager/steered-through-post.json")).unwrap();
    // Two steering posts reach the vakgroep through `specialist`.
    assert_eq!(harkje::measures::coordination_load(&design).get("vakgroep"), Some(&2));
    let report = run("community-has-line-manager", "steered-through-post");
    let d = report.of_rule("community-has-line-manager").next().unwrap();
    assert_eq!(d.subject, "units/vakgroep");
    assert!(d.related.iter().any(|r| r == "posts/specialist"), "{:?}", d.related);
}

#[test]
fn a_savings_overshoot_under_a_euro_shows_its_cents() {
    let report = run("savings-target-missed", "half-euro-over");
    let d = report.of_rule("savings-target-missed").next().unwrap();
    assert!(d.message.contains("€ 0.50 above the savings target of € 980,000.00"), "{}", d.message);
    assert!(d.message.starts_with("the design costs € 980,000.50 a year"), "{}", d.message);
    assert_eq!(d.data["shortfall"], 0.5);
}

/// The fixed headings of every rule's docs, design rule or procedure finding, in order.
const HEADINGS: [&str; 5] = ["## What it checks", "## Why it matters", "## Example", "## Options", "## Complexity"];

/// Checks one entry's docs: the fixed headings in order, every option named
/// under *Options*, a source named under *Why it matters*, and the summary's style.
fn assert_docs(name: &str, docs: &str, summary: &str, options: &[&str], sources: &[&str]) {
    let mut at = 0;
    for h in HEADINGS {
        let pos = docs.find(h).unwrap_or_else(|| panic!("`{name}` has no `{h}` in its docs"));
        assert!(pos >= at, "`{name}`: `{h}` is out of order");
        at = pos;
    }
    let section = |h: &str| {
        let from = docs.find(h).unwrap() + h.len();
        let to = HEADINGS.iter().filter_map(|n| docs[from..].find(n)).min().map_or(docs.len(), |i| from + i);
        &docs[from..to]
    };
    for h in HEADINGS {
        assert!(!section(h).trim().is_empty(), "`{name}`: `{h}` is empty");
    }
    // Every option is documented under Options.
    for o in options {
        assert!(section("## Options").contains(o), "`{name}` does not document its option `{o}`");
    }
    // The source is named: a seed municipality, a statute or a benchmark.
    let why = section("## Why it matters");
    assert!(sources.iter().any(|s| why.contains(s)), "`{name}`: *Why it matters* names no source");
    assert!(!summary.is_empty() && !summary.ends_with('.'), "`{name}`: summary style");
}

#[test]
fn every_rule_has_docs_with_the_fixed_headings() {
    let sources = [
        "Almelo",
        "De Bilt",
        "Hengelo",
        "Amersfoort",
        "2024 case",
        "Berenschot",
        "benchmark",
        "UK",
        "dutch-reorg-rules",
    ];
    for rule in BUILTIN {
        let m = rule.meta();
        let options: Vec<&str> = m.options.iter().map(|o| o.name).collect();
        assert_docs(m.name, m.docs, m.summary, &options, &sources);
    }
}

#[test]
fn every_procedure_finding_has_docs_with_the_fixed_headings() {
    // A procedure finding rests on a law, a collective agreement or a ruling.
    let sources = ["WOR art.", "CAR-UWO", "Cao Gemeenten", "CRvB", "dutch-reorg-rules"];
    for c in codes::ALL {
        assert_docs(c.name, c.docs, c.summary, &[], &sources);
        assert!(c.docs.contains("Not configurable by a policy"), "`{}`: *Options* says how it is set", c.name);
        // The example names the case that fires it, and that case exists.
        let case = format!("tests/fixtures/transition/procedure/{}/", c.name);
        assert!(c.docs.contains(&case), "`{}`: the example does not name `{case}`", c.name);
        assert!(crate::support::root().join(&case).is_dir(), "`{}`: no folder `{case}`", c.name);
    }
}

#[test]
fn every_procedure_example_shows_what_its_case_finds() {
    for c in codes::ALL {
        let report = crate::transition_cases::run(&fixture(&format!("transition/procedure/{}", c.name)));
        let found: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        let example = &c.docs[c.docs.find("## Example").unwrap()..c.docs.find("## Options").unwrap()];
        let shown: Vec<&str> = example.lines().filter(|l| l.contains(&format!("[{}]", c.code))).collect();
        assert!(!shown.is_empty(), "`{}`: the example shows no finding", c.name);
        for line in shown {
            assert!(
                found.iter().any(|f| f == line),
                "`{}`: the example shows\n{line}\nbut its case finds\n{found:#?}",
                c.name
            );
        }
    }
}

#[test]
fn every_rule_has_its_three_fixtures() {
    for rule in BUILTIN {
        for case in CASES {
            let path = fixture(&format!("rules/{}/{case}.json", rule.meta().name));
            assert!(path.exists(), "missing fixture {}", path.display());
        }
    }
    // And no fixture folder belongs to a rule that does not exist.
    let names: BTreeSet<&str> = BUILTIN.iter().map(|r| r.meta().name).collect();
    for entry in std::fs::read_dir(fixture("rules")).unwrap() {
        let dir = entry.unwrap().file_name().into_string().unwrap();
        assert!(names.contains(dir.as_str()), "fixtures for unknown rule `{dir}`");
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    let areas = [("01", "structure"), ("02", "layers"), ("03", "governance"), ("04", "time"), ("05", "people")];
    let well_formed = |code: &str, name: &str| {
        assert!(code.len() == 6 && code.starts_with("HK") && code[2..].bytes().all(|b| b.is_ascii_digit()), "{code}");
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "`{name}` is not kebab-case");
    };
    for rule in BUILTIN {
        let m = rule.meta();
        assert!(codes.insert(m.code), "code {} is used twice", m.code);
        assert!(names.insert(m.name), "name {} is used twice", m.name);
        well_formed(m.code, m.name);
        let area = areas.iter().find(|(d, _)| *d == &m.code[2..4]).map(|(_, a)| *a);
        assert_eq!(area, Some(m.area.as_str()), "{} is in the wrong area", m.code);
    }
    // The procedure findings share the namespace: `harkje rules` finds both by name or code.
    for c in codes::ALL {
        assert!(codes.insert(c.code), "code {} is used twice", c.code);
        assert!(names.insert(c.name), "name {} is used twice", c.name);
        well_formed(c.code, c.name);
        assert!(c.code.starts_with("HK09"), "{} is not in the procedure range HK09xx", c.code);
    }
    // Each registry is in code order.
    let listed: Vec<&str> = BUILTIN.iter().map(|r| r.meta().code).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted);
    let listed: Vec<&str> = codes::ALL.iter().map(|c| c.code).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted);
}

#[test]
fn rules_lists_and_explains_the_procedure_findings() {
    use crate::support::{harkje, stdout};
    let o = harkje(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let (checks, procedure) = out.split_once("\ntransition procedure").unwrap_or_else(|| panic!("no section:\n{out}"));
    assert!(checks.contains("HK0201  too-many-management-layers") && !checks.contains("HK09"), "{out}");
    for c in codes::ALL {
        assert!(
            procedure.lines().any(|l| l.starts_with(c.code) && l.contains(c.name) && l.ends_with(c.summary)),
            "{} is not listed:\n{out}",
            c.code
        );
    }
    assert!(out.contains(&format!("{} rules and {} transition procedure findings", BUILTIN.len(), codes::ALL.len())));

    let o = harkje(&["rules", "HK0903"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("HK0903 placement-during-suspension\n"), "{out}");
    assert!(out.contains("Severity: error."), "{out}");
    for h in HEADINGS {
        assert!(out.contains(h), "{h} missing:\n{out}");
    }
    assert_eq!(stdout(&harkje(&["rules", "placement-during-suspension"])), out, "a name works as well as a code");

    let o = harkje(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), BUILTIN.len() + codes::ALL.len());
    let kind = |code: &str| rules.iter().find(|r| r["code"] == code).map(|r| r["kind"].clone());
    assert_eq!(kind("HK0201"), Some(serde_json::json!("check")));
    assert_eq!(kind("HK0906"), Some(serde_json::json!("transition-procedure")));
    let one: serde_json::Value =
        serde_json::from_str(&stdout(&harkje(&["rules", "hk0906", "--format", "json"]))).unwrap();
    assert_eq!(one["rules"][0]["severity"], "warning");
    assert!(one["rules"][0]["docs"].as_str().unwrap().starts_with("## What it checks"));
}

#[test]
fn the_names_of_the_issue_are_all_there() {
    let expected = [
        "reporting-cycle",
        "missing-line-manager",
        "multiple-top-posts",
        "too-many-management-layers",
        "span-too-wide",
        "span-too-narrow",
        "manager-share-high",
        "steering-not-accountable-to-directie",
        "assignment-incomplete",
        "escalation-outside-directie",
        "independence-breached",
        "community-has-line-manager",
        "coach-has-line-reports",
        "unit-without-kernopdracht",
        "too-many-steering-lines",
        "temporary-role-without-end",
        "kwartiermaker-term-too-long",
        "temporary-role-expired",
        "person-over-allocated",
        "post-overfilled",
        "single-person-function",
        "vacant-post",
        "savings-target-missed",
    ];
    for name in expected {
        assert!(harkje::check::rules::find(name).is_some(), "no rule `{name}`");
    }
}

/// The message style of STYLE.md: lowercase start, no final period, the
/// subject's key in backticks, no Rust type names; help the same way.
pub(crate) fn assert_style(d: &harkje::diagnostic::Diagnostic) {
    let m = &d.message;
    let first = m.chars().next().unwrap();
    assert!(!first.is_uppercase(), "{}: message starts with a capital: {m}", d.rule);
    assert!(!m.ends_with('.'), "{}: message ends with a period: {m}", d.rule);
    for bad in ["Some(", "None", "::", "PostId", "UnitId", "Option<", "Vec<"] {
        assert!(!m.contains(bad), "{}: message shows a Rust name `{bad}`: {m}", d.rule);
    }
    if let Some((_, key)) = d.subject.split_once('/') {
        assert!(m.contains(&format!("`{key}`")), "{}: message does not name `{key}` in backticks: {m}", d.rule);
    }
    assert_eq!(m.matches('`').count() % 2, 0, "{}: unbalanced backticks: {m}", d.rule);
    let help = d.help.as_deref().unwrap_or_else(|| panic!("{}: no help", d.rule));
    assert!(!help.starts_with(char::is_uppercase) && !help.ends_with('.'), "{}: help style: {help}", d.rule);
    assert!(!d.subject.is_empty());
}

#[test]
fn every_message_follows_the_style() {
    let mut seen = BTreeSet::new();
    for rule in BUILTIN {
        for case in CASES {
            for d in run(rule.meta().name, case).diagnostics() {
                assert_style(d);
                seen.insert(d.rule.clone());
            }
        }
    }
    assert_eq!(seen.len(), BUILTIN.len(), "every rule shows at least one message in its fixtures");
}

#[test]
fn a_policy_sets_severity_and_off() {
    let design = harkje::format::from_json_file(fixture("rules/span-too-wide/triggers.json")).unwrap();
    let policy = Policy::from_toml("[rules.span-too-wide]\nseverity = \"error\"\nmax = 3").unwrap();
    let report = Checker::new(policy).check_on(&design, DAY);
    let d = report.of_rule("span-too-wide").next().unwrap();
    assert_eq!(d.severity, harkje::diagnostic::Severity::Error);
    assert_eq!(d.data["actual"], 4);
    assert_eq!(d.data["limit"], 3);

    let off = Policy::from_toml("[rules.span-too-wide]\nseverity = \"off\"\nmax = 3").unwrap();
    let report = Checker::new(off).check_on(&design, DAY);
    assert_eq!(report.of_rule("span-too-wide").count(), 0);
    assert_eq!(report.rules_run(), BUILTIN.len() - 1);
}

#[test]
fn the_report_is_sorted_and_counts_add_up() {
    let design = harkje::format::from_json_file(fixture("designs/small.json")).unwrap();
    let report = Checker::new(Policy::default()).check_on(&design, DAY);
    let d = report.diagnostics();
    for pair in d.windows(2) {
        assert!(pair[0].severity >= pair[1].severity);
        if pair[0].severity == pair[1].severity {
            assert!(pair[0].code <= pair[1].code);
        }
    }
    assert_eq!(report.errors() + report.warnings() + report.infos(), d.len());
    insta::assert_snapshot!(report.to_text());
    insta::assert_snapshot!(report.to_json());
}

mod never_panics {
    use harkje::check::{Checker, Policy};
    use harkje::{Design, Post, Unit, UnitKind};
    use proptest::prelude::*;

    const ROLES: [&str; 8] = [
        "medewerker",
        "teammanager",
        "teamcoach",
        "kwartiermaker",
        "programmamanager",
        "concerncontroller",
        "gemeentesecretaris",
        "adviseur",
    ];

    fn design(spec: &[(usize, usize, u8, bool)]) -> Design {
        let mut d = Design::new("random");
        let kinds = [UnitKind::Directie, UnitKind::Eenheid, UnitKind::Team, UnitKind::Community];
        for (i, k) in kinds.iter().enumerate() {
            let _ = d.add_unit(Unit::new(format!("u{i}"), format!("U{i}"), *k));
        }
        for (i, (manager, unit, role, temp)) in spec.iter().enumerate() {
            let mut p = Post::new(format!("p{i}"), "post", ROLES[*role as usize % ROLES.len()]);
            p.unit = Some(harkje::UnitId::from_key(&format!("u{}", unit % 4)));
            if *manager < i {
                p.reports_to = Some(harkje::PostId::from_key(&format!("p{manager}")));
            }
            p.temporary = *temp;
            p.fte = (*role as f64) / 4.0;
            let _ = d.add_post(p);
        }
        d
    }

    proptest! {
        #[test]
        fn checking_random_designs_never_panics(
            spec in prop::collection::vec((0usize..40, 0usize..4, 0u8..8, any::<bool>()), 0..40)
        ) {
            let d = design(&spec);
            let report = Checker::new(Policy::default()).check_on(&d, jiff::civil::date(2024, 1, 1));
            prop_assert_eq!(report.errors() + report.warnings() + report.infos(), report.diagnostics().len());
            let _ = report.to_text();
            let _ = report.to_json();
        }
    }
}

#[test]
fn assert_design_follows_panics_with_every_finding() {
    let design = harkje::format::from_json_file(fixture("rules/too-many-management-layers/triggers.json")).unwrap();
    let policy = Policy::preset("almelo-2018").unwrap().with_as_of(DAY);
    let err = std::panic::catch_unwind(|| harkje::check::assert_design_follows(&design, &policy)).unwrap_err();
    let msg = err.downcast_ref::<String>().unwrap();
    assert!(msg.starts_with("the design `Vijf lagen` breaks its policy\n"), "{msg}");
    assert!(
        msg.contains("error[HK0201] too-many-management-layers (1)\n  posts/l5: `l5` is in management layer 5"),
        "{msg}"
    );
    assert!(msg.contains("1 error, "), "{msg}");

    let clean = harkje::format::from_json_file(fixture("rules/too-many-management-layers/threshold.json")).unwrap();
    let policy = Policy::from_toml("extends = \"almelo-2018\"\n[rules.span-too-narrow]\nseverity = \"off\"").unwrap();
    harkje::check::assert_design_follows(&clean, &policy.with_as_of(DAY));
}
