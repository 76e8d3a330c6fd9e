//! The design's posts: runs of posts in the order of their ids and, once
//! edits have left them out of order, one list with an ordered index of
//! their ids.
//!
//! A design of a million posts keeps its posts in a few long `Vec`s, each
//! in the order of the ids and every id of one below every id of the next,
//! so that walking them reads memory in sequence. A design built in one go
//! has one run; a large design file read on two threads has up to 256, one
//! per first byte of the ids ([`Buckets`], [`sorted_runs`]): the first
//! thread's posts go straight into their bucket, with room for the whole
//! list, and the second thread's list is taken off its end an eighth at a
//! time, each post pushed straight into its bucket, so the halves are never
//! put into one list, each post is moved once, and no bucket grows when the
//! estimate of the room holds. While the runs are in order a post is found by
//! its run (from the runs' first ids, kept apart) and then by searching the
//! run: ids are hashes and spread evenly, so the place of an id is guessed
//! from its value (a few looks, not the twenty of a binary search). An edit
//! that would leave the posts out of order first puts the runs together
//! into one list and builds a `BTreeMap` from each id, as a 128-bit integer
//! (compared in one instruction, not byte by byte), to its place in it;
//! edits then stay O(log n): a new post is pushed at the end and indexed,
//! a removed one is replaced by the last. Iteration follows the ids, as the
//! map it replaces did, so every output keeps its order.

use std::collections::BTreeMap;

use super::{Post, PostId};

/// The posts of a design, ordered by id (see the module's documentation).
#[derive(Clone)]
pub(crate) struct PostStore {
    /// The posts. Without an index: runs that are not empty, each in the
    /// order of the ids, every id of a run below every id of the next. With
    /// an index: exactly one run, each post at the place the index gives.
    runs: Vec<Vec<Post>>,
    /// The first id of each run, as an integer (without an index).
    firsts: Vec<u128>,
    /// The number of posts in all runs.
    len: usize,
    /// Each post's id, as an integer that sorts like the id, to its place;
    /// `None` while the runs are in order and have never been out of it.
    index: Option<BTreeMap<u128, u32>>,
    /// Whether the posts are in the order of the ids (then iteration skips the index).
    ordered: bool,
}

/// The id as an integer that sorts as the id's bytes do.
fn int(id: PostId) -> u128 {
    id.as_uuid().as_u128()
}

/// An iterator over the posts in the order of their ids.
pub(crate) enum Values<'a> {
    /// The runs themselves, when they are in order.
    Runs(Runs<'a>),
    /// Through the index.
    Index(std::collections::btree_map::Values<'a, u128, u32>, &'a [Post]),
}

/// The posts of runs one after another; skipping ahead passes whole runs
/// at once.
pub(crate) struct Runs<'a> {
    run: std::slice::Iter<'a, Post>,
    rest: std::slice::Iter<'a, Vec<Post>>,
    /// The number of posts in `rest`.
    rest_len: usize,
}

impl<'a> Runs<'a> {
    /// Moves on to the next run; `None` when there is none.
    fn next_run(&mut self) -> Option<()> {
        let run = self.rest.next()?;
        self.rest_len -= run.len();
        self.run = run.iter();
        Some(())
    }
}

impl<'a> Iterator for Runs<'a> {
    type Item = &'a Post;
    #[inline]
    fn next(&mut self) -> Option<&'a Post> {
        loop {
            if let Some(p) = self.run.next() {
                return Some(p);
            }
            self.next_run()?;
        }
    }
    fn nth(&mut self, mut n: usize) -> Option<&'a Post> {
        if n >= self.run.len() + self.rest_len {
            *self = Runs { run: [].iter(), rest: [].iter(), rest_len: 0 };
            return None;
        }
        while n >= self.run.len() {
            n -= self.run.len();
            self.next_run()?;
        }
        self.run.nth(n)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.run.len() + self.rest_len;
        (left, Some(left))
    }
    fn fold<B, F: FnMut(B, &'a Post) -> B>(self, init: B, mut f: F) -> B {
        let first = self.run.fold(init, &mut f);
        self.rest.fold(first, |acc, run| run.iter().fold(acc, &mut f))
    }
}

