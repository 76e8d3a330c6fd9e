//! The HR CSV import with a TOML mapping: library and CLI.

use harkje::import::{Mapping, from_hr_csv_file, read_hr_csv};
use harkje::{PostId, UnitId};

use crate::support::{fixture, harkje, read, root, stderr, temp_dir};

#[test]
fn a_dutch_excel_export_with_bom_semicolons_and_decimal_commas() {
    let d = from_hr_csv_file(fixture("import/dutch-excel.csv"), fixture("import/dutch-excel.toml")).unwrap();
    assert_eq!(d.name(), "dutch-excel");
    assert_eq!(d.posts().len(), 4);
    let p = d.post_by_key("110").unwrap();
    assert_eq!(p.title, "Teamleider Burgerzaken");
    assert_eq!(p.fte, 0.9);
    assert_eq!(p.salary, Some(71250.75));
    assert_eq!(p.reports_to, Some(PostId::from_key("100")));
    assert_eq!(p.unit, Some(UnitId::from_key("Burgerzaken")));
    assert_eq!(p.role, "medewerker");
    assert_eq!(d.post_by_key("111").unwrap().fte, 0.72);
    assert_eq!(d.post_by_key("112").unwrap().salary, None);
    // `112.000` with `decimal = ","`: whole euros, not 112 euros.
    assert_eq!(d.post_by_key("100").unwrap().salary, Some(112000.0));
}

#[test]
fn thousands_dots_and_commas_are_read_by_the_mappings_decimal() {
    let csv = "post;salary;fte\na;118.500;0,8\nb;61,800;1\nc;1.234.567,5;1\n";
    let comma = Mapping::from_toml(
        "m.toml",
        "decimal = \",\"\n[columns]\npost = \"post\"\nsalary = \"salary\"\nfte = \"fte\"\n",
    )
    .unwrap();
    let d = read_hr_csv(&comma, "x.csv", csv.as_bytes()).unwrap();
    assert_eq!(d.post_by_key("a").unwrap().salary, Some(118500.0));
    assert_eq!(d.post_by_key("a").unwrap().fte, 0.8);
    assert_eq!(d.post_by_key("b").unwrap().salary, Some(61.8));
    assert_eq!(d.post_by_key("c").unwrap().salary, Some(1234567.5));
    let dot =
        Mapping::from_toml("m.toml", "decimal = \".\"\n[columns]\npost = \"post\"\nsalary = \"salary\"\n").unwrap();
    let d = read_hr_csv(&dot, "x.csv", "post,salary\na,118.500\nb,\"61,800\"\n".as_bytes()).unwrap();
    assert_eq!(d.post_by_key("a").unwrap().salary, Some(118.5));
    assert_eq!(d.post_by_key("b").unwrap().salary, Some(61800.0));
    // Strict: a dot is no decimal separator when the mapping says `,`.
    let e = read_hr_csv(&comma, "x.csv", "post;salary;fte\na;1.5;1\n".as_bytes()).unwrap_err();
    assert_eq!(
        e.problems[0].to_string(),
        "x.csv:2:2: `salary` is `1.5`; expected a number of zero or more written with decimal `,` (the mapping's `decimal`)"
    );
    let e = Mapping::from_toml("m.toml", "decimal = \"comma\"\n[columns]\npost = \"a\"\n").unwrap_err();
    assert!(e.to_string().contains("`decimal` is `comma`; expected `,` or `.`"), "{e}");
}

#[test]
fn without_a_decimal_setting_a_number_that_reads_two_ways_is_an_error() {
    // The Dutch Excel fixture writes `112.000` for whole euros: without
    // `decimal`, that is 112000 or 112, so the import refuses it.
    let m = Mapping::from_toml(
        "m.toml",
        "[columns]\npost = \"Plaatsnummer\"\nreports_to = \"Chef\"\nfte = \"FTE\"\nsalary = \"Jaarsalaris\"\n",
    )
    .unwrap();
    let f = std::fs::File::open(fixture("import/dutch-excel.csv")).unwrap();
    let e = read_hr_csv(&m, "dutch-excel.csv", f).unwrap_err();
    let msgs: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        vec![
            "dutch-excel.csv:2:6: `Jaarsalaris` is `112.000`, which reads two ways (thousands or decimals); \
             set `decimal = \",\"` or `decimal = \".\"` in the mapping to say which separator is the decimal one"
        ]
    );
    let e = read_hr_csv(&m, "x.csv", "Plaatsnummer,Chef,FTE,Jaarsalaris\na,,1,\"61,800\"\n".as_bytes()).unwrap_err();
    assert!(e.to_string().contains("x.csv:2:4: `Jaarsalaris` is `61,800`, which reads two ways"), "{e}");
}

