//! Reading policies: presets, extension, and errors that name the key.

use harkje::check::rules::governance::SteeringNotAccountableToDirectie;
use harkje::check::rules::layers::TooManyManagementLayers;
use harkje::check::rules::people::SavingsTargetMissed;
use harkje::check::rules::time::KwartiermakerTermTooLong;
use harkje::check::{Level, Policy, rules};
use harkje::diagnostic::Severity;
use harkje::problem::ProblemKind;

use crate::support::{read, root};

fn err(text: &str) -> (ProblemKind, String) {
    let e = Policy::from_toml(text).unwrap_err();
    (e.kind(), e.to_string())
}

#[test]
fn every_preset_reads() {
    for name in Policy::preset_names() {
        let p = Policy::preset(name).unwrap();
        assert_eq!(p.name(), name);
    }
    let almelo = Policy::preset("almelo-2018").unwrap();
    let m = rules::find("too-many-management-layers").unwrap().meta();
    assert_eq!(almelo.options(m).int(&TooManyManagementLayers::MAX), 4);
    let de_bilt = Policy::preset("de-bilt-2018").unwrap();
    let m = rules::find("kwartiermaker-term-too-long").unwrap().meta();
    assert_eq!(de_bilt.options(m).int(&KwartiermakerTermTooLong::MAX_MONTHS), 24);
    assert_eq!(de_bilt.level(m), Level::On(Severity::Error));
    let hengelo = Policy::preset("hengelo-2021").unwrap();
    let m = rules::find("savings-target-missed").unwrap().meta();
    assert_eq!(hengelo.options(m).num(&SavingsTargetMissed::BASELINE_PAYROLL), 42_000_000.0);
    assert_eq!(hengelo.options(m).num(&SavingsTargetMissed::TARGET_SHARE), 0.02);
}

#[test]
fn the_generic_preset_lists_every_default() {
    let path = root().join("presets/policy/generic.toml");
    let expected = rules::defaults_toml();
    if std::env::var_os("HARKJE_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert_eq!(read(&path), expected, "run with HARKJE_BLESS=1 to rewrite presets/policy/generic.toml");
    // And reading it changes nothing: it is the defaults.
    let generic = Policy::preset("generic").unwrap();
    for r in rules::BUILTIN {
        let m = r.meta();
        assert_eq!(generic.level(m), Policy::default().level(m), "{}", m.name);
        assert_eq!(generic.options(m), Policy::default().options(m), "{}", m.name);
    }
}

#[test]
fn a_policy_extends_a_preset_and_overrides_it() {
    let p = Policy::from_toml(
        "extends = \"almelo-2018\"\nas_of = 2018-03-27\n[rules.too-many-management-layers]\nmax = 5\n[rules.vacant-post]\nseverity = \"off\"\n",
    )
    .unwrap();
    assert_eq!(p.extends(), Some("almelo-2018"));
    assert_eq!(p.as_of(), Some(jiff::civil::date(2018, 3, 27)));
    let layers = rules::find("too-many-management-layers").unwrap().meta();
    assert_eq!(p.options(layers).int(&TooManyManagementLayers::MAX), 5);
    // What the preset set and the file did not touch stays.
    let steering = rules::find("steering-not-accountable-to-directie").unwrap().meta();
    assert!(p.options(steering).list(&SteeringNotAccountableToDirectie::ROLES).iter().any(|r| r == "proceseigenaar"));
    assert_eq!(p.level(rules::find("vacant-post").unwrap().meta()), Level::Off);
}

#[test]
fn bad_policies_name_the_key_and_the_accepted_values() {
    let cases = [
        ("[rules.span-too-wde]\nmax = 3", ProblemKind::UnknownKey, "`rules.span-too-wde` is not a rule; the rules are"),
        ("[rules.span-too-wide]\nmaximum = 3", ProblemKind::UnknownKey, "its keys are `severity`, `max`"),
        (
            "[rules.span-too-wide]\nmax = \"veel\"",
            ProblemKind::WrongType,
            "is a string, but must be a whole number from 1 to 100000",
        ),
        (
            "[rules.span-too-wide]\nmax = 0",
            ProblemKind::OutOfRange,
            "`rules.span-too-wide.max` is 0, but must be a whole number from 1 to 100000",
        ),
        (
            "[rules.manager-share-high]\nmax_share = 1.5",
            ProblemKind::OutOfRange,
            "is 1.5, but must be a number from 0 to 1",
        ),
        (
            "[rules.span-too-wide]\nseverity = \"fatal\"",
            ProblemKind::WrongType,
            "is `fatal`, but must be `error`, `warning`, `info` or `off`",
        ),
        ("[rules.assignment-incomplete]\nrequire_end = 1", ProblemKind::WrongType, "must be `true` or `false`"),
        ("[rules.coach-has-line-reports]\nroles = \"teamcoach\"", ProblemKind::WrongType, "must be a list of strings"),
        (
            "extends = \"utrecht\"",
            ProblemKind::UnknownName,
            "`extends` names `utrecht`, which is not a preset; the presets are `almelo-2018`",
        ),
        ("as_of = \"gisteren\"", ProblemKind::WrongType, "`as_of` is `gisteren`, but must be a date like 2018-03-27"),
        ("ruless = 1", ProblemKind::UnknownKey, "`ruless` is not a policy key"),
        ("[rules\nmax = 3", ProblemKind::Syntax, "policy:1:7: invalid TOML: "),
        ("rules = 3", ProblemKind::WrongType, "`rules` is a whole number, but must be a table"),
    ];
    for (text, kind, needle) in cases {
        let (k, msg) = err(text);
        assert_eq!(k, kind, "{text}: {msg}");
        assert!(msg.contains(needle), "{text}:\n  got:  {msg}\n  want: {needle}");
        assert!(msg.starts_with("policy has "), "{msg}");
        assert!(!msg.ends_with('.'), "{msg}");
    }
}

#[test]
fn a_policy_file_error_names_the_file() {
    let dir = crate::support::temp_dir("check-policy-file");
    let path = dir.join("ons-beleid.toml");
    std::fs::write(&path, "[rules.span-too-wide]\nmax = -1\n").unwrap();
    let e = Policy::from_toml_file(&path).unwrap_err();
    assert!(e.to_string().contains("ons-beleid.toml:2:7: `rules.span-too-wide.max` is -1"), "{e}");
    let missing = Policy::from_toml_file(dir.join("nope.toml")).unwrap_err();
    assert_eq!(missing.kind(), ProblemKind::Io);
    std::fs::write(&path, "[rules.span-too-wide]\nmax = 12\n").unwrap();
    assert_eq!(Policy::from_toml_file(&path).unwrap().name(), "ons-beleid.toml");
}

#[test]
fn every_preset_checks_a_design() {
    let design = harkje::format::from_json_file(crate::support::fixture("designs/small.json")).unwrap();
    for name in Policy::preset_names() {
        let policy = Policy::preset(name).unwrap().with_as_of(jiff::civil::date(2024, 6, 1));
        let a = harkje::check::check(&design, &policy);
        let b = harkje::check::check(&design, &policy);
        assert_eq!(a, b, "{name}: the report is deterministic");
        assert_eq!(a.rules_run(), rules::BUILTIN.len(), "{name}: no preset turns a rule off");
        assert_eq!(a.errors(), 0, "{name}:\n{}", a.to_text());
    }
}

#[test]
fn a_policy_reports_every_problem_with_its_place() {
    let e = Policy::from_toml(
        "ruless = 1\n[rules.span-too-wide]\nmax = 0\nmaximum = 3\n[rules.vacant-post]\nseverity = \"fatal\"\n",
    )
    .unwrap_err();
    assert_eq!(e.problems.len(), 4, "{e}");
    let lines: Vec<usize> = e.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 3, 4, 6], "{e}");
    assert!(e.to_string().contains("policy:4:11: `rules.span-too-wide.maximum` is not an option"), "{e}");
}

