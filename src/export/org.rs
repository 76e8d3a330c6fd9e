//! W3C ORG triples, and their Turtle and JSON-LD forms.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use super::{ExportError, ExportOptions, design_iri, percent_encode};
use crate::diagnostic::natural_cmp;
use crate::model::{Design, Period, PostId, SteeringKind, Target, UnitId};

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

struct Graph {
    triples: Vec<Triple>,
}

impl Graph {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.triples.push(Triple::new(NamedOrBlankNode::from(s.clone()), p, o));
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

/// Every triple of the ORG export, in a stable order (grouped by subject).
///
/// Complexity: O(n log n) in the elements of the design(s).
///
/// # Errors
/// [`ExportError::BadBase`] when a base is not an absolute IRI, and
/// [`ExportError::SameIri`] when the original and the resulting design of a
/// transition would get the same IRI.
pub fn org_triples(design: &Design, options: &ExportOptions<'_>) -> Result<Vec<Triple>, ExportError> {
    let mut g = Graph { triples: Vec::new() };
    vocabulary(&mut g);
    let new_iri = design_iri(&options.base, design)?;
    let new = design_triples(&mut g, design, &new_iri, options.appointments);
    if let Some(old) = options.changed_from {
        let old_base = options.changed_from_base.as_deref().unwrap_or(&options.base);
        let old_iri = design_iri(old_base, old)?;
        if old_iri == new_iri {
            return Err(ExportError::SameIri { iri: new_iri });
        }
        let old = design_triples(&mut g, old, &old_iri, options.appointments);
        let event =
            NamedNode::new_unchecked(format!("{new_iri}/change-from/{}", percent_encode(options_name(options))));
        g.add(&event, rdf::TYPE.into(), org("ChangeEvent"));
        g.label(&event, &format!("reorganisation from {} to {}", options_name(options), design.name()));
        g.add(&event, org("originalOrganization"), old.iris.design.clone());
        g.add(&event, org("resultingOrganization"), new.iris.design.clone());
        g.add(&old.iris.design, org("changedBy"), event.clone());
        g.add(&new.iris.design, org("resultedFrom"), event.clone());
        for (key, iri) in &old.units {
            if !new.units.contains_key(key) {
                g.add(iri, org("changedBy"), event.clone());
            }
        }
        for (key, iri) in &new.units {
            if !old.units.contains_key(key) {
                g.add(iri, org("resultedFrom"), event.clone());
            }
        }
    }
    Ok(g.triples)
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
        ("target", "the unit or post a steering assignment steers"),
        ("principal", "who commissions a steering assignment (opdrachtgever)"),
        ("escalation", "where a conflict between a steering assignment and the line is decided"),
        ("validDuring", "the time:Interval in which a unit, post or assignment exists"),
        (
            "unitKind",
            "the kind of a unit: directie, eenheid, team, subteam, pool, programme, area, community, collective or pop-up",
        ),
        ("fte", "the establishment of a post, or the share of a post held, in full-time equivalents"),
        ("scale", "the salary scale of a post"),
        ("temporary", "whether a post is temporary"),
        ("independent", "whether a post must keep a direct line to the directie, independent of its unit head"),
        ("head", "the post that heads a unit"),
        ("accountableTo", "accountability of a post outside the line, to a post or unit"),
        ("post", "the post held through an appointment (an org:Membership)"),
        ("acting", "whether an appointment is acting (waarnemend)"),
    ] {
        prop(g, local, local, comment, None);
    }
}

struct Exported {
    iris: Iris,
    /// Unit keys to IRIs.
    units: BTreeMap<String, NamedNode>,
}