#[test]
fn the_example_export_with_unit_paths_and_appointments() {
    let dir = root().join("examples/data/hr-export");
    let d = from_hr_csv_file(dir.join("formatie.csv"), dir.join("mapping.toml")).unwrap();
    assert_eq!(d.name(), "Gemeente Voorbeeld");
    assert_eq!(d.posts().len(), 8);
    let wmo = d.unit_by_key("Gemeente Voorbeeld/Sociaal Domein/Team Wmo").unwrap();
    assert_eq!(wmo.name, "Team Wmo");
    assert_eq!(wmo.parent, Some(UnitId::from_key("Gemeente Voorbeeld/Sociaal Domein")));
    assert_eq!(d.units().len(), 5);
    // FP012 is a job share: one post, two appointments; FP013 is vacant.
    let fp012 = PostId::from_key("FP012");
    assert_eq!(d.appointments().filter(|a| a.post == fp012).count(), 2);
    assert_eq!(d.appointments().filter(|a| a.post == PostId::from_key("FP013")).count(), 0);
    assert_eq!(d.people().len(), 8);
    let p = d.person_by_key("10005").unwrap();
    assert_eq!(p.birth_date, Some(jiff::civil::date(1990, 6, 14)));
    assert_eq!(p.service_start, Some(jiff::civil::date(2016, 3, 1)));
    let fp021 = d.post_by_key("FP021").unwrap();
    assert_eq!((fp021.scale, fp021.salary, fp021.fte), (Some(11), Some(64822.5), 0.8));
    assert_eq!(d.post_by_key("FP011").unwrap().role, "teammanager");
    // Whole euros with a thousands dot (`118.500`), read by `decimal = ","`.
    assert_eq!(d.post_by_key("FP001").unwrap().salary, Some(118500.0));
    assert_eq!(d.post_by_key("FP010").unwrap().salary, Some(84007.5));
}

#[test]
fn every_bad_row_is_an_error_with_its_line_and_column() {
    let e = from_hr_csv_file(fixture("import/bad-rows.csv"), fixture("import/bad-rows.toml")).unwrap_err();
    let text = e.to_string().replace(&fixture("import").display().to_string(), "FIXTURES");
    insta::assert_snapshot!(text);
    // Every data row but the first has a problem, and every problem has a line.
    assert!(e.problems.iter().all(|p| p.line > 0));
    let lines: std::collections::BTreeSet<usize> = e.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines.into_iter().collect::<Vec<_>>(), vec![3, 4, 5, 6, 7, 8, 10]);
}

#[test]
fn a_mapping_naming_a_missing_column_names_it_and_the_headers_found() {
    let e = from_hr_csv_file(fixture("import/dutch-excel.csv"), fixture("import/missing-column.toml")).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("`Organisatie-eenheid`"), "{msg}");
    assert!(msg.contains("`Plaatsnummer`, `Omschrijving`, `Afdeling`, `Chef`, `FTE`, `Jaarsalaris`"), "{msg}");
    assert!(msg.contains("dutch-excel.csv:1:"), "{msg}");
}

#[test]
fn a_bad_mapping_is_an_error_with_its_line() {
    let e = Mapping::from_toml("m.toml", "[columns]\npost = \"a\"\ncolour = \"b\"\n").unwrap_err();
    assert!(e.to_string().contains("m.toml:3:1: unknown field `colour`"), "{e}");
    let e = Mapping::from_toml("m.toml", "separator = \"|\"\n[columns]\npost = \"a\"\n").unwrap_err();
    assert!(e.to_string().contains("`separator` is `|`"), "{e}");
    let e = Mapping::from_toml("m.toml", "[columns]\nunit = \"a\"\n").unwrap_err();
    assert!(e.to_string().contains("missing field `post`"), "{e}");
}

#[test]
fn non_utf8_bytes_and_a_cut_short_file_are_errors_with_their_lines() {
    // The `é` in UTF-8 on the last line makes this a UTF-8 file with a bad
    // byte, not a Windows-1252 one.
    let m = Mapping::from_toml("m.toml", "[columns]\npost = \"post\"\nreports_to = \"to\"\n").unwrap();
    let e = read_hr_csv(&m, "x.csv", b"post,to\na,\nb\xff,a\nc,a\nd\xc3\xa9".as_slice()).unwrap_err();
    let msgs: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        vec![
            "x.csv:3:1: field 1 has bytes that are not UTF-8; save the file as UTF-8",
            "x.csv:5: the row has 1 field, but the header has 2 (is the file cut short?)",
        ]
    );
}

