//! Quoting for reuse as shell input, as `printf %q` does: backslashes before special
//! characters, or `$'…'` when the text holds characters that are not printable.

/// Quotes `s` for `%q`: `''` for nothing, `$'…'` when it holds characters that are not
/// printable, backslashes before the shell's special characters otherwise.
pub(crate) fn quote_for_reuse(s: &[u8]) -> Vec<u8> {
    if s.is_empty() {
        return b"''".to_vec();
    }
    if needs_ansi_c(s) {
        return ansi_c_quote(s);
    }
    let mut out = Vec::with_capacity(s.len() * 2);
    for (i, &c) in s.iter().enumerate() {
        let special = matches!(
            c,
            b' ' | b'\t'
                | b'\n'
                | b'!'
                | b'"'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b','
                | b';'
                | b'<'
                | b'>'
                | b'?'
                | b'['
                | b'\\'
                | b']'
                | b'^'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
        ) || (c == b'#' && i == 0)
            || (c == b'~' && (i == 0 || matches!(s[i - 1], b':' | b'=')));
        if special {
            out.push(b'\\');
        }
        out.push(c);
    }
    out
}

/// Splits `s` into characters: valid UTF-8 sequences, or single bytes that are not.
fn chars(s: &[u8]) -> impl Iterator<Item = (&[u8], Option<char>)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= s.len() {
            return None;
        }
        let len = match s[i] {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 1,
        };
        if len > 1 {
            if let Some(ch) = s
                .get(i..i + len)
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(|t| t.chars().next())
            {
                let piece = &s[i..i + len];
                i += len;
                return Some((piece, Some(ch)));
            }
        }
        let piece = &s[i..i + 1];
        i += 1;
        Some((piece, (piece[0] < 0x80).then_some(piece[0] as char)))
    })
}

fn printable(ch: Option<char>) -> bool {
    ch.is_some_and(|c| !c.is_control())
}

/// Whether `%q` must use `$'…'` (bash's `ansic_shouldquote`).
fn needs_ansi_c(s: &[u8]) -> bool {
    chars(s).any(|(_, ch)| !printable(ch))
}

/// `$'…'` quoting, as bash's `ansic_quote`.
pub(crate) fn ansi_c_quote(s: &[u8]) -> Vec<u8> {
    let mut out = b"$'".to_vec();
    for (piece, ch) in chars(s) {
        let escaped: Option<&[u8]> = match ch {
            Some('\x07') => Some(b"\\a"),
            Some('\x08') => Some(b"\\b"),
            Some('\x1b') => Some(b"\\E"),
            Some('\x0c') => Some(b"\\f"),
            Some('\n') => Some(b"\\n"),
            Some('\r') => Some(b"\\r"),
            Some('\t') => Some(b"\\t"),
            Some('\x0b') => Some(b"\\v"),
            Some('\\') => Some(b"\\\\"),
            Some('\'') => Some(b"\\'"),
            _ => None,
        };
        match escaped {
            Some(e) => out.extend_from_slice(e),
            None if printable(ch) => out.extend_from_slice(piece),
            None => {
                for &b in piece {
                    out.extend_from_slice(format!("\\{b:03o}").as_bytes());
                }
            }
        }
    }
    out.push(b'\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_like_bash() {
        assert_eq!(quote_for_reuse(b"a b"), b"a\\ b");
        assert_eq!(quote_for_reuse(b"it's"), b"it\\'s");
        assert_eq!(quote_for_reuse(b"a=~"), b"a=\\~");
        assert_eq!(quote_for_reuse(b"x~"), b"x~");
        assert_eq!(quote_for_reuse(b"#x a#"), b"\\#x\\ a#");
        assert_eq!(quote_for_reuse("é".as_bytes()), "é".as_bytes());
        assert_eq!(quote_for_reuse(b"a\tb"), b"$'a\\tb'");
        assert_eq!(quote_for_reuse(b"it's\x01"), b"$'it\\'s\\001'");
        assert_eq!(quote_for_reuse(b"\xff"), b"$'\\377'");
        assert_eq!(quote_for_reuse(b"\x1b\x07\x7f"), b"$'\\E\\a\\177'");
    }
}
