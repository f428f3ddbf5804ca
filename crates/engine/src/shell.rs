//! The embedding API: build a [`Shell`] over a filesystem, run scripts, get their output.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use vbash_syntax::{ParseOptions, Parser};
use vbash_vfs::{FileSystem, VfsPath};

use crate::command::Command;
use crate::exec::{Context, Flow, Interp, Stdio};
use crate::io::{Input, Output};
use crate::limits::Limits;
use crate::state::ShellState;

/// A configured shell. Each [`Shell::exec`] runs in a fresh shell over the shared filesystem,
/// as agent frameworks expect: variables, functions, options and the working directory start
/// over; files persist.
///
/// ```
/// use std::sync::Arc;
/// use vbash_engine::Shell;
/// use vbash_vfs::MemFs;
///
/// let shell = Shell::builder(Arc::new(MemFs::new())).build();
/// let r = futures::executor::block_on(shell.exec(b"x=world; echo \"hello $x\"; false"));
/// assert_eq!(r.stdout, b"hello world\n");
/// assert_eq!(r.exit_code, 1);
/// ```
#[derive(Clone)]
pub struct Shell {
    fs: Arc<dyn FileSystem>,
    commands: HashMap<Vec<u8>, Arc<dyn Command>>,
    limits: Limits,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: VfsPath,
    arg0: Vec<u8>,
    clock: Arc<dyn crate::clock::Clock>,
}

/// Builds a [`Shell`].
pub struct ShellBuilder {
    shell: Shell,
}

/// What one execution produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    /// Everything written to standard output.
    pub stdout: Vec<u8>,
    /// Everything written to standard error.
    pub stderr: Vec<u8>,
    /// The exit status: the last command's, or `exit`'s argument.
    pub exit_code: i32,
}

/// Options of one execution.
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    /// Standard input, when it is known in advance.
    pub stdin: Vec<u8>,
    /// Standard input as a stream (a pipe fed while the script runs); takes the place of
    /// `stdin` when given.
    pub stdin_stream: Option<Input>,
    /// Variables added to (or replacing) the shell's environment for this run.
    pub env: Vec<(Vec<u8>, Vec<u8>)>,
    /// The working directory for this run (absolute, or relative to the shell's).
    pub cwd: Option<Vec<u8>>,
    /// `$0` for this run: the script file's name or `-c`'s name operand.
    pub script_name: Option<Vec<u8>>,
    /// The positional parameters `$1 …`.
    pub args: Vec<Vec<u8>>,
    /// `set -o` options (`errexit`, `pipefail`, …) and `shopt` options (`extglob`, …) to turn
    /// on (`true`) or off before the script runs. Unknown names are ignored; the caller
    /// validates them.
    pub options: Vec<(Vec<u8>, bool)>,
    /// Stop after this many milliseconds: the result then has exit code 124, the output
    /// produced so far, and a `timed out` message on stderr. Needs a clock that moves.
    pub timeout_ms: Option<u64>,
    /// Set to `true` (from anywhere) to stop the execution: exit code 130, output kept.
    pub cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
    /// Where standard output goes as it is produced (e.g. [`Output::stream`]); when given, the
    /// result's `stdout` stays empty.
    pub stdout_stream: Option<Output>,
    /// The same for standard error.
    pub stderr_stream: Option<Output>,
}

impl ShellBuilder {
    /// The working directory (default `/home/user`).
    pub fn cwd(mut self, cwd: &str) -> ShellBuilder {
        self.shell.cwd = VfsPath::new(cwd).unwrap_or_else(VfsPath::root);
        self
    }

    /// Sets an environment variable (exported to commands).
    pub fn env(mut self, name: &str, value: &str) -> ShellBuilder {
        self.shell.env.retain(|(n, _)| n != name.as_bytes());
        self.shell
            .env
            .push((name.as_bytes().to_vec(), value.as_bytes().to_vec()));
        self
    }

    /// Resource limits.
    pub fn limits(mut self, limits: Limits) -> ShellBuilder {
        self.shell.limits = limits;
        self
    }

    /// Registers a command (grep, sed, …) under `name`.
    pub fn command(mut self, name: &str, command: Arc<dyn Command>) -> ShellBuilder {
        self.shell
            .commands
            .insert(name.as_bytes().to_vec(), command);
        self
    }

    /// The clock (default: the host's; on wasm a fixed one, so timeouts need an embedder's).
    pub fn clock(mut self, clock: Arc<dyn crate::clock::Clock>) -> ShellBuilder {
        self.shell.clock = clock;
        self
    }

    /// `$0` and the name in messages (default `bash`).
    pub fn arg0(mut self, name: &str) -> ShellBuilder {
        self.shell.arg0 = name.as_bytes().to_vec();
        self
    }

