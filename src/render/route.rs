//! Orthogonal routes for the horizontal lines of the SVG, around the boxes.
//!
//! The tidy tree leaves free *channels* between its layers (at least the
//! 12 px between two boxes of a stack) and *gutters* between its columns.
//! A line leaves its box through the top, the bottom or a side, runs along
//! the channel next to one of its two boxes, down or up a gutter next to one
//! of them, and into the other box. Each line tries a fixed set of such
//! routes, shortest first, and keeps the first whose every segment stays out
//! of every box; the boxes sit in a grid of cells, so a test costs the cells
//! a segment passes, and routing L lines costs O(L) tests, not a search of
//! the plane. A line none of whose routes is free is left to the caller.

use crate::graph::fxhash::FastHashMap;

/// A box: left, top, width, height.
pub(crate) type Rect = [f64; 4];

/// The boxes, in a grid of cells for the crossing test.
pub(crate) struct Obstacles {
    rects: Vec<Rect>,
    cells: FastHashMap<(i64, i64), Vec<usize>>,
}

const CELL: f64 = 96.0;

fn cell(v: f64) -> i64 {
    (v / CELL).floor() as i64
}

impl Obstacles {
    /// The grid of `rects`. O(n) for boxes smaller than a cell or two.
    pub(crate) fn new(rects: Vec<Rect>) -> Self {
        let mut cells: FastHashMap<(i64, i64), Vec<usize>> = FastHashMap::default();
        for (id, &[x, y, w, h]) in rects.iter().enumerate() {
            for i in cell(x)..=cell(x + w) {
                for j in cell(y)..=cell(y + h) {
                    cells.entry((i, j)).or_default().push(id);
                }
            }
        }
        Obstacles { rects, cells }
    }

