//! Parameter expansion: `$x`, `${x…}` with every operator, special and positional parameters,
//! arrays.

use vbash_syntax::ast::{CaseConv, ParamExpansion, ParamOp, Parameter, Subscript, Word};

use super::case::convert_case;
use super::fields::Expansion;
use crate::exec::{Flow, Interp};
use crate::state::Value;

/// What a parameter refers to before its operator is applied.
#[derive(Clone, Debug)]
enum Resolved {
    Unset,
    Scalar(Vec<u8>),
    /// `$@`, `$*`, `${a[@]}`, `${a[*]}`: the elements, and whether it was the `*` form.
    List(Vec<Vec<u8>>, bool),
}

impl Resolved {
    fn is_unset(&self) -> bool {
        matches!(self, Resolved::Unset)
    }

    /// Unset, or (for the colon forms) empty.
    fn is_null(&self) -> bool {
        match self {
            Resolved::Unset => true,
            Resolved::Scalar(s) => s.is_empty(),
            Resolved::List(items, _) => items.iter().all(Vec::is_empty),
        }
    }
}

impl Interp {
    /// Expands one parameter expansion into `out`.
    pub(crate) async fn expand_param(
        &mut self,
        pe: &ParamExpansion,
        quoted: bool,
        out: &mut Expansion,
    ) -> Result<(), Flow> {
        if let ParamOp::Bad(text) = &pe.op {
            let mut msg = b"${".to_vec();
            msg.extend_from_slice(text);
            msg.extend_from_slice(b"}: bad substitution");
            self.error(&msg).await?;
            return Err(Flow::Abort(1));
        }
        // `${!ref}` of a name reference is the name it refers to.
        if pe.indirect && pe.op == ParamOp::None {
            if let Parameter::Named { name, index: None } = &pe.param {
                if let Some(v) = self.state.vars.get_raw(name).filter(|v| v.attrs.nameref) {
                    let target = v.as_scalar().unwrap_or_default().to_vec();
                    out.expanded(&target, quoted);
                    return Ok(());
                }
            }
        }
        let mut value = self.resolve(&pe.param).await?;
        if pe.indirect {
            let name = match &value {
                Resolved::Scalar(s) => s.clone(),
                _ => Vec::new(),
            };
            value = match vbash_syntax::parse(&[b"${", &name[..], b"}"].concat()) {
                Ok(_) if !name.is_empty() => self.resolve_name_text(&name).await?,
                _ => {
                    let mut msg = name;
                    msg.extend_from_slice(b": invalid indirect expansion");
                    self.error(&msg).await?;
                    return Err(Flow::Exit(1));
                }
            };
        }
        let name = param_name(&pe.param);
        if self.state.options.nounset && value.is_unset() && !tolerates_unset(&pe.op) {
            let mut msg = unbound_name(&pe.param);
            msg.extend_from_slice(b": unbound variable");
            self.error(&msg).await?;
            return Err(Flow::Exit(self.fatal_status()));
        }
        match &pe.op {
            ParamOp::None => emit(out, value, quoted, &self.ifs()),
            ParamOp::Length => {
                let n = match &value {
                    Resolved::Unset => 0,
                    Resolved::Scalar(s) => char_count(s),
                    Resolved::List(items, _) => items.len(),
                };
                out.expanded(n.to_string().as_bytes(), quoted);
            }
            ParamOp::Default { colon, word } | ParamOp::Alternative { colon, word } => {
                let missing = if *colon {
                    value.is_null()
                } else {
                    value.is_unset()
                };
                let use_word = matches!(pe.op, ParamOp::Default { .. }) == missing;
                if use_word {
                    self.expand_parts(&word.parts, quoted, out).await?;
                } else if matches!(pe.op, ParamOp::Default { .. }) {
                    emit(out, value, quoted, &self.ifs());
                }
            }
            ParamOp::Assign { colon, word } => {
                let missing = if *colon {
                    value.is_null()
                } else {
                    value.is_unset()
                };
                if missing {
                    let text = self.expand_string(word).await?;
                    match &pe.param {
                        Parameter::Named { name, index: None } => {
                            if let Err(e) = self.state.vars_mut().set(name, text.clone()) {
                                self.var_error(e).await?;
                                return Err(Flow::Exit(1));
                            }
                        }
                        _ => {
                            let mut msg = b"$".to_vec();
                            msg.extend_from_slice(&name);
                            msg.extend_from_slice(b": cannot assign in this way");
                            self.error(&msg).await?;
                            return Err(Flow::Exit(1));
                        }
                    }
                    out.expanded(&text, quoted);
                } else {
                    emit(out, value, quoted, &self.ifs());
                }
            }
            ParamOp::Error { colon, word } => {
                let missing = if *colon {
                    value.is_null()
                } else {
                    value.is_unset()
                };
                if missing {
                    let mut msg = name.clone();
                    msg.extend_from_slice(b": ");
                    if word.parts.is_empty() {
                        msg.extend_from_slice(if *colon {
                            b"parameter null or not set"
                        } else {
                            b"parameter not set"
                        });
                    } else {
                        msg.extend_from_slice(&self.expand_string(word).await?);
                    }
                    self.error(&msg).await?;
                    return Err(Flow::Exit(self.fatal_status()));
                }
                emit(out, value, quoted, &self.ifs());
            }
            ParamOp::Substring { offset, length } => {
                let value = self
                    .substring(&pe.param, value, offset, length.as_ref())
                    .await?;
                emit(out, value, quoted, &self.ifs());
            }
            ParamOp::Case {
                conv,
                all,
                pattern: None,
            } => {
                let convert = |s: &[u8]| convert_case(s, *conv, *all);
                emit(out, map_values(value, convert), quoted, &self.ifs());
            }
            ParamOp::Transform(op) => {
                let value = self.transform(*op, &pe.param, value);
                emit(out, value, quoted, &self.ifs());
            }
            ParamOp::PrefixNames { star } => {
                let names = self.state.vars.names_with_prefix(&name);
                emit(out, Resolved::List(names, *star), quoted, &self.ifs());
            }
            ParamOp::Keys { star } => {
                let keys = match self.state.vars.get(&name).map(|v| &v.value) {
                    Some(Value::Indexed(a)) => {
                        a.keys().map(|k| k.to_string().into_bytes()).collect()
                    }
                    Some(Value::Assoc(m)) => crate::state::assoc_order(m)
                        .into_iter()
                        .map(|(k, _)| k.clone())
                        .collect(),
                    Some(Value::Scalar(_)) => vec![b"0".to_vec()],
                    _ => Vec::new(),
                };
                emit(out, Resolved::List(keys, *star), quoted, &self.ifs());
            }
            ParamOp::RemovePrefix { .. }
            | ParamOp::RemoveSuffix { .. }
            | ParamOp::Replace { .. }
            | ParamOp::Case { .. } => {
                let value = self.pattern_op(&pe.op, value).await?;
                emit(out, value, quoted, &self.ifs());
            }
            ParamOp::Bad(_) => unreachable!("handled above"),
        }
        Ok(())
    }

