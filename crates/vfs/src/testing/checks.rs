//! Contract checks for files and directories (no renames, no symlinks).

use bytes::Bytes;

use super::{pattern, Ctx};
use crate::error::ErrorKind::{self, *};
use crate::metadata::{FileKind, Metadata, Timestamp};

use FileKind::{Directory as D, File as F, Symlink as L};

/// `write` creates and truncates; `read` returns exactly what was written; errors for
/// missing parents, files as parents and directories.
pub(crate) async fn read_write(c: &Ctx<'_>) {
    let f = c.put("f", b"hello").await;
    c.content(&f, b"hello").await;
    c.put("f", b"hi").await;
    c.content(&f, b"hi").await;
    c.put("f", b"").await;
    c.content(&f, b"").await;
    let all: Vec<u8> = (0..=255u8).collect();
    c.put("f", &all).await;
    c.content(&f, &all).await;

    let missing = c.p("missing");
    let r = c.fs.read(&missing).await;
    c.err("read of a missing file", r, NotFound, &missing);
    let under_missing = c.p("nodir/x");
    let r = c.fs.read(&under_missing).await;
    c.err(
        "read below a missing directory",
        r,
        NotFound,
        &under_missing,
    );
    let r = c.fs.write(&under_missing, Bytes::from_static(b"x")).await;
    c.err(
        "write below a missing directory",
        r,
        NotFound,
        &under_missing,
    );
    c.gone(&c.p("nodir")).await;

    let under_file = c.p("f/x");
    let r = c.fs.write(&under_file, Bytes::from_static(b"x")).await;
    c.err("write below a file", r, NotADirectory, &under_file);
    let r = c.fs.read(&under_file).await;
    c.err("read below a file", r, NotADirectory, &under_file);
    c.content(&f, &all).await;

    let d = c.mkdir("d").await;
    let r = c.fs.read(&d).await;
    c.err("read of a directory", r, IsADirectory, &d);
    let r = c.fs.write(&d, Bytes::from_static(b"x")).await;
    c.err("write to a directory", r, IsADirectory, &d);
    c.eq("kind after failed write", c.kind(&d).await, D);
}

/// `read_range` returns the bytes in range, fewer at the end and none past it.
pub(crate) async fn read_range(c: &Ctx<'_>) {
    let f = c.put("f", b"0123456789").await;
    for (off, len, want) in [
        (0, 4, &b"0123"[..]),
        (3, 4, b"3456"),
        (0, 10, b"0123456789"),
        (8, 10, b"89"),
        (9, 1, b"9"),
        (10, 5, b""),
        (20, 5, b""),
        (2, 0, b""),
        (0, u64::MAX, b"0123456789"),
        (5, u64::MAX, b"56789"),
    ] {
        let r = c.fs.read_range(&f, off, len).await;
        let got = c.ok(&format!("read_range {f} {off} {len}"), r);
        c.eq(&format!("read_range {f} {off} {len}"), &got[..], want);
    }
    let empty = c.put("empty", b"").await;
    let r = c.fs.read_range(&empty, 0, 10).await;
    c.eq(
        "read_range of an empty file",
        c.ok("read_range", r).len(),
        0,
    );

    let missing = c.p("missing");
    let r = c.fs.read_range(&missing, 0, 1).await;
    c.err("read_range of a missing file", r, NotFound, &missing);
    let d = c.mkdir("d").await;
    let r = c.fs.read_range(&d, 0, 1).await;
    c.err("read_range of a directory", r, IsADirectory, &d);
}

/// `create_new` creates, and fails with `EEXIST` on anything existing.
pub(crate) async fn create_new(c: &Ctx<'_>) {
    let f = c.p("f");
    let r = c.fs.create_new(&f, Bytes::from_static(b"one")).await;
    c.ok("create_new of a new file", r);
    c.content(&f, b"one").await;
    let r = c.fs.create_new(&f, Bytes::from_static(b"two")).await;
    c.err("create_new over a file", r, AlreadyExists, &f);
    c.content(&f, b"one").await;

    let d = c.mkdir("d").await;
    let r = c.fs.create_new(&d, Bytes::from_static(b"x")).await;
    c.err("create_new over a directory", r, AlreadyExists, &d);
    let p = c.p("nodir/x");
    let r = c.fs.create_new(&p, Bytes::from_static(b"x")).await;
    c.err("create_new below a missing directory", r, NotFound, &p);
    let p = c.p("f/x");
    let r = c.fs.create_new(&p, Bytes::from_static(b"x")).await;
    c.err("create_new below a file", r, NotADirectory, &p);
    let p = c.p("d/inner");
    let r = c.fs.create_new(&p, Bytes::from_static(b"in")).await;
    c.ok("create_new in a subdirectory", r);
    c.content(&p, b"in").await;
}

