//! The reporting line in dense array form, and the one way to build it.
//!
//! This file is the only place that knows how a [`LineTable`] is encoded:
//! keys in one buffer, line managers as 32-bit row numbers with two marks
//! ([`TOP`], [`DANGLING`]), units as numbers into a key list, unknown
//! salaries as NaN. Everything else reads a table through its methods and
//! builds one through [`LineTableBuilder`]:
//!
//! - row by row with keys ([`LineTableBuilder::push`]): the general CSV path,
//!   the UK import and users of the library;
//! - in place, in two halves written by two threads
//!   ([`LineTableBuilder::with_rows`], [`LineTableBuilder::halves`],
//!   [`LineTableBuilder::join`]): the fast CSV path;
//! - from the posts of a design, in two halves, with the line managers
//!   given as rows ([`LineTableBuilder::for_design_in_halves`], [`Managers`]):
//!   [`LineTable::from_design`] and the check context, each reading its
//!   halves on two threads.

use super::fxhash::FastHashMap;
use super::index::{IdIndex, in_chunks};
use crate::model::{Design, Post, PostId, UnitId};
use crate::par;

/// Designs with at least this many posts are read into a table on two threads.
const PARALLEL_FROM: usize = 100_000;

/// Reads a design's posts into one half of a table: their keys, ids, units
/// (numbered by their place in `units`), FTE, salaries and whether their role
/// manages a line. The posts are taken [`CHUNK`](crate::graph::index::CHUNK) at a time, their strings
/// and units prepared a chunk ahead ([`in_chunks`], [`prepare_posts`]).
fn read_posts<'p>(
    design: &Design,
    posts: impl Iterator<Item = &'p Post>,
    units: (&[UnitId], &IdIndex),
    half: &mut Half<'_>,
) {
    let mut roles = LineRoles::default();
    in_chunks(
        posts,
        |chunk| {
            prepare_posts(chunk);
            units.1.prepare(units.0, chunk.iter().filter_map(|p| p.unit));
        },
        |p| {
            let manager_role = roles.line_management(&p.role, design);
            let unit = p.unit.and_then(|u| units.1.find(units.0, u));
            let written = half.push_post(&p.key, p.id, unit, p.fte, p.salary, manager_role);
            debug_assert!(written, "a half has a row for every post it reads");
            true
        },
    );
}

/// Whether each role manages a line, asked of the design once per role.
#[derive(Default)]
struct LineRoles<'p> {
    last: Option<(&'p str, bool)>,
    all: FastHashMap<&'p str, bool>,
}

impl<'p> LineRoles<'p> {
    fn line_management(&mut self, role: &'p str, design: &Design) -> bool {
        if let Some((r, m)) = self.last
            && r == role
        {
            return m;
        }
        let m = *self.all.entry(role).or_insert_with(|| design.role_flags(role).line_management);
        self.last = Some((role, m));
        m
    }
}

/// Reads the first byte of the role and of the key of every post in a
/// chunk before any of them is used: the reads are independent, so their
/// cache misses overlap (at a million posts these strings are scattered in
/// memory). Only the speed depends on this.
pub(crate) fn prepare_posts(chunk: &[&Post]) {
    let mut seen = 0u8;
    for p in chunk {
        let (role, key): (&str, &str) = (&p.role, &p.key);
        seen ^= role.as_bytes().first().copied().unwrap_or(0) ^ key.as_bytes().first().copied().unwrap_or(0);
    }
    std::hint::black_box(seen);
}

/// The line manager of a post in a [`LineTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parent {
    /// A top post: it reports to no one.
    Top,
    /// The index of the line manager's post.
    Post(usize),
    /// A reference to a post that does not exist (only possible in flat files).
    Dangling,
}

/// The parent of a top post.
const TOP: u32 = u32::MAX;
/// The parent of a post whose line manager does not exist.
const DANGLING: u32 = u32::MAX - 1;
/// The unit of a post placed in no unit.
const NO_UNIT: u32 = u32::MAX;

/// Many short strings in one buffer: one allocation instead of one per key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct KeyList {
    buf: String,
    ends: Vec<usize>,
}

impl KeyList {
    fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len());
    }

    fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0);
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) };
        self.buf.get(start..end).unwrap_or("")
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The reporting line of a set of posts as parallel arrays, one entry per post.
///
/// This is what the measures run on. It is built either from a [`Design`]
/// ([`LineTable::from_design`]) or row by row from a flat file
/// ([`LineTable::builder`]), which may hold references to missing posts.
///
/// A table numbers its posts in 32 bits, so it holds at most
/// [`LineTable::MAX_POSTS`] posts; the flat CSV readers refuse larger files.
#[derive(Clone, Debug, Default)]
pub struct LineTable {
    keys: KeyList,
    /// Per post: the manager's row, [`TOP`] or [`DANGLING`].
    parent: Vec<u32>,
    /// The posts whose manager is [`DANGLING`], with the key they name.
    dangling: Vec<(u32, String)>,
    fte: Vec<f64>,
    /// Annual full-time salary; NaN when unknown.
    salary: Vec<f64>,
    /// Per post: an index into `unit_keys`, or [`NO_UNIT`].
    unit: Vec<u32>,
    unit_keys: Vec<String>,
    manager_role: Vec<bool>,
    post_ids: Vec<PostId>,
}

