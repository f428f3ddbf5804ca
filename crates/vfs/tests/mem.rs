//! MemFs: the contract suite, its own behaviours (limits, ELOOP, clock, snapshots) and a
//! model-based property test.

use std::sync::Arc;

use futures::executor::block_on;
use vbash_vfs::testing::{run_contract_suite, Capabilities};
use vbash_vfs::{
    Bytes, DirEntry, ErrorKind, FileKind, FileSystem, FsError, Limits, ManualClock, MemFs,
    Metadata, ReadOnlyFs, Timestamp, Usage, VfsPath,
};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

#[test]
fn contract_suite() {
    let fs = MemFs::new();
    block_on(async {
        fs.create_dir(&p("/c")).await.unwrap();
        run_contract_suite(&fs, &p("/c"), Capabilities::all()).await;
    });
}

/// The suite also passes with capabilities switched off (it must not depend on them).
#[test]
fn contract_suite_with_fewer_capabilities() {
    let fs = MemFs::new();
    let caps = Capabilities {
        symlinks: false,
        modes: false,
        set_mtime: false,
        rename_dirs: false,
        ..Capabilities::all().with_stress(1000, 10)
    };
    block_on(async {
        fs.create_dir(&p("/c")).await.unwrap();
        run_contract_suite(&fs, &p("/c"), caps).await;
    });
}

/// The suite's future is `Send`, so it can run on a multi-threaded runtime.
#[test]
fn contract_suite_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let fs = MemFs::new();
    let root = p("/");
    let fut = run_contract_suite(&fs, &root, Capabilities::all());
    assert_send(&fut);
}

/// A backend that gets one errno wrong: the suite must catch it and name the check.
#[derive(Debug)]
struct WrongRemoveDir(MemFs);

#[async_trait::async_trait]
impl FileSystem for WrongRemoveDir {
    async fn read(&self, path: &VfsPath) -> vbash_vfs::Result<Bytes> {
        self.0.read(path).await
    }
    async fn read_range(&self, path: &VfsPath, o: u64, l: u64) -> vbash_vfs::Result<Bytes> {
        self.0.read_range(path, o, l).await
    }
    async fn write(&self, path: &VfsPath, data: Bytes) -> vbash_vfs::Result<()> {
        self.0.write(path, data).await
    }
    async fn create_new(&self, path: &VfsPath, data: Bytes) -> vbash_vfs::Result<()> {
        self.0.create_new(path, data).await
    }
    async fn append(&self, path: &VfsPath, data: Bytes) -> vbash_vfs::Result<()> {
        self.0.append(path, data).await
    }
    async fn metadata(&self, path: &VfsPath) -> vbash_vfs::Result<Metadata> {
        self.0.metadata(path).await
    }
    async fn symlink_metadata(&self, path: &VfsPath) -> vbash_vfs::Result<Metadata> {
        self.0.symlink_metadata(path).await
    }
    async fn read_dir(&self, path: &VfsPath) -> vbash_vfs::Result<Vec<DirEntry>> {
        self.0.read_dir(path).await
    }
    async fn create_dir(&self, path: &VfsPath) -> vbash_vfs::Result<()> {
        self.0.create_dir(path).await
    }
    async fn remove_file(&self, path: &VfsPath) -> vbash_vfs::Result<()> {
        self.0.remove_file(path).await
    }
    async fn remove_dir(&self, path: &VfsPath) -> vbash_vfs::Result<()> {
        // Wrong: a non-empty directory should give ENOTEMPTY, not EEXIST.
        match self.0.remove_dir(path).await {
            Err(e) if e.kind == ErrorKind::DirectoryNotEmpty => {
                Err(FsError::new(ErrorKind::AlreadyExists, path.as_bytes()))
            }
            r => r,
        }
    }
    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> vbash_vfs::Result<()> {
        self.0.rename(from, to).await
    }
    async fn symlink(&self, target: &[u8], link: &VfsPath) -> vbash_vfs::Result<()> {
        self.0.symlink(target, link).await
    }
    async fn read_link(&self, path: &VfsPath) -> vbash_vfs::Result<Vec<u8>> {
        self.0.read_link(path).await
    }
    async fn set_mtime(&self, path: &VfsPath, t: Timestamp) -> vbash_vfs::Result<()> {
        self.0.set_mtime(path, t).await
    }
    async fn set_mode(&self, path: &VfsPath, mode: u32) -> vbash_vfs::Result<()> {
        self.0.set_mode(path, mode).await
    }
}

