//! The UK organogram import: the whole corpus, fault reports of real pairs,
//! one test per rule on hand-made files, bad input, and the CLI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use harkje::import::{FaultKind, ImportReport, read_uk_organogram};
use harkje::{Design, PostId};

use crate::support::{harkje, read, stderr, stdout, temp_dir};

/// The few organogram pairs shipped with the tests (Open Government Licence;
/// see their NOTICE.md).
fn pairs_dir() -> PathBuf {
    crate::support::fixture("uk-organograms")
}

/// The whole corpus of 336 pairs, when `HARKJE_UK_CORPUS` names its folder
/// (relative paths from the repository root); `.ci/run` sets it to
/// `../shared/data/uk-organograms` when that folder exists.
fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("HARKJE_UK_CORPUS").filter(|d| !d.is_empty())?;
    let dir = crate::support::root().join(dir);
    assert!(dir.is_dir(), "HARKJE_UK_CORPUS names `{}`, which is no folder", dir.display());
    Some(dir)
}

/// Imports a pair from `dir`, naming the files by their file names only.
fn import_pair_from(dir: &Path, pair: &str) -> (Design, ImportReport) {
    let s = format!("{pair}-senior.csv");
    let j = format!("{pair}-junior.csv");
    let sf = std::fs::File::open(dir.join(&s)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(&s).display()));
    let jf = std::fs::File::open(dir.join(&j)).ok();
    read_uk_organogram(pair, (s.as_str(), sf), jf.map(|f| (j.as_str(), f))).unwrap()
}

/// Imports a pair shipped with the tests, naming the files by their file names only.
fn import_pair(pair: &str) -> (Design, ImportReport) {
    import_pair_from(&pairs_dir(), pair)
}

/// The fault report as text: summary counts, line measures, then every fault.
fn report_text(r: &ImportReport) -> String {
    let m = &r.measures;
    let mut out = format!("{:#?}\n", r.summary);
    out += &format!(
        "posts {} top_posts {:?} layers {} max_span {} cycles {:?} dangling {:?}\n",
        m.posts,
        m.top_posts,
        m.layers,
        m.span.max,
        m.cycles,
        m.dangling_references.iter().map(|d| format!("{} -> {}", d.post, d.reports_to)).collect::<Vec<_>>()
    );
    for f in &r.faults {
        out += &format!("{f} [{}]\n", f.subject);
    }
    out
}

