//! Almelo, Voor Stad en Resultaat (2018): the old sector organisation with its staff list, the new design with at most four management layers, the Adviespool, process owners, programmes and districts, and a what-if with a fifth layer.
//!
//! Run with `cargo run --example almelo-2018`. The data is in `examples/data/almelo-2018/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data and prints the measures.
fn print_measures() -> show::Result<()> {
    print!("{}", show::almelo_2018()?);
    Ok(())
}

fn main() -> show::Result<()> {
    print_measures()?;
    Ok(())
}
