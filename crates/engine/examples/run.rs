//! Runs a script given as the first argument on an in-memory filesystem and prints its
//! output, status last: `cargo run -p vbash-engine --example run -- 'echo hi'`.
use std::io::Write;
use std::sync::Arc;

fn main() {
    let script = std::env::args().nth(1).unwrap_or_default();
    let fs = vbash_vfs::MemFs::new();
    fs.insert_file("/home/user/.keep", "").unwrap();
    fs.insert_file("/tmp/.keep", "").unwrap();
    let shell = vbash_engine::Shell::builder(Arc::new(fs)).build();
    let r = futures::executor::block_on(shell.exec(script.as_bytes()));
    std::io::stdout().write_all(&r.stdout).unwrap();
    std::io::stderr().write_all(&r.stderr).unwrap();
    println!("[status {}]", r.exit_code);
}
