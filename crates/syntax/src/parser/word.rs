//! Words: quoting, expansions, brace expansion, extended globs.

use super::{is_meta, is_name_byte, is_name_start, Mark, Parser};
use crate::ast::*;
use crate::error::{ParseError, ParseErrorKind};
use crate::text::Text;

/// Where a word is read; decides what ends it and which word-level syntax is active.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum WordContext {
    /// A command word or redirection target: brace expansion and a leading tilde.
    Normal,
    /// A `case` pattern or here-document delimiter: no brace expansion.
    Pattern,
    /// The value of an assignment: tilde after `=` and `:`, no brace expansion.
    Assign,
    /// A word inside `[[ … ]]`.
    Cond,
    /// A pattern on the right of `==`/`!=` inside `[[ … ]]`: extended globs always on.
    CondPattern,
    /// The right of `=~`: parentheses and `|` belong to the word.
    Regex,
    /// A whole text read as an arithmetic expression or subscript: nothing ends it.
    Whole,
    /// A word inside `${…}`: ends at one of the given bytes; blanks are literal. `in_dq` is set
    /// inside double quotes, where single quotes are literal for `-`, `+`, `=`, `?` words.
    Param {
        /// Bytes that end the word (at nesting depth 0).
        stop: &'static [u8],
        /// Inside double quotes.
        in_dq: bool,
        /// Single quotes are literal (the `${x:-'…'}` case inside double quotes).
        sq_literal: bool,
    },
    /// A subscript `[…]`: ends at the matching `]`.
    Subscript,
    /// A subscript inside `${…}`: ends at the matching `]`, or at a `}` (which makes the
    /// expansion a bad substitution, as bash reads it).
    ParamSubscript,
    /// One alternative of an extended glob: ends at `|` or `)`; blanks are literal and nested
    /// extended globs are always recognised.
    ExtGlobAlt,
}

/// Accumulates literal bytes and escapes into parts.
struct PartsBuilder {
    parts: Vec<WordPart>,
    lit: Vec<u8>,
}

impl PartsBuilder {
    fn new() -> PartsBuilder {
        PartsBuilder {
            parts: Vec::new(),
            lit: Vec::new(),
        }
    }

    fn flush(&mut self) {
        if !self.lit.is_empty() {
            self.parts
                .push(WordPart::Literal(Text(std::mem::take(&mut self.lit))));
        }
    }

    fn push(&mut self, part: WordPart) {
        self.flush();
        if let WordPart::Escaped(t) = &part {
            if let Some(WordPart::Escaped(prev)) = self.parts.last_mut() {
                prev.0.extend_from_slice(t);
                return;
            }
        }
        self.parts.push(part);
    }

    fn finish(mut self) -> Vec<WordPart> {
        self.flush();
        self.parts
    }
}

impl Parser {
    /// A parser over `text`, a piece of this parser's input that starts at `at`.
    pub(super) fn sub_parser(&self, text: &[u8], at: Mark) -> Parser {
        let mut sub = Parser::new(text, self.options.clone());
        sub.base = self.base + at.pos;
        sub.line = at.line;
        sub.depth = self.depth;
        sub
    }

    /// Reads one non-empty word.
    pub(crate) fn parse_word(&mut self, ctx: WordContext) -> Result<Word, ParseError> {
        let start = self.mark();
        let parts = self.word_parts(ctx)?;
        if parts.is_empty() {
            return Err(self.unexpected_token());
        }
        Ok(Word {
            parts,
            span: self.span_from(start),
        })
    }

    /// Reads a possibly empty word in `ctx`.
    pub(super) fn parse_word_opt(&mut self, ctx: WordContext) -> Result<Word, ParseError> {
        let start = self.mark();
        let parts = self.word_parts(ctx)?;
        Ok(Word {
            parts,
            span: self.span_from(start),
        })
    }

