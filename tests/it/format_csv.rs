//! The flat post CSV.

use harkje::format::flat_csv::from_csv;

fn problems(text: &[u8]) -> Vec<String> {
    from_csv(text).unwrap_err().problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn extra_columns_are_ignored_and_columns_found_by_name() {
    let t = from_csv(b"salary,extra,parent_id,id\n100,x,,1\n200,y,1,2\n").unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t.salary(1), Some(200.0));
    assert_eq!(t.fte(1), 1.0);
}

#[test]
fn bom_crlf_decimal_comma_and_quotes_are_read() {
    let t = from_csv("\u{feff}id,parent_id,unit,fte\r\n1,,\"Unit, A\",\"0,8\"\r\n2,1,B,1\r\n".as_bytes()).unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t.fte(0), 0.8);
    assert_eq!(t.unit_of(0), Some("Unit, A"));
}

#[test]
fn bad_rows_are_reported_with_line_and_column_and_none_skipped_silently() {
    let p = problems(b"id,parent_id,unit,is_manager,fte,salary\n1,,U,1,1.0,100\n2,1,U,maybe,1.0,100\n3,1,U,0,-1,100\n4,1,U,0\n5,1,U,0,1.0,lots\n");
    assert_eq!(
        p,
        [
            "3:4: is_manager: `is_manager` is `maybe`; expected 0 or 1",
            "4:5: fte: `fte` is `-1`; expected a number from 0 to 100000",
            "5: the row has 4 fields, but the header has 6",
            "6:6: salary: `salary` is `lots`; expected a number from 0 to 1000000000",
        ]
    );
}

#[test]
fn wrong_headers_name_the_missing_column() {
    let p = problems(b"post,manager\n1,\n");
    assert_eq!(p.len(), 2);
    assert!(p[0].contains("no column `id`"), "{p:?}");
}

#[test]
fn non_utf8_bytes_are_reported_per_field() {
    let p = problems(b"id,parent_id,unit\n1,,caf\xe9\n");
    assert_eq!(p, ["2:3: unit: `unit` is not valid UTF-8"]);
}

#[test]
fn duplicate_ids_are_an_error_naming_both_lines() {
    let p = problems(b"id,parent_id\n1,\n2,1\n2,1\n");
    assert_eq!(p, ["4:1: id: the id `2` is used again (first on line 3)"]);
    let p = problems(b"id,parent_id\nx,\n\"y\",x\ny,x\n");
    assert_eq!(p, ["4:1: id: the id `y` is used again (first on line 3)"]);
}

#[test]
fn both_parsers_read_the_same_header_and_refuse_repeated_columns() {
    // The quoted field sends the second file through the general parser.
    let fast = from_csv(b"id, parent_id , unit\n1,,U\n2,1,U\n").unwrap();
    let general = from_csv(b"id, parent_id , unit\n1,,\"U\"\n2,1,U\n").unwrap();
    assert_eq!(harkje::measures::compute(&fast), harkje::measures::compute(&general));
    assert_eq!((fast.unit_of(1), general.unit_of(1)), (Some("U"), Some("U")));
    assert_eq!(
        problems(b"id,parent_id,id\n1,,1\n"),
        ["1: id: the header has the column `id` more than once; keep one"]
    );
    assert_eq!(
        problems(b"id,parent_id,\"id\"\n1,,1\n"),
        ["1: id: the header has the column `id` more than once; keep one"]
    );
}

#[test]
fn old_mac_line_endings_are_read() {
    let t = from_csv(b"id,parent_id\r1,\r2,1\r").unwrap();
    assert_eq!(t.len(), 2);
}

#[test]
fn a_blank_first_line_is_named() {
    assert!(problems(b"\nid,parent_id\n1,\n")[0].contains("the first line is blank"));
    assert!(problems(b"")[0].contains("the file is empty"));
}

#[test]
fn absurd_numbers_are_refused_where_they_are() {
    let p = problems(b"id,parent_id,fte,salary\n1,,1e308,1e308\n");
    assert_eq!(p, ["2:3: fte: `fte` is `1e308`; expected a number from 0 to 100000"]);
    let p = problems(b"id,parent_id,fte,salary\n1,,1,inf\n2,1,NaN,1\n");
    assert_eq!(
        p,
        [
            "2:4: salary: `salary` is `inf`; expected a number from 0 to 1000000000",
            "3:3: fte: `fte` is `NaN`; expected a number from 0 to 100000"
        ]
    );
}

