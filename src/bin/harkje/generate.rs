//! `harkje completions` and `harkje man`: shell completions and the man page, generated
//! from the same clap definitions that parse the command line, so they cannot fall behind.

use std::path::PathBuf;
use std::process::ExitCode;

use clap_complete::Shell;

use crate::input::CliError;
use crate::output::{Destination, OutputArg};

/// Arguments of `harkje completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Install, for example:\n  \
    bash: harkje completions bash > ~/.local/share/bash-completion/completions/harkje\n  \
    zsh:  harkje completions zsh > ~/.zfunc/_harkje   (with `fpath+=~/.zfunc` before `compinit`)\n  \
    fish: harkje completions fish > ~/.config/fish/completions/harkje.fish")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
    #[command(flatten)]
    output: OutputArg,
}

/// Arguments of `harkje man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    #[command(flatten)]
    output: OutputArg,
    /// Write one page per command into this directory instead (`harkje.1`, `harkje-check.1`, …).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    dir: Option<PathBuf>,
}

/// Writes the completion script of a shell.
pub fn completions(args: CompletionsArgs, mut cmd: clap::Command) -> Result<ExitCode, CliError> {
    let out = Destination::new(args.output.output.as_deref(), &[])?;
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "harkje", &mut script);
    out.write_with(|w| w.write_all(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the man page `harkje(1)`, or one page per command into a directory.
pub fn man(args: ManArgs, cmd: clap::Command) -> Result<ExitCode, CliError> {
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|e| CliError(format!("cannot create `{}`: {e}", dir.display())))?;
        clap_mangen::generate_to(cmd, dir)
            .map_err(|e| CliError(format!("cannot write the man pages into `{}`: {e}", dir.display())))?;
        return Ok(ExitCode::SUCCESS);
    }
    let out = Destination::new(args.output.output.as_deref(), &[])?;
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page).map_err(|e| CliError(format!("cannot render the man page: {e}")))?;
    out.write_with(|w| w.write_all(&page))?;
    Ok(ExitCode::SUCCESS)
}
