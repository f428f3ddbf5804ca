//! Evaluating arithmetic: the values of `$((…))`, `((…))`, `let` and subscripts.
//!
//! [`vbash_syntax::arith`] parses the expanded text; this module computes it as bash 5.2 does:
//! 64-bit signed integers that wrap, `&&`/`||`/`?:` that skip what they do not need, variables
//! whose text is itself evaluated as an expression (`x=y+1; ((x))`), and bash's error messages
//! and error tokens (`division by 0 (error token is "0")`).
//!
//! ```
//! use vbash_engine::arith::{evaluate, ArithVars, ArithFailure};
//! use vbash_syntax::arith::Var;
//! use std::collections::HashMap;
//!
//! #[derive(Default)]
//! struct Vars(HashMap<Vec<u8>, Vec<u8>>);
//! impl ArithVars for Vars {
//!     fn get(&mut self, var: &Var) -> Result<Option<Vec<u8>>, ArithFailure> {
//!         Ok(self.0.get(var.name.as_bytes()).cloned())
//!     }
//!     fn set(&mut self, var: &Var, value: i64) -> Result<(), ArithFailure> {
//!         self.0.insert(var.name.to_vec(), value.to_string().into_bytes());
//!         Ok(())
//!     }
//! }
//!
//! let mut vars = Vars::default();
//! vars.0.insert(b"y".to_vec(), b"3".to_vec());
//! vars.0.insert(b"x".to_vec(), b"y*2".to_vec());
//! assert_eq!(evaluate(b"x + 1, z = x << 2", &mut vars).unwrap(), 24);
//! assert_eq!(vars.0[&b"z".to_vec()], b"24");
//!
//! let err = evaluate(b"7 / (y - 3)", &mut vars).unwrap_err();
//! assert_eq!(err.to_string(), r#"7 / (y - 3): division by 0 (error token is "(y - 3)")"#);
//! ```

use std::fmt;

use vbash_syntax::arith::{
    self, ArithError, ArithExpr, BinaryOp, ErrorPos, IncDecOp, UnaryOp, Var,
};

/// How deeply variables may refer to expressions that refer to variables (`a=b`, `b=c`, …)
/// before bash's `expression recursion level exceeded`.
pub const MAX_RECURSION: usize = 1024;

/// Where variables come from and go to while evaluating.
///
/// The engine implements it over the shell's variables; it decides what a subscript means
/// (arithmetic for indexed arrays, a key for associative ones) and may fail, e.g. for a
/// read-only variable or an unbound one under `set -u`.
pub trait ArithVars {
    /// The text of `var`, `None` when unset. Empty or unset text counts as 0.
    fn get(&mut self, var: &Var) -> Result<Option<Vec<u8>>, ArithFailure>;
    /// Assigns `value` to `var`.
    fn set(&mut self, var: &Var, value: i64) -> Result<(), ArithFailure>;
}

/// An evaluation that failed, with the text bash names in its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArithFailure {
    /// The expression text the error is about: the whole expression, or the text of the
    /// variable whose value failed to evaluate.
    pub expression: Vec<u8>,
    /// The message and error token.
    pub error: ArithError,
}

impl ArithFailure {
    /// A failure of `error` found while evaluating `src`.
    pub fn new(src: &[u8], error: ArithError) -> ArithFailure {
        ArithFailure {
            expression: error.expression(src).to_vec(),
            error,
        }
    }

    /// A failure with a message but no error token, from an [`ArithVars`] implementation
    /// (bash prints such errors as `NAME: message`).
    pub fn plain(subject: &[u8], message: impl Into<String>) -> ArithFailure {
        ArithFailure {
            expression: subject.to_vec(),
            error: ArithError {
                message: message.into(),
                token: Default::default(),
                at: 0,
            },
        }
    }
}

/// As bash prints it after its `bash: ` prefix: `EXPR: message (error token is "…")`.
impl fmt::Display for ArithFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expr = String::from_utf8_lossy(&self.expression);
        if self.error.token.is_empty() && self.error.at == 0 {
            write!(f, "{expr}: {}", self.error.message)
        } else {
            write!(f, "{expr}: {}", self.error)
        }
    }
}

impl std::error::Error for ArithFailure {}

/// Parses and evaluates already expanded text.
pub fn evaluate(src: &[u8], vars: &mut dyn ArithVars) -> Result<i64, ArithFailure> {
    Evaluator { vars, depth: 1 }.text(src)
}

/// Evaluates an already parsed expression; `src` is the text it was parsed from (for messages).
pub fn evaluate_parsed(
    expr: &ArithExpr,
    src: &[u8],
    vars: &mut dyn ArithVars,
) -> Result<i64, ArithFailure> {
    Evaluator { vars, depth: 1 }.expr(expr, src)
}

struct Evaluator<'a> {
    vars: &'a mut dyn ArithVars,
    /// How many expressions are being evaluated inside one another: the outermost counts as
    /// one, as in bash, which decides which variable its recursion error names.
    depth: usize,
}

