//! [`MountFs`]: several filesystems in one namespace, by a mount table (documented on the
//! type).

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use bytes::Bytes;

use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};
use crate::path::VfsPath;
use crate::walk::{self, Lookup};

/// One namespace made of several filesystems, each mounted at a directory.
///
/// ```
/// use std::sync::Arc;
/// use vbash_vfs::{ErrorKind, FileKind, FileSystem, MemFs, MountFs, VfsPath};
///
/// let p = |s: &str| VfsPath::new(s).unwrap();
/// let data: Arc<dyn FileSystem> = Arc::new(MemFs::new());
/// let fs = MountFs::new(Arc::new(MemFs::new())).mount(p("/mnt/data"), data.clone());
/// futures::executor::block_on(async {
///     fs.write(&p("/mnt/data/a.txt"), "hi".into()).await.unwrap();
///     // The mounted filesystem sees the path relative to its mount point.
///     assert_eq!(data.read(&p("/a.txt")).await.unwrap(), "hi");
///     // `/mnt` exists because a mount lies below it, even though the root has no such dir.
///     let listing = fs.read_dir(&p("/mnt")).await.unwrap();
///     assert_eq!(listing.len(), 1);
///     assert_eq!((&listing[0].name[..], listing[0].kind), (&b"data"[..], FileKind::Directory));
///     // Renames across mounts fail with EXDEV, so `mv` copies and deletes instead.
///     let e = fs.rename(&p("/mnt/data/a.txt"), &p("/a.txt")).await.unwrap_err();
///     assert_eq!(e.kind, ErrorKind::CrossDevice);
/// });
/// ```
///
/// # Rules
///
/// - **Longest prefix wins.** A path belongs to the mount whose point is its longest
///   component-wise prefix (`/mnt/data/x` to `/mnt/data` over `/mnt`); the root filesystem is
///   the mount at `/`. The mounted filesystem is given the rest as an absolute path (`/x`), and
///   paths in its errors are put back below the mount point.
/// - **Mount points and their ancestors are directories**, whether or not the filesystem
///   below has them: they are listed by `read_dir` of their parent and `stat` as directories
///   (the mounted filesystem's root for a mount point; the parent's own directory where it
///   has one, or a synthetic `0o755` directory). Creating an entry inside such a synthetic
///   directory first creates it for real in the filesystem that owns it.
/// - **`EXDEV`** for a rename whose two paths lie in different mounts; **`EBUSY`** for removing
///   a mount point (`remove_dir`) or renaming a mount point or a directory above one;
///   `ENOTEMPTY` for removing a directory above a mount point (it has the mount in it).
/// - **Symlinks are resolved by the `MountFs`, across mounts.** `MountFs` walks every path
///   itself, one component at a time, and follows each symlink it meets over the whole
///   namespace: a relative target continues from the link's directory, an absolute target
///   starts at the `MountFs` root (so `/home/user/data -> /mnt/s3/data` reaches the S3 mount),
///   and `..` goes to the physical parent. Mounted filesystems are therefore only ever given
///   paths whose ancestors are real directories, and never follow a link themselves. This is
///   what a kernel does with its mount table; the cost is one `lstat` per component of each
///   path (cheap in memory; an object store answers most of them from its metadata cache).
///   A symlink stored in a mounted filesystem keeps its target text as written, so the same
///   link means something else when that filesystem is used on its own (there, an absolute
///   target is resolved against its own root).
///
/// The mount table can change while the filesystem is in use ([`MountFs::add_mount`],
/// [`MountFs::unmount`]); each operation works on the table as it was when it started.
/// Inode numbers are those of each mounted filesystem (unique within a mount, not across).
#[derive(Debug)]
pub struct MountFs {
    table: RwLock<Arc<Table>>,
}

/// The mount table: mount points with their filesystems, longest (deepest) first so the first
/// match is the longest prefix. Always has an entry for `/`.
#[derive(Debug, Clone)]
struct Table {
    mounts: Vec<Mount>,
}

#[derive(Debug, Clone)]
struct Mount {
    point: VfsPath,
    fs: Arc<dyn FileSystem>,
}

impl MountFs {
    /// A namespace that is `root` alone until filesystems are mounted in it.
    pub fn new(root: Arc<dyn FileSystem>) -> MountFs {
        let mounts = vec![Mount {
            point: VfsPath::root(),
            fs: root,
        }];
        MountFs {
            table: RwLock::new(Arc::new(Table { mounts })),
        }
    }