    /// Reads this parser's whole text as an arithmetic expression word.
    pub(super) fn arith_word_from_text(&mut self) -> Result<Word, ParseError> {
        let mut word = self.parse_word_opt(WordContext::Whole)?;
        // A here-document inside `$(…)` in the expression was read by this parser.
        if !self.heredoc_bodies.is_empty() {
            self.finish_heredocs_at_eof();
            super::heredoc::fill_parts(&mut word.parts, &mut self.heredoc_bodies);
        }
        Ok(word)
    }

    /// Whether the byte `c` ends a word in `ctx` (at nesting depth 0).
    fn ends_word(&self, ctx: WordContext, c: u8) -> bool {
        match ctx {
            WordContext::Normal
            | WordContext::Pattern
            | WordContext::Assign
            | WordContext::Cond
            | WordContext::CondPattern => is_meta(c),
            WordContext::Regex => {
                matches!(c, b' ' | b'\t' | b'\n' | b';' | b'&' | b'<' | b'>' | b')')
            }
            WordContext::Whole => false,
            WordContext::Param { stop, .. } => stop.contains(&c),
            WordContext::Subscript => c == b']',
            WordContext::ParamSubscript => c == b']' || c == b'}',
            WordContext::ExtGlobAlt => c == b'|' || c == b')',
        }
    }

    /// Reads the parts of a word up to its end in `ctx`.
    pub(super) fn word_parts(&mut self, ctx: WordContext) -> Result<Vec<WordPart>, ParseError> {
        self.word_parts_inner(ctx, None)
    }

    /// The loop behind [`Parser::word_parts`]. `brace_alt` is set while reading one
    /// alternative of a brace expansion, which also ends at a top-level `,` or `}`.
    fn word_parts_inner(
        &mut self,
        ctx: WordContext,
        brace_alt: Option<()>,
    ) -> Result<Vec<WordPart>, ParseError> {
        self.nested(|p| p.word_parts_loop(ctx, brace_alt))
    }

