//! Bash's pattern matching: one compiled [`Pattern`] for every place bash matches a pattern.
//!
//! That is `case`, `[[ s == pat ]]`, `${x#pat}` `${x##pat}` `${x%pat}` `${x%%pat}`,
//! `${x/pat/rep}` (and `//`, `/#`, `/%`), `${x^pat}` / `${x,pat}` (one character at a time),
//! pathname expansion (one path component at a time) and `GLOBIGNORE`.
//!
//! # Quoting: pieces
//!
//! Quoted characters match themselves, so a pattern is compiled from [`PatternPiece`]s whose
//! quoting the expander already knows: [`PatternPiece::Literal`] for quoted text (`'…'`, `"…"`,
//! `$'…'`, `\c`, the value of `"$x"`) and [`PatternPiece::Glob`] for unquoted text (the word's
//! own unquoted characters and the value of an unquoted `$x`).
//!
//! The pieces are joined exactly as bash joins them: bash turns every quoted character into a
//! backslash-escaped one and hands the matcher one string. So:
//!
//! - a Glob piece's unquoted `\` escapes the next character, even when that character comes
//!   from the next piece (`x='a\'; [[ $s == $x'*' ]]` makes the quoted `*` a wildcard in bash,
//!   since the `\` from `$x` escapes the backslash that quoted the `*`);
//! - extglob syntax lives in Glob text and a group may span pieces: the engine passes
//!   `@(a|"b|c")` as `Glob("@(a|")`, `Literal("b|c")`, `Glob(")")`; a quoted `|`, `(` or `)` is
//!   never group syntax, and a quoted part inside a group matches literally. The parser in
//!   `vbash-syntax` gives extended globs as a tree (`WordPart::ExtGlob`); the engine flattens it
//!   back into this form by writing `op(`, `|` and `)` as Glob pieces around the alternatives;
//! - bracket expressions may also span pieces: in `[a"-"z]` the quoted `-` is a plain member.
//!
//! # Semantics
//!
//! Bash 5.2 under a UTF-8 locale (C.UTF-8): `?` and bracket expressions match one character;
//! ranges compare code points; `[:alpha:]` and friends use Unicode properties close to glibc's.
//! Like bash, if the pattern or the text is not valid UTF-8 the whole match is done on bytes:
//! every byte is then one character, so `?` matches half of an `é` when the text also holds an
//! invalid byte. The operators that match parts of a text read each candidate part on its own,
//! as bash does (with `t=$'é\xff'`, `${t#??}` removes nothing but `${t/??/x}` replaces the two
//! bytes `\xa9\xff`). Offsets returned are byte offsets.
//!
//! Malformed patterns behave as in bash: an unterminated `[` is a literal `[`, an unterminated
//! extglob group makes the rest of the pattern literal text, a trailing `\` matches `\`, an
//! unknown `[:class:]` matches nothing.
//!
//! Options ([`PatternOptions`]): `extglob`; `nocase` (`nocasematch`, `nocaseglob`); and the
//! [`MatchMode`]: plain string matching, [`MatchMode::Pathname`] (`/` matched only by a `/` in
//! the pattern: `GLOBIGNORE`), or [`MatchMode::Glob`] (a file name during pathname expansion: the
//! leading-dot rules, `dotglob` and `globskipdots`).
//!
//! Where bash's options reach: `nocasematch` applies to `case`, `[[ == ]]` and `${x/pat/rep}`
//! but not to `${x#pat}`, `${x%pat}` or `${x^pat}`; so the engine compiles with `nocase` only for
//! the former. In `[[ s == pat ]]` bash 5.2 matches with extglob on whatever the `extglob`
//! setting is.
//!
//! # Operators
//!
//! | bash | method |
//! | --- | --- |
//! | `case`, `[[ s == pat ]]`, a file name, `GLOBIGNORE` | [`Pattern::matches`] |
//! | `${x#pat}` `${x##pat}` | [`Pattern::shortest_prefix`] [`Pattern::longest_prefix`] |
//! | `${x%pat}` `${x%%pat}` | [`Pattern::shortest_suffix`] [`Pattern::longest_suffix`] |
//! | `${x/pat/r}` `${x//pat/r}` | [`Pattern::find_first`] [`Pattern::find_all`] |
//! | `${x/#pat/r}` `${x/%pat/r}` | [`Pattern::find_prefix`] [`Pattern::find_suffix`] |
//! | `${x^pat}` `${x^^pat}` `${x,pat}` … | [`Pattern::matches`] on each character |
//! | should a word be globbed at all? | [`Pattern::is_glob`] |
//!
//! The substitution methods carry bash's extra rules (an empty match at the end of the text,
//! empty patterns, the whole-text check bash makes first), so the engine needs none of them.
//!
//! # Known differences from bash
//!
//! Two bash 5.2 bugs are not reproduced (the fixtures list every case they touch):
//! - bash's `*` directly before an `@(…)`, `+(…)` or `!(…)` group never lets the group start at
//!   the end of the string, and when the `*` is itself at the end it inverts `!(…)`: bash says
//!   `*@(|z)` does not match `ab` and `*!(a)b` matches the empty string; here both follow the
//!   definitions (and `${x/%pat/r}`, which bash prechecks with `*pat`, likewise);
//! - bash's `${x/…}` first computes a fixed match length with a simpler bracket scanner, so it
//!   never replaces matches of brackets like `[!]]` or an unterminated `[[:alpha:]`, which its
//!   own matcher accepts; here one reading of the pattern serves every operator.
//!
//! Also: `!(…)` may match across `/` in pathname mode (as in bash), while `*`, `?` and brackets
//! never do; [`MatchMode::Glob`] applies bash's leading-dot checks to each `/`-separated
//! component, though the engine should match one component at a time as bash does.
//!
//! # Work bound
//!
//! Matching never backtracks exponentially: the matcher computes sets of text positions, one
//! pattern element at a time, so plain globs cost O(pattern × text) and `*a*a*a*b` is linear.
//! Extended globs cost more (`!(…)` is computed per start position) but stay polynomial, and
//! every call counts its work against [`PatternOptions::step_limit`], returning
//! [`PatternError::StepLimit`] instead of running on.
//!
//! # Examples
//!
//! ```
//! use vbash_engine::pattern::{Pattern, PatternOptions, PatternPiece};
//!
//! let opts = PatternOptions::default();
//! // `*.txt`
//! let pat = Pattern::compile(&[PatternPiece::Glob(b"*.txt")], &opts).unwrap();
//! assert!(pat.matches(b"notes.txt").unwrap());
//! assert!(!pat.matches(b"notes.md").unwrap());
//!
//! // `'*'x*`: the quoted star matches only a star.
//! let pieces = [PatternPiece::Literal(b"*"), PatternPiece::Glob(b"x*")];
//! let pat = Pattern::compile(&pieces, &opts).unwrap();
//! assert!(pat.matches(b"*xyz").unwrap());
//! assert!(!pat.matches(b"axyz").unwrap());
//!
//! // ${path%/*} and ${path##*/}
//! let slash_star = Pattern::compile(&[PatternPiece::Glob(b"/*")], &opts).unwrap();
//! assert_eq!(slash_star.shortest_suffix(b"a/b/c").unwrap(), Some(3)); // "a/b"
//! let star_slash = Pattern::compile(&[PatternPiece::Glob(b"*/")], &opts).unwrap();
//! assert_eq!(star_slash.longest_prefix(b"a/b/c").unwrap(), Some(4)); // "c"
//!
//! // Extended globs, with nocasematch.
//! let opts = PatternOptions { extglob: true, nocase: true, ..PatternOptions::default() };
//! let pat = Pattern::compile(&[PatternPiece::Glob(b"!(*.jpg|*.png)")], &opts).unwrap();
//! assert!(pat.matches(b"a.gif").unwrap());
//! assert!(!pat.matches(b"A.JPG").unwrap());
//! ```