    /// The status an expansion error that ends the shell gives it: 127 at the top level of a
    /// script, as bash's `-c` shell does, 1 in a subshell.
    fn fatal_status(&self) -> i32 {
        if self.state.in_subshell {
            1
        } else {
            127
        }
    }

    /// The value a parameter refers to.
    async fn resolve(&mut self, param: &Parameter) -> Result<Resolved, Flow> {
        Ok(match param {
            Parameter::Positional(0) => Resolved::Scalar(self.state.arg0.clone()),
            Parameter::Positional(n) => match self.state.positional.get(*n as usize - 1) {
                Some(v) => Resolved::Scalar(v.clone()),
                None => Resolved::Unset,
            },
            Parameter::Special(c) => self.special(*c),
            Parameter::Named { name, index } => match index {
                None => match self.state.vars.get(name).map(|v| &v.value) {
                    None | Some(Value::Declared) => match self.dynamic(name) {
                        Some(mut values) if !values.is_empty() => {
                            Resolved::Scalar(values.swap_remove(0))
                        }
                        _ => Resolved::Unset,
                    },
                    Some(Value::Scalar(s)) => Resolved::Scalar(s.clone()),
                    Some(Value::Indexed(a)) => match a.get(&0) {
                        Some(v) => Resolved::Scalar(v.clone()),
                        None => Resolved::Unset,
                    },
                    Some(Value::Assoc(m)) => match m.get(&b"0"[..]) {
                        Some(v) => Resolved::Scalar(v.clone()),
                        None => Resolved::Unset,
                    },
                },
                Some(Subscript::At | Subscript::Star) => {
                    let star = matches!(index, Some(Subscript::Star));
                    if self
                        .state
                        .vars
                        .get(name)
                        .is_none_or(|v| v.value == Value::Declared)
                    {
                        if let Some(values) = self.dynamic(name) {
                            return Ok(Resolved::List(values, star));
                        }
                        return Ok(Resolved::Unset);
                    }
                    let items = match self.state.vars.get(name).map(|v| &v.value) {
                        Some(Value::Indexed(a)) => a.values().cloned().collect(),
                        Some(Value::Assoc(m)) => crate::state::assoc_order(m)
                            .into_iter()
                            .map(|(_, v)| v.clone())
                            .collect(),
                        Some(Value::Scalar(s)) => vec![s.clone()],
                        _ => self.dynamic(name).unwrap_or_default(),
                    };
                    Resolved::List(items, star)
                }
                Some(Subscript::Expr(word))
                    if self.state.vars.get(name).is_some_and(|v| v.is_assoc()) =>
                {
                    // An associative array's key is a string, not arithmetic.
                    let key = self.expand_string(word).await?;
                    match self.state.vars.get(name).map(|v| &v.value) {
                        Some(Value::Assoc(m)) => m
                            .get(&key)
                            .cloned()
                            .map_or(Resolved::Unset, Resolved::Scalar),
                        _ => Resolved::Unset,
                    }
                }
                Some(Subscript::Expr(word)) => {
                    let index = self.arithmetic(word).await?;
                    match self.state.vars.get(name).map(|v| &v.value) {
                        Some(Value::Indexed(a)) => {
                            let i = if index < 0 {
                                a.keys().next_back().map_or(index, |last| last + 1 + index)
                            } else {
                                index
                            };
                            a.get(&i).cloned().map_or(Resolved::Unset, Resolved::Scalar)
                        }
                        Some(Value::Scalar(s)) if index == 0 || index == -1 => {
                            Resolved::Scalar(s.clone())
                        }
                        Some(_) => Resolved::Unset,
                        None => {
                            let values = self.dynamic(name).unwrap_or_default();
                            let i = if index < 0 {
                                values.len() as i64 + index
                            } else {
                                index
                            };
                            usize::try_from(i)
                                .ok()
                                .and_then(|i| values.get(i).cloned())
                                .map_or(Resolved::Unset, Resolved::Scalar)
                        }
                    }
                }
            },
        })
    }

