//! Property test: random sequences of operations on MemFs and on a simple model (a sorted
//! map of path → file content or directory) give the same results and errors, and leave
//! the same tree (and the same usage counts) behind.

use std::collections::BTreeMap;

use futures::executor::block_on;
use proptest::prelude::*;
use vbash_vfs::{Bytes, ErrorKind, FileKind, FileSystem, MemFs, Usage, VfsPath};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Dir,
}

/// What an operation returned, comparable across MemFs and the model.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Out {
    Unit,
    Data(Vec<u8>),
    Listing(Vec<(Vec<u8>, FileKind)>),
    Stat(FileKind, u64),
    Bool(bool),
}

type R = Result<Out, ErrorKind>;

#[derive(Clone, Debug)]
enum Op {
    Write(String, u8),
    CreateNew(String, u8),
    Append(String, u8),
    CreateDir(String),
    CreateDirAll(String),
    RemoveFile(String),
    RemoveDir(String),
    RemoveDirAll(String),
    Rename(String, String),
    Read(String),
    ReadRange(String, u64, u64),
    ReadDir(String),
    Metadata(String),
    Exists(String),
}

/// Content for a seed: short, and different for different seeds.
fn content(seed: u8) -> Vec<u8> {
    vec![seed; usize::from(seed % 5)]
}

/// The model: every entry by its full path; the root is implicit.
#[derive(Default)]
struct Model {
    map: BTreeMap<Vec<u8>, Entry>,
}

fn below(p: &[u8], base: &[u8]) -> bool {
    p.len() > base.len() && p.starts_with(base) && p[base.len()] == b'/'
}

impl Model {
    fn get(&self, p: &[u8]) -> Option<&Entry> {
        if p == b"/" {
            return Some(&Entry::Dir);
        }
        self.map.get(p)
    }

    /// The errors of the directories leading to `p`, outermost first.
    fn parents(&self, p: &[u8]) -> Result<(), ErrorKind> {
        for (i, _) in p.iter().enumerate().filter(|&(i, &c)| c == b'/' && i > 0) {
            match self.get(&p[..i]) {
                None => return Err(ErrorKind::NotFound),
                Some(Entry::File(_)) => return Err(ErrorKind::NotADirectory),
                Some(Entry::Dir) => {}
            }
        }
        Ok(())
    }

    fn lookup(&self, p: &[u8]) -> Result<&Entry, ErrorKind> {
        self.parents(p)?;
        self.get(p).ok_or(ErrorKind::NotFound)
    }

    fn has_children(&self, p: &[u8]) -> bool {
        self.map.keys().any(|k| below(k, p))
    }

    fn remove_tree(&mut self, p: &[u8]) {
        self.map.retain(|k, _| k != p && !below(k, p));
    }

