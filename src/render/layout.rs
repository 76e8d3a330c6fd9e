//! A tidy-tree layout, after Buchheim, Jünger and Leipert (2002), "Improving
//! Walker's algorithm to run in linear time", which fixes the linear-time
//! claims of Walker's refinement of Reingold and Tilford (1981).
//!
//! The published algorithm is two recursive walks. Here both are loops over
//! an explicit stack, so the depth of the tree is bounded by memory, not by
//! the thread's stack: a reporting chain of 100,000 posts lays out fine.
//!
//! Every node has the same width, so the layout works in *slots*: siblings
//! and neighbouring subtrees are at least one slot apart. The caller turns
//! slots into pixels.

const NONE: usize = usize::MAX;

/// The result of [`tidy_tree`]: one horizontal position per node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TidyTree {
    /// The horizontal position of each node, in slots; the leftmost node is at 0.
    pub x: Vec<f64>,
    /// The depth of each node: 0 for the roots. Nodes that are not reachable
    /// from a root get `usize::MAX` and position 0.
    pub depth: Vec<usize>,
}

/// Lays out a forest: `children[v]` lists the children of node `v` from left
/// to right, and `roots` the roots from left to right.
///
/// The input should be a forest (every node the child of at most one node, no
/// cycles). If it is not, the layout still ends: a node is placed where it is
/// first met and is skipped after that.
///
/// Complexity: O(n).
pub(crate) fn tidy_tree(children: &[Vec<usize>], roots: &[usize]) -> TidyTree {
    let n = children.len();
    let root = n; // a virtual root above the forest, not drawn
    // The forest as seen from the virtual root, each node met once.
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    let mut parent = vec![NONE; n + 1];
    let mut number = vec![0usize; n + 1];
    let mut seen = vec![false; n + 1];
    seen[root] = true;
    let mut queue: Vec<usize> = vec![root];
    while let Some(v) = queue.pop() {
        let list: &[usize] = if v == root { roots } else { &children[v] };
        for &w in list {
            if w < n && !seen[w] {
                seen[w] = true;
                parent[w] = v;
                number[w] = kids[v].len();
                kids[v].push(w);
                queue.push(w);
            }
        }
    }

    let mut prelim = vec![0.0f64; n + 1];
    let mut modifier = vec![0.0f64; n + 1];
    let mut shift = vec![0.0f64; n + 1];
    let mut change = vec![0.0f64; n + 1];
    let mut thread = vec![NONE; n + 1];
    let mut ancestor: Vec<usize> = (0..=n).collect();
    let mut default_ancestor: Vec<usize> = kids.iter().map(|k| k.first().copied().unwrap_or(NONE)).collect();

    let mut w = Walker {
        kids: &kids,
        parent: &parent,
        number: &number,
        prelim: &mut prelim,
        modifier: &mut modifier,
        shift: &mut shift,
        change: &mut change,
        thread: &mut thread,
        ancestor: &mut ancestor,
    };

    // First walk, post-order.
    let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
    while let Some(top) = stack.last_mut() {
        let (v, i) = *top;
        if let Some(&c) = kids[v].get(i) {
            top.1 += 1;
            stack.push((c, 0));
            continue;
        }
        stack.pop();
        w.finish(v);
        let p = parent[v];
        if p != NONE {
            default_ancestor[p] = w.apportion(v, default_ancestor[p]);
        }
    }

    // Second walk, pre-order: sum the modifiers down each path.
    let mut x = vec![0.0f64; n];
    let mut depth = vec![usize::MAX; n];
    let mut stack: Vec<(usize, f64, usize)> = vec![(root, 0.0, 0)];
    while let Some((v, m, d)) = stack.pop() {
        if v < n {
            x[v] = w.prelim[v] + m;
            depth[v] = d - 1;
        }
        for &c in &kids[v] {
            stack.push((c, m + w.modifier[v], d + 1));
        }
    }
    let min = (0..n).filter(|&v| depth[v] != usize::MAX).map(|v| x[v]).fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for (v, xv) in x.iter_mut().enumerate() {
            if depth[v] != usize::MAX {
                *xv -= min;
            }
        }
    }
    TidyTree { x, depth }
}

struct Walker<'a> {
    kids: &'a [Vec<usize>],
    parent: &'a [usize],
    number: &'a [usize],
    prelim: &'a mut [f64],
    modifier: &'a mut [f64],
    shift: &'a mut [f64],
    change: &'a mut [f64],
    thread: &'a mut [usize],
    ancestor: &'a mut [usize],
}

const DISTANCE: f64 = 1.0;

