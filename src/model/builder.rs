//! A key-based builder for designs written in Rust code.

use jiff::civil::Date;
use thiserror::Error;

use super::{
    Appointment, AppointmentId, Assignment, AssignmentId, ContractKind, Dated, Design, EditError, Function, FunctionId,
    Membership, MembershipId, Period, Person, PersonId, Post, PostDated, PostId, SelfSteering, SteeringKind, Target,
    Task, Unit, UnitId, UnitKind,
};
use super::{Party, PartyId, PartyKind, Portfolio};

/// Every error found while building a design.
///
/// The errors stay typed ([`EditError`]) for code that reacts to them; shown,
/// they read like every other list of problems (`the design has 2 problems`
/// and one indented line each), and `LoadError::from` turns them into one.
#[derive(Clone, Debug, PartialEq, Error)]
pub struct BuildError {
    /// The errors, in the order they were found.
    pub errors: Vec<EditError>,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.errors.len();
        write!(f, "the design has {n} problem{}", if n == 1 { "" } else { "s" })?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

/// A reference by key to a post or unit, for the builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetKey {
    /// A post key.
    Post(String),
    /// A unit key.
    Unit(String),
    /// A party key.
    Party(String),
}

impl TargetKey {
    fn resolve(&self) -> Target {
        match self {
            TargetKey::Post(k) => Target::Post(PostId::from_key(k)),
            TargetKey::Unit(k) => Target::Unit(UnitId::from_key(k)),
            TargetKey::Party(k) => Target::Party(PartyId::from_key(k)),
        }
    }
}

/// Builds a [`Design`] with references written as keys, in any order.
///
/// Elements may refer to elements added later: references are resolved in
/// [`DesignBuilder::build`], which reports every problem at once.
///
/// ```
/// use harkje::{DesignBuilder, UnitKind};
/// use harkje::date;
///
/// let mut b = DesignBuilder::new("De Bilt");
/// b.unit("directie", "Directie", UnitKind::Directie).kernopdracht("leads the organisation");
/// b.unit("gebieden", "Eenheid Gebieden", UnitKind::Eenheid).parent("directie");
/// b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
/// b.post("km-gebieden", "Kwartiermaker Gebieden", "kwartiermaker")
///     .unit("gebieden")
///     .reports_to("gs")
///     .valid(Some(date(2018, 1, 1)), Some(date(2019, 12, 31)));
/// let design = b.build()?;
/// assert_eq!(design.posts().len(), 2);
/// # Ok::<(), harkje::BuildError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct DesignBuilder {
    name: String,
    functions: Vec<Function>,
    units: Vec<UnitDraft>,
    posts: Vec<PostDraft>,
    people: Vec<PersonDraft>,
    appointments: Vec<AppointmentDraft>,
    assignments: Vec<AssignmentDraft>,
    memberships: Vec<(String, String, Period)>,
    parties: Vec<Party>,
    portfolios: Vec<(String, String, Period)>,
}

/// A unit being built. Returned by [`DesignBuilder::unit`].
#[derive(Clone, Debug)]
pub struct UnitDraft {
    unit: Unit,
    parent: Option<String>,
    head: Option<String>,
    self_steering: Option<(Option<String>, Option<String>)>,
}

impl UnitDraft {
    /// Places the unit in the unit with this key.
    pub fn parent(&mut self, key: &str) -> &mut Self {
        self.parent = Some(key.to_owned());
        self
    }
    /// Names the post that heads the unit.
    pub fn head(&mut self, post_key: &str) -> &mut Self {
        self.head = Some(post_key.to_owned());
        self
    }
    /// Sets the kernopdracht.
    pub fn kernopdracht(&mut self, text: &str) -> &mut Self {
        self.unit.kernopdracht = Some(text.to_owned());
        self
    }
    /// Sets the validity period.
    pub fn valid(&mut self, from: Option<Date>, until: Option<Date>) -> &mut Self {
        self.unit.valid = Period::new(from, until);
        self
    }
    /// Marks the unit as led collectively: its posts with a line-management
    /// role lead together.
    pub fn collective_leadership(&mut self) -> &mut Self {
        self.unit.collective_leadership = true;
        self
    }
    /// Makes the unit a self-steering team answering to the post
    /// `accountable_to`, coached by the post `coach` (keys; either may be
    /// left out).
    pub fn self_steering(&mut self, accountable_to: Option<&str>, coach: Option<&str>) -> &mut Self {
        self.self_steering = Some((accountable_to.map(str::to_owned), coach.map(str::to_owned)));
        self
    }
}

