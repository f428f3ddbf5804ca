//! Lists, pipelines, simple and compound commands, redirections.

use super::{heredoc, is_meta, Mark, Parser};
use crate::ast::*;
use crate::error::{ParseError, ParseErrorKind};
use crate::text::Text;

/// What ends a list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ListEnd {
    /// A complete command at top level: a newline (left for the caller) or the end of text.
    Newline,
    /// A compound list: a closing reserved word, `)`, a `case` terminator or the end of text.
    /// Newlines separate items.
    Compound,
}

/// Reserved words that close a compound list when met in command position.
const CLOSERS: &[&[u8]] = &[
    b"then", b"elif", b"else", b"fi", b"do", b"done", b"esac", b"}",
];

/// Declaration builtins whose assignment-shaped arguments bash parses as assignments.
const DECLARATION_BUILTINS: &[&[u8]] = &[
    b"alias",
    b"declare",
    b"eval",
    b"export",
    b"let",
    b"local",
    b"readonly",
    b"typeset",
];

impl Parser {
    /// Parses and-or chains separated by `;`, `&` and (in compound lists) newlines.
    pub(super) fn parse_list(&mut self, end: ListEnd) -> Result<List, ParseError> {
        let mut items = Vec::new();
        loop {
            if end == ListEnd::Compound {
                self.skip_linebreaks()?;
            } else {
                self.skip_blanks();
                self.skip_comment();
            }
            if self.at_list_end() {
                break;
            }
            let and_or = self.parse_and_or()?;
            self.skip_blanks();
            self.skip_comment();
            let mut background = false;
            let more = match self.peek() {
                Some(b';') if !self.starts_with(b";;") && !self.starts_with(b";&") => {
                    self.bump();
                    true
                }
                Some(b'&') if !self.starts_with(b"&&") && !self.starts_with(b"&>") => {
                    self.bump();
                    background = true;
                    true
                }
                Some(b'\n') if end == ListEnd::Compound => {
                    self.newline()?;
                    true
                }
                _ => false,
            };
            items.push(ListItem { and_or, background });
            if !more {
                break;
            }
        }
        Ok(List { items })
    }

    /// Whether the text here closes a list: end of text, a newline at top level, `)`, a case
    /// terminator, or a closing reserved word in command position.
    fn at_list_end(&self) -> bool {
        match self.peek() {
            None | Some(b'\n' | b')') => true,
            Some(b';') => self.starts_with(b";;") || self.starts_with(b";&"),
            Some(b't' | b'e' | b'f' | b'd' | b'}') => CLOSERS.iter().any(|w| self.keyword_here(w)),
            _ => false,
        }
    }

    /// Parses a compound list that must hold at least one command, as bash requires after
    /// `then`, `do`, `{` and the like.
    fn parse_body(&mut self) -> Result<List, ParseError> {
        let list = self.parse_list(ListEnd::Compound)?;
        if list.items.is_empty() {
            return Err(self.unexpected_token());
        }
        Ok(list)
    }

    /// Consumes the reserved word `word` or fails with bash's unexpected-token error.
    fn expect_keyword(&mut self, word: &[u8]) -> Result<(), ParseError> {
        self.skip_linebreaks()?;
        if self.keyword_here(word) {
            self.bump_n(word.len());
            Ok(())
        } else {
            Err(self.unexpected_token())
        }
    }

    /// Whether the reserved word `word` stands here: the bytes, then a byte that ends a word.
    #[inline]
    pub(super) fn keyword_here(&self, word: &[u8]) -> bool {
        if self.src.get(self.pos) != word.first() {
            return false;
        }
        let Some(len) = self.match_len(word) else {
            return false;
        };
        match self.peek_at(len) {
            None => true,
            Some(c) => is_meta(c) || (word == b"}" && c == b'}'),
        }
    }