/// Two tables are equal when every column is; an unknown salary equals an
/// unknown salary.
impl PartialEq for LineTable {
    fn eq(&self, other: &Self) -> bool {
        let same_salary = |a: &f64, b: &f64| a == b || (a.is_nan() && b.is_nan());
        self.keys == other.keys
            && self.parent == other.parent
            && self.dangling == other.dangling
            && self.fte == other.fte
            && self.salary.len() == other.salary.len()
            && self.salary.iter().zip(&other.salary).all(|(a, b)| same_salary(a, b))
            && self.unit == other.unit
            && self.unit_keys == other.unit_keys
            && self.manager_role == other.manager_role
            && self.post_ids == other.post_ids
    }
}

impl LineTable {
    /// The most posts a table holds: rows are numbered in 32 bits, and the
    /// two highest numbers mark top posts and missing managers.
    pub const MAX_POSTS: usize = u32::MAX as usize - 2;

    /// The line of a design. Posts are in the design's order (by id), and
    /// units are numbered in the design's order.
    ///
    /// Nothing is hashed but role names: posts and units are found by their
    /// ids in the design's sorted lists, a chunk of lookups at a time, and a
    /// large design is read in two halves on two threads.
    ///
    /// Complexity: O(n) expected.
    pub fn from_design(design: &Design) -> Self {
        let units: Vec<UnitId> = design.units().map(|u| u.id).collect();
        let unit_index = IdIndex::new(&units);
        let units = (units.as_slice(), &unit_index);
        // The posts are read in two halves, one per thread for a large design.
        let n = design.posts().len();
        let half = n / 2;
        let mut b = LineTableBuilder::for_design_in_halves(n, design.units().map(|u| u.key.to_string()).collect());
        let (mut first, mut second) = b.halves(half, 0);
        par::both(
            || read_posts(design, design.posts().take(half), units, &mut first),
            || read_posts(design, design.posts().skip(half), units, &mut second),
            n >= PARALLEL_FROM,
        );
        let (first, second) = (first.done(), second.done());
        b.join(first, second);
        let ids = b.post_ids();
        let index = IdIndex::new(ids);
        let mut managers = Managers::with_capacity(n);
        index.find_each(
            ids,
            design.posts(),
            |p| p.reports_to,
            |p, row| match (p.reports_to, row) {
                (None, _) => managers.push_top(),
                (Some(_), Some(j)) => managers.push_row(j),
                (Some(m), None) => managers.push_missing(m.to_string()),
            },
        );
        b.finish_with_managers(managers)
    }

    /// This table with the line managers of some posts replaced: the line
    /// as measured when collective leaderships and self-steering teams are
    /// resolved ([`Bodies::measured_line`](super::Bodies::measured_line)).
    /// A row out of range, or a replacement by [`Parent::Dangling`], is
    /// skipped; a replaced dangling reference is no longer listed.
    ///
    /// Complexity: O(n) for the copy, plus the replacements.
    pub(crate) fn with_parents(&self, parents: impl IntoIterator<Item = (usize, Parent)>) -> LineTable {
        let mut table = self.clone();
        let n = table.parent.len();
        let mut replaced_dangling = false;
        for (i, p) in parents {
            let value = match p {
                Parent::Top => TOP,
                Parent::Post(m) if m < n => m as u32,
                _ => continue,
            };
            if let Some(slot) = table.parent.get_mut(i) {
                replaced_dangling |= *slot == DANGLING;
                *slot = value;
            }
        }
        if replaced_dangling {
            let parent = &table.parent;
            table.dangling.retain(|(i, _)| parent.get(*i as usize) == Some(&DANGLING));
        }
        table
    }

    /// A builder that takes posts row by row, with references by key.
    pub fn builder() -> LineTableBuilder {
        LineTableBuilder::default()
    }

    /// The number of posts.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no posts.
    pub fn is_empty(&self) -> bool {
        self.keys.len() == 0
    }

    /// The key of post `i` (empty when out of range).
    pub fn key(&self, i: usize) -> &str {
        self.keys.get(i)
    }

    /// The line manager of post `i` (a top post when out of range).
    #[inline]
    pub fn parent(&self, i: usize) -> Parent {
        match self.parent.get(i).copied() {
            None | Some(TOP) => Parent::Top,
            Some(DANGLING) => Parent::Dangling,
            Some(p) => Parent::Post(p as usize),
        }
    }

    /// The line manager of every post, in table order.
    pub fn parents(&self) -> impl ExactSizeIterator<Item = Parent> + '_ {
        (0..self.len()).map(|i| self.parent(i))
    }

    /// The posts whose line manager does not exist, each with the key it
    /// names, in table order.
    pub fn dangling(&self) -> impl ExactSizeIterator<Item = (usize, &str)> + '_ {
        self.dangling.iter().map(|(i, k)| (*i as usize, k.as_str()))
    }

    /// The FTE of post `i` (0 when out of range).
    #[inline]
    pub fn fte(&self, i: usize) -> f64 {
        self.fte.get(i).copied().unwrap_or(0.0)
    }

    /// The FTE of every post, in table order.
    pub fn ftes(&self) -> &[f64] {
        &self.fte
    }

    /// The annual full-time salary of post `i`, if known.
    #[inline]
    pub fn salary(&self, i: usize) -> Option<f64> {
        self.salary.get(i).copied().filter(|s| !s.is_nan())
    }

    /// Whether the role of post `i` is a line-management role (a flat file's
    /// `is_manager`).
    #[inline]
    pub fn manager_role(&self, i: usize) -> bool {
        self.manager_role.get(i).copied().unwrap_or(false)
    }

    /// The number of the unit post `i` is placed in, an index into
    /// [`LineTable::unit_keys`]; `None` when it is in no unit.
    #[inline]
    pub fn unit_number(&self, i: usize) -> Option<usize> {
        self.unit.get(i).copied().filter(|&u| u != NO_UNIT).map(|u| u as usize)
    }

    /// The key of the unit post `i` is placed in, if any.
    pub fn unit_of(&self, i: usize) -> Option<&str> {
        self.unit_number(i).and_then(|u| self.unit_keys.get(u)).map(String::as_str)
    }

    /// The ids of the posts, in table order, when built from a design (else empty).
    pub fn post_ids(&self) -> &[PostId] {
        &self.post_ids
    }

    /// The unit keys the table knows, indexed by the unit numbers of the posts.
    pub fn unit_keys(&self) -> &[String] {
        &self.unit_keys
    }
}

