//! Reading a design file's posts on two threads from a guessed middle,
//! without first walking the whole text for their places.
//!
//! A canonical file, and most files in its shape, has each post on a line
//! of its own, every one indented as the first. The middle post is guessed
//! from that shape: the first line past the middle of the text that starts
//! with the first post's indent and a `{`. One thread reads the posts from
//! the first one by one and so proves the guess, which is right only when a
//! post starts exactly there; the other reads from the guess to the end of
//! the list. A wrong guess costs the work done, and the caller then walks
//! the text for the places of the posts ([`super::spans::post_spans`]).
//!
//! Each post is read as the other paths read it, into a [`PostIn`] and a
//! [`Post`], and the rest of the file with an empty list in the posts'
//! place, so every path accepts the same files.

use super::spans::{posts_value_start, skip_ws};
use super::{Buckets, Parsed, Post, PostIn, PostReader, ReadPosts, rest_of_file};

/// What came of reading from a guess.
pub(super) enum Guessed {
    /// The file, read.
    Read(Box<Parsed>),
    /// The file is not well formed, or a post has a problem to report.
    NotWellFormed,
    /// There was no guess, or it was wrong: the posts are to be found by
    /// walking the text.
    NoGuess,
}

/// How the first thread's run ended.
enum Run {
    /// At the guess: a post starts there.
    AtGuess,
    /// Past the guess, or at the end of the list before it: the guess was
    /// not a post's start.
    Missed,
    /// At a post or separator that is not well formed.
    Bad,
}

/// Reads a file's posts on two threads from a guessed middle post.
pub(super) fn read_from_guess(text: &str) -> Guessed {
    let bytes = text.as_bytes();
    let Some(open) = posts_value_start(bytes).filter(|&at| bytes.get(at) == Some(&b'[')) else {
        return Guessed::NoGuess;
    };
    let first = skip_ws(bytes, open + 1);
    let Some(guess) = guess_middle(bytes, first) else { return Guessed::NoGuess };
    let before = || {
        let mut posts = Buckets::new();
        let run = read_up_to(text, first, guess, &mut posts);
        (posts, run)
    };
    // The thread that reads to the end of the list also reads the rest of
    // the file, as it is the one that knows where the list ends.
    let after = || {
        let (later, end) = read_to_end(text, guess)?;
        let file = rest_of_file(text.get(..open)?, text.get(end..)?)?;
        Some((file, later))
    };
    let ((posts, run), after) = crate::par::both(before, after, true);
    match run {
        Run::AtGuess => {}
        Run::Missed => return Guessed::NoGuess,
        Run::Bad => return Guessed::NotWellFormed,
    }
    // The guess is proven: whatever the second thread met is in the list.
    match after {
        Some((file, later)) => Guessed::Read(Box::new(Parsed { file, posts: ReadPosts::Halves(posts, later) })),
        None => Guessed::NotWellFormed,
    }
}

/// The place of the post that starts the line holding the middle of the
/// text, or else the first line after it, indented as the post at `first`
/// is; `None` when that post is not alone at the start of its line (a file
/// on one line, say), or no such line comes within a megabyte.
fn guess_middle(bytes: &[u8], first: usize) -> Option<usize> {
    if bytes.get(first) != Some(&b'{') {
        return None;
    }
    let line = bytes.get(..first)?.iter().rposition(|&b| b == b'\n')? + 1;
    let indent = bytes.get(line..first)?;
    if !indent.iter().all(|b| matches!(b, b' ' | b'\t')) {
        return None;
    }
    let middle = first + (bytes.len() - first) / 2;
    let post_at = |start: usize| {
        let post = start + indent.len();
        (start > first && bytes.get(start..post) == Some(indent) && bytes.get(post) == Some(&b'{')).then_some(post)
    };
    // The start of the line that holds the middle.
    let mut at = bytes.get(first..middle)?.iter().rposition(|&b| b == b'\n').map_or(first, |n| first + n + 1);
    let limit = bytes.len().min(middle + (1 << 20));
    while at < limit {
        if let Some(post) = post_at(at) {
            return Some(post);
        }
        at += memchr::memchr(b'\n', bytes.get(at..limit)?)? + 1;
    }
    None
}

/// Room for the posts of (a part of) the list, once the first [`SAMPLE`]
/// are read: the text from its first post on (`len`), over the average
/// length of those (`sampled` bytes).
fn estimated_posts(len: usize, sampled: usize) -> usize {
    len / sampled.max(1) * SAMPLE
}

