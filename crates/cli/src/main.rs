//! `vbash`: bash's command line over the vbash engine.
//!
//! Today it parses: `vbash -n` checks a script's syntax with bash's messages and statuses, and
//! `vbash --dump-ast` prints its syntax tree as JSON. Running scripts arrives with the
//! interpreter. [`args`] reads the command line; [`mounts`] checks the `--mount`/`--overlay`
//! options and builds the filesystem (`--list-mounts` prints it); [`script`] loads, checks and
//! dumps the script.

mod args;
mod mounts;
mod script;

use std::io::Write;
use std::process::ExitCode;

use args::{Action, SHELL_NAME, USAGE};

/// The engine allocates many small, short-lived nodes (syntax trees, words); mimalloc serves
/// them markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let status = match args::parse(std::env::args_os().skip(1)) {
        Ok(Action::Help) => {
            print!("{}", args::help());
            0
        }
        Ok(Action::Version) => {
            println!("{SHELL_NAME} {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Ok(Action::Script(invocation)) => match mounts::build(&invocation.mounts) {
            Err(message) => {
                eprintln!("{SHELL_NAME}: {message}");
                2
            }
            Ok(table) if invocation.list_mounts => {
                // Not `print!`: a closed pipe (`| head`) is no reason to panic.
                let _ = std::io::stdout().write_all(table.listing().as_bytes());
                0
            }
            Ok(table) => script::run(&invocation, table.fs),
        },
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{SHELL_NAME}: {}", e.message);
            if e.show_usage {
                let _ = writeln!(
                    err,
                    "{USAGE}Try '{SHELL_NAME} --help' for more information."
                );
            }
            2
        }
    };
    ExitCode::from((status & 0xff) as u8)
}
