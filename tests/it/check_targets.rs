//! Dated financial targets: `savings-target-missed` with a target per
//! period and `extra-staff-cost-over-cap`, on the seeds' figures with
//! synthetic designs, bad policies and the CLI.

use harkje::check::rules::people::{ExtraStaffCostOverCap, SavingsTargetMissed};
use harkje::check::{Checker, DatedEntry, DatedValues, Policy, Report};
use harkje::diagnostic::Severity;
use harkje::model::Period;
use harkje::problem::ProblemKind;
use jiff::civil::{Date, date};
use proptest::prelude::*;

use crate::support::{fixture, harkje, stderr, stdout};

const SAVINGS: &str = "savings-target-missed";
const CAP: &str = "extra-staff-cost-over-cap";

fn policy(name: &str) -> Policy {
    Policy::from_toml_file(fixture(&format!("targets/{name}"))).unwrap()
}

/// Checks a fixture design on `day` with the two cost rules alone.
fn check(design: &str, policy_file: &str, day: Date) -> Report {
    let design = harkje::format::from_json_file(fixture(&format!("targets/{design}"))).unwrap();
    let report = Checker::new(policy(policy_file)).only([SAVINGS, CAP]).check_on(&design, day);
    for d in report.diagnostics() {
        crate::check_rules::assert_style(d);
    }
    report
}

fn hengelo(day: Date) -> Report {
    check("hengelo-synthetic.json", "hengelo-targets.toml", day)
}

#[test]
fn hengelo_is_judged_against_the_target_in_force_on_each_day() {
    // 2020: EUR 400k off EUR 42M allows EUR 41.6M; the design costs EUR 41.7M.
    let y2020 = hengelo(date(2020, 6, 1));
    let d = y2020.of_rule(SAVINGS).next().unwrap();
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.message,
        "the design costs € 41,700,000 a year, € 100,000 above the savings target of € 41,600,000 (€ 400,000 off € 42,000,000, in force from 2020-01-01 to 2020-12-31)"
    );
    assert_eq!((d.data["target"].as_f64(), d.data["shortfall"].as_f64()), (Some(400_000.0), Some(100_000.0)));
    assert_eq!((d.data["from"].as_str(), d.data["until"].as_str()), (Some("2020-01-01"), Some("2020-12-31")));
    // From 2022: EUR 840k, an open end.
    let y2023 = hengelo(date(2023, 3, 1));
    let d = y2023.of_rule(SAVINGS).next().unwrap();
    assert!(d.message.contains("€ 540,000 above the savings target of € 41,160,000"), "{}", d.message);
    assert!(d.message.ends_with("(€ 840,000 off € 42,000,000, in force from 2022-01-01)"), "{}", d.message);
    assert!(d.data["until"].is_null());
    // The first and last day of a period are in it.
    assert_eq!(hengelo(date(2020, 12, 31)).of_rule(SAVINGS).next().unwrap().data["target"], 400_000.0);
    assert_eq!(hengelo(date(2022, 1, 1)).of_rule(SAVINGS).next().unwrap().data["target"], 840_000.0);
    insta::assert_snapshot!("hengelo_2020", y2020.to_text());
    insta::assert_snapshot!("hengelo_2023", y2023.to_text());
}

#[test]
fn a_day_in_a_gap_has_no_target_and_says_so() {
    // Hengelo's document gives no figure for 2021.
    let report = hengelo(date(2021, 6, 1));
    assert_eq!(report.errors(), 0);
    let d = report.of_rule(SAVINGS).next().unwrap();
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(
        d.message,
        "no savings target is in force on 2021-06-01, so the design's cost of € 41,700,000 a year is not judged: the one of € 400,000 ended on 2020-12-31 and the next, of € 840,000, starts on 2022-01-01"
    );
    assert_eq!(d.data["in_force"], false);
    // Before the first period and after the last.
    let before = hengelo(date(2019, 12, 31));
    let d = before.of_rule(SAVINGS).next().unwrap();
    assert!(d.message.ends_with(": the first, of € 400,000, starts on 2020-01-01"), "{}", d.message);
    let cap = check("gemeente-2024-synthetic.json", "gemeente-2024-caps.toml", date(2025, 1, 1));
    let d = cap.of_rule(CAP).next().unwrap();
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message.starts_with("no cap on extra staff cost is in force on 2025-01-01"), "{}", d.message);
    assert!(d.message.ends_with(": the last, of € 100,000, ended on 2024-12-31"), "{}", d.message);
    insta::assert_snapshot!("hengelo_2021_gap", report.to_text());
}

