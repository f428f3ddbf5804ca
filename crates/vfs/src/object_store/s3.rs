//! S3 for native embedders (feature `s3`): a client configured from the `AWS_*` environment,
//! and [`SpawnStore`], which runs a store's requests on a tokio runtime of its own.
//!
//! object_store's HTTP stores need a tokio runtime around every request (sockets, timeouts,
//! retry back-off). vbash's engine is runtime-agnostic and may be driven by any executor
//! (`futures::executor::block_on` in the CLI today), so [`store_from_env`] wraps the client
//! in a [`SpawnStore`]: each call is spawned onto a shared two-thread runtime and only its
//! result crosses back. The core stays free of tokio; only this native feature brings it.
//!
//! ```no_run
//! use vbash_vfs::{s3, ObjectStoreFs};
//! // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL, AWS_ALLOW_HTTP…
//! let store = s3::store_from_env("my-bucket").unwrap();
//! let fs = ObjectStoreFs::new(store).with_prefix("sandboxes/42").unwrap();
//! ```

use std::fmt;
use std::future::Future;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use async_trait::async_trait;
use bytes::Bytes;
use futures::channel::mpsc;
use futures::stream::BoxStream;
use futures::{SinkExt, StreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, GetResultPayload, ListResult, MultipartUpload, ObjectMeta,
    ObjectStore, PutMultipartOptions, PutOptions, PutPayload, PutResult, RenameOptions,
};
use tokio::runtime::{Handle, Runtime};

use crate::error::{ErrorKind, FsError};

