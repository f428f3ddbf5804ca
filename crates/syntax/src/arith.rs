//! Arithmetic expressions: the language of `$((…))`, `((…))`, `let`, `for ((…))`, indexed array
//! subscripts and `${x:offset:length}`.
//!
//! Bash expands `$x`, `$(…)` and quotes inside an arithmetic expression first and only then
//! parses the resulting text, so [`parse`] takes plain, already expanded bytes. It follows bash
//! 5.2's `expr.c` token for token, so a malformed expression fails with bash's message and error
//! token. Evaluating the tree is the engine's job.
//!
//! ```
//! use vbash_syntax::arith::{self, ArithExpr};
//!
//! let expr = arith::parse(b"x += 2**3 * a[i]--").unwrap();
//! assert!(matches!(expr, ArithExpr::Assign { .. }));
//! assert_eq!(arith::print(&expr), "x += 2 ** 3 * a[i]--");
//!
//! let err = arith::parse(b"1 + ").unwrap_err();
//! assert_eq!(err.to_string(), r#"syntax error: operand expected (error token is "+ ")"#);
//! ```
//!
//! The shape of the tree:
//! - a run of left-associative operators of one precedence (`a + b - c`) is one flat
//!   [`ArithExpr::Binary`], and `a, b, c` one [`ArithExpr::Comma`]: bash evaluates them in a
//!   loop, and a sum of ten thousand terms must not make a tree ten thousand deep;
//! - blank text is [`ArithExpr::Empty`] (bash's `$(( ))` is 0, and `for ((;;))` takes an empty
//!   condition as true), which never appears inside another node;
//! - parentheses leave no node: `(a)` parses to `a`.
//!
//! Bash evaluates as it parses, so an evaluation error met before a syntax error is the one it
//! reports (`1/0 +` fails with `division by 0`, where [`parse`] reports the missing operand), and
//! side effects before a syntax error happen (`x=5, 1 +` assigns `x`). Nodes whose evaluation can
//! fail with an error token carry an [`ErrorPos`], so the engine can quote what bash quotes.

use std::fmt;

use crate::text::Text;

#[cfg(feature = "serde")]
use serde::Serialize;

/// How deeply an expression may nest, in constructs open at once (parentheses, operators
/// waiting for their right operand) and in levels of the tree, before [`parse`] fails with
/// `expression recursion level exceeded`. Bash has no such limit and crashes instead; this one
/// keeps printing, evaluating and dropping a tree well within a 2 MiB thread stack.
pub const MAX_DEPTH: usize = 1024;

/// A parsed arithmetic expression.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum ArithExpr {
    /// Blank text, whose value is 0. Only ever a whole expression.
    Empty,
    /// An integer constant, converted with 64-bit wrap-around as bash does.
    Number(i64),
    /// A variable or array element, read.
    Var(Var),
    /// `-e`, `+e`, `!e`, `~e`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// What it applies to.
        operand: Box<ArithExpr>,
    },
    /// `++x`, `--x`, `x++`, `x--`.
    IncDec {
        /// Which of the four.
        op: IncDecOp,
        /// The variable changed.
        var: Var,
    },
    /// `base ** exponent`: right-associative, and looser than unary minus (`-2**2` is 4).
    Power {
        /// The left operand.
        base: Box<ArithExpr>,
        /// The right operand.
        exponent: Box<ArithExpr>,
        /// The error token of `exponent less than 0`.
        at: ErrorPos,
    },
    /// A left-associative run `first op operand op operand …` whose operators all have the same
    /// [`BinaryOp::precedence`], evaluated left to right (`&&` and `||` short-circuit).
    Binary {
        /// The leftmost operand.
        first: Box<ArithExpr>,
        /// The operators and their right operands, at least one.
        rest: Vec<Operation>,
    },
    /// `cond ? then : otherwise`: right-associative, and `then` may hold commas.
    Conditional {
        /// The condition.
        cond: Box<ArithExpr>,
        /// The value when `cond` is not 0.
        then: Box<ArithExpr>,
        /// The value when `cond` is 0.
        otherwise: Box<ArithExpr>,
    },
    /// `var = value`, `var += value`, …: right-associative.
    Assign {
        /// `None` for `=`; for a compound operator the operation it applies (only `*`, `/`,
        /// `%`, `+`, `-`, `<<`, `>>`, `&`, `^` and `|` have one).
        op: Option<BinaryOp>,
        /// The variable assigned.
        var: Var,
        /// The right-hand side.
        value: Box<ArithExpr>,
        /// The error token of `division by 0` for `/=` and `%=`.
        at: ErrorPos,
    },
    /// `a, b, …`: each evaluated in turn, the value is the last. At least two.
    Comma(Vec<ArithExpr>),
}

/// A variable operand: `name` or `name[subscript]`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Var {
    /// The variable name, an identifier.
    pub name: Text,
    /// The raw text between the brackets, if any: arithmetic for an indexed array, a key for an
    /// associative one, which only the engine can tell.
    pub subscript: Option<Text>,
}

/// One step of an [`ArithExpr::Binary`] run.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Operation {
    /// The operator.
    pub op: BinaryOp,
    /// Its right operand.
    pub operand: ArithExpr,
    /// For `/` and `%`, the error token of `division by 0`: where the divisor starts.
    pub at: ErrorPos,
}

/// A byte offset into the parsed text where bash's error token starts should evaluating the
/// node holding it fail; the token runs to the end of the text ([`ArithError::new`]).
///
/// It is bookkeeping for messages, not structure, so any two compare equal: a tree printed and
/// parsed again equals the original.
#[derive(Clone, Copy, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ErrorPos(pub usize);

impl PartialEq for ErrorPos {
    fn eq(&self, _: &ErrorPos) -> bool {
        true
    }
}

impl Eq for ErrorPos {}

/// A prefix operator: `-`, `+`, `!` or `~`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `+`
    Plus,
    /// `!`
    Not,
    /// `~`
    BitNot,
}

/// Increment or decrement, before or after reading the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum IncDecOp {
    /// `++x`
    PreInc,
    /// `--x`
    PreDec,
    /// `x++`
    PostInc,
    /// `x--`
    PostDec,
}

/// A left-associative binary operator, in order of [`BinaryOp::precedence`] from the loosest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum BinaryOp {
    /// `||`
    Or,
    /// `&&`
    And,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

