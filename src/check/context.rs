//! The context every rule shares, built once per check.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use jiff::civil::Date;

use crate::graph::{LineTable, OrgGraph, Parent};
use crate::measures::{self, Measures};
use crate::model::{Appointment, ClearedReference, Design, Post, PostId, RoleFlags, Target, Unit, UnitId, UnitKind};

const NONE: u32 = u32::MAX;

/// A hasher for ids that are already uniformly random (UUIDs): it keeps the
/// last eight bytes it is fed instead of mixing them again. Building the post
/// index of a million posts is several times faster this way.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

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

/// A hash map keyed by ids, with the [`IdHasher`].
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// What every rule can read: the design as it stands on the check's day,
/// indexed once.
///
/// Posts are numbered in the design's order; the number of a post is its
/// index in [`Context::posts`], in [`Context::line`] and in the per-post
/// measures.
pub struct Context<'a> {
    full: &'a Design,
    design: &'a Design,
    day: Date,
    cleared: Vec<ClearedReference>,
    posts: Vec<&'a Post>,
    flags: Vec<RoleFlags>,
    role_of: Vec<u16>,
    role_names: Vec<&'a str>,
    units: Vec<&'a Unit>,
    appointments: Vec<&'a Appointment>,
    appointment_post: Vec<u32>,
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
    /// Builds the context. `design` is `full` as of `day` (or `full` itself
    /// when every element is valid that day), `cleared` the references that
    /// building it cleared.
    ///
    /// Complexity: O(n) expected, for n elements.
    pub(crate) fn new(
        full: &'a Design,
        design: &'a Design,
        day: Date,
        cleared: Vec<ClearedReference>,
        top_roles: &[String],
    ) -> Context<'a> {
        let units: Vec<&'a Unit> = design.units().collect();
        let mut unit_index = IdMap::with_capacity_and_hasher(units.len(), Default::default());
        for (i, u) in units.iter().enumerate() {
            unit_index.insert(u.id, i as u32);
        }
        // One pass over the posts builds the post list, the role flags, the
        // index and the line arrays: a post is read from memory once.
        let n = design.posts().len();
        let mut posts: Vec<&'a Post> = Vec::with_capacity(n);
        let mut flags: Vec<RoleFlags> = Vec::with_capacity(n);
        let mut managers: Vec<Option<PostId>> = Vec::with_capacity(n);
        // Roles by number. A design has few roles, so a short list searched
        // from the front, with the last role found moved to the front, beats
        // hashing every post's role text.
        let mut role_cache: Vec<(&'a str, u16, RoleFlags)> = Vec::new();
        let mut role_names: Vec<&'a str> = Vec::new();
        let mut role_of: Vec<u16> = Vec::with_capacity(n);
        let mut line = LineTable {
            keys: crate::graph::line::KeyList::with_capacity(n, n * 8),
            parent: Vec::with_capacity(n),
            dangling: Vec::new(),
            fte: Vec::with_capacity(n),
            salary: Vec::with_capacity(n),
            unit: Vec::with_capacity(n),
            unit_keys: units.iter().map(|u| u.key.clone()).collect(),
            manager_role: Vec::with_capacity(n),
            post_ids: Vec::with_capacity(n),
        };
        // The post index is built on a second thread while this one reads
        // every post into the arrays.
        let build_index = || {
            let mut index: IdMap<PostId, u32> = IdMap::with_capacity_and_hasher(n, Default::default());
            for (i, p) in design.posts().enumerate() {
                index.insert(p.id, i as u32);
            }
            index
        };
        let ((), post_index) = super::join(
            || {
                for p in design.posts() {
                    let (r, mut f) = match role_cache.iter().position(|(name, _, _)| *name == p.role) {
                        Some(0) => (role_cache[0].1, role_cache[0].2),
                        Some(k) => {
                            let hit = role_cache.remove(k);
                            role_cache.insert(0, hit);
                            (hit.1, hit.2)
                        }
                        None => {
                            role_names.push(p.role.as_str());
                            let hit = (p.role.as_str(), (role_names.len() - 1) as u16, design.role_flags(&p.role));
                            role_cache.insert(0, hit);
                            (hit.1, hit.2)
                        }
                    };
                    f.temporary |= p.temporary;
                    f.independent |= p.independent;
                    posts.push(p);
                    flags.push(f);
                    role_of.push(r);
                    managers.push(p.reports_to);
                    line.keys.push(&p.key);
                    line.fte.push(p.fte);
                    line.salary.push(p.salary.unwrap_or(f64::NAN));
                    line.unit.push(p.unit.and_then(|u| unit_index.get(&u).copied()).unwrap_or(NONE));
                    line.manager_role.push(f.line_management);
                    line.post_ids.push(p.id);
                }
            },
            build_index,
        );
        for (i, m) in managers.into_iter().enumerate() {
            line.parent.push(match m {
                None => u32::MAX,
                Some(m) => match post_index.get(&m) {
                    Some(&j) => j,
                    None => {
                        line.dangling.push((i as u32, m.to_string()));
                        u32::MAX - 1
                    }
                },
            });
        }
        // The measures run while the appointments are indexed.
        let (measures, (appointments, appointment_post)) = super::join(
            || measures::compute(&line),
            || {
                let appointments: Vec<&'a Appointment> = design.appointments().collect();
                let appointment_post: Vec<u32> =
                    appointments.iter().map(|a| post_index.get(&a.post).copied().unwrap_or(NONE)).collect();
                (appointments, appointment_post)
            },
        );
        let heads = unit_heads(&units, &line, &measures.per_post.layer, &post_index);
        Context {
            full,
            design,
            day,
            cleared,
            posts,
            flags,
            role_of,
            role_names,
            units,
            appointments,
            appointment_post,
            post_index,
            unit_index,
            line,
            measures,
            heads,
            top_roles: top_roles.to_vec(),
            graph: OnceLock::new(),
        }
    }

    /// The design as it stands on the check's day: elements valid that day,
    /// with references to elements that were not valid cleared.
    pub fn design(&self) -> &'a Design {
        self.design
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

    /// The posts on the day, in post order (the design's order).
    pub fn posts(&self) -> &[&'a Post] {
        &self.posts
    }

    /// The flags of post number `i`: its role's flags, with the post's own
    /// `temporary` and `independent` marks added (all unset for an unknown number).
    pub fn flags(&self, i: usize) -> RoleFlags {
        self.flags.get(i).copied().unwrap_or_default()
    }

    /// The numbers of the posts whose role is one of `roles`, in post order.
    ///
    /// Roles are numbered once per check, so this scans a small array instead
    /// of comparing every post's role text. O(n).
    pub fn posts_with_role<'s>(&'s self, roles: &[String]) -> impl Iterator<Item = usize> + 's {
        let wanted: Vec<bool> = self.role_names.iter().map(|n| roles.iter().any(|r| r == n)).collect();
        self.role_of
            .iter()
            .enumerate()
            .filter(move |(_, r)| wanted.get(**r as usize).copied().unwrap_or(false))
            .map(|(i, _)| i)
    }

    /// The appointments on the day, in the design's order.
    pub fn appointments(&self) -> &[&'a Appointment] {
        &self.appointments
    }

    /// The number of the post that appointment number `k` (in
    /// [`Context::appointments`]) is to.
    pub fn appointment_post(&self, k: usize) -> Option<usize> {
        self.appointment_post.get(k).filter(|&&i| i != NONE).map(|&i| i as usize)
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
        self.graph.get_or_init(|| OrgGraph::new(self.design))
    }

    /// The number of posts.
    pub fn post_count(&self) -> usize {
        self.posts.len()
    }

    /// The post with number `i`.
    pub fn post_at(&self, i: usize) -> Option<&'a Post> {
        self.posts.get(i).copied()
    }

    /// The number of a post.
    pub fn index_of(&self, post: PostId) -> Option<usize> {
        self.post_index.get(&post).map(|&i| i as usize)
    }

    /// A post by id (on the day).
    pub fn post(&self, post: PostId) -> Option<&'a Post> {
        self.index_of(post).and_then(|i| self.post_at(i))
    }

    /// A unit by id (on the day).
    pub fn unit(&self, unit: UnitId) -> Option<&'a Unit> {
        let i = *self.unit_index.get(&unit)? as usize;
        self.units.get(i).copied()
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
        self.top_roles.contains(&post.role)
    }

    /// The numbers of the posts without a line manager, in post order. O(n)
    /// over the line array.
    pub fn posts_without_manager(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.line.len()).filter(|&i| self.line.parent(i) == Parent::Top)
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

