//! ObjectStoreFs against a real S3 server: moto, started on a free local port for each test
//! and stopped when it ends (see `support/moto.rs`). Skipped with a note when moto_server is
//! not installed, except under `CI=true`, where it must run.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use object_store::path::Path;
use object_store::ObjectStoreExt;
use support::moto::Moto;
use vbash_vfs::fault::{Fault, FaultyStore, Op};
use vbash_vfs::testing::{run_contract_suite, Capabilities};
use vbash_vfs::{ErrorKind, FileSystem, ObjectStoreFs, VfsPath};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

fn caps() -> Capabilities {
    Capabilities {
        symlinks: false,
        modes: false,
        set_mtime: false,
        empty_dirs: true,
        rename_dirs: true,
        // Smaller stress than in memory: every file is a few HTTP requests.
        ..Capabilities::all().with_stress(512 << 10, 200)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_contract_suite() {
    let Some(moto) = Moto::start() else { return };
    moto.create_bucket("contract");
    let start = Instant::now();
    let fs = ObjectStoreFs::new(moto.store("contract"))
        .with_prefix("suite")
        .unwrap();
    run_contract_suite(&fs, &VfsPath::root(), caps()).await;
    eprintln!("S3 contract suite: {:?}", start.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_objects_markers_and_conflicts() {
    let Some(moto) = Moto::start() else { return };
    moto.create_bucket("semantics");
    let store = moto.store("semantics");
    let fs = ObjectStoreFs::new(store.clone());

    // Files are plain objects; mkdir leaves its marker; other tools' keys show up.
    fs.create_dir(&p("/docs")).await.unwrap();
    fs.write(&p("/docs/a.txt"), "hello".into()).await.unwrap();
    store
        .put(&Path::from("docs/sub/b.txt"), "from elsewhere".into())
        .await
        .unwrap();
    let mut keys: Vec<String> = store
        .list(None)
        .map_ok(|m| m.location.to_string())
        .try_collect()
        .await
        .unwrap();
    keys.sort();
    assert_eq!(keys, ["docs/.vbash-dir", "docs/a.txt", "docs/sub/b.txt"]);
    let listing: Vec<_> = fs.read_dir(&p("/docs")).await.unwrap();
    let names: Vec<_> = listing
        .iter()
        .map(|e| String::from_utf8_lossy(&e.name))
        .collect();
    assert_eq!(names, ["a.txt", "sub"]);
    assert_eq!(fs.read_range(&p("/docs/a.txt"), 1, 3).await.unwrap(), "ell");
    assert_eq!(fs.read_range(&p("/docs/a.txt"), 9, 3).await.unwrap(), "");
    let m = fs.metadata(&p("/docs/a.txt")).await.unwrap();
    assert_eq!(m.size, 5);
    assert!(
        m.mtime.secs > 1_600_000_000,
        "mtime from last_modified: {:?}",
        m.mtime
    );

    // Conditional puts on a real server: a concurrent append is retried, not lost.
    let slow =
        Arc::new(FaultyStore::new(store.clone()).with_sleep(|d| Box::pin(tokio::time::sleep(d))));
    let a = ObjectStoreFs::new(slow.clone());
    let b = ObjectStoreFs::new(store.clone());
    a.write(&p("/docs/log"), "start\n".into()).await.unwrap();
    slow.inject(Fault::on(Op::Put).nth(1).delay(Duration::from_millis(600)));
    let log = p("/docs/log");
    let (ra, rb) = tokio::join!(a.append(&log, "from a\n".into()), async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        b.append(&log, "from b\n".into()).await
    });
    ra.unwrap();
    rb.unwrap();
    assert_eq!(b.read(&log).await.unwrap(), "start\nfrom b\nfrom a\n");

    // create_new is exclusive on the server too.
    let e = b.create_new(&log, "x".into()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::AlreadyExists);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_failures_are_eio_with_the_servers_message() {
    let Some(moto) = Moto::start() else { return };
    // No such bucket: every request fails, and says why.
    let fs = ObjectStoreFs::new(moto.store("never-created"));
    let e = fs.write(&p("/f"), "x".into()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io, "{e}");
    assert!(
        e.detail.as_deref().unwrap_or("").contains("NoSuchBucket"),
        "{e}"
    );
    let e = fs.metadata(&p("/f")).await.unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Io | ErrorKind::NotFound), "{e}");
    let e = fs.read_dir(&VfsPath::root()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io, "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_read_many_is_latency_parallel() {
    let Some(moto) = Moto::start() else { return };
    moto.create_bucket("many");
    let fs = ObjectStoreFs::new(moto.store("many"));
    fs.create_dir(&p("/d")).await.unwrap();
    let paths: Vec<_> = (0..200).map(|i| p(&format!("/d/f{i:04}"))).collect();
    let writes: Vec<_> = paths
        .iter()
        .map(|path| fs.write(path, format!("content of {path}").into()))
        .collect();
    for r in futures::future::join_all(writes).await {
        r.unwrap();
    }
    let start = Instant::now();
    let results = fs.read_many(&paths).await;
    let concurrent = start.elapsed();
    for (path, r) in paths.iter().zip(results) {
        assert_eq!(r.unwrap(), format!("content of {path}"));
    }
    let one = ObjectStoreFs::new(moto.store("many")).with_max_concurrency(1);
    let start = Instant::now();
    for r in one.read_many(&paths).await {
        r.unwrap();
    }
    let sequential = start.elapsed();
    eprintln!(
        "200 objects: concurrent {concurrent:?}, one at a time {sequential:?} ({:.1}x)",
        sequential.as_secs_f64() / concurrent.as_secs_f64()
    );
}

/// A plain test thread, no tokio: how the CLI drives the filesystem. SpawnStore runs the
/// requests on its own runtime.
#[test]
fn s3_spawn_store_serves_any_executor() {
    let Some(moto) = Moto::start() else { return };
    moto.create_bucket("anyexec");
    let store = vbash_vfs::s3::SpawnStore::on_shared_runtime(moto.store("anyexec")).unwrap();
    let fs = ObjectStoreFs::new(Arc::new(store))
        .with_prefix("x")
        .unwrap();
    futures::executor::block_on(exercise(&fs));
}

/// A few of everything, checked.
async fn exercise(fs: &ObjectStoreFs) {
    fs.create_dir(&p("/d")).await.unwrap();
    fs.write(&p("/d/a"), "a".into()).await.unwrap();
    fs.append(&p("/d/a"), "b".into()).await.unwrap();
    assert_eq!(fs.read(&p("/d/a")).await.unwrap(), "ab");
    assert_eq!(fs.read_range(&p("/d/a"), 1, 5).await.unwrap(), "b");
    let paths: Vec<_> = (0..40).map(|i| p(&format!("/d/f{i}"))).collect();
    for path in &paths {
        fs.write(path, "x".into()).await.unwrap();
    }
    assert!(fs
        .read_many(&paths)
        .await
        .iter()
        .all(|r| r.as_deref() == Ok(&b"x"[..])));
    assert_eq!(fs.read_dir(&p("/d")).await.unwrap().len(), 41);
    fs.rename(&p("/d"), &p("/e")).await.unwrap();
    fs.remove_dir_all(&p("/e")).await.unwrap();
    assert!(fs.read_dir(&VfsPath::root()).await.unwrap().is_empty());
}

/// `s3::store_from_env` reads the `AWS_*` variables; it runs in a child process (this test
/// binary again, see `from_env_child`) so that setting them races no other test.
#[test]
fn s3_store_from_env_reads_aws_variables() {
    let Some(moto) = Moto::start() else { return };
    moto.create_bucket("fromenv");
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "from_env_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("VBASH_FROM_ENV_BUCKET", "fromenv")
        .env("AWS_ENDPOINT_URL", &moto.endpoint)
        .env("AWS_ALLOW_HTTP", "true")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("from_env_child ... ok"), "{stdout}");
    let store = vbash_vfs::s3::SpawnStore::on_shared_runtime(moto.store("fromenv")).unwrap();
    let fs = ObjectStoreFs::new(Arc::new(store));
    let names = futures::executor::block_on(fs.read_dir(&p("/env"))).unwrap();
    assert_eq!(names.len(), 1, "the child's file is in the bucket");
}

/// The child half of `s3_store_from_env_reads_aws_variables` (does nothing on its own).
#[test]
fn from_env_child() {
    let Ok(bucket) = std::env::var("VBASH_FROM_ENV_BUCKET") else {
        return;
    };
    let fs = ObjectStoreFs::new(vbash_vfs::s3::store_from_env(&bucket).unwrap());
    futures::executor::block_on(async {
        fs.create_dir(&p("/env")).await.unwrap();
        fs.write(&p("/env/file"), "from the environment".into())
            .await
            .unwrap();
        assert_eq!(
            fs.read(&p("/env/file")).await.unwrap(),
            "from the environment"
        );
    });
}
