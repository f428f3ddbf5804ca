//! Functions printed as bash prints them (`type f`, `declare -f f`): `f () ` on its own line, the
//! body as a brace group, four spaces of indent per level, `;` after each command of a block
//! but the last, `elif` written as a nested `if` in the `else`.
//!
//! Words come out as the parser recorded them (via `vbash_syntax::print::word`), which is the
//! text as written in all common cases.

use vbash_syntax::ast::{
    AndOrOp, Argument, ArrayElement, AssignValue, Assignment, CaseTerminator, Command,
    CompoundCommand, CondExpr, FunctionDef, HereDoc, List, ListItem, Pipeline, Redirect,
    RedirectFd, RedirectOp, RedirectTarget, SimpleCommand, Word, WordPart,
};
use vbash_syntax::print;

/// `name () \n{ \n    body\n}` as bash prints a function definition.
pub(crate) fn function(def: &FunctionDef) -> Vec<u8> {
    let mut p = Printer::default();
    p.put(&def.name[..]);
    p.put(b" () \n");
    match &def.body {
        Command::Compound(cc, redirects) if matches!(**cc, CompoundCommand::BraceGroup(_)) => {
            p.compound(cc);
            p.redirects(redirects);
        }
        other => {
            // bash wraps any other body in a group.
            p.put(b"{ ");
            p.indent += 1;
            p.newline();
            p.command(other);
            p.indent -= 1;
            p.newline();
            p.put(b"}");
        }
    }
    p.flush_heredocs();
    p.out
}

#[derive(Default)]
struct Printer<'a> {
    out: Vec<u8>,
    indent: usize,
    heredocs: Vec<&'a HereDoc>,
}

impl<'a> Printer<'a> {
    fn put(&mut self, b: impl AsRef<[u8]>) {
        self.out.extend_from_slice(b.as_ref());
    }

    fn word(&mut self, w: &Word) {
        // bash turns `$'…'` into `'…'` when it reads it; the rest is printed as written.
        if !w.parts.iter().any(|p| matches!(p, WordPart::AnsiC(_))) {
            let text = print::word(w);
            self.put(text.as_bytes());
            return;
        }
        for part in &w.parts {
            match part {
                WordPart::AnsiC(t) => self.put(crate::quote::quote(t)),
                other => {
                    let one = Word {
                        parts: vec![other.clone()],
                        span: w.span,
                    };
                    let text = print::word(&one);
                    self.put(text.as_bytes());
                }
            }
        }
    }

    /// Ends the line (writing pending here-document bodies) and indents the next.
    fn newline(&mut self) {
        self.out.push(b'\n');
        if !self.heredocs.is_empty() {
            // The bodies follow the line, and bash leaves an empty line after them.
            self.flush_heredocs();
            self.out.push(b'\n');
        }
        for _ in 0..self.indent {
            self.put(b"    ");
        }
    }

    fn flush_heredocs(&mut self) {
        for doc in std::mem::take(&mut self.heredocs) {
            if self.out.last() != Some(&b'\n') {
                self.out.push(b'\n');
            }
            let body = print::word(&doc.body);
            self.put(body.as_bytes());
            if !body.is_empty() && !body.ends_with('\n') {
                self.out.push(b'\n');
            }
            self.put(&doc.delimiter[..]);
            self.out.push(b'\n');
        }
    }

    /// The items of a block: `;` after each but the last (unless `terminate`), one per line;
    /// a background item is followed by ` &` and the next on the same line.
    fn items(&mut self, l: &'a List, terminate: bool) {
        let n = l.items.len();
        for (i, item) in l.items.iter().enumerate() {
            self.and_or(item);
            let last = i + 1 == n;
            if item.background {
                self.put(b" &");
                if !last {
                    self.put(b" ");
                }
            } else {
                // No `;` after a command whose here-document bodies follow it.
                if (!last || terminate) && self.heredocs.is_empty() {
                    self.put(b";");
                }
                if !last {
                    self.newline();
                }
            }
        }
    }

    fn and_or(&mut self, item: &'a ListItem) {
        self.pipeline(&item.and_or.first);
        for (op, p) in &item.and_or.rest {
            self.put(match op {
                AndOrOp::And => " && ",
                AndOrOp::Or => " || ",
            });
            self.pipeline(p);
        }
    }

    fn pipeline(&mut self, p: &'a Pipeline) {
        if p.time.is_some() {
            self.put(b"time ");
        }
        for _ in 0..p.bang {
            self.put(b"! ");
        }
        for (i, c) in p.commands.iter().enumerate() {
            if i > 0 {
                if p.pipe_stderr.get(i - 1).copied().unwrap_or(false) {
                    self.put(b" 2>&1");
                }
                self.put(b" | ");
            }
            self.command(c);
        }
    }

