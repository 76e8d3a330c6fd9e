//! The one TOML reader: policies, statutes, the transition input and the HR
//! mapping all read their files through it.
//!
//! It checks that the bytes are UTF-8 (placing the first bad byte), parses
//! with serde, and turns the parser's messages into the house style: every
//! problem has its line, column and key, Rust type names become words
//! (`expected u8` becomes `expected a whole number`), and an unknown key
//! lists the accepted keys. A field read as `Located<Lenient<T>>` keeps a
//! value of the wrong type as a problem instead of stopping serde, so several
//! are reported at once. Values are then checked by the caller, which
//! places each problem through [`TomlDoc::at`] and reports numbers out of
//! range with their accepted range ([`TomlDoc::whole`]).

use std::fmt;
use std::ops::{Range, RangeInclusive};

use jiff::civil::Date;
use serde::Deserializer;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};

use super::{LineIndex, LoadError, Position, Problem, ProblemKind};

/// A value with the byte range it came from.
pub(crate) type Located<T> = toml::Spanned<T>;

/// A value that may be of the wrong type. Serde stops at the first value of
/// the wrong type; a field read as `Located<Lenient<T>>` lets the reader go
/// on, and [`TomlDoc::check`] reports it, with its key, after parsing.
#[derive(Clone, Debug)]
pub(crate) enum Lenient<T> {
    /// A value of the right type.
    Right(T),
    /// A value of the wrong type: what serde said, in the house style.
    Wrong(String),
}

impl<'de, T: DeserializeOwned> serde::Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = toml::Value::deserialize(d)?;
        Ok(match T::deserialize(value) {
            Ok(t) => Lenient::Right(t),
            Err(e) => Lenient::Wrong(humanise(e.message()).1),
        })
    }
}

/// A TOML text being read: its line index and the name of what it is.
pub(crate) struct TomlDoc<'a> {
    /// The text.
    pub text: &'a str,
    index: LineIndex<'a>,
    what: &'a str,
    /// The problems found so far.
    pub problems: Vec<Problem>,
}

impl<'a> TomlDoc<'a> {
    /// Checks that `bytes` are UTF-8 and indexes their lines.
    pub fn new(bytes: &'a [u8], what: &'a str) -> Result<Self, LoadError> {
        let index = LineIndex::new(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(TomlDoc { text, index, what, problems: Vec::new() }),
            Err(e) => {
                let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
                let p = Problem::at(
                    "",
                    index.position(e.valid_up_to()),
                    format!("the file is not valid UTF-8: byte 0x{bad:02x} cannot start or continue a character"),
                )
                .kind(ProblemKind::Syntax);
                Err(LoadError::about(what, vec![p]).named(what))
            }
        }
    }

