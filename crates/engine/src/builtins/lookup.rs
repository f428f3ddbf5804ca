//! Finding commands: `type`, `command`, `builtin`, `hash`.
//!
//! A name is, in bash's order, an alias (when `expand_aliases` is on), a reserved word, a
//! function, a builtin, or a command registered with the shell. Registered commands have no
//! file; they are shown where the first `PATH` directory would hold them (`/usr/bin/grep`).

use super::{getopt, is_builtin, KEYWORDS};
use futures::future::BoxFuture;

use crate::exec::{Flow, Interp};

/// What a name is, for `type`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Alias(Vec<u8>),
    Keyword,
    Function,
    Builtin,
    File(Vec<u8>),
}

impl Interp {
    /// Everything `name` is, in lookup order (`skip_functions` for `type -f`).
    fn kinds(&self, name: &[u8], skip_functions: bool) -> Vec<Kind> {
        let mut out = Vec::new();
        if self.state.shopt.expand_aliases {
            if let Some(v) = self.state.extra.aliases.0.get(name) {
                out.push(Kind::Alias(v.clone()));
            }
        }
        if KEYWORDS.iter().any(|k| k.as_bytes() == name) {
            out.push(Kind::Keyword);
        }
        if !skip_functions && self.state.functions.contains_key(name) {
            out.push(Kind::Function);
        }
        if is_builtin(name) {
            out.push(Kind::Builtin);
        }
        if let Some(path) = self.command_path(name) {
            out.push(Kind::File(path));
        }
        out
    }

    /// Where a registered command `name` is said to be.
    fn command_path(&self, name: &[u8]) -> Option<Vec<u8>> {
        if name.contains(&b'/') || !self.ctx.commands.contains_key(name) {
            return None;
        }
        let dir = self
            .state
            .scalar(b"PATH")
            .and_then(|p| p.split(|&c| c == b':').find(|d| !d.is_empty()))
            .unwrap_or(b"/usr/bin")
            .to_vec();
        let mut path = dir;
        if path.last() != Some(&b'/') {
            path.push(b'/');
        }
        path.extend_from_slice(name);
        Some(path)
    }

    /// `NAME is …` lines for `type` and `command -V`.
    async fn describe(&self, name: &[u8], kind: &Kind) -> Vec<u8> {
        let n = String::from_utf8_lossy(name);
        let text = match kind {
            Kind::Alias(v) => format!("{n} is aliased to `{}'\n", String::from_utf8_lossy(v)),
            Kind::Keyword => format!("{n} is a shell keyword\n"),
            Kind::Function => {
                let def = self
                    .state
                    .functions
                    .get(name)
                    .map(|f| super::fnprint::function(f))
                    .unwrap_or_default();
                format!("{n} is a function\n{}\n", String::from_utf8_lossy(&def))
            }
            Kind::Builtin => format!("{n} is a shell builtin\n"),
            Kind::File(p) => format!("{n} is {}\n", String::from_utf8_lossy(p)),
        };
        text.into_bytes()
    }

