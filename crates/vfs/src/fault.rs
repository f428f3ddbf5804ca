//! [`FaultyStore`]: an [`ObjectStore`] wrapper that fails, delays or times out chosen calls,
//! to test how a filesystem over an object store behaves when the store misbehaves (5xx
//! errors, slow responses, timeouts after the client's retries).
//!
//! Faults are chosen by operation ([`Op`]), by a substring of the object path, and by call
//! number (skip the first `n` matching calls, then trigger at most `k` times). The wrapper
//! also counts calls per operation and the most requests it saw in flight at once, so tests
//! can check caching and concurrency.
//!
//! ```
//! use std::sync::Arc;
//! use object_store::{memory::InMemory, path::Path, ObjectStoreExt};
//! use vbash_vfs::fault::{Fault, FaultyStore, Op};
//!
//! # futures::executor::block_on(async {
//! let store = FaultyStore::new(Arc::new(InMemory::new()));
//! store.inject(Fault::on(Op::Put).path_contains("logs/").nth(2).fail("503 Slow Down"));
//! assert!(store.put(&Path::from("logs/a"), "x".into()).await.is_ok());
//! let e = store.put(&Path::from("logs/b"), "x".into()).await.unwrap_err();
//! assert!(e.to_string().contains("503 Slow Down"));
//! assert!(store.put(&Path::from("logs/c"), "x".into()).await.is_ok());
//! assert_eq!(store.calls(Op::Put), 3);
//! # });
//! ```

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use futures::{FutureExt, StreamExt};
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore,
    ObjectStoreExt, PutMultipartOptions, PutOptions, PutPayload, PutResult, RenameOptions,
};

/// A kind of store call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `put_opts` (whole-object upload, conditional or not).
    Put,
    /// `put_multipart_opts` (starting a multipart upload).
    PutMultipart,
    /// `get_opts` for content (whole or ranged), and `get_ranges`.
    Get,
    /// `get_opts` with `head` set (what `ObjectStoreExt::head` does).
    Head,
    /// `list` and `list_with_offset` (recursive listings).
    List,
    /// `list_with_delimiter` (one directory level).
    ListWithDelimiter,
    /// Each path of `delete_stream`.
    Delete,
    /// `copy_opts`.
    Copy,
    /// `rename_opts`.
    Rename,
}

/// What a fault does to a call it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Fails at once with `object_store::Error::Generic` carrying this message (what a 5xx
    /// left after the client's retries looks like).
    Fail(String),
    /// Waits this long, then lets the call through.
    Delay(Duration),
    /// Waits this long, then fails with a timeout error (the call never reaches the store).
    Timeout(Duration),
    /// Fails with `object_store::Error::NotImplemented`, as a store lacking the feature does
    /// (e.g. an S3-compatible server without conditional puts).
    Unsupported,
}

/// One fault: which calls it matches and what it does to them. Build with [`Fault::on`] or
/// [`Fault::any`], narrow with the other methods, finish with an action.
#[derive(Clone, Debug)]
pub struct Fault {
    ops: Vec<Op>,
    path: Option<String>,
    skip: u64,
    times: Option<u64>,
    action: Action,
}

impl Fault {
    /// A fault on calls of kind `op` (add more with [`Fault::or`]).
    pub fn on(op: Op) -> Fault {
        Fault {
            ops: vec![op],
            ..Fault::any()
        }
    }

    /// A fault on every kind of call.
    pub fn any() -> Fault {
        Fault {
            ops: Vec::new(),
            path: None,
            skip: 0,
            times: None,
            action: Action::Fail("injected fault".into()),
        }
    }

    /// Also matches calls of kind `op`.
    pub fn or(mut self, op: Op) -> Fault {
        self.ops.push(op);
        self
    }

    /// Only calls whose object path (or list prefix) contains `needle`.
    pub fn path_contains(mut self, needle: impl Into<String>) -> Fault {
        self.path = Some(needle.into());
        self
    }

    /// Lets the first `n` matching calls through untouched.
    pub fn after(mut self, n: u64) -> Fault {
        self.skip = n;
        self
    }

    /// Triggers at most `k` times (after those skipped).
    pub fn times(mut self, k: u64) -> Fault {
        self.times = Some(k);
        self
    }

    /// Triggers on the `n`-th matching call only (1-based).
    pub fn nth(self, n: u64) -> Fault {
        self.after(n.saturating_sub(1)).times(1)
    }

    /// Matching calls fail with `message`.
    pub fn fail(mut self, message: impl Into<String>) -> Fault {
        self.action = Action::Fail(message.into());
        self
    }

    /// Matching calls are delayed by `d`.
    pub fn delay(mut self, d: Duration) -> Fault {
        self.action = Action::Delay(d);
        self
    }

    /// Matching calls hang for `d`, then fail as timed out.
    pub fn timeout(mut self, d: Duration) -> Fault {
        self.action = Action::Timeout(d);
        self
    }

    /// Matching calls fail as not implemented by the store.
    pub fn unsupported(mut self) -> Fault {
        self.action = Action::Unsupported;
        self
    }

