//! The reporting line in dense array form.

use std::collections::HashMap;

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

const TOP: u32 = u32::MAX;
const DANGLING: u32 = u32::MAX - 1;
const NO_UNIT: u32 = u32::MAX;

/// The reporting line of a set of posts as parallel arrays, one entry per post.
///
/// This is what the measures run on. It is built either from a [`Design`]
/// ([`LineTable::from_design`]) or row by row from a flat file
/// ([`LineTable::builder`]), which may hold references to missing posts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineTable {
    pub(crate) keys: Vec<String>,
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
            keys: Vec::with_capacity(n),
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
            t.keys.push(p.key.clone());
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

    /// The number of posts.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no posts.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key of post `i`.
    pub fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", String::as_str)
    }

    /// The line manager of post `i`.
    pub fn parent(&self, i: usize) -> Parent {
        match self.parent.get(i).copied() {
            None | Some(TOP) => Parent::Top,
            Some(DANGLING) => Parent::Dangling,
            Some(p) => Parent::Post(p as usize),
        }
    }

    /// The index of the post with this id, when built from a design.
    pub fn post_ids(&self) -> &[PostId] {
        &self.post_ids
    }

    /// The unit keys the table knows, indexed by the unit numbers of the posts.
    pub fn unit_keys(&self) -> &[String] {
        &self.unit_keys
    }
}

/// Builds a [`LineTable`] row by row. See [`LineTable::builder`].
#[derive(Clone, Debug, Default)]
pub struct LineTableBuilder {
    table: LineTable,
    parent_keys: Vec<Option<String>>,
    unit_index: HashMap<String, u32>,
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
        let t = &mut self.table;
        t.keys.push(key.to_owned());
        self.parent_keys.push(parent.map(str::to_owned));
        t.fte.push(fte);
        t.salary.push(salary.unwrap_or(f64::NAN));
        let u = match unit {
            None => NO_UNIT,
            Some(u) => match self.unit_index.get(u) {
                Some(&i) => i,
                None => {
                    let i = t.unit_keys.len() as u32;
                    t.unit_keys.push(u.to_owned());
                    self.unit_index.insert(u.to_owned(), i);
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

    /// Whether no post has been pushed.
    pub fn is_empty(&self) -> bool {
        self.table.keys.is_empty()
    }

    /// Resolves the parent keys. Returns the table and the keys that occur
    /// more than once (the first occurrence wins for references).
    ///
    /// Complexity: O(n) expected.
    pub fn finish(self) -> (LineTable, Vec<String>) {
        let mut t = self.table;
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(t.keys.len());
        let mut duplicates = Vec::new();
        for (i, k) in t.keys.iter().enumerate() {
            if index.insert(k.as_str(), i as u32).is_some() {
                duplicates.push(k.clone());
            }
        }
        // Re-insert in order so that the first occurrence wins.
        if !duplicates.is_empty() {
            index.clear();
            for (i, k) in t.keys.iter().enumerate() {
                index.entry(k.as_str()).or_insert(i as u32);
            }
        }
        let mut parent = Vec::with_capacity(t.keys.len());
        let mut dangling = Vec::new();
        for (i, pk) in self.parent_keys.iter().enumerate() {
            parent.push(match pk {
                None => TOP,
                Some(k) => match index.get(k.as_str()) {
                    Some(&j) => j,
                    None => {
                        dangling.push((i as u32, k.clone()));
                        DANGLING
                    }
                },
            });
        }
        drop(index);
        t.parent = parent;
        t.dangling = dangling;
        (t, duplicates)
    }
}
