//! OverlayFs: the contract suite (over a pre-filled lower layer, and over a read-only one, which
//! proves the lower layer is never written), the read checks through the overlay, and its own
//! behaviours: copy-up, whiteouts, opaque directories, merged listings, renames, symlinks
//! across layers.

use std::sync::Arc;

use futures::executor::block_on;
use vbash_vfs::testing::{
    populate_read_fixture, run_contract_suite, run_read_checks, Capabilities,
};
use vbash_vfs::{
    Bytes, ErrorKind, FileKind, FileSystem, ManualClock, MemFs, OverlayFs, ReadOnlyFs, Timestamp,
    VfsPath,
};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

/// The full suite, stress sizes included (the overlay walks paths itself; it is still quick).
fn caps() -> Capabilities {
    Capabilities::all()
}

/// A MemFs holding a few files and directories, with a clock that stands still.
fn lower() -> Arc<MemFs> {
    let fs = MemFs::builder()
        .clock(Arc::new(ManualClock::new(1_000)))
        .build();
    for (path, content) in [
        ("/etc/motd", "hello\n"),
        ("/src/main.rs", "fn main() {}\n"),
        ("/src/lib/a.rs", "a"),
        ("/src/lib/b.rs", "b"),
        ("/docs/readme", "read me"),
    ] {
        fs.insert_file(path, content).unwrap();
    }
    Arc::new(fs)
}

fn upper() -> Arc<MemFs> {
    Arc::new(
        MemFs::builder()
            .clock(Arc::new(ManualClock::new(2_000)))
            .build(),
    )
}