#[test]
#[should_panic(
    expected = "contract check `remove_dir` failed: remove_dir of a non-empty directory: expected ENOTEMPTY, got EEXIST"
)]
fn contract_suite_catches_a_wrong_errno() {
    let fs = WrongRemoveDir(MemFs::new());
    block_on(async {
        fs.create_dir(&p("/c")).await.unwrap();
        run_contract_suite(&fs, &p("/c"), Capabilities::all().with_stress(10, 10)).await;
    });
}

fn manual() -> (Arc<ManualClock>, MemFs) {
    let clock = Arc::new(ManualClock::new(1_000));
    let fs = MemFs::builder().clock(clock.clone()).build();
    (clock, fs)
}

fn kind<T: std::fmt::Debug>(r: vbash_vfs::Result<T>) -> ErrorKind {
    r.unwrap_err().kind
}

#[test]
fn limits_file_size_total_and_count() {
    let limits = Limits {
        max_total_bytes: 100,
        max_file_bytes: 60,
        max_files: 4,
    };
    let fs = MemFs::builder().limits(limits).build();
    assert_eq!(fs.limits(), limits);
    block_on(async {
        let (a, b) = (p("/a"), p("/b"));
        let big = Bytes::from(vec![b'x'; 61]);
        let r = fs.write(&a, big.clone()).await.unwrap_err();
        assert_eq!(
            (r.kind, r.path.as_slice()),
            (ErrorKind::FileTooLarge, &b"/a"[..])
        );
        assert!(!fs.exists(&a).await, "a failed create leaves nothing");
        fs.write(&a, Bytes::from(vec![b'x'; 60])).await.unwrap();
        // Appending past the file limit: EFBIG, content unchanged.
        assert_eq!(
            kind(fs.append(&a, Bytes::from_static(b"y")).await),
            ErrorKind::FileTooLarge
        );
        assert_eq!(fs.read(&a).await.unwrap().len(), 60);
        // Past the total: ENOSPC for a new file and for growing one.
        fs.write(&b, Bytes::from(vec![b'x'; 40])).await.unwrap();
        assert_eq!(
            fs.usage(),
            Usage {
                bytes: 100,
                files: 2
            }
        );
        assert_eq!(
            kind(fs.append(&b, Bytes::from_static(b"y")).await),
            ErrorKind::NoSpace
        );
        assert_eq!(
            kind(fs.write(&p("/c"), Bytes::from_static(b"y")).await),
            ErrorKind::NoSpace
        );
        assert_eq!(kind(fs.symlink(b"a", &p("/l")).await), ErrorKind::NoSpace);
        assert_eq!(fs.read(&b).await.unwrap().len(), 40);
        // Shrinking is always allowed; then space is free again.
        fs.write(&b, Bytes::from_static(b"small")).await.unwrap();
        assert_eq!(fs.usage().bytes, 65);
        fs.write(&p("/c"), Bytes::from_static(b"y")).await.unwrap();
        // Four entries at most: directories count too.
        fs.create_dir(&p("/d")).await.unwrap();
        assert_eq!(fs.usage().files, 4);
        assert_eq!(kind(fs.create_dir(&p("/e")).await), ErrorKind::NoSpace);
        assert_eq!(
            kind(fs.create_new(&p("/e"), Bytes::new()).await),
            ErrorKind::NoSpace
        );
        assert_eq!(
            kind(fs.create_dir_all(&p("/d/e/f")).await),
            ErrorKind::NoSpace
        );
        assert!(!fs.exists(&p("/e")).await);
        // Overwriting an existing file needs no new entry.
        fs.write(&a, Bytes::from_static(b"z")).await.unwrap();
        // Removing frees both counts, renaming over a file frees the replaced one.
        fs.remove_file(&p("/c")).await.unwrap();
        fs.rename(&a, &b).await.unwrap();
        assert_eq!(fs.usage(), Usage { bytes: 1, files: 2 });
        fs.write(&p("/d/f"), Bytes::from_static(b"12"))
            .await
            .unwrap();
        fs.remove_dir_all(&p("/d")).await.unwrap();
        assert_eq!(fs.usage(), Usage { bytes: 1, files: 1 });
    });
}

