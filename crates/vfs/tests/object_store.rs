//! ObjectStoreFs over object_store's InMemory: the shared contract suite, and what is
//! particular to object stores (markers, implicit directories, key prefixes, the metadata
//! cache, name encoding, conditional appends, unsupported operations).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::TryStreamExt;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use vbash_vfs::fault::{Fault, FaultyStore, Op};
use vbash_vfs::testing::{run_contract_suite, Capabilities};
use vbash_vfs::{ErrorKind, FileKind, FileSystem, ManualClock, ObjectStoreFs, VfsPath};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

/// What an object store can do: no symlinks, modes or settable mtimes; empty directories
/// through markers; directory renames by copying.
fn caps() -> Capabilities {
    Capabilities {
        symlinks: false,
        modes: false,
        set_mtime: false,
        empty_dirs: true,
        rename_dirs: true,
        ..Capabilities::all()
    }
}

async fn keys(store: &dyn ObjectStore) -> Vec<String> {
    let mut keys: Vec<String> = store
        .list(None)
        .map_ok(|m| m.location.to_string())
        .try_collect()
        .await
        .unwrap();
    keys.sort();
    keys
}

#[tokio::test]
async fn contract_suite_in_memory() {
    let fs = ObjectStoreFs::new(Arc::new(InMemory::new()));
    let root = p("/contract");
    fs.create_dir(&root).await.unwrap();
    run_contract_suite(&fs, &root, caps()).await;
}

#[tokio::test]
async fn contract_suite_below_a_prefix_without_cache() {
    // The cache off (TTL zero) exercises every uncached path; the prefix must confine keys.
    let store = Arc::new(InMemory::new());
    store.put(&Path::from("outside"), "x".into()).await.unwrap();
    let fs = ObjectStoreFs::new(store.clone())
        .with_prefix("/tenants/a/")
        .unwrap()
        .with_cache_ttl(Some(Duration::ZERO));
    assert_eq!(fs.prefix(), "tenants/a");
    run_contract_suite(&fs, &VfsPath::root(), caps().with_stress(256 << 10, 300)).await;
    for key in keys(store.as_ref()).await {
        assert!(
            key == "outside" || key.starts_with("tenants/a/"),
            "{key} escaped the prefix"
        );
    }
    assert_eq!(
        store
            .get(&Path::from("outside"))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
        "x"
    );
}

