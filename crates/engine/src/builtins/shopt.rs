//! `shopt`: bash's optional behaviours, and (`-o`) the `set -o` options.
//!
//! Options the interpreter honours live in [`crate::state::Shopt`] and
//! [`crate::state::Options`]; the others are stored (`BuiltinState::other_options`) so scripts
//! can set and query them, as with bash.

use super::getopt;
use crate::exec::{Flow, Interp};

/// Every `shopt` option of bash 5.2 with its default in a non-interactive shell.
const SHOPT: &[(&str, bool)] = &[
    ("autocd", false),
    ("assoc_expand_once", false),
    ("cdable_vars", false),
    ("cdspell", false),
    ("checkhash", false),
    ("checkjobs", false),
    ("checkwinsize", true),
    ("cmdhist", true),
    ("compat31", false),
    ("compat32", false),
    ("compat40", false),
    ("compat41", false),
    ("compat42", false),
    ("compat43", false),
    ("compat44", false),
    ("complete_fullquote", true),
    ("direxpand", false),
    ("dirspell", false),
    ("dotglob", false),
    ("execfail", false),
    ("expand_aliases", false),
    ("extdebug", false),
    ("extglob", false),
    ("extquote", true),
    ("failglob", false),
    ("force_fignore", true),
    ("globasciiranges", true),
    ("globskipdots", true),
    ("globstar", false),
    ("gnu_errfmt", false),
    ("histappend", false),
    ("histreedit", false),
    ("histverify", false),
    ("hostcomplete", true),
    ("huponexit", false),
    ("inherit_errexit", false),
    ("interactive_comments", true),
    ("lastpipe", false),
    ("lithist", false),
    ("localvar_inherit", false),
    ("localvar_unset", false),
    ("login_shell", false),
    ("mailwarn", false),
    ("no_empty_cmd_completion", false),
    ("nocaseglob", false),
    ("nocasematch", false),
    ("noexpand_translation", false),
    ("nullglob", false),
    ("patsub_replacement", true),
    ("progcomp", true),
    ("progcomp_alias", false),
    ("promptvars", true),
    ("restricted_shell", false),
    ("shift_verbose", false),
    ("sourcepath", true),
    ("varredir_close", false),
    ("xpg_echo", false),
];

/// Every `set -o` option of bash 5.2 with its default in a non-interactive shell.
const SET_O: &[(&str, bool)] = &[
    ("allexport", false),
    ("braceexpand", true),
    ("emacs", false),
    ("errexit", false),
    ("errtrace", false),
    ("functrace", false),
    ("hashall", true),
    ("histexpand", false),
    ("history", false),
    ("ignoreeof", false),
    ("interactive-comments", true),
    ("keyword", false),
    ("monitor", false),
    ("noclobber", false),
    ("noexec", false),
    ("noglob", false),
    ("nolog", false),
    ("notify", false),
    ("nounset", false),
    ("onecmd", false),
    ("physical", false),
    ("pipefail", false),
    ("posix", false),
    ("privileged", false),
    ("verbose", false),
    ("vi", false),
    ("xtrace", false),
];

impl Interp {
    /// The value of option `name` (`set -o` options with `set_o`); `None` if there is none.
    pub(crate) fn option_value(&self, name: &[u8], set_o: bool) -> Option<bool> {
        let table = if set_o { SET_O } else { SHOPT };
        let default = table.iter().find(|o| o.0.as_bytes() == name)?.1;
        let honoured = if set_o {
            let o = &self.state.options;
            match name {
                b"errexit" => Some(o.errexit),
                b"nounset" => Some(o.nounset),
                b"xtrace" => Some(o.xtrace),
                b"noglob" => Some(o.noglob),
                b"pipefail" => Some(o.pipefail),
                b"noclobber" => Some(o.noclobber),
                b"errtrace" => Some(o.errtrace),
                _ => None,
            }
        } else {
            self.state.shopt.get_by_name(name)
        };
        Some(
            honoured
                .unwrap_or_else(|| *self.state.extra.other_options.get(name).unwrap_or(&default)),
        )
    }

    /// Sets option `name`; `false` if there is no such option.
    pub(crate) fn set_option(&mut self, name: &[u8], on: bool, set_o: bool) -> bool {
        let table = if set_o { SET_O } else { SHOPT };
        if !table.iter().any(|o| o.0.as_bytes() == name) {
            return false;
        }
        let done = if set_o {
            self.state.options.set_by_name(name, on)
        } else {
            self.state.shopt.set_by_name(name, on)
        };
        if !done {
            self.state.extra.other_options.insert(name.to_vec(), on);
        }
        true
    }

    /// `shopt [-pqsu] [-o] [optname …]`.
    pub(crate) async fn builtin_shopt(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"pqsuo") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"shopt", e).await,
        };
        let has = |c: u8| parsed.opts.iter().any(|o| o.0 == c);
        let (print, quiet, set, unset, set_o) =
            (has(b'p'), has(b'q'), has(b's'), has(b'u'), has(b'o'));
        if set && unset {
            return self
                .builtin_error(
                    b"shopt",
                    b"cannot set and unset shell options simultaneously",
                    1,
                )
                .await;
        }
        let names = &args[parsed.rest..];
        let bad_name: &[u8] = if set_o {
            b": invalid option name"
        } else {
            b": invalid shell option name"
        };
        let line = |name: &str, on: bool, reusable: bool| -> String {
            match (reusable, set_o) {
                (true, true) => format!("set {}o {name}\n", if on { '-' } else { '+' }),
                (true, false) => format!("shopt {} {name}\n", if on { "-s" } else { "-u" }),
                (false, _) => format!("{name:<15}\t{}\n", if on { "on" } else { "off" }),
            }
        };
        if (set || unset) && !names.is_empty() {
            let mut status = 0;
            for name in names {
                if !self.set_option(name, set, set_o) {
                    let mut msg = name.clone();
                    msg.extend_from_slice(bad_name);
                    status = self.builtin_error(b"shopt", &msg, 1).await?;
                }
            }
            return Ok(status);
        }
        let table = if set_o { SET_O } else { SHOPT };
        let mut out = String::new();
        let mut status = 0;
        if names.is_empty() {
            for (name, _) in table {
                let on = self.option_value(name.as_bytes(), set_o).unwrap_or(false);
                if (set && !on) || (unset && on) {
                    continue;
                }
                out.push_str(&line(name, on, print));
            }
        } else {
            for name in names {
                match self.option_value(name, set_o) {
                    Some(on) => {
                        if !on {
                            status = 1;
                        }
                        out.push_str(&line(&String::from_utf8_lossy(name), on, print));
                    }
                    None => {
                        let mut msg = name.clone();
                        msg.extend_from_slice(bad_name);
                        status = self.builtin_error(b"shopt", &msg, 1).await?;
                    }
                }
            }
        }
        if !quiet {
            self.out(out.as_bytes()).await?;
        }
        Ok(status)
    }
}
