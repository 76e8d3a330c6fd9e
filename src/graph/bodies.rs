//! Collective leaderships and self-steering teams: see [`Bodies`].

use crate::model::{NaturalKey, PostId, Unit, UnitId};

use super::{LineTable, Parent};

/// A collective leadership: the unit and its members, as post numbers of a
/// [`LineTable`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Collective {
    /// The unit led collectively.
    pub unit: UnitId,
    /// The unit's number in the table's unit list.
    pub unit_number: usize,
    /// The members, in the natural order of their keys.
    pub members: Vec<usize>,
    /// The line above the body: the line manager of the first member that
    /// reports outside it, or [`Parent::Top`].
    pub above: Parent,
}

/// A self-steering team: the unit, its members, the post it answers to and
/// its coach, as post numbers of a [`LineTable`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SelfSteeringTeam {
    /// The team's unit.
    pub unit: UnitId,
    /// The unit's number in the table's unit list.
    pub unit_number: usize,
    /// The members, in the natural order of their keys.
    pub members: Vec<usize>,
    /// The post the team answers to, when it names one that is in the table.
    pub accountable: Option<usize>,
    /// The coach, when it names one that is in the table.
    pub coach: Option<usize>,
}

/// What body a post belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Body {
    Collective(u32),
    Team(u32),
}

/// The collective leaderships and self-steering teams of a design, over the
/// post numbers of its [`LineTable`].
///
/// They are groups of posts that the line treats as one body.
///
/// A **collective leadership** is a unit marked `collective_leadership`
/// (De Bilt's directieteam of three, Almelo's directie with its
/// adjunct-directeuren). Its **members** are the posts placed directly in the
/// unit whose role is a line-management role; other posts in it (a
/// directiesecretaris, say) are ordinary posts. The members lead together, so
/// the line treats them as one body:
///
/// - a line from one member to another is not a line of authority: the
///   members share one layer, and a fellow member adds nothing to a member's
///   span;
/// - the line above the body is the line of its first member (in the natural
///   order of keys) whose line manager sits outside it, or none: a collective
///   directie is the top;
/// - two steering lines whose chains meet in any member meet at the
///   collective.
///
/// A **self-steering team** is a unit with `self_steering` set. Its
/// **members** are the posts placed directly in it, other than its coach and
/// the post it is accountable to. They have no line manager of their own: in
/// the line as measured each member without one hangs under the accountable
/// post, so layers, headcount, FTE and cost under that post include the team,
/// while its span counts the team as **one** report (in FTE, the team's FTE).
/// A member that does name a line manager keeps it: that is bad input, which
/// the checks report.
///
/// [`Bodies::measured_line`] gives the line with both resolved, by replacing
/// the line managers of the members only; everything else of the table is the
/// same. A design without either gives no replacement, and the measures are
/// exactly those of the plain line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bodies {
    collectives: Vec<Collective>,
    teams: Vec<SelfSteeringTeam>,
    /// (post number, body), sorted by post number.
    of_post: Vec<(u32, Body)>,
}

/// No body, in the per-unit array.
const NONE: u32 = u32::MAX;

