//! The contract suite every [`FileSystem`] backend must pass (cargo feature `testing`).
//!
//! One set of checks, written once, pins down what the trait promises: contents, ranges,
//! directory listings, renames, symlinks and, above all, the exact errno of every failure.
//! Each backend's tests run it against a fresh, empty directory; [`Capabilities`] switches
//! off what a backend cannot do (an object store has no symlinks) and sizes the stress checks.
//!
//! The suite is plain async code, so any executor can drive it:
//!
//! ```
//! use vbash_vfs::testing::{run_contract_suite, Capabilities};
//! use vbash_vfs::{FileSystem, MemFs, VfsPath};
//!
//! let fs = MemFs::new();
//! let root = VfsPath::new("/contract").unwrap();
//! futures::executor::block_on(async {
//!     fs.create_dir(&root).await.unwrap();
//!     // Small stress sizes keep the doctest quick; the defaults are a few MB and files.
//!     let caps = Capabilities::all().with_stress(64 * 1024, 100);
//!     run_contract_suite(&fs, &root, caps).await;
//! });
//! ```
//!
//! A failing check panics naming the check, the operation and what differed, e.g.
//! ``contract check `remove_dir` failed: remove_dir of a non-empty directory: expected
//! ENOTEMPTY, got EEXIST``.
//! Each check works in its own subdirectory of `root` named after it, which is left behind
//! for inspection.
//!
//! For read-only backends (or a read-only lower layer), [`populate_read_fixture`] writes a
//! known tree through a writable filesystem and [`run_read_checks`] verifies every read
//! operation against it.

mod checks;
mod fixture;
mod links;
mod rename;

use std::fmt::Debug;

use bytes::Bytes;

use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::metadata::FileKind;
use crate::path::VfsPath;

pub use fixture::{assert_read_only, populate_read_fixture, run_read_checks};

/// What a backend supports, so the suite skips what it cannot do and sizes its stress checks.
///
/// Start from [`Capabilities::all`] (a POSIX-like backend such as `MemFs`) and switch off
/// what is missing; the fields are public so a struct literal works too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Symbolic links exist (`symlink`, `read_link`, following, `ELOOP`).
    pub symlinks: bool,
    /// Permission bits are stored: new entries get `0o644`/`0o755` and `set_mode` sticks.
    pub modes: bool,
    /// `set_mtime` sticks and `metadata` reports it back exactly.
    pub set_mtime: bool,
    /// An empty directory persists after `create_dir` (object stores need a marker for it).
    pub empty_dirs: bool,
    /// Directories can be renamed.
    pub rename_dirs: bool,
    /// Size of the file the large-file check writes (bytes).
    pub large_file_bytes: usize,
    /// Number of files the many-files check puts in one directory.
    pub many_files: usize,
}

impl Capabilities {
    /// Everything supported, with stress sizes of 4 MiB and 3,000 files (a POSIX-like,
    /// in-memory or local backend).
    pub fn all() -> Capabilities {
        Capabilities {
            symlinks: true,
            modes: true,
            set_mtime: true,
            empty_dirs: true,
            rename_dirs: true,
            large_file_bytes: 4 << 20,
            many_files: 3000,
        }
    }

    /// The same capabilities with other stress sizes (smaller for a networked backend).
    pub fn with_stress(mut self, large_file_bytes: usize, many_files: usize) -> Capabilities {
        self.large_file_bytes = large_file_bytes;
        self.many_files = many_files;
        self
    }
}

impl Default for Capabilities {
    /// [`Capabilities::all`].
    fn default() -> Capabilities {
        Capabilities::all()
    }
}