    /// `${!name}`: the parameter whose name is the value of `name`.
    async fn resolve_name_text(&mut self, text: &[u8]) -> Result<Resolved, Flow> {
        let program = vbash_syntax::parse(&[b"${", text, b"}"].concat()).ok();
        let pe = program.as_ref().and_then(|p| {
            let vbash_syntax::ast::Command::Simple(s) =
                &p.commands.first()?.items.first()?.and_or.first.commands[0]
            else {
                return None;
            };
            let vbash_syntax::ast::Argument::Word(w) = s.words.first()? else {
                return None;
            };
            match w.parts.first()? {
                vbash_syntax::ast::WordPart::Param(pe) => Some((**pe).clone()),
                _ => None,
            }
        });
        match pe {
            Some(pe) if pe.op == ParamOp::None => self.resolve(&pe.param).await,
            _ => Ok(Resolved::Unset),
        }
    }

    /// `$?`, `$#`, `$@`, `$*`, `$$`, `$!`, `$-`.
    fn special(&self, c: u8) -> Resolved {
        match c {
            b'?' => Resolved::Scalar(self.state.last_status.to_string().into_bytes()),
            b'#' => Resolved::Scalar(self.state.positional.len().to_string().into_bytes()),
            b'@' | b'*' => Resolved::List(self.state.positional.to_vec(), c == b'*'),
            b'$' => Resolved::Scalar(b"1".to_vec()),
            b'-' => Resolved::Scalar(self.state.option_flags()),
            b'!' => match self.state.jobs.last() {
                Some((pid, _)) => Resolved::Scalar(pid.to_string().into_bytes()),
                None => Resolved::Unset,
            },
            _ => Resolved::Unset,
        }
    }

