//! The report side of a transition: Dutch output, the shareable (pseudonymised) report with
//! its key file and k-anonymity warning, the letters, the committee overview, the cost and
//! the JSON contract.

use std::path::Path;

use harkje::format::from_json;
use harkje::transition::{
    Language, LetterStage, Outcome, PostDetail, PseudonymKey, Statute, Templates, TransitionInput, TransitionReport,
    transition,
};

use crate::support::{fixture, harkje, read, root, stderr, stdout, temp_dir};

const OLD: &str = "tests/fixtures/transition/old.json";
const NEW: &str = "tests/fixtures/transition/new.json";
const MAPPING: &str = "tests/fixtures/transition/mapping.toml";

fn design(path: &Path) -> harkje::Design {
    from_json(read(path).as_bytes()).unwrap()
}

fn klein_oord_with(statute: &Statute) -> TransitionReport {
    let input = TransitionInput::from_toml(&read(&root().join(MAPPING))).unwrap();
    transition(&design(&root().join(OLD)), &design(&root().join(NEW)), statute, &input).unwrap()
}

fn klein_oord() -> TransitionReport {
    klein_oord_with(&Statute::preset("almelo-2018").unwrap())
}

fn example(dir: &str, statute: &str) -> TransitionReport {
    let data = root().join("examples/data").join(dir);
    let input = TransitionInput::from_toml(&read(&data.join("transition.toml"))).unwrap();
    transition(
        &design(&data.join("old.json")),
        &design(&data.join("new.json")),
        &Statute::preset(statute).unwrap(),
        &input,
    )
    .unwrap()
}

fn key() -> PseudonymKey {
    PseudonymKey::from_bytes([42; 32])
}

// ----- the examples in Dutch ---------------------------------------------------

#[test]
fn gemeente_2024_in_dutch() {
    let r = example("gemeente-2024", "cao-gemeenten-2020");
    insta::assert_snapshot!("gemeente_2024_text", r.to_text());
    insta::assert_snapshot!("gemeente_2024_markdown", r.to_markdown());
    insta::assert_snapshot!("gemeente_2024_csv", r.to_csv());
}

#[test]
fn almelo_2018_in_dutch() {
    let r = example("almelo-2018", "almelo-2018");
    insta::assert_snapshot!("almelo_2018_text", r.to_text());
    insta::assert_snapshot!("almelo_2018_markdown", r.to_markdown());
    insta::assert_snapshot!("almelo_2018_csv", r.to_csv());
}

/// Words of the English report that must not appear in the Dutch one (outside the reasons,
/// which the placement writes).
#[test]
fn the_dutch_report_has_no_english_headings_or_money() {
    for r in [example("gemeente-2024", "cao-gemeenten-2020"), klein_oord()] {
        let text: String = r.to_text().lines().filter(|l| !l.starts_with("      - ")).collect::<Vec<_>>().join("\n");
        for english in ["Establishment", "Employees", "Vacancies", "Payroll", "savings", "extra cost", "Cost (", "FTE"]
        {
            assert!(!text.contains(english), "`{english}` in the Dutch report:\n{text}");
        }
        for dutch in ["Formatie", "Medewerkers", "Vacatures", "Loonsom", "Kosten", "Procedure"] {
            assert!(text.contains(dutch), "`{dutch}` missing:\n{text}");
        }
    }
}

// ----- the CSV as Dutch Excel reads it ---------------------------------------------

