//! Word expansion in bash's order: brace, tilde, parameter, arithmetic and command
//! substitution, word splitting, (pathname expansion), quote removal.

mod brace;
pub(crate) mod case;
pub mod fields;
mod glob;
mod param;
pub(crate) mod pattern;

use futures::future::BoxFuture;
use vbash_syntax::ast::{Word, WordPart};

use crate::exec::{Flow, Interp};
use fields::{field_text, Expansion};

impl Interp {
    /// Expands words into fields, as for a command's arguments.
    pub async fn expand_words(&mut self, words: &[&Word]) -> Result<Vec<Vec<u8>>, Flow> {
        let mut out = Vec::new();
        for word in words {
            for parts in brace::expand(&word.parts) {
                let mut e = Expansion::default();
                self.expand_parts(&parts, false, &mut e).await?;
                let ifs = self.ifs();
                for field in e.split(&ifs) {
                    match self.glob_field(&field).await? {
                        Some(names) => out.extend(names),
                        None => out.push(field_text(&field)),
                    }
                }
            }
        }
        Ok(out)
    }

    /// Expands a word to one string, without splitting or globbing (assignment values, `case`
    /// words, here-strings, `[[ ]]` operands).
    pub async fn expand_string(&mut self, word: &Word) -> Result<Vec<u8>, Flow> {
        let mut e = Expansion::default();
        self.expand_parts(&word.parts, false, &mut e).await?;
        Ok(e.joined())
    }

    /// The bytes of `IFS` (default: space, tab, newline).
    pub fn ifs(&self) -> Vec<u8> {
        match self.state.vars.get(b"IFS") {
            Some(v) => v.as_scalar().unwrap_or(b" \t\n").to_vec(),
            None => b" \t\n".to_vec(),
        }
    }