/// The posts whose length sizes the room for a part's posts ([`estimated_posts`]).
const SAMPLE: usize = 64;

/// Reads one post at `at`: the post as the file has it, and the place just
/// after it.
fn read_one(text: &str, at: usize) -> Option<(PostIn<'_>, usize)> {
    if let Some(plain) = super::fast::plain_post(text, at) {
        return Some(plain);
    }
    let mut stream = serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<PostIn<'_>>();
    let post = stream.next()?.ok()?;
    Some((post, at + stream.byte_offset()))
}

/// After a post that ends at `end`: the start of the next post, or `Err`
/// with the place just after the list's `]`; `None` at anything else.
fn next_post(bytes: &[u8], end: usize) -> Option<Result<usize, usize>> {
    let at = skip_ws(bytes, end);
    match bytes.get(at)? {
        b',' => Some(Ok(skip_ws(bytes, at + 1))),
        b']' => Some(Err(at + 1)),
        _ => None,
    }
}

/// Reads the posts from the first, at `at`, up to the guess, into `out`,
/// which it sizes for the posts of the whole list once it has read a few.
fn read_up_to(text: &str, mut at: usize, guess: usize, out: &mut Buckets) -> Run {
    let first = at;
    let mut reader = PostReader::default();
    let mut read = 0;
    while at < guess {
        let Some((post, end)) = read_one(text, at) else { return Run::Bad };
        let Some(post) = reader.post(post) else { return Run::Bad };
        out.push(post);
        read += 1;
        if read == SAMPLE {
            out.reserve(estimated_posts(text.len() - first, end - first));
        }
        match next_post(text.as_bytes(), end) {
            Some(Ok(next)) => at = next,
            Some(Err(_)) => return Run::Missed,
            None => return Run::Bad,
        }
    }
    if at == guess { Run::AtGuess } else { Run::Missed }
}

