//! Pathname expansion: fields with unquoted `*`, `?` or `[…]` become the sorted names of the
//! files they match, one path component at a time, as bash does.

use vbash_vfs::FileKind;

use super::fields::Piece;
use super::pattern::{compile, Pieces};
use crate::exec::{Flow, Interp};
use crate::pattern::{MatchMode, Pattern, PatternOptions, PatternPiece};

/// At most this many paths come out of one pattern; more is an error, not unbounded memory.
pub const MAX_GLOB_RESULTS: usize = 1_000_000;

impl Interp {
    /// The names a field expands to, or `None` when it is not a pattern (or matches nothing
    /// and neither `nullglob` nor `failglob` is set), in which case the field stays as it is.
    pub(crate) async fn glob_field(
        &mut self,
        field: &[Piece],
    ) -> Result<Option<Vec<Vec<u8>>>, Flow> {
        if self.state.options.noglob {
            return Ok(None);
        }
        let pieces: Pieces = field.iter().map(|p| (p.text.clone(), p.quoted)).collect();
        let refs: Vec<PatternPiece<'_>> = pieces
            .iter()
            .map(|(t, q)| {
                if *q {
                    PatternPiece::Literal(t)
                } else {
                    PatternPiece::Glob(t)
                }
            })
            .collect();
        if !Pattern::is_glob(&refs) {
            return Ok(None);
        }
        let components = split_components(&pieces);
        let absolute = pieces
            .first()
            .is_some_and(|(t, _)| t.first() == Some(&b'/'));
        let shopt = self.state.shopt;
        let opts = PatternOptions {
            extglob: shopt.extglob,
            nocase: shopt.nocaseglob,
            mode: MatchMode::Glob {
                dotglob: shopt.dotglob,
                skip_dots: shopt.globskipdots,
            },
            ..PatternOptions::default()
        };
        // Paths as they will be shown (relative stays relative).
        let mut paths: Vec<Vec<u8>> = vec![if absolute { b"/".to_vec() } else { Vec::new() }];
        let last = components.len().saturating_sub(1);
        for (i, comp) in components.iter().enumerate() {
            let comp_refs: Vec<PatternPiece<'_>> = comp
                .iter()
                .map(|(t, q)| {
                    if *q {
                        PatternPiece::Literal(t)
                    } else {
                        PatternPiece::Glob(t)
                    }
                })
                .collect();
            let mut next = Vec::new();
            if shopt.globstar && comp.len() == 1 && !comp[0].1 && comp[0].0 == b"**" {
                for base in &paths {
                    self.all_below(base, i == last, &mut next).await?;
                }
            } else if Pattern::is_glob(&comp_refs) {
                let pattern = compile(comp, &opts);
                let pattern = self.pattern_result(pattern).await?;
                for base in &paths {
                    let dir = self
                        .state
                        .cwd
                        .resolve(if base.is_empty() { b"." } else { base });
                    let Ok(entries) = self.ctx.fs.read_dir(&dir).await else {
                        continue;
                    };
                    for entry in entries {
                        let r = pattern.matches(&entry.name);
                        if !self.pattern_result(r).await? {
                            continue;
                        }
                        let path = join(base, &entry.name);
                        if i < last && !self.is_dir(&path, entry.kind).await {
                            continue;
                        }
                        next.push(path);
                    }
                }
            } else {
                let name: Vec<u8> = comp.iter().flat_map(|(t, q)| unescape(t, *q)).collect();
                for base in &paths {
                    let path = join(base, &name);
                    if i == last {
                        if self
                            .ctx
                            .fs
                            .symlink_metadata(&self.state.cwd.resolve(&path))
                            .await
                            .is_ok()
                        {
                            next.push(path);
                        }
                    } else {
                        next.push(path);
                    }
                }
            }
            if next.len() > MAX_GLOB_RESULTS {
                self.error(b"pathname expansion: too many matches").await?;
                return Err(Flow::Abort(1));
            }
            paths = next;
        }
        // A trailing `/` keeps only directories, and stays on each name.
        let text_ends_in_slash = pieces.last().is_some_and(|(t, _)| t.last() == Some(&b'/'));
        if text_ends_in_slash {
            let mut dirs = Vec::new();
            for p in paths {
                if self.is_dir(&p, FileKind::Symlink).await {
                    let mut p = p;
                    p.push(b'/');
                    dirs.push(p);
                }
            }
            paths = dirs;
        }
        paths.sort();
        if paths.is_empty() {
            if shopt.failglob {
                let text: Vec<u8> = pieces.iter().flat_map(|(t, _)| t.iter().copied()).collect();
                let mut msg = b"no match: ".to_vec();
                msg.extend_from_slice(&text);
                self.error(&msg).await?;
                return Err(Flow::Abort(1));
            }
            return Ok(shopt.nullglob.then(Vec::new));
        }
        Ok(Some(paths))
    }