#[test]
fn the_2024_cap_on_extra_staff_cost() {
    let report = check("gemeente-2024-synthetic.json", "gemeente-2024-caps.toml", date(2024, 6, 1));
    assert_eq!(report.errors(), 1);
    let d = report.of_rule(CAP).next().unwrap();
    assert_eq!(
        d.message,
        "the design costs € 20,150,000 a year, € 150,000 above the baseline payroll of € 20,000,000: € 50,000 over the cap of € 100,000 on extra staff cost in force from 2024-01-01 to 2024-12-31"
    );
    assert_eq!((d.data["extra"].as_f64(), d.data["excess"].as_f64()), (Some(150_000.0), Some(50_000.0)));
    // The savings rule has no target here and says nothing.
    assert_eq!(report.of_rule(SAVINGS).count(), 0);
    insta::assert_snapshot!("gemeente_2024_cap", report.to_text());
}

#[test]
fn the_plain_options_still_hold_on_every_day() {
    let p = Policy::from_toml("[rules.savings-target-missed]\nbaseline_payroll = 42_000_000.0\ntarget_share = 0.02\n")
        .unwrap();
    let design = harkje::format::from_json_file(fixture("targets/hengelo-synthetic.json")).unwrap();
    for day in [date(2015, 1, 1), date(2021, 6, 1), date(2030, 1, 1)] {
        let report = Checker::new(p.clone()).only([SAVINGS]).check_on(&design, day);
        let d = report.of_rule(SAVINGS).next().unwrap();
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.ends_with("(2% off € 42,000,000)"), "{}", d.message);
    }
}

#[test]
fn a_policy_replaces_the_form_it_extends() {
    // The preset gives 2% on every day; a file extending it gives periods.
    let dir = crate::support::temp_dir("targets-extends");
    let dated = dir.join("dated.toml");
    std::fs::write(
        &dated,
        "extends = \"hengelo-2021\"\n[[rules.savings-target-missed.targets]]\nfrom = 2022-01-01\namount = 840_000.0\n",
    )
    .unwrap();
    let p = Policy::from_toml_file(&dated).unwrap();
    let o = p.options(&SavingsTargetMissed::META);
    assert_eq!(o.num(&SavingsTargetMissed::TARGET_SHARE), 0.0, "the inherited share is replaced");
    assert_eq!(o.num(&SavingsTargetMissed::BASELINE_PAYROLL), 42_000_000.0, "the baseline stays");
    assert_eq!(o.dated(&SavingsTargetMissed::TARGETS).iter().count(), 1);
    // And back: a file extending that one with a plain share drops the periods.
    let plain = dir.join("plain.toml");
    std::fs::write(&plain, "extends = \"dated.toml\"\n[rules.savings-target-missed]\ntarget_share = 0.01\n").unwrap();
    let o = Policy::from_toml_file(&plain).unwrap().options(&SavingsTargetMissed::META);
    assert!(o.dated(&SavingsTargetMissed::TARGETS).is_empty());
    assert_eq!(o.num(&SavingsTargetMissed::TARGET_SHARE), 0.01);
}

