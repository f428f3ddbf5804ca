//! [`HostFs`]: a host directory, confined to its root (cargo feature `host`, Unix only;
//! documented on the type).

use std::collections::VecDeque;
use std::fmt;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use bytes::Bytes;
use rustix::fs::{self as rfs, Access, AtFlags, FileType, Mode, OFlags, Timespec, Timestamps};
use rustix::io::Errno;

use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};
use crate::path::VfsPath;
use crate::walk::MAX_HOPS;

/// A directory of the host, confined to its root (cargo feature `host`, Unix only, never on wasm).
///
/// ```
/// use vbash_vfs::{FileSystem, HostFs, VfsPath};
///
/// let dir = tempfile::tempdir().unwrap();
/// std::os::unix::fs::symlink("/etc/passwd", dir.path().join("passwd")).unwrap();
/// let fs = HostFs::new(dir.path()).unwrap();
/// let p = |s: &str| VfsPath::new(s).unwrap();
/// futures::executor::block_on(async {
///     fs.write(&p("/notes.txt"), "hello".into()).await.unwrap();
///     assert_eq!(std::fs::read(dir.path().join("notes.txt")).unwrap(), b"hello");
///     // An absolute symlink target means <root>/etc/passwd here, which does not exist:
///     // the host's /etc/passwd is out of reach.
///     assert!(fs.read(&p("/passwd")).await.is_err());
/// });
/// ```
///
/// # Confinement
///
/// Every path is resolved by `HostFs` itself, one component at a time, from a descriptor of
/// the root directory opened once in [`HostFs::new`]: each component is examined with
/// `fstatat(AT_SYMLINK_NOFOLLOW)`, each directory on the way is opened with
/// `openat(O_NOFOLLOW | O_DIRECTORY)` relative to the previous one, and the final operation
/// uses the `*at` call relative to the last directory (`openat` with `O_NOFOLLOW`, `mkdirat`,
/// `unlinkat`, `renameat`, `symlinkat`, `readlinkat`, `utimensat(AT_SYMLINK_NOFOLLOW)`). The
/// kernel therefore never follows a symlink for us, and a symlink swapped in for a directory
/// after it was examined makes `openat` fail instead of leading elsewhere.
///
/// Symlinks are followed as in a `chroot` at the root: a relative target continues from the
/// link's directory, an **absolute target starts at the root** (`/etc/passwd` means
/// `<root>/etc/passwd`), and `..` stops at the root. No path, symlink chain or loop can name
/// anything outside the root (loops end with `ELOOP` after 40 links). Links the sandbox
/// creates are stored with their target as written, so a *host* program following one later
/// resolves it on the host: confinement holds for access through `HostFs`, not for other
/// programs that use the directory.
///
/// What remains outside this guard, by nature: hard links and bind mounts placed in the
/// directory by the host (they are the embedder's choice), and `set_mode` on a file the
/// process cannot open for reading, which falls back to `fchmodat` by name (a symlink swapped
/// in at that instant would have its target's mode changed). Only regular files are read;
/// devices, FIFOs and sockets in the directory are refused (`EACCES`) so a read cannot block
/// or never end.
///
/// # Semantics
///
/// Writes are atomic: the new content goes to a temporary file in the same directory
/// (`.vbash-tmp-*`), which then replaces the old one by `renameat`, keeping its mode; a failed
/// write leaves the old content. New files get mode `0o644` and directories `0o755` whatever
/// the process umask. Directories report size 4096, as the other backends do. Errors map
/// from errno to [`ErrorKind`]; anything without an equivalent becomes `EIO` with the OS's
/// message.
///
/// The calls are blocking system calls made inside the `async` methods: fine for local
/// disks and the CLI, but an embedder serving many sandboxes from one async runtime may want
/// to move them to a blocking pool.
pub struct HostFs {
    root: PathBuf,
    root_fd: OwnedFd,
}

impl fmt::Debug for HostFs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HostFs").field("root", &self.root).finish()
    }
}

/// How directories on the way are opened: only to be used as the base of `*at` calls, and
/// never through a symlink. `O_PATH` needs no read permission, where Linux has it.
#[cfg(any(target_os = "linux", target_os = "android"))]
const WALK: OFlags = OFlags::PATH
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const WALK: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// Numbers the temporary files of atomic writes, so concurrent writers never share one.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A resolved path: the directories opened on the way and the final name in the innermost.
struct Target {
    /// Directories below the root, outermost first; empty when the entry is in the root.
    dirs: Vec<OwnedFd>,
    /// The entry's name in the innermost directory; `None` for the root itself.
    name: Option<Vec<u8>>,
}

