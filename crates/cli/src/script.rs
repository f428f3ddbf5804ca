//! Loading the script, then checking it (`-n`), dumping it (`--dump-ast`) or, later, running it.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read, Write};

use vbash_syntax::{ParseError, ParseErrorKind, ParseOptions};

use crate::args::{Invocation, Mode, Source, SHELL_NAME};

/// Reads, parses and handles the script; returns the exit status.
pub fn run(inv: &Invocation, fs: std::sync::Arc<dyn vbash_vfs::FileSystem>) -> i32 {
    let src = match load(&inv.source) {
        Ok(src) => src,
        Err(status) => return status,
    };
    let dollar0 = match &inv.name {
        Some(name) => lossy(name),
        None => SHELL_NAME.to_owned(),
    };
    let options = ParseOptions {
        extglob: inv.shopt_option("extglob"),
        ..ParseOptions::default()
    };
    // Parse one complete command at a time, as bash does: warnings come out in order, and a
    // check (`-n`) holds one command's tree in memory, not the whole script's.
    let mut parser = vbash_syntax::Parser::new(&src, options);
    let mut program = vbash_syntax::ast::Program::default();
    let keep = inv.mode == Mode::DumpAst;
    let parsed = loop {
        let next = parser.next_command();
        for w in parser.take_warnings() {
            // Bash names the line only for script files.
            let prefix = match inv.source {
                Source::File(_) => error_prefix(&dollar0, &inv.source, w.line),
                Source::Command(_) | Source::Stdin => format!("{dollar0}: "),
            };
            let _ = writeln!(io::stderr(), "{prefix}warning: {}", w.message);
        }
        match next {
            Ok(Some(list)) if keep => program.commands.push(list),
            Ok(Some(_)) => {}
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    if inv.set_option("verbose") {
        echo_lines(&src, parsed.as_ref().err());
    }
    if let Err(err) = parsed {
        let prefix = error_prefix(&dollar0, &inv.source, err.line);
        let _ = io::stderr().write_all(err.render(&prefix).as_bytes());
        return err.bash_n_status();
    }
    match inv.mode {
        Mode::Check => 0,
        Mode::DumpAst => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let written = serde_json::to_writer_pretty(&mut out, &program)
                .map_err(io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush());
            match written {
                Ok(()) => 0,
                Err(e) => write_failed(&e),
            }
        }
        Mode::Run => execute(inv, fs, &src, &dollar0),
    }
}

/// Runs the script with the interpreter over `fs`; prints its output; returns its status.
fn execute(
    inv: &Invocation,
    fs: std::sync::Arc<dyn vbash_vfs::FileSystem>,
    src: &[u8],
    dollar0: &str,
) -> i32 {
    let shell = vbash_engine::Shell::builder(fs).arg0(dollar0).build();
    let options = inv
        .set_options
        .iter()
        .chain(&inv.shopt_options)
        .map(|(name, on)| (name.as_bytes().to_vec(), *on))
        .collect();
    let exec_options = vbash_engine::ExecOptions {
        stdin_stream: match inv.source {
            // The script came from stdin; its commands get what is left: nothing.
            Source::Stdin => None,
            _ => Some(stdin_stream()),
        },
        script_name: match &inv.source {
            Source::File(path) => Some(os_bytes(path)),
            _ => None,
        },
        args: inv.args.iter().map(os_bytes).collect(),
        options,
        // Output reaches the terminal as it is produced; a closed stdout is a broken pipe.
        stdout_stream: Some(vbash_engine::io::Output::stream(|data| {
            io::stdout().write_all(data).map_err(|_| ())
        })),
        stderr_stream: Some(vbash_engine::io::Output::stream(|data| {
            io::stderr().write_all(data).map_err(|_| ())
        })),
        ..Default::default()
    };
    let result = futures::executor::block_on(shell.exec_with(src, exec_options));
    let _ = io::stdout().flush();
    result.exit_code
}

/// The process's standard input as an engine stream, read by a thread only as fast as the
/// script consumes it (so `vbash -c 'echo hi'` never waits for a terminal's input).
fn stdin_stream() -> vbash_engine::io::Input {
    let (out, input) = vbash_engine::io::pipe();
    std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => break,
                // A failed write means the script is done with its input.
                Ok(n) => {
                    if futures::executor::block_on(out.write(&buf[..n])).is_err() {
                        break;
                    }
                }
            }
        }
    });
    input
}

