//! A UTF-8 pattern against a text that is not valid UTF-8, for the operators that match parts
//! of the text (`${x#…}`, `${x%…}`, `${x/…}`).
//!
//! Bash matches those by trying substrings, and decides for each substring on its own whether
//! to read it as UTF-8 (when that substring is valid) or as bytes. So with `t=$'é\xff'`,
//! `${t#??}` removes nothing (the prefix `é` is one character) while `${t/??/x}` replaces the
//! invalid tail `\xa9\xff` (two bytes). The whole-text match ([`Pattern::matches`]) reads the
//! whole text one way and needs none of this.
//!
//! Each start (or end) is handled with two passes, one per reading, keeping from each only the
//! substrings that reading applies to.

use super::{Exec, Pattern, PatternError};

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

impl Pattern {
    /// Whether `text` needs the per-substring reading.
    pub(super) fn is_mixed(&self, text: &[u8]) -> bool {
        self.chars.is_some() && !text.is_ascii() && std::str::from_utf8(text).is_err()
    }

    fn charge(&self, used: &mut u64, n: usize) -> Result<(), PatternError> {
        *used = used.saturating_add(n as u64);
        if *used > self.step_limit {
            Err(PatternError::StepLimit {
                limit: self.step_limit,
            })
        } else {
            Ok(())
        }
    }

    /// The ends `e`, ascending, for which `text[p..e]` matches.
    pub(super) fn mixed_ends(
        &self,
        text: &[u8],
        p: usize,
        used: &mut u64,
    ) -> Result<Vec<usize>, PatternError> {
        let rest = &text[p..];
        // `text[p..e]` is valid UTF-8 exactly when `e - p` is a character boundary within the
        // valid run starting at `p`.
        let run = match std::str::from_utf8(rest) {
            Ok(_) => rest.len(),
            Err(e) => e.valid_up_to(),
        };
        let valid = |rel: usize| rel <= run && (rel == run || !is_continuation(rest[rel]));
        let mut out = Vec::new();

        let bytes = self.program(false);
        let mut exec = Exec::new(
            self.subject(text, false),
            self.nocase,
            self.step_limit,
            *used,
        );
        let ends = exec.forward_from(&bytes.nodes, p)?;
        *used = exec.steps();
        for &(a, b) in ends.runs() {
            self.charge(used, b - a + 1)?;
            out.extend((a..=b).filter(|&e| !valid(e - p)));
        }

        if let Some(chars) = &self.chars {
            let head = &rest[..run];
            let mut exec = Exec::new(
                self.subject(head, true),
                self.nocase,
                self.step_limit,
                *used,
            );
            let ends = exec.forward_from(&chars.nodes, 0)?;
            *used = exec.steps();
            for &(a, b) in ends.runs() {
                self.charge(used, b - a + 1)?;
                out.extend((a..=b).filter(|&e| valid(e)).map(|e| p + e));
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The starts `s`, ascending, for which `text[s..]` matches.
    pub(super) fn mixed_starts(
        &self,
        text: &[u8],
        used: &mut u64,
    ) -> Result<Vec<usize>, PatternError> {
        // `text[s..]` is valid UTF-8 exactly when `s` is a character boundary at or after
        // `tail`, where the valid tail of the text begins.
        let mut tail = 0;
        while let Err(e) = std::str::from_utf8(&text[tail..]) {
            let bad = e.error_len().unwrap_or(text.len() - tail - e.valid_up_to());
            tail += e.valid_up_to() + bad;
        }
        let valid = |s: usize| s >= tail && (s == text.len() || !is_continuation(text[s]));
        let mut out = Vec::new();

        let bytes = self.program(false);
        let mut exec = Exec::new(
            self.subject(text, false),
            self.nocase,
            self.step_limit,
            *used,
        );
        let starts = exec.backward_from(&bytes.nodes, text.len())?;
        *used = exec.steps();
        for &(a, b) in starts.runs() {
            self.charge(used, b - a + 1)?;
            out.extend((a..=b).filter(|&s| !valid(s)));
        }

        if let Some(chars) = &self.chars {
            let end = &text[tail..];
            let mut exec = Exec::new(self.subject(end, true), self.nocase, self.step_limit, *used);
            let starts = exec.backward_from(&chars.nodes, end.len())?;
            *used = exec.steps();
            for &(a, b) in starts.runs() {
                self.charge(used, b - a + 1)?;
                out.extend((a..=b).map(|s| tail + s).filter(|&s| valid(s)));
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}
