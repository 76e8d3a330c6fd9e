//! Mens volgt werk: where the work of every old unit and post goes on in the new design.
//!
//! A successor is given in the transition input (`[successors.units]`,
//! `[successors.posts]`, or a key rename in `[renames]`), and otherwise derived
//! where the designs leave one answer:
//!
//! - a **unit** goes on in the new unit with its key; failing that, in the one
//!   new unit that holds a post of every function its posts continue in (the
//!   successor of each old post's function, from the function comparison);
//! - a **post** goes on in the new post with its key; failing that, in the only
//!   post of its function's successor in its unit's successor, when no other old
//!   post claims that post.
//!
//! Each successor says how it was found ([`SuccessorBasis`]) and why, so the works
//! council can check it. Placement puts functievolgers and
//! herplaatsingskandidaten on a post that continues their own work first, and
//! [`diff`](super::diff()) matches posts and units through the same map.

use std::collections::BTreeMap;

use serde::Serialize;

use super::diff::KeyMapping;
use super::fx::HashMap;
use super::input::TransitionInput;
use crate::model::{Design, NaturalKey};

/// How a successor was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SuccessorBasis {
    /// Given in the transition input's `[successors]`.
    Given,
    /// Given as a key rename in the transition input's `[renames]`.
    Renamed,
    /// Derived: the new design has a unit or post with the same key.
    SameKey,
    /// Derived from the functions: for a unit, the one new unit where the
    /// functions of all its posts go on; for a post, the only post of its
    /// function's successor in its unit's successor.
    Functions,
}

impl SuccessorBasis {
    /// A short label: `given`, `renamed`, `same key` or `functions`.
    pub fn as_str(self) -> &'static str {
        match self {
            SuccessorBasis::Given => "given",
            SuccessorBasis::Renamed => "renamed",
            SuccessorBasis::SameKey => "same key",
            SuccessorBasis::Functions => "functions",
        }
    }

    /// Whether people gave it (rather than harkje deriving it).
    pub fn is_given(self) -> bool {
        matches!(self, SuccessorBasis::Given | SuccessorBasis::Renamed)
    }
}

/// Where the work of one old unit or post goes on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Successor {
    /// The old key.
    pub old: String,
    /// The new key; `None` when no successor is given and none can be derived.
    pub new: Option<String>,
    /// How it was found; `None` without a successor.
    pub basis: Option<SuccessorBasis>,
    /// Why, in words: the derivation, or why none could be made.
    pub why: String,
}

/// The successor map of a transition: every old unit, and every old post whose
/// successor is not simply the post with its own key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Successors {
    /// Every old unit, in the natural order of the keys.
    pub units: Vec<Successor>,
    /// The old posts with a successor under another key (given, renamed or
    /// derived from the functions), and those without one, in the natural
    /// order of the keys. A post with a same-key successor is left out.
    pub posts: Vec<Successor>,
    #[serde(skip)]
    unit_index: HashMap<String, usize>,
    #[serde(skip)]
    post_index: HashMap<String, usize>,
}

impl Successors {
    /// The successor of an old unit.
    pub fn unit(&self, old: &str) -> Option<&Successor> {
        self.unit_index.get(old).map(|&i| &self.units[i])
    }

    /// The successor of an old post, with its basis: listed, or the post with the
    /// same key in the new design (`has_new` tells whether the new design has a key).
    pub fn post<'a>(&'a self, old: &'a str, has_new: impl Fn(&str) -> bool) -> Option<(&'a str, SuccessorBasis)> {
        match self.post_index.get(old) {
            Some(&i) => {
                let s = &self.posts[i];
                Some((s.new.as_deref()?, s.basis?))
            }
            None => has_new(old).then_some((old, SuccessorBasis::SameKey)),
        }
    }

    /// The one-to-one successors under another key, as the key mapping
    /// [`diff`](super::diff()) matches posts and units with. A successor that
    /// several old elements share (a merge) is left out: the diff shows one old
    /// element per new one.
    pub fn key_mapping(&self) -> KeyMapping {
        fn one_to_one(list: &[Successor]) -> BTreeMap<String, String> {
            let mut count: HashMap<&str, usize> = HashMap::default();
            for s in list {
                if let Some(n) = &s.new {
                    *count.entry(n.as_str()).or_default() += 1;
                }
            }
            list.iter()
                .filter_map(|s| {
                    let n = s.new.as_ref()?;
                    (n != &s.old && count.get(n.as_str()) == Some(&1)).then(|| (s.old.clone(), n.clone()))
                })
                .collect()
        }
        KeyMapping { posts: one_to_one(&self.posts), units: one_to_one(&self.units) }
    }
}

