//! The structural measures of a design.
//!
//! The definitions follow the peer tools in `shared/bench/` (and through them
//! the R package hR and the Python packages ctorg and
//! people-analytics-toolkit), so that results can be compared number for number:
//!
//! - **layer**: 1 for a top post, plus one for every line edge below it;
//! - **management post**: a post with at least one line report, or whose role
//!   is a line-management role;
//! - **management layer** of a management post: the number of management posts
//!   on its chain to the top, itself included. Staff posts add no layer. The
//!   design's `management_layers` is the highest management layer of a
//!   reachable management post. Every post above a post with reports has
//!   reports itself, so this equals the peers' "highest layer of a post with
//!   reports" except where a post is a manager by role alone (a flat CSV's
//!   `is_manager = 1` on a post without reports, or a teammanager with an
//!   empty team): harkje counts that post, the peers do not;
//! - **span of control**: the direct line reports of a manager (every post
//!   whose line manager it is, reachable or not), counted in posts and in FTE;
//! - **headcount under** a post: the posts in its subtree, itself included; the
//!   same for FTE and cost;
//! - **cost**: annual full-time salary × FTE. A post with an unknown salary adds
//!   nothing to cost and is counted in `unknown_salary`;
//! - **unit totals**: headcount (posts), FTE and cost of the posts placed
//!   directly in each unit;
//! - **unreachable posts**: posts whose chain does not end in a top post
//!   (it runs into a cycle or a missing post). They get no layer.
//!
//! Every algorithm here is iterative and linear (sorting for the median and
//! for stable output is n log n), so a line a million posts deep is fine.

mod steering;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::{Bodies, LineTable, Parent};
use crate::model::{Design, NaturalKey, natural_cmp};
use crate::par::both;

#[cfg(feature = "render")]
pub(crate) use steering::unit_head_rows;
pub use steering::{Escalation, PostPortfolio, coordination_load, escalation_points, portfolios, unit_heads};
pub(crate) use steering::{head_numbers, steering_lines};

/// The summary of a set of numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Stats {
    /// The smallest value (0 when there are none).
    pub min: f64,
    /// The largest value (0 when there are none).
    pub max: f64,
    /// The mean, rounded to 4 decimals.
    pub mean: f64,
    /// The median: the middle value, or the mean of the two middle values.
    pub median: f64,
}

/// Span-of-control statistics over all managers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SpanStats {
    /// The number of posts with at least one direct report.
    pub managers: usize,
    /// The smallest span in posts.
    pub min: usize,
    /// The largest span in posts.
    pub max: usize,
    /// The mean span in posts, rounded to 4 decimals.
    pub mean: f64,
    /// The median span in posts.
    pub median: f64,
    /// The same statistics for spans counted in FTE.
    pub fte: Stats,
}

/// Headcount, FTE and cost.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Totals {
    /// The number of posts.
    pub headcount: usize,
    /// The FTE, rounded to 2 decimals.
    pub fte: f64,
    /// The cost (salary × FTE), rounded to 2 decimals.
    pub cost: f64,
    /// Posts whose salary is unknown; they add nothing to `cost`.
    pub unknown_salary: usize,
}

/// A line reference to a post that does not exist.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct DanglingReference {
    /// The post holding the reference.
    pub post: String,
    /// The missing post it reports to.
    pub reports_to: String,
}

/// Per-post results, in the order of the [`LineTable`].
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PerPost {
    /// Layer (top = 1); 0 for an unreachable post.
    pub layer: Vec<u32>,
    /// Management layer; 0 for a staff post or an unreachable post.
    pub management_layer: Vec<u32>,
    /// Direct reports.
    pub span: Vec<u32>,
    /// FTE of the direct reports.
    pub span_fte: Vec<f64>,
    /// Posts in the subtree, the post itself included; 0 when unreachable.
    pub headcount_under: Vec<u64>,
    /// FTE in the subtree.
    pub fte_under: Vec<f64>,
    /// Cost in the subtree.
    pub cost_under: Vec<f64>,
}