impl<'a> Iterator for Values<'a> {
    type Item = &'a Post;
    #[inline]
    fn next(&mut self) -> Option<&'a Post> {
        match self {
            Values::Runs(it) => it.next(),
            Values::Index(it, slots) => it.find_map(|&i| slots.get(i as usize)),
        }
    }
    fn nth(&mut self, n: usize) -> Option<&'a Post> {
        match self {
            Values::Runs(it) => it.nth(n),
            Values::Index(it, slots) => it.nth(n).and_then(|&i| slots.get(i as usize)),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Values::Runs(it) => it.size_hint(),
            Values::Index(it, _) => it.size_hint(),
        }
    }
    fn fold<B, F: FnMut(B, &'a Post) -> B>(self, init: B, mut f: F) -> B {
        match self {
            Values::Runs(it) => it.fold(init, f),
            Values::Index(it, slots) => it.fold(init, |acc, &i| match slots.get(i as usize) {
                Some(p) => f(acc, p),
                None => acc,
            }),
        }
    }
}

impl ExactSizeIterator for Values<'_> {}

impl PostStore {
    /// An empty store: ordered, as there is nothing to order.
    pub(crate) fn new() -> Self {
        PostStore { runs: Vec::new(), firsts: Vec::new(), len: 0, index: None, ordered: true }
    }

    /// The posts, given in any order, stored in the order of their ids. Of
    /// posts with the same id the last given is kept, as inserting them one
    /// by one would. Each post is moved once; no index is built.
    pub(crate) fn from_posts(mut posts: Vec<Post>) -> Self {
        sort_by_id(&mut posts);
        PostStore::from_sorted(posts)
    }