/// A post being built. Returned by [`DesignBuilder::post`].
#[derive(Clone, Debug)]
pub struct PostDraft {
    post: Post,
    unit: Option<String>,
    reports_to: Option<String>,
    function: Option<String>,
    accountable_to: Option<TargetKey>,
    dated_reports_to: Vec<(String, Period)>,
    dated_unit: Vec<(String, Period)>,
}

impl PostDraft {
    /// Places the post in the unit with this key.
    pub fn unit(&mut self, key: &str) -> &mut Self {
        self.unit = Some(key.to_owned());
        self
    }
    /// Sets the line manager's post.
    pub fn reports_to(&mut self, key: &str) -> &mut Self {
        self.reports_to = Some(key.to_owned());
        self
    }
    /// Adds a line manager for a period (both ends inclusive, either open):
    /// the post reports to `key` from `from` until `until`. Call it once per
    /// period; the periods must not overlap. Replaces [`PostDraft::reports_to`].
    pub fn reports_to_during(&mut self, key: &str, from: Option<Date>, until: Option<Date>) -> &mut Self {
        self.dated_reports_to.push((key.to_owned(), Period::new(from, until)));
        self
    }
    /// Places the post in unit `key` for a period, as
    /// [`PostDraft::reports_to_during`] does for the line. Replaces [`PostDraft::unit`].
    pub fn unit_during(&mut self, key: &str, from: Option<Date>, until: Option<Date>) -> &mut Self {
        self.dated_unit.push((key.to_owned(), Period::new(from, until)));
        self
    }
    /// Sets the function by its code.
    pub fn function(&mut self, key: &str) -> &mut Self {
        self.function = Some(key.to_owned());
        self
    }
    /// Makes the post accountable to a post or unit outside its line.
    pub fn accountable_to(&mut self, target: TargetKey) -> &mut Self {
        self.accountable_to = Some(target);
        self
    }
    /// Sets the FTE.
    pub fn fte(&mut self, fte: f64) -> &mut Self {
        self.post.fte = fte;
        self
    }
    /// Sets the salary scale.
    pub fn scale(&mut self, scale: u8) -> &mut Self {
        self.post.scale = Some(scale);
        self
    }
    /// Sets the annual full-time salary.
    pub fn salary(&mut self, salary: f64) -> &mut Self {
        self.post.salary = Some(salary);
        self
    }
    /// Marks the post temporary.
    pub fn temporary(&mut self) -> &mut Self {
        self.post.temporary = true;
        self
    }
    /// Marks the post independent.
    pub fn independent(&mut self) -> &mut Self {
        self.post.independent = true;
        self
    }
    /// Sets the validity period.
    pub fn valid(&mut self, from: Option<Date>, until: Option<Date>) -> &mut Self {
        self.post.valid = Period::new(from, until);
        self
    }
}

/// A person being built. Returned by [`DesignBuilder::person`].
#[derive(Clone, Debug)]
pub struct PersonDraft {
    person: Person,
    preferences: Vec<String>,
}

impl PersonDraft {
    /// Sets the name.
    pub fn name(&mut self, name: &str) -> &mut Self {
        self.person.name = Some(name.to_owned());
        self
    }
    /// Sets the birth date.
    pub fn birth_date(&mut self, d: Date) -> &mut Self {
        self.person.birth_date = Some(d);
        self
    }
    /// Sets the start of service.
    pub fn service_start(&mut self, d: Date) -> &mut Self {
        self.person.service_start = Some(d);
        self
    }
    /// Sets the contract kind.
    pub fn contract(&mut self, c: ContractKind) -> &mut Self {
        self.person.contract = Some(c);
        self
    }
    /// Sets the person's scale.
    pub fn scale(&mut self, s: u8) -> &mut Self {
        self.person.scale = Some(s);
        self
    }
    /// Sets the person's contract working time in FTE.
    pub fn fte(&mut self, fte: f64) -> &mut Self {
        self.person.fte = Some(fte);
        self
    }
    /// Adds a preferred function, by code.
    pub fn prefers(&mut self, function_key: &str) -> &mut Self {
        self.preferences.push(function_key.to_owned());
        self
    }
}

/// An appointment being built. Returned by [`DesignBuilder::appoint`].
#[derive(Clone, Debug)]
pub struct AppointmentDraft {
    person: String,
    post: String,
    fte: f64,
    acting: bool,
    valid: Period,
}

