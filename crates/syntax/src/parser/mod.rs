//! Text to syntax tree.
//!
//! A hand-written recursive-descent parser over bytes. Bash's lexing depends on where the parser
//! stands (reserved words only in command position, here-document bodies after the next newline,
//! `case` patterns, `[[ … ]]` operators, alias substitution), so the lexer and the grammar are one
//! pass here rather than a token stream fed to a combinator grammar.

use std::sync::Arc;

use crate::ast::List;
use crate::error::{ParseError, ParseWarning};

/// Settings that change how text is read.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Recognise `?(…)`, `*(…)`, `+(…)`, `@(…)`, `!(…)` in words (bash's `shopt -s extglob`).
    /// Patterns inside `[[ … ]]` always allow them, as in bash 5.2.
    pub extglob: bool,
    /// How deep constructs may nest before [`crate::ParseErrorKind::TooDeep`].
    pub max_depth: usize,
    /// The longest script accepted, in bytes.
    pub max_input_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            extglob: false,
            max_depth: 1000,
            max_input_bytes: 64 << 20,
        }
    }
}

/// Looks up aliases while parsing (bash's `expand_aliases`).
pub trait AliasResolver {
    /// The value of alias `name`, or `None` when there is none.
    fn resolve(&self, name: &[u8]) -> Option<Vec<u8>>;
}

mod assign;
mod command;
mod cond;
mod heredoc;
mod param;
mod word;

pub use word::decode_ansi_c;

use crate::error::ParseErrorKind;
use crate::span::Span;
use crate::text::Text;

/// Reads bash text into syntax trees, one complete command at a time.
///
/// ```
/// use vbash_syntax::{Parser, ParseOptions};
///
/// let mut parser = Parser::new(b"echo one\necho two\n", ParseOptions::default());
/// let first = parser.next_command().unwrap().unwrap();
/// assert_eq!(first.items.len(), 1);
/// parser.set_extglob(true); // as if the first line had run `shopt -s extglob`
/// assert!(parser.next_command().unwrap().is_some());
/// assert!(parser.next_command().unwrap().is_none());
/// ```
pub struct Parser {
    /// The text, owned because alias substitution splices alias values into it.
    src: Vec<u8>,
    pos: usize,
    line: u32,
    options: ParseOptions,
    depth: usize,
    /// Here-documents whose bodies start after the next newline token.
    pending_heredocs: Vec<heredoc::Pending>,
    /// Bodies read so far, indexed by here-document number.
    heredoc_bodies: Vec<Option<crate::ast::Word>>,
    warnings: Vec<ParseWarning>,
    aliases: Option<Arc<dyn AliasResolver + Send + Sync>>,
    /// Aliases being expanded, with the buffer offset where their text ends, so that an alias
    /// is not expanded again inside its own value (`alias ls='ls -F'`).
    active_aliases: Vec<(Vec<u8>, usize)>,
    /// Set after an alias whose value ends in a blank: the next word is checked too.
    alias_next_word: bool,
    /// How many `$(…)`/`<(…)` enclose the current position (here-documents inside them may
    /// end at a delimiter followed by `)`).
    comsub_depth: usize,
    /// Set when the last `[[ … ]]` token read was a newline (for the `bash -n` status).
    cond_newline_token: bool,
    /// Offset added to spans: non-zero when parsing a piece of a larger text (a backquote body,
    /// a here-document body, an arithmetic expression).
    base: usize,
}

/// A saved scanner position, to back out of a speculative read.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    pos: usize,
    line: u32,
}

impl Parser {
    /// A parser over `src` (a whole script or the rest of one).
    pub fn new(src: &[u8], options: ParseOptions) -> Parser {
        Parser {
            src: src.to_vec(),
            pos: 0,
            line: 1,
            options,
            depth: 0,
            pending_heredocs: Vec::new(),
            heredoc_bodies: Vec::new(),
            warnings: Vec::new(),
            aliases: None,
            active_aliases: Vec::new(),
            alias_next_word: false,
            comsub_depth: 0,
            cond_newline_token: false,
            base: 0,
        }
    }

    /// Starts counting lines at `line` instead of 1 (for text that continues a larger script).
    pub fn with_first_line(mut self, line: u32) -> Parser {
        self.line = line;
        self
    }

