//! The design: the container of every element, with checked edits.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;

use super::{MAX_BUDGET, MAX_FTE, MAX_SALARY, Period, dated, key_problem, out_of_range};

use super::post_store::PostStore;
use super::{
    Appointment, AppointmentId, Assignment, AssignmentId, EditError, ElementKind, Function, FunctionId, Membership,
    MembershipId, Person, PersonId, Post, PostId, Role, RoleFlags, SelfSteering, Target, Unit, UnitId, builtin_role,
};
use super::{Party, PartyId, Portfolio, PortfolioId, portfolio_id};

mod as_of;

/// An organisation design: units, posts, people, functions and the relations between them.
///
/// A `Design` is plain data with one invariant: **every reference points to an
/// element in the design**. Edits that would break it return an
/// [`EditError`] and leave the design unchanged. The reporting line may
/// contain cycles when a design is loaded from a file (they are reported by
/// the measures and the checks), but the edit methods refuse to create one.
///
/// Collections are kept in maps ordered by id, so two designs with the same
/// elements compare equal however they were built.
///
/// ```
/// use harkje::{Design, Post, Unit, UnitKind};
///
/// let mut d = Design::new("Voorbeeld");
/// let directie = d.add_unit(Unit::new("directie", "Directie", UnitKind::Directie))?;
/// let mut gs = Post::new("gs", "Gemeentesecretaris", "gemeentesecretaris");
/// gs.unit = Some(directie);
/// let gs = d.add_post(gs)?;
/// let mut hoofd = Post::new("hoofd", "Hoofd", "hoofd");
/// hoofd.reports_to = Some(gs);
/// d.add_post(hoofd)?;
///
/// // A line cycle is refused:
/// assert!(d.set_reports_to(gs, Some(harkje::PostId::from_key("hoofd"))).is_err());
/// # Ok::<(), harkje::EditError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Design {
    name: String,
    schema: Option<String>,
    roles: BTreeMap<String, Role>,
    functions: BTreeMap<FunctionId, Function>,
    units: BTreeMap<UnitId, Unit>,
    posts: PostStore,
    people: BTreeMap<PersonId, Person>,
    appointments: BTreeMap<AppointmentId, Appointment>,
    assignments: BTreeMap<AssignmentId, Assignment>,
    memberships: BTreeMap<MembershipId, Membership>,
    parties: BTreeMap<PartyId, Party>,
    portfolios: BTreeMap<PortfolioId, Portfolio>,
    identifier: Option<String>,
}

/// A reference that [`Design::as_of`] cleared because its target was not valid on the day.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct ClearedReference {
    /// The element that held the reference, as a path such as `posts/kwartiermaker`.
    pub holder: String,
    /// The field that held it.
    pub field: &'static str,
    /// The target that had expired or not yet started, as a path.
    pub target: String,
    /// Why the target was not valid on the day: ended before it or starting after it.
    pub absence: Absence,
}

/// Why the target of a [`ClearedReference`] was not valid on the day looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Absence {
    /// It ended on this day, before the day looked at.
    Ended(Date),
    /// It starts on this day, after the day looked at.
    NotStarted(Date),
    /// It is not in the design at all.
    Missing,
}

impl Absence {
    /// Why an element valid in `valid` is absent on `day`; `None` when it is valid that day.
    fn of(valid: Period, day: Date) -> Option<Absence> {
        match (valid.from, valid.until) {
            (_, Some(until)) if until < day => Some(Absence::Ended(until)),
            (Some(from), _) if from > day => Some(Absence::NotStarted(from)),
            _ => None,
        }
    }

    /// How the target stands on the day, in words: `ended on 2019-12-31`,
    /// `starts on 2025-01-01` or `is not in the design`.
    pub fn describe(&self) -> String {
        match self {
            Absence::Ended(d) => format!("ended on {d}"),
            Absence::NotStarted(d) => format!("starts on {d}"),
            Absence::Missing => "is not in the design".to_owned(),
        }
    }
}

impl Design {
    /// An empty design with a name.
    pub fn new(name: impl Into<String>) -> Self {
        Design { name: name.into(), ..Design::default() }
    }

