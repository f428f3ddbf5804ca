//! The [`FileSystem`] trait.

use async_trait::async_trait;
use bytes::Bytes;

use crate::error::{ErrorKind, FsError, Result};
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};
use crate::path::VfsPath;

/// A filesystem vbash scripts can see.
///
/// Paths are absolute and normalized ([`VfsPath`]). Unless a method says otherwise, symbolic
/// links are followed in every component, including the last; a backend that has no symlinks
/// simply never meets one. Errors carry the errno a Linux system would give
/// ([`ErrorKind`]) and the path; a fault of the backing store is [`ErrorKind::Io`] and means
/// the operation did not happen (a failed write leaves the old content, never half of the new).
///
/// The trait is object-safe (`Arc<dyn FileSystem>`) and its futures are `Send`, so one
/// filesystem can serve many sandboxes and mix with others under a mount table.
///
/// Required methods are the primitive operations; the provided ones ([`create_dir_all`],
/// [`remove_dir_all`], [`read_many`], [`exists`]) are built on them and may be overridden
/// when a backend can do better (an object store reads many objects concurrently).
///
/// [`create_dir_all`]: FileSystem::create_dir_all
/// [`remove_dir_all`]: FileSystem::remove_dir_all
/// [`read_many`]: FileSystem::read_many
/// [`exists`]: FileSystem::exists
#[async_trait]
pub trait FileSystem: Send + Sync + std::fmt::Debug {
    /// The whole content of a file. `EISDIR` for a directory, `ENOENT` when missing.
    async fn read(&self, path: &VfsPath) -> Result<Bytes>;

    /// Up to `len` bytes from `offset` (fewer at the end of the file; none past it).
    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes>;

    /// Replaces the content of a file, creating it (mode `0o644`) if it does not exist. The
    /// parent must exist (`ENOENT`) and be a directory (`ENOTDIR`); `EISDIR` if `path` is a
    /// directory. Readers see the old content or the new, never a mix.
    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()>;

    /// Like [`FileSystem::write`] but fails with `EEXIST` when `path` exists (even as a
    /// dangling symlink): `O_CREAT|O_EXCL`, for `set -C` and `mktemp`.
    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()>;

    /// Appends to a file, creating it if it does not exist.
    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()>;

    /// What `stat` reports, following symlinks.
    async fn metadata(&self, path: &VfsPath) -> Result<Metadata>;

    /// What `lstat` reports: a symlink itself, not its target.
    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata>;

    /// The entries of a directory, sorted by name (bytewise), without `.` and `..`.
    /// `ENOTDIR` for a file.
    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>>;

    /// Creates one directory (mode `0o755`). `EEXIST` if anything exists at `path`; the parent
    /// must exist.
    async fn create_dir(&self, path: &VfsPath) -> Result<()>;

    /// Removes a file or symlink (not following it). `EISDIR` for a directory.
    async fn remove_file(&self, path: &VfsPath) -> Result<()>;

    /// Removes an empty directory. `ENOTEMPTY` when it has entries, `ENOTDIR` for a file or
    /// a symlink (even to a directory: the last component is not followed).
    async fn remove_dir(&self, path: &VfsPath) -> Result<()>;

    /// Renames `from` to `to` as `rename(2)` does: replaces an existing file at `to`, or an
    /// empty directory when `from` is a directory; `EXDEV` when they lie on different
    /// filesystems (so callers copy and delete, as `mv` does). Symlinks at `from` and `to`
    /// are not followed (the link itself moves or is replaced). Errors: `ENOENT` for a missing
    /// `from`, `EINVAL` for a directory moved below itself, `ENOTEMPTY` onto a non-empty
    /// directory (or an ancestor of `from`), `EISDIR` for a file onto a directory, `ENOTDIR`
    /// for a directory onto a non-directory; renaming a path onto itself does nothing.
    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()>;

    /// Creates a symlink at `link` pointing to `target` (stored as given, not resolved).
    /// `EEXIST` if anything, even a dangling symlink, is at `link`.
    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()>;

    /// The target of a symlink, as stored. `EINVAL` when `path` is not a symlink.
    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>>;

    /// Sets the modification time (of the target, through a symlink).
    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()>;

    /// Sets the permission bits (`chmod`; of the target, through a symlink).
    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()>;

