//! The places of the posts in a design file's text, found without reading
//! them, so that two threads can each read half of them.
//!
//! [`post_spans`] walks the top-level object of the text, skipping every
//! value but the `posts` list, and returns where each of that list's elements
//! starts and ends. It only tells the bytes apart (strings, brackets and the
//! rest); it checks nothing. Whether the text is JSON at all is for serde to
//! say: the caller reads the whole file with serde as well, and uses the
//! spans only when that succeeds. On well-formed JSON the spans are exactly
//! the elements serde reads, because in JSON a string ends at the first `"`
//! not escaped by a `\`, and brackets outside strings nest. Anything this
//! walk does not expect gives `None`, and the caller reads the posts on one
//! thread as it always has.
//!
//! It is iterative and linear: one look at each byte outside strings, and
//! strings skipped with `memchr` to their next quote or backslash.

use std::ops::Range;

/// The top-level object's `posts` list in a text.
pub(super) struct PostsList {
    /// The list, from its `[` to just after its `]`.
    pub list: Range<usize>,
    /// Its elements, in file order.
    pub elements: Vec<Range<usize>>,
}

/// Where the value of the top-level object's first `posts` member starts,
/// found by walking only the members before it; `None` when there is no
/// such member or the walk meets something it does not expect.
pub(super) fn posts_value_start(text: &[u8]) -> Option<usize> {
    let mut at = object_start(text)?;
    loop {
        match next_member(text, at)? {
            Member::End => return None,
            Member::Key(b"posts", value) => return Some(value),
            Member::Key(_, value) => at = value_end(text, value)?,
        }
    }
}

/// The top-level object's `posts` list and its elements; `None` when the text
/// has no such list or holds something the walk does not expect (a key with
/// an escape in it, say, which could spell `posts`).
pub(super) fn post_spans(text: &[u8]) -> Option<PostsList> {
    let mut at = object_start(text)?;
    let mut found = None;
    loop {
        match next_member(text, at)? {
            Member::End => return found,
            Member::Key(b"posts", value) => {
                if found.is_some() {
                    return None;
                }
                let (elements, end) = elements(text, value)?;
                found = Some(PostsList { list: value..end, elements });
                at = end;
            }
            Member::Key(_, value) => at = value_end(text, value)?,
        }
    }
}

/// The place just after the `{` that opens the text's top-level object.
fn object_start(text: &[u8]) -> Option<usize> {
    let at = skip_ws(text, 0);
    (text.get(at) == Some(&b'{')).then_some(at + 1)
}

/// A step of the walk along the top-level object's members.
enum Member<'t> {
    /// A member: its key, unescaped, and where its value starts.
    Key(&'t [u8], usize),
    /// The end of the object.
    End,
}

/// The member that follows `at` (just after the object's `{` or after a
/// member's value); `None` at anything unexpected, a key with an escape
/// in it among them.
fn next_member(text: &[u8], mut at: usize) -> Option<Member<'_>> {
    at = skip_ws(text, at);
    match text.get(at)? {
        b'}' => return Some(Member::End),
        b',' => at = skip_ws(text, at + 1),
        _ => {}
    }
    let key_start = at + 1;
    if text.get(at) != Some(&b'"') {
        return None;
    }
    at = string_end(text, at)?;
    let key = text.get(key_start..at - 1)?;
    if key.contains(&b'\\') {
        return None;
    }
    at = skip_ws(text, at);
    if text.get(at) != Some(&b':') {
        return None;
    }
    Some(Member::Key(key, skip_ws(text, at + 1)))
}

