//! Popolo JSON.
//!
//! Properties follow the Popolo schemas (organization.json, post.json,
//! membership.json, person.json at popoloproject.com/schemas): ids are the
//! same IRIs as in the ORG export, so the two can be joined.

use std::io::{self, Write};

use serde::Serialize;

use super::{ExportOptions, percent_encode};
use crate::diagnostic::natural_cmp;
use crate::model::{Design, Period};

#[derive(Serialize)]
struct Organization {
    id: String,
    name: String,
    classification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    founding_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dissolution_date: Option<String>,
}

#[derive(Serialize)]
struct Post {
    id: String,
    label: String,
    role: String,
    organization_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Serialize)]
struct Membership {
    id: String,
    label: String,
    role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    person_id: Option<String>,
    organization_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Serialize)]
struct Person {
    id: String,
    name: String,
}

fn dates(p: Period) -> (Option<String>, Option<String>) {
    (p.from.map(|d| d.to_string()), p.until.map(|d| d.to_string()))
}

/// One top-level array of the document, written element by element in
/// serde_json's pretty layout (as if the whole document were written at once).
struct Array<'w> {
    w: &'w mut dyn Write,
    items: usize,
}

impl<'w> Array<'w> {
    /// Starts the array `name`; `first` says whether it is the document's first member.
    fn start(w: &'w mut dyn Write, name: &str, first: bool) -> io::Result<Self> {
        w.write_all(if first { b"{\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *w, name)?;
        w.write_all(b": [")?;
        Ok(Array { w, items: 0 })
    }

    fn push(&mut self, item: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_vec_pretty(item)?;
        self.w.write_all(if self.items == 0 { b"\n    " } else { b",\n    " })?;
        self.items += 1;
        // Indent the element's own lines by two levels; JSON strings hold no raw line break.
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.w.write_all(b"\n    ")?;
            }
            self.w.write_all(line)?;
        }
        Ok(())
    }

    fn end(self) -> io::Result<()> {
        self.w.write_all(if self.items == 0 { b"]" } else { b"\n  ]" })
    }
}