#[test]
fn every_pair_of_the_corpus_imports_and_matches_the_independent_check() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: set HARKJE_UK_CORPUS to the folder of the 336 organogram pairs to run it");
        return;
    };
    // The table written by scripts/uk_organogram_check.py (Python, standard
    // library only) over the same corpus; see docs/uk-organograms.md.
    let expected = read(&crate::support::root().join("docs/uk-organograms-check.tsv"));
    let mut rows: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for line in expected.lines().skip(1) {
        let mut f = line.split('\t');
        let pair = f.next().unwrap().to_owned();
        rows.insert(pair, f.map(|x| x.parse().unwrap()).collect());
    }
    let mut seniors: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-senior.csv"))
        .collect();
    seniors.sort();
    assert_eq!(seniors.len(), 336);
    let mut differ = Vec::new();
    for senior in &seniors {
        let name = senior.file_name().unwrap().to_string_lossy().into_owned();
        let pair = name.trim_end_matches("-senior.csv");
        let junior = senior.with_file_name(format!("{pair}-junior.csv"));
        let junior = junior.exists().then_some(junior);
        let (design, r) = harkje::import::from_uk_organogram_files(senior, junior.as_deref())
            .unwrap_or_else(|e| panic!("{pair}: {e}"));
        let m = &r.measures;
        assert_eq!(design.posts().len(), m.posts, "{pair}");
        // Every imported design loads, and save, load and save give the same bytes.
        let saved = harkje::format::to_json(&design);
        let back = harkje::format::from_json(saved.as_bytes()).unwrap_or_else(|e| panic!("{pair}: {e}"));
        assert!(harkje::format::to_json(&back) == saved, "{pair}: saving it again gives other bytes");
        let ours = vec![
            m.posts,
            m.top_posts.len(),
            m.layers as usize,
            m.span.max,
            m.cycles.len(),
            m.dangling_references.len(),
        ];
        if rows.get(pair) != Some(&ours) {
            differ.push(format!("{pair}: harkje {ours:?}, python {:?}", rows.get(pair)));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert_eq!(rows.len(), 336);
}

#[test]
fn self_reports_and_several_top_posts() {
    let (_, r) = import_pair("council_for_healthcare_regulatory_excellence-2011-09-30");
    assert_eq!(r.counts().get(&FaultKind::SelfReport), Some(&2));
    insta::assert_snapshot!(report_text(&r));
}

#[test]
fn a_self_report_and_merged_job_shares() {
    let (d, r) = import_pair("national_treatment_agency_for_substance_misuse-2011-09-30");
    assert_eq!(r.counts().get(&FaultKind::JobShareMerged), Some(&2));
    // A post that reports to itself keeps that line in the design.
    let selfish: Vec<&str> = d.posts().filter(|p| p.reports_to == Some(p.id)).map(|p| p.key.as_str()).collect();
    assert_eq!(selfish.len(), 1);
    insta::assert_snapshot!(report_text(&r));
}

#[test]
fn a_dangling_reference_keeps_its_post() {
    let (d, r) = import_pair("scottish_law_commission-2011-03-31");
    assert_eq!(d.posts().len(), 1);
    assert_eq!(r.measures.dangling_references.len(), 1);
    // The design cannot hold the missing post: the post is a top post there.
    assert_eq!(d.posts().next().unwrap().reports_to, None);
    assert!(r.measures.top_posts.is_empty());
    insta::assert_snapshot!(report_text(&r));
}

#[test]
fn eliminated_posts_and_the_posts_that_report_to_them() {
    let (d, r) = import_pair("uk_border_agency-2011-09-30");
    assert_eq!(r.summary.eliminated_posts, 16);
    assert_eq!(r.counts().get(&FaultKind::ReportsToEliminated), Some(&1));
    assert_eq!(d.posts().len(), r.summary.senior_posts + r.summary.junior_posts);
    insta::assert_snapshot!(report_text(&r));
}

#[test]
fn unreadable_values_several_tops_and_job_shares() {
    let (_, r) = import_pair("department_for_international_development-2013-03-31");
    assert_eq!(r.counts().get(&FaultKind::UnreadableValue), Some(&2));
    insta::assert_snapshot!(report_text(&r));
}

fn assert_no_name_or_contact_detail(d: &Design) {
    let json = harkje::format::to_json(d);
    assert!(!json.contains("Named person"));
    assert!(!json.contains("N/D"));
    assert!(!json.contains('@'));
    assert!(d.people().len() == 0);
}

#[test]
fn no_name_or_contact_detail_is_copied() {
    // The shipped pairs, and the largest pair of the corpus when it is given.
    for pair in [
        "appointments_commission-2011-03-31",
        "council_for_healthcare_regulatory_excellence-2011-09-30",
        "department_for_international_development-2013-03-31",
        "uk_border_agency-2011-09-30",
    ] {
        let (d, _) = import_pair(pair);
        assert!(d.posts().len() > 10, "{pair}");
        assert_no_name_or_contact_detail(&d);
    }
    if let Some(corpus) = corpus() {
        let (d, _) = import_pair_from(&corpus, "ministry_of_defence-2016-03-31");
        assert_no_name_or_contact_detail(&d);
    }
}

// ----- the rules, one by one, on hand-made files ---------------------------

const SENIOR_HEADER: &str = "\"Post Unique Reference\",\"Name\",\"Grade (or equivalent)\",\"Job Title\",\"Organisation\",\"Unit\",\"Contact Phone\",\"Contact E-mail\",\"Reports to Senior Post\",\"FTE\",\"Actual Pay Floor (£)\",\"Actual Pay Ceiling (£)\",\"source_file\"\n";
const JUNIOR_HEADER: &str = "\"Parent Department\",\"Organisation\",\"Unit\",\"Reporting Senior Post\",\"Grade\",\"Payscale Minimum (£)\",\"Payscale Maximum (£)\",\"Generic Job Title\",\"Number of Posts in FTE\",\"source_file\"\n";

/// A senior row: reference, name, title, unit, reports to, FTE, floor, ceiling, source file.
#[allow(clippy::too_many_arguments)]
fn s(r: &str, name: &str, unit: &str, to: &str, fte: &str, lo: &str, hi: &str, src: &str) -> String {
    format!("{r},{name},SCS1,Title {r},Dept,{unit},0207 000 0000,someone@example.org,{to},{fte},{lo},{hi},{src}\n")
}

/// A junior row: reports to, FTE, min, max, source file.
fn j(to: &str, fte: &str, lo: &str, hi: &str, src: &str) -> String {
    format!("Dept,Dept,Policy,{to},EO,{lo},{hi},Officer,{fte},{src}\n")
}

fn run(senior: &str, junior: Option<&str>) -> (Design, ImportReport) {
    let senior = format!("{SENIOR_HEADER}{senior}");
    let junior = junior.map(|j| format!("{JUNIOR_HEADER}{j}"));
    read_uk_organogram("test", ("s.csv", senior.as_bytes()), junior.as_ref().map(|j| ("j.csv", j.as_bytes()))).unwrap()
}

fn kinds(r: &ImportReport) -> Vec<(FaultKind, String, usize)> {
    r.faults.iter().map(|f| (f.kind, f.file.clone(), f.line)).collect()
}

fn reports_to(d: &Design, key: &str) -> Option<String> {
    let p = d.post_by_key(key).unwrap();
    p.reports_to.map(|m| d.post(m).unwrap().key.to_string())
}

#[test]
fn rule_each_reference_is_one_post_and_xx_marks_the_top() {
    let (d, r) = run(
        &[
            s("1", "N/D", "Office", "XX", "1", "100000", "110000", "a.xls"),
            s("2", "N/D", "Office", "1", "1", "70000", "80000", "a.xls"),
            s("3", "Vacant", "Policy", "1", "0.5", "N/D", "N/D", "a.xls"),
        ]
        .concat(),
        None,
    );
    assert_eq!(d.posts().len(), 3);
    assert_eq!(r.measures.top_posts, vec!["1"]);
    assert_eq!(reports_to(&d, "2").as_deref(), Some("1"));
    assert_eq!(d.post_by_key("2").unwrap().salary, Some(75000.0));
    assert!(r.faults.is_empty(), "{:?}", r.faults);
    // Organisation → Unit.
    assert_eq!(d.unit_by_key("dept/policy").unwrap().parent, Some(harkje::UnitId::from_key("dept")));
    assert_eq!(d.post_by_key("3").unwrap().unit, Some(harkje::UnitId::from_key("dept/policy")));
}

#[test]
fn rule_several_top_posts_are_allowed_and_reported() {
    let (d, r) =
        run(&[s("1", "N/D", "A", "XX", "1", "1", "2", ""), s("2", "N/D", "A", "xx", "1", "1", "2", "")].concat(), None);
    assert_eq!(d.posts().filter(|p| p.reports_to.is_none()).count(), 2);
    assert_eq!(
        kinds(&r),
        vec![(FaultKind::SeveralTopPosts, "s.csv".into(), 2), (FaultKind::SeveralTopPosts, "s.csv".into(), 3)]
    );
}

#[test]
fn rule_job_shares_are_one_post_with_summed_fte_and_the_first_line_kept() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", ""),
            s("9", "N/D", "A", "XX", "1", "1", "2", ""),
            s("2", "N/D", "A", "1", "0.6", "N/D", "N/D", ""),
            s("2", "N/D", "A", "9", "0.4", "50000", "60000", ""),
        ]
        .concat(),
        None,
    );
    assert_eq!(d.posts().len(), 3);
    let p = d.post_by_key("2").unwrap();
    assert!((p.fte - 1.0).abs() < 1e-9);
    assert_eq!(p.salary, Some(55000.0), "the first disclosed pay of the job share");
    assert_eq!(reports_to(&d, "2").as_deref(), Some("1"));
    let k = kinds(&r);
    assert!(k.contains(&(FaultKind::JobShareMerged, "s.csv".into(), 5)), "{k:?}");
    assert!(k.contains(&(FaultKind::ReportsToConflict, "s.csv".into(), 5)), "{k:?}");
}

