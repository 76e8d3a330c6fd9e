//! A post read straight from the text when it has the plain shape that
//! nearly every post of a design file has, and serde's reading otherwise.
//!
//! A plain post is an object whose members are among the post's fields,
//! each given once, with values that need no conversion to be sure of:
//! strings without escapes, numbers without a sign or an exponent,
//! `true` and `false`. Anything else (a dated list, `null`, a date, an
//! accountability, an escape, a field that is not a post's, a field given
//! twice, a number serde could read differently) makes [`plain_post`]
//! answer `None`, and the post is read by serde as before. So the two ways
//! accept the same posts and give the same values; the tests compare them
//! post by post.

use std::borrow::Cow;

use super::{PostIn, Str, default_role_in, one_timeline_in};
use crate::format::v1::Timeline;

/// The post at `at` and the place just after its `}`, when it is plain;
/// `None` when it is not (it may still be a good post).
pub(super) fn plain_post(text: &str, at: usize) -> Option<(PostIn<'_>, usize)> {
    let mut r = Cursor { text, at };
    r.expect(b'{')?;
    let mut post = Fields::default();
    loop {
        r.skip_ws();
        let name = r.string()?;
        r.skip_ws();
        r.expect(b':')?;
        r.skip_ws();
        post.member(name, &mut r)?;
        r.skip_ws();
        match r.next()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    Some((post.into_post()?, r.at))
}

/// The fields of a post as they are read, and which were given.
#[derive(Default)]
struct Fields<'a> {
    given: u16,
    key: Option<&'a str>,
    title: Option<&'a str>,
    role: Option<&'a str>,
    function: Option<&'a str>,
    unit: Option<&'a str>,
    reports_to: Option<&'a str>,
    fte: Option<f64>,
    salary: Option<f64>,
    scale: Option<u8>,
    temporary: bool,
    independent: bool,
}

impl<'a> Fields<'a> {
    /// Reads the value of the member `name`; `None` when the name is not
    /// a plain field, was given before, or its value is not plain.
    fn member(&mut self, name: &str, r: &mut Cursor<'a>) -> Option<()> {
        let (bit, slot) = match name {
            "key" => (0, Slot::Str(&mut self.key)),
            "title" => (1, Slot::Str(&mut self.title)),
            "role" => (2, Slot::Str(&mut self.role)),
            "function" => (3, Slot::Str(&mut self.function)),
            "unit" => (4, Slot::Str(&mut self.unit)),
            "reports_to" => (5, Slot::Str(&mut self.reports_to)),
            "fte" => (6, Slot::Number(&mut self.fte)),
            "salary" => (7, Slot::Number(&mut self.salary)),
            "scale" => (8, Slot::Scale(&mut self.scale)),
            "temporary" => (9, Slot::Bool(&mut self.temporary)),
            "independent" => (10, Slot::Bool(&mut self.independent)),
            _ => return None,
        };
        if self.given & (1 << bit) != 0 {
            return None;
        }
        self.given |= 1 << bit;
        match slot {
            Slot::Str(s) => *s = Some(r.string()?),
            Slot::Number(n) => *n = Some(r.number()?),
            Slot::Scale(s) => *s = Some(r.small_integer()?),
            Slot::Bool(b) => *b = r.boolean()?,
        }
        Some(())
    }

    /// The post as serde reads it, with the same defaults; `None` without
    /// a key or a title.
    fn into_post(self) -> Option<PostIn<'a>> {
        Some(PostIn {
            key: Str(Cow::Borrowed(self.key?)),
            title: Str(Cow::Borrowed(self.title?)),
            role: match self.role {
                Some(role) => Str(Cow::Borrowed(role)),
                None => default_role_in(),
            },
            function: self.function.map(plain),
            fte: self.fte.map_or_else(one_timeline_in, Timeline::Plain),
            scale: self.scale.map(Timeline::Plain),
            salary: self.salary.map(Timeline::Plain),
            unit: self.unit.map(plain),
            reports_to: self.reports_to.map(plain),
            accountable_to: None,
            temporary: self.temporary,
            independent: self.independent,
            from: None,
            until: None,
        })
    }
}