    /// The design's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the design.
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    /// The design file's `$schema`: the address of a JSON Schema that editors
    /// use for completion. harkje does not read it; it keeps it on save.
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }

    /// Sets or clears the design file's `$schema`.
    pub fn set_schema(&mut self, schema: Option<String>) {
        self.schema = schema;
    }

    /// The organisation's identifier: its TOOI URI, such as
    /// `https://identifier.overheid.nl/tooi/id/gemeente/gm0344` (see
    /// [`tooi_problem`](crate::model::tooi_problem)). The Woo publication
    /// names the municipality by it.
    pub fn identifier(&self) -> Option<&str> {
        self.identifier.as_deref()
    }

    /// Sets or clears the organisation's identifier.
    ///
    /// # Errors
    /// The message of [`tooi_problem`](crate::model::tooi_problem) when the
    /// identifier is not a well-formed TOOI URI; the design is unchanged.
    pub fn set_identifier(&mut self, identifier: Option<String>) -> Result<(), String> {
        if let Some(problem) = identifier.as_deref().and_then(super::tooi_problem) {
            return Err(problem);
        }
        self.identifier = identifier;
        Ok(())
    }

    // ----- read access -------------------------------------------------

    /// The units, ordered by id.
    pub fn units(&self) -> impl ExactSizeIterator<Item = &Unit> {
        self.units.values()
    }
    /// The posts, ordered by id.
    pub fn posts(&self) -> impl ExactSizeIterator<Item = &Post> {
        self.posts.values()
    }
    /// The people, ordered by id.
    pub fn people(&self) -> impl ExactSizeIterator<Item = &Person> {
        self.people.values()
    }
    /// The functions of the functieboek, ordered by id.
    pub fn functions(&self) -> impl ExactSizeIterator<Item = &Function> {
        self.functions.values()
    }
    /// The appointments, ordered by id.
    pub fn appointments(&self) -> impl ExactSizeIterator<Item = &Appointment> {
        self.appointments.values()
    }
    /// The horizontal steering assignments, ordered by id.
    pub fn assignments(&self) -> impl ExactSizeIterator<Item = &Assignment> {
        self.assignments.values()
    }
    /// The community memberships, ordered by id.
    pub fn memberships(&self) -> impl ExactSizeIterator<Item = &Membership> {
        self.memberships.values()
    }
    /// The parties outside the organisation, ordered by id.
    pub fn parties(&self) -> impl ExactSizeIterator<Item = &Party> {
        self.parties.values()
    }
    /// The portfolios (aandachtsgebieden), ordered by id.
    pub fn portfolios(&self) -> impl ExactSizeIterator<Item = &Portfolio> {
        self.portfolios.values()
    }
    /// A party by id.
    pub fn party(&self, id: PartyId) -> Option<&Party> {
        self.parties.get(&id)
    }
    /// A party by key.
    pub fn party_by_key(&self, key: &str) -> Option<&Party> {
        self.party(PartyId::from_key(key))
    }
    /// A portfolio by id.
    pub fn portfolio(&self, id: PortfolioId) -> Option<&Portfolio> {
        self.portfolios.get(&id)
    }
    /// The design's custom roles, ordered by key. Built-in roles are in
    /// [`BUILTIN_ROLES`](crate::BUILTIN_ROLES).
    pub fn custom_roles(&self) -> impl ExactSizeIterator<Item = &Role> {
        self.roles.values()
    }

    /// A unit by id.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(&id)
    }
    /// A post by id.
    pub fn post(&self, id: PostId) -> Option<&Post> {
        self.posts.get(&id)
    }
    /// A person by id.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.get(&id)
    }
    /// A function by id.
    pub fn function(&self, id: FunctionId) -> Option<&Function> {
        self.functions.get(&id)
    }
    /// An assignment by id.
    pub fn assignment(&self, id: AssignmentId) -> Option<&Assignment> {
        self.assignments.get(&id)
    }
    /// An appointment by id.
    pub fn appointment(&self, id: AppointmentId) -> Option<&Appointment> {
        self.appointments.get(&id)
    }
    /// A membership by id.
    pub fn membership(&self, id: MembershipId) -> Option<&Membership> {
        self.memberships.get(&id)
    }
    /// A unit by key.
    pub fn unit_by_key(&self, key: &str) -> Option<&Unit> {
        self.unit(UnitId::from_key(key))
    }
    /// A post by key.
    pub fn post_by_key(&self, key: &str) -> Option<&Post> {
        self.post(PostId::from_key(key))
    }
    /// A person by key.
    pub fn person_by_key(&self, key: &str) -> Option<&Person> {
        self.person(PersonId::from_key(key))
    }
    /// A function by key (its code).
    pub fn function_by_key(&self, key: &str) -> Option<&Function> {
        self.function(FunctionId::from_key(key))
    }
    /// An assignment by key.
    pub fn assignment_by_key(&self, key: &str) -> Option<&Assignment> {
        self.assignment(AssignmentId::from_key(key))
    }

    /// A role by key: a custom role of the design, or else a built-in one.
    pub fn role(&self, key: &str) -> Option<&Role> {
        self.roles.get(key).or_else(|| builtin_role(key))
    }

    /// The flags of a role. Unknown roles have no flags set.
    pub fn role_flags(&self, key: &str) -> RoleFlags {
        self.role(key).map_or(RoleFlags::NONE, |r| r.flags)
    }

    /// Whether a role key is known, as a custom or a built-in role.
    pub fn has_role(&self, key: &str) -> bool {
        self.roles.contains_key(key) || builtin_role(key).is_some()
    }

    /// The key of a target, with its collection name, as a path such as `units/directie`.
    pub fn target_path(&self, target: Target) -> String {
        match target {
            Target::Post(p) => self.post(p).map_or_else(|| format!("posts/{p}"), |p| format!("posts/{}", p.key)),
            Target::Unit(u) => self.unit(u).map_or_else(|| format!("units/{u}"), |u| format!("units/{}", u.key)),
            Target::Party(p) => self.party(p).map_or_else(|| format!("parties/{p}"), |p| format!("parties/{}", p.key)),
        }
    }

    /// Whether a target exists in the design.
    pub fn has_target(&self, target: Target) -> bool {
        match target {
            Target::Post(p) => self.posts.contains_key(&p),
            Target::Unit(u) => self.units.contains_key(&u),
            Target::Party(p) => self.parties.contains_key(&p),
        }
    }

    /// The number of elements of every kind together.
    pub fn len(&self) -> usize {
        self.roles.len()
            + self.functions.len()
            + self.units.len()
            + self.posts.len()
            + self.people.len()
            + self.appointments.len()
            + self.assignments.len()
            + self.memberships.len()
            + self.parties.len()
            + self.portfolios.len()
    }

    /// Whether the design has no elements at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // ----- checked edits -----------------------------------------------

    /// Adds a custom role. Its key may not be a built-in role's key.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when a built-in or custom role has the key, and
    /// [`EditError::InvalidValue`] for an empty key or one with control characters. The design is left unchanged.
    pub fn add_role(&mut self, role: Role) -> Result<(), EditError> {
        if let Some(m) = key_problem(&role.key) {
            return Err(invalid(ElementKind::Role, &role.key, "key", m));
        }
        if self.has_role(&role.key) {
            return Err(EditError::DuplicateKey { kind: ElementKind::Role, key: role.key.into_owned() });
        }
        self.roles.insert(role.key.to_string(), role);
        Ok(())
    }

    /// Adds a function to the functieboek.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when the key is taken, and
    /// [`EditError::InvalidValue`] for a bad key or a value out of range. The design is left unchanged.
    pub fn add_function(&mut self, mut function: Function) -> Result<FunctionId, EditError> {
        function.id = FunctionId::from_key(&function.key);
        if let Some(m) = key_problem(&function.key) {
            return Err(invalid(ElementKind::Function, &function.key, "key", m));
        }
        if self.functions.contains_key(&function.id) {
            return Err(dup(ElementKind::Function, &function.key));
        }
        for (i, t) in function.tasks.iter().enumerate() {
            if !(t.weight.is_finite() && t.weight > 0.0) {
                return Err(EditError::InvalidValue {
                    kind: ElementKind::Function,
                    key: function.key.clone(),
                    field: "tasks",
                    message: format!(
                        "task {} (`{}`) has weight {}, but weights must be positive",
                        i + 1,
                        t.name,
                        t.weight
                    ),
                });
            }
        }
        if let (Some(lo), Some(hi)) = (function.scale_min, function.scale_max)
            && hi < lo
        {
            return Err(EditError::InvalidValue {
                kind: ElementKind::Function,
                key: function.key.clone(),
                field: "scale_max",
                message: format!("is {hi}, below scale_min {lo}"),
            });
        }
        let id = function.id;
        self.functions.insert(id, function);
        Ok(id)
    }

    /// Adds a unit. Its parent and head, if set, must already be in the design.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when the key is taken, [`EditError::InvalidValue`]
    /// for a bad key, and [`EditError::MissingReference`] when the parent or head
    /// is not in the design. The design is left unchanged.
    pub fn add_unit(&mut self, mut unit: Unit) -> Result<UnitId, EditError> {
        unit.id = UnitId::from_key(&unit.key);
        if let Some(m) = key_problem(&unit.key) {
            return Err(invalid(ElementKind::Unit, &unit.key, "key", m));
        }
        if self.units.contains_key(&unit.id) {
            return Err(dup(ElementKind::Unit, &unit.key));
        }
        if let Some(p) = unit.parent
            && !self.units.contains_key(&p)
        {
            return Err(missing(ElementKind::Unit, &unit.key, "parent", ElementKind::Unit, p.to_string()));
        }
        if let Some(h) = unit.head
            && !self.posts.contains_key(&h)
        {
            return Err(missing(ElementKind::Unit, &unit.key, "head", ElementKind::Post, h.to_string()));
        }
        if let Some((field, p)) =
            unit.self_steering.iter().flat_map(|s| s.posts()).find(|(_, p)| !self.posts.contains_key(p))
        {
            return Err(missing(ElementKind::Unit, &unit.key, field, ElementKind::Post, p.to_string()));
        }
        self.check_unit_dated(&unit)?;
        dated::normalise_unit(&mut unit);
        let id = unit.id;
        self.units.insert(id, unit);
        Ok(id)
    }

    /// Checks a unit's dated fields: periods that neither overlap nor leave
    /// the unit's own period, parents in the design and never the unit itself.
    fn check_unit_dated(&self, unit: &Unit) -> Result<(), EditError> {
        let Some(d) = unit.dated.as_deref() else { return Ok(()) };
        if let Some((field, m)) = dated::first_period_problem(&d.periods(), unit.valid) {
            return Err(invalid(ElementKind::Unit, &unit.key, field, m));
        }
        for p in &d.parent {
            if p.value == unit.id {
                return Err(EditError::UnitCycle { unit: unit.key.clone(), parent: unit.key.clone() });
            }
            if !self.units.contains_key(&p.value) {
                return Err(missing(ElementKind::Unit, &unit.key, "parent", ElementKind::Unit, p.value.to_string()));
            }
        }
        Ok(())
    }

    /// Places a unit in another unit, or at the top with `None`.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the unit is not in the design,
    /// [`EditError::MissingReference`] when the parent is not, and
    /// [`EditError::UnitCycle`] when the unit would end up inside itself. The design is left unchanged.
    pub fn set_unit_parent(&mut self, unit: UnitId, parent: Option<UnitId>) -> Result<(), EditError> {
        set_parent(&mut self.units, unit, parent, &PLACEMENT)
    }

    /// Names the post that heads a unit.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the unit is not in the design, and
    /// [`EditError::MissingReference`] when the head post is not. The design is left unchanged.
    pub fn set_unit_head(&mut self, unit: UnitId, head: Option<PostId>) -> Result<(), EditError> {
        let key = self.unit(unit).map(|u| u.key.clone()).ok_or_else(|| not_found(ElementKind::Unit, unit))?;
        if let Some(h) = head
            && !self.posts.contains_key(&h)
        {
            return Err(missing(ElementKind::Unit, &key, "head", ElementKind::Post, h.to_string()));
        }
        if let Some(u) = self.units.get_mut(&unit) {
            u.head = head;
        }
        Ok(())
    }

    /// Marks a unit as led collectively (its posts with a line-management role
    /// lead it together), or not.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the unit is not in the design. The design is left unchanged.
    pub fn set_unit_collective_leadership(&mut self, unit: UnitId, collective: bool) -> Result<(), EditError> {
        let u = self.units.get_mut(&unit).ok_or_else(|| not_found(ElementKind::Unit, unit))?;
        u.collective_leadership = collective;
        Ok(())
    }

    /// Makes a unit a self-steering team answering to a post, with an
    /// optional coach, or (with `None`) an ordinary unit again.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the unit is not in the design, and
    /// [`EditError::MissingReference`] when a post it names is not. The design is left unchanged.
    pub fn set_unit_self_steering(&mut self, unit: UnitId, team: Option<SelfSteering>) -> Result<(), EditError> {
        let key = self.unit(unit).map(|u| u.key.clone()).ok_or_else(|| not_found(ElementKind::Unit, unit))?;
        if let Some((field, p)) = team.iter().flat_map(|s| s.posts()).find(|(_, p)| !self.posts.contains_key(p)) {
            return Err(missing(ElementKind::Unit, &key, field, ElementKind::Post, p.to_string()));
        }
        if let Some(u) = self.units.get_mut(&unit) {
            u.self_steering = team;
        }
        Ok(())
    }

    /// Adds a post. Every reference it holds must already be in the design.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when the key is taken, [`EditError::InvalidValue`]
    /// for a bad key or a value out of range, [`EditError::MissingReference`] when
    /// a reference is not in the design, and [`EditError::LineCycle`] when the post
    /// reports to itself. The design is left unchanged.
    pub fn add_post(&mut self, mut post: Post) -> Result<PostId, EditError> {
        post.id = PostId::from_key(&post.key);
        if let Some(m) = key_problem(&post.key) {
            return Err(invalid(ElementKind::Post, &post.key, "key", m));
        }
        if self.posts.contains_key(&post.id) {
            return Err(dup(ElementKind::Post, &post.key));
        }
        let to_itself = post.dated.as_deref().is_some_and(|d| d.reports_to.iter().any(|m| m.value == post.id));
        if post.reports_to == Some(post.id) || to_itself {
            return Err(EditError::LineCycle { post: post.key.to_string(), manager: post.key.to_string() });
        }
        self.check_post_refs(&post)?;
        dated::normalise_post(&mut post);
        let id = post.id;
        self.posts.insert(id, post);
        Ok(id)
    }

    fn check_post_refs(&self, post: &Post) -> Result<(), EditError> {
        let k = &post.key;
        if let Some(m) = out_of_range(post.fte, MAX_FTE) {
            return Err(invalid(ElementKind::Post, k, "fte", m));
        }
        if let Some(m) = post.salary.and_then(|s| out_of_range(s, MAX_SALARY)) {
            return Err(invalid(ElementKind::Post, k, "salary", m));
        }
        if !self.has_role(&post.role) {
            return Err(missing(ElementKind::Post, k, "role", ElementKind::Role, post.role.to_string()));
        }
        if let Some(u) = post.unit
            && !self.units.contains_key(&u)
        {
            return Err(missing(ElementKind::Post, k, "unit", ElementKind::Unit, u.to_string()));
        }
        if let Some(m) = post.reports_to
            && !self.posts.contains_key(&m)
        {
            return Err(missing(ElementKind::Post, k, "reports_to", ElementKind::Post, m.to_string()));
        }
        if let Some(f) = post.function
            && !self.functions.contains_key(&f)
        {
            return Err(missing(ElementKind::Post, k, "function", ElementKind::Function, f.to_string()));
        }
        if let Some(t) = post.accountable_to
            && !self.has_target(t)
        {
            return Err(missing(ElementKind::Post, k, "accountable_to", target_kind(t), target_ref(t)));
        }
        self.check_post_dated(post)
    }

    /// Checks a post's dated fields: periods that neither overlap nor leave
    /// the post's own period, values in range and references in the design.
    fn check_post_dated(&self, post: &Post) -> Result<(), EditError> {
        let Some(d) = post.dated.as_deref() else { return Ok(()) };
        let k = &post.key;
        if let Some((field, m)) = dated::first_period_problem(&d.periods(), post.valid) {
            return Err(invalid(ElementKind::Post, k, field, m));
        }
        if let Some(m) = d.fte.iter().find_map(|f| out_of_range(f.value, MAX_FTE)) {
            return Err(invalid(ElementKind::Post, k, "fte", m));
        }
        if let Some(m) = d.salary.iter().find_map(|s| out_of_range(s.value, MAX_SALARY)) {
            return Err(invalid(ElementKind::Post, k, "salary", m));
        }
        let targets = (d.unit.iter().map(|u| ("unit", Target::Unit(u.value))))
            .chain(d.reports_to.iter().map(|m| ("reports_to", Target::Post(m.value))))
            .chain(d.accountable_to.iter().map(|t| ("accountable_to", t.value)));
        for (field, t) in targets {
            if !self.has_target(t) {
                return Err(missing(ElementKind::Post, k, field, target_kind(t), target_ref(t)));
            }
        }
        if let Some(f) = d.function.iter().find(|f| !self.functions.contains_key(&f.value)) {
            return Err(missing(ElementKind::Post, k, "function", ElementKind::Function, f.value.to_string()));
        }
        Ok(())
    }

    /// Sets a post's line manager, or makes it a top post with `None`.
    ///
    /// Refuses an edit that would close a cycle in the line. Cost: the length
    /// of the new manager's chain to its top post.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the post is not in the design,
    /// [`EditError::MissingReference`] when the manager is not, and
    /// [`EditError::LineCycle`] when the edit would close a cycle in the line. The design is left unchanged.
    pub fn set_reports_to(&mut self, post: PostId, manager: Option<PostId>) -> Result<(), EditError> {
        set_parent(&mut self.posts, post, manager, &LINE)
    }

    /// Gives a post a line manager per period: `list` holds each manager with
    /// the period in which the post reports to it (periods must not overlap
    /// and must lie within the post's own period). An empty list makes the
    /// line plain again, with no manager.
    ///
    /// Every manager is checked as [`Design::set_reports_to`] checks one: it
    /// must be in the design and must not lie below the post on the line.
    ///
    /// # Errors
    /// [`EditError::NotFound`], [`EditError::MissingReference`],
    /// [`EditError::InvalidValue`] for periods that overlap or leave the
    /// post's period, and [`EditError::LineCycle`]. The design is left unchanged.
    pub fn set_reports_to_dated(&mut self, post: PostId, list: Vec<dated::Dated<PostId>>) -> Result<(), EditError> {
        let mut p = self.posts.get(&post).cloned().ok_or_else(|| not_found(ElementKind::Post, post))?;
        let mut d = p.dated.take().map(|d| *d).unwrap_or_default();
        p.reports_to = None;
        d.reports_to = list;
        p.dated = Some(Box::new(d));
        self.update_post(p)
    }

    /// Replaces a post's data, keeping its key. The line must stay acyclic.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when no post has the key, and the errors of
    /// [`Design::add_post`] for its values and references, and of
    /// [`Design::set_reports_to`] for its line manager. The design is left unchanged.
    pub fn update_post(&mut self, post: Post) -> Result<(), EditError> {
        let id = PostId::from_key(&post.key);
        let old = self
            .posts
            .get(&id)
            .cloned()
            .ok_or_else(|| EditError::NotFound { kind: ElementKind::Post, key: post.key.to_string() })?;
        self.check_post_refs(&post)?;
        let mut post = post;
        dated::normalise_post(&mut post);
        // A dated line manager must not lie below the post on the line as it
        // stands (checked over the plain links, as for a plain manager).
        for m in post.dated.as_deref().map_or(&[][..], |d| d.reports_to.as_slice()) {
            if reaches(m.value, id, self.posts.len(), |c| self.posts.get(&c).and_then(|p| p.reports_to)) {
                let manager = self.posts.get(&m.value).map(|p| p.key.clone()).unwrap_or_default();
                return Err(EditError::LineCycle { post: post.key.to_string(), manager: manager.to_string() });
            }
        }
        let manager = post.reports_to;
        post.id = id;
        post.reports_to = old.reports_to;
        self.posts.insert(id, post);
        if let Err(e) = self.set_reports_to(id, manager) {
            self.posts.insert(id, old);
            return Err(e);
        }
        Ok(())
    }

    /// Removes a post that nothing refers to any more.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the post is not in the design, and
    /// [`EditError::StillReferenced`] when something still refers to it. The design is left unchanged.
    pub fn remove_post(&mut self, id: PostId) -> Result<Post, EditError> {
        let key = self.post(id).map(|p| p.key.clone()).ok_or_else(|| not_found(ElementKind::Post, id))?;
        self.refuse_if_referenced(Target::Post(id), key.to_string())?;
        self.posts.remove(&id).ok_or_else(|| not_found(ElementKind::Post, id))
    }

    /// Removes a unit that nothing refers to any more.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the unit is not in the design, and
    /// [`EditError::StillReferenced`] when something still refers to it. The design is left unchanged.
    pub fn remove_unit(&mut self, id: UnitId) -> Result<Unit, EditError> {
        let key = self.unit(id).map(|u| u.key.clone()).ok_or_else(|| not_found(ElementKind::Unit, id))?;
        self.refuse_if_referenced(Target::Unit(id), key)?;
        self.units.remove(&id).ok_or_else(|| not_found(ElementKind::Unit, id))
    }

    /// Refuses removing `target`, called `key`, while something refers to it.
    fn refuse_if_referenced(&self, target: Target, key: String) -> Result<(), EditError> {
        match self.references_to(target).into_iter().next() {
            Some(by) => Err(EditError::StillReferenced { kind: target_kind(target), key, by }),
            None => Ok(()),
        }
    }

    /// Every element that refers to a post, unit or party, as paths. Cost: linear in the design.
    pub fn references_to(&self, target: Target) -> Vec<String> {
        let mut out = Vec::new();
        let is = |t: Option<Target>| t == Some(target);
        for u in self.units.values() {
            let dated = u.dated.as_deref().is_some_and(|d| d.parent.iter().any(|p| is(Some(Target::Unit(p.value)))));
            if is(u.parent.map(Target::Unit))
                || is(u.head.map(Target::Post))
                || u.self_steering.iter().flat_map(|s| s.posts()).any(|(_, p)| is(Some(Target::Post(p))))
                || dated
            {
                out.push(format!("units/{}", u.key));
            }
        }
        for p in self.posts.values() {
            let dated = p.dated.as_deref().is_some_and(|d| {
                d.unit.iter().any(|u| is(Some(Target::Unit(u.value))))
                    || d.reports_to.iter().any(|m| is(Some(Target::Post(m.value))))
                    || d.accountable_to.iter().any(|t| is(Some(t.value)))
            });
            if is(p.unit.map(Target::Unit)) || is(p.reports_to.map(Target::Post)) || is(p.accountable_to) || dated {
                out.push(format!("posts/{}", p.key));
            }
        }
        for a in self.appointments.values() {
            if is(Some(Target::Post(a.post))) {
                out.push(format!("appointments/{}", a.id));
            }
        }
        for a in self.assignments.values() {
            if is(Some(Target::Post(a.agent)))
                || is(Some(a.target))
                || a.principals().any(|p| p == target)
                || is(a.escalation)
            {
                out.push(format!("assignments/{}", a.key));
            }
        }
        for m in self.memberships.values() {
            if is(Some(Target::Post(m.post))) || is(Some(Target::Unit(m.community))) {
                out.push(format!("memberships/{}", m.id));
            }
        }
        for f in self.portfolios.values() {
            if is(Some(Target::Post(f.post))) || is(Some(Target::Unit(f.unit))) {
                out.push(format!("portfolios/{}", f.id));
            }
        }
        out.sort();
        out
    }

    /// Adds a person.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when the key is taken,
    /// [`EditError::InvalidValue`] for a bad key or an FTE out of range, and
    /// [`EditError::MissingReference`] when a reference is not in the design.
    /// The design is left unchanged.
    pub fn add_person(&mut self, mut person: Person) -> Result<PersonId, EditError> {
        person.id = PersonId::from_key(&person.key);
        if let Some(m) = key_problem(&person.key) {
            return Err(invalid(ElementKind::Person, &person.key, "key", m));
        }
        if self.people.contains_key(&person.id) {
            return Err(dup(ElementKind::Person, &person.key));
        }
        if let Some(m) = person.fte.and_then(|f| out_of_range(f, MAX_FTE)) {
            return Err(invalid(ElementKind::Person, &person.key, "fte", m));
        }
        for f in &person.preferences {
            if !self.functions.contains_key(f) {
                return Err(missing(
                    ElementKind::Person,
                    &person.key,
                    "preferences",
                    ElementKind::Function,
                    f.to_string(),
                ));
            }
        }
        let id = person.id;
        self.people.insert(id, person);
        Ok(id)
    }

    /// Appoints a person to a post. Both must be in the design.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the person is not in the design,
    /// [`EditError::MissingReference`] when the post is not,
    /// [`EditError::InvalidValue`] for an FTE out of range, and
    /// [`EditError::DuplicateKey`] when the person already holds the post from that day. The design is left unchanged.
    pub fn add_appointment(&mut self, mut appointment: Appointment) -> Result<AppointmentId, EditError> {
        let person_key = self
            .person(appointment.person)
            .map(|p| p.key.clone())
            .ok_or_else(|| not_found(ElementKind::Person, appointment.person))?;
        let post_key = self.post(appointment.post).map(|p| p.key.clone()).ok_or_else(|| {
            missing(ElementKind::Appointment, &person_key, "post", ElementKind::Post, appointment.post.to_string())
        })?;
        let label = format!("{person_key} in {post_key}");
        if let Some(m) = out_of_range(appointment.fte, MAX_FTE) {
            return Err(invalid(ElementKind::Appointment, &label, "fte", m));
        }
        appointment.id = super::appointment_id(&person_key, &post_key, appointment.valid.from);
        if self.appointments.contains_key(&appointment.id) {
            return Err(dup(ElementKind::Appointment, &label));
        }
        let id = appointment.id;
        self.appointments.insert(id, appointment);
        Ok(id)
    }

    /// Adds a horizontal steering assignment. Its posts and units must be in the design.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when the key is taken, [`EditError::InvalidValue`]
    /// for a bad key or a budget out of range, and [`EditError::MissingReference`]
    /// when a post or unit it names is not in the design. The design is left unchanged.
    pub fn add_assignment(&mut self, mut assignment: Assignment) -> Result<AssignmentId, EditError> {
        assignment.id = AssignmentId::from_key(&assignment.key);
        if let Some(m) = key_problem(&assignment.key) {
            return Err(invalid(ElementKind::Assignment, &assignment.key, "key", m));
        }
        let k = assignment.key.clone();
        if self.assignments.contains_key(&assignment.id) {
            return Err(dup(ElementKind::Assignment, &k));
        }
        if !self.posts.contains_key(&assignment.agent) {
            return Err(missing(ElementKind::Assignment, &k, "agent", ElementKind::Post, assignment.agent.to_string()));
        }
        for (field, t) in [
            ("target", Some(assignment.target)),
            ("principal", assignment.principal),
            ("escalation", assignment.escalation),
        ] {
            if let Some(t) = t
                && !self.has_target(t)
            {
                return Err(missing(ElementKind::Assignment, &k, field, target_kind(t), target_ref(t)));
            }
        }
        self.check_principal_chain(&assignment)?;
        for (field, v, max) in [("budget", assignment.budget, MAX_BUDGET), ("capacity", assignment.capacity, MAX_FTE)] {
            if let Some(m) = v.and_then(|v| out_of_range(v, max)) {
                return Err(invalid(ElementKind::Assignment, &k, field, m));
            }
        }
        let id = assignment.id;
        self.assignments.insert(id, assignment);
        Ok(id)
    }

    /// Refuses a chain of principals with a missing link, delegated links
    /// without a first `principal`, a principal named twice (the commission
    /// would come back to someone who passed it on), or, in a chain of more
    /// than one, the agent itself.
    fn check_principal_chain(&self, a: &Assignment) -> Result<(), EditError> {
        if a.principal.is_none() && !a.delegated_principals.is_empty() {
            return Err(invalid(
                ElementKind::Assignment,
                &a.key,
                "principal",
                "is missing, but the assignment names delegated principals; the chain starts at `principal`".into(),
            ));
        }
        let mut seen = HashSet::new();
        for t in a.principals() {
            if !self.has_target(t) {
                return Err(missing(ElementKind::Assignment, &a.key, "principal", target_kind(t), target_ref(t)));
            }
            if !seen.insert(t) {
                return Err(invalid(
                    ElementKind::Assignment,
                    &a.key,
                    "principal",
                    format!("names `{}` twice in its chain of principals", self.target_path(t)),
                ));
            }
            if t == Target::Post(a.agent) && !a.delegated_principals.is_empty() {
                return Err(invalid(
                    ElementKind::Assignment,
                    &a.key,
                    "principal",
                    format!("names the agent `{}` in its chain of principals", self.target_path(t)),
                ));
            }
        }
        Ok(())
    }

    /// Adds a party outside the organisation.
    ///
    /// # Errors
    /// [`EditError::DuplicateKey`] when the key is taken, and
    /// [`EditError::InvalidValue`] for a bad key or a period that ends before
    /// it starts. The design is left unchanged.
    pub fn add_party(&mut self, mut party: Party) -> Result<PartyId, EditError> {
        party.id = PartyId::from_key(&party.key);
        if let Some(m) = key_problem(&party.key) {
            return Err(invalid(ElementKind::Party, &party.key, "key", m));
        }
        if self.parties.contains_key(&party.id) {
            return Err(dup(ElementKind::Party, &party.key));
        }
        if let (Some(from), Some(until)) = (party.valid.from, party.valid.until)
            && until < from
        {
            return Err(invalid(ElementKind::Party, &party.key, "until", format!("{until} lies before `from` {from}")));
        }
        let id = party.id;
        self.parties.insert(id, party);
        Ok(id)
    }

    /// Removes a party that nothing refers to any more.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the party is not in the design, and
    /// [`EditError::StillReferenced`] when a post or an assignment still
    /// refers to it. The design is left unchanged.
    pub fn remove_party(&mut self, id: PartyId) -> Result<Party, EditError> {
        let key = self.party(id).map(|p| p.key.clone()).ok_or_else(|| not_found(ElementKind::Party, id))?;
        self.refuse_if_referenced(Target::Party(id), key)?;
        self.parties.remove(&id).ok_or_else(|| not_found(ElementKind::Party, id))
    }

    /// Gives a post an aandachtsgebied: a unit it follows without line authority.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the post is not in the design,
    /// [`EditError::MissingReference`] when the unit is not, and
    /// [`EditError::DuplicateKey`] when the post already holds the unit from that day. The design is left unchanged.
    pub fn add_portfolio(&mut self, mut portfolio: Portfolio) -> Result<PortfolioId, EditError> {
        let post_key = self
            .post(portfolio.post)
            .map(|p| p.key.clone())
            .ok_or_else(|| not_found(ElementKind::Post, portfolio.post))?;
        let unit_key = self.unit(portfolio.unit).map(|u| u.key.clone()).ok_or_else(|| {
            missing(ElementKind::Portfolio, &post_key, "unit", ElementKind::Unit, portfolio.unit.to_string())
        })?;
        portfolio.id = portfolio_id(&post_key, &unit_key, portfolio.valid.from);
        if self.portfolios.contains_key(&portfolio.id) {
            return Err(dup(ElementKind::Portfolio, &format!("{post_key} over {unit_key}")));
        }
        let id = portfolio.id;
        self.portfolios.insert(id, portfolio);
        Ok(id)
    }

    /// Makes a post a member of a community or collective unit.
    ///
    /// # Errors
    /// [`EditError::NotFound`] when the post is not in the design,
    /// [`EditError::MissingReference`] when the unit is not, and
    /// [`EditError::DuplicateKey`] when the post is already a member from that day. The design is left unchanged.
    pub fn add_membership(&mut self, mut membership: Membership) -> Result<MembershipId, EditError> {
        let post_key = self
            .post(membership.post)
            .map(|p| p.key.clone())
            .ok_or_else(|| not_found(ElementKind::Post, membership.post))?;
        let unit_key = self.unit(membership.community).map(|u| u.key.clone()).ok_or_else(|| {
            missing(
                ElementKind::Membership,
                &post_key,
                "community",
                ElementKind::Unit,
                membership.community.to_string(),
            )
        })?;
        membership.id = membership_id(&unit_key, &post_key, membership.valid.from);
        if self.memberships.contains_key(&membership.id) {
            return Err(dup(ElementKind::Membership, &format!("{post_key} in {unit_key}")));
        }
        let id = membership.id;
        self.memberships.insert(id, membership);
        Ok(id)
    }

    // ----- dates ---------------------------------------------------------

    /// Whether any post or unit has dated fields (see [`crate::model::dated`]).
    /// Read without a day, such a design shows each dated field's last value.
    pub fn has_dated_values(&self) -> bool {
        self.posts.values().any(|p| p.dated.is_some()) || self.units.values().any(|u| u.dated.is_some())
    }

    /// The posts with dated fields, each as it stands on `day` (its dated
    /// fields set to their values that day, no dated block), in id order.
    /// References are not checked against the day: callers that know every
    /// element is valid that day use this instead of [`Design::as_of`] to read
    /// a design on a day without copying it. O(n) over the posts.
    pub fn dated_posts_on(&self, day: Date) -> Vec<Post> {
        self.posts
            .values()
            .filter(|p| p.dated.is_some())
            .map(|p| {
                let mut p = p.clone();
                dated::resolve_post(&mut p, day);
                p
            })
            .collect()
    }

    /// Sets many line managers at once, in linear time, for builders.
    ///
    /// Each `(post, manager)` pair is applied; a pair whose post or manager is
    /// missing is refused. Then one pass finds every cycle the pairs closed;
    /// of each cycle, the pair that came last is undone and reported, as
    /// setting them one by one would have refused it.
    pub(crate) fn set_lines_bulk(&mut self, pairs: &[(PostId, PostId)]) -> Vec<EditError> {
        set_parents_bulk(&mut self.posts, pairs, &LINE)
    }

    /// Places many units at once, in linear time, for builders. Works like
    /// [`Design::set_lines_bulk`] for the placement of units.
    pub(crate) fn set_unit_parents_bulk(&mut self, pairs: &[(UnitId, UnitId)]) -> Vec<EditError> {
        set_parents_bulk(&mut self.units, pairs, &PLACEMENT)
    }

    // ----- crate-internal construction for loaders ---------------------

    /// Adds posts given in any order, without checks (a later one of an id
    /// given twice replaces the earlier, as with
    /// [`Design::insert_unchecked`]). Into a design without posts, each post
    /// is moved once, into the order of the ids, and the index is built in
    /// one sweep. Returns how many posts had an id given before.
    pub(crate) fn extend_posts(&mut self, posts: Vec<Post>) -> usize {
        if self.posts.is_empty() {
            let n = posts.len();
            self.posts = PostStore::from_posts(posts);
            n - self.posts.len()
        } else {
            let mut again = 0;
            for p in posts {
                again += usize::from(self.posts.contains_key(&p.id));
                self.insert_unchecked(Element::Post(p));
            }
            again
        }
    }

    /// Sets the posts without checks, in a design without posts: runs of
    /// posts, each in the order of its ids with no id twice, every id of a
    /// run below every id of the next (see [`PostStore::from_runs`]).
    pub(crate) fn set_post_runs(&mut self, runs: Vec<Vec<Post>>) {
        self.posts = PostStore::from_runs(runs);
    }

    /// Whether every role and reference of the design's posts is in the
    /// design, and so is every post id in `also` (the posts the design's
    /// other elements refer to): for a loader that puts the posts in
    /// without checks. Units and functions are looked up in sets of their
    /// ids; the posts' managers and `also` are gathered, sorted and walked
    /// along the posts (a search per id in a million posts would miss the
    /// cache at every step). From 65,536 posts on, each half of the posts
    /// is checked on its own thread.
    pub(crate) fn posts_refer_to_known(&self, also: Vec<u128>) -> bool {
        use crate::graph::fxhash::FastHashSet;
        let int = |id: uuid::Uuid| id.as_u128();
        let units: FastHashSet<u128> = self.units.keys().map(|u| int(u.as_uuid())).collect();
        let functions: FastHashSet<u128> = self.functions.keys().map(|f| int(f.as_uuid())).collect();
        let target = |t: Target| self.has_target(t);
        // Each half of the posts checked on its own thread, its managers
        // (with `also` for the first) gathered and sorted; `None` at the
        // first reference to something that is not there.
        let check = |part: super::post_store::Values<'_>, n: usize, mut managers: Vec<u128>| {
            managers.reserve(n);
            let mut last_role: Option<&str> = None;
            let known = part.take(n).all(|p| {
                let role = last_role == Some(&p.role[..]) || {
                    last_role = Some(&p.role[..]);
                    self.has_role(&p.role)
                };
                managers.extend(p.reports_to.map(|m| int(m.as_uuid())));
                role && p.unit.is_none_or(|u| units.contains(&int(u.as_uuid())))
                    && p.function.is_none_or(|f| functions.contains(&int(f.as_uuid())))
                    && p.accountable_to.is_none_or(target)
                    && p.dated.as_deref().is_none_or(|d| {
                        managers.extend(d.reports_to.iter().map(|m| int(m.value.as_uuid())));
                        d.unit.iter().all(|u| units.contains(&int(u.value.as_uuid())))
                            && d.function.iter().all(|f| functions.contains(&int(f.value.as_uuid())))
                            && d.accountable_to.iter().all(|t| target(t.value))
                    })
            });
            managers.sort_unstable();
            managers.dedup();
            known.then_some(managers)
        };
        let n = self.posts.len();
        let half = n / 2;
        let mut second = self.posts.values();
        if half > 0 {
            second.nth(half - 1);
        }
        let (a, b) = crate::par::both(
            || check(self.posts.values(), half, also),
            || check(second, n - half, Vec::new()),
            n >= 1 << 16,
        );
        let all_among_posts = |ids: Vec<u128>| {
            let mut posts = self.posts.values().map(|p| int(p.id.as_uuid())).peekable();
            ids.iter().all(|m| {
                while posts.next_if(|p| p < m).is_some() {}
                posts.peek() == Some(m)
            })
        };
        a.zip(b).is_some_and(|(a, b)| all_among_posts(a) && all_among_posts(b))
    }

    /// Inserts many units without checks, as inserting them one by one
    /// would, but sorted and built in one sweep (see [`insert_many`]).
    pub(crate) fn insert_units_unchecked(&mut self, units: Vec<Unit>) {
        insert_many(&mut self.units, units.into_iter().map(|u| (u.id, u)));
    }

    /// Inserts many people without checks, as inserting them one by one
    /// would, but sorted and built in one sweep (see [`insert_many`]).
    pub(crate) fn insert_people_unchecked(&mut self, people: Vec<Person>) {
        insert_many(&mut self.people, people.into_iter().map(|p| (p.id, p)));
    }

    /// Inserts many appointments without checks, as inserting them one by
    /// one would, but sorted and built in one sweep (see [`insert_many`]).
    pub(crate) fn insert_appointments_unchecked(&mut self, appointments: Vec<Appointment>) {
        insert_many(&mut self.appointments, appointments.into_iter().map(|a| (a.id, a)));
    }

    /// Inserts elements without checks. Loaders call this after they have
    /// validated every reference themselves (and want to keep line cycles,
    /// which they report instead of refusing).
    pub(crate) fn insert_unchecked(&mut self, e: Element) {
        match e {
            Element::Role(r) => {
                self.roles.insert(r.key.to_string(), r);
            }
            Element::Function(f) => {
                self.functions.insert(f.id, f);
            }
            Element::Post(p) => {
                self.posts.insert(p.id, p);
            }
            Element::Assignment(a) => {
                self.assignments.insert(a.id, a);
            }
            Element::Membership(m) => {
                self.memberships.insert(m.id, m);
            }
            Element::Party(p) => {
                self.parties.insert(p.id, p);
            }
            Element::Portfolio(f) => {
                self.portfolios.insert(f.id, f);
            }
        }
    }
}

