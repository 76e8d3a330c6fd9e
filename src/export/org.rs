//! W3C ORG triples, and their Turtle and JSON-LD forms.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedNode, Term, Triple, TripleRef};

use super::{ExportError, ExportOptions, design_iri, percent_encode};
use crate::diagnostic::natural_cmp;
use crate::model::{Design, PartyId, Period, PersonId, Post, PostId, SteeringKind, Target, Unit, UnitId};

/// The W3C Organization Ontology namespace.
pub const ORG_NS: &str = "http://www.w3.org/ns/org#";
/// The namespace of harkje's own terms (declared in every export).
pub const HARKJE_NS: &str = "urn:harkje:vocab#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const TIME: &str = "http://www.w3.org/2006/time#";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";

const PREFIXES: [(&str, &str); 9] = [
    ("dcterms", DCTERMS),
    ("foaf", FOAF),
    ("harkje", HARKJE_NS),
    ("org", ORG_NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", SKOS),
    ("time", TIME),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

fn n(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}
fn org(local: &str) -> NamedNode {
    n(ORG_NS, local)
}
fn hk(local: &str) -> NamedNode {
    n(HARKJE_NS, local)
}
fn skos(local: &str) -> NamedNode {
    n(SKOS, local)
}
fn time(local: &str) -> NamedNode {
    n(TIME, local)
}

/// The sub-property of `harkje:steers` for a kind of steering.
fn steering_property(kind: SteeringKind) -> &'static str {
    match kind {
        SteeringKind::Programme => "programmeSteering",
        SteeringKind::Area => "areaSteering",
        SteeringKind::Process => "processSteering",
        SteeringKind::Development => "developmentSteering",
        SteeringKind::AreaAgenda => "areaAgendaSteering",
        SteeringKind::Coaching => "coachingSteering",
        SteeringKind::Other => "otherSteering",
    }
}

/// Where the triples go, one at a time: a writer or a list.
type Sink<'w> = dyn FnMut(TripleRef<'_>) -> io::Result<()> + 'w;

/// The triple generator. It hands every triple to its sink as it makes it,
/// and keeps the first error of the sink (later triples are then dropped).
struct Graph<'w> {
    sink: &'w mut Sink<'w>,
    error: Option<io::Error>,
    /// Every triple of a subject together, in the order subjects first
    /// appear in the flat order (what JSON-LD node objects need); otherwise
    /// the flat order, which the Turtle export has always had.
    grouped: bool,
}

impl Graph<'_> {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        if self.error.is_some() {
            return;
        }
        let o: Term = o.into();
        if let Err(e) = (self.sink)(TripleRef::new(s.as_ref(), p.as_ref(), o.as_ref())) {
            self.error = Some(e);
        }
    }
    fn label(&mut self, s: &NamedNode, text: &str) {
        self.add(s, skos("prefLabel"), Literal::new_simple_literal(text));
    }
    fn typed(&mut self, s: &NamedNode, p: NamedNode, value: String, dt: oxrdf::NamedNodeRef<'_>) {
        self.add(s, p, Literal::new_typed_literal(value, dt));
    }
    /// A `time:Interval` for a period with at least one end, linked by `p`.
    fn interval(&mut self, s: &NamedNode, p: NamedNode, period: Period) {
        if period.from.is_none() && period.until.is_none() {
            return;
        }
        let i = NamedNode::new_unchecked(format!("{}/period", s.as_str()));
        self.add(s, p, i.clone());
        self.add(&i, rdf::TYPE.into(), time("Interval"));
        let ends: Vec<(NamedNode, jiff::civil::Date)> =
            [("hasBeginning", "start", period.from), ("hasEnd", "end", period.until)]
                .into_iter()
                .filter_map(|(p, name, day)| {
                    let e = NamedNode::new_unchecked(format!("{}/{name}", i.as_str()));
                    day.map(|day| {
                        self.add(&i, time(p), e.clone());
                        (e, day)
                    })
                })
                .collect();
        for (e, day) in ends {
            self.add(&e, rdf::TYPE.into(), time("Instant"));
            self.typed(&e, time("inXSDDate"), day.to_string(), xsd::DATE);
        }
    }
}

/// An xsd:decimal lexical form: `1.0` rather than `1`.
fn decimal(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{x:.1}") } else { x.to_string() }
}

/// IRIs of one design's elements.
struct Iris {
    design: NamedNode,
}

impl Iris {
    fn under(&self, kind: &str, key: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{kind}/{}", self.design.as_str(), percent_encode(key)))
    }
}

/// Every triple of the ORG export, in a stable order.
///
/// This holds the whole export in memory; [`crate::export::OrgExport`]
/// writes Turtle or JSON-LD as the triples are made.
///
/// Complexity: O(n log n) in the elements of the design(s).
///
/// # Errors
/// [`ExportError::BadBase`] when a base is not an absolute IRI, and
/// [`ExportError::SameIri`] when the original and the resulting design of a
/// transition would get the same IRI.
pub fn org_triples(design: &Design, options: &ExportOptions<'_>) -> Result<Vec<Triple>, ExportError> {
    let plan = Plan::new(design, options)?;
    let mut triples = Vec::new();
    let mut push = |t: TripleRef<'_>| {
        triples.push(t.into_owned());
        Ok(())
    };
    generate(&plan, &mut push, false).map_err(|e| ExportError::Write(e.to_string()))?;
    Ok(triples)
}

