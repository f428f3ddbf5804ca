//! Contract checks for symbolic links (only when [`Capabilities::symlinks`]).
//!
//! [`Capabilities::symlinks`]: super::Capabilities::symlinks

use bytes::Bytes;

use super::Ctx;
use crate::error::ErrorKind::*;
use crate::metadata::FileKind::{Directory as D, File as F, Symlink as L};
use crate::metadata::Timestamp;

/// Links are followed by reads, writes and `metadata`, not by `symlink_metadata`,
/// `read_link`, `remove_file` or `rename`.
pub(crate) async fn symlinks(c: &Ctx<'_>) {
    if !c.caps.symlinks {
        return;
    }
    let t = c.put("t", b"T").await;
    c.put("d/x", b"X").await;

    // Relative and absolute targets, read through.
    let rel = c.link("t", "rel").await;
    c.content(&rel, b"T").await;
    let m = c.ok("metadata through a link", c.fs.metadata(&rel).await);
    c.eq("metadata follows a link: kind", m.kind, F);
    c.eq("metadata follows a link: size", m.size, 1);
    let tm = c.ok("metadata", c.fs.metadata(&t).await);
    c.eq("metadata through a link is the target's", &m, &tm);
    let l = c.ok(
        "symlink_metadata of a link",
        c.fs.symlink_metadata(&rel).await,
    );
    c.eq("symlink_metadata of a link: kind", l.kind, L);
    c.eq(
        "symlink_metadata of a link: size is the target's length",
        l.size,
        1,
    );
    c.check("symlink_metadata is_symlink", l.is_symlink());
    let r = c.fs.read_link(&rel).await;
    c.eq("read_link", c.ok("read_link", r), b"t".to_vec());

    let abs_target = t.as_bytes().to_vec();
    let abs = c.link(&abs_target, "abs").await;
    c.content(&abs, b"T").await;
    let r = c.fs.read_link(&abs).await;
    c.eq(
        "read_link of an absolute link",
        c.ok("read_link", r),
        abs_target,
    );
    let r = c.fs.read_range(&abs, 0, 10).await;
    c.eq(
        "read_range through a link",
        &c.ok("read_range", r)[..],
        b"T",
    );

    // A link to a directory works as the directory in every position.
    let dl = c.link("d", "dl").await;
    c.lists(&dl, &[("x", F)]).await;
    c.content(&c.p("dl/x"), b"X").await;
    c.eq("metadata of a link to a directory", c.kind(&dl).await, D);
    c.put("dl/new", b"N").await;
    c.content(&c.p("d/new"), b"N").await;
    let up = c.link("../t", "d/up").await;
    c.content(&up, b"T").await;
    c.content(&c.p("dl/up"), b"T").await;

    // Writes go to the target; the link stays a link.
    c.put("rel", b"U").await;
    c.content(&t, b"U").await;
    let r = c.fs.append(&rel, Bytes::from_static(b"V")).await;
    c.ok("append through a link", r);
    c.content(&t, b"UV").await;
    let l = c.ok("symlink_metadata", c.fs.symlink_metadata(&rel).await);
    c.eq("a link written through is still a link", l.kind, L);

    // Dangling links: lstat works, stat and read do not, a write creates the target.
    let dang = c.link("nothing", "dang").await;
    let r = c.fs.metadata(&dang).await;
    c.err("metadata of a dangling link", r, NotFound, &dang);
    let r = c.fs.read(&dang).await;
    c.err("read of a dangling link", r, NotFound, &dang);
    let l = c.ok(
        "symlink_metadata of a dangling link",
        c.fs.symlink_metadata(&dang).await,
    );
    c.eq("a dangling link is a link", l.kind, L);
    c.put("dang", b"created").await;
    c.content(&c.p("nothing"), b"created").await;
    let l = c.ok("symlink_metadata", c.fs.symlink_metadata(&dang).await);
    c.eq("kind after writing through a dangling link", l.kind, L);

    // Chains, odd target bytes.
    c.link("rel", "chain1").await;
    let chain = c.link("chain1", "chain2").await;
    c.content(&chain, b"UV").await;
    let odd = c.link(b"\xff odd/..//x", "odd").await;
    let r = c.fs.read_link(&odd).await;
    c.eq(
        "read_link keeps the target's bytes",
        c.ok("read_link", r),
        b"\xff odd/..//x".to_vec(),
    );

    // remove_file and rename act on the link itself.
    let r = c.fs.remove_file(&rel).await;
    c.ok("remove_file of a link", r);
    c.gone(&rel).await;
    c.content(&t, b"UV").await;
    let moved = c.p("d/moved");
    let r = c.fs.rename(&abs, &moved).await;
    c.ok("rename of a link", r);
    let r = c.fs.read_link(&moved).await;
    c.eq(
        "a renamed link keeps its target",
        c.ok("read_link", r),
        t.as_bytes().to_vec(),
    );
    c.content(&t, b"UV").await;
    let r = c.fs.rename(&t, &chain).await;
    c.ok("rename of a file over a link", r);
    c.eq("the link was replaced", c.kind(&chain).await, F);
    c.content(&chain, b"UV").await;
    c.gone(&t).await;
    let l = c.ok(
        "symlink_metadata",
        c.fs.symlink_metadata(&c.p("chain1")).await,
    );
    c.eq("the link's own target link is untouched", l.kind, L);

    // Modes and times set through a link land on the target.
    let x = c.p("d/x");
    let xl = c.link("d/x", "xl").await;
    if c.caps.modes {
        let r = c.fs.set_mode(&xl, 0o600).await;
        c.ok("set_mode through a link", r);
        let m = c.ok("metadata", c.fs.metadata(&x).await);
        c.eq("mode of the target", m.mode, 0o600);
    }
    if c.caps.set_mtime {
        let ts = Timestamp::from_secs(1_000_000_000);
        let r = c.fs.set_mtime(&xl, ts).await;
        c.ok("set_mtime through a link", r);
        let m = c.ok("metadata", c.fs.metadata(&x).await);
        c.eq("mtime of the target", m.mtime, ts);
    }
    c.lists(
        &c.dir,
        &[
            ("chain1", L),
            ("chain2", F),
            ("d", D),
            ("dang", L),
            ("dl", L),
            ("nothing", F),
            ("odd", L),
            ("xl", L),
        ],
    )
    .await;
}

