//! The unit-level scene: one box per unit, placed by the unit placement tree.
//!
//! The writers draw it as they draw the post level: the placement tree takes
//! the place of the line, and a box shows the unit's name, its head's title
//! and the posts placed in it (see [`Level::Units`](super::Level::Units)).

use std::collections::{HashMap, VecDeque};

use super::scene::{Extra, Link, Node, Scene, extra_party_links, on_day, party_nodes};
use super::words::words;
use super::{Level, RenderError, RenderOptions};
use crate::graph::fxhash::FastHashMap;
use crate::graph::index::IdIndex;
use crate::graph::{Bodies, LineTable};
use crate::model::{Design, PostId, Target, Unit, UnitId, natural_cmp};

/// What is known of one unit's posts.
#[derive(Default)]
struct Staff {
    posts: usize,
    fte: f64,
    /// The FTE held by appointments (not acting), each post at most its own FTE.
    filled: f64,
    /// Open findings about the unit or a post placed in it.
    findings: usize,
}

/// Selects and arranges the units [`RenderOptions`] asks for. Complexity:
/// O(n + u log u) in the posts and units.
pub(super) fn build(design: &Design, options: &RenderOptions) -> Result<Scene, RenderError> {
    let w = words(options.language);
    let (d, cleared, mut notes) = on_day(design, options, w.units_marked);
    let d = d.as_ref();
    let mut title = d.name().to_owned();

    let order = UnitOrder::new(d);
    let units = &order.sorted;
    let n = units.len();
    let parent: Vec<Option<usize>> = units.iter().map(|u| u.parent.and_then(|p| order.get(p))).collect();
    let mut children = vec![Vec::new(); n];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }

    // The top of what is drawn: one unit, or every unit placed in none.
    let roots: Vec<usize> = match &options.unit {
        Some(key) => {
            let top = d
                .unit_by_key(key)
                .ok_or_else(|| RenderError::UnknownUnit { key: key.clone(), as_of: options.as_of })?;
            title = format!("{title}: {}", top.name);
            order.get(top.id).into_iter().collect()
        }
        None => (0..n).filter(|&i| parent[i].is_none()).collect(),
    };
    if let Some(day) = options.as_of {
        title = w.as_of(&title, day);
    }

    // Depth in the placement tree, breadth first from the top.
    let mut depth = vec![usize::MAX; n];
    let mut queue: VecDeque<usize> = roots.iter().copied().collect();
    for &r in &roots {
        depth[r] = 0;
    }
    while let Some(v) = queue.pop_front() {
        for &c in &children[v] {
            if depth[c] == usize::MAX {
                depth[c] = depth[v] + 1;
                queue.push_back(c);
            }
        }
    }
    let limit = options.depth.unwrap_or(usize::MAX);
    // Units placed in a cycle of placements: drawn apart, as posts in a line
    // cycle are, unless one unit or a depth is asked for.
    let cyclic: Vec<usize> =
        if options.unit.is_none() { (0..n).filter(|&i| depth[i] == usize::MAX).collect() } else { Vec::new() };
    let keep: Vec<bool> =
        (0..n)
            .map(|i| {
                if depth[i] == usize::MAX {
                    options.depth.is_none() && options.unit.is_none()
                } else {
                    depth[i] <= limit
                }
            })
            .collect();
    if !cyclic.is_empty() {
        let what = if options.depth.is_none() { "" } else { w.depth_from_top_unit };
        notes.push(w.unreachable_units(cyclic.len(), what));
    }

    // The posts placed directly in each unit, and the heads, read from the
    // reporting line as a table: its rows are the design's posts in order,
    // its unit numbers the design's units in order.
    let line = LineTable::from_design(d);
    let (mut staff, unplaced) = tally(d, &line, &order);
    // Filled and vacant FTE only where the design says who holds its posts.
    let staffed = d.appointments().len() > 0;
    if let Some(subjects) = &options.findings {
        for subject in subjects {
            let unit = if let Some(key) = subject.strip_prefix("units/") {
                d.unit_by_key(key).map(|u| u.id)
            } else if let Some(key) = subject.strip_prefix("posts/") {
                d.post_by_key(key).and_then(|p| p.unit)
            } else {
                None
            };
            if let Some(u) = unit.and_then(|u| order.get(u)) {
                staff[u].findings += 1;
            }
        }
    }
    if unplaced > 0 && options.unit.is_none() {
        notes.push(w.unplaced(unplaced));
    }
    // Communities (vakgroepen, netwerken): their members are placed elsewhere.
    let mut joined = vec![0usize; n];
    for ms in d.memberships() {
        if let Some(u) = order.get(ms.community) {
            joined[u] += 1;
        }
    }
    // The heads need the layers of the line and nothing else it measures.
    let heads = crate::measures::unit_head_rows(d, &line, &crate::measures::layers_only(&line));
    let post_at = |row: usize| line.post_ids().get(row).and_then(|&p| d.post(p));
    let mut led_by: FastHashMap<UnitId, Vec<(String, String)>> = FastHashMap::default();
    let mut coach_of: FastHashMap<UnitId, Option<String>> = FastHashMap::default();
    if units.iter().any(|u| u.collective_leadership || u.self_steering.is_some()) {
        let bodies = Bodies::new(d.units(), &line);
        for c in bodies.collectives() {
            let mut members: Vec<(String, String)> = c
                .members
                .iter()
                .filter_map(|&r| post_at(r))
                .map(|p| (p.title.to_string(), p.key.to_string()))
                .collect();
            members.sort_by(|a, b| natural_cmp(&a.1, &b.1));
            led_by.insert(c.unit, members);
        }
        for t in bodies.teams() {
            coach_of.insert(t.unit, t.coach.and_then(post_at).map(|p| p.title.to_string()));
        }
    }

    // References cleared on the day drawn, by the unit that holds them.
    let mut cleared_of: HashMap<usize, Vec<String>> = HashMap::new();
    for c in &cleared {
        let unit = if let Some(key) = c.holder.strip_prefix("units/") {
            d.unit_by_key(key).map(|u| u.id)
        } else if let Some(key) = c.holder.strip_prefix("posts/") {
            d.post_by_key(key).and_then(|p| p.unit)
        } else {
            None
        };
        if let Some(u) = unit.and_then(|u| order.get(u)) {
            cleared_of.entry(u).or_default().push(format!("{} {} {}", c.holder, c.field, c.target));
        }
    }

    // The kept units, renumbered.
    let mut new_index = vec![usize::MAX; n];
    let mut nodes = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        new_index[i] = nodes.len();
        let members = led_by.remove(&u.id).unwrap_or_default();
        let mut headless = false;
        let led = if !members.is_empty() {
            w.led_together(members.len())
        } else if u.self_steering.is_some() {
            match coach_of.get(&u.id).cloned().flatten() {
                Some(coach) => w.coach(&coach),
                None => w.self_steering_no_coach.to_owned(),
            }
        } else {
            let head = order.number.get(i).and_then(|&k| heads.get(k).copied().flatten());
            match head.and_then(|row| post_at(row as usize)) {
                Some(head) => head.title.to_string(),
                None => {
                    headless = true;
                    w.no_head.to_owned()
                }
            }
        };
        let s = &staff[i];
        let mut count = match s.posts {
            0 if joined[i] > 0 => w.placed_elsewhere(joined[i]),
            0 => w.no_posts.to_owned(),
            k => w.posts_fte(k, s.fte),
        };
        if staffed && s.posts > 0 {
            let vacant = ((s.fte - s.filled) * 100.0).round() / 100.0;
            if vacant > 0.0 {
                count.push_str(&w.vacant(vacant));
            } else {
                count.push_str(", ");
                count.push_str(w.all_filled);
            }
        }
        let findings = options.findings.as_ref().map(|_| s.findings);
        nodes.push(Node {
            key: u.key.clone(),
            title: u.name.clone(),
            kind: Some(u.kind),
            hidden_reports: children[i].iter().filter(|&&c| !keep[c]).count(),
            cleared: cleared_of.remove(&i).unwrap_or_default(),
            party: None,
            members,
            in_team: false,
            // A unit with no posts and no head says only that.
            details: {
                let mut lines = if s.posts == 0 && headless { vec![count] } else { vec![led, count] };
                match findings {
                    Some(0) | None => {}
                    Some(k) => lines.push(w.findings(k)),
                }
                lines
            },
            findings,
            staff: false,
        });
    }
    let party_node = if options.parties { party_nodes(d, &mut nodes) } else { HashMap::new() };
    let m = nodes.len();
    let mut scene_parent = vec![None; m];
    let mut scene_children = vec![Vec::new(); m];
    for i in 0..n {
        let ni = new_index[i];
        if ni == usize::MAX {
            continue;
        }
        if let Some(p) = parent[i]
            && new_index[p] != usize::MAX
            && depth[i] != usize::MAX
        {
            scene_parent[ni] = Some(new_index[p]);
            scene_children[new_index[p]].push(ni);
        }
    }
    let mut scene_roots: Vec<usize> = roots.iter().map(|&r| new_index[r]).filter(|&r| r != usize::MAX).collect();
    let mut party_roots: Vec<usize> = party_node.values().copied().collect();
    party_roots.sort_unstable();
    scene_roots.extend(party_roots);
    let unreachable: Vec<usize> = cyclic.iter().map(|&c| new_index[c]).filter(|&c| c != usize::MAX).collect();
    let hidden: usize = nodes.iter().map(|n| n.hidden_reports).sum();
    if hidden > 0 {
        notes.push(w.hidden_units(hidden));
    }

    // Horizontal lines between units: from the unit of the agent's post to
    // the unit steered, or the unit of the post steered.
    let drawn = |u: UnitId| order.get(u).map(|i| new_index[i]).filter(|&i| i != usize::MAX);
    let unit_of = |p: PostId| d.post(p).and_then(|p| p.unit).and_then(drawn);
    let land = |t: Target| match t {
        Target::Post(p) => unit_of(p),
        Target::Unit(u) => drawn(u),
        Target::Party(p) => party_node.get(&p).copied(),
    };
    let hidden_party = |t: Target| matches!(t, Target::Party(_)) && !options.parties;
    let mut links = Vec::new();
    let (mut outside, mut within) = (0usize, 0usize);
    for a in d.assignments() {
        match (unit_of(a.agent), land(a.target)) {
            (Some(from), Some(to)) if from == to => within += 1,
            (Some(from), Some(to)) => links.push(Link { from, to, kind: Some(a.kind), extra: None }),
            (Some(_), None) if hidden_party(a.target) => {}
            (Some(_), None) | (None, Some(_)) => outside += 1,
            (None, None) => {}
        }
    }
    if options.parties {
        extra_party_links(d, &land, &mut links);
    }
    if options.portfolios {
        for f in d.portfolios() {
            match (unit_of(f.post), drawn(f.unit)) {
                (Some(from), Some(to)) if from != to => {
                    links.push(Link { from, to, kind: None, extra: Some(Extra::Portfolio) })
                }
                (Some(_), None) | (None, Some(_)) => outside += 1,
                _ => {}
            }
        }
    }
    for p in d.posts() {
        if let Some(t) = p.accountable_to {
            match (unit_of(p.id), land(t)) {
                (Some(from), Some(to)) if from != to => links.push(Link { from, to, kind: None, extra: None }),
                (Some(_), None) if hidden_party(t) => {}
                (Some(_), None) => outside += 1,
                _ => {}
            }
        }
    }
    links.sort_by_key(|l| (l.from, l.to, l.kind, l.extra));
    links.dedup_by_key(|l| (l.from, l.to, l.kind, l.extra));
    if outside > 0 {
        notes.push(w.outside_units(outside));
    }
    if within > 0 {
        notes.push(w.within_unit(within));
    }

    Ok(Scene {
        title,
        nodes,
        children: scene_children,
        parent: scene_parent,
        roots: scene_roots,
        unreachable,
        links,
        communities: Vec::new(),
        notes,
        cleared,
        level: Level::Units,
        words: w,
    })
}