impl Target {
    /// The directory holding the entry (for the root itself, the root).
    fn dir<'a>(&'a self, fs: &'a HostFs) -> BorrowedFd<'a> {
        self.dirs
            .last()
            .map(|d| d.as_fd())
            .unwrap_or_else(|| fs.root_fd.as_fd())
    }

    /// The directory and the name, or the error for an operation on the root itself.
    fn entry<'a>(
        &'a self,
        fs: &'a HostFs,
        root: (ErrorKind, &VfsPath),
    ) -> Result<(BorrowedFd<'a>, &'a [u8])> {
        match &self.name {
            Some(name) => Ok((self.dir(fs), name)),
            None => Err(FsError::new(root.0, root.1.as_bytes())),
        }
    }
}

impl HostFs {
    /// Serves the directory `root` (made absolute and free of symlinks first). Fails when it
    /// does not exist or is not a directory.
    pub fn new(root: impl AsRef<Path>) -> std::io::Result<HostFs> {
        let root = std::fs::canonicalize(root)?;
        let root_fd = rfs::open(
            &root,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(HostFs { root, root_fd })
    }

    /// The host directory served, as canonicalized by [`HostFs::new`].
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resolves `path` below the root (see the module docs), following a final symlink when
    /// `follow`. The final entry may be missing.
    fn resolve(&self, path: &VfsPath, follow: bool) -> Result<Target> {
        let err = |e: Errno| errno(e, path);
        let mut dirs: Vec<OwnedFd> = Vec::new();
        let mut names: Vec<Vec<u8>> = Vec::new();
        let mut todo: VecDeque<Vec<u8>> = path.components().map(<[u8]>::to_vec).collect();
        let mut hops = 0;
        while let Some(name) = todo.pop_front() {
            match &name[..] {
                b"" | b"." => continue,
                // Physical parent, stopping at the root: `..` cannot climb out.
                b".." => {
                    dirs.pop();
                    names.pop();
                    continue;
                }
                _ => {}
            }
            let last = todo.is_empty();
            if last && !follow {
                return Ok(Target {
                    dirs,
                    name: Some(name),
                });
            }
            let dir = dirs
                .last()
                .map(|d| d.as_fd())
                .unwrap_or(self.root_fd.as_fd());
            let stat = match rfs::statat(dir, &name[..], AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) => stat,
                Err(Errno::NOENT) if last => {
                    return Ok(Target {
                        dirs,
                        name: Some(name),
                    })
                }
                Err(e) => return Err(err(e)),
            };
            match file_type(&stat) {
                FileType::Symlink => {
                    hops += 1;
                    if hops > MAX_HOPS {
                        return Err(FsError::new(ErrorKind::TooManyLinks, path.as_bytes()));
                    }
                    let target = rfs::readlinkat(dir, &name[..], Vec::new()).map_err(err)?;
                    let target = target.into_bytes();
                    // An absolute target starts again at the root, as in a chroot.
                    if target.first() == Some(&b'/') {
                        dirs.clear();
                        names.clear();
                    }
                    for comp in target.split(|&c| c == b'/').rev() {
                        todo.push_front(comp.to_vec());
                    }
                }
                FileType::Directory if !last => {
                    // O_NOFOLLOW: if the directory was replaced by a symlink since `statat`,
                    // this fails rather than following it.
                    let fd = rfs::openat(dir, &name[..], WALK, Mode::empty()).map_err(err)?;
                    dirs.push(fd);
                    names.push(name);
                }
                _ if !last => {
                    return Err(FsError::new(ErrorKind::NotADirectory, path.as_bytes()));
                }
                _ => {
                    return Ok(Target {
                        dirs,
                        name: Some(name),
                    })
                }
            }
        }
        // The walk ended inside a directory it opened (a trailing `..` or a link to a
        // directory): name it from its parent.
        let name = names.pop();
        dirs.pop();
        Ok(Target { dirs, name })
    }

    /// Opens the resolved entry as a directory for listing.
    fn open_dir(&self, t: &Target) -> rustix::io::Result<OwnedFd> {
        let (dir, name): (BorrowedFd<'_>, &[u8]) = match &t.name {
            Some(name) => (t.dir(self), name),
            None => (self.root_fd.as_fd(), b"."),
        };
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        rfs::openat(dir, name, flags, Mode::empty())
    }