    /// Posts in the order of their ids (of equal ids, the last given is kept).
    fn from_sorted(mut posts: Vec<Post>) -> Self {
        debug_assert!(posts.windows(2).all(|w| int(w[0].id) <= int(w[1].id)));
        // Of a run of equal ids, the last given stays (at the run's first place).
        posts.dedup_by(|later, kept| {
            let same = later.id == kept.id;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        PostStore::from_runs(vec![posts])
    }

    /// Runs of posts, each in the order of its ids with no id twice, and
    /// every id of a run below every id of the next ([`sorted_runs`]).
    /// Empty runs are left out.
    pub(crate) fn from_runs(mut runs: Vec<Vec<Post>>) -> Self {
        runs.retain(|r| !r.is_empty());
        for run in &mut runs {
            run.shrink_to_fit();
        }
        debug_assert!(runs.iter().flatten().zip(runs.iter().flatten().skip(1)).all(|(a, b)| int(a.id) < int(b.id)));
        let firsts = runs.iter().filter_map(|r| r.first()).map(|p| int(p.id)).collect();
        let len = runs.iter().map(Vec::len).sum();
        PostStore { runs, firsts, len, index: None, ordered: true }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The run and place in it of the post with this id.
    fn place(&self, key: u128) -> Option<(usize, usize)> {
        match &self.index {
            Some(index) => index.get(&key).map(|&i| (0, i as usize)),
            None => {
                let run = self.firsts.partition_point(|&first| first <= key).checked_sub(1)?;
                search(self.runs.get(run)?, key).map(|i| (run, i))
            }
        }
    }

    /// The one list of posts that an index points into: the runs put
    /// together, and the index built, when there is none yet. O(n) once.
    fn indexed(&mut self) -> (&mut Vec<Post>, &mut BTreeMap<u128, u32>) {
        if self.index.is_none() {
            if self.runs.len() != 1 {
                let mut all = Vec::with_capacity(self.len);
                for mut run in std::mem::take(&mut self.runs) {
                    all.append(&mut run);
                }
                self.runs = vec![all];
            }
            self.firsts = Vec::new();
            self.index = Some(self.runs[0].iter().enumerate().map(|(i, p)| (int(p.id), i as u32)).collect());
        }
        match (self.runs.first_mut(), self.index.as_mut()) {
            (Some(slots), Some(index)) => (slots, index),
            _ => unreachable!("an index has its one list of posts"),
        }
    }

    /// The id of the last post, when the posts are in order without an index.
    fn last_unindexed(&self) -> Option<u128> {
        self.index.is_none().then(|| self.runs.last().and_then(|r| r.last()).map(|p| int(p.id)))?
    }

    pub(crate) fn contains_key(&self, id: &PostId) -> bool {
        self.place(int(*id)).is_some()
    }

    pub(crate) fn get(&self, id: &PostId) -> Option<&Post> {
        let (run, i) = self.place(int(*id))?;
        self.runs.get(run)?.get(i)
    }

    pub(crate) fn get_mut(&mut self, id: &PostId) -> Option<&mut Post> {
        let (run, i) = self.place(int(*id))?;
        self.runs.get_mut(run)?.get_mut(i)
    }

    /// Inserts a post under its id, returning the post it replaces.
    pub(crate) fn insert(&mut self, id: PostId, post: Post) -> Option<Post> {
        debug_assert_eq!(id, post.id);
        let key = int(id);
        if let Some((run, i)) = self.place(key) {
            return self.runs.get_mut(run)?.get_mut(i).map(|slot| std::mem::replace(slot, post));
        }
        self.len += 1;
        // Still in order when the new id comes after every other: without
        // an index, it stays without one.
        if self.index.is_none() {
            match self.runs.last_mut() {
                None => {
                    self.firsts.push(key);
                    self.runs.push(vec![post]);
                    return None;
                }
                Some(run) if run.last().is_some_and(|last| int(last.id) < key) => {
                    run.push(post);
                    return None;
                }
                Some(_) => {}
            }
        }
        let after_all = self.runs.last().and_then(|r| r.last()).is_none_or(|last| int(last.id) < key);
        self.ordered &= after_all;
        let (slots, index) = self.indexed();
        index.insert(key, slots.len() as u32);
        slots.push(post);
        None
    }

    /// Removes the post with this id: the last post takes its place.
    pub(crate) fn remove(&mut self, id: &PostId) -> Option<Post> {
        let key = int(*id);
        if self.last_unindexed() == Some(key) {
            let run = self.runs.last_mut()?;
            let post = run.pop();
            if run.is_empty() {
                self.runs.pop();
                self.firsts.pop();
            }
            self.len -= 1;
            return post;
        }
        self.place(key)?;
        self.len -= 1;
        let (slots, index) = self.indexed();
        let i = index.remove(&key)? as usize;
        let moved_from_end = i + 1 < slots.len();
        let post = slots.swap_remove(i);
        if let Some(moved) = slots.get(i).map(|p| int(p.id))
            && let Some(place) = index.get_mut(&moved)
        {
            *place = i as u32;
        }
        if moved_from_end {
            self.ordered = false;
        }
        Some(post)
    }

    /// The posts in the order of their ids.
    pub(crate) fn values(&self) -> Values<'_> {
        match (&self.index, self.runs.first()) {
            (Some(index), Some(slots)) if !self.ordered => Values::Index(index.values(), slots),
            _ => {
                let mut rest = self.runs.iter();
                let run = rest.next().map_or_else(|| [].iter(), |r| r.iter());
                let rest_len = self.len - run.len();
                Values::Runs(Runs { run, rest, rest_len })
            }
        }
    }

    /// Each id with its post, in the order of the ids.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (&PostId, &Post)> + '_ {
        self.values().map(|p| (&p.id, p))
    }
}

/// The place of `key` among posts in the order of their ids. Ids derived
/// by hashing spread evenly, so the place is guessed from the key's value
/// and the range narrowed around the guess: some four looks in a million
/// posts, each a miss of the cache, instead of the twenty of a binary
/// search. Every other step halves the range, so uneven ids cost no more
/// than a binary search.
fn search(posts: &[Post], key: u128) -> Option<usize> {
    let of = |i: usize| posts.get(i).map_or(0, |p| int(p.id));
    let (mut lo, mut hi) = (0, posts.len());
    let mut guess = true;
    while hi - lo > 8 {
        let (first, last) = (of(lo), of(hi - 1));
        if key < first || key > last {
            return None;
        }
        let at = if guess {
            // The share of the way from `first` to `last`, on the top 64 bits.
            let (span, ahead) = (((last - first) >> 64) as u64, ((key - first) >> 64) as u64);
            let share = if span == 0 { 0 } else { u128::from(ahead) * (hi - 1 - lo) as u128 / u128::from(span) };
            lo + (share as usize).min(hi - 1 - lo)
        } else {
            lo + (hi - lo) / 2
        };
        guess = !guess;
        match of(at).cmp(&key) {
            std::cmp::Ordering::Equal => return Some(at),
            std::cmp::Ordering::Less => lo = at + 1,
            std::cmp::Ordering::Greater => hi = at,
        }
    }
    (lo..hi).find(|&i| of(i) == key)
}

/// Sorts posts by id in place, each moved once: the order is found on the
/// ids alone (ties in their given order), then followed cycle by cycle.
/// Sorting the posts themselves would move each of them many times. The
/// order is found on the first eight bytes of each id and its place (16
/// bytes a post), the rest of the id read only on a tie.
pub(crate) fn sort_by_id(items: &mut [Post]) {
    if items.windows(2).all(|w| int(w[0].id) <= int(w[1].id)) {
        return;
    }
    let high = |id: PostId| (int(id) >> 64) as u64;
    let mut order: Vec<(u64, u32)> = items.iter().enumerate().map(|(n, p)| (high(p.id), n as u32)).collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let id = |n: u32| items.get(n as usize).map(|p| int(p.id));
            id(a.1).cmp(&id(b.1)).then(a.1.cmp(&b.1))
        })
    });
    crate::permute::into_order(items, order.into_iter().map(|(_, from)| from));
}

