//! Positions in JSON text.
//!
//! serde_json tells where a syntax error is, but a parsed value no longer
//! knows where it came from. This scanner walks valid JSON text once, without
//! recursion, and finds the line and column of the values at given JSON
//! pointers. It also finds member names that occur twice in one object, which
//! a parsed value would silently collapse to the last one.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

pub(crate) use crate::problem::Position;

/// The member names seen so far in one object: a short list searched in
/// order (most objects have a handful of members), a set past that, so
/// that an object with many members stays linear.
enum Seen<'a> {
    Few(Vec<Cow<'a, str>>),
    Many(HashSet<Cow<'a, str>>),
}

/// Past this many members an object's names go into a set.
const FEW: usize = 16;

impl<'a> Seen<'a> {
    /// Adds a name; false when it was there already.
    fn insert(&mut self, name: Cow<'a, str>) -> bool {
        match self {
            Seen::Few(list) => {
                if list.contains(&name) {
                    return false;
                }
                if list.len() < FEW {
                    list.push(name);
                } else {
                    let mut set: HashSet<Cow<'a, str>> = list.drain(..).collect();
                    set.insert(name);
                    *self = Seen::Many(set);
                }
                true
            }
            Seen::Many(set) => set.insert(name),
        }
    }
}

enum Frame<'a> {
    Object { key: Option<Cow<'a, str>>, key_pending: bool, seen: Seen<'a> },
    Array { index: usize, started: bool },
}

/// What a scan found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The position of each wanted pointer that was found.
    pub found: HashMap<String, Position>,
    /// Member names that occur twice: the pointer of the second one, and where it is.
    pub duplicates: Vec<(String, Position)>,
}

/// Scans valid JSON text. `wanted` lists JSON pointers (like `/posts/3/fte`)
/// whose value positions to report; duplicates are always reported.
///
/// Member names are borrowed from the text (copied only when they hold an
/// escape), and pointers are built only for a wanted list or a duplicate,
/// so that a scan of a file with nothing wrong allocates little.
pub(crate) fn scan(text: &str, wanted: &[String]) -> Scan {
    let want: HashSet<&str> = wanted.iter().map(String::as_str).collect();
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let pointer = |stack: &[Frame<'_>]| {
        let mut s = String::new();
        for f in stack {
            s.push('/');
            match f {
                Frame::Object { key, .. } => s.push_str(&escape(key.as_deref().unwrap_or(""))),
                Frame::Array { index, .. } => s.push_str(&index.to_string()),
            }
        }
        s
    };
    // Called where a value starts: records it when wanted.
    let record = |stack: &mut Vec<Frame<'_>>, out: &mut Scan, pos: Position| {
        if let Some(Frame::Array { started, .. }) = stack.last_mut() {
            *started = true;
        }
        if !want.is_empty() {
            let p = pointer(stack);
            if want.contains(p.as_str()) {
                out.found.entry(p).or_insert(pos);
            }
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        let pos = Position { line, column: col };
        match b {
            b'\n' => {
                line += 1;
                col = 1;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' | b':' => {}
            b'{' => {
                record(&mut stack, &mut out, pos);
                stack.push(Frame::Object { key: None, key_pending: true, seen: Seen::Few(Vec::new()) });
            }
            b'[' => {
                record(&mut stack, &mut out, pos);
                stack.push(Frame::Array { index: 0, started: false });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index, .. }) => *index += 1,
                Some(Frame::Object { key_pending, .. }) => *key_pending = true,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                let mut escaped = false;
                let mut ascii = true;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => {
                            escaped = true;
                            i += 2;
                            continue;
                        }
                        b'"' => break,
                        c => {
                            ascii &= c.is_ascii();
                            i += 1;
                        }
                    }
                }
                let end = (i + 1).min(bytes.len());
                let raw = text.get(start..end).unwrap_or("");
                let is_key = matches!(stack.last(), Some(Frame::Object { key_pending: true, .. }));
                if is_key {
                    let name: Cow<'_, str> = if escaped {
                        Cow::Owned(serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_owned()))
                    } else {
                        Cow::Borrowed(raw.trim_matches('"'))
                    };
                    let mut dup = false;
                    if let Some(Frame::Object { key, key_pending, seen }) = stack.last_mut() {
                        dup = !seen.insert(name.clone());
                        *key = Some(name);
                        *key_pending = false;
                    }
                    if dup {
                        out.duplicates.push((pointer(&stack), pos));
                    }
                } else {
                    record(&mut stack, &mut out, pos);
                }
                col += if ascii { raw.len() } else { raw.chars().count() };
                i = end;
                continue;
            }
            _ => {
                // A number, true, false or null: a value up to the next delimiter.
                record(&mut stack, &mut out, pos);
                while i < bytes.len() && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\n' | b'\t' | b'\r') {
                    i += 1;
                    col += 1;
                }
                continue;
            }
        }
        i += 1;
        col += 1;
    }
    out
}

/// Escapes a member name for a JSON pointer (RFC 6901).
pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_positions_and_duplicates() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": 2,\n  \"c\": 3\n}";
        let s = scan(text, &["/a/1/b".to_owned(), "/a/0".to_owned(), "/c".to_owned()]);
        assert_eq!(s.found["/a/0"], Position { line: 2, column: 9 });
        assert_eq!(s.found["/a/1/b"], Position { line: 2, column: 18 });
        assert_eq!(s.found["/c"], Position { line: 3, column: 8 });
        assert_eq!(s.duplicates, vec![("/c".to_owned(), Position { line: 4, column: 3 })]);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let text = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        let s = scan(&text, &[]);
        assert!(s.duplicates.is_empty());
    }
}