#[test]
fn rows_of_one_post_must_agree() {
    let m =
        Mapping::from_toml("m.toml", "[columns]\npost = \"post\"\nfte = \"fte\"\n[person]\nkey = \"who\"\n").unwrap();
    let e = read_hr_csv(&m, "x.csv", "post,fte,who\na,1,p1\na,0.5,p2\na,1,p1\n".as_bytes()).unwrap_err();
    let msgs: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        vec![
            "x.csv:3:2: post `a` is also on line 2, with another FTE (column `fte`)",
            "x.csv:4:3: person `p1` holds post `a` on line 2 already",
        ]
    );
}

#[test]
fn an_empty_file_and_a_header_without_rows() {
    let m = Mapping::from_toml("m.toml", "[columns]\npost = \"post\"\n").unwrap();
    assert!(read_hr_csv(&m, "x.csv", "".as_bytes()).unwrap_err().to_string().contains("x.csv:1: the file is empty"));
    assert!(read_hr_csv(&m, "x.csv", "post\n".as_bytes()).unwrap_err().to_string().contains("no rows"));
}

/// `harkje import csv` of the example HR export and mapping, written to `out`.
fn import_example_to(out: &std::path::Path) -> std::process::Output {
    harkje(&[
        "import",
        "csv",
        "examples/data/hr-export/formatie.csv",
        "--mapping",
        "examples/data/hr-export/mapping.toml",
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn cli_shows_a_control_character_in_the_output_name_escaped() {
    let dir = temp_dir("import-hr-escape");
    let out = dir.join("voor\u{1b}[2Jbeeld.json");
    let o = import_example_to(&out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains('\u{1b}'), "the escape reached the terminal: {:?}", stderr(&o));
    assert!(stderr(&o).contains("voor\\u{1b}[2Jbeeld.json`"), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn cli_writes_the_design_and_exits_0() {
    let dir = temp_dir("import-hr-cli");
    let out = dir.join("voorbeeld.json");
    let o = import_example_to(&out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 8 posts, 5 units, 8 people and 8 appointments"), "{}", stderr(&o));
    let d = harkje::format::from_json(read(&out).as_bytes()).unwrap();
    assert_eq!(d.posts().len(), 8);
}

#[test]
fn cli_bad_rows_exit_2_and_write_nothing() {
    let dir = temp_dir("import-hr-bad");
    let out = dir.join("d.json");
    let o = harkje(&[
        "import",
        "csv",
        "tests/fixtures/import/bad-rows.csv",
        "--mapping",
        "tests/fixtures/import/bad-rows.toml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad-rows.csv:3:4: `fte` is `een`"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn cli_a_missing_mapping_exits_2_naming_it() {
    let dir = temp_dir("import-hr-no-mapping");
    let out = dir.join("d.json");
    let o = harkje(&[
        "import",
        "csv",
        "examples/data/hr-export/formatie.csv",
        "--mapping",
        "tests/fixtures/import/nope.toml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tests/fixtures/import/nope.toml: cannot read the mapping"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn cli_a_design_that_cannot_be_written_exits_2() {
    let o = harkje(&[
        "import",
        "csv",
        "examples/data/hr-export/formatie.csv",
        "--mapping",
        "examples/data/hr-export/mapping.toml",
        "-o",
        "/dev/full",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("error: cannot write `/dev/full`"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("imported"), "{}", stderr(&o));
}

#[test]
fn a_mapping_problem_has_its_line_and_column_and_an_empty_unit_separator_is_refused() {
    let e = Mapping::from_toml("m.toml", "separator = \"|\"\nunit_separator = \"\"\n[columns]\npost = \"a\"\n")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "m.toml has 2 problems\n  \
         m.toml:1:13: `separator` is `|`; expected `,`, `;` or `tab`\n  \
         m.toml:2:18: `unit_separator` is empty; give the text between unit names in a path, such as `/`"
    );
    let e = Mapping::from_toml("m.toml", "[columns]\npost = 3\n").unwrap_err();
    assert!(
        e.to_string().contains("m.toml:2:8: /columns/post: invalid type: whole number `3`, expected a string"),
        "{e}"
    );
}

fn problems(mapping: &str, csv: &[u8]) -> Vec<String> {
    let m = Mapping::from_toml("m.toml", mapping).unwrap();
    read_hr_csv(&m, "x.csv", csv).unwrap_err().problems.iter().map(ToString::to_string).collect()
}

#[test]
fn a_mapped_column_whose_header_occurs_twice_is_refused_naming_both() {
    let mapping = "[columns]\npost = \"post\"\nfte = \"FTE\"\n";
    assert_eq!(
        problems(mapping, b"post;FTE;Naam;FTE\na;1;x;0,5\n"),
        [
            "x.csv:1:4: the mapping names column `FTE` for `columns.fte`, but the header has it twice, as columns 2 and 4; rename one of them"
        ]
    );
    // Two headers that differ only in case or spacing are the same column to the mapping.
    assert_eq!(
        problems(mapping, b"post;Fte;F T E\na;1;0,5\n"),
        [
            "x.csv:1:3: the mapping names column `FTE` for `columns.fte`, but the header has it twice, as columns 2 and 3; rename one of them"
        ]
    );
    // A column twice that the mapping does not name is no problem.
    let m = Mapping::from_toml("m.toml", mapping).unwrap();
    assert!(read_hr_csv(&m, "x.csv", b"post;FTE;x;x\na;1;2;3\n".as_slice()).is_ok());
}

const DUTCH: &str = "[columns]\npost = \"Plaats\"\ntitle = \"Omschrijving\"\nunit = \"Afdeling\"\nfte = \"FTE\"\n";

/// Dutch Excel's "CSV (puntkomma-gescheiden)" is Windows-1252.
#[test]
fn a_windows_1252_export_is_read() {
    let csv = b"Plaats;Omschrijving;Afdeling;FTE\r\n1;Co\xf6rdinator \x80-beheer;Ma\xeetrise;0,8\r\n".as_slice();
    let m = Mapping::from_toml("m.toml", DUTCH).unwrap();
    let d = read_hr_csv(&m, "x.csv", csv).unwrap();
    let p = d.post_by_key("1").unwrap();
    assert_eq!(p.title, "Co\u{f6}rdinator \u{20ac}-beheer");
    assert_eq!(p.unit, Some(UnitId::from_key("Ma\u{ee}trise")));
    assert_eq!(p.fte, 0.8);
    // The mapping can say so, and can refuse anything but UTF-8.
    let forced = Mapping::from_toml("m.toml", &format!("encoding = \"windows-1252\"\n{DUTCH}")).unwrap();
    assert_eq!(read_hr_csv(&forced, "x.csv", csv).unwrap().post_by_key("1").unwrap().title, p.title);
    // UTF-8 bytes read as Windows-1252 when the mapping says so.
    let utf8 = "Plaats;Omschrijving\n1;\u{e9}\n";
    let m = Mapping::from_toml(
        "m.toml",
        "encoding = \"windows-1252\"\n[columns]\npost = \"Plaats\"\ntitle = \"Omschrijving\"\n",
    )
    .unwrap();
    assert_eq!(read_hr_csv(&m, "x.csv", utf8.as_bytes()).unwrap().post_by_key("1").unwrap().title, "\u{c3}\u{a9}");
    assert_eq!(
        problems(&format!("encoding = \"utf-8\"\n{DUTCH}"), csv),
        ["x.csv:2:2: field 2 has bytes that are not UTF-8; save the file as UTF-8"]
    );
    assert_eq!(
        Mapping::from_toml("m.toml", &format!("encoding = \"latin-9\"\n{DUTCH}")).unwrap_err().problems[0].message,
        "`encoding` is `latin-9`; expected `utf-8`, `windows-1252` or `auto`"
    );
}

#[test]
fn utf16_exports_with_a_byte_order_mark_are_read() {
    let text = "Plaats;Omschrijving;Afdeling;FTE\r\n1;Co\u{f6}rdinator;Zorg;0,8\r\n";
    let m = Mapping::from_toml("m.toml", DUTCH).unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    for bytes in [le, be] {
        let d = read_hr_csv(&m, "x.csv", bytes.as_slice()).unwrap();
        assert_eq!(d.post_by_key("1").unwrap().title, "Co\u{f6}rdinator");
    }
    assert_eq!(
        problems(DUTCH, &[0xFF, 0xFE, 0x00, 0xD8]),
        ["x.csv: the file starts with a UTF-16LE byte-order mark, but is not valid UTF-16LE"]
    );
}

/// The design builder refuses what the rows could not: each refusal names the
/// line of the row, and what only follows from it is not reported again.
#[test]
fn builder_errors_name_their_line_and_do_not_cascade() {
    let mapping =
        "[columns]\npost = \"post\"\nreports_to = \"to\"\nfte = \"fte\"\nunit = \"unit\"\n[person]\nkey = \"nr\"\n";
    let csv = "post;to;fte;unit;nr\ngs;;1;Top;1\nhoofd;gs;200000;Top;2\nsub;hoofd;1;Top;3\nx;gs;1;Bad\u{7}Unit;4\n";
    let shown = problems(mapping, csv.as_bytes());
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(shown[0].starts_with("x.csv:3:3: post `hoofd`: fte "), "{shown:#?}");
    assert!(shown[1].starts_with("x.csv:5:4: unit `Bad"), "{shown:#?}");
    // A refused person's appointment is not reported again.
    let csv = "post;to;fte;unit;nr\ngs;;1;Top;1\nhoofd;gs;1;Top;2\u{7}\n";
    let shown = problems(mapping, csv.as_bytes());
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(shown[0].starts_with("x.csv:3:5: person `2"), "{shown:#?}");
}
