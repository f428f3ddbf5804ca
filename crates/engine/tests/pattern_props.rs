//! Property tests for `vbash_engine::pattern` (no input panics or runs past the step limit;
//! the operators agree with each other and with a naive matcher), and pathological patterns
//! that must finish within a step budget proportional to the text (no wall-clock timing).

use proptest::prelude::*;
use vbash_engine::pattern::{MatchMode, Pattern, PatternError, PatternOptions, PatternPiece};

fn pattern_bytes() -> impl Strategy<Value = Vec<u8>> {
    let atoms: Vec<&'static [u8]> = vec![
        b"a",
        b"b",
        b"*",
        b"?",
        b"[",
        b"]",
        b"!",
        b"^",
        b"-",
        b"\\",
        b"(",
        b")",
        b"|",
        b"@",
        b"+",
        b".",
        b"/",
        b":",
        "é".as_bytes(),
        b"\xff",
        b"[:alpha:]",
        b"@(",
        b"!(",
        b"*(",
    ];
    prop::collection::vec(prop::sample::select(atoms), 0..12).prop_map(|v| v.concat())
}

fn text_bytes() -> impl Strategy<Value = Vec<u8>> {
    let atoms: Vec<&'static [u8]> = vec![
        b"a",
        b"b",
        b".",
        b"/",
        b"-",
        b"]",
        "é".as_bytes(),
        b"\xff",
        b"\xc3",
    ];
    prop::collection::vec(prop::sample::select(atoms), 0..10).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = PatternOptions> {
    let modes = prop::sample::select(vec![
        MatchMode::Plain,
        MatchMode::Pathname,
        MatchMode::GLOB,
        MatchMode::Glob {
            dotglob: true,
            skip_dots: false,
        },
    ]);
    (any::<bool>(), any::<bool>(), modes).prop_map(|(extglob, nocase, mode)| PatternOptions {
        extglob,
        nocase,
        mode,
        ..PatternOptions::default()
    })
}

/// The pieces: the pattern split in two, the second half quoted when `quote` is set.
fn pieces(pat: &[u8], split: usize, quote: bool) -> Vec<PatternPiece<'_>> {
    let (a, b) = pat.split_at(split.min(pat.len()));
    let second = if quote {
        PatternPiece::Literal(b)
    } else {
        PatternPiece::Glob(b)
    };
    vec![PatternPiece::Glob(a), second]
}

/// Positions a match may start or end at: character boundaries of a valid text, every byte of
/// one that is not (bash then tries every byte).
fn positions(text: &[u8]) -> Vec<usize> {
    match std::str::from_utf8(text) {
        Ok(s) => (0..=text.len())
            .filter(|&i| s.is_char_boundary(i))
            .collect(),
        Err(_) => (0..=text.len()).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn operators_never_fail_and_agree(
        pat in pattern_bytes(),
        text in text_bytes(),
        opts in options(),
        split in 0usize..12,
        quote in any::<bool>(),
    ) {
        let pieces = pieces(&pat, split, quote);
        let _ = Pattern::is_glob(&pieces);
        let p = Pattern::compile(&pieces, &opts).expect("short patterns compile");
        let matched = p.matches(&text).expect("within the step limit");
        let sp = p.shortest_prefix(&text).unwrap();
        let lp = p.longest_prefix(&text).unwrap();
        let ss = p.shortest_suffix(&text).unwrap();
        let ls = p.longest_suffix(&text).unwrap();
        let first = p.find_first(&text, 0).unwrap();
        let all = p.find_all(&text).unwrap();
        p.find_prefix(&text).unwrap();
        p.find_suffix(&text).unwrap();
        prop_assert_eq!(sp.is_some(), lp.is_some());
        prop_assert!(sp <= lp);
        prop_assert_eq!(ss.is_some(), ls.is_some());
        prop_assert!(ls <= ss);
        // The glob-only leading-dot checks apply to whole names, not to the operators.
        if !matches!(opts.mode, MatchMode::Glob { .. }) {
            prop_assert_eq!(matched, lp == Some(text.len()));
            prop_assert_eq!(matched, ls == Some(0));
            prop_assert_eq!(all.first(), first.as_ref());
            for pair in all.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start && pair[0].start < pair[1].start);
            }
            for r in &all {
                prop_assert!(p.matches(&text[r.clone()]).unwrap());
            }
            if let Some(r) = first {
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(p.matches(&text[r.clone()]).unwrap(), "{:?}", r);
                // Leftmost, then longest.
                for &s in positions(&text).iter().filter(|&&s| s < r.start) {
                    for &e in positions(&text).iter().filter(|&&e| e >= s) {
                        prop_assert!(!p.matches(&text[s..e]).unwrap(), "earlier {}..{}", s, e);
                    }
                }
                for &e in positions(&text).iter().filter(|&&e| e > r.end) {
                    prop_assert!(!p.matches(&text[r.start..e]).unwrap(), "longer ..{}", e);
                }
            }
        }
    }

    #[test]
    fn plain_globs_agree_with_a_naive_matcher(
        pat in "[ab*?]{0,8}",
        text in "[ab]{0,10}",
    ) {
        let p = Pattern::compile(&[PatternPiece::Glob(pat.as_bytes())], &PatternOptions::default())
            .unwrap();
        prop_assert_eq!(p.matches(text.as_bytes()).unwrap(), naive(pat.as_bytes(), text.as_bytes()));
    }
}

