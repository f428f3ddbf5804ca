//! ReadOnlyFs: reads pass through (the contract's read checks), every change is `EROFS`.

use std::sync::Arc;

use futures::executor::block_on;
use vbash_vfs::testing::{assert_read_only, populate_read_fixture, run_read_checks, Capabilities};
use vbash_vfs::{Bytes, ErrorKind, FileSystem, MemFs, ReadOnlyFs, Timestamp, VfsPath};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

/// A MemFs holding the contract fixture at `/fixture`.
fn fixture() -> Arc<MemFs> {
    let fs = Arc::new(MemFs::new());
    block_on(async {
        fs.create_dir(&p("/fixture")).await.unwrap();
        populate_read_fixture(&*fs, &p("/fixture"), Capabilities::all()).await;
    });
    fs
}

#[test]
fn read_checks_pass_through() {
    let inner = fixture();
    let ro = ReadOnlyFs::new(inner.clone());
    block_on(run_read_checks(&ro, &p("/fixture"), Capabilities::all()));
    // The same through a type-erased inner filesystem.
    let dyn_inner: Arc<dyn FileSystem> = inner;
    let ro = ReadOnlyFs::new(dyn_inner);
    block_on(run_read_checks(&ro, &p("/fixture"), Capabilities::all()));
}

#[test]
fn every_change_is_erofs_and_changes_nothing() {
    let inner = fixture();
    let before = inner.usage();
    let ro = ReadOnlyFs::new(inner.clone());
    block_on(assert_read_only(&ro, &p("/fixture"), Capabilities::all()));
    assert_eq!(inner.usage(), before);
}

#[test]
fn erofs_for_each_mutating_method() {
    let inner = fixture();
    let ro = ReadOnlyFs::new(inner.clone());
    let (f, d, new) = (
        p("/fixture/hello.txt"),
        p("/fixture/dir"),
        p("/fixture/new"),
    );
    let erofs = |r: vbash_vfs::Result<()>, path: &VfsPath| {
        let e = r.unwrap_err();
        assert_eq!(e.kind, ErrorKind::ReadOnly, "{path}");
        assert_eq!(e.path, path.as_bytes(), "{path}");
        assert_eq!(
            e.node("open"),
            format!("EROFS: read-only file system, open '{path}'")
        );
    };
    block_on(async {
        let x = || Bytes::from_static(b"x");
        erofs(ro.write(&f, x()).await, &f);
        erofs(ro.write(&new, x()).await, &new);
        erofs(ro.create_new(&new, x()).await, &new);
        erofs(ro.append(&f, x()).await, &f);
        erofs(ro.create_dir(&new).await, &new);
        erofs(
            ro.create_dir_all(&p("/fixture/new/deeper")).await,
            &p("/fixture/new/deeper"),
        );
        erofs(ro.create_dir_all(&f).await, &f);
        erofs(ro.remove_file(&f).await, &f);
        erofs(ro.remove_dir(&d).await, &d);
        erofs(ro.remove_dir_all(&d).await, &d);
        erofs(ro.rename(&f, &new).await, &f);
        erofs(ro.symlink(b"hello.txt", &new).await, &new);
        erofs(ro.set_mtime(&f, Timestamp::from_secs(5)).await, &f);
        erofs(ro.set_mode(&f, 0o600).await, &f);
        // Refused before looking: a missing path is EROFS too, not ENOENT.
        erofs(ro.remove_file(&p("/nope/x")).await, &p("/nope/x"));
        // `mkdir -p` of an existing directory changes nothing, so it succeeds.
        ro.create_dir_all(&d).await.unwrap();
        ro.create_dir_all(&VfsPath::root()).await.unwrap();
        assert_eq!(&ro.read(&f).await.unwrap()[..], b"hello\n");
        assert!(!ro.exists(&new).await);
        // The inner filesystem stays writable for its owner.
        ro.inner().write(&new, x()).await.unwrap();
        assert_eq!(&ro.read(&new).await.unwrap()[..], b"x");
    });
    let back: Arc<MemFs> = ro.into_inner();
    assert!(Arc::ptr_eq(&back, &inner));
}

#[test]
fn wraps_a_memfs_by_value() {
    let ro = ReadOnlyFs::new(MemFs::with_files([("/a/b", "B")]).unwrap());
    block_on(async {
        let got = ro.read_many(&[p("/a/b"), p("/a")]).await;
        assert_eq!(&got[0].as_ref().unwrap()[..], b"B");
        assert_eq!(got[1].as_ref().unwrap_err().kind, ErrorKind::IsADirectory);
        assert_eq!(ro.read_dir(&p("/a")).await.unwrap().len(), 1);
        assert_eq!(
            ro.read_link(&p("/a/b")).await.unwrap_err().kind,
            ErrorKind::InvalidInput
        );
        assert_eq!(&ro.read_range(&p("/a/b"), 0, 9).await.unwrap()[..], b"B");
        assert!(ro.metadata(&p("/a")).await.unwrap().is_dir());
        assert!(ro.symlink_metadata(&p("/a/b")).await.unwrap().is_file());
    });
    assert!(format!("{ro:?}").starts_with("ReadOnlyFs"));
}
