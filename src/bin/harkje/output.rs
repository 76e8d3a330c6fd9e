//! Where every command's output goes, and how it gets there.
//!
//! One convention for all commands:
//!
//! - `-o FILE` writes to a temporary file beside `FILE` and renames it into place only when
//!   everything was written, so an interrupted run (Ctrl-C, a full disk) never leaves a
//!   partial or empty file where a complete one was. (A run killed by a signal cannot clean
//!   up: its `.NAME.harkje-PID-N.tmp` stays beside the file, which is untouched.)
//!   `-o -`, or no `-o`, means standard output.
//! - An output path that is also one of the command's inputs is refused before any work
//!   is done (paths are compared after resolving links and `..`; on Unix also as the same
//!   file under another name).
//! - A reader that went away (a closed pipe, as with `| head`) is no error and no message:
//!   it has all it wants. Any other write error, such as a full disk, is an error (exit 2).
//! - Messages on standard error are written without panicking when standard error is
//!   closed (`2>&1 | head -1`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::input::CliError;

/// The output format of the commands whose output is a report: readable text or JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    #[default]
    Text,
    /// The versioned JSON contract (see the README).
    Json,
}

/// The `-o/--output` argument, the same on every command.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArg {
    /// Write to this file instead of standard output (`-`: standard output). The file is
    /// replaced only once the whole output is written.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Where a command writes: standard output or a file.
#[derive(Debug, Clone)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, replaced as a whole.
    File(PathBuf),
}

impl Destination {
    /// A second output of a command beside its main one (`--per-post`,
    /// `--write-baseline`), named by `flag`: refused when it would share
    /// standard output or a file with `main` (which holds `what`), or
    /// overwrite an input.
    pub fn beside(
        path: &Path,
        flag: &str,
        (main, what): (&Destination, &str),
        inputs: &[&Path],
    ) -> Result<Destination, CliError> {
        let dest = Destination::new(Some(path), inputs)?;
        if dest.is_stdout() && main.is_stdout() {
            return Err(CliError(format!("{flag} `-` needs -o for {what}: both would go to standard output")));
        }
        if dest.is_same_file_as(main) {
            return Err(CliError(format!("{flag} and -o both name `{}`; give two files", path.display())));
        }
        Ok(dest)
    }

    /// The destination `-o` names, refused when it is one of `inputs`.
    /// `None` and `-` are standard output.
    pub fn new(output: Option<&Path>, inputs: &[&Path]) -> Result<Self, CliError> {
        match output {
            None => Ok(Destination::Stdout),
            Some(p) if p == Path::new("-") => Ok(Destination::Stdout),
            Some(p) => {
                refuse_overwriting_an_input(p, inputs)?;
                Ok(Destination::File(p.to_owned()))
            }
        }
    }

    /// Writes `text` to the destination.
    pub fn write(&self, text: &str) -> Result<(), CliError> {
        self.write_with(|w| w.write_all(text.as_bytes()))
    }

    /// Writes what `fill` writes to the destination, buffered.
    pub fn write_with(&self, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
        match self {
            Destination::Stdout => write_stdout_with(fill),
            Destination::File(path) => write_file(path, fill),
        }
    }

    /// Whether both are the same file (standard output is no file).
    pub fn is_same_file_as(&self, other: &Destination) -> bool {
        match (self, other) {
            (Destination::File(a), Destination::File(b)) => {
                resolve(a).is_some_and(|x| resolve(b).as_ref() == Some(&x)) || same_file(a, b)
            }
            _ => false,
        }
    }

    /// Whether this is standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self, Destination::Stdout)
    }
}

/// Writes to standard output; a closed pipe is quiet, any other error is an error.
fn write_stdout_with(fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = fill(&mut out).and_then(|()| out.flush());
    // A failed flush leaves bytes in the buffer; drop them rather than retry on drop.
    let (_, _) = out.into_parts();
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError(format!("cannot write to standard output: {e}"))),
    }
}

/// Refuses an output path that names one of the inputs.
fn refuse_overwriting_an_input(output: &Path, inputs: &[&Path]) -> Result<(), CliError> {
    let out = resolve(output);
    for input in inputs {
        if *input == Path::new("-") {
            continue;
        }
        if out.as_deref().is_some_and(|o| resolve(input).as_deref() == Some(o)) || same_file(output, input) {
            return Err(CliError(format!(
                "the output `{}` is also an input (`{}`); write to another file",
                output.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// The canonical form of a path that may not exist yet: its directory canonicalised, then its name.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::canonicalize(dir).ok().map(|d| d.join(name))
}

/// Whether two existing paths are the same file (hard links included).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Writes a file as a whole: into a temporary file beside it, then renamed over it.
///
/// A path that exists and is not a regular file (`/dev/null`, a named pipe) is written
/// directly, as there is nothing to keep. A symbolic link is followed, so the file it
/// points to is replaced and the link stays.
fn write_file(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let fail = |e: io::Error| CliError(format!("cannot write `{}`: {e}", path.display()));
    let existing = fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let file = OpenOptions::new().write(true).open(path).map_err(fail)?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        return fill(&mut w).and_then(|()| w.flush()).map_err(fail);
    }
    let target = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::canonicalize(path).map_err(fail)?
    } else {
        path.to_owned()
    };
    let (temp_path, file) = create_temp_beside(&target).map_err(fail)?;
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Some(m) = &existing {
            // Keep the permissions of the file being replaced.
            file.set_permissions(m.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&temp_path, &target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp_path);
        return Err(fail(e));
    }
    Ok(())
}

/// Creates a new file `.NAME.harkje-PID-N.tmp` in the directory of `target`.
fn create_temp_beside(target: &Path) -> io::Result<(PathBuf, File)> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let temp = dir.join(format!(".{name}.harkje-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(f) => return Ok((temp, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Writes a message to standard error. A closed or full standard error is ignored:
/// the message cannot be shown, and the exit code still tells what happened.
pub fn to_stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}