/// Runs every contract check against `fs`, in sequence, each in a fresh subdirectory of
/// `root` (an existing, empty directory). Panics on the first failure, naming the check.
pub async fn run_contract_suite(fs: &dyn FileSystem, root: &VfsPath, caps: Capabilities) {
    macro_rules! run {
        ($($check:path),* $(,)?) => {$(
            let name = stringify!($check).rsplit("::").next().unwrap_or("");
            let c = Ctx::new(fs, root, name, caps).await;
            $check(&c).await;
        )*};
    }
    run!(
        checks::read_write,
        checks::read_range,
        checks::create_new,
        checks::append,
        checks::metadata,
        checks::read_dir,
        checks::create_dir,
        checks::create_dir_all,
        checks::remove_file,
        checks::remove_dir,
        checks::remove_dir_all,
        checks::prefix_siblings,
        checks::exists,
        checks::read_many,
        checks::set_mtime,
        checks::set_mode,
        checks::large_file,
        checks::many_files,
        rename::rename_file,
        rename::rename_dir,
        links::symlinks,
        links::symlink_errors,
        links::symlink_loops,
        links::symlinks_in_dirs,
    );
}

/// The state of one check: the filesystem, the check's own directory and its name for
/// failure messages.
pub(crate) struct Ctx<'a> {
    pub fs: &'a dyn FileSystem,
    pub dir: VfsPath,
    pub name: &'static str,
    pub caps: Capabilities,
}