/// One post as the table stores it.
#[derive(Clone, Copy)]
struct Row {
    key_end: usize,
    parent: u32,
    fte: f64,
    salary: f64,
    unit: u32,
    manager_role: bool,
}

/// The columns of a table being built, one entry per row. A row's key end
/// points into the key text of the [`Writer`] that wrote it.
#[derive(Clone, Debug, Default)]
struct Columns {
    key_ends: Vec<usize>,
    parent: Vec<u32>,
    fte: Vec<f64>,
    salary: Vec<f64>,
    unit: Vec<u32>,
    manager_role: Vec<bool>,
}

impl Columns {
    /// Columns of `n` zeros: the allocator hands these out untouched, so
    /// each thread that writes a stretch pays for the pages it writes.
    fn zeroed(n: usize) -> Self {
        Columns {
            key_ends: vec![0; n],
            parent: vec![0; n],
            fte: vec![0.0; n],
            salary: vec![0.0; n],
            unit: vec![0; n],
            manager_role: vec![false; n],
        }
    }

    fn len(&self) -> usize {
        self.parent.len()
    }

    #[inline]
    fn push(&mut self, r: Row) {
        self.key_ends.push(r.key_end);
        self.parent.push(r.parent);
        self.fte.push(r.fte);
        self.salary.push(r.salary);
        self.unit.push(r.unit);
        self.manager_role.push(r.manager_role);
    }

    fn split_at(&mut self, at: usize) -> (ColumnsMut<'_>, ColumnsMut<'_>) {
        let at = at.min(self.len());
        let (k1, k2) = self.key_ends.split_at_mut(at);
        let (p1, p2) = self.parent.split_at_mut(at);
        let (f1, f2) = self.fte.split_at_mut(at);
        let (s1, s2) = self.salary.split_at_mut(at);
        let (u1, u2) = self.unit.split_at_mut(at);
        let (m1, m2) = self.manager_role.split_at_mut(at);
        (
            ColumnsMut { key_ends: k1, parent: p1, fte: f1, salary: s1, unit: u1, manager_role: m1 },
            ColumnsMut { key_ends: k2, parent: p2, fte: f2, salary: s2, unit: u2, manager_role: m2 },
        )
    }

    /// Moves rows `from..from + len` to start at `to` (`to <= from`).
    fn shift(&mut self, from: usize, len: usize, to: usize) {
        let r = from..from + len;
        self.key_ends.copy_within(r.clone(), to);
        self.parent.copy_within(r.clone(), to);
        self.fte.copy_within(r.clone(), to);
        self.salary.copy_within(r.clone(), to);
        self.unit.copy_within(r.clone(), to);
        self.manager_role.copy_within(r, to);
    }

    fn truncate(&mut self, n: usize) {
        self.key_ends.truncate(n);
        self.parent.truncate(n);
        self.fte.truncate(n);
        self.salary.truncate(n);
        self.unit.truncate(n);
        self.manager_role.truncate(n);
    }
}

/// A stretch of [`Columns`] that one [`Half`] writes.
struct ColumnsMut<'c> {
    key_ends: &'c mut [usize],
    parent: &'c mut [u32],
    fte: &'c mut [f64],
    salary: &'c mut [f64],
    unit: &'c mut [u32],
    manager_role: &'c mut [bool],
}

impl ColumnsMut<'_> {
    /// Writes row `i`; `false` when the stretch has no row `i`.
    #[inline]
    fn set(&mut self, i: usize, r: Row) -> bool {
        let (Some(k), Some(p), Some(f), Some(s), Some(u), Some(m)) = (
            self.key_ends.get_mut(i),
            self.parent.get_mut(i),
            self.fte.get_mut(i),
            self.salary.get_mut(i),
            self.unit.get_mut(i),
            self.manager_role.get_mut(i),
        ) else {
            return false;
        };
        (*k, *p, *f, *s, *u, *m) = (r.key_end, r.parent, r.fte, r.salary, r.unit, r.manager_role);
        true
    }
}

/// What turns posts as given into [`Row`]s: the key text, the line-manager
/// references and the unit numbers of one run of rows (a whole builder, or
/// one half of it).
#[derive(Clone, Debug, Default)]
struct Writer {
    /// The rows written.
    rows: usize,
    /// The keys, one after another; the rows' key ends point into this.
    keys: String,
    parents: ParentRefs,
    consecutive: Consecutive,
    units: UnitIndex,
    /// The ids of the rows, for a table of a design (else empty).
    post_ids: Vec<PostId>,
}

