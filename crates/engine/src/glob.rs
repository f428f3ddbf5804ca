//! Basic glob matching (`*`, `?`, `[...]`, backslash escapes) over bytes.
//!
//! The matcher behind `case` and `[[ == ]]` until the full pattern engine (extended globs,
//! classes, case folding) takes over.

/// Whether `text` matches `pattern` entirely. A backslash makes the next byte literal.
///
/// ```
/// use vbash_engine::glob::fnmatch;
/// assert!(fnmatch(b"*.rs", b"main.rs"));
/// assert!(fnmatch(b"[a-c]?\\*", b"bx*"));
/// assert!(!fnmatch(b"[!a]*", b"abc"));
/// ```
pub fn fnmatch(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    // Where to resume after the last `*`: pattern position after it, text position it covers.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() {
            match pattern[p] {
                b'*' => {
                    star = Some((p + 1, t));
                    p += 1;
                    continue;
                }
                b'?' => {
                    p += 1;
                    t += 1;
                    continue;
                }
                b'[' => {
                    if let Some((matched, next)) = bracket(&pattern[p..], text[t]) {
                        if matched {
                            p += next;
                            t += 1;
                            continue;
                        }
                    } else if text[t] == b'[' {
                        p += 1;
                        t += 1;
                        continue;
                    }
                }
                b'\\' if p + 1 < pattern.len() && pattern[p + 1] == text[t] => {
                    p += 2;
                    t += 1;
                    continue;
                }
                b'\\' if p + 1 < pattern.len() => {}
                c if c == text[t] => {
                    p += 1;
                    t += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, st)) => {
                p = sp;
                t = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// Matches `c` against the bracket expression at the start of `pat`: whether it matched and
/// the expression's length; `None` when the `[` is not closed (then it is literal).
fn bracket(pat: &[u8], c: u8) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = matches!(pat.get(i), Some(b'!' | b'^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < pat.len() {
        let b = pat[i];
        if b == b']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        if b == b'[' && pat.get(i + 1) == Some(&b':') {
            if let Some(end) = pat[i + 2..].windows(2).position(|w| w == b":]") {
                let class = &pat[i + 2..i + 2 + end];
                matched |= in_class(class, c);
                i += end + 4;
                continue;
            }
        }
        let (lo, step) = if b == b'\\' && i + 1 < pat.len() {
            (pat[i + 1], 2)
        } else {
            (b, 1)
        };
        if pat.get(i + step) == Some(&b'-') && pat.get(i + step + 1).is_some_and(|&h| h != b']') {
            let hi = pat[i + step + 1];
            matched |= lo <= c && c <= hi;
            i += step + 2;
        } else {
            matched |= lo == c;
            i += step;
        }
    }
    None
}

fn in_class(class: &[u8], c: u8) -> bool {
    match class {
        b"alpha" => c.is_ascii_alphabetic(),
        b"digit" => c.is_ascii_digit(),
        b"alnum" => c.is_ascii_alphanumeric(),
        b"upper" => c.is_ascii_uppercase(),
        b"lower" => c.is_ascii_lowercase(),
        b"space" => c.is_ascii_whitespace() || c == 11,
        b"blank" => c == b' ' || c == b'\t',
        b"punct" => c.is_ascii_punctuation(),
        b"xdigit" => c.is_ascii_hexdigit(),
        b"cntrl" => c.is_ascii_control(),
        b"print" => (0x20..0x7f).contains(&c),
        b"graph" => (0x21..0x7f).contains(&c),
        b"word" => c.is_ascii_alphanumeric() || c == b'_',
        _ => false,
    }
}
