//! Floating point as bash's `printf` sees it: x87 `long double` (a 64-bit mantissa and a 15-bit
//! exponent), read as `strtold` reads it and written as glibc's `%f %e %g %a` write it.
//!
//! Bash converts `%f` arguments with `strtold`, so `printf '%.20f' 0.1` shows
//! `0.10000000000000000000`, not the `0.10000000000000000555` a `double` would give. The value
//! is kept here as `mantissa × 2^exp` and every conversion is exact big-integer arithmetic
//! with round-half-even, so the digits are glibc's at any precision.

use super::bignum::Big;

/// A `long double`: its sign and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LongDouble {
    pub(crate) neg: bool,
    pub(crate) kind: Kind,
}

/// The class and magnitude of a [`LongDouble`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Zero,
    /// `mant × 2^exp`, `mant` with its top bit set.
    Finite {
        mant: u64,
        exp: i32,
    },
    Inf,
    Nan,
}

/// What [`parse`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) value: LongDouble,
    /// Bytes of the text used (0: no number at all).
    pub(crate) used: usize,
    /// The value over- or underflowed (`strtold`'s ERANGE).
    pub(crate) range: bool,
}

impl LongDouble {
    /// A finite value from an integer.
    pub(crate) fn from_i64(v: i64) -> LongDouble {
        let neg = v < 0;
        let m = v.unsigned_abs();
        if m == 0 {
            return LongDouble {
                neg,
                kind: Kind::Zero,
            };
        }
        let shift = m.leading_zeros();
        LongDouble {
            neg,
            kind: Kind::Finite {
                mant: m << shift,
                exp: -(shift as i32),
            },
        }
    }
}