impl Bodies {
    /// The bodies of `units`, given in the order the table numbers its units
    /// (a table from [`LineTable::from_design`] numbers them in the design's
    /// order), over the posts of `line`, whose post ids must be sorted (as a
    /// design's are).
    ///
    /// Complexity: O(u) when no unit is a body; otherwise O(n + u + m log m)
    /// for m members.
    pub fn new<'u>(units: impl IntoIterator<Item = &'u Unit>, line: &LineTable) -> Bodies {
        let ids = line.post_ids();
        let row = |p: PostId| ids.binary_search(&p).ok();
        let mut bodies = Bodies::default();
        // Per unit number: the body it is, or NONE.
        let mut body_of_unit: Vec<u32> = Vec::new();
        for (u, unit) in units.into_iter().enumerate() {
            let body = if let Some(team) = unit.self_steering {
                bodies.teams.push(SelfSteeringTeam {
                    unit: unit.id,
                    unit_number: u,
                    members: Vec::new(),
                    accountable: team.accountable_to.and_then(row),
                    coach: team.coach.and_then(row),
                });
                Some(Body::Team(bodies.teams.len() as u32 - 1))
            } else if unit.collective_leadership {
                bodies.collectives.push(Collective {
                    unit: unit.id,
                    unit_number: u,
                    members: Vec::new(),
                    above: Parent::Top,
                });
                Some(Body::Collective(bodies.collectives.len() as u32 - 1))
            } else {
                None
            };
            if let Some(body) = body {
                body_of_unit.resize(u, NONE);
                body_of_unit.push(match body {
                    Body::Collective(c) => c,
                    Body::Team(t) => t | TEAM_BIT,
                });
            }
        }
        if body_of_unit.is_empty() {
            return bodies;
        }
        for i in 0..line.len() {
            let Some(&b) = line.unit_number(i).and_then(|u| body_of_unit.get(u)) else { continue };
            if b == NONE {
                continue;
            }
            if b & TEAM_BIT != 0 {
                let t = b & !TEAM_BIT;
                if let Some(team) = bodies.teams.get_mut(t as usize)
                    && team.coach != Some(i)
                    && team.accountable != Some(i)
                {
                    team.members.push(i);
                    bodies.of_post.push((i as u32, Body::Team(t)));
                }
            } else if line.manager_role(i)
                && let Some(c) = bodies.collectives.get_mut(b as usize)
            {
                c.members.push(i);
                bodies.of_post.push((i as u32, Body::Collective(b)));
            }
        }
        let by_key = |members: &mut Vec<usize>| members.sort_by_cached_key(|&i| NaturalKey::new(line.key(i)));
        for c in &mut bodies.collectives {
            by_key(&mut c.members);
        }
        for t in &mut bodies.teams {
            by_key(&mut t.members);
        }
        bodies.of_post.sort_unstable_by_key(|&(i, _)| i);
        // The line above a collective, now that its members are known.
        for c in 0..bodies.collectives.len() {
            let Some(col) = bodies.collectives.get(c) else { continue };
            let above = col
                .members
                .iter()
                .map(|&i| line.parent(i))
                .find(|p| match *p {
                    Parent::Post(m) => bodies.collective_number_of(m) != Some(c),
                    Parent::Dangling => true,
                    Parent::Top => false,
                })
                .unwrap_or(Parent::Top);
            if let Some(col) = bodies.collectives.get_mut(c) {
                col.above = above;
            }
        }
        bodies
    }

    /// Whether the design has no collective leadership and no self-steering team.
    pub fn is_empty(&self) -> bool {
        self.collectives.is_empty() && self.teams.is_empty()
    }

    /// The collective leaderships, in unit order.
    pub fn collectives(&self) -> &[Collective] {
        &self.collectives
    }

    /// The self-steering teams, in unit order.
    pub fn teams(&self) -> &[SelfSteeringTeam] {
        &self.teams
    }

    fn body_of(&self, post: usize) -> Option<Body> {
        let i = self.of_post.binary_search_by_key(&(post as u32), |&(i, _)| i).ok()?;
        self.of_post.get(i).map(|&(_, b)| b)
    }

    fn collective_number_of(&self, post: usize) -> Option<usize> {
        match self.body_of(post)? {
            Body::Collective(c) => Some(c as usize),
            Body::Team(_) => None,
        }
    }

    /// The collective leadership post number `post` is a member of.
    ///
    /// Complexity: O(log m).
    pub fn collective_of(&self, post: usize) -> Option<&Collective> {
        self.collectives.get(self.collective_number_of(post)?)
    }

    /// The self-steering team post number `post` is a member of.
    ///
    /// Complexity: O(log m).
    pub fn team_of(&self, post: usize) -> Option<&SelfSteeringTeam> {
        match self.body_of(post)? {
            Body::Team(t) => self.teams.get(t as usize),
            Body::Collective(_) => None,
        }
    }

    /// The line as measured: every member of a collective hangs under the
    /// line above its collective, and every member of a self-steering team
    /// without a line manager under the post the team answers to. `None`
    /// when that changes nothing, so that a design without bodies is measured
    /// on its own line, untouched.
    ///
    /// Complexity: O(n) for the copy when something changes, else O(m).
    pub fn measured_line(&self, line: &LineTable) -> Option<LineTable> {
        let changes = self.changes(line);
        if changes.is_empty() {
            return None;
        }
        Some(line.with_parents(changes))
    }

    fn changes(&self, line: &LineTable) -> Vec<(usize, Parent)> {
        let mut out = Vec::new();
        for c in &self.collectives {
            for &i in &c.members {
                if line.parent(i) != c.above {
                    out.push((i, c.above));
                }
            }
        }
        for t in &self.teams {
            let Some(a) = t.accountable else { continue };
            for &i in &t.members {
                if line.parent(i) == Parent::Top {
                    out.push((i, Parent::Post(a)));
                }
            }
        }
        out
    }

    /// How much to take off the span of each accountable post so that a
    /// self-steering team counts as one report: for every team, the number of
    /// its members that hang under its accountable post in `measured`, less
    /// one.
    pub(crate) fn span_corrections(&self, measured: &LineTable) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        for t in &self.teams {
            let Some(a) = t.accountable else { continue };
            let under = t.members.iter().filter(|&&i| measured.parent(i) == Parent::Post(a)).count() as u32;
            if under > 1 {
                out.push((a, under - 1));
            }
        }
        out
    }
}

