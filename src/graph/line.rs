//! The reporting line in dense array form.

use std::collections::HashMap;

use super::fxhash::FxHashMap;
use crate::model::{Design, PostId};

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

pub(crate) const TOP: u32 = u32::MAX;
pub(crate) const DANGLING: u32 = u32::MAX - 1;
pub(crate) const NO_UNIT: u32 = u32::MAX;

/// Many short strings in one buffer: one allocation instead of one per key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct KeyList {
    buf: String,
    ends: Vec<usize>,
}

impl KeyList {
    pub(crate) fn with_capacity(n: usize, bytes: usize) -> Self {
        KeyList { buf: String::with_capacity(bytes), ends: Vec::with_capacity(n) }
    }

    /// A list from its buffer and the end of each key in it; `None` unless
    /// the ends rise within the buffer and fall on character boundaries.
    pub(crate) fn from_parts(buf: String, ends: Vec<usize>) -> Option<Self> {
        let mut last = 0;
        for &e in &ends {
            if e < last || !buf.is_char_boundary(e) {
                return None;
            }
            last = e;
        }
        Some(KeyList { buf, ends })
    }

    pub(crate) fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len());
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0);
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) };
        self.buf.get(start..end).unwrap_or("")
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn append(&mut self, other: &KeyList) {
        let base = self.buf.len();
        self.buf.push_str(&other.buf);
        self.ends.extend(other.ends.iter().map(|e| e + base));
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The reporting line of a set of posts as parallel arrays, one entry per post.
///
/// This is what the measures run on. It is built either from a [`Design`]
/// ([`LineTable::from_design`]) or row by row from a flat file
/// ([`LineTable::builder`]), which may hold references to missing posts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineTable {
    pub(crate) keys: KeyList,
    pub(crate) parent: Vec<u32>,
    pub(crate) dangling: Vec<(u32, String)>,
    pub(crate) fte: Vec<f64>,
    /// Annual full-time salary; NaN when unknown.
    pub(crate) salary: Vec<f64>,
    pub(crate) unit: Vec<u32>,
    pub(crate) unit_keys: Vec<String>,
    pub(crate) manager_role: Vec<bool>,
    pub(crate) post_ids: Vec<PostId>,
}

impl LineTable {
    /// The line of a design. Posts are in the design's order (by id).
    ///
    /// Complexity: O(n) expected.
    pub fn from_design(design: &Design) -> Self {
        let n = design.posts().len();
        let mut index: HashMap<PostId, u32> = HashMap::with_capacity(n);
        for (i, p) in design.posts().enumerate() {
            index.insert(p.id, i as u32);
        }
        let mut unit_index = HashMap::with_capacity(design.units().len());
        let mut unit_keys = Vec::with_capacity(design.units().len());
        for u in design.units() {
            unit_index.insert(u.id, unit_keys.len() as u32);
            unit_keys.push(u.key.clone());
        }
        let mut t = LineTable {
            keys: KeyList::with_capacity(n, n * 8),
            parent: Vec::with_capacity(n),
            dangling: Vec::new(),
            fte: Vec::with_capacity(n),
            salary: Vec::with_capacity(n),
            unit: Vec::with_capacity(n),
            unit_keys,
            manager_role: Vec::with_capacity(n),
            post_ids: Vec::with_capacity(n),
        };
        for (i, p) in design.posts().enumerate() {
            t.keys.push(&p.key);
            let parent = match p.reports_to {
                None => TOP,
                Some(m) => match index.get(&m) {
                    Some(&j) => j,
                    None => {
                        t.dangling.push((i as u32, m.to_string()));
                        DANGLING
                    }
                },
            };
            t.parent.push(parent);
            t.fte.push(p.fte);
            t.salary.push(p.salary.unwrap_or(f64::NAN));
            t.unit.push(p.unit.and_then(|u| unit_index.get(&u).copied()).unwrap_or(NO_UNIT));
            t.manager_role.push(design.role_flags(&p.role).line_management);
            t.post_ids.push(p.id);
        }
        t
    }

    /// A builder that takes posts row by row, with references by key.
    pub fn builder() -> LineTableBuilder {
        LineTableBuilder::default()
    }