    fn word_parts_loop(
        &mut self,
        ctx: WordContext,
        brace_alt: Option<()>,
    ) -> Result<Vec<WordPart>, ParseError> {
        let mut b = PartsBuilder::new();
        let word_start = self.pos;
        // Depth of literal `{` inside a brace alternative, and of `(`/`[` in regexes and
        // subscripts, so that their closers stay literal.
        let mut brace_depth = 0usize;
        let mut paren_depth = 0usize;
        let extglob = self.options.extglob
            || matches!(ctx, WordContext::CondPattern | WordContext::ExtGlobAlt);
        while let Some(c) = self.peek() {
            if brace_alt.is_some() && brace_depth == 0 && (c == b',' || c == b'}') {
                break;
            }
            if paren_depth == 0 && self.ends_word(ctx, c) {
                // `<(` and `>(` inside a word are process substitutions.
                let procsub = matches!(
                    ctx,
                    WordContext::Normal
                        | WordContext::Pattern
                        | WordContext::Cond
                        | WordContext::Assign
                ) && self.at_process_sub();
                if !procsub {
                    break;
                }
            }
            match c {
                b'\\' => {
                    match self.peek_at(1) {
                        Some(b'\n') => self.skip(2),
                        Some(n) => {
                            self.skip(2);
                            b.push(WordPart::Escaped(Text(vec![n])));
                        }
                        // A lone backslash at the end of the text stands for itself.
                        None => {
                            self.bump();
                            b.push(WordPart::Escaped(Text(vec![b'\\'])));
                        }
                    }
                    continue;
                }
                b'\''
                    if !matches!(
                        ctx,
                        WordContext::Param {
                            sq_literal: true,
                            ..
                        }
                    ) =>
                {
                    let part = self.single_quoted()?;
                    b.push(part);
                    continue;
                }
                b'"' => {
                    let start = self.mark();
                    self.bump();
                    let parts = self.double_quoted_parts(Some(b'"'))?;
                    let _ = start;
                    b.push(WordPart::DoubleQuoted(parts));
                    continue;
                }
                b'$' => {
                    // Inside `"${x/…}"` a pattern word reads `$'…'` as outside quotes; the
                    // words of `-`, `+`, `=`, `?` keep double-quote rules.
                    let in_dq = matches!(
                        ctx,
                        WordContext::Param {
                            in_dq: true,
                            sq_literal: true,
                            ..
                        }
                    );
                    if let Some(part) = self.dollar(in_dq)? {
                        b.push(part);
                    } else {
                        b.lit.push(b'$');
                        self.bump();
                    }
                    continue;
                }
                b'`' => {
                    let part = self.backquote(false)?;
                    b.push(part);
                    continue;
                }
                b'<' | b'>' if self.peek_at(1) == Some(b'(') && paren_depth == 0 => {
                    if matches!(
                        ctx,
                        WordContext::Normal
                            | WordContext::Pattern
                            | WordContext::Cond
                            | WordContext::Assign
                    ) {
                        let part = self.process_sub()?;
                        b.push(part);
                        continue;
                    }
                }
                b'~' if self.pos == word_start
                    && matches!(ctx, WordContext::Normal | WordContext::Assign) =>
                {
                    if let Some(part) = self.tilde(ctx) {
                        b.push(part);
                        continue;
                    }
                }
                b'~' if ctx == WordContext::Assign
                    && matches!(self.src.get(self.pos.wrapping_sub(1)), Some(b':')) =>
                {
                    if let Some(part) = self.tilde(ctx) {
                        b.push(part);
                        continue;
                    }
                }
                b'{' if ctx == WordContext::Normal => {
                    if let Some(part) = self.brace_expansion()? {
                        b.push(part);
                        continue;
                    }
                    if brace_alt.is_some() {
                        brace_depth += 1;
                    }
                }
                b'}' if brace_depth > 0 => brace_depth -= 1,
                b'?' | b'*' | b'+' | b'@' | b'!'
                    if extglob
                        && self.peek_at(1) == Some(b'(')
                        && !matches!(
                            ctx,
                            WordContext::Whole
                                | WordContext::Subscript
                                | WordContext::ParamSubscript
                        ) =>
                {
                    let part = self.ext_glob()?;
                    b.push(part);
                    continue;
                }
                b'(' if matches!(ctx, WordContext::Regex) => paren_depth += 1,
                b')' if matches!(ctx, WordContext::Regex) && paren_depth > 0 => paren_depth -= 1,
                b'[' if matches!(ctx, WordContext::Subscript | WordContext::ParamSubscript) => {
                    paren_depth += 1
                }
                b']' if matches!(ctx, WordContext::Subscript | WordContext::ParamSubscript)
                    && paren_depth > 0 =>
                {
                    paren_depth -= 1
                }
                b'\n' if ctx == WordContext::Regex && paren_depth > 0 => {}
                c if is_plain_word_byte(c) => {
                    // The common case: copy a run of bytes that mean nothing special in any
                    // word context in one go.
                    let run = self.src[self.pos..]
                        .iter()
                        .take_while(|&&b| is_plain_word_byte(b))
                        .count();
                    b.lit.extend_from_slice(&self.src[self.pos..self.pos + run]);
                    self.pos += run;
                    continue;
                }
                _ => {}
            }
            b.lit.push(c);
            self.bump();
        }
        Ok(b.finish())
    }

    /// `'…'`, at the opening quote.
    fn single_quoted(&mut self) -> Result<WordPart, ParseError> {
        let start = self.mark();
        self.bump();
        let from = self.pos;
        while let Some(c) = self.peek() {
            if c == b'\'' {
                let text = Text::from(&self.src[from..self.pos]);
                self.bump();
                return Ok(WordPart::SingleQuoted(text));
            }
            self.bump();
        }
        Err(self.error_at(ParseErrorKind::UnmatchedEof(b'\''), start.line, start.pos))
    }

