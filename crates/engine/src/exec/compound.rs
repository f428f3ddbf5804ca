//! Compound commands: groups, subshells, `if`, loops, `case`, `[[ ]]`, `(( ))`.

use vbash_syntax::ast::{CaseTerminator, CompoundCommand, List, Word};

use super::{Flow, Interp, Status};

impl Interp {
    /// Runs a compound command (its redirections are already applied).
    pub(crate) async fn run_compound(&mut self, cc: &CompoundCommand) -> Status {
        match cc {
            CompoundCommand::BraceGroup(list) => self.run_list(list).await,
            CompoundCommand::Subshell(list) => {
                let mut sub = self.clone();
                sub.state.in_subshell = true;
                // A subshell keeps no trap of its parent; its own run when it ends.
                sub.state.traps.clear();
                let status = match sub.run_list(list).await {
                    Ok(s) => s,
                    Err(Flow::Exit(s) | Flow::Return(s) | Flow::Abort(s)) => s,
                    Err(Flow::Break(_) | Flow::Continue(_)) => sub.state.last_status,
                    Err(e) => return Err(e),
                };
                sub.state.last_status = status;
                match sub.run_trap(b"EXIT").await {
                    Err(Flow::Exit(s)) => Ok(s),
                    Err(e) => Err(e),
                    Ok(()) => Ok(status),
                }
            }
            CompoundCommand::If {
                branches,
                else_body,
            } => {
                for (cond, body) in branches {
                    if self.run_condition(cond).await? == 0 {
                        return self.run_list(body).await;
                    }
                }
                match else_body {
                    Some(body) => self.run_list(body).await,
                    None => Ok(0),
                }
            }
            CompoundCommand::While {
                until,
                condition,
                body,
            } => {
                let mut status = 0;
                loop {
                    let c = self.run_condition(condition).await?;
                    if (c == 0) == *until {
                        break;
                    }
                    match self.run_loop_body(body).await? {
                        LoopStep::Next(s) => status = s,
                        LoopStep::Stop(s) => {
                            status = s;
                            break;
                        }
                    }
                }
                Ok(status)
            }
            CompoundCommand::For {
                variable,
                words,
                body,
            } => {
                let items = match words {
                    Some(words) => {
                        let refs: Vec<&Word> = words.iter().collect();
                        self.expand_words(&refs).await?
                    }
                    None => self.state.positional.to_vec(),
                };
                let mut status = 0;
                for item in items {
                    if let Err(e) = self.state.vars_mut().set(variable, item) {
                        self.var_error(e).await?;
                        return Ok(1);
                    }
                    match self.run_loop_body(body).await? {
                        LoopStep::Next(s) => status = s,
                        LoopStep::Stop(s) => {
                            status = s;
                            break;
                        }
                    }
                }
                Ok(status)
            }
            CompoundCommand::Select {
                variable,
                words,
                body,
            } => self.run_select(variable, words.as_deref(), body).await,
            CompoundCommand::ArithFor {
                init,
                condition,
                step,
                body,
            } => {
                self.arithmetic(init).await?;
                let mut status = 0;
                loop {
                    if !condition.parts.is_empty() && self.arithmetic(condition).await? == 0 {
                        break;
                    }
                    match self.run_loop_body(body).await? {
                        LoopStep::Next(s) => status = s,
                        LoopStep::Stop(s) => {
                            status = s;
                            break;
                        }
                    }
                    self.arithmetic(step).await?;
                }
                Ok(status)
            }
            CompoundCommand::Case { word, arms } => {
                let subject = self.expand_string(word).await?;
                let mut status = 0;
                let mut fall_through = false;
                for arm in arms {
                    let mut matched = fall_through;
                    if !matched {
                        for pattern in &arm.patterns {
                            if self.pattern_matches(pattern, &subject, false).await? {
                                matched = true;
                                break;
                            }
                        }
                    }
                    if !matched {
                        continue;
                    }
                    status = if arm.body.items.is_empty() {
                        0
                    } else {
                        self.run_list(&arm.body).await?
                    };
                    match arm.terminator {
                        CaseTerminator::Break => return Ok(status),
                        CaseTerminator::FallThrough => fall_through = true,
                        CaseTerminator::Continue => fall_through = false,
                    }
                }
                Ok(status)
            }
            CompoundCommand::Arithmetic(word) => Ok(i32::from(self.arithmetic(word).await? == 0)),
            CompoundCommand::Conditional(expr) => self.run_conditional(expr).await,
        }
    }

