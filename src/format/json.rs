//! Loading and saving the JSON design file.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::locate::{self, Position};
use super::v1::{AddressV1, ContactV1, PartyV1, PortfolioV1, PrincipalV1};
use super::v1::{
    AppointmentV1, AssignmentV1, DatedEntry, DesignFile, FunctionV1, MembershipV1, PersonV1, PostV1, RoleV1,
    SelfSteeringV1, TargetV1, TaskV1, Timeline, UnitV1, VERSION,
};
use super::v1::{DatedFteV1, DatedFunctionV1, DatedPostV1, DatedSalaryV1, DatedScaleV1, DatedTargetV1, DatedUnitV1};
use super::{LoadError, Problem};
use crate::graph::fxhash::{FastHashMap, FastHashSet};
use crate::model::dated::{PeriodProblem, last_value, period_problems, sort_by_start};
use crate::model::{Address, Contact, contact_problems};
use crate::model::{
    Appointment, Assignment, AssignmentId, Design, Element, Function, FunctionId, Membership, Period, Person, PersonId,
    Post, PostId, Role, SelfSteering, Target, Task, Unit, UnitId, appointment_id, builtin_role, membership_id,
};
use crate::model::{Buckets, Party, PartyId, Portfolio, Text, portfolio_id, sort_by_id_unstable, sorted_runs};
use crate::model::{Dated, PostDated, UnitDated, UnitKind};
use crate::model::{MAX_BUDGET, MAX_FTE, MAX_SALARY, key_problem, out_of_range};

/// A collection's keys, each with the index of its element: hashed with the
/// crate's fast hasher (keys are the design's own, not an attacker's; the
/// problems are sorted afterwards, so no order depends on the hash).
type KeyMap<'a> = FastHashMap<&'a str, usize>;

/// An id that a key derives.
trait KeyId: Copy + Eq + std::hash::Hash {
    fn of_key(key: &str) -> Self;
    /// The id as an integer that sorts as the id does.
    fn int(&self) -> u128;
}

macro_rules! key_id {
    ($($t:ty),*) => {$(
        impl KeyId for $t {
            fn of_key(key: &str) -> Self {
                <$t>::from_key(key)
            }
            fn int(&self) -> u128 {
                self.as_uuid().as_u128()
            }
        }
    )*};
}
key_id!(FunctionId, UnitId, PostId, PersonId, AssignmentId, PartyId);

/// The last key references named and its id: the posts of a team name the
/// same unit and manager one after another, so most references skip
/// deriving the id of their key.
struct LastKey<I> {
    key: String,
    id: Option<I>,
}

impl<I> Default for LastKey<I> {
    fn default() -> Self {
        LastKey { key: String::new(), id: None }
    }
}

impl<I: KeyId> LastKey<I> {
    /// The id of the key, derived unless it is the last key asked for.
    fn derive(&mut self, key: &str) -> I {
        if let Some(id) = self.id
            && self.key == key
        {
            return id;
        }
        let id = I::of_key(key);
        self.key.clear();
        self.key.push_str(key);
        self.id = Some(id);
        id
    }

    /// [`Loader::resolve`], remembering the last key that resolved.
    fn resolve(&mut self, l: &mut Loader, at: &str, field: &str, key: &str, keys: &Keys<I>, what: &str) -> Option<I> {
        if let Some(id) = self.id
            && self.key == key
        {
            return Some(id);
        }
        let id = l.resolve(at, field, key, keys, what);
        if id.is_some() {
            self.key.clear();
            self.key.push_str(key);
            self.id = id;
        }
        id
    }
}

/// A collection's keys by the ids they derive, each with the index of its
/// element. A reference is looked up by the id it needs anyway: sixteen
/// bytes held in the table, no key string followed and compared. The posts
/// of a file read in one pass are read beside the rest of the file: a
/// reference to one is taken on trust and noted, and the notes are checked
/// against the posts once those are sorted ([`Loader::posts_to_check`]).
enum Keys<I> {
    Hashed(FastHashMap<I, usize>, Vec<Option<I>>),
    Later(std::cell::RefCell<Vec<u128>>),
}

impl<I: KeyId> Keys<I> {
    /// The id of the key of the element at place `i`, derived when the
    /// keys were read (`None` for a bad key or none).
    fn own(&self, i: usize) -> Option<I> {
        match self {
            Keys::Hashed(_, own) => own.get(i).copied().flatten(),
            Keys::Later(_) => None,
        }
    }

    fn contains_id(&self, id: &I) -> bool {
        match self {
            Keys::Hashed(map, _) => map.contains_key(id),
            Keys::Later(ids) => {
                ids.borrow_mut().push(id.int());
                true
            }
        }
    }

    fn contains_key(&self, key: &str) -> bool {
        self.contains_id(&I::of_key(key))
    }

    /// The id of the key, when an element has the key.
    fn id(&self, key: &str) -> Option<I> {
        let id = I::of_key(key);
        self.contains_id(&id).then_some(id)
    }

    /// The ids taken on trust, to be checked.
    fn into_later(self) -> Vec<u128> {
        match self {
            Keys::Hashed(..) => Vec::new(),
            Keys::Later(ids) => ids.into_inner(),
        }
    }
}

mod fast;
mod spans;
mod split;

const COLLECTIONS: [&str; 10] = [
    "roles",
    "functions",
    "units",
    "posts",
    "people",
    "appointments",
    "assignments",
    "memberships",
    "parties",
    "portfolios",
];

/// The member that names a JSON Schema for editors.
const SCHEMA: &str = "$schema";

/// The member that holds the organisation's TOOI identifier.
const IDENTIFIER: &str = "identifier";

/// The UTF-8 byte-order mark that Windows tools write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Loads a design from JSON bytes, reporting every problem at once.
///
/// A UTF-8 byte-order mark at the start is skipped (Windows tools write one);
/// lines and columns are counted after it. Saving never writes one.
///
/// # Errors
/// A [`LoadError`] with every problem in the input, each with its JSON
/// pointer, line and column: bytes that are not UTF-8 or not JSON, a version
/// other than [`VERSION`](super::v1::VERSION), values of the wrong type or
/// out of range, keys that repeat, and references to keys that do not exist.
pub fn from_json(bytes: &[u8]) -> Result<Design, LoadError> {
    let text = text_of(bytes)?;
    match read_well_formed(text) {
        Some(design) => Ok(design),
        None => load_reporting(text),
    }
}

/// [`from_json`] of bytes it takes: the same design or the same problems,
/// the bytes freed as it returns (a file of a million posts is some 130 MB
/// of text). Reading a file with [`from_json_file`](super::from_json_file)
/// frees them sooner, once the posts are read, as it can read the file
/// again should there be problems to place.
///
/// ```
/// // Hengelo after its 2021 reorganisation, read by the program itself.
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/hengelo-2021/new.json"))?;
/// let design = harkje::format::from_json_vec(bytes.clone())?;
/// assert!(design == harkje::format::from_json(&bytes)?);
/// let teammanagers = design.posts().filter(|p| &*p.role == "teammanager").count();
/// assert_eq!(teammanagers, 22);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`from_json`].
pub fn from_json_vec(bytes: Vec<u8>) -> Result<Design, LoadError> {
    from_json(&bytes)
}

/// [`from_json_vec`] of a file's bytes that can be read again: the text is
/// freed as soon as the posts are read, before they are put together and
/// checked, so that a large file is never held beside all its posts. Only
/// when something is to be reported is the file read again (`again`) and
/// loaded on the reporting path, for the places of its problems; a file
/// changed in between is loaded as it is then.
pub(crate) fn from_json_rereadable(
    bytes: Vec<u8>,
    again: impl FnOnce() -> Result<Vec<u8>, LoadError>,
) -> Result<Design, LoadError> {
    let parsed = parse_well_formed(text_of(&bytes)?);
    drop(bytes);
    match parsed.and_then(Parsed::assemble) {
        Some(design) => Ok(design),
        None => load_reporting(text_of(&again()?)?),
    }
}

/// The text of a design file: a UTF-8 byte-order mark skipped, UTF-16 and
/// bytes that are not UTF-8 refused with their place.
fn text_of(bytes: &[u8]) -> Result<&str, LoadError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(LoadError::single(Problem::at(
            "",
            Position { line: 1, column: 1 },
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
        )));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let pos = crate::problem::LineIndex::new(bytes).position(e.valid_up_to());
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        LoadError::single(Problem::at(
            "",
            pos,
            format!("the file is not valid UTF-8: byte 0x{bad:02x} cannot start or continue a character"),
        ))
    })
}

/// Loads a design file through a tree of values, reporting every problem
/// in it with its place.
fn load_reporting(text: &str) -> Result<Design, LoadError> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let pos = Position { line: e.line(), column: e.column() };
            return Err(LoadError::single(Problem::at("", pos, syntax_message(&e))));
        }
    };
    let mut loader = Loader::default();
    let design = loader.load(&value);
    let mut problems = loader.problems;
    let scan = locate::scan(text, &problems.iter().map(|p| p.path.clone()).collect::<Vec<_>>());
    for (path, pos) in scan.duplicates {
        problems.push(Problem::at(
            path.clone(),
            pos,
            format!("`{}` is given twice in one object; give it once", last_segment(&path)),
        ));
    }
    if problems.is_empty() {
        return Ok(design);
    }
    for p in &mut problems {
        if p.line == 0 {
            // The deepest enclosing value that was found gives the place.
            let mut path = p.path.as_str();
            loop {
                if let Some(pos) = scan.found.get(path) {
                    p.line = pos.line;
                    p.column = pos.column;
                    break;
                }
                match path.rfind('/') {
                    Some(i) => path = &path[..i],
                    None => break,
                }
            }
        }
    }
    problems.sort_by(|a, b| (a.line, a.column, &a.path, &a.message).cmp(&(b.line, b.column, &b.path, &b.message)));
    problems.dedup();
    Err(LoadError::new(problems))
}

fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the place is reported separately.
    let msg = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
    if msg.contains("recursion limit") {
        "the JSON is nested more than 128 levels deep".to_owned()
    } else {
        format!("invalid JSON: {msg}")
    }
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Every collection of a design file, each element with its index in the file.
#[derive(Default)]
struct Collections<'a> {
    roles: Vec<(usize, RoleV1)>,
    functions: Vec<(usize, FunctionV1)>,
    units: Vec<(usize, UnitV1)>,
    posts: Vec<(usize, PostIn<'a>)>,
    people: Vec<(usize, PersonV1)>,
    appointments: Vec<(usize, AppointmentV1)>,
    assignments: Vec<(usize, AssignmentV1)>,
    memberships: Vec<(usize, MembershipV1)>,
    parties: Vec<(usize, PartyV1)>,
    portfolios: Vec<(usize, PortfolioV1)>,
}

/// A string of the file: borrowed from the text when it has no escapes (as
/// nearly every key and title), else its own copy. The posts are read into
/// these, so that a post's strings are copied once, into the design.
#[derive(Clone, Debug, PartialEq)]
struct Str<'a>(Cow<'a, str>);

impl std::fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Str<'_> {
    fn from(s: String) -> Self {
        Str(Cow::Owned(s))
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for Str<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit(std::marker::PhantomData))
    }
}

fn default_role_in() -> Str<'static> {
    Str(Cow::Borrowed("medewerker"))
}

fn one_timeline_in() -> Timeline<f64, DatedFteV1> {
    Timeline::Plain(1.0)
}

/// A post as the file has it ([`PostV1`], whose fields and rules it repeats),
/// its strings borrowed where they can be. The one-pass path reads posts
/// into these; the reporting path reads [`PostV1`] and borrows from it.
#[derive(serde::Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
#[serde(deny_unknown_fields)]
struct PostIn<'a> {
    #[serde(borrow)]
    key: Str<'a>,
    #[serde(borrow)]
    title: Str<'a>,
    #[serde(borrow, default = "default_role_in")]
    role: Str<'a>,
    #[serde(borrow, default)]
    function: Option<Timeline<Str<'a>, DatedFunctionV1>>,
    #[serde(default = "one_timeline_in")]
    fte: Timeline<f64, DatedFteV1>,
    #[serde(default)]
    scale: Option<Timeline<u8, DatedScaleV1>>,
    #[serde(default)]
    salary: Option<Timeline<f64, DatedSalaryV1>>,
    #[serde(borrow, default)]
    unit: Option<Timeline<Str<'a>, DatedUnitV1>>,
    #[serde(borrow, default)]
    reports_to: Option<Timeline<Str<'a>, DatedPostV1>>,
    #[serde(default)]
    accountable_to: Option<Timeline<TargetV1, DatedTargetV1>>,
    #[serde(default)]
    temporary: bool,
    #[serde(default)]
    independent: bool,
    #[serde(default, deserialize_with = "crate::model::optional_day")]
    from: Option<Date>,
    #[serde(default, deserialize_with = "crate::model::optional_day")]
    until: Option<Date>,
}

/// A borrowed view of a plain value or a copy of the dated ones.
fn timeline_in<'a, D: Clone>(t: &'a Timeline<String, D>) -> Timeline<Str<'a>, D> {
    match t {
        Timeline::Plain(k) => Timeline::Plain(Str(Cow::Borrowed(k))),
        Timeline::Dated(list) => Timeline::Dated(list.clone()),
    }
}

impl<'a> From<&'a PostV1> for PostIn<'a> {
    fn from(p: &'a PostV1) -> Self {
        PostIn {
            key: Str(Cow::Borrowed(&p.key)),
            title: Str(Cow::Borrowed(&p.title)),
            role: Str(Cow::Borrowed(&p.role)),
            function: p.function.as_ref().map(timeline_in),
            fte: p.fte.clone(),
            scale: p.scale.clone(),
            salary: p.salary.clone(),
            unit: p.unit.as_ref().map(timeline_in),
            reports_to: p.reports_to.as_ref().map(timeline_in),
            accountable_to: p.accountable_to.clone(),
            temporary: p.temporary,
            independent: p.independent,
            from: p.from,
            until: p.until,
        }
    }
}