/// `append` creates a missing file and otherwise adds at the end.
pub(crate) async fn append(c: &Ctx<'_>) {
    let f = c.p("f");
    let r = c.fs.append(&f, Bytes::from_static(b"ab")).await;
    c.ok("append creating a file", r);
    c.content(&f, b"ab").await;
    let r = c.fs.append(&f, Bytes::from_static(b"cd")).await;
    c.ok("append", r);
    let r = c.fs.append(&f, Bytes::new()).await;
    c.ok("append of nothing", r);
    c.content(&f, b"abcd").await;
    let r = c.fs.metadata(&f).await;
    c.eq("size after append", c.ok("metadata", r).size, 4);

    let d = c.mkdir("d").await;
    let r = c.fs.append(&d, Bytes::from_static(b"x")).await;
    c.err("append to a directory", r, IsADirectory, &d);
    let p = c.p("nodir/x");
    let r = c.fs.append(&p, Bytes::from_static(b"x")).await;
    c.err("append below a missing directory", r, NotFound, &p);
    let p = c.p("f/x");
    let r = c.fs.append(&p, Bytes::from_static(b"x")).await;
    c.err("append below a file", r, NotADirectory, &p);
    c.content(&f, b"abcd").await;
}

/// `metadata`/`symlink_metadata`: kinds, sizes, default modes, stable inodes and times.
pub(crate) async fn metadata(c: &Ctx<'_>) {
    let f = c.put("f", b"12345").await;
    let g = c.put("g", b"").await;
    let d = c.mkdir("d").await;
    let m = c.ok("metadata of a file", c.fs.metadata(&f).await);
    c.eq("kind of a file", m.kind, F);
    c.eq("size of a file", m.size, 5);
    c.check("a file has at least one link", m.nlink >= 1);
    let l = c.ok(
        "symlink_metadata of a file",
        c.fs.symlink_metadata(&f).await,
    );
    c.eq("symlink_metadata of a file equals metadata", &l, &m);
    let again = c.ok("metadata", c.fs.metadata(&f).await);
    c.eq("metadata is stable without changes", &again, &m);
    let mg = c.ok("metadata of an empty file", c.fs.metadata(&g).await);
    c.eq("size of an empty file", mg.size, 0);
    c.check("two files have different inodes", mg.inode != m.inode);
    let md = c.ok("metadata of a directory", c.fs.metadata(&d).await);
    c.eq("kind of a directory", md.kind, D);
    c.check(
        "a file's metadata is_file",
        m.is_file() && !m.is_dir() && !m.is_symlink(),
    );
    c.check("a directory's metadata is_dir", md.is_dir());
    if c.caps.modes {
        c.eq("default mode of a file", m.mode, Metadata::default_mode(F));
        c.eq(
            "default mode of a directory",
            md.mode,
            Metadata::default_mode(D),
        );
    }
    let root = c.ok(
        "metadata of the check directory",
        c.fs.metadata(&c.dir).await,
    );
    c.eq("kind of the check directory", root.kind, D);

    let missing = c.p("missing");
    let r = c.fs.metadata(&missing).await;
    c.err("metadata of a missing path", r, NotFound, &missing);
    let r = c.fs.symlink_metadata(&missing).await;
    c.err("symlink_metadata of a missing path", r, NotFound, &missing);
    let p = c.p("f/x");
    let r = c.fs.metadata(&p).await;
    c.err("metadata below a file", r, NotADirectory, &p);
    let r = c.fs.symlink_metadata(&p).await;
    c.err("symlink_metadata below a file", r, NotADirectory, &p);
    let p = c.p("nodir/x");
    let r = c.fs.metadata(&p).await;
    c.err("metadata below a missing directory", r, NotFound, &p);
}