    /// Mounts `fs` at `point` and returns the namespace, for building it in one expression.
    /// See [`MountFs::add_mount`].
    pub fn mount(self, point: VfsPath, fs: Arc<dyn FileSystem>) -> MountFs {
        self.add_mount(point, fs);
        self
    }

    /// Mounts `fs` at `point`, replacing what was mounted at exactly that point (mounting at
    /// `/` replaces the root). The point need not exist in the filesystem below it; it is a
    /// directory from now on.
    pub fn add_mount(&self, point: VfsPath, fs: Arc<dyn FileSystem>) {
        let mut guard = self.table.write().unwrap_or_else(|e| e.into_inner());
        let mut mounts = guard.mounts.clone();
        mounts.retain(|m| m.point != point);
        mounts.push(Mount { point, fs });
        // Deepest first; ties (siblings) by path, so the order is deterministic.
        mounts.sort_by(|a, b| {
            let depth = |p: &VfsPath| p.components().count();
            depth(&b.point)
                .cmp(&depth(&a.point))
                .then_with(|| a.point.cmp(&b.point))
        });
        *guard = Arc::new(Table { mounts });
    }

    /// Removes the mount at `point` and returns its filesystem; `None` when nothing is mounted
    /// exactly there. The root (`/`) cannot be unmounted.
    pub fn unmount(&self, point: &VfsPath) -> Option<Arc<dyn FileSystem>> {
        if point.is_root() {
            return None;
        }
        let mut guard = self.table.write().unwrap_or_else(|e| e.into_inner());
        let at = guard.mounts.iter().position(|m| &m.point == point)?;
        let mut mounts = guard.mounts.clone();
        let removed = mounts.remove(at);
        *guard = Arc::new(Table { mounts });
        Some(removed.fs)
    }

