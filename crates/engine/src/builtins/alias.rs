//! `alias` and `unalias`. Aliases are kept in the shell state; the parser expands them when
//! `expand_aliases` is on (see [`crate::state::Aliases`]).

use std::sync::Arc;

use super::getopt;
use crate::exec::{Flow, Interp};

/// `alias NAME='VALUE'` as bash prints a definition.
fn definition(name: &[u8], value: &[u8]) -> Vec<u8> {
    let mut line = b"alias ".to_vec();
    line.extend_from_slice(name);
    line.push(b'=');
    if value == b"'" {
        line.extend_from_slice(b"\\'");
    } else {
        line.extend(crate::quote::quote(value));
    }
    line.push(b'\n');
    line
}

/// Whether bash accepts `name` as an alias name.
fn valid_alias_name(name: &[u8]) -> bool {
    !name.is_empty()
        && !name.iter().any(|c| {
            matches!(
                c,
                b' ' | b'\t'
                    | b'\n'
                    | b'/'
                    | b'$'
                    | b'`'
                    | b'='
                    | b'\''
                    | b'"'
                    | b'\\'
                    | b'|'
                    | b'&'
                    | b';'
                    | b'('
                    | b')'
                    | b'<'
                    | b'>'
            )
        })
}

impl Interp {
    /// `alias [-p] [name[=value] …]`.
    pub(crate) async fn builtin_alias(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"p") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"alias", e).await,
        };
        let operands = &args[parsed.rest..];
        let mut out = Vec::new();
        if operands.is_empty() || !parsed.opts.is_empty() {
            for (name, value) in self.state.extra.aliases.0.iter() {
                out.extend(definition(name, value));
            }
        }
        let mut status = 0;
        for op in operands {
            match op.iter().position(|&c| c == b'=').filter(|&i| i > 0) {
                Some(eq) => {
                    let (name, value) = (&op[..eq], &op[eq + 1..]);
                    if !valid_alias_name(name) {
                        let mut msg = b"`".to_vec();
                        msg.extend_from_slice(name);
                        msg.extend_from_slice(b"': invalid alias name");
                        self.out(&std::mem::take(&mut out)).await?;
                        status = self.builtin_error(b"alias", &msg, 1).await?;
                        continue;
                    }
                    Arc::make_mut(&mut self.state.extra.aliases.0)
                        .insert(name.to_vec(), value.to_vec());
                }
                None => match self.state.extra.aliases.0.get(op.as_slice()) {
                    Some(value) => out.extend(definition(op, value)),
                    None => {
                        let mut msg = op.clone();
                        msg.extend_from_slice(b": not found");
                        self.out(&std::mem::take(&mut out)).await?;
                        status = self.builtin_error(b"alias", &msg, 1).await?;
                    }
                },
            }
        }
        self.out(&out).await?;
        Ok(status)
    }

    /// `unalias [-a] name …`.
    pub(crate) async fn builtin_unalias(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"a") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"unalias", e).await,
        };
        if !parsed.opts.is_empty() {
            Arc::make_mut(&mut self.state.extra.aliases.0).clear();
            return Ok(0);
        }
        let names = &args[parsed.rest..];
        if names.is_empty() {
            return self.usage(b"unalias").await;
        }
        let mut status = 0;
        for name in names {
            if Arc::make_mut(&mut self.state.extra.aliases.0)
                .remove(name.as_slice())
                .is_none()
            {
                let mut msg = name.clone();
                msg.extend_from_slice(b": not found");
                status = self.builtin_error(b"unalias", &msg, 1).await?;
            }
        }
        Ok(status)
    }
}
