//! The natural order of keys: the one order every report, export and picture lists elements in.
//!
//! Keys that are whole numbers (`2`, `10`, as numbered exports have them) sort by value and
//! before every other key; the other keys sort by their bytes. So `"2" < "10" < "a" < "p10" <
//! "p9"`. Numbers inside a key, as in `p9`, are not compared by value: the order has to be a
//! total order that is cheap to compute for a million keys, and keys such as `p9` and `p10` are
//! rare in designs (they come from numbered exports, which number the whole key).

use std::cmp::Ordering;

/// A key with its natural order: whole numbers by value first, then other keys by their bytes.
///
/// The whole-number test is made once, in [`NaturalKey::new`], so sorting many keys with
/// `sort_by_cached_key(|k| NaturalKey::new(k))` parses each key once instead of at every
/// comparison. Two keys that are the same number written differently (`7` and `007`) are
/// ordered by their bytes, so the order is total and agrees with equality.
///
/// ```
/// use harkje::model::NaturalKey;
///
/// let mut keys = vec!["p9", "10", "a", "2", "p10", "007"];
/// keys.sort_by_cached_key(|k| NaturalKey::new(k));
/// assert_eq!(keys, ["2", "007", "10", "a", "p10", "p9"]);
/// assert!(NaturalKey::new("9") < NaturalKey::new("10"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NaturalKey<'a> {
    /// The key's value when it is a whole number that fits 64 bits.
    number: Option<u64>,
    key: &'a str,
}

impl<'a> NaturalKey<'a> {
    /// The natural sort key of `key`.
    pub fn new(key: &'a str) -> Self {
        NaturalKey { number: key.parse().ok(), key }
    }

    /// The key itself.
    pub fn as_str(&self) -> &'a str {
        self.key
    }
}

impl<'a> From<&'a str> for NaturalKey<'a> {
    fn from(key: &'a str) -> Self {
        NaturalKey::new(key)
    }
}

impl Ord for NaturalKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.number, other.number) {
            (Some(a), Some(b)) => a.cmp(&b).then_with(|| self.key.cmp(other.key)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => self.key.cmp(other.key),
        }
    }
}

impl PartialOrd for NaturalKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two keys in their natural order (see [`NaturalKey`]), for `sort_by`.
///
/// ```
/// let mut keys = vec!["p9", "10", "a", "2", "p10"];
/// keys.sort_by(|a, b| harkje::model::natural_cmp(a, b));
/// assert_eq!(keys, ["2", "10", "a", "p10", "p9"]);
/// ```
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    NaturalKey::new(a).cmp(&NaturalKey::new(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order written out: numbers by value, ties by bytes, then the rest by bytes.
    fn model(a: &str, b: &str) -> Ordering {
        match (a.parse::<u64>(), b.parse::<u64>()) {
            (Ok(x), Ok(y)) => (x, a).cmp(&(y, b)),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => a.cmp(b),
        }
    }

    #[test]
    fn orders_numbers_by_value_then_the_rest_by_bytes() {
        let mut keys = vec!["p9", "10", "a", "2", "p10", "", "02", "18446744073709551616", "b1", "007", "-1", "+3"];
        keys.sort_by(|a, b| natural_cmp(a, b));
        // `+3` parses as a number; `-1` and a number beyond 64 bits do not.
        assert_eq!(keys, ["02", "2", "+3", "007", "10", "", "-1", "18446744073709551616", "a", "b1", "p10", "p9"]);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_written_out_order_and_with_equality(a in "[0-9a-c]{0,4}", b in "[0-9a-c]{0,4}") {
            let (x, y) = (NaturalKey::new(&a), NaturalKey::new(&b));
            proptest::prop_assert_eq!(x.cmp(&y), model(&a, &b));
            proptest::prop_assert_eq!(x.cmp(&y) == Ordering::Equal, a == b);
            proptest::prop_assert_eq!(y.cmp(&x), x.cmp(&y).reverse());
        }
    }
}