/// Sorts posts by id, as [`sort_by_id`] does, but equal ids in no
/// particular order (a design file, which refuses a key given twice, is read
/// with it). A long list is first parted in place by the first byte of the
/// id: each post is swapped once to the end of its part, 256 parts filled
/// from the front, so the moves stay near 256 places in memory instead of
/// jumping about a million posts. Ids, derived by hashing, spread evenly, so
/// each part holds some 4,000 posts of a million and is sorted in the cache,
/// the two halves of the parts on two threads.
pub(crate) fn sort_by_id_unstable(items: &mut [Post]) {
    if items.len() < 1 << 16 {
        return sort_by_id(items);
    }
    let starts = part_by_first_byte(items);
    let middle = starts[PARTS / 2];
    let (low, high) = items.split_at_mut(middle);
    let sort_parts = |items: &mut [Post], offset: usize, parts: std::ops::Range<usize>| {
        for b in parts {
            sort_by_id(&mut items[starts[b] - offset..starts[b + 1] - offset]);
        }
    };
    crate::par::both(|| sort_parts(low, 0, 0..PARTS / 2), || sort_parts(high, middle, PARTS / 2..PARTS), true);
}

/// As many parts as the first byte of an id has values.
const PARTS: usize = 256;

/// The first byte of a post's id.
fn first_byte(p: &Post) -> usize {
    (int(p.id) >> 120) as usize
}

/// Parts posts in place by the first byte of their ids: each post is
/// swapped once to the end of its part, the 256 parts filled from the
/// front, so the moves stay near 256 places in memory instead of jumping
/// about the list. Part `b` is `starts[b]..starts[b + 1]`.
fn part_by_first_byte(items: &mut [Post]) -> [usize; PARTS + 1] {
    let mut starts = [0usize; PARTS + 1];
    for p in items.iter() {
        starts[first_byte(p) + 1] += 1;
    }
    for b in 0..PARTS {
        starts[b + 1] += starts[b];
    }
    let mut heads = starts;
    for b in 0..PARTS {
        while heads[b] < starts[b + 1] {
            let to = first_byte(&items[heads[b]]);
            if to != b {
                items.swap(heads[b], heads[to]);
            }
            heads[to] += 1;
        }
    }
    starts
}

/// The posts a loader's first thread reads, gathered by the first byte of
/// their ids: one list per byte, each with room for its share of the
/// whole list of posts, so that the second thread's posts join them
/// ([`sorted_runs`]) without the lists growing when the estimate holds,
/// and the lists become the runs of a store as they are.
pub(crate) struct Buckets(Vec<Vec<Post>>);

impl Buckets {
    pub(crate) fn new() -> Self {
        Buckets((0..PARTS).map(|_| Vec::new()).collect())
    }