/// `read_dir`: sorted bytewise, with kinds, odd names included; its errors.
pub(crate) async fn read_dir(c: &Ctx<'_>) {
    let d = c.mkdir("d").await;
    for name in [
        &b"b"[..],
        b"a",
        b"C",
        b"a b",
        b"\xff\xfe",
        "\u{e9}".as_bytes(),
        b"-x",
        b".hidden",
    ] {
        c.put([&b"d/"[..], name].concat(), name).await;
    }
    c.mkdir("d/sub").await;
    c.put("d/sub/deeper", b"not listed").await;
    if c.caps.symlinks {
        c.link("a", "d/link").await;
    }
    let mut want: Vec<(Vec<u8>, FileKind)> = vec![
        (b"-x".to_vec(), F),
        (b".hidden".to_vec(), F),
        (b"C".to_vec(), F),
        (b"a".to_vec(), F),
        (b"a b".to_vec(), F),
        (b"b".to_vec(), F),
        (b"sub".to_vec(), D),
        ("\u{e9}".as_bytes().to_vec(), F),
        (b"\xff\xfe".to_vec(), F),
    ];
    if c.caps.symlinks {
        want.insert(6, (b"link".to_vec(), L));
    }
    let got = c.listing(&d).await;
    if got != want {
        c.fail(&format!(
            "read_dir {d}: got {:?}, expected {:?}",
            super::show_listing(&got),
            super::show_listing(&want)
        ));
    }
    // Every listed name reads back as written (non-UTF-8 names survive the round trip).
    for (name, kind) in &got {
        if *kind == F {
            c.content(&d.join(name), name).await;
        }
    }
    if c.caps.empty_dirs {
        let e = c.mkdir("empty").await;
        c.lists(&e, &[]).await;
    }
    let f = c.p("d/a");
    let r = c.fs.read_dir(&f).await;
    c.err("read_dir of a file", r, NotADirectory, &f);
    let missing = c.p("missing");
    let r = c.fs.read_dir(&missing).await;
    c.err("read_dir of a missing directory", r, NotFound, &missing);
    let p = c.p("d/a/x");
    let r = c.fs.read_dir(&p).await;
    c.err("read_dir below a file", r, NotADirectory, &p);
}

/// `create_dir` makes one directory; `EEXIST`, `ENOENT` and `ENOTDIR` otherwise.
pub(crate) async fn create_dir(c: &Ctx<'_>) {
    let d = c.p("d");
    let r = c.fs.create_dir(&d).await;
    c.ok("create_dir", r);
    if c.caps.empty_dirs {
        c.eq("kind of a new directory", c.kind(&d).await, D);
        let r = c.fs.create_dir(&d).await;
        c.err("create_dir over a directory", r, AlreadyExists, &d);
    } else {
        // Without persistent empty directories, `d` only lasts once something is in it.
        c.put("d/keep", b"k").await;
    }
    let r = c.fs.create_dir(&c.p("d/e")).await;
    c.ok("create_dir in a new directory", r);
    c.put("d/e/f", b"x").await;
    let r = c.fs.create_dir(&d).await;
    c.err(
        "create_dir over a non-empty directory",
        r,
        AlreadyExists,
        &d,
    );
    let f = c.p("d/e/f");
    let r = c.fs.create_dir(&f).await;
    c.err("create_dir over a file", r, AlreadyExists, &f);
    c.content(&f, b"x").await;
    let p = c.p("nodir/x");
    let r = c.fs.create_dir(&p).await;
    c.err("create_dir below a missing directory", r, NotFound, &p);
    let p = c.p("d/e/f/x");
    let r = c.fs.create_dir(&p).await;
    c.err("create_dir below a file", r, NotADirectory, &p);
    let root = crate::VfsPath::root();
    let r = c.fs.create_dir(&root).await;
    c.err("create_dir of the root", r, AlreadyExists, &root);
    if c.caps.empty_dirs {
        c.lists(&d, &[("e", D)]).await;
    }
}

