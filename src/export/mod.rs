//! Publishing a design as linked open data: W3C ORG (Turtle or JSON-LD) and Popolo JSON.
//!
//! # W3C ORG
//!
//! [The Organization Ontology](https://www.w3.org/TR/vocab-org/) (`org:`,
//! `http://www.w3.org/ns/org#`) is the W3C vocabulary for organisational
//! structure. The mapping:
//!
//! | harkje | ORG |
//! |---|---|
//! | the design | `org:FormalOrganization`, with `org:hasUnit` for its top units |
//! | a unit | `org:OrganizationalUnit`, `org:unitOf` its parent unit (or the design), and the reverse `org:hasUnit`; its kernopdracht as `org:purpose`; its kind as `harkje:unitKind`; a collective leadership as `harkje:collectiveLeadership true`; a self-steering team's accountable post and coach as `harkje:selfSteeringAccountableTo` and `harkje:teamCoach` |
//! | a post | `org:Post`, `org:postIn` its unit (or the design), `org:reportsTo` its line manager's post, `org:role` its role, `harkje:fte` |
//! | a role | `org:Role` |
//! | an appointment (opt-in, see [`ExportOptions::appointments`]) | `org:Membership` of the person in the post's unit, with `org:role`, `harkje:post` and `org:memberDuring` (a `time:Interval`); and `org:holds` / `org:heldBy` between person and post |
//! | a community membership | `org:Membership` of the post in the community (with `org:memberDuring` when dated), and `org:hasMember` |
//! | a steering assignment | a `harkje:SteeringAssignment` with its agent, target, principal, escalation point, goal and period; and between the agent's unit and the steered unit a `harkje:steers` sub-property per kind (`harkje:programmeSteering`, …), each a sub-property of `org:linkedTo` |
//! | accountability outside the line | `harkje:accountableTo`, to a post, unit or party |
//! | a party outside the organisation | `org:Organization` with `skos:prefLabel`, `skos:notation`, its kind as `harkje:partyKind` and `harkje:validDuring`; the design links to it with `org:linkedTo`, and an assignment's `harkje:principal`, `harkje:target` or `harkje:escalation` and a post's `harkje:accountableTo` may point to it |
//! | a chain of principals | the first as `harkje:principal`; each later link a `harkje:PrincipalLink` (`harkje:delegatedPrincipal` from the assignment) with `harkje:position` (2, 3, …) and the principal as `rdf:value` |
//! | a portfolio (aandachtsgebied) | `org:Membership` of the post in the unit with `org:role harkje:aandachtsgebied` and `org:memberDuring`; no `org:hasMember`, since the post follows the unit without belonging to it |
//! | old design → new design | `org:ChangeEvent` with `org:originalOrganization` and `org:resultingOrganization`; units only in the old design get `org:changedBy`, units only in the new one `org:resultedFrom` |
//!
//! Names of people, birth dates and salaries are never exported. People
//! appear only when [`ExportOptions::appointments`] is set, and then only by
//! their key.
//!
//! # The harkje vocabulary
//!
//! The few terms ORG lacks live in [`HARKJE_NS`]. Every export declares the
//! terms with `rdfs:label`, `rdfs:comment` and, for the steering properties,
//! `rdfs:subPropertyOf`, so a consumer that knows only ORG still sees every
//! steering line as an `org:linkedTo` between two units.
//!
//! # IRIs
//!
//! The design's IRI is the base IRI followed by its percent-encoded name;
//! units, posts, roles, people and assignments hang below it by key
//! (`…/units/<key>`, `…/posts/<key>`), with every character outside the
//! unreserved set of RFC 3986 percent-encoded as UTF-8. The default base is
//! `urn:harkje:`; publish with your own, such as `https://data.example.nl/org/`.
//!
//! # Popolo
//!
//! [Popolo](https://www.popoloproject.com/specs/) JSON: one document with
//! `organizations`, `posts`, `memberships` (and `persons` when appointments
//! are exported), using only the properties of the published Popolo schemas.
//! Popolo has no reporting line between posts and no horizontal steering, so
//! those are left out: use ORG to publish them. Parties are `organizations`
//! without a parent, classified by their kind (`college`, `partner`, …), and
//! a portfolio is a membership of the post in the unit with the role
//! `aandachtsgebied`.
//!
//! ```
//! use harkje::export::{self, ExportOptions};
//! use harkje::{DesignBuilder, UnitKind};
//!
//! let mut b = DesignBuilder::new("Voorbeeld");
//! b.unit("directie", "Directie", UnitKind::Directie);
//! b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
//! let design = b.build()?;
//! let ttl = export::to_org_turtle(&design, &ExportOptions::default())?;
//! assert!(ttl.contains("org:Post"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod org;
mod popolo;

use std::io;

use thiserror::Error;

use crate::model::Design;

pub use org::{HARKJE_NS, ORG_NS, org_triples};
#[cfg(feature = "render")]
pub(crate) use org::{WooUnit, write_woo_jsonld};