/// The `key` of every element that has a string key, with its index, per
/// collection that has keys.
struct RawKeys<'a> {
    functions: Vec<(usize, &'a str)>,
    units: Vec<(usize, &'a str)>,
    posts: Vec<(usize, &'a str)>,
    people: Vec<(usize, &'a str)>,
    assignments: Vec<(usize, &'a str)>,
    parties: Vec<(usize, &'a str)>,
}

/// A design file as it is when nothing is wrong with it: read in one pass
/// from the text into the version 1 types, with no tree of values between.
/// Anything this does not accept (a syntax error, a field of the wrong type,
/// `null` where a list or string belongs, an unknown or repeated field, any
/// version but this one) sends the file down the path that reports every
/// problem ([`Loader::load`]), so the problems and their places do not
/// depend on this path.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WellFormed {
    #[serde(default, rename = "$schema", deserialize_with = "present")]
    schema: Option<String>,
    #[serde(deserialize_with = "present")]
    version: Option<u64>,
    #[serde(deserialize_with = "present")]
    name: Option<String>,
    #[serde(default, deserialize_with = "numbered_seq")]
    roles: Vec<(usize, RoleV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    functions: Vec<(usize, FunctionV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    units: Vec<(usize, UnitV1)>,
    #[serde(default)]
    posts: StreamedPosts,
    #[serde(default, deserialize_with = "numbered_seq")]
    people: Vec<(usize, PersonV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    appointments: Vec<(usize, AppointmentV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    assignments: Vec<(usize, AssignmentV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    memberships: Vec<(usize, MembershipV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    parties: Vec<(usize, PartyV1)>,
    #[serde(default, deserialize_with = "numbered_seq")]
    portfolios: Vec<(usize, PortfolioV1)>,
    #[serde(default, deserialize_with = "present")]
    identifier: Option<String>,
}

/// A field that, when given, must hold a value (`null` is not absent).
fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The place of an element, `/name/i`, written into `buf` (cleared first)
/// without the formatting machinery: it is built for every post.
fn element_place<'b>(buf: &'b mut String, name: &str, i: usize) -> &'b str {
    buf.clear();
    buf.push('/');
    buf.push_str(name);
    buf.push('/');
    write_u64(buf, i as u64);
    buf
}

/// Reads a list, numbering each element by its place in the file as it is
/// read (numbering a list read first would copy every element once more).
fn numbered_seq<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Vec<(usize, T)>, D::Error> {
    struct Numbered<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Numbered<T> {
        type Value = Vec<(usize, T)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(t) = seq.next_element()? {
                out.push((out.len(), t));
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Numbered(std::marker::PhantomData))
}

/// The keys of a collection's elements, with their indices.
fn keys_of<T>(items: &[(usize, T)], key: impl Fn(&T) -> &str) -> Vec<(usize, &str)> {
    items.iter().map(|(i, t)| (*i, key(t))).collect()
}

/// Loads a well-formed design file in one pass; `None` when anything in it
/// is to be reported, which the full path then does.
#[cfg(test)]
fn load_well_formed(text: &str) -> Option<Design> {
    read_well_formed(text)
}

/// Reads and checks a well-formed file; `None` when anything in it is to be
/// reported.
fn read_well_formed(text: &str) -> Option<Design> {
    parse_well_formed(text)?.assemble()
}

/// [`read_well_formed`], on two threads when `two` says so and the posts
/// are found; the tests compare the two ways on every file.
#[cfg(test)]
fn read_well_formed_on(text: &str, two: bool) -> Option<Design> {
    parse_well_formed_on(text, two)?.assemble()
}

/// Reads a file with serde, its posts turned into [`Post`]s; `None` when it
/// is not well formed. Nothing it returns borrows the text.
fn parse_well_formed(text: &str) -> Option<Parsed> {
    parse_well_formed_on(text, text.len() >= TWO_THREADS_FROM)
}

/// [`parse_well_formed`], on two threads when `two` says so and the posts
/// are found: from a guessed middle post ([`split::read_from_guess`]), else
/// from their places in the text ([`spans::post_spans`]).
fn parse_well_formed_on(text: &str, two: bool) -> Option<Parsed> {
    if two {
        match split::read_from_guess(text) {
            split::Guessed::Read(parsed) => return Some(*parsed),
            split::Guessed::NotWellFormed => return None,
            split::Guessed::NoGuess => {}
        }
    }
    parse_walked(text, two)
}

/// [`parse_well_formed_on`], with the posts found on two threads by walking
/// the text for their places, when `two` says so.
fn parse_walked(text: &str, two: bool) -> Option<Parsed> {
    let list = if two { spans::post_spans(text.as_bytes()) } else { None };
    match list {
        Some(list) => read_in_two(text, &list),
        None => {
            let mut file: WellFormed = serde_json::from_str(text).ok()?;
            let posts = ReadPosts::InOrder(std::mem::take(&mut file.posts.0));
            Some(Parsed { file, posts })
        }
    }
}

/// A file read with serde and not yet checked as a whole, so that the
/// text it was read from can be freed before its posts are put in order.
struct Parsed {
    file: WellFormed,
    posts: ReadPosts,
}

/// The posts of a [`Parsed`] file.
enum ReadPosts {
    /// In file order, read on one thread.
    InOrder(Vec<Post>),
    /// Read on two threads: those of the first part of the list by the
    /// first byte of their ids, with room for all, and those of the rest
    /// in file order.
    Halves(Buckets, Vec<Post>),
}

impl Parsed {
    /// The posts put in order, and the file checked as a whole
    /// ([`assemble`]).
    fn assemble(self) -> Option<Design> {
        assemble(self.file, self.posts)
    }
}

/// Texts at least this long have their posts read on two threads (a file
/// of some 8,000 posts); shorter ones, read in a few milliseconds, stay on
/// one thread. The threshold is a choice, not measured against others.
const TWO_THREADS_FROM: usize = 1 << 20;

/// The file and its posts ([`ReadPosts::Halves`]), read on two threads
/// from the places of the posts ([`spans::post_spans`]): one thread reads the
/// rest of the file, with an empty list in the posts' place, and the posts
/// before the split, the other those after it; the split gives each about
/// half of the text. The syntax between the posts was checked when their
/// places were found, and each post is read as the one-thread path reads
/// it, so the two paths accept the same files. `None` when the file is not
/// well formed.
fn read_in_two(text: &str, list: &spans::PostsList) -> Option<Parsed> {
    let rest_len = text.len() - list.list.len();
    let middle = (list.list.start + text.len() / 2).saturating_sub(rest_len);
    let split = list.elements.partition_point(|e| e.start < middle);
    let (first, second) = list.elements.split_at(split);
    let rest = || {
        let file = rest_of_file(text.get(..list.list.start)?, text.get(list.list.end..)?)?;
        let mut posts = Buckets::new();
        posts.reserve(list.elements.len());
        read_spans(text, first, |p| posts.push(p))?;
        Some((file, posts))
    };
    let after = || {
        let mut posts = Vec::with_capacity(second.len());
        read_spans(text, second, |p| posts.push(p))?;
        Some(posts)
    };
    let (a, b) = crate::par::both(rest, after, true);
    let ((file, first), second) = (a?, b?);
    Some(Parsed { file, posts: ReadPosts::Halves(first, second) })
}

/// The file but its posts, read from the text before the posts list
/// (`head`) and after it (`tail`), with an empty list in its place.
fn rest_of_file(head: &str, tail: &str) -> Option<WellFormed> {
    let mut rest = String::with_capacity(head.len() + 2 + tail.len());
    rest.push_str(head);
    rest.push_str("[]");
    rest.push_str(tail);
    serde_json::from_str(&rest).ok()
}

/// Reads the posts at the given places of the text, each handed to `out`;
/// `None` at the first that is not well formed.
fn read_spans(text: &str, spans: &[std::ops::Range<usize>], mut out: impl FnMut(Post)) -> Option<()> {
    let mut reader = PostReader::default();
    for span in spans {
        let ends_span =
            |&(_, end): &(PostIn<'_>, usize)| end <= span.end && spans::skip_ws(text.as_bytes(), end) >= span.end;
        let post = match fast::plain_post(text, span.start).filter(ends_span) {
            Some((post, _)) => post,
            None => serde_json::from_str(text.get(span.clone())?).ok()?,
        };
        out(reader.post(post)?);
    }
    Some(())
}

/// The design of a file read with serde, and its posts (in file order or
/// by the first byte of their ids), checked against each other: the posts
/// put in the order of their ids as the design's own.
fn assemble(file: WellFormed, posts: ReadPosts) -> Option<Design> {
    if file.version != Some(u64::from(VERSION)) {
        return None;
    }
    let mut design = Design::new("");
    design.set_schema(file.schema);
    design.set_name(file.name?);
    let c = Collections {
        roles: file.roles,
        functions: file.functions,
        units: file.units,
        posts: Vec::new(),
        people: file.people,
        appointments: file.appointments,
        assignments: file.assignments,
        memberships: file.memberships,
        parties: file.parties,
        portfolios: file.portfolios,
    };
    let keys = RawKeys {
        functions: keys_of(&c.functions, |f| &f.key),
        units: keys_of(&c.units, |u| &u.key),
        posts: Vec::new(),
        people: keys_of(&c.people, |p| &p.key),
        assignments: keys_of(&c.assignments, |a| &a.key),
        parties: keys_of(&c.parties, |p| &p.key),
    };
    let mut loader = Loader::default();
    // The other elements are built while the posts are put in the order of
    // their ids; the posts the elements refer to are checked against them
    // afterwards.
    let build = || loader.build(design, &c, &keys, true);
    let (mut design, runs) = match posts {
        ReadPosts::InOrder(mut posts) => {
            let two = posts.len() >= 1 << 16;
            let (design, posts) = crate::par::both(
                build,
                || {
                    sort_by_id_unstable(&mut posts);
                    posts
                },
                two,
            );
            let twice = posts.windows(2).any(|w| w[0].id == w[1].id);
            (design, (!twice).then(|| vec![posts]))
        }
        ReadPosts::Halves(first, second) => sorted_runs(first, second, build),
    };
    // A key given twice is a problem to report.
    let runs = runs?;
    loader.identifier(file.identifier, &mut design);
    design.set_post_runs(runs);
    // The posts' roles and references, now that everything they name is read.
    // A member name given twice needs no scan of the text here: every object
    // of the file is read into a struct (serde refuses a field given twice)
    // or a target (one member, then the end of the object is required);
    // nothing is read into a map or a tree of values, which would keep the
    // last. A test gives a repeat in every kind of object.
    let known = design.posts_refer_to_known(std::mem::take(&mut loader.posts_to_check));
    (loader.problems.is_empty() && known).then_some(design)
}

/// The posts of a well-formed file, each turned into a [`Post`] as soon as
/// it is read, so that no list of records is held: its own id derived from
/// its key, and its references as the ids their keys derive. Whether those
/// are in the design is checked once the whole file is read
/// ([`Design::posts_refer_to_known`]). The first problem stops the reading
/// (the file then goes down the reporting path).
#[derive(Default)]
struct StreamedPosts(Vec<Post>);

impl<'de> serde::Deserialize<'de> for StreamedPosts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = StreamedPosts;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StreamedPosts, A::Error> {
                let mut reader = PostReader::default();
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<PostIn<'de>>()? {
                    match reader.post(p) {
                        Some(post) => out.push(post),
                        None => return Err(serde::de::Error::custom("a post to report")),
                    }
                }
                Ok(StreamedPosts(out))
            }
        }
        d.deserialize_seq(Visit)
    }
}

/// Turns the posts of a well-formed file into [`Post`]s as they are read.
#[derive(Default)]
struct PostReader {
    /// The last unit and manager named: the posts of a team name the same
    /// ones one after another, and skip deriving their ids.
    unit: LastKey<UnitId>,
    manager: LastKey<PostId>,
    /// Checks the values (and, for a dated field, its periods) as the
    /// reporting path does; its problems only say that there are some.
    loader: Loader,
}

impl PostReader {
    /// The post, or `None` when the record has a problem of its own. Its
    /// role and references are checked later, against the whole file.
    fn post(&mut self, p: PostIn<'_>) -> Option<Post> {
        if key_problem(&p.key).is_some() {
            return None;
        }
        let own = Period::new(p.from, p.until);
        let l = &mut self.loader;
        l.period("", p.from, p.until);
        let (function, dated_function) =
            l.timeline("", "function", p.function.as_ref(), own, |_, _, _, k: &Str<'_>| Some(FunctionId::from_key(k)));
        let unit_key = &mut self.unit;
        let (unit, dated_unit) =
            l.timeline("", "unit", p.unit.as_ref(), own, |_, _, _, k: &Str<'_>| Some(unit_key.derive(k)));
        let manager_key = &mut self.manager;
        let (reports_to, dated_reports_to) =
            l.timeline("", "reports_to", p.reports_to.as_ref(), own, |_, _, _, k| Some(manager_key.derive(k)));
        let (accountable_to, dated_accountable_to) =
            l.timeline("", "accountable_to", p.accountable_to.as_ref(), own, |_, _, _, t: &TargetV1| {
                Some(match t {
                    TargetV1::Post(k) => Target::Post(PostId::from_key(k)),
                    TargetV1::Unit(k) => Target::Unit(UnitId::from_key(k)),
                    TargetV1::Party(k) => Target::Party(PartyId::from_key(k)),
                })
            });
        let (fte, dated_fte) = l.timeline("", "fte", Some(&p.fte), own, |l, at, f, v: &f64| {
            l.in_range(at, f, Some(*v), MAX_FTE);
            Some(*v)
        });
        let (scale, dated_scale) = l.timeline("", "scale", p.scale.as_ref(), own, |_, _, _, v: &u8| Some(*v));
        let (salary, dated_salary) = l.timeline("", "salary", p.salary.as_ref(), own, |l, at, f, v: &f64| {
            l.in_range(at, f, Some(*v), MAX_SALARY);
            Some(*v)
        });
        if !l.problems.is_empty() {
            return None;
        }
        let dated = PostDated {
            reports_to: dated_reports_to,
            unit: dated_unit,
            accountable_to: dated_accountable_to,
            function: dated_function,
            fte: dated_fte,
            scale: dated_scale,
            salary: dated_salary,
        };
        Some(Post {
            id: PostId::from_key(&p.key),
            key: Text::from(&*p.key),
            title: Text::from(&*p.title),
            role: Text::from(&*p.role),
            function,
            fte: fte.unwrap_or(1.0),
            scale,
            salary,
            unit,
            reports_to,
            accountable_to,
            temporary: p.temporary,
            independent: p.independent,
            valid: own,
            dated: (!dated.is_empty()).then(|| Box::new(dated)),
        })
    }
}

#[derive(Default)]
struct Loader {
    problems: Vec<Problem>,
    /// The posts read by [`Loader::build`], in file order, until
    /// [`Loader::posts_into`] puts them in the design.
    posts: Vec<Post>,
    /// The keys of the design's parties, to resolve `{"party": …}` and to
    /// say so when a post or unit reference names a party.
    party_keys: HashSet<String>,
    /// The ids of the posts referred to by the other elements when the
    /// posts were read apart, to be found among them afterwards (see
    /// [`Loader::build`]).
    posts_to_check: Vec<u128>,
}

impl Loader {
    fn problem(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem::unplaced(path, message.into()));
    }

    /// Deserialises every element of a collection on its own, so that one bad
    /// element does not hide the problems of the others.
    fn collection<T: DeserializeOwned>(
        &mut self,
        root: &serde_json::Map<String, Value>,
        name: &str,
    ) -> Vec<(usize, T)> {
        let Some(v) = root.get(name) else { return Vec::new() };
        let Some(items) = v.as_array() else {
            self.problem(format!("/{name}"), format!("`{name}` must be a list"));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            // The common case: the element is well formed, and is read from
            // the tree by reference, without a copy or a tracked path.
            if let Ok(t) = T::deserialize(item) {
                out.push((i, t));
                continue;
            }
            // On an error in one field, report it, drop the field and try
            // again, so that the element's other problems are found too.
            let mut item = item.clone();
            let mut reported: Vec<String> = Vec::new();
            loop {
                match serde_path_to_error::deserialize::<_, T>(&item) {
                    Ok(t) => {
                        out.push((i, t));
                        break;
                    }
                    Err(e) => {
                        let segments: Vec<String> = e
                            .path()
                            .iter()
                            .filter_map(|seg| match seg {
                                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                                serde_path_to_error::Segment::Map { key }
                                | serde_path_to_error::Segment::Enum { variant: key } => Some(locate::escape(key)),
                                serde_path_to_error::Segment::Unknown => None,
                            })
                            .collect();
                        let message = e.into_inner().to_string();
                        let field = segments.first().cloned();
                        let mut path = format!("/{name}/{i}");
                        for seg in &segments {
                            path.push('/');
                            path.push_str(seg);
                        }
                        // A missing field after dropping a bad one was reported already.
                        let already = message.starts_with("missing field")
                            && reported.iter().any(|f| message.contains(&format!("`{f}`")));
                        if !already {
                            self.problem(path, value_message(&message));
                        }
                        let removed = match (field, item.as_object_mut()) {
                            (Some(f), Some(obj)) if !already => obj.remove(&f).map(|_| f),
                            _ => None,
                        };
                        match removed {
                            Some(f) => reported.push(f),
                            None => break,
                        }
                    }
                }
            }
        }
        out
    }

    fn load(&mut self, value: &Value) -> Design {
        let mut design = Design::new("");
        let Some(root) = value.as_object() else {
            self.problem(String::new(), "a design file must be a JSON object with `version` and `name`");
            return design;
        };
        match root.get("version") {
            None => {
                self.problem(
                    String::new(),
                    format!("the field `version` is missing; this harkje reads version {VERSION}"),
                );
                return design;
            }
            Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
            Some(v) => {
                self.problem(
                    "/version".into(),
                    format!("unsupported version {v}; this harkje reads version {VERSION}"),
                );
                return design;
            }
        }
        match root.get(SCHEMA) {
            Some(Value::String(s)) => design.set_schema(Some(s.clone())),
            Some(_) => {
                self.problem(format!("/{SCHEMA}"), format!("`{SCHEMA}` must be a string: the address of a JSON Schema"))
            }
            None => {}
        }
        match root.get("name") {
            Some(Value::String(s)) => design.set_name(s.clone()),
            Some(_) => self.problem("/name".into(), "`name` must be a string"),
            None => self.problem(String::new(), "the field `name` is missing"),
        }
        let identifier = match root.get(IDENTIFIER) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.problem(
                    format!("/{IDENTIFIER}"),
                    format!("`{IDENTIFIER}` must be a string: the organisation's TOOI URI"),
                );
                None
            }
            None => None,
        };
        for k in root.keys() {
            if k != "version" && k != "name" && k != SCHEMA && k != IDENTIFIER && !COLLECTIONS.contains(&k.as_str()) {
                self.problem(
                    format!("/{}", locate::escape(k)),
                    format!(
                        "unknown field `{k}`; expected `version`, `name`, `$schema`, `{IDENTIFIER}` or one of {}",
                        COLLECTIONS.map(|c| format!("`{c}`")).join(", ")
                    ),
                );
            }
        }
        let posts_v1: Vec<(usize, PostV1)> = self.collection(root, "posts");
        let collections = Collections {
            roles: self.collection(root, "roles"),
            functions: self.collection(root, "functions"),
            units: self.collection(root, "units"),
            posts: posts_v1.iter().map(|(i, p)| (*i, PostIn::from(p))).collect(),
            people: self.collection(root, "people"),
            appointments: self.collection(root, "appointments"),
            assignments: self.collection(root, "assignments"),
            memberships: self.collection(root, "memberships"),
            parties: self.collection(root, "parties"),
            portfolios: self.collection(root, "portfolios"),
        };
        // Keys come from the raw elements, so that an element with a bad
        // field still counts as present and its references do not cascade.
        let keys = RawKeys {
            functions: raw_keys(root, "functions").collect(),
            units: raw_keys(root, "units").collect(),
            posts: raw_keys(root, "posts").collect(),
            people: raw_keys(root, "people").collect(),
            assignments: raw_keys(root, "assignments").collect(),
            parties: raw_keys(root, "parties").collect(),
        };
        let mut design = self.build(design, &collections, &keys, false);
        drop(collections);
        self.posts_into(&mut design);
        self.identifier(identifier, &mut design);
        design
    }

    /// Puts the posts that [`Loader::build`] read into the design, in one sweep.
    fn posts_into(&mut self, design: &mut Design) {
        design.extend_posts(std::mem::take(&mut self.posts));
    }

    /// Checks the elements of a design file and builds the design from them.
    /// `keys` holds the key of every element that has one, read or not.
    /// With `posts_read`, the posts are read apart (then `c` has none) and
    /// every reference to a post is noted in [`Loader::posts_to_check`]
    /// instead of looked up.
    fn build(&mut self, mut design: Design, c: &Collections<'_>, keys: &RawKeys<'_>, posts_read: bool) -> Design {
        let Collections { roles, functions, units, posts, people, appointments, assignments, memberships, .. } = c;
        // Keys first, so that references can be checked in any order.
        let mut role_keys = HashSet::new();
        for (i, r) in roles {
            if builtin_role(&r.key).is_some() {
                self.problem(
                    format!("/roles/{i}/key"),
                    format!("`{}` is a built-in role; give the custom role another key", r.key),
                );
            } else if !role_keys.insert(r.key.as_str()) {
                self.problem(format!("/roles/{i}/key"), format!("the role key `{}` is used twice", r.key));
            }
        }
        let function_keys: Keys<FunctionId> = self.keys("functions", keys.functions.iter().copied());
        let unit_keys: Keys<UnitId> = self.keys("units", keys.units.iter().copied());
        let post_keys: Keys<PostId> = if posts_read {
            Keys::Later(std::cell::RefCell::default())
        } else {
            self.keys("posts", keys.posts.iter().copied())
        };
        let person_keys: Keys<PersonId> = self.keys("people", keys.people.iter().copied());
        self.keys::<AssignmentId>("assignments", keys.assignments.iter().copied());
        let has_role = |k: &str| role_keys.contains(k) || builtin_role(k).is_some();
        self.parties(&c.parties, &keys.parties, &mut design);

        for (_, r) in roles {
            design.insert_unchecked(Element::Role(Role::from(r)));
        }
        for (i, f) in functions {
            let at = format!("/functions/{i}");
            for (j, t) in f.tasks.iter().enumerate() {
                if !(t.weight.is_finite() && t.weight > 0.0) {
                    self.problem(
                        format!("{at}/tasks/{j}/weight"),
                        format!("the weight of task `{}` is {}, but weights must be positive", t.name, t.weight),
                    );
                }
            }
            if let (Some(lo), Some(hi)) = (f.scale_min, f.scale_max)
                && hi < lo
            {
                self.problem(format!("{at}/scale_max"), format!("scale_max {hi} lies below scale_min {lo}"));
            }
            design.insert_unchecked(Element::Function(Function {
                id: FunctionId::from_key(&f.key),
                key: f.key.clone(),
                title: f.title.clone(),
                scale_min: f.scale_min,
                scale_max: f.scale_max,
                hr21: f.hr21.clone(),
                tasks: f.tasks.iter().map(|t| Task { name: t.name.clone(), weight: t.weight }).collect(),
            }));
        }
        let mut parents_of: FastHashMap<&str, Vec<&str>> = FastHashMap::default();
        parents_of.reserve(units.len());
        let mut place = String::new();
        let mut read_units = Vec::with_capacity(units.len());
        for (i, u) in units {
            let at = element_place(&mut place, "units", *i);
            let own = Period::new(u.from, u.until);
            if let Some(team) = &u.self_steering {
                if u.collective_leadership {
                    self.problem(
                        format!("{at}/self_steering"),
                        format!(
                            "unit `{}` is both led collectively and self-steering: a self-steering team has no leaders",
                            u.key
                        ),
                    );
                }
                let at = format!("{at}/self_steering");
                self.reference(&at, "accountable_to", team.accountable_to.as_deref(), &post_keys, "post");
                self.reference(&at, "coach", team.coach.as_deref(), &post_keys, "post");
            }
            self.period(at, u.from, u.until);
            let (parent, dated_parent) = self.timeline(at, "parent", u.parent.as_ref(), own, |l, at, f, k: &String| {
                l.resolve(at, f, k, &unit_keys, "unit")
            });
            let (kind, dated_kind) = self.timeline(at, "kind", Some(&u.kind), own, |_, _, _, k: &UnitKind| Some(*k));
            let head = u.head.as_deref().and_then(|k| self.resolve(at, "head", k, &post_keys, "post"));
            let named = parents_of.entry(u.key.as_str()).or_default();
            match &u.parent {
                Some(Timeline::Plain(p)) => named.push(p),
                Some(Timeline::Dated(list)) => named.extend(list.iter().map(|e| e.unit.as_str())),
                None => {}
            }
            let dated = UnitDated { parent: dated_parent, kind: dated_kind };
            let mut unit = Unit::new(u.key.clone(), u.name.clone(), kind.unwrap_or(UnitKind::Eenheid));
            unit.parent = parent;
            unit.head = head;
            unit.kernopdracht = u.kernopdracht.clone();
            unit.valid = own;
            unit.dated = (!dated.is_empty()).then(|| Box::new(dated));
            unit.collective_leadership = u.collective_leadership;
            unit.self_steering = u.self_steering.as_ref().map(|t| {
                let post =
                    |k: &Option<String>| k.as_deref().filter(|k| post_keys.contains_key(k)).map(PostId::from_key);
                SelfSteering::new(post(&t.accountable_to), post(&t.coach))
            });
            unit.contact = self.contact(at, u.contact.as_ref());
            read_units.push(unit);
        }
        design.insert_units_unchecked(read_units);
        self.unit_cycles(units, &parents_of);
        // The posts are read in file order (the records and the keys they
        // name are then mostly near in memory), each id derived once, and kept
        // aside until the records they are read from are freed: then they are
        // put in the order of their ids and the design's map of posts is built
        // in one sweep (see `Loader::posts_into`) instead of a million inserts
        // at random places.
        self.posts = Vec::with_capacity(posts.len());
        let mut place = String::new();
        let (mut last_unit, mut last_manager) = (LastKey::default(), LastKey::default());
        for (i, p) in posts {
            let id = post_keys.own(*i).unwrap_or_else(|| PostId::from_key(&p.key));
            let at = element_place(&mut place, "posts", *i);
            if !has_role(&p.role) {
                self.problem(
                    format!("{at}/role"),
                    format!(
                        "post `{}` has role `{}`, which is neither a built-in role nor in `roles`{}",
                        p.key,
                        p.role,
                        crate::suggest::did_you_mean(
                            &p.role,
                            crate::model::BUILTIN_ROLES.iter().map(|r| r.key.as_ref()).chain(role_keys.iter().copied())
                        )
                    ),
                );
            }
            let own = Period::new(p.from, p.until);
            self.period(at, p.from, p.until);
            let (function, dated_function) =
                self.timeline(at, "function", p.function.as_ref(), own, |l, at, f, k: &Str<'_>| {
                    l.resolve(at, f, k, &function_keys, "function")
                });
            let (unit, dated_unit) = self.timeline(at, "unit", p.unit.as_ref(), own, |l, at, f, k: &Str<'_>| {
                last_unit.resolve(l, at, f, k, &unit_keys, "unit")
            });
            let (reports_to, dated_reports_to) =
                self.timeline(at, "reports_to", p.reports_to.as_ref(), own, |l, at, f, k: &Str<'_>| {
                    last_manager.resolve(l, at, f, k, &post_keys, "post")
                });
            let (accountable_to, dated_accountable_to) =
                self.timeline(at, "accountable_to", p.accountable_to.as_ref(), own, |l, at, f, t: &TargetV1| {
                    l.target(at, f, Some(t), &unit_keys, &post_keys)
                });
            let (fte, dated_fte) = self.timeline(at, "fte", Some(&p.fte), own, |l, at, f, v: &f64| {
                l.in_range(at, f, Some(*v), MAX_FTE);
                Some(*v)
            });
            let (scale, dated_scale) = self.timeline(at, "scale", p.scale.as_ref(), own, |_, _, _, v: &u8| Some(*v));
            let (salary, dated_salary) = self.timeline(at, "salary", p.salary.as_ref(), own, |l, at, f, v: &f64| {
                l.in_range(at, f, Some(*v), MAX_SALARY);
                Some(*v)
            });
            let dated = PostDated {
                reports_to: dated_reports_to,
                unit: dated_unit,
                accountable_to: dated_accountable_to,
                function: dated_function,
                fte: dated_fte,
                scale: dated_scale,
                salary: dated_salary,
            };
            self.posts.push(Post {
                id,
                key: Text::from(&*p.key),
                title: Text::from(&*p.title),
                role: Text::from(&*p.role),
                function,
                fte: fte.unwrap_or(1.0),
                scale,
                salary,
                unit,
                reports_to,
                accountable_to,
                temporary: p.temporary,
                independent: p.independent,
                valid: own,
                dated: (!dated.is_empty()).then(|| Box::new(dated)),
            });
        }
        let mut read_people = Vec::with_capacity(people.len());
        for (i, p) in people {
            let at = format!("/people/{i}");
            self.in_range(&at, "fte", p.fte, MAX_FTE);
            // A preference may name a function of the new functieboek, which this design
            // does not have: its key is kept, and the transition checks it against the new design.
            read_people.push(Person {
                id: person_keys.own(*i).unwrap_or_else(|| PersonId::from_key(&p.key)),
                key: p.key.clone(),
                name: p.name.clone(),
                birth_date: p.birth_date,
                service_start: p.service_start,
                contract: p.contract,
                scale: p.scale,
                fte: p.fte,
                preferences: p
                    .preferences
                    .iter()
                    .filter(|k| function_keys.contains_key(k.as_str()))
                    .map(|k| FunctionId::from_key(k))
                    .collect(),
                // Kept only when a key names a function this design lacks, so that a design
                // read back equals the one built in code.
                preference_keys: if p.preferences.iter().all(|k| function_keys.contains_key(k.as_str())) {
                    Vec::new()
                } else {
                    p.preferences.clone()
                },
            });
        }
        design.insert_people_unchecked(read_people);
        let mut seen = FastHashSet::default();
        let mut read_appointments = Vec::with_capacity(appointments.len());
        for (i, a) in appointments {
            let at = format!("/appointments/{i}");
            let person = self.resolve(&at, "person", &a.person, &person_keys, "person");
            let post = self.resolve(&at, "post", &a.post, &post_keys, "post");
            self.in_range(&at, "fte", Some(a.fte), MAX_FTE);
            self.period(&at, a.from, a.until);
            let id = appointment_id(&a.person, &a.post, a.from);
            if !seen.insert(id) {
                self.problem(
                    at.clone(),
                    format!("`{}` is appointed to `{}` twice from the same day", a.person, a.post),
                );
            }
            if let (Some(person), Some(post)) = (person, post) {
                read_appointments.push(Appointment {
                    id,
                    person,
                    post,
                    fte: a.fte,
                    acting: a.acting,
                    valid: Period::new(a.from, a.until),
                });
            }
        }
        design.insert_appointments_unchecked(read_appointments);
        for (i, a) in assignments {
            let at = format!("/assignments/{i}");
            let ok_agent = self.reference(&at, "agent", Some(&a.agent), &post_keys, "post");
            let target = self.target(&at, "target", Some(&a.target), &unit_keys, &post_keys);
            let mut principals = self.principals(&at, a, &unit_keys, &post_keys).into_iter();
            let principal = principals.next();
            let escalation = self.target(&at, "escalation", a.escalation.as_ref(), &unit_keys, &post_keys);
            self.in_range(&at, "budget", a.budget, MAX_BUDGET);
            self.in_range(&at, "capacity", a.capacity, MAX_FTE);
            self.period(&at, a.from, a.until);
            if let (true, Some(target)) = (ok_agent, target) {
                design.insert_unchecked(Element::Assignment(Assignment {
                    id: AssignmentId::from_key(&a.key),
                    key: a.key.clone(),
                    kind: a.kind,
                    agent: PostId::from_key(&a.agent),
                    target,
                    principal,
                    goal: a.goal.clone(),
                    escalation,
                    mandate: a.mandate.clone(),
                    budget: a.budget,
                    capacity: a.capacity,
                    valid: Period::new(a.from, a.until),
                    delegated_principals: principals.collect(),
                }));
            }
        }
        let mut seen = HashSet::new();
        for (i, m) in memberships {
            let at = format!("/memberships/{i}");
            let ok_post = self.reference(&at, "post", Some(&m.post), &post_keys, "post");
            let ok_unit = self.reference(&at, "community", Some(&m.community), &unit_keys, "unit");
            self.period(&at, m.from, m.until);
            let id = membership_id(&m.community, &m.post, m.from);
            if !seen.insert(id) {
                self.problem(
                    at.clone(),
                    format!("post `{}` is a member of `{}` twice from the same day", m.post, m.community),
                );
            }
            if ok_post && ok_unit {
                design.insert_unchecked(Element::Membership(Membership {
                    id,
                    post: PostId::from_key(&m.post),
                    community: UnitId::from_key(&m.community),
                    valid: Period::new(m.from, m.until),
                }));
            }
        }
        self.portfolios(&c.portfolios, &mut design, &unit_keys, &post_keys);
        self.posts_to_check = post_keys.into_later();
        design
    }

    /// Reads the parties: their keys (reported when bad or used twice) and
    /// periods. Runs before the posts, whose `accountable_to` may name one.
    fn parties(&mut self, parties: &[(usize, PartyV1)], raw: &[(usize, &str)], design: &mut Design) {
        self.keys::<PartyId>("parties", raw.iter().copied());
        let keys: HashSet<String> =
            raw.iter().filter(|(_, k)| key_problem(k).is_none()).map(|(_, k)| (*k).to_owned()).collect();
        for (i, p) in parties {
            self.period(&format!("/parties/{i}"), p.from, p.until);
            design.insert_unchecked(Element::Party(Party {
                id: PartyId::from_key(&p.key),
                key: p.key.clone(),
                name: p.name.clone(),
                kind: p.kind,
                valid: Period::new(p.from, p.until),
            }));
        }
        self.party_keys = keys;
    }

    /// Resolves an assignment's principal, one target or a chain, in order.
    /// A chain may not be empty or name one principal twice, and a chain of
    /// more than one may not name the agent (a single principal may, as it
    /// always could); each link is placed at its index.
    fn principals(&mut self, at: &str, a: &AssignmentV1, units: &Keys<UnitId>, posts: &Keys<PostId>) -> Vec<Target> {
        let Some(principal) = &a.principal else { return Vec::new() };
        let chain = matches!(principal, PrincipalV1::Chain(_));
        let links = principal.targets().len();
        if principal.targets().is_empty() {
            self.problem(
                format!("{at}/principal"),
                "the chain of principals is empty; leave `principal` out or name at least one",
            );
        }
        let mut out = Vec::with_capacity(principal.targets().len());
        let mut first_at: HashMap<&TargetV1, usize> = HashMap::new();
        for (j, t) in principal.targets().iter().enumerate() {
            let (base, field) = if chain {
                (format!("{at}/principal"), j.to_string())
            } else {
                (at.to_owned(), "principal".to_owned())
            };
            if let Some(&first) = first_at.get(t) {
                self.problem(
                    format!("{base}/{field}"),
                    format!(
                        "the chain of principals names {} twice (first at position {}); a commission cannot come back to who passed it on",
                        target_words(t),
                        first + 1
                    ),
                );
                continue;
            }
            first_at.insert(t, j);
            if links > 1 && matches!(t, TargetV1::Post(k) if *k == a.agent) {
                self.problem(
                    format!("{base}/{field}"),
                    format!("the chain of principals names the agent `{}` itself; a post cannot commission its own assignment", a.agent),
                );
                continue;
            }
            out.extend(self.target(&base, &field, Some(t), units, posts));
        }
        out
    }

    /// Reads the portfolios (aandachtsgebieden), checked like memberships.
    fn portfolios(
        &mut self,
        portfolios: &[(usize, PortfolioV1)],
        design: &mut Design,
        units: &Keys<UnitId>,
        posts: &Keys<PostId>,
    ) {
        let mut seen = HashSet::new();
        for (i, f) in portfolios {
            let at = format!("/portfolios/{i}");
            let ok_post = self.reference(&at, "post", Some(&f.post), posts, "post");
            let ok_unit = self.reference(&at, "unit", Some(&f.unit), units, "unit");
            self.period(&at, f.from, f.until);
            let id = portfolio_id(&f.post, &f.unit, f.from);
            if !seen.insert(id) {
                self.problem(
                    at.clone(),
                    format!("post `{}` holds `{}` as a portfolio twice from the same day", f.post, f.unit),
                );
            }
            if ok_post && ok_unit {
                design.insert_unchecked(Element::Portfolio(Portfolio {
                    id,
                    post: PostId::from_key(&f.post),
                    unit: UnitId::from_key(&f.unit),
                    valid: Period::new(f.from, f.until),
                }));
            }
        }
    }

    /// Collects the keys of a collection and reports duplicates. Maps each key to its index.
    fn keys<'a, I: KeyId>(&mut self, name: &str, items: impl ExactSizeIterator<Item = (usize, &'a str)>) -> Keys<I> {
        let mut keys = FastHashMap::default();
        keys.reserve(items.len());
        let mut own = Vec::with_capacity(items.len());
        for (i, k) in items {
            if let Some(m) = key_problem(k) {
                self.problem(format!("/{name}/{i}/key"), m);
                continue;
            }
            let id = I::of_key(k);
            if own.len() <= i {
                own.resize(i + 1, None);
            }
            if let Some(slot) = own.get_mut(i) {
                *slot = Some(id);
            }
            if let Some(first) = keys.insert(id, i) {
                keys.insert(id, first);
                self.problem(
                    format!("/{name}/{i}/key"),
                    format!("the key `{k}` is used twice in `{name}` (first at /{name}/{first})"),
                );
            }
        }
        Keys::Hashed(keys, own)
    }

    /// The id of a reference's key, or `None` with the problem reported.
    fn resolve<I: KeyId>(&mut self, at: &str, field: &str, key: &str, keys: &Keys<I>, what: &str) -> Option<I> {
        let id = keys.id(key);
        if id.is_none() {
            self.reference(at, field, Some(key), keys, what);
        }
        id
    }

    fn reference<I: KeyId>(&mut self, at: &str, field: &str, key: Option<&str>, keys: &Keys<I>, what: &str) -> bool {
        // Asked once: a key taken on trust is noted each time it is asked.
        let known = key.is_none_or(|k| keys.contains_key(k));
        match key {
            Some(k) if !known && self.party_keys.contains(k) => {
                let line = if field == "reports_to" || at.contains("/reports_to/") {
                    "; a party is never a line manager: name it in `accountable_to` instead"
                } else {
                    ""
                };
                self.problem(
                    format!("{at}/{field}"),
                    format!("`{field}` names `{k}`, which is a party, not a {what}{line}"),
                );
                false
            }
            Some(k) if !known => {
                self.problem(
                    format!("{at}/{field}"),
                    format!("`{field}` refers to {what} `{k}`, which is not in the design"),
                );
                false
            }
            _ => true,
        }
    }

    fn target(
        &mut self,
        at: &str,
        field: &str,
        t: Option<&TargetV1>,
        units: &Keys<UnitId>,
        posts: &Keys<PostId>,
    ) -> Option<Target> {
        let base = if field.is_empty() { at.to_owned() } else { format!("{at}/{field}") };
        match t? {
            TargetV1::Post(k) => {
                self.reference(&base, "post", Some(k), posts, "post").then(|| Target::Post(PostId::from_key(k)))
            }
            TargetV1::Unit(k) => {
                self.reference(&base, "unit", Some(k), units, "unit").then(|| Target::Unit(UnitId::from_key(k)))
            }
            TargetV1::Party(k) => {
                if self.party_keys.contains(k.as_str()) {
                    Some(Target::Party(PartyId::from_key(k)))
                } else {
                    self.problem(
                        format!("{base}/party"),
                        format!("`party` refers to party `{k}`, which is not in the design"),
                    );
                    None
                }
            }
        }
    }

    /// Reads a field that is plain or dated. `read` checks one value, given
    /// the place to report at (the element's path and the field name for a
    /// plain value, the entry's path and its value's name for a dated one),
    /// and returns it in the model's terms. Returns the plain value (for a
    /// dated field, the value of its last period) and the dated values, in
    /// order of their start; the periods are checked against each other and
    /// against the element's own period `own`.
    fn timeline<P, D, X: Copy>(
        &mut self,
        at: &str,
        field: &str,
        given: Option<&Timeline<P, D>>,
        own: Period,
        mut read: impl FnMut(&mut Self, &str, &str, &P) -> Option<X>,
    ) -> (Option<X>, Vec<Dated<X>>)
    where
        D: DatedEntry,
        P: From<D::Value>,
    {
        let list = match given {
            None => return (None, Vec::new()),
            Some(Timeline::Plain(v)) => return (read(self, at, field, v), Vec::new()),
            Some(Timeline::Dated(list)) => list,
        };
        if list.is_empty() {
            self.problem(format!("{at}/{field}"), format!("`{field}` is an empty list; leave it out instead"));
        }
        let mut values = Vec::with_capacity(list.len());
        let mut periods = Vec::with_capacity(list.len());
        for (i, e) in list.iter().enumerate() {
            let entry = format!("{at}/{field}/{i}");
            let valid = Period::new(e.from(), e.until());
            periods.push(Dated::new((), valid));
            match e.value() {
                Some(v) => {
                    if let Some(x) = read(self, &entry, D::FIELD, &P::from(v)) {
                        values.push(Dated::new(x, valid));
                    }
                }
                None => self.problem(entry, D::MISSING.to_owned()),
            }
        }
        for problem in period_problems(&periods, own) {
            let i = problem.index();
            let place = match problem {
                PeriodProblem::Empty { .. } => "/until",
                PeriodProblem::Overlap { .. } => "/from",
                _ => "",
            };
            self.problem(format!("{at}/{field}/{i}{place}"), problem.message(field, own));
        }
        sort_by_start(&mut values);
        (last_value(&values), values)
    }

    fn in_range(&mut self, at: &str, field: &str, v: Option<f64>, max: f64) {
        if let Some(m) = v.and_then(|v| out_of_range(v, max)) {
            self.problem(format!("{at}/{field}"), format!("`{field}` {m}"));
        }
    }

    fn period(&mut self, at: &str, from: Option<Date>, until: Option<Date>) {
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            self.problem(format!("{at}/until"), format!("`until` {u} lies before `from` {f}"));
        }
    }

    /// Reports every cycle in the placement of units (unit in unit in …
    /// itself). A unit with dated parents counts as placed in each of them:
    /// a unit may never be placed under a unit that is ever placed under it,
    /// so that the placement is a tree on every day and the check stays
    /// linear.
    fn unit_cycles(&mut self, units: &[(usize, UnitV1)], parents_of: &FastHashMap<&str, Vec<&str>>) {
        let dated: HashSet<&str> = units
            .iter()
            .filter(|(_, u)| matches!(u.parent, Some(Timeline::Dated(_))))
            .map(|(_, u)| u.key.as_str())
            .collect();
        let index: KeyMap<'_> = units.iter().map(|(i, u)| (u.key.as_str(), *i)).collect();
        // The distinct keys in order of first appearance, numbered.
        let mut keys: Vec<&str> = Vec::new();
        let mut number: KeyMap<'_> = KeyMap::default();
        for (_, u) in units {
            number.entry(u.key.as_str()).or_insert_with(|| {
                keys.push(u.key.as_str());
                keys.len() - 1
            });
        }
        let parents: Vec<Vec<usize>> = keys
            .iter()
            .map(|k| parents_of.get(k).into_iter().flatten().filter_map(|p| number.get(p).copied()).collect())
            .collect();
        for cycle in crate::cycles::cycles_among(keys.len(), |k| &parents[k], MAX_CYCLES_SHOWN) {
            let shown: Vec<&str> = cycle.iter().chain(cycle.first()).map(|&k| keys[k]).collect();
            let dated = cycle.iter().any(|&k| dated.contains(keys[k]));
            let why = if dated { "; every dated parent counts, whatever its period" } else { "" };
            let first = cycle.iter().map(|&k| keys[k]).min().unwrap_or("");
            let i = index.get(first).copied().unwrap_or(0);
            self.problem(
                format!("/units/{i}/parent"),
                format!(
                    "units are placed in each other in a cycle: {}{why}",
                    shown.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" in ")
                ),
            );
        }
    }
}

