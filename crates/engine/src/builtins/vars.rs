//! `declare`/`typeset`, `local`, `export`, `readonly`, `unset`.

use crate::exec::{Flow, Interp};
use crate::state::{Value, Variable};

impl Interp {
    /// `declare`, `typeset`, `local`, `export` and `readonly` with their common options
    /// (`-a -i -r -x -g -p`; `-n` is a plain variable for now) and `NAME[=VALUE]` operands.
    pub(crate) async fn builtin_declare(
        &mut self,
        name: &[u8],
        args: &[Vec<u8>],
    ) -> Result<i32, Flow> {
        let mut export = name == b"export";
        let mut readonly = name == b"readonly";
        let mut local = name == b"local";
        let (mut array, mut integer, mut print, mut unexport) = (false, false, false, false);
        let mut assoc = false;
        let (mut upper, mut lower) = (false, false);
        let mut nameref = false;
        // `-f` prints function definitions, `-F` only their names.
        let mut functions: Option<bool> = None;
        if local && self.state.call_depth == 0 {
            return self
                .builtin_error(b"local", b"can only be used in a function", 1)
                .await;
        }
        if name == b"declare" || name == b"typeset" {
            local = self.state.call_depth > 0;
        }
        let mut i = 0;
        while let Some(arg) = args.get(i) {
            if arg.as_slice() == b"--" {
                i += 1;
                break;
            }
            let (on, flags) = match arg.first() {
                Some(b'-') if arg.len() > 1 => (true, &arg[1..]),
                Some(b'+') if arg.len() > 1 => (false, &arg[1..]),
                _ => break,
            };
            for &c in flags {
                match c {
                    b'x' => {
                        export = on;
                        unexport = !on;
                    }
                    b'r' => readonly = on,
                    b'a' => array = on,
                    b'A' => assoc = on,
                    b'i' => integer = on,
                    b'p' => print = true,
                    b'g' => local = false,
                    b'u' => upper = on,
                    b'l' => lower = on,
                    b'n' => nameref = on,
                    b'f' => functions = Some(true),
                    b'F' => functions = Some(false),
                    // The trace attribute changes nothing here: there is no debugger.
                    b't' => {}
                    _ => {
                        let msg = format!("-{}: invalid option", c as char);
                        return self.builtin_error(name, msg.as_bytes(), 2).await;
                    }
                }
            }
            i += 1;
        }
        let operands = &args[i..];
        if let Some(definitions) = functions {
            return self.print_functions(operands, definitions).await;
        }
        if print || operands.is_empty() {
            return self
                .print_declarations(name, operands, export, readonly)
                .await;
        }
        let mut status = 0;
        for op in operands {
            let (var, value) = match op.iter().position(|&c| c == b'=') {
                Some(eq) => (&op[..eq], Some(&op[eq + 1..])),
                None => (&op[..], None),
            };
            let (var, append) = match var.strip_suffix(b"+") {
                Some(v) if value.is_some() => (v, true),
                _ => (var, false),
            };
            if !is_name(var) {
                let mut msg = b"`".to_vec();
                msg.extend_from_slice(op);
                msg.extend_from_slice(b"': not a valid identifier");
                status = self.builtin_error(name, &msg, 1).await?;
                continue;
            }
            if local {
                // A read-only global cannot be shadowed by a local.
                if self.state.vars.is_readonly(var) {
                    let mut msg = var.to_vec();
                    msg.extend_from_slice(b": readonly variable");
                    status = self.builtin_error(name, &msg, 1).await?;
                    continue;
                }
                self.state.vars_mut().declare_local(var);
            }
            if assoc && !self.state.vars.get(var).is_some_and(|v| v.is_assoc()) {
                let _ = self
                    .state
                    .vars_mut()
                    .set_value(var, Value::Assoc(Default::default()));
            }
            if nameref {
                // `declare -n ref=target`: the reference itself, not what it points to.
                if let Err(e) = self
                    .state
                    .vars_mut()
                    .set_nameref(var, value.map(<[u8]>::to_vec))
                {
                    self.var_error(e).await?;
                    status = 1;
                }
                continue;
            }
            // Attributes that shape values apply before the value; read-only comes after it.
            self.state.vars_mut().set_attrs(var, |a| {
                if integer {
                    a.integer = true;
                }
                if upper {
                    (a.upper, a.lower) = (true, false);
                }
                if lower {
                    (a.upper, a.lower) = (false, true);
                }
            });
            if let Some(value) = value {
                let r = if value.starts_with(b"(") && value.ends_with(b")") && (array || !append) {
                    self.assign_array_text(var, &value[1..value.len() - 1], append)
                        .await?
                } else {
                    self.assign_scalar(var, value.to_vec(), append).await?
                };
                if let Err(crate::state::VarError::Readonly(v)) = r {
                    let mut msg = v;
                    msg.extend_from_slice(b": readonly variable");
                    status = self.builtin_error(name, &msg, 1).await?;
                    continue;
                }
            } else if array && self.state.vars.get(var).is_none() {
                let _ = self
                    .state
                    .vars_mut()
                    .set_value(var, Value::Indexed(Default::default()));
            }
            self.state.vars_mut().set_attrs(var, |a| {
                if export {
                    a.export = true;
                }
                if unexport {
                    a.export = false;
                }
                if readonly {
                    a.readonly = true;
                }
            });
        }
        Ok(status)
    }