    /// Room for about `posts` posts in all, of both threads. Ids are
    /// hashes and spread evenly, so each bucket gets its share and a
    /// quarter more; room never written costs no memory, too little only
    /// makes a bucket grow.
    pub(crate) fn reserve(&mut self, posts: usize) {
        let each = posts / PARTS * 5 / 4 + 16;
        for bucket in &mut self.0 {
            // An estimate too large for memory leaves the bucket to grow.
            let _ = bucket.try_reserve(each.saturating_sub(bucket.len()));
        }
    }

    pub(crate) fn push(&mut self, post: Post) {
        if let Some(bucket) = self.0.get_mut(first_byte(&post)) {
            bucket.push(post);
        }
    }

    /// Moves the posts of `more` into their buckets, each post once: taken
    /// off the end of the list an eighth at a time (so nothing is shifted),
    /// the list's room given back as it shrinks.
    fn absorb(&mut self, mut more: Vec<Post>) {
        let step = more.len() / 8 + 1;
        while !more.is_empty() {
            let from = more.len().saturating_sub(step);
            for post in more.drain(from..) {
                self.push(post);
            }
            // The room of the posts taken is given back each time the list
            // is down to half its room: a few times in all, so that no
            // allocator copies the rest more than about once over.
            if more.len() <= more.capacity() / 2 {
                more.shrink_to_fit();
            }
        }
    }
}

/// The runs of a store ([`PostStore::from_runs`]) from the posts of a
/// loader's two threads: the second thread's posts (`second`, in any order)
/// moved into the buckets of the first's while `other` runs on this thread,
/// then each bucket sorted by id, the buckets taken in turn by two threads.
/// `None` for the runs when an id is given twice.
pub(crate) fn sorted_runs<T>(
    mut first: Buckets,
    second: Vec<Post>,
    other: impl FnOnce() -> T,
) -> (T, Option<Vec<Vec<Post>>>) {
    use std::sync::{Mutex, PoisonError};
    let (t, first) = crate::par::both(
        other,
        move || {
            first.absorb(second);
            first
        },
        true,
    );
    // The buckets, taken one at a time by either thread.
    let queue = Mutex::new(first.0.into_iter().enumerate());
    let work = || {
        let mut done = Vec::new();
        loop {
            let taken = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((n, mut run)) = taken else { return done };
            sort_by_id(&mut run);
            let twice = run.windows(2).any(|w| w[0].id == w[1].id);
            done.push((n, run, twice));
        }
    };
    let (mut done, more) = crate::par::both(work, work, true);
    done.extend(more);
    done.sort_unstable_by_key(|(n, _, _)| *n);
    let twice = done.iter().any(|(_, _, twice)| *twice);
    (t, (!twice).then(|| done.into_iter().map(|(_, run, _)| run).collect()))
}

impl Default for PostStore {
    fn default() -> Self {
        PostStore::new()
    }
}

impl FromIterator<(PostId, Post)> for PostStore {
    fn from_iter<T: IntoIterator<Item = (PostId, Post)>>(iter: T) -> Self {
        PostStore::from_posts(iter.into_iter().map(|(_, p)| p).collect())
    }
}

/// Equal when they hold the same posts under the same ids, whatever the order of the list.
impl PartialEq for PostStore {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.values().eq(other.values())
    }
}

