//! A real S3 server for tests and benches: moto (`pip install 'moto[server]'`), started on a
//! free port of 127.0.0.1 and stopped by its PID when the guard drops (also when a test
//! panics; and a watchdog process kills it should the test process die without unwinding).
//!
//! With `CI=true` moto must be there ([`Moto::start`] panics otherwise); elsewhere a missing
//! `moto_server` means "skip", with a note on stderr. `MOTO_SERVER` names another binary.

#![allow(dead_code)] // Each test or bench uses part of it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use object_store::aws::AmazonS3Builder;
use object_store::ObjectStore;

/// A running moto server; dropping it stops the server.
pub struct Moto {
    child: Child,
    watchdog: Option<Child>,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    addr: SocketAddr,
}

/// Whether the tests must not skip (CI sets `CI=true`).
pub fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl Moto {
    /// Starts moto, or returns `None` (after printing why) when it is not installed and
    /// not [`required`]. Panics when it is required but cannot start.
    pub fn start() -> Option<Moto> {
        let program = std::env::var("MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
        let mut last_error = String::new();
        // A freed port can be taken again before moto binds it: try a few.
        for _ in 0..3 {
            let port = free_port();
            let spawned = Command::new(&program)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            let child = match spawned {
                Ok(child) => child,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required() => {
                    eprintln!(
                        "note: skipping S3 tests: `{program}` not found \
                         (pip install 'moto[server]'; with CI=true they fail instead)"
                    );
                    return None;
                }
                Err(e) => panic!("cannot start `{program}`: {e}"),
            };
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            let mut moto = Moto {
                watchdog: watchdog(child.id()),
                child,
                endpoint: format!("http://{addr}"),
                addr,
            };
            match moto.wait_ready(Duration::from_secs(60)) {
                Ok(()) => return Some(moto),
                Err(e) => last_error = e,
            }
        }
        panic!("moto did not start: {last_error}");
    }

    /// Polls until moto answers HTTP (or exits, or `limit` passes).
    fn wait_ready(&mut self, limit: Duration) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("moto_server exited with {status}"));
            }
            if let Ok(status) = self.request("GET", "/") {
                if status == 200 {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("no answer on {} within {limit:?}", self.endpoint))
    }

    /// One plain HTTP/1.1 request without a body; the status code. (Moto does not check
    /// signatures, so bucket creation needs no AWS client.)
    fn request(&self, method: &str, path: &str) -> std::io::Result<u16> {
        let mut stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.addr
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        response
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad response: {response:.80}")))
    }

    /// Creates `bucket` (an HTTP PUT, path-style).
    pub fn create_bucket(&self, bucket: &str) {
        let status = self
            .request("PUT", &format!("/{bucket}"))
            .unwrap_or_else(|e| panic!("creating bucket {bucket}: {e}"));
        assert_eq!(status, 200, "creating bucket {bucket}");
    }

    /// An object_store S3 client for `bucket` on this server: path-style requests over
    /// plain HTTP with dummy credentials, as for any S3-compatible endpoint.
    pub fn store(&self, bucket: &str) -> Arc<dyn ObjectStore> {
        let s3 = AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_allow_http(true)
            .with_virtual_hosted_style_request(false)
            .with_region("us-east-1")
            .with_access_key_id("testing")
            .with_secret_access_key("testing")
            .with_bucket_name(bucket)
            .build()
            .expect("S3 client for moto");
        Arc::new(s3)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // Child::kill sends SIGKILL to this PID (moto_server's shim execs Python, so the PID
        // is the server's own).
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(mut w) = self.watchdog.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
    }
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding a free port");
    listener.local_addr().expect("local address").port()
}

/// A small shell loop that kills `pid` once this process is gone (a test killed by a signal
/// does not unwind, so Drop never runs).
fn watchdog(pid: u32) -> Option<Child> {
    let me = std::process::id();
    let script = format!(
        "while kill -0 {me} 2>/dev/null && kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         kill -9 {pid} 2>/dev/null"
    );
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()
}
