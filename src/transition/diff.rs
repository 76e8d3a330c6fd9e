//! The design diff: what happens to every post and unit between two designs.
//!
//! Posts and units are matched by key; a [`KeyMapping`] renames old keys to
//! new ones first. Functions are compared by code. The establishment per unit
//! counts the FTE of the posts in it, and splits it into occupied FTE (held by
//! appointments, at most the post's FTE) and vacant FTE.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::fx::HashMap;

use serde::Serialize;

use crate::model::{Design, NaturalKey, Post, PostId, natural_cmp};
use crate::number::num;
use crate::text::Shown;

/// Renames of keys from the old design to the new one. Keys not listed keep their name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyMapping {
    /// Old post key → new post key.
    pub posts: BTreeMap<String, String>,
    /// Old unit key → new unit key.
    pub units: BTreeMap<String, String>,
}

impl KeyMapping {
    /// The new key of an old post.
    pub fn post<'a>(&'a self, old: &'a str) -> &'a str {
        self.posts.get(old).map_or(old, String::as_str)
    }
    /// The new key of an old unit.
    pub fn unit<'a>(&'a self, old: &'a str) -> &'a str {
        self.units.get(old).map_or(old, String::as_str)
    }
}

/// What happened to a post or unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Action {
    /// In both designs, the same.
    Unchanged,
    /// Only in the new design.
    New,
    /// In both, with a different function, FTE or scale (or, for a unit, name, kind, leadership
    /// or formatie).
    Changed,
    /// In both, only placed elsewhere: another unit (posts) or parent (units), perhaps another line manager.
    Moved,
    /// Only in the old design.
    Closed,
}

impl Action {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Unchanged => "unchanged",
            Action::New => "new",
            Action::Changed => "changed",
            Action::Moved => "moved",
            Action::Closed => "closed",
        }
    }
}

/// A field that differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Field {
    /// The unit a post is placed in.
    Unit,
    /// The line manager of a post.
    LineManager,
    /// The function of a post.
    Function,
    /// The FTE of a post.
    Fte,
    /// The scale of a post.
    Scale,
    /// The name of a unit.
    Name,
    /// The kind of a unit.
    Kind,
    /// The parent of a unit.
    Parent,
    /// How a unit is led: `collective`, `self-steering` with the post it
    /// answers to and its coach, or empty for a unit led through the line.
    Leadership,
    /// Where a post is accountable outside the line, as a path
    /// (`units/directie`, `parties/college`).
    AccountableTo,
    /// The units a post follows as aandachtsgebied, by key.
    Portfolio,
    /// The formatie of a unit: the FTE of the posts placed in it.
    Establishment,
}

impl Field {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Unit => "unit",
            Field::LineManager => "line-manager",
            Field::Function => "function",
            Field::Fte => "fte",
            Field::Scale => "scale",
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Parent => "parent",
            Field::Leadership => "leadership",
            Field::AccountableTo => "accountable-to",
            Field::Portfolio => "aandachtsgebieden",
            Field::Establishment => "establishment",
        }
    }
}

/// One difference: a field, with the old and new value as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The field.
    pub field: Field,
    /// The old value (empty when none).
    pub old: String,
    /// The new value (empty when none).
    pub new: String,
}

/// What happened to one post.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PostDiff {
    /// The key in the old design, if it was there.
    pub old_key: Option<String>,
    /// The key in the new design, if it is there.
    pub new_key: Option<String>,
    /// The action.
    pub action: Action,
    /// The fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// What happened to one unit, with its establishment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UnitDiff {
    /// The key in the old design, if it was there.
    pub old_key: Option<String>,
    /// The key in the new design, if it is there.
    pub new_key: Option<String>,
    /// The name (the new one when the unit is in the new design).
    pub name: String,
    /// The action.
    pub action: Action,
    /// The fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// The establishment old → new.
    pub establishment: Establishment,
}

/// The establishment (formatie) of a unit in FTE, old → new.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Establishment {
    /// The old establishment.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub old_fte: f64,
    /// The part of it held by appointments.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub old_occupied: f64,
    /// The part of it not held.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub old_vacant: f64,
    /// The new establishment.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub new_fte: f64,
    /// The part of it held (by appointments in the new design, or by placements in a transition).
    #[serde(serialize_with = "crate::number::json::fte")]
    pub new_occupied: f64,
    /// The part of it not held.
    #[serde(serialize_with = "crate::number::json::fte")]
    pub new_vacant: f64,
}