/// A checked export: the IRIs of the design(s), refused before any triple is made.
pub(super) struct Plan<'a> {
    design: &'a Design,
    options: &'a ExportOptions<'a>,
    new_iri: String,
    /// The original design and its IRI, for a transition.
    old: Option<(&'a Design, String)>,
}

impl<'a> Plan<'a> {
    pub(super) fn new(design: &'a Design, options: &'a ExportOptions<'a>) -> Result<Self, ExportError> {
        let new_iri = design_iri(&options.base, design)?;
        let old = match options.changed_from {
            Some(old) => {
                let old_base = options.changed_from_base.as_deref().unwrap_or(&options.base);
                let old_iri = design_iri(old_base, old)?;
                if old_iri == new_iri {
                    return Err(ExportError::SameIri { iri: new_iri });
                }
                Some((old, old_iri))
            }
            None => None,
        };
        Ok(Plan { design, options, new_iri, old })
    }
}

/// Makes every triple of a checked export and hands it to `sink`; stops at
/// the sink's first error.
fn generate(plan: &Plan<'_>, sink: &mut Sink<'_>, grouped: bool) -> io::Result<()> {
    let mut g = Graph { sink, error: None, grouped };
    vocabulary(&mut g);
    let (design, options) = (plan.design, plan.options);
    let appointments = options.appointments;
    let Some((old, old_iri)) = &plan.old else {
        design_triples(&mut g, design, &plan.new_iri, appointments, None);
        return g.error.map_or(Ok(()), Err);
    };
    let event =
        NamedNode::new_unchecked(format!("{}/change-from/{}", plan.new_iri, percent_encode(options_name(options))));
    let new_keys: HashSet<&str> = design.units().map(|u| u.key.as_str()).collect();
    let old_keys: HashSet<&str> = old.units().map(|u| u.key.as_str()).collect();
    // Grouped, each design and each unit carries its change link itself.
    let (new_change, old_change) = if grouped {
        (
            Some(Change { event: &event, predicate: "resultedFrom", other_units: &old_keys }),
            Some(Change { event: &event, predicate: "changedBy", other_units: &new_keys }),
        )
    } else {
        (None, None)
    };
    let new = design_triples(&mut g, design, &plan.new_iri, appointments, new_change);
    let old_exported = design_triples(&mut g, old, old_iri, appointments, old_change);
    g.add(&event, rdf::TYPE.into(), org("ChangeEvent"));
    g.label(&event, &format!("reorganisation from {} to {}", options_name(options), design.name()));
    g.add(&event, org("originalOrganization"), old_exported.design.clone());
    g.add(&event, org("resultingOrganization"), new.design.clone());
    if !grouped {
        g.add(&old_exported.design, org("changedBy"), event.clone());
        g.add(&new.design, org("resultedFrom"), event.clone());
        for (key, iri) in &old_exported.units {
            if !new_keys.contains(key.as_str()) {
                g.add(iri, org("changedBy"), event.clone());
            }
        }
        for (key, iri) in &new.units {
            if !old_keys.contains(key.as_str()) {
                g.add(iri, org("resultedFrom"), event.clone());
            }
        }
    }
    g.error.map_or(Ok(()), Err)
}

/// The change link a design and its units carry in a grouped transition:
/// the design, and each unit whose key the other design lacks.
struct Change<'c> {
    event: &'c NamedNode,
    predicate: &'static str,
    other_units: &'c HashSet<&'c str>,
}

fn options_name<'a>(options: &'a ExportOptions<'_>) -> &'a str {
    options.changed_from.map_or("", Design::name)
}