/// Whether every element of the design is valid on the day, so that the
/// design as of the day is the design itself.
pub(crate) fn all_valid(d: &Design, day: Date) -> bool {
    d.units().all(|u| u.valid.contains(day))
        && d.posts().all(|p| p.valid.contains(day))
        && d.appointments().all(|a| a.valid.contains(day))
        && d.assignments().all(|a| a.valid.contains(day))
        && d.memberships().all(|m| m.valid.contains(day))
}

/// The head of every unit, by unit number: see [`Context::unit_head`]. O(n).
fn unit_heads(units: &[&Unit], line: &LineTable, layer: &[u32], post_index: &IdMap<PostId, u32>) -> Vec<u32> {
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
    for (ui, u) in units.iter().enumerate() {
        if let Some(h) = u.head.and_then(|h| post_index.get(&h))
            && let Some(slot) = heads.get_mut(ui)
        {
            *slot = *h;
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn designs() -> Vec<Design> {
        let mut out = Vec::new();
        for text in [
            include_str!("../../tests/fixtures/designs/small.json"),
            include_str!("../../tests/fixtures/rules/reporting-cycle/triggers.json"),
            include_str!("../../tests/fixtures/rules/independence-breached/triggers.json"),
            include_str!("../../tests/fixtures/rules/community-has-line-manager/triggers.json"),
        ] {
            match crate::format::load_json(text.as_bytes()) {
                Ok(d) => out.push(d),
                Err(e) => panic!("{e}"),
            }
        }
        out
    }

    #[test]
    fn the_context_indexes_agree_with_the_core_ones() {
        for d in designs() {
            let cx = Context::new(&d, &d, jiff::civil::date(2024, 6, 1), Vec::new(), &[]);
            // Salaries may be NaN (unknown), so compare those by their bits.
            let (mine, core) = (cx.line(), LineTable::from_design(&d));
            let bits = |t: &LineTable| t.salary.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(mine), bits(&core));
            let strip = |t: &LineTable| LineTable { salary: Vec::new(), ..t.clone() };
            assert_eq!(strip(mine), strip(&core));
            assert_eq!(cx.measures(), &measures::compute(&LineTable::from_design(&d)));
            let core = measures::unit_heads(&d, cx.line(), &cx.measures().per_post);
            for u in d.units() {
                assert_eq!(cx.unit_head(u.id), core.get(&u.id).copied(), "head of {}", u.key);
            }
        }
    }
}