/// Reads a number as `strtold` does: blanks, a sign, then `inf`/`infinity`, `nan[(…)]`, a hex
/// float (`0x1.8p3`) or a decimal one (`1.5e3`), as much as forms a number.
pub(crate) fn parse(s: &[u8]) -> Parsed {
    let mut i = 0;
    while i < s.len() && super::is_space(s[i]) {
        i += 1;
    }
    let neg = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let rest = &s[i..];
    let lower = |n: usize| rest.get(..n).map(|p| p.to_ascii_lowercase());
    let special = |kind, used| Parsed {
        value: LongDouble { neg, kind },
        used,
        range: false,
    };
    if lower(8).as_deref() == Some(b"infinity") {
        return special(Kind::Inf, i + 8);
    }
    if lower(3).as_deref() == Some(b"inf") {
        return special(Kind::Inf, i + 3);
    }
    if lower(3).as_deref() == Some(b"nan") {
        let mut used = i + 3;
        if s.get(used) == Some(&b'(') {
            let body = s[used + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            if s.get(used + 1 + body) == Some(&b')') {
                used += body + 2;
            }
        }
        return special(Kind::Nan, used);
    }
    let hex = rest.len() > 2
        && rest[0] == b'0'
        && matches!(rest[1], b'x' | b'X')
        && (rest[2].is_ascii_hexdigit()
            || (rest[2] == b'.' && rest.get(3).is_some_and(u8::is_ascii_hexdigit)));
    let (radix, start) = if hex { (16u32, i + 2) } else { (10, i) };
    let mut n = Big::from_u64(0);
    let (mut j, mut digits, mut frac_digits, mut seen_point) = (start, 0usize, 0i64, false);
    // Digits past what can matter only need to say whether they are zero.
    let (mut dropped, mut sticky) = (0i64, false);
    while let Some(&c) = s.get(j) {
        if c == b'.' && !seen_point {
            seen_point = true;
            j += 1;
            continue;
        }
        let Some(d) = (c as char).to_digit(radix) else {
            break;
        };
        digits += 1;
        if n.limbs() < 700 {
            n.mul_small(radix);
            n.add_small(d);
            if seen_point {
                frac_digits += 1;
            }
        } else {
            sticky |= d != 0;
            if !seen_point {
                dropped += 1;
            }
        }
        j += 1;
    }
    if digits == 0 {
        return Parsed {
            value: LongDouble {
                neg: false,
                kind: Kind::Zero,
            },
            used: 0,
            range: false,
        };
    }
    let mut exp_val: i64 = 0;
    let marker: &[u8] = if hex { b"pP" } else { b"eE" };
    if s.get(j).is_some_and(|c| marker.contains(c)) {
        let mut k = j + 1;
        let eneg = s.get(k) == Some(&b'-');
        if matches!(s.get(k), Some(b'-' | b'+')) {
            k += 1;
        }
        if s.get(k).is_some_and(u8::is_ascii_digit) {
            while let Some(d) = s.get(k).filter(|c| c.is_ascii_digit()) {
                exp_val = (exp_val * 10 + i64::from(d - b'0')).min(1 << 40);
                k += 1;
            }
            if eneg {
                exp_val = -exp_val;
            }
            j = k;
        }
    }
    let (kind, range) = if n.is_zero() {
        (Kind::Zero, false)
    } else if hex {
        let e2 = exp_val - 4 * frac_digits + 4 * dropped;
        from_big(n, e2, sticky)
    } else {
        let e10 = exp_val - frac_digits + dropped;
        let magnitude = e10 + n.decimal_len_estimate();
        if magnitude > 5000 {
            (Kind::Inf, true)
        } else if magnitude < -5000 {
            (Kind::Zero, true)
        } else if e10 >= 0 {
            n.mul_pow10(e10 as u32);
            from_big(n, 0, sticky)
        } else {
            let k = (-e10) as u32;
            // Enough extra bits that the quotient keeps 66 significant bits.
            let need = 66 + (f64::from(k) * std::f64::consts::LOG2_10).ceil() as i64 + 2;
            let shift = (need - i64::from(n.bits())).max(0);
            n.shl(shift as u32);
            let rem = n.div_pow10(k);
            from_big(n, -shift, sticky || rem)
        }
    };
    Parsed {
        value: LongDouble { neg, kind },
        used: j,
        range,
    }
}

/// `n × 2^e2` rounded to 64 bits (half to even, `sticky` saying bits below `n` were lost).
fn from_big(mut n: Big, e2: i64, sticky: bool) -> (Kind, bool) {
    if n.is_zero() {
        return (Kind::Zero, false);
    }
    let bits = i64::from(n.bits());
    let mut exp = e2 + bits - 64;
    let mant = if bits > 64 {
        let shift = (bits - 64) as u32;
        let half = n.bit(shift - 1);
        let below = n.any_below(shift - 1) || sticky;
        n.shr(shift);
        let mut m = n.to_u64();
        if half && (below || m & 1 == 1) {
            m = m.wrapping_add(1);
            if m == 0 {
                m = 1 << 63;
                exp += 1;
            }
        }
        m
    } else {
        n.to_u64() << (64 - bits)
    };
    if exp + 63 > 16383 {
        (Kind::Inf, true)
    } else if exp + 63 < -16445 {
        (Kind::Zero, true)
    } else {
        let exp = exp as i32;
        (Kind::Finite { mant, exp }, exp + 63 < -16382)
    }
}

/// A value formatted by [`format`]: the sign, an optional `0x` prefix and the digits, kept
/// apart so `printf` can put zero padding between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Formatted {
    pub(crate) neg: bool,
    pub(crate) prefix: &'static str,
    pub(crate) body: String,
    /// `inf`/`nan` are never zero-padded.
    pub(crate) finite: bool,
}

/// Formats `v` for conversion `conv` (`f F e E g G a A`) with a precision and the `#` flag.
pub(crate) fn format(v: &LongDouble, conv: u8, prec: Option<usize>, alt: bool) -> Formatted {
    let upper = conv.is_ascii_uppercase();
    let finished = |prefix: &'static str, body: String, finite: bool| Formatted {
        neg: v.neg,
        prefix,
        body: if upper {
            body.to_ascii_uppercase()
        } else {
            body
        },
        finite,
    };
    let (mant, exp) = match v.kind {
        Kind::Inf => return finished("", "inf".into(), false),
        Kind::Nan => return finished("", "nan".into(), false),
        Kind::Zero => (0, 0),
        Kind::Finite { mant, exp } => (mant, exp),
    };
    match conv.to_ascii_lowercase() {
        b'a' => {
            let (_, body) = hex_float(mant, exp, prec, alt);
            finished(if upper { "0X" } else { "0x" }, body, true)
        }
        b'e' => finished("", exp_form(mant, exp, prec.unwrap_or(6), alt), true),
        b'g' => finished("", general(mant, exp, prec.unwrap_or(6), alt), true),
        _ => finished("", fixed(mant, exp, prec.unwrap_or(6), alt), true),
    }
}