/// Derives the successor map of two designs and a transition input.
///
/// `function_successor` gives the new function an old function's work goes on
/// in (the comparison's successor), or `None` for a vervallen function.
/// References in the input to keys that are not in the designs are left out
/// here; [`transition`](super::transition()) reports them.
///
/// # Complexity
/// Linear in the posts and units of both designs, plus, for each old unit
/// without a key successor, the new units that hold its rarest function.
pub(crate) fn derive(
    old: &Design,
    new: &Design,
    input: &TransitionInput,
    function_successor: &dyn Fn(&str) -> Option<String>,
) -> Successors {
    derive_with(old, new, &NewPosts::of(new), input, function_successor).0
}

/// The new design's posts, numbered once in the design's order, with one index of
/// their keys: the successor derivation, placement and the report look new posts up
/// by this number rather than building a key index each.
pub(crate) struct NewPosts<'a> {
    /// The posts in the design's order; a post's number is its place here.
    pub(crate) posts: Vec<&'a crate::Post>,
    /// Post key → number.
    by_key: HashMap<&'a str, u32>,
}

impl<'a> NewPosts<'a> {
    /// Numbers the posts of a design.
    pub(crate) fn of(new: &'a Design) -> Self {
        let posts: Vec<&crate::Post> = new.posts().collect();
        let mut by_key: HashMap<&str, u32> = HashMap::default();
        by_key.reserve(posts.len());
        // Numbers fit in 32 bits: a design of four billion posts does not fit in memory.
        by_key.extend(posts.iter().zip(0u32..).map(|(p, i)| (&*p.key, i)));
        NewPosts { posts, by_key }
    }

    /// The number of the post with a key.
    pub(crate) fn number(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// The post with a number.
    pub(crate) fn get(&self, n: u32) -> Option<&'a crate::Post> {
        self.posts.get(n as usize).copied()
    }
}

#[cfg(test)]
impl Successors {
    /// The number of the new post that continues an old post's work: the listed
    /// successor, else the post with the same key (as [`Successors::post`]).
    fn post_number(&self, old: &str, new: &NewPosts<'_>) -> Option<u32> {
        match self.post_index.get(old) {
            Some(&i) => {
                let s = &self.posts[i];
                s.basis?;
                new.number(s.new.as_deref()?)
            }
            None => new.number(old),
        }
    }
}

