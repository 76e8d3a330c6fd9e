//! Popolo JSON.
//!
//! Properties follow the Popolo schemas (organization.json, post.json,
//! membership.json, person.json at popoloproject.com/schemas): ids are the
//! same IRIs as in the ORG export, so the two can be joined.

use serde::Serialize;

use super::{ExportError, ExportOptions, design_iri, percent_encode};
use crate::diagnostic::natural_cmp;
use crate::model::{Design, Period};

#[derive(Serialize)]
struct Document {
    organizations: Vec<Organization>,
    posts: Vec<Post>,
    memberships: Vec<Membership>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    persons: Vec<Person>,
}

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

pub(super) fn write(d: &Design, options: &ExportOptions<'_>) -> Result<String, ExportError> {
    let top = design_iri(&options.base, d)?;
    let under = |kind: &str, key: &str| format!("{top}/{kind}/{}", percent_encode(key));
    let unit_id = |u: Option<crate::UnitId>| u.and_then(|u| d.unit(u)).map(|u| under("units", &u.key));

    let mut organizations = vec![Organization {
        id: top.clone(),
        name: d.name().to_owned(),
        classification: "organisation".into(),
        parent_id: None,
        description: None,
        founding_date: None,
        dissolution_date: None,
    }];
    let mut units: Vec<_> = d.units().collect();
    units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for u in units {
        let (founding_date, dissolution_date) = dates(u.valid);
        organizations.push(Organization {
            id: under("units", &u.key),
            name: u.name.clone(),
            classification: u.kind.as_str().to_owned(),
            parent_id: Some(unit_id(u.parent).unwrap_or_else(|| top.clone())),
            description: u.kernopdracht.clone(),
            founding_date,
            dissolution_date,
        });
    }

    let mut posts_sorted: Vec<_> = d.posts().collect();
    posts_sorted.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let role_name = |key: &str| d.role(key).map_or_else(|| key.to_owned(), |r| r.name.to_string());
    let posts = posts_sorted
        .iter()
        .map(|p| {
            let (start_date, end_date) = dates(p.valid);
            Post {
                id: under("posts", &p.key),
                label: p.title.clone(),
                role: role_name(&p.role),
                organization_id: unit_id(p.unit).unwrap_or_else(|| top.clone()),
                start_date,
                end_date,
            }
        })
        .collect();

    let mut memberships = Vec::new();
    let mut ms: Vec<_> = d.memberships().collect();
    ms.sort_by_key(|m| m.id);
    for m in ms {
        let (Some(post), Some(unit)) = (d.post(m.post), d.unit(m.community)) else { continue };
        let (start_date, end_date) = dates(m.valid);
        memberships.push(Membership {
            id: under("memberships", &m.id.to_string()),
            label: format!("{} in {}", post.title, unit.name),
            role: "member".into(),
            person_id: None,
            organization_id: under("units", &unit.key),
            post_id: Some(under("posts", &post.key)),
            start_date,
            end_date,
        });
    }
    let mut persons = Vec::new();
    if options.appointments {
        let mut apps: Vec<_> = d.appointments().collect();
        apps.sort_by_key(|a| a.id);
        let mut seen = std::collections::BTreeSet::new();
        for a in apps {
            let (Some(person), Some(post)) = (d.person(a.person), d.post(a.post)) else { continue };
            let (start_date, end_date) = dates(a.valid);
            let pid = under("people", &person.key);
            if seen.insert(person.key.clone()) {
                // Popolo requires a name; the key stands in, so no personal name leaves the design.
                persons.push(Person { id: pid.clone(), name: person.key.clone() });
            }
            memberships.push(Membership {
                id: under("appointments", &a.id.to_string()),
                label: post.title.clone(),
                role: role_name(&post.role),
                person_id: Some(pid),
                organization_id: unit_id(post.unit).unwrap_or_else(|| top.clone()),
                post_id: Some(under("posts", &post.key)),
                start_date,
                end_date,
            });
        }
        persons.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    }
    let doc = Document { organizations, posts, memberships, persons };
    let mut s = serde_json::to_string_pretty(&doc).map_err(|e| ExportError::Write(e.to_string()))?;
    s.push('\n');
    Ok(s)
}
