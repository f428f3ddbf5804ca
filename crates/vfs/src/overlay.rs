//! [`OverlayFs`]: a writable layer over a filesystem that is never written (documented on
//! the type).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use bytes::Bytes;

use crate::error::{ErrorKind, FsError, Result};
use crate::fs::FileSystem;
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};
use crate::path::VfsPath;
use crate::walk::{self, Lookup};

/// A writable layer over a filesystem that is never written.
///
/// ```
/// use std::sync::Arc;
/// use vbash_vfs::{FileSystem, MemFs, OverlayFs, VfsPath};
///
/// let p = |s: &str| VfsPath::new(s).unwrap();
/// let lower = Arc::new(MemFs::new());
/// let upper = Arc::new(MemFs::new());
/// futures::executor::block_on(async {
///     lower.create_dir(&p("/src")).await.unwrap();
///     lower.write(&p("/src/main.rs"), "fn main() {}".into()).await.unwrap();
///
///     let fs = OverlayFs::new(lower.clone(), upper.clone());
///     fs.write(&p("/src/main.rs"), "changed".into()).await.unwrap();
///     fs.write(&p("/src/new.rs"), "new".into()).await.unwrap();
///     assert_eq!(fs.read(&p("/src/main.rs")).await.unwrap(), "changed");
///     // The change was copied up; the lower layer still has the original.
///     assert_eq!(lower.read(&p("/src/main.rs")).await.unwrap(), "fn main() {}");
///
///     // A deleted lower file stays deleted (a whiteout hides it).
///     fs.remove_file(&p("/src/main.rs")).await.unwrap();
///     assert!(!fs.exists(&p("/src/main.rs")).await);
///     assert!(lower.exists(&p("/src/main.rs")).await);
/// });
/// ```
///
/// # How it works
///
/// - **Reads** look in the upper layer first and fall through to the lower one.
/// - **Writes copy up**: changing a lower entry (write, append, mode, mtime) first copies it
///   into the upper layer, after creating its parent directories there with the lower
///   directories' modes and mtimes; the change then happens in the upper layer. A directory is
///   copied up without its contents: its listing keeps merging both layers.
/// - **Deletes record whiteouts** in the overlay itself (a set of paths, see
///   [`OverlayFs::whiteouts`]): a whiteout hides the lower layer at that path *and below it*,
///   so a deleted lower directory stays deleted, and a directory created again at its place is
///   opaque (it shows only what is created in it afterwards), as in Linux's overlayfs.
/// - **Listings** merge both layers: the upper entries, then the lower ones that the upper
///   layer does not have and no whiteout hides.
/// - **Renames** are copy-up plus whiteout: the source is copied up whole (a lower directory
///   with everything below it, so renaming a large lower tree costs a full copy, which Linux
///   avoids only with its `redirect_dir` feature), renamed within the upper layer, and its old
///   path whited out.
/// - **Symlinks are resolved by the overlay** over the merged view, component by component, so
///   a lower link to a file that exists only in the upper layer works; an absolute target is
///   resolved from the overlay's root. The layers are only given symlink-free parents.
///
/// The lower layer is only ever read. Operations are not atomic with respect to each other
/// when they interleave (a copy-up is several calls to the upper layer); the overlay's own
/// state, the whiteout set, is updated under a lock after the layers have been changed.
/// Removing a lower entry does not update its directory's mtime (the directory may not have
/// been copied up). Inode numbers are those of the layer holding the entry, so they change on
/// copy-up and may coincide between the layers.
#[derive(Debug)]
pub struct OverlayFs {
    lower: Arc<dyn FileSystem>,
    upper: Arc<dyn FileSystem>,
    /// Paths at and below which the lower layer is hidden, as bytes so that any prefix of a
    /// path can be looked up without building a `VfsPath` for it.
    whiteouts: Mutex<BTreeSet<Vec<u8>>>,
}

/// Which layer an entry of the merged view comes from, with its `lstat`.
enum Layer {
    Upper(Metadata),
    Lower(Metadata),
}

impl Layer {
    fn meta(&self) -> &Metadata {
        match self {
            Layer::Upper(m) | Layer::Lower(m) => m,
        }
    }
}

