//! De Bilt from January 2018: a directie that leads together, self-steering teams with teamcoaches, four kwartiermakers who leave after two years, the six gebiedsmakelaars as a team, a pop-up team, vakgroepen, eenmansfuncties and the managementcollectief, shown on 1 January 2018, 1 June 2019 and 1 January 2020, and checked on the first and last.
//!
//! Run with `cargo run --example de-bilt-2018`. The data is in `examples/data/de-bilt-2018/`;
//! its README is the fact table: every fact of the seed document, how it is modelled, and
//! what each asserted finding rests on.

#[path = "show/mod.rs"]
mod show;

/// Loads the data, prints the measures and the check reports, and writes the pictures (and reports) under `target/examples/`.
fn main() -> show::Result<()> {
    let run = show::run_de_bilt_2018(&show::out_dir())?;
    print!("{}", run.text);
    Ok(())
}
