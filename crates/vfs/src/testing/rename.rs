//! Contract checks for `rename`, which follows `rename(2)`:
//!
//! errors on the source's and target's parents first, then a missing source (`ENOENT`),
//! then a directory moved below itself (`EINVAL`) or onto one of its ancestors
//! (`ENOTEMPTY`); renaming a path onto itself does nothing; then the kinds must agree
//! (file onto directory `EISDIR`, directory onto non-directory `ENOTDIR`) and a directory
//! may only replace an empty one (`ENOTEMPTY`).

use super::Ctx;
use crate::error::ErrorKind::*;
use crate::metadata::FileKind::{Directory as D, File as F};

/// Renaming files: to a new name, over a file, across directories, and the errors.
pub(crate) async fn rename_file(c: &Ctx<'_>) {
    let f = c.put("f", b"F").await;
    let g = c.p("g");
    let r = c.fs.rename(&f, &g).await;
    c.ok("rename of a file to a new name", r);
    c.gone(&f).await;
    c.content(&g, b"F").await;

    let h = c.put("h", b"H").await;
    let r = c.fs.rename(&g, &h).await;
    c.ok("rename of a file over a file", r);
    c.gone(&g).await;
    c.content(&h, b"F").await;

    let d = c.mkdir("d").await;
    let in_d = c.p("d/h");
    let r = c.fs.rename(&h, &in_d).await;
    c.ok("rename of a file into another directory", r);
    c.gone(&h).await;
    c.content(&in_d, b"F").await;

    let r = c.fs.rename(&in_d, &in_d).await;
    c.ok("rename of a file onto itself", r);
    c.content(&in_d, b"F").await;

    let missing = c.p("missing");
    let r = c.fs.rename(&missing, &c.p("x")).await;
    c.err_kind("rename of a missing file", r, NotFound);
    c.gone(&c.p("x")).await;
    let r = c.fs.rename(&c.p("nodir/x"), &c.p("x")).await;
    c.err_kind("rename from below a missing directory", r, NotFound);
    let r = c.fs.rename(&in_d, &c.p("nodir/x")).await;
    c.err_kind("rename to below a missing directory", r, NotFound);
    c.content(&in_d, b"F").await;
    let r = c.fs.rename(&in_d, &c.p("d/h/x")).await;
    c.err_kind("rename to below a file", r, NotADirectory);
    let r = c.fs.rename(&c.p("d/h/x"), &c.p("x")).await;
    c.err_kind("rename from below a file", r, NotADirectory);

    let e = c.mkdir("e").await;
    let r = c.fs.rename(&in_d, &e).await;
    c.err_kind("rename of a file over an empty directory", r, IsADirectory);
    c.put("e/inner", b"I").await;
    let r = c.fs.rename(&in_d, &e).await;
    c.err_kind(
        "rename of a file over a non-empty directory",
        r,
        IsADirectory,
    );
    c.content(&in_d, b"F").await;
    c.content(&c.p("e/inner"), b"I").await;
    c.lists(&c.dir, &[("d", D), ("e", D)]).await;
    c.lists(&d, &[("h", F)]).await;
}

/// Renaming directories (when supported): contents move along; the directory errors.
pub(crate) async fn rename_dir(c: &Ctx<'_>) {
    if !c.caps.rename_dirs {
        return;
    }
    c.put("d/x", b"X").await;
    c.put("d/sub/y", b"Y").await;
    let (d, e) = (c.p("d"), c.p("e"));
    let r = c.fs.rename(&d, &e).await;
    c.ok("rename of a directory to a new name", r);
    c.gone(&d).await;
    c.content(&c.p("e/x"), b"X").await;
    c.content(&c.p("e/sub/y"), b"Y").await;
    c.lists(&e, &[("sub", D), ("x", F)]).await;

    let r = c.fs.rename(&e, &e).await;
    c.ok("rename of a directory onto itself", r);
    c.content(&c.p("e/x"), b"X").await;

    let sub_self = c.p("e/sub/inner");
    let r = c.fs.rename(&e, &sub_self).await;
    c.err_kind("rename of a directory below itself", r, InvalidInput);
    let r = c.fs.rename(&e, &c.p("e/new")).await;
    c.err_kind("rename of a directory into itself", r, InvalidInput);
    let r = c.fs.rename(&c.p("e/sub"), &e).await;
    c.err_kind(
        "rename of a directory onto its parent",
        r,
        DirectoryNotEmpty,
    );
    c.content(&c.p("e/sub/y"), b"Y").await;

    let full = c.mkdir("full").await;
    c.put("full/keep", b"K").await;
    let r = c.fs.rename(&e, &full).await;
    c.err_kind(
        "rename of a directory over a non-empty directory",
        r,
        DirectoryNotEmpty,
    );
    c.content(&c.p("full/keep"), b"K").await;
    c.content(&c.p("e/x"), b"X").await;

    let f = c.put("f", b"F").await;
    let r = c.fs.rename(&e, &f).await;
    c.err_kind("rename of a directory over a file", r, NotADirectory);
    c.content(&f, b"F").await;
    c.content(&c.p("e/x"), b"X").await;

    if c.caps.empty_dirs {
        let empty = c.mkdir("empty").await;
        let r = c.fs.rename(&e, &empty).await;
        c.ok("rename of a directory over an empty directory", r);
        c.gone(&e).await;
        c.content(&c.p("empty/sub/y"), b"Y").await;
        let r = c.fs.rename(&empty, &e).await;
        c.ok("rename back", r);
    }

    let moved = c.p("full/e");
    let r = c.fs.rename(&e, &moved).await;
    c.ok("rename of a directory into another directory", r);
    c.content(&c.p("full/e/sub/y"), b"Y").await;
    c.lists(&full, &[("e", D), ("keep", F)]).await;

    // Only `p` and what lies below it moves, not siblings sharing its name as a prefix.
    c.put("p/x", b"px").await;
    c.put("pq", b"pq").await;
    c.put("p.d/z", b"z").await;
    let r = c.fs.rename(&c.p("p"), &c.p("r")).await;
    c.ok("rename p r", r);
    c.content(&c.p("pq"), b"pq").await;
    c.content(&c.p("p.d/z"), b"z").await;
    c.content(&c.p("r/x"), b"px").await;
    c.lists(
        &c.dir,
        &[("f", F), ("full", D), ("p.d", D), ("pq", F), ("r", D)],
    )
    .await;
}
