//! SVG output with a tidy-tree layout.
//!
//! The line is laid out with [`tidy_tree`]. One change makes large
//! municipalities readable: when every report of a manager is itself a leaf
//! (a team of staff), and there are [`STACK_MIN`] or more of them, they are
//! stacked in a column under the manager instead of a wide row. And when a
//! manager has more than [`WRAP`] reports that are all such columns (team
//! managers with their teams), the row is wrapped: later rows hang under the
//! columns of the row above, reached by a line down the gutter. The layout
//! sees stacks and wrapped rows as chains, so its contours keep neighbours
//! clear of them.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::layout::tidy_tree;
use super::route::{Obstacles, Tracks, point_at, route};
use super::scene::{
    CLEARED_COLOUR, PARTY_COLOUR, Scene, kind_colour, style_colour, style_dash, style_label, style_name,
};
use super::{Level, Page};
use crate::graph::fxhash::FastHashMap;
use crate::model::PartyKind;

/// Box width and height, in pixels.
const W: f64 = 184.0;
const H: f64 = 58.0;
/// Horizontal distance between box centres one slot apart.
const SLOT: f64 = W + 22.0;
/// Vertical distance between layers of the line.
const LAYER: f64 = H + 48.0;
/// Vertical distance between boxes in a stack of leaves.
const STACK_STEP: f64 = H + 12.0;
/// Vertical distance from a manager to its staff posts beside the line, and
/// from one row of staff posts to the next: a layer, so that every node of
/// one depth of the layout tree is at one height (the layout keeps boxes of
/// one depth apart, not boxes of different depths at one height).
const STAFF_STEP: f64 = LAYER;
/// Stack the reports of a manager when all are leaves and at least this many.
const STACK_MIN: usize = 4;
/// Wrap a row of more than this many columns (leaves or stacks) into several rows.
const WRAP: usize = 5;
const MARGIN: f64 = 24.0;
/// Characters per line of a title in a box (12 px Helvetica, about 6.6 px each).
const TITLE_CHARS: usize = 26;
const KEY_CHARS: usize = 30;

/// Colours for community markers.
const COMMUNITY_COLOURS: [&str; 8] =
    ["#b03a74", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22"];

/// XML (and HTML) text or attribute value; the one escape of the pictures and the Woo page.
pub(crate) fn esc(s: &str) -> String {
    // Most text has nothing to escape: copied whole. A byte 0xEF starts
    // every character from U+F000 to U+FFFF, so U+FFFE and U+FFFF too.
    let plain = |b: u8| b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF);
    if s.bytes().all(plain) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or size written as `{}` writes an `f64`, the same text,
/// but without the general float formatting where the number is a whole
/// number of sixteenths below 2^32 (nearly every number of a picture): such
/// a number's exact decimal form is its shortest form, which `{}` writes.
#[derive(Clone, Copy)]
struct Px(f64);

/// The decimals of `k` sixteenths, for [`Px`].
const SIXTEENTHS: [&str; 16] = [
    "", ".0625", ".125", ".1875", ".25", ".3125", ".375", ".4375", ".5", ".5625", ".625", ".6875", ".75", ".8125",
    ".875", ".9375",
];

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        // Exact: a multiple of a power of two, far from the ends of the range.
        let scaled = v * 16.0;
        let simple = v.abs() < 4_294_967_296.0 && scaled == scaled.trunc() && !(v == 0.0 && v.is_sign_negative());
        if !simple {
            return std::fmt::Display::fmt(&v, f);
        }
        // The whole part's digits from the right up to `END` (at most 10
        // below 2^32), the sign before them and the decimals after them, in
        // one buffer written at once.
        const END: usize = 12;
        let q = scaled.abs() as u64;
        let (mut whole, mut buf, mut at) = (q / 16, [0u8; END + 5], END);
        loop {
            at -= 1;
            buf[at] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if v < 0.0 {
            at -= 1;
            buf[at] = b'-';
        }
        let fraction = SIXTEENTHS.get((q % 16) as usize).copied().unwrap_or_default().as_bytes();
        let end = END + fraction.len();
        buf[END..end].copy_from_slice(fraction);
        f.write_str(std::str::from_utf8(&buf[at..end]).map_err(|_| std::fmt::Error)?)
    }
}

/// Cuts a text to `max` characters, with an ellipsis when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Characters per line of the member list in a collective's box (10 px).
const MEMBER_CHARS: usize = 34;
/// Characters per line under a unit's name (10 px, kept clear of the edges
/// in Helvetica and in the wider DejaVu Sans).
const DETAIL_CHARS: usize = 29;

/// Lists keys, comma-separated, on at most two lines of `max` characters;
/// what does not fit is counted as "+N".
fn wrap_list(keys: &[&str], max: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for (i, k) in keys.iter().enumerate() {
        let last = lines.len() - 1;
        let piece = if lines[last].is_empty() { (*k).to_owned() } else { format!(", {k}") };
        if lines[last].chars().count() + piece.chars().count() <= max {
            lines[last].push_str(&piece);
        } else if lines.len() < 2 {
            lines.push(truncate(k, max));
        } else {
            let more = format!(" +{}", keys.len() - i);
            let keep = max.saturating_sub(more.chars().count());
            lines[last] = format!("{}{more}", truncate(&lines[last], keep));
            break;
        }
    }
    lines
}

