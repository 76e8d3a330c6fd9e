//! A short string held inline: a post's key, title and role.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string of up to 24 bytes held inline, longer ones on the heap: the
/// key, title and role of a [`Post`](crate::Post).
///
/// It is 24 bytes, as a `String` is, but keys, titles and roles are nearly
/// always short, so a design of a million posts makes no heap allocation
/// for them (a `String` needs a block of its own for each, 32 bytes with the
/// usual allocators). It reads as a `str` (`&*post.key`, `&post.key[..]`,
/// any `str` method), compares, orders and hashes as its text, converts from
/// `&str` and `String`, and is written and read as a plain JSON string.
///
/// ```
/// use harkje::{Post, Text};
///
/// let p = Post::new("gs", "Gemeentesecretaris", "gemeentesecretaris");
/// assert_eq!(p.key, "gs");
/// assert!(p.title.starts_with("Gemeente"));
/// let key: String = p.key.to_string();
/// assert_eq!(Text::from(key), p.key);
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(CompactString);

impl Text {
    /// A new text.
    pub fn new(s: impl AsRef<str>) -> Self {
        Text(CompactString::new(s))
    }

    /// The text as a `str`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Whether the text is held inline, without a heap allocation.
    pub fn is_inline(&self) -> bool {
        !self.0.is_heap_allocated()
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(CompactString::new(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text(CompactString::new(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(CompactString::from(s))
    }
}

impl From<&Text> for Text {
    fn from(s: &Text) -> Self {
        s.clone()
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0.into_string()
    }
}

impl From<&Text> for String {
    fn from(t: &Text) -> Self {
        t.as_str().to_owned()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        CompactString::deserialize(d).map(Text)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    #[test]
    fn behaves_as_its_text() {
        let short = Text::from("team-klantenservice");
        let long = Text::from("x".repeat(40));
        assert!(short.is_inline() && !long.is_inline());
        assert_eq!(std::mem::size_of::<Text>(), std::mem::size_of::<String>());
        assert_eq!(short, "team-klantenservice");
        assert_eq!("team-klantenservice", short);
        assert_eq!(short, String::from("team-klantenservice"));
        assert_eq!(&short[..4], "team");
        assert_eq!(format!("{short} {short:?}"), "team-klantenservice \"team-klantenservice\"");
        assert_eq!(String::from(long.clone()), "x".repeat(40));
        // Ordered and hashed as the text, so maps keyed by it find a `&str`.
        let mut words = vec![Text::from("b"), Text::from("a"), Text::from("ab")];
        words.sort();
        assert_eq!(words, ["a", "ab", "b"]);
        assert!(words.iter().cloned().collect::<HashSet<_>>().contains("ab"));
        assert!(words.into_iter().collect::<BTreeSet<_>>().contains("ab"));
        // A plain JSON string.
        assert_eq!(serde_json::to_string(&short).ok().as_deref(), Some("\"team-klantenservice\""));
        assert_eq!(serde_json::from_str::<Text>("\"a\\u00e9\"").ok(), Some(Text::from("aé")));
    }
}