impl OverlayFs {
    /// An overlay that reads `lower` where `upper` has nothing, and writes only `upper`
    /// (typically an empty `MemFs`). `lower` is never written; it may be read-only.
    pub fn new(lower: Arc<dyn FileSystem>, upper: Arc<dyn FileSystem>) -> OverlayFs {
        OverlayFs {
            lower,
            upper,
            whiteouts: Mutex::new(BTreeSet::new()),
        }
    }

    /// The lower, read-only layer.
    pub fn lower(&self) -> &Arc<dyn FileSystem> {
        &self.lower
    }

    /// The upper layer, which holds every change (together with [`OverlayFs::whiteouts`]).
    pub fn upper(&self) -> &Arc<dyn FileSystem> {
        &self.upper
    }

    /// The paths deleted from the lower layer (each hides the lower layer at and below it),
    /// sorted. With the upper layer's content this is the whole change set of the overlay.
    pub fn whiteouts(&self) -> Vec<VfsPath> {
        self.lock().iter().filter_map(VfsPath::new).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<Vec<u8>>> {
        // The set is always valid, even if a holder panicked.
        self.whiteouts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a whiteout hides the lower layer at `path` (at it or at an ancestor).
    fn hidden(&self, path: &VfsPath) -> bool {
        let set = self.lock();
        if set.is_empty() {
            return false;
        }
        let bytes = path.as_bytes();
        (1..=bytes.len())
            .filter(|&end| end == bytes.len() || bytes[end] == b'/')
            .any(|end| set.contains(&bytes[..end]))
    }

    /// Hides the lower layer at and below `path`; whiteouts below it become redundant.
    fn white_out(&self, path: &VfsPath) {
        let mut set = self.lock();
        let mut below = path.as_bytes().to_vec();
        below.push(b'/');
        let stale: Vec<Vec<u8>> = set
            .range(below.clone()..)
            .take_while(|p| p.starts_with(&below))
            .cloned()
            .collect();
        for p in stale {
            set.remove(&p);
        }
        set.insert(path.as_bytes().to_vec());
    }

    /// `lstat` in the upper layer; `None` when it has nothing there.
    async fn upper_entry(&self, path: &VfsPath) -> Result<Option<Metadata>> {
        absent_as_none(self.upper.symlink_metadata(path).await)
    }

    /// `lstat` in the lower layer; `None` when it has nothing there or a whiteout hides it.
    async fn lower_entry(&self, path: &VfsPath) -> Result<Option<Metadata>> {
        if self.hidden(path) {
            return Ok(None);
        }
        absent_as_none(self.lower.symlink_metadata(path).await)
    }

    /// Where the merged view's entry at `path` comes from; `None` when there is none.
    async fn locate(&self, path: &VfsPath) -> Result<Option<Layer>> {
        if let Some(m) = self.upper_entry(path).await? {
            return Ok(Some(Layer::Upper(m)));
        }
        Ok(self.lower_entry(path).await?.map(Layer::Lower))
    }

    /// Resolves symlinks over the merged view (see the module docs).
    async fn resolve(&self, path: &VfsPath, follow: bool) -> Result<VfsPath> {
        walk::resolve(self, path, follow).await
    }

    /// Makes `dir` (a directory of the merged view) exist in the upper layer, creating it and
    /// its missing ancestors with the lower directories' modes and mtimes.
    async fn ensure_upper_dir(&self, dir: &VfsPath) -> Result<()> {
        let mut missing = Vec::new();
        let mut cur = dir.clone();
        let existing = loop {
            match self.upper_entry(&cur).await? {
                Some(m) if m.is_dir() => break Some((cur, m.mtime)),
                Some(_) => return Err(FsError::new(ErrorKind::NotADirectory, dir.as_bytes())),
                None => {}
            }
            let meta = match self.lower_entry(&cur).await? {
                Some(m) if m.is_dir() => m,
                Some(_) => return Err(FsError::new(ErrorKind::NotADirectory, dir.as_bytes())),
                None => return Err(FsError::new(ErrorKind::NotFound, dir.as_bytes())),
            };
            let parent = cur.parent();
            missing.push((cur, meta));
            match parent {
                Some(p) => cur = p,
                None => break None,
            }
        };
        if missing.is_empty() {
            return Ok(());
        }
        for (d, meta) in missing.iter().rev() {
            if !d.is_root() {
                self.upper.create_dir(d).await?;
            }
            self.upper.set_mode(d, meta.mode).await?;
        }
        // Creating each directory touched its parent's mtime; put the copied ones back, and
        // the upper directory they were created in, which gained no visible entry.
        for (d, meta) in &missing {
            self.upper.set_mtime(d, meta.mtime).await?;
        }
        if let Some((d, mtime)) = existing {
            self.upper.set_mtime(&d, mtime).await?;
        }
        Ok(())
    }

    /// Runs `op`, which creates `path` in the upper layer although it already exists in the
    /// merged view, then restores the parent's mtime, which the merged view says is unchanged.
    async fn in_place<F>(&self, path: &VfsPath, op: F) -> Result<()>
    where
        F: std::future::Future<Output = Result<()>> + Send,
    {
        let parent = path.parent().unwrap_or_else(VfsPath::root);
        self.ensure_upper_dir(&parent).await?;
        let before = self.upper.symlink_metadata(&parent).await?.mtime;
        op.await?;
        self.upper.set_mtime(&parent, before).await
    }

    /// Copies the lower entry at `path` (with `lstat` `meta`) into the upper layer: a file with
    /// its content, a directory without its entries, a symlink with its target; modes and
    /// mtimes are kept.
    async fn copy_up(&self, path: &VfsPath, meta: &Metadata) -> Result<()> {
        self.in_place(path, async {
            match meta.kind {
                FileKind::File => {
                    let data = self.lower.read(path).await?;
                    self.upper.write(path, data).await?;
                }
                FileKind::Directory => self.upper.create_dir(path).await?,
                FileKind::Symlink => {
                    let target = self.lower.read_link(path).await?;
                    return self.upper.symlink(&target, path).await;
                }
            }
            self.upper.set_mode(path, meta.mode).await?;
            self.upper.set_mtime(path, meta.mtime).await
        })
        .await
    }

    /// Copies up everything at and below `path` that the upper layer lacks, so the upper
    /// layer alone holds the merged view of that subtree.
    async fn copy_up_tree(&self, path: &VfsPath) -> Result<()> {
        let mut stack = vec![path.clone()];
        while let Some(p) = stack.pop() {
            let layer = self.locate(&p).await?;
            let is_dir = match &layer {
                Some(Layer::Lower(m)) => {
                    self.copy_up(&p, m).await?;
                    m.is_dir()
                }
                Some(Layer::Upper(m)) => m.is_dir(),
                None => false,
            };
            if is_dir {
                for entry in self.merged_dir(&p).await? {
                    stack.push(p.join(&entry.name));
                }
            }
        }
        Ok(())
    }

    /// The merged listing of `dir` (already resolved): `ENOENT`/`ENOTDIR` as for `read_dir`.
    async fn merged_dir(&self, dir: &VfsPath) -> Result<Vec<DirEntry>> {
        let upper = self.upper_entry(dir).await?;
        let lower = match &upper {
            Some(m) if !m.is_dir() => {
                return Err(FsError::new(ErrorKind::NotADirectory, dir.as_bytes()))
            }
            _ => self.lower_entry(dir).await?,
        };
        let mut entries = match &upper {
            Some(_) => self.upper.read_dir(dir).await?,
            None => Vec::new(),
        };
        match (&upper, &lower) {
            (None, None) => return Err(FsError::new(ErrorKind::NotFound, dir.as_bytes())),
            (None, Some(m)) if !m.is_dir() => {
                return Err(FsError::new(ErrorKind::NotADirectory, dir.as_bytes()))
            }
            (_, Some(m)) if m.is_dir() => {
                let below = self.lower.read_dir(dir).await?;
                let set = self.lock();
                let have: BTreeSet<Vec<u8>> = entries.iter().map(|e| e.name.clone()).collect();
                entries.extend(below.into_iter().filter(|e| {
                    !have.contains(&e.name) && !set.contains(dir.join(&e.name).as_bytes())
                }));
                entries.sort();
            }
            _ => {}
        }
        Ok(entries)
    }

    /// Reads from the upper layer, or from the lower one where the upper has nothing.
    async fn read_from<T, U, L>(&self, r: &VfsPath, upper: U, lower: L) -> Result<T>
    where
        U: std::future::Future<Output = Result<T>> + Send,
        L: std::future::Future<Output = Result<T>> + Send,
    {
        match upper.await {
            Err(e) if e.kind == ErrorKind::NotFound && !self.hidden(r) => lower.await,
            res => res,
        }
    }
}

/// `Ok(None)` for a missing entry, so "absent" and "failed" stay apart.
fn absent_as_none(res: Result<Metadata>) -> Result<Option<Metadata>> {
    match res {
        Ok(m) => Ok(Some(m)),
        Err(e) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::NotADirectory) => Ok(None),
        Err(e) => Err(e),
    }
}

#[async_trait]
impl Lookup for OverlayFs {
    async fn lookup(&self, path: &VfsPath) -> Result<Metadata> {
        match self.locate(path).await? {
            Some(layer) => Ok(layer.meta().clone()),
            None => Err(FsError::new(ErrorKind::NotFound, path.as_bytes())),
        }
    }