/// Every structural measure of a line. This is the JSON contract of
/// `harkje metrics --format json` (see the README for the keys).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Measures {
    /// The number of posts.
    pub posts: usize,
    /// The keys of the top posts (posts without a line manager), sorted.
    pub top_posts: Vec<String>,
    /// The highest layer of a reachable post.
    pub layers: u32,
    /// The highest management layer.
    pub management_layers: u32,
    /// Reachable posts per layer.
    pub posts_per_layer: BTreeMap<u32, usize>,
    /// Span-of-control statistics.
    pub span: SpanStats,
    /// Totals over all posts.
    pub totals: Totals,
    /// Totals per unit key, for the posts placed directly in the unit.
    pub units: BTreeMap<String, Totals>,
    /// Every cycle in the line, each as its post keys sorted by [`natural_cmp`]; sorted.
    pub cycles: Vec<Vec<String>>,
    /// References to posts that do not exist.
    pub dangling_references: Vec<DanglingReference>,
    /// Posts whose chain does not reach a top post, sorted.
    pub unreachable_posts: Vec<String>,
    /// Per-post results (not part of the JSON summary).
    #[serde(skip)]
    pub per_post: PerPost,
}

impl Measures {
    /// Whether the line has a fault: a cycle or a dangling reference.
    pub fn has_faults(&self) -> bool {
        !self.cycles.is_empty() || !self.dangling_references.is_empty()
    }
}

/// Computes every measure of a line.
///
/// # Complexity
/// O(n) for the traversal, O(n log n) for sorting the median and the output
/// lists.
///
/// # Examples
/// ```
/// use harkje::graph::LineTable;
///
/// let mut b = LineTable::builder();
/// b.push("top", None, Some("U0"), 1.0, Some(100_000.0), false);
/// b.push("a", Some("top"), Some("U0"), 1.0, Some(60_000.0), false);
/// b.push("b", Some("top"), Some("U0"), 0.5, Some(50_000.0), false);
/// let (line, _) = b.finish();
/// let m = harkje::measures::compute(&line);
/// assert_eq!(m.layers, 2);
/// assert_eq!(m.span.max, 2);
/// assert_eq!(m.totals.cost, 185_000.0);
/// ```
pub fn compute(line: &LineTable) -> Measures {
    compute_parts(line, true)
}

/// [`compute`], with the subtree sums (`headcount_under`, `fte_under` and
/// `cost_under` of [`PerPost`]) only when `sums` says so; else they are
/// left empty.
fn compute_parts(line: &LineTable, sums: bool) -> Measures {
    // Two threads for a large line, in two steps. First: the layers here;
    // the spans, then the subtree sums' starting values, there. Second: the
    // summary and the totals here; the subtree sums there.
    let n = line.len();
    let parallel = n >= PARALLEL_FROM;
    let start = || {
        let (span, span_fte) = spans(line);
        let under = sums.then(|| Under::start(line, &span));
        (span, span_fte, under)
    };
    let ((layer, cycles), (span, span_fte, under)) = both(|| layers(line), start, parallel);
    let climb = |under: Option<Under>| {
        under.map(|mut under| {
            under.climb(line, &span);
            under
        })
    };
    let ((mut m, mlayer, unreachable, summed), under) = both(
        || {
            let (m, mlayer, unreachable) = summarise(line, &span, &span_fte, &layer, cycles);
            (m, mlayer, unreachable, totals(line))
        },
        || climb(under),
        parallel,
    );
    (m.totals, m.units) = summed;
    let Under { headcount: mut headcount_under, fte: mut fte_under, cost: mut cost_under, .. } =
        under.unwrap_or_default();
    if sums {
        for i in unreachable {
            let i = i as usize;
            headcount_under[i] = 0;
            fte_under[i] = 0.0;
            cost_under[i] = 0.0;
        }
    }
    m.per_post = PerPost { layer, management_layer: mlayer, span, span_fte, headcount_under, fte_under, cost_under };
    m
}

/// Lines at least this long use a second thread.
const PARALLEL_FROM: usize = 200_000;

/// Totals and unit totals, with compensated sums so that large sets agree
/// with the peers to the cent.
fn totals(line: &LineTable) -> (Totals, BTreeMap<String, Totals>) {
    let mut total = Acc::default();
    let mut per_unit: Vec<Acc> = vec![Acc::default(); line.unit_keys().len()];
    for i in 0..line.len() {
        total.add(line, i);
        if let Some(u) = line.unit_number(i).and_then(|u| per_unit.get_mut(u)) {
            u.add(line, i);
        }
    }
    let units = line
        .unit_keys()
        .iter()
        .zip(per_unit)
        .filter(|(_, a)| a.headcount > 0)
        .map(|(k, a)| (k.clone(), a.totals()))
        .collect();
    (total.totals(), units)
}

