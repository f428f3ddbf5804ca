//! `printf [-v var] format [arguments]` as bash 5.2 runs it.
//!
//! The format is reused while arguments remain (and at least one was used by the last pass);
//! missing arguments read as empty or 0. Numbers are read as C reads them (`0x1F`, `010`,
//! `'A`) with bash's complaints (`printf: x: invalid number`, status 1, the output still made).
//! Output is collected and written at the end, as bash's buffered stdout is, so messages come
//! first when both streams go to one place.

use super::numfmt::{self, Problem, Spec};
use super::shquote::quote_for_reuse;
use super::{getopt, is_assignable};
use crate::exec::{Flow, Interp};

/// What one pass over the format asked for.
enum Pass {
    /// Go on (reusing the format if arguments remain).
    Continue,
    /// Stop all output (`\c` in `%b`, or an error in the format).
    Stop,
}

/// The state of one `printf` run.
struct Run<'a> {
    args: &'a [Vec<u8>],
    next: usize,
    out: Vec<u8>,
    /// Messages for standard error, in order.
    errors: Vec<Vec<u8>>,
    /// Set by a conversion error (status 1 at the end).
    failed: bool,
    /// `%n` assignments: variable and byte count.
    counts: Vec<(Vec<u8>, usize)>,
    /// `printf '%(…)T'` with no argument: now.
    now: i64,
    start: i64,
}

