//! HostFs (feature `host`): the contract suite in a temporary directory, HostFs under an
//! overlay and a mount, and hostile attempts to get out of the root through symlinks:
//! absolute, relative, chains, loops, links to directories, parents swapped for links, and a
//! race that keeps swapping a directory for a link while reads go through it.
#![cfg(all(feature = "host", unix))]

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::executor::block_on;
use vbash_vfs::testing::{
    populate_read_fixture, run_contract_suite, run_read_checks, Capabilities,
};
use vbash_vfs::{
    Bytes, ErrorKind, FileKind, FileSystem, HostFs, MemFs, MountFs, OverlayFs, Timestamp, VfsPath,
};

fn p(s: &str) -> VfsPath {
    VfsPath::new(s).unwrap()
}

fn bytes(s: &'static str) -> Bytes {
    Bytes::from_static(s.as_bytes())
}

/// A temporary directory holding `secret` (what must never be reached) and `jail/`, the
/// HostFs root.
struct Jail {
    dir: tempfile::TempDir,
    fs: HostFs,
}

impl Jail {
    fn new() -> Jail {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret"), "SECRET").unwrap();
        std::fs::create_dir(dir.path().join("jail")).unwrap();
        let fs = HostFs::new(dir.path().join("jail")).unwrap();
        Jail { dir, fs }
    }

    fn outer(&self) -> &Path {
        self.dir.path()
    }

    fn jail(&self) -> std::path::PathBuf {
        self.dir.path().join("jail")
    }

    /// Makes a symlink inside the jail from the host side.
    fn link(&self, target: impl AsRef<Path>, name: &str) {
        symlink(target, self.jail().join(name)).unwrap();
    }

    /// The secret must be exactly as it was.
    fn secret_untouched(&self) {
        let secret = self.outer().join("secret");
        assert_eq!(std::fs::read(&secret).unwrap(), b"SECRET");
        let mode = std::fs::metadata(&secret).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o644, "the secret's mode changed");
        let names: Vec<_> = std::fs::read_dir(self.outer())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        let mut names = names;
        names.sort();
        assert_eq!(
            names,
            ["jail", "secret"],
            "something was created outside the jail"
        );
    }
}

#[test]
fn contract_suite() {
    let dir = tempfile::tempdir().unwrap();
    let fs = HostFs::new(dir.path()).unwrap();
    block_on(async {
        fs.create_dir(&p("/c")).await.unwrap();
        run_contract_suite(&fs, &p("/c"), Capabilities::all()).await;
    });
    // Atomic writes leave no temporary files behind.
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|n| n.contains(".vbash-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        out.push(e.file_name().to_string_lossy().into_owned());
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        }
    }
    out
}

#[test]
fn under_an_overlay_and_a_mount() {
    let dir = tempfile::tempdir().unwrap();
    let host = Arc::new(HostFs::new(dir.path()).unwrap());
    block_on(async {
        populate_read_fixture(&*host, &VfsPath::root(), Capabilities::all()).await;
        let before = walk(dir.path());
        // Read-only lower from the host, writes in memory.
        let overlay = OverlayFs::new(host.clone(), Arc::new(MemFs::new()));
        run_read_checks(&overlay, &VfsPath::root(), Capabilities::all()).await;
        overlay.create_dir(&p("/c")).await.unwrap();
        run_contract_suite(&overlay, &p("/c"), Capabilities::all()).await;
        overlay.remove_dir_all(&p("/dir")).await.unwrap();
        overlay
            .write(&p("/hello.txt"), bytes("changed"))
            .await
            .unwrap();
        assert_eq!(walk(dir.path()), before, "the host directory changed");
        assert_eq!(
            std::fs::read(dir.path().join("hello.txt")).unwrap(),
            b"hello\n"
        );

        // Mounted: the host sees paths relative to the mount point.
        let fs = MountFs::new(Arc::new(MemFs::new())).mount(p("/host"), host.clone());
        run_read_checks(&fs, &p("/host"), Capabilities::all()).await;
        fs.write(&p("/host/new"), bytes("n")).await.unwrap();
        assert_eq!(std::fs::read(dir.path().join("new")).unwrap(), b"n");
    });
}

#[test]
fn new_refuses_what_is_not_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    assert!(HostFs::new(dir.path().join("missing")).is_err());
    std::fs::write(dir.path().join("file"), "").unwrap();
    assert!(HostFs::new(dir.path().join("file")).is_err());
    // The root is canonicalized: a link to a directory serves the directory.
    symlink(dir.path(), dir.path().join("link")).unwrap();
    let fs = HostFs::new(dir.path().join("link")).unwrap();
    assert_eq!(fs.root(), std::fs::canonicalize(dir.path()).unwrap());
}

