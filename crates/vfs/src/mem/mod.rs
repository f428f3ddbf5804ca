//! [`MemFs`]: the in-memory filesystem.

mod tree;

use std::fmt;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use async_trait::async_trait;
use bytes::Bytes;

use crate::clock::Clock;
use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::limits::{Limits, Usage};
use crate::metadata::{DirEntry, Metadata, Timestamp};
use crate::path::VfsPath;
use tree::{Tree, WriteMode};

/// A filesystem held in memory: files, directories and symlinks, with modes, modification
/// times from an injectable [`Clock`], inode numbers and link counts.
///
/// File contents are [`Bytes`], so reading a large file (or a [`snapshot`](MemFs::snapshot))
/// shares it instead of copying. Lookups walk one directory map per path component, so they
/// cost O(path depth) whatever the number of files. Symlinks are followed up to 40 hops, then
/// `ELOOP`; relative targets resolve against the link's directory, absolute ones against this
/// filesystem's root. Modes are stored and reported but not enforced (the sandbox has one
/// user). Optional [`Limits`] bound its size, with `EFBIG`/`ENOSPC`.
///
/// One lock guards the whole tree; every operation holds it only briefly and never across an
/// `.await`, so the futures are ready at once and the filesystem can be shared between
/// sandboxes (`Arc<MemFs>`).
///
/// ```
/// use vbash_vfs::{FileSystem, MemFs, VfsPath};
///
/// let fs = MemFs::with_files([("/etc/motd", "hi\n"), ("/home/user/notes.txt", "")]).unwrap();
/// let motd = VfsPath::new("/etc/motd").unwrap();
/// futures::executor::block_on(async {
///     assert_eq!(&fs.read(&motd).await.unwrap()[..], b"hi\n");
///     let names: Vec<_> = fs.read_dir(&VfsPath::root()).await.unwrap()
///         .into_iter().map(|e| e.name).collect();
///     assert_eq!(names, [b"etc".to_vec(), b"home".to_vec()]);
/// });
/// ```
pub struct MemFs {
    tree: RwLock<Tree>,
    clock: Arc<dyn Clock>,
}

/// Configures a [`MemFs`]; from [`MemFs::builder`].
#[derive(Debug, Default)]
pub struct MemFsBuilder {
    clock: Option<Arc<dyn Clock>>,
    limits: Limits,
}

