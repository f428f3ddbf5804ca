//! The [`FileSystem`] implementation of [`ObjectStoreFs`].

use async_trait::async_trait;
use bytes::{Bytes, BytesMut};
use futures::{FutureExt, StreamExt, TryStreamExt};
use object_store::{GetOptions, ObjectStoreExt, PutMode, PutPayload, UpdateVersion};

use super::cache::Node;
use super::{store_error, ObjectStoreFs, Purpose};
use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};
use crate::path::VfsPath;

fn err(kind: ErrorKind, path: &VfsPath) -> FsError {
    FsError::new(kind, path.as_bytes())
}

fn unsupported(path: &VfsPath, what: &str) -> FsError {
    FsError {
        kind: ErrorKind::Unsupported,
        path: path.as_bytes().to_vec(),
        detail: Some(format!("object stores have no {what}")),
    }
}

#[async_trait]
impl FileSystem for ObjectStoreFs {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        if path.is_root() {
            return Err(err(ErrorKind::IsADirectory, path));
        }
        let loc = self.loc(path, Purpose::Lookup)?;
        // Contents are never cached: every read asks the store, so it sees other writers.
        match self.store.get(&loc).await {
            Ok(got) => got.bytes().await.map_err(|e| store_error(path, e)),
            Err(object_store::Error::NotFound { .. }) => {
                if self.is_dir_at(path, &loc).await? {
                    Err(err(ErrorKind::IsADirectory, path))
                } else {
                    Err(self.missing(path).await)
                }
            }
            Err(e) => Err(store_error(path, e)),
        }
    }

    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        let loc = self.loc(path, Purpose::Lookup)?;
        if len == 0 || path.is_root() {
            return match self.node(path, &loc).await? {
                Node::File { .. } => Ok(Bytes::new()),
                Node::Dir { .. } => Err(err(ErrorKind::IsADirectory, path)),
                Node::Missing => Err(self.missing(path).await),
            };
        }
        let range = offset..offset.saturating_add(len);
        let opts = GetOptions::new().with_range(Some(range));
        let failure = match self.store.get_opts(&loc, opts).await {
            Ok(got) => match got.bytes().await {
                Ok(bytes) => return Ok(bytes),
                Err(e) => e,
            },
            Err(object_store::Error::NotFound { .. }) => {
                return if self.is_dir_at(path, &loc).await? {
                    Err(err(ErrorKind::IsADirectory, path))
                } else {
                    Err(self.missing(path).await)
                };
            }
            Err(e) => e,
        };
        // A range starting at or past the end is an error to the store (HTTP 416) but an
        // empty read to POSIX; anything else is a real failure.
        match self.store.head(&loc).await {
            Ok(meta) if meta.size <= offset => Ok(Bytes::new()),
            _ => Err(store_error(path, failure)),
        }
    }

    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        if path.is_root() {
            return Err(err(ErrorKind::IsADirectory, path));
        }
        let loc = self.loc(path, Purpose::Create)?;
        self.check_parent(path).await?;
        if self.is_dir_at(path, &loc).await? {
            return Err(err(ErrorKind::IsADirectory, path));
        }
        let result = self.store.put(&loc, PutPayload::from(data)).await;
        self.settle(&loc, FileKind::File, result.is_ok());
        result.map(drop).map_err(|e| store_error(path, e))
    }

    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        if path.is_root() {
            return Err(err(ErrorKind::AlreadyExists, path));
        }
        let loc = self.loc(path, Purpose::Create)?;
        self.check_parent(path).await?;
        if self.node(path, &loc).await? != Node::Missing {
            return Err(err(ErrorKind::AlreadyExists, path));
        }
        // `PutMode::Create` closes the race between the check above and the put.
        let result = self
            .put(&loc, PutPayload::from(data), PutMode::Create)
            .await;
        self.settle(&loc, FileKind::File, result.is_ok());
        result.map(drop).map_err(|e| store_error(path, e))
    }

    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        if path.is_root() {
            return Err(err(ErrorKind::IsADirectory, path));
        }
        let loc = self.loc(path, Purpose::Create)?;
        let mut conflicts = 0;
        loop {
            // Read-modify-write, conditional on the version read (see the module docs).
            let (content, mode) = match self.store.get(&loc).await {
                Ok(got) => {
                    let version = UpdateVersion {
                        e_tag: got.meta.e_tag.clone(),
                        version: got.meta.version.clone(),
                    };
                    let old = got.bytes().await.map_err(|e| store_error(path, e))?;
                    let mut buf = BytesMut::with_capacity(old.len() + data.len());
                    buf.extend_from_slice(&old);
                    buf.extend_from_slice(&data);
                    let mode = if version.e_tag.is_none() && version.version.is_none() {
                        // Nothing to condition on: the store cannot detect the race.
                        PutMode::Overwrite
                    } else {
                        PutMode::Update(version)
                    };
                    (buf.freeze(), mode)
                }
                Err(object_store::Error::NotFound { .. }) => {
                    self.check_parent(path).await?;
                    if self.is_dir_at(path, &loc).await? {
                        return Err(err(ErrorKind::IsADirectory, path));
                    }
                    (data.clone(), PutMode::Create)
                }
                Err(e) => return Err(store_error(path, e)),
            };
            let result = self.put(&loc, PutPayload::from(content), mode).await;
            self.settle(&loc, FileKind::File, result.is_ok());
            match result {
                Ok(_) => return Ok(()),
                Err(
                    e @ (object_store::Error::Precondition { .. }
                    | object_store::Error::AlreadyExists { .. }),
                ) => {
                    conflicts += 1;
                    if conflicts > self.conflict_retries {
                        return Err(FsError::io(
                            path.as_bytes(),
                            format!(
                                "concurrent modification: the object changed during append \
                                 ({conflicts} attempts): {e}"
                            ),
                        ));
                    }
                }
                Err(e) => return Err(store_error(path, e)),
            }
        }
    }

    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        self.stat(path).await
    }

    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        // No symlinks: lstat is stat.
        self.stat(path).await
    }

    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        let loc = self.loc(path, Purpose::Lookup)?;
        Ok(self.listing(path, &loc).await?.entries.clone())
    }

    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        if path.is_root() {
            return Err(err(ErrorKind::AlreadyExists, path));
        }
        let loc = self.loc(path, Purpose::Create)?;
        self.check_parent(path).await?;
        if self.node(path, &loc).await? != Node::Missing {
            return Err(err(ErrorKind::AlreadyExists, path));
        }
        let marker = Self::marker(&loc);
        let result = self
            .put(&marker, PutPayload::default(), PutMode::Create)
            .await;
        self.settle(&loc, FileKind::Directory, result.is_ok());
        match result {
            Ok(_) => Ok(()),
            // Another creator got there first: the directory exists.
            Err(object_store::Error::AlreadyExists { .. }) => {
                Err(err(ErrorKind::AlreadyExists, path))
            }
            Err(e) => Err(store_error(path, e)),
        }
    }

    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        if path.is_root() {
            return Err(err(ErrorKind::IsADirectory, path));
        }
        let loc = self.loc(path, Purpose::Lookup)?;
        match self.node(path, &loc).await? {
            Node::Missing => return Err(self.missing(path).await),
            Node::Dir { .. } => return Err(err(ErrorKind::IsADirectory, path)),
            Node::File { .. } => {}
        }
        self.keep_parent(path, &loc).await?;
        let result = self.store.delete(&loc).await;
        match result {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {
                self.cache.removed(loc.as_ref());
                Ok(())
            }
            Err(e) => {
                self.cache.invalidate(loc.as_ref());
                Err(store_error(path, e))
            }
        }
    }

    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        if path.is_root() {
            return Err(err(ErrorKind::Busy, path));
        }
        let loc = self.loc(path, Purpose::Lookup)?;
        match self.node(path, &loc).await? {
            Node::Missing => return Err(self.missing(path).await),
            Node::File { .. } => return Err(err(ErrorKind::NotADirectory, path)),
            Node::Dir { .. } => {}
        }
        // Emptiness is checked against the store, not the cache: a stale "empty" would
        // delete someone else's directory out from under their files.
        let marker = Self::marker(&loc);
        let below = self
            .store
            .list(Self::list_prefix(&loc))
            .take(2)
            .try_collect::<Vec<_>>()
            .await
            .map_err(|e| store_error(path, e))?;
        if below
            .iter()
            .any(|m| m.location != marker && m.location != loc)
        {
            return Err(err(ErrorKind::DirectoryNotEmpty, path));
        }
        self.keep_parent(path, &loc).await?;
        let result = self.delete_keys(path, vec![marker]).await;
        self.cache.invalidate_tree(loc.as_ref());
        result
    }

    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        if from.is_root() || to.is_root() {
            return Err(err(ErrorKind::Busy, if from.is_root() { from } else { to }));
        }
        // rename(2)'s order: both parents, then the source, then the kinds.
        self.check_parent(from).await?;
        self.check_parent(to).await?;
        let src = self.loc(from, Purpose::Lookup)?;
        let src_node = self.node(from, &src).await?;
        if src_node == Node::Missing {
            return Err(self.missing(from).await);
        }
        if from == to {
            return Ok(());
        }
        if matches!(src_node, Node::Dir { .. }) && to.starts_with(from) {
            // A directory cannot move below itself.
            return Err(err(ErrorKind::InvalidInput, to));
        }
        let dst = self.loc(to, Purpose::Create)?;
        let dst_node = self.node(to, &dst).await?;
        match src_node {
            Node::File { .. } => {
                if matches!(dst_node, Node::Dir { .. }) {
                    return Err(err(ErrorKind::IsADirectory, to));
                }
                let copied = self.store.copy(&src, &dst).await;
                self.settle(&dst, FileKind::File, copied.is_ok());
                copied.map_err(|e| store_error(from, e))?;
                // After the copy: a rename within one directory keeps it non-empty anyway.
                self.keep_parent(from, &src).await?;
                match self.store.delete(&src).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => {
                        self.cache.removed(src.as_ref());
                        Ok(())
                    }
                    Err(e) => {
                        self.cache.invalidate(src.as_ref());
                        Err(store_error(from, e))
                    }
                }
            }
            _ => self.rename_dir(from, &src, to, &dst, dst_node).await,
        }
    }

    async fn symlink(&self, _target: &[u8], link: &VfsPath) -> Result<()> {
        Err(unsupported(link, "symbolic links"))
    }

    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        // Something there is not a symlink (EINVAL, as readlink(2)); nothing there is ENOENT.
        self.stat(path).await?;
        Err(err(ErrorKind::InvalidInput, path))
    }

    async fn set_mtime(&self, path: &VfsPath, _mtime: Timestamp) -> Result<()> {
        // The store stamps last_modified itself; there is no way to set it.
        self.stat(path).await?;
        Err(unsupported(path, "settable modification times"))
    }

    async fn set_mode(&self, path: &VfsPath, _mode: u32) -> Result<()> {
        self.stat(path).await?;
        Err(unsupported(path, "permission bits"))
    }

    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        // `buffered` keeps up to N reads in flight and yields results in input order, on
        // whatever executor polls us (no runtime dependency).
        // (The futures are collected first: a lazy map over borrowed paths inside the stream
        // trips the compiler's `Send` inference for async-trait futures.)
        let reads: Vec<_> = paths.iter().map(|p| self.read(p)).collect();
        futures::stream::iter(reads)
            .buffered(self.max_concurrency)
            .collect()
            .await
    }

    async fn remove_dir_all(&self, path: &VfsPath) -> Result<()> {
        let loc = self.loc(path, Purpose::Lookup)?;
        match self.node(path, &loc).await? {
            Node::Missing => return Err(self.missing(path).await),
            Node::File { .. } => return self.remove_file(path).await,
            Node::Dir { .. } => {}
        }
        // One recursive listing and bulk deletes instead of a walk: far fewer round trips.
        let keys = self.keys_below(path, &loc).await?;
        self.keep_parent(path, &loc).await?;
        let result = self
            .delete_keys(path, keys.into_iter().map(|m| m.location).collect())
            .await;
        self.cache.invalidate_tree(loc.as_ref());
        result
    }
}

