//! A personele-gevolgen report that can be shared under the AVG (GDPR).
//!
//! The works council (OR) and the unions need the placement list, but not who is who. A
//! shared report ([`TransitionReport::pseudonymised`](super::TransitionReport::pseudonymised))
//! therefore:
//!
//! - names every person by a keyed pseudonym: `mw-` and 12 hex digits of an HMAC-SHA-256 of
//!   the person's key under a secret [`PseudonymKey`] that HR keeps in a key file. Without
//!   the key nobody can recompute a pseudonym from the staff list; with the same key two
//!   runs give the same pseudonyms, so HR can compare versions and find a person back;
//! - drops names, birth dates, the first day of service and the exact FTE, and publishes
//!   service as a band of whole years (`0–2`, `2–5`, `5–10`, `10–20`, `20+`) and the FTE as
//!   a band of full time next to the age band;
//! - names posts as unit and function (`financien / F-FIN`), never by a post key that only
//!   one person holds;
//! - generalises posts and bands, and suppresses what is still unique, until every
//!   combination of the published fields is shared by the statute's `k_anonymity` people
//!   (see [`disclosure`](super::disclosure));
//! - lists, in a warning, every combination of the published fields (old post, new post,
//!   age, service and FTE band) still shared by fewer: the check behind the control.
//!
//! ```
//! use harkje::transition::PseudonymKey;
//!
//! let key = PseudonymKey::from_bytes([7; 32]);
//! let a = key.pseudonym("p-0042");
//! assert!(a.starts_with("mw-") && a.len() == 15);
//! assert_eq!(a, key.pseudonym("p-0042"));
//! assert_ne!(a, PseudonymKey::from_bytes([8; 32]).pseudonym("p-0042"));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use jiff::civil::Date;
use serde::Serialize;
use sha2::Sha256;

use super::fx::HashMap;
use crate::model::NaturalKey;

/// The name of the key file when none is given: `pseudonym.key`, in the folder of the old
/// design (the file with the personal data the key protects, which HR already keeps).
pub const DEFAULT_KEY_FILE: &str = "pseudonym.key";

/// The secret key of the pseudonyms: 32 random bytes.
///
/// Its `Debug` form does not show the key.
#[derive(Clone, PartialEq, Eq)]
pub struct PseudonymKey([u8; 32]);

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(…)")
    }
}

/// A key file that cannot be read, made or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    /// The file cannot be read or written.
    #[error("cannot {action} key file `{path}`: {source}")]
    Io {
        /// `read` or `create`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The error of the system.
        source: std::io::Error,
    },
    /// The file does not hold a key.
    #[error("key file `{0}` does not hold a key: expected 64 hexadecimal digits, as harkje writes it")]
    Malformed(PathBuf),
    /// The system gave no random bytes.
    #[error("cannot make a pseudonym key: the system gave no random bytes ({0})")]
    Random(String),
}

impl PseudonymKey {
    /// A key from its bytes (for tests and for keys kept elsewhere).
    pub fn from_bytes(bytes: [u8; 32]) -> PseudonymKey {
        PseudonymKey(bytes)
    }

