//! `vbash-vfs`: the virtual filesystem that vbash scripts see.
//!
//! One small async trait, [`FileSystem`], with absolute normalized byte paths ([`VfsPath`]),
//! errno-style errors ([`FsError`]) worded both as coreutils and as Node's `fs`, and backends
//! that implement it. Nothing here touches the host unless the embedder opts into a host
//! backend.
//!
//! ```
//! use vbash_vfs::{VfsPath, ErrorKind, FsError};
//!
//! let cwd = VfsPath::new("/home/user").unwrap();
//! let p = cwd.resolve(b"notes/../todo.txt");
//! assert_eq!(p.as_bytes(), b"/home/user/todo.txt");
//! let e = FsError::new(ErrorKind::NotFound, p.as_bytes());
//! assert_eq!(e.node("open"), "ENOENT: no such file or directory, open '/home/user/todo.txt'");
//! ```

mod clock;
mod error;
#[cfg(feature = "object-store")]
pub mod fault;
mod fs;
#[cfg(all(feature = "host", unix))]
mod host;
mod limits;
mod mem;
mod metadata;
mod mount;
#[cfg(feature = "object-store")]
mod object_store;
mod overlay;
mod path;
mod read_only;
#[cfg(feature = "testing")]
pub mod testing;
mod walk;

#[cfg(feature = "s3")]
pub use crate::object_store::s3;
#[cfg(feature = "object-store")]
pub use crate::object_store::{
    ObjectStoreFs, DEFAULT_CONFLICT_RETRIES, DEFAULT_MAX_CONCURRENCY, DIR_MARKER,
};
pub use bytes::Bytes;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use clock::SystemClock;
pub use clock::{Clock, ManualClock};
pub use error::{ErrorKind, FsError, Result};
pub use fs::FileSystem;
#[cfg(all(feature = "host", unix))]
pub use host::HostFs;
pub use limits::{Limits, Usage};
pub use mem::{MemFs, MemFsBuilder};
pub use metadata::{DirEntry, FileKind, Metadata, Timestamp};
pub use mount::MountFs;
pub use overlay::OverlayFs;
pub use path::{normalize, VfsPath};
pub use read_only::ReadOnlyFs;
