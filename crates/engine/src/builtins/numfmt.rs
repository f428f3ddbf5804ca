//! C `printf` conversions for bash's `printf`: flags, width and precision applied to integers,
//! floating point, strings and characters as glibc applies them; and the argument readers
//! (`strtoimax`, `strtoumax`, `strtold` plus bash's checks and messages).

use super::float::{self, LongDouble};

/// The flags, width and precision of one conversion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Spec {
    /// `-`: pad on the right.
    pub(crate) left: bool,
    /// `+`: always a sign.
    pub(crate) plus: bool,
    /// ` `: a space where the sign of a positive number goes.
    pub(crate) space: bool,
    /// `#`: the alternate form.
    pub(crate) alt: bool,
    /// `0`: pad numbers with zeros.
    pub(crate) zero: bool,
    pub(crate) width: usize,
    pub(crate) precision: Option<usize>,
}

impl Spec {
    /// Pads `sign`+`prefix`+`digits` to the width, zeros going between prefix and digits when
    /// `zeros_allowed`.
    fn pad(&self, sign: &str, prefix: &str, digits: &[u8], zeros_allowed: bool) -> Vec<u8> {
        let len = sign.len() + prefix.len() + digits.len();
        let fill = self.width.saturating_sub(len);
        let mut out = Vec::with_capacity(len + fill);
        if self.left {
            out.extend_from_slice(sign.as_bytes());
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(digits);
            out.resize(out.len() + fill, b' ');
        } else if self.zero && zeros_allowed {
            out.extend_from_slice(sign.as_bytes());
            out.extend_from_slice(prefix.as_bytes());
            out.resize(out.len() + fill, b'0');
            out.extend_from_slice(digits);
        } else {
            out.resize(fill, b' ');
            out.extend_from_slice(sign.as_bytes());
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(digits);
        }
        out
    }

    fn sign(&self, neg: bool) -> &'static str {
        if neg {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }

    /// Digits extended with zeros to the precision (`%.3d`); precision 0 prints 0 as nothing.
    fn with_precision(&self, digits: String) -> String {
        match self.precision {
            Some(0) if digits == "0" => String::new(),
            Some(p) if digits.len() < p => format!("{}{digits}", "0".repeat(p - digits.len())),
            _ => digits,
        }
    }

    /// `%d`, `%i`.
    pub(crate) fn signed(&self, v: i64) -> Vec<u8> {
        let digits = self.with_precision(v.unsigned_abs().to_string());
        self.pad(
            self.sign(v < 0),
            "",
            digits.as_bytes(),
            self.precision.is_none(),
        )
    }

    /// `%u`, `%o`, `%x`, `%X`.
    pub(crate) fn unsigned(&self, v: u64, conv: u8) -> Vec<u8> {
        let raw = match conv {
            b'o' => format!("{v:o}"),
            b'x' => format!("{v:x}"),
            b'X' => format!("{v:X}"),
            _ => v.to_string(),
        };
        let mut digits = self.with_precision(raw);
        let mut prefix = "";
        if self.alt {
            match conv {
                b'o' if !digits.starts_with('0') => digits.insert(0, '0'),
                b'x' if v != 0 => prefix = "0x",
                b'X' if v != 0 => prefix = "0X",
                _ => {}
            }
        }
        self.pad("", prefix, digits.as_bytes(), self.precision.is_none())
    }

    /// `%f %F %e %E %g %G %a %A`.
    pub(crate) fn float(&self, v: &LongDouble, conv: u8) -> Vec<u8> {
        let f = float::format(v, conv, self.precision, self.alt);
        self.pad(self.sign(f.neg), f.prefix, f.body.as_bytes(), f.finite)
    }

    /// `%s` and the strings of `%b %q %(…)T`: precision and width in bytes, as glibc counts.
    pub(crate) fn string(&self, s: &[u8]) -> Vec<u8> {
        let s = match self.precision {
            Some(p) if p < s.len() => &s[..p],
            _ => s,
        };
        self.pad("", "", s, false)
    }
}

/// A numeric argument read with a complaint: `Invalid` is bash's `invalid number` family
/// (the value is what could be read), `Range` its `Numerical result out of range` warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    None,
    Invalid,
    Range,
}

/// bash's message for an argument that is not a number (`sh_invalidnum`).
pub(crate) fn invalid_message(arg: &[u8]) -> Vec<u8> {
    let what: &[u8] = if arg.first() == Some(&b'0') && arg.get(1).is_some_and(u8::is_ascii_digit) {
        b"invalid octal number"
    } else if arg.starts_with(b"0x") {
        b"invalid hex number"
    } else {
        b"invalid number"
    };
    let mut msg = arg.to_vec();
    msg.extend_from_slice(b": ");
    msg.extend_from_slice(what);
    msg
}

/// The value of a `'c` / `"c` argument: the character's code (a code point for UTF-8).
pub(crate) fn char_code(rest: &[u8]) -> i64 {
    let Some(&first) = rest.first() else {
        return 0;
    };
    let len = match first {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    };
    match rest.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
        Some(s) if len > 1 => s.chars().next().map_or(0, |c| i64::from(u32::from(c))),
        _ => i64::from(first),
    }
}