#[test]
fn rule_a_dangling_reference_is_reported_and_the_post_kept() {
    let (d, r) = run(
        &[s("1", "N/D", "A", "XX", "1", "1", "2", ""), s("2", "N/D", "A", "404", "1", "1", "2", "")].concat(),
        Some(&j("405", "2", "1", "2", "")),
    );
    assert_eq!(d.posts().len(), 3);
    assert_eq!(r.measures.dangling_references.len(), 2);
    assert_eq!(r.measures.top_posts, vec!["1"]);
    assert_eq!(r.measures.unreachable_posts, vec!["2", "junior-2"]);
    assert_eq!(
        kinds(&r),
        vec![(FaultKind::DanglingReference, "j.csv".into(), 2), (FaultKind::DanglingReference, "s.csv".into(), 3)]
    );
}

#[test]
fn rule_eliminated_posts_are_left_out_and_their_reports_reported() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", ""),
            s("2", "'Eliminated'", "A", "1", "1", "1", "2", ""),
            s("3", "N/D", "A", "2", "1", "1", "2", ""),
        ]
        .concat(),
        Some(&j("2", "3", "1", "2", "")),
    );
    assert!(d.post_by_key("2").is_none());
    assert_eq!(r.summary.eliminated_posts, 1);
    assert_eq!(
        kinds(&r),
        vec![
            (FaultKind::ReportsToEliminated, "j.csv".into(), 2),
            (FaultKind::Eliminated, "s.csv".into(), 3),
            (FaultKind::ReportsToEliminated, "s.csv".into(), 4),
        ]
    );
}

