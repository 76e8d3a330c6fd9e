//! Amersfoort 2015: a smaller directie after sector steering, the Flexportaal pool with its jobs, and the Bedrijventeam's account managers.
//!
//! Run with `cargo run --example amersfoort-2015`. The data is in `examples/data/amersfoort-2015/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data, prints the measures and the check reports, and writes the pictures (and reports) under `target/examples/`.
fn main() -> show::Result<()> {
    let run = show::run_amersfoort_2015(&show::out_dir())?;
    print!("{}", run.text);
    Ok(())
}
