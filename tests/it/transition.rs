//! The reorganisation engine: diff, function comparison, placement, procedure, report and CLI.

use harkje::format::from_json;
use harkje::transition::{
    Action, Basis, Field, FunctionStatus, KeyMapping, Language, Outcome, SelectionRule, Side, Statute, Step,
    TransitionInput, TransitionReport, compare, diff, transition,
};
use harkje::{Appointment, Design, Function, Person, Post, Task, Unit, UnitKind};
use jiff::civil::{Date, date};

use crate::support::{fixture, harkje, read, stderr, stdout};

fn load(name: &str) -> Design {
    from_json(read(&fixture(&format!("transition/{name}"))).as_bytes()).unwrap()
}

fn input(name: &str) -> TransitionInput {
    TransitionInput::from_toml(&read(&fixture(&format!("transition/{name}")))).unwrap()
}

fn klein_oord() -> TransitionReport {
    let statute = Statute::preset("almelo-2018").unwrap();
    transition(&load("old.json"), &load("new.json"), &statute, &input("mapping.toml")).unwrap()
}

fn employee<'a>(r: &'a TransitionReport, key: &str) -> &'a harkje::transition::Placement {
    r.employees.iter().find(|p| p.person == key).unwrap()
}

// ----- the hand-made municipality, end to end ------------------------------

#[test]
fn klein_oord_outcomes_are_the_hand_worked_ones() {
    let r = klein_oord();
    let outcome = |k: &str| employee(&r, k).outcome;
    for k in ["p01", "p02", "p03", "p05", "p06", "p07", "p10"] {
        assert_eq!(outcome(k), Outcome::Functievolger, "{k}");
    }
    // Afspiegeling among 3 Wmo consultants for 2 posts: band 25–35 (2 of 3) gives up the
    // place, and in it p04 has the shortest service.
    assert_eq!(outcome("p04"), Outcome::Geschikt);
    assert_eq!(employee(&r, "p04").new_post.as_deref(), Some("kcc-4"));
    assert!(employee(&r, "p04").salary_guarantee);
    assert_eq!(employee(&r, "p04").scale_change, Some(-2));
    // F-HRM changed 50%: passend in F-HRA at the same scale.
    assert_eq!(outcome("p11"), Outcome::Passend);
    assert_eq!(employee(&r, "p11").new_post.as_deref(), Some("hr-1"));
    // F-ARCH lapsed: both holders redundant; only p08 has the 2 years for VWNW.
    assert_eq!(outcome("p08"), Outcome::Boventallig);
    assert_eq!(employee(&r, "p08").vwnw.as_ref().unwrap().months, Some(24));
    assert_eq!(outcome("p09"), Outcome::Boventallig);
    assert_eq!(employee(&r, "p09").vwnw.as_ref().unwrap().eligible, Some(false));
    assert_eq!(outcome("p12"), Outcome::Extern);
    assert_eq!(r.totals.outcomes[&Outcome::Boventallig].count, 2);
    assert!(!r.totals.nobody_redundant);
    // Payroll 699,000 → 643,000: 56,000 saved against a 2% target of 13,980.
    assert_eq!(r.payroll.old, 699_000.0);
    assert_eq!(r.payroll.new, 643_000.0);
    assert!((r.payroll.target.unwrap() - 13_980.0).abs() < 1e-6);
    assert_eq!(r.payroll.target_met, Some(true));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // Vacancies: half a KCC post and the new data-analist, both wanted by p08.
    let vac: Vec<(&str, f64)> = r.vacancies.iter().map(|v| (v.function.as_str(), v.vacant_fte)).collect();
    assert_eq!(vac, vec![("F-DATA", 1.0), ("F-KCC", 0.5)]);
    assert_eq!(r.vacancies[0].interested[0].person, "p08");
    assert_eq!(r.vacancies[0].interested[0].outcome, Outcome::Boventallig);
}

#[test]
fn klein_oord_text_report() {
    insta::assert_snapshot!(klein_oord().to_text_in(Language::English));
}

/// Each employee's line names the unit of the old and the new post, so a move shows at a
/// glance, and a re-placed employee's the function placed in; a vacancy names who is
/// interested; the shared report keeps the posts as its
/// disclosure control shows them, and has no names.
#[test]
fn employee_lines_name_the_units_of_the_posts() {
    let r = klein_oord();
    let text = r.to_text_in(Language::Dutch);
    // A passend or geschikt line names the function placed in; a functievolger's does not.
    assert!(text.contains("p04 (Dirk Evers): geschikt sociaal/wmo-3 → kcc/kcc-4 als F-KCC (schaal 9 → 7"), "{text}");
    assert!(
        text.contains("p11 (Karim Mulder): passend bedrijfsvoering/pz-1 → bedrijfsvoering/hr-1 als F-HRA (schaal 8)")
    );
    assert!(text.contains("p02 (Bert Claassen): functievolger sociaal/wmo-1 → sociaal/soc-1 (schaal 9)"), "{text}");
    assert!(text.contains("p08 (Hanneke Jansen): boventallig bedrijfsvoering/archief-1 → -"), "{text}");
    assert!(r.to_markdown_in(Language::Dutch).contains("| sociaal/wmo-3 | geschikt | kcc/kcc-4 |"));
    let shared = r.pseudonymised(&harkje::transition::PseudonymKey::from_bytes([1; 32])).to_text_in(Language::Dutch);
    assert!(!shared.contains("wmo-3") && !shared.contains("sociaal/"), "{shared}");
    // Who is interested in a vacancy is named as on their own line; the shared report has no names.
    assert!(text.contains("belangstelling: p08 (Hanneke Jansen, boventallig)"), "{text}");
    assert!(!shared.contains("Hanneke"), "{shared}");
    // The Markdown report has no names: its vacancies give the key.
    let md = r.to_markdown_in(Language::Dutch);
    assert!(md.contains("p08 (boventallig)") && !md.contains("Hanneke"), "{md}");
    // A name is written as every name is: its control characters shown, not acted on.
    let mut odd = r.clone();
    odd.employees.iter_mut().filter(|p| p.person == "p08").for_each(|p| p.name = Some("Han\u{1b}[2Jneke".into()));
    let text = odd.to_text_in(Language::Dutch);
    assert!(!text.contains('\u{1b}'), "{text}");
}

#[test]
fn klein_oord_markdown_report() {
    insta::assert_snapshot!(klein_oord().to_markdown_in(Language::English));
}

#[test]
fn klein_oord_csv_report() {
    insta::assert_snapshot!(klein_oord().to_csv_in(Language::English));
}

#[test]
fn klein_oord_json_report() {
    insta::assert_snapshot!(klein_oord().to_json());
}

#[test]
fn klein_oord_pseudonymised_json_report() {
    let r = klein_oord().pseudonymised(&harkje::transition::PseudonymKey::from_bytes([1; 32]));
    let json = r.to_json();
    for secret in ["Anna Bakker", "1962-04-12", "\"p01\"", "Dirk Evers"] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    assert!(r.employees.iter().all(|p| p.person.starts_with("mw-")));
    // The age band stays unless it would single someone out, and the report counts the
    // rows that show it as it is, widened or withheld.
    let published = r.employees.iter().filter(|p| p.age_band.is_some()).count();
    let age = &r.privacy.as_ref().unwrap().disclosure[1];
    assert_eq!(age.field, "age_band");
    assert_eq!(published + age.withheld, r.employees.len());
    // Stable: the same key gives the same pseudonym; another key changes it.
    assert_eq!(klein_oord().pseudonymised(&harkje::transition::PseudonymKey::from_bytes([1; 32])), r);
    assert_ne!(
        klein_oord().pseudonymised(&harkje::transition::PseudonymKey::from_bytes([2; 32])).employees[0].person,
        r.employees[0].person
    );
    insta::assert_snapshot!(json);
}