#[test]
fn a_large_file_parsed_in_two_halves_gives_the_same_lines_and_problems() {
    // Over the size where parsing splits in two; one bad row in each half.
    let mut text = String::from("id,parent_id,unit,is_manager,fte,salary\n0,,U0,1,1.0,100000\n");
    let rows = 200_000;
    for i in 1..rows {
        let fte = if i == 10 || i == rows - 10 { "x" } else { "1.0" };
        text.push_str(&format!("{i},{},U{},0,{fte},50000\n", (i - 1) / 5, i % 7));
    }
    assert!(text.len() > 4 << 20);
    let p = problems(text.as_bytes());
    assert_eq!(
        p,
        [
            "12:5: fte: `fte` is `x`; expected a number from 0 to 100000".to_owned(),
            format!("{}:5: fte: `fte` is `x`; expected a number from 0 to 100000", rows - 10 + 2)
        ]
    );
    let ok = text.replace(",x,", ",1.0,");
    let t = from_csv(ok.as_bytes()).unwrap();
    assert_eq!(t.len(), rows);
    assert_eq!(t.unit_keys().len(), 7);
    let m = harkje::measures::compute(&t);
    assert!(m.cycles.is_empty() && m.unreachable_posts.is_empty());
    assert_eq!(m.units["U3"].headcount, (1..rows).filter(|i| i % 7 == 3).count());
}

/// Builds a file just over the two-thread size with `rows` posts; `key` names
/// row `i`, `parent` its manager, and every `blank_every`-th line is blank.
fn big_file(
    rows: usize,
    key: impl Fn(usize) -> String,
    parent: impl Fn(usize) -> String,
    blank_every: usize,
) -> String {
    let mut text = String::from("id,parent_id,unit,is_manager,fte,salary\n");
    for i in 0..rows {
        if i % blank_every == blank_every - 1 {
            text.push('\n');
        }
        text.push_str(&format!("{},{},U{},{},0.8,{}\n", key(i), parent(i), i % 13, u8::from(i % 5 == 0), 40_000 + i));
    }
    text
}

/// The same file through both parsers: a quoted field that reads the same
/// sends the second copy through the general `csv` path.
fn assert_parsers_agree(text: &str) {
    assert!(text.len() > 4 << 20, "the file must be large enough to split");
    let quoted = text.replacen(",U1,", ",\"U1\",", 1);
    assert_ne!(quoted, text);
    let fast = from_csv(text.as_bytes());
    let general = from_csv(quoted.as_bytes());
    match (fast, general) {
        (Ok(a), Ok(b)) => assert!(a == b, "the parsers built different tables"),
        (Err(a), Err(b)) => {
            let show = |e: harkje::format::LoadError| e.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>();
            assert_eq!(show(a), show(b));
        }
        (a, b) => panic!("one parser failed: fast {:?}, general {:?}", a.err(), b.err()),
    }
}

#[test]
fn both_parsers_agree_on_large_files_of_every_key_shape() {
    let rows = 160_000;
    // Consecutive numbers with blank lines and references past the end.
    assert_parsers_agree(&big_file(
        rows,
        |i| (i + 7).to_string(),
        |i| {
            if i == 0 { String::new() } else { ((i - 1) / 4 + 7 + usize::from(i % 50_000 == 3) * rows * 9).to_string() }
        },
        997,
    ));
    // Shuffled numbers with repeats in each half and across the halves.
    let shuffled = |i: usize| ((i * 7919) % rows + 1).to_string();
    assert_parsers_agree(&big_file(
        rows,
        |i| if i % 40_000 == 39_999 { shuffled(i / 3) } else { shuffled(i) },
        |i| if i == 0 { String::new() } else { shuffled((i - 1) / 4) },
        100_000,
    ));
    // Text keys, with managers written as text and as numbers.
    let text_key = |i: usize| if i.is_multiple_of(3) { format!("{}", 1_000_000 + i) } else { format!("P-{i}") };
    assert_parsers_agree(&big_file(
        rows,
        text_key,
        |i| {
            if i == 0 {
                String::new()
            } else if i % 1000 == 1 {
                "042".to_owned()
            } else {
                text_key((i - 1) / 4)
            }
        },
        5_000,
    ));
    // Numbers too sparse for an array index.
    assert_parsers_agree(&big_file(
        rows,
        |i| (i * 1_000_003).to_string(),
        |i| if i == 0 { String::new() } else { ((i - 1) / 4 * 1_000_003).to_string() },
        usize::MAX,
    ));
}

/// Reads `text` from a file and from memory; the two must agree.
fn assert_file_and_memory_agree(name: &str, text: &[u8]) {
    let dir = crate::support::temp_dir("flat-csv-file");
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let from_file = harkje::format::flat_csv::from_csv_file(&path);
    let from_memory = from_csv(text);
    match (from_file, from_memory) {
        (Ok(a), Ok(b)) => assert!(a == b, "{name}: file and memory gave different tables"),
        (Err(a), Err(b)) => {
            let show = |e: harkje::format::LoadError| e.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>();
            assert_eq!(show(a), show(b), "{name}");
        }
        (a, b) => panic!("{name}: file {:?}, memory {:?}", a.err(), b.err()),
    }
}

