//! The context every rule shares, built once per check.

use std::borrow::Cow;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::OnceLock;

use jiff::civil::Date;

use crate::graph::index::{IdIndex, in_chunks};
use crate::graph::line::{Half, Managers, prepare_posts};
use crate::graph::{Bodies, Collective, LineTable, LineTableBuilder, Numbered, OrgGraph, Parent, SelfSteeringTeam};
use crate::measures::{self, Measures};
use crate::model::{
    Appointment, Assignment, AssignmentId, ClearedReference, Design, Function, Membership, Party, Person, PersonId,
    Portfolio, Post, PostId, RoleFlags, Target, Unit, UnitId, UnitKind, dated,
};

const NONE: u32 = u32::MAX;

/// What every rule can read: the design as it stands on the check's day,
/// indexed once.
///
/// Posts are numbered in the design's order; the number of a post is its
/// index in [`Context::posts`], in [`Context::line`] and in the per-post
/// measures.
///
/// Building it costs two passes over the posts and one over the
/// appointments, split over two threads, and no hashing: ids are found by
/// their leading bits in the sorted id lists the design hands out. The
/// measures, the unit heads and the graph are built on first use.
pub struct Context<'a> {
    full: &'a Design,
    /// The design on the day for all but its posts, appointments and people:
    /// its units, assignments, memberships, parties and portfolios.
    others: &'a Design,
    /// The whole design on the day, when there is one (the design itself,
    /// or a copy cut to the day); `None` for a view of the design.
    whole: Option<&'a Design>,
    /// The design cut to the day, made when [`Context::design`] is asked
    /// for it and there is no whole design to hand out.
    cut: OnceLock<Design>,
    day: Date,
    cleared: Vec<ClearedReference>,
    posts: Vec<&'a Post>,
    flags: Vec<RoleFlags>,
    role_of: Vec<u32>,
    role_names: Vec<&'a str>,
    units: Vec<&'a Unit>,
    unit_ids: Vec<UnitId>,
    unit_index: IdIndex,
    post_index: IdIndex,
    appointments: Vec<&'a Appointment>,
    appointment_post: Vec<u32>,
    fill: Fill,
    line: LineTable,
    measures: OnceLock<Measures>,
    /// The measures without the subtree sums, for the built-in rules.
    rule_measures: OnceLock<Measures>,
    /// Whether custom rules run on this context: they may read every
    /// measure, and the built-in rules then read the same ones.
    pub(crate) custom_rules: bool,
    heads: OnceLock<Vec<Option<u32>>>,
    top_roles: Vec<String>,
    graph: OnceLock<OrgGraph>,
    /// The collective leaderships and self-steering teams, found on first use.
    bodies: OnceLock<Bodies>,
    /// The posts of the full design with dated fields, in id order, when
    /// known from reading them all with every post valid on the day; `None`
    /// for a view of the design on the day or a copy of it.
    dated_full: Option<Vec<&'a Post>>,
    /// The people numbered while the line managers were resolved, when asked for.
    people: Option<People>,
}

/// What a context is built from: the design as given, where its posts and
/// appointments are read, the rest of the design on the day with the
/// references cutting it cleared, and the policy's top roles.
struct Given<'a> {
    full: &'a Design,
    /// The design whose posts and appointments are read.
    read: &'a Design,
    /// See [`Context::others`].
    others: &'a Design,
    /// See [`Context::whole`].
    whole: Option<&'a Design>,
    day: Date,
    cleared: Vec<ClearedReference>,
    top_roles: Vec<String>,
    /// Whether to number the people (for `person-over-allocated`).
    people: bool,
}

/// The people of the design, numbered in its order (by id), with each
/// person's contract FTE (1.0 when not given) and an index of their ids.
pub(crate) struct People {
    /// The ids, in the design's order.
    pub(crate) ids: Vec<PersonId>,
    /// The contract FTE of each, 1.0 when not given.
    pub(crate) fte: Vec<f64>,
    /// Finds a person's number by id.
    pub(crate) index: IdIndex,
}

impl People {
    /// Numbers the people of `design`. O(p).
    pub(crate) fn of(design: &Design) -> People {
        let n = design.people().len();
        let mut ids: Vec<PersonId> = Vec::with_capacity(n);
        let mut fte: Vec<f64> = Vec::with_capacity(n);
        for p in design.people() {
            ids.push(p.id);
            fte.push(p.fte.unwrap_or(1.0));
        }
        let index = IdIndex::new(&ids);
        People { ids, fte, index }
    }
}

/// The appointments' FTE and head count per post, summed in appointment order.
#[derive(Debug, Default)]
struct Fill {
    fte: Vec<f64>,
    holders: Vec<u32>,
    /// The same without acting appointments; `None` when there are none.
    regular: Option<(Vec<f64>, Vec<u32>)>,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("design", &self.full.name()).field("day", &self.day).finish_non_exhaustive()
    }
}

/// How a context reads posts and appointments: as they are (the design was
/// already cut to the day), all valid on a day (else building stops), or
/// each as it stands on a day ([`OnDay`]).
pub(crate) trait Validity: Sync {
    /// What building returns when an element cannot be read this way.
    type Invalid: Send;
    /// The post as read: `None` to leave it out, the post itself, or a
    /// changed copy whose cleared references are added to `notes`.
    fn post<'p>(&self, p: &'p Post, notes: &mut Vec<ClearedReference>) -> Result<Option<Cow<'p, Post>>, Self::Invalid>;
    /// Whether the appointment is read; `found` says whether its post was.
    fn appointment(
        &self,
        a: &Appointment,
        found: bool,
        notes: &mut Vec<ClearedReference>,
    ) -> Result<bool, Self::Invalid>;
}

/// Every element is taken as it is (the design was already cut to the day).
#[cfg(test)]
pub(crate) struct Trusted;

