//! `test` and `[`: POSIX's argument-count rules for up to four arguments, then bash's
//! `-o` / `-a` / `!` / `( )` grammar. Errors are bash's (`test: x: integer expression
//! expected`, `[: missing `]'`) with status 2.
//!
//! The arguments are parsed into a tree first (checking integers as they are met, as bash
//! does while it evaluates), then the tree is evaluated; file tests go through the same
//! `unary_test` as `[[ ]]`.

use futures::future::BoxFuture;

use super::legal_number;
use crate::exec::{Flow, Interp};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    Const(bool),
    /// A unary test (`-f file`, `-z s`, …).
    Unary(Vec<u8>, Vec<u8>),
    /// A file comparison (`-nt`, `-ot`, `-ef`).
    Files(Vec<u8>, Vec<u8>, Vec<u8>),
    Not(Box<Expr>),
    /// `a -a b -a …` (every operand is evaluated, as in bash).
    And(Vec<Expr>),
    /// `a -o b -o …`.
    Or(Vec<Expr>),
}

/// A syntax or integer error: the message after `test: `.
type Parse<T> = Result<T, Vec<u8>>;

struct Parser<'a> {
    argv: &'a [Vec<u8>],
    pos: usize,
    /// How many `(` enclose the current position.
    depth: usize,
}

/// The deepest `( … )` nesting accepted (the parser and evaluator recurse on it).
const MAX_NESTING: usize = 500;

fn is_unop(op: &[u8]) -> bool {
    op.len() == 2 && op[0] == b'-' && b"abcdefghknoprstuvwxzGLOSNR".contains(&op[1])
}

fn is_binop(op: &[u8]) -> bool {
    matches!(
        op,
        b"=" | b"=="
            | b"!="
            | b"<"
            | b">"
            | b"-nt"
            | b"-ot"
            | b"-ef"
            | b"-eq"
            | b"-ne"
            | b"-lt"
            | b"-le"
            | b"-gt"
            | b"-ge"
    )
}

fn message(arg: &[u8], text: &str) -> Vec<u8> {
    let mut m = arg.to_vec();
    m.extend_from_slice(text.as_bytes());
    m
}