    async fn link_target(&self, path: &VfsPath) -> Result<Vec<u8>> {
        self.read_from(path, self.upper.read_link(path), self.lower.read_link(path))
            .await
    }
}

/// Runs an operation on resolved path `$r`, reporting its errors about `$path`.
macro_rules! about {
    ($r:expr, $path:expr, $op:expr) => {
        $op.await.map_err(|e| walk::rename_error(e, &$r, $path))
    };
}

#[async_trait]
impl FileSystem for OverlayFs {
    async fn read(&self, path: &VfsPath) -> Result<Bytes> {
        let r = self.resolve(path, true).await?;
        about!(
            r,
            path,
            self.read_from(&r, self.upper.read(&r), self.lower.read(&r))
        )
    }

    async fn read_range(&self, path: &VfsPath, offset: u64, len: u64) -> Result<Bytes> {
        let r = self.resolve(path, true).await?;
        let (upper, lower) = (
            self.upper.read_range(&r, offset, len),
            self.lower.read_range(&r, offset, len),
        );
        about!(r, path, self.read_from(&r, upper, lower))
    }

    async fn write(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let r = self.resolve(path, true).await?;
        let parent = r.parent().unwrap_or_else(VfsPath::root);
        let res = match self.locate(&r).await? {
            Some(layer) if layer.meta().is_dir() => {
                return Err(FsError::new(ErrorKind::IsADirectory, path.as_bytes()))
            }
            Some(Layer::Upper(_)) => self.upper.write(&r, data).await,
            // Replacing a lower file: no need to copy its content, but keep its mode.
            Some(Layer::Lower(m)) => {
                self.in_place(&r, async {
                    self.upper.write(&r, data).await?;
                    self.upper.set_mode(&r, m.mode).await
                })
                .await
            }
            None => match self.ensure_upper_dir(&parent).await {
                Ok(()) => self.upper.write(&r, data).await,
                Err(e) => Err(e),
            },
        };
        res.map_err(|e| walk::rename_error(e, &r, path))
    }

