//! The directory stack: `pushd`, `popd`, `dirs`.
//!
//! Entry 0 is always the working directory; the others are kept in
//! `BuiltinState::dir_stack`, top first, as the text they were given (`pushd -n dir`) or the
//! absolute directory they were when the shell left them.

use crate::exec::{Flow, Interp};

/// A stack index argument: `+N` counts from the left (0 is the working directory), `-N` from
/// the right.
fn index_arg(arg: &[u8]) -> Option<(bool, usize)> {
    let (&sign, digits) = arg.split_first()?;
    if !matches!(sign, b'+' | b'-') || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some((sign == b'+', n))
}

impl Interp {
    /// The whole stack, the working directory first.
    fn stack(&self) -> Vec<Vec<u8>> {
        let mut all = vec![self.state.cwd.as_bytes().to_vec()];
        all.extend(self.state.extra.dir_stack.iter().cloned());
        all
    }

    /// `dir` with `$HOME` shown as `~` (unless `long`).
    fn show_dir(&self, dir: &[u8], long: bool) -> Vec<u8> {
        if !long {
            if let Some(home) = self.state.scalar(b"HOME").filter(|h| !h.is_empty()) {
                if let Some(rest) = dir.strip_prefix(home) {
                    if rest.is_empty() || rest[0] == b'/' {
                        let mut out = b"~".to_vec();
                        out.extend_from_slice(rest);
                        return out;
                    }
                }
            }
        }
        dir.to_vec()
    }

    /// The stack on one line, as `dirs` prints it.
    async fn print_stack(&mut self) -> Result<(), Flow> {
        let shown: Vec<Vec<u8>> = self
            .stack()
            .iter()
            .map(|d| self.show_dir(d, false))
            .collect();
        let mut line = shown.join(&b' ');
        line.push(b'\n');
        self.out(&line).await
    }

    /// Position in the whole stack of `+N`/`-N`, if it is in range.
    fn stack_position(&self, from_left: bool, n: usize) -> Option<usize> {
        let len = self.state.extra.dir_stack.len() + 1;
        if n >= len {
            return None;
        }
        Some(if from_left { n } else { len - 1 - n })
    }

