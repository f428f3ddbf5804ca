//! Case conversion for `${x^}`, `${x,,}`, `${x~~}`, `${x@U}` and `declare -u`/`-l`.
//!
//! glibc's `towupper`/`towlower` map one character to one character, so bash leaves `ß` as
//! it is when upper-casing where Unicode's full mapping would give `SS`; the helpers here
//! keep to single-character results the same way.

use vbash_syntax::ast::CaseConv;

use super::param::char_bounds;

/// `c` upper-cased, or `c` itself when its upper case is more than one character.
fn upper(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// `c` lower-cased; the only multi-character lower case (`İ`) starts with the letter glibc
/// gives.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn convert(conv: CaseConv, c: char) -> char {
    match conv {
        CaseConv::Upper => upper(c),
        CaseConv::Lower => lower(c),
        CaseConv::Toggle => match lower(c) {
            l if l != c => l,
            _ => upper(c),
        },
    }
}

/// Appends `ch` (one character's bytes) to `out` converted by `conv`; bytes that are not
/// UTF-8 pass through unchanged.
pub(super) fn convert_char(conv: CaseConv, ch: &[u8], out: &mut Vec<u8>) {
    let Ok(text) = std::str::from_utf8(ch) else {
        out.extend_from_slice(ch);
        return;
    };
    let mut buf = [0; 4];
    for c in text.chars() {
        out.extend_from_slice(convert(conv, c).encode_utf8(&mut buf).as_bytes());
    }
}

/// Converts the first character of `s`, or all of them.
pub(crate) fn convert_case(s: &[u8], conv: CaseConv, all: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for (i, w) in char_bounds(s).windows(2).enumerate() {
        let ch = &s[w[0]..w[1]];
        if i == 0 || all {
            convert_char(conv, ch, &mut out);
        } else {
            out.extend_from_slice(ch);
        }
    }
    out
}
