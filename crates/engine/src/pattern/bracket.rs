//! Bracket expressions: `[abc]`, `[!a-z]`, `[[:alpha:]]`, `[[=a=]]`, `[[.hyphen.]]`.

use super::text::fold;

/// A parsed bracket expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Bracket {
    negated: bool,
    items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    /// One character (or the value of a collating symbol or equivalence class), folded when
    /// matching without case.
    Char(u32),
    /// An inclusive range of code points (or byte values), ends folded without case.
    Range(u32, u32),
    /// A POSIX class, which tests the character as it is (bash does not fold for classes).
    Class(Class),
}

/// The POSIX character classes bash knows (plus its `word`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Alpha,
    Digit,
    Alnum,
    Upper,
    Lower,
    Space,
    Blank,
    Punct,
    Graph,
    Print,
    Cntrl,
    Xdigit,
    Word,
}

impl Class {
    fn from_name(name: &[u32]) -> Option<Class> {
        let name: String = name.iter().filter_map(|&c| char::from_u32(c)).collect();
        Some(match name.as_str() {
            "alpha" => Class::Alpha,
            "digit" => Class::Digit,
            "alnum" => Class::Alnum,
            "upper" => Class::Upper,
            "lower" => Class::Lower,
            "space" => Class::Space,
            "blank" => Class::Blank,
            "punct" => Class::Punct,
            "graph" => Class::Graph,
            "print" => Class::Print,
            "cntrl" => Class::Cntrl,
            "xdigit" => Class::Xdigit,
            "word" => Class::Word,
            _ => return None,
        })
    }

    /// Whether the character (or byte, when not `utf8`) is in the class. ASCII follows the C
    /// locale; other characters use Unicode properties, close to glibc's C.UTF-8 tables. A byte
    /// above 0x7F read as a byte is in no class, as in a UTF-8 locale.
    fn contains(self, u: u32, utf8: bool) -> bool {
        if u < 0x80 {
            let b = u as u8;
            return match self {
                Class::Alpha => b.is_ascii_alphabetic(),
                Class::Digit => b.is_ascii_digit(),
                Class::Alnum => b.is_ascii_alphanumeric(),
                Class::Upper => b.is_ascii_uppercase(),
                Class::Lower => b.is_ascii_lowercase(),
                Class::Space => matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'),
                Class::Blank => matches!(b, b' ' | b'\t'),
                Class::Punct => b.is_ascii_punctuation(),
                Class::Graph => b.is_ascii_graphic(),
                Class::Print => b.is_ascii_graphic() || b == b' ',
                Class::Cntrl => b.is_ascii_control(),
                Class::Xdigit => b.is_ascii_hexdigit(),
                Class::Word => b.is_ascii_alphanumeric() || b == b'_',
            };
        }
        if !utf8 {
            return false;
        }
        let Some(c) = char::from_u32(u) else {
            return false;
        };
        // glibc's space and blank classes leave out the no-break spaces.
        let no_break = matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}');
        let space = c.is_whitespace() && !no_break && c != '\u{85}';
        let alpha = c.is_alphabetic();
        let graph = !c.is_control() && !space && !no_break;
        match self {
            Class::Alpha => alpha,
            Class::Digit | Class::Xdigit => false,
            Class::Alnum | Class::Word => alpha || c.is_numeric(),
            Class::Upper => c.is_uppercase(),
            Class::Lower => c.is_lowercase(),
            Class::Space => space,
            Class::Blank => space && !matches!(c, '\u{2028}' | '\u{2029}'),
            Class::Punct => graph && !alpha && !c.is_numeric(),
            Class::Graph => graph,
            Class::Print => graph || space || no_break,
            Class::Cntrl => c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'),
        }
    }
}

impl Bracket {
    /// Whether the expression matches the character `u` (a byte when not `utf8`).
    pub fn matches(&self, u: u32, utf8: bool, nocase: bool) -> bool {
        let test = if nocase { fold(u, utf8) } else { u };
        let hit = self.items.iter().any(|item| match *item {
            Item::Char(c) => test == c,
            Item::Range(lo, hi) => lo <= test && test <= hi,
            Item::Class(class) => class.contains(u, utf8),
        });
        hit != self.negated
    }
}

fn is(u: Option<u32>, c: char) -> bool {
    u == Some(u32::from(c))
}

