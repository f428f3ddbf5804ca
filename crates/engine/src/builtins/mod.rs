//! Builtins: commands the shell runs itself because they read or change its state.
//!
//! One module per family; this one holds the dispatch table and what they share: bash's option
//! parsing (`internal_getopt`), its usage and error messages, numbers as `legal_number` reads
//! them, and assignments to `NAME` or `NAME[SUB]` as `read`, `printf -v` and `mapfile` make.

mod alias;
mod basic;
mod bignum;
mod dirs;
mod float;
mod fnprint;
mod getopts;
mod help;
mod jobs;
mod lookup;
mod misc;
mod numfmt;
mod printf;
mod read;
mod shopt;
mod shquote;
mod source;
mod strftime;
mod test;
mod vars;

use crate::exec::{write_flow, Flow, Interp};
use crate::io::WriteError;

/// The builtins this shell runs, for `type`, `command -v`, `builtin` and `help`.
pub(crate) const BUILTINS: &[&str] = &[
    ".",
    ":",
    "[",
    "alias",
    "break",
    "builtin",
    "caller",
    "cd",
    "command",
    "continue",
    "declare",
    "dirs",
    "echo",
    "eval",
    "exit",
    "export",
    "false",
    "getopts",
    "hash",
    "help",
    "let",
    "local",
    "mapfile",
    "popd",
    "printf",
    "pushd",
    "pwd",
    "read",
    "readarray",
    "readonly",
    "return",
    "set",
    "shift",
    "shopt",
    "source",
    "test",
    "times",
    "true",
    "type",
    "typeset",
    "umask",
    "unalias",
    "unset",
];

/// bash's reserved words, for `type`.
pub(crate) const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
];

/// Whether `name` is one of [`BUILTINS`].
pub(crate) fn is_builtin(name: &[u8]) -> bool {
    BUILTINS.iter().any(|b| b.as_bytes() == name)
}

