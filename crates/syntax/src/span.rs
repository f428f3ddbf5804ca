//! Source positions.

/// A byte range in the parsed text, with the 1-based line its start lies on.
///
/// Offsets index the text the parser was given. Inside backquote substitutions, whose body is
/// re-parsed after bash removes its backslash escapes, offsets are approximate (shifted by the
/// removed backslashes) while lines stay exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
    /// 1-based line number of `start`, as `$LINENO` counts.
    pub line: u32,
}

impl Span {
    /// A span from `start` to `end` beginning on `line`.
    pub fn new(start: usize, end: usize, line: u32) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
            line,
        }
    }
}
