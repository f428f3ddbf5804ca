//! The [`Command`] trait: how programs other than builtins (grep, sed, …) plug into the engine.

use std::sync::Arc;

use async_trait::async_trait;
use vbash_vfs::{FileSystem, VfsPath};

use crate::io::{Input, Output};

/// What a command sees when it runs: its arguments, environment, working directory, streams
/// and the filesystem.
pub struct CommandContext<'a> {
    /// `argv`, the command name first.
    pub args: &'a [Vec<u8>],
    /// The exported variables, sorted by name.
    pub env: &'a [(Vec<u8>, Vec<u8>)],
    /// The working directory.
    pub cwd: &'a VfsPath,
    /// The filesystem.
    pub fs: &'a Arc<dyn FileSystem>,
    /// Standard input.
    pub stdin: &'a Input,
    /// Standard output.
    pub stdout: &'a Output,
    /// Standard error.
    pub stderr: &'a Output,
}

/// A program the shell can run by name, in-process.
///
/// `run` returns the exit status. Output goes through the context's streams; a write that
/// fails with [`crate::io::WriteError::BrokenPipe`] should make the command stop and return
/// 141, as a process killed by SIGPIPE would.
#[async_trait]
pub trait Command: Send + Sync {
    /// Runs the command to completion.
    async fn run(&self, ctx: CommandContext<'_>) -> i32;
}
