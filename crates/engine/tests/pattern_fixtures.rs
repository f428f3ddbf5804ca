//! Replays bash's recorded pattern-matching results (fixtures/pattern/expected.txt, written by
//! scripts/record-pattern-fixtures from fixtures/pattern/cases.txt) through
//! `vbash_engine::pattern`.
//!
//! Each case's PATTERN is bash source: a tiny parser here turns it into pieces (`'…'`, `"…"`,
//! `$'…'` and `\c` become Literal pieces, everything else Glob pieces) as the expander would.
//! Each result key is checked with the operation the engine would use for it; see the
//! recording script for what the keys mean.

use std::collections::BTreeMap;
use std::path::Path;

use vbash_engine::pattern::{MatchMode, Pattern, PatternOptions, PatternPiece};

/// Bash 5.2 bug: in its matcher a `*` directly before an `@(`, `+(` or `!(` group tries the
/// group only at positions before the end of the string (so `*@(|z)` fails on `ab`), and when
/// the `*` itself is at the end it inverts `!(…)` (so `*!(a)b` matches the empty string).
/// vbash matches by the definition of the operators.
const STAR_GROUP: &str = "* before an extglob group";
/// The same bug reached through `${x/%pat/r}`, which bash first checks by matching `*pat`
/// against the whole text.
const STAR_GROUP_PRECHECK: &str = "${x/%pat/r} precheck of *pat";
/// Bash's pattern substitution first computes a fixed match length (`umatchlen`) with its own
/// bracket scanner, which misreads brackets that open with `!]` or never close, so bash then
/// never finds matches that its matcher accepts (`[[ a == [!]] ]]` is true, `${t/[!]]/r}` on
/// `t=a` replaces nothing). vbash uses one reading of the pattern everywhere.
const MATCHLEN: &str = "bash's ${x/...} match-length precomputation";

/// Results where vbash deliberately differs from bash 5.2: (options, pattern, text, keys, why).
/// The test fails if one of them starts agreeing, so the list stays true.
const KNOWN_DIFFERENCES: &[(&str, &str, &str, &str, &str)] = &[
    ("-", "[!]]", "a", "/ // /# /%", MATCHLEN),
    ("-", "[!]a]", "b", "/ // /# /%", MATCHLEN),
    ("-", "[!]", "'[!]'", "/ // /# /%", MATCHLEN),
    ("-", "[[:alpha:]", "'[a'", "/ // /# /%", MATCHLEN),
    ("-", "[[:alpha:]", "'[:'", "/ // /# /%", MATCHLEN),
    ("-", r#"[[:alpha\:]]"#, "a", "/ // /# /%", MATCHLEN),
    ("extglob", "!(a)", "a", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "!(a|b)", "a", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "@()", "''", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "@()", "a", "/%", STAR_GROUP_PRECHECK),
    (
        "extglob",
        "*@(|z)",
        "ab",
        "m c ## %% ^^ / // /# /%",
        STAR_GROUP,
    ),
    ("extglob", "*@(|z)", "''", "m c / // /# /%", STAR_GROUP),
    ("extglob", "*@(|z)", "z", "# %", STAR_GROUP),
    ("extglob", "*!(b)", "ab", "^^", STAR_GROUP),
    ("extglob", "*!(a)b", "''", "m c / // /# /%", STAR_GROUP),
    ("extglob", "*!(a)b", "ab", "# %", STAR_GROUP),
    (
        "extglob",
        "*+(|z)",
        "ab",
        "m c ## %% ^^ / // /# /%",
        STAR_GROUP,
    ),
    ("extglob", "+(a|)", "''", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "@(*)", "''", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "@(!(a)|b)", "a", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "@(|z)", "ab", "/%", STAR_GROUP_PRECHECK),
    ("extglob", "@(|z)", "''", "/%", STAR_GROUP_PRECHECK),
    ("extglob,nocase", "!(A)", "a", "/%", STAR_GROUP_PRECHECK),
];

/// A pattern or text word: its parts, each quoted or not.
fn parse_word(src: &str) -> Vec<(bool, Vec<u8>)> {
    let mut parts: Vec<(bool, Vec<u8>)> = Vec::new();
    let mut push = |quoted: bool, bytes: &[u8]| match parts.last_mut() {
        Some((q, b)) if *q == quoted => b.extend_from_slice(bytes),
        _ => parts.push((quoted, bytes.to_vec())),
    };
    let s = src.as_bytes();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\'' => {
                let end = find(s, i + 1, b'\'');
                push(true, &s[i + 1..end]);
                i = end + 1;
            }
            b'$' if s.get(i + 1) == Some(&b'\'') => {
                let (bytes, end) = ansi_c(s, i + 2);
                push(true, &bytes);
                i = end + 1;
            }
            b'"' => {
                let mut bytes = Vec::new();
                i += 1;
                while s[i] != b'"' {
                    if s[i] == b'\\' && matches!(s[i + 1], b'"' | b'\\' | b'$' | b'`') {
                        i += 1;
                    }
                    bytes.push(s[i]);
                    i += 1;
                }
                push(true, &bytes);
                i += 1;
            }
            b'\\' => {
                let len = char_len(&s[i + 1..]);
                push(true, &s[i + 1..i + 1 + len]);
                i += 1 + len;
            }
            c => {
                push(false, &[c]);
                i += 1;
            }
        }
    }
    parts
}