    /// A new random key from the operating system.
    ///
    /// # Errors
    /// [`KeyFileError::Random`] when the system gives no random bytes.
    pub fn generate() -> Result<PseudonymKey, KeyFileError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| KeyFileError::Random(e.to_string()))?;
        Ok(PseudonymKey(bytes))
    }

    /// Reads the key from `path`, or, when there is no such file, makes a random key and
    /// writes it there (readable by its owner only, mode 0600, on Unix). Returns the key
    /// and whether it was made now.
    ///
    /// The file holds the key as 64 hexadecimal digits and a line break. Keep it: a new
    /// key gives every person a new pseudonym.
    ///
    /// # Errors
    /// A [`KeyFileError`] when the file cannot be read or made, or does not hold a key.
    pub fn load_or_create(path: &Path) -> Result<(PseudonymKey, bool), KeyFileError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                Self::parse(text.trim()).map(|k| (k, false)).ok_or_else(|| KeyFileError::Malformed(path.into()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate()?;
                key.write_new(path)?;
                Ok((key, true))
            }
            Err(source) => Err(KeyFileError::Io { action: "read", path: path.into(), source }),
        }
    }

    fn parse(hex: &str) -> Option<PseudonymKey> {
        let digits = hex.as_bytes();
        if digits.len() != 64 {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (out, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            let s = std::str::from_utf8(pair).ok()?;
            *out = u8::from_str_radix(s, 16).ok()?;
        }
        Some(PseudonymKey(bytes))
    }

    /// Writes the key to a file that must not exist yet.
    fn write_new(&self, path: &Path) -> Result<(), KeyFileError> {
        let io = |source| KeyFileError::Io { action: "create", path: path.into(), source };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(io)?;
        let mut text = String::with_capacity(65);
        for b in self.0 {
            text.push_str(&format!("{b:02x}"));
        }
        text.push('\n');
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)
    }

    /// The pseudonym of a person key: `mw-` and the first 12 hex digits (48 bits) of
    /// HMAC-SHA-256(key, person key).
    pub fn pseudonym(&self, person: &str) -> String {
        // HMAC takes a key of any length, so this cannot fail; the fallback keeps library code
        // free of panics.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else { return format!("mw-{person}") };
        mac.update(person.as_bytes());
        let tag = mac.finalize().into_bytes();
        let mut s = String::with_capacity(15);
        s.push_str("mw-");
        for b in tag.iter().take(6) {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

/// The service band of a first day of service on a reference date: whole years in `0–2`,
/// `2–5`, `5–10`, `10–20` or `20+`.
///
/// ```
/// use harkje::transition::service_band;
/// use jiff::civil::date;
///
/// assert_eq!(service_band(date(2014, 9, 2), date(2024, 9, 1)), "5–10");
/// assert_eq!(service_band(date(2014, 9, 1), date(2024, 9, 1)), "10–20");
/// ```
pub fn service_band(start: Date, reference: Date) -> &'static str {
    let mut years = i64::from(reference.year()) - i64::from(start.year());
    if (reference.month(), reference.day()) < (start.month(), start.day()) {
        years -= 1;
    }
    match years {
        ..2 => "0–2",
        2..5 => "2–5",
        5..10 => "5–10",
        10..20 => "10–20",
        _ => "20+",
    }
}

/// The published fields of a shared report that a colleague may know of a person, in the
/// order of [`SmallGroup::fields`]: the old and the new post (as unit and function, or as
/// generalised: see [`disclosure`](super::disclosure)), the age, service and FTE bands.
pub const PUBLISHED_FIELDS: [&str; 5] = ["old_post", "new_post", "age_band", "service_band", "fte_band"];

/// What a shared report publishes about privacy: the k it was checked against, what the
/// disclosure control generalised and suppressed, and the combinations that fall short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Privacy {
    /// The statute's `k_anonymity`.
    pub k: u32,
    /// The fields checked, in the order of [`SmallGroup::fields`]: [`PUBLISHED_FIELDS`].
    pub fields: Vec<String>,
    /// The published service band of each person, by pseudonym (exact or wide; left out
    /// when withheld). The first day of service is not published.
    pub service_bands: BTreeMap<String, String>,
    /// The published FTE band of each person, by pseudonym (`0–50%`, `50–80%`, `80–100%`,
    /// `100%`, or wide: `< 100%`; left out when withheld). The exact FTE is not published.
    pub fte_bands: BTreeMap<String, String>,
    /// How much of each person's post is shown, by pseudonym.
    pub post_detail: BTreeMap<String, super::disclosure::PostDetail>,
    /// Per published field (`post`, `age_band`, `service_band`, `fte_band`), how many rows
    /// show it as it is, generalised or withheld.
    pub disclosure: Vec<super::disclosure::FieldDisclosure>,
    /// Rows whose posts and bands are all suppressed: still in the report with their outcome.
    pub rows_suppressed: usize,
    /// Cells withheld (`■`): the `withheld` of every field together.
    pub cells_suppressed: usize,
    /// Every combination of the published fields shared by fewer than `k` people, after
    /// disclosure control, in natural order of the fields; empty when the report passes
    /// (suppressed rows publish nothing and are not counted).
    pub small_groups: Vec<SmallGroup>,
}