/// Decodes a file the way Excel does on a Dutch Windows: UTF-8 when the file starts with a
/// byte-order mark, Windows-1252 otherwise.
fn excel_decode(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => String::from_utf8(rest.to_vec()).unwrap(),
        None => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// A Dutch-Excel number: decimal comma, `.` for thousands.
fn excel_number(cell: &str) -> f64 {
    cell.replace('.', "").replace(',', ".").parse().unwrap_or_else(|_| panic!("not a Dutch number: `{cell}`"))
}

#[test]
fn the_dutch_csv_reads_in_dutch_excel_with_its_en_dashes() {
    let r = klein_oord();
    let csv = r.to_csv();
    let text = excel_decode(csv.as_bytes());
    // The Dutch list separator: every row splits into the header's columns.
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header.len(), 24);
    assert_eq!(header[..3], ["medewerker", "naam", "geboortedatum"]);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), r.employees.len());
    for (row, p) in rows.iter().zip(&r.employees) {
        assert_eq!(row.len(), 24);
        assert_eq!(&row[0], p.person);
        // The FTE reads back as the number it is.
        assert!((excel_number(&row[at("fte")]) - p.fte).abs() < 1e-9, "{row:?}");
        // The age band's en dash survives.
        if let Some(band) = &p.age_band {
            assert_eq!(&row[at("leeftijdscategorie")], band);
        }
    }
    assert!(rows.iter().any(|r| r[at("leeftijdscategorie")].contains('\u{2013}')));
    // The garantietoelage of the person placed in a lower scale, in Dutch money.
    let guarantee = rows.iter().find(|r| !r[at("garantietoelage per jaar")].is_empty()).unwrap();
    let g = r.salary_guarantees.iter().find(|g| g.person == guarantee[0]).unwrap();
    assert!((excel_number(&guarantee[at("garantietoelage per jaar")]) - g.per_year.unwrap()).abs() < 0.005);
    // Without the byte-order mark Excel would read the en dash as `â€“`: the mark matters.
    let without = excel_decode(&csv.as_bytes()[3..]);
    assert!(without.contains("â€“"), "{without}");
    assert!(!text.contains("â€"), "{text}");
}

// ----- shareable under the AVG ------------------------------------------------------

#[test]
fn the_pseudonymised_report_hides_names_dates_and_post_keys() {
    let plain = klein_oord();
    let r = plain.pseudonymised(&key());
    let json = r.to_json();
    let text = r.to_text();
    for p in &plain.employees {
        for secret in [p.name.clone(), p.birth_date.map(|d| d.to_string()), p.service_start.map(|d| d.to_string())]
            .into_iter()
            .flatten()
        {
            assert!(!json.contains(&secret) && !text.contains(&secret), "`{secret}` leaked");
        }
        assert!(!json.contains(&format!("\"{}\"", p.person)), "key `{}` leaked", p.person);
        // A post key that one person holds is not in the employee rows: the post is unit and
        // function, or wider where that would single the person out.
        let row = r.employees.iter().find(|q| q.person == key().pseudonym(&p.person)).unwrap();
        let exact = format!("{} / {}", p.old_unit.as_deref().unwrap(), p.old_function.as_deref().unwrap());
        let detail = r.privacy.as_ref().unwrap().post_detail[&row.person];
        match detail {
            PostDetail::UnitAndFunction => assert_eq!(row.old_post, exact),
            PostDetail::Suppressed => assert_eq!(row.old_post, "■"),
            _ => assert!(
                row.old_post == p.old_unit.as_deref().unwrap() || row.old_post.ends_with("/*"),
                "{}",
                row.old_post
            ),
        }
        assert!(!row.reasons.iter().any(|x| x.text.contains(&format!("`{}`", p.old_post))), "{:?}", row.reasons);
        assert!(row.fte.is_infinite(), "the exact FTE is not published");
    }
    let privacy = r.privacy.as_ref().unwrap();
    assert_eq!(privacy.k, 3);
    // Klein-Oord is small: at k = 3 nearly every band would single someone out.
    let withheld = |field: &str| privacy.disclosure.iter().find(|f| f.field == field).unwrap().withheld;
    assert_eq!(withheld("service_band"), r.employees.len() - privacy.service_bands.len());
    assert_eq!(privacy.cells_suppressed, privacy.disclosure.iter().map(|f| f.withheld).sum::<usize>());
    assert!(privacy.small_groups.is_empty(), "{:?}", privacy.small_groups);
    assert!(text.contains(&format!("afgeschermde cellen (■): {}", privacy.cells_suppressed)), "{text}");
    // Nor does a reason give the band away, or the exact years of service.
    assert!(!json.contains("age band 25–35"), "{json}");
    assert!(!json.contains("18 years of service") && json.contains("after … years of service"), "{json}");
    assert!(plain.to_json().contains("18 years of service"));
    assert!(r.employees.iter().all(|p| p.service_start.is_none() && p.birth_date.is_none() && p.name.is_none()));
    // At k = 1 every person with a known service has a band, none a date.
    let k1 = Statute::from_toml(&read(&fixture("report/statute-k1.toml"))).unwrap();
    let r1 = klein_oord_with(&k1).pseudonymised(&key());
    let p1 = r1.privacy.as_ref().unwrap();
    // Nothing is generalised; only what is unknown (an age or a service start) is blank.
    assert_eq!(p1.rows_suppressed, 0);
    assert!(p1.disclosure.iter().all(|f| f.generalised == 0), "{:?}", p1.disclosure);
    let unknown = plain.employees.iter().filter(|p| p.age_band.is_none()).count()
        + plain.employees.iter().filter(|p| p.service_start.is_none()).count();
    assert_eq!(p1.cells_suppressed, unknown);
    assert_eq!(p1.service_bands.len(), plain.employees.iter().filter(|p| p.service_start.is_some()).count());
    // The same key gives the same report; another key other pseudonyms.
    assert_eq!(plain.pseudonymised(&key()), r);
    let other = plain.pseudonymised(&PseudonymKey::from_bytes([43; 32]));
    assert!(other.employees.iter().all(|p| r.employees.iter().all(|q| q.person != p.person)));
    insta::assert_snapshot!("klein_oord_pseudonymised_text", text);
}

