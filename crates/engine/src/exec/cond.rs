//! `[[ … ]]` and the pattern matching behind `case` and `==`.

use vbash_syntax::ast::{CondExpr, Word};

use super::{Flow, Interp, Status};
use crate::expand::fields::Expansion;

impl Interp {
    /// Evaluates `[[ expr ]]`: status 0 when true, 1 when false, 2 on an error.
    pub(crate) async fn run_conditional(&mut self, expr: &CondExpr) -> Status {
        Ok(match self.cond(expr).await? {
            Some(true) => 0,
            Some(false) => 1,
            None => 2,
        })
    }

    /// `None` after an error was reported.
    fn cond<'a>(
        &'a mut self,
        expr: &'a CondExpr,
    ) -> futures::future::BoxFuture<'a, Result<Option<bool>, Flow>> {
        Box::pin(async move {
            Ok(match expr {
                CondExpr::And(a, b) => match self.cond(a).await? {
                    Some(true) => self.cond(b).await?,
                    other => other,
                },
                CondExpr::Or(a, b) => match self.cond(a).await? {
                    Some(false) => self.cond(b).await?,
                    other => other,
                },
                CondExpr::Not(a) => self.cond(a).await?.map(|v| !v),
                CondExpr::Group(a) => self.cond(a).await?,
                CondExpr::Word(w) => Some(!self.expand_string(w).await?.is_empty()),
                CondExpr::Unary(op, w) => {
                    let operand = self.expand_string(w).await?;
                    self.unary_test(op, &operand).await?
                }
                CondExpr::Binary(l, op, r) => {
                    let left = self.expand_string(l).await?;
                    match op.as_bytes() {
                        b"==" | b"=" | b"!=" => {
                            let m = self.pattern_matches(r, &left, true).await?;
                            Some(m == (op.as_bytes() != b"!="))
                        }
                        b"=~" => self.regex_test(r, &left).await?,
                        _ => {
                            let right = self.expand_string(r).await?;
                            self.binary_test(op, &left, &right).await?
                        }
                    }
                }
            })
        })
    }

    /// `[[ s =~ re ]]`, setting `BASH_REMATCH`. Quoted parts of the regex match literally.
    async fn regex_test(&mut self, re: &Word, subject: &[u8]) -> Result<Option<bool>, Flow> {
        let mut e = Expansion::default();
        self.expand_parts(&re.parts, false, &mut e).await?;
        let mut pattern = String::new();
        for item in &e.items {
            if let crate::expand::fields::Item::Piece(p) = item {
                let text = String::from_utf8_lossy(&p.text);
                if p.quoted {
                    pattern.push_str(&regex::escape(&text));
                } else {
                    pattern.push_str(&text);
                }
            }
        }
        let re = match regex::bytes::Regex::new(&pattern) {
            Ok(re) => re,
            Err(_) => return Ok(None),
        };
        let Some(caps) = re.captures(subject) else {
            let _ = self.state.vars_mut().unset(b"BASH_REMATCH");
            return Ok(Some(false));
        };
        let groups = caps
            .iter()
            .enumerate()
            .map(|(i, m)| (i as i64, m.map_or_else(Vec::new, |m| m.as_bytes().to_vec())))
            .collect();
        let _ = self
            .state
            .vars_mut()
            .set_value(b"BASH_REMATCH", crate::state::Value::Indexed(groups));
        Ok(Some(true))
    }

    /// Whether `text` matches the pattern word (quoted parts literally): `case` patterns, and
    /// `[[ == ]]` where bash 5.2 always allows extended globs.
    pub(crate) async fn pattern_matches(
        &mut self,
        pattern: &Word,
        text: &[u8],
        always_extglob: bool,
    ) -> Result<bool, Flow> {
        let extglob = always_extglob || self.state.shopt_extglob();
        let nocase = self.state.shopt_nocasematch();
        let p = self.string_pattern(pattern, extglob, nocase).await?;
        let r = p.matches(text);
        self.pattern_result(r).await
    }

    /// The unary tests of `[[ ]]` and `test`.
    pub(crate) async fn unary_test(&mut self, op: &[u8], arg: &[u8]) -> Result<Option<bool>, Flow> {
        let path = || self.state.cwd.resolve(arg);
        Ok(Some(match op {
            b"-z" => arg.is_empty(),
            b"-n" => !arg.is_empty(),
            b"-v" => self.is_set(arg).await?,
            b"-e" | b"-a" => self.ctx.fs.metadata(&path()).await.is_ok(),
            b"-f" => self
                .ctx
                .fs
                .metadata(&path())
                .await
                .is_ok_and(|m| m.is_file()),
            b"-d" => self
                .ctx
                .fs
                .metadata(&path())
                .await
                .is_ok_and(|m| m.is_dir()),
            b"-L" | b"-h" => self
                .ctx
                .fs
                .symlink_metadata(&path())
                .await
                .is_ok_and(|m| m.is_symlink()),
            b"-s" => self
                .ctx
                .fs
                .metadata(&path())
                .await
                .is_ok_and(|m| m.size > 0),
            b"-r" | b"-w" => self.ctx.fs.metadata(&path()).await.is_ok(),
            b"-x" => self
                .ctx
                .fs
                .metadata(&path())
                .await
                .is_ok_and(|m| m.mode & 0o111 != 0),
            b"-o" => match arg {
                b"errexit" => self.state.options.errexit,
                b"nounset" => self.state.options.nounset,
                b"pipefail" => self.state.options.pipefail,
                b"xtrace" => self.state.options.xtrace,
                _ => false,
            },
            b"-t" | b"-b" | b"-c" | b"-p" | b"-S" | b"-g" | b"-u" | b"-k" | b"-G" | b"-O"
            | b"-N" | b"-R" => false,
            _ => return Ok(None),
        }))
    }

    /// `-v NAME` / `-v NAME[SUB]`: whether the variable (or element) is set.
    async fn is_set(&mut self, arg: &[u8]) -> Result<bool, Flow> {
        use crate::state::Value;
        let (name, sub) = match arg.iter().position(|&c| c == b'[') {
            Some(open) if arg.ends_with(b"]") => {
                (&arg[..open], Some(&arg[open + 1..arg.len() - 1]))
            }
            _ => (arg, None),
        };
        let Some(v) = self.state.vars.get(name).cloned() else {
            return Ok(false);
        };
        Ok(match (&v.value, sub) {
            (Value::Declared, _) => false,
            (_, None) => true,
            (Value::Assoc(m), Some(k)) => m.contains_key(k),
            (Value::Indexed(a), Some(s)) if s == b"@" || s == b"*" => !a.is_empty(),
            (Value::Indexed(a), Some(s)) => {
                let i = self.eval_arith_text(s).await?;
                let i = if i < 0 {
                    a.keys().next_back().map_or(i, |l| l + 1 + i)
                } else {
                    i
                };
                a.contains_key(&i)
            }
            (Value::Scalar(_), Some(s)) => matches!(s, b"0" | b"@" | b"*"),
        })
    }

    /// The binary tests of `[[ ]]` and `test` other than pattern matching.
    pub(crate) async fn binary_test(
        &mut self,
        op: &[u8],
        left: &[u8],
        right: &[u8],
    ) -> Result<Option<bool>, Flow> {
        if let Some(cmp) = match op {
            b"-eq" | b"-ne" | b"-lt" | b"-le" | b"-gt" | b"-ge" => Some(op),
            _ => None,
        } {
            let a = self.eval_arith_text(left).await?;
            let b = self.eval_arith_text(right).await?;
            return Ok(Some(match cmp {
                b"-eq" => a == b,
                b"-ne" => a != b,
                b"-lt" => a < b,
                b"-le" => a <= b,
                b"-gt" => a > b,
                _ => a >= b,
            }));
        }
        Ok(Some(match op {
            b"<" => left < right,
            b">" => left > right,
            b"-nt" | b"-ot" => {
                let l = self
                    .ctx
                    .fs
                    .metadata(&self.state.cwd.resolve(left))
                    .await
                    .ok();
                let r = self
                    .ctx
                    .fs
                    .metadata(&self.state.cwd.resolve(right))
                    .await
                    .ok();
                match (l, r, op) {
                    (Some(l), Some(r), b"-nt") => l.mtime > r.mtime,
                    (Some(_), None, b"-nt") => true,
                    (Some(l), Some(r), _) => l.mtime < r.mtime,
                    (None, Some(_), _) => true,
                    _ => false,
                }
            }
            b"-ef" => {
                let l = self
                    .ctx
                    .fs
                    .metadata(&self.state.cwd.resolve(left))
                    .await
                    .ok();
                let r = self
                    .ctx
                    .fs
                    .metadata(&self.state.cwd.resolve(right))
                    .await
                    .ok();
                matches!((l, r), (Some(l), Some(r)) if l.inode == r.inode)
            }
            _ => return Ok(None),
        }))
    }
}