impl Establishment {
    /// Adds another establishment's figures to these, as for a total.
    pub(super) fn add(&mut self, e: &Establishment) {
        self.old_fte += e.old_fte;
        self.old_occupied += e.old_occupied;
        self.old_vacant += e.old_vacant;
        self.new_fte += e.new_fte;
        self.new_occupied += e.new_occupied;
        self.new_vacant += e.new_vacant;
    }

    /// The six figures as shown, in their one order: old total, occupied and
    /// vacant, then new total, occupied and vacant.
    pub(super) fn figures(&self) -> [String; 6] {
        [self.old_fte, self.old_occupied, self.old_vacant, self.new_fte, self.new_occupied, self.new_vacant].map(num)
    }

    /// [`Establishment::figures`] in the number conventions of a style.
    pub(super) fn figures_in(&self, style: crate::number::Style) -> [String; 6] {
        [self.old_fte, self.old_occupied, self.old_vacant, self.new_fte, self.new_occupied, self.new_vacant]
            .map(|x| style.num(x))
    }
}

/// What happened to one party outside the organisation (matched by key).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PartyDiff {
    /// The key in the old design, if it was there.
    pub old_key: Option<String>,
    /// The key in the new design, if it is there.
    pub new_key: Option<String>,
    /// The action: unchanged, new, changed (name or kind) or closed.
    pub action: Action,
    /// The fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// The diff of two designs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DesignDiff {
    /// Per post, old keys first in natural order, then new posts.
    pub posts: Vec<PostDiff>,
    /// Per unit, with the establishment. Posts without a unit count under the key `(none)`.
    pub units: Vec<UnitDiff>,
    /// Posts per action.
    pub post_actions: BTreeMap<Action, usize>,
    /// Units per action.
    pub unit_actions: BTreeMap<Action, usize>,
    /// The whole establishment.
    pub total: Establishment,
    /// Per party outside the organisation, in natural key order: old ones
    /// first, then new ones. Left out of the JSON when neither design has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyDiff>,
}

impl DesignDiff {
    /// The readable text: counts per action, then every post and every unit with its
    /// establishment (FTE total / occupied / vacant, old → new). `old_name` and `new_name`
    /// head it, usually the designs' names.
    pub fn to_text(&self, old_name: &str, new_name: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} → {}", Shown(old_name), Shown(new_name));
        let counts = |m: &BTreeMap<Action, usize>| {
            m.iter().map(|(a, n)| format!("{n} {}", a.as_str())).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(s, "  posts: {}", counts(&self.post_actions));
        let _ = writeln!(s, "  units: {}", counts(&self.unit_actions));
        let _ = writeln!(s, "\nPosts");
        for p in &self.posts {
            let key = renamed(p.old_key.as_deref(), p.new_key.as_deref(), "");
            let _ = write!(s, "  {:<9} {}", p.action.as_str(), Shown(&key));
            write_changes(&mut s, &p.changes);
            s.push('\n');
        }
        let _ = writeln!(s, "\nUnits (FTE total / occupied / vacant, old → new)");
        for u in &self.units {
            let key = renamed(u.old_key.as_deref(), u.new_key.as_deref(), &u.name);
            let _ = write!(s, "  {:<9} {}: {}", u.action.as_str(), Shown(&key), establishment(&u.establishment));
            write_changes(&mut s, &u.changes);
            s.push('\n');
        }
        let _ = writeln!(s, "  total: {}", establishment(&self.total));
        if !self.parties.is_empty() {
            let _ = writeln!(s, "\nParties outside the organisation");
            for p in &self.parties {
                let key = renamed(p.old_key.as_deref(), p.new_key.as_deref(), "");
                let _ = write!(s, "  {:<9} {}", p.action.as_str(), Shown(&key));
                write_changes(&mut s, &p.changes);
                s.push('\n');
            }
        }
        s
    }

