//! Simple commands: assignments, expansion, lookup (function → builtin → command) and calls.

use std::sync::Arc;

use vbash_syntax::ast::{
    Argument, ArrayElement, AssignValue, Assignment, CaseConv, FunctionDef, SimpleCommand,
};

use super::{Flow, Interp, Status};
use crate::command::CommandContext;
use crate::expand::case::convert_case;
use crate::state::{Value, VarError};

impl Interp {
    /// Runs a simple command, then ends the process substitutions its words made.
    pub(crate) async fn run_simple(&mut self, cmd: &SimpleCommand) -> Status {
        let mark = self.state.procsubs.len();
        let r = self.run_simple_inner(cmd).await;
        self.finish_process_substitutions(mark).await?;
        r
    }

    async fn run_simple_inner(&mut self, cmd: &SimpleCommand) -> Status {
        self.state.line = cmd.span.line;
        // Declaration builtins get their assignment arguments expanded without splitting.
        let mut argv = Vec::new();
        for arg in &cmd.words {
            match arg {
                Argument::Word(w) => argv.extend(self.expand_words(&[w]).await?),
                Argument::Assignment(a) => argv.push(self.assignment_text(a).await?),
            }
        }
        // Until a builtin runs, `$?` is still the previous command's status (`false; exit`).
        let substitutions = self.state.substitutions_run;
        if self.state.options.xtrace && !argv.is_empty() {
            self.trace(cmd, &argv).await?;
        }
        if argv.is_empty() {
            // Assignments alone change this shell; redirections still happen (and end).
            for a in &cmd.assignments {
                if let Err(status) = self.assign(a).await? {
                    return Ok(status);
                }
            }
            if self.state.options.xtrace {
                self.trace(cmd, &argv).await?;
            }
            // Assignments alone end with the status of their last command substitution, or 0.
            let status = if self.state.substitutions_run == substitutions {
                0
            } else {
                self.state.last_status
            };
            let saved = self.io.clone();
            let opened = self.apply_redirects(&cmd.redirects).await;
            let status = match opened {
                Ok(()) => status,
                Err(s) => s,
            };
            self.finish_redirects(saved).await;
            return Ok(status);
        }

        // Assignments before a command last for that command only: remember what they replace.
        let prefix_saved: Vec<(Vec<u8>, Option<crate::state::Variable>)> = cmd
            .assignments
            .iter()
            .map(|a| (a.name.to_vec(), self.state.vars.get(&a.name).cloned()))
            .collect();
        for a in &cmd.assignments {
            if let Err(status) = self.assign(a).await? {
                return Ok(status);
            }
            if let Some(name) = assignment_name(a) {
                self.state.vars_mut().set_attrs(name, |at| at.export = true);
            }
        }
        if argv[0] == b"exec" {
            return self.run_exec(&argv[1..], cmd).await;
        }
        let saved = self.io.clone();
        let result = match self.apply_redirects(&cmd.redirects).await {
            Ok(()) => self.dispatch(&argv).await,
            Err(status) => Ok(status),
        };
        self.finish_redirects(saved).await;
        // Special builtins keep their prefix assignments, as POSIX says; others don't.
        if !prefix_saved.is_empty() && !is_special_builtin(&argv[0]) {
            let vars = self.state.vars_mut();
            for (name, previous) in prefix_saved.into_iter().rev() {
                vars.restore(&name, previous);
            }
        }
        result
    }

    /// `set -x`: writes the command about to run to standard error, after `PS4` (`+ `; its
    /// first character repeated once per level of command substitution).
    async fn trace(&mut self, cmd: &SimpleCommand, argv: &[Vec<u8>]) -> Result<(), Flow> {
        let ps4 = self.state.scalar(b"PS4").unwrap_or(b"+ ").to_vec();
        let mut prefix = Vec::new();
        for _ in 0..self.state.subst_depth {
            prefix.extend(ps4.first().copied());
        }
        prefix.extend_from_slice(&ps4);
        let mut out = Vec::new();
        if argv.is_empty() {
            // An assignment is traced once it is done, with its value.
            for a in &cmd.assignments {
                if let Some(v) = self.state.vars.get(&a.name).and_then(|v| v.as_scalar()) {
                    out.extend_from_slice(&prefix);
                    out.extend_from_slice(&a.name);
                    out.push(b'=');
                    out.extend(crate::quote::trace_word(v));
                    out.push(b'\n');
                }
            }
        } else {
            out.extend_from_slice(&prefix);
            let words: Vec<Vec<u8>> = argv.iter().map(|w| crate::quote::trace_word(w)).collect();
            out.extend(words.join(&b' '));
            out.push(b'\n');
        }
        let _ = self.io.stderr.write(&out).await;
        Ok(())
    }

