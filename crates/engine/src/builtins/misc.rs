//! `umask` and `times`.

use super::getopt;
use crate::exec::{Flow, Interp};

/// `u=rwx,g=rx,o=rx` for a mask.
fn symbolic(mask: u32) -> String {
    let perms = !mask & 0o777;
    let part = |shift: u32| {
        let p = (perms >> shift) & 7;
        let mut s = String::new();
        for (bit, c) in [(4, 'r'), (2, 'w'), (1, 'x')] {
            if p & bit != 0 {
                s.push(c);
            }
        }
        s
    };
    format!("u={},g={},o={}", part(6), part(3), part(0))
}

/// Applies a symbolic mode (`u=rwx,g-w`) to a mask; `Err` holds the message.
fn apply_symbolic(mask: u32, mode: &[u8]) -> Result<u32, Vec<u8>> {
    let mut perms = !mask & 0o777;
    for clause in mode.split(|&c| c == b',') {
        let mut i = 0;
        let mut who = 0;
        while let Some(&c) = clause.get(i) {
            who |= match c {
                b'u' => 0o700,
                b'g' => 0o070,
                b'o' => 0o007,
                b'a' => 0o777,
                _ => break,
            };
            i += 1;
        }
        if who == 0 {
            who = 0o777;
        }
        let bad = |what: &str, c: u8| {
            let mut m = b"`".to_vec();
            m.push(c);
            m.extend_from_slice(format!("': invalid symbolic mode {what}").as_bytes());
            m
        };
        let op = clause.get(i).copied().unwrap_or(0);
        if !matches!(op, b'+' | b'-' | b'=') {
            return Err(bad("operator", op));
        }
        i += 1;
        let mut bits = 0;
        for &c in &clause[i..] {
            bits |= match c {
                b'r' => 0o444,
                b'w' => 0o222,
                b'x' => 0o111,
                _ => return Err(bad("character", c)),
            };
        }
        bits &= who;
        perms = match op {
            b'+' => perms | bits,
            b'-' => perms & !bits,
            _ => (perms & !who) | bits,
        };
    }
    Ok(!perms & 0o777)
}

impl Interp {
    /// `umask [-p] [-S] [mode]`: the mask is kept for the shell to show (files of the virtual
    /// filesystem get their modes elsewhere).
    pub(crate) async fn builtin_umask(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"pS") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"umask", e).await,
        };
        let has = |c: u8| parsed.opts.iter().any(|o| o.0 == c);
        let (reusable, symbolic_form) = (has(b'p'), has(b'S'));
        if let Some(mode) = args.get(parsed.rest) {
            let new = if mode.first().is_some_and(u8::is_ascii_digit) {
                let octal = mode.iter().all(|c| (b'0'..=b'7').contains(c));
                match u32::from_str_radix(&String::from_utf8_lossy(mode), 8) {
                    Ok(v) if octal && v <= 0o7777 => v & 0o777,
                    _ => {
                        let mut msg = mode.clone();
                        msg.extend_from_slice(b": octal number out of range");
                        return self.builtin_error(b"umask", &msg, 1).await;
                    }
                }
            } else {
                match apply_symbolic(self.state.extra.umask, mode) {
                    Ok(m) => m,
                    Err(msg) => return self.builtin_error(b"umask", &msg, 1).await,
                }
            };
            self.state.extra.umask = new;
            if !symbolic_form {
                return Ok(0);
            }
        }
        let mask = self.state.extra.umask;
        let text = match (reusable, symbolic_form) {
            (true, true) => format!("umask -S {}\n", symbolic(mask)),
            (true, false) => format!("umask {mask:04o}\n"),
            (false, true) => format!("{}\n", symbolic(mask)),
            (false, false) => format!("{mask:04o}\n"),
        };
        self.out(text.as_bytes()).await?;
        Ok(0)
    }

    /// `times`: the shell's and its children's user and system times. No time is measured in
    /// the sandbox, so they are zeros in bash's layout.
    pub(crate) async fn builtin_times(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        if let Err(e) = getopt(args, b"") {
            return self.bad_option(b"times", e).await;
        }
        self.out(b"0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n").await?;
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(symbolic(0o022), "u=rwx,g=rx,o=rx");
        assert_eq!(apply_symbolic(0o022, b"u=rwx,g=rx,o="), Ok(0o027));
        assert_eq!(apply_symbolic(0o022, b"ug=r"), Ok(0o332));
        assert_eq!(apply_symbolic(0o022, b"="), Ok(0o777));
        assert_eq!(apply_symbolic(0o022, b"a=rx,u+w"), Ok(0o022));
        assert_eq!(
            apply_symbolic(0o022, b"u"),
            Err(b"`\0': invalid symbolic mode operator".to_vec())
        );
    }
}
