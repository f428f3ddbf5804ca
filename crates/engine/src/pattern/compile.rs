//! From pieces to a program: the raw pattern string bash would build, then a tree of nodes.
//!
//! The parser reads the raw string the way bash's matcher does (backslash escapes, `[` that
//! is literal when unterminated, extglob groups found by bash's bracket- and paren-counting
//! scan), so malformed patterns behave as in bash; the tree is then matched declaratively.

use super::bracket::{self, Bracket};
use super::text::fold;
use super::{Pattern, PatternError, PatternPiece};

/// The pattern string bash's matcher sees: unquoted text as it is, each quoted character
/// preceded by a backslash (bash's `quote_string_for_globbing`).
pub(crate) fn raw_pattern(pieces: &[PatternPiece<'_>]) -> Vec<u8> {
    let mut raw = Vec::new();
    for piece in pieces {
        match piece {
            PatternPiece::Glob(text) => raw.extend_from_slice(text),
            PatternPiece::Literal(text) => {
                // One backslash per character, not per byte, so that a quoted multibyte
                // character stays valid UTF-8.
                let mut rest: &[u8] = text;
                while !rest.is_empty() {
                    let len = utf8_char_len(rest);
                    raw.push(b'\\');
                    raw.extend_from_slice(&rest[..len]);
                    rest = &rest[len..];
                }
            }
        }
    }
    raw
}

/// The length of the UTF-8 character at the start of `s`, or 1 for an invalid byte.
pub(crate) fn utf8_char_len(s: &[u8]) -> usize {
    let want = match s[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return 1,
    };
    if s.len() >= want && std::str::from_utf8(&s[..want]).is_ok() {
        want
    } else {
        1
    }
}

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    /// A literal character (already folded when matching without case).
    Char(u32),
    /// A character compared exactly even without case: the rest of a pattern after an
    /// unterminated extglob group, which bash compares as a plain string.
    Exact(u32),
    /// `?`
    Any,
    /// `*` (runs of stars are one node).
    Star,
    /// `[…]`
    Bracket(Box<Bracket>),
    /// `?(…)` `*(…)` `+(…)` `@(…)` `!(…)`
    Group(Box<Group>),
}

/// An extglob group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    pub op: GroupOp,
    pub alts: Vec<Vec<Node>>,
}

/// The operator of an extglob group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupOp {
    /// `?(…)`
    ZeroOrOne,
    /// `*(…)`
    ZeroOrMore,
    /// `+(…)`
    OneOrMore,
    /// `@(…)`
    One,
    /// `!(…)`
    Not,
}

/// A pattern compiled for one way of reading characters.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    pub nodes: Vec<Node>,
    /// The bytes to search for when the pattern is plain literal text (matched with case).
    pub literal: Option<Vec<u8>>,
    /// An extglob group was unterminated, so the rest of the pattern is literal text.
    pub unterminated: bool,
}

impl Program {
    pub fn compile(
        raw: &[u8],
        utf8: bool,
        extglob: bool,
        nocase: bool,
        pathname: bool,
    ) -> Result<Program, PatternError> {
        let units: Vec<u32> = if utf8 {
            String::from_utf8_lossy(raw)
                .chars()
                .map(u32::from)
                .collect()
        } else {
            raw.iter().map(|&b| u32::from(b)).collect()
        };
        let parser = Parser {
            u: &units,
            utf8,
            extglob,
            nocase,
            pathname,
            unterminated: std::cell::Cell::new(false),
        };
        let nodes = parser.seq(0, units.len(), 0)?;
        let literal = if nocase {
            None
        } else {
            literal_bytes(&nodes, utf8)
        };
        Ok(Program {
            nodes,
            literal,
            unterminated: parser.unterminated.get(),
        })
    }
}

/// The text a pattern of only literal characters matches.
fn literal_bytes(nodes: &[Node], utf8: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for node in nodes {
        let (Node::Char(c) | Node::Exact(c)) = node else {
            return None;
        };
        if utf8 {
            let ch = char::from_u32(*c)?;
            out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
        } else {
            out.push(u8::try_from(*c).ok()?);
        }
    }
    Some(out)
}