/// An S3 client for `bucket`, configured from the environment as the AWS tools are
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`,
/// `AWS_ENDPOINT_URL` for S3-compatible servers, `AWS_ALLOW_HTTP=true` for plain HTTP,
/// … — whatever `AmazonS3Builder::from_env` reads), running on the shared runtime of
/// [`SpawnStore::on_shared_runtime`]. `EINVAL` with object_store's message when the
/// configuration is unusable.
pub fn store_from_env(bucket: &str) -> Result<Arc<dyn ObjectStore>, FsError> {
    let s3 = AmazonS3Builder::from_env()
        .with_bucket_name(bucket)
        .build()
        .map_err(|e| FsError {
            kind: ErrorKind::InvalidInput,
            path: format!("s3://{bucket}").into_bytes(),
            detail: Some(e.to_string()),
        })?;
    Ok(Arc::new(SpawnStore::on_shared_runtime(Arc::new(s3))?))
}

/// An [`ObjectStore`] that runs every call of another one on a tokio runtime, so that callers
/// on any executor (or none) can use an HTTP store. Listings and deletes stream back through
/// channels; `get` collects the body on the runtime, so reads come back whole. (Multipart
/// uploads are started on the runtime but their parts are not: ObjectStoreFs does not use
/// them.)
#[derive(Debug, Clone)]
pub struct SpawnStore {
    inner: Arc<dyn ObjectStore>,
    handle: Handle,
}

/// The shared runtime, or why it could not start (built once, by the first caller).
static SHARED: OnceLock<Result<Runtime, String>> = OnceLock::new();

impl SpawnStore {
    /// Runs `inner`'s calls on the runtime of `handle`.
    pub fn new(inner: Arc<dyn ObjectStore>, handle: Handle) -> SpawnStore {
        SpawnStore { inner, handle }
    }

    /// Runs `inner`'s calls on a runtime shared by the whole process (two worker threads,
    /// started on first use, never stopped). `EIO` if the runtime cannot start.
    pub fn on_shared_runtime(inner: Arc<dyn ObjectStore>) -> Result<SpawnStore, FsError> {
        let runtime = SHARED.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("vbash-s3")
                .enable_all()
                .build()
                .map_err(|e| format!("starting a runtime: {e}"))
        });
        match runtime {
            Ok(rt) => Ok(SpawnStore::new(inner, rt.handle().clone())),
            Err(e) => Err(FsError::io("s3://", e.clone())),
        }
    }

    /// Runs `fut` on the runtime and waits for its result from wherever we are.
    async fn run<T: Send + 'static>(
        &self,
        fut: impl Future<Output = object_store::Result<T>> + Send + 'static,
    ) -> object_store::Result<T> {
        self.handle
            .spawn(fut)
            .await
            .map_err(|e| object_store::Error::Generic {
                store: "SpawnStore",
                source: Box::new(e),
            })?
    }

    /// Drives `make()`'s stream on the runtime, handing its items over a channel (the
    /// task ends when the consumer drops the stream).
    fn forward<T: Send + 'static>(
        &self,
        make: impl FnOnce() -> BoxStream<'static, object_store::Result<T>> + Send + 'static,
    ) -> BoxStream<'static, object_store::Result<T>> {
        let (mut tx, rx) = mpsc::channel(16);
        self.handle.spawn(async move {
            let mut items = make();
            while let Some(item) = items.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        });
        rx.boxed()
    }
}

impl fmt::Display for SpawnStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpawnStore({})", self.inner)
    }
}

#[async_trait]
impl ObjectStore for SpawnStore {
    async fn put_opts(
        &self,
        location: &Path,
        payload: PutPayload,
        opts: PutOptions,
    ) -> object_store::Result<PutResult> {
        let (inner, location) = (self.inner.clone(), location.clone());
        self.run(async move { inner.put_opts(&location, payload, opts).await })
            .await
    }

    async fn put_multipart_opts(
        &self,
        location: &Path,
        opts: PutMultipartOptions,
    ) -> object_store::Result<Box<dyn MultipartUpload>> {
        let (inner, location) = (self.inner.clone(), location.clone());
        self.run(async move { inner.put_multipart_opts(&location, opts).await })
            .await
    }

    async fn get_opts(
        &self,
        location: &Path,
        options: GetOptions,
    ) -> object_store::Result<GetResult> {
        let (inner, location) = (self.inner.clone(), location.clone());
        self.run(async move {
            let got = inner.get_opts(&location, options).await?;
            let (meta, range, attributes) =
                (got.meta.clone(), got.range.clone(), got.attributes.clone());
            // The body is read here, on the runtime: its stream may need it too.
            let body = got.bytes().await?;
            Ok(GetResult {
                payload: GetResultPayload::Stream(
                    futures::stream::once(async move { Ok(body) }).boxed(),
                ),
                meta,
                range,
                attributes,
                extensions: Default::default(),
            })
        })
        .await
    }

    async fn get_ranges(
        &self,
        location: &Path,
        ranges: &[Range<u64>],
    ) -> object_store::Result<Vec<Bytes>> {
        let (inner, location, ranges) = (self.inner.clone(), location.clone(), ranges.to_vec());
        self.run(async move { inner.get_ranges(&location, &ranges).await })
            .await
    }

    fn delete_stream(
        &self,
        locations: BoxStream<'static, object_store::Result<Path>>,
    ) -> BoxStream<'static, object_store::Result<Path>> {
        let inner = self.inner.clone();
        self.forward(move || inner.delete_stream(locations))
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
        let (inner, prefix) = (self.inner.clone(), prefix.cloned());
        self.forward(move || inner.list(prefix.as_ref()))
    }

    fn list_with_offset(
        &self,
        prefix: Option<&Path>,
        offset: &Path,
    ) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
        let (inner, prefix, offset) = (self.inner.clone(), prefix.cloned(), offset.clone());
        self.forward(move || inner.list_with_offset(prefix.as_ref(), &offset))
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> object_store::Result<ListResult> {
        let (inner, prefix) = (self.inner.clone(), prefix.cloned());
        self.run(async move { inner.list_with_delimiter(prefix.as_ref()).await })
            .await
    }

    async fn copy_opts(
        &self,
        from: &Path,
        to: &Path,
        options: CopyOptions,
    ) -> object_store::Result<()> {
        let (inner, from, to) = (self.inner.clone(), from.clone(), to.clone());
        self.run(async move { inner.copy_opts(&from, &to, options).await })
            .await
    }

    async fn rename_opts(
        &self,
        from: &Path,
        to: &Path,
        options: RenameOptions,
    ) -> object_store::Result<()> {
        let (inner, from, to) = (self.inner.clone(), from.clone(), to.clone());
        self.run(async move { inner.rename_opts(&from, &to, options).await })
            .await
    }
}
