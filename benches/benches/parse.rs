//! Parse throughput (MB/s) over a corpus of real shell scripts.
fn main() {}