/// How to export: the defaults, changed with the `with_*` methods.
///
/// ```
/// use harkje::export::ExportOptions;
///
/// let options = ExportOptions::default().with_base("https://data.example.nl/org/").with_appointments(true);
/// assert_eq!(options.base, "https://data.example.nl/org/");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ExportOptions<'a> {
    /// The base IRI; the design's IRI is this followed by its percent-encoded name.
    pub base: String,
    /// Also export appointments (people by key, holding posts). Off by default:
    /// who holds which post is personal data.
    pub appointments: bool,
    /// Export a transition: this is the original design, the exported one the result.
    pub changed_from: Option<&'a Design>,
    /// The base IRI of the original design; the same as `base` when `None`.
    pub changed_from_base: Option<String>,
}

impl Default for ExportOptions<'_> {
    fn default() -> Self {
        ExportOptions {
            base: DEFAULT_BASE.to_owned(),
            appointments: false,
            changed_from: None,
            changed_from_base: None,
        }
    }
}

impl<'a> ExportOptions<'a> {
    /// Sets the base IRI (by default [`DEFAULT_BASE`]); the design's IRI is
    /// this followed by its percent-encoded name. It is checked when the
    /// export is made.
    #[must_use]
    pub fn with_base(mut self, base: impl Into<String>) -> Self {
        self.base = base.into();
        self
    }

    /// Also exports appointments (people by key, holding posts) when `yes`.
    /// Off by default: who holds which post is personal data.
    #[must_use]
    pub fn with_appointments(mut self, yes: bool) -> Self {
        self.appointments = yes;
        self
    }

    /// Exports a transition: `original` is the design before it, the exported
    /// design the result. `base` is the original's base IRI; `None` uses the
    /// same base as the result, which works when the two designs have
    /// different names.
    #[must_use]
    pub fn with_changed_from(mut self, original: &'a Design, base: Option<&str>) -> Self {
        self.changed_from = Some(original);
        self.changed_from_base = base.map(str::to_owned);
        self
    }
}

/// The default base IRI.
pub const DEFAULT_BASE: &str = "urn:harkje:";

/// An export that cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The base IRI is not an absolute IRI.
    #[error("the base `{base}` is not an absolute IRI ({message})")]
    BadBase {
        /// The base given.
        base: String,
        /// Why.
        message: String,
    },
    /// The original and the resulting design of a transition would get the same IRI.
    #[error("the original and the resulting design would both be `{iri}`: give the original its own base IRI")]
    SameIri {
        /// The IRI both would get.
        iri: String,
    },
    /// The target format cannot express a transition.
    #[error("popolo cannot express a transition: export it as org-turtle or org-jsonld")]
    NoTransition,
    /// Writing failed.
    #[error("cannot write the export: {0}")]
    Write(String),
}

/// A W3C ORG export that has been checked (base IRIs, a transition's two
/// IRIs) and is ready to write as Turtle or JSON-LD.
///
/// The writers make the triples one at a time and write them as they go, so
/// the memory they need does not grow with the export (only with the
/// design's own size); what they write is what [`to_org_turtle`] and
/// [`to_org_jsonld`] return.
///
/// ```
/// use harkje::export::{ExportOptions, OrgExport};
/// use harkje::{DesignBuilder, UnitKind};
///
/// let mut b = DesignBuilder::new("Voorbeeld");
/// b.unit("directie", "Directie", UnitKind::Directie);
/// let design = b.build()?;
/// let options = ExportOptions::default();
/// let export = OrgExport::new(&design, &options)?; // refusals come here, before any byte
/// let mut out = Vec::new();
/// export.write_turtle(&mut out)?; // only the writer can fail now
/// assert!(String::from_utf8(out)?.contains("org:OrganizationalUnit"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct OrgExport<'a> {
    plan: org::Plan<'a>,
}

impl<'a> OrgExport<'a> {
    /// Checks an export of `design` (and of the transition `options` may name).
    ///
    /// # Errors
    /// [`ExportError::BadBase`] or [`ExportError::SameIri`].
    pub fn new(design: &'a Design, options: &'a ExportOptions<'a>) -> Result<Self, ExportError> {
        Ok(OrgExport { plan: org::Plan::new(design, options)? })
    }

    /// Writes Turtle to `w`, triple by triple. Pass a buffered writer for a file.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_turtle(&self, mut w: impl io::Write) -> io::Result<()> {
        org::write_turtle(&self.plan, &mut w)
    }

    /// Writes JSON-LD to `w`, one node object at a time. Pass a buffered writer for a file.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_jsonld(&self, mut w: impl io::Write) -> io::Result<()> {
        org::write_jsonld(&self.plan, &mut w)
    }
}

/// A Popolo export that has been checked (the base IRI; no transition) and
/// is ready to write. Like [`OrgExport`], it writes as it goes.
pub struct PopoloExport<'a> {
    design: &'a Design,
    options: &'a ExportOptions<'a>,
    top: String,
}