    /// A builder with room for `rows` posts whose keys take about `key_bytes`
    /// bytes together, so that pushing does not grow and copy its arrays.
    pub fn builder_with_capacity(rows: usize, key_bytes: usize) -> LineTableBuilder {
        let mut b = LineTableBuilder::default();
        let t = &mut b.table;
        t.keys = KeyList::with_capacity(rows, key_bytes);
        t.fte.reserve(rows);
        t.salary.reserve(rows);
        t.unit.reserve(rows);
        t.manager_role.reserve(rows);
        b.parents.dist.reserve(rows);
        b
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

    /// The line manager of post `i`.
    pub fn parent(&self, i: usize) -> Parent {
        match self.parent.get(i).copied() {
            None | Some(TOP) => Parent::Top,
            Some(DANGLING) => Parent::Dangling,
            Some(p) => Parent::Post(p as usize),
        }
    }

    /// The FTE of post `i`.
    pub fn fte(&self, i: usize) -> f64 {
        self.fte.get(i).copied().unwrap_or(0.0)
    }

    /// The annual full-time salary of post `i`, if known.
    pub fn salary(&self, i: usize) -> Option<f64> {
        self.salary.get(i).copied().filter(|s| !s.is_nan())
    }

    /// The key of the unit post `i` is placed in, if any.
    pub fn unit_of(&self, i: usize) -> Option<&str> {
        self.unit.get(i).and_then(|&u| self.unit_keys.get(u as usize)).map(String::as_str)
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

/// Line-manager references as written, before they are resolved to rows.
///
/// A manager key that is a canonical whole number a little above `base` is
/// kept as its distance from `base`, in 32 bits: when the keys are the
/// consecutive numbers from `base` (the first key, in the common case of
/// numbered rows), that distance is the manager's row, and the array becomes
/// the table's parent column as it is. Any other key is kept as text on the
/// side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ParentRefs {
    /// The number distances count from.
    pub(crate) base: u64,
    /// Per row: [`TOP`], [`ON_SIDE`], or the manager key's distance from `base`.
    pub(crate) dist: Vec<u32>,
    /// The rows whose manager key is [`ON_SIDE`], ascending.
    pub(crate) side_rows: Vec<u32>,
    /// Those rows' manager keys, in the same order.
    pub(crate) side_keys: KeyList,
}

/// A manager key kept as text on the side. The same value as [`DANGLING`]:
/// resolving turns every side key that names no post into a dangling
/// reference, so the mark can stay where nothing is found.
pub(crate) const ON_SIDE: u32 = DANGLING;

impl ParentRefs {
    /// References that count from `base`.
    pub(crate) fn from_base(base: u64) -> Self {
        ParentRefs { base, ..ParentRefs::default() }
    }

    /// The reference of a row with this manager key (`None` for a top post).
    /// Stores the text on the side when needed.
    #[inline]
    pub(crate) fn encode(&mut self, row: usize, parent: Option<&str>) -> u32 {
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

    /// Appends another list's side keys, whose rows start at `offset`.
    pub(crate) fn append_side(&mut self, other: &ParentRefs, offset: usize) {
        self.side_rows.extend(other.side_rows.iter().map(|&r| r + offset as u32));
        self.side_keys.append(&other.side_keys);
    }

    /// Appends another list's references, whose rows start at `offset`.
    pub(crate) fn append(&mut self, other: &ParentRefs, offset: usize) {
        if other.base == self.base {
            self.dist.extend_from_slice(&other.dist);
            self.append_side(other, offset);
            return;
        }
        let mut side = other.side_keys.iter();
        let mut digits = NumberText::default();
        for (i, &d) in other.dist.iter().enumerate() {
            let key = match d {
                TOP => None,
                ON_SIDE => Some(side.next().unwrap_or("")),
                d => Some(digits.write(u64::from(d) + other.base)),
            };
            let r = self.encode(offset + i, key);
            self.dist.push(r);
        }
    }
}

/// Whether the keys seen so far are consecutive whole numbers in row order
/// (`7, 8, 9, …`). Then a key's row is its number minus the first, and no
/// index is needed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Consecutive {
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
    pub(crate) fn see(&mut self, row: usize, key: &str) {
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
    pub(crate) fn then(self, len: usize, next: Consecutive) -> Consecutive {
        match (self, next) {
            (Consecutive::Empty, n) => n,
            (s, Consecutive::Empty) => s,
            (Consecutive::From(a), Consecutive::From(b)) if a.checked_add(len as u64) == Some(b) => self,
            _ => Consecutive::Broken,
        }
    }
}

/// Builds a [`LineTable`] row by row. See [`LineTable::builder`].
///
/// A table numbers its posts in 32 bits, so it holds at most `u32::MAX - 2`
/// posts; the flat CSV readers refuse larger files.
#[derive(Clone, Debug, Default)]
pub struct LineTableBuilder {
    table: LineTable,
    parents: ParentRefs,
    consecutive: Consecutive,
    unit_index: FxHashMap<String, u32>,
    last_unit: Option<u32>,
}

impl LineTableBuilder {
    /// Adds a post. `parent` is the key of its line manager's post, `None` for a top post.
    pub fn push(
        &mut self,
        key: &str,
        parent: Option<&str>,
        unit: Option<&str>,
        fte: f64,
        salary: Option<f64>,
        manager_role: bool,
    ) {
        let row = self.table.keys.len();
        if row == 0 {
            self.parents.base = canonical_number(key).unwrap_or(0);
        }
        self.consecutive.see(row, key);
        let r = self.parents.encode(row, parent);
        self.parents.dist.push(r);
        let t = &mut self.table;
        t.keys.push(key);
        t.fte.push(fte);
        t.salary.push(salary.unwrap_or(f64::NAN));
        let u = match unit {
            None => NO_UNIT,
            Some(u) => match self.last_unit {
                Some(i) if t.unit_keys.get(i as usize).is_some_and(|k| k == u) => i,
                _ => {
                    let i = match self.unit_index.get(u) {
                        Some(&i) => i,
                        None => {
                            let i = t.unit_keys.len() as u32;
                            t.unit_keys.push(u.to_owned());
                            self.unit_index.insert(u.to_owned(), i);
                            i
                        }
                    };
                    self.last_unit = Some(i);
                    i
                }
            },
        };
        t.unit.push(u);
        t.manager_role.push(manager_role);
    }

    /// The number of posts pushed so far.
    pub fn len(&self) -> usize {
        self.table.keys.len()
    }

    /// Appends the posts of another builder after this one's, as if they had
    /// been pushed here in order.
    pub fn append(&mut self, other: LineTableBuilder) {
        let offset = self.len();
        let remap: Vec<u32> = other
            .table
            .unit_keys
            .iter()
            .map(|k| match self.unit_index.get(k.as_str()) {
                Some(&i) => i,
                None => {
                    let i = self.table.unit_keys.len() as u32;
                    self.table.unit_keys.push(k.clone());
                    self.unit_index.insert(k.clone(), i);
                    i
                }
            })
            .collect();
        self.consecutive = self.consecutive.then(offset, other.consecutive);
        if offset == 0 {
            self.parents.base = other.parents.base;
        }
        self.parents.append(&other.parents, offset);
        let t = &mut self.table;
        t.keys.append(&other.table.keys);
        t.fte.extend_from_slice(&other.table.fte);
        t.salary.extend_from_slice(&other.table.salary);
        t.manager_role.extend_from_slice(&other.table.manager_role);
        t.unit.extend(other.table.unit.iter().map(|&u| remap.get(u as usize).copied().unwrap_or(NO_UNIT)));
        self.last_unit = None;
    }

    /// Whether no post has been pushed.
    pub fn is_empty(&self) -> bool {
        self.table.keys.len() == 0
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
    /// row (in push order) and the row where the key first occurred.
    pub fn finish_with_rows(self) -> (LineTable, Vec<(usize, usize)>) {
        let mut t = self.table;
        let duplicates = t.resolve(self.parents, self.consecutive);
        (t, duplicates)
    }
}

impl LineTable {
    /// Sets `parent` and `dangling` from the references as written, and
    /// returns the repeated keys as (row, first row with that key).
    ///
    /// Three ways, fastest first: keys that are the consecutive numbers from
    /// the references' base need no index at all; keys that are all modest
    /// whole numbers index an array; any other keys go into a hash map. The
    /// references' array becomes the parent column.
    pub(crate) fn resolve(&mut self, refs: ParentRefs, consecutive: Consecutive) -> Vec<(usize, usize)> {
        let n = self.keys.len();
        let ParentRefs { base, dist: mut parent, side_rows, side_keys } = refs;
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
            let mut index: FxHashMap<&str, u32> = FxHashMap::default();
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