/// The direct reports of each post, in posts and in FTE. Every post whose
/// line manager exists counts, reachable or not.
fn spans(line: &LineTable) -> (Vec<u32>, Vec<f64>) {
    let n = line.len();
    let mut span = written(n, 0u32);
    let mut span_fte = written(n, 0f64);
    for (p, &fte) in line.parents().zip(line.ftes()) {
        if let Parent::Post(p) = p
            && let (Some(s), Some(f)) = (span.get_mut(p), span_fte.get_mut(p))
        {
            *s += 1;
            *f += fte;
        }
    }
    (span, span_fte)
}

/// A vector of `n` copies of `value`, written out now.
///
/// `vec![0; n]` asks for zeroed memory, which the kernel maps lazily to one
/// shared zero page. Reading such an array at random and then writing it
/// faults twice per page, and while a second thread runs, each second fault
/// interrupts the other CPU to flush its address cache. Writing the array
/// out first costs one fault per page, in order.
fn written<T: Clone>(n: usize, value: T) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, value);
    v
}

/// A layer not yet known.
const UNKNOWN: u32 = 0;
/// A post on the chain being climbed.
const ON_PATH: u32 = u32::MAX;
/// A post whose chain runs into a cycle or a missing post.
const UNREACHABLE: u32 = u32::MAX - 1;

/// The layer of every post (0 when it reaches no top post), and every cycle.
///
/// Each post not yet known climbs its chain until it meets a post whose layer
/// is known, a top post, a missing manager, or a post on its own chain (a
/// cycle); the chain then takes its layers on the way back. Every post is
/// climbed once, so this is linear however deep the line is, and it touches
/// only the parent and layer arrays. When a climb met its own chain, the
/// cycles are found among the unreachable posts by [`crate::cycles`].
fn layers(line: &LineTable) -> (Vec<u32>, Vec<Vec<String>>) {
    let (layer, closed_a_cycle) = climb_layers(line);
    let n = line.len();
    let mut cycles = Vec::new();
    if closed_a_cycle {
        // A cycle is unreachable, and so is everything under it.
        let unreachable = (0..n).filter(|&i| layer[i] == 0);
        let manager = |i: usize| match line.parent(i) {
            Parent::Post(p) => Some(p),
            _ => None,
        };
        for cycle in crate::cycles::cycles(unreachable, manager) {
            let mut keys: Vec<String> = cycle.iter().map(|&x| line.key(x).to_owned()).collect();
            keys.sort_by(|a, b| natural_cmp(a, b));
            cycles.push(keys);
        }
        cycles.sort_by(|a, b| cmp_lists(a, b));
    }
    (layer, cycles)
}

/// The layer of every post of `line` (top = 1, 0 when it reaches no top
/// post), as [`PerPost::layer`] holds it, without the other measures: what
/// the unit heads of a picture need. Complexity: O(n).
#[cfg(feature = "render")]
pub(crate) fn layers_only(line: &LineTable) -> Vec<u32> {
    climb_layers(line).0
}

/// The climb of [`layers`]: the layer of every post (0 when it reaches no
/// top post), and whether a climb met its own chain (a cycle).
fn climb_layers(line: &LineTable) -> (Vec<u32>, bool) {
    let n = line.len();
    let mut layer = written(n, UNKNOWN);
    let mut path: Vec<u32> = Vec::new();
    let mut closed_a_cycle = false;
    for start in 0..n {
        if layer[start] != UNKNOWN {
            continue;
        }
        path.clear();
        let mut cur = start;
        let base = loop {
            match layer[cur] {
                UNKNOWN => match line.parent(cur) {
                    Parent::Top => {
                        layer[cur] = 1;
                        break 1;
                    }
                    Parent::Post(p) if p < n => {
                        layer[cur] = ON_PATH;
                        path.push(cur as u32);
                        cur = p;
                    }
                    _ => {
                        layer[cur] = UNREACHABLE;
                        break UNREACHABLE;
                    }
                },
                ON_PATH => {
                    closed_a_cycle = true;
                    break UNREACHABLE;
                }
                known => break known,
            }
        };
        let mut l = base;
        for &x in path.iter().rev() {
            if l != UNREACHABLE {
                l += 1;
            }
            layer[x as usize] = l;
        }
    }
    for l in &mut layer {
        if *l == UNREACHABLE {
            *l = 0;
        }
    }
    (layer, closed_a_cycle)
}