    /// Variables the shell computes when read (unless the script set them): the list of
    /// values (one for scalars), or `None` for other names.
    fn dynamic(&mut self, name: &[u8]) -> Option<Vec<Vec<u8>>> {
        let text = |s: String| vec![s.into_bytes()];
        let clock = &self.ctx.clock;
        Some(match name {
            b"PWD" => vec![self.state.cwd.as_bytes().to_vec()],
            b"LINENO" => text(self.state.line.to_string()),
            b"RANDOM" => text(self.state.next_random().to_string()),
            b"SRANDOM" => {
                let a = u32::from(self.state.next_random());
                let b = u32::from(self.state.next_random());
                text(((a << 17) ^ (b << 2) ^ (clock.epoch_us() as u32 & 3)).to_string())
            }
            b"SECONDS" => {
                let ms = clock.monotonic_ms().saturating_sub(self.ctx.start_ms);
                text((ms / 1000).to_string())
            }
            b"EPOCHSECONDS" => text((clock.epoch_us() / 1_000_000).to_string()),
            b"EPOCHREALTIME" => {
                let us = clock.epoch_us();
                text(format!("{}.{:06}", us / 1_000_000, us % 1_000_000))
            }
            b"BASH_VERSION" => text("5.2.15(1)-release".into()),
            b"BASH_VERSINFO" => ["5", "2", "15", "1", "release", "x86_64-pc-linux-gnu"]
                .iter()
                .map(|s| s.as_bytes().to_vec())
                .collect(),
            b"MACHTYPE" => text("x86_64-pc-linux-gnu".into()),
            b"HOSTTYPE" => text("x86_64".into()),
            b"UID" | b"EUID" => text("1000".into()),
            b"PPID" => text("0".into()),
            b"BASHPID" => text("1".into()),
            b"SHLVL" => text("1".into()),
            b"BASH_SUBSHELL" => text("0".into()),
            b"PIPESTATUS" => self
                .state
                .pipestatus
                .iter()
                .map(|s| s.to_string().into_bytes())
                .collect(),
            _ => return None,
        })
    }

