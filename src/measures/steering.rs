//! Measures of horizontal steering: unit heads, escalation points and coordination load.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::PerPost;
use crate::graph::index::IdIndex;
use crate::graph::{Bodies, LineTable, Numbered, OrgGraph, Parent};
use crate::model::{Assignment, Design, PostId, Target, UnitId};

/// The head of every unit that has posts: the named head where the unit names
/// one, else the post in the unit whose line manager sits outside the unit,
/// taking the one highest in the line (lowest layer, then smallest key). A post
/// of a staff role (such as the concerncontroller placed in a unit of
/// bedrijfsvoering) serves its manager and is never taken as the head.
///
/// `line` must be built from `design` ([`LineTable::from_design`]), and
/// `per_post` computed from it.
///
/// Complexity: O(n).
pub fn unit_heads(design: &Design, line: &LineTable, per_post: &PerPost) -> HashMap<UnitId, PostId> {
    let heads = unit_head_rows(design, line, &per_post.layer);
    design.units().zip(heads).filter_map(|(u, h)| Some((u.id, line.post_ids().get(h? as usize).copied()?))).collect()
}

/// The head of every unit of `design` as [`unit_heads`] finds it, in the
/// design's order of units, as a row of `line`: for callers that number the
/// units themselves and need no map by id. `layer` is
/// [`PerPost::layer`] (or [`layers_only`](super::layers_only)) of `line`.
///
/// Complexity: O(n).
pub(crate) fn unit_head_rows(design: &Design, line: &LineTable, layer: &[u32]) -> Vec<Option<u32>> {
    // The table's ids are the design's, sorted: found by their leading bits.
    let ids = line.post_ids();
    let index = IdIndex::new(ids);
    let named = design.units().map(|u| u.head.and_then(|h| index.find(ids, h)));
    let staff = |i: usize| {
        let post = line.post_ids().get(i).and_then(|&p| design.post(p));
        post.is_some_and(|p| design.role_flags(&p.role).staff)
    };
    head_numbers(line, layer, named, staff)
}

/// The head of every unit of `line`, by unit number, as a post number: the
/// one definition of a unit head, used by [`unit_heads`] and by the check
/// context. `named` gives, in unit order, the post number of the head each
/// unit names; `layer` is the layer of every post (0 when it reaches no top
/// post, and such posts rank last). A post for which `staff` says yes (its
/// role serves a manager, like the concerncontroller) is never a derived
/// head: a unit with only such posts at its top has no head unless it names one.
///
/// Complexity: O(n + u).
pub(crate) fn head_numbers(
    line: &LineTable,
    layer: &[u32],
    named: impl IntoIterator<Item = Option<usize>>,
    staff: impl Fn(usize) -> bool,
) -> Vec<Option<u32>> {
    let units = line.unit_keys().len();
    // The best candidate of every unit so far: (rank, post number).
    let mut best: Vec<Option<(u32, u32)>> = vec![None; units];
    for i in 0..line.len() {
        let Some(u) = line.unit_number(i) else { continue };
        let Some(slot) = best.get_mut(u) else { continue };
        let outside = match line.parent(i) {
            Parent::Post(m) => line.unit_number(m) != Some(u),
            _ => true,
        };
        if !outside || staff(i) {
            continue;
        }
        let l = layer.get(i).copied().unwrap_or(0);
        let rank = if l == 0 { u32::MAX } else { l };
        let better = match *slot {
            None => true,
            Some((r, h)) => (rank, line.key(i)) < (r, line.key(h as usize)),
        };
        if better {
            *slot = Some((rank, i as u32));
        }
    }
    let mut heads: Vec<Option<u32>> = best.into_iter().map(|b| b.map(|(_, i)| i)).collect();
    for (slot, named) in heads.iter_mut().zip(named) {
        if let Some(h) = named {
            *slot = Some(h as u32);
        }
    }
    heads
}

/// The escalation point of one steering assignment.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Escalation {
    /// The assignment key.
    pub assignment: String,
    /// The steering post.
    pub agent: String,
    /// The line manager of what is steered: the head of the target unit, or the target post.
    pub steered: Option<String>,
    /// The lowest common line superior of the two, if they share a top post.
    pub computed: Option<String>,
    /// The escalation point the assignment names, if any.
    pub named: Option<String>,
    /// The key of the collective leadership the two meet at, when their
    /// chains meet in any of its members: then the escalation point is the
    /// collective, and `computed` is `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collective: Option<String>,
}