// ----- the report in Dutch ---------------------------------------------------

fn example(dir: &str, statute: &str) -> TransitionReport {
    let data = crate::support::root().join("examples/data").join(dir);
    let design = |name: &str| from_json(read(&data.join(name)).as_bytes()).unwrap();
    let (old, new) = if dir == "tutorial" { ("design.json", "new.json") } else { ("old.json", "new.json") };
    let input = TransitionInput::from_toml(&read(&data.join("transition.toml"))).unwrap();
    transition(&design(old), &design(new), &Statute::preset(statute).unwrap(), &input).unwrap()
}

#[test]
fn the_report_is_dutch_by_default() {
    let r = klein_oord();
    assert_eq!(r.to_text(), r.to_text_in(Language::Dutch));
    assert_eq!(r.to_markdown(), r.to_markdown_in(Language::Dutch));
    assert_eq!(r.to_csv(), r.to_csv_in(Language::Dutch));
    assert_ne!(r.to_text_in(Language::Dutch), r.to_text_in(Language::English));
}

#[test]
fn tutorial_dutch_text_report() {
    insta::assert_snapshot!(example("tutorial", "almelo-2018").to_text());
}

#[test]
fn tutorial_dutch_markdown_report() {
    insta::assert_snapshot!(example("tutorial", "almelo-2018").to_markdown());
}

#[test]
fn gemeente_2024_dutch_text_report() {
    insta::assert_snapshot!(example("gemeente-2024", "cao-gemeenten-2020").to_text());
}

#[test]
fn gemeente_2024_dutch_markdown_report() {
    insta::assert_snapshot!(example("gemeente-2024", "cao-gemeenten-2020").to_markdown());
}

#[test]
fn dutch_numbers_and_money_in_the_dutch_report() {
    let text = klein_oord().to_text();
    // A half post, the threshold and the payroll, as a Dutch reader writes them.
    assert!(text.contains("0,5 fte vacant"), "{text}");
    assert!(text.contains("drempel 30%"), "{text}");
    let money = text.lines().find(|l| l.trim_start().starts_with("oud € ")).unwrap();
    assert_eq!(money.trim(), "oud € 699.000,00  nieuw € 643.000,00  besparing € 56.000,00");
    assert!(text.contains("besparingsdoel 2% van de oude loonsom = € 13.980,00: gehaald"), "{text}");
    let english = klein_oord().to_text_in(Language::English);
    assert!(english.contains("0.5 FTE vacant"), "{english}");
}

#[test]
fn a_cost_increase_is_extra_cost_never_a_negative_saving() {
    let r = example("tutorial", "almelo-2018");
    assert!(r.payroll.savings < 0.0, "the tutorial's new design costs more");
    for (text, says) in [
        (r.to_text_in(Language::Dutch), "meerkosten € 116.000,00"),
        (r.to_markdown_in(Language::Dutch), "meerkosten € 116.000,00"),
        (r.to_text_in(Language::English), "extra cost € 116,000.00"),
        (r.to_markdown_in(Language::English), "extra cost € 116,000.00"),
    ] {
        assert!(text.contains(says), "{text}");
        assert!(!text.contains("€ -") && !text.contains("-€"), "{text}");
        assert!(!text.contains("besparing") && !text.contains("savings €"), "{text}");
    }
    // A saving still says so.
    let saved = klein_oord();
    assert!(saved.payroll.savings > 0.0);
    assert!(saved.to_text().contains("besparing € "), "{}", saved.to_text());
}

#[test]
fn the_dutch_csv_opens_in_dutch_excel() {
    let csv = klein_oord().to_csv();
    let bytes = csv.as_bytes();
    // A UTF-8 byte-order mark, so Excel does not read the file as Windows-1252.
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let body = &csv["\u{feff}".len()..];
    let header = body.lines().next().unwrap();
    assert!(header.starts_with("medewerker;naam;geboortedatum;leeftijdscategorie;in dienst sinds;fte;"), "{header}");
    assert_eq!(header.split(';').count(), 24);
    // The age band's en dash is the UTF-8 of U+2013, not `â€“`.
    let band = "25\u{2013}35";
    assert!(body.contains(&format!(";{band};")), "{body}");
    assert!(bytes.windows(7).any(|w| w == b"25\xE2\x80\x9335"));
    assert!(!csv.contains("â€"), "{csv}");
    // A decimal comma, `ja`/`nee`, and every row as many fields as the header.
    let p06 = body.lines().find(|l| l.starts_with("p06;")).unwrap();
    assert!(p06.contains(";0,5;"), "{p06}");
    assert!(body.lines().skip(1).all(|l| l.contains(";ja;") || l.contains(";nee;")), "{body}");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body.as_bytes());
    assert_eq!(reader.records().map(|r| r.unwrap().len()).collect::<Vec<_>>(), vec![24; klein_oord().employees.len()]);
    insta::assert_snapshot!(body);
}

#[test]
fn the_english_csv_is_for_programs() {
    let csv = klein_oord().to_csv_in(Language::English);
    assert!(csv.starts_with("person,name,birth_date,"), "{csv}");
    let p06 = csv.lines().find(|l| l.starts_with("p06,")).unwrap();
    assert!(p06.contains(",0.5,"), "{p06}");
}