/// The published tuple of every row of a shared report, recounted from the report itself:
/// old post, new post, age band, service band, FTE band; suppressed rows left out.
fn published_tuples(r: &TransitionReport) -> std::collections::BTreeMap<Vec<String>, usize> {
    let privacy = r.privacy.as_ref().unwrap();
    let mut counts = std::collections::BTreeMap::<Vec<String>, usize>::new();
    for p in &r.employees {
        if privacy.post_detail[&p.person] == PostDetail::Suppressed {
            assert_eq!(p.old_post, "■");
            assert!(p.age_band.is_none() && !privacy.service_bands.contains_key(&p.person));
            continue;
        }
        let o = |x: Option<&String>| x.cloned().unwrap_or_else(|| "■".to_owned());
        let fields = vec![
            p.old_post.clone(),
            p.new_post.clone().unwrap_or_else(|| "—".to_owned()),
            o(p.age_band.as_ref()),
            o(privacy.service_bands.get(&p.person)),
            o(privacy.fte_bands.get(&p.person)),
        ];
        *counts.entry(fields).or_default() += 1;
    }
    counts
}

#[test]
fn the_shared_examples_pass_their_own_k_anonymity_check() {
    for (dir, statute) in [("almelo-2018", "almelo-2018"), ("gemeente-2024", "cao-gemeenten-2020")] {
        let plain = example(dir, statute);
        let r = plain.pseudonymised(&key());
        let privacy = r.privacy.as_ref().unwrap();
        assert!(privacy.small_groups.is_empty(), "{dir}: {:?}", privacy.small_groups);
        // Recounted by hand from the published fields, no combination is shared by fewer than k.
        for (fields, n) in published_tuples(&r) {
            assert!(n >= 3, "{dir}: {fields:?} shared by {n}");
        }
        // Every outcome is still there: the totals per outcome add up to the plain report's.
        assert_eq!(r.employees.len(), plain.employees.len());
        for o in Outcome::ALL {
            let count = |x: &TransitionReport| x.employees.iter().filter(|p| p.outcome == o).count();
            assert_eq!(count(&r), count(&plain), "{dir}: {o:?}");
        }
        for f in &privacy.disclosure {
            assert_eq!(f.exact + f.generalised + f.withheld, r.employees.len(), "{dir}: {f:?}");
        }
        // A unique manager's post is generalised, the teams keep theirs.
        assert!(privacy.disclosure[0].generalised > 0 && privacy.disclosure[0].exact > 0, "{dir}");
        // The committee and the vacancies name functions: a generalised row is not linked to one.
        let exact =
            |person: &str| person == "■" || privacy.post_detail.get(person) == Some(&PostDetail::UnitAndFunction);
        for c in r.committee.iter().flat_map(|v| &v.candidates) {
            assert!(exact(&c.person), "{dir}: committee candidate {}", c.person);
        }
        for i in r.vacancies.iter().flat_map(|v| &v.interested) {
            assert!(exact(&i.person), "{dir}: interested {}", i.person);
        }
        assert!(r.committee.iter().flat_map(|v| &v.candidates).any(|c| c.person == "■"), "{dir}");
    }
}

