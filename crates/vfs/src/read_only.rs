//! [`ReadOnlyFs`]: any filesystem, with every change refused.

use async_trait::async_trait;
use bytes::Bytes;

use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::metadata::{DirEntry, Metadata, Timestamp};
use crate::path::VfsPath;

/// Wraps a filesystem so that reads pass through and every change fails with `EROFS`
/// ([`ErrorKind::ReadOnly`]) naming the path (the source, for `rename`), without reaching
/// the inner filesystem, so the refusal does not depend on whether the path exists. The one
/// exception is `create_dir_all` of an existing directory, which succeeds: it changes
/// nothing.
///
/// `F` is any [`FileSystem`], including `Arc<dyn FileSystem>` and `Arc<MemFs>`.
///
/// ```
/// use std::sync::Arc;
/// use vbash_vfs::{Bytes, ErrorKind, FileSystem, MemFs, ReadOnlyFs, VfsPath};
///
/// let inner: Arc<dyn FileSystem> = Arc::new(MemFs::with_files([("/a", "x")]).unwrap());
/// let ro = ReadOnlyFs::new(inner);
/// let a = VfsPath::new("/a").unwrap();
/// futures::executor::block_on(async {
///     assert_eq!(&ro.read(&a).await.unwrap()[..], b"x");
///     let err = ro.write(&a, Bytes::from("y")).await.unwrap_err();
///     assert_eq!(err.kind, ErrorKind::ReadOnly);
///     assert_eq!(err.coreutils("a"), "a: Read-only file system");
/// });
/// ```
#[derive(Debug, Clone, Default)]
pub struct ReadOnlyFs<F> {
    inner: F,
}

impl<F: FileSystem> ReadOnlyFs<F> {
    /// A read-only view of `inner`.
    pub fn new(inner: F) -> ReadOnlyFs<F> {
        ReadOnlyFs { inner }
    }

    /// The wrapped filesystem (through which changes can still be made).
    pub fn inner(&self) -> &F {
        &self.inner
    }

    /// Unwraps the filesystem.
    pub fn into_inner(self) -> F {
        self.inner
    }
}

/// The `EROFS` error for `path`.
fn refuse<T>(path: &VfsPath) -> Result<T> {
    Err(FsError::new(ErrorKind::ReadOnly, path.as_bytes()))
}

#[async_trait]
impl<F: FileSystem> FileSystem for ReadOnlyFs<F> {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        self.inner.read(path).await
    }

    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        self.inner.read_range(path, offset, len).await
    }

    async fn write(&self, path: &VfsPath, _data: Bytes) -> Result<()> {
        refuse(path)
    }

    async fn create_new(&self, path: &VfsPath, _data: Bytes) -> Result<()> {
        refuse(path)
    }

    async fn append(&self, path: &VfsPath, _data: Bytes) -> Result<()> {
        refuse(path)
    }

    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        self.inner.metadata(path).await
    }

    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        self.inner.symlink_metadata(path).await
    }

    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        self.inner.read_dir(path).await
    }

    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        refuse(path)
    }

    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        refuse(path)
    }

    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        refuse(path)
    }

    async fn rename(&self, from: &VfsPath, _to: &VfsPath) -> Result<()> {
        refuse(from)
    }

    async fn symlink(&self, _target: &[u8], link: &VfsPath) -> Result<()> {
        refuse(link)
    }

    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        self.inner.read_link(path).await
    }

    async fn set_mtime(&self, path: &VfsPath, _mtime: Timestamp) -> Result<()> {
        refuse(path)
    }

    async fn set_mode(&self, path: &VfsPath, _mode: u32) -> Result<()> {
        refuse(path)
    }

    async fn exists(&self, path: &VfsPath) -> bool {
        self.inner.exists(path).await
    }

    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        // Forwarded so the inner backend's concurrent batch read is kept.
        self.inner.read_many(paths).await
    }

    async fn create_dir_all(&self, path: &VfsPath) -> Result<()> {
        // Nothing to change when the directory exists, so `mkdir -p` succeeds as it does on
        // a read-only Linux mount.
        match self.inner.metadata(path).await {
            Ok(m) if m.is_dir() => Ok(()),
            _ => refuse(path),
        }
    }

    async fn remove_dir_all(&self, path: &VfsPath) -> Result<()> {
        refuse(path)
    }
}
