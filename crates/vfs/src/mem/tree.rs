//! The node tree behind [`MemFs`](super::MemFs): an arena of nodes, directories mapping names
//! to node ids, and path walking with symlink resolution.
//!
//! Everything here is synchronous and works on errno kinds; `MemFs` takes the lock, reads
//! the clock and attaches paths to errors.

use std::collections::BTreeMap;

use bytes::Bytes;

use crate::error::ErrorKind::{self, *};
use crate::limits::{Limits, Usage};
use crate::metadata::{DirEntry, FileKind, Metadata, Timestamp};

/// Index of a node in the arena.
pub(super) type Id = usize;

/// The root directory's id; it is never freed.
pub(super) const ROOT: Id = 0;

/// Symlinks followed in one lookup before `ELOOP` (Linux's `MAXSYMLINKS`).
pub(super) const MAX_HOPS: u32 = 40;
/// Longest name of one component (Linux's `NAME_MAX`).
const NAME_MAX: usize = 255;
/// Paths (and symlink targets) must be shorter than this (Linux's `PATH_MAX`, with its NUL).
const PATH_MAX: usize = 4096;

/// Size `stat` reports for a directory, as ext4 and most Linux filesystems do.
const DIR_SIZE: u64 = 4096;

/// One file, directory or symlink.
#[derive(Clone, Debug)]
pub(super) struct Node {
    ino: u64,
    mode: u32,
    mtime: Timestamp,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    /// `Bytes` so reads hand out the content without copying it.
    File(Bytes),
    Dir(Dir),
    Symlink(Box<[u8]>),
}

#[derive(Clone, Debug)]
struct Dir {
    /// The directory holding this one (the root is its own parent), for `..` in symlink
    /// targets and for the "rename into itself" check.
    parent: Id,
    /// A B-tree keeps listings sorted bytewise without sorting on every `read_dir`.
    entries: BTreeMap<Box<[u8]>, Id>,
    /// Subdirectories, for `nlink` (2 + subdirectories, as on Linux).
    subdirs: u64,
}

/// How [`Tree::write`] treats existing content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WriteMode {
    /// `O_CREAT|O_TRUNC`.
    Truncate,
    /// `O_CREAT|O_APPEND`.
    Append,
    /// `O_CREAT|O_EXCL`: fails on anything existing, dangling symlinks included.
    CreateNew,
}

/// Where a path leads: the directory holding its last component, the component's name and
/// the node it names, if any.
pub(super) struct Found {
    pub parent: Id,
    pub node: Option<Id>,
    name: Name,
}

/// The last component's name, without borrowing the tree (so the caller may then mutate it).
enum Name {
    /// The path ended at a directory reached through `.`, `..`, a symlink, or the root.
    None,
    /// `path[start..end]` of the path that was walked.
    InPath(usize, usize),
    /// A component that came from a symlink target.
    Owned(Box<[u8]>),
}

impl Found {
    /// The last component's name (empty when the path ended at a directory without one).
    pub fn name<'p>(&'p self, path: &'p [u8]) -> &'p [u8] {
        match &self.name {
            Name::None => b"",
            Name::InPath(s, e) => &path[*s..*e],
            Name::Owned(n) => n,
        }
    }
}

/// The byte ranges of a path's components.
fn components(path: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < path.len() && path[i] == b'/' {
            i += 1;
        }
        if i >= path.len() {
            return None;
        }
        let start = i;
        while i < path.len() && path[i] != b'/' {
            i += 1;
        }
        Some((start, i))
    })
}

/// The arena of nodes and the accounting for [`Limits`].
#[derive(Clone, Debug)]
pub(super) struct Tree {
    /// Slot `id` holds node `id`; freed slots are `None` and listed in `free` for reuse.
    nodes: Vec<Option<Node>>,
    free: Vec<Id>,
    /// Inode numbers are never reused, unlike slots, so a recycled slot is a new file.
    next_ino: u64,
    pub usage: Usage,
    pub limits: Limits,
}

impl Tree {
    /// A tree holding an empty root directory.
    pub fn new(limits: Limits, now: Timestamp) -> Tree {
        let root = Node {
            ino: 1,
            mode: Metadata::default_mode(FileKind::Directory),
            mtime: now,
            kind: Kind::Dir(Dir {
                parent: ROOT,
                entries: BTreeMap::new(),
                subdirs: 0,
            }),
        };
        Tree {
            nodes: vec![Some(root)],
            free: Vec::new(),
            next_ino: 2,
            usage: Usage::default(),
            limits,
        }
    }

