//! Quoting values so bash reads them back as the same string (`${x@Q}`, `declare -p`).

/// Quotes `s` as bash's `${x@Q}` does: in single quotes, with each `'` written as `'\''`.
///
/// ```
/// assert_eq!(vbash_engine::quote::quote(b"it's"), b"'it'\\''s'");
/// assert_eq!(vbash_engine::quote::quote(b""), b"''");
/// ```
pub fn quote(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'\'');
    for &c in s {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
    out
}

/// Quotes `s` as bash's `set -x` trace shows a word: as is when nothing in it is special to
/// the shell, otherwise in single quotes.
///
/// ```
/// use vbash_engine::quote::trace_word;
/// assert_eq!(trace_word(b"a=b"), b"a=b");
/// assert_eq!(trace_word(b"a b"), b"'a b'");
/// assert_eq!(trace_word(b"~x"), b"'~x'");
/// ```
pub fn trace_word(s: &[u8]) -> Vec<u8> {
    let special = |c: u8| {
        matches!(
            c,
            b' ' | b'\t'
                | b'\n'
                | b'\''
                | b'"'
                | b'\\'
                | b'|'
                | b'&'
                | b';'
                | b'('
                | b')'
                | b'<'
                | b'>'
                | b'!'
                | b'{'
                | b'}'
                | b'*'
                | b'['
                | b'?'
                | b']'
                | b'^'
                | b'$'
                | b'`'
        )
    };
    let needs = s.iter().any(|&c| special(c)) || matches!(s.first(), Some(b'#' | b'~'));
    if needs {
        quote(s)
    } else {
        s.to_vec()
    }
}