fn find(s: &[u8], from: usize, c: u8) -> usize {
    from + s[from..]
        .iter()
        .position(|&b| b == c)
        .expect("unterminated quote")
}

fn char_len(s: &[u8]) -> usize {
    (1..=s.len().min(4))
        .find(|&n| std::str::from_utf8(&s[..n]).is_ok())
        .unwrap_or(1)
}

/// Decodes the body of `$'…'` starting at `i`; returns the bytes and the index of the `'`.
fn ansi_c(s: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    while s[i] != b'\'' {
        if s[i] != b'\\' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = s[i];
        i += 1;
        let hex = |i: &mut usize, max: usize| {
            let start = *i;
            while *i < start + max && s[*i].is_ascii_hexdigit() {
                *i += 1;
            }
            u32::from_str_radix(std::str::from_utf8(&s[start..*i]).unwrap(), 16).unwrap()
        };
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'x' => out.push(hex(&mut i, 2) as u8),
            b'u' => {
                let ch = char::from_u32(hex(&mut i, 4)).unwrap();
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
            }
            other => out.push(other),
        }
    }
    (out, i)
}

fn pieces(parts: &[(bool, Vec<u8>)]) -> Vec<PatternPiece<'_>> {
    parts
        .iter()
        .map(|(quoted, b)| {
            if *quoted {
                PatternPiece::Literal(b)
            } else {
                PatternPiece::Glob(b)
            }
        })
        .collect()
}

fn value(parts: &[(bool, Vec<u8>)]) -> Vec<u8> {
    parts.iter().flat_map(|(_, b)| b.iter().copied()).collect()
}

/// The recording script's escaping: `[A-Za-z0-9._,:=+@-]` as is, other bytes as `%XX`.
fn escape(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || b"._,:=+@-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct Case {
    opts: Vec<String>,
    pattern: Vec<(bool, Vec<u8>)>,
    text: Vec<u8>,
}

impl Case {
    fn has(&self, opt: &str) -> bool {
        self.opts.iter().any(|o| o == opt)
    }

    fn compile(&self, extglob: bool, nocase: bool, mode: MatchMode) -> Pattern {
        let opts = PatternOptions {
            extglob,
            nocase,
            mode,
            ..PatternOptions::default()
        };
        Pattern::compile(&pieces(&self.pattern), &opts).expect("compiles")
    }

    /// What vbash gives for one result key, in the recording's notation.
    fn answer(&self, key: &str) -> String {
        let ext = self.has("extglob");
        let nocase = self.has("nocase");
        let t = &self.text[..];
        let bit = |b: bool| if b { "1" } else { "0" }.to_string();
        let plain = |nocase| self.compile(ext, nocase, MatchMode::Plain);
        match key {
            "m" => bit(plain(nocase).matches(t).unwrap()),
            // `[[ ]]` matches with extglob on whatever the option says.
            "c" => bit(self
                .compile(true, nocase, MatchMode::Plain)
                .matches(t)
                .unwrap()),
            "#" => plain(false)
                .shortest_prefix(t)
                .unwrap()
                .unwrap_or(0)
                .to_string(),
            "##" => plain(false)
                .longest_prefix(t)
                .unwrap()
                .unwrap_or(0)
                .to_string(),
            "%" => {
                (t.len() - plain(false).shortest_suffix(t).unwrap().unwrap_or(t.len())).to_string()
            }
            "%%" => {
                (t.len() - plain(false).longest_suffix(t).unwrap().unwrap_or(t.len())).to_string()
            }
            "^^" => escape(&upcase_matching(&plain(false), t)),
            "/" | "//" | "/#" | "/%" => escape(&replace(&plain(nocase), t, key)),
            "g" => bit(Pattern::is_glob(&pieces(&self.pattern))),
            "f" => {
                let result = if Pattern::is_glob(&pieces(&self.pattern)) {
                    let mode = MatchMode::Glob {
                        dotglob: self.has("dotglob"),
                        skip_dots: !self.has("noskipdots"),
                    };
                    self.compile(ext, nocase, mode).matches(t).unwrap()
                } else {
                    value(&self.pattern) == t
                };
                bit(result)
            }
            "i" => {
                let value = value(&self.pattern);
                let ignored = t != b"."
                    && t != b".."
                    && value.split(|&b| b == b':').any(|p| {
                        let opts = PatternOptions {
                            extglob: ext,
                            nocase,
                            mode: MatchMode::Pathname,
                            ..PatternOptions::default()
                        };
                        let pat = Pattern::compile(&[PatternPiece::Glob(p)], &opts).unwrap();
                        pat.matches(t).unwrap()
                    });
                bit(ignored)
            }
            other => panic!("unknown result key {other}"),
        }
    }
}