/// At most this many placement cycles are reported; they are fixed one by one.
const MAX_CYCLES_SHOWN: usize = 1000;

/// The `key` of every element of a collection that has a string key.
impl Loader {
    /// Checks the organisation's identifier and sets it: a TOOI URI.
    fn identifier(&mut self, identifier: Option<String>, design: &mut Design) {
        let Some(identifier) = identifier else { return };
        if let Err(problem) = design.set_identifier(Some(identifier.clone())) {
            self.problem(
                format!("/{IDENTIFIER}"),
                format!("`{IDENTIFIER}` `{identifier}` is not a TOOI URI: {problem}"),
            );
        }
    }

    /// Checks a unit's contact details: each problem at its field. An empty
    /// contact (`{}`) is not kept, so that saving leaves it out.
    fn contact(&mut self, at: &str, contact: Option<&ContactV1>) -> Option<Box<Contact>> {
        let c = contact?;
        let address = |a: &AddressV1| Address::new(a.street.clone(), a.postcode.clone(), a.city.clone());
        let out = Contact {
            visiting_address: c.visiting_address.as_ref().map(address),
            postal_address: c.postal_address.as_ref().map(address),
            phone: c.phone.clone(),
            email: c.email.clone(),
            website: c.website.clone(),
        };
        let problems = contact_problems(&out);
        for (field, message) in problems.iter() {
            self.problem(format!("{at}/contact/{field}"), message.clone());
        }
        (problems.is_empty() && !out.is_empty()).then(|| Box::new(out))
    }
}

