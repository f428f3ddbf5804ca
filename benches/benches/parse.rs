//! Parse throughput of `vbash-syntax`, in bytes per second.
//!
//! Two inputs: every script under `fixtures/syntax/` that bash accepts (small, tricky
//! snippets), and the shell scripts found on this machine (`/usr/bin`, `/usr/sbin`, `/etc`,
//! `/usr/share`; real-world code), each parsed file by file. Run with
//! `cargo bench -p vbash-benches --bench parse`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Reads the scripts that parse, so the benchmark measures successful parses.
fn load(paths: impl IntoIterator<Item = PathBuf>) -> Vec<Vec<u8>> {
    paths
        .into_iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|src| vbash_syntax::parse(src).is_ok())
        .collect()
}

fn fixture_scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/syntax");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "sh"));
    files.sort();
    files
}

/// Shell scripts on this machine: a `#!` line naming sh/bash/dash, or a `.sh` name.
fn system_scripts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = ["/usr/bin", "/usr/sbin", "/etc", "/usr/share"]
        .iter()
        .map(PathBuf::from)
        .collect();
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in rd.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(path);
            } else if ft.is_file() && is_shell_script(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn is_shell_script(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e == "sh") {
        return true;
    }
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.len() > 1 << 20 {
        return false;
    }
    let Ok(head) = std::fs::read(path) else {
        return false;
    };
    let line = head.split(|&c| c == b'\n').next().unwrap_or(&[]);
    line.starts_with(b"#!")
        && [&b"/sh"[..], b"/bash", b"/dash", b"env sh", b"env bash"]
            .iter()
            .any(|n| line.windows(n.len()).any(|w| w == *n))
}

fn bench_corpus(c: &mut Criterion, name: &str, scripts: &[Vec<u8>]) {
    if scripts.is_empty() {
        return;
    }
    let bytes: usize = scripts.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!("{name} ({} files, {bytes} bytes)", scripts.len()),
        |b| {
            b.iter(|| {
                for src in scripts {
                    std::hint::black_box(vbash_syntax::parse(src).ok());
                }
            })
        },
    );
    group.finish();
}

fn parse_throughput(c: &mut Criterion) {
    bench_corpus(c, "fixtures", &load(fixture_scripts()));
    bench_corpus(c, "system scripts", &load(system_scripts()));
}

criterion_group!(benches, parse_throughput);
criterion_main!(benches);
