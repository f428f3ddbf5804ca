//! Size limits for in-memory filesystems, and what is in use against them.

/// Bounds on what a [`MemFs`](crate::MemFs) may hold, so a runaway script cannot exhaust the
/// host's memory. Exceeding one fails the operation, changing nothing: `EFBIG` when a file
/// would grow past [`max_file_bytes`](Limits::max_file_bytes), `ENOSPC` when the filesystem
/// would pass [`max_total_bytes`](Limits::max_total_bytes) or
/// [`max_files`](Limits::max_files).
///
/// `u64::MAX` means unlimited; [`Limits::default`] is unlimited throughout.
///
/// ```
/// use vbash_vfs::Limits;
/// let limits = Limits { max_file_bytes: 1 << 20, max_files: 10_000, ..Limits::default() };
/// assert_eq!(limits.max_total_bytes, u64::MAX);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Total bytes of all file contents and symlink targets.
    pub max_total_bytes: u64,
    /// Bytes in any one file.
    pub max_file_bytes: u64,
    /// Number of entries (files, directories and symlinks; the root does not count).
    pub max_files: u64,
}

impl Limits {
    /// No limits at all.
    pub const UNLIMITED: Limits = Limits {
        max_total_bytes: u64::MAX,
        max_file_bytes: u64::MAX,
        max_files: u64::MAX,
    };
}

impl Default for Limits {
    /// [`Limits::UNLIMITED`].
    fn default() -> Limits {
        Limits::UNLIMITED
    }
}

/// What a filesystem holds, counted the way [`Limits`] counts it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Usage {
    /// Total bytes of file contents and symlink targets.
    pub bytes: u64,
    /// Number of entries, the root excluded.
    pub files: u64,
}