    fn command(&mut self, c: &'a Command) {
        match c {
            Command::Simple(s) => self.simple(s),
            Command::Compound(cc, redirects) => {
                self.compound(cc);
                self.redirects(redirects);
            }
            Command::Function(def) => {
                let text = function(def);
                self.put(&text);
            }
            Command::Coproc(co) => {
                self.put(b"coproc ");
                match &co.name {
                    Some(n) => self.put(&n[..]),
                    None => self.put(b"COPROC"),
                }
                self.put(b" ");
                self.command(&co.body);
            }
        }
    }

    fn simple(&mut self, s: &'a SimpleCommand) {
        let mut first = true;
        let mut sep = |p: &mut Self| {
            if !std::mem::take(&mut first) {
                p.put(b" ");
            }
        };
        for a in &s.assignments {
            sep(self);
            self.assignment(a);
        }
        for w in &s.words {
            sep(self);
            match w {
                Argument::Word(w) => self.word(w),
                Argument::Assignment(a) => self.assignment(a),
            }
        }
        for r in &s.redirects {
            sep(self);
            self.redirect(r);
        }
    }

    fn assignment(&mut self, a: &Assignment) {
        self.put(&a.name[..]);
        if let Some(i) = &a.index {
            self.put(b"[");
            self.word(i);
            self.put(b"]");
        }
        self.put(if a.append { "+=" } else { "=" });
        match &a.value {
            AssignValue::Scalar(w) => self.word(w),
            AssignValue::Array(elements) => {
                self.put(b"(");
                for (i, e) in elements.iter().enumerate() {
                    if i > 0 {
                        self.put(b" ");
                    }
                    match e {
                        ArrayElement::Value(w) => self.word(w),
                        ArrayElement::Keyed { key, append, value } => {
                            self.put(b"[");
                            self.word(key);
                            self.put(if *append { "]+=" } else { "]=" });
                            self.word(value);
                        }
                    }
                }
                self.put(b")");
            }
        }
    }

    fn redirects(&mut self, redirects: &'a [Redirect]) {
        for r in redirects {
            self.put(b" ");
            self.redirect(r);
        }
    }

    fn redirect(&mut self, r: &'a Redirect) {
        let dup = matches!(r.op, RedirectOp::DupRead | RedirectOp::DupWrite);
        let closing = dup && matches!(&r.target, RedirectTarget::Word(w) if print::word(w) == "-");
        match &r.fd {
            Some(RedirectFd::Number(n)) => self.put(n.to_string()),
            Some(RedirectFd::Variable(v)) => {
                self.put(b"{");
                self.put(&v[..]);
                self.put(b"}");
            }
            // bash names the descriptor of a duplication (`>&2` is `1>&2`, `<&-` is `0>&-`).
            None if r.op == RedirectOp::DupRead => self.put(b"0"),
            None if r.op == RedirectOp::DupWrite => self.put(b"1"),
            None => {}
        }
        let op = match r.op {
            RedirectOp::Read => "<",
            RedirectOp::Write => ">",
            RedirectOp::Append => ">>",
            RedirectOp::Clobber => ">|",
            RedirectOp::ReadWrite => "<>",
            RedirectOp::DupRead if closing => ">&",
            RedirectOp::DupRead => "<&",
            RedirectOp::DupWrite => ">&",
            RedirectOp::WriteBoth => "&>",
            RedirectOp::AppendBoth => "&>>",
            RedirectOp::HereDoc => "<<",
            RedirectOp::HereString => "<<<",
        };
        self.put(op);
        match &r.target {
            RedirectTarget::Word(w) => {
                if !dup {
                    self.put(b" ");
                }
                self.word(w);
            }
            RedirectTarget::HereDoc(h) => {
                if h.strip_tabs {
                    self.put(b"-");
                }
                self.put(&h.delimiter_raw[..]);
                self.heredocs.push(h);
            }
        }
    }

    /// A list as the condition of `if`/`while`: its items on lines of their own, no `;` after
    /// the last.
    fn condition(&mut self, l: &'a List) {
        self.items(l, false);
    }

    /// A block body one level in: each command ends with `;`.
    fn body(&mut self, l: &'a List) {
        self.indent += 1;
        self.newline();
        self.items(l, true);
        self.indent -= 1;
        self.newline();
    }

    fn words(&mut self, words: &Option<Vec<Word>>) {
        match words {
            None => self.put(b" in \"$@\""),
            Some(ws) => {
                self.put(b" in");
                for w in ws {
                    self.put(b" ");
                    self.word(w);
                }
            }
        }
    }