/// Subtree sums: the posts, FTE and cost in each post's subtree, itself included.
#[derive(Default)]
struct Under {
    headcount: Vec<u64>,
    fte: Vec<f64>,
    cost: Vec<f64>,
    /// The reports not yet summed into each post.
    waiting: Vec<u32>,
}

impl Under {
    /// Every post alone: itself, its FTE and its cost. Then [`Under::climb`]
    /// sums bottom-up: every leaf climbs to its manager, and a manager climbs
    /// on once the last of its reports has arrived, so each post climbs at
    /// most once. Posts in or under a cycle never complete, and sums below a
    /// missing manager stop there; both are unreachable, and their sums are
    /// cleared afterwards, so reachable posts get exactly their subtrees.
    fn start(line: &LineTable, span: &[u32]) -> Under {
        let n = line.len();
        Under {
            headcount: written(n, 1u64),
            fte: line.ftes().to_vec(),
            cost: (0..n).map(|v| cost_of(line, v)).collect(),
            waiting: span.to_vec(),
        }
    }

    fn climb(&mut self, line: &LineTable, span: &[u32]) {
        let n = line.len();
        let Under { headcount, fte, cost, waiting } = self;
        for (start, _) in span.iter().enumerate().filter(|(_, s)| **s == 0) {
            let mut v = start;
            while let Parent::Post(p) = line.parent(v) {
                if p >= n {
                    break;
                }
                headcount[p] += headcount[v];
                fte[p] += fte[v];
                cost[p] += cost[v];
                waiting[p] -= 1;
                if waiting[p] != 0 {
                    break;
                }
                v = p;
            }
        }
    }
}

/// Everything but the totals, from the spans, subtree sums and layers.
///
/// Also returns the management layers and the unreachable posts' indices;
/// the per-post results are left empty.
fn summarise(
    line: &LineTable,
    span: &[u32],
    span_fte: &[f64],
    layer: &[u32],
    cycles: Vec<Vec<String>>,
) -> (Measures, Vec<u32>, Vec<u32>) {
    let n = line.len();

    // Every post on the chain above a post with reports has reports itself,
    // so the management layer of a management post is its layer.
    let mlayer: Vec<u32> = (0..n).map(|i| if span[i] > 0 || line.manager_role(i) { layer[i] } else { 0 }).collect();

    let unreachable: Vec<u32> = (0..n).filter(|&i| layer[i] == 0).map(|i| i as u32).collect();
    let mut sorted = unreachable.clone();
    sorted.sort_by_cached_key(|&i| NaturalKey::new(line.key(i as usize)));
    let unreachable_posts: Vec<String> = sorted.iter().map(|&i| line.key(i as usize).to_owned()).collect();

    // Span statistics over managers; the medians by selection, not sorting.
    let span_stats = span_stats(span, span_fte);

    let mut per_layer: Vec<usize> = Vec::new();
    for &l in layer {
        let l = l as usize;
        if l > 0 {
            if per_layer.len() <= l {
                per_layer.resize(l + 1, 0);
            }
            per_layer[l] += 1;
        }
    }
    let management_layers = mlayer.iter().copied().max().unwrap_or(0);
    let layers = per_layer.len().saturating_sub(1) as u32;
    let posts_per_layer: BTreeMap<u32, usize> =
        per_layer.iter().enumerate().filter(|(_, c)| **c > 0).map(|(l, c)| (l as u32, *c)).collect();

    let mut top_posts: Vec<String> =
        (0..n).filter(|&i| line.parent(i) == Parent::Top).map(|i| line.key(i).to_owned()).collect();
    top_posts.sort_by(|a, b| natural_cmp(a, b));
    let mut dangling_references: Vec<DanglingReference> = line
        .dangling()
        .map(|(i, k)| DanglingReference { post: line.key(i).to_owned(), reports_to: k.to_owned() })
        .collect();
    dangling_references.sort_by(|a, b| natural_cmp(&a.post, &b.post).then_with(|| a.reports_to.cmp(&b.reports_to)));

    let m = Measures {
        posts: n,
        top_posts,
        layers,
        management_layers,
        posts_per_layer,
        span: span_stats,
        totals: Totals::default(),
        units: BTreeMap::new(),
        cycles,
        dangling_references,
        unreachable_posts,
        per_post: PerPost::default(),
    };
    (m, mlayer, unreachable)
}

