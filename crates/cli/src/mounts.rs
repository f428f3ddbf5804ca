//! `--mount MOUNTPOINT=URL` and `--overlay MOUNTPOINT=DIR`: the filesystem scripts see.
//!
//! ```text
//! vbash --mount /data=file:///srv/data --mount /scratch=memory:// --list-mounts
//! /         memory   memory://
//! /data     host     file:///srv/data
//! /scratch  memory   memory://
//! ```
//!
//! (columns are separated by one tab). URLs:
//!
//! - `memory://`: an empty in-memory filesystem;
//! - `file:///DIR` (or `file://localhost/DIR`, `%XX` escapes allowed): the host directory
//!   `DIR`, read-write, confined to it ([`vbash_vfs::HostFs`]);
//! - `s3://BUCKET/PREFIX`: objects under `PREFIX` in `BUCKET` ([`vbash_vfs::ObjectStoreFs`]),
//!   with S3 settings from the `AWS_*` environment variables (feature `s3`, on by default).
//!
//! `--overlay MOUNTPOINT=DIR` shows the host directory `DIR` (a path, relative to the current
//! directory or absolute) read-only, with every change kept in memory
//! ([`vbash_vfs::OverlayFs`]).
//!
//! Without a mount at `/`, the root is an empty in-memory filesystem with `/home/user` (the
//! working directory) and `/tmp`. A mount at `/` replaces it as given; nothing is created in it.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

use vbash_vfs::{FileSystem, HostFs, MemFs, MountFs, OverlayFs, ReadOnlyFs, VfsPath};

/// One `--mount` or `--overlay` from the command line, not yet checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountArg {
    /// `--overlay` (a host directory under a memory layer) rather than `--mount`.
    pub overlay: bool,
    /// `MOUNTPOINT=URL` or `MOUNTPOINT=DIR`, as given.
    pub spec: OsString,
}

impl MountArg {
    /// The option as the user wrote it, for messages: `--mount '/x=y'`.
    fn shown(&self) -> String {
        let option = if self.overlay { "--overlay" } else { "--mount" };
        format!("{option} '{}'", self.spec.to_string_lossy())
    }
}

/// One entry of the mount table, as `--list-mounts` prints it.
#[derive(Debug)]
pub struct Mount {
    /// Where it is mounted.
    pub point: VfsPath,
    /// `memory`, `host`, `overlay` or `s3`.
    pub kind: &'static str,
    /// Where its files come from, as a URL (`file:///` with the canonical host path).
    pub source: String,
}

/// The filesystem the command line describes and its mount table.
#[derive(Debug)]
pub struct Mounts {
    /// Every mount, the root included, sorted by mount point.
    pub table: Vec<Mount>,
    /// The whole namespace, for the interpreter.
    pub fs: Arc<dyn FileSystem>,
}

impl Mounts {
    /// The `--list-mounts` lines: `MOUNTPOINT\tKIND\tSOURCE`.
    pub fn listing(&self) -> String {
        self.table
            .iter()
            .map(|m| format!("{}\t{}\t{}\n", m.point, m.kind, m.source))
            .collect()
    }

    /// Checks that every mount point can be reached through the namespace (a store that
    /// cannot be listed fails here rather than at the first command).
    fn check(&self) -> Result<(), String> {
        for m in &self.table {
            match block_on(self.fs.metadata(&m.point)) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => return Err(format!("{}: mount point is not a directory", m.point)),
                Err(e) => return Err(format!("{}: cannot access mount: {e}", m.point)),
            }
        }
        Ok(())
    }
}

/// A mount URL, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum MountUrl {
    /// `memory://`.
    Memory,
    /// `file:///DIR`.
    File(PathBuf),
    /// `s3://BUCKET/PREFIX` (`prefix` without leading or trailing `/`; may be empty).
    S3 { bucket: String, prefix: String },
}

const URL_FORMS: &str = "use memory://, file:///DIR or s3://BUCKET/PREFIX";