fn vocabulary(g: &mut Graph) {
    let class = |g: &mut Graph, local: &str, label: &str, comment: &str| {
        let c = hk(local);
        g.add(&c, rdf::TYPE.into(), rdfs::CLASS);
        g.add(&c, rdfs::LABEL.into(), Literal::new_simple_literal(label));
        g.add(&c, rdfs::COMMENT.into(), Literal::new_simple_literal(comment));
    };
    let prop = |g: &mut Graph, local: &str, label: &str, comment: &str, sup: Option<NamedNode>| {
        let p = hk(local);
        g.add(&p, rdf::TYPE.into(), rdf::PROPERTY);
        g.add(&p, rdfs::LABEL.into(), Literal::new_simple_literal(label));
        g.add(&p, rdfs::COMMENT.into(), Literal::new_simple_literal(comment));
        if let Some(sup) = sup {
            g.add(&p, rdfs::SUB_PROPERTY_OF.into(), sup);
        }
    };
    class(
        g,
        "SteeringAssignment",
        "steering assignment",
        "horizontal steering across the line: a post (the agent) steers a unit or post for a principal",
    );
    class(
        g,
        "PrincipalLink",
        "principal link",
        "one link after the first of a steering assignment's chain of principals, with its position and, as rdf:value, the post, unit or party",
    );
    let role = hk("aandachtsgebied");
    g.add(&role, rdf::TYPE.into(), org("Role"));
    g.add(&role, rdfs::LABEL.into(), Literal::new_simple_literal("aandachtsgebied"));
    g.add(
        &role,
        rdfs::COMMENT.into(),
        Literal::new_simple_literal(
            "the role of a post in an org:Membership of a unit it follows as portfolio, without line authority",
        ),
    );
    prop(
        g,
        "steers",
        "steers",
        "the agent's unit steers the target unit across the line (horizontale sturing)",
        Some(org("linkedTo")),
    );
    for kind in [
        SteeringKind::Programme,
        SteeringKind::Area,
        SteeringKind::Process,
        SteeringKind::Development,
        SteeringKind::AreaAgenda,
        SteeringKind::Coaching,
        SteeringKind::Other,
    ] {
        prop(
            g,
            steering_property(kind),
            &format!("{} steering", kind.as_str()),
            &format!("horizontal steering of kind `{}`", kind.as_str()),
            Some(hk("steers")),
        );
    }
    for (local, comment) in [
        ("kind", "the kind of steering: programme, area, process, development, area-agenda, coaching or other"),
        ("agent", "the post that carries out a steering assignment (opdrachtnemer)"),
        ("target", "the unit, post or party a steering assignment steers or delivers to"),
        ("principal", "who commissions a steering assignment (opdrachtgever): the first of its chain of principals"),
        (
            "delegatedPrincipal",
            "a later link of an assignment's chain of principals (ambtelijk, gedelegeerd opdrachtgever): a harkje:PrincipalLink",
        ),
        ("position", "the place of a harkje:PrincipalLink in its chain of principals; the principal is 1"),
        (
            "partyKind",
            "the kind of a party outside the organisation: college, wethouder, raad, griffie, partner, company or other",
        ),
        ("escalation", "where a conflict between a steering assignment and the line is decided"),
        ("validDuring", "the time:Interval in which a unit, post or assignment exists, or a dated value holds"),
        ("dated", "a value of a unit's or post's field that holds for a period (an hk:DatedValue)"),
        (
            "field",
            "the field a dated value is a value of: reports_to, unit, accountable_to, function, fte, scale, salary, parent or kind",
        ),
        (
            "unitKind",
            "the kind of a unit: directie, eenheid, team, subteam, pool, programme, area, community, collective or pop-up",
        ),
        ("fte", "the establishment of a post, or the share of a post held, in full-time equivalents"),
        ("scale", "the salary scale of a post"),
        ("temporary", "whether a post is temporary"),
        ("independent", "whether a post must keep a direct line to the directie, independent of its unit head"),
        ("head", "the post that heads a unit"),
        ("accountableTo", "accountability of a post outside the line, to a post, unit or party"),
        ("post", "the post held through an appointment (an org:Membership)"),
        ("acting", "whether an appointment is acting (waarnemend)"),
        ("collectiveLeadership", "whether the posts of a unit with a line-management role lead it together"),
        ("selfSteeringAccountableTo", "the post a self-steering team answers to as a whole"),
        ("teamCoach", "the coach of a self-steering team, who is not its line manager"),
    ] {
        prop(g, local, local, comment, None);
    }
}

/// One dated value of a field, ready to be written: the field, the value as
/// an RDF term, its period and, for a post's unit, the unit as an
/// `org:Membership`'s organisation.
struct Spell {
    field: &'static str,
    value: Term,
    valid: Period,
    membership_of: Option<NamedNode>,
}

/// The dated values of a post, in field order and, within a field, by start.
fn post_spells(
    d: &Design,
    p: &Post,
    posts: &HashMap<PostId, NamedNode>,
    units: &HashMap<UnitId, NamedNode>,
    target: &dyn Fn(Target) -> Option<NamedNode>,
) -> Vec<Spell> {
    let design = d;
    let Some(d) = p.dated.as_deref() else { return Vec::new() };
    let mut out = Vec::new();
    let mut push = |field, value: Option<Term>, valid, membership_of| {
        if let Some(value) = value {
            out.push(Spell { field, value, valid, membership_of });
        }
    };
    for x in &d.reports_to {
        push("reports_to", posts.get(&x.value).cloned().map(Term::from), x.valid, None);
    }
    for x in &d.unit {
        let unit = units.get(&x.value).cloned();
        push("unit", unit.clone().map(Term::from), x.valid, unit);
    }
    for x in &d.accountable_to {
        push("accountable_to", target(x.value).map(Term::from), x.valid, None);
    }
    for x in &d.function {
        let code = design.function(x.value).map(|f| Literal::new_simple_literal(&f.key).into());
        push("function", code, x.valid, None);
    }
    for x in &d.fte {
        push("fte", Some(Literal::new_typed_literal(decimal(x.value), xsd::DECIMAL).into()), x.valid, None);
    }
    for x in &d.scale {
        push("scale", Some(Literal::new_typed_literal(x.value.to_string(), xsd::INTEGER).into()), x.valid, None);
    }
    for x in &d.salary {
        push("salary", Some(Literal::new_typed_literal(decimal(x.value), xsd::DECIMAL).into()), x.valid, None);
    }
    out
}

/// The dated values of a unit (see [`post_spells`]).
fn unit_spells(u: &Unit, units: &HashMap<UnitId, NamedNode>) -> Vec<Spell> {
    let Some(d) = u.dated.as_deref() else { return Vec::new() };
    let mut out: Vec<Spell> = d
        .parent
        .iter()
        .filter_map(|x| {
            let value = units.get(&x.value)?.clone().into();
            Some(Spell { field: "parent", value, valid: x.valid, membership_of: None })
        })
        .collect();
    out.extend(d.kind.iter().map(|x| Spell {
        field: "kind",
        value: Literal::new_simple_literal(x.value.as_str()).into(),
        valid: x.valid,
        membership_of: None,
    }));
    out
}

/// The IRI of dated value `i` of element `s`.
fn spell_iri(s: &NamedNode, i: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/dated/{i}", s.as_str()))
}

/// Links an element to its dated values (with the element's other triples).
fn link_spells(g: &mut Graph, s: &NamedNode, spells: &[Spell]) {
    for i in 0..spells.len() {
        g.add(s, hk("dated"), spell_iri(s, i));
    }
}