    fn matches(&self, op: Op, path: &str) -> bool {
        (self.ops.is_empty() || self.ops.contains(&op))
            && self.path.as_ref().is_none_or(|n| path.contains(n.as_str()))
    }
}

/// A function that returns a future completing after the given time: how [`FaultyStore`]
/// waits, so that it needs no particular runtime.
pub type SleepFn = Arc<dyn Fn(Duration) -> BoxFuture<'static, ()> + Send + Sync>;

#[derive(Debug)]
struct Rule {
    fault: Fault,
    /// Matching calls seen so far.
    seen: u64,
}

#[derive(Default)]
struct Counters {
    calls: HashMap<Op, u64>,
}

struct Shared {
    rules: Mutex<Vec<Rule>>,
    counters: Mutex<Counters>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    sleep: SleepFn,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// Counts the call, then applies every fault that matches it: delays add up, and the
    /// first failure wins.
    async fn apply(&self, op: Op, path: &str) -> object_store::Result<()> {
        *lock(&self.counters).calls.entry(op).or_default() += 1;
        let actions: Vec<Action> = {
            let mut rules = lock(&self.rules);
            rules
                .iter_mut()
                .filter(|r| r.fault.matches(op, path))
                .filter_map(|r| {
                    r.seen += 1;
                    let past_skip = r.seen > r.fault.skip;
                    let within = || r.fault.times.is_none_or(|k| r.seen - r.fault.skip <= k);
                    (past_skip && within()).then(|| r.fault.action.clone())
                })
                .collect()
        };
        for action in actions {
            match action {
                Action::Delay(d) => (self.sleep)(d).await,
                Action::Fail(message) => return Err(injected(message)),
                Action::Unsupported => {
                    return Err(object_store::Error::NotImplemented {
                        operation: format!("{op:?}"),
                        implementer: "FaultyStore".into(),
                    })
                }
                Action::Timeout(d) => {
                    (self.sleep)(d).await;
                    return Err(injected(format!(
                        "{op:?} {path}: operation timed out after {d:?}"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Tracks a call in flight until the guard drops.
    fn enter(self: &Arc<Self>) -> InFlight {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self.clone())
    }
}

struct InFlight(Arc<Shared>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

fn injected(message: String) -> object_store::Error {
    object_store::Error::Generic {
        store: "FaultyStore",
        source: message.into(),
    }
}

/// An [`ObjectStore`] that passes calls to another one, except those its [`Fault`]s catch.
/// Faults can be added and cleared while it is in use.
#[derive(Clone)]
pub struct FaultyStore {
    inner: Arc<dyn ObjectStore>,
    shared: Arc<Shared>,
}

impl fmt::Debug for FaultyStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaultyStore")
            .field("inner", &self.inner)
            .field("rules", &*lock(&self.shared.rules))
            .finish()
    }
}

impl fmt::Display for FaultyStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FaultyStore({})", self.inner)
    }
}

impl FaultyStore {
    /// Wraps `inner`, with no faults yet. Delays sleep on a helper thread by default (see
    /// [`FaultyStore::with_sleep`]).
    pub fn new(inner: Arc<dyn ObjectStore>) -> FaultyStore {
        FaultyStore {
            inner,
            shared: Arc::new(Shared {
                rules: Mutex::new(Vec::new()),
                counters: Mutex::new(Counters::default()),
                in_flight: AtomicUsize::new(0),
                max_in_flight: AtomicUsize::new(0),
                sleep: Arc::new(thread_sleep),
            }),
        }
    }

    /// Uses `sleep` for delays and timeouts (e.g. `tokio::time::sleep`, or a timer of the
    /// embedding on wasm, where there are no threads). Call before sharing the store.
    pub fn with_sleep(
        self,
        sleep: impl Fn(Duration) -> BoxFuture<'static, ()> + Send + Sync + 'static,
    ) -> FaultyStore {
        let shared = Shared {
            rules: Mutex::new(std::mem::take(&mut *lock(&self.shared.rules))),
            counters: Mutex::new(Counters::default()),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            sleep: Arc::new(sleep),
        };
        FaultyStore {
            inner: self.inner,
            shared: Arc::new(shared),
        }
    }

    /// Adds a fault; it applies from the next call on.
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.rules).push(Rule { fault, seen: 0 });
    }

    /// Removes every fault.
    pub fn clear(&self) {
        lock(&self.shared.rules).clear();
    }

    /// How many calls of kind `op` were made (faulted or not).
    pub fn calls(&self, op: Op) -> u64 {
        lock(&self.shared.counters)
            .calls
            .get(&op)
            .copied()
            .unwrap_or(0)
    }

    /// How many calls of all kinds were made.
    pub fn total_calls(&self) -> u64 {
        lock(&self.shared.counters).calls.values().sum()
    }

    /// The most single-object calls (get, head, put, copy, delete, rename) that were in
    /// flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::SeqCst)
    }