#[cfg(test)]
impl Validity for Trusted {
    type Invalid = Infallible;
    fn post<'p>(&self, p: &'p Post, _: &mut Vec<ClearedReference>) -> Result<Option<Cow<'p, Post>>, Infallible> {
        Ok(Some(Cow::Borrowed(p)))
    }
    fn appointment(&self, _: &Appointment, _: bool, _: &mut Vec<ClearedReference>) -> Result<bool, Infallible> {
        Ok(true)
    }
}

/// Every post and appointment must be valid on the day; a post with dated
/// fields is read as a copy resolved to the day.
pub(crate) struct ValidOn(pub(crate) Date);

/// A post or appointment that is not valid on the day.
pub(crate) struct NotValid;

impl Validity for ValidOn {
    type Invalid = NotValid;
    fn post<'p>(&self, p: &'p Post, _: &mut Vec<ClearedReference>) -> Result<Option<Cow<'p, Post>>, NotValid> {
        if !p.valid.contains(self.0) {
            return Err(NotValid);
        }
        if p.dated.is_none() {
            return Ok(Some(Cow::Borrowed(p)));
        }
        let mut copy = p.clone();
        dated::resolve_post(&mut copy, self.0);
        Ok(Some(Cow::Owned(copy)))
    }
    fn appointment(&self, a: &Appointment, _: bool, _: &mut Vec<ClearedReference>) -> Result<bool, NotValid> {
        if a.valid.contains(self.0) { Ok(true) } else { Err(NotValid) }
    }
}

/// Each post and appointment as it stands on the day, as
/// [`Design::as_of_with_notes`] would keep, change and note it, without a
/// copy of the design: only the posts that change are copied.
pub(crate) struct OnDay<'d> {
    full: &'d Design,
    day: Date,
    /// The posts and units of the design not valid on the day, by id: few,
    /// so that a post whose references are all outside them is known to
    /// stay as it is without looking them up (every reference of a design
    /// is to one of its elements).
    gone_posts: Vec<PostId>,
    gone_units: Vec<UnitId>,
}

impl<'d> OnDay<'d> {
    /// Finds what is gone on `day`. O(n), one pass over posts and units.
    pub(crate) fn new(full: &'d Design, day: Date) -> Self {
        // Both lists come in the order of the ids.
        let gone_posts = full.posts().filter(|p| !p.valid.contains(day)).map(|p| p.id).collect();
        let gone_units = full.units().filter(|u| !u.valid.contains(day)).map(|u| u.id).collect();
        OnDay { full, day, gone_posts, gone_units }
    }

    /// Whether the post is read as it is: valid on the day, no dated field,
    /// and nothing it refers to gone. A reference outside the lists of what
    /// is gone is to an element valid on the day, as every reference of a
    /// design is to one of its elements (the edits, the loaders and the
    /// importers keep it so).
    fn stays(&self, p: &Post) -> bool {
        debug_assert!(p.unit.is_none_or(|u| self.full.has_target(Target::Unit(u))), "a design's references hold");
        debug_assert!(p.reports_to.is_none_or(|m| self.full.has_target(Target::Post(m))), "a design's references hold");
        p.dated.is_none()
            && p.accountable_to.is_none()
            && p.unit.is_none_or(|u| self.gone_units.binary_search(&u).is_err())
            && p.reports_to.is_none_or(|m| self.gone_posts.binary_search(&m).is_err())
    }
}

impl Validity for OnDay<'_> {
    type Invalid = Infallible;
    fn post<'p>(&self, p: &'p Post, notes: &mut Vec<ClearedReference>) -> Result<Option<Cow<'p, Post>>, Infallible> {
        if !p.valid.contains(self.day) {
            return Ok(None);
        }
        if self.stays(p) {
            return Ok(Some(Cow::Borrowed(p)));
        }
        Ok(self.full.post_as_of(p, self.day, notes))
    }
    fn appointment(&self, a: &Appointment, found: bool, notes: &mut Vec<ClearedReference>) -> Result<bool, Infallible> {
        // The posts read are those valid on the day: a post not found is gone.
        Ok(a.valid.contains(self.day) && (found || self.full.appointment_as_of(a, self.day, notes)))
    }
}

/// The posts of one half of the design, read by one thread.
struct Part<'a> {
    posts: Vec<&'a Post>,
    flags: Vec<RoleFlags>,
    role_of: Vec<u32>,
    roles: RoleNumbers<'a>,
    /// The numbers (in this part) of the posts read as changed copies.
    changed: Vec<u32>,
    /// Those copies, in the same order.
    copies: Vec<Post>,
    /// The references the copies had cleared.
    notes: Vec<ClearedReference>,
}

/// How many recently used roles [`RoleNumbers`] keeps in its short list.
const RECENT_ROLES: usize = 8;

/// The roles of the posts read so far, numbered in order of first use, with
/// their flags.
///
/// A design usually has few roles: a short list of the most recently used
/// ones, searched from the front, finds most posts' roles without hashing.
/// The map behind it keeps the numbering linear however many roles there are.
#[derive(Default)]
struct RoleNumbers<'a> {
    /// The role names by number.
    names: Vec<&'a str>,
    /// The number and flags of every role name.
    all: HashMap<&'a str, (u32, RoleFlags)>,
    /// The most recently used roles, most recent first.
    recent: Vec<(&'a str, u32, RoleFlags)>,
}

impl<'a> RoleNumbers<'a> {
    /// The number and flags of role `name`, numbering it if it is new.
    /// Flags come from `design`.
    fn number(&mut self, name: &'a str, design: &Design) -> (u32, RoleFlags) {
        // Most posts have the role of the post before them: answer those
        // without the search and the reordering below.
        if let Some(&(n, r, f)) = self.recent.first()
            && n == name
        {
            return (r, f);
        }
        if let Some(k) = self.recent.iter().position(|(n, _, _)| *n == name) {
            let hit = self.recent[k];
            self.recent[..=k].rotate_right(1);
            return (hit.1, hit.2);
        }
        let (r, flags) = match self.all.get(name) {
            Some(&hit) => hit,
            None => {
                let hit = (self.names.len() as u32, design.role_flags(name));
                self.names.push(name);
                self.all.insert(name, hit);
                hit
            }
        };
        if self.recent.len() == RECENT_ROLES {
            self.recent.pop();
        }
        self.recent.insert(0, (name, r, flags));
        (r, flags)
    }

