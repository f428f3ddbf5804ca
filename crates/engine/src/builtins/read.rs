//! `read` and `mapfile`/`readarray`: reading standard input into variables.
//!
//! Both read from the shell's standard input, which later commands share, so they take only
//! what they use: `read` stops after its delimiter (or its `-n`/`-N` characters) and puts back
//! the rest of a chunk for the next reader.

use super::{getopt, is_assignable, is_name, legal_number};
use crate::exec::{Flow, Interp};
use crate::state::Value;

/// A byte of input and whether a backslash quoted it (quoted bytes never split fields and are
/// never stripped).
type Marked = (u8, bool);

/// How `read` reads.
struct ReadOptions {
    raw: bool,
    delim: u8,
    /// `-n N` (`false`) or `-N N` (`true`).
    count: Option<(usize, bool)>,
}

impl Interp {
    /// `read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt]
    /// [-t timeout] [-u fd] [name …]`.
    pub(crate) async fn builtin_read(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"ersa:d:i:n:N:p:t:u:") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"read", e).await,
        };
        let mut opts = ReadOptions {
            raw: false,
            delim: b'\n',
            count: None,
        };
        let mut array = None;
        let mut timeout_zero = false;
        for (c, value) in parsed.opts {
            let value = value.unwrap_or_default();
            match c {
                b'r' => opts.raw = true,
                b'a' => array = Some(value),
                b'd' => opts.delim = value.first().copied().unwrap_or(0),
                b'n' | b'N' => match legal_number(&value) {
                    Some(n) if n >= 0 => opts.count = Some((n as usize, c == b'N')),
                    _ => {
                        let mut msg = value;
                        msg.extend_from_slice(b": invalid number");
                        return self.builtin_error(b"read", &msg, 1).await;
                    }
                },
                b't' => match parse_timeout(&value) {
                    Some(zero) => timeout_zero = zero,
                    None => {
                        let mut msg = value;
                        msg.extend_from_slice(b": invalid timeout specification");
                        return self.builtin_error(b"read", &msg, 1).await;
                    }
                },
                b'u' => match legal_number(&value) {
                    Some(0) => {}
                    Some(n) if n >= 0 => {
                        let msg = format!("{n}: invalid file descriptor: Bad file descriptor");
                        return self.builtin_error(b"read", msg.as_bytes(), 1).await;
                    }
                    _ => {
                        let mut msg = value;
                        msg.extend_from_slice(b": invalid file descriptor specification");
                        return self.builtin_error(b"read", &msg, 1).await;
                    }
                },
                // -e (readline), -s (no echo), -i (readline text) and -p (a prompt shown only
                // on a terminal) change nothing when input is not a terminal.
                _ => {}
            }
        }
        let names = &args[parsed.rest..];
        if let Some(a) = &array {
            if !is_name(a) {
                return self.invalid_identifier(b"read", a).await;
            }
        } else {
            for name in names {
                if !is_assignable(name) {
                    return self.invalid_identifier(b"read", name).await;
                }
            }
        }
        if timeout_zero {
            return Ok(0);
        }
        let (line, eof) = self.read_marked(&opts).await?;
        let ifs = if matches!(opts.count, Some((_, true))) {
            Vec::new()
        } else {
            self.ifs()
        };
        let plain = |m: &[Marked]| m.iter().map(|&(c, _)| c).collect::<Vec<u8>>();
        let mut ok = true;
        if let Some(a) = array {
            let fields: Vec<Vec<u8>> = split_all(&line, &ifs).iter().map(|f| plain(f)).collect();
            let value = Value::Indexed((0..).zip(fields).collect());
            if let Err(e) = self.state.vars_mut().set_value(&a, value) {
                self.var_error(e).await?;
                return Ok(1);
            }
        } else if names.is_empty() {
            ok = self.assign_target(b"REPLY", plain(&line)).await?;
        } else {
            let mut rest: &[Marked] = &line;
            if !ifs.is_empty() {
                rest = skip_ifs_space(rest, &ifs);
            }
            for (k, name) in names.iter().enumerate() {
                let value = if k + 1 == names.len() {
                    last_field(rest, &ifs)
                } else if ifs.is_empty() {
                    std::mem::take(&mut rest).to_vec()
                } else {
                    let (word, after) = next_field(rest, &ifs);
                    rest = after;
                    word
                };
                if !self.assign_target(name, plain(&value)).await? {
                    ok = false;
                    break;
                }
            }
        }
        Ok(if eof || !ok { 1 } else { 0 })
    }

    /// Reads one record: bytes up to the delimiter (or the character count), backslashes
    /// processed unless `raw`. The flag is set at the end of input.
    async fn read_marked(&mut self, o: &ReadOptions) -> Result<(Vec<Marked>, bool), Flow> {
        let mut line: Vec<Marked> = Vec::new();
        let (limit, exact) = match o.count {
            Some((n, exact)) => (Some(n), exact),
            None => (None, false),
        };
        if limit == Some(0) {
            return Ok((line, false));
        }
        let max = self.ctx.limits.max_string_bytes;
        let (mut chars, mut pending_cont, mut escape_next) = (0usize, 0usize, false);
        loop {
            let Some(chunk) = self.io.stdin.read_chunk().await else {
                return Ok((line, true));
            };
            let mut i = 0;
            let mut done = false;
            while i < chunk.len() {
                let c = chunk[i];
                i += 1;
                if c == 0 && (o.delim != 0 || exact || escape_next) {
                    continue;
                }
                if escape_next {
                    escape_next = false;
                    if c == b'\n' {
                        continue;
                    }
                    line.push((c, true));
                } else if c == b'\\' && !o.raw {
                    escape_next = true;
                    continue;
                } else if c == o.delim && !exact && pending_cont == 0 {
                    done = true;
                    break;
                } else {
                    line.push((c, false));
                }
                // Count whole characters: a UTF-8 lead byte announces its continuation bytes.
                if pending_cont > 0 && (0x80..0xc0).contains(&c) {
                    pending_cont -= 1;
                } else {
                    pending_cont = match c {
                        0xc2..=0xdf => 1,
                        0xe0..=0xef => 2,
                        0xf0..=0xf4 => 3,
                        _ => 0,
                    };
                }
                if pending_cont == 0 {
                    chars += 1;
                    if limit == Some(chars) {
                        done = true;
                        break;
                    }
                }
                if line.len() > max {
                    return Err(Flow::Limit(format!(
                        "read: input line exceeds the limit of {max} bytes"
                    )));
                }
            }
            if done {
                self.io.stdin.unread(chunk.slice(i..)).await;
                return Ok((line, false));
            }
        }
    }

    /// `mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback]
    /// [-c quantum] [array]` (also `readarray`).
    pub(crate) async fn builtin_mapfile(
        &mut self,
        name: &[u8],
        args: &[Vec<u8>],
    ) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"d:n:O:s:tu:C:c:") {
            Ok(p) => p,
            Err(e) => return self.bad_option(name, e).await,
        };
        let (mut delim, mut count, mut origin, mut skip, mut strip) = (b'\n', 0, None, 0, false);
        let (mut callback, mut quantum) = (None, 5000);
        for (c, value) in parsed.opts {
            let value = value.unwrap_or_default();
            let number = legal_number(&value).filter(|n| *n >= 0);
            let complaint: &[u8] = match c {
                b'd' => {
                    delim = value.first().copied().unwrap_or(0);
                    continue;
                }
                b't' => {
                    strip = true;
                    continue;
                }
                b'C' => {
                    callback = Some(value);
                    continue;
                }
                b'n' => match number {
                    Some(n) => {
                        count = n as usize;
                        continue;
                    }
                    None => b"invalid line count",
                },
                b's' => match number {
                    Some(n) => {
                        skip = n as usize;
                        continue;
                    }
                    None => b"invalid line count",
                },
                b'O' => match number {
                    Some(n) => {
                        origin = Some(n);
                        continue;
                    }
                    None => b"invalid array origin",
                },
                b'c' => match number.filter(|n| *n > 0) {
                    Some(n) => {
                        quantum = n as usize;
                        continue;
                    }
                    None => b"invalid callback quantum",
                },
                _ => match legal_number(&value) {
                    Some(0) => continue,
                    Some(n) if n > 0 => {
                        let msg = format!("{n}: invalid file descriptor: Bad file descriptor");
                        return self.builtin_error(name, msg.as_bytes(), 1).await;
                    }
                    _ => b"invalid file descriptor specification",
                },
            };
            let mut msg = value;
            msg.extend_from_slice(b": ");
            msg.extend_from_slice(complaint);
            return self.builtin_error(name, &msg, 1).await;
        }
        let array = args
            .get(parsed.rest)
            .cloned()
            .unwrap_or_else(|| b"MAPFILE".to_vec());
        if !is_name(&array) {
            return self.invalid_identifier(name, &array).await;
        }
        let mut elements = match (origin, self.state.vars.get(&array).map(|v| &v.value)) {
            (Some(_), Some(Value::Indexed(a))) => a.clone(),
            (Some(_), Some(Value::Scalar(s))) => [(0, s.clone())].into_iter().collect(),
            _ => Default::default(),
        };
        if let Err(e) = self
            .state
            .vars_mut()
            .set_value(&array, Value::Indexed(elements.clone()))
        {
            self.var_error(e).await?;
            return Ok(1);
        }
        let mut index = origin.unwrap_or(0);
        let (mut read, mut stored) = (0usize, 0usize);
        let max = self.ctx.limits.max_string_bytes;
        while count == 0 || stored < count {
            let Some(mut line) = self.io.stdin.read_until(delim, max).await else {
                break;
            };
            read += 1;
            if read <= skip {
                continue;
            }
            if strip && line.last() == Some(&delim) {
                line.pop();
            }
            if let Some(cb) = &callback {
                if stored % quantum == quantum - 1 {
                    // The lines before this one are assigned; then `callback INDEX LINE` runs.
                    let _ = self
                        .state
                        .vars_mut()
                        .set_value(&array, Value::Indexed(elements.clone()));
                    let mut script = cb.clone();
                    script.extend_from_slice(format!(" {index} ").as_bytes());
                    script.extend(crate::quote::quote(&line));
                    if let Ok(program) = vbash_syntax::parse(&script) {
                        self.run_program(&program).await?;
                    }
                }
            }
            elements.insert(index, line);
            index += 1;
            stored += 1;
        }
        if let Err(e) = self
            .state
            .vars_mut()
            .set_value(&array, Value::Indexed(elements))
        {
            self.var_error(e).await?;
            return Ok(1);
        }
        Ok(0)
    }
}