fn span_stats(span: &[u32], span_fte: &[f64]) -> SpanStats {
    let n = span.len();
    let mut spans: Vec<u32> = span.iter().copied().filter(|&s| s > 0).collect();
    let mut spans_fte: Vec<f64> = (0..n).filter(|&i| span[i] > 0).map(|i| span_fte[i]).collect();
    let span_sum: u64 = spans.iter().map(|&s| u64::from(s)).sum();
    SpanStats {
        managers: spans.len(),
        min: spans.iter().min().map_or(0, |&s| s as usize),
        max: spans.iter().max().map_or(0, |&s| s as usize),
        mean: if spans.is_empty() { 0.0 } else { round(span_sum as f64 / spans.len() as f64, 4) },
        median: median_u32(&mut spans),
        fte: Stats {
            min: spans_fte.iter().copied().min_by(f64::total_cmp).unwrap_or(0.0),
            max: spans_fte.iter().copied().max_by(f64::total_cmp).unwrap_or(0.0),
            mean: round(mean(spans_fte.iter().copied()), 4),
            median: median_f64(&mut spans_fte),
        },
    }
}

/// Computes every measure of a line whose design has collective leaderships
/// or self-steering teams ([`Bodies`]).
///
/// The measures run on the line as measured ([`Bodies::measured_line`]): the
/// members of a collective share one layer under the line above it, and the
/// members of a self-steering team hang under the post the team answers to.
/// Spans then count:
///
/// - **a member of a collective**: its own reports outside the collective.
///   Fellow members are not its reports (they lead with it, not under it),
///   so the gemeentesecretaris of a directieteam of three does not count the
///   other two. The collective as a whole has no span of its own: every post
///   under it still has one member as its line manager, so summing the
///   members' spans would count nothing new;
/// - **the post a self-steering team answers to**: the team as **one** report,
///   whatever its size (the post answers for the team, not for each member),
///   and in FTE the team's FTE (the work it answers for). `span-too-wide`
///   reads these same spans.
///
/// With no bodies this is exactly [`compute`] on `line`.
///
/// Complexity: that of [`compute`], plus one copy of the line when a body
/// changes it.
pub fn compute_with(line: &LineTable, bodies: &Bodies) -> Measures {
    compute_with_parts(line, bodies, true)
}

/// [`compute_with`] without the subtree sums: `headcount_under`,
/// `fte_under` and `cost_under` of [`PerPost`] are left empty. What the
/// check's built-in rules read, at two fifths less memory per post (some
/// 24 MB at a million posts) and a pass less.
pub(crate) fn compute_for_rules(line: &LineTable, bodies: &Bodies) -> Measures {
    compute_with_parts(line, bodies, false)
}

fn compute_with_parts(line: &LineTable, bodies: &Bodies, sums: bool) -> Measures {
    let Some(measured) = bodies.measured_line(line) else {
        return compute_parts(line, sums);
    };
    let mut m = compute_parts(&measured, sums);
    let corrections = bodies.span_corrections(&measured);
    if !corrections.is_empty() {
        for (row, less) in corrections {
            if let Some(s) = m.per_post.span.get_mut(row) {
                *s = s.saturating_sub(less);
            }
        }
        m.span = span_stats(&m.per_post.span, &m.per_post.span_fte);
    }
    m
}

/// Every measure of a design: its line ([`LineTable::from_design`]) with its
/// collective leaderships and self-steering teams resolved
/// ([`compute_with`]). For a design with neither, the same as
/// `compute(&LineTable::from_design(design))`.
///
/// Complexity: O(n) expected, as [`compute`].
pub fn of_design(design: &Design) -> Measures {
    let line = LineTable::from_design(design);
    compute_with(&line, &Bodies::new(design.units(), &line))
}

