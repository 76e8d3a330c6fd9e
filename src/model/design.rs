//! The design: the container of every element, with checked edits.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;

use super::{MAX_BUDGET, MAX_FTE, MAX_SALARY, Period, key_problem, out_of_range};

use super::{
    Appointment, AppointmentId, Assignment, AssignmentId, EditError, ElementKind, Function, FunctionId, Membership,
    MembershipId, Person, PersonId, Post, PostId, Role, RoleFlags, SelfSteering, Target, Unit, UnitId, builtin_role,
};

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
    posts: BTreeMap<PostId, Post>,
    people: BTreeMap<PersonId, Person>,
    appointments: BTreeMap<AppointmentId, Appointment>,
    assignments: BTreeMap<AssignmentId, Assignment>,
    memberships: BTreeMap<MembershipId, Membership>,
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
        }
    }

    /// Whether a target exists in the design.
    pub fn has_target(&self, target: Target) -> bool {
        match target {
            Target::Post(p) => self.posts.contains_key(&p),
            Target::Unit(u) => self.units.contains_key(&u),
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
        let id = unit.id;
        self.units.insert(id, unit);
        Ok(id)
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
        if post.reports_to == Some(post.id) {
            return Err(EditError::LineCycle { post: post.key.clone(), manager: post.key });
        }
        self.check_post_refs(&post)?;
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
            return Err(missing(ElementKind::Post, k, "role", ElementKind::Role, post.role.clone()));
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
            .ok_or_else(|| EditError::NotFound { kind: ElementKind::Post, key: post.key.clone() })?;
        self.check_post_refs(&post)?;
        let manager = post.reports_to;
        let mut post = post;
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
        self.refuse_if_referenced(Target::Post(id), key)?;
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

    /// Every element that refers to a post or unit, as paths. Cost: linear in the design.
    pub fn references_to(&self, target: Target) -> Vec<String> {
        let mut out = Vec::new();
        let is = |t: Option<Target>| t == Some(target);
        for u in self.units.values() {
            if is(u.parent.map(Target::Unit))
                || is(u.head.map(Target::Post))
                || u.self_steering.iter().flat_map(|s| s.posts()).any(|(_, p)| is(Some(Target::Post(p))))
            {
                out.push(format!("units/{}", u.key));
            }
        }
        for p in self.posts.values() {
            if is(p.unit.map(Target::Unit)) || is(p.reports_to.map(Target::Post)) || is(p.accountable_to) {
                out.push(format!("posts/{}", p.key));
            }
        }
        for a in self.appointments.values() {
            if is(Some(Target::Post(a.post))) {
                out.push(format!("appointments/{}", a.id));
            }
        }
        for a in self.assignments.values() {
            if is(Some(Target::Post(a.agent))) || is(Some(a.target)) || is(a.principal) || is(a.escalation) {
                out.push(format!("assignments/{}", a.key));
            }
        }
        for m in self.memberships.values() {
            if is(Some(Target::Post(m.post))) || is(Some(Target::Unit(m.community))) {
                out.push(format!("memberships/{}", m.id));
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
        for (field, v, max) in [("budget", assignment.budget, MAX_BUDGET), ("capacity", assignment.capacity, MAX_FTE)] {
            if let Some(m) = v.and_then(|v| out_of_range(v, max)) {
                return Err(invalid(ElementKind::Assignment, &k, field, m));
            }
        }
        let id = assignment.id;
        self.assignments.insert(id, assignment);
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

    /// The design as it stands on one day.
    ///
    /// Keeps the elements whose validity period contains `day`. A reference
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
    /// `membership` and `member`).
    pub fn as_of_with_notes(&self, day: Date) -> (Design, Vec<ClearedReference>) {
        let mut notes = Vec::new();
        let mut d = Design {
            name: self.name.clone(),
            schema: self.schema.clone(),
            roles: self.roles.clone(),
            functions: self.functions.clone(),
            ..Design::default()
        };
        d.units = self.units.iter().filter(|(_, u)| u.valid.contains(day)).map(|(k, v)| (*k, v.clone())).collect();
        d.posts = self.posts.iter().filter(|(_, p)| p.valid.contains(day)).map(|(k, v)| (*k, v.clone())).collect();
        d.people = self.people.clone();
        let unit_keys: HashSet<UnitId> = d.units.keys().copied().collect();
        let post_keys: HashSet<PostId> = d.posts.keys().copied().collect();
        // Why a target is not valid on the day, read from the full design;
        // `None` when it is valid.
        let absent = |t: Target| {
            let valid = match t {
                Target::Post(p) if post_keys.contains(&p) => return None,
                Target::Unit(u) if unit_keys.contains(&u) => return None,
                Target::Post(p) => self.posts.get(&p).map(|p| p.valid),
                Target::Unit(u) => self.units.get(&u).map(|u| u.valid),
            };
            valid.map_or(Some(Absence::Missing), |v| Absence::of(v, day))
        };
        let mut note = |holder: &str, field: &'static str, target: Target| match absent(target) {
            Some(absence) => {
                notes.push(ClearedReference {
                    holder: holder.to_owned(),
                    field,
                    target: self.target_path(target),
                    absence,
                });
                true
            }
            None => false,
        };
        for u in d.units.values_mut() {
            let holder = format!("units/{}", u.key);
            if let Some(p) = u.parent
                && note(&holder, "parent", Target::Unit(p))
            {
                u.parent = None;
            }
            if let Some(h) = u.head
                && note(&holder, "head", Target::Post(h))
            {
                u.head = None;
            }
            if let Some(team) = u.self_steering.as_mut() {
                if let Some(p) = team.accountable_to
                    && note(&holder, "self_steering/accountable_to", Target::Post(p))
                {
                    team.accountable_to = None;
                }
                if let Some(p) = team.coach
                    && note(&holder, "self_steering/coach", Target::Post(p))
                {
                    team.coach = None;
                }
            }
        }
        for p in d.posts.values_mut() {
            let holder = format!("posts/{}", p.key);
            if let Some(u) = p.unit
                && note(&holder, "unit", Target::Unit(u))
            {
                p.unit = None;
            }
            if let Some(m) = p.reports_to
                && note(&holder, "reports_to", Target::Post(m))
            {
                p.reports_to = None;
            }
            if let Some(a) = p.accountable_to
                && note(&holder, "accountable_to", a)
            {
                p.accountable_to = None;
            }
        }
        for a in self.appointments.values().filter(|a| a.valid.contains(day)) {
            if post_keys.contains(&a.post) {
                d.appointments.insert(a.id, a.clone());
            } else {
                let holder = self
                    .people
                    .get(&a.person)
                    .map_or_else(|| format!("people/{}", a.person), |p| format!("people/{}", p.key));
                note(&holder, "appointment", Target::Post(a.post));
            }
        }
        for a in self.assignments.values().filter(|a| a.valid.contains(day)) {
            let holder = format!("assignments/{}", a.key);
            let agent_gone = note(&holder, "agent", Target::Post(a.agent));
            let target_gone = note(&holder, "target", a.target);
            let mut kept = a.clone();
            if let Some(p) = a.principal
                && note(&holder, "principal", p)
            {
                kept.principal = None;
            }
            if let Some(e) = a.escalation
                && note(&holder, "escalation", e)
            {
                kept.escalation = None;
            }
            if !agent_gone && !target_gone {
                d.assignments.insert(a.id, kept);
            }
        }
        for m in self.memberships.values().filter(|m| m.valid.contains(day)) {
            let (Some(p), Some(u)) = (self.posts.get(&m.post), self.units.get(&m.community)) else { continue };
            match (post_keys.contains(&m.post), unit_keys.contains(&m.community)) {
                (true, true) => {
                    d.memberships.insert(m.id, m.clone());
                }
                (true, false) => {
                    note(&format!("posts/{}", p.key), "membership", Target::Unit(m.community));
                }
                (false, true) => {
                    note(&format!("units/{}", u.key), "member", Target::Post(m.post));
                }
                (false, false) => {}
            }
        }
        notes.sort();
        (d, notes)
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
            Element::Unit(u) => {
                self.units.insert(u.id, u);
            }
            Element::Post(p) => {
                self.posts.insert(p.id, p);
            }
            Element::Person(p) => {
                self.people.insert(p.id, p);
            }
            Element::Appointment(a) => {
                self.appointments.insert(a.id, a);
            }
            Element::Assignment(a) => {
                self.assignments.insert(a.id, a);
            }
            Element::Membership(m) => {
                self.memberships.insert(m.id, m);
            }
        }
    }
}

/// One element of any kind, for crate-internal loaders.
pub(crate) enum Element {
    Role(Role),
    Function(Function),
    Unit(Unit),
    Post(Post),
    Person(Person),
    Appointment(Appointment),
    Assignment(Assignment),
    Membership(Membership),
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

/// Sets one parent link (see [`Design::set_reports_to`]), refusing a missing
/// element and a link that would close a cycle.
fn set_parent<K, E>(
    elements: &mut BTreeMap<K, E>,
    child: K,
    parent: Option<K>,
    link: &ParentLink<K, E>,
) -> Result<(), EditError>
where
    K: Copy + Ord + std::fmt::Display,
{
    let key_of = |elements: &BTreeMap<K, E>, id: K| elements.get(&id).map(|e| (link.key)(e).to_owned());
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
fn set_parents_bulk<K, E>(elements: &mut BTreeMap<K, E>, pairs: &[(K, K)], link: &ParentLink<K, E>) -> Vec<EditError>
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
    }
}

fn target_ref(t: Target) -> String {
    match t {
        Target::Post(p) => p.to_string(),
        Target::Unit(u) => u.to_string(),
    }
}
