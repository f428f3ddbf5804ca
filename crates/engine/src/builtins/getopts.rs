//! `getopts` (POSIX option parsing for scripts) and `let` (arithmetic).

use super::{getopt, is_name};
use crate::exec::{Flow, Interp};

/// What one `getopts` call found.
enum Found {
    End,
    Option(u8, Option<Vec<u8>>),
    /// An option letter not in the spec.
    Invalid(u8),
    /// An option that needs an argument came last.
    Missing(u8),
}

impl Interp {
    /// `getopts optstring name [arg …]`: the next option of the positional parameters (or of
    /// the arguments given), into `name`, `OPTARG` and `OPTIND`.
    pub(crate) async fn builtin_getopts(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"getopts", e).await,
        };
        let args = &args[parsed.rest..];
        if args.len() < 2 {
            return self.usage(b"getopts").await;
        }
        let (spec, name) = (&args[0], &args[1]);
        let words: Vec<Vec<u8>> = if args.len() > 2 {
            args[2..].to_vec()
        } else {
            self.state.positional.to_vec()
        };
        let (silent, spec) = match spec.strip_prefix(b":") {
            Some(s) => (true, s),
            None => (false, &spec[..]),
        };
        let opterr = self.state.scalar(b"OPTERR") != Some(b"0");

        // OPTIND counts from 1 over `$0 words…`; a value other than the one getopts left
        // means the script reset it, which restarts the scan of the current word.
        let optind_var = self
            .state
            .scalar(b"OPTIND")
            .and_then(|v| std::str::from_utf8(v).ok()?.trim().parse::<i64>().ok())
            .unwrap_or(1);
        let g = &mut self.state.extra.getopts;
        if optind_var != g.optind {
            g.charindex = 0;
        }
        let argc = words.len() as i64 + 1;
        let mut optind = optind_var;
        let found = if optind >= argc || optind < 0 {
            optind = argc;
            Found::End
        } else {
            if optind == 0 {
                optind = 1;
                g.charindex = 0;
            }
            scan(&words, spec, &mut optind, &mut g.charindex)
        };
        g.optind = optind;
        let _ = self
            .state
            .vars_mut()
            .set(b"OPTIND", optind.to_string().into_bytes());
        let arg0 = self.state.arg0.clone();
        let complain = |what: &str, c: u8| {
            let mut line = arg0.clone();
            line.extend_from_slice(format!(": {what} -- {}\n", c as char).as_bytes());
            line
        };
        let (value, optarg, status): (&[u8], Option<Vec<u8>>, i32) = match found {
            Found::End => (b"?", None, 1),
            Found::Option(c, arg) => {
                let letter = [c];
                return self.getopts_set(name, &letter, arg, 0).await;
            }
            Found::Invalid(c) => {
                if !silent && opterr {
                    self.err_raw(&complain("illegal option", c)).await?;
                }
                (b"?", silent.then(|| vec![c]), 0)
            }
            Found::Missing(c) => {
                if silent {
                    (b":", Some(vec![c]), 0)
                } else {
                    if opterr {
                        self.err_raw(&complain("option requires an argument", c))
                            .await?;
                    }
                    (b"?", None, 0)
                }
            }
        };
        self.getopts_set(name, value, optarg, status).await
    }

    /// Sets `OPTARG` (unset for `None`) and `name`; `status` unless `name` is not assignable.
    async fn getopts_set(
        &mut self,
        name: &[u8],
        value: &[u8],
        optarg: Option<Vec<u8>>,
        status: i32,
    ) -> Result<i32, Flow> {
        let _ = match optarg {
            Some(a) => self.state.vars_mut().set(b"OPTARG", a),
            None => self.state.vars_mut().unset(b"OPTARG"),
        };
        if !is_name(name) {
            return self.invalid_identifier(b"getopts", name).await;
        }
        if let Err(e) = self.state.vars_mut().set(name, value.to_vec()) {
            self.var_error(e).await?;
            return Ok(1);
        }
        Ok(status)
    }

    /// `let expr…`: evaluates each; status 1 when the last is 0 (or on an error).
    pub(crate) async fn builtin_let(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let args = match args.first() {
            Some(a) if a.as_slice() == b"--" => &args[1..],
            _ => args,
        };
        if args.is_empty() {
            return self.builtin_error(b"let", b"expression expected", 1).await;
        }
        let mut last = 0;
        for expr in args {
            match self.arith_quiet(expr) {
                Ok(v) => last = v,
                Err(e) => {
                    return self
                        .builtin_error(b"let", e.to_string().as_bytes(), 1)
                        .await;
                }
            }
        }
        Ok(i32::from(last == 0))
    }
}

/// bash's `sh_getopt` over `words` (which stand at indexes 1… as after `$0`).
fn scan(words: &[Vec<u8>], spec: &[u8], optind: &mut i64, charindex: &mut usize) -> Found {
    let argc = words.len() as i64 + 1;
    let word = |i: i64| &words[(i - 1) as usize];
    // A position inside a word that is no longer there (other arguments this time) restarts
    // at the next word, as bash's `sh_getopt_restore_state` does.
    if *charindex > 0 && (*optind >= argc || *charindex >= word(*optind).len()) {
        *charindex = 0;
    }
    if *charindex == 0 {
        if *optind >= argc {
            return Found::End;
        }
        let w = word(*optind);
        if w.as_slice() == b"--" {
            *optind += 1;
            return Found::End;
        }
        if w.len() < 2 || w[0] != b'-' {
            return Found::End;
        }
        *charindex = 1;
    }
    let w = word(*optind).clone();
    let c = w[*charindex];
    *charindex += 1;
    let at_end = *charindex >= w.len();
    if at_end {
        *optind += 1;
        *charindex = 0;
    }
    let known = spec.iter().position(|&s| s == c && c != b':');
    let Some(pos) = known else {
        return Found::Invalid(c);
    };
    if spec.get(pos + 1) != Some(&b':') {
        return Found::Option(c, None);
    }
    if !at_end {
        let arg = w[*charindex..].to_vec();
        *optind += 1;
        *charindex = 0;
        return Found::Option(c, Some(arg));
    }
    if *optind >= argc {
        return Found::Missing(c);
    }
    let arg = word(*optind).clone();
    *optind += 1;
    Found::Option(c, Some(arg))
}
