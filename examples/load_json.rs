//! Loads a JSON design file and prints its measures.
//!
//! Run it with `cargo run --example load_json -- tests/fixtures/designs/small.json`.

use harkje::graph::LineTable;

fn main() -> std::process::ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| "tests/fixtures/designs/small.json".to_owned());
    let design = match harkje::format::from_json_file(&path) {
        Ok(d) => d,
        Err(e) => {
            // Every problem, each with its place.
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let m = harkje::measures::compute(&LineTable::from_design(&design));
    println!("{}: {} posts in {} units", design.name(), m.posts, design.units().len());
    println!("top posts: {}", m.top_posts.join(", "));
    println!("layers: {} (management layers: {})", m.layers, m.management_layers);
    for (unit, t) in &m.units {
        println!("  {unit}: {} posts, {} FTE, € {:.2}", t.headcount, t.fte, t.cost);
    }
    std::process::ExitCode::SUCCESS
}