#[test]
fn disclosure_control_lifts_the_managers_and_suppresses_the_one_who_is_alone() {
    let dir = fixture("transition/cases/disclosure-control");
    let plain = crate::transition_cases::run(&dir);
    let r = plain.pseudonymised(&key());
    let privacy = r.privacy.as_ref().unwrap();
    assert!(privacy.small_groups.is_empty(), "{:?}", privacy.small_groups);
    let row = |person: &str| r.employees.iter().find(|p| p.person == key().pseudonym(person)).unwrap();
    // The gemeentesecretaris and the three teammanagers share `directie/*`.
    for p in ["p01", "p02", "p03", "p04"] {
        assert_eq!(row(p).old_post, "directie/*", "{p}");
        assert_eq!(row(p).new_post.as_deref(), Some("directie/*"), "{p}");
        assert!(row(p).old_function.is_none() && row(p).old_scale.is_none(), "{p}");
        assert!(!row(p).reasons.iter().any(|x| x.text.contains("F-TM") || x.text.contains("F-GS")), "{p}");
    }
    // The klantcontact team keeps its post.
    assert_eq!(row("p05").old_post, "kcc / F-KCC");
    // The vergunningverlener is boventallig and alone: suppressed, outcome kept.
    assert_eq!(row("p20").old_post, "■");
    assert_eq!(row("p20").outcome, Outcome::Boventallig);
    assert_eq!(privacy.rows_suppressed, 1);
    for (fields, n) in published_tuples(&r) {
        assert!(n >= 3, "{fields:?} shared by {n}");
    }
    let text = r.to_text();
    let employees = &text[text.find("Medewerkers").unwrap()..text.find("Vacatures").unwrap()];
    let privacy_text = &text[text.find("Privacy (AVG)").unwrap()..];
    insta::assert_snapshot!("disclosure_control_text", format!("{employees}\n{privacy_text}"));
    let md = r.to_markdown();
    insta::assert_snapshot!("disclosure_control_markdown_privacy", &md[md.find("## Privacy").unwrap()..]);
    let csv = r.to_csv();
    assert!(csv.starts_with('\u{feff}'));
    insta::assert_snapshot!(
        "disclosure_control_csv",
        csv.trim_start_matches('\u{feff}').lines().take(6).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn pseudonymised_findings_name_no_person_or_post() {
    let input = TransitionInput::from_toml(&read(&fixture("transition/procedure-late.toml"))).unwrap();
    let statute = Statute::preset("almelo-2018").unwrap();
    let plain = transition(&design(&root().join(OLD)), &design(&root().join(NEW)), &statute, &input).unwrap();
    assert!(plain.diagnostics.len() >= 3, "{:?}", plain.diagnostics);
    let r = plain.pseudonymised(&key());
    assert_eq!(r.diagnostics.len(), plain.diagnostics.len());
    let json = serde_json::to_string(&r.diagnostics).unwrap();
    for p in &plain.employees {
        assert!(!json.contains(&format!("`{}`", p.person)) && !json.contains(&format!("\"{}\"", p.person)), "{json}");
        assert!(!json.contains(&format!("people/{}\"", p.person)), "{json}");
        assert!(!json.contains(&format!("`{}`", p.old_post)), "`{}` in {json}", p.old_post);
    }
    // HK0904 names the function (not the post), and its subject is the pseudonym.
    let d = r.diagnostics.iter().find(|d| d.message.contains("function `F-ARCH`")).unwrap();
    assert!(d.subject.starts_with("people/mw-"), "{}", d.subject);
}

#[test]
fn the_k_anonymity_check_recounts_the_published_fields() {
    let r = klein_oord().pseudonymised(&key());
    let privacy = r.privacy.as_ref().unwrap();
    // Recount by hand: no combination of (old post, new post, age, service, FTE band) is
    // shared by fewer than 3 people, and the report says so.
    let counts = published_tuples(&r);
    assert!(counts.values().all(|n| *n >= 3), "{counts:?}");
    assert!(privacy.small_groups.is_empty());
    let text = r.to_text();
    assert!(text.contains("elke combinatie wordt gedeeld door ten minste 3 personen"), "{text}");
    let md = r.to_markdown();
    assert!(md.contains("- formatieplaats "), "{md}");
    insta::assert_snapshot!("klein_oord_pseudonymised_markdown", md);
    // k = 1 in the statute: nothing to generalise, nothing to warn about.
    let k1 = Statute::from_toml(&read(&fixture("report/statute-k1.toml"))).unwrap();
    let r1 = klein_oord_with(&k1).pseudonymised(&key());
    assert!(r1.privacy.as_ref().unwrap().small_groups.is_empty());
    assert!(r1.to_text().contains("elke combinatie wordt gedeeld door ten minste 1 personen"), "{}", r1.to_text());
}

#[test]
fn k_below_one_is_refused_with_its_line_and_range() {
    let e = Statute::from_toml(&read(&fixture("report/statute-k0.toml"))).unwrap_err().to_string();
    assert!(e.contains("the statute:4:") && e.contains("`k_anonymity` is 0") && e.contains("from 1 to 100"), "{e}");
    assert_eq!(Statute::preset("cao-gemeenten-2020").unwrap().k_anonymity, 3);
}

// ----- the cost ------------------------------------------------------------------------

#[test]
fn the_cost_adds_salary_guarantees_and_vwnw_to_the_payroll() {
    let r = klein_oord();
    let c = &r.costs;
    assert_eq!(c.payroll_change, r.payroll.new - r.payroll.old);
    // p04 goes from scale 8 to 7: the difference of the posts' salaries, for their FTE.
    let g: f64 = r.salary_guarantees.iter().filter_map(|g| g.per_year).sum();
    assert_eq!(c.salary_guarantees, g);
    assert!(g > 0.0);
    // p08 has 24 months of van-werk-naar-werk; p09 none (1 year of service).
    let p08 = r.employees.iter().find(|p| p.person == "p08").unwrap();
    assert_eq!(p08.outcome, Outcome::Boventallig);
    assert!(c.vwnw > 0.0);
    assert_eq!(c.first_year, c.payroll_change + c.salary_guarantees + c.vwnw);
    let text = r.to_text();
    assert!(text.contains("totaal in het eerste jaar: meerkosten € 32.000,00"), "{text}");
    assert!(!text.contains("€ -"), "{text}");
}

// ----- letters -----------------------------------------------------------------------

fn letter(r: &TransitionReport, person: &str, stage: LetterStage) -> String {
    let letters = Templates::dutch().letters(r, stage).unwrap();
    letters.into_iter().find(|l| l.person == person).unwrap().text
}

#[test]
fn a_letter_per_outcome() {
    let r = klein_oord();
    let letters = Templates::dutch().letters(&r, LetterStage::Voornemen).unwrap();
    // Everyone but the hired-in p12.
    assert_eq!(letters.len(), r.employees.len() - 1);
    assert!(letters.iter().all(|l| l.person != "p12"));
    insta::assert_snapshot!("letter_functievolger", letter(&r, "p01", LetterStage::Voornemen));
    insta::assert_snapshot!("letter_passend", letter(&r, "p11", LetterStage::Voornemen));
    insta::assert_snapshot!("letter_geschikt_besluit", letter(&r, "p04", LetterStage::Besluit));
    insta::assert_snapshot!("letter_boventallig_vwnw", letter(&r, "p08", LetterStage::Voornemen));
    insta::assert_snapshot!("letter_boventallig_no_vwnw", letter(&r, "p09", LetterStage::Besluit));
    let p08 = letter(&r, "p08", LetterStage::Voornemen);
    assert!(p08.contains("van 2 juli 2018 tot en met 1 juli 2020"), "{p08}");
}

#[test]
fn letters_in_english_on_request() {
    let r = klein_oord();
    let english = Templates::built_in(Language::English).letters(&r, LetterStage::Voornemen).unwrap();
    let dutch = Templates::dutch().letters(&r, LetterStage::Voornemen).unwrap();
    assert_eq!(english.len(), dutch.len());
    let get = |person: &str| english.iter().find(|l| l.person == person).unwrap().text.clone();
    // Dates, amounts and reasons in English too; the statute's terms stay.
    let p08 = get("p08");
    assert!(p08.starts_with("# Intention to declare you redundant (boventallig)"), "{p08}");
    assert!(p08.contains("from 2018-07-02 up to and including 2020-07-01"), "{p08}");
    assert!(p08.contains("function `F-ARCH` is vervallen"), "{p08}");
    assert!(!p08.contains("Beste") && !p08.contains("juli"), "{p08}");
    let p04 = get("p04");
    assert!(p04.contains("salary guarantee (garantietoelage) of € "), "{p04}");
    insta::assert_snapshot!("letter_passend_english", get("p11"));
    // The CLI: `--lang en` gives the English letters.
    let dir = temp_dir("letters-english");
    let letters = dir.join("letters");
    let o = harkje(&[
        "transition",
        OLD,
        NEW,
        "--statute",
        "almelo-2018",
        "--functions",
        MAPPING,
        "--letters",
        letters.to_str().unwrap(),
        "--lang",
        "en",
        "--output",
        dir.join("report.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&letters.join("p08.md")).starts_with("# Intention to declare you redundant"));
}

#[test]
fn a_pseudonymised_letter_names_nobody() {
    let r = klein_oord().pseudonymised(&key());
    let letters = Templates::dutch().letters(&r, LetterStage::Voornemen).unwrap();
    let mw = key().pseudonym("p01");
    let l = letters.iter().find(|l| l.person == mw).unwrap();
    assert_eq!(l.file_name, format!("{mw}.md"));
    assert!(l.text.contains(&format!("Beste {mw},")), "{}", l.text);
    assert!(!l.text.contains("Anna"), "{}", l.text);
}

#[test]
fn a_template_folder_replaces_the_templates_it_holds() {
    let t = Templates::with_dir(&fixture("report/templates")).unwrap();
    let letters = t.letters(&klein_oord(), LetterStage::Besluit).unwrap();
    let p01 = letters.iter().find(|l| l.person == "p01").unwrap();
    insta::assert_snapshot!("letter_own_template", p01.text);
    // The others keep the built-in text.
    let p11 = letters.iter().find(|l| l.person == "p11").unwrap();
    assert!(p11.text.starts_with("# Plaatsingsbesluit"), "{}", p11.text);
}

#[test]
fn a_bad_template_is_an_error_naming_the_file_and_line() {
    let e = Templates::with_dir(&fixture("report/bad-templates")).unwrap_err().to_string();
    assert!(e.starts_with("template `") && e.contains("boventallig.md") && e.contains(" line 3"), "{e}");
    let t = Templates::with_dir(&fixture("report/undefined-templates")).unwrap();
    let e = t.letters(&klein_oord(), LetterStage::Voornemen).unwrap_err().to_string();
    assert!(e.contains("herplaatsingskandidaat.md") && e.contains("line 1"), "{e}");
    let e = Templates::with_dir(&fixture("report/misspelt-templates")).unwrap_err().to_string();
    assert!(e.starts_with("unknown template `") && e.contains("boventalig.md"), "{e}");
    assert!(e.contains("expected `functievolger.md`, `herplaatsingskandidaat.md` or `boventallig.md`"), "{e}");
}

// ----- the committee overview -------------------------------------------------------------

#[test]
fn the_committee_overview_orders_the_candidates() {
    let r = klein_oord();
    insta::assert_snapshot!("committee_klein_oord", r.to_committee_markdown());
    let almelo = example("almelo-2018", "almelo-2018");
    let md = almelo.to_committee_markdown();
    assert!(md.starts_with("# Plaatsingsadviescommissie: "), "{md}");
    // Someone who wanted a function but got another is listed with where they went.
    assert!(md.contains("| elders geplaatst, in `"), "{md}");
    for v in &almelo.committee {
        assert!(v.candidates.iter().all(|c| c.outcome != Outcome::Functievolger));
        assert!(
            v.candidates.iter().all(|c| c.placed_here == c.placed_in.is_none() || c.outcome == Outcome::Boventallig)
        );
        for c in &v.candidates {
            if let Some(rank) = c.preference_rank {
                let p = almelo.employees.iter().find(|p| p.person == c.person).unwrap();
                assert_eq!(p.preferences[rank - 1], v.function);
            }
        }
    }
    insta::assert_snapshot!("committee_almelo_2018", md);
}

// ----- the JSON contract ----------------------------------------------------------------

/// Every number in the JSON has at most four decimals (money two, FTE and shares three).
fn numbers_are_rounded(v: &serde_json::Value, path: &str) {
    match v {
        serde_json::Value::Number(n) => {
            let s = n.to_string();
            let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 4, "{path} = {s}");
        }
        serde_json::Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, x)| numbers_are_rounded(x, &format!("{path}/{i}")))
        }
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| numbers_are_rounded(x, &format!("{path}/{k}"))),
        _ => {}
    }
}