    /// `stat` of the resolved entry itself (never following it).
    fn stat(&self, t: &Target) -> rustix::io::Result<rfs::Stat> {
        match &t.name {
            Some(name) => rfs::statat(t.dir(self), &name[..], AtFlags::SYMLINK_NOFOLLOW),
            None => rfs::fstat(&self.root_fd),
        }
    }

    /// Opens a regular file for reading: `EISDIR` for a directory, `EACCES` for a device,
    /// FIFO or socket.
    fn open_read(&self, path: &VfsPath) -> Result<std::fs::File> {
        let t = self.resolve(path, true)?;
        let (dir, name) = t.entry(self, (ErrorKind::IsADirectory, path))?;
        // O_NONBLOCK so that opening a FIFO cannot hang; it is refused just below.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rfs::openat(dir, name, flags, Mode::empty()).map_err(|e| errno(e, path))?;
        let stat = rfs::fstat(&fd).map_err(|e| errno(e, path))?;
        match file_type(&stat) {
            FileType::RegularFile => Ok(std::fs::File::from(fd)),
            FileType::Directory => Err(FsError::new(ErrorKind::IsADirectory, path.as_bytes())),
            _ => Err(FsError::new(ErrorKind::PermissionDenied, path.as_bytes())),
        }
    }

    /// Sets the permission bits of `name` in `dir` without following a symlink: through a
    /// descriptor where the file can be opened, by name otherwise.
    fn chmod(&self, dir: BorrowedFd<'_>, name: &[u8], mode: u32) -> rustix::io::Result<()> {
        let mode = Mode::from_bits_truncate((mode & 0o7777) as _);
        let stat = rfs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)?;
        let kind = file_type(&stat);
        if matches!(kind, FileType::RegularFile | FileType::Directory) {
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            match rfs::openat(dir, name, flags, Mode::empty()) {
                Ok(fd) => return rfs::fchmod(&fd, mode),
                Err(Errno::ACCESS | Errno::PERM) => {}
                Err(e) => return Err(e),
            }
        } else if kind == FileType::Symlink {
            return Err(Errno::LOOP);
        }
        rfs::chmodat(dir, name, mode, AtFlags::empty())
    }

    /// Writes `data` to `name` in `dir` atomically (see the module docs).
    fn replace(&self, dir: BorrowedFd<'_>, name: &[u8], data: &[u8], path: &VfsPath) -> Result<()> {
        let err = |e: Errno| errno(e, path);
        let mode = match rfs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => match file_type(&stat) {
                FileType::Directory => {
                    return Err(FsError::new(ErrorKind::IsADirectory, path.as_bytes()))
                }
                FileType::Symlink => {
                    return Err(FsError::new(ErrorKind::TooManyLinks, path.as_bytes()))
                }
                _ => {
                    // Replacing by rename needs no write permission on the file: check it
                    // as an in-place write would.
                    rfs::accessat(dir, name, Access::WRITE_OK, AtFlags::empty()).map_err(err)?;
                    metadata(&stat).mode
                }
            },
            Err(Errno::NOENT) => 0o644,
            Err(e) => return Err(err(e)),
        };
        let tmp = format!(
            ".vbash-tmp-{}-{}",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd =
            rfs::openat(dir, tmp.as_str(), flags, Mode::from_bits_truncate(0o600)).map_err(err)?;
        let written = rfs::fchmod(&fd, Mode::from_bits_truncate(mode as _))
            .map_err(std::io::Error::from)
            .and_then(|()| std::fs::File::from(fd).write_all(data))
            .map_err(|e| io_error(&e, path))
            .and_then(|()| rfs::renameat(dir, tmp.as_str(), dir, name).map_err(err));
        if written.is_err() {
            let _ = rfs::unlinkat(dir, tmp.as_str(), AtFlags::empty());
        }
        written
    }
}

/// The file type bits of a `stat`.
fn file_type(stat: &rfs::Stat) -> FileType {
    // `st_mode`'s integer type differs between platforms.
    #[allow(clippy::unnecessary_cast)]
    FileType::from_raw_mode(stat.st_mode as _)
}

