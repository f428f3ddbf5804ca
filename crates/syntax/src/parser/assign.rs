//! Assignments: `name=value`, `name+=value`, `name[sub]=value` and compound `name=(…)`.

use super::word::WordContext;
use super::{is_meta, is_name_byte, is_name_start, Mark, Parser};
use crate::ast::*;
use crate::error::{ParseError, ParseErrorKind};
use crate::text::Text;

impl Parser {
    /// Parses an assignment if the word here has the shape of one; otherwise leaves the
    /// position unchanged and returns `None`.
    pub(super) fn try_assignment(&mut self) -> Result<Option<Assignment>, ParseError> {
        let start = self.mark();
        if !self.peek().is_some_and(is_name_start) {
            return Ok(None);
        }
        while self.peek().is_some_and(is_name_byte) {
            self.bump();
        }
        let name = Text::from(&self.src[start.pos..self.pos]);
        let index = if self.peek() == Some(b'[') {
            match self.subscript()? {
                Some(w) => Some(w),
                None if !has_closing_bracket(&self.src[self.pos..]) => {
                    // Bash reads `name[` to its matching `]` across lines and blanks.
                    return Err(self.error_at(
                        ParseErrorKind::UnmatchedEof(b']'),
                        start.line,
                        start.pos,
                    ));
                }
                None => {
                    self.reset(start);
                    return Ok(None);
                }
            }
        } else {
            None
        };
        let append = self.starts_with(b"+=");
        if append {
            self.skip(2);
        } else if self.peek() == Some(b'=') {
            self.bump();
        } else {
            self.reset(start);
            return Ok(None);
        }
        let value = if self.peek() == Some(b'(') {
            AssignValue::Array(self.array_literal(start)?)
        } else {
            AssignValue::Scalar(self.parse_word_opt(WordContext::Assign)?)
        };
        Ok(Some(Assignment {
            name,
            index,
            append,
            value,
            span: self.span_from(start),
        }))
    }

    /// `[…]` at `[`: the subscript word, or `None` when no `]` closes it in this word.
    fn subscript(&mut self) -> Result<Option<Word>, ParseError> {
        let save = self.mark();
        self.bump();
        let word = self.parse_word_opt(WordContext::Subscript)?;
        if self.peek() != Some(b']') {
            self.reset(save);
            return Ok(None);
        }
        self.bump();
        Ok(Some(word))
    }

    /// The elements of `(…)` at `(`, through the `)`.
    fn array_literal(&mut self, start: Mark) -> Result<Vec<ArrayElement>, ParseError> {
        // Bash's `-n` exits 1, not 2, for any error inside a compound assignment.
        self.array_elements(start).map_err(|mut e| {
            if matches!(
                e.kind,
                ParseErrorKind::UnexpectedToken(_) | ParseErrorKind::UnmatchedEof(b')')
            ) {
                e.status = 1;
            }
            e
        })
    }

    fn array_elements(&mut self, start: Mark) -> Result<Vec<ArrayElement>, ParseError> {
        self.bump();
        let mut elements = Vec::new();
        loop {
            self.skip_linebreaks()?;
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        ParseErrorKind::UnmatchedEof(b')'),
                        start.line,
                        start.pos,
                    ))
                }
                Some(b')') => {
                    self.bump();
                    return Ok(elements);
                }
                Some(c) if is_meta(c) && !self.at_process_sub() => {
                    return Err(self.unexpected_token())
                }
                _ => {}
            }
            if self.peek() == Some(b'[') {
                if let Some(e) = self.keyed_element()? {
                    elements.push(e);
                    continue;
                }
            }
            elements.push(ArrayElement::Value(self.parse_word(WordContext::Normal)?));
        }
    }

    /// `[key]=value` or `[key]+=value` at `[`, or `None` (position unchanged).
    fn keyed_element(&mut self) -> Result<Option<ArrayElement>, ParseError> {
        let save = self.mark();
        let Some(key) = self.subscript()? else {
            return Ok(None);
        };
        let append = self.starts_with(b"+=");
        if append {
            self.skip(2);
        } else if self.peek() == Some(b'=') {
            self.bump();
        } else {
            self.reset(save);
            return Ok(None);
        }
        let value = self.parse_word_opt(WordContext::Assign)?;
        Ok(Some(ArrayElement::Keyed { key, append, value }))
    }
}

/// Whether the `[` at the start of `rest` has a matching `]` (nested brackets counted).
fn has_closing_bracket(rest: &[u8]) -> bool {
    let mut depth = 0usize;
    for &c in rest {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}