    fn node(&self, id: Id) -> &Node {
        self.nodes[id].as_ref().expect("live node id")
    }

    fn node_mut(&mut self, id: Id) -> &mut Node {
        self.nodes[id].as_mut().expect("live node id")
    }

    fn dir(&self, id: Id) -> &Dir {
        match &self.node(id).kind {
            Kind::Dir(d) => d,
            _ => unreachable!("node {id} is not a directory"),
        }
    }

    fn dir_mut(&mut self, id: Id) -> &mut Dir {
        match &mut self.node_mut(id).kind {
            Kind::Dir(d) => d,
            _ => unreachable!("node {id} is not a directory"),
        }
    }

    fn is_dir(&self, id: Id) -> bool {
        matches!(self.node(id).kind, Kind::Dir(_))
    }

    /// Walks `path` (absolute, normalized) from the root, following symlinks in every
    /// component but the last, and in the last too when `follow_last`. Errors are those of
    /// the directories on the way (`ENOENT`, `ENOTDIR`, `ELOOP`, `ENAMETOOLONG`); a missing
    /// last component is not an error but `node: None`.
    ///
    /// Costs one map lookup per component (plus those of any symlink targets).
    pub fn walk(&self, path: &[u8], follow_last: bool) -> Result<Found, ErrorKind> {
        if path.len() >= PATH_MAX {
            return Err(NameTooLong);
        }
        let mut cur = ROOT;
        // Components still to walk that came from symlink targets, next on top; they come
        // before the rest of `path`.
        let mut pending: Vec<&[u8]> = Vec::new();
        let mut comps = components(path).peekable();
        let mut hops = 0;
        let mut found = Found {
            parent: ROOT,
            node: Some(ROOT),
            name: Name::None,
        };
        loop {
            let (comp, span) = match pending.pop() {
                Some(c) => (c, None),
                None => match comps.next() {
                    Some((s, e)) => (&path[s..e], Some((s, e))),
                    None => return Ok(found),
                },
            };
            let last = pending.is_empty() && comps.peek().is_none();
            let dir = self.dir(cur);
            match comp {
                b"." => {}
                b".." => cur = dir.parent,
                _ => {
                    if comp.len() > NAME_MAX {
                        return Err(NameTooLong);
                    }
                    let name = || match span {
                        Some((s, e)) => Name::InPath(s, e),
                        None => Name::Owned(comp.into()),
                    };
                    let Some(&child) = dir.entries.get(comp) else {
                        if last {
                            return Ok(Found {
                                parent: cur,
                                node: None,
                                name: name(),
                            });
                        }
                        return Err(NotFound);
                    };
                    match &self.node(child).kind {
                        Kind::Symlink(target) if !last || follow_last => {
                            hops += 1;
                            if hops > MAX_HOPS {
                                return Err(TooManyLinks);
                            }
                            // Relative targets start from the link's directory, `cur`.
                            if target.first() == Some(&b'/') {
                                cur = ROOT;
                            }
                            let parts = target.split(|&c| c == b'/').filter(|c| !c.is_empty());
                            pending.extend(parts.rev());
                        }
                        Kind::Dir(_) if !last => cur = child,
                        _ if last => {
                            return Ok(Found {
                                parent: cur,
                                node: Some(child),
                                name: name(),
                            })
                        }
                        _ => return Err(NotADirectory),
                    }
                }
            }
            // If the path ends here (after `.`, `..` or a link), it names `cur` itself.
            found = Found {
                parent: self.dir(cur).parent,
                node: Some(cur),
                name: Name::None,
            };
        }
    }

    /// Walks `path` and requires that it leads to something.
    pub fn lookup(&self, path: &[u8], follow: bool) -> Result<Id, ErrorKind> {
        self.walk(path, follow)?.node.ok_or(NotFound)
    }

    /// What `stat` says about node `id`.
    pub fn metadata(&self, id: Id) -> Metadata {
        let n = self.node(id);
        let (kind, size, nlink) = match &n.kind {
            Kind::File(b) => (FileKind::File, b.len() as u64, 1),
            Kind::Dir(d) => (FileKind::Directory, DIR_SIZE, 2 + d.subdirs),
            Kind::Symlink(t) => (FileKind::Symlink, t.len() as u64, 1),
        };
        Metadata {
            kind,
            size,
            mode: n.mode,
            mtime: n.mtime,
            inode: n.ino,
            nlink,
        }
    }