impl ObjectStoreFs {
    /// Updates the cache after a put of `loc`: on success the parent's listing gains the
    /// entry; on failure the outcome is unknown (a timed-out put may have landed), so what
    /// was known about `loc` is dropped.
    fn settle(&self, loc: &object_store::path::Path, kind: FileKind, ok: bool) {
        if ok {
            self.cache.created(loc.as_ref(), kind);
        } else {
            self.cache.invalidate(loc.as_ref());
        }
    }

    /// Renames the directory `from` (key `src`) to `to` (key `dst`, currently `dst_node`):
    /// copies every key below it, concurrently, and deletes the originals once every copy
    /// succeeded, so a failure part-way leaves the source whole.
    async fn rename_dir(
        &self,
        from: &VfsPath,
        src: &object_store::path::Path,
        to: &VfsPath,
        dst: &object_store::path::Path,
        dst_node: Node,
    ) -> Result<()> {
        match dst_node {
            Node::File { .. } => return Err(err(ErrorKind::NotADirectory, to)),
            Node::Dir { .. } => {
                let listing = self.listing(to, dst).await?;
                if !listing.entries.is_empty() {
                    return Err(err(ErrorKind::DirectoryNotEmpty, to));
                }
            }
            Node::Missing => {}
        }
        let keys = self.keys_below(from, src).await?;
        let moves: Vec<_> = keys
            .iter()
            .filter_map(|m| {
                let rest = m.location.as_ref().get(src.as_ref().len()..)?;
                let target = object_store::path::Path::parse(format!("{}{rest}", dst.as_ref()));
                Some((m.location.clone(), target.ok()?))
            })
            .collect();
        let copies: Vec<_> = moves
            .iter()
            .map(|(a, b)| {
                let (store, a, b) = (self.store.clone(), a.clone(), b.clone());
                async move { store.copy(&a, &b).await }.boxed()
            })
            .collect();
        let copied = futures::stream::iter(copies)
            .buffer_unordered(self.max_concurrency)
            .try_collect::<Vec<()>>()
            .await;
        // Copied keys (even of a failed rename) are new to the cache.
        self.cache.invalidate_tree(dst.as_ref());
        copied.map_err(|e| store_error(from, e))?;
        if moves.is_empty() {
            // Only an S3-console marker held the source up: give the target a marker of ours.
            self.put(
                &Self::marker(dst),
                PutPayload::default(),
                PutMode::Overwrite,
            )
            .await
            .map_err(|e| store_error(to, e))?;
        }
        self.keep_parent(from, src).await?;
        let result = self
            .delete_keys(from, moves.into_iter().map(|(a, _)| a).collect())
            .await;
        self.cache.invalidate_tree(src.as_ref());
        result
    }
}