#[test]
fn rule_a_self_report_stays_in_the_line_and_a_cycle_is_reported() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "1", "1", "1", "2", ""),
            s("2", "N/D", "A", "3", "1", "1", "2", ""),
            s("3", "N/D", "A", "2", "1", "1", "2", ""),
        ]
        .concat(),
        None,
    );
    assert_eq!(d.post_by_key("1").unwrap().reports_to, Some(PostId::from_key("1")));
    assert_eq!(r.measures.cycles, vec![vec!["1".to_owned()], vec!["2".to_owned(), "3".to_owned()]]);
    assert_eq!(kinds(&r), vec![(FaultKind::SelfReport, "s.csv".into(), 2), (FaultKind::Cycle, "s.csv".into(), 3)]);
    // The design loads back, cycles and all.
    let back = harkje::format::from_json(harkje::format::to_json(&d).as_bytes()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn rule_references_are_unique_per_source_file_with_a_fallback_across_the_file() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", "/x/a.xls"),
            s("2", "N/D", "A", "1", "1", "1", "2", "/x/a.xls"),
            s("1", "N/D", "B", "XX", "1", "1", "2", "/y/b.xls"),
            // Not in b.xls, but exactly one post carries `2`: it resolves to a.xls.
            s("3", "N/D", "B", "2", "1", "1", "2", "/y/b.xls"),
            // `1` is in b.xls itself.
            s("4", "N/D", "B", "1", "1", "1", "2", "/y/b.xls"),
        ]
        .concat(),
        Some(&[j("1", "2", "1", "2", "/x/a.xls"), j("1", "2", "1", "2", "/z/c.xls")].concat()),
    );
    assert_eq!(d.posts().filter(|p| p.key.contains(':')).count(), 5);
    assert_eq!(reports_to(&d, "b:3").as_deref(), Some("a:2"));
    assert_eq!(reports_to(&d, "b:4").as_deref(), Some("b:1"));
    assert_eq!(reports_to(&d, "junior-2").as_deref(), Some("a:1"));
    // `1` is carried by two posts and c.xls has none: ambiguous, so dangling.
    assert_eq!(reports_to(&d, "junior-3"), None);
    assert_eq!(kinds(&r).iter().filter(|k| k.0 == FaultKind::DanglingReference).count(), 1);
    assert_eq!(r.summary.source_files, 2);
}

#[test]
fn rule_junior_rows_are_group_posts_with_their_fte_and_midpoint_salary() {
    let (d, r) = run(
        &s("1", "N/D", "A", "XX", "1", "1", "2", ""),
        Some(
            &[
                j("1", "3.5", "\"20,000\"", "\"£30,000\"", ""),
                j("1", "0", "N/D", "N/D", ""),
                j("1", "2", "ns", "ns", ""),
            ]
            .concat(),
        ),
    );
    let p = d.post_by_key("junior-2").unwrap();
    assert_eq!((p.fte, p.salary, p.role.as_str()), (3.5, Some(25000.0), "uk-junior-posts"));
    assert_eq!(p.title, "Officer");
    assert_eq!(d.post_by_key("junior-3").unwrap().fte, 0.0);
    // Undisclosed pay is unknown, not zero, and counted.
    assert_eq!(d.post_by_key("junior-4").unwrap().salary, None);
    assert_eq!(r.summary.undisclosed_salaries, 2);
    assert_eq!(r.measures.totals.unknown_salary, 2);
    assert_eq!(r.measures.span.max, 3);
}

#[test]
fn rule_withheld_pay_of_zero_is_unknown() {
    let (d, r) = run(&s("1", "N/D", "A", "XX", "1", "0", "0", ""), None);
    assert_eq!(d.post_by_key("1").unwrap().salary, None);
    assert_eq!(r.summary.undisclosed_salaries, 1);
}

