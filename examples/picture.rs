//! Draws the example harkje under `docs/`: an SVG laid out by harkje, and a
//! PNG of it rendered with resvg.
//!
//! ```sh
//! cargo run --example picture
//! ```

use std::error::Error;

use harkje::render::{self, RenderOptions};

fn main() -> Result<(), Box<dyn Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let design = harkje::format::from_json_file(root.join("tests/fixtures/render/harkje.json"))?;
    let svg = render::to_svg(&design, &RenderOptions::default())?;
    std::fs::write(root.join("docs/harkje.svg"), &svg)?;

    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    options.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    let tree = resvg::usvg::Tree::from_str(&svg, &options)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty picture")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.save_png(root.join("docs/harkje.png"))?;
    println!("wrote docs/harkje.svg and docs/harkje.png ({} × {} px)", size.width(), size.height());
    Ok(())
}