/// `stat` as [`Metadata`].
// The field types of `struct stat` differ between platforms; these casts are lossless where
// they are not no-ops.
#[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
fn metadata(stat: &rfs::Stat) -> Metadata {
    let kind = match file_type(stat) {
        FileType::Directory => FileKind::Directory,
        FileType::Symlink => FileKind::Symlink,
        // Devices, FIFOs and sockets are shown as files (reading them is refused).
        _ => FileKind::File,
    };
    Metadata {
        kind,
        size: if kind == FileKind::Directory {
            4096
        } else {
            stat.st_size as u64
        },
        mode: (stat.st_mode as u32) & 0o7777,
        mtime: Timestamp {
            secs: stat.st_mtime as i64,
            nanos: stat.st_mtime_nsec as u32,
        },
        inode: stat.st_ino as u64,
        nlink: stat.st_nlink as u64,
    }
}

/// An errno from the host as an [`FsError`] about `path`.
fn errno(e: Errno, path: &VfsPath) -> FsError {
    let kind = match e {
        Errno::NOENT => ErrorKind::NotFound,
        Errno::EXIST => ErrorKind::AlreadyExists,
        Errno::NOTDIR => ErrorKind::NotADirectory,
        Errno::ISDIR => ErrorKind::IsADirectory,
        Errno::NOTEMPTY => ErrorKind::DirectoryNotEmpty,
        Errno::ACCESS | Errno::PERM => ErrorKind::PermissionDenied,
        Errno::ROFS => ErrorKind::ReadOnly,
        Errno::LOOP => ErrorKind::TooManyLinks,
        Errno::NAMETOOLONG => ErrorKind::NameTooLong,
        Errno::XDEV => ErrorKind::CrossDevice,
        Errno::FBIG => ErrorKind::FileTooLarge,
        Errno::NOSPC | Errno::DQUOT => ErrorKind::NoSpace,
        Errno::INVAL => ErrorKind::InvalidInput,
        Errno::BUSY => ErrorKind::Busy,
        Errno::NOTSUP => ErrorKind::Unsupported,
        other => return FsError::io(path.as_bytes(), std::io::Error::from(other).to_string()),
    };
    FsError::new(kind, path.as_bytes())
}

/// A `std::io::Error` (from reading or writing a file) as an [`FsError`] about `path`.
fn io_error(e: &std::io::Error, path: &VfsPath) -> FsError {
    match e.raw_os_error() {
        Some(code) => errno(Errno::from_raw_os_error(code), path),
        None => FsError::io(path.as_bytes(), e.to_string()),
    }
}

