//! A picture per unit: an overview page and a page for each unit below the top.

use super::{Picture, PictureFormat, RenderError, RenderOptions, picture};
use std::collections::HashSet;

use crate::model::{Design, Unit, UnitId, natural_cmp};

/// The design drawn as pages: first an overview (the top of what is drawn
/// and one layer of units below it), then a page for each unit placed
/// directly in a top unit that has units of its own, drawn with everything
/// placed in it (as `--unit KEY`), in key order. A unit with nothing placed
/// in it is whole on the overview and gets no page of its own.
///
/// The top units are the units placed in no unit, or the unit
/// [`RenderOptions::unit`] names. [`RenderOptions::depth`] limits each
/// unit's page; every other option applies to every page.
///
/// ```
/// use harkje::render::{self, Level, PictureFormat, RenderOptions};
/// use harkje::{DesignBuilder, UnitKind};
///
/// let mut b = DesignBuilder::new("Voorbeeld");
/// b.unit("directie", "Directie", UnitKind::Directie);
/// b.unit("dienstverlening", "Eenheid Dienstverlening", UnitKind::Eenheid).parent("directie");
/// b.unit("burgerzaken", "Team Burgerzaken", UnitKind::Team).parent("dienstverlening");
/// b.unit("staf", "Team Staf", UnitKind::Team).parent("directie");
/// let design = b.build()?;
/// let options = RenderOptions::default().with_level(Level::Units);
/// let pages = render::unit_pages(&design, PictureFormat::Dot, &options)?;
/// assert_eq!(pages.len(), 2); // the overview, and Dienstverlening with its team
/// assert!(pages[1].text.contains("Voorbeeld: Eenheid Dienstverlening"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// A [`RenderError`] when a page cannot be drawn (see its variants).
pub fn unit_pages(
    design: &Design,
    format: PictureFormat,
    options: &RenderOptions,
) -> Result<Vec<Picture>, RenderError> {
    let day = options.as_of.map(|on| design.on_day(on).0);
    let d = day.as_deref().unwrap_or(design);
    let tops: HashSet<UnitId> = match &options.unit {
        Some(key) => d.unit_by_key(key).map(|u| u.id).into_iter().collect(),
        None => d.units().filter(|u| u.parent.is_none()).map(|u| u.id).collect(),
    };
    let mut below: Vec<&Unit> = d.units().filter(|u| u.parent.is_some_and(|p| tops.contains(&p))).collect();
    below.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    let has_units: HashSet<UnitId> = d.units().filter_map(|u| u.parent).collect();

    let overview = options.clone().with_depth(Some(options.depth.unwrap_or(1).min(1)));
    let mut pages = vec![picture(design, format, &overview)?];
    for u in below.iter().filter(|u| has_units.contains(&u.id)) {
        pages.push(picture(design, format, &options.clone().with_unit(Some(u.key.clone())))?);
    }
    Ok(pages)
}