    /// The JSON contract (version 1): this diff with a `version` member, pretty, with a
    /// final newline.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Versioned<'a> {
            version: u32,
            #[serde(flatten)]
            diff: &'a DesignDiff,
        }
        let mut s = serde_json::to_string_pretty(&Versioned { version: 1, diff: self }).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// `old → new` for a renamed element, else its one key, else `fallback`.
pub(super) fn renamed(old: Option<&str>, new: Option<&str>, fallback: &str) -> String {
    match (old, new) {
        (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
        (Some(k), _) | (None, Some(k)) => k.to_owned(),
        (None, None) => fallback.to_owned(),
    }
}

fn establishment(e: &Establishment) -> String {
    let [old_fte, old_occupied, old_vacant, new_fte, new_occupied, new_vacant] = e.figures();
    format!("{old_fte} / {old_occupied} / {old_vacant} → {new_fte} / {new_occupied} / {new_vacant}")
}

/// The changes in brackets, but for a unit's formatie: its figures are shown beside it.
fn write_changes(s: &mut String, changes: &[Change]) {
    let or_none = |v: &str| if v.is_empty() { "(none)".to_owned() } else { v.to_owned() };
    let changes: Vec<String> = changes
        .iter()
        .filter(|c| c.field != Field::Establishment)
        .map(|c| format!("{}: {} → {}", c.field.as_str(), or_none(&c.old), or_none(&c.new)))
        .collect();
    if !changes.is_empty() {
        let _ = write!(s, " ({})", Shown(&changes.join("; ")));
    }
}

/// The FTE of each post held by its (non-acting) appointments, at most the post's FTE, in the
/// order of `design.posts()`.
pub(crate) fn occupied(design: &Design) -> Vec<f64> {
    // Sorted lists walked side by side rather than a hash map by id: 100,000 lookups of
    // random ids each miss the cache.
    let posts: Vec<&Post> = design.posts().collect();
    let mut by_id: Vec<(PostId, usize)> = posts.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    // The design lists them by id already: then this sort is one pass.
    by_id.sort_unstable_by_key(|x| x.0);
    let mut held: Vec<(PostId, f64)> = design.appointments().filter(|a| !a.acting).map(|a| (a.post, a.fte)).collect();
    // Stable: each post's FTE is summed in the appointments' order.
    held.sort_by_key(|h| h.0);
    let mut occ = vec![0.0; posts.len()];
    let mut next = held.iter().peekable();
    for &(id, i) in &by_id {
        while next.next_if(|h| h.0 < id).is_some() {}
        let mut sum: Option<f64> = None;
        while let Some(h) = next.next_if(|h| h.0 == id) {
            sum = Some(sum.unwrap_or(0.0) + h.1);
        }
        if let Some(s) = sum {
            occ[i] = s.min(posts[i].fte);
        }
    }
    occ
}

pub(crate) const NO_UNIT: &str = "(none)";

/// Compares two designs post by post and unit by unit.
///
/// ```
/// use harkje::{Design, Post, Unit, UnitKind};
/// use harkje::transition::{diff, Action, KeyMapping};
///
/// let mut old = Design::new("oud");
/// let u = old.add_unit(Unit::new("wmo", "Wmo", UnitKind::Team))?;
/// let mut p = Post::new("consulent", "Consulent", "medewerker");
/// p.unit = Some(u);
/// old.add_post(p)?;
/// let mut new = Design::new("nieuw");
/// let u = new.add_unit(Unit::new("sociaal", "Sociaal", UnitKind::Team))?;
/// let mut p = Post::new("consulent", "Consulent", "medewerker");
/// p.unit = Some(u);
/// new.add_post(p)?;
///
/// let mut keys = KeyMapping::default();
/// keys.units.insert("wmo".into(), "sociaal".into());
/// let d = diff(&old, &new, &keys);
/// assert_eq!(d.posts[0].action, Action::Unchanged);
/// # Ok::<(), harkje::EditError>(())
/// ```
///
/// # Complexity
/// Linear in the number of posts, units and appointments, plus sorting.
pub fn diff(old: &Design, new: &Design, keys: &KeyMapping) -> DesignDiff {
    let posts = post_diffs(old, new, keys);
    let units = unit_diffs(old, new, keys);
    let mut total = Establishment::default();
    for u in &units {
        total.add(&u.establishment);
    }
    let mut post_actions = BTreeMap::new();
    for p in &posts {
        *post_actions.entry(p.action).or_insert(0) += 1;
    }
    let mut unit_actions = BTreeMap::new();
    for u in &units {
        if u.old_key.is_some() || u.new_key.is_some() {
            *unit_actions.entry(u.action).or_insert(0) += 1;
        }
    }
    let parties = party_diffs(old, new);
    DesignDiff { posts, units, post_actions, unit_actions, total, parties }
}

/// What happens to every party: matched by key, old ones first in natural
/// order, then new ones.
fn party_diffs(old: &Design, new: &Design) -> Vec<PartyDiff> {
    let mut out = Vec::new();
    let mut olds: Vec<_> = old.parties().collect();
    olds.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for o in olds {
        let Some(n) = new.party_by_key(&o.key) else {
            out.push(PartyDiff {
                old_key: Some(o.key.clone()),
                new_key: None,
                action: Action::Closed,
                changes: vec![],
            });
            continue;
        };
        let mut changes = Vec::new();
        if o.name != n.name {
            changes.push(Change { field: Field::Name, old: o.name.clone(), new: n.name.clone() });
        }
        if o.kind != n.kind {
            changes.push(Change { field: Field::Kind, old: o.kind.as_str().into(), new: n.kind.as_str().into() });
        }
        let action = if changes.is_empty() { Action::Unchanged } else { Action::Changed };
        out.push(PartyDiff { old_key: Some(o.key.clone()), new_key: Some(n.key.clone()), action, changes });
    }
    let mut news: Vec<_> = new.parties().filter(|p| old.party_by_key(&p.key).is_none()).collect();
    news.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for n in news {
        out.push(PartyDiff { old_key: None, new_key: Some(n.key.clone()), action: Action::New, changes: vec![] });
    }
    out
}

/// Where a post is accountable outside the line, as a path; an old post's
/// post or unit is named by its new key (`keys`).
fn accountable(d: &Design, p: &Post, keys: Option<&KeyMapping>) -> String {
    use crate::model::Target;
    let Some(t) = p.accountable_to else { return String::new() };
    match (t, keys) {
        (Target::Post(id), Some(k)) => d.post(id).map(|q| format!("posts/{}", k.post(&q.key))),
        (Target::Unit(id), Some(k)) => d.unit(id).map(|u| format!("units/{}", k.unit(&u.key))),
        _ => None,
    }
    .unwrap_or_else(|| d.target_path(t))
}

/// The keys of the units each post follows as aandachtsgebied, sorted and
/// joined, by post id.
fn portfolios(d: &Design) -> HashMap<PostId, String> {
    let mut units: HashMap<PostId, Vec<&str>> = HashMap::default();
    for f in d.portfolios() {
        if let Some(u) = d.unit(f.unit) {
            units.entry(f.post).or_default().push(&u.key);
        }
    }
    units
        .into_iter()
        .map(|(p, mut keys)| {
            keys.sort_by(|a, b| natural_cmp(a, b));
            keys.dedup();
            (p, keys.join(", "))
        })
        .collect()
}

fn post_key(d: &Design, id: Option<PostId>) -> Option<&str> {
    id.and_then(|i| d.post(i)).map(|p| p.key.as_str())
}
fn unit_key<'a>(d: &'a Design, p: &Post) -> Option<&'a str> {
    p.unit.and_then(|u| d.unit(u)).map(|u| u.key.as_str())
}
fn function_key<'a>(d: &'a Design, p: &Post) -> Option<&'a str> {
    p.function.and_then(|f| d.function(f)).map(|f| f.key.as_str())
}
fn owned(x: Option<&str>) -> String {
    x.map(str::to_owned).unwrap_or_default()
}

