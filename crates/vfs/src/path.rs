//! Absolute, normalized byte paths.

use std::fmt;

/// An absolute, normalized path: starts with `/`, has no empty, `.` or `..` components and no
/// trailing slash (except the root itself). Paths are bytes, as on Linux.
///
/// Normalization is lexical, as bash's `cd` (without `-P`) treats paths: `a/link/..` is `a`
/// whatever `link` points to.
///
/// ```
/// use vbash_vfs::VfsPath;
/// let cwd = VfsPath::new("/home/user").unwrap();
/// assert_eq!(cwd.resolve(b"../x//./y/").as_bytes(), b"/home/x/y");
/// assert_eq!(cwd.resolve(b"/../etc").as_bytes(), b"/etc");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VfsPath(Vec<u8>);

impl VfsPath {
    /// The root, `/`.
    pub fn root() -> VfsPath {
        VfsPath(b"/".to_vec())
    }

    /// Normalizes an absolute path; `None` when `path` does not start with `/`.
    pub fn new(path: impl AsRef<[u8]>) -> Option<VfsPath> {
        let path = path.as_ref();
        if path.first() != Some(&b'/') {
            return None;
        }
        Some(VfsPath(normalize(path)))
    }

    /// Resolves `path` against this directory: absolute paths stand alone, relative ones are
    /// joined to `self`; the result is normalized.
    pub fn resolve(&self, path: &[u8]) -> VfsPath {
        if path.first() == Some(&b'/') {
            return VfsPath(normalize(path));
        }
        let mut joined = Vec::with_capacity(self.0.len() + 1 + path.len());
        joined.extend_from_slice(&self.0);
        joined.push(b'/');
        joined.extend_from_slice(path);
        VfsPath(normalize(&joined))
    }

    /// The child `name` of this directory. `name` must be a single component (no `/`, not
    /// `.` or `..`); other input is resolved as a relative path instead.
    pub fn join(&self, name: &[u8]) -> VfsPath {
        if name.is_empty() || name.contains(&b'/') || name == b"." || name == b".." {
            return self.resolve(name);
        }
        let mut p = self.0.clone();
        if !self.is_root() {
            p.push(b'/');
        }
        p.extend_from_slice(name);
        VfsPath(p)
    }

    /// The bytes, e.g. `b"/home/user"`.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The path as text, replacing bytes that are not UTF-8.
    pub fn to_str_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// Whether this is `/`.
    pub fn is_root(&self) -> bool {
        self.0.len() == 1
    }

    /// The parent directory; `None` for the root.
    pub fn parent(&self) -> Option<VfsPath> {
        if self.is_root() {
            return None;
        }
        let cut = self.0.iter().rposition(|&c| c == b'/').unwrap_or(0);
        Some(VfsPath(if cut == 0 {
            b"/".to_vec()
        } else {
            self.0[..cut].to_vec()
        }))
    }

    /// The last component; `None` for the root.
    pub fn file_name(&self) -> Option<&[u8]> {
        if self.is_root() {
            return None;
        }
        let cut = self.0.iter().rposition(|&c| c == b'/').unwrap_or(0);
        Some(&self.0[cut + 1..])
    }

    /// The components after the root, in order (none for the root).
    pub fn components(&self) -> impl Iterator<Item = &[u8]> {
        self.0[1..].split(|&c| c == b'/').filter(|c| !c.is_empty())
    }

    /// Whether `self` is `base` or lies below it (component-wise: `/ab` is not below `/a`).
    pub fn starts_with(&self, base: &VfsPath) -> bool {
        base.is_root()
            || (self.0.starts_with(&base.0)
                && (self.0.len() == base.0.len() || self.0[base.0.len()] == b'/'))
    }