#[test]
fn symlink_hops_stop_after_40() {
    let fs = MemFs::new();
    block_on(async {
        fs.write(&p("/t"), Bytes::from_static(b"T")).await.unwrap();
        fs.symlink(b"t", &p("/l0")).await.unwrap();
        for i in 1..=40 {
            fs.symlink(format!("l{}", i - 1).as_bytes(), &p(&format!("/l{i}")))
                .await
                .unwrap();
        }
        // l39 takes 40 hops to reach t; l40 takes 41.
        assert_eq!(&fs.read(&p("/l39")).await.unwrap()[..], b"T");
        let e = fs.read(&p("/l40")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path.as_slice()),
            (ErrorKind::TooManyLinks, &b"/l40"[..])
        );
        assert_eq!(
            kind(fs.metadata(&p("/l40/x")).await),
            ErrorKind::TooManyLinks
        );
        // read_link and lstat do not follow the last link.
        assert_eq!(fs.read_link(&p("/l40")).await.unwrap(), b"l39");
        assert!(fs.symlink_metadata(&p("/l40")).await.unwrap().is_symlink());
    });
}

#[test]
fn symlink_resolution_details() {
    let fs = MemFs::with_files([("/a/b/f", "F"), ("/top", "TOP")]).unwrap();
    block_on(async {
        // Absolute targets start at this filesystem's root, relative ones at the link's dir.
        fs.symlink(b"/top", &p("/a/b/abs")).await.unwrap();
        fs.symlink(b"../../top", &p("/a/b/rel")).await.unwrap();
        fs.symlink(b"../../../../../top", &p("/a/b/above"))
            .await
            .unwrap();
        fs.symlink(b"/", &p("/a/root")).await.unwrap();
        fs.symlink(b"b/.//./", &p("/a/bdir")).await.unwrap();
        for l in [
            "/a/b/abs",
            "/a/b/rel",
            "/a/b/above",
            "/a/root/top",
            "/a/bdir/../../top",
        ] {
            assert_eq!(&fs.read(&p(l)).await.unwrap()[..], b"TOP", "{l}");
        }
        assert!(fs.metadata(&p("/a/root")).await.unwrap().is_dir());
        assert_eq!(&fs.read(&p("/a/bdir/f")).await.unwrap()[..], b"F");
        // `..` after a link goes to the target's parent (physical), not lexically back.
        fs.symlink(b"b", &p("/a/lb")).await.unwrap();
        fs.create_dir(&p("/a/b/inner")).await.unwrap();
        fs.symlink(b"inner/..", &p("/a/b/up")).await.unwrap();
        assert!(fs.metadata(&p("/a/b/up")).await.unwrap().is_dir());
        assert_eq!(&fs.read(&p("/a/b/up/f")).await.unwrap()[..], b"F");
        // An empty target is refused as Linux refuses it.
        assert_eq!(
            kind(fs.symlink(b"", &p("/empty")).await),
            ErrorKind::NotFound
        );
        // create_dir_all meeting a dangling link: EEXIST, nothing created at the target.
        fs.symlink(b"/nowhere", &p("/dang")).await.unwrap();
        assert_eq!(
            kind(fs.create_dir_all(&p("/dang")).await),
            ErrorKind::AlreadyExists
        );
        assert!(!fs.exists(&p("/nowhere")).await);
        // Writing through a dangling link creates the target, even via an absolute path.
        fs.write(&p("/dang"), Bytes::from_static(b"N"))
            .await
            .unwrap();
        assert_eq!(&fs.read(&p("/nowhere")).await.unwrap()[..], b"N");
    });
}

