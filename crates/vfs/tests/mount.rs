//! MountFs: the contract suite in the root filesystem, at a mount point and below one; then
//! its own rules: longest prefix, paths given to and reported from mounted filesystems, mount
//! points in listings, EXDEV and EBUSY, and symlinks resolved across mounts.

use std::sync::Arc;

use futures::executor::block_on;
use vbash_vfs::testing::{run_contract_suite, Capabilities};
use vbash_vfs::{Bytes, ErrorKind, FileKind, FileSystem, MemFs, MountFs, VfsPath};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

fn bytes(s: &'static str) -> Bytes {
    Bytes::from_static(s.as_bytes())
}

/// A root MemFs with `/etc/motd`, and MemFs mounts at `/mnt/data` and `/mnt/data/inner` (the
/// root has no `/mnt`). Returns the namespace and the two mounted filesystems.
fn setup() -> (MountFs, Arc<MemFs>, Arc<MemFs>) {
    let root = Arc::new(MemFs::with_files([("/etc/motd", "hello\n")]).unwrap());
    let data = Arc::new(MemFs::with_files([("/x", "in data")]).unwrap());
    let inner = Arc::new(MemFs::with_files([("/y", "in inner")]).unwrap());
    let fs = MountFs::new(root)
        .mount(p("/mnt/data"), data.clone())
        .mount(p("/mnt/data/inner"), inner.clone());
    (fs, data, inner)
}

async fn names(fs: &dyn FileSystem, dir: &str) -> Vec<(String, FileKind)> {
    fs.read_dir(&p(dir))
        .await
        .unwrap()
        .into_iter()
        .map(|e| (String::from_utf8(e.name).unwrap(), e.kind))
        .collect()
}

fn dirs(list: &[&str]) -> Vec<(String, FileKind)> {
    list.iter()
        .map(|n| (n.to_string(), FileKind::Directory))
        .collect()
}

#[test]
fn contract_suite_in_the_root_and_in_mounts() {
    let (fs, data, inner) = setup();
    block_on(async {
        fs.create_dir(&p("/work")).await.unwrap();
        run_contract_suite(&fs, &p("/work"), Capabilities::all()).await;
        // At a mount point's own root, and in a directory of a nested mount.
        let small = Capabilities::all().with_stress(512 * 1024, 500);
        fs.create_dir(&p("/mnt/data/c")).await.unwrap();
        run_contract_suite(&fs, &p("/mnt/data/c"), small).await;
        fs.create_dir(&p("/mnt/data/inner/c")).await.unwrap();
        run_contract_suite(&fs, &p("/mnt/data/inner/c"), small).await;
    });
    // What the suite did in the mounts landed in the mounted filesystems, below their roots.
    block_on(async {
        assert!(data.metadata(&p("/c/read_write")).await.unwrap().is_dir());
        assert!(inner.metadata(&p("/c/symlinks")).await.unwrap().is_dir());
        assert!(!data.exists(&p("/inner")).await);
    });
}

#[test]
fn paths_go_to_the_longest_mount_relative_to_it() {
    let (fs, data, inner) = setup();
    block_on(async {
        assert_eq!(fs.read(&p("/mnt/data/x")).await.unwrap(), "in data");
        assert_eq!(fs.read(&p("/mnt/data/inner/y")).await.unwrap(), "in inner");
        fs.write(&p("/mnt/data/inner/z"), bytes("z")).await.unwrap();
        assert_eq!(inner.read(&p("/z")).await.unwrap(), "z");
        assert!(!data.exists(&p("/inner/z")).await);
        // A sibling with a common prefix is not inside the mount.
        fs.write(&p("/mnt/database"), bytes("db")).await.unwrap();
        assert!(!data.exists(&p("/base")).await);
        // Errors name the full path, whichever filesystem raised them.
        let e = fs.read(&p("/mnt/data/inner/missing")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::NotFound, b"/mnt/data/inner/missing".to_vec())
        );
        let e = fs.read(&p("/mnt/data/x/below")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::NotADirectory, b"/mnt/data/x/below".to_vec())
        );
        let e = fs.create_dir(&p("/mnt/data/x")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::AlreadyExists, b"/mnt/data/x".to_vec())
        );
        let e = fs.read(&p("/mnt/data")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::IsADirectory);
    });
}