fn raw_keys<'a>(root: &'a serde_json::Map<String, Value>, name: &str) -> impl Iterator<Item = (usize, &'a str)> {
    root.get(name)
        .and_then(Value::as_array)
        .into_iter()
        .flat_map(|items| items.iter().enumerate())
        .filter_map(|(i, item)| item.get("key").and_then(Value::as_str).map(|k| (i, k)))
}

/// A target in words, for messages: ``post `gs` ``.
fn target_words(t: &TargetV1) -> String {
    match t {
        TargetV1::Post(k) => format!("post `{k}`"),
        TargetV1::Unit(k) => format!("unit `{k}`"),
        TargetV1::Party(k) => format!("party `{k}`"),
    }
}

/// Turns a serde message into harkje's style: lowercase, no final period.
fn value_message(msg: &str) -> String {
    let msg = msg.trim_end_matches('.');
    // serde quotes the offending text in double quotes; harkje uses backticks.
    let msg = &crate::problem::serde_words(&backtick_first_quote(msg));
    if msg.starts_with("missing field") || msg.starts_with("unknown field") || msg.starts_with("unknown variant") {
        msg.to_owned()
    } else {
        format!("wrong value: {msg}")
    }
}

/// The canonical file form of a design as the version 1 types: collections
/// sorted by key, references written as keys.
pub fn to_v1(design: &Design) -> DesignFile {
    to_v1_parts(&Writer::new(design, true), true)
}