    /// Whether anything exists at `path` (following symlinks). Errors other than `ENOENT`
    /// and `ENOTDIR` count as existing, so a store fault is never taken for absence.
    async fn exists(&self, path: &VfsPath) -> bool {
        match self.metadata(path).await {
            Ok(_) => true,
            Err(e) => !matches!(e.kind, ErrorKind::NotFound | ErrorKind::NotADirectory),
        }
    }

    /// Reads many files; result `i` belongs to `paths[i]`. The default reads one at a time;
    /// backends with latency (object stores) read concurrently.
    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        let mut out = Vec::with_capacity(paths.len());
        for p in paths {
            out.push(self.read(p).await);
        }
        out
    }

    /// Creates a directory and any missing parents (`mkdir -p`). Succeeds if `path` is already
    /// a directory; `EEXIST` if it is something else, `ENOTDIR` if a parent is a file.
    async fn create_dir_all(&self, path: &VfsPath) -> Result<()> {
        let mut missing = Vec::new();
        let mut cur = Some(path.clone());
        while let Some(p) = cur {
            match self.metadata(&p).await {
                Ok(m) if m.is_dir() => break,
                Ok(_) => return Err(FsError::new(ErrorKind::AlreadyExists, p.as_bytes())),
                Err(e) if e.kind == ErrorKind::NotFound => {
                    cur = p.parent();
                    missing.push(p);
                }
                Err(e) => return Err(e),
            }
        }
        for p in missing.into_iter().rev() {
            match self.create_dir(&p).await {
                Ok(()) => {}
                // Lost a race with another creator: fine if it made a directory.
                Err(e) if e.kind == ErrorKind::AlreadyExists => {
                    if !self.metadata(&p).await?.is_dir() {
                        return Err(e);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Removes a directory and everything below it (`rm -r`), not following symlinks; a file
    /// or symlink at `path` is removed by itself.
    async fn remove_dir_all(&self, path: &VfsPath) -> Result<()> {
        if self.symlink_metadata(path).await?.kind != FileKind::Directory {
            return self.remove_file(path).await;
        }
        // Depth-first without recursion: directories are removed after their contents.
        let mut stack = vec![(path.clone(), false)];
        while let Some((dir, listed)) = stack.pop() {
            if listed {
                self.remove_dir(&dir).await?;
                continue;
            }
            stack.push((dir.clone(), true));
            for entry in self.read_dir(&dir).await? {
                let child = dir.join(&entry.name);
                if entry.kind == FileKind::Directory {
                    stack.push((child, false));
                } else {
                    self.remove_file(&child).await?;
                }
            }
        }
        Ok(())
    }
}

/// A shared filesystem is a filesystem: wrappers generic over `F: FileSystem` (such as
/// `ReadOnlyFs<F>`) accept an `Arc<dyn FileSystem>` or an `Arc<MemFs>`. Every method,
/// provided ones included, forwards, so the inner backend's overrides still apply.
#[async_trait]
impl<T: FileSystem + ?Sized> FileSystem for std::sync::Arc<T> {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        (**self).read(path).await
    }
    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        (**self).read_range(path, offset, len).await
    }
    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        (**self).write(path, data).await
    }
    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        (**self).create_new(path, data).await
    }
    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        (**self).append(path, data).await
    }
    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        (**self).metadata(path).await
    }
    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        (**self).symlink_metadata(path).await
    }
    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        (**self).read_dir(path).await
    }
    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        (**self).create_dir(path).await
    }
    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        (**self).remove_file(path).await
    }
    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        (**self).remove_dir(path).await
    }
    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        (**self).rename(from, to).await
    }
    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()> {
        (**self).symlink(target, link).await
    }
    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        (**self).read_link(path).await
    }
    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()> {
        (**self).set_mtime(path, mtime).await
    }
    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()> {
        (**self).set_mode(path, mode).await
    }
    async fn exists(&self, path: &VfsPath) -> bool {
        (**self).exists(path).await
    }
    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        (**self).read_many(paths).await
    }
    async fn create_dir_all(&self, path: &VfsPath) -> Result<()> {
        (**self).create_dir_all(path).await
    }
    async fn remove_dir_all(&self, path: &VfsPath) -> Result<()> {
        (**self).remove_dir_all(path).await
    }
}
