//! Standard streams: bounded pipes between pipeline stages, captured output, shared input.
//!
//! An [`Output`] is where bytes go (a pipe to the next stage, a buffer that collects a command
//! substitution or the caller's result, a file, nowhere); clones write to the same place, as
//! descriptors duplicated by `2>&1` do. An [`Input`] is where bytes come from; clones share one
//! read position, as the commands of a `while read` loop share their standard input.
//!
//! Pipes are bounded channels of byte chunks, so a fast writer waits for a slow reader
//! (backpressure) and a reader that goes away makes the writer's next write fail with
//! [`WriteError::BrokenPipe`], which the interpreter turns into bash's SIGPIPE status 141.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use vbash_vfs::{FileSystem, FsError, VfsPath};

/// How many chunks a pipe holds before its writer waits.
pub const PIPE_CHUNKS: usize = 16;

/// The largest chunk a writer puts in a pipe at once; larger writes are split.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Why a write failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The reading end is gone (bash's EPIPE / SIGPIPE).
    BrokenPipe,
    /// The output limit was reached; the message says which.
    Limit(String),
}

/// Makes a pipe: what is written to the [`Output`] is read from the [`Input`].
pub fn pipe() -> (Output, Input) {
    let (tx, rx) = mpsc::channel(PIPE_CHUNKS);
    (
        Output(Arc::new(Sink::Pipe(tx))),
        Input::from_source(Source::Pipe(rx)),
    )
}

/// Where a command's output goes. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Output(Arc<Sink>);

#[derive(Debug)]
enum Sink {
    Null,
    Buffer(Arc<Mutex<Capture>>),
    Pipe(mpsc::Sender<Bytes>),
    File(futures::lock::Mutex<FileSink>),
    Stream(StreamSink),
}

/// A function that takes output as it is produced (the CLI's terminal, a server's socket).
/// It should not block for long; an error means the reader is gone (a broken pipe).
pub type StreamFn = dyn Fn(&[u8]) -> Result<(), ()> + Send + Sync;

/// Output handed to a [`StreamFn`].
struct StreamSink(Box<StreamFn>);

impl std::fmt::Debug for StreamSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StreamSink")
    }
}

/// Output to a file of the virtual filesystem: collected, then appended to the file by
/// [`Output::flush`] (the filesystem writes whole objects).
#[derive(Debug)]
struct FileSink {
    fs: Arc<dyn FileSystem>,
    path: VfsPath,
    buf: Vec<u8>,
    limit: usize,
}

/// Bytes collected by a buffer [`Output`], bounded.
#[derive(Debug, Default)]
struct Capture {
    bytes: Vec<u8>,
    limit: usize,
}

/// The bytes a buffer [`Output`] collected; see [`Output::buffer`].
#[derive(Clone, Debug)]
pub struct Captured(Arc<Mutex<Capture>>);

impl Captured {
    /// Takes the bytes collected so far.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.lock().expect("capture lock").bytes)
    }

    /// A copy of the bytes collected so far.
    pub fn snapshot(&self) -> Vec<u8> {
        self.0.lock().expect("capture lock").bytes.clone()
    }
}

impl Output {
    /// Output that is thrown away (`/dev/null`).
    pub fn null() -> Output {
        Output(Arc::new(Sink::Null))
    }

    /// Output passed to `f` as it is produced.
    pub fn stream(f: impl Fn(&[u8]) -> Result<(), ()> + Send + Sync + 'static) -> Output {
        Output(Arc::new(Sink::Stream(StreamSink(Box::new(f)))))
    }

    /// Output collected in memory, at most `limit` bytes (beyond that writes fail with
    /// [`WriteError::Limit`]); read it through the returned [`Captured`].
    pub fn buffer(limit: usize) -> (Output, Captured) {
        let capture = Arc::new(Mutex::new(Capture {
            bytes: Vec::new(),
            limit,
        }));
        (
            Output(Arc::new(Sink::Buffer(capture.clone()))),
            Captured(capture),
        )
    }

    /// Output to the file `path`, opened as `>` (truncating) or `>>` (appending) open it:
    /// the file is created or truncated now, so errors (a missing directory) show at once.
    pub async fn file(
        fs: Arc<dyn FileSystem>,
        path: VfsPath,
        append: bool,
        limit: usize,
    ) -> Result<Output, FsError> {
        if append {
            fs.append(&path, Bytes::new()).await?;
        } else {
            fs.write(&path, Bytes::new()).await?;
        }
        Ok(Output(Arc::new(Sink::File(futures::lock::Mutex::new(
            FileSink {
                fs,
                path,
                buf: Vec::new(),
                limit,
            },
        )))))
    }

    /// Sends what a file output collected to the file. Other outputs need no flushing.
    pub async fn flush(&self) -> Result<(), FsError> {
        if let Sink::File(f) = &*self.0 {
            let mut f = f.lock().await;
            if !f.buf.is_empty() {
                let data = Bytes::from(std::mem::take(&mut f.buf));
                f.fs.append(&f.path, data).await?;
            }
        }
        Ok(())
    }

    /// Writes all of `data`, waiting while a pipe is full.
    pub async fn write(&self, data: &[u8]) -> Result<(), WriteError> {
        match &*self.0 {
            Sink::Null => Ok(()),
            Sink::Buffer(c) => {
                let mut c = c.lock().expect("capture lock");
                if c.bytes.len() + data.len() > c.limit {
                    return Err(WriteError::Limit(format!(
                        "output exceeds the limit of {} bytes",
                        c.limit
                    )));
                }
                c.bytes.extend_from_slice(data);
                Ok(())
            }
            Sink::File(f) => {
                let mut f = f.lock().await;
                if f.buf.len() + data.len() > f.limit {
                    return Err(WriteError::Limit(format!("{}: file too large", f.path)));
                }
                f.buf.extend_from_slice(data);
                Ok(())
            }
            Sink::Stream(f) => (f.0)(data).map_err(|()| WriteError::BrokenPipe),
            Sink::Pipe(tx) => {
                let mut tx = tx.clone();
                for chunk in data.chunks(CHUNK_BYTES) {
                    tx.send(Bytes::copy_from_slice(chunk))
                        .await
                        .map_err(|_| WriteError::BrokenPipe)?;
                }
                Ok(())
            }
        }
    }

