//! The interactive view (`--format html`): the page's data and its guarantees
//! (one file, no network, text that cannot break out), and the page itself
//! in headless Chromium: load, expand, search, switch the day, read back what
//! is shown, keep screenshots under `target/tmp/browser/`.
//!
//! Without Chromium the browser tests print a note and pass, unless
//! `HARKJE_BROWSER_TESTS=1` is set (as `.ci/run` does): then they fail.

use std::path::{Path, PathBuf};
use std::time::Duration;

use harkje::check::{Checker, Policy};
use harkje::format::from_json_file;
use harkje::render::{self, Level, PictureFormat, RenderOptions};
use harkje::{Design, DesignBuilder, UnitKind, date};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

use crate::support::{fixture, harkje, root, stderr};

/// A frozen copy of an earlier De Bilt example (every team in the directie's line, so spans give
/// warnings), kept as a fixture so the browser tests do not move when the example is remodelled.
/// The options of `harkje render`, which draws in Dutch unless `--lang en`.
fn nl() -> RenderOptions {
    RenderOptions::default().with_language(harkje::Language::Dutch)
}

fn de_bilt() -> Design {
    from_json_file(root().join("tests/fixtures/render/interactive.json")).unwrap()
}

fn almelo_dated() -> Design {
    from_json_file(fixture("dated/almelo-adviespool.json")).unwrap()
}

fn checker() -> Checker {
    Checker::new(Policy::default())
}

/// The JSON of the `<script type="application/json" id="{id}">` block.
fn block(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no block {id}")) + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

fn strings(v: &Value, col: &str) -> Vec<String> {
    let s = v["s"].as_array().unwrap();
    v[col].as_array().unwrap().iter().map(|i| s[i.as_u64().unwrap() as usize].as_str().unwrap().to_owned()).collect()
}

fn keys(v: &Value) -> Vec<String> {
    v["k"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_owned()).collect()
}

fn ints(v: &Value, col: &str) -> Vec<i64> {
    v[col].as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).collect()
}

/// The key of the parent of `key` in a view, if any.
fn parent_of(v: &Value, key: &str) -> Option<String> {
    let k = keys(v);
    let i = k.iter().position(|x| x == key).unwrap();
    let p = ints(v, "p")[i];
    (p >= 0).then(|| k[p as usize].clone())
}

#[test]
fn the_page_is_one_file_without_network_and_holds_every_post() {
    let d = de_bilt();
    let html = render::to_html(&d, &nl(), Some(&checker())).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    // Nothing is fetched: no URL, no external script, style or image, and a
    // content security policy that forbids fetching anything.
    for bad in ["http://", "https://", "<link", " src=", "@import", "url("] {
        assert!(!html.contains(bad), "the page holds `{bad}`");
    }
    assert!(html.contains("default-src 'none'"));
    let meta = block(&html, "harkje-meta");
    assert_eq!(meta["level"], "posts");
    assert_eq!(meta["checked"], true);
    let days = meta["days"].as_array().unwrap();
    let open = meta["open"].as_u64().unwrap() as usize;
    assert_eq!(open, days.len() - 1, "opens on the last day");
    let view = block(&html, &format!("harkje-view-{open}"));
    let mut k = keys(&view);
    let n = k.len();
    k.sort();
    k.dedup();
    assert_eq!(k.len(), n, "a key twice");
    // Every post of the day is a box (collective bodies stand for their members).
    let heads: i64 = ints(&view, "h").iter().sum();
    let day: harkje::Date = days[open].as_str().unwrap().parse().unwrap();
    assert_eq!(heads as usize, d.as_of(day).posts().count());
    // A parent comes before its children.
    for (i, p) in ints(&view, "p").into_iter().enumerate() {
        assert!(p < i as i64, "node {i} before its parent {p}");
    }
    // The check's findings are on the boxes.
    let report = checker().check_on(&d, day);
    let on_posts = report
        .diagnostics()
        .iter()
        .filter(|x| x.severity >= harkje::diagnostic::Severity::Warning && x.subject.starts_with("posts/"))
        .count();
    let counted: i64 = ints(&view, "e").iter().chain(&ints(&view, "w")).sum();
    assert!(on_posts > 0);
    assert!(counted as usize >= on_posts, "{counted} < {on_posts}");
    // The roles are searchable data.
    assert!(strings(&view, "r").iter().any(|r| r == "gemeentesecretaris"));
}