    /// Expands parts into `out`; `quoted` inside double quotes.
    pub(crate) fn expand_parts<'a>(
        &'a mut self,
        parts: &'a [WordPart],
        quoted: bool,
        out: &'a mut Expansion,
    ) -> BoxFuture<'a, Result<(), Flow>> {
        Box::pin(async move {
            for part in parts {
                match part {
                    WordPart::Literal(t) => {
                        if quoted {
                            out.quoted(t);
                        } else {
                            out.literal(t);
                        }
                    }
                    WordPart::Escaped(t) | WordPart::SingleQuoted(t) | WordPart::AnsiC(t) => {
                        out.quoted(t)
                    }
                    WordPart::DoubleQuoted(inner) | WordPart::Locale(inner) => {
                        let before = out.items.len();
                        self.expand_parts(inner, true, out).await?;
                        // `""` and `"$empty"` are one empty word; only `"$@"` of nothing is none.
                        if out.items.len() == before && !inner.iter().any(is_list_param) {
                            out.quoted(b"");
                        }
                    }
                    WordPart::Tilde(user) => {
                        let home = self.tilde(user);
                        out.quoted(&home);
                    }
                    WordPart::Param(pe) => self.expand_param(pe, quoted, out).await?,
                    WordPart::CommandSub(cs) => {
                        let text = self.command_substitution(&cs.program).await?;
                        out.expanded(&text, quoted);
                    }
                    WordPart::UnparsedBackquote(text) => {
                        // Bash parses backquote bodies only now: report the error it reports.
                        match vbash_syntax::parse(text) {
                            Ok(program) => {
                                let text = self.command_substitution(&program).await?;
                                out.expanded(&text, quoted);
                            }
                            Err(e) => {
                                let msg = e.to_string();
                                self.error(msg.as_bytes()).await?;
                                self.state.last_status = 2;
                            }
                        }
                    }
                    WordPart::Arithmetic(w) => {
                        let n = self.arithmetic(w).await?;
                        out.expanded(n.to_string().as_bytes(), quoted);
                    }
                    WordPart::ExtGlob(g) => {
                        // Written back as glob text around its alternatives, so quoted parts
                        // inside stay literal for the pattern matcher.
                        let open = [g.op, b'('];
                        out.literal(&open);
                        for (i, alt) in g.alternatives.iter().enumerate() {
                            if i > 0 {
                                out.literal(b"|");
                            }
                            self.expand_parts(alt, quoted, out).await?;
                        }
                        out.literal(b")");
                    }
                    WordPart::Brace(_) => {
                        // Braces left here are literal (brace expansion already ran).
                        let text = vbash_syntax::print::word(&Word {
                            parts: vec![part.clone()],
                            span: Default::default(),
                        });
                        out.literal(text.as_bytes());
                    }
                    WordPart::ProcessSub(ps) => {
                        let path = self.process_substitution(ps).await?;
                        out.expanded(&path, quoted);
                    }
                }
            }
            Ok(())
        })
    }

    /// `~`, `~user`, `~+`, `~-`: a user other than the current one stays literal.
    fn tilde(&self, user: &[u8]) -> Vec<u8> {
        let var = |name: &[u8]| self.state.scalar(name).map(<[u8]>::to_vec);
        match user {
            b"" => var(b"HOME").unwrap_or_else(|| b"/".to_vec()),
            b"+" => self.state.cwd.as_bytes().to_vec(),
            b"-" => var(b"OLDPWD").unwrap_or_else(|| b"~-".to_vec()),
            other => {
                let mut t = b"~".to_vec();
                t.extend_from_slice(other);
                t
            }
        }
    }

    /// Runs `$(…)` in a subshell and returns its output without trailing newlines.
    pub async fn command_substitution(
        &mut self,
        program: &vbash_syntax::ast::Program,
    ) -> Result<Vec<u8>, Flow> {
        if let Some(file) = read_only_redirect(program) {
            return self.read_file_substitution(file).await;
        }
        let (stdout, captured) = crate::io::Output::buffer(self.ctx.limits.max_output_bytes);
        let mut sub = self.clone();
        sub.io.stdout = stdout;
        sub.state.subst_depth += 1;
        sub.state.in_subshell = true;
        // `set -e` does not reach into `$(…)` unless `inherit_errexit` is set.
        if !sub
            .state
            .extra
            .other_options
            .get(&b"inherit_errexit"[..])
            .copied()
            .unwrap_or(false)
        {
            sub.state.options.errexit = false;
        }
        let status = match crate::exec::GrowStack(Box::pin(sub.run_program(program))).await {
            Ok(s) => s,
            Err(Flow::Exit(s) | Flow::Return(s) | Flow::Abort(s)) => s,
            Err(Flow::Break(_) | Flow::Continue(_)) => sub.state.last_status,
            Err(Flow::BrokenPipe) => 141,
            Err(e @ (Flow::Limit(_) | Flow::Timeout | Flow::Cancelled)) => return Err(e),
        };
        drop(sub);
        self.state.last_status = status;
        self.state.substitutions_run += 1;
        let mut text = captured.take();
        while text.last() == Some(&b'\n') {
            text.pop();
        }
        Ok(text)
    }

    /// `<(…)` and `>(…)`: a file of the virtual filesystem stands for the pipe. For `<(…)` the
    /// commands run first and their output fills the file; for `>(…)` the file starts empty
    /// and the commands read it when the command using it is done. The files go away then.
    async fn process_substitution(
        &mut self,
        ps: &vbash_syntax::ast::ProcessSub,
    ) -> Result<Vec<u8>, Flow> {
        self.state.procsub_count += 1;
        let dir = vbash_vfs::VfsPath::new("/tmp").expect("absolute");
        let path = dir.join(format!(".vbash-procsub-{}", self.state.procsub_count).as_bytes());
        let content = if ps.output {
            Vec::new()
        } else {
            let (stdout, captured) = crate::io::Output::buffer(self.ctx.limits.max_output_bytes);
            let mut sub = self.clone();
            sub.io.stdout = stdout;
            sub.state.procsubs.clear();
            match crate::exec::GrowStack(Box::pin(sub.run_program(&ps.program))).await {
                Ok(_) | Err(Flow::Exit(_) | Flow::Return(_) | Flow::Abort(_)) => {}
                Err(Flow::Break(_) | Flow::Continue(_) | Flow::BrokenPipe) => {}
                Err(e) => return Err(e),
            }
            drop(sub);
            captured.take()
        };
        let fs = self.ctx.fs.clone();
        let written = async {
            fs.create_dir_all(&dir).await?;
            fs.write(&path, content.into()).await
        }
        .await;
        if let Err(e) = written {
            let msg = e.coreutils("process substitution");
            self.error(msg.as_bytes()).await?;
            return Err(Flow::Abort(1));
        }
        let reader = ps.output.then(|| std::sync::Arc::new(ps.program.clone()));
        self.state.procsubs.push((path.clone(), reader));
        Ok(path.as_bytes().to_vec())
    }

    /// Ends the process substitutions made since `mark`: runs the readers of `>(…)` on what
    /// was written, and removes the files.
    pub(crate) async fn finish_process_substitutions(&mut self, mark: usize) -> Result<(), Flow> {
        if self.state.procsubs.len() <= mark {
            return Ok(());
        }
        let done: Vec<_> = self.state.procsubs.drain(mark..).collect();
        for (path, reader) in done {
            if let Some(program) = reader {
                let data = self.ctx.fs.read(&path).await.unwrap_or_default();
                let mut sub = self.clone();
                sub.io.stdin = crate::io::Input::from_bytes(data);
                match crate::exec::GrowStack(Box::pin(sub.run_program(&program))).await {
                    Ok(_) | Err(Flow::Exit(_) | Flow::Return(_) | Flow::Abort(_)) => {}
                    Err(Flow::Break(_) | Flow::Continue(_) | Flow::BrokenPipe) => {}
                    Err(e) => return Err(e),
                }
            }
            let _ = self.ctx.fs.remove_file(&path).await;
        }
        Ok(())
    }

    /// `$(< file)`: the file's content without trailing newlines, read without running a
    /// command (as bash does).
    async fn read_file_substitution(&mut self, file: &Word) -> Result<Vec<u8>, Flow> {
        let name = self.expand_string(file).await?;
        let path = self.state.cwd.resolve(&name);
        match self.ctx.fs.read(&path).await {
            Ok(data) => {
                let mut text = data.to_vec();
                while text.last() == Some(&b'\n') {
                    text.pop();
                }
                self.state.last_status = 0;
                self.state.substitutions_run += 1;
                Ok(text)
            }
            Err(e) => {
                let msg = e.coreutils(&String::from_utf8_lossy(&name));
                self.error(msg.as_bytes()).await?;
                self.state.last_status = 1;
                self.state.substitutions_run += 1;
                Ok(Vec::new())
            }
        }
    }

    /// Expands and evaluates an arithmetic expression; an error is printed and, as in bash,
    /// ends the shell with status 1.
    pub async fn arithmetic(&mut self, word: &Word) -> Result<i64, Flow> {
        let text = self.expand_string(word).await?;
        self.eval_arith_text(&text).await
    }

    /// Evaluates already expanded arithmetic text over the shell's variables.
    pub async fn eval_arith_text(&mut self, text: &[u8]) -> Result<i64, Flow> {
        let mut vars = ArithState {
            interp: self,
            unbound: false,
        };
        let r = crate::arith::evaluate(text, &mut vars);
        let unbound = vars.unbound;
        match r {
            Ok(n) => Ok(n),
            Err(e) => {
                self.error(e.to_string().as_bytes()).await?;
                // An unbound variable under `set -u` ends the shell, as in any expansion.
                if unbound {
                    let status = if self.state.in_subshell { 1 } else { 127 };
                    return Err(Flow::Exit(status));
                }
                Err(Flow::Abort(1))
            }
        }
    }
}

