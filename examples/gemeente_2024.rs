//! An unnamed municipality in 2024: three domains become five afdelingen with teamregisseurs, and the span of control comes down.
//!
//! Run with `cargo run --example gemeente-2024`. The data is in `examples/data/gemeente-2024/`;
//! its README says which facts come from the seed document and what is synthetic.

#[path = "show/mod.rs"]
mod show;

/// Loads the data and prints the measures.
fn print_measures() -> show::Result<()> {
    print!("{}", show::gemeente_2024()?);
    Ok(())
}

fn main() -> show::Result<()> {
    print_measures()?;
    Ok(())
}
