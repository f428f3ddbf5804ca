//! A known tree and the read-side checks against it, for read-only filesystems (and
//! read-only layers) that cannot run the full suite.

use bytes::Bytes;

use super::{pattern, Capabilities, Ctx};
use crate::error::ErrorKind::*;
use crate::fs::FileSystem;
use crate::metadata::FileKind::{Directory as D, File as F, Symlink as L};
use crate::metadata::{FileKind, Metadata, Timestamp};
use crate::path::VfsPath;

/// Size of the fixture's `big` file.
const BIG: usize = 100_000;
/// The mtime the fixture gives `hello.txt` when [`Capabilities::set_mtime`].
const HELLO_MTIME: Timestamp = Timestamp::from_secs(1_500_000_000);

/// Writes the fixture tree below `root` (an existing, empty directory) through `fs`:
///
/// ```text
/// hello.txt          "hello\n" (mtime 1500000000 when caps.set_mtime)
/// empty              ""
/// big                100,000 patterned bytes
/// name with space    "space"
/// \xff\xfe           "bytes" (a non-UTF-8 name)
/// dir/a  dir/b       "A", "B" (b has mode 0o600 when caps.modes)
/// dir/sub/c          "C"
/// emptydir/          (when caps.empty_dirs)
/// link -> hello.txt, dirlink -> dir, dangling -> nowhere, loop -> loop  (when caps.symlinks)
/// ```
///
/// Panics if a write fails.
pub async fn populate_read_fixture(fs: &dyn FileSystem, root: &VfsPath, caps: Capabilities) {
    let c = Ctx::at(fs, root, "populate_read_fixture", caps);
    c.put("hello.txt", b"hello\n").await;
    c.put("empty", b"").await;
    c.put("big", &pattern(BIG, 3)).await;
    c.put("name with space", b"space").await;
    c.put(b"\xff\xfe", b"bytes").await;
    c.put("dir/a", b"A").await;
    let b = c.put("dir/b", b"B").await;
    c.put("dir/sub/c", b"C").await;
    if caps.empty_dirs {
        c.mkdir("emptydir").await;
    }
    if caps.symlinks {
        c.link("hello.txt", "link").await;
        c.link("dir", "dirlink").await;
        c.link("nowhere", "dangling").await;
        c.link("loop", "loop").await;
    }
    if caps.modes {
        let r = fs.set_mode(&b, 0o600).await;
        c.ok("set_mode dir/b", r);
    }
    if caps.set_mtime {
        let r = fs.set_mtime(&c.p("hello.txt"), HELLO_MTIME).await;
        c.ok("set_mtime hello.txt", r);
    }
}