/// Writes the dated values of element `s`: each an `hk:DatedValue` with its
/// field, its value and the interval in which it holds; a post's unit is an
/// `org:Membership` of the post in the unit too.
fn write_spells(g: &mut Graph, s: &NamedNode, spells: &[Spell]) {
    for (i, spell) in spells.iter().enumerate() {
        let v = spell_iri(s, i);
        g.add(&v, rdf::TYPE.into(), hk("DatedValue"));
        if let Some(unit) = &spell.membership_of {
            g.add(&v, rdf::TYPE.into(), org("Membership"));
            g.add(&v, org("member"), s.clone());
            g.add(&v, org("organization"), unit.clone());
        }
        g.add(&v, hk("field"), Literal::new_simple_literal(spell.field));
        g.add(&v, rdf::VALUE.into(), spell.value.clone());
        let during = if spell.membership_of.is_some() { org("memberDuring") } else { hk("validDuring") };
        g.interval(&v, during, spell.valid);
    }
}

struct Exported {
    design: NamedNode,
    /// Unit keys to IRIs.
    units: BTreeMap<String, NamedNode>,
}

/// The triples of one design. In flat order, a unit's posts, community
/// members and steering lines, a post's holders and a person's posts come in
/// later sections; grouped, each subject gets them with its own triples.
fn design_triples(g: &mut Graph, d: &Design, iri: &str, appointments: bool, change: Option<Change<'_>>) -> Exported {
    let grouped = g.grouped;
    let iris = Iris { design: NamedNode::new_unchecked(iri) };
    let top = iris.design.clone();

    let unit_iri: HashMap<UnitId, NamedNode> = d.units().map(|u| (u.id, iris.under("units", &u.key))).collect();
    let post_iri: HashMap<PostId, NamedNode> = d.posts().map(|p| (p.id, iris.under("posts", &p.key))).collect();
    let party_iri: HashMap<PartyId, NamedNode> = d.parties().map(|p| (p.id, iris.under("parties", &p.key))).collect();
    let target = |t: Target| match t {
        Target::Post(p) => post_iri.get(&p).cloned(),
        Target::Unit(u) => unit_iri.get(&u).cloned(),
        Target::Party(p) => party_iri.get(&p).cloned(),
    };
    // A party is outside the organisation: no unit of it is steered.
    let unit_of = |t: Target| match t {
        Target::Unit(u) => unit_iri.get(&u).cloned(),
        Target::Post(p) => d.post(p).and_then(|p| p.unit).and_then(|u| unit_iri.get(&u).cloned()),
        Target::Party(_) => None,
    };
    let mut units: Vec<_> = d.units().collect();
    units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let mut posts: Vec<_> = d.posts().collect();
    posts.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let mut memberships: Vec<_> = d.memberships().collect();
    memberships.sort_by_key(|m| m.id);
    let mut assignments: Vec<_> = d.assignments().collect();
    assignments.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let mut apps: Vec<_> = if appointments { d.appointments().collect() } else { Vec::new() };
    apps.sort_by_key(|a| a.id);

    // Sub-units and posts per unit, in natural key order (the lists are sorted).
    let mut sub_units: HashMap<UnitId, Vec<&str>> = HashMap::new();
    for u in &units {
        if let Some(p) = u.parent {
            sub_units.entry(p).or_default().push(&u.key);
        }
    }
    let mut posts_in: HashMap<UnitId, Vec<&str>> = HashMap::new();
    for p in &posts {
        if let Some(u) = p.unit {
            posts_in.entry(u).or_default().push(&p.key);
        }
    }
    // What grouped subjects get from later sections, in the flat order.
    let mut members_of: HashMap<UnitId, Vec<&NamedNode>> = HashMap::new();
    let mut steering_from: HashMap<NamedNode, Vec<(SteeringKind, NamedNode)>> = HashMap::new();
    let mut held_by: HashMap<PostId, Vec<&str>> = HashMap::new();
    let mut holds: HashMap<PersonId, Vec<&str>> = HashMap::new();
    if grouped {
        for m in &memberships {
            if let (Some(post), true) = (post_iri.get(&m.post), unit_iri.contains_key(&m.community)) {
                members_of.entry(m.community).or_default().push(post);
            }
        }
        for a in &assignments {
            let from = unit_of(Target::Post(a.agent)).unwrap_or_else(|| top.clone());
            if let Some(to) = unit_of(a.target)
                && to != from
            {
                steering_from.entry(from).or_default().push((a.kind, to));
            }
        }
        for a in &apps {
            let (Some(person), Some(post)) = (d.person(a.person), d.post(a.post)) else { continue };
            held_by.entry(a.post).or_default().push(&person.key);
            holds.entry(a.person).or_default().push(&post.key);
        }
    }
    let steers = |g: &mut Graph, s: &NamedNode| {
        for (kind, to) in steering_from.get(s).into_iter().flatten() {
            g.add(s, hk(steering_property(*kind)), to.clone());
        }
    };
    let changed = |g: &mut Graph, s: &NamedNode, key: Option<&str>| {
        if let Some(c) = &change
            && key.is_none_or(|k| !c.other_units.contains(k))
        {
            g.add(s, org(c.predicate), c.event.clone());
        }
    };

    g.add(&top, rdf::TYPE.into(), org("FormalOrganization"));
    g.label(&top, d.name());
    for u in &units {
        if u.parent.is_none() {
            g.add(&top, org("hasUnit"), iris.under("units", &u.key));
        }
    }
    let mut parties: Vec<_> = d.parties().collect();
    parties.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for p in &parties {
        g.add(&top, org("linkedTo"), iris.under("parties", &p.key));
    }
    if grouped {
        steers(g, &top);
        changed(g, &top, None);
    }
    let mut unit_map = BTreeMap::new();
    for u in &units {
        let s = iris.under("units", &u.key);
        unit_map.insert(u.key.clone(), s.clone());
        g.add(&s, rdf::TYPE.into(), org("OrganizationalUnit"));
        g.label(&s, &u.name);
        g.add(&s, skos("notation"), Literal::new_simple_literal(&u.key));
        g.add(&s, hk("unitKind"), Literal::new_simple_literal(u.kind.as_str()));
        let parent = u.parent.and_then(|p| unit_iri.get(&p).cloned()).unwrap_or_else(|| top.clone());
        g.add(&s, org("unitOf"), parent);
        for c in sub_units.get(&u.id).into_iter().flatten() {
            g.add(&s, org("hasUnit"), iris.under("units", c));
        }
        if let Some(k) = &u.kernopdracht {
            g.add(&s, org("purpose"), Literal::new_simple_literal(k));
        }
        if let Some(h) = u.head.and_then(|h| post_iri.get(&h).cloned()) {
            g.add(&s, hk("head"), h);
        }
        if u.collective_leadership {
            g.typed(&s, hk("collectiveLeadership"), "true".into(), xsd::BOOLEAN);
        }
        if let Some(team) = u.self_steering {
            if let Some(a) = team.accountable_to.and_then(|a| post_iri.get(&a).cloned()) {
                g.add(&s, hk("selfSteeringAccountableTo"), a);
            }
            if let Some(c) = team.coach.and_then(|c| post_iri.get(&c).cloned()) {
                g.add(&s, hk("teamCoach"), c);
            }
        }
        if grouped {
            for p in posts_in.get(&u.id).into_iter().flatten() {
                g.add(&s, org("hasPost"), iris.under("posts", p));
            }
            for post in members_of.get(&u.id).into_iter().flatten() {
                g.add(&s, org("hasMember"), (*post).clone());
            }
            steers(g, &s);
            changed(g, &s, Some(&u.key));
        }
        let spells = unit_spells(u, &unit_iri);
        link_spells(g, &s, &spells);
        g.interval(&s, hk("validDuring"), u.valid);
        write_spells(g, &s, &spells);
    }

    let mut roles = BTreeSet::new();
    for p in &posts {
        let s = iris.under("posts", &p.key);
        g.add(&s, rdf::TYPE.into(), org("Post"));
        g.label(&s, &p.title);
        g.add(&s, skos("notation"), Literal::new_simple_literal(&p.key));
        let unit = p.unit.and_then(|u| unit_iri.get(&u).cloned()).unwrap_or_else(|| top.clone());
        g.add(&s, org("postIn"), unit.clone());
        if let Some(m) = p.reports_to.and_then(|m| post_iri.get(&m).cloned()) {
            g.add(&s, org("reportsTo"), m);
        }
        g.add(&s, org("role"), iris.under("roles", &p.role));
        roles.insert(p.role.clone());
        g.typed(&s, hk("fte"), decimal(p.fte), xsd::DECIMAL);
        if let Some(sc) = p.scale {
            g.typed(&s, hk("scale"), sc.to_string(), xsd::INTEGER);
        }
        if p.temporary {
            g.typed(&s, hk("temporary"), "true".into(), xsd::BOOLEAN);
        }
        if p.independent {
            g.typed(&s, hk("independent"), "true".into(), xsd::BOOLEAN);
        }
        if let Some(t) = p.accountable_to.and_then(target) {
            g.add(&s, hk("accountableTo"), t);
        }
        for person in held_by.get(&p.id).into_iter().flatten() {
            g.add(&s, org("heldBy"), iris.under("people", person));
        }
        let spells = post_spells(d, p, &post_iri, &unit_iri, &target);
        link_spells(g, &s, &spells);
        g.interval(&s, hk("validDuring"), p.valid);
        write_spells(g, &s, &spells);
    }
    if !grouped {
        for u in &units {
            let s = iris.under("units", &u.key);
            for p in posts_in.get(&u.id).into_iter().flatten() {
                g.add(&s, org("hasPost"), iris.under("posts", p));
            }
        }
    }
    for key in &roles {
        let s = iris.under("roles", key);
        g.add(&s, rdf::TYPE.into(), org("Role"));
        match d.role(key) {
            Some(r) => {
                g.label(&s, &r.name);
                g.add(&s, skos("definition"), Literal::new_simple_literal(&*r.gloss));
            }
            None => g.label(&s, key),
        }
    }

    party_triples(g, &iris, &parties);
    portfolio_triples(g, d, &iris);

    // Community memberships: posts in units outside the line.
    for m in &memberships {
        let (Some(post), Some(unit)) = (post_iri.get(&m.post), unit_iri.get(&m.community)) else { continue };
        let s = iris.under("memberships", &m.id.to_string());
        g.add(&s, rdf::TYPE.into(), org("Membership"));
        g.add(&s, org("member"), post.clone());
        g.add(&s, org("organization"), unit.clone());
        g.interval(&s, org("memberDuring"), m.valid);
        if !grouped {
            g.add(unit, org("hasMember"), post.clone());
        }
    }

    // Horizontal steering.
    for a in &assignments {
        let s = iris.under("assignments", &a.key);
        g.add(&s, rdf::TYPE.into(), hk("SteeringAssignment"));
        g.label(&s, &a.key);
        g.add(&s, hk("kind"), Literal::new_simple_literal(a.kind.as_str()));
        if let Some(agent) = post_iri.get(&a.agent) {
            g.add(&s, hk("agent"), agent.clone());
        }
        if let Some(t) = target(a.target) {
            g.add(&s, hk("target"), t);
        }
        if let Some(t) = a.principal.and_then(target) {
            g.add(&s, hk("principal"), t);
        }
        // The delegated links of the chain: one node each, with its place in the chain.
        let links: Vec<(NamedNode, usize, NamedNode)> = a
            .delegated_principals
            .iter()
            .enumerate()
            .filter_map(|(i, &t)| {
                let link = NamedNode::new_unchecked(format!("{}/principals/{}", s.as_str(), i + 2));
                target(t).map(|t| (link, i + 2, t))
            })
            .collect();
        for (link, _, _) in &links {
            g.add(&s, hk("delegatedPrincipal"), link.clone());
        }
        if let Some(t) = a.escalation.and_then(target) {
            g.add(&s, hk("escalation"), t);
        }
        if let Some(goal) = &a.goal {
            g.add(&s, n(DCTERMS, "description"), Literal::new_simple_literal(goal));
        }
        g.interval(&s, hk("validDuring"), a.valid);
        for (link, position, t) in links {
            g.add(&link, rdf::TYPE.into(), hk("PrincipalLink"));
            g.typed(&link, hk("position"), position.to_string(), xsd::INTEGER);
            g.add(&link, rdf::VALUE.into(), t);
        }
        if !grouped {
            let from = unit_of(Target::Post(a.agent)).unwrap_or_else(|| top.clone());
            if let Some(to) = unit_of(a.target)
                && to != from
            {
                g.add(&from, hk(steering_property(a.kind)), to);
            }
        }
    }

    let mut people_done: HashSet<PersonId> = HashSet::new();
    for a in apps {
        let (Some(person), Some(post)) = (d.person(a.person), d.post(a.post)) else { continue };
        let pi = iris.under("people", &person.key);
        let post_i = iris.under("posts", &post.key);
        if !grouped {
            g.add(&pi, rdf::TYPE.into(), n(FOAF, "Person"));
            g.add(&pi, org("holds"), post_i.clone());
            g.add(&post_i, org("heldBy"), pi.clone());
        } else if people_done.insert(a.person) {
            for held in holds.get(&a.person).into_iter().flatten() {
                g.add(&pi, rdf::TYPE.into(), n(FOAF, "Person"));
                g.add(&pi, org("holds"), iris.under("posts", held));
            }
        }
        let s = iris.under("appointments", &a.id.to_string());
        g.add(&s, rdf::TYPE.into(), org("Membership"));
        g.add(&s, org("member"), pi);
        let unit = post.unit.and_then(|u| unit_iri.get(&u).cloned()).unwrap_or_else(|| top.clone());
        g.add(&s, org("organization"), unit);
        g.add(&s, org("role"), iris.under("roles", &post.role));
        g.add(&s, hk("post"), post_i);
        g.typed(&s, hk("fte"), decimal(a.fte), xsd::DECIMAL);
        if a.acting {
            g.typed(&s, hk("acting"), "true".into(), xsd::BOOLEAN);
        }
        g.interval(&s, org("memberDuring"), a.valid);
    }
    Exported { design: top, units: unit_map }
}