impl MemFsBuilder {
    /// The clock for modification times (default: the host's clock natively; on
    /// `wasm32-unknown-unknown`, which has none, a clock stopped at the epoch unless the
    /// embedder supplies one).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> MemFsBuilder {
        self.clock = Some(clock);
        self
    }

    /// Size limits (default: [`Limits::UNLIMITED`]).
    pub fn limits(mut self, limits: Limits) -> MemFsBuilder {
        self.limits = limits;
        self
    }

    /// The filesystem: an empty root directory.
    pub fn build(self) -> MemFs {
        let clock = self.clock.unwrap_or_else(default_clock);
        MemFs {
            tree: RwLock::new(Tree::new(self.limits, clock.now())),
            clock,
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn default_clock() -> Arc<dyn Clock> {
    Arc::new(crate::clock::SystemClock)
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn default_clock() -> Arc<dyn Clock> {
    // `SystemTime::now` panics here; the embedder passes a real clock through the builder.
    Arc::new(crate::clock::ManualClock::new(0))
}

impl Default for MemFs {
    fn default() -> MemFs {
        MemFs::new()
    }
}

impl MemFs {
    /// An empty, unlimited filesystem with the default clock.
    pub fn new() -> MemFs {
        MemFs::builder().build()
    }

    /// A builder, to set the clock and limits.
    pub fn builder() -> MemFsBuilder {
        MemFsBuilder::default()
    }

    /// A filesystem holding `files` (path, content), with their parent directories.
    /// Relative paths are taken from the root. Fails as [`MemFs::insert_file`] does.
    pub fn with_files<P, C>(files: impl IntoIterator<Item = (P, C)>) -> Result<MemFs>
    where
        P: AsRef<[u8]>,
        C: Into<Bytes>,
    {
        let fs = MemFs::new();
        for (path, content) in files {
            fs.insert_file(path, content)?;
        }
        Ok(fs)
    }

    /// Writes a file and creates its missing parent directories, synchronously (for
    /// embedders setting up a sandbox outside async code). Relative paths are taken from the
    /// root. Fails when a parent is a file (`ENOTDIR`), `path` is a directory (`EISDIR`) or
    /// a limit is reached.
    pub fn insert_file(&self, path: impl AsRef<[u8]>, content: impl Into<Bytes>) -> Result<()> {
        let path = VfsPath::root().resolve(path.as_ref());
        let now = self.clock.now();
        let mut tree = self.write_lock();
        let err = |k| FsError::new(k, path.as_bytes());
        if let Some(parent) = path.parent() {
            tree.create_dir_all(parent.as_bytes(), now)
                .map_err(|k| match k {
                    // A file where a parent should be: as `write` below a file reports it.
                    ErrorKind::AlreadyExists => err(ErrorKind::NotADirectory),
                    k => err(k),
                })?;
        }
        tree.write(path.as_bytes(), content.into(), WriteMode::Truncate, now)
            .map_err(err)
    }

    /// What the filesystem holds, as [`Limits`] count it.
    pub fn usage(&self) -> Usage {
        self.read_lock().usage
    }

    /// The limits it was built with.
    pub fn limits(&self) -> Limits {
        self.read_lock().limits
    }

    /// An independent copy of the whole filesystem as it is now, sharing file contents
    /// (cheap: O(entries), no content copied), with the same clock and limits. Later changes
    /// to either do not show in the other.
    pub fn snapshot(&self) -> MemFs {
        MemFs {
            tree: RwLock::new(self.read_lock().clone()),
            clock: self.clock.clone(),
        }
    }

    fn read_lock(&self) -> RwLockReadGuard<'_, Tree> {
        // A panic while holding the lock cannot leave the tree half-changed: every mutation
        // checks first and changes after, so poisoning is safe to ignore.
        self.tree.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_lock(&self) -> RwLockWriteGuard<'_, Tree> {
        self.tree.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a mutation with the current time, reporting errors against `path`.
    fn mutate<T>(
        &self,
        path: &VfsPath,
        f: impl FnOnce(&mut Tree, Timestamp) -> std::result::Result<T, ErrorKind>,
    ) -> Result<T> {
        let now = self.clock.now();
        f(&mut self.write_lock(), now).map_err(|k| FsError::new(k, path.as_bytes()))
    }

    /// Runs a query, reporting errors against `path`.
    fn query<T>(
        &self,
        path: &VfsPath,
        f: impl FnOnce(&Tree) -> std::result::Result<T, ErrorKind>,
    ) -> Result<T> {
        f(&self.read_lock()).map_err(|k| FsError::new(k, path.as_bytes()))
    }
}

impl fmt::Debug for MemFs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tree = self.read_lock();
        f.debug_struct("MemFs")
            .field("usage", &tree.usage)
            .field("limits", &tree.limits)
            .field("clock", &self.clock)
            .finish()
    }
}

#[async_trait]
impl FileSystem for MemFs {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        self.query(path, |t| t.read(path.as_bytes()))
    }

    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        let all = self.query(path, |t| t.read(path.as_bytes()))?;
        let start = offset.min(all.len() as u64) as usize;
        let end = (start as u64).saturating_add(len).min(all.len() as u64) as usize;
        Ok(all.slice(start..end))
    }

    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        self.mutate(path, |t, now| {
            t.write(path.as_bytes(), data, WriteMode::Truncate, now)
        })
    }

    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        self.mutate(path, |t, now| {
            t.write(path.as_bytes(), data, WriteMode::CreateNew, now)
        })
    }

    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        self.mutate(path, |t, now| {
            t.write(path.as_bytes(), data, WriteMode::Append, now)
        })
    }

    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        self.query(path, |t| Ok(t.metadata(t.lookup(path.as_bytes(), true)?)))
    }

    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        self.query(path, |t| Ok(t.metadata(t.lookup(path.as_bytes(), false)?)))
    }

    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        self.query(path, |t| t.read_dir(path.as_bytes()))
    }

    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        self.mutate(path, |t, now| t.create_dir(path.as_bytes(), now))
    }

    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        self.mutate(path, |t, now| t.remove_file(path.as_bytes(), now))
    }

    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        self.mutate(path, |t, now| t.remove_dir(path.as_bytes(), now))
    }

    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        let now = self.clock.now();
        self.write_lock()
            .rename(from.as_bytes(), to.as_bytes(), now)
            .map_err(|k| {
                // Errors about the destination name it; the rest name the source.
                let about_to = matches!(
                    k,
                    ErrorKind::IsADirectory
                        | ErrorKind::NotADirectory
                        | ErrorKind::DirectoryNotEmpty
                );
                FsError::new(k, if about_to { to } else { from }.as_bytes())
            })
    }

    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()> {
        self.mutate(link, |t, now| t.symlink(target, link.as_bytes(), now))
    }

    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        self.query(path, |t| t.read_link(path.as_bytes()))
    }

    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()> {
        self.mutate(path, |t, _| t.set_mtime(path.as_bytes(), mtime))
    }

    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()> {
        self.mutate(path, |t, _| t.set_mode(path.as_bytes(), mode))
    }

    async fn exists(&self, path: &VfsPath) -> bool {
        match self.read_lock().lookup(path.as_bytes(), true) {
            Ok(_) => true,
            Err(k) => !matches!(k, ErrorKind::NotFound | ErrorKind::NotADirectory),
        }
    }

    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        // One lock for the batch: a consistent view, and no per-file locking cost.
        let tree = self.read_lock();
        paths
            .iter()
            .map(|p| {
                tree.read(p.as_bytes())
                    .map_err(|k| FsError::new(k, p.as_bytes()))
            })
            .collect()
    }

    async fn create_dir_all(&self, path: &VfsPath) -> Result<()> {
        self.mutate(path, |t, now| t.create_dir_all(path.as_bytes(), now))
    }

    async fn remove_dir_all(&self, path: &VfsPath) -> Result<()> {
        self.mutate(path, |t, now| t.remove_dir_all(path.as_bytes(), now))
    }
}