impl<'a> PopoloExport<'a> {
    /// Checks a Popolo export of `design`.
    ///
    /// # Errors
    /// [`ExportError::NoTransition`] when `options` names an original design,
    /// or [`ExportError::BadBase`].
    pub fn new(design: &'a Design, options: &'a ExportOptions<'a>) -> Result<Self, ExportError> {
        if options.changed_from.is_some() {
            return Err(ExportError::NoTransition);
        }
        Ok(PopoloExport { design, options, top: design_iri(&options.base, design)? })
    }

    /// Writes the Popolo document to `w`, element by element. Pass a buffered writer for a file.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write(&self, mut w: impl io::Write) -> io::Result<()> {
        popolo::write(self.design, self.options, &self.top, &mut w)
    }
}

/// Writes the design (and transition, if asked) as W3C ORG in Turtle to `w`,
/// without holding the export in memory. Nothing is written when the export
/// is refused.
///
/// # Errors
/// As [`OrgExport::new`] says, or [`ExportError::Write`] when the writer fails
/// (use [`OrgExport`] to get the writer's own error).
pub fn write_org_turtle(w: impl io::Write, design: &Design, options: &ExportOptions<'_>) -> Result<(), ExportError> {
    OrgExport::new(design, options)?.write_turtle(w).map_err(write_error)
}

/// Writes the design (and transition, if asked) as W3C ORG in JSON-LD to
/// `w`, without holding the export in memory. See [`write_org_turtle`].
///
/// # Errors
/// As [`write_org_turtle`].
pub fn write_org_jsonld(w: impl io::Write, design: &Design, options: &ExportOptions<'_>) -> Result<(), ExportError> {
    OrgExport::new(design, options)?.write_jsonld(w).map_err(write_error)
}

/// Writes the design as a Popolo JSON document to `w`, without holding it in
/// memory. Nothing is written when the export is refused.
///
/// # Errors
/// As [`PopoloExport::new`] says, or [`ExportError::Write`] when the writer fails.
pub fn write_popolo(w: impl io::Write, design: &Design, options: &ExportOptions<'_>) -> Result<(), ExportError> {
    PopoloExport::new(design, options)?.write(w).map_err(write_error)
}

fn write_error(e: io::Error) -> ExportError {
    ExportError::Write(e.to_string())
}

/// Writes into a string with one of the writers above.
fn to_string(write: impl FnOnce(&mut Vec<u8>) -> Result<(), ExportError>) -> Result<String, ExportError> {
    let mut out = Vec::new();
    write(&mut out)?;
    String::from_utf8(out).map_err(|e| ExportError::Write(e.to_string()))
}

/// The design (and transition, if asked) as W3C ORG in Turtle.
/// [`write_org_turtle`] writes the same without holding it in memory.
///
/// # Errors
/// [`ExportError::BadBase`] when a base is not an absolute IRI,
/// [`ExportError::SameIri`] when the original and the resulting design of a
/// transition would get the same IRI, and [`ExportError::Write`] when the
/// triples cannot be written.
pub fn to_org_turtle(design: &Design, options: &ExportOptions<'_>) -> Result<String, ExportError> {
    to_string(|out| write_org_turtle(out, design, options))
}

/// The design (and transition, if asked) as W3C ORG in JSON-LD, one node
/// object per resource with prefixed names from a `@context`.
/// [`write_org_jsonld`] writes the same without holding it in memory.
///
/// # Errors
/// [`ExportError::BadBase`] when a base is not an absolute IRI,
/// [`ExportError::SameIri`] when the original and the resulting design of a
/// transition would get the same IRI, and [`ExportError::Write`] when the
/// triples cannot be written.
pub fn to_org_jsonld(design: &Design, options: &ExportOptions<'_>) -> Result<String, ExportError> {
    to_string(|out| write_org_jsonld(out, design, options))
}

/// The design as a Popolo JSON document. [`write_popolo`] writes the same
/// without holding it in memory.
///
/// # Errors
/// [`ExportError::NoTransition`] when the options ask for a transition, and
/// [`ExportError::BadBase`] when the base is not an absolute IRI.
pub fn to_popolo(design: &Design, options: &ExportOptions<'_>) -> Result<String, ExportError> {
    to_string(|out| write_popolo(out, design, options))
}

/// Percent-encodes every byte outside RFC 3986's unreserved characters
/// (`team a/b é` becomes `team%20a%2Fb%20%C3%A9`; tested through the IRIs of
/// the export).
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The IRI of a design under a base, checked.
pub(crate) fn design_iri(base: &str, design: &Design) -> Result<String, ExportError> {
    let iri = format!("{base}{}", percent_encode(design.name()));
    oxrdf::NamedNode::new(iri.clone())
        .map_err(|e| ExportError::BadBase { base: base.to_owned(), message: e.to_string() })?;
    if !base.contains(':') {
        return Err(ExportError::BadBase { base: base.to_owned(), message: "it has no scheme".into() });
    }
    Ok(iri)
}