impl MountUrl {
    fn parse(url: &str) -> Result<MountUrl, String> {
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(format!("'{url}' is not a mount URL ({URL_FORMS})"));
        };
        match scheme {
            "memory" if rest.is_empty() => Ok(MountUrl::Memory),
            "memory" => Err(format!("'{url}': memory:// takes no path")),
            "file" => {
                // RFC 8089: the host is empty or `localhost`; the path is absolute.
                let path = rest.strip_prefix("localhost").unwrap_or(rest);
                if !path.starts_with('/') {
                    return Err(format!(
                        "'{url}': a file URL needs an empty host and an absolute path (file:///DIR)"
                    ));
                }
                Ok(MountUrl::File(PathBuf::from(percent_decode(path)?)))
            }
            "s3" => {
                let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
                if !valid_bucket(bucket) {
                    return Err(format!(
                        "'{url}': invalid bucket name '{bucket}' (3-63 characters: a-z, 0-9, '.', '-')"
                    ));
                }
                Ok(MountUrl::S3 {
                    bucket: bucket.to_owned(),
                    prefix: prefix.trim_matches('/').to_owned(),
                })
            }
            other => Err(format!(
                "unsupported mount URL scheme '{other}' ({URL_FORMS})"
            )),
        }
    }
}

/// S3's bucket naming rules, in short: 3 to 63 lowercase letters, digits, dots and hyphens,
/// starting and ending with a letter or digit.
fn valid_bucket(name: &str) -> bool {
    let b = name.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

/// Decodes `%XX` escapes (a file URL's path may have them for spaces and the like).
fn percent_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(c) => out.push(c),
                None => return Err(format!("'{s}': bad %-escape in file URL")),
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("'{s}': file URL path is not UTF-8"))
}

/// Opens the filesystem a mount URL names. This is the one place a new kind of mount is
/// wired in.
pub fn open_mount(url: &str) -> Result<Arc<dyn FileSystem>, String> {
    match MountUrl::parse(url)? {
        MountUrl::Memory => Ok(Arc::new(MemFs::new())),
        MountUrl::File(dir) => Ok(Arc::new(open_host(&dir)?)),
        MountUrl::S3 { bucket, prefix } => open_s3(&bucket, &prefix),
    }
}

/// The hook for `s3://BUCKET/PREFIX` mounts: `bucket` is a valid bucket name and `prefix`
/// has no leading or trailing `/` (it may be empty). Settings come from the standard `AWS_*`
/// environment variables as object_store's `AmazonS3Builder::from_env` reads them
/// (credentials, `AWS_REGION`, `AWS_ENDPOINT_URL`, `AWS_ALLOW_HTTP`, …); requests run on a
/// runtime of their own ([`vbash_vfs::s3::SpawnStore`]), so `block_on` can drive them.
#[cfg(feature = "s3")]
fn open_s3(bucket: &str, prefix: &str) -> Result<Arc<dyn FileSystem>, String> {
    let store = vbash_vfs::s3::store_from_env(bucket).map_err(|e| e.to_string())?;
    let fs = vbash_vfs::ObjectStoreFs::new(store)
        .with_prefix(prefix)
        .map_err(|e| e.to_string())?;
    Ok(Arc::new(fs))
}

/// Without the `s3` feature, `s3://` mounts are refused with the reason.
#[cfg(not(feature = "s3"))]
fn open_s3(bucket: &str, prefix: &str) -> Result<Arc<dyn FileSystem>, String> {
    let _ = (bucket, prefix);
    Err("s3 mounts need the object-store feature".to_owned())
}

fn open_host(dir: &std::path::Path) -> Result<HostFs, String> {
    HostFs::new(dir).map_err(|e| format!("{}: {}", dir.display(), strerror(&e)))
}

/// The source column for a mount URL: file paths made canonical.
fn source(url: &MountUrl, raw: &str) -> String {
    match url {
        MountUrl::File(dir) => file_url(dir),
        MountUrl::S3 { bucket, prefix } => format!("s3://{bucket}/{prefix}"),
        MountUrl::Memory => raw.to_owned(),
    }
}