#[test]
fn absolute_links_are_relative_to_the_root() {
    let j = Jail::new();
    j.link("/etc/passwd", "passwd");
    j.link(j.outer().join("secret"), "abs_secret");
    j.link(j.outer(), "abs_outer");
    block_on(async {
        for path in ["/passwd", "/abs_secret", "/abs_outer/secret"] {
            let e = j.fs.read(&p(path)).await.unwrap_err();
            assert_eq!(
                (e.kind, e.path.clone()),
                (ErrorKind::NotFound, path.as_bytes().to_vec())
            );
        }
        // The same link reaches the file of that name inside the root.
        j.fs.create_dir(&p("/etc")).await.unwrap();
        j.fs.write(&p("/etc/passwd"), bytes("root:x:0:0::/root:/bin/vbash\n"))
            .await
            .unwrap();
        assert_eq!(
            j.fs.read(&p("/passwd")).await.unwrap(),
            "root:x:0:0::/root:/bin/vbash\n"
        );
        // Writing through links to absolute host paths never writes on the host.
        j.fs.write(&p("/abs_secret"), bytes("pwned"))
            .await
            .unwrap_err();
        j.fs.append(&p("/abs_outer/secret"), bytes("pwned"))
            .await
            .unwrap_err();
        j.fs.create_dir(&p("/abs_outer/x")).await.unwrap_err();
        j.fs.set_mode(&p("/abs_secret"), 0o777).await.unwrap_err();
        j.fs.set_mtime(&p("/abs_secret"), Timestamp::from_secs(0))
            .await
            .unwrap_err();
        assert_eq!(
            j.fs.metadata(&p("/abs_outer")).await.unwrap_err().kind,
            ErrorKind::NotFound
        );
    });
    j.secret_untouched();
}

#[test]
fn dotdot_in_link_targets_stops_at_the_root() {
    let j = Jail::new();
    j.link("../secret", "rel");
    j.link("../../../../../../../secret", "deep");
    j.link("c2", "c1");
    j.link("sub/../../secret", "c2");
    j.link("..", "up");
    std::fs::create_dir(j.jail().join("sub")).unwrap();
    std::fs::write(j.jail().join("inside"), "inside").unwrap();
    block_on(async {
        for path in ["/rel", "/deep", "/c1", "/up/secret", "/up/up/up/secret"] {
            let e = j.fs.read(&p(path)).await.unwrap_err();
            assert_eq!(e.kind, ErrorKind::NotFound, "{path}");
        }
        // `..` at the root is the root: the link to the parent lists the jail.
        let names: Vec<Vec<u8>> =
            j.fs.read_dir(&p("/up/up"))
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.name)
                .collect();
        assert!(names.contains(&b"inside".to_vec()) && !names.contains(&b"secret".to_vec()));
        assert_eq!(j.fs.read(&p("/up/inside")).await.unwrap(), "inside");
        // Writing through the escaping link creates the file inside the root.
        j.fs.write(&p("/rel"), bytes("contained")).await.unwrap();
        assert_eq!(
            std::fs::read(j.jail().join("secret")).unwrap(),
            b"contained"
        );
        assert_eq!(j.fs.read(&p("/deep")).await.unwrap(), "contained");
        assert_eq!(j.fs.read(&p("/c1")).await.unwrap(), "contained");
        // Links the sandbox makes itself obey the same rule.
        j.fs.symlink(b"../../../secret", &p("/mine")).await.unwrap();
        assert_eq!(j.fs.read(&p("/mine")).await.unwrap(), "contained");
        // Removing or renaming an escaping link touches the link, never its target.
        j.fs.rename(&p("/mine"), &p("/mine2")).await.unwrap();
        j.fs.remove_file(&p("/mine2")).await.unwrap();
        j.fs.remove_file(&p("/rel")).await.unwrap();
        assert!(j.jail().join("secret").exists());
    });
    j.secret_untouched();
}

#[test]
fn loops_end_in_eloop() {
    let j = Jail::new();
    j.link("l2", "l1");
    j.link("/l1", "l2");
    j.link("self", "self");
    j.link("dirloop/dirloop", "dirloop");
    block_on(async {
        for path in ["/l1", "/self", "/dirloop/x"] {
            let e = j.fs.read(&p(path)).await.unwrap_err();
            assert_eq!(
                (e.kind, e.path.clone()),
                (ErrorKind::TooManyLinks, path.as_bytes().to_vec())
            );
        }
        let e = j.fs.write(&p("/self"), bytes("x")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooManyLinks);
        // The links themselves are still there to look at.
        let meta = j.fs.symlink_metadata(&p("/self")).await.unwrap();
        assert_eq!(meta.kind, FileKind::Symlink);
        assert_eq!(j.fs.read_link(&p("/l2")).await.unwrap(), b"/l1");
    });
    j.secret_untouched();
}

