//! The contract suite checked against the Linux kernel itself: a throwaway, unconfined
//! `std::fs` adapter over a temporary directory runs the whole suite, so every errno the
//! suite expects is the one a real Linux filesystem gives. (Not a backend: `HostFs` is the
//! confined one; this only keeps the suite honest.)
#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use async_trait::async_trait;
use futures::executor::block_on;
use vbash_vfs::testing::{
    assert_read_only, populate_read_fixture, run_contract_suite, run_read_checks, Capabilities,
};
use vbash_vfs::{
    Bytes, DirEntry, ErrorKind, FileKind, FileSystem, FsError, Metadata, ReadOnlyFs, Result,
    Timestamp, VfsPath,
};

/// `std::fs` below `root`, with errors mapped from the kernel's errno.
#[derive(Debug)]
struct StdFs {
    root: PathBuf,
}

impl StdFs {
    fn host(&self, p: &VfsPath) -> PathBuf {
        self.root.join(OsStr::from_bytes(&p.as_bytes()[1..]))
    }
}

fn err(p: &VfsPath) -> impl Fn(std::io::Error) -> FsError + '_ {
    move |e| {
        // Linux x86-64/aarch64 errno values.
        let kind = match e.raw_os_error() {
            Some(2) => ErrorKind::NotFound,
            Some(17) => ErrorKind::AlreadyExists,
            Some(20) => ErrorKind::NotADirectory,
            Some(21) => ErrorKind::IsADirectory,
            Some(39) => ErrorKind::DirectoryNotEmpty,
            Some(13) => ErrorKind::PermissionDenied,
            Some(30) => ErrorKind::ReadOnly,
            Some(40) => ErrorKind::TooManyLinks,
            Some(36) => ErrorKind::NameTooLong,
            Some(18) => ErrorKind::CrossDevice,
            Some(22) => ErrorKind::InvalidInput,
            Some(16) => ErrorKind::Busy,
            _ => return FsError::io(p.as_bytes(), e.to_string()),
        };
        FsError::new(kind, p.as_bytes())
    }
}

fn meta(m: std::fs::Metadata) -> Metadata {
    let kind = if m.file_type().is_symlink() {
        FileKind::Symlink
    } else if m.is_dir() {
        FileKind::Directory
    } else {
        FileKind::File
    };
    Metadata {
        kind,
        size: m.len(),
        mode: m.mode() & 0o7777,
        mtime: Timestamp {
            secs: m.mtime(),
            nanos: m.mtime_nsec() as u32,
        },
        inode: m.ino(),
        nlink: m.nlink(),
    }
}

#[async_trait]
impl FileSystem for StdFs {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        std::fs::read(self.host(path))
            .map(Bytes::from)
            .map_err(err(path))
    }
    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        let mut f = std::fs::File::open(self.host(path)).map_err(err(path))?;
        let mut out = Vec::new();
        f.seek(SeekFrom::Start(offset)).map_err(err(path))?;
        f.take(len).read_to_end(&mut out).map_err(err(path))?;
        Ok(out.into())
    }
    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        std::fs::write(self.host(path), &data).map_err(err(path))
    }
    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.host(path))
            .map_err(err(path))?;
        f.write_all(&data).map_err(err(path))
    }
    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(self.host(path))
            .map_err(err(path))?;
        f.write_all(&data).map_err(err(path))
    }
    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        std::fs::metadata(self.host(path))
            .map(meta)
            .map_err(err(path))
    }
    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        std::fs::symlink_metadata(self.host(path))
            .map(meta)
            .map_err(err(path))
    }
    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(self.host(path)).map_err(err(path))? {
            let e = e.map_err(err(path))?;
            let t = e.file_type().map_err(err(path))?;
            let kind = if t.is_symlink() {
                FileKind::Symlink
            } else if t.is_dir() {
                FileKind::Directory
            } else {
                FileKind::File
            };
            out.push(DirEntry {
                name: e.file_name().as_bytes().to_vec(),
                kind,
            });
        }
        out.sort();
        Ok(out)
    }
    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        std::fs::create_dir(self.host(path)).map_err(err(path))
    }
    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        std::fs::remove_file(self.host(path)).map_err(err(path))
    }
    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        std::fs::remove_dir(self.host(path)).map_err(err(path))
    }
    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        std::fs::rename(self.host(from), self.host(to)).map_err(err(from))
    }
    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()> {
        // Absolute targets are relative to the adapter's root, as inside the sandbox.
        let target = if target.first() == Some(&b'/') {
            self.root.join(OsStr::from_bytes(&target[1..]))
        } else {
            PathBuf::from(OsStr::from_bytes(target))
        };
        std::os::unix::fs::symlink(target, self.host(link)).map_err(err(link))
    }
    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        let t = std::fs::read_link(self.host(path)).map_err(err(path))?;
        // Give back absolute targets as the sandbox wrote them.
        Ok(match t.strip_prefix(&self.root) {
            Ok(rest) if t.is_absolute() => [b"/", rest.as_os_str().as_bytes()].concat(),
            _ => t.as_os_str().as_bytes().to_vec(),
        })
    }
    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()> {
        let f = std::fs::File::open(self.host(path)).map_err(err(path))?;
        let t = UNIX_EPOCH + Duration::new(mtime.secs as u64, mtime.nanos);
        f.set_modified(t).map_err(err(path))
    }
    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()> {
        std::fs::set_permissions(self.host(path), std::fs::Permissions::from_mode(mode))
            .map_err(err(path))
    }
}

/// Runs `f` on an adapter over a fresh temporary directory, removed afterwards.
fn with_tmp(tag: &str, f: impl FnOnce(&StdFs)) {
    let root = std::env::temp_dir().join(format!("vbash-oracle-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let fs = StdFs { root: root.clone() };
    f(&fs);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Default modes are `0o644`/`0o755` only under umask 022.
fn umask_is_022() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Umask:") && l.ends_with("0022"))
        })
        .unwrap_or(false)
}

fn caps() -> Capabilities {
    Capabilities {
        modes: umask_is_022(),
        ..Capabilities::all().with_stress(1 << 20, 500)
    }
}

#[test]
fn contract_suite_matches_linux() {
    with_tmp("suite", |fs| {
        let root = VfsPath::new("/suite").unwrap();
        block_on(async {
            fs.create_dir(&root).await.unwrap();
            run_contract_suite(fs, &root, caps()).await;
        });
    });
}

#[test]
fn read_checks_match_linux() {
    with_tmp("read", |fs| {
        let root = VfsPath::new("/fixture").unwrap();
        block_on(async {
            fs.create_dir(&root).await.unwrap();
            populate_read_fixture(fs, &root, caps()).await;
            run_read_checks(fs, &root, caps()).await;
            let ro = ReadOnlyFs::new(StdFs {
                root: fs.root.clone(),
            });
            assert_read_only(&ro, &root, caps()).await;
        });
    });
}
