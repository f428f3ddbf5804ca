//! The syntax tree back to canonical bash text.
//!
//! The printer writes text that parses back to the same tree (spans aside): words keep their
//! parts and quoting exactly as the tree records them, with only the backslashes their context
//! needs, and here-document bodies follow the line that holds their redirection.
//!
//! Layout: each complete command of a [`Program`] goes on its own line, the items of its
//! [`List`] joined by `; ` or ` & `. Compound commands span several lines with a two-space indent
//! (`if c; then`, the body, `fi`), except subshells, written `( a; b )`. Case patterns always get
//! their opening parenthesis and arms their terminator. A here-document body follows the newline
//! that ends the line of its redirection; inside `$(…)` the body is closed before the `)`.
//! A body that does not end with a newline (one cut short by the end of the script) gets one,
//! since its delimiter must stand on a line of its own.
//!
//! ```
//! use vbash_syntax::{parse, print};
//!
//! let tree = parse(b"if [[ -n $x ]]; then cat <<EOF; fi\nhi $x\nEOF\n").unwrap();
//! let text = print::program(&tree);
//! assert_eq!(text, "if [[ -n $x ]]; then\n  cat <<EOF\nhi $x\nEOF\nfi\n");
//! assert_eq!(print::program(&parse(text.as_bytes()).unwrap()), text);
//! ```

use std::mem;

use crate::ast::{
    AndOrOp, Argument, ArrayElement, AssignValue, Assignment, BraceExpansion, CaseTerminator,
    Command, CommandSub, CompoundCommand, CondExpr, HereDoc, List, ParamExpansion, ParamOp,
    Parameter, Pipeline, Program, Redirect, RedirectFd, RedirectOp, RedirectTarget, ReplaceMode,
    SimpleCommand, Subscript, TimeFormat, Word, WordPart,
};

/// Prints a whole script: each complete command on its own line, ending with a newline and
/// followed by the bodies of its here-documents.
pub fn program(p: &Program) -> String {
    String::from_utf8_lossy(&program_bytes(p)).into_owned()
}

/// Like [`program`], but as bytes, so text that is not UTF-8 comes out unchanged.
pub fn program_bytes(p: &Program) -> Vec<u8> {
    let mut pr = Printer::default();
    for l in &p.commands {
        pr.inline_list(l);
        pr.newline();
    }
    pr.out
}

/// Prints one complete command on one line. When it has here-documents the line is ended and
/// their bodies follow, so the text ends with a newline; otherwise it has none.
pub fn list(l: &List) -> String {
    print_with(|pr| pr.inline_list(l))
}

/// Prints one pipeline stage, with here-document bodies as for [`list`].
pub fn command(c: &Command) -> String {
    print_with(|pr| pr.command(c))
}

/// Prints a word as it stands as an argument of a simple command.
pub fn word(w: &Word) -> String {
    print_with(|pr| pr.word(w))
}

/// Runs `f` on a new printer, then ends the line if here-documents are waiting.
fn print_with<'a>(f: impl FnOnce(&mut Printer<'a>)) -> String {
    let mut pr = Printer::default();
    f(&mut pr);
    if !pr.pending.is_empty() {
        pr.newline();
    }
    String::from_utf8_lossy(&pr.out).into_owned()
}

/// Where literal text is printed, which decides the backslashes it needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Outside double quotes, or anywhere the parser keeps literal text as written.
    Unquoted,
    /// Inside `"…"` or `$"…"`.
    Double,
    /// In the body of a here-document whose delimiter is not quoted.
    HereDoc,
}

/// Words the parser takes as reserved when they stand first in a command.
const RESERVED: &str = "if then else elif fi do done case esac while until for select function \
                        time coproc { } ! [[ ]] in";

/// The text being built, with the here-documents waiting for the end of the line.
#[derive(Default)]
struct Printer<'a> {
    out: Vec<u8>,
    indent: usize,
    pending: Vec<&'a HereDoc>,
}

impl<'a> Printer<'a> {
    fn put(&mut self, b: impl AsRef<[u8]>) {
        self.out.extend_from_slice(b.as_ref());
    }

    fn puts(&mut self, pieces: &[&[u8]]) {
        pieces.iter().for_each(|p| self.put(p));
    }

    fn word(&mut self, w: &'a Word) {
        self.parts(&w.parts, Ctx::Unquoted);
    }