/// Bash's `PARSE_SUBBRACKET`: `u[p]` is the `:`, `=` or `.` after a `[` inside a bracket
/// expression; returns the index of the matching `:`, `=` or `.` that is followed by `]`.
/// Class and equivalence names may not contain `]`; none may contain a `/` in pathname mode.
pub(crate) fn subbracket_end(u: &[u32], p: usize, end: usize, pathname: bool) -> Option<usize> {
    let kind = *u.get(p).filter(|_| p < end)?;
    let mut q = p + 1;
    while q < end {
        let c = u[q];
        if (pathname && c == u32::from(b'/')) || (kind != u32::from(b'.') && c == u32::from(b']')) {
            return None;
        }
        if c == kind && q + 1 < end && u[q + 1] == u32::from(b']') {
            return Some(q);
        }
        q += 1;
    }
    None
}

/// The character a collating symbol or equivalence class names: one character, or one of the
/// POSIX names of the portable characters. `None` for unknown names, which match nothing.
fn collating_symbol(name: &[u32]) -> Option<u32> {
    if let [c] = name {
        return Some(*c);
    }
    let name: String = name.iter().filter_map(|&c| char::from_u32(c)).collect();
    let c = match name.as_str() {
        "NUL" => '\0',
        "alert" => '\x07',
        "backspace" => '\x08',
        "tab" => '\t',
        "newline" => '\n',
        "vertical-tab" => '\x0b',
        "form-feed" => '\x0c',
        "carriage-return" => '\r',
        "space" => ' ',
        "exclamation-mark" => '!',
        "quotation-mark" => '"',
        "number-sign" => '#',
        "dollar-sign" => '$',
        "percent-sign" => '%',
        "ampersand" => '&',
        "apostrophe" => '\'',
        "left-parenthesis" => '(',
        "right-parenthesis" => ')',
        "asterisk" => '*',
        "plus-sign" => '+',
        "comma" => ',',
        "hyphen" | "hyphen-minus" => '-',
        "period" | "full-stop" => '.',
        "slash" | "solidus" => '/',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "colon" => ':',
        "semicolon" => ';',
        "less-than-sign" => '<',
        "equals-sign" => '=',
        "greater-than-sign" => '>',
        "question-mark" => '?',
        "commercial-at" => '@',
        "left-square-bracket" => '[',
        "backslash" | "reverse-solidus" => '\\',
        "right-square-bracket" => ']',
        "circumflex" | "circumflex-accent" => '^',
        "underscore" | "low-line" => '_',
        "grave-accent" => '`',
        "left-brace" | "left-curly-bracket" => '{',
        "vertical-line" => '|',
        "right-brace" | "right-curly-bracket" => '}',
        "tilde" => '~',
        "DEL" => '\x7f',
        _ => return None,
    };
    Some(u32::from(c))
}

/// Parses the bracket expression whose `[` is just before `u[start]`, reading up to `end`,
/// the way bash's `BRACKMATCH` does. Returns it and the index after its `]`, or `None` when it
/// is not terminated (then the `[` is a literal character). In pathname mode a `/` inside also
/// makes the `[` literal.
pub(crate) fn parse(
    u: &[u32],
    start: usize,
    end: usize,
    nocase: bool,
    utf8: bool,
    pathname: bool,
) -> Option<(Bracket, usize)> {
    let at = |i: usize| if i < end { Some(u[i]) } else { None };
    let f = |c: u32| if nocase { fold(c, utf8) } else { c };
    let slash = |c: u32| pathname && c == u32::from(b'/');
    let mut items = Vec::new();
    let mut p = start;
    let negated = is(at(p), '!') || is(at(p), '^');
    if negated {
        p += 1;
    }
    let mut c = at(p)?;
    p += 1;
    loop {
        // `c` is the unit at p - 1: the start of the next member.
        let is_open = c == u32::from(b'[');
        if is_open && (is(at(p), '=') || is(at(p), ':')) {
            if let Some(close) = subbracket_end(u, p, end, pathname) {
                let name = &u[p + 1..close];
                if is(at(p), '=') {
                    if let Some(v) = collating_symbol(name) {
                        items.push(Item::Char(f(v)));
                    }
                } else {
                    // Bash 5.2 allows a quoted class name: drop the backslashes.
                    let name: Vec<u32> = dequote(name);
                    if let Some(class) = Class::from_name(&name) {
                        items.push(Item::Class(class));
                    }
                }
                p = close + 2;
                c = at(p)?;
                p += 1;
                if slash(c) {
                    return None;
                }
                if c == u32::from(b']') {
                    break;
                }
                continue;
            }
        }
        let first = if is_open && is(at(p), '.') {
            match subbracket_end(u, p, end, pathname) {
                Some(close) => {
                    let v = collating_symbol(&u[p + 1..close]);
                    p = close + 2;
                    v
                }
                None => Some(c),
            }
        } else if c == u32::from(b'\\') {
            let e = at(p)?;
            if slash(e) {
                return None;
            }
            p += 1;
            Some(e)
        } else {
            if slash(c) {
                return None;
            }
            Some(c)
        };
        c = at(p)?;
        p += 1;
        if slash(c) {
            return None;
        }
        if c == u32::from(b'-') && !is(at(p), ']') {
            let mut last = at(p)?;
            p += 1;
            if last == u32::from(b'\\') {
                last = at(p)?;
                p += 1;
            }
            if slash(last) {
                return None;
            }
            let last = if last == u32::from(b'[') && is(at(p), '.') {
                match subbracket_end(u, p, end, pathname) {
                    Some(close) => {
                        let v = collating_symbol(&u[p + 1..close]);
                        p = close + 2;
                        v
                    }
                    None => Some(last),
                }
            } else {
                Some(last)
            };
            c = at(p)?;
            p += 1;
            // A reversed range (after folding) matches nothing; the rest still counts.
            if let (Some(lo), Some(hi)) = (first, last) {
                let (lo, hi) = (f(lo), f(hi));
                if lo <= hi {
                    items.push(Item::Range(lo, hi));
                }
            }
        } else if let Some(v) = first {
            items.push(Item::Char(f(v)));
        }
        if c == u32::from(b']') {
            break;
        }
    }
    Some((Bracket { negated, items }, p))
}