    /// Changes to `dir` for `pushd`/`popd`, setting `PWD` and `OLDPWD`.
    async fn stack_cd(&mut self, name: &[u8], dir: &[u8]) -> Result<bool, Flow> {
        let path = self.state.cwd.resolve(dir);
        match self.ctx.fs.metadata(&path).await {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                let mut msg = dir.to_vec();
                msg.extend_from_slice(b": Not a directory");
                self.builtin_error(name, &msg, 1).await?;
                return Ok(false);
            }
            Err(e) => {
                let msg = e.coreutils(&String::from_utf8_lossy(dir));
                self.builtin_error(name, msg.as_bytes(), 1).await?;
                return Ok(false);
            }
        }
        let old = self.state.cwd.as_bytes().to_vec();
        self.state.cwd = path;
        let pwd = self.state.cwd.as_bytes().to_vec();
        let vars = self.state.vars_mut();
        let _ = vars.set(b"OLDPWD", old);
        let _ = vars.set(b"PWD", pwd);
        Ok(true)
    }

    /// `dirs [-clpv] [+N] [-N]`.
    pub(crate) async fn builtin_dirs(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let (mut long, mut lines, mut numbered, mut index) = (false, false, false, None);
        for arg in args {
            if let Some(i) = index_arg(arg) {
                index = Some(i);
                continue;
            }
            match arg.split_first() {
                Some((b'-', letters))
                    if !letters.is_empty() && letters.iter().all(|c| b"clpv".contains(c)) =>
                {
                    for c in letters {
                        match c {
                            b'c' => self.state.extra.dir_stack.clear(),
                            b'l' => long = true,
                            b'p' => lines = true,
                            _ => numbered = true,
                        }
                    }
                }
                Some((b'-', _)) => {
                    let mut msg = arg.clone();
                    msg.extend_from_slice(b": invalid number");
                    self.builtin_error(b"dirs", &msg, 2).await?;
                    return self.usage(b"dirs").await;
                }
                _ => {
                    let mut msg = arg.clone();
                    msg.extend_from_slice(b": invalid option");
                    self.builtin_error(b"dirs", &msg, 2).await?;
                    return self.usage(b"dirs").await;
                }
            }
        }
        if args.iter().any(|a| a.as_slice() == b"-c") && index.is_none() && !long && !lines {
            return Ok(0);
        }
        let stack = self.stack();
        if let Some((from_left, n)) = index {
            let Some(pos) = self.stack_position(from_left, n) else {
                let msg: &[u8] = if self.state.extra.dir_stack.is_empty() {
                    b"directory stack empty"
                } else {
                    b"directory stack index out of range"
                };
                let msg = if self.state.extra.dir_stack.is_empty() {
                    msg.to_vec()
                } else {
                    // `dirs` names the index without its sign, unlike pushd and popd.
                    let mut m = format!("{n}: ").into_bytes();
                    m.extend_from_slice(msg);
                    m
                };
                return self.builtin_error(b"dirs", &msg, 1).await;
            };
            let mut line = self.show_dir(&stack[pos], long);
            line.push(b'\n');
            self.out(&line).await?;
            return Ok(0);
        }
        let mut out = Vec::new();
        for (i, d) in stack.iter().enumerate() {
            let shown = self.show_dir(d, long);
            if numbered {
                out.extend_from_slice(format!("{i:2}  ").as_bytes());
                out.extend_from_slice(&shown);
                out.push(b'\n');
            } else if lines {
                out.extend_from_slice(&shown);
                out.push(b'\n');
            } else {
                if i > 0 {
                    out.push(b' ');
                }
                out.extend_from_slice(&shown);
            }
        }
        if !numbered && !lines {
            out.push(b'\n');
        }
        self.out(&out).await?;
        Ok(0)
    }

    /// `pushd [-n] [+N | -N | dir]`.
    pub(crate) async fn builtin_pushd(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let mut no_cd = false;
        let mut operand = None;
        for arg in args {
            if arg.as_slice() == b"-n" {
                no_cd = true;
            } else if arg.as_slice() == b"--" {
                continue;
            } else if arg.first() == Some(&b'-') && arg.len() > 1 && index_arg(arg).is_none() {
                let mut msg = arg.clone();
                msg.extend_from_slice(b": invalid number");
                self.builtin_error(b"pushd", &msg, 2).await?;
                return self.usage(b"pushd").await;
            } else if operand.is_none() {
                operand = Some(arg.clone());
            }
        }
        let Some(operand) = operand else {
            // Swap the two top entries.
            let Some(next) = self.state.extra.dir_stack.first().cloned() else {
                return self.builtin_error(b"pushd", b"no other directory", 1).await;
            };
            let here = self.state.cwd.as_bytes().to_vec();
            if !no_cd {
                if !self.stack_cd(b"pushd", &next).await? {
                    return Ok(1);
                }
                self.state.extra.dir_stack[0] = here;
            }
            self.print_stack().await?;
            return Ok(0);
        };
        if let Some((from_left, n)) = index_arg(&operand) {
            let Some(pos) = self.stack_position(from_left, n) else {
                let mut msg = operand.clone();
                msg.extend_from_slice(b": directory stack index out of range");
                return self.builtin_error(b"pushd", &msg, 1).await;
            };
            let mut stack = self.stack();
            stack.rotate_left(pos);
            if !no_cd && pos != 0 {
                if !self.stack_cd(b"pushd", &stack[0]).await? {
                    return Ok(1);
                }
                self.state.extra.dir_stack = stack[1..].to_vec();
            }
            self.print_stack().await?;
            return Ok(0);
        }
        if no_cd {
            self.state.extra.dir_stack.insert(0, operand);
        } else {
            let here = self.state.cwd.as_bytes().to_vec();
            if !self.stack_cd(b"pushd", &operand).await? {
                return Ok(1);
            }
            self.state.extra.dir_stack.insert(0, here);
        }
        self.print_stack().await?;
        Ok(0)
    }

    /// `popd [-n] [+N | -N]`.
    pub(crate) async fn builtin_popd(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let mut no_cd = false;
        let mut index = None;
        for arg in args {
            if arg.as_slice() == b"-n" {
                no_cd = true;
            } else if arg.as_slice() == b"--" {
                continue;
            } else if let Some(i) = index_arg(arg) {
                index = Some(i);
            } else {
                let what: &[u8] = if arg.first() == Some(&b'-') {
                    b": invalid number"
                } else {
                    b": invalid argument"
                };
                let mut msg = arg.clone();
                msg.extend_from_slice(what);
                self.builtin_error(b"popd", &msg, 2).await?;
                return self.usage(b"popd").await;
            }
        }
        if self.state.extra.dir_stack.is_empty() {
            return self
                .builtin_error(b"popd", b"directory stack empty", 1)
                .await;
        }
        let pos = match index {
            None => usize::from(no_cd),
            Some((from_left, n)) => match self.stack_position(from_left, n) {
                Some(p) => p,
                None => {
                    let msg = format!(
                        "{}{n}: directory stack index out of range",
                        if from_left { '+' } else { '-' }
                    );
                    return self.builtin_error(b"popd", msg.as_bytes(), 1).await;
                }
            },
        };
        if pos == 0 {
            let next = self.state.extra.dir_stack[0].clone();
            if !self.stack_cd(b"popd", &next).await? {
                return Ok(1);
            }
            self.state.extra.dir_stack.remove(0);
        } else {
            self.state.extra.dir_stack.remove(pos - 1);
        }
        self.print_stack().await?;
        Ok(0)
    }
}