fn file_url(dir: &std::path::Path) -> String {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    format!("file://{}", dir.display())
}

/// Checks and opens every mount, and builds the namespace. Errors are one line, naming
/// the option as given.
pub fn build(args: &[MountArg]) -> Result<Mounts, String> {
    let mut table: Vec<Mount> = Vec::new();
    let mut opened: Vec<(VfsPath, Arc<dyn FileSystem>)> = Vec::new();
    for arg in args {
        let fail = |msg: String| format!("{}: {msg}", arg.shown());
        let spec = arg
            .spec
            .to_str()
            .ok_or_else(|| fail("not valid UTF-8".to_owned()))?;
        let Some((point, what)) = spec.split_once('=') else {
            let form = if arg.overlay {
                "MOUNTPOINT=DIR"
            } else {
                "MOUNTPOINT=URL"
            };
            return Err(fail(format!("expected {form}")));
        };
        let point = VfsPath::new(point)
            .ok_or_else(|| fail(format!("mount point '{point}' is not an absolute path")))?;
        if table.iter().any(|m| m.point == point) {
            return Err(fail(format!("{point} is mounted twice")));
        }
        if what.is_empty() {
            return Err(fail("nothing to mount".to_owned()));
        }
        let (kind, source, fs): (&'static str, String, Arc<dyn FileSystem>) = if arg.overlay {
            let dir = PathBuf::from(what);
            // The overlay never writes its lower layer; ReadOnlyFs makes sure of it.
            let lower = Arc::new(ReadOnlyFs::new(open_host(&dir).map_err(fail)?));
            let fs = OverlayFs::new(lower, Arc::new(MemFs::new()));
            ("overlay", file_url(&dir), Arc::new(fs))
        } else {
            let url = MountUrl::parse(what).map_err(fail)?;
            let fs = open_mount(what).map_err(fail)?;
            let kind = match url {
                MountUrl::Memory => "memory",
                MountUrl::File(_) => "host",
                MountUrl::S3 { .. } => "s3",
            };
            (kind, source(&url, what), fs)
        };
        table.push(Mount {
            point: point.clone(),
            kind,
            source,
        });
        opened.push((point, fs));
    }
    let mut root: Option<Arc<dyn FileSystem>> = None;
    if let Some(at) = opened.iter().position(|(p, _)| p.is_root()) {
        root = Some(opened.remove(at).1);
    }
    let root = match root {
        Some(fs) => fs,
        None => {
            table.push(Mount {
                point: VfsPath::root(),
                kind: "memory",
                source: "memory://".to_owned(),
            });
            default_root()?
        }
    };
    let mut fs = MountFs::new(root);
    for (point, mounted) in opened {
        fs = fs.mount(point, mounted);
    }
    table.sort_by(|a, b| a.point.cmp(&b.point));
    let mounts = Mounts {
        table,
        fs: Arc::new(fs),
    };
    mounts.check()?;
    Ok(mounts)
}

/// The root when none is mounted: memory, with the working directory and `/tmp`.
fn default_root() -> Result<Arc<dyn FileSystem>, String> {
    let fs = MemFs::new();
    for dir in ["/home/user", "/tmp"] {
        let path = VfsPath::new(dir).unwrap_or_else(VfsPath::root);
        block_on(fs.create_dir_all(&path)).map_err(|e| format!("{dir}: {e}"))?;
    }
    Ok(Arc::new(fs))
}

/// Runs a filesystem call to completion. The CLI has no async runtime yet; the memory and
/// host filesystems complete without waiting.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    futures::executor::block_on(f)
}