/// The units of a design in the natural order of their keys, each found by
/// its id in the design's sorted list of ids ([`IdIndex`]), without hashing.
struct UnitOrder<'d> {
    /// The units, sorted by key.
    sorted: Vec<&'d Unit>,
    /// For each unit in `sorted`, its number in the design's order.
    number: Vec<usize>,
    /// For each unit in the design's order, its place in `sorted`.
    place: Vec<usize>,
    /// The ids of the units in the design's order, and their index.
    ids: Vec<UnitId>,
    index: IdIndex,
}

impl<'d> UnitOrder<'d> {
    /// Sorts the units of `d` by key. Complexity: O(u log u).
    fn new(d: &'d Design) -> Self {
        let all: Vec<&Unit> = d.units().collect();
        let mut by_key: Vec<usize> = (0..all.len()).collect();
        by_key.sort_by(|&a, &b| natural_cmp(&all[a].key, &all[b].key));
        let mut place = vec![0; all.len()];
        for (at, &k) in by_key.iter().enumerate() {
            place[k] = at;
        }
        let ids: Vec<UnitId> = all.iter().map(|u| u.id).collect();
        let index = IdIndex::new(&ids);
        let sorted = by_key.iter().map(|&k| all[k]).collect();
        UnitOrder { sorted, number: by_key, place, ids, index }
    }

