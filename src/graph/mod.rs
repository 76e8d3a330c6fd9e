//! The graph index: the design's relations in a petgraph graph.
//!
//! A [`Design`] stores its relations as ids on the elements. [`OrgGraph`]
//! indexes them in a [`StableDiGraph`] so that questions such as "who reports
//! to this post", "which steering lines run into this unit" or "where does a
//! steering line meet the line it steers" cost time proportional to the
//! answer, or linear time for all answers at once. `NodeIndex` stays inside
//! the crate: the public API speaks in domain ids.
//!
//! The line itself also gets a dense array form, [`LineTable`], which the
//! measures use: the reporting line of a million posts is one parent index per
//! post, and arrays are the fastest way to walk it.

mod bodies;
pub(crate) mod fxhash;
pub(crate) mod index;
pub(crate) mod line;

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, NodeIndexable};

pub use bodies::{Bodies, Collective, SelfSteeringTeam};
pub use line::{LineTable, LineTableBuilder, Parent};

use crate::model::{AssignmentId, Design, Post, PostId, Target, UnitId};

/// A unit or post, to find its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    Unit(UnitId),
    Post(PostId),
}

/// An edge of the graph index; it points from the element that holds the
/// reference to the element it refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    /// Organic placement: a unit in its parent unit, or a post in its unit.
    PlacedIn,
    /// The line: a post reports to its line manager's post.
    ReportsTo,
    /// Accountability outside the line.
    AccountableTo,
    /// A horizontal steering assignment from its agent to its target, by
    /// its number in [`OrgGraph::assignments`].
    Steers(u32),
    /// Community membership of a post.
    MemberOf,
}

/// Where one steering assignment meets the line it steers: see
/// [`OrgGraph::meeting_points`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MeetingPoint {
    /// The assignment.
    pub assignment: AssignmentId,
    /// The steering post.
    pub agent: PostId,
    /// The post steered: the target post, or the head of the target unit.
    pub steered: Option<PostId>,
    /// The lowest common line superior of the agent and the steered post (a
    /// post is its own superior); `None` when either does not reach a top
    /// post, they reach different top posts, or nothing is steered.
    pub superior: Option<PostId>,
}

/// The relations of a design, indexed for traversal: units and posts as
/// nodes; placement, the line, accountability, steering and community
/// membership as edges. Parties outside the organisation are no nodes:
/// accountability to a party and an assignment aimed at one add no edge, and
/// such an assignment meets the line nowhere. Portfolios (aandachtsgebieden)
/// are no edges either: they carry no authority in the line.
///
/// Build it with [`OrgGraph::new`] in time linear in the design. It borrows
/// nothing: rebuild it after editing the design. A check builds it once, on
/// first use ([`Context::graph`](crate::check::Context::graph)).
///
/// ```
/// use harkje::{Design, Post, Unit, UnitKind};
/// use harkje::graph::OrgGraph;
///
/// let mut d = Design::new("Voorbeeld");
/// let team = d.add_unit(Unit::new("team", "Team", UnitKind::Team))?;
/// let mut tm = Post::new("tm", "Teammanager", "teammanager");
/// tm.unit = Some(team);
/// let tm = d.add_post(tm)?;
/// let mut m = Post::new("m", "Medewerker", "medewerker");
/// m.unit = Some(team);
/// m.reports_to = Some(tm);
/// let m = d.add_post(m)?;
///
/// let g = OrgGraph::new(&d);
/// assert_eq!(g.reports(tm).collect::<Vec<_>>(), [m]);
/// assert_eq!(g.posts_in(team).count(), 2);
/// # Ok::<(), harkje::EditError>(())
/// ```
#[derive(Clone, Debug)]
pub struct OrgGraph {
    /// The relations. Nodes carry no weight: a node's number says what it
    /// is, so that a million posts cost little memory.
    graph: StableDiGraph<(), Relation>,
    /// The units' ids, sorted; unit `units[k]` is node `k`.
    units: Vec<UnitId>,
    /// The posts' ids, sorted; post `posts[k]` is node `units.len() + k`.
    posts: Vec<PostId>,
    /// The assignments' ids, by the number their `Steers` edge carries.
    assignments: Vec<AssignmentId>,
}

