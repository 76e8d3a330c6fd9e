//! A fuzz harness on the stable toolchain: the fixtures and example data,
//! mutated, through every loader.
//!
//! Each loader gets its own seeds (files of its kind under `tests/fixtures/`
//! and `examples/data/`) and its own stream of mutations from a xorshift
//! generator with a fixed seed, so a run is the same on every machine. A
//! mutation flips, inserts, deletes or repeats bytes, inserts a token that
//! parsers care about (quotes, separators, line ends, a byte-order mark,
//! bytes that are not UTF-8, huge numbers, date-times), or splices two seeds.
//!
//! Every run asserts that no loader panics, and:
//! - a design that loads saves, loads and saves again to the same bytes;
//! - the flat CSV's fast and general paths give the same table or the same problems;
//! - a UK or HR import gives a design that loads back;
//! - a policy that loads checks a design.
//!
//! `cargo test` runs a few hundred inputs per loader. For a longer run:
//!
//! ```text
//! HARKJE_FUZZ_ITERS=100000 HARKJE_FUZZ_SEED=7 cargo test --release --test it fuzz
//! ```
//!
//! An input that fails is written to `target/fuzz-failures/` before the test fails.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use harkje::check::Policy;
use harkje::format::{LoadError, flat_csv, from_json, to_json};
use harkje::import::{Mapping, read_hr_csv, read_uk_organogram};
use harkje::transition::{Statute, TransitionInput};

use crate::support::root;

/// Inputs per loader: `HARKJE_FUZZ_ITERS`, else a bounded run for `cargo test`.
fn iterations(default: usize) -> usize {
    std::env::var("HARKJE_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The generator's seed: `HARKJE_FUZZ_SEED`, else fixed.
fn seed(loader: u64) -> u64 {
    let base = std::env::var("HARKJE_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_u64);
    // Never zero (xorshift would stay at zero), different per loader.
    (base ^ loader.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1
}

/// Seeds larger than this are left out: the run should spend its time on variety.
const MAX_SEED: u64 = 64 * 1024;

/// xorshift64*: small, fast and good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Byte strings parsers treat specially.
const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b" ",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\x00",
    b"\x07",
    b"\x1b[31m",
    b"-1",
    b"0",
    b"1e308",
    b"-1e308",
    b"1e400",
    b"NaN",
    b"inf",
    b"4294967295",
    b"18446744073709551616",
    b"0.63",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"=",
    b"null",
    b"true",
    b"\"key\"",
    b"T09:00:00+02:00",
    b"2018-06-01",
    b"9999-12-31",
    b"XX",
    b"N/D",
    b"\xC2\xA3",
    b"[[",
    b"]]",
    b"#",
    b"\\u0000",
    b"\\",
];

/// One mutant of `input`: one to eight random edits, sometimes with a splice
/// from `other`.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(8) {
        // One edit in four lands in the first 64 bytes: headers and the
        // first members decide most of how a file is read.
        let at = match rng.below(4) {
            0 => rng.below(v.len().min(64) + 1),
            _ => rng.below(v.len() + 1),
        };
        match rng.below(9) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, rng.next() as u8),
            2 | 3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            4 if !v.is_empty() => {
                let len = 1 + rng.below(16.min(v.len()));
                let from = rng.below(v.len() - len + 1);
                v.drain(from..from + len);
            }
            5 if !v.is_empty() => {
                // Repeat a stretch (a line, a member, a row) in place.
                let len = 1 + rng.below(64.min(v.len()));
                let from = rng.below(v.len() - len + 1);
                let piece: Vec<u8> = v[from..from + len].to_vec();
                v.splice(from..from, piece);
            }
            6 if !other.is_empty() => {
                // The start of this input and the rest of another seed.
                let cut = rng.below(other.len());
                v.truncate(at);
                v.extend_from_slice(&other[cut..]);
            }
            7 if !v.is_empty() => v.truncate(at),
            _ => {
                // A digit changed: numbers, dates and line numbers at their edges.
                if let Some(i) = (0..v.len()).map(|k| (at + k) % v.len()).find(|&i| v[i].is_ascii_digit()) {
                    v[i] = b"0123456789"[rng.below(10)];
                }
            }
        }
    }
    v
}

