//! File names (bytes) as object-key segments (UTF-8 without ASCII control characters).
//!
//! Linux names are any bytes but `/` and NUL; object keys are UTF-8, and object_store
//! refuses control characters in them. So a name is stored as itself when it can be, and
//! otherwise each byte that cannot (a byte of invalid UTF-8, or an ASCII control character)
//! becomes the private-use character `U+F700 + byte`. Characters of that private-use block
//! that occur in a name are escaped the same way, byte by byte, so the mapping is one-to-one
//! and every name round-trips. Ordinary names (`report.csv`, `é.txt`, `a b`) are stored
//! unchanged, readable by other tools.

/// The first of the 256 private-use characters that stand for single bytes.
const BASE: u32 = 0xF700;

fn escaped(c: char) -> bool {
    c.is_ascii_control() || (BASE..BASE + 256).contains(&u32::from(c))
}

fn push_byte(out: &mut String, b: u8) {
    // BASE + b is a private-use scalar value, never a surrogate.
    out.push(char::from_u32(BASE + u32::from(b)).unwrap_or(char::REPLACEMENT_CHARACTER));
}

/// The key segment for the file name `name`.
pub(crate) fn encode(name: &[u8]) -> String {
    let mut out = String::with_capacity(name.len());
    for chunk in name.utf8_chunks() {
        for c in chunk.valid().chars() {
            if escaped(c) {
                let mut buf = [0; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    push_byte(&mut out, b);
                }
            } else {
                out.push(c);
            }
        }
        for &b in chunk.invalid() {
            push_byte(&mut out, b);
        }
    }
    out
}

/// The file name a key segment stands for.
pub(crate) fn decode(segment: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(segment.len());
    for c in segment.chars() {
        let v = u32::from(c);
        if (BASE..BASE + 256).contains(&v) {
            out.push((v - BASE) as u8);
        } else {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_names_are_unchanged() {
        for name in ["report.csv", "é.txt", "a b", "-x", "100%", "日本"] {
            assert_eq!(encode(name.as_bytes()), name);
            assert_eq!(decode(name), name.as_bytes());
        }
    }

    #[test]
    fn odd_bytes_are_escaped() {
        assert_eq!(encode(b"\xff\xfe"), "\u{F7FF}\u{F7FE}");
        assert_eq!(encode(b"a\nb"), "a\u{F70A}b");
        assert_eq!(decode("\u{F7FF}\u{F7FE}"), b"\xff\xfe");
        // A private-use character of the block itself is escaped, so it cannot be
        // confused with an escaped byte.
        let own = "\u{F7FF}".as_bytes();
        assert_eq!(decode(&encode(own)), own);
        assert_ne!(encode(own), "\u{F7FF}");
    }

    proptest! {
        #[test]
        fn every_name_round_trips(name in proptest::collection::vec(any::<u8>(), 0..24)) {
            let key = encode(&name);
            prop_assert!(!key.chars().any(|c| c.is_ascii_control()));
            prop_assert_eq!(decode(&key), name);
        }
    }
}