const BACKSLASH: u32 = b'\\' as u32;

/// Reads the raw pattern, as units (characters or bytes).
struct Parser<'a> {
    u: &'a [u32],
    utf8: bool,
    extglob: bool,
    nocase: bool,
    pathname: bool,
    unterminated: std::cell::Cell<bool>,
}

impl Parser<'_> {
    fn at(&self, i: usize, end: usize) -> Option<u32> {
        if i < end {
            Some(self.u[i])
        } else {
            None
        }
    }

    fn fold(&self, c: u32) -> u32 {
        if self.nocase {
            fold(c, self.utf8)
        } else {
            c
        }
    }

    /// Parses `u[a..b]` into a sequence of nodes.
    fn seq(&self, a: usize, b: usize, depth: usize) -> Result<Vec<Node>, PatternError> {
        let mut nodes = Vec::new();
        let mut i = a;
        while i < b {
            let c = self.u[i];
            if self.extglob && is_ext_op(c) && self.at(i + 1, b) == Some(u32::from(b'(')) {
                match self.group(c, i + 2, b, depth)? {
                    Some((group, next)) => {
                        nodes.push(Node::Group(Box::new(group)));
                        i = next;
                        continue;
                    }
                    None => {
                        // Bash compares the rest of the pattern, from the operator on, with
                        // the rest of the text as a plain string (backslashes included).
                        self.unterminated.set(true);
                        nodes.extend(self.u[i..b].iter().map(|&c| Node::Exact(c)));
                        return Ok(nodes);
                    }
                }
            }
            match char::from_u32(c) {
                Some('\\') => {
                    // A trailing backslash matches a backslash (bash 5.2).
                    let lit = self.at(i + 1, b).unwrap_or(BACKSLASH);
                    nodes.push(Node::Char(self.fold(lit)));
                    i += 2;
                }
                Some('*') => {
                    if nodes.last() != Some(&Node::Star) {
                        nodes.push(Node::Star);
                    }
                    i += 1;
                }
                Some('?') => {
                    nodes.push(Node::Any);
                    i += 1;
                }
                Some('[') => {
                    let parsed =
                        bracket::parse(self.u, i + 1, b, self.nocase, self.utf8, self.pathname);
                    match parsed {
                        Some((br, next)) => {
                            nodes.push(Node::Bracket(Box::new(br)));
                            i = next;
                        }
                        None => {
                            nodes.push(Node::Char(u32::from(b'[')));
                            i += 1;
                        }
                    }
                }
                _ => {
                    nodes.push(Node::Char(self.fold(c)));
                    i += 1;
                }
            }
        }
        Ok(nodes)
    }

    /// Parses the group whose operator is `op` and whose text starts at `start` (after the
    /// `(`). Returns the group and the index after its `)`, or `None` when unterminated.
    fn group(
        &self,
        op: u32,
        start: usize,
        end: usize,
        depth: usize,
    ) -> Result<Option<(Group, usize)>, PatternError> {
        let Some(after) = self.patscan(start, end, false) else {
            return Ok(None);
        };
        if depth >= Pattern::MAX_DEPTH {
            return Err(PatternError::TooDeep);
        }
        let mut alts = Vec::new();
        let mut sub = start;
        loop {
            let next = self.patscan(sub, end, true).unwrap_or(after).min(after);
            alts.push(self.seq(sub, next - 1, depth + 1)?);
            if next >= after {
                break;
            }
            sub = next;
        }
        let op = match char::from_u32(op) {
            Some('?') => GroupOp::ZeroOrOne,
            Some('*') => GroupOp::ZeroOrMore,
            Some('+') => GroupOp::OneOrMore,
            Some('@') => GroupOp::One,
            _ => GroupOp::Not,
        };
        Ok(Some((Group { op, alts }, after)))
    }

    /// Bash's `PATSCAN`: from `start`, finds the `)` closing the current group (or, with
    /// `bar`, the first `|` at the group's top level), skipping backslash escapes and bracket
    /// expressions and counting nested parentheses. Returns the index after it.
    fn patscan(&self, start: usize, end: usize, bar: bool) -> Option<usize> {
        if start >= end {
            return None;
        }
        let mut parens = 0usize;
        let mut in_bracket = false;
        let mut bracket_first = None;
        let mut s = start;
        while s < end {
            match char::from_u32(self.u[s]) {
                Some('\\') => s += 1,
                Some('[') => {
                    if !in_bracket {
                        let mut first = s + 1;
                        if matches!(
                            self.at(first, end).and_then(char::from_u32),
                            Some('!' | '^')
                        ) {
                            first += 1;
                        }
                        bracket_first = Some(first);
                        in_bracket = true;
                    } else if let Some(close) =
                        bracket::subbracket_end(self.u, s + 1, end, self.pathname)
                    {
                        s = close + 2;
                        continue;
                    }
                }
                Some(']') if in_bracket && bracket_first != Some(s) => {
                    in_bracket = false;
                    bracket_first = None;
                }
                Some('(') if !in_bracket => parens += 1,
                Some(')') if !in_bracket => {
                    if parens == 0 {
                        return Some(s + 1);
                    }
                    parens -= 1;
                }
                Some('|') if !in_bracket && parens == 0 && bar => return Some(s + 1),
                _ => {}
            }
            s += 1;
        }
        None
    }
}

