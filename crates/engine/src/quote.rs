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