mod bracket;
mod compile;
mod exec;
mod glob;
mod mixed;
mod set;
mod text;

use std::fmt;
use std::ops::Range;

use compile::Program;
use exec::Exec;
use text::Subject;

/// One piece of a pattern word, with its quoting known.
///
/// See the [module documentation](self) for how pieces join.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternPiece<'a> {
    /// Quoted text: every character matches itself exactly.
    Literal(&'a [u8]),
    /// Unquoted text: `*`, `?`, `[…]`, backslash escapes and, with `extglob`, `?(…)` `*(…)`
    /// `+(…)` `@(…)` `!(…)` are special.
    Glob(&'a [u8]),
}

/// How a [`Pattern`] matches; the shell options that affect matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternOptions {
    /// `shopt extglob`: recognize `?(…)` `*(…)` `+(…)` `@(…)` `!(…)`.
    pub extglob: bool,
    /// `nocasematch` / `nocaseglob`: compare characters case-insensitively (simple lowercase
    /// folding, applied to literal characters, range ends and equivalence classes; the POSIX
    /// classes such as `[:upper:]` still test the character as it is, as bash does).
    pub nocase: bool,
    /// What is being matched: a string, a path, or a file name during globbing.
    pub mode: MatchMode,
    /// The most work one call may do (roughly one step per text position per pattern element)
    /// before it returns [`PatternError::StepLimit`].
    pub step_limit: u64,
}

