//! The words of the pictures, once per language.
//!
//! Every fixed word a picture shows (legend, box lines, badges, notes, DOT and
//! Mermaid labels) lives here, in a [`Words`] value per [`Language`]: a struct
//! with one field per phrase, so a phrase added for one language and forgotten
//! for the other does not compile. Phrases with a number in them are methods
//! that put the number where the language wants it, written with the
//! language's [`Style`] (a decimal comma in Dutch). Keys, names and titles
//! from the design are never translated.

use crate::model::{SteeringKind, UnitKind};
use crate::number::Style;
use crate::transition::Language;

/// The fixed words of a picture in one language.
pub(crate) struct Words {
    /// The language, for numbers and dates.
    pub lang: Language,
    /// The legend's name of the reporting line.
    pub line: &'static str,
    /// The legend's name of the unit placement tree.
    pub placed_in: &'static str,
    /// The legend's name of the line from a self-steering team's members.
    pub team_answers_to: &'static str,
    /// The legend's name of the findings badge.
    pub open_findings: &'static str,
    /// Accountability outside the line, on a line.
    pub accountable_to: &'static str,
    /// Accountability outside the line, in the legend and on a badge.
    pub accountable: &'static str,
    /// A principal commissions the next link of its chain.
    pub commissions: &'static str,
    /// An agent escalates to a party, on a line.
    pub escalates_to: &'static str,
    /// An agent escalates to a party, in the legend and on a badge.
    pub escalates: &'static str,
    /// A portfolio line.
    pub portfolio: &'static str,
    /// After a collective's title in DOT and Mermaid.
    pub leads_together: &'static str,
    /// Before a collective's members in a tooltip.
    pub leading_together: &'static str,
    /// Before the cleared references in a tooltip.
    pub not_valid_that_day: &'static str,
    /// After a self-steering team's name in its community box.
    pub self_steering: &'static str,
    /// A self-steering team without a coach.
    pub self_steering_no_coach: &'static str,
    /// A unit whose head is not known.
    pub no_head: &'static str,
    /// A unit with no posts.
    pub no_posts: &'static str,
    /// After the FTE of a unit with no vacancies.
    pub all_filled: &'static str,
    /// Before each note.
    pub note: &'static str,
    /// Before the members of a community that are drawn in another box.
    pub also: &'static str,
    /// Above the posts no top post reaches.
    pub unreachable_heading: &'static str,
    /// After the cleared-reference note of a post-level picture.
    pub posts_marked: &'static str,
    /// After the cleared-reference note of a unit-level picture.
    pub units_marked: &'static str,
    /// The note's reason when `--depth` leaves unreachable posts out.
    pub depth_from_top_post: &'static str,
    /// The note's reason when `--depth` leaves unreachable units out.
    pub depth_from_top_unit: &'static str,
}

/// English, the library's default.
const ENGLISH: Words = Words {
    lang: Language::English,
    line: "line",
    placed_in: "placed in",
    team_answers_to: "team answers to",
    open_findings: "open findings",
    accountable_to: "accountable to",
    accountable: "accountable",
    commissions: "commissions",
    escalates_to: "escalates to",
    escalates: "escalates",
    portfolio: "aandachtsgebied",
    leads_together: "leads together",
    leading_together: "leading together",
    not_valid_that_day: "not valid that day",
    self_steering: "self-steering",
    self_steering_no_coach: "self-steering, no coach",
    no_head: "no head",
    no_posts: "no posts",
    all_filled: "all filled",
    note: "note",
    also: "also",
    unreachable_heading: "not reachable from a top post (in or below a line cycle):",
    posts_marked: " (posts drawn with a dashed orange outline)",
    units_marked: " (units holding them drawn with a dashed orange outline)",
    depth_from_top_post: ", left out because --depth counts from a top post",
    depth_from_top_unit: ", left out because --depth counts from a top unit",
};