    /// The parts inside double quotes (after the opening `"`), up to and past `term`; with
    /// `term` `None` (here-document bodies) up to the end of the text, where `"` is literal.
    pub(super) fn double_quoted_parts(
        &mut self,
        term: Option<u8>,
    ) -> Result<Vec<WordPart>, ParseError> {
        let start = Mark {
            pos: self.pos.saturating_sub(1),
            line: self.line,
        };
        self.nested(|p| p.double_quoted_loop(term, start))
    }

    fn double_quoted_loop(
        &mut self,
        term: Option<u8>,
        start: Mark,
    ) -> Result<Vec<WordPart>, ParseError> {
        let mut b = PartsBuilder::new();
        loop {
            let Some(c) = self.peek() else {
                if term.is_some() {
                    return Err(self.error_at(
                        ParseErrorKind::UnmatchedEof(b'"'),
                        start.line,
                        start.pos,
                    ));
                }
                break;
            };
            if Some(c) == term {
                self.bump();
                break;
            }
            match c {
                b'\\' => match self.peek_at(1) {
                    Some(b'\n') => self.skip(2),
                    Some(n @ (b'$' | b'`' | b'\\')) => {
                        b.lit.push(n);
                        self.skip(2);
                    }
                    Some(b'"') if term.is_some() => {
                        b.lit.push(b'"');
                        self.skip(2);
                    }
                    _ => {
                        b.lit.push(b'\\');
                        self.bump();
                    }
                },
                b'$' => match self.dollar(true)? {
                    Some(part) => b.push(part),
                    None => {
                        b.lit.push(b'$');
                        self.bump();
                    }
                },
                b'`' => {
                    let part = self.backquote(term.is_some())?;
                    b.push(part);
                }
                c if is_plain_word_byte(c) || c == b' ' => {
                    let run = self.src[self.pos..]
                        .iter()
                        .take_while(|&&b| is_plain_word_byte(b) || b == b' ')
                        .count();
                    b.lit.extend_from_slice(&self.src[self.pos..self.pos + run]);
                    self.pos += run;
                }
                _ => {
                    b.lit.push(c);
                    self.bump();
                }
            }
        }
        Ok(b.finish())
    }

