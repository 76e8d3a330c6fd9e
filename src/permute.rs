//! Putting a list in a new order in place, each item moved once.

/// Moves the item at each place `i` to `dest[i]`, cycle by cycle: each item
/// is swapped straight to its place, so a list of large items is put in
/// order without a second list of them. `dest` must be a permutation of the
/// places (each place once), as a sort of the places gives.
pub(crate) fn permute<T>(items: &mut [T], mut dest: Vec<u32>) {
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

#[cfg(test)]
mod tests {
    use super::permute;

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
}
