//! Pathname-expansion rules outside the matcher proper: whether a word is a glob at all, and
//! bash's leading-dot checks on a file name (its `skipname`), which look at how each pattern
//! component starts.

use super::compile::{Group, GroupOp, Node};

/// Bash's `unquoted_glob_pattern_p` on the raw pattern: an unescaped `*` or `?`, a `[` with a
/// later `]`, or `+(`, `@(`, `!(`.
pub(crate) fn is_glob(raw: &[u8]) -> bool {
    let mut open = false;
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'?' | b'*' => return true,
            b'[' => open = true,
            b']' if open => return true,
            b'+' | b'@' | b'!' if raw.get(i + 1) == Some(&b'(') => return true,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    false
}

/// Whether bash would skip the name `text` for this pattern before matching it: the leading
/// `.` of a component was not matched explicitly, or the component is `.` or `..`. Checked per
/// path component, and only for components with wildcards (bash does not glob the others).
pub(crate) fn skip_name(nodes: &[Node], text: &[u8], dotglob: bool, skip_dots: bool) -> bool {
    let slash = u32::from(b'/');
    let names: Vec<&[u8]> = text.split(|&b| b == b'/').collect();
    let parts: Vec<&[Node]> = nodes
        .split(|n| matches!(n, Node::Char(c) if *c == slash))
        .collect();
    if names.len() != parts.len() {
        // A `/` inside a group: leave it to the matcher.
        return false;
    }
    let rules = Rules { dotglob, skip_dots };
    names
        .iter()
        .zip(&parts)
        .any(|(name, part)| has_wildcard(part) && rules.skip(part, name))
}

fn has_wildcard(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| !matches!(n, Node::Char(_) | Node::Exact(_)))
}

struct Rules {
    dotglob: bool,
    skip_dots: bool,
}

impl Rules {
    /// Bash's `skipname` for one component.
    fn skip(&self, pat: &[Node], name: &[u8]) -> bool {
        if let Some(Node::Group(group)) = pat.first() {
            return self.skip_group(group, &pat[1..], name);
        }
        let dot_or_dotdot = name == b"." || name == b"..";
        let explicit_dot = matches!(pat.first(), Some(Node::Char(c)) if *c == u32::from(b'.'));
        if self.skip_dots && dot_or_dotdot {
            return true;
        }
        if self.dotglob {
            if !explicit_dot && dot_or_dotdot {
                return true;
            }
        } else if name.first() == Some(&b'.') && !explicit_dot {
            return true;
        }
        if name == b"." {
            // Only `.`, `.*` and the like may match `.`.
            // (bash looks at the raw text: a `*`, which also starts a `*(…)` group.)
            let next_ok = matches!(pat.get(1), None | Some(Node::Star))
                || matches!(pat.get(1), Some(Node::Group(g)) if g.op == GroupOp::ZeroOrMore);
            return !explicit_dot || !next_ok;
        }
        false
    }

    /// Bash's `extglob_skipname`: a component starting with a group is skipped unless one of
    /// the alternatives (or, for `?(…)` and `*(…)`, what follows the group) would not be.
    fn skip_group(&self, group: &Group, rest: &[Node], name: &[u8]) -> bool {
        if rest.is_empty() && group.alts.len() == 1 {
            return self.skip(&group.alts[0], name);
        }
        if group.alts.iter().any(|alt| !self.skip(alt, name)) {
            return false;
        }
        if matches!(group.op, GroupOp::ZeroOrOne | GroupOp::ZeroOrMore) && !rest.is_empty() {
            return self.skip(rest, name);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_words() {
        for yes in ["*", "a?", "[ab]", "x[a]y", "@(a)", "+(a)", "!(a)", "[]]"] {
            assert!(is_glob(yes.as_bytes()), "{yes}");
        }
        for no in [
            "abc", "[ab", "a]", "\\*", "a\\?b", "\\[a]", "@a", "a\\b", "a[b\\]", "",
        ] {
            assert!(!is_glob(no.as_bytes()), "{no}");
        }
    }
}
