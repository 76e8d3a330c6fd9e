//! Numbers for ids, found in the sorted list of ids itself.
//!
//! A design keeps its elements in maps ordered by id, so the ids of its posts
//! (or people, or units) come out sorted. The ids are name-based UUIDs, spread
//! evenly over their range, so the leading bits of an id tell nearly where it
//! sits in the sorted list. [`IdIndex`] keeps, for every value of the leading
//! bits, where the ids with that value start: a lookup reads that entry and
//! about one id. Building it is one pass over the sorted ids, with no hashing
//! and no copy of the ids.

use crate::model::{PersonId, PostId, UnitId};

/// An id with a place in the sorted order: its UUID as a number, which sorts
/// as the id does.
pub(crate) trait SortKey: Copy + Eq {
    /// The UUID as a big-endian number.
    fn sort_key(&self) -> u128;
}

macro_rules! sort_key {
    ($($t:ty),*) => {$(
        impl SortKey for $t {
            fn sort_key(&self) -> u128 {
                self.as_uuid().as_u128()
            }
        }
    )*};
}
sort_key!(PostId, PersonId, UnitId);

/// The most leading bits used: 2^24 start entries (64 MiB) at most.
const MAX_BITS: u32 = 24;

/// How many lookups [`IdIndex::find_each`] prepares together.
pub(crate) const CHUNK: usize = 16;

/// Buckets of ids by leading bits over a list of ids, for [`IdIndex::find`].
///
/// The list it was built from must be passed to every lookup. When that list
/// was not sorted (no design hands out such a list, but nothing is assumed),
/// the index keeps a sorted copy of its own.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    /// Leading bits used; 0 for an empty list.
    bits: u32,
    /// `starts[b]` is the first position whose id has leading bits `>= b`;
    /// one entry more than there are buckets.
    starts: Vec<u32>,
    /// When the list was not in order: its keys sorted, with their numbers.
    unsorted: Option<(Vec<u128>, Vec<u32>)>,
}

/// Hands every item to `each`, in order, until `each` says stop (`false`).
///
/// The items are taken [`CHUNK`] at a time, and `prepare` is called on each
/// chunk one chunk before its items are handed on: the memory reads that
/// `prepare` starts (see [`IdIndex::prepare`]) then have the time of a whole
/// chunk to arrive before they are needed. Only the speed depends on
/// `prepare`.
pub(crate) fn in_chunks<T>(
    items: impl IntoIterator<Item = T>,
    mut prepare: impl FnMut(&[T]),
    mut each: impl FnMut(T) -> bool,
) {
    let mut items = items.into_iter();
    let mut current: Vec<T> = Vec::with_capacity(CHUNK);
    let mut next: Vec<T> = Vec::with_capacity(CHUNK);
    current.extend(items.by_ref().take(CHUNK));
    prepare(&current);
    while !current.is_empty() {
        next.extend(items.by_ref().take(CHUNK));
        if !next.is_empty() {
            prepare(&next);
        }
        for t in current.drain(..) {
            if !each(t) {
                return;
            }
        }
        std::mem::swap(&mut current, &mut next);
    }
}

impl IdIndex {
    /// Indexes `ids`. O(n) when they are sorted, O(n log n) otherwise.
    pub(crate) fn new<K: SortKey>(ids: &[K]) -> IdIndex {
        let n = ids.len();
        let bits = if n <= 1 { 0 } else { (usize::BITS - (n - 1).leading_zeros()).min(MAX_BITS) };
        let sorted = ids.windows(2).all(|w| w[0].sort_key() < w[1].sort_key());
        let unsorted = if sorted {
            None
        } else {
            let mut pairs: Vec<(u128, u32)> = ids.iter().enumerate().map(|(i, k)| (k.sort_key(), i as u32)).collect();
            pairs.sort_unstable();
            Some(pairs.into_iter().unzip())
        };
        let mut index = IdIndex { bits, starts: Vec::new(), unsorted };
        let starts = match &index.unsorted {
            None => index.bucket_starts(ids.iter().map(SortKey::sort_key), n),
            Some((keys, _)) => index.bucket_starts(keys.iter().copied(), n),
        };
        index.starts = starts;
        index
    }

    fn bucket(&self, key: u128) -> usize {
        if self.bits == 0 { 0 } else { (key >> (128 - self.bits)) as usize }
    }

    /// The start of every bucket, from keys in ascending order.
    fn bucket_starts(&self, keys: impl Iterator<Item = u128>, n: usize) -> Vec<u32> {
        let buckets = 1usize << self.bits;
        let mut starts = Vec::with_capacity(buckets + 1);
        for (pos, key) in keys.enumerate() {
            let b = self.bucket(key);
            while starts.len() <= b {
                starts.push(pos as u32);
            }
        }
        starts.resize(buckets + 1, n as u32);
        starts
    }