impl PatternOptions {
    /// The default [`step_limit`](Self::step_limit): enough for any plain glob over tens of
    /// megabytes, and for extended globs over texts of some thousands of characters.
    pub const DEFAULT_STEP_LIMIT: u64 = 200_000_000;
}

impl Default for PatternOptions {
    fn default() -> Self {
        PatternOptions {
            extglob: false,
            nocase: false,
            mode: MatchMode::Plain,
            step_limit: Self::DEFAULT_STEP_LIMIT,
        }
    }
}

/// What a [`Pattern`] is matched against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatchMode {
    /// A string (`case`, `[[ ]]`, parameter expansion): every character is ordinary.
    #[default]
    Plain,
    /// A path (`GLOBIGNORE`): `/` is matched only by a `/` in the pattern, never by `*`, `?`
    /// or a bracket expression.
    Pathname,
    /// A name during pathname expansion (pathname rules, plus the leading-dot rules). Match one
    /// path component at a time, as bash does; a `/` in the text gets the same rules after it.
    Glob {
        /// `shopt dotglob`: `*`, `?` and brackets may match a leading `.`. Without it a leading
        /// `.` must be matched by a `.` written at the start of the pattern (or at the start of
        /// an extglob alternative there), and `!(…)` never matches a name starting with `.`.
        dotglob: bool,
        /// `shopt globskipdots` (on by default in bash 5.2): `.` and `..` never match. Without
        /// it they match only a pattern that starts with `.` (even with `dotglob`).
        skip_dots: bool,
    },
}

impl MatchMode {
    /// [`MatchMode::Glob`] with bash's default shell options (no `dotglob`, `globskipdots` on).
    pub const GLOB: MatchMode = MatchMode::Glob {
        dotglob: false,
        skip_dots: true,
    };
}

/// Why a pattern could not be compiled or matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// Matching needed more than [`PatternOptions::step_limit`] steps.
    StepLimit {
        /// The limit that was reached.
        limit: u64,
    },
    /// Extended glob groups nested deeper than [`Pattern::MAX_DEPTH`].
    TooDeep,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::StepLimit { limit } => {
                write!(f, "pattern matching exceeded its step limit ({limit})")
            }
            PatternError::TooDeep => write!(
                f,
                "extended glob groups nested deeper than {}",
                Pattern::MAX_DEPTH
            ),
        }
    }
}

impl std::error::Error for PatternError {}

/// How a text is read: as UTF-8, as bytes, or (a UTF-8 pattern on a text that is not valid
/// UTF-8) each substring on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Utf8,
    Bytes,
    Mixed,
}

/// Which end of the text a substitution is anchored to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    None,
    Start,
    End,
}

/// A compiled pattern. Matching does not modify it, so one compiled pattern serves any number
/// of matches.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The program over characters, when the pattern is valid UTF-8.
    chars: Option<Program>,
    /// The program over bytes, used when the pattern or the text is not valid UTF-8. Compiled
    /// only when it can differ from `chars` (the pattern has a non-ASCII byte).
    bytes: Option<Program>,
    /// The raw pattern: bash's string, quoted characters backslash-escaped.
    raw: Vec<u8>,
    /// The raw pattern is empty (`${x/""/r}` replaces nothing).
    empty: bool,
    /// An extglob group is unterminated (see [`Pattern::precheck`]).
    unterminated: bool,
    extglob: bool,
    /// The raw pattern starts with an unescaped `*`: the only patterns bash's `${x/pat/rep}`
    /// lets match the empty string at the end of the text.
    starts_with_star: bool,
    mode: MatchMode,
    nocase: bool,
    step_limit: u64,
}

impl Pattern {
    /// How deeply extended glob groups may nest (`@(@(…))`): deeper patterns are rejected
    /// with [`PatternError::TooDeep`] so that compiling and matching stay within the stack.
    pub const MAX_DEPTH: usize = 64;