/// Reads the posts from `at` to the end of the list, in file order, sized
/// once a few are read, and the place just after the list's `]`.
fn read_to_end(text: &str, mut at: usize) -> Option<(Vec<Post>, usize)> {
    let first = at;
    let mut reader = PostReader::default();
    let mut out = Vec::new();
    let mut read = 0;
    loop {
        let (post, end) = read_one(text, at)?;
        out.push(reader.post(post)?);
        read += 1;
        if read == SAMPLE {
            // An estimate too large for memory leaves the list to grow.
            let _ = out.try_reserve((estimated_posts(text.len() - first, end - first) * 5 / 4).saturating_sub(SAMPLE));
        }
        match next_post(text.as_bytes(), end)? {
            Ok(next) => at = next,
            Err(after) => return Some((out, after)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json::{parse_walked, read_well_formed_on};

    /// A file of `n` posts in the canonical shape, one post a line, with
    /// `tail` put after the posts list.
    fn file(n: usize, tail: &str) -> String {
        let posts: Vec<String> = (0..n)
            .map(|i| format!(r#"    {{"key": "p{i}", "title": "Post {i}", "reports_to": "p0", "fte": 0.5}}"#))
            .collect();
        format!("{{\n  \"version\": 1,\n  \"name\": \"d\",\n  \"posts\": [\n{}\n  ]{tail}\n}}\n", posts.join(",\n"))
    }

    fn one_thread(text: &str) -> Option<crate::model::Design> {
        read_well_formed_on(text, false)
    }

    fn guessed(text: &str) -> Option<crate::model::Design> {
        match read_from_guess(text) {
            Guessed::Read(parsed) => parsed.assemble(),
            _ => None,
        }
    }

    #[test]
    fn a_file_in_the_canonical_shape_is_read_from_the_guess() {
        for n in [2, 3, 4, 100, 5000] {
            let text = file(n, "");
            let design = guessed(&text);
            assert!(design.is_some(), "{n} posts");
            assert!(design == one_thread(&text), "{n} posts");
        }
        // One post has no other to guess.
        let text = file(1, "");
        assert!(matches!(read_from_guess(&text), Guessed::NoGuess));
        assert!(read_well_formed_on(&text, true) == one_thread(&text));
    }

    /// A guess inside a post, or past the list, is found out by the first
    /// thread; the walk then reads the file as the one thread does.
    #[test]
    fn a_wrong_guess_falls_back_to_the_walk() {
        // The last post spreads its dated unit over many lines indented as
        // the posts are, so that the middle of the text falls among them.
        let dated: Vec<String> = (0..400)
            .map(|y| {
                format!("    {{\"unit\": \"u\", \"from\": \"{}-01-01\", \"until\": \"{}-12-31\"}}", 1600 + y, 1600 + y)
            })
            .collect();
        let posts = format!(
            "    {{\"key\": \"a\", \"title\": \"A\"}},\n    {{\"key\": \"b\", \"title\": \"B\", \"unit\": [\n{}\n    ]}}",
            dated.join(",\n")
        );
        let inside = format!(
            "{{\n  \"version\": 1,\n  \"name\": \"d\",\n  \"units\": [{{\"key\": \"u\", \"name\": \"U\", \"kind\": \"team\"}}],\n  \"posts\": [\n{posts}\n  ]\n}}\n"
        );
        // Few posts, and a long list of people after them in the same shape.
        let people: Vec<String> =
            (0..3000).map(|i| format!("    {{\"key\": \"m{i}\", \"name\": \"Mens {i}\"}}")).collect();
        let past = file(3, &format!(",\n  \"people\": [\n{}\n  ]", people.join(",\n")));
        for text in [&inside, &past] {
            assert!(matches!(read_from_guess(text), Guessed::NoGuess));
            let walked = parse_walked(text, true).and_then(Parsed::assemble);
            assert!(walked.is_some());
            assert!(walked == one_thread(text));
            assert!(read_well_formed_on(text, true) == one_thread(text));
        }
    }

    /// A key given in both halves, or a manager that is not there, turns the
    /// file down on both two-thread ways as on one thread; a manager in the
    /// other half is found.
    #[test]
    fn references_and_repeats_across_the_halves() {
        let text = file(1000, "");
        let walk = |t: &str| parse_walked(t, true).and_then(Parsed::assemble);
        for (from, to) in [
            ("\"key\": \"p990\"", "\"key\": \"p10\""),
            ("\"reports_to\": \"p0\", \"fte\": 0.5}\n  ]", "\"reports_to\": \"nope\", \"fte\": 0.5}\n  ]"),
        ] {
            let bad = text.replacen(from, to, 1);
            assert_ne!(bad, text, "{to}");
            assert!(guessed(&bad).is_none() && walk(&bad).is_none() && one_thread(&bad).is_none(), "{to}");
        }
        let across = text.replacen(
            "\"key\": \"p3\", \"title\": \"Post 3\", \"reports_to\": \"p0\"",
            "\"key\": \"p3\", \"title\": \"Post 3\", \"reports_to\": \"p999\"",
            1,
        );
        assert_ne!(across, text);
        let design = guessed(&across);
        assert!(design.is_some() && design == walk(&across) && design == one_thread(&across));
    }

    /// A post with a problem before the guess or after it, or a broken
    /// separator, is not read.
    #[test]
    fn a_post_with_a_problem_on_either_side_is_not_read() {
        let text = file(1000, "");
        for (from, to) in [
            ("\"title\": \"Post 10\"", "\"title\": 10"),
            ("\"title\": \"Post 990\"", "\"title\": 990"),
            ("\"fte\": 0.5}", "\"fte\": -1}"),
            ("\"p700\", \"title\"", "\"p700\" \"title\""),
            ("},\n    {\"key\": \"p800\"", "}\n    {\"key\": \"p800\""),
            ("  ]\n}", "  ],\n}"),
        ] {
            let bad = text.replacen(from, to, 1);
            assert_ne!(bad, text, "{from}");
            assert!(!matches!(read_from_guess(&bad), Guessed::Read(_)), "{to}");
            assert!(read_well_formed_on(&bad, true).is_none(), "{to}");
        }
    }

    #[test]
    fn no_guess_without_a_post_alone_at_the_start_of_a_line() {
        for text in [
            r#"{"version": 1, "name": "d", "posts": [{"key": "p", "title": "P"}]}"#,
            "{\"version\": 1, \"name\": \"d\", \"posts\": []}",
            "{\"version\": 1, \"name\": \"d\", \"posts\": [\n  1, 2]}",
        ] {
            assert!(matches!(read_from_guess(text), Guessed::NoGuess), "{text}");
        }
    }
}
