//! Walking a syntax tree mutably.
//!
//! [`VisitMut`] has one method per kind of node; each defaults to the matching `walk_*`
//! function, which visits the node's children. Override the methods for the nodes you care
//! about and call `walk_*` from them to keep descending.
//!
//! ```
//! use vbash_syntax::ast::WordPart;
//! use vbash_syntax::visit::{walk_parts, VisitMut};
//!
//! /// Counts command substitutions, however deeply nested.
//! struct Count(usize);
//! impl VisitMut for Count {
//!     fn visit_parts(&mut self, parts: &mut [WordPart]) {
//!         self.0 += parts.iter().filter(|p| matches!(p, WordPart::CommandSub(_))).count();
//!         walk_parts(self, parts);
//!     }
//! }
//!
//! let mut program = vbash_syntax::parse(b"echo $(a $(b)) \"$(c)\"").unwrap();
//! let mut count = Count(0);
//! count.visit_program(&mut program);
//! assert_eq!(count.0, 3);
//! ```

use crate::ast::*;

/// A mutable walk over a syntax tree; see the [module docs](self).
pub trait VisitMut {
    /// A whole program.
    fn visit_program(&mut self, p: &mut Program) {
        walk_program(self, p);
    }
    /// A list of and-or chains.
    fn visit_list(&mut self, l: &mut List) {
        walk_list(self, l);
    }
    /// A pipeline.
    fn visit_pipeline(&mut self, p: &mut Pipeline) {
        walk_pipeline(self, p);
    }
    /// A command of a pipeline.
    fn visit_command(&mut self, c: &mut Command) {
        walk_command(self, c);
    }
    /// A compound command.
    fn visit_compound(&mut self, c: &mut CompoundCommand) {
        walk_compound(self, c);
    }
    /// A `[[ … ]]` expression.
    fn visit_cond(&mut self, e: &mut CondExpr) {
        walk_cond(self, e);
    }
    /// An assignment.
    fn visit_assignment(&mut self, a: &mut Assignment) {
        walk_assignment(self, a);
    }
    /// The redirections of one command.
    fn visit_redirects(&mut self, rs: &mut [Redirect]) {
        walk_redirects(self, rs);
    }
    /// One redirection.
    fn visit_redirect(&mut self, r: &mut Redirect) {
        walk_redirect(self, r);
    }
    /// A word.
    fn visit_word(&mut self, w: &mut Word) {
        walk_word(self, w);
    }
    /// The parts of a word (or of a quoted or brace piece of one).
    fn visit_parts(&mut self, parts: &mut [WordPart]) {
        walk_parts(self, parts);
    }
    /// A parameter expansion.
    fn visit_param(&mut self, pe: &mut ParamExpansion) {
        walk_param(self, pe);
    }
}

/// Walks the items of a list.
pub fn walk_list<V: VisitMut + ?Sized>(v: &mut V, list: &mut List) {
    for item in &mut list.items {
        v.visit_pipeline(&mut item.and_or.first);
        for (_, p) in &mut item.and_or.rest {
            v.visit_pipeline(p);
        }
    }
}

/// Walks the complete commands of a program.
pub fn walk_program<V: VisitMut + ?Sized>(v: &mut V, p: &mut Program) {
    for l in &mut p.commands {
        v.visit_list(l);
    }
}

/// Walks the stages of a pipeline.
pub fn walk_pipeline<V: VisitMut + ?Sized>(v: &mut V, p: &mut Pipeline) {
    for c in &mut p.commands {
        v.visit_command(c);
    }
}

/// Walks a command: its words, assignments, redirections and bodies.
pub fn walk_command<V: VisitMut + ?Sized>(v: &mut V, c: &mut Command) {
    match c {
        Command::Simple(s) => {
            for a in &mut s.assignments {
                v.visit_assignment(a);
            }
            for w in &mut s.words {
                match w {
                    Argument::Word(w) => v.visit_word(w),
                    Argument::Assignment(a) => v.visit_assignment(a),
                }
            }
            v.visit_redirects(&mut s.redirects);
        }
        Command::Compound(cc, redirects) => {
            v.visit_compound(cc);
            v.visit_redirects(redirects);
        }
        Command::Function(f) => v.visit_command(&mut f.body),
        Command::Coproc(c) => v.visit_command(&mut c.body),
    }
}