#[test]
fn names_and_paths_too_long() {
    let fs = MemFs::new();
    block_on(async {
        let ok = "n".repeat(255);
        fs.write(&p(&format!("/{ok}")), Bytes::new()).await.unwrap();
        let long = p(&format!("/{}", "n".repeat(256)));
        assert_eq!(
            kind(fs.write(&long, Bytes::new()).await),
            ErrorKind::NameTooLong
        );
        assert_eq!(kind(fs.metadata(&long).await), ErrorKind::NameTooLong);
        let deep = p(&"/d".repeat(2048));
        assert_eq!(kind(fs.create_dir_all(&deep).await), ErrorKind::NameTooLong);
        assert_eq!(
            kind(fs.symlink(&[b'x'; 4096], &p("/l")).await),
            ErrorKind::NameTooLong
        );
    });
}

#[test]
fn clock_sets_mtimes() {
    let (clock, fs) = manual();
    block_on(async {
        let t = |s| Timestamp::from_secs(s);
        assert_eq!(fs.metadata(&VfsPath::root()).await.unwrap().mtime, t(1_000));
        clock.advance(10);
        fs.create_dir(&p("/d")).await.unwrap();
        fs.write(&p("/d/f"), Bytes::from_static(b"x"))
            .await
            .unwrap();
        assert_eq!(fs.metadata(&p("/d/f")).await.unwrap().mtime, t(1_010));
        assert_eq!(fs.metadata(&p("/d")).await.unwrap().mtime, t(1_010));
        assert_eq!(fs.metadata(&VfsPath::root()).await.unwrap().mtime, t(1_010));
        // Writing a file changes its mtime, not its directory's.
        clock.advance(5);
        fs.append(&p("/d/f"), Bytes::from_static(b"y"))
            .await
            .unwrap();
        assert_eq!(fs.metadata(&p("/d/f")).await.unwrap().mtime, t(1_015));
        assert_eq!(fs.metadata(&p("/d")).await.unwrap().mtime, t(1_010));
        // Adding, removing and renaming entries changes the directories' mtimes.
        clock.advance(5);
        fs.rename(&p("/d/f"), &p("/g")).await.unwrap();
        assert_eq!(fs.metadata(&p("/d")).await.unwrap().mtime, t(1_020));
        assert_eq!(
            fs.metadata(&p("/g")).await.unwrap().mtime,
            t(1_015),
            "rename keeps the file's mtime"
        );
        clock.advance(5);
        fs.remove_file(&p("/g")).await.unwrap();
        assert_eq!(fs.metadata(&VfsPath::root()).await.unwrap().mtime, t(1_025));
        // Reads change nothing; set_mtime wins over the clock.
        fs.set_mtime(&p("/d"), Timestamp { secs: -5, nanos: 7 })
            .await
            .unwrap();
        fs.read_dir(&p("/d")).await.unwrap();
        assert_eq!(
            fs.metadata(&p("/d")).await.unwrap().mtime,
            Timestamp { secs: -5, nanos: 7 }
        );
    });
}

#[test]
fn inodes_nlink_modes_sizes() {
    let fs = MemFs::new();
    block_on(async {
        let root = fs.metadata(&VfsPath::root()).await.unwrap();
        assert_eq!((root.nlink, root.size, root.mode), (2, 4096, 0o755));
        fs.create_dir_all(&p("/a/b")).await.unwrap();
        fs.create_dir(&p("/a/c")).await.unwrap();
        fs.write(&p("/a/f"), Bytes::from_static(b"abc"))
            .await
            .unwrap();
        assert_eq!(fs.metadata(&p("/a")).await.unwrap().nlink, 4);
        assert_eq!(fs.metadata(&VfsPath::root()).await.unwrap().nlink, 3);
        fs.rename(&p("/a/b"), &p("/b")).await.unwrap();
        assert_eq!(fs.metadata(&p("/a")).await.unwrap().nlink, 3);
        assert_eq!(fs.metadata(&VfsPath::root()).await.unwrap().nlink, 4);
        fs.rename(&p("/b"), &p("/a/c")).await.unwrap();
        assert_eq!(fs.metadata(&VfsPath::root()).await.unwrap().nlink, 3);
        assert_eq!(fs.metadata(&p("/a")).await.unwrap().nlink, 3);
        let f = fs.metadata(&p("/a/f")).await.unwrap();
        assert_eq!(
            (f.nlink, f.size, f.mode, f.kind),
            (1, 3, 0o644, FileKind::File)
        );
        fs.symlink(b"a/f", &p("/l")).await.unwrap();
        let l = fs.symlink_metadata(&p("/l")).await.unwrap();
        assert_eq!((l.size, l.mode, l.kind), (3, 0o777, FileKind::Symlink));
        // Inodes stay with their entry through renames and are never reused.
        let ino = f.inode;
        fs.rename(&p("/a/f"), &p("/f2")).await.unwrap();
        assert_eq!(fs.metadata(&p("/f2")).await.unwrap().inode, ino);
        fs.remove_file(&p("/f2")).await.unwrap();
        fs.write(&p("/f3"), Bytes::new()).await.unwrap();
        assert!(fs.metadata(&p("/f3")).await.unwrap().inode > ino);
        // Modes keep only the permission, setuid, setgid and sticky bits.
        fs.set_mode(&p("/f3"), 0o104_755).await.unwrap();
        assert_eq!(fs.metadata(&p("/f3")).await.unwrap().mode, 0o4755);
    });
}