/// The shell's variables as arithmetic sees them.
pub(crate) struct ArithState<'a> {
    interp: &'a mut Interp,
    /// Set when a variable was unset under `set -u`.
    unbound: bool,
}

impl<'a> ArithState<'a> {
    /// Arithmetic over `interp`'s variables.
    pub(crate) fn new(interp: &'a mut Interp) -> ArithState<'a> {
        ArithState {
            interp,
            unbound: false,
        }
    }
}

impl crate::arith::ArithVars for ArithState<'_> {
    fn get(
        &mut self,
        var: &vbash_syntax::arith::Var,
    ) -> Result<Option<Vec<u8>>, crate::arith::ArithFailure> {
        let Some(sub) = &var.subscript else {
            let value = self.interp.state.scalar(&var.name).map(<[u8]>::to_vec);
            if value.is_none() && self.interp.state.options.nounset {
                self.unbound = true;
                return Err(crate::arith::ArithFailure::plain(
                    &var.name,
                    "unbound variable",
                ));
            }
            return Ok(value);
        };
        if let Some(crate::state::Variable {
            value: crate::state::Value::Assoc(m),
            ..
        }) = self.interp.state.vars.get(&var.name)
        {
            return Ok(m.get(sub.as_bytes()).cloned());
        }
        let i = crate::arith::evaluate(sub, self)?;
        Ok(self
            .interp
            .state
            .vars
            .get(&var.name)
            .and_then(|v| match &v.value {
                crate::state::Value::Indexed(a) => a.get(&i).cloned(),
                crate::state::Value::Scalar(s) if i == 0 => Some(s.clone()),
                _ => None,
            }))
    }