#[test]
fn rule_units_with_one_slug_stay_apart_and_no_unit_is_dropped() {
    let (d, r) = run(
        &[
            s("1", "N/D", "Finance & HR", "XX", "1", "1", "2", ""),
            s("2", "N/D", "Finance HR", "1", "1", "1", "2", ""),
            s("3", "N/D", "FINANCE-HR", "1", "1", "1", "2", ""),
            s("4", "N/D", "Finance HR", "1", "1", "1", "2", ""),
            s("5", "N/D", "???", "1", "1", "1", "2", ""),
        ]
        .concat(),
        None,
    );
    let unit = |k: &str| {
        let u = d.post_by_key(k).unwrap().unit.unwrap();
        let u = d.unit(u).unwrap();
        (u.key.clone(), u.name.clone())
    };
    assert_eq!(unit("1"), ("dept/finance-hr".to_owned(), "Finance & HR".to_owned()));
    assert_eq!(unit("2"), ("dept/finance-hr~2".to_owned(), "Finance HR".to_owned()));
    assert_eq!(unit("3"), ("dept/finance-hr~3".to_owned(), "FINANCE-HR".to_owned()));
    assert_eq!(unit("4"), unit("2"));
    assert_eq!(unit("5"), ("dept/unit".to_owned(), "???".to_owned()));
    assert_eq!(d.units().len(), 5);
    assert_eq!(r.summary.units, 5);
    // An Organisation without letters or digits is a unit too.
    let (d, _) = run("1,N/D,SCS1,Boss,--,Office,,,XX,1,1,2,\n", None);
    let office = d.unit_by_key("unit/office").unwrap();
    assert_eq!(d.unit(office.parent.unwrap()).unwrap().name, "--");
}

#[test]
fn rule_a_job_share_that_disagrees_on_title_unit_or_pay_is_reported() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", ""),
            s("2", "N/D", "A", "1", "0.5", "50000", "60000", ""),
            s("2", "N/D", "B", "1", "0.5", "60000", "70000", ""),
            "2,N/D,SCS1,Other title,Dept,A,,,1,0.5,50000,60000,\n".to_owned(),
            s("2", "N/D", "A", "1", "0.5", "N/D", "N/D", ""),
        ]
        .concat(),
        None,
    );
    let p = d.post_by_key("2").unwrap();
    assert_eq!((p.title.as_str(), p.salary, p.fte), ("Title 2", Some(55000.0), 2.0));
    assert_eq!(d.unit(p.unit.unwrap()).unwrap().key, "dept/a");
    let conflicts: Vec<(usize, &str)> = r
        .faults
        .iter()
        .filter(|f| f.kind == FaultKind::JobShareConflict)
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        conflicts,
        vec![
            (4, "this row of post `2` has pay with the midpoint 65000, but line 3 gives 55000; the first is kept"),
            (
                4,
                "this row of post `2` has the Organisation and Unit `Dept` / `B`, but line 3 says `Dept` / `A`; the first is kept"
            ),
            (5, "this row of post `2` has the title `Other title`, but line 3 says `Title 2`; the first is kept"),
        ]
    );
    assert!(r.faults.iter().all(|f| f.subject == "posts/2" || f.line == 2), "{:?}", r.faults);
    assert!(r.has_faults());
}

#[test]
fn rule_a_pay_floor_above_its_ceiling_is_unknown_and_reported() {
    let (d, r) = run(&s("1", "N/D", "A", "XX", "1", "65000", "60000", ""), Some(&j("1", "2", "30000", "20000", "")));
    assert_eq!(d.post_by_key("1").unwrap().salary, None);
    assert_eq!(d.post_by_key("junior-2").unwrap().salary, None);
    assert_eq!(r.summary.undisclosed_salaries, 2);
    let msgs: Vec<String> = r.faults.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        vec![
            "j.csv:2: warning[unreadable-value]: the payscale minimum `30000` is above the maximum `20000`; the salary is unknown",
            "s.csv:2: warning[unreadable-value]: the pay floor `65000` is above the ceiling `60000`; the salary is unknown",
        ]
    );
}

// ----- what the design file refuses is a fault, never a design that cannot load ----

/// Saves, loads and saves again: the same bytes, and the design loads.
fn assert_round_trip(d: &Design) {
    let saved = harkje::format::to_json(d);
    let back = harkje::format::from_json(saved.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{saved}"));
    assert_eq!(harkje::format::to_json(&back), saved);
    assert_eq!(&back, d);
}

#[test]
fn a_job_share_of_0_63_and_0_78_saves_and_loads_exactly() {
    let (d, _) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", ""),
            s("2", "N/D", "A", "1", "0.63", "1", "2", ""),
            s("2", "N/D", "A", "1", "0.78", "1", "2", ""),
        ]
        .concat(),
        None,
    );
    let fte = d.post_by_key("2").unwrap().fte;
    assert_eq!(fte, 0.63 + 0.78);
    assert!(harkje::format::to_json(&d).contains("1.4100000000000001"));
    let back = harkje::format::from_json(harkje::format::to_json(&d).as_bytes()).unwrap();
    assert_eq!(back.post_by_key("2").unwrap().fte, fte);
    assert_round_trip(&d);
}

