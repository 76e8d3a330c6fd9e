//! The design's posts: one list of posts and an ordered index of their ids.
//!
//! A design of a million posts keeps its posts in one `Vec` (in the order of
//! their ids right after a load or a build, so that walking them reads memory
//! in sequence) and a `BTreeMap` from each id, as a 128-bit integer (compared
//! in one instruction, not byte by byte), to its place in the list. Edits stay
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
    /// Each post's id, as an integer that sorts like the id, to its place.
    index: BTreeMap<u128, u32>,
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
        PostStore { slots: Vec::new(), index: BTreeMap::new(), ordered: true }
    }

    /// The posts, given in any order, stored in the order of their ids. Of
    /// posts with the same id the last given is kept, as inserting them one
    /// by one would. Each post is moved once; the index is built in one sweep.
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
        let index = posts.iter().enumerate().map(|(i, p)| (int(p.id), i as u32)).collect();
        PostStore { slots: posts, index, ordered: true }
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub(crate) fn contains_key(&self, id: &PostId) -> bool {
        self.index.contains_key(&int(*id))
    }

    pub(crate) fn get(&self, id: &PostId) -> Option<&Post> {
        self.index.get(&int(*id)).and_then(|&i| self.slots.get(i as usize))
    }

    pub(crate) fn get_mut(&mut self, id: &PostId) -> Option<&mut Post> {
        let i = *self.index.get(&int(*id))?;
        self.slots.get_mut(i as usize)
    }

    /// Inserts a post under its id, returning the post it replaces.
    pub(crate) fn insert(&mut self, id: PostId, post: Post) -> Option<Post> {
        debug_assert_eq!(id, post.id);
        let key = int(id);
        if let Some(&i) = self.index.get(&key) {
            return self.slots.get_mut(i as usize).map(|slot| std::mem::replace(slot, post));
        }
        // Still in order when the new id comes after every other.
        self.ordered &= self.index.last_key_value().is_none_or(|(last, _)| *last < key);
        self.index.insert(key, self.slots.len() as u32);
        self.slots.push(post);
        None
    }

    /// Removes the post with this id: the last post takes its place.
    pub(crate) fn remove(&mut self, id: &PostId) -> Option<Post> {
        let i = self.index.remove(&int(*id))? as usize;
        if i + 1 < self.slots.len() {
            self.ordered = false;
        }
        let post = self.slots.swap_remove(i);
        if let Some(moved) = self.slots.get(i)
            && let Some(place) = self.index.get_mut(&int(moved.id))
        {
            *place = i as u32;
        }
        Some(post)
    }

    /// The posts in the order of their ids.
    pub(crate) fn values(&self) -> Values<'_> {
        if self.ordered { Values::Slots(self.slots.iter()) } else { Values::Index(self.index.values(), &self.slots) }
    }

    /// Each id with its post, in the order of the ids.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (&PostId, &Post)> + '_ {
        self.values().map(|p| (&p.id, p))
    }
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
    let mut dest = vec![0u32; items.len()];
    for (to, &(_, from)) in order.iter().enumerate() {
        if let Some(d) = dest.get_mut(from as usize) {
            *d = to as u32;
        }
    }
    drop(order);
    permute(items, dest);
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

/// Moves the item at each place `i` to `dest[i]` (a permutation), cycle by cycle.
fn permute<T>(items: &mut [T], mut dest: Vec<u32>) {
    for start in 0..items.len() {
        loop {
            let to = dest[start] as usize;
            if to == start {
                break;
            }
            items.swap(start, to);
            dest.swap(start, to);
        }
    }
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