    async fn is_dir(&self, path: &[u8], kind: FileKind) -> bool {
        match kind {
            FileKind::Directory => true,
            FileKind::File => false,
            FileKind::Symlink => self
                .ctx
                .fs
                .metadata(&self.state.cwd.resolve(path))
                .await
                .is_ok_and(|m| m.is_dir()),
        }
    }

    /// `**` with `globstar`: `base` and every directory below it (and, as the last component,
    /// every file too), not descending into hidden entries unless `dotglob`.
    async fn all_below(
        &self,
        base: &[u8],
        files_too: bool,
        out: &mut Vec<Vec<u8>>,
    ) -> Result<(), Flow> {
        let mut stack = vec![base.to_vec()];
        if !base.is_empty() || !files_too {
            out.push(base.to_vec());
        }
        while let Some(dir) = stack.pop() {
            let resolved = self
                .state
                .cwd
                .resolve(if dir.is_empty() { b"." } else { &dir });
            let Ok(entries) = self.ctx.fs.read_dir(&resolved).await else {
                continue;
            };
            for entry in entries {
                if entry.name.first() == Some(&b'.') && !self.state.shopt.dotglob {
                    continue;
                }
                let path = join(&dir, &entry.name);
                if entry.kind == FileKind::Directory {
                    out.push(path.clone());
                    stack.push(path);
                } else if files_too {
                    out.push(path);
                }
                if out.len() > MAX_GLOB_RESULTS {
                    return Err(Flow::Abort(1));
                }
            }
        }
        if base.is_empty() && files_too {
            out.retain(|p| !p.is_empty());
        }
        Ok(())
    }
}

/// `base/name`, or `name` for an empty base.
fn join(base: &[u8], name: &[u8]) -> Vec<u8> {
    let mut p = base.to_vec();
    if !p.is_empty() && p.last() != Some(&b'/') {
        p.push(b'/');
    }
    p.extend_from_slice(name);
    p
}

/// Splits pieces at `/` into path components (dropping empty ones), keeping quoting.
fn split_components(pieces: &Pieces) -> Vec<Pieces> {
    let mut comps: Vec<Pieces> = vec![Vec::new()];
    for (text, quoted) in pieces {
        for (k, part) in text.split(|&c| c == b'/').enumerate() {
            if k > 0 {
                comps.push(Vec::new());
            }
            if !part.is_empty() {
                comps
                    .last_mut()
                    .expect("non-empty")
                    .push((part.to_vec(), *quoted));
            }
        }
    }
    comps.retain(|c| !c.is_empty());
    comps
}

/// Unquoted literal text of a non-glob component: backslashes escape the next byte.
fn unescape(text: &[u8], quoted: bool) -> Vec<u8> {
    if quoted {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\\' && i + 1 < text.len() {
            i += 1;
        }
        out.push(text[i]);
        i += 1;
    }
    out
}