/// [`to_v1`], with the posts or without them.
fn to_v1_parts(w: &Writer<'_>, with_posts: bool) -> DesignFile {
    let Writer { design, unit_keys, function_keys, .. } = w;
    let design = *design;
    let pk = |id: PostId| w.post_key(id).to_owned();
    let uk = |id: UnitId| unit_keys.get(&id).map(|k| (*k).to_owned()).unwrap_or_default();
    let fk = |id: FunctionId| function_keys.get(&id).map(|k| (*k).to_owned()).unwrap_or_default();
    let tk = |t: Target| match t {
        Target::Post(p) => TargetV1::Post(pk(p)),
        Target::Unit(u) => TargetV1::Unit(uk(u)),
        Target::Party(p) => TargetV1::Party(design.party(p).map(|p| p.key.clone()).unwrap_or_default()),
    };
    let mut roles: Vec<RoleV1> = design.custom_roles().map(RoleV1::from).collect();
    roles.sort_by(|a, b| a.key.cmp(&b.key));
    let mut functions: Vec<FunctionV1> = design
        .functions()
        .map(|f| FunctionV1 {
            key: f.key.clone(),
            title: f.title.clone(),
            scale_min: f.scale_min,
            scale_max: f.scale_max,
            hr21: f.hr21.clone(),
            tasks: f.tasks.iter().map(|t| TaskV1 { name: t.name.clone(), weight: t.weight }).collect(),
        })
        .collect();
    functions.sort_by(|a, b| a.key.cmp(&b.key));
    // Sorted as references, then written: sorting the written elements
    // would move each of them many times.
    let units: Vec<UnitV1> = by_key(design.units(), |e| &e.key)
        .into_iter()
        .map(|u| UnitV1 {
            key: u.key.clone(),
            name: u.name.clone(),
            kind: timeline_out(Some(u.kind), u.dated.as_ref().map(|d| d.kind.as_slice()), |k| k)
                .unwrap_or(Timeline::Plain(u.kind)),
            parent: timeline_out(u.parent, u.dated.as_ref().map(|d| d.parent.as_slice()), uk),
            head: u.head.map(pk),
            kernopdracht: u.kernopdracht.clone(),
            from: u.valid.from,
            until: u.valid.until,
            collective_leadership: u.collective_leadership,
            self_steering: u
                .self_steering
                .map(|t| SelfSteeringV1 { accountable_to: t.accountable_to.map(pk), coach: t.coach.map(pk) }),
            contact: u.contact.as_deref().map(contact_v1),
        })
        .collect();
    let posts: Vec<PostV1> = (if with_posts { by_key(design.posts(), |e| &e.key) } else { Vec::new() })
        .into_iter()
        .map(|p| PostV1 {
            key: p.key.to_string(),
            title: p.title.to_string(),
            role: p.role.to_string(),
            function: timeline_out(p.function, p.dated.as_ref().map(|d| d.function.as_slice()), fk),
            fte: timeline_out(Some(p.fte), p.dated.as_ref().map(|d| d.fte.as_slice()), |f| f)
                .unwrap_or(Timeline::Plain(p.fte)),
            scale: timeline_out(p.scale, p.dated.as_ref().map(|d| d.scale.as_slice()), |s| s),
            salary: timeline_out(p.salary, p.dated.as_ref().map(|d| d.salary.as_slice()), |s| s),
            unit: timeline_out(p.unit, p.dated.as_ref().map(|d| d.unit.as_slice()), uk),
            reports_to: timeline_out(p.reports_to, p.dated.as_ref().map(|d| d.reports_to.as_slice()), pk),
            accountable_to: timeline_out(p.accountable_to, p.dated.as_ref().map(|d| d.accountable_to.as_slice()), tk),
            temporary: p.temporary,
            independent: p.independent,
            from: p.valid.from,
            until: p.valid.until,
        })
        .collect();
    let people: Vec<PersonV1> = by_key(design.people(), |e| &e.key)
        .into_iter()
        .map(|p| PersonV1 {
            key: p.key.clone(),
            name: p.name.clone(),
            birth_date: p.birth_date,
            service_start: p.service_start,
            contract: p.contract,
            scale: p.scale,
            fte: p.fte,
            preferences: preference_keys(p, &fk),
        })
        .collect();
    let mut appointments: Vec<AppointmentV1> = design
        .appointments()
        .map(|a| AppointmentV1 {
            person: design.person(a.person).map(|p| p.key.clone()).unwrap_or_default(),
            post: pk(a.post),
            fte: a.fte,
            acting: a.acting,
            from: a.valid.from,
            until: a.valid.until,
        })
        .collect();
    appointments.sort_by(|a, b| (&a.person, &a.post, a.from).cmp(&(&b.person, &b.post, b.from)));
    let mut assignments: Vec<AssignmentV1> = design
        .assignments()
        .map(|a| AssignmentV1 {
            key: a.key.clone(),
            kind: a.kind,
            agent: pk(a.agent),
            target: tk(a.target),
            principal: match (a.principal, a.delegated_principals.is_empty()) {
                (None, _) => None,
                (Some(p), true) => Some(PrincipalV1::One(tk(p))),
                (Some(_), false) => Some(PrincipalV1::Chain(a.principals().map(tk).collect())),
            },
            goal: a.goal.clone(),
            escalation: a.escalation.map(tk),
            mandate: a.mandate.clone(),
            budget: a.budget,
            capacity: a.capacity,
            from: a.valid.from,
            until: a.valid.until,
        })
        .collect();
    assignments.sort_by(|a, b| a.key.cmp(&b.key));
    let mut memberships: Vec<MembershipV1> = design
        .memberships()
        .map(|m| MembershipV1 {
            post: pk(m.post),
            community: uk(m.community),
            from: m.valid.from,
            until: m.valid.until,
        })
        .collect();
    memberships.sort_by(|a, b| (&a.community, &a.post, a.from).cmp(&(&b.community, &b.post, b.from)));
    DesignFile {
        schema: design.schema().map(str::to_owned),
        version: VERSION,
        name: design.name().to_owned(),
        roles,
        functions,
        units,
        posts,
        people,
        appointments,
        assignments,
        memberships,
        parties: parties_v1(design),
        portfolios: portfolios_v1(design),
        identifier: design.identifier().map(str::to_owned),
    }
}

/// A unit's contact details in the file's form.
fn contact_v1(c: &Contact) -> ContactV1 {
    let address =
        |a: &Address| AddressV1 { street: a.street.clone(), postcode: a.postcode.clone(), city: a.city.clone() };
    ContactV1 {
        visiting_address: c.visiting_address.as_ref().map(address),
        postal_address: c.postal_address.as_ref().map(address),
        phone: c.phone.clone(),
        email: c.email.clone(),
        website: c.website.clone(),
    }
}

/// The elements in the order of their keys (a stable sort, so elements with
/// equal keys keep their order, as a sort of the written elements would).
fn by_key<'a, T>(items: impl ExactSizeIterator<Item = &'a T>, key: impl Fn(&T) -> &str) -> Vec<&'a T> {
    let mut sorted: Vec<&T> = items.collect();
    sorted.sort_by(|a, b| key(a).cmp(key(b)));
    sorted
}

/// The key of each id, for writing references.
fn key_index<'a, I: std::hash::Hash + Eq>(
    items: impl ExactSizeIterator<Item = (I, &'a str)>,
) -> FastHashMap<I, &'a str> {
    let mut index = FastHashMap::default();
    index.reserve(items.len());
    index.extend(items);
    index
}

/// A field in the file's terms: its dated values when it has any, else its
/// plain value.
fn timeline_out<X: Copy, P, D: DatedEntry<Value = P>>(
    plain: Option<X>,
    dated: Option<&[Dated<X>]>,
    value: impl Fn(X) -> P,
) -> Option<Timeline<P, D>> {
    match dated {
        Some(list) if !list.is_empty() => {
            Some(Timeline::Dated(list.iter().map(|d| D::make(value(d.value), d.valid.from, d.valid.until)).collect()))
        }
        _ => plain.map(|x| Timeline::Plain(value(x))),
    }
}

/// The parties in file form, sorted by key.
fn parties_v1(design: &Design) -> Vec<PartyV1> {
    let mut parties: Vec<PartyV1> = design
        .parties()
        .map(|p| PartyV1 {
            key: p.key.clone(),
            name: p.name.clone(),
            kind: p.kind,
            from: p.valid.from,
            until: p.valid.until,
        })
        .collect();
    parties.sort_by(|a, b| a.key.cmp(&b.key));
    parties
}

/// The portfolios in file form, sorted by post, unit and start.
fn portfolios_v1(design: &Design) -> Vec<PortfolioV1> {
    let pk = |id: PostId| design.post(id).map(|p| p.key.to_string()).unwrap_or_default();
    let uk = |id: UnitId| design.unit(id).map(|u| u.key.clone()).unwrap_or_default();
    let mut portfolios: Vec<PortfolioV1> = design
        .portfolios()
        .map(|f| PortfolioV1 { post: pk(f.post), unit: uk(f.unit), from: f.valid.from, until: f.valid.until })
        .collect();
    portfolios.sort_by(|a, b| (&a.post, &a.unit, a.from).cmp(&(&b.post, &b.unit, b.from)));
    portfolios
}

/// A design as canonical JSON: two-space indent, collections sorted by key,
/// fields in a fixed order, empty fields left out, and a final newline.
/// Saving, loading and saving again gives the same bytes.
pub fn to_json(design: &Design) -> String {
    to_json_in_halves_from(design, TWO_HALVES_FROM)
}

