//! Publications of a design for the public.
//!
//! [`woo_bundle`] makes what a Dutch municipality publishes about its
//! organisation under the Wet open overheid: since 1 November 2024 the
//! Regeling actieve openbaarmaking Woo (Stcrt. 2024, 30890, art. 2.2.2) asks
//! for an organogram, a text description or both, with every
//! organisatieonderdeel that has contact details of its own described
//! separately, and the address of the publication entered in the Register
//! van Overheidsorganisaties. The bundle is made from the same design file
//! that `harkje check` judges, so the published organisation is the checked
//! one:
//!
//! - `organogram.svg`: the unit-level organogram
//!   ([`Level::Units`](crate::render::Level::Units)) with a `<title>` and a
//!   `<desc>` for the picture and for every box;
//! - `index.html`: an accessible page in Dutch, the units as a nested
//!   outline with their kernopdracht, the role of their head (a post title:
//!   no person is named, as the AVG asks) and their contact details, linked
//!   to the picture and to the open data;
//! - `organisatie.jsonld`: the organisation in the W3C Organization Ontology,
//!   named by its TOOI identifier ([`Design::identifier`](crate::Design::identifier));
//! - `manifest.json`: what was published, and the address to enter in the
//!   Register.
//!
//! ```
//! use harkje::publish::{self, WooOptions};
//! use harkje::{Contact, DesignBuilder, UnitKind};
//!
//! let mut b = DesignBuilder::new("Gemeente Voorbeeld");
//! b.unit("directie", "Directie", UnitKind::Directie).kernopdracht("Stuurt de organisatie aan.");
//! b.unit("kcc", "Klantcontactcentrum", UnitKind::Eenheid).parent("directie");
//! b.post("gs", "Gemeentesecretaris", "gemeentesecretaris").unit("directie");
//! b.post("hoofd-kcc", "Hoofd KCC", "hoofd").unit("kcc").reports_to("gs");
//! let mut design = b.build()?;
//! design.set_identifier(Some("https://identifier.overheid.nl/tooi/id/gemeente/gm9999".into()))?;
//!
//! let bundle = publish::woo_bundle(&design, &WooOptions::default())?;
//! assert!(bundle.html.contains(r#"<html lang="nl">"#));
//! assert!(bundle.html.contains("Hoofd KCC"));
//! assert!(bundle.jsonld.contains("https://identifier.overheid.nl/tooi/id/gemeente/gm9999"));
//! assert!(bundle.svg.contains("<desc>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod woo;

pub use woo::{PublishError, WooBundle, WooOptions, woo_bundle};