    /// Assigns `( … )` text produced for a declaration argument: elements quoted by
    /// [`crate::quote::quote`] or `[k]=v`.
    async fn assign_array_text(
        &mut self,
        var: &[u8],
        inner: &[u8],
        append: bool,
    ) -> Result<Result<(), crate::state::VarError>, Flow> {
        let mut script = var.to_vec();
        script.extend_from_slice(if append { b"+=(" } else { b"=(" });
        script.extend_from_slice(inner);
        script.push(b')');
        match vbash_syntax::parse(&script) {
            Ok(program) => {
                self.run_program(&program).await?;
                Ok(Ok(()))
            }
            Err(_) => Ok(self.state.vars_mut().set(var, inner.to_vec())),
        }
    }

    /// `declare -p`, `export -p`, `readonly -p` and the bare forms: lists variables.
    async fn print_declarations(
        &mut self,
        name: &[u8],
        operands: &[Vec<u8>],
        export_only: bool,
        readonly_only: bool,
    ) -> Result<i32, Flow> {
        let mut out = Vec::new();
        let mut status = 0;
        let names: Vec<Vec<u8>> = if operands.is_empty() {
            self.state.vars.names_with_prefix(b"")
        } else {
            operands.to_vec()
        };
        for var in names {
            let Some(v) = self.state.vars.get_raw(&var).cloned() else {
                if !operands.is_empty() {
                    let mut msg = var.clone();
                    msg.extend_from_slice(b": not found");
                    status = self.builtin_error(name, &msg, 1).await?;
                }
                continue;
            };
            if (export_only && !v.attrs.export) || (readonly_only && !v.attrs.readonly) {
                continue;
            }
            out.extend(declaration(&var, &v));
            out.push(b'\n');
        }
        self.out(&out).await?;
        Ok(status)
    }

    /// `declare -f [name…]` (definitions) and `declare -F [name…]` (names): every function in
    /// name order when no names are given; a name that is not a function makes the status 1.
    async fn print_functions(
        &mut self,
        operands: &[Vec<u8>],
        definitions: bool,
    ) -> Result<i32, Flow> {
        let mut names: Vec<&Vec<u8>> = if operands.is_empty() {
            self.state.functions.keys().collect()
        } else {
            operands.iter().collect()
        };
        if operands.is_empty() {
            names.sort();
        }
        let mut out = Vec::new();
        let mut status = 0;
        for name in names {
            let Some(f) = self.state.functions.get(name) else {
                status = 1;
                continue;
            };
            match (definitions, operands.is_empty()) {
                (true, _) => out.extend(super::fnprint::function(f)),
                (false, true) => {
                    out.extend_from_slice(b"declare -f ");
                    out.extend_from_slice(name);
                }
                (false, false) => out.extend_from_slice(name),
            }
            out.push(b'\n');
        }
        self.out(&out).await?;
        Ok(status)
    }

