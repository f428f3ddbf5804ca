//! The interpreter: runs lists, pipelines and commands over a [`ShellState`].
//!
//! Every method is `async` and runtime-agnostic. Recursive methods return boxed futures.
//! Pipeline stages run concurrently in the same task (joined, not spawned), connected by the
//! bounded pipes of [`crate::io`], each stage on its own copy of the state as bash's subshells
//! are.

mod compound;
mod cond;
mod redirect;
mod script;
mod simple;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use futures::future::{join_all, BoxFuture};
use vbash_syntax::ast::{AndOrOp, Command, List, Pipeline, Program};
use vbash_vfs::FileSystem;

use crate::command::Command as ExternalCommand;
use crate::io::{pipe, Input, Output, WriteError};
use crate::limits::Limits;
use crate::state::ShellState;

/// Why execution left the normal sequence of commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    /// `break N` (levels still to leave).
    Break(u32),
    /// `continue N`.
    Continue(u32),
    /// `return STATUS` from a function or sourced script.
    Return(i32),
    /// `exit STATUS`, or an error that ends the shell with STATUS (`${x:?}`, an unbound
    /// variable under `set -u`).
    Exit(i32),
    /// An error that abandons the rest of the current complete command (a bad substitution,
    /// an arithmetic error, assigning a read-only variable); the shell goes on with the next
    /// one, with this status.
    Abort(i32),
    /// A write to a closed pipe: the stage ends as if killed by SIGPIPE (status 141).
    BrokenPipe,
    /// A resource limit was exceeded; the message is printed and the shell stops.
    Limit(String),
    /// The execution's deadline passed (status 124, output so far kept).
    Timeout,
    /// The embedder cancelled the execution.
    Cancelled,
}

/// What every shell of one execution shares: the filesystem, commands, limits and counters.
pub struct Context {
    /// The filesystem scripts see.
    pub fs: Arc<dyn FileSystem>,
    /// Commands other than builtins, by name.
    pub commands: HashMap<Vec<u8>, Arc<dyn ExternalCommand>>,
    /// Resource limits.
    pub limits: Limits,
    /// Commands run so far (for [`Limits::max_commands`]).
    pub commands_run: AtomicU64,
    /// Loop turns so far (for [`Limits::max_loop_iterations`]).
    pub loop_turns: AtomicU64,
    /// The clock.
    pub clock: Arc<dyn crate::clock::Clock>,
    /// When the execution started, on the clock's monotonic scale.
    pub start_ms: u64,
    /// When it must stop, on the same scale.
    pub deadline_ms: Option<u64>,
    /// Set by the embedder to stop the execution.
    pub cancel: Arc<std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("fs", &self.fs)
            .field("commands", &self.commands.len())
            .field("limits", &self.limits)
            .field("deadline_ms", &self.deadline_ms)
            .finish()
    }
}

/// The three standard streams of a shell.
#[derive(Clone, Debug)]
pub struct Stdio {
    /// Standard input.
    pub stdin: Input,
    /// Standard output.
    pub stdout: Output,
    /// Standard error.
    pub stderr: Output,
    /// Descriptors 3 and up (`exec 3>file`, `{fd}<file`), by number.
    pub extra: Vec<(u32, Stream)>,
}

/// What a descriptor above 2 refers to.
#[derive(Clone, Debug)]
pub enum Stream {
    /// Open for reading.
    In(Input),
    /// Open for writing.
    Out(Output),
}

impl Stdio {
    /// Descriptor `fd` above 2, if open.
    pub fn extra_fd(&self, fd: u32) -> Option<&Stream> {
        self.extra.iter().find(|(n, _)| *n == fd).map(|(_, s)| s)
    }

    /// Opens (or replaces) descriptor `fd` above 2.
    pub fn set_extra(&mut self, fd: u32, stream: Stream) {
        self.extra.retain(|(n, _)| *n != fd);
        self.extra.push((fd, stream));
    }