impl UnaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        ["-", "+", "!", "~"][self as usize]
    }
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        const SYMBOLS: [&str; 18] = [
            "||", "&&", "|", "^", "&", "==", "!=", "<", ">", "<=", ">=", "<<", ">>", "+", "-", "*",
            "/", "%",
        ];
        SYMBOLS[self as usize]
    }

    /// How tightly it binds: 0 for `||` up to 9 for `*`, `/` and `%`.
    pub fn precedence(self) -> u8 {
        [0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 7, 8, 8, 9, 9, 9][self as usize]
    }
}

/// A syntax error or an invalid constant, with bash's message and error token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArithError {
    /// Bash's message, e.g. `syntax error: operand expected`.
    pub message: String,
    /// The text from where bash found the error: to the end, or for an invalid constant to the
    /// end of the constant.
    pub token: Text,
    /// Where `token` starts in the parsed text.
    pub at: usize,
}

impl ArithError {
    /// The error found at byte `at` of `src`, the token running to the end. The engine makes its
    /// evaluation errors so, with the offset of an [`ErrorPos`].
    pub fn new(message: impl Into<String>, src: &[u8], at: usize) -> ArithError {
        let (message, token) = (
            message.into(),
            Text::from(src.get(at..).unwrap_or_default()),
        );
        ArithError { message, token, at }
    }

    /// The expression as bash quotes it before the message (`EXPR: message (error token is
    /// "…")`), `src` being the text parsed: without leading spaces and tabs, and ending with the
    /// token, because bash cuts its copy of the text after a constant while converting it.
    pub fn expression<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        let text = src.get(..self.at + self.token.len()).unwrap_or(src);
        let blanks = text.iter().take_while(|&&c| c == b' ' || c == b'\t');
        &text[blanks.count()..]
    }
}

/// As bash words it after the expression: `message (error token is "token")`.
impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = self.token.to_str_lossy();
        write!(f, "{} (error token is \"{token}\")", self.message)
    }
}

impl std::error::Error for ArithError {}

/// Parses already expanded text as one arithmetic expression, all of it.
///
/// Blank text (spaces, tabs and newlines only) is [`ArithExpr::Empty`]. Constants are checked
/// and converted here, as bash does while reading them.
pub fn parse(src: &[u8]) -> Result<ArithExpr, ArithError> {
    if src.iter().all(|&c| is_blank(c)) {
        return Ok(ArithExpr::Empty);
    }
    let (tok, prev, start, end, last) = (Tok::End, Tok::End, 0, 0, 0);
    let mut parser = Parser {
        src,
        tok,
        prev,
        start,
        end,
        last,
    };
    parser.advance()?;
    parser.expression()
}

/// Prints `expr` as canonical text that [`parse`] reads back to an equal tree: operators spaced,
/// parentheses only where needed. Subscripts are copied as they are (bytes that are not UTF-8
/// become U+FFFD).
pub fn print(expr: &ArithExpr) -> String {
    let mut out = String::new();
    write(&mut out, expr, 0);
    out
}

/// Bash's `cr_whitespace`, what separates tokens (a carriage return does not).
fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n')
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// What may follow `BASE#` in a constant.
fn is_digit(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'@' || c == b'_'
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    End,
    Num(i64),
    /// A name, and `[subscript]` when the token goes on past the name's end, given.
    Name(usize),
    /// A binary operator; `+` and `-` are unary too.
    Bin(BinaryOp),
    Assign(Option<BinaryOp>),
    Power,
    Not,
    BitNot,
    Question,
    Colon,
    Comma,
    LParen,
    RParen,
    PreInc,
    PreDec,
    PostInc,
    PostDec,
}

/// A token, where it starts and where it ends.
type Token = (Tok, usize, usize);

/// Reads the token at or after `pos` (bash's `readtok`), given the two tokens before it (bash's
/// `curtok` and `lasttok`): they decide how `++`, `--` and stray characters read.
fn lex(src: &[u8], pos: usize, cur: Tok, prev: Tok) -> Result<Token, ArithError> {
    let token = lex_one(src, pos, cur, prev)?;
    // Bash peeks at the token after a name, to know whether the name is assigned to, and that
    // peek, finding a name, peeks in turn: an error further on comes first.
    let mut next = token;
    while let (Tok::Name(_), _, end) = next {
        next = lex_one(src, end, next.0, Tok::End)?;
    }
    Ok(token)
}

fn lex_one(src: &[u8], pos: usize, cur: Tok, prev: Tok) -> Result<Token, ArithError> {
    use BinaryOp::*;
    let span =
        |from: usize, f: fn(u8) -> bool| from + src[from..].iter().take_while(|&&c| f(c)).count();
    let start = span(pos, is_blank);
    let error = |message: &str| Err(ArithError::new(message, src, start));
    let Some(&c) = src.get(start) else {
        return Ok((Tok::End, start, start));
    };
    if is_name_start(c) {
        let name_end = span(start, is_name_char);
        return match src.get(name_end) {
            Some(b'[') => match skip_subscript(src, name_end) {
                Some(close) => Ok((Tok::Name(name_end), start, close + 1)),
                None => error("bad array subscript"),
            },
            _ => Ok((Tok::Name(name_end), start, name_end)),
        };
    }
    if c.is_ascii_digit() {
        let end = span(start, |c| is_digit(c) || c == b'#');
        // Bash cuts its copy of the text after the constant, so the error token ends there.
        let token = Text::from(&src[start..end]);
        return match number(&token) {
            Ok(value) => Ok((Tok::Num(value), start, end)),
            Err(message) => Err(ArithError {
                message: message.into(),
                token,
                at: start,
            }),
        };
    }
    let assign = src.get(start + 2) == Some(&b'=');
    let (tok, len) = match (c, src.get(start + 1).copied()) {
        (b'=', Some(b'=')) => (Tok::Bin(Eq), 2),
        (b'!', Some(b'=')) => (Tok::Bin(Ne), 2),
        (b'<', Some(b'=')) => (Tok::Bin(Le), 2),
        (b'>', Some(b'=')) => (Tok::Bin(Ge), 2),
        (b'<', Some(b'<')) if assign => (Tok::Assign(Some(Shl)), 3),
        (b'>', Some(b'>')) if assign => (Tok::Assign(Some(Shr)), 3),
        (b'<', Some(b'<')) => (Tok::Bin(Shl), 2),
        (b'>', Some(b'>')) => (Tok::Bin(Shr), 2),
        (b'&', Some(b'&')) => (Tok::Bin(And), 2),
        (b'|', Some(b'|')) => (Tok::Bin(Or), 2),
        (b'*', Some(b'*')) => (Tok::Power, 2),
        (b'+' | b'-', Some(d)) if d == c => {
            let inc = c == b'+';
            let name_follows = src[start + 2..].iter().find(|&&c| !is_blank(c));
            match (cur, prev) {
                (Tok::Name(_), _) => (if inc { Tok::PostInc } else { Tok::PostDec }, 2),
                (Tok::Num(_), Tok::PreInc | Tok::PreDec) if inc => {
                    return error("++: assignment requires lvalue")
                }
                (Tok::Num(_), Tok::PreInc | Tok::PreDec) => {
                    return error("--: assignment requires lvalue")
                }
                _ if name_follows.is_some_and(|&c| is_name_start(c)) => {
                    (if inc { Tok::PreInc } else { Tok::PreDec }, 2)
                }
                // Not before a name: `--5` is two minus signs.
                _ => (Tok::Bin(if inc { Add } else { Sub }), 1),
            }
        }
        (_, Some(b'=')) if b"*/%+-&^|".contains(&c) => (Tok::Assign(binary_op(c)), 2),
        (b'=', _) => (Tok::Assign(None), 1),
        (b'!', _) => (Tok::Not, 1),
        (b'~', _) => (Tok::BitNot, 1),
        (b'?', _) => (Tok::Question, 1),
        (b':', _) => (Tok::Colon, 1),
        (b',', _) => (Tok::Comma, 1),
        (b'(', _) => (Tok::LParen, 1),
        (b')', _) => (Tok::RParen, 1),
        _ => match (binary_op(c), cur) {
            (Some(op), _) => (Tok::Bin(op), 1),
            (None, Tok::Name(_) | Tok::Num(_)) => {
                return error("syntax error: invalid arithmetic operator")
            }
            (None, _) => return error("syntax error: operand expected"),
        },
    };
    Ok((tok, start, start + len))
}

