//! Parses arbitrary bytes (options chosen by the first byte, see `vbash_fuzz::split_input`):
//! the parser must never panic, and a tree that parses must survive print → re-parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(finding) = vbash_fuzz::check_parse(data) {
        panic!("{finding}");
    }
});