/// Writes the export as Turtle with the usual prefixes, triple by triple.
pub(super) fn write_turtle(plan: &Plan<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut ser = oxttl::TurtleSerializer::new();
    for (p, iri) in PREFIXES {
        ser = ser.with_prefix(p, iri).map_err(io::Error::other)?;
    }
    let mut out = ser.for_writer(w);
    generate(plan, &mut |t| out.serialize_triple(t), false)?;
    out.finish().map(drop)
}

/// A prefixed name for an IRI, when a prefix covers it and the rest is a simple local name.
fn compact(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
            && local.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return format!("{p}:{local}");
        }
    }
    iri.to_owned()
}

/// The value of one property in a JSON-LD node object.
enum JsonValue {
    /// A plain string: a type's prefixed name or an `xsd:string` literal.
    Text(String),
    /// A node reference, `{"@id": …}`.
    Id(String),
    /// A typed literal, `{"@type": …, "@value": …}`.
    Typed { datatype: String, value: String },
}

/// A JSON-LD writer: one node object per subject, written when the next
/// subject starts. Its triples must come grouped by subject. The layout is
/// serde_json's pretty form of the whole document (two-space indent, the
/// members of a node sorted, every property an array), so the bytes are
/// those of the document written at once.
struct JsonLdWriter<'w> {
    w: &'w mut dyn Write,
    node: Option<(String, BTreeMap<String, Vec<JsonValue>>)>,
    nodes: usize,
}

