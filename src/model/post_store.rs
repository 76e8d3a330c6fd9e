//! The design's posts: one list of posts and, once edits have left it out
//! of order, an ordered index of their ids.
//!
//! A design of a million posts keeps its posts in one `Vec`, in the order of
//! their ids right after a load or a build, so that walking them reads memory
//! in sequence. While the list is in that order a post is found by searching
//! it: ids are hashes and spread evenly, so the place of an id is guessed from
//! its value (some four looks in a million posts, not the twenty of a binary
//! search). An edit that would leave the list out of order first builds a
//! `BTreeMap` from each id, as a 128-bit integer (compared in one
//! instruction, not byte by byte), to its place in the list; edits then stay
//! O(log n): a new post is pushed at the end and indexed, a removed one is
//! replaced by the last. Iteration follows the ids, as the map it replaces
//! did, so every output keeps its order.

use std::collections::BTreeMap;

use super::{Post, PostId};

/// The posts of a design, ordered by id (see the module's documentation).
#[derive(Clone)]
pub(crate) struct PostStore {
    /// The posts, each at the place the index gives for its id.
    slots: Vec<Post>,
    /// Each post's id, as an integer that sorts like the id, to its place;
    /// `None` while `slots` is in the order of the ids and has never been
    /// out of it (then a post is found by searching `slots`).
    index: Option<BTreeMap<u128, u32>>,
    /// Whether `slots` is in the order of the ids (then iteration skips the index).
    ordered: bool,
}

/// The id as an integer that sorts as the id's bytes do.
fn int(id: PostId) -> u128 {
    id.as_uuid().as_u128()
}

/// An iterator over the posts in the order of their ids.
pub(crate) enum Values<'a> {
    /// The list itself, when it is in order.
    Slots(std::slice::Iter<'a, Post>),
    /// Through the index.
    Index(std::collections::btree_map::Values<'a, u128, u32>, &'a [Post]),
}

impl<'a> Iterator for Values<'a> {
    type Item = &'a Post;
    #[inline]
    fn next(&mut self) -> Option<&'a Post> {
        match self {
            Values::Slots(it) => it.next(),
            Values::Index(it, slots) => it.next().and_then(|&i| slots.get(i as usize)),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Values::Slots(it) => it.size_hint(),
            Values::Index(it, _) => it.size_hint(),
        }
    }
}

impl ExactSizeIterator for Values<'_> {}

impl PostStore {
    /// An empty store: ordered, as there is nothing to order.
    pub(crate) fn new() -> Self {
        PostStore { slots: Vec::new(), index: None, ordered: true }
    }

    /// The posts, given in any order, stored in the order of their ids. Of
    /// posts with the same id the last given is kept, as inserting them one
    /// by one would. Each post is moved once; no index is built.
    pub(crate) fn from_posts(mut posts: Vec<Post>) -> Self {
        sort_by_id(&mut posts);
        PostStore::from_sorted(posts)
    }

    /// Posts in the order of their ids (of equal ids, the last given is kept).
    pub(crate) fn from_sorted(mut posts: Vec<Post>) -> Self {
        debug_assert!(posts.windows(2).all(|w| int(w[0].id) <= int(w[1].id)));
        // Of a run of equal ids, the last given stays (at the run's first place).
        posts.dedup_by(|later, kept| {
            let same = later.id == kept.id;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        posts.shrink_to_fit();
        PostStore { slots: posts, index: None, ordered: true }
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The place of the post with this id.
    fn place(&self, key: u128) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&key).map(|&i| i as usize),
            None => search(&self.slots, key),
        }
    }

    /// The index, built from the list when there is none yet. O(n) once.
    fn index_mut(&mut self) -> &mut BTreeMap<u128, u32> {
        let slots = &self.slots;
        self.index.get_or_insert_with(|| slots.iter().enumerate().map(|(i, p)| (int(p.id), i as u32)).collect())
    }

    pub(crate) fn contains_key(&self, id: &PostId) -> bool {
        self.place(int(*id)).is_some()
    }

    pub(crate) fn get(&self, id: &PostId) -> Option<&Post> {
        self.place(int(*id)).and_then(|i| self.slots.get(i))
    }

