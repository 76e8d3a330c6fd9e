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

use crate::diagnostic::natural_cmp;
use crate::graph::LineTable;
use crate::graph::line::TOP;

pub use steering::{Escalation, coordination_load, escalation_points, unit_heads};

/// The summary of a set of numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
pub struct DanglingReference {
    /// The post holding the reference.
    pub post: String,
    /// The missing post it reports to.
    pub reports_to: String,
}

/// Per-post results, in the order of the [`LineTable`].
#[derive(Clone, Debug, Default, PartialEq)]
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
    // The totals need only the FTE, salary and unit columns; on a large line
    // they are summed on a second thread while this one walks the line.
    if line.len() >= PARALLEL_FROM {
        let (mut m, summed) = std::thread::scope(|scope| {
            let handle = std::thread::Builder::new().spawn_scoped(scope, || totals(line)).ok();
            let m = walk(line);
            (m, handle.and_then(|h| h.join().ok()))
        });
        let (total, units) = summed.unwrap_or_else(|| totals(line));
        m.totals = total;
        m.units = units;
        m
    } else {
        let mut m = walk(line);
        (m.totals, m.units) = totals(line);
        m
    }
}

/// Lines at least this long sum their totals on a second thread.
const PARALLEL_FROM: usize = 200_000;

/// Totals and unit totals, with compensated sums so that large sets agree
/// with the peers to the cent.
fn totals(line: &LineTable) -> (Totals, BTreeMap<String, Totals>) {
    let mut total = Acc::default();
    let mut per_unit: Vec<Acc> = vec![Acc::default(); line.unit_keys.len()];
    for i in 0..line.len() {
        total.add(line, i);
        if let Some(u) = per_unit.get_mut(line.unit[i] as usize) {
            u.add(line, i);
        }
    }
    let units = line
        .unit_keys
        .iter()
        .zip(per_unit)
        .filter(|(_, a)| a.headcount > 0)
        .map(|(k, a)| (k.clone(), a.totals()))
        .collect();
    (total.totals(), units)
}

