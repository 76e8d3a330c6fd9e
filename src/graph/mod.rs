//! The graph index: the design's relations in a petgraph graph.
//!
//! A [`Design`] stores its relations as ids on the elements. [`OrgGraph`]
//! indexes them in a [`StableDiGraph`] so that questions such as "who reports
//! to this post", "which steering lines run into this unit" or "who is in this
//! vakgroep" cost time proportional to the answer. `NodeIndex` stays inside
//! the crate: the public API speaks in domain ids.
//!
//! The line itself also gets a dense array form, [`LineTable`], which the
//! measures use: the reporting line of a million posts is one parent index per
//! post, and arrays are the fastest way to walk it.

pub(crate) mod fxhash;
pub(crate) mod line;

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

pub use line::{LineTable, LineTableBuilder, Parent};

use crate::model::{AssignmentId, Design, PersonId, PostId, Target, UnitId};

/// A node of the graph index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// A unit.
    Unit(UnitId),
    /// A post.
    Post(PostId),
    /// A person.
    Person(PersonId),
}

/// An edge of the graph index; it points from the element that holds the
/// reference to the element it refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// Organic placement: a unit in its parent unit, or a post in its unit.
    PlacedIn,
    /// The line: a post reports to its line manager's post.
    ReportsTo,
    /// Accountability outside the line.
    AccountableTo,
    /// A horizontal steering assignment from its agent to its target.
    Steers(AssignmentId),
    /// Community membership of a post.
    MemberOf,
    /// A person holds a post (an appointment).
    Holds,
}

/// The relations of a design, indexed for traversal.
///
/// Build it with [`OrgGraph::new`] in time linear in the design. It borrows
/// nothing: rebuild it after editing the design.
#[derive(Clone, Debug)]
pub struct OrgGraph {
    graph: StableDiGraph<Node, Relation>,
    index: HashMap<Node, NodeIndex>,
}

impl OrgGraph {
    /// Indexes every relation of the design.
    ///
    /// Complexity: O(n) in the number of elements and relations.
    pub fn new(design: &Design) -> Self {
        let n = design.units().len() + design.posts().len() + design.people().len();
        let mut graph = StableDiGraph::with_capacity(n, n * 2);
        let mut index = HashMap::with_capacity(n);
        for u in design.units() {
            index.insert(Node::Unit(u.id), graph.add_node(Node::Unit(u.id)));
        }
        for p in design.posts() {
            index.insert(Node::Post(p.id), graph.add_node(Node::Post(p.id)));
        }
        for p in design.people() {
            index.insert(Node::Person(p.id), graph.add_node(Node::Person(p.id)));
        }
        let mut g = OrgGraph { graph, index };
        for u in design.units() {
            if let Some(p) = u.parent {
                g.link(Node::Unit(u.id), Node::Unit(p), Relation::PlacedIn);
            }
        }
        for p in design.posts() {
            if let Some(u) = p.unit {
                g.link(Node::Post(p.id), Node::Unit(u), Relation::PlacedIn);
            }
            if let Some(m) = p.reports_to {
                g.link(Node::Post(p.id), Node::Post(m), Relation::ReportsTo);
            }
            if let Some(t) = p.accountable_to {
                g.link(Node::Post(p.id), target_node(t), Relation::AccountableTo);
            }
        }
        for a in design.assignments() {
            g.link(Node::Post(a.agent), target_node(a.target), Relation::Steers(a.id));
        }
        for m in design.memberships() {
            g.link(Node::Post(m.post), Node::Unit(m.community), Relation::MemberOf);
        }
        for a in design.appointments() {
            g.link(Node::Person(a.person), Node::Post(a.post), Relation::Holds);
        }
        g
    }

    fn link(&mut self, from: Node, to: Node, rel: Relation) {
        if let (Some(&a), Some(&b)) = (self.index.get(&from), self.index.get(&to)) {
            self.graph.add_edge(a, b, rel);
        }
    }