impl Evaluator<'_> {
    fn text(&mut self, src: &[u8]) -> Result<i64, ArithFailure> {
        let expr = arith::parse(src).map_err(|e| ArithFailure::new(src, e))?;
        self.expr(&expr, src)
    }

    fn expr(&mut self, e: &ArithExpr, src: &[u8]) -> Result<i64, ArithFailure> {
        Ok(match e {
            ArithExpr::Empty => 0,
            ArithExpr::Number(n) => *n,
            ArithExpr::Var(v) => self.read(v)?,
            ArithExpr::Unary { op, operand } => {
                let x = self.expr(operand, src)?;
                match op {
                    UnaryOp::Neg => x.wrapping_neg(),
                    UnaryOp::Plus => x,
                    UnaryOp::Not => i64::from(x == 0),
                    UnaryOp::BitNot => !x,
                }
            }
            ArithExpr::IncDec { op, var } => {
                let old = self.read(var)?;
                let new = match op {
                    IncDecOp::PreInc | IncDecOp::PostInc => old.wrapping_add(1),
                    IncDecOp::PreDec | IncDecOp::PostDec => old.wrapping_sub(1),
                };
                self.vars.set(var, new)?;
                match op {
                    IncDecOp::PreInc | IncDecOp::PreDec => new,
                    IncDecOp::PostInc | IncDecOp::PostDec => old,
                }
            }
            ArithExpr::Power { base, exponent, at } => {
                let b = self.expr(base, src)?;
                let x = self.expr(exponent, src)?;
                power(b, x).ok_or_else(|| fail(src, "exponent less than 0", *at))?
            }
            ArithExpr::Binary { first, rest } => {
                let mut acc = self.expr(first, src)?;
                for step in rest {
                    // `&&` and `||` skip the rest of their run once the result is known.
                    match step.op {
                        BinaryOp::And if acc == 0 => return Ok(0),
                        BinaryOp::Or if acc != 0 => return Ok(1),
                        _ => {}
                    }
                    let rhs = self.expr(&step.operand, src)?;
                    acc = binary(step.op, acc, rhs)
                        .ok_or_else(|| fail(src, "division by 0", step.at))?;
                }
                acc
            }
            ArithExpr::Conditional {
                cond,
                then,
                otherwise,
            } => {
                if self.expr(cond, src)? != 0 {
                    self.expr(then, src)?
                } else {
                    self.expr(otherwise, src)?
                }
            }
            ArithExpr::Assign { op, var, value, at } => {
                let rhs = self.expr(value, src)?;
                let new = match op {
                    None => rhs,
                    Some(op) => {
                        let old = self.read(var)?;
                        binary(*op, old, rhs).ok_or_else(|| fail(src, "division by 0", *at))?
                    }
                };
                self.vars.set(var, new)?;
                new
            }
            ArithExpr::Comma(items) => {
                let mut last = 0;
                for item in items {
                    last = self.expr(item, src)?;
                }
                last
            }
        })
    }

    /// A variable's value: its text, evaluated as an expression unless it is a plain number.
    fn read(&mut self, var: &Var) -> Result<i64, ArithFailure> {
        let Some(text) = self.vars.get(var)? else {
            return Ok(0);
        };
        if let Some(n) = plain_integer(&text) {
            return Ok(n);
        }
        if self.depth >= MAX_RECURSION {
            return Err(ArithFailure::new(
                var.name.as_bytes(),
                ArithError::new(
                    "expression recursion level exceeded",
                    var.name.as_bytes(),
                    0,
                ),
            ));
        }
        self.depth += 1;
        // Each level parses and walks a tree: grow the stack rather than overflow it.
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.text(&text));
        self.depth -= 1;
        r
    }
}

fn fail(src: &[u8], message: &str, at: ErrorPos) -> ArithFailure {
    ArithFailure::new(src, ArithError::new(message, src, at.0))
}

/// `base ** exp` with 64-bit wrap-around, as bash computes it; `None` for a negative exponent.
fn power(base: i64, exp: i64) -> Option<i64> {
    if exp < 0 {
        return None;
    }
    let (mut result, mut b, mut e) = (1i64, base, exp as u64);
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    Some(result)
}

/// One binary operation; `None` for a division by zero.
fn binary(op: BinaryOp, a: i64, b: i64) -> Option<i64> {
    Some(match op {
        BinaryOp::Or => i64::from(a != 0 || b != 0),
        BinaryOp::And => i64::from(a != 0 && b != 0),
        BinaryOp::BitOr => a | b,
        BinaryOp::BitXor => a ^ b,
        BinaryOp::BitAnd => a & b,
        BinaryOp::Eq => i64::from(a == b),
        BinaryOp::Ne => i64::from(a != b),
        BinaryOp::Lt => i64::from(a < b),
        BinaryOp::Gt => i64::from(a > b),
        BinaryOp::Le => i64::from(a <= b),
        BinaryOp::Ge => i64::from(a >= b),
        // Shift counts are taken modulo 64, as the x86 instructions bash compiles to do.
        BinaryOp::Shl => a.wrapping_shl(b as u32),
        BinaryOp::Shr => a.wrapping_shr(b as u32),
        BinaryOp::Add => a.wrapping_add(b),
        BinaryOp::Sub => a.wrapping_sub(b),
        BinaryOp::Mul => a.wrapping_mul(b),
        BinaryOp::Div if b == 0 => return None,
        BinaryOp::Div => a.wrapping_div(b),
        BinaryOp::Rem if b == 0 => return None,
        BinaryOp::Rem => a.wrapping_rem(b),
    })
}

/// Text that is just a decimal integer (blanks around allowed): the common case of a variable's
/// value, read without parsing an expression.
fn plain_integer(text: &[u8]) -> Option<i64> {
    let t = text.trim_ascii();
    let (neg, digits) = match t.first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    // A leading 0 means octal: leave those to the full parser.
    if digits.is_empty() || digits.len() > 18 || (digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    let mut n: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(c - b'0');
    }
    Some(if neg { -n } else { n })
}