    /// Adds the roles of `other` after this one's, and returns the number
    /// each of `other`'s roles has here, by its number there. O(roles).
    fn absorb(&mut self, other: &RoleNumbers<'a>) -> Vec<u32> {
        other
            .names
            .iter()
            .map(|&name| match self.all.get(name) {
                Some(&(r, _)) => r,
                None => {
                    let r = self.names.len() as u32;
                    let flags = other.all.get(name).map_or(RoleFlags::NONE, |&(_, f)| f);
                    self.names.push(name);
                    self.all.insert(name, (r, flags));
                    r
                }
            })
            .collect()
    }
}

impl<'a> Part<'a> {
    /// Reads `posts` into arrays, and their line columns into `line`, numbering
    /// their roles in order of first use. A post that `validity` leaves out is
    /// skipped; one it reads as a changed copy is read as it is, its number
    /// noted in `changed` and the copy kept, for the caller to put in its place
    /// (the line columns are the copy's already).
    ///
    /// The posts are taken [`CHUNK`](crate::graph::index::CHUNK) at a time, and the memory that each
    /// post's strings and unit live in is read a chunk ahead ([`in_chunks`],
    /// [`prepare_posts`]): at a million posts that memory is scattered, and
    /// the cache misses of a chunk then overlap.
    fn read<V: Validity>(
        design: &'a Design,
        posts: impl Iterator<Item = &'a Post>,
        n: usize,
        units: (&[UnitId], &IdIndex),
        validity: &V,
        line: &mut Half<'_>,
    ) -> Result<Part<'a>, V::Invalid> {
        let mut part = Part {
            posts: Vec::with_capacity(n),
            flags: Vec::with_capacity(n),
            role_of: Vec::with_capacity(n),
            roles: RoleNumbers::default(),
            changed: Vec::new(),
            copies: Vec::new(),
            notes: Vec::new(),
        };
        line.reserve_keys(n * 8);
        let mut invalid = None;
        in_chunks(
            posts,
            |chunk| {
                prepare_posts(chunk);
                units.1.prepare(units.0, chunk.iter().filter_map(|p| p.unit));
            },
            |p| {
                let taken = match validity.post(p, &mut part.notes) {
                    Ok(Some(taken)) => taken,
                    Ok(None) => return true,
                    Err(e) => {
                        invalid = Some(e);
                        return false;
                    }
                };
                // Roles, keys and marks are never dated nor cleared.
                let (r, mut f) = part.roles.number(&p.role, design);
                f.temporary |= p.temporary;
                f.independent |= p.independent;
                let unit = taken.unit.and_then(|u| units.1.find(units.0, u));
                let written = line.push_post(&p.key, p.id, unit, taken.fte, taken.salary, f.line_management);
                debug_assert!(written, "a half has a row for every post it reads");
                if let Cow::Owned(copy) = taken {
                    part.changed.push(part.posts.len() as u32);
                    part.copies.push(copy);
                }
                part.posts.push(p);
                part.flags.push(f);
                part.role_of.push(r);
                true
            },
        );
        match invalid {
            Some(e) => Err(e),
            None => Ok(part),
        }
    }
}

/// The posts of a design read into arrays: the first step of building a
/// [`Context`], before the changed copies of posts are put in their places
/// and the line managers and appointments are resolved.
pub(crate) struct Read<'a> {
    /// How a view reads the design on the day, kept for its appointments.
    on_day: Option<OnDay<'a>>,
    given: Given<'a>,
    units: Vec<&'a Unit>,
    unit_ids: Vec<UnitId>,
    unit_index: IdIndex,
    part: Part<'a>,
    line: LineTableBuilder,
}

impl<'a> Read<'a> {
    /// Takes out the changed copies of the posts read (see [`Part::read`]),
    /// for the caller to keep while the context lives and give back to
    /// [`Read::finish_valid`] or [`Read::finish_on_day`].
    pub(crate) fn take_copies(&mut self) -> Vec<Post> {
        std::mem::take(&mut self.part.copies)
    }

    /// Builds the context of a design whose every post was valid on the day
    /// ([`Context::read_valid`]): `copies` are the posts with dated fields
    /// as they stand on the day ([`Read::take_copies`]), read in their place,
    /// so the design is not copied. `None` when an appointment is not valid
    /// on the day.
    pub(crate) fn finish_valid(self, copies: &'a [Post]) -> Option<Context<'a>> {
        let day = self.given.day;
        // The design read is the full one: its dated posts are all there are.
        let dated = self.part.changed.iter().filter_map(|&i| self.part.posts.get(i as usize).copied()).collect();
        self.finish(copies, &ValidOn(day), Some(dated)).ok()
    }

    /// Builds the context of the design as it stands on the day, read by
    /// [`Context::read_on_day`], with `copies` from [`Read::take_copies`].
    pub(crate) fn finish_on_day(self, copies: &'a [Post]) -> Context<'a> {
        let mut read = self;
        let on_day = match read.on_day.take() {
            Some(on_day) => on_day,
            None => OnDay::new(read.given.full, read.given.day),
        };
        let Ok(cx) = read.finish(copies, &on_day, None);
        cx
    }

    /// Puts `copies` in place of the posts read as changed copies (one for
    /// each, in order), then resolves the line managers and the appointments.
    fn finish<V: Validity>(
        mut self,
        copies: &'a [Post],
        validity: &V,
        dated_full: Option<Vec<&'a Post>>,
    ) -> Result<Context<'a>, V::Invalid> {
        for (&i, p) in self.part.changed.iter().zip(copies) {
            if let Some(slot) = self.part.posts.get_mut(i as usize) {
                *slot = p;
            }
        }
        let Read { given, units, unit_ids, unit_index, part, line, .. } = self;
        let mut cx = Context::finish(given, validity, units, unit_ids, unit_index, part, line)?;
        cx.dated_full = dated_full;
        Ok(cx)
    }
}

impl<'a> Context<'a> {
    /// Builds the context of `cut`, which is `full` as of `day` (see
    /// [`Design::as_of_with_notes`]), `cleared` the references that cutting
    /// it cleared. Posts are read as they are.
    ///
    /// Complexity: O(n) expected, for n elements.
    #[cfg(test)]
    pub(crate) fn new(
        full: &'a Design,
        cut: &'a Design,
        day: Date,
        cleared: Vec<ClearedReference>,
        top_roles: &[String],
        people: bool,
    ) -> Context<'a> {
        let given = Given {
            full,
            read: cut,
            others: cut,
            whole: Some(cut),
            day,
            cleared,
            top_roles: top_roles.to_vec(),
            people,
        };
        let Ok(read) = Context::read(given, &Trusted);
        let Ok(cx) = read.finish(&[], &Trusted, None);
        cx
    }