    async fn create_new(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let r = self.resolve(path, false).await?;
        if self.locate(&r).await?.is_some() {
            return Err(FsError::new(ErrorKind::AlreadyExists, path.as_bytes()));
        }
        self.ensure_upper_dir(&r.parent().unwrap_or_else(VfsPath::root))
            .await?;
        about!(r, path, self.upper.create_new(&r, data))
    }

    async fn append(&self, path: &VfsPath, data: Bytes) -> Result<()> {
        let r = self.resolve(path, true).await?;
        match self.locate(&r).await? {
            Some(layer) if layer.meta().is_dir() => {
                return Err(FsError::new(ErrorKind::IsADirectory, path.as_bytes()))
            }
            Some(Layer::Upper(_)) => {}
            Some(Layer::Lower(m)) => self.copy_up(&r, &m).await?,
            None => {
                self.ensure_upper_dir(&r.parent().unwrap_or_else(VfsPath::root))
                    .await?
            }
        }
        about!(r, path, self.upper.append(&r, data))
    }

    async fn metadata(&self, path: &VfsPath) -> Result<Metadata> {
        let r = self.resolve(path, true).await?;
        about!(r, path, self.lookup(&r))
    }

    async fn symlink_metadata(&self, path: &VfsPath) -> Result<Metadata> {
        let r = self.resolve(path, false).await?;
        about!(r, path, self.lookup(&r))
    }

