//! Hengelo from 1 July 2021: concernmanagers, afdelingsmanagers and teammanagers, opgaven next to the line, and the payroll against the 2% savings target.
//!
//! Run with `cargo run --example hengelo-2021`. The data is in `examples/data/hengelo-2021/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data, prints the measures and the check reports, and writes the pictures (and reports) under `target/examples/`.
fn main() -> show::Result<()> {
    let run = show::run_hengelo_2021(&show::out_dir())?;
    print!("{}", run.text);
    Ok(())
}