impl Writer {
    /// The row of a post given by keys: row `self.rows`.
    #[inline]
    fn row(
        &mut self,
        key: &str,
        parent: Option<&str>,
        unit: Option<&str>,
        fte: f64,
        salary: Option<f64>,
        manager_role: bool,
    ) -> Row {
        let row = self.rows;
        self.consecutive.see(row, key);
        self.keys.push_str(key);
        Row {
            key_end: self.keys.len(),
            parent: self.parents.encode(row, parent),
            fte,
            salary: salary.unwrap_or(f64::NAN),
            unit: unit.map_or(NO_UNIT, |u| self.units.number(u)),
            manager_role,
        }
    }

    /// The row of a design's post, whose unit is numbered by the caller and
    /// whose line manager is given later (see [`Managers`]).
    #[inline]
    fn post_row(
        &mut self,
        key: &str,
        id: PostId,
        unit: Option<usize>,
        fte: f64,
        salary: Option<f64>,
        manager_role: bool,
    ) -> Row {
        self.keys.push_str(key);
        self.post_ids.push(id);
        Row {
            key_end: self.keys.len(),
            parent: TOP,
            fte,
            salary: salary.unwrap_or(f64::NAN),
            unit: unit.map_or(NO_UNIT, |u| u32::try_from(u).unwrap_or(NO_UNIT)),
            manager_role,
        }
    }

    /// Takes `next`'s rows after this one's. `ends` are the key ends of
    /// `next`'s rows, which come to point into the joined key text; the
    /// returned list renumbers `next`'s units.
    fn then(&mut self, next: Writer, ends: &mut [usize]) -> Vec<u32> {
        let base = self.keys.len();
        self.keys.push_str(&next.keys);
        for e in ends {
            *e += base;
        }
        self.consecutive = self.consecutive.then(self.rows, next.consecutive);
        self.parents.append_side(&next.parents, self.rows);
        self.post_ids.extend_from_slice(&next.post_ids);
        let remap = next.units.keys.iter().map(|k| self.units.number(k)).collect();
        self.rows += next.rows;
        remap
    }
}

/// Line-manager references as written, before they are resolved to rows.
///
/// A manager key that is a canonical whole number a little above `base` is
/// written into the parent column as its distance from `base`, in 32 bits:
/// when the keys are the consecutive numbers from `base` (the first key, in
/// the common case of numbered rows), that distance is the manager's row, and
/// the column is the table's parent column as it is. Any other key is kept
/// as text on the side, and its row is marked [`ON_SIDE`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ParentRefs {
    /// The number distances count from.
    base: u64,
    /// The rows whose manager key is [`ON_SIDE`], ascending.
    side_rows: Vec<u32>,
    /// Those rows' manager keys, in the same order.
    side_keys: KeyList,
}

/// A manager key kept as text on the side. The same value as [`DANGLING`]:
/// resolving turns every side key that names no post into a dangling
/// reference, so the mark can stay where nothing is found.
const ON_SIDE: u32 = DANGLING;

impl ParentRefs {
    /// The parent column's entry of a row with this manager key (`None` for
    /// a top post). Stores the text on the side when needed.
    #[inline]
    fn encode(&mut self, row: usize, parent: Option<&str>) -> u32 {
        let Some(key) = parent else {
            return TOP;
        };
        match canonical_number(key).and_then(|v| self.distance(v)) {
            Some(d) => d,
            None => {
                self.side_rows.push(row as u32);
                self.side_keys.push(key);
                ON_SIDE
            }
        }
    }

    /// The distance of number `v` from `base`, if it fits.
    #[inline]
    fn distance(&self, v: u64) -> Option<u32> {
        v.checked_sub(self.base).filter(|&d| d < u64::from(ON_SIDE)).map(|d| d as u32)
    }

    /// Appends another list's side keys, whose rows start at `offset`. Both
    /// count from the same base.
    fn append_side(&mut self, other: &ParentRefs, offset: usize) {
        debug_assert_eq!(self.base, other.base, "the halves of a table count from one base");
        self.side_rows.extend(other.side_rows.iter().map(|&r| r + offset as u32));
        for k in other.side_keys.iter() {
            self.side_keys.push(k);
        }
    }
}

/// Whether the keys seen so far are consecutive whole numbers in row order
/// (`7, 8, 9, …`). Then a key's row is its number minus the first, and no
/// index is needed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Consecutive {
    /// No key yet.
    #[default]
    Empty,
    /// Every key so far is the first key plus its row.
    From(u64),
    /// Some key is not.
    Broken,
}

impl Consecutive {
    /// Takes the key of row `row` (rows counted from this run's start).
    #[inline]
    fn see(&mut self, row: usize, key: &str) {
        *self = match *self {
            Consecutive::Broken => Consecutive::Broken,
            Consecutive::Empty => canonical_number(key).map_or(Consecutive::Broken, Consecutive::From),
            Consecutive::From(first) => {
                if canonical_number(key) == first.checked_add(row as u64) {
                    Consecutive::From(first)
                } else {
                    Consecutive::Broken
                }
            }
        };
    }

    /// The state of two runs of rows, one after the other; `len` is the
    /// number of rows in the first.
    fn then(self, len: usize, next: Consecutive) -> Consecutive {
        match (self, next) {
            (Consecutive::Empty, n) => n,
            (s, Consecutive::Empty) => s,
            (Consecutive::From(a), Consecutive::From(b)) if a.checked_add(len as u64) == Some(b) => self,
            _ => Consecutive::Broken,
        }
    }
}