    /// Parses the text into `T`. A syntax or type error is one located problem.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, LoadError> {
        toml::from_str(self.text).map_err(|e| {
            let pos = e.span().map(|s| self.position(s.start)).unwrap_or_default();
            let (kind, message) = humanise(e.message());
            // A value of the wrong type: name its key, as the checks after parsing do.
            let path = match kind {
                ProblemKind::WrongType | ProblemKind::OutOfRange => {
                    e.span().and_then(|s| self.path_at(s.start)).unwrap_or_default()
                }
                _ => String::new(),
            };
            self.error(vec![Problem::at(path, pos, message).kind(kind)])
        })
    }

    /// The path (`/mapping/0/overlap`) of the value that starts at `offset`,
    /// if the text parses as TOML. One walk over the document, with a stack.
    fn path_at(&self, offset: usize) -> Option<String> {
        use toml::de::DeValue;
        let doc = toml::de::DeTable::parse(self.text).ok()?;
        let mut stack: Vec<(String, &DeValue<'_>)> = Vec::new();
        if let Some(found) = push_table(&mut stack, "", doc.get_ref(), offset) {
            return Some(found);
        }
        while let Some((path, value)) = stack.pop() {
            match value {
                DeValue::Table(t) => {
                    if let Some(found) = push_table(&mut stack, &path, t, offset) {
                        return Some(found);
                    }
                }
                DeValue::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        if v.span().start == offset && !matches!(v.get_ref(), DeValue::Table(_) | DeValue::Array(_)) {
                            return Some(format!("{path}/{i}"));
                        }
                        stack.push((format!("{path}/{i}"), v.get_ref()));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.index.position(offset)
    }

    /// The value of a [`Lenient`] field, or the problem of its wrong type at its place.
    pub fn check<T: Clone>(&self, v: &Located<Lenient<T>>, path: &str) -> Result<Located<T>, Problem> {
        match v.get_ref() {
            Lenient::Right(t) => Ok(Located::new(v.span(), t.clone())),
            Lenient::Wrong(message) => Err(self.at(v, path, ProblemKind::WrongType, message.clone())),
        }
    }

    /// The value of a [`Lenient`] field, or `None` with its problem added.
    pub fn take<T: Clone>(&mut self, v: &Located<Lenient<T>>, path: &str) -> Option<Located<T>> {
        self.check(v, path).map_err(|p| self.problems.push(p)).ok()
    }

    /// A problem at a located value.
    pub fn at<T>(&self, at: &Located<T>, path: &str, kind: ProblemKind, message: String) -> Problem {
        Problem::at(path, self.position(at.span().start), message).kind(kind)
    }

    /// Adds a problem at a located value.
    pub fn push<T>(&mut self, at: &Located<T>, path: &str, kind: ProblemKind, message: String) {
        let p = self.at(at, path, kind, message);
        self.problems.push(p);
    }

    /// A whole number in `range`, or a problem naming `key` and the range.
    pub fn whole<T: TryFrom<i64>>(
        &mut self,
        v: &Located<i64>,
        path: &str,
        key: &str,
        range: RangeInclusive<i64>,
        unit: &str,
    ) -> Option<T> {
        let n = *v.get_ref();
        if range.contains(&n)
            && let Ok(t) = T::try_from(n)
        {
            return Some(t);
        }
        let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
        self.push(
            v,
            path,
            ProblemKind::OutOfRange,
            format!("`{key}` is {n}, but it must be a whole number from {} to {}{unit}", range.start(), range.end()),
        );
        None
    }

    /// The error for `problems`, named after what was read (the CLI renames it to the file).
    pub fn error(&self, problems: Vec<Problem>) -> LoadError {
        LoadError::about(self.what, problems).named(self.what)
    }

    /// Every problem found so far as an error.
    pub fn into_error(self) -> LoadError {
        LoadError::about(self.what, self.problems).named(self.what)
    }

    /// `Ok(value)` when no problem was found, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, LoadError> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(LoadError::about(self.what, self.problems).named(self.what))
        }
    }

    /// The byte range of the value at a dotted path of keys, if the text parses.
    pub fn span_of(&self, keys: &[&str]) -> Option<Range<usize>> {
        let doc = toml::de::DeTable::parse(self.text).ok()?;
        let mut span = doc.span();
        let mut table = doc.get_ref();
        let mut rest = keys;
        while let Some((first, tail)) = rest.split_first() {
            let (_, value) = table.iter().find(|(k, _)| k.get_ref() == first)?;
            span = value.span();
            rest = tail;
            match value.get_ref() {
                toml::de::DeValue::Table(t) => table = t,
                _ if rest.is_empty() => {}
                _ => return None,
            }
        }
        Some(span)
    }
}

/// Pushes the values of a table for [`TomlDoc::path_at`]'s walk, or gives the
/// path of the scalar among them that starts at `offset`.
fn push_table<'d, 'i>(
    stack: &mut Vec<(String, &'d toml::de::DeValue<'i>)>,
    path: &str,
    t: &'d toml::de::DeTable<'i>,
    offset: usize,
) -> Option<String> {
    use toml::de::DeValue;
    for (k, v) in t.iter() {
        if v.span().start == offset && !matches!(v.get_ref(), DeValue::Table(_) | DeValue::Array(_)) {
            return Some(format!("{path}/{}", k.get_ref()));
        }
        stack.push((format!("{path}/{}", k.get_ref()), v.get_ref()));
    }
    None
}