    fn set(
        &mut self,
        var: &vbash_syntax::arith::Var,
        value: i64,
    ) -> Result<(), crate::arith::ArithFailure> {
        let text = value.to_string().into_bytes();
        let assoc = self
            .interp
            .state
            .vars
            .get(&var.name)
            .is_some_and(|v| v.is_assoc());
        let r = match &var.subscript {
            Some(sub) if assoc => {
                self.interp
                    .state
                    .vars_mut()
                    .set_key(&var.name, sub.to_vec(), text, false)
            }
            Some(sub) => {
                let i = crate::arith::evaluate(sub, self)?;
                self.interp.state.vars_mut().set_element(&var.name, i, text)
            }
            None => self.interp.state.vars_mut().set(&var.name, text),
        };
        r.map_err(|_| crate::arith::ArithFailure::plain(&var.name, "readonly variable"))
    }
}

/// The file of `$(< file)`: a program that is one simple command with no words, no
/// assignments and just one `<` redirection.
fn read_only_redirect(program: &vbash_syntax::ast::Program) -> Option<&Word> {
    use vbash_syntax::ast::{Command, RedirectOp, RedirectTarget};
    let [list] = program.commands.as_slice() else {
        return None;
    };
    let [item] = list.items.as_slice() else {
        return None;
    };
    if item.background || !item.and_or.rest.is_empty() {
        return None;
    }
    let p = &item.and_or.first;
    let ([Command::Simple(cmd)], 0, None) = (p.commands.as_slice(), p.bang, p.time) else {
        return None;
    };
    match (
        cmd.words.is_empty(),
        cmd.assignments.is_empty(),
        cmd.redirects.as_slice(),
    ) {
        (true, true, [r]) if r.op == RedirectOp::Read && r.fd.is_none() => match &r.target {
            RedirectTarget::Word(w) => Some(w),
            RedirectTarget::HereDoc(_) => None,
        },
        _ => None,
    }
}

/// Whether a part is `$@`, `$*`, `${a[@]}` or `${a[*]}`, which may expand to no word at all.
fn is_list_param(part: &WordPart) -> bool {
    use vbash_syntax::ast::{ParamOp, Parameter, Subscript};
    let WordPart::Param(pe) = part else {
        return false;
    };
    let list = matches!(pe.param, Parameter::Special(b'@' | b'*'))
        || matches!(
            pe.param,
            Parameter::Named {
                index: Some(Subscript::At | Subscript::Star),
                ..
            }
        );
    list || matches!(pe.op, ParamOp::PrefixNames { .. } | ParamOp::Keys { .. })
}