    /// `type [-afptP] name …`.
    pub(crate) async fn builtin_type(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"afptP") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"type", e).await,
        };
        let has = |c: u8| parsed.opts.iter().any(|o| o.0 == c);
        let (all, skip_functions, terse, path_only, force_path) =
            (has(b'a'), has(b'f'), has(b't'), has(b'p'), has(b'P'));
        let mut status = 0;
        for name in &args[parsed.rest..] {
            let mut kinds = self.kinds(name, skip_functions);
            if force_path {
                kinds.retain(|k| matches!(k, Kind::File(_)));
            }
            if !all {
                kinds.truncate(1);
            }
            if kinds.is_empty() {
                status = 1;
                if !terse && !path_only && !force_path {
                    let mut msg = name.clone();
                    msg.extend_from_slice(b": not found");
                    self.builtin_error(b"type", &msg, 1).await?;
                }
                continue;
            }
            let mut out = Vec::new();
            for kind in &kinds {
                if terse {
                    let word: &[u8] = match kind {
                        Kind::Alias(_) => b"alias",
                        Kind::Keyword => b"keyword",
                        Kind::Function => b"function",
                        Kind::Builtin => b"builtin",
                        Kind::File(_) => b"file",
                    };
                    out.extend_from_slice(word);
                    out.push(b'\n');
                } else if path_only || force_path {
                    if let Kind::File(p) = kind {
                        out.extend_from_slice(p);
                        out.push(b'\n');
                    }
                } else {
                    out.extend(self.describe(name, kind).await);
                }
            }
            self.out(&out).await?;
        }
        Ok(status)
    }

    /// `command [-pVv] command [arg …]`: describes commands, or runs one without looking at
    /// functions.
    pub(crate) async fn builtin_command(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"pvV") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"command", e).await,
        };
        let mode = parsed.opts.iter().map(|o| o.0).rfind(|c| *c != b'p');
        let rest = &args[parsed.rest..];
        if rest.is_empty() {
            return Ok(0);
        }
        let Some(mode) = mode else {
            return self.run_skipping_functions(rest).await;
        };
        let mut found = false;
        for name in rest {
            let Some(kind) = self.kinds(name, false).into_iter().next() else {
                if mode == b'V' {
                    let mut msg = name.clone();
                    msg.extend_from_slice(b": not found");
                    self.builtin_error(b"command", &msg, 1).await?;
                }
                continue;
            };
            found = true;
            let out = if mode == b'V' {
                self.describe(name, &kind).await
            } else {
                let mut line = match &kind {
                    Kind::Alias(v) => {
                        let mut l = b"alias ".to_vec();
                        l.extend_from_slice(name);
                        l.push(b'=');
                        l.extend(crate::quote::quote(v));
                        l
                    }
                    Kind::File(p) => p.clone(),
                    _ => name.clone(),
                };
                line.push(b'\n');
                line
            };
            self.out(&out).await?;
        }
        Ok(if found { 0 } else { 1 })
    }

    /// Runs `argv` as a builtin or a registered command, never a function.
    fn run_skipping_functions<'a>(
        &'a mut self,
        argv: &'a [Vec<u8>],
    ) -> BoxFuture<'a, Result<i32, Flow>> {
        Box::pin(async move {
            if let Some(status) = self.run_builtin(argv).await? {
                return Ok(status);
            }
            self.run_program_or_fail(argv).await
        })
    }

    /// `builtin [shell-builtin [arg …]]` (boxed: it runs builtins, itself among them).
    pub(crate) fn builtin_builtin<'a>(
        &'a mut self,
        args: &'a [Vec<u8>],
    ) -> BoxFuture<'a, Result<i32, Flow>> {
        Box::pin(async move {
            let parsed = match getopt(args, b"") {
                Ok(p) => p,
                Err(e) => return self.bad_option(b"builtin", e).await,
            };
            let rest = &args[parsed.rest..];
            if rest.is_empty() {
                return Ok(0);
            }
            match self.run_builtin(rest).await? {
                Some(status) => Ok(status),
                None => {
                    let mut msg = rest[0].clone();
                    msg.extend_from_slice(b": not a shell builtin");
                    self.builtin_error(b"builtin", &msg, 1).await
                }
            }
        })
    }

    /// `hash [-lr] [-p pathname] [-dt] [name …]`: there is no search path to remember, so the
    /// table stays empty; names are checked.
    pub(crate) async fn builtin_hash(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"dlp:rt") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"hash", e).await,
        };
        let has = |c: u8| parsed.opts.iter().any(|o| o.0 == c);
        let names = &args[parsed.rest..];
        if names.is_empty() {
            if !has(b'r') && !has(b'p') {
                self.out(b"hash: hash table empty\n").await?;
            }
            return Ok(0);
        }
        if has(b'p') || has(b'd') {
            return Ok(0);
        }
        let mut status = 0;
        let mut out = Vec::new();
        for name in names {
            let found = if name.contains(&b'/') || is_builtin(name) {
                (!has(b't')).then(Vec::new)
            } else {
                self.command_path(name)
            };
            match found {
                Some(path) => {
                    if has(b't') {
                        if names.len() > 1 {
                            out.extend_from_slice(name);
                            out.push(b'\t');
                        }
                        out.extend_from_slice(&path);
                        out.push(b'\n');
                    }
                }
                None => {
                    let mut msg = name.clone();
                    msg.extend_from_slice(b": not found");
                    status = self.builtin_error(b"hash", &msg, 1).await?;
                }
            }
        }
        self.out(&out).await?;
        Ok(status)
    }
}
