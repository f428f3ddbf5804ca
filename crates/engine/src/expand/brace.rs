//! Brace expansion: `a{b,c}d` → `abd acd`, `{1..5..2}`, `{a..e}`, nested braces.

use vbash_syntax::ast::{BraceExpansion, WordPart};
use vbash_syntax::Text;

/// Bash's limit on one sequence's length is memory; ours keeps a runaway `{1..100000000}` from
/// exhausting it.
pub const MAX_BRACE_WORDS: usize = 1 << 20;

/// The words a word's parts expand to: one per combination of alternatives, in order.
pub fn expand(parts: &[WordPart]) -> Vec<Vec<WordPart>> {
    let mut words: Vec<Vec<WordPart>> = vec![Vec::new()];
    for part in parts {
        let WordPart::Brace(brace) = part else {
            for w in &mut words {
                w.push(part.clone());
            }
            continue;
        };
        let alternatives: Vec<Vec<WordPart>> = match &**brace {
            BraceExpansion::List(alts) => alts.iter().flat_map(|a| expand(a)).collect(),
            BraceExpansion::Sequence { start, end, step } => sequence(start, end, step.as_deref())
                .into_iter()
                .map(|t| vec![WordPart::Literal(Text(t))])
                .collect(),
        };
        let mut next = Vec::with_capacity(words.len() * alternatives.len());
        for w in &words {
            for alt in &alternatives {
                if next.len() >= MAX_BRACE_WORDS {
                    break;
                }
                let mut combined = w.clone();
                combined.extend(alt.iter().cloned());
                next.push(combined);
            }
        }
        words = next;
    }
    words
}

/// The members of `{start..end[..step]}`: integers (zero-padded to the wider endpoint when
/// either has a leading zero) or single letters.
fn sequence(start: &[u8], end: &[u8], step: Option<&[u8]>) -> Vec<Vec<u8>> {
    let step = step
        .and_then(|s| std::str::from_utf8(s).ok()?.parse::<i64>().ok())
        .map(i64::unsigned_abs)
        .filter(|&s| s != 0)
        .unwrap_or(1);
    let parse = |t: &[u8]| std::str::from_utf8(t).ok()?.parse::<i64>().ok();
    if let (Some(a), Some(b)) = (parse(start), parse(end)) {
        let width = |t: &[u8]| {
            let digits = t.strip_prefix(b"-").unwrap_or(t);
            (digits.len() > 1 && digits[0] == b'0').then_some(t.len())
        };
        let pad = width(start).max(width(end)).unwrap_or(0);
        return range(a, b, step)
            .map(|n| {
                let s = if n < 0 {
                    format!("-{:0w$}", n.unsigned_abs(), w = pad.saturating_sub(1))
                } else {
                    format!("{n:0pad$}")
                };
                s.into_bytes()
            })
            .collect();
    }
    let (a, b) = (i64::from(start[0]), i64::from(end[0]));
    range(a, b, step).map(|c| vec![c as u8]).collect()
}

fn range(a: i64, b: i64, step: u64) -> impl Iterator<Item = i64> {
    let up = a <= b;
    let count = (a.abs_diff(b) / step + 1).min(MAX_BRACE_WORDS as u64);
    (0..count).map(move |k| {
        let d = (k * step) as i64;
        if up {
            a + d
        } else {
            a - d
        }
    })
}