/// The elements of the list that opens at `at`, and the place after its `]`.
fn elements(text: &[u8], mut at: usize) -> Option<(Vec<Range<usize>>, usize)> {
    if text.get(at) != Some(&b'[') {
        return None;
    }
    at = skip_ws(text, at + 1);
    let mut spans = Vec::with_capacity(text.len() / 256);
    if text.get(at) == Some(&b']') {
        return Some((spans, at + 1));
    }
    loop {
        let end = value_end(text, at)?;
        spans.push(at..end);
        at = skip_ws(text, end);
        match text.get(at)? {
            b',' => at = skip_ws(text, at + 1),
            b']' => return Some((spans, at + 1)),
            _ => return None,
        }
    }
}

/// The place just after the value that starts at `at`.
fn value_end(text: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *text.get(at)? {
            b'"' => at = string_end(text, at)?,
            b'{' | b'[' => {
                depth += 1;
                at += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                at += 1;
            }
            // A number, `true`, `false` or `null`, or white space or a
            // separator inside a container.
            _ => {
                at += 1;
                if depth == 0 {
                    return Some(scalar_end(text, at));
                }
                continue;
            }
        }
        if depth == 0 {
            return Some(at);
        }
    }
}

/// The end of a scalar whose first byte is just before `at`.
fn scalar_end(text: &[u8], at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + rest.iter().position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')).unwrap_or(rest.len())
}

/// The place just after the string whose opening quote is at `at`.
fn string_end(text: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        let rest = text.get(at..)?;
        let i = memchr::memchr2(b'"', b'\\', rest)?;
        if rest.get(i) == Some(&b'"') {
            return Some(at + i + 1);
        }
        // A backslash and the character it escapes (for `\u` the four hex
        // digits that follow hold no quote or backslash).
        at += i + 2;
    }
}

/// The first place at or after `at` that is not JSON white space.
pub(super) fn skip_ws(text: &[u8], at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + rest.iter().position(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t')).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Option<Vec<&str>> {
        let list = post_spans(text.as_bytes())?;
        assert!(text[list.list].starts_with('['));
        Some(list.elements.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn finds_each_post_whatever_comes_before_and_after() {
        let text = r#" { "name": "a \"posts\": [ }", "units": [{"key": "u", "x": [1, {"y": "]"}]}],
            "posts" : [ {"key": "p\\", "title": "{["}, {"key":"q","fte":0.5,"dated":[{"a":1}]} ,{}],
            "version": 1, "flag": true, "n": null }"#;
        assert_eq!(
            spans(text).unwrap(),
            vec![r#"{"key": "p\\", "title": "{["}"#, r#"{"key":"q","fte":0.5,"dated":[{"a":1}]}"#, "{}"]
        );
    }

    #[test]
    fn scalars_and_an_empty_list() {
        assert_eq!(spans(r#"{"posts": [1, "x", true ,null]}"#).unwrap(), vec!["1", "\"x\"", "true", "null"]);
        assert_eq!(spans(r#"{"posts": []}"#).unwrap(), Vec::<&str>::new());
        assert_eq!(spans(r#"{"posts":[ ] , "name": "n"}"#).unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn finds_where_the_first_posts_list_starts() {
        let text = r#" { "name": "a \"posts\": [ }", "units": [{"posts": 1}], "posts" : [ {}], "posts": 2 }"#;
        let at = posts_value_start(text.as_bytes()).unwrap();
        assert!(text[at..].starts_with("[ {}], \"posts\": 2"));
        for text in [r#"{"name": "n"}"#, r#"{"post\u0073": [{}]}"#, r#"[{"posts": []}]"#, "", r#"{"a": [}"#] {
            assert_eq!(posts_value_start(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_expect() {
        for text in [
            r#"{"name": "n"}"#,
            r#"{"post\u0073": [{}]}"#,
            r#"{"posts": [{}], "posts": [{}]}"#,
            r#"{"posts": {"a": 1}}"#,
            r#"{"posts": [{}"#,
            r#"{"posts": [{"key": "unterminated}]}"#,
            r#"[{"posts": []}]"#,
            r#"{"posts": [{}} {]}"#,
            "",
        ] {
            assert_eq!(spans(text), None, "{text}");
        }
    }
}