/// [`to_json`], with the posts written in two halves at once from this many on.
fn to_json_in_halves_from(design: &Design, two_halves_from: usize) -> String {
    // The posts, nearly all of a large design, are written straight from the
    // design's own strings (see `Writer::write_post`); every other collection
    // as `to_v1` has it, through serde, before and after them. Serialising
    // plain data into a String cannot fail.
    let out = Writer::new(design, false);
    // The members around the posts and the posts in order, at once.
    let two_halves = design.posts().len() >= two_halves_from;
    let ((head, tail), posts) = crate::par::both(|| around_posts(&out), || posts_by_key(design), two_halves);
    let mut s = String::with_capacity(head.len() + tail.len() + 64);
    // The head's members, without its closing brace (it has `version` and `name`).
    s.push_str(head.strip_suffix("\n}").unwrap_or(&head));
    if !posts.is_empty() {
        s.push_str(",\n  \"posts\": [");
        out.write_posts(&mut s, &posts, tail.len() + 8, two_halves);
        s.push_str("\n  ]");
    }
    // The tail's members after a comma, with its closing brace.
    match tail.strip_prefix('{') {
        Some(members) if members != "}" => {
            s.push(',');
            s.push_str(members);
        }
        _ => s.push_str("\n}"),
    }
    s.push('\n');
    s
}

/// The members a design file writes before its posts and after them, each
/// pretty-printed by serde as a whole object.
fn around_posts(out: &Writer<'_>) -> (String, String) {
    let mut rest = to_v1_parts(out, false);
    let head = DesignHead {
        schema: rest.schema.take(),
        version: rest.version,
        name: std::mem::take(&mut rest.name),
        roles: &rest.roles,
        functions: &rest.functions,
        units: &rest.units,
    };
    let tail = DesignTail {
        people: &rest.people,
        appointments: &rest.appointments,
        assignments: &rest.assignments,
        memberships: &rest.memberships,
        parties: &rest.parties,
        portfolios: &rest.portfolios,
        identifier: rest.identifier.take(),
    };
    (serde_json::to_string_pretty(&head).unwrap_or_default(), serde_json::to_string_pretty(&tail).unwrap_or_default())
}

/// The key of each post's plain line manager, for the posts in the order
/// given (empty for none), found along the design's posts
/// ([`keys_along_posts`]).
fn manager_keys<'a>(design: &'a Design, posts: &[&Post]) -> Vec<&'a str> {
    keys_along_posts(design, posts.iter().map(|p| p.reports_to))
}

/// The key of each post named, in the order given (empty for none or for
/// a post the design lacks): the ids are sorted with their places and met
/// in one walk along the design's posts, in the order of their ids, so
/// that no table of a million keys is built and searched at random.
fn keys_along_posts(design: &Design, ids: impl ExactSizeIterator<Item = Option<PostId>>) -> Vec<&str> {
    let mut keys = vec![""; ids.len()];
    let mut wanted: Vec<(u128, u32)> =
        ids.enumerate().filter_map(|(i, id)| id.map(|m| (m.as_uuid().as_u128(), i as u32))).collect();
    wanted.sort_unstable();
    let mut all = design.posts().peekable();
    for (id, i) in wanted {
        while all.next_if(|p| p.id.as_uuid().as_u128() < id).is_some() {}
        if let (Some(p), Some(key)) = (all.peek(), keys.get_mut(i as usize))
            && p.id.as_uuid().as_u128() == id
        {
            *key = p.key.as_str();
        }
    }
    keys
}

/// The keys of the posts the design's units name (their heads, and the
/// posts self-steering teams answer to and are coached by), when they name
/// so many that one walk along the posts ([`keys_along_posts`]) costs less
/// than a search for each: a design of a million posts may have fifty
/// thousand unit heads, and each search would miss the cache at every step.
/// Else empty, and each post is searched, as the posts other elements name
/// always are.
fn named_post_keys(design: &Design) -> FastHashMap<PostId, &str> {
    let mut ids: Vec<PostId> = Vec::new();
    for u in design.units() {
        ids.extend(u.head);
        if let Some(team) = u.self_steering {
            ids.extend(team.accountable_to.into_iter().chain(team.coach));
        }
    }
    // A walk reads every post; a search a few dozen at random.
    if ids.len() * WALK_PER_SEARCH < design.posts().len() {
        return FastHashMap::default();
    }
    let keys = keys_along_posts(design, ids.iter().map(|&id| Some(id)));
    ids.into_iter().zip(keys).filter(|(_, key)| !key.is_empty()).collect()
}

/// Posts walked in the time of one search for a post: a choice, not measured.
const WALK_PER_SEARCH: usize = 32;

/// The posts sorted by key as the file has them: by the first eight bytes of
/// the key held beside each post (no pointer followed for most comparisons),
/// then by the whole key.
fn posts_by_key(design: &Design) -> Vec<&Post> {
    let prefix = |k: &str| {
        let mut b = [0u8; 8];
        let n = k.len().min(8);
        b[..n].copy_from_slice(&k.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let mut sorted: Vec<(u64, &Post)> = design.posts().map(|p| (prefix(&p.key), p)).collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
    sorted.into_iter().map(|(_, p)| p).collect()
}

/// What writing needs: the key of every element a reference may name. Every
/// reference is written as a key: one hash lookup each, instead of a search
/// of the design's ordered maps. The posts' own managers, a million at most,
/// are found without a table when the file is written ([`manager_keys`]);
/// the few other references to posts are then looked up in the design.
struct Writer<'a> {
    design: &'a Design,
    post_keys: Option<FastHashMap<PostId, &'a str>>,
    /// Without `post_keys`: the keys of the posts the units name, when they
    /// name many ([`named_post_keys`]).
    named: FastHashMap<PostId, &'a str>,
    unit_keys: FastHashMap<UnitId, &'a str>,
    function_keys: FastHashMap<FunctionId, &'a str>,
}

impl<'a> Writer<'a> {
    /// `post_keys`: whether to index the keys of the posts.
    fn new(design: &'a Design, post_keys: bool) -> Self {
        Writer {
            design,
            post_keys: post_keys.then(|| key_index(design.posts().map(|p| (p.id, p.key.as_str())))),
            named: if post_keys { FastHashMap::default() } else { named_post_keys(design) },
            unit_keys: key_index(design.units().map(|u| (u.id, u.key.as_str()))),
            function_keys: key_index(design.functions().map(|f| (f.id, f.key.as_str()))),
        }
    }

    /// The key of a post (empty when the design has none with this id).
    fn post_key(&self, id: PostId) -> &'a str {
        let key = match &self.post_keys {
            Some(keys) => keys.get(&id).copied(),
            None => self.named.get(&id).copied().or_else(|| self.design.post(id).map(|p| p.key.as_str())),
        };
        key.unwrap_or_default()
    }

    fn post(&self, p: &'a Post) -> PostOut<'a> {
        let pk = |id: PostId| self.post_key(id);
        let uk = |id: UnitId| self.unit_keys.get(&id).copied().unwrap_or_default();
        let fk = |id: FunctionId| self.function_keys.get(&id).copied().unwrap_or_default();
        let tk = |t: Target| match t {
            Target::Post(p) => TargetV1::Post(pk(p).to_owned()),
            Target::Unit(u) => TargetV1::Unit(uk(u).to_owned()),
            Target::Party(p) => TargetV1::Party(self.design.party(p).map(|p| p.key.clone()).unwrap_or_default()),
        };
        let dated = p.dated.as_deref();
        PostOut {
            key: &p.key,
            title: &p.title,
            role: &p.role,
            function: timeline_borrowed(p.function, dated.map(|d| d.function.as_slice()), fk),
            fte: timeline_out(Some(p.fte), dated.map(|d| d.fte.as_slice()), |f| f).unwrap_or(Timeline::Plain(p.fte)),
            scale: timeline_out(p.scale, dated.map(|d| d.scale.as_slice()), |s| s),
            salary: timeline_out(p.salary, dated.map(|d| d.salary.as_slice()), |s| s),
            unit: timeline_borrowed(p.unit, dated.map(|d| d.unit.as_slice()), uk),
            reports_to: timeline_borrowed(p.reports_to, dated.map(|d| d.reports_to.as_slice()), pk),
            accountable_to: timeline_out(p.accountable_to, dated.map(|d| d.accountable_to.as_slice()), tk),
            temporary: p.temporary,
            independent: p.independent,
            from: p.valid.from,
            until: p.valid.until,
        }
    }
}

/// [`timeline_out`] for a reference: a plain value borrowed from the design,
/// dated values (rare) as the file's owned entries.
fn timeline_borrowed<'a, X: Copy, D: DatedEntry<Value = String>>(
    plain: Option<X>,
    dated: Option<&[Dated<X>]>,
    key: impl Fn(X) -> &'a str,
) -> Option<Timeline<&'a str, D>> {
    match dated {
        Some(list) if !list.is_empty() => Some(Timeline::Dated(
            list.iter().map(|d| D::make(key(d.value).to_owned(), d.valid.from, d.valid.until)).collect(),
        )),
        _ => plain.map(|x| Timeline::Plain(key(x))),
    }
}

fn is_default_role_out(r: &&str) -> bool {
    *r == "medewerker"
}

fn is_one_timeline_out(t: &Timeline<f64, DatedFteV1>) -> bool {
    matches!(t, Timeline::Plain(x) if *x == 1.0)
}

fn is_false_out(b: &bool) -> bool {
    !*b
}

/// A post as [`PostV1`] writes it, its strings borrowed from the design: the
/// same fields in the same order with the same rules for leaving them out,
/// so the bytes are the same (the canonical-output tests compare them).
#[derive(serde::Serialize)]
struct PostOut<'a> {
    key: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "is_default_role_out")]
    role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    function: Option<Timeline<&'a str, DatedFunctionV1>>,
    #[serde(skip_serializing_if = "is_one_timeline_out")]
    fte: Timeline<f64, DatedFteV1>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<Timeline<u8, DatedScaleV1>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salary: Option<Timeline<f64, DatedSalaryV1>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Timeline<&'a str, DatedUnitV1>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reports_to: Option<Timeline<&'a str, DatedPostV1>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accountable_to: Option<Timeline<TargetV1, DatedTargetV1>>,
    #[serde(skip_serializing_if = "is_false_out")]
    temporary: bool,
    #[serde(skip_serializing_if = "is_false_out")]
    independent: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<Date>,
}

/// The members of a design file that [`DesignFile`] writes before its posts.
#[derive(serde::Serialize)]
struct DesignHead<'a> {
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    schema: Option<String>,
    version: u32,
    name: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    roles: &'a [RoleV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    functions: &'a [FunctionV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    units: &'a [UnitV1],
}

/// The members of a design file that [`DesignFile`] writes after its posts.
#[derive(serde::Serialize)]
struct DesignTail<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    people: &'a [PersonV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    appointments: &'a [AppointmentV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    assignments: &'a [AssignmentV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    memberships: &'a [MembershipV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    parties: &'a [PartyV1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    portfolios: &'a [PortfolioV1],
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<String>,
}

/// Writes a JSON string as serde_json does: quoted, with `"`, `\\` and the
/// control characters escaped (most keys and titles have none, and are
/// copied as they are).
fn write_str(s: &mut String, text: &str) {
    if nothing_to_escape(text.as_bytes()) {
        s.push('"');
        s.push_str(text);
        s.push('"');
    } else {
        s.push_str(&serde_json::to_string(text).unwrap_or_default());
    }
}

/// Whether a JSON string needs no escape: no `"`, `\\` or control character.
/// Eight bytes are looked at at once (the bit tests of "Bit Twiddling
/// Hacks": a byte below 0x20, a zero byte after `^ '"'` or `^ '\\'`), the
/// few bytes after them one by one.
fn nothing_to_escape(text: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS != 0;
    let mut chunks = text.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else { return false };
        let v = u64::from_ne_bytes(eight);
        if below(v, 0x20) || below(v ^ (ONES * u64::from(b'"')), 1) || below(v ^ (ONES * u64::from(b'\\')), 1) {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
}

/// The key of an id, written for a reference (empty when the id has none).
fn key_of<'k, I: std::hash::Hash + Eq>(keys: &FastHashMap<I, &'k str>, id: I) -> &'k str {
    keys.get(&id).copied().unwrap_or_default()
}

/// Writes a number as serde_json does (`null` for one that is not finite).
fn write_f64(s: &mut String, v: f64, buf: &mut Vec<u8>) {
    use serde_json::ser::Formatter;
    if !v.is_finite() {
        s.push_str("null");
        return;
    }
    // A whole number below 10^15 (most salaries) is its digits and `.0` in
    // serde_json's shortest form too; a test compares the two.
    if v.fract() == 0.0 && v != 0.0 && v.abs() < 1e15 {
        if v < 0.0 {
            s.push('-');
        }
        write_u64(s, v.abs() as u64);
        s.push_str(".0");
        return;
    }
    buf.clear();
    if serde_json::ser::CompactFormatter.write_f64(buf, v).is_ok() {
        s.push_str(std::str::from_utf8(buf).unwrap_or_default());
    }
}

/// Writes a whole number in decimal digits, without a scratch allocation.
fn write_u64(s: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    while start > 0 {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 {
            break;
        }
    }
    s.push_str(std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default());
}

/// What [`Writer::write_run`] finds out about a post before writing it.
#[derive(Clone, Copy)]
struct Ready<'a> {
    /// The key of its unit (empty for none).
    unit: &'a str,
    /// Whether none of its key, title, role, unit key and manager key
    /// needs an escape.
    plain: bool,
}

/// Reads a few fields spread over each post of a block, and nothing else:
/// the posts lie far apart in memory, in the order of their ids, and are
/// written in the order of their keys, so each is a wait on memory. In this
/// short loop the reads do not wait for each other, so the processor has
/// many of them under way at once; the loops after it find the posts in
/// the cache. (Safe Rust has no prefetch instruction.)
fn touch(block: &[&Post]) {
    let mut seen = 0usize;
    for p in block {
        seen ^= p.key.len() ^ p.role.len() ^ usize::from(p.salary.is_some()) ^ usize::from(p.function.is_some());
        seen ^= usize::from(p.unit.is_some()) ^ usize::from(p.reports_to.is_some()) ^ usize::from(p.independent);
    }
    std::hint::black_box(seen);
}

/// Reads the first byte of each key, as [`touch`] reads the posts: the
/// keys of the units and managers of a block's posts lie in the units and
/// in other posts, far apart.
fn touch_keys<'k>(keys: impl Iterator<Item = &'k str>) {
    let mut seen = 0u8;
    for key in keys {
        seen ^= key.as_bytes().first().copied().unwrap_or_default();
    }
    std::hint::black_box(seen);
}