/// [`derive`] with the new design's posts numbered by the caller; also gives, per
/// old post in the order of `old.posts()`, the number of the new post that continues
/// its work (what [`Successors::post_number`] says), so that placement need not look
/// every post up again.
pub(crate) fn derive_with(
    old: &Design,
    new: &Design,
    new_posts: &NewPosts<'_>,
    input: &TransitionInput,
    function_successor: &dyn Fn(&str) -> Option<String>,
) -> (Successors, Vec<Option<u32>>) {
    let (old_keys, new_keys_by_id) = (Keys::of(old), Keys::of(new));
    // The new design, indexed: the units per function, and the posts per (unit, function).
    let new_units: Vec<&str> = new.units().map(|u| u.key.as_str()).collect();
    let unit_no: HashMap<&str, usize> = new_units.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut units_with: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut posts_at: Vec<(usize, &str, u32)> = Vec::with_capacity(new_posts.posts.len());
    for (p, n) in new_posts.posts.iter().zip(0u32..) {
        let (Some(u), Some(f)) =
            (unit_key(&new_keys_by_id, p).and_then(|k| unit_no.get(k).copied()), fn_key(&new_keys_by_id, p))
        else {
            continue;
        };
        let list = units_with.entry(f).or_default();
        if list.last() != Some(&u) {
            list.push(u);
        }
        posts_at.push((u, f, n));
    }
    // Sorted by (unit, function), and within one by number: the design's order.
    posts_at.sort_unstable();
    let posts_at = PostsAt(posts_at);
    for list in units_with.values_mut() {
        list.sort_unstable();
        list.dedup();
    }

    // The old units: the functions their posts go on in.
    let mut old_units: Vec<(NaturalKey<'_>, &crate::Unit)> =
        old.units().map(|u| (NaturalKey::new(&u.key), u)).collect();
    old_units.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Only the units without a key successor need the functions their posts go on in.
    let keyed = |k: &str| {
        input.unit_successors.get(k).is_some_and(|n| unit_no.contains_key(n.as_str()))
            || input.unit_renames.get(k).is_some_and(|n| unit_no.contains_key(n.as_str()))
            || unit_no.contains_key(k)
    };
    let mut successor_of: HashMap<&str, Option<String>> = HashMap::default();
    let mut continued: HashMap<&str, Vec<String>> = HashMap::default();
    for p in old.posts() {
        if let (Some(u), Some(f)) = (unit_key(&old_keys, p), fn_key(&old_keys, p))
            && !keyed(u)
            && let Some(g) = successor_of.entry(f).or_insert_with(|| function_successor(f))
        {
            continued.entry(u).or_default().push(g.clone());
        }
    }
    for list in continued.values_mut() {
        list.sort_unstable();
        list.dedup();
    }

    let mut out = Successors::default();
    for (_, u) in old_units {
        let k = u.key.as_str();
        let given = |new: &str, basis: SuccessorBasis, why: String| Successor {
            old: k.to_owned(),
            new: Some(new.to_owned()),
            basis: Some(basis),
            why,
        };
        let s = if let Some(n) = input.unit_successors.get(k).filter(|n| unit_no.contains_key(n.as_str())) {
            given(n, SuccessorBasis::Given, format!("given in the transition input: `{k}` goes on in `{n}`"))
        } else if let Some(n) = input.unit_renames.get(k).filter(|n| unit_no.contains_key(n.as_str())) {
            given(n, SuccessorBasis::Renamed, format!("`{k}` is renamed to `{n}` in the transition input"))
        } else if unit_no.contains_key(k) {
            given(k, SuccessorBasis::SameKey, format!("the new design has a unit `{k}`"))
        } else {
            by_functions(k, continued.get(k).map_or(&[][..], Vec::as_slice), &units_with, &posts_at, &new_units)
        };
        out.unit_index.insert(s.old.clone(), out.units.len());
        out.units.push(s);
    }

    // The posts: given and renamed first; then same key; then derived.
    let has_new = |k: &str| new_posts.number(k).is_some();
    // Per new post (by number): claimed by an old post as its successor.
    let mut claimed: Vec<bool> = vec![false; new_posts.posts.len()];
    // The order does not matter until the end: the list is sorted once there.
    let old_posts: Vec<&crate::Post> = old.posts().collect();
    let mut numbers: Vec<Option<u32>> = vec![None; old_posts.len()];
    // An old post without a successor yet: its place, the post, and the new post derived for it.
    type Pending<'p> = (usize, &'p crate::Post, Option<(u32, &'p str)>);
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut posts: Vec<Successor> = Vec::new();
    for (at, p) in old_posts.iter().enumerate() {
        let k = p.key.as_str();
        if let Some(n) = input.post_successors.get(k).filter(|n| has_new(n)) {
            if let Some(n) = new_posts.number(n) {
                claimed[n as usize] = true;
                numbers[at] = Some(n);
            }
            posts.push(Successor {
                old: k.to_owned(),
                new: Some(n.clone()),
                basis: Some(SuccessorBasis::Given),
                why: format!("given in the transition input: `{k}` goes on in `{n}`"),
            });
        } else if let Some(n) = input.post_renames.get(k).filter(|n| has_new(n)) {
            if let Some(n) = new_posts.number(n) {
                claimed[n as usize] = true;
                numbers[at] = Some(n);
            }
            posts.push(Successor {
                old: k.to_owned(),
                new: Some(n.clone()),
                basis: Some(SuccessorBasis::Renamed),
                why: format!("`{k}` is renamed to `{n}` in the transition input"),
            });
        } else if let Some(n) = new_posts.number(k) {
            claimed[n as usize] = true;
            numbers[at] = Some(n);
        } else {
            pending.push((at, p, None));
        }
    }
    // A derived successor: the only post of the function's successor in the unit's successor.
    let mut wanted: HashMap<&str, usize> = HashMap::default();
    for (_, p, target) in &mut pending {
        let succ_unit = unit_key(&old_keys, p).and_then(|u| out.unit(u)).and_then(|s| s.new.as_deref());
        let succ_fn = fn_key(&old_keys, p).and_then(function_successor);
        if let (Some(u), Some(g)) = (succ_unit.and_then(|u| unit_no.get(u)), succ_fn.as_deref()) {
            let free: Vec<(u32, &str)> = posts_at
                .get(*u, g)
                .filter(|&n| !claimed[n as usize])
                .filter_map(|n| new_posts.get(n).map(|p| (n, &*p.key)))
                .collect();
            if let [only] = free[..] {
                *target = Some(only);
                *wanted.entry(only.1).or_default() += 1;
            }
        }
    }
    for (at, p, target) in pending {
        let k = p.key.as_str();
        let unit = unit_key(&old_keys, p).and_then(|u| out.unit(u)).and_then(|s| s.new.clone());
        let number = target.map(|t| t.0);
        let target = target.map(|t| t.1);
        let s = match (target, unit) {
            (Some(n), Some(u)) if wanted.get(n) == Some(&1) => {
                numbers[at] = number;
                Successor {
                    old: k.to_owned(),
                    new: Some(n.to_owned()),
                    basis: Some(SuccessorBasis::Functions),
                    why: format!(
                        "`{n}` is the only post in `{u}`, where the work of its unit goes on, with the function that continues its own"
                    ),
                }
            }
            (Some(n), Some(u)) => Successor {
                old: k.to_owned(),
                new: None,
                basis: None,
                why: format!("`{n}` in `{u}` would continue the work of several old posts, so none is chosen"),
            },
            (None, Some(u)) => Successor {
                old: k.to_owned(),
                new: None,
                basis: None,
                why: format!(
                    "the new design has no post `{k}`, and `{u}` has no single free post with the function that continues its own"
                ),
            },
            (_, None) => Successor {
                old: k.to_owned(),
                new: None,
                basis: None,
                why: format!("the new design has no post `{k}`, and its unit has no successor"),
            },
        };
        posts.push(s);
    }
    posts.sort_by(|a, b| crate::model::natural_cmp(&a.old, &b.old));
    for (i, s) in posts.iter().enumerate() {
        out.post_index.insert(s.old.clone(), i);
    }
    out.posts = posts;
    (out, numbers)
}

/// The new posts by (unit number, function key), sorted, each with its number.
struct PostsAt<'a>(Vec<(usize, &'a str, u32)>);