/// Adds many entries to a map at once: their keys are sorted with their
/// places, apart from the values, the last entry of each key kept, and the map
/// of them built from that sorted list in one sweep; it is then merged into
/// `map` (or becomes it, when `map` is empty). An entry replaces one under the
/// same key in `map`, and a later entry an earlier one, as inserting them one
/// after another would. O(n log n + m), where n inserts at random keys would
/// each shift a node's entries; each key is cloned once.
pub(crate) fn insert_many<K: Ord + Clone, V>(map: &mut BTreeMap<K, V>, entries: impl Iterator<Item = (K, V)>) {
    let (keys, mut values): (Vec<K>, Vec<Option<V>>) = entries.map(|(k, v)| (k, Some(v))).unzip();
    let mut order: Vec<(K, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
    order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    // Of equal keys, the last: `dedup_by` drops the later of two, so the
    // earlier takes its place first.
    order.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1;
        }
        same
    });
    let mut more: BTreeMap<K, V> =
        order.into_iter().filter_map(|(k, i)| Some((k, values.get_mut(i)?.take()?))).collect();
    if map.is_empty() {
        *map = more;
    } else {
        map.append(&mut more);
    }
}

/// One element of any kind, for crate-internal loaders.
pub(crate) enum Element {
    Role(Role),
    Function(Function),
    Post(Post),
    Assignment(Assignment),
    Membership(Membership),
    Party(Party),
    Portfolio(Portfolio),
}

