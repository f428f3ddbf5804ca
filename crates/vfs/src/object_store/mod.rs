//! [`ObjectStoreFs`]: a [`FileSystem`](crate::FileSystem) over any
//! [`object_store::ObjectStore`] (S3, R2, GCS, Azure, in-memory, …), optionally below a key
//! prefix. The mapping of files onto objects, the cache rule and an example are on the type
//! (this module is private; its items are re-exported at the crate root).

mod cache;
mod imp;
mod names;
mod ops;
#[cfg(feature = "s3")]
pub mod s3;

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ::object_store::path::Path;
use ::object_store::ObjectStore;

use crate::clock::Clock;
use crate::error::{ErrorKind, FsError, Result};
use crate::path::VfsPath;
use cache::MetaCache;

/// The name of the marker object `mkdir` writes inside a directory (`DIR/.vbash-dir`, zero
/// bytes) so that an empty directory survives. Hidden from listings; reserved as a file name.
pub const DIR_MARKER: &str = ".vbash-dir";

/// How many requests [`FileSystem::read_many`](crate::FileSystem::read_many) (and a directory
/// rename's copies) keep in flight by default.
pub const DEFAULT_MAX_CONCURRENCY: usize = 32;

/// How many times a conflicting `append` is retried on the new content by default.
pub const DEFAULT_CONFLICT_RETRIES: u32 = 3;

/// S3's limit on the length of a key, in bytes.
const MAX_KEY_LEN: usize = 1024;

/// A [`FileSystem`](crate::FileSystem) stored in an object store (S3, R2, GCS, Azure,
/// in-memory, … — any [`ObjectStore`]), optionally below a key prefix. Share it behind an
/// `Arc`; its state is the store handle and the metadata cache.
///
/// # How files map onto objects
///
/// * The file `/a/b.txt` is the object `PREFIX/a/b.txt`; its size and mtime are the object's
///   size and `last_modified`. Keys are UTF-8 and may not hold ASCII control characters, so
///   the bytes of a name that cannot be stored as they are (invalid UTF-8, controls) become
///   private-use characters `U+F700 + byte`, one-to-one: every Linux name round-trips and
///   ordinary names are stored unchanged. A key is at most 1024 bytes (S3's limit): creating
///   a longer one fails with `ENAMETOOLONG`, looking it up finds nothing (`ENOENT`).
/// * Directories are prefixes, listed with `list_with_delimiter`. A directory exists when any
///   key lies below it, so trees written by other tools appear as they are. `mkdir` writes
///   the zero-byte marker object `DIR/.vbash-dir` ([`DIR_MARKER`]) so that an empty directory
///   survives; listings hide it, and the name is reserved (`EINVAL` to create, `ENOENT` to
///   look up). The S3 console's own convention, a `DIR/` key, cannot be written through
///   `object_store` (its paths have no trailing slash), but such keys are read as markers.
///   Removing the last entry of a directory that has no marker writes one first, so the
///   directory stays, as POSIX says it must.
/// * Writes are whole-object puts: a reader sees the old object or the new one, never a torn
///   file, and a write that fails is reported as failed (`EIO` with the store's message), never
///   as success.
/// * `append` is read-modify-write: it downloads the object and uploads it whole with one more
///   piece, so appending `n` times to a file of size `s` moves `O(n·s)` bytes; build big files
///   with one `write`. Where the store has conditional puts (S3, R2, GCS, Azure, in-memory) the
///   upload is `PutMode::Update` with the ETag/version just read, so a concurrent writer's
///   update is never silently lost: on a conflict the append is retried on the new content (a
///   few times, see [`ObjectStoreFs::with_conflict_retries`]) and then fails with `EIO`
///   "concurrent modification". `create_new` uses `PutMode::Create` the same way. A store
///   without conditional puts gets plain puts (last writer wins).
/// * `rename` is copy + delete (every key below a directory, copied concurrently, deleted in
///   bulk once all copies succeeded): not atomic, and its cost grows with the data moved. A
///   failure part-way leaves the source whole.
/// * Symlinks, permission bits and explicit mtimes do not exist in an object store: `symlink`,
///   `set_mode` and `set_mtime` fail with `ENOTSUP` ([`ErrorKind::Unsupported`]) rather than
///   pretend; `read_link` of an existing path is `EINVAL` (not a symlink). Files report mode
///   `0644` and directories `0755`. A directory's mtime is that of its marker or of an object
///   below it.
/// * Store faults (5xx, timeouts, throttling left after object_store's own retries) are `EIO`
///   carrying the store's message; a denied request is `EACCES` with the message.
///
/// # Metadata cache
///
/// `head` results and directory listings are cached (a listing also answers `stat` for the
/// files in it, so `ls -l` is one request). The rule:
///
/// * everything this filesystem writes, appends, creates, removes or renames invalidates
///   the entries of the keys it touched (for a directory, every key below it) and the
///   listings of their parents before the call returns: it always sees its own changes;
/// * changes by anybody else (another process, another `ObjectStoreFs` on the bucket) are
///   seen once the cached result expires: after the TTL when one is set
///   ([`ObjectStoreFs::with_cache_ttl`]), never when none is (the default), until
///   [`ObjectStoreFs::clear_cache`];
/// * only metadata is cached, never contents: `read` always fetches the object;
/// * a failed request caches nothing, and the cache starts over past 100,000 entries.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use object_store::memory::InMemory;
/// use vbash_vfs::{FileSystem, ObjectStoreFs, VfsPath};
///
/// # futures::executor::block_on(async {
/// let fs = ObjectStoreFs::new(Arc::new(InMemory::new()))
///     .with_prefix("sandboxes/42")
///     .unwrap()
///     .with_max_concurrency(64);
/// let p = |s: &str| VfsPath::new(s).unwrap();
/// fs.create_dir(&p("/notes")).await.unwrap();
/// fs.write(&p("/notes/a.txt"), "hello\n".into()).await.unwrap();
/// fs.append(&p("/notes/a.txt"), "world\n".into()).await.unwrap();
/// assert_eq!(fs.read(&p("/notes/a.txt")).await.unwrap(), "hello\nworld\n");
/// let names: Vec<_> = fs.read_dir(&p("/notes")).await.unwrap().into_iter().map(|e| e.name).collect();
/// assert_eq!(names, [b"a.txt".to_vec()]);
/// # });
/// ```
pub struct ObjectStoreFs {
    store: Arc<dyn ObjectStore>,
    /// The key prefix without a trailing `/` (empty for the bucket root).
    prefix: String,
    max_concurrency: usize,
    conflict_retries: u32,
    cache: MetaCache,
    ttl: Option<Duration>,
    clock: Option<Arc<dyn Clock>>,
    /// Cleared the first time the store says it cannot do conditional puts, so later writes
    /// go straight to plain puts.
    conditional: AtomicBool,
}