    /// The place in the sorted order of the unit numbered `k` in the design's order.
    fn place_of(&self, k: usize) -> Option<usize> {
        self.place.get(k).copied()
    }

    /// The place in the sorted order of the unit with this id, if the design has it.
    fn get(&self, id: UnitId) -> Option<usize> {
        self.index.find(&self.ids, id).and_then(|k| self.place_of(k))
    }
}

/// The posts placed directly in each unit (by its place in `order`), and
/// the number of posts placed in none. `line` is the design's own
/// ([`LineTable::from_design`]). Complexity: O(n + a).
fn tally(d: &Design, line: &LineTable, order: &UnitOrder) -> (Vec<Staff>, usize) {
    let mut staff: Vec<Staff> = (0..order.sorted.len()).map(|_| Staff::default()).collect();
    let mut unplaced = 0usize;
    let held = held_fte(d, line);
    for (row, &fte) in line.ftes().iter().enumerate() {
        match line.unit_number(row).and_then(|u| order.place_of(u)).and_then(|u| staff.get_mut(u)) {
            Some(s) => {
                s.posts += 1;
                s.fte += fte;
                s.filled += held.get(row).copied().unwrap_or(0.0).min(fte);
            }
            None => unplaced += 1,
        }
    }
    (staff, unplaced)
}

/// The FTE held in each post (by its row in `line`) by appointments that
/// are not acting; empty when the design has no appointments.
fn held_fte(d: &Design, line: &LineTable) -> Vec<f64> {
    if d.appointments().len() == 0 {
        return Vec::new();
    }
    let ids = line.post_ids();
    let index = IdIndex::new(ids);
    let mut held = vec![0.0; ids.len()];
    for a in d.appointments() {
        if let Some(slot) = index.find(ids, a.post).and_then(|row| held.get_mut(row))
            && !a.acting
        {
            *slot += a.fte;
        }
    }
    held
}
