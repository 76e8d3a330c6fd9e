//! The design as it stands on one day, whole ([`Design::as_of`]) or in the
//! parts a view reads without copying the many elements: the few elements
//! cut to the day ([`Design::others_as_of`]), and each post
//! ([`Design::post_as_of`]) and appointment ([`Design::appointment_as_of`])
//! taken one at a time. The whole cut is made of the parts, so a view and a
//! copy keep, change and report the same elements.

use std::borrow::Cow;
use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{Absence, ClearedReference, Design};
use crate::model::{Appointment, Post, Target, dated};

impl Design {
    /// The design as it stands on one day.
    ///
    /// Keeps the elements whose validity period contains `day`, and gives
    /// every dated field its value on that day (none in a gap), so the design
    /// returned has no dated fields. A reference
    /// from a kept element to one that is not valid on that day is cleared (a
    /// post whose unit has been closed is left without a unit); use
    /// [`Design::as_of_with_notes`] to learn which references were cleared.
    pub fn as_of(&self, day: Date) -> Design {
        self.as_of_with_notes(day).0
    }

    /// Like [`Design::as_of`], and also lists every reference it cleared.
    ///
    /// Besides the references a kept element loses, this lists the elements
    /// that still run on the day but are left out because what they join has
    /// ended or not yet started: an appointment to such a post (held by the
    /// person, field `appointment`), an assignment carried by or aimed at
    /// such an element (fields `agent` and `target`, and `principal` or
    /// `escalation` when those are gone too), and a membership of a post or
    /// a community that is gone (held by the one that remains, fields
    /// `membership` and `member`). Parties and portfolios are kept the same
    /// way (a portfolio that loses its unit or post is listed, fields
    /// `portfolio` and `portfolio_holder`), and a chain of principals loses
    /// the links that are gone (field `principal`), the rest keeping its order.
    pub fn as_of_with_notes(&self, day: Date) -> (Design, Vec<ClearedReference>) {
        let (mut d, mut notes) = self.others_as_of(day);
        d.posts =
            self.posts().filter_map(|p| Some((p.id, self.post_as_of(p, day, &mut notes)?.into_owned()))).collect();
        d.people = self.people.clone();
        for a in self.appointments.values() {
            if self.appointment_as_of(a, day, &mut notes) {
                d.appointments.insert(a.id, a.clone());
            }
        }
        notes.sort();
        (d, notes)
    }

    /// Whether the design is the same on `day` as it is: every element
    /// valid that day and no dated value. Then [`Design::as_of`] would give
    /// an equal design and clear nothing, and [`Design::on_day`] borrows it.
    /// O(n), one pass over the elements.
    pub fn unchanged_on(&self, day: Date) -> bool {
        self.units.values().all(|u| u.valid.contains(day) && u.dated.is_none())
            && self.posts().all(|p| p.valid.contains(day) && p.dated.is_none())
            && self.appointments.values().all(|a| a.valid.contains(day))
            && self.assignments.values().all(|a| a.valid.contains(day))
            && self.memberships.values().all(|m| m.valid.contains(day))
            && self.parties.values().all(|p| p.valid.contains(day))
            && self.portfolios.values().all(|f| f.valid.contains(day))
    }

    /// [`Design::as_of_with_notes`], without the copy when the design is
    /// the same on `day` ([`Design::unchanged_on`]): a design of a million
    /// posts that changes nothing that day is not copied.
    pub fn on_day(&self, day: Date) -> (Cow<'_, Design>, Vec<ClearedReference>) {
        if self.unchanged_on(day) {
            return (Cow::Borrowed(self), Vec::new());
        }
        let (d, cleared) = self.as_of_with_notes(day);
        (Cow::Owned(d), cleared)
    }