impl JsonLdWriter<'_> {
    fn start(&mut self) -> io::Result<()> {
        self.w.write_all(b"{\n  \"@context\": {")?;
        for (i, (p, iri)) in PREFIXES.iter().enumerate() {
            self.w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut *self.w, p)?;
            self.w.write_all(b": ")?;
            serde_json::to_writer(&mut *self.w, iri)?;
        }
        self.w.write_all(b"\n  },\n  \"@graph\": [")
    }

    fn triple(&mut self, t: TripleRef<'_>) -> io::Result<()> {
        let oxrdf::NamedOrBlankNodeRef::NamedNode(s) = t.subject else { return Ok(()) };
        let (key, value) = if t.predicate == rdf::TYPE {
            let oxrdf::TermRef::NamedNode(o) = t.object else { return Ok(()) };
            ("@type".to_owned(), JsonValue::Text(compact(o.as_str())))
        } else {
            let v = match t.object {
                oxrdf::TermRef::NamedNode(o) => JsonValue::Id(o.as_str().to_owned()),
                oxrdf::TermRef::Literal(l) if l.datatype() == xsd::STRING => JsonValue::Text(l.value().to_owned()),
                oxrdf::TermRef::Literal(l) => {
                    JsonValue::Typed { datatype: compact(l.datatype().as_str()), value: l.value().to_owned() }
                }
                _ => return Ok(()),
            };
            (compact(t.predicate.as_str()), v)
        };
        if self.node.as_ref().is_none_or(|(id, _)| id != s.as_str()) {
            self.flush()?;
            self.node = Some((s.as_str().to_owned(), BTreeMap::new()));
        }
        if let Some((_, props)) = &mut self.node {
            props.entry(key).or_default().push(value);
        }
        Ok(())
    }

    /// Writes the node being collected, if any.
    fn flush(&mut self) -> io::Result<()> {
        let Some((id, props)) = self.node.take() else { return Ok(()) };
        let w = &mut *self.w;
        w.write_all(if self.nodes == 0 { b"\n    {\n      \"@id\": " } else { b",\n    {\n      \"@id\": " })?;
        self.nodes += 1;
        serde_json::to_writer(&mut *w, &id)?;
        for (key, values) in &props {
            w.write_all(b",\n      ")?;
            serde_json::to_writer(&mut *w, key)?;
            w.write_all(b": [")?;
            for (i, v) in values.iter().enumerate() {
                w.write_all(if i == 0 { b"\n        " } else { b",\n        " })?;
                match v {
                    JsonValue::Text(text) => serde_json::to_writer(&mut *w, text)?,
                    JsonValue::Id(iri) => {
                        w.write_all(b"{\n          \"@id\": ")?;
                        serde_json::to_writer(&mut *w, iri)?;
                        w.write_all(b"\n        }")?;
                    }
                    JsonValue::Typed { datatype, value } => {
                        w.write_all(b"{\n          \"@type\": ")?;
                        serde_json::to_writer(&mut *w, datatype)?;
                        w.write_all(b",\n          \"@value\": ")?;
                        serde_json::to_writer(&mut *w, value)?;
                        w.write_all(b"\n        }")?;
                    }
                }
            }
            w.write_all(if values.is_empty() { b"]" } else { b"\n      ]" })?;
        }
        w.write_all(b"\n    }")
    }

    fn finish(mut self) -> io::Result<()> {
        self.flush()?;
        self.w.write_all(if self.nodes == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })
    }
}