/// Reads digits as `strtoumax(s, &end, 0)` does: blanks, a sign, `0x`/`0` prefixes. Returns
/// the magnitude (`None` on overflow), whether it is negative, and the bytes used (0: none).
fn strto(s: &[u8]) -> (Option<u64>, bool, usize) {
    let mut i = 0;
    while i < s.len() && super::is_space(s[i]) {
        i += 1;
    }
    let neg = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let (radix, start) = if s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    {
        (16, i + 2)
    } else if s.get(i) == Some(&b'0') {
        (8, i)
    } else {
        (10, i)
    };
    let mut j = start;
    let mut value = Some(0u64);
    while let Some(d) = s.get(j).and_then(|&c| (c as char).to_digit(radix)) {
        value = value
            .and_then(|v| v.checked_mul(u64::from(radix)))
            .and_then(|v| v.checked_add(u64::from(d)));
        j += 1;
    }
    if j == start {
        return (Some(0), false, 0);
    }
    (value, neg, j)
}

/// An argument of `%d %i` (and `*` widths): `strtoimax` with bash's checks.
pub(crate) fn intmax(arg: &[u8]) -> (i64, Problem) {
    if matches!(arg.first(), Some(b'\'' | b'"')) {
        return (char_code(&arg[1..]), Problem::None);
    }
    let (mag, neg, used) = strto(arg);
    let (value, range) = match mag {
        Some(m) if neg && m <= 1 << 63 => ((m as i64).wrapping_neg(), false),
        Some(m) if !neg && m <= i64::MAX as u64 => (m as i64, false),
        _ if neg => (i64::MIN, true),
        _ => (i64::MAX, true),
    };
    let problem = if used != arg.len() {
        Problem::Invalid
    } else if range {
        Problem::Range
    } else {
        Problem::None
    };
    (value, problem)
}

/// An argument of `%u %o %x %X`: `strtoumax` (negative numbers wrap around) with bash's checks.
pub(crate) fn uintmax(arg: &[u8]) -> (u64, Problem) {
    if matches!(arg.first(), Some(b'\'' | b'"')) {
        return (char_code(&arg[1..]) as u64, Problem::None);
    }
    let (mag, neg, used) = strto(arg);
    let (value, range) = match mag {
        Some(m) if neg => (m.wrapping_neg(), false),
        Some(m) => (m, false),
        None => (u64::MAX, true),
    };
    let problem = if used != arg.len() {
        Problem::Invalid
    } else if range {
        Problem::Range
    } else {
        Problem::None
    };
    (value, problem)
}

/// An argument of the floating conversions: `strtold` with bash's checks.
pub(crate) fn floatmax(arg: &[u8]) -> (LongDouble, Problem) {
    if matches!(arg.first(), Some(b'\'' | b'"')) {
        return (LongDouble::from_i64(char_code(&arg[1..])), Problem::None);
    }
    let p = float::parse(arg);
    let problem = if p.used != arg.len() {
        Problem::Invalid
    } else if p.range {
        Problem::Range
    } else {
        Problem::None
    };
    (p.value, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(flags: &str, width: usize, precision: Option<usize>) -> Spec {
        Spec {
            left: flags.contains('-'),
            plus: flags.contains('+'),
            space: flags.contains(' '),
            alt: flags.contains('#'),
            zero: flags.contains('0'),
            width,
            precision,
        }
    }

    #[test]
    fn integers_like_glibc() {
        assert_eq!(spec("0", 5, None).signed(42), b"00042");
        assert_eq!(spec("-+", 5, None).signed(1), b"+1   ");
        assert_eq!(spec(" 0", 5, None).signed(3), b" 0003");
        assert_eq!(spec("", 8, Some(3)).signed(7), b"     007");
        assert_eq!(spec("", 0, Some(0)).signed(0), b"");
        assert_eq!(spec("#", 0, None).unsigned(8, b'o'), b"010");
        assert_eq!(spec("#", 0, Some(0)).unsigned(0, b'o'), b"0");
        assert_eq!(spec("#", 0, None).unsigned(255, b'X'), b"0XFF");
        assert_eq!(spec("-#", 5, None).unsigned(10, b'x'), b"0xa  ");
    }

    #[test]
    fn arguments_like_bash() {
        assert_eq!(intmax(b"0x1F"), (31, Problem::None));
        assert_eq!(intmax(b"010"), (8, Problem::None));
        assert_eq!(intmax(b"12abc"), (12, Problem::Invalid));
        assert_eq!(intmax(b"'A"), (65, Problem::None));
        assert_eq!(intmax("'é".as_bytes()), (233, Problem::None));
        assert_eq!(intmax(b""), (0, Problem::None));
        assert_eq!(intmax(b"-"), (0, Problem::Invalid));
        assert_eq!(intmax(b"99999999999999999999"), (i64::MAX, Problem::Range));
        assert_eq!(uintmax(b"-1"), (u64::MAX, Problem::None));
        assert_eq!(invalid_message(b"08"), b"08: invalid octal number");
        assert_eq!(invalid_message(b"0x"), b"0x: invalid hex number");
    }
}