/// A combination of published fields that fewer than k people share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SmallGroup {
    /// The values, in the order of [`PUBLISHED_FIELDS`]; a withheld value is `■`, no new
    /// post `—`.
    pub fields: Vec<String>,
    /// How many people share them.
    pub people: usize,
}

/// The combinations of the published fields shared by fewer than `k` people: one pass with a
/// hash map, then the (few) small groups sorted.
pub(crate) fn small_groups(published: &[super::disclosure::Published], k: u32) -> Vec<SmallGroup> {
    let mut counts: HashMap<[String; 5], usize> = HashMap::default();
    for t in published.iter().filter_map(super::disclosure::tuple) {
        *counts.entry(t).or_default() += 1;
    }
    let k = usize::try_from(k).unwrap_or(usize::MAX);
    let mut small: Vec<SmallGroup> = counts
        .into_iter()
        .filter(|(_, n)| *n < k)
        .map(|(fields, people)| SmallGroup { fields: fields.to_vec(), people })
        .collect();
    fn natural(g: &SmallGroup) -> Vec<NaturalKey<'_>> {
        g.fields.iter().map(|f| NaturalKey::new(f)).collect()
    }
    small.sort_by(|a, b| natural(a).cmp(&natural(b)));
    small
}

/// The age bands as reasons write them (the AOW band is a word of its own).
pub(crate) const AGE_BANDS: [&str; 5] = ["15–25", "25–35", "35–45", "45–55", "55+"];