/// The binary operators of one character (`+` and `-` are unary too).
fn binary_op(c: u8) -> Option<BinaryOp> {
    use BinaryOp::*;
    let i = b"<>+-*/%&^|".iter().position(|&o| o == c)?;
    Some([Lt, Gt, Add, Sub, Mul, Div, Rem, BitAnd, BitXor, BitOr][i])
}

/// Converts a constant as bash's `strlong` does: `0x` hex, `0` octal, `BASE#DIGITS`, else
/// decimal, wrapping around on overflow (the base too: `18446744073709551618#1` is base 2).
fn number(text: &[u8]) -> Result<i64, &'static str> {
    let (mut base, digits, mut found_base) = match text {
        [b'0', b'x' | b'X', rest @ ..] => (16, rest, true),
        [b'0', rest @ ..] => (8, rest, true),
        _ => (10, text, false),
    };
    let mut value: i64 = 0;
    for (i, &c) in digits.iter().enumerate() {
        if c == b'#' {
            if found_base {
                return Err("invalid number");
            } else if !(2..=64).contains(&value) {
                return Err("invalid arithmetic base");
            } else if !digits.get(i + 1).is_some_and(|&c| is_digit(c)) {
                return Err("invalid integer constant");
            }
            (base, value, found_base) = (value, 0, true);
            continue;
        }
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            // Letters are case-insensitive up to base 36; above, capitals follow small letters.
            b'A'..=b'Z' if base <= 36 => c - b'A' + 10,
            b'A'..=b'Z' => c - b'A' + 36,
            b'@' => 62,
            _ => 63,
        };
        if i64::from(digit) >= base {
            return Err("value too great for base");
        }
        value = value.wrapping_mul(base).wrapping_add(digit.into());
    }
    Ok(value)
}

/// Finds the `]` closing the `[` at `open` as bash's `skipsubscript` does: brackets nest, and
/// backslashes, quotes, backquotes, `$(…)` and `${…}` hide what they hold.
fn skip_subscript(s: &[u8], open: usize) -> Option<usize> {
    // What closes each construct open at `i`, innermost last: a stack, not recursion, so that
    // no text can exhaust the call stack.
    let mut closers = vec![b']'];
    let mut i = open + 1;
    while let (Some(&c), Some(&closer)) = (s.get(i), closers.last()) {
        i += 1;
        match c {
            _ if closer == b'\'' && c != b'\'' => {}
            b'\\' => i += 1,
            _ if c == closer => {
                closers.pop();
                if closers.is_empty() {
                    return Some(i - 1);
                }
            }
            _ if closer == b'`' => {}
            b'`' | b'"' => closers.push(c),
            b'$' if matches!(s.get(i), Some(b'(' | b'{')) => {
                closers.push(if s[i] == b'(' { b')' } else { b'}' });
                i += 1;
            }
            _ if closer == b'"' => {}
            b'\'' => closers.push(c),
            _ if matches!((c, closer), (b'[', b']') | (b'(', b')') | (b'{', b'}')) => {
                closers.push(closer);
            }
            _ => {}
        }
    }
    None
}

/// The parser: bash's recursive descent (`expcomma` down to `exp0`) with one token of
/// lookahead, so that errors are found at the token where bash finds them, but run on a stack
/// of open constructs rather than on the call stack.
struct Parser<'a> {
    src: &'a [u8],
    /// The current token (bash's `curtok`) and where it lies.
    tok: Tok,
    start: usize,
    end: usize,
    /// The token before it (bash's `lasttok`).
    prev: Tok,
    /// Where the last token that was not the end of the text starts (bash's `lasttp`): error
    /// tokens run from there to the end.
    last: usize,
}

/// A finished operand, and the depth of its tree.
struct Node {
    expr: ArithExpr,
    depth: usize,
}

/// A construct waiting for an operand.
enum Frame {
    /// `(`, until `)`.
    Paren,
    /// `cond ?`, until `:`.
    Then(Node),
    /// An operator, with the depth of its deepest operand so far.
    Op(Pending, usize),
}

/// An operator waiting for its right operand.
enum Pending {
    Unary(UnaryOp),
    /// `base **`.
    Power(ArithExpr),
    /// `first op operand … op`, all operators of one precedence, the divisor's position for
    /// the last.
    Binary(ArithExpr, Vec<Operation>, BinaryOp, usize),
    /// `cond ? then :`.
    Else(ArithExpr, ArithExpr),
    /// `var op=`.
    Assign(Option<BinaryOp>, Var),
    /// `a, b, …,`.
    Comma(Vec<ArithExpr>),
}