/// The parser's message in the house style, and its kind: lowercase, no
/// final period, no Rust type names, user input in backticks.
pub(crate) fn humanise(message: &str) -> (ProblemKind, String) {
    let mut s = super::serde_words(message);
    let kind = if s.starts_with("unknown field") || s.starts_with("unknown variant") {
        ProblemKind::UnknownKey
    } else if s.starts_with("missing field") {
        ProblemKind::Missing
    } else if s.starts_with("invalid type") {
        ProblemKind::WrongType
    } else if s.starts_with("invalid value") {
        ProblemKind::OutOfRange
    } else if s.contains("date like") {
        // From the date reader below.
        ProblemKind::WrongType
    } else {
        s.insert_str(0, "invalid TOML: ");
        ProblemKind::Syntax
    };
    (kind, s)
}

/// Deserialises a date written as a TOML date (`2018-06-01`) or a string
/// (`"2018-06-01"`). Anything else is refused with the form of a date.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    d.deserialize_option(OptionalDate)
}

struct OptionalDate;

impl<'de> Visitor<'de> for OptionalDate {
    type Value = Option<Date>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date like 2018-06-01")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(DateVisitor).map(Some)
    }
}

struct DateVisitor;

fn plain_date<E: de::Error>(text: &str) -> Result<Date, E> {
    crate::model::parse_day(text).map_err(|e| match e {
        crate::model::DayError::Time(_) => E::custom(e),
        crate::model::DayError::Invalid(_) => E::custom(format!("`{text}` is not a date like 2018-06-01")),
    })
}

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date like 2018-06-01")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        plain_date(v)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        // toml hands a date-time over as a map with one private key.
        let Some((_, text)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom("expected a date like 2018-06-01, found a table"));
        };
        match text.parse::<toml::value::Datetime>() {
            Ok(t) if t.time.is_none() && t.offset.is_none() => plain_date(&text),
            _ => Err(de::Error::custom(format!("`{text}` is not a plain date like 2018-06-01 (leave out the time)"))),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
        Err(E::custom(format!("expected a date like 2018-06-01, found the number {v}")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Date, E> {
        Err(E::custom(format!("expected a date like 2018-06-01, found the number {v}")))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Date, E> {
        Err(E::custom(format!("expected a date like 2018-06-01, found `{v}`")))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Date, A::Error> {
        Err(de::Error::custom("expected a date like 2018-06-01, found a list"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_type_names_become_words() {
        let (kind, m) = humanise("invalid type: string \"x\", expected u8");
        assert_eq!(kind, ProblemKind::WrongType);
        assert_eq!(m, "invalid type: string `x`, expected a whole number");
        assert_eq!(
            humanise("Invalid type: integer `3`, expected struct FileV1.").1,
            "invalid type: whole number `3`, expected a table"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct File {
            mapping: Vec<Mapping>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Mapping {
            overlap: f64,
        }
        let doc = TomlDoc::new(b"[[mapping]]\noverlap = 0.5\n[[mapping]]\noverlap = \"veel\"\n", "input").ok();
        let e = doc.map(|d| d.parse::<File>().map(|_| ()).map_err(|e| e.to_string()));
        assert_eq!(
            e,
            Some(Err(
                "input has 1 problem\n  input:4:11: /mapping/1/overlap: invalid type: string `veel`, expected a number"
                    .to_owned()
            ))
        );
    }

    #[test]
    fn non_utf8_text_is_placed() {
        let e = TomlDoc::new(b"a = 1\nb = \"\xff\"\n", "the statute").err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "the statute has 1 problem\n  the statute:2:6: the file is not valid UTF-8: byte 0xff cannot start or continue a character"
            )
        );
    }

    #[test]
    fn spans_are_found_by_key() {
        let doc = TomlDoc::new(b"[rules.span-too-wide]\nmax = 3\n", "policy").ok();
        let span = doc.as_ref().and_then(|d| d.span_of(&["rules", "span-too-wide", "max"]));
        assert_eq!(span.map(|s| doc.map(|d| d.position(s.start))), Some(Some(Position { line: 2, column: 7 })));
    }
}