impl Run<'_> {
    fn arg(&mut self) -> Option<&[u8]> {
        let a = self.args.get(self.next)?;
        self.next += 1;
        Some(a)
    }

    fn complain(&mut self, arg: &[u8], problem: Problem) {
        match problem {
            Problem::None => {}
            Problem::Invalid => {
                self.errors.push(numfmt::invalid_message(arg));
                self.failed = true;
            }
            Problem::Range => {
                let mut msg = b"warning: ".to_vec();
                msg.extend_from_slice(arg);
                msg.extend_from_slice(b": Numerical result out of range");
                self.errors.push(msg);
            }
        }
    }

    fn int_arg(&mut self) -> i64 {
        let Some(arg) = self.arg().map(<[u8]>::to_vec) else {
            return 0;
        };
        let (v, p) = numfmt::intmax(&arg);
        self.complain(&arg, p);
        v
    }

    fn str_arg(&mut self) -> Vec<u8> {
        self.arg().map(<[u8]>::to_vec).unwrap_or_default()
    }

    /// One pass over the format.
    fn pass(&mut self, fmt: &[u8]) -> Pass {
        let pass_start = self.out.len();
        let mut i = 0;
        while i < fmt.len() {
            let c = fmt[i];
            if c == b'\\' {
                let (bytes, used, _) = escape(&fmt[i + 1..], false, &mut self.errors);
                self.out.extend_from_slice(&bytes);
                i += 1 + used;
                continue;
            }
            if c != b'%' {
                self.out.push(c);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if fmt.get(i) == Some(&b'%') {
                self.out.push(b'%');
                i += 1;
                continue;
            }
            let mut spec = Spec::default();
            while let Some(&f) = fmt.get(i) {
                match f {
                    b'-' => spec.left = true,
                    b'+' => spec.plus = true,
                    b' ' => spec.space = true,
                    b'#' => spec.alt = true,
                    b'0' => spec.zero = true,
                    b'\'' => {}
                    _ => break,
                }
                i += 1;
            }
            if fmt.get(i) == Some(&b'*') {
                i += 1;
                let w = self
                    .int_arg()
                    .clamp(i64::from(i32::MIN), i64::from(i32::MAX));
                if w < 0 {
                    spec.left = true;
                }
                spec.width = w.unsigned_abs() as usize;
            } else {
                while let Some(d) = fmt.get(i).filter(|c| c.is_ascii_digit()) {
                    spec.width = spec
                        .width
                        .saturating_mul(10)
                        .saturating_add(usize::from(d - b'0'));
                    i += 1;
                }
            }
            if fmt.get(i) == Some(&b'.') {
                i += 1;
                if fmt.get(i) == Some(&b'*') {
                    i += 1;
                    let p = self
                        .int_arg()
                        .clamp(i64::from(i32::MIN), i64::from(i32::MAX));
                    spec.precision = (p >= 0).then_some(p as usize);
                } else {
                    let negative = fmt.get(i) == Some(&b'-');
                    if negative {
                        i += 1;
                    }
                    let mut p = 0usize;
                    while let Some(d) = fmt.get(i).filter(|c| c.is_ascii_digit()) {
                        p = p.saturating_mul(10).saturating_add(usize::from(d - b'0'));
                        i += 1;
                    }
                    spec.precision = (!negative).then_some(p);
                }
            }
            while fmt.get(i).is_some_and(|c| b"hjlLtz".contains(c)) {
                i += 1;
            }
            let Some(&conv) = fmt.get(i) else {
                let mut msg = b"`".to_vec();
                msg.extend_from_slice(&fmt[start..]);
                msg.extend_from_slice(b"': missing format character");
                self.errors.push(msg);
                self.failed = true;
                return Pass::Stop;
            };
            i += 1;
            // Widths and precisions are kept within what a C int holds, and sane.
            spec.width = spec.width.min(1 << 20);
            spec.precision = spec.precision.map(|p| p.min(1 << 20));
            match conv {
                b's' => {
                    let s = self.str_arg();
                    let text = spec.string(&s);
                    self.out.extend_from_slice(&text);
                }
                b'c' => {
                    let s = self.str_arg();
                    let text = Spec {
                        precision: None,
                        ..spec
                    }
                    .string(&[s.first().copied().unwrap_or(0)]);
                    self.out.extend_from_slice(&text);
                }
                b'b' => {
                    let s = self.str_arg();
                    let (expanded, stop) = expand_b(&s, &mut self.errors);
                    if !expanded.is_empty() {
                        self.out.extend_from_slice(&spec.string(&expanded));
                    }
                    if stop {
                        return Pass::Stop;
                    }
                }
                b'q' | b'Q' => {
                    let mut s = self.str_arg();
                    if conv == b'Q' {
                        if let Some(p) = spec.precision.take() {
                            s.truncate(p);
                        }
                    }
                    let quoted = quote_for_reuse(&s);
                    self.out.extend_from_slice(&spec.string(&quoted));
                }
                b'd' | b'i' => {
                    let v = self.int_arg();
                    self.out.extend_from_slice(&spec.signed(v));
                }
                b'o' | b'u' | b'x' | b'X' => {
                    let v = match self.arg().map(<[u8]>::to_vec) {
                        Some(arg) => {
                            let (v, p) = numfmt::uintmax(&arg);
                            self.complain(&arg, p);
                            v
                        }
                        None => 0,
                    };
                    self.out.extend_from_slice(&spec.unsigned(v, conv));
                }
                b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'a' | b'A' => {
                    let v = match self.arg().map(<[u8]>::to_vec) {
                        Some(arg) => {
                            let (v, p) = numfmt::floatmax(&arg);
                            self.complain(&arg, p);
                            v
                        }
                        None => super::float::LongDouble::from_i64(0),
                    };
                    self.out.extend_from_slice(&spec.float(&v, conv));
                }
                b'n' => {
                    let var = self.str_arg();
                    if !var.is_empty() {
                        if !super::is_name(&var) {
                            let mut msg = b"`".to_vec();
                            msg.extend_from_slice(&var);
                            msg.extend_from_slice(b"': not a valid identifier");
                            self.errors.push(msg);
                            self.failed = true;
                            return Pass::Stop;
                        }
                        self.counts.push((var, self.out.len() - pass_start));
                    }
                }
                b'(' => {
                    let Some(close) = fmt[i..].iter().position(|&c| c == b')') else {
                        self.errors
                            .push(b"`(': missing time format specification".to_vec());
                        self.failed = true;
                        return Pass::Stop;
                    };
                    let tfmt = &fmt[i..i + close];
                    i += close + 1;
                    if fmt.get(i) != Some(&b'T') {
                        let mut msg = b"warning: `".to_vec();
                        msg.push(fmt.get(i).copied().unwrap_or(b' '));
                        msg.extend_from_slice(b"': invalid time format specification");
                        self.errors.push(msg);
                        self.failed = true;
                        return Pass::Stop;
                    }
                    i += 1;
                    let secs = match self.arg().map(<[u8]>::to_vec) {
                        None => self.now,
                        Some(arg) => {
                            let (v, p) = numfmt::intmax(&arg);
                            self.complain(&arg, p);
                            match v {
                                -1 => self.now,
                                -2 => self.start,
                                v => v,
                            }
                        }
                    };
                    let tfmt: &[u8] = if tfmt.is_empty() { b"%X" } else { tfmt };
                    let text = super::strftime::strftime(tfmt, secs);
                    self.out.extend_from_slice(&spec.string(&text));
                }
                other => {
                    let mut msg = b"`".to_vec();
                    msg.push(other);
                    msg.extend_from_slice(b"': invalid format character");
                    self.errors.push(msg);
                    self.failed = true;
                    return Pass::Stop;
                }
            }
        }
        Pass::Continue
    }
}