    /// Every output descriptor, for flushing.
    pub fn outputs(&self) -> Vec<&Output> {
        let mut outs = vec![&self.stdout, &self.stderr];
        for (_, s) in &self.extra {
            if let Stream::Out(o) = s {
                outs.push(o);
            }
        }
        outs
    }
}

/// A shell: its state, its streams and the shared context.
#[derive(Clone, Debug)]
pub struct Interp {
    /// Variables, functions, options, cwd, statuses.
    pub state: ShellState,
    /// Standard streams.
    pub io: Stdio,
    /// What all shells of this execution share.
    pub ctx: Arc<Context>,
}

/// The result of running something: its exit status, or a change of flow.
pub type Status = Result<i32, Flow>;

impl Interp {
    /// Runs a whole program.
    pub fn run_program<'a>(&'a mut self, program: &'a Program) -> BoxFuture<'a, Status> {
        Box::pin(async move {
            let mut status = 0;
            for list in &program.commands {
                status = self.run_list(list).await?;
            }
            Ok(status)
        })
    }

    /// Runs a list: its and-or chains in order (background ones too, to completion, for now).
    ///
    /// Under `set -e` a chain whose final pipeline fails ends the shell, unless the chain runs
    /// where bash exempts it (a condition, the left of `&&`/`||`, a `!` pipeline).
    pub fn run_list<'a>(&'a mut self, list: &'a List) -> BoxFuture<'a, Status> {
        Box::pin(async move {
            let mut status = self.state.last_status;
            for item in &list.items {
                if item.background {
                    status = self.run_background(&item.and_or).await?;
                    continue;
                }
                let n = item.and_or.rest.len();
                status = self.run_exempt(n > 0, &item.and_or.first).await?;
                let mut last_ran = n == 0;
                for (i, (op, pipeline)) in item.and_or.rest.iter().enumerate() {
                    let run = match op {
                        AndOrOp::And => status == 0,
                        AndOrOp::Or => status != 0,
                    };
                    if run {
                        status = self.run_exempt(i + 1 < n, pipeline).await?;
                        last_ran = i + 1 == n;
                    }
                }
                let negated = match item.and_or.rest.last() {
                    Some((_, p)) => p.bang > 0,
                    None => item.and_or.first.bang > 0,
                };
                if status != 0 && last_ran && !negated && self.state.errexit_exempt == 0 {
                    // Without `set -E` the ERR trap is not inherited by functions.
                    if self.state.call_depth == 0 || self.state.options.errtrace {
                        self.run_trap(b"ERR").await?;
                    }
                    if self.state.options.errexit {
                        return Err(Flow::Exit(status));
                    }
                }
            }
            Ok(status)
        })
    }

    /// `cmd &`: runs the chain in a subshell, to completion for now (see `builtins/jobs.rs`),
    /// records its status for `wait` and its id for `$!`; the status of `&` itself is 0.
    async fn run_background(&mut self, and_or: &vbash_syntax::ast::AndOr) -> Status {
        let mut job = self.clone();
        job.state.in_subshell = true;
        let list = List {
            items: vec![vbash_syntax::ast::ListItem {
                and_or: and_or.clone(),
                background: false,
            }],
        };
        let status = match GrowStack(Box::pin(job.run_list(&list))).await {
            Ok(s) => s,
            Err(Flow::Exit(s) | Flow::Return(s) | Flow::Abort(s)) => s,
            Err(Flow::Break(_) | Flow::Continue(_)) => 0,
            Err(Flow::BrokenPipe) => 141,
            Err(e) => return Err(e),
        };
        drop(job);
        let pid = 1000 + self.state.jobs.len() as u32 + 1;
        self.state.jobs.push((pid, status));
        self.state.last_status = 0;
        Ok(0)
    }