/// One kind of parent link: a post's line manager or a unit's parent, with
/// what an edit of it reports.
struct ParentLink<K, E> {
    kind: ElementKind,
    field: &'static str,
    key: fn(&E) -> &str,
    parent: fn(&E) -> Option<K>,
    parent_mut: fn(&mut E) -> &mut Option<K>,
    cycle: fn(String, String) -> EditError,
}

/// The reporting line: a post's `reports_to`.
const LINE: ParentLink<PostId, Post> = ParentLink {
    kind: ElementKind::Post,
    field: "reports_to",
    key: |p| &p.key,
    parent: |p| p.reports_to,
    parent_mut: |p| &mut p.reports_to,
    cycle: |post, manager| EditError::LineCycle { post, manager },
};

/// The placement of units: a unit's `parent`.
const PLACEMENT: ParentLink<UnitId, Unit> = ParentLink {
    kind: ElementKind::Unit,
    field: "parent",
    key: |u| &u.key,
    parent: |u| u.parent,
    parent_mut: |u| &mut u.parent,
    cycle: |unit, parent| EditError::UnitCycle { unit, parent },
};

/// The lookups the edits of parent links need, over the design's maps of
/// units and of posts.
trait Elements<K, E> {
    fn get(&self, id: &K) -> Option<&E>;
    fn get_mut(&mut self, id: &K) -> Option<&mut E>;
    fn contains_key(&self, id: &K) -> bool;
    fn len(&self) -> usize;
}