    /// `unset [-v|-f] name…`.
    pub(crate) async fn builtin_unset(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let mut functions = false;
        let mut references = false;
        let mut status = 0;
        for arg in args {
            match arg.as_slice() {
                b"-f" => functions = true,
                b"-v" => functions = false,
                b"-n" => references = true,
                name if references => self.state.vars_mut().unset_reference(name),
                name if functions => {
                    std::sync::Arc::make_mut(&mut self.state.functions).remove(name);
                }
                arg if arg.ends_with(b"]") && arg.contains(&b'[') => {
                    // `unset 'a[k]'`: one element.
                    let open = arg.iter().position(|&c| c == b'[').unwrap_or(0);
                    let (name, key) = (&arg[..open], &arg[open + 1..arg.len() - 1]);
                    let index = if self.state.vars.get(name).is_some_and(|v| v.is_assoc()) {
                        None
                    } else {
                        Some(self.eval_arith_text(key).await?)
                    };
                    if let Err(e) = self.state.vars_mut().unset_element(name, key, index) {
                        self.var_error(e).await?;
                        status = 1;
                    }
                }
                name => {
                    if self.state.vars_mut().unset(name).is_err() {
                        let mut msg = name.to_vec();
                        msg.extend_from_slice(b": cannot unset: readonly variable");
                        status = self.builtin_error(b"unset", &msg, 1).await?;
                    }
                }
            }
        }
        Ok(status)
    }
}

/// A variable as `declare -p` shows it: `declare -x NAME="value"`.
fn declaration(name: &[u8], v: &Variable) -> Vec<u8> {
    let mut flags = Vec::new();
    match v.value {
        Value::Indexed(_) => flags.push(b'a'),
        Value::Assoc(_) => flags.push(b'A'),
        _ => {}
    }
    if v.attrs.integer {
        flags.push(b'i');
    }
    if v.attrs.lower {
        flags.push(b'l');
    }
    if v.attrs.readonly {
        flags.push(b'r');
    }
    if v.attrs.nameref {
        flags.push(b'n');
    }
    if v.attrs.upper {
        flags.push(b'u');
    }
    if v.attrs.export {
        flags.push(b'x');
    }
    let mut out = b"declare -".to_vec();
    if flags.is_empty() {
        out.push(b'-');
    } else {
        out.extend_from_slice(&flags);
    }
    out.push(b' ');
    out.extend_from_slice(name);
    match &v.value {
        Value::Declared => {}
        Value::Scalar(s) => {
            out.push(b'=');
            out.extend(double_quote(s));
        }
        Value::Indexed(a) => {
            out.extend_from_slice(b"=(");
            for (i, (k, val)) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                out.extend_from_slice(format!("[{k}]=").as_bytes());
                out.extend(double_quote(val));
            }
            out.push(b')');
        }
        // Bash ends every associative element with a space, the last one too.
        Value::Assoc(m) if m.is_empty() => {}
        Value::Assoc(m) => {
            out.extend_from_slice(b"=(");
            for (k, val) in crate::state::assoc_order(m) {
                out.push(b'[');
                out.extend_from_slice(k);
                out.extend_from_slice(b"]=");
                out.extend(double_quote(val));
                out.push(b' ');
            }
            out.push(b')');
        }
    }
    out
}

/// `"value"` with `\`, `"`, `$` and `` ` `` escaped, as `declare -p` prints values.
fn double_quote(s: &[u8]) -> Vec<u8> {
    let mut out = vec![b'"'];
    for &c in s {
        if matches!(c, b'\\' | b'"' | b'$' | b'`') {
            out.push(b'\\');
        }
        out.push(c);
    }
    out.push(b'"');
    out
}

fn is_name(s: &[u8]) -> bool {
    !s.is_empty()
        && (s[0].is_ascii_alphabetic() || s[0] == b'_')
        && s.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}
