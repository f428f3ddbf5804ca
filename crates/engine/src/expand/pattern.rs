//! Patterns in expansions: compiling a word into a [`Pattern`] with its quoting, and the
//! `${x#…}`, `${x%…}`, `${x/…/…}` and `${x^…}` operators.

use vbash_syntax::ast::{ParamOp, ReplaceMode, Word};

use super::fields::{Expansion, Item};
use crate::exec::{Flow, Interp};
use crate::pattern::{MatchMode, Pattern, PatternError, PatternOptions, PatternPiece};

/// A pattern's pieces as expansion produced them: text and whether it was quoted.
pub(crate) type Pieces = Vec<(Vec<u8>, bool)>;

/// The pieces of an expansion (quoted text matches literally).
pub(crate) fn pieces_of(e: &Expansion) -> Pieces {
    e.items
        .iter()
        .filter_map(|item| match item {
            Item::Piece(p) => Some((p.text.clone(), p.quoted)),
            _ => None,
        })
        .collect()
}

/// Compiles pieces with `opts`.
pub(crate) fn compile(pieces: &Pieces, opts: &PatternOptions) -> Result<Pattern, PatternError> {
    let refs: Vec<PatternPiece<'_>> = pieces
        .iter()
        .map(|(t, quoted)| {
            if *quoted {
                PatternPiece::Literal(t)
            } else {
                PatternPiece::Glob(t)
            }
        })
        .collect();
    Pattern::compile(&refs, opts)
}

impl Interp {
    /// Expands a pattern word into its pieces.
    pub(crate) async fn pattern_pieces(&mut self, word: &Word) -> Result<Pieces, Flow> {
        let mut e = Expansion::default();
        self.expand_parts(&word.parts, false, &mut e).await?;
        Ok(pieces_of(&e))
    }

    /// Compiles a pattern word for string matching (`case`, `[[ == ]]`, `${x#…}`).
    pub(crate) async fn string_pattern(
        &mut self,
        word: &Word,
        extglob: bool,
        nocase: bool,
    ) -> Result<Pattern, Flow> {
        let pieces = self.pattern_pieces(word).await?;
        let opts = PatternOptions {
            extglob,
            nocase,
            mode: MatchMode::Plain,
            ..PatternOptions::default()
        };
        self.pattern_result(compile(&pieces, &opts)).await
    }

    /// Turns a pattern error into bash-style failure of the command.
    pub(crate) async fn pattern_result<T>(
        &mut self,
        r: Result<T, PatternError>,
    ) -> Result<T, Flow> {
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                self.error(e.to_string().as_bytes()).await?;
                Err(Flow::Abort(1))
            }
        }
    }

    /// Applies `${x#p}`, `${x%p}`, `${x/p/r}` or `${x^p}` to one value.
    pub(crate) async fn apply_pattern_op(
        &mut self,
        op: &ParamOp,
        values: Vec<Vec<u8>>,
    ) -> Result<Vec<Vec<u8>>, Flow> {
        let mut out = Vec::with_capacity(values.len());
        match op {
            ParamOp::RemovePrefix { longest, pattern }
            | ParamOp::RemoveSuffix { longest, pattern } => {
                let prefix = matches!(op, ParamOp::RemovePrefix { .. });
                let p = self
                    .string_pattern(pattern, self.state.shopt_extglob(), false)
                    .await?;
                for v in values {
                    let r = match (prefix, *longest) {
                        (true, false) => p.shortest_prefix(&v).map(|n| n.map(|n| v[n..].to_vec())),
                        (true, true) => p.longest_prefix(&v).map(|n| n.map(|n| v[n..].to_vec())),
                        (false, false) => p.shortest_suffix(&v).map(|n| n.map(|n| v[..n].to_vec())),
                        (false, true) => p.longest_suffix(&v).map(|n| n.map(|n| v[..n].to_vec())),
                    };
                    out.push(self.pattern_result(r).await?.unwrap_or(v));
                }
            }
            ParamOp::Replace {
                mode,
                pattern,
                replacement,
            } => {
                let nocase = self.state.shopt_nocasematch();
                let p = self
                    .string_pattern(pattern, self.state.shopt_extglob(), nocase)
                    .await?;
                // Only quoting inside the replacement keeps an `&` literal; double quotes around
                // the whole expansion do not.
                let rep = match replacement {
                    Some(w) => {
                        let mut e = Expansion::default();
                        self.expand_parts(&w.parts, false, &mut e).await?;
                        pieces_of(&e)
                    }
                    None => Vec::new(),
                };
                for v in values {
                    let ranges = match mode {
                        ReplaceMode::First => p.find_first(&v, 0).map(|r| r.into_iter().collect()),
                        ReplaceMode::All => p.find_all(&v),
                        ReplaceMode::Prefix => p
                            .find_prefix(&v)
                            .map(|n| n.map(|n| 0..n).into_iter().collect()),
                        ReplaceMode::Suffix => p
                            .find_suffix(&v)
                            .map(|n| n.map(|n| n..v.len()).into_iter().collect()),
                    };
                    let ranges: Vec<std::ops::Range<usize>> = self.pattern_result(ranges).await?;
                    let mut result = Vec::with_capacity(v.len());
                    let mut at = 0;
                    for r in ranges {
                        result.extend_from_slice(&v[at..r.start]);
                        result.extend(replacement_text(&rep, &v[r.clone()]));
                        at = r.end;
                    }
                    result.extend_from_slice(&v[at..]);
                    out.push(result);
                }
            }
            ParamOp::Case {
                conv,
                all,
                pattern: Some(pattern),
            } => {
                let p = self
                    .string_pattern(pattern, self.state.shopt_extglob(), false)
                    .await?;
                for v in values {
                    let mut result = Vec::with_capacity(v.len());
                    let mut first = true;
                    for ch in chars(&v) {
                        let convert = (first || *all) && self.pattern_result(p.matches(ch)).await?;
                        first = false;
                        if convert {
                            super::case::convert_char(*conv, ch, &mut result);
                        } else {
                            result.extend_from_slice(ch);
                        }
                    }
                    out.push(result);
                }
            }
            _ => out = values,
        }
        Ok(out)
    }
}

/// The replacement of `${x/p/r}` for one match: bash 5.2's `patsub_replacement` puts the
/// matched text in place of each unquoted `&`.
fn replacement_text(rep: &Pieces, matched: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (text, quoted) in rep {
        if *quoted {
            out.extend_from_slice(text);
            continue;
        }
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\\' if text.get(i + 1) == Some(&b'&') => {
                    out.push(b'&');
                    i += 2;
                }
                b'&' => {
                    out.extend_from_slice(matched);
                    i += 1;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
    out
}

/// The characters of `s` (UTF-8; an invalid byte is one character).
fn chars(s: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= s.len() {
            return None;
        }
        let n = match s[i] {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 1,
        };
        let n = if i + n <= s.len() && std::str::from_utf8(&s[i..i + n]).is_ok() {
            n
        } else {
            1
        };
        let ch = &s[i..i + n];
        i += n;
        Some(ch)
    })
}