    /// Reads the posts of `design` to build its context as it stands on
    /// `day`, when every post in it is valid that day (check the other
    /// elements first); `None` as soon as one is not. Finish with
    /// [`Read::finish_valid`], which reads the posts with dated fields as
    /// they stand on the day.
    pub(crate) fn read_valid(design: &'a Design, day: Date, top_roles: &[String], people: bool) -> Option<Read<'a>> {
        let given = Given {
            full: design,
            read: design,
            others: design,
            whole: Some(design),
            day,
            cleared: Vec::new(),
            top_roles: top_roles.to_vec(),
            people,
        };
        Context::read(given, &ValidOn(day)).ok()
    }

    /// Reads the posts of `full` as they stand on `day` without copying the
    /// design: a post not valid that day is left out, and one whose dated
    /// fields or cleared references change it is read as a copy. `others`
    /// and `cleared` are [`Design::others_as_of`] of `full` on `day`. Finish
    /// with [`Read::finish_on_day`]. The context is the one of
    /// [`Design::as_of_with_notes`], but for [`Context::design`], which cuts
    /// the design only when asked.
    pub(crate) fn read_on_day(
        full: &'a Design,
        others: &'a Design,
        cleared: Vec<ClearedReference>,
        day: Date,
        top_roles: &[String],
        people: bool,
    ) -> Read<'a> {
        let given =
            Given { full, read: full, others, whole: None, day, cleared, top_roles: top_roles.to_vec(), people };
        let on_day = OnDay::new(full, day);
        let Ok(mut read) = Context::read(given, &on_day);
        read.on_day = Some(on_day);
        read
    }

    fn read<V: Validity>(given: Given<'a>, validity: &V) -> Result<Read<'a>, V::Invalid> {
        let design = given.read;
        let units: Vec<&'a Unit> = given.others.units().collect();
        let unit_ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
        let unit_index = IdIndex::new(&unit_ids);
        // The posts are read in two halves, one per thread.
        let n = design.posts().len();
        let half = n / 2;
        let units_by_id = (unit_ids.as_slice(), &unit_index);
        let mut line = LineTableBuilder::for_design_in_halves(n, units.iter().map(|u| u.key.to_string()).collect());
        let (mut line1, mut line2) = line.halves(half, 0);
        let (first, second) = crate::par::both(
            || Part::read(design, design.posts().take(half), half, units_by_id, validity, &mut line1),
            || Part::read(design, design.posts().skip(half), n - half, units_by_id, validity, &mut line2),
            true,
        );
        let (rows1, rows2) = (line1.done(), line2.done());
        line.join(rows1, rows2);
        let mut part = first?;
        let second = second?;
        // Roles are numbered per half: number the second half's after the first's.
        let renumber = part.roles.absorb(&second.roles);
        part.role_of.extend(second.role_of.iter().map(|&r| renumber.get(r as usize).copied().unwrap_or(r)));
        let offset = part.posts.len() as u32;
        part.changed.extend(second.changed.iter().map(|&i| i + offset));
        part.posts.extend_from_slice(&second.posts);
        part.flags.extend_from_slice(&second.flags);
        part.copies.extend(second.copies);
        part.notes.extend(second.notes);
        Ok(Read { on_day: None, given, units, unit_ids, unit_index, part, line })
    }

    /// Resolves the line managers and the appointments (on two threads) once
    /// every post is read.
    fn finish<V: Validity>(
        given: Given<'a>,
        validity: &V,
        units: Vec<&'a Unit>,
        unit_ids: Vec<UnitId>,
        unit_index: IdIndex,
        part: Part<'a>,
        line: LineTableBuilder,
    ) -> Result<Context<'a>, V::Invalid> {
        let design = given.read;
        let want_people = given.people;
        let n = part.posts.len();
        let post_ids = line.post_ids();
        let post_index = IdIndex::new(post_ids);
        let posts = &part.posts;
        let lines = || {
            let mut managers = Managers::with_capacity(posts.len());
            post_index.find_each(
                post_ids,
                posts.iter().copied(),
                |p| p.reports_to,
                |p, row| match (p.reports_to, row) {
                    (None, _) => managers.push_top(),
                    (Some(_), Some(j)) => managers.push_row(j),
                    (Some(m), None) => managers.push_missing(m.to_string()),
                },
            );
            // The people are numbered here, beside the longer pass over the
            // appointments, rather than by the rule on the rules' threads.
            let people = (want_people && design.appointments().len() > 0).then(|| People::of(design));
            (managers, people)
        };
        let appointments = || -> Result<_, V::Invalid> {
            let m = design.appointments().len();
            let mut appointments: Vec<&'a Appointment> = Vec::with_capacity(m);
            let mut appointment_post: Vec<u32> = Vec::with_capacity(m);
            let mut fill = Fill { fte: vec![0.0; n], holders: vec![0; n], regular: None };
            let mut acting = false;
            let mut invalid = None;
            let mut notes = Vec::new();
            post_index.find_each(
                post_ids,
                design.appointments(),
                |a| Some(a.post),
                |a, i| {
                    if invalid.is_some() {
                        return;
                    }
                    match validity.appointment(a, i.is_some(), &mut notes) {
                        Ok(true) => {}
                        Ok(false) => return,
                        Err(e) => {
                            invalid = Some(e);
                            return;
                        }
                    }
                    appointments.push(a);
                    appointment_post.push(i.map_or(NONE, |i| i as u32));
                    acting |= a.acting;
                    if let Some(i) = i {
                        fill.fte[i] += a.fte;
                        fill.holders[i] += 1;
                    }
                },
            );
            if let Some(e) = invalid {
                return Err(e);
            }
            // Rules that leave acting appointments out need the sums without them.
            if acting {
                let mut fte = vec![0.0; n];
                let mut holders = vec![0; n];
                for (a, &i) in appointments.iter().zip(&appointment_post) {
                    if !a.acting && i != NONE {
                        fte[i as usize] += a.fte;
                        holders[i as usize] += 1;
                    }
                }
                fill.regular = Some((fte, holders));
            }
            Ok((appointments, appointment_post, fill, notes))
        };
        let ((managers, people), appointed) = crate::par::both(lines, appointments, true);
        let (appointments, appointment_post, fill, more_notes) = appointed?;
        let line = line.finish_with_managers(managers);
        let Part { posts, flags, role_of, roles, notes, .. } = part;
        let role_names = roles.names;
        // In the order of `Design::as_of_with_notes`: sorted.
        let mut cleared = given.cleared;
        cleared.extend(notes);
        cleared.extend(more_notes);
        cleared.sort();
        Ok(Context {
            full: given.full,
            others: given.others,
            whole: given.whole,
            cut: OnceLock::new(),
            day: given.day,
            cleared,
            posts,
            flags,
            role_of,
            role_names,
            units,
            unit_ids,
            unit_index,
            post_index,
            appointments,
            appointment_post,
            fill,
            line,
            measures: OnceLock::new(),
            rule_measures: OnceLock::new(),
            custom_rules: false,
            heads: OnceLock::new(),
            top_roles: given.top_roles,
            graph: OnceLock::new(),
            bodies: OnceLock::new(),
            dated_full: None,
            people,
        })
    }