/// Checks every read operation of `fs` against the tree [`populate_read_fixture`] wrote at
/// `root`, including the errors reads give. Writes nothing. Panics on the first mismatch,
/// as the contract suite does (check name `read_checks`).
pub async fn run_read_checks(fs: &dyn FileSystem, root: &VfsPath, caps: Capabilities) {
    let c = Ctx::at(fs, root, "read_checks", caps);
    let hello = c.p("hello.txt");
    c.content(&hello, b"hello\n").await;
    c.content(&c.p("empty"), b"").await;
    c.content(&c.p("big"), &pattern(BIG, 3)).await;
    c.content(&c.p("name with space"), b"space").await;
    c.content(&c.p(b"\xff\xfe"), b"bytes").await;
    c.content(&c.p("dir/sub/c"), b"C").await;
    let r = fs.read_range(&c.p("big"), 99_990, 100).await;
    c.eq(
        "read_range at the end of big",
        &c.ok("read_range", r)[..],
        &pattern(BIG, 3)[99_990..],
    );
    let r = fs.read_range(&hello, 1, 3).await;
    c.eq(
        "read_range hello.txt 1 3",
        &c.ok("read_range", r)[..],
        b"ell",
    );
    let r = fs.read_range(&hello, 6, 3).await;
    c.eq("read_range past the end", c.ok("read_range", r).len(), 0);

    let mut top: Vec<(&str, FileKind)> = vec![
        ("big", F),
        ("dir", D),
        ("empty", F),
        ("hello.txt", F),
        ("name with space", F),
    ];
    if caps.empty_dirs {
        top.push(("emptydir", D));
    }
    if caps.symlinks {
        top.extend([("dangling", L), ("dirlink", L), ("link", L), ("loop", L)]);
    }
    top.sort();
    let mut want: Vec<(Vec<u8>, FileKind)> = top
        .iter()
        .map(|(n, k)| (n.as_bytes().to_vec(), *k))
        .collect();
    want.push((b"\xff\xfe".to_vec(), F));
    let got = c.listing(root).await;
    if got != want {
        c.fail(&format!(
            "read_dir {root}: got {:?}, expected {:?}",
            super::show_listing(&got),
            super::show_listing(&want)
        ));
    }
    c.lists(&c.p("dir"), &[("a", F), ("b", F), ("sub", D)])
        .await;
    if caps.empty_dirs {
        c.lists(&c.p("emptydir"), &[]).await;
    }

    let m = c.ok("metadata hello.txt", fs.metadata(&hello).await);
    c.eq("kind of hello.txt", m.kind, F);
    c.eq("size of hello.txt", m.size, 6);
    if caps.set_mtime {
        c.eq("mtime of hello.txt", m.mtime, HELLO_MTIME);
    }
    let m = c.ok("metadata dir", fs.metadata(&c.p("dir")).await);
    c.eq("kind of dir", m.kind, D);
    if caps.modes {
        c.eq("mode of dir", m.mode, Metadata::default_mode(D));
        let m = c.ok("metadata dir/b", fs.metadata(&c.p("dir/b")).await);
        c.eq("mode of dir/b", m.mode, 0o600);
        let m = c.ok("metadata dir/a", fs.metadata(&c.p("dir/a")).await);
        c.eq("mode of dir/a", m.mode, Metadata::default_mode(F));
    }
    let m = c.ok(
        "symlink_metadata big",
        fs.symlink_metadata(&c.p("big")).await,
    );
    c.eq("size of big", m.size, BIG as u64);

    let missing = c.p("missing");
    let r = fs.read(&missing).await;
    c.err("read of a missing file", r, NotFound, &missing);
    let r = fs.metadata(&missing).await;
    c.err("metadata of a missing path", r, NotFound, &missing);
    let r = fs.read_dir(&missing).await;
    c.err("read_dir of a missing path", r, NotFound, &missing);
    let d = c.p("dir");
    let r = fs.read(&d).await;
    c.err("read of a directory", r, IsADirectory, &d);
    let p = c.p("hello.txt/x");
    let r = fs.read(&p).await;
    c.err("read below a file", r, NotADirectory, &p);
    let r = fs.read_dir(&hello).await;
    c.err("read_dir of a file", r, NotADirectory, &hello);
    let r = fs.read_link(&hello).await;
    c.err("read_link of a file", r, InvalidInput, &hello);
    c.check("exists hello.txt", fs.exists(&hello).await);
    c.check("exists dir", fs.exists(&d).await);
    c.check("exists missing", !fs.exists(&missing).await);

    let got = fs
        .read_many(&[hello.clone(), missing.clone(), c.p("dir/a")])
        .await;
    c.eq("read_many result count", got.len(), 3);
    let mut got = got.into_iter();
    let first = got.next().map(|r| c.ok("read_many item 0", r));
    c.eq("read_many item 0", first.as_deref(), Some(&b"hello\n"[..]));
    if let Some(r) = got.next() {
        c.err("read_many item 1", r, NotFound, &missing);
    }
    let third = got.next().map(|r| c.ok("read_many item 2", r));
    c.eq("read_many item 2", third.as_deref(), Some(&b"A"[..]));

    if caps.symlinks {
        let link = c.p("link");
        c.content(&link, b"hello\n").await;
        let r = fs.read_link(&link).await;
        c.eq(
            "read_link link",
            c.ok("read_link", r),
            b"hello.txt".to_vec(),
        );
        let l = c.ok("symlink_metadata link", fs.symlink_metadata(&link).await);
        c.eq("kind of link", l.kind, L);
        c.lists(&c.p("dirlink"), &[("a", F), ("b", F), ("sub", D)])
            .await;
        c.content(&c.p("dirlink/sub/c"), b"C").await;
        let dangling = c.p("dangling");
        let r = fs.read(&dangling).await;
        c.err("read of a dangling link", r, NotFound, &dangling);
        let lp = c.p("loop");
        let r = fs.metadata(&lp).await;
        c.err("metadata of a link cycle", r, TooManyLinks, &lp);
    }
}

/// Checks that every mutating method of `fs` fails with `EROFS` naming its path, on paths
/// that exist and on paths that do not, and that nothing changed. `root` holds the tree
/// [`populate_read_fixture`] wrote (through a writable view of the same data).
pub async fn assert_read_only(fs: &dyn FileSystem, root: &VfsPath, caps: Capabilities) {
    let c = Ctx::at(fs, root, "assert_read_only", caps);
    let data = || Bytes::from_static(b"x");
    let (hello, dir, new) = (c.p("hello.txt"), c.p("dir"), c.p("new"));
    for p in [&hello, &new] {
        c.err("write", fs.write(p, data()).await, ReadOnly, p);
        c.err("create_new", fs.create_new(p, data()).await, ReadOnly, p);
        c.err("append", fs.append(p, data()).await, ReadOnly, p);
        c.err("create_dir", fs.create_dir(p).await, ReadOnly, p);
        c.err("create_dir_all", fs.create_dir_all(p).await, ReadOnly, p);
        c.err("remove_file", fs.remove_file(p).await, ReadOnly, p);
        c.err("symlink", fs.symlink(b"t", p).await, ReadOnly, p);
        c.err("set_mode", fs.set_mode(p, 0o600).await, ReadOnly, p);
        let t = Timestamp::from_secs(1);
        c.err("set_mtime", fs.set_mtime(p, t).await, ReadOnly, p);
    }
    c.err("remove_dir", fs.remove_dir(&dir).await, ReadOnly, &dir);
    c.err(
        "remove_dir_all",
        fs.remove_dir_all(&dir).await,
        ReadOnly,
        &dir,
    );
    c.err_kind("rename", fs.rename(&hello, &new).await, ReadOnly);
    c.err_kind("rename", fs.rename(&dir, &new).await, ReadOnly);
    run_read_checks(fs, root, caps).await;
    c.gone(&new).await;
}