/// Walks a compound command's words and lists.
pub fn walk_compound<V: VisitMut + ?Sized>(v: &mut V, cc: &mut CompoundCommand) {
    match cc {
        CompoundCommand::BraceGroup(l) | CompoundCommand::Subshell(l) => v.visit_list(l),
        CompoundCommand::If {
            branches,
            else_body,
        } => {
            for (c, b) in branches {
                v.visit_list(c);
                v.visit_list(b);
            }
            if let Some(e) = else_body {
                v.visit_list(e);
            }
        }
        CompoundCommand::While {
            condition, body, ..
        } => {
            v.visit_list(condition);
            v.visit_list(body);
        }
        CompoundCommand::For { words, body, .. } | CompoundCommand::Select { words, body, .. } => {
            for w in words.iter_mut().flatten() {
                v.visit_word(w);
            }
            v.visit_list(body);
        }
        CompoundCommand::ArithFor {
            init,
            condition,
            step,
            body,
        } => {
            v.visit_word(init);
            v.visit_word(condition);
            v.visit_word(step);
            v.visit_list(body);
        }
        CompoundCommand::Case { word, arms } => {
            v.visit_word(word);
            for arm in arms {
                for p in &mut arm.patterns {
                    v.visit_word(p);
                }
                v.visit_list(&mut arm.body);
            }
        }
        CompoundCommand::Conditional(e) => v.visit_cond(e),
        CompoundCommand::Arithmetic(w) => v.visit_word(w),
    }
}

/// Walks a `[[ … ]]` expression.
pub fn walk_cond<V: VisitMut + ?Sized>(v: &mut V, e: &mut CondExpr) {
    match e {
        CondExpr::And(a, b) | CondExpr::Or(a, b) => {
            v.visit_cond(a);
            v.visit_cond(b);
        }
        CondExpr::Not(a) | CondExpr::Group(a) => v.visit_cond(a),
        CondExpr::Unary(_, w) | CondExpr::Word(w) => v.visit_word(w),
        CondExpr::Binary(a, _, b) => {
            v.visit_word(a);
            v.visit_word(b);
        }
    }
}

/// Walks an assignment's subscript and value.
pub fn walk_assignment<V: VisitMut + ?Sized>(v: &mut V, a: &mut Assignment) {
    if let Some(i) = &mut a.index {
        v.visit_word(i);
    }
    match &mut a.value {
        AssignValue::Scalar(w) => v.visit_word(w),
        AssignValue::Array(elems) => {
            for e in elems {
                match e {
                    ArrayElement::Value(w) => v.visit_word(w),
                    ArrayElement::Keyed { key, value, .. } => {
                        v.visit_word(key);
                        v.visit_word(value);
                    }
                }
            }
        }
    }
}

/// Walks each redirection.
pub fn walk_redirects<V: VisitMut + ?Sized>(v: &mut V, rs: &mut [Redirect]) {
    for r in rs {
        v.visit_redirect(r);
    }
}

/// Walks a redirection's target word or here-document body.
pub fn walk_redirect<V: VisitMut + ?Sized>(v: &mut V, r: &mut Redirect) {
    match &mut r.target {
        RedirectTarget::Word(w) => v.visit_word(w),
        RedirectTarget::HereDoc(doc) => v.visit_word(&mut doc.body),
    }
}

/// Walks a word's parts.
pub fn walk_word<V: VisitMut + ?Sized>(v: &mut V, w: &mut Word) {
    v.visit_parts(&mut w.parts);
}

/// Walks word parts, descending into quotes, expansions and substitutions.
pub fn walk_parts<V: VisitMut + ?Sized>(v: &mut V, parts: &mut [WordPart]) {
    for p in parts {
        match p {
            WordPart::DoubleQuoted(ps) | WordPart::Locale(ps) => v.visit_parts(ps),
            WordPart::Param(pe) => v.visit_param(pe),
            WordPart::CommandSub(cs) => v.visit_program(&mut cs.program),
            WordPart::Arithmetic(w) => v.visit_word(w),
            WordPart::ProcessSub(ps) => v.visit_program(&mut ps.program),
            WordPart::Brace(b) => {
                if let BraceExpansion::List(alts) = &mut **b {
                    for a in alts {
                        v.visit_parts(a);
                    }
                }
            }
            WordPart::ExtGlob(g) => {
                for a in &mut g.alternatives {
                    v.visit_parts(a);
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

/// Walks the words inside a parameter expansion.
pub fn walk_param<V: VisitMut + ?Sized>(v: &mut V, pe: &mut ParamExpansion) {
    if let Parameter::Named {
        index: Some(Subscript::Expr(w)),
        ..
    } = &mut pe.param
    {
        v.visit_word(w);
    }
    match &mut pe.op {
        ParamOp::Default { word, .. }
        | ParamOp::Assign { word, .. }
        | ParamOp::Error { word, .. }
        | ParamOp::Alternative { word, .. } => v.visit_word(word),
        ParamOp::RemovePrefix { pattern, .. } | ParamOp::RemoveSuffix { pattern, .. } => {
            v.visit_word(pattern)
        }
        ParamOp::Replace {
            pattern,
            replacement,
            ..
        } => {
            v.visit_word(pattern);
            if let Some(r) = replacement {
                v.visit_word(r);
            }
        }
        ParamOp::Substring { offset, length } => {
            v.visit_word(offset);
            if let Some(l) = length {
                v.visit_word(l);
            }
        }
        ParamOp::Case {
            pattern: Some(p), ..
        } => v.visit_word(p),
        _ => {}
    }
}