impl Parser<'_> {
    fn arg(&self, i: usize) -> &[u8] {
        self.argv.get(i).map_or(&b""[..], Vec::as_slice)
    }

    fn cur(&self) -> &[u8] {
        self.arg(self.pos)
    }

    /// Moves past the current argument; with `needed`, there must be one after it.
    fn advance(&mut self, needed: bool) -> Parse<()> {
        self.pos += 1;
        if needed && self.pos >= self.argv.len() {
            return Err(b"argument expected".to_vec());
        }
        Ok(())
    }

    fn posix(&mut self) -> Parse<Expr> {
        match self.argv.len() {
            0 => Ok(Expr::Const(false)),
            1 => {
                self.pos = 1;
                Ok(Expr::Const(!self.argv[0].is_empty()))
            }
            2 => {
                let e = self.two()?;
                self.pos = 2;
                Ok(e)
            }
            3 => self.three(),
            4 if self.cur() == b"!" => {
                self.advance(true)?;
                Ok(Expr::Not(Box::new(self.three()?)))
            }
            4 if self.cur() == b"(" && self.arg(3) == b")" => {
                self.advance(true)?;
                let e = self.two()?;
                self.pos = 4;
                Ok(e)
            }
            _ => self.expr(),
        }
    }

    fn two(&mut self) -> Parse<Expr> {
        let a = self.cur().to_vec();
        if a == b"!" {
            return Ok(Expr::Const(self.arg(self.pos + 1).is_empty()));
        }
        if is_unop(&a) {
            return self.unary();
        }
        Err(message(&a, ": unary operator expected"))
    }

    fn three(&mut self) -> Parse<Expr> {
        let op = self.arg(self.pos + 1).to_vec();
        let e = if is_binop(&op) {
            self.binary()?
        } else if op == b"-a" || op == b"-o" {
            let l = !self.cur().is_empty();
            let r = !self.arg(self.pos + 2).is_empty();
            Expr::Const(if op == b"-a" { l && r } else { l || r })
        } else if self.cur() == b"!" {
            self.advance(true)?;
            Expr::Not(Box::new(self.two()?))
        } else if self.cur() == b"(" && self.arg(self.pos + 2) == b")" {
            Expr::Const(!self.arg(self.pos + 1).is_empty())
        } else {
            return Err(message(&op, ": binary operator expected"));
        };
        self.pos = self.argv.len();
        Ok(e)
    }

    fn expr(&mut self) -> Parse<Expr> {
        if self.pos >= self.argv.len() {
            return Err(b"argument expected".to_vec());
        }
        self.or()
    }

    fn or(&mut self) -> Parse<Expr> {
        let mut items = vec![self.and()?];
        while self.pos < self.argv.len() && self.cur() == b"-o" {
            self.advance(false)?;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Parse<Expr> {
        let mut items = vec![self.term()?];
        while self.pos < self.argv.len() && self.cur() == b"-a" {
            self.advance(false)?;
            items.push(self.term()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn term(&mut self) -> Parse<Expr> {
        if self.pos >= self.argv.len() {
            return Err(b"argument expected".to_vec());
        }
        if self.cur() == b"!" {
            let mut negate = false;
            while self.pos < self.argv.len() && self.cur() == b"!" {
                self.advance(true)?;
                negate = !negate;
            }
            let t = self.term()?;
            return Ok(if negate { Expr::Not(Box::new(t)) } else { t });
        }
        if self.cur() == b"(" {
            self.advance(true)?;
            self.depth += 1;
            if self.depth > MAX_NESTING {
                return Err(b"expression nested too deeply".to_vec());
            }
            let e = self.expr()?;
            self.depth -= 1;
            match self.argv.get(self.pos) {
                None => return Err(b"`)' expected".to_vec()),
                Some(a) if a.as_slice() != b")" => {
                    let mut m = b"`)' expected, found ".to_vec();
                    m.extend_from_slice(a);
                    return Err(m);
                }
                _ => {}
            }
            self.advance(false)?;
            return Ok(e);
        }
        if self.pos + 3 <= self.argv.len() && is_binop(self.arg(self.pos + 1)) {
            return self.binary();
        }
        let a = self.cur();
        if a.len() == 2 && a[0] == b'-' {
            if is_unop(a) {
                return self.unary();
            }
            return Err(message(a, ": unary operator expected"));
        }
        let e = Expr::Const(!a.is_empty());
        self.advance(false)?;
        Ok(e)
    }

    fn unary(&mut self) -> Parse<Expr> {
        let op = self.cur().to_vec();
        if op == b"-t" {
            self.advance(false)?;
            if self.pos < self.argv.len() {
                if legal_number(self.cur()).is_some() {
                    self.advance(false)?;
                }
                // No descriptor of the sandbox is a terminal.
                return Ok(Expr::Const(false));
            }
            return Ok(Expr::Const(false));
        }
        self.advance(true)?;
        let arg = self.cur().to_vec();
        self.advance(false)?;
        Ok(Expr::Unary(op, arg))
    }

    fn binary(&mut self) -> Parse<Expr> {
        let l = self.cur().to_vec();
        let op = self.arg(self.pos + 1).to_vec();
        let r = self.arg(self.pos + 2).to_vec();
        self.pos += 3;
        Ok(match op.as_slice() {
            b"=" | b"==" => Expr::Const(l == r),
            b"!=" => Expr::Const(l != r),
            b"<" => Expr::Const(l < r),
            b">" => Expr::Const(l > r),
            b"-nt" | b"-ot" | b"-ef" => Expr::Files(op, l, r),
            _ => {
                let a =
                    legal_number(&l).ok_or_else(|| message(&l, ": integer expression expected"))?;
                let b =
                    legal_number(&r).ok_or_else(|| message(&r, ": integer expression expected"))?;
                Expr::Const(match op.as_slice() {
                    b"-eq" => a == b,
                    b"-ne" => a != b,
                    b"-lt" => a < b,
                    b"-le" => a <= b,
                    b"-gt" => a > b,
                    _ => a >= b,
                })
            }
        })
    }
}

/// Parses `test`'s arguments (without `[`'s closing `]`).
fn parse(argv: &[Vec<u8>]) -> Parse<Expr> {
    let mut p = Parser {
        argv,
        pos: 0,
        depth: 0,
    };
    let e = p.posix()?;
    if p.pos < argv.len() {
        return Err(b"too many arguments".to_vec());
    }
    Ok(e)
}

impl Interp {
    /// `test EXPR` and `[ EXPR ]`.
    pub(crate) async fn builtin_test(
        &mut self,
        name: &[u8],
        args: &[Vec<u8>],
    ) -> Result<i32, Flow> {
        let mut args = args;
        if name == b"[" {
            match args.split_last() {
                Some((last, rest)) if last.as_slice() == b"]" => args = rest,
                _ => return self.builtin_error(name, b"missing `]'", 2).await,
            }
        }
        match parse(args) {
            Ok(e) => Ok(if self.eval_test(&e).await? { 0 } else { 1 }),
            Err(msg) => self.builtin_error(name, &msg, 2).await,
        }
    }

    /// `-nt`, `-ot`, `-ef` as bash's `filecomp`: a file that exists is newer than one that
    /// does not.
    async fn compare_files(&self, op: &[u8], l: &[u8], r: &[u8]) -> bool {
        let l = self.ctx.fs.metadata(&self.state.cwd.resolve(l)).await.ok();
        let r = self.ctx.fs.metadata(&self.state.cwd.resolve(r)).await.ok();
        match (op, l, r) {
            (b"-nt", Some(l), Some(r)) => l.mtime > r.mtime,
            (b"-nt", l, r) => l.is_some() && r.is_none(),
            (b"-ot", Some(l), Some(r)) => l.mtime < r.mtime,
            (b"-ot", l, r) => l.is_none() && r.is_some(),
            (_, Some(l), Some(r)) => l.inode == r.inode,
            _ => false,
        }
    }

    fn eval_test<'a>(&'a mut self, e: &'a Expr) -> BoxFuture<'a, Result<bool, Flow>> {
        Box::pin(async move {
            Ok(match e {
                Expr::Const(v) => *v,
                Expr::Unary(op, arg) if op.as_slice() == b"-o" => {
                    self.option_value(arg, true).unwrap_or(false)
                }
                Expr::Unary(op, arg) => self.unary_test(op, arg).await?.unwrap_or(false),
                Expr::Files(op, l, r) => self.compare_files(op, l, r).await,
                Expr::Not(e) => !self.eval_test(e).await?,
                Expr::And(items) => {
                    let mut all = true;
                    for e in items {
                        all &= self.eval_test(e).await?;
                    }
                    all
                }
                Expr::Or(items) => {
                    let mut any = false;
                    for e in items {
                        any |= self.eval_test(e).await?;
                    }
                    any
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Option<bool>, String> {
        let argv: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        match parse(&argv) {
            Ok(Expr::Const(v)) => Ok(Some(v)),
            Ok(_) => Ok(None),
            Err(m) => Err(String::from_utf8(m).unwrap()),
        }
    }

    #[test]
    fn posix_rules() {
        assert_eq!(run(&[]), Ok(Some(false)));
        assert_eq!(run(&["-n"]), Ok(Some(true)));
        assert_eq!(run(&["!"]), Ok(Some(true)));
        assert_eq!(run(&["!", "-n"]), Ok(Some(false)));
        assert_eq!(run(&["a", "=", "a"]), Ok(Some(true)));
        assert_eq!(run(&["-a", "=", "-a"]), Ok(Some(true)));
        assert_eq!(run(&["!", "=", "a"]), Ok(Some(false)));
        assert_eq!(run(&["(", "=", ")"]), Ok(Some(false)));
        assert_eq!(
            run(&["-n", "-n", "-n"]),
            Err("-n: binary operator expected".into())
        );
        assert_eq!(run(&["a", "b"]), Err("a: unary operator expected".into()));
        assert_eq!(
            run(&["(", "a", "b", ")"]),
            Err("a: unary operator expected".into())
        );
        assert_eq!(
            run(&["a", "b", "c", "d", "e"]),
            Err("too many arguments".into())
        );
        assert_eq!(run(&["(", "a", "=", "a"]), Err("`)' expected".into()));
        assert_eq!(
            run(&["1+1", "-eq", "2"]),
            Err("1+1: integer expression expected".into())
        );
        assert_eq!(run(&[" 1 ", "-eq", "1"]), Ok(Some(true)));
    }
}