impl Pending {
    /// How tightly the operator binds, on the scale of `write`'s `min`.
    fn strength(&self) -> u8 {
        match self {
            Pending::Comma(_) => 0,
            Pending::Assign(..) => 1,
            Pending::Else(..) => 2,
            Pending::Binary(_, _, op, _) => 3 + op.precedence(),
            Pending::Power(_) => 13,
            Pending::Unary(_) => 14,
        }
    }

    /// The node the operator makes with its last operand, `at` being bash's `lasttp` then.
    fn apply(self, last: ArithExpr, at: ErrorPos) -> ArithExpr {
        let boxed = Box::new(last);
        match self {
            Pending::Unary(op) => ArithExpr::Unary { op, operand: boxed },
            Pending::Power(base) => {
                let (base, exponent) = (Box::new(base), boxed);
                ArithExpr::Power { base, exponent, at }
            }
            Pending::Binary(first, mut rest, op, divisor) => {
                rest.push(Operation {
                    op,
                    operand: *boxed,
                    at: ErrorPos(divisor),
                });
                ArithExpr::Binary {
                    first: Box::new(first),
                    rest,
                }
            }
            Pending::Else(cond, then) => {
                let (cond, then, otherwise) = (Box::new(cond), Box::new(then), boxed);
                ArithExpr::Conditional {
                    cond,
                    then,
                    otherwise,
                }
            }
            Pending::Assign(op, var) => ArithExpr::Assign {
                op,
                var,
                value: boxed,
                at,
            },
            Pending::Comma(mut items) => {
                items.push(*boxed);
                ArithExpr::Comma(items)
            }
        }
    }
}

impl Parser<'_> {
    fn advance(&mut self) -> Result<(), ArithError> {
        let token = lex(self.src, self.end, self.tok, self.prev)?;
        if token.0 != Tok::End {
            self.last = token.1;
        }
        self.prev = self.tok;
        (self.tok, self.start, self.end) = token;
        Ok(())
    }

    fn error(&self, message: &str) -> ArithError {
        ArithError::new(message, self.src, self.last)
    }

    fn push(&self, stack: &mut Vec<Frame>, frame: Frame) -> Result<(), ArithError> {
        if stack.len() >= MAX_DEPTH {
            return Err(self.error("expression recursion level exceeded"));
        }
        stack.push(frame);
        Ok(())
    }

    /// The whole expression, from the current token on.
    fn expression(&mut self) -> Result<ArithExpr, ArithError> {
        let mut stack = Vec::new();
        loop {
            // An operand, after any prefix operators and `(`.
            let mut node = loop {
                let frame = match self.tok {
                    Tok::LParen => Frame::Paren,
                    Tok::Not => Frame::Op(Pending::Unary(UnaryOp::Not), 0),
                    Tok::BitNot => Frame::Op(Pending::Unary(UnaryOp::BitNot), 0),
                    Tok::Bin(BinaryOp::Sub) => Frame::Op(Pending::Unary(UnaryOp::Neg), 0),
                    Tok::Bin(BinaryOp::Add) => Frame::Op(Pending::Unary(UnaryOp::Plus), 0),
                    _ => {
                        break Node {
                            expr: self.operand()?,
                            depth: 1,
                        }
                    }
                };
                self.push(&mut stack, frame)?;
                self.advance()?;
            };
            // Then operators and `)` until one wants an operand, each first finishing the
            // operators that bind more tightly (a token that is no operator finishes them all).
            loop {
                let strength = match self.tok {
                    Tok::Power => Some(13),
                    Tok::Bin(op) => Some(3 + op.precedence()),
                    Tok::Question => Some(2),
                    Tok::Assign(_) => Some(1),
                    Tok::Comma => Some(0),
                    _ => None,
                };
                loop {
                    match stack.pop() {
                        Some(Frame::Op(op, depth))
                            if strength.is_none_or(|s| op.strength() > s) =>
                        {
                            let depth = depth.max(node.depth) + 1;
                            if depth > MAX_DEPTH {
                                return Err(self.error("expression recursion level exceeded"));
                            }
                            let expr = op.apply(node.expr, ErrorPos(self.last));
                            node = Node { expr, depth };
                        }
                        Some(frame) => break stack.push(frame),
                        None => break,
                    }
                }
                let Node { expr, depth } = node;
                let pending = match (self.tok, stack.last_mut()) {
                    (Tok::RParen, Some(Frame::Paren)) => {
                        stack.pop();
                        self.advance()?;
                        node = Node { expr, depth };
                        continue;
                    }
                    (Tok::Colon, Some(Frame::Then(_))) => {
                        if let Some(Frame::Then(cond)) = stack.pop() {
                            let depth = cond.depth.max(depth);
                            stack.push(Frame::Op(Pending::Else(cond.expr, expr), depth));
                        }
                        self.advance()?;
                        if self.tok == Tok::End {
                            return Err(self.error("expression expected"));
                        }
                        break;
                    }
                    // Runs of one precedence, and commas, grow in place rather than nest.
                    (Tok::Bin(op), Some(Frame::Op(Pending::Binary(_, rest, last, at), max)))
                        if last.precedence() == op.precedence() =>
                    {
                        rest.push(Operation {
                            op: *last,
                            operand: expr,
                            at: ErrorPos(*at),
                        });
                        (*max, *last, *at) = ((*max).max(depth), op, self.divisor());
                        self.advance()?;
                        break;
                    }
                    (Tok::Comma, Some(Frame::Op(Pending::Comma(items), max))) => {
                        items.push(expr);
                        *max = (*max).max(depth);
                        self.advance()?;
                        break;
                    }
                    (Tok::Bin(op), _) => Pending::Binary(expr, Vec::new(), op, self.divisor()),
                    (Tok::Comma, _) => Pending::Comma(vec![expr]),
                    (Tok::Power, _) => Pending::Power(expr),
                    (Tok::Question, _) => {
                        self.push(&mut stack, Frame::Then(Node { expr, depth }))?;
                        self.advance()?;
                        if matches!(self.tok, Tok::End | Tok::Colon) {
                            return Err(self.error("expression expected"));
                        }
                        break;
                    }
                    // Bash wants the token before the operator to be a name with nothing
                    // applied to it since: a bare variable, not even `(x)`.
                    (Tok::Assign(op), _) => match expr {
                        ArithExpr::Var(var) if matches!(self.prev, Tok::Name(_)) => {
                            Pending::Assign(op, var)
                        }
                        _ => return Err(self.error("attempted assignment to non-variable")),
                    },
                    (Tok::End, None) => return Ok(expr),
                    (_, Some(Frame::Paren)) => return Err(self.error("missing `)'")),
                    (_, Some(Frame::Then(_))) => {
                        return Err(self.error("`:' expected for conditional expression"))
                    }
                    _ => return Err(self.error("syntax error in expression")),
                };
                self.push(&mut stack, Frame::Op(pending, depth))?;
                self.advance()?;
                break;
            }
        }
    }

    /// Where bash's error token for a zero divisor starts, the current token being `/` or `%`:
    /// after it and any spaces and tabs (not newlines).
    fn divisor(&self) -> usize {
        let blanks = self.src[self.end..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t');
        self.end + blanks.count()
    }

    /// Constants, variables and increments (bash's `exp0`, but for parentheses).
    fn operand(&mut self) -> Result<ArithExpr, ArithError> {
        let op = match self.tok {
            Tok::Num(n) => {
                self.advance()?;
                return Ok(ArithExpr::Number(n));
            }
            Tok::Name(name_end) => {
                let var = self.var(name_end);
                self.advance()?;
                return match self.tok {
                    Tok::PostInc => self.inc_dec(IncDecOp::PostInc, var),
                    Tok::PostDec => self.inc_dec(IncDecOp::PostDec, var),
                    _ => Ok(ArithExpr::Var(var)),
                };
            }
            Tok::PreInc => IncDecOp::PreInc,
            Tok::PreDec => IncDecOp::PreDec,
            _ => return Err(self.error("syntax error: operand expected")),
        };
        self.advance()?;
        // Never so: the lexer makes `++` a prefix only before a name.
        let Tok::Name(name_end) = self.tok else {
            return Err(self.error("identifier expected after pre-increment or pre-decrement"));
        };
        let var = self.var(name_end);
        self.inc_dec(op, var)
    }

    /// Finishes an increment or decrement whose last token is the current one.
    fn inc_dec(&mut self, op: IncDecOp, var: Var) -> Result<ArithExpr, ArithError> {
        // Bash then takes the result for a number: `x++ = 1` is no assignment, and the lexer
        // refuses `++` after a number that follows a prefix `++`.
        self.tok = Tok::Num(0);
        self.advance()?;
        Ok(ArithExpr::IncDec { op, var })
    }

    /// The variable that the current token names, its name ending at `name_end`.
    fn var(&self, name_end: usize) -> Var {
        let name = Text::from(&self.src[self.start..name_end]);
        // After the name, the token holds nothing or `[subscript]`.
        let brackets = &self.src[name_end..self.end];
        let subscript = brackets
            .get(1..brackets.len().saturating_sub(1))
            .map(Text::from);
        Var { name, subscript }
    }
}