/// From this many posts on, [`Writer::write_posts`] writes them in two
/// halves at once; below it a second thread costs more than it saves.
const TWO_HALVES_FROM: usize = 20_000;

/// How many posts are written before the room for the rest is reserved.
const SAMPLE_POSTS: usize = 8 * BLOCK;

/// How many posts [`Writer::write_run`] finds the unit keys of at once.
const BLOCK: usize = 64;

impl<'a> Writer<'a> {
    /// Writes the posts in their order, each after its separator. With
    /// `two_halves` the second half is written at the same time on a second
    /// thread into a String of its own, and appended: the same bytes. Each
    /// half finds its own posts' managers ([`manager_keys`]).
    /// `after`: the bytes that will still follow the posts in `s`.
    fn write_posts(&self, s: &mut String, posts: &[&'a Post], after: usize, two_halves: bool) {
        let half = if two_halves { posts.len() / 2 } else { posts.len() };
        let (first, second) = posts.split_at(half);
        let ((), rest) = crate::par::both(
            || self.write_run(s, first, true, second.len(), after),
            || {
                let mut rest = String::new();
                self.write_run(&mut rest, second, first.is_empty(), 0, 0);
                rest
            },
            two_halves,
        );
        s.push_str(&rest);
    }

    /// Writes a run of posts, each after its separator (none before the
    /// first post of the file, `opens`), a block at a time. The posts, the
    /// unit index and the units' and managers' keys lie far apart in
    /// memory, so each read would stall on its own; each step below is a
    /// short loop over the block whose reads do not wait for each other:
    /// the posts touched ([`touch`]), their units' keys found, those keys
    /// and the managers' touched ([`touch_keys`]), the strings checked for
    /// escapes ([`Ready`]); then the posts are written, from the cache.
    /// After the first few posts it reserves room for the rest from their
    /// average size, an eighth more, plus `later` posts and `after` bytes
    /// still to come in `s`: no copy of the whole when the String grows,
    /// and room never written costs no memory.
    fn write_run(&self, s: &mut String, posts: &[&'a Post], opens: bool, later: usize, after: usize) {
        let managers = manager_keys(self.design, posts);
        let mut number = Vec::new();
        let mut ready: Vec<Ready<'a>> = Vec::with_capacity(BLOCK);
        let mut last: Option<(UnitId, &str)> = None;
        let start = s.len();
        let mut written = 0;
        for (block, block_managers) in posts.chunks(BLOCK).zip(managers.chunks(BLOCK)) {
            if written == SAMPLE_POSTS {
                let per_post = (s.len() - start) / written + 1;
                s.reserve((posts.len() - written + later) * per_post * 9 / 8 + after);
            }
            touch(block);
            ready.clear();
            ready.extend(block.iter().map(|p| Ready { unit: self.unit_key(p.unit, &mut last), plain: false }));
            touch_keys(ready.iter().map(|r| r.unit).chain(block_managers.iter().copied()));
            for ((p, manager), ready) in block.iter().zip(block_managers).zip(&mut ready) {
                ready.plain = [&*p.key, &*p.title, &*p.role, ready.unit, manager]
                    .iter()
                    .all(|text| nothing_to_escape(text.as_bytes()));
            }
            for ((p, manager), ready) in block.iter().zip(block_managers).zip(&ready) {
                s.push_str(if opens && written == 0 { "\n    " } else { ",\n    " });
                self.write_post(s, p, manager, *ready, &mut number);
                written += 1;
            }
        }
    }

    /// The key of a post's unit (empty for none); `last`, the unit asked
    /// before and its key, is used again for the next post of that unit.
    fn unit_key(&self, unit: Option<UnitId>, last: &mut Option<(UnitId, &'a str)>) -> &'a str {
        let Some(u) = unit else { return "" };
        match *last {
            Some((id, key)) if id == u => key,
            _ => {
                let key = key_of(&self.unit_keys, u);
                *last = Some((u, key));
                key
            }
        }
    }

    /// Writes a post at its place in the file's list of posts: the same
    /// bytes as [`PostOut`] through serde's pretty printer (a test compares
    /// them). A post with dated values or an accountability, rare, goes
    /// through [`PostOut`] itself.
    /// `manager` is the key of its plain line manager ([`manager_keys`]).
    fn write_post(&self, s: &mut String, p: &'a Post, manager: &str, ready: Ready<'_>, buf: &mut Vec<u8>) {
        if p.dated.is_some() || p.accountable_to.is_some() {
            let one = serde_json::to_string_pretty(&self.post(p)).unwrap_or_default();
            s.push_str(&one.replace('\n', "\n    "));
            return;
        }
        // The strings checked before ([`Ready`]) are copied as they are.
        let put = |s: &mut String, text: &str| {
            if ready.plain {
                s.push('"');
                s.push_str(text);
                s.push('"');
            } else {
                write_str(s, text);
            }
        };
        s.push_str("{\n      \"key\": ");
        put(s, &p.key);
        s.push_str(",\n      \"title\": ");
        put(s, &p.title);
        if !is_default_role_out(&&*p.role) {
            s.push_str(",\n      \"role\": ");
            put(s, &p.role);
        }
        if let Some(f) = p.function {
            s.push_str(",\n      \"function\": ");
            write_str(s, key_of(&self.function_keys, f));
        }
        if !is_one_timeline_out(&Timeline::Plain(p.fte)) {
            s.push_str(",\n      \"fte\": ");
            write_f64(s, p.fte, buf);
        }
        if let Some(scale) = p.scale {
            s.push_str(",\n      \"scale\": ");
            write_u64(s, u64::from(scale));
        }
        if let Some(salary) = p.salary {
            s.push_str(",\n      \"salary\": ");
            write_f64(s, salary, buf);
        }
        if p.unit.is_some() {
            s.push_str(",\n      \"unit\": ");
            put(s, ready.unit);
        }
        if p.reports_to.is_some() {
            s.push_str(",\n      \"reports_to\": ");
            put(s, manager);
        }
        if p.temporary {
            s.push_str(",\n      \"temporary\": true");
        }
        if p.independent {
            s.push_str(",\n      \"independent\": true");
        }
        for (name, day) in [("from", p.valid.from), ("until", p.valid.until)] {
            if let Some(day) = day {
                s.push_str(",\n      \"");
                s.push_str(name);
                s.push_str("\": ");
                s.push_str(&serde_json::to_string(&day).unwrap_or_default());
            }
        }
        s.push_str("\n    }");
    }
}

#[cfg(test)]
mod save_tests {
    use super::*;

    /// The eight-at-once test finds every byte that needs an escape, at
    /// every place of strings of every length up to three words.
    #[test]
    fn nothing_to_escape_agrees_with_a_byte_by_byte_test() {
        let plain = |t: &[u8]| t.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\');
        for len in 0..=24 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    // Non-ASCII filler too: bytes from 0x80 up never need an escape.
                    let mut text: Vec<u8> = (0..len).map(|i| if i % 3 == 0 { 0xC3 } else { b'a' + i as u8 }).collect();
                    if let Some(b) = text.get_mut(at) {
                        *b = byte;
                    }
                    assert_eq!(nothing_to_escape(&text), plain(&text), "{text:?}");
                }
            }
        }
    }

    /// Numbers are written as serde_json writes them, whole or not.
    #[test]
    fn numbers_are_written_as_serde_writes_them() {
        let mut values = vec![0.0, -0.0, 1.0, -1.0, 0.5, 1e-7, 12.5, 61_000.0, 999_999_999.75, f64::NAN, f64::INFINITY];
        for exp in 0..=17 {
            let p = 10f64.powi(exp);
            values.extend([p, p - 1.0, p + 1.0, -p, -(p - 1.0), p / 3.0, (p * 7.0).floor()]);
        }
        values.extend([9.007_199_254_740_992e15, 999_999_999_999_999.0, 1e15 - 0.5, 123_456_789_012_345.0]);
        let mut buf = Vec::new();
        for v in values {
            let mut s = String::new();
            write_f64(&mut s, v, &mut buf);
            assert_eq!(s, serde_json::to_string(&v).unwrap_or_default(), "{v:e}");
        }
        for v in [0u64, 7, 9, 10, 99, 100, 255, 1 << 40, u64::MAX] {
            let mut s = String::new();
            write_u64(&mut s, v);
            assert_eq!(s, v.to_string());
        }
    }

    /// The posts that units name are written by their keys whether they are
    /// found in one walk along the posts (many heads) or each searched (few),
    /// as serde writes the file types.
    #[test]
    fn posts_named_by_units_are_written_found_either_way() {
        for heads in [1usize, 3, 40, 200] {
            let mut d = Design::new("d");
            let posts: Vec<PostId> = (0..1000usize)
                .map(|n| d.add_post(Post::new(format!("p{n}"), format!("P {n}"), "medewerker")))
                .collect::<Result<_, _>>()
                .unwrap_or_default();
            for k in 0..heads {
                let mut u = crate::model::Unit::new(format!("u{k}"), format!("U {k}"), UnitKind::Team);
                // Every seventh post.
                u.head = posts.get(k * 7 % posts.len()).copied();
                if k == 2 {
                    u.self_steering =
                        Some(crate::model::SelfSteering::new(posts.get(5).copied(), posts.get(6).copied()));
                }
                if let Err(e) = d.add_unit(u) {
                    panic!("{e}");
                }
            }
            assert_eq!(named_post_keys(&d).is_empty(), heads * WALK_PER_SEARCH < 1000, "{heads} heads");
            let want = serde_json::to_string_pretty(&to_v1(&d)).unwrap_or_default() + "\n";
            assert_eq!(to_json(&d), want, "{heads} heads");
        }
    }

    /// Written in two halves, the posts are the same bytes as written in
    /// one run and as serde writes the file types: posts of every shape,
    /// with units shared by neighbours and not, dated and accountable ones
    /// among them, on either side of the middle.
    #[test]
    fn two_halves_are_the_bytes_of_one_run() {
        let mut d = Design::new("d");
        let mut units = Vec::new();
        for k in 0..7 {
            let Ok(u) = d.add_unit(crate::model::Unit::new(format!("u{k}"), format!("U {k}"), UnitKind::Team)) else {
                panic!("unit")
            };
            units.push(u);
        }
        let Ok(top) = d.add_post(Post::new("a-top", "Top", "gemeentesecretaris")) else { panic!("top") };
        for n in 0..1500usize {
            let mut p = Post::new(format!("p{n:05}"), format!("Post {n} \"{}\"\t", n % 11), "medewerker");
            p.fte = [1.0, 0.5, 0.8, 1e-7][n % 4];
            p.salary = (n % 5 != 0).then_some(40_000.0 + n as f64 * 12.25);
            p.scale = (n % 3 == 0).then_some((n % 18) as u8);
            // Neighbours share a unit in runs of three, and some have none.
            p.unit = (n % 13 != 0).then(|| units.get(n / 3 % units.len()).copied()).flatten();
            p.reports_to = Some(top);
            p.temporary = n % 17 == 0;
            if n % 250 == 3 || n == 749 || n == 750 {
                p.accountable_to = Some(Target::Post(top));
            }
            if let Err(e) = d.add_post(p) {
                panic!("{e}");
            }
        }
        let day = |s: &str| crate::model::parse_day(s).ok();
        for key in ["p00010", "p00751"] {
            let dated = vec![
                Dated::new(top, Period::new(None, day("2020-12-31"))),
                Dated::new(top, Period::new(day("2021-01-01"), None)),
            ];
            let Ok(()) = d.set_reports_to_dated(PostId::from_key(key), dated) else { panic!("dated") };
        }
        let want = serde_json::to_string_pretty(&to_v1(&d)).unwrap_or_default() + "\n";
        assert_eq!(to_json_in_halves_from(&d, usize::MAX), want);
        assert_eq!(to_json_in_halves_from(&d, 0), want);
        // One post and none, in halves.
        let mut one = Design::new("een");
        let Ok(_) = one.add_post(Post::new("p", "P", "medewerker")) else { panic!("post") };
        for d in [one, Design::new("leeg")] {
            let want = serde_json::to_string_pretty(&to_v1(&d)).unwrap_or_default() + "\n";
            assert_eq!(to_json_in_halves_from(&d, 0), want);
        }
    }
}

/// Replaces the first `"…"` in a serde message by backticks.
fn backtick_first_quote(msg: &str) -> String {
    match (msg.find('"'), msg.rfind('"')) {
        (Some(a), Some(z)) if z > a => format!("{}`{}`{}", &msg[..a], &msg[a + 1..z], &msg[z + 1..]),
        _ => msg.to_owned(),
    }
}

/// A person's preferences as the file names them: the keys as read (which may
/// name functions of a new functieboek), as long as those among them that are
/// the design's own functions are still the person's preferences, in order;
/// else the preferences among the design's own functions.
fn preference_keys(p: &Person, fk: &dyn Fn(FunctionId) -> String) -> Vec<String> {
    let own: Vec<String> = p.preferences.iter().map(|f| fk(*f)).collect();
    let read_own = p.preference_keys.iter().filter(|k| !fk(FunctionId::from_key(k)).is_empty());
    if !p.preference_keys.is_empty() && read_own.eq(own.iter()) { p.preference_keys.clone() } else { own }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both paths give the same design for every well-formed file, and the
    /// one-pass path turns down every file with a problem.
    #[test]
    fn one_pass_and_reporting_paths_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests/fixtures"), root.join("examples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    files.push(path);
                }
            }
        }
        let (mut well_formed, mut reported) = (0, 0);
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            assert!(from_json_vec(text.as_bytes().to_vec()) == from_json(text.as_bytes()), "{}", path.display());
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let on = |two| read_well_formed_on(text, two);
            assert!(on(true) == on(false), "{}: one thread and two give different designs", path.display());
            match (load_well_formed(text), load_reporting(text)) {
                (Some(fast), Ok(full)) => {
                    assert!(fast == full, "{}: the two paths give different designs", path.display());
                    well_formed += 1;
                }
                (None, Err(_)) => reported += 1,
                (Some(_), Err(e)) => panic!("{}: the one-pass path took a file with problems: {e}", path.display()),
                // Not a design file (another JSON file among the fixtures).
                (None, Ok(_)) => panic!("{}: the one-pass path turned down a good file", path.display()),
            }
        }
        assert!(well_formed >= 5 && reported >= 1, "{well_formed} well-formed and {reported} bad files");
    }

    /// A reference to a post from outside the posts (a unit's head, a
    /// self-steering team's coach, an assignment's agent, a membership, a
    /// portfolio, an appointment) is taken on trust while the posts are
    /// sorted: one to a post that is not there still turns the file down on
    /// one thread and on two, and the reporting path names the place.
    #[test]
    fn a_missing_post_named_outside_the_posts_is_turned_down() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = [
            "tests/fixtures/designs/small.json",
            "tests/fixtures/rules/community-has-line-manager/triggers.json",
            "tests/fixtures/rules/self-steering-without-accountable/triggers.json",
            "tests/fixtures/rules/self-steering-without-accountable/passes.json",
            "tests/fixtures/designs/hengelo-portfolios.json",
            "tests/fixtures/render/harkje.json",
        ];
        let fields = [
            "assignments/{}/target/post",
            "units/{}/head",
            "units/{}/self_steering/coach",
            "units/{}/self_steering/accountable_to",
            "assignments/{}/agent",
            "memberships/{}/post",
            "portfolios/{}/post",
            "appointments/{}/post",
        ];
        let mut tried = std::collections::BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            let design: serde_json::Value = serde_json::from_str(&text).unwrap();
            for field in fields {
                let Some(pointer) = (0..200)
                    .map(|i| format!("/{}", field.replace("{}", &i.to_string())))
                    .find(|p| design.pointer(p).is_some_and(serde_json::Value::is_string))
                else {
                    continue;
                };
                let mut bad = design.clone();
                *bad.pointer_mut(&pointer).unwrap() = "niet-bestaand".into();
                let bad = serde_json::to_string_pretty(&bad).unwrap();
                assert!(read_well_formed_on(&bad, false).is_none(), "{file}{pointer}, one thread");
                assert!(read_well_formed_on(&bad, true).is_none(), "{file}{pointer}, two threads");
                let err = load_reporting(&bad).unwrap_err();
                assert!(err.problems.iter().any(|p| p.path == pointer), "{file}{pointer}: {err}");
                tried.insert(field);
            }
        }
        assert_eq!(tried.len(), fields.len(), "fields tried: {tried:?}");
    }

    /// On two threads the posts are read from their places in the text: the
    /// same files are taken, and give the same design, as on one, however
    /// the text around and between the posts is written.
    #[test]
    fn two_threads_take_what_one_takes() {
        let post =
            |i: usize| format!(r#"{{"key": "p{i}", "title": "Post \"{i}\" ]}}", "unit": "u", "reports_to": "p0"}}"#);
        let posts: Vec<String> = (0..9).map(post).collect();
        let list = format!("[\n  {}\n]", posts.join(",\n  "));
        let head = r#"{"version": 1, "name": "x ] \" posts", "units": [{"key": "u", "name": "U", "kind": "team"}]"#;
        let texts = [
            format!(r#"{head}, "posts": {list}}}"#),
            format!(
                r#"{{"posts" : {list} , "version": 1, "name": "n", "units": [{{"key": "u", "name": "U", "kind": "team"}}]}}"#
            ),
            format!(r#"{head}, "posts": []}}"#),
            // Not well formed: each is turned down both ways.
            format!(r#"{head}, "posts": {list}, "posts": []}}"#),
            format!(r#"{head}, "posts": [{}, ]}}"#, post(0)),
            format!(r#"{head}, "posts": [{} {}]}}"#, post(0), post(1)),
            format!(r#"{head}, "posts": [{}, {{"key": "p1"}}]}}"#, post(0)),
            format!(r#"{head}, "posts": [{}, {}]}}"#, post(0), post(0)),
            format!(r#"{head}, "posts": [{}, 7]}}"#, post(0)),
            format!(r#"{head}, "posts": {list}"#),
            format!(r#"{head}, "posts": {list}}} x"#),
            format!(r#"{head}, "post\u0073": {list}}}"#),
            format!(r#"{head}, "posts": {list}, "units": []}}"#),
        ];
        let mut taken = 0;
        for text in &texts {
            let one = read_well_formed_on(text, false);
            let two = read_well_formed_on(text, true);
            assert!(one == two, "{text}");
            taken += usize::from(one.is_some());
        }
        assert_eq!(taken, 4);
        let design = read_well_formed_on(&texts[0], true).unwrap();
        assert_eq!(design.posts().count(), 9);
    }

    /// The one-pass path needs no scan for member names given twice: a
    /// repeat in any kind of object of the file turns it down, and the
    /// reporting path places the repeat on its line.
    #[test]
    fn a_member_given_twice_anywhere_leaves_the_one_pass_path() {
        let good = r#"{"version": 1, "name": "x",
"roles": [{"key": "rol", "name": "Rol"}],
"functions": [{"key": "f", "title": "F", "tasks": [{"name": "t", "weight": 1}]}],
"units": [{"key": "u", "name": "U", "kind": "team", "head": "p",
  "contact": {"visiting_address": {"street": "s", "postcode": "1234 AB", "city": "c"}, "phone": "0123456789"}},
 {"key": "w", "name": "W", "kind": "team", "parent": [{"unit": "u", "from": "2020-01-01"}],
  "self_steering": {"coach": "p"}}],
"posts": [{"key": "p", "title": "P", "role": "rol", "unit": "u", "function": "f", "accountable_to": {"unit": "u"}},
 {"key": "q", "title": "Q", "reports_to": [{"post": "p", "from": "2020-01-01"}], "accountable_to": [{"party": "college"}],
  "fte": [{"fte": 0.5}]}],
"people": [{"key": "a", "name": "A", "preferences": ["f"]}],
"appointments": [{"person": "a", "post": "p"}],
"assignments": [{"key": "s", "kind": "programme", "agent": "p", "target": {"unit": "u"}, "principal": [{"post": "q"}],
  "escalation": {"party": "college"}}],
"memberships": [{"post": "q", "community": "u"}],
"parties": [{"key": "college", "name": "College", "kind": "college"}],
"portfolios": [{"post": "q", "unit": "w"}],
"identifier": "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"}"#;
        assert!(load_well_formed(good).is_some(), "{:?}", load_reporting(good).err().map(|e| e.to_string()));
        // Each member, given again in its own object: the text before it and the repeat.
        let repeats: [(&str, &str); 22] = [
            (r#""name": "x""#, r#", "name": "y""#),
            (r#""key": "rol""#, r#", "key": "rol""#),
            (r#""title": "F""#, r#", "title": "G""#),
            (r#""weight": 1"#, r#", "weight": 2"#),
            (r#""kind": "team", "head": "p""#, r#", "head": "p""#),
            (r#""city": "c""#, r#", "city": "d""#),
            (r#""phone": "0123456789""#, r#", "phone": "0123456789""#),
            (r#""parent": [{"unit": "u""#, r#", "unit": "u""#),
            (r#""self_steering": {"coach": "p""#, r#", "coach": "p""#),
            (r#""role": "rol""#, r#", "role": "rol""#),
            (r#""accountable_to": {"unit": "u""#, r#", "unit": "u""#),
            (r#""reports_to": [{"post": "p""#, r#", "post": "p""#),
            (r#""accountable_to": [{"party": "college""#, r#", "party": "college""#),
            (r#""fte": [{"fte": 0.5"#, r#", "fte": 0.5"#),
            (r#""name": "A""#, r#", "name": "A""#),
            (r#""appointments": [{"person": "a""#, r#", "person": "a""#),
            (r#""target": {"unit": "u""#, r#", "unit": "u""#),
            (r#""principal": [{"post": "q""#, r#", "post": "q""#),
            (r#""escalation": {"party": "college""#, r#", "party": "college""#),
            (r#""memberships": [{"post": "q""#, r#", "post": "q""#),
            (r#""kind": "college""#, r#", "kind": "college""#),
            (r#""portfolios": [{"post": "q""#, r#", "post": "q""#),
        ];
        for (at, repeat) in repeats {
            let Some(i) = good.find(at) else { panic!("{at} is not in the file") };
            let text = format!("{}{repeat}{}", &good[..i + at.len()], &good[i + at.len()..]);
            assert!(load_well_formed(&text).is_none(), "{repeat} after {at}: taken by the one-pass path");
            assert!(read_well_formed_on(&text, true).is_none(), "{repeat} after {at}: taken on two threads");
            let Err(e) = load_reporting(&text) else { panic!("{repeat} after {at}: loaded") };
            let line = text[..i + at.len()].lines().count();
            assert!(
                e.problems
                    .iter()
                    .any(|p| p.message.contains("is given twice in one object") && p.line == line && p.line > 0),
                "{repeat} after {at}: {e}"
            );
        }
    }

    /// The posts written straight are the bytes serde writes for the file
    /// types: every field present and absent, strings to escape, numbers of
    /// every shape, dated values and accountabilities (written through serde).
    #[test]
    fn posts_written_straight_are_the_bytes_of_the_file_types() {
        let mut d = Design::new("d");
        let Ok(u) = d.add_unit(crate::model::Unit::new("u", "U", UnitKind::Team)) else { panic!("unit") };
        let Ok(f) = d.add_function(Function {
            id: FunctionId::from_key("f"),
            key: "f".into(),
            title: "F".into(),
            scale_min: None,
            scale_max: None,
            hr21: None,
            tasks: Vec::new(),
        }) else {
            panic!("function")
        };
        let Ok(top) = d.add_post(Post::new("top", "Top \"quoted\" \\ and\ttab \u{1} é 🙂", "gemeentesecretaris"))
        else {
            panic!("top")
        };
        let shapes: [(f64, Option<f64>, Option<u8>); 5] = [
            (1.0, None, None),
            (0.5, Some(61_000.0), Some(11)),
            (1e-7, Some(0.1), Some(0)),
            (0.0, Some(999_999_999.75), None),
            (1.25, Some(12.5), Some(255)),
        ];
        for (n, (fte, salary, scale)) in shapes.into_iter().enumerate() {
            let mut p =
                Post::new(format!("p{n}"), format!("Post {n}"), if n % 2 == 0 { "medewerker" } else { "teammanager" });
            p.fte = fte;
            p.salary = salary;
            p.scale = scale;
            p.unit = (n % 2 == 1).then_some(u);
            p.function = (n % 3 == 1).then_some(f);
            p.reports_to = (n > 0).then_some(top);
            p.temporary = n == 2;
            p.independent = n == 3;
            p.valid = Period::new(
                crate::model::parse_day("2020-01-01").ok().filter(|_| n == 4),
                crate::model::parse_day("2030-12-31").ok().filter(|_| n >= 3),
            );
            if n == 4 {
                p.accountable_to = Some(Target::Unit(u));
            }
            if let Err(e) = d.add_post(p) {
                panic!("{e}");
            }
        }
        let day = |s: &str| crate::model::parse_day(s).ok();
        let dated = vec![
            Dated::new(top, Period::new(None, day("2020-12-31"))),
            Dated::new(top, Period::new(day("2021-01-01"), None)),
        ];
        let Ok(()) = d.set_reports_to_dated(PostId::from_key("p1"), dated) else { panic!("dated") };
        let want = serde_json::to_string_pretty(&to_v1(&d)).unwrap_or_default() + "\n";
        assert_eq!(to_json(&d), want);
        // The members around the posts, with none and with some.
        let empty = Design::new("leeg");
        assert_eq!(to_json(&empty), serde_json::to_string_pretty(&to_v1(&empty)).unwrap_or_default() + "\n");
    }

    /// A file read again to place its problems (`from_json_file` on a
    /// regular file) gives the same design or the same problems as its
    /// bytes loaded at once, on every fixture and on a file of more than a
    /// mebibyte (two threads, blocks of posts put together later) with a
    /// post that names a manager it lacks (review of 392e384).
    #[test]
    fn a_file_read_again_reports_as_its_bytes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::temp_dir().join(format!("harkje-reread-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let mut posts: Vec<String> = (0..16_000)
            .map(|i| format!(r#"{{"key": "p{i}", "title": "Post {i}", "role": "medewerker", "reports_to": "p0"}}"#))
            .collect();
        posts[0] = r#"{"key": "p0", "title": "Top", "role": "medewerker"}"#.to_owned();
        let good = format!(r#"{{"version": 1, "name": "d", "posts": [{}]}}"#, posts.join(",\n"));
        posts[11_000] = r#"{"key": "p11000", "title": "X", "role": "medewerker", "reports_to": "nobody"}"#.to_owned();
        let bad = format!(r#"{{"version": 1, "name": "d", "posts": [{}]}}"#, posts.join(",\n"));
        assert!(bad.len() > TWO_THREADS_FROM);
        let mut files = vec![];
        let small =
            r#"{"version": 1, "name": "d", "posts": [{"key": "a", "title": "A", "role": "medewerker", "fte": "x"}]}"#
                .to_owned();
        for (name, text) in [("good.json", &good), ("bad.json", &bad), ("small.json", &small)] {
            let path = dir.join(name);
            assert!(std::fs::write(&path, text).is_ok());
            files.push(path);
        }
        for sub in ["tests/fixtures", "examples/data/hengelo-2021"] {
            for entry in std::fs::read_dir(root.join(sub)).into_iter().flatten().flatten() {
                if entry.path().extension().is_some_and(|e| e == "json") {
                    files.push(entry.path());
                }
            }
        }
        let (mut loaded, mut reported) = (0, 0);
        for path in &files {
            let Ok(bytes) = std::fs::read(path) else { continue };
            let at_once = from_json(&bytes).map_err(|e| e.in_file(path).to_string());
            let again = crate::format::from_json_file(path).map_err(|e| e.to_string());
            match (&at_once, &again) {
                (Ok(a), Ok(b)) => assert!(a == b, "{}", path.display()),
                (Err(a), Err(b)) => assert_eq!(a, b, "{}", path.display()),
                _ => panic!("{}: {:?} against {:?}", path.display(), at_once.is_ok(), again.is_ok()),
            }
            if at_once.is_ok() { loaded += 1 } else { reported += 1 }
        }
        assert!(
            crate::format::from_json_file(&files[0]).is_ok() && loaded >= 2 && reported >= 2,
            "{loaded} loaded, {reported} reported"
        );
        // A file changed between the reads is loaded as it is the second time.
        let changed = from_json_rereadable(bad.into_bytes(), || Ok(good.clone().into_bytes()));
        assert_eq!(changed.map(|d| d.posts().len()).map_err(|e| e.to_string()), Ok(16_000));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