/// Digits past this many are zeros for every `long double` (its smallest subnormal has fewer
/// than 16,500 significant decimals): longer precisions are computed to here and padded.
const MAX_DIGITS: usize = 17_000;

/// `%f`: digits of `mant × 2^exp` rounded to `prec` decimals.
fn fixed(mant: u64, exp: i32, prec: usize, alt: bool) -> String {
    if prec > MAX_DIGITS {
        return fixed(mant, exp, MAX_DIGITS, alt) + &"0".repeat(prec - MAX_DIGITS);
    }
    let digits = scaled(mant, exp, prec as i64).to_decimal();
    let mut digits = String::from_utf8(digits).unwrap_or_default();
    while digits.len() < prec + 1 {
        digits.insert(0, '0');
    }
    let point = digits.len() - prec;
    let mut out = digits[..point].to_string();
    if prec > 0 || alt {
        out.push('.');
    }
    out.push_str(&digits[point..]);
    out
}

/// The decimal exponent and `prec + 1` significant digits of `mant × 2^exp`, rounded.
fn significant(mant: u64, exp: i32, prec: usize) -> (i64, Vec<u8>) {
    if mant == 0 {
        return (0, vec![b'0'; prec + 1]);
    }
    let estimate = (mant as f64).log10() + f64::from(exp) * std::f64::consts::LOG10_2;
    let mut x = estimate.floor() as i64;
    loop {
        let digits = scaled(mant, exp, prec as i64 - x).to_decimal();
        match digits.len().cmp(&(prec + 1)) {
            std::cmp::Ordering::Equal => return (x, digits),
            std::cmp::Ordering::Greater => x += 1,
            std::cmp::Ordering::Less => x -= 1,
        }
    }
}

/// `%e`: `d.ddde±XX`.
fn exp_form(mant: u64, exp: i32, prec: usize, alt: bool) -> String {
    if prec > MAX_DIGITS {
        let short = exp_form(mant, exp, MAX_DIGITS, alt);
        let e = short.find('e').unwrap_or(short.len());
        return format!(
            "{}{}{}",
            &short[..e],
            "0".repeat(prec - MAX_DIGITS),
            &short[e..]
        );
    }
    let (x, digits) = significant(mant, exp, prec);
    let digits = String::from_utf8(digits).unwrap_or_default();
    let mut out = digits[..1].to_string();
    if prec > 0 || alt {
        out.push('.');
    }
    out.push_str(&digits[1..]);
    out.push_str(&format!("e{}{:02}", if x < 0 { '-' } else { '+' }, x.abs()));
    out
}

/// `%g`: `%e` or `%f` by the exponent, trailing zeros removed unless `#`.
fn general(mant: u64, exp: i32, prec: usize, alt: bool) -> String {
    let p = prec.max(1);
    let (x, _) = significant(mant, exp, (p - 1).min(MAX_DIGITS));
    let mut out = if x < -4 || x >= p as i64 {
        exp_form(mant, exp, p - 1, alt)
    } else {
        fixed(mant, exp, (p as i64 - 1 - x) as usize, alt)
    };
    if !alt {
        let (num, tail) = match out.find('e') {
            Some(e) => (out[..e].to_string(), out[e..].to_string()),
            None => (out.clone(), String::new()),
        };
        let num = if num.contains('.') {
            num.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            num
        };
        out = num + &tail;
    }
    out
}

