//! The context every rule shares, built once per check.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use jiff::civil::Date;

use crate::graph::{LineTable, OrgGraph, Parent};
use crate::measures::{self, Measures};
use crate::model::{ClearedReference, Design, Post, PostId, Target, Unit, UnitId, UnitKind};

const NONE: u32 = u32::MAX;

/// A hasher for ids that are already uniformly random (UUIDs): it keeps the
/// last eight bytes it is fed instead of mixing them again. Building the post
/// index of a million posts is several times faster this way.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(b);
        }
    }
}

type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// What every rule can read: the design as it stands on the check's day,
/// indexed once.
///
/// Posts are numbered in the design's order; the number of a post is its
/// index in [`Context::line`] and in the per-post measures.
pub struct Context<'a> {
    full: &'a Design,
    design: Cow<'a, Design>,
    day: Date,
    cleared: Vec<ClearedReference>,
    posts: Vec<&'a Post>,
    units: Vec<&'a Unit>,
    post_index: IdMap<PostId, u32>,
    unit_index: IdMap<UnitId, u32>,
    line: LineTable,
    measures: Measures,
    heads: Vec<u32>,
    top_roles: Vec<String>,
    graph: OnceLock<OrgGraph>,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("design", &self.design.name()).field("day", &self.day).finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    /// Builds the context of `design` as of `day`. `top_roles` are the roles
    /// whose posts count as top posts (see [`Policy::top_roles`](super::Policy::top_roles)).
    ///
    /// Complexity: O(n) expected, for n elements. When every element is valid
    /// on the day the design is borrowed, not copied.
    pub fn new(full: &'a Design, day: Date, top_roles: &[String]) -> Context<'a> {
        let (design, cleared) = if all_valid(full, day) {
            (Cow::Borrowed(full), Vec::new())
        } else {
            let (d, notes) = full.as_of_with_notes(day);
            (Cow::Owned(d), notes)
        };
        // When the design is borrowed, `posts` and `units` hold direct
        // references for O(1) access by number. An owned (filtered) design
        // cannot be referenced from the same struct, so then access by number
        // falls back to a lookup by id, O(log n).
        let line = LineTable::from_design(&design);
        let measures = measures::compute(&line);
        let mut cx = Context {
            full,
            design,
            day,
            cleared,
            posts: Vec::new(),
            units: Vec::new(),
            post_index: IdMap::default(),
            unit_index: IdMap::default(),
            line,
            measures,
            heads: Vec::new(),
            top_roles: top_roles.to_vec(),
            graph: OnceLock::new(),
        };
        if let Cow::Borrowed(d) = cx.design {
            cx.posts = d.posts().collect();
            cx.units = d.units().collect();
        }
        let design: &Design = &cx.design;
        let mut post_index = IdMap::with_capacity_and_hasher(design.posts().len(), Default::default());
        for (i, p) in design.posts().enumerate() {
            post_index.insert(p.id, i as u32);
        }
        let mut unit_index = IdMap::with_capacity_and_hasher(design.units().len(), Default::default());
        for (i, u) in design.units().enumerate() {
            unit_index.insert(u.id, i as u32);
        }
        cx.heads = unit_heads(design, &cx.line, &cx.measures.per_post.layer, &post_index);
        cx.post_index = post_index;
        cx.unit_index = unit_index;
        cx
    }

    /// The design as it stands on the check's day: elements valid that day,
    /// with references to elements that were not valid cleared.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The design as given, with every period. Rules about terms that have
    /// ended (such as `temporary-role-expired`) look here.
    pub fn full_design(&self) -> &'a Design {
        self.full
    }

    /// The day the design is judged on.
    pub fn day(&self) -> Date {
        self.day
    }

    /// The references that pointed to an element not valid on the day, and
    /// were cleared.
    pub fn cleared(&self) -> &[ClearedReference] {
        &self.cleared
    }

    /// The reporting line as arrays, in post order.
    pub fn line(&self) -> &LineTable {
        &self.line
    }

    /// The structural measures; `per_post` is in post order.
    pub fn measures(&self) -> &Measures {
        &self.measures
    }

    /// The graph index of the design on the day, built on first use.
    pub fn graph(&self) -> &OrgGraph {
        self.graph.get_or_init(|| OrgGraph::new(&self.design))
    }

    /// The number of posts.
    pub fn post_count(&self) -> usize {
        self.line.len()
    }

    /// The post with number `i`.
    pub fn post_at(&self, i: usize) -> Option<&Post> {
        match self.posts.get(i) {
            Some(p) => Some(p),
            None => self.line.post_ids().get(i).and_then(|id| self.design.post(*id)),
        }
    }

    /// The number of a post.
    pub fn index_of(&self, post: PostId) -> Option<usize> {
        self.post_index.get(&post).map(|&i| i as usize)
    }

    /// A post by id (on the day).
    pub fn post(&self, post: PostId) -> Option<&Post> {
        self.index_of(post).and_then(|i| self.post_at(i))
    }

    /// A unit by id (on the day).
    pub fn unit(&self, unit: UnitId) -> Option<&Unit> {
        let i = *self.unit_index.get(&unit)? as usize;
        match self.units.get(i) {
            Some(u) => Some(u),
            None => self.design.unit(unit),
        }
    }

    /// The key of a post, or its id when it is not in the design on the day.
    pub fn post_key(&self, post: PostId) -> String {
        self.post(post).map_or_else(|| post.to_string(), |p| p.key.clone())
    }

    /// The line manager of post `i`, as a post number.
    pub fn manager_of(&self, i: usize) -> Option<usize> {
        match self.line.parent(i) {
            Parent::Post(p) => Some(p),
            _ => None,
        }
    }

    /// The head of a unit: the post it names, else the highest post in it whose
    /// line manager sits outside it. Same definition as
    /// [`measures::unit_heads`](crate::measures::unit_heads).
    pub fn unit_head(&self, unit: UnitId) -> Option<PostId> {
        let u = *self.unit_index.get(&unit)? as usize;
        let h = *self.heads.get(u)?;
        if h == NONE { None } else { self.line.post_ids().get(h as usize).copied() }
    }

    /// Whether a post is placed in a unit of kind `directie`.
    pub fn in_directie(&self, post: &Post) -> bool {
        post.unit.and_then(|u| self.unit(u)).is_some_and(|u| u.kind == UnitKind::Directie)
    }

    /// Whether a post plays one of the policy's top roles.
    pub fn has_top_role(&self, post: &Post) -> bool {
        self.top_roles.iter().any(|r| *r == post.role)
    }

    /// Whether a post is a top post: it has no line manager and is placed in a
    /// `directie` unit or plays a top role.
    pub fn is_top_post(&self, post: &Post) -> bool {
        post.reports_to.is_none() && (self.in_directie(post) || self.has_top_role(post))
    }

    /// Whether a target belongs to the directie: a `directie` unit, a post in
    /// one, or a post with a top role.
    pub fn is_directie(&self, target: Target) -> bool {
        match target {
            Target::Unit(u) => self.unit(u).is_some_and(|u| u.kind == UnitKind::Directie),
            Target::Post(p) => self.post(p).is_some_and(|p| self.in_directie(p) || self.has_top_role(p)),
        }
    }

    /// A target as a path such as `units/directie`.
    pub fn target_path(&self, target: Target) -> String {
        self.design.target_path(target)
    }

    /// A target's key, for messages.
    pub fn target_key(&self, target: Target) -> String {
        match target {
            Target::Post(p) => self.post_key(p),
            Target::Unit(u) => self.unit(u).map_or_else(|| u.to_string(), |u| u.key.clone()),
        }
    }
}

