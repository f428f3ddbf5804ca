//! `[[ … ]]` conditional expressions, with their own token rules and error messages.

use super::word::WordContext;
use super::{is_meta, Parser};
use crate::ast::*;
use crate::error::{ParseError, ParseErrorKind};
use crate::text::Text;

/// Unary test operators.
const UNARY: &[&[u8]] = &[
    b"-a", b"-b", b"-c", b"-d", b"-e", b"-f", b"-g", b"-h", b"-k", b"-p", b"-r", b"-s", b"-t",
    b"-u", b"-w", b"-x", b"-G", b"-L", b"-N", b"-O", b"-S", b"-z", b"-n", b"-o", b"-v", b"-R",
];

/// Binary test operators written as words (`<` and `>` are operators of their own).
const BINARY: &[&[u8]] = &[
    b"==", b"=", b"!=", b"=~", b"-eq", b"-ne", b"-lt", b"-le", b"-gt", b"-ge", b"-nt", b"-ot",
    b"-ef",
];

/// A token inside `[[ … ]]`.
enum Tok {
    End,
    Open,
    Close,
    And,
    Or,
    Less,
    Greater,
    /// A word; `literal` is its text when unquoted and without expansions.
    Word(Word, Option<Vec<u8>>),
    /// Anything else (`;`, `|`, a newline, end of text): an error wherever it appears.
    Other(Vec<u8>),
}

impl Parser {
    /// Parses `[[ … ]]` at `[[`.
    pub(super) fn parse_conditional(&mut self) -> Result<CompoundCommand, ParseError> {
        self.bump_n(2);
        let (expr, tok) = self.nested(|p| {
            let expr = p.cond_or()?;
            p.skip_cond_newlines()?;
            Ok((expr, p.cond_token(WordContext::Cond)?))
        })?;
        match tok {
            Tok::End => Ok(CompoundCommand::Conditional(expr)),
            Tok::Other(t) if t.is_empty() => Err(self.cond_error(String::new())),
            // Bash names the token only when it is an operator.
            Tok::Word(..) => Err(self.cond_error("syntax error in conditional expression".into())),
            t => Err(self.cond_error(format!(
                "syntax error in conditional expression: unexpected token `{}'",
                String::from_utf8_lossy(&tok_text(&t))
            ))),
        }
    }

    /// An error inside `[[ … ]]`. `bash -n` stops there with status 0, or 2 when the text ends
    /// before the newline that ends the offending line (bash skips to it to recover).
    fn cond_error(&self, message: String) -> ParseError {
        let mut e = self.error(ParseErrorKind::Conditional(message));
        let mut from = self.pos;
        if self.cond_newline_token {
            from += 1;
        }
        e.status = if self.src[from.min(self.src.len())..].contains(&b'\n') {
            0
        } else {
            2
        };
        e
    }

    fn skip_cond_newlines(&mut self) -> Result<(), ParseError> {
        loop {
            self.skip_blanks();
            if self.peek() == Some(b'\n') {
                self.newline()?;
            } else {
                return Ok(());
            }
        }
    }

    fn cond_or(&mut self) -> Result<CondExpr, ParseError> {
        let mut left = self.cond_and()?;
        loop {
            self.skip_cond_newlines()?;
            if !self.starts_with(b"||") {
                return Ok(left);
            }
            self.bump_n(2);
            let right = self.cond_and()?;
            left = CondExpr::Or(Box::new(left), Box::new(right));
        }
    }

    fn cond_and(&mut self) -> Result<CondExpr, ParseError> {
        let mut left = self.cond_term()?;
        loop {
            self.skip_cond_newlines()?;
            if !self.starts_with(b"&&") {
                return Ok(left);
            }
            self.bump_n(2);
            let right = self.cond_term()?;
            left = CondExpr::And(Box::new(left), Box::new(right));
        }
    }

    fn cond_term(&mut self) -> Result<CondExpr, ParseError> {
        self.nested(Self::cond_term_inner)
    }

