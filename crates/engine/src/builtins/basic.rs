//! `echo`, `cd`, `shift`, `eval`, `break`/`continue`, `set`.

use crate::exec::{Flow, Interp};

impl Interp {
    /// `echo [-neE] args…`: options only as leading words made of those letters, as bash.
    pub(crate) async fn builtin_echo(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let (mut newline, mut escapes) = (true, false);
        let mut i = 0;
        while let Some(arg) = args.get(i) {
            let Some(flags) = arg.strip_prefix(b"-") else {
                break;
            };
            if flags.is_empty() || !flags.iter().all(|c| matches!(c, b'n' | b'e' | b'E')) {
                break;
            }
            for c in flags {
                match c {
                    b'n' => newline = false,
                    b'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        }
        let mut out = Vec::new();
        for (k, arg) in args[i..].iter().enumerate() {
            if k > 0 {
                out.push(b' ');
            }
            if escapes {
                let (text, stop) = echo_escapes(arg);
                out.extend_from_slice(&text);
                if stop {
                    newline = false;
                    break;
                }
            } else {
                out.extend_from_slice(arg);
            }
        }
        if newline {
            out.push(b'\n');
        }
        self.out(&out).await?;
        Ok(0)
    }

    /// `cd [dir]`, `cd -`: changes the working directory, checking it exists.
    pub(crate) async fn builtin_cd(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let args: Vec<&Vec<u8>> = args.iter().filter(|a| a.as_slice() != b"-L").collect();
        if args.len() > 1 {
            return self.builtin_error(b"cd", b"too many arguments", 1).await;
        }
        let (target, print) = match args.first().map(|a| a.as_slice()) {
            None => match self.state.scalar(b"HOME") {
                Some(h) => (h.to_vec(), false),
                None => return self.builtin_error(b"cd", b"HOME not set", 1).await,
            },
            Some(b"-") => match self.state.scalar(b"OLDPWD") {
                Some(o) => (o.to_vec(), true),
                None => return self.builtin_error(b"cd", b"OLDPWD not set", 1).await,
            },
            Some(dir) => (dir.to_vec(), false),
        };
        let path = self.state.cwd.resolve(&target);
        match self.ctx.fs.metadata(&path).await {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                let mut msg = target;
                msg.extend_from_slice(b": Not a directory");
                return self.builtin_error(b"cd", &msg, 1).await;
            }
            Err(e) => {
                let msg = e.coreutils(&String::from_utf8_lossy(&target));
                return self.builtin_error(b"cd", msg.as_bytes(), 1).await;
            }
        }
        let old = self.state.cwd.as_bytes().to_vec();
        self.state.cwd = path;
        let pwd = self.state.cwd.as_bytes().to_vec();
        let vars = self.state.vars_mut();
        let _ = vars.set(b"OLDPWD", old);
        let _ = vars.set(b"PWD", pwd.clone());
        if print {
            let mut line = pwd;
            line.push(b'\n');
            self.out(&line).await?;
        }
        Ok(0)
    }

    /// `shift [n]`.
    pub(crate) async fn builtin_shift(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let n = match args.first() {
            None => 1,
            Some(a) => match std::str::from_utf8(a)
                .ok()
                .and_then(|s| s.parse::<usize>().ok())
            {
                Some(n) => n,
                None => {
                    let mut msg = a.clone();
                    msg.extend_from_slice(b": numeric argument required");
                    return self.builtin_error(b"shift", &msg, 1).await;
                }
            },
        };
        if n > self.state.positional.len() {
            return Ok(1);
        }
        std::sync::Arc::make_mut(&mut self.state.positional).drain(..n);
        Ok(0)
    }

    /// `eval args…`: joins the arguments with spaces and runs them as a script.
    pub(crate) async fn builtin_eval(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let text = args.join(&b' ');
        match vbash_syntax::parse(&text) {
            Ok(program) => self.run_program(&program).await,
            Err(e) => {
                let msg = e.to_string();
                self.builtin_error(b"eval", msg.as_bytes(), 2).await
            }
        }
    }

    /// `break [n]` and `continue [n]`.
    pub(crate) async fn builtin_loop_control(
        &mut self,
        name: &[u8],
        args: &[Vec<u8>],
    ) -> Result<i32, Flow> {
        let mut status = 0;
        let n = match args.first() {
            None => 1,
            Some(a) => match std::str::from_utf8(a)
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
            {
                Some(n) if n >= 1 => n.min(i64::from(u32::MAX)) as u32,
                // Bash still leaves one loop after saying so.
                Some(_) => {
                    let mut msg = a.clone();
                    msg.extend_from_slice(b": loop count out of range");
                    status = self.builtin_error(name, &msg, 1).await?;
                    1
                }
                None => {
                    let mut msg = a.clone();
                    msg.extend_from_slice(b": numeric argument required");
                    let status = 128 + self.state.last_status;
                    self.builtin_error(name, &msg, status).await?;
                    return Err(Flow::Exit(status));
                }
            },
        };
        if self.state.loop_depth == 0 {
            let mut msg = name.to_vec();
            msg.extend_from_slice(b": only meaningful in a `for', `while', or `until' loop");
            self.error(&msg).await?;
            return Ok(0);
        }
        // The loop ends with the status of `break` itself.
        self.state.last_status = status;
        Err(if name == b"break" {
            Flow::Break(n)
        } else {
            Flow::Continue(n)
        })
    }

    /// `set [-eux] [-o name] [--] [args…]`.
    pub(crate) async fn builtin_set(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        // `set -o` and `set +o` alone list the options, as `shopt -o` and `shopt -po` do.
        match args {
            [o] if o.as_slice() == b"-o" => return self.builtin_shopt(&[b"-o".to_vec()]).await,
            [o] if o.as_slice() == b"+o" => {
                return self.builtin_shopt(&[b"-p".to_vec(), b"-o".to_vec()]).await
            }
            _ => {}
        }
        let mut i = 0;
        while let Some(arg) = args.get(i) {
            let (on, flags) = match arg.first() {
                Some(b'-') => (true, &arg[1..]),
                Some(b'+') => (false, &arg[1..]),
                _ => break,
            };
            if arg.as_slice() == b"--" || arg.as_slice() == b"-" {
                i += 1;
                std::sync::Arc::make_mut(&mut self.state.positional).clear();
                break;
            }
            let mut consumed = 0;
            for &c in flags {
                if c == b'o' {
                    // `-o NAME` may close a group of letters: `set -euo pipefail`.
                    consumed += 1;
                    let Some(name) = args.get(i + consumed) else {
                        return Ok(0);
                    };
                    if !self.set_named_option(name, on) {
                        let mut msg = name.clone();
                        msg.extend_from_slice(b": invalid option name");
                        return self.builtin_error(b"set", &msg, 1).await;
                    }
                    continue;
                }
                let o = &mut self.state.options;
                match c {
                    b'e' => o.errexit = on,
                    b'u' => o.nounset = on,
                    b'x' => o.xtrace = on,
                    b'f' => o.noglob = on,
                    b'C' => o.noclobber = on,
                    b'E' => o.errtrace = on,
                    // Accepted as bash accepts them; nothing here depends on them.
                    b'a' | b'b' | b'h' | b'k' | b'm' | b'n' | b'p' | b't' | b'v' | b'B' | b'H'
                    | b'P' | b'T' => {}
                    _ => {
                        let msg = format!("-{}: invalid option", c as char);
                        return self.builtin_error(b"set", msg.as_bytes(), 2).await;
                    }
                }
            }
            i += consumed;
            i += 1;
        }
        if i < args.len() || args.last().is_some_and(|a| a.as_slice() == b"--") {
            self.state.positional = std::sync::Arc::new(args[i..].to_vec());
        }
        Ok(0)
    }

    fn set_named_option(&mut self, name: &[u8], on: bool) -> bool {
        self.set_option(name, on, true)
    }
}

/// `echo -e` escapes; the flag is set when `\c` asked to stop all output.
fn echo_escapes(s: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' || i + 1 == s.len() {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let e = s[i + 1];
        i += 2;
        let digits = |from: usize, max: usize, radix: u32| {
            s[from..]
                .iter()
                .take(max)
                .take_while(|&&c| (c as char).is_digit(radix))
                .count()
        };
        let value = |from: usize, n: usize, radix: u32| {
            s[from..from + n].iter().fold(0u32, |v, &c| {
                v * radix + (c as char).to_digit(radix).unwrap_or(0)
            })
        };
        match e {
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'c' => return (out, true),
            b'e' | b'E' => out.push(0x1b),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'\\' => out.push(b'\\'),
            // `echo` takes octal as `\0NNN`, unlike `$'…'`'s `\NNN`.
            b'0' => {
                let n = digits(i, 3, 8);
                out.push(value(i, n, 8) as u8);
                i += n;
            }
            b'x' | b'u' | b'U' => {
                let max = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let n = digits(i, max, 16);
                if n == 0 {
                    out.extend_from_slice(&[b'\\', e]);
                } else if e == b'x' {
                    out.push(value(i, n, 16) as u8);
                } else if let Some(c) = char::from_u32(value(i, n, 16)) {
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                i += n;
            }
            _ => out.extend_from_slice(&[b'\\', e]),
        }
    }
    (out, false)
}