impl AppointmentDraft {
    /// Sets the FTE.
    pub fn fte(&mut self, fte: f64) -> &mut Self {
        self.fte = fte;
        self
    }
    /// Marks the appointment as acting (waarnemend).
    pub fn acting(&mut self) -> &mut Self {
        self.acting = true;
        self
    }
    /// Sets the validity period.
    pub fn valid(&mut self, from: Option<Date>, until: Option<Date>) -> &mut Self {
        self.valid = Period::new(from, until);
        self
    }
}

/// An assignment being built. Returned by [`DesignBuilder::assignment`].
#[derive(Clone, Debug)]
pub struct AssignmentDraft {
    key: String,
    kind: SteeringKind,
    agent: String,
    target: TargetKey,
    principal: Option<TargetKey>,
    goal: Option<String>,
    escalation: Option<TargetKey>,
    mandate: Option<String>,
    budget: Option<f64>,
    capacity: Option<f64>,
    valid: Period,
    delegated_principals: Vec<TargetKey>,
}

impl AssignmentDraft {
    /// Adds a link to the chain of principals after `principal`: the
    /// principal the commission is passed on to (an ambtelijk, then a
    /// gedelegeerd opdrachtgever).
    pub fn delegated_to(&mut self, t: TargetKey) -> &mut Self {
        self.delegated_principals.push(t);
        self
    }
    /// Sets the principal (opdrachtgever).
    pub fn principal(&mut self, t: TargetKey) -> &mut Self {
        self.principal = Some(t);
        self
    }
    /// Sets the goal.
    pub fn goal(&mut self, g: &str) -> &mut Self {
        self.goal = Some(g.to_owned());
        self
    }
    /// Sets the escalation point.
    pub fn escalation(&mut self, t: TargetKey) -> &mut Self {
        self.escalation = Some(t);
        self
    }
    /// Sets the mandate.
    pub fn mandate(&mut self, m: &str) -> &mut Self {
        self.mandate = Some(m.to_owned());
        self
    }
    /// Sets the budget in euros.
    pub fn budget(&mut self, b: f64) -> &mut Self {
        self.budget = Some(b);
        self
    }
    /// Sets the capacity in FTE.
    pub fn capacity(&mut self, c: f64) -> &mut Self {
        self.capacity = Some(c);
        self
    }
    /// Sets the validity period.
    pub fn valid(&mut self, from: Option<Date>, until: Option<Date>) -> &mut Self {
        self.valid = Period::new(from, until);
        self
    }
}

impl DesignBuilder {
    /// A builder for a design with this name.
    pub fn new(name: &str) -> Self {
        DesignBuilder { name: name.to_owned(), ..DesignBuilder::default() }
    }

    /// Adds a function with its tasks as `(name, weight)` pairs.
    pub fn function(&mut self, key: &str, title: &str, scale: Option<u8>, tasks: &[(&str, f64)]) -> &mut Self {
        let mut f = Function::new(key, title);
        f.scale_min = scale;
        f.scale_max = scale;
        f.tasks = tasks.iter().map(|(n, w)| Task { name: (*n).to_owned(), weight: *w }).collect();
        self.functions.push(f);
        self
    }

    /// Adds a unit.
    pub fn unit(&mut self, key: &str, name: &str, kind: UnitKind) -> &mut UnitDraft {
        self.units.push(UnitDraft { unit: Unit::new(key, name, kind), parent: None, head: None, self_steering: None });
        let i = self.units.len() - 1;
        &mut self.units[i]
    }

    /// Adds a post with a title and a role key.
    pub fn post(&mut self, key: &str, title: &str, role: &str) -> &mut PostDraft {
        self.posts.push(PostDraft {
            post: Post::new(key, title, role),
            unit: None,
            reports_to: None,
            function: None,
            accountable_to: None,
            dated_reports_to: Vec::new(),
            dated_unit: Vec::new(),
        });
        let i = self.posts.len() - 1;
        &mut self.posts[i]
    }

    /// Adds a person.
    pub fn person(&mut self, key: &str) -> &mut PersonDraft {
        self.people.push(PersonDraft { person: Person::new(key), preferences: Vec::new() });
        let i = self.people.len() - 1;
        &mut self.people[i]
    }

    /// Appoints a person to a post, full time unless set otherwise.
    pub fn appoint(&mut self, person: &str, post: &str) -> &mut AppointmentDraft {
        self.appointments.push(AppointmentDraft {
            person: person.to_owned(),
            post: post.to_owned(),
            fte: 1.0,
            acting: false,
            valid: Period::ALWAYS,
        });
        let i = self.appointments.len() - 1;
        &mut self.appointments[i]
    }