    fn compound(&mut self, c: &'a CompoundCommand) {
        match c {
            CompoundCommand::BraceGroup(l) => {
                self.put(b"{ ");
                self.indent += 1;
                self.newline();
                self.items(l, false);
                self.indent -= 1;
                self.newline();
                self.put(b"}");
            }
            CompoundCommand::Subshell(l) => {
                self.put(b"( ");
                self.items(l, false);
                self.put(b" )");
            }
            CompoundCommand::If {
                branches,
                else_body,
            } => self.if_chain(branches, else_body.as_ref()),
            CompoundCommand::While {
                until,
                condition,
                body,
            } => {
                self.put(if *until { "until " } else { "while " });
                self.condition(condition);
                self.put(b"; do");
                self.body(body);
                self.put(b"done");
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
                let kw = if matches!(c, CompoundCommand::For { .. }) {
                    "for "
                } else {
                    "select "
                };
                self.put(kw);
                self.put(&variable[..]);
                self.words(words);
                self.put(b";");
                self.newline();
                self.put(b"do");
                self.body(body);
                self.put(b"done");
            }
            CompoundCommand::ArithFor {
                init,
                condition,
                step,
                body,
            } => {
                self.put(b"for ((");
                for (i, w) in [init, condition, step].into_iter().enumerate() {
                    if i > 0 {
                        self.put(b"; ");
                    }
                    let text = print::word(w);
                    self.put(text.trim().as_bytes());
                }
                self.put(b"))");
                self.newline();
                self.put(b"do");
                self.body(body);
                self.put(b"done");
            }
            CompoundCommand::Case { word, arms } => {
                self.put(b"case ");
                self.word(word);
                self.put(b" in ");
                self.indent += 1;
                for arm in arms {
                    self.newline();
                    for (i, p) in arm.patterns.iter().enumerate() {
                        if i > 0 {
                            self.put(b" | ");
                        }
                        self.word(p);
                    }
                    self.put(b")");
                    self.indent += 1;
                    self.newline();
                    if arm.body.items.is_empty() {
                        // bash leaves the line empty, without indent.
                        while self.out.last() == Some(&b' ') {
                            self.out.pop();
                        }
                    }
                    self.items(&arm.body, false);
                    self.indent -= 1;
                    self.newline();
                    self.put(match arm.terminator {
                        CaseTerminator::Break => ";;",
                        CaseTerminator::FallThrough => ";&",
                        CaseTerminator::Continue => ";;&",
                    });
                }
                self.indent -= 1;
                self.newline();
                self.put(b"esac");
            }
            CompoundCommand::Conditional(e) => {
                self.put(b"[[ ");
                self.cond(e);
                self.put(b" ]]");
            }
            CompoundCommand::Arithmetic(w) => {
                self.put(b"((");
                self.word(w);
                self.put(b"))");
            }
        }
    }

    /// `if … then … else if … fi fi`: bash prints `elif` as an `if` nested in `else`.
    fn if_chain(&mut self, branches: &'a [(List, List)], else_body: Option<&'a List>) {
        let Some(((cond, then), rest)) = branches.split_first() else {
            return;
        };
        self.put(b"if ");
        self.condition(cond);
        self.put(b"; then");
        self.body(then);
        if !rest.is_empty() {
            self.put(b"else");
            self.indent += 1;
            self.newline();
            self.if_chain(rest, else_body);
            self.put(b";");
            self.indent -= 1;
            self.newline();
        } else if let Some(e) = else_body {
            self.put(b"else");
            self.body(e);
        }
        self.put(b"fi");
    }

    fn cond(&mut self, e: &CondExpr) {
        match e {
            CondExpr::And(a, b) | CondExpr::Or(a, b) => {
                self.cond(a);
                let and = matches!(e, CondExpr::And(..));
                self.put(if and { " && " } else { " || " });
                self.cond(b);
            }
            CondExpr::Not(a) => {
                self.put(b"! ");
                self.cond(a);
            }
            CondExpr::Group(a) => {
                self.put(b"( ");
                self.cond(a);
                self.put(b" )");
            }
            CondExpr::Unary(op, w) => {
                self.put(&op[..]);
                self.put(b" ");
                self.word(w);
            }
            CondExpr::Binary(l, op, r) => {
                self.word(l);
                self.put(b" ");
                self.put(&op[..]);
                self.put(b" ");
                self.word(r);
            }
            CondExpr::Word(w) => self.word(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(src: &str) -> String {
        let program = vbash_syntax::parse(src.as_bytes()).unwrap();
        let Command::Function(def) = &program.commands[0].items[0].and_or.first.commands[0] else {
            panic!("not a function");
        };
        String::from_utf8(function(def)).unwrap()
    }

    #[test]
    fn like_bash() {
        assert_eq!(
            show("f1() { echo a; echo b & echo c; }"),
            "f1 () \n{ \n    echo a;\n    echo b & echo c\n}"
        );
        assert_eq!(
            show("f3() { if a; then b; elif c; then d; else e; fi; }"),
            "f3 () \n{ \n    if a; then\n        b;\n    else\n        if c; then\n            d;\n        else\n            e;\n        fi;\n    fi\n}"
        );
        assert_eq!(
            show("f() { for x in a b; do :; done; }"),
            "f () \n{ \n    for x in a b;\n    do\n        :;\n    done\n}"
        );
        assert_eq!(show("g() { echo; } > out"), "g () \n{ \n    echo\n} > out");
    }
}