impl Interp {
    /// `printf [-v var] format [arguments]`.
    pub(crate) async fn builtin_printf(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"v:") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"printf", e).await,
        };
        let var = parsed.opts.last().and_then(|o| o.1.clone());
        if let Some(v) = &var {
            if !is_assignable(v) {
                self.invalid_identifier(b"printf", v).await?;
                return Ok(2);
            }
        }
        let rest = &args[parsed.rest..];
        let Some(fmt) = rest.first() else {
            return self.usage(b"printf").await;
        };
        if fmt.is_empty() {
            if let Some(v) = &var {
                return Ok(if self.assign_target(v, Vec::new()).await? {
                    0
                } else {
                    1
                });
            }
            return Ok(0);
        }
        // `%(…)T` reads the engine's clock: `-1` is now, `-2` when the shell started.
        let clock = &self.ctx.clock;
        let now = clock.epoch_us().div_euclid(1_000_000);
        let running_ms = clock.monotonic_ms().saturating_sub(self.ctx.start_ms);
        let start = now - (running_ms / 1000) as i64;
        let mut run = Run {
            args: &rest[1..],
            next: 0,
            out: Vec::new(),
            errors: Vec::new(),
            failed: false,
            counts: Vec::new(),
            now,
            start,
        };
        loop {
            let before = run.next;
            let pass = run.pass(fmt);
            if matches!(pass, Pass::Stop) || run.next == before || run.next >= run.args.len() {
                break;
            }
        }
        let Run {
            out,
            errors,
            failed,
            counts,
            ..
        } = run;
        for e in errors {
            self.builtin_error(b"printf", &e, 1).await?;
        }
        let mut status = i32::from(failed);
        for (name, n) in counts {
            if !self
                .assign_target(&name, n.to_string().into_bytes())
                .await?
            {
                status = 1;
            }
        }
        match var {
            Some(v) => {
                if !self.assign_target(&v, out).await? {
                    status = 1;
                }
            }
            None => self.out(&out).await?,
        }
        Ok(status)
    }
}