/// How tightly `expr` binds, on the scale of `write`'s `min`.
fn strength(expr: &ArithExpr) -> u8 {
    match expr {
        ArithExpr::Comma(_) => 0,
        ArithExpr::Assign { .. } => 1,
        ArithExpr::Conditional { .. } => 2,
        ArithExpr::Binary { rest, .. } => 3 + rest.first().map_or(9, |o| o.op.precedence()),
        ArithExpr::Power { .. } => 13,
        ArithExpr::Unary { .. } => 14,
        _ => 15,
    }
}

/// Writes `expr`, in parentheses if it binds less tightly than `min`.
fn write(out: &mut String, expr: &ArithExpr, min: u8) {
    if strength(expr) < min {
        out.push('(');
        write(out, expr, 0);
        return out.push(')');
    }
    match expr {
        ArithExpr::Empty => {}
        // Negative only by wrap-around, and the unsigned digits wrap back.
        ArithExpr::Number(n) => out.push_str(&(*n as u64).to_string()),
        ArithExpr::Var(var) => write_var(out, var),
        ArithExpr::Unary { op, operand } => {
            out.push_str(op.symbol());
            let at = out.len();
            write(out, operand, 14);
            // `- -x` and `- --x`, which together would read as `--x` and `-(--x)`.
            if matches!(out.as_bytes()[at - 1..], [b'-' | b'+', b'-' | b'+', ..]) {
                out.insert(at, ' ');
            }
        }
        ArithExpr::IncDec { op, var } => {
            let symbol = ["++", "--", "++", "--"][*op as usize];
            let prefix = matches!(op, IncDecOp::PreInc | IncDecOp::PreDec);
            out.push_str(if prefix { symbol } else { "" });
            write_var(out, var);
            out.push_str(if prefix { "" } else { symbol });
        }
        ArithExpr::Power { base, exponent, .. } => {
            write(out, base, 14);
            out.push_str(" ** ");
            write(out, exponent, 13);
        }
        ArithExpr::Binary { first, rest } => {
            // Operands one level tighter: a run of the same level in `first` keeps parentheses.
            let min = strength(expr) + 1;
            write(out, first, min);
            for operation in rest {
                out.push_str(&format!(" {} ", operation.op.symbol()));
                write(out, &operation.operand, min);
            }
        }
        ArithExpr::Conditional {
            cond,
            then,
            otherwise,
        } => {
            write(out, cond, 3);
            out.push_str(" ? ");
            write(out, then, 0);
            out.push_str(" : ");
            write(out, otherwise, 2);
        }
        ArithExpr::Assign { op, var, value, .. } => {
            write_var(out, var);
            out.push_str(&format!(" {}= ", op.map_or("", BinaryOp::symbol)));
            write(out, value, 1);
        }
        ArithExpr::Comma(items) => {
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { ", " });
                write(out, item, 1);
            }
        }
    }
}