/// No node, in the per-node arrays of the graph algorithms.
const NONE: u32 = u32::MAX;

/// The relations of a design whose units and posts are already numbered in
/// the design's order (sorted by id), for [`OrgGraph::from_numbered`].
pub(crate) struct Numbered<'a, M, W, P, U> {
    /// The design: its units, assignments and memberships.
    pub design: &'a Design,
    /// Its posts in the design's order, as they stand on the day read.
    pub posts: &'a [&'a Post],
    /// The number of the line manager of post number `k`.
    pub manager: M,
    /// The number of the unit of post number `k`.
    pub unit: W,
    /// The number of a post.
    pub find_post: P,
    /// The number of a unit.
    pub find_unit: U,
}

impl OrgGraph {
    /// Indexes every relation of the design.
    ///
    /// Complexity: O(n) expected, in the number of elements and relations.
    pub fn new(design: &Design) -> Self {
        let posts: HashMap<PostId, usize> = design.posts().enumerate().map(|(i, p)| (p.id, i)).collect();
        let units: HashMap<UnitId, usize> = design.units().enumerate().map(|(i, u)| (u.id, i)).collect();
        let manager: Vec<Option<usize>> =
            design.posts().map(|p| p.reports_to.and_then(|m| posts.get(&m).copied())).collect();
        let unit: Vec<Option<usize>> = design.posts().map(|p| p.unit.and_then(|u| units.get(&u).copied())).collect();
        let all: Vec<&Post> = design.posts().collect();
        OrgGraph::from_numbered(Numbered {
            design,
            posts: &all,
            manager: |k: usize| manager.get(k).copied().flatten(),
            unit: |k: usize| unit.get(k).copied().flatten(),
            find_post: |p| posts.get(&p).copied(),
            find_unit: |u| units.get(&u).copied(),
        })
    }

    /// Indexes every relation of a design whose line and placement are
    /// already resolved to numbers (the check context has them), so that the
    /// many references cost no lookup.
    ///
    /// Complexity: O(n) plus a lookup per unit parent, accountability,
    /// assignment and membership.
    pub(crate) fn from_numbered<M, W, P, U>(parts: Numbered<'_, M, W, P, U>) -> Self
    where
        M: Fn(usize) -> Option<usize>,
        W: Fn(usize) -> Option<usize>,
        P: Fn(PostId) -> Option<usize>,
        U: Fn(UnitId) -> Option<usize>,
    {
        let Numbered { design, posts: post_list, manager, unit, find_post, find_unit } = parts;
        let units: Vec<UnitId> = design.units().map(|u| u.id).collect();
        let posts: Vec<PostId> = post_list.iter().map(|p| p.id).collect();
        let (nu, n) = (units.len(), units.len() + posts.len());
        let mut graph = StableDiGraph::with_capacity(n, 2 * posts.len() + nu + design.assignments().len());
        for _ in 0..n {
            graph.add_node(());
        }
        let unit_node = |k: usize| NodeIndex::new(k);
        let post_node = |k: usize| NodeIndex::new(nu + k);
        let target_node = |t: Target| match t {
            Target::Unit(u) => find_unit(u).map(unit_node),
            Target::Post(p) => find_post(p).map(post_node),
            // A party is outside the organisation: no node, no edge.
            Target::Party(_) => None,
        };
        for (k, u) in design.units().enumerate() {
            if let Some(parent) = u.parent.and_then(&find_unit) {
                graph.add_edge(unit_node(k), unit_node(parent), Relation::PlacedIn);
            }
        }
        for (k, p) in post_list.iter().enumerate() {
            if let Some(u) = unit(k) {
                graph.add_edge(post_node(k), unit_node(u), Relation::PlacedIn);
            }
            if let Some(m) = manager(k) {
                graph.add_edge(post_node(k), post_node(m), Relation::ReportsTo);
            }
            if let Some(t) = p.accountable_to.and_then(target_node) {
                graph.add_edge(post_node(k), t, Relation::AccountableTo);
            }
        }
        let mut assignments = Vec::with_capacity(design.assignments().len());
        for a in design.assignments() {
            if let (Some(agent), Some(t)) = (find_post(a.agent), target_node(a.target)) {
                graph.add_edge(post_node(agent), t, Relation::Steers(assignments.len() as u32));
                assignments.push(a.id);
            }
        }
        for m in design.memberships() {
            if let (Some(p), Some(c)) = (find_post(m.post), find_unit(m.community)) {
                graph.add_edge(post_node(p), unit_node(c), Relation::MemberOf);
            }
        }
        OrgGraph { graph, units, posts, assignments }
    }

    /// The node of a unit or post, found by binary search in the sorted ids.
    fn node(&self, node: Node) -> Option<NodeIndex> {
        match node {
            Node::Unit(u) => self.units.binary_search(&u).ok().map(NodeIndex::new),
            Node::Post(p) => self.posts.binary_search(&p).ok().map(|k| NodeIndex::new(self.units.len() + k)),
        }
    }

    /// The nodes with an edge of kind `want` into `ix`.
    fn sources(&self, ix: NodeIndex, want: Relation) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.edges_directed(ix, Direction::Incoming).filter(move |e| *e.weight() == want).map(|e| e.source())
    }

