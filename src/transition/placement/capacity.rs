//! The free FTE of the new posts, searched per function, per unit and by key.

use super::{FIT, SortKey};
use crate::model::UnitId;
use crate::transition::compare::Indexed;
use crate::transition::fx::HashMap;
use crate::transition::successor::NewPosts;
use jiff::civil::Date;

/// Free FTE per new post, with per-function post lists for first-fit search.
pub(super) struct Capacity<'a> {
    pub(super) posts: Vec<&'a crate::Post>,
    /// Per post: its number in the new design ([`NewPosts`]).
    pub(super) number: Vec<u32>,
    /// Per number in the new design: the post's index here, `u32::MAX` when it is not offered.
    index: Vec<u32>,
    pub(super) room: Vec<f64>,
    /// Per new function index: post indices in key order.
    pub(super) by_function: Vec<Vec<usize>>,
    /// Per new function index: the first post in `by_function` that may have room.
    pub(super) cursor: Vec<usize>,
    /// Per new function index: its posts in a unit of the new design, as (unit, post
    /// index), sorted, so a unit's posts are a run in key order. A list per function
    /// rather than a map entry per (function, unit): no list of its own per post.
    by_unit: Vec<Vec<(UnitId, usize)>>,
    /// Per post: its new function index.
    pub(super) post_function: Vec<usize>,
    /// Per new function: the free FTE in all its posts.
    pub(super) free: Vec<f64>,
    /// Per new function: the lowest and highest scale of its posts, when all are known.
    pub(super) scales: Vec<Option<(u8, u8)>>,
    /// Per scale: the posts at that scale (their own, else their function's), in key order.
    pub(super) by_scale: Vec<Vec<usize>>,
    /// Per scale: the first post in `by_scale` that may have room.
    scale_cursor: Vec<usize>,
    /// Per post: its scale, if known.
    pub(super) post_scale: Vec<Option<u8>>,
    /// Per unit: its posts with room, in key order; full posts are dropped as they are met.
    unit_open: HashMap<UnitId, Vec<usize>>,
    /// Per scale: the posts with room once placement is done (see [`Capacity::freeze_open`]).
    open_by_scale: Vec<Vec<usize>>,
}