/// A plain string value, borrowed.
fn plain<D>(s: &str) -> Timeline<Str<'_>, D> {
    Timeline::Plain(Str(Cow::Borrowed(s)))
}

/// Where a member's value goes.
enum Slot<'f, 'a> {
    Str(&'f mut Option<&'a str>),
    Number(&'f mut Option<f64>),
    Scale(&'f mut Option<u8>),
    Bool(&'f mut bool),
}

/// 10^0 to 10^15, each held exactly by an `f64`.
const POWERS_OF_TEN: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The text and the place being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The byte at the place, stepped over.
    fn next(&mut self) -> Option<u8> {
        let b = *self.bytes().get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    /// Steps over JSON's whitespace: space, tab, line feed, carriage return.
    fn skip_ws(&mut self) {
        while matches!(self.bytes().get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// A string without escapes or control characters, borrowed from the
    /// text (a slice between two quotes of a `str` is itself one).
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        // One pass over the bytes: keys and titles are short, and a search
        // for the quote followed by a look for escapes would read them twice.
        let rest = self.bytes().get(start..)?;
        let len = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    /// The digits at the place, stepped over: `None` when there are none.
    fn digits(&mut self) -> Option<&'a str> {
        let start = self.at;
        while self.bytes().get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        (self.at > start).then(|| self.text.get(start..self.at)).flatten()
    }

    /// A number without sign or exponent, as JSON writes it (no leading
    /// zero but in `0` itself), of at most 15 digits in all: its digits as
    /// an integer over a power of ten up to 10^15, both held exactly by an
    /// `f64`, so that one division rounds it correctly (Clinger's fast
    /// path), as serde's exact reading rounds it. A sign, an exponent or
    /// more digits leave the number to serde.
    fn number(&mut self) -> Option<f64> {
        let whole = self.digits()?;
        if whole.len() > 1 && whole.starts_with('0') {
            return None;
        }
        let fraction = if self.bytes().get(self.at) == Some(&b'.') {
            self.at += 1;
            self.digits()?
        } else {
            ""
        };
        if whole.len() + fraction.len() > 15 || matches!(self.bytes().get(self.at), Some(b'e' | b'E' | b'-' | b'+')) {
            return None;
        }
        let mantissa = whole.bytes().chain(fraction.bytes()).fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
        Some(mantissa as f64 / POWERS_OF_TEN[fraction.len()])
    }

    /// An integer of 0 to 255 written plainly, as a salary scale.
    fn small_integer(&mut self) -> Option<u8> {
        let digits = self.digits()?;
        if (digits.len() > 1 && digits.starts_with('0'))
            || matches!(self.bytes().get(self.at), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        digits.parse().ok()
    }

    /// `true` or `false`.
    fn boolean(&mut self) -> Option<bool> {
        let rest = self.bytes().get(self.at..)?;
        let (v, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.at += len;
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's reading of the post at the start of `text`, and where it ends.
    fn by_serde(text: &str) -> Option<(PostIn<'_>, usize)> {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<PostIn<'_>>();
        let post = stream.next()?.ok()?;
        Some((post, stream.byte_offset()))
    }

    /// Every post the plain reading takes, serde takes the same, to the
    /// same place; the ones it leaves, it must leave.
    fn agrees(text: &str, plain: bool) {
        let fast = plain_post(text, 0);
        assert_eq!(fast.is_some(), plain, "plain reading of {text}");
        if let Some(fast) = fast {
            assert_eq!(Some(fast), by_serde(text), "{text}");
        }
    }

    #[test]
    fn plain_posts_are_read_as_serde_reads_them() {
        for text in [
            r#"{"key": "p1", "title": "Adviseur"}"#,
            r#"{"key":"p1","title":"Adviseur","role":"manager","unit":"e1","reports_to":"h1"} , {"#,
            "{\n  \"key\": \"p1\",\r\n\t\"title\": \"Ad\u{e9}viseur \u{1F600}\", \"fte\": 0.8, \"salary\": 4567.25, \"scale\": 11}",
            r#"{"title": "T", "key": "k", "fte": 1, "salary": 0, "scale": 0, "temporary": true, "independent": false}"#,
            r#"{"key": "k", "title": "", "function": "f", "fte": 0.10000000000001}"#,
            r#"{"key": "k", "title": "t", "salary": 123456789012345}"#,
            r#"{"key": "k", "title": "t", "fte": 99999999999999.9}"#,
            r#"{"key": "k", "title": "t", "scale": 255}"#,
        ] {
            agrees(text, true);
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        for text in [
            // Not plain, but good posts.
            r#"{"key": "p\u0031", "title": "t"}"#,
            r#"{"key": "p1", "title": "t", "fte": 5e-1}"#,
            r#"{"key": "p1", "title": "t", "unit": null}"#,
            r#"{"key": "p1", "title": "t", "from": "2024-01-01"}"#,
            r#"{"key": "p1", "title": "t", "reports_to": [{"post": "h", "from": "2024-01-01"}]}"#,
            r#"{"key": "p1", "title": "t", "accountable_to": {"unit": "e1"}}"#,
            r#"{"key": "p1", "title": "t", "salary": 1234567890123456}"#,
            r#"{"key": "p1", "title": "t", "salary": 1234567.89012345678}"#,
            r#"{"key": "p1", "title": "t", "fte": 0.1000000000000000055511151231257827}"#,
            r#"{"key": "p1", "title": "t", "fte": -0}"#,
            // Posts serde turns down.
            r#"{"key": "p1", "title": "t", "fte": 01}"#,
            r#"{"key": "p1", "title": "t", "fte": 1.}"#,
            r#"{"key": "p1", "title": "t", "fte": .5}"#,
            r#"{"key": "p1", "title": "t", "fte": 1e400}"#,
            r#"{"key": "p1", "title": "t", "scale": 256}"#,
            r#"{"key": "p1", "title": "t", "scale": 1.0}"#,
            r#"{"key": "p1", "title": "t", "scale": 07}"#,
            r#"{"key": "p1", "title": "t", "temporary": truex}"#,
            r#"{"key": "p1", "title": "t", "key": "p2"}"#,
            r#"{"key": "p1", "title": "t", "colour": "red"}"#,
            r#"{"key": "p1"}"#,
            r#"{"key": "p1", "title": "t",}"#,
            r#"{"key": "p1", "title": "t" "unit": "e"}"#,
            "{\"key\": \"p\u{1}\", \"title\": \"t\"}",
            r#"{}"#,
            r#"{"key": "p1", "title": "t""#,
            r#"["key"]"#,
        ] {
            agrees(text, false);
        }
    }

    /// The bits of a plain number (0 for a dated one, which neither reading gives here).
    fn bits<D>(t: &Timeline<f64, D>) -> u64 {
        match t {
            Timeline::Plain(v) => v.to_bits(),
            Timeline::Dated(_) => 0,
        }
    }

    const NAMES: [&str; 16] = [
        "key",
        "key",
        "title",
        "title",
        "role",
        "function",
        "unit",
        "reports_to",
        "fte",
        "salary",
        "scale",
        "temporary",
        "independent",
        "from",
        "colour",
        "k\\u0065y",
    ];
    const VALUES: [&str; 20] = [
        "\"p1\"",
        "\"Beleidsmedewerker\"",
        "\"\"",
        "\"e\\u0031\"",
        "0.8",
        "1",
        "12",
        "255",
        "256",
        "-1",
        "0",
        "01",
        "4500.50",
        "1e3",
        "true",
        "false",
        "null",
        "[]",
        "{\"unit\": \"e1\"}",
        "\"2024-01-01\"",
    ];
    const SPACES: [&str; 4] = ["", " ", "\n      ", "\t\r\n"];
    const TAILS: [&str; 5] = ["}", " }", "\n    }", ",}", ""];

    /// Whether a name and a value from the lists make a plain member.
    fn plain_pair(name: usize, value: usize) -> bool {
        let v = VALUES[value];
        match NAMES[name] {
            "key" | "title" | "role" | "function" | "unit" | "reports_to" => v.starts_with('"') && !v.contains('\\'),
            "fte" | "salary" => matches!(v, "0.8" | "1" | "12" | "255" | "256" | "0" | "4500.50"),
            "scale" => matches!(v, "1" | "12" | "255" | "0"),
            "temporary" | "independent" => matches!(v, "true" | "false"),
            _ => false,
        }
    }

    /// Whether a name is given twice, or is the key or the title given first.
    fn has_repeat(members: &[(usize, usize, usize)]) -> bool {
        let mut seen = vec!["key", "title"];
        members.iter().any(|(n, _, _)| {
            let name = NAMES[*n];
            let again = seen.contains(&name);
            seen.push(name);
            again
        })
    }

    /// Decimals of up to 15 digits, as salaries and FTE are written, read
    /// by the fast path to the bits that Rust's exact parser gives.
    #[test]
    fn short_decimals_are_rounded_exactly() {
        // A hundred thousand integers of 1 to 15 digits, from a fixed
        // linear congruential sequence, each with its point at every place.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..100_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let m = (x >> 4) % 10u64.pow(1 + (x >> 60) as u32 % 15);
            let digits = m.to_string();
            for point in 0..=digits.len().min(14) {
                let (whole, fraction) = digits.split_at(digits.len() - point);
                let n = if point == 0 {
                    digits.clone()
                } else {
                    format!("{}.{fraction}", if whole.is_empty() { "0" } else { whole })
                };
                let mut r = Cursor { text: &n, at: 0 };
                let fast = r.number().expect("a plain number");
                assert_eq!(fast.to_bits(), n.parse::<f64>().expect("a number").to_bits(), "{n}");
            }
        }
    }

    proptest::proptest! {
        /// Numbers of every shape: taken only when serde reads them to the
        /// same bits.
        #[test]
        fn numbers_agree_with_serde(whole in "(0|[1-9][0-9]{0,20})", frac in proptest::option::of("[0-9]{1,25}")) {
            let n = frac.map_or(whole.clone(), |f| format!("{whole}.{f}"));
            let text = format!(r#"{{"key": "k", "title": "t", "salary": {n}, "fte": {n}}}"#);
            if let Some((fast, end)) = plain_post(&text, 0) {
                let (slow, slow_end) = by_serde(&text).expect("serde reads a plain post");
                proptest::prop_assert_eq!(end, slow_end);
                proptest::prop_assert_eq!(bits(&fast.fte), bits(&slow.fte));
                proptest::prop_assert_eq!(fast.salary.as_ref().map(bits), slow.salary.as_ref().map(bits));
            }
        }

        /// Posts put together from fields and values of every kind, good
        /// and bad, with any whitespace: whatever is taken is what serde
        /// takes, to the same place.
        #[test]
        fn built_posts_are_taken_only_as_serde_takes_them(
            members in proptest::collection::vec((0..NAMES.len(), 0..VALUES.len(), 0..SPACES.len()), 0..8),
            tail in 0..TAILS.len(),
        ) {
            // A key and a title, which a post must have, and more members.
            let mut text = String::from(r#"{"key": "p0", "title": "Adviseur""#);
            for (name, value, space) in &members {
                text.push(',');
                text.push_str(SPACES[*space]);
                text.push_str(&format!("\"{}\"{}:{}", NAMES[*name], SPACES[*space], VALUES[*value]));
            }
            text.push_str(TAILS[tail]);
            match plain_post(&text, 0) {
                Some(fast) => proptest::prop_assert_eq!(Some(fast), by_serde(&text), "{}", text),
                // The members that any plain post may have are always taken.
                None => proptest::prop_assert!(
                    TAILS[tail] != "}" || members.iter().any(|(n, v, _)| !plain_pair(*n, *v)) || has_repeat(&members),
                    "{}", text
                ),
            }
        }

        /// Any text at all: never a panic, and whatever is taken is what
        /// serde takes (random text seldom holds both a key and a title, so
        /// this mostly shows that nothing panics; the built posts above
        /// compare the two readings).
        #[test]
        fn any_text_is_taken_only_as_serde_takes_it(text in r#"\{[ "a-z0-9:,.{}\[\]\\-]{0,60}\}?"#) {
            if let Some(fast) = plain_post(&text, 0) {
                proptest::prop_assert_eq!(Some(fast), by_serde(&text));
            }
        }
    }
}