fn cmp_lists(a: &[String], b: &[String]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = natural_cmp(x, y);
        if o.is_ne() {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

fn cost_of(line: &LineTable, i: usize) -> f64 {
    line.salary(i).map_or(0.0, |s| s * line.fte(i))
}

/// Neumaier-compensated running sums.
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    headcount: usize,
    unknown_salary: usize,
    fte: Kahan,
    cost: Kahan,
}

impl Acc {
    fn add(&mut self, line: &LineTable, i: usize) {
        self.headcount += 1;
        self.fte.add(line.fte(i));
        match line.salary(i) {
            None => self.unknown_salary += 1,
            Some(s) => self.cost.add(s * line.fte(i)),
        }
    }

    fn totals(&self) -> Totals {
        Totals {
            headcount: self.headcount,
            fte: round(self.fte.value(), 2),
            cost: round(self.cost.value(), 2),
            unknown_salary: self.unknown_salary,
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Kahan {
    sum: f64,
    c: f64,
}

impl Kahan {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.c += (self.sum - t) + x;
        } else {
            self.c += (x - t) + self.sum;
        }
        self.sum = t;
    }
    fn value(&self) -> f64 {
        self.sum + self.c
    }
}

fn mean(xs: impl ExactSizeIterator<Item = f64>) -> f64 {
    let n = xs.len();
    if n == 0 {
        return 0.0;
    }
    let mut k = Kahan::default();
    for x in xs {
        k.add(x);
    }
    k.value() / n as f64
}

/// The median of whole numbers, by selection (the slice is reordered).
fn median_u32(xs: &mut [u32]) -> f64 {
    let n = xs.len();
    if n == 0 {
        return 0.0;
    }
    let (left, &mut mid, _) = xs.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        f64::from(mid)
    } else {
        let below = left.iter().copied().max().unwrap_or(mid);
        (f64::from(below) + f64::from(mid)) / 2.0
    }
}

/// The median of numbers without NaN, by selection (the slice is reordered).
fn median_f64(xs: &mut [f64]) -> f64 {
    let n = xs.len();
    if n == 0 {
        return 0.0;
    }
    let (left, &mut mid, _) = xs.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        mid
    } else {
        let below = left.iter().copied().max_by(f64::total_cmp).unwrap_or(mid);
        (below + mid) / 2.0
    }
}

/// Rounds half away from zero to `digits` decimals.
pub(crate) fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (x * f).round() / f;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measures for the rules are every measure but the subtree sums,
    /// on every example design and on a line with a cycle, a missing
    /// manager and a post under both.
    #[test]
    fn the_rules_measures_are_all_but_the_subtree_sums() {
        let all_but_sums = |mut m: Measures| {
            m.per_post.headcount_under.clear();
            m.per_post.fte_under.clear();
            m.per_post.cost_under.clear();
            m
        };
        let mut b = LineTable::builder();
        b.push("top", None, Some("U0"), 1.0, Some(100_000.0), true);
        b.push("a", Some("top"), Some("U0"), 1.0, Some(60_000.0), false);
        b.push("c1", Some("c2"), None, 1.0, None, true);
        b.push("c2", Some("c1"), None, 0.5, None, true);
        b.push("under", Some("c1"), Some("U1"), 1.0, Some(50_000.0), false);
        b.push("lost", Some("nobody"), Some("U1"), 1.0, None, false);
        let (line, _) = b.finish();
        let none = Bodies::default();
        assert_eq!(compute_for_rules(&line, &none), all_but_sums(compute_with(&line, &none)));
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
        let mut designs = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            for file in ["new.json", "old.json", "design.json"] {
                let Ok(d) = crate::format::from_json_file(entry.path().join(file)) else { continue };
                let line = LineTable::from_design(&d);
                let bodies = Bodies::new(d.units(), &line);
                assert_eq!(compute_for_rules(&line, &bodies), all_but_sums(compute_with(&line, &bodies)));
                designs += 1;
            }
        }
        assert!(designs >= 5, "{designs} example designs");
    }
}