/// The escalation point of every assignment: the lowest common line
/// superior of the steering post and the manager of what it steers
/// ([`OrgGraph::meeting_points`]), sorted.
///
/// A collective leadership ([`Bodies`]) counts as one post here: two chains
/// that meet in any of its members, or that reach two of its members, meet at
/// the collective (`collective`), which is then the escalation point.
///
/// `line` must be built from `design` ([`LineTable::from_design`]), and
/// `per_post` computed from it.
///
/// Complexity: O(n + a log a).
pub fn escalation_points(design: &Design, line: &LineTable, per_post: &PerPost) -> Vec<Escalation> {
    let heads = unit_heads(design, line, per_post);
    let key = |p: PostId| design.post(p).map(|p| p.key.to_string());
    let bodies = Bodies::new(design.units(), line);
    let graph = if bodies.is_empty() { OrgGraph::new(design) } else { bodies_resolved(design, line, &bodies) };
    // What steers a self-steering team answers to the post the team answers to.
    let team_heads: HashMap<UnitId, PostId> =
        bodies.teams().iter().filter_map(|t| Some((t.unit, *line.post_ids().get(t.accountable?)?))).collect();
    let row = |p: PostId| line.post_ids().binary_search(&p).ok();
    let collective = |p: PostId| {
        let c = bodies.collective_of(row(p)?)?;
        design.unit(c.unit).map(|u| u.key.to_string())
    };
    let mut out: Vec<Escalation> = graph
        .meeting_points(|u| team_heads.get(&u).or_else(|| heads.get(&u)).copied())
        .into_iter()
        .map(|m| {
            let a = design.assignment(m.assignment);
            let at_collective = m.superior.and_then(collective);
            Escalation {
                assignment: a.map(|a| a.key.clone()).unwrap_or_default(),
                agent: key(m.agent).unwrap_or_default(),
                steered: m.steered.and_then(key),
                computed: if at_collective.is_some() { None } else { m.superior.and_then(key) },
                named: a.and_then(|a| a.escalation).map(|t| design.target_path(t)),
                collective: at_collective,
            }
        })
        .collect();
    out.sort();
    out
}

/// The graph of a design with its bodies resolved. Every collective
/// leadership is drawn together: each member's line manager is the
/// collective's first member, whose line manager is the line above the
/// collective. So every chain through a member passes through the first
/// member, and two chains that meet in the collective meet at a member. A
/// member of a self-steering team without a line manager hangs under the post
/// the team answers to.
fn bodies_resolved(design: &Design, line: &LineTable, bodies: &Bodies) -> OrgGraph {
    let posts = line.post_ids();
    let units: Vec<UnitId> = design.units().map(|u| u.id).collect();
    let manager = |k: usize| {
        let written = |p: Parent| match p {
            Parent::Post(m) => Some(m),
            _ => None,
        };
        match bodies.collective_of(k) {
            Some(c) => match c.members.first() {
                Some(&first) if first != k => Some(first),
                _ => written(c.above),
            },
            None => match (line.parent(k), bodies.team_of(k)) {
                (Parent::Top, Some(team)) => team.accountable,
                (p, _) => written(p),
            },
        }
    };
    let all: Vec<&crate::model::Post> = design.posts().collect();
    OrgGraph::from_numbered(Numbered {
        design,
        posts: &all,
        manager,
        unit: |k| line.unit_number(k).filter(|&u| u < units.len()),
        find_post: |p| posts.binary_search(&p).ok(),
        find_unit: |u| units.binary_search(&u).ok(),
    })
}

/// The coordination load of every unit: the number of distinct steering posts
/// with an assignment into the unit or into a post placed in it
/// (`steering_lines`). Units without any are left out.
///
/// Complexity: O(a log a).
pub fn coordination_load(design: &Design) -> BTreeMap<String, usize> {
    let lines = steering_lines(design.assignments(), |p| design.post(p).and_then(|p| p.unit));
    let mut load = BTreeMap::new();
    for group in lines.chunk_by(|a, b| a.0 == b.0) {
        if let Some(u) = group.first().and_then(|&(u, _)| design.unit(u)) {
            load.insert(u.key.to_string(), group.len());
        }
    }
    load
}

/// The steering lines into units, as (unit, steering post) pairs, each once,
/// sorted: an assignment into a unit steers that unit, one into a post the
/// unit the post is placed in (`unit_of`). The number of a unit's pairs is its
/// coordination load. The one definition, used by [`coordination_load`] and
/// the `too-many-steering-lines` rule.
///
/// Complexity: O(a log a).
pub(crate) fn steering_lines<'d>(
    assignments: impl Iterator<Item = &'d Assignment>,
    unit_of: impl Fn(PostId) -> Option<UnitId>,
) -> Vec<(UnitId, PostId)> {
    let mut lines: Vec<(UnitId, PostId)> = assignments
        .filter_map(|a| {
            let unit = match a.target {
                Target::Unit(u) => Some(u),
                Target::Post(p) => unit_of(p),
                // Work delivered to a party steers no unit of the organisation.
                Target::Party(_) => None,
            };
            Some((unit?, a.agent))
        })
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The aandachtsgebieden of one post: the units it follows without line
/// authority (see [`Portfolio`](crate::Portfolio)).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct PostPortfolio {
    /// The post's key.
    pub post: String,
    /// The keys of the units it follows, in natural key order.
    pub units: Vec<String>,
}

/// Every post's portfolios (aandachtsgebieden), in natural key order of the
/// posts. A portfolio carries no line authority, so it counts in no span, no
/// layer and no coordination load: this list is the only measure that shows it.
///
/// Complexity: O(f log f) in the portfolios.
pub fn portfolios(design: &Design) -> Vec<PostPortfolio> {
    let mut by_post: BTreeMap<crate::model::NaturalKey<'_>, Vec<&str>> = BTreeMap::new();
    for f in design.portfolios() {
        let (Some(post), Some(unit)) = (design.post(f.post), design.unit(f.unit)) else { continue };
        by_post.entry(crate::model::NaturalKey::new(&post.key)).or_default().push(&unit.key);
    }
    by_post
        .into_iter()
        .map(|(post, mut units)| {
            units.sort_by(|a, b| crate::model::natural_cmp(a, b));
            units.dedup();
            PostPortfolio { post: post.as_str().to_owned(), units: units.into_iter().map(str::to_owned).collect() }
        })
        .collect()
}