    /// Compiles a pattern from its pieces.
    ///
    /// Fails only with [`PatternError::TooDeep`]. Malformed syntax is never an error: as in
    /// bash, an unterminated `[` matches a literal `[`, and an unterminated extglob group makes
    /// the rest of the pattern match as literal text.
    pub fn compile(
        pieces: &[PatternPiece<'_>],
        opts: &PatternOptions,
    ) -> Result<Pattern, PatternError> {
        let raw = compile::raw_pattern(pieces);
        let utf8 = std::str::from_utf8(&raw).is_ok();
        let pathname = !matches!(opts.mode, MatchMode::Plain);
        let chars = if utf8 {
            Some(Program::compile(
                &raw,
                true,
                opts.extglob,
                opts.nocase,
                pathname,
            )?)
        } else {
            None
        };
        let bytes = if !utf8 || !raw.is_ascii() {
            Some(Program::compile(
                &raw,
                false,
                opts.extglob,
                opts.nocase,
                pathname,
            )?)
        } else {
            None
        };
        let unterminated = chars.iter().chain(&bytes).any(|p| p.unterminated);
        Ok(Pattern {
            chars,
            bytes,
            empty: raw.is_empty(),
            unterminated,
            extglob: opts.extglob,
            starts_with_star: raw.first() == Some(&b'*'),
            raw,
            mode: opts.mode,
            nocase: opts.nocase,
            step_limit: opts.step_limit,
        })
    }

    /// Whether pathname expansion should be tried for a word made of these pieces: it has an
    /// unquoted `*` or `?`, an unquoted `[` followed later by an unquoted `]`, or an unquoted
    /// `+(`, `@(` or `!(`.
    ///
    /// As in bash this does not depend on `extglob` (with it off, a word such as `@(x)` is
    /// still globbed, and matches only a file of that literal name), and a word whose only
    /// special characters are backslash escapes is not a glob.
    pub fn is_glob(pieces: &[PatternPiece<'_>]) -> bool {
        glob::is_glob(&compile::raw_pattern(pieces))
    }

    /// Whether the whole `text` matches (`case`, `[[ text == pat ]]`, one file name).
    pub fn matches(&self, text: &[u8]) -> Result<bool, PatternError> {
        if let MatchMode::Glob { dotglob, skip_dots } = self.mode {
            if glob::skip_name(&self.program(true).nodes, text, dotglob, skip_dots) {
                return Ok(false);
            }
        }
        let (prog, mut exec) = self.setup(text);
        let ends = exec.forward_from(&prog.nodes, 0)?;
        Ok(ends.contains(text.len()))
    }

    /// `${x#pat}`: the length of the shortest prefix of `text` that matches, if any.
    pub fn shortest_prefix(&self, text: &[u8]) -> Result<Option<usize>, PatternError> {
        if self.is_mixed(text) {
            return Ok(self.mixed_ends(text, 0, &mut 0)?.first().copied());
        }
        let (prog, mut exec) = self.setup(text);
        let ends = exec.forward_from(&prog.nodes, 0)?;
        Ok(exec.first(&ends, 0))
    }

    /// `${x##pat}`: the length of the longest prefix that matches.
    pub fn longest_prefix(&self, text: &[u8]) -> Result<Option<usize>, PatternError> {
        if self.is_mixed(text) {
            return Ok(self.mixed_ends(text, 0, &mut 0)?.last().copied());
        }
        let (prog, mut exec) = self.setup(text);
        let ends = exec.forward_from(&prog.nodes, 0)?;
        Ok(exec.last(&ends))
    }

    /// `${x%pat}`: where the shortest matching suffix starts (so `text[..n]` is the result).
    pub fn shortest_suffix(&self, text: &[u8]) -> Result<Option<usize>, PatternError> {
        if self.is_mixed(text) {
            return Ok(self.mixed_starts(text, &mut 0)?.last().copied());
        }
        let (prog, mut exec) = self.setup(text);
        let starts = exec.backward_from(&prog.nodes, text.len())?;
        Ok(exec.last(&starts))
    }

    /// `${x%%pat}`: where the longest matching suffix starts.
    pub fn longest_suffix(&self, text: &[u8]) -> Result<Option<usize>, PatternError> {
        if self.is_mixed(text) {
            return Ok(self.mixed_starts(text, &mut 0)?.first().copied());
        }
        let (prog, mut exec) = self.setup(text);
        let starts = exec.backward_from(&prog.nodes, text.len())?;
        Ok(exec.first(&starts, 0))
    }

    /// `${x/pat/rep}`: the leftmost match in `text[from..]`, longest at that start, as a byte
    /// range of `text`. `from` must be a character boundary.
    ///
    /// As bash does, the search looks at `text[from..]` alone (whether it is valid UTF-8 is
    /// decided on that part), an empty pattern matches nothing, and an empty match at the very
    /// end is found only if the pattern starts with an unquoted `*` (so `${x/?(y)/r}` leaves an
    /// empty `x` alone while `${x/*(y)/r}` gives `r`). For `${x//pat/rep}` use
    /// [`Pattern::find_all`], which does not re-read the text at each match.
    pub fn find_first(
        &self,
        text: &[u8],
        from: usize,
    ) -> Result<Option<Range<usize>>, PatternError> {
        let rest = &text[from..];
        let reading = if self.chars.is_none() {
            Reading::Bytes
        } else if rest.is_ascii() || std::str::from_utf8(rest).is_ok() {
            Reading::Utf8
        } else {
            Reading::Mixed
        };
        self.find_from(text, from, reading, &mut 0)
    }

    /// `${x//pat/rep}`: the matches bash replaces, in order. Bash takes the first match from
    /// the current position ([`Pattern::find_first`]); after an empty match it copies the next
    /// character unchanged and goes on after it, otherwise it goes on after the match; it
    /// stops when the rest of the text is empty. So `${x//?(b)/-}` on `ab` gives `-a-` and
    /// `${x//*/-}` on an empty `x` gives `-`.
    pub fn find_all(&self, text: &[u8]) -> Result<Vec<Range<usize>>, PatternError> {
        // `text[p..]` is valid UTF-8 exactly when `p` is a character boundary at or after the
        // start of the text's valid tail: work that out once instead of at every match.
        let mut tail = 0;
        while let Err(e) = std::str::from_utf8(&text[tail..]) {
            let bad = e.error_len().unwrap_or(text.len() - tail - e.valid_up_to());
            tail += e.valid_up_to() + bad;
        }
        let mut found = Vec::new();
        let mut pos = 0;
        // One step budget for the whole loop.
        let mut used = 0;
        loop {
            let reading = if self.chars.is_none() {
                Reading::Bytes
            } else if pos >= tail && (pos == text.len() || text[pos] & 0xC0 != 0x80) {
                Reading::Utf8
            } else {
                Reading::Mixed
            };
            let Some(r) = self.find_from(text, pos, reading, &mut used)? else {
                break;
            };
            pos = r.end;
            if r.is_empty() && pos < text.len() {
                // Bash copies one character: a valid UTF-8 sequence or a single byte.
                pos += compile::utf8_char_len(&text[pos..]);
            }
            found.push(r);
            if pos >= text.len() {
                break;
            }
        }
        Ok(found)
    }

    /// [`Pattern::find_first`] with the reading of `text[from..]` known, adding its work to
    /// `used`.
    fn find_from(
        &self,
        text: &[u8],
        from: usize,
        reading: Reading,
        used: &mut u64,
    ) -> Result<Option<Range<usize>>, PatternError> {
        let rest = &text[from..];
        let mixed = reading == Reading::Mixed;
        if self.empty || ((mixed || self.unterminated) && !self.precheck(rest, Anchor::None)?) {
            return Ok(None);
        }
        let found = if mixed && self.program(true).literal.is_none() {
            let mut found = None;
            for p in 0..=rest.len() {
                if let Some(&e) = self.mixed_ends(rest, p, used)?.last() {
                    found = Some(p..e);
                    break;
                }
            }
            found
        } else {
            let utf8 = reading == Reading::Utf8;
            let prog = self.program(utf8);
            let mut exec = Exec::new(
                self.subject(rest, utf8),
                self.nocase,
                self.step_limit,
                *used,
            );
            let found = exec.find_leftmost_longest(prog, rest.len())?;
            *used = exec.steps();
            found
        };
        Ok(found
            .filter(|r| r.start < rest.len() || self.starts_with_star)
            .map(|r| r.start + from..r.end + from))
    }

    /// `${x/#pat/rep}`: the length of the longest matching prefix, as bash's pattern
    /// substitution finds it. That is [`Pattern::longest_prefix`] except that an empty pattern
    /// matches the empty prefix, an empty text is matched only by a pattern starting with an
    /// unquoted `*`, and the text must pass bash's first check (see [`Pattern::find_first`]).
    pub fn find_prefix(&self, text: &[u8]) -> Result<Option<usize>, PatternError> {
        if self.empty {
            return Ok(Some(0));
        }
        if text.is_empty() {
            let hit = self.starts_with_star && self.matches(text)?;
            return Ok(hit.then_some(0));
        }
        if !self.precheck(text, Anchor::Start)? {
            return Ok(None);
        }
        self.longest_prefix(text)
    }

    /// `${x/%pat/rep}`: where the longest matching suffix starts, as bash's pattern
    /// substitution finds it: [`Pattern::longest_suffix`], except that an empty pattern
    /// matches the empty suffix and the text must pass bash's first check.
    pub fn find_suffix(&self, text: &[u8]) -> Result<Option<usize>, PatternError> {
        if self.empty {
            return Ok(Some(text.len()));
        }
        if !self.precheck(text, Anchor::End)? {
            return Ok(None);
        }
        self.longest_suffix(text)
    }

    /// Bash's pattern substitution first matches the whole text against the pattern with `*`
    /// added where the match may float (`*pat*`, `pat*` for `/#`, `*pat` for `/%`) and gives
    /// up if that fails. For a well-formed pattern over text read one way that changes
    /// nothing; it does when an extglob group is unterminated (the added `*` becomes part of
    /// the literal rest) and when the text mixes valid and invalid UTF-8 (the check reads the
    /// whole text as bytes).
    fn precheck(&self, text: &[u8], anchor: Anchor) -> Result<bool, PatternError> {
        if !self.unterminated && !self.is_mixed(text) {
            return Ok(true);
        }
        let raw = &self.raw;
        // Bash's `*` followed by an unterminated `?(` or `*(` matches anything.
        let open_first = self.extglob
            && matches!(raw.get(..2), Some([b'?' | b'*', b'(']))
            && matches!(
                self.program(true).nodes.first(),
                Some(compile::Node::Exact(_))
            );
        if open_first && anchor != Anchor::Start {
            return Ok(true);
        }
        let star_first = raw.first() == Some(&b'*') && !(self.extglob && raw.get(1) == Some(&b'('));
        // A final `*` counts only when an even number of backslashes precede it.
        let star_last = raw.last() == Some(&b'*')
            && raw[..raw.len() - 1]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count()
                % 2
                == 0;
        let mut wrapped = Vec::with_capacity(raw.len() + 2);
        if anchor != Anchor::Start && !star_first {
            wrapped.push(b'*');
        }
        wrapped.extend_from_slice(raw);
        if anchor != Anchor::End && !star_last {
            wrapped.push(b'*');
        }
        let opts = PatternOptions {
            extglob: self.extglob,
            nocase: self.nocase,
            mode: self.mode,
            step_limit: self.step_limit,
        };
        Pattern::compile(&[PatternPiece::Glob(&wrapped)], &opts)?.matches(text)
    }

    /// The program for one reading: characters (when the pattern is valid UTF-8) or bytes.
    fn program(&self, utf8: bool) -> &Program {
        let prog = if utf8 {
            self.chars.as_ref().or(self.bytes.as_ref())
        } else {
            self.bytes.as_ref().or(self.chars.as_ref())
        };
        // One of the two always exists: `chars` for UTF-8 patterns, `bytes` otherwise.
        prog.expect("a compiled program")
    }

    /// The text as the matcher reads it in this mode.
    fn subject<'t>(&self, text: &'t [u8], utf8: bool) -> Subject<'t> {
        let (pathname, protect) = match self.mode {
            MatchMode::Plain => (false, false),
            MatchMode::Pathname => (true, false),
            MatchMode::Glob { dotglob, .. } => (true, !dotglob),
        };
        Subject {
            bytes: text,
            utf8,
            pathname,
            protect,
        }
    }

    /// Picks the reading for the whole of `text` (bytes unless both it and the pattern are
    /// valid UTF-8), with a fresh step count.
    fn setup<'t>(&self, text: &'t [u8]) -> (&Program, Exec<'t>) {
        let utf8 = self.chars.is_some() && (text.is_ascii() || std::str::from_utf8(text).is_ok());
        let prog = self.program(utf8);
        let exec = Exec::new(self.subject(text, utf8), self.nocase, self.step_limit, 0);
        (prog, exec)
    }
}