    /// The content of the file at `path` (following symlinks).
    pub fn read(&self, path: &[u8]) -> Result<Bytes, ErrorKind> {
        match &self.node(self.lookup(path, true)?).kind {
            Kind::File(b) => Ok(b.clone()),
            _ => Err(IsADirectory),
        }
    }

    /// The listing of the directory at `path`.
    pub fn read_dir(&self, path: &[u8]) -> Result<Vec<DirEntry>, ErrorKind> {
        let id = self.lookup(path, true)?;
        let Kind::Dir(d) = &self.node(id).kind else {
            return Err(NotADirectory);
        };
        Ok(d.entries
            .iter()
            .map(|(name, &child)| DirEntry {
                name: name.to_vec(),
                kind: match self.node(child).kind {
                    Kind::File(_) => FileKind::File,
                    Kind::Dir(_) => FileKind::Directory,
                    Kind::Symlink(_) => FileKind::Symlink,
                },
            })
            .collect())
    }

    /// The target of the symlink at `path`.
    pub fn read_link(&self, path: &[u8]) -> Result<Vec<u8>, ErrorKind> {
        match &self.node(self.lookup(path, false)?).kind {
            Kind::Symlink(t) => Ok(t.to_vec()),
            _ => Err(InvalidInput),
        }
    }

    /// Fails with `ENOSPC` unless one more entry holding `bytes` more bytes fits.
    fn check_room(&self, files: u64, bytes: u64) -> Result<(), ErrorKind> {
        if self.usage.files + files > self.limits.max_files
            || self.usage.bytes.saturating_add(bytes) > self.limits.max_total_bytes
        {
            return Err(NoSpace);
        }
        Ok(())
    }

    /// Puts `node` into a free slot and names it `name` in directory `parent`.
    fn attach(&mut self, parent: Id, name: &[u8], mut node: Node, now: Timestamp) -> Id {
        node.ino = self.next_ino;
        self.next_ino += 1;
        let is_dir = matches!(node.kind, Kind::Dir(_));
        self.usage.files += 1;
        self.usage.bytes += match &node.kind {
            Kind::File(b) => b.len() as u64,
            Kind::Symlink(t) => t.len() as u64,
            Kind::Dir(_) => 0,
        };
        let id = match self.free.pop() {
            Some(id) => {
                self.nodes[id] = Some(node);
                id
            }
            None => {
                self.nodes.push(Some(node));
                self.nodes.len() - 1
            }
        };
        let p = self.node_mut(parent);
        p.mtime = now;
        let Kind::Dir(d) = &mut p.kind else {
            unreachable!("parent is a directory")
        };
        d.entries.insert(name.into(), id);
        d.subdirs += u64::from(is_dir);
        id
    }

    /// Removes entry `name` from `parent` (which must hold it) and frees what it names,
    /// with everything below it.
    fn detach(&mut self, parent: Id, name: &[u8], now: Timestamp) {
        let p = self.node_mut(parent);
        p.mtime = now;
        let Kind::Dir(d) = &mut p.kind else {
            unreachable!("parent is a directory")
        };
        let id = d.entries.remove(name).expect("entry to detach");
        let is_dir = self.is_dir(id);
        self.dir_mut(parent).subdirs -= u64::from(is_dir);
        // Without recursion, so a deep tree cannot overflow the stack.
        let mut stack = vec![id];
        while let Some(id) = stack.pop() {
            let node = self.nodes[id].take().expect("live node id");
            self.free.push(id);
            self.usage.files -= 1;
            match node.kind {
                Kind::File(b) => self.usage.bytes -= b.len() as u64,
                Kind::Symlink(t) => self.usage.bytes -= t.len() as u64,
                Kind::Dir(d) => stack.extend(d.entries.into_values()),
            }
        }
    }

    fn new_node(kind: Kind, now: Timestamp) -> Node {
        let fk = match kind {
            Kind::File(_) => FileKind::File,
            Kind::Dir(_) => FileKind::Directory,
            Kind::Symlink(_) => FileKind::Symlink,
        };
        Node {
            ino: 0,
            mode: Metadata::default_mode(fk),
            mtime: now,
            kind,
        }
    }