/// `create_dir_all` creates parents, is idempotent, and stops at files in the way.
pub(crate) async fn create_dir_all(c: &Ctx<'_>) {
    let deep = c.p("a/b/c");
    let r = c.fs.create_dir_all(&deep).await;
    c.ok("create_dir_all of a new chain", r);
    c.put("a/b/c/f", b"x").await;
    for p in ["a", "a/b", "a/b/c"] {
        c.eq(&format!("kind of {p}"), c.kind(&c.p(p)).await, D);
    }
    let r = c.fs.create_dir_all(&deep).await;
    c.ok("create_dir_all again", r);
    let r = c.fs.create_dir_all(&c.p("a")).await;
    c.ok("create_dir_all of an existing parent", r);
    let r = c.fs.create_dir_all(&c.dir).await;
    c.ok("create_dir_all of the check directory", r);
    c.content(&c.p("a/b/c/f"), b"x").await;

    let f = c.p("a/b/c/f");
    let r = c.fs.create_dir_all(&f).await;
    c.err("create_dir_all over a file", r, AlreadyExists, &f);
    let p = c.p("a/b/c/f/g/h");
    let r = c.fs.create_dir_all(&p).await;
    c.err_kind("create_dir_all through a file", r, NotADirectory);
    c.content(&f, b"x").await;
}

/// `remove_file` removes files; `EISDIR` for directories, `ENOENT` when missing.
pub(crate) async fn remove_file(c: &Ctx<'_>) {
    let f = c.put("f", b"x").await;
    c.put("keep", b"k").await;
    let r = c.fs.remove_file(&f).await;
    c.ok("remove_file", r);
    c.gone(&f).await;
    let r = c.fs.read(&f).await;
    c.err("read of a removed file", r, NotFound, &f);
    c.lists(&c.dir, &[("keep", F)]).await;
    let r = c.fs.remove_file(&f).await;
    c.err("remove_file of a missing file", r, NotFound, &f);

    let d = c.mkdir("d").await;
    c.put("d/x", b"x").await;
    let r = c.fs.remove_file(&d).await;
    c.err("remove_file of a directory", r, IsADirectory, &d);
    c.content(&c.p("d/x"), b"x").await;
    let p = c.p("keep/x");
    let r = c.fs.remove_file(&p).await;
    c.err("remove_file below a file", r, NotADirectory, &p);
    let p = c.p("nodir/x");
    let r = c.fs.remove_file(&p).await;
    c.err("remove_file below a missing directory", r, NotFound, &p);
    // A file can be written again after removal.
    c.put("f", b"again").await;
    c.content(&f, b"again").await;
}

/// `remove_dir` removes empty directories only.
pub(crate) async fn remove_dir(c: &Ctx<'_>) {
    let d = c.mkdir("d").await;
    c.put("d/x", b"x").await;
    let r = c.fs.remove_dir(&d).await;
    c.err(
        "remove_dir of a non-empty directory",
        r,
        DirectoryNotEmpty,
        &d,
    );
    c.content(&c.p("d/x"), b"x").await;
    let f = c.p("d/x");
    let r = c.fs.remove_dir(&f).await;
    c.err("remove_dir of a file", r, NotADirectory, &f);
    let missing = c.p("missing");
    let r = c.fs.remove_dir(&missing).await;
    c.err("remove_dir of a missing directory", r, NotFound, &missing);
    if c.caps.empty_dirs {
        let e = c.mkdir("d/e").await;
        let r = c.fs.remove_dir(&e).await;
        c.ok("remove_dir of an empty directory", r);
        c.gone(&e).await;
        c.lists(&d, &[("x", F)]).await;
    }
    let r = c.fs.remove_file(&f).await;
    c.ok("remove_file", r);
    if c.caps.empty_dirs {
        let r = c.fs.remove_dir(&d).await;
        c.ok("remove_dir of an emptied directory", r);
        c.gone(&d).await;
        c.lists(&c.dir, &[]).await;
    }
}

/// `remove_dir_all` removes a whole tree (not following symlinks) or a single file.
pub(crate) async fn remove_dir_all(c: &Ctx<'_>) {
    c.put("t/a", b"a").await;
    c.put("t/sub/b", b"b").await;
    c.put("t/sub/deeper/c", b"c").await;
    c.mkdir("t/empty").await;
    c.put("outside/keep", b"keep").await;
    if c.caps.symlinks {
        c.link("../../outside", "t/sub/to-outside").await;
        c.link("missing", "t/dangling").await;
    }
    let t = c.p("t");
    let r = c.fs.remove_dir_all(&t).await;
    c.ok("remove_dir_all of a tree", r);
    c.gone(&t).await;
    c.gone(&c.p("t/sub/b")).await;
    c.content(&c.p("outside/keep"), b"keep").await;
    c.lists(&c.dir, &[("outside", D)]).await;

    let f = c.put("f", b"x").await;
    let r = c.fs.remove_dir_all(&f).await;
    c.ok("remove_dir_all of a file", r);
    c.gone(&f).await;
    let r = c.fs.remove_dir_all(&f).await;
    c.err("remove_dir_all of a missing path", r, NotFound, &f);
}