/// The unit keys of a run of rows, numbered in the order first seen. A key
/// of up to 15 bytes is looked up as one 128-bit number, so that the short
/// unit codes of most files cost no string comparison.
#[derive(Clone, Debug, Default)]
struct UnitIndex {
    keys: Vec<String>,
    short: FastHashMap<u128, u32>,
    long: FastHashMap<String, u32>,
    /// The last short key looked up and its number: files sorted by unit
    /// ask for the same one many times in a row.
    last: Option<(u128, u32)>,
}

impl UnitIndex {
    /// The number of a unit key, new keys taking the next number.
    #[inline]
    fn number(&mut self, key: &str) -> u32 {
        let next = self.keys.len() as u32;
        let i = match pack(key) {
            Some(packed) => match self.last {
                Some((k, i)) if k == packed => i,
                _ => {
                    let i = *self.short.entry(packed).or_insert(next);
                    self.last = Some((packed, i));
                    i
                }
            },
            None => match self.long.get(key) {
                Some(&i) => i,
                None => {
                    self.long.insert(key.to_owned(), next);
                    next
                }
            },
        };
        if i == next {
            self.keys.push(key.to_owned());
        }
        i
    }
}

/// A string of up to 15 bytes as one number: its bytes from the lowest,
/// then its length. Built in registers: copying the bytes into a buffer and
/// loading it back would stall on the store.
#[inline]
fn pack(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    Some(b.iter().rev().fold(b.len() as u128, |v, &c| (v << 8) | u128::from(c)))
}

/// Builds a [`LineTable`]: the one builder, whichever way the posts come.
///
/// Users of the library push posts row by row with keys
/// ([`LineTable::builder`], [`LineTableBuilder::push`],
/// [`LineTableBuilder::finish`]). Inside the crate, a builder can also be
/// sized up front and written in place by two threads (`halves`), or take a
/// design's posts with their line managers resolved by the caller
/// (`for_design_in_halves`).
///
/// A table holds at most [`LineTable::MAX_POSTS`] posts; the flat CSV
/// readers refuse larger files.
#[derive(Clone, Debug, Default)]
pub struct LineTableBuilder {
    cols: Columns,
    writer: Writer,
    /// The unit keys of a design's table, numbered by the caller; `None`
    /// when units are numbered here as they come.
    design_units: Option<Vec<String>>,
    /// Where [`LineTableBuilder::halves`] split the rows.
    split: usize,
}

impl LineTableBuilder {
    /// Adds a post. `parent` is the key of its line manager's post, `None`
    /// for a top post; `unit` the key of its unit, if any; `salary` its
    /// annual full-time salary, if known; `manager_role` whether its role
    /// manages a line.
    pub fn push(
        &mut self,
        key: &str,
        parent: Option<&str>,
        unit: Option<&str>,
        fte: f64,
        salary: Option<f64>,
        manager_role: bool,
    ) {
        if self.writer.rows == 0 {
            self.writer.parents.base = canonical_number(key).unwrap_or(0);
        }
        let r = self.writer.row(key, parent, unit, fte, salary, manager_role);
        self.cols.push(r);
        self.writer.rows += 1;
    }

    /// The number of posts pushed so far.
    pub fn len(&self) -> usize {
        self.writer.rows
    }

    /// Whether no post has been pushed.
    pub fn is_empty(&self) -> bool {
        self.writer.rows == 0
    }

    /// Resolves the parent keys. Returns the table and the keys that occur
    /// more than once (the first occurrence wins for references).
    ///
    /// Complexity: O(n) expected.
    pub fn finish(self) -> (LineTable, Vec<String>) {
        let (t, dups) = self.finish_with_rows();
        let keys = dups.iter().map(|&(row, _)| t.key(row).to_owned()).collect();
        (t, keys)
    }

    /// Like [`LineTableBuilder::finish`], but names each repeated key by its
    /// row (in push order) and the row where the key first occurred, so that
    /// a reader can report both lines.
    pub(crate) fn finish_with_rows(self) -> (LineTable, Vec<(usize, usize)>) {
        let (mut t, refs, consecutive) = self.into_table();
        let duplicates = t.resolve(refs, consecutive);
        (t, duplicates)
    }

    /// A builder for exactly `rows` posts given by keys, to be written in
    /// place by [`LineTableBuilder::halves`] (the flat CSV reader's).
    #[cfg(feature = "csv")]
    pub(crate) fn with_rows(rows: usize) -> Self {
        LineTableBuilder { cols: Columns::zeroed(rows), ..LineTableBuilder::default() }
    }

    /// A builder for the `rows` posts of a design, whose units are numbered
    /// by their place in `unit_keys`, sized to be written in place by
    /// [`LineTableBuilder::halves`] ([`Half::push_post`]) and finished with
    /// [`LineTableBuilder::finish_with_managers`].
    pub(crate) fn for_design_in_halves(rows: usize, unit_keys: Vec<String>) -> Self {
        LineTableBuilder { cols: Columns::zeroed(rows), design_units: Some(unit_keys), ..LineTableBuilder::default() }
    }

