//! User text shown on a terminal: keys and names with their control characters escaped.
//!
//! Keys and names come from files harkje does not control. A flat CSV id or a design name
//! may hold an escape sequence (`ESC [ 2 J` clears the screen) or a carriage return that
//! overwrites what a line said. Every text rendering of a user key or name goes through
//! [`escape_controls`]: control characters are written as Rust writes them in a string,
//! `\u{1b}`, `\r`, `\n`, `\t`, so what is shown is what the file holds and nothing acts on
//! the terminal. JSON and CSV outputs keep the text as it is; their own quoting covers it.

use std::borrow::Cow;
use std::fmt;

/// The text with every control character (C0, DEL and C1) escaped; the text itself when
/// it has none, as is almost always the case.
///
/// ```
/// use harkje::text::escape_controls;
///
/// assert_eq!(escape_controls("gs"), "gs");
/// assert_eq!(escape_controls("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
/// assert_eq!(escape_controls("line\nbreak"), "line\\nbreak");
/// ```
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Shows a key or name with its control characters escaped: `format!("{}", Shown(key))`.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&escape_controls(self.0))
    }
}
