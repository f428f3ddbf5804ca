//! Here-documents: bodies read after the newline that ends their command line, then placed
//! into the tree.

use super::Parser;
use crate::ast::*;
use crate::error::{ParseError, ParseWarning};
use crate::span::Span;
use crate::text::Text;

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

impl Parser<'_> {
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
                    if line_end < self.src.len() {
                        body.push(b'\n');
                    }
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
    for item in &mut list.items {
        fill_pipeline(&mut item.and_or.first, bodies);
        for (_, p) in &mut item.and_or.rest {
            fill_pipeline(p, bodies);
        }
    }
}

fn fill_program(p: &mut Program, bodies: &mut [Option<Word>]) {
    for l in &mut p.commands {
        fill(l, bodies);
    }
}

fn fill_pipeline(p: &mut Pipeline, bodies: &mut [Option<Word>]) {
    for c in &mut p.commands {
        fill_command(c, bodies);
    }
}

fn fill_command(c: &mut Command, bodies: &mut [Option<Word>]) {
    match c {
        Command::Simple(s) => {
            for a in &mut s.assignments {
                fill_assignment(a, bodies);
            }
            for w in &mut s.words {
                match w {
                    Argument::Word(w) => fill_word(w, bodies),
                    Argument::Assignment(a) => fill_assignment(a, bodies),
                }
            }
            fill_redirects(&mut s.redirects, bodies);
        }
        Command::Compound(cc, redirects) => {
            fill_compound(cc, bodies);
            fill_redirects(redirects, bodies);
        }
        Command::Function(f) => fill_command(&mut f.body, bodies),
        Command::Coproc(c) => fill_command(&mut c.body, bodies),
    }
}

fn fill_compound(cc: &mut CompoundCommand, bodies: &mut [Option<Word>]) {
    match cc {
        CompoundCommand::BraceGroup(l) | CompoundCommand::Subshell(l) => fill(l, bodies),
        CompoundCommand::If {
            branches,
            else_body,
        } => {
            for (c, b) in branches {
                fill(c, bodies);
                fill(b, bodies);
            }
            if let Some(e) = else_body {
                fill(e, bodies);
            }
        }
        CompoundCommand::While {
            condition, body, ..
        } => {
            fill(condition, bodies);
            fill(body, bodies);
        }
        CompoundCommand::For { words, body, .. } | CompoundCommand::Select { words, body, .. } => {
            for w in words.iter_mut().flatten() {
                fill_word(w, bodies);
            }
            fill(body, bodies);
        }
        CompoundCommand::ArithFor {
            init,
            condition,
            step,
            body,
        } => {
            fill_word(init, bodies);
            fill_word(condition, bodies);
            fill_word(step, bodies);
            fill(body, bodies);
        }
        CompoundCommand::Case { word, arms } => {
            fill_word(word, bodies);
            for arm in arms {
                for p in &mut arm.patterns {
                    fill_word(p, bodies);
                }
                fill(&mut arm.body, bodies);
            }
        }
        CompoundCommand::Conditional(e) => fill_cond(e, bodies),
        CompoundCommand::Arithmetic(w) => fill_word(w, bodies),
    }
}

fn fill_cond(e: &mut CondExpr, bodies: &mut [Option<Word>]) {
    match e {
        CondExpr::And(a, b) | CondExpr::Or(a, b) => {
            fill_cond(a, bodies);
            fill_cond(b, bodies);
        }
        CondExpr::Not(a) | CondExpr::Group(a) => fill_cond(a, bodies),
        CondExpr::Unary(_, w) | CondExpr::Word(w) => fill_word(w, bodies),
        CondExpr::Binary(a, _, b) => {
            fill_word(a, bodies);
            fill_word(b, bodies);
        }
    }
}

fn fill_assignment(a: &mut Assignment, bodies: &mut [Option<Word>]) {
    if let Some(i) = &mut a.index {
        fill_word(i, bodies);
    }
    match &mut a.value {
        AssignValue::Scalar(w) => fill_word(w, bodies),
        AssignValue::Array(elems) => {
            for e in elems {
                match e {
                    ArrayElement::Value(w) => fill_word(w, bodies),
                    ArrayElement::Keyed { key, value, .. } => {
                        fill_word(key, bodies);
                        fill_word(value, bodies);
                    }
                }
            }
        }
    }
}

fn fill_redirects(rs: &mut [Redirect], bodies: &mut [Option<Word>]) {
    for r in rs {
        match &mut r.target {
            RedirectTarget::Word(w) => fill_word(w, bodies),
            RedirectTarget::HereDoc(doc) => {
                if doc.body.span.line == 0 {
                    let index = doc.body.span.start as usize;
                    if let Some(body) = bodies.get_mut(index).and_then(Option::take) {
                        doc.body = body;
                    }
                }
                fill_word(&mut doc.body, bodies);
            }
        }
    }
}

fn fill_word(w: &mut Word, bodies: &mut [Option<Word>]) {
    fill_parts(&mut w.parts, bodies);
}

pub(super) fn fill_parts(parts: &mut [WordPart], bodies: &mut [Option<Word>]) {
    for p in parts {
        match p {
            WordPart::DoubleQuoted(ps) | WordPart::Locale(ps) => fill_parts(ps, bodies),
            WordPart::Param(pe) => fill_param(pe, bodies),
            WordPart::CommandSub(cs) => fill_program(&mut cs.program, bodies),
            WordPart::Arithmetic(w) => fill_word(w, bodies),
            WordPart::ProcessSub(ps) => fill_program(&mut ps.program, bodies),
            WordPart::Brace(b) => {
                if let BraceExpansion::List(alts) = &mut **b {
                    for a in alts {
                        fill_parts(a, bodies);
                    }
                }
            }
            WordPart::ExtGlob(g) => {
                for a in &mut g.alternatives {
                    fill_parts(a, bodies);
                }
            }
            WordPart::Literal(_)
            | WordPart::Escaped(_)
            | WordPart::SingleQuoted(_)
            | WordPart::AnsiC(_)
            | WordPart::UnparsedBackquote(_)
            | WordPart::Tilde(_) => {}
        }
    }
}

fn fill_param(pe: &mut ParamExpansion, bodies: &mut [Option<Word>]) {
    if let Parameter::Named {
        index: Some(Subscript::Expr(w)),
        ..
    } = &mut pe.param
    {
        fill_word(w, bodies);
    }
    match &mut pe.op {
        ParamOp::Default { word, .. }
        | ParamOp::Assign { word, .. }
        | ParamOp::Error { word, .. }
        | ParamOp::Alternative { word, .. } => fill_word(word, bodies),
        ParamOp::RemovePrefix { pattern, .. } | ParamOp::RemoveSuffix { pattern, .. } => {
            fill_word(pattern, bodies)
        }
        ParamOp::Replace {
            pattern,
            replacement,
            ..
        } => {
            fill_word(pattern, bodies);
            if let Some(r) = replacement {
                fill_word(r, bodies);
            }
        }
        ParamOp::Substring { offset, length } => {
            fill_word(offset, bodies);
            if let Some(l) = length {
                fill_word(l, bodies);
            }
        }
        ParamOp::Case {
            pattern: Some(p), ..
        } => fill_word(p, bodies),
        _ => {}
    }
}
