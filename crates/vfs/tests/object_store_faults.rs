//! ObjectStoreFs when the store misbehaves (through FaultyStore): every failure is EIO with
//! the store's message, a failed write is never reported as success nor visible afterwards,
//! and a failed lookup is never taken for absence. Also: batched reads really overlap.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::TryStreamExt;
use object_store::memory::InMemory;
use object_store::ObjectStore;
use vbash_vfs::fault::{Fault, FaultyStore, Op};
use vbash_vfs::{ErrorKind, FileSystem, FsError, ObjectStoreFs, VfsPath};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

/// A filesystem over a faulty in-memory store, with `/d/old` holding "old".
async fn setup() -> (ObjectStoreFs, Arc<FaultyStore>) {
    let store = Arc::new(
        FaultyStore::new(Arc::new(InMemory::new())).with_sleep(|d| Box::pin(tokio::time::sleep(d))),
    );
    let fs = ObjectStoreFs::new(store.clone());
    fs.create_dir(&p("/d")).await.unwrap();
    fs.write(&p("/d/old"), "old".into()).await.unwrap();
    (fs, store)
}

#[track_caller]
fn assert_eio(e: FsError, message: &str) {
    assert_eq!(e.kind, ErrorKind::Io, "{e}");
    let detail = e.detail.clone().unwrap_or_default();
    assert!(detail.contains(message), "{e}: detail lacks {message:?}");
    assert!(
        e.coreutils("x").starts_with("x: Input/output error ("),
        "{e}"
    );
}

/// What a fresh filesystem over the same store sees (no cache shared with the one that
/// failed).
fn fresh(store: &Arc<FaultyStore>) -> ObjectStoreFs {
    ObjectStoreFs::new(store.inner().clone())
}

#[tokio::test]
async fn failed_writes_are_errors_and_leave_nothing_behind() {
    let (fs, store) = setup().await;
    store.inject(Fault::on(Op::Put).fail("503 Service Unavailable"));

    let e = fs.write(&p("/d/new"), "new".into()).await.unwrap_err();
    assert_eio(e, "503 Service Unavailable");
    let e = fs.write(&p("/d/old"), "replaced".into()).await.unwrap_err();
    assert_eio(e, "503");
    let e = fs.create_new(&p("/d/excl"), "x".into()).await.unwrap_err();
    assert_eio(e, "503");
    let e = fs.append(&p("/d/old"), "+more".into()).await.unwrap_err();
    assert_eio(e, "503");
    let e = fs.append(&p("/d/appended"), "x".into()).await.unwrap_err();
    assert_eio(e, "503");
    let e = fs.create_dir(&p("/d/sub")).await.unwrap_err();
    assert_eio(e, "503");

    for view in [&fs, &fresh(&store)] {
        for gone in ["/d/new", "/d/excl", "/d/appended", "/d/sub"] {
            let e = view.metadata(&p(gone)).await.unwrap_err();
            assert_eq!(e.kind, ErrorKind::NotFound, "{gone}");
        }
        assert_eq!(view.read(&p("/d/old")).await.unwrap(), "old");
        let names: Vec<_> = view.read_dir(&p("/d")).await.unwrap();
        assert_eq!(names.len(), 1);
    }

    // Once the store recovers, the same calls succeed.
    store.clear();
    fs.write(&p("/d/new"), "new".into()).await.unwrap();
    assert_eq!(fs.read(&p("/d/new")).await.unwrap(), "new");
}