    fn apply(&mut self, op: &Op) -> R {
        use ErrorKind::*;
        match op {
            Op::Write(p, s) => {
                let p = p.as_bytes();
                self.parents(p)?;
                if self.get(p) == Some(&Entry::Dir) {
                    return Err(IsADirectory);
                }
                self.map.insert(p.to_vec(), Entry::File(content(*s)));
                Ok(Out::Unit)
            }
            Op::CreateNew(p, s) => {
                let p = p.as_bytes();
                self.parents(p)?;
                if self.get(p).is_some() {
                    return Err(AlreadyExists);
                }
                self.map.insert(p.to_vec(), Entry::File(content(*s)));
                Ok(Out::Unit)
            }
            Op::Append(p, s) => {
                let p = p.as_bytes();
                self.parents(p)?;
                match self
                    .map
                    .entry(p.to_vec())
                    .or_insert(Entry::File(Vec::new()))
                {
                    Entry::Dir => Err(IsADirectory),
                    Entry::File(d) => {
                        d.extend(content(*s));
                        Ok(Out::Unit)
                    }
                }
            }
            Op::CreateDir(p) => {
                let p = p.as_bytes();
                self.parents(p)?;
                if self.get(p).is_some() {
                    return Err(AlreadyExists);
                }
                self.map.insert(p.to_vec(), Entry::Dir);
                Ok(Out::Unit)
            }
            Op::CreateDirAll(p) => {
                let p = p.as_bytes();
                let ends = (1..=p.len()).filter(|&i| i == p.len() || p[i] == b'/');
                for end in ends {
                    match self.get(&p[..end]) {
                        Some(Entry::Dir) => {}
                        Some(Entry::File(_)) if end == p.len() => return Err(AlreadyExists),
                        Some(Entry::File(_)) => return Err(NotADirectory),
                        None => {
                            self.map.insert(p[..end].to_vec(), Entry::Dir);
                        }
                    }
                }
                Ok(Out::Unit)
            }
            Op::RemoveFile(p) => {
                let p = p.as_bytes();
                if *self.lookup(p)? == Entry::Dir {
                    return Err(IsADirectory);
                }
                self.map.remove(p);
                Ok(Out::Unit)
            }
            Op::RemoveDir(p) => {
                let p = p.as_bytes();
                if *self.lookup(p)? != Entry::Dir {
                    return Err(NotADirectory);
                }
                if self.has_children(p) {
                    return Err(DirectoryNotEmpty);
                }
                self.map.remove(p);
                Ok(Out::Unit)
            }
            Op::RemoveDirAll(p) => {
                let p = p.as_bytes();
                self.lookup(p)?;
                self.remove_tree(p);
                Ok(Out::Unit)
            }
            Op::Rename(from, to) => {
                let (from, to) = (from.as_bytes(), to.as_bytes());
                self.parents(from)?;
                self.parents(to)?;
                let src = self.get(from).ok_or(NotFound)?.clone();
                let is_dir = src == Entry::Dir;
                if is_dir && below(to, from) {
                    return Err(InvalidInput);
                }
                let dst = self.get(to).cloned();
                if dst == Some(Entry::Dir) && below(from, to) {
                    return Err(DirectoryNotEmpty);
                }
                if from == to {
                    return Ok(Out::Unit);
                }
                match (dst, is_dir) {
                    (Some(Entry::Dir), false) => return Err(IsADirectory),
                    (Some(Entry::Dir), true) if self.has_children(to) => {
                        return Err(DirectoryNotEmpty)
                    }
                    (Some(Entry::File(_)), true) => return Err(NotADirectory),
                    _ => {}
                }
                self.remove_tree(to);
                let moved: Vec<_> = self
                    .map
                    .iter()
                    .filter(|(k, _)| *k == from || below(k, from))
                    .map(|(k, v)| ([to, &k[from.len()..]].concat(), v.clone()))
                    .collect();
                self.remove_tree(from);
                self.map.extend(moved);
                Ok(Out::Unit)
            }
            Op::Read(p) => match self.lookup(p.as_bytes())? {
                Entry::Dir => Err(IsADirectory),
                Entry::File(d) => Ok(Out::Data(d.clone())),
            },
            Op::ReadRange(p, off, len) => match self.lookup(p.as_bytes())? {
                Entry::Dir => Err(IsADirectory),
                Entry::File(d) => {
                    let start = (*off as usize).min(d.len());
                    let end = (start + *len as usize).min(d.len());
                    Ok(Out::Data(d[start..end].to_vec()))
                }
            },
            Op::ReadDir(p) => {
                let p = p.as_bytes();
                if *self.lookup(p)? != Entry::Dir {
                    return Err(NotADirectory);
                }
                Ok(Out::Listing(self.listing(p)))
            }
            Op::Metadata(p) => match self.lookup(p.as_bytes())? {
                Entry::Dir => Ok(Out::Stat(FileKind::Directory, 4096)),
                Entry::File(d) => Ok(Out::Stat(FileKind::File, d.len() as u64)),
            },
            Op::Exists(p) => Ok(Out::Bool(self.lookup(p.as_bytes()).is_ok())),
        }
    }

    fn listing(&self, dir: &[u8]) -> Vec<(Vec<u8>, FileKind)> {
        let prefix = if dir == b"/" { 0 } else { dir.len() };
        self.map
            .iter()
            .filter(|(k, _)| below(k, if dir == b"/" { b"" } else { dir }))
            .filter(|(k, _)| !k[prefix + 1..].contains(&b'/'))
            .map(|(k, v)| {
                let kind = match v {
                    Entry::Dir => FileKind::Directory,
                    Entry::File(_) => FileKind::File,
                };
                (k[prefix + 1..].to_vec(), kind)
            })
            .collect()
    }

    fn usage(&self) -> Usage {
        Usage {
            files: self.map.len() as u64,
            bytes: self
                .map
                .values()
                .map(|e| match e {
                    Entry::File(d) => d.len() as u64,
                    Entry::Dir => 0,
                })
                .sum(),
        }
    }
}