/// The one problem of a bad policy file: (line, kind, message).
fn bad(name: &str) -> (usize, ProblemKind, String) {
    let path = fixture(&format!("targets/bad/{name}"));
    let e = Policy::from_toml_file(&path).unwrap_err();
    assert_eq!(e.problems.len(), 1, "{e}");
    assert!(e.to_string().contains(&format!("{}:", path.display())), "the file is named: {e}");
    let p = &e.problems[0];
    (p.line, p.kind, p.message.clone())
}

#[test]
fn bad_dated_targets_name_the_line_and_the_key() {
    assert_eq!(
        bad("overlap.toml"),
        (
            10,
            ProblemKind::Invalid,
            "`rules.savings-target-missed.targets[1]` (from 2021-07-01) overlaps `targets[0]` (from 2020-01-01 to 2021-12-31); a day can fall in one period only".to_owned()
        )
    );
    assert_eq!(
        bad("time.toml"),
        (
            5,
            ProblemKind::WrongType,
            "`rules.savings-target-missed.targets[0].from` is 2022-01-01T09:00:00, a date with a time; give the day alone, like 2020-01-01".to_owned()
        )
    );
    assert_eq!(
        bad("until-before-from.toml"),
        (
            6,
            ProblemKind::OutOfRange,
            "`rules.extra-staff-cost-over-cap.caps[0].until` is 2024-01-01, before its `from` of 2024-12-31".to_owned()
        )
    );
    assert_eq!(
        bad("wrong-type.toml"),
        (
            7,
            ProblemKind::WrongType,
            "`rules.savings-target-missed.targets[0].amount` is a string, but must be a number from 0 to 1000000000000"
                .to_owned()
        )
    );
}

/// The problems of an inline policy as `line: message`.
fn problems(text: &str) -> Vec<String> {
    let e = Policy::from_toml(text).unwrap_err();
    e.problems.iter().map(|p| format!("{}: {}", p.line, p.message)).collect()
}