    /// Writes `data` to the file at `path` as `mode` says, creating it if missing. Limits
    /// are checked before anything changes.
    pub fn write(
        &mut self,
        path: &[u8],
        data: Bytes,
        mode: WriteMode,
        now: Timestamp,
    ) -> Result<(), ErrorKind> {
        let found = self.walk(path, mode != WriteMode::CreateNew)?;
        let max_file = self.limits.max_file_bytes;
        let Some(id) = found.node else {
            if data.len() as u64 > max_file {
                return Err(FileTooLarge);
            }
            self.check_room(1, data.len() as u64)?;
            let node = Tree::new_node(Kind::File(data), now);
            self.attach(found.parent, found.name(path), node, now);
            return Ok(());
        };
        if mode == WriteMode::CreateNew {
            return Err(AlreadyExists);
        }
        let old_len = match &self.node(id).kind {
            Kind::File(b) => b.len() as u64,
            _ => return Err(IsADirectory),
        };
        let new_len = match mode {
            WriteMode::Append => old_len + data.len() as u64,
            _ => data.len() as u64,
        };
        if new_len > max_file {
            return Err(FileTooLarge);
        }
        if new_len > old_len {
            self.check_room(0, new_len - old_len)?;
        }
        self.usage.bytes = self.usage.bytes - old_len + new_len;
        let node = self.node_mut(id);
        node.mtime = now;
        let Kind::File(content) = &mut node.kind else {
            unreachable!("checked above")
        };
        *content = match mode {
            WriteMode::Append => append(std::mem::take(content), &data),
            _ => data,
        };
        Ok(())
    }

    /// Creates a directory at `path`; `EEXIST` if anything is there.
    pub fn create_dir(&mut self, path: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        let found = self.walk(path, false)?;
        if found.node.is_some() {
            return Err(AlreadyExists);
        }
        self.check_room(1, 0)?;
        let dir = Kind::Dir(Dir {
            parent: found.parent,
            entries: BTreeMap::new(),
            subdirs: 0,
        });
        self.attach(
            found.parent,
            found.name(path),
            Tree::new_node(dir, now),
            now,
        );
        Ok(())
    }

    /// Creates a directory and its missing parents: `EEXIST` when `path` is something else,
    /// `ENOTDIR` when a parent is, as `mkdir -p` meets them.
    pub fn create_dir_all(&mut self, path: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        let ends = components(path).map(|(_, e)| e).collect::<Vec<_>>();
        for (i, &end) in ends.iter().enumerate() {
            let prefix = &path[..end];
            match self.walk(prefix, true)?.node {
                Some(id) if self.is_dir(id) => {}
                Some(_) if i + 1 == ends.len() => return Err(AlreadyExists),
                Some(_) => return Err(NotADirectory),
                // A dangling symlink is in the way: `mkdir` meets it as an existing name.
                None if self.walk(prefix, false)?.node.is_some() => return Err(AlreadyExists),
                None => self.create_dir(prefix, now)?,
            }
        }
        Ok(())
    }

    /// Creates a symlink at `path` pointing to `target`.
    pub fn symlink(&mut self, target: &[u8], path: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        if target.is_empty() {
            return Err(NotFound);
        }
        if target.len() >= PATH_MAX {
            return Err(NameTooLong);
        }
        let found = self.walk(path, false)?;
        if found.node.is_some() {
            return Err(AlreadyExists);
        }
        self.check_room(1, target.len() as u64)?;
        let node = Tree::new_node(Kind::Symlink(target.into()), now);
        self.attach(found.parent, found.name(path), node, now);
        Ok(())
    }

    /// Removes the file or symlink at `path`.
    pub fn remove_file(&mut self, path: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        let found = self.walk(path, false)?;
        let id = found.node.ok_or(NotFound)?;
        if self.is_dir(id) {
            return Err(IsADirectory);
        }
        self.detach(found.parent, found.name(path), now);
        Ok(())
    }

    /// Removes the empty directory at `path`.
    pub fn remove_dir(&mut self, path: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        let found = self.walk(path, false)?;
        let id = found.node.ok_or(NotFound)?;
        let Kind::Dir(d) = &self.node(id).kind else {
            return Err(NotADirectory);
        };
        if id == ROOT {
            return Err(Busy);
        }
        if !d.entries.is_empty() {
            return Err(DirectoryNotEmpty);
        }
        self.detach(found.parent, found.name(path), now);
        Ok(())
    }