    /// The line manager of a post node, if it has one in the design.
    fn manager(&self, ix: NodeIndex) -> Option<NodeIndex> {
        self.graph
            .edges_directed(ix, Direction::Outgoing)
            .find(|e| *e.weight() == Relation::ReportsTo)
            .map(|e| e.target())
    }

    /// The post a node is, if it is one.
    fn post(&self, ix: NodeIndex) -> Option<PostId> {
        ix.index().checked_sub(self.units.len()).and_then(|k| self.posts.get(k)).copied()
    }

    /// The unit a node is, if it is one.
    fn unit(&self, ix: NodeIndex) -> Option<UnitId> {
        self.units.get(ix.index()).copied()
    }

    /// The direct line reports of a post, in no particular order.
    ///
    /// Complexity: O(edges of the post).
    pub fn reports(&self, post: PostId) -> impl Iterator<Item = PostId> + '_ {
        self.node(Node::Post(post))
            .into_iter()
            .flat_map(move |ix| self.sources(ix, Relation::ReportsTo))
            .filter_map(|ix| self.post(ix))
    }

    /// The posts placed directly in a unit, in no particular order.
    ///
    /// Complexity: O(edges of the unit).
    pub fn posts_in(&self, unit: UnitId) -> impl Iterator<Item = PostId> + '_ {
        self.node(Node::Unit(unit))
            .into_iter()
            .flat_map(move |ix| self.sources(ix, Relation::PlacedIn))
            .filter_map(|ix| self.post(ix))
    }

    /// The assignments that steer a unit or post directly, with their agents,
    /// in no particular order.
    ///
    /// Complexity: O(edges of the target).
    pub fn steering_into(&self, target: Target) -> impl Iterator<Item = (AssignmentId, PostId)> + '_ {
        target_node(target).and_then(|n| self.node(n)).into_iter().flat_map(move |ix| self.steering_into_node(ix))
    }

    fn steering_into_node(&self, ix: NodeIndex) -> impl Iterator<Item = (AssignmentId, PostId)> + '_ {
        self.graph.edges_directed(ix, Direction::Incoming).filter_map(move |e| {
            match (e.weight(), self.post(e.source())) {
                (Relation::Steers(a), Some(p)) => Some((*self.assignments.get(*a as usize)?, p)),
                _ => None,
            }
        })
    }

    /// Where every steering assignment meets the line it steers: the lowest
    /// common line superior of its agent and of the post it steers (the
    /// target post, or `head(unit)` for a target unit), in the design's
    /// order of assignments.
    ///
    /// All meeting points are found in one walk down the line from the top
    /// posts (Tarjan's offline lowest common ancestors, with a union-find
    /// over the posts), so the whole answer costs O(n + a) (up to the
    /// inverse Ackermann factor of the union-find), not O(a × depth). The
    /// walk uses an explicit stack: a chain of any depth is fine. Posts in or
    /// under a line cycle are reached from no top post and meet no one.
    pub fn meeting_points(&self, head: impl Fn(UnitId) -> Option<PostId>) -> Vec<MeetingPoint> {
        // One question per assignment (the edges come in the order they were
        // added, the design's), with the nodes it joins.
        let mut out: Vec<MeetingPoint> = Vec::new();
        let mut ends: Vec<(NodeIndex, NodeIndex)> = Vec::new();
        for e in self.graph.edge_indices() {
            let (Some(&Relation::Steers(k)), Some((from, to))) =
                (self.graph.edge_weight(e), self.graph.edge_endpoints(e))
            else {
                continue;
            };
            let (Some(&assignment), Some(agent)) = (self.assignments.get(k as usize), self.post(from)) else {
                continue;
            };
            let steered = self.post(to).or_else(|| self.unit(to).and_then(&head));
            let steered_ix = steered.and_then(|s| self.node(Node::Post(s)));
            out.push(MeetingPoint { assignment, agent, steered, superior: None });
            ends.push((from, steered_ix.unwrap_or(NodeIndex::end())));
        }
        // Each node's questions, as a stretch of one array: `first[v]..first[v + 1]`.
        let bound = self.graph.node_bound();
        let mut first = vec![0u32; bound + 1];
        for &(a, b) in &ends {
            if b != NodeIndex::end() {
                first[a.index()] += 1;
                first[b.index()] += 1;
            }
        }
        let mut sum = 0u32;
        for slot in first.iter_mut() {
            let c = *slot;
            *slot = sum;
            sum += c;
        }
        let mut questions = vec![0u32; sum as usize];
        let mut fill = first.clone();
        for (q, &(a, b)) in ends.iter().enumerate() {
            if b != NodeIndex::end() {
                for x in [a, b] {
                    questions[fill[x.index()] as usize] = q as u32;
                    fill[x.index()] += 1;
                }
            }
        }

        let mut sets = UnionFind::new(bound);
        // The top post of the tree a node was reached from, NONE until reached.
        let mut tree = vec![NONE; bound];
        // The lowest node of the walk in a node's set, kept at the set's root.
        let mut ancestor = vec![NONE; bound];
        let mut finished = vec![false; bound];
        let mut stack: Vec<(NodeIndex, bool)> = Vec::new();
        let tops = self.graph.node_indices().filter(|&ix| self.post(ix).is_some() && self.manager(ix).is_none());
        for top in tops {
            stack.push((top, false));
            while let Some((v, leaving)) = stack.pop() {
                let vi = v.index();
                if !leaving {
                    tree[vi] = top.index() as u32;
                    ancestor[vi] = vi as u32;
                    stack.push((v, true));
                    // A post has one manager, so every report is reached once.
                    stack.extend(self.sources(v, Relation::ReportsTo).map(|c| (c, false)));
                    continue;
                }
                finished[vi] = true;
                let (from, to) = (first[vi] as usize, first[vi + 1] as usize);
                for &q in questions.get(from..to).unwrap_or(&[]) {
                    let (a, b) = ends[q as usize];
                    let other = if a == v { b } else { a };
                    let oi = other.index();
                    if finished[oi] && tree[oi] == tree[vi] {
                        let meet = ancestor[sets.find(oi)];
                        out[q as usize].superior = self.post(NodeIndex::new(meet as usize));
                    }
                }
                if let Some(m) = self.manager(v) {
                    let root = sets.union(m.index(), vi);
                    ancestor[root] = m.index() as u32;
                }
            }
        }
        out
    }
}

/// Disjoint sets over `0..n` with union by size and path halving.
struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let up = self.parent[self.parent[x] as usize];
            self.parent[x] = up;
            x = up as usize;
        }
        x
    }

    /// Joins the sets of `a` and `b`, and returns the root of the joined set.
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return a;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
        a
    }
}

/// The node of a target; a party outside the organisation has none.
fn target_node(t: Target) -> Option<Node> {
    match t {
        Target::Post(p) => Some(Node::Post(p)),
        Target::Unit(u) => Some(Node::Unit(u)),
        Target::Party(_) => None,
    }
}
