//! De Bilt from January 2018: self-steering teams, four kwartiermakers who leave after two years, six gebiedsmakelaars, teamcoaches, vakgroepen and the managementcollectief, shown on 1 January 2018 and 1 January 2020.
//!
//! Run with `cargo run --example de-bilt-2018`. The data is in `examples/data/de-bilt-2018/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data, prints the measures and the check reports, and writes the pictures (and reports) under `target/examples/`.
fn main() -> show::Result<()> {
    let run = show::run_de_bilt_2018(&show::out_dir())?;
    print!("{}", run.text);
    Ok(())
}