#[test]
fn cli_transition_speaks_dutch_unless_asked_for_english() {
    let args = ["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", MAPPING];
    let run = |extra: &[&str]| {
        let o = harkje(&[&args[..], extra].concat());
        assert_eq!(o.status.code(), Some(0), "{extra:?}: {}", stderr(&o));
        o
    };
    let r = klein_oord();
    assert_eq!(stdout(&run(&[])), r.to_text_in(Language::Dutch));
    assert_eq!(stdout(&run(&["--lang", "nl", "--format", "md"])), r.to_markdown_in(Language::Dutch));
    assert_eq!(stdout(&run(&["--lang", "en"])), r.to_text_in(Language::English));
    assert_eq!(stdout(&run(&["--lang", "en", "--format", "md"])), r.to_markdown_in(Language::English));
    let nl = run(&["--format", "csv"]);
    assert!(nl.stdout.starts_with(b"\xEF\xBB\xBFmedewerker;"));
    assert_eq!(nl.stdout, r.to_csv_in(Language::Dutch).into_bytes());
    let en = run(&["--format", "csv", "--lang", "en"]);
    assert_eq!(en.stdout, r.to_csv_in(Language::English).into_bytes());
    // The JSON contract has no language.
    assert_eq!(stdout(&run(&["--format", "json", "--lang", "en"])), stdout(&run(&["--format", "json"])));
    let o = harkje(&[&args[..], &["--lang", "de"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--lang"), "{}", stderr(&o));
}

// ----- function comparison ---------------------------------------------------

fn function(key: &str, scale: u8, tasks: &[(&str, f64)]) -> Function {
    let mut f = Function::new(key, key);
    f.scale_max = Some(scale);
    f.tasks = tasks.iter().map(|(n, w)| Task::new(*n, *w)).collect();
    f
}

#[test]
fn comparison_overlaps_are_the_hand_computed_ones() {
    let mut old = Design::new("oud");
    old.add_function(function("WMO", 9, &[("intake", 4.0), ("indicatie", 4.0), ("archief", 2.0)])).unwrap();
    old.add_function(function("WMO2", 9, &[("intake", 4.0), ("indicatie", 6.0), ("archief", 2.0)])).unwrap();
    old.add_function(function("ARCH", 6, &[("archief", 1.0)])).unwrap();
    let mut new = Design::new("nieuw");
    new.add_function(function("SOC", 9, &[("intake", 5.0), ("indicatie", 3.0), ("huisbezoek", 2.0)])).unwrap();
    // Also has intake and indicatie but more new work: loses the tie on the new function's share.
    new.add_function(function("AAA", 9, &[("intake", 1.0), ("indicatie", 1.0), ("nieuw", 8.0)])).unwrap();
    new.add_function(function("DATA", 10, &[("analyse", 1.0)])).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let c = compare(&old, &new, &statute, &TransitionInput::default()).unwrap();
    let row = |k: &str| c.old.iter().find(|r| r.function == k).unwrap();
    // 8 of 10 recurs: change 20%, ongewijzigd.
    assert_eq!(row("WMO").successor.as_deref(), Some("SOC"));
    assert!((row("WMO").overlap - 0.8).abs() < 1e-12);
    assert_eq!(row("WMO").status, FunctionStatus::Ongewijzigd);
    assert_eq!(row("WMO").lapsed_tasks, vec!["archief".to_owned()]);
    // 10 of 12 recurs... no: intake 4 + indicatie 6 = 10 of 12 = 83%; ongewijzigd.
    assert!((row("WMO2").overlap - 10.0 / 12.0).abs() < 1e-12);
    assert_eq!(row("ARCH").status, FunctionStatus::Vervallen);
    assert_eq!(row("ARCH").successor, None);
    let new_row = |k: &str| c.new.iter().find(|r| r.function == k).unwrap();
    assert_eq!(new_row("SOC").status, FunctionStatus::Ongewijzigd);
    assert_eq!(new_row("AAA").status, FunctionStatus::Gewijzigd);
    assert_eq!(new_row("DATA").status, FunctionStatus::Nieuw);
}

#[test]
fn a_change_of_exactly_the_threshold_is_ongewijzigd_and_just_above_is_gewijzigd() {
    let mut old = Design::new("oud");
    // 7 of 10 recurs: exactly 30% change (7/10 is not exact in binary floating point).
    old.add_function(function("A", 8, &[("x", 7.0), ("y", 3.0)])).unwrap();
    // 8 of 12 recurs: 33.3% change.
    old.add_function(function("B", 8, &[("x", 8.0), ("z", 4.0)])).unwrap();
    let mut new = Design::new("nieuw");
    new.add_function(function("N", 8, &[("x", 1.0)])).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let c = compare(&old, &new, &statute, &TransitionInput::default()).unwrap();
    assert_eq!(c.old[0].status, FunctionStatus::Ongewijzigd);
    assert_eq!(c.old[1].status, FunctionStatus::Gewijzigd);
    // Under a 35% statute both are ongewijzigd.
    let lenient = Statute::from_toml("threshold = 0.35\nregime = \"car-uwo\"\nselection = \"afspiegeling\"").unwrap();
    let c = compare(&old, &new, &lenient, &TransitionInput::default()).unwrap();
    assert!(c.old.iter().all(|r| r.status == FunctionStatus::Ongewijzigd));
}

#[test]
fn an_explicit_mapping_overrides_and_is_reported() {
    let r = klein_oord();
    let row = r.functions.old.iter().find(|f| f.function == "F-BELEID").unwrap();
    assert_eq!(row.basis, Basis::Mapping);
    assert_eq!(row.overlap, 0.75);
    let computed = row.computed.as_ref().unwrap();
    assert_eq!(computed.successor.as_deref(), Some("F-ADV"));
    assert!((computed.overlap - 0.5).abs() < 1e-12);
}

// ----- diff -------------------------------------------------------------------

#[test]
fn diff_of_klein_oord_with_renames() {
    let keys = input("mapping.toml").key_mapping();
    let d = diff(&load("old.json"), &load("new.json"), &keys);
    let post = |k: &str| d.posts.iter().find(|p| p.old_key.as_deref() == Some(k)).unwrap();
    assert_eq!(post("gs").action, Action::Unchanged);
    assert_eq!(post("wmo-3").action, Action::Closed);
    assert_eq!(post("balie-1").action, Action::Changed);
    assert_eq!(post("balie-1").new_key.as_deref(), Some("kcc-1"));
    let fields: Vec<Field> = post("balie-1").changes.iter().map(|c| c.field).collect();
    // The unit is the same after the rename publiek → kcc.
    assert_eq!(fields, vec![Field::Function, Field::Scale]);
    let kcc = d.units.iter().find(|u| u.new_key.as_deref() == Some("kcc")).unwrap();
    assert_eq!(kcc.old_key.as_deref(), Some("publiek"));
    assert_eq!(
        (kcc.establishment.old_fte, kcc.establishment.old_occupied, kcc.establishment.old_vacant),
        (3.0, 2.5, 0.5)
    );
    assert_eq!(kcc.establishment.new_fte, 4.0);
    assert_eq!(d.post_actions[&Action::New], 3);
    assert_eq!(d.total.old_fte, 13.0);
    // Without renames, the balie posts close and the kcc posts are new.
    let plain = diff(&load("old.json"), &load("new.json"), &KeyMapping::default());
    assert_eq!(plain.posts.iter().find(|p| p.old_key.as_deref() == Some("balie-1")).unwrap().action, Action::Closed);
}

#[test]
fn a_post_that_only_changes_unit_and_manager_is_moved() {
    let mut old = Design::new("oud");
    let a = old.add_unit(Unit::new("a", "A", UnitKind::Team)).unwrap();
    old.add_unit(Unit::new("b", "B", UnitKind::Team)).unwrap();
    let m = old.add_post(Post::new("m", "M", "hoofd")).unwrap();
    let mut p = Post::new("p", "P", "medewerker");
    p.unit = Some(a);
    p.reports_to = Some(m);
    old.add_post(p).unwrap();
    let mut new = Design::new("nieuw");
    new.add_unit(Unit::new("a", "A", UnitKind::Team)).unwrap();
    let b = new.add_unit(Unit::new("b", "B", UnitKind::Team)).unwrap();
    new.add_post(Post::new("m2", "M2", "hoofd")).unwrap();
    let mut p = Post::new("p", "P", "medewerker");
    p.unit = Some(b);
    p.reports_to = Some(harkje::PostId::from_key("m2"));
    new.add_post(p).unwrap();
    let d = diff(&old, &new, &KeyMapping::default());
    let p = d.posts.iter().find(|p| p.old_key.as_deref() == Some("p")).unwrap();
    assert_eq!(p.action, Action::Moved);
    assert_eq!(p.changes.len(), 2);
}

/// A design of two teams, `team` and `vast`, the first placed in `top` when `under_top`,
/// with posts of the given FTE in the named unit (`-` for none).
fn teams(posts: &[(&str, f64)], under_top: bool) -> Design {
    let mut d = Design::new("d");
    let top = d.add_unit(Unit::new("top", "Top", UnitKind::Directie)).unwrap();
    let mut team = Unit::new("team", "Team", UnitKind::Team);
    team.parent = under_top.then_some(top);
    d.add_unit(team).unwrap();
    d.add_unit(Unit::new("vast", "Vast", UnitKind::Team)).unwrap();
    for (i, (unit, fte)) in posts.iter().enumerate() {
        let mut p = Post::new(format!("p{i}"), "P", "medewerker");
        p.unit = (*unit != "-").then(|| harkje::UnitId::from_key(unit));
        p.fte = *fte;
        d.add_post(p).unwrap();
    }
    d
}

/// A unit whose formatie grows or shrinks is changed, with its FTE old and new, also
/// when it keeps its key, name and place; one whose formatie stays is unchanged; one that
/// only moves is moved, and one that moves and shrinks is changed.
#[test]
fn a_unit_whose_formatie_changes_is_changed() {
    let old = teams(&[("team", 1.0), ("team", 1.0), ("vast", 0.5)], false);
    let new = teams(&[("team", 1.0), ("team", 0.8), ("vast", 0.5)], false);
    let d = diff(&old, &new, &KeyMapping::default());
    let unit = |d: &harkje::transition::DesignDiff, key: &str| {
        d.units.iter().find(|u| u.new_key.as_deref() == Some(key)).unwrap().clone()
    };
    assert_eq!(unit(&d, "team").action, Action::Changed);
    let change = unit(&d, "team").changes;
    assert_eq!(change.len(), 1);
    assert_eq!((change[0].field, &*change[0].old, &*change[0].new), (Field::Establishment, "2", "1.8"));
    assert_eq!(unit(&d, "vast").action, Action::Unchanged);
    assert!(unit(&d, "vast").changes.is_empty());
    // The JSON names the field as the docs do.
    assert!(d.to_json().contains(r#""field": "establishment""#), "{}", d.to_json());
    assert_eq!(serde_json::to_string(&Field::Portfolio).unwrap(), r#""portfolio""#);

    let moved = teams(&[("team", 1.0), ("team", 1.0), ("vast", 0.5)], true);
    let d = diff(&old, &moved, &KeyMapping::default());
    assert_eq!(unit(&d, "team").action, Action::Moved);
    let moved_and_shrunk = teams(&[("team", 1.0), ("vast", 0.5)], true);
    let d = diff(&old, &moved_and_shrunk, &KeyMapping::default());
    assert_eq!(unit(&d, "team").action, Action::Changed);
    let fields: Vec<Field> = unit(&d, "team").changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Parent, Field::Establishment]);
}

/// Figures that differ only beyond the three decimals shown are the same formatie.
#[test]
fn a_formatie_differing_only_where_it_is_not_shown_is_unchanged() {
    let old = teams(&[("team", 0.8889), ("vast", 0.5)], false);
    let new = teams(&[("team", 0.889), ("vast", 0.5)], false);
    let d = diff(&old, &new, &KeyMapping::default());
    let team = d.units.iter().find(|u| u.new_key.as_deref() == Some("team")).unwrap();
    assert_eq!(team.action, Action::Unchanged);
}

/// The row of the posts without a unit follows the units' rule: changed when its FTE
/// changes, unchanged when it stays.
#[test]
fn the_row_of_posts_without_a_unit_is_changed_by_its_formatie() {
    let none = |d: &harkje::transition::DesignDiff| {
        d.units.iter().find(|u| u.old_key.is_none() && u.new_key.is_none()).map(|u| u.action)
    };
    let old = teams(&[("team", 1.0), ("vast", 0.5)], false);
    let new = teams(&[("-", 1.0), ("vast", 0.5)], false);
    assert_eq!(none(&diff(&old, &new, &KeyMapping::default())), Some(Action::Changed));
    let both = teams(&[("-", 1.0), ("vast", 0.5)], false);
    assert_eq!(none(&diff(&both, &new, &KeyMapping::default())), Some(Action::Unchanged));
}

// ----- placement and selection -----------------------------------------------

struct Org {
    old: Design,
    new: Design,
}

/// A reorganisation where every follower of function A competes for `posts` new posts.
fn competition(people: &[(&str, Date, Date)], posts: usize) -> Org {
    let mut old = Design::new("oud");
    old.add_function(function("A", 8, &[("werk", 1.0)])).unwrap();
    let mut new = Design::new("nieuw");
    new.add_function(function("A", 8, &[("werk", 1.0)])).unwrap();
    for (i, (key, birth, start)) in people.iter().enumerate() {
        let mut post = Post::new(format!("old-{i}"), "A", "medewerker");
        post.function = Some(harkje::FunctionId::from_key("A"));
        post.scale = Some(8);
        let post = old.add_post(post).unwrap();
        let mut p = Person::new(*key);
        p.birth_date = Some(*birth);
        p.service_start = Some(*start);
        p.scale = Some(8);
        let person = old.add_person(p).unwrap();
        old.add_appointment(Appointment::new(person, post, 1.0)).unwrap();
    }
    for i in 0..posts {
        let mut post = Post::new(format!("new-{i}"), "A", "medewerker");
        post.function = Some(harkje::FunctionId::from_key("A"));
        post.scale = Some(8);
        new.add_post(post).unwrap();
    }
    Org { old, new }
}

fn ten_followers() -> Vec<(&'static str, Date, Date)> {
    vec![
        ("q01", date(1990, 1, 1), date(2015, 1, 1)),
        ("q02", date(1988, 5, 1), date(2012, 1, 1)),
        ("q03", date(1992, 3, 1), date(2018, 6, 1)),
        ("q04", date(1986, 1, 1), date(2010, 1, 1)),
        ("q05", date(1980, 1, 1), date(2005, 1, 1)),
        ("q06", date(1982, 1, 1), date(2011, 1, 1)),
        ("q07", date(1970, 1, 1), date(1995, 1, 1)),
        ("q08", date(1968, 1, 1), date(2019, 1, 1)),
        ("q09", date(1972, 1, 1), date(2000, 1, 1)),
        ("q10", date(1966, 1, 1), date(1990, 1, 1)),
    ]
}

fn leavers(org: &Org, statute: &Statute, reference: Date) -> Vec<String> {
    let input = TransitionInput { reference_date: Some(reference), ..TransitionInput::default() };
    let r = transition(&org.old, &org.new, statute, &input).unwrap();
    r.employees.iter().filter(|p| p.outcome != Outcome::Functievolger).map(|p| p.person.clone()).collect()
}

#[test]
fn afspiegeling_cuts_each_age_band_in_proportion() {
    // On 2020-01-01: band 25–35 has q01–q04 (4), band 35–45 has q05, q06 (2), band 45–55 has
    // q07–q10 (4). 3 of 10 must leave: 1.2, 0.6 and 1.2 by proportion, so one from each band.
    // Sainte-Laguë order: 45–55 and 25–35 tie at 4; q08 (since 2019) has shorter service than
    // q03 (since 2018), so 45–55 goes first; then 25–35 (q03); then 35–45 (2/1 beats 4/3): q06.
    let org = competition(&ten_followers(), 7);
    let statute = Statute::preset("almelo-2018").unwrap();
    assert_eq!(leavers(&org, &statute, date(2020, 1, 1)), vec!["q03", "q06", "q08"]);
}

#[test]
fn ancienniteit_lets_the_shortest_service_leave() {
    // By service alone: q08 (2019), q03 (2018), q01 (2015).
    let org = competition(&ten_followers(), 7);
    let statute = Statute::from_toml(&read(&fixture("transition/statute-ancienniteit.toml"))).unwrap();
    assert_eq!(statute.selection, SelectionRule::Ancienniteit);
    assert_eq!(leavers(&org, &statute, date(2020, 1, 1)), vec!["q01", "q03", "q08"]);
}

#[test]
fn afspiegeling_lets_those_past_the_aow_age_leave_first() {
    // r1 is 67 on the reference date and has the longest service, but leaves first.
    let people = [
        ("r1", date(1951, 1, 1), date(1975, 1, 1)),
        ("r2", date(1980, 1, 1), date(2016, 1, 1)),
        ("r3", date(1985, 1, 1), date(2017, 1, 1)),
    ];
    let org = competition(&people, 2);
    let statute = Statute::preset("almelo-2018").unwrap();
    assert_eq!(leavers(&org, &statute, date(2018, 10, 1)), vec!["r1"]);
    let input = TransitionInput { reference_date: Some(date(2018, 10, 1)), ..TransitionInput::default() };
    let r = transition(&org.old, &org.new, &statute, &input).unwrap();
    let r1 = r.employees.iter().find(|p| p.person == "r1").unwrap();
    assert_eq!(r1.age_band.as_deref(), Some("AOW"));
    assert!(r1.reasons.iter().any(|x| x.step == Step::Selection && x.text.contains("AOW")));
}

#[test]
fn selection_without_a_reference_date_is_an_error_not_a_guess() {
    let org = competition(&ten_followers(), 7);
    let statute = Statute::preset("almelo-2018").unwrap();
    let err = transition(&org.old, &org.new, &statute, &TransitionInput::default()).unwrap_err();
    assert!(err.to_string().contains("reference_date"), "{err}");
}

#[test]
fn an_unchanged_function_without_new_posts_needs_no_selection() {
    // Nobody can follow, so nobody is selected, and no reference date is needed for that.
    let org = competition(&ten_followers()[..2], 0);
    let statute = Statute::preset("almelo-2018").unwrap();
    let r = transition(&org.old, &org.new, &statute, &TransitionInput::default()).unwrap();
    assert!(r.employees.iter().all(|p| p.outcome == Outcome::Boventallig));
    assert!(r.employees[0].reasons.iter().all(|x| x.step != Step::Selection));
    // Without a reference date the VWNW right is unknown, and the report says so.
    assert!(r.diagnostics.iter().any(|d| d.rule == "vwnw-undetermined"));
}

#[test]
fn an_uitwisselbaar_group_pools_the_posts_of_its_successors() {
    let old = from_json(
        br#"{"version": 1, "name": "oud",
      "functions": [{"key": "A", "title": "A", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]},
                    {"key": "B", "title": "B", "scale_max": 8, "tasks": [{"name": "b", "weight": 1}]}],
      "posts": [{"key": "a1", "title": "A", "function": "A", "scale": 8},
                {"key": "a2", "title": "A", "function": "A", "scale": 8},
                {"key": "b1", "title": "B", "function": "B", "scale": 8}],
      "people": [{"key": "x", "scale": 8, "birth_date": "1970-01-01", "service_start": "1990-01-01"},
                 {"key": "y", "scale": 8, "birth_date": "1980-01-01", "service_start": "2010-01-01"}],
      "appointments": [{"person": "x", "post": "a1"}, {"person": "y", "post": "a2"}]}"#,
    )
    .unwrap();
    let new = from_json(
        br#"{"version": 1, "name": "nieuw",
      "functions": [{"key": "A2", "title": "A2", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]},
                    {"key": "B2", "title": "B2", "scale_max": 8, "tasks": [{"name": "b", "weight": 1}]}],
      "posts": [{"key": "a1", "title": "A2", "function": "A2", "scale": 8},
                {"key": "b1", "title": "B2", "function": "B2", "scale": 8}]}"#,
    )
    .unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    // Alone, A's two holders compete for one post; y (shorter service) would leave and, as a
    // herplaatsingskandidaat under a statute that asks for shared tasks, find no related
    // post: B2 shares no task with A.
    let plain = TransitionInput { reference_date: Some(date(2018, 10, 1)), ..TransitionInput::default() };
    let mut shared = statute.clone();
    shared.passend_requires_shared_tasks = true;
    let r = transition(&old, &new, &shared, &plain).unwrap();
    assert_eq!(employee(&r, "y").outcome, Outcome::Boventallig);
    // Under the statute's own passend (the scale), B2 at y's scale is passend.
    let r = transition(&old, &new, &statute, &plain).unwrap();
    assert_eq!((employee(&r, "y").outcome, employee(&r, "y").new_post.as_deref()), (Outcome::Passend, Some("b1")));
    // With A and B uitwisselbaar, the pool holds both posts and y follows into B2.
    let grouped = TransitionInput::from_toml(
        "version = 1\nreference_date = 2018-10-01\n[[uitwisselbaar]]\nname = \"ab\"\nfunctions = [\"A\", \"B\"]\n",
    )
    .unwrap();
    let r = transition(&old, &new, &statute, &grouped).unwrap();
    assert_eq!(employee(&r, "x").new_post.as_deref(), Some("a1"));
    assert_eq!(employee(&r, "y").outcome, Outcome::Functievolger);
    assert_eq!(employee(&r, "y").new_post.as_deref(), Some("b1"));
    assert!(employee(&r, "y").reasons.iter().any(|x| x.text.contains("uitwisselbare function `B2`")));
    assert_eq!(r.functions.old[0].group.as_deref(), Some("ab"));
}

