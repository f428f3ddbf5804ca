//! The properties the fuzz targets check (`fuzz_targets/*.rs` panic when one fails).
//!
//! `tests/tests/syntax_fuzz_corpus.rs` compiles `checks.rs` and `arith_check.rs` into the main
//! workspace's test suite and replays the committed corpus through them, so CI guards the
//! corpus without nightly or libFuzzer.

pub mod arith_check;
pub mod checks;

pub use arith_check::check_arith;
pub use checks::{check_parse, check_script, split_input, Finding};