    /// The design on `day` without its posts, appointments and people (the
    /// elements a design may have a million of), with the references it
    /// cleared, unsorted: [`Design::as_of_with_notes`] but for those three.
    /// The references to posts are judged against this design's posts.
    pub(crate) fn others_as_of(&self, day: Date) -> (Design, Vec<ClearedReference>) {
        let mut notes = Vec::new();
        let mut d = Design {
            name: self.name.clone(),
            schema: self.schema.clone(),
            identifier: self.identifier.clone(),
            roles: self.roles.clone(),
            functions: self.functions.clone(),
            ..Design::default()
        };
        d.units = self.units.iter().filter(|(_, u)| u.valid.contains(day)).map(|(k, v)| (*k, v.clone())).collect();
        // A dated field takes its value on the day first; a reference that
        // value makes to something gone is then cleared like any other.
        d.units.values_mut().for_each(|u| dated::resolve_unit(u, day));
        for u in d.units.values_mut() {
            let holder = || format!("units/{}", u.key);
            if let Some(p) = u.parent
                && self.note_absent(day, &mut notes, holder, "parent", Target::Unit(p))
            {
                u.parent = None;
            }
            if let Some(h) = u.head
                && self.note_absent(day, &mut notes, holder, "head", Target::Post(h))
            {
                u.head = None;
            }
            if let Some(team) = u.self_steering.as_mut() {
                if let Some(p) = team.accountable_to
                    && self.note_absent(day, &mut notes, holder, "self_steering/accountable_to", Target::Post(p))
                {
                    team.accountable_to = None;
                }
                if let Some(p) = team.coach
                    && self.note_absent(day, &mut notes, holder, "self_steering/coach", Target::Post(p))
                {
                    team.coach = None;
                }
            }
        }
        self.assignments_as_of(day, &mut d, &mut notes);
        self.memberships_as_of(day, &mut d, &mut notes);
        self.parties_as_of(day, &mut d, &mut notes);
        (d, notes)
    }

