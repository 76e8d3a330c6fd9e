//! An unnamed municipality in 2024: three domains become five afdelingen with teamregisseurs, and the span of control comes down.
//!
//! Run with `cargo run --example gemeente-2024`. The data is in `examples/data/gemeente-2024/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data, prints the measures and the check reports, and writes the pictures (and reports) under `target/examples/`.
fn main() -> show::Result<()> {
    let run = show::run_gemeente_2024(&show::out_dir())?;
    print!("{}", run.text);
    Ok(())
}