/// The script's bytes, or the status to exit with after bash's message.
fn load(source: &Source) -> Result<Vec<u8>, i32> {
    match source {
        Source::Command(text) => Ok(os_bytes(text)),
        Source::Stdin => {
            let mut src = Vec::new();
            match io::stdin().lock().read_to_end(&mut src) {
                Ok(_) => Ok(src),
                Err(e) => {
                    eprintln!("{SHELL_NAME}: stdin: {}", strerror(&e));
                    Err(2)
                }
            }
        }
        Source::File(path) => load_file(path),
    }
}

fn load_file(path: &OsStr) -> Result<Vec<u8>, i32> {
    let name = lossy(path);
    // Bash names itself when the file cannot be opened, and the script ($0 is set by then)
    // when it can but is no script.
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("{SHELL_NAME}: {name}: {}", strerror(&e));
            return Err(if e.kind() == io::ErrorKind::NotFound {
                127
            } else {
                126
            });
        }
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        eprintln!("{name}: {name}: Is a directory");
        return Err(126);
    }
    let mut src = Vec::new();
    if let Err(e) = file.read_to_end(&mut src) {
        eprintln!("{name}: {name}: {}", strerror(&e));
        return Err(126);
    }
    if is_binary(&src) {
        eprintln!("{name}: {name}: cannot execute binary file");
        return Err(126);
    }
    Ok(src)
}

/// Bash's `check_binary_file`: an ELF header, or a NUL in the first line (the first two after
/// `#!`) of the first 80 bytes.
fn is_binary(src: &[u8]) -> bool {
    let sample = &src[..src.len().min(80)];
    if sample.starts_with(b"\x7fELF") {
        return true;
    }
    let mut lines = if sample.starts_with(b"#!") { 2 } else { 1 };
    for &c in sample {
        if c == b'\n' {
            lines -= 1;
            if lines == 0 {
                return false;
            }
        }
        if c == 0 {
            return true;
        }
    }
    false
}

/// The start of bash's parser messages: `NAME: line N: ` when the input is named like the shell
/// (a script file, stdin), `NAME: INPUT: line N: ` otherwise (`vbash: -c: line 1: `).
fn error_prefix(dollar0: &str, source: &Source, line: u32) -> String {
    let input = match source {
        Source::Command(_) => "-c".to_owned(),
        Source::File(path) => lossy(path),
        Source::Stdin => dollar0.to_owned(),
    };
    if input == dollar0 {
        format!("{dollar0}: line {line}: ")
    } else {
        format!("{dollar0}: {input}: line {line}: ")
    }
}

/// `-v`: the lines bash has read when it stops, i.e. up to the error's line, or all of them when
/// the script parsed or ran off its end.
fn echo_lines(src: &[u8], err: Option<&ParseError>) {
    let upto = match err {
        Some(e)
            if matches!(
                e.kind,
                ParseErrorKind::UnexpectedToken(_) | ParseErrorKind::Conditional(_)
            ) =>
        {
            e.line as usize
        }
        _ => usize::MAX,
    };
    let mut out = Vec::new();
    for line in src.split_inclusive(|&b| b == b'\n').take(upto) {
        out.extend_from_slice(line);
    }
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let _ = io::stderr().write_all(&out);
}

fn write_failed(e: &io::Error) -> i32 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        // What a shell reports for a process killed by SIGPIPE.
        return 141;
    }
    eprintln!("{SHELL_NAME}: write error: {}", strerror(e));
    1
}

/// The C library's text for an I/O error, without Rust's ` (os error N)`.
fn strerror(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn lossy(s: &OsStr) -> String {
    s.to_string_lossy().into_owned()
}

#[cfg(unix)]
fn os_bytes(s: &OsString) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(s: &OsString) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_as_bash_sees_them() {
        assert!(is_binary(b"\x7fELF\x02\x01"));
        assert!(is_binary(b"echo a\0b\n"));
        assert!(!is_binary(b"echo a\nb\0\n"));
        assert!(is_binary(b"#!/bin/sh\nx\0\n"));
        assert!(!is_binary(b""));
    }

    #[test]
    fn prefixes() {
        let c = Source::Command("x".into());
        assert_eq!(error_prefix("vbash", &c, 1), "vbash: -c: line 1: ");
        assert_eq!(error_prefix("-c", &c, 2), "-c: line 2: ");
        let f = Source::File("t.sh".into());
        assert_eq!(error_prefix("t.sh", &f, 3), "t.sh: line 3: ");
        assert_eq!(error_prefix("vbash", &Source::Stdin, 1), "vbash: line 1: ");
    }

    #[test]
    fn strerror_drops_the_os_error_number() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), "No such file or directory");
    }
}