    /// Each of `items` printed by `f`, with `sep` between them.
    fn sep_by<T>(&mut self, items: &'a [T], sep: &str, mut f: impl FnMut(&mut Self, &'a T)) {
        for (i, x) in items.iter().enumerate() {
            self.put(if i > 0 { sep } else { "" });
            f(self, x);
        }
    }

    /// `w` between `open` and `close`.
    /// `$((…))`, or bash's older `$[…]` when the expression's parentheses do not balance (it
    /// came from `$[…]`, and `$((` would not read back).
    fn arithmetic(&mut self, w: &'a Word) {
        let start = self.out.len();
        self.around("$((", w, "))");
        let body = &self.out[start + 3..self.out.len() - 2];
        let mut depth = 0i64;
        let balanced = body.iter().all(|&c| {
            match c {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            depth >= 0
        }) && depth == 0;
        if !balanced {
            let body = body.to_vec();
            self.out.truncate(start);
            self.put("$[");
            self.out.extend_from_slice(&body);
            self.put("]");
        }
    }

    fn around(&mut self, open: &str, w: &'a Word, close: &str) {
        self.put(open);
        self.word(w);
        self.put(close);
    }

    /// Ends the line: writes the waiting here-document bodies, then the next line's indent.
    fn newline(&mut self) {
        self.out.push(b'\n');
        for doc in mem::take(&mut self.pending) {
            let start = self.out.len();
            let ctx = if doc.quoted {
                Ctx::Unquoted
            } else {
                Ctx::HereDoc
            };
            // Indented, the lines of commands substituted in the body match no delimiter.
            self.indent += 1;
            self.parts(&doc.body.parts, ctx);
            self.indent -= 1;
            if self.out.len() > start && self.out.last() != Some(&b'\n') {
                self.out.push(b'\n');
            }
            // A delimiter holding a newline can never stand on a line of its own: such a body
            // ran to the end of the text, and so must the printed one.
            if !doc.delimiter.contains(&b'\n') {
                self.puts(&[&doc.delimiter, b"\n"]);
            }
        }
        for _ in 0..self.indent {
            self.put("  ");
        }
    }

    /// A program inside `$(…)`, `` `…` `` or `<(…)`: complete commands on separate lines, its
    /// here-documents closed at the end.
    fn nested_program(&mut self, p: &'a Program) {
        let saved = mem::take(&mut self.pending);
        for (i, l) in p.commands.iter().enumerate() {
            if i > 0 {
                self.newline();
            }
            self.inline_list(l);
        }
        if !self.pending.is_empty() {
            self.newline();
        }
        self.pending = saved;
    }

    /// A program after `$(`, `<(` or `>(`, kept from running into a `((`.
    fn paren_program(&mut self, open: &str, p: &'a Program) {
        self.put(open);
        let start = self.out.len();
        self.nested_program(p);
        if self.out.get(start) == Some(&b'(') {
            self.out.insert(start, b' ');
            self.put(" ");
        }
        self.put(")");
    }

    /// The items of a list on one line, joined by `; ` or ` & `.
    fn inline_list(&mut self, l: &'a List) {
        for (i, item) in l.items.iter().enumerate() {
            if i > 0 {
                self.put(if l.items[i - 1].background { " " } else { "; " });
            }
            self.and_or(item);
        }
    }

    /// An inline list followed by a reserved word such as `then` or `do`.
    fn list_then(&mut self, l: &'a List, keyword: &str) {
        self.inline_list(l);
        let bg = l.items.last().is_some_and(|i| i.background);
        self.puts(&[if bg { b" " } else { b"; " }, keyword.as_bytes()]);
    }

    /// Each item of a list on a new line.
    fn items(&mut self, l: &'a List) {
        for item in &l.items {
            self.newline();
            self.and_or(item);
        }
    }

    /// A list as an indented block, then a newline back at the outer indent.
    fn block(&mut self, l: &'a List) {
        self.indent += 1;
        self.items(l);
        self.indent -= 1;
        self.newline();
    }

    fn and_or(&mut self, item: &'a crate::ast::ListItem) {
        self.pipeline(&item.and_or.first);
        for (op, p) in &item.and_or.rest {
            self.put(if *op == AndOrOp::And { " && " } else { " || " });
            self.pipeline(p);
        }
        if item.background {
            self.put(" &");
        }
    }

    fn pipeline(&mut self, p: &'a Pipeline) {
        let mut wrote = false;
        if let Some(t) = p.time {
            self.put(if t == TimeFormat::Posix {
                "time -p"
            } else {
                "time"
            });
            // `time -- -p` runs a command named `-p`.
            if p.bang == 0
                && matches!(p.commands.first(), Some(Command::Simple(s))
                if s.assignments.is_empty() && matches!(s.words.first(),
                    Some(Argument::Word(w)) if matches!(w.as_literal(), Some(b"-p" | b"--"))))
            {
                self.put(" --");
            }
            wrote = true;
        }
        for _ in 0..p.bang {
            self.put(if wrote { " !" } else { "!" });
            wrote = true;
        }
        for (i, c) in p.commands.iter().enumerate() {
            if i > 0 {
                let stderr = p.pipe_stderr.get(i - 1).copied().unwrap_or(false);
                self.put(if stderr { " |& " } else { " | " });
            } else if wrote && !is_empty_command(c) {
                self.put(" ");
            }
            self.command(c);
        }
    }

    fn command(&mut self, c: &'a Command) {
        match c {
            Command::Simple(s) => self.simple(s),
            Command::Compound(cc, redirects) => {
                self.compound(cc);
                for r in redirects {
                    self.put(" ");
                    self.redirect(r);
                }
            }
            Command::Function(f) if f.keyword => {
                let brace = matches!(&f.body, Command::Compound(cc, _)
                    if matches!(**cc, CompoundCommand::BraceGroup(_)));
                self.puts(&[b"function ", &f.name, if brace { b" " } else { b"() " }]);
                self.command(&f.body);
            }
            Command::Function(f) => {
                self.puts(&[&f.name, b"() "]);
                self.command(&f.body);
            }
            Command::Coproc(c) => {
                self.put("coproc ");
                if let Some(name) = &c.name {
                    self.puts(&[name, b" "]);
                }
                self.command(&c.body);
            }
        }
    }

    fn simple(&mut self, s: &'a SimpleCommand) {
        // A reserved word standing first is an ordinary word only after something else, so the
        // redirections (which the tree keeps apart) go first then.
        let reserved = s.assignments.is_empty()
            && matches!(s.words.first(), Some(Argument::Word(w))
                if matches!(w.parts.first(), Some(WordPart::Literal(t)) if t.starts_with(b"}")
                    || w.parts.len() == 1 && RESERVED.split(' ').any(|r| r.as_bytes() == &t[..])));
        let none: &[Redirect] = &[];
        let (before, after) = if reserved {
            (&s.redirects[..], none)
        } else {
            (none, &s.redirects[..])
        };
        let start = self.out.len();
        for r in before {
            self.redirect(r);
            self.put(" ");
        }
        for a in &s.assignments {
            self.assignment(a);
            self.put(" ");
        }
        for w in &s.words {
            match w {
                Argument::Word(w) => self.word(w),
                Argument::Assignment(a) => self.assignment(a),
            }
            self.put(" ");
        }
        for r in after {
            self.redirect(r);
            self.put(" ");
        }
        if self.out.len() > start {
            self.out.pop(); // the space after the last piece
        }
    }

    fn assignment(&mut self, a: &'a Assignment) {
        self.put(&a.name[..]);
        if let Some(i) = &a.index {
            self.around("[", i, "]");
        }
        self.put(if a.append { "+=" } else { "=" });
        match &a.value {
            AssignValue::Scalar(w) => self.word(w),
            AssignValue::Array(elements) => {
                self.put("(");
                self.sep_by(elements, " ", |pr, e| match e {
                    ArrayElement::Value(w) => pr.word(w),
                    ArrayElement::Keyed { key, append, value } => {
                        pr.around("[", key, if *append { "]+=" } else { "]=" });
                        pr.word(value);
                    }
                });
                self.put(")");
            }
        }
    }

    fn redirect(&mut self, r: &'a Redirect) {
        match &r.fd {
            Some(RedirectFd::Number(n)) => self.put(n.to_string()),
            Some(RedirectFd::Variable(v)) => self.puts(&[b"{", v, b"}"]),
            None => {}
        }
        self.put(match r.op {
            RedirectOp::Read => "<",
            RedirectOp::Write => ">",
            RedirectOp::Append => ">>",
            RedirectOp::Clobber => ">|",
            RedirectOp::ReadWrite => "<>",
            RedirectOp::DupRead => "<&",
            RedirectOp::DupWrite => ">&",
            RedirectOp::WriteBoth => "&>",
            RedirectOp::AppendBoth => "&>>",
            RedirectOp::HereDoc => "<<",
            RedirectOp::HereString => "<<<",
        });
        match &r.target {
            RedirectTarget::Word(w) => {
                // `> >(cmd)` and `< <(cmd)` must not run together into `>>` or `<<`.
                if matches!(w.parts.first(), Some(WordPart::ProcessSub(_))) {
                    self.put(" ");
                }
                self.word(w);
            }
            RedirectTarget::HereDoc(h) => {
                if h.strip_tabs {
                    self.put("-");
                }
                if h.delimiter_raw.first() == Some(&b'-') {
                    self.put(" ");
                }
                self.put(&h.delimiter_raw[..]);
                self.pending.push(h);
            }
        }
    }

    fn compound(&mut self, c: &'a CompoundCommand) {
        match c {
            CompoundCommand::BraceGroup(l) => {
                self.put("{");
                self.block(l);
                self.put("}");
            }
            CompoundCommand::Subshell(l) => {
                self.put("( ");
                self.inline_list(l);
                self.put(" )");
            }
            CompoundCommand::If {
                branches,
                else_body,
            } => {
                for (i, (cond, body)) in branches.iter().enumerate() {
                    self.put(if i == 0 { "if " } else { "elif " });
                    self.list_then(cond, "then");
                    self.block(body);
                }
                if let Some(e) = else_body {
                    self.put("else");
                    self.block(e);
                }
                self.put("fi");
            }
            CompoundCommand::While {
                until,
                condition,
                body,
            } => {
                self.put(if *until { "until " } else { "while " });
                self.list_then(condition, "do");
                self.block(body);
                self.put("done");
            }
            CompoundCommand::For {
                variable,
                words,
                body,
            }
            | CompoundCommand::Select {
                variable,
                words,
                body,
            } => {
                let select = matches!(c, CompoundCommand::Select { .. });
                self.puts(&[if select { b"select " } else { b"for " }, variable]);
                if let Some(words) = words {
                    self.put(" in");
                    self.sep_by(words, "", |pr, w| pr.around(" ", w, ""));
                }
                self.put("; do");
                self.block(body);
                self.put("done");
            }
            CompoundCommand::ArithFor {
                init,
                condition,
                step,
                body,
            } => {
                self.around("for ((", init, ";");
                self.around("", condition, ";");
                self.around("", step, ")); do");
                self.block(body);
                self.put("done");
            }
            CompoundCommand::Case { word, arms } => {
                self.put("case ");
                self.word(word);
                self.put(" in");
                self.indent += 1;
                for arm in arms {
                    // The opening parenthesis keeps `(esac)` a pattern, and parentheses
                    // balanced for scanners that count them (`$(( $(case …) ))`).
                    self.newline();
                    self.put("(");
                    self.sep_by(&arm.patterns, " | ", Self::word);
                    self.put(")");
                    self.indent += 1;
                    self.items(&arm.body);
                    self.newline();
                    self.put(match arm.terminator {
                        CaseTerminator::Break => ";;",
                        CaseTerminator::FallThrough => ";&",
                        CaseTerminator::Continue => ";;&",
                    });
                    self.indent -= 1;
                }
                self.indent -= 1;
                self.newline();
                self.put("esac");
            }
            CompoundCommand::Conditional(e) => {
                self.put("[[ ");
                self.cond(e);
                self.put(" ]]");
            }
            CompoundCommand::Arithmetic(w) => self.around("((", w, "))"),
        }
    }

    fn cond(&mut self, e: &'a CondExpr) {
        match e {
            CondExpr::And(a, b) | CondExpr::Or(a, b) => {
                self.cond(a);
                let and = matches!(e, CondExpr::And(..));
                self.put(if and { " && " } else { " || " });
                self.cond(b);
            }
            CondExpr::Not(a) => {
                self.put("! ");
                self.cond(a);
            }
            CondExpr::Group(a) => {
                self.put("( ");
                self.cond(a);
                self.put(" )");
            }
            CondExpr::Unary(op, w) => {
                self.puts(&[op, b" "]);
                self.word(w);
            }
            CondExpr::Binary(l, op, r) => {
                self.word(l);
                self.puts(&[b" ", op, b" "]);
                self.word(r);
            }
            CondExpr::Word(w) => self.word(w),
        }
    }

    fn parts(&mut self, parts: &'a [WordPart], ctx: Ctx) {
        for (i, p) in parts.iter().enumerate() {
            match p {
                WordPart::Literal(t) => self.literal(t, ctx, i + 1 == parts.len()),
                _ => self.part(p, ctx),
            }
        }
    }

    fn part(&mut self, p: &'a WordPart, ctx: Ctx) {
        match p {
            WordPart::Literal(t) => self.literal(t, ctx, false),
            WordPart::Escaped(t) => t.iter().for_each(|&b| self.put([b'\\', b])),
            WordPart::SingleQuoted(t) => self.puts(&[b"'", t, b"'"]),
            WordPart::DoubleQuoted(parts) | WordPart::Locale(parts) => {
                let locale = matches!(p, WordPart::Locale(_));
                self.put(if locale { "$\"" } else { "\"" });
                self.parts(parts, Ctx::Double);
                self.put("\"");
            }
            WordPart::AnsiC(t) => self.ansi_c(t),
            WordPart::Tilde(user) => self.puts(&[b"~", user]),
            WordPart::Param(pe) => self.param(pe),
            WordPart::CommandSub(cs) => self.command_sub(cs),
            WordPart::UnparsedBackquote(t) => self.backquoted(t),
            WordPart::Arithmetic(w) => self.arithmetic(w),
            WordPart::ProcessSub(ps) => {
                self.paren_program(if ps.output { ">(" } else { "<(" }, &ps.program);
            }
            WordPart::Brace(b) => match &**b {
                BraceExpansion::List(alternatives) => {
                    self.put("{");
                    self.sep_by(alternatives, ",", |pr, alt| pr.parts(alt, ctx));
                    self.put("}");
                }
                BraceExpansion::Sequence { start, end, step } => {
                    self.puts(&[b"{", start, b"..", end]);
                    if let Some(step) = step {
                        self.puts(&[b"..", step]);
                    }
                    self.put("}");
                }
            },
            WordPart::ExtGlob(g) => {
                self.put([g.op, b'(']);
                self.sep_by(&g.alternatives, "|", |pr, alt| pr.parts(alt, ctx));
                self.put(")");
            }
        }
    }

    /// Literal text with the backslashes its context needs and no more. `last` is set when no
    /// other part follows, so that a final `$` meets the closing quote and stays literal.
    fn literal(&mut self, t: &[u8], ctx: Ctx, last: bool) {
        let dq = match ctx {
            Ctx::Unquoted => return self.put(t),
            Ctx::Double => true,
            Ctx::HereDoc => false,
        };
        for (i, &b) in t.iter().enumerate() {
            let next = t.get(i + 1).copied();
            let escape = match b {
                b'`' => true,
                b'"' => dq,
                b'\\' => next
                    .is_none_or(|n| matches!(n, b'$' | b'`' | b'\\' | b'\n') || (dq && n == b'"')),
                b'$' => next.map_or(!last, |n| {
                    n.is_ascii_alphanumeric() || b"_{([@*#?-$!".contains(&n)
                }),
                _ => false,
            };
            if escape {
                self.out.push(b'\\');
            }
            self.out.push(b);
        }
    }

    /// `$'…'` that bash decodes back to `t`.
    fn ansi_c(&mut self, t: &[u8]) {
        self.put("$'");
        for chunk in t.utf8_chunks() {
            for ch in chunk.valid().chars() {
                match ch {
                    '\\' => self.put("\\\\"),
                    // Not `\'`: scanners that skip quoted text know nothing of `$'…'`.
                    '\'' => self.put("\\x27"),
                    '\n' => self.put("\\n"),
                    '\t' => self.put("\\t"),
                    '\r' => self.put("\\r"),
                    '\x1b' => self.put("\\E"),
                    // `\x` takes at most two hex digits, so what follows is never taken in.
                    c if c.is_ascii_control() => self.put(format!("\\x{:02x}", c as u8)),
                    c => self.put(c.encode_utf8(&mut [0; 4]).as_bytes()),
                }
            }
            for b in chunk.invalid() {
                self.put(format!("\\x{b:02x}"));
            }
        }
        self.put("'");
    }

    fn param(&mut self, pe: &'a ParamExpansion) {
        if !pe.braced {
            self.put("$");
            return self.parameter(&pe.param);
        }
        if let ParamOp::Bad(t) = &pe.op {
            return self.puts(&[b"${", t, b"}"]);
        }
        self.put("${");
        if pe.op == ParamOp::Length {
            self.put("#");
        }
        if pe.indirect || matches!(pe.op, ParamOp::PrefixNames { .. } | ParamOp::Keys { .. }) {
            self.put("!");
        }
        self.parameter(&pe.param);
        match &pe.op {
            ParamOp::None | ParamOp::Length | ParamOp::Bad(_) => {}
            ParamOp::Default { colon, word } => self.op_word(*colon, "-", word),
            ParamOp::Assign { colon, word } => self.op_word(*colon, "=", word),
            ParamOp::Error { colon, word } => self.op_word(*colon, "?", word),
            ParamOp::Alternative { colon, word } => self.op_word(*colon, "+", word),
            ParamOp::RemovePrefix { longest, pattern } => {
                self.op_word(false, if *longest { "##" } else { "#" }, pattern);
            }
            ParamOp::RemoveSuffix { longest, pattern } => {
                self.op_word(false, if *longest { "%%" } else { "%" }, pattern);
            }
            ParamOp::Replace {
                mode,
                pattern,
                replacement,
            } => {
                let op = match mode {
                    ReplaceMode::First => "/",
                    ReplaceMode::All => "//",
                    ReplaceMode::Prefix => "/#",
                    ReplaceMode::Suffix => "/%",
                };
                self.op_word(false, op, pattern);
                if let Some(r) = replacement {
                    self.op_word(false, "/", r);
                }
            }
            ParamOp::Substring { offset, length } => {
                self.put(":");
                let start = self.out.len();
                self.word(offset);
                // `${x:-1}` would be a default value: keep the offset apart.
                if matches!(self.out.get(start), Some(b'-' | b'=' | b'?' | b'+')) {
                    self.out.insert(start, b' ');
                }
                if let Some(len) = length {
                    self.op_word(false, ":", len);
                }
            }
            ParamOp::Case { conv, all, pattern } => {
                self.put([conv.op()]);
                if *all {
                    self.put([conv.op()]);
                }
                if let Some(p) = pattern {
                    self.word(p);
                }
            }
            ParamOp::Transform(c) => self.put([b'@', *c]),
            ParamOp::PrefixNames { star } => self.put(if *star { "*" } else { "@" }),
            ParamOp::Keys { star } => self.put(if *star { "[*]" } else { "[@]" }),
        }
        self.put("}");
    }

    /// An operator of `${…}` (after a colon when `colon`) and its word.
    fn op_word(&mut self, colon: bool, op: &str, w: &'a Word) {
        self.put(if colon { ":" } else { "" });
        self.put(op);
        self.word(w);
    }

    /// The parameter's name (with its subscript), number or special character.
    fn parameter(&mut self, p: &'a Parameter) {
        match p {
            Parameter::Named { name, index } => {
                self.put(&name[..]);
                match index {
                    Some(Subscript::At) => self.put("[@]"),
                    Some(Subscript::Star) => self.put("[*]"),
                    Some(Subscript::Expr(w)) => self.around("[", w, "]"),
                    None => {}
                }
            }
            Parameter::Positional(n) => self.put(n.to_string()),
            Parameter::Special(c) => self.put([*c]),
        }
    }

    fn command_sub(&mut self, cs: &'a CommandSub) {
        if !cs.backquoted {
            return self.paren_program("$(", &cs.program);
        }
        let start = self.out.len();
        self.nested_program(&cs.program);
        let inner = self.out.split_off(start);
        self.backquoted(&inner);
    }

    /// `` `…` `` around `inner`. Bash drops the backslash before `\`, `` ` `` and `$` inside
    /// backquotes before it parses the text, so one goes before each.
    fn backquoted(&mut self, inner: &[u8]) {
        self.put("`");
        for &b in inner {
            if matches!(b, b'\\' | b'`' | b'$') {
                self.out.push(b'\\');
            }
            self.out.push(b);
        }
        self.put("`");
    }
}