    /// `exec`: without a command its redirections stay for the rest of the shell; with one,
    /// the command runs and the shell ends with its status (nothing follows a real `exec`).
    async fn run_exec(&mut self, args: &[Vec<u8>], cmd: &SimpleCommand) -> Status {
        if args.is_empty() {
            return Ok(match self.apply_redirects(&cmd.redirects).await {
                Ok(()) => 0,
                Err(status) => status,
            });
        }
        let saved = self.io.clone();
        let result = match self.apply_redirects(&cmd.redirects).await {
            Ok(()) => self.dispatch(args).await,
            Err(status) => Ok(status),
        };
        self.finish_redirects(saved).await;
        Err(Flow::Exit(result?))
    }

    /// Finds and runs `argv[0]`: function, builtin, then a program.
    pub(crate) async fn dispatch(&mut self, argv: &[Vec<u8>]) -> Status {
        if let Some(f) = self.state.functions.get(&argv[0]).cloned() {
            return self.call_function(&f, &argv[1..]).await;
        }
        if let Some(status) = self.run_builtin(argv).await? {
            return Ok(status);
        }
        self.run_program_or_fail(argv).await
    }

    /// Runs `argv[0]` as a program (a path, `bash`/`sh`, a registered command, an executable
    /// found on `$PATH`), or says `command not found` (127).
    pub(crate) async fn run_program_or_fail(&mut self, argv: &[Vec<u8>]) -> Status {
        let name = &argv[0];
        if name.contains(&b'/') {
            if let Some(status) = self.run_file_command(argv).await? {
                return Ok(status);
            }
        }
        if matches!(name.as_slice(), b"bash" | b"sh") && !self.ctx.commands.contains_key(name) {
            return self.run_bash_command(argv).await;
        }
        if let Some(cmd) = self.ctx.commands.get(name).cloned() {
            let env = self.state.vars.exported();
            let ctx = CommandContext {
                args: argv,
                env: &env,
                cwd: &self.state.cwd,
                fs: &self.ctx.fs,
                stdin: &self.io.stdin,
                stdout: &self.io.stdout,
                stderr: &self.io.stderr,
            };
            let status = cmd.run(ctx).await;
            return if status == 141 {
                Err(Flow::BrokenPipe)
            } else {
                Ok(status)
            };
        }
        if let Some(status) = self.run_file_command(argv).await? {
            return Ok(status);
        }
        let mut msg = name.clone();
        msg.extend_from_slice(b": command not found");
        self.error(&msg).await?;
        Ok(127)
    }

    /// Calls a shell function with `args` as its positional parameters.
    pub(crate) async fn call_function(&mut self, f: &Arc<FunctionDef>, args: &[Vec<u8>]) -> Status {
        if self.state.call_depth >= self.ctx.limits.max_call_depth {
            let mut msg = f.name.to_vec();
            msg.extend_from_slice(
                format!(
                    ": maximum function nesting level exceeded ({})",
                    self.ctx.limits.max_call_depth
                )
                .as_bytes(),
            );
            self.error(&msg).await?;
            return Err(Flow::Exit(1));
        }
        let saved_positional =
            std::mem::replace(&mut self.state.positional, Arc::new(args.to_vec()));
        // What `caller` reports: who called, from which line, from where (bash -c names the top
        // level `NULL` and functions' bodies `environment`).
        let source: &[u8] = if self.state.script_is_file {
            &self.state.arg0
        } else if self.state.call_depth == 0 {
            b"NULL"
        } else {
            b"environment"
        };
        let frame = crate::state::CallFrame {
            function: f.name.to_vec(),
            line: self.state.line,
            source: source.to_vec(),
        };
        self.state.extra.call_stack.push(frame);
        let saved_loops = std::mem::take(&mut self.state.loop_depth);
        self.state.call_depth += 1;
        self.state.vars_mut().push_scope();
        let result = super::GrowStack(Box::pin(self.run_command(&f.body))).await;
        self.state.vars_mut().pop_scope();
        self.state.extra.call_stack.pop();
        self.state.call_depth -= 1;
        self.state.loop_depth = saved_loops;
        self.state.positional = saved_positional;
        match result {
            Err(Flow::Return(status)) => {
                self.state.last_status = status;
                Ok(status)
            }
            other => other,
        }
    }