/// The errors of `symlink` and `read_link`, and of other calls meeting links.
pub(crate) async fn symlink_errors(c: &Ctx<'_>) {
    if !c.caps.symlinks {
        return;
    }
    let f = c.put("f", b"F").await;
    let d = c.mkdir("d").await;
    let l = c.link("f", "l").await;
    let dl = c.link("d", "dl").await;
    let dang = c.link("missing", "dang").await;
    for p in [&f, &d, &l, &dang] {
        let r = c.fs.symlink(b"x", p).await;
        c.err("symlink over an existing path", r, AlreadyExists, p);
    }
    let r = c.fs.read_link(&l).await;
    c.eq(
        "a failed symlink leaves the link",
        c.ok("read_link", r),
        b"f".to_vec(),
    );
    let p = c.p("nodir/l");
    let r = c.fs.symlink(b"x", &p).await;
    c.err("symlink below a missing directory", r, NotFound, &p);
    let p = c.p("f/l");
    let r = c.fs.symlink(b"x", &p).await;
    c.err("symlink below a file", r, NotADirectory, &p);

    for p in [&f, &d] {
        let r = c.fs.read_link(p).await;
        c.err("read_link of a non-link", r, InvalidInput, p);
    }
    let missing = c.p("missing");
    let r = c.fs.read_link(&missing).await;
    c.err("read_link of a missing path", r, NotFound, &missing);

    let r = c.fs.create_dir(&dang).await;
    c.err("create_dir over a dangling link", r, AlreadyExists, &dang);
    let r = c.fs.create_new(&dang, Bytes::from_static(b"x")).await;
    c.err("create_new over a dangling link", r, AlreadyExists, &dang);
    c.gone(&missing).await;
    let r = c.fs.remove_dir(&dl).await;
    c.err("remove_dir of a link to a directory", r, NotADirectory, &dl);
    c.eq("the directory survives", c.kind(&d).await, D);
    let r = c.fs.read_dir(&l).await;
    c.err("read_dir of a link to a file", r, NotADirectory, &l);
    let r = c.fs.rename(&d, &l).await;
    c.err_kind("rename of a directory over a link", r, NotADirectory);

    // remove_dir_all of a link removes the link only.
    c.put("d/keep", b"K").await;
    let r = c.fs.remove_dir_all(&dl).await;
    c.ok("remove_dir_all of a link to a directory", r);
    c.gone(&dl).await;
    c.content(&c.p("d/keep"), b"K").await;
    // A file reached through a linked directory is removed from the real one.
    let dl = c.link("d", "dl").await;
    let r = c.fs.remove_file(&dl.join(b"keep")).await;
    c.ok("remove_file through a linked directory", r);
    c.lists(&d, &[]).await;
}