#[test]
fn mount_points_and_their_ancestors_are_listed_directories() {
    let (fs, _, inner) = setup();
    block_on(async {
        assert_eq!(
            names(&fs, "/").await,
            [dirs(&["etc"]), dirs(&["mnt"])].concat()
        );
        assert_eq!(names(&fs, "/mnt").await, dirs(&["data"]));
        assert_eq!(
            names(&fs, "/mnt/data").await,
            [dirs(&["inner"]), vec![("x".to_string(), FileKind::File)]].concat()
        );
        let mnt = fs.metadata(&p("/mnt")).await.unwrap();
        assert!(mnt.is_dir());
        // A mount point stats as the mounted filesystem's root.
        inner.set_mode(&VfsPath::root(), 0o700).await.unwrap();
        let point = fs.metadata(&p("/mnt/data/inner")).await.unwrap();
        assert_eq!((point.kind, point.mode), (FileKind::Directory, 0o700));
        assert!(fs.exists(&p("/mnt/data/inner")).await);

        // Creating next to a mount in a synthetic directory makes it real in the root.
        fs.write(&p("/mnt/notes"), bytes("n")).await.unwrap();
        assert_eq!(
            names(&fs, "/mnt").await,
            vec![
                ("data".to_string(), FileKind::Directory),
                ("notes".to_string(), FileKind::File)
            ]
        );
        fs.set_mode(&p("/mnt"), 0o711).await.unwrap();
        assert_eq!(fs.metadata(&p("/mnt")).await.unwrap().mode, 0o711);

        // A mount over a file of the parent hides it behind a directory.
        let root = Arc::new(MemFs::with_files([("/f", "file")]).unwrap());
        let fs = MountFs::new(root).mount(p("/f/m"), Arc::new(MemFs::new()));
        assert!(fs.metadata(&p("/f")).await.unwrap().is_dir());
        assert_eq!(names(&fs, "/f").await, dirs(&["m"]));
    });
}

#[test]
fn exdev_across_mounts_and_ebusy_for_mount_points() {
    let (fs, data, _) = setup();
    block_on(async {
        let e = fs.rename(&p("/mnt/data/x"), &p("/x")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::CrossDevice, b"/mnt/data/x".to_vec())
        );
        let e = fs
            .rename(&p("/etc"), &p("/mnt/data/etc"))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::CrossDevice);
        let e = fs
            .rename(&p("/mnt/data/x"), &p("/mnt/data/inner/x"))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::CrossDevice);
        // Within one mount, renames work.
        fs.rename(&p("/mnt/data/x"), &p("/mnt/data/x2"))
            .await
            .unwrap();
        assert_eq!(data.read(&p("/x2")).await.unwrap(), "in data");

        for (path, remove) in [
            ("/mnt/data", ErrorKind::Busy),
            ("/mnt/data/inner", ErrorKind::Busy),
        ] {
            let e = fs.remove_dir(&p(path)).await.unwrap_err();
            assert_eq!((e.kind, e.path), (remove, path.as_bytes().to_vec()));
            let e = fs.rename(&p(path), &p("/elsewhere")).await.unwrap_err();
            assert_eq!(e.kind, ErrorKind::Busy);
            let e = fs.remove_file(&p(path)).await.unwrap_err();
            assert_eq!(e.kind, ErrorKind::IsADirectory);
        }
        // Above a mount point: not empty, and cannot move.
        let e = fs.remove_dir(&p("/mnt")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::DirectoryNotEmpty);
        let e = fs.rename(&p("/mnt"), &p("/media")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Busy);
        fs.create_dir(&p("/empty")).await.unwrap();
        let e = fs.rename(&p("/empty"), &p("/mnt")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Busy);
        let e = fs.remove_dir(&VfsPath::root()).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Busy);
        let e = fs.create_dir(&p("/mnt/data")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::AlreadyExists);
        let e = fs.symlink(b"x", &p("/mnt")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::AlreadyExists);

        // rm -r of a mount point empties the mount, then stops at the mount point itself.
        let e = fs.remove_dir_all(&p("/mnt/data/inner")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Busy);
        assert!(fs.read_dir(&p("/mnt/data/inner")).await.unwrap().is_empty());
        assert!(fs.exists(&p("/mnt/data/inner")).await);
    });
}

