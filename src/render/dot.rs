//! Graphviz DOT output.

use std::fmt::Write as _;

use super::Level;
use super::scene::{Boxes, CLEARED_COLOUR, PARTY_COLOUR, Scene, kind_colour};
use crate::model::PartyKind;

/// A DOT quoted string: backslashes and quotes escaped, newlines as `\n`.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn node(s: &mut String, scene: &Scene, i: usize, indent: &str) {
    let n = &scene.nodes[i];
    let mut label = if !n.details.is_empty() {
        // A unit: its name, its head (or how it is led), its posts and FTE.
        format!("{}\n{}\n{}", n.title, n.details.join("\n"), n.key)
    } else if n.members.is_empty() {
        format!("{}\n{}", n.title, n.key)
    } else {
        let members: Vec<String> = n.members.iter().map(|(t, k)| format!("{t} ({k})")).collect();
        format!("{} ({})\n{}\n{}", n.title, scene.words.leads_together, members.join("\n"), n.key)
    };
    if n.hidden_reports > 0 {
        label.push('\n');
        label.push_str(&scene.words.not_drawn(n.hidden_reports));
    }
    // A post that lost a reference on the day drawn: a dashed orange outline.
    let marker = if n.party.is_some() {
        // A party outside the organisation: a plain grey box with a dashed edge.
        ", style=\"filled,dashed\"".to_owned()
    } else if n.cleared.is_empty() {
        String::new()
    } else {
        format!(
            ", style=\"rounded,filled,dashed\", color=\"{CLEARED_COLOUR}\", penwidth=2, tooltip={}",
            q(&n.cleared.join("; "))
        )
    };
    let fill = if n.party.is_some() { PARTY_COLOUR } else { kind_colour(n.kind) };
    let body = if n.members.is_empty() { "" } else { ", peripheries=2" };
    let _ = writeln!(s, "{indent}{} [label={}, fillcolor=\"{fill}\"{body}{marker}];", q(&n.key), q(&label));
}

/// The community boxes as DOT clusters.
struct Dot<'a> {
    s: &'a mut String,
    scene: &'a Scene,
}

impl Boxes for Dot<'_> {
    fn comment(&mut self, line: &str) {
        let _ = writeln!(self.s, "  // {line}");
    }

    fn node(&mut self, i: usize, indent: &str) {
        node(self.s, self.scene, i, indent);
    }

    fn open(&mut self, c: usize, also: &[usize]) {
        let label = self.scene.community_label(c, also, "\n", |k| k.to_owned());
        let cluster = format!("cluster_{}", self.scene.communities[c].key);
        let _ = writeln!(self.s, "  subgraph {} {{", q(&cluster));
        let _ = writeln!(self.s, "    label={};", q(&label));
        let _ = writeln!(self.s, "    style=\"dashed,rounded\";");
        let _ = writeln!(self.s, "    color=\"#b03a74\";");
    }

    fn close(&mut self) {
        let _ = writeln!(self.s, "  }}");
    }
}

pub(super) fn write(scene: &Scene) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "digraph harkje {{");
    let _ = writeln!(s, "  graph [rankdir=TB, label={}, labelloc=t, fontname=\"Helvetica\"];", q(&scene.title));
    let _ = writeln!(s, "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];");
    let _ = writeln!(s, "  edge [arrowhead=none, fontname=\"Helvetica\", fontsize=9];");
    scene.draw_notes_and_boxes(&mut Dot { s: &mut s, scene });
    let _ = writeln!(
        s,
        "  // {}",
        match scene.level {
            Level::Posts => "the line, from manager to report",
            Level::Units => "the placement of units, from a unit to the units placed in it",
        }
    );
    for (p, i) in scene.line_edges() {
        // A self-steering team answers to the post above it as a team: dashed.
        let team = if scene.nodes[i].in_team { " [style=dashed]" } else { "" };
        let _ = writeln!(s, "  {} -> {}{team};", q(&scene.nodes[p].key), q(&scene.nodes[i].key));
    }
    // Staff posts beside their manager: on the manager's rank, the line to
    // them drawn from the side.
    let mut staff: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for (p, i) in scene.line_edges().filter(|&(_, i)| scene.nodes[i].staff) {
        staff.entry(p).or_default().push(q(&scene.nodes[i].key));
    }
    if !staff.is_empty() {
        let _ = writeln!(s, "  // staff posts, beside their manager");
    }
    for (p, keys) in staff {
        let _ = writeln!(s, "  {{ rank=same; {}; {}; }}", q(&scene.nodes[p].key), keys.join("; "));
    }
    // Parties outside the organisation: the raad (and griffie) on the top
    // rank, the college (and wethouders) on the rank under it, above the top
    // of the organisation (held there by edges that are not drawn); other
    // parties on the top rank.
    let of = |kinds: &[PartyKind]| -> Vec<String> {
        scene.nodes.iter().filter(|n| n.party.is_some_and(|k| kinds.contains(&k))).map(|n| q(&n.key)).collect()
    };
    let college = of(&[PartyKind::College, PartyKind::Wethouder]);
    let raad = of(&[PartyKind::Raad, PartyKind::Griffie]);
    let mut top = of(&[PartyKind::Raad, PartyKind::Griffie, PartyKind::Partner, PartyKind::Company, PartyKind::Other]);
    if raad.is_empty() {
        top.extend(college.iter().cloned());
    }
    if !top.is_empty() {
        let _ = writeln!(s, "  // parties outside the organisation, the bestuur above the top");
        let _ = writeln!(s, "  {{ rank=min; {}; }}", top.join("; "));
    }
    let tops: Vec<String> =
        scene.roots.iter().filter(|&&r| scene.nodes[r].party.is_none()).map(|&r| q(&scene.nodes[r].key)).collect();
    let council = of(&[PartyKind::Raad]);
    if let Some(r) = council.first() {
        for c in &college {
            let _ = writeln!(s, "  {r} -> {c} [style=invis];");
        }
    }
    if let Some(u) = college.first().or(council.first()) {
        for t in &tops {
            let _ = writeln!(s, "  {u} -> {t} [style=invis];");
        }
    }
    if !scene.links.is_empty() {
        let _ = writeln!(s, "  // horizontal steering (dashed) and accountability outside the line (dotted)");
    }
    for l in &scene.links {
        let style = if l.dashed() { "dashed" } else { "dotted" };
        let _ = writeln!(
            s,
            "  {} -> {} [style={style}, constraint=false, arrowhead=vee, color=\"{}\", fontcolor=\"{}\", label={}];",
            q(&scene.nodes[l.from].key),
            q(&scene.nodes[l.to].key),
            l.colour(),
            l.colour(),
            q(l.label(scene.words))
        );
    }
    let _ = writeln!(s, "}}");
    s
}