#[test]
fn a_minimum_span_above_the_maximum_is_refused() {
    let e = Policy::from_toml("[rules.span-too-narrow]\nmin = 30\n[rules.span-too-wide]\nmax = 20\n").unwrap_err();
    assert_eq!(e.kind(), ProblemKind::OutOfRange);
    assert_eq!(
        e.to_string(),
        "policy has 1 problem\n  policy:2:7: `rules.span-too-narrow.min` is 30, above `rules.span-too-wide.max` of 20; every manager would break one of the two"
    );
    // Equal is fine, and so is either rule turned off.
    assert!(Policy::from_toml("[rules.span-too-narrow]\nmin = 20\n[rules.span-too-wide]\nmax = 20\n").is_ok());
    assert!(
        Policy::from_toml("[rules.span-too-narrow]\nmin = 30\nseverity = \"off\"\n[rules.span-too-wide]\nmax = 20\n")
            .is_ok()
    );
}

#[test]
fn an_unreadable_policy_keeps_the_io_error_as_its_source() {
    let e = Policy::from_toml_file("tests/fixtures/no-such-policy.toml").unwrap_err();
    assert!(e.is_io());
    let source = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
    assert_eq!(source.map(std::io::Error::kind), Some(std::io::ErrorKind::NotFound));
    assert!(e.to_string().starts_with("cannot read `tests/fixtures/no-such-policy.toml`: "), "{e}");
}

/// A crate's own rule, with a name and code given per test.
struct Own(harkje::check::RuleMeta);