    fn cond_term_inner(&mut self) -> Result<CondExpr, ParseError> {
        self.skip_cond_newlines()?;
        match self.cond_token(WordContext::Cond)? {
            Tok::Open => {
                let inner = self.cond_or()?;
                self.skip_cond_newlines()?;
                match self.cond_token(WordContext::Cond)? {
                    Tok::Close => Ok(CondExpr::Group(Box::new(inner))),
                    Tok::Other(t) if t.is_empty() => Err(self.cond_error("expected `)'".into())),
                    t => Err(self.cond_error(format!(
                        "unexpected token `{}', expected `)'",
                        String::from_utf8_lossy(&tok_text(&t))
                    ))),
                }
            }
            Tok::Word(_, Some(lit)) if lit == b"!" && self.cond_next_is_term() => {
                Ok(CondExpr::Not(Box::new(self.cond_term()?)))
            }
            Tok::Word(_, Some(lit)) if UNARY.contains(&lit.as_slice()) => {
                self.skip_blanks();
                match self.cond_token(WordContext::Cond)? {
                    Tok::Word(arg, _) => Ok(CondExpr::Unary(Text(lit), arg)),
                    Tok::End | Tok::And | Tok::Or | Tok::Close => Err(self.cond_error(
                        "unexpected argument `]]' to conditional unary operator".into(),
                    )),
                    t => Err(self.cond_error(format!(
                        "unexpected argument `{}' to conditional unary operator",
                        String::from_utf8_lossy(&tok_text(&t))
                    ))),
                }
            }
            Tok::Word(left, _) => {
                self.skip_blanks();
                let save = self.mark();
                let op: Vec<u8> = match self.cond_token(WordContext::Cond)? {
                    Tok::Less => b"<".to_vec(),
                    Tok::Greater => b">".to_vec(),
                    Tok::Word(_, Some(lit)) if BINARY.contains(&lit.as_slice()) => lit,
                    Tok::End | Tok::And | Tok::Or | Tok::Close => {
                        self.reset(save);
                        return Ok(CondExpr::Word(left));
                    }
                    Tok::Word(..) | Tok::Open => {
                        return Err(self.cond_error("conditional binary operator expected".into()))
                    }
                    Tok::Other(t) if t.is_empty() => {
                        return Err(self.cond_error("conditional binary operator expected".into()))
                    }
                    Tok::Other(t) => {
                        return Err(self.cond_error(format!(
                            "unexpected token `{}', conditional binary operator expected",
                            String::from_utf8_lossy(&t)
                        )))
                    }
                };
                self.skip_blanks();
                let ctx = match op.as_slice() {
                    b"=~" => WordContext::Regex,
                    b"==" | b"=" | b"!=" => WordContext::CondPattern,
                    _ => WordContext::Cond,
                };
                match self.cond_token(ctx)? {
                    Tok::Word(right, _) => Ok(CondExpr::Binary(left, Text(op), right)),
                    Tok::Other(t) if t.is_empty() => Err(self
                        .cond_error("unexpected argument to conditional binary operator".into())),
                    t => Err(self.cond_error(format!(
                        "unexpected argument `{}' to conditional binary operator",
                        String::from_utf8_lossy(&tok_text(&t))
                    ))),
                }
            }
            t @ (Tok::Close | Tok::And | Tok::Or) => Err(self.cond_error(format!(
                "unexpected token `{}' in conditional command",
                String::from_utf8_lossy(&tok_text(&t))
            ))),
            // `[[ ]]`, `[[ ! ]]` and `[[ a || ]]`: bash fails without a message.
            Tok::End | Tok::Other(_) => Err(self.cond_error(String::new())),
            Tok::Less | Tok::Greater => Err(self.cond_error(String::new())),
        }
    }

    /// After `!`: whether a term follows (rather than `]]`, which makes `!` a plain word).
    fn cond_next_is_term(&mut self) -> bool {
        self.skip_blanks();
        !(self.keyword_here(b"]]") || self.at_eof())
    }

    /// Reads the next token inside `[[ … ]]` (blanks skipped).
    fn cond_token(&mut self, ctx: WordContext) -> Result<Tok, ParseError> {
        self.skip_blanks();
        self.cond_newline_token = false;
        let Some(c) = self.peek() else {
            return Ok(Tok::Other(Vec::new()));
        };
        if ctx != WordContext::Regex || !matches!(c, b'(' | b'|') {
            let two = self.src.get(self.pos..self.pos + 2);
            match (c, two) {
                (_, Some(b"&&")) => {
                    self.bump_n(2);
                    return Ok(Tok::And);
                }
                (_, Some(b"||")) => {
                    self.bump_n(2);
                    return Ok(Tok::Or);
                }
                (b'(', _) => {
                    self.bump();
                    return Ok(Tok::Open);
                }
                (b')', _) => {
                    self.bump();
                    return Ok(Tok::Close);
                }
                (b'<', _) if !self.at_process_sub() => {
                    self.bump();
                    return Ok(Tok::Less);
                }
                (b'>', _) if !self.at_process_sub() => {
                    self.bump();
                    return Ok(Tok::Greater);
                }
                (b'\n', _) => {
                    self.cond_newline_token = true;
                    return Ok(Tok::Other(b"newline".to_vec()));
                }
                (c, _) if is_meta(c) && !self.at_process_sub() => {
                    let op = self.operator().unwrap_or(b";");
                    return Ok(Tok::Other(op.to_vec()));
                }
                _ => {}
            }
        }
        if self.keyword_here(b"]]") {
            self.bump_n(2);
            return Ok(Tok::End);
        }
        let word = self.parse_word(ctx)?;
        let lit = word.as_literal().map(<[u8]>::to_vec);
        Ok(Tok::Word(word, lit))
    }
}

/// How bash names a token in conditional-expression messages.
fn tok_text(t: &Tok) -> Vec<u8> {
    match t {
        Tok::End => b"]]".to_vec(),
        Tok::Open => b"(".to_vec(),
        Tok::Close => b")".to_vec(),
        Tok::And => b"&&".to_vec(),
        Tok::Or => b"||".to_vec(),
        Tok::Less => b"<".to_vec(),
        Tok::Greater => b">".to_vec(),
        Tok::Word(_, lit) => lit.clone().unwrap_or_default(),
        Tok::Other(t) => t.clone(),
    }
}