    /// Performs one assignment. The inner `Err` is a failed assignment's status (after its
    /// message): bash then skips the command.
    pub(crate) async fn assign(&mut self, a: &Assignment) -> Result<Result<(), i32>, Flow> {
        let r = match &a.value {
            AssignValue::Scalar(w) => {
                let value = self.expand_string(w).await?;
                let assoc = self.state.vars.get(&a.name).is_some_and(|v| v.is_assoc());
                match (&a.index, a.append) {
                    (Some(index), append) if assoc => {
                        let key = self.expand_string(index).await?;
                        self.state.vars_mut().set_key(&a.name, key, value, append)
                    }
                    (Some(index), _) => {
                        let i = self.arithmetic(index).await?;
                        let value = if a.append {
                            let mut old = self.element(&a.name, i);
                            old.extend_from_slice(&value);
                            old
                        } else {
                            value
                        };
                        self.state.vars_mut().set_element(&a.name, i, value)
                    }
                    // Assigning RANDOM seeds its generator, as in bash.
                    (None, false) if a.name.as_bytes() == b"RANDOM" => {
                        let seed = std::str::from_utf8(&value)
                            .ok()
                            .and_then(|v| v.trim().parse::<i64>().ok());
                        self.state.random_seed = seed.unwrap_or(0) as u32;
                        Ok(())
                    }
                    (None, append) => self.assign_scalar(&a.name, value, append).await?,
                }
            }
            AssignValue::Array(elements)
                if self.state.vars.get(&a.name).is_some_and(|v| v.is_assoc()) =>
            {
                // `m=([k]=v …)` on an associative array: string keys.
                if !a.append {
                    let _ = self
                        .state
                        .vars_mut()
                        .set_value(&a.name, Value::Assoc(Default::default()));
                }
                let mut r = Ok(());
                for e in elements {
                    match e {
                        ArrayElement::Keyed { key, append, value } => {
                            let k = self.expand_string(key).await?;
                            let v = self.expand_string(value).await?;
                            r = r.and(self.state.vars_mut().set_key(&a.name, k, v, *append));
                        }
                        ArrayElement::Value(w) => {
                            let text = self.expand_string(w).await?;
                            let mut msg = a.name.to_vec();
                            msg.extend_from_slice(b": ");
                            msg.extend_from_slice(&text);
                            msg.extend_from_slice(
                                b": must use subscript when assigning associative array",
                            );
                            self.error(&msg).await?;
                        }
                    }
                }
                r
            }
            AssignValue::Array(elements) => {
                // Expand first, then change the array in place (`a+=(x)` in a loop stays
                // linear).
                let mut items: Vec<(Option<i64>, bool, Vec<u8>)> = Vec::new();
                for e in elements {
                    match e {
                        ArrayElement::Value(w) => {
                            for field in self.expand_words(&[w]).await? {
                                items.push((None, false, field));
                            }
                        }
                        ArrayElement::Keyed { key, append, value } => {
                            let i = self.arithmetic(key).await?;
                            let v = self.expand_string(value).await?;
                            items.push((Some(i), *append, v));
                        }
                    }
                }
                self.state.vars_mut().assign_array(&a.name, a.append, items)
            }
        };
        match r {
            Ok(()) => Ok(Ok(())),
            Err(e) => {
                // Assigning a read-only variable abandons the whole command line in bash.
                self.var_error(e).await?;
                Err(Flow::Abort(1))
            }
        }
    }