async fn apply(fs: &MemFs, op: &Op) -> R {
    let p = |s: &String| VfsPath::new(s).unwrap();
    let unit = |r: vbash_vfs::Result<()>| r.map(|()| Out::Unit).map_err(|e| e.kind);
    let data = |r: vbash_vfs::Result<Bytes>| r.map(|b| Out::Data(b.to_vec())).map_err(|e| e.kind);
    match op {
        Op::Write(a, s) => unit(fs.write(&p(a), content(*s).into()).await),
        Op::CreateNew(a, s) => unit(fs.create_new(&p(a), content(*s).into()).await),
        Op::Append(a, s) => unit(fs.append(&p(a), content(*s).into()).await),
        Op::CreateDir(a) => unit(fs.create_dir(&p(a)).await),
        Op::CreateDirAll(a) => unit(fs.create_dir_all(&p(a)).await),
        Op::RemoveFile(a) => unit(fs.remove_file(&p(a)).await),
        Op::RemoveDir(a) => unit(fs.remove_dir(&p(a)).await),
        Op::RemoveDirAll(a) => unit(fs.remove_dir_all(&p(a)).await),
        Op::Rename(a, b) => unit(fs.rename(&p(a), &p(b)).await),
        Op::Read(a) => data(fs.read(&p(a)).await),
        Op::ReadRange(a, o, l) => data(fs.read_range(&p(a), *o, *l).await),
        Op::ReadDir(a) => fs
            .read_dir(&p(a))
            .await
            .map(|l| Out::Listing(l.into_iter().map(|e| (e.name, e.kind)).collect()))
            .map_err(|e| e.kind),
        Op::Metadata(a) => fs
            .metadata(&p(a))
            .await
            .map(|m| Out::Stat(m.kind, m.size))
            .map_err(|e| e.kind),
        Op::Exists(a) => Ok(Out::Bool(fs.exists(&p(a)).await)),
    }
}

/// The whole tree of `fs`, in the model's form.
async fn dump(fs: &MemFs) -> BTreeMap<Vec<u8>, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![VfsPath::root()];
    while let Some(dir) = stack.pop() {
        for e in fs.read_dir(&dir).await.unwrap() {
            let path = dir.join(&e.name);
            if e.kind == FileKind::Directory {
                out.insert(path.as_bytes().to_vec(), Entry::Dir);
                stack.push(path);
            } else {
                let d = fs.read(&path).await.unwrap().to_vec();
                out.insert(path.as_bytes().to_vec(), Entry::File(d));
            }
        }
    }
    out
}

/// Paths of depth 1 to 3 over a three-name alphabet, so operations often collide.
fn path() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![Just("a"), Just("b"), Just("c")], 1..=3)
        .prop_map(|parts| format!("/{}", parts.join("/")))
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (path(), any::<u8>()).prop_map(|(p, s)| Op::Write(p, s)),
        1 => (path(), any::<u8>()).prop_map(|(p, s)| Op::CreateNew(p, s)),
        2 => (path(), any::<u8>()).prop_map(|(p, s)| Op::Append(p, s)),
        2 => path().prop_map(Op::CreateDir),
        2 => path().prop_map(Op::CreateDirAll),
        1 => path().prop_map(Op::RemoveFile),
        1 => path().prop_map(Op::RemoveDir),
        1 => path().prop_map(Op::RemoveDirAll),
        3 => (path(), path()).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => path().prop_map(Op::Read),
        1 => (path(), 0..6u64, 0..6u64).prop_map(|(p, o, l)| Op::ReadRange(p, o, l)),
        1 => path().prop_map(Op::ReadDir),
        1 => path().prop_map(Op::Metadata),
        1 => path().prop_map(Op::Exists),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn memfs_agrees_with_the_model(ops in proptest::collection::vec(op(), 1..40)) {
        let fs = MemFs::new();
        let mut model = Model::default();
        block_on(async {
            for (i, op) in ops.iter().enumerate() {
                let want = model.apply(op);
                let got = apply(&fs, op).await;
                prop_assert_eq!(&got, &want, "op {} {:?}", i, op);
                prop_assert_eq!(dump(&fs).await, model.map.clone(), "tree after op {} {:?}", i, op);
                prop_assert_eq!(fs.usage(), model.usage(), "usage after op {} {:?}", i, op);
            }
            Ok(())
        })?;
    }
}