    /// Adds a horizontal steering assignment of `agent` over `target`.
    pub fn assignment(
        &mut self,
        key: &str,
        kind: SteeringKind,
        agent: &str,
        target: TargetKey,
    ) -> &mut AssignmentDraft {
        self.assignments.push(AssignmentDraft {
            key: key.to_owned(),
            kind,
            agent: agent.to_owned(),
            target,
            principal: None,
            goal: None,
            escalation: None,
            mandate: None,
            budget: None,
            capacity: None,
            valid: Period::ALWAYS,
            delegated_principals: Vec::new(),
        });
        let i = self.assignments.len() - 1;
        &mut self.assignments[i]
    }

    /// Adds a party outside the organisation.
    pub fn party(&mut self, key: &str, name: &str, kind: PartyKind) -> &mut Self {
        self.parties.push(Party::new(key, name, kind));
        self
    }

    /// Gives a post a portfolio (aandachtsgebied) over a unit.
    pub fn portfolio(&mut self, post: &str, unit: &str) -> &mut Self {
        self.portfolios.push((post.to_owned(), unit.to_owned(), Period::ALWAYS));
        self
    }

    /// Makes a post a member of a community.
    pub fn member(&mut self, post: &str, community: &str) -> &mut Self {
        self.memberships.push((post.to_owned(), community.to_owned(), Period::ALWAYS));
        self
    }