    /// The design as it stands on the check's day: elements valid that day,
    /// with references to elements that were not valid cleared (see
    /// [`Design::as_of_with_notes`]).
    ///
    /// When some element of the design is not valid on the day, the context
    /// is a view that copies only the posts that change, and this cuts a
    /// copy of the whole design on first use: O(n), and memory for every
    /// element. The accessors of the context ([`Context::posts`],
    /// [`Context::units`], [`Context::assignments`] and the others) give the
    /// same elements without it.
    pub fn design(&self) -> &Design {
        match self.whole {
            Some(d) => d,
            None => self.cut.get_or_init(|| self.full.as_of(self.day)),
        }
    }

    /// Whether the context reads the design as given, every element valid
    /// on the day (then [`Context::design`] is [`Context::full_design`]).
    pub(crate) fn reads_full_design(&self) -> bool {
        self.whole.is_some_and(|d| std::ptr::eq(d, self.full))
    }

    /// The units on the day, in the design's order (by id).
    pub fn units(&self) -> impl ExactSizeIterator<Item = &'a Unit> + '_ {
        self.units.iter().copied()
    }

    /// The assignments on the day, by id.
    pub fn assignments(&self) -> impl ExactSizeIterator<Item = &'a Assignment> + 'a {
        self.others.assignments()
    }

