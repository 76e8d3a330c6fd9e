//! The `harkje` command-line program: a thin layer over the library.
//!
//! Each subcommand lives in its own module. It parses its arguments, calls
//! the library, renders the result and returns an exit code:
//! 0 for success, 1 when the data has a problem (a finding), 2 when an input
//! could not be read, the output could not be written or the command was used
//! wrongly. Every command writes through [`output`]: `--format` chooses what,
//! `-o` where.

mod check;
mod diff;
mod export;
mod generate;
mod import;
mod input;
mod metrics;
mod output;
mod publish;
mod render;
mod rules;
mod transition;

use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand};

/// Design, check and reorganise organisations.
#[derive(Debug, Parser)]
#[command(name = "harkje", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the structural measures of a design (JSON) or a flat post CSV.
    Metrics(metrics::Args),
    /// Check a design against a policy: a TOML file or a preset.
    Check(check::Args),
    /// List the rules, or print one rule's docs.
    Rules(rules::Args),
    /// The personele-gevolgen report of a reorganisation: who follows, who is re-placed, who is redundant.
    Transition(transition::Args),
    /// What happens to every post and unit between two designs.
    Diff(diff::Args),
    /// Make a design from outside data: a UK government organogram or an HR export.
    Import(import::Args),
    /// Publish a design as linked open data: W3C ORG (Turtle, JSON-LD) or Popolo JSON.
    Export(export::Args),
    /// Draw the harkje: Graphviz DOT, Mermaid or SVG.
    Render(render::Args),
    /// Publish the organisation for the public: the Woo publication (organogram, text, open data).
    Publish(publish::Args),
    /// Print the completion script of a shell (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the man page harkje(1), or write one page per command with --dir.
    Man(generate::ManArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // Help and version are successes; usage errors exit with 2.
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Metrics(a) => metrics::run(a),
        Command::Check(a) => check::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Transition(a) => transition::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Import(a) => import::run(a),
        Command::Export(a) => export::run(a),
        Command::Render(a) => render::run(a),
        Command::Publish(a) => publish::run(a),
        Command::Completions(a) => generate::completions(a, Cli::command()),
        Command::Man(a) => generate::man(a, Cli::command()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Messages quote keys from the input: their control characters are shown, not run.
            let message = e.to_string();
            let lines: Vec<_> = message.split('\n').map(harkje::text::escape_controls).collect();
            output::to_stderr(&format!("error: {}\n", lines.join("\n")));
            ExitCode::from(2)
        }
    }
}
