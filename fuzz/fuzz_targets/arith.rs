//! Parses arbitrary bytes as an arithmetic expression: `arith::parse` must never panic, and an
//! expression that parses must survive print → re-parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(finding) = vbash_fuzz::check_arith(data) {
        panic!("{finding}");
    }
});