    /// Removes whatever is at `path` with everything below it, following no symlinks. The
    /// root is emptied, then refused with `EBUSY`, as `rm -rf /` on a mount point is.
    pub fn remove_dir_all(&mut self, path: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        let found = self.walk(path, false)?;
        let id = found.node.ok_or(NotFound)?;
        if id == ROOT {
            let names: Vec<Box<[u8]>> = self.dir(ROOT).entries.keys().cloned().collect();
            for name in names {
                self.detach(ROOT, &name, now);
            }
            return Err(Busy);
        }
        self.detach(found.parent, found.name(path), now);
        Ok(())
    }

    /// Whether directory `ancestor` is `id` or lies above it.
    fn is_ancestor(&self, ancestor: Id, mut id: Id) -> bool {
        loop {
            if id == ancestor {
                return true;
            }
            if id == ROOT {
                return false;
            }
            id = self.dir(id).parent;
        }
    }

    /// Renames `from` to `to` with `rename(2)`'s checks, in its order (see the contract
    /// suite's `rename` module).
    pub fn rename(&mut self, from: &[u8], to: &[u8], now: Timestamp) -> Result<(), ErrorKind> {
        let src = self.walk(from, false)?;
        let dst = self.walk(to, false)?;
        let sid = src.node.ok_or(NotFound)?;
        if sid == ROOT {
            return Err(Busy);
        }
        let src_dir = self.is_dir(sid);
        if src_dir && self.is_ancestor(sid, dst.parent) {
            return Err(InvalidInput);
        }
        if let Some(did) = dst.node {
            if self.is_dir(did) && self.is_ancestor(did, src.parent) {
                return Err(DirectoryNotEmpty);
            }
            if did == sid {
                return Ok(());
            }
            match (&self.node(did).kind, src_dir) {
                (Kind::Dir(_), false) => return Err(IsADirectory),
                (Kind::Dir(d), true) if !d.entries.is_empty() => return Err(DirectoryNotEmpty),
                (Kind::Dir(_), true) => {}
                (_, true) => return Err(NotADirectory),
                (_, false) => {}
            }
            self.detach(dst.parent, dst.name(to), now);
        }
        let p = self.node_mut(src.parent);
        p.mtime = now;
        let Kind::Dir(d) = &mut p.kind else {
            unreachable!("parent is a directory")
        };
        d.entries.remove(src.name(from));
        d.subdirs -= u64::from(src_dir);
        let q = self.node_mut(dst.parent);
        q.mtime = now;
        let Kind::Dir(d) = &mut q.kind else {
            unreachable!("parent is a directory")
        };
        d.entries.insert(dst.name(to).into(), sid);
        d.subdirs += u64::from(src_dir);
        if src_dir {
            self.dir_mut(sid).parent = dst.parent;
        }
        Ok(())
    }

    /// Sets the modification time of what `path` leads to.
    pub fn set_mtime(&mut self, path: &[u8], mtime: Timestamp) -> Result<(), ErrorKind> {
        let id = self.lookup(path, true)?;
        self.node_mut(id).mtime = mtime;
        Ok(())
    }

    /// Sets the permission bits (masked to `0o7777`) of what `path` leads to.
    pub fn set_mode(&mut self, path: &[u8], mode: u32) -> Result<(), ErrorKind> {
        let id = self.lookup(path, true)?;
        self.node_mut(id).mode = mode & 0o7777;
        Ok(())
    }
}

/// `old` followed by `data`. Appends in place when no reader shares `old`'s buffer, so a
/// loop of small appends costs amortized O(appended bytes) rather than copying the whole
/// file each time; otherwise copies once (readers keep the old content).
fn append(old: Bytes, data: &[u8]) -> Bytes {
    if data.is_empty() {
        return old;
    }
    match old.try_into_mut() {
        Ok(mut buf) => {
            buf.extend_from_slice(data);
            buf.freeze()
        }
        Err(old) => {
            let mut buf = Vec::with_capacity((old.len() + data.len()).max(2 * old.len()));
            buf.extend_from_slice(&old);
            buf.extend_from_slice(data);
            Bytes::from(buf)
        }
    }
}