fn write_var(out: &mut String, var: &Var) {
    out.push_str(&var.name.to_str_lossy());
    if let Some(subscript) = &var.subscript {
        out.push_str(&format!("[{}]", subscript.to_str_lossy()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The cases of a table of `input → expected` lines, `\n`, `\t` and `\r` escaped in both.
    fn cases(table: &str) -> Vec<(String, String)> {
        let unescape = |s: &str| {
            s.replace("\\n", "\n")
                .replace("\\t", "\t")
                .replace("\\r", "\r")
        };
        let cases = table
            .lines()
            .filter_map(|line| line.trim_start().split_once(" → "));
        cases
            .map(|(src, want)| (unescape(src), unescape(want)))
            .collect()
    }

    /// The tree fully parenthesised, to show its shape.
    fn shape(e: &ArithExpr) -> String {
        let list = |items: Vec<String>, sep: &str| format!("({})", items.join(sep));
        match e {
            ArithExpr::Unary { op, operand } => format!("({} {})", op.symbol(), shape(operand)),
            ArithExpr::Power { base, exponent, .. } => {
                list(vec![shape(base), shape(exponent)], " ** ")
            }
            ArithExpr::Binary { first, rest } => {
                let ops = rest
                    .iter()
                    .map(|o| format!(" {} {}", o.op.symbol(), shape(&o.operand)));
                format!("({}{})", shape(first), ops.collect::<String>())
            }
            ArithExpr::Conditional {
                cond,
                then,
                otherwise,
            } => format!("({} ? {} : {})", shape(cond), shape(then), shape(otherwise)),
            ArithExpr::Assign { op, var, value, .. } => {
                let op = format!(" {}= ", op.map_or("", BinaryOp::symbol));
                list(vec![print(&ArithExpr::Var(var.clone())), shape(value)], &op)
            }
            ArithExpr::Comma(items) => list(items.iter().map(shape).collect(), ", "),
            _ => print(e),
        }
    }

    #[test]
    fn precedence_and_associativity() {
        let table = r#"
            1 + 2 * 3 → (1 + (2 * 3))
            1 * 2 + 3 * 4 - 5 → ((1 * 2) + (3 * 4) - 5)
            1 - 2 - 3 → (1 - 2 - 3)
            (1 - 2) - 3 → ((1 - 2) - 3)
            1 - (2 - 3) → (1 - (2 - 3))
            -2**2 → ((- 2) ** 2)
            2**3**2 → (2 ** (3 ** 2))
            2 ** -x ** 2 → (2 ** ((- x) ** 2))
            !x == ~y → ((! x) == (~ y))
            a||b&&c|d^e&f==g<h<<i+j*k → (a || (b && (c | (d ^ (e & (f == (g < (h << (i + (j * k))))))))))
            a*b+c<<d<e==f&g^h|i&&j||k → ((((((((((a * b) + c) << d) < e) == f) & g) ^ h) | i) && j) || k)
            1 < 2 == 3 >= 4 != 5 → ((1 < 2) == (3 >= 4) != 5)
            a = b = c → (a = (b = c))
            a += b -= 1 → (a += (b -= 1))
            a <<= b >>= c |= d → (a <<= (b >>= (c |= d)))
            a = b ? c : d → (a = (b ? c : d))
            a ? b : c ? d : e → (a ? b : (c ? d : e))
            a ? b ? c : d : e → (a ? (b ? c : d) : e)
            a ? b, c : d → (a ? (b, c) : d)
            a ? b = 1 : c → (a ? (b = 1) : c)
            a || b ? c : d → ((a || b) ? c : d)
            a = 1, b = 2, c → ((a = 1), (b = 2), c)
            x+++y → (x++ + y)
            x---y → (x-- - y)
            ---x → (- --x)
            -- 5 → (- (- 5))
            ++5 → (+ (+ 5))
            x ++ → x++
            ++\n x → ++x
            - -x → (- (- x))
            -x++ → (- x++)
            a[i+1]++ * b[c[2]] → (a[i+1]++ * b[c[2]])
            a[ $(]) "]" ']' \] `]` ${x]} ] → a[ $(]) "]" ']' \] `]` ${x]} ]
            ((((1)))) → 1
            \t1\n+\n2  → (1 + 2)"#;
        for (src, want) in cases(table) {
            assert_eq!(shape(&parse(src.as_bytes()).unwrap()), want, "{src:?}");
        }
    }

    /// The values as bash 5.2 prints them for `$((c))`.
    #[test]
    fn constants_as_bash_reads_them() {
        let table = "0 → 0\n007 → 7\n0777 → 511\n0x → 0\n0X1F → 31\n16#fF → 255\n2#101 → 5
            10#0010 → 10\n36#zZ → 1295\n62#Z → 61\n64#zZ → 2301\n64#Zz → 3939\n64#_@ → 4094
            9223372036854775807 → 9223372036854775807\n9223372036854775808 → -9223372036854775808
            99999999999999999999 → 7766279631452241919\n18446744073709551617 → 1
            0x1ffffffffffffffff → -1\n18446744073709551618#1 → 1";
        for (src, want) in cases(table) {
            let want = ArithExpr::Number(want.parse().unwrap());
            assert_eq!(parse(src.as_bytes()), Ok(want), "{src}");
        }
    }

    /// What bash 5.2 prints after `bash: line 1: ` for `$(($e))` with each `e` (the blanks that
    /// start a line are indentation, not part of the case).
    #[test]
    fn errors_as_bash_reports_them() {
        let table = r#"
1 +  → 1 + : syntax error: operand expected (error token is "+ ")
 \t1 + → 1 +: syntax error: operand expected (error token is "+")
\n1 + 2 + → \n1 + 2 +: syntax error: operand expected (error token is "+")
09 + 1 → 09: value too great for base (error token is "09")
1 + 0x1g + 2 → 1 + 0x1g: value too great for base (error token is "0x1g")
(09) → (09: value too great for base (error token is "09")
1x → 1x: value too great for base (error token is "1x")
2# → 2#: invalid integer constant (error token is "2#")
2##1 → 2##1: invalid integer constant (error token is "2##1")
2#12 → 2#12: value too great for base (error token is "2#12")
1#1 → 1#1: invalid arithmetic base (error token is "1#1")
65#1 → 65#1: invalid arithmetic base (error token is "65#1")
9223372036854775808#1 → 9223372036854775808#1: invalid arithmetic base (error token is "9223372036854775808#1")
37#zZ → 37#zZ: value too great for base (error token is "37#zZ")
0#1 → 0#1: invalid number (error token is "0#1")
10#10#1 → 10#10#1: invalid number (error token is "10#10#1")
0x#1 → 0x#1: invalid number (error token is "0x#1")
a b 09 + 1 → a b 09: value too great for base (error token is "09")
1 @ 2 → 1 @ 2: syntax error: invalid arithmetic operator (error token is "@ 2")
@ 2 → @ 2: syntax error: operand expected (error token is "@ 2")
(1)@ → (1)@: syntax error: operand expected (error token is "@")
x++ @ → x++ @: syntax error: invalid arithmetic operator (error token is "@")
1 +\r 2 → 1 +\r 2: syntax error: operand expected (error token is "\r 2")
0.5 → 0.5: syntax error: invalid arithmetic operator (error token is ".5")
a [1] → a [1]: syntax error: invalid arithmetic operator (error token is "[1]")
a[1]] → a[1]]: syntax error: invalid arithmetic operator (error token is "]")
a[1 + 2 → a[1 + 2: bad array subscript (error token is "a[1 + 2")
a b[1 → a b[1: bad array subscript (error token is "b[1")
a['x] → a['x]: bad array subscript (error token is "a['x]")
1 + x = 2 → 1 + x = 2: attempted assignment to non-variable (error token is "= 2")
1 = 2 → 1 = 2: attempted assignment to non-variable (error token is "= 2")
(x) = 2 → (x) = 2: attempted assignment to non-variable (error token is "= 2")
x++ = 2 → x++ = 2: attempted assignment to non-variable (error token is "= 2")
++x = 2 → ++x = 2: attempted assignment to non-variable (error token is "= 2")
-x = 2 → -x = 2: attempted assignment to non-variable (error token is "= 2")
1 ? 2 : x = 3 → 1 ? 2 : x = 3: attempted assignment to non-variable (error token is "= 3")
x **= 2 → x **= 2: syntax error: operand expected (error token is "= 2")
x &&= 1 → x &&= 1: syntax error: operand expected (error token is "= 1")
1 ? : 2 → 1 ? : 2: expression expected (error token is ": 2")
1 ? 2 : → 1 ? 2 :: expression expected (error token is ":")
1 ? → 1 ?: expression expected (error token is "?")
1 ? 2  → 1 ? 2 : `:' expected for conditional expression (error token is "2 ")
a ? b : c ? d → a ? b : c ? d: `:' expected for conditional expression (error token is "d")
1 ? 2 ; 3 → 1 ? 2 ; 3: syntax error: invalid arithmetic operator (error token is "; 3")
a b c → a b c: syntax error in expression (error token is "b c")
1 ++x → 1 ++x: syntax error in expression (error token is "++x")
a++b → a++b: syntax error in expression (error token is "b")
++x++ → ++x++: ++: assignment requires lvalue (error token is "++")
++x -- → ++x --: --: assignment requires lvalue (error token is "--")
++x ++1 → ++x ++1: ++: assignment requires lvalue (error token is "++1")
x++++ → x++++: syntax error: operand expected (error token is "+")
++ → ++: syntax error: operand expected (error token is "+")
( ) → ( ): syntax error: operand expected (error token is ")")
(1 → (1: missing `)' (error token is "1")
(1 2) → (1 2): missing `)' (error token is "2)")
((1) → ((1): missing `)' (error token is ")")
1) → 1): syntax error in expression (error token is ")")
1, → 1,: syntax error: operand expected (error token is ",")
1,,2 → 1,,2: syntax error: operand expected (error token is ",2")
x ~= 1 → x ~= 1: syntax error in expression (error token is "~= 1")
x =< 1 → x =< 1: syntax error: operand expected (error token is "< 1")
1 <> 2 → 1 <> 2: syntax error: operand expected (error token is "> 2")
==1 → ==1: syntax error: operand expected (error token is "==1")
"1" → "1": syntax error: operand expected (error token is ""1"")
1 \ 2 → 1 \ 2: syntax error: invalid arithmetic operator (error token is "\ 2")
$x → $x: syntax error: operand expected (error token is "$x")
"#;
        for (src, want) in cases(table) {
            let err = parse(src.as_bytes()).unwrap_err();
            let expression = String::from_utf8_lossy(err.expression(src.as_bytes()));
            assert_eq!(format!("{expression}: {err}"), want, "{src:?}");
        }
    }

    /// The error tokens bash gives for `division by 0` and `exponent less than 0`.
    #[test]
    fn positions_for_evaluation_errors() {
        fn at(e: &ArithExpr) -> Option<ErrorPos> {
            match e {
                ArithExpr::Binary { first, rest } => at(first).or_else(|| {
                    let mut ops = rest
                        .iter()
                        .filter(|o| matches!(o.op, BinaryOp::Div | BinaryOp::Rem));
                    ops.next().map(|o| o.at)
                }),
                ArithExpr::Assign { at, .. } | ArithExpr::Power { at, .. } => Some(*at),
                ArithExpr::Comma(items) => at(&items[0]),
                _ => None,
            }
        }
        let table =
            "1/0 + 2 → 0 + 2\n4 / 0   → 0  \n1/\\n0 → \\n0\n1/ \\t0 → 0\n7 % (1-1)  → (1-1) 
            x /= 0, 1 → , 1\n2**-1 → 1\n2**(0-1) , 5 → , 5\n(2 ** -1) → )\nx = 2**-1 → 1";
        for (src, want) in cases(table) {
            let pos = at(&parse(src.as_bytes()).unwrap()).unwrap().0;
            assert_eq!(
                ArithError::new("", src.as_bytes(), pos).token,
                want.as_str(),
                "{src:?}"
            );
        }
    }

    #[test]
    fn printing() {
        assert_eq!(
            (parse(b""), parse(b" \t\n")),
            (Ok(ArithExpr::Empty), Ok(ArithExpr::Empty))
        );
        assert_eq!(print(&ArithExpr::Empty), "");
        let table = "1+2*3 → 1 + 2 * 3\n(1+2)*3 → (1 + 2) * 3\n(1-2)-3 → (1 - 2) - 3\n1-(2-3) → 1 - (2 - 3)
            -(2**2) → -(2 ** 2)\n(-2)**2 → -2 ** 2\n(2**3)**2 → (2 ** 3) ** 2\n2**(3**2) → 2 ** 3 ** 2
            -(-x) → - -x\n+(--x) → + --x\n-(+1) → - +1\n!(-1) → !-1\nx-(-1) → x - -1\nx++-1 → x++ - 1
            (a?b:c)?(d,e):(f=1) → (a ? b : c) ? d, e : (f = 1)\nx=(1,2) → x = (1, 2)\na?b:(c?d:e) → a ? b : c ? d : e
            9223372036854775808 → 9223372036854775808\na[1]=0x10,a[ 1 ]^=++b → a[1] = 16, a[ 1 ] ^= ++b";
        for (src, want) in cases(table) {
            let expr = parse(src.as_bytes()).unwrap();
            assert_eq!(print(&expr), want, "{src:?}");
            assert_eq!(parse(want.as_bytes()), Ok(expr));
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        // On a thread with a stack as small as a caller's might be.
        let test = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
            let n = 100_000;
            let nests = [
                "(|", "(|)", "- |", "!|", "a=|", "1?1:|", "2**|", "1+(|)", "1?(|:1)", "(1,|)",
            ];
            for (open, close) in nests.map(|nest| nest.split_once('|').unwrap()) {
                let err = parse(format!("{}1{}", open.repeat(n), close.repeat(n)).as_bytes());
                assert_eq!(
                    err.unwrap_err().message,
                    "expression recursion level exceeded"
                );
            }
            let err = parse(format!("a[{}]", "$(".repeat(n)).as_bytes()).unwrap_err();
            assert_eq!(err.message, "bad array subscript");
            let nest = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
            assert_eq!(parse(nest(MAX_DEPTH).as_bytes()), Ok(ArithExpr::Number(1)));
            assert!(parse(nest(MAX_DEPTH + 1).as_bytes()).is_err());
            // The deepest tree allowed prints, parses back and drops.
            let negate = |n: usize| format!("{}x", "- ".repeat(n));
            let expr = parse(negate(MAX_DEPTH - 1).as_bytes()).unwrap();
            assert_eq!(parse(print(&expr).as_bytes()), Ok(expr));
            assert!(parse(negate(MAX_DEPTH).as_bytes()).is_err());
            let mixed = |n: usize| {
                format!(
                    "{}1{}",
                    "1||2&&3|4^5&6==7<8<<9+10*2**(".repeat(n),
                    ")".repeat(n)
                )
            };
            assert!(parse(mixed(MAX_DEPTH / 12).as_bytes()).is_ok());
            assert!(parse(mixed(MAX_DEPTH / 11 + 1).as_bytes()).is_err());
            // Runs of one precedence are loops in bash, and flat here.
            let sum = parse(format!("0{}", "+1".repeat(n)).as_bytes());
            assert!(matches!(sum, Ok(ArithExpr::Binary { rest, .. }) if rest.len() == n));
            let list = parse(format!("0{}", ",1".repeat(n)).as_bytes());
            assert!(matches!(list, Ok(ArithExpr::Comma(items)) if items.len() == n + 1));
        });
        test.unwrap().join().unwrap();
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serializes() {
        let json = serde_json::to_string(&parse(b"a[1] += 2").unwrap()).unwrap();
        assert!(json.contains(r#""name":"a","subscript":"1""#), "{json}");
    }

    /// Trees as `parse` makes them: runs of one precedence, `Empty` only at the top.
    fn tree() -> impl Strategy<Value = ArithExpr> {
        use ArithExpr as E;
        use BinaryOp::*;
        const OPS: [BinaryOp; 18] = [
            Or, And, BitOr, BitXor, BitAnd, Eq, Ne, Lt, Gt, Le, Ge, Shl, Shr, Add, Sub, Mul, Div,
            Rem,
        ];
        const COMPOUND: [BinaryOp; 10] = [Mul, Div, Rem, Add, Sub, Shl, Shr, BitAnd, BitXor, BitOr];
        let var = ("[a-z_][a-z0-9_]{0,3}", prop::option::of("[0-9a-z +*]{0,5}"));
        let var =
            var.prop_map(|(name, sub)| (name.as_str().into(), sub.as_deref().map(Text::from)));
        let var = var.prop_map(|(name, subscript)| Var { name, subscript });
        const INC_DEC: [IncDecOp; 4] = [
            IncDecOp::PreInc,
            IncDecOp::PreDec,
            IncDecOp::PostInc,
            IncDecOp::PostDec,
        ];
        let leaf = prop_oneof![
            any::<i64>().prop_map(E::Number),
            var.clone().prop_map(E::Var),
            (prop::sample::select(&INC_DEC[..]), var.clone())
                .prop_map(|(op, var)| E::IncDec { op, var }),
        ];
        leaf.prop_recursive(6, 48, 4, move |inner| {
            let boxed = inner.clone().prop_map(Box::new);
            let unary = prop::sample::select(
                &[UnaryOp::Neg, UnaryOp::Plus, UnaryOp::Not, UnaryOp::BitNot][..],
            );
            let steps = prop::collection::vec((any::<prop::sample::Index>(), inner.clone()), 1..4);
            let compound = prop::option::of(prop::sample::select(&COMPOUND[..]));
            let at = ErrorPos(0);
            prop_oneof![
                (unary, boxed.clone()).prop_map(|(op, operand)| E::Unary { op, operand }),
                (boxed.clone(), boxed.clone()).prop_map(move |(base, exponent)| E::Power {
                    base,
                    exponent,
                    at
                }),
                (0..10u8, boxed.clone(), steps).prop_map(move |(level, first, steps)| {
                    let ops: Vec<_> = OPS
                        .into_iter()
                        .filter(|op| op.precedence() == level)
                        .collect();
                    let rest = steps.into_iter().map(|(i, operand)| Operation {
                        op: *i.get(&ops),
                        operand,
                        at,
                    });
                    E::Binary {
                        first,
                        rest: rest.collect(),
                    }
                }),
                (boxed.clone(), boxed.clone(), boxed.clone()).prop_map(
                    |(cond, then, otherwise)| E::Conditional {
                        cond,
                        then,
                        otherwise
                    }
                ),
                (compound, var.clone(), boxed).prop_map(move |(op, var, value)| E::Assign {
                    op,
                    var,
                    value,
                    at
                }),
                prop::collection::vec(inner, 2..4).prop_map(E::Comma),
            ]
        })
    }

    /// A text parses to a tree that prints as a text parsing to the same tree, or fails with a
    /// token from the text.
    fn check(src: &[u8]) -> Result<(), TestCaseError> {
        match parse(src) {
            Ok(expr) => prop_assert_eq!(parse(print(&expr).as_bytes()), Ok(expr)),
            Err(err) => prop_assert!(src[err.at..].starts_with(&err.token)),
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn printed_trees_parse_back(tree in tree()) {
            let text = print(&tree);
            prop_assert_eq!(parse(text.as_bytes()), Ok(tree), "{}", text);
        }

        #[test]
        fn any_bytes_parse_or_fail_cleanly(src in prop::collection::vec(any::<u8>(), 0..64)) {
            check(&src)?;
        }

        #[test]
        fn operator_soup_parses_or_fails_cleanly(src in "[-+*/%<>=!&|^~?:,() \t\nab1_0x#@\\[\\]]{0,40}") {
            check(src.as_bytes())?;
        }
    }
}
