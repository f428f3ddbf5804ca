//! The metadata cache of [`ObjectStoreFs`](super::ObjectStoreFs): what `head` and
//! `list_with_delimiter` said, so that `ls -l`, `test -f` and the parent checks of every write
//! do not each cost a round trip.
//!
//! # The invalidation rule
//!
//! * Everything this filesystem writes, appends, creates, removes or renames invalidates the
//!   entries of the keys it touched (for a directory: every key below it) and the listings of
//!   their parent directories, *before* the call returns. So one `ObjectStoreFs` always sees
//!   its own changes.
//! * Changes made by anybody else (another process, another `ObjectStoreFs` over the same
//!   bucket) are seen once the cached result expires: after the TTL when one is set, never
//!   when none is (the default), until [`ObjectStoreFs::clear_cache`](super::ObjectStoreFs::clear_cache).
//! * Only metadata is cached, never contents: `read` always fetches the object, so it returns
//!   what the store holds now even when `stat` is stale.
//! * The cache holds at most [`MAX_ENTRIES`] entries and starts over when full (a simple bound
//!   on memory; the next lookups refill it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::names;
use crate::clock::Clock;
use crate::metadata::{DirEntry, FileKind, Timestamp};

/// How many keys and listings the cache holds before it starts over.
pub(crate) const MAX_ENTRIES: usize = 100_000;

/// What the store said about one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    /// An object.
    File {
        /// Its size in bytes.
        size: u64,
        /// Its `last_modified`.
        mtime: Timestamp,
    },
    /// A prefix with keys below it (or a marker).
    Dir {
        /// The `last_modified` of the marker or of an object below it.
        mtime: Timestamp,
    },
    /// Neither an object nor a prefix.
    Missing,
}

/// One directory's listing: sorted entries, and whether the directory has a marker object
/// (which keeps it alive when its last entry goes).
#[derive(Clone, Debug, Default)]
pub(crate) struct Listing {
    /// Entries sorted by name, markers stripped.
    pub entries: Vec<DirEntry>,
    /// Whether the marker object exists.
    pub marker: bool,
}

#[derive(Debug)]
struct Stamped<T> {
    value: T,
    /// When the entry stops being trusted; `None` for never.
    expires: Option<Timestamp>,
}

#[derive(Debug, Default)]
struct Maps {
    nodes: HashMap<String, Stamped<Node>>,
    listings: HashMap<String, Stamped<Arc<Listing>>>,
    /// Bumped by every invalidation. A lookup that started before an invalidation may carry
    /// the old state, so its result is dropped rather than cached (see [`MetaCache::epoch`]).
    epoch: u64,
}

/// The cache: keys are object-store keys (without a trailing `/`; the root of the filesystem
/// is its prefix, possibly empty).
#[derive(Debug)]
pub(crate) struct MetaCache {
    maps: Mutex<Maps>,
    ttl: Option<Duration>,
    clock: Option<Arc<dyn Clock>>,
}

