//! A custom rule in Rust, run with the built-in rules.
//!
//! Run with `cargo run --example custom_rule`. The rule below reports every
//! team with more than a set number of posts; its limit comes from the same
//! policy file as the built-in rules.
#![allow(clippy::print_stdout)]

use harkje::check::{Area, Checker, Context, Findings, IntOption, Policy, Rule, RuleMeta, RuleOptions};
use harkje::diagnostic::Severity;
use harkje::graph::OrgGraph;
use harkje::{Design, Post, Unit, UnitKind};

/// A team holds at most `max` posts.
struct TeamTooLarge;

/// The rule's one option, declared once: the policy checks it against this
/// range, and the rule reads it with `options.int(&MAX)`.
const MAX: IntOption = IntOption { name: "max", default: 12, min: 1, max: 1000, doc: "the most posts in one team" };

static META: RuleMeta = RuleMeta {
    code: "XX0001",
    name: "team-too-large",
    area: Area::Custom,
    severity: Severity::Warning,
    summary: "a team holds more posts than allowed",
    docs: "## What it checks\nThe posts placed in every team.\n\n## Why it matters\nOur own principle.\n\n\
           ## Example\nA team of 9 with `max = 8`.\n\n## Options\n`max`: the most posts.\n\n## Complexity\nO(n).",
    options: &[MAX.spec()],
};

impl Rule for TeamTooLarge {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, options: &RuleOptions, out: &mut Findings) {
        let max = options.int(&MAX);
        let graph: &OrgGraph = cx.graph();
        for team in cx.units().filter(|u| u.kind == UnitKind::Team) {
            let n = graph.posts_in(team.id).count() as i64;
            if n > max {
                let f = out
                    .finding(
                        format!("units/{}", team.key),
                        format!("team `{}` holds {n} posts, more than {max}", team.key),
                    )
                    .help("split the team")
                    .data("actual", n)
                    .data("limit", max);
                out.push(f);
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut design = Design::new("Voorbeeld");
    let mut directie = Unit::new("directie", "Directie", UnitKind::Directie);
    directie.kernopdracht = Some("leidt de organisatie".into());
    let directie = design.add_unit(directie)?;
    let mut gs = Post::new("gs", "Gemeentesecretaris", "gemeentesecretaris");
    gs.unit = Some(directie);
    let gs = design.add_post(gs)?;
    let mut team = Unit::new("team-a", "Team A", UnitKind::Team);
    team.parent = Some(directie);
    team.kernopdracht = Some("helpt inwoners".into());
    let team = design.add_unit(team)?;
    let mut lead = Post::new("tm", "Teammanager", "teammanager");
    lead.unit = Some(team);
    lead.reports_to = Some(gs);
    let lead = design.add_post(lead)?;
    for i in 0..4 {
        let mut p = Post::new(format!("m{i}"), "Medewerker", "medewerker");
        p.unit = Some(team);
        p.reports_to = Some(lead);
        design.add_post(p)?;
    }

    // The custom rule's options live in the same policy file as the built-in ones.
    let policy = Policy::from_toml_with(
        "extends = \"generic\"\nas_of = 2024-06-01\n[rules.team-too-large]\nmax = 4\n",
        &[&TeamTooLarge],
    )?;
    let report = Checker::new(policy).with_rule(Box::new(TeamTooLarge))?.check(&design);
    print!("{}", report.to_text());
    assert_eq!(report.of_rule("team-too-large").count(), 1);
    Ok(())
}