/// Writes the export as JSON-LD: a `@context` with the prefixes and a
/// `@graph` with one node object per subject, node by node.
pub(super) fn write_jsonld(plan: &Plan<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut out = JsonLdWriter { w, node: None, nodes: 0 };
    out.start()?;
    generate(plan, &mut |t| out.triple(t), true)?;
    out.finish()
}

/// The parties outside the organisation: each an `org:Organization` with its
/// name, key, kind and period. The design links to each with `org:linkedTo`.
fn party_triples(g: &mut Graph, iris: &Iris, parties: &[&crate::model::Party]) {
    for p in parties {
        let s = iris.under("parties", &p.key);
        g.add(&s, rdf::TYPE.into(), org("Organization"));
        g.label(&s, &p.name);
        g.add(&s, skos("notation"), Literal::new_simple_literal(&p.key));
        g.add(&s, hk("partyKind"), Literal::new_simple_literal(p.kind.as_str()));
        g.interval(&s, hk("validDuring"), p.valid);
    }
}

/// The portfolios (aandachtsgebieden): each an `org:Membership` of the post in
/// the unit with the role `harkje:aandachtsgebied` and its period. Unlike a
/// community membership, the unit gets no `org:hasMember`: the post follows
/// the unit, it does not belong to it.
fn portfolio_triples(g: &mut Graph, d: &Design, iris: &Iris) {
    let mut portfolios: Vec<_> = d.portfolios().collect();
    portfolios.sort_by_key(|f| f.id);
    for f in portfolios {
        let (Some(post), Some(unit)) = (d.post(f.post), d.unit(f.unit)) else { continue };
        let s = iris.under("portfolios", &f.id.to_string());
        g.add(&s, rdf::TYPE.into(), org("Membership"));
        g.add(&s, org("member"), iris.under("posts", &post.key));
        g.add(&s, org("organization"), iris.under("units", &unit.key));
        g.add(&s, org("role"), hk("aandachtsgebied"));
        g.interval(&s, org("memberDuring"), f.valid);
    }
}

/// The vCard namespace, for the addresses of the Woo publication.
#[cfg(feature = "render")]
const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";

#[cfg(feature = "render")]
fn vcard(local: &str) -> NamedNode {
    n(VCARD, local)
}

/// What the Woo publication's JSON-LD says of one unit besides its name:
/// made by [`crate::publish`], which decides which units are published.
#[cfg(feature = "render")]
pub(crate) struct WooUnit<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// The key of the unit it is placed in, among those published.
    pub parent: Option<&'a str>,
    /// The keys of the units placed in it, among those published.
    pub children: Vec<&'a str>,
    /// The post that heads it: (key, title).
    pub head: Option<(&'a str, &'a str)>,
}