impl harkje::check::Rule for Own {
    fn meta(&self) -> &harkje::check::RuleMeta {
        &self.0
    }
    fn check(&self, _: &harkje::check::Context<'_>, _: &harkje::check::RuleOptions, _: &mut harkje::check::Findings) {}
}

fn own(code: &'static str, name: &'static str) -> Own {
    static MAX: harkje::check::IntOption =
        harkje::check::IntOption { name: "max", default: 10, min: 1, max: 100, doc: "the most posts in a team" };
    static OPTIONS: [harkje::check::OptionSpec; 1] = [MAX.spec()];
    Own(harkje::check::RuleMeta {
        code,
        name,
        area: harkje::check::Area::Custom,
        severity: Severity::Warning,
        summary: "a team with too many posts",
        docs: "## What it checks\nTeams.",
        options: &OPTIONS,
    })
}

#[test]
fn a_custom_rule_with_a_built_in_name_or_code_is_refused() {
    use harkje::check::{Checker, RuleClash};
    let checker = || Checker::new(Policy::default());
    let name = checker().with_rule(Box::new(own("ACME01", "too-many-management-layers"))).unwrap_err();
    assert!(matches!(name, RuleClash::Name { .. }));
    assert_eq!(
        name.to_string(),
        "the custom rule `too-many-management-layers` (ACME01) has the name of the built-in rule HK0201; give it a name of its own, such as one with your crate's prefix"
    );
    let code = checker().with_rule(Box::new(own("HK0201", "acme-layers"))).unwrap_err();
    assert_eq!(
        code.to_string(),
        "the custom rule `acme-layers` has the code HK0201 of the built-in rule `too-many-management-layers`; give it a code of its own"
    );
    // Two custom rules may not share one either.
    let twice = checker()
        .with_rule(Box::new(own("ACME01", "acme-team")))
        .unwrap()
        .with_rule(Box::new(own("ACME02", "acme-team")));
    assert!(matches!(twice.unwrap_err(), RuleClash::Name { .. }));
    assert!(checker().with_rule(Box::new(own("ACME01", "acme-team"))).is_ok());
    // The policy readers that take custom rules refuse them too.
    let e = Policy::from_toml_with("", &[&own("HK0101", "acme-cycle")]).unwrap_err();
    assert!(e.to_string().contains("has the code HK0101 of the built-in rule `reporting-cycle`"), "{e}");
}

#[test]
fn a_policy_file_with_custom_rules_extends_another_file_by_a_relative_path() {
    let dir = crate::support::temp_dir("check-policy-extends");
    std::fs::create_dir_all(dir.join("ci")).unwrap();
    std::fs::write(dir.join("base.toml"), "extends = \"almelo-2018\"\n[rules.acme-team]\nmax = 4\n").unwrap();
    std::fs::write(dir.join("ci/strict.toml"), "extends = \"../base.toml\"\n[rules.span-too-wide]\nmax = 12\n")
        .unwrap();
    let rule = own("ACME01", "acme-team");
    let p = Policy::from_toml_file_with(dir.join("ci/strict.toml"), &[&rule]).unwrap();
    assert_eq!(p.name(), "strict.toml");
    assert_eq!(p.extends(), Some("../base.toml"));
    assert_eq!(p.options(&rule.0).iter().find(|(n, _)| *n == "max").map(|(_, v)| v.to_string()), Some("4".into()));
    assert_eq!(p.setting("span-too-wide").unwrap().options["max"].to_string(), "12");
    // The preset at the bottom of the chain counts too.
    assert_eq!(
        p.level(&TooManyManagementLayers::META),
        Policy::preset("almelo-2018").unwrap().level(&TooManyManagementLayers::META)
    );
    // Without the custom rule, its table is an unknown rule, named in the file that has it.
    let e = Policy::from_toml_file(dir.join("ci/strict.toml")).unwrap_err();
    assert!(e.to_string().contains("base.toml:2:1: `rules.acme-team` is not a rule"), "{e}");
    // A file that is not there is a problem at `extends`.
    std::fs::write(dir.join("lost.toml"), "extends = \"nowhere.toml\"\n").unwrap();
    let e = Policy::from_toml_file(dir.join("lost.toml")).unwrap_err();
    assert!(e.to_string().contains("lost.toml:1:11: `extends` names `"), "{e}");
    assert!(e.to_string().contains("nowhere.toml`, which cannot be read"), "{e}");
}

#[test]
fn policy_files_that_extend_each_other_in_a_loop_are_refused() {
    let dir = crate::support::temp_dir("check-policy-loop");
    std::fs::write(dir.join("a.toml"), "extends = \"b.toml\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "extends = \"./a.toml\"\n").unwrap();
    let e = Policy::from_toml_file(dir.join("a.toml")).unwrap_err();
    assert!(
        e.to_string().contains(
            "b.toml:1:11: `extends` chains policy files in a loop: `a.toml` extends `b.toml` extends `a.toml`"
        ),
        "{e}"
    );
    std::fs::write(dir.join("self.toml"), "extends = \"self.toml\"\n").unwrap();
    let e = Policy::from_toml_file(dir.join("self.toml")).unwrap_err();
    assert!(e.to_string().contains("`extends` chains policy files in a loop: `self.toml` extends `self.toml`"), "{e}");
}
