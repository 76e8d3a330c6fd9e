//! Reading the transition's TOML files with located problems.

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::format::{LoadError, Position, Problem};

/// A value with the byte range it came from.
pub(crate) type Located<T> = toml::Spanned<T>;

/// The line and column (both from 1) of a byte offset in `text`.
pub(crate) fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

/// Parses TOML into `T`; a syntax or type error becomes one located problem.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, LoadError> {
    toml::from_str(text).map_err(|e| {
        let pos = e.span().map(|s| position(text, s.start)).unwrap_or_default();
        let message = e.message().trim().trim_end_matches('.').to_owned();
        let message = match message.chars().next() {
            Some(c) if c.is_uppercase() => c.to_lowercase().chain(message.chars().skip(1)).collect(),
            _ => message,
        };
        load_error(what, vec![Problem { path: String::new(), line: pos.line, column: pos.column, message }])
    })
}

/// A load error named after what was read (`the statute`); the CLI replaces the name with the file's.
pub(crate) fn load_error(what: &str, mut problems: Vec<Problem>) -> LoadError {
    problems.sort_by(|a, b| (a.line, a.column, &a.path, &a.message).cmp(&(b.line, b.column, &b.path, &b.message)));
    LoadError { file: Some(what.into()), problems }
}

/// A problem at a located value.
pub(crate) fn problem<T>(text: &str, at: &Located<T>, path: &str, message: String) -> Problem {
    let pos = position(text, at.span().start);
    Problem { path: path.to_owned(), line: pos.line, column: pos.column, message }
}

/// Deserialises a date written as a TOML date (`2018-06-01`) or a string (`"2018-06-01"`).
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let v: Option<Either> = Option::deserialize(d)?;
    let text = match v {
        None => return Ok(None),
        Some(Either::Toml(t)) => match (t.date, t.time) {
            (Some(date), None) => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
            _ => return Err(serde::de::Error::custom(format!("`{t}` is not a plain date like 2018-06-01"))),
        },
        Some(Either::Text(s)) => s,
    };
    crate::model::parse_day(&text).map(Some).map_err(|e| match e {
        crate::model::DayError::Time(_) => serde::de::Error::custom(e),
        crate::model::DayError::Invalid(e) => {
            serde::de::Error::custom(format!("`{text}` is not a date like 2018-06-01 ({e})"))
        }
    })
}
