//! Draws the example pictures under `docs/`: an SVG laid out by harkje, and a
//! PNG of it rendered with resvg, of the example harkje (posts) and of De
//! Bilt's organogram (units), whole and on two days.
//!
//! ```sh
//! cargo run --example picture
//! ```

use std::error::Error;
use std::path::Path;

use harkje::render::{self, Level, RenderOptions};

/// Writes `svg` to `docs/<name>.svg` and a PNG of it to `docs/<name>.png`.
fn write(root: &Path, name: &str, svg: &str) -> Result<(), Box<dyn Error>> {
    std::fs::write(root.join(format!("docs/{name}.svg")), svg)?;
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    options.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    let tree = resvg::usvg::Tree::from_str(svg, &options)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty picture")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.save_png(root.join(format!("docs/{name}.png")))?;
    println!("wrote docs/{name}.svg and docs/{name}.png ({} × {} px)", size.width(), size.height());
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let design = harkje::format::from_json_file(root.join("tests/fixtures/render/harkje.json"))?;
    write(root, "harkje", &render::to_svg(&design, &RenderOptions::default())?)?;

    let design = harkje::format::from_json_file(root.join("examples/data/de-bilt-2018/design.json"))?;
    let units = RenderOptions::default().with_level(Level::Units);
    write(root, "de-bilt-units", &render::to_svg(&design, &units)?)?;
    // De Bilt on a day of the kwartiermakers' two years and on a day after them.
    for (name, day) in
        [("de-bilt-units-2018", harkje::date(2018, 6, 1)), ("de-bilt-units-2020", harkje::date(2020, 6, 1))]
    {
        write(root, name, &render::to_svg(&design, &units.clone().with_as_of(Some(day)))?)?;
    }
    Ok(())
}