impl MetaCache {
    /// A cache whose entries live for `ttl` (forever when `None`) by `clock`. With a TTL but
    /// no clock nothing can be timed, so nothing is cached.
    pub(crate) fn new(ttl: Option<Duration>, clock: Option<Arc<dyn Clock>>) -> MetaCache {
        MetaCache {
            maps: Mutex::new(Maps::default()),
            ttl,
            clock,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Maps> {
        // A panic while holding the lock leaves plain maps behind, still usable.
        self.maps.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether anything may be stored, and until when.
    fn expiry(&self) -> Option<Option<Timestamp>> {
        match (self.ttl, &self.clock) {
            (None, _) => Some(None),
            (Some(_), None) => None,
            (Some(ttl), Some(clock)) => Some(Some(add(clock.now(), ttl))),
        }
    }

    fn fresh(&self, expires: Option<Timestamp>) -> bool {
        match (expires, &self.clock) {
            (None, _) => true,
            (Some(at), Some(clock)) => clock.now() < at,
            (Some(_), None) => false,
        }
    }

    /// What is known about `key`: its own entry, or failing that its parent's listing (a
    /// listed name is a file or directory; an unlisted one is missing).
    pub(crate) fn node(&self, key: &str) -> Option<Node> {
        let maps = self.lock();
        if let Some(s) = maps.nodes.get(key) {
            if self.fresh(s.expires) {
                return Some(s.value.clone());
            }
        }
        let (parent, name) = split_key(key);
        let name = names::decode(name);
        let listing = maps.listings.get(parent)?;
        if !self.fresh(listing.expires) {
            return None;
        }
        let found = listing
            .value
            .entries
            .binary_search_by(|e| e.name.as_slice().cmp(&name));
        match found {
            // A listed file would have its own node (listings record them); a listed
            // directory's mtime is not in the listing, so let the caller ask.
            Ok(_) => None,
            Err(_) => Some(Node::Missing),
        }
    }

    /// The current epoch: take it before asking the store, and hand it to
    /// [`MetaCache::put_node`] or [`MetaCache::put_listing`] with the answer.
    pub(crate) fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// Records what the store said about `key`, unless something was invalidated since
    /// `epoch` (the answer might predate our own write).
    pub(crate) fn put_node(&self, key: &str, node: Node, epoch: u64) {
        let Some(expires) = self.expiry() else { return };
        let mut maps = self.lock();
        if maps.epoch != epoch {
            return;
        }
        if maps.nodes.len() >= MAX_ENTRIES {
            maps.nodes.clear();
        }
        maps.nodes.insert(
            key.to_owned(),
            Stamped {
                value: node,
                expires,
            },
        );
    }

    /// The cached listing of directory `key`.
    pub(crate) fn listing(&self, key: &str) -> Option<Arc<Listing>> {
        let maps = self.lock();
        let s = maps.listings.get(key)?;
        self.fresh(s.expires).then(|| s.value.clone())
    }

    /// Records a listing of directory `key` and the files in it (`files`: key, node).
    pub(crate) fn put_listing(
        &self,
        key: &str,
        listing: Arc<Listing>,
        files: Vec<(String, Node)>,
        epoch: u64,
    ) {
        let Some(expires) = self.expiry() else { return };
        let mut maps = self.lock();
        if maps.epoch != epoch {
            return;
        }
        if maps.listings.len() >= MAX_ENTRIES || maps.nodes.len() + files.len() >= MAX_ENTRIES {
            maps.listings.clear();
            maps.nodes.clear();
        }
        maps.listings.insert(
            key.to_owned(),
            Stamped {
                value: listing,
                expires,
            },
        );
        for (k, node) in files {
            maps.nodes.insert(
                k,
                Stamped {
                    value: node,
                    expires,
                },
            );
        }
    }

    /// Forgets `key` (its node and, were it a directory, its listing) and its parent's
    /// listing: what a write, create or delete of `key` must do.
    pub(crate) fn invalidate(&self, key: &str) {
        let mut maps = self.lock();
        maps.epoch += 1;
        maps.nodes.remove(key);
        maps.listings.remove(key);
        maps.listings.remove(split_key(key).0);
    }

    /// Records our own successful creation of `key` as a `kind`: its parent's listing (if
    /// cached) gains the name; its own node is dropped (the store knows its mtime).
    pub(crate) fn created(&self, key: &str, kind: FileKind) {
        let mut maps = self.lock();
        maps.epoch += 1;
        maps.nodes.remove(key);
        maps.listings.remove(key);
        let (parent, name) = split_key(key);
        let name = names::decode(name);
        if let Some(listing) = maps.listings.get_mut(parent) {
            let entries = &mut Arc::make_mut(&mut listing.value).entries;
            match entries.binary_search_by(|e| e.name.as_slice().cmp(&name)) {
                Ok(i) => entries[i].kind = kind,
                Err(i) => entries.insert(i, DirEntry { name, kind }),
            }
        }
    }

    /// Records our own successful removal of `key`: its parent's listing (if cached) loses
    /// the name.
    pub(crate) fn removed(&self, key: &str) {
        let mut maps = self.lock();
        maps.epoch += 1;
        maps.nodes.remove(key);
        maps.listings.remove(key);
        let (parent, name) = split_key(key);
        let name = names::decode(name);
        if let Some(listing) = maps.listings.get_mut(parent) {
            let entries = &mut Arc::make_mut(&mut listing.value).entries;
            if let Ok(i) = entries.binary_search_by(|e| e.name.as_slice().cmp(&name)) {
                entries.remove(i);
            }
        }
    }

    /// Forgets `key`, everything below it and its parent's listing: what a rename or
    /// recursive removal of the directory `key` must do.
    pub(crate) fn invalidate_tree(&self, key: &str) {
        let mut maps = self.lock();
        maps.epoch += 1;
        let below = |k: &str| is_below(k, key);
        maps.nodes.retain(|k, _| !below(k));
        maps.listings.retain(|k, _| !below(k));
        maps.listings.remove(split_key(key).0);
    }

    /// Forgets everything.
    pub(crate) fn clear(&self) {
        let mut maps = self.lock();
        maps.epoch += 1;
        maps.nodes.clear();
        maps.listings.clear();
    }
}

/// Whether `k` is `base` or a key below it (the empty key is the bucket root, above all).
pub(crate) fn is_below(k: &str, base: &str) -> bool {
    base.is_empty()
        || (k.starts_with(base) && (k.len() == base.len() || k.as_bytes()[base.len()] == b'/'))
}

/// A key's parent key and last segment (`"a/b"` → `("a", "b")`, `"a"` → `("", "a")`).
pub(crate) fn split_key(key: &str) -> (&str, &str) {
    match key.rfind('/') {
        Some(i) => (&key[..i], &key[i + 1..]),
        None => ("", key),
    }
}

fn add(t: Timestamp, d: Duration) -> Timestamp {
    let nanos = u64::from(t.nanos) + u64::from(d.subsec_nanos());
    Timestamp {
        secs: t
            .secs
            .saturating_add(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .saturating_add((nanos / 1_000_000_000) as i64),
        nanos: (nanos % 1_000_000_000) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    fn file() -> Node {
        Node::File {
            size: 1,
            mtime: Timestamp::from_secs(5),
        }
    }

    #[test]
    fn keys_split_and_nest() {
        assert_eq!(split_key("a/b/c"), ("a/b", "c"));
        assert_eq!(split_key("a"), ("", "a"));
        assert!(is_below("a/b", "a"));
        assert!(is_below("a", "a"));
        assert!(!is_below("ab", "a"));
        assert!(is_below("x", ""));
    }

    #[test]
    fn ttl_expires_entries() {
        let clock = Arc::new(ManualClock::new(100));
        let cache = MetaCache::new(Some(Duration::from_secs(10)), Some(clock.clone()));
        cache.put_node("a", file(), cache.epoch());
        assert_eq!(cache.node("a"), Some(file()));
        clock.advance(9);
        assert_eq!(cache.node("a"), Some(file()));
        clock.advance(1);
        assert_eq!(cache.node("a"), None);
    }

    #[test]
    fn ttl_without_clock_caches_nothing() {
        let cache = MetaCache::new(Some(Duration::from_secs(10)), None);
        cache.put_node("a", file(), cache.epoch());
        assert_eq!(cache.node("a"), None);
    }

    #[test]
    fn listings_answer_for_their_children_and_invalidate() {
        let cache = MetaCache::new(None, None);
        let listing = Listing {
            entries: vec![
                DirEntry {
                    name: b"d".to_vec(),
                    kind: FileKind::Directory,
                },
                DirEntry {
                    name: b"f".to_vec(),
                    kind: FileKind::File,
                },
            ],
            marker: false,
        };
        cache.put_listing(
            "p",
            Arc::new(listing),
            vec![("p/f".into(), file())],
            cache.epoch(),
        );
        assert_eq!(cache.node("p/f"), Some(file()));
        assert_eq!(cache.node("p/zz"), Some(Node::Missing));
        assert_eq!(cache.node("p/d"), None);
        cache.invalidate("p/new");
        assert!(cache.listing("p").is_none());
        assert_eq!(cache.node("p/zz"), None);
        assert_eq!(cache.node("p/f"), Some(file()));
        cache.invalidate_tree("p");
        assert_eq!(cache.node("p/f"), None);
    }

    #[test]
    fn answers_older_than_an_invalidation_are_dropped() {
        let cache = MetaCache::new(None, None);
        let before = cache.epoch();
        cache.invalidate("a");
        cache.put_node("a", file(), before);
        assert_eq!(cache.node("a"), None);
        cache.put_node("a", file(), cache.epoch());
        assert_eq!(cache.node("a"), Some(file()));
    }
}