#[test]
fn root_cannot_be_removed_or_moved() {
    let fs = MemFs::with_files([("/a/f", "x")]).unwrap();
    let root = VfsPath::root();
    block_on(async {
        assert_eq!(
            kind(fs.remove_dir(&p("/a/f")).await),
            ErrorKind::NotADirectory
        );
        assert_eq!(kind(fs.remove_file(&root).await), ErrorKind::IsADirectory);
        assert_eq!(kind(fs.rename(&root, &p("/x")).await), ErrorKind::Busy);
        assert_eq!(
            kind(fs.rename(&p("/a"), &root).await),
            ErrorKind::DirectoryNotEmpty
        );
        fs.remove_dir_all(&p("/a/f")).await.unwrap();
        fs.remove_dir(&p("/a")).await.unwrap();
        assert_eq!(kind(fs.remove_dir(&root).await), ErrorKind::Busy);
        fs.write(&p("/b"), Bytes::new()).await.unwrap();
        // `rm -rf /` empties the root but cannot remove it.
        assert_eq!(kind(fs.remove_dir_all(&root).await), ErrorKind::Busy);
        assert!(fs.read_dir(&root).await.unwrap().is_empty());
        assert_eq!(fs.usage(), Usage::default());
    });
}

#[test]
fn rename_error_paths() {
    let fs = MemFs::with_files([("/f", "x"), ("/d/g", "y")]).unwrap();
    block_on(async {
        let e = fs.rename(&p("/f"), &p("/d")).await.unwrap_err();
        assert_eq!((e.kind, e.path), (ErrorKind::IsADirectory, b"/d".to_vec()));
        let e = fs.rename(&p("/missing"), &p("/x")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::NotFound, b"/missing".to_vec())
        );
        let e = fs.rename(&p("/d"), &p("/d/x")).await.unwrap_err();
        assert_eq!((e.kind, e.path), (ErrorKind::InvalidInput, b"/d".to_vec()));
        // Into itself through a symlink is caught too (the check follows real parents).
        fs.symlink(b"d", &p("/dl")).await.unwrap();
        assert_eq!(
            kind(fs.rename(&p("/d"), &p("/dl/x")).await),
            ErrorKind::InvalidInput
        );
        // Two names for one directory: onto itself is a no-op, not EINVAL.
        fs.rename(&p("/d"), &p("/d")).await.unwrap();
        assert_eq!(&fs.read(&p("/dl/g")).await.unwrap()[..], b"y");
    });
}

#[test]
fn with_files_and_insert_file() {
    let fs = MemFs::with_files([
        ("/etc/passwd", &b"root:x:0:0"[..]),
        ("home/user/.bashrc", b""),
    ])
    .unwrap();
    block_on(async {
        assert_eq!(
            &fs.read(&p("/etc/passwd")).await.unwrap()[..],
            b"root:x:0:0"
        );
        assert_eq!(fs.read(&p("/home/user/.bashrc")).await.unwrap().len(), 0);
        assert!(fs.metadata(&p("/home/user")).await.unwrap().is_dir());
    });
    let e = fs.insert_file("/etc/passwd/x", "y").unwrap_err();
    assert_eq!(
        (e.kind, e.path),
        (ErrorKind::NotADirectory, b"/etc/passwd/x".to_vec())
    );
    let e = fs.insert_file("/etc", "y").unwrap_err();
    assert_eq!(
        (e.kind, e.path),
        (ErrorKind::IsADirectory, b"/etc".to_vec())
    );
    let e = MemFs::with_files([("/a", "x"), ("/a/b", "y")]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotADirectory);
    fs.insert_file("/etc/passwd", "changed").unwrap();
    assert_eq!(fs.usage(), Usage { bytes: 7, files: 5 });
}

