//! ObjectStoreFs reading many small objects from a real S3 server (moto on 127.0.0.1):
//! `read_many` with the default concurrency (32 requests in flight) against one request at a
//! time, and the ratio.
//!
//! Two runs:
//! * straight to moto. Moto answers from one Python process, so on localhost its requests
//!   cost CPU, not latency, and overlapping them gains little: this run mostly checks that
//!   concurrency costs nothing.
//! * with 20 ms added to every GET (a FaultyStore delay: about S3's first-byte latency from
//!   a nearby region), which is what concurrency is for.
//!
//! `cargo bench -p vbash-benches --bench vfs_s3` reads 2,000 objects (200 in the slow run,
//! whose one-at-a-time pass takes 200 × 20 ms). Under `cargo test --benches` it is a smoke
//! run of a few dozen objects. Without `moto_server` it prints a note and exits at once.

#[path = "../../crates/vfs/tests/support/moto.rs"]
mod moto;

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use object_store::ObjectStore;
use vbash_vfs::fault::{Fault, FaultyStore, Op};
use vbash_vfs::{FileSystem, ObjectStoreFs, VfsPath, DEFAULT_MAX_CONCURRENCY};

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not.
    let full = std::env::args().any(|a| a == "--bench");
    let (objects, slow_objects, latency) = if full {
        (2000, 200, Duration::from_millis(20))
    } else {
        (40, 20, Duration::from_millis(5))
    };
    let Some(moto) = moto::Moto::start() else {
        return;
    };
    moto.create_bucket("bench");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let store = moto.store("bench");
        let paths = populate(store.clone(), objects).await;

        let (concurrent, sequential) = compare(store.clone(), &paths).await;
        report("moto", objects, concurrent, sequential);

        let slow: Arc<dyn ObjectStore> = Arc::new({
            let s = FaultyStore::new(store).with_sleep(|d| Box::pin(tokio::time::sleep(d)));
            s.inject(Fault::on(Op::Get).delay(latency));
            s
        });
        let (concurrent, sequential) = compare(slow, &paths[..slow_objects]).await;
        report(
            &format!("moto + {latency:?}/GET"),
            slow_objects,
            concurrent,
            sequential,
        );
    });
}

/// Writes `n` small objects (concurrently: setup, not measured); their paths.
async fn populate(store: Arc<dyn ObjectStore>, n: usize) -> Vec<VfsPath> {
    let fs = ObjectStoreFs::new(store);
    let dir = VfsPath::new("/data").expect("path");
    fs.create_dir(&dir).await.expect("mkdir");
    let paths: Vec<VfsPath> = (0..n)
        .map(|i| dir.join(format!("obj{i:05}.txt").as_bytes()))
        .collect();
    let writes: Vec<_> = paths
        .iter()
        .map(|p| fs.write(p, format!("object {p}\n").into()))
        .collect();
    let results: Vec<_> = futures::stream::iter(writes)
        .buffer_unordered(32)
        .collect()
        .await;
    for r in results {
        r.expect("write");
    }
    paths
}

/// Times `read_many` over `paths` at the default concurrency and at 1 (fresh filesystems, so
/// neither run profits from the other's cache), checking every result.
async fn compare(store: Arc<dyn ObjectStore>, paths: &[VfsPath]) -> (Duration, Duration) {
    let mut times = Vec::new();
    for concurrency in [DEFAULT_MAX_CONCURRENCY, 1] {
        let fs = ObjectStoreFs::new(store.clone()).with_max_concurrency(concurrency);
        let start = Instant::now();
        let results = fs.read_many(paths).await;
        times.push(start.elapsed());
        for (p, r) in paths.iter().zip(results) {
            assert_eq!(r.expect("read"), format!("object {p}\n"));
        }
    }
    (times[0], times[1])
}

fn report(label: &str, n: usize, concurrent: Duration, sequential: Duration) {
    let per = |d: Duration| d / u32::try_from(n).unwrap_or(u32::MAX);
    println!(
        "vfs_s3 [{label}] read_many of {n} objects: concurrency {DEFAULT_MAX_CONCURRENCY} \
         {concurrent:.2?} ({:.2?}/object), one at a time {sequential:.2?} ({:.2?}/object): \
         {:.1}x",
        per(concurrent),
        per(sequential),
        sequential.as_secs_f64() / concurrent.as_secs_f64().max(1e-9)
    );
}