impl std::fmt::Debug for PostStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(key: &str) -> Post {
        Post::new(key, key, "medewerker")
    }

    fn ids(s: &PostStore) -> Vec<PostId> {
        s.values().map(|p| p.id).collect()
    }

    /// The parted sort gives the order of the plain one, on a list long
    /// enough to be parted.
    #[test]
    fn parted_sort_sorts() {
        let mut a: Vec<Post> = (0..70_000).map(|i| post(&format!("p{i}"))).collect();
        let mut b = a.clone();
        sort_by_id_unstable(&mut a);
        sort_by_id(&mut b);
        assert!(a == b);
        assert!(a.windows(2).all(|w| int(w[0].id) < int(w[1].id)));
    }

    /// Runs read as two halves by the first byte of their ids are the posts
    /// in id order, found, skipped over and edited as an ordered map is; an
    /// id given twice is flagged.
    #[test]
    fn runs_from_buckets_behave_like_an_ordered_map() {
        let all: Vec<Post> = (0..3000).map(|i| post(&format!("p{i}"))).collect();
        let (mut first, mut second) = (Buckets::new(), Vec::new());
        first.reserve(10);
        for (n, p) in all.iter().take(2000).enumerate() {
            if n < 1200 { first.push(p.clone()) } else { second.push(p.clone()) }
        }
        let ((), runs) = sorted_runs(first, second, || ());
        let runs = runs.expect("no id twice");
        assert!(runs.iter().filter(|r| !r.is_empty()).count() > 200, "one run per first byte met");
        let mut store = PostStore::from_runs(runs);
        let mut map: BTreeMap<PostId, Post> = all.iter().take(2000).map(|p| (p.id, p.clone())).collect();
        assert!(store == PostStore::from_posts(map.values().cloned().collect()));
        for p in &all {
            assert_eq!(store.get(&p.id), map.get(&p.id));
        }
        for p in all.iter().step_by(7) {
            if let (Some(a), Some(b)) = (store.get_mut(&p.id), map.get_mut(&p.id)) {
                (a.title, b.title) = ("changed".into(), "changed".into());
            }
        }
        for skip in [0, 1, 7, 8, 999, 1000, 1999, 2000, 2500] {
            assert!(store.values().skip(skip).eq(map.values().skip(skip)), "skip {skip}");
            let (mut it, mut want) = (store.values(), map.values());
            assert_eq!(it.nth(skip).map(|p| p.id), want.nth(skip).map(|p| p.id));
            assert_eq!(it.len(), want.len());
            // Past the end the iterator stays at its end.
            assert!(it.next().map(|p| p.id) == want.next().map(|p| p.id) && it.len() == want.len());
            assert_eq!(folded(store.values().skip(skip)), folded(map.values().skip(skip)));
        }
        // The last posts removed, past the end of their runs, and others
        // added after every other, all without an index.
        edit_at_the_end(&mut store, &mut map, 20);
        assert!(store.values().eq(map.values()));
        // Then edits anywhere: the runs become one list with an index.
        edit_anywhere(&mut store, &mut map, &all, 2000);
        assert!(store.runs.len() == 1);
    }

    /// The number and the exclusive or of the ids of posts, by `fold`.
    fn folded<'a>(posts: impl Iterator<Item = &'a Post>) -> (usize, u128) {
        posts.fold((0, 0), |(n, x), p| (n + 1, x ^ int(p.id)))
    }

    /// Removes the last `n` posts from the store and the map alike, then
    /// adds one after every other, and checks that the store still has no
    /// index.
    fn edit_at_the_end(store: &mut PostStore, map: &mut BTreeMap<PostId, Post>, n: usize) {
        for _ in 0..n {
            let last = *map.keys().next_back().unwrap();
            assert_eq!(store.remove(&last), map.remove(&last));
        }
        let mut beyond = post("beyond");
        beyond.id = serde_json::from_str(&format!("\"{}\"", uuid::Uuid::from_u128(u128::MAX))).unwrap();
        assert_eq!(store.insert(beyond.id, beyond.clone()), map.insert(beyond.id, beyond));
        assert!(store.index.is_none());
    }

    /// Inserts the posts of `all` from `from` on into the store and the
    /// map alike, removing an earlier one at every third, and checks that
    /// they agree and that the store has its index.
    fn edit_anywhere(store: &mut PostStore, map: &mut BTreeMap<PostId, Post>, all: &[Post], from: usize) {
        for (n, p) in all.iter().enumerate().skip(from) {
            assert_eq!(store.insert(p.id, p.clone()), map.insert(p.id, p.clone()));
            if n % 3 == 0 {
                let gone = all[n - from + 100].id;
                assert_eq!(store.remove(&gone), map.remove(&gone));
            }
        }
        assert!(store.index.is_some());
        assert_eq!(store.len(), map.len());
        assert!(store.values().eq(map.values()));
        let ids = |v: Vec<&Post>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(
            ids(store.values().fold(Vec::new(), |mut v, p| {
                v.push(p);
                v
            })),
            ids(map.values().collect())
        );
        for p in all {
            assert_eq!(store.get(&p.id), map.get(&p.id));
        }
    }

    /// A post read in both halves is flagged.
    #[test]
    fn an_id_in_both_halves_is_flagged() {
        let mut first = Buckets::new();
        first.push(post("a"));
        first.push(post("b"));
        let second = vec![post("a")];
        let (seen, runs) = sorted_runs(first, second, || 7);
        assert_eq!((seen, runs.is_none()), (7, true));
    }

    /// The guessing search finds every id there is and none that is not,
    /// in short lists, long ones and lists of uneven ids.
    #[test]
    fn search_finds_what_a_binary_search_finds() {
        for n in [0, 1, 7, 9, 100, 5000] {
            let mut posts: Vec<Post> = (0..n).map(|i| post(&format!("p{i}"))).collect();
            // Uneven ids: the first half of the list shares its top bits.
            for (i, p) in posts.iter_mut().enumerate().take(n / 2) {
                p.id = serde_json::from_str(&format!("\"{}\"", uuid::Uuid::from_u128(i as u128 * 3))).unwrap();
            }
            posts.sort_by_key(|p| int(p.id));
            for (i, p) in posts.iter().enumerate() {
                assert_eq!(search(&posts, int(p.id)), Some(i));
                let next = int(p.id).wrapping_add(1);
                assert_eq!(search(&posts, next), posts.binary_search_by_key(&next, |q| int(q.id)).ok());
            }
            assert_eq!(search(&posts, u128::MAX), None);
            assert_eq!(search(&posts, 1), None);
        }
    }

    /// A store built in id order has no index until an edit needs one, and
    /// behaves as an ordered map all along: posts added after every other
    /// and the last one removed keep it without, any other edit builds it.
    #[test]
    fn a_store_in_order_builds_its_index_only_when_an_edit_needs_it() {
        let all: Vec<Post> = (0..2000).map(|i| post(&format!("p{i}"))).collect();
        let mut map: BTreeMap<PostId, Post> = all.iter().take(1000).map(|p| (p.id, p.clone())).collect();
        let mut store = PostStore::from_posts(map.values().cloned().collect());
        assert!(store.index.is_none());
        for p in &all {
            assert_eq!(store.get(&p.id), map.get(&p.id));
        }
        // The last post removed, and one added after every other.
        edit_at_the_end(&mut store, &mut map, 1);
        // Then edits anywhere.
        edit_anywhere(&mut store, &mut map, &all, 1000);
    }

    /// Every edit keeps the store equal to an ordered map given the same edits.
    #[test]
    fn edits_behave_like_an_ordered_map() {
        let mut store = PostStore::new();
        let mut map = BTreeMap::new();
        let keys: Vec<String> = (0..300).map(|i| format!("p{}", (i * 7919) % 1000)).collect();
        for (n, k) in keys.iter().enumerate() {
            let p = post(k);
            assert_eq!(store.insert(p.id, p.clone()).is_some(), map.insert(p.id, p).is_some());
            if n % 3 == 0 {
                let gone = PostId::from_key(&keys[n / 2]);
                assert_eq!(store.remove(&gone), map.remove(&gone));
            }
            assert_eq!(store.len(), map.len());
        }
        assert_eq!(ids(&store), map.keys().copied().collect::<Vec<_>>());
        assert!(store.values().eq(map.values()));
        for k in &keys {
            let id = PostId::from_key(k);
            assert_eq!(store.get(&id), map.get(&id));
            assert_eq!(store.contains_key(&id), map.contains_key(&id));
        }
    }

    /// A list built from posts in any order is in id order; of an id given twice the later post stays.
    #[test]
    fn built_from_posts_in_any_order() {
        let mut posts: Vec<Post> = (0..50).rev().map(|i| post(&format!("k{i}"))).collect();
        let mut twice = post("k7");
        twice.title = "later".into();
        posts.push(twice);
        let store = PostStore::from_posts(posts.clone());
        assert_eq!(store.len(), 50);
        let mut want: Vec<PostId> = (0..50).map(|i| PostId::from_key(&format!("k{i}"))).collect();
        want.sort();
        assert_eq!(ids(&store), want);
        assert_eq!(store.get(&PostId::from_key("k7")).map(|p| &p.title[..]), Some("later"));
        let by_insert = posts.into_iter().fold(PostStore::new(), |mut s, p| {
            s.insert(p.id, p);
            s
        });
        assert!(store == by_insert);
        assert!(!by_insert.ordered);
    }
}
