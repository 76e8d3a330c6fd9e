//! What a picture shows, independent of the output format.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::words::{Words, words};
use super::{Level, RenderError, RenderOptions};
use crate::diagnostic::natural_cmp;
use crate::model::{ClearedReference, Design, PartyId, PartyKind, PostId, SteeringKind, Target, UnitId, UnitKind};

/// The outline colour of a post that lost a reference on the day drawn.
pub(crate) const CLEARED_COLOUR: &str = "#b9770e";

/// How many cleared references a note names before it says "and N more".
const CLEARED_SHOWN: usize = 3;

/// The note on references cleared on `day`, in the words of `w`; `marker`
/// says how the picture shows the posts concerned (empty for none).
pub(crate) fn cleared_note(
    w: &Words,
    day: jiff::civil::Date,
    cleared: &[ClearedReference],
    marker: &str,
) -> Option<String> {
    if cleared.is_empty() {
        return None;
    }
    let n = cleared.len();
    let list: Vec<String> =
        cleared.iter().take(CLEARED_SHOWN).map(|c| format!("{} {} {}", c.holder, c.field, c.target)).collect();
    let mut note = w.cleared(day, n, marker, &list.join(", "));
    if n > CLEARED_SHOWN {
        note.push_str(&w.and_more(n - CLEARED_SHOWN));
    }
    Some(note)
}

/// One post in the picture.
pub(crate) struct Node {
    pub key: String,
    pub title: String,
    /// The kind of the unit the post is placed in.
    pub kind: Option<UnitKind>,
    /// Direct reports left out by the depth limit.
    pub hidden_reports: usize,
    /// References of this post cleared on the day drawn, as `field target`
    /// (such as `reports_to posts/km`): their target was not valid that day.
    pub cleared: Vec<String>,
    /// For a party outside the organisation (drawn with `--parties`), its
    /// kind; its key is then `parties/<key>`, so it never meets a post's.
    pub party: Option<PartyKind>,
    /// For a collective leadership drawn as one body (key and title are the
    /// unit's): its members, each as (title, key), in key order. Empty for a
    /// post.
    pub members: Vec<(String, String)>,
    /// Whether the node is a member of a self-steering team hung under the
    /// post the team answers to: its edge up is accountability as a team,
    /// not a line, and is drawn dashed.
    pub in_team: bool,
    /// At the unit level, the lines under a unit's name: its head's title
    /// (or how it is led), then its posts and FTE. Empty for a post.
    pub details: Vec<String>,
    /// At the unit level with a check report, the open findings about the
    /// unit and its posts (see [`RenderOptions::findings`](super::RenderOptions::findings)).
    pub findings: Option<usize>,
    /// A staff post drawn beside its manager, in the side slot between the
    /// manager and the manager's reports: its role is a staff role
    /// ([`RoleFlags::staff`](crate::RoleFlags::staff)), it has a manager in
    /// the picture and no reports of its own there. Always `false` at the
    /// unit level.
    pub staff: bool,
}

/// A horizontal edge: steering or accountability outside the line.
pub(crate) struct Link {
    pub from: usize,
    pub to: usize,
    /// `None` for accountability outside the line.
    pub kind: Option<SteeringKind>,
    /// A relation drawn only when asked, which then decides the label and
    /// colour instead of `kind`.
    pub extra: Option<Extra>,
}

/// The relations drawn only when asked: with parties, the chain of
/// principals and an escalation to a party; with portfolios, the portfolio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Extra {
    /// A principal commissions the next link of its chain, or the agent.
    Commissions,
    /// An agent escalates to a party.
    Escalates,
    /// A post holds a unit as aandachtsgebied.
    Portfolio,
}

impl Link {
    /// The words on the line, in the words of `w`.
    pub fn label(&self, w: &Words) -> &'static str {
        match self.extra {
            Some(Extra::Commissions) => w.commissions,
            Some(Extra::Escalates) => w.escalates_to,
            Some(Extra::Portfolio) => w.portfolio,
            None => self.kind.map_or(w.accountable_to, |k| w.steering(k)),
        }
    }

    /// What sets the look of the line: its kind, or the relation drawn on request.
    pub fn style(&self) -> (Option<SteeringKind>, Option<Extra>) {
        (self.kind, self.extra)
    }

    /// The stroke colour.
    pub fn colour(&self) -> &'static str {
        style_colour(self.style())
    }

    /// Whether the line is dashed (steering, portfolios, commissions) rather
    /// than dotted (accountability, escalation).
    pub fn dashed(&self) -> bool {
        style_dashed(self.style())
    }
}

