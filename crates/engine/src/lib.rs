//! `vbash-engine`: the interpreter that runs the syntax trees of [`vbash_syntax`].
//!
//! An async core with no runtime of its own: pipeline stages run concurrently in one task,
//! connected by bounded pipes ([`io`]); state copies for subshells are cheap ([`state`]);
//! every resource is bounded ([`limits`]). The entry point is [`Shell`].
//!
//! Modules:
//! - [`shell`]: the embedding API (`Shell`, `exec`, `ExecResult`);
//! - [`exec`]: the interpreter (lists, pipelines, simple and compound commands,
//!   redirections, `[[ ]]`);
//! - [`expand`]: word expansion;
//! - [`arith`]: arithmetic evaluation;
//! - [`pattern`]: bash's pattern matching (globs, brackets, extglob, nocase, pathname rules);
//! - [`state`]: variables, functions, options; [`io`]: streams and pipes;
//! - [`command`]: the trait other programs implement; [`quote`]: quoting values back;
//! - [`clock`]: injected time, for deadlines and time variables.

pub mod arith;
mod builtins;
pub mod clock;
pub mod command;
pub mod exec;
pub mod expand;
pub mod io;
pub mod limits;
pub mod pattern;
pub mod quote;
pub mod shell;
pub mod state;

pub use shell::{ExecOptions, ExecResult, Session, Shell, ShellBuilder};