    /// The mount table: each mount point with its filesystem, sorted by path (`/` first).
    pub fn mounts(&self) -> Vec<(VfsPath, Arc<dyn FileSystem>)> {
        let table = self.table();
        let mut out: Vec<_> = table
            .mounts
            .iter()
            .map(|m| (m.point.clone(), m.fs.clone()))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// A snapshot of the table, so an operation is not affected by a concurrent (un)mount and
    /// no lock is held across an `await`.
    fn table(&self) -> Arc<Table> {
        self.table.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Table {
    /// The mount `path` belongs to and the path within it.
    fn locate(&self, path: &VfsPath) -> (&Mount, VfsPath) {
        for m in &self.mounts {
            if let Some(rel) = path.strip_prefix(&m.point) {
                return (m, rel);
            }
        }
        unreachable!("the table always has a mount at /")
    }

    /// Whether `path` is exactly a mount point (the root counts).
    fn is_mount_point(&self, path: &VfsPath) -> bool {
        self.mounts.iter().any(|m| &m.point == path)
    }

    /// Whether a mount point lies strictly below `path`.
    fn is_above_mount(&self, path: &VfsPath) -> bool {
        self.mounts
            .iter()
            .any(|m| &m.point != path && m.point.starts_with(path))
    }

    /// The names in directory `path` under which mount points (or their ancestors) lie.
    fn mount_children(&self, path: &VfsPath) -> BTreeSet<Vec<u8>> {
        self.mounts
            .iter()
            .filter(|m| &m.point != path)
            .filter_map(|m| m.point.strip_prefix(path))
            .filter_map(|rest| rest.components().next().map(<[u8]>::to_vec))
            .collect()
    }

    /// An error from `mount`'s filesystem, with its path put back in this namespace, and
    /// reported as `original` when it is about the resolved path the backend was given.
    fn outer_error(
        &self,
        e: FsError,
        mount: &Mount,
        resolved: &VfsPath,
        original: &VfsPath,
    ) -> FsError {
        let e = match VfsPath::new(&e.path) {
            Some(inner) if !mount.point.is_root() => {
                let full = if inner.is_root() {
                    mount.point.clone()
                } else {
                    VfsPath::new([mount.point.as_bytes(), inner.as_bytes()].concat())
                        .unwrap_or(inner)
                };
                e.with_path(full.as_bytes())
            }
            _ => e,
        };
        walk::rename_error(e, resolved, original)
    }
}

/// What a directory above a mount point looks like when the filesystem below has none.
fn synthetic_dir() -> Metadata {
    Metadata {
        kind: FileKind::Directory,
        size: 4096,
        mode: Metadata::default_mode(FileKind::Directory),
        mtime: Timestamp::default(),
        inode: 0,
        nlink: 2,
    }
}

#[async_trait]
impl Lookup for Table {
    async fn lookup(&self, path: &VfsPath) -> Result<Metadata> {
        let (m, rel) = self.locate(path);
        let found = m.fs.symlink_metadata(&rel).await;
        if self.is_above_mount(path) {
            // The mount table wins: a directory above a mount point is a directory.
            return match found {
                Ok(meta) if meta.is_dir() => Ok(meta),
                Ok(_) => Ok(synthetic_dir()),
                Err(e) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                    Ok(synthetic_dir())
                }
                Err(e) => Err(self.outer_error(e, m, path, path)),
            };
        }
        found.map_err(|e| self.outer_error(e, m, path, path))
    }

    async fn link_target(&self, path: &VfsPath) -> Result<Vec<u8>> {
        let (m, rel) = self.locate(path);
        m.fs.read_link(&rel)
            .await
            .map_err(|e| self.outer_error(e, m, path, path))
    }
}

/// Runs `$op` (an expression using `$rel`) on the filesystem owning `$r`; if it fails with
/// `ENOENT` because the parent is a synthetic directory above a mount point, creates that
/// directory for real and tries once more.
macro_rules! creating {
    ($t:expr, $r:expr, $orig:expr, |$m:ident, $rel:ident| $op:expr) => {{
        let (t, r, orig) = (&$t, &$r, $orig);
        let ($m, $rel) = t.locate(r);
        let mut res = $op.await;
        if matches!(&res, Err(e) if e.kind == ErrorKind::NotFound) {
            if let Some(parent) = r.parent().filter(|p| t.is_above_mount(p)) {
                let (_, rel_parent) = t.locate(&parent);
                $m.fs
                    .create_dir_all(&rel_parent)
                    .await
                    .map_err(|e| t.outer_error(e, $m, r, orig))?;
                res = $op.await;
            }
        }
        res.map_err(|e| t.outer_error(e, $m, r, orig))
    }};
}

impl MountFs {
    /// Resolves `path` over the whole namespace (see the module docs).
    async fn resolve(&self, t: &Table, path: &VfsPath, follow: bool) -> Result<VfsPath> {
        walk::resolve(t, path, follow).await
    }

    /// An error of `kind` about `path` when `r` is a mount point or lies above one.
    fn refuse_mount(t: &Table, r: &VfsPath, path: &VfsPath, kind: ErrorKind) -> Result<()> {
        if t.is_mount_point(r) || t.is_above_mount(r) {
            return Err(FsError::new(kind, path.as_bytes()));
        }
        Ok(())
    }

    /// Applies a change to an existing entry (mode, mtime); a synthetic directory above a
    /// mount point is made real first.
    async fn materialize(&self, t: &Table, r: &VfsPath, path: &VfsPath) -> Result<()> {
        if t.is_above_mount(r) && !t.is_mount_point(r) {
            let (m, rel) = t.locate(r);
            m.fs.create_dir_all(&rel)
                .await
                .map_err(|e| t.outer_error(e, m, r, path))?;
        }
        Ok(())
    }
}

#[async_trait]
impl FileSystem for MountFs {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::IsADirectory)?;
        let (m, rel) = t.locate(&r);
        m.fs.read(&rel)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::IsADirectory)?;
        let (m, rel) = t.locate(&r);
        m.fs.read_range(&rel, offset, len)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::IsADirectory)?;
        creating!(t, r, path, |m, rel| m.fs.write(&rel, data.clone()))
    }

    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, false).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::AlreadyExists)?;
        creating!(t, r, path, |m, rel| m.fs.create_new(&rel, data.clone()))
    }

    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::IsADirectory)?;
        creating!(t, r, path, |m, rel| m.fs.append(&rel, data.clone()))
    }

    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        t.lookup(&r)
            .await
            .map_err(|e| walk::rename_error(e, &r, path))
    }

    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        let t = self.table();
        let r = self.resolve(&t, path, false).await?;
        t.lookup(&r)
            .await
            .map_err(|e| walk::rename_error(e, &r, path))
    }

    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        let (m, rel) = t.locate(&r);
        let listed = m.fs.read_dir(&rel).await;
        let extra = t.mount_children(&r);
        if extra.is_empty() {
            return listed.map_err(|e| t.outer_error(e, m, &r, path));
        }
        let mut entries = match listed {
            Ok(entries) => entries,
            // The directory exists because mounts lie below it, whatever the owner says.
            Err(e) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                Vec::new()
            }
            Err(e) => return Err(t.outer_error(e, m, &r, path)),
        };
        entries.retain(|e| !extra.contains(&e.name));
        entries.extend(extra.into_iter().map(|name| DirEntry {
            name,
            kind: FileKind::Directory,
        }));
        entries.sort();
        Ok(entries)
    }

    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, false).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::AlreadyExists)?;
        creating!(t, r, path, |m, rel| m.fs.create_dir(&rel))
    }

    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, false).await?;
        // unlink(2) of a directory is EISDIR, mount point or not.
        Self::refuse_mount(&t, &r, path, ErrorKind::IsADirectory)?;
        let (m, rel) = t.locate(&r);
        m.fs.remove_file(&rel)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, false).await?;
        if t.is_mount_point(&r) {
            return Err(FsError::new(ErrorKind::Busy, path.as_bytes()));
        }
        // A directory above a mount point has the mount in it.
        Self::refuse_mount(&t, &r, path, ErrorKind::DirectoryNotEmpty)?;
        let (m, rel) = t.locate(&r);
        m.fs.remove_dir(&rel)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        let t = self.table();
        let rf = self.resolve(&t, from, false).await?;
        let rt = self.resolve(&t, to, false).await?;
        Self::refuse_mount(&t, &rf, from, ErrorKind::Busy)?;
        Self::refuse_mount(&t, &rt, to, ErrorKind::Busy)?;
        let (mf, rel_from) = t.locate(&rf);
        let (mt, rel_to) = t.locate(&rt);
        // As in Linux, the mount check comes before looking at the source itself.
        if mf.point != mt.point {
            return Err(FsError::new(ErrorKind::CrossDevice, from.as_bytes()));
        }
        creating!(t, rt, to, |m, _rel| m.fs.rename(&rel_from, &rel_to))
            .map_err(|e| walk::rename_error(e, &rf, from))
    }

    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, link, false).await?;
        Self::refuse_mount(&t, &r, link, ErrorKind::AlreadyExists)?;
        creating!(t, r, link, |m, rel| m.fs.symlink(target, &rel))
    }

    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        let t = self.table();
        let r = self.resolve(&t, path, false).await?;
        Self::refuse_mount(&t, &r, path, ErrorKind::InvalidInput)?;
        let (m, rel) = t.locate(&r);
        m.fs.read_link(&rel)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        self.materialize(&t, &r, path).await?;
        let (m, rel) = t.locate(&r);
        m.fs.set_mtime(&rel, mtime)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()> {
        let t = self.table();
        let r = self.resolve(&t, path, true).await?;
        self.materialize(&t, &r, path).await?;
        let (m, rel) = t.locate(&r);
        m.fs.set_mode(&rel, mode)
            .await
            .map_err(|e| t.outer_error(e, m, &r, path))
    }

    /// Resolves every path, then hands each mount its share in one batch, so a mounted object
    /// store still reads concurrently.
    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        let t = self.table();
        let mut out: Vec<Option<Result<Bytes>>> = vec![None; paths.len()];
        // Per mount (by index in the table): the slots and resolved paths it serves.
        let mut batches: Vec<Vec<(usize, VfsPath, VfsPath)>> = vec![Vec::new(); t.mounts.len()];
        for (i, path) in paths.iter().enumerate() {
            let r = match self.resolve(&t, path, true).await {
                Ok(r) => r,
                Err(e) => {
                    out[i] = Some(Err(e));
                    continue;
                }
            };
            if let Err(e) = Self::refuse_mount(&t, &r, path, ErrorKind::IsADirectory) {
                out[i] = Some(Err(e));
                continue;
            }
            let (m, rel) = t.locate(&r);
            let at = t
                .mounts
                .iter()
                .position(|x| x.point == m.point)
                .unwrap_or(0);
            batches[at].push((i, r, rel));
        }
        for (at, batch) in batches.into_iter().enumerate() {
            if batch.is_empty() {
                continue;
            }
            let m = &t.mounts[at];
            let rels: Vec<VfsPath> = batch.iter().map(|(_, _, rel)| rel.clone()).collect();
            let results = m.fs.read_many(&rels).await;
            for ((i, r, _), res) in batch.into_iter().zip(results) {
                out[i] = Some(res.map_err(|e| t.outer_error(e, m, &r, &paths[i])));
            }
        }
        out.into_iter()
            .map(|r| r.unwrap_or_else(|| Err(FsError::io(b"/", "read_many lost a result"))))
            .collect()
    }
}