/// Replaces every age band of [`AGE_BANDS`] in `text` by `…`, in one pass from the left.
///
/// The same as replacing each band in turn, in the order of the list: where two bands
/// overlap in a text (`15–25–35`), the one listed first also starts first, so both ways
/// replace it. Linear in the text; the text is copied once.
pub(crate) fn scrub_age_bands(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| AGE_BANDS.iter().any(|band| band.starts_with(c))) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        match AGE_BANDS.iter().find(|band| from.starts_with(*band)) {
            Some(band) => {
                out.push('…');
                rest = &from[band.len()..];
            }
            None => {
                out.push_str(&from[..1]);
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces every word in backticks that `map` knows: keys of people and posts in the texts
/// of reasons and findings. Linear in the text.
pub(crate) fn rewrite_ticked(text: &str, map: &HashMap<String, String>) -> String {
    rewrite_ticked_with(text, |w| map.get(w).map(String::as_str))
}

/// Replaces every word in backticks for which `lookup` gives a replacement. Linear in the text.
pub(crate) fn rewrite_ticked_with<'m>(text: &str, lookup: impl Fn(&str) -> Option<&'m str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest.find('`') else { break };
        let word = &rest[..close];
        out.push_str(lookup(word).unwrap_or(word));
        out.push('`');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Replaces every date in `text` that is in `dates` (the birth dates and first days of
/// service of the people, written as [`day_forms`] gives them) by `…`: a reason that says
/// "shortest service (since 2015-09-01)" or "in dienst sinds 1 september 2015" must not give
/// the date away. A date is an ISO date (`YYYY-MM-DD`) or a Dutch one (`1 september 2015`).
/// Linear in the text.
pub(crate) fn scrub_dates(text: &str, dates: &std::collections::HashSet<String>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        let len = if starts_number { date_at(&bytes[i..]) } else { 0 };
        if len > 0 && text.get(i..i + len).is_some_and(|d| dates.contains(d)) {
            out.push_str(&text[copied..i]);
            out.push('…');
            i += len;
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The ways a reason writes a day: ISO (English) and Dutch prose.
pub(crate) fn day_forms(day: jiff::civil::Date) -> [String; 2] {
    [day.to_string(), super::Language::Dutch.date(day)]
}

/// The length of the date that starts `b`: `YYYY-MM-DD`, or one or two digits, a space,
/// a lowercase month name, a space and four digits; 0 when none starts there.
fn date_at(b: &[u8]) -> usize {
    let iso = b.len() >= 10
        && b[..10].iter().enumerate().all(|(j, c)| if j == 4 || j == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if iso {
        return 10;
    }
    let day = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&day) || b.get(day) != Some(&b' ') {
        return 0;
    }
    let month = b[day + 1..].iter().take(10).take_while(|c| c.is_ascii_lowercase()).count();
    let year_at = day + 1 + month + 1;
    let year = b.get(year_at..year_at + 4).is_some_and(|y| y.iter().all(u8::is_ascii_digit));
    let ends = b.get(year_at + 4).is_none_or(|c| !c.is_ascii_digit());
    if month >= 3 && b.get(day + 1 + month) == Some(&b' ') && year && ends { year_at + 4 } else { 0 }
}

/// Replaces the number of whole years of service in a reason ("after 18 years of service",
/// "1 year of service") by `…`: a shared report publishes service as a band, or not at all.
/// Linear in the text.
pub(crate) fn scrub_service_years(text: &str) -> String {
    // Longest first, so that `dienstjaren` is not read as `dienstjaar`.
    const PHRASES: [&str; 4] = [" years of service", " year of service", " dienstjaren", " dienstjaar"];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, phrase)) =
        PHRASES.iter().filter_map(|p| rest.find(p).map(|at| (at, *p))).min_by_key(|(at, p)| (*at, usize::MAX - p.len()))
    {
        let head = &rest[..at];
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push_str(&head[..head.len() - digits]);
            out.push('…');
        } else {
            out.push_str(head);
        }
        out.push_str(phrase);
        rest = &rest[at + phrase.len()..];
    }
    out.push_str(rest);
    out
}

/// For a row whose post is generalised: replaces the scales (`schaal 12`, `scale 12`) and
/// the percentages (`50%`, `28,6%`) in a reason by `…`, since with the unit they point at
/// the function. The statute's threshold is the same for every function and stays where a
/// reason compares with it: a percentage after `drempel van ` or ` against ` that is spelt
/// as one of `threshold` (`30%`; one spelling per language). Linear in the text.
pub(crate) fn scrub_function_numbers(text: &str, threshold: &[String]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || ((bytes[end] == b',' || bytes[end] == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        let head = &text[..i];
        let scale = head.ends_with("schaal ") || head.ends_with("scale ");
        let percent = bytes.get(end) == Some(&b'%');
        let kept = percent
            && (head.ends_with("drempel van ") || head.ends_with(" against "))
            && threshold.iter().any(|t| text.get(i..=end) == Some(t.as_str()));
        if scale || (percent && !kept) {
            out.push_str(&text[copied..i]);
            out.push('…');
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Rewriting with nothing to replace, or scrubbing no dates, changes no text; a
        /// known key in backticks is always replaced, whatever surrounds it.
        #[test]
        fn rewriting_changes_only_what_it_knows(text in "\\PC{0,80}", key in "[a-z0-9-]{1,12}") {
            let empty = HashMap::default();
            prop_assert_eq!(rewrite_ticked(&text, &empty), text.clone());
            prop_assert_eq!(scrub_dates(&text, &std::collections::HashSet::new()), text.clone());
            let map: HashMap<String, String> = [(key.clone(), "X".to_owned())].into_iter().collect();
            let clean = text.replace('`', "");
            let out = rewrite_ticked(&format!("{clean} `{key}` {clean}"), &map);
            prop_assert_eq!(out, format!("{clean} `X` {clean}"));
        }

        /// A pseudonym is `mw-` and 12 lowercase hex digits, and the same for the same key.
        #[test]
        fn pseudonyms_have_one_shape(bytes in proptest::array::uniform32(any::<u8>()), person in "\\PC{0,20}") {
            let key = PseudonymKey::from_bytes(bytes);
            let p = key.pseudonym(&person);
            prop_assert_eq!(p.len(), 15);
            prop_assert!(p.starts_with("mw-"));
            prop_assert!(p[3..].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
            prop_assert_eq!(p, key.pseudonym(&person));
        }

        /// One pass from the left gives what replacing each band in turn gives, on texts
        /// made of the bands' own pieces, so that bands touch, overlap and nearly match.
        #[test]
        fn age_bands_are_scrubbed_as_one_band_after_another_would(
            pieces in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(AGE_BANDS.to_vec()).prop_map(str::to_owned),
                    proptest::sample::select(vec![
                        "1", "2", "3", "4", "5", "35", "45", "55", "–", "+", "–2", "–3", "–4", "5–", " ", "é", "…",
                    ])
                        .prop_map(str::to_owned),
                    "\\PC{0,3}",
                ],
                0..12,
            )
        ) {
            let text = pieces.concat();
            let in_turn = AGE_BANDS.iter().fold(text.clone(), |t, band| t.replace(band, "…"));
            prop_assert_eq!(scrub_age_bands(&text), in_turn);
        }
    }

    #[test]
    fn age_bands_touching_and_overlapping_are_scrubbed() {
        for (text, scrubbed) in [
            ("", ""),
            ("leeftijd 25–35, dienst 5 jaar", "leeftijd …, dienst 5 jaar"),
            ("15–25–35", "…–35"),
            ("45–55+", "…+"),
            ("15–255+", "…5+"),
            ("55+55+", "……"),
            ("1525–35 4", "15… 4"),
        ] {
            assert_eq!(scrub_age_bands(text), scrubbed, "{text}");
        }
    }

    #[test]
    fn a_key_file_is_made_once_with_its_owner_alone_reading_it() {
        let dir = std::env::temp_dir().join(format!("harkje-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(DEFAULT_KEY_FILE);
        let (made, created) = PseudonymKey::load_or_create(&path).unwrap();
        assert!(created);
        let (read, created) = PseudonymKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(made, read);
        assert_eq!(made.pseudonym("p1"), read.pseudonym("p1"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key\n").unwrap();
        let e = PseudonymKey::load_or_create(&path).unwrap_err().to_string();
        assert!(e.starts_with("key file `") && e.contains("64 hexadecimal digits"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_pseudonym_is_the_hmac_of_the_key() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" gives
        // 5bdcc146bf60754e6a042426089575c7...; a 32-byte key pads the same way.
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        assert_eq!(PseudonymKey::from_bytes(key).pseudonym("what do ya want for nothing?"), "mw-5bdcc146bf60");
        assert_eq!(format!("{:?}", PseudonymKey::from_bytes(key)), "PseudonymKey(…)");
    }

    #[test]
    fn service_bands_count_whole_years() {
        let d = jiff::civil::date;
        assert_eq!(service_band(d(2023, 1, 1), d(2024, 12, 31)), "0–2");
        assert_eq!(service_band(d(2022, 9, 1), d(2024, 9, 1)), "2–5");
        assert_eq!(service_band(d(2004, 9, 2), d(2024, 9, 1)), "10–20");
        assert_eq!(service_band(d(2004, 9, 1), d(2024, 9, 1)), "20+");
    }

    #[test]
    fn small_groups_list_every_combination_below_k_and_skip_suppressed_rows() {
        use super::super::disclosure::{Row, UnitTrees, protect};
        let row = |unit: &'static str, age: &'static str| Row {
            old_unit: Some(unit),
            old_function: Some("F"),
            new_post: None,
            age: Some(age),
            service: None,
            fte: None,
        };
        // Before disclosure control (k = 1 publishes everything) two rows stand out at k = 3.
        let rows = [row("a", "25–35"), row("a", "25–35"), row("a", "25–35"), row("b", "55+"), row("a", "55+")];
        let published = protect(&rows, &UnitTrees::default(), 1);
        let small = small_groups(&published, 3);
        let listed: Vec<(Vec<String>, usize)> = small.into_iter().map(|g| (g.fields, g.people)).collect();
        let fields = |u: &str, age: &str| vec![format!("{u} / F"), "—".into(), age.into(), "■".into(), "■".into()];
        assert_eq!(listed, [(fields("a", "55+"), 1), (fields("b", "55+"), 1)]);
        // After it at k = 3 nothing is left to list.
        assert!(small_groups(&protect(&rows, &UnitTrees::default(), 3), 3).is_empty());
    }

    #[test]
    fn scales_and_shares_are_scrubbed() {
        let none: &[String] = &[];
        assert_eq!(
            scrub_function_numbers("plaats `a/*`, schaal 12: 50% komt terug, 28,6% niet; 3 fte", none),
            "plaats `a/*`, schaal …: …% komt terug, …% niet; 3 fte"
        );
        assert_eq!(scrub_function_numbers("scale 9", none), "scale …");
        // The statute's threshold names no function; another figure in its place is scrubbed.
        let threshold = ["30%".to_owned()];
        assert_eq!(
            scrub_function_numbers("wijziging 20% tegen een drempel van 30%", &threshold),
            "wijziging …% tegen een drempel van 30%"
        );
        assert_eq!(scrub_function_numbers("(change 20% against 30%)", &threshold), "(change …% against 30%)");
        assert_eq!(scrub_function_numbers("(change 20% against 45%)", &threshold), "(change …% against …%)");
        assert_eq!(scrub_function_numbers("against 30.5%", &threshold), "against …%");
        assert_eq!(scrub_function_numbers("against 30%", none), "against …%");
    }

    #[test]
    fn years_of_service_are_scrubbed() {
        assert_eq!(
            scrub_service_years("traject of 24 months after 18 years of service (CAR-UWO)"),
            "traject of 24 months after … years of service (CAR-UWO)"
        );
        assert_eq!(scrub_service_years("1 year of service, less than 2"), "… year of service, less than 2");
        assert_eq!(scrub_service_years("years of service"), "years of service");
        assert_eq!(scrub_service_years("na 18 dienstjaren en 1 dienstjaar"), "na … dienstjaren en … dienstjaar");
    }

    #[test]
    fn known_dates_are_scrubbed_and_others_kept() {
        let dates = ["2015-09-01".to_owned()].into_iter().collect();
        assert_eq!(scrub_dates("since 2015-09-01; decided 2018-06-01", &dates), "since …; decided 2018-06-01");
        assert_eq!(scrub_dates("ë 2015-09-01", &dates), "ë …");
        assert_eq!(scrub_dates("2015-09-0", &dates), "2015-09-0");
        let day = jiff::civil::date(2015, 9, 1);
        let dates = day_forms(day).into_iter().collect();
        assert_eq!(
            scrub_dates("in dienst sinds 1 september 2015; 1 juli 2018", &dates),
            "in dienst sinds …; 1 juli 2018"
        );
        assert_eq!(scrub_dates("sinds 2015-09-01 (11 september 2015)", &dates), "sinds … (11 september 2015)");
    }

    #[test]
    fn ticked_keys_are_rewritten_and_the_rest_kept() {
        let map: HashMap<String, String> =
            [("p1".to_owned(), "mw-1".to_owned()), ("hoofd".to_owned(), "a / F".to_owned())].into_iter().collect();
        assert_eq!(rewrite_ticked("`p1` keeps `hoofd`, not `x`; `open", &map), "`mw-1` keeps `a / F`, not `x`; `open");
    }
}