/// What happens to every post: old keys first in natural order, then new posts.
fn post_diffs(old: &Design, new: &Design, keys: &KeyMapping) -> Vec<PostDiff> {
    let (old_portfolios, new_portfolios) = (portfolios(old), portfolios(new));
    let new_list: Vec<&Post> = new.posts().collect();
    let new_posts: HashMap<&str, usize> = new_list.iter().enumerate().map(|(i, p)| (p.key.as_str(), i)).collect();
    let mut posts = Vec::with_capacity(old.posts().len() + new.posts().len());
    let mut matched = vec![false; new_list.len()];
    let mut old_posts: Vec<(NaturalKey<'_>, &Post)> = old.posts().map(|p| (NaturalKey::new(&p.key), p)).collect();
    old_posts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, o) in old_posts {
        let nk = keys.post(&o.key);
        let Some(&ni) = new_posts.get(nk) else {
            posts.push(PostDiff {
                old_key: Some(o.key.to_string()),
                new_key: None,
                action: Action::Closed,
                changes: vec![],
            });
            continue;
        };
        matched[ni] = true;
        let n = new_list[ni];
        let mut changes = Vec::new();
        let ou = unit_key(old, o).map(|k| keys.unit(k));
        let nu = unit_key(new, n);
        if ou != nu {
            changes.push(Change { field: Field::Unit, old: owned(ou), new: owned(nu) });
        }
        let om = post_key(old, o.reports_to).map(|k| keys.post(k));
        let nm = post_key(new, n.reports_to);
        if om != nm {
            changes.push(Change { field: Field::LineManager, old: owned(om), new: owned(nm) });
        }
        let (of, nf) = (function_key(old, o), function_key(new, n));
        if of != nf {
            changes.push(Change { field: Field::Function, old: owned(of), new: owned(nf) });
        }
        if (o.fte - n.fte).abs() > 1e-9 {
            changes.push(Change { field: Field::Fte, old: num(o.fte), new: num(n.fte) });
        }
        if o.scale != n.scale {
            let s = |x: Option<u8>| x.map(|v| v.to_string()).unwrap_or_default();
            changes.push(Change { field: Field::Scale, old: s(o.scale), new: s(n.scale) });
        }
        let (oa, na) = (accountable(old, o, Some(keys)), accountable(new, n, None));
        if oa != na {
            changes.push(Change { field: Field::AccountableTo, old: oa, new: na });
        }
        let (of, nf) = (old_portfolios.get(&o.id).cloned(), new_portfolios.get(&n.id).cloned());
        if of != nf {
            changes.push(Change { field: Field::Portfolio, old: of.unwrap_or_default(), new: nf.unwrap_or_default() });
        }
        let action = if changes.is_empty() {
            Action::Unchanged
        } else if changes.iter().all(|c| matches!(c.field, Field::Unit | Field::LineManager))
            && changes.iter().any(|c| c.field == Field::Unit)
        {
            Action::Moved
        } else {
            Action::Changed
        };
        posts.push(PostDiff { old_key: Some(o.key.to_string()), new_key: Some(n.key.to_string()), action, changes });
    }
    let mut new_only: Vec<(NaturalKey<'_>, &Post)> =
        new_list.iter().enumerate().filter(|(i, _)| !matched[*i]).map(|(_, p)| (NaturalKey::new(&p.key), *p)).collect();
    new_only.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, n) in new_only {
        posts.push(PostDiff { old_key: None, new_key: Some(n.key.to_string()), action: Action::New, changes: vec![] });
    }

    posts
}