    async fn read_dir(&self, path: &VfsPath) -> Result<Vec<DirEntry>> {
        let r = self.resolve(path, true).await?;
        about!(r, path, self.merged_dir(&r))
    }

    async fn create_dir(&self, path: &VfsPath) -> Result<()> {
        let r = self.resolve(path, false).await?;
        if self.locate(&r).await?.is_some() {
            return Err(FsError::new(ErrorKind::AlreadyExists, path.as_bytes()));
        }
        self.ensure_upper_dir(&r.parent().unwrap_or_else(VfsPath::root))
            .await?;
        // A whiteout left here by an earlier delete keeps the new directory opaque.
        about!(r, path, self.upper.create_dir(&r))
    }

    async fn remove_file(&self, path: &VfsPath) -> Result<()> {
        let r = self.resolve(path, false).await?;
        let (upper, lower) = (self.upper_entry(&r).await?, self.lower_entry(&r).await?);
        match upper.as_ref().or(lower.as_ref()) {
            None => return Err(FsError::new(ErrorKind::NotFound, path.as_bytes())),
            Some(m) if m.is_dir() => {
                return Err(FsError::new(ErrorKind::IsADirectory, path.as_bytes()))
            }
            Some(_) => {}
        }
        if upper.is_some() {
            about!(r, path, self.upper.remove_file(&r))?;
        }
        if lower.is_some() {
            self.white_out(&r);
        }
        Ok(())
    }

    async fn remove_dir(&self, path: &VfsPath) -> Result<()> {
        let r = self.resolve(path, false).await?;
        if r.is_root() {
            return Err(FsError::new(ErrorKind::Busy, path.as_bytes()));
        }
        let (upper, lower) = (self.upper_entry(&r).await?, self.lower_entry(&r).await?);
        match upper.as_ref().or(lower.as_ref()) {
            None => return Err(FsError::new(ErrorKind::NotFound, path.as_bytes())),
            Some(m) if !m.is_dir() => {
                return Err(FsError::new(ErrorKind::NotADirectory, path.as_bytes()))
            }
            Some(_) => {}
        }
        if !about!(r, path, self.merged_dir(&r))?.is_empty() {
            return Err(FsError::new(ErrorKind::DirectoryNotEmpty, path.as_bytes()));
        }
        if upper.is_some() {
            about!(r, path, self.upper.remove_dir(&r))?;
        }
        if lower.as_ref().is_some_and(Metadata::is_dir) {
            self.white_out(&r);
        }
        Ok(())
    }

    async fn rename(&self, from: &VfsPath, to: &VfsPath) -> Result<()> {
        let rf = self.resolve(from, false).await?;
        let rt = self.resolve(to, false).await?;
        let Some(src) = self.locate(&rf).await? else {
            return Err(FsError::new(ErrorKind::NotFound, from.as_bytes()));
        };
        if rf == rt {
            return Ok(());
        }
        if rf.is_root() || rt.is_root() {
            return Err(FsError::new(ErrorKind::Busy, from.as_bytes()));
        }
        let src_dir = src.meta().is_dir();
        // Onto an ancestor of the source: that directory holds the source, so it is not
        // empty (Linux's answer, whatever the source is).
        if rf.starts_with(&rt) {
            return Err(FsError::new(ErrorKind::DirectoryNotEmpty, to.as_bytes()));
        }
        if src_dir && rt.starts_with(&rf) {
            return Err(FsError::new(ErrorKind::InvalidInput, from.as_bytes()));
        }
        if let Some(dst) = self.locate(&rt).await? {
            match (src_dir, dst.meta().is_dir()) {
                (false, true) => return Err(FsError::new(ErrorKind::IsADirectory, to.as_bytes())),
                (true, false) => return Err(FsError::new(ErrorKind::NotADirectory, to.as_bytes())),
                (true, true) if !about!(rt, to, self.merged_dir(&rt))?.is_empty() => {
                    return Err(FsError::new(ErrorKind::DirectoryNotEmpty, to.as_bytes()))
                }
                _ => {}
            }
        }
        let lower_from = self.lower_entry(&rf).await?.is_some();
        let lower_to = self.lower_entry(&rt).await?.is_some();
        // Make the upper layer hold all of the source, then move it there.
        if lower_from {
            about!(rf, from, self.copy_up_tree(&rf))?;
        }
        self.ensure_upper_dir(&rt.parent().unwrap_or_else(VfsPath::root))
            .await
            .map_err(|e| walk::rename_error(e, &rt, to))?;
        self.upper
            .rename(&rf, &rt)
            .await
            .map_err(|e| walk::rename_error(walk::rename_error(e, &rf, from), &rt, to))?;
        if lower_from {
            self.white_out(&rf);
        }
        if lower_to {
            // What the lower layer has at the destination must not show through.
            self.white_out(&rt);
        }
        Ok(())
    }

