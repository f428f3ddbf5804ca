//! The building blocks of [`ObjectStoreFs`]'s operations: what a key is (through the cache),
//! directory listings, parent checks, conditional puts and bulk deletes.

use std::sync::Arc;

use ::object_store::path::Path;
use ::object_store::{ObjectMeta, ObjectStoreExt, PutMode, PutOptions, PutPayload, PutResult};
use futures::{StreamExt, TryStreamExt};

use super::cache::{is_below, Listing, Node};
use super::{is_unsupported, names, store_error, ObjectStoreFs, DIR_MARKER};
use crate::error::{ErrorKind, FsError, Result};
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};
use crate::path::VfsPath;

impl ObjectStoreFs {
    /// What lies at `loc` (the key of `path`): a file (by `head`), a directory (some key
    /// below it) or nothing. Answers from the cache when it can and fills it otherwise.
    pub(super) async fn node(&self, path: &VfsPath, loc: &Path) -> Result<Node> {
        if path.is_root() {
            return Ok(Node::Dir {
                mtime: Timestamp::default(),
            });
        }
        if let Some(node) = self.cache.node(loc.as_ref()) {
            return Ok(node);
        }
        let epoch = self.cache.epoch();
        let node = match self.store.head(loc).await {
            Ok(meta) => file_node(&meta),
            Err(::object_store::Error::NotFound { .. }) => match self.first_below(path, loc).await?
            {
                Some(meta) => Node::Dir {
                    mtime: timestamp(&meta),
                },
                None => Node::Missing,
            },
            Err(e) => return Err(store_error(path, e)),
        };
        self.cache.put_node(loc.as_ref(), node.clone(), epoch);
        Ok(node)
    }

    /// The first object below the directory `loc` (one list request, whatever the size of the
    /// tree: the stream is dropped after its first item).
    async fn first_below(&self, path: &VfsPath, loc: &Path) -> Result<Option<ObjectMeta>> {
        let mut objects = self.store.list(Self::list_prefix(loc));
        objects
            .next()
            .await
            .transpose()
            .map_err(|e| store_error(path, e))
    }

    /// Whether `loc` is a directory, asking only the list half of [`ObjectStoreFs::node`]
    /// (what a write needs to know before replacing an object).
    pub(super) async fn is_dir_at(&self, path: &VfsPath, loc: &Path) -> Result<bool> {
        if path.is_root() {
            return Ok(true);
        }
        match self.cache.node(loc.as_ref()) {
            Some(node) => Ok(matches!(node, Node::Dir { .. })),
            None => Ok(self.first_below(path, loc).await?.is_some()),
        }
    }

    /// The error for a `path` found missing: `ENOTDIR` when one of its ancestors is a file,
    /// as POSIX path resolution says, `ENOENT` otherwise (`EIO` if the store fails meanwhile).
    pub(super) async fn missing(&self, path: &VfsPath) -> FsError {
        let mut cur = path.parent();
        while let Some(dir) = cur {
            if dir.is_root() {
                break;
            }
            let node = match self.loc(&dir, super::Purpose::Lookup) {
                Ok(loc) => self.node(&dir, &loc).await,
                Err(_) => Ok(Node::Missing),
            };
            match node {
                Ok(Node::File { .. }) => {
                    return FsError::new(ErrorKind::NotADirectory, path.as_bytes())
                }
                Ok(Node::Dir { .. }) => break,
                Ok(Node::Missing) => cur = dir.parent(),
                Err(e) => return e.with_path(path.as_bytes()),
            }
        }
        FsError::new(ErrorKind::NotFound, path.as_bytes())
    }