impl Interp {
    /// Runs `argv` if it names a builtin; `None` when it does not.
    pub(crate) async fn run_builtin(&mut self, argv: &[Vec<u8>]) -> Result<Option<i32>, Flow> {
        let args = &argv[1..];
        let status = match argv[0].as_slice() {
            b":" | b"true" => 0,
            b"false" => 1,
            b"echo" => self.builtin_echo(args).await?,
            b"exit" if args.len() > 1 => {
                self.error(b"exit: too many arguments").await?;
                return Err(Flow::Exit(1));
            }
            b"exit" => return Err(Flow::Exit(self.exit_status(b"exit", args).await?)),
            b"return" => {
                if self.state.call_depth == 0 && self.state.extra.source_depth == 0 {
                    self.error(b"return: can only `return' from a function or sourced script")
                        .await?;
                    2
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
            b"trap" => self.builtin_trap(args).await?,
            b"wait" => self.builtin_wait(args).await?,
            b"jobs" | b"disown" => 0,
            b"printf" => self.builtin_printf(args).await?,
            b"read" => self.builtin_read(args).await?,
            b"mapfile" | b"readarray" => self.builtin_mapfile(&argv[0], args).await?,
            b"test" | b"[" => self.builtin_test(&argv[0], args).await?,
            b"let" => self.builtin_let(args).await?,
            b"getopts" => self.builtin_getopts(args).await?,
            b"type" => self.builtin_type(args).await?,
            b"command" => self.builtin_command(args).await?,
            b"builtin" => self.builtin_builtin(args).await?,
            b"hash" => self.builtin_hash(args).await?,
            b"help" => self.builtin_help(args).await?,
            b"shopt" => self.builtin_shopt(args).await?,
            b"source" | b"." => self.builtin_source(&argv[0], args).await?,
            b"caller" => self.builtin_caller(args).await?,
            b"alias" => self.builtin_alias(args).await?,
            b"unalias" => self.builtin_unalias(args).await?,
            b"pushd" => self.builtin_pushd(args).await?,
            b"popd" => self.builtin_popd(args).await?,
            b"dirs" => self.builtin_dirs(args).await?,
            b"umask" => self.builtin_umask(args).await?,
            b"times" => self.builtin_times(args).await?,
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

    /// Writes `text` to standard error as it is (no `bash: line N:` prefix).
    pub(crate) async fn err_raw(&self, text: &[u8]) -> Result<(), Flow> {
        match self.io.stderr.write(text).await {
            Ok(()) | Err(WriteError::BrokenPipe) => Ok(()),
            Err(e) => Err(write_flow(e)),
        }
    }

    /// Prints `NAME: usage: SYNOPSIS` (no prefix, as bash's `builtin_usage`); returns 2.
    pub(crate) async fn usage(&mut self, name: &[u8]) -> Result<i32, Flow> {
        let mut line = name.to_vec();
        line.extend_from_slice(b": usage: ");
        line.extend_from_slice(help::synopsis(name).unwrap_or("").as_bytes());
        line.push(b'\n');
        self.err_raw(&line).await?;
        Ok(2)
    }

    /// Reports a bad option (`-z: invalid option`, `-v: option requires an argument`) with the
    /// usage line; returns 2.
    pub(crate) async fn bad_option(&mut self, name: &[u8], e: OptError) -> Result<i32, Flow> {
        let msg = match e {
            OptError::Invalid(o) => {
                let mut m = o;
                m.extend_from_slice(b": invalid option");
                m
            }
            OptError::NeedsArgument(c) => {
                format!("-{}: option requires an argument", c as char).into_bytes()
            }
        };
        self.builtin_error(name, &msg, 2).await?;
        self.usage(name).await
    }

    /// Reports `` `NAME': not a valid identifier `` for builtin `name`; returns 1.
    pub(crate) async fn invalid_identifier(
        &mut self,
        name: &[u8],
        ident: &[u8],
    ) -> Result<i32, Flow> {
        let mut msg = b"`".to_vec();
        msg.extend_from_slice(ident);
        msg.extend_from_slice(b"': not a valid identifier");
        self.builtin_error(name, &msg, 1).await
    }

    /// Assigns `value` to `target`, a name or `name[subscript]` (the subscript evaluated
    /// arithmetically). `Ok(false)` after reporting a read-only variable or a bad subscript.
    pub(crate) async fn assign_target(
        &mut self,
        target: &[u8],
        value: Vec<u8>,
    ) -> Result<bool, Flow> {
        let r = match split_subscript(target) {
            Some((name, sub)) => match self.arith_quiet(sub) {
                Ok(i) => self.state.vars_mut().set_element(name, i, value),
                Err(e) => {
                    self.error(e.to_string().as_bytes()).await?;
                    return Ok(false);
                }
            },
            None => self.state.vars_mut().set(target, value),
        };
        match r {
            Ok(()) => Ok(true),
            Err(e) => {
                self.var_error(e).await?;
                Ok(false)
            }
        }
    }

    /// Evaluates arithmetic text without printing errors (the caller words them).
    pub(crate) fn arith_quiet(&mut self, text: &[u8]) -> Result<i64, crate::arith::ArithFailure> {
        crate::arith::evaluate(text, &mut crate::expand::ArithState::new(self))
    }
}

/// A bad option found by [`getopt`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OptError {
    /// An option not in the spec (the text bash shows, `-z`).
    Invalid(Vec<u8>),
    /// An option that needs an argument came last.
    NeedsArgument(u8),
}

/// Options parsed by [`getopt`]: each letter with its argument, and where operands start.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) opts: Vec<(u8, Option<Vec<u8>>)>,
    pub(crate) rest: usize,
}

/// Parses leading options as bash's `internal_getopt` does: `-abc` groups, `-dX` or `-d X` for
/// a letter followed by `:` in `spec`, `--` ends them (and is skipped), `-` alone or a word not
/// starting with `-` is the first operand.
pub(crate) fn getopt(args: &[Vec<u8>], spec: &[u8]) -> Result<Parsed, OptError> {
    let mut parsed = Parsed::default();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if arg.as_slice() == b"--" {
            i += 1;
            break;
        }
        if arg.len() < 2 || arg[0] != b'-' {
            break;
        }
        let mut k = 1;
        while k < arg.len() {
            let c = arg[k];
            let Some(pos) = spec.iter().position(|&s| s == c && s != b':') else {
                return Err(OptError::Invalid(vec![b'-', c]));
            };
            if spec.get(pos + 1) == Some(&b':') {
                let value = if k + 1 < arg.len() {
                    arg[k + 1..].to_vec()
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => return Err(OptError::NeedsArgument(c)),
                    }
                };
                parsed.opts.push((c, Some(value)));
                break;
            }
            parsed.opts.push((c, None));
            k += 1;
        }
        i += 1;
    }
    parsed.rest = i;
    Ok(parsed)
}