    /// The post as it stands on `day`: `None` when it is not valid that day,
    /// the post itself when nothing about it changes, else a copy with its
    /// dated fields resolved and its references to what is gone that day
    /// cleared, each cleared one noted.
    pub(crate) fn post_as_of<'p>(
        &self,
        post: &'p Post,
        day: Date,
        notes: &mut Vec<ClearedReference>,
    ) -> Option<Cow<'p, Post>> {
        if !post.valid.contains(day) {
            return None;
        }
        let gone = |t: Option<Target>| t.is_some_and(|t| self.absence(t, day).is_some());
        if post.dated.is_none()
            && !gone(post.unit.map(Target::Unit))
            && !gone(post.reports_to.map(Target::Post))
            && !gone(post.accountable_to)
        {
            return Some(Cow::Borrowed(post));
        }
        let mut p = post.clone();
        dated::resolve_post(&mut p, day);
        let holder = || format!("posts/{}", post.key);
        if let Some(u) = p.unit
            && self.note_absent(day, notes, holder, "unit", Target::Unit(u))
        {
            p.unit = None;
        }
        if let Some(m) = p.reports_to
            && self.note_absent(day, notes, holder, "reports_to", Target::Post(m))
        {
            p.reports_to = None;
        }
        if let Some(a) = p.accountable_to
            && self.note_absent(day, notes, holder, "accountable_to", a)
        {
            p.accountable_to = None;
        }
        Some(Cow::Owned(p))
    }

    /// Whether the appointment is kept on `day`: it runs that day and so
    /// does its post. One that runs to a post that is gone is noted (held by
    /// the person, field `appointment`).
    pub(crate) fn appointment_as_of(&self, a: &Appointment, day: Date, notes: &mut Vec<ClearedReference>) -> bool {
        if !a.valid.contains(day) {
            return false;
        }
        let holder = || {
            self.people.get(&a.person).map_or_else(|| format!("people/{}", a.person), |p| format!("people/{}", p.key))
        };
        !self.note_absent(day, notes, holder, "appointment", Target::Post(a.post))
    }

    /// Why the target is not there on `day`: it ended, has not started, or
    /// is not in the design at all; `None` when it is valid that day.
    pub(crate) fn absence(&self, target: Target, day: Date) -> Option<Absence> {
        let valid = match target {
            Target::Post(p) => self.posts.get(&p).map(|p| p.valid),
            Target::Unit(u) => self.units.get(&u).map(|u| u.valid),
            Target::Party(p) => self.parties.get(&p).map(|p| p.valid),
        };
        valid.map_or(Some(Absence::Missing), |v| Absence::of(v, day))
    }

    /// Notes the reference from `holder` in `field` to `target` when the
    /// target is not there on `day`, and says whether it was noted.
    fn note_absent(
        &self,
        day: Date,
        notes: &mut Vec<ClearedReference>,
        holder: impl FnOnce() -> String,
        field: &'static str,
        target: Target,
    ) -> bool {
        let Some(absence) = self.absence(target, day) else { return false };
        notes.push(ClearedReference { holder: holder(), field, target: self.target_path(target), absence });
        true
    }

    /// The assignments running on `day` whose agent and target are there,
    /// each losing a principal or escalation that is gone.
    fn assignments_as_of(&self, day: Date, d: &mut Design, notes: &mut Vec<ClearedReference>) {
        for a in self.assignments.values().filter(|a| a.valid.contains(day)) {
            let holder = || format!("assignments/{}", a.key);
            let agent_gone = self.note_absent(day, notes, holder, "agent", Target::Post(a.agent));
            let target_gone = self.note_absent(day, notes, holder, "target", a.target);
            let mut kept = a.clone();
            if let Some(p) = a.principal
                && self.note_absent(day, notes, holder, "principal", p)
            {
                kept.principal = None;
            }
            if let Some(e) = a.escalation
                && self.note_absent(day, notes, holder, "escalation", e)
            {
                kept.escalation = None;
            }
            if !agent_gone && !target_gone {
                d.assignments.insert(a.id, kept);
            }
        }
    }

    /// The memberships running on `day` whose post and community are both
    /// there; one that loses only one of them is noted by the other.
    fn memberships_as_of(&self, day: Date, d: &mut Design, notes: &mut Vec<ClearedReference>) {
        for m in self.memberships.values().filter(|m| m.valid.contains(day)) {
            let (Some(p), Some(u)) = (self.posts.get(&m.post), self.units.get(&m.community)) else { continue };
            match (p.valid.contains(day), u.valid.contains(day)) {
                (true, true) => {
                    d.memberships.insert(m.id, m.clone());
                }
                (true, false) => {
                    let holder = || format!("posts/{}", p.key);
                    self.note_absent(day, notes, holder, "membership", Target::Unit(m.community));
                }
                (false, true) => {
                    let holder = || format!("units/{}", u.key);
                    self.note_absent(day, notes, holder, "member", Target::Post(m.post));
                }
                (false, false) => {}
            }
        }
    }

    /// The part of [`Design::as_of_with_notes`] for parties and portfolios:
    /// keeps the parties valid on `day`; keeps a running portfolio whose post
    /// and unit are kept, and lists one that loses either (held by the one
    /// that remains, fields `portfolio` and `portfolio_holder`); and drops
    /// from the kept assignments' chains of principals every delegated link
    /// that is gone (field `principal`), so that a chain whose first link is
    /// gone starts at the next one that is not.
    fn parties_as_of(&self, day: Date, d: &mut Design, notes: &mut Vec<ClearedReference>) {
        d.parties = self.parties.iter().filter(|(_, p)| p.valid.contains(day)).map(|(k, v)| (*k, v.clone())).collect();
        let mut portfolios = BTreeMap::new();
        for f in self.portfolios.values().filter(|f| f.valid.contains(day)) {
            let (post, unit) = (Target::Post(f.post), Target::Unit(f.unit));
            let (holder, field, gone) = match (self.absence(post, day), self.absence(unit, day)) {
                (None, None) => {
                    portfolios.insert(f.id, f.clone());
                    continue;
                }
                (None, Some(a)) => (self.target_path(post), "portfolio", (unit, a)),
                (Some(a), None) => (self.target_path(unit), "portfolio_holder", (post, a)),
                (Some(_), Some(_)) => continue,
            };
            notes.push(ClearedReference { holder, field, target: self.target_path(gone.0), absence: gone.1 });
        }
        let mut cleared = Vec::new();
        for a in d.assignments.values_mut().filter(|a| !a.delegated_principals.is_empty()) {
            let mut chain: Vec<Target> = Vec::with_capacity(a.delegated_principals.len() + 1);
            chain.extend(a.principal);
            for &t in &a.delegated_principals {
                match self.absence(t, day) {
                    None => chain.push(t),
                    Some(absence) => cleared.push(ClearedReference {
                        holder: format!("assignments/{}", a.key),
                        field: "principal",
                        target: self.target_path(t),
                        absence,
                    }),
                }
            }
            let mut chain = chain.into_iter();
            a.principal = chain.next();
            a.delegated_principals = chain.collect();
        }
        notes.extend(cleared);
        d.portfolios = portfolios;
    }
}