    /// The shell.
    pub fn build(self) -> Shell {
        self.shell
    }
}

impl Shell {
    /// A builder over `fs`, with just-bash's defaults: cwd `/home/user`,
    /// `HOME=/home/user PATH=/usr/bin:/bin HOSTNAME=localhost OSTYPE=linux-gnu`.
    pub fn builder(fs: Arc<dyn FileSystem>) -> ShellBuilder {
        let env = [
            ("HOME", "/home/user"),
            ("PATH", "/usr/bin:/bin"),
            ("HOSTNAME", "localhost"),
            ("OSTYPE", "linux-gnu"),
        ];
        ShellBuilder {
            shell: Shell {
                fs,
                commands: HashMap::new(),
                limits: Limits::default(),
                env: env
                    .iter()
                    .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
                    .collect(),
                cwd: VfsPath::new("/home/user").expect("absolute"),
                arg0: b"bash".to_vec(),
                clock: crate::clock::default_clock(),
            },
        }
    }

    /// Runs `script` in a fresh shell with default options.
    pub async fn exec(&self, script: &[u8]) -> ExecResult {
        self.exec_with(script, ExecOptions::default()).await
    }

    /// Runs `script` in a fresh shell.
    pub async fn exec_with(&self, script: &[u8], options: ExecOptions) -> ExecResult {
        let interp = self.new_interp(&options);
        self.run(interp, script, options, true).await.0
    }

    /// A session: a shell whose variables, functions, options and working directory carry
    /// over from one [`Session::exec`] to the next (agent frameworks default to fresh shells;
    /// this is the opt-in).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let shell = vbash_engine::Shell::builder(Arc::new(vbash_vfs::MemFs::new())).build();
    /// let mut session = shell.session();
    /// futures::executor::block_on(async {
    ///     session.exec(b"x=42; f() { echo \"f $1\"; }").await;
    ///     assert_eq!(session.exec(b"f $x").await.stdout, b"f 42\n");
    /// });
    /// ```
    pub fn session(&self) -> Session {
        Session {
            state: Some(self.new_interp(&ExecOptions::default()).state),
            shell: self.clone(),
        }
    }

    /// Runs `script` on `interp`'s state with the streams `options` gives; returns the result
    /// and the state as the script left it.
    async fn run(
        &self,
        mut interp: Interp,
        script: &[u8],
        options: ExecOptions,
        exit_trap: bool,
    ) -> (ExecResult, ShellState) {
        let (buffered_out, out) = Output::buffer(self.limits.max_output_bytes);
        let (buffered_err, err) = Output::buffer(self.limits.max_output_bytes);
        let stdout = options.stdout_stream.clone().unwrap_or(buffered_out);
        let stderr = options.stderr_stream.clone().unwrap_or(buffered_err);
        let stdin = match options.stdin_stream {
            Some(stream) => stream,
            None => Input::from_bytes(options.stdin),
        };
        interp.io = Stdio {
            stdin,
            stdout,
            stderr,
            extra: Vec::new(),
        };
        let name = options.script_name.as_deref();
        let exit_code = if exit_trap {
            run_script(&mut interp, script, name).await
        } else {
            run_commands(&mut interp, script, name).await
        };
        let mut state = interp.state;
        state.last_status = exit_code;
        let result = ExecResult {
            stdout: out.take(),
            stderr: err.take(),
            exit_code,
        };
        (result, state)
    }

    fn new_interp(&self, options: &ExecOptions) -> Interp {
        let start_ms = self.clock.monotonic_ms();
        let cwd = match &options.cwd {
            Some(dir) => self.cwd.resolve(dir),
            None => self.cwd.clone(),
        };
        let mut state = ShellState::new(cwd);
        state.arg0 = self.arg0.clone();
        // Unseeded `$RANDOM` differs between runs, as in bash.
        state.random_seed = (self.clock.epoch_us() as u32) ^ 0x5eed_1234;
        state.positional = Arc::new(options.args.clone());
        for (name, on) in &options.options {
            if !state.options.set_by_name(name, *on) {
                state.shopt.set_by_name(name, *on);
            }
        }
        {
            let vars = state.vars_mut();
            for (k, v) in self.env.iter().chain(&options.env) {
                let _ = vars.set(k, v.clone());
                vars.set_attrs(k, |a| a.export = true);
            }
        }
        Interp {
            state,
            io: Stdio {
                stdin: Input::empty(),
                stdout: Output::null(),
                stderr: Output::null(),
                extra: Vec::new(),
            },
            ctx: Arc::new(Context {
                fs: self.fs.clone(),
                commands: self.commands.clone(),
                limits: self.limits.clone(),
                commands_run: AtomicU64::new(0),
                loop_turns: AtomicU64::new(0),
                clock: self.clock.clone(),
                start_ms,
                deadline_ms: options.timeout_ms.map(|t| start_ms.saturating_add(t)),
                cancel: options.cancel.clone().unwrap_or_default(),
            }),
        }
    }
}

