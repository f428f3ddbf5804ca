//! Redirections: files, descriptor duplication, here-documents and here-strings.

use vbash_syntax::ast::{Redirect, RedirectFd, RedirectOp, RedirectTarget};
use vbash_vfs::{ErrorKind, FsError};

use super::{Interp, Stdio};
use crate::io::{Input, Output};

impl Interp {
    /// Applies redirections to this shell's streams, in order. On failure the message is
    /// printed and the status returned; the caller restores the streams it saved.
    pub(crate) async fn apply_redirects(&mut self, redirects: &[Redirect]) -> Result<(), i32> {
        for r in redirects {
            self.apply_redirect(r).await?;
        }
        Ok(())
    }

    /// Flushes the files this command's redirections opened and restores `saved` streams.
    pub(crate) async fn finish_redirects(&mut self, saved: Stdio) {
        for out in [&self.io.stdout, &self.io.stderr] {
            if !out.same_as(&saved.stdout) && !out.same_as(&saved.stderr) {
                if let Err(e) = out.flush().await {
                    let msg = e.to_string();
                    let _ = self.error(msg.as_bytes()).await;
                }
            }
        }
        self.io = saved;
    }

    async fn apply_redirect(&mut self, r: &Redirect) -> Result<(), i32> {
        let fd = match &r.fd {
            Some(RedirectFd::Number(n)) => Some(*n),
            Some(RedirectFd::Variable(_)) => {
                let _ = self.error(b"{var} redirections: not supported").await;
                return Err(1);
            }
            None => None,
        };
        let target = match &r.target {
            RedirectTarget::HereDoc(doc) => {
                let body = match self.expand_string(&doc.body).await {
                    Ok(b) => b,
                    Err(_) => return Err(1),
                };
                return self
                    .set_input(fd.unwrap_or(0), Input::from_bytes(body))
                    .await;
            }
            RedirectTarget::Word(w) => match self.expand_string(w).await {
                Ok(t) => t,
                Err(_) => return Err(1),
            },
        };
        match r.op {
            RedirectOp::HereString => {
                let mut body = target;
                body.push(b'\n');
                self.set_input(fd.unwrap_or(0), Input::from_bytes(body))
                    .await
            }
            RedirectOp::Read | RedirectOp::ReadWrite => {
                let input = self.open_input(&target).await?;
                self.set_input(fd.unwrap_or(0), input).await
            }
            RedirectOp::Write | RedirectOp::Clobber | RedirectOp::Append => {
                let (append, clobber) = (r.op == RedirectOp::Append, r.op == RedirectOp::Clobber);
                let out = self.open_output_checked(&target, append, clobber).await?;
                self.set_output(fd.unwrap_or(1), out).await
            }
            RedirectOp::WriteBoth | RedirectOp::AppendBoth => {
                let out = self
                    .open_output(&target, r.op == RedirectOp::AppendBoth)
                    .await?;
                self.io.stdout = out.clone();
                self.io.stderr = out;
                Ok(())
            }
            RedirectOp::DupWrite | RedirectOp::DupRead => {
                let default = if r.op == RedirectOp::DupWrite { 1 } else { 0 };
                self.duplicate(fd.unwrap_or(default), &target, r.op == RedirectOp::DupWrite)
                    .await
            }
            RedirectOp::HereDoc => unreachable!("here-documents have a HereDoc target"),
        }
    }

    /// `N>&M`, `N<&M`, `N>&-`, and `>&FILE` (both streams to a file).
    async fn duplicate(&mut self, fd: u32, target: &[u8], write: bool) -> Result<(), i32> {
        if target == b"-" {
            return match fd {
                0 => self.set_input(0, Input::empty()).await,
                _ => self.set_output(fd, Output::null()).await,
            };
        }
        let source = match target {
            b"0" => None,
            b"1" => Some(self.io.stdout.clone()),
            b"2" => Some(self.io.stderr.clone()),
            _ if write && fd == 1 && !target.iter().all(u8::is_ascii_digit) => {
                let out = self.open_output(target, false).await?;
                self.io.stdout = out.clone();
                self.io.stderr = out;
                return Ok(());
            }
            _ => {
                let mut msg = target.to_vec();
                msg.extend_from_slice(b": Bad file descriptor");
                let _ = self.error(&msg).await;
                return Err(1);
            }
        };
        match (fd, source) {
            (0, None) => Ok(()),
            (0, Some(_)) | (_, None) => Ok(()),
            (fd, Some(out)) => self.set_output(fd, out).await,
        }
    }

    async fn set_input(&mut self, fd: u32, input: Input) -> Result<(), i32> {
        match fd {
            0 => {
                self.io.stdin = input;
                Ok(())
            }
            _ => self.unsupported_fd(fd).await,
        }
    }

    async fn set_output(&mut self, fd: u32, out: Output) -> Result<(), i32> {
        match fd {
            1 => self.io.stdout = out,
            2 => self.io.stderr = out,
            _ => return self.unsupported_fd(fd).await,
        }
        Ok(())
    }

    async fn unsupported_fd(&mut self, fd: u32) -> Result<(), i32> {
        let msg = format!("{fd}: descriptors above 2 are not supported yet");
        let _ = self.error(msg.as_bytes()).await;
        Err(1)
    }

    async fn open_input(&mut self, target: &[u8]) -> Result<Input, i32> {
        match target {
            b"/dev/null" => return Ok(Input::empty()),
            b"/dev/stdin" => return Ok(self.io.stdin.clone()),
            _ => {}
        }
        let path = self.state.cwd.resolve(target);
        match self.ctx.fs.read(&path).await {
            Ok(data) => Ok(Input::from_bytes(data)),
            Err(e) => Err(self.file_error(target, e).await),
        }
    }

    async fn open_output(&mut self, target: &[u8], append: bool) -> Result<Output, i32> {
        self.open_output_checked(target, append, false).await
    }

    /// Opens `target` for output; `clobber` (`>|`) overrides `set -C`.
    async fn open_output_checked(
        &mut self,
        target: &[u8],
        append: bool,
        clobber: bool,
    ) -> Result<Output, i32> {
        match target {
            b"/dev/null" => return Ok(Output::null()),
            b"/dev/stdout" => return Ok(self.io.stdout.clone()),
            b"/dev/stderr" => return Ok(self.io.stderr.clone()),
            _ => {}
        }
        if target.is_empty() {
            let _ = self.error(b": No such file or directory").await;
            return Err(1);
        }
        let path = self.state.cwd.resolve(target);
        if self.state.options.noclobber && !append && !clobber && self.ctx.fs.exists(&path).await {
            let mut msg = target.to_vec();
            msg.extend_from_slice(b": cannot overwrite existing file");
            let _ = self.error(&msg).await;
            return Err(1);
        }
        let limit = self.ctx.limits.max_output_bytes;
        match Output::file(self.ctx.fs.clone(), path, append, limit).await {
            Ok(out) => Ok(out),
            Err(e) => Err(self.file_error(target, e).await),
        }
    }

    /// Prints `NAME: strerror` for a file that could not be opened; returns status 1.
    async fn file_error(&mut self, shown: &[u8], e: FsError) -> i32 {
        let e = if e.kind == ErrorKind::NotADirectory || e.kind == ErrorKind::NotFound {
            FsError::new(e.kind, shown)
        } else {
            e
        };
        let msg = e.coreutils(&String::from_utf8_lossy(shown));
        let _ = self.error(msg.as_bytes()).await;
        1
    }
}