/// The C library's text for an I/O error, without Rust's ` (os error N)`.
fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arg(spec: &str) -> MountArg {
        MountArg {
            overlay: false,
            spec: spec.into(),
        }
    }

    fn error(args: &[MountArg]) -> String {
        build(args).unwrap_err()
    }

    #[test]
    fn urls() {
        assert_eq!(MountUrl::parse("memory://"), Ok(MountUrl::Memory));
        assert_eq!(
            MountUrl::parse("file:///srv/my%20data"),
            Ok(MountUrl::File("/srv/my data".into()))
        );
        assert_eq!(
            MountUrl::parse("file://localhost/srv"),
            Ok(MountUrl::File("/srv".into()))
        );
        assert_eq!(
            MountUrl::parse("s3://my-bucket/some/prefix/"),
            Ok(MountUrl::S3 {
                bucket: "my-bucket".into(),
                prefix: "some/prefix".into()
            })
        );
        assert_eq!(
            MountUrl::parse("s3://my.bucket"),
            Ok(MountUrl::S3 {
                bucket: "my.bucket".into(),
                prefix: String::new()
            })
        );
        for bad in [
            "memory://x",
            "file://host/dir",
            "file://relative",
            "file:///bad%zz",
            "s3://",
            "s3://ab/x",
            "s3://Upper/x",
            "s3://-dash/x",
            "ftp://x",
            "/just/a/path",
        ] {
            assert!(MountUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn host_mounts_write_through_and_overlays_do_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), "host").unwrap();
        let host = dir.path().display();
        let m = build(&[
            arg(&format!("/h=file://{host}")),
            MountArg {
                overlay: true,
                spec: format!("/o={host}").into(),
            },
        ])
        .unwrap();
        let p = |s: &str| VfsPath::new(s).unwrap();
        block_on(async {
            m.fs.write(&p("/o/a"), "memory".into()).await.unwrap();
            m.fs.write(&p("/o/new"), "memory".into()).await.unwrap();
            assert_eq!(m.fs.read(&p("/o/a")).await.unwrap(), "memory");
            assert_eq!(m.fs.read(&p("/h/a")).await.unwrap(), "host");
            assert!(!dir.path().join("new").exists());
            m.fs.write(&p("/h/b"), "through".into()).await.unwrap();
        });
        assert_eq!(std::fs::read(dir.path().join("b")).unwrap(), b"through");
    }

    #[test]
    fn default_table() {
        let m = build(&[]).unwrap();
        assert_eq!(m.listing(), "/\tmemory\tmemory://\n");
        let home = VfsPath::new("/home/user").unwrap();
        assert!(block_on(m.fs.metadata(&home)).unwrap().is_dir());
        assert!(block_on(m.fs.exists(&VfsPath::new("/tmp").unwrap())));
    }

    #[test]
    fn specs() {
        let m = build(&[arg("/scratch/=memory://"), arg("/=memory://")]).unwrap();
        assert_eq!(
            m.listing(),
            "/\tmemory\tmemory://\n/scratch\tmemory\tmemory://\n"
        );
        // A mounted root is used as given.
        assert!(!block_on(m.fs.exists(&VfsPath::new("/tmp").unwrap())));
        assert!(error(&[arg("data=memory://")]).contains("not an absolute path"));
        assert!(error(&[arg("/data")]).contains("expected MOUNTPOINT=URL"));
        assert!(error(&[arg("/d=")]).contains("nothing to mount"));
        assert!(error(&[arg("/d=memory://"), arg("/d/=memory://")]).contains("mounted twice"));
        #[cfg(not(feature = "s3"))]
        assert_eq!(
            error(&[arg("/d=s3://bucket/x")]),
            "--mount '/d=s3://bucket/x': s3 mounts need the object-store feature"
        );
        // With the feature, opening makes no request (the first command will).
        #[cfg(feature = "s3")]
        assert!(build(&[arg("/d=s3://bucket/x")]).is_ok());
        let e = error(&[arg("/d=file:///nonexistent/vbash-test-dir")]);
        assert_eq!(
            e,
            "--mount '/d=file:///nonexistent/vbash-test-dir': \
             /nonexistent/vbash-test-dir: No such file or directory"
        );
    }
}
