//! The text being matched: character decoding in either mode, and the pathname helpers.

/// The text, with how it is read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Subject<'a> {
    pub bytes: &'a [u8],
    /// Characters are UTF-8 sequences (the text is known to be valid UTF-8); otherwise every
    /// byte is one character.
    pub utf8: bool,
    /// `/` is matched only by a literal `/`.
    pub pathname: bool,
    /// A `.` at the start of a path component must be matched explicitly.
    pub protect: bool,
}

impl Subject<'_> {
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether a character starts at `p` (or `p` is the end).
    pub fn is_boundary(&self, p: usize) -> bool {
        p >= self.bytes.len() || !self.utf8 || !is_continuation(self.bytes[p])
    }

    /// The character starting at `p` and its length in bytes.
    pub fn char_at(&self, p: usize) -> Option<(u32, usize)> {
        let b = *self.bytes.get(p)?;
        if !self.utf8 || b < 0x80 {
            return Some((u32::from(b), 1));
        }
        let len = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let end = (p + len).min(self.bytes.len());
        Some((decode(&self.bytes[p..end]), end - p))
    }

    /// The character ending at `q` and its length in bytes.
    pub fn char_before(&self, q: usize) -> Option<(u32, usize)> {
        if q == 0 {
            return None;
        }
        if !self.utf8 || self.bytes[q - 1] < 0x80 {
            return Some((u32::from(self.bytes[q - 1]), 1));
        }
        let mut p = q - 1;
        // A valid UTF-8 text has at most three continuation bytes before a lead byte.
        while p > 0 && q - p < 4 && is_continuation(self.bytes[p]) {
            p -= 1;
        }
        Some((decode(&self.bytes[p..q]), q - p))
    }

    /// The first character boundary after `p` (`p` < len).
    pub fn next_boundary(&self, p: usize) -> usize {
        let mut q = p + 1;
        while q < self.bytes.len() && !self.is_boundary(q) {
            q += 1;
        }
        q
    }

    /// Whether `p` starts a path component with a `.` that wildcards may not match.
    pub fn protected(&self, p: usize) -> bool {
        self.protect && self.bytes.get(p) == Some(&b'.') && (p == 0 || self.bytes[p - 1] == b'/')
    }

    /// How far a `*` starting at `p` can reach: the next `/` in pathname mode, else the end.
    pub fn seg_end(&self, p: usize) -> usize {
        if self.pathname {
            memchr::memchr(b'/', &self.bytes[p..]).map_or(self.bytes.len(), |i| p + i)
        } else {
            self.bytes.len()
        }
    }

    /// Where a `*` ending at `q` can start: just after the previous `/` in pathname mode.
    pub fn seg_start(&self, q: usize) -> usize {
        if self.pathname {
            memchr::memrchr(b'/', &self.bytes[..q]).map_or(0, |i| i + 1)
        } else {
            0
        }
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Decodes one UTF-8 sequence known to be valid (anything odd decodes to its first byte).
fn decode(s: &[u8]) -> u32 {
    let lead = u32::from(s[0]);
    let (init, len) = match s[0] {
        0xC0..=0xDF => (lead & 0x1F, 2),
        0xE0..=0xEF => (lead & 0x0F, 3),
        0xF0..=0xF7 => (lead & 0x07, 4),
        _ => return lead,
    };
    if s.len() != len {
        return lead;
    }
    s[1..]
        .iter()
        .fold(init, |acc, &b| (acc << 6) | u32::from(b & 0x3F))
}

/// Folds a character for `nocase`: the simple lowercase mapping for characters, ASCII only for
/// bytes (a byte above 0x7F is not a character of its own in a UTF-8 locale).
pub(crate) fn fold(u: u32, utf8: bool) -> u32 {
    if u < 0x80 {
        return u32::from((u as u8).to_ascii_lowercase());
    }
    if !utf8 {
        return u;
    }
    match char::from_u32(u) {
        Some(c) => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => u32::from(l),
                _ => u,
            }
        }
        None => u,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(bytes: &[u8]) -> Subject<'_> {
        Subject {
            bytes,
            utf8: std::str::from_utf8(bytes).is_ok(),
            pathname: true,
            protect: true,
        }
    }

    #[test]
    fn decodes_both_ways() {
        let s = subject("aé€😀".as_bytes());
        let mut p = 0;
        let mut chars = vec![];
        while let Some((c, l)) = s.char_at(p) {
            chars.push(c);
            p += l;
        }
        assert_eq!(chars, vec![0x61, 0xE9, 0x20AC, 0x1F600]);
        let mut q = s.len();
        let mut back = vec![];
        while let Some((c, l)) = s.char_before(q) {
            back.push(c);
            q -= l;
        }
        back.reverse();
        assert_eq!(back, chars);
    }

    #[test]
    fn pathname_helpers() {
        let s = subject(b"ab/.c/d");
        assert_eq!(s.seg_end(0), 2);
        assert_eq!(s.seg_end(3), 5);
        assert_eq!(s.seg_start(5), 3);
        assert_eq!(s.seg_start(7), 6);
        assert!(s.protected(3));
        assert!(!s.protected(4));
        assert!(!s.protected(0));
    }

    #[test]
    fn folding() {
        assert_eq!(fold(u32::from('A'), true), u32::from('a'));
        assert_eq!(fold(0xC9, true), 0xE9); // É
        assert_eq!(fold(0xC9, false), 0xC9);
        assert_eq!(fold(0x130, true), 0x130); // İ lowercases to two characters: kept
    }
}