/// Link cycles fail with `ELOOP`; long-but-finite chains resolve.
pub(crate) async fn symlink_loops(c: &Ctx<'_>) {
    if !c.caps.symlinks {
        return;
    }
    let a = c.link("b", "a").await;
    c.link("a", "b").await;
    let me = c.link("me", "me").await;
    for p in [&a, &me] {
        let r = c.fs.metadata(p).await;
        c.err("metadata of a link cycle", r, TooManyLinks, p);
        let r = c.fs.read(p).await;
        c.err("read of a link cycle", r, TooManyLinks, p);
        let r = c.fs.write(p, Bytes::from_static(b"x")).await;
        c.err("write through a link cycle", r, TooManyLinks, p);
        let l = c.ok(
            "symlink_metadata of a cycle",
            c.fs.symlink_metadata(p).await,
        );
        c.eq("a link in a cycle is a link", l.kind, L);
    }
    let below = c.p("a/x");
    let r = c.fs.metadata(&below).await;
    c.err("metadata below a link cycle", r, TooManyLinks, &below);
    let r = c.fs.read_dir(&a).await;
    c.err("read_dir of a link cycle", r, TooManyLinks, &a);

    // Eight hops is the POSIX minimum every system must allow.
    c.put("t", b"T").await;
    c.link("t", "h0").await;
    for i in 1..8 {
        c.link(format!("h{}", i - 1), format!("h{i}")).await;
    }
    c.content(&c.p("h7"), b"T").await;
    // A link to its own directory can be walked through repeatedly.
    c.link(".", "here").await;
    c.content(&c.p("here/here/here/t"), b"T").await;
    // Removing a link in a cycle works.
    let r = c.fs.remove_file(&a).await;
    c.ok("remove_file of a link in a cycle", r);
    let r = c.fs.metadata(&c.p("b")).await;
    c.err_kind("metadata of a link to a removed link", r, NotFound);
}

/// Links to directories in paths, listings and tree removal.
pub(crate) async fn symlinks_in_dirs(c: &Ctx<'_>) {
    if !c.caps.symlinks {
        return;
    }
    c.put("real/sub/f", b"F").await;
    c.link("real/sub", "s").await;
    c.link("..", "real/sub/back").await;
    c.content(&c.p("s/back/sub/f"), b"F").await;
    c.lists(&c.p("s"), &[("back", L), ("f", F)]).await;
    c.lists(&c.p("s/back"), &[("sub", D)]).await;
    let r = c.fs.create_dir(&c.p("s/back/new")).await;
    c.ok("create_dir through links", r);
    c.eq(
        "created in the real directory",
        c.kind(&c.p("real/new")).await,
        D,
    );
    let r = c.fs.create_dir_all(&c.p("s/back/new/a/b")).await;
    c.ok("create_dir_all through links", r);
    c.eq(
        "created in the real directory",
        c.kind(&c.p("real/new/a/b")).await,
        D,
    );
    let r = c.fs.rename(&c.p("s/f"), &c.p("s/back/g")).await;
    c.ok("rename through linked directories", r);
    c.content(&c.p("real/g"), b"F").await;
    // Removing the tree holding the links leaves nothing behind, following none of them.
    c.put("other/keep", b"K").await;
    c.link("../other", "real/to-other").await;
    let r = c.fs.remove_dir_all(&c.p("real")).await;
    c.ok("remove_dir_all of a tree with links", r);
    c.content(&c.p("other/keep"), b"K").await;
    c.lists(&c.dir, &[("other", D), ("s", L)]).await;
}