    /// Reads, for each of up to [`CHUNK`] ids, the memory [`IdIndex::find`]
    /// will read first: the start of its bucket, then the first id there.
    /// The reads of all of them are issued before any value is used, so
    /// their cache misses overlap; the searches that follow find the data in
    /// the cache. Only the speed depends on this.
    pub(crate) fn prepare<K: SortKey>(&self, ids: &[K], keys: impl IntoIterator<Item = K>) {
        if self.unsorted.is_some() {
            return;
        }
        let mut starts = [0u32; CHUNK];
        let mut m = 0;
        for (slot, k) in starts.iter_mut().zip(keys) {
            *slot = self.starts.get(self.bucket(k.sort_key())).copied().unwrap_or(0);
            m += 1;
        }
        let mut seen = 0u64;
        for &s in starts.iter().take(m) {
            seen ^= ids.get(s as usize).map_or(0, |k| k.sort_key() as u64);
        }
        std::hint::black_box(seen);
    }

    /// Finds the id of every item (`key` gives it, `None` for an item
    /// without one) and hands each item with the position found to `found`,
    /// in order. The same as [`IdIndex::find`] item by item, but the items
    /// are taken [`CHUNK`] at a time and their lookups prepared together
    /// ([`IdIndex::prepare`]): at a million random ids this is several times
    /// faster than one lookup after another, each waiting for its own cache
    /// misses. O(n) expected.
    pub(crate) fn find_each<K: SortKey, T>(
        &self,
        ids: &[K],
        items: impl IntoIterator<Item = T>,
        key: impl Fn(&T) -> Option<K>,
        mut found: impl FnMut(T, Option<usize>),
    ) {
        in_chunks(
            items,
            |chunk| self.prepare(ids, chunk.iter().filter_map(&key)),
            |t| {
                let at = key(&t).and_then(|k| self.find(ids, k));
                found(t, at);
                true
            },
        );
    }

    /// The position of `id` in `ids` (the list this index was built from).
    /// Expected O(1) for evenly spread ids, O(log n) at worst.
    pub(crate) fn find<K: SortKey>(&self, ids: &[K], id: K) -> Option<usize> {
        let key = id.sort_key();
        let b = self.bucket(key);
        let start = *self.starts.get(b)? as usize;
        let end = *self.starts.get(b + 1)? as usize;
        match &self.unsorted {
            None => {
                let slice = ids.get(start..end)?;
                let at = if slice.len() <= 8 {
                    slice.iter().position(|k| *k == id)?
                } else {
                    let at = slice.partition_point(|k| k.sort_key() < key);
                    if slice.get(at) != Some(&id) {
                        return None;
                    }
                    at
                };
                Some(start + at)
            }
            Some((keys, numbers)) => {
                let slice = keys.get(start..end)?;
                let at = slice.partition_point(|k| *k < key);
                if slice.get(at) != Some(&key) {
                    return None;
                }
                numbers.get(start + at).map(|&i| i as usize)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(keys: &[String]) -> Vec<PostId> {
        keys.iter().map(|k| PostId::from_key(k)).collect()
    }

    proptest! {
        #[test]
        fn finds_every_id_and_no_other(keys in proptest::collection::btree_set("[a-z0-9]{1,6}", 0..300), others in proptest::collection::vec("[A-Z]{1,4}", 0..20), sort in any::<bool>()) {
            let keys: Vec<String> = keys.into_iter().collect();
            let mut list = ids(&keys);
            if sort {
                list.sort();
            }
            let index = IdIndex::new(&list);
            for (i, id) in list.iter().enumerate() {
                prop_assert_eq!(index.find(&list, *id), Some(i));
            }
            for k in others {
                prop_assert_eq!(index.find(&list, PostId::from_key(&k)), None);
            }
        }
    }

    proptest! {
        #[test]
        fn finding_each_finds_what_finding_one_by_one_finds(keys in proptest::collection::btree_set("[a-z0-9]{1,6}", 0..300), asked in proptest::collection::vec(("[a-z0-9]{1,6}", any::<bool>()), 0..100), sort in any::<bool>()) {
            let keys: Vec<String> = keys.into_iter().collect();
            let mut list = ids(&keys);
            if sort {
                list.sort();
            }
            let index = IdIndex::new(&list);
            // Some items have no id to look up.
            let asked: Vec<Option<PostId>> = asked.iter().map(|(k, some)| some.then(|| PostId::from_key(k))).collect();
            let mut got = Vec::new();
            index.find_each(&list, asked.iter().enumerate(), |(_, k)| **k, |(i, _), at| got.push((i, at)));
            let one_by_one: Vec<(usize, Option<usize>)> =
                asked.iter().enumerate().map(|(i, k)| (i, k.and_then(|k| index.find(&list, k)))).collect();
            prop_assert_eq!(got, one_by_one);
        }
    }

    #[test]
    fn ids_crowded_in_one_bucket_are_found() {
        // Ids that share their leading bits: the bucket search falls back to
        // binary search.
        let mut list: Vec<UnitId> = Vec::new();
        let mut i = 0;
        while list.len() < 40 {
            let id = UnitId::from_key(&format!("u{i}"));
            if id.sort_key() >> 124 == 0 {
                list.push(id);
            }
            i += 1;
        }
        list.sort();
        let mut all = list.clone();
        for j in 0..20 {
            all.push(UnitId::from_key(&format!("far{j}")));
        }
        all.sort();
        let index = IdIndex::new(&all);
        for (i, id) in all.iter().enumerate() {
            assert_eq!(index.find(&all, *id), Some(i));
        }
        assert_eq!(index.find(&all, UnitId::from_key("missing")), None);
        assert_eq!(IdIndex::new::<UnitId>(&[]).find(&[], UnitId::from_key("x")), None);
    }
}