/// Exponential-time reference for patterns of `*`, `?` and literal characters.
fn naive(p: &[u8], t: &[u8]) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some(b'*') => (0..=t.len()).any(|i| naive(&p[1..], &t[i..])),
        Some(b'?') => !t.is_empty() && naive(&p[1..], &t[1..]),
        Some(&c) => t.first() == Some(&c) && naive(&p[1..], &t[1..]),
    }
}

/// Compiles `pat` (unquoted, extglob on) with a step limit of `per_byte` steps per byte of a
/// text of `len` bytes: a pattern that needed more (an exponential one would need vastly
/// more) fails with `PatternError::StepLimit`.
fn bounded(pat: &str, len: usize, per_byte: u64) -> Pattern {
    let opts = PatternOptions {
        extglob: true,
        step_limit: per_byte * len as u64 + 1000,
        ..PatternOptions::default()
    };
    Pattern::compile(&[PatternPiece::Glob(pat.as_bytes())], &opts).unwrap()
}

#[test]
fn many_stars_are_linear() {
    let text = vec![b'a'; 20_000];
    let p = bounded("*a*a*a*a*a*a*a*a*a*b", text.len(), 20);
    assert!(!p.matches(&text).unwrap());
    assert_eq!(p.longest_prefix(&text).unwrap(), None);
    assert_eq!(p.longest_suffix(&text).unwrap(), None);
    assert_eq!(p.find_first(&text, 0).unwrap(), None);
}

#[test]
fn nested_repetition_is_polynomial() {
    let text = vec![b'a'; 3000];
    let p = bounded("*(a|aa)*(a|aa)*(a|aa)b", text.len(), 200);
    assert!(!p.matches(&text).unwrap());
    let p = bounded("+(+(a|aa))", text.len(), 200);
    assert!(p.matches(&text).unwrap());
}

#[test]
fn negation_is_bounded() {
    let text = vec![b'a'; 2000];
    let p = bounded("*!(a)*!(b)*", text.len(), 200);
    assert!(p.matches(&text).unwrap());
    let p = bounded("!(!(!(a)))", text.len(), 200);
    assert!(p.matches(&text).unwrap());
    let p = bounded("!(*a)", text.len(), 200);
    assert!(!p.matches(&text).unwrap());
}

#[test]
fn suffix_and_search_on_long_text_are_linear() {
    let mut text = b"line\n".repeat(20_000);
    text.extend_from_slice(b"last");
    // ${x%%$'\n'*} and ${x%$'\n'*}
    let opts = PatternOptions {
        step_limit: 20 * text.len() as u64,
        ..PatternOptions::default()
    };
    let p = Pattern::compile(
        &[PatternPiece::Literal(b"\n"), PatternPiece::Glob(b"*")],
        &opts,
    )
    .unwrap();
    assert_eq!(p.longest_suffix(&text).unwrap(), Some(4));
    assert_eq!(p.shortest_suffix(&text).unwrap(), Some(text.len() - 5));
    // A search whose every start fails late falls back to one backward pass.
    let p = bounded("l*X", text.len(), 40);
    assert_eq!(p.find_first(&text, 0).unwrap(), None);
    let p = bounded("[n]e", text.len(), 40);
    assert_eq!(p.find_first(&text, 0).unwrap(), Some(2..4));
}

#[test]
fn global_substitution_is_linear() {
    // ${x//[,]/ } and ${x//,/ } over a long text with many matches: one step budget for all.
    let text = b"ab,c,".repeat(40_000);
    let p = bounded("[,]", text.len(), 30);
    assert_eq!(p.find_all(&text).unwrap().len(), 80_000);
    let p = bounded(",", text.len(), 30);
    assert_eq!(p.find_all(&text).unwrap().len(), 80_000);
    let p = bounded("?(c),", text.len(), 30);
    assert_eq!(p.find_all(&text).unwrap().len(), 80_000);
}

#[test]
fn the_limit_stops_work() {
    let text = vec![b'a'; 5000];
    let p = bounded("*(a|aa)*(a|aa)b", 1, 1);
    assert!(matches!(
        p.matches(&text),
        Err(PatternError::StepLimit { .. })
    ));
}