#[async_trait]
impl FileSystem for HostFs {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        let mut file = self.open_read(path)?;
        let mut data = Vec::new();
        file.read_to_end(&mut data)
            .map_err(|e| io_error(&e, path))?;
        Ok(Bytes::from(data))
    }

    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        let mut file = self.open_read(path)?;
        let mut data = Vec::new();
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.take(len).read_to_end(&mut data))
            .map_err(|e| io_error(&e, path))?;
        Ok(Bytes::from(data))
    }

    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let t = self.resolve(path, true)?;
        let (dir, name) = t.entry(self, (ErrorKind::IsADirectory, path))?;
        self.replace(dir, name, &data, path)
    }

    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let t = self.resolve(path, false)?;
        let (dir, name) = t.entry(self, (ErrorKind::AlreadyExists, path))?;
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rfs::openat(dir, name, flags, Mode::from_bits_truncate(0o644))
            .map_err(|e| errno(e, path))?;
        let written = rfs::fchmod(&fd, Mode::from_bits_truncate(0o644))
            .map_err(std::io::Error::from)
            .and_then(|()| std::fs::File::from(fd).write_all(&data));
        if let Err(e) = written {
            // A failed write must not leave a half-written file behind.
            let _ = rfs::unlinkat(dir, name, AtFlags::empty());
            return Err(io_error(&e, path));
        }
        Ok(())
    }

    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let t = self.resolve(path, true)?;
        let (dir, name) = t.entry(self, (ErrorKind::IsADirectory, path))?;
        let existed = rfs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW).is_ok();
        let flags =
            OFlags::WRONLY | OFlags::APPEND | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rfs::openat(dir, name, flags, Mode::from_bits_truncate(0o644))
            .map_err(|e| errno(e, path))?;
        if !existed {
            rfs::fchmod(&fd, Mode::from_bits_truncate(0o644)).map_err(|e| errno(e, path))?;
        }
        std::fs::File::from(fd)
            .write_all(&data)
            .map_err(|e| io_error(&e, path))
    }

    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        let t = self.resolve(path, true)?;
        self.stat(&t)
            .map(|s| metadata(&s))
            .map_err(|e| errno(e, path))
    }

    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        let t = self.resolve(path, false)?;
        self.stat(&t)
            .map(|s| metadata(&s))
            .map_err(|e| errno(e, path))
    }

    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        let err = |e: Errno| errno(e, path);
        let t = self.resolve(path, true)?;
        let fd = self.open_dir(&t).map_err(err)?;
        let mut entries = Vec::new();
        for entry in rfs::Dir::new(fd.try_clone().map_err(|e| io_error(&e, path))?).map_err(err)? {
            let entry = entry.map_err(err)?;
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Directory => FileKind::Directory,
                FileType::Symlink => FileKind::Symlink,
                // Some filesystems do not say in the listing: ask.
                FileType::Unknown => match rfs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(stat) => metadata(&stat).kind,
                    Err(Errno::NOENT) => continue,
                    Err(e) => return Err(err(e)),
                },
                _ => FileKind::File,
            };
            entries.push(DirEntry {
                name: name.to_vec(),
                kind,
            });
        }
        entries.sort();
        Ok(entries)
    }

    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        let err = |e: Errno| errno(e, path);
        let t = self.resolve(path, false)?;
        let (dir, name) = t.entry(self, (ErrorKind::AlreadyExists, path))?;
        rfs::mkdirat(dir, name, Mode::from_bits_truncate(0o755)).map_err(err)?;
        // Whatever the process umask took away.
        self.chmod(dir, name, 0o755).map_err(err)
    }

    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        let err = |e: Errno| errno(e, path);
        let t = self.resolve(path, false)?;
        let (dir, name) = t.entry(self, (ErrorKind::IsADirectory, path))?;
        let stat = rfs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW).map_err(err)?;
        if file_type(&stat) == FileType::Directory {
            // unlink(2) says EPERM on some systems; Linux and the trait say EISDIR.
            return Err(FsError::new(ErrorKind::IsADirectory, path.as_bytes()));
        }
        rfs::unlinkat(dir, name, AtFlags::empty()).map_err(err)
    }

    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        let t = self.resolve(path, false)?;
        let (dir, name) = t.entry(self, (ErrorKind::Busy, path))?;
        rfs::unlinkat(dir, name, AtFlags::REMOVEDIR).map_err(|e| match e {
            // POSIX allows EEXIST for a non-empty directory.
            Errno::EXIST => FsError::new(ErrorKind::DirectoryNotEmpty, path.as_bytes()),
            e => errno(e, path),
        })
    }

    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        let tf = self.resolve(from, false)?;
        let tt = self.resolve(to, false)?;
        let (fdir, fname) = tf.entry(self, (ErrorKind::Busy, from))?;
        let (tdir, tname) = tt.entry(self, (ErrorKind::Busy, to))?;
        rfs::renameat(fdir, fname, tdir, tname).map_err(|e| errno(e, from))
    }

    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()> {
        let t = self.resolve(link, false)?;
        let (dir, name) = t.entry(self, (ErrorKind::AlreadyExists, link))?;
        rfs::symlinkat(target, dir, name).map_err(|e| errno(e, link))
    }

    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        let t = self.resolve(path, false)?;
        let (dir, name) = t.entry(self, (ErrorKind::InvalidInput, path))?;
        rfs::readlinkat(dir, name, Vec::new())
            .map(|target| target.into_bytes())
            .map_err(|e| errno(e, path))
    }

    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()> {
        let t = self.resolve(path, true)?;
        let times = Timestamps {
            last_access: Timespec {
                tv_sec: 0,
                tv_nsec: rfs::UTIME_OMIT,
            },
            last_modification: Timespec {
                tv_sec: mtime.secs as _,
                tv_nsec: mtime.nanos as _,
            },
        };
        let res = match &t.name {
            Some(name) => rfs::utimensat(t.dir(self), &name[..], &times, AtFlags::SYMLINK_NOFOLLOW),
            None => rfs::utimensat(&self.root_fd, ".", &times, AtFlags::empty()),
        };
        res.map_err(|e| errno(e, path))
    }

    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()> {
        let t = self.resolve(path, true)?;
        let res = match &t.name {
            Some(name) => self.chmod(t.dir(self), name, mode),
            None => self.chmod(self.root_fd.as_fd(), b".", mode),
        };
        res.map_err(|e| errno(e, path))
    }
}