    /// Splits a builder made by [`LineTableBuilder::with_rows`] or
    /// [`LineTableBuilder::for_design_in_halves`] into the rows before `at`
    /// and the rows from `at`, for two threads to write at once. Manager
    /// numbers in both count from `base` (the number in the first key, or 0;
    /// see [`ParentRefs`]). Give both halves back to
    /// [`LineTableBuilder::join`], after [`Half::done`].
    pub(crate) fn halves(&mut self, at: usize, base: u64) -> (Half<'_>, Half<'_>) {
        let n = self.cols.len();
        self.split = at.min(n);
        let ids = |rows: usize| if self.design_units.is_some() { Vec::with_capacity(rows) } else { Vec::new() };
        let (ids1, ids2) = (ids(self.split), ids(n - self.split));
        let (first, second) = self.cols.split_at(at);
        let writer =
            |post_ids| Writer { parents: ParentRefs { base, ..ParentRefs::default() }, post_ids, ..Writer::default() };
        (Half { cols: first, writer: writer(ids1) }, Half { cols: second, writer: writer(ids2) })
    }

    /// Joins the two halves written after [`LineTableBuilder::halves`]: the
    /// rows a half left unwritten (lines that held no post) are closed up,
    /// keys, units and references are put together, and the builder holds
    /// the rows of both, in order.
    pub(crate) fn join(&mut self, first: HalfRows, second: HalfRows) {
        let (first, second) = (first.0, second.0);
        let (at, first_rows) = (self.split, first.rows);
        if first_rows < at {
            self.cols.shift(at, second.rows, first_rows);
        }
        self.cols.truncate(first_rows + second.rows);
        self.writer = first;
        let ends = self.cols.key_ends.get_mut(first_rows..).unwrap_or_default();
        let remap = self.writer.then(second, ends);
        if remap.iter().enumerate().any(|(i, &j)| i as u32 != j) {
            for u in self.cols.unit.get_mut(first_rows..).unwrap_or_default() {
                if let Some(&j) = remap.get(*u as usize) {
                    *u = j;
                }
            }
        }
    }

    /// Takes the columns out as a table whose parents are not yet resolved.
    fn into_table(self) -> (LineTable, ParentRefs, Consecutive) {
        let LineTableBuilder { cols, writer, design_units, .. } = self;
        let Columns { key_ends, parent, fte, salary, unit, manager_role } = cols;
        let Writer { keys, parents, consecutive, units, post_ids, .. } = writer;
        debug_assert!(key_ends.windows(2).all(|w| w[0] <= w[1]), "key ends rise");
        debug_assert!(
            [parent.len(), fte.len(), salary.len(), unit.len(), manager_role.len()]
                .iter()
                .all(|&l| l == key_ends.len())
                && (post_ids.is_empty() || post_ids.len() == key_ends.len()),
            "every column of a line table has one entry per post"
        );
        let table = LineTable {
            keys: KeyList { buf: keys, ends: key_ends },
            parent,
            dangling: Vec::new(),
            fte,
            salary,
            unit,
            unit_keys: design_units.unwrap_or(units.keys),
            manager_role,
            post_ids,
        };
        (table, parents, consecutive)
    }

    /// Finishes a design's table (see [`LineTableBuilder::for_design_in_halves`]) with
    /// the line manager of every row.
    pub(crate) fn finish_with_managers(self, managers: Managers) -> LineTable {
        let (mut t, _, _) = self.into_table();
        debug_assert_eq!(managers.parent.len(), t.len(), "one manager per post");
        t.parent = managers.parent;
        t.dangling = managers.dangling;
        t
    }

    /// The ids of the posts added so far (a design's table only).
    pub(crate) fn post_ids(&self) -> &[PostId] {
        &self.writer.post_ids
    }
}

/// The rows from one point of a sized [`LineTableBuilder`] on, written in
/// place by one thread: see [`LineTableBuilder::halves`].
pub(crate) struct Half<'b> {
    cols: ColumnsMut<'b>,
    writer: Writer,
}

/// What a [`Half`] wrote, to give back to [`LineTableBuilder::join`].
pub(crate) struct HalfRows(Writer);

impl Half<'_> {
    /// Makes room for keys of about `bytes` bytes together.
    pub(crate) fn reserve_keys(&mut self, bytes: usize) {
        self.writer.keys.reserve(bytes);
    }

    /// Writes the next post, given by keys, as [`LineTableBuilder::push`]
    /// takes it. `false` when the half is full (the post is not written).
    #[cfg(feature = "csv")]
    #[inline]
    pub(crate) fn push(
        &mut self,
        key: &str,
        parent: Option<&str>,
        unit: Option<&str>,
        fte: f64,
        salary: Option<f64>,
        manager_role: bool,
    ) -> bool {
        self.write(|w| w.row(key, parent, unit, fte, salary, manager_role))
    }

    /// Writes the next post of a design, as [`LineTableBuilder::push_post`]
    /// takes it. `false` when the half is full (the post is not written).
    pub(crate) fn push_post(
        &mut self,
        key: &str,
        id: PostId,
        unit: Option<usize>,
        fte: f64,
        salary: Option<f64>,
        manager_role: bool,
    ) -> bool {
        self.write(|w| w.post_row(key, id, unit, fte, salary, manager_role))
    }

    /// Writes the row `make` encodes into the next free row, if there is one.
    #[inline]
    fn write(&mut self, make: impl FnOnce(&mut Writer) -> Row) -> bool {
        if self.writer.rows >= self.cols.parent.len() {
            return false;
        }
        let r = make(&mut self.writer);
        let written = self.cols.set(self.writer.rows, r);
        self.writer.rows += usize::from(written);
        written
    }

    /// Ends the writing; give the result to [`LineTableBuilder::join`].
    pub(crate) fn done(self) -> HalfRows {
        HalfRows(self.writer)
    }
}