impl Walker<'_> {
    fn left_sibling(&self, v: usize) -> Option<usize> {
        let p = self.parent[v];
        if p == NONE || self.number[v] == 0 { None } else { self.kids[p].get(self.number[v] - 1).copied() }
    }

    fn next_left(&self, v: usize) -> usize {
        self.kids[v].first().copied().unwrap_or(self.thread[v])
    }

    fn next_right(&self, v: usize) -> usize {
        self.kids[v].last().copied().unwrap_or(self.thread[v])
    }

    /// The end of the first walk for `v`, once its children are done.
    fn finish(&mut self, v: usize) {
        let left = self.left_sibling(v);
        match (self.kids[v].first().copied(), self.kids[v].last().copied()) {
            (Some(first), Some(last)) => {
                self.execute_shifts(v);
                let mid = (self.prelim[first] + self.prelim[last]) / 2.0;
                match left {
                    Some(l) => {
                        self.prelim[v] = self.prelim[l] + DISTANCE;
                        self.modifier[v] = self.prelim[v] - mid;
                    }
                    None => self.prelim[v] = mid,
                }
            }
            _ => self.prelim[v] = left.map_or(0.0, |l| self.prelim[l] + DISTANCE),
        }
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        for &w in self.kids[v].iter().rev() {
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }

    fn move_subtree(&mut self, wl: usize, wr: usize, shift: f64) {
        let subtrees = self.number[wr].saturating_sub(self.number[wl]).max(1) as f64;
        self.change[wr] -= shift / subtrees;
        self.shift[wr] += shift;
        self.change[wl] += shift / subtrees;
        self.prelim[wr] += shift;
        self.modifier[wr] += shift;
    }

    /// Pushes the subtree of `v` clear of its left siblings' subtrees.
    fn apportion(&mut self, v: usize, default_ancestor: usize) -> usize {
        let Some(w) = self.left_sibling(v) else { return default_ancestor };
        let p = self.parent[v];
        let mut da = default_ancestor;
        let (mut vir, mut vor) = (v, v);
        let mut vil = w;
        let mut vol = self.kids[p][0];
        let mut sir = self.modifier[vir];
        let mut sor = self.modifier[vor];
        let mut sil = self.modifier[vil];
        let mut sol = self.modifier[vol];
        while self.next_right(vil) != NONE && self.next_left(vir) != NONE {
            vil = self.next_right(vil);
            vir = self.next_left(vir);
            vol = self.next_left(vol);
            vor = self.next_right(vor);
            if vol == NONE || vor == NONE {
                break;
            }
            self.ancestor[vor] = v;
            let shift = (self.prelim[vil] + sil) - (self.prelim[vir] + sir) + DISTANCE;
            if shift > 0.0 {
                let a = if self.parent[self.ancestor[vil]] == p { self.ancestor[vil] } else { da };
                self.move_subtree(a, v, shift);
                sir += shift;
                sor += shift;
            }
            sil += self.modifier[vil];
            sir += self.modifier[vir];
            sol += self.modifier[vol];
            sor += self.modifier[vor];
        }
        if vor != NONE && vol != NONE {
            if self.next_right(vil) != NONE && self.next_right(vor) == NONE {
                self.thread[vor] = self.next_right(vil);
                self.modifier[vor] += sil - sor;
            }
            if self.next_left(vir) != NONE && self.next_left(vol) == NONE {
                self.thread[vol] = self.next_left(vir);
                self.modifier[vol] += sir - sol;
                da = v;
            }
        }
        da
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_overlap(t: &TidyTree) {
        let mut by_depth: std::collections::BTreeMap<usize, Vec<f64>> = Default::default();
        for (i, &d) in t.depth.iter().enumerate() {
            by_depth.entry(d).or_default().push(t.x[i]);
        }
        for xs in by_depth.values_mut() {
            xs.sort_by(f64::total_cmp);
            for w in xs.windows(2) {
                assert!(w[1] - w[0] >= 1.0 - 1e-9, "{xs:?}");
            }
        }
    }

    #[test]
    fn parents_are_centred_over_their_children() {
        // 0 -> 1, 2, 3; 1 -> 4, 5
        let children = vec![vec![1, 2, 3], vec![4, 5], vec![], vec![], vec![], vec![]];
        let t = tidy_tree(&children, &[0]);
        assert_eq!(t.depth, vec![0, 1, 1, 1, 2, 2]);
        assert!((t.x[0] - (t.x[1] + t.x[3]) / 2.0).abs() < 1e-9);
        assert!((t.x[1] - (t.x[4] + t.x[5]) / 2.0).abs() < 1e-9);
        no_overlap(&t);
    }

    #[test]
    fn random_forests_never_overlap() {
        // A deterministic pseudo-random forest of 2,000 nodes.
        let n = 2000;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut children = vec![Vec::new(); n];
        let mut roots = vec![0];
        for v in 1..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            if seed.is_multiple_of(50) {
                roots.push(v);
            } else {
                let p = (seed as usize / 7) % v;
                children[p].push(v);
            }
        }
        let t = tidy_tree(&children, &roots);
        assert!(t.depth.iter().all(|&d| d != usize::MAX));
        no_overlap(&t);
    }

    #[test]
    fn a_cycle_in_the_input_still_ends() {
        let children = vec![vec![1], vec![0]];
        let t = tidy_tree(&children, &[0]);
        assert_eq!(t.depth, vec![0, 1]);
    }
}
