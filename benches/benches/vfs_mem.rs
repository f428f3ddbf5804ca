//! MemFs operation costs: stat, 4 KiB reads and writes, listing 1,000 entries, resolving a
//! path ten directories deep. Run with `cargo bench -p vbash-benches --bench vfs_mem`.
//!
//! MemFs futures are ready at once, so each call is polled a single time with a no-op waker:
//! the figures are the filesystem's own cost (including the boxed future every `dyn
//! FileSystem` call pays), not an executor's.

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vbash_vfs::{Bytes, FileSystem, MemFs, VfsPath};

/// Polls a future that must complete at once (all MemFs futures do).
fn ready<T>(fut: impl Future<Output = T>) -> T {
    match pin!(fut).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("MemFs future was not ready"),
    }
}

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

fn bench(c: &mut Criterion) {
    let fs = MemFs::new();
    let page = Bytes::from(vec![b'x'; 4096]);
    let file = p("/home/user/file.txt");
    fs.insert_file(file.as_bytes(), page.clone()).unwrap();
    let deep = p("/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/f");
    fs.insert_file(deep.as_bytes(), "x").unwrap();
    let big_dir = p("/big");
    for i in 0..1000 {
        fs.insert_file(format!("/big/entry-{i:04}"), "").unwrap();
    }
    // Through the trait object, as the interpreter will call it.
    let fs: &dyn FileSystem = &fs;

    let mut g = c.benchmark_group("vfs_mem");
    g.bench_function("stat", |b| {
        b.iter(|| ready(fs.metadata(black_box(&file))).unwrap())
    });
    g.throughput(Throughput::Bytes(4096));
    g.bench_function("read_4k", |b| {
        b.iter(|| ready(fs.read(black_box(&file))).unwrap())
    });
    g.bench_function("write_4k", |b| {
        b.iter(|| ready(fs.write(black_box(&file), page.clone())).unwrap())
    });
    let fresh = p("/home/user/fresh");
    g.bench_function("write_4k_copied_in", |b| {
        // Content from a borrowed slice, as a shell redirection produces it: includes the copy.
        b.iter(|| ready(fs.write(&fresh, Bytes::copy_from_slice(black_box(&page[..])))).unwrap())
    });
    g.throughput(Throughput::Elements(1000));
    g.bench_function("read_dir_1000", |b| {
        b.iter(|| ready(fs.read_dir(black_box(&big_dir))).unwrap())
    });
    g.throughput(Throughput::Elements(1));
    g.bench_function("stat_depth_10", |b| {
        b.iter(|| ready(fs.metadata(black_box(&deep))).unwrap())
    });
    let missing = p("/big/missing");
    g.bench_function("create_remove", |b| {
        b.iter(|| {
            ready(fs.create_new(&missing, Bytes::new())).unwrap();
            ready(fs.remove_file(&missing)).unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