/// Everything in `fs` below `/`: path, kind, content or link target, mode, mtime.
async fn dump(fs: &dyn FileSystem) -> Vec<(VfsPath, FileKind, Vec<u8>, u32, Timestamp)> {
    let mut out = Vec::new();
    let mut stack = vec![VfsPath::root()];
    while let Some(dir) = stack.pop() {
        for e in fs.read_dir(&dir).await.unwrap() {
            let path = dir.join(&e.name);
            let meta = fs.symlink_metadata(&path).await.unwrap();
            let body = match e.kind {
                FileKind::File => fs.read(&path).await.unwrap().to_vec(),
                FileKind::Symlink => fs.read_link(&path).await.unwrap(),
                FileKind::Directory => {
                    stack.push(path.clone());
                    Vec::new()
                }
            };
            out.push((path, e.kind, body, meta.mode, meta.mtime));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

async fn names(fs: &dyn FileSystem, dir: &str) -> Vec<String> {
    fs.read_dir(&p(dir))
        .await
        .unwrap()
        .into_iter()
        .map(|e| String::from_utf8(e.name).unwrap())
        .collect()
}

#[test]
fn contract_suite_over_a_filled_lower_layer() {
    let lower = lower();
    lower.insert_file("/work/.keep", "").unwrap();
    let before = block_on(dump(&*lower));
    let fs = OverlayFs::new(lower.clone(), upper());
    block_on(async {
        // The suite's root exists only in the lower layer: everything it does copies up.
        run_contract_suite(&fs, &p("/work"), caps()).await;
        // And once more in a directory that exists only in the upper layer.
        fs.create_dir(&p("/fresh")).await.unwrap();
        run_contract_suite(&fs, &p("/fresh"), caps()).await;
        assert_eq!(dump(&*lower).await, before, "the lower layer changed");
    });
}

#[test]
fn contract_suite_over_a_read_only_lower_layer() {
    // Any write reaching the lower layer would fail with EROFS and fail the suite.
    let inner = lower();
    inner.insert_file("/work/.keep", "").unwrap();
    let lower = Arc::new(ReadOnlyFs::new(inner.snapshot()));
    let fs = OverlayFs::new(lower, upper());
    block_on(run_contract_suite(&fs, &p("/work"), caps()));
}

#[test]
fn read_checks_through_the_overlay() {
    let lower = Arc::new(MemFs::new());
    block_on(async {
        lower.create_dir(&p("/fx")).await.unwrap();
        populate_read_fixture(&*lower, &p("/fx"), Capabilities::all()).await;
        let fs = OverlayFs::new(lower.clone(), upper());
        run_read_checks(&fs, &p("/fx"), Capabilities::all()).await;
        // Still right after the whole tree was copied up by a rename and back.
        fs.rename(&p("/fx"), &p("/moved")).await.unwrap();
        fs.rename(&p("/moved"), &p("/fx")).await.unwrap();
        run_read_checks(&fs, &p("/fx"), Capabilities::all()).await;
        assert!(lower.exists(&p("/fx/hello.txt")).await);
    });
}

#[test]
fn writes_copy_up_content_modes_and_parents() {
    let lower = lower();
    block_on(async {
        lower.set_mode(&p("/src/lib"), 0o700).await.unwrap();
        lower.set_mode(&p("/src/lib/a.rs"), 0o755).await.unwrap();
        let lib_mtime = lower.metadata(&p("/src/lib")).await.unwrap().mtime;
        let upper = upper();
        let fs = OverlayFs::new(lower.clone(), upper.clone());

        fs.append(&p("/src/lib/a.rs"), Bytes::from_static(b"+"))
            .await
            .unwrap();
        assert_eq!(fs.read(&p("/src/lib/a.rs")).await.unwrap(), "a+");
        assert_eq!(lower.read(&p("/src/lib/a.rs")).await.unwrap(), "a");
        // Copied up with its mode, its parents with theirs; siblings stay below.
        assert_eq!(upper.read(&p("/src/lib/a.rs")).await.unwrap(), "a+");
        assert_eq!(
            upper.metadata(&p("/src/lib/a.rs")).await.unwrap().mode,
            0o755
        );
        let lib = upper.metadata(&p("/src/lib")).await.unwrap();
        assert_eq!((lib.mode, lib.mtime), (0o700, lib_mtime));
        assert!(!upper.exists(&p("/src/lib/b.rs")).await);
        assert_eq!(names(&fs, "/src/lib").await, ["a.rs", "b.rs"]);

        // Overwriting keeps the mode, as writing to an existing file does.
        fs.write(&p("/src/main.rs"), Bytes::from_static(b"new"))
            .await
            .unwrap();
        fs.set_mode(&p("/etc/motd"), 0o600).await.unwrap();
        fs.set_mtime(&p("/docs/readme"), Timestamp::from_secs(42))
            .await
            .unwrap();
        assert_eq!(fs.read(&p("/src/main.rs")).await.unwrap(), "new");
        assert_eq!(fs.metadata(&p("/src/main.rs")).await.unwrap().mode, 0o644);
        assert_eq!(fs.metadata(&p("/etc/motd")).await.unwrap().mode, 0o600);
        assert_eq!(fs.read(&p("/etc/motd")).await.unwrap(), "hello\n");
        let readme = fs.metadata(&p("/docs/readme")).await.unwrap();
        assert_eq!(readme.mtime, Timestamp::from_secs(42));
        assert_eq!(lower.metadata(&p("/etc/motd")).await.unwrap().mode, 0o644);
        assert_ne!(
            lower.metadata(&p("/docs/readme")).await.unwrap().mtime.secs,
            42
        );
    });
}

#[test]
fn deletes_leave_whiteouts_and_recreated_dirs_are_opaque() {
    let lower = lower();
    let fs = OverlayFs::new(lower.clone(), upper());
    block_on(async {
        fs.remove_file(&p("/etc/motd")).await.unwrap();
        assert!(!fs.exists(&p("/etc/motd")).await);
        assert_eq!(names(&fs, "/etc").await, Vec::<String>::new());
        let e = fs.read(&p("/etc/motd")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::NotFound, b"/etc/motd".to_vec())
        );
        assert_eq!(fs.whiteouts(), vec![p("/etc/motd")]);

        // A file written again at a whiteout is the new one.
        fs.write(&p("/etc/motd"), Bytes::from_static(b"bye\n"))
            .await
            .unwrap();
        assert_eq!(fs.read(&p("/etc/motd")).await.unwrap(), "bye\n");
        fs.remove_file(&p("/etc/motd")).await.unwrap();
        assert!(!fs.exists(&p("/etc/motd")).await);

        // A whole lower tree removed: one whiteout at its top replaces those below it.
        fs.remove_dir_all(&p("/src")).await.unwrap();
        assert!(!fs.exists(&p("/src/lib/a.rs")).await);
        assert_eq!(fs.whiteouts(), vec![p("/etc/motd"), p("/src")]);
        assert_eq!(names(&fs, "/").await, ["docs", "etc"]);
        // Made again, the directory is opaque: nothing of the lower one shows through.
        fs.create_dir(&p("/src")).await.unwrap();
        assert_eq!(names(&fs, "/src").await, Vec::<String>::new());
        assert!(!fs.exists(&p("/src/main.rs")).await);
        fs.create_dir_all(&p("/src/lib")).await.unwrap();
        assert_eq!(names(&fs, "/src/lib").await, Vec::<String>::new());

        // Errors as for any filesystem.
        let e = fs.remove_dir(&p("/docs")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::DirectoryNotEmpty);
        let e = fs.remove_file(&p("/docs")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::IsADirectory);
        let e = fs.create_dir(&p("/docs")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::AlreadyExists);
        let e = fs
            .create_new(&p("/docs/readme"), Bytes::new())
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::AlreadyExists);

        // The lower layer has everything still.
        assert_eq!(lower.read(&p("/etc/motd")).await.unwrap(), "hello\n");
        assert!(lower.exists(&p("/src/lib/b.rs")).await);
    });
}

#[test]
fn listings_merge_both_layers() {
    let lower = lower();
    let fs = OverlayFs::new(lower.clone(), upper());
    block_on(async {
        fs.write(&p("/src/zz.rs"), Bytes::from_static(b"z"))
            .await
            .unwrap();
        fs.write(&p("/src/aa.rs"), Bytes::from_static(b"a"))
            .await
            .unwrap();
        fs.symlink(b"main.rs", &p("/src/link")).await.unwrap();
        fs.write(&p("/src/main.rs"), Bytes::from_static(b"shadowed"))
            .await
            .unwrap();
        let got: Vec<(String, FileKind)> = fs
            .read_dir(&p("/src"))
            .await
            .unwrap()
            .into_iter()
            .map(|e| (String::from_utf8(e.name).unwrap(), e.kind))
            .collect();
        let want = [
            ("aa.rs", FileKind::File),
            ("lib", FileKind::Directory),
            ("link", FileKind::Symlink),
            ("main.rs", FileKind::File),
            ("zz.rs", FileKind::File),
        ];
        assert_eq!(
            got,
            want.iter()
                .map(|(n, k)| (n.to_string(), *k))
                .collect::<Vec<_>>()
        );
        // A file of the upper layer shadows a directory of the lower one.
        fs.remove_dir_all(&p("/docs")).await.unwrap();
        fs.write(&p("/docs"), Bytes::from_static(b"now a file"))
            .await
            .unwrap();
        let e = fs.read_dir(&p("/docs")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotADirectory);
        assert_eq!(names(&*lower, "/docs").await, ["readme"]);
    });
}

#[test]
fn renames_copy_up_and_white_out() {
    let lower = lower();
    let before = block_on(dump(&*lower));
    let fs = OverlayFs::new(lower.clone(), upper());
    block_on(async {
        fs.rename(&p("/etc/motd"), &p("/motd")).await.unwrap();
        assert_eq!(fs.read(&p("/motd")).await.unwrap(), "hello\n");
        assert!(!fs.exists(&p("/etc/motd")).await);

        // A lower directory with a changed file and a deleted one inside.
        fs.write(&p("/src/lib/a.rs"), Bytes::from_static(b"A"))
            .await
            .unwrap();
        fs.remove_file(&p("/src/lib/b.rs")).await.unwrap();
        fs.rename(&p("/src"), &p("/docs2")).await.unwrap();
        assert!(!fs.exists(&p("/src")).await);
        assert_eq!(names(&fs, "/docs2").await, ["lib", "main.rs"]);
        assert_eq!(names(&fs, "/docs2/lib").await, ["a.rs"]);
        assert_eq!(fs.read(&p("/docs2/lib/a.rs")).await.unwrap(), "A");

        // Onto an empty lower directory: the lower one must not show through.
        lower_dir_with_stale_whiteout(&fs).await;
        fs.rename(&p("/docs2"), &p("/docs")).await.unwrap();
        assert_eq!(names(&fs, "/docs").await, ["lib", "main.rs"]);

        // Errors.
        let e = fs.rename(&p("/nope"), &p("/x")).await.unwrap_err();
        assert_eq!((e.kind, e.path), (ErrorKind::NotFound, b"/nope".to_vec()));
        let e = fs
            .rename(&p("/docs"), &p("/docs/lib/in"))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        let e = fs
            .rename(&p("/docs/main.rs"), &p("/docs"))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::DirectoryNotEmpty);
        let e = fs.rename(&p("/motd"), &p("/docs")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::IsADirectory);
        let e = fs.rename(&p("/docs"), &p("/motd")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotADirectory);
        fs.create_dir(&p("/full")).await.unwrap();
        fs.write(&p("/full/x"), Bytes::new()).await.unwrap();
        let e = fs.rename(&p("/docs"), &p("/full")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::DirectoryNotEmpty);

        assert_eq!(dump(&*lower).await, before, "the lower layer changed");
    });
}