    fn parse_and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.parse_pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.skip_blanks();
            let op = if self.starts_with(b"&&") {
                AndOrOp::And
            } else if self.starts_with(b"||") {
                AndOrOp::Or
            } else {
                break;
            };
            self.bump_n(2);
            self.skip_linebreaks()?;
            rest.push((op, self.parse_pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn parse_pipeline(&mut self) -> Result<Pipeline, ParseError> {
        self.skip_blanks();
        let start = self.mark();
        let mut time = None;
        let mut bang = 0;
        loop {
            if time.is_none() && bang == 0 && self.keyword_here(b"time") {
                self.bump_n(4);
                self.skip_blanks();
                time = Some(TimeFormat::Default);
                if self.keyword_here(b"-p") {
                    self.bump_n(2);
                    time = Some(TimeFormat::Posix);
                    self.skip_blanks();
                }
                if self.keyword_here(b"--") {
                    self.bump_n(2);
                    self.skip_blanks();
                }
            } else if self.keyword_here(b"!") {
                self.bump();
                bang += 1;
                self.skip_blanks();
            } else {
                break;
            }
        }
        let mut commands = Vec::new();
        let mut pipe_stderr = Vec::new();
        if (time.is_some() || bang > 0) && self.at_pipeline_end() {
            commands.push(Command::Simple(SimpleCommand {
                span: self.span_from(self.mark()),
                ..SimpleCommand::default()
            }));
        } else {
            commands.push(self.parse_command()?);
            loop {
                self.skip_blanks();
                let stderr = if self.starts_with(b"|&") {
                    true
                } else if self.peek() == Some(b'|') && !self.starts_with(b"||") {
                    false
                } else {
                    break;
                };
                self.bump_n(if stderr { 2 } else { 1 });
                self.skip_linebreaks()?;
                pipe_stderr.push(stderr);
                commands.push(self.parse_command()?);
            }
        }
        Ok(Pipeline {
            time,
            bang,
            commands,
            pipe_stderr,
            span: self.span_from(start),
        })
    }

    /// Whether a bare `time` or `!` stands alone (followed by a list separator).
    fn at_pipeline_end(&self) -> bool {
        match self.peek() {
            None | Some(b'\n' | b';' | b'&' | b')') => !self.starts_with(b"&>"),
            _ => false,
        }
    }

    /// Parses one pipeline stage.
    pub(super) fn parse_command(&mut self) -> Result<Command, ParseError> {
        self.nested(Self::parse_command_inner)
    }

    fn parse_command_inner(&mut self) -> Result<Command, ParseError> {
        self.skip_blanks();
        self.expand_alias_here()?;
        if let Some(cc) = self.parse_compound()? {
            let redirects = self.parse_trailing_redirects()?;
            return Ok(Command::Compound(Box::new(cc), redirects));
        }
        if self.keyword_here(b"function") {
            return self.parse_function_keyword();
        }
        if self.keyword_here(b"coproc") {
            return self.parse_coproc();
        }
        if self.at_misplaced_keyword() {
            return Err(self.unexpected_token());
        }
        self.parse_simple_command()
    }

    /// Whether a reserved word that cannot start a command stands here.
    fn at_misplaced_keyword(&self) -> bool {
        if !matches!(
            self.peek(),
            Some(b't' | b'e' | b'f' | b'd' | b'}' | b'i' | b']')
        ) {
            return false;
        }
        CLOSERS.iter().any(|w| self.keyword_here(w))
            || self.keyword_here(b"in")
            || self.keyword_here(b"]]")
    }

    /// Parses a compound command if one starts here.
    fn parse_compound(&mut self) -> Result<Option<CompoundCommand>, ParseError> {
        if !matches!(
            self.peek(),
            Some(b'(' | b'{' | b'i' | b'w' | b'u' | b'f' | b's' | b'c' | b'[')
        ) {
            return Ok(None);
        }
        let cc = if self.starts_with(b"((") {
            match self.parse_arith_command()? {
                Some(cc) => cc,
                None => self.parse_subshell()?,
            }
        } else if self.peek() == Some(b'(') {
            self.parse_subshell()?
        } else if self.keyword_here(b"{") {
            self.bump();
            let body = self.parse_body()?;
            self.expect_keyword(b"}")?;
            CompoundCommand::BraceGroup(body)
        } else if self.keyword_here(b"if") {
            self.parse_if()?
        } else if self.keyword_here(b"while") || self.keyword_here(b"until") {
            let until = self.starts_with(b"until");
            self.bump_n(5);
            let condition = self.parse_body()?;
            let body = self.parse_do_group()?;
            CompoundCommand::While {
                until,
                condition,
                body,
            }
        } else if self.keyword_here(b"for") {
            self.parse_for(false)?
        } else if self.keyword_here(b"select") {
            self.parse_for(true)?
        } else if self.keyword_here(b"case") {
            self.parse_case()?
        } else if self.keyword_here(b"[[") {
            self.parse_conditional()?
        } else {
            return Ok(None);
        };
        Ok(Some(cc))
    }

    fn parse_subshell(&mut self) -> Result<CompoundCommand, ParseError> {
        self.bump();
        let body = self.parse_body()?;
        self.skip_linebreaks()?;
        if self.peek() != Some(b')') {
            return Err(self.unexpected_token());
        }
        self.bump();
        Ok(CompoundCommand::Subshell(body))
    }

    /// `(( … ))`, or `None` (position unchanged) when the parentheses do not close as `))`, in
    /// which case bash reads nested subshells.
    fn parse_arith_command(&mut self) -> Result<Option<CompoundCommand>, ParseError> {
        let start = self.mark();
        self.bump_n(2);
        match self.arith_body()? {
            Some(w) => Ok(Some(CompoundCommand::Arithmetic(w))),
            None if self.arith_unclosed() => {
                Err(self.error_at(ParseErrorKind::UnmatchedEof(b')'), start.line, start.pos))
            }
            None => {
                self.reset(start);
                Ok(None)
            }
        }
    }

    fn parse_if(&mut self) -> Result<CompoundCommand, ParseError> {
        self.bump_n(2);
        let mut branches = Vec::new();
        let mut else_body = None;
        loop {
            let cond = self.parse_body()?;
            self.expect_keyword(b"then")?;
            let body = self.parse_body()?;
            branches.push((cond, body));
            self.skip_linebreaks()?;
            if self.keyword_here(b"elif") {
                self.bump_n(4);
                continue;
            }
            if self.keyword_here(b"else") {
                self.bump_n(4);
                else_body = Some(self.parse_body()?);
            }
            self.expect_keyword(b"fi")?;
            break;
        }
        Ok(CompoundCommand::If {
            branches,
            else_body,
        })
    }

    /// `do list done`, or `{ list }` which bash also accepts after `for` and `select`.
    fn parse_do_group(&mut self) -> Result<List, ParseError> {
        self.skip_linebreaks()?;
        if self.keyword_here(b"{") {
            self.bump();
            let body = self.parse_body()?;
            self.expect_keyword(b"}")?;
            return Ok(body);
        }
        self.expect_keyword(b"do")?;
        let body = self.parse_body()?;
        self.expect_keyword(b"done")?;
        Ok(body)
    }

    fn parse_for(&mut self, select: bool) -> Result<CompoundCommand, ParseError> {
        self.bump_n(if select { 6 } else { 3 });
        self.skip_blanks();
        if !select && self.starts_with(b"((") {
            return self.parse_arith_for();
        }
        // Bash checks the name only when the loop runs.
        let variable = match self.read_plain_word() {
            Some(v) => Text(v),
            None => return Err(self.unexpected_token()),
        };
        // `for x in words ;` / `for x ;` / `for x` + newline, then the body.
        self.skip_blanks();
        let save = self.mark();
        self.skip_linebreaks()?;
        let mut words = None;
        if self.keyword_here(b"in") {
            self.bump_n(2);
            let mut list = Vec::new();
            loop {
                self.skip_blanks();
                match self.peek() {
                    Some(b';') => {
                        self.bump();
                        break;
                    }
                    Some(b'\n') => break,
                    None => return Err(self.unexpected_token()),
                    Some(c) if is_meta(c) && !self.at_process_sub() => {
                        return Err(self.unexpected_token())
                    }
                    Some(b'#') => {
                        self.skip_comment();
                    }
                    _ => list.push(self.parse_word(super::word::WordContext::Normal)?),
                }
            }
            words = Some(list);
        } else {
            self.reset(save);
            self.skip_blanks();
            if self.peek() == Some(b';') {
                self.bump();
            }
        }
        let body = self.parse_do_group()?;
        Ok(if select {
            CompoundCommand::Select {
                variable,
                words,
                body,
            }
        } else {
            CompoundCommand::For {
                variable,
                words,
                body,
            }
        })
    }

    fn parse_arith_for(&mut self) -> Result<CompoundCommand, ParseError> {
        let start = self.mark();
        self.bump_n(2);
        let Some((at, text)) = self.arith_raw() else {
            return Err(self.error(ParseErrorKind::UnmatchedEof(b')')));
        };
        let pieces = split_arith_for(&text).map_err(|message| {
            self.error_at(
                ParseErrorKind::ArithFor {
                    message,
                    text: Text::from(&self.src[start.pos..self.pos]),
                },
                start.line,
                start.pos,
            )
        })?;
        let mut words = Vec::with_capacity(3);
        for (offset, piece) in pieces {
            let piece_at = Mark {
                pos: at.pos + offset,
                line: at.line,
            };
            let mut sub = self.sub_parser(piece, piece_at);
            words.push(sub.arith_word_from_text()?);
        }
        let [init, condition, step]: [Word; 3] = words.try_into().expect("three pieces");
        self.skip_blanks();
        if self.peek() == Some(b';') {
            self.bump();
        }
        let body = self.parse_do_group()?;
        Ok(CompoundCommand::ArithFor {
            init,
            condition,
            step,
            body,
        })
    }

    fn parse_case(&mut self) -> Result<CompoundCommand, ParseError> {
        self.bump_n(4);
        self.skip_blanks();
        if matches!(self.peek(), None | Some(b'\n'))
            || (self.operator().is_some() && !self.at_process_sub())
        {
            return Err(self.unexpected_token());
        }
        let word = self.parse_word(super::word::WordContext::Normal)?;
        self.expect_keyword(b"in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_linebreaks()?;
            if self.keyword_here(b"esac") {
                self.bump_n(4);
                break;
            }
            if self.at_eof() {
                return Err(self.unexpected_token());
            }
            if self.peek() == Some(b'(') {
                self.bump();
                self.skip_blanks();
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_blanks();
                match self.peek() {
                    _ if self.at_process_sub() => {}
                    None | Some(b'\n' | b';' | b'&' | b'<' | b'>' | b'(' | b')' | b'|') => {
                        return Err(self.unexpected_token())
                    }
                    _ => {}
                }
                patterns.push(self.parse_word(super::word::WordContext::Pattern)?);
                self.skip_blanks();
                match self.peek() {
                    Some(b'|') => self.bump(),
                    Some(b')') => {
                        self.bump();
                        break;
                    }
                    _ => return Err(self.unexpected_token()),
                }
            }
            let body = self.parse_list(ListEnd::Compound)?;
            self.skip_linebreaks()?;
            let terminator = if self.starts_with(b";;&") {
                self.bump_n(3);
                CaseTerminator::Continue
            } else if self.starts_with(b";;") {
                self.bump_n(2);
                CaseTerminator::Break
            } else if self.starts_with(b";&") {
                self.bump_n(2);
                CaseTerminator::FallThrough
            } else if self.keyword_here(b"esac") {
                arms.push(CaseArm {
                    patterns,
                    body,
                    terminator: CaseTerminator::Break,
                });
                continue;
            } else {
                return Err(self.unexpected_token());
            };
            arms.push(CaseArm {
                patterns,
                body,
                terminator,
            });
        }
        Ok(CompoundCommand::Case { word, arms })
    }

    fn parse_function_keyword(&mut self) -> Result<Command, ParseError> {
        let start = self.mark();
        self.bump_n(8);
        self.skip_blanks();
        let name = match self.peek() {
            Some(c) if !is_meta(c) => self.read_plain_word().unwrap_or_default(),
            _ => return Err(self.unexpected_token()),
        };
        self.skip_blanks();
        // `function f ()` takes optional empty parentheses; any other `(` opens a subshell
        // body, as in `function f ( echo )`.
        if self.peek() == Some(b'(') {
            let save = self.mark();
            self.bump();
            self.skip_blanks();
            if self.peek() == Some(b')') {
                self.bump();
            } else {
                self.reset(save);
            }
        }
        self.parse_function_body(Text(name), true, start)
    }

    fn parse_function_body(
        &mut self,
        name: Text,
        keyword: bool,
        start: Mark,
    ) -> Result<Command, ParseError> {
        self.skip_linebreaks()?;
        let Some(cc) = self.parse_compound()? else {
            return Err(self.unexpected_token());
        };
        let redirects = self.parse_trailing_redirects()?;
        Ok(Command::Function(Box::new(FunctionDef {
            name,
            keyword,
            body: Command::Compound(Box::new(cc), redirects),
            span: self.span_from(start),
        })))
    }

    fn parse_coproc(&mut self) -> Result<Command, ParseError> {
        self.bump_n(6);
        self.skip_blanks();
        if let Some(cc) = self.parse_compound()? {
            let redirects = self.parse_trailing_redirects()?;
            return Ok(Command::Coproc(Box::new(Coproc {
                name: None,
                body: Command::Compound(Box::new(cc), redirects),
            })));
        }
        // `coproc NAME compound` names the coprocess; otherwise the words are a simple command.
        if self.at_misplaced_keyword() {
            return Err(self.unexpected_token());
        }
        let save = self.mark();
        if let Some(name) = self.read_plain_word() {
            self.skip_blanks();
            if let Some(cc) = self.parse_compound()? {
                let redirects = self.parse_trailing_redirects()?;
                return Ok(Command::Coproc(Box::new(Coproc {
                    name: Some(Text(name)),
                    body: Command::Compound(Box::new(cc), redirects),
                })));
            }
        }
        self.reset(save);
        let body = self.parse_simple_command()?;
        Ok(Command::Coproc(Box::new(Coproc { name: None, body })))
    }

    /// Redirections after a compound command; any other word there is an error, except that
    /// right after the command (no redirections between) bash is back in command position, so
    /// a reserved word may follow: `if (a) then`, `{ while :; do :; done }`.
    fn parse_trailing_redirects(&mut self) -> Result<Vec<Redirect>, ParseError> {
        let mut redirects = Vec::new();
        loop {
            self.skip_blanks();
            match self.try_redirect()? {
                Some(r) => redirects.push(r),
                None => break,
            }
        }
        let keyword_ok = redirects.is_empty();
        match self.peek() {
            None => {}
            Some(c) if is_meta(c) => {}
            Some(b'#') => {}
            Some(_) if keyword_ok && self.at_list_end() => {}
            Some(_) => return Err(self.unexpected_token()),
        }
        Ok(redirects)
    }

    fn parse_simple_command(&mut self) -> Result<Command, ParseError> {
        let start = self.mark();
        let mut cmd = SimpleCommand::default();
        let mut declaration = false;
        loop {
            self.skip_blanks();
            if let Some(r) = self.try_redirect()? {
                cmd.redirects.push(r);
                continue;
            }
            match self.peek() {
                None => break,
                Some(b'#') => {
                    self.skip_comment();
                    break;
                }
                Some(b'(') if cmd.words.len() == 1 && cmd.assignments.is_empty() => {
                    if let Some(name) = simple_name(&cmd.words[0]) {
                        if cmd.redirects.is_empty() {
                            return self.parse_function_parens(name, start);
                        }
                    }
                    return Err(self.unexpected_token());
                }
                Some(b'(') if !self.at_process_sub() => return Err(self.unexpected_token()),
                Some(c) if is_meta(c) && !self.at_process_sub() => break,
                _ => {}
            }
            if cmd.words.is_empty() {
                if let Some(a) = self.try_assignment()? {
                    cmd.assignments.push(a);
                    continue;
                }
                if !cmd.assignments.is_empty() || !cmd.redirects.is_empty() {
                    self.expand_alias_here()?;
                }
                let word = self.parse_word(super::word::WordContext::Normal)?;
                declaration = word
                    .as_literal()
                    .is_some_and(|w| DECLARATION_BUILTINS.contains(&w));
                cmd.words.push(Argument::Word(word));
                continue;
            }
            if self.alias_next_word {
                self.expand_alias_here()?;
            }
            if declaration {
                if let Some(a) = self.try_assignment()? {
                    cmd.words.push(Argument::Assignment(a));
                    continue;
                }
            }
            let word = self.parse_word(super::word::WordContext::Normal)?;
            cmd.words.push(Argument::Word(word));
        }
        if cmd.words.is_empty() && cmd.assignments.is_empty() && cmd.redirects.is_empty() {
            return Err(self.unexpected_token());
        }
        cmd.span = self.span_from(start);
        Ok(Command::Simple(cmd))
    }

    /// `name ( )` followed by the body.
    fn parse_function_parens(&mut self, name: Vec<u8>, start: Mark) -> Result<Command, ParseError> {
        self.bump();
        self.skip_blanks();
        if self.peek() != Some(b')') {
            return Err(self.unexpected_token());
        }
        self.bump();
        self.parse_function_body(Text(name), false, start)
    }

    /// Whether `<(` or `>(` starts here.
    pub(super) fn at_process_sub(&self) -> bool {
        matches!(self.peek(), Some(b'<' | b'>')) && self.peek_at(1) == Some(b'(')
    }

    /// Parses a redirection if one starts here (with its optional `N` or `{name}` prefix).
    pub(super) fn try_redirect(&mut self) -> Result<Option<Redirect>, ParseError> {
        if !matches!(self.peek(), Some(b'<' | b'>' | b'&' | b'{' | b'0'..=b'9')) {
            return Ok(None);
        }
        let start = self.mark();
        let mut fd = None;
        let digits = self.src[self.pos..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let after = self.src.get(self.pos + digits).copied();
        if digits > 0 && matches!(after, Some(b'<' | b'>')) {
            let n = std::str::from_utf8(&self.src[self.pos..self.pos + digits])
                .ok()
                .and_then(|s| s.parse::<u32>().ok());
            match n {
                Some(n) => fd = Some(RedirectFd::Number(n)),
                // Too large for a descriptor: bash reads it as a word.
                None => return Ok(None),
            }
            self.skip(digits);
        } else if self.peek() == Some(b'{') {
            let rest = &self.src[self.pos + 1..];
            let len = rest.iter().take_while(|&&c| super::is_name_byte(c)).count();
            if len > 0
                && rest.get(len) == Some(&b'}')
                && matches!(rest.get(len + 1), Some(b'<' | b'>'))
                && super::is_name_start(rest[0])
            {
                fd = Some(RedirectFd::Variable(Text::from(&rest[..len])));
                self.skip(len + 2);
            }
        }
        if self.at_process_sub() {
            self.reset(start);
            return Ok(None);
        }
        let ops: &[(&[u8], RedirectOp)] = &[
            (b"&>>", RedirectOp::AppendBoth),
            (b"<<<", RedirectOp::HereString),
            (b"<<-", RedirectOp::HereDoc),
            (b"&>", RedirectOp::WriteBoth),
            (b">>", RedirectOp::Append),
            (b"<<", RedirectOp::HereDoc),
            (b">&", RedirectOp::DupWrite),
            (b"<&", RedirectOp::DupRead),
            (b"<>", RedirectOp::ReadWrite),
            (b">|", RedirectOp::Clobber),
            (b"<", RedirectOp::Read),
            (b">", RedirectOp::Write),
        ];
        let found = ops.iter().find(|(t, _)| self.starts_with(t));
        let Some(&(text, op)) = found else {
            self.reset(start);
            return Ok(None);
        };
        if fd.is_some() && text.starts_with(b"&") {
            // `2&>x` is the word `2` then `&` (a background separator).
            self.reset(start);
            return Ok(None);
        }
        self.bump_n(text.len());
        self.skip_blanks();
        match self.peek() {
            Some(c) if !is_meta(c) || self.at_process_sub() => {}
            _ => return Err(self.unexpected_token()),
        }
        let target = if op == RedirectOp::HereDoc {
            RedirectTarget::HereDoc(self.heredoc_target(text == b"<<-", start)?)
        } else {
            RedirectTarget::Word(self.parse_word(super::word::WordContext::Normal)?)
        };
        Ok(Some(Redirect {
            fd,
            op,
            target,
            span: self.span_from(start),
        }))
    }

    /// Reads a here-document delimiter and queues the body for the next newline.
    fn heredoc_target(&mut self, strip_tabs: bool, start: Mark) -> Result<HereDoc, ParseError> {
        let word_start = self.pos;
        self.parse_word(super::word::WordContext::Pattern)?;
        let raw = self.src[word_start..self.pos].to_vec();
        let (delimiter, quoted) = remove_quotes(&raw);
        let index = self.heredoc_bodies.len();
        self.heredoc_bodies.push(None);
        self.pending_heredocs.push(heredoc::Pending {
            index,
            delimiter: delimiter.clone(),
            quoted,
            strip_tabs,
            line: start.line,
        });
        Ok(HereDoc {
            delimiter: Text(delimiter),
            delimiter_raw: Text(raw),
            quoted,
            strip_tabs,
            body: heredoc::placeholder(index),
        })
    }

    /// Reads an unquoted run of word bytes (for names after `for`, `function`, `coproc`).
    fn read_plain_word(&mut self) -> Option<Vec<u8>> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_meta(c) || matches!(c, b'\\' | b'\'' | b'"' | b'$' | b'`') {
                break;
            }
            self.bump();
        }
        (self.pos > start).then(|| self.src[start..self.pos].to_vec())
    }

    /// Substitutes aliases for the word here while it names one: the first word of an alias's
    /// value is itself checked (`ll` → `ls -l` → `ls -F -l`), but never an alias already being
    /// expanded.
    fn expand_alias_here(&mut self) -> Result<(), ParseError> {
        self.alias_next_word = false;
        let mut next_word = false;
        while self.expand_one_alias()? {
            next_word |= self.alias_next_word;
        }
        self.alias_next_word = next_word;
        Ok(())
    }

    /// Substitutes one alias here; whether it did.
    fn expand_one_alias(&mut self) -> Result<bool, ParseError> {
        let Some(resolver) = self.aliases.clone() else {
            return Ok(false);
        };
        self.active_aliases.retain(|(_, end)| *end > self.pos);
        let start = self.pos;
        let mut end = start;
        while end < self.src.len() && !is_meta(self.src[end]) {
            if matches!(self.src[end], b'\\' | b'\'' | b'"' | b'$' | b'`') {
                return Ok(false);
            }
            end += 1;
        }
        let name = self.src[start..end].to_vec();
        if name.is_empty() || self.active_aliases.iter().any(|(n, _)| *n == name) {
            return Ok(false);
        }
        let Some(value) = resolver.resolve(&name) else {
            return Ok(false);
        };
        let delta = value.len() as isize - name.len() as isize;
        for (_, e) in &mut self.active_aliases {
            *e = (*e as isize + delta) as usize;
        }
        self.alias_next_word = value.last().is_some_and(|&c| c == b' ' || c == b'\t');
        self.src.splice(start..end, value.iter().copied());
        self.active_aliases.push((name, start + value.len()));
        if self.src.len() > self.options.max_input_bytes {
            return Err(self.error(ParseErrorKind::TooLarge(self.options.max_input_bytes)));
        }
        Ok(true)
    }
}

/// The name of a function defined as `name()`: a word without quotes or expansions.
fn simple_name(arg: &Argument) -> Option<Vec<u8>> {
    match arg {
        Argument::Word(w) => w.as_literal().map(<[u8]>::to_vec),
        Argument::Assignment(_) => None,
    }
}

/// Splits the text of `for ((init; cond; step))` at its two top-level semicolons, giving
/// each piece with its offset; the error is bash's message when there are not exactly three.
fn split_arith_for(text: &[u8]) -> Result<[(usize, &[u8]); 3], &'static str> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut quote = None;
    for (i, &c) in text.iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"' | b'`') => quote = Some(c),
            (None, b'(') => depth += 1,
            (None, b')') => depth = depth.saturating_sub(1),
            (None, b';') if depth == 0 => cuts.push(i),
            _ => {}
        }
    }
    match cuts.as_slice() {
        [a, b] => Ok([
            (0, &text[..*a]),
            (a + 1, &text[a + 1..*b]),
            (b + 1, &text[b + 1..]),
        ]),
        [] | [_] => Err("arithmetic expression required"),
        _ => Err("`;' unexpected"),
    }
}

/// Bash's quote removal on a here-document delimiter: the text without quotes and
/// backslashes, and whether any quoting was present.
fn remove_quotes(raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(raw.len());
    let mut quoted = false;
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\\' if i + 1 < raw.len() => {
                quoted = true;
                out.push(raw[i + 1]);
                i += 2;
            }
            q @ (b'\'' | b'"') => {
                quoted = true;
                i += 1;
                while i < raw.len() && raw[i] != q {
                    if q == b'"' && raw[i] == b'\\' && i + 1 < raw.len() {
                        i += 1;
                    }
                    out.push(raw[i]);
                    i += 1;
                }
                i += 1;
            }
            b'$' if matches!(raw.get(i + 1), Some(b'\'' | b'"')) => {
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, quoted)
}
