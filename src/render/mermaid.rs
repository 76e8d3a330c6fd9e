//! Mermaid flowchart output.

use std::fmt::Write as _;

use crate::model::PartyKind;

use super::scene::{Boxes, CLEARED_COLOUR, PARTY_COLOUR, Scene, kind_colour, style_dash};

/// Text inside a quoted Mermaid label, with Mermaid's entity codes for the
/// characters that would end or break it.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted string for the frontmatter, where Mermaid's entity
/// codes are not decoded.
fn yaml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
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
        let details: Vec<String> = n.details.iter().map(|l| text(l)).collect();
        format!("<b>{}</b><br/>{}<br/><small>{}</small>", text(&n.title), details.join("<br/>"), text(&n.key))
    } else if n.members.is_empty() {
        format!("{}<br/><small>{}</small>", text(&n.title), text(&n.key))
    } else {
        let members: Vec<String> = n.members.iter().map(|(t, k)| text(&format!("{t} ({k})"))).collect();
        format!(
            "{} ({})<br/>{}<br/><small>{}</small>",
            text(&n.title),
            scene.words.leads_together,
            members.join("<br/>"),
            text(&n.key)
        )
    };
    if n.hidden_reports > 0 {
        let _ = write!(label, "<br/>{}", scene.words.not_drawn(n.hidden_reports));
    }
    let _ = writeln!(s, "{indent}p{i}[\"{label}\"]");
}

/// The community boxes as Mermaid subgraphs.
struct Mermaid<'a> {
    s: &'a mut String,
    scene: &'a Scene,
}

impl Boxes for Mermaid<'_> {
    fn comment(&mut self, line: &str) {
        let _ = writeln!(self.s, "  %% {line}");
    }

    fn node(&mut self, i: usize, indent: &str) {
        node(self.s, self.scene, i, indent);
    }

    fn open(&mut self, c: usize, also: &[usize]) {
        let label = self.scene.community_label(c, also, "<br/>", text);
        let _ = writeln!(self.s, "  subgraph c{c}[\"{label}\"]");
    }

    fn close(&mut self) {
        let _ = writeln!(self.s, "  end");
    }
}

pub(super) fn write(scene: &Scene) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "---");
    let _ = writeln!(s, "title: {}", yaml(&scene.title));
    let _ = writeln!(s, "---");
    let _ = writeln!(s, "flowchart TB");
    scene.draw_notes_and_boxes(&mut Mermaid { s: &mut s, scene });
    let mut edge = 0usize;
    let mut styles = Vec::new();
    // Mermaid cannot put two boxes on one rank: a manager's staff posts
    // take the rank under it, and its other reports a link one rank longer,
    // so the staff sit between the manager and its reports.
    let mut has_staff = vec![false; scene.nodes.len()];
    for (p, i) in scene.line_edges() {
        if scene.nodes[i].staff {
            has_staff[p] = true;
        }
    }
    for (p, i) in scene.line_edges() {
        // A self-steering team answers to the post above it as a team: dotted.
        let arrow = match (scene.nodes[i].in_team, has_staff[p] && !scene.nodes[i].staff) {
            (true, false) => "-.->",
            (true, true) => "-..->",
            (false, false) => "-->",
            (false, true) => "--->",
        };
        let _ = writeln!(s, "  p{p} {arrow} p{i}");
        edge += 1;
    }
    for l in &scene.links {
        let _ = writeln!(s, "  p{} -.->|\"{}\"| p{}", l.from, l.label(scene.words), l.to);
        styles.push((edge, l.colour(), style_dash(l.style())));
        edge += 1;
    }
    // The raad above the college, the college above the top of the
    // organisation: invisible links (`~~~`), after the drawn ones so that
    // the link numbers of the styles stay theirs.
    let of = |kind: PartyKind| (0..scene.nodes.len()).filter(move |&i| scene.nodes[i].party == Some(kind));
    let council = of(PartyKind::Raad).next();
    let college: Vec<usize> = of(PartyKind::College).chain(of(PartyKind::Wethouder)).collect();
    if let Some(r) = council {
        for c in &college {
            let _ = writeln!(s, "  p{r} ~~~ p{c}");
        }
    }
    if let Some(u) = college.first().copied().or(council) {
        for &t in scene.roots.iter().filter(|&&t| scene.nodes[t].party.is_none()) {
            let _ = writeln!(s, "  p{u} ~~~ p{t}");
        }
    }
    for (e, colour, dash) in styles {
        // Each kind its own dash pattern, so that grey print keeps them apart.
        let _ = writeln!(s, "  linkStyle {e} stroke:{colour},color:{colour},stroke-dasharray:{dash}");
    }
    for kind in scene.kinds() {
        let class = kind.as_str().replace('-', "");
        let _ = writeln!(s, "  classDef {class} fill:{},stroke:#555", kind_colour(Some(kind)));
        let members: Vec<String> =
            (0..scene.nodes.len()).filter(|&i| scene.nodes[i].kind == Some(kind)).map(|i| format!("p{i}")).collect();
        let _ = writeln!(s, "  class {} {class}", members.join(","));
    }
    // At the unit level, a collective leadership is one body: a heavy outline.
    let bodies: Vec<String> = (0..scene.nodes.len())
        .filter(|&i| !scene.nodes[i].details.is_empty() && !scene.nodes[i].members.is_empty())
        .map(|i| format!("p{i}"))
        .collect();
    if !bodies.is_empty() {
        let _ = writeln!(s, "  classDef body stroke:#555,stroke-width:3px");
        let _ = writeln!(s, "  class {} body", bodies.join(","));
    }
    // Parties outside the organisation: grey with a dashed outline.
    let parties: Vec<String> =
        (0..scene.nodes.len()).filter(|&i| scene.nodes[i].party.is_some()).map(|i| format!("p{i}")).collect();
    if !parties.is_empty() {
        let _ = writeln!(s, "  classDef party fill:{PARTY_COLOUR},stroke:#555,stroke-dasharray:4 3");
        let _ = writeln!(s, "  class {} party", parties.join(","));
    }
    // Posts that lost a reference on the day drawn: a dashed orange outline.
    let cleared: Vec<String> =
        (0..scene.nodes.len()).filter(|&i| !scene.nodes[i].cleared.is_empty()).map(|i| format!("p{i}")).collect();
    if !cleared.is_empty() {
        let _ = writeln!(s, "  classDef cleared stroke:{CLEARED_COLOUR},stroke-width:2px,stroke-dasharray:5 3");
        let _ = writeln!(s, "  class {} cleared", cleared.join(","));
    }
    s
}