/// `-t TIMEOUT`: `Some(true)` for zero, `Some(false)` for a positive (fractional) number.
fn parse_timeout(s: &[u8]) -> Option<bool> {
    let text = std::str::from_utf8(s).ok()?;
    if text.is_empty() || !text.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
        return None;
    }
    let v: f64 = text.parse().ok()?;
    Some(v == 0.0)
}

fn is_ifs_space(c: u8, ifs: &[u8]) -> bool {
    matches!(c, b' ' | b'\t' | b'\n') && ifs.contains(&c)
}

fn is_sep(m: Marked, ifs: &[u8]) -> bool {
    !m.1 && ifs.contains(&m.0)
}

fn skip_ifs_space<'a>(s: &'a [Marked], ifs: &[u8]) -> &'a [Marked] {
    let n = s
        .iter()
        .take_while(|m| !m.1 && is_ifs_space(m.0, ifs))
        .count();
    &s[n..]
}

/// The next field and what follows its separator: IFS white space around it and at most one
/// other IFS character are part of the separator.
fn next_field<'a>(s: &'a [Marked], ifs: &[u8]) -> (Vec<Marked>, &'a [Marked]) {
    let end = s.iter().position(|&m| is_sep(m, ifs)).unwrap_or(s.len());
    let word = s[..end].to_vec();
    let mut rest = skip_ifs_space(&s[end..], ifs);
    if let Some(&m) = rest.first() {
        if is_sep(m, ifs) && !is_ifs_space(m.0, ifs) {
            rest = skip_ifs_space(&rest[1..], ifs);
        }
    }
    (word, rest)
}

