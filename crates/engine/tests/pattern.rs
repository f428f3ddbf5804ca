//! Feature tests for `vbash_engine::pattern` through its public API. (What bash does for many
//! more cases is recorded in fixtures/pattern and replayed by pattern_fixtures.rs.)

use vbash_engine::pattern::{MatchMode, Pattern, PatternError, PatternOptions, PatternPiece};

use PatternPiece::{Glob, Literal};

fn opts() -> PatternOptions {
    PatternOptions::default()
}

fn ext() -> PatternOptions {
    PatternOptions {
        extglob: true,
        ..opts()
    }
}

fn nocase() -> PatternOptions {
    PatternOptions {
        nocase: true,
        ..opts()
    }
}

fn mode(mode: MatchMode) -> PatternOptions {
    PatternOptions { mode, ..ext() }
}

fn compile(pieces: &[PatternPiece<'_>], o: &PatternOptions) -> Pattern {
    Pattern::compile(pieces, o).unwrap()
}

/// Whether the unquoted pattern `pat` matches `text` under `o`.
fn m(pat: &str, text: &str, o: &PatternOptions) -> bool {
    m_bytes(pat.as_bytes(), text.as_bytes(), o)
}

fn m_bytes(pat: &[u8], text: &[u8], o: &PatternOptions) -> bool {
    compile(&[Glob(pat)], o).matches(text).unwrap()
}

#[test]
fn literals_and_wildcards() {
    let o = opts();
    assert!(m("abc", "abc", &o) && !m("abc", "abd", &o) && !m("abc", "abcd", &o));
    assert!(m("a?c", "abc", &o) && !m("a?c", "ac", &o));
    assert!(m("*", "", &o) && m("*", "a/b", &o) && m("*", ".x", &o));
    assert!(m("a*b*c", "aXbYc", &o) && !m("a*b*c", "acb", &o));
    assert!(m("*?", "a", &o) && !m("*?", "", &o));
    assert!(m("", "", &o) && !m("", "a", &o));
}

#[test]
fn backslash_escapes() {
    let o = opts();
    assert!(m(r"\*", "*", &o) && !m(r"\*", "a", &o));
    assert!(m(r"a\?", "a?", &o) && !m(r"a\?", "ab", &o));
    assert!(m(r"\a", "a", &o));
    // A trailing backslash matches a backslash (bash 5.2).
    assert!(m("a\\", "a\\", &o) && !m("a\\", "a", &o));
    assert!(m(r"\\", "\\", &o));
}

#[test]
fn quoted_pieces_match_literally() {
    let o = opts();
    let p = compile(&[Literal(b"*"), Glob(b"x*")], &o);
    assert!(p.matches(b"*xyz").unwrap());
    assert!(!p.matches(b"axyz").unwrap());
    let p = compile(&[Literal(b"[a]"), Glob(b"?")], &o);
    assert!(p.matches(b"[a]z").unwrap() && !p.matches(b"az").unwrap());
    // A quoted `-` inside a bracket is a member, not a range.
    let p = compile(&[Glob(b"[a"), Literal(b"-"), Glob(b"z]")], &o);
    assert!(p.matches(b"-").unwrap() && !p.matches(b"m").unwrap());
    // As in bash, an unquoted backslash (say from `$x`) escapes the backslash that quotes the
    // next character, which then is special again.
    let p = compile(&[Glob(b"a\\"), Literal(b"*")], &o);
    assert!(p.matches(b"a\\xyz").unwrap());
    assert!(!p.matches(b"a*").unwrap());
}

#[test]
fn brackets() {
    let o = opts();
    assert!(m("[abc]", "b", &o) && !m("[abc]", "d", &o));
    assert!(m("[a-c]", "b", &o) && !m("[a-c]", "-", &o));
    assert!(m("[!a-c]", "d", &o) && m("[^a-c]", "d", &o) && !m("[!a-c]", "b", &o));
    assert!(m("[]a]", "]", &o) && m("[!]a]", "b", &o) && !m("[!]a]", "]", &o));
    assert!(m("[a-]", "-", &o) && m("[-a]", "-", &o));
    assert!(!m("[z-a]", "m", &o));
    assert!(m(r"[a\]]", "]", &o) && m(r"[a\-z]", "-", &o) && !m(r"[a\-z]", "m", &o));
    // Unterminated: a literal `[`.
    assert!(m("[", "[", &o) && m("[ab", "[ab", &o) && m("[]", "[]", &o));
    assert!(m("[!]", "[!]", &o));
}

#[test]
fn character_classes() {
    let o = opts();
    let cases: &[(&str, &str, &str)] = &[
        ("alpha", "aZéж", "1_ "),
        ("digit", "09", "a٣"),
        ("alnum", "a9é", "-"),
        ("space", " \t\n\u{2003}", "a\u{a0}"),
        ("blank", " \t", "\n"),
        ("upper", "AÉ", "aé"),
        ("lower", "aéß", "A"),
        ("punct", "!~€«", "a "),
        ("xdigit", "0fF", "g"),
        ("cntrl", "\x01\x7f", "a"),
        ("graph", "aé!", " "),
        ("print", "a ", "\t"),
        ("word", "a_9", "-"),
    ];
    for (class, hits, misses) in cases {
        let pat = format!("[[:{class}:]]");
        for c in hits.chars() {
            assert!(m(&pat, &c.to_string(), &o), "{pat} should match {c:?}");
        }
        for c in misses.chars() {
            assert!(!m(&pat, &c.to_string(), &o), "{pat} should not match {c:?}");
        }
    }
    assert!(m("[[:alpha:][:digit:]]", "5", &o) && m("[![:alpha:]]", "5", &o));
    // An unknown class matches nothing; the rest of the bracket still counts.
    assert!(!m("[[:foo:]]", "f", &o) && m("[[:foo:]x]", "x", &o));
    // A quoted class name still names the class (bash 5.2).
    let p = compile(&[Glob(b"[[:"), Literal(b"alpha"), Glob(b":]]")], &o);
    assert!(p.matches(b"q").unwrap());
}

#[test]
fn equivalence_classes_and_collating_symbols() {
    let o = opts();
    assert!(m("[[=a=]]", "a", &o) && !m("[[=a=]]", "A", &o));
    assert!(m("[[.a.]]", "a", &o) && m("[[.hyphen.]]", "-", &o) && m("[[.space.]]", " ", &o));
    assert!(m("[[.a.]-c]", "b", &o) && m("[a-[.c.]]", "b", &o));
    assert!(!m("[[.foo.]]", "f", &o));
}

#[test]
fn utf8_characters() {
    let o = opts();
    assert!(m("?", "é", &o) && m("?", "😀", &o) && !m("??", "é", &o));
    assert!(m("[à-ü]", "é", &o) && !m("[à-ü]", "z", &o));
    assert!(m("[!é]", "€", &o) && !m("[!é]", "é", &o));
    let p = compile(&[Glob(b"?")], &o);
    assert_eq!(p.shortest_prefix("éa".as_bytes()).unwrap(), Some(2));
    assert_eq!(p.shortest_suffix("aé".as_bytes()).unwrap(), Some(1));
    let p = compile(&[Glob("é".as_bytes())], &o);
    assert_eq!(p.find_first("aéb".as_bytes(), 0).unwrap(), Some(1..3));
}

#[test]
fn invalid_utf8_switches_to_bytes_like_bash() {
    let o = opts();
    // A whole-text match reads text with an invalid byte as bytes: é is then two characters.
    assert!(!m_bytes(b"??", b"\xc3\xa9\xff", &o));
    assert!(m_bytes(b"???", b"\xc3\xa9\xff", &o));
    assert!(m_bytes(b"?", b"\xff", &o) && m_bytes(b"[!a]", b"\xff", &o));
    // An invalid pattern is read as bytes too.
    assert!(m_bytes(b"\xff*", b"\xffabc", &o));
    assert!(m_bytes(b"*", b"\xe2\x82", &o));
    // The operators on parts of the text read each part alone: the prefix `é` is valid, so
    // `??` does not match it, while the invalid tail is two bytes.
    let p = compile(&[Glob(b"??")], &o);
    assert_eq!(p.shortest_prefix(b"\xc3\xa9\xff").unwrap(), None);
    assert_eq!(p.find_first(b"\xc3\xa9\xff", 0).unwrap(), Some(1..3));
    let p = compile(&[Glob(b"[[:alpha:]]*")], &o);
    assert_eq!(p.shortest_prefix(b"\xc3\xa9\xff").unwrap(), Some(2));
    // …but pattern substitution first checks the whole text read as bytes.
    assert_eq!(p.find_first(b"\xc3\xa9\xff", 0).unwrap(), None);
}

#[test]
fn nocase_folds_characters_not_classes() {
    let o = nocase();
    assert!(m("abc", "ABC", &o) && m("É*", "été", &o));
    assert!(m("[a-c]", "B", &o) && m("[A-C]", "b", &o));
    assert!(!m("[Z-a]", "_", &o) && m("[Z-a]", "_", &opts()));
    assert!(!m("[[:upper:]]", "a", &o));
    assert!(!m("[!a]", "A", &o));
    let p = compile(&[Literal(b"A")], &o);
    assert!(p.matches(b"a").unwrap());
}

#[test]
fn extglob_operators() {
    let o = ext();
    assert!(m("@(a|b)", "b", &o) && !m("@(a|b)", "ab", &o));
    assert!(m("?(a)", "", &o) && m("?(a)", "a", &o) && !m("?(a)", "aa", &o));
    assert!(m("*(a|b)c", "ababc", &o) && m("*(a)", "", &o));
    assert!(m("+(ab|c)", "abcab", &o) && !m("+(a)", "", &o));
    assert!(m("!(a)", "", &o) && m("!(a)", "aa", &o) && !m("!(a)", "a", &o));
    assert!(m("!(*.txt)", "a.md", &o) && !m("!(*.txt)", "a.txt", &o));
    assert!(m("*.!(txt)", "a.md", &o) && m("*.!(txt)", "a.txt.txt", &o));
    assert!(m("a!(b)c", "ac", &o) && m("a!(b)c", "abbc", &o) && !m("a!(b)c", "abc", &o));
    assert!(m("!(!(a))", "a", &o) && !m("!(!(a))", "b", &o));
    // Without extglob the syntax is ordinary text.
    assert!(m("@(a)", "@(a)", &opts()) && !m("@(a)", "a", &opts()));
}

#[test]
fn extglob_nesting_and_quoting() {
    let o = ext();
    assert!(m("@(x|+(y))z", "yyyz", &o) && m("*(@(a|b)c)", "acbc", &o));
    assert!(m("+(+(a)b)", "abaab", &o) && !m("+(+(a)b)", "aba", &o));
    // A group spanning pieces: quoted `|` is not a separator, quoted text inside a group is
    // literal.
    let p = compile(&[Glob(b"@(a|"), Literal(b"b|c"), Glob(b")")], &o);
    assert!(p.matches(b"b|c").unwrap() && p.matches(b"a").unwrap());
    assert!(!p.matches(b"b").unwrap());
    let p = compile(&[Glob(b"@(x"), Literal(b"*"), Glob(b"|y*)")], &o);
    assert!(p.matches(b"x*").unwrap() && !p.matches(b"xa").unwrap() && p.matches(b"ya").unwrap());
    assert!(m(r"@(a\|b)", "a|b", &o) && m("@([)]|x)", ")", &o));
    // An unterminated group makes the rest of the pattern literal text.
    assert!(m("@(a*", "@(a*", &o) && !m("@(a*", "@(abc", &o));
    assert!(m("x?(a", "x?(a", &o));
}

#[test]
fn glob_mode_leading_dots() {
    let g = mode(MatchMode::GLOB);
    assert!(m("*", "a", &g) && !m("*", ".a", &g) && !m("?a", ".a", &g));
    assert!(!m("[.]a", ".a", &g) && m(".*", ".a", &g) && !m("*.a", ".a", &g));
    assert!(!m(".*", ".", &g) && !m(".*", "..", &g));
    assert!(!m("!(a)", ".b", &g) && m("@(.a)", ".a", &g) && m("*(.)a", ".a", &g));
    assert!(!m("@(|x).a", ".a", &g) && m("?(x).a", ".a", &g));
    assert!(!m("d/*", "d/.h", &g) && m("d/.*", "d/.h", &g) && m("*/x", "d/x", &g));
    let dot = mode(MatchMode::Glob {
        dotglob: true,
        skip_dots: true,
    });
    assert!(m("*", ".a", &dot) && m("?a", ".a", &dot) && !m("*", ".", &dot));
    assert!(m("!(a)", ".b", &dot));
    let dots = mode(MatchMode::Glob {
        dotglob: false,
        skip_dots: false,
    });
    assert!(m(".*", ".", &dots) && m(".*", "..", &dots) && m(".?", "..", &dots));
    assert!(!m("*", ".", &dots) && m(".[.]", "..", &dots) && !m("[.].", "..", &dots));
    let both = mode(MatchMode::Glob {
        dotglob: true,
        skip_dots: false,
    });
    assert!(!m("*", "..", &both) && m(".*", "..", &both));
}

#[test]
fn pathname_mode_keeps_slashes() {
    let p = mode(MatchMode::Pathname);
    assert!(!m("*", "a/b", &p) && m("*/*", "a/b", &p) && !m("a?b", "a/b", &p));
    assert!(!m("a[/]b", "a/b", &p) && m("a/b", "a/b", &p));
    // No leading-dot rule outside globbing (GLOBIGNORE).
    assert!(m("*", ".a", &p) && m("*/*", "d/.h", &p));
    let plain = opts();
    assert!(m("*", "a/b", &plain) && m("a?b", "a/b", &plain));
}

#[test]
fn prefix_and_suffix_operators() {
    let o = opts();
    let p = |s: &str| compile(&[Glob(s.as_bytes())], &o);
    let path = b"/usr/local/lib.so.1";
    assert_eq!(p("*/").shortest_prefix(path).unwrap(), Some(1));
    assert_eq!(p("*/").longest_prefix(path).unwrap(), Some(11)); // ${x##*/}
    assert_eq!(p("/*").shortest_suffix(path).unwrap(), Some(10)); // ${x%/*}
    assert_eq!(p(".*").longest_suffix(path).unwrap(), Some(14)); // ${x%%.*}
    assert_eq!(p("b*").shortest_prefix(path).unwrap(), None);
    assert_eq!(p("*").shortest_prefix(b"abc").unwrap(), Some(0));
    assert_eq!(p("*").longest_suffix(b"abc").unwrap(), Some(0));
    assert_eq!(p("*").shortest_suffix(b"abc").unwrap(), Some(3));
    let lines = b"one\ntwo\nthree";
    let nl_star = compile(&[Literal(b"\n"), Glob(b"*")], &o);
    assert_eq!(nl_star.longest_suffix(lines).unwrap(), Some(3)); // first line
    assert_eq!(nl_star.shortest_suffix(lines).unwrap(), Some(7)); // all but the last
}

#[test]
fn substitution_operators() {
    let o = ext();
    let p = |s: &str| compile(&[Glob(s.as_bytes())], &o);
    // Leftmost, then longest.
    assert_eq!(p("b*").find_first(b"abcb", 0).unwrap(), Some(1..4));
    assert_eq!(p("[bc]").find_first(b"abcb", 2).unwrap(), Some(2..3));
    assert_eq!(p("x").find_first(b"abc", 0).unwrap(), None);
    assert_eq!(p("?(b)").find_first(b"ab", 0).unwrap(), Some(0..0));
    assert_eq!(p("?(b)").find_first(b"ab", 1).unwrap(), Some(1..2));
    // An empty match at the very end only for patterns starting with `*`.
    assert_eq!(p("?(b)").find_first(b"ab", 2).unwrap(), None);
    assert_eq!(p("*(b)").find_first(b"ab", 2).unwrap(), Some(2..2));
    // An empty pattern replaces nothing with `/` but prefixes or appends with `/#`, `/%`.
    let empty = compile(&[Literal(b"")], &o);
    assert_eq!(empty.find_first(b"ab", 0).unwrap(), None);
    assert_eq!(empty.find_prefix(b"ab").unwrap(), Some(0));
    assert_eq!(empty.find_suffix(b"ab").unwrap(), Some(2));
    assert_eq!(p("?(z)").find_prefix(b"").unwrap(), None);
    assert_eq!(p("*(z)").find_prefix(b"").unwrap(), Some(0));
    assert_eq!(p("a*").find_prefix(b"abc").unwrap(), Some(3));
    assert_eq!(p("b*").find_prefix(b"abc").unwrap(), None);
    assert_eq!(p("?(z)").find_suffix(b"ab").unwrap(), Some(2));
}

#[test]
fn global_substitution_loop() {
    // `${x//pat/-}`: everything find_all reports is replaced.
    fn replace_all(pat: &Pattern, t: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pos = 0;
        for r in pat.find_all(t).unwrap() {
            out.extend_from_slice(&t[pos..r.start]);
            out.push(b'-');
            pos = r.end;
        }
        out.extend_from_slice(&t[pos..]);
        out
    }
    let o = ext();
    let p = |s: &str| compile(&[Glob(s.as_bytes())], &o);
    assert_eq!(replace_all(&p("?(X)"), b"aXb"), b"-a--b");
    assert_eq!(replace_all(&p("*(z)"), b"abc"), b"-a-b-c");
    assert_eq!(replace_all(&p("+(X)"), b"aXXbX"), b"a-b-");
    assert_eq!(replace_all(&p("*"), b"ab"), b"-");
    assert_eq!(replace_all(&p("*"), b""), b"-");
    assert_eq!(replace_all(&p("[ac]"), b"abcabc"), b"-b--b-");
    assert_eq!(replace_all(&p("?(b)"), "éb".as_bytes()), "-é-".as_bytes());
    assert_eq!(p("?(b)").find_all(b"ab").unwrap(), vec![0..0, 1..2]);
}

#[test]
fn is_glob_words() {
    let g = |pieces: &[PatternPiece<'_>]| Pattern::is_glob(pieces);
    assert!(g(&[Glob(b"*.rs")]) && g(&[Glob(b"a?")]) && g(&[Glob(b"[ab]")]));
    assert!(g(&[Glob(b"@(x)")]) && g(&[Glob(b"!(x)")]) && g(&[Glob(b"+(x)")]));
    assert!(!g(&[Glob(b"abc")]) && !g(&[Glob(b"[ab")]) && !g(&[Glob(b"a]")]));
    assert!(!g(&[Literal(b"*")]) && !g(&[Glob(br"a\*")]) && !g(&[Glob(br"a\b")]));
    assert!(g(&[Glob(b"["), Literal(b"a"), Glob(b"]")]));
    assert!(!g(&[Glob(b"["), Literal(b"]")]));
}

#[test]
fn step_limit_and_nesting_are_errors() {
    let o = PatternOptions {
        step_limit: 50,
        ..ext()
    };
    let p = compile(&[Glob(b"*a*b")], &o);
    let long = vec![b'a'; 1000];
    assert_eq!(
        p.matches(&long).unwrap_err(),
        PatternError::StepLimit { limit: 50 }
    );
    let deep = "@(".repeat(Pattern::MAX_DEPTH + 1) + &")".repeat(Pattern::MAX_DEPTH + 1);
    assert_eq!(
        Pattern::compile(&[Glob(deep.as_bytes())], &ext()).unwrap_err(),
        PatternError::TooDeep
    );
    assert!(PatternError::TooDeep.to_string().contains("nested"));
}