    pub(crate) fn get_mut(&mut self, id: &PostId) -> Option<&mut Post> {
        let i = self.place(int(*id))?;
        self.slots.get_mut(i)
    }

    /// Inserts a post under its id, returning the post it replaces.
    pub(crate) fn insert(&mut self, id: PostId, post: Post) -> Option<Post> {
        debug_assert_eq!(id, post.id);
        let key = int(id);
        if let Some(i) = self.place(key) {
            return self.slots.get_mut(i).map(|slot| std::mem::replace(slot, post));
        }
        // Still in order when the new id comes after every other: without
        // an index, it stays without one.
        let after_all = self.slots.last().is_none_or(|last| int(last.id) < key);
        if self.index.is_none() && after_all {
            self.slots.push(post);
            return None;
        }
        self.ordered &= after_all;
        let place = self.slots.len() as u32;
        self.index_mut().insert(key, place);
        self.slots.push(post);
        None
    }

    /// Removes the post with this id: the last post takes its place.
    pub(crate) fn remove(&mut self, id: &PostId) -> Option<Post> {
        let key = int(*id);
        if self.index.is_none() && self.slots.last().is_some_and(|last| int(last.id) == key) {
            return self.slots.pop();
        }
        self.place(key)?;
        let i = self.index_mut().remove(&key)? as usize;
        if i + 1 < self.slots.len() {
            self.ordered = false;
        }
        let post = self.slots.swap_remove(i);
        if let Some(moved) = self.slots.get(i).map(|p| int(p.id))
            && let Some(place) = self.index_mut().get_mut(&moved)
        {
            *place = i as u32;
        }
        Some(post)
    }

    /// The posts in the order of their ids.
    pub(crate) fn values(&self) -> Values<'_> {
        match &self.index {
            Some(index) if !self.ordered => Values::Index(index.values(), &self.slots),
            _ => Values::Slots(self.slots.iter()),
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
    const PARTS: usize = 256;
    if items.len() < 1 << 16 {
        return sort_by_id(items);
    }
    let part = |p: &Post| (int(p.id) >> 120) as usize;
    let mut ends = [0usize; PARTS];
    for p in items.iter() {
        ends[part(p)] += 1;
    }
    let mut starts = [0usize; PARTS];
    let mut sum = 0;
    for (start, end) in starts.iter_mut().zip(ends.iter_mut()) {
        *start = sum;
        sum += *end;
        *end = sum;
    }
    let mut heads = starts;
    for b in 0..PARTS {
        while heads[b] < ends[b] {
            let to = part(&items[heads[b]]);
            if to != b {
                items.swap(heads[b], heads[to]);
            }
            heads[to] += 1;
        }
    }
    let (low, high) = items.split_at_mut(starts[PARTS / 2]);
    let sort_parts = |items: &mut [Post], offset: usize, parts: std::ops::Range<usize>| {
        for b in parts {
            sort_by_id(&mut items[starts[b] - offset..ends[b] - offset]);
        }
    };
    let middle = starts[PARTS / 2];
    crate::par::both(|| sort_parts(low, 0, 0..PARTS / 2), || sort_parts(high, middle, PARTS / 2..PARTS), true);
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
        let last = *map.keys().next_back().unwrap();
        assert_eq!(store.remove(&last), map.remove(&last));
        let mut beyond = post("beyond");
        beyond.id = serde_json::from_str(&format!("\"{}\"", uuid::Uuid::from_u128(u128::MAX))).unwrap();
        assert_eq!(store.insert(beyond.id, beyond.clone()), map.insert(beyond.id, beyond));
        assert!(store.index.is_none());
        // Then edits anywhere.
        for (n, p) in all.iter().enumerate().skip(1000) {
            assert_eq!(store.insert(p.id, p.clone()), map.insert(p.id, p.clone()));
            if n % 3 == 0 {
                let gone = all[n - 900].id;
                assert_eq!(store.remove(&gone), map.remove(&gone));
            }
        }
        assert!(store.index.is_some());
        assert_eq!(store.len(), map.len());
        assert!(store.values().eq(map.values()));
        for p in &all {
            assert_eq!(store.get(&p.id), map.get(&p.id));
        }
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