impl<'a> Capacity<'a> {
    /// The posts of the new design that can take someone: those with a function,
    /// and, when `day` is given (the placement date), valid on that day; a post
    /// that starts later or has ended is not offered.
    pub(super) fn new(new_posts: &NewPosts<'a>, new: &'a crate::Design, ix: &Indexed, day: Option<Date>) -> Self {
        // Posts are searched in natural key order: sorted once here, every list built
        // below in index order is in key order too.
        let mut keyed: Vec<(SortKey<'a>, u32)> = new_posts
            .posts
            .iter()
            .zip(0u32..)
            .filter(|(p, _)| p.function.is_some() && day.is_none_or(|d| p.valid.contains(d)))
            .map(|(p, n)| (SortKey::new(&p.key), n))
            .collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let number: Vec<u32> = keyed.into_iter().map(|(_, n)| n).collect();
        let posts: Vec<&crate::Post> = number.iter().filter_map(|&n| new_posts.get(n)).collect();
        let mut index = vec![u32::MAX; new_posts.posts.len()];
        for (i, &n) in (0u32..).zip(&number) {
            index[n as usize] = i;
        }
        let room = posts.iter().map(|p| p.fte).collect();
        let n = ix.comparison.new.len();
        let mut by_function = vec![Vec::new(); n];
        let mut by_unit: Vec<Vec<(UnitId, usize)>> = vec![Vec::new(); n];
        let mut post_function = vec![usize::MAX; posts.len()];
        let mut free = vec![0.0; n];
        let mut scales: Vec<Option<(u8, u8)>> = vec![None; n];
        let mut unknown = vec![false; n];
        // The functions and units by id: small maps, looked up once per post.
        let function_index: HashMap<crate::FunctionId, usize> =
            new.functions().filter_map(|f| Some((f.id, *ix.new_index.get(&f.key)?))).collect();
        let units: HashMap<UnitId, ()> = new.units().map(|u| (u.id, ())).collect();
        for (i, p) in posts.iter().enumerate() {
            let Some(&j) = p.function.and_then(|f| function_index.get(&f)) else { continue };
            by_function[j].push(i);
            post_function[i] = j;
            free[j] += p.fte;
            match p.scale.or(ix.comparison.new[j].scale) {
                Some(sc) => scales[j] = Some(scales[j].map_or((sc, sc), |(lo, hi)| (lo.min(sc), hi.max(sc)))),
                None => unknown[j] = true,
            }
            if let Some(u) = p.unit.filter(|u| units.contains_key(u)) {
                by_unit[j].push((u, i));
            }
        }
        for j in 0..n {
            if unknown[j] {
                scales[j] = None;
            }
        }
        for list in &mut by_unit {
            list.sort_unstable();
        }
        let post_scale: Vec<Option<u8>> = posts
            .iter()
            .zip(&post_function)
            .map(|(p, &j)| p.scale.or_else(|| ix.comparison.new.get(j).and_then(|f| f.scale)))
            .collect();
        let mut by_scale: Vec<Vec<usize>> = vec![Vec::new(); usize::from(u8::MAX) + 1];
        for i in (0..posts.len()).filter(|&i| post_function[i] != usize::MAX) {
            if let Some(s) = post_scale[i] {
                by_scale[usize::from(s)].push(i);
            }
        }
        let scale_cursor = vec![0; by_scale.len()];
        let mut unit_open: HashMap<UnitId, Vec<usize>> = HashMap::default();
        for i in (0..posts.len()).filter(|&i| post_function[i] != usize::MAX && post_scale[i].is_some()) {
            if let Some(u) = posts[i].unit {
                unit_open.entry(u).or_default().push(i);
            }
        }
        let cursor = vec![0; n];
        Capacity {
            posts,
            number,
            index,
            room,
            by_function,
            cursor,
            by_unit,
            post_function,
            free,
            scales,
            by_scale,
            scale_cursor,
            post_scale,
            unit_open,
            open_by_scale: Vec::new(),
        }
    }

    /// Fills `fte` of post `i`.
    pub(super) fn take(&mut self, i: usize, fte: f64) {
        self.room[i] -= fte;
        if let Some(f) = self.free.get_mut(self.post_function[i]) {
            *f -= fte;
        }
    }

    pub(super) fn total(&self, j: usize) -> f64 {
        self.by_function[j].iter().map(|&i| self.room[i]).sum()
    }

    /// The first post of function `j` with room for `need` FTE whose scale passes `ok`:
    /// the post numbered `own` in the new design first, then posts in unit `unit`, then any.
    pub(super) fn find(
        &mut self,
        j: usize,
        need: f64,
        own: Option<u32>,
        unit: Option<UnitId>,
        ok: &dyn Fn(&crate::Post) -> bool,
    ) -> Option<usize> {
        self.find_own(j, need, own, unit, ok).or_else(|| self.find_any(j, need, ok))
    }

    /// A post of function `j` that continues the employee's own work, with room
    /// for `need` FTE and a scale that passes `ok`: the post numbered `own` in the new
    /// design, else the first in unit `unit` by key.
    pub(super) fn find_own(
        &self,
        j: usize,
        need: f64,
        own: Option<u32>,
        unit: Option<UnitId>,
        ok: &dyn Fn(&crate::Post) -> bool,
    ) -> Option<usize> {
        if let Some(i) = self.find_own_post(j, need, own, ok) {
            return Some(i);
        }
        if self.free.get(j).is_none_or(|&f| f + FIT < need) {
            return None;
        }
        let unit = unit?;
        let list = self.by_unit.get(j)?;
        let start = list.partition_point(|&(u, _)| u < unit);
        list[start..]
            .iter()
            .take_while(|&&(u, _)| u == unit)
            .map(|&(_, i)| i)
            .find(|&i| self.room[i] + FIT >= need && ok(self.posts[i]))
    }

    /// The post numbered `own` in the new design when it is of function `j`, has room
    /// for `need` FTE and a scale that passes `ok`: the successor of the employee's own post.
    pub(super) fn find_own_post(
        &self,
        j: usize,
        need: f64,
        own: Option<u32>,
        ok: &dyn Fn(&crate::Post) -> bool,
    ) -> Option<usize> {
        let i = self.index_of(own?)?;
        (self.post_function[i] == j && self.room[i] + FIT >= need && ok(self.posts[i])).then_some(i)
    }

    /// The first post of function `j` by key with room for `need` FTE and a scale that passes `ok`.
    pub(super) fn find_any(&mut self, j: usize, need: f64, ok: &dyn Fn(&crate::Post) -> bool) -> Option<usize> {
        if self.free[j] + FIT < need {
            return None;
        }
        let list = &self.by_function[j];
        while self.cursor[j] < list.len() && self.room[list[self.cursor[j]]] <= FIT {
            self.cursor[j] += 1;
        }
        list[self.cursor[j]..].iter().copied().find(|&i| self.room[i] + FIT >= need && ok(self.posts[i]))
    }

    /// The first post at a scale from `hi` down to `lo`, in key order per scale, with room
    /// for `need` FTE and a function that passes `ok`: a passende functie by the scale alone.
    pub(super) fn find_at_scale(&mut self, lo: u8, hi: u8, need: f64, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
        for s in (lo..=hi).rev() {
            let s = usize::from(s);
            let list = &self.by_scale[s];
            while self.scale_cursor[s] < list.len() && self.room[list[self.scale_cursor[s]]] <= FIT {
                self.scale_cursor[s] += 1;
            }
            let found = list[self.scale_cursor[s]..]
                .iter()
                .copied()
                .find(|&i| self.room[i] + FIT >= need && ok(self.post_function[i]));
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The posts of unit `u` (with a function and a known scale) that still have room, in
    /// key order. Full posts are dropped from the unit's list for good, so that every
    /// post is passed over at most once when full.
    pub(super) fn open_in_unit(&mut self, u: UnitId) -> &[usize] {
        match self.unit_open.get_mut(&u) {
            Some(list) => {
                let room = &self.room;
                list.retain(|&i| room[i] > FIT);
                list
            }
            None => &[],
        }
    }

    /// Records, once placement is done, the posts with room per scale.
    pub(super) fn freeze_open(&mut self) {
        let mut open = vec![Vec::new(); self.by_scale.len()];
        for (s, list) in self.by_scale.iter().enumerate() {
            open[s] = list.iter().copied().filter(|&i| self.room[i] > FIT).collect();
        }
        self.open_by_scale = open;
    }

    /// After [`Capacity::freeze_open`]: the posts with room at a scale from `hi` down to
    /// `lo`, in key order per scale, and how many there are.
    pub(super) fn open_at_scale(&self, lo: u8, hi: u8) -> (impl Iterator<Item = usize> + '_, usize) {
        let all = (lo..=hi).map(|s| self.open_by_scale.get(usize::from(s)).map_or(0, Vec::len)).sum();
        let iter =
            (lo..=hi).rev().flat_map(move |s| self.open_by_scale.get(usize::from(s)).into_iter().flatten().copied());
        (iter, all)
    }

    /// The index here of the post numbered `n` in the new design, if it is offered.
    pub(super) fn index_of(&self, n: u32) -> Option<usize> {
        self.index.get(n as usize).filter(|&&i| i != u32::MAX).map(|&i| i as usize)
    }

    /// The post numbered `n` in the new design and its function, if it has one there.
    pub(super) fn post_numbered(&self, n: u32) -> Option<(usize, usize)> {
        self.index_of(n).map(|i| (i, self.post_function[i])).filter(|&(_, j)| j != usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::Capacity;
    use crate::transition::TransitionInput;
    use crate::transition::compare::compare_indexed;
    use crate::transition::placement::fixture::{almelo, design};

    /// The own key first, then the own unit, then any post in key order; taken FTE is gone.
    #[test]
    fn find_tries_own_key_then_own_unit_then_key_order() -> Result<(), Box<dyn std::error::Error>> {
        let old = design(
            r#"{"version": 1, "name": "oud",
              "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}]}"#,
        )?;
        let new = design(
            r#"{"version": 1, "name": "nieuw",
              "functions": [{"key": "F", "title": "F", "scale_max": 8, "tasks": [{"name": "a", "weight": 1}]}],
              "units": [{"key": "u1", "name": "Een", "kind": "team"}, {"key": "u2", "name": "Twee", "kind": "team"}],
              "posts": [{"key": "10", "title": "F", "function": "F", "unit": "u1"},
                        {"key": "2", "title": "F", "function": "F", "unit": "u1"},
                        {"key": "f3", "title": "F", "function": "F", "unit": "u2", "fte": 0.5}]}"#,
        )?;
        let ix = compare_indexed(&old, &new, &almelo()?, &TransitionInput::default())?;
        let numbered = crate::transition::successor::NewPosts::of(&new);
        let mut cap = Capacity::new(&numbered, &new, &ix, None);
        let n = |k: &str| numbered.number(k);
        let key = |cap: &Capacity<'_>, i: Option<usize>| i.map(|i| cap.posts[i].key.clone());
        let u2 = new.unit_by_key("u2").map(|u| u.id);
        let f10 = cap.find(0, 1.0, n("10"), u2, &|_| true);
        assert_eq!(key(&cap, f10).as_deref(), Some("10"), "own key first");
        let half = cap.find(0, 0.5, None, u2, &|_| true);
        assert_eq!(key(&cap, half).as_deref(), Some("f3"), "then own unit");
        let any = cap.find(0, 1.0, None, u2, &|_| true);
        assert_eq!(key(&cap, any).as_deref(), Some("2"), "then natural key order: 2 before 10");
        let Some(i) = any else { return Err("no post".into()) };
        cap.take(i, 1.0);
        assert!((cap.total(0) - 1.5).abs() < 1e-9);
        let again = cap.find(0, 1.0, None, None, &|_| true);
        assert_eq!(key(&cap, again).as_deref(), Some("10"));
        assert_eq!(cap.find(0, 2.0, None, None, &|_| true), None, "no post holds 2 FTE");
        Ok(())
    }
}