/// Dutch, the CLI's default: the council, the works council and the Woo page read Dutch.
const DUTCH: Words = Words {
    lang: Language::Dutch,
    line: "lijn",
    placed_in: "geplaatst in",
    team_answers_to: "team legt verantwoording af aan",
    open_findings: "open bevindingen",
    accountable_to: "verantwoording aan",
    accountable: "verantwoording",
    commissions: "geeft opdracht",
    escalates_to: "escaleert naar",
    escalates: "escalatie",
    portfolio: "aandachtsgebied",
    leads_together: "leiden samen",
    leading_together: "leiden samen",
    not_valid_that_day: "niet geldig op die dag",
    self_steering: "zelfsturend",
    self_steering_no_coach: "zelfsturend, zonder coach",
    no_head: "geen hoofd",
    no_posts: "geen posten",
    all_filled: "alles bezet",
    note: "let op",
    also: "ook",
    unreachable_heading: "niet bereikbaar vanaf een toppost (in of onder een lijncyclus):",
    posts_marked: " (posten met een gestreepte oranje rand)",
    units_marked: " (eenheden die ze bevatten met een gestreepte oranje rand)",
    depth_from_top_post: ", weggelaten omdat --depth vanaf een toppost telt",
    depth_from_top_unit: ", weggelaten omdat --depth vanaf een topeenheid telt",
};

/// The words of `lang`.
pub(crate) fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Dutch => &DUTCH,
        Language::English => &ENGLISH,
    }
}