    /// Expands aliases found by `resolver` in command position from now on (`None` turns
    /// alias expansion off). The engine passes its current alias table before each command,
    /// since an `alias` on one line applies from the next.
    pub fn set_aliases(&mut self, resolver: Option<Arc<dyn AliasResolver + Send + Sync>>) {
        self.aliases = resolver;
    }

    /// Turns extended globs on or off for the commands parsed from now on.
    pub fn set_extglob(&mut self, on: bool) {
        self.options.extglob = on;
    }

    /// Warnings met so far (here-documents ended by end of file).
    pub fn warnings(&self) -> &[ParseWarning] {
        &self.warnings
    }

    /// Takes the warnings met so far.
    pub fn take_warnings(&mut self) -> Vec<ParseWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// The current 1-based line (the line of the next command to be read).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Parses everything left.
    pub fn parse_program(&mut self) -> Result<crate::ast::Program, ParseError> {
        let mut commands = Vec::new();
        while let Some(list) = self.next_command()? {
            commands.push(list);
        }
        Ok(crate::ast::Program { commands })
    }

    /// Parses the next complete command: everything up to the newline that ends it (and the
    /// here-document bodies that follow that newline). `None` at the end of the text.
    pub fn next_command(&mut self) -> Result<Option<List>, ParseError> {
        if self.src.len() > self.options.max_input_bytes {
            return Err(self.error(ParseErrorKind::TooLarge(self.options.max_input_bytes)));
        }
        self.skip_linebreaks()?;
        if self.at_eof() {
            self.finish_heredocs_at_eof();
            return Ok(None);
        }
        let first_heredoc = self.heredoc_bodies.len();
        let mut list = self.parse_list(command::ListEnd::Newline)?;
        match self.peek() {
            None => self.finish_heredocs_at_eof(),
            Some(b'\n') => self.newline()?,
            Some(_) => return Err(self.unexpected_token()),
        }
        if self.heredoc_bodies.len() > first_heredoc {
            heredoc::fill(&mut list, &mut self.heredoc_bodies);
        }
        Ok(Some(list))
    }

