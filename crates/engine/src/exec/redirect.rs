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
        let before = saved.outputs();
        for out in self.io.outputs() {
            if !before.iter().any(|o| out.same_as(o)) {
                if let Err(e) = out.flush().await {
                    let msg = e.to_string();
                    let _ = self.error(msg.as_bytes()).await;
                }
            }
        }
        self.io = saved;
    }

    /// Sends what file outputs collected to their files (after each command of the script,
    /// for files opened by `exec`, which no command's end flushes).
    pub(crate) async fn flush_files(&mut self) {
        for out in self.io.outputs() {
            if let Err(e) = out.flush().await {
                let msg = e.to_string();
                let _ = self.error(msg.as_bytes()).await;
            }
        }
    }

    async fn apply_redirect(&mut self, r: &Redirect) -> Result<(), i32> {
        let fd = match &r.fd {
            Some(RedirectFd::Number(n)) => Some(*n),
            Some(RedirectFd::Variable(name)) if is_close(r) => {
                // `{var}>&-` closes the descriptor `var` holds.
                let fd = self
                    .state
                    .scalar(name)
                    .and_then(|v| std::str::from_utf8(v).ok()?.parse::<u32>().ok());
                match fd {
                    Some(fd) => Some(fd),
                    None => return Ok(()),
                }
            }
            Some(RedirectFd::Variable(name)) => {
                // `{var}>file`: a free descriptor, its number stored in `var`. Bash -c hands out
                // 11 first (it keeps 10 for itself).
                let fd = (11..)
                    .find(|n| self.io.extra_fd(*n).is_none())
                    .unwrap_or(11);
                if let Err(e) = self.state.vars_mut().set(name, fd.to_string().into_bytes()) {
                    let _ = self.var_error(e).await;
                    return Err(1);
                }
                Some(fd)
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
            // Closing: reads see the end, writes vanish.
            if fd > 2 {
                self.close_extra(fd).await;
                return Ok(());
            }
            return match fd {
                0 => self.set_input(0, Input::empty()).await,
                _ => self.set_output(fd, Output::null()).await,
            };
        }
        if !write {
            // `N<&M`: read from what M reads.
            let input = match target {
                b"0" => self.io.stdin.clone(),
                _ => match std::str::from_utf8(target)
                    .ok()
                    .and_then(|t| t.parse::<u32>().ok())
                {
                    Some(m) => match self.io.extra_fd(m) {
                        Some(super::Stream::In(i)) => i.clone(),
                        _ => return self.bad_fd(target).await,
                    },
                    None => return self.bad_fd(target).await,
                },
            };
            return self.set_input(fd, input).await;
        }
        let source = match target {
            b"1" => self.io.stdout.clone(),
            b"2" => self.io.stderr.clone(),
            _ if fd == 1 && !target.iter().all(u8::is_ascii_digit) => {
                let out = self.open_output(target, false).await?;
                self.io.stdout = out.clone();
                self.io.stderr = out;
                return Ok(());
            }
            _ => match std::str::from_utf8(target)
                .ok()
                .and_then(|t| t.parse::<u32>().ok())
            {
                Some(m) => match self.io.extra_fd(m) {
                    Some(super::Stream::Out(o)) => o.clone(),
                    _ => return self.bad_fd(target).await,
                },
                None => return self.bad_fd(target).await,
            },
        };
        self.set_output(fd, source).await
    }

    async fn bad_fd(&mut self, target: &[u8]) -> Result<(), i32> {
        let mut msg = target.to_vec();
        msg.extend_from_slice(b": Bad file descriptor");
        let _ = self.error(&msg).await;
        Err(1)
    }

    async fn set_input(&mut self, fd: u32, input: Input) -> Result<(), i32> {
        match fd {
            0 => self.io.stdin = input,
            1 | 2 => self.set_output(fd, Output::null()).await?,
            _ => self.io.set_extra(fd, super::Stream::In(input)),
        }
        Ok(())
    }

    async fn set_output(&mut self, fd: u32, out: Output) -> Result<(), i32> {
        match fd {
            0 => self.io.stdin = Input::empty(),
            1 => {
                let old = std::mem::replace(&mut self.io.stdout, out);
                self.flush_if_unused(old).await;
            }
            2 => {
                let old = std::mem::replace(&mut self.io.stderr, out);
                self.flush_if_unused(old).await;
            }
            _ => {
                self.close_extra(fd).await;
                self.io.set_extra(fd, super::Stream::Out(out));
            }
        }
        Ok(())
    }

    /// Flushes an output that no descriptor refers to any more (`exec >other` replaced it).
    async fn flush_if_unused(&mut self, old: Output) {
        if self.io.outputs().iter().any(|o| o.same_as(&old)) {
            return;
        }
        if let Err(e) = old.flush().await {
            let msg = e.to_string();
            let _ = self.error(msg.as_bytes()).await;
        }
    }

    /// Closes descriptor `fd` above 2, first sending a file output's data to its file.
    async fn close_extra(&mut self, fd: u32) {
        if let Some(super::Stream::Out(out)) = self.io.extra_fd(fd).cloned() {
            if let Err(e) = out.flush().await {
                let msg = e.to_string();
                let _ = self.error(msg.as_bytes()).await;
            }
        }
        self.io.extra.retain(|(n, _)| *n != fd);
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

/// Whether a redirection closes its descriptor (`>&-`, `<&-`).
fn is_close(r: &Redirect) -> bool {
    matches!(r.op, RedirectOp::DupWrite | RedirectOp::DupRead)
        && matches!(&r.target, RedirectTarget::Word(w) if w.as_literal() == Some(b"-"))
}