/// The stroke colour of a line of this style.
pub(crate) fn style_colour(style: (Option<SteeringKind>, Option<Extra>)) -> &'static str {
    match style.1 {
        Some(Extra::Commissions) => "#1f618d",
        Some(Extra::Escalates) => "#922b21",
        Some(Extra::Portfolio) => "#5d6d7e",
        None => link_colour(style.0),
    }
}

/// Whether a line of this style is dashed rather than dotted.
pub(crate) fn style_dashed(style: (Option<SteeringKind>, Option<Extra>)) -> bool {
    match style.1 {
        Some(Extra::Escalates) => false,
        Some(Extra::Commissions | Extra::Portfolio) => true,
        None => style.0.is_some(),
    }
}

/// The dash pattern of a line of this style (an SVG `stroke-dasharray`):
/// each kind of line its own, so that a picture printed in grey keeps them
/// apart. Accountability and escalation are dotted, the others dashed.
pub(crate) fn style_dash(style: (Option<SteeringKind>, Option<Extra>)) -> &'static str {
    match style.1 {
        Some(Extra::Commissions) => "6 4",
        Some(Extra::Escalates) => "1 3 1 3 8 3",
        Some(Extra::Portfolio) => "3 6 9 6",
        None => match style.0 {
            None => "2 3",
            Some(SteeringKind::Programme) => "12 4",
            Some(SteeringKind::Area) => "4 4",
            Some(SteeringKind::Process) => "12 4 2 4",
            Some(SteeringKind::Development) => "12 4 2 4 2 4",
            Some(SteeringKind::AreaAgenda) => "20 4 4 4",
            Some(SteeringKind::Coaching) => "6 2 6 8",
            Some(SteeringKind::Other) => "8 8",
        },
    }
}

/// The name of a line of this style, for the legend and marker ids.
pub(crate) fn style_name(style: (Option<SteeringKind>, Option<Extra>)) -> &'static str {
    match style.1 {
        Some(Extra::Commissions) => "commissions",
        Some(Extra::Escalates) => "escalates",
        Some(Extra::Portfolio) => "aandachtsgebied",
        None => style.0.map_or("accountable", SteeringKind::as_str),
    }
}

/// The name of a line of this style in the legend and on a badge, in the
/// words of `w` (the legend says `accountable to`).
pub(crate) fn style_label(w: &Words, style: (Option<SteeringKind>, Option<Extra>)) -> &'static str {
    match style.1 {
        Some(Extra::Commissions) => w.commissions,
        Some(Extra::Escalates) => w.escalates,
        Some(Extra::Portfolio) => w.portfolio,
        None => style.0.map_or(w.accountable, |k| w.steering(k)),
    }
}

/// The fill colour of a party's box.
pub(crate) const PARTY_COLOUR: &str = "#f2f3f4";

/// A community (or another unit outside the line) and its drawn members.
pub(crate) struct Community {
    pub key: String,
    pub name: String,
    pub kind: UnitKind,
    /// Members, in drawing order.
    pub members: Vec<usize>,
    /// All its members on the day drawn, drawn or not (the legend counts them all).
    pub total: usize,
    /// How many of them are drawn (in a box of their own or in a collective's body).
    pub shown: usize,
}

/// The scene: nodes in natural key order, the line as a forest over them.
pub(crate) struct Scene {
    pub title: String,
    pub nodes: Vec<Node>,
    /// The line: children of each node, in natural key order.
    pub children: Vec<Vec<usize>>,
    /// The line manager of each node, when drawn.
    pub parent: Vec<Option<usize>>,
    /// The top posts of what is drawn.
    pub roots: Vec<usize>,
    /// Posts not reachable from a top post (in or below a line cycle).
    pub unreachable: Vec<usize>,
    pub links: Vec<Link>,
    pub communities: Vec<Community>,
    /// Things left out, in plain words.
    pub notes: Vec<String>,
    /// References cleared because their target was not valid on the day drawn.
    pub cleared: Vec<ClearedReference>,
    /// What a box stands for; at [`Level::Units`] the tree is the unit
    /// placement tree, not the line.
    pub level: Level,
    /// The words the picture is written in.
    pub words: &'static Words,
}