/// The change of a unit's formatie, when its FTE differs as shown (sums of many posts,
/// added in another order, may differ in their last bits; figures given to more places than
/// are shown may differ where no reader can see it).
fn formatie_change(e: &Establishment) -> Option<Change> {
    let (old, new) = (num(e.old_fte), num(e.new_fte));
    (old != new).then_some(Change { field: Field::Establishment, old, new })
}

/// How a unit is led, as text for [`Field::Leadership`]: `collective`,
/// `self-steering` with the keys of the post it answers to and its coach, or
/// empty.
fn leadership(d: &Design, u: &crate::Unit) -> String {
    if let Some(team) = u.self_steering {
        let key = |p: Option<crate::PostId>| p.and_then(|p| d.post(p)).map_or("none", |p| p.key.as_str()).to_owned();
        return format!("self-steering, answers to {}, coach {}", key(team.accountable_to), key(team.coach));
    }
    if u.collective_leadership { "collective".into() } else { String::new() }
}

/// What happens to every unit, with its establishment.
pub(crate) fn unit_diffs<'a>(old: &'a Design, new: &'a Design, keys: &'a KeyMapping) -> Vec<UnitDiff> {
    let old_occ = occupied(old);
    let new_occ = occupied(new);
    // Each unit's key (the old ones renamed) by id: a small map, looked up once per post.
    let old_unit_keys: HashMap<crate::UnitId, &str> = old.units().map(|u| (u.id, keys.unit(&u.key))).collect();
    let new_unit_keys: HashMap<crate::UnitId, &str> = new.units().map(|u| (u.id, &*u.key)).collect();
    let key_of = |m: &HashMap<crate::UnitId, &'a str>, p: &Post| p.unit.and_then(|u| m.get(&u).copied());
    // Establishment per unit, keyed by the new key of the unit.
    let mut est: HashMap<&str, Establishment> = HashMap::default();
    for (p, &occ) in old.posts().zip(&old_occ) {
        let k = key_of(&old_unit_keys, p).unwrap_or(NO_UNIT);
        let e = est.entry(k).or_default();
        e.old_fte += p.fte;
        e.old_occupied += occ;
    }
    for (p, &occ) in new.posts().zip(&new_occ) {
        let k = key_of(&new_unit_keys, p).unwrap_or(NO_UNIT);
        let e = est.entry(k).or_default();
        e.new_fte += p.fte;
        e.new_occupied += occ;
    }
    for e in est.values_mut() {
        e.old_vacant = e.old_fte - e.old_occupied;
        e.new_vacant = e.new_fte - e.new_occupied;
    }

    let mut units = Vec::new();
    let mut seen_new: HashMap<&str, ()> = HashMap::default();
    let mut old_units: Vec<_> = old.units().collect();
    old_units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for o in old_units {
        let nk = keys.unit(&o.key);
        fn parent<'a>(d: &'a Design, u: &crate::Unit) -> Option<&'a str> {
            u.parent.and_then(|p| d.unit(p)).map(|p| p.key.as_str())
        }
        let Some(n) = new.unit_by_key(nk) else {
            units.push(UnitDiff {
                old_key: Some(o.key.clone()),
                new_key: None,
                name: o.name.clone(),
                action: Action::Closed,
                changes: vec![],
                establishment: est.remove(nk).unwrap_or_default(),
            });
            continue;
        };
        seen_new.insert(n.key.as_str(), ());
        let mut changes = Vec::new();
        if o.name != n.name {
            changes.push(Change { field: Field::Name, old: o.name.clone(), new: n.name.clone() });
        }
        if o.kind != n.kind {
            changes.push(Change { field: Field::Kind, old: o.kind.as_str().into(), new: n.kind.as_str().into() });
        }
        let (op, np) = (parent(old, o).map(|k| keys.unit(k)), parent(new, n));
        if op != np {
            changes.push(Change { field: Field::Parent, old: owned(op), new: owned(np) });
        }
        let (ol, nl) = (leadership(old, o), leadership(new, n));
        if ol != nl {
            changes.push(Change { field: Field::Leadership, old: ol, new: nl });
        }
        let establishment = est.remove(nk).unwrap_or_default();
        if let Some(change) = formatie_change(&establishment) {
            changes.push(change);
        }
        let action = if changes.is_empty() {
            Action::Unchanged
        } else if changes.iter().all(|c| c.field == Field::Parent) {
            Action::Moved
        } else {
            Action::Changed
        };
        units.push(UnitDiff {
            old_key: Some(o.key.clone()),
            new_key: Some(n.key.clone()),
            name: n.name.clone(),
            action,
            changes,
            establishment,
        });
    }
    let mut new_units: Vec<_> = new.units().filter(|u| !seen_new.contains_key(u.key.as_str())).collect();
    new_units.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    for n in new_units {
        units.push(UnitDiff {
            old_key: None,
            new_key: Some(n.key.clone()),
            name: n.name.clone(),
            action: Action::New,
            changes: vec![],
            establishment: est.remove(n.key.as_str()).unwrap_or_default(),
        });
    }
    // Posts without a unit, or in a unit renamed to a key that exists in neither design.
    let mut rest: Vec<(&str, Establishment)> = est.into_iter().collect();
    rest.sort_by(|a, b| natural_cmp(a.0, b.0));
    for (k, e) in rest {
        units.push(UnitDiff {
            old_key: None,
            new_key: None,
            name: k.to_owned(),
            action: if formatie_change(&e).is_some() { Action::Changed } else { Action::Unchanged },
            changes: vec![],
            establishment: e,
        });
    }

    units
}