    /// Resolves every key and builds the design, or reports every error found.
    ///
    /// # Errors
    /// A [`BuildError`] listing every problem: keys that repeat or are bad,
    /// references to keys not given, values out of range, cycles in the line or
    /// in the placement of units.
    pub fn build(&self) -> Result<Design, BuildError> {
        let mut d = Design::new(self.name.clone());
        let mut errors = Vec::new();
        let mut keep = |r: Result<(), EditError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        for f in &self.functions {
            keep(d.add_function(f.clone()).map(drop));
        }
        for p in &self.parties {
            keep(d.add_party(p.clone()).map(drop));
        }
        // Units first without parent or head, then link them.
        for u in &self.units {
            keep(d.add_unit(u.unit.clone()).map(drop));
        }
        let placements: Vec<(UnitId, UnitId)> = self
            .units
            .iter()
            .filter_map(|u| u.parent.as_deref().map(|p| (u.unit.id, UnitId::from_key(p))))
            .filter(|(u, _)| d.unit(*u).is_some())
            .collect();
        for e in d.set_unit_parents_bulk(&placements) {
            keep(Err(e));
        }
        // Posts first without their line manager, then set the line.
        for p in &self.posts {
            let mut post = p.post.clone();
            post.unit = p.unit.as_deref().map(UnitId::from_key);
            post.function = p.function.as_deref().map(FunctionId::from_key);
            post.accountable_to = p.accountable_to.as_ref().map(TargetKey::resolve);
            if !p.dated_unit.is_empty() {
                let unit = p.dated_unit.iter().map(|(k, valid)| Dated::new(UnitId::from_key(k), *valid)).collect();
                post.dated = Some(Box::new(PostDated { unit, ..PostDated::default() }));
            }
            keep(d.add_post(post).map(drop));
        }
        // One linear pass sets the whole line and finds any cycle in it.
        let lines: Vec<(PostId, PostId)> = self
            .posts
            .iter()
            .filter_map(|p| p.reports_to.as_deref().map(|m| (p.post.id, PostId::from_key(m))))
            .filter(|(p, _)| d.post(*p).is_some())
            .collect();
        for e in d.set_lines_bulk(&lines) {
            keep(Err(e));
        }
        for p in self.posts.iter().filter(|p| !p.dated_reports_to.is_empty()) {
            if d.post(p.post.id).is_none() {
                continue;
            }
            let list = p.dated_reports_to.iter().map(|(k, valid)| Dated::new(PostId::from_key(k), *valid)).collect();
            keep(d.set_reports_to_dated(p.post.id, list));
        }
        for u in &self.units {
            if let Some(h) = &u.head
                && d.unit(u.unit.id).is_some()
            {
                keep(d.set_unit_head(u.unit.id, Some(PostId::from_key(h))));
            }
        }
        for u in &self.units {
            if let Some((accountable, coach)) = &u.self_steering
                && d.unit(u.unit.id).is_some()
            {
                let id = |k: &Option<String>| k.as_deref().map(PostId::from_key);
                keep(d.set_unit_self_steering(u.unit.id, Some(SelfSteering::new(id(accountable), id(coach)))));
            }
        }
        for p in &self.people {
            let mut person = p.person.clone();
            person.preferences = p.preferences.iter().map(|k| FunctionId::from_key(k)).collect();
            keep(d.add_person(person).map(drop));
        }
        for a in &self.appointments {
            keep(
                d.add_appointment(Appointment {
                    id: AppointmentId::from_key(""),
                    person: PersonId::from_key(&a.person),
                    post: PostId::from_key(&a.post),
                    fte: a.fte,
                    acting: a.acting,
                    valid: a.valid,
                })
                .map(drop),
            );
        }
        for a in &self.assignments {
            keep(
                d.add_assignment(Assignment {
                    id: AssignmentId::from_key(&a.key),
                    key: a.key.clone(),
                    kind: a.kind,
                    agent: PostId::from_key(&a.agent),
                    target: a.target.resolve(),
                    principal: a.principal.as_ref().map(TargetKey::resolve),
                    goal: a.goal.clone(),
                    escalation: a.escalation.as_ref().map(TargetKey::resolve),
                    mandate: a.mandate.clone(),
                    budget: a.budget,
                    capacity: a.capacity,
                    valid: a.valid,
                    delegated_principals: a.delegated_principals.iter().map(TargetKey::resolve).collect(),
                })
                .map(drop),
            );
        }
        for (post, unit, valid) in &self.portfolios {
            let mut f = Portfolio::new(PostId::from_key(post), UnitId::from_key(unit));
            f.valid = *valid;
            keep(d.add_portfolio(f).map(drop));
        }
        for (post, community, valid) in &self.memberships {
            keep(
                d.add_membership(Membership {
                    id: MembershipId::from_key(""),
                    post: PostId::from_key(post),
                    community: UnitId::from_key(community),
                    valid: *valid,
                })
                .map(drop),
            );
        }
        if errors.is_empty() {
            return Ok(d);
        }
        // The edits only know ids; give the keys back in the messages.
        let mut keys = std::collections::HashMap::new();
        let mut know = |id: String, key: &str| {
            keys.insert(id, key.to_owned());
        };
        for u in &self.units {
            for k in u.parent.iter() {
                know(UnitId::from_key(k).to_string(), k);
            }
            for k in u.head.iter() {
                know(PostId::from_key(k).to_string(), k);
            }
            for k in u.self_steering.iter().flat_map(|(a, c)| a.iter().chain(c.iter())) {
                know(PostId::from_key(k).to_string(), k);
            }
        }
        let mut target = |t: &TargetKey| match t {
            TargetKey::Post(k) => know(PostId::from_key(k).to_string(), k),
            TargetKey::Unit(k) => know(UnitId::from_key(k).to_string(), k),
            TargetKey::Party(k) => know(PartyId::from_key(k).to_string(), k),
        };
        for p in &self.posts {
            for k in p.unit.iter() {
                target(&TargetKey::Unit(k.clone()));
            }
            for k in p.reports_to.iter().chain(p.dated_reports_to.iter().map(|(k, _)| k)) {
                target(&TargetKey::Post(k.clone()));
            }
            for (k, _) in &p.dated_unit {
                target(&TargetKey::Unit(k.clone()));
            }
            for t in p.accountable_to.iter() {
                target(t);
            }
        }
        for a in &self.assignments {
            target(&TargetKey::Post(a.agent.clone()));
            for t in [Some(&a.target), a.principal.as_ref(), a.escalation.as_ref()].into_iter().flatten() {
                target(t);
            }
            for t in &a.delegated_principals {
                target(t);
            }
        }
        for (post, community, _) in self.memberships.iter().chain(&self.portfolios) {
            target(&TargetKey::Post(post.clone()));
            target(&TargetKey::Unit(community.clone()));
        }
        let mut function_keys = std::collections::HashMap::new();
        for k in self
            .posts
            .iter()
            .filter_map(|p| p.function.as_ref())
            .chain(self.people.iter().flat_map(|p| p.preferences.iter()))
        {
            function_keys.insert(FunctionId::from_key(k).to_string(), k.clone());
        }
        for a in &self.appointments {
            keys.insert(PersonId::from_key(&a.person).to_string(), a.person.clone());
            keys.insert(PostId::from_key(&a.post).to_string(), a.post.clone());
        }
        for e in &mut errors {
            match e {
                EditError::MissingReference { reference, .. } | EditError::NotFound { key: reference, .. } => {
                    if let Some(k) = keys.get(reference.as_str()).or_else(|| function_keys.get(reference.as_str())) {
                        *reference = k.clone();
                    }
                }
                _ => {}
            }
        }
        Err(BuildError { errors })
    }
}