    /// An assignment on the day, by id.
    pub fn assignment(&self, id: AssignmentId) -> Option<&'a Assignment> {
        self.others.assignment(id)
    }

    /// The memberships of communities on the day, by id.
    pub fn memberships(&self) -> impl ExactSizeIterator<Item = &'a Membership> + 'a {
        self.others.memberships()
    }

    /// The parties outside the organisation on the day, by id.
    pub fn parties(&self) -> impl ExactSizeIterator<Item = &'a Party> + 'a {
        self.others.parties()
    }

    /// The portfolios on the day, by id.
    pub fn portfolios(&self) -> impl ExactSizeIterator<Item = &'a Portfolio> + 'a {
        self.others.portfolios()
    }

    /// The people of the design, by id (people have no period: all are kept).
    pub fn people(&self) -> impl ExactSizeIterator<Item = &'a Person> + 'a {
        self.full.people()
    }

    /// A person by id.
    pub fn person(&self, id: PersonId) -> Option<&'a Person> {
        self.full.person(id)
    }

    /// The functions of the functieboek, by id (functions have no period).
    pub fn functions(&self) -> impl ExactSizeIterator<Item = &'a Function> + 'a {
        self.full.functions()
    }

    /// The design as given, with every period. Rules about terms that have
    /// ended (such as `temporary-role-expired`) look here.
    pub fn full_design(&self) -> &'a Design {
        self.full
    }

    /// The posts of [`Context::full_design`] that have dated fields, in the
    /// design's order: found while reading the posts when the context
    /// borrows the full design, else by one pass over its posts. O(n) at most.
    pub(crate) fn full_dated_posts(&self) -> Box<dyn Iterator<Item = &'a Post> + '_> {
        match &self.dated_full {
            Some(posts) => Box::new(posts.iter().copied()),
            None => Box::new(self.full.posts().filter(|p| p.dated.is_some())),
        }
    }

    /// The people of [`Context::design`] numbered in its order, when the
    /// checker asked for them while building the context (it does when
    /// `person-over-allocated` runs and there are appointments).
    pub(crate) fn numbered_people(&self) -> Option<&People> {
        self.people.as_ref()
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
    pub(crate) fn flags(&self, i: usize) -> RoleFlags {
        self.flags.get(i).copied().unwrap_or_default()
    }

    /// The numbers of the posts whose role is one of `roles`, in post order.
    ///
    /// Roles are numbered once per check, so this scans a small array instead
    /// of comparing every post's role text. O(n).
    pub(crate) fn posts_with_role<'s>(&'s self, roles: &[String]) -> impl Iterator<Item = usize> + 's {
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
    pub(crate) fn appointment_post(&self, k: usize) -> Option<usize> {
        self.appointment_post.get(k).filter(|&&i| i != NONE).map(|&i| i as usize)
    }

    /// The FTE of the appointments to each post on the day, by post number,
    /// summed in the appointments' order. Acting appointments count only when
    /// `count_acting` is true.
    pub(crate) fn filled_fte(&self, count_acting: bool) -> &[f64] {
        match (&self.fill.regular, count_acting) {
            (Some((fte, _)), false) => fte,
            _ => &self.fill.fte,
        }
    }

    /// The number of appointments to each post on the day, by post number.
    /// Acting appointments count only when `count_acting` is true.
    pub(crate) fn holders(&self, count_acting: bool) -> &[u32] {
        match (&self.fill.regular, count_acting) {
            (Some((_, holders)), false) => holders,
            _ => &self.fill.holders,
        }
    }

    /// The reporting line as arrays, in post order.
    pub fn line(&self) -> &LineTable {
        &self.line
    }

    /// The structural measures; `per_post` is in post order.
    ///
    /// Computed on first use (O(n)), so that rules that need no measures can
    /// run meanwhile.
    pub fn measures(&self) -> &Measures {
        self.measures.get_or_init(|| measures::compute_with(&self.line, self.bodies()))
    }

    /// What the built-in rules read of the measures: all but the subtree
    /// sums of `per_post` (`headcount_under`, `fte_under`, `cost_under`),
    /// which are left empty. None of the built-in rules reads those sums,
    /// and without them the measures of a million posts take some 24 MB
    /// less. When custom rules run, which may read every measure, these are
    /// [`Context::measures`] themselves, so that the measures are computed
    /// once.
    pub(crate) fn rule_measures(&self) -> &Measures {
        if self.custom_rules {
            return self.measures();
        }
        match self.measures.get() {
            Some(all) => all,
            None => self.rule_measures.get_or_init(|| measures::compute_for_rules(&self.line, self.bodies())),
        }
    }

    /// The collective leaderships and self-steering teams on the day, over
    /// the post numbers of [`Context::line`]. Found on first use: O(u) when
    /// there are none, O(n) otherwise.
    pub fn bodies(&self) -> &Bodies {
        self.bodies.get_or_init(|| Bodies::new(self.units.iter().copied(), &self.line))
    }

    /// The collective leadership a post leads in, if any.
    pub fn collective_of(&self, post: &Post) -> Option<&Collective> {
        self.index_of(post.id).and_then(|i| self.bodies().collective_of(i))
    }

    /// The self-steering team a post is a member of, if any.
    pub fn self_steering_team_of(&self, post: &Post) -> Option<&SelfSteeringTeam> {
        self.index_of(post.id).and_then(|i| self.bodies().team_of(i))
    }

    /// The graph index of the design on the day, built on first use.
    pub fn graph(&self) -> &OrgGraph {
        self.graph.get_or_init(|| {
            OrgGraph::from_numbered(Numbered {
                design: self.others,
                posts: &self.posts,
                manager: |k| self.manager_of(k),
                unit: |k| self.line.unit_number(k).filter(|&u| u < self.units.len()),
                find_post: |p| self.index_of(p),
                find_unit: |u| self.unit_index.find(&self.unit_ids, u),
            })
        })
    }

    /// The number of posts.
    pub fn post_count(&self) -> usize {
        self.posts.len()
    }

    /// The post with number `i`.
    pub(crate) fn post_at(&self, i: usize) -> Option<&'a Post> {
        self.posts.get(i).copied()
    }

    /// The number of a post.
    pub(crate) fn index_of(&self, post: PostId) -> Option<usize> {
        self.post_index.find(self.line.post_ids(), post)
    }

    /// A post by id (on the day).
    pub fn post(&self, post: PostId) -> Option<&'a Post> {
        self.index_of(post).and_then(|i| self.post_at(i))
    }

    /// A unit by id (on the day).
    pub fn unit(&self, unit: UnitId) -> Option<&'a Unit> {
        let i = self.unit_index.find(&self.unit_ids, unit)?;
        self.units.get(i).copied()
    }
    /// The key of a post, or its id when it is not in the design on the day.
    pub fn post_key(&self, post: PostId) -> String {
        self.post(post).map_or_else(|| post.to_string(), |p| p.key.to_string())
    }

    /// The line manager of post `i`, as a post number.
    pub(crate) fn manager_of(&self, i: usize) -> Option<usize> {
        match self.line.parent(i) {
            Parent::Post(p) => Some(p),
            _ => None,
        }
    }

    /// The head of a unit: the post it names, else the highest post in it whose
    /// line manager sits outside it and whose role is not a staff role (the definition of
    /// [`measures::unit_heads`](crate::measures::unit_heads)). The heads of all
    /// units are found on first use, in O(n).
    pub fn unit_head(&self, unit: UnitId) -> Option<PostId> {
        let u = self.unit_index.find(&self.unit_ids, unit)?;
        let heads = self.heads.get_or_init(|| {
            let named = self.units.iter().map(|u| u.head.and_then(|h| self.index_of(h)));
            measures::head_numbers(&self.line, &self.rule_measures().per_post.layer, named, |i| self.flags(i).staff)
        });
        let h = (*heads.get(u)?)?;
        self.line.post_ids().get(h as usize).copied()
    }

    /// Whether a post is placed in a unit of kind `directie`.
    pub fn in_directie(&self, post: &Post) -> bool {
        post.unit.and_then(|u| self.unit(u)).is_some_and(|u| u.kind == UnitKind::Directie)
    }

    /// Whether a post plays one of the policy's top roles.
    pub fn has_top_role(&self, post: &Post) -> bool {
        self.top_roles.iter().any(|r| *r == post.role)
    }

    /// The numbers of the posts without a line manager, in post order. O(n)
    /// over the line array.
    pub(crate) fn posts_without_manager(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.line.len()).filter(|&i| self.line.parent(i) == Parent::Top)
    }

    /// Whether a post is a top post: it has no line manager and is placed in a
    /// `directie` unit or plays a top role.
    pub fn is_top_post(&self, post: &Post) -> bool {
        post.reports_to.is_none() && (self.in_directie(post) || self.has_top_role(post))
    }

    /// Whether a target belongs to the directie: a `directie` unit, a post in
    /// one, or a post with a top role. A party outside the organisation never
    /// does (see [`Context::is_bestuur`]).
    pub fn is_directie(&self, target: Target) -> bool {
        match target {
            Target::Unit(u) => self.unit(u).is_some_and(|u| u.kind == UnitKind::Directie),
            Target::Post(p) => self.post(p).is_some_and(|p| self.in_directie(p) || self.has_top_role(p)),
            Target::Party(_) => false,
        }
    }

    /// Whether a target is the bestuur above the directie: a party of kind
    /// `college`, `wethouder` or `raad`.
    pub fn is_bestuur(&self, target: Target) -> bool {
        match target {
            Target::Party(p) => self.others.party(p).is_some_and(|p| p.kind.is_bestuur()),
            Target::Post(_) | Target::Unit(_) => false,
        }
    }

    /// Whether a post answers to the directie without a layer between: it is
    /// in the directie, is a top post, or is accountable to or reports to the
    /// directie.
    pub fn answers_to_directie(&self, post: &Post) -> bool {
        self.in_directie(post)
            || self.is_top_post(post)
            || post.accountable_to.is_some_and(|t| self.is_directie(t))
            || post.reports_to.is_some_and(|m| self.is_directie(Target::Post(m)))
    }

    /// A target as a path such as `units/directie`.
    pub fn target_path(&self, target: Target) -> String {
        let kind = match target {
            Target::Post(_) => "posts",
            Target::Unit(_) => "units",
            Target::Party(_) => "parties",
        };
        format!("{kind}/{}", self.target_key(target))
    }

    /// A target's key, for messages.
    pub fn target_key(&self, target: Target) -> String {
        match target {
            Target::Post(p) => self.post_key(p),
            Target::Unit(u) => self.unit(u).map_or_else(|| u.to_string(), |u| u.key.to_string()),
            Target::Party(p) => self.others.party(p).map_or_else(|| p.to_string(), |p| p.key.to_string()),
        }
    }

    // The post-based view for rules outside the crate: a post in, domain
    // values out. The numbered accessors above are the crate's own.

    /// The flags of a post: its role's flags, with the post's own `temporary`
    /// and `independent` marks added (all unset for a post not in the design on
    /// the day).
    pub fn role_flags(&self, post: &Post) -> RoleFlags {
        self.index_of(post.id).map(|i| self.flags(i)).unwrap_or_default()
    }

    /// The posts whose role is one of `roles`, in post order. O(n).
    pub fn posts_in_roles<'s>(&'s self, roles: &[String]) -> impl Iterator<Item = &'a Post> + 's {
        self.posts_with_role(roles).filter_map(|i| self.post_at(i))
    }

    /// The line manager of a post on the day.
    pub fn manager(&self, post: &Post) -> Option<&'a Post> {
        self.index_of(post.id).and_then(|i| self.manager_of(i)).and_then(|m| self.post_at(m))
    }

    /// The posts without a line manager on the day, in post order. O(n).
    pub fn unmanaged_posts(&self) -> impl Iterator<Item = &'a Post> + '_ {
        self.posts_without_manager().filter_map(|i| self.post_at(i))
    }

    /// The post an appointment is to, when both are in the design on the day.
    pub fn post_of(&self, appointment: &Appointment) -> Option<&'a Post> {
        self.post(appointment.post)
    }

    /// The FTE of the appointments to a post on the day, summed in the
    /// appointments' order. Acting appointments count only when `count_acting`
    /// is true.
    pub fn fte_filled(&self, post: &Post, count_acting: bool) -> f64 {
        self.index_of(post.id).and_then(|i| self.filled_fte(count_acting).get(i).copied()).unwrap_or(0.0)
    }

    /// The number of appointments to a post on the day. Acting appointments
    /// count only when `count_acting` is true.
    pub fn holder_count(&self, post: &Post, count_acting: bool) -> u32 {
        self.index_of(post.id).and_then(|i| self.holders(count_acting).get(i).copied()).unwrap_or(0)
    }
}