/// The line manager of every post of a design's table, in row order: see
/// [`LineTableBuilder::finish_with_managers`].
#[derive(Debug, Default)]
pub(crate) struct Managers {
    parent: Vec<u32>,
    dangling: Vec<(u32, String)>,
}

impl Managers {
    /// Room for `n` posts.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Managers { parent: Vec::with_capacity(n), dangling: Vec::new() }
    }

    /// The next post is a top post.
    pub(crate) fn push_top(&mut self) {
        self.parent.push(TOP);
    }

    /// The next post reports to the post in row `row`.
    pub(crate) fn push_row(&mut self, row: usize) {
        self.parent.push(u32::try_from(row).ok().filter(|&r| r < DANGLING).unwrap_or(DANGLING));
    }

    /// The next post reports to a post that is not in the table; `key` names it.
    pub(crate) fn push_missing(&mut self, key: String) {
        self.dangling.push((self.parent.len() as u32, key));
        self.parent.push(DANGLING);
    }
}

impl LineTable {
    /// Sets `parent` and `dangling` from the references as written, and
    /// returns the repeated keys as (row, first row with that key).
    ///
    /// Three ways, fastest first: keys that are the consecutive numbers from
    /// the references' base need no index at all; keys that are all modest
    /// whole numbers index an array; any other keys go into a hash map. The
    /// parent column as written (distances and marks) becomes the resolved
    /// one in place.
    fn resolve(&mut self, refs: ParentRefs, consecutive: Consecutive) -> Vec<(usize, usize)> {
        let n = self.keys.len();
        let ParentRefs { base, side_rows, side_keys } = refs;
        let mut parent = std::mem::take(&mut self.parent);
        let mut duplicates = Vec::new();
        let mut dangling = Vec::new();
        let mut side = side_rows.iter().zip(side_keys.iter());
        let mut digits = NumberText::default();
        if consecutive == Consecutive::From(base) {
            // Distances are rows. A key on the side is text, or a number
            // outside `base..base + 2^32`, so it names no post.
            for (i, p) in parent.iter_mut().enumerate() {
                match *p {
                    TOP => {}
                    ON_SIDE => {
                        dangling.push((i as u32, side_key(&mut side).to_owned()));
                        *p = DANGLING;
                    }
                    d if (d as usize) < n => {}
                    d => {
                        dangling.push((i as u32, digits.write(u64::from(d) + base).to_owned()));
                        *p = DANGLING;
                    }
                }
            }
        } else if let Some(mut index) = DenseIndex::new(&self.keys) {
            // Keys that are all modest whole numbers index an array. A key on
            // the side may still be such a number (one below the base).
            duplicates = std::mem::take(&mut index.duplicates);
            for (i, p) in parent.iter_mut().enumerate() {
                let key = match *p {
                    TOP => continue,
                    ON_SIDE => side_key(&mut side),
                    d => digits.write(u64::from(d) + base),
                };
                *p = match canonical_number(key).and_then(|v| index.get(v)) {
                    Some(j) => j,
                    None => {
                        dangling.push((i as u32, key.to_owned()));
                        DANGLING
                    }
                };
            }
        } else {
            let mut index: FastHashMap<&str, u32> = FastHashMap::default();
            index.reserve(n);
            for (i, k) in self.keys.iter().enumerate() {
                match index.get(k) {
                    Some(&first) => duplicates.push((i, first as usize)),
                    None => {
                        index.insert(k, i as u32);
                    }
                }
            }
            for (i, p) in parent.iter_mut().enumerate() {
                let key = match *p {
                    TOP => continue,
                    ON_SIDE => side_key(&mut side),
                    d => digits.write(u64::from(d) + base),
                };
                *p = match index.get(key) {
                    Some(&j) => j,
                    None => {
                        dangling.push((i as u32, key.to_owned()));
                        DANGLING
                    }
                };
            }
        }
        self.parent = parent;
        self.dangling = dangling;
        duplicates
    }
}

/// The next side key. Every row marked [`ON_SIDE`] has one, in row order.
fn side_key<'k>(side: &mut impl Iterator<Item = (&'k u32, &'k str)>) -> &'k str {
    let key = side.next().map(|(_, k)| k);
    debug_assert!(key.is_some(), "a row marked as kept on the side has no side key");
    key.unwrap_or("")
}

/// Writes a whole number as text without allocating.
#[derive(Default)]
struct NumberText {
    buf: [u8; 20],
}

impl NumberText {
    fn write(&mut self, mut v: u64) -> &str {
        let mut at = self.buf.len();
        loop {
            at -= 1;
            self.buf[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        std::str::from_utf8(&self.buf[at..]).unwrap_or("")
    }
}

/// An index for keys that are all canonical whole numbers of modest size:
/// an array from number to the first row that carries it.
struct DenseIndex {
    slots: Vec<u32>,
    /// The repeated keys: (row, first row with that key).
    duplicates: Vec<(usize, usize)>,
}

const EMPTY: u32 = u32::MAX;

impl DenseIndex {
    fn new(keys: &KeyList) -> Option<Self> {
        let n = keys.len();
        let mut values = Vec::with_capacity(n);
        let mut max = 0u64;
        for k in keys.iter() {
            let v = canonical_number(k)?;
            max = max.max(v);
            values.push(v);
        }
        // Only when the array stays within a few times the number of rows.
        if max > (n as u64).saturating_mul(4).saturating_add(1024) {
            return None;
        }
        let mut slots = vec![EMPTY; (max as usize) + 1];
        let mut duplicates = Vec::new();
        for (i, &v) in values.iter().enumerate() {
            let slot = &mut slots[v as usize];
            if *slot == EMPTY {
                *slot = i as u32;
            } else {
                duplicates.push((i, *slot as usize));
            }
        }
        Some(DenseIndex { slots, duplicates })
    }

    /// The first row whose key has this value.
    fn get(&self, v: u64) -> Option<u32> {
        self.slots.get(usize::try_from(v).ok()?).copied().filter(|&s| s != EMPTY)
    }
}

/// The value of a key written as a canonical whole number of up to 18 digits
/// (`"0"`, `"42"`, not `"042"` or `"+42"`), so that equal numbers mean equal
/// keys.
#[inline]
pub(crate) fn canonical_number(k: &str) -> Option<u64> {
    let b = k.as_bytes();
    if b.is_empty() || b.len() > 18 || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    let mut v = 0u64;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
    }
    Some(v)
}

// The tests write tables in halves, which only the flat CSV reader does.
#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;