/// Whether `s` is a shell name (`[A-Za-z_][A-Za-z0-9_]*`).
pub(crate) fn is_name(s: &[u8]) -> bool {
    !s.is_empty()
        && (s[0].is_ascii_alphabetic() || s[0] == b'_')
        && s.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// `name[subscript]` split in two, when `s` has that form with a valid name.
pub(crate) fn split_subscript(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let open = s.iter().position(|&c| c == b'[')?;
    if s.last() != Some(&b']') || !is_name(&s[..open]) || open + 2 >= s.len() {
        return None;
    }
    Some((&s[..open], &s[open + 1..s.len() - 1]))
}

/// Whether `s` may be assigned by `read`, `printf -v`, `mapfile`: a name or `name[sub]`.
pub(crate) fn is_assignable(s: &[u8]) -> bool {
    is_name(s) || split_subscript(s).is_some()
}

/// Whitespace as C's `isspace` sees it.
pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// A decimal integer as bash's `legal_number` reads it: optional blanks, a sign, digits,
/// optional blanks; `None` for anything else or on overflow.
pub(crate) fn legal_number(s: &[u8]) -> Option<i64> {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let start = i;
    let mut n: i64 = 0;
    while let Some(d) = s.get(i).filter(|c| c.is_ascii_digit()) {
        let d = i64::from(d - b'0');
        n = n.checked_mul(10).and_then(|n| {
            if neg {
                n.checked_sub(d)
            } else {
                n.checked_add(d)
            }
        })?;
        i += 1;
    }
    if i == start {
        return None;
    }
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    (i == s.len()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_like_bash() {
        let args: Vec<Vec<u8>> = ["-rd", "", "-n3", "x"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        let p = getopt(&args, b"rd:n:").unwrap();
        assert_eq!(
            p.opts,
            vec![
                (b'r', None),
                (b'd', Some(Vec::new())),
                (b'n', Some(b"3".to_vec()))
            ]
        );
        assert_eq!(p.rest, 3);
        let args = vec![b"-z".to_vec()];
        assert_eq!(getopt(&args, b"r"), Err(OptError::Invalid(b"-z".to_vec())));
    }

    #[test]
    fn legal_numbers() {
        assert_eq!(legal_number(b" 12 "), Some(12));
        assert_eq!(legal_number(b"-5"), Some(-5));
        assert_eq!(legal_number(b"1+1"), None);
        assert_eq!(legal_number(b""), None);
        assert_eq!(legal_number(b"99999999999999999999"), None);
        assert_eq!(legal_number(b"-9223372036854775808"), Some(i64::MIN));
    }

    #[test]
    fn subscripts() {
        assert_eq!(split_subscript(b"a[1]"), Some((&b"a"[..], &b"1"[..])));
        assert_eq!(split_subscript(b"a[]"), None);
        assert!(is_assignable(b"x_1"));
        assert!(!is_assignable(b"1x"));
    }
}