// ----- procedure ----------------------------------------------------------------

#[test]
fn procedure_findings() {
    let statute = Statute::preset("almelo-2018").unwrap();
    let r = transition(&load("old.json"), &load("new.json"), &statute, &input("procedure-late.toml")).unwrap();
    let found: Vec<(String, String)> = r.diagnostics.iter().map(|d| (d.code.clone(), d.subject.clone())).collect();
    assert_eq!(
        found,
        vec![
            // p02's placement is dated before the decision.
            ("HK0902".to_owned(), "people/p02".to_owned()),
            // p03's lies within the month after a decision that departs from the advice.
            ("HK0903".to_owned(), "people/p03".to_owned()),
            // Without the geschikt agreement p04 is redundant, but F-WMO returns (with fewer
            // posts) and post wmo-3 is not formally abolished either.
            ("HK0904".to_owned(), "people/p04".to_owned()),
            ("HK0904".to_owned(), "people/p08".to_owned()),
            ("HK0904".to_owned(), "people/p09".to_owned()),
        ]
    );
    assert!(r.has_errors());
    let shown: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!(shown.join("\n"));
}

// ----- bad input ------------------------------------------------------------------

#[test]
fn an_employee_without_a_post_is_an_error_naming_them() {
    let mut old = load("old.json");
    old.add_person(Person::new("p99")).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let err = transition(&old, &load("new.json"), &statute, &input("mapping.toml")).unwrap_err();
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn a_function_without_tasks_is_an_error_naming_it() {
    let mut new = load("new.json");
    new.add_function(Function::new("F-LEEG", "Leeg")).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let err = transition(&load("old.json"), &new, &statute, &input("mapping.toml")).unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].path, "functions/F-LEEG");
    assert!(err.to_string().contains("has no tasks"), "{err}");
}