    /// The text of an assignment argument of a declaration builtin (`declare x=$y`): expanded
    /// without splitting; arrays keep their parenthesised form for the builtin to read.
    async fn assignment_text(&mut self, a: &Assignment) -> Result<Vec<u8>, Flow> {
        let mut text = a.name.to_vec();
        if a.append {
            text.push(b'+');
        }
        text.push(b'=');
        match &a.value {
            AssignValue::Scalar(w) => text.extend(self.expand_string(w).await?),
            AssignValue::Array(elements) => {
                text.push(b'(');
                for (i, e) in elements.iter().enumerate() {
                    if i > 0 {
                        text.push(b' ');
                    }
                    match e {
                        ArrayElement::Value(w) => {
                            let fields = self.expand_words(&[w]).await?;
                            let quoted: Vec<Vec<u8>> =
                                fields.iter().map(|f| crate::quote::quote(f)).collect();
                            text.extend(quoted.join(&b' '));
                        }
                        ArrayElement::Keyed { key, value, .. } => {
                            text.push(b'[');
                            text.extend(self.expand_string(key).await?);
                            text.extend_from_slice(b"]=");
                            text.extend(crate::quote::quote(&self.expand_string(value).await?));
                        }
                    }
                }
                text.push(b')');
            }
        }
        Ok(text)
    }

    /// Assigns (or with `append`, appends to) the string value of `name`, honouring its
    /// `-i`, `-u` and `-l` attributes. `s+=x` on a plain variable appends in place, so loops
    /// that build strings stay linear.
    pub(crate) async fn assign_scalar(
        &mut self,
        name: &[u8],
        value: Vec<u8>,
        append: bool,
    ) -> Result<Result<(), VarError>, Flow> {
        let attrs = self
            .state
            .vars
            .get(name)
            .map(|v| v.attrs)
            .unwrap_or_default();
        if attrs.integer {
            let mut n = self.eval_arith_text(&value).await?;
            if append {
                let old = self.state.scalar(name).unwrap_or_default().to_vec();
                n = n.wrapping_add(self.eval_arith_text(&old).await?);
            }
            return Ok(self.state.vars_mut().set(name, n.to_string().into_bytes()));
        }
        let convert = |v: &[u8]| match (attrs.upper, attrs.lower) {
            (true, _) => convert_case(v, CaseConv::Upper, true),
            (_, true) => convert_case(v, CaseConv::Lower, true),
            _ => v.to_vec(),
        };
        Ok(match (append, attrs.upper || attrs.lower) {
            (true, false) => self.state.vars_mut().append(name, &value),
            (true, true) => {
                let mut old = self.state.scalar(name).unwrap_or_default().to_vec();
                old.extend_from_slice(&value);
                self.state.vars_mut().set(name, convert(&old))
            }
            (false, _) => self.state.vars_mut().set(name, convert(&value)),
        })
    }

    /// Element `i` of array `name` (empty when unset).
    fn element(&self, name: &[u8], i: i64) -> Vec<u8> {
        match self.state.vars.get(name).map(|v| &v.value) {
            Some(Value::Indexed(a)) => a.get(&i).cloned().unwrap_or_default(),
            Some(Value::Scalar(s)) if i == 0 => s.clone(),
            _ => Vec::new(),
        }
    }

    /// Prints a variable error (`x: readonly variable`).
    pub(crate) async fn var_error(&mut self, e: VarError) -> Result<(), Flow> {
        match e {
            VarError::Readonly(name) => {
                let mut msg = name;
                msg.extend_from_slice(b": readonly variable");
                self.error(&msg).await
            }
        }
    }
}

fn assignment_name(a: &Assignment) -> Option<&[u8]> {
    a.index.is_none().then_some(&a.name[..])
}

/// POSIX special builtins, whose prefix assignments persist.
fn is_special_builtin(name: &[u8]) -> bool {
    matches!(
        name,
        b":" | b"."
            | b"break"
            | b"continue"
            | b"eval"
            | b"exec"
            | b"exit"
            | b"export"
            | b"readonly"
            | b"return"
            | b"set"
            | b"shift"
            | b"source"
            | b"trap"
            | b"unset"
    )
}
