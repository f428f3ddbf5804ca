//! `vbash-syntax`: the bash 5.2 language as a syntax tree.
//!
//! Text goes in as bytes; a [`Program`](ast::Program) of complete commands comes out, every
//! node carrying a [`Span`] with its byte range and line. The crate does no I/O and knows nothing
//! of what commands mean: expansion, arithmetic evaluation and execution belong to the engine.
//!
//! ```
//! use vbash_syntax::{parse, ast::Command};
//!
//! let program = parse(b"for f in *.rs; do wc -l \"$f\"; done").unwrap();
//! assert_eq!(program.commands.len(), 1);
//! let text = vbash_syntax::print::program(&program);
//! assert_eq!(parse(text.as_bytes()).unwrap().commands.len(), 1);
//! ```
//!
//! Bash parses one complete command at a time, so that an `alias` or `shopt -s extglob` on one
//! line changes how the next is read. [`Parser::next_command`] does the same for the engine;
//! [`parse`] reads a whole script with the default options (`bash -n` semantics).
//!
//! Modules:
//! - [`ast`]: the tree; [`span`] and [`text`]: positions and byte strings;
//! - [`parser`]: text to tree, with bash's error messages ([`error`]);
//! - [`arith`]: arithmetic expressions, parsed from text at run time as bash does;
//! - [`print`]: the tree back to canonical bash text;
//! - [`visit`]: walking a tree to inspect or rewrite it.

pub mod arith;
pub mod ast;
pub mod error;
pub mod parser;
pub mod print;
pub mod span;
pub mod text;
pub mod visit;

pub use error::{ParseError, ParseErrorKind, ParseWarning};
pub use parser::decode_ansi_c;
pub use parser::{AliasResolver, ParseOptions, Parser};
pub use span::Span;
pub use text::Text;

/// Parses a whole script with the default [`ParseOptions`].
///
/// ```
/// let err = vbash_syntax::parse(b"echo )").unwrap_err();
/// assert_eq!(err.to_string(), "syntax error near unexpected token `)'");
/// ```
pub fn parse(src: &[u8]) -> Result<ast::Program, ParseError> {
    parse_with(src, &ParseOptions::default())
}

/// Parses a whole script with the given options.
pub fn parse_with(src: &[u8], options: &ParseOptions) -> Result<ast::Program, ParseError> {
    Parser::new(src, options.clone()).parse_program()
}