#[test]
fn a_weight_that_is_not_positive_is_refused_with_its_place() {
    let text = read(&fixture("transition/new.json"))
        .replace("\"weight\": 6 }, { \"name\": \"dashboards\"", "\"weight\": 0 }, { \"name\": \"dashboards\"");
    let err = from_json(text.as_bytes()).unwrap_err();
    assert!(
        err.problems.iter().any(|p| p.path.ends_with("/tasks/0/weight") && p.message.contains("positive")),
        "{err}"
    );
    let mut f = function("F-NUL", 5, &[]);
    f.tasks.push(Task::new("x", -1.0));
    assert!(Design::new("d").add_function(f).is_err());
}

#[test]
fn a_statute_with_an_unknown_selection_rule_names_the_key_and_the_choices() {
    let err = Statute::from_toml(&read(&fixture("transition/statute-bad.toml"))).unwrap_err();
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn references_in_the_transition_input_are_checked_with_their_place() {
    let statute = Statute::preset("almelo-2018").unwrap();
    let err = transition(&load("old.json"), &load("new.json"), &statute, &input("bad-references.toml")).unwrap_err();
    insta::assert_snapshot!(
        err.rename_file(Side::Old.label(), "old.json")
            .rename_file(Side::New.label(), "new.json")
            .rename_file(Side::Input.label(), "bad-references.toml")
            .to_string()
    );
}

#[test]
fn a_preference_in_the_old_design_for_a_function_not_in_the_new_one_is_an_error() {
    let text = read(&fixture("transition/old.json")).replace(
            "{ \"key\": \"p11\", \"name\": \"Karim Mulder\", \"birth_date\": \"1980-03-03\", \"service_start\": \"2008-06-01\", \"contract\": \"permanent\", \"scale\": 8 }",
            "{ \"key\": \"p11\", \"name\": \"Karim Mulder\", \"birth_date\": \"1980-03-03\", \"service_start\": \"2008-06-01\", \"contract\": \"permanent\", \"scale\": 8, \"preferences\": [\"F-HRM\"] }",
        );
    let old = from_json(text.as_bytes()).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let err = transition(&old, &load("new.json"), &statute, &input("mapping.toml")).unwrap_err();
    assert_eq!(err.problems[0].path, "people/p11/preferences/0");
    assert!(err.to_string().contains("`F-HRM`, which is not in the new design"), "{err}");
}

#[test]
fn a_transition_input_with_bad_values_reports_each_with_its_line() {
    let err = TransitionInput::from_toml(&read(&fixture("transition/bad-syntax.toml"))).unwrap_err();
    insta::assert_snapshot!(err.to_string());
    let err = TransitionInput::from_toml("version = 1\n[procedure]\ndecision = \"gisteren\"\n").unwrap_err();
    assert_eq!(err.problems[0].line, 3, "{err}");
    let err = TransitionInput::from_toml("version = 1\ncolour = \"red\"\n").unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn cli_reads_a_statute_file() {
    let dir = crate::support::temp_dir("transition-statute");
    let path = dir.join("eigen.toml");
    std::fs::write(&path, "threshold = 0.35\nregime = \"car-uwo\"\nselection = \"anciënniteit\"\n").unwrap();
    let o = harkje(&[
        "transition",
        OLD,
        NEW,
        "--statute",
        path.to_str().unwrap(),
        "--functions",
        MAPPING,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["statute"]["threshold"], 0.35);
    assert_eq!(v["statute"]["selection"], "anciënniteit");
}

#[test]
fn presets_load_and_unknown_presets_are_none() {
    for name in harkje::transition::PRESETS {
        let s = Statute::preset(name).unwrap();
        assert_eq!(s.name, name);
        assert!(Statute::preset_text(name).unwrap().contains("Not confirmed"));
    }
    assert_eq!(Statute::preset("almelo-2018").unwrap().threshold, 0.30);
    assert_eq!(Statute::preset("cao-gemeenten-2020").unwrap().selection, SelectionRule::Afspiegeling);
    assert!(Statute::preset("amsterdam").is_none());
}

// ----- CLI ------------------------------------------------------------------------------

const OLD: &str = "tests/fixtures/transition/old.json";
const NEW: &str = "tests/fixtures/transition/new.json";
const MAPPING: &str = "tests/fixtures/transition/mapping.toml";

#[test]
fn cli_transition_prints_every_format() {
    for (format, needle) in
        [("text", "Personele gevolgen"), ("json", "\"version\": 2"), ("csv", "medewerker;naam"), ("md", "| eenheid |")]
    {
        let o =
            harkje(&["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", MAPPING, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(stdout(&o).contains(needle), "{format}");
    }
    let key = crate::support::temp_dir("transition-every-format").join("pseudonym.key");
    let key = key.to_str().unwrap();
    let args = [
        "transition",
        OLD,
        NEW,
        "--statute",
        "almelo-2018",
        "--functions",
        MAPPING,
        "--pseudonymise",
        "--key-file",
        key,
    ];
    let o = harkje(&args);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).contains("Anna Bakker"));
    // The JSON of the CLI is the library's.
    let o = harkje(&["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", MAPPING, "--format", "json"]);
    assert_eq!(stdout(&o), klein_oord().to_json());
}

#[test]
fn cli_transition_with_procedure_errors_exits_1() {
    let o = harkje(&[
        "transition",
        OLD,
        NEW,
        "--statute",
        "almelo-2018",
        "--functions",
        "tests/fixtures/transition/procedure-late.toml",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("HK0903"));
}

#[test]
fn cli_transition_with_unreadable_input_exits_2() {
    let o = harkje(&["transition", OLD, "tests/fixtures/transition/missing.json", "--statute", "almelo-2018"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    let o = harkje(&["transition", OLD, NEW, "--statute", "tests/fixtures/transition/statute-bad.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("statute-bad.toml:3:13: /selection: unknown selection rule `lifo`"), "{}", stderr(&o));
    let o = harkje(&["transition", OLD, NEW, "--statute", "nergens"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`almelo-2018`"), "{}", stderr(&o));
    let o = harkje(&[
        "transition",
        OLD,
        NEW,
        "--statute",
        "almelo-2018",
        "--functions",
        "tests/fixtures/transition/bad-references.toml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad-references.toml:14:23: /interest/0/functions/1"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn cli_diff() {
    let o = harkje(&["diff", OLD, NEW, "--functions", MAPPING]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
    let o = harkje(&["diff", OLD, NEW, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    // Without the renames, only the successors harkje derives from the functions
    // match (the only post of the successor function in the successor unit): 9 of
    // the 13 old posts close, where matching keys alone closed 11.
    assert_eq!(v["post_actions"]["closed"], 9);
}

#[test]
fn every_number_of_a_statute_is_range_checked_with_the_range() {
    let base = "threshold = 0.3\nregime = \"car-uwo\"\nselection = \"afspiegeling\"\n";
    let e =
        Statute::from_toml(&format!("{base}aow_age_years = 4294967295\nmax_scale_drop = 300\naow_age_months = 12\n"))
            .unwrap_err()
            .to_string();
    assert_eq!(
        e,
        "the statute has 3 problems\n  \
         the statute:4:17: /aow_age_years: `aow_age_years` is 4294967295, but it must be a whole number from 60 to 80 years\n  \
         the statute:5:18: /max_scale_drop: `max_scale_drop` is 300, but it must be a whole number from 0 to 17 scales\n  \
         the statute:6:18: /aow_age_months: `aow_age_months` is 12, but it must be a whole number from 0 to 11 months"
    );
    // A wrong type names what is accepted in words, not as a Rust type.
    let e = Statute::from_toml(&format!("{base}max_scale_drop = \"twee\"\n")).unwrap_err().to_string();
    assert!(e.contains("4:18: /max_scale_drop: invalid type: string `twee`, expected a whole number"), "{e}");
    assert!(!e.contains("u8") && !e.contains("u32"), "{e}");
    // A statute built in code cannot overflow the AOW age either.
    let mut s = Statute::preset("almelo-2018").unwrap();
    s.aow_age_years = u32::MAX;
    assert_eq!(s.aow_age_in_months(), u32::MAX);
}

#[test]
fn a_wrong_type_in_the_transition_input_says_what_is_accepted() {
    let e = |text: &str| TransitionInput::from_toml(text).unwrap_err().to_string();
    let date = e("version = 1\nreference_date = 5\n");
    assert!(date.contains("2:18: /reference_date: expected a date like 2018-06-01, found the number 5"), "{date}");
    assert!(!date.contains("untagged") && !date.contains("Either"), "{date}");
    let time = e("version = 1\nreference_date = 2018-01-01T10:00:00\n");
    assert!(
        time.contains(
            "2:18: /reference_date: `2018-01-01T10:00:00` is not a plain date like 2018-06-01 (leave out the time)"
        ),
        "{time}"
    );
    let months = e("version = 1\n[[geschikt]]\nperson = \"p\"\nfunction = \"f\"\ntraining_months = -1\n");
    assert!(
        months.contains("5:19: /geschikt/0/training_months: `training_months` is -1, but it must be a whole number from 0 to 120 months"),
        "{months}"
    );
    let version = e("version = \"1\"\n");
    assert!(version.contains("1:11: /version: invalid type: string `1`, expected a whole number"), "{version}");
}

#[test]
fn toml_that_is_not_utf8_is_placed() {
    let e = TransitionInput::from_toml_bytes(b"version = 1\npseudonym_salt = \"\xff\"\n").unwrap_err().to_string();
    assert_eq!(
        e,
        "the transition input has 1 problem\n  the transition input:2:19: the file is not valid UTF-8: byte 0xff cannot start or continue a character"
    );
    let e = Statute::from_toml_bytes(b"threshold = 0.3\n# caf\xe9\n").unwrap_err().to_string();
    assert!(e.contains("the statute:2:6: the file is not valid UTF-8"), "{e}");
}

#[test]
fn a_transition_input_with_many_located_values_is_read_in_one_pass() {
    // Places were found by counting lines from the start for every value:
    // 40,000 renames took 18 s. Now every place is a search in one line index.
    let n = 40_000;
    let mut text = String::from("version = 1\n[renames.posts]\n");
    for i in 0..n {
        text.push_str(&format!("\"old-{i}\" = \"new-{i}\"\n"));
    }
    // The last rename collides with the first: both are renamed to `new-0`.
    text.push_str("\"old-x\" = \"new-0\"\n");
    let e = TransitionInput::from_toml(&text).unwrap_err().to_string();
    assert!(
        e.contains(&format!(
            "the transition input:{}:11: /renames/posts/old-x: `old-0` and `old-x` are both renamed to `new-0`",
            n + 3
        )),
        "{e}"
    );
    text.truncate(text.len() - "\"old-x\" = \"new-0\"\n".len());
    let input = TransitionInput::from_toml(&text).unwrap();
    assert_eq!(input.post_renames.len(), n);
}

#[test]
fn values_of_the_wrong_type_are_all_reported_with_the_other_problems() {
    let e = Statute::from_toml(
        "threshold = \"dertig\"\nregime = 3\nselection = \"lifo\"\nmax_scale_drop = \"twee\"\naow_age_years = 99\n",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "the statute has 5 problems\n  \
         the statute:1:13: /threshold: invalid type: string `dertig`, expected a number\n  \
         the statute:2:10: /regime: invalid type: whole number `3`, expected a string\n  \
         the statute:3:13: /selection: unknown selection rule `lifo` in `selection`; expected `afspiegeling` or `anciënniteit`\n  \
         the statute:4:18: /max_scale_drop: invalid type: string `twee`, expected a whole number\n  \
         the statute:5:17: /aow_age_years: `aow_age_years` is 99, but it must be a whole number from 60 to 80 years"
    );
    let e = TransitionInput::from_toml(
        "version = \"1\"\nsavings_target = \"veel\"\n[[mapping]]\nold = \"F-A\"\nnew = \"F-B\"\noverlap = \"half\"\n",
    )
    .unwrap_err();
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/version", "/savings_target", "/mapping/0/overlap"], "{e}");
}

/// A case folder of `tests/fixtures/transition/cases/`: old.json, new.json,
/// input.toml and an optional statute.toml (else the Almelo preset).
fn case(name: &str) -> TransitionReport {
    let dir = format!("transition/cases/{name}");
    let old = load(&format!("cases/{name}/old.json"));
    let new = load(&format!("cases/{name}/new.json"));
    let input = input(&format!("cases/{name}/input.toml"));
    let statute_path = fixture(&format!("{dir}/statute.toml"));
    let statute = if std::path::Path::new(&statute_path).exists() {
        Statute::from_toml(&read(&statute_path)).unwrap()
    } else {
        Statute::preset("almelo-2018").unwrap()
    };
    transition(&old, &new, &statute, &input).unwrap()
}

#[test]
fn mens_volgt_werk_places_a_manager_in_the_successor_of_their_unit() {
    let r = case("mens-volgt-werk");
    // p2 has the longer service and chooses first, yet stays with the work of the KCC.
    let p2 = employee(&r, "p2");
    assert_eq!((p2.outcome, p2.new_post.as_deref()), (Outcome::Passend, Some("tm-klantcontact")));
    assert_eq!((p2.successor_unit.as_deref(), p2.continues_work), (Some("klantcontact"), Some(true)));
    assert!(p2.reasons.iter().any(|r| r.text.contains("placed first on a post that continues their own work")));
    let p1 = employee(&r, "p1");
    assert_eq!(p1.new_post.as_deref(), Some("tm-financien"));
    let p3 = employee(&r, "p3");
    assert_eq!((p3.outcome, p3.new_post.as_deref()), (Outcome::Functievolger, Some("klantcontact-1")));
    // The derivation is in the report data.
    let kcc = r.successors.unit("kcc").unwrap();
    assert_eq!(
        (kcc.new.as_deref(), kcc.basis),
        (Some("klantcontact"), Some(harkje::transition::SuccessorBasis::Functions))
    );
    assert!(kcc.why.contains("the only new unit"), "{}", kcc.why);
    // The diff matches through the same map: the unit and the post are not closed + new.
    let old = load("cases/mens-volgt-werk/old.json");
    let new = load("cases/mens-volgt-werk/new.json");
    let map = harkje::transition::successors(&old, &new, &TransitionInput::default());
    let d = harkje::transition::diff(&old, &new, &map.key_mapping());
    assert!(
        d.posts.iter().any(|p| p.old_key.as_deref() == Some("kcc-1") && p.new_key.as_deref() == Some("klantcontact-1"))
    );
}

/// The people of a case who do not follow their function.
fn leaving(r: &TransitionReport) -> Vec<&str> {
    r.employees.iter().filter(|p| p.outcome != Outcome::Functievolger).map(|p| p.person.as_str()).collect()
}

#[test]
fn afspiegeling_rounds_by_largest_remainder_unless_the_statute_says_sainte_lague() {
    let lr = case("afspiegeling-largest-remainder");
    let gone = leaving(&lr);
    assert_eq!(gone.len(), 5, "{gone:?}");
    assert!(gone.contains(&"jong"), "{gone:?}");
    assert_eq!(gone.iter().filter(|k| k.starts_with("oud")).count(), 3, "{gone:?}");
    let why = &employee(&lr, "jong").reasons.iter().find(|r| r.step == Step::Selection).unwrap().text;
    assert!(why.contains("afspiegeling (largest-remainder)"), "{why}");
    assert!(why.contains("age band 15–25 holds 1, a quota of 0.417 (1 × 5 ÷ 12), so 1 leave from it"), "{why}");
    let sl = case("afspiegeling-sainte-lague");
    let gone = leaving(&sl);
    assert_eq!(gone.len(), 5, "{gone:?}");
    assert!(!gone.contains(&"jong"), "{gone:?}");
    assert_eq!(gone.iter().filter(|k| k.starts_with("oud")).count(), 4, "{gone:?}");
}

#[test]
fn a_fixed_term_contract_ends_before_a_permanent_one() {
    let r = case("fixed-term-first");
    assert_eq!(leaving(&r), ["tijdelijk"]);
    let why = &employee(&r, "tijdelijk").reasons.iter().find(|r| r.step == Step::Selection).unwrap().text;
    assert!(why.contains("fixed-term contract, so leaves before permanent staff"), "{why}");
    // Without the rule, the shortest service leaves.
    let old = load("cases/fixed-term-first/old.json");
    let new = load("cases/fixed-term-first/new.json");
    let mut statute = Statute::preset("almelo-2018").unwrap();
    statute.fixed_term_first = false;
    let r = transition(&old, &new, &statute, &input("cases/fixed-term-first/input.toml")).unwrap();
    assert_eq!(leaving(&r), ["vast-2"]);
}

#[test]
fn a_van_werk_naar_werk_traject_ends_at_the_aow_date() {
    let r = case("vwnw-ends-at-aow");
    let v = employee(&r, "p1").vwnw.as_ref().unwrap();
    assert_eq!((v.months, v.ends), (Some(8), Some(date(2019, 3, 15))));
    assert!(
        v.note.contains("it ends on 2019-03-15, the day they reach the AOW age, after 8 months instead of 24"),
        "{}",
        v.note
    );
}

#[test]
fn preferences_in_the_design_may_name_the_new_functieboek() {
    let r = case("preferences-in-the-new-functieboek");
    let p1 = employee(&r, "p1");
    assert_eq!(p1.preferences, ["F-DIV", "F-KCC"]);
    assert_eq!((p1.outcome, p1.new_post.as_deref()), (Outcome::Passend, Some("div-2")));
    let p2 = employee(&r, "p2");
    assert_eq!((p2.preferences_stated, p2.preferences_allowed), (4, 3));
    assert_eq!(p2.preferences, ["F-KCC", "F-DIV", "F-DATA"]);
    // HK0905 comes from the procedure check, on the facts the placement recorded.
    let hk = r.diagnostics.iter().find(|d| d.code == "HK0905").expect("HK0905");
    assert!(hk.message.contains("`p2` states 4 preferences, but the statute allows 3"), "{}", hk.message);
    // The design saves as it was read, preferences for new functions included.
    let text = read(&fixture("transition/cases/preferences-in-the-new-functieboek/old.json"));
    let old = from_json(text.as_bytes()).unwrap();
    let saved = harkje::format::to_json(&old);
    assert!(saved.contains("\"F-DIV\""), "{saved}");
    assert_eq!(harkje::format::to_json(&from_json(saved.as_bytes()).unwrap()), saved);
    // A preference for a function in neither design is an error naming the person and the index.
    let bad = text.replace("\"F-DATA\"", "\"F-NERGENS\"");
    let old = from_json(bad.as_bytes()).unwrap();
    let new = load("cases/preferences-in-the-new-functieboek/new.json");
    let input = input("cases/preferences-in-the-new-functieboek/input.toml");
    let err = transition(&old, &new, &Statute::preset("almelo-2018").unwrap(), &input).unwrap_err().to_string();
    assert!(err.contains("people/p2/preferences/2"), "{err}");
    assert!(err.contains("`p2` prefers function `F-NERGENS`, which is in neither the old nor the new design"), "{err}");
}

#[test]
fn a_krimp_decision_counts_the_abolished_fte_per_function() {
    let r = case("krimp-abolition");
    let gone: Vec<&str> =
        r.employees.iter().filter(|p| p.outcome == Outcome::Boventallig).map(|p| p.person.as_str()).collect();
    assert_eq!(gone, ["a1", "b3"]);
    assert!(r.diagnostics.iter().all(|d| d.code != "HK0904"), "{:?}", r.diagnostics);
    // Without the partial abolition of boa-2, the redundancy of b3 has no basis.
    let mut input = input("cases/krimp-abolition/input.toml");
    input.procedure.abolished_post_fte.clear();
    let old = load("cases/krimp-abolition/old.json");
    let new = load("cases/krimp-abolition/new.json");
    let r = transition(&old, &new, &Statute::preset("almelo-2018").unwrap(), &input).unwrap();
    let hk: Vec<&str> = r.diagnostics.iter().filter(|d| d.code == "HK0904").map(|d| d.subject.as_str()).collect();
    assert_eq!(hk, ["people/b3"]);
    let text =
        TransitionInput::from_toml("version = 1\n[procedure.abolished_post_fte]\nboa-2 = 0\n").unwrap_err().to_string();
    assert!(text.contains("/procedure/abolished_post_fte/boa-2") && text.contains("more than 0"), "{text}");
}

#[test]
fn passend_is_the_scale_and_a_boventallige_sees_every_open_post_at_their_scale() {
    let r = case("passend-by-scale");
    let p1 = employee(&r, "p1");
    assert_eq!((p1.outcome, p1.new_post.as_deref()), (Outcome::Passend, Some("div-1")));
    let why = &p1.reasons.iter().find(|r| r.step == Step::Passend).unwrap().text;
    assert!(why.contains("at their scale, which makes it passend by the statute"), "{why}");
    // A statute that asks for shared tasks: boventallig, with the open posts and why not.
    let mut statute = Statute::preset("almelo-2018").unwrap();
    statute.passend_requires_shared_tasks = true;
    let old = load("cases/passend-by-scale/old.json");
    let new = load("cases/passend-by-scale/new.json");
    let r = transition(&old, &new, &statute, &input("cases/passend-by-scale/input.toml")).unwrap();
    let p1 = employee(&r, "p1");
    assert_eq!(p1.outcome, Outcome::Boventallig);
    let open: Vec<(&str, &str)> = p1.open_posts.iter().map(|o| (o.post.as_str(), o.why_not.as_str())).collect();
    assert_eq!(open.len(), 2, "{open:?}");
    assert_eq!(open[0].0, "data-1");
    assert!(open[0].1.contains("`F-DATA` is nieuw"), "{open:?}");
    assert_eq!(open[1].0, "div-1");
    assert!(open[1].1.contains("shares no task with the old function"), "{open:?}");
    assert_eq!(p1.open_posts_more, 0);
}