/// `true` for the empty stage of a bare `time` or `!`.
fn is_empty_command(c: &Command) -> bool {
    matches!(c, Command::Simple(s)
        if s.assignments.is_empty() && s.words.is_empty() && s.redirects.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{ListItem, SimpleCommand};
    use crate::text::Text;

    fn lit(s: &str) -> WordPart {
        WordPart::Literal(Text::from(s))
    }

    fn w(parts: Vec<WordPart>) -> Word {
        Word {
            parts,
            ..Default::default()
        }
    }

    fn simple(words: &[&str], redirects: Vec<Redirect>) -> Command {
        let words = words
            .iter()
            .map(|s| Argument::Word(w(vec![lit(s)])))
            .collect();
        let span = Default::default();
        let assignments = vec![];
        Command::Simple(SimpleCommand {
            assignments,
            words,
            redirects,
            span,
        })
    }

    /// A list item running `c`.
    fn item(c: Command) -> ListItem {
        let mut item = crate::parse(b"x")
            .unwrap()
            .commands
            .remove(0)
            .items
            .remove(0);
        item.and_or.first.commands = vec![c];
        item
    }

    fn redirect(op: RedirectOp, target: RedirectTarget) -> Redirect {
        let span = Default::default();
        Redirect {
            fd: None,
            op,
            target,
            span,
        }
    }

    fn heredoc(raw: &str, quoted: bool, body: Vec<WordPart>) -> Redirect {
        let delimiter = Text::from(raw.trim_matches('\''));
        let (delimiter_raw, strip_tabs, body) = (Text::from(raw), false, w(body));
        let doc = HereDoc {
            delimiter,
            delimiter_raw,
            quoted,
            strip_tabs,
            body,
        };
        redirect(RedirectOp::HereDoc, RedirectTarget::HereDoc(doc))
    }

    fn param(op: ParamOp) -> WordPart {
        let param = Parameter::Named {
            name: Text::from("x"),
            index: None,
        };
        let (braced, indirect) = (op != ParamOp::None, false);
        WordPart::Param(Box::new(ParamExpansion {
            param,
            braced,
            indirect,
            op,
        }))
    }

    #[test]
    fn quoting() {
        let parts = vec![
            WordPart::Escaped(Text::from("* ")),
            WordPart::SingleQuoted("q".into()),
        ];
        assert_eq!(word(&w(parts)), r"\*\ 'q'");
        let dq = WordPart::DoubleQuoted(vec![lit("a\"$b\\c\\$"), param(ParamOp::None)]);
        assert_eq!(word(&w(vec![dq])), r#""a\"\$b\c\\\$$x""#);
        let dq = WordPart::DoubleQuoted(vec![lit("a$ \\n$")]);
        assert_eq!(word(&w(vec![dq])), r#""a$ \n$""#);
        let ansi = WordPart::AnsiC(Text(b"it's\n\x01\x1b\xff\\\xc3\xa9".to_vec()));
        assert_eq!(word(&w(vec![ansi])), r"$'it\x27s\n\x01\E\xff\\é'");
        assert_eq!(
            word(&w(vec![WordPart::Tilde("u".into()), lit("/x")])),
            "~u/x"
        );
    }

    #[test]
    fn parameters() {
        let (offset, length) = (w(vec![lit("-1")]), Some(w(vec![lit("2")])));
        let (mode, pattern, replacement) =
            (ReplaceMode::Prefix, w(vec![lit("a")]), Some(w(vec![])));
        let (colon, word) = (true, w(vec![WordPart::SingleQuoted("d".into())]));
        let ops = [
            ParamOp::None,
            ParamOp::Substring { offset, length },
            ParamOp::Replace {
                mode,
                pattern,
                replacement,
            },
            ParamOp::Default { colon, word },
            ParamOp::Keys { star: true },
            ParamOp::PrefixNames { star: false },
            ParamOp::Length,
            ParamOp::Transform(b'Q'),
            ParamOp::Bad(Text::from("x.y")),
        ];
        let text: Vec<String> = ops
            .into_iter()
            .map(|op| super::word(&w(vec![param(op)])))
            .collect();
        let expected = "$x ${x: -1:2} ${x/#a/} ${x:-'d'} ${!x[*]} ${!x@} ${#x} ${x@Q} ${x.y}";
        assert_eq!(text.join(" "), expected);
    }

    #[test]
    fn here_documents() {
        let body = vec![lit("a $ \\ ` \"\n"), param(ParamOp::None), lit("\n")];
        let cat = simple(&["cat"], vec![heredoc("E", false, body)]);
        let program = Program {
            commands: vec![List {
                items: vec![item(cat)],
            }],
        };
        let sub = WordPart::CommandSub(Box::new(CommandSub {
            program,
            backquoted: false,
        }));
        let echo = Command::Simple(SimpleCommand {
            words: vec![
                Argument::Word(w(vec![lit("echo")])),
                Argument::Word(w(vec![sub])),
            ],
            ..Default::default()
        });
        assert_eq!(command(&echo), "echo $(cat <<E\na $ \\ \\` \"\n$x\nE\n)");
        let quoted = simple(&["cat"], vec![heredoc("'E'", true, vec![lit("$x `\\")])]);
        let l = List {
            items: vec![item(quoted.clone()), item(quoted)],
        };
        assert_eq!(list(&l), "cat <<'E'; cat <<'E'\n$x `\\\nE\n$x `\\\nE\n");
    }

    #[test]
    fn layout() {
        // `if` after a redirection is a plain word: the redirection must stay first.
        let target = RedirectTarget::Word(w(vec![lit("x")]));
        let c = simple(&["if", "a"], vec![redirect(RedirectOp::Write, target)]);
        assert_eq!(command(&c), ">x if a");
        let program = crate::parse(b"echo \"\\$x\" `b`").unwrap();
        let bq = WordPart::CommandSub(Box::new(CommandSub {
            program,
            backquoted: true,
        }));
        assert_eq!(word(&w(vec![bq])), r#"`echo "\\\$x" \`b\``"#);
        let text = "while a; do\n  case $x in\n    (a | b)\n      c &\n      ;;&\n  esac\ndone\n";
        assert_eq!(
            super::program(&crate::parse(text.as_bytes()).unwrap()),
            text
        );
    }

    fn strip_spans(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("span");
                m.values_mut().for_each(strip_spans);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip_spans),
            _ => {}
        }
    }

    fn tree(p: &Program) -> serde_json::Value {
        let mut v = serde_json::to_value(p).expect("serializable");
        strip_spans(&mut v);
        v
    }

    /// Parses, prints, parses the text again and compares the trees; printing the second tree
    /// must give the same text. `None` when `src` itself does not parse.
    fn round_trip(src: &[u8], options: &crate::ParseOptions) -> Option<String> {
        let first = crate::parse_with(src, options).ok()?;
        let printed = program_bytes(&first);
        let text = String::from_utf8_lossy(&printed).into_owned();
        let second = crate::parse_with(&printed, options)
            .unwrap_or_else(|e| panic!("reparse of {text:?}: {e}"));
        assert_eq!(tree(&first), tree(&second), "printed as\n{text}");
        assert_eq!(program_bytes(&second), printed, "not stable");
        Some(text)
    }

    /// One script a line, `¶` standing for a newline and `⇥` for a tab.
    const SCRIPTS: &str = r#"
echo hi¶a=1 b=2 env¶echo a; echo b & echo c &¶x &¶y
a && b || c; ! a | b |& c; ! ! a; a &&¶b ||¶¶c
time -p a | b; time ! a; time; time -- -p; time -p -- --; time -- a¶!
if a; then b; elif c; then d; else e; fi; if a & then b; fi; if ! a; then :; fi
while read x; do echo "$x"; done <f; until false; do :; done; while ! a; do :; done
for x in a 'b c' "$d"; do echo $x; done; for x; do :; done; for x in; do :; done
for ((i = 0; i < 3; i++)); do echo $i; done; for ((;;)); do break; done
select x in a b; do break; done; select x; do :; done
case $x in a|b) echo ab;; (c) ;& *) echo d;;& esac
case x in (esac) e;; esac; case x in esac; case x in a) esac
case $x in 'a') ;; \)) ;; "b|c"|d) x ;; *) esac
{ a; b; } >out 2>&1; ( a; b ) | c; ( (a) ); while :; do { a & } ; done
((x = 1 + 2)); ((a[1]++)); ((a) ); ((a); (b))
[[ -f $f && ! -d $f || $a == b* ]]; [[ ( a < b ) && c =~ ^x(y|z)+$ ]]
[[ '-f' == x ]]; [[ ! ]]; [[ $a =~ (a b) ]]; [[ -v a[1] ]]; [[ a -lt 3 ]]
[[ $x == @(a|b) && -n "$y" && ( -f a ) ]]
f() { echo f; }; function g { echo g; } >log; function h() ( echo h )
function f() { :; }; f() { g() { :; }; }
coproc cat; coproc NAME { cat; }; coproc { a; } >x
! { a; }; time { a; }
echo \* \' a\ b; echo a\ \ b '' ""; echo "a"'b'c\ d""''
echo 'single' "dq $x ${y} \$ \" \\ \` `cmd`" $'ansi\n\t\x01\'\\' $"loc $x"
echo ~ ~user ~/x a=~; x=~/a:~/b; PATH=~/bin:$PATH:~x; echo ~+ ~-
echo $1 $@ $* $# $? $- $$ $! $0 ${10}
echo ${x:-d} ${x-d} ${x:=a} ${x?e} ${x:+alt} ${#x} ${!x} ${x[@]} ${x[*]} ${x[i+1]}
echo ${x#p} ${x##p} ${x%s} ${x%%s} ${x/a/b} ${x//a} ${x/#a/b} ${x/%a/}
echo ${x:1} ${x:1:2} ${x: -1} ${x::2} ${x^} ${x^^a} ${x,} ${x,,[A-Z]} ${x@Q}
echo ${!pre*} ${!pre@} ${!arr[@]} ${!arr[*]} ${#arr[@]} ${@:2} ${##}
echo ${!} ${#} ${$} ${-} ${#-} ${x[@]:1:2} ${x[-1]} ${x["k"]} ${x[$i]}
echo ${x:-"a b"} "${x:-'q'}" ${x:-'q'} "${x#'a'}" ${x:-a\}b}
echo ${x/\//_} ${x:-$(echo hi)} ${x:-`echo hi`} ${x//\//\\}
echo ${a.b} ${x:} ${x:-{a}} ${x:-}}
echo ${x:-"$(echo "a b")"} "${x/"a"/b}"
echo "${a[@]}" "${a[$i]}" "${#a[@]}" "$@" "${@}" "$*"
echo $(echo a; echo b) $( (sub) ) $((1 + (2 * 3))) $[1+2]
echo $(( "1" + 2 )) $(( a ? b : c )) $((x<<2)) $((a[1]+2)) $(( $(echo 1) + 2 ))
echo `echo \`inner\`` "`echo \"q\"`"; echo `echo $HOME \$HOME`
echo "`echo \"a\\\"b\"`"; echo `echo \\\\`; echo "`echo \`date\``"
echo `(`; echo "$(echo "nested $(echo deep)")"
echo $(case x in a) echo;; esac); x=$(¶  a¶  b¶)
diff <(a) >(b) < <(c); while read -r l; do :; done < <(cmd) > >(cat)
echo {a,b,c} x{1..5}y {a..e..2} {,x} {a,{b,c}}; for i in {1..3} {a,b}{c,d}; do :; done
echo *.rs ?x [a-z]* a{b \{a,b\}; shopt -s extglob
a[1]=x b[i+1]+=y c=(1 [k]=v [j]+=w 'q') d=(); a=(¶  1 # one¶  2¶)
declare -a x=(1 2) y=$z; local q; local -r x=1; export A=1 B; eval a=1 b; let a=1+2 b; readonly y
a[$i]=1 a["x y"]=2 x+=(a b); declare -A m=([a]=1 ["b c"]=2)
echo 2>err 1>&2 3<&- {fd}>f &>all &>>all >|c <>rw <<<'here'; cmd &>/dev/null &
exec {fd}>&- 2>&- >&2 >&file 3<&0; f >x <y 2>>z; echo x >$(echo f) 2>"$e"
cat <<EOF¶hello $x `y` \$ \\ \` $(z)¶EOF
cat <<'EOF'¶raw $x `y` \¶⇥EOF¶EOF
cat <<-EOF¶⇥indented¶⇥EOF
cat <<"E"F; cat <<X¶a¶EF¶b¶X
a=$(cat <<EOF¶in sub¶EOF¶)
if true; then cat <<EOF; fi¶body¶EOF
cat <<EOF | while read l; do echo $l; done¶x¶EOF
f() {¶  cat <<EOF¶  $1¶EOF¶}
echo <(cat <<EOF¶ps¶EOF¶)
cat <<A¶$(cat <<B¶b¶B¶)¶A
echo `cat <<EOF¶in bq $x¶EOF¶`
( cat <<EOF )¶x¶EOF
cat <<EOF¶"q" 'q' ${x:-"a"} \"¶EOF
cat <<A <<B¶a¶A¶b¶B
cat << -END¶x¶-END
cat <<EOF¶EOF
cat <<EOF¶a\¶b \x¶EOF
x=$(cat <<done¶$(while a; do b; done)¶done¶)
cat <<}¶$(f() { :; })¶}
echo a\¶b; ec\¶ho hi
echo "line1¶line2" 'x¶y'
>out if; a=1 then; echo if then fi; 2>/dev/null {; >x }; >x if; >y time; { echo }; }
x=1¶y=2¶¶echo $x$y
echo $ a$ "$" "a$"; echo a#b '#' x # comment
echo "\a" "'" "$'x'"; printf "%s\n" "a\tb" "\d" "x\\" "\\$x"
trap 'echo "bye"' EXIT
echo $a[1] ${a}b $1x
echo {a,$'\x27'} $'it\'s'
echo $'\xc3\xa9 \u00e9 \e[0m \a\v\f\b \x7f \cA \0 \''
"#;

    fn scripts() -> impl Iterator<Item = String> {
        SCRIPTS
            .lines()
            .skip(1)
            .map(|l| l.replace('¶', "\n").replace('⇥', "\t"))
    }

    /// Runs `round_trip` on each text, returning those that fail. Texts that do not parse are
    /// skipped unless `must_parse`.
    fn failures(
        texts: impl Iterator<Item = String>,
        options: &crate::ParseOptions,
        must_parse: bool,
    ) -> Vec<String> {
        let mut failed = Vec::new();
        for text in texts {
            let result = std::panic::catch_unwind(|| round_trip(text.as_bytes(), options));
            match result {
                Ok(Some(_)) => {}
                Ok(None) => assert!(!must_parse, "does not parse: {text:?}"),
                Err(_) => failed.push(text),
            }
        }
        failed
    }

    #[test]
    fn round_trips() {
        let failed = failures(scripts(), &Default::default(), true);
        assert!(failed.is_empty(), "{} failed: {failed:#?}", failed.len());
        let extglob = crate::ParseOptions {
            extglob: true,
            ..Default::default()
        };
        let globs = [
            "echo @(a|b) !(*.o) +(x) ?(y|$z) *(\"q\")",
            "case $x in @(a|b)) ;; esac",
        ];
        let failed = failures(globs.into_iter().map(String::from), &extglob, true);
        assert!(failed.is_empty(), "{failed:#?}");
        let bytes = b"echo \xff\xfe $'\\xff' '\xc3' \"\xe9$x\"\ncat <<E\n\xff\nE\n";
        let text = round_trip(bytes, &Default::default()).unwrap();
        assert!(
            program_bytes(&crate::parse(bytes).unwrap()).starts_with(b"echo \xff\xfe $'\\xff' ")
        );
        assert!(text.contains('\u{fffd}'));
    }

    /// Every script again inside other constructs, when the result parses.
    #[test]
    fn round_trips_nested() {
        let wrappers = [
            "f() {\n%\n}",
            "if x; then\n%\nfi",
            "case x in a)\n%\n;; esac",
            "( %\n) >o | while x; do\n%\ndone",
            "echo $(%\n) \"$(%\n)\" <(%\n)",
            "x=$(%\n) y",
            "cat <<E\n$(%\n)\nE",
            "{ %\n} | cat",
        ];
        let mut texts: Vec<String> = wrappers
            .iter()
            .flat_map(|w| scripts().map(move |s| w.replace('%', &s)))
            .collect();
        for s in scripts() {
            // Bash drops a backslash before `\`, `` ` `` and `$` inside backquotes.
            let escaped: String = s
                .chars()
                .flat_map(|c| {
                    matches!(c, '\\' | '`' | '$')
                        .then_some('\\')
                        .into_iter()
                        .chain([c])
                })
                .collect();
            texts.push(format!("echo `{escaped}` \"`{escaped}`\""));
        }
        let options = crate::ParseOptions {
            extglob: true,
            ..Default::default()
        };
        let failed = failures(texts.into_iter(), &options, false);
        assert!(failed.is_empty(), "{} failed: {failed:#?}", failed.len());
    }
}