    // ---- scanner -------------------------------------------------------------------------

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline]
    fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.get(self.pos + n).copied()
    }

    #[inline]
    fn at_eof(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// Whether `s` comes next. Backslash-newline pairs between its bytes are skipped, as bash
    /// removes them before tokenizing (`&\\<newline>&` is `&&`).
    #[inline]
    fn starts_with(&self, s: &[u8]) -> bool {
        // Most calls test for something that is not there: reject on the first byte inline.
        self.src.get(self.pos) == s.first() && self.match_len(s).is_some()
    }

    /// How many bytes of the text `s` spans here, counting skipped backslash-newline pairs;
    /// `None` when `s` does not come next.
    fn match_len(&self, s: &[u8]) -> Option<usize> {
        let rest = &self.src[self.pos..];
        // Most calls test for a keyword that is not there: reject on the first byte cheaply.
        if rest.first() != s.first() {
            return None;
        }
        if rest.starts_with(s) {
            return Some(s.len());
        }
        if s.len() < 2 {
            return None;
        }
        let mut i = 1;
        for &want in &s[1..] {
            while rest.get(i..).is_some_and(|r| r.starts_with(b"\\\n")) {
                i += 2;
            }
            if rest.get(i) != Some(&want) {
                return None;
            }
            i += 1;
        }
        Some(i)
    }

    /// Advances one byte, counting lines.
    #[inline]
    fn bump(&mut self) {
        if self.src[self.pos] == b'\n' {
            self.line += 1;
        }
        self.pos += 1;
    }

    /// Advances over `n` bytes, skipping backslash-newline pairs between them (see
    /// [`Parser::starts_with`]).
    fn bump_n(&mut self, n: usize) {
        for k in 0..n {
            if k > 0 {
                while self
                    .src
                    .get(self.pos..)
                    .is_some_and(|r| r.starts_with(b"\\\n"))
                {
                    self.bump();
                    self.bump();
                }
            }
            self.bump();
        }
    }

    /// Advances over `n` bytes exactly.
    fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    #[inline]
    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            line: self.line,
        }
    }

    fn reset(&mut self, m: Mark) {
        self.pos = m.pos;
        self.line = m.line;
    }

    fn span_from(&self, m: Mark) -> Span {
        Span::new(self.base + m.pos, self.base + self.pos, m.line)
    }

    /// Skips blanks and backslash-newline continuations.
    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b'\\') if self.peek_at(1) == Some(b'\n') => self.skip(2),
                _ => return,
            }
        }
    }

    /// Skips a comment, if one starts here, up to (not including) its newline.
    fn skip_comment(&mut self) {
        if self.peek() == Some(b'#') {
            while let Some(c) = self.peek() {
                if c == b'\n' {
                    break;
                }
                self.pos += 1;
            }
        }
    }

    /// Skips blanks, comments and newlines (reading here-documents at each newline).
    fn skip_linebreaks(&mut self) -> Result<(), ParseError> {
        loop {
            self.skip_blanks();
            self.skip_comment();
            if self.peek() == Some(b'\n') {
                self.newline()?;
            } else {
                return Ok(());
            }
        }
    }

    /// Consumes a newline token and reads the here-document bodies waiting for it.
    fn newline(&mut self) -> Result<(), ParseError> {
        debug_assert_eq!(self.peek(), Some(b'\n'));
        self.bump();
        if !self.pending_heredocs.is_empty() {
            self.read_heredoc_bodies()?;
        }
        Ok(())
    }

    /// Runs `f` one nesting level deeper, failing past the depth limit.
    ///
    /// Every recursive path through the grammar passes through here, so this is also where the
    /// stack is grown when it runs low (natively; on wasm the depth limit alone bounds it).
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        if self.depth >= self.options.max_depth {
            return Err(self.error(ParseErrorKind::TooDeep(self.options.max_depth)));
        }
        self.depth += 1;
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || f(self));
        self.depth -= 1;
        result
    }

    // ---- errors --------------------------------------------------------------------------

    fn error(&self, kind: ParseErrorKind) -> ParseError {
        self.error_at(kind, self.line, self.pos)
    }

    fn error_at(&self, kind: ParseErrorKind, line: u32, pos: usize) -> ParseError {
        let pos = pos.min(self.src.len());
        let start = self.src[..pos]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
        let end = self.src[pos..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(self.src.len(), |i| pos + i);
        ParseError {
            kind,
            line,
            line_text: Text::from(&self.src[start..end]),
            status: 2,
        }
    }

    /// ``syntax error near unexpected token `…'`` for the token at the current position, or
    /// `unexpected end of file` at the end.
    fn unexpected_token(&self) -> ParseError {
        match self.token_text() {
            // bash reads an unterminated last line as if it ended in a newline, so the end of
            // file sits on the line after it.
            None if self.src.last().is_some_and(|&c| c != b'\n') => {
                self.error_at(ParseErrorKind::UnexpectedEof, self.line + 1, self.pos)
            }
            None => self.error(ParseErrorKind::UnexpectedEof),
            Some(t) => self.error(ParseErrorKind::UnexpectedToken(Text(t))),
        }
    }

    /// The text of the token at the current position as bash names it in messages.
    fn token_text(&self) -> Option<Vec<u8>> {
        let c = self.peek()?;
        if c == b'\n' {
            return Some(b"newline".to_vec());
        }
        if let Some(op) = self.operator() {
            return Some(op.to_vec());
        }
        let mut end = self.pos;
        while end < self.src.len() && !is_meta(self.src[end]) {
            end += 1;
        }
        Some(self.src[self.pos..end.max(self.pos + 1)].to_vec())
    }

    /// The control or redirection operator at the current position, if any.
    fn operator(&self) -> Option<&'static [u8]> {
        const OPS: &[&[u8]] = &[
            b";;&", b"&>>", b"<<<", b"<<-", b";;", b";&", b"&&", b"||", b"|&", b"&>", b">>", b"<<",
            b">&", b"<&", b"<>", b">|", b";", b"&", b"|", b"(", b")", b"<", b">",
        ];
        let rest = &self.src[self.pos..];
        OPS.iter().copied().find(|op| rest.starts_with(op))
    }
}

/// When less stack than this is left, [`Parser::nested`] moves to a new segment.
const STACK_RED_ZONE: usize = 128 * 1024;
/// The size of each new stack segment.
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

/// Bytes that end an unquoted word.
fn is_meta(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
    )
}

/// A valid shell identifier byte after the first.
fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// A valid first byte of a shell identifier.
fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}