#[test]
fn symlinks_are_resolved_across_mounts() {
    let (fs, data, inner) = setup();
    block_on(async {
        fs.create_dir_all(&p("/home/user")).await.unwrap();
        // Root link into a mount, absolute and relative.
        fs.symlink(b"/mnt/data/inner", &p("/home/user/inner"))
            .await
            .unwrap();
        fs.symlink(b"../../mnt/data/x", &p("/home/user/x"))
            .await
            .unwrap();
        assert_eq!(fs.read(&p("/home/user/inner/y")).await.unwrap(), "in inner");
        assert_eq!(fs.read(&p("/home/user/x")).await.unwrap(), "in data");
        fs.write(&p("/home/user/inner/new"), bytes("via link"))
            .await
            .unwrap();
        assert_eq!(inner.read(&p("/new")).await.unwrap(), "via link");
        assert_eq!(names(&fs, "/home/user/inner").await.len(), 2);

        // A link inside a mount: absolute targets start at the namespace root, `..` leaves
        // the mount for its parent.
        fs.symlink(b"/etc/motd", &p("/mnt/data/motd"))
            .await
            .unwrap();
        fs.symlink(b"../../etc", &p("/mnt/data/etc")).await.unwrap();
        assert_eq!(fs.read(&p("/mnt/data/motd")).await.unwrap(), "hello\n");
        assert_eq!(fs.read(&p("/mnt/data/etc/motd")).await.unwrap(), "hello\n");
        // The mounted filesystem stores the link as written.
        assert_eq!(data.read_link(&p("/motd")).await.unwrap(), b"/etc/motd");
        assert_eq!(
            fs.read_link(&p("/mnt/data/motd")).await.unwrap(),
            b"/etc/motd"
        );
        let meta = fs.symlink_metadata(&p("/mnt/data/motd")).await.unwrap();
        assert_eq!(meta.kind, FileKind::Symlink);
        assert!(fs.metadata(&p("/mnt/data/motd")).await.unwrap().is_file());

        // A rename through links uses the resolved mounts: still EXDEV across them.
        let e = fs
            .rename(&p("/home/user/inner/y"), &p("/home/user/y"))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::CrossDevice);
        // Removing a link removes the link, even one pointing at a mount point.
        fs.remove_file(&p("/home/user/inner")).await.unwrap();
        assert!(fs.exists(&p("/mnt/data/inner/y")).await);

        // Loops across mounts end in ELOOP; dangling links are ENOENT; both name the path.
        fs.symlink(b"/mnt/data/b", &p("/a")).await.unwrap();
        fs.symlink(b"/a", &p("/mnt/data/b")).await.unwrap();
        let e = fs.read(&p("/a")).await.unwrap_err();
        assert_eq!((e.kind, e.path), (ErrorKind::TooManyLinks, b"/a".to_vec()));
        fs.symlink(b"/mnt/data/nothing", &p("/dangling"))
            .await
            .unwrap();
        let e = fs.read(&p("/dangling")).await.unwrap_err();
        assert_eq!(
            (e.kind, e.path),
            (ErrorKind::NotFound, b"/dangling".to_vec())
        );
        // Writing through a dangling link creates its target in the right mount.
        fs.write(&p("/dangling"), bytes("made")).await.unwrap();
        assert_eq!(data.read(&p("/nothing")).await.unwrap(), "made");
    });
}

#[test]
fn read_many_batches_per_mount() {
    let (fs, _, _) = setup();
    block_on(async {
        fs.symlink(b"/mnt/data/x", &p("/lx")).await.unwrap();
        let got = fs
            .read_many(&[
                p("/etc/motd"),
                p("/mnt/data/inner/y"),
                p("/lx"),
                p("/mnt/data/missing"),
                p("/mnt"),
            ])
            .await;
        assert_eq!(got[0].as_ref().unwrap(), "hello\n");
        assert_eq!(got[1].as_ref().unwrap(), "in inner");
        assert_eq!(got[2].as_ref().unwrap(), "in data");
        let e = got[3].as_ref().unwrap_err();
        assert_eq!(
            (e.kind, &e.path[..]),
            (ErrorKind::NotFound, &b"/mnt/data/missing"[..])
        );
        assert_eq!(got[4].as_ref().unwrap_err().kind, ErrorKind::IsADirectory);
    });
}

#[test]
fn the_table_can_change_while_in_use() {
    let (fs, data, _) = setup();
    block_on(async {
        let points: Vec<String> = fs.mounts().iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(points, ["/", "/mnt/data", "/mnt/data/inner"]);
        let removed = fs.unmount(&p("/mnt/data")).unwrap();
        assert!(Arc::ptr_eq(
            &removed,
            &(data.clone() as Arc<dyn FileSystem>)
        ));
        assert!(fs.unmount(&p("/mnt/data")).is_none());
        assert!(fs.unmount(&VfsPath::root()).is_none());
        // The nested mount is still there; /mnt/data is now synthetic.
        assert_eq!(names(&fs, "/mnt/data").await, dirs(&["inner"]));
        assert!(!fs.exists(&p("/mnt/data/x")).await);
        // Mounting again, or over the root, replaces what was there.
        fs.add_mount(p("/mnt/data"), data.clone());
        assert!(fs.exists(&p("/mnt/data/x")).await);
        fs.add_mount(VfsPath::root(), Arc::new(MemFs::new()));
        assert!(!fs.exists(&p("/etc/motd")).await);
        assert_eq!(names(&fs, "/").await, dirs(&["mnt"]));
    });
}