    /// `${x:offset:length}` on a string (characters) or a list (elements).
    async fn substring(
        &mut self,
        param: &Parameter,
        value: Resolved,
        offset: &Word,
        length: Option<&Word>,
    ) -> Result<Resolved, Flow> {
        let off = self.arithmetic(offset).await?;
        let len = match length {
            Some(w) => Some(self.arithmetic(w).await?),
            None => None,
        };
        let slice = |n: usize| -> Option<(usize, usize)> {
            let start = if off < 0 {
                n.checked_sub(off.unsigned_abs() as usize)?
            } else {
                (off as usize).min(n)
            };
            let end = match len {
                None => n,
                Some(l) if l < 0 => n.checked_sub(l.unsigned_abs() as usize)?,
                Some(l) => start.saturating_add(l as usize).min(n),
            };
            Some((start, end.max(start)))
        };
        Ok(match value {
            Resolved::Unset => Resolved::Unset,
            Resolved::Scalar(s) => {
                let chars = char_bounds(&s);
                match slice(chars.len() - 1) {
                    Some((a, b)) => Resolved::Scalar(s[chars[a]..chars[b]].to_vec()),
                    None => Resolved::Scalar(Vec::new()),
                }
            }
            // On an indexed array the offset counts indices, not elements (sparse arrays).
            Resolved::List(_, star)
                if matches!(
                    param,
                    Parameter::Named {
                        index: Some(Subscript::At | Subscript::Star),
                        ..
                    }
                ) && self.indexed_values(param).is_some() =>
            {
                let array = self.indexed_values(param).unwrap_or_default();
                let end = array.last().map_or(0, |(k, _)| k + 1);
                let start = if off < 0 { end + off } else { off };
                if start < 0 {
                    return Ok(Resolved::List(Vec::new(), star));
                }
                let from: Vec<Vec<u8>> = array
                    .into_iter()
                    .filter(|(k, _)| *k >= start)
                    .map(|(_, v)| v)
                    .collect();
                let taken = match len {
                    Some(l) if l >= 0 => from.into_iter().take(l as usize).collect(),
                    Some(_) => Vec::new(),
                    None => from,
                };
                Resolved::List(taken, star)
            }
            Resolved::List(mut items, star) => {
                // `${@:0}` starts with `$0`.
                if matches!(param, Parameter::Special(b'@' | b'*')) {
                    items.insert(0, self.state.arg0.clone());
                    if off == 0 && len.is_none() {
                        return Ok(Resolved::List(items, star));
                    }
                }
                match slice(items.len()) {
                    Some((a, b)) => Resolved::List(items[a..b].to_vec(), star),
                    None => Resolved::List(Vec::new(), star),
                }
            }
        })
    }

    /// The (index, value) pairs of an indexed array parameter, in index order.
    fn indexed_values(&self, param: &Parameter) -> Option<Vec<(i64, Vec<u8>)>> {
        let Parameter::Named { name, .. } = param else {
            return None;
        };
        match &self.state.vars.get(name)?.value {
            Value::Indexed(a) => Some(a.iter().map(|(k, v)| (*k, v.clone())).collect()),
            _ => None,
        }
    }