    /// Zeroes the call counts and the in-flight maximum.
    pub fn reset_counts(&self) {
        lock(&self.shared.counters).calls.clear();
        self.shared.max_in_flight.store(0, Ordering::SeqCst);
    }

    /// The store being wrapped.
    pub fn inner(&self) -> &Arc<dyn ObjectStore> {
        &self.inner
    }

    /// A stream that applies the faults for `op` on `path` before yielding `make()`'s items.
    fn faulty_stream<T: Send + 'static>(
        &self,
        op: Op,
        path: String,
        make: impl FnOnce() -> BoxStream<'static, object_store::Result<T>> + Send + 'static,
    ) -> BoxStream<'static, object_store::Result<T>> {
        let shared = self.shared.clone();
        futures::stream::once(async move {
            match shared.apply(op, &path).await {
                Ok(()) => make(),
                Err(e) => futures::stream::once(async move { Err(e) }).boxed(),
            }
        })
        .flatten()
        .boxed()
    }
}

#[async_trait]
impl ObjectStore for FaultyStore {
    async fn put_opts(
        &self,
        location: &Path,
        payload: PutPayload,
        opts: PutOptions,
    ) -> object_store::Result<PutResult> {
        let _guard = self.shared.enter();
        self.shared.apply(Op::Put, location.as_ref()).await?;
        self.inner.put_opts(location, payload, opts).await
    }

    async fn put_multipart_opts(
        &self,
        location: &Path,
        opts: PutMultipartOptions,
    ) -> object_store::Result<Box<dyn MultipartUpload>> {
        self.shared
            .apply(Op::PutMultipart, location.as_ref())
            .await?;
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(
        &self,
        location: &Path,
        options: GetOptions,
    ) -> object_store::Result<GetResult> {
        let _guard = self.shared.enter();
        let op = if options.head { Op::Head } else { Op::Get };
        self.shared.apply(op, location.as_ref()).await?;
        self.inner.get_opts(location, options).await
    }

    async fn get_ranges(
        &self,
        location: &Path,
        ranges: &[Range<u64>],
    ) -> object_store::Result<Vec<Bytes>> {
        let _guard = self.shared.enter();
        self.shared.apply(Op::Get, location.as_ref()).await?;
        self.inner.get_ranges(location, ranges).await
    }

    fn delete_stream(
        &self,
        locations: BoxStream<'static, object_store::Result<Path>>,
    ) -> BoxStream<'static, object_store::Result<Path>> {
        let shared = self.shared.clone();
        let inner = self.inner.clone();
        // One path at a time through the faults, then to the inner store.
        locations
            .then(move |location| {
                let shared = shared.clone();
                let inner = inner.clone();
                async move {
                    let location = location?;
                    let _guard = shared.enter();
                    shared.apply(Op::Delete, location.as_ref()).await?;
                    inner.delete(&location).await?;
                    Ok(location)
                }
            })
            .boxed()
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
        let inner = self.inner.clone();
        let prefix = prefix.cloned();
        let shown = prefix.as_ref().map(|p| p.to_string()).unwrap_or_default();
        self.faulty_stream(Op::List, shown, move || inner.list(prefix.as_ref()))
    }

    fn list_with_offset(
        &self,
        prefix: Option<&Path>,
        offset: &Path,
    ) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
        let inner = self.inner.clone();
        let prefix = prefix.cloned();
        let offset = offset.clone();
        let shown = prefix.as_ref().map(|p| p.to_string()).unwrap_or_default();
        self.faulty_stream(Op::List, shown, move || {
            inner.list_with_offset(prefix.as_ref(), &offset)
        })
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> object_store::Result<ListResult> {
        let shown = prefix.map(|p| p.to_string()).unwrap_or_default();
        self.shared.apply(Op::ListWithDelimiter, &shown).await?;
        self.inner.list_with_delimiter(prefix).await
    }

    async fn copy_opts(
        &self,
        from: &Path,
        to: &Path,
        options: CopyOptions,
    ) -> object_store::Result<()> {
        let _guard = self.shared.enter();
        // Matched against the destination: that is where a copy writes.
        self.shared.apply(Op::Copy, to.as_ref()).await?;
        self.inner.copy_opts(from, to, options).await
    }

    async fn rename_opts(
        &self,
        from: &Path,
        to: &Path,
        options: RenameOptions,
    ) -> object_store::Result<()> {
        let _guard = self.shared.enter();
        self.shared.apply(Op::Rename, to.as_ref()).await?;
        self.inner.rename_opts(from, to, options).await
    }
}

/// Sleeps on a helper thread: works under any executor, or none.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn thread_sleep(d: Duration) -> BoxFuture<'static, ()> {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    std::thread::spawn(move || {
        std::thread::sleep(d);
        let _ = tx.send(());
    });
    rx.map(drop).boxed()
}

/// No threads here: without [`FaultyStore::with_sleep`], delays are skipped.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn thread_sleep(_d: Duration) -> BoxFuture<'static, ()> {
    futures::future::ready(()).boxed()
}
