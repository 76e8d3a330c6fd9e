//! Putting a list in a new order in place, each item moved once.

/// Moves the item at each place `i` to `dest[i]`, cycle by cycle: each item
/// out of place is swapped straight to its own place, so a list of large
/// items is put in order without a second list of them, in at most one swap
/// per item. `dest` must be a permutation of the places (each place once),
/// as a sort of the places gives; a place out of range is left alone, and
/// any other `dest` stops after at most one swap per item (in some order).
pub(crate) fn permute<T>(items: &mut [T], mut dest: Vec<u32>) {
    debug_assert!(is_permutation(&dest, items.len()));
    let mut swaps = 0;
    for start in 0..items.len() {
        while let Some(&to) = dest.get(start) {
            let to = to as usize;
            if to == start || to >= items.len() || swaps == items.len() {
                break;
            }
            items.swap(start, to);
            dest.swap(start, to);
            swaps += 1;
        }
    }
}

/// Puts the items in the order `order` gives: the item at place `order[k]`
/// goes to place `k`, each swapped straight there ([`permute`]). `order` is
/// the places of the items as a sort of them gives; it is used up (and its
/// list freed) before any item moves.
pub(crate) fn into_order<T>(items: &mut [T], order: impl IntoIterator<Item = u32>) {
    let mut dest = vec![0u32; items.len()];
    for (to, from) in order.into_iter().enumerate() {
        if let Some(d) = dest.get_mut(from as usize) {
            *d = to as u32;
        }
    }
    permute(items, dest);
}

/// Whether `dest` holds each of the places `0..n` once.
fn is_permutation(dest: &[u32], n: usize) -> bool {
    let mut seen = vec![false; n];
    dest.len() == n && dest.iter().all(|&d| seen.get_mut(d as usize).is_some_and(|s| !std::mem::replace(s, true)))
}

#[cfg(test)]
mod tests {
    use super::{into_order, permute};

    #[test]
    fn items_are_put_in_the_order_of_their_places() {
        let mut items = vec!['a', 'b', 'c', 'd'];
        into_order(&mut items, vec![2, 0, 3, 1]);
        assert_eq!(items, vec!['c', 'a', 'd', 'b']);
        let mut none: Vec<u8> = Vec::new();
        into_order(&mut none, Vec::new());
    }

    #[test]
    fn every_item_lands_at_its_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        // a to 2, b to 0, c to 1, d stays, e to 4 … a cycle of three and two fixed points.
        permute(&mut items, vec![2, 0, 1, 3, 4]);
        assert_eq!(items, vec!['b', 'c', 'a', 'd', 'e']);
        let mut items = vec![1, 2];
        permute(&mut items, vec![1, 0]);
        assert_eq!(items, vec![2, 1]);
        let mut none: Vec<u8> = Vec::new();
        permute(&mut none, Vec::new());
        assert!(none.is_empty());
    }

    /// A `dest` that is not a permutation is a bug of the caller: in a
    /// release build it ends, with the items in some order.
    #[test]
    #[cfg(not(debug_assertions))]
    fn a_wrong_order_ends() {
        let mut items = vec![1, 2, 3];
        permute(&mut items, vec![1, 1, 7]);
        items.sort_unstable();
        assert_eq!(items, vec![1, 2, 3]);
    }

    #[test]
    fn permutations_are_told_apart() {
        assert!(super::is_permutation(&[2, 0, 1], 3));
        assert!(!super::is_permutation(&[1, 1, 0], 3));
        assert!(!super::is_permutation(&[0, 3, 1], 3));
        assert!(!super::is_permutation(&[0, 1], 3));
    }
}
