//! Parse errors and warnings, worded as bash words them.

use std::fmt;

use crate::text::Text;

/// Why a script failed to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// ``syntax error near unexpected token `TOKEN'``; the token is `newline` for a newline.
    UnexpectedToken(Text),
    /// `syntax error: unexpected end of file`: a compound command was left open.
    UnexpectedEof,
    /// ``unexpected EOF while looking for matching `C'``: a quote, `${`, `$(` or `` ` `` was
    /// left open.
    UnmatchedEof(u8),
    /// An error inside `[[ … ]]`, with bash's text (e.g. `conditional binary operator
    /// expected`, ``unexpected token `x' in conditional command``).
    Conditional(String),
    /// A `for ((…))` whose expression does not have exactly three parts; bash words it as
    /// `syntax error: MESSAGE` and echoes the `((…))` text.
    ArithFor {
        /// `arithmetic expression required` or ``;' unexpected``.
        message: &'static str,
        /// The `((…))` text.
        text: Text,
    },
    /// The input nests deeper than [`crate::ParseOptions::max_depth`].
    TooDeep(usize),
    /// The input is longer than [`crate::ParseOptions::max_input_bytes`].
    TooLarge(usize),
}

/// A parse error with the line bash reports it on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// The 1-based line bash names in its message.
    pub line: u32,
    /// The text of the line the error was found on (without its newline), which bash echoes
    /// after ``syntax error near unexpected token`` messages.
    pub line_text: Text,
    /// The exit status `bash -n` gives for this error (see [`ParseError::bash_n_status`]).
    pub status: i32,
}

impl ParseError {
    /// The error as bash prints it, one message per line, each prefixed with `prefix` (bash
    /// uses `NAME: line N: `, e.g. `bash: -c: line 1: ` or `script.sh: line 3: `).
    ///
    /// ```
    /// let err = vbash_syntax::parse(b"if true; fi").unwrap_err();
    /// assert_eq!(
    ///     err.render("bash: -c: line 1: "),
    ///     "bash: -c: line 1: syntax error near unexpected token `fi'\n\
    ///      bash: -c: line 1: `if true; fi'\n"
    /// );
    /// ```
    pub fn render(&self, prefix: &str) -> String {
        let mut out = format!("{prefix}{self}\n");
        match &self.kind {
            ParseErrorKind::UnexpectedToken(_) => {
                out.push_str(&format!("{prefix}`{}'\n", self.line_text.to_str_lossy()));
            }
            ParseErrorKind::ArithFor { text, .. } => {
                out.push_str(&format!(
                    "{prefix}syntax error: `{}'\n",
                    text.to_str_lossy()
                ));
            }
            ParseErrorKind::Conditional(m) if m.is_empty() => return String::new(),
            _ => {}
        }
        out
    }

    /// The exit status `bash -n` gives for this error.
    ///
    /// Bash reports most errors with status 2, but an error inside a compound array assignment
    /// (`a=(1 2`, `a=(x;)`) with 1, and an error inside `[[ … ]]` prints its message and stops
    /// yet leaves the status at 0 when only parsing (`bash -n`), unless the end of the text
    /// comes before the end of that line. Mirroring this keeps `vbash -n` a drop-in.
    pub fn bash_n_status(&self) -> i32 {
        self.status
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParseErrorKind::UnexpectedToken(t) => {
                write!(
                    f,
                    "syntax error near unexpected token `{}'",
                    t.to_str_lossy()
                )
            }
            ParseErrorKind::UnexpectedEof => f.write_str("syntax error: unexpected end of file"),
            ParseErrorKind::UnmatchedEof(c) => {
                write!(
                    f,
                    "unexpected EOF while looking for matching `{}'",
                    *c as char
                )
            }
            ParseErrorKind::Conditional(m) => f.write_str(m),
            ParseErrorKind::ArithFor { message, .. } => write!(f, "syntax error: {message}"),
            ParseErrorKind::TooDeep(n) => {
                write!(f, "maximum parser nesting depth exceeded ({n})")
            }
            ParseErrorKind::TooLarge(n) => write!(f, "script too large (limit {n} bytes)"),
        }
    }
}

impl std::error::Error for ParseError {}

/// A problem bash reports while parsing but that does not stop the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseWarning {
    /// The 1-based line bash names.
    pub line: u32,
    /// The message, e.g. ``here-document at line 1 delimited by end-of-file (wanted `EOF')``.
    pub message: String,
}