/// Writes the JSON-LD of the Woo publication: the organisation as an
/// `org:FormalOrganization` named by `org_iri` (its TOOI URI, else the
/// design's IRI under `base`), each published unit an
/// `org:OrganizationalUnit` with its kernopdracht (`org:purpose`), its
/// place (`org:unitOf`, `org:hasUnit`), the post that heads it (an
/// `org:Post`, by title: no person is named) and its contact details: the
/// visiting address as an `org:Site` with a vCard address, the postal
/// address as a vCard address, and `foaf:phone`, `foaf:mbox` and
/// `foaf:homepage`. Each subject's triples come together, as the JSON-LD
/// writer needs.
///
/// Complexity: O(n) in the units given and their links.
#[cfg(feature = "render")]
pub(crate) fn write_woo_jsonld(
    w: &mut dyn Write,
    name: &str,
    org_iri: &str,
    design_iri: &str,
    units: &[WooUnit<'_>],
) -> io::Result<()> {
    let mut out = JsonLdWriter { w, node: None, nodes: 0 };
    out.start()?;
    let mut sink = |t: TripleRef<'_>| out.triple(t);
    let mut g = Graph { sink: &mut sink, error: None, grouped: true };
    let iris = Iris { design: NamedNode::new_unchecked(design_iri) };
    let top = NamedNode::new_unchecked(org_iri);
    g.add(&top, rdf::TYPE.into(), org("FormalOrganization"));
    g.label(&top, name);
    if org_iri.starts_with(crate::model::TOOI_PREFIX) {
        g.add(&top, n(DCTERMS, "identifier"), Literal::new_simple_literal(org_iri));
    }
    for u in units.iter().filter(|u| u.parent.is_none()) {
        g.add(&top, org("hasUnit"), iris.under("units", &u.unit.key));
    }
    for u in units {
        woo_unit(&mut g, &iris, &top, u);
    }
    if let Some(e) = g.error.take() {
        return Err(e);
    }
    out.finish()
}

/// The triples of one unit of the Woo publication, subject by subject.
#[cfg(feature = "render")]
fn woo_unit(g: &mut Graph<'_>, iris: &Iris, top: &NamedNode, u: &WooUnit<'_>) {
    let unit = u.unit;
    let s = iris.under("units", &unit.key);
    g.add(&s, rdf::TYPE.into(), org("OrganizationalUnit"));
    g.label(&s, &unit.name);
    g.add(&s, skos("notation"), Literal::new_simple_literal(&unit.key));
    g.add(&s, org("unitOf"), u.parent.map_or_else(|| top.clone(), |p| iris.under("units", p)));
    for c in &u.children {
        g.add(&s, org("hasUnit"), iris.under("units", c));
    }
    if let Some(k) = &unit.kernopdracht {
        g.add(&s, org("purpose"), Literal::new_simple_literal(k));
    }
    let head = u.head.map(|(key, _)| iris.under("posts", key));
    if let Some(h) = &head {
        g.add(&s, org("hasPost"), h.clone());
    }
    let contact = unit.contact.as_deref();
    let site = contact
        .and_then(|c| c.visiting_address.as_ref())
        .map(|a| (NamedNode::new_unchecked(format!("{}/site", s.as_str())), a));
    let postal = contact
        .and_then(|c| c.postal_address.as_ref())
        .map(|a| (NamedNode::new_unchecked(format!("{}/postal-address", s.as_str())), a));
    if let Some(c) = contact {
        if let Some((site, _)) = &site {
            g.add(&s, org("hasSite"), site.clone());
        }
        if let Some((postal, _)) = &postal {
            g.add(&s, vcard("hasAddress"), postal.clone());
        }
        if let Some(phone) = &c.phone {
            let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            g.add(&s, n(FOAF, "phone"), NamedNode::new_unchecked(format!("tel:{digits}")));
        }
        if let Some(email) = &c.email {
            g.add(&s, n(FOAF, "mbox"), NamedNode::new_unchecked(format!("mailto:{}", percent_encode_mailbox(email))));
        }
        if let Some(web) = c.website.as_deref().and_then(|web| NamedNode::new(web).ok()) {
            g.add(&s, n(FOAF, "homepage"), web);
        }
    }
    if let (Some(h), Some((_, title))) = (&head, u.head) {
        g.add(h, rdf::TYPE.into(), org("Post"));
        g.label(h, title);
        g.add(h, org("postIn"), s.clone());
    }
    if let Some((site, a)) = &site {
        let address = NamedNode::new_unchecked(format!("{}/address", site.as_str()));
        g.add(site, rdf::TYPE.into(), org("Site"));
        g.add(site, org("siteAddress"), address.clone());
        woo_address(g, &address, a);
    }
    if let Some((postal, a)) = &postal {
        woo_address(g, postal, a);
    }
}

/// A vCard address node.
#[cfg(feature = "render")]
fn woo_address(g: &mut Graph<'_>, s: &NamedNode, a: &crate::model::Address) {
    g.add(s, rdf::TYPE.into(), vcard("Address"));
    g.add(s, vcard("street-address"), Literal::new_simple_literal(&a.street));
    g.add(s, vcard("postal-code"), Literal::new_simple_literal(&a.postcode));
    g.add(s, vcard("locality"), Literal::new_simple_literal(&a.city));
    g.add(s, vcard("country-name"), Literal::new_simple_literal("Nederland"));
}

/// An e-mail address as the rest of a `mailto:` IRI: every byte outside
/// the unreserved characters and `@` percent-encoded.
#[cfg(feature = "render")]
fn percent_encode_mailbox(email: &str) -> String {
    email.split('@').map(percent_encode).collect::<Vec<_>>().join("@")
}