/// Every file under `dirs` (relative to the repository root) whose name ends
/// with one of `ends`, sorted, up to [`MAX_SEED`] bytes.
fn seeds(dirs: &[&str], ends: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().map(|d| root().join(d)).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if ends.iter().any(|x| p.to_string_lossy().ends_with(x))
                && e.metadata().is_ok_and(|m| m.len() <= MAX_SEED)
            {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no seeds in {dirs:?} ending with {ends:?}");
    out
}

/// Runs `body` on `iters` mutants of the seeds; the seeds themselves go first.
/// A panic or a failed property writes the input to `target/fuzz-failures/`
/// and fails the test, naming the file.
fn fuzz(name: &str, loader: u64, default_iters: usize, seeds: &[(PathBuf, Vec<u8>)], body: impl Fn(&[u8])) {
    let mut rng = Rng(seed(loader));
    let iters = iterations(default_iters);
    for i in 0..seeds.len() + iters {
        let input = match seeds.get(i) {
            Some((_, s)) => s.clone(),
            None => {
                let a = &seeds[rng.below(seeds.len())].1;
                let b = &seeds[rng.below(seeds.len())].1;
                mutate(&mut rng, a, b)
            }
        };
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| body(&input))) {
            let dir = root().join("target/fuzz-failures");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("{name}-{i}"));
            std::fs::write(&file, &input).unwrap();
            let what = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!("{name}: input {i} failed ({what}); it is in {}", file.display());
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A design that loads saves, loads and saves again to the same bytes.
fn assert_round_trip(d: &harkje::Design) {
    let saved = to_json(d);
    let back = from_json(saved.as_bytes()).unwrap_or_else(|e| panic!("a saved design does not load: {e}\n{saved}"));
    assert_eq!(to_json(&back), saved, "save, load and save gave other bytes");
}

#[test]
fn fuzz_json_designs() {
    let seeds = seeds(&["tests/fixtures", "examples/data"], &[".json"]);
    fuzz("design-json", 1, 300, &seeds, |input| {
        if let Ok(d) = from_json(input) {
            assert_round_trip(&d);
        }
    });
}

/// The problems of a failed load as text.
fn problems(e: &LoadError) -> Vec<String> {
    e.problems.iter().map(ToString::to_string).collect()
}

/// The same file with its first header field quoted, which the general path
/// reads as the same name: `None` when that field cannot be quoted without
/// changing what it says.
fn quoted_header(input: &[u8]) -> Option<Vec<u8>> {
    let bom: &[u8] = b"\xEF\xBB\xBF";
    let start = if input.starts_with(bom) { bom.len() } else { 0 };
    let end = input[start..].iter().position(|&b| matches!(b, b',' | b'\n' | b'\r')).map_or(input.len(), |e| start + e);
    let field = &input[start..end];
    let plain = !field.is_empty()
        && !field.iter().any(|&b| b == b'"' || b.is_ascii_whitespace())
        && std::str::from_utf8(field).is_ok();
    plain.then(|| [&input[..start], b"\"", field, b"\"", &input[end..]].concat())
}

#[test]
fn fuzz_flat_csv_and_its_two_paths_agree() {
    // The synthetic files are large; a few thousand bytes of each hold every shape.
    let mut seeds: Vec<(PathBuf, Vec<u8>)> = ["org_1000", "org_1000_cycles", "org_1000_bad_spans"]
        .iter()
        .map(|n| {
            let p = crate::support::fixture(&format!("synthetic/{n}.csv"));
            let s = std::fs::read(&p).unwrap();
            let cut = s.iter().take(4096).rposition(|&b| b == b'\n').map_or(s.len(), |i| i + 1);
            (p, s[..cut].to_vec())
        })
        .collect();
    seeds.push((
        PathBuf::from("small"),
        b"id,parent_id,unit,is_manager,fte,salary\n1,,U0,1,1.0,90000\n2,1,U0,0,0.8,50000\n".to_vec(),
    ));
    seeds.push((PathBuf::from("keys"), b"id, parent_id , unit\r\na,,U\r\nb,a,U\r\n\r\nc,b,\r\n".to_vec()));
    fuzz("flat-csv", 2, 400, &seeds, |input| {
        let table = flat_csv::from_csv(input);
        if let Ok(t) = &table {
            let _ = harkje::measures::compute(t);
        }
        let Some(quoted) = quoted_header(input) else { return };
        match (table, flat_csv::from_csv(&quoted)) {
            // Unknown salaries are NaN, so the tables are compared as text.
            (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "the two paths built different tables"),
            (Err(a), Err(b)) => assert_eq!(problems(&a), problems(&b), "the two paths report other problems"),
            (a, b) => panic!(
                "one path failed: first {:?}, quoted {:?}",
                a.err().map(|e| problems(&e)),
                b.err().map(|e| problems(&e))
            ),
        }
    });
}

#[test]
fn fuzz_policy_toml() {
    let seeds = seeds(&["tests/fixtures/rules", "tests/fixtures/targets", "presets/policy"], &[".toml"]);
    let design = from_json(std::fs::read(crate::support::fixture("designs/small.json")).unwrap().as_slice()).unwrap();
    fuzz("policy-toml", 3, 300, &seeds, |input| {
        if let Ok(policy) = Policy::from_toml(&text(input)) {
            let _ = harkje::check::check(&design, &policy);
        }
    });
}

#[test]
fn fuzz_transition_input_and_statute_toml() {
    // The HR mapping in examples/data is no transition file.
    let (statutes, inputs): (Vec<_>, Vec<_>) = seeds(&["tests/fixtures/transition", "examples/data"], &[".toml"])
        .into_iter()
        .filter(|(p, _)| !p.to_string_lossy().contains("hr-export"))
        .partition(|(p, _)| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("statute")));
    fuzz("transition-toml", 4, 300, &inputs, |input| {
        let _ = TransitionInput::from_toml(&text(input));
    });
    let mut statutes = statutes;
    statutes.extend(seeds(&["presets/statute"], &[".toml"]));
    fuzz("statute-toml", 5, 200, &statutes, |input| {
        let _ = Statute::from_toml(&text(input));
    });
}