impl<K: Ord, E> Elements<K, E> for BTreeMap<K, E> {
    fn get(&self, id: &K) -> Option<&E> {
        BTreeMap::get(self, id)
    }
    fn get_mut(&mut self, id: &K) -> Option<&mut E> {
        BTreeMap::get_mut(self, id)
    }
    fn contains_key(&self, id: &K) -> bool {
        BTreeMap::contains_key(self, id)
    }
    fn len(&self) -> usize {
        BTreeMap::len(self)
    }
}

impl Elements<PostId, Post> for PostStore {
    fn get(&self, id: &PostId) -> Option<&Post> {
        PostStore::get(self, id)
    }
    fn get_mut(&mut self, id: &PostId) -> Option<&mut Post> {
        PostStore::get_mut(self, id)
    }
    fn contains_key(&self, id: &PostId) -> bool {
        PostStore::contains_key(self, id)
    }
    fn len(&self) -> usize {
        PostStore::len(self)
    }
}

/// Sets one parent link (see [`Design::set_reports_to`]), refusing a missing
/// element and a link that would close a cycle.
fn set_parent<K, E, M: Elements<K, E>>(
    elements: &mut M,
    child: K,
    parent: Option<K>,
    link: &ParentLink<K, E>,
) -> Result<(), EditError>
where
    K: Copy + Ord + std::fmt::Display,
{
    let key_of = |elements: &M, id: K| elements.get(&id).map(|e| (link.key)(e).to_owned());
    let key = key_of(elements, child).ok_or_else(|| not_found(link.kind, child))?;
    if let Some(p) = parent {
        let pkey = key_of(elements, p).ok_or_else(|| missing(link.kind, &key, link.field, link.kind, p.to_string()))?;
        if reaches(p, child, elements.len(), |c| elements.get(&c).and_then(link.parent)) {
            return Err((link.cycle)(key, pkey));
        }
    }
    if let Some(e) = elements.get_mut(&child) {
        *(link.parent_mut)(e) = parent;
    }
    Ok(())
}