    /// The `${x@OP}` transformations.
    fn transform(&self, op: u8, param: &Parameter, value: Resolved) -> Resolved {
        match op {
            b'Q' => map_values(value, crate::quote::quote),
            b'U' => map_values(value, |s| convert_case(s, CaseConv::Upper, true)),
            b'u' => map_values(value, |s| convert_case(s, CaseConv::Upper, false)),
            b'L' => map_values(value, |s| convert_case(s, CaseConv::Lower, true)),
            b'E' => map_values(value, vbash_syntax::decode_ansi_c),
            b'A' => match (&value, param) {
                (Resolved::Scalar(s), Parameter::Named { name, .. }) => {
                    let mut t = name.to_vec();
                    t.push(b'=');
                    t.extend_from_slice(&crate::quote::quote(s));
                    Resolved::Scalar(t)
                }
                _ => value,
            },
            b'a' => {
                // The attribute letters `declare` would show: a A i l u r x.
                let flags = match param {
                    Parameter::Named { name, .. } => match self.state.vars.get(name) {
                        Some(v) => {
                            let a = v.attrs;
                            let mut f = Vec::new();
                            match v.value {
                                Value::Indexed(_) => f.push(b'a'),
                                Value::Assoc(_) => f.push(b'A'),
                                _ => {}
                            }
                            for (on, c) in [
                                (a.integer, b'i'),
                                (a.lower, b'l'),
                                (a.upper, b'u'),
                                (a.readonly, b'r'),
                                (a.export, b'x'),
                            ] {
                                if on {
                                    f.push(c);
                                }
                            }
                            f
                        }
                        None => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                map_values(value, |_| flags.clone())
            }
            _ => value,
        }
    }

    /// Operators that take a pattern, applied to each value.
    async fn pattern_op(&mut self, op: &ParamOp, value: Resolved) -> Result<Resolved, Flow> {
        Ok(match value {
            Resolved::Unset => Resolved::Unset,
            Resolved::Scalar(s) => {
                let mut r = self.apply_pattern_op(op, vec![s]).await?;
                Resolved::Scalar(r.pop().unwrap_or_default())
            }
            Resolved::List(items, star) => {
                Resolved::List(self.apply_pattern_op(op, items).await?, star)
            }
        })
    }
}

/// Appends a resolved value: a scalar as one (splittable) piece, a list as fields.
fn emit(out: &mut Expansion, value: Resolved, quoted: bool, ifs: &[u8]) {
    match value {
        Resolved::Unset => {}
        Resolved::Scalar(s) => out.expanded(&s, quoted),
        Resolved::List(items, star) if quoted && star => {
            let sep = ifs.first().map(|&c| vec![c]).unwrap_or_default();
            out.quoted(&items.join(&sep[..]));
        }
        Resolved::List(items, _) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.field_break();
                }
                out.expanded(item, quoted);
            }
        }
    }
}

fn map_values(value: Resolved, f: impl Fn(&[u8]) -> Vec<u8>) -> Resolved {
    match value {
        Resolved::Unset => Resolved::Unset,
        Resolved::Scalar(s) => Resolved::Scalar(f(&s)),
        Resolved::List(items, star) => Resolved::List(items.iter().map(|s| f(s)).collect(), star),
    }
}

/// How bash names a parameter in `unbound variable`: `$1`, `a[0]`, `x`.
fn unbound_name(p: &Parameter) -> Vec<u8> {
    match p {
        Parameter::Positional(n) => format!("${n}").into_bytes(),
        Parameter::Named {
            name,
            index: Some(Subscript::Expr(w)),
        } => {
            let mut t = name.to_vec();
            t.push(b'[');
            t.extend_from_slice(vbash_syntax::print::word(w).as_bytes());
            t.push(b']');
            t
        }
        other => param_name(other),
    }
}

/// The name a parameter is reported under in messages.
fn param_name(p: &Parameter) -> Vec<u8> {
    match p {
        Parameter::Named { name, .. } => name.to_vec(),
        Parameter::Positional(n) => n.to_string().into_bytes(),
        Parameter::Special(c) => vec![*c],
    }
}

/// Operators that do not fail under `set -u` for an unset parameter.
fn tolerates_unset(op: &ParamOp) -> bool {
    matches!(
        op,
        ParamOp::Default { .. }
            | ParamOp::Assign { .. }
            | ParamOp::Error { .. }
            | ParamOp::Alternative { .. }
            | ParamOp::PrefixNames { .. }
    )
}

/// The byte offsets of character starts (UTF-8; invalid bytes count one each), plus the end.
pub(super) fn char_bounds(s: &[u8]) -> Vec<usize> {
    let mut bounds = Vec::with_capacity(s.len() + 1);
    let mut i = 0;
    while i < s.len() {
        bounds.push(i);
        i += utf8_len(&s[i..]);
    }
    bounds.push(s.len());
    bounds
}

/// Characters in `s` (UTF-8; an invalid byte counts as one).
fn char_count(s: &[u8]) -> usize {
    char_bounds(s).len() - 1
}

/// The length of the character at the start of `s`.
fn utf8_len(s: &[u8]) -> usize {
    let want = match s[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return 1,
    };
    if s.len() >= want && std::str::from_utf8(&s[..want]).is_ok() {
        want
    } else {
        1
    }
}