    async fn symlink(&self, target: &[u8], link: &VfsPath) -> Result<()> {
        let r = self.resolve(link, false).await?;
        if self.locate(&r).await?.is_some() {
            return Err(FsError::new(ErrorKind::AlreadyExists, link.as_bytes()));
        }
        self.ensure_upper_dir(&r.parent().unwrap_or_else(VfsPath::root))
            .await?;
        about!(r, link, self.upper.symlink(target, &r))
    }

    async fn read_link(&self, path: &VfsPath) -> Result<Vec<u8>> {
        let r = self.resolve(path, false).await?;
        about!(r, path, self.link_target(&r))
    }

    async fn set_mtime(&self, path: &VfsPath, mtime: Timestamp) -> Result<()> {
        let r = self.resolve(path, true).await?;
        match self.locate(&r).await? {
            None => return Err(FsError::new(ErrorKind::NotFound, path.as_bytes())),
            Some(Layer::Lower(m)) => about!(r, path, self.copy_up(&r, &m))?,
            Some(Layer::Upper(_)) => {}
        }
        about!(r, path, self.upper.set_mtime(&r, mtime))
    }

    async fn set_mode(&self, path: &VfsPath, mode: u32) -> Result<()> {
        let r = self.resolve(path, true).await?;
        match self.locate(&r).await? {
            None => return Err(FsError::new(ErrorKind::NotFound, path.as_bytes())),
            Some(Layer::Lower(m)) => about!(r, path, self.copy_up(&r, &m))?,
            Some(Layer::Upper(_)) => {}
        }
        about!(r, path, self.upper.set_mode(&r, mode))
    }

    /// Resolves every path, reads them all from the upper layer in one batch, then the ones
    /// it lacks from the lower layer in another, so a lower object store reads concurrently.
    async fn read_many(&self, paths: &[VfsPath]) -> Vec<Result<Bytes>> {
        let mut out: Vec<Option<Result<Bytes>>> = vec![None; paths.len()];
        let mut resolved = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            match self.resolve(path, true).await {
                Ok(r) => resolved.push((i, r)),
                Err(e) => out[i] = Some(Err(e)),
            }
        }
        let rs: Vec<VfsPath> = resolved.iter().map(|(_, r)| r.clone()).collect();
        let mut fall_through = Vec::new();
        for ((i, r), res) in resolved.into_iter().zip(self.upper.read_many(&rs).await) {
            match res {
                Err(e) if e.kind == ErrorKind::NotFound && !self.hidden(&r) => {
                    fall_through.push((i, r))
                }
                res => out[i] = Some(res.map_err(|e| walk::rename_error(e, &r, &paths[i]))),
            }
        }
        let rs: Vec<VfsPath> = fall_through.iter().map(|(_, r)| r.clone()).collect();
        for ((i, r), res) in fall_through
            .into_iter()
            .zip(self.lower.read_many(&rs).await)
        {
            out[i] = Some(res.map_err(|e| walk::rename_error(e, &r, &paths[i])));
        }
        out.into_iter()
            .map(|r| r.unwrap_or_else(|| Err(FsError::io(b"/", "read_many lost a result"))))
            .collect()
    }
}