fn design_triples(g: &mut Graph, d: &Design, iri: &str, appointments: bool) -> Exported {
    let iris = Iris { design: NamedNode::new_unchecked(iri) };
    let top = iris.design.clone();
    g.add(&top, rdf::TYPE.into(), org("FormalOrganization"));
    g.label(&top, d.name());

    let unit_iri: HashMap<UnitId, NamedNode> = d.units().map(|u| (u.id, iris.under("units", &u.key))).collect();
    let post_iri: HashMap<PostId, NamedNode> = d.posts().map(|p| (p.id, iris.under("posts", &p.key))).collect();
    let target = |t: Target| match t {
        Target::Post(p) => post_iri.get(&p).cloned(),
        Target::Unit(u) => unit_iri.get(&u).cloned(),
    };
    let mut units: Vec<_> = d.units().collect();
    units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let mut posts: Vec<_> = d.posts().collect();
    posts.sort_by(|a, b| natural_cmp(&a.key, &b.key));

    for u in &units {
        if u.parent.is_none() {
            g.add(&top, org("hasUnit"), iris.under("units", &u.key));
        }
    }
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
        g.interval(&s, hk("validDuring"), u.valid);
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
        g.interval(&s, hk("validDuring"), p.valid);
    }
    for u in &units {
        let s = iris.under("units", &u.key);
        for p in posts_in.get(&u.id).into_iter().flatten() {
            g.add(&s, org("hasPost"), iris.under("posts", p));
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

    // Community memberships: posts in units outside the line.
    let mut memberships: Vec<_> = d.memberships().collect();
    memberships.sort_by_key(|m| m.id);
    for m in &memberships {
        let (Some(post), Some(unit)) = (post_iri.get(&m.post), unit_iri.get(&m.community)) else { continue };
        let s = iris.under("memberships", &m.id.to_string());
        g.add(&s, rdf::TYPE.into(), org("Membership"));
        g.add(&s, org("member"), post.clone());
        g.add(&s, org("organization"), unit.clone());
        g.interval(&s, org("memberDuring"), m.valid);
        g.add(unit, org("hasMember"), post.clone());
    }

    // Horizontal steering.
    let mut assignments: Vec<_> = d.assignments().collect();
    assignments.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let unit_of = |t: Target| match t {
        Target::Unit(u) => unit_iri.get(&u).cloned(),
        Target::Post(p) => d.post(p).and_then(|p| p.unit).and_then(|u| unit_iri.get(&u).cloned()),
    };
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
        if let Some(t) = a.escalation.and_then(target) {
            g.add(&s, hk("escalation"), t);
        }
        if let Some(goal) = &a.goal {
            g.add(&s, n(DCTERMS, "description"), Literal::new_simple_literal(goal));
        }
        g.interval(&s, hk("validDuring"), a.valid);
        let from = unit_of(Target::Post(a.agent)).unwrap_or_else(|| top.clone());
        if let Some(to) = unit_of(a.target)
            && to != from
        {
            g.add(&from, hk(steering_property(a.kind)), to);
        }
    }

    if appointments {
        let mut apps: Vec<_> = d.appointments().collect();
        apps.sort_by_key(|a| a.id);
        for a in apps {
            let (Some(person), Some(post)) = (d.person(a.person), d.post(a.post)) else { continue };
            let pi = iris.under("people", &person.key);
            let post_i = iris.under("posts", &post.key);
            g.add(&pi, rdf::TYPE.into(), n(FOAF, "Person"));
            g.add(&pi, org("holds"), post_i.clone());
            g.add(&post_i, org("heldBy"), pi.clone());
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
    }
    Exported { iris, units: unit_map }
}

/// Turtle with the usual prefixes.
pub(super) fn turtle(triples: &[Triple]) -> Result<String, ExportError> {
    let mut ser = oxttl::TurtleSerializer::new();
    for (p, iri) in PREFIXES {
        ser = ser.with_prefix(p, iri).map_err(|e| ExportError::Write(e.to_string()))?;
    }
    let mut w = ser.for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t).map_err(|e| ExportError::Write(e.to_string()))?;
    }
    let bytes = w.finish().map_err(|e| ExportError::Write(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Write(e.to_string()))
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

/// JSON-LD: a `@context` with the prefixes and a `@graph` with one node object per subject.
pub(super) fn jsonld(triples: &[Triple]) -> Result<String, ExportError> {
    use serde_json::{Map, Value, json};
    let mut context = Map::new();
    for (p, iri) in PREFIXES {
        context.insert(p.to_owned(), Value::String(iri.to_owned()));
    }
    // Subjects in order of first appearance; properties in order too.
    let mut order: Vec<String> = Vec::new();
    let mut nodes: HashMap<String, Map<String, Value>> = HashMap::new();
    for t in triples {
        let NamedOrBlankNode::NamedNode(s) = &t.subject else { continue };
        let node = nodes.entry(s.as_str().to_owned()).or_insert_with(|| {
            order.push(s.as_str().to_owned());
            let mut m = Map::new();
            m.insert("@id".into(), Value::String(s.as_str().to_owned()));
            m
        });
        let (key, value) = if t.predicate.as_ref() == rdf::TYPE {
            let Term::NamedNode(o) = &t.object else { continue };
            ("@type".to_owned(), Value::String(compact(o.as_str())))
        } else {
            let v = match &t.object {
                Term::NamedNode(o) => json!({ "@id": o.as_str() }),
                Term::Literal(l) => {
                    if l.datatype() == xsd::STRING {
                        Value::String(l.value().to_owned())
                    } else {
                        json!({ "@value": l.value(), "@type": compact(l.datatype().as_str()) })
                    }
                }
                _ => continue,
            };
            (compact(t.predicate.as_str()), v)
        };
        match node.get_mut(&key) {
            Some(Value::Array(a)) => a.push(value),
            _ => {
                node.insert(key, Value::Array(vec![value]));
            }
        }
    }
    let graph: Vec<Value> = order.iter().filter_map(|s| nodes.remove(s)).map(Value::Object).collect();
    let doc = json!({ "@context": Value::Object(context), "@graph": graph });
    let mut s = serde_json::to_string_pretty(&doc).map_err(|e| ExportError::Write(e.to_string()))?;
    s.push('\n');
    Ok(s)
}