/// The design as [`RenderOptions::as_of`] asks for it (borrowed when no day
/// is asked), the references the day cleared, and the note that says so,
/// ending in `marked` (how the picture marks the elements concerned).
pub(super) fn on_day<'d>(
    design: &'d Design,
    options: &RenderOptions,
    marked: &str,
) -> (Cow<'d, Design>, Vec<ClearedReference>, Vec<String>) {
    let Some(day) = options.as_of else { return (Cow::Borrowed(design), Vec::new(), Vec::new()) };
    let (d, cleared) = design.on_day(day);
    let notes = cleared_note(words(options.language), day, &cleared, marked).into_iter().collect();
    (d, cleared, notes)
}

impl Scene {
    /// Selects and arranges what [`RenderOptions`] asks for. Complexity: O(n log n).
    pub fn build(design: &Design, options: &RenderOptions) -> Result<Scene, RenderError> {
        let w = words(options.language);
        let (d, cleared, mut notes) = on_day(design, options, w.posts_marked);
        let d = d.as_ref();
        let mut cleared_of: HashMap<&str, Vec<String>> = HashMap::new();
        for c in &cleared {
            if let Some(key) = c.holder.strip_prefix("posts/") {
                cleared_of.entry(key).or_default().push(format!("{} {}", c.field, c.target));
            }
        }
        let mut title = d.name().to_owned();

        // Which units are in view: all, or one unit and everything placed in it.
        let units_in_view: Option<BTreeSet<UnitId>> = match &options.unit {
            None => None,
            Some(key) => {
                let top = d
                    .unit_by_key(key)
                    .ok_or_else(|| RenderError::UnknownUnit { key: key.clone(), as_of: options.as_of })?;
                title = format!("{title}: {}", top.name);
                let mut sub: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
                for u in d.units() {
                    if let Some(p) = u.parent {
                        sub.entry(p).or_default().push(u.id);
                    }
                }
                let mut set = BTreeSet::new();
                let mut todo = vec![top.id];
                while let Some(u) = todo.pop() {
                    if set.insert(u) {
                        todo.extend(sub.get(&u).into_iter().flatten().copied());
                    }
                }
                Some(set)
            }
        };
        if let Some(day) = options.as_of {
            title = w.as_of(&title, day);
        }

        let mut posts: Vec<_> = d
            .posts()
            .filter(|p| units_in_view.as_ref().is_none_or(|set| p.unit.is_some_and(|u| set.contains(&u))))
            .collect();
        posts.sort_by(|a, b| natural_cmp(&a.key, &b.key));
        let mut index: HashMap<PostId, usize> = posts.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let n = posts.len();
        let bodies = DrawnBodies::find(d, &posts, &mut index);
        let mut line_parent: Vec<Option<usize>> =
            posts.iter().map(|p| p.reports_to.and_then(|m| index.get(&m).copied())).collect();
        let mut bodies = bodies;
        bodies.resolve(&mut line_parent);
        let mut line_children = vec![Vec::new(); n];
        for (i, p) in line_parent.iter().enumerate() {
            if let Some(p) = p {
                line_children[*p].push(i);
            }
        }
        let roots: Vec<usize> = (0..n).filter(|&i| line_parent[i].is_none() && !bodies.merged[i]).collect();

        // Depth from the top of what is drawn, breadth first.
        let mut depth = vec![usize::MAX; n];
        let mut queue = std::collections::VecDeque::new();
        for &r in &roots {
            depth[r] = 0;
            queue.push_back(r);
        }
        while let Some(v) = queue.pop_front() {
            for &c in &line_children[v] {
                if depth[c] == usize::MAX {
                    depth[c] = depth[v] + 1;
                    queue.push_back(c);
                }
            }
        }
        let limit = options.depth.unwrap_or(usize::MAX);
        let cyclic: Vec<usize> = (0..n).filter(|&i| depth[i] == usize::MAX && !bodies.merged[i]).collect();
        let keep: Vec<bool> = (0..n)
            .map(|i| {
                if bodies.merged[i] {
                    false
                } else if depth[i] == usize::MAX {
                    options.depth.is_none()
                } else {
                    depth[i] <= limit
                }
            })
            .collect();
        if !cyclic.is_empty() {
            let what = if options.depth.is_none() { "" } else { w.depth_from_top_post };
            notes.push(w.unreachable_posts(cyclic.len(), what));
        }

        // Renumber the kept posts.
        let mut new_index = vec![usize::MAX; n];
        let mut nodes = Vec::new();
        for (i, p) in posts.iter().enumerate() {
            if keep[i] {
                new_index[i] = nodes.len();
                let hidden_reports = line_children[i].iter().filter(|&&c| !keep[c]).count();
                let mut node = Node {
                    key: p.key.to_string(),
                    title: p.title.to_string(),
                    kind: p.unit.and_then(|u| d.unit(u)).map(|u| u.kind),
                    hidden_reports,
                    cleared: cleared_of.remove(p.key.as_str()).unwrap_or_default(),
                    party: None,
                    members: Vec::new(),
                    in_team: bodies.in_team[i],
                    details: Vec::new(),
                    findings: None,
                    staff: false,
                };
                if let Some((unit, members)) = bodies.body_of(i) {
                    node.key = unit.key.clone();
                    node.title = unit.name.clone();
                    node.members =
                        members.iter().map(|&m| (posts[m].title.to_string(), posts[m].key.to_string())).collect();
                    for &m in members {
                        if let Some(c) = cleared_of.remove(posts[m].key.as_str()) {
                            node.cleared.extend(c);
                        }
                    }
                }
                nodes.push(node);
            }
        }
        // Parties, when asked: boxes after the posts, each a root of its own.
        let party_node = if options.parties { party_nodes(d, &mut nodes) } else { HashMap::new() };
        let m = nodes.len();
        let mut parent = vec![None; m];
        let mut children = vec![Vec::new(); m];
        for i in 0..n {
            let ni = new_index[i];
            if ni == usize::MAX {
                continue;
            }
            if let Some(p) = line_parent[i]
                && new_index[p] != usize::MAX
            {
                parent[ni] = Some(new_index[p]);
            }
            for &c in &line_children[i] {
                if new_index[c] != usize::MAX && depth[c] != usize::MAX {
                    children[ni].push(new_index[c]);
                }
            }
        }
        // Staff posts: beside their manager, when they have one in the picture
        // and no reports of their own in it.
        for (i, p) in posts.iter().enumerate() {
            let ni = new_index[i];
            if ni != usize::MAX
                && parent[ni].is_some()
                && children[ni].is_empty()
                && nodes[ni].hidden_reports == 0
                && nodes[ni].members.is_empty()
                && !nodes[ni].in_team
                && d.role_flags(&p.role).staff
            {
                nodes[ni].staff = true;
            }
        }
        let mut roots: Vec<usize> = roots.iter().map(|&r| new_index[r]).filter(|&r| r != usize::MAX).collect();
        let mut party_roots: Vec<usize> = party_node.values().copied().collect();
        party_roots.sort_unstable();
        roots.extend(party_roots);
        let unreachable: Vec<usize> = cyclic.iter().map(|&c| new_index[c]).filter(|&c| c != usize::MAX).collect();
        let hidden: usize = nodes.iter().map(|n| n.hidden_reports).sum();
        if hidden > 0 {
            notes.push(w.hidden_reports(hidden));
        }

        // Where a steering line into a unit lands: the unit's head when drawn,
        // else its highest drawn post (the first by key among equals).
        let drawn = |p: PostId| index.get(&p).map(|&i| new_index[i]).filter(|&i| i != usize::MAX);
        let mut unit_entry: HashMap<UnitId, (usize, usize)> = HashMap::new();
        for (i, p) in posts.iter().enumerate() {
            let ni = new_index[i];
            if let (Some(u), true) = (p.unit, ni != usize::MAX) {
                let rank = depth[i];
                let e = unit_entry.entry(u).or_insert((rank, ni));
                if rank < e.0 {
                    *e = (rank, ni);
                }
            }
        }
        let land = |t: Target| match t {
            Target::Post(p) => drawn(p),
            Target::Unit(u) => {
                d.unit(u).and_then(|u| u.head).and_then(drawn).or_else(|| unit_entry.get(&u).map(|e| e.1))
            }
            Target::Party(p) => party_node.get(&p).copied(),
        };
        // A line to a party that is not drawn (no `--parties`) is no line left out.
        let hidden_party = |t: Target| matches!(t, Target::Party(_)) && !options.parties;
        let mut links = Vec::new();
        let mut outside = 0usize;
        for a in d.assignments() {
            match (drawn(a.agent), land(a.target)) {
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
                match (drawn(f.post), land(Target::Unit(f.unit))) {
                    (Some(from), Some(to)) if from != to => {
                        links.push(Link { from, to, kind: None, extra: Some(Extra::Portfolio) })
                    }
                    (Some(_), None) | (None, Some(_)) => outside += 1,
                    _ => {}
                }
            }
        }
        for p in &posts {
            if let Some(t) = p.accountable_to {
                match (drawn(p.id), land(t)) {
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
            notes.push(w.outside_posts(outside));
        }

        // Communities and other units outside the line, with their drawn members.
        let mut members: HashMap<UnitId, Vec<usize>> = HashMap::new();
        let mut all_members: HashMap<UnitId, (BTreeSet<PostId>, BTreeSet<PostId>)> = HashMap::new();
        for ms in d.memberships() {
            let all = all_members.entry(ms.community).or_default();
            all.0.insert(ms.post);
            if let Some(p) = drawn(ms.post) {
                all.1.insert(ms.post);
                members.entry(ms.community).or_default().push(p);
            }
        }
        let mut communities: Vec<Community> = members
            .into_iter()
            .filter_map(|(u, mut m)| {
                let unit = d.unit(u)?;
                m.sort_unstable();
                m.dedup();
                let (total, shown) = all_members.get(&u).map_or((m.len(), m.len()), |all| (all.0.len(), all.1.len()));
                Some(Community {
                    key: unit.key.clone(),
                    name: unit.name.clone(),
                    kind: unit.kind,
                    members: m,
                    total,
                    shown,
                })
            })
            .collect();
        // Self-steering teams as boxes, with a coaching line from the coach.
        for ((unit, members, coach), total) in bodies.teams.iter().zip(&bodies.team_sizes) {
            let m: Vec<usize> = members.iter().map(|&i| new_index[i]).filter(|&i| i != usize::MAX).collect();
            let Some(&first) = m.first() else { continue };
            if let Some(c) = coach.map(|c| new_index[c]).filter(|&c| c != usize::MAX) {
                links.push(Link { from: c, to: first, kind: Some(SteeringKind::Coaching), extra: None });
            }
            communities.push(Community {
                key: unit.key.clone(),
                name: format!("{}, {}", unit.name, w.self_steering),
                kind: unit.kind,
                total: (*total).max(m.len()),
                shown: m.len(),
                members: m,
            });
        }
        links.sort_by_key(|l| (l.from, l.to, l.kind));
        communities.sort_by(|a, b| natural_cmp(&a.key, &b.key));

        Ok(Scene {
            title,
            nodes,
            children,
            parent,
            roots,
            unreachable,
            links,
            communities,
            notes,
            cleared,
            level: Level::Posts,
            words: w,
        })
    }

    /// The unit kinds of the drawn posts, in declaration order.
    pub fn kinds(&self) -> Vec<UnitKind> {
        let set: BTreeSet<UnitKind> = self.nodes.iter().filter_map(|n| n.kind).collect();
        set.into_iter().collect()
    }

    /// The lines drawn, as `(manager, report)` node numbers in report order.
    pub(super) fn line_edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.parent.iter().enumerate().filter_map(|(i, p)| p.map(|p| (p, i)))
    }

    /// Writes the notes as one-line comments, then the posts nested in their
    /// community boxes, the walk shared by DOT and Mermaid: first the posts in
    /// no box, then each box with the posts it is the first community of
    /// (clusters and subgraphs cannot overlap). A box learns the members it
    /// shares with an earlier one.
    pub(super) fn draw_notes_and_boxes(&self, out: &mut impl Boxes) {
        for note in &self.notes {
            out.comment(&format!("{}: {}", self.words.note, note.replace('\n', " ")));
        }
        let mut home = vec![None; self.nodes.len()];
        let mut elsewhere = vec![Vec::new(); self.communities.len()];
        for (c, com) in self.communities.iter().enumerate() {
            for &m in &com.members {
                match home[m] {
                    None => home[m] = Some(c),
                    Some(_) => elsewhere[c].push(m),
                }
            }
        }
        for (i, h) in home.iter().enumerate() {
            if h.is_none() {
                out.node(i, "  ");
            }
        }
        for (c, com) in self.communities.iter().enumerate() {
            out.open(c, &elsewhere[c]);
            for &m in &com.members {
                if home[m] == Some(c) {
                    out.node(m, "    ");
                }
            }
            out.close();
        }
    }

    /// The label of community `c`: its name and kind, then the keys of the
    /// members drawn in another box after `newline`. `escape` is applied to
    /// the name and the keys.
    pub(super) fn community_label(
        &self,
        c: usize,
        also: &[usize],
        newline: &str,
        escape: fn(&str) -> String,
    ) -> String {
        let com = &self.communities[c];
        let mut label = format!("{} ({})", escape(&com.name), self.words.unit_kind(com.kind));
        if !also.is_empty() {
            let keys: Vec<String> = also.iter().map(|&m| escape(&self.nodes[m].key)).collect();
            label.push_str(newline);
            label.push_str(self.words.also);
            label.push_str(": ");
            label.push_str(&keys.join(", "));
        }
        label
    }
}

/// Adds a box for every party of the design, in natural key order, after
/// the nodes already there; returns each party's node number.
pub(super) fn party_nodes(d: &Design, nodes: &mut Vec<Node>) -> HashMap<PartyId, usize> {
    let mut parties: Vec<_> = d.parties().collect();
    parties.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let mut out = HashMap::with_capacity(parties.len());
    for p in parties {
        out.insert(p.id, nodes.len());
        nodes.push(Node {
            key: format!("parties/{}", p.key),
            title: p.name.clone(),
            kind: None,
            hidden_reports: 0,
            cleared: Vec::new(),
            party: Some(p.kind),
            members: Vec::new(),
            in_team: false,
            details: Vec::new(),
            findings: None,
            staff: false,
        });
    }
    out
}

/// The lines drawn with `--parties`: along every chain of principals that
/// names a party, each link commissions the next and the last the agent;
/// and an agent escalates to a party it names as escalation point. Links
/// whose ends are not drawn are left out.
///
/// The college and each wethouder answer to the raad (Gemeentewet, art. 169):
/// drawn as accountability when `--parties` draws both.
pub(super) fn extra_party_links(d: &Design, land: &impl Fn(Target) -> Option<usize>, links: &mut Vec<Link>) {
    let of_kind = |kinds: &[PartyKind]| -> Vec<usize> {
        d.parties().filter(|p| kinds.contains(&p.kind)).filter_map(|p| land(Target::Party(p.id))).collect()
    };
    let raad = of_kind(&[PartyKind::Raad]);
    for from in of_kind(&[PartyKind::College, PartyKind::Wethouder]) {
        for &to in &raad {
            links.push(Link { from, to, kind: None, extra: None });
        }
    }
    for a in d.assignments() {
        let agent = land(Target::Post(a.agent));
        if a.principals().any(|t| matches!(t, Target::Party(_))) {
            let ends: Vec<Option<usize>> = a.principals().map(land).chain([agent]).collect();
            for pair in ends.windows(2) {
                if let [Some(from), Some(to)] = *pair
                    && from != to
                {
                    links.push(Link { from, to, kind: None, extra: Some(Extra::Commissions) });
                }
            }
        }
        if let (Some(from), Some(e @ Target::Party(_))) = (agent, a.escalation)
            && let Some(to) = land(e)
        {
            links.push(Link { from, to, kind: None, extra: Some(Extra::Escalates) });
        }
    }
}

/// The collective leaderships and self-steering teams among the posts in
/// view, by their number in the sorted post list.
struct DrawnBodies<'d> {
    /// Per collective: its unit and its members in view, in key order; the
    /// first is drawn as the body.
    collectives: Vec<(&'d crate::model::Unit, Vec<usize>)>,
    /// Per self-steering team: its unit, its members in view and its coach.
    teams: Vec<(&'d crate::model::Unit, Vec<usize>, Option<usize>)>,
    /// Per team, the post it answers to, if in view.
    accountable: Vec<Option<usize>>,
    /// Per team, all its members, in view or not.
    team_sizes: Vec<usize>,
    /// Members of a collective other than the first: drawn in the body.
    merged: Vec<bool>,
    /// Members of a self-steering team hung under the post it answers to.
    in_team: Vec<bool>,
}

impl<'d> DrawnBodies<'d> {
    /// Finds the bodies among `posts` (sorted by key), as
    /// [`Bodies`](crate::graph::Bodies) defines them, and points `index` of
    /// every member of a collective at its first member. O(n).
    fn find(d: &'d Design, posts: &[&crate::model::Post], index: &mut HashMap<PostId, usize>) -> Self {
        let n = posts.len();
        let mut out = DrawnBodies {
            collectives: Vec::new(),
            teams: Vec::new(),
            accountable: Vec::new(),
            team_sizes: Vec::new(),
            merged: vec![false; n],
            in_team: vec![false; n],
        };
        if !d.units().any(|u| u.collective_leadership || u.self_steering.is_some()) {
            return out;
        }
        let line = crate::graph::LineTable::from_design(d);
        let bodies = crate::graph::Bodies::new(d.units(), &line);
        // A post number of the line as the number of a post in view.
        let drawn = |row: usize| line.post_ids().get(row).and_then(|p| index.get(p).copied());
        let in_view = |rows: &[usize]| {
            let mut m: Vec<usize> = rows.iter().filter_map(|&r| drawn(r)).collect();
            m.sort_unstable();
            m
        };
        for c in bodies.collectives() {
            if let Some(u) = d.unit(c.unit) {
                out.collectives.push((u, in_view(&c.members)));
            }
        }
        for t in bodies.teams() {
            if let Some(u) = d.unit(t.unit) {
                out.teams.push((u, in_view(&t.members), t.coach.and_then(drawn)));
                out.accountable.push(t.accountable.and_then(drawn));
                out.team_sizes.push(t.members.len());
            }
        }
        for (_, members) in &out.collectives {
            if let Some((&first, rest)) = members.split_first() {
                for &m in rest {
                    out.merged[m] = true;
                    index.insert(posts[m].id, first);
                }
            }
        }
        out
    }

    /// Resolves the drawn line: the body of a collective hangs where the
    /// first of its members with a line manager outside it does, and a
    /// self-steering team's members without a line manager under the post it
    /// answers to.
    fn resolve(&mut self, line_parent: &mut [Option<usize>]) {
        for (_, members) in &self.collectives {
            let Some(&first) = members.first() else { continue };
            let above = members.iter().filter_map(|&m| line_parent[m]).find(|&p| p != first);
            for &m in members {
                line_parent[m] = None;
            }
            line_parent[first] = above;
        }
        for ((_, members, _), accountable) in self.teams.iter().zip(&self.accountable) {
            let Some(a) = *accountable else { continue };
            for &m in members {
                if line_parent[m].is_none() {
                    line_parent[m] = Some(a);
                    self.in_team[m] = true;
                }
            }
        }
    }

    /// The unit and members of the collective drawn at post `i`, if any.
    fn body_of(&self, i: usize) -> Option<(&'d crate::model::Unit, &[usize])> {
        self.collectives.iter().find(|(_, m)| m.first() == Some(&i)).map(|(u, m)| (*u, m.as_slice()))
    }
}

/// A writer of the comments and nested boxes of [`Scene::draw_notes_and_boxes`].
pub(super) trait Boxes {
    /// Writes a one-line comment.
    fn comment(&mut self, line: &str);
    /// Writes node `i` at `indent`.
    fn node(&mut self, i: usize, indent: &str);
    /// Opens the box of community `c`; `also` are its members drawn elsewhere.
    fn open(&mut self, c: usize, also: &[usize]);
    /// Closes the open box.
    fn close(&mut self);
}

/// The fill colour of a post box by the kind of its unit.
pub(crate) fn kind_colour(kind: Option<UnitKind>) -> &'static str {
    match kind {
        None => "#ffffff",
        Some(UnitKind::Directie) => "#fbd9b9",
        Some(UnitKind::Eenheid) => "#cfe2f3",
        Some(UnitKind::Team) => "#d9ead3",
        Some(UnitKind::Subteam) => "#eaf4e4",
        Some(UnitKind::Pool) => "#e4d7f0",
        Some(UnitKind::Programme) => "#fff2b3",
        Some(UnitKind::Area) => "#d0eeec",
        Some(UnitKind::Community) => "#f6d5e5",
        Some(UnitKind::Collective) => "#e9e1d1",
        Some(UnitKind::PopUp) => "#eeeeee",
    }
}

/// The stroke colour of a horizontal line by its kind (`None`: accountability).
pub(crate) fn link_colour(kind: Option<SteeringKind>) -> &'static str {
    match kind {
        None => "#555555",
        Some(SteeringKind::Programme) => "#c0392b",
        Some(SteeringKind::Area) => "#138d75",
        Some(SteeringKind::Process) => "#7d3c98",
        Some(SteeringKind::Development) => "#d35400",
        Some(SteeringKind::AreaAgenda) => "#2471a3",
        Some(SteeringKind::Coaching) => "#229954",
        Some(SteeringKind::Other) => "#7f8c8d",
    }
}