#[tokio::test]
async fn timeouts_are_eio_after_the_wait() {
    let (fs, store) = setup().await;
    store.inject(Fault::on(Op::Put).timeout(Duration::from_millis(50)));
    let start = Instant::now();
    let e = fs.write(&p("/d/slow"), "x".into()).await.unwrap_err();
    assert!(start.elapsed() >= Duration::from_millis(50));
    assert_eio(e, "timed out");
    assert_eq!(
        fresh(&store)
            .metadata(&p("/d/slow"))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
}

#[tokio::test]
async fn failed_lookups_are_eio_never_absence() {
    let (fs, store) = setup().await;
    fs.clear_cache();
    store.inject(
        Fault::on(Op::Head)
            .or(Op::List)
            .or(Op::ListWithDelimiter)
            .fail("throttled"),
    );
    assert_eio(fs.metadata(&p("/d/old")).await.unwrap_err(), "throttled");
    assert_eio(
        fs.metadata(&p("/d/missing")).await.unwrap_err(),
        "throttled",
    );
    assert_eio(fs.read_dir(&p("/d")).await.unwrap_err(), "throttled");
    // `test -e` must not conclude "missing" from a failure.
    assert!(fs.exists(&p("/d/missing")).await);
    // Writing needs the parent checked: a failed check is not permission to write.
    assert_eio(
        fs.write(&p("/d/x"), "x".into()).await.unwrap_err(),
        "throttled",
    );
    store.clear();
    assert_eq!(
        fs.metadata(&p("/d/x")).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    // Nothing failed was cached: the same lookups now work.
    assert_eq!(fs.metadata(&p("/d/old")).await.unwrap().size, 3);
}

#[tokio::test]
async fn failed_reads_are_eio() {
    let (fs, store) = setup().await;
    store.inject(
        Fault::on(Op::Get)
            .path_contains("old")
            .nth(1)
            .fail("500 Internal Error"),
    );
    assert_eio(
        fs.read(&p("/d/old")).await.unwrap_err(),
        "500 Internal Error",
    );
    assert_eq!(fs.read(&p("/d/old")).await.unwrap(), "old");
    store.inject(Fault::on(Op::Get).nth(1).fail("reset by peer"));
    assert_eio(
        fs.read_range(&p("/d/old"), 0, 2).await.unwrap_err(),
        "reset by peer",
    );
}

#[tokio::test]
async fn read_many_reports_failures_per_item() {
    let (fs, store) = setup().await;
    let paths: Vec<_> = (0..10).map(|i| p(&format!("/d/f{i}"))).collect();
    for (i, path) in paths.iter().enumerate() {
        fs.write(path, Bytes::from(format!("{i}"))).await.unwrap();
    }
    store.inject(Fault::on(Op::Get).path_contains("f3").fail("bad gateway"));
    let results = fs.read_many(&paths).await;
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(b) if i != 3 => assert_eq!(b, format!("{i}")),
            Err(e) if i == 3 => assert_eio(e, "bad gateway"),
            other => panic!("item {i}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn read_many_keeps_requests_in_flight_up_to_the_limit() {
    let (fs, store) = setup().await;
    let paths: Vec<_> = (0..96).map(|i| p(&format!("/d/f{i:03}"))).collect();
    for path in &paths {
        fs.write(path, "x".into()).await.unwrap();
    }
    store.inject(Fault::on(Op::Get).delay(Duration::from_millis(40)));

    store.reset_counts();
    let start = Instant::now();
    let results = fs.read_many(&paths).await;
    let parallel = start.elapsed();
    assert!(results.iter().all(|r| r.is_ok()));
    // 96 reads of 40 ms, 32 at a time: about 3 rounds (120 ms); one at a time: 3.8 s.
    assert!(parallel < Duration::from_millis(1500), "took {parallel:?}");
    assert_eq!(store.max_in_flight(), 32);

    let one = ObjectStoreFs::new(store.clone()).with_max_concurrency(1);
    store.reset_counts();
    let start = Instant::now();
    let _ = one.read_many(&paths[..10]).await;
    assert!(start.elapsed() >= Duration::from_millis(400));
    assert_eq!(store.max_in_flight(), 1);
}

#[tokio::test]
async fn a_failed_rename_leaves_the_source_whole() {
    let (fs, store) = setup().await;
    for i in 0..20 {
        fs.write(&p(&format!("/d/f{i:02}")), Bytes::from(format!("{i}")))
            .await
            .unwrap();
    }
    store.inject(Fault::on(Op::Copy).nth(7).fail("copy failed"));
    assert_eio(
        fs.rename(&p("/d"), &p("/e")).await.unwrap_err(),
        "copy failed",
    );
    for view in [&fs, &fresh(&store)] {
        for i in 0..20 {
            let got = view.read(&p(&format!("/d/f{i:02}"))).await.unwrap();
            assert_eq!(got, format!("{i}"));
        }
        assert_eq!(view.read(&p("/d/old")).await.unwrap(), "old");
    }

    // A file rename whose delete fails: reported, and the source is still there.
    store.clear();
    store.inject(Fault::on(Op::Delete).fail("delete failed"));
    assert_eio(
        fs.rename(&p("/d/old"), &p("/d/new")).await.unwrap_err(),
        "delete failed",
    );
    assert_eq!(fs.read(&p("/d/old")).await.unwrap(), "old");
}

#[tokio::test]
async fn failed_removals_are_eio() {
    let (fs, store) = setup().await;
    fs.write(&p("/d/second"), "2".into()).await.unwrap();
    store.inject(Fault::on(Op::Delete).fail("access point down"));
    assert_eio(
        fs.remove_file(&p("/d/old")).await.unwrap_err(),
        "access point down",
    );
    assert_eio(
        fs.remove_dir_all(&p("/d")).await.unwrap_err(),
        "access point down",
    );
    assert_eq!(fs.read(&p("/d/old")).await.unwrap(), "old");
    store.clear();
    fs.remove_dir_all(&p("/d")).await.unwrap();
    let left: Vec<_> = store.inner().list(None).try_collect().await.unwrap();
    assert!(left.is_empty(), "{left:?}");
}
