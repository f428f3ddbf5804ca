//! `${…}` parameter expansions.
//!
//! Bash only finds the closing brace while parsing and decides what the text means when it
//! expands it, so text it cannot make sense of is not a syntax error: it becomes
//! [`ParamOp::Bad`], reported as `bad substitution` at run time.

use super::word::WordContext;
use super::{is_name_byte, is_name_start, Mark, Parser};
use crate::ast::*;
use crate::error::{ParseError, ParseErrorKind};
use crate::text::Text;

impl Parser {
    /// Parses after `${` through the closing `}`.
    pub(super) fn braced_param(
        &mut self,
        start: Mark,
        in_dq: bool,
    ) -> Result<ParamExpansion, ParseError> {
        let inner_start = self.mark();
        let result = self.nested(|p| p.braced_param_inner(in_dq));
        match result {
            Ok(Some(pe)) => Ok(pe),
            Ok(None) => {
                // Not a form bash understands: keep the text for `bad substitution`.
                self.reset(inner_start);
                let text = self.skip_to_brace(start)?;
                Ok(ParamExpansion {
                    param: Parameter::Special(b'?'),
                    braced: true,
                    indirect: false,
                    op: ParamOp::Bad(Text(text)),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Skips to the `}` closing `${`, honouring quotes and nested expansions, and returns the
    /// text before it.
    fn skip_to_brace(&mut self, start: Mark) -> Result<Vec<u8>, ParseError> {
        let from = self.pos;
        let parts = self.word_parts(WordContext::Param {
            stop: b"}",
            in_dq: false,
            sq_literal: false,
        })?;
        drop(parts);
        if self.peek() != Some(b'}') {
            return Err(self.error_at(ParseErrorKind::UnmatchedEof(b'}'), start.line, start.pos));
        }
        let text = self.src[from..self.pos].to_vec();
        self.bump();
        Ok(text)
    }

    /// The recognised forms; `None` for text bash would call a bad substitution.
    fn braced_param_inner(&mut self, in_dq: bool) -> Result<Option<ParamExpansion>, ParseError> {
        let mut indirect = false;
        let mut length = false;
        match (self.peek(), self.peek_at(1)) {
            (Some(b'#'), Some(b'}')) => {}
            (Some(b'#'), Some(c)) if starts_param(c) => {
                // `${#x}`, but `${#-}`/`${#?}` followed by `}` are `$#` with an operator only
                // when more follows; bash reads `${#-}` as the length of `$-`.
                self.bump();
                length = true;
            }
            (Some(b'!'), Some(b'}')) => {}
            (Some(b'!'), Some(c)) if starts_param(c) => {
                self.bump();
                indirect = true;
            }
            _ => {}
        }
        let Some(param) = self.param_name()? else {
            return Ok(None);
        };
        if length {
            if self.peek() != Some(b'}') {
                return Ok(None);
            }
            self.bump();
            return Ok(Some(ParamExpansion {
                param,
                braced: true,
                indirect: false,
                op: ParamOp::Length,
            }));
        }
        if indirect {
            // `${!prefix*}`, `${!prefix@}`, `${!arr[@]}`, `${!arr[*]}`.
            if let Parameter::Named { index, .. } = &param {
                match index {
                    None if matches!(self.peek(), Some(b'*' | b'@'))
                        && self.peek_at(1) == Some(b'}') =>
                    {
                        let star = self.peek() == Some(b'*');
                        self.skip(2);
                        return Ok(Some(ParamExpansion {
                            param,
                            braced: true,
                            indirect: false,
                            op: ParamOp::PrefixNames { star },
                        }));
                    }
                    Some(Subscript::At | Subscript::Star) if self.peek() == Some(b'}') => {
                        let star = matches!(index, Some(Subscript::Star));
                        self.bump();
                        let Parameter::Named { name, .. } = param else {
                            unreachable!()
                        };
                        return Ok(Some(ParamExpansion {
                            param: Parameter::Named { name, index: None },
                            braced: true,
                            indirect: false,
                            op: ParamOp::Keys { star },
                        }));
                    }
                    _ => {}
                }
            }
        }
        let Some(op) = self.param_op(in_dq)? else {
            return Ok(None);
        };
        Ok(Some(ParamExpansion {
            param,
            braced: true,
            indirect,
            op,
        }))
    }

    /// The parameter name inside `${`, with its subscript.
    fn param_name(&mut self) -> Result<Option<Parameter>, ParseError> {
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        if is_name_start(c) {
            let from = self.pos;
            while self.peek().is_some_and(is_name_byte) {
                self.bump();
            }
            let name = Text::from(&self.src[from..self.pos]);
            let mut index = None;
            if self.peek() == Some(b'[') {
                let save = self.mark();
                self.bump();
                let sub = if self.starts_with(b"@]") {
                    self.skip(2);
                    Subscript::At
                } else if self.starts_with(b"*]") {
                    self.skip(2);
                    Subscript::Star
                } else {
                    let w = self.parse_word_opt(WordContext::ParamSubscript)?;
                    if self.peek() != Some(b']') {
                        self.reset(save);
                        return Ok(None);
                    }
                    self.bump();
                    Subscript::Expr(w)
                };
                index = Some(sub);
            }
            return Ok(Some(Parameter::Named { name, index }));
        }
        if c.is_ascii_digit() {
            let from = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
            let digits = std::str::from_utf8(&self.src[from..self.pos]).unwrap_or("");
            return Ok(digits.parse::<u32>().ok().map(Parameter::Positional));
        }
        if matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') {
            self.bump();
            return Ok(Some(Parameter::Special(c)));
        }
        Ok(None)
    }

    /// The operator after the parameter, through the closing `}`.
    fn param_op(&mut self, in_dq: bool) -> Result<Option<ParamOp>, ParseError> {
        let word_ctx = |stop: &'static [u8], sq_literal: bool| WordContext::Param {
            stop,
            in_dq,
            sq_literal: in_dq && sq_literal,
        };
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let op = match c {
            b'}' => {
                self.bump();
                return Ok(Some(ParamOp::None));
            }
            b':' if matches!(self.peek_at(1), Some(b'-' | b'=' | b'?' | b'+')) => {
                let kind = self.peek_at(1).unwrap_or(b'-');
                self.skip(2);
                let word = self.parse_word_opt(word_ctx(b"}", true))?;
                value_op(kind, true, word)
            }
            b'-' | b'=' | b'?' | b'+' => {
                self.bump();
                let word = self.parse_word_opt(word_ctx(b"}", true))?;
                value_op(c, false, word)
            }
            b':' => {
                self.bump();
                let offset = self.parse_word_opt(word_ctx(b":}", false))?;
                let length = if self.peek() == Some(b':') {
                    self.bump();
                    Some(self.parse_word_opt(word_ctx(b"}", false))?)
                } else {
                    None
                };
                ParamOp::Substring { offset, length }
            }
            b'#' | b'%' => {
                self.bump();
                let longest = self.peek() == Some(c);
                if longest {
                    self.bump();
                }
                let pattern = self.parse_word_opt(word_ctx(b"}", false))?;
                if c == b'#' {
                    ParamOp::RemovePrefix { longest, pattern }
                } else {
                    ParamOp::RemoveSuffix { longest, pattern }
                }
            }
            b'/' => {
                self.bump();
                let mode = match self.peek() {
                    Some(b'/') => ReplaceMode::All,
                    Some(b'#') => ReplaceMode::Prefix,
                    Some(b'%') => ReplaceMode::Suffix,
                    _ => ReplaceMode::First,
                };
                if mode != ReplaceMode::First {
                    self.bump();
                }
                let pattern = self.parse_word_opt(word_ctx(b"/}", false))?;
                let replacement = if self.peek() == Some(b'/') {
                    self.bump();
                    Some(self.parse_word_opt(word_ctx(b"}", false))?)
                } else {
                    None
                };
                ParamOp::Replace {
                    mode,
                    pattern,
                    replacement,
                }
            }
            b'^' | b',' | b'~' => {
                self.bump();
                let all = self.peek() == Some(c);
                if all {
                    self.bump();
                }
                let pattern = self.parse_word_opt(word_ctx(b"}", false))?;
                ParamOp::Case {
                    conv: match c {
                        b'^' => CaseConv::Upper,
                        b',' => CaseConv::Lower,
                        _ => CaseConv::Toggle,
                    },
                    all,
                    pattern: (!pattern.parts.is_empty()).then_some(pattern),
                }
            }
            b'@' => {
                let op = self.peek_at(1);
                match op {
                    Some(
                        o @ (b'U' | b'u' | b'L' | b'Q' | b'E' | b'P' | b'A' | b'K' | b'a' | b'k'),
                    ) if self.peek_at(2) == Some(b'}') => {
                        self.skip(2);
                        ParamOp::Transform(o)
                    }
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        };
        if self.peek() != Some(b'}') {
            return Ok(None);
        }
        self.bump();
        Ok(Some(op))
    }
}

/// Whether `c` can start the parameter after `${#` or `${!`.
fn starts_param(c: u8) -> bool {
    is_name_start(c) || c.is_ascii_digit() || matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$')
}

fn value_op(kind: u8, colon: bool, word: Word) -> ParamOp {
    match kind {
        b'-' => ParamOp::Default { colon, word },
        b'=' => ParamOp::Assign { colon, word },
        b'?' => ParamOp::Error { colon, word },
        _ => ParamOp::Alternative { colon, word },
    }
}