/// Whether every unit, assignment, membership, party and portfolio of the
/// design is valid on the day, and no unit has dated fields. Posts and
/// appointments, the many elements, are checked while
/// [`Context::read_valid`] reads them.
pub(crate) fn others_valid(d: &Design, day: Date) -> bool {
    d.units().all(|u| u.valid.contains(day) && u.dated.is_none())
        && d.assignments().all(|a| a.valid.contains(day))
        && d.memberships().all(|m| m.valid.contains(day))
        && d.parties().all(|p| p.valid.contains(day))
        && d.portfolios().all(|f| f.valid.contains(day))
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
            match crate::format::from_json(text.as_bytes()) {
                Ok(d) => out.push(d),
                Err(e) => panic!("{e}"),
            }
        }
        out
    }

    #[test]
    fn the_context_indexes_agree_with_the_core_ones() {
        for d in designs() {
            let cx = Context::new(&d, &d, jiff::civil::date(2024, 6, 1), Vec::new(), &[], true);
            // Salaries may be NaN (unknown), so compare those by their bits.
            let (mine, core) = (cx.line(), LineTable::from_design(&d));
            let bits = |t: &LineTable| (0..t.len()).map(|i| t.salary(i).map(f64::to_bits)).collect::<Vec<_>>();
            assert_eq!(bits(mine), bits(&core));
            // Tables compare unknown salaries as equal.
            assert_eq!(mine, &core);
            assert_eq!(cx.measures(), &measures::compute(&LineTable::from_design(&d)));
            let core = measures::unit_heads(&d, cx.line(), &cx.measures().per_post);
            for u in d.units() {
                assert_eq!(cx.unit_head(u.id), core.get(&u.id).copied(), "head of {}", u.key);
            }
            // The context's graph, built from its numbering, is the design's.
            let (mine, core) = (cx.graph(), OrgGraph::new(&d));
            let sorted = |mut v: Vec<PostId>| {
                v.sort();
                v
            };
            for p in d.posts() {
                assert_eq!(sorted(mine.reports(p.id).collect()), sorted(core.reports(p.id).collect()));
            }
            for u in d.units() {
                assert_eq!(sorted(mine.posts_in(u.id).collect()), sorted(core.posts_in(u.id).collect()));
                let steering = |g: &OrgGraph| {
                    let mut v: Vec<_> = g.steering_into(Target::Unit(u.id)).collect();
                    v.sort();
                    v
                };
                assert_eq!(steering(mine), steering(&core));
            }
        }
    }

    /// `person-over-allocated` finds the same whether the context numbered
    /// the people or the rule numbers them itself.
    #[test]
    fn people_numbered_by_the_context_or_the_rule_give_the_same_findings() {
        use crate::check::rules::people::PersonOverAllocated;
        use crate::check::{Findings, Rule};
        let text = include_str!("../../tests/fixtures/rules/person-over-allocated/triggers.json");
        let d = match crate::format::from_json(text.as_bytes()) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let day = jiff::civil::date(2024, 6, 1);
        let run = |people: bool| {
            let cx = Context::new(&d, &d, day, Vec::new(), &[], people);
            assert_eq!(cx.numbered_people().is_some(), people);
            let rule = PersonOverAllocated;
            let mut out = Findings::new(rule.meta(), crate::diagnostic::Severity::Error);
            rule.check(&cx, &crate::check::RuleOptions::default(), &mut out);
            out.out
        };
        let (numbered, own) = (run(true), run(false));
        assert!(!numbered.is_empty(), "the fixture triggers the rule");
        assert_eq!(numbered, own);
    }

    /// More roles than 16 bits can number (issue: a post was attributed to
    /// the wrong role and got a false finding), numbered in linear time.
    #[test]
    fn many_roles_are_each_their_own() {
        use crate::check::{Checker, Policy};
        use crate::model::{Role, Unit, UnitKind};

        const ROLES: usize = 70_000;
        let mut d = Design::new("many roles");
        fn ok<T>(r: Result<T, crate::model::EditError>) -> T {
            match r {
                Ok(x) => x,
                Err(e) => panic!("{e}"),
            }
        }
        let directie = ok(d.add_unit(Unit::new("directie", "Directie", UnitKind::Directie)));
        let afdeling = ok(d.add_unit(Unit::new("afdeling", "Afdeling", UnitKind::Eenheid)));
        let mut gs = Post::new("gs", "Gs", "gemeentesecretaris");
        gs.unit = Some(directie);
        let gs = ok(d.add_post(gs));
        let mut hoofd = Post::new("hoofd", "Hoofd", "hoofd");
        hoofd.unit = Some(afdeling);
        hoofd.reports_to = Some(gs);
        let hoofd = ok(d.add_post(hoofd));
        // Programme managers answer to the directie: no finding. Spread over
        // the design, one of them is among the first roles of either half.
        for i in 0..100 {
            let mut pm = Post::new(format!("pm-{i}"), "Pm", "programmamanager");
            pm.unit = Some(afdeling);
            pm.reports_to = Some(hoofd);
            pm.accountable_to = Some(Target::Unit(directie));
            ok(d.add_post(pm));
        }
        // Every other post has a role of its own, outside the rule's roles.
        for i in 0..ROLES {
            ok(d.add_role(Role::new(format!("rol-{i}"), format!("rol {i}"), "")));
            let mut p = Post::new(format!("p-{i}"), "P", format!("rol-{i}"));
            p.unit = Some(afdeling);
            p.reports_to = Some(hoofd);
            ok(d.add_post(p));
        }
        let day = jiff::civil::date(2024, 6, 1);
        let cx = Context::new(&d, &d, day, Vec::new(), &[], false);
        assert_eq!(cx.posts_with_role(&["programmamanager".to_owned()]).count(), 100);
        assert_eq!(cx.posts_with_role(&["rol-69999".to_owned()]).count(), 1);
        let report = Checker::new(Policy::default()).only(["steering-not-accountable-to-directie"]).check_on(&d, day);
        assert_eq!(report.of_rule("steering-not-accountable-to-directie").count(), 0);
    }

    /// A custom rule that asks a unit's head (which reads the rules'
    /// measures) and then every measure gets the measures computed once.
    #[test]
    fn a_unit_head_then_every_measure_computes_the_measures_once() {
        for d in designs() {
            let mut cx = Context::new(&d, &d, jiff::civil::date(2024, 6, 1), Vec::new(), &[], false);
            cx.custom_rules = true;
            for u in d.units() {
                let _ = cx.unit_head(u.id);
            }
            let _ = cx.measures();
            let both = cx.rule_measures.get().is_some() && cx.measures.get().is_some();
            assert!(!both, "{}: the measures were computed twice", d.name());
        }
    }
}