/// Runs a script, then its `EXIT` trap; returns its exit status.
async fn run_script(interp: &mut Interp, script: &[u8], name: Option<&[u8]>) -> i32 {
    let status = run_commands(interp, script, name).await;
    interp.state.last_status = status;
    match interp.run_trap(b"EXIT").await {
        Err(Flow::Exit(s)) => s,
        _ => status,
    }
}

/// Parses and runs a script one complete command at a time; returns its exit status.
async fn run_commands(interp: &mut Interp, script: &[u8], name: Option<&[u8]>) -> i32 {
    if let Some(name) = name {
        interp.state.arg0 = name.to_vec();
        interp.state.script_is_file = true;
    }
    let mut parser = Parser::new(script, ParseOptions::default());
    loop {
        // `shopt -s extglob` or an `alias` on one line changes how the next is read, as in
        // bash.
        parser.set_extglob(interp.state.shopt.extglob);
        parser.set_aliases(if interp.state.shopt.expand_aliases {
            Some(Arc::new(interp.state.extra.aliases.clone()))
        } else {
            None
        });
        let next = parser.next_command();
        for w in parser.take_warnings() {
            let msg = format!("warning: {}", w.message);
            interp.state.line = w.line;
            let _ = interp.error(msg.as_bytes()).await;
        }
        let list = match next {
            Ok(Some(list)) => list,
            Ok(None) => return interp.state.last_status,
            Err(e) => {
                let prefix = match name {
                    Some(n) => format!("{}: line {}: ", String::from_utf8_lossy(n), e.line),
                    None => format!(
                        "{}: -c: line {}: ",
                        String::from_utf8_lossy(&interp.state.arg0),
                        e.line
                    ),
                };
                let _ = interp.io.stderr.write(e.render(&prefix).as_bytes()).await;
                return 2;
            }
        };
        let r = interp.run_list(&list).await;
        interp.flush_files().await;
        match r {
            Ok(_) => {}
            Err(Flow::Exit(status)) => return status,
            Err(Flow::Abort(status)) => interp.state.last_status = status,
            Err(Flow::Return(_) | Flow::Break(_) | Flow::Continue(_)) => {}
            Err(Flow::BrokenPipe) => return 141,
            Err(Flow::Limit(msg)) => {
                let _ = interp.error(msg.as_bytes()).await;
                return 126;
            }
            Err(Flow::Timeout) => {
                let ms = interp.ctx.deadline_ms.unwrap_or(0) - interp.ctx.start_ms;
                let msg = format!("execution timed out after {ms} ms");
                let _ = interp.error(msg.as_bytes()).await;
                return 124;
            }
            Err(Flow::Cancelled) => return 130,
        }
    }
}

/// A shell that keeps its state between executions; see [`Shell::session`].
pub struct Session {
    shell: Shell,
    /// `None` only while an execution runs.
    state: Option<ShellState>,
}

impl Session {
    /// Runs `script` in this session.
    pub async fn exec(&mut self, script: &[u8]) -> ExecResult {
        self.exec_with(script, ExecOptions::default()).await
    }

    /// Runs `script` in this session with `options` (`cwd` changes the session's directory;
    /// `env` adds exported variables; `args` replace the positional parameters if given).
    /// `exit` ends the execution, not the session; an `EXIT` trap waits for the session's end.
    pub async fn exec_with(&mut self, script: &[u8], options: ExecOptions) -> ExecResult {
        let mut state = self.state.take().expect("one execution at a time");
        if let Some(dir) = &options.cwd {
            state.cwd = state.cwd.resolve(dir);
            let pwd = state.cwd.as_bytes().to_vec();
            let _ = state.vars_mut().set(b"PWD", pwd);
        }
        for (k, v) in &options.env {
            let vars = state.vars_mut();
            let _ = vars.set(k, v.clone());
            vars.set_attrs(k, |a| a.export = true);
        }
        if !options.args.is_empty() {
            state.positional = Arc::new(options.args.clone());
        }
        let mut interp = self.shell.new_interp(&options);
        interp.state = state;
        let (result, state) = self.shell.run(interp, script, options, false).await;
        self.state = Some(state);
        result
    }

    /// The session's working directory.
    pub fn cwd(&self) -> &VfsPath {
        &self.state.as_ref().expect("not running").cwd
    }
}