    fn neighbours(&self, node: Node, dir: Direction, want: fn(Relation) -> bool) -> impl Iterator<Item = Node> + '_ {
        self.index
            .get(&node)
            .into_iter()
            .flat_map(move |&ix| self.graph.edges_directed(ix, dir))
            .filter(move |e| want(*e.weight()))
            .map(move |e| {
                let other = if dir == Direction::Outgoing { e.target() } else { e.source() };
                self.graph[other]
            })
    }

    /// The direct line reports of a post.
    pub fn reports(&self, post: PostId) -> impl Iterator<Item = PostId> + '_ {
        self.neighbours(Node::Post(post), Direction::Incoming, |r| r == Relation::ReportsTo).filter_map(as_post)
    }

    /// The posts placed directly in a unit.
    pub fn posts_in(&self, unit: UnitId) -> impl Iterator<Item = PostId> + '_ {
        self.neighbours(Node::Unit(unit), Direction::Incoming, |r| r == Relation::PlacedIn).filter_map(as_post)
    }

    /// The units placed directly in a unit.
    pub fn subunits(&self, unit: UnitId) -> impl Iterator<Item = UnitId> + '_ {
        self.neighbours(Node::Unit(unit), Direction::Incoming, |r| r == Relation::PlacedIn).filter_map(as_unit)
    }

    /// The posts accountable to a post or unit outside the line.
    pub fn accountable_to(&self, target: Target) -> impl Iterator<Item = PostId> + '_ {
        self.neighbours(target_node(target), Direction::Incoming, |r| r == Relation::AccountableTo).filter_map(as_post)
    }

    /// The assignments that steer a unit or post, with their agents.
    pub fn steering_into(&self, target: Target) -> impl Iterator<Item = (AssignmentId, PostId)> + '_ {
        let node = target_node(target);
        self.index
            .get(&node)
            .into_iter()
            .flat_map(move |&ix| self.graph.edges_directed(ix, Direction::Incoming))
            .filter_map(move |e| match (e.weight(), self.graph[e.source()]) {
                (Relation::Steers(a), Node::Post(p)) => Some((*a, p)),
                _ => None,
            })
    }

    /// The assignments a post carries as agent.
    pub fn steering_by(&self, post: PostId) -> impl Iterator<Item = AssignmentId> + '_ {
        self.index
            .get(&Node::Post(post))
            .into_iter()
            .flat_map(move |&ix| self.graph.edges_directed(ix, Direction::Outgoing))
            .filter_map(|e| match e.weight() {
                Relation::Steers(a) => Some(*a),
                _ => None,
            })
    }

    /// The member posts of a community.
    pub fn members(&self, community: UnitId) -> impl Iterator<Item = PostId> + '_ {
        self.neighbours(Node::Unit(community), Direction::Incoming, |r| r == Relation::MemberOf).filter_map(as_post)
    }

    /// The communities a post belongs to.
    pub fn communities_of(&self, post: PostId) -> impl Iterator<Item = UnitId> + '_ {
        self.neighbours(Node::Post(post), Direction::Outgoing, |r| r == Relation::MemberOf).filter_map(as_unit)
    }

    /// The people appointed to a post.
    pub fn holders(&self, post: PostId) -> impl Iterator<Item = PersonId> + '_ {
        self.neighbours(Node::Post(post), Direction::Incoming, |r| r == Relation::Holds).filter_map(|n| match n {
            Node::Person(p) => Some(p),
            _ => None,
        })
    }

    /// The posts a person holds.
    pub fn posts_of(&self, person: PersonId) -> impl Iterator<Item = PostId> + '_ {
        self.neighbours(Node::Person(person), Direction::Outgoing, |r| r == Relation::Holds).filter_map(as_post)
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

fn target_node(t: Target) -> Node {
    match t {
        Target::Post(p) => Node::Post(p),
        Target::Unit(u) => Node::Unit(u),
    }
}

fn as_post(n: Node) -> Option<PostId> {
    match n {
        Node::Post(p) => Some(p),
        _ => None,
    }
}

fn as_unit(n: Node) -> Option<UnitId> {
    match n {
        Node::Unit(u) => Some(u),
        _ => None,
    }
}
