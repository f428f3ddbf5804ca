//! Running scripts as commands: `bash`/`sh` (`-c`, a file, standard input) and executable
//! files of the virtual filesystem (`./deploy.sh`, names found on `$PATH`).
//!
//! A script runs in a child shell, as a new bash process would: it inherits the exported
//! variables, the working directory and the standard streams, and nothing else.

use std::sync::Arc;

use vbash_syntax::{ParseOptions, Parser};
use vbash_vfs::{ErrorKind, VfsPath};

use super::{Flow, Interp, Status};
use crate::state::ShellState;

impl Interp {
    /// `bash [-eux] [-o opt] [-c STRING [name args…] | FILE args… | -s args…]`.
    pub(crate) async fn run_bash_command(&mut self, argv: &[Vec<u8>]) -> Status {
        let mut options: Vec<(Vec<u8>, bool)> = Vec::new();
        let mut command: Option<Vec<u8>> = None;
        let mut i = 1;
        while let Some(arg) = argv.get(i) {
            match arg.as_slice() {
                b"-c" => {
                    let Some(text) = argv.get(i + 1) else {
                        let mut msg = argv[0].clone();
                        msg.extend_from_slice(b": -c: option requires an argument");
                        self.error_plain(&msg).await?;
                        return Ok(2);
                    };
                    command = Some(text.clone());
                    i += 2;
                    break;
                }
                b"-s" | b"--" => {
                    i += 1;
                    break;
                }
                b"-o" | b"+o" => {
                    if let Some(name) = argv.get(i + 1) {
                        options.push((name.clone(), arg[0] == b'-'));
                    }
                    i += 2;
                }
                a if a.len() > 1 && (a[0] == b'-' || a[0] == b'+') => {
                    for &c in &a[1..] {
                        let name: &[u8] = match c {
                            b'e' => b"errexit",
                            b'u' => b"nounset",
                            b'x' => b"xtrace",
                            b'f' => b"noglob",
                            b'C' => b"noclobber",
                            _ => {
                                let msg = format!(
                                    "{}: -{}: invalid option",
                                    String::from_utf8_lossy(&argv[0]),
                                    c as char
                                );
                                self.error_plain(msg.as_bytes()).await?;
                                return Ok(2);
                            }
                        };
                        options.push((name.to_vec(), a[0] == b'-'));
                    }
                    i += 1;
                }
                _ => break,
            }
        }
        let rest = &argv[i.min(argv.len())..];
        if let Some(text) = command {
            let (arg0, args) = match rest.split_first() {
                Some((name, args)) => (name.clone(), args.to_vec()),
                None => (argv[0].clone(), Vec::new()),
            };
            return self.run_child(&text, arg0, args, &options, false).await;
        }
        match rest.split_first() {
            Some((file, args)) => {
                let text = match self.read_script(file).await {
                    Ok(text) => text,
                    Err(status) => return Ok(status),
                };
                self.run_child(&text, file.clone(), args.to_vec(), &options, true)
                    .await
            }
            None => {
                // The script is the rest of standard input.
                let text = self
                    .io
                    .stdin
                    .read_to_end(self.ctx.limits.max_string_bytes)
                    .await
                    .map_err(super::write_flow)?;
                self.run_child(&text, argv[0].clone(), Vec::new(), &options, false)
                    .await
            }
        }
    }

    /// Runs an executable file of the filesystem (`./x.sh`, or found on `$PATH`) as a script;
    /// `None` when `name` has no `/` and no `$PATH` directory holds it.
    pub(crate) async fn run_file_command(&mut self, argv: &[Vec<u8>]) -> Result<Option<i32>, Flow> {
        let name = &argv[0];
        let path = if name.contains(&b'/') {
            self.state.cwd.resolve(name)
        } else {
            match self.find_on_path(name).await {
                Some(p) => p,
                None => return Ok(None),
            }
        };
        let meta = match self.ctx.fs.metadata(&path).await {
            Ok(m) => m,
            Err(e) => {
                let text = match e.kind {
                    ErrorKind::NotFound => "No such file or directory",
                    ErrorKind::NotADirectory => "Not a directory",
                    _ => e.kind.strerror(),
                };
                let mut msg = name.clone();
                msg.extend_from_slice(b": ");
                msg.extend_from_slice(text.as_bytes());
                self.error(&msg).await?;
                return Ok(Some(127));
            }
        };
        if meta.is_dir() {
            let mut msg = name.clone();
            msg.extend_from_slice(b": Is a directory");
            self.error(&msg).await?;
            return Ok(Some(126));
        }
        if meta.mode & 0o111 == 0 {
            let mut msg = name.clone();
            msg.extend_from_slice(b": Permission denied");
            self.error(&msg).await?;
            return Ok(Some(126));
        }
        let text = match self.ctx.fs.read(&path).await {
            Ok(t) => t.to_vec(),
            Err(e) => {
                let msg = e.coreutils(&String::from_utf8_lossy(name));
                self.error(msg.as_bytes()).await?;
                return Ok(Some(126));
            }
        };
        // Only shell scripts can run here: a `#!` line naming another interpreter cannot.
        if let Some(line) = text.strip_prefix(b"#!") {
            let line = line.split(|&c| c == b'\n').next().unwrap_or_default();
            let shell = [&b"sh"[..], b"bash", b"dash"].iter().any(|s| {
                line.split(|&c| c == b'/' || c == b' ')
                    .any(|w| w.trim_ascii() == *s)
            });
            if !shell {
                let mut msg = name.clone();
                msg.extend_from_slice(b": cannot execute: required file not found");
                self.error(&msg).await?;
                return Ok(Some(127));
            }
        }
        let status = self
            .run_child(&text, name.clone(), argv[1..].to_vec(), &[], true)
            .await?;
        Ok(Some(status))
    }

