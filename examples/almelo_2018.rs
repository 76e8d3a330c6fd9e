//! Almelo, Voor Stad en Resultaat (2018): the old sector organisation with its staff list, the new design with at most four management layers, the Adviespool, process owners, programmes and districts, and a what-if with a fifth layer.
//!
//! Run with `cargo run --example almelo-2018`. The data is in `examples/data/almelo-2018/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data, prints the measures and the check reports, and writes the pictures (and reports) under `target/examples/`.
fn main() -> show::Result<()> {
    let run = show::run_almelo_2018(&show::out_dir())?;
    print!("{}", run.text);
    Ok(())
}