    /// Runs a pipeline, exempt from `set -e` when `exempt` (or when it is negated).
    async fn run_exempt(&mut self, exempt: bool, pipeline: &Pipeline) -> Status {
        let exempt = exempt || pipeline.bang > 0;
        if exempt {
            self.state.errexit_exempt += 1;
        }
        let r = self.run_pipeline(pipeline).await;
        if exempt {
            self.state.errexit_exempt -= 1;
        }
        r
    }

    /// Runs a pipeline: one command in this shell, or several stages concurrently.
    pub fn run_pipeline<'a>(&'a mut self, pipeline: &'a Pipeline) -> BoxFuture<'a, Status> {
        Box::pin(async move {
            let statuses = if pipeline.commands.len() == 1 {
                vec![self.run_command(&pipeline.commands[0]).await?]
            } else {
                self.run_stages(pipeline).await?
            };
            let last = *statuses.last().unwrap_or(&0);
            let mut status = if self.state.options.pipefail {
                statuses
                    .iter()
                    .rev()
                    .copied()
                    .find(|&s| s != 0)
                    .unwrap_or(0)
            } else {
                last
            };
            if pipeline.bang % 2 == 1 {
                status = i32::from(status == 0);
            }
            self.state.pipestatus = statuses;
            self.state.last_status = status;
            Ok(status)
        })
    }

    /// Runs the stages of a multi-command pipeline concurrently, each on a copy of the state.
    async fn run_stages(&mut self, pipeline: &Pipeline) -> Result<Vec<i32>, Flow> {
        let n = pipeline.commands.len();
        // With `shopt -s lastpipe` the last stage runs in this shell, so its assignments stay.
        let lastpipe = self.state.shopt.lastpipe;
        let spawned = if lastpipe { n - 1 } else { n };
        let mut stages = Vec::with_capacity(n);
        let mut next_stdin = self.io.stdin.clone();
        for (i, command) in pipeline.commands.iter().enumerate().take(spawned) {
            let mut shell = self.clone();
            shell.state.in_subshell = true;
            shell.io.stdin = next_stdin.clone();
            if i + 1 < n {
                let (out, input) = pipe();
                shell.io.stdout = out.clone();
                if pipeline.pipe_stderr[i] {
                    shell.io.stderr = out;
                }
                next_stdin = input;
            }
            stages.push(async move {
                let status = match shell.run_command(command).await {
                    Ok(s) => s,
                    Err(Flow::Exit(s) | Flow::Return(s) | Flow::Abort(s)) => s,
                    Err(Flow::Break(_) | Flow::Continue(_)) => 0,
                    Err(Flow::BrokenPipe) => 141,
                    Err(e @ (Flow::Limit(_) | Flow::Timeout | Flow::Cancelled)) => return Err(e),
                };
                // Dropping the shell closes its ends of the pipes, so readers see the end.
                drop(shell);
                Ok(status)
            });
        }
        if !lastpipe {
            drop(next_stdin);
            return join_all(stages).await.into_iter().collect();
        }
        let saved_stdin = std::mem::replace(&mut self.io.stdin, next_stdin);
        let last = pipeline.commands.last().expect("a pipeline has stages");
        let (others, last_status) = futures::future::join(join_all(stages), async {
            let r = self.run_command(last).await;
            // Done reading: let writers see the pipe close.
            self.io.stdin = saved_stdin;
            r
        })
        .await;
        let mut statuses: Vec<i32> = others.into_iter().collect::<Result<_, _>>()?;
        statuses.push(match last_status {
            Ok(s) => s,
            Err(Flow::BrokenPipe) => 141,
            Err(e) => return Err(e),
        });
        Ok(statuses)
    }