    /// The first executable regular file named `name` in a `$PATH` directory.
    async fn find_on_path(&self, name: &[u8]) -> Option<VfsPath> {
        let path_var = self.state.scalar(b"PATH")?.to_vec();
        for dir in path_var.split(|&c| c == b':') {
            let dir = if dir.is_empty() { b"." } else { dir };
            let candidate = self.state.cwd.resolve(dir).join(name);
            if let Ok(m) = self.ctx.fs.metadata(&candidate).await {
                if m.is_file() && m.mode & 0o111 != 0 {
                    return Some(candidate);
                }
            }
        }
        None
    }

    /// Reads a script file for `bash FILE`, with bash's messages when it cannot.
    async fn read_script(&mut self, file: &[u8]) -> Result<Vec<u8>, i32> {
        let path = self.state.cwd.resolve(file);
        match self.ctx.fs.read(&path).await {
            Ok(t) => Ok(t.to_vec()),
            Err(e) => {
                let msg = e.coreutils(&String::from_utf8_lossy(file));
                let _ = self.error_plain(msg.as_bytes()).await;
                Err(if e.kind == ErrorKind::IsADirectory {
                    126
                } else {
                    127
                })
            }
        }
    }

    /// Runs `text` in a child shell: exported variables, cwd and streams inherited; `$0`,
    /// positional parameters and options its own. Returns the child's exit status.
    async fn run_child(
        &mut self,
        text: &[u8],
        arg0: Vec<u8>,
        args: Vec<Vec<u8>>,
        options: &[(Vec<u8>, bool)],
        is_file: bool,
    ) -> Status {
        let mut state = ShellState::new(self.state.cwd.clone());
        {
            let vars = state.vars_mut();
            for (k, v) in self.state.vars.exported() {
                let _ = vars.set(&k, v);
                vars.set_attrs(&k, |a| a.export = true);
            }
        }
        state.arg0 = arg0;
        state.positional = Arc::new(args);
        state.script_is_file = is_file;
        state.random_seed = self.state.random_seed ^ 0x9e37_79b9;
        for (name, on) in options {
            state.options.set_by_name(name, *on);
        }
        let mut child = Interp {
            state,
            io: self.io.clone(),
            ctx: self.ctx.clone(),
        };
        let status = super::GrowStack(Box::pin(run_text(&mut child, text))).await?;
        child.state.last_status = status;
        match child.run_trap(b"EXIT").await {
            Err(Flow::Exit(s)) => Ok(s),
            Err(e) => Err(e),
            Ok(()) => Ok(status),
        }
    }

    /// An error line with the shell's name but no line number (`bash: x.sh: No such file`).
    pub(crate) async fn error_plain(&self, message: &[u8]) -> Result<(), Flow> {
        let mut line = self.state.arg0.clone();
        line.extend_from_slice(b": ");
        line.extend_from_slice(message);
        line.push(b'\n');
        let _ = self.io.stderr.write(&line).await;
        Ok(())
    }
}

/// Parses and runs a child shell's script one complete command at a time.
async fn run_text(child: &mut Interp, text: &[u8]) -> Status {
    let mut parser = Parser::new(text, ParseOptions::default());
    loop {
        parser.set_extglob(child.state.shopt.extglob);
        let list = match parser.next_command() {
            Ok(Some(list)) => list,
            Ok(None) => return Ok(child.state.last_status),
            Err(e) => {
                child.state.line = e.line;
                let prefix = if child.state.script_is_file {
                    format!(
                        "{}: line {}: ",
                        String::from_utf8_lossy(&child.state.arg0),
                        e.line
                    )
                } else {
                    format!(
                        "{}: -c: line {}: ",
                        String::from_utf8_lossy(&child.state.arg0),
                        e.line
                    )
                };
                let _ = child.io.stderr.write(e.render(&prefix).as_bytes()).await;
                return Ok(2);
            }
        };
        let r = child.run_list(&list).await;
        child.flush_files().await;
        match r {
            Ok(_) => {}
            Err(Flow::Exit(s)) => return Ok(s),
            Err(Flow::Abort(s)) => child.state.last_status = s,
            Err(Flow::Return(_) | Flow::Break(_) | Flow::Continue(_)) => {}
            Err(e) => return Err(e),
        }
    }
}