/// Marks a team's number in the per-unit array.
const TEAM_BIT: u32 = 1 << 31;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Design, Post, SelfSteering, UnitKind};

    fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
        match r {
            Ok(t) => t,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn members_are_the_leaders_and_the_team_without_its_coach() {
        let mut d = Design::new("t");
        let mut dt = Unit::new("dt", "Directie", UnitKind::Directie);
        dt.collective_leadership = true;
        let dt = ok(d.add_unit(dt));
        let team = ok(d.add_unit(Unit::new("team", "Team", UnitKind::Team)));
        let mut post = |key: &str, role: &str, unit, to: Option<PostId>| {
            let mut p = Post::new(key, key, role);
            p.unit = Some(unit);
            p.reports_to = to;
            ok(d.add_post(p))
        };
        let gs = post("gs", "gemeentesecretaris", dt, None);
        let dir = post("dir", "directeur", dt, Some(gs));
        let sec = post("sec", "medewerker", dt, Some(gs));
        let coach = post("coach", "teamcoach", team, Some(dir));
        post("a", "medewerker", team, None);
        post("b", "medewerker", team, None);
        ok(d.set_unit_self_steering(team, Some(SelfSteering::new(Some(dir), Some(coach)))));
        let line = LineTable::from_design(&d);
        let bodies = Bodies::new(d.units(), &line);
        let keys = |m: &[usize]| m.iter().map(|&i| line.key(i).to_owned()).collect::<Vec<_>>();
        assert_eq!(keys(&bodies.collectives()[0].members), ["dir", "gs"]);
        assert_eq!(bodies.collectives()[0].above, Parent::Top);
        assert_eq!(keys(&bodies.teams()[0].members), ["a", "b"]);
        let row = |p: PostId| line.post_ids().iter().position(|&x| x == p);
        assert!(bodies.collective_of(row(sec).unwrap_or(0)).is_none());
        assert!(bodies.team_of(row(coach).unwrap_or(0)).is_none());
        let measured = bodies.measured_line(&line).unwrap_or_default();
        assert_eq!(measured.parent(row(dir).unwrap_or(0)), Parent::Top);
        assert_eq!(bodies.span_corrections(&measured), [(row(dir).unwrap_or(0), 1)]);
    }

    #[test]
    fn a_design_without_bodies_changes_nothing() {
        let mut d = Design::new("t");
        ok(d.add_post(Post::new("gs", "gs", "gemeentesecretaris")));
        let line = LineTable::from_design(&d);
        let bodies = Bodies::new(d.units(), &line);
        assert!(bodies.is_empty());
        assert!(bodies.measured_line(&line).is_none());
    }
}
