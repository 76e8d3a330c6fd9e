//! The rule catalogue: one rule per file, in folders by area, and the one
//! list that registers them all, [`BUILTIN`].
//!
//! Codes are `HK` + the area's two digits + a two-digit number. A code is
//! never reused, even when its rule is retired.

use crate::check::Rule;

pub mod governance;
pub mod layers;
pub mod people;
pub mod structure;
pub mod time;

/// Declares a rule's struct with its docs and metadata, so the docs that
/// `harkje rules NAME` prints and the rustdoc are the same text.
macro_rules! declare_rule {
    (
        $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            area: $area:ident,
            severity: $sev:ident,
            summary: $summary:literal,
            options: $options:expr,
        }
        docs: $docs:literal
    ) => {
        #[doc = $docs]
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl $name {
            /// The rule's code, name, default severity, docs and options.
            pub const META: $crate::check::RuleMeta = $crate::check::RuleMeta {
                code: $code,
                name: $kebab,
                area: $crate::check::Area::$area,
                severity: $crate::diagnostic::Severity::$sev,
                summary: $summary,
                docs: $docs,
                options: $options,
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every built-in rule, in code order. This is the one registry.
pub const BUILTIN: &[&dyn Rule] = &[
    &structure::ReportingCycle,
    &structure::MissingLineManager,
    &structure::MultipleTopPosts,
    &structure::ReferenceEnded,
    &structure::SelfSteeringWithoutAccountable,
    &structure::SelfSteeringMemberHasLineManager,
    &layers::TooManyManagementLayers,
    &layers::SpanTooWide,
    &layers::SpanTooNarrow,
    &layers::ManagerShareHigh,
    &layers::SelfSteeringTeamTooLarge,
    &governance::SteeringNotAccountableToDirectie,
    &governance::AssignmentIncomplete,
    &governance::EscalationOutsideDirectie,
    &governance::IndependenceBreached,
    &governance::CommunityHasLineManager,
    &governance::CoachHasLineReports,
    &governance::UnitWithoutKernopdracht,
    &governance::TooManySteeringLines,
    &time::TemporaryRoleWithoutEnd,
    &time::KwartiermakerTermTooLong,
    &time::TemporaryRoleExpired,
    &time::DatedValueGap,
    &people::PersonOverAllocated,
    &people::PostOverfilled,
    &people::SinglePersonFunction,
    &people::VacantPost,
    &people::SavingsTargetMissed,
    &people::ExtraStaffCostOverCap,
];

/// A built-in rule by name.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    BUILTIN.iter().copied().find(|r| r.meta().name == name)
}

/// `posts/<key>`.
pub(crate) fn post_path(key: &str) -> String {
    format!("posts/{key}")
}

/// `units/<key>`.
pub(crate) fn unit_path(key: &str) -> String {
    format!("units/{key}")
}

/// Keys in backticks: "`a`", "`a` and `b`", "`a`, `b` and `c`".
pub(crate) fn list(keys: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{}`", k.as_ref())).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1 post" / "2 posts".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The `generic` preset's text: every built-in rule with its default severity
/// and options, each documented. `presets/policy/generic.toml` holds exactly
/// this text (a test keeps them equal).
pub fn defaults_toml() -> String {
    use std::fmt::Write as _;
    let mut s = String::from(
        "# The defaults of every rule: what a policy gets when it sets nothing.\n\
         # Generated from the rule catalogue (`harkje rules` shows the docs).\n\
         name = \"generic\"\n\
         description = \"every rule at its default severity and thresholds\"\n\n\
         # Posts without a line manager that are top posts (next to posts in a `directie` unit).\n\
         top_roles = [\"algemeen-directeur\", \"directeur\", \"gemeentesecretaris\"]\n",
    );
    for r in BUILTIN {
        let m = r.meta();
        let _ =
            write!(s, "\n# {} {}: {}\n[rules.{}]\nseverity = \"{}\"\n", m.code, m.name, m.summary, m.name, m.severity);
        for o in m.options {
            let value = o.kind.default_value();
            let shown = match &value {
                crate::check::OptionValue::Number(x) if x.fract() == 0.0 => format!("{x:.1}"),
                v => v.to_string(),
            };
            let _ = writeln!(s, "{} = {shown}   # {}; {}", o.name, o.doc, o.kind.accepted());
        }
    }
    s
}