#[test]
fn values_the_design_file_refuses_are_faults_with_their_line() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", ""),
            // An FTE over the limit.
            s("2", "N/D", "A", "1", "200000", "1", "2", ""),
            // A pay midpoint over 1e9.
            s("3", "N/D", "A", "1", "1", "2000000000", "2000000002", ""),
            // A control character in the reference.
            s("4\u{7}", "N/D", "A", "1", "1", "1", "2", ""),
            s("5", "N/D", "A", "4\u{7}", "1", "1", "2", ""),
            // A job share whose FTE adds up to more than the limit.
            s("6", "N/D", "A", "1", "60000", "1", "2", ""),
            s("6", "N/D", "A", "1", "60000", "1", "2", ""),
        ]
        .concat(),
        Some(&j("1", "100001", "2000000000", "2000000002", "")),
    );
    let faults: Vec<String> =
        r.faults.iter().filter(|f| f.kind == FaultKind::UnreadableValue).map(ToString::to_string).collect();
    assert_eq!(
        faults,
        vec![
            "j.csv:2: warning[unreadable-value]: the FTE `100001` is above 100000, the largest harkje accepts; 0 is used",
            "j.csv:2: warning[unreadable-value]: the payscale `2000000000` to `2000000002` has a midpoint above 1000000000, the largest salary harkje accepts; the salary is unknown",
            "s.csv:3: warning[unreadable-value]: the FTE `200000` is above 100000, the largest harkje accepts; 1 is used",
            "s.csv:4: warning[unreadable-value]: the pay range `2000000000` to `2000000002` has a midpoint above 1000000000, the largest salary harkje accepts; the salary is unknown",
            "s.csv:5: warning[unreadable-value]: the reference `4\\u{7}` holds a control character; the post is keyed with it escaped",
            "s.csv:8: warning[unreadable-value]: the FTE of post `6` adds up to 120000 with this row, above 100000, the largest harkje accepts; this row's FTE is left out",
        ]
    );
    assert!(r.has_faults());
    assert_eq!(d.post_by_key("2").unwrap().fte, 1.0);
    assert_eq!(d.post_by_key("3").unwrap().salary, None);
    assert_eq!(d.post_by_key("6").unwrap().fte, 60000.0);
    // The post keeps its line: post 5 reports to the escaped key.
    assert_eq!(reports_to(&d, "5").as_deref(), Some("4\\u{7}"));
    assert_round_trip(&d);
}

#[test]
fn a_pay_range_that_overflows_is_reported_not_silently_unknown() {
    let (d, r) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1e308", "1.7e308", ""),
            s("2", "N/D", "A", "1", "1", "1", "1e400", ""),
            s("3", "N/D", "A", "1", "1", "1", "inf", ""),
            // Both halves fit, so the midpoint is computed without overflow but is still too large.
            s("4", "N/D", "A", "1", "1", "1.7e308", "1.7e308", ""),
        ]
        .concat(),
        None,
    );
    assert!(d.posts().all(|p| p.salary.is_none()));
    let lines: Vec<usize> = r.faults.iter().filter(|f| f.kind == FaultKind::UnreadableValue).map(|f| f.line).collect();
    assert_eq!(lines, vec![2, 3, 4, 5]);
    assert!(r.faults.iter().all(|f| f.message.contains("midpoint above 1000000000")), "{:?}", r.faults);
    assert_round_trip(&d);
}

#[test]
fn many_unit_names_that_share_a_slug_get_keys_in_order() {
    // 20,000 names that differ only in case, one slug: before the keys were
    // found by counting up from `~2` for every name (quadratic).
    let n = 20_000;
    let mut rows = s("0", "N/D", "Head", "XX", "1", "1", "2", "");
    for i in 1..n {
        let name: String = format!("{i:015b}").chars().map(|c| if c == '1' { 'A' } else { 'a' }).collect();
        rows += &s(&i.to_string(), "N/D", &name, "0", "1", "1", "2", "");
    }
    let (d, r) = run(&rows, None);
    assert_eq!(r.summary.units, n + 1);
    let unit = |k: &str| d.unit(d.post_by_key(k).unwrap().unit.unwrap()).unwrap().key.clone();
    assert_eq!(unit("0"), "dept/head");
    assert_eq!(unit("1"), "dept/aaaaaaaaaaaaaaa");
    assert_eq!(unit("2"), "dept/aaaaaaaaaaaaaaa~2");
    assert_eq!(unit(&(n - 1).to_string()), format!("dept/aaaaaaaaaaaaaaa~{}", n - 1));
}