    /// `select`: prints the numbered menu and `PS3` to standard error, reads a line, sets the
    /// variable (empty for an invalid choice) and `REPLY`, runs the body; ends at end of input.
    async fn run_select(&mut self, variable: &[u8], words: Option<&[Word]>, body: &List) -> Status {
        let items = match words {
            Some(words) => {
                let refs: Vec<&Word> = words.iter().collect();
                self.expand_words(&refs).await?
            }
            None => self.state.positional.to_vec(),
        };
        loop {
            let mut menu = Vec::new();
            for (i, item) in items.iter().enumerate() {
                menu.extend_from_slice(format!("{}) ", i + 1).as_bytes());
                menu.extend_from_slice(item);
                menu.push(b'\n');
            }
            menu.extend_from_slice(self.state.scalar(b"PS3").unwrap_or(b"#? "));
            let _ = self.io.stderr.write(&menu).await;
            let Some(mut line) = self.io.stdin.read_until(b'\n', usize::MAX).await else {
                return Ok(1);
            };
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            let choice = std::str::from_utf8(&line)
                .ok()
                .and_then(|s| s.trim().parse::<usize>().ok())
                .and_then(|n| items.get(n.wrapping_sub(1)).cloned())
                .unwrap_or_default();
            let vars = self.state.vars_mut();
            let _ = vars.set(b"REPLY", line);
            if let Err(e) = vars.set(variable, choice) {
                self.var_error(e).await?;
                return Ok(1);
            }
            if let LoopStep::Stop(s) = self.run_loop_body(body).await? {
                return Ok(s);
            }
        }
    }

    /// Runs the condition of `if`/`while`: like a list, but `set -e` does not apply to it.
    async fn run_condition(&mut self, cond: &List) -> Status {
        self.state.errexit_exempt += 1;
        let r = self.run_list(cond).await;
        self.state.errexit_exempt -= 1;
        r
    }

    /// Runs a loop body once, turning `break`/`continue` into the loop's next step.
    async fn run_loop_body(&mut self, body: &List) -> Result<LoopStep, Flow> {
        self.count_loop()?;
        self.state.loop_depth += 1;
        let r = self.run_list(body).await;
        self.state.loop_depth -= 1;
        match r {
            Ok(s) => Ok(LoopStep::Next(s)),
            Err(Flow::Break(n)) if n > 1 => Err(Flow::Break(n - 1)),
            Err(Flow::Break(_)) => Ok(LoopStep::Stop(self.state.last_status)),
            Err(Flow::Continue(n)) if n > 1 => Err(Flow::Continue(n - 1)),
            Err(Flow::Continue(_)) => Ok(LoopStep::Next(0)),
            Err(e) => Err(e),
        }
    }

    fn count_loop(&self) -> Result<(), Flow> {
        self.check_interrupt()?;
        let n = self
            .ctx
            .loop_turns
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        if n > self.ctx.limits.max_loop_iterations {
            return Err(Flow::Limit(format!(
                "maximum loop iterations exceeded ({})",
                self.ctx.limits.max_loop_iterations
            )));
        }
        Ok(())
    }
}

/// What a loop does after one turn of its body.
enum LoopStep {
    /// Go on; the body's status.
    Next(i32),
    /// Leave the loop (`break`) with this status.
    Stop(i32),
}