#[test]
fn large_contents_are_shared_not_copied() {
    let fs = MemFs::new();
    let data = Bytes::from(vec![7u8; 8 << 20]);
    block_on(async {
        fs.write(&p("/big"), data.clone()).await.unwrap();
        let a = fs.read(&p("/big")).await.unwrap();
        assert_eq!(a.as_ptr(), data.as_ptr(), "read returns the stored buffer");
        let r = fs.read_range(&p("/big"), 1 << 20, 10).await.unwrap();
        assert_eq!(
            r.as_ptr(),
            data[1 << 20..].as_ptr(),
            "ranges are slices of it"
        );
        let snap = fs.snapshot();
        assert_eq!(snap.read(&p("/big")).await.unwrap().as_ptr(), data.as_ptr());
        // The snapshot is independent afterwards.
        fs.write(&p("/big"), Bytes::from_static(b"new"))
            .await
            .unwrap();
        fs.write(&p("/other"), Bytes::new()).await.unwrap();
        assert_eq!(snap.read(&p("/big")).await.unwrap().len(), 8 << 20);
        assert!(!snap.exists(&p("/other")).await);
        // A reader's copy survives appends (they do not write into a shared buffer).
        let before = fs.read(&p("/big")).await.unwrap();
        fs.append(&p("/big"), Bytes::from_static(b"+"))
            .await
            .unwrap();
        assert_eq!(&before[..], b"new");
        assert_eq!(&fs.read(&p("/big")).await.unwrap()[..], b"new+");
    });
}

#[test]
fn many_small_appends_are_fast() {
    let fs = MemFs::new();
    let start = std::time::Instant::now();
    block_on(async {
        for i in 0..100_000u32 {
            fs.append(&p("/log"), Bytes::from(format!("{i:07}\n")))
                .await
                .unwrap();
        }
        let all = fs.read(&p("/log")).await.unwrap();
        assert_eq!(all.len(), 800_000);
        assert_eq!(&all[..8], b"0000000\n");
        assert_eq!(&all[all.len() - 8..], b"0099999\n");
    });
    // Quadratic copying would take tens of seconds (40 GB copied); amortized appends take ms.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn shared_between_threads() {
    let fs = Arc::new(MemFs::new());
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let fs = fs.clone();
            std::thread::spawn(move || {
                block_on(async {
                    let dir = p(&format!("/t{t}"));
                    fs.create_dir(&dir).await.unwrap();
                    for i in 0..200 {
                        let f = dir.join(format!("{i}").as_bytes());
                        fs.write(&f, Bytes::from(vec![t as u8; i])).await.unwrap();
                        fs.append(&p("/shared"), Bytes::from_static(b"x"))
                            .await
                            .unwrap();
                    }
                })
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    block_on(async {
        assert_eq!(fs.read(&p("/shared")).await.unwrap().len(), 1600);
        assert_eq!(fs.read_dir(&p("/t3")).await.unwrap().len(), 200);
        assert_eq!(fs.usage().files, 8 * 201 + 1);
    });
}

#[test]
fn usable_as_arc_dyn_and_read_only() {
    let fs: Arc<dyn FileSystem> = Arc::new(MemFs::with_files([("/a", "x")]).unwrap());
    let ro = ReadOnlyFs::new(fs.clone());
    block_on(async {
        assert_eq!(&fs.read(&p("/a")).await.unwrap()[..], b"x");
        assert_eq!(&ro.read(&p("/a")).await.unwrap()[..], b"x");
        assert_eq!(kind(ro.remove_file(&p("/a")).await), ErrorKind::ReadOnly);
        assert!(format!("{fs:?}").starts_with("MemFs"));
    });
}