#[test]
fn a_reference_that_clashes_with_made_keys_gets_the_next_free_suffix() {
    let (d, _) = run(
        &[
            s("1", "N/D", "A", "XX", "1", "1", "2", ""),
            s("junior-2", "N/D", "A", "1", "1", "1", "2", ""),
            s("junior-2~2", "N/D", "A", "1", "1", "1", "2", ""),
        ]
        .concat(),
        Some(&j("1", "1", "1", "2", "")),
    );
    let mut keys: Vec<&str> = d.posts().map(|p| p.key.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(keys, vec!["1", "junior-2", "junior-2~2", "junior-2~3"]);
}

#[test]
fn many_posts_reporting_to_a_reference_that_is_a_key_stay_dangling() {
    // A merged file whose source files are labelled `a`, `?a`, `??a`, ...,
    // each with a post `x`, has the keys `a:x`, `?a:x`, `??a:x`, ...; posts of
    // b.xls that report to `a:x` reach no reference. The report's line writes
    // that reference with `?` before it until it is no key: worked out once
    // per reference, not once per post (which was quadratic).
    let n = 1_500;
    let mut rows = String::new();
    for k in 0..n {
        rows += &s("x", "N/D", "A", "XX", "1", "1", "2", &format!("{}a.xls", "?".repeat(k)));
    }
    for i in 0..n {
        rows += &s(&format!("p{i}"), "N/D", "A", "a:x", "1", "1", "2", "b.xls");
    }
    let (d, r) = run(&rows, None);
    assert_eq!(d.posts().len(), 2 * n);
    assert_eq!(r.measures.dangling_references.len(), n);
    let written = format!("{}a:x", "?".repeat(n));
    assert!(r.measures.dangling_references.iter().all(|x| x.reports_to == written));
}

// ----- bad input ------------------------------------------------------------

#[test]
fn a_truncated_file_reports_its_last_row_and_keeps_the_rest() {
    let text = format!("{SENIOR_HEADER}{}{}", s("1", "N/D", "A", "XX", "1", "1", "2", ""), "2,N/D,SCS1,\"Director of");
    let (d, r) = read_uk_organogram("t", ("s.csv", text.as_bytes()), None::<(&str, &[u8])>).unwrap();
    assert_eq!(d.posts().len(), 1);
    assert_eq!(kinds(&r), vec![(FaultKind::UnreadableRow, "s.csv".into(), 3)]);
    assert!(r.faults[0].message.contains("cut short"), "{}", r.faults[0].message);
    assert!(r.has_faults());
}

#[test]
fn wrong_headers_are_an_error_naming_the_file_and_the_columns_found() {
    let e = read_uk_organogram("t", ("s.csv", "Ref,Boss\n1,XX\n".as_bytes()), None::<(&str, &[u8])>).unwrap_err();
    let text = e.to_string();
    insta::assert_snapshot!(text);
}

#[test]
fn non_utf8_bytes_make_an_unreadable_row_with_its_line_and_column() {
    let mut bytes = format!("{SENIOR_HEADER}{}", s("1", "N/D", "A", "XX", "1", "1", "2", "")).into_bytes();
    bytes.extend_from_slice(b"2,N/D,SCS1,Caf\xE9 manager,Dept,A,,,1,1,1,2,\n");
    let (d, r) = read_uk_organogram("t", ("s.csv", bytes.as_slice()), None::<(&str, &[u8])>).unwrap();
    assert_eq!(d.posts().len(), 1);
    assert_eq!(kinds(&r), vec![(FaultKind::UnreadableRow, "s.csv".into(), 3)]);
    assert!(r.faults[0].message.contains("field 4"), "{}", r.faults[0].message);
}

#[test]
fn a_bom_blank_rows_and_rows_without_a_reference() {
    let text = format!(
        "\u{feff}{SENIOR_HEADER}{},,,,,,,,,,,,\n\n{}",
        s("1", "N/D", "A", "XX", "1", "1", "2", ""),
        s("", "N/D", "A", "1", "1", "1", "2", "")
    );
    let (d, r) = read_uk_organogram("t", ("s.csv", text.as_bytes()), None::<(&str, &[u8])>).unwrap();
    assert_eq!(d.posts().len(), 1);
    assert_eq!(r.summary.blank_rows, 1);
    assert_eq!(kinds(&r), vec![(FaultKind::UnreadableRow, "s.csv".into(), 5)]);
}

#[test]
fn an_empty_file_is_an_error() {
    let e = read_uk_organogram("t", ("s.csv", "".as_bytes()), None::<(&str, &[u8])>).unwrap_err();
    assert_eq!(e.to_string(), "the import has 1 problem\n  s.csv:1: the file is empty; expected a header row");
}

// ----- the CLI ----------------------------------------------------------------

fn pair_args(pair: &str) -> (String, String) {
    let dir = pairs_dir();
    (
        dir.join(format!("{pair}-senior.csv")).display().to_string(),
        dir.join(format!("{pair}-junior.csv")).display().to_string(),
    )
}

#[test]
fn cli_a_clean_pair_exits_0_and_writes_a_design_that_loads() {
    let dir = temp_dir("import-uk-clean");
    let out = dir.join("d.json");
    let (s, j) = pair_args("appointments_commission-2011-03-31");
    let o = harkje(&["import", "uk-organogram", &s, &j, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("no faults"), "{}", stderr(&o));
    let m = harkje(&["metrics", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(m.status.code(), Some(0), "{}", stderr(&m));
    let v: serde_json::Value = serde_json::from_str(&stdout(&m)).unwrap();
    assert_eq!(v["posts"], 16);
}

#[test]
fn cli_faults_exit_1_and_json_reports_them() {
    let dir = temp_dir("import-uk-faults");
    let out = dir.join("d.json");
    let (s, j) = pair_args("council_for_healthcare_regulatory_excellence-2011-09-30");
    let o = harkje(&["import", "uk-organogram", &s, &j, "-o", out.to_str().unwrap(), "--report", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let kinds: Vec<&str> = v["faults"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"self-report"), "{kinds:?}");
    assert!(v["faults"][0]["line"].as_u64().unwrap() > 1);
    assert!(out.exists());
}

#[test]
fn cli_a_missing_file_exits_2() {
    let dir = temp_dir("import-uk-missing");
    let out = dir.join("d.json");
    let o = harkje(&["import", "uk-organogram", "nope-senior.csv", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope-senior.csv"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn cli_wrong_headers_exit_2_naming_file_and_line() {
    let dir = temp_dir("import-uk-headers");
    let bad = dir.join("bad-senior.csv");
    std::fs::write(&bad, "a,b\n1,2\n").unwrap();
    let out = dir.join("d.json");
    let o = harkje(&["import", "uk-organogram", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad-senior.csv:1: the header has no column `Post Unique Reference`"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any bytes after a good header import without a panic, and every data row
    /// is accounted for: a post, a merged or eliminated row, a blank row or a fault.
    #[test]
    fn any_rows_import_without_a_panic(body in proptest::collection::vec(
        proptest::sample::select(vec![b'1', b'2', b'X', b',', b'"', b'\n', b'\r', b' ', 0xE9u8, b'a']), 0..300)
    ) {
        let mut bytes = SENIOR_HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let junior = [JUNIOR_HEADER.as_bytes(), &body].concat();
        if let Ok((d, r)) = read_uk_organogram("p", ("s.csv", bytes.as_slice()), Some(("j.csv", junior.as_slice()))) {
            proptest::prop_assert_eq!(d.posts().len(), r.measures.posts);
            proptest::prop_assert_eq!(r.summary.junior_posts, r.summary.junior_rows);
        }
    }
}

#[test]
fn cli_the_junior_file_may_be_left_out() {
    let dir = temp_dir("import-uk-senior-only");
    let out = dir.join("d.json");
    let s = pairs_dir().join("cabinet_office-2012-03-31-senior.csv");
    let o = harkje(&["import", "uk-organogram", s.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    // Two top posts are a fault: exit 1, and the design is written.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("226 posts (226 senior, 0 junior)"), "{}", stderr(&o));
    assert_eq!(harkje::format::from_json(read(&out).as_bytes()).unwrap().posts().len(), 226);
}

#[test]
fn cli_a_design_or_report_that_cannot_be_written_exits_2() {
    let dir = temp_dir("import-uk-full");
    let (s, j) = pair_args("council_for_healthcare_regulatory_excellence-2011-09-30");
    let o = harkje(&["import", "uk-organogram", &s, &j, "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write `/dev/full`"), "{}", stderr(&o));
    // The report on stdout, to a full disk.
    let out = dir.join("d.json");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(["import", "uk-organogram", &s, &j, "-o", out.to_str().unwrap(), "--report", "json"])
        .current_dir(crate::support::root())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("error: cannot write to standard output"), "{}", stderr(&o));
    // A reader that went away is no error: the exit code says what the import found.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_harkje"))
        .args(["import", "uk-organogram", &s, &j, "-o", out.to_str().unwrap(), "--report", "json"])
        .current_dir(crate::support::root())
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}