#[tokio::test]
async fn markers_make_empty_directories_and_stay_hidden() {
    let store = Arc::new(InMemory::new());
    let fs = ObjectStoreFs::new(store.clone());
    fs.create_dir(&p("/d")).await.unwrap();
    fs.create_dir(&p("/d/e")).await.unwrap();
    assert_eq!(
        keys(store.as_ref()).await,
        ["d/.vbash-dir", "d/e/.vbash-dir"]
    );
    let names: Vec<_> = fs.read_dir(&p("/d")).await.unwrap();
    assert_eq!(names.len(), 1);
    assert_eq!(
        (names[0].name.as_slice(), names[0].kind),
        (&b"e"[..], FileKind::Directory)
    );
    assert!(fs.read_dir(&p("/d/e")).await.unwrap().is_empty());

    // The marker's name is reserved: not creatable, not visible.
    let marker = p("/d/.vbash-dir");
    let e = fs.write(&marker, "x".into()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert_eq!(
        fs.metadata(&marker).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert!(!fs.exists(&marker).await);
    assert_eq!(
        fs.create_dir(&marker).await.unwrap_err().kind,
        ErrorKind::InvalidInput
    );

    fs.remove_dir(&p("/d/e")).await.unwrap();
    assert_eq!(keys(store.as_ref()).await, ["d/.vbash-dir"]);
}

#[tokio::test]
async fn foreign_trees_show_implicit_directories_that_outlive_their_last_file() {
    let store = Arc::new(InMemory::new());
    for key in ["data/2024/a.csv", "data/2024/b.csv", "data/readme"] {
        store.put(&Path::from(key), key.into()).await.unwrap();
    }
    let fs = ObjectStoreFs::new(store.clone());
    assert!(fs.metadata(&p("/data/2024")).await.unwrap().is_dir());
    let listing: Vec<_> = fs
        .read_dir(&p("/data"))
        .await
        .unwrap()
        .into_iter()
        .map(|e| (String::from_utf8(e.name).unwrap(), e.kind))
        .collect();
    assert_eq!(
        listing,
        [
            ("2024".into(), FileKind::Directory),
            ("readme".into(), FileKind::File)
        ]
    );
    assert_eq!(
        fs.read(&p("/data/2024/a.csv")).await.unwrap(),
        "data/2024/a.csv"
    );

    // Removing the files one by one leaves the (now empty) directory, as POSIX says.
    fs.remove_file(&p("/data/2024/a.csv")).await.unwrap();
    fs.remove_file(&p("/data/2024/b.csv")).await.unwrap();
    assert!(fs.metadata(&p("/data/2024")).await.unwrap().is_dir());
    assert!(fs.read_dir(&p("/data/2024")).await.unwrap().is_empty());
    assert!(keys(store.as_ref())
        .await
        .contains(&"data/2024/.vbash-dir".to_string()));
    fs.remove_dir(&p("/data/2024")).await.unwrap();
    assert_eq!(
        fs.metadata(&p("/data/2024")).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert_eq!(keys(store.as_ref()).await, ["data/readme"]);
}

#[tokio::test]
async fn odd_names_round_trip_through_private_use_characters() {
    let store = Arc::new(InMemory::new());
    let fs = ObjectStoreFs::new(store.clone());
    let names: [&[u8]; 4] = [
        b"plain.txt",
        b"\xff\xfe",
        b"tab\there",
        "caf\u{e9}".as_bytes(),
    ];
    for name in names {
        fs.write(&VfsPath::root().join(name), Bytes::copy_from_slice(name))
            .await
            .unwrap();
    }
    let mut listed: Vec<Vec<u8>> = fs
        .read_dir(&VfsPath::root())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    let mut want: Vec<Vec<u8>> = names.iter().map(|n| n.to_vec()).collect();
    want.sort();
    listed.sort();
    assert_eq!(listed, want);
    for name in names {
        assert_eq!(fs.read(&VfsPath::root().join(name)).await.unwrap(), name);
    }
    // Ordinary names are stored as they are, for other tools to read.
    let stored = keys(store.as_ref()).await;
    assert!(stored.contains(&"plain.txt".to_string()));
    assert!(stored.contains(&"caf\u{e9}".to_string()));
    assert!(stored.contains(&"\u{F7FF}\u{F7FE}".to_string()));
    assert!(stored.contains(&"tab\u{F709}here".to_string()));
}

#[tokio::test]
async fn cache_sees_own_writes_and_others_after_ttl_or_clear() {
    let inner: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    let counted = Arc::new(FaultyStore::new(inner.clone()));
    let clock = Arc::new(ManualClock::new(1_000));
    let fs = ObjectStoreFs::new(counted.clone())
        .with_clock(clock.clone())
        .with_cache_ttl(Some(Duration::from_secs(30)));
    let f = p("/f");
    fs.write(&f, "one".into()).await.unwrap();
    let first = fs.metadata(&f).await.unwrap();
    assert_eq!(first.size, 3);
    counted.reset_counts();
    assert_eq!(fs.metadata(&f).await.unwrap(), first);
    assert_eq!(
        counted.total_calls(),
        0,
        "a second stat is answered by the cache"
    );

    // Own writes are seen at once.
    fs.write(&f, "three".into()).await.unwrap();
    assert_eq!(fs.metadata(&f).await.unwrap().size, 5);

    // Another writer's change is seen once the TTL has passed.
    inner.put(&Path::from("f"), "seven!!".into()).await.unwrap();
    assert_eq!(fs.metadata(&f).await.unwrap().size, 5, "still cached");
    assert_eq!(
        fs.read(&f).await.unwrap(),
        "seven!!",
        "contents are never cached"
    );
    clock.advance(31);
    assert_eq!(fs.metadata(&f).await.unwrap().size, 7);

    // Without a TTL, only clear_cache shows it.
    let fs = ObjectStoreFs::new(inner.clone());
    assert_eq!(
        fs.metadata(&p("/g")).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    inner.put(&Path::from("g"), "g".into()).await.unwrap();
    assert_eq!(
        fs.metadata(&p("/g")).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    fs.clear_cache();
    assert!(fs.metadata(&p("/g")).await.unwrap().is_file());
}

#[tokio::test]
async fn listing_fills_the_stat_cache() {
    let counted = Arc::new(FaultyStore::new(Arc::new(InMemory::new())));
    let fs = ObjectStoreFs::new(counted.clone());
    fs.create_dir(&p("/d")).await.unwrap();
    for i in 0..20 {
        fs.write(&p(&format!("/d/f{i}")), "x".into()).await.unwrap();
    }
    fs.clear_cache();
    counted.reset_counts();
    let entries = fs.read_dir(&p("/d")).await.unwrap();
    for e in &entries {
        let m = fs.metadata(&p("/d").join(&e.name)).await.unwrap();
        assert_eq!(m.size, 1);
    }
    // `ls -l`: one listing, no head per file.
    assert_eq!(counted.calls(Op::ListWithDelimiter), 1);
    assert_eq!(counted.calls(Op::Head), 0);
}

#[tokio::test]
async fn unsupported_operations_say_so() {
    let fs = ObjectStoreFs::new(Arc::new(InMemory::new()));
    let f = p("/f");
    fs.write(&f, "x".into()).await.unwrap();
    let e = fs.symlink(b"f", &p("/l")).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(
        e.coreutils("l"),
        "l: Operation not supported (object stores have no symbolic links)"
    );
    assert_eq!(
        fs.set_mode(&f, 0o755).await.unwrap_err().kind,
        ErrorKind::Unsupported
    );
    let t = vbash_vfs::Timestamp::from_secs(1);
    assert_eq!(
        fs.set_mtime(&f, t).await.unwrap_err().kind,
        ErrorKind::Unsupported
    );
    assert_eq!(
        fs.set_mode(&p("/nope"), 0o755).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert_eq!(
        fs.read_link(&f).await.unwrap_err().kind,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        fs.read_link(&p("/nope")).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    let m = fs.metadata(&f).await.unwrap();
    assert_eq!((m.mode, m.nlink), (0o644, 1));
    assert_eq!(fs.symlink_metadata(&f).await.unwrap(), m);
}

#[tokio::test]
async fn bad_prefixes_and_long_keys_are_refused() {
    let store: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    for bad in ["a//b", "a/../b", "a/./b"] {
        let e = ObjectStoreFs::new(store.clone())
            .with_prefix(bad)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{bad}");
    }
    let fs = ObjectStoreFs::new(store);
    let long = p(&format!("/{}", "x".repeat(1100)));
    assert_eq!(
        fs.write(&long, "x".into()).await.unwrap_err().kind,
        ErrorKind::NameTooLong
    );
    assert_eq!(
        fs.metadata(&long).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
}

#[tokio::test]
async fn concurrent_appends_are_retried_not_lost() {
    let inner: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    let slow = Arc::new(FaultyStore::new(inner.clone()));
    let a = ObjectStoreFs::new(slow.clone());
    let b = ObjectStoreFs::new(inner.clone());
    a.write(&p("/log"), "start\n".into()).await.unwrap();
    // A's next put waits long enough for B to append in between: A's conditional put then
    // fails, and A appends again on top of B's line.
    slow.inject(Fault::on(Op::Put).nth(1).delay(Duration::from_millis(300)));
    let log = p("/log");
    let (ra, rb) = tokio::join!(a.append(&log, "from a\n".into()), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        b.append(&log, "from b\n".into()).await
    });
    ra.unwrap();
    rb.unwrap();
    assert_eq!(b.read(&p("/log")).await.unwrap(), "start\nfrom b\nfrom a\n");
    assert!(slow.calls(Op::Put) >= 3, "A retried its put");
}

#[tokio::test]
async fn a_conflict_past_the_retries_is_eio_and_loses_nothing() {
    let inner: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    let slow = Arc::new(FaultyStore::new(inner.clone()));
    let a = ObjectStoreFs::new(slow.clone()).with_conflict_retries(0);
    let b = ObjectStoreFs::new(inner.clone());
    a.write(&p("/log"), "start\n".into()).await.unwrap();
    slow.inject(Fault::on(Op::Put).delay(Duration::from_millis(300)));
    let log = p("/log");
    let (ra, rb) = tokio::join!(a.append(&log, "from a\n".into()), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        b.append(&log, "from b\n".into()).await
    });
    rb.unwrap();
    let e = ra.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(
        e.detail
            .as_deref()
            .unwrap()
            .contains("concurrent modification"),
        "{e}"
    );
    assert_eq!(b.read(&p("/log")).await.unwrap(), "start\nfrom b\n");
}

#[tokio::test]
async fn create_new_loses_a_race_with_eexist() {
    let inner: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    let a = ObjectStoreFs::new(inner.clone());
    let b = ObjectStoreFs::new(inner.clone());
    // A believes /x is missing (cached), then B creates it.
    assert!(!a.exists(&p("/x")).await);
    b.write(&p("/x"), "b".into()).await.unwrap();
    let e = a.create_new(&p("/x"), "a".into()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::AlreadyExists);
    assert_eq!(a.read(&p("/x")).await.unwrap(), "b");
}

#[tokio::test]
async fn stores_without_conditional_puts_get_plain_puts() {
    let store = Arc::new(FaultyStore::new(Arc::new(InMemory::new())));
    // The first put is create_new's `PutMode::Create`: refused as unimplemented.
    store.inject(Fault::on(Op::Put).nth(1).unsupported());
    let fs = ObjectStoreFs::new(store.clone());
    fs.create_new(&p("/f"), "one".into()).await.unwrap();
    fs.append(&p("/f"), "two".into()).await.unwrap();
    assert_eq!(fs.read(&p("/f")).await.unwrap(), "onetwo");
    assert_eq!(store.calls(Op::Put), 3);
}

#[tokio::test]
async fn rename_moves_every_key_below_a_directory() {
    let store = Arc::new(InMemory::new());
    let fs = ObjectStoreFs::new(store.clone()).with_max_concurrency(4);
    fs.create_dir(&p("/src")).await.unwrap();
    fs.create_dir(&p("/src/empty")).await.unwrap();
    for i in 0..50 {
        fs.write(&p(&format!("/src/f{i}")), format!("{i}").into())
            .await
            .unwrap();
    }
    fs.rename(&p("/src"), &p("/dst")).await.unwrap();
    let stored = keys(store.as_ref()).await;
    assert_eq!(stored.len(), 52);
    assert!(stored.iter().all(|k| k.starts_with("dst/")), "{stored:?}");
    assert!(fs.read_dir(&p("/dst/empty")).await.unwrap().is_empty());
    assert_eq!(fs.read(&p("/dst/f7")).await.unwrap(), "7");
}

#[tokio::test]
async fn removing_a_file_from_a_big_directory_is_a_few_requests() {
    let counted = Arc::new(FaultyStore::new(Arc::new(InMemory::new())));
    let fs = ObjectStoreFs::new(counted.clone());
    fs.create_dir(&p("/big")).await.unwrap();
    for i in 0..2000 {
        fs.write(&p(&format!("/big/f{i:04}")), "x".into())
            .await
            .unwrap();
    }
    fs.clear_cache();
    counted.reset_counts();
    fs.remove_file(&p("/big/f1234")).await.unwrap();
    // head (what is it?), one list (does the directory keep another entry?), delete: no
    // listing of the 2,000 entries.
    assert_eq!(counted.calls(Op::ListWithDelimiter), 0);
    assert_eq!(counted.total_calls(), 3);
    assert_eq!(fs.read_dir(&p("/big")).await.unwrap().len(), 1999);
}