#[test]
fn a_parent_swapped_for_a_link_leads_nowhere() {
    let j = Jail::new();
    std::fs::create_dir(j.jail().join("sub")).unwrap();
    std::fs::write(j.jail().join("sub/secret"), "inside").unwrap();
    block_on(async {
        assert_eq!(j.fs.read(&p("/sub/secret")).await.unwrap(), "inside");
        // The host replaces the directory with links to the outside.
        std::fs::remove_dir_all(j.jail().join("sub")).unwrap();
        j.link(j.outer(), "sub");
        assert_eq!(
            j.fs.read(&p("/sub/secret")).await.unwrap_err().kind,
            ErrorKind::NotFound
        );
        j.fs.write(&p("/sub/secret"), bytes("pwned"))
            .await
            .unwrap_err();
        std::fs::remove_file(j.jail().join("sub")).unwrap();
        j.link("..", "sub");
        assert_eq!(
            j.fs.read(&p("/sub/secret")).await.unwrap_err().kind,
            ErrorKind::NotFound
        );
        j.fs.remove_file(&p("/sub/secret")).await.unwrap_err();
    });
    j.secret_untouched();
}

/// A host thread keeps swapping `jail/flip` between a real directory and a link to the
/// outside while HostFs reads, writes and lists through it: every access must see the
/// directory or nothing, never the outside.
#[test]
fn racing_a_swapped_parent_never_escapes() {
    let j = Jail::new();
    let flip = j.jail().join("flip");
    let stop = Arc::new(AtomicBool::new(false));
    std::fs::create_dir(&flip).unwrap();
    std::fs::write(flip.join("secret"), "inside").unwrap();
    let swapper = {
        let (stop, flip, outer) = (stop.clone(), flip.clone(), j.outer().to_path_buf());
        let parked = flip.with_extension("parked");
        std::thread::spawn(move || {
            let mut swaps = 0u64;
            while !stop.load(Ordering::Relaxed) {
                // Directory -> link to the outside -> directory, as fast as possible.
                if std::fs::rename(&flip, &parked).is_ok() {
                    let _ = symlink(&outer, &flip);
                    let _ = std::fs::remove_file(&flip);
                    let _ = std::fs::rename(&parked, &flip);
                    swaps += 1;
                }
            }
            swaps
        })
    };
    let deadline = Instant::now() + Duration::from_millis(1500);
    let (mut seen_inside, mut rounds) = (0, 0);
    block_on(async {
        while Instant::now() < deadline && rounds < 200_000 {
            rounds += 1;
            if let Ok(data) = j.fs.read(&p("/flip/secret")).await {
                assert_eq!(data, "inside", "read escaped the root");
                seen_inside += 1;
            }
            if let Ok(entries) = j.fs.read_dir(&p("/flip")).await {
                assert!(entries.iter().all(|e| e.name != b"jail"), "listing escaped");
            }
            let _ = j.fs.set_mode(&p("/flip/secret"), 0o644).await;
            let _ = j.fs.append(&p("/flip/secret"), Bytes::new()).await;
        }
    });
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    assert!(
        seen_inside > 0,
        "never read the file ({rounds} rounds, {swaps} swaps)"
    );
    j.secret_untouched();
}

#[test]
fn special_files_are_not_read() {
    let j = Jail::new();
    let fifo = j.jail().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    block_on(async {
        let e = j.fs.read(&p("/fifo")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::PermissionDenied);
        assert_eq!(
            j.fs.metadata(&p("/fifo")).await.unwrap().kind,
            FileKind::File
        );
    });
}

#[test]
fn modes_and_atomic_overwrites() {
    let j = Jail::new();
    block_on(async {
        j.fs.write(&p("/run.sh"), bytes("#!/bin/sh\n"))
            .await
            .unwrap();
        assert_eq!(j.fs.metadata(&p("/run.sh")).await.unwrap().mode, 0o644);
        j.fs.set_mode(&p("/run.sh"), 0o755).await.unwrap();
        j.fs.write(&p("/run.sh"), bytes("#!/bin/sh\necho\n"))
            .await
            .unwrap();
        // An overwrite keeps the mode, as writing in place would.
        let mode = std::fs::metadata(j.jail().join("run.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o7777, 0o755);
        j.fs.create_dir(&p("/d")).await.unwrap();
        assert_eq!(j.fs.metadata(&p("/d")).await.unwrap().mode, 0o755);
        let e = j.fs.write(&p("/d"), bytes("x")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::IsADirectory);
        let e = j.fs.remove_dir(&VfsPath::root()).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Busy);
        let e = j.fs.read_link(&p("/run.sh")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        let names = walk(&j.jail());
        assert_eq!(names.len(), 2, "{names:?}");
    });
    j.secret_untouched();
}