/// `%a` for a `long double`: glibc writes the top four mantissa bits as the leading digit
/// (`0x8p-3` for 1), the other 60 as fifteen hex digits.
fn hex_float(mant: u64, exp: i32, prec: Option<usize>, alt: bool) -> (&'static str, String) {
    if mant == 0 {
        let zeros = "0".repeat(prec.unwrap_or(0));
        let point = if !zeros.is_empty() || alt { "." } else { "" };
        return ("0x", format!("0{point}{zeros}p+0"));
    }
    let mut lead = mant >> 60;
    let mut frac = mant & ((1 << 60) - 1);
    let mut e2 = i64::from(exp) + 60;
    let digits = match prec {
        Some(p) if p < 15 => {
            let shift = 4 * (15 - p) as u32;
            let mut keep = frac >> shift;
            let rem = frac & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            let odd = if p == 0 { lead & 1 } else { keep & 1 };
            if rem > half || (rem == half && odd == 1) {
                keep += 1;
                if p == 0 || keep >> (4 * p) != 0 {
                    keep = 0;
                    lead += 1;
                    if lead == 16 {
                        lead = 1;
                        e2 += 4;
                    }
                }
            }
            frac = keep;
            if p == 0 {
                String::new()
            } else {
                format!("{frac:0width$x}", width = p)
            }
        }
        Some(p) => format!("{frac:015x}{}", "0".repeat(p - 15)),
        None => format!("{frac:015x}").trim_end_matches('0').to_string(),
    };
    let point = if !digits.is_empty() || alt { "." } else { "" };
    let sign = if e2 < 0 { '-' } else { '+' };
    ("0x", format!("{lead:x}{point}{digits}p{sign}{}", e2.abs()))
}

/// `round_half_even(mant × 2^exp × 10^a)`.
fn scaled(mant: u64, exp: i32, a: i64) -> Big {
    let mut n = Big::from_u64(mant);
    if a > 0 {
        n.mul_pow10(a as u32);
    }
    if exp > 0 {
        n.shl(exp as u32);
    }
    // One extra bit below the units: the half bit of the rounding.
    n.shl(1);
    let mut sticky = false;
    if exp < 0 {
        sticky |= n.any_below(exp.unsigned_abs());
        n.shr(exp.unsigned_abs());
    }
    if a < 0 {
        sticky |= n.div_pow10(a.unsigned_abs() as u32);
    }
    let half = n.bit(0);
    n.shr(1);
    if half && (sticky || n.bit(0)) {
        n.add_small(1);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str, conv: u8, prec: Option<usize>) -> String {
        let p = parse(text.as_bytes());
        let r = format(&p.value, conv, prec, false);
        format!("{}{}{}", if r.neg { "-" } else { "" }, r.prefix, r.body)
    }

    #[test]
    fn long_double_digits() {
        assert_eq!(f("0.1", b'f', Some(20)), "0.10000000000000000000");
        assert_eq!(
            f("0.1", b'f', Some(50)),
            "0.10000000000000000000135525271560688054250931600109"
        );
        assert_eq!(
            f("1e300", b'e', Some(30)),
            "1.000000000000000000008997324080e+300"
        );
        assert_eq!(
            f("123456789012345678901234567890", b'f', None),
            "123456789012345678899921813504.000000"
        );
        assert_eq!(f("2.5", b'f', Some(0)), "2");
        assert_eq!(f("3.5", b'f', Some(0)), "4");
    }

    #[test]
    fn general_and_hex() {
        assert_eq!(f("1234567", b'g', None), "1.23457e+06");
        assert_eq!(f("0.0001", b'g', None), "0.0001");
        assert_eq!(f("0.00001", b'g', None), "1e-05");
        assert_eq!(f("0", b'g', None), "0");
        assert_eq!(f("1", b'a', None), "0x8p-3");
        assert_eq!(f("0.1", b'A', None), "0XC.CCCCCCCCCCCCCCDP-7");
        assert_eq!(f("255", b'a', Some(0)), "0x1p+8");
        assert_eq!(f("1", b'a', Some(2)), "0x8.00p-3");
        assert_eq!(f("-2.5", b'a', None), "-0xap-2");
        assert_eq!(f("0x1.8p1", b'f', None), "3.000000");
    }

    #[test]
    fn strtold_prefixes() {
        assert_eq!(parse(b"1.5x").used, 3);
        assert_eq!(parse(b"1e").used, 1);
        assert_eq!(parse(b"abc").used, 0);
        assert_eq!(parse(b"0x").used, 1);
        assert_eq!(parse(b"nan(abc)").used, 8);
        assert_eq!(parse(b"  -inf").value.kind, Kind::Inf);
        assert!(parse(b"1e5000").range);
    }
}