fn dequote(name: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(name.len());
    let mut i = 0;
    while i < name.len() {
        if name[i] == u32::from(b'\\') {
            // Bash drops a trailing backslash too: `[[:alpha\:]]` names `alpha`.
            i += 1;
            if i == name.len() {
                break;
            }
        }
        out.push(name[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    /// Parses `s` (the text after `[`) and tests each character of `hits` and `misses`.
    fn check(s: &str, nocase: bool, hits: &str, misses: &str) {
        let u = units(s);
        let (b, next) = parse(&u, 0, u.len(), nocase, true, false)
            .unwrap_or_else(|| panic!("[{s} did not parse"));
        assert_eq!(next, u.len(), "[{s} should end at its end");
        for c in hits.chars() {
            assert!(
                b.matches(u32::from(c), true, nocase),
                "[{s} should match {c:?}"
            );
        }
        for c in misses.chars() {
            assert!(
                !b.matches(u32::from(c), true, nocase),
                "[{s} should not match {c:?}"
            );
        }
    }

    #[test]
    fn members_ranges_negation() {
        check("abc]", false, "abc", "dA]");
        check("a-cx]", false, "abcx", "d-");
        check("!a-c]", false, "dz-", "abc");
        check("^a]", false, "b", "a");
        check("]a]", false, "]a", "b");
        check("!]]", false, "a", "]");
        check("a-]", false, "a-", "b");
        check("z-a]", false, "", "azm");
        check("\\]]", false, "]", "\\");
        check("a\\-z]", false, "az-", "m");
        check("é-ü]", false, "éñúü", "eÿ");
    }

    #[test]
    fn classes_equivalences_symbols() {
        check("[:alpha:]]", false, "aZé", "1_ ");
        check("[:digit:][:space:]]", false, "09 \t", "a");
        check("[:xdigit:]]", false, "0aF", "g");
        check("[:word:]]", false, "a_9", "-");
        check("[:punct:]]", false, "!-~€", "a ");
        check("[=a=]b]", false, "ab", "A");
        check("[.hyphen.]]", false, "-", "h");
        check("[.a.]-c]", false, "abc", "d");
        // An unknown class is skipped; the rest of the expression still counts.
        check("[:foo:]x]", false, "x", "f:]");
        check("[:\\a\\l\\p\\h\\a:]]", false, "a", "1");
        check("[:alpha\\:]]", false, "a", "1:");
    }

    #[test]
    fn nocase_folds_members_but_not_classes() {
        check("A-C]", true, "abcABC", "d");
        check("Z-a]", true, "", "_zZaA");
        check("[:upper:]]", true, "B", "b");
    }

    #[test]
    fn unterminated_and_pathname() {
        let u = units("abc");
        assert!(parse(&u, 0, u.len(), false, true, false).is_none());
        let u = units("a-");
        assert!(parse(&u, 0, u.len(), false, true, false).is_none());
        let u = units("a/]");
        assert!(parse(&u, 0, u.len(), false, true, true).is_none());
        assert!(parse(&u, 0, u.len(), false, true, false).is_some());
    }

    #[test]
    fn bytes_above_ascii_are_in_no_class() {
        let u = units("[:alpha:]]");
        let (b, _) = parse(&u, 0, u.len(), false, false, false).unwrap();
        assert!(!b.matches(0xE9, false, false));
        assert!(b.matches(0xE9, true, false));
    }
}
