//! Here-documents: bodies read after the newline that ends their command line, then placed
//! into the tree.

use super::Parser;
use crate::ast::*;
use crate::error::{ParseError, ParseWarning};
use crate::span::Span;
use crate::text::Text;
use crate::visit::{walk_redirect, VisitMut};

/// A here-document whose body has not been read yet.
pub(super) struct Pending {
    /// Index into `Parser::heredoc_bodies`.
    pub index: usize,
    pub delimiter: Vec<u8>,
    pub quoted: bool,
    pub strip_tabs: bool,
    /// Line of the `<<` operator, for the end-of-file warning.
    pub line: u32,
}

/// The placeholder a here-document body holds until its text is read: an empty word whose span
/// start is the body's index. Only ever seen inside the parser.
pub(super) fn placeholder(index: usize) -> Word {
    Word {
        parts: Vec::new(),
        span: Span {
            start: index as u32,
            end: 0,
            line: 0,
        },
    }
}

impl Parser {
    /// Reads the bodies of all pending here-documents, starting at the current position (just
    /// after a newline).
    pub(super) fn read_heredoc_bodies(&mut self) -> Result<(), ParseError> {
        let pending = std::mem::take(&mut self.pending_heredocs);
        for doc in pending {
            let start = self.mark();
            let mut body: Vec<u8> = Vec::new();
            let mut found = false;
            // In an unquoted body a line ending in an unescaped backslash continues onto the
            // next, which therefore cannot be the delimiter.
            let mut continued = false;
            while !self.at_eof() {
                let line_start = self.pos;
                let line_end = self.src[line_start..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(self.src.len(), |i| line_start + i);
                let mut content = &self.src[line_start..line_end];
                if doc.strip_tabs {
                    while let [b'\t', rest @ ..] = content {
                        content = rest;
                    }
                }
                let is_end = !continued && content == doc.delimiter.as_slice();
                continued = !doc.quoted
                    && content.iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
                // Inside `$(…)`, bash also ends the body at the delimiter followed by `)`,
                // warning as if it had met the end of the text.
                if !is_end
                    && self.comsub_depth > 0
                    && content.starts_with(&doc.delimiter)
                    && content.get(doc.delimiter.len()) == Some(&b')')
                {
                    self.pos = line_start
                        + (content.as_ptr() as usize - self.src[line_start..].as_ptr() as usize)
                        + doc.delimiter.len();
                    break;
                }
                if !is_end {
                    body.extend_from_slice(content);
                    // Bash ends every body line with a newline, the last one too when the text
                    // stops without one.
                    body.push(b'\n');
                }
                self.pos = line_end;
                if line_end < self.src.len() {
                    self.bump();
                }
                if is_end {
                    found = true;
                    break;
                }
            }
            if !found {
                self.warnings.push(ParseWarning {
                    line: self.last_line(),
                    message: format!(
                        "here-document at line {} delimited by end-of-file (wanted `{}')",
                        doc.line,
                        String::from_utf8_lossy(&doc.delimiter)
                    ),
                });
            }
            let word = self.heredoc_word(body, doc.quoted, start)?;
            self.heredoc_bodies[doc.index] = Some(word);
        }
        Ok(())
    }

    /// Turns a body's text into a word: literal when the delimiter was quoted, otherwise with
    /// the expansions of double quotes.
    fn heredoc_word(
        &mut self,
        body: Vec<u8>,
        quoted: bool,
        start: super::Mark,
    ) -> Result<Word, ParseError> {
        let span = self.span_from(start);
        if quoted || !body.iter().any(|&c| matches!(c, b'$' | b'`' | b'\\')) {
            let parts = if body.is_empty() {
                Vec::new()
            } else {
                vec![WordPart::Literal(Text(body))]
            };
            return Ok(Word { parts, span });
        }
        let mut sub = self.sub_parser(&body, start);
        // Bash expands a body only when it runs, so text that does not parse (an unmatched
        // `$(` or backquote) is no syntax error here; it is kept as literal text.
        let parts = match sub.double_quoted_parts(None) {
            Ok(mut parts) => {
                // Here-documents inside `$(…)` in this body were read by the sub-parser.
                sub.finish_heredocs_at_eof();
                fill_parts(&mut parts, &mut sub.heredoc_bodies);
                parts
            }
            Err(_) => vec![WordPart::Literal(Text(body))],
        };
        self.warnings.append(&mut sub.warnings);
        Ok(Word { parts, span })
    }

    /// The line bash names at the end of the text: the last line with content.
    fn last_line(&self) -> u32 {
        let ends_in_newline = self.pos > 0 && self.src.get(self.pos - 1) == Some(&b'\n');
        (self.line - u32::from(ends_in_newline)).max(1)
    }

    /// At the end of the text, here-documents still waiting get empty bodies and a warning.
    pub(super) fn finish_heredocs_at_eof(&mut self) {
        let pending = std::mem::take(&mut self.pending_heredocs);
        for doc in pending {
            self.warnings.push(ParseWarning {
                line: self.last_line(),
                message: format!(
                    "here-document at line {} delimited by end-of-file (wanted `{}')",
                    doc.line,
                    String::from_utf8_lossy(&doc.delimiter)
                ),
            });
            let span = Span::new(self.base + self.pos, self.base + self.pos, self.line);
            self.heredoc_bodies[doc.index] = Some(Word {
                parts: Vec::new(),
                span,
            });
        }
    }
}

/// Replaces every here-document placeholder under `list` with its body.
pub(super) fn fill(list: &mut List, bodies: &mut [Option<Word>]) {
    Filler(bodies).visit_list(list);
}

/// Like [`fill`], for the parts of one word.
pub(super) fn fill_parts(parts: &mut [WordPart], bodies: &mut [Option<Word>]) {
    Filler(bodies).visit_parts(parts);
}

/// Puts bodies in place of placeholders ([`placeholder`]: line 0, index in `start`).
struct Filler<'a>(&'a mut [Option<Word>]);

impl VisitMut for Filler<'_> {
    fn visit_redirect(&mut self, r: &mut Redirect) {
        if let RedirectTarget::HereDoc(doc) = &mut r.target {
            if doc.body.span.line == 0 {
                let index = doc.body.span.start as usize;
                if let Some(body) = self.0.get_mut(index).and_then(Option::take) {
                    doc.body = body;
                }
            }
        }
        walk_redirect(self, r);
    }
}
