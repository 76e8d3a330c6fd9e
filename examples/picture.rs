//! Draws the example pictures under `docs/`: an SVG laid out by harkje, and a
//! PNG of it rendered with resvg, of the example harkje (posts) and of De
//! Bilt's organogram (units), whole and on two days, and the organogram of
//! each of the five seed municipalities on an A3 page (the PNG at 144 dpi).
//! The pictures are in Dutch, as `harkje render` draws them by default.
//!
//! ```sh
//! cargo run --example picture
//! ```

use std::error::Error;
use std::path::Path;

use harkje::Language;
use harkje::render::{self, Level, RenderOptions};

/// Writes `svg` to `docs/<name>.svg` and a PNG of it to `docs/<name>.png`.
fn write(root: &Path, name: &str, svg: &str) -> Result<(), Box<dyn Error>> {
    write_zoomed(root, name, svg, 1.0)
}

/// As [`write`], the PNG `zoom` times the SVG's size in CSS pixels.
fn write_zoomed(root: &Path, name: &str, svg: &str, zoom: f32) -> Result<(), Box<dyn Error>> {
    std::fs::write(root.join(format!("docs/{name}.svg")), svg)?;
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    options.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    let tree = resvg::usvg::Tree::from_str(svg, &options)?;
    let size = tree.size().to_int_size().scale_by(zoom).ok_or("empty picture")?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty picture")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(zoom, zoom), &mut pixmap.as_mut());
    pixmap.save_png(root.join(format!("docs/{name}.png")))?;
    println!("wrote docs/{name}.svg and docs/{name}.png ({} × {} px)", size.width(), size.height());
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let design = harkje::format::from_json_file(root.join("tests/fixtures/render/harkje.json"))?;
    let dutch = RenderOptions::default().with_language(Language::Dutch);
    write(root, "harkje", &render::to_svg(&design, &dutch)?)?;

    let design = harkje::format::from_json_file(root.join("examples/data/de-bilt-2018/design.json"))?;
    let units = dutch.with_level(Level::Units);
    write(root, "de-bilt-units", &render::to_svg(&design, &units)?)?;
    // De Bilt on a day of the kwartiermakers' two years and on a day after them.
    for (name, day) in
        [("de-bilt-units-2018", harkje::date(2018, 6, 1)), ("de-bilt-units-2020", harkje::date(2020, 6, 1))]
    {
        write(root, name, &render::to_svg(&design, &units.clone().with_as_of(Some(day)))?)?;
    }

    // Staff posts beside their manager, and the bestuur above the directie.
    let design = harkje::format::from_json_file(root.join("tests/fixtures/render/staff.json"))?;
    write(root, "staff", &render::to_svg(&design, &RenderOptions::default().with_language(Language::Dutch))?)?;
    let design = harkje::format::from_json_file(root.join("tests/fixtures/designs/almelo-parties.json"))?;
    write(root, "parties-units", &render::to_svg(&design, &units.clone().with_parties(true))?)?;

    // Each seed municipality's organogram on an A3 page, as
    // `harkje render FILE --format svg --level units --page a3` draws it.
    let a3 = units.with_page(Some(render::Page::A3));
    for (name, file) in SEEDS {
        let design = harkje::format::from_json_file(root.join(file))?;
        write_zoomed(root, &format!("{name}-units-a3"), &render::to_svg(&design, &a3)?, 1.5)?;
    }
    Ok(())
}

/// The five seed municipalities' designs drawn on an A3 page.
const SEEDS: [(&str, &str); 5] = [
    ("almelo", "examples/data/almelo-2018/new.json"),
    ("amersfoort", "examples/data/amersfoort-2015/new.json"),
    ("de-bilt", "examples/data/de-bilt-2018/design.json"),
    ("hengelo", "examples/data/hengelo-2021/new.json"),
    ("gemeente-2024", "examples/data/gemeente-2024/new.json"),
];