/// Sets many parent links at once (see [`Design::set_lines_bulk`]): each
/// `(child, parent)` pair is applied unless either is missing, then of each
/// cycle the pairs closed, the one that came last is undone and reported.
fn set_parents_bulk<K, E, M: Elements<K, E>>(
    elements: &mut M,
    pairs: &[(K, K)],
    link: &ParentLink<K, E>,
) -> Vec<EditError>
where
    K: Copy + Ord + std::hash::Hash + std::fmt::Display,
{
    let mut errors = Vec::new();
    let mut rank: HashMap<K, usize> = HashMap::with_capacity(pairs.len());
    for (i, &(child, parent)) in pairs.iter().enumerate() {
        let Some(key) = elements.get(&child).map(|e| (link.key)(e).to_owned()) else {
            errors.push(not_found(link.kind, child));
            continue;
        };
        if !elements.contains_key(&parent) {
            errors.push(missing(link.kind, &key, link.field, link.kind, parent.to_string()));
            continue;
        }
        if let Some(e) = elements.get_mut(&child) {
            *(link.parent_mut)(e) = Some(parent);
        }
        rank.insert(child, i);
    }
    let undo = last_links_of_cycles(pairs.iter().map(|p| p.0), &rank, |c| elements.get(&c).and_then(link.parent));
    for child in undo {
        let parent = elements.get_mut(&child).and_then(|e| (link.parent_mut)(e).take());
        let key =
            |id: Option<K>| id.and_then(|i| elements.get(&i)).map(|e| (link.key)(e).to_owned()).unwrap_or_default();
        errors.push((link.cycle)(key(Some(child)), key(parent)));
    }
    errors
}