/// One backslash escape (the text after the `\`) of a format (`in_b` false) or of a `%b`
/// argument: the bytes it stands for, how many bytes it used, and whether it was `\c` (only
/// in `%b`: stop all output).
pub(crate) fn escape(s: &[u8], in_b: bool, errors: &mut Vec<Vec<u8>>) -> (Vec<u8>, usize, bool) {
    let Some(&c) = s.first() else {
        return (b"\\".to_vec(), 0, false);
    };
    let count = |from: usize, max: usize, radix: u32| {
        s[from..]
            .iter()
            .take(max)
            .take_while(|&&d| (d as char).is_digit(radix))
            .count()
    };
    let value = |from: usize, n: usize, radix: u32| {
        s[from..from + n].iter().fold(0u32, |v, &d| {
            v.wrapping_mul(radix)
                .wrapping_add((d as char).to_digit(radix).unwrap_or(0))
        })
    };
    let one = |b: u8| (vec![b], 1, false);
    match c {
        b'a' => one(7),
        b'b' => one(8),
        b'e' | b'E' => one(0x1b),
        b'f' => one(12),
        b'n' => one(b'\n'),
        b'r' => one(b'\r'),
        b't' => one(b'\t'),
        b'v' => one(11),
        b'\\' => one(b'\\'),
        b'"' | b'\'' | b'?' if !in_b => one(c),
        b'c' if in_b => (Vec::new(), 1, true),
        b'0' if in_b => {
            let n = count(1, 3, 8);
            (vec![value(1, n, 8) as u8], 1 + n, false)
        }
        b'0'..=b'7' => {
            let n = count(0, 3, 8);
            (vec![value(0, n, 8) as u8], n, false)
        }
        b'x' => {
            let n = count(1, 2, 16);
            if n == 0 {
                errors.push(b"missing hex digit for \\x".to_vec());
                return (b"\\x".to_vec(), 1, false);
            }
            (vec![value(1, n, 16) as u8], 1 + n, false)
        }
        b'u' | b'U' => {
            let n = count(1, if c == b'u' { 4 } else { 8 }, 16);
            if n == 0 {
                errors.push(format!("missing unicode digit for \\{}", c as char).into_bytes());
                return (vec![b'\\', c], 1, false);
            }
            (utf8_encode(value(1, n, 16)), 1 + n, false)
        }
        _ => (vec![b'\\', c], 1, false),
    }
}

/// UTF-8 bytes for any code point bash can be given, surrogates and values past U+10FFFF
/// included (bash encodes them without checking).
fn utf8_encode(v: u32) -> Vec<u8> {
    match v {
        0..=0x7f => vec![v as u8],
        0x80..=0x7ff => vec![0xc0 | (v >> 6) as u8, 0x80 | (v & 0x3f) as u8],
        0x800..=0xffff => vec![
            0xe0 | (v >> 12) as u8,
            0x80 | ((v >> 6) & 0x3f) as u8,
            0x80 | (v & 0x3f) as u8,
        ],
        0x10000..=0x1f_ffff => vec![
            0xf0 | (v >> 18) as u8,
            0x80 | ((v >> 12) & 0x3f) as u8,
            0x80 | ((v >> 6) & 0x3f) as u8,
            0x80 | (v & 0x3f) as u8,
        ],
        0x20_0000..=0x3ff_ffff => vec![
            0xf8 | (v >> 24) as u8,
            0x80 | ((v >> 18) & 0x3f) as u8,
            0x80 | ((v >> 12) & 0x3f) as u8,
            0x80 | ((v >> 6) & 0x3f) as u8,
            0x80 | (v & 0x3f) as u8,
        ],
        _ => vec![
            0xfc | ((v >> 30) & 1) as u8,
            0x80 | ((v >> 24) & 0x3f) as u8,
            0x80 | ((v >> 18) & 0x3f) as u8,
            0x80 | ((v >> 12) & 0x3f) as u8,
            0x80 | ((v >> 6) & 0x3f) as u8,
            0x80 | (v & 0x3f) as u8,
        ],
    }
}

/// Expands the escapes of a `%b` argument; the flag is set when `\c` ended the output.
pub(crate) fn expand_b(s: &[u8], errors: &mut Vec<Vec<u8>>) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let (bytes, used, stop) = escape(&s[i + 1..], true, errors);
        out.extend_from_slice(&bytes);
        if stop {
            return (out, true);
        }
        i += 1 + used;
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut e = Vec::new();
        assert_eq!(
            expand_b(b"a\\0101\\101\\x41\\c|", &mut e),
            (b"aAAA".to_vec(), true)
        );
        assert_eq!(escape(b"0101", false, &mut e).0, vec![0o10]);
        assert_eq!(escape(b"400", false, &mut e).0, vec![0]);
        assert_eq!(escape(b"U1F600", false, &mut e).0, "😀".as_bytes());
        assert_eq!(escape(b"?", true, &mut e).0, b"\\?");
        assert!(e.is_empty());
        assert_eq!(escape(b"xg", false, &mut e).0, b"\\x");
        assert_eq!(e.len(), 1);
    }
}