    /// An expansion starting with `$`, or `None` when the `$` is literal.
    pub(super) fn dollar(&mut self, in_dq: bool) -> Result<Option<WordPart>, ParseError> {
        // Bash removes backslash-newline before it looks at what follows `$` (`$\<nl>{x}` is
        // `${x}`); take the pairs out of the text, counting their lines.
        while self
            .src
            .get(self.pos + 1..)
            .is_some_and(|r| r.starts_with(b"\\\n"))
        {
            self.src.drain(self.pos + 1..self.pos + 3);
            self.line += 1;
        }
        let start = self.mark();
        let Some(next) = self.peek_at(1) else {
            return Ok(None);
        };
        let part = match next {
            b'\'' if !in_dq => {
                self.bump();
                let WordPart::SingleQuoted(raw) = self.ansi_c_raw()? else {
                    unreachable!("ansi_c_raw returns SingleQuoted")
                };
                WordPart::AnsiC(Text(decode_ansi_c(&raw)))
            }
            b'"' if !in_dq => {
                self.skip(2);
                WordPart::Locale(self.double_quoted_parts(Some(b'"'))?)
            }
            b'{' => {
                self.skip(2);
                WordPart::Param(Box::new(self.braced_param(start, in_dq)?))
            }
            b'(' => {
                if self.peek_at(2) == Some(b'(') {
                    self.skip(3);
                    if let Some(w) = self.arith_body()? {
                        return Ok(Some(WordPart::Arithmetic(Box::new(w))));
                    }
                    if self.arith_unclosed() {
                        return Err(self.error_at(
                            ParseErrorKind::UnmatchedEof(b')'),
                            start.line,
                            start.pos,
                        ));
                    }
                    self.reset(start);
                }
                let from_arith = self.peek_at(2) == Some(b'(');
                self.skip(2);
                let program = self.nested_program(start).map_err(|mut e| {
                    // A `$((` read as `$( (` that never closes: bash names the `$((` line.
                    if from_arith && e.kind == ParseErrorKind::UnmatchedEof(b')') {
                        e.line = start.line;
                    }
                    e
                })?;
                WordPart::CommandSub(Box::new(CommandSub {
                    program,
                    backquoted: false,
                }))
            }
            b'[' => {
                self.skip(2);
                let from = self.mark();
                let mut depth = 0usize;
                loop {
                    match self.peek() {
                        None => {
                            return Err(self.error_at(
                                ParseErrorKind::UnmatchedEof(b']'),
                                start.line,
                                start.pos,
                            ))
                        }
                        Some(b'[') => depth += 1,
                        Some(b']') if depth == 0 => break,
                        Some(b']') => depth -= 1,
                        _ => {}
                    }
                    self.bump();
                }
                let text = self.src[from.pos..self.pos].to_vec();
                self.bump();
                let mut sub = self.sub_parser(&text, from);
                WordPart::Arithmetic(Box::new(sub.arith_word_from_text()?))
            }
            c if is_name_start(c) => {
                self.bump();
                let from = self.pos;
                loop {
                    while self.peek().is_some_and(is_name_byte) {
                        self.bump();
                    }
                    // `$a\<newline>r` is `$ar`: bash removes the pair before reading the name.
                    if self
                        .src
                        .get(self.pos..)
                        .is_some_and(|r| r.starts_with(b"\\\n"))
                        && self.src.get(self.pos + 2).is_some_and(|&c| is_name_byte(c))
                    {
                        self.src.drain(self.pos..self.pos + 2);
                        self.line += 1;
                        continue;
                    }
                    break;
                }
                WordPart::Param(Box::new(ParamExpansion {
                    param: Parameter::Named {
                        name: Text::from(&self.src[from..self.pos]),
                        index: None,
                    },
                    braced: false,
                    indirect: false,
                    op: ParamOp::None,
                }))
            }
            c if c.is_ascii_digit() => {
                self.skip(2);
                WordPart::Param(Box::new(ParamExpansion {
                    param: Parameter::Positional(u32::from(c - b'0')),
                    braced: false,
                    indirect: false,
                    op: ParamOp::None,
                }))
            }
            c @ (b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') => {
                self.skip(2);
                WordPart::Param(Box::new(ParamExpansion {
                    param: Parameter::Special(c),
                    braced: false,
                    indirect: false,
                    op: ParamOp::None,
                }))
            }
            _ => return Ok(None),
        };
        Ok(Some(part))
    }

    /// The raw text of `$'…'`, at the quote (escapes kept, so `\'` does not end it).
    fn ansi_c_raw(&mut self) -> Result<WordPart, ParseError> {
        let start = self.mark();
        self.bump();
        let from = self.pos;
        while let Some(c) = self.peek() {
            match c {
                b'\\' if self.peek_at(1).is_some() => self.skip(2),
                b'\'' => {
                    let text = Text::from(&self.src[from..self.pos]);
                    self.bump();
                    return Ok(WordPart::SingleQuoted(text));
                }
                _ => self.bump(),
            }
        }
        Err(self.error_at(ParseErrorKind::UnmatchedEof(b'\''), start.line, start.pos))
    }

    /// The commands of `$(…)` or `<(…)`, after the opening parenthesis, through the `)`.
    fn nested_program(&mut self, start: Mark) -> Result<Program, ParseError> {
        self.comsub_depth += 1;
        let r = self.nested(|p| p.nested_program_inner(start));
        self.comsub_depth -= 1;
        r
    }