/// Whether walking up the parent links from `start` reaches `target`: then
/// linking `target` under `start` would close a cycle. The walk takes at most
/// `len + 1` steps for `len` elements, so it ends even where a cycle already
/// exists.
fn reaches<K: Copy + Eq>(start: K, target: K, len: usize, parent_of: impl Fn(K) -> Option<K>) -> bool {
    let mut cur = Some(start);
    let mut steps = 0;
    while let Some(c) = cur {
        if c == target {
            return true;
        }
        steps += 1;
        if steps > len {
            return false;
        }
        cur = parent_of(c);
    }
    false
}

/// Finds every cycle among parent links (see [`crate::cycles`]) and returns,
/// for each cycle, the element whose link ranks last: undoing that link
/// breaks the cycle as refusing it one edit at a time would have.
fn last_links_of_cycles<K: Copy + Eq + std::hash::Hash>(
    starts: impl Iterator<Item = K>,
    rank: &HashMap<K, usize>,
    parent_of: impl Fn(K) -> Option<K>,
) -> Vec<K> {
    // Elements are numbered as the walks meet them.
    let mut ids: Vec<K> = Vec::with_capacity(rank.len());
    let mut number: HashMap<K, usize> = HashMap::with_capacity(rank.len());
    let mut number_of = |ids: &mut Vec<K>, k: K| {
        *number.entry(k).or_insert_with(|| {
            ids.push(k);
            ids.len() - 1
        })
    };
    let starts: Vec<usize> = starts.map(|k| number_of(&mut ids, k)).collect();
    let found = crate::cycles::cycles(starts, |i| {
        let p = parent_of(*ids.get(i)?)?;
        Some(number_of(&mut ids, p))
    });
    found
        .iter()
        .filter_map(|cycle| {
            cycle.iter().filter_map(|&i| ids.get(i).copied()).max_by_key(|x| rank.get(x).copied().unwrap_or(0))
        })
        .collect()
}