    /// The part of `self` below `base`, as an absolute path (`/a/b` below `/a` is `/b`).
    pub fn strip_prefix(&self, base: &VfsPath) -> Option<VfsPath> {
        if !self.starts_with(base) {
            return None;
        }
        if base.is_root() {
            return Some(self.clone());
        }
        let rest = &self.0[base.0.len()..];
        Some(if rest.is_empty() {
            VfsPath::root()
        } else {
            VfsPath(rest.to_vec())
        })
    }
}

impl fmt::Debug for VfsPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_str_lossy())
    }
}

impl fmt::Display for VfsPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_str_lossy())
    }
}

impl AsRef<[u8]> for VfsPath {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Lexically normalizes an absolute path: collapses `//`, drops `.`, applies `..` (which stays
/// at the root), removes a trailing slash.
pub fn normalize(path: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(path.len() + 1);
    for comp in path.split(|&c| c == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                let cut = out.iter().rposition(|&c| c == b'/').unwrap_or(0);
                out.truncate(cut);
            }
            _ => {
                out.push(b'/');
                out.extend_from_slice(comp);
            }
        }
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalizes() {
        for (input, want) in [
            ("/", "/"),
            ("//", "/"),
            ("/a/b/../c", "/a/c"),
            ("/a/./b/", "/a/b"),
            ("/../../a", "/a"),
            ("/a/..", "/"),
            ("/a//b///c", "/a/b/c"),
            ("/...", "/..."),
        ] {
            assert_eq!(normalize(input.as_bytes()), want.as_bytes(), "{input}");
        }
    }

    #[test]
    fn parents_and_names() {
        let p = VfsPath::new("/a/b").unwrap();
        assert_eq!(p.parent().unwrap().as_bytes(), b"/a");
        assert_eq!(p.parent().unwrap().parent().unwrap(), VfsPath::root());
        assert_eq!(VfsPath::root().parent(), None);
        assert_eq!(p.file_name(), Some(&b"b"[..]));
        assert_eq!(p.components().collect::<Vec<_>>(), vec![&b"a"[..], b"b"]);
        assert!(p.starts_with(&VfsPath::new("/a").unwrap()));
        assert!(!VfsPath::new("/ab")
            .unwrap()
            .starts_with(&VfsPath::new("/a").unwrap()));
        assert_eq!(
            p.strip_prefix(&VfsPath::new("/a").unwrap())
                .unwrap()
                .as_bytes(),
            b"/b"
        );
    }

    fn segment() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"".to_vec()),
            Just(b".".to_vec()),
            Just(b"..".to_vec()),
            proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'.'), Just(0xffu8)], 1..4),
        ]
    }

    proptest! {
        #[test]
        fn normal_form_is_stable(segs in proptest::collection::vec(segment(), 0..12)) {
            let raw = [b"/".to_vec(), segs.join(&b'/')].concat();
            let once = normalize(&raw);
            // Idempotent, absolute, no empty/./.. components, no trailing slash.
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert_eq!(once[0], b'/');
            prop_assert!(once.len() == 1 || *once.last().unwrap() != b'/');
            for comp in once[1..].split(|&c| c == b'/') {
                prop_assert!(once.len() == 1 || !(comp.is_empty() || comp == b"." || comp == b".."));
            }
            // Each `..` removes at most one component: the depth never exceeds the count of
            // plain segments.
            let plain = segs.iter().filter(|s| !s.is_empty() && *s != b"." && *s != b"..").count();
            prop_assert!(VfsPath(once).components().count() <= plain);
        }

        #[test]
        fn resolve_matches_join_then_normalize(
            base in proptest::collection::vec(segment(), 0..5),
            rel in proptest::collection::vec(segment(), 0..5),
        ) {
            let base = VfsPath::new([b"/".to_vec(), base.join(&b'/')].concat()).unwrap();
            let rel = rel.join(&b'/');
            let want = normalize(&[base.as_bytes(), b"/", &rel].concat());
            if rel.first() != Some(&b'/') {
                let got = base.resolve(&rel);
                prop_assert_eq!(got.as_bytes(), &want[..]);
            }
        }
    }
}