    /// Whether the axis-parallel segment from `a` to `b` passes through the
    /// inside of a box (running along an edge or ending on it is outside).
    pub(crate) fn crosses(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        const E: f64 = 0.5;
        for i in cell(x0)..=cell(x1) {
            for j in cell(y0)..=cell(y1) {
                for &r in self.cells.get(&(i, j)).into_iter().flatten() {
                    let [rx, ry, rw, rh] = self.rects[r];
                    // Overlap of the closed segment with the open box, shrunk by E.
                    if x1 > rx + E && x0 < rx + rw - E && y1 > ry + E && y0 < ry + rh - E {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Whether no segment of the polyline passes through a box.
    pub(crate) fn clear(&self, path: &[(f64, f64)]) -> bool {
        path.windows(2).all(|w| !self.crosses(w[0], w[1]))
    }
}

/// The segments of the lines routed so far, by the rounded coordinate they
/// run along, so that a new line can keep off them: two lines of different
/// kinds on one track would mix their dash patterns.
#[derive(Default)]
pub(crate) struct Tracks {
    /// Horizontal segments by y: their x spans.
    across: FastHashMap<i64, Vec<(f64, f64)>>,
    /// Vertical segments by x: their y spans.
    down: FastHashMap<i64, Vec<(f64, f64)>>,
}

/// How much a route is made longer, in px, for each stretch it shares with a
/// line routed before.
const SHARED: f64 = 300.0;

impl Tracks {
    /// The stretches of `path` that run on or within 2 px of a routed line.
    fn shared(&self, path: &[(f64, f64)]) -> usize {
        let mut count = 0;
        for w in path.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let (map, at, lo, hi) = if (y0 - y1).abs() < 1e-9 {
                (&self.across, y0, x0.min(x1), x0.max(x1))
            } else {
                (&self.down, x0, y0.min(y1), y0.max(y1))
            };
            let key = at.round() as i64;
            for k in key - 2..=key + 2 {
                count += map.get(&k).into_iter().flatten().filter(|&&(a, b)| a.max(lo) + 1.0 < b.min(hi)).count();
            }
        }
        count
    }

    fn add(&mut self, path: &[(f64, f64)]) {
        for w in path.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if (y0 - y1).abs() < 1e-9 {
                self.across.entry(y0.round() as i64).or_default().push((x0.min(x1), x0.max(x1)));
            } else {
                self.down.entry(x0.round() as i64).or_default().push((y0.min(y1), y0.max(y1)));
            }
        }
    }
}

/// A route from box `a` to box `b`, the `k`th line routed (which spreads
/// lines over ports, channels and gutters), as the points of a polyline that
/// starts on an edge of `a` and ends on an edge of `b`; `None` when no route
/// tried is clear of every box. Of the clear routes the one kept is the
/// shortest, counting [`SHARED`] for each stretch shared with `tracks`,
/// which then holds it too.
pub(crate) fn route(obs: &Obstacles, tracks: &mut Tracks, a: Rect, b: Rect, k: usize) -> Option<Vec<(f64, f64)>> {
    let [ax, ay, aw, ah] = a;
    let [bx, by, bw, bh] = b;
    // Ports: lines leave left of a box's centre and arrive right of it, clear
    // of the line of the tree, which meets the box in the middle.
    let out_x = ax + 14.0 + 5.0 * (k % 8) as f64;
    let in_x = bx + bw / 2.0 + 14.0 + 5.0 * (k % 6) as f64;
    // Tracks 4 to 20 px off a box, short of the middle of a channel where
    // the tree's own line runs; 3 px where a stack leaves only 12.
    let gap = 4.0 + 4.0 * (k % 5) as f64;
    // Right of a box, clear of the rail of the next column (12 px on);
    // left of it, beyond its own rail (10 px off) and its stubs.
    let right = 4.0 + 2.0 * (k % 4) as f64;
    let left = 14.0 + 2.0 * (k % 4) as f64;
    let (a_mid, b_mid) = (ay + ah / 2.0 + ((k % 5) as f64 - 2.0) * 4.0, by + bh / 2.0);

    // The edge of a box facing the level y, if y is outside the box.
    let edge = |top: f64, h: f64, y: f64| {
        if y <= top {
            Some(top)
        } else if y >= top + h {
            Some(top + h)
        } else {
            None
        }
    };
    let mut tries: Vec<Vec<(f64, f64)>> = Vec::with_capacity(24);
    // Channels: just above and below each of the two boxes.
    let channels = [ay - gap, ay + ah + gap, ay - 3.0, ay + ah + 3.0, by - gap, by + bh + gap, by - 3.0, by + bh + 3.0];
    // Three segments: out of a, along a channel, into b; on every track of
    // the channels.
    let mut levels: Vec<f64> = Vec::with_capacity(24);
    for g in [3.0, 4.0, 8.0, 12.0, 16.0, 20.0] {
        levels.extend([ay - g, ay + ah + g, by - g, by + bh + g]);
    }
    for &c in &levels {
        if let (Some(ea), Some(eb)) = (edge(ay, ah, c), edge(by, bh, c)) {
            tries.push(vec![(out_x, ea), (out_x, c), (in_x, c), (in_x, eb)]);
        }
    }
    // Gutters: beside each box.
    let gutters = [ax + aw + right, ax - left, bx - left, bx + bw + right];
    // Three segments: out of a's side, along a gutter, into b's side.
    for &g in &gutters {
        let from = if g > ax + aw / 2.0 { ax + aw } else { ax };
        let to = if g > bx + bw / 2.0 { bx + bw } else { bx };
        if (g >= ax + aw || g <= ax) && (g >= bx + bw || g <= bx) {
            tries.push(vec![(from, a_mid), (g, a_mid), (g, b_mid), (to, b_mid)]);
        }
    }
    // Five segments: out of a into a channel, to a gutter, along it to a
    // channel of b, into b.
    for &ca in &channels[..4] {
        for &cb in &channels[4..] {
            let (Some(ea), Some(eb)) = (edge(ay, ah, ca), edge(by, bh, cb)) else { continue };
            for &g in &gutters {
                tries.push(vec![(out_x, ea), (out_x, ca), (g, ca), (g, cb), (in_x, cb), (in_x, eb)]);
            }
        }
    }
    let length =
        |p: &Vec<(f64, f64)>| p.windows(2).map(|w| (w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs()).sum::<f64>();
    let tries: Vec<Vec<(f64, f64)>> = tries.iter().map(|p| simplify(p)).collect();
    let mut order: Vec<(f64, usize)> =
        tries.iter().enumerate().map(|(i, p)| (length(p) + SHARED * tracks.shared(p) as f64, i)).collect();
    order.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    let best = order.into_iter().map(|(_, i)| &tries[i]).find(|p| obs.clear(p)).cloned()?;
    tracks.add(&best);
    Some(best)
}

/// Drops points that add no turn.
fn simplify(path: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(path.len());
    for &p in path {
        if out.last().is_some_and(|&q| (q.0 - p.0).abs() < 1e-9 && (q.1 - p.1).abs() < 1e-9) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((a.0 - b.0).abs() < 1e-9 && (b.0 - p.0).abs() < 1e-9)
                || ((a.1 - b.1).abs() < 1e-9 && (b.1 - p.1).abs() < 1e-9);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The point at `t` (0 to 1) of the way along a polyline.
pub(crate) fn point_at(path: &[(f64, f64)], t: f64) -> (f64, f64) {
    let total: f64 = path.windows(2).map(|w| (w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs()).sum();
    let mut rest = total * t.clamp(0.0, 1.0);
    for w in path.windows(2) {
        let len = (w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs();
        if rest <= len && len > 0.0 {
            let f = rest / len;
            return (w[0].0 + (w[1].0 - w[0].0) * f, w[0].1 + (w[1].1 - w[0].1) * f);
        }
        rest -= len;
    }
    path.last().copied().unwrap_or((0.0, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_goes_round_a_box_in_the_way() {
        // a above b, a third box between them.
        let a = [0.0, 0.0, 100.0, 50.0];
        let mid = [0.0, 100.0, 100.0, 50.0];
        let b = [0.0, 200.0, 100.0, 50.0];
        let obs = Obstacles::new(vec![a, mid, b]);
        let path = route(&obs, &mut Tracks::default(), a, b, 0).unwrap();
        assert!(obs.clear(&path));
        assert!(path.iter().any(|p| p.0 > 100.0 || p.0 < 0.0), "{path:?}");
        assert!(obs.crosses((50.0, 0.0), (50.0, 250.0)));
        assert!(!obs.crosses((100.0, 0.0), (100.0, 250.0)), "along an edge is outside");
    }

    #[test]
    fn point_at_walks_the_polyline() {
        let p = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(point_at(&p, 0.5), (10.0, 0.0));
        assert_eq!(point_at(&p, 1.0), (10.0, 10.0));
    }
}
