//! Interpreter speed: a fresh shell running `echo hi`, arithmetic loops, recursion with
//! command substitution, string and array loops. `cargo bench -p vbash-benches --bench engine`.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use vbash_engine::Shell;
use vbash_vfs::MemFs;

fn run(shell: &Shell, script: &str) {
    let r = futures::executor::block_on(shell.exec(script.as_bytes()));
    assert_eq!(r.exit_code, 0, "{}", String::from_utf8_lossy(&r.stderr));
}

fn engine(c: &mut Criterion) {
    let shell = Shell::builder(Arc::new(MemFs::new())).build();
    let mut group = c.benchmark_group("engine");
    group.bench_function("new shell + echo hi", |b| b.iter(|| run(&shell, "echo hi")));
    group.sample_size(10);
    group.bench_function("while (( i < 100000 )) i=$((i+1))", |b| {
        b.iter(|| run(&shell, "i=0; while (( i < 100000 )); do i=$((i+1)); done"))
    });
    group.bench_function("fib(16) with $(…)", |b| {
        b.iter(|| {
            run(
                &shell,
                "fib() { if (( $1 < 2 )); then echo $1; else echo $(( $(fib $(( $1 - 1 ))) + $(fib $(( $1 - 2 ))) )); fi; }; fib 16 >/dev/null",
            )
        })
    });
    group.bench_function("string building, 10k turns", |b| {
        b.iter(|| run(&shell, "s=; for i in {1..10000}; do s+=x; done; echo ${#s}"))
    });
    group.bench_function("array append and sum, 10k", |b| {
        b.iter(|| {
            run(
                &shell,
                "a=(); for i in {1..10000}; do a+=($i); done; t=0; for v in \"${a[@]}\"; do ((t+=v)); done",
            )
        })
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