impl fmt::Debug for ObjectStoreFs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectStoreFs")
            .field("store", &format_args!("{}", self.store))
            .field("prefix", &self.prefix)
            .field("max_concurrency", &self.max_concurrency)
            .field("cache_ttl", &self.ttl)
            .finish()
    }
}

impl ObjectStoreFs {
    /// A filesystem over the whole of `store`, with [`DEFAULT_MAX_CONCURRENCY`], a metadata
    /// cache without TTL and, on native targets, the system clock.
    pub fn new(store: Arc<dyn ObjectStore>) -> ObjectStoreFs {
        let clock = default_clock();
        ObjectStoreFs {
            store,
            prefix: String::new(),
            max_concurrency: DEFAULT_MAX_CONCURRENCY,
            conflict_retries: DEFAULT_CONFLICT_RETRIES,
            cache: MetaCache::new(None, clock.clone()),
            ttl: None,
            clock,
            conditional: AtomicBool::new(true),
        }
    }

    /// Puts the filesystem's root at the key prefix `prefix` (`"a/b"` or `"/a/b/"`: leading
    /// and trailing slashes are ignored; empty for the bucket root). `EINVAL` when `prefix` is
    /// not a valid object path (empty segments, `.`/`..`, control characters).
    pub fn with_prefix(mut self, prefix: &str) -> Result<ObjectStoreFs> {
        let parsed =
            Path::parse(prefix).map_err(|_| FsError::new(ErrorKind::InvalidInput, prefix))?;
        self.prefix = parsed.as_ref().to_owned();
        self.cache.clear();
        Ok(self)
    }

    /// How many requests batched reads keep in flight (at least 1; default 32).
    pub fn with_max_concurrency(mut self, n: usize) -> ObjectStoreFs {
        self.max_concurrency = n.max(1);
        self
    }

    /// How long cached metadata is trusted: `None` (the default) until this filesystem's own
    /// writes invalidate it, `Some(ttl)` to also see other writers' changes within `ttl`.
    /// `Some(Duration::ZERO)` turns the cache off. Timing needs a clock: without one (wasm,
    /// unless [`ObjectStoreFs::with_clock`] gives one) a TTL means nothing is cached.
    pub fn with_cache_ttl(mut self, ttl: Option<Duration>) -> ObjectStoreFs {
        self.ttl = ttl;
        self.cache = MetaCache::new(ttl, self.clock.clone());
        self
    }