#[test]
fn the_date_switch_has_a_view_per_change_day() {
    let d = almelo_dated();
    let html = render::to_html(&d, &nl(), None).unwrap();
    let meta = block(&html, "harkje-meta");
    let days: Vec<&str> = meta["days"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(days.contains(&"2020-01-01") && days.contains(&"2020-07-01"), "{days:?}");
    assert_eq!(meta["checked"], false);
    let at = |day: &str| block(&html, &format!("harkje-view-{}", days.iter().position(|d| *d == day).unwrap()));
    assert_eq!(parent_of(&at("2020-01-01"), "adviseur-1-2").as_deref(), Some("teammanager-adviespool-1"));
    assert_eq!(parent_of(&at("2020-07-01"), "adviseur-1-2").as_deref(), Some("hoofd-adviespool"));
    // --as-of picks the day the page opens on.
    let html = render::to_html(&d, &nl().with_as_of(Some(date(2020, 3, 15))), None).unwrap();
    let meta = block(&html, "harkje-meta");
    let open = meta["open"].as_u64().unwrap() as usize;
    assert_eq!(meta["days"][open], "2020-03-15");
}

#[test]
fn the_unit_level_page_has_a_box_per_unit_with_its_posts() {
    let d = de_bilt();
    let options = nl().with_level(Level::Units);
    let html = render::to_html(&d, &options, Some(&checker())).unwrap();
    let meta = block(&html, "harkje-meta");
    assert_eq!(meta["level"], "units");
    let view = block(&html, &format!("harkje-view-{}", meta["open"]));
    let day: harkje::Date = meta["days"][meta["open"].as_u64().unwrap() as usize].as_str().unwrap().parse().unwrap();
    let on_day = d.as_of(day);
    let k = keys(&view);
    for u in on_day.units() {
        assert!(k.contains(&u.key), "unit {} has no box", u.key);
    }
    let placed = on_day.posts().filter(|p| p.unit.is_some()).count() as i64;
    assert_eq!(ints(&view, "h").iter().sum::<i64>(), placed);
    assert!(strings(&view, "t").iter().any(|t| t == "Team directie"));
}

#[test]
fn text_in_the_design_cannot_leave_its_block() {
    let evil = "</script><script>alert(1)</script><!--";
    let mut b = DesignBuilder::new(evil);
    b.unit("u", evil, UnitKind::Team);
    b.post("gs", evil, "gemeentesecretaris").unit("u");
    let d = b.build().unwrap();
    for level in [Level::Posts, Level::Units] {
        let html = render::to_html(&d, &nl().with_level(level), None).unwrap();
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<!--"));
        assert_eq!(html.matches("</script>").count(), html.matches("<script").count());
        let view = block(&html, "harkje-view-0");
        assert!(strings(&view, "t").iter().any(|t| t == evil));
    }
}

#[test]
fn the_data_of_a_small_design() {
    let mut b = DesignBuilder::new("Voorbeeld");
    b.unit("directie", "Directie", UnitKind::Directie);
    b.unit("burgerzaken", "Burgerzaken", UnitKind::Team).parent("directie");
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie").salary(120_000.0);
    b.post("tm", "Teammanager Burgerzaken", "teammanager").unit("burgerzaken").reports_to("gs").salary(80_000.0);
    b.post("b1", "Medewerker", "medewerker").unit("burgerzaken").reports_to("tm").fte(0.8);
    b.post("b2", "Medewerker", "medewerker").unit("burgerzaken").reports_to("tm").fte(0.5).salary(50_000.0);
    let d = b.build().unwrap();
    let html = render::to_html(&d, &nl(), Some(&checker())).unwrap();
    let mut meta = block(&html, "harkje-meta");
    meta["colours"] = Value::Null;
    insta::assert_json_snapshot!("html_meta", meta);
    insta::assert_json_snapshot!("html_posts", block(&html, "harkje-view-0"));
    let html = render::to_html(&d, &nl().with_level(Level::Units), Some(&checker())).unwrap();
    insta::assert_json_snapshot!("html_units", block(&html, "harkje-view-0"));
    // Through `picture`, the same page without findings.
    let picture = render::picture(&d, PictureFormat::Html, &nl()).unwrap();
    assert_eq!(block(&picture.text, "harkje-meta")["checked"], false);
}

#[test]
fn cli_writes_the_page_and_names_a_bad_policy() {
    let dir = crate::support::temp_dir("render-html");
    let out = dir.join("de-bilt.html");
    let design = root().join("examples/data/de-bilt-2018/design.json");
    let o = harkje(&["render", design.to_str().unwrap(), "--format", "html", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<title>De Bilt 2018"));
    // No note on dated values: the page has a date switch.
    assert!(!stderr(&o).contains("dated values"), "{}", stderr(&o));
    let o = harkje(&["render", design.to_str().unwrap(), "--format", "html", "--policy", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`nope` is neither a policy file nor a preset"), "{}", stderr(&o));
}

// ----- in the browser --------------------------------------------------------

/// Headless Chromium, or `None` (with a note) when there is none and
/// `HARKJE_BROWSER_TESTS` is not `1`.
fn browser() -> Option<Browser> {
    let required = std::env::var("HARKJE_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let path = match headless_chrome::browser::default_executable() {
        Ok(path) => path,
        Err(e) if required => panic!("HARKJE_BROWSER_TESTS=1 but no Chromium: {e} (apt-get install chromium)"),
        Err(_) => {
            eprintln!("note: browser test skipped: no Chromium found (apt-get install chromium, or set CHROME)");
            return None;
        }
    };
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1400, 900)))
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    Some(Browser::new(options).unwrap())
}

/// Where pages and screenshots of the browser tests are kept.
fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the page and opens it in a new tab, ready.
fn open(browser: &Browser, name: &str, html: &str) -> std::sync::Arc<Tab> {
    let path = artefacts().join(format!("{name}.html"));
    std::fs::write(&path, html).unwrap();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("file://{}", path.display())).unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("html[data-ready]").unwrap();
    tab
}

/// Runs JavaScript in the page; objects come back through `JSON.stringify`.
fn js(tab: &Tab, expr: &str) -> Value {
    let r = tab.evaluate(&format!("JSON.stringify((function(){{ return {expr}; }})())"), false).unwrap();
    let text = r.value.and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_else(|| "null".into());
    // The boxes keep numbers and units together with no-break spaces.
    let text = text.replace('\u{a0}', " ");
    serde_json::from_str(&text).unwrap()
}

/// The keys of the boxes shown, in document order.
fn shown(tab: &Tab) -> Vec<String> {
    serde_json::from_value(js(tab, "[...document.querySelectorAll('.box')].map(b => b.dataset.key)")).unwrap()
}

fn screenshot(tab: &Tab, name: &str) {
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
    assert!(png.len() > 1000);
    std::fs::write(artefacts().join(format!("{name}.png")), png).unwrap();
}

#[test]
fn browser_expands_a_box_searches_and_shows_findings() {
    let Some(browser) = browser() else { return };
    let html = render::to_html(&de_bilt(), &nl(), Some(&checker())).unwrap();
    let tab = open(&browser, "de-bilt-posts", &html);
    // Opens collapsed: the top and its reports, not the 184 posts.
    let first = shown(&tab);
    assert!(first.contains(&"gemeentesecretaris".to_owned()), "{first:?}");
    assert!(first.contains(&"directielid-1".to_owned()));
    assert!(!first.contains(&"gebiedsmakelaar-bilthoven-1".to_owned()));
    assert!(first.len() < 60, "{} boxes at first", first.len());
    // A collapsed box sums what is below it.
    let sum = js(&tab, "document.querySelector('[data-key=\"directielid-1\"] .sum').textContent");
    assert!(sum.as_str().unwrap().starts_with("Eronder: "), "{sum}");
    assert!(sum.as_str().unwrap().contains("posten"), "{sum}");
    // Findings are on the boxes.
    assert!(js(&tab, "document.querySelectorAll('.badge').length").as_u64().unwrap() > 0);
    // Expand one box: its reports appear, the button says so.
    let toggle = "[data-key=\"directielid-1\"] button.tog";
    assert_eq!(js(&tab, &format!("document.querySelector('{toggle}').getAttribute('aria-expanded')")), "false");
    tab.wait_for_element(toggle).unwrap().click().unwrap();
    tab.wait_for_element("[data-key=\"gebiedsmakelaar-bilthoven-1\"]").unwrap();
    assert_eq!(js(&tab, &format!("document.querySelector('{toggle}').getAttribute('aria-expanded')")), "true");
    let expanded = shown(&tab);
    assert!(expanded.len() > first.len());
    screenshot(&tab, "de-bilt-expanded");
    // Collapse it again.
    tab.wait_for_element(toggle).unwrap().click().unwrap();
    assert!(!shown(&tab).contains(&"gebiedsmakelaar-bilthoven-1".to_owned()));
    // Search by role: the hits are counted and listed; Enter shows the first.
    tab.wait_for_element("#q").unwrap().click().unwrap();
    tab.type_str("gebiedsmakelaar").unwrap();
    tab.press_key("Enter").unwrap();
    let hit = tab.wait_for_element(".box.hit").unwrap();
    let key = hit.get_attribute_value("data-key").unwrap().unwrap();
    assert!(key.starts_with("gebiedsmakelaar-"), "{key}");
    let hits = js(&tab, "document.getElementById('hits').textContent");
    assert_eq!(hits, "6 treffers", "{hits}");
    assert_eq!(js(&tab, "document.querySelectorAll('#results button').length"), 6);
    assert!(js(&tab, "document.querySelectorAll('.box.match').length").as_u64().unwrap() >= 6);
    screenshot(&tab, "de-bilt-search");
    // Search by key, then by a name that is nowhere.
    tab.wait_for_element("#q").unwrap().click().unwrap();
    js(&tab, "(document.getElementById('q').select(), 0)");
    tab.type_str("gebiedsmakelaar-de-bilt-2").unwrap();
    tab.press_key("Enter").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(js(&tab, "document.getElementById('hits').textContent"), "1 treffer");
    assert_eq!(js(&tab, "document.querySelector('.box.hit').dataset.key"), "gebiedsmakelaar-de-bilt-2");
    tab.wait_for_element("#q").unwrap().click().unwrap();
    js(&tab, "(document.getElementById('q').select(), 0)");
    tab.type_str("zzz-niemand").unwrap();
    tab.press_key("Enter").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(js(&tab, "document.getElementById('hits').textContent"), "Geen treffers");
}

#[test]
fn browser_switches_the_day_and_keeps_what_is_open() {
    let Some(browser) = browser() else { return };
    let html = render::to_html(&almelo_dated(), &nl().with_depth(Some(9)), None).unwrap();
    let tab = open(&browser, "almelo-dated", &html);
    let manager = "document.querySelector('[data-key=\"adviseur-1-2\"]').parentElement.parentElement.parentElement.querySelector(':scope > .box').dataset.key";
    assert_eq!(js(&tab, manager), "hoofd-adviespool");
    let days: Vec<String> =
        serde_json::from_value(js(&tab, "[...document.querySelectorAll('#day option')].map(o => o.textContent)"))
            .unwrap();
    let i = days.iter().position(|d| d == "2020-01-01").unwrap();
    js(
        &tab,
        &format!(
            "(function(){{ const s = document.getElementById('day'); s.value = '{i}'; s.dispatchEvent(new Event('change')); return 0; }})()"
        ),
    );
    assert_eq!(js(&tab, manager), "teammanager-adviespool-1");
    screenshot(&tab, "almelo-2020-01-01");
}

#[test]
fn browser_shows_the_unit_level() {
    let Some(browser) = browser() else { return };
    let options = nl().with_level(Level::Units);
    let html = render::to_html(&de_bilt(), &options, Some(&checker())).unwrap();
    let tab = open(&browser, "de-bilt-units", &html);
    let boxes = shown(&tab);
    assert!(boxes.contains(&"directie".to_owned()), "{boxes:?}");
    let text = js(&tab, "document.querySelector('[data-key=\"directie\"]').textContent");
    assert!(text.as_str().unwrap().contains("Team directie"), "{text}");
    assert!(text.as_str().unwrap().contains("Gemeentesecretaris"), "{text}");
    assert!(text.as_str().unwrap().contains("3 posten"), "{text}");
    // Zoom out with the button: the canvas scales.
    let before = js(&tab, "document.getElementById('canvas').style.transform");
    tab.wait_for_element("#zoom-out").unwrap().click().unwrap();
    assert_ne!(js(&tab, "document.getElementById('canvas').style.transform"), before);
    screenshot(&tab, "de-bilt-units");
}

#[test]
fn browser_shows_the_page_in_english_when_asked() {
    let Some(browser) = browser() else { return };
    let options = RenderOptions::default().with_language(harkje::Language::English);
    let html = render::to_html(&de_bilt(), &options, Some(&checker())).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let tab = open(&browser, "de-bilt-en", &html);
    // A collapsed box sums what is below it, in English, with a decimal point.
    let sum = js(&tab, "document.querySelector('.sum').textContent");
    let sum = sum.as_str().unwrap();
    assert!(sum.starts_with("Below: ") && sum.contains("posts") && sum.contains("FTE"), "{sum}");
    assert!(!sum.contains("posten") && !sum.contains("Eronder"), "{sum}");
    let toggle = js(&tab, "document.querySelector('button.tog').getAttribute('aria-label')");
    assert!(toggle.as_str().unwrap().starts_with("Expand: ") || toggle.as_str().unwrap().starts_with("Collapse: "));
    // Search: the count of matches, and none.
    tab.wait_for_element("#q").unwrap().click().unwrap();
    tab.type_str("gebiedsmakelaar").unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_for_element(".box.hit").unwrap();
    assert_eq!(js(&tab, "document.getElementById('hits').textContent"), "6 matches");
    tab.wait_for_element("#q").unwrap().click().unwrap();
    js(&tab, "(document.getElementById('q').select(), 0)");
    tab.type_str("zzz-nobody").unwrap();
    tab.press_key("Enter").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(js(&tab, "document.getElementById('hits').textContent"), "No matches");
    assert_eq!(js(&tab, "document.getElementById('fit').textContent"), "Fit");
    screenshot(&tab, "de-bilt-en");
}

// ----- staff posts beside their manager --------------------------------------

fn staff_design() -> Design {
    from_json_file(root().join("tests/fixtures/render/staff.json")).unwrap()
}

#[test]
fn staff_posts_are_marked_as_in_the_other_pictures() {
    let d = staff_design();
    let html = render::to_html(&d, &nl(), None).unwrap();
    let view = block(&html, "harkje-view-0");
    let marked: Vec<String> =
        keys(&view).into_iter().zip(ints(&view, "m")).filter(|(_, m)| m & 32 != 0).map(|(k, _)| k).collect();
    let mut expected = vec!["bestuursadviseur", "bz-secretaris", "ciso", "concerncontroller", "managementassistent"];
    expected.sort();
    let mut marked_sorted = marked.clone();
    marked_sorted.sort();
    assert_eq!(marked_sorted, expected);
    // The same posts the scene draws as staff, by the scene's one definition.
    let scene_staff: Vec<String> =
        render::to_dot(&d, &nl()).unwrap().lines().filter(|l| l.contains("rank=same")).map(str::to_owned).collect();
    for k in &marked {
        assert!(scene_staff.iter().any(|l| l.contains(&format!("\"{k}\""))), "{k} not staff in DOT: {scene_staff:?}");
    }
    // The unit level has no staff posts: a staff post counts in its unit.
    let html = render::to_html(&d, &nl().with_level(Level::Units), None).unwrap();
    assert!(ints(&block(&html, "harkje-view-0"), "m").iter().all(|m| m & 32 == 0));
}

/// The bounding box of the box of `key`: `[left, top, right, bottom]`.
fn rect(tab: &Tab, key: &str) -> [f64; 4] {
    let r = js(
        tab,
        &format!(
            "(function(){{ const r = document.querySelector('.box[data-key=\"{key}\"]').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }})()"
        ),
    );
    serde_json::from_value(r).unwrap_or_else(|e| panic!("no box {key}: {e}"))
}

#[test]
fn browser_puts_staff_posts_beside_their_manager() {
    let Some(browser) = browser() else { return };
    let html = render::to_html(&staff_design(), &nl().with_depth(Some(9)), None).unwrap();
    let tab = open(&browser, "staff", &html);
    // (manager, its staff posts, its first other report)
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "algemeen-directeur",
            &["bestuursadviseur", "concerncontroller", "managementassistent"],
            "adjunct-directeur-1",
        ),
        ("adjunct-directeur-2", &["ciso"], "hoofd-ict"),
        ("hoofd-burgerzaken", &["bz-secretaris"], "bz-1"),
    ];
    for (manager, staff, report) in cases {
        let m = rect(&tab, manager);
        let r = rect(&tab, report);
        let line = (m[0] + m[2]) / 2.0;
        for s in staff {
            let b = rect(&tab, s);
            // Between the manager and its reports, not in the reports' row.
            assert!(
                b[1] >= m[3] && b[1] < r[1],
                "{s} top {} not between {manager} {} and {report} {}",
                b[1],
                m[3],
                r[1]
            );
            assert!(b[3] <= r[1], "{s} reaches into the row of {report}: {b:?} {r:?}");
            // Beside the manager's line, not on it.
            assert!(b[2] <= line || b[0] >= line, "{s} {b:?} straddles the line of {manager} at {line}");
            let in_staff_slot =
                js(&tab, &format!("!!document.querySelector('.box[data-key=\"{s}\"]').closest('ul.staff')"));
            assert_eq!(in_staff_slot, true, "{s}");
        }
        // No other report sits in the staff slot.
        let in_slot = js(&tab, &format!("!!document.querySelector('.box[data-key=\"{report}\"]').closest('ul.staff')"));
        assert_eq!(in_slot, false, "{report}");
    }
    // The first staff post to the right of the line, the second to the left,
    // the third below the first (as in the SVG).
    let line = {
        let m = rect(&tab, "algemeen-directeur");
        (m[0] + m[2]) / 2.0
    };
    let (first, second, third) =
        (rect(&tab, "bestuursadviseur"), rect(&tab, "concerncontroller"), rect(&tab, "managementassistent"));
    assert!(first[0] >= line && second[2] <= line && third[0] >= line, "{first:?} {second:?} {third:?} {line}");
    assert!((first[1] - second[1]).abs() < 1.0 && third[1] >= first[3], "{first:?} {second:?} {third:?}");
    screenshot(&tab, "staff");
    // An only report (the teammanager ICT under the CISO's manager) has its
    // line come down into it.
    let only = js(&tab, "getComputedStyle(document.getElementById('i-8'), '::after').borderLeftWidth");
    assert_eq!(only, "1px");

    // Collapse the algemeen directeur: the staff go with its reports, and the
    // sum below it counts them (16 posts, the manager not among them).
    let toggle = "[data-key=\"algemeen-directeur\"] button.tog";
    tab.wait_for_element(toggle).unwrap().click().unwrap();
    let boxes = shown(&tab);
    assert_eq!(boxes, vec!["algemeen-directeur".to_owned()], "{boxes:?}");
    let sum = js(&tab, "document.querySelector('[data-key=\"algemeen-directeur\"] .sum').textContent");
    assert!(sum.as_str().unwrap().contains("15 posten"), "{sum}");
    // Expand again: the staff slot is back, controlled by the button.
    tab.wait_for_element(toggle).unwrap().click().unwrap();
    assert_eq!(js(&tab, &format!("document.querySelector('{toggle}').getAttribute('aria-controls')")), "s-0 c-0");
    assert!(shown(&tab).contains(&"concerncontroller".to_owned()));

    // Search reveals a staff post under collapsed managers, in its slot.
    tab.wait_for_element("#collapse-all").unwrap().click().unwrap();
    assert!(!shown(&tab).contains(&"ciso".to_owned()));
    tab.wait_for_element("#q").unwrap().click().unwrap();
    tab.type_str("ciso").unwrap();
    tab.press_key("Enter").unwrap();
    let hit = tab.wait_for_element(".box.hit").unwrap();
    assert_eq!(hit.get_attribute_value("data-key").unwrap().as_deref(), Some("ciso"));
    assert_eq!(js(&tab, "!!document.querySelector('.box.hit').closest('ul.staff')"), true);
    let (m, c, r) = (rect(&tab, "adjunct-directeur-2"), rect(&tab, "ciso"), rect(&tab, "hoofd-ict"));
    assert!(c[1] >= m[3] && c[3] <= r[1], "{m:?} {c:?} {r:?}");
    screenshot(&tab, "staff-search");

    // A manager with staff and no other reports: the line ends at the last
    // row of staff, at the side connector.
    let mut b = DesignBuilder::new("Staf alleen");
    b.unit("directie", "Directie", UnitKind::Directie);
    b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
    b.post("cc", "Concerncontroller", "concerncontroller").unit("directie").reports_to("gs");
    let html = render::to_html(&b.build().unwrap(), &nl(), None).unwrap();
    let tab = open(&browser, "staff-alone", &html);
    let (m, c) = (rect(&tab, "gs"), rect(&tab, "cc"));
    assert!(c[1] >= m[3] && c[0] >= (m[0] + m[2]) / 2.0, "{m:?} {c:?}");
    let li = "document.querySelector('.box[data-key=\"cc\"]').parentElement";
    assert_eq!(js(&tab, &format!("{li}.className")), "right end");
    let trunk_end = js(
        &tab,
        &format!(
            "(function(){{ const li = {li}; return parseFloat(getComputedStyle(li, '::before').bottom) / li.offsetHeight; }})()"
        ),
    );
    assert!((trunk_end.as_f64().unwrap() - 0.5).abs() < 0.01, "{trunk_end}");
}