#[test]
fn the_json_contract_is_versioned_and_rounded() {
    for r in [
        example("gemeente-2024", "cao-gemeenten-2020"),
        example("almelo-2018", "almelo-2018"),
        klein_oord().pseudonymised(&key()),
    ] {
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(v["version"], 2);
        numbers_are_rounded(&v, "");
        for field in ["procedure", "salary_guarantees", "costs", "privacy", "committee"] {
            assert!(v.get(field).is_some(), "{field}");
        }
    }
    let v: serde_json::Value = serde_json::from_str(&klein_oord().pseudonymised(&key()).to_json()).unwrap();
    assert_eq!(
        v["privacy"]["fields"],
        serde_json::json!(["old_post", "new_post", "age_band", "service_band", "fte_band"])
    );
    // The exact FTE of a person is not published.
    assert!(v["employees"].as_array().unwrap().iter().all(|p| p["fte"].is_null()));
    insta::assert_snapshot!("klein_oord_costs_json", serde_json::to_string_pretty(&v["costs"]).unwrap());
}

// ----- the command line --------------------------------------------------------------

fn copy_designs(dir: &Path) -> (String, String) {
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::copy(root().join(OLD), &old).unwrap();
    std::fs::copy(root().join(NEW), &new).unwrap();
    (old.to_str().unwrap().to_owned(), new.to_str().unwrap().to_owned())
}