/// Derives a membership id from the keys it joins and its start.
pub fn membership_id(community_key: &str, post_key: &str, from: Option<Date>) -> MembershipId {
    let from = from.map(|d| d.to_string()).unwrap_or_default();
    MembershipId::from_key(&super::person::joined_key(&[community_key, post_key, &from]))
}

fn dup(kind: ElementKind, key: &str) -> EditError {
    EditError::DuplicateKey { kind, key: key.to_owned() }
}

fn missing(kind: ElementKind, key: &str, field: &'static str, target: ElementKind, reference: String) -> EditError {
    EditError::MissingReference { kind, key: key.to_owned(), field, target, reference }
}

fn invalid(kind: ElementKind, key: &str, field: &'static str, message: String) -> EditError {
    EditError::InvalidValue { kind, key: key.to_owned(), field, message }
}

fn not_found(kind: ElementKind, id: impl std::fmt::Display) -> EditError {
    EditError::NotFound { kind, key: id.to_string() }
}

fn target_kind(t: Target) -> ElementKind {
    match t {
        Target::Post(_) => ElementKind::Post,
        Target::Unit(_) => ElementKind::Unit,
        Target::Party(_) => ElementKind::Party,
    }
}

fn target_ref(t: Target) -> String {
    match t {
        Target::Post(p) => p.to_string(),
        Target::Unit(u) => u.to_string(),
        Target::Party(p) => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::insert_many;

    proptest! {
        /// Many entries put in at once make the map that inserting them one
        /// after another makes, with keys given twice and into a map that
        /// already holds some of them.
        #[test]
        fn entries_put_in_at_once_are_as_if_inserted_one_by_one(
            before in proptest::collection::vec((0u8..40, any::<u32>()), 0..30),
            entries in proptest::collection::vec((0u8..40, any::<u32>()), 0..60),
        ) {
            let start: BTreeMap<u8, u32> = before.into_iter().collect();
            let mut one_by_one = start.clone();
            for (k, v) in entries.iter().copied() {
                one_by_one.insert(k, v);
            }
            let mut at_once = start;
            insert_many(&mut at_once, entries.into_iter());
            prop_assert_eq!(at_once, one_by_one);
        }
    }
}