#[test]
fn fuzz_hr_csv_and_mapping() {
    let pairs: Vec<(Vec<u8>, Vec<u8>)> = [
        ("examples/data/hr-export/formatie.csv", "examples/data/hr-export/mapping.toml"),
        ("tests/fixtures/import/dutch-excel.csv", "tests/fixtures/import/dutch-excel.toml"),
        ("tests/fixtures/import/bad-rows.csv", "tests/fixtures/import/bad-rows.toml"),
    ]
    .iter()
    .map(|(c, m)| (std::fs::read(root().join(c)).unwrap(), std::fs::read(root().join(m)).unwrap()))
    .collect();
    // Each input is a CSV and a mapping joined by a marker line; a mutation may
    // change either, or move the marker.
    const MARK: &[u8] = b"\n--- mapping ---\n";
    let seeds: Vec<(PathBuf, Vec<u8>)> = pairs
        .iter()
        .enumerate()
        .map(|(i, (c, m))| (PathBuf::from(i.to_string()), [c.as_slice(), MARK, m].concat()))
        .collect();
    fuzz("hr-csv", 6, 300, &seeds, |input| {
        let at = input.windows(MARK.len()).position(|w| w == MARK).unwrap_or(input.len());
        let (csv, mapping) = (&input[..at], input.get(at + MARK.len()..).unwrap_or_default());
        let Ok(m) = Mapping::from_toml("mapping.toml", &text(mapping)) else { return };
        if let Ok(d) = read_hr_csv(&m, "export.csv", csv) {
            assert_round_trip(&d);
        }
    });
}

#[test]
fn fuzz_uk_organograms() {
    let seniors = seeds(&["tests/fixtures/uk-organograms", "examples/data/uk-organogram"], &["-senior.csv"]);
    const MARK: &[u8] = b"\n--- junior ---\n";
    let seeds: Vec<(PathBuf, Vec<u8>)> = seniors
        .into_iter()
        .map(|(p, s)| {
            let junior = std::fs::read(p.to_string_lossy().replace("-senior.csv", "-junior.csv")).unwrap_or_default();
            (p, [s.as_slice(), MARK, &junior].concat())
        })
        .collect();
    assert!(seeds.len() >= 5);
    fuzz("uk-csv", 7, 200, &seeds, |input| {
        let at = input.windows(MARK.len()).position(|w| w == MARK);
        let (senior, junior) = match at {
            Some(at) => (&input[..at], Some(&input[at + MARK.len()..])),
            None => (input, None),
        };
        if let Ok((d, r)) = read_uk_organogram("fuzz", ("s.csv", senior), junior.map(|j| ("j.csv", j))) {
            assert_eq!(d.posts().len(), r.measures.posts);
            assert_round_trip(&d);
        }
    });
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// Any number a design may hold reads back exactly: save, load and save
    /// give the same bytes and the same value (0.63 + 0.78 is saved as
    /// `1.4100000000000001` and must not come back as 1.41).
    #[test]
    fn numbers_read_back_exactly(
        bits in proptest::prelude::any::<u64>(),
        fte in 0.0..=harkje::MAX_FTE,
        salary in 0.0..=harkje::MAX_SALARY,
    ) {
        // Every finite bit pattern in range, not only the ones a strategy likes.
        let raw = f64::from_bits(bits).abs();
        let raw = if raw.is_finite() && raw <= harkje::MAX_FTE { raw } else { fte / 3.0 };
        let mut b = harkje::DesignBuilder::new("numbers");
        b.post("a", "A", "medewerker").fte(raw).salary(salary);
        b.post("b", "B", "medewerker").fte(fte).reports_to("a");
        let d = b.build().unwrap();
        let saved = to_json(&d);
        let back = from_json(saved.as_bytes()).unwrap();
        proptest::prop_assert_eq!(back.post_by_key("a").unwrap().fte.to_bits(), raw.to_bits());
        proptest::prop_assert_eq!(back.post_by_key("a").unwrap().salary.map(f64::to_bits), Some(salary.to_bits()));
        proptest::prop_assert_eq!(back.post_by_key("b").unwrap().fte.to_bits(), fte.to_bits());
        proptest::prop_assert_eq!(to_json(&back), saved);
    }
}