/// `${t^^pat}`: each character the pattern matches, uppercased (single-character mappings).
fn upcase_matching(pat: &Pattern, t: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let len = char_len(&t[i..]);
        let ch = &t[i..i + len];
        let upper = std::str::from_utf8(ch)
            .ok()
            .and_then(|s| s.chars().next())
            .map(|c| {
                let mut u = c.to_uppercase();
                match (u.next(), u.next()) {
                    (Some(u), None) => u,
                    _ => c,
                }
            });
        match upper {
            Some(u) if pat.matches(ch).unwrap() => {
                out.extend_from_slice(u.encode_utf8(&mut [0; 4]).as_bytes());
            }
            _ => out.extend_from_slice(ch),
        }
        i += len;
    }
    out
}

/// `${t/pat/M}` and friends with M = \x01, the way the engine is meant to use the API.
fn replace(pat: &Pattern, t: &[u8], op: &str) -> Vec<u8> {
    const M: u8 = 1;
    let splice = |r: std::ops::Range<usize>| [&t[..r.start], &[M], &t[r.end..]].concat();
    match op {
        "/" => match pat.find_first(t, 0).unwrap() {
            Some(r) => splice(r),
            None => t.to_vec(),
        },
        "/#" => match pat.find_prefix(t).unwrap() {
            Some(end) => splice(0..end),
            None => t.to_vec(),
        },
        "/%" => match pat.find_suffix(t).unwrap() {
            Some(start) => splice(start..t.len()),
            None => t.to_vec(),
        },
        _ => {
            // `//`: the matches find_all reports, each replaced.
            let mut out = Vec::new();
            let mut pos = 0;
            for r in pat.find_all(t).unwrap() {
                out.extend_from_slice(&t[pos..r.start]);
                out.push(M);
                pos = r.end;
            }
            out.extend_from_slice(&t[pos..]);
            out
        }
    }
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pattern")
}

#[test]
fn bash_pattern_fixtures() {
    let dir = fixtures();
    let cases = std::fs::read_to_string(dir.join("cases.txt")).unwrap();
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    let case_lines: Vec<&str> = cases
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let recorded: Vec<(&str, &str)> = expected
        .lines()
        .map(|l| l.rsplit_once('\t').expect("a recorded line"))
        .collect();
    let recorded_cases: Vec<&str> = recorded.iter().map(|r| r.0).collect();
    assert_eq!(
        case_lines, recorded_cases,
        "expected.txt is stale: run scripts/record-pattern-fixtures"
    );

    let mut checked = 0;
    let mut skipped = 0;
    let mut failures = Vec::new();
    let mut per_key: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut known_seen = vec![false; KNOWN_DIFFERENCES.len()];
    for (line, results) in &recorded {
        let fields: Vec<&str> = line.split('\t').collect();
        let case = Case {
            opts: fields[0]
                .split(',')
                .filter(|o| *o != "-")
                .map(str::to_string)
                .collect(),
            pattern: parse_word(fields[1]),
            text: value(&parse_word(fields[2])),
        };
        for result in results.split(' ') {
            let (key, want) = result.split_once('=').expect("key=value");
            if want == "E" {
                skipped += 1;
                continue;
            }
            let got = case.answer(key);
            checked += 1;
            let entry = per_key.entry(key.to_string()).or_default();
            entry.0 += 1;
            let known = KNOWN_DIFFERENCES.iter().position(|k| {
                (k.0, k.1, k.2) == (fields[0], fields[1], fields[2])
                    && k.3.split(' ').any(|k| k == key)
            });
            if let Some(k) = known {
                known_seen[k] = true;
                if got == want {
                    failures.push(format!(
                        "{line}: {key} now agrees with bash ({want}): update KNOWN_DIFFERENCES"
                    ));
                }
                continue;
            }
            if got == want {
                entry.1 += 1;
            } else {
                failures.push(format!("{line}: {key}: bash {want}, vbash {got}"));
            }
        }
    }
    for (k, seen) in KNOWN_DIFFERENCES.iter().zip(known_seen) {
        assert!(
            seen,
            "KNOWN_DIFFERENCES entry matches no recorded result: {k:?}"
        );
    }
    let known: usize = KNOWN_DIFFERENCES
        .iter()
        .map(|k| k.3.split(' ').count())
        .sum();
    eprintln!(
        "pattern fixtures: {} cases, {checked} results checked ({known} known differences), \
         {skipped} bash errors skipped",
        recorded.len(),
    );
    for (key, (n, ok)) in &per_key {
        eprintln!("  {key:>3}: {ok}/{n} agree with bash");
    }
    assert!(
        failures.is_empty(),
        "{} results differ from bash:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn word_parser_understands_bash_quoting() {
    assert_eq!(
        parse_word(r#"'*'x\*"a\"b"$'\x41\u00e9'"#),
        vec![
            (true, b"*".to_vec()),
            (false, b"x".to_vec()),
            (true, "*a\"bAé".as_bytes().to_vec()),
        ]
    );
    assert_eq!(escape(b"a b%\x01"), "a%20b%25%01");
}