#[test]
fn cli_pseudonymise_makes_the_key_file_next_to_the_old_design_once() {
    let dir = temp_dir("report-key-file");
    let (old, new) = copy_designs(&dir);
    let args = ["transition", &old, &new, "--statute", "almelo-2018", "--functions", MAPPING, "--pseudonymise"];
    let first = harkje(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let key_file = dir.join("pseudonym.key");
    assert!(stderr(&first).contains("made key file `"), "{}", stderr(&first));
    let key_text = read(&key_file);
    assert_eq!(key_text.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The key is never in the report.
    assert!(!stdout(&first).contains(key_text.trim()));
    let second = harkje(&args);
    assert_eq!(stdout(&second), stdout(&first), "the same key gives the same pseudonyms");
    assert!(!stderr(&second).contains("made key file"), "{}", stderr(&second));
    // A key file elsewhere gives other pseudonyms.
    let other = dir.join("other.key");
    let third = harkje(&[&args[..], &["--key-file", other.to_str().unwrap()]].concat());
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    assert_ne!(stdout(&third), stdout(&first));
}

#[test]
fn cli_refuses_a_pseudonym_salt_and_a_key_file_without_pseudonymise() {
    let dir = temp_dir("report-salt");
    let (old, new) = copy_designs(&dir);
    let input = dir.join("input.toml");
    std::fs::write(&input, format!("pseudonym_salt = \"geheim\"\n{}", read(&root().join(MAPPING)))).unwrap();
    let o = harkje(&[
        "transition",
        &old,
        &new,
        "--statute",
        "almelo-2018",
        "--functions",
        input.to_str().unwrap(),
        "--pseudonymise",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`pseudonym_salt` in `") && stderr(&o).contains("--key-file"), "{}", stderr(&o));
    assert!(!dir.join("pseudonym.key").exists(), "no key is made when the run is refused");
    // With the old design on standard input there is no folder to keep the key in.
    let o = harkje(&["transition", "-", &new, "--statute", "almelo-2018", "--pseudonymise"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs `--key-file`"), "{}", stderr(&o));
    let o = harkje(&["transition", &old, &new, "--statute", "almelo-2018", "--key-file", "x.key"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--pseudonymise"), "{}", stderr(&o));
}

#[test]
fn cli_writes_letters_and_refuses_to_overwrite_them() {
    let dir = temp_dir("report-letters");
    let letters = dir.join("brieven");
    let letters_arg = letters.to_str().unwrap();
    let args = ["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", MAPPING, "--letters", letters_arg];
    let o = harkje(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote 11 letters to `"), "{}", stderr(&o));
    let r = klein_oord();
    let expected = Templates::dutch().letters(&r, LetterStage::Voornemen).unwrap();
    for l in &expected {
        assert_eq!(read(&letters.join(&l.file_name)), l.text);
    }
    // The report still goes to standard output.
    assert_eq!(stdout(&o), r.to_text());
    std::fs::write(letters.join("p01.md"), "edited by hand").unwrap();
    let again = harkje(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("letter `p01.md` already exists in `"), "{}", stderr(&again));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(read(&letters.join("p01.md")), "edited by hand");
    let forced = harkje(&[&args[..], &["--force", "--stage", "besluit"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(read(&letters.join("p01.md")).starts_with("# Plaatsingsbesluit"));
    // Own templates.
    let own = harkje(&[&args[..], &["--force", "--templates", "tests/fixtures/report/templates"]].concat());
    assert_eq!(own.status.code(), Some(0), "{}", stderr(&own));
    assert!(read(&letters.join("p01.md")).starts_with("GEMEENTE KLEIN-OORD"));
    let bad = harkje(&[&args[..], &["--force", "--templates", "tests/fixtures/report/misspelt-templates"]].concat());
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown template `"), "{}", stderr(&bad));
}

#[test]
fn cli_pseudonymised_letters_are_named_by_pseudonym() {
    let dir = temp_dir("report-letters-pseudonymised");
    let letters = dir.join("brieven");
    let key_file = dir.join("hr.key");
    let o = harkje(&[
        "transition",
        OLD,
        NEW,
        "--statute",
        "almelo-2018",
        "--functions",
        MAPPING,
        "--pseudonymise",
        "--key-file",
        key_file.to_str().unwrap(),
        "--letters",
        letters.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> =
        std::fs::read_dir(&letters).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 11);
    assert!(names.iter().all(|n| n.starts_with("mw-") && n.ends_with(".md")), "{names:?}");
}

#[test]
fn cli_committee_format() {
    let o =
        harkje(&["transition", OLD, NEW, "--statute", "almelo-2018", "--functions", MAPPING, "--format", "committee"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), klein_oord().to_committee_markdown());
    let en = harkje(&[
        "transition",
        OLD,
        NEW,
        "--statute",
        "almelo-2018",
        "--functions",
        MAPPING,
        "--format",
        "committee",
        "--lang",
        "en",
    ]);
    assert_eq!(stdout(&en), klein_oord().to_committee_markdown_in(Language::English));
}
