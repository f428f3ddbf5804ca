//! Filesystem errors: an errno-like kind and the path, worded as coreutils and as Node.

use std::fmt;

/// What went wrong, as the errno a POSIX system would report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `ENOENT`: no such file or directory.
    NotFound,
    /// `EEXIST`: the path exists already.
    AlreadyExists,
    /// `ENOTDIR`: a path component (or the target) is not a directory.
    NotADirectory,
    /// `EISDIR`: the operation needs a file but the path is a directory.
    IsADirectory,
    /// `ENOTEMPTY`: the directory is not empty.
    DirectoryNotEmpty,
    /// `EACCES`: permission denied (mode bits, or outside what the embedder granted).
    PermissionDenied,
    /// `EROFS`: the filesystem is read-only.
    ReadOnly,
    /// `ELOOP`: too many levels of symbolic links.
    TooManyLinks,
    /// `ENAMETOOLONG`: a name or path is too long.
    NameTooLong,
    /// `EXDEV`: a rename across filesystems (mounts).
    CrossDevice,
    /// `EFBIG`: the file would exceed the size limit.
    FileTooLarge,
    /// `ENOSPC`: the filesystem's byte or file-count limit is reached.
    NoSpace,
    /// `EINVAL`: an invalid argument (e.g. renaming a directory into itself).
    InvalidInput,
    /// `EBUSY`: the path is in use (e.g. removing a mount point).
    Busy,
    /// `EIO`: the backing store failed.
    Io,
    /// `ENOTSUP` (`EOPNOTSUPP`): the backend cannot do this at all (symlinks or modes on an
    /// object store).
    Unsupported,
}

impl ErrorKind {
    /// The errno name, e.g. `ENOENT`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "ENOENT",
            ErrorKind::AlreadyExists => "EEXIST",
            ErrorKind::NotADirectory => "ENOTDIR",
            ErrorKind::IsADirectory => "EISDIR",
            ErrorKind::DirectoryNotEmpty => "ENOTEMPTY",
            ErrorKind::PermissionDenied => "EACCES",
            ErrorKind::ReadOnly => "EROFS",
            ErrorKind::TooManyLinks => "ELOOP",
            ErrorKind::NameTooLong => "ENAMETOOLONG",
            ErrorKind::CrossDevice => "EXDEV",
            ErrorKind::FileTooLarge => "EFBIG",
            ErrorKind::NoSpace => "ENOSPC",
            ErrorKind::InvalidInput => "EINVAL",
            ErrorKind::Busy => "EBUSY",
            ErrorKind::Io => "EIO",
            ErrorKind::Unsupported => "ENOTSUP",
        }
    }

    /// The C library's text for the errno, as coreutils prints it.
    pub fn strerror(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "No such file or directory",
            ErrorKind::AlreadyExists => "File exists",
            ErrorKind::NotADirectory => "Not a directory",
            ErrorKind::IsADirectory => "Is a directory",
            ErrorKind::DirectoryNotEmpty => "Directory not empty",
            ErrorKind::PermissionDenied => "Permission denied",
            ErrorKind::ReadOnly => "Read-only file system",
            ErrorKind::TooManyLinks => "Too many levels of symbolic links",
            ErrorKind::NameTooLong => "File name too long",
            ErrorKind::CrossDevice => "Invalid cross-device link",
            ErrorKind::FileTooLarge => "File too large",
            ErrorKind::NoSpace => "No space left on device",
            ErrorKind::InvalidInput => "Invalid argument",
            ErrorKind::Busy => "Device or resource busy",
            ErrorKind::Io => "Input/output error",
            ErrorKind::Unsupported => "Operation not supported",
        }
    }

    /// Node's lower-case description, as in `ENOENT: no such file or directory, open '/x'`.
    pub fn node_text(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "no such file or directory",
            ErrorKind::AlreadyExists => "file already exists",
            ErrorKind::NotADirectory => "not a directory",
            ErrorKind::IsADirectory => "illegal operation on a directory",
            ErrorKind::DirectoryNotEmpty => "directory not empty",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::ReadOnly => "read-only file system",
            ErrorKind::TooManyLinks => "too many symbolic links encountered",
            ErrorKind::NameTooLong => "name too long",
            ErrorKind::CrossDevice => "cross-device link not permitted",
            ErrorKind::FileTooLarge => "file too large",
            ErrorKind::NoSpace => "no space left on device",
            ErrorKind::InvalidInput => "invalid argument",
            ErrorKind::Busy => "resource busy or locked",
            ErrorKind::Io => "i/o error",
            // libuv's text for ENOTSUP, which Node shows verbatim.
            ErrorKind::Unsupported => "operation not supported on socket",
        }
    }
}

/// A filesystem error: its kind, the path it concerns and, for backend faults, the store's
/// own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FsError {
    /// The errno kind.
    pub kind: ErrorKind,
    /// The path the error concerns (absolute, as the filesystem saw it).
    pub path: Vec<u8>,
    /// Detail from the backing store (an object store's message), for [`ErrorKind::Io`].
    pub detail: Option<String>,
}

impl FsError {
    /// An error of `kind` about `path`.
    pub fn new(kind: ErrorKind, path: impl AsRef<[u8]>) -> FsError {
        FsError {
            kind,
            path: path.as_ref().to_vec(),
            detail: None,
        }
    }

    /// An I/O error from the backing store, keeping its message.
    pub fn io(path: impl AsRef<[u8]>, detail: impl Into<String>) -> FsError {
        FsError {
            kind: ErrorKind::Io,
            path: path.as_ref().to_vec(),
            detail: Some(detail.into()),
        }
    }

    /// The same error about another path (a backend mounted below a prefix reports paths
    /// relative to itself; the mount puts them back).
    pub fn with_path(mut self, path: impl AsRef<[u8]>) -> FsError {
        self.path = path.as_ref().to_vec();
        self
    }

    /// The error as coreutils prints it after the program name: `/x: No such file or
    /// directory`. `shown` is the path as the user wrote it.
    ///
    /// ```
    /// use vbash_vfs::{ErrorKind, FsError};
    /// let e = FsError::new(ErrorKind::NotFound, "/home/user/x");
    /// assert_eq!(e.coreutils("x"), "x: No such file or directory");
    /// ```
    pub fn coreutils(&self, shown: &str) -> String {
        match &self.detail {
            Some(d) => format!("{shown}: {} ({d})", self.kind.strerror()),
            None => format!("{shown}: {}", self.kind.strerror()),
        }
    }

    /// The error as Node's `fs` words it: `ENOENT: no such file or directory, open '/x'`.
    /// `syscall` is the operation Node names (`open`, `scandir`, `mkdir`, `rm`, `stat`, …).
    ///
    /// ```
    /// use vbash_vfs::{ErrorKind, FsError};
    /// let e = FsError::new(ErrorKind::IsADirectory, "/d");
    /// assert_eq!(e.node("read"), "EISDIR: illegal operation on a directory, read '/d'");
    /// ```
    pub fn node(&self, syscall: &str) -> String {
        format!(
            "{}: {}, {syscall} '{}'",
            self.kind.code(),
            self.kind.node_text(),
            String::from_utf8_lossy(&self.path)
        )
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.coreutils(&String::from_utf8_lossy(&self.path)))
    }
}

impl std::error::Error for FsError {}

/// The result of a filesystem operation.
pub type Result<T, E = FsError> = std::result::Result<T, E>;