fn all_valid(d: &Design, day: Date) -> bool {
    d.units().all(|u| u.valid.contains(day))
        && d.posts().all(|p| p.valid.contains(day))
        && d.appointments().all(|a| a.valid.contains(day))
        && d.assignments().all(|a| a.valid.contains(day))
        && d.memberships().all(|m| m.valid.contains(day))
}

/// The head of every unit, by unit number: see [`Context::unit_head`]. O(n).
fn unit_heads(design: &Design, line: &LineTable, layer: &[u32], post_index: &IdMap<PostId, u32>) -> Vec<u32> {
    let nu = line.unit_keys.len();
    let mut best: Vec<(u32, u32)> = vec![(u32::MAX, NONE); nu];
    for i in 0..line.len() {
        let u = line.unit[i];
        if u as usize >= nu {
            continue;
        }
        let outside = match line.parent(i) {
            Parent::Post(m) => line.unit[m] != u,
            _ => true,
        };
        if !outside {
            continue;
        }
        let l = layer.get(i).copied().unwrap_or(0);
        let rank = if l == 0 { u32::MAX } else { l };
        let slot = &mut best[u as usize];
        let better = slot.1 == NONE || (rank, line.key(i)) < (slot.0, line.key(slot.1 as usize));
        if better {
            *slot = (rank, i as u32);
        }
    }
    let mut heads: Vec<u32> = best.into_iter().map(|(_, i)| i).collect();
    for (ui, u) in design.units().enumerate() {
        if let Some(h) = u.head.and_then(|h| post_index.get(&h))
            && let Some(slot) = heads.get_mut(ui)
        {
            *slot = *h;
        }
    }
    heads
}
