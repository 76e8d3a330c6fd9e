//! Embedding harkje: load a design, measure it, check it and draw it, as the
//! README's "Using harkje from Rust" shows. Run with `cargo run --example embed`.

// This file is the README's example word for word (a test compares them), and the README
// still shows the names from before the naming scheme in ARCHITECTURE.md, kept as deprecated
// aliases; it moves to `from_json_file`, `to_text`, `to_svg` and `harkje::date` with the README.
#![allow(deprecated)]

use harkje::check::{self, Policy};
use harkje::graph::LineTable;
use harkje::render::{self, RenderOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let design = harkje::format::load_json_file("examples/data/tutorial/design.json")?;

    let m = harkje::measures::compute(&LineTable::from_design(&design));
    println!("{} posts in {} layers, widest span {}", m.posts, m.layers, m.span.max);

    let policy = Policy::preset("generic")?.with_as_of(jiff::civil::date(2025, 6, 1));
    let report = check::check(&design, &policy);
    print!("{}", report.render_text());

    std::fs::create_dir_all("target")?;
    std::fs::write("target/tutorial.svg", render::svg(&design, &RenderOptions::default())?)?;
    Ok(())
}