impl<'a> Ctx<'a> {
    /// Creates the check's directory `root/name` (it must not exist yet).
    pub async fn new(
        fs: &'a dyn FileSystem,
        root: &VfsPath,
        name: &'static str,
        caps: Capabilities,
    ) -> Ctx<'a> {
        let c = Ctx {
            fs,
            dir: root.join(name.as_bytes()),
            name,
            caps,
        };
        let r = fs.create_dir(&c.dir).await;
        c.ok(&format!("create_dir {}", c.dir), r);
        c
    }

    /// A context on an existing directory, for checks that do not create their own.
    pub fn at(
        fs: &'a dyn FileSystem,
        dir: &VfsPath,
        name: &'static str,
        caps: Capabilities,
    ) -> Ctx<'a> {
        Ctx {
            fs,
            dir: dir.clone(),
            name,
            caps,
        }
    }

    /// `rel` below the check's directory.
    pub fn p(&self, rel: impl AsRef<[u8]>) -> VfsPath {
        self.dir.resolve(rel.as_ref())
    }

    /// Fails the check.
    #[track_caller]
    pub fn fail(&self, msg: &str) -> ! {
        panic!("contract check `{}` failed: {msg}", self.name)
    }

    /// Unwraps `r`, failing the check with `what` on an error.
    #[track_caller]
    pub fn ok<T>(&self, what: &str, r: Result<T>) -> T {
        match r {
            Ok(v) => v,
            Err(e) => self.fail(&format!("{what}: unexpected error {} ({e})", e.kind.code())),
        }
    }

    /// Expects an error of `kind` about `path` (the path as passed to the operation).
    #[track_caller]
    pub fn err<T: Debug>(&self, what: &str, r: Result<T>, kind: ErrorKind, path: &VfsPath) {
        let e = self.err_kind(what, r, kind);
        if e.path != path.as_bytes() {
            self.fail(&format!(
                "{what}: {} error names path {:?}, expected {:?}",
                kind.code(),
                String::from_utf8_lossy(&e.path),
                path.to_str_lossy()
            ));
        }
    }

    /// Expects an error of `kind`, whatever path it names.
    #[track_caller]
    pub fn err_kind<T: Debug>(&self, what: &str, r: Result<T>, kind: ErrorKind) -> FsError {
        match r {
            Err(e) if e.kind == kind => e,
            Err(e) => self.fail(&format!(
                "{what}: expected {}, got {} ({e})",
                kind.code(),
                e.kind.code()
            )),
            Ok(v) => self.fail(&format!("{what}: expected {}, got Ok({v:?})", kind.code())),
        }
    }

    /// Fails unless `got == want`.
    #[track_caller]
    pub fn eq<T: PartialEq + Debug>(&self, what: &str, got: T, want: T) {
        if got != want {
            self.fail(&format!("{what}: got {got:?}, expected {want:?}"));
        }
    }

    /// Fails unless `cond`.
    #[track_caller]
    pub fn check(&self, what: &str, cond: bool) {
        if !cond {
            self.fail(what);
        }
    }

    /// Writes `data` to `rel`, creating missing parents; both must succeed. Returns the path.
    pub async fn put(&self, rel: impl AsRef<[u8]>, data: &[u8]) -> VfsPath {
        let p = self.p(rel);
        if let Some(parent) = p.parent().filter(|d| *d != self.dir) {
            let r = self.fs.create_dir_all(&parent).await;
            self.ok(&format!("create_dir_all {parent}"), r);
        }
        let r = self.fs.write(&p, Bytes::copy_from_slice(data)).await;
        self.ok(&format!("write {p}"), r);
        p
    }

    /// Creates directory `rel` (and parents), which must succeed; returns the path.
    pub async fn mkdir(&self, rel: impl AsRef<[u8]>) -> VfsPath {
        let p = self.p(rel);
        let r = self.fs.create_dir_all(&p).await;
        self.ok(&format!("create_dir_all {p}"), r);
        p
    }

    /// Creates a symlink at `rel` pointing to `target`, which must succeed; returns the path.
    pub async fn link(&self, target: impl AsRef<[u8]>, rel: impl AsRef<[u8]>) -> VfsPath {
        let p = self.p(rel);
        let target = target.as_ref();
        let r = self.fs.symlink(target, &p).await;
        self.ok(
            &format!("symlink {} -> {:?}", p, String::from_utf8_lossy(target)),
            r,
        );
        p
    }

    /// Fails unless `path` reads as exactly `want`.
    pub async fn content(&self, path: &VfsPath, want: &[u8]) {
        let r = self.fs.read(path).await;
        let got = self.ok(&format!("read {path}"), r);
        if got != want {
            self.fail(&format!(
                "read {path}: got {} bytes {:?}, expected {} bytes {:?}",
                got.len(),
                preview(&got),
                want.len(),
                preview(want)
            ));
        }
    }

    /// Fails unless nothing exists at `path` (not even a symlink).
    pub async fn gone(&self, path: &VfsPath) {
        let r = self.fs.symlink_metadata(path).await;
        self.err_kind(
            &format!("symlink_metadata {path} (should be gone)"),
            r,
            ErrorKind::NotFound,
        );
    }

    /// The listing of `path` as (name, kind) pairs, which must succeed.
    pub async fn listing(&self, path: &VfsPath) -> Vec<(Vec<u8>, FileKind)> {
        let r = self.fs.read_dir(path).await;
        self.ok(&format!("read_dir {path}"), r)
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect()
    }

    /// Fails unless `path` lists exactly `want` (names as text, in the given order).
    pub async fn lists(&self, path: &VfsPath, want: &[(&str, FileKind)]) {
        let got = self.listing(path).await;
        let want: Vec<(Vec<u8>, FileKind)> = want
            .iter()
            .map(|(n, k)| (n.as_bytes().to_vec(), *k))
            .collect();
        if got != want {
            self.fail(&format!(
                "read_dir {path}: got {:?}, expected {:?}",
                show_listing(&got),
                show_listing(&want)
            ));
        }
    }

    /// The kind at `path`, following symlinks, which must exist.
    pub async fn kind(&self, path: &VfsPath) -> FileKind {
        let r = self.fs.metadata(path).await;
        self.ok(&format!("metadata {path}"), r).kind
    }
}

/// The start of some bytes, as text, for failure messages.
fn preview(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(&b[..b.len().min(40)]).into_owned();
    if b.len() > 40 {
        s + "…"
    } else {
        s
    }
}

fn show_listing(l: &[(Vec<u8>, FileKind)]) -> Vec<(String, FileKind)> {
    l.iter()
        .map(|(n, k)| (String::from_utf8_lossy(n).into_owned(), *k))
        .collect()
}

/// Deterministic, position-dependent bytes (so a misplaced range shows), `len` long.
pub(crate) fn pattern(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            // xorshift32: cheap and never stuck at zero for a non-zero start.
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}
