//! "Did you mean …?": the nearest known name to a misspelt one.
//!
//! One helper for every message that reports an unknown name (a role, a rule, a preset),
//! so that `hooft` gets "did you mean `hoofd`?" wherever it is misspelt.

/// The known name nearest to `wrong` by edit distance, when it is near enough to be
/// the one meant: at most one edit for names of up to four characters, two up to eight,
/// three beyond. Ties go to the first in `known`.
///
/// O(k · n · m) for k names of length m and a wrong name of length n; names are short.
pub fn nearest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let n = wrong_lower.chars().count();
    let limit = match n {
        0 => return None,
        1..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &'a str)> = None;
    for k in known {
        let d = distance(&wrong_lower, &k.to_lowercase());
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// `; did you mean `NAME`?` for the nearest known name, or nothing. Made to end a
/// message such as ``there is no role `hooft` ``.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    nearest(wrong, known).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default()
}

/// The Levenshtein distance (insertions, deletions, substitutions) between two strings,
/// by characters, in O(n · m) time and O(m) space.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("hooft", "hoofd"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn the_nearest_name_near_enough() {
        let known = ["hoofd", "teamleider", "medewerker"];
        assert_eq!(nearest("hooft", known), Some("hoofd"));
        assert_eq!(nearest("Teamleidr", known), Some("teamleider"));
        assert_eq!(nearest("wethouder", known), None);
        assert_eq!(did_you_mean("hooft", known), "; did you mean `hoofd`?");
        assert_eq!(did_you_mean("xyz", known), "");
    }
}