    /// Rows of (key, manager key) in many shapes: numbered rows, numbers with
    /// gaps and below the first, text keys, managers that are missing, written
    /// as text, or repeated keys.
    fn row_shapes() -> Vec<Vec<(String, Option<String>)>> {
        let numbered: Vec<_> =
            (0..40).map(|i| ((i + 5).to_string(), (i > 0).then(|| ((i - 1) / 3 + 5).to_string()))).collect();
        let mut gaps = numbered.clone();
        gaps[7].0 = "900".into();
        gaps[9].1 = Some("3".into());
        gaps[12].1 = Some("4294967999".into());
        let mut text = numbered.clone();
        text[3].0 = "P-3".into();
        text[20].1 = Some("P-3".into());
        text[21].1 = Some("007".into());
        let mut repeated = numbered.clone();
        repeated[30].0 = "12".into();
        vec![numbered, gaps, text, repeated]
    }

    fn unit(i: usize) -> String {
        format!("U{}", i % 7)
    }

    #[test]
    fn a_table_written_in_two_halves_gives_the_table_of_one() {
        for rows in row_shapes() {
            let mut whole = LineTable::builder();
            for (i, (k, p)) in rows.iter().enumerate() {
                whole.push(k, p.as_deref(), Some(&unit(i)), 1.0, None, i % 2 == 0);
            }
            let whole = whole.finish_with_rows();
            let base = canonical_number(&rows[0].0).unwrap_or(0);
            for cut in 0..=rows.len() {
                // Each half has a spare row, as a reader's half has for a blank line.
                let mut b = LineTableBuilder::with_rows(rows.len() + 2);
                let (mut one, mut two) = b.halves(cut + 1, base);
                for (i, (k, p)) in rows.iter().enumerate() {
                    let half = if i < cut { &mut one } else { &mut two };
                    assert!(half.push(k, p.as_deref(), Some(&unit(i)), 1.0, None, i % 2 == 0));
                }
                let (one, two) = (one.done(), two.done());
                b.join(one, two);
                assert!(b.finish_with_rows() == whole, "cut at {cut} of {:?}", rows.first());
            }
        }
    }

    #[test]
    fn a_full_half_refuses_a_post() {
        let mut b = LineTableBuilder::with_rows(1);
        let (mut one, _) = b.halves(1, 0);
        assert!(one.push("1", None, None, 1.0, None, false));
        assert!(!one.push("2", None, None, 1.0, None, false));
    }
}

#[cfg(test)]
mod design_tests {
    use super::*;

    /// A design's table read by id (in halves, found by leading bits) is the
    /// table the key-based builder makes of the same posts.
    #[test]
    fn a_design_table_is_the_table_of_its_keys() {
        for text in [
            include_str!("../../tests/fixtures/designs/small.json"),
            include_str!("../../tests/fixtures/designs/almelo-parties.json"),
            include_str!("../../examples/data/almelo-2018/new.json"),
            include_str!("../../examples/data/de-bilt-2018/design.json"),
        ] {
            let d = match crate::format::from_json(text.as_bytes()) {
                Ok(d) => d,
                Err(e) => panic!("{e}"),
            };
            let table = LineTable::from_design(&d);
            let mut b = LineTable::builder();
            for p in d.posts() {
                let manager = p.reports_to.and_then(|m| d.post(m)).map(|m| &m.key[..]);
                let unit = p.unit.and_then(|u| d.unit(u)).map(|u| &u.key[..]);
                b.push(&p.key, manager, unit, p.fte, p.salary, d.role_flags(&p.role).line_management);
            }
            let (by_keys, duplicates) = b.finish();
            assert!(duplicates.is_empty());
            assert_eq!(table.len(), d.posts().len());
            assert_eq!(table.post_ids(), d.posts().map(|p| p.id).collect::<Vec<_>>());
            for i in 0..table.len() {
                assert_eq!(table.key(i), by_keys.key(i));
                assert_eq!(table.parent(i), by_keys.parent(i), "manager of {}", table.key(i));
                assert_eq!(table.unit_of(i), by_keys.unit_of(i), "unit of {}", table.key(i));
                assert_eq!(table.fte(i).to_bits(), by_keys.fte(i).to_bits());
                assert_eq!(table.salary(i).map(f64::to_bits), by_keys.salary(i).map(f64::to_bits));
                assert_eq!(table.manager_role(i), by_keys.manager_role(i));
            }
            assert_eq!(table.unit_keys(), d.units().map(|u| u.key.to_string()).collect::<Vec<_>>());
        }
    }
}