    /// Whether two outputs write to the same place.
    pub fn same_as(&self, other: &Output) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Where a command's input comes from. Clones share one read position.
#[derive(Clone, Debug)]
pub struct Input(Arc<futures::lock::Mutex<Reader>>);

#[derive(Debug)]
struct Reader {
    source: Source,
    /// Bytes read from the source but not consumed yet (pushed back by line readers).
    pending: Bytes,
}

#[derive(Debug)]
enum Source {
    Done,
    Pipe(mpsc::Receiver<Bytes>),
}

impl Input {
    fn from_source(source: Source) -> Input {
        Input(Arc::new(futures::lock::Mutex::new(Reader {
            source,
            pending: Bytes::new(),
        })))
    }

    /// Input at its end already (`< /dev/null`, or no input given).
    pub fn empty() -> Input {
        Input::from_source(Source::Done)
    }

    /// Input that reads `data` and then ends (a file, a here-document).
    pub fn from_bytes(data: impl Into<Bytes>) -> Input {
        let input = Input::from_source(Source::Done);
        if let Some(mut r) = input.0.try_lock() {
            r.pending = data.into();
        }
        input
    }

    /// The next chunk, or `None` at the end.
    pub async fn read_chunk(&self) -> Option<Bytes> {
        let mut r = self.0.lock().await;
        r.next_chunk().await
    }

    /// Reads everything up to the end, failing past `limit` bytes.
    pub async fn read_to_end(&self, limit: usize) -> Result<Vec<u8>, WriteError> {
        let mut out = Vec::new();
        while let Some(chunk) = self.read_chunk().await {
            if out.len() + chunk.len() > limit {
                return Err(WriteError::Limit(format!(
                    "input exceeds the limit of {limit} bytes"
                )));
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }

    /// Puts `data` back in front of what is left to read, for a reader that took a chunk and
    /// consumed only part of it (`read -n`, `read -N`).
    /// The bytes are not copied when nothing else is pending (the usual case).
    pub async fn unread(&self, data: Bytes) {
        if data.is_empty() {
            return;
        }
        let mut r = self.0.lock().await;
        if r.pending.is_empty() {
            r.pending = data;
        } else {
            let mut joined = data.to_vec();
            joined.extend_from_slice(&r.pending);
            r.pending = Bytes::from(joined);
        }
    }

    /// Reads up to and including `delim` (or to the end), leaving the rest for the next
    /// reader, as bash's `read` does. `None` at the end with nothing read.
    pub async fn read_until(&self, delim: u8, limit: usize) -> Option<Vec<u8>> {
        let mut r = self.0.lock().await;
        let mut line = Vec::new();
        loop {
            let Some(chunk) = r.next_chunk().await else {
                return (!line.is_empty()).then_some(line);
            };
            if let Some(i) = memchr::memchr(delim, &chunk) {
                line.extend_from_slice(&chunk[..=i]);
                r.pending = chunk.slice(i + 1..);
                return Some(line);
            }
            line.extend_from_slice(&chunk);
            if line.len() >= limit {
                return Some(line);
            }
        }
    }
}

impl Reader {
    async fn next_chunk(&mut self) -> Option<Bytes> {
        if !self.pending.is_empty() {
            return Some(std::mem::take(&mut self.pending));
        }
        match &mut self.source {
            Source::Done => None,
            Source::Pipe(rx) => {
                let chunk = rx.next().await;
                if chunk.is_none() {
                    self.source = Source::Done;
                }
                chunk
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;
    use futures::future::join;

    #[test]
    fn pipe_carries_bytes_then_ends() {
        let (out, input) = pipe();
        let writer = async move {
            out.write(b"hello ").await.unwrap();
            out.write(b"world\nsecond line").await.unwrap();
        };
        let reader = async {
            let first = input.read_until(b'\n', 1 << 20).await;
            let rest = input.read_to_end(1 << 20).await.unwrap();
            (first, rest)
        };
        let ((), (first, rest)) = block_on(join(writer, reader));
        assert_eq!(first.unwrap(), b"hello world\n");
        assert_eq!(rest, b"second line");
    }

    #[test]
    fn a_closed_reader_breaks_the_pipe() {
        let (out, input) = pipe();
        drop(input);
        assert_eq!(block_on(out.write(b"x")), Err(WriteError::BrokenPipe));
    }

    #[test]
    fn writers_wait_for_readers() {
        // More than the pipe holds: the writer can only finish because the reader drains it.
        let (out, input) = pipe();
        let big = vec![b'a'; CHUNK_BYTES * (PIPE_CHUNKS + 8)];
        let writer = async move { out.write(&big).await.unwrap() };
        let reader = input.read_to_end(usize::MAX);
        let ((), all) = block_on(join(writer, reader));
        assert_eq!(all.unwrap().len(), CHUNK_BYTES * (PIPE_CHUNKS + 8));
    }

    #[test]
    fn buffers_are_bounded() {
        let (out, captured) = Output::buffer(4);
        block_on(out.write(b"abc")).unwrap();
        assert!(matches!(
            block_on(out.write(b"de")),
            Err(WriteError::Limit(_))
        ));
        assert_eq!(captured.take(), b"abc");
    }
}
