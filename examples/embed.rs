//! Embedding harkje: load a design, measure it, check it and draw it, as the
//! README's "Using harkje from Rust" shows. Run with `cargo run --example embed`.

// This file is the README's example word for word (a test compares them).

use harkje::check::{self, Policy};
use harkje::graph::LineTable;
use harkje::render::{self, RenderOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let design = harkje::format::from_json_file("examples/data/tutorial/design.json")?;

    let m = harkje::measures::compute(&LineTable::from_design(&design));
    println!("{} posts in {} layers, widest span {}", m.posts, m.layers, m.span.max);

    let policy = Policy::preset("generic")?.with_as_of(harkje::date(2025, 6, 1));
    let report = check::check(&design, &policy);
    print!("{}", report.to_text());

    std::fs::create_dir_all("target")?;
    std::fs::write("target/tutorial.svg", render::to_svg(&design, &RenderOptions::default())?)?;
    Ok(())
}