/// Empties the lower `/docs` through the overlay, so only whiteouts keep it empty.
async fn lower_dir_with_stale_whiteout(fs: &OverlayFs) {
    fs.remove_file(&p("/docs/readme")).await.unwrap();
    assert_eq!(names(fs, "/docs").await, Vec::<String>::new());
}

#[test]
fn symlinks_resolve_over_the_merged_view() {
    let lower = lower();
    block_on(async {
        // Lower links whose targets exist only in the upper layer, or in the lower one.
        lower.symlink(b"/new/file", &p("/abs")).await.unwrap();
        lower.symlink(b"../etc", &p("/src/etc")).await.unwrap();
        let fs = OverlayFs::new(lower.clone(), upper());
        fs.create_dir(&p("/new")).await.unwrap();
        fs.write(&p("/new/file"), Bytes::from_static(b"upper only"))
            .await
            .unwrap();
        assert_eq!(fs.read(&p("/abs")).await.unwrap(), "upper only");
        assert_eq!(fs.read(&p("/src/etc/motd")).await.unwrap(), "hello\n");
        // Writing through a lower link writes the target, copied up; the link stays below.
        fs.write(&p("/src/etc/motd"), Bytes::from_static(b"via link"))
            .await
            .unwrap();
        assert_eq!(fs.read(&p("/etc/motd")).await.unwrap(), "via link");
        assert_eq!(fs.read_link(&p("/src/etc")).await.unwrap(), b"../etc");
        let meta = fs.symlink_metadata(&p("/src/etc")).await.unwrap();
        assert_eq!(meta.kind, FileKind::Symlink);
        // Removing a lower link removes the link, not its target.
        fs.remove_file(&p("/src/etc")).await.unwrap();
        assert!(fs.exists(&p("/etc/motd")).await);
        assert!(!fs.exists(&p("/src/etc")).await);
        assert_eq!(lower.read_link(&p("/src/etc")).await.unwrap(), b"../etc");
        // A loop is ELOOP, reported about the path as given.
        fs.symlink(b"/loop", &p("/loop")).await.unwrap();
        let e = fs.read(&p("/loop")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::TooManyLinks, b"/loop".to_vec())
        );
    });
}

#[test]
fn read_many_reads_from_both_layers() {
    let lower = lower();
    let fs = OverlayFs::new(lower, upper());
    block_on(async {
        fs.write(&p("/etc/motd"), Bytes::from_static(b"upper"))
            .await
            .unwrap();
        fs.remove_file(&p("/docs/readme")).await.unwrap();
        let got = fs
            .read_many(&[
                p("/etc/motd"),
                p("/src/main.rs"),
                p("/docs/readme"),
                p("/src"),
            ])
            .await;
        assert_eq!(got[0].as_ref().unwrap(), "upper");
        assert_eq!(got[1].as_ref().unwrap(), "fn main() {}\n");
        assert_eq!(got[2].as_ref().unwrap_err().kind, ErrorKind::NotFound);
        assert_eq!(got[3].as_ref().unwrap_err().kind, ErrorKind::IsADirectory);
    });
}