    /// Runs one command of a pipeline in this shell.
    pub fn run_command<'a>(&'a mut self, command: &'a Command) -> BoxFuture<'a, Status> {
        Box::pin(async move {
            self.count_command().await?;
            let status = match command {
                Command::Simple(simple) => self.run_simple(simple).await?,
                Command::Compound(cc, redirects) => {
                    let saved = self.io.clone();
                    let mark = self.state.procsubs.len();
                    let r = match self.apply_redirects(redirects).await {
                        Ok(()) => self.run_compound(cc).await,
                        Err(status) => Ok(status),
                    };
                    self.finish_redirects(saved).await;
                    self.finish_process_substitutions(mark).await?;
                    r?
                }
                Command::Function(def) => {
                    Arc::make_mut(&mut self.state.functions)
                        .insert(def.name.to_vec(), Arc::new((**def).clone()));
                    0
                }
                Command::Coproc(_) => {
                    self.error(b"coproc: not supported").await?;
                    1
                }
            };
            self.state.last_status = status;
            Ok(status)
        })
    }

    /// Counts a command against the limit, checks the deadline and cancellation, and now and
    /// then lets the executor run other tasks (timers, abort signals) so they are not starved
    /// by a script that never waits.
    async fn count_command(&self) -> Result<(), Flow> {
        let n = self.ctx.commands_run.fetch_add(1, Ordering::Relaxed) + 1;
        self.check_interrupt()?;
        if n % 256 == 0 {
            crate::clock::yield_now().await;
        }
        if n > self.ctx.limits.max_commands {
            return Err(Flow::Limit(format!(
                "maximum command count exceeded ({})",
                self.ctx.limits.max_commands
            )));
        }
        Ok(())
    }

    /// Fails with [`Flow::Cancelled`] or [`Flow::Timeout`] when the execution must stop.
    pub(crate) fn check_interrupt(&self) -> Result<(), Flow> {
        if self.ctx.cancel.load(Ordering::Relaxed) {
            return Err(Flow::Cancelled);
        }
        if let Some(deadline) = self.ctx.deadline_ms {
            if self.ctx.clock.monotonic_ms() >= deadline {
                return Err(Flow::Timeout);
            }
        }
        Ok(())
    }

    /// Writes to standard output; a closed pipe ends the command as SIGPIPE would.
    pub async fn out(&self, data: &[u8]) -> Result<(), Flow> {
        self.io.stdout.write(data).await.map_err(write_flow)
    }

    /// Writes a message line to standard error, prefixed as a non-interactive bash does:
    /// `NAME: line N: MESSAGE`, NAME being `$0` (`bash` for `-c` strings, the file for scripts).
    pub async fn error(&self, message: &[u8]) -> Result<(), Flow> {
        // Bash names a `-c` string's functions' errors after the `environment`.
        let mut line = if self.state.call_depth > 0 && !self.state.script_is_file {
            b"environment".to_vec()
        } else {
            self.state.arg0.clone()
        };
        line.extend_from_slice(format!(": line {}: ", self.state.line).as_bytes());
        line.extend_from_slice(message);
        line.push(b'\n');
        match self.io.stderr.write(&line).await {
            Ok(()) | Err(WriteError::BrokenPipe) => Ok(()),
            Err(e) => Err(write_flow(e)),
        }
    }
}

/// Polls a future with room on the stack: nested function calls and substitutions poll nested
/// futures, one stack frame chain per level, so deep recursion moves to a fresh stack segment
/// instead of overflowing (natively; on wasm the depth limits alone bound it).
pub(crate) struct GrowStack<F: std::future::Future>(pub std::pin::Pin<Box<F>>);

impl<F: std::future::Future> std::future::Future for GrowStack<F> {
    type Output = F::Output;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let inner = self.0.as_mut();
        stacker::maybe_grow(256 * 1024, 2 * 1024 * 1024, move || inner.poll(cx))
    }
}

/// The flow a failed write causes.
pub(crate) fn write_flow(e: WriteError) -> Flow {
    match e {
        WriteError::BrokenPipe => Flow::BrokenPipe,
        WriteError::Limit(m) => Flow::Limit(m),
    }
}