#[test]
fn more_bad_targets_each_with_its_place() {
    let head = "[rules.savings-target-missed]\nbaseline_payroll = 1_000_000.0\n";
    let cases: [(&str, &str); 9] = [
        (
            "targets = 5\n",
            "3: `rules.savings-target-missed.targets` is a whole number, but must be a list of tables, each with `from` and `until` (days, inclusive, either may be left out) and at least one of `amount` and `share`",
        ),
        ("targets = [1]\n", "3: `rules.savings-target-missed.targets[0]` is a whole number, but must be a table"),
        (
            "[[rules.savings-target-missed.targets]]\nfrom = 2020-01-01\n",
            "4: `rules.savings-target-missed.targets[0]` gives none of `amount`, `share`",
        ),
        (
            "[[rules.savings-target-missed.targets]]\namount = 1.0\nuntil = \"2020-13-01\"\n",
            "5: `rules.savings-target-missed.targets[0].until` is `2020-13-01`, but must be a day like 2020-01-01",
        ),
        (
            "[[rules.savings-target-missed.targets]]\namount = 1.0\nfrom = 20200101\n",
            "5: `rules.savings-target-missed.targets[0].from` is a whole number, but must be a day like 2020-01-01",
        ),
        (
            "[[rules.savings-target-missed.targets]]\namount = 1.0\nfrom = 2020-01-01T00:00:00Z\n",
            "5: `rules.savings-target-missed.targets[0].from` is 2020-01-01T00:00:00Z, a date with a time; give the day alone, like 2020-01-01",
        ),
        (
            "[[rules.savings-target-missed.targets]]\namout = 1.0\n",
            "4: `rules.savings-target-missed.targets[0].amout` is not a key of `rules.savings-target-missed.targets[0]`; its keys are `from`, `until`, `amount`, `share`",
        ),
        (
            "[[rules.savings-target-missed.targets]]\nshare = 1.5\n",
            "4: `rules.savings-target-missed.targets[0].share` is 1.5, but must be a number from 0 to 1",
        ),
        (
            "target_amount = 10.0\n[[rules.savings-target-missed.targets]]\namount = 1.0\n",
            "3: `rules.savings-target-missed.target_amount` holds on every day, and `rules.savings-target-missed.targets` gives values per period; give one of the two",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(problems(&format!("{head}{body}")), [expected], "{body}");
    }
    // Two periods without a start share their first days.
    assert_eq!(
        problems(&format!(
            "{head}[[rules.savings-target-missed.targets]]\nuntil = 2020-12-31\namount = 1.0\n[[rules.savings-target-missed.targets]]\nuntil = 2019-12-31\namount = 2.0\n"
        )),
        [
            "7: `rules.savings-target-missed.targets[1]` (until 2019-12-31) overlaps `targets[0]` (until 2020-12-31); a day can fall in one period only"
        ]
    );
    // A plain target of 0 is no target, and may stand beside the periods.
    Policy::from_toml(&format!("{head}target_share = 0.0\n[[rules.savings-target-missed.targets]]\namount = 1.0\n"))
        .unwrap();
    // A target or cap without a baseline checks nothing: refused.
    assert_eq!(
        problems("[[rules.savings-target-missed.targets]]\nfrom = 2022-01-01\namount = 840_000.0\n"),
        [
            "1: `rules.savings-target-missed` gives a savings target but no `baseline_payroll`, the payroll it is measured from; set it in euros a year"
        ]
    );
    assert_eq!(
        problems("[rules.extra-staff-cost-over-cap]\ncaps = [{ amount = 100_000.0 }]\n"),
        [
            "2: `rules.extra-staff-cost-over-cap` gives a cap on extra staff cost but no `baseline_payroll`, the payroll it is measured from; set it in euros a year"
        ]
    );
    // Unless the rule is off.
    Policy::from_toml("[rules.extra-staff-cost-over-cap]\nseverity = \"off\"\ncaps = [{ amount = 100_000.0 }]\n")
        .unwrap();
}

#[test]
fn dated_values_read_back_from_their_toml_form() {
    let p = policy("hengelo-targets.toml");
    let targets = p.options(&SavingsTargetMissed::META).dated(&SavingsTargetMissed::TARGETS).clone();
    let shown = targets.to_string();
    assert_eq!(
        shown,
        "[{ from = 2020-01-01, until = 2020-12-31, amount = 400000.0 }, { from = 2022-01-01, amount = 840000.0 }]"
    );
    let again = Policy::from_toml(&format!(
        "[rules.savings-target-missed]\nbaseline_payroll = 42_000_000.0\ntargets = {shown}\n"
    ))
    .unwrap();
    assert_eq!(again.options(&SavingsTargetMissed::META).dated(&SavingsTargetMissed::TARGETS), &targets);
    // The cap rule's option reads the same way.
    let caps = policy("gemeente-2024-caps.toml");
    let caps = caps.options(&ExtraStaffCostOverCap::META);
    let entry = caps.dated(&ExtraStaffCostOverCap::CAPS).on(date(2024, 12, 31)).unwrap();
    assert_eq!(entry.get(&ExtraStaffCostOverCap::AMOUNT), 100_000.0);
    assert_eq!(entry.period_words(), "from 2024-01-01 to 2024-12-31");
}

fn day(n: i16) -> Date {
    date(2020, 1, 1).checked_add(jiff::Span::new().days(n)).unwrap()
}

proptest! {
    /// Against a model that looks at every day: periods are accepted exactly
    /// when no day lies in two, and the entry in force on a day is the one
    /// whose period holds it.
    #[test]
    fn dated_values_agree_with_a_day_by_day_model(
        raw in proptest::collection::vec((proptest::option::of(0i16..40), proptest::option::of(0i16..40)), 0..5),
        probe in -2i16..45,
    ) {
        let periods: Vec<Period> = raw.iter().map(|(f, u)| Period::new(f.map(day), u.map(day))).collect();
        let entries: Vec<DatedEntry> =
            periods.iter().enumerate().map(|(i, p)| DatedEntry::new(*p, vec![("amount", i as f64)])).collect();
        let empty = periods.iter().any(Period::is_empty);
        // Open ends reach past every probe: the model looks at days -5..50.
        let shared = (-5i16..50).any(|n| periods.iter().filter(|p| p.contains(day(n))).count() > 1);
        match DatedValues::new(entries) {
            Ok(values) => {
                prop_assert!(!empty && !shared);
                let amount = harkje::check::rules::people::SavingsTargetMissed::AMOUNT;
                let model = periods.iter().position(|p| p.contains(day(probe)));
                let found = values.on(day(probe)).map(|e| e.get(&amount) as usize);
                prop_assert_eq!(found, model);
            }
            Err(_) => prop_assert!(empty || shared),
        }
    }
}

#[test]
fn the_cli_checks_on_the_day_it_is_given() {
    let design = "tests/fixtures/targets/hengelo-synthetic.json";
    let policy = "tests/fixtures/targets/hengelo-targets.toml";
    let run = |day: &str| harkje(&["check", design, "--policy", policy, "--as-of", day]);
    let o = run("2020-06-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(€ 400,000 off € 42,000,000, in force from 2020-01-01 to 2020-12-31)"), "{out}");
    let o = run("2023-03-01");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("(€ 840,000 off € 42,000,000, in force from 2022-01-01)"), "{}", stdout(&o));
    let o = run("2021-06-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("info[HK0505] savings-target-missed"), "{}", stdout(&o));
    assert!(stdout(&o).contains("no savings target is in force on 2021-06-01"), "{}", stdout(&o));
    // The 2024 cap through the CLI, as JSON.
    let o = harkje(&[
        "check",
        "tests/fixtures/targets/gemeente-2024-synthetic.json",
        "--policy",
        "tests/fixtures/targets/gemeente-2024-caps.toml",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let cap: Vec<&serde_json::Value> =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == CAP).collect();
    assert_eq!(cap.len(), 1);
    assert_eq!((cap[0]["code"].as_str(), cap[0]["data"]["excess"].as_f64()), (Some("HK0506"), Some(50_000.0)));
    assert_eq!(cap[0]["data"]["from"], "2024-01-01");
}

#[test]
fn the_cli_refuses_a_bad_policy_with_its_place() {
    let policy = "tests/fixtures/targets/bad/overlap.toml";
    let o = harkje(&["check", "tests/fixtures/targets/hengelo-synthetic.json", "--policy", policy]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{policy}:10:8:")), "{err}");
    assert!(err.contains("`rules.savings-target-missed.targets[1]` (from 2021-07-01) overlaps `targets[0]`"), "{err}");
}

#[test]
fn the_options_the_rule_docs_show_are_a_valid_policy() {
    for meta in [&SavingsTargetMissed::META, &ExtraStaffCostOverCap::META] {
        let options = &meta.docs[meta.docs.find("## Options").unwrap()..];
        let start = options.find("```toml\n").unwrap() + "```toml\n".len();
        let block = &options[start..start + options[start..].find("```").unwrap()];
        let p = Policy::from_toml(block).unwrap_or_else(|e| panic!("{}: {e}", meta.name));
        assert!(p.setting(meta.name).is_some(), "{}", meta.name);
    }
}

#[test]
fn the_policy_sets_the_severity_of_a_miss_but_a_gap_stays_info() {
    let base = fixture("targets/hengelo-targets.toml");
    let text =
        format!("extends = {:?}\n[rules.savings-target-missed]\nseverity = \"warning\"\n", base.display().to_string());
    let p = Policy::from_toml(&text).unwrap();
    let design = harkje::format::from_json_file(fixture("targets/hengelo-synthetic.json")).unwrap();
    let on = |day| Checker::new(p.clone()).only([SAVINGS]).check_on(&design, day);
    assert_eq!(on(date(2023, 3, 1)).diagnostics()[0].severity, Severity::Warning);
    assert_eq!(on(date(2021, 3, 1)).diagnostics()[0].severity, Severity::Info);
}
