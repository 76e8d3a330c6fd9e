//! Regenerates every data file in `examples/data/` from the generator in
//! `examples/seeds/`: `cargo run --example seed_data`.
//!
//! The generator is deterministic (seeded by hand), and the files are written
//! in harkje's canonical JSON, so running this twice changes nothing. The test
//! `seeds::committed_data_equals_the_generator` fails when the committed files
//! and the generator drift apart.

#[path = "seeds/mod.rs"]
mod seeds;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    for (rel, design) in seeds::all()? {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        harkje::format::write_json_file(&design, &path)?;
        println!("wrote examples/data/{rel} ({} posts, {} people)", design.posts().len(), design.people().len());
    }
    Ok(())
}