/// Names that share a prefix stay apart (object stores list by key prefix).
pub(crate) async fn prefix_siblings(c: &Ctx<'_>) {
    c.put("a/x", b"in a").await;
    c.put("ab", b"ab").await;
    c.put("a.txt", b"a.txt").await;
    c.put("a-b/y", b"y").await;
    c.lists(&c.dir, &[("a", D), ("a-b", D), ("a.txt", F), ("ab", F)])
        .await;
    c.lists(&c.p("a"), &[("x", F)]).await;
    let r = c.fs.remove_dir_all(&c.p("a")).await;
    c.ok("remove_dir_all a", r);
    c.lists(&c.dir, &[("a-b", D), ("a.txt", F), ("ab", F)])
        .await;
    c.content(&c.p("ab"), b"ab").await;
    c.content(&c.p("a-b/y"), b"y").await;
    let r = c.fs.remove_file(&c.p("ab")).await;
    c.ok("remove_file ab", r);
    c.lists(&c.dir, &[("a-b", D), ("a.txt", F)]).await;
}

/// `exists` is true for files and directories, false for missing paths.
pub(crate) async fn exists(c: &Ctx<'_>) {
    let f = c.put("d/f", b"x").await;
    c.check("exists: a file", c.fs.exists(&f).await);
    c.check("exists: a directory", c.fs.exists(&c.p("d")).await);
    c.check("exists: the check directory", c.fs.exists(&c.dir).await);
    c.check(
        "exists: a missing path",
        !c.fs.exists(&c.p("missing")).await,
    );
    c.check("exists: below a file", !c.fs.exists(&c.p("d/f/x")).await);
    c.check(
        "exists: below a missing dir",
        !c.fs.exists(&c.p("no/x")).await,
    );
    if c.caps.symlinks {
        let l = c.link("missing", "dangling").await;
        c.check("exists: a dangling symlink", !c.fs.exists(&l).await);
        let l = c.link("d/f", "good").await;
        c.check("exists: a symlink to a file", c.fs.exists(&l).await);
    }
}

/// `read_many` answers in order, one result per path, errors per item.
pub(crate) async fn read_many(c: &Ctx<'_>) {
    let a = c.put("a", b"A").await;
    let b = c.put("b", b"").await;
    let d = c.mkdir("d").await;
    let missing = c.p("missing");
    let got =
        c.fs.read_many(&[a.clone(), missing.clone(), b.clone(), d.clone(), a.clone()])
            .await;
    c.eq("read_many result count", got.len(), 5);
    let want: [(&[u8], Option<ErrorKind>); 5] = [
        (b"A", None),
        (b"", Some(NotFound)),
        (b"", None),
        (b"", Some(IsADirectory)),
        (b"A", None),
    ];
    for (i, (r, (content, err))) in got.into_iter().zip(want).enumerate() {
        match err {
            None => c.eq(
                &format!("read_many item {i}"),
                &c.ok("read_many", r)[..],
                content,
            ),
            Some(kind) => {
                c.err_kind(&format!("read_many item {i}"), r, kind);
            }
        }
    }
    c.eq("read_many of nothing", c.fs.read_many(&[]).await.len(), 0);

    c.mkdir("many").await;
    let paths: Vec<_> = (0..100).map(|i| c.p(format!("many/{i:03}"))).collect();
    for (i, p) in paths.iter().enumerate() {
        let r = c.fs.write(p, Bytes::from(pattern(i * 7, i as u32))).await;
        c.ok(&format!("write {p}"), r);
    }
    for (i, r) in c.fs.read_many(&paths).await.into_iter().enumerate() {
        let got = c.ok(&format!("read_many {}", paths[i]), r);
        c.check(
            &format!("read_many item {i} has its own content"),
            got == pattern(i * 7, i as u32),
        );
    }
}

