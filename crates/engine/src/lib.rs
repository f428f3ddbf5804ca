//! `vbash-engine`: the interpreter that runs the syntax trees of [`vbash_syntax`].
//!
//! It will own expansion, arithmetic evaluation, patterns, redirections, streaming pipelines,
//! builtins, shell state, limits and cancellation, on an async core with no runtime of its own.
//! Built so far:
//! - [`arith`]: evaluating arithmetic expressions as bash does.

pub mod arith;
