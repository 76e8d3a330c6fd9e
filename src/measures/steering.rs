//! Measures of horizontal steering: unit heads, escalation points and coordination load.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::PerPost;
use crate::graph::{LineTable, Parent};
use crate::model::{Design, PostId, Target, UnitId};

/// The head of every unit that has posts: the named head where the unit names
/// one, else the post in the unit whose line manager sits outside the unit,
/// taking the one highest in the line (lowest layer, then smallest key).
///
/// Complexity: O(n).
pub fn unit_heads(design: &Design, line: &LineTable, per_post: &PerPost) -> HashMap<UnitId, PostId> {
    let mut heads: HashMap<UnitId, (u32, &str, PostId)> = HashMap::new();
    let index: HashMap<PostId, usize> = line.post_ids().iter().enumerate().map(|(i, p)| (*p, i)).collect();
    for p in design.posts() {
        let Some(u) = p.unit else { continue };
        let outside = match p.reports_to.and_then(|m| design.post(m)) {
            None => true,
            Some(m) => m.unit != Some(u),
        };
        if !outside {
            continue;
        }
        let layer = index.get(&p.id).and_then(|&i| per_post.layer.get(i).copied()).unwrap_or(0);
        // Unreachable posts (layer 0) rank last.
        let rank = if layer == 0 { u32::MAX } else { layer };
        let better = match heads.get(&u) {
            None => true,
            Some((r, k, _)) => (rank, p.key.as_str()) < (*r, *k),
        };
        if better {
            heads.insert(u, (rank, p.key.as_str(), p.id));
        }
    }
    let mut out: HashMap<UnitId, PostId> = heads.into_iter().map(|(u, (_, _, p))| (u, p)).collect();
    for u in design.units() {
        if let Some(h) = u.head {
            out.insert(u.id, h);
        }
    }
    out
}

/// The escalation point of one steering assignment.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
}

/// The escalation point of every assignment: the lowest common line
/// superior of the steering post and the manager of what it steers.
///
/// Complexity: O(a × d) for a assignments and a line d deep.
pub fn escalation_points(design: &Design, line: &LineTable, per_post: &PerPost) -> Vec<Escalation> {
    let heads = unit_heads(design, line, per_post);
    let index: HashMap<PostId, usize> = line.post_ids().iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let key = |p: PostId| design.post(p).map(|p| p.key.clone());
    let mut out: Vec<Escalation> = design
        .assignments()
        .map(|a| {
            let steered = match a.target {
                Target::Post(p) => Some(p),
                Target::Unit(u) => heads.get(&u).copied(),
            };
            let computed = steered.and_then(|s| {
                let (x, y) = (*index.get(&a.agent)?, *index.get(&s)?);
                lowest_common_superior(line, &per_post.layer, x, y).map(|i| line.key(i).to_owned())
            });
            Escalation {
                assignment: a.key.clone(),
                agent: key(a.agent).unwrap_or_default(),
                steered: steered.and_then(key),
                computed,
                named: a.escalation.map(|t| design.target_path(t)),
            }
        })
        .collect();
    out.sort();
    out
}

/// The lowest common line superior of two posts (a post is its own superior),
/// or `None` when either is unreachable or they sit under different top posts.
pub(crate) fn lowest_common_superior(line: &LineTable, layer: &[u32], mut x: usize, mut y: usize) -> Option<usize> {
    let up = |i: usize| match line.parent(i) {
        Parent::Post(p) => Some(p),
        _ => None,
    };
    if layer.get(x).copied().unwrap_or(0) == 0 || layer.get(y).copied().unwrap_or(0) == 0 {
        return None;
    }
    while layer[x] > layer[y] {
        x = up(x)?;
    }
    while layer[y] > layer[x] {
        y = up(y)?;
    }
    while x != y {
        x = up(x)?;
        y = up(y)?;
    }
    Some(x)
}

/// The coordination load of every unit: the number of distinct steering posts
/// with an assignment into the unit or into a post placed in it.
///
/// Complexity: O(a log a).
pub fn coordination_load(design: &Design) -> BTreeMap<String, usize> {
    let mut lines: BTreeMap<String, BTreeSet<PostId>> = BTreeMap::new();
    for a in design.assignments() {
        let unit = match a.target {
            Target::Unit(u) => Some(u),
            Target::Post(p) => design.post(p).and_then(|p| p.unit),
        };
        if let Some(u) = unit.and_then(|u| design.unit(u)) {
            lines.entry(u.key.clone()).or_default().insert(a.agent);
        }
    }
    lines.into_iter().map(|(k, v)| (k, v.len())).collect()
}