/// `set_mtime` sticks (when supported) and fails with `ENOENT` on missing paths.
pub(crate) async fn set_mtime(c: &Ctx<'_>) {
    let f = c.put("f", b"x").await;
    let d = c.mkdir("d").await;
    let missing = c.p("missing");
    let t = Timestamp::from_secs(1_234_567_890);
    let r = c.fs.set_mtime(&missing, t).await;
    c.err("set_mtime of a missing path", r, NotFound, &missing);
    if !c.caps.set_mtime {
        return;
    }
    for p in [&f, &d] {
        let r = c.fs.set_mtime(p, t).await;
        c.ok(&format!("set_mtime {p}"), r);
        let m = c.ok("metadata", c.fs.metadata(p).await);
        c.eq(&format!("mtime of {p} after set_mtime"), m.mtime, t);
    }
    c.content(&f, b"x").await;
}

/// `set_mode` sticks (when modes are supported) and fails with `ENOENT` on missing paths.
pub(crate) async fn set_mode(c: &Ctx<'_>) {
    let f = c.put("f", b"x").await;
    let d = c.mkdir("d").await;
    let missing = c.p("missing");
    let r = c.fs.set_mode(&missing, 0o600).await;
    c.err("set_mode of a missing path", r, NotFound, &missing);
    if !c.caps.modes {
        return;
    }
    for (p, mode) in [(&f, 0o600), (&f, 0o755), (&d, 0o700), (&d, 0o755)] {
        let r = c.fs.set_mode(p, mode).await;
        c.ok(&format!("set_mode {p} {mode:o}"), r);
        let m = c.ok("metadata", c.fs.metadata(p).await);
        c.eq(
            &format!("mode of {p} after set_mode {mode:o}"),
            m.mode,
            mode,
        );
    }
    c.content(&f, b"x").await;
}

/// A file of `caps.large_file_bytes`: whole reads, ranges, size, append.
pub(crate) async fn large_file(c: &Ctx<'_>) {
    let n = c.caps.large_file_bytes;
    let data = pattern(n, 7);
    let f = c.p("big");
    let r = c.fs.write(&f, Bytes::from(data.clone())).await;
    c.ok("write of a large file", r);
    let got = c.ok("read of a large file", c.fs.read(&f).await);
    c.check("a large file reads back intact", got == data);
    let m = c.ok("metadata", c.fs.metadata(&f).await);
    c.eq("size of a large file", m.size, n as u64);
    let (off, len) = (n / 3, n / 4 + 1);
    let r = c.fs.read_range(&f, off as u64, len as u64).await;
    let got = c.ok("read_range of a large file", r);
    let end = (off + len).min(n);
    c.check(
        "read_range in a large file",
        got[..] == data[off.min(n)..end],
    );
    let r = c.fs.append(&f, Bytes::from_static(b"tail")).await;
    c.ok("append to a large file", r);
    let m = c.ok("metadata", c.fs.metadata(&f).await);
    c.eq("size after append", m.size, n as u64 + 4);
    let r = c.fs.read_range(&f, n as u64, 100).await;
    c.eq("tail of a large file", &c.ok("read_range", r)[..], b"tail");
}

/// `caps.many_files` files in one directory: listing, reads, removal.
pub(crate) async fn many_files(c: &Ctx<'_>) {
    let n = c.caps.many_files;
    let d = c.mkdir("d").await;
    // Written in descending order so a backend that lists in insertion order fails.
    for i in (0..n).rev() {
        let p = d.join(format!("f{i:06}").as_bytes());
        let r = c.fs.write(&p, Bytes::from(format!("{i}"))).await;
        c.ok(&format!("write {p}"), r);
    }
    let got = c.listing(&d).await;
    c.eq("number of entries", got.len(), n);
    for (i, (name, kind)) in got.iter().enumerate() {
        if *name != format!("f{i:06}").as_bytes() || *kind != F {
            c.fail(&format!(
                "read_dir {d}: entry {i} is {:?} {kind:?}",
                String::from_utf8_lossy(name)
            ));
        }
    }
    let paths: Vec<_> = (0..n)
        .map(|i| d.join(format!("f{i:06}").as_bytes()))
        .collect();
    for (i, r) in c.fs.read_many(&paths).await.into_iter().enumerate() {
        let got = c.ok(&format!("read_many {}", paths[i]), r);
        c.check(
            &format!("content of {}", paths[i]),
            got == format!("{i}").as_bytes(),
        );
    }
    let r = c.fs.remove_dir_all(&d).await;
    c.ok("remove_dir_all of a big directory", r);
    c.gone(&d).await;
}