/// The value of the last name: the rest of the line without trailing IFS white space, unless
/// the rest is one field and its separator, which gives just the field.
fn last_field(rest: &[Marked], ifs: &[u8]) -> Vec<Marked> {
    if ifs.is_empty() || rest.is_empty() {
        return rest.to_vec();
    }
    let (word, after) = next_field(rest, ifs);
    if after.is_empty() {
        return word;
    }
    let keep = rest.len()
        - rest
            .iter()
            .rev()
            .take_while(|m| !m.1 && is_ifs_space(m.0, ifs))
            .count();
    rest[..keep].to_vec()
}

/// Every field of the line (`read -a`).
fn split_all(line: &[Marked], ifs: &[u8]) -> Vec<Vec<Marked>> {
    if ifs.is_empty() {
        return if line.is_empty() {
            Vec::new()
        } else {
            vec![line.to_vec()]
        };
    }
    let mut rest = skip_ifs_space(line, ifs);
    let mut fields = Vec::new();
    while !rest.is_empty() {
        let (word, after) = next_field(rest, ifs);
        fields.push(word);
        rest = after;
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &str) -> Vec<Marked> {
        s.bytes().map(|c| (c, false)).collect()
    }

    fn text(m: &[Marked]) -> String {
        m.iter().map(|&(c, _)| c as char).collect()
    }

    fn read_into(line: &str, ifs: &str, n: usize) -> Vec<String> {
        let line = marked(line);
        let ifs = ifs.as_bytes();
        let mut rest: &[Marked] = skip_ifs_space(&line, ifs);
        let mut out = Vec::new();
        for k in 0..n {
            if k + 1 == n {
                out.push(text(&last_field(rest, ifs)));
            } else {
                let (w, after) = next_field(rest, ifs);
                rest = after;
                out.push(text(&w));
            }
        }
        out
    }

    #[test]
    fn fields_like_bash() {
        assert_eq!(
            read_into("  one  two  three  ", " \t\n", 2),
            ["one", "two  three"]
        );
        assert_eq!(read_into("1::3:4:5", ":", 3), ["1", "", "3:4:5"]);
        assert_eq!(read_into(" 1 : 2 :: 3", ": ", 3), ["1", "2", ": 3"]);
        assert_eq!(read_into("1,2,", ",", 2), ["1", "2"]);
        assert_eq!(read_into("1,2,,", ",", 2), ["1", "2,,"]);
        assert_eq!(read_into("1 ,, 2", ", ", 2), ["1", ", 2"]);
        assert_eq!(read_into("1 ,, 2", ", ", 3), ["1", "", "2"]);
        assert_eq!(read_into("  2 ,  ", ", ", 1), ["2"]);
        assert_eq!(read_into(",x,", ",", 1), [",x,"]);
    }
}