/// Wraps a text at spaces into lines of at most `max` characters; a word
/// longer than a line is broken. Never cuts anything.
fn wrap_words(s: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The characters in `line`.
    let mut len = 0;
    for word in s.split_whitespace() {
        let (mut word, mut chars) = (word, word.chars().count());
        if len > 0 && len + 1 + chars <= max {
            line.push(' ');
            line.push_str(word);
            len += 1 + chars;
            continue;
        }
        if len > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while chars > max && max > 0 {
            let cut = word.char_indices().nth(max).map_or(word.len(), |(i, _)| i);
            lines.push(word[..cut].to_owned());
            (word, chars) = (&word[cut..], chars - max);
        }
        line.push_str(word);
        len = chars;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Characters per line of a unit's name (12 px bold, about 7.4 px each).
const NAME_CHARS: usize = 24;
/// The font size of a title too long for two lines at 12 px.
const SMALL_FONT: f64 = 10.5;

/// A title in a box, at most `chars` characters a line at 12 px: on one or
/// two lines when it fits, else on up to three lines of [`SMALL_FONT`] px
/// (a seventh more characters a line); only a title longer than that is
/// cut, with an ellipsis (the box's tooltip has it whole). Returns the lines
/// and their font size.
fn wrap(s: &str, chars: usize) -> (Vec<String>, f64) {
    let lines = wrap_words(s, chars);
    if lines.len() <= 2 {
        return (lines, 12.0);
    }
    let small = chars * 8 / 7;
    let mut lines = wrap_words(s, small);
    if lines.len() > 3 {
        let rest = lines.split_off(2).join(" ");
        lines.push(truncate(&rest, small));
    }
    (lines, SMALL_FONT)
}

/// The height of a steering label's background.
const LABEL_H: f64 = 13.0;

/// A point of a quadratic Bézier curve from `a` over `c` to `b`, at `t`.
fn quad(t: f64, a: f64, c: f64, b: f64) -> f64 {
    (1.0 - t) * (1.0 - t) * a + 2.0 * t * (1.0 - t) * c + t * t * b
}

/// The parts of the picture taken by boxes and labels, in a grid of cells so
/// that a new label is checked only against its neighbours.
struct Free {
    /// The top (below the legend), width and height of the place for
    /// labels: a label must stay inside.
    area: (f64, f64, f64),
    cells: FastHashMap<(i64, i64), Vec<usize>>,
    rects: Vec<[f64; 4]>,
}

impl Free {
    const CELL: f64 = 64.0;

    fn new(top: f64, width: f64, height: f64) -> Self {
        Free { area: (top, width, height), cells: FastHashMap::default(), rects: Vec::new() }
    }

    fn span(x: f64, w: f64) -> std::ops::RangeInclusive<i64> {
        ((x / Self::CELL).floor() as i64)..=(((x + w) / Self::CELL).floor() as i64)
    }

    fn take(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let id = self.rects.len();
        self.rects.push([x, y, w, h]);
        for i in Self::span(x, w) {
            for j in Self::span(y, h) {
                self.cells.entry((i, j)).or_default().push(id);
            }
        }
    }

    fn is_free(&self, x: f64, y: f64, w: f64, h: f64) -> bool {
        x >= 0.0
            && y >= self.area.0
            && x + w <= self.area.1
            && y + h <= self.area.2
            && Self::span(x, w).all(|i| {
                Self::span(y, h).all(|j| {
                    self.cells.get(&(i, j)).into_iter().flatten().all(|&r| {
                        let [rx, ry, rw, rh] = self.rects[r];
                        x + w <= rx || rx + rw <= x || y + h <= ry || ry + rh <= y
                    })
                })
            })
    }

    /// The baseline centre of a label `w` wide on a curve given by its x and
    /// y at `t`: the middle of the curve if free, else the free point of the
    /// curve nearest the middle, else the free spot nearest the middle in a
    /// small grid around it, else the middle. Takes the spot.
    fn place(&mut self, fx: impl Fn(f64) -> f64, fy: impl Fn(f64) -> f64, w: f64) -> (f64, f64) {
        const TS: [f64; 17] =
            [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.06, 0.94];
        let fits = |x: f64, y: f64| self.is_free(x - w / 2.0, y - 10.0, w, LABEL_H);
        let (mx, my) = (fx(0.5), fy(0.5));
        let mut around: Vec<(f64, f64)> = Vec::with_capacity(9 * 33);
        for dx in [0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0].map(|f| f * (w + 12.0)) {
            for k in -16i32..=16 {
                around.push((dx, f64::from(k) * (LABEL_H + 2.0)));
            }
        }
        around.sort_by(|a, b| (a.0.abs() + a.1.abs()).total_cmp(&(b.0.abs() + b.1.abs())));
        let spot = TS
            .iter()
            .map(|&t| (fx(t), fy(t)))
            .chain(around.into_iter().map(|(dx, dy)| (mx + dx, my + dy)))
            .find(|&(x, y)| fits(x, y))
            .unwrap_or((mx, my));
        self.take(spot.0 - w / 2.0, spot.1 - 10.0, w, LABEL_H);
        spot
    }
}

/// Where each box goes, in pixels (top-left corner), before the header offset.
struct Placement {
    x: Vec<f64>,
    y: Vec<f64>,
    /// For a stacked leaf: the manager it hangs under.
    stacked_under: Vec<Option<usize>>,
    /// For a report in a wrapped row after the first: its manager.
    wrapped_under: Vec<Option<usize>>,
    width: f64,
    height: f64,
    /// The top of the row of unreachable posts, if any.
    cycle_row: Option<f64>,
}

/// How wide rows are folded: see [`STACK_MIN`] and [`WRAP`].
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fold {
    /// Stack the reports of a manager when all are leaves and at least this many.
    stack_min: usize,
    /// Wrap a row of more than this many columns into several rows.
    wrap: usize,
    /// Stack top boxes with nothing under them in columns of this many.
    root_column: usize,
}

const FOLD: Fold = Fold { stack_min: STACK_MIN, wrap: WRAP, root_column: 1 };

fn place(scene: &Scene, fold: Fold) -> Placement {
    let (stack_min, wrap) = (fold.stack_min, fold.wrap);
    let n = scene.nodes.len();
    // Staff posts go in the side slot beside their manager; the rest of a
    // manager's reports form the line below.
    let line_ch: Vec<Vec<usize>> =
        (0..n).map(|v| scene.children[v].iter().copied().filter(|&c| !scene.nodes[c].staff).collect()).collect();
    let staff_ch: Vec<Vec<usize>> =
        (0..n).map(|v| scene.children[v].iter().copied().filter(|&c| scene.nodes[c].staff).collect()).collect();
    // The layout tree: the line, with stacks of leaves turned into chains,
    // and wide rows of columns wrapped under each other.
    let stacked: Vec<bool> = (0..n)
        .map(|v| {
            let ch = &line_ch[v];
            ch.len() >= stack_min && ch.iter().all(|&c| scene.children[c].is_empty())
        })
        .collect();
    let column = |v: usize| scene.children[v].is_empty() || (stacked[v] && staff_ch[v].is_empty());
    let tail: Vec<usize> =
        (0..n).map(|v| if stacked[v] { line_ch[v].last().copied().unwrap_or(v) } else { v }).collect();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stacked_under = vec![None; n];
    let mut wrapped_under = vec![None; n];
    let mut chain_link = vec![false; n];
    // In the staff row (staff posts, the trunk and padding): a short step down.
    let mut staff_link = vec![false; n];
    for v in 0..n {
        // A manager with staff: under it, rows of two staff posts, one on
        // either side of a trunk that is not drawn (the first on the right,
        // a padding slot on the left when none is left), so that the
        // manager sits above the trunk; the reports hang under the last trunk.
        let mut owner = v;
        for pair in staff_ch[v].chunks(2) {
            let Some((&right, rest)) = pair.split_first() else { continue };
            let mut virtual_node = |kids: &mut Vec<Vec<usize>>| {
                kids.push(Vec::new());
                chain_link.push(false);
                staff_link.push(true);
                kids.len() - 1
            };
            let left = match rest.first() {
                Some(&c) => c,
                None => virtual_node(&mut kids),
            };
            let trunk = virtual_node(&mut kids);
            for c in [left, trunk, right] {
                kids[owner].push(c);
                if c < n {
                    staff_link[c] = true;
                }
            }
            owner = trunk;
        }
        let ch = &line_ch[v];
        if stacked[v] {
            let mut prev = owner;
            for (k, &c) in ch.iter().enumerate() {
                kids[prev].push(c);
                stacked_under[c] = Some(v);
                chain_link[c] = k > 0;
                prev = c;
            }
        } else if ch.len() > wrap && ch.iter().all(|&c| column(c)) {
            // Rows of at most WRAP columns: each later row hangs under the
            // end of the column above it.
            for (k, &c) in ch.iter().enumerate() {
                match k.checked_sub(wrap).and_then(|above| ch.get(above)) {
                    None => kids[owner].push(c),
                    Some(&above) => {
                        kids[tail[above]].push(c);
                        wrapped_under[c] = Some(v);
                    }
                }
            }
        } else {
            kids[owner].extend_from_slice(ch);
        }
    }
    // Top boxes with nothing under them (vakgroepen, outside parties) in
    // columns of `root_column`, so that they do not widen the top row.
    let mut roots: Vec<usize> = Vec::with_capacity(scene.roots.len());
    let mut column_tail: Option<(usize, usize)> = None;
    // The raad (and its griffie) and the college (and its wethouders) in
    // rows above the organisation, not beside it.
    let bestuur_row = |r: usize| match scene.nodes[r].party {
        Some(PartyKind::Raad | PartyKind::Griffie) => Some(0),
        Some(PartyKind::College | PartyKind::Wethouder) => Some(1),
        _ => None,
    };
    let mut above: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for &r in &scene.roots {
        if let Some(row) = bestuur_row(r) {
            above[row].push(r);
            continue;
        }
        if !scene.children[r].is_empty() || r >= n {
            roots.push(r);
            column_tail = None;
            continue;
        }
        match column_tail {
            Some((tail, len)) if len < fold.root_column => {
                kids[tail].push(r);
                chain_link[r] = true;
                column_tail = Some((r, len + 1));
            }
            _ => {
                roots.push(r);
                column_tail = Some((r, 1));
            }
        }
    }
    let t = tidy_tree(&kids, &roots);
    let total = kids.len();
    let mut x = vec![0.0; total];
    let mut y = vec![0.0; total];
    let mut max_x: f64 = 0.0;
    let mut max_y: f64 = 0.0;
    // Pre-order over the layout tree to place each layer under its parent.
    let mut stack: Vec<(usize, f64)> = roots.iter().map(|&r| (r, 0.0)).collect();
    let mut seen = vec![false; total];
    while let Some((v, top)) = stack.pop() {
        if seen[v] {
            continue;
        }
        seen[v] = true;
        x[v] = t.x[v] * SLOT;
        y[v] = top;
        if v < n {
            max_x = max_x.max(x[v]);
            max_y = max_y.max(top);
        }
        for &c in &kids[v] {
            let step = if chain_link[c] {
                STACK_STEP
            } else if staff_link[c] {
                STAFF_STEP
            } else {
                LAYER
            };
            stack.push((c, top + step));
        }
    }
    // The trunks and padding of the staff rows are not drawn.
    x.truncate(n);
    y.truncate(n);
    // The left edge may have been a padding slot: start at the leftmost box.
    let min_x = (0..n).filter(|&v| seen[v]).map(|v| x[v]).fold(f64::INFINITY, f64::min);
    if min_x.is_finite() && min_x > 0.0 {
        for xv in &mut x {
            *xv -= min_x;
        }
        max_x -= min_x;
    }
    // The rows of the bestuur: centred over the first top box with something
    // under it (the directie), the organisation moved down under them.
    let rows: Vec<&Vec<usize>> = above.iter().filter(|r| !r.is_empty()).collect();
    if !rows.is_empty() {
        let shift = LAYER * rows.len() as f64;
        for v in (0..n).filter(|&v| seen[v]) {
            y[v] += shift;
        }
        max_y += shift;
        let centre = roots
            .iter()
            .find(|&&r| r < n && !scene.children[r].is_empty())
            .map_or_else(|| if roots.is_empty() { W / 2.0 } else { (max_x + W) / 2.0 }, |&r| x[r] + W / 2.0);
        let mut left = f64::INFINITY;
        for (k, row) in rows.iter().enumerate() {
            // The raad or the college over the directie, the griffie or the
            // wethouders to its right.
            let mut row: Vec<usize> = row.to_vec();
            row.sort_by_key(|&v| matches!(scene.nodes[v].party, Some(PartyKind::Griffie | PartyKind::Wethouder)));
            let start = centre - W / 2.0;
            for (j, &v) in row.iter().enumerate() {
                x[v] = start + SLOT * j as f64;
                y[v] = LAYER * k as f64;
                seen[v] = true;
                left = left.min(x[v]);
                max_x = max_x.max(x[v]);
            }
        }
        if left < 0.0 {
            for v in (0..n).filter(|&v| seen[v]) {
                x[v] -= left;
            }
            max_x -= left;
        }
        max_y = max_y.max(0.0);
    }
    let placed_any = !scene.roots.is_empty();
    let mut height = if placed_any { max_y + H } else { 0.0 };
    let mut width = if placed_any { max_x + W } else { 0.0 };
    let mut cycle_row = None;
    if !scene.unreachable.is_empty() {
        // Posts in or below a line cycle: a row of their own under the tree.
        let per_row = ((width / SLOT).floor() as usize).max(8);
        let top = if scene.roots.is_empty() { 24.0 } else { height + LAYER / 2.0 + 24.0 };
        cycle_row = Some(top - 20.0);
        for (k, &v) in scene.unreachable.iter().enumerate() {
            x[v] = (k % per_row) as f64 * SLOT;
            y[v] = top + (k / per_row) as f64 * STACK_STEP;
            width = width.max(x[v] + W);
            height = height.max(y[v] + H);
        }
    }
    Placement { x, y, stacked_under, wrapped_under, width, height, cycle_row }
}

pub(super) fn write(scene: &Scene, page: Option<Page>) -> String {
    let n = scene.nodes.len();
    let mut s = String::with_capacity(n * 700 + 4096);

    // The header: title, legend, communities and notes.
    let w = scene.words;
    let kinds = scene.kinds();
    let link_kinds: BTreeSet<_> = scene.links.iter().map(|l| l.style()).collect();
    let mut header = String::new();
    let mut hy = MARGIN + 18.0;
    let _ = writeln!(
        header,
        r#"<text x="{MARGIN}" y="{hy}" font-size="18" font-weight="bold">{}</text>"#,
        esc(&scene.title)
    );
    hy += 26.0;
    let mut hx = MARGIN;
    for k in &kinds {
        let _ = writeln!(
            header,
            r##"<rect x="{hx}" y="{}" width="14" height="14" rx="3" fill="{}" stroke="#555"/><text x="{}" y="{hy}">{}</text>"##,
            hy - 11.0,
            kind_colour(Some(*k)),
            hx + 19.0,
            w.unit_kind(*k)
        );
        hx += 30.0 + 7.0 * w.unit_kind(*k).chars().count() as f64;
    }
    if !kinds.is_empty() {
        hy += 22.0;
    }
    hx = MARGIN;
    let tree_name = match scene.level {
        Level::Posts => w.line,
        Level::Units => w.placed_in,
    };
    let _ = writeln!(
        header,
        r##"<path d="M{hx} {y} h30" stroke="#444" stroke-width="1.5"/><text x="{}" y="{hy}">{}</text>"##,
        hx + 36.0,
        tree_name,
        y = hy - 4.0
    );
    hx += 50.0 + 7.0 * tree_name.chars().count() as f64;
    if scene.nodes.iter().any(|n| n.in_team) {
        let _ = writeln!(
            header,
            r##"<path d="M{hx} {y} h30" stroke="#444" stroke-width="1.2" stroke-dasharray="5 3"/><text x="{}" y="{hy}">{}</text>"##,
            hx + 36.0,
            w.team_answers_to,
            y = hy - 4.0
        );
        hx += 50.0 + 7.0 * w.team_answers_to.chars().count() as f64;
    }
    for k in &link_kinds {
        let label = match k {
            (None, None) => w.accountable_to,
            _ => style_label(w, *k),
        };
        let dash = style_dash(*k);
        let _ = writeln!(
            header,
            r#"<path d="M{hx} {y} h48" stroke="{c}" stroke-width="1.5" stroke-dasharray="{dash}"/><text x="{}" y="{hy}" fill="{c}">{}</text>"#,
            hx + 54.0,
            label,
            y = hy - 4.0,
            c = style_colour(*k)
        );
        hx += 68.0 + 7.0 * label.chars().count() as f64;
    }
    if scene.nodes.iter().any(|n| n.findings.is_some()) {
        let _ = writeln!(
            header,
            r##"<rect x="{hx}" y="{}" width="20" height="14" rx="7" fill="#8b1a1a"/><text x="{}" y="{}" text-anchor="middle" font-size="10" font-weight="bold" fill="white">3</text><text x="{}" y="{hy}">{}</text>"##,
            hy - 11.0,
            hx + 10.0,
            hy - 0.5,
            hx + 26.0,
            w.open_findings
        );
        hx += 40.0 + 7.0 * w.open_findings.chars().count() as f64;
    }
    // The title is 18 px bold: about 10.5 px a character.
    let mut header_width = hx.max(MARGIN + 10.5 * scene.title.chars().count() as f64);
    hy += 22.0;
    for (c, com) in scene.communities.iter().enumerate() {
        let colour = COMMUNITY_COLOURS[c % COMMUNITY_COLOURS.len()];
        let keys: Vec<&str> = com.members.iter().take(12).map(|&m| scene.nodes[m].key.as_str()).collect();
        let more = com.members.len().saturating_sub(12);
        let mut line = w.community(&com.name, com.kind, com.total, com.shown, &keys.join(", "));
        if more > 0 {
            line.push_str(&w.and_more(more));
        }
        let line = truncate(&line, 160);
        let _ = writeln!(
            header,
            r#"<circle cx="{}" cy="{}" r="5" fill="{colour}"/><text x="{}" y="{hy}">{}</text>"#,
            MARGIN + 5.0,
            hy - 4.0,
            MARGIN + 16.0,
            esc(&line)
        );
        header_width = header_width.max(MARGIN + 16.0 + 6.5 * line.chars().count() as f64);
        hy += 18.0;
    }
    // Many lines of one kind from one box: a badge on each box they reach,
    // and one on the box they leave, explained here.
    let bundles = bundles(scene);
    for b in &bundles {
        let from = &scene.nodes[b.from];
        let colour = style_colour(b.style);
        let line = w.bundle(b.targets.len(), &truncate(&from.title, 60), scene.level == Level::Units);
        let bw = badge(&mut header, MARGIN, hy - 10.0, &b.badge, colour, style_dash(b.style));
        let _ = writeln!(header, r#"<text x="{}" y="{hy}">{}</text>"#, MARGIN + bw + 8.0, esc(&line));
        header_width = header_width.max(MARGIN + bw + 8.0 + 6.5 * line.chars().count() as f64);
        hy += 18.0;
    }
    for note in &scene.notes {
        let _ = writeln!(header, r##"<text x="{MARGIN}" y="{hy}" fill="#8a4b08">{}: {}</text>"##, w.note, esc(note));
        header_width = header_width.max(MARGIN + 6.5 * (note.chars().count() + w.note.len() + 2) as f64);
        hy += 18.0;
    }
    let top = hy + 16.0;

    let size =
        |p: &Placement| ((p.width + 2.0 * MARGIN).max(header_width + MARGIN).ceil(), (top + p.height + MARGIN).ceil());
    let p = match page {
        None => place(scene, FOLD),
        Some(page) => fit(scene, page, &size),
    };
    // The lines that are drawn, routed around the boxes where a route is
    // free, in the layout's own coordinates.
    let in_bundle: BTreeSet<usize> = bundles.iter().flat_map(|b| b.links.iter().copied()).collect();
    // Only a line drawn on its own is routed and labelled: the boxes are in
    // the way of those alone.
    let lines_drawn = (0..scene.links.len()).any(|k| !in_bundle.contains(&k));
    let boxes: Vec<[f64; 4]> = if lines_drawn { (0..n).map(|v| [p.x[v], p.y[v], W, H]).collect() } else { Vec::new() };
    let obstacles = Obstacles::new(boxes);
    let mut tracks = Tracks::default();
    let routes: Vec<Option<Vec<(f64, f64)>>> = scene
        .links
        .iter()
        .enumerate()
        .map(|(k, l)| {
            if in_bundle.contains(&k) {
                return None;
            }
            let rect = |v: usize| [p.x[v], p.y[v], W, H];
            route(&obstacles, &mut tracks, rect(l.from), rect(l.to), k)
        })
        .collect();
    let unrouted = routes.iter().enumerate().filter(|(k, r)| r.is_none() && !in_bundle.contains(k)).count();
    let mut top = top;
    if unrouted > 0 {
        let note = w.unrouted(unrouted);
        let _ = writeln!(header, r##"<text x="{MARGIN}" y="{hy}" fill="#8a4b08">{}: {}</text>"##, w.note, esc(&note));
        header_width = header_width.max(MARGIN + 6.5 * (note.chars().count() + w.note.len() + 2) as f64);
        top += 18.0;
    }
    let size =
        |p: &Placement| ((p.width + 2.0 * MARGIN).max(header_width + MARGIN).ceil(), (top + p.height + MARGIN).ceil());
    let (width, height) = size(&p);
    let ox = MARGIN;
    let (bx, by) = (|v: usize| ox + p.x[v], |v: usize| top + p.y[v]);

    match page {
        None => {
            let _ = writeln!(
                s,
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, DejaVu Sans, sans-serif" font-size="12">"#
            );
        }
        Some(page) => {
            // The page in millimetres; the picture scaled to fit it from the
            // top left, enlarged at most by MAX_ENLARGE.
            let (pw, ph) = page.size_mm();
            let (vw, vh) = page_view(page, width, height);
            let _ = writeln!(
                s,
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{pw}mm" height="{ph}mm" viewBox="0 0 {vw} {vh}" preserveAspectRatio="xMinYMin meet" font-family="Helvetica, Arial, DejaVu Sans, sans-serif" font-size="12">"#
            );
        }
    }
    let _ = writeln!(s, "<title>{}</title>", esc(&scene.title));
    s.push_str("<defs>\n");
    for k in &link_kinds {
        let c = style_colour(*k);
        let _ = writeln!(
            s,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="{c}"/></marker>"#,
            style_name(*k)
        );
    }
    s.push_str("</defs>\n");
    let (vw, vh) = page.map_or((width, height), |page| page_view(page, width, height));
    let _ = writeln!(s, r#"<rect width="{vw}" height="{vh}" fill="white"/>"#);
    s.push_str("<g id=\"legend\">\n");
    s.push_str(&header);
    s.push_str("</g>\n");

    // The line.
    s.push_str("<g id=\"line\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.2\">\n");
    let mut rail_end: Vec<f64> = vec![f64::NEG_INFINITY; n];
    for v in 0..n {
        if let Some(m) = p.stacked_under[v] {
            rail_end[m] = rail_end[m].max(by(v) + H / 2.0);
        }
    }
    // A manager with staff beside it: its reports hang the staff rows lower
    // (counted once per manager, so that drawing stays linear).
    let drops: Vec<f64> = (0..n)
        .map(|m| match scene.children[m].iter().filter(|&&c| scene.nodes[c].staff).count() {
            0 => 0.0,
            k => STAFF_STEP * k.div_ceil(2) as f64,
        })
        .collect();
    let drop = |m: usize| drops[m];
    for v in 0..n {
        let Some(m) = scene.parent[v] else { continue };
        if scene.unreachable.binary_search(&v).is_ok() {
            continue;
        }
        let (mx, my) = (bx(m) + W / 2.0, by(m) + H);
        let mid = my + drop(m) + (LAYER - H) / 2.0;
        if scene.nodes[v].staff {
            // Down the trunk under the manager, then into the side of the staff box.
            let (sy, edge) = (by(v) + H / 2.0, if bx(v) > bx(m) { bx(v) } else { bx(v) + W });
            let (mx, my, sy, edge) = (Px(mx), Px(my), Px(sy), Px(edge));
            let _ = writeln!(s, r#"<path d="M{mx} {my} V{sy} H{edge}"/>"#);
        } else if p.wrapped_under[v] == Some(m) {
            // Down the gutter left of the column, then into the box from above.
            let gutter = bx(v) - 16.0;
            let (cx, cy) = (bx(v) + W / 2.0, by(v));
            let (mx, my, mid, gutter, y) = (Px(mx), Px(my), Px(mid), Px(gutter), Px(cy - 14.0));
            let (cx, cy) = (Px(cx), Px(cy));
            let _ = writeln!(s, r#"<path d="M{mx} {my} V{mid} H{gutter} V{y} H{cx} V{cy}"/>"#);
        } else if p.stacked_under[v] == Some(m) {
            // A stub from the rail left of the stack.
            let rail = bx(v) - 10.0;
            let dash = if scene.nodes[v].in_team { r#" stroke-dasharray="5 3""# } else { "" };
            let (rail, y, x) = (Px(rail), Px(by(v) + H / 2.0), Px(bx(v)));
            let _ = writeln!(s, r#"<path d="M{rail} {y} H{x}"{dash}/>"#);
        } else {
            // A self-steering team answers to the post above it as a team: dashed.
            let dash = if scene.nodes[v].in_team { r#" stroke-dasharray="5 3""# } else { "" };
            let (mx, my, mid, cx, cy) = (Px(mx), Px(my), Px(mid), Px(bx(v) + W / 2.0), Px(by(v)));
            let _ = writeln!(s, r#"<path d="M{mx} {my} V{mid} H{cx} V{cy}"{dash}/>"#);
        }
    }
    for (m, end) in rail_end.iter().enumerate() {
        if end.is_finite()
            && let Some(&first) = scene.children[m].iter().find(|&&c| !scene.nodes[c].staff)
        {
            let (mx, my) = (bx(m) + W / 2.0, by(m) + H);
            let mid = my + drop(m) + (LAYER - H) / 2.0;
            let rail = bx(first) - 10.0;
            let dash = if scene.nodes[first].in_team { r#" stroke-dasharray="5 3""# } else { "" };
            let (mx, my, mid, rail, end) = (Px(mx), Px(my), Px(mid), Px(rail), Px(*end));
            let _ = writeln!(s, r#"<path d="M{mx} {my} V{mid} H{rail} V{end}"{dash}/>"#);
        }
    }
    s.push_str("</g>\n");

    if let Some(row) = p.cycle_row {
        let _ =
            writeln!(s, r##"<text x="{ox}" y="{}" fill="#8a4b08">{}</text>"##, top + row + 8.0, w.unreachable_heading);
    }

    // The posts.
    let posts_at = s.len();
    s.push_str("<g id=\"posts\">\n");
    let mut marks: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, com) in scene.communities.iter().enumerate() {
        for &m in &com.members {
            marks[m].push(c);
        }
    }
    for (v, node) in scene.nodes.iter().enumerate() {
        let (x, y) = (bx(v), by(v));
        let mut tip = format!("{} ({})", node.title, node.key);
        if !node.details.is_empty() {
            let _ = write!(tip, ": {}", node.details.join(", "));
        }
        if !node.members.is_empty() {
            let members: Vec<String> = node.members.iter().map(|(t, k)| format!("{t} ({k})")).collect();
            let _ = write!(tip, ", {}: {}", w.leading_together, members.join(", "));
        }
        // A post that lost a reference on the day drawn: a dashed orange outline.
        let outline = if node.party.is_some() {
            r##"stroke="#555" stroke-dasharray="4 3""##.to_owned()
        } else if node.cleared.is_empty() {
            r##"stroke="#555""##.to_owned()
        } else {
            let _ = write!(tip, "; {}: {}", w.not_valid_that_day, node.cleared.join(", "));
            format!(r#"stroke="{CLEARED_COLOUR}" stroke-width="2" stroke-dasharray="5 3""#)
        };
        let _ = writeln!(s, "<g><title>{}</title>", esc(&tip));
        let _ = writeln!(
            s,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" {outline}/>"#,
            Px(x),
            Px(y),
            Px(W),
            Px(H),
            if node.party.is_some() { PARTY_COLOUR } else { kind_colour(node.kind) }
        );
        let cx = x + W / 2.0;
        if !node.details.is_empty() {
            write_unit(&mut s, node, x, y, w);
        } else if node.members.is_empty() {
            let (lines, size) = wrap(&node.title, TITLE_CHARS);
            let font = if size < 12.0 { format!(r#" font-size="{size}""#) } else { String::new() };
            let (mut ty, step) = match lines.len() {
                1 => (y + 22.0, 14.0),
                2 => (y + 16.0, 14.0),
                _ => (y + 13.0, 12.0),
            };
            for l in &lines {
                let (px, py) = (Px(cx), Px(ty));
                let _ = writeln!(s, r#"<text x="{px}" y="{py}" text-anchor="middle"{font}>{}</text>"#, esc(l));
                ty += step;
            }
        } else {
            // A collective leadership: one body, a double outline, its name
            // and the members who lead together.
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="none" stroke="#555"/>"##,
                x + 3.0,
                y + 3.0,
                W - 6.0,
                H - 6.0
            );
            // One line: smaller type for a long name, an ellipsis only past 34 characters.
            let len = node.title.chars().count();
            let size = if len <= TITLE_CHARS { 12.0 } else { (12.0 * TITLE_CHARS as f64 / len as f64).max(9.2) };
            let _ = writeln!(
                s,
                r#"<text x="{cx}" y="{}" text-anchor="middle" font-weight="bold" font-size="{}">{}</text>"#,
                y + 16.0,
                (size * 10.0).round() / 10.0,
                esc(&truncate(&node.title, MEMBER_CHARS))
            );
            let keys: Vec<&str> = node.members.iter().map(|(_, k)| k.as_str()).collect();
            for (k, l) in wrap_list(&keys, MEMBER_CHARS).iter().enumerate() {
                let _ = writeln!(
                    s,
                    r#"<text x="{cx}" y="{}" text-anchor="middle" font-size="10">{}</text>"#,
                    y + 28.0 + 10.0 * k as f64,
                    esc(l)
                );
            }
        }
        let mut key = truncate(&node.key, KEY_CHARS);
        if node.hidden_reports > 0 {
            key = format!("{key} · {}", w.below(node.hidden_reports));
        }
        // A unit's box is full with its name and details; its key is in the tooltip.
        if node.details.is_empty() {
            let _ = writeln!(
                s,
                r##"<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="#555">{}</text>"##,
                Px(cx),
                Px(y + H - 8.0),
                esc(&key)
            );
        }
        for (k, &c) in marks.get(v).into_iter().flatten().take(3).enumerate() {
            let _ = writeln!(
                s,
                r#"<circle cx="{}" cy="{}" r="4.5" fill="{}"/>"#,
                x + W - 9.0 - 11.0 * k as f64,
                y + 9.0,
                COMMUNITY_COLOURS[c % COMMUNITY_COLOURS.len()]
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");

    // Horizontal lines, above the boxes so they stay visible; their labels
    // where they cover no box and no other label.
    // Labels stay below the legend (which ends 16 px above the boxes).
    let mut free = Free::new(top - 12.0, width, height);
    for v in (0..n).filter(|_| lines_drawn) {
        free.take(bx(v), by(v), W, H);
    }
    let steering_at = s.len();
    s.push_str("<g id=\"steering\" fill=\"none\" stroke-width=\"1.5\">\n");
    let mut curves = String::new();
    for (k, l) in scene.links.iter().enumerate() {
        if in_bundle.contains(&k) {
            continue;
        }
        if let Some(path) = &routes[k] {
            let path: Vec<(f64, f64)> = path.iter().map(|&(x, y)| (ox + x, top + y)).collect();
            let colour = l.colour();
            let dash = style_dash(l.style());
            let mut d = String::new();
            for (i, (x, y)) in path.iter().enumerate() {
                let _ = write!(d, "{}{x} {y}", if i == 0 { "M" } else { " L" });
            }
            let _ = writeln!(
                s,
                r#"<path d="{d}" stroke="{colour}" stroke-dasharray="{dash}" marker-end="url(#arrow-{})"/>"#,
                style_name(l.style())
            );
            let label = l.label(w);
            let lw = 6.0 * label.len() as f64 + 6.0;
            let (lx, ly) = free.place(|t| point_at(&path, t).0, |t| point_at(&path, t).1 + 4.0, lw);
            let _ = writeln!(
                s,
                r#"<rect x="{}" y="{}" width="{lw}" height="{LABEL_H}" fill="white" fill-opacity="0.85" stroke="none"/><text x="{lx}" y="{}" text-anchor="middle" font-size="10" fill="{colour}" stroke="none">{label}</text>"#,
                lx - lw / 2.0,
                ly - 10.0,
                ly
            );
            continue;
        }
        let s = &mut curves;
        let (fx, fy, tx, ty) = (bx(l.from), by(l.from), bx(l.to), by(l.to));
        let (sx, ex) = if tx > fx + 1.0 {
            (fx + W, tx)
        } else if tx + 1.0 < fx {
            (fx, tx + W)
        } else {
            (fx + W, tx + W)
        };
        let (sy, ey) = (fy + H / 2.0, ty + H / 2.0);
        let bend = if (sx - ex).abs() < 1.0 { 60.0 } else { 0.0 };
        let (qx, qy) = ((sx + ex) / 2.0 + bend, (sy + ey) / 2.0 - 40.0);
        let colour = l.colour();
        let dash = style_dash(l.style());
        let _ = writeln!(
            s,
            r#"<path d="M{sx} {sy} Q{qx} {qy} {ex} {ey}" stroke="{colour}" stroke-dasharray="{dash}" marker-end="url(#arrow-{})"/>"#,
            style_name(l.style())
        );
        let label = l.label(w);
        let lw = 6.0 * label.len() as f64 + 6.0;
        let (lx, ly) = free.place(|t| quad(t, sx, qx, ex), |t| quad(t, sy, qy, ey), lw);
        let _ = writeln!(
            s,
            r#"<rect x="{}" y="{}" width="{lw}" height="{LABEL_H}" fill="white" fill-opacity="0.85" stroke="none"/><text x="{lx}" y="{}" text-anchor="middle" font-size="10" fill="{colour}" stroke="none">{label}</text>"#,
            lx - lw / 2.0,
            ly - 10.0,
            ly
        );
    }
    s.push_str("</g>\n");
    // A line with no free route is a curve behind the boxes, so that it
    // never hides a name or a number.
    if !curves.is_empty() {
        let behind = format!("<g id=\"unrouted\" fill=\"none\" stroke-width=\"1.5\">\n{curves}</g>\n");
        s.insert_str(posts_at, &behind);
    }
    let _ = steering_at;
    // The badges of bundled lines, over the boxes.
    if !bundles.is_empty() {
        s.push_str("<g id=\"bundles\">\n");
        let mut taken = vec![0.0f64; n];
        for b in &bundles {
            let colour = style_colour(b.style);
            let dash = style_dash(b.style);
            for &t in &b.targets {
                let w = badge(&mut s, bx(t) + 6.0 + taken[t], by(t) - 11.0, &b.badge, colour, dash);
                taken[t] += w + 4.0;
            }
            // On the top edge too: the gap under a box of a stack holds one badge.
            let out = format!("{} → {}", b.badge, b.targets.len());
            let w = badge(&mut s, bx(b.from) + 6.0 + taken[b.from], by(b.from) - 11.0, &out, colour, dash);
            taken[b.from] += w + 4.0;
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// At least this many lines of one kind from one box are drawn as badges.
const BUNDLE_MIN: usize = 4;

/// Lines of one kind from one box, drawn as badges.
struct Bundle {
    from: usize,
    style: (Option<crate::model::SteeringKind>, Option<super::scene::Extra>),
    /// The text of the badge: the kind, numbered when several bundles share it.
    badge: String,
    targets: Vec<usize>,
    /// The indexes of the links in the scene.
    links: Vec<usize>,
}

/// The bundles of the scene: [`BUNDLE_MIN`] or more lines of one style from
/// one box. A council memo reader sees one badge per box instead of a fan of
/// lines that cross everything; the legend says where they come from.
fn bundles(scene: &Scene) -> Vec<Bundle> {
    let mut by_source: std::collections::BTreeMap<(usize, String), Bundle> = Default::default();
    for (k, l) in scene.links.iter().enumerate() {
        let b = by_source.entry((l.from, style_name(l.style()).to_owned())).or_insert_with(|| Bundle {
            from: l.from,
            style: l.style(),
            badge: l.label(scene.words).to_owned(),
            targets: Vec::new(),
            links: Vec::new(),
        });
        b.targets.push(l.to);
        b.links.push(k);
    }
    let mut out: Vec<Bundle> = by_source.into_values().filter(|b| b.targets.len() >= BUNDLE_MIN).collect();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let repeated: std::collections::HashMap<String, usize> = out.iter().fold(Default::default(), |mut m, b| {
        *m.entry(b.badge.clone()).or_default() += 1;
        m
    });
    for b in &mut out {
        if repeated.get(&b.badge).copied().unwrap_or(0) > 1 {
            let k = seen.entry(b.badge.clone()).or_default();
            *k += 1;
            b.badge = format!("{} {k}", b.badge);
        }
    }
    out
}

/// A badge at `(x, y)`: the text in the colour of its kind of line, framed
/// with the line's own dash pattern (so it reads in grey too). Returns its width.
fn badge(s: &mut String, x: f64, y: f64, text: &str, colour: &str, dash: &str) -> f64 {
    let w = 8.0 + 5.6 * text.chars().count() as f64;
    let _ = writeln!(
        s,
        r#"<g class="badge"><rect x="{x}" y="{y}" width="{w}" height="14" rx="3" fill="white" stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}"/><text x="{}" y="{}" text-anchor="middle" font-size="9.5" fill="{colour}">{}</text></g>"#,
        x + w / 2.0,
        y + 10.5,
        esc(text)
    );
    w
}

/// The folds tried to fit a page: from the default to narrow rows of
/// columns and low stacks, and wide rows for tall pictures.
const FOLDS: [Fold; 16] = [
    FOLD,
    Fold { stack_min: STACK_MIN, wrap: WRAP, root_column: 2 },
    Fold { stack_min: STACK_MIN, wrap: WRAP, root_column: 3 },
    Fold { stack_min: 3, wrap: WRAP, root_column: 3 },
    Fold { stack_min: 2, wrap: WRAP, root_column: 3 },
    Fold { stack_min: STACK_MIN, wrap: 4, root_column: 3 },
    Fold { stack_min: 3, wrap: 4, root_column: 3 },
    Fold { stack_min: 2, wrap: 4, root_column: 4 },
    Fold { stack_min: 2, wrap: 3, root_column: 4 },
    Fold { stack_min: 2, wrap: 2, root_column: 6 },
    Fold { stack_min: STACK_MIN, wrap: 8, root_column: 2 },
    Fold { stack_min: 6, wrap: 8, root_column: 1 },
    Fold { stack_min: 8, wrap: 12, root_column: 1 },
    Fold { stack_min: usize::MAX, wrap: usize::MAX, root_column: 1 },
    Fold { stack_min: 3, wrap: 6, root_column: 2 },
    Fold { stack_min: STACK_MIN, wrap: 6, root_column: 2 },
];

/// A picture smaller than its page is enlarged at most this much (12 px text
/// becomes 13.5 pt on paper).
const MAX_ENLARGE: f64 = 1.5;

/// The scale at which a picture of `width` × `height` px fits the page, at
/// most [`MAX_ENLARGE`].
fn page_scale(page: Page, width: f64, height: f64) -> f64 {
    let (pw, ph) = page.size_px();
    (pw / width).min(ph / height).min(MAX_ENLARGE)
}

/// The view box of a picture of `width` × `height` px on the page: the page's
/// shape, at least the picture, and at least the page at 96 px to the inch
/// divided by [`MAX_ENLARGE`].
fn page_view(page: Page, width: f64, height: f64) -> (f64, f64) {
    let (pw, ph) = page.size_px();
    let scale = page_scale(page, width, height);
    ((pw / scale).ceil(), (ph / scale).ceil())
}

/// The layout that fits the page at the largest scale: each fold of
/// [`FOLDS`] is laid out (each in O(n)) and the first of the best is kept.
fn fit(scene: &Scene, page: Page, size: &dyn Fn(&Placement) -> (f64, f64)) -> Placement {
    let mut best = place(scene, FOLD);
    let (w, h) = size(&best);
    let mut best_scale = page_scale(page, w, h);
    for fold in &FOLDS[1..] {
        if best_scale >= MAX_ENLARGE {
            break;
        }
        let p = place(scene, *fold);
        let (w, h) = size(&p);
        let scale = page_scale(page, w, h);
        if scale > best_scale * 1.001 {
            best = p;
            best_scale = scale;
        }
    }
    best
}

/// The inside of a unit's box at `(x, y)`: its name in bold on one or two
/// lines, then its details (head, posts and FTE) in small type; a collective
/// leadership gets a double outline.
fn write_unit(s: &mut String, node: &super::scene::Node, x: f64, y: f64, w: &super::words::Words) {
    let cx = x + W / 2.0;
    if !node.members.is_empty() {
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="none" stroke="#555"/>"##,
            x + 3.0,
            y + 3.0,
            W - 6.0,
            H - 6.0
        );
    }
    let (title, size) = wrap(&node.title, NAME_CHARS);
    let mut details: Vec<String> = node.details.iter().take(2).cloned().collect();
    if node.hidden_reports > 0
        && let Some(last) = details.last_mut()
    {
        last.push_str(" · ");
        last.push_str(&w.below(node.hidden_reports));
    }
    // Name lines 13 px apart, detail lines 11 px, the block centred; a
    // name on three lines in smaller type, 11.5 px apart, its details 10 px.
    let three = size < 12.0;
    let name_step = if three { 11.5 } else { 13.0 };
    let font = if three { format!(r#" font-size="{size}""#) } else { String::new() };
    // A detail too long for its line (a long head's title) takes a second
    // line where the box has room for it, in smaller type if that makes the
    // room; else it ends in an ellipsis.
    // From the top of the name's first line to the foot of the last detail:
    // the name's ascent, its lines, the details' steps and the descent.
    let ascent = 0.75 * size;
    let t = title.len().max(1) as f64;
    let content = |lines: usize, step: f64, font: f64| match lines {
        0 => ascent + name_step * (t - 1.0) + 0.25 * size,
        d => ascent + name_step * t + step * (d - 1) as f64 + 0.25 * font,
    };
    let fit = |step: f64, chars: usize| {
        let free = H - 4.0 - (ascent + name_step * t - step + 0.25 * 10.0);
        let room = (free / step).floor().max(0.0) as usize;
        let mut lines: Vec<String> = Vec::with_capacity(room.max(details.len()));
        let mut cut = false;
        for (k, d) in details.iter().enumerate() {
            let after = details.len() - k - 1;
            let fits = room.saturating_sub(lines.len() + after).max(1);
            let mut wrapped = wrap_words(d, chars);
            if wrapped.len() > fits {
                let rest = wrapped.split_off(fits - 1).join(" ");
                wrapped.push(truncate(&rest, chars));
                cut = true;
            }
            lines.extend(wrapped);
        }
        (lines, cut)
    };
    let (mut details, mut detail_step, mut detail_font) = (Vec::new(), 11.0, 10.0);
    for (step, font, chars) in [(11.0, 10.0, DETAIL_CHARS), (10.0, 9.5, DETAIL_CHARS + 1)] {
        if three && step > 10.0 {
            continue;
        }
        let (lines, cut) = fit(step, chars);
        (details, detail_step, detail_font) = (lines, step, font);
        if !cut {
            break;
        }
    }
    let block = content(details.len(), detail_step, detail_font);
    let mut ty = y + (H - block) / 2.0 + ascent;
    for l in &title {
        let (px, py) = (Px(cx), Px(ty));
        let _ =
            writeln!(s, r#"<text x="{px}" y="{py}" text-anchor="middle" font-weight="bold"{font}>{}</text>"#, esc(l));
        ty += name_step;
    }
    for l in &details {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="#333">{}</text>"##,
            Px(cx),
            Px(ty),
            Px(detail_font),
            esc(l)
        );
        ty += detail_step;
    }
    if let Some(k) = node.findings.filter(|&k| k > 0) {
        write_findings_badge(s, x + W, y, k);
    }
}

/// The count of open findings as a dark red badge on the top-right corner
/// of a box (its right edge at `right`, its top at `top`).
fn write_findings_badge(s: &mut String, right: f64, top: f64, k: usize) {
    let text = k.to_string();
    let w = 8.0 + 6.5 * text.len() as f64;
    let _ = writeln!(
        s,
        r##"<g class="findings"><rect x="{}" y="{}" width="{w}" height="14" rx="7" fill="#8b1a1a" stroke="white"/><text x="{}" y="{}" text-anchor="middle" font-size="10" font-weight="bold" fill="white">{text}</text></g>"##,
        right - w + 4.0,
        top - 6.0,
        right - w / 2.0 + 4.0,
        top + 4.5
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_wraps_to_two_lines_then_three_smaller_and_is_cut_only_after_that() {
        let wrap = |s: &str| wrap(s, TITLE_CHARS);
        const SMALL_CHARS: usize = TITLE_CHARS * 8 / 7;
        assert_eq!(wrap("Hoofd"), (vec!["Hoofd".to_owned()], 12.0));
        let (two, size) = wrap("Teammanager Vergunningen, Toezicht");
        assert_eq!((two.len(), size), (2, 12.0));
        // Three lines of small type hold what two lines of 12 px do not, whole.
        let title = "Teammanager Vergunningen, Toezicht en Handhaving voor het hele gebied";
        let (three, size) = wrap(title);
        assert_eq!((three.len(), size), (3, SMALL_FONT));
        assert_eq!(three.join(" "), title);
        assert!(three.iter().all(|l| l.chars().count() <= SMALL_CHARS));
        // Longer still: the third line ends in an ellipsis.
        let (cut, _) = wrap(&format!("{title} en de kernen Noord, Zuid, Oost en West samen"));
        assert_eq!(cut.len(), 3);
        assert!(cut[2].ends_with('…'), "{cut:?}");
        // One long word is broken, not cut.
        let (long, _) = wrap(&"x".repeat(60));
        assert_eq!(long.concat(), "x".repeat(60));
    }

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(esc("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;\u{fffd}");
        // Text with nothing to escape, and the characters XML forbids past the controls.
        assert_eq!(esc("Eenheid één · 3 fte\t"), "Eenheid één · 3 fte\t");
        assert_eq!(esc("a\u{fffe}b\u{ffff}c\u{f000}"), "a\u{fffd}b\u{fffd}c\u{f000}");
    }

    /// [`wrap_words`] as it was written first, a word as a list of characters.
    fn wrap_words_by_chars(s: &str, max: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in s.split_whitespace() {
            let mut word: Vec<char> = word.chars().collect();
            let len = line.chars().count();
            if len > 0 && len + 1 + word.len() <= max {
                line.push(' ');
                line.extend(&word);
                continue;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
            }
            while word.len() > max {
                let rest = word.split_off(max);
                lines.push(word.into_iter().collect());
                word = rest;
            }
            line.extend(&word);
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    #[test]
    fn words_wrap_as_they_did_one_char_at_a_time() {
        assert_eq!(wrap_words("", 5), vec![String::new()]);
        assert_eq!(wrap_words("ab cd ef", 5), vec!["ab cd", "ef"]);
        assert_eq!(wrap_words("abcdefghijk x", 4), vec!["abcd", "efgh", "ijk", "x"]);
        assert_eq!(wrap_words("ab ééééééé", 3), vec!["ab", "ééé", "ééé", "é"]);
        let words = ["één", "twee", "x", "Vergunningen,", "ééééééééééééééééééééééééééééé", "a\u{3000}b", " ", "\t"];
        for max in 1..32 {
            for a in words {
                for b in words {
                    for c in words {
                        let text = format!("{a} {b}  {c}");
                        assert_eq!(wrap_words(&text, max), wrap_words_by_chars(&text, max), "{text:?} {max}");
                    }
                }
            }
        }
    }

    #[test]
    fn px_writes_what_display_writes() {
        let mut values: Vec<f64> =
            vec![0.0, -0.0, 0.5, -0.5, 1e-300, 4_294_967_295.937_5, 4_294_967_296.0, 1e20, -1e20];
        values.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.1, 1.0 / 3.0, 12.3, -7.05, 9986.25]);
        for m in -40_000i32..40_000 {
            values.push(f64::from(m) / 16.0);
            values.push(f64::from(m) * 1.1);
            values.push(f64::from(m) / 32.0);
            values.push(f64::from(m) * 123_457.0 / 16.0);
        }
        for v in values {
            assert_eq!(Px(v).to_string(), v.to_string(), "{v:?}");
        }
    }
}