#[test]
fn large_files_read_in_blocks_give_what_memory_gives() {
    let rows = 160_000;
    let plain = big_file(
        rows,
        |i| (i + 1).to_string(),
        |i| if i == 0 { String::new() } else { ((i - 1) / 4 + 1).to_string() },
        3_001,
    );
    assert_file_and_memory_agree("plain.csv", plain.as_bytes());
    // A byte-order mark and CRLF line ends.
    let crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    assert_file_and_memory_agree("crlf.csv", crlf.as_bytes());
    // Bad rows and repeated ids in both halves, and no final line break.
    let bad = plain.replacen(",0.8,", ",lots,", 3).replace("\n77,", "\n78,");
    assert_file_and_memory_agree("bad.csv", bad.trim_end().as_bytes());
    // A line longer than a read block.
    let long = plain.replacen(",U1,", &format!(",U{},", "x".repeat(600_000)), 1);
    assert_file_and_memory_agree("long.csv", long.as_bytes());
    // A quote near the end, and bytes that are not UTF-8: the whole-file paths.
    let quoted = plain.replacen(&format!("\n{},", rows - 5), &format!("\n\"{}\",", rows - 5), 1);
    assert_file_and_memory_agree("quoted.csv", quoted.as_bytes());
    let mut latin1 = plain.into_bytes();
    let at = latin1.len() - 100;
    let unit = latin1[at..].iter().position(|&b| b == b'U').unwrap() + at;
    latin1[unit] = 0xE9;
    assert_file_and_memory_agree("latin1.csv", &latin1);
}

#[test]
fn managers_numbered_below_the_first_id_are_found() {
    let t = from_csv(b"id,parent_id\n5,\n3,5\n4,3\n").unwrap();
    let m = harkje::measures::compute(&t);
    assert!(m.dangling_references.is_empty(), "{:?}", m.dangling_references);
    assert_eq!(m.layers, 3);
    // The same on a large file in descending order, through both halves.
    let rows = 160_000;
    let ascending = big_file(
        rows,
        |i| (i + 1).to_string(),
        |i| if i == 0 { String::new() } else { (i / 4 + 1).to_string() },
        usize::MAX,
    );
    let mut lines: Vec<&str> = ascending.lines().collect();
    lines[1..].reverse();
    let descending = lines.join("\n");
    let summary = |text: &str| {
        let mut m = harkje::measures::compute(&from_csv(text.as_bytes()).unwrap());
        m.per_post = Default::default();
        m
    };
    let expected = summary(&ascending);
    assert!(expected.dangling_references.is_empty() && expected.layers > 5);
    assert_eq!(summary(&descending), expected);
}

#[test]
fn both_parsers_place_problems_on_the_same_lines() {
    // Each pair differs only in quotes, which send the second file to the
    // general parser.
    let pairs: [(&[u8], &[u8]); 5] = [
        (b"id,parent_id\n1,\n\n,1\n", b"id,parent_id\n1,\n\n,\"1\"\n"),
        (b"id,parent_id,fte\r\na,,x\r\nb,a,y\r\n", b"id,parent_id,fte\r\na,,x\r\nb,\"a\",y\r\n"),
        (b"id,parent_id\r\n\r\n\r\n1,,3\r\n2,1\r\n2,1\r\n", b"id,parent_id\r\n\r\n\r\n1,,3\r\n2,\"1\"\r\n2,1\r\n"),
        (b"\nid,parent_id\n1,\n2,1\n", b"\nid,parent_id\n1,\n2,\"1\"\n"),
        (b",\n1,\n", b",\n\"1\",\n"),
    ];
    for (fast, general) in pairs {
        let (a, b) = (problems(fast), problems(general));
        assert!(!a.is_empty(), "{}", String::from_utf8_lossy(fast));
        assert_eq!(a, b, "{}", String::from_utf8_lossy(fast));
    }
}

#[test]
fn a_byte_order_mark_inside_the_header_is_named_alike_on_both_paths() {
    let fast = problems("id,\u{feff}parent_id\n1,\n".as_bytes());
    // A quoted first name sends the file down the general path.
    let general = problems("\"id\",\u{feff}parent_id\n1,\n".as_bytes());
    assert_eq!(fast, general);
    assert_eq!(fast.len(), 1);
    assert!(fast[0].contains("column 2 reads `parent_id` with an invisible character"), "{fast:?}");
}

#[test]
fn a_semicolon_separated_header_says_so() {
    let p = problems(b"id;parent_id;unit\n1;;U\n");
    assert!(p.iter().all(|m| m.contains("separated by `;`")), "{p:?}");
}

#[test]
fn a_utf16_file_says_so() {
    let text: Vec<u8> = "id,parent_id\n1,\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    for bytes in [[b"\xFF\xFE".as_slice(), &text].concat(), text.clone()] {
        let p = problems(&bytes);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("looks like UTF-16"), "{p:?}");
    }
}