/// Picks the singular or the plural.
fn pl(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

impl Words {
    /// The number conventions.
    pub fn style(&self) -> Style {
        self.lang.style()
    }

    /// A number as the language writes it: `1.8` or `1,8`.
    pub fn num(&self, x: f64) -> String {
        self.style().num(x)
    }

    /// The name of a steering kind.
    pub fn steering(&self, kind: SteeringKind) -> &'static str {
        match self.lang {
            Language::English => kind.as_str(),
            Language::Dutch => match kind {
                SteeringKind::Programme => "programma",
                SteeringKind::Area => "gebied",
                SteeringKind::Process => "proces",
                SteeringKind::Development => "ontwikkeling",
                SteeringKind::AreaAgenda => "gebiedsagenda",
                SteeringKind::Coaching => "coaching",
                SteeringKind::Other => "overig",
            },
        }
    }

    /// The name of a unit kind.
    pub fn unit_kind(&self, kind: UnitKind) -> &'static str {
        match self.lang {
            Language::English => kind.as_str(),
            Language::Dutch => match kind {
                UnitKind::Directie => "directie",
                UnitKind::Eenheid => "eenheid",
                UnitKind::Team => "team",
                UnitKind::Subteam => "subteam",
                UnitKind::Pool => "pool",
                UnitKind::Programme => "programma",
                UnitKind::Area => "gebied",
                UnitKind::Community => "vakgemeenschap",
                UnitKind::Collective => "collectief",
                UnitKind::PopUp => "pop-up",
            },
        }
    }

    /// `led together by 3`.
    pub fn led_together(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("led together by {n}"),
            Language::Dutch => format!("samen geleid door {n}"),
        }
    }

    /// `self-steering, coach: Teamcoach`.
    pub fn coach(&self, coach: &str) -> String {
        match self.lang {
            Language::English => format!("self-steering, coach: {coach}"),
            Language::Dutch => format!("zelfsturend, coach: {coach}"),
        }
    }

    /// `2 member(s) placed elsewhere`.
    pub fn placed_elsewhere(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} member(s) placed elsewhere"),
            Language::Dutch => format!("{n} {} elders geplaatst", pl(n, "lid", "leden")),
        }
    }

    /// `3 posts · 2.8 FTE`.
    pub fn posts_fte(&self, posts: usize, fte: f64) -> String {
        match self.lang {
            Language::English => format!("{posts} {} · {} FTE", pl(posts, "post", "posts"), self.num(fte)),
            Language::Dutch => format!("{posts} {} · {} fte", pl(posts, "post", "posten"), self.num(fte)),
        }
    }

    /// `, 0.5 vacant`.
    pub fn vacant(&self, fte: f64) -> String {
        match self.lang {
            Language::English => format!(", {} vacant", self.num(fte)),
            Language::Dutch => format!(", {} vacant", self.num(fte)),
        }
    }

    /// `1 open finding`, `2 open findings`.
    pub fn findings(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} open {}", pl(n, "finding", "findings")),
            Language::Dutch => format!("{n} open {}", pl(n, "bevinding", "bevindingen")),
        }
    }

    /// `+4 not drawn` under a box in DOT and Mermaid.
    pub fn not_drawn(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("+{n} not drawn"),
            Language::Dutch => format!("+{n} niet getekend"),
        }
    }

    /// `+4 below` after a box's key in the SVG.
    pub fn below(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("+{n} below"),
            Language::Dutch => format!("+{n} lager"),
        }
    }

    /// ` … and 3 more`.
    pub fn and_more(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!(" … and {n} more"),
            Language::Dutch => format!(" … en {n} meer"),
        }
    }

    /// `Almelo (as of 2025-01-01)`.
    pub fn as_of(&self, title: &str, day: jiff::civil::Date) -> String {
        match self.lang {
            Language::English => format!("{title} (as of {day})"),
            Language::Dutch => format!("{title} (per {})", self.lang.date(day)),
        }
    }

    /// A community's legend line: `Vakgroep ICT (community, 3 members): a, b, c`.
    /// `count` is every member, `drawn` how many of them the picture shows.
    pub fn community(&self, name: &str, kind: UnitKind, count: usize, drawn: usize, keys: &str) -> String {
        let kind = self.unit_kind(kind);
        let shown = match (drawn < count, self.lang) {
            (false, _) => String::new(),
            (true, Language::English) => format!(", {drawn} drawn"),
            (true, Language::Dutch) => format!(", {drawn} getekend"),
        };
        match self.lang {
            Language::English => format!("{name} ({kind}, {count} {}{shown}): {keys}", pl(count, "member", "members")),
            Language::Dutch => format!("{name} ({kind}, {count} {}{shown}): {keys}", pl(count, "lid", "leden")),
        }
    }

    /// The legend line of a bundle of lines.
    pub fn bundle(&self, count: usize, from: &str, units: bool) -> String {
        match self.lang {
            Language::English => {
                let boxes = if units { "units" } else { "posts" };
                format!("{count} lines from {from} to the {count} {boxes} marked, instead of a line each")
            }
            Language::Dutch => {
                let boxes = if units { "eenheden" } else { "posten" };
                format!("{count} lijnen van {from} naar de {count} gemarkeerde {boxes}, in plaats van elk een lijn")
            }
        }
    }

    /// The note on lines the router found no way for.
    pub fn unrouted(&self, n: usize) -> String {
        match self.lang {
            Language::English => {
                format!("{n} line(s) found no route around the boxes and are drawn as curves behind them")
            }
            Language::Dutch => format!(
                "{n} {} geen weg om de vakken en {} als boog erachter getekend",
                pl(n, "lijn vond", "lijnen vonden"),
                pl(n, "is", "zijn")
            ),
        }
    }

    /// The note on references cleared on `day`.
    pub fn cleared(&self, day: jiff::civil::Date, n: usize, marker: &str, list: &str) -> String {
        match self.lang {
            Language::English => {
                let what = pl(n, "reference points", "references point");
                format!("on {day}, {n} {what} to something not valid that day{marker}: {list}")
            }
            Language::Dutch => {
                let what = pl(n, "verwijzing wijst", "verwijzingen wijzen");
                format!("op {}, {n} {what} naar iets dat die dag niet geldt{marker}: {list}", self.lang.date(day))
            }
        }
    }

    /// The note on posts no top post reaches.
    pub fn unreachable_posts(&self, n: usize, why: &str) -> String {
        match self.lang {
            Language::English => format!("{n} post(s) not reachable from a top post (in or below a line cycle){why}"),
            Language::Dutch => format!(
                "{n} {} niet bereikbaar vanaf een toppost (in of onder een lijncyclus){why}",
                pl(n, "post", "posten")
            ),
        }
    }

    /// The note on units no top unit reaches.
    pub fn unreachable_units(&self, n: usize, why: &str) -> String {
        match self.lang {
            Language::English => format!("{n} unit(s) not reachable from a top unit (placed in a cycle){why}"),
            Language::Dutch => format!(
                "{n} {} niet bereikbaar vanaf een topeenheid (in een cyclus geplaatst){why}",
                pl(n, "eenheid", "eenheden")
            ),
        }
    }

    /// The note on direct reports below the depth limit.
    pub fn hidden_reports(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} direct report(s) below the depth limit are not drawn"),
            Language::Dutch => format!(
                "{n} directe {} onder de dieptegrens niet getekend",
                pl(n, "ondergeschikte is", "ondergeschikten zijn")
            ),
        }
    }

    /// The note on units below the depth limit.
    pub fn hidden_units(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} unit(s) placed below the depth limit are not drawn"),
            Language::Dutch => {
                format!("{n} {} onder de dieptegrens niet getekend", pl(n, "eenheid is", "eenheden zijn"))
            }
        }
    }

    /// The note on horizontal lines to posts outside the picture.
    pub fn outside_posts(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} horizontal line(s) run to posts outside the picture and are not drawn"),
            Language::Dutch => format!(
                "{n} horizontale {} naar posten buiten de tekening en {} niet getekend",
                pl(n, "lijn loopt", "lijnen lopen"),
                pl(n, "is", "zijn")
            ),
        }
    }

    /// The note on horizontal lines to units outside the picture.
    pub fn outside_units(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!(
                "{n} horizontal line(s) run to units outside the picture or from posts in no unit, and are not drawn"
            ),
            Language::Dutch => format!(
                "{n} horizontale {} naar eenheden buiten de tekening of van posten zonder eenheid, en {} niet getekend",
                pl(n, "lijn loopt", "lijnen lopen"),
                pl(n, "is", "zijn")
            ),
        }
    }

    /// The note on steering lines within one unit.
    pub fn within_unit(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} steering line(s) within one unit are not drawn at the unit level"),
            Language::Dutch => format!(
                "{n} {} binnen één eenheid {} niet getekend op eenheidsniveau",
                pl(n, "sturingslijn", "sturingslijnen"),
                pl(n, "is", "zijn")
            ),
        }
    }

    /// The note on posts in no unit.
    pub fn unplaced(&self, n: usize) -> String {
        match self.lang {
            Language::English => format!("{n} post(s) placed in no unit are in no box"),
            Language::Dutch => {
                format!("{n} {} zonder eenheid {} in geen vak", pl(n, "post", "posten"), pl(n, "staat", "staan"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers_have_a_decimal_comma() {
        assert_eq!(words(Language::Dutch).posts_fte(3, 2.8), "3 posten · 2,8 fte");
        assert_eq!(words(Language::English).posts_fte(1, 0.8), "1 post · 0.8 FTE");
        assert_eq!(words(Language::Dutch).vacant(0.5), ", 0,5 vacant");
    }

    #[test]
    fn every_kind_has_a_dutch_name() {
        let nl = words(Language::Dutch);
        assert_eq!(nl.steering(SteeringKind::Programme), "programma");
        assert_eq!(nl.steering(SteeringKind::Development), "ontwikkeling");
        assert_eq!(nl.unit_kind(UnitKind::Community), "vakgemeenschap");
        assert_eq!(words(Language::English).steering(SteeringKind::Area), "area");
    }
}

/// The fixed words of the interactive view (`--format html`) in one
/// language: the page's own (`html`) and its script's (`script`, handed to
/// the script in the page's metadata, so that `view.js` spells none).
pub(crate) struct PageWords {
    /// The page's `lang` attribute.
    pub lang: &'static str,
    /// Under the title, at each level.
    pub sub_posts: &'static str,
    pub sub_units: &'static str,
    pub search: &'static str,
    pub placeholder: &'static str,
    pub day: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub fit: &'static str,
    pub collapse_all: &'static str,
    /// The toolbar's accessible name.
    pub toolbar: &'static str,
    /// The chart's accessible name, with how to move it.
    pub chart: &'static str,
    pub loading: &'static str,
    pub noscript: &'static str,
    /// The words of the script.
    pub script: ScriptWords,
}

/// The words of the interactive view's script, by the name it uses.
#[derive(serde::Serialize)]
pub(crate) struct ScriptWords {
    /// The locale of the script's numbers (`Intl.NumberFormat`).
    pub locale: &'static str,
    pub error: [&'static str; 2],
    pub warning: [&'static str; 2],
    pub post: [&'static str; 2],
    #[serde(rename = "box")]
    pub box_: [&'static str; 2],
    pub hit: [&'static str; 2],
    pub no_hits: &'static str,
    pub first_50: &'static str,
    pub fte: &'static str,
    pub million: &'static str,
    pub collapse: &'static str,
    pub expand: &'static str,
    pub in_cycle: &'static str,
    pub cleared: &'static str,
    pub party: &'static str,
    pub collective: &'static str,
    pub in_team: &'static str,
    pub partly_known: &'static str,
    pub below: &'static str,
    /// `{n}` is the number of boxes, with their word.
    pub show_more: &'static str,
    /// Between the subtitle and the one day of a page with one day.
    pub on: &'static str,
}

const PAGE_ENGLISH: PageWords = PageWords {
    lang: "en",
    sub_posts: "Organogram of the posts",
    sub_units: "Organogram of the units",
    search: "Search",
    placeholder: "name, key or role",
    day: "Day",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    fit: "Fit",
    collapse_all: "Collapse all",
    toolbar: "View",
    chart: "Organogram; drag or use the arrow keys to move, plus and minus to zoom",
    loading: "Loading the organogram…",
    noscript: "This page needs JavaScript to show the organogram.",
    script: ScriptWords {
        locale: "en-GB",
        error: ["error", "errors"],
        warning: ["warning", "warnings"],
        post: ["post", "posts"],
        box_: ["box", "boxes"],
        hit: ["match", "matches"],
        no_hits: "No matches",
        first_50: " (the first 50 shown)",
        fte: "FTE",
        million: "m",
        collapse: "Collapse: ",
        expand: "Expand: ",
        in_cycle: "in a line cycle",
        cleared: "reference ended on this day",
        party: "party outside the organisation",
        collective: "collective leadership",
        in_team: "member of a self-steering team",
        partly_known: " (partly known)",
        below: "Below: ",
        show_more: "Show {n} more",
        on: " on ",
    },
};

const PAGE_DUTCH: PageWords = PageWords {
    lang: "nl",
    sub_posts: "Organogram van de posten",
    sub_units: "Organogram van de eenheden",
    search: "Zoeken",
    placeholder: "naam, sleutel of rol",
    day: "Peildatum",
    zoom_in: "Inzoomen",
    zoom_out: "Uitzoomen",
    fit: "Passend",
    collapse_all: "Alles inklappen",
    toolbar: "Weergave",
    chart: "Organogram; slepen of pijltjestoetsen om te schuiven, plus en min om te zoomen",
    loading: "Organogram laden…",
    noscript: "Deze pagina heeft JavaScript nodig om het organogram te tonen.",
    script: ScriptWords {
        locale: "nl-NL",
        error: ["fout", "fouten"],
        warning: ["waarschuwing", "waarschuwingen"],
        post: ["post", "posten"],
        box_: ["vak", "vakken"],
        hit: ["treffer", "treffers"],
        no_hits: "Geen treffers",
        first_50: " (de eerste 50 getoond)",
        fte: "fte",
        million: "mln",
        collapse: "Inklappen: ",
        expand: "Uitklappen: ",
        in_cycle: "in een lijncyclus",
        cleared: "verwijzing vervallen op deze dag",
        party: "partij buiten de organisatie",
        collective: "collectieve leiding",
        in_team: "lid van een zelfsturend team",
        partly_known: " (deels bekend)",
        below: "Eronder: ",
        show_more: "Nog {n} tonen",
        on: " op ",
    },
};

/// The words of the interactive view in `lang`.
pub(crate) fn page_words(lang: Language) -> &'static PageWords {
    match lang {
        Language::English => &PAGE_ENGLISH,
        Language::Dutch => &PAGE_DUTCH,
    }
}