    /// Checks that `path`'s parent is a directory, as creating `path` needs: `ENOENT` or
    /// `ENOTDIR` (about `path`) otherwise.
    pub(super) async fn check_parent(&self, path: &VfsPath) -> Result<()> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        let loc = self.loc(&parent, super::Purpose::Lookup)?;
        match self.node(&parent, &loc).await {
            Ok(Node::Dir { .. }) => Ok(()),
            Ok(Node::File { .. }) => Err(FsError::new(ErrorKind::NotADirectory, path.as_bytes())),
            Ok(Node::Missing) => Err(self.missing(&parent).await.with_path(path.as_bytes())),
            Err(e) => Err(e.with_path(path.as_bytes())),
        }
    }

    /// `stat` of `path`.
    pub(super) async fn stat(&self, path: &VfsPath) -> Result<Metadata> {
        let loc = self.loc(path, super::Purpose::Lookup)?;
        match self.node(path, &loc).await? {
            Node::File { size, mtime } => Ok(metadata(FileKind::File, size, mtime, &loc)),
            Node::Dir { mtime } => Ok(metadata(FileKind::Directory, 4096, mtime, &loc)),
            Node::Missing => Err(self.missing(path).await),
        }
    }

    /// The listing of the directory `path` (key `loc`): one `list_with_delimiter`, cached.
    /// `ENOTDIR`/`ENOENT` when nothing lies below it.
    pub(super) async fn listing(&self, path: &VfsPath, loc: &Path) -> Result<Arc<Listing>> {
        if let Some(listing) = self.cache.listing(loc.as_ref()) {
            return Ok(listing);
        }
        let epoch = self.cache.epoch();
        let result = self
            .store
            .list_with_delimiter(Self::list_prefix(loc))
            .await
            .map_err(|e| store_error(path, e))?;
        let mut listing = Listing::default();
        let mut files = Vec::new();
        for meta in result.objects {
            // A key equal to the directory itself is an S3-console `DIR/` marker.
            let name = match meta.location.filename() {
                Some(name) if meta.location != *loc && name != DIR_MARKER => name,
                _ => {
                    listing.marker = true;
                    continue;
                }
            };
            listing.entries.push(DirEntry {
                name: names::decode(name),
                kind: FileKind::File,
            });
            files.push((meta.location.as_ref().to_owned(), file_node(&meta)));
        }
        for dir in result.common_prefixes {
            if let Some(name) = dir.filename() {
                listing.entries.push(DirEntry {
                    name: names::decode(name),
                    kind: FileKind::Directory,
                });
            }
        }
        // A name that is both an object and a prefix (only other tools make those) shows as
        // the file, as `stat` (which asks `head` first) sees it.
        listing.entries.sort();
        listing
            .entries
            .dedup_by(|later, first| later.name == first.name);
        if !path.is_root() && listing.entries.is_empty() && !listing.marker {
            return match self.node(path, loc).await? {
                Node::File { .. } => Err(FsError::new(ErrorKind::NotADirectory, path.as_bytes())),
                Node::Missing => Err(self.missing(path).await),
                // Created between the two requests: an empty directory after all.
                Node::Dir { .. } => Ok(Arc::new(listing)),
            };
        }
        let listing = Arc::new(listing);
        self.cache
            .put_listing(loc.as_ref(), listing.clone(), files, epoch);
        Ok(listing)
    }

    /// Makes sure `path`'s parent directory outlives the removal of `path` (key `removed`: a
    /// file or a whole directory): a directory without a marker exists only while keys lie
    /// below it, so when `path` is its last entry, its marker is written first.
    pub(super) async fn keep_parent(&self, path: &VfsPath, removed: &Path) -> Result<()> {
        let Some(parent) = path.parent().filter(|p| !p.is_root()) else {
            return Ok(());
        };
        let name = path.file_name().unwrap_or_default();
        let loc = self.loc(&parent, super::Purpose::Lookup)?;
        let survives = match self.cache.listing(loc.as_ref()) {
            Some(listing) => listing.marker || listing.entries.iter().any(|e| e.name != name),
            None => {
                // Without a cached listing, scan the keys below the parent until one lies
                // outside `removed` (a marker counts): one request unless `removed` is a big
                // directory sorting first, rather than a listing of a possibly huge parent.
                let mut keys = self.store.list(Self::list_prefix(&loc));
                let mut other = false;
                while let Some(meta) = keys.next().await {
                    let meta = meta.map_err(|e| store_error(&parent, e))?;
                    if !is_below(meta.location.as_ref(), removed.as_ref()) {
                        other = true;
                        break;
                    }
                }
                other
            }
        };
        if survives {
            return Ok(());
        }
        let marker = Self::marker(&loc);
        let result = self.store.put(&marker, PutPayload::default()).await;
        self.cache.invalidate(loc.as_ref());
        result.map(drop).map_err(|e| store_error(&parent, e))
    }

    /// Puts `payload` at `loc` with `mode`, falling back to a plain put for good once the
    /// store says it has no conditional puts. Precondition and existence failures are the
    /// caller's to interpret.
    pub(super) async fn put(
        &self,
        loc: &Path,
        payload: PutPayload,
        mode: PutMode,
    ) -> ::object_store::Result<PutResult> {
        let mode = if self.conditional() {
            mode
        } else {
            PutMode::Overwrite
        };
        let conditional = mode != PutMode::Overwrite;
        match self
            .store
            .put_opts(loc, payload.clone(), PutOptions::from(mode))
            .await
        {
            Err(e) if conditional && is_unsupported(&e) => {
                self.no_conditional();
                self.store.put(loc, payload).await
            }
            other => other,
        }
    }

    /// Every key below the directory `loc` (recursively), except an S3-console marker equal to
    /// `loc` itself, which object_store cannot address.
    pub(super) async fn keys_below(&self, path: &VfsPath, loc: &Path) -> Result<Vec<ObjectMeta>> {
        let keys: Vec<ObjectMeta> = self
            .store
            .list(Self::list_prefix(loc))
            .try_collect()
            .await
            .map_err(|e| store_error(path, e))?;
        Ok(keys.into_iter().filter(|m| m.location != *loc).collect())
    }

    /// Deletes `keys` in bulk (S3's DeleteObjects where the store has it). A key already gone
    /// is fine; any other failure is `EIO` about `path`.
    pub(super) async fn delete_keys(&self, path: &VfsPath, keys: Vec<Path>) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let input = futures::stream::iter(keys.into_iter().map(Ok)).boxed();
        let mut results = self.store.delete_stream(input);
        let mut failure = None;
        while let Some(r) = results.next().await {
            match r {
                Ok(_) | Err(::object_store::Error::NotFound { .. }) => {}
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        match failure {
            Some(e) => Err(store_error(path, e)),
            None => Ok(()),
        }
    }
}

/// The node of an object.
pub(super) fn file_node(meta: &ObjectMeta) -> Node {
    Node::File {
        size: meta.size,
        mtime: timestamp(meta),
    }
}

/// An object's `last_modified` as a [`Timestamp`].
fn timestamp(meta: &ObjectMeta) -> Timestamp {
    Timestamp {
        secs: meta.last_modified.timestamp(),
        nanos: meta.last_modified.timestamp_subsec_nanos(),
    }
}

/// The metadata object stores can tell: kind, size and mtime; default modes; an inode
/// number hashed from the key (stable across processes, as `ls -i` expects).
fn metadata(kind: FileKind, size: u64, mtime: Timestamp, loc: &Path) -> Metadata {
    Metadata {
        kind,
        size,
        mode: Metadata::default_mode(kind),
        mtime,
        inode: fnv1a(loc.as_ref().as_bytes()),
        nlink: if kind == FileKind::Directory { 2 } else { 1 },
    }
}

/// FNV-1a, 64 bits: a stable, dependency-free hash for inode numbers.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
