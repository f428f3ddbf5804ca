//! Builtins: commands the shell runs itself because they read or change its state.

mod basic;
mod vars;

use crate::exec::{Flow, Interp};

impl Interp {
    /// Runs `argv` if it names a builtin; `None` when it does not.
    pub(crate) async fn run_builtin(&mut self, argv: &[Vec<u8>]) -> Result<Option<i32>, Flow> {
        let args = &argv[1..];
        let status = match argv[0].as_slice() {
            b":" | b"true" => 0,
            b"false" => 1,
            b"echo" => self.builtin_echo(args).await?,
            b"exit" => return Err(Flow::Exit(self.exit_status(b"exit", args).await?)),
            b"return" => {
                if self.state.call_depth == 0 {
                    self.error(b"return: can only `return' from a function or sourced script")
                        .await?;
                    1
                } else {
                    return Err(Flow::Return(self.exit_status(b"return", args).await?));
                }
            }
            b"break" | b"continue" => self.builtin_loop_control(&argv[0], args).await?,
            b"cd" => self.builtin_cd(args).await?,
            b"pwd" => {
                let mut line = self.state.cwd.as_bytes().to_vec();
                line.push(b'\n');
                self.out(&line).await?;
                0
            }
            b"shift" => self.builtin_shift(args).await?,
            b"eval" => self.builtin_eval(args).await?,
            b"set" => self.builtin_set(args).await?,
            b"export" | b"readonly" | b"local" | b"declare" | b"typeset" => {
                self.builtin_declare(&argv[0], args).await?
            }
            b"unset" => self.builtin_unset(args).await?,
            _ => return Ok(None),
        };
        Ok(Some(status))
    }

    /// The status argument of `exit`/`return` (default: the last status), modulo 256.
    async fn exit_status(&mut self, name: &[u8], args: &[Vec<u8>]) -> Result<i32, Flow> {
        let Some(arg) = args.first() else {
            return Ok(self.state.last_status);
        };
        match std::str::from_utf8(arg)
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
        {
            Some(n) => Ok((n & 0xff) as i32),
            None => {
                let mut msg = name.to_vec();
                msg.extend_from_slice(b": ");
                msg.extend_from_slice(arg);
                msg.extend_from_slice(b": numeric argument required");
                self.error(&msg).await?;
                Ok(2)
            }
        }
    }

    /// Prints `NAME: MESSAGE` for a builtin's usage error and returns its status.
    pub(crate) async fn builtin_error(
        &mut self,
        name: &[u8],
        message: &[u8],
        status: i32,
    ) -> Result<i32, Flow> {
        let mut msg = name.to_vec();
        msg.extend_from_slice(b": ");
        msg.extend_from_slice(message);
        self.error(&msg).await?;
        Ok(status)
    }
}
