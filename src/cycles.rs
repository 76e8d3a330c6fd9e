//! Cycles among parent links: the one finder for the reporting line, the
//! placement of units and every loader that checks them.
//!
//! Elements are numbered `0, 1, …`; each has at most one parent. The model
//! refuses the links that close a cycle, the JSON loader and the HR import
//! report the cycles in their input, and the measures list the cycles of a
//! line. Each keeps its own messages and only asks this module where the
//! cycles are.

/// Every cycle among parent links, found by walking up from each of
/// `starts` in order.
///
/// A walk stops at an element without a parent, at an element an earlier
/// walk passed, or at an element on its own path: then the path from that
/// element on is a cycle. Each cycle is returned once, as its elements in
/// walk order, starting with the element at which the walk closed it (whose
/// parent is the last one). Elements are marked as they are passed, so
/// every element is walked at most once: the whole search is linear, and
/// it never recurses.
///
/// `parent` may number new elements as it finds them (the numbers only need
/// to be small, as they index an array).
pub(crate) fn cycles(
    starts: impl IntoIterator<Item = usize>,
    mut parent: impl FnMut(usize) -> Option<usize>,
) -> Vec<Vec<usize>> {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state: Vec<u8> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for start in starts {
        path.clear();
        let mut cur = Some(start);
        while let Some(c) = cur {
            if c >= state.len() {
                state.resize(c + 1, UNSEEN);
            }
            match state[c] {
                UNSEEN => {
                    state[c] = ON_PATH;
                    path.push(c);
                    cur = parent(c);
                }
                ON_PATH => {
                    if let Some(at) = path.iter().rposition(|&x| x == c) {
                        found.push(path[at..].to_vec());
                    }
                    break;
                }
                _ => break,
            }
        }
        for &x in &path {
            state[x] = DONE;
        }
    }
    found
}

/// Cycles among links where an element may have several parents (a unit
/// placed in one unit for a while and in another later: the union of its
/// dated parents).
///
/// An iterative depth-first walk up the links from each element: an edge to
/// an element on the current path closes a cycle, returned as the path from
/// that element on. Every element and edge is passed once, so the walk is
/// linear; at most `limit` cycles are returned, so the output stays small
/// however many cycles share a long path.
pub(crate) fn cycles_among<'p>(n: usize, parents: impl Fn(usize) -> &'p [usize], limit: usize) -> Vec<Vec<usize>> {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; n];
    let mut found = Vec::new();
    // The path as (element, index of its next parent to try).
    let mut path: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if state[start] != UNSEEN {
            continue;
        }
        state[start] = ON_PATH;
        path.push((start, 0));
        while let Some(top) = path.last_mut() {
            let (node, next) = *top;
            let Some(&p) = parents(node).get(next) else {
                state[node] = DONE;
                path.pop();
                continue;
            };
            top.1 += 1;
            match state.get(p).copied() {
                Some(UNSEEN) => {
                    state[p] = ON_PATH;
                    path.push((p, 0));
                }
                Some(ON_PATH) if found.len() < limit => {
                    if let Some(at) = path.iter().rposition(|&(x, _)| x == p) {
                        found.push(path[at..].iter().map(|&(x, _)| x).collect());
                    }
                }
                _ => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{cycles, cycles_among};

    #[test]
    fn cycles_among_several_parents() {
        // 0 in 1 and 2; 1 in 2; 2 in 0: the walk closes 0 → 1 → 2 → 0 (the
        // shorter 0 → 2 → 0 shares its elements and is found once that one is fixed).
        let parents: Vec<Vec<usize>> = vec![vec![1, 2], vec![2], vec![0], vec![0]];
        let found = cycles_among(parents.len(), |i| &parents[i], 10);
        assert_eq!(found, vec![vec![0, 1, 2]]);
        let tree: Vec<Vec<usize>> = vec![vec![], vec![0], vec![0, 1], vec![2, 1]];
        assert!(cycles_among(tree.len(), |i| &tree[i], 10).is_empty());
        let n = 100_000;
        let ring: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        assert_eq!(cycles_among(n, |i| &ring[i], 10)[0].len(), n);
    }

    fn of(parent: &[Option<usize>]) -> Vec<Vec<usize>> {
        cycles(0..parent.len(), |i| parent.get(i).copied().flatten())
    }

    #[test]
    fn a_tree_has_no_cycle() {
        assert!(of(&[None, Some(0), Some(0), Some(1)]).is_empty());
    }

    #[test]
    fn each_cycle_once_from_where_the_walk_closed_it() {
        // 0 → 1 → 2 → 1, and 3 → 3, and 4 → 2.
        let found = of(&[Some(1), Some(2), Some(1), Some(3), Some(2)]);
        assert_eq!(found, vec![vec![1, 2], vec![3]]);
    }

    #[test]
    fn a_ring_of_100000_is_walked_without_recursion() {
        let n = 100_000;
        let found = cycles(0..n, |i| Some((i + 1) % n));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