    /// The clock that times the cache TTL (the system clock by default on native targets).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> ObjectStoreFs {
        self.clock = Some(clock);
        self.cache = MetaCache::new(self.ttl, self.clock.clone());
        self
    }

    /// How many times an `append` that lost a race to a concurrent writer is retried on the
    /// new content before it fails with `EIO` (default 3; 0 fails at the first conflict).
    pub fn with_conflict_retries(mut self, n: u32) -> ObjectStoreFs {
        self.conflict_retries = n;
        self
    }

    /// The store underneath.
    pub fn store(&self) -> &Arc<dyn ObjectStore> {
        &self.store
    }

    /// The key prefix the filesystem lives under (no leading or trailing `/`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Forgets all cached metadata, so the next lookups see what other writers did.
    pub fn clear_cache(&self) {
        self.cache.clear();
    }

    /// The object path of `path`. What cannot be created (the reserved marker name, keys over
    /// S3's length limit) is `EINVAL`/`ENAMETOOLONG` when creating, and simply absent
    /// (`ENOENT`) when looking up, so that `test -e` is not fooled into seeing it.
    fn loc(&self, path: &VfsPath, purpose: Purpose) -> Result<Path> {
        let refuse = |kind| match purpose {
            Purpose::Create => FsError::new(kind, path.as_bytes()),
            Purpose::Lookup => FsError::new(ErrorKind::NotFound, path.as_bytes()),
        };
        let mut key = self.prefix.clone();
        for comp in path.components() {
            if comp == DIR_MARKER.as_bytes() {
                return Err(refuse(ErrorKind::InvalidInput));
            }
            if !key.is_empty() {
                key.push('/');
            }
            key.push_str(&names::encode(comp));
        }
        if key.len() > MAX_KEY_LEN {
            return Err(refuse(ErrorKind::NameTooLong));
        }
        Path::parse(&key).map_err(|_| refuse(ErrorKind::InvalidInput))
    }

    /// The marker object of the directory at `dir`.
    fn marker(dir: &Path) -> Path {
        if dir.as_ref().is_empty() {
            Path::from_iter([DIR_MARKER])
        } else {
            // `dir` is valid and the marker a valid segment, so this parses.
            Path::parse(format!("{}/{DIR_MARKER}", dir.as_ref())).unwrap_or_else(|_| dir.clone())
        }
    }

    /// `Some(dir)` unless `dir` is the bucket root, which object_store lists as `None`.
    fn list_prefix(dir: &Path) -> Option<&Path> {
        (!dir.as_ref().is_empty()).then_some(dir)
    }

    fn conditional(&self) -> bool {
        self.conditional.load(Ordering::Relaxed)
    }

    fn no_conditional(&self) {
        self.conditional.store(false, Ordering::Relaxed);
    }
}

/// Why a path is turned into a key: to create something there, or to look it up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Create,
    Lookup,
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn default_clock() -> Option<Arc<dyn Clock>> {
    Some(Arc::new(crate::clock::SystemClock))
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn default_clock() -> Option<Arc<dyn Clock>> {
    // `SystemTime::now` panics here; a TTL needs a clock from the embedder.
    None
}

/// The filesystem error for a store error about `path`: `ENOENT`/`EEXIST` for their
/// object_store counterparts, `EACCES` for denied requests, `EIO` with the store's message
/// for everything else (including failed preconditions: a concurrent modification).
fn store_error(path: &VfsPath, e: ::object_store::Error) -> FsError {
    use ::object_store::Error as E;
    match e {
        E::NotFound { .. } => FsError::new(ErrorKind::NotFound, path.as_bytes()),
        E::AlreadyExists { .. } => FsError::new(ErrorKind::AlreadyExists, path.as_bytes()),
        E::Precondition { .. } => {
            FsError::io(path.as_bytes(), format!("concurrent modification: {e}"))
        }
        E::PermissionDenied { .. } | E::Unauthenticated { .. } => FsError {
            kind: ErrorKind::PermissionDenied,
            path: path.as_bytes().to_vec(),
            detail: Some(e.to_string()),
        },
        other => FsError::io(path.as_bytes(), other.to_string()),
    }
}

/// Whether the store said it cannot do what was asked (a conditional put, typically).
fn is_unsupported(e: &::object_store::Error) -> bool {
    matches!(
        e,
        ::object_store::Error::NotImplemented { .. } | ::object_store::Error::NotSupported { .. }
    )
}