/// Everything but the totals: the walk over the line.
fn walk(line: &LineTable) -> Measures {
    let n = line.len();
    let parent = &line.parent;
    let valid = |p: u32| (p as usize) < n;

    // Children in CSR form: offsets into one flat array.
    let mut span = vec![0u32; n];
    let mut span_fte = vec![0f64; n];
    for (i, &p) in parent.iter().enumerate() {
        if valid(p) {
            span[p as usize] += 1;
            span_fte[p as usize] += line.fte[i];
        }
    }
    let mut offset = vec![0u32; n + 1];
    for i in 0..n {
        offset[i + 1] = offset[i] + span[i];
    }
    // Fill by moving each post's start forward, then shift the starts back.
    let mut children = vec![0u32; offset[n] as usize];
    for (i, &p) in parent.iter().enumerate() {
        if valid(p) {
            let slot = &mut offset[p as usize];
            children[*slot as usize] = i as u32;
            *slot += 1;
        }
    }
    for i in (1..=n).rev() {
        offset[i] = offset[i - 1];
    }
    if let Some(first) = offset.first_mut() {
        *first = 0;
    }

    // Breadth-first from every top post: layers, management layers, and an
    // order in which every manager comes before its reports.
    let is_mgmt = |i: usize| span[i] > 0 || line.manager_role[i];
    let mut layer = vec![0u32; n];
    let mut mlayer = vec![0u32; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    for i in 0..n {
        if parent[i] == TOP {
            layer[i] = 1;
            mlayer[i] = u32::from(is_mgmt(i));
            order.push(i as u32);
        }
    }
    let mut head = 0;
    while head < order.len() {
        let v = order[head] as usize;
        head += 1;
        for &c in &children[offset[v] as usize..offset[v + 1] as usize] {
            let c = c as usize;
            layer[c] = layer[v] + 1;
            mlayer[c] = if is_mgmt(c) { mlayer[v] + 1 } else { 0 };
            order.push(c as u32);
        }
    }
    // Staff posts carry 0 but pass their chain's count on to their reports.
    // A staff post has no reports by definition (else it would be management),
    // so the value above is exact.

    // Subtree sums, bottom-up in reverse breadth-first order.
    // Every post starts with itself; unreachable posts are set to 0 below.
    let mut headcount_under = vec![1u64; n];
    let mut fte_under = line.fte.clone();
    let mut cost_under: Vec<f64> = (0..n).map(|v| cost_of(line, v)).collect();
    for &v in order.iter().rev() {
        let v = v as usize;
        let p = parent[v];
        if valid(p) && layer[p as usize] > 0 {
            let p = p as usize;
            headcount_under[p] += headcount_under[v];
            fte_under[p] += fte_under[v];
            cost_under[p] += cost_under[v];
        }
    }

    // Posts not reached from a top post: find the cycles among them.
    let reached = order.len();
    let mut unreachable_posts = Vec::with_capacity(n - reached);
    let mut cycles = Vec::new();
    if reached < n {
        // 0 = not visited, 1 = on the current walk, 2 = done.
        let mut state = vec![0u8; n];
        for &v in &order {
            state[v as usize] = 2;
        }
        let mut path: Vec<u32> = Vec::new();
        for s in 0..n {
            if state[s] != 0 {
                continue;
            }
            path.clear();
            let mut cur = s as u32;
            loop {
                let c = cur as usize;
                match state[c] {
                    0 => {
                        state[c] = 1;
                        path.push(cur);
                        if valid(parent[c]) {
                            cur = parent[c];
                        } else {
                            break;
                        }
                    }
                    1 => {
                        if let Some(at) = path.iter().rposition(|&x| x == cur) {
                            let mut cyc: Vec<String> =
                                path[at..].iter().map(|&x| line.key(x as usize).to_owned()).collect();
                            cyc.sort_by(|a, b| natural_cmp(a, b));
                            cycles.push(cyc);
                        }
                        break;
                    }
                    _ => break,
                }
            }
            for &x in &path {
                state[x as usize] = 2;
            }
        }
        for (i, &l) in layer.iter().enumerate() {
            if l == 0 {
                unreachable_posts.push(line.key(i).to_owned());
                headcount_under[i] = 0;
                fte_under[i] = 0.0;
                cost_under[i] = 0.0;
            }
        }
        unreachable_posts.sort_by(|a, b| natural_cmp(a, b));
        cycles.sort_by(|a, b| cmp_lists(a, b));
    }

    // Span statistics over managers.
    let mut spans: Vec<u32> = span.iter().copied().filter(|&s| s > 0).collect();
    let mut spans_fte: Vec<f64> = (0..n).filter(|&i| span[i] > 0).map(|i| span_fte[i]).collect();
    spans.sort_unstable();
    spans_fte.sort_unstable_by(f64::total_cmp);
    let span_stats = SpanStats {
        managers: spans.len(),
        min: spans.first().map_or(0, |&s| s as usize),
        max: spans.last().map_or(0, |&s| s as usize),
        mean: round(mean(spans.iter().map(|&s| f64::from(s))), 4),
        median: median_sorted(&spans.iter().map(|&s| f64::from(s)).collect::<Vec<_>>()),
        fte: Stats {
            min: spans_fte.first().copied().unwrap_or(0.0),
            max: spans_fte.last().copied().unwrap_or(0.0),
            mean: round(mean(spans_fte.iter().copied()), 4),
            median: median_sorted(&spans_fte),
        },
    };

    let mut per_layer: Vec<usize> = Vec::new();
    let mut management_layers = 0;
    for &v in &order {
        let v = v as usize;
        let l = layer[v] as usize;
        if per_layer.len() <= l {
            per_layer.resize(l + 1, 0);
        }
        per_layer[l] += 1;
        management_layers = management_layers.max(mlayer[v]);
    }
    let layers = per_layer.len().saturating_sub(1) as u32;
    let posts_per_layer: BTreeMap<u32, usize> =
        per_layer.iter().enumerate().filter(|(_, c)| **c > 0).map(|(l, c)| (l as u32, *c)).collect();

    let mut top_posts: Vec<String> = (0..n).filter(|&i| parent[i] == TOP).map(|i| line.key(i).to_owned()).collect();
    top_posts.sort_by(|a, b| natural_cmp(a, b));
    let mut dangling_references: Vec<DanglingReference> = line
        .dangling
        .iter()
        .map(|(i, k)| DanglingReference { post: line.key(*i as usize).to_owned(), reports_to: k.clone() })
        .collect();
    dangling_references.sort_by(|a, b| natural_cmp(&a.post, &b.post).then_with(|| a.reports_to.cmp(&b.reports_to)));

    Measures {
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
        per_post: PerPost { layer, management_layer: mlayer, span, span_fte, headcount_under, fte_under, cost_under },
    }
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
    let s = line.salary[i];
    if s.is_nan() { 0.0 } else { s * line.fte[i] }
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
        self.fte.add(line.fte[i]);
        if line.salary[i].is_nan() {
            self.unknown_salary += 1;
        } else {
            self.cost.add(line.salary[i] * line.fte[i]);
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

fn median_sorted(xs: &[f64]) -> f64 {
    let n = xs.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => xs[n / 2],
        _ => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

/// Rounds half away from zero to `digits` decimals.
pub(crate) fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (x * f).round() / f;
    if r == 0.0 { 0.0 } else { r }
}