impl PostsAt<'_> {
    /// The numbers of the posts of function `f` in unit `u`, in the design's order.
    fn get<'s>(&'s self, u: usize, f: &'s str) -> impl Iterator<Item = u32> + 's {
        let start = self.0.partition_point(|&(a, b, _)| (a, b) < (u, f));
        self.0[start..].iter().take_while(move |&&(a, b, _)| a == u && b == f).map(|&(_, _, n)| n)
    }
}

/// The key of a post's unit.
fn unit_key<'a>(d: &Keys<'a>, p: &crate::Post) -> Option<&'a str> {
    p.unit.and_then(|u| d.units.get(&u).copied())
}

/// The key of a post's function.
fn fn_key<'a>(d: &Keys<'a>, p: &crate::Post) -> Option<&'a str> {
    p.function.and_then(|f| d.functions.get(&f).copied())
}

/// A design's unit and function keys by id: small maps, looked up once per post rather
/// than a search of the design's ordered maps.
struct Keys<'a> {
    units: HashMap<crate::UnitId, &'a str>,
    functions: HashMap<crate::FunctionId, &'a str>,
}

impl<'a> Keys<'a> {
    fn of(d: &'a Design) -> Self {
        Keys {
            units: d.units().map(|u| (u.id, u.key.as_str())).collect(),
            functions: d.functions().map(|f| (f.id, f.key.as_str())).collect(),
        }
    }
}