    fn nested_program_inner(&mut self, start: Mark) -> Result<Program, ParseError> {
        // Here-documents started before the `$(` are read after the outer line, not at a
        // newline inside the substitution.
        let outer = std::mem::take(&mut self.pending_heredocs);
        let r = self.nested_program_body(start);
        let inner = std::mem::replace(&mut self.pending_heredocs, outer);
        self.pending_heredocs.extend(inner);
        r
    }

    fn nested_program_body(&mut self, start: Mark) -> Result<Program, ParseError> {
        let list = self.parse_list(super::command::ListEnd::Compound)?;
        self.skip_linebreaks()?;
        match self.peek() {
            Some(b')') => self.bump(),
            None => {
                let _ = start;
                return Err(self.error(ParseErrorKind::UnmatchedEof(b')')));
            }
            Some(_) => return Err(self.unexpected_token()),
        }
        let commands = if list.items.is_empty() {
            Vec::new()
        } else {
            vec![list]
        };
        Ok(Program { commands })
    }

    /// `` `…` ``, at the opening backquote. Inside, `\$`, `` \` `` and `\\` (and `\"` within
    /// double quotes) lose their backslash before the text is parsed.
    fn backquote(&mut self, in_dq: bool) -> Result<WordPart, ParseError> {
        let start = self.mark();
        self.bump();
        let body = self.mark();
        let mut text = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        ParseErrorKind::UnmatchedEof(b'`'),
                        start.line,
                        start.pos,
                    ))
                }
                Some(b'`') => {
                    self.bump();
                    break;
                }
                Some(b'\\') => match self.peek_at(1) {
                    Some(n @ (b'$' | b'`' | b'\\')) => {
                        text.push(n);
                        self.skip(2);
                    }
                    Some(b'"') if in_dq => {
                        text.push(b'"');
                        self.skip(2);
                    }
                    _ => {
                        text.push(b'\\');
                        self.bump();
                    }
                },
                Some(c) => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        let mut sub = self.sub_parser(&text, body);
        sub.depth += 1;
        // Bash parses a backquote body only when it runs it, so a body that does not parse is
        // not a syntax error of the script.
        match sub.parse_program() {
            Ok(program) => {
                self.warnings.append(&mut sub.warnings);
                Ok(WordPart::CommandSub(Box::new(CommandSub {
                    program,
                    backquoted: true,
                })))
            }
            Err(e)
                if matches!(
                    e.kind,
                    ParseErrorKind::TooDeep(_) | ParseErrorKind::TooLarge(_)
                ) =>
            {
                Err(e)
            }
            Err(_) => Ok(WordPart::UnparsedBackquote(Text(text))),
        }
    }

    /// `<(…)` or `>(…)`, at the `<` or `>`.
    fn process_sub(&mut self) -> Result<WordPart, ParseError> {
        let start = self.mark();
        let output = self.peek() == Some(b'>');
        self.skip(2);
        let program = self.nested_program(start)?;
        Ok(WordPart::ProcessSub(Box::new(ProcessSub {
            output,
            program,
        })))
    }

    /// After `((` or `$((`: the expression up to the matching `))`, as a word. `None` (with
    /// the position unspecified) when the parentheses close some other way, which makes bash
    /// read a subshell or command substitution instead.
    pub(super) fn arith_body(&mut self) -> Result<Option<Word>, ParseError> {
        let Some((at, text)) = self.arith_raw() else {
            return Ok(None);
        };
        let mut sub = self.sub_parser(&text, at);
        Ok(Some(sub.arith_word_from_text()?))
    }

    /// After `((` when [`Parser::arith_raw`] found no `))`: whether that is because the text
    /// ends first (bash then reports the unmatched `)` where the `((` stands).
    pub(super) fn arith_unclosed(&self) -> bool {
        let mut depth = 0usize;
        for &c in &self.src[self.pos..] {
            match c {
                b'(' => depth += 1,
                b')' if depth == 0 => return false,
                b')' => depth -= 1,
                _ => {}
            }
        }
        true
    }

    /// After `((`: the raw text up to the matching `))`, consuming it.
    pub(super) fn arith_raw(&mut self) -> Option<(Mark, Vec<u8>)> {
        let at = self.mark();
        let mut depth = 0usize;
        let mut i = self.pos;
        let src = &self.src;
        while i < src.len() {
            match src[i] {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b')' => {
                    if src.get(i + 1) == Some(&b')') {
                        let text = src[self.pos..i].to_vec();
                        while self.pos < i + 2 {
                            self.bump();
                        }
                        return Some((at, text));
                    }
                    return None;
                }
                b'\\' => i += 1,
                q @ (b'\'' | b'"' | b'`') => {
                    i += 1;
                    while i < src.len() && src[i] != q {
                        if src[i] == b'\\' && q != b'\'' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// A tilde prefix at `~`, or `None` when the text after it makes it literal.
    fn tilde(&mut self, ctx: WordContext) -> Option<WordPart> {
        let mut end = self.pos + 1;
        while let Some(&c) = self.src.get(end) {
            if c == b'/' || is_meta(c) || (ctx == WordContext::Assign && c == b':') {
                break;
            }
            if matches!(
                c,
                b'\\' | b'\'' | b'"' | b'$' | b'`' | b'{' | b'}' | b'*' | b'?' | b'['
            ) {
                return None;
            }
            end += 1;
        }
        let user = Text::from(&self.src[self.pos + 1..end]);
        self.skip(end - self.pos);
        Some(WordPart::Tilde(user))
    }

    /// A brace expansion at `{`, or `None` (position unchanged) when the braces are literal.
    fn brace_expansion(&mut self) -> Result<Option<WordPart>, ParseError> {
        let Some((close, has_comma)) = self.scan_brace() else {
            return Ok(None);
        };
        if !has_comma {
            let inner = &self.src[self.pos + 1..close];
            let Some(seq) = parse_sequence(inner) else {
                return Ok(None);
            };
            self.skip(close + 1 - self.pos);
            return Ok(Some(WordPart::Brace(Box::new(seq))));
        }
        self.bump();
        let mut alternatives = Vec::new();
        loop {
            let alt = self.word_parts_inner(WordContext::Normal, Some(()))?;
            alternatives.push(alt);
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    break;
                }
                _ => return Err(self.unexpected_token()),
            }
        }
        Ok(Some(WordPart::Brace(Box::new(BraceExpansion::List(
            alternatives,
        )))))
    }

    /// From `{`, finds the matching `}` within the current word: its offset and whether a
    /// comma stands at the top level between them.
    fn scan_brace(&self) -> Option<(usize, bool)> {
        let src = &self.src;
        let mut i = self.pos + 1;
        let mut depth = 0usize;
        let mut comma = false;
        while i < src.len() {
            match src[i] {
                b'{' => depth += 1,
                b'}' if depth == 0 => return Some((i, comma)),
                b'}' => depth -= 1,
                b',' if depth == 0 => comma = true,
                b'\\' => i += 1,
                b'$' if src.get(i + 1) == Some(&b'{') => {
                    i = skip_balanced(src, i + 1, b'{', b'}')?;
                }
                b'$' if src.get(i + 1) == Some(&b'(') => {
                    i = skip_balanced(src, i + 1, b'(', b')')?;
                }
                q @ (b'\'' | b'"' | b'`') => {
                    i += 1;
                    while i < src.len() && src[i] != q {
                        if src[i] == b'\\' && q != b'\'' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                c if is_meta(c) => return None,
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// An extended glob `@(a|b)` at its operator byte.
    fn ext_glob(&mut self) -> Result<WordPart, ParseError> {
        let start = self.mark();
        let op = self.peek().unwrap_or(b'@');
        self.skip(2);
        let mut alternatives = Vec::new();
        loop {
            let alt = self.word_parts(WordContext::ExtGlobAlt)?;
            alternatives.push(alt);
            match self.peek() {
                Some(b'|') => self.bump(),
                Some(b')') => {
                    self.bump();
                    break;
                }
                _ => {
                    return Err(self.error_at(
                        ParseErrorKind::UnmatchedEof(b')'),
                        start.line,
                        start.pos,
                    ))
                }
            }
        }
        Ok(WordPart::ExtGlob(Box::new(ExtGlob { op, alternatives })))
    }
}

/// Bytes that are literal in every word context and never start or end anything (so no
/// newline, which must be counted): runs of them are copied without looking further.
fn is_plain_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'=' | b'%')
}

/// The index of the byte closing the group opened at `open_at`, skipping quotes.
fn skip_balanced(src: &[u8], open_at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open_at;
    while i < src.len() {
        match src[i] {
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\\' => i += 1,
            // A comment inside `$(…)`: its quotes and parentheses mean nothing.
            b'#' if open == b'('
                && i > 0
                && matches!(src[i - 1], b' ' | b'\t' | b'\n' | b'(' | b';') =>
            {
                while i + 1 < src.len() && src[i + 1] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < src.len() && src[i] != q {
                    if src[i] == b'\\' && q == b'"' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Parses the inside of `{a..b[..c]}` when it is a valid sequence.
fn parse_sequence(inner: &[u8]) -> Option<BraceExpansion> {
    let pieces: Vec<&[u8]> = inner.split(|&c| c == b'.').collect();
    // `a..b` splits into [a, "", b]; `a..b..c` into [a, "", b, "", c].
    let (start, end, step) = match pieces.as_slice() {
        [a, [], b] => (*a, *b, None),
        [a, [], b, [], c] => (*a, *b, Some(*c)),
        _ => return None,
    };
    let is_int = |s: &[u8]| {
        let digits = s
            .strip_prefix(b"-")
            .or_else(|| s.strip_prefix(b"+"))
            .unwrap_or(s);
        !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
    };
    let is_char = |s: &[u8]| s.len() == 1 && s[0].is_ascii_alphabetic();
    let valid = (is_int(start) && is_int(end)) || (is_char(start) && is_char(end));
    if !valid || step.is_some_and(|s| !is_int(s)) {
        return None;
    }
    Some(BraceExpansion::Sequence {
        start: Text::from(start),
        end: Text::from(end),
        step: step.map(Text::from),
    })
}

/// Decodes the escapes of `$'…'` as bash does (also what `${x@E}` and `echo -e`-style
/// expansions need): `\n`, `\t`, `\xHH`, `\uHHHH`, `\NNN`, `\cX`, ….
///
/// ```
/// assert_eq!(vbash_syntax::decode_ansi_c(br"a\tb\x41\u00e9"), "a\tbA\u{e9}".as_bytes());
/// ```
pub fn decode_ansi_c(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        i += 1;
        if c != b'\\' || i >= raw.len() {
            out.push(c);
            continue;
        }
        let e = raw[i];
        i += 1;
        match e {
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'e' | b'E' => out.push(0x1b),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'\\' | b'\'' | b'"' | b'?' => out.push(e),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                let mut n = 1;
                while n < 3 && i < raw.len() && (b'0'..=b'7').contains(&raw[i]) {
                    v = v * 8 + u32::from(raw[i] - b'0');
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            b'x' | b'u' | b'U' => {
                let max = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                let mut n = 0;
                while n < max && i < raw.len() && raw[i].is_ascii_hexdigit() {
                    v = v * 16 + (raw[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push(b'\\');
                    out.push(e);
                } else if e == b'x' {
                    out.push(v as u8);
                } else if let Some(ch) = char::from_u32(v) {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                } else {
                    out.push(b'\\');
                    out.push(e);
                    out.extend_from_slice(&raw[i - n..i]);
                }
            }
            b'c' if i < raw.len() => {
                let x = raw[i];
                i += 1;
                out.push(if x == b'?' {
                    0x7f
                } else {
                    x.to_ascii_uppercase() & 0x1f
                });
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    out
}
