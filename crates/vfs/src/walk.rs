//! Symlink resolution done above the backends, for the filesystems that combine others
//! ([`crate::MountFs`], [`crate::OverlayFs`]).
//!
//! A combining filesystem cannot let each backend follow its own symlinks: an overlay's link
//! in the lower layer may point at a file that exists only in the upper one, and a link inside
//! a mount may point across mounts (`/home/user/data -> /mnt/s3/data`). So these filesystems
//! walk the path themselves, one component at a time, over their own merged view, and hand
//! the backends paths whose ancestors are plain directories.

use std::collections::VecDeque;

use async_trait::async_trait;

use crate::error::{ErrorKind, FsError, Result};
use crate::metadata::{FileKind, Metadata};
use crate::path::VfsPath;

/// How many symlinks one path may pass through before `ELOOP`, as Linux allows.
pub(crate) const MAX_HOPS: usize = 40;

/// The two questions the walk asks of a filesystem's merged view. Both are only asked about
/// paths whose ancestors have been resolved to directories, so an implementation may pass the
/// path straight to a backend without it following anything.
#[async_trait]
pub(crate) trait Lookup: Send + Sync {
    /// `lstat` of `path`.
    async fn lookup(&self, path: &VfsPath) -> Result<Metadata>;

    /// `readlink` of `path`, known to be a symlink.
    async fn link_target(&self, path: &VfsPath) -> Result<Vec<u8>>;
}

/// Resolves every symlink in `path`'s components (and in the last one when `follow_last`),
/// as the kernel's path walk does: a relative target continues from the link's directory, an
/// absolute one from the root of this view, and `..` in a target goes to the parent of the
/// directory reached so far (physically, not lexically).
///
/// The result names an entry whose ancestors are directories; the entry itself may be missing
/// (a file about to be created) or, without `follow_last`, a symlink. Errors carry `path` as
/// given, since that is what the user wrote: `ENOENT` for a missing directory on the way,
/// `ENOTDIR` for a file on the way, `ELOOP` after [`MAX_HOPS`] links.
pub(crate) async fn resolve(fs: &dyn Lookup, path: &VfsPath, follow_last: bool) -> Result<VfsPath> {
    let mut done = VfsPath::root();
    let mut todo: VecDeque<Vec<u8>> = path.components().map(<[u8]>::to_vec).collect();
    let mut hops = 0;
    while let Some(name) = todo.pop_front() {
        match &name[..] {
            b"" | b"." => continue,
            b".." => {
                done = done.parent().unwrap_or_else(VfsPath::root);
                continue;
            }
            _ => {}
        }
        let last = todo.is_empty();
        let next = done.join(&name);
        if last && !follow_last {
            return Ok(next);
        }
        let meta = match fs.lookup(&next).await {
            Ok(meta) => meta,
            // A missing last component is for the caller to judge (create it, or ENOENT).
            Err(e) if last && e.kind == ErrorKind::NotFound => return Ok(next),
            Err(e) => return Err(e.with_path(path.as_bytes())),
        };
        match meta.kind {
            FileKind::Symlink => {
                hops += 1;
                if hops > MAX_HOPS {
                    return Err(FsError::new(ErrorKind::TooManyLinks, path.as_bytes()));
                }
                let target = fs
                    .link_target(&next)
                    .await
                    .map_err(|e| e.with_path(path.as_bytes()))?;
                if target.first() == Some(&b'/') {
                    done = VfsPath::root();
                }
                // The target's components go before what is left of the path, in order.
                for comp in target.split(|&c| c == b'/').rev() {
                    todo.push_front(comp.to_vec());
                }
            }
            FileKind::Directory => done = next,
            FileKind::File if last => done = next,
            FileKind::File => {
                return Err(FsError::new(ErrorKind::NotADirectory, path.as_bytes()));
            }
        }
    }
    Ok(done)
}

/// An error about `resolved` (the path a backend was given) reported about `original` (the
/// path the caller gave), so messages name what the user typed, as coreutils' do.
pub(crate) fn rename_error(e: FsError, resolved: &VfsPath, original: &VfsPath) -> FsError {
    if e.path == resolved.as_bytes() {
        e.with_path(original.as_bytes())
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A table of entries: a path maps to `None` for a directory, `Some(target)` for a symlink,
    /// and files are listed with an empty target under the key prefixed `f:`.
    struct Table(BTreeMap<Vec<u8>, Option<Vec<u8>>>);

    #[async_trait]
    impl Lookup for Table {
        async fn lookup(&self, path: &VfsPath) -> Result<Metadata> {
            let kind = match self.0.get(path.as_bytes()) {
                Some(None) => FileKind::Directory,
                Some(Some(t)) if t.is_empty() => FileKind::File,
                Some(Some(_)) => FileKind::Symlink,
                None => return Err(FsError::new(ErrorKind::NotFound, path.as_bytes())),
            };
            Ok(Metadata {
                kind,
                size: 0,
                mode: 0o755,
                mtime: Default::default(),
                inode: 1,
                nlink: 1,
            })
        }

        async fn link_target(&self, path: &VfsPath) -> Result<Vec<u8>> {
            Ok(self.0[path.as_bytes()].clone().unwrap_or_default())
        }
    }

    fn table(entries: &[(&str, Option<&str>)]) -> Table {
        Table(
            entries
                .iter()
                .map(|(p, t)| (p.as_bytes().to_vec(), t.map(|t| t.as_bytes().to_vec())))
                .collect(),
        )
    }

    fn walk(t: &Table, p: &str, follow: bool) -> Result<String> {
        let p = VfsPath::new(p).unwrap();
        futures::executor::block_on(resolve(t, &p, follow)).map(|r| r.to_string())
    }

    #[test]
    fn follows_relative_absolute_and_dotdot_targets() {
        let t = table(&[
            ("/a", None),
            ("/a/b", None),
            ("/a/f", Some("")),
            ("/a/rel", Some("b")),
            ("/a/abs", Some("/a/b")),
            ("/a/up", Some("../a/f")),
            ("/a/b/back", Some("..")),
            ("/a/chain", Some("rel")),
            ("/loop1", Some("loop2")),
            ("/loop2", Some("/loop1")),
            ("/dangling", Some("/nowhere/x")),
        ]);
        assert_eq!(walk(&t, "/a/rel/x", true).unwrap(), "/a/b/x");
        assert_eq!(walk(&t, "/a/abs", true).unwrap(), "/a/b");
        assert_eq!(walk(&t, "/a/abs", false).unwrap(), "/a/abs");
        assert_eq!(walk(&t, "/a/up", true).unwrap(), "/a/f");
        assert_eq!(walk(&t, "/a/chain/back/f", true).unwrap(), "/a/f");
        assert_eq!(walk(&t, "/new", true).unwrap(), "/new");
        let e = walk(&t, "/loop1", true).unwrap_err();
        assert_eq!(
            (e.kind, &e.path[..]),
            (ErrorKind::TooManyLinks, &b"/loop1"[..])
        );
        assert_eq!(walk(&t, "/loop1", false).unwrap(), "/loop1");
        let e = walk(&t, "/dangling", true).unwrap_err();
        assert_eq!(
            (e.kind, &e.path[..]),
            (ErrorKind::NotFound, &b"/dangling"[..])
        );
        let e = walk(&t, "/a/f/x", true).unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotADirectory);
        let e = walk(&t, "/missing/x", true).unwrap_err();
        assert_eq!(
            (e.kind, &e.path[..]),
            (ErrorKind::NotFound, &b"/missing/x"[..])
        );
    }
}