fn is_ext_op(c: u32) -> bool {
    matches!(char::from_u32(c), Some('?' | '*' | '+' | '@' | '!'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(raw: &str, extglob: bool) -> Vec<Node> {
        Program::compile(raw.as_bytes(), true, extglob, false, false)
            .unwrap()
            .nodes
    }

    fn c(ch: char) -> Node {
        Node::Char(u32::from(ch))
    }

    #[test]
    fn raw_escapes_each_quoted_character() {
        let raw = raw_pattern(&[
            PatternPiece::Glob(b"a*"),
            PatternPiece::Literal("*é".as_bytes()),
            PatternPiece::Literal(b"\xff"),
        ]);
        assert_eq!(raw, b"a*\\*\\\xc3\xa9\\\xff");
    }

    #[test]
    fn basic_nodes() {
        assert_eq!(
            nodes("a**?\\*", false),
            vec![c('a'), Node::Star, Node::Any, c('*')]
        );
        assert_eq!(nodes("a\\", false), vec![c('a'), c('\\')]);
        assert_eq!(nodes("[ab", false), vec![c('['), c('a'), c('b')]);
    }

    #[test]
    fn groups_nest_and_split_on_top_level_bars() {
        let n = nodes("@(a|b[|]c|+(x|y))", true);
        let Node::Group(g) = &n[0] else {
            panic!("{n:?}")
        };
        assert_eq!(g.op, GroupOp::One);
        assert_eq!(g.alts.len(), 3);
        assert!(matches!(g.alts[1][1], Node::Bracket(_)));
        assert!(matches!(&g.alts[2][0], Node::Group(inner) if inner.alts.len() == 2));
    }

    #[test]
    fn escaped_bar_is_not_a_separator_and_unterminated_groups_are_literal() {
        let n = nodes("@(a\\|b)", true);
        let Node::Group(g) = &n[0] else {
            panic!("{n:?}")
        };
        assert_eq!(g.alts, vec![vec![c('a'), c('|'), c('b')]]);
        let n = nodes("x@(a*", true);
        assert_eq!(n[0], c('x'));
        assert!(n[1..].iter().all(|n| matches!(n, Node::Exact(_))));
        assert_eq!(n.len(), 5);
        // Without extglob the group syntax is ordinary text.
        assert_eq!(nodes("@(a)", false), vec![c('@'), c('('), c('a'), c(')')]);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "@(".repeat(Pattern::MAX_DEPTH + 1) + &")".repeat(Pattern::MAX_DEPTH + 1);
        let err = Program::compile(deep.as_bytes(), true, true, false, false).unwrap_err();
        assert_eq!(err, PatternError::TooDeep);
        let ok = "@(".repeat(Pattern::MAX_DEPTH) + &")".repeat(Pattern::MAX_DEPTH);
        assert!(Program::compile(ok.as_bytes(), true, true, false, false).is_ok());
    }
}