/// Writes the Popolo document of a design whose IRI is `top`.
pub(super) fn write(d: &Design, options: &ExportOptions<'_>, top: &str, w: &mut dyn Write) -> io::Result<()> {
    let under = |kind: &str, key: &str| format!("{top}/{kind}/{}", percent_encode(key));
    let unit_id = |u: Option<crate::UnitId>| u.and_then(|u| d.unit(u)).map(|u| under("units", &u.key));

    let mut organizations = Array::start(w, "organizations", true)?;
    organizations.push(&Organization {
        id: top.to_owned(),
        name: d.name().to_owned(),
        classification: "organisation".into(),
        parent_id: None,
        description: None,
        founding_date: None,
        dissolution_date: None,
    })?;
    let mut units: Vec<_> = d.units().collect();
    units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for u in units {
        let (founding_date, dissolution_date) = dates(u.valid);
        organizations.push(&Organization {
            id: under("units", &u.key),
            name: u.name.clone(),
            classification: u.kind.as_str().to_owned(),
            parent_id: Some(unit_id(u.parent).unwrap_or_else(|| top.to_owned())),
            description: u.kernopdracht.clone(),
            founding_date,
            dissolution_date,
        })?;
    }
    // Parties outside the organisation: no parent, classified by their kind.
    let mut parties: Vec<_> = d.parties().collect();
    parties.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for p in parties {
        let (founding_date, dissolution_date) = dates(p.valid);
        organizations.push(&Organization {
            id: under("parties", &p.key),
            name: p.name.clone(),
            classification: p.kind.as_str().to_owned(),
            parent_id: None,
            description: None,
            founding_date,
            dissolution_date,
        })?;
    }
    organizations.end()?;

    let mut posts_sorted: Vec<_> = d.posts().collect();
    posts_sorted.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let role_name = |key: &str| d.role(key).map_or_else(|| key.to_owned(), |r| r.name.to_string());
    let mut posts = Array::start(w, "posts", false)?;
    for p in posts_sorted {
        let (start_date, end_date) = dates(p.valid);
        posts.push(&Post {
            id: under("posts", &p.key),
            label: p.title.to_string(),
            role: role_name(&p.role),
            organization_id: unit_id(p.unit).unwrap_or_else(|| top.to_owned()),
            start_date,
            end_date,
        })?;
    }
    posts.end()?;

    let mut memberships = Array::start(w, "memberships", false)?;
    // A post's membership of a unit outside its own placement: a community,
    // a unit it is placed in for a period, or an aandachtsgebied.
    let post_in =
        |id: String, label: String, role: &str, post: &crate::model::Post, unit: &crate::model::Unit, valid| {
            let (start_date, end_date) = dates(valid);
            Membership {
                id,
                label,
                role: role.into(),
                person_id: None,
                organization_id: under("units", &unit.key),
                post_id: Some(under("posts", &post.key)),
                start_date,
                end_date,
            }
        };
    let mut ms: Vec<_> = d.memberships().collect();
    ms.sort_by_key(|m| m.id);
    for m in ms {
        let (Some(post), Some(unit)) = (d.post(m.post), d.unit(m.community)) else { continue };
        let label = format!("{} in {}", post.title, unit.name);
        memberships.push(&post_in(under("memberships", &m.id.to_string()), label, "member", post, unit, m.valid))?;
    }
    // A post placed in units one after another: one membership per period,
    // the post's `organization_id` naming the last unit.
    let mut dated: Vec<_> = d.posts().filter(|p| p.dated.as_deref().is_some_and(|x| !x.unit.is_empty())).collect();
    dated.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for p in dated {
        for (i, spell) in p.dated.as_deref().map_or(&[][..], |x| x.unit.as_slice()).iter().enumerate() {
            let Some(unit) = d.unit(spell.value) else { continue };
            let id = format!("{}/unit/{i}", under("posts", &p.key));
            let label = format!("{} in {}", p.title, unit.name);
            memberships.push(&post_in(id, label, "post in unit", p, unit, spell.valid))?;
        }
    }
    // Portfolios: the post's membership of the unit it follows, as aandachtsgebied.
    let mut fs: Vec<_> = d.portfolios().collect();
    fs.sort_by_key(|f| f.id);
    for f in fs {
        let (Some(post), Some(unit)) = (d.post(f.post), d.unit(f.unit)) else { continue };
        let label = format!("{}: aandachtsgebied {}", post.title, unit.name);
        memberships.push(&post_in(
            under("portfolios", &f.id.to_string()),
            label,
            "aandachtsgebied",
            post,
            unit,
            f.valid,
        ))?;
    }
    // The people holding posts, by key; their Popolo objects are written after the memberships.
    let mut persons: Vec<&str> = Vec::new();
    if options.appointments {
        let mut apps: Vec<_> = d.appointments().collect();
        apps.sort_by_key(|a| a.id);
        let mut seen = std::collections::HashSet::new();
        for a in apps {
            let (Some(person), Some(post)) = (d.person(a.person), d.post(a.post)) else { continue };
            let (start_date, end_date) = dates(a.valid);
            if seen.insert(a.person) {
                persons.push(&person.key);
            }
            memberships.push(&Membership {
                id: under("appointments", &a.id.to_string()),
                label: post.title.to_string(),
                role: role_name(&post.role),
                person_id: Some(under("people", &person.key)),
                organization_id: unit_id(post.unit).unwrap_or_else(|| top.to_owned()),
                post_id: Some(under("posts", &post.key)),
                start_date,
                end_date,
            })?;
        }
    }
    memberships.end()?;
    if !persons.is_empty() {
        let mut ids: Vec<(String, &str)> = persons.into_iter().map(|key| (under("people", key), key)).collect();
        ids.sort_by(|a, b| natural_cmp(&a.0, &b.0));
        let mut out = Array::start(w, "persons", false)?;
        for (id, key) in ids {
            // Popolo requires a name; the key stands in, so no personal name leaves the design.
            out.push(&Person { id, name: key.to_owned() })?;
        }
        out.end()?;
    }
    w.write_all(b"\n}\n")
}
