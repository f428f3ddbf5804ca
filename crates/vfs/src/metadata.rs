//! What `stat` tells: kinds, sizes, modes, times, directory entries.

/// The kind of a filesystem entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// A regular file.
    File,
    /// A directory.
    Directory,
    /// A symbolic link (only from [`crate::FileSystem::symlink_metadata`] and
    /// [`crate::FileSystem::read_dir`]).
    Symlink,
}

/// A point in time: seconds and nanoseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    pub secs: i64,
    /// Nanoseconds within the second, `0..1_000_000_000`.
    pub nanos: u32,
}

impl Timestamp {
    /// `secs` seconds after the epoch.
    pub const fn from_secs(secs: i64) -> Timestamp {
        Timestamp { secs, nanos: 0 }
    }

    /// Milliseconds since the epoch (what JavaScript's `Date` takes).
    pub fn as_millis(self) -> i64 {
        self.secs * 1000 + i64::from(self.nanos / 1_000_000)
    }
}

/// What a filesystem knows about an entry.
///
/// Backends fill in what they know; an object store, for instance, has no modes, so it
/// reports the defaults documented on [`Metadata::default_mode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// File, directory or symlink.
    pub kind: FileKind,
    /// Size in bytes (for a symlink, the length of its target; for a directory, 4096 as
    /// Linux filesystems commonly report).
    pub size: u64,
    /// Permission bits (`0o644`), without the file-type bits.
    pub mode: u32,
    /// Last modification time.
    pub mtime: Timestamp,
    /// A number unique to the entry within its filesystem, for `ls -i` and `stat %i`.
    pub inode: u64,
    /// Number of hard links (1 for files; directories count their subdirectories + 2 where
    /// the backend knows them).
    pub nlink: u64,
}

impl Metadata {
    /// The permission bits a new entry of `kind` gets when none are given: `0o644` for files,
    /// `0o755` for directories, `0o777` for symlinks (as Linux creates them under umask 022).
    pub fn default_mode(kind: FileKind) -> u32 {
        match kind {
            FileKind::File => 0o644,
            FileKind::Directory => 0o755,
            FileKind::Symlink => 0o777,
        }
    }

    /// Whether this is a regular file.
    pub fn is_file(&self) -> bool {
        self.kind == FileKind::File
    }

    /// Whether this is a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == FileKind::Directory
    }

    /// Whether this is a symlink.
    pub fn is_symlink(&self) -> bool {
        self.kind == FileKind::Symlink
    }
}

/// One entry of a directory listing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DirEntry {
    /// The entry's name (one component, bytes).
    pub name: Vec<u8>,
    /// Its kind, not following symlinks.
    pub kind: FileKind,
}
