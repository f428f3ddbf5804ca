//! Bench-only crate: the benchmarks live in `benches/benches/`.