/// The successor of an old unit without a key successor: the one new unit
/// that holds a post of every function its posts go on in.
fn by_functions(
    k: &str,
    functions: &[String],
    units_with: &HashMap<&str, Vec<usize>>,
    posts_at: &PostsAt<'_>,
    new_units: &[&str],
) -> Successor {
    let none = |why: String| Successor { old: k.to_owned(), new: None, basis: None, why };
    if functions.is_empty() {
        return none(format!("the new design has no unit `{k}`, and none of its posts' functions goes on"));
    }
    // Start from the function held in the fewest new units; stop at the second match.
    let lists: Vec<&[usize]> =
        functions.iter().map(|f| units_with.get(f.as_str()).map_or(&[][..], Vec::as_slice)).collect();
    let Some(rarest) = lists.iter().min_by_key(|l| l.len()) else {
        return none(format!("the new design has no unit `{k}`"));
    };
    let mut found: Vec<usize> = Vec::new();
    for &u in *rarest {
        if functions.iter().all(|f| posts_at.get(u, f).next().is_some()) {
            found.push(u);
            if found.len() > 1 {
                break;
            }
        }
    }
    let shown = functions.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
    match found[..] {
        [u] => Successor {
            old: k.to_owned(),
            new: Some(new_units[u].to_owned()),
            basis: Some(SuccessorBasis::Functions),
            why: format!(
                "the new design has no unit `{k}`; `{}` is the only new unit with posts of every function its work goes on in ({shown})",
                new_units[u]
            ),
        },
        [] => none(format!(
            "the new design has no unit `{k}`, and no new unit has posts of every function its work goes on in ({shown}); give it under `[successors.units]`"
        )),
        _ => none(format!(
            "the new design has no unit `{k}`, and several new units (`{}`, `{}`, …) have posts of every function its work goes on in ({shown}); give it under `[successors.units]`",
            new_units[found[0]], new_units[found[1]]
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{NewPosts, SuccessorBasis, derive, derive_with};
    use crate::format::from_json;
    use crate::transition::TransitionInput;

    const FUNCTIONS: &str = r#""functions": [
        {"key": "TM", "title": "Teammanager", "tasks": [{"name": "leiden", "weight": 1}]},
        {"key": "WMO", "title": "Consulent", "tasks": [{"name": "wmo", "weight": 1}]},
        {"key": "JGD", "title": "Jeugd", "tasks": [{"name": "jeugd", "weight": 1}]}]"#;

    fn designs() -> Result<(crate::Design, crate::Design), Box<dyn std::error::Error>> {
        let old = from_json(
            format!(
                r#"{{"version": 1, "name": "oud", {FUNCTIONS},
                  "units": [{{"key": "wmo", "name": "Wmo", "kind": "team"}}, {{"key": "jeugd", "name": "Jeugd", "kind": "team"}},
                            {{"key": "leiding", "name": "Leiding", "kind": "team"}}, {{"key": "zorg", "name": "Zorg", "kind": "team"}}],
                  "posts": [{{"key": "tm-wmo", "title": "TM", "unit": "wmo", "function": "TM"}},
                            {{"key": "c1", "title": "C", "unit": "wmo", "function": "WMO"}},
                            {{"key": "j1", "title": "J", "unit": "jeugd", "function": "JGD"}},
                            {{"key": "j2", "title": "J", "unit": "jeugd", "function": "JGD"}},
                            {{"key": "tm-leiding", "title": "TM", "unit": "leiding", "function": "TM"}},
                            {{"key": "z1", "title": "Z", "unit": "zorg", "function": "WMO"}}]}}"#
            )
            .as_bytes(),
        )?;
        let new = from_json(
            format!(
                r#"{{"version": 1, "name": "nieuw", {FUNCTIONS},
                  "units": [{{"key": "sociaal", "name": "Sociaal", "kind": "team"}}, {{"key": "jeugd-a", "name": "A", "kind": "team"}},
                            {{"key": "jeugd-b", "name": "B", "kind": "team"}}, {{"key": "zorg", "name": "Zorg", "kind": "team"}}],
                  "posts": [{{"key": "tm-sociaal", "title": "TM", "unit": "sociaal", "function": "TM"}},
                            {{"key": "c9", "title": "C", "unit": "sociaal", "function": "WMO"}},
                            {{"key": "ja", "title": "J", "unit": "jeugd-a", "function": "JGD"}},
                            {{"key": "jb", "title": "J", "unit": "jeugd-b", "function": "JGD"}},
                            {{"key": "z1", "title": "Z", "unit": "zorg", "function": "WMO"}}]}}"#
            )
            .as_bytes(),
        )?;
        Ok((old, new))
    }

    /// Same key, the one unit with every function, ambiguity, and the posts that follow.
    #[test]
    fn derived_where_unambiguous_and_explained_where_not() -> Result<(), Box<dyn std::error::Error>> {
        let (old, new) = designs()?;
        let same = |f: &str| Some(f.to_owned());
        let s = derive(&old, &new, &TransitionInput::default(), &same);
        let unit = |k: &str| s.unit(k).map(|s| (s.new.clone(), s.basis));
        assert_eq!(unit("zorg"), Some((Some("zorg".into()), Some(SuccessorBasis::SameKey))));
        assert_eq!(unit("wmo"), Some((Some("sociaal".into()), Some(SuccessorBasis::Functions))));
        // Jeugd's function recurs in two new units: no successor, and the reason says so.
        assert_eq!(unit("jeugd"), Some((None, None)));
        assert!(s.unit("jeugd").is_some_and(|s| s.why.contains("several new units")), "{:?}", s.unit("jeugd"));
        // `leiding` only has a teammanager, and the one unit with a teammanager is `sociaal`.
        assert_eq!(unit("leiding"), Some((Some("sociaal".into()), Some(SuccessorBasis::Functions))));
        // Posts: the only WMO post in `sociaal` continues `c1`; the two teammanagers both
        // want `tm-sociaal`, so neither gets it; `z1` keeps its key and is not listed.
        let post = |k: &str| s.post(k, |k| new.post_by_key(k).is_some()).map(|(n, b)| (n.to_owned(), b));
        assert_eq!(post("c1"), Some(("c9".into(), SuccessorBasis::Functions)));
        assert_eq!(post("tm-wmo"), None);
        assert_eq!(post("tm-leiding"), None);
        assert_eq!(post("z1"), Some(("z1".into(), SuccessorBasis::SameKey)));
        assert!(s.posts.iter().all(|p| p.old != "z1"));
        // The diff's mapping: one-to-one only, so `wmo` and `leiding` (both → `sociaal`) are left out.
        let keys = s.key_mapping();
        assert!(keys.units.is_empty(), "{:?}", keys.units);
        assert_eq!(keys.posts.get("c1").map(String::as_str), Some("c9"));
        Ok(())
    }

    /// A successor given in the input wins over every derivation, and a merge is allowed.
    #[test]
    fn given_successors_win() -> Result<(), Box<dyn std::error::Error>> {
        let (old, new) = designs()?;
        let input = TransitionInput::from_toml(
            "version = 1\n[successors.units]\njeugd = \"jeugd-a\"\nzorg = \"sociaal\"\n[successors.posts]\ntm-leiding = \"tm-sociaal\"\n",
        )?;
        let s = derive(&old, &new, &input, &|f: &str| Some(f.to_owned()));
        let unit = |k: &str| s.unit(k).map(|s| (s.new.clone(), s.basis));
        assert_eq!(unit("jeugd"), Some((Some("jeugd-a".into()), Some(SuccessorBasis::Given))));
        assert_eq!(unit("zorg"), Some((Some("sociaal".into()), Some(SuccessorBasis::Given))));
        let post = s.post("tm-leiding", |k| new.post_by_key(k).is_some());
        assert_eq!(post, Some(("tm-sociaal", SuccessorBasis::Given)));
        // `j1` and `j2` both want `ja`, the only JGD post in `jeugd-a`: neither gets it.
        assert_eq!(s.post("j1", |k| new.post_by_key(k).is_some()), None);
        Ok(())
    }

    /// The numbers the derivation gives per old post are what the map says: given,
    /// renamed, same key, derived, and none.
    #[test]
    fn numbers_per_old_post_agree_with_the_map() -> Result<(), Box<dyn std::error::Error>> {
        let (old, new) = designs()?;
        let numbered = NewPosts::of(&new);
        let given = TransitionInput::from_toml(
            "version = 1\n[successors.posts]\ntm-leiding = \"tm-sociaal\"\n[renames.posts]\nj2 = \"jb\"\n",
        )?;
        for input in [TransitionInput::default(), given] {
            let (s, numbers) = derive_with(&old, &new, &numbered, &input, &|f: &str| Some(f.to_owned()));
            assert_eq!(numbers.len(), old.posts().len());
            for (p, n) in old.posts().zip(&numbers) {
                assert_eq!(*n, s.post_number(&p.key, &numbered), "{}", p.key);
                let key = n.and_then(|n| numbered.get(n)).map(|p| p.key.to_string());
                assert_eq!(key.as_deref(), s.post(&p.key, |k| new.post_by_key(k).is_some()).map(|x| x.0), "{}", p.key);
            }
            assert!(numbers.iter().any(Option::is_some) && numbers.iter().any(Option::is_none));
        }
        Ok(())
    }
}
